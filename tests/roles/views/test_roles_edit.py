"""Creating, adapting, editing and deleting roles, with their requirements edited inline."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from roles import services
from roles.enums import Importance
from roles.models import Role, RoleRequirement
from tests.factories.registry import (
    CompetencyFactory,
    RoleFactory,
    RoleRequirementFactory,
    RoleTemplateFactory,
    TemplateRequirementFactory,
)

pytestmark = pytest.mark.django_db

ACTORS = ["plain_user", "organizer_a", "organizer_b", "hub_coordinator_a", "staff_user"]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def role_data(*requirements, total=None, **fields) -> dict:
    data = {
        "title_en": "Treasurer",
        "kind": "board",
        "seats": "2",
        "selection": "elected",
        "term_length_months": "24",
        "term_limit": "",
        "hours_per_week": "3.5",
        "languages": ["en"],
        "open_for_nominations": "on",
        "active": "on",
        "requirements-TOTAL_FORMS": str(total if total is not None else len(requirements)),
        "requirements-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(requirements):
        for key, value in row.items():
            data[f"requirements-{index}-{key}"] = value
    data.update(fields)
    return data


def row(competency, level=2, importance="essential", delete=False) -> dict:
    values = {"competency": str(competency.pk), "min_level": str(level), "importance": importance}
    if delete:
        values["DELETE"] = "on"
    return values


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        (None, 302),
        ("plain_user", 403),
        ("organizer_a", 200),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("staff_user", 200),
    ],
)
def test_role_create_page_by_actor(client, org_a, request, actor, status):
    if actor:
        client.force_login(request.getfixturevalue(actor))

    response = client.get(reverse("roles:role_create", args=[org_a.slug]))

    assert response.status_code == status


def test_role_create_saves_the_role_and_its_requirements(client, org_a, organizer_a):
    budgeting, ethics = CompetencyFactory(name="Budgeting"), CompetencyFactory(name="Ethics")
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:role_create", args=[org_a.slug]),
        role_data(
            row(budgeting, 3), row(ethics, 1, "desirable"), {"competency": ""}, total=3, title_fr="Trésorier"
        ),
    )

    role = Role.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/roles/{role.pk}/"
    assert (role.organization, role.title_en, role.title_fr, role.seats, str(role.hours_per_week)) == (
        org_a,
        "Treasurer",
        "Trésorier",
        2,
        "3.5",
    )
    assert sorted(RoleRequirement.objects.values_list("competency__name", "min_level", "importance")) == [
        ("Budgeting", 3, "essential"),
        ("Ethics", 1, "desirable"),
    ]
    assert [language.code for language in role.languages.all()] == ["en"]
    assert "tresorier" in role.search_text  # folded
    assert messages_of(response) == ["The role “Treasurer” was created."]


def test_role_create_without_a_title_in_any_language_re_renders_with_the_data(client, org_a, organizer_a):
    budgeting = CompetencyFactory(name="Budgeting")
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:role_create", args=[org_a.slug]),
        role_data(row(budgeting, 3), title_en="  ", description_fr="Tient les comptes."),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert Role.objects.count() == 0
    assert "Give the role a title in at least one language." in content
    assert "Tient les comptes." in content
    assert f'<option value="{budgeting.pk}" selected>Budgeting</option>' in content


def test_role_create_with_a_competency_twice_re_renders_with_a_translated_error(client, org_a, organizer_a):
    budgeting = CompetencyFactory(name="Budgeting")
    client.force_login(organizer_a)

    response = client.post(
        "/fr/organizations/wikimedia-alpha/roles/new/", role_data(row(budgeting, 3), row(budgeting, 2))
    )

    assert response.status_code == 200
    assert Role.objects.count() == 0
    errors = response.context["formset"].non_form_errors()
    assert len(errors) == 1
    assert response.context["formset"].forms[1].errors["competency"] == [errors[0]]
    assert "Budgeting" in errors[0]
    assert 'value="Treasurer"' in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"seats": "0"}, "seats", "Ensure this value is greater than or equal to 1."),
        ({"seats": "501"}, "seats", "Ensure this value is less than or equal to 500."),
        ({"hours_per_week": "81"}, "hours_per_week", "Ensure this value is less than or equal to 80."),
        ({"kind": "castle"}, "kind", "Select a valid choice. castle is not one of the available choices."),
        ({"term_limit": "-1"}, "term_limit", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_role_create_with_a_bad_shape_re_renders_with_the_error(
    client, org_a, organizer_a, fields, field, message
):
    client.force_login(organizer_a)

    response = client.post(reverse("roles:role_create", args=[org_a.slug]), role_data(**fields))

    assert response.status_code == 200
    assert Role.objects.count() == 0
    assert message in response.context["form"].errors[field]


def test_role_create_with_a_bad_requirement_level_re_renders(client, org_a, organizer_a):
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:role_create", args=[org_a.slug]), role_data(row(CompetencyFactory(), level=7))
    )

    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["min_level"] == [
        "Select a valid choice. 7 is not one of the available choices."
    ]


def test_role_form_more_rows_keeps_the_data_and_saves_nothing(client, org_a, organizer_a):
    budgeting = CompetencyFactory(name="Budgeting")
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:role_create", args=[org_a.slug]),
        role_data(row(budgeting, 3), title_en="", description_en="Draft", more_requirements="1"),
    )

    assert response.status_code == 200
    assert Role.objects.count() == 0
    assert response.context["formset"].total_form_count() == 4
    content = response.content.decode()
    assert "Draft" in content
    assert "Give the role a title" not in content


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        (None, 302),
        ("plain_user", 403),
        ("organizer_a", 200),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("staff_user", 200),
    ],
)
def test_role_edit_page_by_actor(client, org_a, request, actor, status):
    role = RoleFactory(organization=org_a)
    if actor:
        client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse("roles:role_edit", args=[role.pk])).status_code == status


def test_role_edit_adds_changes_and_removes_requirements_in_one_submit(client, org_a, organizer_a):
    role = RoleFactory(organization=org_a, title="Treasurer")
    keep, change, drop, new = (CompetencyFactory(name=name) for name in ("Keep", "Change", "Drop", "New"))
    RoleRequirementFactory(role=role, competency=keep, min_level=2)
    RoleRequirementFactory(role=role, competency=change, min_level=2)
    RoleRequirementFactory(role=role, competency=drop, min_level=2)
    client.force_login(organizer_a)
    page = client.get(reverse("roles:role_edit", args=[role.pk]))
    assert page.context["formset"].initial_form_count() == 3

    data = role_data(
        row(keep, 2), row(change, 4, "desirable"), row(drop, delete=True), row(new, 1), title_en="Treasurer"
    )
    data["requirements-INITIAL_FORMS"] = "3"
    response = client.post(reverse("roles:role_edit", args=[role.pk]), data)

    assert response.status_code == 302
    assert sorted(
        RoleRequirement.objects.filter(role=role).values_list("competency__name", "min_level", "importance")
    ) == [
        ("Change", 4, "desirable"),
        ("Keep", 2, "essential"),
        ("New", 1, "essential"),
    ]
    assert messages_of(response) == ["The role “Treasurer” was saved."]


def test_role_edit_seats_below_filled_seats_shows_the_service_error(client, org_a, organizer_a):
    role = RoleFactory(organization=org_a, seats=3)
    Role.objects.filter(pk=role.pk).update(filled_seats=2)
    client.force_login(organizer_a)

    response = client.post(reverse("roles:role_edit", args=[role.pk]), role_data(seats="1"))

    assert response.status_code == 200
    assert response.context["form"].errors["seats"] == [
        "2 seats are filled today: end some terms before reducing the seats."
    ]
    assert Role.objects.get(pk=role.pk).seats == 3


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        (None, 302),
        ("plain_user", 403),
        ("organizer_a", 200),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("staff_user", 200),
    ],
)
def test_role_adapt_page_by_actor(client, org_a, request, actor, status):
    if actor:
        client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse("roles:role_adapt", args=[org_a.slug])).status_code == status


def test_role_adapt_creates_the_role_from_the_template_and_opens_its_edit_page(client, org_a, organizer_a):
    template = RoleTemplateFactory(title="Board treasurer", slug="board-treasurer")
    TemplateRequirementFactory(template=template, competency=CompetencyFactory(name="Budgeting"), min_level=3)
    client.force_login(organizer_a)

    response = client.post(reverse("roles:role_adapt", args=[org_a.slug]), {"template": "board-treasurer"})

    role = Role.objects.get()
    assert response["Location"] == f"/en/roles/{role.pk}/edit/"
    assert (role.template, role.title_en, role.organization) == (template, "Board treasurer", org_a)
    assert list(role.requirements.values_list("competency__name", "min_level")) == [("Budgeting", 3)]
    assert messages_of(response) == [
        "The role “Board treasurer” was created from the template. Adapt it to your organisation: its texts, "
        "shape and requirements are yours to change."
    ]


def test_role_adapt_without_a_template_re_renders_with_an_error(client, org_a, organizer_a):
    RoleTemplateFactory(title="Board treasurer", slug="board-treasurer")
    client.force_login(organizer_a)

    response = client.post(reverse("roles:role_adapt", args=[org_a.slug]), {"template": "no-such-template"})

    assert response.status_code == 200
    assert response.context["form"].errors["template"] == ["Choose a template."]
    assert Role.objects.count() == 0


def test_role_adapt_preselects_the_template_from_the_query(client, org_a, organizer_a):
    RoleTemplateFactory(title="Board treasurer", slug="board-treasurer")
    client.force_login(organizer_a)

    response = client.get(reverse("roles:role_adapt", args=[org_a.slug]), {"template": "board-treasurer"})

    assert (
        'value="board-treasurer" class="cdx-radio__input" id="id_template_0" required checked'
        in response.content.decode()
    )


@pytest.mark.parametrize(
    ("actor", "get_status", "post_status"),
    [
        (None, 302, 302),
        ("plain_user", 403, 403),
        ("organizer_a", 200, 302),
        ("organizer_b", 403, 403),
        ("hub_coordinator_a", 403, 403),
        ("staff_user", 200, 302),
    ],
)
def test_role_delete_by_actor(client, org_a, request, actor, get_status, post_status):
    role = RoleFactory(organization=org_a)
    if actor:
        client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse("roles:role_delete", args=[role.pk])).status_code == get_status
    response = client.post(reverse("roles:role_delete", args=[role.pk]))

    assert response.status_code == post_status
    assert Role.objects.filter(pk=role.pk).exists() is (actor not in ("organizer_a", "staff_user"))


def test_role_delete_redirects_to_the_organization_with_a_message(client, org_a, organizer_a):
    role = RoleFactory(organization=org_a, title="Archivist")
    client.force_login(organizer_a)

    response = client.post(reverse("roles:role_delete", args=[role.pk]))

    assert response["Location"] == "/en/organizations/wikimedia-alpha/"
    assert messages_of(response) == ["The role “Archivist” was deleted."]


def test_organization_page_links_roles_matrix_and_adding_a_role(client, org_a, organizer_a):
    client.force_login(organizer_a)

    content = client.get(reverse("roles:organization_detail", args=[org_a.slug])).content.decode()

    assert 'href="/en/roles/?organization=wikimedia-alpha">Roles</a>' in content
    assert 'href="/en/organizations/wikimedia-alpha/matrix/">Competency matrix</a>' in content
    assert 'href="/en/organizations/wikimedia-alpha/roles/adapt/">Add a role</a>' in content


def test_role_update_service_keeps_the_importance_enum(org_a):
    role = RoleFactory(organization=org_a)
    services.role_update(
        role=role,
        data={},
        requirements=[services.RequirementInput(CompetencyFactory(), 2, Importance.DESIRABLE)],
    )

    assert list(role.requirements.values_list("importance", flat=True)) == ["desirable"]
