"""The organizer area: calls with inline questions and criteria, the ranked table and decisions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations.enums import NominationState, QuestionKind
from nominations.models import NominationAnswer, NominationCall
from roles.models import RoleHolder
from tests.factories import UserFactory
from tests.factories.nominations import (
    CallQuestionFactory,
    NominationAnswerFactory,
    NominationCallFactory,
    NominationFactory,
    ReviewFactory,
    ReviewScoreFactory,
    ScoringCriterionFactory,
)
from tests.factories.registry import RoleFactory, RoleHolderFactory

pytestmark = pytest.mark.django_db


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def call_data(**overrides):
    data = {
        "title_en": "Board 2028",
        "text_en": "Who should sit on our board?",
        "opens_at": "2026-01-01T09:00",
        "closes_at": "2030-01-01T09:00",
        "retention_days": "90",
        "reviewing_open": "on",
        **management("questions", 2),
        **management("criteria", 2),
        "questions-0-text": "Which projects?",
        "questions-0-kind": QuestionKind.TEXT,
        "questions-0-required": "on",
        "questions-1-text": "Region?",
        "questions-1-kind": QuestionKind.CHOICE,
        "questions-1-choices": "North\nSouth",
        "criteria-0-name": "Vision",
        "criteria-0-weight": "3",
        "criteria-1-name": "",
        "criteria-1-weight": "1",
    }
    data.update(overrides)
    return data


def test_organizer_creates_a_call_with_questions_criteria_roles_and_reviewers(
    client, org_a, organizer_a, role
):
    reviewer = UserFactory(username="rev", email="rev@example.org")
    client.force_login(organizer_a)

    response = client.post(
        reverse("nominations:call_create", args=[org_a.slug]),
        call_data(roles=[role.pk], reviewer_emails="rev@example.org\n", anonymised_review="on"),
    )

    call = NominationCall.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/nominations/calls/{call.pk}/"
    assert (call.title_en, call.organization, call.anonymised_review) == ("Board 2028", org_a, True)
    assert call.opens_at == datetime.datetime(2026, 1, 1, 9, 0, tzinfo=datetime.UTC)
    assert list(call.roles.all()) == [role]
    assert list(call.reviewers.all()) == [reviewer]
    assert [(q.text, q.kind, q.choices, q.required) for q in call.questions.all()] == [
        ("Which projects?", "text", [], True),
        ("Region?", "choice", ["North", "South"], False),
    ]
    assert [(c.name, c.weight) for c in call.criteria.all()] == [("Vision", 3)]


def test_create_form_offers_only_the_organisation_roles(client, org_a, org_b, organizer_a, role):
    RoleFactory(organization=org_b, title="Elsewhere")
    client.force_login(organizer_a)

    form = client.get(reverse("nominations:call_create", args=[org_a.slug])).context["form"]

    assert list(form.fields["roles"].queryset) == [role]


@pytest.mark.parametrize(
    ("overrides", "where", "message"),
    [
        ({"title_en": ""}, "__all__", "Give the call a title in at least one language."),
        (
            {"reviewer_emails": "nobody@example.org"},
            "reviewer_emails",
            "No account has the address nobody@example.org.",
        ),
        ({"opens_at": "not a date"}, "opens_at", "Enter a valid date/time."),
        ({"retention_days": "0"}, "retention_days", "Ensure this value is greater than or equal to 1."),
        ({"closes_at": "2025-01-01T09:00"}, "closes_at", "A call must close after it opens."),
    ],
)
def test_call_bad_input_re_renders_with_what_was_typed(client, org_a, organizer_a, overrides, where, message):
    client.force_login(organizer_a)

    response = client.post(reverse("nominations:call_create", args=[org_a.slug]), call_data(**overrides))

    assert response.status_code == 200
    assert message in response.context["form"].errors[where]
    assert response.context["questions"].forms[0]["text"].value() == "Which projects?"
    assert NominationCall.objects.count() == 0


def test_call_choice_question_without_choices_re_renders(client, org_a, organizer_a):
    client.force_login(organizer_a)

    response = client.post(
        reverse("nominations:call_create", args=[org_a.slug]), call_data(**{"questions-1-choices": "Only"})
    )

    assert response.context["questions"].forms[1].errors == {
        "choices": ["A choice question needs at least two choices, one per line."]
    }
    assert response.context["form"].non_field_errors() == ["Correct the questions and criteria marked below."]
    assert NominationCall.objects.count() == 0


def test_call_criterion_weight_out_of_range_re_renders(client, org_a, organizer_a):
    client.force_login(organizer_a)

    response = client.post(
        reverse("nominations:call_create", args=[org_a.slug]), call_data(**{"criteria-0-weight": "0"})
    )

    assert response.context["criteria"].forms[0].errors == {
        "weight": ["Ensure this value is greater than or equal to 1."]
    }


def test_staff_creates_a_movement_wide_call(client, staff_user):
    client.force_login(staff_user)

    client.post(reverse("nominations:call_create_movement"), call_data())

    assert NominationCall.objects.get().organization is None


def test_organizer_edits_a_call_and_removes_a_question(client, call, organizer_a):
    question = CallQuestionFactory(call=call, text="Old?", text_en="Old?")
    client.force_login(organizer_a)
    url = reverse("nominations:call_edit", args=[call.pk])

    page = client.get(url)
    response = client.post(
        url,
        {
            "title_en": "Board 2027 (extended)",
            "opens_at": "2026-01-01T09:00",
            "closes_at": "2030-01-01T09:00",
            "retention_days": "60",
            **management("questions", 1, 1),
            **management("criteria", 0),
            "questions-0-text": "Old?",
            "questions-0-kind": "text",
            "questions-0-DELETE": "on",
        },
    )

    assert page.context["questions"].forms[0]["text"].value() == "Old?"
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.title_en == "Board 2027 (extended)"
    assert not call.questions.filter(pk=question.pk).exists()


# --- The ranked table and decisions -----------------------------------------------------------------------


def test_ranked_table_orders_by_weighted_score_and_flags_term_limits(client, call, role, organizer_a):
    role.term_limit = 1
    role.save()
    vision = ScoringCriterionFactory(call=call, weight=3)
    record = ScoringCriterionFactory(call=call, weight=1)
    low = NominationFactory(call=call, role=role, state=NominationState.IN_REVIEW, nominee_name="Low")
    high = NominationFactory(call=call, role=role, state=NominationState.IN_REVIEW, nominee_name="High")
    for nomination, scores in ((low, (1, 5)), (high, (5, 1))):
        review = ReviewFactory(nomination=nomination)
        ReviewScoreFactory(review=review, criterion=vision, score=scores[0])
        ReviewScoreFactory(review=review, criterion=record, score=scores[1])
    veteran = UserFactory(username="veteran")
    RoleHolderFactory(role=role, person=veteran.person)
    flagged = NominationFactory(
        call=call, role=role, state=NominationState.ACCEPTED, person=veteran.person, nominee_name="Vet"
    )
    NominationFactory(call=call, state=NominationState.INVITED, nominee_name="Not yet")
    client.force_login(organizer_a)

    response = client.get(reverse("nominations:call_manage", args=[call.pk]))

    rows = response.context["nominations"]
    assert [n.nominee_name for n in rows] == ["High", "Low", "Vet"]
    assert [round(n.weighted_score, 2) if n.weighted_score is not None else None for n in rows] == [
        4.0,
        2.0,
        None,
    ]
    assert [n.term_limit_reached for n in rows] == [False, False, True]
    content = response.content.decode()
    assert "Term limit reached (1 term served)" in content
    assert "Not yet" not in content
    assert flagged.pk in [n.pk for n in rows]


@pytest.mark.parametrize("count", [1, 3])
def test_ranked_table_query_count_does_not_grow(client, django_assert_num_queries, call, organizer_a, count):
    criterion = ScoringCriterionFactory(call=call)
    for _index in range(count):
        review = ReviewFactory(nomination=NominationFactory(call=call, state=NominationState.IN_REVIEW))
        ReviewScoreFactory(review=review, criterion=criterion)
    client.force_login(organizer_a)

    with django_assert_num_queries(8):  # the page's rows, and their count for the pagination
        response = client.get(reverse("nominations:call_manage", args=[call.pk]))

    assert len(response.context["nominations"]) == count


def test_ranked_table_pages_by_fifty_and_ranks_across_pages(client, call, organizer_a):
    NominationFactory.create_batch(51, call=call, state=NominationState.ACCEPTED)
    client.force_login(organizer_a)
    url = reverse("nominations:call_manage", args=[call.pk])

    first = client.get(url)
    second = client.get(url, {"page": 2})
    beyond = client.get(url, {"page": "x"})

    assert (len(first.context["nominations"]), len(second.context["nominations"])) == (50, 1)
    assert "<td>51</td>" in second.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    assert [n.pk for n in beyond.context["nominations"]] == [n.pk for n in first.context["nominations"]]


def test_ranked_table_rows_are_plain_labelled_controls_that_post_to_the_row(client, call, role, organizer_a):
    second = RoleFactory(organization=call.organization, title="Secretary", title_en="Secretary")
    call.roles.add(second)
    nomination = NominationFactory(call=call, state=NominationState.IN_REVIEW)
    client.force_login(organizer_a)

    response = client.get(reverse("nominations:call_manage", args=[call.pk]))

    row = response.context["nominations"][0]
    assert not hasattr(row, "decision_form")  # no form instance per row
    page = response.content.decode()
    prefix = f"id_n{nomination.pk}"
    assert f'action="/en/nominations/{nomination.pk}/decide/?page=1"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    for name in ("action", "role", "seat"):
        assert f'<label for="{prefix}-{name}" class="visually-hidden">' in page
    assert f'name="n{nomination.pk}-action" class="cdx-select" required id="{prefix}-action">' in page
    assert '<option value="appoint">Appoint</option>' in page
    assert f'<option value="{second.pk}">Secretary</option>' in page


@pytest.mark.parametrize(
    ("posted", "error"),
    [
        ({"action": "appoint", "seat": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"action": "appoint", "seat": "2"}, "that change is not possible now."),  # the service refuses
    ],
    ids=["form", "service"],
)
def test_a_refused_decision_shows_the_table_again_with_the_rows_choices(
    client, call, organizer_a, posted, error
):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED, person=UserFactory().person)
    client.force_login(organizer_a)
    prefix = f"n{nomination.pk}"

    response = client.post(
        reverse("nominations:nomination_decide", args=[nomination.pk]) + "?page=1",
        {f"{prefix}-{name}": value for name, value in posted.items()},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert f'aria-invalid="true" aria-describedby="id_{prefix}-errors"' in page
    assert '<option value="appoint" selected>Appoint</option>' in page
    assert (
        f'name="{prefix}-seat" placeholder="Seat" min="1" max="500" class="cdx-text-input__input" id="id_{prefix}-seat" value="{posted["seat"]}">'
        in page
    )
    assert error in page
    nomination.refresh_from_db()
    assert nomination.state == NominationState.ACCEPTED


def test_organizer_shortlists_then_appoints_and_the_person_holds_the_role(client, call, role, organizer_a):
    nominee = UserFactory(username="ana")
    nomination = NominationFactory(
        call=call, role=role, state=NominationState.IN_REVIEW, person=nominee.person
    )
    client.force_login(organizer_a)
    url = reverse("nominations:nomination_decide", args=[nomination.pk])
    prefix = f"n{nomination.pk}"

    shortlisted = client.post(url, {f"{prefix}-action": "shortlist"})
    appointed = client.post(url, {f"{prefix}-action": "appoint", f"{prefix}-seat": "2"})

    assert shortlisted["Location"] == f"/en/nominations/calls/{call.pk}/manage/"
    assert appointed.status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPOINTED
    holder = RoleHolder.objects.get(role=role)
    assert (holder.person, holder.seat) == (nominee.person, 2)


def test_a_transition_that_is_not_allowed_says_why(client, call, organizer_a):
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED, person=UserFactory().person)
    client.force_login(organizer_a)

    response = client.post(
        reverse("nominations:nomination_decide", args=[nomination.pk]),
        {f"n{nomination.pk}-action": "appoint"},
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["This nomination is “Accepted by the nominee”: that change is not possible now."]
    nomination.refresh_from_db()
    assert nomination.state == NominationState.ACCEPTED


def test_an_unknown_decision_says_so(client, call, organizer_a):
    nomination = NominationFactory(call=call, state=NominationState.IN_REVIEW)
    client.force_login(organizer_a)

    response = client.post(
        reverse("nominations:nomination_decide", args=[nomination.pk]),
        {f"n{nomination.pk}-action": "promote"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["Choose one of the decisions."]


def test_decisions_on_a_nomination_not_yet_accepted_are_forbidden(client, call, organizer_a):
    nomination = NominationFactory(call=call, state=NominationState.INVITED)
    client.force_login(organizer_a)

    response = client.post(
        reverse("nominations:nomination_decide", args=[nomination.pk]),
        {f"n{nomination.pk}-action": "shortlist"},
    )

    assert response.status_code == 403


def test_closed_call_calls_are_edited_still(client, org_a, organizer_a):
    now = timezone.now()
    closed = NominationCallFactory(
        organization=org_a,
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=1),
    )
    client.force_login(organizer_a)

    assert client.get(reverse("nominations:call_edit", args=[closed.pk])).status_code == 200


def test_editing_a_call_keeps_its_questions_and_their_answers(client, call, organizer_a):
    question = CallQuestionFactory(call=call, text="Which projects?", text_en="Which projects?")
    criterion = ScoringCriterionFactory(call=call, name="Vision", name_en="Vision")
    answer = NominationAnswerFactory(question=question, nomination=NominationFactory(call=call))
    client.force_login(organizer_a)

    response = client.post(
        reverse("nominations:call_edit", args=[call.pk]),
        {
            "title_en": "Board 2027",
            "opens_at": "2026-01-01T09:00",
            "retention_days": "60",
            **management("questions", 1, 1),
            **management("criteria", 1, 1),
            "questions-0-id": str(question.pk),
            "questions-0-text": "Which projects, and when?",
            "questions-0-kind": "text",
            "criteria-0-id": str(criterion.pk),
            "criteria-0-name": "Vision",
            "criteria-0-weight": "4",
        },
    )

    assert response.status_code == 302
    question.refresh_from_db()
    criterion.refresh_from_db()
    assert question.text_en == "Which projects, and when?"
    assert criterion.weight == 4
    assert NominationAnswer.objects.filter(pk=answer.pk).exists()


def test_editing_a_call_with_a_question_of_another_call_is_refused(client, call, organizer_a):
    foreign = CallQuestionFactory()
    client.force_login(organizer_a)

    response = client.post(
        reverse("nominations:call_edit", args=[call.pk]),
        {
            "title_en": "Board 2027",
            "opens_at": "2026-01-01T09:00",
            "retention_days": "60",
            **management("questions", 1),
            **management("criteria", 0),
            "questions-0-id": str(foreign.pk),
            "questions-0-text": "Hijacked?",
            "questions-0-kind": "text",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["A question does not belong to this call."]
    foreign.refresh_from_db()
    assert foreign.text != "Hijacked?"


def test_a_decision_without_an_action_says_so(client, call, organizer_a):
    nomination = NominationFactory(call=call, state=NominationState.IN_REVIEW)
    client.force_login(organizer_a)

    response = client.post(reverse("nominations:nomination_decide", args=[nomination.pk]), {}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Choose one of the decisions."]
    nomination.refresh_from_db()
    assert nomination.state == NominationState.IN_REVIEW


def test_call_form_opens_the_languages_that_have_text(client, call, organizer_a):
    call.title_fr = "Conseil 2027"
    call.save()
    client.force_login(organizer_a)

    form = client.get(reverse("nominations:call_edit", args=[call.pk])).context["form"]

    assert [(group["code"], group["open"]) for group in form.language_groups()] == [
        ("en", True),
        ("fr", True),
        ("es", False),
        ("pt-br", False),
        ("id", False),
        ("ar", False),
    ]
