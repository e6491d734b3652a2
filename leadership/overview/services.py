"""The overview's figures, computed by the database and materialised per scope (ScopeSummary, CompetencyGap).

`overview_refresh` (the periodic task `overview.refresh`) recomputes every scope at once: the movement, every
region with counted organisations and every counted organisation (a hub with the organisations it serves).
Each figure is a few grouped queries over all scopes together, never a loop over rows:

- figures that add up (roles, seats, filled and vacant seats, terms ending, terms past their limit, roles
  with no one ready to succeed, the renewal timeline) are grouped per organisation in the database, and the
  few thousand organisation rows are added up per region, hub and the movement;
- figures that count distinct people (burnout risk, supply, diversity) cannot be added up (a person may hold
  roles in two organisations of a region): each scope kind has its own grouped query, joined to the scopes
  by a relation (scope organisation, organisation) that maps a hub to the organisations it serves;
- demand for a competency and its supply are grouped per scope and competency in the database, supply
  against the scope's required level in the same query.

The queries are written with the ORM and composed, where a join over derived tables is needed, from the
SQL the ORM generates (so that they run unchanged on PostgreSQL and SQLite). The definitions are those of
the overview's contract; the shared pieces (what a current term is, which organisations count, the ready
successors of a role) are here, reused by the selectors' live renewal lists.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils import timezone

from nominations.selectors import consenting_nominees, nominations_not_erased
from roles.enums import CompetencySource, Importance, OrganizationKind, OrganizationStatus
from roles.models import (
    Membership,
    Organization,
    Person,
    PersonCompetency,
    Region,
    Role,
    RoleHolder,
    RoleRequirement,
)
from training.selectors import learners_enrolled, upcoming_learning, upcoming_sessions_per_competency

from .enums import DiversityGroup, ScopeKind
from .models import CompetencyGap, RoleReadiness, ScopeSummary

__all__ = [
    "TERMS_ENDING_DAYS",
    "TIMELINE_MONTHS",
    "at_risk_people",
    "counted_organizations_q",
    "current_term_q",
    "ending_term_q",
    "overview_refresh",
    "overview_refresh_scope",
    "ready_successor_q",
    "scope_key",
    "seat_counts",
]

TERMS_ENDING_DAYS = 90
ADDED_UP = (
    "roles",
    "seats",
    "filled_seats",
    "vacant_seats",
    "without_successor",
    "terms_ending",
    "over_term_limit",
)
TIMELINE_MONTHS = 12
GAP_BATCH = 2000
OTHER = "*"  # the diversity query's bucket of groups too small to show


# --- Shared definitions (also used by selectors.figures) ----------------------------------------------


def counted_organizations_q(prefix: str = "") -> Q:
    """Organisations whose roles count: approved and active."""
    return Q(**{f"{prefix}status": OrganizationStatus.APPROVED, f"{prefix}active": True})


def local_today(now: datetime.datetime | None = None) -> datetime.date:
    """The day the figures are about: `now` (default: this moment) in the site's time zone."""
    return timezone.localdate(now or timezone.now())


def current_term_q(today: datetime.date, prefix: str = "") -> Q:
    """A term running today (as RoleHolder.is_current)."""
    return Q(**{f"{prefix}start__lte": today}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": today})
    )


def ending_term_q(today: datetime.date, prefix: str = "") -> Q:
    """A current term ending within TERMS_ENDING_DAYS (after today)."""
    return Q(
        **{
            f"{prefix}end__gt": today,
            f"{prefix}end__lte": today + datetime.timedelta(days=TERMS_ENDING_DAYS),
        }
    )


def scope_key(kind: str, *, region: Region | None = None, organization: Organization | None = None) -> str:
    """The unique key of a scope's summary row: "movement", "region:<code>" or "organization:<id>"."""
    if kind == ScopeKind.REGION:
        assert region is not None  # noqa: S101 - a programming error, not input
        return f"region:{region.code}"
    if kind == ScopeKind.ORGANIZATION:
        assert organization is not None  # noqa: S101 - a programming error, not input
        return f"organization:{organization.pk}"
    return "movement"


def _successor_appointed(today: datetime.date) -> Exists:
    """On a RoleHolder row: a term on the same seat starting after today (a successor already appointed)."""
    return Exists(
        RoleHolder.objects.filter(role_id=OuterRef("role_id"), seat=OuterRef("seat"), start__gt=today)
    )


def seat_counts(today: datetime.date, roles: QuerySet[Role] | None = None) -> QuerySet[Any]:
    """Per role (`rid`): `filled` seats (current terms, one per seat at most, seats of the role only) and
    `soon` vacant seats (a current term ending within 90 days and no successor appointed on the seat).

    Grouped over the current terms in one pass; roles without a current term have no row."""
    terms = RoleHolder.objects.filter(current_term_q(today), seat__lte=F("role__seats"))
    if roles is not None:
        terms = terms.filter(role__in=roles)
    return (
        terms.order_by()
        .annotate(rid=F("role_id"))
        .values("rid")
        .annotate(
            filled=Count("seat", distinct=True),
            soon=Count("seat", distinct=True, filter=Q(ending_term_q(today), ~_successor_appointed(today))),
        )
    )


def at_risk_people(today: datetime.date) -> QuerySet[Any]:
    """Ids (`person_id`) of people at burnout risk: more than OVERVIEW_BURNOUT_MAX_ROLES current terms of
    counted roles, or more than OVERVIEW_BURNOUT_MAX_HOURS expected hours a week across them."""
    return (
        RoleHolder.objects.filter(
            current_term_q(today), counted_organizations_q("role__organization__"), role__active=True
        )
        .order_by()
        .values("person_id")
        .annotate(n_terms=Count("id"), n_hours=Sum("role__hours_per_week"))
        .filter(
            Q(n_terms__gt=settings.OVERVIEW_BURNOUT_MAX_ROLES)
            | Q(n_hours__gt=settings.OVERVIEW_BURNOUT_MAX_HOURS)
        )
        .values("person_id")
    )


def _pool(organizations: Q) -> tuple[str, list[Any]]:
    """(`org`, `pid`): the pool of successors of each organisation's roles, without repeats: its members,
    everyone who holds or held a term of its roles, and people of consenting nominations in its calls."""
    members = (
        Membership.objects.filter(_prefixed(organizations, "organization__"))
        .annotate(org=F("organization_id"), pid=F("person_id"))
        .values("org", "pid")
    )
    holders = (
        RoleHolder.objects.filter(_prefixed(organizations, "role__organization__"))
        .annotate(org=F("role__organization_id"), pid=F("person_id"))
        .values("org", "pid")
    )
    nominees = (
        consenting_nominees(where=_prefixed(organizations, "call__organization__"))
        .annotate(org=F("call__organization_id"), pid=F("person_id"))
        .values("org", "pid")
    )
    return _union([members, holders, nominees], ["org", "pid"])


def _prefixed(q: Q, prefix: str) -> Q:
    """A Q over Organization, rewritten for a relation to it (`prefix` like "role__organization__")."""
    result = Q()
    result.connector = q.connector
    result.negated = q.negated
    for child in q.children:
        if isinstance(child, Q):
            result.children.append(_prefixed(child, prefix))
        elif isinstance(child, tuple):
            name, value = child
            result.children.append((f"{prefix}{name}", value))
    return result


def _verified_levels() -> QuerySet[Any]:
    """(`pid`, `cid`, `lvl`): verified levels (several rows per person and competency: take the maximum)."""
    return (
        PersonCompetency.objects.filter(source__in=CompetencySource.verified())
        .order_by()
        .annotate(pid=F("person_id"), cid=F("competency_id"), lvl=F("level"))
        .values("pid", "cid", "lvl")
    )


def _essentials(roles: Q) -> QuerySet[Any]:
    """(`rid`, `org`, `cid`, `req`, `need`): essential requirements with their role's count of them."""
    per_role = (
        RoleRequirement.objects.filter(role_id=OuterRef("role_id"), importance=Importance.ESSENTIAL)
        .order_by()
        .values("role_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        RoleRequirement.objects.filter(_prefixed(roles, "role__"), importance=Importance.ESSENTIAL)
        .order_by()
        .annotate(n_essential=per_role)
        .annotate(
            rid=F("role_id"),
            org=F("role__organization_id"),
            cid=F("competency_id"),
            req=F("min_level"),
            need=F("n_essential"),
        )
        .values("rid", "org", "cid", "req", "need")
    )


def _sql(queryset: QuerySet[Any]) -> tuple[str, list[Any]]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _union(
    querysets: Iterable[QuerySet[Any]], columns: Iterable[str], *, distinct: bool = True
) -> tuple[str, list[Any]]:
    """The UNION (ALL) of querysets, their `columns` selected by name: the ORM's own union matches columns by
    position, and the order of a values() selection is not guaranteed with modeltranslation's querysets."""
    names = ", ".join(f"u.{column}" for column in columns)
    parts, params = [], []
    for queryset in querysets:
        sql, part_params = _sql(queryset.order_by())
        parts.append(f"SELECT {names} FROM ({sql}) u")  # noqa: S608 - SQL the ORM generated; values are parameters
        params += part_params
    return (" UNION " if distinct else " UNION ALL ").join(parts), params


def ready_successor_q(today: datetime.date, roles: Q) -> Q:
    """On Role (among `roles`, a Q over Role): someone is ready to succeed.

    Ready: a person of the role's pool (see _pool) who does not hold the role now and whose verified level
    meets every essential requirement of the role; a role without essential requirements needs anyone of
    its pool who does not hold it now. Roles with essential requirements are found in one grouped join
    (pool by verified levels by essential requirements, counting the requirements each person meets); the
    others by an EXISTS per role, which stops at the first person found.
    """
    organizations = Q(pk__in=Role.objects.filter(roles).values("organization_id"))
    essentials_sql, essentials_params = _sql(_essentials(roles))
    pool_sql, pool_params = _pool(organizations)
    levels_sql, levels_params = _sql(_verified_levels())
    holders_sql, holders_params = _sql(
        RoleHolder.objects.filter(current_term_q(today))
        .order_by()
        .annotate(rid=F("role_id"), pid=F("person_id"))
        .values("rid", "pid")
    )
    ready_sql = (
        "SELECT q.rid FROM ("  # noqa: S608 - SQL the ORM generated; values are parameters
        " SELECT e.rid AS rid, x.pid AS pid, COUNT(*) AS met, MAX(e.need) AS need"
        f" FROM ({essentials_sql}) e"
        " JOIN ("
        "  SELECT p.org AS org, p.pid AS pid, v.cid AS cid, MAX(v.lvl) AS lvl"
        f"  FROM ({pool_sql}) p JOIN ({levels_sql}) v ON v.pid = p.pid"
        "  GROUP BY p.org, p.pid, v.cid"
        " ) x ON x.org = e.org AND x.cid = e.cid AND x.lvl >= e.req"
        " GROUP BY e.rid, x.pid"
        f") q LEFT JOIN ({holders_sql}) h ON h.rid = q.rid AND h.pid = q.pid"
        " WHERE q.met = q.need AND h.rid IS NULL"
    )
    ready_params = essentials_params + pool_params + levels_params + holders_params

    def not_holding(queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(
            ~Exists(
                RoleHolder.objects.filter(
                    current_term_q(today), role_id=OuterRef(OuterRef("pk")), person_id=OuterRef("person_id")
                )
            )
        )

    anyone = (
        Exists(not_holding(Membership.objects.filter(organization_id=OuterRef("organization_id"))))
        | Exists(not_holding(RoleHolder.objects.filter(role__organization_id=OuterRef("organization_id"))))
        | Exists(not_holding(consenting_nominees(where=Q(call__organization_id=OuterRef("organization_id")))))
    )
    has_essentials = Exists(
        RoleRequirement.objects.filter(role_id=OuterRef("pk"), importance=Importance.ESSENTIAL)
    )
    ready = RawSQL(ready_sql, ready_params)  # noqa: S611 - SQL the ORM generated; values are parameters
    return Q(pk__in=ready) | (~has_essentials & anyone)


# --- The computation -------------------------------------------------------------------------------------


@dataclass
class _Scope:
    kind: str
    sid: int  # region id, organisation id, or 0 for the movement
    key: str
    region_id: int | None = None
    organization_id: int | None = None
    figures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    timeline: list[int] = field(default_factory=lambda: [0] * TIMELINE_MONTHS)
    diversity: dict[str, Any] = field(default_factory=dict)
    gaps: dict[int, dict[str, Any]] = field(default_factory=dict)


def _month_starts(today: datetime.date, count: int) -> list[datetime.date]:
    """The first day of this month and of the following `count` months (count + 1 dates)."""
    starts = []
    year, month = today.year, today.month
    for _ in range(count + 1):
        starts.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return starts


class _Figures:
    """One computation, for every scope (a full refresh) or one scope (`only`)."""

    def __init__(
        self,
        *,
        now: datetime.datetime,
        kinds: tuple[str, ...],
        region_id: int | None = None,
        scope_organization_id: int | None = None,
    ) -> None:
        self.now = now
        self.today = local_today(now)
        self.kinds = kinds
        self.region_id = region_id
        self.scope_organization_id = scope_organization_id
        self.organizations = self._organizations()
        self.readiness: dict[int, tuple[int, bool]] = {}

    # Which organisations count, and how they map onto scopes -----------------------------------------

    def _restriction(self) -> Q:
        q = counted_organizations_q()
        if self.region_id is not None:
            q &= Q(region_id=self.region_id)
        if self.scope_organization_id is not None:
            q &= Q(pk=self.scope_organization_id) | Q(
                pk__in=Organization.objects.filter(
                    hubs=self.scope_organization_id, hubs__kind__in=OrganizationKind.hub_kinds()
                ).values("pk")
            )
        return q

    def _organizations(self) -> dict[int, int]:
        """{organisation id: region id} of the organisations in the computation."""
        return dict(Organization.objects.filter(self._restriction()).values_list("pk", "region_id"))

    def org_q(self, prefix: str = "") -> Q:
        return _prefixed(self._restriction(), prefix)

    def mapping(self) -> tuple[str, list[Any]]:
        """(`sid`, `org`): each organisation scope and its organisations (itself; a hub, those it serves)."""
        own = (
            Organization.objects.filter(self.org_q()).annotate(sid=F("pk"), org=F("pk")).values("sid", "org")
        )
        served = (
            Organization.objects.filter(
                self.org_q(), counted_organizations_q("hubs__"), hubs__kind__in=OrganizationKind.hub_kinds()
            )
            .annotate(sid=F("hubs__id"), org=F("pk"))
            .values("sid", "org")
        )
        if self.scope_organization_id is not None:
            own = own.filter(pk=self.scope_organization_id)
            served = served.filter(hubs=self.scope_organization_id)
        return _union([own, served], ["sid", "org"])

    def scopes(self) -> dict[tuple[str, int], _Scope]:
        scopes: dict[tuple[str, int], _Scope] = {}
        if ScopeKind.MOVEMENT in self.kinds:
            scopes[(ScopeKind.MOVEMENT, 0)] = _Scope(ScopeKind.MOVEMENT, 0, "movement")
        if ScopeKind.REGION in self.kinds:
            region_ids = set(self.organizations.values())
            if self.region_id is not None:
                region_ids.add(self.region_id)
            for region_id, code in Region.objects.filter(pk__in=region_ids).values_list("pk", "code"):
                scopes[(ScopeKind.REGION, region_id)] = _Scope(
                    ScopeKind.REGION, region_id, f"region:{code}", region_id=region_id
                )
        if ScopeKind.ORGANIZATION in self.kinds:
            if self.scope_organization_id is not None:
                ids = {
                    self.scope_organization_id: Organization.objects.get(
                        pk=self.scope_organization_id
                    ).region_id
                }
            else:
                ids = self.organizations
            for org_id, region_id in ids.items():
                scopes[(ScopeKind.ORGANIZATION, org_id)] = _Scope(
                    ScopeKind.ORGANIZATION,
                    org_id,
                    f"organization:{org_id}",
                    region_id=region_id,
                    organization_id=org_id,
                )
        return scopes

    # Grouping a relation of facts by scope ---------------------------------------------------------------

    def grouped(
        self, kind: str, source: str, select: str = "", group: Iterable[str] = ()
    ) -> tuple[str, list[Any]]:
        """SQL grouping the relation named `source` (columns `org` and `reg`, among others) by the scopes of one
        kind (`kind`, `sid`) and the columns named in `group`; `select` adds the aggregates."""
        params: list[Any] = []
        where = ""
        if kind == ScopeKind.ORGANIZATION:
            mapping_sql, params = self.mapping()
            scope = "m.sid"
            tables = f"{source} f JOIN ({mapping_sql}) m ON m.org = f.org"
        elif kind == ScopeKind.REGION:
            scope = "f.reg"
            tables = f"{source} f"
            where = " WHERE f.reg IS NOT NULL"
            if self.region_id is not None:
                where += " AND f.reg = %s"
                params = [self.region_id]
        else:
            scope = "0"
            tables = f"{source} f"
        groups = [f"f.{name}" for name in group]
        by = [scope, *groups] if kind != ScopeKind.MOVEMENT else groups
        columns = ", ".join(
            [
                f"'{ScopeKind(kind).value}' AS kind",
                f"{scope} AS sid",
                *(f"f.{name} AS {name}" for name in group),
                *([select] if select else []),
            ]
        )
        group_by = f" GROUP BY {', '.join(by)}" if by else ""
        return f"SELECT {columns} FROM {tables}{where}{group_by}", params  # noqa: S608 - SQL the ORM generated; values are parameters

    def by_scope(
        self, source: str, select: str = "", group: Iterable[str] = (), kinds: Iterable[str] | None = None
    ) -> tuple[str, list[Any]]:
        """`grouped` for every kind of the computation (or `kinds`), in one relation (UNION ALL)."""
        parts, params = [], []
        for kind in self.kinds if kinds is None else kinds:
            sql, kind_params = self.grouped(kind, source, select, list(group))
            parts.append(sql)
            params += kind_params
        return " UNION ALL ".join(parts), params

    def rows(
        self, sql: str, params: list[Any], ctes: Iterable[tuple[str, tuple[str, list[Any]]]] = ()
    ) -> list[tuple[Any, ...]]:
        """Run `sql` after the named relations `ctes` (a WITH clause: each is computed once per query)."""
        ctes = list(ctes)
        if ctes:
            params = [*(p for _, (_, cte_params) in ctes for p in cte_params), *params]
            sql = "WITH " + ", ".join(f"{name} AS ({cte_sql})" for name, (cte_sql, _) in ctes) + " " + sql
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    # Figures that add up: grouped per organisation, added up per scope -------------------------------

    def roles_per_organization(self) -> dict[int, dict[str, int]]:
        """Role figures per organisation, added up from one row per role (whose readiness the refresh also
        keeps: `self.readiness`, {role id: (organisation id, someone ready)})."""
        roles = Q(active=True) & self.org_q("organization__")
        ready = ready_successor_q(self.today, roles)
        roles_sql, roles_params = _sql(
            Role.objects.filter(roles)
            .order_by()
            .annotate(ready=Case(When(ready, then=Value(1)), default=Value(0), output_field=IntegerField()))
            .annotate(rid=F("pk"), org=F("organization_id"), nseats=F("seats"), rdy=F("ready"))
            .values("rid", "org", "nseats", "rdy")
        )
        seats_sql, seats_params = _sql(seat_counts(self.today, Role.objects.filter(roles)))
        sql = (
            "SELECT r.rid, r.org, r.nseats, COALESCE(s.filled, 0), r.rdy"  # noqa: S608 - SQL the ORM generated; values are parameters
            f" FROM ({roles_sql}) r LEFT JOIN ({seats_sql}) s ON s.rid = r.rid"
        )
        per_org: dict[int, dict[str, int]] = {}
        for rid, org, seats, filled, rdy in self.rows(sql, roles_params + seats_params):
            self.readiness[rid] = (org, bool(rdy))
            figures = per_org.setdefault(
                org, {"roles": 0, "seats": 0, "filled_seats": 0, "vacant_seats": 0, "without_successor": 0}
            )
            figures["roles"] += 1
            figures["seats"] += seats
            figures["filled_seats"] += filled
            figures["vacant_seats"] += seats - filled
            figures["without_successor"] += 1 - rdy
        return per_org

    def terms_per_organization(self) -> dict[int, dict[str, Any]]:
        months = _month_starts(self.today, TIMELINE_MONTHS)
        timeline = {
            f"m{i}": Count("id", filter=Q(end__gte=months[i], end__lt=months[i + 1]))
            for i in range(TIMELINE_MONTHS)
        }
        rows = (
            RoleHolder.objects.filter(
                current_term_q(self.today), self.org_q("role__organization__"), role__active=True
            )
            .order_by()
            .annotate(org=F("role__organization_id"))
            .values("org")
            .annotate(
                ending=Count("id", filter=ending_term_q(self.today)),
                over=Count(
                    "id", filter=Q(role__term_limit__isnull=False, term_number__gt=F("role__term_limit"))
                ),
                **timeline,
            )
        )
        return {
            row["org"]: {
                "terms_ending": row["ending"],
                "over_term_limit": row["over"],
                "timeline": [row[f"m{i}"] for i in range(TIMELINE_MONTHS)],
            }
            for row in cast(Iterable[dict[str, Any]], rows)
        }

    def add_up(self, scopes: dict[tuple[str, int], _Scope]) -> None:
        per_org: dict[int, dict[str, Any]] = defaultdict(dict)
        for org, role_figures in self.roles_per_organization().items():
            per_org[org].update(role_figures)
        for org, term_figures in self.terms_per_organization().items():
            per_org[org].update(term_figures)
        targets: dict[int, list[_Scope]] = defaultdict(list)
        for org, region_id in self.organizations.items():
            for key in ((ScopeKind.MOVEMENT, 0), (ScopeKind.REGION, region_id)):
                if key in scopes:
                    targets[org].append(scopes[key])
        if ScopeKind.ORGANIZATION in self.kinds:
            for sid, org in self.rows(*self.mapping()):
                if (ScopeKind.ORGANIZATION, sid) in scopes:
                    targets[org].append(scopes[(ScopeKind.ORGANIZATION, sid)])
        for org, in_scopes in targets.items():
            figures: dict[str, Any] = per_org.get(org, {})
            for scope in in_scopes:
                scope.figures["organizations"] += 1
                for name in ADDED_UP:
                    scope.figures[name] += figures.get(name, 0)
                for i, ending in enumerate(figures.get("timeline", ())):
                    scope.timeline[i] += ending

    # Figures of distinct people: one grouped query over every scope kind ----------------------------------------

    def burnout(self, scopes: dict[tuple[str, int], _Scope]) -> None:
        fact = _sql(
            RoleHolder.objects.filter(
                current_term_q(self.today),
                self.org_q("role__organization__"),
                role__active=True,
                person_id__in=at_risk_people(self.today),
            )
            .order_by()
            .annotate(
                pid=F("person_id"), org=F("role__organization_id"), reg=F("role__organization__region_id")
            )
            .values("pid", "org", "reg")
        )
        sql, params = self.by_scope("burnout", "COUNT(DISTINCT f.pid)")
        for kind, sid, count in self.rows(sql, params, ctes=[("burnout", fact)]):
            if (kind, sid) in scopes:
                scopes[(kind, sid)].figures["burnout_risk"] = count

    def demand_fact(self) -> tuple[str, list[Any]]:
        """(`org`, `reg`, `cid`, `req`, `wt`, `vv`): requirements of counted roles with vacant or soon-vacant
        seats (`vv` of them); `wt` is twice the weight (2 essential, 1 desirable), to stay in integers."""
        roles = Q(active=True) & self.org_q("organization__")
        requirements_sql, requirements_params = _sql(
            RoleRequirement.objects.filter(_prefixed(roles, "role__"))
            .order_by()
            .annotate(
                rid=F("role_id"),
                org=F("role__organization_id"),
                reg=F("role__organization__region_id"),
                nseats=F("role__seats"),
                cid=F("competency_id"),
                req=F("min_level"),
                wt=Case(
                    When(importance=Importance.ESSENTIAL, then=Value(2)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
            )
            .values("rid", "org", "reg", "nseats", "cid", "req", "wt")
        )
        seats_sql, seats_params = _sql(seat_counts(self.today, Role.objects.filter(roles)))
        open_seats = "(q.nseats - COALESCE(s.filled, 0) + COALESCE(s.soon, 0))"
        sql = (
            f"SELECT q.org AS org, q.reg AS reg, q.cid AS cid, q.req AS req, q.wt AS wt, {open_seats} AS vv"  # noqa: S608 - SQL the ORM generated; values are parameters
            f" FROM ({requirements_sql}) q LEFT JOIN ({seats_sql}) s ON s.rid = q.rid WHERE {open_seats} > 0"
        )
        return sql, requirements_params + seats_params

    def people_fact(self) -> tuple[str, list[Any]]:
        """(`pid`, `org`, `reg`): the people of the scopes: members and current holders of the organisations'
        roles and, for regions (`org` empty), the people of each region."""
        members = (
            Membership.objects.filter(self.org_q("organization__"))
            .annotate(pid=F("person_id"), org=F("organization_id"), reg=F("organization__region_id"))
            .values("pid", "org", "reg")
        )
        holders = (
            RoleHolder.objects.filter(
                current_term_q(self.today), self.org_q("role__organization__"), role__active=True
            )
            .annotate(
                pid=F("person_id"), org=F("role__organization_id"), reg=F("role__organization__region_id")
            )
            .values("pid", "org", "reg")
        )
        parts = [members.order_by(), holders.order_by()]
        if ScopeKind.REGION in self.kinds:
            people = Person.objects.filter(region__isnull=False)
            if self.region_id is not None:
                people = people.filter(region_id=self.region_id)
            parts.append(
                people.order_by()
                .annotate(pid=F("pk"), org=Cast(Value(None), output_field=IntegerField()), reg=F("region_id"))
                .values("pid", "org", "reg")
            )
        return _union(parts, ["pid", "org", "reg"], distinct=False)

    def levels_and_learning(self) -> tuple[str, list[Any]]:
        """(`pid`, `cid`, `lvl`, `tl`): each person's verified level (0: none) and the highest target level of
        the upcoming published sessions they are confirmed in (0: none), per competency."""
        levels_sql, levels_params = _sql(_verified_levels())
        learning_sql, learning_params = _sql(upcoming_learning(now=self.now))
        sql = (
            "SELECT u.pid AS pid, u.cid AS cid, MAX(u.lvl) AS lvl, MAX(u.tl) AS tl FROM ("  # noqa: S608 - SQL the ORM generated; values are parameters
            f" SELECT v.pid AS pid, v.cid AS cid, v.lvl AS lvl, 0 AS tl FROM ({levels_sql}) v"
            f" UNION ALL SELECT l.person_id, l.competency_id, 0, l.target_level FROM ({learning_sql}) l"
            ") u GROUP BY u.pid, u.cid"
        )
        return sql, levels_params + learning_params

    def gaps(self, scopes: dict[tuple[str, int], _Scope]) -> None:
        """Demand per scope and competency, and its supply against the scope's required level, in one query:
        the people of each scope (every person for the movement) are joined to their verified levels and
        upcoming trainings, grouped per scope, person and competency, then joined to the demand."""
        upcoming = upcoming_sessions_per_competency(now=self.now)
        ctes = [
            ("demand_fact", self.demand_fact()),
            ("known", self.levels_and_learning()),
            (
                "demand",
                self.by_scope(
                    "demand_fact",
                    "SUM(f.vv) AS dseats, SUM(f.vv * f.wt) AS dweight, MIN(f.req) AS req",
                    group=["cid"],
                ),
            ),
        ]
        counts = (
            "COUNT(DISTINCT CASE WHEN x.lvl >= d.req THEN x.pid END) AS sp,"
            " COUNT(DISTINCT CASE WHEN x.lvl < d.req AND x.tl >= d.req THEN x.pid END) AS sl"
        )
        supply = []
        if ScopeKind.MOVEMENT in self.kinds:
            supply.append(
                f"SELECT d.kind AS kind, d.sid AS sid, d.cid AS cid, {counts} FROM demand d"  # noqa: S608 - SQL the ORM generated; values are parameters
                f" JOIN known x ON x.cid = d.cid WHERE d.kind = '{ScopeKind.MOVEMENT.value}'"
                " GROUP BY d.kind, d.sid, d.cid"
            )
        people_kinds = [kind for kind in self.kinds if kind != ScopeKind.MOVEMENT]
        if people_kinds:
            ctes += [
                ("people_fact", self.people_fact()),
                ("people", self.by_scope("people_fact", group=["pid"], kinds=people_kinds)),
            ]
            supply.append(
                f"SELECT d.kind AS kind, d.sid AS sid, d.cid AS cid, {counts} FROM ("  # noqa: S608 - SQL the ORM generated; values are parameters
                " SELECT p.kind AS kind, p.sid AS sid, y.cid AS cid, y.pid AS pid, MAX(y.lvl) AS lvl,"
                " MAX(y.tl) AS tl FROM people p JOIN known y ON y.pid = p.pid GROUP BY p.kind, p.sid, y.cid, y.pid"
                ") x JOIN demand d ON d.kind = x.kind AND d.sid = x.sid AND d.cid = x.cid"
                " GROUP BY d.kind, d.sid, d.cid"
            )
        sql = (
            "SELECT d.kind, d.sid, d.cid, d.dseats, d.dweight, d.req, COALESCE(s.sp, 0), COALESCE(s.sl, 0)"  # noqa: S608 - SQL the ORM generated; values are parameters
            f" FROM demand d LEFT JOIN ({' UNION ALL '.join(supply)}) s"
            " ON s.kind = d.kind AND s.sid = d.sid AND s.cid = d.cid"
        )
        for kind, sid, cid, demand_seats, weight, required, people, learners in self.rows(sql, [], ctes):
            scope = scopes.get((kind, sid))
            if scope is None:
                continue
            demand = Decimal(int(weight)) / 2
            scope.gaps[cid] = {
                "required_level": required,
                "demand_seats": demand_seats,
                "demand": demand,
                "supply_people": people,
                "supply_learners": learners,
                "gap": demand - people - learners,
                "upcoming_sessions": upcoming.get(cid, 0),
            }

    def diversity_fact(self) -> tuple[str, list[Any]]:
        """(`grp`, `dim`, `val`, `unit`, `org`, `reg`): one row per person (nomination) and group, with
        dim "t" (total), and one per region ("r") and language ("l") they have."""

        def rows(
            queryset: QuerySet[Any], group: str, unit: str, org: str, region: str, language: str
        ) -> list:
            where = {"org": F(org), "reg": F(f"{org.removesuffix('_id')}__region_id")}
            base = queryset.order_by()
            return [
                base.values(grp=Value(group), dim=Value("t"), val=Value(""), unit=F(unit), **where),
                base.filter(**{f"{region}__isnull": False})
                .exclude(**{region: ""})
                .values(grp=Value(group), dim=Value("r"), val=F(region), unit=F(unit), **where),
                base.filter(**{f"{language}__isnull": False}).values(
                    grp=Value(group), dim=Value("l"), val=F(language), unit=F(unit), **where
                ),
            ]

        holders = RoleHolder.objects.filter(
            current_term_q(self.today), self.org_q("role__organization__"), role__active=True
        )
        nominations = nominations_not_erased(where=self.org_q("call__organization__"))
        learners = learners_enrolled(where=self.org_q("session__organization__"))
        parts = [
            *rows(
                holders, DiversityGroup.HOLDERS, "person_id", "role__organization_id",
                "person__region__code", "person__languages__code",
            ),
            *rows(
                nominations, DiversityGroup.NOMINEES, "pk", "call__organization_id",
                "nominee_region", "nominee_languages__code",
            ),
            *rows(
                learners, DiversityGroup.LEARNERS, "person_id", "session__organization_id",
                "person__region__code", "person__languages__code",
            ),
        ]  # fmt: skip
        return _union(parts, ["grp", "dim", "val", "unit", "org", "reg"], distinct=False)

    def diversity(self, scopes: dict[tuple[str, int], _Scope]) -> None:
        minimum = int(settings.OVERVIEW_MIN_GROUP)
        ctes = [
            ("diversity_fact", self.diversity_fact()),
            (
                "diversity",
                self.by_scope("diversity_fact", "COUNT(DISTINCT f.unit) AS n", group=["grp", "dim", "val"]),
            ),
        ]
        # Counts below the minimum are added up into one bucket per scope, group and dimension.
        bucket = f"CASE WHEN c.n >= {minimum} OR c.dim = 't' THEN c.val ELSE '{OTHER}' END"
        sql = (
            f"SELECT c.kind, c.sid, c.grp, c.dim, {bucket}, SUM(c.n) FROM diversity c"  # noqa: S608 - SQL the ORM generated; values are parameters
            f" GROUP BY c.kind, c.sid, c.grp, c.dim, {bucket}"
        )
        found: dict[tuple[str, int], dict[str, dict[str, Any]]] = defaultdict(lambda: defaultdict(dict))
        for kind, sid, group, dim, value, count in self.rows(sql, [], ctes):
            found[(kind, sid)][group].setdefault(dim, {})[value] = int(count)
        for key, scope in scopes.items():
            scope.diversity = _diversity(found.get(key, {}), minimum)

    def compute(self) -> dict[tuple[str, int], _Scope]:
        scopes = self.scopes()
        self.add_up(scopes)
        self.burnout(scopes)
        self.gaps(scopes)
        self.diversity(scopes)
        return scopes


def _diversity(found: dict[str, dict[str, Any]], minimum: int) -> dict[str, Any]:
    """{group: {"total": n, "region": {...}, "language": {...}}}; fewer than `minimum` are never shown."""
    result: dict[str, Any] = {}
    for group in DiversityGroup.values:
        counts = found.get(group, {})
        total = counts.get("t", {}).get("", 0)
        if total < minimum:
            result[group] = {"total": None}
            continue
        entry: dict[str, Any] = {"total": total}
        for dim, name in (("r", "region"), ("l", "language")):
            values = dict(sorted(counts.get(dim, {}).items(), key=lambda item: (-item[1], item[0])))
            other = values.pop(OTHER, 0)
            if other >= minimum:
                values["other"] = other
            entry[name] = values
        result[group] = entry
    return result


# --- Writing the rows ----------------------------------------------------------------------------------

SUMMARY_FIGURES = (
    "organizations",
    "roles",
    "seats",
    "filled_seats",
    "vacant_seats",
    "terms_ending",
    "over_term_limit",
    "without_successor",
    "burnout_risk",
)


def _summary(scope: _Scope, *, now: datetime.datetime, today: datetime.date) -> ScopeSummary:
    months = _month_starts(today, TIMELINE_MONTHS)
    return ScopeSummary(
        kind=scope.kind,
        key=scope.key,
        region_id=scope.region_id,
        organization_id=scope.organization_id,
        computed_at=now,
        timeline=[
            {"month": f"{month:%Y-%m}", "ending": ending}
            for month, ending in zip(months, scope.timeline, strict=False)
        ],
        diversity=scope.diversity,
        demand=sum((gap["demand"] for gap in scope.gaps.values()), Decimal(0)),
        **{name: scope.figures.get(name, 0) for name in SUMMARY_FIGURES},
    )


def _save(
    scopes: Iterable[_Scope],
    *,
    now: datetime.datetime,
    today: datetime.date,
    replace_all: bool,
    figures: _Figures,
) -> dict[str, int]:
    """Write the summaries (updating rows by key) and replace their gaps and their organisations' role
    readiness; with `replace_all`, delete the summaries of scopes that no longer exist (and every readiness
    row, for roles that stopped counting). Returns {key: summary id}."""
    scopes = list(scopes)
    keys = {scope.key for scope in scopes}
    with transaction.atomic():
        stale_readiness = RoleReadiness.objects.all()
        if not replace_all:
            stale_readiness = stale_readiness.filter(organization_id__in=list(figures.organizations))
        stale_readiness.delete()
        RoleReadiness.objects.bulk_create(
            (
                RoleReadiness(role_id=rid, organization_id=org, ready_successor=ready)
                for rid, (org, ready) in figures.readiness.items()
            ),
            batch_size=GAP_BATCH,
        )
        ScopeSummary.objects.bulk_create(
            [_summary(scope, now=now, today=today) for scope in scopes],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=[
                "kind", "region", "organization", "computed_at", "timeline", "diversity", "demand", "updated_at",
                *SUMMARY_FIGURES,
            ],
        )  # fmt: skip
        if replace_all:
            ids = dict(ScopeSummary.objects.values_list("key", "pk"))
            stale = [pk for key, pk in ids.items() if key not in keys]
            CompetencyGap.objects.all().delete()
            for start in range(0, len(stale), 500):
                ScopeSummary.objects.filter(pk__in=stale[start : start + 500]).delete()
            ids = {key: pk for key, pk in ids.items() if key in keys}
        else:
            ids = dict(ScopeSummary.objects.filter(key__in=keys).values_list("key", "pk"))
            CompetencyGap.objects.filter(scope_id__in=ids.values()).delete()
        CompetencyGap.objects.bulk_create(
            (
                CompetencyGap(scope_id=ids[scope.key], competency_id=cid, **gap)
                for scope in scopes
                for cid, gap in scope.gaps.items()
            ),
            batch_size=GAP_BATCH,
        )
    return ids


def overview_refresh(*, now: datetime.datetime | None = None) -> int:
    """Recompute and materialise every scope's figures; returns the number of scopes."""
    now = now or timezone.now()
    figures = _Figures(now=now, kinds=(ScopeKind.MOVEMENT, ScopeKind.REGION, ScopeKind.ORGANIZATION))
    scopes = figures.compute()
    _save(scopes.values(), now=now, today=figures.today, replace_all=True, figures=figures)
    return len(scopes)


def overview_refresh_scope(
    *,
    kind: str,
    region: Region | None = None,
    organization: Organization | None = None,
    now: datetime.datetime | None = None,
) -> ScopeSummary:
    """Compute and materialise one scope's figures (a scope the last refresh did not know, say)."""
    now = now or timezone.now()
    if kind == ScopeKind.REGION:
        if region is None:
            raise ValueError("A region scope needs its region.")
        figures = _Figures(now=now, kinds=(ScopeKind.REGION,), region_id=region.pk)
    elif kind == ScopeKind.ORGANIZATION:
        if organization is None:
            raise ValueError("An organisation scope needs its organisation.")
        figures = _Figures(now=now, kinds=(ScopeKind.ORGANIZATION,), scope_organization_id=organization.pk)
    else:
        figures = _Figures(now=now, kinds=(ScopeKind.MOVEMENT,))
    scopes = figures.compute()
    ids = _save(scopes.values(), now=now, today=figures.today, replace_all=False, figures=figures)
    return ScopeSummary.objects.select_related("region", "organization").get(pk=next(iter(ids.values())))
