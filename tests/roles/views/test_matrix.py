"""An organisation's competency matrix: a list per role by category, and the accessible grid of one category."""

import pytest
from django.urls import reverse

from roles.enums import Importance, OrganizationStatus
from tests.factories import OrganizationFactory
from tests.factories.registry import (
    CompetencyCategoryFactory,
    CompetencyFactory,
    RoleFactory,
    RoleRequirementFactory,
)

pytestmark = pytest.mark.django_db


def matrix_url(organization) -> str:
    return reverse("roles:organization_matrix", args=[organization.slug])


def _two_roles(org_a):
    governance = CompetencyCategoryFactory(name="Governance", slug="governance", order=1)
    money = CompetencyCategoryFactory(name="Money", slug="money", order=2)
    budgeting = CompetencyFactory(name="Budgeting", slug="budgeting", category=money)
    accounting = CompetencyFactory(name="Accounting", slug="accounting", category=money)
    ethics = CompetencyFactory(name="Ethics", slug="ethics", category=governance)
    treasurer = RoleFactory(organization=org_a, title="Treasurer")
    chair = RoleFactory(organization=org_a, title="Chair")
    RoleFactory(organization=org_a, title="Retired", active=False)
    RoleFactory(organization=org_a, title="Volunteer")
    RoleRequirementFactory(role=treasurer, competency=budgeting, min_level=4)
    RoleRequirementFactory(
        role=treasurer, competency=accounting, min_level=2, importance=Importance.DESIRABLE
    )
    RoleRequirementFactory(role=treasurer, competency=ethics, min_level=1)
    RoleRequirementFactory(role=chair, competency=ethics, min_level=2, importance=Importance.DESIRABLE)
    RoleRequirementFactory(role=RoleFactory(title="Elsewhere"), competency=CompetencyFactory(name="Other"))
    return {"governance": governance, "money": money, "treasurer": treasurer, "chair": chair}


def test_matrix_lists_each_active_role_with_its_requirements_by_category(client, org_a):
    treasurer = _two_roles(org_a)["treasurer"]

    response = client.get(matrix_url(org_a))

    matrix = response.context["matrix"]
    assert [category.slug for category in matrix["categories"]] == ["governance", "money"]
    assert [
        (
            role.title,
            [
                (category.slug, [(r.competency.slug, r.min_level, r.importance) for r in requirements])
                for category, requirements in groups
            ],
        )
        for role, groups in matrix["roles"]
    ] == [
        ("Chair", [("governance", [("ethics", 2, "desirable")])]),
        (
            "Treasurer",
            [
                ("governance", [("ethics", 1, "essential")]),
                ("money", [("budgeting", 4, "essential"), ("accounting", 2, "desirable")]),
            ],
        ),
        ("Volunteer", []),
    ]
    assert response.context["grid"] is None
    content = response.content.decode()
    assert f'<h2><a href="/en/roles/{treasurer.pk}/">Treasurer</a></h2>' in content
    assert "<dt>Money</dt>" in content
    assert (
        '<li><a href="/en/competencies/budgeting/">Budgeting</a> <span class="matrix__badge '
        'matrix__cell--level-4 matrix__cell--essential"><span aria-hidden="true">4E</span>'
        '<span class="visually-hidden">Level 4 (Expert / mentor), Essential</span></span></li>'
    ) in content
    assert '<span aria-hidden="true">2D</span>' in content
    assert "No requirements yet." in content
    assert '<option value="money">Money</option>' in content
    assert 'for="id_category"' in content
    assert "<table" not in content
    assert "Retired" not in content
    assert "Other" not in content


@pytest.mark.parametrize("chosen", ["money", "id"])
def test_matrix_shows_the_full_grid_of_one_category_by_slug_or_id(client, org_a, chosen):
    made = _two_roles(org_a)
    money, treasurer = made["money"], made["treasurer"]

    response = client.get(matrix_url(org_a), {"category": money.slug if chosen == "money" else money.pk})

    grid = response.context["grid"]
    assert grid["category"].pk == money.pk
    assert [c.slug for c in grid["competencies"]] == ["accounting", "budgeting"]
    # only the roles that require a competency of the category
    assert [(role.title, [r.min_level if r else None for r in cells]) for role, cells in grid["rows"]] == [
        ("Treasurer", [2, 4]),
    ]
    content = response.content.decode()
    assert '<caption id="matrix-caption">' in content
    assert '<th scope="col" class="matrix__corner">Role</th>' in content
    assert (
        '<th scope="col" class="matrix__competency"><a href="/en/competencies/budgeting/">Budgeting</a></th>'
        in content
    )
    assert (
        f'<th scope="row" class="matrix__role"><a href="/en/roles/{treasurer.pk}/">Treasurer</a></th>'
        '<td class="matrix__cell matrix__cell--level-2 matrix__cell--desirable">'
    ) in content
    assert '<span class="visually-hidden">Level 4 (Expert / mentor), Essential</span>' in content
    assert 'role="region" aria-labelledby="matrix-caption" tabindex="0"' in content
    assert '<option value="money" selected>Money</option>' in content
    assert "Chair" not in content


def test_matrix_grid_leaves_cells_not_required_empty(client, org_a):
    made = _two_roles(org_a)
    governance, chair = made["governance"], made["chair"]

    grid = client.get(matrix_url(org_a), {"category": "governance"}).context["grid"]

    assert [(role.title, [r.min_level if r else None for r in cells]) for role, cells in grid["rows"]] == [
        ("Chair", [2]),
        ("Treasurer", [1]),
    ]
    RoleRequirementFactory(role=chair, competency=CompetencyFactory(name="Voting", category=governance))
    content = client.get(matrix_url(org_a), {"category": "governance"}).content.decode()
    # Treasurer: Ethics at level 1, Voting not required (an empty cell)
    assert '<span class="visually-hidden">Level 1 (Aware), Essential</span></td><td></td></tr>' in content


def test_matrix_with_an_unknown_category_says_so_and_lists_per_role(client, org_a):
    _two_roles(org_a)

    response = client.get(matrix_url(org_a), {"category": "nowhere"})

    assert response.status_code == 200
    assert response.context["grid"] is None
    assert response.context["form"].errors == {
        "category": ["Select a valid choice. nowhere is not one of the available choices."]
    }
    assert "<dt>Money</dt>" in response.content.decode()


def test_matrix_in_arabic_is_right_to_left(client, org_a):
    RoleRequirementFactory(role=RoleFactory(organization=org_a, title="Treasurer"))

    response = client.get(f"/ar/organizations/{org_a.slug}/matrix/")

    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_matrix_of_an_organization_without_requirements_says_so(client, org_a):
    RoleFactory(organization=org_a)

    content = client.get(matrix_url(org_a)).content.decode()

    assert "This organisation has no active role with requirements yet." in content


def test_matrix_of_an_unlisted_organization_is_hidden_from_the_public(client, staff_user):
    proposed = OrganizationFactory(status=OrganizationStatus.PROPOSED)

    assert client.get(matrix_url(proposed)).status_code == 404
    client.force_login(staff_user)
    assert client.get(matrix_url(proposed)).status_code == 200


def test_matrix_of_a_missing_organization_is_not_found(client):
    assert client.get(reverse("roles:organization_matrix", args=["nowhere"])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("category", [False, True])
def test_matrix_queries_are_constant(client, org_a, django_assert_num_queries, count, category):
    shared = CompetencyCategoryFactory(slug="shared")
    for n in range(count):
        role = RoleFactory(organization=org_a, title=f"Role {n}")
        RoleRequirementFactory(role=role, min_level=n % 4 + 1, competency=CompetencyFactory(category=shared))
        RoleRequirementFactory(role=role, importance=Importance.DESIRABLE)

    # organisation, roles, requirements with their competencies and categories (the grid is cut from them)
    with django_assert_num_queries(3):
        response = client.get(matrix_url(org_a), {"category": "shared"} if category else {})

    assert len(response.context["matrix"]["roles"]) == count
    assert len(response.context["matrix"]["categories"]) == count + 1
    if category:
        assert len(response.context["grid"]["rows"]) == count
        assert len(response.context["grid"]["competencies"]) == count


def test_matrix_names_fall_back_to_english(client, org_a):
    category = CompetencyCategoryFactory(name="Money", name_fr="Argent", slug="money")
    role = RoleFactory(organization=org_a, title="Treasurer")
    RoleRequirementFactory(
        role=role, competency=CompetencyFactory(name="Budgeting", name_fr="Budget", category=category)
    )
    RoleRequirementFactory(role=role, competency=CompetencyFactory(name="Auditing", category=category))

    content = client.get(f"/fr/organizations/{org_a.slug}/matrix/").content.decode()

    assert "<dt>Argent</dt>" in content
    assert ">Budget</a>" in content
    assert ">Auditing</a>" in content
