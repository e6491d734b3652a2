"""Word search over translated content: full text on PostgreSQL, a folded substring search elsewhere.

A model that is searched keeps two columns its services write (never its forms):

- a *search text*: every language's value of its searched fields, folded (`fold`: lowercased, Latin accents
  taken off), for a substring search (trigram-indexed on PostgreSQL);
- a *search document* (PostgreSQL only): a `tsvector` of each language's folded text, stemmed by that
  language's text search configuration (`TEXT_SEARCH_CONFIGS`; `simple` for a language PostgreSQL has no
  stemmer for), GIN-indexed.

A query is folded the same way, and each of its words is found by its stem in any of the content languages'
configurations, or as a part of a word. So "tresorier" finds "Trésorier", "treasurers" finds "Treasurer",
"résori" finds "Trésorière", in any language and from any page language, and both indexes answer. Folding
happens in Python on both sides, so that PostgreSQL compares constants (no per-row `unaccent()`). SQLite,
the quick start's database, keeps the substring search on the folded text (a final plural "s" dropped).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import reduce
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Expression, F, Model, Q
from modeltranslation.utils import build_localized_fieldname

# PostgreSQL's stemmers (pg_ts_config) for the languages a site may hold content in; others use `simple`.
TEXT_SEARCH_CONFIGS = {
    "ar": "arabic",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "hi": "hindi",
    "id": "indonesian",
    "pt-br": "portuguese",
    "ru": "russian",
}
MAX_WORDS = 8  # words of a query that are looked for (a longer query is cut, not refused)
_WORD = re.compile(r"\w+", re.UNICODE)
_LATIN_END = 0x250  # Latin letters (with their accents) lie below this code point
# Latin letters that Unicode does not decompose into a base letter and an accent (after casefold)
_UNDECOMPOSED = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ı": "i"}
)


def fold(text: str) -> str:
    """Lowercased, with the accents of Latin letters taken off ("Trésorier" → "tresorier", "Œuvre" → "oeuvre")
    and other scripts kept as written (an Arabic or Devanagari mark is part of the word)."""
    folded = []
    for char in text.casefold():
        if ord(char) < _LATIN_END:
            decomposed = unicodedata.normalize("NFKD", char)
            folded.append("".join(part for part in decomposed if not unicodedata.combining(part)))
        else:
            folded.append(char)
    return "".join(folded).translate(_UNDECOMPOSED)


def text_search_config(language: str) -> str:
    return TEXT_SEARCH_CONFIGS.get(language.lower(), "simple")


def words(query: str) -> list[str]:
    """The folded words of a query, each once, at most MAX_WORDS."""
    return list(dict.fromkeys(_WORD.findall(fold(query))))[:MAX_WORDS]


def uses_documents() -> bool:
    return connection.vendor == "postgresql"


def search_q(query: str, *, document: str, text: str) -> Q:
    """Rows that have every word of `query`, each either by its stem in any language's configuration in the
    `document` column (PostgreSQL: "treasurers" finds "Treasurer") or as a substring of the folded `text`
    column (a part of a word: "résori" finds "Trésorière"; a trigram index on PostgreSQL). SQLite has no
    stems: a word there is looked for without its final "s". An empty query matches everything."""
    found = words(query)
    if not found:
        return Q()
    if uses_documents():
        each = (Q(_Matches(F(document), word)) | Q(**{f"{text}__contains": word}) for word in found)
    else:
        each = (Q(**{f"{text}__contains": _singular(word)}) for word in found)
    return reduce(lambda a, b: a & b, each)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _stems_sql(word: str) -> tuple[str, list[str]]:
    """SQL for the tsquery of a word's stems in the content languages' configurations, or-ed."""
    configs = sorted({text_search_config(code) for code in settings.MODELTRANSLATION_LANGUAGES})
    return " || ".join(f"plainto_tsquery('{config}'::regconfig, %s)" for config in configs), [word] * len(
        configs
    )


class _Matches(Expression):
    """`<document> @@ <a word's stems>`, the tsquery built by PostgreSQL from constants (so that the planner
    folds it once and reads the GIN index)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, document: Any, word: str) -> None:
        super().__init__()
        self.document = document
        self.word = word

    def get_source_expressions(self) -> list[Any]:
        return [self.document]

    def set_source_expressions(self, expressions: Sequence[Any]) -> None:
        (self.document,) = expressions

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        document_sql, document_params = compiler.compile(self.document)
        query_sql, query_params = _stems_sql(self.word)
        return f"{document_sql} @@ ({query_sql})", (*document_params, *query_params)


# --- Writing the columns -----------------------------------------------------------------------------------


def language_texts(instance: Any, fields: Sequence[str]) -> dict[str, str]:
    """{language: its values of these translated fields, one after the other} of an object (or of any object
    with the per-language attributes: a historical model in a migration, a namespace in the bench seed)."""
    texts = {}
    for code in settings.MODELTRANSLATION_LANGUAGES:
        values = (getattr(instance, build_localized_fieldname(field, code), "") or "" for field in fields)
        texts[code] = " ".join(value for value in values if value)
    return texts


def search_text(texts: Mapping[str, str]) -> str:
    """The folded search text of {language: text}: each distinct folded text once, one per line."""
    return "\n".join(dict.fromkeys(fold(text) for text in texts.values() if text))


def write_documents(model: type[Model], column: str, rows: Iterable[tuple[int, Mapping[str, str]]]) -> int:
    """Set `column` (a tsvector) of the rows given as (primary key, {language: text}), 500 per statement;
    each language's folded text stemmed by its configuration. Nothing on a database without documents.
    Returns the rows written."""
    if not uses_documents():
        return 0
    languages = list(settings.MODELTRANSLATION_LANGUAGES)
    table, pk = model._meta.db_table, model._meta.pk.column
    vector = " || ".join(
        f"to_tsvector('{text_search_config(code)}'::regconfig, v.t{index})"
        for index, code in enumerate(languages)
    )
    columns = ", ".join(f"t{index}" for index in range(len(languages)))
    written = 0
    batch: list[tuple[int, Mapping[str, str]]] = []

    def flush() -> None:
        nonlocal written
        values = ", ".join(["(%s::bigint" + ", %s::text" * len(languages) + ")"] * len(batch))
        params: list[Any] = []
        for key, texts in batch:
            params += [key, *(fold(texts.get(code) or "") for code in languages)]
        with connection.cursor() as cursor:
            # names from the model's meta and TEXT_SEARCH_CONFIGS; the texts are parameters
            sql = f'UPDATE "{table}" SET "{column}" = {vector} FROM (VALUES {values}) AS v(id, {columns}) '  # noqa: S608
            cursor.execute(sql + f'WHERE "{table}"."{pk}" = v.id', params)
        written += len(batch)
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) == 500:
            flush()
    if batch:
        flush()
    return written
