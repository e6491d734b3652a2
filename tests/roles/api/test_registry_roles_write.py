"""Writing roles: organizers of the role's organisation and staff create, edit and delete; bad input is 400."""

import datetime
import json

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from roles import services
from roles.enums import Importance, OrganizationStatus
from roles.models import Role, RoleRequirement
from tests.api.translations import ALL, value
from tests.factories import OrganizationFactory, PersonFactory
from tests.factories.registry import (
    CompetencyFactory,
    RoleFactory,
    RoleRequirementFactory,
    RoleTemplateFactory,
    TemplateRequirementFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/roles/"


@pytest.fixture
def skills():
    return {
        slug: CompetencyFactory(slug=slug, name=slug.title(), name_en=slug.title())
        for slug in ("budgeting", "facilitation", "fundraising")
    }


def payload(**changes):
    return {
        "organization": "wikimedia-alpha",
        "title": "Treasurer",
        "title_fr": "Trésorier",
        "description": "Keeps the accounts.",
        "kind": "board",
        "seats": 2,
        "selection": "elected",
        "term_length_months": 24,
        "term_limit": 2,
        "hours_per_week": 3.5,
        "languages": ["fr", "en"],
        "open_for_nominations": True,
        "requirements": [
            {"competency": "budgeting", "min_level": 3, "importance": "essential"},
            {"competency": "facilitation", "min_level": 1, "importance": "desirable"},
        ],
        **changes,
    }


def requirements_of(role) -> list[tuple[str, int, str]]:
    return sorted(
        RoleRequirement.objects.filter(role=role).values_list("competency__slug", "min_level", "importance")
    )


def test_role_create_organizer_exact(signed_in, organizer_a, skills):
    response = signed_in(organizer_a).post(f"{LIST}?{ALL}", payload(), format="json")

    assert response.status_code == 201
    role = Role.objects.get()
    body = response.json()
    assert response["Location"] == f"http://testserver/api/v1/roles/{role.pk}/"
    assert {
        key: value(body, key)
        for key in ("title", "title_en", "title_fr", "title_ind", "organization", "seats")
    } == {
        "title": "Treasurer",
        "title_en": "Treasurer",
        "title_fr": "Trésorier",
        "title_ind": None,
        "organization": "wikimedia-alpha",
        "seats": 2,
    }
    assert (body["selection"], body["hours_per_week"], body["languages"], body["open_for_nominations"]) == (
        "elected",
        3.5,
        ["en", "fr"],
        True,
    )
    assert [(r["competency"], r["min_level"], r["importance"]) for r in body["requirements"]] == [
        ("budgeting", 3, "essential"),
        ("facilitation", 1, "desirable"),
    ]
    assert requirements_of(role) == [("budgeting", 3, "essential"), ("facilitation", 1, "desirable")]
    assert role.search_text == "treasurer keeps the accounts.\ntresorier"


def test_role_create_title_in_request_language(signed_in, organizer_a, skills):
    data = payload(title="أمين الصندوق", requirements=[])
    del data["title_fr"]

    response = signed_in(organizer_a).post(f"{LIST}?lang=ar&{ALL}", data, format="json")

    assert response.status_code == 201
    assert (
        response.json()["title"],
        value(response.json(), "title_ar"),
        value(response.json(), "title_en"),
    ) == (
        "أمين الصندوق",
        "أمين الصندوق",
        None,
    )


def test_role_create_indonesian_column_is_ind(signed_in, organizer_a):
    data = payload(requirements=[], title_ind="Bendahara")

    response = signed_in(organizer_a).post(f"{LIST}?{ALL}", data, format="json")

    assert (response.status_code, value(response.json(), "title_ind")) == (201, "Bendahara")
    assert signed_in(organizer_a).get(f"{LIST}?lang=id").json()["results"][0]["title"] == "Bendahara"


def test_role_create_adapting_template(signed_in, organizer_a, skills):
    template = RoleTemplateFactory(
        slug="board-treasurer",
        title="Board treasurer",
        title_en="Board treasurer",
        title_fr="Trésorier du conseil",
        seats=1,
        term_limit=3,
    )
    TemplateRequirementFactory(template=template, competency=skills["budgeting"], min_level=4)

    response = signed_in(organizer_a).post(
        f"{LIST}?{ALL}",
        {"organization": "wikimedia-alpha", "template": "board-treasurer", "seats": 3},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["template"], body["title"], value(body, "title_fr"), body["seats"], body["term_limit"]) == (
        "board-treasurer",
        "Board treasurer",
        "Trésorier du conseil",
        3,
        3,
    )
    assert [(r["competency"], r["min_level"]) for r in body["requirements"]] == [("budgeting", 4)]


def test_role_create_adapting_template_with_own_requirements(signed_in, organizer_a, skills):
    template = RoleTemplateFactory(slug="board-treasurer")
    TemplateRequirementFactory(template=template, competency=skills["budgeting"], min_level=4)

    response = signed_in(organizer_a).post(
        LIST,
        {
            "organization": "wikimedia-alpha",
            "template": "board-treasurer",
            "title": "Our treasurer",
            "requirements": [{"competency": "fundraising", "min_level": 2}],
            "languages": ["es"],
        },
        format="json",
    )

    assert response.status_code == 201
    assert (response.json()["title"], response.json()["languages"]) == ("Our treasurer", ["es"])
    assert requirements_of(Role.objects.get()) == [("fundraising", 2, "essential")]


def test_role_create_with_token(api_client, organizer_a, skills):
    token = Token.objects.create(user=organizer_a)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.post(LIST, payload(), format="json")

    assert (response.status_code, response.json()["title"]) == (201, "Treasurer")


def test_role_create_anonymous_is_401(api_client, org_a, skills):
    response = api_client.post(LIST, payload(), format="json")

    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )
    assert Role.objects.count() == 0


@pytest.mark.parametrize("actor", ["plain_user", "organizer_b", "hub_coordinator_a"])
def test_role_create_in_another_organization_is_403(request, signed_in, org_a, skills, actor):
    response = signed_in(request.getfixturevalue(actor)).post(LIST, payload(), format="json")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Only the organizers of this organisation can add roles to it."},
    )
    assert Role.objects.count() == 0


def test_role_create_staff_in_any_organization(signed_in, staff_user, org_b, skills):
    response = signed_in(staff_user).post(LIST, payload(organization="wikimedia-beta"), format="json")

    assert (response.status_code, response.json()["organization"]) == (201, "wikimedia-beta")


def test_role_create_in_proposed_organization_is_400(signed_in, staff_user):
    OrganizationFactory(slug="proposed-one", status=OrganizationStatus.PROPOSED)

    response = signed_in(staff_user).post(
        LIST, payload(organization="proposed-one", requirements=[]), format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"organization": ["Object with slug=proposed-one does not exist."]},
    )


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"organization": "nowhere"}, {"organization": ["Object with slug=nowhere does not exist."]}),
        ({"organization": None}, {"organization": ["This field may not be null."]}),
        ({"seats": 0}, {"seats": ["Ensure this value is greater than or equal to 1."]}),
        ({"seats": 501}, {"seats": ["Ensure this value is less than or equal to 500."]}),
        ({"seats": "two"}, {"seats": ["A valid integer is required."]}),
        ({"kind": "monarch"}, {"kind": ['"monarch" is not a valid choice.']}),
        ({"selection": "drawn"}, {"selection": ['"drawn" is not a valid choice.']}),
        ({"term_limit": 0}, {"term_limit": ["Ensure this value is greater than or equal to 1."]}),
        (
            {"term_length_months": 121},
            {"term_length_months": ["Ensure this value is less than or equal to 120."]},
        ),
        ({"hours_per_week": 81}, {"hours_per_week": ["Ensure this value is less than or equal to 80."]}),
        (
            {"hours_per_week": 2.25},
            {"hours_per_week": ["Ensure that there are no more than 1 decimal places."]},
        ),
        ({"languages": ["klingon"]}, {"languages": ["Object with code=klingon does not exist."]}),
        (
            {"template": "no-such-template"},
            {"template": ["Object with slug=no-such-template does not exist."]},
        ),
        ({"title": ""}, {"title": ["This field may not be blank."]}),
        ({"title": "x" * 201}, {"title": ["Ensure this field has no more than 200 characters."]}),
        ({"title": "Bad\x07title"}, {"title": ["Remove the invisible control characters from this text."]}),
        (
            {"requirements": [{"competency": "no-such-skill", "min_level": 2}]},
            {"requirements": {"0": {"competency": ["Object with slug=no-such-skill does not exist."]}}},
        ),
        (
            {"requirements": [{"competency": "budgeting", "min_level": 5}]},
            {"requirements": {"0": {"min_level": ['"5" is not a valid choice.']}}},
        ),
        (
            {"requirements": [{"competency": "budgeting", "min_level": 0}]},
            {"requirements": {"0": {"min_level": ['"0" is not a valid choice.']}}},
        ),
        (
            {"requirements": [{"competency": "budgeting"}]},
            {"requirements": {"0": {"min_level": ["This field is required."]}}},
        ),
        (
            {"requirements": [{"competency": "budgeting", "min_level": 2, "importance": "vital"}]},
            {"requirements": {"0": {"importance": ['"vital" is not a valid choice.']}}},
        ),
        (
            {
                "requirements": [
                    {"competency": "budgeting", "min_level": 2},
                    {"competency": "budgeting", "min_level": 3},
                ]
            },
            {"requirements": ["Budgeting is listed twice: a competency can be required only once per role."]},
        ),
        (
            {"requirements": {"competency": "budgeting"}},
            {"requirements": {"non_field_errors": ['Expected a list of items but got type "dict".']}},
        ),
    ],
)
def test_role_create_bad_input_is_400(signed_in, organizer_a, skills, change, errors):
    response = signed_in(organizer_a).post(LIST, payload(**change), format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert Role.objects.count() == 0


def test_role_create_without_any_title_is_400(signed_in, organizer_a, skills):
    data = {key: value for key, value in payload().items() if key not in ("title", "title_fr")}

    response = signed_in(organizer_a).post(LIST, {**data, "title_es": ""}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"title": ["Give the role a title in at least one language."]},
    )


def test_role_create_missing_organization_is_400(signed_in, organizer_a, skills):
    data = payload()
    del data["organization"]

    response = signed_in(organizer_a).post(LIST, data, format="json")

    assert (response.status_code, response.json()) == (400, {"organization": ["This field is required."]})


def test_role_create_bad_input_translated(signed_in, organizer_a, skills):
    response = signed_in(organizer_a).post(f"{LIST}?lang=fr", payload(seats=0), format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"seats": ["Assurez-vous que cette valeur est supérieure ou égale à\xa01."]},
    )


@pytest.fixture
def role(org_a, skills):
    role = RoleFactory(organization=org_a, title="Chair", title_en="Chair", title_fr="Présidence", seats=2)
    RoleRequirementFactory(role=role, competency=skills["budgeting"], min_level=2)
    RoleRequirementFactory(role=role, competency=skills["facilitation"], min_level=3)
    return role


def test_role_partial_update_replaces_requirements(signed_in, organizer_a, role):
    response = signed_in(organizer_a).patch(
        f"{LIST}{role.pk}/?{ALL}",
        {
            "title_fr": "Présidente",
            "requirements": [
                {"competency": "facilitation", "min_level": 4, "importance": "desirable"},
                {"competency": "fundraising", "min_level": 1},
            ],
        },
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["title"], value(response.json(), "title_fr")) == ("Chair", "Présidente")
    assert requirements_of(role) == [
        ("facilitation", 4, Importance.DESIRABLE),
        ("fundraising", 1, "essential"),
    ]
    role.refresh_from_db()
    assert role.search_text == "chair a fictional role for tests.\npresidente"


def test_role_partial_update_without_requirements_keeps_them(signed_in, organizer_a, role):
    response = signed_in(organizer_a).patch(
        f"{LIST}{role.pk}/", {"open_for_nominations": True}, format="json"
    )

    assert (response.status_code, response.json()["open_for_nominations"]) == (200, True)
    assert requirements_of(role) == [("budgeting", 2, "essential"), ("facilitation", 3, "essential")]


def test_role_partial_update_empty_requirements_clears_them(signed_in, organizer_a, role):
    response = signed_in(organizer_a).patch(f"{LIST}{role.pk}/", {"requirements": []}, format="json")

    assert (response.status_code, response.json()["requirements"]) == (200, [])


def test_role_update_put(signed_in, organizer_a, role):
    data = payload()
    del data["title_fr"]

    response = signed_in(organizer_a).put(f"{LIST}{role.pk}/", data, format="json")

    assert response.status_code == 200
    role.refresh_from_db()
    assert (role.title_en, role.title_fr, role.seats, role.kind) == ("Treasurer", "Présidence", 2, "board")


def test_role_partial_update_requirement_needs_its_level(signed_in, organizer_a, role):
    response = signed_in(organizer_a).patch(
        f"{LIST}{role.pk}/",
        {"requirements": [{"competency": "budgeting", "min_level": 2}, {"competency": "fundraising"}]},
        format="json",
    )

    assert (response.status_code, response.json()) == (
        400,
        {"requirements": {"1": {"min_level": ["This field is required."]}}},
    )
    assert requirements_of(role) == [("budgeting", 2, "essential"), ("facilitation", 3, "essential")]


def test_role_update_cannot_move_organization(signed_in, organizer_a, role, org_b):
    response = signed_in(organizer_a).patch(
        f"{LIST}{role.pk}/", {"organization": "wikimedia-beta"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"organization": ["A role cannot move to another organisation."]},
    )


def test_role_update_removing_every_title_is_400(signed_in, organizer_a, role):
    response = signed_in(organizer_a).patch(
        f"{LIST}{role.pk}/", {"title_en": "", "title_fr": None}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"title": ["Give the role a title in at least one language."]},
    )


def test_role_update_seats_below_filled_is_400(signed_in, organizer_a, role):
    for _ in range(2):
        services.holder_add(role=role, person=PersonFactory(), start=datetime.date(2025, 1, 1))

    response = signed_in(organizer_a).patch(f"{LIST}{role.pk}/", {"seats": 1}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"seats": ["2 seats are filled today: end some terms before reducing the seats."]},
    )


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("plain_user", 403),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("organizer_a", 200),
        ("staff_user", 200),
    ],
)
def test_role_update_permissions(request, signed_in, role, actor, status):
    response = signed_in(request.getfixturevalue(actor)).patch(
        f"{LIST}{role.pk}/", {"seats": 3}, format="json"
    )

    role.refresh_from_db()
    assert (response.status_code, role.seats) == (status, 3 if status == 200 else 2)


def test_role_update_anonymous_is_401(api_client, role):
    response = api_client.patch(f"{LIST}{role.pk}/", {"seats": 3}, format="json")

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("plain_user", 403),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("organizer_a", 204),
        ("staff_user", 204),
    ],
)
def test_role_delete_permissions(request, signed_in, role, actor, status):
    response = signed_in(request.getfixturevalue(actor)).delete(f"{LIST}{role.pk}/")

    assert (response.status_code, Role.objects.filter(pk=role.pk).exists()) == (status, status != 204)


def test_role_delete_anonymous_is_401(api_client, role):
    assert api_client.delete(f"{LIST}{role.pk}/").status_code == 401


def test_role_delete_with_token(api_client, organizer_a, role):
    token = Token.objects.create(user=organizer_a)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.delete(f"{LIST}{role.pk}/")

    assert (response.status_code, Role.objects.filter(pk=role.pk).exists()) == (204, False)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=6,
)
payload_fields = st.sampled_from(
    [
        *("organization", "template", "title", "title_ind", "description", "kind", "seats", "selection"),
        *("term_length_months", "term_limit", "hours_per_week", "languages", "requirements", "active"),
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(payload_fields, json_values, max_size=4))
def test_role_create_any_json_never_500(organizer_a, skills, changes):
    client = APIClient()
    client.force_login(organizer_a, backend="django.contrib.auth.backends.ModelBackend")
    cache.clear()

    response = client.post(LIST, json.dumps(payload(**changes)), content_type="application/json")

    assert response.status_code in (201, 400)
