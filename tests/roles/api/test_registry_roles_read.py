"""Reading roles: the exact shape, filters, search, keyset pagination, languages and query counts."""

import base64
import datetime
import json

import pytest

from roles import selectors, services
from roles.api.serializers_registry import RoleListSerializer
from roles.enums import Importance, Level, OrganizationStatus, RoleKind
from tests.api.rows import drf_row, list_rows
from tests.factories import OrganizationFactory, PersonFactory, region
from tests.factories.registry import (
    CompetencyFactory,
    RoleFactory,
    RoleRequirementFactory,
    RoleTemplateFactory,
)
from tests.factories.roles import language

pytestmark = pytest.mark.django_db

LIST = "/api/v1/roles/"


def iso(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def treasurer(org_a):
    budgeting = CompetencyFactory(slug="budgeting", name="Budgeting", name_en="Budgeting", name_fr="Budget")
    facilitation = CompetencyFactory(slug="facilitation", name="Facilitation", name_en="Facilitation")
    template = RoleTemplateFactory(
        slug="board-treasurer", title="Board treasurer", title_en="Board treasurer"
    )
    role = RoleFactory(
        organization=org_a,
        template=template,
        title="Treasurer",
        title_en="Treasurer",
        title_fr="Trésorière",
        description="Keeps the accounts.",
        description_en="Keeps the accounts.",
        kind=RoleKind.BOARD,
        seats=2,
        term_length_months=24,
        term_limit=2,
        hours_per_week="3.5",
        open_for_nominations=True,
    )
    role.languages.set([language("fr"), language("en")])
    RoleRequirementFactory(
        role=role, competency=facilitation, min_level=Level.AWARE, importance=Importance.DESIRABLE
    )
    RoleRequirementFactory(role=role, competency=budgeting, min_level=Level.PROFICIENT)
    role.refresh_from_db()
    return role


def test_role_list_anonymous_exact_json(api_client, treasurer):
    response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json() == {
        "next": None,
        "previous": None,
        "results": [
            {
                "url": f"http://testserver/api/v1/roles/{treasurer.pk}/",
                "id": treasurer.pk,
                "title": "Treasurer",
                "description": "Keeps the accounts.",
                "responsibilities": "",
                "organization": "wikimedia-alpha",
                "organization_name": "Wikimedia Alpha",
                "region": "NWE",
                "template": "board-treasurer",
                "kind": "board",
                "kind_label": "Board",
                "seats": 2,
                "selection": "appointed",
                "selection_label": "Appointed",
                "term_length_months": 24,
                "term_limit": 2,
                "hours_per_week": 3.5,
                "filled_seats": 0,
                "vacant_seats": 2,
                "languages": ["en", "fr"],
                "open_for_nominations": True,
                "active": True,
                "requirements": [  # by slug: names and labels are on the role's own page
                    {"competency": "budgeting", "min_level": 3, "importance": "essential"},
                    {"competency": "facilitation", "min_level": 1, "importance": "desirable"},
                ],
                "created_at": iso(treasurer.created_at),
                "updated_at": iso(treasurer.updated_at),
            }
        ],
    }


def test_role_detail_in_french_from_query_and_header(api_client, treasurer):
    by_query = api_client.get(f"{LIST}{treasurer.pk}/?lang=fr")
    by_header = api_client.get(f"{LIST}{treasurer.pk}/", HTTP_ACCEPT_LANGUAGE="fr")

    assert (by_query.status_code, by_query["Content-Language"], by_query.json()["title"]) == (
        200,
        "fr",
        "Trésorière",
    )
    assert by_header.json()["title"] == "Trésorière"
    # No French description: English, the first fallback; a competency's name in French where it has one.
    assert by_query.json()["description"] == "Keeps the accounts."
    assert [item["competency_name"] for item in by_query.json()["requirements"]] == ["Budget", "Facilitation"]


def test_role_list_one_language_computed_by_the_database(api_client, alpha, treasurer):
    [item] = api_client.get(f"{LIST}?lang=fr").json()["results"]

    # French where there is French, else English; the organisation's name too
    assert (item["title"], item["description"], item["organization_name"], "translations" in item) == (
        "Trésorière",
        "Keeps the accounts.",
        "Wikimédia Alpha de France",
        False,
    )


def test_role_list_all_languages_adds_translations(api_client, treasurer):
    [item] = api_client.get(f"{LIST}?lang=fr&all_languages=1").json()["results"]

    assert item["title"] == "Trésorière"
    assert item["translations"] == {
        "title": {"en": "Treasurer", "fr": "Trésorière", "es": None, "pt-br": None, "id": None, "ar": None},
        "description": {
            "en": "Keeps the accounts.",
            "fr": None,
            "es": None,
            "pt-br": None,
            "id": None,
            "ar": None,
        },
        "responsibilities": {"en": None, "fr": None, "es": None, "pt-br": None, "id": None, "ar": None},
    }


def test_role_detail_unknown_is_404(api_client):
    response = api_client.get(f"{LIST}999999/")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_role_list_leaves_out_inactive_roles_and_unlisted_organizations(api_client, org_a):
    RoleFactory(organization=org_a, title="Listed", title_en="Listed")
    RoleFactory(organization=org_a, title="Retired", title_en="Retired", active=False)
    RoleFactory(
        organization=OrganizationFactory(status=OrganizationStatus.PROPOSED),
        title="Proposed",
        title_en="Proposed",
    )
    RoleFactory(organization=OrganizationFactory(active=False), title="Dormant", title_en="Dormant")

    assert titles(api_client.get(LIST)) == ["Listed"]


@pytest.mark.parametrize("count", [1, 3])
def test_role_list_query_count_constant(api_client, django_assert_num_queries, org_a, count):
    for _ in range(count):
        role = RoleFactory(organization=org_a, template=RoleTemplateFactory())
        role.languages.set([language("fr"), language("ar")])
        RoleRequirementFactory(role=role)
        RoleRequirementFactory(role=role)

    # the page (organisation, region and template joined), languages, requirements with their competencies'
    # slugs; the same with every language's values
    with django_assert_num_queries(3):
        response = api_client.get(LIST)
    with django_assert_num_queries(3):
        every = api_client.get(f"{LIST}?all_languages=1")

    assert (len(response.json()["results"]), len(every.json()["results"])) == (count, count)


@pytest.fixture
def directory(org_a, org_b):
    """Four roles across two organisations and regions, with requirements, languages and holders."""
    org_b.region = region("LAC")
    org_b.save()
    budgeting = CompetencyFactory(slug="budgeting")
    coding = CompetencyFactory(slug="coding")
    chair = RoleFactory(
        organization=org_a, title="Chair", title_en="Chair", title_ar="رئيس", kind=RoleKind.BOARD, seats=1
    )
    editor = RoleFactory(
        organization=org_a,
        title="Newsletter editor",
        title_en="Newsletter editor",
        description_fr="Rédige la lettre d'information mensuelle.",
        kind=RoleKind.VOLUNTEER,
        seats=2,
        open_for_nominations=True,
    )
    treasurer = RoleFactory(organization=org_b, title="Treasurer", title_en="Treasurer", kind=RoleKind.BOARD)
    developer = RoleFactory(
        organization=org_b, title="Bot developer", title_en="Bot developer", kind=RoleKind.PROJECT_LEAD
    )
    RoleRequirementFactory(role=chair, competency=budgeting)
    RoleRequirementFactory(role=treasurer, competency=budgeting)
    RoleRequirementFactory(role=developer, competency=coding)
    editor.languages.set([language("fr")])
    developer.languages.set([language("fr"), language("es")])
    for role in (chair, treasurer, editor):
        services.holder_add(role=role, person=PersonFactory(), start=datetime.date(2025, 1, 1))
    return {"chair": chair, "editor": editor, "treasurer": treasurer, "developer": developer}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Chair", "Newsletter editor", "Treasurer", "Bot developer"]),
        ({"organization": "wikimedia-beta"}, ["Treasurer", "Bot developer"]),
        ({"kind": "board"}, ["Chair", "Treasurer"]),
        ({"region": "lac"}, ["Treasurer", "Bot developer"]),
        ({"region": "NWE"}, ["Chair", "Newsletter editor"]),
        ({"competency": "budgeting"}, ["Chair", "Treasurer"]),
        ({"language": "fr"}, ["Newsletter editor", "Bot developer"]),
        ({"language": "ES"}, ["Bot developer"]),
        ({"vacant": "true"}, ["Newsletter editor", "Bot developer"]),
        ({"vacant": "false"}, ["Chair", "Treasurer"]),
        ({"open_for_nominations": "true"}, ["Newsletter editor"]),
        ({"open_for_nominations": "0"}, ["Chair", "Treasurer", "Bot developer"]),
        ({"q": "TREAS"}, ["Treasurer"]),
        ({"q": "lettre d'info"}, ["Newsletter editor"]),  # a word of the French description
        ({"q": "رئي"}, ["Chair"]),  # part of the Arabic title
        ({"q": "  "}, ["Chair", "Newsletter editor", "Treasurer", "Bot developer"]),
        ({"kind": "board", "region": "NWE", "vacant": "false"}, ["Chair"]),
        ({"q": "nothing like it"}, []),
    ],
)
def test_role_list_filters(api_client, directory, params, expected):
    response = api_client.get(LIST, params)

    assert (response.status_code, titles(response)) == (200, expected)


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        (
            {"organization": "no-such-org"},
            {"organization": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"competency": "no-such-skill"},
            {"competency": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ({"kind": "king"}, {"kind": ["Select a valid choice. king is not one of the available choices."]}),
        (
            {"region": "MARS"},
            {"region": ["Select a valid choice. MARS is not one of the available choices."]},
        ),
        ({"vacant": "perhaps"}, {"vacant": ["Enter true or false."]}),
        ({"open_for_nominations": "yes please"}, {"open_for_nominations": ["Enter true or false."]}),
        ({"q": "x" * 101}, {"q": ["Ensure this value has at most 100 characters (it has 101)."]}),
        ({"ordering": "salary"}, {"ordering": ["Choose one of: id, -id, title, -title, created, -created."]}),
        (
            {"cursor": "not-a-cursor"},
            {"cursor": ["This cursor is not valid: follow the next and previous links."]},
        ),
    ],
)
def test_role_list_bad_parameters_are_400(api_client, directory, params, errors):
    response = api_client.get(LIST, params)

    assert (response.status_code, response.json()) == (400, errors)


def test_role_list_bad_parameter_translated(api_client, directory):
    response = api_client.get(LIST, {"organization": "nowhere", "lang": "fr"})

    assert (response.status_code, response.json()) == (
        400,
        {"organization": ["Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."]},
    )


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("id", ["Chair", "Newsletter editor", "Treasurer", "Bot developer"]),
        ("-id", ["Bot developer", "Treasurer", "Newsletter editor", "Chair"]),
        ("title", ["Bot developer", "Chair", "Newsletter editor", "Treasurer"]),
        ("-title", ["Treasurer", "Newsletter editor", "Chair", "Bot developer"]),
        ("created", ["Chair", "Newsletter editor", "Treasurer", "Bot developer"]),
        ("-created", ["Bot developer", "Treasurer", "Newsletter editor", "Chair"]),
    ],
)
def test_role_list_ordering(api_client, directory, ordering, expected):
    response = api_client.get(LIST, {"ordering": ordering})

    assert (response.status_code, titles(response)) == (200, expected)


def test_role_list_ordering_title_in_response_language(api_client, directory):
    response = api_client.get(LIST, {"ordering": "title", "lang": "ar"})

    # The Arabic title sorts after the Latin ones (its own script); the others fall back to English.
    assert titles(response) == ["Bot developer", "Newsletter editor", "Treasurer", "رئيس"]


def walk(api_client, params):
    """Every page from the first, following `next`; then back from the last, following `previous`."""
    pages, url = [], LIST
    response = api_client.get(url, params)
    while True:
        assert response.status_code == 200
        pages.append(titles(response))
        url = response.json()["next"]
        if url is None:
            break
        response = api_client.get(url)
    backwards = [titles(response)]
    while response.json()["previous"] is not None:
        response = api_client.get(response.json()["previous"])
        backwards.append(titles(response))
    return pages, backwards[::-1]


@pytest.mark.parametrize("ordering", ["id", "-id", "title", "-title", "created", "-created"])
def test_role_list_cursor_pages_neither_skip_nor_repeat_ties(api_client, org_a, ordering):
    for n in range(7):
        # Five roles share a title: the position in the cursor includes the id, so ties never repeat.
        title = "Treasurer" if n < 5 else f"Zeta {n}"
        RoleFactory(organization=org_a, title=title, title_en=title, description=f"n{n}")

    pages, backwards = walk(api_client, {"ordering": ordering, "page_size": 2})

    every = [title for page in pages for title in page]
    assert [len(page) for page in pages] == [2, 2, 2, 1]
    assert sorted(every) == sorted(["Treasurer"] * 5 + ["Zeta 5", "Zeta 6"])
    assert backwards == pages


def test_role_list_cursor_ids_are_exact(api_client, org_a):
    roles = [RoleFactory(organization=org_a, title="Same", title_en="Same") for _ in range(5)]

    first = api_client.get(LIST, {"ordering": "title", "page_size": 3}).json()
    second = api_client.get(first["next"]).json()

    assert [item["id"] for item in first["results"]] == [role.pk for role in roles[:3]]
    assert [item["id"] for item in second["results"]] == [role.pk for role in roles[3:]]
    assert (first["previous"], second["next"]) == (None, None)


def test_role_list_cursor_of_another_ordering_is_400(api_client, org_a):
    for _ in range(3):
        RoleFactory(organization=org_a)
    following = api_client.get(LIST, {"page_size": 1}).json()["next"]

    response = api_client.get(following.replace("cursor=", "ordering=title&cursor="))

    assert (response.status_code, response.json()) == (
        400,
        {"cursor": ["This cursor is not valid: follow the next and previous links."]},
    )


def test_role_list_page_size_capped_at_200(api_client, org_a):
    RoleFactory(organization=org_a)

    response = api_client.get(LIST, {"page_size": 100000})

    assert (response.status_code, len(response.json()["results"])) == (200, 1)


def crafted(**data) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": crafted(o="id", v=["s", "abc"], p=1, b=0)},
        {"cursor": crafted(o="id", v=["i", 10**30], p=1, b=0)},
        {"cursor": crafted(o="id", v=["i", 1], p=10**30, b=0)},
        {"cursor": crafted(o="id", v=["i", True], p=1, b=0)},
        {"cursor": crafted(o="id", v="1", p=1, b=0)},
        {"cursor": crafted(o="id", p=1)},
        {"ordering": "created", "cursor": crafted(o="created", v=["i", 5], p=1, b=0)},
        {"ordering": "created", "cursor": crafted(o="created", v=["d", "yesterday"], p=1, b=0)},
        {"ordering": "created", "cursor": crafted(o="created", v=["d", "2025-01-01T00:00:00"], p=1, b=0)},
        {"ordering": "title", "cursor": crafted(o="title", v=["i", 3], p=1, b=0)},
        {"cursor": base64.urlsafe_b64encode(b"[1, 2]").decode()},
        {"cursor": base64.urlsafe_b64encode(b"\xff\xfe").decode()},
        {"cursor": "%%%"},
    ],
)
def test_role_list_crafted_cursor_is_400(api_client, org_a, params):
    RoleFactory(organization=org_a)

    response = api_client.get(LIST, params)

    assert (response.status_code, response.json()) == (
        400,
        {"cursor": ["This cursor is not valid: follow the next and previous links."]},
    )


def test_role_list_crafted_cursor_of_right_shape_pages(api_client, org_a):
    roles = [RoleFactory(organization=org_a) for _ in range(3)]

    response = api_client.get(LIST, {"cursor": crafted(o="id", v=["i", roles[0].pk], p=roles[0].pk, b=0)})

    assert [item["id"] for item in response.json()["results"]] == [roles[1].pk, roles[2].pk]


# --- The list's rows are written by hand (RoleListSerializer): exactly what DRF's fields would write ----------


@pytest.mark.parametrize(
    ("lang", "all_languages"), [("en", False), ("fr", False), ("ar", True), ("fr", True)]
)
def test_role_list_rows_equal_the_declared_fields(api_client, alpha, treasurer, lang, all_languages):
    treasurer.responsibilities_ar = "يحفظ الحسابات"
    treasurer.term_length_months = None
    treasurer.save()
    for slug, level, importance in (("advocacy", 4, Importance.DESIRABLE), ("zeal", 3, Importance.ESSENTIAL)):
        RoleRequirementFactory(
            role=treasurer, competency=CompetencyFactory(slug=slug), min_level=level, importance=importance
        )
    bare = RoleFactory(
        organization=alpha, title="Bare", title_en="", title_es="Sin nada", hours_per_week=None
    )
    query = f"?lang={lang}" + ("&all_languages=1" if all_languages else "")

    rows = list_rows(api_client.get(LIST + query))

    full = selectors.roles_for_api(listed_only=True)  # every column, the organisation and template joined
    assert rows == [
        drf_row(
            RoleListSerializer, full.get(pk=pk), path=LIST + query, lang=lang, all_languages=all_languages
        )
        for pk in (treasurer.pk, bare.pk)
    ]
    assert json.loads(rows[1])["title"] == "Sin nada"  # the first language that has one
    # essentials first, then by level (highest first) and slug
    assert [item["competency"] for item in json.loads(rows[0])["requirements"]] == [
        "budgeting",
        "zeal",
        "advocacy",
        "facilitation",
    ]
