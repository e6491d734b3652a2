"""The overview pages' authorization matrix, in the shape of tests/test_authorization_matrix.py.

Columns: the six actors of the main table. Every URL name of leadership/overview/urls.py has an entry; the
main file counts this module's keys toward its URL coverage (APP_MATRICES).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.factories import PersonFactory
from tests.factories.nominations import NominationCallFactory
from tests.factories.registry import CompetencyFactory, RoleFactory
from tests.test_authorization_matrix import (
    Spec,
    actors_world,
    assert_status_as,
    assert_world_built_once_and_untouched,
    matrix_cases,
    named,
    same,
    world_fixtures,
)

#                  anon plain org_a org_b hub_a staff
SIGNED_IN_ONLY = (302, 200, 200, 200, 200, 200)
ORGANIZERS_OF_A = (302, 403, 200, 403, 403, 200)

role_pk: Callable[[dict[str, Any]], Any] = lambda w: w["role"].pk  # noqa: E731
closed_role_pk: Callable[[dict[str, Any]], Any] = lambda w: w["closed_role"].pk  # noqa: E731
person_pk: Callable[[dict[str, Any]], Any] = lambda w: w["person"].pk  # noqa: E731

MATRIX: dict[str, Spec] = {
    "overview:movement": Spec(named("overview:movement"), get=same(200)),
    "overview:region": Spec(named("overview:region", code=lambda w: "NWE"), get=same(200)),
    "overview:region:unknown": Spec(named("overview:region", code=lambda w: "XX"), get=same(404)),
    "overview:organization": Spec(
        named("overview:organization", slug=lambda w: w["org_a"].slug), get=same(200)
    ),
    "overview:organization:proposed": Spec(
        named("overview:organization", slug=lambda w: "no-such-organisation"), get=same(404)
    ),
    "overview:candidates": Spec(named("overview:candidates", pk=role_pk), get=ORGANIZERS_OF_A),
    "overview:invite": Spec(
        named("overview:invite", pk=role_pk, person_pk=person_pk),
        get=(302, 403, 405, 403, 403, 405),
        post=(302, 403, 302, 403, 403, 302),  # invited (once), back to the candidates
    ),
    "overview:invite:no_open_call": Spec(
        named("overview:invite", pk=closed_role_pk, person_pk=person_pk),
        # refused by the rules; staff (a superuser) passes them and the service refuses with a message
        post=(302, 403, 403, 403, 403, 302),
    ),
    "overview:peers": Spec(named("overview:peers"), get=SIGNED_IN_ONLY),
    "overview:peer_competency": Spec(
        named("overview:peer_competency", slug=lambda w: w["competency"].slug), get=SIGNED_IN_ONLY
    ),
    "overview:me": Spec(named("overview:me"), get=SIGNED_IN_ONLY),
}


def build_world() -> dict[str, Any]:
    base = actors_world()
    org_a = base["org_a"]
    role = RoleFactory(organization=org_a, title="Matrix chair", title_en="Matrix chair")
    NominationCallFactory(organization=org_a, roles=[role])
    return {
        "org_a": org_a,
        "role": role,
        "closed_role": RoleFactory(organization=org_a, title="Matrix clerk", title_en="Matrix clerk"),
        "person": PersonFactory(display_name="Matrix candidate"),
        "competency": CompetencyFactory(slug="matrix-skill"),
        "users": base["users"],
    }


world_built_once, world = world_fixtures(build_world)


def test_every_overview_url_name_has_an_entry():
    from leadership.overview.urls import urlpatterns

    names = {f"overview:{pattern.name}" for pattern in urlpatterns}
    assert sorted(names - set(MATRIX)) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "actor", "method", "expected"), list(matrix_cases(MATRIX)))
def test_overview_authorization_matrix(client, world, key, actor, method, expected):
    assert_status_as(client, world, MATRIX[key], key, actor, method, expected)


def test_world_is_built_once_for_the_module_and_no_case_leaves_a_change(world):
    assert_world_built_once_and_untouched(__name__)
