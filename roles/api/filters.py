"""Filters of the organisations endpoint: `?kind=&region=&hub=&active=&country=&language=&q=&ordering=`."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ..enums import OrganizationKind, OrganizationStatus, RegionCode
from ..models import Language, Organization
from ..selectors import organization_name_search


class UpperCaseChoiceField(django_filters.fields.ChoiceField):
    """A choice of upper-case codes that also takes them in lower case (`nwe` → `NWE`)."""

    def to_python(self, value: object) -> str:
        return super().to_python(value).strip().upper()


class RegionCodeFilter(django_filters.ChoiceFilter):
    field_class = UpperCaseChoiceField


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


class CountryCodeField(forms.CharField):
    """An ISO 3166-1 alpha-2 country code, in either case."""

    def to_python(self, value: object) -> str:
        code = super().to_python(value).strip().upper()
        if code and countries.alpha2(code) != code:
            raise ValidationError(
                _("Enter a two-letter ISO 3166 country code, for example FR."), code="invalid_country"
            )
        return code


class CountryCodeFilter(django_filters.CharFilter):
    field_class = CountryCodeField

    def filter(self, qs: QuerySet[Organization], value: str) -> QuerySet[Organization]:
        if not value:
            return qs
        # `countries` holds upper-case two-letter codes joined by commas, so a code never matches across two.
        return qs.filter(countries__contains=value)


class LanguageCodeField(django_filters.fields.ModelChoiceField):
    """A language by its code, in either case (`pt-BR` → pt-br)."""

    def to_python(self, value: object) -> object:
        return super().to_python(value.strip().lower() if isinstance(value, str) else value)


class LanguageCodeFilter(django_filters.ModelChoiceFilter):
    field_class = LanguageCodeField


class StableOrderingFilter(django_filters.OrderingFilter):
    """django-filter's ordering, with the primary key as the last key so that pages never overlap."""

    def filter(self, qs: QuerySet[Organization], value: list[str] | None) -> QuerySet[Organization]:
        if not value:
            return qs
        ordered = super().filter(qs, value)
        return ordered.order_by(*ordered.query.order_by, "-pk" if value[-1].startswith("-") else "pk")


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=100,
        help_text=_("Organisations whose name contains this text, in any of the site's languages."),
    )
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, help_text=_("Kind of organisation."))
    region = RegionCodeFilter(
        field_name="region__code",
        choices=RegionCode.choices,
        help_text=_("Code of the Wikimedia region, for example NWE."),
    )
    hub = django_filters.ModelChoiceFilter(
        field_name="hubs",
        to_field_name="slug",
        queryset=Organization.objects.filter(
            status=OrganizationStatus.APPROVED, kind__in=OrganizationKind.hub_kinds()
        ),
        help_text=_("Slug of a hub: the organisations it serves."),
    )
    active = StrictBooleanFilter(help_text=_("Active organisations (true) or inactive ones (false)."))
    country = CountryCodeFilter(
        help_text=_("Two-letter ISO 3166 code of a country the organisation works in.")
    )
    language = LanguageCodeFilter(
        field_name="languages",
        to_field_name="code",
        queryset=Language.objects.all(),
        help_text=_("Code of a language the organisation works in, for example fr or pt-br."),
    )
    ordering = StableOrderingFilter(
        fields=(("sort_name", "name"), ("created_at", "created")),
        help_text=_("Sort by name or created, descending with a leading minus; by name when not given."),
    )

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Organization], name: str, value: str) -> QuerySet[Organization]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(organization_name_search(value))
