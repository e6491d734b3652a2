"""Filters of the organisations endpoint: `?kind=&region=&hub=&active=&country=&language=&q=&ordering=`."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from leadership.common.api_fields import (
    LowerCaseModelChoiceFilter,
    StrictBooleanFilter,
    UpperCaseChoiceFilter,
)

from ..enums import OrganizationKind, OrganizationStatus, RegionCode
from ..models import Language, Organization
from ..selectors import organization_name_search


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
    region = UpperCaseChoiceFilter(
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
    language = LowerCaseModelChoiceFilter(
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
