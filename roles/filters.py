"""Filters of the organisation directory (a plain GET form, updated live with htmx where available)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from leadership.common.forms import CodexFormMixin

from .enums import OrganizationKind
from .models import Organization, Region
from .selectors import organization_name_search


class OrganizationFilterForm(CodexFormMixin, forms.Form):
    pass


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name of the organisation")}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("Any kind")
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.order_by("order", "code"),
        to_field_name="code",
        empty_label=_("Any region"),
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "region"]
        form = OrganizationFilterForm

    def filter_q(self, queryset: QuerySet[Organization], name: str, value: str) -> QuerySet[Organization]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(organization_name_search(value))
