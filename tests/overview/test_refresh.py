"""overview_refresh replaces the materialised rows; overview_refresh_scope computes one scope."""

import datetime

import pytest

from leadership.overview import selectors
from leadership.overview.enums import ScopeKind
from leadership.overview.models import CompetencyGap, ScopeSummary
from leadership.overview.services import overview_refresh, overview_refresh_scope
from tests.factories import OrganizationFactory
from tests.factories.registry import RoleFactory, RoleRequirementFactory
from tests.overview.selectors.test_figures import NOW, build_world, figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


LATER = NOW + datetime.timedelta(hours=1)


def rows():
    return {
        summary.key: (summary.computed_at, figures(summary), summary.timeline, summary.diversity)
        for summary in ScopeSummary.objects.all()
    }


def gap_rows():
    return sorted(
        CompetencyGap.objects.values_list(
            "scope__key", "competency__slug", "required_level", "demand_seats", "demand", "supply_people",
            "supply_learners", "gap", "upcoming_sessions",
        )
    )  # fmt: skip


def test_refresh_replaces_rows_and_deletes_vanished_scopes(world):
    overview_refresh(now=NOW)
    movement_id = ScopeSummary.objects.get(key="movement").pk
    world.b.active = False
    world.b.save()
    assert overview_refresh(now=LATER) == 4
    assert sorted(ScopeSummary.objects.values_list("key", flat=True)) == sorted(
        ["movement", "region:NWE", f"organization:{world.a.pk}", f"organization:{world.hub.pk}"]
    )
    movement = ScopeSummary.objects.get(key="movement")
    assert movement.pk == movement_id  # updated in place
    assert movement.computed_at == LATER
    assert figures(movement) == {
        "organizations": 2,
        "roles": 5,
        "seats": 8,
        "filled_seats": 6,
        "vacant_seats": 2,
        "terms_ending": 2,
        "over_term_limit": 1,
        "without_successor": 1,
        "burnout_risk": 1,  # Many holds two counted roles now: no longer at risk
    }
    assert sorted(CompetencyGap.objects.filter(scope=movement).values_list("competency__slug", "demand")) == [
        ("budgeting", 3),
        ("facilitation", 0.5),
    ]
    assert not CompetencyGap.objects.filter(scope__key="region:CEE").exists()


def test_refresh_is_idempotent(world):
    overview_refresh(now=NOW)
    first, first_gaps = rows(), gap_rows()
    overview_refresh(now=NOW)
    assert rows() == first
    assert gap_rows() == first_gaps
    assert CompetencyGap.objects.count() == 12


@pytest.mark.parametrize("scope", ["movement", "region", "hub", "plain"])
def test_refresh_scope_gives_the_figures_of_the_full_refresh(world, scope):
    overview_refresh(now=NOW)
    full, full_gaps = rows(), gap_rows()
    ScopeSummary.objects.all().delete()
    if scope == "movement":
        summary = overview_refresh_scope(kind=ScopeKind.MOVEMENT, now=NOW)
    elif scope == "region":
        summary = overview_refresh_scope(kind=ScopeKind.REGION, region=world.nwe, now=NOW)
    else:
        organization = world.hub if scope == "hub" else world.b
        summary = overview_refresh_scope(kind=ScopeKind.ORGANIZATION, organization=organization, now=NOW)
    assert list(rows()) == [summary.key]
    assert rows()[summary.key] == full[summary.key]
    assert gap_rows() == [row for row in full_gaps if row[0] == summary.key]


def test_summary_of_a_new_organisation_is_computed_on_first_read(world):
    overview_refresh(now=NOW)
    new = OrganizationFactory(name="Gamma", name_en="Gamma", region=world.cee)
    RoleRequirementFactory(role=RoleFactory(organization=new, seats=2), competency=world.c2, min_level=3)
    summary = selectors.organization_summary(organization=new, now=LATER)
    assert summary.key == f"organization:{new.pk}"
    assert summary.computed_at == LATER
    assert (summary.organizations, summary.roles, summary.seats, summary.vacant_seats) == (1, 1, 2, 2)
    assert summary.without_successor == 1
    assert [row for row in gap_rows() if row[0] == summary.key] == [
        (summary.key, "facilitation", 3, 2, 2, 0, 0, 2, 0)
    ]
    # The other rows are untouched until the next refresh
    assert ScopeSummary.objects.get(key="movement").computed_at == NOW
    assert ScopeSummary.objects.count() == 7


def test_summaries_are_computed_when_no_refresh_ran(world):
    assert [summary.key for summary in selectors.region_table(now=NOW)] == ["region:CEE", "region:NWE"]
    assert selectors.movement_summary(now=NOW).vacant_seats == 3
    assert selectors.region_summary(region=world.cee, now=NOW).vacant_seats == 1
    assert ScopeSummary.objects.count() == 3


def test_refresh_of_an_empty_registry(db):
    assert overview_refresh(now=NOW) == 1
    movement = ScopeSummary.objects.get()
    assert figures(movement) == dict.fromkeys(figures(movement), 0)
    assert movement.diversity == {
        "holders": {"total": None},
        "nominees": {"total": None},
        "learners": {"total": None},
    }
    assert len(movement.timeline) == 12
