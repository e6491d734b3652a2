"""The gettext catalogues in locale/ are complete, in step with the code, and really translated.

Fix a failure with `make messages` (new or stale strings), then translate what is empty or fuzzy in
locale/<code>/LC_MESSAGES/django.po and run `make compilemessages`.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGUAGES = ["en", "fr", "es", "pt_BR", "id", "ar"]
TRANSLATED = [code for code in LANGUAGES if code != "en"]
PLURAL_FORMS = {"en": 2, "fr": 2, "es": 3, "pt_BR": 2, "id": 1, "ar": 6}
MAX_IDENTICAL_SHARE = 0.05
# What makemessages skips: other projects' code and catalogues, and generated files.
IGNORED = [".venv*", "var", "node_modules", "static/vendor", "build", "htmlcov", "*.egg-info"]
# Left out of the copy of the tree, and so is every virtualenv (.venv, .venv-3.13 of `make smoke-py313`).
COPY_IGNORED = {
    ".git",
    "var",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    "htmlcov",
}
LETTER = re.compile(r"[^\W\d_]")


def _catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _keys(catalogue: polib.POFile) -> set[tuple[str, str, str]]:
    return {_key(entry) for entry in catalogue if not entry.obsolete}


def _identical_allowed() -> set[str]:
    lines = (LOCALE / "IDENTICAL_OK.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.po")):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> polib.POFile:
    """What `make messages` would write, produced in a copy of the tree so that locale/ stays untouched."""
    before = _digest(LOCALE)
    copy = tmp_path_factory.mktemp("messages") / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda folder, names: [n for n in names if n in COPY_IGNORED or n.startswith(".venv")],
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(copy),
        "DJANGO_SETTINGS_MODULE": "leadership.settings",
        "VAR_DIR": str(copy / "var"),
    }
    command = [
        sys.executable,
        "manage.py",
        "makemessages",
        "-l",
        "en",
        "--no-obsolete",
        "--add-location=file",
    ]
    for folder in IGNORED:
        command += ["-i", folder]
    result = subprocess.run(
        command, cwd=copy, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    assert _digest(LOCALE) == before, "makemessages must not write into the real locale/ folder"
    return polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_exists_for_language(code):
    assert (LOCALE / code / "LC_MESSAGES" / "django.po").is_file()


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_header_declares_language_and_plural_forms(code):
    catalogue = _catalogue(code)
    nplurals = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))

    assert (catalogue.metadata.get("Language"), nplurals and int(nplurals.group(1))) == (
        code,
        PLURAL_FORMS[code],
    )
    assert catalogue.metadata.get("Content-Type") == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_has_no_untranslated_entry(code):
    untranslated = [entry.msgid for entry in _catalogue(code).untranslated_entries()]
    assert untranslated == [], f"{len(untranslated)} untranslated entries in {code}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_has_no_fuzzy_entry(code):
    fuzzy = [entry.msgid for entry in _catalogue(code).fuzzy_entries()]
    assert fuzzy == [], f"{len(fuzzy)} fuzzy entries in {code}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_makemessages_adds_no_new_entry(code, regenerated):
    missing = sorted(_keys(regenerated) - _keys(_catalogue(code)))
    assert missing == [], f"{len(missing)} strings of the code are missing in {code}: run `make messages`"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_has_no_stale_entry(code, regenerated):
    stale = sorted(_keys(_catalogue(code)) - _keys(regenerated))
    assert stale == [], f"{len(stale)} entries of {code} are no longer in the code: run `make messages`"


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_copies_english_rarely(code):
    allowed = _identical_allowed()
    counted = [
        entry
        for entry in _catalogue(code)
        if not entry.obsolete
        and LETTER.search(entry.msgid)
        and len(entry.msgid) > 3
        and entry.msgid not in allowed
    ]
    copies = [
        entry.msgid
        for entry in counted
        if (entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr) == entry.msgid
    ]
    share = len(copies) / len(counted) if counted else 0.0

    assert share <= MAX_IDENTICAL_SHARE, (
        f"{len(copies)} of {len(counted)} entries of {code} ({share:.1%}) are the English text copied, "
        f"more than {MAX_IDENTICAL_SHARE:.0%}: {copies[:20]}"
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_passes_msgfmt_checks(code):
    """Placeholders (python-format, brace-format) and plural forms match, as msgfmt --check verifies."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    path = LOCALE / code / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        [msgfmt, "--check", "--output-file", os.devnull, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
