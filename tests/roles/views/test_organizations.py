"""The directory, the organisation page, proposing, editing and asking to join."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from roles.enums import (
    Capacity,
    MembershipRequestKind,
    MembershipRequestState,
    OrganizationKind,
    OrganizationStatus,
)
from roles.models import MembershipRequest, Organization
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory
from tests.factories.roles import language, region

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Directory -------------------------------------------------------------------------------------


def test_organization_list_shows_only_approved_active_organizations(client, org_a):
    OrganizationFactory(name="Proposed Group", status=OrganizationStatus.PROPOSED)
    OrganizationFactory(name="Sleeping Group", active=False)

    response = client.get(reverse("roles:organization_list"))

    assert response.status_code == 200
    assert [o.name for o in response.context["object_list"]] == ["Wikimedia Alpha"]
    content = response.content.decode()
    assert "1 organisation" in content
    assert "Proposed Group" not in content
    assert 'class="cdx-card cdx-card--is-link"' in content
    assert 'class="kind-badge kind-badge--chapter"' in content


def test_organization_list_filters_by_kind_and_region(client, org_a):
    OrganizationFactory(name="Hub of the South", kind=OrganizationKind.REGIONAL_HUB, region=region("SSA"))
    OrganizationFactory(name="Hub of the North", kind=OrganizationKind.REGIONAL_HUB, region=region("NWE"))

    response = client.get(reverse("roles:organization_list"), {"kind": "regional_hub", "region": "SSA"})

    assert [o.name for o in response.context["object_list"]] == ["Hub of the South"]


def test_organization_list_search_matches_a_name_in_any_language(client, org_a):
    OrganizationFactory(name="Wikimedia Arabic", name_ar="ويكيميديا العربية")
    organization = OrganizationFactory(name="Wikimedia Gamma")
    organization.name_fr = "Wikimédia Gamma Francophone"
    organization.save()

    by_french = client.get(reverse("roles:organization_list"), {"q": "francophone"})
    by_arabic = client.get(reverse("roles:organization_list"), {"q": "العربية"})

    assert [o.name for o in by_french.context["object_list"]] == ["Wikimedia Gamma"]
    assert [o.name for o in by_arabic.context["object_list"]] == ["Wikimedia Arabic"]


def test_organization_list_with_an_unknown_kind_shows_everything(client, org_a):
    response = client.get(reverse("roles:organization_list"), {"kind": "castle"})

    assert response.status_code == 200
    assert [o.name for o in response.context["object_list"]] == ["Wikimedia Alpha"]


def test_organization_list_htmx_returns_only_the_results(client, org_a):
    response = client.get(reverse("roles:organization_list"), {"q": "alpha"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="organization-results"')
    assert "<html" not in content
    assert "Wikimedia Alpha" in content


def test_organization_list_form_works_without_javascript(client, org_a):
    content = client.get(reverse("roles:organization_list")).content.decode()

    assert '<form method="get" action="/en/organizations/"' in content
    assert 'hx-get="/en/organizations/"' in content
    assert 'hx-target="#organization-results"' in content
    assert 'hx-push-url="true"' in content


def test_organization_list_paginates_by_25_keeping_the_filters(client):
    for n in range(26):
        OrganizationFactory(name=f"Chapter {n:02d}")

    first = client.get(reverse("roles:organization_list"), {"kind": "chapter"})
    second = client.get(reverse("roles:organization_list"), {"kind": "chapter", "page": 2})

    assert len(first.context["object_list"]) == 25
    assert "/en/organizations/?kind=chapter&amp;page=2" in first.content.decode()
    assert [o.name for o in second.context["object_list"]] == ["Chapter 25"]


def test_organization_list_counts_members(client, org_a, organizer_a, hub_coordinator_a):
    response = client.get(reverse("roles:organization_list"))

    assert response.context["object_list"][0].member_count == 2
    assert "2 members" in response.content.decode()


# --- Organisation page -----------------------------------------------------------------------------


def test_organization_detail_shows_the_organization(client, org_a):
    hub = OrganizationFactory(name="Hub Omega", kind=OrganizationKind.THEMATIC_HUB)
    org_a.hubs.add(hub)
    org_a.languages.add(language("fr"))
    org_a.website = "https://alpha.example.org"
    org_a.wikidata_qid = "Q42"
    org_a.countries = ["FR"]
    org_a.save()

    content = client.get(reverse("roles:organization_detail", args=[org_a.slug])).content.decode()

    assert "<h1>Wikimedia Alpha</h1>" in content
    assert "A fictional organisation for tests." in content
    assert "France" in content
    assert "French" in content
    assert 'href="https://www.wikidata.org/wiki/Q42"' in content
    assert 'href="/en/organizations/' + hub.slug + '/">Hub Omega</a>' in content


def test_organization_detail_of_a_hub_lists_the_organizations_it_serves(client, org_a):
    hub = OrganizationFactory(name="Hub Omega", kind=OrganizationKind.REGIONAL_HUB)
    org_a.hubs.add(hub)

    content = client.get(reverse("roles:organization_detail", args=[hub.slug])).content.decode()

    assert "Organisations this hub serves" in content
    assert 'href="/en/organizations/wikimedia-alpha/">Wikimedia Alpha</a>' in content


def test_organization_detail_lists_public_members_to_everyone(client, org_a, organizer_a, plain_user):
    public = PersonFactory(display_name="Public Person", is_public=True)
    MembershipFactory(person=public, organization=org_a)
    client.force_login(plain_user)

    response = client.get(reverse("roles:organization_detail", args=[org_a.slug]))

    assert [m.person.display_name for m in response.context["members"]] == ["Public Person"]
    assert f'href="/en/people/{public.pk}/">Public Person</a>' in response.content.decode()


def test_organization_detail_lists_every_member_to_its_organizers(
    client, org_a, organizer_a, hub_coordinator_a
):
    MembershipFactory(person=PersonFactory(display_name="Public Person"), organization=org_a)
    client.force_login(organizer_a)

    response = client.get(reverse("roles:organization_detail", args=[org_a.slug]))

    assert [(m.person.display_name, m.capacity) for m in response.context["members"]] == [
        ("organizer-a", Capacity.ORGANIZER),
        ("hubcoord-a", Capacity.HUB_COORDINATOR),
        ("Public Person", Capacity.MEMBER),
    ]


@pytest.mark.parametrize(
    ("actor", "edit", "manage", "join"),
    [
        ("anonymous", False, False, False),
        ("plain_user", False, False, True),
        ("organizer_a", True, True, False),
        ("organizer_b", False, False, True),
        ("hub_coordinator_a", False, False, False),
        ("staff_user", True, True, True),
    ],
)
def test_organization_detail_buttons_follow_permissions(request, client, org_a, actor, edit, manage, join):
    if actor != "anonymous":
        client.force_login(request.getfixturevalue(actor))

    content = client.get(reverse("roles:organization_detail", args=[org_a.slug])).content.decode()

    assert ('href="/en/organizations/wikimedia-alpha/edit/"' in content) == edit
    assert ('href="/en/organizations/wikimedia-alpha/members/"' in content) == manage
    assert ('action="/en/organizations/wikimedia-alpha/join/"' in content) == join


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 404),
        ("plain_user", 200),  # the proposer
        ("organizer_a", 404),
        ("organizer_b", 404),
        ("hub_coordinator_a", 404),
        ("staff_user", 200),
    ],
)
def test_organization_detail_of_a_proposed_organization(request, client, plain_user, actor, status):
    organization = OrganizationFactory(status=OrganizationStatus.PROPOSED, proposed_by=plain_user.person)
    if actor != "anonymous":
        client.force_login(request.getfixturevalue(actor))

    response = client.get(reverse("roles:organization_detail", args=[organization.slug]))

    assert response.status_code == status
    if status == 200:
        assert "waits for staff to review it" in response.content.decode()


def test_organization_detail_unknown_slug_is_404(client):
    assert client.get(reverse("roles:organization_detail", args=["nowhere"])).status_code == 404


# --- Proposing -------------------------------------------------------------------------------------


def proposal_post(**overrides):
    data = {
        "name_en": "Wikimedia Fictionland",
        "description_en": "A fictional user group.",
        "kind": "user_group",
        "region": str(region("LAC").pk),
        "countries": ["BR"],
        "languages": ["pt-br"],
        "website": "https://fictionland.example.org",
        "wikidata_qid": "q42",
    }
    return {**data, **overrides}


def test_organization_propose_anonymous_is_sent_to_login(client):
    response = client.get(reverse("roles:organization_propose"))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_organization_propose_creates_a_proposal_and_says_staff_will_review(client, plain_user, staff_user):
    client.force_login(plain_user)

    response = client.post(reverse("roles:organization_propose"), proposal_post())

    organization = Organization.objects.get(slug="wikimedia-fictionland")
    assert response.status_code == 302
    assert response["Location"] == "/en/organizations/wikimedia-fictionland/"
    assert (organization.status, organization.wikidata_qid, organization.proposed_by) == (
        OrganizationStatus.PROPOSED,
        "Q42",
        plain_user.person,
    )
    assert messages_of(response) == [
        "Thank you. Staff will review the proposal of “Wikimedia Fictionland” "
        "and you will hear from us by email."
    ]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "waits for staff to review it" in page.content.decode()


def test_organization_propose_without_a_name_rerenders_with_the_data(client, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("roles:organization_propose"), proposal_post(name_en="  "))

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Give the organisation's name in at least one language."]
    }
    assert "Give the organisation&#x27;s name in at least one language." in content
    assert "A fictional user group.</textarea>" in content
    assert Organization.objects.count() == 0


def test_organization_propose_with_a_bad_qid_rerenders_with_the_error(client, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("roles:organization_propose"), proposal_post(wikidata_qid="Douglas"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "wikidata_qid": ["Enter a Wikidata item id: the letter Q followed by a number, for example Q180."]
    }
    assert 'value="Douglas"' in response.content.decode()
    assert 'value="Wikimedia Fictionland"' in response.content.decode()


def test_organization_propose_in_french_names_the_fields_in_french_language_names(client, plain_user):
    client.force_login(plain_user)

    response = client.get("/fr/organizations/propose/")

    assert response.status_code == 200
    assert response.context["form"].language_groups()[1]["open"] is True  # the page's language is open


# --- Editing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("plain_user", 403),
        ("organizer_a", 200),
        ("organizer_b", 403),
        ("hub_coordinator_a", 403),
        ("staff_user", 200),
    ],
)
def test_organization_edit_is_for_its_organizers_and_staff(request, client, org_a, actor, status):
    client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse("roles:organization_edit", args=[org_a.slug])).status_code == status


def test_organization_edit_anonymous_is_sent_to_login(client, org_a):
    response = client.get(reverse("roles:organization_edit", args=[org_a.slug]))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_organization_edit_saves_the_changes(client, org_a, organizer_a):
    client.force_login(organizer_a)
    data = proposal_post(
        name_en="Wikimedia Alpha", name_fr="Wikimédia Alpha", kind="chapter", wikidata_qid=""
    )

    response = client.post(reverse("roles:organization_edit", args=[org_a.slug]), data)

    org_a.refresh_from_db()
    assert response.status_code == 302
    assert (org_a.name_fr, org_a.slug, org_a.kind, org_a.wikidata_qid) == (
        "Wikimédia Alpha",
        "wikimedia-alpha",
        "chapter",
        "",
    )
    assert messages_of(response) == ["The organisation's details were saved."]


def test_organization_edit_with_a_bad_website_rerenders_with_the_data(client, org_a, organizer_a):
    client.force_login(organizer_a)

    response = client.post(
        reverse("roles:organization_edit", args=[org_a.slug]), proposal_post(website="not a website")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"website": ["Enter a valid URL."]}
    assert 'value="not a website"' in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.website == ""


# --- Asking to join --------------------------------------------------------------------------------


def test_organization_join_sends_a_request(client, org_a, organizer_a, plain_user):
    client.force_login(plain_user)

    response = client.post(
        reverse("roles:organization_join", args=[org_a.slug]), {"message": "I edit a lot."}
    )

    assert response.status_code == 302
    request = MembershipRequest.objects.get()
    assert (request.person, request.kind, request.state, request.message) == (
        plain_user.person,
        MembershipRequestKind.REQUEST,
        MembershipRequestState.PENDING,
        "I edit a lot.",
    )
    page = client.get(reverse("roles:organization_detail", args=[org_a.slug])).content.decode()
    assert "Your request to join waits for the organizers' answer." in page


def test_organization_join_twice_rerenders_with_the_error(client, org_a, plain_user):
    client.force_login(plain_user)
    client.post(reverse("roles:organization_join", args=[org_a.slug]), {"message": "First"})

    response = client.post(reverse("roles:organization_join", args=[org_a.slug]), {"message": "Second"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Your request to join this organisation is already waiting for an answer."
    ]
    assert "Second</textarea>" in response.content.decode()


def test_organization_join_with_a_too_long_message_rerenders(client, org_a, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("roles:organization_join", args=[org_a.slug]), {"message": "x" * 2001})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "message": ["Ensure this value has at most 2000 characters (it has 2001)."]
    }
    assert MembershipRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("actor", "status"), [("organizer_a", 403), ("hub_coordinator_a", 403), ("plain_user", 200)]
)
def test_organization_join_is_for_non_members(request, client, org_a, actor, status):
    client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse("roles:organization_join", args=[org_a.slug])).status_code == status


def test_organization_join_anonymous_is_sent_to_login(client, org_a):
    response = client.post(reverse("roles:organization_join", args=[org_a.slug]), {"message": ""})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
