"""The overview's pages: movement, region and organisation figures; candidates; peer learning; my development.

Views stay thin: figures come from selectors (materialised summaries and bounded live lists), permissions
from rules.py (`overview.*`), the one write (an invitation to be nominated) from invitations.py. Charts are
built here from the selectors' plain numbers (charts.py) and each is followed by its table on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from leadership.common.permissions import RulesPermissionRequiredMixin
from roles import selectors as roles_selectors
from roles.enums import RegionCode
from roles.models import Organization, Person, Region, Role
from roles.services import person_for_user

from . import charts, invitations, selectors
from .enums import DiversityGroup
from .models import ScopeSummary
from .templatetags import overview as overview_tags

GAP_ROWS = 30  # rows of the gap table, each with up to 3 upcoming sessions
SESSIONS_PER_GAP = 3

# ?sort= of the gap table: the column it orders and the direction a screen reader is told (aria-sort).
# "gap", "demand" and "supply" put the largest first; "name" goes A to Z; a leading "-" reverses.
SORT_COLUMNS = {
    "name": ("name", "ascending"),
    "-name": ("name", "descending"),
    "demand": ("demand", "descending"),
    "-demand": ("demand", "ascending"),
    "supply": ("supply", "descending"),
    "-supply": ("supply", "ascending"),
    "gap": ("gap", "descending"),
    "-gap": ("gap", "ascending"),
}
DEFAULT_SORT = "gap"

RENEWAL_SERIES = (
    charts.Series(_("Vacant seats"), "vacant"),
    charts.Series(_("Terms ending within 90 days"), "ending"),
    charts.Series(_("Roles with no one ready to succeed"), "successor"),
)
DIVERSITY_SERIES = {
    DiversityGroup.HOLDERS: charts.Series(DiversityGroup.HOLDERS.label, "holders"),
    DiversityGroup.NOMINEES: charts.Series(DiversityGroup.NOMINEES.label, "nominees"),
    DiversityGroup.LEARNERS: charts.Series(DiversityGroup.LEARNERS.label, "learners"),
}


def _viewer_person(request: HttpRequest) -> Person:
    """The signed-in account's Person (created on the spot for accounts made outside sign-up)."""
    person = roles_selectors.person_of(request.user)
    if person is None:
        person = person_for_user(user=request.user)
    return person


def _sort(request: HttpRequest) -> str:
    sort = request.GET.get("sort", DEFAULT_SORT)
    return sort if sort in SORT_COLUMNS else DEFAULT_SORT


def _region_name(code: str) -> str:
    if code == "other":
        return gettext("Other (each fewer than %(min)s)") % {"min": settings.OVERVIEW_MIN_GROUP}
    try:
        return str(RegionCode(code).label)
    except ValueError:
        return code


def _language_name(code: str) -> str:
    if code == "other":
        return gettext("Other (each fewer than %(min)s)") % {"min": settings.OVERVIEW_MIN_GROUP}
    info = LANG_INFO.get(code, {})
    return gettext(info["name"]) if "name" in info else code


@dataclass(frozen=True)
class SortLink:
    """One sortable header of the gap table: its label, the link that sorts by it, and its aria-sort."""

    label: str
    query: str
    aria_sort: str | None


def sort_links(current: str) -> dict[str, SortLink]:
    column, direction = SORT_COLUMNS[current]
    labels = {"name": _("Competency"), "demand": _("Demand"), "supply": _("Supply"), "gap": _("Gap")}
    links = {}
    for key, label in labels.items():
        # A click on the column already sorted reverses it; any other column starts at its own default.
        target = key
        if column == key:
            target = current[1:] if current.startswith("-") else f"-{current}"
        links[key] = SortLink(label=str(label), query=target, aria_sort=direction if column == key else None)
    return links


def diversity_context(diversity: dict[str, Any], *, chart_prefix: str) -> dict[str, Any]:
    """The diversity aggregates as rows for tables and bar charts; groups under the minimum say so."""
    groups = []
    region_codes: list[str] = []
    language_codes: list[str] = []
    for group in DiversityGroup:
        data = diversity.get(group.value) or {}
        total = data.get("total")
        regions = data.get("region") or {}
        languages = data.get("language") or {}
        groups.append(
            {
                "key": group.value,
                "label": group.label,
                "total": total,
                "regions": [(_region_name(code), count) for code, count in regions.items()],
                "languages": [(_language_name(code), count) for code, count in languages.items()],
            }
        )
        for code in regions:
            if code not in region_codes:
                region_codes.append(code)
        for code in languages:
            if code not in language_codes:
                language_codes.append(code)

    def rows(dimension: str, codes: list[str], name: Any) -> list[tuple[str, list[Any]]]:
        ordered = sorted(codes, key=lambda code: (code == "other", code))
        return [
            (
                name(code),
                [
                    ((diversity.get(group.value) or {}).get(dimension) or {}).get(code)
                    for group in DiversityGroup
                ],
            )
            for code in ordered
        ]

    series = list(DIVERSITY_SERIES.values())
    region_rows = rows("region", region_codes, _region_name)
    language_rows = rows("language", language_codes, _language_name)
    return {
        "groups": groups,
        "min_group": settings.OVERVIEW_MIN_GROUP,
        "legend": charts.legend(series) if region_rows or language_rows else "",
        "region_chart": charts.bar_chart(
            region_rows,
            series=series,
            chart_id=f"{chart_prefix}-diversity-regions",
            title=gettext("Regional spread of role holders, nominees and learners"),
        )
        if region_rows
        else "",
        "language_chart": charts.bar_chart(
            language_rows,
            series=series,
            chart_id=f"{chart_prefix}-diversity-languages",
            title=gettext("Language spread of role holders, nominees and learners"),
        )
        if language_rows
        else "",
    }


def timeline_context(summary: ScopeSummary, *, chart_prefix: str) -> dict[str, Any]:
    points = charts.timeline_points(summary.timeline or [])
    return {
        "rows": points,
        "any": any(count for _month, count in points),
        "chart": charts.timeline_chart(
            points,
            chart_id=f"{chart_prefix}-timeline",
            title=gettext("Terms ending in each of the next 12 months"),
            description=gettext(
                "One bar per month, this month first; the table below gives the same figures."
            ),
        )
        if points
        else "",
    }


def heatmap_context(heat: dict[str, Any], *, chart_prefix: str) -> dict[str, Any] | None:
    competencies = list(heat.get("competencies") or [])
    columns = list(heat.get("columns") or [])
    if not competencies or not columns:
        return None
    cells = heat.get("cells") or {}
    values = [[cells.get((competency.pk, column.pk)) for column in columns] for competency in competencies]
    column_labels = [str(column.name) for column in columns]
    maximum = heat.get("max")
    return {
        "columns": columns,
        "rows": [
            {
                "competency": competency,
                "cells": [
                    (
                        None if value is None else charts.format_number(value),
                        charts.heat_level(value, maximum),
                    )
                    for value in row
                ],
            }
            for competency, row in zip(competencies, values, strict=True)
        ],
        "legend": charts.heat_legend(maximum),
        "chart": charts.heatmap_chart(
            row_labels=[str(competency.name) for competency in competencies],
            column_labels=column_labels,
            values=values,
            maximum=maximum,
            chart_id=f"{chart_prefix}-heatmap",
            title=gettext("The largest competency gaps, by place"),
            description=gettext(
                "Darker cells are larger gaps (demand minus people and learners); every cell writes its gap."
            ),
        ),
    }


def summary_bars(summaries: list[ScopeSummary], *, label: Any, chart_id: str, title: str) -> str:
    rows = [
        (str(label(summary)), [summary.vacant_seats, summary.terms_ending, summary.without_successor])
        for summary in summaries
    ]
    return charts.bar_chart(rows, series=RENEWAL_SERIES, chart_id=chart_id, title=title) if rows else ""


class ScopePageMixin:
    """What the three figure pages share: the summary's cards, timeline, gap table and heat map, diversity."""

    request: HttpRequest
    chart_prefix = "overview"

    def gap_context(self, summary: ScopeSummary) -> dict[str, Any]:
        """The gap table (sorted by ?sort=), each gap with its upcoming sessions."""
        sort = _sort(self.request)
        gaps = list(selectors.scope_gaps(scope=summary, sort=sort, limit=GAP_ROWS))
        sessions = selectors.sessions_developing(
            competency_ids=[gap.competency_id for gap in gaps], per_competency=SESSIONS_PER_GAP
        )
        return {
            "sort": sort,
            "sort_links": sort_links(sort),
            "gaps": [{"gap": gap, "sessions": sessions.get(gap.competency_id, [])} for gap in gaps],
        }

    def summary_context(self, summary: ScopeSummary, *, with_heatmap: bool = True) -> dict[str, Any]:
        """What the summary alone gives: its cards, timeline, heat map and diversity."""
        return {
            "summary": summary,
            "timeline": timeline_context(summary, chart_prefix=self.chart_prefix),
            "heatmap": heatmap_context(selectors.gap_heatmap(scope=summary), chart_prefix=self.chart_prefix)
            if with_heatmap
            else None,
            "diversity": diversity_context(summary.diversity or {}, chart_prefix=self.chart_prefix),
            "renewal_legend": charts.legend(RENEWAL_SERIES),
        }

    def scope_context(self, summary: ScopeSummary, *, with_heatmap: bool = True) -> dict[str, Any]:
        return {**self.summary_context(summary, with_heatmap=with_heatmap), **self.gap_context(summary)}


class CachedSectionsMixin:
    """The movement's and a region's pages show the same to everyone and change only when `overview.refresh`
    rewrites their summary (and when a session is scheduled): everything below the page's header is rendered
    once per summary version, language and sort, and kept in the cache for OVERVIEW_PAGE_CACHE_SECONDS."""

    request: HttpRequest
    sections_template = ""

    def sections(self, summary: ScopeSummary, build: Callable[[], dict[str, Any]]) -> SafeString:
        key = f"overview-sections:{self.sections_template}:{summary.key}:{summary.pk}:{summary.updated_at.timestamp()}:{get_language()}:{_sort(self.request)}"
        html = cache.get(key)
        if html is None:
            html = render_to_string(self.sections_template, build(), request=self.request)
            cache.set(key, html, settings.OVERVIEW_PAGE_CACHE_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by our own template, its variables escaped


class MovementView(CachedSectionsMixin, ScopePageMixin, TemplateView):
    """The movement as a whole: figures, timeline, regions, gaps with their trainings, diversity."""

    template_name = "overview/movement.html"
    sections_template = "overview/includes/movement_sections.html"
    chart_prefix = "movement"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        summary = selectors.movement_summary()
        context["sections"] = self.sections(summary, lambda: self.movement_context(summary))
        return context

    def movement_context(self, summary: ScopeSummary) -> dict[str, Any]:
        regions = list(selectors.region_table())
        return {
            **self.scope_context(summary),
            "regions": regions,
            "regions_chart": summary_bars(
                regions,
                label=lambda row: row.region.name,
                chart_id="movement-regions",
                title=gettext("Renewal figures per region"),
            ),
        }


class RegionView(CachedSectionsMixin, ScopePageMixin, TemplateView):
    """One region: its figures and its organisations."""

    template_name = "overview/region.html"
    sections_template = "overview/includes/region_sections.html"
    chart_prefix = "region"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        region = Region.objects.filter(code=self.kwargs["code"].upper()).first()
        if region is None:
            raise Http404
        summary = selectors.region_summary(region=region)
        context["region"] = region
        context["sections"] = self.sections(summary, lambda: self.region_context(summary))
        return context

    def region_context(self, summary: ScopeSummary) -> dict[str, Any]:
        organizations = list(selectors.organization_table(scope=summary))
        return {
            **self.scope_context(summary),
            "organizations": organizations,
            "organizations_chart": summary_bars(
                organizations,
                label=lambda row: row.organization.name,
                chart_id="region-organizations",
                title=gettext("Renewal figures per organisation"),
            ),
        }


class OrganizationView(ScopePageMixin, TemplateView):
    """One organisation (a hub: with the organisations it serves); its live renewal lists.

    Roles are public; lists that name people (terms ending, past their limit, burnout, emerging leaders)
    show only to those who may see the scope's people. What the summary alone gives (figures, timeline, the
    organisations a hub serves, heat map, diversity, the gaps' rows) is the same for everyone and changes with
    the summary: rendered once per summary version and language, and kept in the cache for
    OVERVIEW_PAGE_CACHE_SECONDS; the lists and the gaps' sessions are read on every request.
    """

    template_name = "overview/organization.html"
    chart_prefix = "organization"
    sections_templates = (
        "overview/includes/organization_figures.html",
        "overview/includes/organization_spread.html",
    )

    def emerging_rows(self, organization: Organization) -> list[dict[str, Any]]:
        """Emerging leaders, each with whether the viewer may invite them to their best open role (checked
        once per role: the check reads the role's open call)."""
        allowed: dict[int, bool] = {}
        rows = []
        for entry in selectors.emerging_leaders(organization=organization):
            role = entry.best_role
            if role is not None and role.pk not in allowed:
                allowed[role.pk] = self.request.user.has_perm("overview.invite_to_nominate", role)
            rows.append({"entry": entry, "can_invite": role is not None and allowed[role.pk]})
        return rows

    def summary_sections(
        self, summary: ScopeSummary, organization: Organization, *, sort: str
    ) -> tuple[list[SafeString], list[tuple[int, str]]]:
        """What the summary alone gives, from the cache if rendered for this version of the summary in this
        language (and this kind of organisation: a hub's sections have more): the page's sections above and
        below the lists (sections_templates), and each gap's row of the gap table sorted by `sort` up to its
        sessions (competency id, row)."""
        version = f"{summary.key}:{summary.pk}:{summary.updated_at.timestamp()}:{get_language()}"
        sections_key = f"overview-organization-sections:{version}:{organization.kind}"
        gaps_key = f"overview-organization-gaps:{version}:{sort}"
        cached = cache.get_many([sections_key, gaps_key])
        sections = cached.get(sections_key)
        if sections is None:
            sections = self.render_sections(summary, organization)
            cache.set(sections_key, sections, settings.OVERVIEW_PAGE_CACHE_SECONDS)
        heads = cached.get(gaps_key)
        if heads is None:
            gaps = list(selectors.scope_gaps(scope=summary, sort=sort, limit=GAP_ROWS))
            heads = list(zip([gap.competency_id for gap in gaps], overview_tags.gap_heads(gaps), strict=True))
            cache.set(gaps_key, heads, settings.OVERVIEW_PAGE_CACHE_SECONDS)
        return [mark_safe(html) for html in sections], heads  # noqa: S308 - our own templates, escaped

    def render_sections(self, summary: ScopeSummary, organization: Organization) -> list[str]:
        context = {
            **self.summary_context(summary, with_heatmap=organization.is_hub),
            "organization": organization,
            "is_hub": organization.is_hub,
        }
        if organization.is_hub:
            # A plain organisation has no parts to map its gaps against: the heat map is a hub's.
            organizations = list(selectors.organization_table(scope=summary))
            context.update(
                organizations=organizations,
                organizations_chart=summary_bars(
                    organizations,
                    label=lambda row: row.organization.name,
                    chart_id="organization-organizations",
                    title=gettext("Renewal figures per organisation served"),
                ),
            )
        return [
            render_to_string(template, context, request=self.request) for template in self.sections_templates
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        found = selectors.organization_with_summary(slug=self.kwargs["slug"])
        if found is None:
            raise Http404
        organization, summary = found
        user = self.request.user
        sees_people = user.has_perm("overview.view_scope_people", organization)
        vacant = list(selectors.vacant_roles(scope=summary))
        sort = _sort(self.request)
        (figures, spread), heads = self.summary_sections(summary, organization, sort=sort)
        sessions = selectors.sessions_developing(
            competency_ids=[competency_id for competency_id, _head in heads], per_competency=SESSIONS_PER_GAP
        )
        context.update(
            organization=organization,
            summary=summary,
            is_hub=organization.is_hub,
            figures_sections=figures,
            spread_sections=spread,
            sort=sort,
            sort_links=sort_links(sort),
            gaps=[
                {"head": head, "sessions": sessions.get(competency_id, [])} for competency_id, head in heads
            ],
            sees_people=sees_people,
            vacant_roles=[
                {"role": role, "can_view_candidates": user.has_perm("overview.view_candidates", role)}
                for role in vacant
            ],
            roles_without_successor=list(selectors.roles_without_successor(scope=summary)),
            terms_ending=list(selectors.terms_ending(scope=summary)) if sees_people else [],
            over_limit_terms=list(selectors.over_limit_terms(scope=summary)) if sees_people else [],
            burnout_people=list(selectors.burnout_people(scope=summary)) if sees_people else [],
            emerging=self.emerging_rows(organization) if sees_people else [],
            burnout_max_roles=settings.OVERVIEW_BURNOUT_MAX_ROLES,
            burnout_max_hours=settings.OVERVIEW_BURNOUT_MAX_HOURS,
        )
        return context


class RolePermissionMixin(RulesPermissionRequiredMixin):
    """Checks the permission against the role of the URL, fetched once (404 for an unknown role)."""

    kwargs: dict[str, Any]

    def get_permission_object(self) -> Role:
        if not hasattr(self, "role"):
            role = roles_selectors.role_for_page(pk=self.kwargs["pk"])
            if role is None:
                raise Http404
            self.role = role
        return self.role


class CandidatesView(RolePermissionMixin, TemplateView):
    """People and consenting nominees ranked by fit to a role, for its organisation's organizers."""

    template_name = "overview/candidates.html"
    permission_required = "overview.view_candidates"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        role = self.role
        context.update(
            role=role,
            candidates=selectors.role_candidates(role=role),
            can_invite=self.request.user.has_perm("overview.invite_to_nominate", role),
        )
        return context


class InviteView(RolePermissionMixin, View):
    """POST: invite a candidate to be nominated through the role's open call (once per role and person)."""

    permission_required = "overview.invite_to_nominate"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
        person = Person.objects.filter(pk=person_pk).first()
        if person is None:
            raise Http404
        try:
            invite = invitations.invite_to_nominate(
                role=self.role, person=person, invited_by=_viewer_person(request)
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(name)s was invited on %(date)s to be nominated for %(role)s.")
                % {
                    "name": person.display_name,
                    "date": formats.date_format(timezone.localdate(invite.created_at), "DATE_FORMAT"),
                    "role": self.role.title,
                },
            )
        # The address as checked (stripped): "//" followed by blanks passes and leaves the site once encoded.
        target = request.POST.get("next", "").strip()
        if target.startswith(("//", "/\\")) or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("overview:candidates", kwargs={"pk": pk})
        return HttpResponseRedirect(target)


class PeersView(RulesPermissionRequiredMixin, TemplateView):
    """Competencies people want to develop, beside how many offer to mentor in each."""

    template_name = "overview/peers.html"
    permission_required = "overview.use_peer_learning"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["competencies"] = list(selectors.peer_competencies())
        return context


class PeerCompetencyView(RulesPermissionRequiredMixin, TemplateView):
    """For one competency: learners who want it next to mentors who offer it (same language first)."""

    template_name = "overview/peer_competency.html"
    permission_required = "overview.use_peer_learning"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        competency = roles_selectors.competency_for_page(slug=self.kwargs["slug"])
        if competency is None:
            raise Http404
        viewer = _viewer_person(self.request)
        learners, mentors = selectors.peer_matches(competency=competency, viewer_person=viewer)
        context.update(competency=competency, learners=learners, mentors=mentors, viewer=viewer)
        return context


class MyDevelopmentView(LoginRequiredMixin, TemplateView):
    """The signed-in person's development: mentors for what they want to learn, trainings for their gaps."""

    template_name = "overview/me.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        person = _viewer_person(self.request)
        context.update(person=person, development=selectors.my_development(person=person))
        return context
