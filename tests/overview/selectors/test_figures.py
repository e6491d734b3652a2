"""The overview's figures against a small hand-built world, every figure of every scope kind."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db.models import Q
from django.utils import timezone

from leadership.overview import selectors
from leadership.overview.enums import ScopeKind
from leadership.overview.models import CompetencyGap, RoleReadiness, ScopeSummary
from leadership.overview.selectors.figures import _scope_organization_ids
from leadership.overview.services import (
    local_today,
    overview_refresh,
    overview_refresh_scope,
    ready_successor_q,
    seat_counts,
)
from nominations.enums import NominationState
from roles.enums import CompetencySource, Importance, OrganizationKind, OrganizationStatus
from roles.models import Role
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, region
from tests.factories.nominations import NominationCallFactory, NominationFactory
from tests.factories.registry import (
    CompetencyFactory,
    PersonCompetencyFactory,
    RoleFactory,
    RoleHolderFactory,
    RoleRequirementFactory,
)
from tests.factories.roles import language
from tests.factories.training import CourseCompetencyFactory, EnrollmentFactory, TrainingSessionFactory
from training.enums import SessionStatus

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def verified(person, competency, level):
    return PersonCompetencyFactory(
        person=person, competency=competency, level=level, source=CompetencySource.ORGANIZER
    )


@pytest.fixture
def world():
    return build_world()


def build_world():
    """Two regions; hub H (NWE) serving A (NWE); B (CEE); X proposed (never counted).

    Roles (seats): A1 (2, limit 2) A2 (1, 25 h/week) A3 (1) · H1 (3) H2 (1) · B1 (1) B2 (1, 5 h) B4 (1) ·
    B3 inactive · X1 (2). See the test functions for the figures they give."""
    nwe, cee = region("NWE"), region("CEE")
    en, fr = language("en"), language("fr")
    w = SimpleNamespace(nwe=nwe, cee=cee)
    w.hub = OrganizationFactory(name="Hub", name_en="Hub", kind=OrganizationKind.REGIONAL_HUB, region=nwe)
    w.a = OrganizationFactory(name="Alpha", name_en="Alpha", region=nwe)
    w.a.hubs.add(w.hub)
    w.b = OrganizationFactory(name="Beta", name_en="Beta", region=cee)
    w.x = OrganizationFactory(
        name="Proposed", name_en="Proposed", region=cee, status=OrganizationStatus.PROPOSED
    )
    w.c1 = CompetencyFactory(name="Budgeting", name_en="Budgeting", slug="budgeting")
    w.c2 = CompetencyFactory(name="Facilitation", name_en="Facilitation", slug="facilitation")

    def person(name, region=nwe, languages=(en,)):
        p = PersonFactory(display_name=name, region=region)
        p.languages.set(languages)
        return p

    w.p_over, w.p_end, w.p_busy = person("Over", languages=(en, fr)), person("Ending"), person("Busy")
    w.p_many, w.p_end2 = person("Many"), person("Ending two")
    w.p_next, w.p_old = person("Next", region=None), person("Old", region=None)
    w.p_ready, w.p_b_old = person("Ready", region=None), person("Beta old", region=cee)
    w.p_nom, w.p_lone = person("Nominee", region=None), person("Lone")
    w.p_learn, w.p_low = person("Learner", region=None), person("Low learner", region=None)

    role = RoleFactory
    w.a1 = role(organization=w.a, title="A1", title_en="A1", seats=2, term_limit=2, hours_per_week=10)
    w.a2 = role(organization=w.a, title="A2", title_en="A2", hours_per_week=25)
    w.a3 = role(organization=w.a, title="A3", title_en="A3")
    w.h1 = role(organization=w.hub, title="H1", title_en="H1", seats=3)
    w.h2 = role(organization=w.hub, title="H2", title_en="H2")
    w.b1 = role(organization=w.b, title="B1", title_en="B1", term_limit=1)
    w.b2 = role(organization=w.b, title="B2", title_en="B2", hours_per_week=5)
    w.b3 = role(organization=w.b, title="B3", title_en="B3", active=False)
    w.b4 = role(organization=w.b, title="B4", title_en="B4")
    w.x1 = role(organization=w.x, title="X1", title_en="X1", seats=2)

    RoleRequirementFactory(role=w.a1, competency=w.c1, min_level=2, importance=Importance.ESSENTIAL)
    RoleRequirementFactory(role=w.a1, competency=w.c2, min_level=1, importance=Importance.DESIRABLE)
    RoleRequirementFactory(role=w.h1, competency=w.c1, min_level=3, importance=Importance.ESSENTIAL)
    RoleRequirementFactory(role=w.b1, competency=w.c1, min_level=2, importance=Importance.ESSENTIAL)
    RoleRequirementFactory(role=w.b1, competency=w.c2, min_level=2, importance=Importance.ESSENTIAL)
    RoleRequirementFactory(role=w.x1, competency=w.c1, min_level=1, importance=Importance.ESSENTIAL)

    term = RoleHolderFactory
    w.t_over = term(person=w.p_over, role=w.a1, seat=1, start=datetime.date(2024, 1, 1), term_number=3)
    w.t_end = term(person=w.p_end, role=w.a1, seat=2, start=datetime.date(2025, 1, 1), end=days(30))
    term(person=w.p_busy, role=w.a2, start=datetime.date(2026, 1, 1))
    term(person=w.p_old, role=w.a2, start=datetime.date(2024, 1, 1), end=datetime.date(2025, 12, 31))
    term(person=w.p_many, role=w.a3, start=datetime.date(2026, 1, 1))
    w.t_end2 = term(person=w.p_end2, role=w.h1, seat=1, start=datetime.date(2025, 1, 1), end=days(60))
    term(person=w.p_next, role=w.h1, seat=1, start=days(61))  # successor already appointed
    term(person=w.p_many, role=w.h2, start=datetime.date(2026, 1, 1))
    term(person=w.p_b_old, role=w.b1, start=datetime.date(2024, 1, 1), end=datetime.date(2026, 1, 1))
    term(person=w.p_many, role=w.b2, start=datetime.date(2026, 1, 1))
    term(person=w.p_many, role=w.b4, start=datetime.date(2026, 1, 1), end=datetime.date(2027, 1, 1))
    term(person=w.p_lone, role=w.b3, start=datetime.date(2026, 1, 1))  # inactive role: never counted
    term(person=w.p_lone, role=w.x1, start=datetime.date(2026, 1, 1))  # proposed organisation

    MembershipFactory(person=w.p_ready, organization=w.a)
    MembershipFactory(person=w.p_learn, organization=w.b)
    MembershipFactory(person=w.p_low, organization=w.b)

    verified(w.p_ready, w.c1, 2)
    verified(w.p_over, w.c1, 4)  # a current holder of A1: not its successor
    verified(w.p_end2, w.c1, 3)  # the current holder of H1: not its successor
    PersonCompetencyFactory(person=w.p_next, competency=w.c1, level=4)  # self-assessed: not ready
    verified(w.p_b_old, w.c1, 3)
    verified(w.p_nom, w.c1, 2)
    verified(w.p_nom, w.c2, 2)
    verified(w.p_lone, w.c2, 1)

    call = NominationCallFactory(organization=w.b)
    NominationFactory(call=call, person=w.p_nom, state=NominationState.SHORTLISTED)
    for _ in range(5):
        nomination = NominationFactory(call=call, nominee_region="CEE")
        nomination.nominee_languages.set([fr])
    NominationFactory(call=call, nominee_region="CEE", erased_at=NOW)

    deep = CourseCompetencyFactory(course__organization=w.b, competency=w.c1, target_level=3).course
    shallow = CourseCompetencyFactory(course__organization=w.b, competency=w.c1, target_level=1).course
    w.s1 = TrainingSessionFactory(course=deep, starts_at=NOW + datetime.timedelta(days=7))
    w.s2 = TrainingSessionFactory(course=shallow, starts_at=NOW + datetime.timedelta(days=14))
    w.s3 = TrainingSessionFactory(course=deep, starts_at=NOW + datetime.timedelta(days=21))
    w.s4 = TrainingSessionFactory(course=shallow, starts_at=NOW + datetime.timedelta(days=28))
    TrainingSessionFactory(
        course=deep, starts_at=NOW + datetime.timedelta(days=3), status=SessionStatus.DRAFT
    )
    EnrollmentFactory(person=w.p_learn, session=w.s1)
    EnrollmentFactory(person=w.p_ready, session=w.s1)
    EnrollmentFactory(person=w.p_low, session=w.s2)
    return w


@pytest.fixture
def refreshed(world):
    world.scopes = overview_refresh(now=NOW)
    world.movement = ScopeSummary.objects.get(key="movement")
    world.s_nwe = ScopeSummary.objects.get(key="region:NWE")
    world.s_cee = ScopeSummary.objects.get(key="region:CEE")
    world.s_a = ScopeSummary.objects.get(key=f"organization:{world.a.pk}")
    world.s_hub = ScopeSummary.objects.get(key=f"organization:{world.hub.pk}")
    world.s_b = ScopeSummary.objects.get(key=f"organization:{world.b.pk}")
    return world


FIGURES = (
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


def figures(summary):
    return dict(zip(FIGURES, (getattr(summary, name) for name in FIGURES), strict=True))


def test_refresh_scopes_are_movement_regions_and_counted_organizations(refreshed):
    assert refreshed.scopes == 6
    assert sorted(ScopeSummary.objects.values_list("key", flat=True)) == sorted(
        [
            "movement",
            "region:CEE",
            "region:NWE",
            f"organization:{refreshed.a.pk}",
            f"organization:{refreshed.hub.pk}",
            f"organization:{refreshed.b.pk}",
        ]
    )
    assert refreshed.s_a.kind == ScopeKind.ORGANIZATION
    assert refreshed.s_a.organization_id == refreshed.a.pk
    assert refreshed.s_a.region_id == refreshed.nwe.pk
    assert refreshed.s_nwe.region_id == refreshed.nwe.pk
    assert refreshed.movement.computed_at == NOW


def test_renewal_figures_of_every_scope(refreshed):
    w = refreshed
    values = (1, 3, 4, 4, 0, 1, 1, 0, 2)
    assert figures(w.s_a) == dict(zip(FIGURES, values, strict=True))
    # The hub: its own roles and those of Alpha, which it serves
    assert figures(w.s_hub) == dict(zip(FIGURES, (2, 5, 8, 6, 2, 2, 1, 1, 2), strict=True))
    assert figures(w.s_b) == dict(zip(FIGURES, (1, 3, 3, 2, 1, 0, 0, 0, 1), strict=True))
    assert figures(w.s_nwe) == dict(zip(FIGURES, (2, 5, 8, 6, 2, 2, 1, 1, 2), strict=True))
    assert figures(w.s_cee) == dict(zip(FIGURES, (1, 3, 3, 2, 1, 0, 0, 0, 1), strict=True))
    # People at risk are counted once though Many holds roles in three organisations
    assert figures(w.movement) == dict(zip(FIGURES, (3, 8, 11, 8, 3, 2, 1, 1, 2), strict=True))


def timeline(*endings):
    months = [
        f"{year}-{month:02d}"
        for year, month in [(2026, m) for m in range(6, 13)] + [(2027, m) for m in range(1, 6)]
    ]
    counts = dict(endings)
    return [{"month": month, "ending": counts.get(month, 0)} for month in months]


def test_timeline_counts_terms_ending_per_month_for_twelve_months(refreshed):
    assert refreshed.movement.timeline == timeline(("2026-07", 1), ("2026-08", 1), ("2027-01", 1))
    assert refreshed.s_a.timeline == timeline(("2026-07", 1))
    assert refreshed.s_hub.timeline == timeline(("2026-07", 1), ("2026-08", 1))
    assert refreshed.s_b.timeline == timeline(("2027-01", 1))
    assert refreshed.s_cee.timeline == timeline(("2027-01", 1))


def gaps(summary):
    return {
        gap.competency.slug: (
            gap.required_level,
            gap.demand_seats,
            gap.demand,
            gap.supply_people,
            gap.supply_learners,
            gap.gap,
            gap.upcoming_sessions,
        )
        for gap in CompetencyGap.objects.filter(scope=summary).select_related("competency")
    }


def test_competency_gaps_of_every_scope(refreshed):
    w = refreshed
    d = Decimal
    # (required level, demand seats, demand, people at the level, learners, gap, upcoming sessions)
    assert gaps(w.s_a) == {
        "budgeting": (2, 1, d("1.0"), 2, 0, d("-1.0"), 4),
        "facilitation": (1, 1, d("0.5"), 0, 0, d("0.5"), 0),
    }
    assert gaps(w.s_hub) == {
        "budgeting": (2, 3, d("3.0"), 3, 0, d("0.0"), 4),
        "facilitation": (1, 1, d("0.5"), 0, 0, d("0.5"), 0),
    }
    assert gaps(w.s_b) == {
        "budgeting": (2, 1, d("1.0"), 0, 1, d("0.0"), 4),
        "facilitation": (2, 1, d("1.0"), 0, 0, d("1.0"), 0),
    }
    assert gaps(w.s_nwe) == {
        "budgeting": (2, 3, d("3.0"), 3, 0, d("0.0"), 4),
        "facilitation": (1, 1, d("0.5"), 1, 0, d("-0.5"), 0),
    }
    assert gaps(w.s_cee) == {
        "budgeting": (2, 1, d("1.0"), 1, 1, d("-1.0"), 4),
        "facilitation": (2, 1, d("1.0"), 0, 0, d("1.0"), 0),
    }
    assert gaps(w.movement) == {
        "budgeting": (2, 4, d("4.0"), 5, 1, d("-2.0"), 4),
        "facilitation": (1, 2, d("1.5"), 2, 0, d("-0.5"), 0),
    }


def test_diversity_shows_only_groups_of_five_or_more(refreshed):
    holders = {"total": 5, "region": {"NWE": 5}, "language": {"en": 5}}
    nominees = {"total": 6, "region": {"CEE": 5}, "language": {"fr": 5}}
    hidden = {"total": None}
    assert refreshed.movement.diversity == {"holders": holders, "nominees": nominees, "learners": hidden}
    assert refreshed.s_hub.diversity == {"holders": holders, "nominees": hidden, "learners": hidden}
    assert refreshed.s_nwe.diversity == {"holders": holders, "nominees": hidden, "learners": hidden}
    assert refreshed.s_a.diversity == {"holders": hidden, "nominees": hidden, "learners": hidden}
    assert refreshed.s_b.diversity == {"holders": hidden, "nominees": nominees, "learners": hidden}


def test_diversity_adds_small_groups_into_other_when_it_reaches_five(refreshed, settings):
    settings.OVERVIEW_MIN_GROUP = 2
    overview_refresh(now=NOW)
    movement = ScopeSummary.objects.get(key="movement")
    # Over speaks French too (one person: below two, into "other", itself below two: left out)
    assert movement.diversity["holders"] == {"total": 5, "region": {"NWE": 5}, "language": {"en": 5}}
    assert movement.diversity["learners"] == {"total": 3, "region": {}, "language": {"en": 3}}


def test_summary_selectors_read_the_rows(refreshed, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert selectors.movement_summary(now=NOW) == refreshed.movement
    with django_assert_num_queries(1):
        assert selectors.region_summary(region=refreshed.nwe, now=NOW) == refreshed.s_nwe
    with django_assert_num_queries(1):
        assert selectors.organization_summary(organization=refreshed.hub, now=NOW) == refreshed.s_hub
    assert selectors.overview_version() == NOW.isoformat()


def test_overview_version_is_empty_before_any_refresh(db):
    assert selectors.overview_version() == ""


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("gap", ["facilitation", "budgeting"]),
        ("-gap", ["budgeting", "facilitation"]),
        ("demand", ["budgeting", "facilitation"]),
        ("-demand", ["facilitation", "budgeting"]),
        ("supply", ["budgeting", "facilitation"]),
        ("-supply", ["facilitation", "budgeting"]),
        ("name", ["budgeting", "facilitation"]),
        ("-name", ["facilitation", "budgeting"]),
        ("nonsense", ["facilitation", "budgeting"]),
    ],
)
def test_scope_gaps_sorts(refreshed, sort, expected):
    rows = selectors.scope_gaps(scope=refreshed.movement, sort=sort)
    assert [gap.competency.slug for gap in rows] == expected


def test_scope_gaps_limit(refreshed):
    assert [gap.competency.slug for gap in selectors.scope_gaps(scope=refreshed.movement, limit=1)] == [
        "facilitation"
    ]


def test_gap_heatmap_of_the_movement_has_regions_as_columns(refreshed, django_assert_num_queries):
    w = refreshed
    with django_assert_num_queries(3):
        heatmap = selectors.gap_heatmap(scope=w.movement)
    assert heatmap == {
        "competencies": [w.c2, w.c1],
        "columns": [w.cee, w.nwe],
        "cells": {
            (w.c1.pk, w.nwe.pk): Decimal("0.0"),
            (w.c2.pk, w.nwe.pk): Decimal("-0.5"),
            (w.c1.pk, w.cee.pk): Decimal("-1.0"),
            (w.c2.pk, w.cee.pk): Decimal("1.0"),
        },
        "max": Decimal("1.0"),
    }


def test_gap_heatmap_of_a_region_and_a_hub_has_organisations_as_columns(refreshed):
    w = refreshed
    assert selectors.gap_heatmap(scope=w.s_hub) == {
        "competencies": [w.c2, w.c1],
        "columns": [w.a],
        "cells": {(w.c1.pk, w.a.pk): Decimal("-1.0"), (w.c2.pk, w.a.pk): Decimal("0.5")},
        "max": Decimal("0.5"),
    }
    region = selectors.gap_heatmap(scope=w.s_nwe, limit=1)
    # Hub (demand 3.5, its own and Alpha's) before Alpha (1.5)
    assert region["competencies"] == [w.c1]
    assert region["columns"] == [w.hub, w.a]
    assert region["cells"] == {(w.c1.pk, w.hub.pk): Decimal("0.0"), (w.c1.pk, w.a.pk): Decimal("-1.0")}


def test_gap_heatmap_of_a_plain_organisation_has_no_columns(refreshed):
    heatmap = selectors.gap_heatmap(scope=refreshed.s_b)
    assert heatmap == {
        "competencies": [refreshed.c2, refreshed.c1],
        "columns": [],
        "cells": {},
        "max": Decimal(0),
    }


def test_region_and_organization_tables(refreshed):
    w = refreshed
    assert selectors.region_table(now=NOW) == [w.s_cee, w.s_nwe]
    assert selectors.organization_table(scope=w.s_nwe) == [w.s_hub, w.s_a]
    assert selectors.organization_table(scope=w.s_hub) == [w.s_a]
    assert selectors.organization_table(scope=w.movement) == [w.s_hub, w.s_b, w.s_a]
    assert selectors.organization_table(scope=w.s_b) == []


def test_sessions_developing_per_competency_limit(refreshed):
    w = refreshed
    found = selectors.sessions_developing(competency_ids=[w.c1.pk, w.c2.pk], now=NOW)
    assert found == {w.c1.pk: [w.s1, w.s2, w.s3], w.c2.pk: []}
    found = selectors.sessions_developing(competency_ids=[w.c1.pk], now=NOW, per_competency=2)
    assert found == {w.c1.pk: [w.s1, w.s2]}
    assert selectors.sessions_developing(competency_ids=[], now=NOW) == {}


def test_renewal_lists_of_a_hub_scope(refreshed):
    w = refreshed
    vacant = selectors.vacant_roles(scope=w.s_hub, now=NOW)
    assert [(r.title, r.vacant, r.soon_vacant, r.open_seats) for r in vacant] == [
        ("H1", 2, 0, 2),
        ("A1", 0, 1, 1),
    ]
    assert selectors.terms_ending(scope=w.s_hub, now=NOW) == [w.t_end, w.t_end2]
    assert selectors.over_limit_terms(scope=w.s_hub, now=NOW) == [w.t_over]
    assert selectors.over_limit_terms(scope=w.s_b, now=NOW) == []
    assert selectors.roles_without_successor(scope=w.s_hub) == [w.h1]
    assert selectors.roles_without_successor(scope=w.s_a) == []
    people = selectors.burnout_people(scope=w.s_hub, now=NOW)
    assert [(p.display_name, p.current_roles, p.current_hours) for p in people] == [
        ("Many", 4, Decimal("5.0")),
        ("Busy", 1, Decimal("25.0")),
    ]
    assert [p.display_name for p in selectors.burnout_people(scope=w.s_b, now=NOW)] == ["Many"]
    assert selectors.vacant_roles(scope=w.s_hub, now=NOW, limit=1) == [w.h1]


def test_vacant_roles_count_seats_as_the_figures_do(refreshed):
    # The list counts each role's seats in one grouped join; the figures count them with seat_counts. A term
    # on a seat beyond the role's seats fills nothing; a second current term on a filled seat adds nothing.
    w = refreshed
    RoleHolderFactory(role=w.h2, seat=2, start=datetime.date(2025, 1, 1))  # H2 has one seat
    w.b2.seats = 3
    w.b2.save()
    RoleHolderFactory(role=w.b2, seat=2, start=datetime.date(2025, 1, 1), end=days(20))
    RoleHolderFactory(role=w.b2, seat=3, start=datetime.date(2025, 1, 1), end=days(120))
    counted = {row["rid"]: (row["filled"], row["soon"]) for row in seat_counts(TODAY)}
    for scope in (w.s_a, w.s_hub, w.s_b):
        roles = Role.objects.filter(active=True, organization_id__in=_scope_organization_ids(scope))
        expected = sorted(
            (
                (
                    role.seats - counted.get(role.pk, (0, 0))[0] + counted.get(role.pk, (0, 0))[1],
                    role.title,
                    role,
                )
                for role in roles
            ),
            key=lambda item: (-item[0], item[1]),
        )
        found = selectors.vacant_roles(scope=scope, now=NOW)
        assert [(r.open_seats, r.title, r) for r in found] == [item for item in expected if item[0] > 0]
        for role in found:
            filled, soon = counted.get(role.pk, (0, 0))
            assert (role.vacant, role.soon_vacant) == (role.seats - filled, soon)
    assert [(r.title, r.vacant, r.soon_vacant) for r in selectors.vacant_roles(scope=w.s_b, now=NOW)] == [
        ("B1", 1, 0),  # one open seat each: by title
        ("B2", 0, 1),  # seats 1 and 3 filled past 90 days, seat 2 ending within them
    ]


def test_lists_carry_their_organisations_without_more_queries(refreshed, django_assert_num_queries):
    # The summary selectors give the summary with its organisation: a plain organisation's scope costs no
    # query, a hub's one (the organisations it serves); every role listed has its organisation at hand.
    w = refreshed
    plain = selectors.organization_summary(organization=w.a)
    hub = selectors.organization_summary(organization=w.hub)
    with django_assert_num_queries(2):
        vacant = selectors.vacant_roles(scope=plain, now=NOW)
        without = selectors.roles_without_successor(scope=plain)
        assert [(r.title, r.organization.name, r.organization.slug) for r in vacant] == [
            ("A1", "Alpha", w.a.slug)
        ]
        assert without == []
    with django_assert_num_queries(3):
        vacant = selectors.vacant_roles(scope=hub, now=NOW)
        without = selectors.roles_without_successor(scope=hub)
        assert [(r.title, r.organization.name) for r in vacant] == [("H1", "Hub"), ("A1", "Alpha")]
        assert [(r.title, r.organization.name) for r in without] == [("H1", "Hub")]
    assert sorted(_scope_organization_ids(hub)) == sorted([w.hub.pk, w.a.pk])
    assert _scope_organization_ids(plain) == [w.a.pk]


def test_scope_of_an_organisation_that_no_longer_counts_is_empty(refreshed):
    w = refreshed
    w.a.active = False
    w.a.save()
    summary = selectors.organization_summary(organization=w.a)  # the last refresh's row
    assert _scope_organization_ids(summary) == []
    assert selectors.vacant_roles(scope=summary, now=NOW) == []
    hub = selectors.organization_summary(organization=w.hub)
    assert _scope_organization_ids(hub) == [w.hub.pk]


def test_sessions_developing_fetch_what_the_overview_shows_in_one_query(refreshed, django_assert_num_queries):
    w = refreshed
    with django_assert_num_queries(1):
        found = selectors.sessions_developing(competency_ids=[w.c1.pk], now=NOW)
        assert [(s.course.title, s.starts_at, s.ends_at) for s in found[w.c1.pk]] == [
            (s.course.title, s.starts_at, s.ends_at) for s in (w.s1, w.s2, w.s3)
        ]


def test_organization_with_summary_reads_both_in_one_query(refreshed, django_assert_num_queries):
    w = refreshed
    with django_assert_num_queries(1):
        organization, summary = selectors.organization_with_summary(slug=w.a.slug)
        assert (organization, summary, organization.region.code) == (w.a, w.s_a, "NWE")
    assert selectors.organization_with_summary(slug=w.x.slug) is None  # proposed: not counted
    assert selectors.organization_with_summary(slug="no-such-organisation") is None
    late = OrganizationFactory(name="Late", name_en="Late", region=w.nwe)  # unknown to the last refresh
    organization, summary = selectors.organization_with_summary(slug=late.slug, now=NOW)
    assert (organization, summary.key, summary.roles) == (late, f"organization:{late.pk}", 0)


def test_successor_needs_a_consenting_nomination(refreshed):
    # Nominee is B1's only ready successor; a nomination not yet accepted does not count
    w = refreshed
    assert selectors.roles_without_successor(scope=w.s_b) == []
    w.p_nom.nominations.update(state=NominationState.INVITED)
    # the list is the refresh's: it changes with the next one, as the scope's figures do
    assert selectors.roles_without_successor(scope=w.s_b) == []
    overview_refresh(now=NOW)
    assert selectors.roles_without_successor(scope=w.s_b) == [w.b1]
    assert ScopeSummary.objects.get(pk=w.s_b.pk).without_successor == 1


def _live_roles_without_successor(scope: ScopeSummary) -> list[Role]:
    """What the page computed live before readiness was materialised (the pre-issue-13 selector)."""
    roles = Q(active=True, organization_id__in=_scope_organization_ids(scope))
    return list(
        Role.objects.filter(roles)
        .exclude(ready_successor_q(local_today(NOW), roles))
        .order_by("title_en", "pk")
    )


def _assert_stored_readiness_is_live():
    for scope in ScopeSummary.objects.all():
        live = _live_roles_without_successor(scope)
        assert selectors.roles_without_successor(scope=scope) == live, scope.key
        assert scope.without_successor == len(live), scope.key


def test_stored_readiness_matches_the_live_computation(refreshed):
    w = refreshed
    assert RoleReadiness.objects.filter(ready_successor=False).count() == 1
    _assert_stored_readiness_is_live()
    # the same after the data change, and for a scope computed on its own
    w.p_nom.nominations.update(state=NominationState.INVITED)
    overview_refresh(now=NOW)
    _assert_stored_readiness_is_live()
    overview_refresh_scope(kind=ScopeKind.ORGANIZATION, organization=w.b, now=NOW)
    _assert_stored_readiness_is_live()
    assert RoleReadiness.objects.filter(ready_successor=False).count() == 2


def test_stored_readiness_matches_the_live_computation_for_many_roles():
    build_lists(3)
    _assert_stored_readiness_is_live()
    assert RoleReadiness.objects.count() == 12


def build_lists(n: int):
    """An organisation with n of everything the lists show, refreshed."""
    org = OrganizationFactory(kind=OrganizationKind.REGIONAL_HUB)
    for i in range(n):
        OrganizationFactory(region=org.region).hubs.add(org)
        busy = PersonFactory()
        for j in range(4):
            role = RoleFactory(
                organization=org, seats=2, term_limit=1, title=f"R{i}-{j}", title_en=f"R{i}-{j}"
            )
            RoleRequirementFactory(role=role, competency=CompetencyFactory())
            RoleHolderFactory(
                person=busy, role=role, start=datetime.date(2026, 1, 1), end=days(10 + i), term_number=2
            )
        course = CourseCompetencyFactory(competency=role.requirements.get().competency).course
        TrainingSessionFactory(course=course, starts_at=NOW + datetime.timedelta(days=5))
    overview_refresh(now=NOW)
    return ScopeSummary.objects.get(key=f"organization:{org.pk}")


@pytest.mark.parametrize("n", [1, 3])
def test_list_selectors_cost_constant_queries(n, django_assert_num_queries):
    scope = build_lists(n)
    region_scope = ScopeSummary.objects.get(key=f"region:{scope.organization.region.code}")
    with django_assert_num_queries(1):
        assert len(list(selectors.scope_gaps(scope=scope))) == 4 * n
    with django_assert_num_queries(1):
        assert len(selectors.organization_table(scope=scope)) == n
    with django_assert_num_queries(1):
        assert len(selectors.region_table(now=NOW)) == 1
    with django_assert_num_queries(3):
        heatmap = selectors.gap_heatmap(scope=region_scope)
    assert len(heatmap["columns"]) == 1
    ids = [gap.competency_id for gap in selectors.scope_gaps(scope=scope)]
    with django_assert_num_queries(1):
        assert sum(map(len, selectors.sessions_developing(competency_ids=ids, now=NOW).values())) == n
    with django_assert_num_queries(2):  # and the scope's organisations, read once per summary object
        assert len(selectors.vacant_roles(scope=scope, now=NOW)) == 4 * n
    with django_assert_num_queries(1):
        assert len(selectors.terms_ending(scope=scope, now=NOW)) == 4 * n
    with django_assert_num_queries(1):
        assert len(selectors.over_limit_terms(scope=scope, now=NOW)) == 4 * n
    with django_assert_num_queries(1):
        assert len(selectors.roles_without_successor(scope=scope)) == 4 * n
    with django_assert_num_queries(1):
        assert len(selectors.burnout_people(scope=scope, now=NOW)) == n


def test_now_defaults_to_the_clock(world):
    assert overview_refresh() == 6
    assert ScopeSummary.objects.get(key="movement").computed_at <= timezone.now()
