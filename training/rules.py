"""Object permissions of courses, sessions, enrollments and feedback, as django-rules predicates.

Organizers and hub coordinators of a course's owning organisation edit the course; those of a session's
organising organisation (which may differ) manage the session, its enrollments and attendance; learners see
and cancel their own enrollments and give feedback; nobody else sees who enrolled. Staff may do everything.
Used by views (permission_required), templates ({% has_perm %}) and the API (RulesPermission) alike.
"""

from __future__ import annotations

from typing import Any

import rules
from rules import always_allow, is_authenticated

from roles.enums import Capacity
from roles.rules import is_staff, org_capacities, org_capacity

from .enums import EnrollmentState, SessionStatus

__all__ = ["always_allow", "is_authenticated", "is_staff"]

TRAINING_CAPACITIES = (Capacity.ORGANIZER, Capacity.HUB_COORDINATOR)


def _person_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


@rules.predicate
def manages_any_organization(user: Any) -> bool:
    """The user is an organizer or hub coordinator somewhere (may schedule trainings for it)."""
    return any(capacity in TRAINING_CAPACITIES for capacity in org_capacities(user).values())


@rules.predicate
def is_org_training_manager(user: Any, organization: Any) -> bool:
    """Organizer or hub coordinator of the organisation (with no organisation: of any)."""
    if organization is None:
        return bool(manages_any_organization(user))
    return org_capacity(user, organization.pk) in TRAINING_CAPACITIES


@rules.predicate
def is_course_organizer(user: Any, course: Any) -> bool:
    return course is not None and org_capacity(user, course.organization_id) in TRAINING_CAPACITIES


@rules.predicate
def is_session_organizer(user: Any, session: Any) -> bool:
    return session is not None and org_capacity(user, session.organization_id) in TRAINING_CAPACITIES


@rules.predicate
def is_session_public(user: Any, session: Any) -> bool:
    """Published, finished and cancelled sessions are public; drafts are seen by their managers."""
    return session is not None and session.status != SessionStatus.DRAFT


@rules.predicate
def is_session_learner(user: Any, session: Any) -> bool:
    """The user holds a seat in the session (confirmed, attended, completed or no-show)."""
    person_id = _person_id(user)
    if session is None or person_id is None:
        return False
    from .models import Enrollment

    return Enrollment.objects.filter(
        session=session, person_id=person_id, state__in=EnrollmentState.seat_holding()
    ).exists()


@rules.predicate
def is_enrollment_learner(user: Any, enrollment: Any) -> bool:
    person_id = _person_id(user)
    return enrollment is not None and person_id is not None and enrollment.person_id == person_id


@rules.predicate
def is_enrollment_session_organizer(user: Any, enrollment: Any) -> bool:
    return (
        enrollment is not None
        and org_capacity(user, enrollment.session.organization_id) in TRAINING_CAPACITIES
    )


@rules.predicate
def is_feedback_learner(user: Any, feedback: Any) -> bool:
    return feedback is not None and is_enrollment_learner(user, feedback.enrollment)


is_course_manager = is_course_organizer | is_staff
is_session_manager = is_session_organizer | is_staff
is_enrollment_manager = is_enrollment_session_organizer | is_staff
can_manage_trainings_for = is_authenticated & (is_org_training_manager | is_staff)
can_view_session = is_session_public | is_session_manager
can_view_online_url = is_session_manager | is_session_learner
can_view_enrollment = is_enrollment_learner | is_enrollment_manager
can_cancel_enrollment = is_enrollment_learner | is_enrollment_manager

# Names used by views, templates and the API besides the models' own (<action>_<model>) permissions.
rules.add_perm("training.add_course_for", can_manage_trainings_for)  # object: the owning organisation
rules.add_perm(
    "training.schedule_session_for", can_manage_trainings_for
)  # object: the organising organisation
rules.add_perm("training.manage_session", is_session_manager)
rules.add_perm("training.view_enrollments", is_session_manager)
rules.add_perm("training.mark_attendance", is_session_manager)
rules.add_perm("training.view_online_url", can_view_online_url)
rules.add_perm("training.enroll", is_authenticated & is_session_public)
rules.add_perm("training.give_feedback", is_enrollment_learner)
