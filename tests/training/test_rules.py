"""Every training permission, for every kind of actor: a table test of training/rules.py."""

import pytest
from django.contrib.auth.models import AnonymousUser

from roles.enums import Capacity
from tests.factories import MembershipFactory, UserFactory
from tests.factories.training import CourseFactory, EnrollmentFactory, TrainingSessionFactory
from training.enums import EnrollmentState, SessionStatus

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "plain", "other_organizer", "organizer", "hub_coordinator", "staff", "learner"]


@pytest.fixture
def world(org_a, organizer_a, organizer_b, hub_coordinator_a, plain_user, staff_user):
    """A course and its sessions of org_a, a session of it run by org_b, and a learner in each."""
    learner = UserFactory(username="learner")
    course = CourseFactory(organization=org_a)
    published = TrainingSessionFactory(course=course)
    draft = TrainingSessionFactory(course=course, status=SessionStatus.DRAFT)
    elsewhere = TrainingSessionFactory(
        course=course, organization=organizer_b.person.memberships.get().organization
    )
    enrollment = EnrollmentFactory(session=published, person=learner.person)
    elsewhere_enrollment = EnrollmentFactory(session=elsewhere, person=learner.person)
    waitlisted = EnrollmentFactory(
        session=published, state=EnrollmentState.WAITLISTED, waitlist_position=1, person=UserFactory().person
    )
    users = {
        "anonymous": AnonymousUser(),
        "plain": plain_user,
        "other_organizer": organizer_b,
        "organizer": organizer_a,
        "hub_coordinator": hub_coordinator_a,
        "staff": staff_user,
        "learner": learner,
    }
    objects = {
        "org": org_a,
        "course": course,
        "published": published,
        "draft": draft,
        "elsewhere": elsewhere,
        "enrollment": enrollment,
        "elsewhere_enrollment": elsewhere_enrollment,
        "waitlisted": waitlisted,
    }
    return users, objects


def allowed(world, perm, obj_name):
    users, objects = world
    obj = objects[obj_name] if obj_name else None
    return [actor for actor in ACTORS if users[actor].has_perm(perm, obj)]


@pytest.mark.parametrize(
    ("perm", "obj", "expected"),
    [
        ("training.view_course", "course", ACTORS),
        (
            "training.add_course",
            None,
            ["plain", "other_organizer", "organizer", "hub_coordinator", "staff", "learner"],
        ),
        ("training.add_course_for", "org", ["organizer", "hub_coordinator", "staff"]),
        ("training.change_course", "course", ["organizer", "hub_coordinator", "staff"]),
        ("training.delete_course", "course", ["organizer", "hub_coordinator", "staff"]),
        ("training.schedule_session_for", "org", ["organizer", "hub_coordinator", "staff"]),
        ("training.view_trainingsession", "published", ACTORS),
        ("training.view_trainingsession", "draft", ["organizer", "hub_coordinator", "staff"]),
        ("training.change_trainingsession", "published", ["organizer", "hub_coordinator", "staff"]),
        ("training.manage_session", "published", ["organizer", "hub_coordinator", "staff"]),
        # A session organised by another organisation is theirs to manage, not the course owner's.
        ("training.manage_session", "elsewhere", ["other_organizer", "staff"]),
        ("training.view_enrollments", "published", ["organizer", "hub_coordinator", "staff"]),
        ("training.mark_attendance", "elsewhere", ["other_organizer", "staff"]),
        ("training.view_online_url", "published", ["organizer", "hub_coordinator", "staff", "learner"]),
        ("training.view_online_url", "draft", ["organizer", "hub_coordinator", "staff"]),
        (
            "training.enroll",
            "published",
            ["plain", "other_organizer", "organizer", "hub_coordinator", "staff", "learner"],
        ),
        ("training.enroll", "draft", ["staff"]),  # the staff fixture is a superuser: Django allows it all
        ("training.view_enrollment", "enrollment", ["organizer", "hub_coordinator", "staff", "learner"]),
        ("training.view_enrollment", "elsewhere_enrollment", ["other_organizer", "staff", "learner"]),
        ("training.cancel_enrollment", "enrollment", ["organizer", "hub_coordinator", "staff", "learner"]),
        ("training.cancel_enrollment", "waitlisted", ["organizer", "hub_coordinator", "staff"]),
        ("training.mark_enrollment", "enrollment", ["organizer", "hub_coordinator", "staff"]),
        ("training.give_feedback", "enrollment", ["staff", "learner"]),
        ("training.give_feedback_enrollment", "elsewhere_enrollment", ["staff", "learner"]),
    ],
)
def test_training_permission_table(world, perm, obj, expected):
    assert allowed(world, perm, obj) == expected


def test_a_member_who_is_not_organizer_manages_nothing(world, org_a):
    _users, objects = world
    member = UserFactory(username="member-a")
    MembershipFactory(person=member.person, organization=org_a, capacity=Capacity.MEMBER)
    assert [
        member.has_perm("training.change_course", objects["course"]),
        member.has_perm("training.manage_session", objects["published"]),
        member.has_perm("training.view_enrollments", objects["published"]),
        member.has_perm("training.add_course_for", org_a),
    ] == [False, False, False, False]


def test_staff_who_are_not_superusers_manage_through_the_rules(world):
    _users, objects = world
    staff = UserFactory(username="staff-only", is_staff=True)
    assert [
        staff.has_perm("training.manage_session", objects["elsewhere"]),
        staff.has_perm("training.change_course", objects["course"]),
        staff.has_perm("training.view_enrollment", objects["enrollment"]),
        staff.has_perm("training.enroll", objects["draft"]),
        staff.has_perm("training.give_feedback", objects["enrollment"]),
    ] == [True, True, True, False, False]


def test_an_inactive_staff_account_manages_nothing(world):
    users, objects = world
    staff = users["staff"]
    staff.is_active = False
    staff.is_superuser = False
    assert staff.has_perm("training.manage_session", objects["published"]) is False
