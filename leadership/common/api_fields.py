"""Fields, filters and small serializers shared by every app's API.

- Strings: DRF's CharField (and its Email, URL and Slug kinds) turns a number into its text, so
  `"name_ar": 0` was stored as "0" although the schema says string. The strict fields answer DRF's own
  "Not a valid string." instead. `STRICT_FIELD_MAPPING` makes a ModelSerializer build them from the model.
- Optional links and addresses: the registry stores "" when there is none, and `BlankableURLField` and
  `BlankableEmailField` document "a URI (an email) or the empty string" (`URL_FIELD_MAPPING` for outputs).
- Related objects by slug: `SlugRelatedField` refuses a NUL character before the lookup.
- Translated fields: a response shows each in one language, the request's (`?lang=`, else Accept-Language):
  `TranslatedTextField` reads the text the list's query computed (`languages.shown_text`) or the model's
  own fallback. With `?all_languages=1`, `TranslationsField` adds every language's value, by language code,
  for tools that edit translations (`TranslatedOutputMixin` drops it otherwise). `in_language` writes the
  help texts of the per-language columns that writes take; `NamedBriefSerializer` is the small read-only
  picture of a named object inside another.
- Filters: `StrictBooleanFilter` takes true or false and nothing else; `UpperCaseChoiceFilter` and
  `LowerCaseModelChoiceFilter` take a code in either case (a region's, a language's), with the choices or
  the queryset given where they are used.
- Moments: Python takes a UTC offset up to ±23:59, PostgreSQL only to about ±15:59, and a query with a
  larger one failed with a 500. `UtcIsoDateTimeFilter` turns the moment into UTC first: the same instant,
  which every database takes.

Imports no app: every app's `api/` package builds on these, giving them its models, choices and querysets.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from .languages import localized_columns


class StrictStringMixin:
    """Refuses anything but a string (a number, a boolean, a list) with DRF's "Not a valid string."

    The message of CharField itself, also for an email, a link or a slug: their own "invalid" message
    ("Enter a valid URL.") would hide that the type is wrong.
    """

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            raise serializers.ValidationError(
                serializers.CharField.default_error_messages["invalid"], code="invalid"
            )
        return super().to_internal_value(data)  # type: ignore[misc]


class StrictCharField(StrictStringMixin, serializers.CharField):
    pass


class StrictEmailField(StrictStringMixin, serializers.EmailField):
    pass


class StrictURLField(StrictStringMixin, serializers.URLField):
    pass


class StrictSlugField(StrictStringMixin, serializers.SlugField):
    pass


# A ModelSerializer's `serializer_field_mapping`: the model's text columns become strict fields.
STRICT_FIELD_MAPPING = {
    **serializers.ModelSerializer.serializer_field_mapping,
    models.CharField: StrictCharField,
    models.TextField: StrictCharField,
    models.EmailField: StrictEmailField,
    models.URLField: StrictURLField,
    models.SlugField: StrictSlugField,
}


@extend_schema_field({"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}]})
class BlankableURLField(StrictURLField):
    """A link that may be empty: the schema says "a URI or the empty string", which is what it holds.

    The registry's links (a website, an ESCO skill, course materials) are optional and stored as "" when
    absent; drf-spectacular would document them as `format: uri` alone, which "" is not.
    """


@extend_schema_field({"type": "string", "anyOf": [{"format": "email"}, {"maxLength": 0}]})
class BlankableEmailField(StrictEmailField):
    """An address that may be empty (not given, or erased): "an email or the empty string"."""


# Output ModelSerializers that show an optional link build it with BlankableURLField (input fields need
# not: drf-spectacular documents a writable blank-allowing field as "a URI or the empty string" itself).
URL_FIELD_MAPPING = {
    **STRICT_FIELD_MAPPING,
    models.URLField: BlankableURLField,
}


class SlugRelatedField(serializers.SlugRelatedField):
    """DRF's, refusing a NUL character before the lookup: PostgreSQL cannot hold one in text and would
    answer the lookup with an error (a 500); the client gets the usual "does not exist" 400 instead."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


# --- Translated fields ---------------------------------------------------------------------------------

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _in_language(text: str, code: str) -> str:
    return text % {"language": LANGUAGE_NAMES[code]}


in_language = lazy(_in_language, str)  # both the text and the language's name are translated when shown


ALL_LANGUAGES_QUERY_PARAMETER = "all_languages"
SHOWN_PREFIX = "shown_"  # `shown_title`: the title a list's query computed in the response's language

ALL_LANGUAGES_PARAMETER = OpenApiParameter(
    ALL_LANGUAGES_QUERY_PARAMETER,
    OpenApiTypes.BOOL,
    description=_(
        "With true (or 1), each object also carries `translations`: every translated field's value in "
        "every language, by language code (null where there is none), for tools that edit translations. "
        "Translated fields themselves always come in one language, the one of `lang`."
    ),
)


def wants_all_languages(context: dict[str, Any]) -> bool:
    """Whether the request asked for `?all_languages=1` (ApiLanguageMiddleware has checked the value)."""
    request = context.get("request")
    return bool(getattr(request, "all_languages", False))


class TranslatedTextField(serializers.CharField):
    """A translated text in the response's language: the annotation the query computed with
    `languages.shown_text` (`shown`, by default `shown_<field name>`), else the attribute at `path` (by
    default the field's name; dotted for a related object's: `organization.name`), which modeltranslation
    falls back for."""

    def __init__(self, *, shown: str | None = None, path: str | None = None, **kwargs: Any) -> None:
        self.shown, self.path = shown, path
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, instance: Any) -> Any:
        value = getattr(instance, self.shown or SHOWN_PREFIX + self.field_name, None)
        if value is None:
            value = instance
            for attribute in (self.path or self.field_name).split("."):
                value = getattr(value, attribute) if value is not None else None
        return value if value is None else str(value)


class ChoiceLabelField(serializers.CharField):
    """The label of a choice field's value in the response's language (`source=` names the field).

    What `source="get_kind_display"` gives, without DRF inspecting the method's signature on every row.
    """

    def __init__(self, choices: Any, **kwargs: Any) -> None:
        self.labels = dict(choices)
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return str(self.labels.get(value, value))


_TRANSLATIONS_SCHEMA = {
    "type": "object",
    "description": "Only with `all_languages=1`: per translated field, its value by language code.",
    "additionalProperties": {
        "type": "object",
        "additionalProperties": {"type": "string", "nullable": True},
    },
}


@extend_schema_field(_TRANSLATIONS_SCHEMA)
class TranslationsField(serializers.Field):
    """Every language's value of the given translated fields: {"title": {"en": "...", "fr": null, ...}}."""

    def __init__(self, fields: tuple[str, ...], **kwargs: Any) -> None:
        self.translated = fields
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, instance: Any) -> dict[str, dict[str, Any]]:
        return {
            field: {code: getattr(instance, column) for column, code in localized_columns(field).items()}
            for field in self.translated
        }


# A serializer whose `translated` fields come in one language, plus `translations` on request: the plain
# fields become TranslatedTextField; `translations` is there with `?all_languages=1` only (and in the schema,
# where api.optional_translations makes it optional). A comment, not a docstring: drf-spectacular would show
# a docstring as the description of every serializer that has none of its own.
class TranslatedOutputMixin:
    translated: tuple[str, ...] = ()
    translated_help: dict[str, Any] = {}  # help texts by field, else the declared field's

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()  # type: ignore[misc]
        for field in self.translated:
            help_text = self.translated_help.get(field) or getattr(fields.get(field), "help_text", None)
            fields[field] = TranslatedTextField(help_text=help_text)
        view = self.context.get("view")  # type: ignore[attr-defined]
        if getattr(view, "swagger_fake_view", False) or wants_all_languages(self.context):  # type: ignore[attr-defined]
            fields["translations"] = TranslationsField(self.translated, required=False)
        return fields


# A named object as shown inside another one: a few of its fields, its name in the response's language.
# Subclasses give `Meta.model` and `Meta.fields` (with "name"); every field is read-only. Each app's API
# declares the briefs it answers with, so that no app imports another's API. (A comment, not a docstring:
# drf-spectacular would show a docstring as the description of every subclass in the schema.)
class NamedBriefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=_("Name in the response's language."))

    def get_extra_kwargs(self) -> dict[str, Any]:
        extra_kwargs = super().get_extra_kwargs()
        for field in self.Meta.fields:
            extra_kwargs[field] = {**extra_kwargs.get(field, {}), "read_only": True}
        return extra_kwargs


# --- Lists written row by row ------------------------------------------------------------------------------
# A list of 50 rows through DRF's generic machinery (get_attribute, to_representation and the None check of
# every field of every row) costs more than its queries. A list serializer can write its rows itself: its
# child's `to_representation` builds the dict from the row's columns and annotations, in the order of the
# declared fields (which still document the schema), and `FlatListSerializer` gives the child the whole page
# first (`prepare_rows`), so that what the rows share is fetched or computed once.

PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")  # a key that reversing a URL writes as it is


class KeyedUrls:
    """The URLs `build(key)` gives objects by their `lookup` attribute, built twice per list rather than once
    per row: with two keys that differ in every character, what the two URLs share before and after the key
    is the rest of the URL (host, path, `?format=`...). A key that quoting could change goes through `build`."""

    def __init__(self, build: Callable[[Any], Any], *, lookup: str = "pk") -> None:
        self.build, self.lookup = build, lookup
        first, second = str(build("11")), str(build("22"))
        prefix = _common_start(first, second)
        suffix = _common_start(first[::-1], second[::-1])[::-1]
        self.parts = (prefix, suffix) if len(prefix) + len(suffix) + 2 == len(first) else None

    def __call__(self, instance: Any) -> Any:
        key = getattr(instance, self.lookup)
        if self.parts is not None and (type(key) is int or (isinstance(key, str) and PLAIN_KEY.match(key))):
            return f"{self.parts[0]}{key}{self.parts[1]}"
        return self.build(key)


def identity_urls(field: serializers.HyperlinkedIdentityField) -> KeyedUrls:
    """The URLs a bound HyperlinkedIdentityField gives (it reads nothing of an object but its key)."""
    lookup = field.lookup_field
    return KeyedUrls(lambda key: field.to_representation(ObjectKey(lookup, key)), lookup=lookup)


def _common_start(one: str, other: str) -> str:
    length = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        length += 1
    return one[:length]


class ObjectKey:
    """Stands for an object whose URL is wanted: its key under the attribute the URL reads."""

    def __init__(self, lookup: str, key: Any) -> None:
        setattr(self, lookup, key)


class DateTimeText:
    """What a DRF DateTimeField writes for a moment (ISO 8601 in the current time zone, `Z` for UTC), with
    the field's settings read once per list rather than once per value. A naive moment, or a field with
    another format, goes through the field itself (a default DateTimeField unless one is given)."""

    def __init__(self, field: serializers.DateTimeField | None = None) -> None:
        self.field = field if field is not None else serializers.DateTimeField(read_only=True)
        output = getattr(self.field, "format", api_settings.DATETIME_FORMAT)
        zone = self.field.timezone if hasattr(self.field, "timezone") else self.field.default_timezone()
        self.zone = zone if isinstance(output, str) and output.lower() == ISO_8601 else None

    def __call__(self, value: datetime.datetime | None) -> Any:
        if value is None:
            return None
        if self.zone is None or value.tzinfo is None:
            return self.field.to_representation(value)
        try:
            text = value.astimezone(self.zone).isoformat()
        except OverflowError:
            return self.field.to_representation(value)
        return text[:-6] + "Z" if text.endswith("+00:00") else text


def declared_field(serializer: serializers.Serializer, name: str) -> serializers.Field:
    """A copy of one field `serializer` declares, bound to it (its context, its parent), without building
    every field as `serializer.fields` does (a deep copy of each, and the model's fields introspected)."""
    field = copy.deepcopy(serializer._declared_fields[name])
    field.bind(field_name=name, parent=serializer)
    return field


def translations_field(serializer: Any) -> TranslationsField | None:
    """The `translations` a TranslatedOutputMixin serializer adds with `?all_languages=1`, else None."""
    return TranslationsField(serializer.translated) if wants_all_languages(serializer.context) else None


def text_or_none(value: Any) -> str | None:
    """What a CharField writes of a value: its text, or null."""
    return None if value is None else str(value)


def choice_labels(choices: Any) -> dict[Any, str]:
    """A choice field's labels in the active language, translated once per list instead of once per row."""
    return {value: str(label) for value, label in choices}


class FlatListSerializer(serializers.ListSerializer):
    """Many rows of a child serializer that writes its own rows: `child.prepare_rows(rows)` first."""

    def to_representation(self, data: Any) -> list[Any]:
        rows = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        self.child.prepare_rows(rows)
        return [self.child.to_representation(row) for row in rows]


# --- Filters -------------------------------------------------------------------------------------------


class StrictBooleanField(forms.NullBooleanField):
    """true or false (or 1 or 0); anything else is an error rather than no filter at all."""

    widget = forms.TextInput
    values = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value: object) -> bool | None:
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text not in self.values:
            raise ValidationError(_("Enter true or false."), code="invalid_boolean")
        return self.values[text]


@extend_schema_field(OpenApiTypes.BOOL)  # a filter with `method=` would be documented as a string
class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class UpperCaseChoiceField(django_filters.fields.ChoiceField):
    """A choice of upper-case codes that also takes them in lower case (`nwe` → `NWE`)."""

    def to_python(self, value: object) -> str:
        return super().to_python(value).strip().upper()


class UpperCaseChoiceFilter(django_filters.ChoiceFilter):
    """A choice of upper-case codes (a Wikimedia region's), given in either case; `choices=` says which."""

    field_class = UpperCaseChoiceField


class LowerCaseModelChoiceField(django_filters.fields.ModelChoiceField):
    """An object by a lower-case code, given in either case (a language: `pt-BR` → pt-br)."""

    def to_python(self, value: object) -> object:
        return super().to_python(value.strip().lower() if isinstance(value, str) else value)


class LowerCaseModelChoiceFilter(django_filters.ModelChoiceFilter):
    """An object of `queryset=` by its lower-case code (`to_field_name=`), given in either case."""

    field_class = LowerCaseModelChoiceField


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment, given back in UTC; one that UTC cannot hold (year 1 at +20:00) is invalid."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        moment = super().to_python(value)
        if moment is None or moment.tzinfo is None:
            return moment
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField
