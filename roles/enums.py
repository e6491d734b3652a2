from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegionCode(models.TextChoices):
    """The eight Wikimedia regions, plus the movement as a whole."""

    CEE = "CEE", _("Central and Eastern Europe")
    ESEAP = "ESEAP", _("East, Southeast Asia and the Pacific")
    LAC = "LAC", _("Latin America and the Caribbean")
    MENA = "MENA", _("Middle East and North Africa")
    NA = "NA", _("North America")
    NWE = "NWE", _("Northern and Western Europe")
    SA = "SA", _("South Asia")
    SSA = "SSA", _("Sub-Saharan Africa")
    GLOBAL = "GLOBAL", pgettext_lazy("region", "Global")


class OrganizationKind(models.TextChoices):
    CHAPTER = "chapter", _("Chapter")
    THEMATIC_ORGANIZATION = "thematic_organization", _("Thematic organisation")
    USER_GROUP = "user_group", _("User group")
    REGIONAL_HUB = "regional_hub", _("Regional hub")
    THEMATIC_HUB = "thematic_hub", _("Thematic hub")
    COMMITTEE = "committee", _("Committee")
    FOUNDATION = "foundation", _("Foundation")
    EXTERNAL_MOVEMENT = "external_movement", _("External social movement")
    INFORMAL_COMMUNITY = "informal_community", _("Informal community")

    @classmethod
    def hub_kinds(cls) -> list[str]:
        return [cls.REGIONAL_HUB, cls.THEMATIC_HUB]


class OrganizationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Capacity(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    HUB_COORDINATOR = "hub_coordinator", _("Hub coordinator")
    MEMBER = "member", _("Member")


class MembershipRequestKind(models.TextChoices):
    REQUEST = "request", _("Request to join")
    INVITATION = "invitation", _("Invitation")


class MembershipRequestState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Level(models.IntegerChoices):
    """The one shared proficiency scale."""

    AWARE = 1, _("Aware")
    PRACTISING = 2, _("Practising")
    PROFICIENT = 3, _("Proficient")
    EXPERT = 4, _("Expert / mentor")


class Importance(models.TextChoices):
    ESSENTIAL = "essential", _("Essential")
    DESIRABLE = "desirable", _("Desirable")


class RoleKind(models.TextChoices):
    BOARD = "board", _("Board")
    STAFF = "staff", _("Staff")
    COMMITTEE = "committee", _("Committee")
    VOLUNTEER = "volunteer", _("Volunteer")
    PROJECT_LEAD = "project_lead", _("Project lead")
    COORDINATOR = "coordinator", _("Coordinator")


class Selection(models.TextChoices):
    ELECTED = "elected", _("Elected")
    APPOINTED = "appointed", _("Appointed")


class CompetencySource(models.TextChoices):
    SELF_ASSESSED = "self", _("Self-assessed")
    TRAINING = "training", _("Training completion")
    ORGANIZER = "organizer", _("Confirmed by an organizer")
    NOMINATOR = "nominator", _("Observed by a nominator")

    @classmethod
    def verified(cls) -> list[str]:
        """Sources that count towards a person's verified level."""
        return [cls.TRAINING, cls.ORGANIZER]
