"""Helpers for content fields translated with django-modeltranslation (one column per site language)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname


def content_languages() -> list[str]:
    """The languages content fields are kept in, in the site's order."""
    return list(settings.MODELTRANSLATION_LANGUAGES)


def search_text(instance: Any, fields: Iterable[str]) -> str:
    """Every language's value of these fields, each distinct value once, lowercased: the text a substring
    search (a trigram index on PostgreSQL) looks into, whatever language the visitor types in."""
    parts: list[str] = []
    for field in fields:
        for code in content_languages():
            value = getattr(instance, build_localized_fieldname(field, code), "") or ""
            if value and value not in parts:
                parts.append(value)
    return " \n".join(parts).lower()
