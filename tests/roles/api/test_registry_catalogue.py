"""The catalogue staff keep: competency categories, competencies, the proficiency scale and role templates."""

import json

import pytest
from rest_framework.authtoken.models import Token

from roles import selectors
from roles.api.serializers_registry import CompetencySerializer
from roles.models import (
    Competency,
    CompetencyCategory,
    CompetencyLevelDescriptor,
    ProficiencyLevel,
    RoleTemplate,
    TemplateRequirement,
)
from tests.api.rows import drf_row, list_rows
from tests.api.translations import ALL, value
from tests.factories.registry import (
    CompetencyCategoryFactory,
    CompetencyFactory,
    RoleRequirementFactory,
    RoleTemplateFactory,
    TemplateRequirementFactory,
)

pytestmark = pytest.mark.django_db

CATEGORIES = "/api/v1/competency-categories/"
COMPETENCIES = "/api/v1/competencies/"
LEVELS = "/api/v1/proficiency-levels/"
TEMPLATES = "/api/v1/role-templates/"


def iso(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def governance():
    return CompetencyCategoryFactory(
        slug="governance", name="Governance", name_en="Governance", name_fr="Gouvernance", order=1
    )


@pytest.fixture
def catalogue(governance):
    finance = CompetencyCategoryFactory(slug="finance", name="Finance", name_en="Finance", order=2)
    board_work = CompetencyFactory(
        slug="board-work",
        name="Board work",
        name_en="Board work",
        name_fr="Travail de conseil",
        category=governance,
    )
    CompetencyFactory(
        slug="minutes",
        name="Taking minutes",
        name_en="Taking minutes",
        category=governance,
        parent=board_work,
    )
    CompetencyFactory(slug="budgeting", name="Budgeting", name_en="Budgeting", category=finance)
    CompetencyFactory(
        slug="old-ledgers", name="Paper ledgers", name_en="Paper ledgers", category=finance, active=False
    )
    return finance


# --- Categories ------------------------------------------------------------------------------------------


def test_category_list_exact_json(api_client, governance):
    response = api_client.get(CATEGORIES)

    assert (response.status_code, response.json()) == (
        200,
        {
            "count": 1,
            "next": None,
            "previous": None,
            "results": [
                {
                    "url": "http://testserver/api/v1/competency-categories/governance/",
                    "slug": "governance",
                    "name": "Governance",
                    "description": "",
                    "order": 1,
                    "created_at": iso(governance.created_at),
                    "updated_at": iso(governance.updated_at),
                }
            ],
        },
    )


@pytest.mark.parametrize("count", [1, 3])
def test_category_list_query_count_constant(api_client, django_assert_num_queries, count):
    for _ in range(count):
        CompetencyCategoryFactory()

    with django_assert_num_queries(2):  # count, page
        response = api_client.get(CATEGORIES)

    assert response.json()["count"] == count


def test_category_create_staff(signed_in, staff_user):
    response = signed_in(staff_user).post(
        f"{CATEGORIES}?{ALL}",
        {"slug": "strategy", "name": "Strategy", "name_ar": "الاستراتيجية", "order": 3},
        format="json",
    )

    assert response.status_code == 201
    assert {key: value(response.json(), key) for key in ("slug", "name", "name_en", "name_ar", "order")} == {
        "slug": "strategy",
        "name": "Strategy",
        "name_en": "Strategy",
        "name_ar": "الاستراتيجية",
        "order": 3,
    }


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"slug": "governance", "name": "Again"},
            {"slug": ["competency category with this slug already exists."]},
        ),
        (
            {"slug": "no spaces", "name": "X"},
            {"slug": ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.']},
        ),
        ({"slug": "nameless"}, {"name": ["Give the category a name in at least one language."]}),
        ({"name": "No slug"}, {"slug": ["This field is required."]}),
        (
            {"slug": "x", "name": "X", "order": -1},
            {"order": ["Ensure this value is greater than or equal to 0."]},
        ),
    ],
)
def test_category_create_bad_input_is_400(signed_in, staff_user, governance, data, errors):
    response = signed_in(staff_user).post(CATEGORIES, data, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert CompetencyCategory.objects.count() == 1


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        (None, 401),
        ("plain_user", 403),
        ("organizer_a", 403),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
    ],
)
def test_category_writes_staff_only(request, api_client, signed_in, governance, actor, status):
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client
    url = f"{CATEGORIES}governance/"

    statuses = [
        client.post(CATEGORIES, {"slug": "new", "name": "New"}, format="json").status_code,
        client.patch(url, {"name": "Renamed"}, format="json").status_code,
        client.delete(url).status_code,
    ]

    assert statuses == [status] * 3
    governance.refresh_from_db()
    assert (governance.name_en, CompetencyCategory.objects.count()) == ("Governance", 1)


def test_category_delete_in_use_is_409(signed_in, staff_user, catalogue):
    response = signed_in(staff_user).delete(f"{CATEGORIES}finance/")

    assert (response.status_code, response.json()) == (
        409,
        {"detail": "This object is still in use elsewhere in the registry, so it cannot be deleted."},
    )


def test_category_delete_unused_by_token(api_client, staff_user):
    CompetencyCategoryFactory(slug="empty")
    token = Token.objects.create(user=staff_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.delete(f"{CATEGORIES}empty/")

    assert (response.status_code, CompetencyCategory.objects.filter(slug="empty").exists()) == (204, False)


# --- Competencies ----------------------------------------------------------------------------------------


def test_competency_detail_exact_json(api_client, catalogue):
    minutes = Competency.objects.get(slug="minutes")

    response = api_client.get(f"{COMPETENCIES}minutes/?lang=fr")

    assert (response.status_code, response.json()) == (
        200,
        {
            "url": "http://testserver/api/v1/competencies/minutes/",
            "slug": "minutes",
            "name": "Taking minutes",
            "description": "A fictional competency for tests.",
            "category": {"slug": "governance", "name": "Gouvernance"},
            "parent": "board-work",
            "wikidata_qid": "",
            "esco_uri": "",
            "active": True,
            "level_descriptors": [],
            "created_at": iso(minutes.created_at),
            "updated_at": iso(minutes.updated_at),
        },
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["board-work", "minutes", "budgeting", "old-ledgers"]),
        ({"category": "finance"}, ["budgeting", "old-ledgers"]),
        ({"parent": "board-work"}, ["minutes"]),
        ({"active": "true"}, ["board-work", "minutes", "budgeting"]),
        ({"active": "false"}, ["old-ledgers"]),
        ({"q": "MINUTES"}, ["minutes"]),
        ({"q": "travail"}, ["board-work"]),  # a word of the French name
        ({"q": "ledger", "active": "true"}, []),
    ],
)
def test_competency_list_filters(api_client, catalogue, params, expected):
    response = api_client.get(COMPETENCIES, params)

    assert (response.status_code, slugs(response)) == (200, expected)


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        (
            {"category": "nope"},
            {"category": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"parent": "nope"},
            {"parent": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ({"active": "maybe"}, {"active": ["Enter true or false."]}),
    ],
)
def test_competency_list_bad_parameters_are_400(api_client, catalogue, params, errors):
    response = api_client.get(COMPETENCIES, params)

    assert (response.status_code, response.json()) == (400, errors)


def test_competency_list_sorted_by_name_in_response_language(api_client, governance):
    CompetencyFactory(slug="a", name="Zebra", name_en="Zebra", name_fr="Baudet", category=governance)
    CompetencyFactory(slug="b", name="Mule", name_en="Mule", category=governance)

    assert slugs(api_client.get(COMPETENCIES)) == ["b", "a"]
    assert slugs(api_client.get(COMPETENCIES, {"lang": "fr"})) == ["a", "b"]  # Baudet, then Mule


@pytest.mark.parametrize("count", [1, 3])
def test_competency_list_query_count_constant(api_client, django_assert_num_queries, governance, count):
    parent = CompetencyFactory(category=governance)
    for _ in range(count - 1):
        CompetencyFactory(category=governance, parent=parent)

    with django_assert_num_queries(3):  # count, page (category and parent joined), level descriptors
        response = api_client.get(COMPETENCIES)

    assert response.json()["count"] == count


def test_competency_create_staff(signed_in, staff_user, catalogue):
    response = signed_in(staff_user).post(
        f"{COMPETENCIES}?{ALL}",
        {
            "slug": "agenda-setting",
            "name_fr": "Ordre du jour",
            "name_ind": "Agenda rapat",
            "category": "governance",
            "parent": "board-work",
            "wikidata_qid": "Q4115189",
            "esco_uri": "http://data.europa.eu/esco/skill/abc-123",
        },
        format="json",
    )

    assert response.status_code == 201
    assert {
        key: value(response.json(), key)
        for key in ("name", "name_fr", "name_ind", "category", "parent", "active")
    } == {
        "name": "Ordre du jour",
        "name_fr": "Ordre du jour",
        "name_ind": "Agenda rapat",
        "category": {"slug": "governance", "name": "Governance"},
        "parent": "board-work",
        "active": True,
    }


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"category": "nope"}, {"category": ["Object with slug=nope does not exist."]}),
        ({"parent": "nope"}, {"parent": ["Object with slug=nope does not exist."]}),
        ({"slug": "budgeting"}, {"slug": ["competency with this slug already exists."]}),
        (
            {"wikidata_qid": "Q0"},
            {
                "wikidata_qid": [
                    "Enter a Wikidata item id: the letter Q followed by a number, for example Q180."
                ]
            },
        ),
        ({"name": "", "name_en": None}, {"name": ["This field may not be blank."]}),
        ({"name": None}, {"name": ["This field may not be null."]}),
    ],
)
def test_competency_create_bad_input_is_400(signed_in, staff_user, catalogue, data, errors):
    before = Competency.objects.count()

    response = signed_in(staff_user).post(
        COMPETENCIES,
        {"slug": "new-skill", "name": "New skill", "category": "governance", **data},
        format="json",
    )

    assert (response.status_code, response.json()) == (400, errors)
    assert Competency.objects.count() == before


def test_competency_create_without_any_name_is_400(signed_in, staff_user, catalogue):
    response = signed_in(staff_user).post(
        COMPETENCIES, {"slug": "nameless", "category": "finance"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"name": ["Give the competency a name in at least one language."]},
    )


def test_competency_bad_esco_uri_is_400(signed_in, staff_user, catalogue):
    response = signed_in(staff_user).post(
        COMPETENCIES,
        {"slug": "x", "name": "X", "category": "finance", "esco_uri": "https://example.org/skill"},
        format="json",
    )

    assert (response.status_code, response.json()) == (
        400,
        {
            "esco_uri": [
                "Enter an ESCO skill URI, for example http://data.europa.eu/esco/skill/ followed by its identifier."
            ]
        },
    )


def test_competency_update_parent_loop_is_400(signed_in, staff_user, catalogue):
    response = signed_in(staff_user).patch(f"{COMPETENCIES}board-work/", {"parent": "minutes"}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"parent": ["A competency cannot be broader than itself, directly or through others."]},
    )


def test_competency_update_own_parent_is_400(signed_in, staff_user, catalogue):
    response = signed_in(staff_user).patch(
        f"{COMPETENCIES}board-work/", {"parent": "board-work"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"parent": ["A competency cannot be broader than itself, directly or through others."]},
    )


def test_competency_update_retire(signed_in, staff_user, catalogue):
    response = signed_in(staff_user).patch(f"{COMPETENCIES}budgeting/", {"active": False}, format="json")

    assert (response.status_code, response.json()["active"]) == (200, False)


def test_competency_delete_required_by_a_role_is_409(signed_in, staff_user, catalogue):
    RoleRequirementFactory(competency=Competency.objects.get(slug="budgeting"))

    response = signed_in(staff_user).delete(f"{COMPETENCIES}budgeting/")

    assert (response.status_code, Competency.objects.filter(slug="budgeting").exists()) == (409, True)


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        (None, 401),
        ("plain_user", 403),
        ("organizer_a", 403),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
    ],
)
def test_competency_writes_staff_only(request, api_client, signed_in, catalogue, actor, status):
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client
    url = f"{COMPETENCIES}budgeting/"

    statuses = [
        client.post(
            COMPETENCIES, {"slug": "new", "name": "New", "category": "finance"}, format="json"
        ).status_code,
        client.put(url, {"slug": "budgeting", "name": "B", "category": "finance"}, format="json").status_code,
        client.patch(url, {"name": "Renamed"}, format="json").status_code,
        client.delete(url).status_code,
    ]

    assert statuses == [status] * 4
    assert Competency.objects.get(slug="budgeting").name_en == "Budgeting"


# --- The proficiency scale -------------------------------------------------------------------------------


def test_proficiency_levels_list(api_client):
    response = api_client.get(f"{LEVELS}?{ALL}")

    assert response.status_code == 200
    assert [(item["level"], item["name"], value(item, "name_ind")) for item in response.json()] == [
        (1, "Aware", "Sadar"),
        (2, "Practising", "Berlatih"),
        (3, "Proficient", "Mahir"),
        (4, "Expert / mentor", "Ahli / mentor"),
    ]


def test_proficiency_level_detail_in_french(api_client):
    response = api_client.get(f"{LEVELS}1/?lang=fr")

    assert (response.status_code, response.json()["name"], response.json()["url"]) == (
        200,
        "Sensibilisé",
        "http://testserver/api/v1/proficiency-levels/1/",
    )


@pytest.mark.parametrize("count", [1, 3])
def test_proficiency_levels_query_count_constant(api_client, django_assert_num_queries, count):
    ProficiencyLevel.objects.filter(level__gt=count).delete()

    with django_assert_num_queries(1):
        response = api_client.get(LEVELS)

    assert len(response.json()) == count


def test_proficiency_levels_read_only(signed_in, staff_user):
    client = signed_in(staff_user)

    statuses = [
        client.post(LEVELS, {"level": 5, "name": "Guru"}, format="json").status_code,
        client.patch(f"{LEVELS}1/", {"name": "Aware!"}, format="json").status_code,
        client.get(f"{LEVELS}5/").status_code,
    ]

    assert statuses == [405, 405, 404]


# --- Role templates --------------------------------------------------------------------------------------


@pytest.fixture
def template(catalogue):
    template = RoleTemplateFactory(
        slug="board-treasurer",
        title="Board treasurer",
        title_en="Board treasurer",
        title_ar="أمين صندوق المجلس",
    )
    TemplateRequirementFactory(
        template=template, competency=Competency.objects.get(slug="budgeting"), min_level=3
    )
    TemplateRequirementFactory(
        template=template,
        competency=Competency.objects.get(slug="board-work"),
        min_level=2,
        importance="desirable",
    )
    return template


def test_template_detail_in_arabic(api_client, template):
    response = api_client.get(f"{TEMPLATES}board-treasurer/?{ALL}", HTTP_ACCEPT_LANGUAGE="ar")

    body = response.json()
    assert (
        response.status_code,
        body["title"],
        value(body, "title_ar"),
        body["kind"],
        body["term_limit"],
    ) == (
        200,
        "أمين صندوق المجلس",
        "أمين صندوق المجلس",
        "board",
        2,
    )
    assert [(r["competency"], r["min_level"], r["importance"]) for r in body["requirements"]] == [
        ("budgeting", 3, "essential"),
        ("board-work", 2, "desirable"),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["board-treasurer", "retired"]),
        ({"active": "true"}, ["board-treasurer"]),
        ({"q": "treas"}, ["board-treasurer"]),
        ({"kind": "staff"}, []),
    ],
)
def test_template_list_filters(api_client, template, params, expected):
    RoleTemplateFactory(slug="retired", title="Retired role", title_en="Retired role", active=False)

    response = api_client.get(TEMPLATES, params)

    assert (response.status_code, slugs(response)) == (200, expected)


@pytest.mark.parametrize("count", [1, 3])
def test_template_list_query_count_constant(api_client, django_assert_num_queries, catalogue, count):
    for _ in range(count):
        template = RoleTemplateFactory()
        TemplateRequirementFactory(template=template, competency=Competency.objects.get(slug="budgeting"))
        TemplateRequirementFactory(template=template, competency=Competency.objects.get(slug="minutes"))

    with django_assert_num_queries(3):  # count, page, requirements with their competencies
        response = api_client.get(TEMPLATES)

    assert response.json()["count"] == count


def test_template_create_staff(signed_in, staff_user, catalogue):
    response = signed_in(staff_user).post(
        TEMPLATES,
        {
            "slug": "hub-training-coordinator",
            "title": "Hub training coordinator",
            "title_es": "Coordinación de formación",
            "kind": "coordinator",
            "seats": 1,
            "hours_per_week": 10,
            "requirements": [
                {"competency": "minutes", "min_level": 2},
                {"competency": "budgeting", "min_level": 1},
            ],
        },
        format="json",
    )

    assert response.status_code == 201
    template = RoleTemplate.objects.get(slug="hub-training-coordinator")
    assert (template.title_en, template.title_es, template.hours_per_week) == (
        "Hub training coordinator",
        "Coordinación de formación",
        10,
    )
    assert sorted(template.requirements.values_list("competency__slug", "min_level")) == [
        ("budgeting", 1),
        ("minutes", 2),
    ]


def test_template_partial_update_replaces_requirements(signed_in, staff_user, template):
    response = signed_in(staff_user).patch(
        f"{TEMPLATES}board-treasurer/",
        {"requirements": [{"competency": "budgeting", "min_level": 4, "importance": "desirable"}]},
        format="json",
    )

    assert response.status_code == 200
    assert list(
        TemplateRequirement.objects.filter(template=template).values_list(
            "competency__slug", "min_level", "importance"
        )
    ) == [("budgeting", 4, "desirable")]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"requirements": [{"competency": "budgeting", "min_level": 5}]},
            {"requirements": {"0": {"min_level": ['"5" is not a valid choice.']}}},
        ),
        (
            {
                "requirements": [
                    {"competency": "budgeting", "min_level": 1},
                    {"competency": "budgeting", "min_level": 2},
                ]
            },
            {"requirements": ["Budgeting is listed twice: a competency can be required only once per role."]},
        ),
        (
            {"requirements": [{"competency": "ghost", "min_level": 1}]},
            {"requirements": {"0": {"competency": ["Object with slug=ghost does not exist."]}}},
        ),
        ({"seats": 0}, {"seats": ["Ensure this value is greater than or equal to 1."]}),
        (
            {"title_en": "", "title_ar": ""},
            {"title": ["Give the template a title in at least one language."]},
        ),
        (
            {"slug": "Not a slug!"},
            {"slug": ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.']},
        ),
    ],
)
def test_template_update_bad_input_is_400(signed_in, staff_user, template, data, errors):
    response = signed_in(staff_user).patch(f"{TEMPLATES}board-treasurer/", data, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert template.requirements.count() == 2


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        (None, 401),
        ("plain_user", 403),
        ("organizer_a", 403),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
    ],
)
def test_template_writes_staff_only(request, api_client, signed_in, template, actor, status):
    client = signed_in(request.getfixturevalue(actor)) if actor else api_client
    url = f"{TEMPLATES}board-treasurer/"

    statuses = [
        client.post(TEMPLATES, {"slug": "new", "title": "New"}, format="json").status_code,
        client.patch(url, {"seats": 3}, format="json").status_code,
        client.delete(url).status_code,
    ]

    assert statuses == [status] * 3
    assert RoleTemplate.objects.get(slug="board-treasurer").seats == 1


def test_template_delete_staff_keeps_adapted_roles(signed_in, staff_user, template):
    role = RoleRequirementFactory().role
    role.template = template
    role.save()

    response = signed_in(staff_user).delete(f"{TEMPLATES}board-treasurer/")

    role.refresh_from_db()
    assert (response.status_code, role.template_id) == (204, None)


# --- The list's rows are written by hand (CompetencySerializer): exactly what DRF's fields would write -------


@pytest.mark.parametrize(("lang", "all_languages"), [("en", False), ("fr", False), ("ar", True)])
def test_competency_list_rows_equal_the_declared_fields(api_client, governance, lang, all_languages):
    budgeting = CompetencyFactory(
        slug="budgeting",
        name="Budgeting",
        name_en="Budgeting",
        name_fr="Budget",
        description_ar="الميزانية",
        category=governance,
        wikidata_qid="Q1",
        esco_uri="http://data.europa.eu/esco/skill/1",
    )
    CompetencyFactory(
        slug="bare", name="Bare", name_en="", name_es="Nada", category=governance, parent=budgeting
    )
    CompetencyLevelDescriptor.objects.create(
        competency=budgeting, level=2, descriptor="Drafts a budget", descriptor_en="Drafts a budget"
    )
    CompetencyLevelDescriptor.objects.create(competency=budgeting, level=1, descriptor_fr="Lit un budget")
    query = f"?lang={lang}" + ("&all_languages=1" if all_languages else "")

    rows = list_rows(api_client.get(COMPETENCIES + query))

    full = selectors.competencies_for_api()  # every column, the category and parent joined, all prefetched
    assert [json.loads(row)["slug"] for row in rows] == ["budgeting", "bare"]  # by the name shown
    assert rows == [
        drf_row(
            CompetencySerializer,
            full.get(slug=slug),
            path=COMPETENCIES + query,
            lang=lang,
            all_languages=all_languages,
        )
        for slug in ("budgeting", "bare")
    ]
