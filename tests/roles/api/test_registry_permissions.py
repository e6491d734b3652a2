"""Authorization table of the registry's endpoints: every operation as every actor, against its status.

Columns: anonymous, plain user, organizer of A, organizer of B, hub coordinator of A, staff. The objects
(a role of organisation A, a public holder's term on it, an unused category...) are made once for the module,
as the authorization matrix's world is: each cell runs in a savepoint rolled back after it, with an empty cache
(the throttles count there) and its own copies of the objects.
"""

import datetime

import pytest

from roles import services
from tests.factories import PersonFactory
from tests.factories.registry import (
    CompetencyCategoryFactory,
    CompetencyFactory,
    RoleFactory,
    RoleTemplateFactory,
)
from tests.test_authorization_matrix import (
    actors_world,
    assert_world_built_once_and_untouched,
    world_fixtures,
)

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "plain_user", "organizer_a", "organizer_b", "hub_coordinator_a", "staff_user")
EVERYONE = (200,) * 6
STAFF_CREATES = (401, 403, 403, 403, 403, 201)
STAFF_CHANGES = (401, 403, 403, 403, 403, 200)
STAFF_DELETES = (401, 403, 403, 403, 403, 204)
ORGANIZERS_A_CREATE = (401, 403, 201, 403, 403, 201)
ORGANIZERS_A_CHANGE = (401, 403, 200, 403, 403, 200)
ORGANIZERS_A_DELETE = (401, 403, 204, 403, 403, 204)
NOT_ALLOWED = (405,) * 6


def build_world():
    base = actors_world()
    CompetencyCategoryFactory(slug="governance", name="Governance", name_en="Governance")
    CompetencyCategoryFactory(slug="unused", name="Unused", name_en="Unused")
    CompetencyFactory(slug="budgeting", name="Budgeting", name_en="Budgeting")
    CompetencyFactory(slug="unused-skill", name="Unused skill", name_en="Unused skill")
    RoleTemplateFactory(slug="board-treasurer")
    role = RoleFactory(organization=base["org_a"], title="Chair", title_en="Chair", seats=3)
    person = PersonFactory(is_public=True)
    holder = services.holder_add(role=role, person=person, start=datetime.date(2025, 1, 1))
    users = base["users"]
    accounts = {
        "plain_user": users["plain"],
        "organizer_a": users["organizer_a"],
        "organizer_b": users["organizer_b"],
        "hub_coordinator_a": users["hub_coordinator_a"],
        "staff_user": users["staff"],
    }
    return {"role": role, "holder": holder, "person": person, "accounts": accounts}


world_built_once, world = world_fixtures(build_world)


# (method, url, data, statuses by actor)
TABLE = {
    "categories list": ("get", lambda w: "/api/v1/competency-categories/", None, EVERYONE),
    "categories create": (
        "post",
        lambda w: "/api/v1/competency-categories/",
        {"slug": "strategy", "name": "Strategy"},
        STAFF_CREATES,
    ),
    "category detail": ("get", lambda w: "/api/v1/competency-categories/governance/", None, EVERYONE),
    "category change": (
        "patch",
        lambda w: "/api/v1/competency-categories/governance/",
        {"order": 9},
        STAFF_CHANGES,
    ),
    "category delete": ("delete", lambda w: "/api/v1/competency-categories/unused/", None, STAFF_DELETES),
    "competencies list": ("get", lambda w: "/api/v1/competencies/", None, EVERYONE),
    "competencies create": (
        "post",
        lambda w: "/api/v1/competencies/",
        {"slug": "new", "name": "New", "category": "governance"},
        STAFF_CREATES,
    ),
    "competency detail": ("get", lambda w: "/api/v1/competencies/budgeting/", None, EVERYONE),
    "competency change": (
        "patch",
        lambda w: "/api/v1/competencies/budgeting/",
        {"active": False},
        STAFF_CHANGES,
    ),
    "competency delete": ("delete", lambda w: "/api/v1/competencies/unused-skill/", None, STAFF_DELETES),
    "levels list": ("get", lambda w: "/api/v1/proficiency-levels/", None, EVERYONE),
    "levels create": ("post", lambda w: "/api/v1/proficiency-levels/", {"level": 5}, NOT_ALLOWED),
    "level detail": ("get", lambda w: "/api/v1/proficiency-levels/2/", None, EVERYONE),
    "level change": ("patch", lambda w: "/api/v1/proficiency-levels/2/", {"name": "x"}, NOT_ALLOWED),
    "templates list": ("get", lambda w: "/api/v1/role-templates/", None, EVERYONE),
    "templates create": (
        "post",
        lambda w: "/api/v1/role-templates/",
        {"slug": "new", "title": "New", "requirements": [{"competency": "budgeting", "min_level": 2}]},
        STAFF_CREATES,
    ),
    "template detail": ("get", lambda w: "/api/v1/role-templates/board-treasurer/", None, EVERYONE),
    "template change": (
        "patch",
        lambda w: "/api/v1/role-templates/board-treasurer/",
        {"seats": 2},
        STAFF_CHANGES,
    ),
    "template delete": ("delete", lambda w: "/api/v1/role-templates/board-treasurer/", None, STAFF_DELETES),
    "roles list": ("get", lambda w: "/api/v1/roles/", None, EVERYONE),
    "roles create in A": (
        "post",
        lambda w: "/api/v1/roles/",
        {"organization": "wikimedia-alpha", "title": "Secretary"},
        ORGANIZERS_A_CREATE,
    ),
    "role detail": ("get", lambda w: f"/api/v1/roles/{w['role'].pk}/", None, EVERYONE),
    "role change": ("patch", lambda w: f"/api/v1/roles/{w['role'].pk}/", {"seats": 4}, ORGANIZERS_A_CHANGE),
    "role put": (
        "put",
        lambda w: f"/api/v1/roles/{w['role'].pk}/",
        {"organization": "wikimedia-alpha", "title": "Chair", "seats": 4},
        ORGANIZERS_A_CHANGE,
    ),
    "role delete": ("delete", lambda w: f"/api/v1/roles/{w['role'].pk}/", None, ORGANIZERS_A_DELETE),
    "holders list": ("get", lambda w: "/api/v1/role-holders/", None, EVERYONE),
    "holders create on A": (
        "post",
        lambda w: "/api/v1/role-holders/",
        {"role_of": "role", "start": "2025-02-01", "seat": 2},
        ORGANIZERS_A_CREATE,
    ),
    "holder detail": ("get", lambda w: f"/api/v1/role-holders/{w['holder'].pk}/", None, EVERYONE),
    "holder change": (
        "patch",
        lambda w: f"/api/v1/role-holders/{w['holder'].pk}/",
        {"end": "2025-12-31"},
        ORGANIZERS_A_CHANGE,
    ),
    "holder delete": (
        "delete",
        lambda w: f"/api/v1/role-holders/{w['holder'].pk}/",
        None,
        ORGANIZERS_A_DELETE,
    ),
    "people list": ("get", lambda w: "/api/v1/people/", None, EVERYONE),
    "people create": ("post", lambda w: "/api/v1/people/", {"display_name": "x"}, NOT_ALLOWED),
    "person detail": ("get", lambda w: f"/api/v1/people/{w['person'].pk}/", None, EVERYONE),
    "person change": (
        "patch",
        lambda w: f"/api/v1/people/{w['person'].pk}/",
        {"display_name": "x"},
        NOT_ALLOWED,
    ),
}


@pytest.mark.parametrize("actor_index", range(len(ACTORS)), ids=ACTORS)
@pytest.mark.parametrize("operation", list(TABLE))
def test_registry_authorization_table(api_client, signed_in, world, operation, actor_index):
    method, url, data, statuses = TABLE[operation]
    actor = ACTORS[actor_index]
    client = api_client if actor == "anonymous" else signed_in(world["accounts"][actor])
    if data is not None and data.get("role_of"):
        data = {"role": world["role"].pk, "person": PersonFactory(is_public=True).pk, **data}
        del data["role_of"]

    response = (
        getattr(client, method)(url(world), data, format="json")
        if data
        else getattr(client, method)(url(world))
    )

    assert response.status_code == statuses[actor_index]


def test_world_is_built_once_for_the_module_and_no_case_leaves_a_change(world):
    assert_world_built_once_and_untouched(__name__)
