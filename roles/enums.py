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
