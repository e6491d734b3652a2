"""Enrollment under arbitrary input: the one-click enroll and cancel forms, and the learner's feedback form.

Enrolling takes no field: whatever else is posted is ignored. Cancelling takes a `next` address, which must
never send the learner to another site. The feedback comment is saved when valid and organisers read it
escaped.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from hypothesis import event, example, given
from hypothesis import strategies as st

from tests.factories.roles import PersonFactory, UserFactory
from tests.factories.training import CourseFactory, EnrollmentFactory, FeedbackFactory, TrainingSessionFactory
from training.enums import EnrollmentState
from training.forms import FeedbackForm
from training.models import Enrollment, Feedback, TrainingSession

from .strategies import (
    any_character,
    assert_shown_escaped,
    clean_text,
    example_rolled_back,
    fuzz_settings,
    hostile_text,
)

pytestmark = pytest.mark.django_db

URLENCODED = "application/x-www-form-urlencoded"  # what a browser sends for a form without files

next_addresses = st.one_of(
    st.sampled_from(
        [
            "/en/training/",
            "//evil.example/",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "http://testserver/en/me/",
            "javascript:alert(1)",
            " //evil.example",
            "/\t/evil.example",
            "/en/me/\r\nSet-Cookie: x=1",
            "http:/\\/evil.example",
            "/%0d%0aLocation:evil",
            "/ü/李/",
        ]
    ),
    hostile_text(4),
    st.builds(lambda a, b: f"{a}{b}", st.sampled_from(["/", "//", "http://", "\\"]), hostile_text(2)),
)
extra_fields = st.dictionaries(hostile_text(2), hostile_text(3), max_size=4)


@pytest.fixture
def session(org_a) -> TrainingSession:
    return TrainingSessionFactory(course=CourseFactory(organization=org_a), capacity=1)


@fuzz_settings(15)
@given(extra=extra_fields, target=next_addresses)
@example(extra={"next": "x"}, target="/en/training/?q=李")
@example(extra={}, target="Ada Lovelace")  # was a 500: redirect() took it for a URL name
@example(extra={}, target="roles:me")
@example(extra={}, target="//\x0b")  # passed the check stripped, and redirected to "//%0B" unstripped
def test_enroll_and_cancel_with_any_input_never_fail_nor_leave_the_site(session, extra, target):
    learner = UserFactory(username="fuzz-learner")
    with example_rolled_back():
        client = Client()
        client.force_login(learner)

        enrolled = client.post(
            reverse("training:session_enroll", args=[session.pk]), urlencode(extra), content_type=URLENCODED
        )

        detail = reverse("training:session_detail", args=[session.pk])
        enrollment = Enrollment.objects.get(person=learner.person, session=session)
        assert (enrolled.status_code, enrolled["Location"]) == (302, detail)
        assert enrollment.state == EnrollmentState.CONFIRMED

        cancelled = client.post(
            reverse("training:enrollment_cancel", args=[enrollment.pk]),
            urlencode({**extra, "next": target}),
            content_type=URLENCODED,
        )

        location = urlsplit(cancelled["Location"])
        event("redirected to next" if cancelled["Location"] != detail else "redirected to the session")
        assert cancelled.status_code == 302
        assert (location.scheme, location.netloc) in {("", ""), ("http", "testserver")}
        assert not location.path.startswith(("//", "/\\"))
        if cancelled["Location"] != detail:
            assert cancelled["Location"] == iri_to_uri(target.strip())
        enrollment.refresh_from_db()
        assert enrollment.state == EnrollmentState.CANCELLED


comments = st.one_of(
    st.just(""),
    clean_text(8, multiline=True),
    hostile_text(8),
    st.text(any_character, min_size=1990, max_size=2010),  # around the 2000 characters allowed
)


@pytest.fixture
def ended_session(org_a) -> TrainingSession:
    """An ended session with four answers already: the fifth makes organisers see the comments."""
    starts = (timezone.now() - datetime.timedelta(days=2)).replace(microsecond=0)
    session = TrainingSessionFactory(
        course=CourseFactory(organization=org_a),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    for _ in range(4):
        FeedbackFactory(
            enrollment=EnrollmentFactory(session=session, person=PersonFactory(), state="attended")
        )
    return session


@fuzz_settings(10)
@given(comment=comments, rating=st.sampled_from(["5", "1", "3", "0", "<b>", ""]))
@example(comment="Useful\x1f", rating="5")  # the form said valid, the model's validator not
def test_feedback_with_any_comment_never_fails_and_organisers_read_it_escaped(
    ended_session, organizer_a, comment, rating
):
    learner = UserFactory(username="fuzz-learner")
    organizer = Client()
    organizer.force_login(organizer_a)
    data = {"rating": rating, "comment": comment}
    with example_rolled_back():
        EnrollmentFactory(session=ended_session, person=learner.person, state=EnrollmentState.ATTENDED)
        client = Client()
        client.force_login(learner)
        form = FeedbackForm(data)
        valid = form.is_valid()  # never raises

        response = client.post(reverse("training:session_feedback", args=[ended_session.pk]), data)

        event(f"form valid: {valid}, status {response.status_code}")
        if valid:
            assert response.status_code == 302, response.context["form"].errors
            feedback = Feedback.objects.get(enrollment__person=learner.person)
            assert (feedback.rating, feedback.comment) == (
                form.cleaned_data["rating"],
                form.cleaned_data["comment"].strip(),
            )
            page = organizer.get(reverse("training:session_detail", args=[ended_session.pk]))
            assert page.status_code == 200
            assert_shown_escaped(page.content.decode(), feedback.comment)
        else:
            assert response.status_code == 200
            assert response.context["form"].errors
            assert Feedback.objects.filter(enrollment__person=learner.person).count() == 0
            assert_shown_escaped(response.content.decode(), comment)
