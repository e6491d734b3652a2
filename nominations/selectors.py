"""Reads of the nominations app, with their joins and annotations in place (constant queries per page).

nominations-web appends page-specific selectors at the end of this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from leadership.common.languages import shown_text
from roles.models import Organization, Person, Role, RoleHolder, RoleRequirement

from .enums import NominationState
from .models import Endorsement, Nomination, NominationCall, ObservedCompetency, Review, ReviewScore, rank_key

S = NominationState


def calls_open() -> QuerySet[NominationCall]:
    """Calls open today, the soonest to close first (calls that never close last)."""
    now = timezone.now()
    return (
        NominationCall.objects.filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now), opens_at__lte=now)
        .select_related("organization")
        .prefetch_related("roles")
        .order_by(F("closes_at").asc(nulls_last=True), "id")
    )


def calls_open_listed() -> QuerySet[NominationCall]:
    """The open calls as their public list shows them, in `calls_open`'s order, lean: whether the call is
    standing, when it closes, the texts the page shows computed by the database in the active language
    with modeltranslation's fallbacks (`shown_title`, `shown_organization_name`), its organisation's
    `organization_slug` (both None for a movement-wide call), and its roles as `listed_roles` (a list,
    which costs no queryset per call) of ids with their `shown_title`. Not for writes, nor for reading
    other fields: each deferred column loads with a query of its own."""
    organization = Organization.objects.filter(pk=OuterRef("organization_id")).order_by()
    return (
        calls_open()
        .select_related(None)
        .only("id", "organization", "is_standing", "closes_at")
        .annotate(
            shown_title=shown_text("title"),
            # Subqueries rather than a join: the database runs them for the page's calls alone, after
            # sorting, where a join hashed every organisation first (0.6 ms instead of 4-8 ms at scale).
            organization_slug=Subquery(organization.values("slug")[:1]),
            shown_organization_name=Subquery(
                organization.annotate(shown=shown_text("name")).values("shown")[:1]
            ),
        )
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=Role.objects.only("id")
                .annotate(shown_title=shown_text("title"))
                .order_by("title_en", "id"),
                to_attr="listed_roles",
            )
        )
    )


def call_detail_qs() -> QuerySet[NominationCall]:
    """Calls with their organisation, roles (and their requirements), questions and criteria."""
    return NominationCall.objects.select_related("organization").prefetch_related(
        "roles__organization",
        Prefetch(
            "roles__requirements",
            queryset=RoleRequirement.objects.select_related("competency").order_by(
                "importance", "competency_id"
            ),
        ),
        "questions",
        "criteria",
    )


def call_nominate_qs() -> QuerySet[NominationCall]:
    """Calls with what the nomination form shows and checks: organisation, roles (titles), questions."""
    return NominationCall.objects.select_related("organization").prefetch_related("roles", "questions")


def _score_subquery(expression: Any) -> Subquery:
    scores = (
        ReviewScore.objects.filter(review__nomination=OuterRef("pk"), review__conflict_of_interest=False)
        .order_by()
        .values("review__nomination")
        .annotate(total=Sum(expression))
        .values("total")
    )
    return Subquery(scores, output_field=IntegerField())


def _count_subquery(queryset: QuerySet[Any], outer: str = "pk") -> Subquery:
    counted = queryset.order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Subquery(counted, output_field=IntegerField())


def _terms_served() -> Subquery:
    return _count_subquery(
        RoleHolder.objects.filter(person=OuterRef("person"), role=OuterRef("role")), outer="person"
    )


def with_term_limit(queryset: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """Annotate terms_served and term_limit_reached (the nominee already held the role for its limit)."""
    return queryset.annotate(terms_served=Coalesce(_terms_served(), Value(0))).annotate(
        term_limit_reached=Case(
            When(
                role__term_limit__isnull=False,
                person__isnull=False,
                terms_served__gte=F("role__term_limit"),
                then=Value(True),
            ),
            default=Value(False),
        )
    )


def ranking_live() -> dict[str, Any]:
    """The ranking aggregate of a Nomination (OuterRef "pk") computed from its reviews, as expressions by field
    name: `weighted_score` (the scores of the reviews without a conflict of interest, weighted by their
    criteria: 0 to 5, None before any score) and `review_count` (those reviews). The services store it with
    an UPDATE (services.nomination_scores_refresh); `nominations_score_drift` compares the stored one."""
    weighted = _score_subquery(F("score") * F("criterion__weight"))
    weights = _score_subquery(F("criterion__weight"))
    return {
        # A call's criteria weigh at least 1, so the sum of weights is 0 only where there is no score (NULL).
        "weighted_score": ExpressionWrapper(
            Cast(weighted, FloatField()) / weights, output_field=FloatField()
        ),
        "review_count": Coalesce(
            _count_subquery(
                Review.objects.filter(nomination=OuterRef("pk"), conflict_of_interest=False),
                outer="nomination",
            ),
            Value(0),
        ),
    }


def nominations_score_drift() -> list[tuple[int, float | None, int, float | None, int]]:
    """(id, stored weighted score, stored review count, live score, live count) of every nomination whose
    stored ranking aggregate differs from the one its reviews give (for `check_consistency`)."""
    live = ranking_live()
    rows = (
        Nomination.objects.filter(
            Q(Exists(Review.objects.filter(nomination=OuterRef("pk"))))
            | Q(weighted_score__isnull=False)
            | Q(review_count__gt=0)
        )
        .annotate(live_score=live["weighted_score"], live_count=live["review_count"])
        .order_by("pk")
        .values_list("pk", "weighted_score", "review_count", "live_score", "live_count")
    )
    return [
        (pk, stored, count, score, live_count)
        for pk, stored, count, score, live_count in rows.iterator()
        if count != live_count
        or (stored is None) != (score is None)
        or (stored is not None and score is not None and abs(stored - score) > 1e-9)
    ]


def call_nominations_ranked(*, call: NominationCall) -> QuerySet[Nomination]:
    """The accepted nominations of a call (with their role) with their stored weighted score (0 to 5; None
    before any review) and review count, endorsements counted and the term-limit flag, best first. Constant queries; the order
    is nomination_rank_idx's, so the page's rows come off the index and only they are annotated."""
    queryset = (
        Nomination.objects.filter(call=call, state__in=S.consented(), erased_at__isnull=True)
        .select_related("role")
        .annotate(
            endorsement_count=Coalesce(
                _count_subquery(Endorsement.objects.filter(nomination=OuterRef("pk")), outer="nomination"),
                Value(0),
            ),
        )
        .order_by(rank_key().desc(), "created_at", "id")
    )
    return with_term_limit(queryset)


def reviewer_nominations(*, call: NominationCall, reviewer: Any) -> QuerySet[Nomination]:
    """The nominations a reviewer reviews in a call, with their own review's state (conflict, scored)."""
    mine = Review.objects.filter(nomination=OuterRef("pk"), reviewer=reviewer)
    return (
        Nomination.objects.filter(call=call, state__in=S.reviewable(), erased_at__isnull=True)
        .select_related("role", "call")
        .annotate(
            my_conflict=Coalesce(Subquery(mine.values("conflict_of_interest")[:1]), Value(False)),
            my_review_id=Subquery(mine.values("pk")[:1]),
            endorsement_count=Coalesce(
                _count_subquery(Endorsement.objects.filter(nomination=OuterRef("pk")), outer="nomination"),
                Value(0),
            ),
        )
        .order_by("created_at", "id")
    )


def person_nominations(*, person: Person) -> QuerySet[Nomination]:
    """The nominations a person received and accepted (their own view)."""
    return (
        Nomination.objects.filter(person=person, erased_at__isnull=True)
        .select_related("call", "role", "call__organization")
        .order_by("-created_at", "-id")
    )


def user_nominations_made(*, user: Any) -> QuerySet[Nomination]:
    """The nominations an account made (outcome only once the nominee decided)."""
    return (
        Nomination.objects.filter(nominator=user)
        .select_related("call", "role", "call__organization")
        .order_by("-created_at", "-id")
    )


def nomination_detail_qs() -> QuerySet[Nomination]:
    return Nomination.objects.select_related(
        "call", "call__organization", "role", "person", "nominator"
    ).prefetch_related(
        "answers__question",
        "observed__competency",
        "nominee_languages",
        Prefetch(
            "endorsements", queryset=Endorsement.objects.select_related("user").order_by("created_at", "id")
        ),
    )


def nomination_export(*, nomination: Nomination) -> dict[str, Any]:
    """What a nomination holds about its nominee, JSON-ready (the nominee's download)."""
    return {
        "id": nomination.pk,
        "call": nomination.call.title,
        "role": nomination.role.title if nomination.role is not None else None,
        "state": nomination.state,
        "kind": nomination.kind,
        "name": nomination.nominee_name,
        "email": nomination.nominee_email,
        "wikimedia_username": nomination.nominee_username,
        "organization": nomination.nominee_organization,
        "region": nomination.nominee_region,
        "languages": [language.code for language in nomination.nominee_languages.all()],
        "external_movement": nomination.external_movement,
        "external_contact": nomination.external_contact,
        "statement": nomination.statement,
        "nominated_by": None if nomination.nominator_anonymous else (nomination.nominator_name or None),
        "language": nomination.language,
        "answers": [
            {"question": answer.question.text, "answer": answer.value} for answer in nomination.answers.all()
        ],
        "observed_competencies": [
            {"competency": observed.competency.name, "level": observed.level}
            for observed in nomination.observed.all()
        ],
        "created_at": nomination.created_at.isoformat(),
        "decided_at": nomination.decided_at.isoformat() if nomination.decided_at else None,
    }


# --- Page-specific reads (nominations-web) ------------------------------------------------------------------


def role_open_call(*, role: Any) -> NominationCall | None:
    """The call open today for a role (the one closing soonest), for the link on the role's page."""
    return calls_open().filter(roles=role).prefetch_related(None).first()


# --- The API's reads (one list query each, whatever the page's length) ---------------------------------------


def calls_for_api() -> QuerySet[NominationCall]:
    return (
        NominationCall.objects.select_related("organization")
        .prefetch_related("roles", "questions", "criteria")
        .order_by("-opens_at", "-id")
    )


# A nomination's texts about its nominee (what erasure blanks, what the list shows of them).
NOMINEE_TEXT_FIELDS = (
    "nominee_name",
    "nominee_email",
    "nominee_username",
    "nominee_organization",
    "nominee_region",
    "external_movement",
    "external_contact",
    "statement",
)
# What the API's nomination list shows of a nomination itself; its call's two columns decide what a reader
# sees of the nominee (NominationSerializer hides the names from reviewers of an anonymised call).
NOMINATION_LIST_COLUMNS = (
    "id",
    "call",
    "role",
    "state",
    "kind",
    *NOMINEE_TEXT_FIELDS,
    "language",
    "nominator_anonymous",
    "nominator",
    "person",
    "created_at",
    "decided_at",
    "erased_at",
    "call__anonymised_review",
    "call__organization",
)


def nominations_for_api(
    *, user: Any, everyone: bool, organizer_of: list[int], lean: bool = False
) -> QuerySet[Nomination]:
    """The nominations a user may see: made or received by them; the accepted ones of the calls they
    organize or review; every one for staff.

    The calls come first, as ids (one query): then each condition is on the nomination's own columns, and
    the database combines their indexes (nominator, person, call and state) instead of scanning every
    nomination through joins. `lean` (the list): only the columns the list shows, nothing prefetched:
    `nomination_list_related` fetches the page's answers and observed competencies.
    """
    queryset = Nomination.objects.select_related("call")
    if not everyone:
        calls = list(
            NominationCall.objects.filter(Q(organization_id__in=organizer_of) | Q(reviewers=user))
            .order_by()
            .values_list("pk", flat=True)
            .distinct()
        )
        own_person = Subquery(Person.objects.filter(user=user).order_by().values("pk")[:1])
        visible = Q(nominator=user) | Q(person_id=own_person)
        if calls:
            visible |= Q(state__in=S.consented(), call_id__in=calls)
        queryset = queryset.filter(visible)
    if lean:
        queryset = queryset.only(*NOMINATION_LIST_COLUMNS)
    else:
        queryset = queryset.select_related("role", "person").prefetch_related(
            "answers", "observed__competency"
        )
    return queryset.order_by("-created_at", "-id")


def nomination_list_related(
    *, nomination_ids: list[int]
) -> tuple[dict[int, list[dict[str, Any]]], dict[int, list[dict[str, Any]]]]:
    """The answers ({"question": id, "value"}) and observed competencies ({"competency": slug, "level"}) of a
    page of nominations, by nomination id, in their models' order: one query each (none for an empty page)."""
    from .models import NominationAnswer

    answers: dict[int, list[dict[str, Any]]] = {}
    observed: dict[int, list[dict[str, Any]]] = {}
    if not nomination_ids:
        return answers, observed
    for nomination_id, question_id, value in NominationAnswer.objects.filter(
        nomination_id__in=nomination_ids
    ).values_list("nomination_id", "question_id", "value"):
        answers.setdefault(nomination_id, []).append({"question": question_id, "value": value})
    for nomination_id, slug, level in ObservedCompetency.objects.filter(
        nomination_id__in=nomination_ids
    ).values_list("nomination_id", "competency__slug", "level"):
        observed.setdefault(nomination_id, []).append({"competency": slug, "level": level})
    return answers, observed


def endorsements_for_api(*, user: Any, everyone: bool) -> QuerySet[Endorsement]:
    queryset = Endorsement.objects.select_related(
        "nomination", "nomination__call", "nomination__person", "user"
    )
    if not everyone:
        queryset = queryset.filter(user=user)
    return queryset.order_by("-created_at", "-id")


def reviews_for_api(*, user: Any, everyone: bool, organizer_of: list[int]) -> QuerySet[Review]:
    """A reviewer's own reviews; the organizers of a call see its reviews; staff see all."""
    queryset = Review.objects.select_related(
        "nomination", "nomination__call", "nomination__person", "reviewer"
    ).prefetch_related("scores")
    if not everyone:
        queryset = queryset.filter(Q(reviewer=user) | Q(nomination__call__organization_id__in=organizer_of))
    return queryset.order_by("-updated_at", "-id")


# --- Reads of the overview (leadership/overview reads nominations through these, never its models) ----------


def nominations_not_erased(*, where: Q | None = None) -> QuerySet[Nomination]:
    """Nominations in any state whose nominee's data is not erased; `where` narrows them (a Q over
    Nomination)."""
    return Nomination.objects.filter(where or Q(), erased_at__isnull=True)


def consenting_nominees(*, where: Q | None = None) -> QuerySet[Nomination]:
    """Nominations whose nominee said yes (NominationState.consenting()) and which are linked to the nominee's
    Person (erasure unlinks it): the people that nominations put in an organisation's pool of successors.
    `where` narrows them (a Q over Nomination; it may hold OuterRef, for a subquery)."""
    return Nomination.objects.filter(where or Q(), state__in=S.consenting(), person__isnull=False)


def consenting_nominations(*, where: Q | None = None) -> QuerySet[Nomination]:
    """Nominations whose nominee said yes (NominationState.consenting()), not erased; `where` narrows them
    (a Q over Nomination; it may hold OuterRef)."""
    return Nomination.objects.filter(where or Q(), state__in=S.consenting(), erased_at__isnull=True)


def role_consenting_nominations(*, role: Role) -> QuerySet[Nomination]:
    """The consenting, not erased nominations that concern a role: those of its organisation's calls, of
    calls naming the role, and those naming it."""
    naming = NominationCall.objects.filter(roles=role).values("pk")
    return consenting_nominations(
        where=Q(call__organization_id=role.organization_id) | Q(call_id__in=naming) | Q(role=role)
    )


def consenting_endorsements(*, where: Q | None = None) -> QuerySet[Endorsement]:
    """Endorsements of consenting, not erased nominations; `where` narrows them (a Q over Endorsement; it may
    hold OuterRef)."""
    return Endorsement.objects.filter(
        where or Q(), nomination__erased_at__isnull=True, nomination__state__in=S.consenting()
    )


def observed_levels(*, competency_id: int) -> QuerySet[Any]:
    """For a subquery on a Nomination (OuterRef "pk"): the levels (`level`) its nominator observed in a
    competency, left out where they gave none."""
    return ObservedCompetency.objects.filter(
        nomination=OuterRef("pk"), competency_id=competency_id, level__isnull=False
    ).values("level")


def nominations_by_id(*, ids: Iterable[int]) -> dict[int, Nomination]:
    """{id: nomination} with its call and role, in one query (none for no ids)."""
    ids = list(ids)
    return Nomination.objects.select_related("call", "role").in_bulk(ids) if ids else {}


def nominations_received_count(
    *, organization: Organization, since: datetime.datetime, until: datetime.datetime
) -> int:
    """Nominations made in an organisation's calls from `since` to `until` (excluded) that count: their
    nominator confirmed their email (past "submitted") and they are not erased. A single COUNT on the
    (call, state, created) index."""
    return (
        Nomination.objects.filter(
            call__organization=organization,
            created_at__gte=since,
            created_at__lt=until,
            erased_at__isnull=True,
        )
        .exclude(state=S.SUBMITTED)
        .count()
    )
