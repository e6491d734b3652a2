"""The directory's exports: what it shows, as CSV and JSON, with the same filters."""

import json

import pytest
from django.urls import reverse

from roles.enums import Importance, RoleKind, Selection
from roles.models import Role
from tests.factories.registry import CompetencyFactory, RoleFactory, RoleRequirementFactory
from tests.factories.roles import language

pytestmark = pytest.mark.django_db

HEADER = (
    "id,title,organization,kind,seats,vacant_seats,selection,term_length_months,term_limit,hours_per_week,"
    "open_for_nominations,languages,requirements"
)


@pytest.fixture
def roles(org_a):
    treasurer = RoleFactory(
        organization=org_a,
        title="Treasurer",
        kind=RoleKind.BOARD,
        seats=3,
        selection=Selection.ELECTED,
        term_length_months=24,
        term_limit=2,
        hours_per_week=4,
        open_for_nominations=True,
    )
    Role.objects.filter(pk=treasurer.pk).update(filled_seats=1)
    treasurer.languages.add(language("fr"), language("en"))
    RoleRequirementFactory(role=treasurer, competency=CompetencyFactory(slug="budgeting"), min_level=3)
    RoleRequirementFactory(
        role=treasurer,
        competency=CompetencyFactory(slug="audit"),
        min_level=2,
        importance=Importance.DESIRABLE,
    )
    archivist = RoleFactory(organization=org_a, title='=Archivist, "senior"', kind=RoleKind.VOLUNTEER)
    return treasurer, archivist


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_role_export_csv_has_the_exact_header_and_rows(client, roles):
    treasurer, archivist = roles

    response = client.get(reverse("roles:role_export_csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="roles.csv"'
    assert body(response).split("\r\n") == [
        HEADER,
        f'{archivist.pk},"\'=Archivist, ""senior""",wikimedia-alpha,volunteer,1,1,appointed,,,,false,,',
        f"{treasurer.pk},Treasurer,wikimedia-alpha,board,3,2,elected,24,2,4.0,true,en;fr,budgeting:3:essential;audit:2:desirable",
        "",
    ]


def test_role_export_csv_applies_the_directory_filters(client, roles):
    treasurer, _archivist = roles

    response = client.get(reverse("roles:role_export_csv"), {"q": "treas", "open": "on", "page": "3"})

    assert body(response).split("\r\n")[1:] == [
        f"{treasurer.pk},Treasurer,wikimedia-alpha,board,3,2,elected,24,2,4.0,true,en;fr,budgeting:3:essential;audit:2:desirable",
        "",
    ]


def test_role_export_json_has_the_same_records(client, roles):
    treasurer, _archivist = roles

    response = client.get(reverse("roles:role_export_json"), {"kind": "board"})

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body(response)) == [
        {
            "id": treasurer.pk,
            "title": "Treasurer",
            "organization": "wikimedia-alpha",
            "kind": "board",
            "seats": 3,
            "vacant_seats": 2,
            "selection": "elected",
            "term_length_months": 24,
            "term_limit": 2,
            "hours_per_week": 4.0,
            "open_for_nominations": True,
            "languages": ["en", "fr"],
            "requirements": ["budgeting:3:essential", "audit:2:desirable"],
        }
    ]


def test_role_export_json_of_nothing_is_an_empty_list(client):
    assert json.loads(body(client.get(reverse("roles:role_export_json")))) == []


def test_role_export_in_french_gives_french_titles(client, roles):
    treasurer, _archivist = roles
    treasurer.title_fr = "Trésorier"
    treasurer.save()

    response = client.get("/fr/roles/export.json", {"kind": "board"})

    assert [record["title"] for record in json.loads(body(response))] == ["Trésorier"]


@pytest.mark.parametrize("count", [1, 3])
def test_role_export_queries_are_constant(client, org_a, django_assert_num_queries, count):
    for n in range(count):
        role = RoleFactory(organization=org_a, title=f"Role {n}")
        role.languages.add(language("fr"))
        RoleRequirementFactory(role=role)

    # roles, their languages, their requirements with competencies
    with django_assert_num_queries(3):
        lines = body(client.get(reverse("roles:role_export_csv"))).split("\r\n")

    assert len(lines) == count + 2
