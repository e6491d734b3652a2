"""An organisation's competency matrix: roles by competencies, as an accessible heat map table."""

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


def test_matrix_rows_are_active_roles_and_columns_the_competencies_they_require(client, org_a):
    governance = CompetencyCategoryFactory(name="Governance", slug="governance", order=1)
    money = CompetencyCategoryFactory(name="Money", slug="money", order=2)
    budgeting = CompetencyFactory(name="Budgeting", slug="budgeting", category=money)
    ethics = CompetencyFactory(name="Ethics", slug="ethics", category=governance)
    treasurer = RoleFactory(organization=org_a, title="Treasurer")
    chair = RoleFactory(organization=org_a, title="Chair")
    RoleFactory(organization=org_a, title="Retired", active=False)
    RoleRequirementFactory(role=treasurer, competency=budgeting, min_level=4)
    RoleRequirementFactory(role=chair, competency=ethics, min_level=2, importance=Importance.DESIRABLE)
    RoleRequirementFactory(role=RoleFactory(title="Elsewhere"), competency=CompetencyFactory(name="Other"))

    response = client.get(matrix_url(org_a))

    matrix = response.context["matrix"]
    assert [c.slug for c in matrix["competencies"]] == ["ethics", "budgeting"]
    assert [(role.title, [r.min_level if r else None for r in cells]) for role, cells in matrix["rows"]] == [
        ("Chair", [2, None]),
        ("Treasurer", [None, 4]),
    ]
    content = response.content.decode()
    assert '<caption id="matrix-caption">' in content
    assert (
        '<th scope="col" class="matrix__competency"><a href="/en/competencies/ethics/">Ethics</a>' in content
    )
    assert (
        f'<th scope="row" class="matrix__role"><a href="/en/roles/{treasurer.pk}/">Treasurer</a></th>'
        in content
    )
    assert '<td class="matrix__cell matrix__cell--level-4 matrix__cell--essential">' in content
    assert '<span aria-hidden="true">4E</span>' in content
    assert '<span class="visually-hidden">Level 4 (Expert / mentor), Essential</span>' in content
    assert '<span aria-hidden="true">2D</span>' in content
    assert '<span class="visually-hidden">Not required</span>' in content
    assert 'role="region" aria-labelledby="matrix-caption" tabindex="0"' in content
    assert "Retired" not in content
    assert "Other" not in content


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
def test_matrix_queries_are_constant(client, org_a, django_assert_num_queries, count):
    for n in range(count):
        role = RoleFactory(organization=org_a, title=f"Role {n}")
        RoleRequirementFactory(role=role, min_level=n % 4 + 1)
        RoleRequirementFactory(role=role, importance=Importance.DESIRABLE)

    # organisation, roles, requirements with their competencies and categories
    with django_assert_num_queries(3):
        response = client.get(matrix_url(org_a))

    assert len(response.context["matrix"]["rows"]) == count
    assert len(response.context["matrix"]["competencies"]) == 2 * count
