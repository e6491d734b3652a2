"""Fields of the API's serializers and filters that hold to what the schema says, where DRF and
django-filter are lenient.

- Strings: DRF's CharField (and its Email, URL and Slug kinds) turns a number into its text, so
  `"name_ar": 0` was stored as "0" although the schema says string. The strict fields answer DRF's own
  "Not a valid string." instead. `STRICT_FIELD_MAPPING` makes a ModelSerializer build them from the model.
- Moments: Python takes a UTC offset up to ±23:59, PostgreSQL only to about ±15:59, and a query with a
  larger one failed with a 500. `UtcIsoDateTimeFilter` turns the moment into UTC first: the same instant,
  which every database takes.

Imports no app: every app's `api/` package builds on these.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from rest_framework import serializers


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
