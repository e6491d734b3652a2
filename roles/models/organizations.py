"""Organisations, their people and memberships: the base every other app stands on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords
from timezone_field import TimeZoneField

from leadership.common.models import BaseModel
from leadership.common.validators import (
    validate_no_control_characters,
    validate_wikidata_qid,
    validate_wikimedia_username,
)

from .. import rules as r
from ..enums import (
    Capacity,
    MembershipRequestKind,
    MembershipRequestState,
    OrganizationKind,
    OrganizationStatus,
    RegionCode,
)


class Region(BaseModel):
    """One of the eight Wikimedia regions, or Global."""

    code = models.CharField(_("code"), max_length=8, choices=RegionCode.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["order", "code"]
        rules_permissions = {"view": r.always_allow}

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> str:
        return str(RegionCode(self.code).label)


class Language(BaseModel):
    """A language people work in, by its code (en, fr, pt-br, sw...); names come translated from Django."""

    code = models.CharField(_("code"), max_length=16, primary_key=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]
        rules_permissions = {"view": r.always_allow}

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        from django.conf.locale import LANG_INFO

        info = LANG_INFO.get(self.code, {})
        return gettext(info["name"]) if "name" in info else self.code

    @property
    def name_local(self) -> str:
        from django.conf.locale import LANG_INFO

        return LANG_INFO.get(self.code, {}).get("name_local", self.code)


class Person(BaseModel):
    """Someone known to the registry, with or without an account; every account has exactly one.

    The email is never shown publicly; name, username, competencies and roles are public only with consent.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    display_name = models.CharField(
        _("display name"), max_length=150, validators=[validate_no_control_characters]
    )
    wikimedia_username = models.CharField(
        _("Wikimedia username"),
        max_length=85,
        blank=True,
        validators=[validate_wikimedia_username],
        help_text=_("Your username on the Wikimedia projects, without 'User:'."),
    )
    email = models.EmailField(_("email"), blank=True, help_text=_("Never shown publicly."))
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="people"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    time_zone = TimeZoneField(_("time zone"), default="UTC", use_pytz=False)
    is_public = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_("When on, your name, username, competencies and roles are public. Your email never is."),
    )

    wants_to_develop = models.ManyToManyField(
        "roles.Competency",
        verbose_name=_("competencies I want to develop"),
        blank=True,
        related_name="wanted_by",
    )
    can_mentor = models.ManyToManyField(
        "roles.Competency",
        verbose_name=_("competencies I can mentor others in"),
        blank=True,
        related_name="mentors",
    )

    history = HistoricalRecords(excluded_fields=["email"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["display_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikimedia_username"],
                condition=~models.Q(wikimedia_username=""),
                name="person_unique_wikimedia_username",
            ),
        ]
        indexes = [
            models.Index(fields=["email"], name="person_email_idx"),
            models.Index(fields=["is_public", "display_name"], name="person_public_name_idx"),
            # public people by id, with their name: the people directory filtered by a competency checks
            # the competency's records against it and sorts them by name without reading the table
            models.Index(
                fields=["id"],
                include=["display_name"],
                condition=models.Q(is_public=True),
                name="person_public_id_idx",
            ),
        ]
        rules_permissions = {
            "view": r.can_view_person,
            "change": r.is_person_self | r.is_staff,
            "delete": r.is_person_self | r.is_staff,
        }

    def __str__(self) -> str:
        return self.display_name


class Organization(BaseModel):
    """A chapter, user group, hub, committee... or a community or movement from outside Wikimedia."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_no_control_characters])
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=OrganizationStatus.choices, default=OrganizationStatus.PROPOSED
    )
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organizations"
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="organizations"
    )
    website = models.URLField(_("website"), blank=True)
    wikidata_qid = models.CharField(
        _("Wikidata item"), max_length=16, blank=True, validators=[validate_wikidata_qid]
    )
    hubs = models.ManyToManyField(
        "self",
        verbose_name=_("served by hubs"),
        symmetrical=False,
        blank=True,
        related_name="served_organizations",
        limit_choices_to={"kind__in": OrganizationKind.hub_kinds()},
    )
    active = models.BooleanField(_("active"), default=True)
    proposed_by = models.ForeignKey(
        Person,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_organizations",
    )

    # history is registered in translation.py, after modeltranslation has added the per-language fields

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en", "id"]
        indexes = [
            models.Index(fields=["status", "active", "name_en"], name="org_listed_name_idx"),
            # The few organisations not listed: the directory leaves out their roles with one hashed lookup
            # per role (NOT IN), read from this index rather than from the whole table.
            models.Index(
                fields=["id"],
                condition=~models.Q(status=OrganizationStatus.APPROVED, active=True),
                name="org_unlisted_idx",
            ),
            models.Index(fields=["kind", "status"], name="org_kind_idx"),
            models.Index(fields=["region", "status"], name="org_region_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_organization,
            "add": r.is_authenticated,
            "change": r.is_org_organizer | r.is_staff,
            "delete": r.is_staff,
            "approve": r.is_staff,
            "manage_members": r.is_org_organizer | r.is_staff,
            "manage_roles": r.is_org_organizer | r.is_staff,
            "join": r.can_join_organization,
        }

    def __str__(self) -> str:
        return self.name

    @property
    def is_hub(self) -> bool:
        return self.kind in OrganizationKind.hub_kinds()

    @property
    def is_listed(self) -> bool:
        return self.status == OrganizationStatus.APPROVED and self.active


class Membership(BaseModel):
    """A person's place in an organisation: organizer, hub coordinator or member."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    capacity = models.CharField(
        _("capacity"), max_length=24, choices=Capacity.choices, default=Capacity.MEMBER
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization_id", "capacity", "person__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organization"], name="membership_unique_person_org")
        ]
        indexes = [models.Index(fields=["organization", "capacity"], name="membership_org_capacity_idx")]
        rules_permissions = {
            "view": r.can_view_membership,
            "change": r.is_membership_org_organizer | r.is_staff,
            "delete": r.is_membership_org_organizer | r.is_staff | r.is_membership_self,
        }

    def __str__(self) -> str:
        return f"{self.person} – {self.organization} ({self.get_capacity_display()})"


class MembershipRequest(BaseModel):
    """A request to join an organisation, or an organizer's invitation to it (by email or username)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MembershipRequestKind.choices)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=MembershipRequestState.choices,
        default=MembershipRequestState.PENDING,
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="membership_requests",
    )
    email = models.EmailField(_("email"), blank=True)
    wikimedia_username = models.CharField(
        _("Wikimedia username"), max_length=85, blank=True, validators=[validate_wikimedia_username]
    )
    capacity = models.CharField(
        _("capacity"), max_length=24, choices=Capacity.choices, default=Capacity.MEMBER
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        Person, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        Person,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "person"],
                condition=models.Q(state="pending"),
                name="membershiprequest_one_pending_per_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(person__isnull=True, email="", wikimedia_username=""),
                name="membershiprequest_has_someone",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "state"], name="mreq_org_state_idx"),
            models.Index(fields=["email", "state"], name="mreq_email_state_idx"),
            models.Index(fields=["wikimedia_username", "state"], name="mreq_username_state_idx"),
        ]
        rules_permissions = {
            "view": r.is_request_org_organizer | r.is_request_addressee | r.is_staff,
            "decide": r.can_decide_membership_request,
        }

    def __str__(self) -> str:
        who = self.person or self.email or self.wikimedia_username
        return f"{self.get_kind_display()}: {who} → {self.organization}"

    @property
    def is_pending(self) -> bool:
        return self.state == MembershipRequestState.PENDING
