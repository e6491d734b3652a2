"""Pages reached through signed links (verification, consent, endorsement) and "my nominations"."""

import json

import pytest
from django.urls import reverse
from post_office.models import Email

from leadership.common.emails import address_hash
from leadership.common.enums import EmailKind
from leadership.common.models import EmailOptOut
from nominations import tokens
from nominations.enums import NominationState
from nominations.models import Endorsement, Nomination
from roles.enums import CompetencySource
from roles.models import PersonCompetency
from tests.factories import UserFactory
from tests.factories.nominations import EndorsementFactory, NominationFactory, ObservedCompetencyFactory
from tests.nominations.views.conftest import link_in_outbox

pytestmark = pytest.mark.django_db


def consent_url(nomination) -> str:
    return reverse("nominations:consent", args=[tokens.consent_token(nomination.pk)])


def endorsed_nomination_id(url: str) -> int | None:
    """The nomination an absolute endorsement link stands for (tokens carry a timestamp: compare ids)."""
    prefix = "http://testserver/en/nominations/endorse/"
    assert url.startswith(prefix), url
    return tokens.read_endorse_token(url.removeprefix(prefix).rstrip("/"))


def endorse_url(nomination) -> str:
    return reverse("nominations:endorse", args=[tokens.endorse_token(nomination.pk)])


# --- The anonymous nominator's verification ------------------------------------------------------------


def test_verify_page_asks_to_confirm_then_invites_the_nominee(client, call):
    nomination = NominationFactory(
        call=call,
        state=NominationState.SUBMITTED,
        nominator=None,
        nominator_email="anon@example.org",
        nominee_email="ana@example.org",
        invited_at=None,
    )
    url = reverse("nominations:verify", args=[tokens.verify_token(nomination.pk)])

    page = client.get(url)
    response = client.post(url)

    assert "Confirm my nomination" in page.content.decode()
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == NominationState.INVITED
    assert nomination.nominator_verified_at is not None
    link = link_in_outbox("ana@example.org", "/nominations/consent/")
    assert link.startswith("/en/nominations/consent/")
    assert tokens.read_consent_token(link.split("/")[-2]) == nomination.pk
    assert "Your email address is confirmed" in client.get(url).content.decode()


def test_verify_an_expired_nomination_says_so(client, call):
    nomination = NominationFactory(
        call=call, state=NominationState.EXPIRED, nominator=None, nominator_email="anon@example.org"
    )

    response = client.post(reverse("nominations:verify", args=[tokens.verify_token(nomination.pk)]))

    assert response.status_code == 200
    assert response.context["error"] == "This nomination has expired."
    assert response.context["done"] is False


@pytest.mark.parametrize("token", ["garbage", "x" * 80])
def test_verify_with_a_bad_token_is_not_found(client, token):
    response = client.get(reverse("nominations:verify", args=[token]))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_verify_with_a_consent_token_is_not_found(client, call):
    nomination = NominationFactory(call=call, state=NominationState.SUBMITTED)

    response = client.post(reverse("nominations:verify", args=[tokens.consent_token(nomination.pk)]))

    assert response.status_code == 404


# --- The nominee's consent ----------------------------------------------------------------------------------


def test_consent_page_says_who_nominated_why_and_how_long_data_is_kept(client, call):
    nominator = UserFactory(username="rosa")
    nominator.person.display_name = "Rosa"
    nominator.person.save()
    nomination = NominationFactory(call=call, nominator=nominator, statement="She leads the Lima meetups.")

    response = client.get(consent_url(nomination) + "?answer=accept")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Rosa" in content
    assert "She leads the Lima meetups." in content
    assert "within 60 days" in content
    assert response.context["form"]["decision"].value() == "accept"


def test_consent_page_hides_an_anonymous_nominator(client, call):
    nominator = UserFactory(username="rosa")
    nomination = NominationFactory(call=call, nominator=nominator, nominator_anonymous=True)

    content = client.get(consent_url(nomination)).content.decode()

    assert "Someone who asked to stay anonymous" in content
    assert nominator.person.display_name not in content


def test_consent_accept_makes_a_person_with_the_observed_competencies(client, call):
    nomination = NominationFactory(call=call, nominee_name="Ana Quispe", nominee_email="ana@example.org")
    observed = ObservedCompetencyFactory(nomination=nomination, level=3)

    response = client.post(consent_url(nomination), {"decision": "accept"})

    assert response.status_code == 200
    assert response.context["done"] == "accepted"
    nomination.refresh_from_db()
    assert nomination.state == NominationState.ACCEPTED
    assert nomination.person.display_name == "Ana Quispe"
    record = PersonCompetency.objects.get(person=nomination.person)
    assert (record.competency_id, record.level, record.source) == (
        observed.competency_id,
        3,
        CompetencySource.NOMINATOR,
    )
    assert endorsed_nomination_id(response.context["endorse_url"]) == nomination.pk


def test_consent_decline_never_again_erases_and_keeps_only_a_hash(client, call):
    nomination = NominationFactory(call=call, nominee_email="ana@example.org")

    response = client.post(consent_url(nomination), {"decision": "decline", "never_again": "on"})

    assert response.context["done"] == "declined"
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECLINED
    assert nomination.nominee_email == ""
    assert EmailOptOut.objects.filter(
        address_hash=address_hash("ana@example.org"), kind=EmailKind.NOMINATION
    ).exists()
    assert not Email.objects.filter(to__icontains="ana@example.org").exists()


def test_consent_without_an_answer_re_renders_with_an_error(client, call):
    nomination = NominationFactory(call=call)

    response = client.post(consent_url(nomination), {"never_again": "on"})

    assert response.context["form"].errors == {"decision": ["Choose whether you accept or decline."]}
    assert response.context["form"]["never_again"].value() is True
    nomination.refresh_from_db()
    assert nomination.state == NominationState.INVITED


def test_consent_accept_with_never_again_is_refused(client, call):
    nomination = NominationFactory(call=call)

    response = client.post(consent_url(nomination), {"decision": "accept", "never_again": "on"})

    assert response.context["form"].errors == {
        "never_again": ["“Never nominate me again” goes with declining."]
    }


def test_consent_already_answered_says_so(client, call):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED)

    response = client.post(consent_url(nomination), {"decision": "decline"})

    assert "This nomination was already answered (Accepted by the nominee)." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == NominationState.ACCEPTED


def test_consent_with_an_endorse_token_is_not_found(client, call):
    nomination = NominationFactory(call=call)

    assert (
        client.get(reverse("nominations:consent", args=[tokens.endorse_token(nomination.pk)])).status_code
        == 404
    )


# --- Endorsements -----------------------------------------------------------------------------------------


def test_endorse_asks_anonymous_visitors_to_log_in(client, call):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED)

    response = client.get(endorse_url(nomination))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_endorse_records_a_comment_once(client, call, plain_user):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED, nominee_name="Ana Quispe")
    client.force_login(plain_user)

    page = client.get(endorse_url(nomination))
    response = client.post(endorse_url(nomination), {"comment": "She taught me to edit."})
    again = client.get(endorse_url(nomination))

    assert "Endorse the nomination of Ana Quispe" in page.content.decode()
    assert response.status_code == 302
    assert list(Endorsement.objects.values_list("user_id", "comment")) == [
        (plain_user.pk, "She taught me to edit.")
    ]
    assert again.context["already"] is True
    assert "You already endorsed this nomination." in again.content.decode()


def test_endorse_twice_is_refused(client, call, plain_user):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED)
    EndorsementFactory(nomination=nomination, user=plain_user)
    client.force_login(plain_user)

    response = client.post(endorse_url(nomination), {"comment": "Again"})

    assert response.status_code == 403
    assert Endorsement.objects.count() == 1


def test_endorse_without_a_comment_re_renders_with_an_error(client, call, plain_user):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED)
    client.force_login(plain_user)

    response = client.post(endorse_url(nomination), {"comment": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors == {"comment": ["This field is required."]}
    assert Endorsement.objects.count() == 0


def test_endorse_a_nomination_not_yet_accepted_is_not_found(client, call, plain_user):
    nomination = NominationFactory(call=call, state=NominationState.INVITED)
    client.force_login(plain_user)

    assert client.get(endorse_url(nomination)).status_code == 404


# --- My nominations ---------------------------------------------------------------------------------------


def test_mine_lists_nominations_made_and_received_with_endorsement_links(client, call, plain_user):
    made = NominationFactory(
        call=call, nominator=plain_user, nominee_name="Ana Quispe", state=NominationState.ACCEPTED
    )
    pending = NominationFactory(
        call=call, nominator=plain_user, nominee_name="Luis", state=NominationState.INVITED
    )
    received = NominationFactory(call=call, person=plain_user.person, state=NominationState.IN_REVIEW)
    client.force_login(plain_user)

    response = client.get(reverse("nominations:mine"))

    assert [n.pk for n in response.context["made"]] == [pending.pk, made.pk]
    assert [n.pk for n in response.context["received"]] == [received.pk]
    assert response.context["made"][0].endorse_url == ""
    assert endorsed_nomination_id(response.context["made"][1].endorse_url) == made.pk
    content = response.content.decode()
    assert f'href="/en/nominations/mine/{received.pk}/erase/"' in content


@pytest.mark.parametrize("count", [1, 3])
def test_mine_query_count_does_not_grow_with_nominations(
    client, django_assert_num_queries, call, plain_user, count
):
    for _index in range(count):
        NominationFactory(call=call, nominator=plain_user, state=NominationState.ACCEPTED)
        NominationFactory(call=call, person=plain_user.person, state=NominationState.IN_REVIEW)
    client.force_login(plain_user)

    with django_assert_num_queries(5):
        response = client.get(reverse("nominations:mine"))

    assert len(response.context["made"]) == count
    assert len(response.context["received"]) == count


def test_mine_export_downloads_json(client, call, plain_user):
    NominationFactory(call=call, nominator=plain_user, nominee_name="Ana Quispe")
    NominationFactory(
        call=call, person=plain_user.person, state=NominationState.IN_REVIEW, statement="Leads well."
    )
    client.force_login(plain_user)

    response = client.get(reverse("nominations:mine_export"))

    assert response["Content-Disposition"] == 'attachment; filename="my-nominations.json"'
    data = json.loads(response.content)
    assert [n["nominee_name"] for n in data["nominations_made"]] == ["Ana Quispe"]
    assert [n["statement"] for n in data["nominations_received"]] == ["Leads well."]


def test_erase_needs_confirmation_then_erases(client, call, plain_user):
    nomination = NominationFactory(call=call, person=plain_user.person, state=NominationState.IN_REVIEW)
    client.force_login(plain_user)
    url = reverse("nominations:erase", args=[nomination.pk])

    refused = client.post(url, {})
    response = client.post(url, {"confirm": "on"})

    assert refused.context["form"].errors == {"confirm": ["Tick the box to confirm."]}
    assert response.status_code == 302
    assert response["Location"] == "/en/nominations/mine/"
    nomination.refresh_from_db()
    assert nomination.erased_at is not None
    assert (nomination.nominee_name, nomination.nominee_email, nomination.statement) == ("", "", "")


def test_erase_of_someone_else_nomination_is_forbidden(client, call, plain_user):
    nomination = NominationFactory(call=call, state=NominationState.IN_REVIEW, person=UserFactory().person)
    client.force_login(plain_user)

    assert (
        client.post(reverse("nominations:erase", args=[nomination.pk]), {"confirm": "on"}).status_code == 403
    )
    assert Nomination.objects.get().erased_at is None
