"""What the form fuzzers type, how many examples they try, and how they check what comes back.

The text mixes every script, markup and control characters: what a person, a browser or a robot can put
in a form field. Lone surrogates are left out, since they cannot be encoded in the UTF-8 a browser sends.
FUZZ_PROFILE=deep (`make fuzz`) tries many more examples than the quick run of the default suite.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

DEEP = os.environ.get("FUZZ_PROFILE", "") == "deep"


def fuzz_settings(examples: int) -> settings:
    """Hypothesis settings of a form fuzzer: `examples` in the quick run, 25 times as many in the deep one.

    The quick run (part of the suite) is derandomized, as the API fuzzer's, so that CI fails only on a
    change; the deep run draws new examples each time. The db fixture is function-scoped by design: each
    example undoes its own writes (example_rolled_back).
    """
    return settings(
        max_examples=examples * 25 if DEEP else examples,
        derandomize=not DEEP,
        deadline=None,
        database=None,  # no .hypothesis/ folder in the checkout; a failure prints its reproduction blob
        print_blob=True,
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],  # no slow "explain"
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


SCRIPTS = [
    "Ada Lovelace",
    "مريم الأسطرلابي",  # Arabic, right to left
    "李白 杜甫",
    "देवनागरी लिपि",
    "Ñandú Çağrı",
    "İstanbul ß ﬁ",  # change length when case-folded
    "👩🏽‍💻🚀🏳️‍🌈",
    "e\u0301\u0308\u20dd",  # combining marks
    "\u200f\u202eevil\u202c",  # right-to-left mark and override
    "\u200b\u2060",  # zero-width space and joiner
    "\ufdfa",
    "ǅ Ⅻ ℌ",
]
# Markup that would run or change the page if it were ever shown unescaped.
MARKUP = [
    '<script>alert("fz")</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><b>out</b>",
    "<a href=javascript:alert(1)>x</a>",
]
ENTITIES = [
    "&amp;",
    "&lt;b&gt;",
    "&#x27;",
    "&nbsp;",
    "&",
    "'",
    '"',
    "{{ request }}",
    "{% csrf_token %}",
    "%(n)s",
]
CONTROL = [
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x85",
    "\t",
    "\n",
    "\r\n",
    "\u2028",
]
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

any_character = st.characters(codec="utf-8")  # every code point but the surrogates
printable_character = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))


def _joined(pieces: st.SearchStrategy[str], max_pieces: int) -> st.SearchStrategy[str]:
    return st.lists(pieces, max_size=max_pieces).map("".join)


def hostile_text(max_pieces: int = 6) -> st.SearchStrategy[str]:
    """Anything at all: scripts, markup, entities, control characters, random code points."""
    return _joined(
        st.one_of(
            st.sampled_from(SCRIPTS + MARKUP + ENTITIES + CONTROL),
            st.text(any_character, max_size=12),
        ),
        max_pieces,
    )


def clean_text(max_pieces: int = 5, multiline: bool = False) -> st.SearchStrategy[str]:
    """Text a person types, in any script, with markup: no control characters, never blank."""
    pieces = [st.sampled_from(SCRIPTS + MARKUP + ENTITIES), st.text(printable_character, max_size=12)]
    if multiline:
        pieces.append(st.sampled_from(["\n", "\r\n", "\t"]))
    text = st.tuples(st.sampled_from(SCRIPTS + MARKUP), _joined(st.one_of(*pieces), max_pieces))
    return text.map("".join).filter(lambda value: value.strip() != "")


@contextmanager
def example_rolled_back() -> Iterator[None]:
    """Hypothesis runs many examples in one test (one transaction): undo each example's writes, and
    forget the rate limits counted in the cache, so that the examples never see each other."""

    class _UndoError(Exception):
        pass

    cache.clear()
    try:
        with transaction.atomic():
            yield
            raise _UndoError
    except _UndoError:
        pass
    finally:
        cache.clear()


def assert_shown_escaped(content: str, text: str) -> None:
    """The text is on the page, escaped (line ends may have become <br>), and its markup never is raw."""
    for piece in re.split(r"[\r\n]+", text):
        assert html.escape(piece) in content, f"{piece!r} is not on the page, escaped"
    for snippet in MARKUP:
        if snippet in text:
            assert snippet not in content, f"{snippet!r} is on the page unescaped"
