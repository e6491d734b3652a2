"""One role's page: shape, requirements, differences from its template, holders, vacancies and history."""

import datetime

import pytest
from django.urls import reverse

from roles import services
from roles.enums import Importance, OrganizationStatus, RoleKind, Selection
from roles.services import RequirementInput
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.factories.registry import (
    CompetencyFactory,
    RoleFactory,
    RoleRequirementFactory,
    RoleTemplateFactory,
    TemplateRequirementFactory,
)
from tests.factories.roles import language

pytestmark = pytest.mark.django_db


@pytest.fixture
def role(org_a):
    return services.role_create(
        organization=org_a,
        data={
            "title_en": "Treasurer",
            "description_en": "Keeps the books.",
            "responsibilities_en": "Prepare the annual budget.",
            "kind": RoleKind.BOARD,
            "seats": 3,
            "selection": Selection.ELECTED,
            "term_length_months": 24,
            "term_limit": 2,
            "hours_per_week": 4,
            "open_for_nominations": True,
        },
        requirements=[
            RequirementInput(competency=CompetencyFactory(name="Budgeting", slug="budgeting"), min_level=3),
            RequirementInput(
                competency=CompetencyFactory(name="Fundraising", slug="fundraising"),
                min_level=2,
                importance=Importance.DESIRABLE,
            ),
        ],
        languages=[language("en"), language("fr")],
    )


def get(client, role):
    return client.get(reverse("roles:role_detail", args=[role.pk]))


def test_role_detail_shows_shape_and_requirements(client, role):
    response = get(client, role)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Treasurer</h1>" in content
    assert "Keeps the books." in content
    assert "Prepare the annual budget." in content
    assert "<dt>Seats</dt><dd>0 of 3 filled</dd>" in content
    assert "<dt>Elected or appointed</dt><dd>Elected</dd>" in content
    assert "<dt>Term length</dt><dd>24 months</dd>" in content
    assert "<dt>Term limit</dt><dd>2 consecutive terms</dd>" in content
    assert "<dt>Expected hours per week</dt><dd>4</dd>" in content
    assert "<dt>Open for nominations</dt><dd>Yes</dd>" in content
    assert '<a href="/en/competencies/budgeting/">Budgeting</a>' in content
    assert '<span class="level-badge level-badge--3">3 · Proficient</span>' in content
    assert "<td>Desirable</td>" in content
    assert "Vacant seats: 1, 2, 3" in content
    assert [r.competency.slug for r in response.context["requirements"]] == ["budgeting", "fundraising"]


def test_role_detail_of_an_unlisted_organization_is_not_found(client):
    role = RoleFactory(organization=OrganizationFactory(status=OrganizationStatus.PROPOSED))

    assert get(client, role).status_code == 404


def test_role_detail_of_a_missing_role_is_not_found(client):
    assert client.get(reverse("roles:role_detail", args=[999999])).status_code == 404


def test_role_detail_shows_where_it_differs_from_its_template(client, org_a):
    template = RoleTemplateFactory(title="Board treasurer", slug="board-treasurer", seats=1)
    budgeting = CompetencyFactory(name="Budgeting", slug="budgeting")
    TemplateRequirementFactory(template=template, competency=budgeting, min_level=2)
    TemplateRequirementFactory(template=template, competency=CompetencyFactory(name="Audit", slug="audit"))
    role = services.role_adapt_template(organization=org_a, template=template, overrides={"seats": 2})
    services.role_update(
        role=role,
        data={},
        requirements=[
            RequirementInput(competency=budgeting, min_level=4),
            RequirementInput(competency=CompetencyFactory(name="Ethics", slug="ethics"), min_level=1),
        ],
    )

    content = get(client, role).content.decode()

    assert (
        '<dt>Adapted from</dt><dd><a href="/en/role-templates/board-treasurer/">Board treasurer</a></dd>'
        in content
    )
    assert "<li>Changed: seats</li>" in content
    assert "Added: Ethics (level 1)" in content
    assert "Left out: Audit (level 2 in the template)" in content
    assert "Changed: Budgeting, level 2 (Essential) in the template, level 4 (Essential) here" in content


def test_role_detail_holders_show_public_names_and_hide_private_ones_from_the_public(client, role):
    public = PersonFactory(display_name="Ada Public", is_public=True)
    private = PersonFactory(display_name="Bo Private", is_public=False)
    past = PersonFactory(display_name="Cy Former", is_public=True)
    services.holder_add(role=role, person=public, seat=1, start=datetime.date(2024, 1, 1))
    services.holder_add(role=role, person=private, seat=2, start=datetime.date(2024, 1, 1))
    services.holder_add(
        role=role, person=past, seat=3, start=datetime.date(2020, 1, 1), end=datetime.date(2022, 1, 1)
    )

    response = get(client, role)

    content = response.content.decode()
    assert f'<a href="/en/people/{public.pk}/">Ada Public</a>' in content
    assert "Bo Private" not in content
    assert "Name not public" in content
    assert "Cy Former" in content
    assert [h.person.display_name for h in response.context["current_holders"]] == [
        "Ada Public",
        "Bo Private",
    ]
    assert [h.person.display_name for h in response.context["other_holders"]] == ["Cy Former"]
    assert response.context["vacant_seat_numbers"] == [3]
    assert "Vacant seat: 3" in content


@pytest.mark.parametrize(
    ("actor", "sees_private_name"),
    [
        ("plain_user", False),
        ("organizer_a", True),
        ("organizer_b", False),
        ("hub_coordinator_a", False),
        ("staff_user", True),
    ],
)
def test_role_detail_private_holder_name_by_actor(client, role, request, actor, sees_private_name):
    services.holder_add(
        role=role,
        person=PersonFactory(display_name="Bo Private", is_public=False),
        start=datetime.date(2024, 1, 1),
    )
    client.force_login(request.getfixturevalue(actor))

    content = get(client, role).content.decode()

    assert ("Bo Private" in content) is sees_private_name
    assert ("Name not public" in content) is not sees_private_name


def test_role_detail_a_private_holder_sees_their_own_name(client, role):
    user = UserFactory(username="self-holder")
    services.holder_add(role=role, person=user.person, start=datetime.date(2024, 1, 1))
    client.force_login(user)

    assert "self-holder" in get(client, role).content.decode()


@pytest.mark.parametrize(
    ("actor", "can_edit"),
    [
        ("plain_user", False),
        ("organizer_a", True),
        ("organizer_b", False),
        ("hub_coordinator_a", False),
        ("staff_user", True),
    ],
)
def test_role_detail_edit_links_by_actor(client, role, request, actor, can_edit):
    client.force_login(request.getfixturevalue(actor))

    content = get(client, role).content.decode()

    assert (f'href="/en/roles/{role.pk}/edit/"' in content) is can_edit
    assert (f'href="/en/roles/{role.pk}/holders/"' in content) is can_edit
    assert (f'href="/en/roles/{role.pk}/delete/"' in content) is can_edit


def test_role_detail_history_shows_who_changed_what_newest_first(client, role, organizer_a):
    organizer_a.person.display_name = "Olga Organizer"
    organizer_a.person.is_public = True
    organizer_a.person.save()
    client.force_login(organizer_a)
    data = {
        "title_en": "Treasurer",
        "title_fr": "Trésorier",
        "description_en": "Keeps the books.",
        "responsibilities_en": "Prepare the annual budget.",
        "kind": "board",
        "seats": "3",
        "selection": "elected",
        "term_length_months": "24",
        "term_limit": "2",
        "hours_per_week": "4",
        "languages": ["en"],
        "open_for_nominations": "on",
        "active": "on",
        "requirements-TOTAL_FORMS": "1",
        "requirements-INITIAL_FORMS": "0",
        "requirements-0-competency": str(role.requirements.get(competency__slug="budgeting").competency_id),
        "requirements-0-min_level": "4",
        "requirements-0-importance": "essential",
    }
    assert client.post(reverse("roles:role_edit", args=[role.pk]), data).status_code == 302
    client.logout()

    response = get(client, role)

    history = response.context["history"]
    content = response.content.decode()
    assert history[0]["author"].display_name == "Olga Organizer"
    kinds = [(entry["kind"], entry["action"]) for entry in history]
    assert sorted(kinds) == [
        ("requirement", "+"),
        ("requirement", "+"),
        ("requirement", "-"),
        ("requirement", "~"),
        ("role", "+"),
        ("role", "~"),
        ("role", "~"),
        ("role", "~"),
    ]
    role_change = next(
        entry
        for entry in history
        if entry["kind"] == "role"
        and entry["action"] == "~"
        and any(c["field"] == "Title (French)" for c in entry["changes"])
    )
    assert role_change["changes"] == [{"field": "Title (French)", "old": None, "new": "Trésorier"}]
    languages_change = next(
        entry for entry in history if any(c["field"] == "Languages" for c in entry["changes"])
    )
    assert languages_change["changes"] == [{"field": "Languages", "old": "English, French", "new": "English"}]
    requirement_change = next(
        entry for entry in history if entry["kind"] == "requirement" and entry["action"] == "~"
    )
    assert requirement_change["changes"] == [
        {"field": "Minimum level", "old": "Proficient", "new": "Expert / mentor"}
    ]
    assert "Removed the requirement Fundraising." in content
    assert "Olga Organizer" in content
    assert "<del>—</del> → <ins>Trésorier</ins>" in content


def test_role_detail_history_hides_a_private_editor_from_the_public(client, role, organizer_a):
    client.force_login(organizer_a)
    services.holder_add(
        role=role,
        person=PersonFactory(is_public=False, display_name="Bo Private"),
        start=datetime.date(2024, 1, 1),
    )
    holder = role.holders.get()
    client.post(
        reverse("roles:role_holder_end", args=[role.pk, holder.pk]), {f"end{holder.pk}-end": "2025-01-01"}
    )
    client.logout()

    response = get(client, role)

    content = response.content.decode()
    term_entries = [entry for entry in response.context["history"] if entry["kind"] == "term"]
    assert [entry["action"] for entry in term_entries] == ["~", "+"]
    assert term_entries[0]["changes"] == [{"field": "End", "old": None, "new": datetime.date(2025, 1, 1)}]
    assert "organizer-a" not in content
    assert "Bo Private" not in content
    assert "Changed a term on seat 1." in content


def test_role_detail_history_is_limited_to_fifty_entries(client, org_a):
    role = RoleFactory(organization=org_a, title="Busy role")
    for n in range(30):
        services.role_update(role=role, data={"hours_per_week": n + 1})
    for _n in range(25):
        RoleRequirementFactory(role=role)

    history = get(client, role).context["history"]

    assert len(history) == 50
    assert [entry["when"] for entry in history] == sorted((entry["when"] for entry in history), reverse=True)


def make_holders_and_requirements(role, count: int) -> None:
    """Requirements, terms and role edits, each changed once so that the history has rows to diff."""
    competencies = [CompetencyFactory() for _n in range(count)]
    for level in (1, 2):
        services.role_update(
            role=role,
            data={"hours_per_week": level},
            requirements=[
                RequirementInput(competency=competency, min_level=level) for competency in competencies
            ],
        )
    for n in range(count):
        holder = services.holder_add(
            role=role,
            person=PersonFactory(is_public=n % 2 == 0),
            seat=n + 1,
            start=datetime.date(2024, 1, 1),
        )
        services.holder_update(
            holder=holder, seat=n + 1, start=datetime.date(2024, 2, 1), end=None, term_number=1
        )


@pytest.mark.parametrize("count", [1, 3])
def test_role_detail_queries_are_constant(client, org_a, django_assert_num_queries, count):
    template = RoleTemplateFactory()
    TemplateRequirementFactory(template=template)
    role = RoleFactory(organization=org_a, title="Board member", seats=3, template=template)
    role.languages.add(language("fr"))
    make_holders_and_requirements(role, count)

    # role (organisation, region, template), languages, requirements, template requirements, holders;
    # history: role rows + rows before them + their languages + language names, requirement rows + before,
    # term rows + before
    with django_assert_num_queries(13):
        response = get(client, role)

    assert len(response.context["requirements"]) == count
    assert len(response.context["current_holders"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_role_detail_queries_are_constant_for_an_organizer(
    client, org_a, organizer_a, django_assert_num_queries, count
):
    role = RoleFactory(organization=org_a, title="Board member", seats=3)
    make_holders_and_requirements(role, count)
    client.force_login(organizer_a)

    # session, user, the user's person (header), their capacities, then the page's twelve queries (no template)
    with django_assert_num_queries(16):
        response = get(client, role)

    assert len(response.context["current_holders"]) == count
