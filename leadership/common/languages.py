"""The site's content languages: the per-language columns of a translated field and a language's name."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname


def localized_field_names(field: str) -> list[str]:
    """The per-language columns of a translated field: name_en, name_fr, ..., name_ind (for id), name_ar."""
    return [build_localized_fieldname(field, code) for code in settings.MODELTRANSLATION_LANGUAGES]


def language_label(code: str) -> str:
    """A language's name in the active language ("French", "Français"...), as the forms label it."""
    return str(get_language_info(code)["name_translated"])
