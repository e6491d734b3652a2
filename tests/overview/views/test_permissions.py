"""Who may open which overview page: anonymous, a plain user, another organisation's organizer, the
organisation's own organizer (and staff)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import PersonFactory
from tests.factories.nominations import NominationCallFactory
from tests.factories.registry import RoleFactory, RoleHolderFactory

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "plain", "organizer_b", "organizer_a", "staff")


@pytest.fixture
def actors(plain_user, organizer_a, organizer_b, staff_user):
    return {
        "anonymous": None,
        "plain": plain_user,
        "organizer_a": organizer_a,
        "organizer_b": organizer_b,
        "staff": staff_user,
    }


@pytest.fixture
def role(org_a):
    return RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")


def status_as(client, actors, actor, method, url, **kwargs):
    user = actors[actor]
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url, **kwargs)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("anonymous", 302), ("plain", 403), ("organizer_b", 403), ("organizer_a", 200), ("staff", 200)],
)
def test_candidates_page(client, actors, role, actor, expected):
    response = status_as(client, actors, actor, "get", f"/en/overview/roles/{role.pk}/candidates/")
    assert response.status_code == expected
    if actor == "anonymous":
        assert response["Location"] == f"/en/accounts/login/?next=/en/overview/roles/{role.pk}/candidates/"


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("anonymous", 302), ("plain", 403), ("organizer_b", 403), ("organizer_a", 302), ("staff", 302)],
)
def test_invite_post(client, actors, role, actor, expected):
    NominationCallFactory(organization=role.organization, roles=[role])
    person = PersonFactory()
    url = f"/en/overview/roles/{role.pk}/candidates/{person.pk}/invite/"
    response = status_as(client, actors, actor, "post", url)
    assert response.status_code == expected
    if expected == 302 and actor != "anonymous":
        assert response["Location"] == f"/en/overview/roles/{role.pk}/candidates/"


@pytest.mark.parametrize("actor", ["organizer_a", "staff"])
def test_invite_get_is_not_allowed(client, actors, role, actor):
    person = PersonFactory()
    NominationCallFactory(organization=role.organization, roles=[role])
    response = status_as(
        client, actors, actor, "get", f"/en/overview/roles/{role.pk}/candidates/{person.pk}/invite/"
    )
    assert response.status_code == 405


def test_invite_without_open_call_is_forbidden_even_to_the_organizer(client, actors, role):
    person = PersonFactory()
    response = status_as(
        client, actors, "organizer_a", "post", f"/en/overview/roles/{role.pk}/candidates/{person.pk}/invite/"
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("actor", "sees_people"),
    [("anonymous", False), ("plain", False), ("organizer_b", False), ("organizer_a", True), ("staff", True)],
)
def test_organization_named_lists(client, actors, org_a, role, actor, sees_people):
    today = timezone.localdate()
    RoleHolderFactory(
        role=role,
        person=PersonFactory(display_name="Named Holder"),
        start=today - datetime.timedelta(days=100),
        end=today + datetime.timedelta(days=30),
    )
    response = status_as(client, actors, actor, "get", "/en/overview/organizations/wikimedia-alpha/")
    html = response.content.decode()
    assert response.status_code == 200
    assert ("Named Holder" in html) is sees_people
    assert ('id="emerging-heading"' in html) is sees_people
    assert ('id="vacant-heading"' in html) is True


@pytest.mark.parametrize(
    "path", ["/en/overview/", "/en/overview/regions/NWE/", "/en/overview/organizations/wikimedia-alpha/"]
)
@pytest.mark.parametrize("actor", ACTORS)
def test_figure_pages_are_public(client, actors, org_a, path, actor):
    assert status_as(client, actors, actor, "get", path).status_code == 200


@pytest.mark.parametrize("path", ["/en/overview/competencies/", "/en/overview/me/"])
@pytest.mark.parametrize(("actor", "expected"), [("anonymous", 302), ("plain", 200), ("organizer_a", 200)])
def test_signed_in_pages(client, actors, path, actor, expected):
    response = status_as(client, actors, actor, "get", path)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == f"/en/accounts/login/?next={path}"
