"""The nominations services: calls, submitting, verification, consent, erasure, endorsements, reviews, decisions."""

import datetime
import importlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from post_office.models import Email

from leadership.common.emails import address_hash
from leadership.common.enums import EmailKind
from leadership.common.models import EmailOptOut
from nominations import selectors, services, tokens
from nominations.enums import NominationKind, NominationState, QuestionKind
from nominations.models import (
    CallQuestion,
    Endorsement,
    Nomination,
    NominationEvent,
    ObservedCompetency,
    Review,
    ScoringCriterion,
)
from roles.enums import CompetencySource
from roles.models import Person, PersonCompetency, RoleHolder
from tests.factories import UserFactory
from tests.factories.nominations import (
    CallQuestionFactory,
    EndorsementFactory,
    NominationCallFactory,
    NominationFactory,
    ObservedCompetencyFactory,
    ScoringCriterionFactory,
)
from tests.factories.registry import CompetencyFactory, RoleFactory, RoleHolderFactory
from tests.factories.roles import language

pytestmark = pytest.mark.django_db

S = NominationState
NOW = timezone.now


@pytest.fixture
def call(org_a):
    return NominationCallFactory(organization=org_a, title="Board 2027", title_en="Board 2027")


def nominee_data(**extra):
    return {
        "nominee_name": "Ana Pérez",
        "nominee_email": "Ana.Perez@Example.org",
        "statement": "She ran three edit-a-thons.",
        "language": "es",
        **extra,
    }


def emails_to(address):
    return list(Email.objects.filter(to__icontains=address).order_by("id"))


def submit(call, nominator=None, **extra):
    data = nominee_data(**extra.pop("data", {}))
    return services.nomination_submit(
        call=call,
        data=data,
        answers=extra.pop("answers", {}),
        competencies=extra.pop("competencies", ()),
        nominator=nominator,
        nominator_email=extra.pop("nominator_email", "" if nominator else "anon@example.org"),
    )


# --- Submitting ------------------------------------------------------------------------------------------------


def test_submit_signed_in_invites_the_nominee_in_the_nominations_language(call, plain_user):
    nomination = submit(call, plain_user, data={"nominator_name": "Plain Member"})

    assert nomination.state == S.INVITED
    assert nomination.nominee_email == "ana.perez@example.org"
    assert nomination.nominator == plain_user
    assert nomination.invited_at is not None
    [email] = emails_to("ana.perez@example.org")
    assert email.headers["Content-Language"] == "es"
    assert "Plain Member te ha propuesto" in email.message  # the nomination is in Spanish
    assert "She ran three edit-a-thons." in email.message
    assert "Si no respondes en 90 días" in email.message
    accept = re.search(r"http://testserver/es/nominations/consent/([^/]+)/\?answer=accept", email.message)
    decline = re.search(r"http://testserver/es/nominations/consent/([^/]+)/\?answer=decline", email.message)
    assert tokens.read_consent_token(accept.group(1)) == nomination.pk
    assert decline.group(1) == accept.group(1)
    assert list(
        NominationEvent.objects.filter(nomination=nomination).values_list("from_state", "to_state")
    ) == [
        ("", S.SUBMITTED),
        (S.SUBMITTED, S.INVITED),
    ]


def test_submit_with_an_anonymous_nominator_hides_their_name_from_the_nominee(call, plain_user):
    submit(call, plain_user, data={"nominator_name": "Plain Member", "nominator_anonymous": True})

    [email] = emails_to("ana.perez@example.org")
    assert "Plain Member" not in email.message
    assert "Ha pedido permanecer en el anonimato." in email.message


def test_submit_anonymous_waits_for_the_nominators_verification(call):
    nomination = submit(call, nominator_email="Anon@Example.org")

    assert nomination.state == S.SUBMITTED
    assert nomination.counts is False
    assert emails_to("ana.perez@example.org") == []
    [email] = emails_to("anon@example.org")
    link = re.search(r"http://testserver/es/nominations/verify/([^/]+)/", email.message)
    assert tokens.read_verify_token(link.group(1)) == nomination.pk

    services.nomination_verify_nominator(nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.state == S.INVITED
    assert nomination.counts is True
    assert len(emails_to("ana.perez@example.org")) == 1

    services.nomination_verify_nominator(nomination=nomination)  # a second click changes nothing
    assert len(emails_to("ana.perez@example.org")) == 1


def test_submit_records_answers_and_observed_competencies(call, plain_user):
    question = CallQuestionFactory(call=call, kind=QuestionKind.CHOICE, choices=["Yes", "No"], required=True)
    free = CallQuestionFactory(call=call)
    listening, writing = CompetencyFactory(), CompetencyFactory()

    nomination = submit(
        call,
        plain_user,
        answers={question.pk: "Yes", free: ""},
        competencies={listening: 3, writing: None},
        data={"nominee_languages": [language("es"), "fr"]},
    )

    assert list(nomination.answers.values_list("question_id", "value")) == [(question.pk, "Yes")]
    assert sorted(nomination.nominee_languages.values_list("code", flat=True)) == ["es", "fr"]
    assert sorted(nomination.observed.values_list("competency_id", "level")) == sorted(
        [(listening.pk, 3), (writing.pk, None)]
    )


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"data": {"nominee_email": ""}},
            "nominee_email",
            "Give the nominee's email address: we ask them for consent.",
        ),
        ({"data": {"nominee_email": "not-an-address"}}, "nominee_email", "Enter a valid email address."),
        ({"data": {"nominee_name": "  "}}, "nominee_name", "Give the nominee's name."),
        ({"data": {"statement": ""}}, "statement", "Say why you nominate this person."),
        ({"data": {"statement": "x" * 5001}}, "statement", "Keep this under 5000 characters."),
        ({"data": {"nominee_region": "MARS"}}, "nominee_region", "Choose a region from the list."),
        ({"data": {"language": "xx"}}, "language", "Choose one of the site's languages."),
        ({"data": {"kind": "robot"}}, "kind", "Choose whom you nominate."),
        (
            {"data": {"nominee_languages": ["xx-none"]}},
            "nominee_languages",
            "Choose languages from the list.",
        ),
        (
            {"data": {"kind": NominationKind.EXTERNAL}},
            "external_movement",
            "Say which social movement the nominee comes from.",
        ),
        (
            {"nominator_email": ""},
            "nominator_email",
            "Give your email address: we send you a link to confirm it.",
        ),
        ({"nominator_email": "nope"}, "nominator_email", "Enter a valid email address."),
        (
            {"data": {"kind": NominationKind.SELF}},
            "nominee_email",
            "To nominate yourself, give your own email address.",
        ),
    ],
)
def test_submit_rejects_bad_input(call, extra, field, message):
    with pytest.raises(ValidationError) as error:
        submit(call, **extra)
    assert error.value.message_dict == {field: [message]}
    assert Nomination.objects.count() == 0


def test_submit_rejects_a_role_of_another_call(call):
    with pytest.raises(ValidationError) as error:
        submit(call, data={"role": RoleFactory(organization=call.organization)})
    assert error.value.message_dict == {"role": ["Choose one of the roles of this call."]}


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(-10, -1), (1, 10)],
    ids=["closed", "not-yet-open"],
)
def test_submit_rejects_a_call_that_is_not_open(org_a, opens, closes):
    closed = NominationCallFactory(
        organization=org_a,
        opens_at=NOW() + datetime.timedelta(days=opens),
        closes_at=NOW() + datetime.timedelta(days=closes),
    )
    with pytest.raises(ValidationError) as error:
        submit(closed)
    assert error.value.messages == ["This call is not open for nominations."]


def test_submit_rejects_missing_and_bad_answers(call):
    question = CallQuestionFactory(call=call, kind=QuestionKind.CHOICE, choices=["Yes", "No"], required=True)
    other_call_question = CallQuestionFactory()

    with pytest.raises(ValidationError) as missing:
        submit(call)
    with pytest.raises(ValidationError) as bad_choice:
        submit(call, answers={question.pk: "Maybe"})
    with pytest.raises(ValidationError) as foreign:
        submit(call, answers={question.pk: "Yes", other_call_question.pk: "Hi"})

    assert missing.value.message_dict == {
        f"question_{question.pk}": [f"Answer this question: “{question.text}”."]
    }
    assert bad_choice.value.message_dict == {
        f"question_{question.pk}": ["Choose one of the answers offered."]
    }
    assert foreign.value.message_dict == {"answers": ["An answer is for a question this call does not ask."]}


def test_submit_rejects_inactive_competencies_and_bad_levels(call):
    with pytest.raises(ValidationError) as inactive:
        submit(call, competencies=[CompetencyFactory(active=False)])
    with pytest.raises(ValidationError) as level:
        submit(call, competencies={CompetencyFactory(): 7})
    assert inactive.value.message_dict == {"competencies": ["Choose competencies from the catalogue."]}
    assert level.value.message_dict == {"competencies": ["Choose a level between 1 and 4."]}


def test_submit_rejects_the_same_nominee_twice_in_a_call_whatever_the_case(call, org_a):
    submit(call)
    with pytest.raises(ValidationError) as error:
        submit(call, data={"nominee_email": "ANA.PEREZ@example.org"})
    assert error.value.message_dict == {
        "nominee_email": ["This person has already been nominated in this call."]
    }
    assert submit(NominationCallFactory(organization=org_a)).nominee_email == "ana.perez@example.org"


def test_submit_honours_never_nominate_me_again(call):
    EmailOptOut.objects.create(address_hash=address_hash("ana.perez@example.org"), kind=EmailKind.NOMINATION)
    with pytest.raises(ValidationError) as error:
        submit(call)
    assert error.value.message_dict == {"nominee_email": ["This person has asked not to be nominated."]}


def test_self_nomination_by_a_member_uses_their_own_address(call, plain_user):
    nomination = submit(
        call, plain_user, data={"kind": NominationKind.SELF, "nominee_email": plain_user.email}
    )
    [email] = emails_to(plain_user.email)
    assert nomination.kind == NominationKind.SELF
    assert "Te has propuesto a ti mismo" in email.message


# --- Consent ---------------------------------------------------------------------------------------------------


def test_accept_creates_a_private_person_with_the_observed_competencies(call, plain_user, organizer_a):
    reviewer = UserFactory(username="rev")
    call.reviewers.add(reviewer)
    skill = CompetencyFactory()
    nomination = submit(call, plain_user, competencies={skill: None})

    services.nomination_consent(nomination=nomination, accept=True)

    nomination.refresh_from_db()
    person = nomination.person
    assert nomination.state == S.ACCEPTED
    assert (person.display_name, person.email, person.user, person.is_public) == (
        "Ana Pérez",
        "ana.perez@example.org",
        None,
        False,
    )
    record = PersonCompetency.objects.get(person=person)
    assert (record.competency, record.level, record.source, record.recorded_by) == (
        skill,
        1,
        CompetencySource.NOMINATOR,
        plain_user.person,
    )
    assert [e.subject for e in emails_to(plain_user.email)] == [
        "Novedades sobre tu candidatura en «Board 2027»"
    ]
    assert [e.subject for e in emails_to(organizer_a.email)] == ["A nomination awaits review in “Board 2027”"]
    assert [e.subject for e in emails_to(reviewer.email)] == ["A nomination awaits review in “Board 2027”"]
    assert "Ana" not in emails_to(plain_user.email)[0].message


def test_accept_claims_the_person_of_the_account_with_that_address(call):
    nominee = UserFactory(username="ana", email="ana.perez@example.org")
    nomination = submit(call, UserFactory())

    services.nomination_consent(nomination=nomination, accept=True, by=nominee)

    nomination.refresh_from_db()
    assert nomination.person == nominee.person
    assert Person.objects.filter(email__iexact="ana.perez@example.org").count() == 1


def test_consent_twice_or_after_expiry_is_refused(call, plain_user):
    nomination = submit(call, plain_user)
    services.nomination_consent(nomination=nomination, accept=True)
    with pytest.raises(ValidationError) as again:
        services.nomination_consent(nomination=nomination, accept=False)

    late = NominationFactory(call=call, invited_at=NOW() - datetime.timedelta(days=91))
    with pytest.raises(ValidationError) as expired:
        services.nomination_consent(nomination=late, accept=True)

    assert again.value.messages == ["This nomination has already been answered."]
    assert expired.value.messages == ["This link has expired."]


def test_decline_erases_everything_and_can_say_never_again(call, plain_user):
    question = CallQuestionFactory(call=call)
    nomination = submit(
        call,
        plain_user,
        answers={question: "Yes"},
        competencies=[CompetencyFactory()],
        data={"nominee_username": "AnaP", "nominee_organization": "WM ES", "nominee_region": "LAC"},
    )

    services.nomination_consent(nomination=nomination, accept=False, never_again=True)

    nomination.refresh_from_db()
    assert nomination.state == S.DECLINED
    assert nomination.erased_at is not None
    assert (
        nomination.nominee_name,
        nomination.nominee_email,
        nomination.nominee_username,
        nomination.nominee_organization,
        nomination.nominee_region,
        nomination.statement,
    ) == ("", "", "", "", "", "")
    assert nomination.answers.count() == 0
    assert nomination.observed.count() == 0
    assert emails_to("ana.perez@example.org") == []
    assert [e.subject for e in emails_to(plain_user.email)] == [
        "Novedades sobre tu candidatura en «Board 2027»"
    ]
    assert EmailOptOut.objects.filter(
        address_hash=address_hash("ana.perez@example.org"), kind=EmailKind.NOMINATION
    ).exists()
    with pytest.raises(ValidationError):
        submit(NominationCallFactory(organization=call.organization))


def test_decline_without_never_again_allows_a_later_nomination(call, plain_user):
    nomination = submit(call, plain_user)
    services.nomination_consent(nomination=nomination, accept=False)
    assert submit(call, plain_user).state == S.INVITED


def test_erase_after_acceptance_withdraws_the_nomination_and_unlinks_the_nominee(call, plain_user):
    nominee = UserFactory(username="nominee-erasing")
    nomination = submit(call, plain_user)
    services.nomination_consent(nomination=nomination, accept=True, by=nominee)
    nomination.refresh_from_db()
    EndorsementFactory(nomination=nomination)
    ObservedCompetencyFactory(nomination=nomination)

    services.nomination_erase(nomination=nomination)

    nomination.refresh_from_db()
    assert (nomination.state, nomination.person, nomination.nominee_name) == (S.DECLINED, None, "")
    assert (Endorsement.objects.count(), ObservedCompetency.objects.count()) == (0, 0)
    assert list(NominationEvent.objects.filter(nomination=nomination).values_list("to_state", "actor")) == [
        (S.SUBMITTED, plain_user.pk),
        (S.INVITED, plain_user.pk),
        (S.ACCEPTED, None),
        (S.DECLINED, None),
    ]


# --- Endorsements ---------------------------------------------------------------------------------------------


def test_endorse_once_each_after_consent(call, plain_user):
    nomination = NominationFactory(call=call, state=S.ACCEPTED)
    endorsement = services.endorsement_create(nomination=nomination, user=plain_user, comment=" Yes! ")
    assert endorsement.comment == "Yes!"
    with pytest.raises(ValidationError) as twice:
        services.endorsement_create(nomination=nomination, user=plain_user, comment="")
    assert twice.value.messages == ["You have already endorsed this nomination."]


def test_endorse_is_refused_before_consent_by_the_nominee_or_anonymous(call, plain_user):
    from django.contrib.auth.models import AnonymousUser

    pending = NominationFactory(call=call, state=S.INVITED)
    nominee = UserFactory()
    own = NominationFactory(call=call, state=S.ACCEPTED, person=nominee.person)
    cases = [
        (pending, plain_user, "This nomination cannot be endorsed now."),
        (own, nominee, "You cannot endorse your own nomination."),
        (own, AnonymousUser(), "Sign in to endorse a nomination."),
    ]
    for nomination, user, message in cases:
        with pytest.raises(ValidationError) as error:
            services.endorsement_create(nomination=nomination, user=user, comment="")
        assert error.value.messages == [message]
    with pytest.raises(ValidationError) as long:
        services.endorsement_create(nomination=own, user=plain_user, comment="x" * 2001)
    assert long.value.message_dict == {"comment": ["Keep this under 2000 characters."]}


# --- Reviews ------------------------------------------------------------------------------------------------------


@pytest.fixture
def reviewed(call):
    reviewer = UserFactory(username="reviewer")
    call.reviewers.add(reviewer)
    criteria = [ScoringCriterionFactory(call=call, weight=2), ScoringCriterionFactory(call=call, weight=1)]
    nomination = NominationFactory(call=call, state=S.ACCEPTED, person=UserFactory().person)
    return nomination, reviewer, criteria


def test_review_scores_every_criterion_and_starts_the_review(reviewed):
    nomination, reviewer, (first, second) = reviewed

    review = services.review_save(
        nomination=nomination, reviewer=reviewer, scores={first: 5, second.pk: "2"}, comment="ok"
    )
    services.review_save(
        nomination=nomination, reviewer=reviewer, scores={first: 4, second: 2}, comment="edited"
    )

    nomination.refresh_from_db()
    review.refresh_from_db()
    assert nomination.state == S.IN_REVIEW
    assert review.comment == "edited"
    assert sorted(review.scores.values_list("criterion_id", "score")) == [(first.pk, 4), (second.pk, 2)]
    assert Review.objects.count() == 1


def test_review_rejects_bad_scores(reviewed):
    nomination, reviewer, (first, second) = reviewed
    other = ScoringCriterionFactory()
    cases = [
        ({first: 6, second: 1}, {f"criterion_{first.pk}": ["Score between 0 and 5."]}),
        ({first: "high", second: 1}, {f"criterion_{first.pk}": ["Score between 0 and 5."]}),
        ({first: 1}, {f"criterion_{second.pk}": [f"Score “{second.name}”."]}),
        (
            {first: 1, second: 1, other: 1},
            {"scores": ["A score is for a criterion this call does not have."]},
        ),
        ({"first": 1}, {"scores": ["A score is for a criterion this call does not have."]}),
    ]
    for scores, expected in cases:
        with pytest.raises(ValidationError) as error:
            services.review_save(nomination=nomination, reviewer=reviewer, scores=scores)
        assert error.value.message_dict == expected
    assert Review.objects.count() == 0


def test_review_is_for_the_calls_reviewers_while_open_and_without_conflict(reviewed, plain_user):
    nomination, reviewer, (first, second) = reviewed
    with pytest.raises(ValidationError) as stranger:
        services.review_save(nomination=nomination, reviewer=plain_user, scores={first: 1, second: 1})

    services.review_declare_conflict(nomination=nomination, reviewer=reviewer)
    with pytest.raises(ValidationError) as conflicted:
        services.review_save(nomination=nomination, reviewer=reviewer, scores={first: 1, second: 1})

    nomination.call.reviewing_open = False
    nomination.call.save()
    with pytest.raises(ValidationError) as closed:
        services.review_declare_conflict(nomination=nomination, reviewer=reviewer)

    assert stranger.value.messages == ["Only the call's reviewers review its nominations."]
    assert conflicted.value.messages == [
        "You declared a conflict of interest: you cannot score this nomination."
    ]
    assert closed.value.messages == ["Reviewing is closed for this call."]


def test_declaring_a_conflict_removes_earlier_scores(reviewed):
    nomination, reviewer, (first, second) = reviewed
    services.review_save(nomination=nomination, reviewer=reviewer, scores={first: 1, second: 1}, comment="c")
    review = services.review_declare_conflict(nomination=nomination, reviewer=reviewer)
    assert (review.conflict_of_interest, review.comment, review.scores.count()) == (True, "", 0)


def _stored(nomination):
    nomination.refresh_from_db()
    return nomination.weighted_score, nomination.review_count


def test_the_review_services_keep_the_stored_ranking_score(reviewed, org_a):
    """Reviews, conflicts, weights and erasures each store the aggregate the ranked table sorts by."""
    nomination, reviewer, (first, second) = reviewed
    other = UserFactory()
    nomination.call.reviewers.add(other)
    assert _stored(nomination) == (None, 0)

    services.review_save(nomination=nomination, reviewer=reviewer, scores={first: 5, second: 2})
    assert _stored(nomination) == (4.0, 1)  # (5 x 2 + 2 x 1) / 3
    services.review_save(nomination=nomination, reviewer=other, scores={first: 1, second: 1})
    assert _stored(nomination) == (2.5, 2)  # (12 + 3) / 6
    services.review_declare_conflict(nomination=nomination, reviewer=other)
    assert _stored(nomination) == (4.0, 1)

    def criteria(weights, keep=(first, second)):
        return [
            services.CriterionInput(name=str(c.name), weight=w, pk=c.pk)
            for c, w in zip(keep, weights, strict=True)
        ]

    call = nomination.call
    services.call_save(call=call, organization=call.organization, data={}, criteria=criteria((1, 1)))
    assert _stored(nomination) == (3.5, 1)  # reweighted: (5 + 2) / 2
    services.call_save(call=call, organization=call.organization, data={}, criteria=criteria((1,), (second,)))
    assert _stored(nomination) == (2.0, 1)  # the first criterion and its scores went

    services.nominations_erase_account(reviewer)
    assert _stored(nomination) == (None, 0)
    assert selectors.nominations_score_drift() == []


def test_erasing_a_nomination_clears_its_stored_ranking_score(reviewed):
    nomination, reviewer, (first, second) = reviewed
    services.review_save(nomination=nomination, reviewer=reviewer, scores={first: 3, second: 3})

    services.nomination_erase(nomination=nomination)

    assert _stored(nomination) == (None, 0)


def test_the_migration_fills_the_ranking_score_of_existing_nominations(reviewed):
    """Migration 0002's data step stores what the services would have: same values as the live computation."""
    from django.apps import apps

    fill = importlib.import_module("nominations.migrations.0002_nomination_ranking_aggregate")
    nomination, reviewer, (first, second) = reviewed
    services.review_save(nomination=nomination, reviewer=reviewer, scores={first: 4, second: 1})
    unreviewed = NominationFactory(call=nomination.call, state=S.ACCEPTED)
    Nomination.objects.update(weighted_score=None, review_count=0)

    fill.fill_ranking_aggregate(apps, None)

    assert _stored(nomination) == (3.0, 1)
    assert _stored(unreviewed) == (None, 0)
    assert selectors.nominations_score_drift() == []


# --- Decisions ------------------------------------------------------------------------------------------------------


def test_shortlist_then_appoint_creates_the_role_holder_and_tells_everyone(call, plain_user, organizer_a):
    role = RoleFactory(organization=call.organization)
    call.roles.add(role)
    nomination = NominationFactory(
        call=call,
        state=S.IN_REVIEW,
        person=UserFactory().person,
        nominator=plain_user,
        nominee_email="nominee-x@example.org",
    )

    services.nomination_shortlist(nomination=nomination, by=organizer_a)
    holder = services.nomination_appoint(nomination=nomination, by=organizer_a)

    nomination.refresh_from_db()
    assert nomination.state == S.APPOINTED
    assert (holder.role, holder.person, holder.seat) == (role, nomination.person, 1)
    assert nomination.role == role
    assert list(NominationEvent.objects.filter(nomination=nomination).values_list("to_state", "actor")) == [
        (S.SHORTLISTED, organizer_a.pk),
        (S.APPOINTED, organizer_a.pk),
    ]
    assert [e.subject for e in emails_to("nominee-x@example.org")] == [
        f"Your nomination in “{call.title}”"
    ] * 2
    outcome = emails_to(plain_user.email)
    assert len(outcome) == 2
    assert "has been appointed" in outcome[1].message
    assert nomination.nominee_name not in outcome[1].message


def test_appoint_needs_a_role_and_an_allowed_state(call):
    call.roles.add(RoleFactory(organization=call.organization), RoleFactory(organization=call.organization))
    nomination = NominationFactory(call=call, state=S.IN_REVIEW, person=UserFactory().person)
    with pytest.raises(ValidationError) as no_role:
        services.nomination_appoint(nomination=nomination)
    accepted = NominationFactory(call=call, state=S.ACCEPTED, person=UserFactory().person)
    with pytest.raises(ValidationError) as too_early:
        services.nomination_appoint(nomination=accepted, role=call.roles.first())
    assert no_role.value.message_dict == {"role": ["Choose the role to appoint the nominee to."]}
    assert too_early.value.messages == [
        "This nomination is “Accepted by the nominee”: that change is not possible now."
    ]
    assert RoleHolder.objects.count() == 0


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (S.INVITED, "nomination_shortlist"),
        (S.DECLINED, "nomination_reject"),
        (S.APPOINTED, "nomination_offer_training"),
        (S.SUBMITTED, "nomination_start_review"),
    ],
)
def test_state_changes_outside_their_transitions_are_refused(call, state, action):
    nomination = NominationFactory(call=call, state=state)
    with pytest.raises(ValidationError) as error:
        getattr(services, action)(nomination=nomination)
    assert error.value.messages == [
        f"This nomination is “{S(state).label}”: that change is not possible now."
    ]
    nomination.refresh_from_db()
    assert nomination.state == state


def test_reject_and_offer_training(call, plain_user):
    nomination = NominationFactory(call=call, state=S.IN_REVIEW, nominator=plain_user)
    services.nomination_reject(nomination=nomination)
    services.nomination_offer_training(nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.state == S.OFFERED_TRAINING
    assert "not selected this time" in emails_to(plain_user.email)[0].message


def test_term_limit_is_flagged(call):
    role = RoleFactory(organization=call.organization, term_limit=2)
    person = UserFactory().person
    RoleHolderFactory(
        role=role, person=person, start=datetime.date(2020, 1, 1), end=datetime.date(2022, 1, 1)
    )
    nomination = NominationFactory(call=call, role=role, person=person, state=S.ACCEPTED)
    assert services.nomination_term_limit_reached(nomination=nomination) is False
    RoleHolderFactory(
        role=role, person=person, start=datetime.date(2022, 1, 1), end=datetime.date(2024, 1, 1)
    )
    assert services.nomination_term_limit_reached(nomination=nomination) is True


# --- Calls -------------------------------------------------------------------------------------------------------------


def call_data(**extra):
    return {
        "title_en": "Board 2027",
        "title_es": "Junta 2027",
        "opens_at": NOW(),
        "closes_at": NOW() + datetime.timedelta(days=30),
        "retention_days": 60,
        **extra,
    }


def test_call_save_creates_and_edits_questions_and_criteria(org_a, organizer_a):
    role = RoleFactory(organization=org_a)
    reviewer = UserFactory()
    call = services.call_save(
        organization=org_a,
        data=call_data(),
        roles=[role],
        questions=[
            services.QuestionInput(text={"en": "Why?", "es": "¿Por qué?"}, required=True),
            services.QuestionInput(text="Pick", kind=QuestionKind.CHOICE, choices=("A", "B")),
        ],
        criteria=[services.CriterionInput(name="Vision", weight=3)],
        reviewers=[reviewer],
        by=organizer_a,
    )
    assert (call.title_en, call.title_es, call.created_by) == ("Board 2027", "Junta 2027", organizer_a)
    assert list(call.roles.all()) == [role]
    assert list(call.reviewers.all()) == [reviewer]
    why = CallQuestion.objects.get(call=call, text_en="Why?")
    assert (why.text_es, why.required) == ("¿Por qué?", True)
    assert list(ScoringCriterion.objects.filter(call=call).values_list("name_en", "weight")) == [
        ("Vision", 3)
    ]

    services.call_save(
        call=call,
        organization=org_a,
        data={"title_en": "Board 2028"},
        questions=[services.QuestionInput(text={"en": "Why not?"}, pk=why.pk)],
        criteria=[],
    )
    assert list(CallQuestion.objects.filter(call=call).values_list("text_en", flat=True)) == ["Why not?"]
    assert ScoringCriterion.objects.filter(call=call).count() == 0


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title_en": "", "title_es": ""}, "title", "Give the call a title in at least one language."),
        (
            {"opens_at": datetime.datetime(2030, 1, 1)},  # noqa: DTZ001 - the naive date is the bad input
            "opens_at",
            "Give the date and time with its time zone.",
        ),
        ({"closes_at": NOW() - datetime.timedelta(days=1)}, "closes_at", "A call must close after it opens."),
        ({"retention_days": 0}, "retention_days", "Keep data between 1 and 730 days."),
        ({"retention_days": 1000}, "retention_days", "Keep data between 1 and 730 days."),
    ],
)
def test_call_save_rejects_bad_data(org_a, data, field, message):
    with pytest.raises(ValidationError) as error:
        services.call_save(organization=org_a, data=call_data(**data))
    assert error.value.message_dict == {field: [message]}


def test_call_save_rejects_bad_questions_criteria_roles_and_standing_calls(org_a, org_b):
    cases = [
        (
            {"questions": [services.QuestionInput(text="Pick", kind=QuestionKind.CHOICE, choices=("A",))]},
            ["A choice question needs at least two choices."],
        ),
        ({"questions": [services.QuestionInput(text="")]}, ["Write each question in at least one language."]),
        (
            {"criteria": [services.CriterionInput(name="X", weight=0)]},
            ["Give each criterion a weight between 1 and 100."],
        ),
        ({"criteria": [services.CriterionInput(name="")]}, ["Name each criterion in at least one language."]),
        ({"roles": [RoleFactory(organization=org_b)]}, ["Choose roles of the call's own organisation."]),
    ]
    for kwargs, messages in cases:
        with pytest.raises(ValidationError) as error:
            services.call_save(organization=org_a, data=call_data(), **kwargs)
        assert error.value.messages == messages
    services.call_save(organization=org_a, data=call_data(is_standing=True, closes_at=None))
    with pytest.raises(ValidationError) as second:
        services.call_save(organization=org_a, data=call_data(is_standing=True))
    with pytest.raises(ValidationError) as movement:
        services.call_save(organization=None, data=call_data(is_standing=True))
    assert second.value.messages == ["This organisation already keeps a standing call for potential leaders."]
    assert movement.value.messages == ["Only an organisation keeps a standing call."]
