"""Courses, their scheduled sessions, enrollments (with a waitlist), feedback and learners' calendar feeds.

Sessions count their seat-holding enrollments in `confirmed_count`, a counter column that a check constraint
keeps between 0 and the capacity; the enrollment services update it under a row lock, so that no number of
simultaneous requests confirms more learners than there are seats.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneField

from leadership.common.models import BaseModel
from leadership.common.validators import validate_no_control_characters
from roles.enums import Level
from roles.models import Competency, Language, Organization, Person

from . import rules as r
from .enums import CourseFormat, EnrollmentState, SessionStatus


class Course(BaseModel):
    """A course an organisation (often a hub) offers; it develops competencies up to a target level."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="courses"
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_control_characters])
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=16, choices=CourseFormat.choices)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="courses"
    )
    materials_url = models.URLField(_("materials link"), blank=True)
    competencies = models.ManyToManyField(
        Competency,
        verbose_name=_("competencies"),
        through="CourseCompetency",
        blank=True,
        related_name="courses",
    )
    # Every language's title and description, lowercased, for the catalogue's search. Written by the services.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    # history is registered in translation.py, after modeltranslation has added the per-language fields

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title_en", "id"]
        indexes = [
            models.Index(fields=["title_en", "id"], name="course_title_idx"),
            models.Index(fields=["organization", "title_en"], name="course_org_idx"),
            models.Index(fields=["format", "title_en"], name="course_format_idx"),
        ]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_authenticated,  # decided per organisation by training.add_course_for
            "change": r.is_course_manager,
            "delete": r.is_course_manager,
        }

    def __str__(self) -> str:
        return self.title


class CourseCompetency(BaseModel):
    """A competency a course develops, and the level a learner reaches by completing it."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="course_competencies"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="course_links"
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"),
        choices=Level.choices,
        validators=[MinValueValidator(Level.AWARE), MaxValueValidator(Level.EXPERT)],
    )

    class Meta:
        verbose_name = _("competency of a course")
        verbose_name_plural = _("competencies of courses")
        ordering = ["course_id", "competency_id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "competency"], name="coursecompetency_unique"),
            models.CheckConstraint(
                condition=models.Q(target_level__gte=1, target_level__lte=4), name="coursecompetency_1_to_4"
            ),
        ]
        indexes = [models.Index(fields=["competency", "course"], name="coursecomp_competency_idx")]
        rules_permissions = {"view": r.always_allow}

    def __str__(self) -> str:
        return f"{self.course}: {self.competency} → {self.target_level}"


class TrainingSession(BaseModel):
    """One scheduled run of a course, by an organising organisation that may differ from the course's owner.

    Times are stored in UTC and shown in each viewer's zone; `time_zone` is the session's own.
    """

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="sessions"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organising organisation"),
        on_delete=models.CASCADE,
        related_name="training_sessions",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = TimeZoneField(_("time zone"), default="UTC", use_pytz=False)
    format = models.CharField(_("format"), max_length=16, choices=CourseFormat.choices)
    venue = models.CharField(
        _("venue"), max_length=300, blank=True, validators=[validate_no_control_characters]
    )
    city = models.CharField(
        _("city"), max_length=120, blank=True, validators=[validate_no_control_characters]
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to enrolled learners and the organisers.")
    )
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.PROTECT, related_name="training_sessions"
    )
    capacity = models.PositiveIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    # Seat-holding enrollments (confirmed, attended, completed, no-show); kept by the enrollment services.
    confirmed_count = models.PositiveIntegerField(_("confirmed learners"), default=0, editable=False)
    enrollment_deadline = models.DateTimeField(_("enrollment deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    reminder_sent_at = models.DateTimeField(_("reminders sent"), null=True, blank=True, editable=False)
    feedback_requested_at = models.DateTimeField(
        _("feedback requested"), null=True, blank=True, editable=False
    )

    # history is registered in translation.py, beside the course's

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(
                condition=models.Q(confirmed_count__gte=0, confirmed_count__lte=models.F("capacity")),
                name="session_confirmed_within_capacity",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at", "id"], name="session_status_start_idx"),
            models.Index(fields=["organization", "starts_at"], name="session_org_start_idx"),
            models.Index(fields=["course", "starts_at"], name="session_course_start_idx"),
            models.Index(fields=["language", "starts_at"], name="session_language_start_idx"),
            models.Index(fields=["format", "starts_at"], name="session_format_start_idx"),
            models.Index(fields=["status", "ends_at"], name="session_status_end_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_session,
            "add": r.is_authenticated,  # decided per organisation by training.schedule_session_for
            "change": r.is_session_manager,
            "delete": r.is_session_manager,
            "manage": r.is_session_manager,
        }

    def __str__(self) -> str:
        return f"{self.course} ({self.starts_at:%Y-%m-%d %H:%M} UTC)"

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.confirmed_count >= self.capacity


class Enrollment(BaseModel):
    """A learner's place in a session: confirmed, or waitlisted with a position (1 is next), and later
    attended, completed or no-show; cancelled keeps the row so that the learner can enroll again."""

    person = models.ForeignKey(
        Person, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="enrollments"
    )
    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="enrollments"
    )
    state = models.CharField(_("state"), max_length=16, choices=EnrollmentState.choices)
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True, editable=False)
    feedback_requested_at = models.DateTimeField(
        _("feedback requested"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["session_id", "state", "waitlist_position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "session"], name="enrollment_unique_person_session"),
            models.CheckConstraint(
                condition=(
                    models.Q(state=EnrollmentState.WAITLISTED, waitlist_position__gte=1)
                    | (~models.Q(state=EnrollmentState.WAITLISTED) & models.Q(waitlist_position__isnull=True))
                ),
                name="enrollment_position_iff_waitlisted",
            ),
        ]
        indexes = [
            models.Index(
                fields=["session", "state", "waitlist_position"], name="enrollment_session_state_idx"
            ),
            models.Index(fields=["person", "state"], name="enrollment_person_state_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_enrollment,
            "add": r.is_authenticated,  # decided per session by training.enroll
            "cancel": r.can_cancel_enrollment,
            "mark": r.is_enrollment_manager,
            "give_feedback": r.is_enrollment_learner,
        }

    def __str__(self) -> str:
        return f"{self.person} – {self.session} ({self.get_state_display()})"

    @property
    def holds_seat(self) -> bool:
        return self.state in EnrollmentState.seat_holding()


class Feedback(BaseModel):
    """A learner's rating (1 to 5) and comment after a session; organisers see only the aggregate."""

    enrollment = models.OneToOneField(
        Enrollment, verbose_name=_("enrollment"), on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(
        _("comment"), blank=True, max_length=2000, validators=[validate_no_control_characters]
    )

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]
        rules_permissions = {"view": r.is_feedback_learner | r.is_staff}

    def __str__(self) -> str:
        return f"{self.enrollment}: {self.rating}/5"


class LearnerFeed(BaseModel):
    """The secret token of a learner's private calendar feed (rotated by asking for a new one)."""

    person = models.OneToOneField(
        Person, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="training_feed"
    )
    token = models.CharField(_("token"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("learner's calendar feed")
        verbose_name_plural = _("learners' calendar feeds")

    def __str__(self) -> str:
        return f"{self.person} (feed)"
