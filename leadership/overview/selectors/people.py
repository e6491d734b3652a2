"""The overview's lists of named people: candidates for a role, peer learning, my development, emerging leaders.

These are read live (not materialised) and bounded. Privacy: a person who did not make their profile public
is listed only to the organizers of an organisation they belong to (the views check that with the rules of
leadership/overview/rules.py); nominees appear only once they consented, never after erasure; no list
carries an email address to show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Lower, RowNumber
from django.utils import timezone

from nominations.selectors import (
    consenting_endorsements,
    consenting_nominations,
    nominations_by_id,
    observed_levels,
    role_consenting_nominations,
)
from roles.enums import CompetencySource, Importance
from roles.models import (
    Competency,
    Language,
    Membership,
    Organization,
    Person,
    PersonCompetency,
    Role,
    RoleHolder,
    RoleRequirement,
)
from roles.selectors import competency_catalogue, gap_role_choices, person_competency_levels
from training.selectors import enrollments_completed, learners_enrolled

from ..models import NominationInvite
from ..services import current_term_q, local_today

__all__ = [
    "Candidate",
    "Emerging",
    "Engagement",
    "PeerMatches",
    "emerging_leaders",
    "my_development",
    "peer_competencies",
    "peer_matches",
    "person_engagement",
    "role_candidates",
]


MENTORS_PER_COMPETENCY = 3
# The many-to-many tables of a person's languages, wanted and mentored competencies (typed loosely for mypy).
PersonLanguage: Any = Person.languages.through
PersonWants: Any = Person.wants_to_develop.through
PersonMentors: Any = Person.can_mentor.through
DEVELOPMENT_ROLES = 5
SESSIONS_PER_COMPETENCY = 3


# --- Shared pieces --------------------------------------------------------------------------------------------


def _count(queryset: QuerySet[Any], outer: str) -> Any:
    """A correlated COUNT(*) of `queryset` grouped by its `outer` column, 0 when there is none."""
    counted = queryset.order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _requirements_order() -> tuple[Any, ...]:
    """Essentials first, then higher levels, then the competency's name (as the role page lists them)."""
    return (
        Case(When(importance=Importance.ESSENTIAL, then=Value(0)), default=Value(1)),
        "-min_level",
        "competency__name_en",
        "competency_id",
    )


def _requirements_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "requirements",
        queryset=RoleRequirement.objects.select_related("competency").order_by(*_requirements_order()),
    )


def _fit(
    requirements: list[RoleRequirement], levels: dict[int, int], self_levels: dict[int, int] | None = None
) -> tuple[int, int, list[dict[str, Any]]]:
    """(essential unmet, level distance, gap rows) of someone with `levels` for a role's requirements."""
    unmet = distance = 0
    rows = []
    for requirement in requirements:
        level = levels.get(requirement.competency_id, 0)
        missing = max(requirement.min_level - level, 0)
        essential = requirement.importance == Importance.ESSENTIAL
        unmet += 1 if essential and missing else 0
        distance += missing
        rows.append(
            {
                "competency": requirement.competency,
                "min_level": requirement.min_level,
                "importance": requirement.importance,
                "essential": essential,
                "level": level,
                "self_level": (self_levels or {}).get(requirement.competency_id),
                "missing": missing,
            }
        )
    return unmet, distance, rows


def _languages_shared_with(person: Person | None) -> Any:
    """True for a person (OuterRef "pk") who speaks one of `person`'s languages."""
    if person is None:
        return Value(False)
    spoken = PersonLanguage.objects.filter(person_id=person.pk).values("language_id")
    return Exists(PersonLanguage.objects.filter(person_id=OuterRef("pk"), language_id__in=spoken))


def _region_shared_with(person: Person | None, prefix: str = "") -> Any:
    if person is None or person.region_id is None:
        return Value(False)
    return Case(When(**{f"{prefix}region_id": person.region_id}, then=Value(True)), default=Value(False))


# --- Candidates for a role ------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """Someone who could take a role, with their fit: fewer essential requirements unmet is better, then a
    smaller level distance (the levels missing, summed over every requirement)."""

    kind: str  # "person" or "nominee"
    person: Person | None
    nomination: Any  # a consenting nomination (nominations.selectors), or None
    name: str
    essential_unmet: int
    level_distance: int
    gap: list[dict[str, Any]] = field(default_factory=list)
    invited_on: datetime.date | None = None


def _fit_expressions(requirements: list[RoleRequirement]) -> tuple[Any, Any]:
    """SQL for essential_unmet and level_distance over the annotations c_l<i> (level in requirement i)."""
    unmet: Any = Value(0)
    distance: Any = Value(0)
    for index, requirement in enumerate(requirements):
        level = f"c_l{index}"
        below = Q(**{f"{level}__lt": requirement.min_level})
        distance = distance + Case(
            When(below, then=Value(requirement.min_level) - F(level)), default=Value(0)
        )
        if requirement.importance == Importance.ESSENTIAL:
            unmet = unmet + Case(When(below, then=Value(1)), default=Value(0))
    return unmet, distance


CANDIDATE_COLUMNS = ("c_kind", "c_ident", "c_person", "c_nomination", "c_sort", "c_unmet", "c_distance")


def role_candidates(*, role: Role, limit: int = 50, now: datetime.datetime | None = None) -> list[Candidate]:
    """People and consenting nominees ranked by fit to a role, best first (ranked by the database).

    People: those with a verified or self-assessed level in one of the role's required competencies who are
    public or members/holders of the role's organisation, except its current holders; only verified levels
    count. Nominees: consenting nominations of the organisation's calls (or calls naming the role), levels
    from what their nominators observed; a nominee whose Person is listed is merged into that person.
    Five queries at most, whatever the number of candidates.
    (Self-assessed levels are fetched beside, as `self_level` in the gap rows, and never counted.)
    """
    today = local_today(now)
    requirements = list(
        RoleRequirement.objects.filter(role=role)
        .select_related("competency")
        .order_by(*_requirements_order())
    )
    required = [requirement.competency_id for requirement in requirements]
    verified = CompetencySource.verified()
    holders_now = RoleHolder.objects.filter(current_term_q(today), role=role).values("person_id")
    scope = role_consenting_nominations(role=role)

    records = PersonCompetency.objects.filter(person=OuterRef("pk"))
    people = Person.objects.filter(
        Exists(
            records.filter(competency_id__in=required, source__in=[*verified, CompetencySource.SELF_ASSESSED])
        ),
        Q(is_public=True)
        | Exists(Membership.objects.filter(person=OuterRef("pk"), organization_id=role.organization_id))
        | Exists(
            RoleHolder.objects.filter(person=OuterRef("pk"), role__organization_id=role.organization_id)
        ),
    ).exclude(pk__in=holders_now)
    nominees = scope.filter(
        Q(person__isnull=True)
        | (
            ~Q(person_id__in=people.values("pk"))
            & ~Q(person_id__in=holders_now)
            # one row per linked person: their latest nomination
            & Q(
                pk=Subquery(
                    scope.filter(person=OuterRef("person")).order_by("-created_at", "-id").values("pk")[:1]
                )
            )
        )
    )

    people_levels: dict[str, Any] = {}
    nominee_levels: dict[str, Any] = {}
    for index, competency_id in enumerate(required):
        top = (
            records.filter(competency_id=competency_id, source__in=verified)
            .order_by("-level")
            .values("level")
        )
        people_levels[f"c_l{index}"] = Coalesce(Subquery(top[:1]), Value(0))
        own = records.filter(competency_id=competency_id, source=CompetencySource.SELF_ASSESSED).values(
            "level"
        )
        people_levels[f"c_s{index}"] = Subquery(own[:1], output_field=IntegerField())
        observed = observed_levels(competency_id=competency_id)
        nominee_levels[f"c_l{index}"] = Coalesce(Subquery(observed[:1]), Value(0))
        nominee_levels[f"c_s{index}"] = Value(None, output_field=IntegerField())
    unmet, distance = _fit_expressions(requirements)
    level_columns = [f"c_{kind}{index}" for index in range(len(required)) for kind in ("l", "s")]
    columns = [*CANDIDATE_COLUMNS, *level_columns]

    people_rows = (
        people.order_by()
        .annotate(**people_levels)
        .annotate(
            c_kind=Value("person"),
            c_ident=F("pk"),
            c_person=F("pk"),
            c_nomination=Subquery(
                scope.filter(person=OuterRef("pk")).order_by("-created_at", "-id").values("pk")[:1],
                output_field=IntegerField(),
            ),
            c_sort=Lower("display_name"),
            c_unmet=unmet,
            c_distance=distance,
        )
        .values(*columns)
    )
    nominee_rows = (
        nominees.order_by()
        .annotate(**nominee_levels)
        .annotate(
            c_kind=Value("nominee"),
            c_ident=F("pk"),
            c_person=F("person_id"),
            c_nomination=F("pk"),
            c_sort=Lower("nominee_name"),
            c_unmet=unmet,
            c_distance=distance,
        )
        .values(*columns)
    )
    rows = list(
        people_rows.union(nominee_rows, all=True).order_by(
            "c_unmet", "c_distance", "c_sort", "c_kind", "c_ident"
        )[:limit]
    )

    person_ids = {row["c_person"] for row in rows if row["c_person"] is not None}
    nomination_ids = {row["c_nomination"] for row in rows if row["c_nomination"] is not None}
    persons = Person.objects.select_related("region").in_bulk(person_ids) if person_ids else {}
    nominations = nominations_by_id(ids=nomination_ids)
    invited = (
        dict(
            NominationInvite.objects.filter(role=role, person_id__in=person_ids).values_list(
                "person_id", "created_at"
            )
        )
        if person_ids
        else {}
    )

    candidates = []
    for row in rows:
        levels = {competency_id: row[f"c_l{index}"] for index, competency_id in enumerate(required)}
        self_levels = {
            competency_id: row[f"c_s{index}"]
            for index, competency_id in enumerate(required)
            if row[f"c_s{index}"] is not None
        }
        person = persons.get(row["c_person"]) if row["c_person"] is not None else None
        nomination = nominations.get(row["c_nomination"]) if row["c_nomination"] is not None else None
        is_person = row["c_kind"] == "person"
        unmet_count, level_distance, gap = _fit(requirements, levels, self_levels)
        invited_at = invited.get(row["c_person"]) if row["c_person"] is not None else None
        candidates.append(
            Candidate(
                kind=row["c_kind"],
                person=person,
                nomination=nomination,
                name=(
                    person.display_name
                    if is_person and person
                    else nomination.nominee_name
                    if nomination
                    else ""
                ),
                essential_unmet=unmet_count,
                level_distance=level_distance,
                gap=gap,
                invited_on=timezone.localdate(invited_at) if invited_at else None,
            )
        )
    return candidates


# --- Peer learning --------------------------------------------------------------------------------------------


def peer_competencies(*, limit: int | None = None) -> QuerySet[Competency]:
    """Active competencies that public people want to develop or offer to mentor in, annotated `wanting` and
    `mentoring` (public people only), most wanted first. One query."""
    wanting = PersonWants.objects.filter(competency_id=OuterRef("pk"), person__is_public=True)
    mentoring = PersonMentors.objects.filter(competency_id=OuterRef("pk"), person__is_public=True)
    competencies = (
        competency_catalogue()
        .annotate(wanting=_count(wanting, "competency_id"), mentoring=_count(mentoring, "competency_id"))
        .filter(Q(wanting__gt=0) | Q(mentoring__gt=0))
        .order_by("-wanting", "-mentoring", "sort_name", "id")
    )
    return competencies[:limit] if limit is not None else competencies


class PeerMatches(NamedTuple):
    """People who want to develop a competency, and people who offer to mentor in it."""

    learners: list[Person]
    mentors: list[Person]


def _peers(base: QuerySet[Person], viewer_person: Person | None, limit: int) -> list[Person]:
    return list(
        base.annotate(
            same_language=_languages_shared_with(viewer_person),
            same_region=_region_shared_with(viewer_person),
        ).order_by("-same_language", "-same_region", Lower("display_name"), "id")[:limit]
    )


def peer_matches(*, competency: Competency, viewer_person: Person | None, limit: int = 50) -> PeerMatches:
    """Learners wanting a competency and mentors offering it: public people (and the viewer themself), those
    sharing a language with the viewer first, then those of the viewer's region, then by name. Each person
    carries `same_language`, `same_region`, `verified_level` (in the competency) and their languages.
    Four queries."""
    visible = Q(is_public=True)
    if viewer_person is not None:
        visible |= Q(pk=viewer_person.pk)
    top = (
        PersonCompetency.objects.filter(
            person=OuterRef("pk"), competency=competency, source__in=CompetencySource.verified()
        )
        .order_by("-level")
        .values("level")
    )
    base = (
        Person.objects.filter(visible)
        .select_related("region")
        .prefetch_related(Prefetch("languages", queryset=Language.objects.order_by("code")))
        .annotate(verified_level=Coalesce(Subquery(top[:1]), Value(0)))
    )
    wants = PersonWants.objects.filter(person_id=OuterRef("pk"), competency_id=competency.pk)
    offers = PersonMentors.objects.filter(person_id=OuterRef("pk"), competency_id=competency.pk)
    return PeerMatches(
        learners=_peers(base.filter(Exists(wants)), viewer_person, limit),
        mentors=_peers(base.filter(Exists(offers)), viewer_person, limit),
    )


def _suggested_mentors(*, person: Person, competency_ids: list[int]) -> dict[int, list[Person]]:
    """Up to three public mentors per competency (never the person), same language, then region, first."""
    if not competency_ids:
        return {}
    spoken = PersonLanguage.objects.filter(person_id=person.pk).values("language_id")
    links = (
        PersonMentors.objects.filter(competency_id__in=competency_ids, person__is_public=True)
        .exclude(person_id=person.pk)
        .select_related("person", "person__region")
        .annotate(
            same_language=Exists(
                PersonLanguage.objects.filter(person_id=OuterRef("person_id"), language_id__in=spoken)
            ),
            same_region=_region_shared_with(person, prefix="person__"),
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("competency_id")],
                order_by=[
                    F("same_language").desc(),
                    F("same_region").desc(),
                    Lower("person__display_name").asc(),
                    F("person_id").asc(),
                ],
            )
        )
        .filter(rank__lte=MENTORS_PER_COMPETENCY)
        .order_by("competency_id", "rank")
    )
    mentors: dict[int, list[Person]] = {}
    for link in links:
        mentors.setdefault(link.competency_id, []).append(link.person)
    return mentors


# --- Engagement, my development and emerging leaders ------------------------------------------------------------


@dataclass
class Engagement:
    """What a person did that suggests readiness for a role, and its score:
    2 * trainings completed + mentoring offered + endorsements received + 3 * nominations accepted
    + 2 * past terms held."""

    trainings_completed: int = 0
    mentoring: int = 0
    endorsements: int = 0
    nominations_accepted: int = 0
    past_terms: int = 0
    score: int = 0


ENGAGEMENT_FIELDS = ("trainings_completed", "mentoring", "endorsements", "nominations_accepted", "past_terms")


def _engagement_annotations(today: datetime.date) -> dict[str, Any]:
    person = OuterRef("pk")
    return {
        "trainings_completed": _count(enrollments_completed(where=Q(person=person)), "person_id"),
        "mentoring": _count(PersonMentors.objects.filter(person_id=person), "person_id"),
        "endorsements": _count(
            consenting_endorsements(where=Q(nomination__person=person)), "nomination__person"
        ),
        "nominations_accepted": _count(consenting_nominations(where=Q(person=person)), "person_id"),
        "past_terms": _count(RoleHolder.objects.filter(person=person, end__lte=today), "person_id"),
    }


def _with_engagement(people: QuerySet[Person], today: datetime.date) -> QuerySet[Any]:
    return people.annotate(**_engagement_annotations(today)).annotate(
        engagement_score=2 * F("trainings_completed")
        + F("mentoring")
        + F("endorsements")
        + 3 * F("nominations_accepted")
        + 2 * F("past_terms")
    )


def _engagement_of(person: Any) -> Engagement:
    return Engagement(
        **{name: getattr(person, name) for name in ENGAGEMENT_FIELDS}, score=person.engagement_score
    )


def person_engagement(*, person: Person, now: datetime.datetime | None = None) -> Engagement:
    """A person's engagement figures and score (one query)."""
    annotated = _with_engagement(Person.objects.filter(pk=person.pk), local_today(now)).first()
    return _engagement_of(annotated) if annotated is not None else Engagement()


def my_development(*, person: Person, now: datetime.datetime | None = None) -> dict[str, Any]:
    """The signed-in person's development page, in a constant number of queries.

    {"wanted": [{"competency", "mentors": [Person ≤ 3]}],
     "roles": [{"role", "essential_unmet", "level_distance", "gap": [row + "sessions"]}] (at most 5, fewest
     essential unmet first, then level distance),
     "sessions": {competency id: [TrainingSession]} (upcoming, for the competencies missing for those roles),
     "engagement": Engagement}
    """
    from .figures import sessions_developing

    now = now or timezone.now()
    wanted = list(
        competency_catalogue()
        .filter(pk__in=PersonWants.objects.filter(person_id=person.pk).values("competency_id"))
        .order_by("sort_name", "id")
    )
    mentors = _suggested_mentors(person=person, competency_ids=[competency.pk for competency in wanted])

    known = person_competency_levels(person=person)
    levels = {competency_id: entry.verified_level for competency_id, entry in known.items()}
    self_levels = {
        competency_id: entry.self_level for competency_id, entry in known.items() if entry.self_level
    }
    ranked = []
    for role in gap_role_choices(person=person).prefetch_related(_requirements_prefetch()):
        unmet, distance, gap = _fit(list(role.requirements.all()), levels, self_levels)
        ranked.append({"role": role, "essential_unmet": unmet, "level_distance": distance, "gap": gap})
    ranked.sort(key=lambda entry: (entry["essential_unmet"], entry["level_distance"]))
    roles = ranked[:DEVELOPMENT_ROLES]

    missing = sorted({row["competency"].pk for entry in roles for row in entry["gap"] if row["missing"]})
    sessions = (
        sessions_developing(competency_ids=missing, now=now, per_competency=SESSIONS_PER_COMPETENCY)
        if missing
        else {}
    )
    for entry in roles:
        for row in entry["gap"]:
            row["sessions"] = sessions.get(row["competency"].pk, []) if row["missing"] else []
    return {
        "wanted": [
            {"competency": competency, "mentors": mentors.get(competency.pk, [])} for competency in wanted
        ],
        "roles": roles,
        "sessions": sessions,
        "engagement": person_engagement(person=person, now=now),
    }


@dataclass
class Emerging:
    """A person of an organisation, holding none of its roles, whose engagement suggests readiness; with
    their best open role of the organisation (fewest essential unmet, then level distance) and the gap."""

    person: Person
    score: int
    trainings_completed: int
    mentoring: int
    endorsements: int
    nominations_accepted: int
    past_terms: int
    best_role: Role | None = None
    essential_unmet: int | None = None
    level_distance: int | None = None
    fit: list[dict[str, Any]] = field(default_factory=list)
    invited_on: datetime.date | None = None

    @property
    def engagement(self) -> Engagement:
        return Engagement(**{name: getattr(self, name) for name in ENGAGEMENT_FIELDS}, score=self.score)


def emerging_leaders(
    *, organization: Organization, limit: int = 20, now: datetime.datetime | None = None
) -> list[Emerging]:
    """People of an organisation (members, past holders of its roles, its consenting nominees, and learners in
    the sessions it organised: those only when public) who hold no current term of its roles, by engagement
    score (computed by the database), highest first, then name; score > 0 only. Five queries at most."""
    today = local_today(now)
    # The organisation's people, gathered from its own rows (each read through its organisation's index), so
    # that the engagement score is computed for them only: asked of every person (EXISTS per person), the
    # database scored all of them first (seconds at 200,000 people).
    people_of = (
        Membership.objects.filter(organization=organization)
        .order_by()
        .values("person_id")
        .union(
            RoleHolder.objects.filter(role__organization=organization, end__lte=today)
            .order_by()
            .values("person_id"),
            consenting_nominations(where=Q(call__organization=organization)).order_by().values("person_id"),
            learners_enrolled(where=Q(session__organization=organization, person__is_public=True))
            .order_by()
            .values("person_id"),
        )
    )
    holding = RoleHolder.objects.filter(current_term_q(today), role__organization=organization).values(
        "person_id"
    )
    people = list(
        _with_engagement(
            Person.objects.filter(pk__in=people_of).exclude(pk__in=holding).select_related("region"),
            today,
        )
        .filter(engagement_score__gt=0)
        .order_by("-engagement_score", Lower("display_name"), "id")[:limit]
    )
    if not people:
        return []

    open_roles = list(
        Role.objects.filter(organization=organization, active=True, open_for_nominations=True)
        .prefetch_related(_requirements_prefetch())
        .order_by("title_en", "id")
    )
    required = {requirement.competency_id for role in open_roles for requirement in role.requirements.all()}
    ids = [candidate.pk for candidate in people]
    levels: dict[int, dict[int, int]] = {}
    if required:
        for person_id, competency_id, level in PersonCompetency.objects.filter(
            person_id__in=ids, competency_id__in=required, source__in=CompetencySource.verified()
        ).values_list("person_id", "competency_id", "level"):
            known = levels.setdefault(person_id, {})
            known[competency_id] = max(level, known.get(competency_id, 0))
    invited = (
        {
            (role_id, person_id): timezone.localdate(created_at)
            for role_id, person_id, created_at in NominationInvite.objects.filter(
                role__in=open_roles, person_id__in=ids
            ).values_list("role_id", "person_id", "created_at")
        }
        if open_roles
        else {}
    )

    emerging = []
    for candidate in people:
        entry = Emerging(
            person=candidate,
            score=candidate.engagement_score,
            **{name: getattr(candidate, name) for name in ENGAGEMENT_FIELDS},
        )
        best: tuple[int, int] | None = None
        for role in open_roles:
            unmet, distance, gap = _fit(list(role.requirements.all()), levels.get(candidate.pk, {}))
            if best is None or (unmet, distance) < best:
                best = (unmet, distance)
                entry.best_role, entry.essential_unmet, entry.level_distance, entry.fit = (
                    role,
                    unmet,
                    distance,
                    gap,
                )
        if entry.best_role is not None:
            entry.invited_on = invited.get((entry.best_role.pk, candidate.pk))
        emerging.append(entry)
    return emerging
