"""The roles directory: filters, search in any language, htmx, pagination and its query count."""

import pytest
from django.db import connection
from django.urls import reverse

from leadership.common.pagination import CappedCountPaginator, encode_cursor
from roles import services
from roles.enums import Importance, OrganizationStatus, RoleKind
from roles.models import Role
from roles.services import role_search_text, role_write_search_document
from roles.views.roles import RoleListView
from tests.factories import OrganizationFactory
from tests.factories.registry import CompetencyFactory, RoleFactory, RoleRequirementFactory
from tests.factories.roles import language, region

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [role.title for role in response.context["object_list"]]


def translated_role(*, organization, title: str, **texts: str) -> Role:
    """A role with texts in several languages, its search text written as the services write it."""
    role = RoleFactory(organization=organization, title=title)
    for field, value in texts.items():
        setattr(role, field, value)
    role.search_text = role_search_text(role)
    role.save()
    role_write_search_document(role)
    return role


def test_role_list_shows_active_roles_of_listed_organizations_by_title(client, org_a):
    RoleFactory(organization=org_a, title="Treasurer")
    RoleFactory(organization=org_a, title="Board chair")
    RoleFactory(organization=org_a, title="Archivist", active=False)
    RoleFactory(organization=OrganizationFactory(status=OrganizationStatus.PROPOSED), title="Hidden role")

    response = client.get(reverse("roles:role_list"))

    assert response.status_code == 200
    assert titles(response) == ["Board chair", "Treasurer"]
    content = response.content.decode()
    assert "2 roles" in content
    assert "Hidden role" not in content
    assert 'hx-get="/en/roles/"' in content
    assert 'hx-push-url="true"' in content


def test_role_list_row_shows_organization_kind_seats_vacancies_badge_and_essentials(client, org_a):
    role = RoleFactory(
        organization=org_a, title="Treasurer", kind=RoleKind.BOARD, seats=3, open_for_nominations=True
    )
    Role.objects.filter(pk=role.pk).update(filled_seats=1)
    RoleRequirementFactory(
        role=role, competency=CompetencyFactory(name="Budgeting", slug="budgeting"), min_level=3
    )
    RoleRequirementFactory(
        role=role,
        competency=CompetencyFactory(name="Public speaking", slug="public-speaking"),
        importance=Importance.DESIRABLE,
    )

    content = client.get(reverse("roles:role_list")).content.decode()

    assert f'<a href="/en/roles/{role.pk}/">Treasurer</a>' in content
    assert '<a href="/en/organizations/wikimedia-alpha/">Wikimedia Alpha</a>' in content
    assert "<td>Board</td>" in content
    assert "3 seats" in content
    assert '<span class="badge badge--vacant">2 vacant</span>' in content
    assert '<span class="badge badge--open">Open for nominations</span>' in content
    assert 'href="/en/roles/?competency=budgeting"' in content
    assert 'Budgeting <span class="chip__level">≥ 3</span>' in content
    assert "Public speaking" not in content  # desirable, not essential


def test_role_list_rows_escape_texts_and_speak_the_interface_language(client, org_a):
    role = RoleFactory(organization=org_a, title="<b>Chair & co</b>", seats=2)
    RoleRequirementFactory(role=role, competency=CompetencyFactory(name="Budgets <2>", slug="budgets"))

    content = client.get("/fr/roles/").content.decode()

    assert f'<a href="/fr/roles/{role.pk}/">&lt;b&gt;Chair &amp; co&lt;/b&gt;</a>' in content
    assert '<td>2 sièges<br><span class="badge badge--vacant">2 vacants</span></td>' in content
    assert (
        '<a class="chip" href="/fr/roles/?competency=budgets" title="Rôles qui exigent Budgets &lt;2&gt;">'
        'Budgets &lt;2&gt; <span class="chip__level">≥ 2</span></a>'
    ) in content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "staff"}, ["Staff coordinator"]),
        ({"region": "SSA"}, ["Staff coordinator"]),
        ({"organization": "wikimedia-beta"}, ["Staff coordinator"]),
        ({"competency": "facilitation"}, ["Board chair"]),
        ({"language": "fr"}, ["Board chair"]),
        ({"vacant": "on"}, ["Staff coordinator"]),
        ({"open": "on"}, ["Board chair"]),
        ({"kind": "board", "open": "on"}, ["Board chair"]),
        ({"kind": "staff", "open": "on"}, []),
    ],
)
def test_role_list_filters(client, org_a, params, expected):
    org_b = OrganizationFactory(name="Wikimedia Beta", slug="wikimedia-beta", region=region("SSA"))
    chair = RoleFactory(
        organization=org_a, title="Board chair", kind=RoleKind.BOARD, open_for_nominations=True
    )
    Role.objects.filter(pk=chair.pk).update(filled_seats=1)
    chair.languages.add(language("fr"))
    RoleRequirementFactory(role=chair, competency=CompetencyFactory(name="Facilitation", slug="facilitation"))
    RoleFactory(organization=org_b, title="Staff coordinator", kind=RoleKind.STAFF, seats=2)

    response = client.get(reverse("roles:role_list"), params)

    assert response.status_code == 200
    assert titles(response) == expected


def test_role_list_search_finds_a_substring_of_a_french_title(client, org_a):
    translated_role(organization=org_a, title="Treasurer", title_fr="Trésorière du conseil d'administration")
    RoleFactory(organization=org_a, title="Archivist")

    response = client.get(reverse("roles:role_list"), {"q": "RÉSORI"})

    assert titles(response) == ["Treasurer"]


def test_role_list_search_finds_a_substring_of_an_arabic_description(client, org_a):
    translated_role(organization=org_a, title="Coordinator", description_ar="تنسيق المتطوعين في المجتمع")
    RoleFactory(organization=org_a, title="Archivist")

    response = client.get(reverse("roles:role_list"), {"q": "المتطوع"})

    assert titles(response) == ["Coordinator"]


def test_role_list_search_ignores_accents_and_case(client, org_a):
    translated_role(organization=org_a, title="Treasurer", title_fr="Trésorier")
    RoleFactory(organization=org_a, title="Archivist")

    assert titles(client.get(reverse("roles:role_list"), {"q": "TRESORIER"})) == ["Treasurer"]
    assert titles(client.get("/fr/roles/", {"q": "trésoriers"})) == ["Trésorier"]


def test_role_list_search_finds_the_singular_of_a_plural(client, org_a):
    RoleFactory(organization=org_a, title="Treasurer")
    RoleFactory(organization=org_a, title="Archivist")

    assert titles(client.get(reverse("roles:role_list"), {"q": "treasurers"})) == ["Treasurer"]


def test_role_list_search_wants_every_word_in_any_field_or_language(client, org_a):
    translated_role(
        organization=org_a, title="Treasurer", description_en="Keeps the books.", title_fr="Trésorier"
    )
    RoleFactory(organization=org_a, title="Librarian", description="Keeps the books of the library.")

    response = client.get(reverse("roles:role_list"), {"q": "books trésorier"})

    assert titles(response) == ["Treasurer"]


def test_role_list_search_uses_each_languages_stems(client, org_a):
    """PostgreSQL: English "communities" and "volunteering" find "community" and "volunteers" by their
    stems, which no substring search finds; French "conseils" finds "Conseil"."""
    if connection.vendor != "postgresql":
        pytest.skip("stems are PostgreSQL's full text")
    translated_role(organization=org_a, title="Community liaison", description_en="Supports volunteers.")
    translated_role(organization=org_a, title="Chair", title_fr="Président du conseil")
    RoleFactory(organization=org_a, title="Archivist")

    assert titles(client.get(reverse("roles:role_list"), {"q": "communities"})) == ["Community liaison"]
    assert titles(client.get(reverse("roles:role_list"), {"q": "volunteering"})) == ["Community liaison"]
    assert titles(client.get("/fr/roles/", {"q": "conseils"})) == ["Président du conseil"]


def test_role_list_search_after_an_edit_finds_the_new_words_only(client, org_a):
    role = RoleFactory(organization=org_a, title="Treasurer")

    services.role_update(role=role, data={"title_en": "Archivist"})

    assert titles(client.get(reverse("roles:role_list"), {"q": "treasurer"})) == []
    assert titles(client.get(reverse("roles:role_list"), {"q": "archivists"})) == ["Archivist"]


@pytest.mark.parametrize("cap", [1, 1_000])
def test_role_list_search_keeps_title_order_with_many_or_few_matches(client, org_a, monkeypatch, cap):
    monkeypatch.setattr(RoleListView, "search_count_cap", cap)
    for title in ["Treasurer (c)", "Deputy treasurer", "Treasurer (a)", "Archivist"]:
        RoleFactory(organization=org_a, title=title)

    response = client.get(reverse("roles:role_list"), {"q": "treasurer"})

    assert titles(response) == ["Deputy treasurer", "Treasurer (a)", "Treasurer (c)"]


def test_role_list_search_in_french_interface_shows_french_titles(client, org_a):
    translated_role(organization=org_a, title="Treasurer", title_fr="Trésorier")

    response = client.get("/fr/roles/", {"q": "trésor"})

    assert response.status_code == 200
    assert '<a href="/fr/roles/' in response.content.decode()
    assert ">Trésorier</a>" in response.content.decode()


def test_role_list_language_select_shows_the_chosen_language(client, org_a):
    language("fr")
    language("es")

    content = client.get(reverse("roles:role_list"), {"language": "fr"}).content.decode()

    assert '<select name="language" class="cdx-select" id="id_language">' in content
    assert '<option value="">Any language</option>' in content
    assert '<option value="fr" selected>' in content
    assert '<option value="es">' in content


def test_role_list_with_unknown_filter_values_ignores_them(client, org_a):
    RoleFactory(organization=org_a, title="Treasurer")

    response = client.get(reverse("roles:role_list"), {"kind": "castle", "region": "XX", "language": "zz"})

    assert response.status_code == 200
    assert titles(response) == ["Treasurer"]


def test_role_list_htmx_returns_only_the_results(client, org_a):
    RoleFactory(organization=org_a, title="Treasurer")

    response = client.get(reverse("roles:role_list"), {"q": "treas"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="role-results"')
    assert "<html" not in content
    assert "Treasurer" in content


def test_role_list_pins_organization_and_competency_filters_with_a_way_to_remove_them(client, org_a):
    RoleFactory(organization=org_a, title="Treasurer")
    CompetencyFactory(name="Budgeting", slug="budgeting")

    response = client.get(reverse("roles:role_list"), {"organization": org_a.slug, "competency": "budgeting"})

    content = response.content.decode()
    assert "Organisation: Wikimedia Alpha" in content
    assert "Requires: Budgeting" in content
    assert (
        '<input type="hidden" name="organization" value="wikimedia-alpha" class="cdx-text-input__input" id="id_organization">'
        in content
    )
    assert 'href="/en/roles/?competency=budgeting">Remove this filter</a>' in content
    assert 'href="/en/roles/?organization=wikimedia-alpha">Remove this filter</a>' in content


def test_role_list_paginates_by_fifty(client, org_a):
    for n in range(51):
        RoleFactory(organization=org_a, title=f"Role {n:02d}")

    first = client.get(reverse("roles:role_list"))
    second = client.get(reverse("roles:role_list"), {"page": 2})

    assert len(first.context["object_list"]) == 50
    assert titles(second) == ["Role 50"]
    assert f'href="/en/roles/?after={encode_cursor("Role 49", first.context["object_list"][-1].pk)}"' in (
        first.content.decode()
    )
    assert "<span>Page 2 of 2</span>" in second.content.decode()


def test_role_list_next_and_previous_links_are_keyset_cursors(client, org_a, monkeypatch):
    monkeypatch.setattr(RoleListView, "paginate_by", 2)
    roles = [
        RoleFactory(organization=org_a, title=title) for title in ["Alpha", "Beta", "Beta", "Gamma", "Zeta"]
    ]
    betas = sorted(role.pk for role in roles[1:3])

    first = client.get(reverse("roles:role_list"), {"kind": "board"})
    after = first.context["page_obj"].next_cursor
    second = client.get(reverse("roles:role_list"), {"kind": "board", "after": after})
    third = client.get(
        reverse("roles:role_list"), {"kind": "board", "after": second.context["page_obj"].next_cursor}
    )
    back = client.get(
        reverse("roles:role_list"), {"kind": "board", "before": third.context["page_obj"].previous_cursor}
    )

    assert after == encode_cursor("Beta", betas[0])
    assert [role.pk for role in first.context["object_list"]] == [roles[0].pk, betas[0]]
    assert [role.pk for role in second.context["object_list"]] == [betas[1], roles[3].pk]
    assert titles(third) == ["Zeta"]
    assert [role.pk for role in back.context["object_list"]] == [betas[1], roles[3].pk]
    content = second.content.decode()
    assert f'rel="prev" href="/en/roles/?kind=board&amp;before={encode_cursor("Beta", betas[1])}"' in content
    assert (
        f'rel="next" href="/en/roles/?kind=board&amp;after={encode_cursor("Gamma", roles[3].pk)}"' in content
    )
    assert "<span>Page" not in content  # a keyset page does not know its number
    assert 'rel="next"' not in third.content.decode()
    first_again = client.get(
        reverse("roles:role_list"), {"kind": "board", "before": back.context["page_obj"].previous_cursor}
    )
    assert titles(first_again) == ["Alpha", "Beta"]
    assert 'rel="prev"' not in first_again.content.decode()


@pytest.mark.parametrize(
    "cursor", ["", "not-base64!", encode_cursor("Beta"), encode_cursor(1, 2), encode_cursor("Beta", True)]
)
def test_role_list_bad_cursor_shows_the_first_page(client, org_a, cursor):
    RoleFactory(organization=org_a, title="Alpha")

    response = client.get(reverse("roles:role_list"), {"after": cursor})

    assert response.status_code == 200
    assert titles(response) == ["Alpha"]


def test_role_list_count_stops_at_the_cap_and_pages_go_on(client, org_a, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "count_cap", 2)
    monkeypatch.setattr(RoleListView, "paginate_by", 2)
    for n in range(5):
        RoleFactory(organization=org_a, title=f"Role {n}")

    first = client.get(reverse("roles:role_list"))
    third = client.get(reverse("roles:role_list"), {"page": 3})
    beyond = client.get(reverse("roles:role_list"), {"page": 9})

    content = first.content.decode()
    assert "More than 2 roles" in content
    assert "<span>Page 1</span>" in content
    assert 'rel="next" href="/en/roles/?after=' in content
    assert titles(third) == ["Role 4"]
    assert "<span>Page 3</span>" in third.content.decode()
    assert 'rel="next"' not in third.content.decode()
    assert beyond.status_code == 404  # as past the last page of an exact count


def test_role_list_search_counts_up_to_a_lower_cap(client, org_a, monkeypatch):
    monkeypatch.setattr(RoleListView, "search_count_cap", 1)
    RoleFactory(organization=org_a, title="Treasurer")
    RoleFactory(organization=org_a, title="Deputy treasurer")

    searched = client.get(reverse("roles:role_list"), {"q": "treasurer"}).content.decode()
    listed = client.get(reverse("roles:role_list")).content.decode()

    assert "More than 1 roles" in searched
    assert "2 roles" in listed


def test_role_list_count_under_the_cap_is_exact(client, org_a, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "count_cap", 3)
    monkeypatch.setattr(RoleListView, "paginate_by", 2)
    for n in range(3):
        RoleFactory(organization=org_a, title=f"Role {n}")

    content = client.get(reverse("roles:role_list")).content.decode()

    assert "3 roles" in content
    assert "<span>Page 1 of 2</span>" in content


def test_role_list_export_links_keep_the_filters(client, org_a):
    response = client.get(reverse("roles:role_list"), {"q": "chair", "page": 1})

    content = response.content.decode()
    assert 'href="/en/roles/export.csv?q=chair"' in content
    assert 'href="/en/roles/export.json?q=chair"' in content


def test_main_navigation_links_the_roles_directory(client):
    content = client.get(reverse("roles:role_list")).content.decode()

    assert '<li><a href="/en/roles/" aria-current="page">Roles</a></li>' in content


def make_roles(organization, count: int) -> None:
    for n in range(count):
        role = RoleFactory(organization=organization, title=f"Role {n}")
        role.languages.add(language("fr"))
        RoleRequirementFactory(role=role)
        RoleRequirementFactory(role=role, importance=Importance.DESIRABLE)


@pytest.mark.parametrize("count", [1, 3])
def test_role_list_queries_are_constant(client, org_a, django_assert_num_queries, count):
    make_roles(org_a, count)

    # count, page of roles (with organisation and region), their essential requirements, the languages
    # of the filter form
    with django_assert_num_queries(5):
        response = client.get(reverse("roles:role_list"))

    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_role_list_htmx_queries_are_constant(client, org_a, django_assert_num_queries, count):
    make_roles(org_a, count)

    # count, page of roles, their essential requirements (the filter form is not in the partial)
    with django_assert_num_queries(4):
        response = client.get(
            reverse("roles:role_list"), {"q": "role", "vacant": "on"}, headers={"HX-Request": "true"}
        )

    assert len(response.context["object_list"]) == count
