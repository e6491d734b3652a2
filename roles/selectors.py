"""Reads of the roles app that are reused or need care with queries.

Each returns a queryset with its joins, prefetches and annotations in place, so that a page costs the same
few queries whatever the length of its lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from leadership.common import search
from leadership.common.languages import localized_field_names

from .enums import (
    Capacity,
    MembershipRequestKind,
    MembershipRequestState,
    OrganizationKind,
    OrganizationStatus,
)
from .models import Language, Membership, MembershipRequest, Organization, Person
from .rules import org_capacities

LISTED = Q(status=OrganizationStatus.APPROVED, active=True)
CAPACITY_ORDER = {Capacity.ORGANIZER: 0, Capacity.HUB_COORDINATOR: 1, Capacity.MEMBER: 2}


def language_choices() -> QuerySet[Language]:
    """The languages a person, an organisation, a role or a course may name, by their code."""
    return Language.objects.order_by("code")


def organization_name_search(text: str) -> Q:
    """Organisations whose name contains the text in any of the site's languages."""
    query = Q()
    for field in localized_field_names("name"):
        query |= Q(**{f"{field}__icontains": text})
    return query


def organization_list() -> QuerySet[Organization]:
    """The public directory: approved, active organisations with their region, languages and member count."""
    return (
        Organization.objects.filter(LISTED)
        .select_related("region")
        .prefetch_related(Prefetch("languages", queryset=Language.objects.order_by("code")))
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name_en", "id")
    )


def hub_choices() -> QuerySet[Organization]:
    """Hubs a proposed or edited organisation may name as serving it."""
    return Organization.objects.filter(LISTED, kind__in=OrganizationKind.hub_kinds()).order_by(
        "name_en", "id"
    )


def organization_for_page(*, slug: str) -> Organization | None:
    """One organisation with everything its page shows about itself (not its members)."""
    listed_neighbours = Organization.objects.filter(LISTED).select_related("region").order_by("name_en", "id")
    return (
        Organization.objects.select_related("region")
        .prefetch_related(
            Prefetch("languages", queryset=Language.objects.order_by("code")),
            Prefetch("hubs", queryset=listed_neighbours),
            Prefetch("served_organizations", queryset=listed_neighbours),
        )
        .filter(slug=slug)
        .first()
    )


def organization_members(
    *, organization: Organization, include_private: bool, viewer: Any = None
) -> QuerySet:
    """Memberships of an organisation, organizers first.

    Without `include_private`, only people who made their profile public are listed, plus the viewer.
    """
    memberships = Membership.objects.filter(organization=organization).select_related("person")
    if not include_private:
        visible = Q(person__is_public=True)
        if viewer is not None and getattr(viewer, "is_authenticated", False):
            visible |= Q(person__user_id=viewer.pk)
        memberships = memberships.filter(visible)
    return memberships.annotate(
        capacity_rank=Case(
            *(When(capacity=capacity, then=Value(rank)) for capacity, rank in CAPACITY_ORDER.items()),
            default=Value(9),
            output_field=IntegerField(),
        )
    ).order_by("capacity_rank", "person__display_name", "id")


def organization_pending_requests(*, organization: Organization) -> QuerySet[MembershipRequest]:
    """Requests to join an organisation that wait for its organizers."""
    return (
        MembershipRequest.objects.filter(
            organization=organization,
            kind=MembershipRequestKind.REQUEST,
            state=MembershipRequestState.PENDING,
        )
        .select_related("person")
        .order_by("created_at", "id")
    )


def organization_pending_invitations(*, organization: Organization) -> QuerySet[MembershipRequest]:
    """Invitations an organisation sent that wait for the invitee."""
    return (
        MembershipRequest.objects.filter(
            organization=organization,
            kind=MembershipRequestKind.INVITATION,
            state=MembershipRequestState.PENDING,
        )
        .select_related("person", "created_by")
        .order_by("created_at", "id")
    )


def person_of(user: Any) -> Person | None:
    """The Person of a signed-in account, read once per request (the page header shows it too)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def pending_invitations_for(*, user: Any, person: Person | None) -> QuerySet[MembershipRequest]:
    """Invitations addressed to an account: to its Person, a verified email or its Wikimedia username."""
    if person is None:
        return MembershipRequest.objects.none()
    addressed = Q(person=person)
    unassigned = Q(person__isnull=True)
    verified = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    by_email = Q()
    for address in verified:
        by_email |= Q(email__iexact=address)
    if by_email:
        addressed |= unassigned & by_email
    if person.wikimedia_username:
        addressed |= unassigned & Q(wikimedia_username=person.wikimedia_username)
    return (
        MembershipRequest.objects.filter(
            addressed, kind=MembershipRequestKind.INVITATION, state=MembershipRequestState.PENDING
        )
        .select_related("organization", "created_by")
        .order_by("created_at", "id")
    )


def person_memberships(*, person: Person, listed_only: bool = False) -> QuerySet[Membership]:
    """A person's memberships with their organisations (only listed organisations on public pages)."""
    memberships = Membership.objects.filter(person=person).select_related(
        "organization", "organization__region"
    )
    if listed_only:
        memberships = memberships.filter(
            organization__status=OrganizationStatus.APPROVED, organization__active=True
        )
    return memberships.order_by("organization__name_en", "id")


def person_pending_requests(*, person: Person) -> QuerySet[MembershipRequest]:
    """A person's own requests to join that still wait for an answer."""
    return (
        MembershipRequest.objects.filter(
            person=person, kind=MembershipRequestKind.REQUEST, state=MembershipRequestState.PENDING
        )
        .select_related("organization")
        .order_by("created_at", "id")
    )


def person_has_pending_request(*, person: Person | None, organization: Organization) -> bool:
    if person is None:
        return False
    return MembershipRequest.objects.filter(
        person=person,
        organization=organization,
        kind=MembershipRequestKind.REQUEST,
        state=MembershipRequestState.PENDING,
    ).exists()


def person_for_profile(*, pk: int) -> Person | None:
    return (
        Person.objects.select_related("region")
        .prefetch_related(Prefetch("languages", queryset=Language.objects.order_by("code")))
        .filter(pk=pk)
        .first()
    )


def _grouped(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[Any]]:
    """{owner id: [value, ...]} from (owner id, value) rows, or (owner id, *values) as tuples, in order."""
    grouped: dict[int, list[Any]] = {}
    for owner, *values in rows:
        grouped.setdefault(owner, []).append(values[0] if len(values) == 1 else tuple(values))
    return grouped


# What the API's organisation list shows of an organisation itself, besides its translated texts.
ORGANIZATION_LIST_COLUMNS = (
    "id",
    "slug",
    "kind",
    "status",
    "region",
    "countries",
    "website",
    "wikidata_qid",
    "active",
    "created_at",
    "updated_at",
)


def organizations_for_api(*, approved_only: bool = True, lean: bool = False) -> QuerySet[Organization]:
    """Organisations as the REST API shows them, in the same few queries whatever their number.

    Sorted by the name shown in the active language (with modeltranslation's fallback: English, then any
    language that has a value), case-insensitively; `sort_name` serves the API's `?ordering=name` too.
    Hubs are the approved ones only; `served_organizations_count` counts the approved organisations a hub
    serves. Without `approved_only`, proposed and rejected organisations are included, for the detail and
    write endpoints to decide on with the `roles.view_organization` rule.

    `lean` (the list): the organisations alone, sorted, for its filters and count; `organization_list_rows`
    adds what the page's rows show, and `organization_list_related` their languages, hubs and served counts.
    """
    # Local imports: this function was appended to a module whose import block belongs to its owner.
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce, Lower

    from leadership.common.languages import shown_text

    organizations = Organization.objects.all()
    if approved_only:
        organizations = organizations.filter(status=OrganizationStatus.APPROVED)
    organizations = organizations.annotate(sort_name=Lower(shown_text("name"))).order_by("sort_name", "pk")
    if lean:
        return organizations
    served = (
        Organization.objects.filter(hubs=OuterRef("pk"), status=OrganizationStatus.APPROVED)
        .order_by()
        .values("hubs")
        .annotate(n=Count("pk"))
        .values("n")
    )
    approved_hubs = Organization.objects.filter(status=OrganizationStatus.APPROVED).only("pk", "slug")
    return (
        organizations.select_related("region")
        .prefetch_related(
            Prefetch("languages", queryset=Language.objects.order_by("code")),
            Prefetch("hubs", queryset=approved_hubs.order_by("slug")),
        )
        .annotate(
            served_organizations_count=Coalesce(Subquery(served, output_field=IntegerField()), Value(0))
        )
    )


def organization_list_rows(
    organizations: QuerySet[Organization], *, all_languages: bool = False
) -> QuerySet[Organization]:
    """What the list shows of a page of `organizations_for_api(lean=True)`: only the columns it shows, the
    region's code as `region_code`, the name and description computed in the response's language
    (`shown_name`, `shown_description`; their six columns only with `all_languages`)."""
    from leadership.common.languages import shown_text

    columns = list(ORGANIZATION_LIST_COLUMNS)
    if all_languages:
        columns += [*localized_field_names("name"), *localized_field_names("description")]
    return organizations.only(*columns).annotate(
        region_code=F("region__code"),
        shown_name=shown_text("name"),
        shown_description=shown_text("description"),
    )


@dataclass(frozen=True)
class OrganizationListRelated:
    """What the organisation list shows of each organisation's related rows, by organisation id."""

    languages: dict[int, list[str]]  # language codes, in order
    hubs: dict[int, list[str]]  # slugs of its approved hubs, in order
    served: dict[int, int]  # how many approved organisations it serves as a hub


def organization_list_related(*, organization_ids: list[int]) -> OrganizationListRelated:
    """The languages, approved hubs and served counts of a page of organisations: one query for the
    languages, one for both directions of the hub links (none for an empty page). Counting served
    organisations here, for the page alone, spares the page's query a subquery per row it skips."""
    if not organization_ids:
        return OrganizationListRelated(languages={}, hubs={}, served={})
    page = set(organization_ids)
    hubs: dict[int, list[str]] = {}
    served: dict[int, int] = {}
    hub_links: Any = Organization.hubs.through  # the m2m's own model (django-stubs cannot type it)
    links = (
        hub_links.objects.filter(
            Q(from_organization_id__in=organization_ids) | Q(to_organization_id__in=organization_ids)
        )
        .order_by("to_organization__slug")
        .values_list(
            "from_organization_id",
            "from_organization__status",
            "to_organization_id",
            "to_organization__slug",
            "to_organization__status",
        )
    )
    for served_id, served_status, hub_id, hub_slug, hub_status in links:
        if served_id in page and hub_status == OrganizationStatus.APPROVED:
            hubs.setdefault(served_id, []).append(hub_slug)
        if hub_id in page and served_status == OrganizationStatus.APPROVED:
            served[hub_id] = served.get(hub_id, 0) + 1
    languages = _grouped(
        Organization.languages.through.objects.filter(organization_id__in=organization_ids)
        .order_by("language_id")
        .values_list("organization_id", "language_id")
    )
    return OrganizationListRelated(languages=languages, hubs=hubs, served=served)


# --- Competencies and people (pages of the registry) -----------------------------------------------------


def _shown_text(field: str) -> Any:
    """A translated field as modeltranslation shows it (active language, then the fallbacks), lowercased."""
    from django.db.models.functions import Lower

    from leadership.common.languages import shown_text

    return Lower(shown_text(field))


def competency_name_search(text: str, prefix: str = "") -> Q:
    """Competencies whose name contains the text in any of the site's languages."""
    query = Q()
    for field in localized_field_names("name"):
        query |= Q(**{f"{prefix}{field}__icontains": text})
    return query


def competency_categories() -> QuerySet:
    from .models import CompetencyCategory

    return CompetencyCategory.objects.order_by("order", "slug")


def competency_catalogue(*, q: str = "", category: Any = None) -> QuerySet:
    """Active competencies with their category, in category order then by the name shown, for the catalogue."""
    from .models import Competency

    competencies = Competency.objects.filter(active=True).select_related("category")
    if q:
        competencies = competencies.filter(competency_name_search(q))
    if category is not None:
        competencies = competencies.filter(category=category)
    return competencies.annotate(sort_name=_shown_text("name")).order_by(
        "category__order", "category__slug", "sort_name", "id"
    )


def _lookup_ranked(queryset: QuerySet, text: str, *, key: str, limit: int) -> list[Any]:
    """A type-ahead's order: the row whose key is the text, then those named it exactly (in the language
    shown), then those whose name starts with it, then the others, each by name."""
    lowered = text.lower()
    return list(
        queryset.annotate(
            sort_name=_shown_text("name"),
            rank=Case(
                When(**{key: text}, then=Value(0)),
                When(sort_name=lowered, then=Value(1)),
                When(sort_name__startswith=lowered, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
        ).order_by("rank", "sort_name", "id")[:limit]
    )


def organization_lookup(text: str, *, limit: int) -> list[Organization]:
    """Listed organisations for a type-ahead: by slug, or by name in any language (best first)."""
    queryset = (
        Organization.objects.filter(LISTED)
        .filter(Q(slug=text) | organization_name_search(text))
        .select_related("region")
    )
    return _lookup_ranked(queryset, text, key="slug", limit=limit)


def competency_lookup(text: str, *, limit: int) -> list[Any]:
    """Active competencies for a type-ahead: by slug, or by name in any language (best first)."""
    from .models import Competency

    queryset = (
        Competency.objects.filter(active=True)
        .filter(Q(slug=text) | competency_name_search(text))
        .select_related("category")
    )
    return _lookup_ranked(queryset, text, key="slug", limit=limit)


def organization_lookup_key(slug: str) -> Organization | None:
    """The listed organisation of that slug (a bookmarked filter), as `organization_lookup` finds it."""
    return Organization.objects.filter(LISTED, slug=slug).select_related("region").first()


def competency_lookup_key(slug: str) -> Any:
    """The active competency of that slug (a bookmarked filter), as `competency_lookup` finds it, with what
    a lookup shows of it: its name and its category's (not their descriptions in every language)."""
    from .models import Competency

    names = localized_field_names("name")
    return (
        Competency.objects.filter(active=True, slug=slug)
        .select_related("category")
        .only("id", "slug", "active", "category", *names, *(f"category__{name}" for name in names))
        .first()
    )


def competency_choices(extra: list[Any] | None = None) -> list[Any]:
    """Active competencies grouped by category (one query), plus any inactive one in `extra` (still required)."""
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for competency in competency_catalogue():
        group = groups.setdefault(competency.category_id, (str(competency.category.name), []))
        group[1].append((competency.pk, str(competency.name)))
    choices: list[Any] = [("", _("Choose a competency")), *groups.values()]
    known = {pk for _group, options in groups.values() for pk, _name in options}
    missing = [(c.pk, str(c.name)) for c in extra or [] if c.pk not in known]
    if missing:
        choices.append((_("No longer active"), missing))
    return choices


def competency_for_page(*, slug: str) -> Any:
    """One active competency with its category, broader and narrower competencies and own level descriptors."""
    from .models import Competency, CompetencyLevelDescriptor

    return (
        Competency.objects.filter(slug=slug, active=True)
        .select_related("category", "parent")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Competency.objects.filter(active=True)
                .annotate(sort_name=_shown_text("name"))
                .order_by("sort_name", "id"),
            ),
            Prefetch("level_descriptors", queryset=CompetencyLevelDescriptor.objects.order_by("level")),
        )
        .first()
    )


def proficiency_levels() -> QuerySet:
    from .models import ProficiencyLevel

    return ProficiencyLevel.objects.order_by("level")


def competency_requiring_roles(*, competency: Any) -> QuerySet:
    """Requirements of active roles in listed organisations for a competency: essentials, higher levels first."""
    from .models import RoleRequirement

    return (
        RoleRequirement.objects.filter(
            competency=competency,
            role__active=True,
            role__organization__status=OrganizationStatus.APPROVED,
            role__organization__active=True,
        )
        .select_related("role", "role__organization")
        # "essential" sorts after "desirable": descending puts essentials first and keeps the competency
        # index usable (an ordering expression made the planner scan every requirement).
        .order_by("-importance", "-min_level", "role__title_en", "role_id")
    )


def competency_mentors(*, competency: Any) -> QuerySet[Person]:
    """Public people who offer to mentor others in a competency."""
    return Person.objects.filter(can_mentor=competency, is_public=True).order_by("display_name", "id")


def _current_term_q(prefix: str = "") -> Q:
    from django.utils import timezone

    today = timezone.localdate()
    return Q(**{f"{prefix}start__lte": today}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": today})
    )


def people_directory_languages() -> list[Language]:
    """The languages at least one public profile names (the directory's language choices), by code.

    Each language is checked on its own, link by link, until a public speaker is found: a semi-join of the
    language links with the public people made PostgreSQL hash every link and every public person (over a
    hundred milliseconds with 200,000 people), where a few index probes per language suffice.
    """
    from django.db.models import Exists, OuterRef, Subquery

    links = Person.languages.through.objects.filter(language=OuterRef("pk")).filter(
        Subquery(Person.objects.filter(pk=OuterRef("person_id")).order_by().values("is_public")[:1])
    )
    return list(Language.objects.filter(Exists(links)).order_by("code"))


# What a card of the people directory shows of a person (the email, time zone... stay in the table).
PEOPLE_DIRECTORY_COLUMNS = ("id", "display_name", "wikimedia_username", "region__code")


def people_directory(
    *,
    q: str = "",
    competency: Any = None,
    min_level: int | None = None,
    mentors: bool = False,
    organization: Any = None,
    region: Any = None,
    language: Any = None,
) -> QuerySet[Person]:
    """Public profiles only, whoever looks, with their region, languages and listed organisations.

    With a competency: people with any recorded level in it, or (with `min_level`) a verified level of at
    least that; `verified_level` and `self_level` are annotated for the page. Only the columns the
    directory shows are loaded (not for writes). Indexes that serve it: person_public_name_idx (the order),
    and, with a competency, personcomp_people_idx and person_public_id_idx, with which a page's
    keys are found from the competency's records (see CappedKeysPaginator) rather than by reading the
    public people in name order.
    """
    from django.db.models import Exists, Max, OuterRef, Subquery

    from .enums import CompetencySource
    from .models import PersonCompetency, RoleHolder

    people = Person.objects.filter(is_public=True).select_related("region").only(*PEOPLE_DIRECTORY_COLUMNS)
    if q:
        people = people.filter(Q(display_name__icontains=q) | Q(wikimedia_username__icontains=q))
    if competency is not None:
        records = PersonCompetency.objects.filter(person=OuterRef("pk"), competency=competency).order_by()
        verified = records.filter(source__in=CompetencySource.verified())
        if min_level:
            people = people.filter(Exists(verified.filter(level__gte=min_level)))
        elif not mentors:
            people = people.filter(Exists(records))
        if mentors:
            people = people.filter(can_mentor=competency)
        people = people.annotate(
            verified_level=Subquery(verified.values("person").annotate(top=Max("level")).values("top")[:1]),
            self_level=Subquery(records.filter(source=CompetencySource.SELF_ASSESSED).values("level")[:1]),
        )
    if organization is not None:
        people = people.filter(
            Exists(Membership.objects.filter(person=OuterRef("pk"), organization=organization))
            | Exists(
                RoleHolder.objects.filter(
                    _current_term_q(), person=OuterRef("pk"), role__organization=organization
                )
            )
        )
    if region is not None:
        people = people.filter(region=region)
    if language is not None:
        people = people.filter(
            Exists(Person.languages.through.objects.filter(person=OuterRef("pk"), language=language))
        )
    listed_memberships = (
        Membership.objects.filter(organization__status=OrganizationStatus.APPROVED, organization__active=True)
        .select_related("organization")
        .only("id", "person", "organization", *(f"organization__{f}" for f in localized_field_names("name")))
        .order_by("organization__name_en", "id")
    )
    return people.prefetch_related(
        Prefetch("languages", queryset=Language.objects.order_by("code").only("code")),
        Prefetch("memberships", queryset=listed_memberships, to_attr="listed_memberships"),
    ).order_by("display_name", "id")


def person_terms(*, person: Person) -> list[Any]:
    """A person's terms on roles of listed organisations, newest first (each knows whether it `is_current`)."""
    from .models import RoleHolder

    return list(
        RoleHolder.objects.filter(
            person=person,
            role__organization__status=OrganizationStatus.APPROVED,
            role__organization__active=True,
        )
        .select_related("role", "role__organization")
        .order_by("-start", "-id")
    )


class CompetencyLevels:
    """What is known of one person's level in one competency, by source."""

    def __init__(self, competency: Any) -> None:
        self.competency = competency
        self.verified: Any = None  # the record that gives the verified level (highest; newest on ties)
        self.self_assessed: Any = None
        self.observed: list[Any] = []  # levels seen by nominators

    @property
    def verified_level(self) -> int:
        return self.verified.level if self.verified is not None else 0

    @property
    def self_level(self) -> int:
        return self.self_assessed.level if self.self_assessed is not None else 0


def person_competency_levels(*, person: Person, competencies: Any = None) -> dict[int, CompetencyLevels]:
    """{competency id: CompetencyLevels} for a person (optionally only some competencies), in one query."""
    from .enums import CompetencySource
    from .models import PersonCompetency

    records = PersonCompetency.objects.filter(person=person).select_related(
        "competency", "competency__category"
    )
    if competencies is not None:
        records = records.filter(competency__in=competencies)
    levels: dict[int, CompetencyLevels] = {}
    for record in records.order_by(
        "competency__category__order", "competency__name_en", "-assessed_on", "-id"
    ):
        entry = levels.setdefault(record.competency_id, CompetencyLevels(record.competency))
        if record.source in CompetencySource.verified():
            if entry.verified is None or record.level > entry.verified.level:
                entry.verified = record
        elif record.source == CompetencySource.SELF_ASSESSED:
            entry.self_assessed = record
        else:
            entry.observed.append(record)
    return levels


def person_gap(*, person: Person, role: Any) -> list[dict[str, Any]]:
    """Each requirement of a role against a person's levels, essentials first, then higher levels."""
    from .enums import Importance
    from .models import RoleRequirement

    requirements = list(
        RoleRequirement.objects.filter(role=role)
        .select_related("competency")
        .order_by(
            Case(When(importance=Importance.ESSENTIAL, then=Value(0)), default=Value(1)),
            "-min_level",
            "competency__name_en",
            "id",
        )
    )
    levels = person_competency_levels(person=person, competencies=[r.competency_id for r in requirements])
    rows = []
    for requirement in requirements:
        known = levels.get(requirement.competency_id) or CompetencyLevels(requirement.competency)
        rows.append(
            {
                "requirement": requirement,
                "competency": requirement.competency,
                "verified_level": known.verified_level,
                "self_level": known.self_level,
                "missing": max(requirement.min_level - known.verified_level, 0),
                "self_missing": max(requirement.min_level - known.self_level, 0),
            }
        )
    return rows


def gap_role_choices(*, person: Person, limit: int = 200) -> QuerySet:
    """Roles to compare a person with: those of their organisations, then roles open for nominations."""
    from django.db.models import Exists, OuterRef

    from .models import Role, RoleHolder

    own = Q(Exists(Membership.objects.filter(person=person, organization=OuterRef("organization_id")))) | Q(
        Exists(RoleHolder.objects.filter(person=person, role=OuterRef("pk")))
    )
    return (
        Role.objects.filter(
            own | Q(open_for_nominations=True),
            active=True,
            organization__status=OrganizationStatus.APPROVED,
            organization__active=True,
        )
        .select_related("organization")
        .order_by("organization__name_en", "title_en", "id")[:limit]
    )


# --- Roles: directory, role page, templates, matrix and history ------------------------------------------


def role_directory() -> QuerySet:
    """Active roles of listed organisations, as the directory and its exports show them.

    With their organisation and its region; each role carries `essential_requirements` (with their
    competencies), so a page of any length costs the same few queries. Sorted by title, then id (indexed).
    """
    from .enums import Importance
    from .models import Role, RoleRequirement

    essentials = (
        RoleRequirement.objects.filter(importance=Importance.ESSENTIAL)
        .select_related("competency")
        .order_by("-min_level", "competency__name_en", "competency_id")
    )
    # The roles of the few unlisted organisations are left out (NOT IN: a hashed lookup per role) rather than
    # each role joined with its organisation, so that the keys come from role_listed_keys_idx alone.
    unlisted = Organization.objects.exclude(LISTED).values("pk")
    return (
        Role.objects.filter(active=True)
        .exclude(organization__in=unlisted)
        .select_related("organization", "organization__region")
        .prefetch_related(Prefetch("requirements", queryset=essentials, to_attr="essential_requirements"))
        .order_by("title_en", "id")
    )


def role_directory_page(roles: QuerySet) -> QuerySet:
    """The directory's roles with only what a page of its table shows: each role's titles, kind and seats,
    its organisation's slug and names, and its essential requirements' levels with their competencies' slugs
    and names (not six languages of descriptions per role, organisation and competency)."""
    from .enums import Importance
    from .models import RoleRequirement

    essentials = (
        RoleRequirement.objects.filter(importance=Importance.ESSENTIAL)
        .select_related("competency")
        .only("role_id", "min_level", "competency__slug", *_prefixed("competency__", "name"))
        .order_by("-min_level", "competency__name_en", "competency_id")
    )
    return (
        roles.select_related(None)
        .select_related("organization")
        .prefetch_related(None)
        .prefetch_related(Prefetch("requirements", queryset=essentials, to_attr="essential_requirements"))
        .only(
            "kind",
            "seats",
            "filled_seats",
            "open_for_nominations",
            *localized_field_names("title"),
            "organization__slug",
            *_prefixed("organization__", "name"),
        )
    )


def _prefixed(prefix: str, field: str) -> list[str]:
    return [prefix + column for column in localized_field_names(field)]


def role_search_q(query: str) -> Q:
    """Roles whose title or description has every word of the query, in any language: by stem (plurals),
    accent-free and as a word's beginning (PostgreSQL's full text, leadership/common/search.py)."""
    return search.search_q(query, document="search_document", text="search_text")


def role_directory_few_matches(roles: QuerySet) -> QuerySet:
    """The same roles in the same order (title, id), sorted after they are found: for a search with few
    matches, which the full-text index finds at once, where walking the title index would test most roles
    before the matches come (the planner cannot tell how the matches lie in title order)."""
    return roles.order_by(Concat("title_en", Value("")), "id")


def role_directory_after(roles: QuerySet, *, title: str, pk: int) -> QuerySet:
    """The directory's roles that come after (title, pk) in its order: a keyset page walks the keys index
    from there instead of skipping rows with OFFSET (`title_en >= title` is what the index seeks to)."""
    return roles.filter(Q(title_en__gt=title) | Q(title_en=title, pk__gt=pk), title_en__gte=title)


def role_directory_before(roles: QuerySet, *, title: str, pk: int) -> QuerySet:
    """The directory's roles that come before (title, pk), nearest first (the keys index read backwards)."""
    return roles.filter(Q(title_en__lt=title) | Q(title_en=title, pk__lt=pk), title_en__lte=title).order_by(
        "-title_en", "-id"
    )


def role_export_rows(roles: QuerySet) -> QuerySet:
    """The directory's roles with everything an export writes: languages and every requirement."""
    from .models import RoleRequirement

    return roles.prefetch_related(
        Prefetch("languages", queryset=Language.objects.order_by("code")),
        Prefetch(
            "requirements",
            queryset=RoleRequirement.objects.select_related("competency").order_by(
                Case(When(importance="essential", then=Value(0)), default=Value(1)),
                "-min_level",
                "competency__slug",
            ),
            to_attr="export_requirements",
        ),
    )


def _requirements_for_page() -> QuerySet:
    """Requirements with their competency and its category: essentials first, then higher levels."""
    from .enums import Importance
    from .models import RoleRequirement

    return RoleRequirement.objects.select_related("competency", "competency__category").order_by(
        Case(When(importance=Importance.ESSENTIAL, then=Value(0)), default=Value(1)),
        "-min_level",
        "competency__name_en",
        "competency_id",
    )


def role_for_page(*, pk: int) -> Any:
    """One role with its organisation, template (and its default requirements), languages and requirements."""
    from .models import Role, TemplateRequirement

    return (
        Role.objects.select_related("organization", "organization__region", "template")
        .prefetch_related(
            Prefetch("languages", queryset=Language.objects.order_by("code")),
            Prefetch("requirements", queryset=_requirements_for_page()),
            Prefetch(
                "template__requirements",
                queryset=TemplateRequirement.objects.select_related("competency").order_by(
                    "importance", "-min_level", "competency__name_en", "competency_id"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def role_holders(*, role: Any) -> list[Any]:
    """A role's terms, current ones first (by seat), then past and future ones, newest first.

    Each term is marked `is_current`, `is_past` or neither (a term that starts later); `role` is set on each so
    that permission predicates on the term need no query.
    """
    from .models import RoleHolder

    terms = list(
        RoleHolder.objects.filter(role=role).select_related("person").order_by("seat", "-start", "-id")
    )
    for term in terms:
        term.role = role
    return sorted(
        terms, key=lambda term: (not term.is_current, term.is_past, term.seat if term.is_current else 0)
    )


def role_holder_person_choices(*, organization: Any) -> QuerySet[Person]:
    """People an organizer may give a term to: the organisation's members and anyone who held a role there."""
    from django.db.models import Exists, OuterRef

    from .models import RoleHolder

    return Person.objects.filter(
        Exists(Membership.objects.filter(person=OuterRef("pk"), organization=organization))
        | Exists(RoleHolder.objects.filter(person=OuterRef("pk"), role__organization=organization))
    ).order_by("display_name", "id")


def organizations_organized_by(*, user: Any) -> QuerySet[Organization]:
    """Listed organisations in which a user is an organizer (to adapt a template for one of them)."""
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return Organization.objects.filter(
        LISTED, memberships__person__user=user, memberships__capacity=Capacity.ORGANIZER
    ).order_by("name_en", "id")


def organization_ids_with_capacity(*, user: Any, capacities: Iterable[str]) -> list[int]:
    """Ids of the organisations (listed or not) in which a user holds one of these capacities; none for a
    visitor.

    From the user's capacities in their organisations, read once per request and shared with the rules
    (roles.rules.org_capacities): no further query when a permission check has already read them.
    """
    wanted = set(capacities)
    return [org for org, capacity in org_capacities(user).items() if capacity in wanted]


def organized_organization_ids(*, user: Any) -> list[int]:
    """Ids of the organisations (listed or not) in which a user is an organizer; none for a visitor."""
    return organization_ids_with_capacity(user=user, capacities=[Capacity.ORGANIZER])


def _roles_adapted_count() -> Any:
    from django.db.models import OuterRef, Subquery

    from .models import Role

    adapted = (
        Role.objects.filter(
            template=OuterRef("pk"),
            active=True,
            organization__status=OrganizationStatus.APPROVED,
            organization__active=True,
        )
        .order_by()
        .values("template")
        .annotate(n=Count("pk"))
        .values("n")
    )
    from django.db.models.functions import Coalesce

    return Coalesce(Subquery(adapted, output_field=IntegerField()), Value(0))


def role_template_list() -> QuerySet:
    """Active role templates with how many default requirements they have and how many roles adapt them."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from .models import RoleTemplate, TemplateRequirement

    requirements = (
        TemplateRequirement.objects.filter(template=OuterRef("pk"))
        .order_by()
        .values("template")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        RoleTemplate.objects.filter(active=True)
        .annotate(
            requirement_count=Coalesce(Subquery(requirements, output_field=IntegerField()), Value(0)),
            role_count=_roles_adapted_count(),
        )
        .order_by("title_en", "id")
    )


def role_template_for_page(*, slug: str) -> Any:
    """One active template with its default requirements and the number of roles adapted from it."""
    from .models import RoleTemplate, TemplateRequirement

    return (
        RoleTemplate.objects.filter(slug=slug, active=True)
        .annotate(role_count=_roles_adapted_count())
        .prefetch_related(
            Prefetch(
                "requirements",
                queryset=TemplateRequirement.objects.select_related(
                    "competency", "competency__category"
                ).order_by(
                    Case(When(importance="essential", then=Value(0)), default=Value(1)),
                    "-min_level",
                    "competency__name_en",
                    "competency_id",
                ),
            )
        )
        .first()
    )


@dataclass(frozen=True)
class MatrixCategory:
    pk: int
    slug: str
    name: str
    order: int


@dataclass(frozen=True)
class MatrixCompetency:
    pk: int
    slug: str
    name: str
    category_id: int


@dataclass(frozen=True)
class MatrixRequirement:
    role_id: int
    competency_id: int
    competency: MatrixCompetency
    min_level: int
    importance: str


def _shown(field: str) -> Any:
    """A translated field's value as modeltranslation shows it: the active language's, then the fallbacks'."""
    from django.db.models import CharField, F
    from django.db.models.functions import Coalesce, NullIf
    from modeltranslation.utils import get_language

    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    languages = dict.fromkeys([get_language(), *fallbacks])
    return Coalesce(
        *(NullIf(F(build_localized_fieldname(field, code)), Value("")) for code in languages),
        Value(""),
        output_field=CharField(),
    )


def organization_matrix(*, organization: Organization) -> dict[str, Any]:
    """The competency matrix of an organisation, sparse: per active role, the competencies it requires
    grouped by category.

    Two queries whatever the size: the roles, and their requirements with competencies and categories (as
    plain rows: the busiest organisation has hundreds, and three model instances each cost more than the
    query). `roles` is a list of (role, [(category, [requirement, ...]), ...]): a role's categories by
    category order, its requirements essential first, highest level first, then by name. `categories` are
    the categories the roles require, in the same order (the choices of `matrix_grid`). `requirements`
    holds every requirement, for `matrix_grid`.
    """
    from .enums import Importance
    from .models import Role, RoleRequirement

    # Only the columns the page shows: a role's six descriptions would weigh more than its title.
    roles = list(
        Role.objects.filter(organization=organization, active=True)
        .only("id", "organization_id", *localized_field_names("title"))
        .order_by("title_en", "id")
    )
    rows = (
        RoleRequirement.objects.filter(role__organization=organization, role__active=True)
        .order_by()
        .annotate(c_name=_shown("competency__name"), g_name=_shown("competency__category__name"))
        .values_list(
            "role_id",
            "min_level",
            "importance",
            "competency_id",
            "competency__slug",
            "c_name",
            "competency__category_id",
            "competency__category__slug",
            "competency__category__order",
            "g_name",
        )
    )
    categories_by_id: dict[int, MatrixCategory] = {}
    competencies: dict[int, MatrixCompetency] = {}
    requirements = []
    for role_id, level, importance, cid, c_slug, c_name, gid, g_slug, g_order, g_name in rows:
        if gid not in categories_by_id:
            categories_by_id[gid] = MatrixCategory(gid, g_slug, g_name, g_order)
        if cid not in competencies:
            competencies[cid] = MatrixCompetency(cid, c_slug, c_name, gid)
        requirements.append(MatrixRequirement(role_id, cid, competencies[cid], level, importance))
    requirements.sort(
        key=lambda req: (
            req.importance != Importance.ESSENTIAL,
            -req.min_level,
            req.competency.name.lower(),
            req.competency_id,
        )
    )
    categories = sorted(categories_by_id.values(), key=_category_order)
    per_role: dict[int, dict[int, list[Any]]] = {}
    for req in requirements:
        per_role.setdefault(req.role_id, {}).setdefault(req.competency.category_id, []).append(req)
    return {
        "roles": [
            (
                role,
                [
                    (category, per_role[role.pk][category.pk])
                    for category in categories
                    if category.pk in per_role.get(role.pk, {})
                ],
            )
            for role in roles
        ],
        "categories": categories,
        "requirements": requirements,
    }


def _category_order(category: Any) -> tuple[Any, ...]:
    return (category.order, category.slug, category.pk)


def matrix_grid(*, matrix: dict[str, Any], category: Any) -> dict[str, Any]:
    """The full grid of one category of an organisation's matrix (from `organization_matrix`, no query).

    `competencies` are the columns (the category's competencies the roles require, by name); `rows` a list
    of (role, [requirement or None per column]) for the roles that require at least one of them.
    """
    requirements = [req for req in matrix["requirements"] if req.competency.category_id == category.pk]
    columns = sorted(
        {req.competency_id: req.competency for req in requirements}.values(),
        key=lambda competency: (competency.name.lower(), competency.pk),
    )
    cells = {(req.role_id, req.competency_id): req for req in requirements}
    return {
        "category": category,
        "competencies": columns,
        "rows": [
            (role, [cells.get((role.pk, competency.pk)) for competency in columns])
            for role, groups in matrix["roles"]
            if any(group[0].pk == category.pk for group in groups)
        ],
    }


ROLE_HISTORY_LIMIT = 50
# Fields of a role's history rows that a reader does not need: bookkeeping, the untranslated mirrors of the
# translated fields (their per-language columns are diffed), and the counter kept by the holder services.
_ROLE_HISTORY_SKIPPED = (
    "id",
    "created_at",
    "updated_at",
    "filled_seats",
    "search_text",
    "organization",
    "title",
    "description",
    "responsibilities",
    "languages",
)
_TERM_HISTORY_SKIPPED = ("id", "created_at", "updated_at", "role", "person")
_REQUIREMENT_HISTORY_SKIPPED = ("id", "created_at", "updated_at", "role", "competency")


def _history_field_label(model: Any, name: str) -> str:
    from django.utils.text import capfirst
    from django.utils.translation import get_language_info

    for base in ("title", "description", "responsibilities"):
        for code in settings.MODELTRANSLATION_LANGUAGES:
            if name == build_localized_fieldname(base, code):
                label = capfirst(str(model._meta.get_field(base).verbose_name))
                return f"{label} ({get_language_info(code)['name_translated']})"
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _history_value(model: Any, name: str, value: Any) -> Any:
    """A value as a reader understands it: the label of a choice, the value otherwise."""
    field = model._meta.get_field(name)
    if field.choices and value not in (None, ""):
        return dict(field.flatchoices).get(value, value)
    return value


def _history_records(history_model: Any, records: QuerySet, limit: int, related: tuple[str, ...]) -> list:
    """The newest `limit` history rows with `previous` set on each (its object's row before it): 2 queries."""
    from django.db.models import OuterRef, Subquery

    before = history_model.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id")).order_by(
        "-history_id"
    )
    rows = list(
        records.annotate(previous_id=Subquery(before.values("history_id")[:1]))
        .select_related("history_user__person", *related)
        .order_by("-history_date", "-history_id")[:limit]
    )
    wanted = {row.previous_id for row in rows if row.previous_id is not None}
    previous = {}
    if wanted:
        previous = {
            row.history_id: row
            for row in history_model.objects.filter(history_id__in=wanted).select_related(*related)
        }
    for row in rows:
        row.previous = previous.get(row.previous_id)
    return rows


def _history_author(row: Any) -> Person | None:
    user = row.history_user
    if user is None:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def _changes(model: Any, row: Any, skipped: tuple[str, ...]) -> list[dict[str, Any]]:
    if row.previous is None:
        return []
    delta = row.diff_against(row.previous, excluded_fields=skipped)
    return [
        {
            "field": _history_field_label(model, change.field),
            "old": _history_value(model, change.field, change.old),
            "new": _history_value(model, change.field, change.new),
        }
        for change in delta.changes
        if not (change.old in (None, "") and change.new in (None, ""))  # untranslated stays untranslated
    ]


def role_history(*, role: Any, limit: int = ROLE_HISTORY_LIMIT) -> list[dict[str, Any]]:
    """The change history of a role, its requirements and its holders' terms, newest first, at most `limit`.

    Each entry: `kind` ("role", "requirement", "term"), `action` ("+" created, "~" changed, "-" deleted),
    `when`, `author` (the Person of the account that made the change, or None), `record` (the history row:
    its competency or person are loaded), `changes` (field, old, new; for "~" only). Changes that touch
    nothing a reader sees are left out. A fixed number of queries (seven) whatever the history's length.
    """
    from .models import Role, RoleHolder, RoleRequirement

    role_history = Role.history  # type: ignore[attr-defined]  # registered in translation.py, after modeltranslation
    role_model = role_history.model
    role_rows = _history_records(role_model, role_history.filter(id=role.pk), limit, ())
    # The languages of each row (and of the rows before them) in one query, to diff them without more.
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        [*role_rows, *(row.previous for row in role_rows if row.previous is not None)],
        "historicalrole_languages_set",
    )
    requirement_rows = _history_records(
        RoleRequirement.history.model, RoleRequirement.history.filter(role_id=role.pk), limit, ("competency",)
    )
    term_rows = _history_records(
        RoleHolder.history.model, RoleHolder.history.filter(role_id=role.pk), limit, ("person",)
    )
    language_names = (
        {language.code: language.name for language in Language.objects.all()} if role_rows else {}
    )

    entries: list[dict[str, Any]] = []
    for row in role_rows:
        changes = _changes(Role, row, _ROLE_HISTORY_SKIPPED) if row.history_type == "~" else []
        if row.history_type == "~" and row.previous is not None:
            old = sorted(link.language_id for link in row.previous.historicalrole_languages_set.all())
            new = sorted(link.language_id for link in row.historicalrole_languages_set.all())
            if old != new:
                changes.append(
                    {
                        "field": _history_field_label(Role, "languages"),
                        "old": ", ".join(language_names.get(code, code) for code in old),
                        "new": ", ".join(language_names.get(code, code) for code in new),
                    }
                )
        entries.append({"kind": "role", "record": row, "changes": changes})
    for row in requirement_rows:
        changes = (
            _changes(RoleRequirement, row, _REQUIREMENT_HISTORY_SKIPPED) if row.history_type == "~" else []
        )
        entries.append({"kind": "requirement", "record": row, "changes": changes})
    for row in term_rows:
        changes = _changes(RoleHolder, row, _TERM_HISTORY_SKIPPED) if row.history_type == "~" else []
        entries.append({"kind": "term", "record": row, "changes": changes})
    entries = [entry for entry in entries if entry["record"].history_type != "~" or entry["changes"]]
    for entry in entries:
        row = entry["record"]
        entry.update(action=row.history_type, when=row.history_date, author=_history_author(row))
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:limit]


# --- The REST API's registry endpoints ----------------------------------------------------------------------
# Querysets with their joins and prefetches in place: every list costs the same few queries whatever its length.
# The API's keyset pagination orders them (by id, or by a sort key annotated here, then id).


def _requirements_order() -> tuple[Any, ...]:
    from .enums import Importance

    essentials_first = Case(When(importance=Importance.ESSENTIAL, then=Value(0)), default=Value(1))
    return (essentials_first, "-min_level", "competency__slug", "id")


def competency_categories_for_api() -> QuerySet:
    from .models import CompetencyCategory

    return CompetencyCategory.objects.order_by("order", "slug", "id")


# What the API's competency list shows of a competency itself, besides its translated texts.
COMPETENCY_LIST_COLUMNS = (
    "id",
    "slug",
    "category",
    "parent",
    "wikidata_qid",
    "esco_uri",
    "active",
    "created_at",
    "updated_at",
)


def competencies_for_api(*, lean: bool = False) -> QuerySet:
    """Competencies with their category, broader competency and own level descriptors (3 queries a page).

    `lean` (the list): the competencies alone, in the list's order, for its filters and count;
    `competency_list_rows` adds what the page's rows show.
    """
    from .models import Competency, CompetencyLevelDescriptor

    competencies = Competency.objects.annotate(sort_name=_shown_text("name")).order_by(
        "category__order", "category__slug", "sort_name", "id"
    )
    if lean:
        return competencies
    return competencies.select_related("category", "parent").prefetch_related(
        Prefetch("level_descriptors", queryset=CompetencyLevelDescriptor.objects.order_by("level", "id"))
    )


def competency_list_rows(competencies: QuerySet, *, all_languages: bool = False) -> QuerySet:
    """What the list shows of a page of `competencies_for_api(lean=True)`: only the columns it shows; the
    category's slug and the broader competency's as annotations (`category_slug`, `parent_slug`); the name,
    description and category's name computed in the response's language (`shown_name`...), their six
    columns only with `all_languages`. `competency_list_related` fetches the level descriptors."""
    from leadership.common.languages import shown_text

    columns = list(COMPETENCY_LIST_COLUMNS)
    if all_languages:
        columns += [*localized_field_names("name"), *localized_field_names("description")]
    return competencies.only(*columns).annotate(
        category_slug=F("category__slug"),
        parent_slug=F("parent__slug"),
        shown_name=shown_text("name"),
        shown_description=shown_text("description"),
        shown_category_name=shown_text("name", prefix="category__"),
    )


def competency_list_related(*, competency_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The level descriptors of a page of competencies, by competency id, each `{"level", "descriptor"}` with
    the descriptor in the response's language: one query (none for an empty page)."""
    from leadership.common.languages import shown_text

    from .models import CompetencyLevelDescriptor

    if not competency_ids:
        return {}
    rows = (
        CompetencyLevelDescriptor.objects.filter(competency_id__in=competency_ids)
        .annotate(shown_descriptor=shown_text("descriptor"))
        .order_by("level", "id")
        .values_list("competency_id", "level", "shown_descriptor")
    )
    descriptors: dict[int, list[dict[str, Any]]] = {}
    for competency_id, level, descriptor in rows:
        descriptors.setdefault(competency_id, []).append({"level": level, "descriptor": descriptor})
    return descriptors


def role_templates_for_api() -> QuerySet:
    """Templates with their default requirements and the competencies these name."""
    from .models import RoleTemplate, TemplateRequirement

    requirements = TemplateRequirement.objects.select_related("competency").order_by(*_requirements_order())
    return (
        RoleTemplate.objects.prefetch_related(Prefetch("requirements", queryset=requirements))
        .annotate(sort_title=_shown_text("title"))
        .order_by("sort_title", "id")
    )


# What the API's role list shows of a role itself; its organisation, region and template come as slugs
# (annotations, not joined model instances), its translated texts computed in one language.
ROLE_LIST_COLUMNS = (
    "id",
    "organization",
    "template",
    "kind",
    "seats",
    "selection",
    "term_length_months",
    "term_limit",
    "hours_per_week",
    "filled_seats",
    "open_for_nominations",
    "active",
    "created_at",
    "updated_at",
)
ROLE_TRANSLATED = ("title", "description", "responsibilities")


def roles_for_api(*, listed_only: bool, lean: bool = False, all_languages: bool = False) -> QuerySet:
    """Roles with their organisation, template, languages and requirements; `sort_title` for ordering.

    `listed_only`: active roles of approved, active organisations (the directory); without it every role, for
    the detail and write endpoints, where the rules decide.

    `lean` (the list): one query for the page and nothing prefetched. Only the columns the list shows; the
    organisation's and template's slugs and the region's code as annotations (`organization_slug`,
    `template_slug`, `region_code`); the translated texts computed by the database in the response's
    language (`shown_title`, `shown_organization_name`, ...) instead of six columns each, and those six only
    with `all_languages`. The page's languages and requirements come from `role_list_related`. Not for
    writes: a model loaded with deferred columns saves only the loaded ones.
    """
    from django.db.models.functions import Lower

    from leadership.common.languages import shown_text

    from .models import Role, RoleRequirement

    roles = Role.objects.all()
    if listed_only:
        roles = roles.filter(
            active=True, organization__status=OrganizationStatus.APPROVED, organization__active=True
        )
    if lean:
        columns = list(ROLE_LIST_COLUMNS)
        if all_languages:
            columns += [column for field in ROLE_TRANSLATED for column in localized_field_names(field)]
        return (
            roles.only(*columns)
            .annotate(
                organization_slug=F("organization__slug"),
                region_code=F("organization__region__code"),
                template_slug=F("template__slug"),
                shown_title=shown_text("title"),
                shown_description=shown_text("description"),
                shown_responsibilities=shown_text("responsibilities"),
                shown_organization_name=shown_text("name", prefix="organization__"),
            )
            .annotate(sort_title=Lower("shown_title"))  # the title shown, not computed twice in Python
            .order_by("id")
        )
    requirements = RoleRequirement.objects.select_related("competency").order_by(*_requirements_order())
    return (
        roles.select_related("organization", "organization__region", "template")
        .prefetch_related(
            Prefetch("languages", queryset=Language.objects.order_by("code").only("code")),
            Prefetch("requirements", queryset=requirements),
        )
        .annotate(sort_title=_shown_text("title"))
        .order_by("id")
    )


@dataclass(frozen=True)
class RoleListRelated:
    """What the role list shows of each role's related rows, by role id."""

    languages: dict[int, list[str]]  # language codes, in order
    requirements: dict[int, list[dict[str, Any]]]  # {"competency": slug, "min_level", "importance"}, in order


def role_list_related(*, role_ids: list[int]) -> RoleListRelated:
    """The languages and requirements of a page of roles, one query each (none for an empty page): plain
    values, not model instances, for the ~15 requirements of each of 50 roles.

    Requirements come in `_requirements_order()`: the database sorts by level, slug and id, and the
    essentials are moved first here (a stable sort), which spares the query its CASE expression.
    """
    from .enums import Importance
    from .models import Role, RoleRequirement

    if not role_ids:
        return RoleListRelated(languages={}, requirements={})
    languages = _grouped(
        Role.languages.through.objects.filter(role_id__in=role_ids)
        .order_by("language_id")
        .values_list("role_id", "language_id")
    )
    requirements: dict[int, list[dict[str, Any]]] = {}
    rows = (
        RoleRequirement.objects.filter(role_id__in=role_ids)
        .order_by("-min_level", "competency__slug", "id")
        .values_list("role_id", "competency__slug", "min_level", "importance")
    )
    for role_id, slug, min_level, importance in rows:
        requirements.setdefault(role_id, []).append(
            {"competency": slug, "min_level": min_level, "importance": importance}
        )
    for items in requirements.values():
        items.sort(key=lambda item: item["importance"] != Importance.ESSENTIAL)
    return RoleListRelated(languages=languages, requirements=requirements)


def role_holders_for_api(*, everyone: bool, organizer_of: Any = ()) -> QuerySet:
    """Terms on roles of approved organisations that a viewer may see.

    A term is visible when its holder made their profile public, to the organizers of the role's
    organisation (`organizer_of`: ids of the organisations the viewer organizes) and, with `everyone`, to
    staff: the rule roles.view_roleholder, as a filter.
    """
    from .models import RoleHolder

    holders = RoleHolder.objects.filter(role__organization__status=OrganizationStatus.APPROVED)
    if not everyone:
        holders = holders.filter(Q(person__is_public=True) | Q(role__organization_id__in=list(organizer_of)))
    return holders.select_related("role", "role__organization", "person").order_by("id")


# What the API's people list shows of a person itself (`user` decides whether the viewer sees the email).
PERSON_LIST_COLUMNS = ("id", "user", "display_name", "wikimedia_username", "email", "is_public")


def people_for_api(
    *, everyone: bool, viewer_person_id: int | None = None, lean: bool = False
) -> QuerySet[Person]:
    """Public profiles, plus the viewer's own (and, with `everyone`, every profile: staff).

    Prefetches what the API shows of each: languages, competency records (with their competency's slug) and
    the competencies they want to develop or can mentor in. `lean` (the list): only the columns the list
    shows, the region's code as `region_code`, and nothing prefetched: `people_list_related` fetches the
    page's related rows.
    """
    from django.db.models.functions import Lower

    from .models import Competency, PersonCompetency

    people = Person.objects.all()
    if not everyone:
        visible = Q(is_public=True)
        if viewer_person_id is not None:
            visible |= Q(pk=viewer_person_id)
        people = people.filter(visible)
    if lean:
        return (
            people.only(*PERSON_LIST_COLUMNS)
            .annotate(region_code=F("region__code"), sort_name=Lower("display_name"))
            .order_by("id")
        )
    # The competency's slug alone (not a Competency with its texts in six languages per record).
    records = (
        PersonCompetency.objects.only("id", "person", "competency", "level", "source")
        .annotate(competency_slug=F("competency__slug"))
        .order_by("competency__slug", "-level", "id")
    )
    slugs = Competency.objects.only("id", "slug").order_by("slug")
    return (
        people.select_related("region")
        .prefetch_related(
            Prefetch("languages", queryset=Language.objects.order_by("code")),
            Prefetch("competencies", queryset=records),
            Prefetch("wants_to_develop", queryset=slugs),
            Prefetch("can_mentor", queryset=slugs),
        )
        .annotate(sort_name=Lower("display_name"))
        .order_by("id")
    )


@dataclass(frozen=True)
class PeopleListRelated:
    """What the people list shows of each person's related rows, by person id."""

    languages: dict[int, list[str]]  # language codes, in order
    records: dict[int, list[tuple[str, int, str]]]  # (competency slug, level, source): by slug, level down
    wants_to_develop: dict[int, list[str]]  # competency slugs, in order
    can_mentor: dict[int, list[str]]


def people_list_related(*, person_ids: list[int]) -> PeopleListRelated:
    """The languages, competency records and interests of a page of people: one query each (none for an
    empty page), plain values rather than model instances."""
    from .models import PersonCompetency

    if not person_ids:
        return PeopleListRelated(languages={}, records={}, wants_to_develop={}, can_mentor={})

    def interests(through: Any) -> dict[int, list[str]]:
        return _grouped(
            through.objects.filter(person_id__in=person_ids)
            .order_by("competency__slug")
            .values_list("person_id", "competency__slug")
        )

    return PeopleListRelated(
        languages=_grouped(
            Person.languages.through.objects.filter(person_id__in=person_ids)
            .order_by("language_id")
            .values_list("person_id", "language_id")
        ),
        records=_grouped(
            PersonCompetency.objects.filter(person_id__in=person_ids)
            .order_by("competency__slug", "-level", "id")
            .values_list("person_id", "competency__slug", "level", "source")
        ),
        wants_to_develop=interests(Person.wants_to_develop.through),
        can_mentor=interests(Person.can_mentor.through),
    )
