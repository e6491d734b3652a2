"""Validators shared by forms, serializers and models, with translated messages."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WIKIDATA_QID_RE = re.compile(r"^Q[1-9]\d{0,11}$")
WIKIMEDIA_USERNAME_FORBIDDEN = re.compile(r"[#<>\[\]|{}/@:\x00-\x1f\x7f]")


def validate_wikidata_qid(value: str) -> None:
    """A Wikidata item id: Q followed by a positive number, e.g. Q180."""
    if not WIKIDATA_QID_RE.match(value or ""):
        raise ValidationError(
            _("Enter a Wikidata item id: the letter Q followed by a number, for example Q180."),
            code="invalid_qid",
        )


def validate_wikimedia_username(value: str) -> None:
    """A Wikimedia username as MediaWiki accepts it (no #<>[]|{}/@: and no control characters)."""
    if not value or not value.strip() or len(value) > 85 or WIKIMEDIA_USERNAME_FORBIDDEN.search(value):
        raise ValidationError(
            _(
                "Enter a Wikimedia username as it appears on the wiki, without User: and without # < > [ ] | { } / @ :."
            ),
            code="invalid_username",
        )


def validate_no_control_characters(value: str) -> None:
    """Refuse invisible control characters in one-line text (they break display and exports)."""
    if value and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
        raise ValidationError(
            _("Remove the invisible control characters from this text."), code="control_chars"
        )


ESCO_PREFIX = "http://data.europa.eu/esco/skill/"


def validate_esco_uri(value: str) -> None:
    """An ESCO skill URI, e.g. http://data.europa.eu/esco/skill/<uuid>."""
    rest = (value or "").removeprefix(ESCO_PREFIX)
    if rest == value or not re.fullmatch(r"[0-9a-fA-F-]{36}|[A-Za-z0-9.-]{1,64}", rest):
        raise ValidationError(
            _(
                "Enter an ESCO skill URI, for example http://data.europa.eu/esco/skill/ followed by its identifier."
            ),
            code="invalid_esco",
        )
