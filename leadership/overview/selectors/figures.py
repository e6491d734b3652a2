"""Reads of the overview's figures: materialised rows (a constant few indexed queries whatever the scale), and
the renewal lists of one scope, bounded by `limit` (live, but for the roles with no one ready to succeed,
read from the refresh's stored readiness)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone

from leadership.common.languages import localized_field_names
from roles.enums import OrganizationKind
from roles.models import Organization, Person, Region, Role, RoleHolder
from training.selectors import upcoming_sessions_developing

from ..enums import ScopeKind
from ..models import CompetencyGap, RoleReadiness, ScopeSummary
from ..services import (
    counted_organizations_q,
    current_term_q,
    ending_term_q,
    local_today,
    overview_refresh_scope,
)

__all__ = [
    "GAP_SORTS",
    "burnout_people",
    "gap_heatmap",
    "movement_summary",
    "organization_for_overview",
    "organization_summary",
    "organization_table",
    "organization_with_summary",
    "over_limit_terms",
    "overview_version",
    "region_summary",
    "region_table",
    "roles_without_successor",
    "scope_gaps",
    "sessions_developing",
    "terms_ending",
    "vacant_roles",
]

HEATMAP_COLUMNS = 12
# ?sort= values of the gap table. A number sorts largest first, a name A to Z; "-" reverses.
GAP_SORTS: dict[str, tuple[str, ...]] = {
    "gap": ("-gap", "competency__name_en", "competency_id"),
    "-gap": ("gap", "competency__name_en", "competency_id"),
    "demand": ("-demand", "-gap", "competency__name_en", "competency_id"),
    "-demand": ("demand", "-gap", "competency__name_en", "competency_id"),
    "supply": ("-supply", "-gap", "competency__name_en", "competency_id"),
    "-supply": ("supply", "-gap", "competency__name_en", "competency_id"),
    "name": ("competency__name_en", "competency_id"),
    "-name": ("-competency__name_en", "-competency_id"),
}


def _summary(key: str) -> ScopeSummary | None:
    return ScopeSummary.objects.select_related("region", "organization").filter(key=key).first()


def movement_summary(*, now: datetime.datetime | None = None) -> ScopeSummary:
    """The movement's figures (computed now if no refresh has run yet)."""
    return _summary("movement") or overview_refresh_scope(kind=ScopeKind.MOVEMENT, now=now)


def region_summary(*, region: Region, now: datetime.datetime | None = None) -> ScopeSummary:
    return _summary(f"region:{region.code}") or overview_refresh_scope(
        kind=ScopeKind.REGION, region=region, now=now
    )


def organization_for_overview(*, slug: str) -> Organization | None:
    """The counted organisation (approved, active) with this slug and its region, or None: what an
    organisation's overview shows of it (its name, kind and region; whether it is a hub)."""
    return Organization.objects.select_related("region").filter(counted_organizations_q(), slug=slug).first()


def organization_summary(*, organization: Organization, now: datetime.datetime | None = None) -> ScopeSummary:
    """An organisation's figures (a hub's include the organisations it serves); computed now for an
    organisation the last refresh did not know."""
    return _summary(f"organization:{organization.pk}") or overview_refresh_scope(
        kind=ScopeKind.ORGANIZATION, organization=organization, now=now
    )


def organization_with_summary(
    *, slug: str, now: datetime.datetime | None = None
) -> tuple[Organization, ScopeSummary] | None:
    """The counted organisation with this slug and its figures (with its region), in one query; None for
    an organisation that does not count. Its figures are computed now if the last refresh did not know it."""
    summary = (
        ScopeSummary.objects.select_related("region", "organization__region")
        .filter(
            counted_organizations_q("organization__"), kind=ScopeKind.ORGANIZATION, organization__slug=slug
        )
        .first()
    )
    if summary is not None and summary.organization is not None:
        return summary.organization, summary
    organization = organization_for_overview(slug=slug)
    if organization is None:
        return None
    return organization, organization_summary(organization=organization, now=now)


# What the pages, the API and the digest show of a gap: its figures, and its competency's slug and name with its
# category's (each name in every language, for the fallbacks and the API's all_languages).
GAP_FIELDS = (
    "scope_id",
    "competency_id",
    "required_level",
    "demand_seats",
    "demand",
    "supply_people",
    "supply_learners",
    "gap",
    "upcoming_sessions",
    "competency__slug",
    "competency__category_id",
    *(f"competency__{name}" for name in localized_field_names("name")),
    "competency__category__slug",
    *(f"competency__category__{name}" for name in localized_field_names("name")),
)


def scope_gaps(
    *, scope: ScopeSummary, sort: str = "gap", limit: int | None = None
) -> QuerySet[CompetencyGap]:
    """The competency gaps of a scope, sorted by `sort` (GAP_SORTS; anything else: largest gap first)."""
    queryset = (
        CompetencyGap.objects.filter(scope=scope)
        .select_related("competency", "competency__category")
        .only(*GAP_FIELDS)
        .annotate(supply=F("supply_people") + F("supply_learners"))
        .order_by(*GAP_SORTS.get(sort, GAP_SORTS["gap"]))
    )
    return queryset[:limit] if limit is not None else queryset


def _served_summaries(scope: ScopeSummary) -> QuerySet[ScopeSummary] | None:
    """The organisation summaries inside a region scope or a hub's scope (None for other scopes)."""
    summaries = ScopeSummary.objects.filter(kind=ScopeKind.ORGANIZATION)
    if scope.kind == ScopeKind.REGION and scope.region_id is not None:
        return summaries.filter(region_id=scope.region_id)  # an organisation's row carries its region
    if scope.kind == ScopeKind.ORGANIZATION and scope.organization is not None and scope.organization.is_hub:
        return summaries.filter(organization__hubs=scope.organization_id)
    return None


def gap_heatmap(*, scope: ScopeSummary, limit: int = 30) -> dict[str, Any]:
    """The `limit` largest gaps of a scope against its parts: regions (movement), the organisations of a
    region or those a hub serves with the most demand (at most 12), none for another organisation.

    {"competencies": [Competency], "columns": [Region | Organization], "cells": {(competency id, column id):
    gap}, "max": the largest gap shown (0 at least)}. Three queries at most."""
    top = list(scope_gaps(scope=scope, limit=limit))
    competencies = [gap.competency for gap in top]
    columns: list[Any] = []
    cells: dict[tuple[int, Any], Decimal] = {}
    column_of: dict[int, Any]
    if scope.kind == ScopeKind.MOVEMENT:
        summaries = list(
            ScopeSummary.objects.filter(kind=ScopeKind.REGION, region__isnull=False)
            .select_related("region")
            .order_by("region__order", "region__code")
        )
        columns = [summary.region for summary in summaries]
        column_of = {summary.pk: summary.region_id for summary in summaries}
    else:
        parts = _served_summaries(scope)
        summaries = []
        if parts is not None:
            summaries = list(
                parts.select_related("organization")
                .filter(demand__gt=0)
                .order_by("-demand", "organization__name_en", "pk")[:HEATMAP_COLUMNS]
            )
        columns = [summary.organization for summary in summaries]
        column_of = {summary.pk: summary.organization_id for summary in summaries}
    if column_of and competencies:
        for scope_id, competency_id, gap in CompetencyGap.objects.filter(
            scope_id__in=column_of, competency_id__in=[c.pk for c in competencies]
        ).values_list("scope_id", "competency_id", "gap"):
            cells[(competency_id, column_of[scope_id])] = gap
    return {
        "competencies": competencies,
        "columns": columns,
        "cells": cells,
        "max": max([Decimal(0), *cells.values()]),
    }


def region_table(*, now: datetime.datetime | None = None) -> list[ScopeSummary]:
    """Every region's summary, in the regions' order (computed now where a region has none yet)."""
    summaries = list(
        ScopeSummary.objects.filter(kind=ScopeKind.REGION)
        .select_related("region")
        .order_by("region__order", "region__code")
    )
    if summaries:
        return summaries
    regions = Region.objects.filter(
        Exists(Organization.objects.filter(counted_organizations_q(), region_id=OuterRef("pk")))
    ).order_by("order", "code")
    return [region_summary(region=region, now=now) for region in regions]


def organization_table(*, scope: ScopeSummary, limit: int = 50) -> list[ScopeSummary]:
    """The organisation summaries in a region or a hub's scope (every organisation for the movement), most
    vacant seats first."""
    summaries = _served_summaries(scope)
    if summaries is None:
        if scope.kind != ScopeKind.MOVEMENT:
            return []
        summaries = ScopeSummary.objects.filter(kind=ScopeKind.ORGANIZATION)
    return list(
        summaries.select_related("organization", "region").order_by(
            "-vacant_seats", "organization__name_en", "pk"
        )[:limit]
    )


def sessions_developing(
    *, competency_ids: Any, now: datetime.datetime | None = None, per_competency: int = 3
) -> dict[int, list[Any]]:
    """{competency id: upcoming published training sessions of courses developing it, soonest first, at most
    `per_competency`}, in one query (training.selectors.upcoming_sessions_developing), with what the overview
    shows of them (their course's title, start and end)."""
    ids = list(competency_ids)
    found: dict[int, list[Any]] = {pk: [] for pk in ids}
    if not ids:
        return found
    sessions: QuerySet[Any] = (
        upcoming_sessions_developing(  # annotated `developed`
            competency_ids=ids, now=now or timezone.now(), per_competency=per_competency
        )
        # what the overview shows of a session: its course's title, when it starts and ends
        .select_related(None)
        .select_related("course")
        .only(
            "starts_at", "ends_at", "course", *(f"course__{name}" for name in localized_field_names("title"))
        )
    )
    for session in sessions:
        found[session.developed].append(session)
    return found


# --- Renewal lists of one scope: live, bounded ---------------------------------------------------------


def _scope_organizations(scope: ScopeSummary) -> QuerySet[Organization]:
    """The counted organisations of a scope (an organisation, and those it serves if it is a hub)."""
    organizations = Organization.objects.filter(counted_organizations_q())
    if scope.kind == ScopeKind.REGION and scope.region_id is not None:
        return organizations.filter(region_id=scope.region_id)
    if scope.kind == ScopeKind.ORGANIZATION:
        served = Q(
            pk__in=Organization.objects.filter(
                hubs=scope.organization_id, hubs__kind__in=OrganizationKind.hub_kinds()
            ).values("pk")
        )
        return organizations.filter(Q(pk=scope.organization_id) | served)
    return organizations


def _scope_organizations_by_id(scope: ScopeSummary) -> dict[int, Organization]:
    """The scope's organisations by id, with what the lists show of them (name, slug), read once per summary
    object. An organisation's scope is itself (when it counts) and, for a hub, those it serves: with the
    summary's organisation at hand (as the summary selectors give it), a plain organisation's costs no query
    and a hub's reads only the organisations it serves."""
    found: dict[int, Organization] | None = getattr(scope, "_organizations", None)
    if found is None:
        brief = ("slug", *localized_field_names("name"))
        organization = scope.organization if ScopeSummary.organization.is_cached(scope) else None
        if scope.kind == ScopeKind.ORGANIZATION and organization is not None:
            found = {organization.pk: organization} if organization.is_listed else {}
            if organization.is_hub:
                served = Organization.objects.filter(counted_organizations_q(), hubs=organization.pk)
                found.update((member.pk, member) for member in served.order_by().only(*brief))
        else:
            found = {
                organization.pk: organization for organization in _scope_organizations(scope).only(*brief)
            }
        scope._organizations = found  # type: ignore[attr-defined]
    return found


def _scope_organization_ids(scope: ScopeSummary) -> list[int]:
    """The ids of the scope's organisations: the lists below filter by this literal list, so that PostgreSQL
    walks their organisations' index instead of every role in title order."""
    return list(_scope_organizations_by_id(scope))


def _scope_roles(scope: ScopeSummary) -> QuerySet[Role]:
    return Role.objects.filter(active=True, organization_id__in=_scope_organization_ids(scope))


def _with_organizations(roles: list[Role], scope: ScopeSummary) -> list[Role]:
    """The roles, each given its organisation from the scope's (instead of a join and an object per row)."""
    organizations = _scope_organizations_by_id(scope)
    for role in roles:
        role.organization = organizations[role.organization_id]
    return roles


# What the page, the API and the digest show of a vacant role: its title and seats (and its organisation, from
# the scope's). Each text in every language, for the fallbacks.
VACANT_ROLE_FIELDS = ("seats", "organization_id", *localized_field_names("title"))


def vacant_roles(*, scope: ScopeSummary, limit: int = 50, now: datetime.datetime | None = None) -> list[Role]:
    """Roles with vacant or soon-vacant seats, annotated `vacant`, `soon_vacant` and `open_seats`, most open
    seats first.

    The seats are counted as services.seat_counts counts them (filled: seats of the role with a current term;
    soon vacant: those whose current term ends within 90 days with no successor appointed), in one grouped
    join of the scope's roles with their terms, so that each count is computed once per role."""
    today = local_today(now)
    seat = "holders__seat"
    current = current_term_q(today, "holders__") & Q(holders__seat__lte=F("seats"))
    successor = RoleHolder.objects.filter(role_id=OuterRef("pk"), seat=OuterRef(seat), start__gt=today)
    soon = current & ending_term_q(today, "holders__") & Q(~Exists(successor))
    roles = (
        _scope_roles(scope)
        .only(*VACANT_ROLE_FIELDS)
        .annotate(
            filled=Count(seat, filter=current, distinct=True),
            soon_vacant=Count(seat, filter=soon, distinct=True),
        )
        .annotate(vacant=F("seats") - F("filled"))
        .annotate(open_seats=F("vacant") + F("soon_vacant"))
        .filter(open_seats__gt=0)
        .order_by("-open_seats", "title_en", "pk")[:limit]
    )
    return _with_organizations(list(roles), scope)


def terms_ending(
    *, scope: ScopeSummary, now: datetime.datetime | None = None, limit: int = 50
) -> list[RoleHolder]:
    """Current terms ending within 90 days, soonest first."""
    today = local_today(now)
    return list(
        RoleHolder.objects.filter(current_term_q(today), ending_term_q(today), role__in=_scope_roles(scope))
        .select_related("role", "role__organization", "person")
        .order_by("end", "role__title_en", "pk")[:limit]
    )


def over_limit_terms(
    *, scope: ScopeSummary, limit: int = 50, now: datetime.datetime | None = None
) -> list[RoleHolder]:
    """Current terms past their role's term limit, furthest past first."""
    today = local_today(now)
    return list(
        RoleHolder.objects.filter(
            current_term_q(today),
            role__in=_scope_roles(scope),
            role__term_limit__isnull=False,
            term_number__gt=F("role__term_limit"),
        )
        .select_related("role", "role__organization", "person")
        .annotate(past_limit=F("term_number") - F("role__term_limit"))
        .order_by("-past_limit", "role__title_en", "pk")[:limit]
    )


def roles_without_successor(*, scope: ScopeSummary, limit: int = 50) -> list[Role]:
    """Roles with no one ready to succeed, by title, as the last refresh found them (RoleReadiness: the same
    computation as the scope's `without_successor` figure, see services.ready_successor_q)."""
    ids = _scope_organization_ids(scope)
    rows = (
        RoleReadiness.objects.filter(
            organization_id__in=ids,
            ready_successor=False,
            # the same organisations again, on the role: PostgreSQL then reads both through their organisation
            # indexes, instead of walking every role in title order and looking up its readiness (a hub's)
            role__organization_id__in=ids,
            role__active=True,
        )
        .select_related("role")
        # what the page and the API show of a role: its title (and its organisation, from the scope's)
        .only("role__organization_id", *(f"role__{name}" for name in localized_field_names("title")))
        .order_by("role__title_en", "role_id")[:limit]
    )
    return _with_organizations([row.role for row in rows], scope)


def burnout_people(
    *, scope: ScopeSummary, limit: int = 50, now: datetime.datetime | None = None
) -> list[Person]:
    """People at burnout risk holding a current term in the scope, annotated `current_roles` and
    `current_hours` (across every organisation), most roles first."""
    today = local_today(now)
    per_person = (
        RoleHolder.objects.filter(
            current_term_q(today),
            counted_organizations_q("role__organization__"),
            role__active=True,
            person_id=OuterRef("pk"),
        )
        .order_by()
        .values("person_id")
    )
    in_scope = RoleHolder.objects.filter(
        current_term_q(today), role__in=_scope_roles(scope), person_id=OuterRef("pk")
    )
    # The same test as services.at_risk_people, asked only of the scope's holders (not of every holder).
    return list(
        Person.objects.filter(Exists(in_scope))
        .annotate(
            current_roles=Subquery(
                per_person.annotate(n=Count("id")).values("n"), output_field=IntegerField()
            ),
            current_hours=Subquery(per_person.annotate(h=Sum("role__hours_per_week")).values("h")),
        )
        .filter(
            Q(current_roles__gt=settings.OVERVIEW_BURNOUT_MAX_ROLES)
            | Q(current_hours__gt=settings.OVERVIEW_BURNOUT_MAX_HOURS)
        )
        .order_by("-current_roles", F("current_hours").desc(nulls_last=True), "display_name", "pk")[:limit]
    )


def overview_version() -> str:
    """When the figures were last computed (for caches and ETags); empty before the first refresh."""
    latest = ScopeSummary.objects.aggregate(latest=Max("computed_at"))["latest"]
    return latest.isoformat() if latest is not None else ""
