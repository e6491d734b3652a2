"""The site's content languages: the per-language columns of a translated field and a language's name."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import CharField, F, Func
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname, get_language


def localized_columns(field: str) -> dict[str, str]:
    """{column: language code} of a translated field: {"name_en": "en", ..., "name_ind": "id", ...}."""
    return {build_localized_fieldname(field, code): code for code in settings.MODELTRANSLATION_LANGUAGES}


def localized_field_names(field: str) -> list[str]:
    """The per-language columns of a translated field: name_en, name_fr, ..., name_ind (for id), name_ar."""
    return list(localized_columns(field))


class ShownText(Func):
    """COALESCE(NULLIF(column, ''), ..., '') over the given columns: the first that holds text, else "".

    One expression around its column references, where Coalesce(NullIf(F(...), Value("")), ...) built 20
    nodes per text that Django resolved, hashed and compiled on every request (five texts in the role list).
    """

    output_field = CharField()

    def __init__(self, *columns: str) -> None:
        super().__init__(*(F(column) for column in columns))

    def as_sql(
        self, compiler: Any, connection: Any, *args: Any, **extra_context: Any
    ) -> tuple[str, tuple[Any, ...]]:
        parts: list[str] = []
        params: list[Any] = []
        for source in self.get_source_expressions():
            sql, source_params = compiler.compile(source)
            parts.append(f"NULLIF({sql}, '')")
            params.extend(source_params)
        return f"COALESCE({', '.join(parts)}, '')", tuple(params)


def shown_text(field: str, *, prefix: str = "") -> Any:
    """A translated field as modeltranslation shows it, computed by the database: the active language's
    value, else the fallbacks' (English, then any language that has one), else "".

    Lets a list fetch one text per row instead of every language's column (`prefix` reaches a related
    object's field: `organization__`).
    """
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    languages = dict.fromkeys([get_language(), *fallbacks])
    return ShownText(*(prefix + build_localized_fieldname(field, code) for code in languages))


def language_label(code: str) -> str:
    """A language's name in the active language ("French", "Français"...), as the forms label it."""
    return str(get_language_info(code)["name_translated"])
