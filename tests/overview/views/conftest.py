"""Fixtures of the overview's pages: summaries and gap rows written by hand (what the refresh task stores),
so that each page's figures are known exactly; live lists read the registry's own rows."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from leadership.overview.enums import ScopeKind
from leadership.overview.models import CompetencyGap, ScopeSummary
from tests.factories import region
from tests.factories.registry import CompetencyCategoryFactory, CompetencyFactory
from tests.factories.training import CourseCompetencyFactory, CourseFactory, TrainingSessionFactory

COMPUTED_AT = datetime.datetime(2026, 5, 4, 9, 30, tzinfo=datetime.UTC)


def timeline(*counts: int) -> list[dict]:
    """Twelve months from this month, with the given counts first (then zeros)."""
    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for index in range(12):
        months.append(
            {"month": f"{year:04d}-{month:02d}", "ending": counts[index] if index < len(counts) else 0}
        )
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months


def make_summary(kind, key, *, region_obj=None, organization=None, **figures) -> ScopeSummary:
    defaults = {
        "organizations": 0,
        "roles": 0,
        "seats": 0,
        "filled_seats": 0,
        "vacant_seats": 0,
        "terms_ending": 0,
        "over_term_limit": 0,
        "without_successor": 0,
        "burnout_risk": 0,
        "timeline": timeline(),
        "diversity": {},
    }
    defaults.update(figures)
    return ScopeSummary.objects.create(
        kind=kind, key=key, region=region_obj, organization=organization, computed_at=COMPUTED_AT, **defaults
    )


def make_gap(scope, competency, *, demand, people=0, learners=0, level=3, seats=None) -> CompetencyGap:
    demand = Decimal(str(demand))
    return CompetencyGap.objects.create(
        scope=scope,
        competency=competency,
        required_level=level,
        demand_seats=seats if seats is not None else int(demand),
        demand=demand,
        supply_people=people,
        supply_learners=learners,
        gap=demand - people - learners,
    )


@pytest.fixture
def category():
    return CompetencyCategoryFactory(name="Governance", name_en="Governance", slug="governance")


@pytest.fixture
def competencies(category):
    """Three competencies, named so that A-to-Z order differs from gap order."""
    return [
        CompetencyFactory(name=name, name_en=name, slug=slug, category=category)
        for name, slug in (
            ("Budgeting", "budgeting"),
            ("Facilitation", "facilitation"),
            ("Conflict", "conflict"),
        )
    ]


@pytest.fixture
def movement(org_a):
    return make_summary(
        ScopeKind.MOVEMENT,
        "movement",
        organizations=2,
        roles=7,
        seats=11,
        filled_seats=6,
        vacant_seats=5,
        terms_ending=3,
        over_term_limit=1,
        without_successor=4,
        burnout_risk=2,
        timeline=timeline(2, 0, 1),
        diversity={
            "holders": {"total": 12, "region": {"NWE": 7, "other": 5}, "language": {"fr": 6}},
            "nominees": {"total": None},
            "learners": {"total": 5, "region": {"NWE": 5}, "language": {}},
        },
    )


@pytest.fixture
def nwe_summary(org_a):
    return make_summary(
        ScopeKind.REGION,
        "region:NWE",
        region_obj=region("NWE"),
        organizations=1,
        roles=4,
        seats=6,
        filled_seats=3,
        vacant_seats=3,
        terms_ending=2,
        without_successor=1,
    )


@pytest.fixture
def org_a_summary(org_a):
    return make_summary(
        ScopeKind.ORGANIZATION,
        f"organization:{org_a.pk}",
        region_obj=org_a.region,
        organization=org_a,
        organizations=1,
        roles=2,
        seats=3,
        filled_seats=1,
        vacant_seats=2,
    )


def developing_session(competency, *, title, days=7):
    course = CourseFactory(title=title, title_en=title)
    CourseCompetencyFactory(course=course, competency=competency, target_level=3)
    starts = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    return TrainingSessionFactory(course=course, starts_at=starts)
