"""Every write of the training app that has rules; views, forms, serializers, admin and tasks call these.

Seats: `TrainingSession.confirmed_count` counts the seat-holding enrollments. Every service that changes it
first locks the session's row (`select_for_update`), so that enrollments, cancellations and promotions of
one session happen one after the other: the counter never exceeds the capacity (a check constraint backs
it) and waitlist positions stay 1, 2, 3... without gaps or duplicates.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from leadership.common.emails import email_queue_template, emails_erase_address, site_link
from leadership.common.enums import EmailKind
from leadership.common.texts import search_text
from roles.enums import CompetencySource
from roles.models import Competency, Language, Organization, Person
from roles.services import person_competency_record

from .enums import CourseFormat, EnrollmentState, SessionStatus
from .models import Course, CourseCompetency, Enrollment, Feedback, LearnerFeed, TrainingSession

TRANSLATED_COURSE_FIELDS = ("title", "description")
SESSION_FIELDS = (
    "starts_at",
    "ends_at",
    "time_zone",
    "format",
    "venue",
    "city",
    "online_url",
    "language",
    "capacity",
    "enrollment_deadline",
)
FEEDBACK_WINDOW = datetime.timedelta(days=14)  # sessions that ended longer ago get no feedback request
REMINDER_AHEAD = datetime.timedelta(hours=24)


def _languages() -> list[str]:
    return list(settings.MODELTRANSLATION_LANGUAGES)


def _now() -> datetime.datetime:
    return timezone.now()


# --- Courses -----------------------------------------------------------------------------------------------


def course_search_text(course: Course) -> str:
    """Every language's title and description, lowercased, for the catalogue's search."""
    return search_text(course, TRANSLATED_COURSE_FIELDS)


def _set_competencies(course: Course, competencies: Iterable[tuple[Competency, int]]) -> None:
    """Make the course's competencies exactly these: add, change, remove; a competency at most once."""
    wanted: dict[int, tuple[Competency, int]] = {}
    for competency, level in competencies:
        if competency.pk in wanted:
            raise ValidationError(
                {
                    "competencies": _("%(competency)s is listed twice: a course develops a competency once.")
                    % {"competency": competency}
                }
            )
        if level not in (1, 2, 3, 4):
            raise ValidationError({"competencies": _("Choose a target level between 1 and 4.")})
        wanted[competency.pk] = (competency, level)
    existing = {link.competency_id: link for link in CourseCompetency.objects.filter(course=course)}
    for competency_id, link in existing.items():
        if competency_id not in wanted:
            link.delete()
    for competency_id, (competency, level) in wanted.items():
        current = existing.get(competency_id)
        if current is None:
            CourseCompetency.objects.create(course=course, competency=competency, target_level=level)
        elif current.target_level != level:
            current.target_level = level
            current.save(update_fields=["target_level", "updated_at"])


@transaction.atomic
def course_save(
    *,
    course: Course | None = None,
    organization: Organization,
    data: Mapping[str, Any],
    competencies: Iterable[tuple[Competency, int]],
    languages: Iterable[Language] | None = None,
) -> Course:
    """Create or update a course of an organisation, with the competencies it develops (and target levels).

    `data` holds the course's fields (per-language `title_en`..., `format`, `duration_minutes`,
    `materials_url`); its languages come in `languages` or as `data["languages"]`.
    """
    values = dict(data)
    if "languages" in values:
        languages = values.pop("languages")
    if course is None:
        course = Course(organization=organization)
    else:
        course = Course.objects.select_for_update().get(pk=course.pk)
        course.organization = organization
    for field, value in values.items():
        setattr(course, field, value)
    if not any(getattr(course, build_localized_fieldname("title", code), "") for code in _languages()):
        raise ValidationError({"title": _("Give the course a title in at least one language.")})
    course.search_text = course_search_text(course)
    course.full_clean(exclude=["search_text"])
    course.save()
    if languages is not None:
        course.languages.set(languages)
    _set_competencies(course, competencies)
    return course


# --- Sessions ----------------------------------------------------------------------------------------------


def capacity_below_confirmed_message(confirmed: int) -> str:
    return str(
        ngettext(
            "%(count)d learner is confirmed: the session needs at least that many seats.",
            "%(count)d learners are confirmed: the session needs at least that many seats.",
            confirmed,
        )
        % {"count": confirmed}
    )


def session_check(session: TrainingSession) -> None:
    """The rules of a session's fields beyond each field's own (forms and the admin call it too)."""
    errors: dict[str, Any] = {}
    for field in ("starts_at", "ends_at", "enrollment_deadline"):
        value = getattr(session, field)
        if isinstance(value, datetime.datetime) and timezone.is_naive(value):
            errors[field] = _("Give a date and time with its time zone.")
    if errors:
        raise ValidationError(errors)
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = _("The session must end after it starts.")
    if session.enrollment_deadline and session.ends_at and session.enrollment_deadline > session.ends_at:
        errors["enrollment_deadline"] = _("Enrollment must close before the session ends.")
    if session.format in (CourseFormat.IN_PERSON, CourseFormat.HYBRID) and not (
        session.venue or session.city
    ):
        errors["city"] = _("Give the venue or the city of a session held in person.")
    if session.capacity is not None and session.capacity < session.confirmed_count:
        errors["capacity"] = capacity_below_confirmed_message(session.confirmed_count)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_save(
    *,
    session: TrainingSession | None = None,
    course: Course,
    organization: Organization,
    data: Mapping[str, Any],
) -> TrainingSession:
    """Create (as a draft) or update a session of a course, organised by an organisation.

    Without an enrollment deadline, enrollment closes when the session starts. Adding seats to a session
    with a waitlist confirms the first waitlisted learners, who are told.
    """
    if session is None:
        session = TrainingSession(course=course, organization=organization, status=SessionStatus.DRAFT)
    else:
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if session.status in (SessionStatus.CANCELLED, SessionStatus.FINISHED):
            raise ValidationError(_("A cancelled or finished session can no longer be changed."))
        session.course = course
        session.organization = organization
    for field, value in data.items():
        if field not in SESSION_FIELDS:
            raise ValidationError(_("%(field)s cannot be set here.") % {"field": field})
        setattr(session, field, value)
    if session.enrollment_deadline is None:
        session.enrollment_deadline = session.starts_at
    session_check(session)
    session.full_clean(exclude=["confirmed_count"])
    session.save()
    if session.status == SessionStatus.PUBLISHED:
        _promote_waitlisted(session)
    return session


@transaction.atomic
def session_publish(*, session: TrainingSession) -> TrainingSession:
    """A draft session becomes public and open for enrollment until its deadline."""
    locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SessionStatus.DRAFT:
        raise ValidationError(_("Only a draft session can be published."))
    locked.status = SessionStatus.PUBLISHED
    locked.save(update_fields=["status", "updated_at"])
    session.status = locked.status
    return locked


@transaction.atomic
def session_cancel(*, session: TrainingSession) -> TrainingSession:
    """Cancel a draft or published session; every confirmed and waitlisted learner is told by email."""
    locked = TrainingSession.objects.select_for_update().select_related("course").get(pk=session.pk)
    if locked.status not in (SessionStatus.DRAFT, SessionStatus.PUBLISHED):
        raise ValidationError(_("This session is already cancelled or finished."))
    locked.status = SessionStatus.CANCELLED
    locked.save(update_fields=["status", "updated_at"])
    session.status = locked.status
    enrollments = Enrollment.objects.filter(
        session=locked, state__in=EnrollmentState.active()
    ).select_related("person")
    for enrollment in enrollments:
        _email_learner(enrollment, template="training_session_cancelled")
    return locked


@transaction.atomic
def session_finish(*, session: TrainingSession) -> TrainingSession:
    """Close a published session once it has started: attendance and completion can then be recorded."""
    locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SessionStatus.PUBLISHED:
        raise ValidationError(_("Only a published session can be finished."))
    if locked.starts_at > _now():
        raise ValidationError(_("A session can be finished only after it has started."))
    locked.status = SessionStatus.FINISHED
    locked.save(update_fields=["status", "updated_at"])
    session.status = locked.status
    return locked


# --- Enrollment and waitlist -------------------------------------------------------------------------------


def _locked_session(session: TrainingSession) -> TrainingSession:
    """The session's row, locked until the end of the transaction: its enrollments change one at a time."""
    return TrainingSession.objects.select_for_update().select_related("course").get(pk=session.pk)


def _check_enrollment_open(session: TrainingSession) -> None:
    if session.status == SessionStatus.DRAFT:
        raise ValidationError(_("This session is not open for enrollment yet."), code="draft")
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("This session was cancelled."), code="cancelled")
    if session.status == SessionStatus.FINISHED:
        raise ValidationError(_("This session has already taken place."), code="finished")
    now = _now()
    if now >= session.enrollment_deadline or now >= session.starts_at:
        raise ValidationError(_("Enrollment for this session has closed."), code="closed")


def _next_waitlist_position(session: TrainingSession) -> int:
    last = Enrollment.objects.filter(session=session, state=EnrollmentState.WAITLISTED).aggregate(
        last=Max("waitlist_position")
    )["last"]
    return (last or 0) + 1


def _claim_seat(session: TrainingSession) -> bool:
    """Take one seat if one is left: a conditional UPDATE that the check constraint backs."""
    claimed = TrainingSession.objects.filter(pk=session.pk, confirmed_count__lt=F("capacity")).update(
        confirmed_count=F("confirmed_count") + 1
    )
    if claimed:
        session.confirmed_count += 1
    return bool(claimed)


def _release_seat(session: TrainingSession) -> None:
    TrainingSession.objects.filter(pk=session.pk, confirmed_count__gt=0).update(
        confirmed_count=F("confirmed_count") - 1
    )
    session.confirmed_count = max(session.confirmed_count - 1, 0)


def _close_gap(session: TrainingSession, position: int) -> None:
    """Move everyone behind a freed waitlist position one place up: positions stay 1, 2, 3..."""
    Enrollment.objects.filter(
        session=session, state=EnrollmentState.WAITLISTED, waitlist_position__gt=position
    ).update(waitlist_position=F("waitlist_position") - 1)


def _promote_waitlisted(session: TrainingSession) -> list[Enrollment]:
    """Fill free seats from the head of the waitlist (the session's row must be locked); tell each learner."""
    promoted: list[Enrollment] = []
    while session.confirmed_count < session.capacity:
        first = (
            Enrollment.objects.filter(session=session, state=EnrollmentState.WAITLISTED)
            .select_related("person")
            .order_by("waitlist_position", "id")
            .first()
        )
        if first is None or not _claim_seat(session):
            break
        position = first.waitlist_position or 1
        first.state = EnrollmentState.CONFIRMED
        first.waitlist_position = None
        first.save(update_fields=["state", "waitlist_position", "updated_at"])
        _close_gap(session, position)
        _email_learner(first, template="training_promoted")
        promoted.append(first)
    return promoted


@transaction.atomic
def enrollment_create(*, session: TrainingSession, person: Person) -> Enrollment:
    """Enroll a learner: confirmed while seats remain, else waitlisted at the next position.

    Enrolling twice, after the deadline, or in a draft, cancelled or finished session raises a
    ValidationError and changes nothing. A learner who cancelled may enroll again (the same row).
    """
    locked = _locked_session(session)
    _check_enrollment_open(locked)
    enrollment = Enrollment.objects.filter(session=locked, person=person).first()
    if enrollment is not None and enrollment.state != EnrollmentState.CANCELLED:
        raise ValidationError(_("You are already enrolled in this session."), code="already_enrolled")
    if enrollment is None:
        enrollment = Enrollment(session=locked, person=person)
    if _claim_seat(locked):
        enrollment.state = EnrollmentState.CONFIRMED
        enrollment.waitlist_position = None
    else:
        enrollment.state = EnrollmentState.WAITLISTED
        enrollment.waitlist_position = _next_waitlist_position(locked)
    try:
        with transaction.atomic():
            enrollment.save()
    except IntegrityError as error:  # the same learner in a simultaneous request (without row locks)
        raise ValidationError(
            _("You are already enrolled in this session."), code="already_enrolled"
        ) from error
    session.confirmed_count = locked.confirmed_count
    return enrollment


@transaction.atomic
def enrollment_cancel(*, enrollment: Enrollment) -> Enrollment:
    """Cancel a confirmed or waitlisted enrollment: a freed seat goes to the first waitlisted learner, who is
    told; the waitlist closes up behind a cancelled position."""
    locked = _locked_session(enrollment.session)
    current = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if current.state not in EnrollmentState.active():
        raise ValidationError(
            _("This enrollment is already cancelled or its attendance is recorded."), code="not_active"
        )
    if locked.status not in (SessionStatus.DRAFT, SessionStatus.PUBLISHED):
        raise ValidationError(_("This session is already cancelled or finished."), code="session_closed")
    was_confirmed = current.state == EnrollmentState.CONFIRMED
    position = current.waitlist_position
    current.state = EnrollmentState.CANCELLED
    current.waitlist_position = None
    current.save(update_fields=["state", "waitlist_position", "updated_at"])
    if was_confirmed:
        _release_seat(locked)
        _promote_waitlisted(locked)
    elif position is not None:
        _close_gap(locked, position)
    enrollment.state, enrollment.waitlist_position = current.state, current.waitlist_position
    enrollment.session.confirmed_count = locked.confirmed_count
    return current


@transaction.atomic
def enrollment_mark(*, enrollment: Enrollment, state: str, recorded_by: Person | None = None) -> Enrollment:
    """Record attendance (attended, no-show) or completion of a learner who held a seat, once the session has
    started. Completion records the course's competencies at their target levels (source: training)."""
    if state not in EnrollmentState.marks():
        raise ValidationError({"state": _("Choose attended, did not attend or completed.")}, code="bad_state")
    locked = _locked_session(enrollment.session)
    current = Enrollment.objects.select_for_update().select_related("person").get(pk=enrollment.pk)
    if locked.status not in (SessionStatus.PUBLISHED, SessionStatus.FINISHED):
        raise ValidationError(_("Attendance is recorded for published or finished sessions only."))
    if locked.starts_at > _now():
        raise ValidationError(_("Attendance can be recorded once the session has started."))
    if not current.holds_seat:
        raise ValidationError(_("Only learners with a confirmed seat can be marked."), code="no_seat")
    if current.state == state:
        return current
    if current.state == EnrollmentState.COMPLETED:
        raise ValidationError(
            _("Completion is recorded, with the competencies it gave: it cannot be changed."),
            code="completed",
        )
    current.state = state
    current.save(update_fields=["state", "updated_at"])
    if state == EnrollmentState.COMPLETED:
        course = locked.course
        evidence = str(
            _("Completed the training “%(course)s” on %(date)s.")
            % {"course": course.title, "date": locked.starts_at.date().isoformat()}
        )
        links = CourseCompetency.objects.filter(course=course).select_related("competency")
        for link in links:
            person_competency_record(
                person=current.person,
                competency=link.competency,
                level=link.target_level,
                source=CompetencySource.TRAINING,
                evidence=evidence[:2000],
                recorded_by=recorded_by,
                assessed_on=min(locked.ends_at, _now()).date(),
            )
    enrollment.state = current.state
    return current


# --- Feedback and the learner's feed -----------------------------------------------------------------------


@transaction.atomic
def feedback_submit(*, enrollment: Enrollment, rating: int, comment: str = "") -> Feedback:
    """A learner who held a seat rates a session after its end, once (1 to 5, and an optional comment)."""
    current = Enrollment.objects.select_for_update().select_related("session").get(pk=enrollment.pk)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")}, code="bad_rating")
    if current.state not in EnrollmentState.learner_states():
        raise ValidationError(_("Only learners who took part can give feedback."), code="not_participant")
    if current.session.status == SessionStatus.CANCELLED or current.session.ends_at > _now():
        raise ValidationError(_("Feedback opens when the session has ended."), code="not_ended")
    if Feedback.objects.filter(enrollment=current).exists():
        raise ValidationError(_("You already gave feedback on this session."), code="already_given")
    feedback = Feedback(enrollment=current, rating=rating, comment=(comment or "").strip())
    feedback.full_clean()
    feedback.save()
    return feedback


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def learner_feed_token(*, person: Person) -> str:
    """The token of the learner's private calendar feed, made on first use."""
    feed, _created = LearnerFeed.objects.get_or_create(person=person, defaults={"token": _new_token()})
    return feed.token


@transaction.atomic
def learner_feed_rotate(*, person: Person) -> str:
    """A new token for the learner's feed: the old address stops working."""
    feed, created = LearnerFeed.objects.get_or_create(person=person, defaults={"token": _new_token()})
    if not created:
        feed.token = _new_token()
        feed.save(update_fields=["token", "updated_at"])
    return feed.token


# --- Emails and periodic follow-up ---------------------------------------------------------------------------


def _session_link(session: TrainingSession, name: str = "training:session_detail") -> str:
    return site_link(reverse(name, args=[session.pk]))


def _email_learner(enrollment: Enrollment, *, template: str, language: str | None = None) -> None:
    address = enrollment.person.email
    if not address:
        return
    session = enrollment.session
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        link = _session_link(
            session,
            "training:session_feedback" if template == "training_feedback" else "training:session_detail",
        )
    # Dates in the email read in the session's own zone (the date filter converts to the current zone).
    with timezone.override(session.time_zone):
        _queue_learner_email(enrollment, address=address, template=template, link=link, language=language)


def _queue_learner_email(
    enrollment: Enrollment, *, address: str, template: str, link: str, language: str
) -> None:
    session = enrollment.session
    email_queue_template(
        to=address,
        kind=EmailKind.TRAINING,
        template=template,
        context={
            "person": enrollment.person.display_name,
            "session": session,
            "course": session.course,
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "time_zone": str(session.time_zone),
            "online_url": session.online_url if enrollment.holds_seat else "",
            "link": link,
        },
        language=language,
    )


@transaction.atomic
def session_send_reminders(*, session: TrainingSession) -> int:
    """Remind the session's confirmed learners by email; each at most once. Returns how many were sent."""
    locked = _locked_session(session)
    if locked.status != SessionStatus.PUBLISHED or locked.reminder_sent_at is not None:
        return 0
    now = _now()
    enrollments = list(
        Enrollment.objects.filter(
            session=locked, state=EnrollmentState.CONFIRMED, reminded_at__isnull=True
        ).select_related("person")
    )
    for enrollment in enrollments:
        enrollment.session = locked
        _email_learner(enrollment, template="training_reminder", language=settings.LANGUAGE_CODE)
    Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]).update(reminded_at=now)
    TrainingSession.objects.filter(pk=locked.pk).update(reminder_sent_at=now)
    return len(enrollments)


@transaction.atomic
def session_request_feedback(*, session: TrainingSession) -> int:
    """Ask the learners who took part for feedback after the end; each at most once. Returns how many."""
    locked = _locked_session(session)
    now = _now()
    if (
        locked.status not in (SessionStatus.PUBLISHED, SessionStatus.FINISHED)
        or locked.feedback_requested_at is not None
        or locked.ends_at > now
    ):
        return 0
    enrollments = list(
        Enrollment.objects.filter(
            session=locked,
            state__in=EnrollmentState.learner_states(),
            feedback_requested_at__isnull=True,
        ).select_related("person")
    )
    for enrollment in enrollments:
        enrollment.session = locked
        _email_learner(enrollment, template="training_feedback", language=settings.LANGUAGE_CODE)
    Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]).update(feedback_requested_at=now)
    TrainingSession.objects.filter(pk=locked.pk).update(feedback_requested_at=now)
    return len(enrollments)


def sessions_due_for_reminder(*, now: datetime.datetime | None = None) -> list[int]:
    """Ids of published sessions that start within 24 hours and whose learners were not reminded yet."""
    now = now or _now()
    return list(
        TrainingSession.objects.filter(
            status=SessionStatus.PUBLISHED,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_AHEAD,
            reminder_sent_at__isnull=True,
        ).values_list("pk", flat=True)
    )


def sessions_due_for_feedback(*, now: datetime.datetime | None = None) -> list[int]:
    """Ids of sessions that ended (in the last two weeks) and whose learners were not asked yet."""
    now = now or _now()
    return list(
        TrainingSession.objects.filter(
            status__in=[SessionStatus.PUBLISHED, SessionStatus.FINISHED],
            ends_at__lte=now,
            ends_at__gt=now - FEEDBACK_WINDOW,
            feedback_requested_at__isnull=True,
        ).values_list("pk", flat=True)
    )


# --- Personal data -----------------------------------------------------------------------------------------


def learner_export(user: Any) -> dict[str, Any]:
    """What the training app holds about an account, for its owner's download."""
    enrollments = (
        Enrollment.objects.filter(person__user=user)
        .select_related("session__course", "session__organization", "feedback")
        .order_by("session__starts_at", "id")
    )
    rows = []
    for enrollment in enrollments:
        feedback = getattr(enrollment, "feedback", None)
        rows.append(
            {
                "course": enrollment.session.course.title,
                "organization": enrollment.session.organization.slug,
                "session_starts_at": enrollment.session.starts_at.isoformat(),
                "state": enrollment.state,
                "waitlist_position": enrollment.waitlist_position,
                "enrolled_at": enrollment.created_at.isoformat(),
                "feedback": None
                if feedback is None
                else {"rating": feedback.rating, "comment": feedback.comment},
            }
        )
    feed = LearnerFeed.objects.filter(person__user=user).first()
    return {"enrollments": rows, "calendar_feed": feed is not None}


def learner_erase(user: Any) -> None:
    """Release the seats and waitlist places of an account's person, then erase its enrollments, feedback,
    feed and the training emails sent to it. Runs before the roles app deletes the person."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        return
    active = Enrollment.objects.filter(person=person, state__in=EnrollmentState.active()).select_related(
        "session"
    )
    for enrollment in active:
        if enrollment.session.status in (SessionStatus.DRAFT, SessionStatus.PUBLISHED):
            enrollment_cancel(enrollment=enrollment)
    for enrollment in Enrollment.objects.filter(
        person=person, state__in=EnrollmentState.seat_holding()
    ).select_related("session"):
        _release_seat(enrollment.session)
    Enrollment.objects.filter(person=person).delete()  # with their feedback
    LearnerFeed.objects.filter(person=person).delete()
    if person.email:
        emails_erase_address(person.email)
