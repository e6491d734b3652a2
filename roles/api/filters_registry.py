"""Filters of the registry's endpoints: competencies, templates, roles, role holders and people.

An unknown value (a competency slug that does not exist, `vacant=perhaps`) answers 400 with the parameter's
error, never an empty list that looks like a real answer.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leadership.common.api_fields import (
    LowerCaseModelChoiceFilter,
    StrictBooleanFilter,
    UpperCaseChoiceFilter,
)
from leadership.common.languages import localized_field_names

from ..enums import CompetencySource, Level, OrganizationStatus, RegionCode, RoleKind
from ..models import (
    Competency,
    CompetencyCategory,
    Language,
    Membership,
    Organization,
    Person,
    PersonCompetency,
    Role,
    RoleHolder,
    RoleRequirement,
    RoleTemplate,
)
from ..selectors import competency_name_search, role_search_q

Q_MAX_LENGTH = 100


def _text(value: str) -> str:
    return value.strip()


def _current_terms(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}start__lte": today}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": today})
    )


class CompetencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=Q_MAX_LENGTH,
        help_text=_("Competencies whose name contains this text, in any of the site's languages."),
    )
    category = django_filters.ModelChoiceFilter(
        field_name="category",
        to_field_name="slug",
        queryset=CompetencyCategory.objects.all(),
        help_text=_("Slug of a category."),
    )
    parent = django_filters.ModelChoiceFilter(
        field_name="parent",
        to_field_name="slug",
        queryset=Competency.objects.all(),
        help_text=_("Slug of a broader competency: its narrower competencies."),
    )
    active = StrictBooleanFilter(help_text=_("Active competencies (true) or retired ones (false)."))

    class Meta:
        model = Competency
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = _text(value)
        return queryset.filter(competency_name_search(value)) if value else queryset


class RoleTemplateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=Q_MAX_LENGTH,
        help_text=_("Templates whose title contains this text, in any of the site's languages."),
    )
    kind = django_filters.ChoiceFilter(choices=RoleKind.choices, help_text=_("Kind of role."))
    active = StrictBooleanFilter(help_text=_("Templates in use (true) or retired ones (false)."))

    class Meta:
        model = RoleTemplate
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = _text(value)
        if not value:
            return queryset
        query = Q()
        for column in localized_field_names("title"):
            query |= Q(**{f"{column}__icontains": value})
        return queryset.filter(query)


class RoleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=Q_MAX_LENGTH,
        help_text=_("Roles whose title or description contains this text, in any of the six languages."),
    )
    organization = django_filters.ModelChoiceFilter(
        field_name="organization",
        to_field_name="slug",
        queryset=Organization.objects.filter(status=OrganizationStatus.APPROVED),
        help_text=_("Slug of an organisation: its roles."),
    )
    kind = django_filters.ChoiceFilter(choices=RoleKind.choices, help_text=_("Kind of role."))
    region = UpperCaseChoiceFilter(
        field_name="organization__region__code",
        choices=RegionCode.choices,
        help_text=_("Code of the Wikimedia region of the role's organisation, for example NWE."),
    )
    competency = django_filters.ModelChoiceFilter(
        method="filter_competency",
        to_field_name="slug",
        queryset=Competency.objects.all(),
        help_text=_("Slug of a competency: the roles that require it."),
    )
    template = django_filters.ModelChoiceFilter(
        field_name="template",
        to_field_name="slug",
        queryset=RoleTemplate.objects.all(),
        help_text=_("Slug of a role template: the roles adapted from it."),
    )
    language = LowerCaseModelChoiceFilter(
        field_name="languages",
        to_field_name="code",
        queryset=Language.objects.all(),
        help_text=_("Code of a language the role is held in, for example fr or pt-br."),
    )
    vacant = StrictBooleanFilter(
        method="filter_vacant",
        help_text=_("Roles with a seat free today (true) or with every seat filled (false)."),
    )
    open_for_nominations = StrictBooleanFilter(
        help_text=_("Roles open for nominations (true) or not (false).")
    )

    class Meta:
        model = Role
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = _text(value)
        return queryset.filter(role_search_q(value)) if value else queryset  # index-served (full text)

    def filter_competency(self, queryset: QuerySet, name: str, value: Competency | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(Exists(RoleRequirement.objects.filter(role=OuterRef("pk"), competency=value)))

    def filter_vacant(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        vacant = Q(filled_seats__lt=F("seats"))
        return queryset.filter(vacant if value else ~vacant)


class RoleHolderFilter(django_filters.FilterSet):
    role = django_filters.ModelChoiceFilter(
        field_name="role", queryset=Role.objects.all(), help_text=_("Id of a role: its terms.")
    )
    organization = django_filters.ModelChoiceFilter(
        field_name="role__organization",
        to_field_name="slug",
        queryset=Organization.objects.filter(status=OrganizationStatus.APPROVED),
        help_text=_("Slug of an organisation: the terms on its roles."),
    )
    person = django_filters.NumberFilter(
        field_name="person_id", min_value=1, max_value=2**63 - 1, help_text=_("Id of a person: their terms.")
    )
    current = StrictBooleanFilter(
        method="filter_current",
        help_text=_("Terms running today (true) or past and future ones (false)."),
    )

    class Meta:
        model = RoleHolder
        fields: list[str] = []

    def filter_current(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        current = _current_terms()
        return queryset.filter(current if value else ~current)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=Q_MAX_LENGTH,
        help_text=_("People whose display name or Wikimedia username contains this text."),
    )
    competency = django_filters.ModelChoiceFilter(
        method="filter_competency",
        to_field_name="slug",
        queryset=Competency.objects.all(),
        help_text=_(
            "Slug of a competency: people with a level in it (verified at `min_level` or above, if given)."
        ),
    )
    min_level = django_filters.TypedChoiceFilter(
        method="filter_nothing",
        choices=Level.choices,
        coerce=int,
        help_text=_("With `competency`: the lowest verified level (1 to 4)."),
    )
    mentor = django_filters.ModelChoiceFilter(
        field_name="can_mentor",
        to_field_name="slug",
        queryset=Competency.objects.all(),
        help_text=_("Slug of a competency: people who offer to mentor others in it."),
    )
    organization = django_filters.ModelChoiceFilter(
        method="filter_organization",
        to_field_name="slug",
        queryset=Organization.objects.filter(status=OrganizationStatus.APPROVED),
        help_text=_("Slug of an organisation: its members and the people holding its roles today."),
    )
    region = UpperCaseChoiceFilter(
        field_name="region__code", choices=RegionCode.choices, help_text=_("Code of the person's region.")
    )
    language = LowerCaseModelChoiceFilter(
        field_name="languages",
        to_field_name="code",
        queryset=Language.objects.all(),
        help_text=_("Code of a language the person works in, for example fr or pt-br."),
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = _text(value)
        if not value:
            return queryset
        return queryset.filter(Q(display_name__icontains=value) | Q(wikimedia_username__icontains=value))

    def filter_nothing(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset  # min_level refines `competency`, which reads it

    def filter_competency(self, queryset: QuerySet, name: str, value: Competency | None) -> QuerySet:
        if value is None:
            return queryset
        records = PersonCompetency.objects.filter(competency=value)
        min_level = self.form.cleaned_data.get("min_level")
        if min_level:
            records = records.filter(source__in=CompetencySource.verified(), level__gte=min_level)
        # The ids of the competency's people, each once: the database starts from the competency's records
        # (a few hundred) rather than walking the people table in order until a page of them matches.
        return queryset.filter(pk__in=records.order_by().values("person_id").distinct())

    def filter_organization(self, queryset: QuerySet, name: str, value: Organization | None) -> QuerySet:
        if value is None:
            return queryset
        # One set of ids, members and current holders together: the database reads the organisation's
        # members and terms through their indexes, where `EXISTS(...) OR EXISTS(...)` per person walked the
        # whole people table when the organisation has fewer people than a page.
        members = Membership.objects.filter(organization=value).order_by().values("person_id")
        holders = (
            RoleHolder.objects.filter(_current_terms(), role__organization=value)
            .order_by()
            .values("person_id")
        )
        return queryset.filter(pk__in=members.union(holders))
