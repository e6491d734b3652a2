"""Reads of the training app that matter: querysets with their joins and prefetches in place, so that a page
and the API list cost the same few queries whatever the number of rows."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname, get_language

from leadership.common.languages import localized_field_names, shown_text
from roles.enums import Capacity
from roles.models import Language, Organization, Person
from roles.selectors import organization_ids_with_capacity

from .enums import EnrollmentState, SessionStatus
from .models import Course, CourseCompetency, Enrollment, Feedback, TrainingSession

FEEDBACK_MINIMUM = 5  # fewer answers are not shown: they could tell who said what
PUBLIC_STATUSES = (SessionStatus.PUBLISHED, SessionStatus.CANCELLED, SessionStatus.FINISHED)


def _now() -> datetime.datetime:
    return timezone.now()


def managed_organization_ids(user: Any) -> list[int]:
    """Organisations whose trainings the user manages (organizer or hub coordinator)."""
    return organization_ids_with_capacity(
        user=user, capacities=[Capacity.ORGANIZER, Capacity.HUB_COORDINATOR]
    )


def organizations_for_training(*, user: Any) -> QuerySet[Organization]:
    """The organisations a user may own courses or schedule sessions for (every one for staff)."""
    queryset = Organization.objects.order_by("name_en", "id")
    if getattr(user, "is_staff", False) and user.is_active:
        return queryset
    return queryset.filter(pk__in=managed_organization_ids(user))


def _competency_links() -> Prefetch[Any]:
    return Prefetch(
        "course_competencies",
        queryset=CourseCompetency.objects.select_related("competency").order_by("competency__name_en", "id"),
    )


def course_catalogue(
    *,
    q: str = "",
    competency: str = "",
    language: str = "",
    format: str = "",  # the filter's public name
    region: str = "",
    organization: str = "",
) -> QuerySet[Course]:
    """Courses with their organisation, languages and competencies, filtered by the catalogue's filters:
    a competency's slug, a language code, a format, a region code (of the owning organisation or of one
    organising a session), an organisation's slug (owning or organising), and words of any language.

    Lean, with what the catalogue shows: the format, the title computed by the database in the active
    language with modeltranslation's fallbacks (`shown_title`), the organisation's slug and name (every
    language's column, for the fallbacks: a computed name would join the organisations into the page's
    count), the languages (codes) as `listed_languages` and the competencies developed as
    `listed_competencies` (`target_level`, `competency_slug`, `competency_name` computed like the title),
    lists that cost no queryset per course. Not for writes, nor for reading other fields: each deferred
    column loads with a query of its own."""
    queryset = (
        Course.objects.select_related("organization")
        .only(
            "id",
            "organization",
            "format",
            "organization__slug",
            *(f"organization__{name}" for name in localized_field_names("name")),
        )
        .annotate(shown_title=shown_text("title"))
        .prefetch_related(
            Prefetch(
                "languages",
                queryset=Language.objects.only("code").order_by("code"),
                to_attr="listed_languages",
            ),
            Prefetch(
                "course_competencies",
                queryset=CourseCompetency.objects.only("id", "course", "target_level")
                .annotate(
                    competency_slug=F("competency__slug"),
                    competency_name=shown_text("name", prefix="competency__"),
                )
                .order_by("competency__name_en", "id"),
                to_attr="listed_competencies",
            ),
        )
    )
    if q.strip():
        for word in q.lower().split()[:8]:
            queryset = queryset.filter(search_text__contains=word)
    if competency:
        queryset = queryset.filter(
            pk__in=CourseCompetency.objects.filter(competency__slug=competency).values("course_id")
        )
    if language:
        queryset = queryset.filter(languages__code=language)
    if format:
        queryset = queryset.filter(format=format)
    if region:
        queryset = queryset.filter(
            Q(organization__region__code=region)
            | Q(
                pk__in=TrainingSession.objects.filter(
                    organization__region__code=region, status=SessionStatus.PUBLISHED
                ).values("course_id")
            )
        )
    if organization:
        queryset = queryset.filter(
            Q(organization__slug=organization)
            | Q(
                pk__in=TrainingSession.objects.filter(
                    organization__slug=organization, status=SessionStatus.PUBLISHED
                ).values("course_id")
            )
        )
    return queryset.order_by("title_en", "id")


def course_detail_qs() -> QuerySet[Course]:
    return Course.objects.select_related("organization__region").prefetch_related(
        "languages", _competency_links()
    )


def session_detail_qs() -> QuerySet[TrainingSession]:
    """Sessions with everything their page shows: course, both organisations, language, competencies."""
    return TrainingSession.objects.select_related(
        "course__organization", "organization__region", "language"
    ).prefetch_related(
        Prefetch(
            "course__course_competencies",
            queryset=CourseCompetency.objects.select_related("competency").order_by(
                "competency__name_en", "id"
            ),
        )
    )


def course_sessions_upcoming(*, course: Course) -> QuerySet[TrainingSession]:
    """A course's published sessions that have not ended, soonest first."""
    return (
        TrainingSession.objects.filter(course=course, status=SessionStatus.PUBLISHED, ends_at__gt=_now())
        .select_related("organization", "language")
        .order_by("starts_at", "id")
    )


def sessions_upcoming(
    *,
    region: str | None = None,
    language: str | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> QuerySet[TrainingSession]:
    """Published sessions across the movement, soonest first: from `start` (default now) to `end`, in a
    region (of the organising organisation) and a language."""
    queryset = TrainingSession.objects.filter(status=SessionStatus.PUBLISHED, ends_at__gt=start or _now())
    if end is not None:
        queryset = queryset.filter(starts_at__lt=end)
    if region:
        queryset = queryset.filter(organization__region__code=region)
    if language:
        queryset = queryset.filter(language_id=language)
    return queryset.select_related("course", "organization__region", "language").order_by("starts_at", "id")


def sessions_by_day(
    *,
    region: str | None,
    language: str | None,
    start: datetime.datetime,
    end: datetime.datetime,
    zone: datetime.tzinfo,
    per_day: int,
) -> list[dict[str, Any]]:
    """A month grid's sessions: of the upcoming published sessions from `start` to `end` (as
    `sessions_upcoming` filters them), the soonest `per_day` of each day in `zone`, as light rows (`pk`,
    `starts_at`, `day`, `title` of the course as the active language shows it, `on_day`: how many sessions
    that day holds). One query; a window numbers each day's sessions, so a busy month costs the same few
    rows per day, and a day late in the month is never crowded out by earlier ones."""
    day = TruncDate("starts_at", tzinfo=zone)
    titles = [build_localized_fieldname("title", code) for code in _shown_languages()]
    rows = (
        sessions_upcoming(region=region, language=language, start=start, end=end)
        .select_related(None)
        .annotate(
            day=day,
            rank=Window(RowNumber(), partition_by=[day], order_by=[F("starts_at").asc(), F("pk").asc()]),
            on_day=Window(Count("pk"), partition_by=[day]),
            **{f"course_{title}": F(f"course__{title}") for title in titles},
        )
        .filter(rank__lte=per_day)
        .order_by("starts_at", "pk")
        .values("pk", "starts_at", "day", "on_day", *(f"course_{title}" for title in titles))
    )
    return [
        {
            "pk": row["pk"],
            "starts_at": row["starts_at"],
            "day": row["day"],
            "on_day": row["on_day"],
            "title": next((row[f"course_{title}"] for title in titles if row[f"course_{title}"]), ""),
        }
        for row in rows
    ]


def _shown_languages() -> list[str]:
    """The languages a translated field is shown in, in order: the active one, then the fallbacks."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    return list(dict.fromkeys([get_language(), *fallbacks]))


def sessions_visible(*, user: Any) -> QuerySet[TrainingSession]:
    """Sessions a user may see: every public one, and drafts of the organisations the user manages."""
    queryset = session_detail_qs()
    if getattr(user, "is_staff", False) and user.is_active:
        return queryset
    return queryset.filter(
        Q(status__in=PUBLIC_STATUSES) | Q(organization_id__in=managed_organization_ids(user))
    )


def session_enrollments(*, session: TrainingSession) -> QuerySet[Enrollment]:
    """Who enrolled in a session (for its managers): seat holders first, then the waitlist in order."""
    return (
        Enrollment.objects.filter(session=session)
        .exclude(state=EnrollmentState.CANCELLED)
        .select_related("person")
        .order_by(F("waitlist_position").asc(nulls_first=True), "person__display_name", "id")
    )


def learner_enrollments(*, person: Person) -> QuerySet[Enrollment]:
    """A learner's enrollments, the latest sessions first, with what the learner's page shows."""
    return (
        Enrollment.objects.filter(person=person)
        .select_related("session__course", "session__organization", "session__language", "feedback")
        .order_by("-session__starts_at", "-id")
    )


def enrollments_visible(*, user: Any) -> QuerySet[Enrollment]:
    """Enrollments a user may see: their own, and those of sessions their organisations organise."""
    queryset = Enrollment.objects.select_related(
        "person", "session__course", "session__organization", "session__language"
    )
    if getattr(user, "is_staff", False) and user.is_active:
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    managed = managed_organization_ids(user)
    if not managed:
        return queryset.filter(person__user=user)
    # One set of ids, the user's own and those of the sessions they manage: each read through its index,
    # where `person.user = … OR session.organization IN (…)` across two joins scanned every enrollment.
    own = Enrollment.objects.filter(person__user=user).order_by().values("pk")
    organised = Enrollment.objects.filter(session__organization_id__in=managed).order_by().values("pk")
    return queryset.filter(pk__in=own.union(organised))


def enrollments_for_api(*, user: Any, lean: bool = False) -> QuerySet[Enrollment]:
    """Enrollments a user may see, the most recent first. `lean` (the list): of each enrollment, its session
    and course, and its learner only the columns the list shows (the course's title in every language, for
    the fallback; related objects rather than annotations, which would add their joins to the page's count)."""
    enrollments = enrollments_visible(user=user)
    if lean:
        titles = [f"session__course__{column}" for column in localized_field_names("title")]
        enrollments = enrollments.select_related(None).select_related("session__course", "person")
        enrollments = enrollments.only(
            "id",
            "session",
            "person",
            "state",
            "waitlist_position",
            "created_at",
            "session__starts_at",
            "session__course",
            *titles,
            "person__display_name",
        )
    return enrollments.order_by("-created_at", "-id")


def feedback_summary(*, session: TrainingSession) -> dict[str, Any] | None:
    """The session's feedback in aggregate: number of answers, average rating and the comments (in an
    order that tells nothing of who wrote them); None below five answers."""
    answers = Feedback.objects.filter(enrollment__session=session)
    totals = answers.aggregate(count=Count("id"), average=Avg("rating"))
    if totals["count"] < FEEDBACK_MINIMUM:
        return None
    comments = sorted(comment for comment in answers.exclude(comment="").values_list("comment", flat=True))
    return {"count": totals["count"], "average": round(float(totals["average"]), 1), "comments": comments}


# --- Reads of the web pages (training-web) ------------------------------------------------------------------
# Appended to this module: its own imports stay here, next to the functions that need them.
from .models import LearnerFeed  # noqa: E402  (appended section)


def course_sessions_for_page(*, course: Course, user: Any) -> QuerySet[TrainingSession]:
    """A course's sessions that have not ended: the published ones, and drafts the user manages, soonest first."""
    visible = Q(status=SessionStatus.PUBLISHED)
    if getattr(user, "is_staff", False) and user.is_active:
        visible |= Q(status=SessionStatus.DRAFT)
    else:
        managed = managed_organization_ids(user)
        if managed:
            visible |= Q(status=SessionStatus.DRAFT, organization_id__in=managed)
    return (
        TrainingSession.objects.filter(visible, course=course, ends_at__gt=_now())
        .select_related("organization", "language")
        .order_by("starts_at", "id")
    )


def learner_enrollment(*, session: TrainingSession, user: Any) -> Enrollment | None:
    """The signed-in user's own enrollment in a session (in any state), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrollment.objects.filter(session=session, person__user=user).first()


def sessions_organized_upcoming(*, organization: Organization) -> QuerySet[TrainingSession]:
    """An organisation's published, cancelled and finished sessions of the last 90 days and after (its feed)."""
    since = _now() - datetime.timedelta(days=90)
    return (
        TrainingSession.objects.filter(
            organization=organization, status__in=PUBLIC_STATUSES, ends_at__gt=since
        )
        .select_related("course", "organization", "language")
        .order_by("starts_at", "id")
    )


def learner_feed_sessions(*, token: str) -> tuple[Person | None, QuerySet[Enrollment]]:
    """The learner behind a feed token, and their enrollments that belong in a calendar."""
    person = Person.objects.filter(training_feed__token=token).first()
    if person is None:
        return None, Enrollment.objects.none()
    enrollments = (
        Enrollment.objects.filter(
            person=person, state__in=[*EnrollmentState.seat_holding(), EnrollmentState.WAITLISTED]
        )
        .select_related("session__course", "session__organization", "session__language")
        .order_by("session__starts_at", "id")
    )
    return person, enrollments


def learner_feed_of(*, person: Person) -> str | None:
    """The token of a learner's calendar feed, if they asked for one."""
    return LearnerFeed.objects.filter(person=person).values_list("token", flat=True).first()


def session_attendance_list(*, session: TrainingSession) -> QuerySet[Enrollment]:
    """The attendance page's learners: seat holders by name, then the waitlist by position, on every database
    (PostgreSQL sorts NULL positions last, SQLite first: the ordering says which it wants)."""
    from django.db.models import F

    return (
        Enrollment.objects.filter(session=session)
        .exclude(state=EnrollmentState.CANCELLED)
        .select_related("person")
        .order_by(F("waitlist_position").asc(nulls_first=True), "person__display_name", "id")
    )


# --- Reads of the overview (leadership/overview reads training through these, never its models) --------------


def learners_enrolled(*, where: Q | None = None) -> QuerySet[Enrollment]:
    """Enrollments that make someone a learner of their session (EnrollmentState.learner_states()), narrowed
    by `where` (a Q over Enrollment; it may hold OuterRef, for a subquery)."""
    return Enrollment.objects.filter(where or Q(), state__in=EnrollmentState.learner_states())


def enrollments_completed(*, where: Q | None = None) -> QuerySet[Enrollment]:
    """Completed enrollments, narrowed by `where` (a Q over Enrollment; it may hold OuterRef)."""
    return Enrollment.objects.filter(where or Q(), state=EnrollmentState.COMPLETED)


def upcoming_learning(*, now: datetime.datetime) -> QuerySet[Any]:
    """What learners are about to learn: rows (`person_id`, `competency_id`, `target_level`), one per confirmed
    enrollment in a published session starting after `now` and competency its course develops (a course
    developing none gives one row with empty competency and level). Unordered, for composing in SQL."""
    developed = "session__course__course_competencies__"
    return (
        Enrollment.objects.filter(
            state=EnrollmentState.CONFIRMED,
            session__status=SessionStatus.PUBLISHED,
            session__starts_at__gt=now,
        )
        .order_by()
        .values(
            "person_id",
            competency_id=F(f"{developed}competency_id"),
            target_level=F(f"{developed}target_level"),
        )
    )


def upcoming_sessions_per_competency(*, now: datetime.datetime) -> dict[int, int]:
    """{competency id: published sessions starting after `now` of courses developing it} (competencies
    without such a session are left out). One grouped query."""
    return dict(
        TrainingSession.objects.filter(
            status=SessionStatus.PUBLISHED,
            starts_at__gt=now,
            course__course_competencies__competency_id__isnull=False,
        )
        .order_by()
        .annotate(cid=F("course__course_competencies__competency_id"))
        .values("cid")
        .annotate(n=Count("id", distinct=True))
        .values_list("cid", "n")
    )


def upcoming_sessions_developing(
    *, competency_ids: list[int], now: datetime.datetime, per_competency: int
) -> QuerySet[TrainingSession]:
    """Published sessions starting after `now` of courses developing any of `competency_ids`: for each
    competency its soonest `per_competency`, annotated `developed` (that competency's id), with course,
    organisation and language, ordered by competency then start. One query (a window function numbers each
    competency's sessions); a session developing two of them comes once for each."""
    developed = F("course__course_competencies__competency_id")
    return (
        TrainingSession.objects.filter(
            status=SessionStatus.PUBLISHED,
            starts_at__gt=now,
            course__course_competencies__competency_id__in=competency_ids,
        )
        .select_related("course", "organization", "language")
        .annotate(
            developed=developed,
            rank=Window(RowNumber(), partition_by=developed, order_by=[F("starts_at").asc(), F("pk").asc()]),
        )
        .filter(rank__lte=per_competency)
        .order_by("developed", "starts_at", "pk")
    )
