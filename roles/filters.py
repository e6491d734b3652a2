"""Filters of the organisation directory (a plain GET form, updated live with htmx where available)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from leadership.common.forms import CodexFormMixin

from .enums import OrganizationKind
from .models import Organization, Region
from .selectors import organization_name_search, role_search_q


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


# --- The roles directory ---------------------------------------------------------------------------------
# Appended to this module: its own imports stay here, next to the filter that needs them.
from django.db.models import Exists, F, OuterRef  # noqa: E402  (appended section)

from .enums import RegionCode, RoleKind  # noqa: E402  (appended section)
from .models import Language, Role, RoleRequirement  # noqa: E402  (appended section)


class RoleFilterForm(CodexFormMixin, forms.Form):
    pass


class RoleFilter(django_filters.FilterSet):
    """Filters of the roles directory and its exports: the same GET parameters for the page, CSV and JSON.

    The organisation and the competency are chosen by links (an organisation's page, a competency badge)
    and carried as hidden fields, so that the form never lists thousands of options.
    """

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("A word of the title or description")}
        ),
    )
    organization = django_filters.CharFilter(
        field_name="organization__slug", max_length=80, widget=forms.HiddenInput
    )
    competency = django_filters.CharFilter(
        method="filter_competency", max_length=100, widget=forms.HiddenInput
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of role"), choices=RoleKind.choices, empty_label=_("Any kind")
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        field_name="organization__region__code",
        choices=RegionCode.choices,
        empty_label=_("Any region"),
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"),
        queryset=Language.objects.order_by("code"),
        method="filter_language",
        empty_label=_("Any language"),
    )
    vacant = django_filters.BooleanFilter(
        label=_("With vacant seats"), method="filter_vacant", widget=forms.CheckboxInput
    )
    open = django_filters.BooleanFilter(
        label=_("Open for nominations"), method="filter_open", widget=forms.CheckboxInput
    )

    class Meta:
        model = Role
        fields = ["q", "organization", "competency", "kind", "region", "language", "vacant", "open"]
        form = RoleFilterForm

    def filter_q(self, queryset: QuerySet[Role], name: str, value: str) -> QuerySet[Role]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(role_search_q(value))  # every language's words, accents and plurals

    def filter_competency(self, queryset: QuerySet[Role], name: str, value: str) -> QuerySet[Role]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Exists(RoleRequirement.objects.filter(role=OuterRef("pk"), competency__slug=value))
        )

    def filter_language(self, queryset: QuerySet[Role], name: str, value: Language | None) -> QuerySet[Role]:
        if value is None:
            return queryset
        return queryset.filter(
            Exists(Role.languages.through.objects.filter(role=OuterRef("pk"), language=value.pk))
        )

    def filter_vacant(self, queryset: QuerySet[Role], name: str, value: bool | None) -> QuerySet[Role]:
        return queryset.filter(filled_seats__lt=F("seats")) if value else queryset

    def filter_open(self, queryset: QuerySet[Role], name: str, value: bool | None) -> QuerySet[Role]:
        return queryset.filter(open_for_nominations=True) if value else queryset
