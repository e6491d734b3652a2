"""The training pages' authorization matrix, in the shape of tests/test_authorization_matrix.py.

Columns: the six actors of the main table, plus "learner" (an account holding a seat in the session, and a
seat in a session that has ended). Every URL name of training/urls.py has an entry; the main file counts
this module's keys toward its URL coverage.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.training import CourseFactory, EnrollmentFactory, TrainingSessionFactory
from tests.test_authorization_matrix import ACTORS as BASE_ACTORS
from tests.test_authorization_matrix import (
    Spec,
    actors_world,
    assert_status_as,
    assert_world_built_once_and_untouched,
    matrix_cases,
    named,
    world_fixtures,
)
from training.enums import SessionStatus
from training.services import learner_feed_token

ACTORS = (*BASE_ACTORS, "learner")


def same(status: int) -> tuple[int, ...]:
    return (status,) * len(ACTORS)


#                    anon plain org_a org_b hub_a staff learner
SIGNED_IN_ONLY = (302, 200, 200, 200, 200, 200, 200)
TRAINING_MANAGERS = (302, 403, 200, 200, 200, 200, 403)  # of any organisation
MANAGERS_OF_A = (302, 403, 200, 403, 200, 200, 403)
POST_ONLY_MANAGERS_OF_A = (302, 403, 405, 403, 405, 405, 403)
ONLY_MANAGERS_SEE_A_DRAFT = (404, 404, 200, 404, 200, 200, 404)

course_pk: Callable[[dict[str, Any]], Any] = lambda w: w["course"].pk  # noqa: E731
session_pk: Callable[[dict[str, Any]], Any] = lambda w: w["session"].pk  # noqa: E731
draft_pk: Callable[[dict[str, Any]], Any] = lambda w: w["draft"].pk  # noqa: E731
past_pk: Callable[[dict[str, Any]], Any] = lambda w: w["past"].pk  # noqa: E731

MATRIX: dict[str, Spec] = {
    "training:course_list": Spec(named("training:course_list"), get=same(200)),
    "training:course_create": Spec(
        named("training:course_create"), get=TRAINING_MANAGERS, post=TRAINING_MANAGERS
    ),  # an empty form comes back with its errors
    "training:course_detail": Spec(named("training:course_detail", pk=course_pk), get=same(200)),
    "training:course_edit": Spec(
        named("training:course_edit", pk=course_pk), get=MANAGERS_OF_A, post=MANAGERS_OF_A
    ),
    "training:session_create": Spec(
        named("training:session_create", pk=course_pk), get=TRAINING_MANAGERS, post=TRAINING_MANAGERS
    ),
    "training:session_detail": Spec(named("training:session_detail", pk=session_pk), get=same(200)),
    "training:session_detail:draft": Spec(
        named("training:session_detail", pk=draft_pk), get=ONLY_MANAGERS_SEE_A_DRAFT
    ),
    "training:session_edit": Spec(
        named("training:session_edit", pk=session_pk), get=MANAGERS_OF_A, post=MANAGERS_OF_A
    ),
    "training:session_edit:draft": Spec(named("training:session_edit", pk=draft_pk), get=MANAGERS_OF_A),
    "training:session_publish": Spec(
        named("training:session_publish", pk=draft_pk),
        get=POST_ONLY_MANAGERS_OF_A,
        post=(302, 403, 302, 403, 302, 302, 403),
    ),
    "training:session_cancel": Spec(
        named("training:session_cancel", pk=session_pk),
        get=MANAGERS_OF_A,
        post=MANAGERS_OF_A,  # without the confirmation ticked, the page comes back with its error
    ),
    "training:session_cancel:confirmed": Spec(
        named("training:session_cancel", pk=draft_pk),
        post=(302, 403, 302, 403, 302, 302, 403),
        post_data={"confirm": "on"},
    ),
    "training:session_enroll": Spec(
        named("training:session_enroll", pk=session_pk),
        get=(302, 405, 405, 405, 405, 405, 405),
        post=same(302),  # enrolled, waitlisted, or told why not; the anonymous visitor is sent to log in
    ),
    "training:session_enroll:draft": Spec(
        named("training:session_enroll", pk=draft_pk),
        post=(302, 403, 403, 403, 403, 302, 403),  # staff (superuser) is told the draft is not open yet
    ),
    "training:session_attendance": Spec(
        named("training:session_attendance", pk=session_pk),
        get=MANAGERS_OF_A,
        post=(302, 403, 400, 403, 400, 400, 403),  # an empty mark is refused with its error
    ),
    "training:session_feedback": Spec(
        named("training:session_feedback", pk=past_pk),
        get=(302, 404, 404, 404, 404, 404, 200),
        post=(302, 404, 404, 404, 404, 404, 200),  # an empty rating comes back with its error
    ),
    "training:enrollment_cancel": Spec(
        named("training:enrollment_cancel", pk=lambda w: w["enrollment"].pk),
        get=(302, 403, 405, 403, 405, 405, 405),
        post=(302, 403, 302, 403, 302, 302, 302),
    ),
    "training:calendar": Spec(named("training:calendar"), get=same(200)),
    "training:my_trainings": Spec(named("training:my_trainings"), get=SIGNED_IN_ONLY),
    "training:feed_rotate": Spec(
        named("training:feed_rotate"),
        get=(302, 405, 405, 405, 405, 405, 405),
        post=(302, 302, 302, 302, 302, 302, 302),
    ),
    "training:session_ics": Spec(named("training:session_ics", pk=session_pk), get=same(200)),
    "training:session_ics:draft": Spec(
        named("training:session_ics", pk=draft_pk), get=ONLY_MANAGERS_SEE_A_DRAFT
    ),
    "training:organization_ics": Spec(
        named("training:organization_ics", slug=lambda w: w["org_a"].slug), get=same(200)
    ),
    "training:learner_ics": Spec(named("training:learner_ics", token=lambda w: w["token"]), get=same(200)),
    "training:learner_ics:unknown": Spec(
        named("training:learner_ics", token=lambda w: "not-a-token"), get=same(404)
    ),
}


def build_world() -> dict[str, Any]:
    base = actors_world()
    course = CourseFactory(organization=base["org_a"], title="Matrix course", title_en="Matrix course")
    session = TrainingSessionFactory(course=course, capacity=5)
    draft = TrainingSessionFactory(course=course, status=SessionStatus.DRAFT)
    ended = timezone.now() - datetime.timedelta(days=2)
    past = TrainingSessionFactory(
        course=course,
        starts_at=ended - datetime.timedelta(hours=2),
        ends_at=ended,
        enrollment_deadline=ended - datetime.timedelta(hours=2),
    )
    learner = UserFactory(username="learner")
    enrollment = EnrollmentFactory(session=session, person=learner.person)
    EnrollmentFactory(session=past, person=learner.person)
    return {
        "org_a": base["org_a"],
        "course": course,
        "session": session,
        "draft": draft,
        "past": past,
        "enrollment": enrollment,
        "token": learner_feed_token(person=learner.person),
        "users": {**base["users"], "learner": learner},
    }


world_built_once, world = world_fixtures(build_world)


def test_every_training_url_name_has_an_entry():
    from training.urls import urlpatterns

    names = {f"training:{pattern.name}" for pattern in urlpatterns}
    assert sorted(names - set(MATRIX)) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "actor", "method", "expected"), list(matrix_cases(MATRIX, ACTORS)))
def test_training_authorization_matrix(client, world, key, actor, method, expected):
    assert_status_as(client, world, MATRIX[key], key, actor, method, expected)


def test_world_is_built_once_for_the_module_and_no_case_leaves_a_change(world):
    assert_world_built_once_and_untouched(__name__)
