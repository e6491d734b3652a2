"""Bulk generator of the training app's benchmark data: courses, sessions, enrollments and feedback.

Called by `seed.Seeder.run` after the registry's data, with the seeder's random generator and writer, so that
one scale always yields the same rows. What the services compute is computed here the same way:
`Course.search_text` through `training.services.course_search_text`, a session's `confirmed_count` as the
number of its seat-holding enrollments, waitlist positions 1..n per session (only behind a full session).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from modeltranslation.utils import build_localized_fieldname

from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.models import Course, CourseCompetency, Enrollment, Feedback, TrainingSession
from training.services import course_search_text

if TYPE_CHECKING:  # pragma: no cover
    from .seed import Row, Seeder

# Course titles: a kind of course (one tuple per language of seed.LANGS) and a skill of seed.SKILLS.
COURSE_KINDS: list[tuple[str, str, str, str, str, str]] = [
    ("Introduction to", "Introduction à", "Introducción a", "Introdução a", "Pengantar", "مقدمة في"),
    ("Workshop:", "Atelier :", "Taller:", "Oficina:", "Lokakarya:", "ورشة عمل:"),
    ("Masterclass:", "Classe de maître :", "Clase magistral:", "Masterclass:", "Kelas master:", "درس متقدم:"),
    (
        "Peer circle:",
        "Cercle de pairs :",
        "Círculo de pares:",
        "Círculo de pares:",
        "Lingkar sebaya:",
        "حلقة أقران:",
    ),
]
COURSE_DESCRIPTION = (
    "A course on {skill} for people who take up a role in {area}, with exercises and shared materials.",
    "Une formation sur {skill} pour les personnes qui prennent un rôle dans {area}, avec exercices et supports.",
    "Un curso sobre {skill} para quienes asumen un cargo en {area}, con ejercicios y materiales compartidos.",
    "Um curso sobre {skill} para quem assume um cargo em {area}, com exercícios e materiais compartilhados.",
    "Kursus tentang {skill} bagi yang memegang peran di {area}, dengan latihan dan materi bersama.",
    "دورة عن {skill} لمن يتولى دورًا في {area}، مع تمارين ومواد مشتركة.",
)
# Sessions happen in many zones: each region's, and a few more.
SESSION_ZONES: dict[str, list[str]] = {
    "MENA": ["Africa/Casablanca", "Africa/Cairo", "Asia/Amman", "Africa/Tunis"],
    "ESEAP": ["Asia/Jakarta", "Asia/Makassar", "Asia/Manila", "Asia/Taipei", "Australia/Sydney"],
    "LAC": ["America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Mexico_City", "America/Santiago"],
    "NWE": ["Europe/Paris", "Europe/Berlin", "Europe/Stockholm", "Europe/London"],
    "CEE": ["Europe/Warsaw", "Europe/Kyiv", "Asia/Yerevan"],
    "SSA": ["Africa/Lagos", "Africa/Dakar", "Africa/Accra", "Africa/Nairobi"],
    "SA": ["Asia/Kolkata", "Asia/Dhaka", "Asia/Kathmandu"],
    "NA": ["America/Toronto", "America/New_York", "America/Vancouver"],
    "GLOBAL": ["UTC"],
}
CITIES: dict[str, list[str]] = {
    "MENA": ["Casablanca", "Cairo", "Amman", "Tunis"],
    "ESEAP": ["Jakarta", "Makassar", "Manila", "Taipei", "Sydney"],
    "LAC": ["São Paulo", "Buenos Aires", "Ciudad de México", "Santiago"],
    "NWE": ["Paris", "Berlin", "Stockholm", "London"],
    "CEE": ["Warsaw", "Kyiv", "Yerevan"],
    "SSA": ["Lagos", "Dakar", "Accra", "Nairobi"],
    "SA": ["Kolkata", "Dhaka", "Kathmandu"],
    "NA": ["Toronto", "New York", "Vancouver"],
    "GLOBAL": ["Online"],
}
CAPACITIES = [10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200]
UPCOMING_SHARE = 0.7  # of sessions; the others are past
MAX_COMPETENCIES_PER_COURSE = 3
FEEDBACK_COMMENTS = [
    "Clear and practical.",
    "Très utile, merci !",
    "Muy buena facilitación.",
    "Gostei dos exercícios.",
    "Materinya bagus.",
    "",
]


def _status(rng: Any, upcoming: bool) -> str:
    roll = rng.random()
    if upcoming:  # mostly published: drafts and cancellations are few
        if roll < 0.84:
            return SessionStatus.PUBLISHED
        return SessionStatus.DRAFT if roll < 0.93 else SessionStatus.CANCELLED
    if roll < 0.85:
        return SessionStatus.FINISHED
    return SessionStatus.CANCELLED if roll < 0.95 else SessionStatus.PUBLISHED  # not yet closed


def seed_training(seeder: Seeder) -> None:
    """Courses of organisations (hubs above all), their sessions in many zones and every format and status,
    enrollments (confirmed, waitlisted, cancelled; attended, completed, no-show after the fact) and feedback."""
    from .seed import AREAS, LANGS, SKILLS

    rng = seeder.rng
    counts = seeder.counts
    writer = seeder.writer
    now = writer.now
    listed = seeder.listed_orgs or [1]
    hubs = seeder.hub_ids or listed
    n_courses = counts["courses"]
    n_competencies = counts["competencies"]
    codes = ["en", "fr", "es", "pt-br", "id", "ar"]

    # --- Courses and what they develop --------------------------------------------------------------
    course_columns = [
        "id", "organization_id", "format", "duration_minutes", "materials_url", "search_text",
        *seeder.localized_columns("title"), *seeder.localized_columns("description"),
    ]  # fmt: skip
    course_formats: list[str] = []
    course_orgs: list[int] = []
    course_languages: list[list[str]] = []
    link_rows: list[Row] = []
    per_course = seeder.distribute(
        counts["course_competencies"], n_courses, min(MAX_COMPETENCIES_PER_COURSE, n_competencies), 1
    )

    def courses() -> Iterator[Row]:
        for index in range(n_courses):
            course_id = index + 1
            organization = rng.choice(hubs) if rng.random() < 0.4 else rng.choice(listed)
            region = seeder.org_regions[organization - 1]
            kind = COURSE_KINDS[index % len(COURSE_KINDS)]
            skill = SKILLS[(index // len(COURSE_KINDS)) % len(SKILLS)][1]
            area = AREAS[rng.randrange(len(AREAS))]
            languages = ["en"]
            local = seeder.region_language(region)
            if local != "en" and rng.random() < 0.6:
                languages.append(local)
            number = index // (len(COURSE_KINDS) * len(SKILLS))
            suffix = f" {number + 1}" if number else ""
            title = {
                code: f"{kind[LANGS.index(code)]} {skill[LANGS.index(code)]}{suffix}" for code in languages
            }
            description = {
                code: COURSE_DESCRIPTION[LANGS.index(code)].format(
                    skill=skill[LANGS.index(code)].lower(), area=area[LANGS.index(code)]
                )
                for code in languages
            }
            formats = list(CourseFormat)
            course_format = formats[index] if index < len(formats) else rng.choice(formats)
            course_formats.append(course_format.value)
            course_orgs.append(organization)
            course_languages.append(languages)
            chosen: set[int] = set()
            while len(chosen) < per_course[index]:
                chosen.add(seeder.competency_id())
            for competency in sorted(chosen):
                link_rows.append((course_id, competency, rng.randint(1, 4)))
            search_text = course_search_text(
                SimpleNamespace(  # type: ignore[arg-type]
                    **{build_localized_fieldname("title", c): title.get(c, "") for c in codes},
                    **{build_localized_fieldname("description", c): description.get(c, "") for c in codes},
                )
            )
            yield (
                course_id,
                organization,
                course_format.value,
                rng.choice([60, 90, 120, 180, 240, 480, 960]),
                f"https://meta.wikimedia.org/wiki/Training/{course_id}" if rng.random() < 0.7 else "",
                search_text,
                *seeder.localized("title", title),
                *seeder.localized("description", description),
            )

    writer.write(Course, course_columns, courses())
    language_rows = [
        (course_id, code) for course_id, codes_ in enumerate(course_languages, start=1) for code in codes_
    ]
    writer.write(Course.languages.through, _m2m_columns(Course, "languages"), iter(language_rows))
    writer.write(CourseCompetency, ["course_id", "competency_id", "target_level"], iter(link_rows))

    # --- Sessions ---------------------------------------------------------------------------------------
    n_sessions = counts["training_sessions"]
    course_of = [rng.randint(1, n_courses) if i >= n_courses else i + 1 for i in range(n_sessions)]
    shapes: list[tuple[str, int, bool]] = []  # status, capacity, upcoming

    def sessions() -> Iterator[Row]:
        for index in range(n_sessions):
            course = course_of[index]
            owner = course_orgs[course - 1]
            organization = owner if rng.random() < 0.8 else rng.choice(listed)
            region = seeder.org_regions[organization - 1]
            zone_name = rng.choice(SESSION_ZONES.get(str(region), ["UTC"]))
            upcoming = rng.random() < UPCOMING_SHARE
            days = rng.randint(2, 365) if upcoming else -rng.randint(1, 730)
            local_day = (now + datetime.timedelta(days=days)).date()
            local_start = datetime.datetime.combine(
                local_day, datetime.time(rng.choice([8, 9, 10, 13, 14, 16, 18]), rng.choice([0, 30]))
            ).replace(tzinfo=zoneinfo.ZoneInfo(zone_name))
            starts_at = local_start.astimezone(datetime.UTC)
            ends_at = starts_at + datetime.timedelta(minutes=rng.choice([60, 90, 120, 180, 240, 480]))
            deadline = starts_at - datetime.timedelta(hours=rng.choice([0, 12, 24, 48]))
            status = _status(rng, upcoming)
            capacity = rng.choice(CAPACITIES)
            session_format = course_formats[course - 1] if rng.random() < 0.85 else CourseFormat.HYBRID.value
            in_person = session_format != CourseFormat.ONLINE
            online = session_format != CourseFormat.IN_PERSON
            city = rng.choice(CITIES.get(str(region), ["Online"])) if in_person else ""
            languages = course_languages[course - 1]
            shapes.append((status, capacity, upcoming))
            finished_or_past = not upcoming and status in (SessionStatus.FINISHED, SessionStatus.PUBLISHED)
            yield (
                index + 1,
                course,
                organization,
                starts_at,
                ends_at,
                zone_name,
                session_format,
                f"Community hall {rng.randint(1, 40)}, {city}" if in_person else "",
                city,
                f"https://meet.example.org/bench-{index + 1}" if online else "",
                rng.choice(languages),
                capacity,
                0,  # set below, from the generated enrollments
                deadline,
                status,
                starts_at - datetime.timedelta(hours=24) if finished_or_past else None,
                ends_at + datetime.timedelta(hours=2) if status == SessionStatus.FINISHED else None,
            )

    session_columns = [
        "id", "course_id", "organization_id", "starts_at", "ends_at", "time_zone", "format", "venue", "city",
        "online_url", "language_id", "capacity", "confirmed_count", "enrollment_deadline", "status",
        "reminder_sent_at", "feedback_requested_at",
    ]  # fmt: skip
    writer.write(TrainingSession, session_columns, sessions())

    # --- Enrollments: per session, distinct learners outside the pool of accounts -------------------
    learners = range(counts["accounts"] + 1, counts["people"] + 1)
    caps = []
    for status, capacity, upcoming in shapes:
        if status == SessionStatus.DRAFT or not learners:
            caps.append(0)
        elif upcoming and status in (SessionStatus.PUBLISHED, SessionStatus.CANCELLED):
            caps.append(min(capacity + capacity // 5 + 5, len(learners)))  # a waitlist behind full ones
        else:
            caps.append(min(capacity, len(learners)))
    per_session = distribute_capped(rng, counts["enrollments"], caps)
    confirmed: dict[int, int] = {}
    feedback_rows: list[Row] = []
    feedback_left = counts["feedback"]
    finished_holders = sum(
        n for n, (status, _c, _u) in zip(per_session, shapes, strict=True) if status == SessionStatus.FINISHED
    )
    feedback_share = min(1.0, counts["feedback"] / finished_holders / 0.8) if finished_holders else 0.0

    def enrollments() -> Iterator[Row]:
        nonlocal feedback_left
        enrollment_id = 0
        for index, n in enumerate(per_session):
            if not n:
                continue
            session_id = index + 1
            status, capacity, upcoming = shapes[index]
            people = rng.sample(learners, n)
            holding = 0
            waiting = 0
            for person in people:
                enrollment_id += 1
                position = None
                reminded = None
                asked = None
                if rng.random() < 0.05:
                    state = EnrollmentState.CANCELLED
                elif status == SessionStatus.FINISHED:
                    roll = rng.random()
                    state = (
                        EnrollmentState.ATTENDED
                        if roll < 0.55
                        else EnrollmentState.COMPLETED
                        if roll < 0.85
                        else EnrollmentState.NO_SHOW
                    )
                    holding += 1
                    asked = now
                    if (
                        state != EnrollmentState.NO_SHOW
                        and feedback_left > 0
                        and rng.random() < feedback_share
                    ):
                        feedback_left -= 1
                        feedback_rows.append(
                            (enrollment_id, rng.choice([3, 4, 4, 5, 5, 5, 2]), rng.choice(FEEDBACK_COMMENTS))
                        )
                elif holding < capacity:
                    state = EnrollmentState.CONFIRMED
                    holding += 1
                    reminded = None if upcoming else now
                else:
                    state = EnrollmentState.WAITLISTED
                    waiting += 1
                    position = waiting
                yield (enrollment_id, person, session_id, state.value, position, reminded, asked)
            if holding:
                confirmed[session_id] = holding

    writer.write(
        Enrollment,
        [
            "id",
            "person_id",
            "session_id",
            "state",
            "waitlist_position",
            "reminded_at",
            "feedback_requested_at",
        ],
        enrollments(),
    )
    writer.write(Feedback, ["enrollment_id", "rating", "comment"], iter(feedback_rows))
    seeder.update_counts(TrainingSession, "confirmed_count", confirmed)


def distribute_capped(rng: Any, total: int, caps: list[int]) -> list[int]:
    """Split `total` over slots at random, each at most its cap (less in all when the caps are smaller)."""
    counts = [0] * len(caps)
    open_slots = [i for i, cap in enumerate(caps) if cap > 0]
    remaining = total
    while remaining > 0 and open_slots:
        index = rng.randrange(len(open_slots))
        slot = open_slots[index]
        counts[slot] += 1
        remaining -= 1
        if counts[slot] >= caps[slot]:
            open_slots[index] = open_slots[-1]
            open_slots.pop()
    return counts


def _m2m_columns(model: Any, name: str) -> list[str]:
    field = model._meta.get_field(name)
    return [field.m2m_column_name(), field.m2m_reverse_name()]
