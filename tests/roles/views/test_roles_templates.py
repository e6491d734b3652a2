"""Role templates: the list and one template's page, with the way to adapt it."""

import pytest
from django.urls import reverse

from roles.enums import Importance
from tests.factories import OrganizationFactory
from tests.factories.registry import (
    CompetencyFactory,
    RoleFactory,
    RoleTemplateFactory,
    TemplateRequirementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(org_a):
    template = RoleTemplateFactory(
        title="Board treasurer",
        slug="board-treasurer",
        description="Keeps the books.",
        responsibilities="Budget.",
    )
    TemplateRequirementFactory(
        template=template, competency=CompetencyFactory(name="Budgeting", slug="budgeting"), min_level=3
    )
    TemplateRequirementFactory(
        template=template,
        competency=CompetencyFactory(name="Audit", slug="audit"),
        importance=Importance.DESIRABLE,
    )
    RoleFactory(organization=org_a, template=template)
    RoleFactory(organization=org_a, template=template, active=False)
    return template


def test_role_template_list_shows_active_templates_with_counts(client, template):
    RoleTemplateFactory(title="Retired template", active=False)

    response = client.get(reverse("roles:role_template_list"))

    content = response.content.decode()
    assert [t.title for t in response.context["templates"]] == ["Board treasurer"]
    assert [(t.requirement_count, t.role_count) for t in response.context["templates"]] == [(2, 1)]
    assert '<a href="/en/role-templates/board-treasurer/">Board treasurer</a>' in content
    assert "Retired template" not in content


def test_role_template_detail_shows_the_template_and_its_requirements(client, template):
    response = client.get(reverse("roles:role_template_detail", args=["board-treasurer"]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Board treasurer</h1>" in content
    assert "Keeps the books." in content
    assert "<dt>Roles adapted from it</dt><dd>1</dd>" in content
    assert '<a href="/en/competencies/budgeting/">Budgeting</a>' in content
    assert [r.competency.slug for r in response.context["role_template"].requirements.all()] == [
        "budgeting",
        "audit",
    ]
    assert "Adapt for my organisation" not in content


def test_role_template_detail_of_an_inactive_template_is_not_found(client):
    RoleTemplateFactory(slug="retired", active=False)

    assert client.get(reverse("roles:role_template_detail", args=["retired"])).status_code == 404


@pytest.mark.parametrize(
    ("actor", "organizations"),
    [
        ("plain_user", []),
        ("organizer_a", ["wikimedia-alpha"]),
        ("organizer_b", ["wikimedia-beta"]),
        ("hub_coordinator_a", []),
        ("staff_user", []),
    ],
)
def test_role_template_detail_offers_adapting_for_the_organizations_one_organizes(
    client, template, request, actor, organizations
):
    client.force_login(request.getfixturevalue(actor))

    response = client.get(reverse("roles:role_template_detail", args=["board-treasurer"]))

    assert [o.slug for o in response.context["organizations"]] == organizations
    for slug in organizations:
        assert f'action="/en/organizations/{slug}/roles/adapt/"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_role_template_list_queries_are_constant(client, django_assert_num_queries, count):
    organization = OrganizationFactory()
    for n in range(count):
        template = RoleTemplateFactory(title=f"Template {n}")
        TemplateRequirementFactory(template=template)
        RoleFactory(organization=organization, template=template)

    # count, page of templates with their counts
    with django_assert_num_queries(2):
        response = client.get(reverse("roles:role_template_list"))

    assert len(response.context["templates"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_role_template_detail_queries_are_constant(client, django_assert_num_queries, count):
    template = RoleTemplateFactory(slug="t")
    for _n in range(count):
        TemplateRequirementFactory(template=template)

    # template with its count, its requirements (the organisations of an anonymous visitor cost nothing)
    with django_assert_num_queries(2):
        response = client.get(reverse("roles:role_template_detail", args=["t"]))

    assert len(response.context["role_template"].requirements.all()) == count
