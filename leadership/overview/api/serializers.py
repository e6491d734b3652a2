"""Serializers of the overview's API: read-only, shaped like the pages (leadership/overview/views.py).

Figures come from the materialised rows (ScopeSummary, CompetencyGap); named lists come from the selectors'
plain objects (Candidate, Emerging, dicts of my development). Names (competencies, roles, organisations)
are in the response's language (`?lang=` or Accept-Language), falling back as the content does.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from leadership.common.api_fields import NamedBriefSerializer, SlugRelatedField
from roles.enums import Importance
from roles.models import Competency, CompetencyCategory, Organization, Person, Region, Role, RoleHolder

from ..enums import ScopeKind
from ..models import CompetencyGap, ScopeSummary

# --- Bricks ---------------------------------------------------------------------------------------------------
# The overview declares the pictures of the registry's objects it answers with; their names in the schema are
# its own (the registry's endpoints have theirs: Region, OrganizationBrief, CategoryBrief).


class ScopeRegionSerializer(NamedBriefSerializer):
    name = serializers.CharField(
        read_only=True, help_text=_("Name of the region in the response's language.")
    )

    class Meta:
        model = Region
        fields = ["code", "name"]


class ScopeOrganizationSerializer(NamedBriefSerializer):
    region = SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Code of the organisation's Wikimedia region.")
    )

    class Meta:
        model = Organization
        fields = ["slug", "name", "region"]


class CompetencyCategoryBriefSerializer(NamedBriefSerializer):
    class Meta:
        model = CompetencyCategory
        fields = ["slug", "name"]


class CompetencyBriefSerializer(NamedBriefSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="competency-detail", lookup_field="slug")
    category = CompetencyCategoryBriefSerializer(read_only=True)

    class Meta:
        model = Competency
        fields = ["url", "slug", "name", "category"]


class PersonBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "display_name"]
        read_only_fields = fields


class RoleBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="role-detail")
    title = serializers.CharField(read_only=True, help_text=_("Title in the response's language."))
    organization = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the role's organisation.")
    )

    class Meta:
        model = Role
        fields = ["url", "id", "title", "organization"]
        read_only_fields = fields


# A training session as training.selectors hands it over (with its course). Not a ModelSerializer: the overview
# does not import training's models; the labels are those the session's fields have (same msgids).
class SessionBriefSerializer(serializers.Serializer):
    url = serializers.HyperlinkedIdentityField(view_name="training-session-detail")
    id = serializers.IntegerField(read_only=True)
    course_title = serializers.CharField(
        source="course.title", read_only=True, help_text=_("Title of the course in the response's language.")
    )
    starts_at = serializers.DateTimeField(read_only=True, label=capfirst(_("starts")))
    ends_at = serializers.DateTimeField(read_only=True, label=capfirst(_("ends")))


class TimelineEntrySerializer(serializers.Serializer):
    month = serializers.CharField(read_only=True, help_text=_("The month, as YYYY-MM."))
    ending = serializers.IntegerField(read_only=True, help_text=_("Current terms ending that month."))


def _decimal(help_text: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=10, decimal_places=1, coerce_to_string=False, read_only=True, help_text=help_text
    )


# --- Figures --------------------------------------------------------------------------------------------------


class ScopeSummarySerializer(serializers.ModelSerializer):
    """The renewal figures of one scope, as of `computed_at` (refreshed every 15 minutes)."""

    kind = serializers.ChoiceField(choices=ScopeKind.choices, read_only=True)
    region = ScopeRegionSerializer(read_only=True, allow_null=True)
    organization = ScopeOrganizationSerializer(read_only=True, allow_null=True)
    timeline = TimelineEntrySerializer(
        many=True,
        read_only=True,
        help_text=_("Terms ending per month over the next 12 months, this month first."),
    )
    diversity = serializers.JSONField(
        read_only=True,
        help_text=_(
            "Per group (holders, nominees, learners): {total, region: {code: count}, language: {code: count}, "
            "other}. Groups and counts of fewer than 5 people are left out; a total of null means fewer than 5."
        ),
    )

    class Meta:
        model = ScopeSummary
        fields = [
            "kind",
            "key",
            "region",
            "organization",
            "computed_at",
            "organizations",
            "roles",
            "seats",
            "filled_seats",
            "vacant_seats",
            "terms_ending",
            "over_term_limit",
            "without_successor",
            "burnout_risk",
            "timeline",
            "diversity",
        ]
        read_only_fields = fields


class CompetencyGapSerializer(serializers.ModelSerializer):
    """Demand for a competency in a scope against its supply; `sessions` are upcoming sessions developing it."""

    competency = CompetencyBriefSerializer(read_only=True)
    demand = _decimal(
        _("Seats needing it (vacant and soon vacant), weighted 1 if essential, 0.5 if desirable.")
    )
    gap = _decimal(
        _("Demand minus the people at the required level and the learners in scheduled trainings.")
    )
    sessions_scheduled = serializers.SerializerMethodField(
        help_text=_("Whether any upcoming training session develops this competency.")
    )
    sessions = serializers.SerializerMethodField(
        help_text=_("The soonest upcoming sessions developing it (at most 3).")
    )

    class Meta:
        model = CompetencyGap
        fields = [
            "competency",
            "required_level",
            "demand_seats",
            "demand",
            "supply_people",
            "supply_learners",
            "gap",
            "upcoming_sessions",
            "sessions_scheduled",
            "sessions",
        ]
        read_only_fields = fields

    def get_sessions_scheduled(self, gap: CompetencyGap) -> bool:
        return gap.upcoming_sessions > 0

    @extend_schema_field(SessionBriefSerializer(many=True))
    def get_sessions(self, gap: CompetencyGap) -> Any:
        sessions = self.context.get("sessions", {}).get(gap.competency_id, [])
        return SessionBriefSerializer(sessions, many=True, context=self.context).data


# --- Renewal lists of an organisation -------------------------------------------------------------------------


class VacantRoleSerializer(RoleBriefSerializer):
    vacant = serializers.IntegerField(read_only=True, help_text=_("Seats with no current term."))
    soon_vacant = serializers.IntegerField(
        read_only=True, help_text=_("Seats whose term ends within 90 days, with no successor appointed.")
    )
    open_seats = serializers.IntegerField(read_only=True, help_text=_("Vacant plus soon vacant."))

    class Meta(RoleBriefSerializer.Meta):
        fields = [*RoleBriefSerializer.Meta.fields, "seats", "vacant", "soon_vacant", "open_seats"]
        read_only_fields = fields


class TermSerializer(serializers.ModelSerializer):
    role = RoleBriefSerializer(read_only=True)
    person = PersonBriefSerializer(read_only=True)
    term_limit = serializers.IntegerField(source="role.term_limit", read_only=True, allow_null=True)

    class Meta:
        model = RoleHolder
        fields = ["id", "role", "person", "seat", "start", "end", "term_number", "term_limit"]
        read_only_fields = fields


class BurnoutPersonSerializer(PersonBriefSerializer):
    current_roles = serializers.IntegerField(
        read_only=True, help_text=_("Current terms, in any organisation.")
    )
    current_hours = serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        coerce_to_string=False,
        read_only=True,
        allow_null=True,
        help_text=_("Expected hours per week of those roles."),
    )

    class Meta(PersonBriefSerializer.Meta):
        fields = [*PersonBriefSerializer.Meta.fields, "current_roles", "current_hours"]
        read_only_fields = fields


class FitRowSerializer(serializers.Serializer):
    """One requirement of a role against someone's verified level."""

    competency = CompetencyBriefSerializer(read_only=True)
    min_level = serializers.IntegerField(read_only=True)
    importance = serializers.ChoiceField(choices=Importance.choices, read_only=True)
    level = serializers.IntegerField(read_only=True, help_text=_("Verified level (0: none)."))
    self_level = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Self-assessed level: shown, never counted for fit.")
    )
    missing = serializers.IntegerField(read_only=True, help_text=_("Levels missing to the minimum."))


class EngagementSerializer(serializers.Serializer):
    trainings_completed = serializers.IntegerField(read_only=True)
    mentoring = serializers.IntegerField(read_only=True, help_text=_("Competencies they offer to mentor in."))
    endorsements = serializers.IntegerField(read_only=True)
    nominations_accepted = serializers.IntegerField(read_only=True)
    past_terms = serializers.IntegerField(read_only=True)
    score = serializers.IntegerField(read_only=True)


class EmergingSerializer(serializers.Serializer):
    person = PersonBriefSerializer(read_only=True)
    engagement = EngagementSerializer(read_only=True)
    best_role = RoleBriefSerializer(
        read_only=True, allow_null=True, help_text=_("Their best fit among the roles open for nominations.")
    )
    essential_unmet = serializers.IntegerField(read_only=True, allow_null=True)
    level_distance = serializers.IntegerField(read_only=True, allow_null=True)
    fit = FitRowSerializer(many=True, read_only=True)
    invited_on = serializers.DateField(read_only=True, allow_null=True)


class ScopePeopleSerializer(serializers.Serializer):
    """Named people of an organisation's scope: only for its organizers, a serving hub's, and staff."""

    terms_ending = TermSerializer(many=True, read_only=True)
    over_term_limit = TermSerializer(many=True, read_only=True)
    burnout = BurnoutPersonSerializer(many=True, read_only=True)
    emerging_leaders = EmergingSerializer(many=True, read_only=True)


# --- The three scopes -----------------------------------------------------------------------------------------


@extend_schema_serializer(many=False)
class MovementOverviewSerializer(serializers.Serializer):
    summary = ScopeSummarySerializer(read_only=True)
    gaps = CompetencyGapSerializer(many=True, read_only=True, help_text=_("The largest gaps (at most 10)."))
    regions = ScopeSummarySerializer(many=True, read_only=True, help_text=_("The summary of each region."))


class RegionOverviewSerializer(serializers.Serializer):
    summary = ScopeSummarySerializer(read_only=True)
    gaps = CompetencyGapSerializer(many=True, read_only=True, help_text=_("The largest gaps (at most 10)."))
    organizations = ScopeSummarySerializer(
        many=True,
        read_only=True,
        help_text=_("The region's organisations, most vacant seats first (at most 50)."),
    )


class OrganizationOverviewSerializer(serializers.Serializer):
    summary = ScopeSummarySerializer(read_only=True)
    gaps = CompetencyGapSerializer(many=True, read_only=True, help_text=_("The largest gaps (at most 10)."))
    organizations = ScopeSummarySerializer(
        many=True, read_only=True, help_text=_("For a hub: the organisations it serves; empty otherwise.")
    )
    vacant_roles = VacantRoleSerializer(many=True, read_only=True)
    roles_without_successor = RoleBriefSerializer(many=True, read_only=True)
    people = ScopePeopleSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Named people (renewal lists, emerging leaders): null unless you organize this scope."),
    )


# --- Candidates, peers, my development ------------------------------------------------------------------------


class CandidateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("person", _("Person")), ("nominee", _("Nominee"))], read_only=True
    )
    person = PersonBriefSerializer(read_only=True, allow_null=True)
    nomination = serializers.SerializerMethodField(
        help_text=_("Id of their latest consenting nomination, if any.")
    )
    name = serializers.CharField(read_only=True)
    essential_unmet = serializers.IntegerField(read_only=True)
    level_distance = serializers.IntegerField(read_only=True)
    gap = FitRowSerializer(many=True, read_only=True)
    invited_on = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("When they were invited to be nominated, if they were.")
    )

    @extend_schema_field(OpenApiTypes.INT)
    def get_nomination(self, candidate: Any) -> int | None:
        return candidate.nomination.pk if candidate.nomination is not None else None


class PeerCompetencySerializer(CompetencyBriefSerializer):
    wanting = serializers.IntegerField(read_only=True, help_text=_("Public people wanting to develop it."))
    mentoring = serializers.IntegerField(
        read_only=True, help_text=_("Public people offering to mentor in it.")
    )

    class Meta(CompetencyBriefSerializer.Meta):
        fields = [*CompetencyBriefSerializer.Meta.fields, "wanting", "mentoring"]
        read_only_fields = fields


class PeerSerializer(PersonBriefSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    languages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    verified_level = serializers.IntegerField(
        read_only=True, help_text=_("Verified level in the competency.")
    )
    same_language = serializers.BooleanField(read_only=True, help_text=_("Shares a language with you."))
    same_region = serializers.BooleanField(read_only=True, help_text=_("Lives in your region."))

    class Meta(PersonBriefSerializer.Meta):
        fields = [
            *PersonBriefSerializer.Meta.fields,
            "region",
            "languages",
            "verified_level",
            "same_language",
            "same_region",
        ]
        read_only_fields = fields


class PeersSerializer(serializers.Serializer):
    competency = CompetencyBriefSerializer(read_only=True)
    learners = PeerSerializer(many=True, read_only=True, help_text=_("People who want to develop it."))
    mentors = PeerSerializer(many=True, read_only=True, help_text=_("People who offer to mentor in it."))


class DevelopmentRowSerializer(FitRowSerializer):
    sessions = SessionBriefSerializer(
        many=True, read_only=True, help_text=_("Upcoming sessions developing it, when a level is missing.")
    )


class WantedSerializer(serializers.Serializer):
    competency = CompetencyBriefSerializer(read_only=True)
    mentors = PersonBriefSerializer(many=True, read_only=True, help_text=_("Suggested mentors (at most 3)."))


class DevelopmentRoleSerializer(serializers.Serializer):
    role = RoleBriefSerializer(read_only=True)
    essential_unmet = serializers.IntegerField(read_only=True)
    level_distance = serializers.IntegerField(read_only=True)
    gap = DevelopmentRowSerializer(many=True, read_only=True)


class DevelopmentSerializer(serializers.Serializer):
    wanted = WantedSerializer(many=True, read_only=True)
    roles = DevelopmentRoleSerializer(
        many=True,
        read_only=True,
        help_text=_("The roles you come closest to (at most 5) and your gap to each."),
    )
    engagement = EngagementSerializer(read_only=True)


class SortErrorSerializer(serializers.Serializer):
    """A gap list's 400: the message names the parameter at fault (`sort`, or `page_size`)."""

    sort = serializers.ListField(child=serializers.CharField(), required=False)
    page_size = serializers.ListField(child=serializers.CharField(), required=False)
