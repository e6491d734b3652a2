"""`manage.py check_consistency`: passes on data the services wrote, fails on each kind of violation."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from post_office.models import STATUS, Email

from leadership.common.emails import email_unsubscribe, unsubscribe_token
from leadership.common.enums import EmailKind
from nominations import services as nomination_services
from nominations.models import Nomination
from tests.factories import PersonFactory, UserFactory
from tests.factories.nominations import NominationCallFactory, NominationFactory, ReviewScoreFactory
from tests.factories.training import EnrollmentFactory, TrainingSessionFactory
from training import services as training_services
from training.enums import EnrollmentState
from training.models import Enrollment, TrainingSession

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("check_consistency", *args, stdout=out)
    return out.getvalue()


def failure(*args):
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("check_consistency", *args, stdout=out)
    return str(error.value), out.getvalue()


def email(**fields):
    return Email.objects.create(from_email="registry@example.org", subject="s", message="m", **fields)


@pytest.fixture
def busy_session():
    """A two-seat session filled and waitlisted through the services, with a cancellation that promoted."""
    session = TrainingSessionFactory(capacity=2)
    people = [PersonFactory(email=f"learner{n}@example.org") for n in range(5)]
    enrollments = [training_services.enrollment_create(session=session, person=person) for person in people]
    training_services.enrollment_cancel(enrollment=enrollments[0])  # the first waitlisted learner is promoted
    training_services.enrollment_cancel(enrollment=enrollments[3])  # a waitlisted learner leaves: gap closed
    return session


def test_check_consistency_passes_on_data_written_by_the_services(
    busy_session, django_capture_on_commit_callbacks
):
    call = NominationCallFactory()
    with django_capture_on_commit_callbacks(execute=True):
        nomination_services.nomination_submit(
            call=call,
            data={"nominee_name": "Ana", "nominee_email": "ana@example.org", "statement": "Leads well."},
            nominator_email="nominator@example.org",
        )
        nomination_services.nomination_submit(
            call=call,
            data={"nominee_name": "Bo", "nominee_email": "bo@example.org", "statement": "Mentors everyone."},
            nominator=UserFactory(),
        )

    output = run()

    assert output.splitlines()[:4] == [
        "Seats: no session above its capacity, counters match the enrollments: ok",
        "Waitlists: positions unique and contiguous (1..n): ok",
        "Outbox: every email sent or still queued, none failed: ok",
        "Nominations: each one waiting for an answer has its email: ok",
    ]
    assert output.splitlines()[-1] == "The database is consistent."
    assert list(
        Enrollment.objects.filter(session=busy_session, state=EnrollmentState.WAITLISTED)
        .order_by("waitlist_position")
        .values_list("waitlist_position", flat=True)
    ) == [1]
    assert Email.objects.filter(status=STATUS.sent).count() == 3  # promotion, verification, consent


def test_check_consistency_fails_on_more_learners_than_seats():
    session = TrainingSessionFactory(capacity=2)
    for _ in range(3):
        Enrollment.objects.create(session=session, person=PersonFactory(), state=EnrollmentState.CONFIRMED)
    TrainingSession.objects.filter(pk=session.pk).update(confirmed_count=2)

    message, output = failure()

    assert message == "The database is not consistent: 1 violation(s), listed above."
    assert (
        f"  - Training session {session.pk}: 3 learners hold a seat, its counter says 2, it has 2 seats."
        in output.splitlines()
    )
    assert "Seats: no session above its capacity, counters match the enrollments: 1 FAILED" in output


def test_check_consistency_fails_on_a_counter_that_lost_track():
    session = TrainingSessionFactory(capacity=5)
    EnrollmentFactory(session=session)
    TrainingSession.objects.filter(pk=session.pk).update(confirmed_count=0)

    _message, output = failure()

    assert (
        f"  - Training session {session.pk}: 1 learners hold a seat, its counter says 0, it has 5 seats."
        in (output.splitlines())
    )


def test_check_consistency_fails_on_a_stored_ranking_score_its_reviews_do_not_give():
    review = ReviewScoreFactory(score=4).review
    Nomination.objects.filter(pk=review.nomination_id).update(weighted_score=2.5)

    _message, output = failure()

    assert "Nominations: each stored ranking score is the one its reviews give: 1 FAILED" in output
    assert (
        f"  - Nomination {review.nomination_id}: its stored weighted score is 2.5 over 1 reviews; its reviews "
        "give 4.0 over 1." in output.splitlines()
    )


@pytest.mark.parametrize(
    ("positions", "detail"),
    [
        ((1, 1), "2 learners wait at 1 distinct positions from 1 to 1; expected positions 1 to 2."),
        ((1, 3), "2 learners wait at 2 distinct positions from 1 to 3; expected positions 1 to 2."),
        ((2,), "1 learners wait at 1 distinct positions from 2 to 2; expected positions 1 to 1."),
    ],
    ids=["duplicate", "gap", "not-from-one"],
)
def test_check_consistency_fails_on_a_broken_waitlist(positions, detail):
    session = TrainingSessionFactory(capacity=1)
    EnrollmentFactory(session=session)
    for position in positions:
        EnrollmentFactory(session=session, state=EnrollmentState.WAITLISTED, waitlist_position=position)

    _message, output = failure()

    assert f"  - Training session {session.pk}: {detail}" in output.splitlines()
    assert "Waitlists: positions unique and contiguous (1..n): 1 FAILED" in output
    assert "Seats: no session above its capacity, counters match the enrollments: ok" in output


def test_check_consistency_fails_on_a_failed_or_stateless_email():
    failed = email(to="a@example.org", status=STATUS.failed)
    stateless = email(to="b@example.org", status=None)
    email(to="c@example.org", status=STATUS.queued)

    message, output = failure()

    assert message == "The database is not consistent: 2 violation(s), listed above."
    assert f"  - Email {failed.pk} (failed): it will never be sent." in output.splitlines()
    assert f"  - Email {stateless.pk} (without a status): it will never be sent." in output.splitlines()


def test_check_consistency_since_leaves_older_emails_out():
    old = email(to="a@example.org", status=STATUS.failed)
    Email.objects.filter(pk=old.pk).update(created=timezone.now() - datetime.timedelta(days=2))
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()

    assert run("--since", since).splitlines()[-1] == "The database is consistent."
    _message, output = failure()
    assert f"  - Email {old.pk} (failed): it will never be sent." in output.splitlines()


def test_check_consistency_fails_on_a_nomination_without_its_email():
    invited = NominationFactory()  # invited, but no consent email was ever written
    unverified = NominationFactory(nominator=None, nominator_email="anon@example.org", state="submitted")

    message, output = failure()

    assert message == "The database is not consistent: 2 violation(s), listed above."
    assert f"  - Nomination {invited.pk} (invited) has no consent email to its nominee in the outbox." in (
        output.splitlines()
    )
    assert (
        f"  - Nomination {unverified.pk} (submitted) has no verification email to its nominator in the outbox."
        in output.splitlines()
    )


def test_check_consistency_accepts_a_nominee_who_unsubscribed():
    nomination = NominationFactory()
    email_unsubscribe(token=unsubscribe_token(address=nomination.nominee_email, kind=EmailKind.NOMINATION))

    assert run().splitlines()[-1] == "The database is consistent."


def test_check_consistency_writes_its_findings_as_json(tmp_path):
    session = TrainingSessionFactory(capacity=1)
    EnrollmentFactory(session=session, state=EnrollmentState.WAITLISTED, waitlist_position=2)
    email(to="c@example.org", status=STATUS.sent)
    path = tmp_path / "consistency.json"

    failure("--json", str(path))

    assert json.loads(path.read_text()) == {
        "ok": False,
        "violations": {
            "seats": [],
            "waitlists": [
                f"Training session {session.pk}: 1 learners wait at 1 distinct positions from 2 to 2; "
                "expected positions 1 to 1."
            ],
            "outbox": [],
            "nomination_emails": [],
            "nomination_scores": [],
        },
        "figures": {
            "emails": 1,
            "emails_sent": 1,
            "nominations": 0,
            "nominations_awaiting_an_answer": 0,
            "sessions": 1,
            "waitlisted": 1,
        },
    }


def test_check_consistency_rejects_a_bad_since():
    with pytest.raises(CommandError, match="--since takes an ISO 8601 date and time, not 'yesterday'"):
        call_command("check_consistency", "--since", "yesterday")
