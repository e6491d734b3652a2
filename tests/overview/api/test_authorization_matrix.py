"""The overview API's authorization matrix, in the shape of tests/test_authorization_matrix.py.

Columns: the six actors of the main table. Every route of leadership/overview/api/routes.py has an entry (its
`.json` twin too); the main file counts this module's keys toward its URL coverage once it is listed in
APP_MATRICES. The API answers 401 (not a redirect) to anonymous callers of signed-in-only endpoints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import get_resolver

from tests.factories.nominations import NominationCallFactory
from tests.factories.registry import CompetencyFactory, RoleFactory
from tests.test_authorization_matrix import (
    Spec,
    _entry_key,
    _walk,
    actors_world,
    assert_status_as,
    assert_world_built_once_and_untouched,
    fixed,
    matrix_cases,
    same,
    world_fixtures,
)

#                    anon plain org_a org_b hub_a staff
SIGNED_IN_ONLY = (401, 200, 200, 200, 200, 200)
ORGANIZERS_OF_A = (401, 403, 200, 403, 403, 200)
READ_ONLY = same(405)
SIGNED_IN_READ_ONLY = (401, 405, 405, 405, 405, 405)

role_pk: Callable[[dict[str, Any]], Any] = lambda w: w["role"].pk  # noqa: E731


def api(path: str | Callable[[dict[str, Any]], str]) -> Callable[[dict[str, Any]], str]:
    if callable(path):
        return lambda w: f"/api/v1/overview/{path(w)}"
    return fixed(f"/api/v1/overview/{path}")


MATRIX: dict[str, Spec] = {
    "overview-list": Spec(api(""), get=same(200), post=READ_ONLY),
    "overview-list:format": Spec(fixed("/api/v1/overview.json"), get=same(200)),
    "overview-gaps": Spec(api("gaps/"), get=same(200), post=READ_ONLY),
    "overview-gaps:format": Spec(api("gaps.json"), get=same(200)),
    "overview-me": Spec(api("me/"), get=SIGNED_IN_ONLY, post=SIGNED_IN_READ_ONLY),
    "overview-me:format": Spec(api("me.json"), get=SIGNED_IN_ONLY),
    "overview-region-list": Spec(api("regions/"), get=same(200), post=READ_ONLY),
    "overview-region-list:format": Spec(api("regions.json"), get=same(200)),
    "overview-region-detail": Spec(api("regions/NWE/"), get=same(200), post=READ_ONLY),
    "overview-region-detail:format": Spec(api("regions/NWE.json"), get=same(200)),
    "overview-region-detail:unknown": Spec(api("regions/XX/"), get=same(404)),
    "overview-region-gaps": Spec(api("regions/NWE/gaps/"), get=same(200)),
    "overview-region-gaps:format": Spec(api("regions/NWE/gaps.json"), get=same(200)),
    "overview-organization-detail": Spec(
        api(lambda w: f"organizations/{w['org_a'].slug}/"), get=same(200), post=READ_ONLY
    ),
    "overview-organization-detail:format": Spec(
        api(lambda w: f"organizations/{w['org_a'].slug}.json"), get=same(200)
    ),
    "overview-organization-detail:unknown": Spec(api("organizations/no-such-organisation/"), get=same(404)),
    "overview-organization-gaps": Spec(
        api(lambda w: f"organizations/{w['org_a'].slug}/gaps/"), get=same(200)
    ),
    "overview-organization-gaps:format": Spec(
        api(lambda w: f"organizations/{w['org_a'].slug}/gaps.json"), get=same(200)
    ),
    "overview-role-candidates": Spec(
        api(lambda w: f"roles/{role_pk(w)}/candidates/"), get=ORGANIZERS_OF_A, post=SIGNED_IN_READ_ONLY
    ),
    "overview-role-candidates:format": Spec(
        api(lambda w: f"roles/{role_pk(w)}/candidates.json"), get=ORGANIZERS_OF_A
    ),
    "overview-role-candidates:unknown": Spec(api("roles/0/candidates/"), get=(401, 404, 404, 404, 404, 404)),
    "overview-competency-list": Spec(api("competencies/"), get=SIGNED_IN_ONLY, post=SIGNED_IN_READ_ONLY),
    "overview-competency-list:format": Spec(api("competencies.json"), get=SIGNED_IN_ONLY),
    "overview-competency-peers": Spec(
        api(lambda w: f"competencies/{w['competency'].slug}/peers/"),
        get=SIGNED_IN_ONLY,
        post=SIGNED_IN_READ_ONLY,
    ),
    "overview-competency-peers:format": Spec(
        api(lambda w: f"competencies/{w['competency'].slug}/peers.json"), get=SIGNED_IN_ONLY
    ),
}


def build_world() -> dict[str, Any]:
    base = actors_world()
    org_a = base["org_a"]
    role = RoleFactory(organization=org_a, title="Matrix chair", title_en="Matrix chair")
    NominationCallFactory(organization=org_a, roles=[role])
    return {
        "org_a": org_a,
        "role": role,
        "competency": CompetencyFactory(slug="matrix-skill"),
        "users": base["users"],
    }


world_built_once, world = world_fixtures(build_world)


def test_every_overview_api_route_has_an_entry():
    keys = {
        _entry_key(name, route)
        for name, route in _walk(get_resolver())
        if route.startswith("api/v1/^overview")
    }
    assert sorted(keys - set(MATRIX)) == []
    assert len(keys) == 22


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "actor", "method", "expected"), list(matrix_cases(MATRIX)))
def test_overview_api_authorization_matrix(client, world, key, actor, method, expected):
    assert_status_as(client, world, MATRIX[key], key, actor, method, expected)


def test_world_is_built_once_for_the_module_and_no_case_leaves_a_change(world):
    assert_world_built_once_and_untouched(__name__)
