"""The overview's figures, materialised per scope by the periodic task `overview.refresh` (services.py).

Pages and the API read one summary row and a page of gap rows per scope, so that the movement-wide overview
costs the same few indexed queries at any scale. Per-role readiness (someone ready to succeed) is
materialised too, for an organisation's "no one ready to succeed" list. Other lists of named people and roles
(candidates, peer learning, emerging leaders, the other renewal lists) are read live by selectors, bounded.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from leadership.common.models import BaseModel

from .enums import ScopeKind


class ScopeSummary(BaseModel):
    """The renewal figures, timeline and diversity of one scope, as of `computed_at`."""

    kind = models.CharField(_("kind"), max_length=16, choices=ScopeKind.choices)
    # "movement", "region:<code>" or "organization:<id>": one row per scope
    key = models.CharField(_("key"), max_length=40, unique=True)
    region = models.ForeignKey(
        "roles.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organization = models.ForeignKey(
        "roles.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    computed_at = models.DateTimeField(_("computed"))
    organizations = models.PositiveIntegerField(_("organisations"), default=0)
    roles = models.PositiveIntegerField(_("roles"), default=0)
    seats = models.PositiveIntegerField(_("seats"), default=0)
    filled_seats = models.PositiveIntegerField(_("filled seats"), default=0)
    vacant_seats = models.PositiveIntegerField(_("vacant seats"), default=0)
    terms_ending = models.PositiveIntegerField(_("terms ending within 90 days"), default=0)
    over_term_limit = models.PositiveIntegerField(_("holders past their term limit"), default=0)
    without_successor = models.PositiveIntegerField(_("roles with no one ready to succeed"), default=0)
    burnout_risk = models.PositiveIntegerField(_("people at burnout risk"), default=0)
    # The sum of the scope's gaps' demand: orders the organisations of a region or hub in its heat map.
    demand = models.DecimalField(_("demand"), max_digits=12, decimal_places=1, default=0)
    # [{"month": "2026-12", "ending": 3}, ...]: the next 12 months, this month first
    timeline = models.JSONField(_("renewal timeline"), default=list, blank=True)
    # {"holders": {"total": 40, "region": {"CEE": 12, ...}, "language": {"fr": 9, ...}}, "nominees": ..., ...}
    # groups of fewer than OVERVIEW_MIN_GROUP people are left out (see services)
    diversity = models.JSONField(_("diversity"), default=dict, blank=True)

    class Meta:
        verbose_name = _("overview summary")
        verbose_name_plural = _("overview summaries")
        ordering = ["kind", "key"]
        indexes = [
            models.Index(fields=["kind", "-vacant_seats"], name="scopesummary_kind_idx"),
            # the organisations of a region: by vacancies (their table) and by demand (the heat map's columns)
            models.Index(fields=["kind", "region", "-vacant_seats"], name="scopesummary_region_vacant_idx"),
            models.Index(fields=["kind", "region", "-demand"], name="scopesummary_region_demand_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class CompetencyGap(BaseModel):
    """Demand for one competency in one scope against its supply, as of the scope's `computed_at`."""

    scope = models.ForeignKey(
        ScopeSummary, verbose_name=_("scope"), on_delete=models.CASCADE, related_name="gaps"
    )
    competency = models.ForeignKey(
        "roles.Competency", verbose_name=_("competency"), on_delete=models.CASCADE, related_name="+"
    )
    required_level = models.PositiveSmallIntegerField(_("required level"))
    demand_seats = models.PositiveIntegerField(_("seats needing it"), default=0)
    demand = models.DecimalField(_("demand"), max_digits=10, decimal_places=1, default=0)
    supply_people = models.PositiveIntegerField(_("people at the level"), default=0)
    supply_learners = models.PositiveIntegerField(_("learners in scheduled trainings"), default=0)
    gap = models.DecimalField(_("gap"), max_digits=10, decimal_places=1, default=0)
    upcoming_sessions = models.PositiveIntegerField(_("upcoming sessions"), default=0)

    class Meta:
        verbose_name = _("competency gap")
        verbose_name_plural = _("competency gaps")
        ordering = ["scope_id", "-gap", "competency_id"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "competency"], name="competencygap_unique"),
        ]
        indexes = [
            models.Index(fields=["scope", "-gap", "competency"], name="competencygap_rank_idx"),
            models.Index(fields=["competency", "scope"], name="competencygap_competency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}: {self.competency_id} {self.gap}"


class RoleReadiness(BaseModel):
    """Whether someone is ready to succeed in one counted active role, as of its scopes' `computed_at`.

    Written by the refresh from the same computation as ScopeSummary.without_successor (see
    services.ready_successor_q), one row per role: an organisation's "no one ready to succeed" list is then
    a read of its stored rows, not the live join of pools, verified levels and requirements.
    """

    role = models.OneToOneField(
        "roles.Role", verbose_name=_("role"), on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        "roles.Organization", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    ready_successor = models.BooleanField(_("someone ready to succeed"), default=False)

    class Meta:
        verbose_name = _("role readiness")
        verbose_name_plural = _("role readiness")
        indexes = [
            # an organisation's (or a hub's organisations') roles with no one ready
            models.Index(
                fields=["organization"],
                condition=models.Q(ready_successor=False),
                name="rolereadiness_unready_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_id}: {self.ready_successor}"


class NominationInvite(BaseModel):
    """An organizer invited a candidate to be nominated for a role: sent once per role and person."""

    role = models.ForeignKey("roles.Role", verbose_name=_("role"), on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "roles.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    invited_by = models.ForeignKey(
        "roles.Person",
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation to be nominated")
        verbose_name_plural = _("invitations to be nominated")
        constraints = [models.UniqueConstraint(fields=["role", "person"], name="nominationinvite_unique")]

    def __str__(self) -> str:
        return f"{self.role_id} → {self.person_id}"


class DigestLog(BaseModel):
    """The weekly digest of one organisation went to one organizer for one week: sent once."""

    organization = models.ForeignKey(
        "roles.Organization", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        "roles.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField(_("week (Monday)"))

    class Meta:
        verbose_name = _("weekly digest sent")
        verbose_name_plural = _("weekly digests sent")
        constraints = [
            models.UniqueConstraint(fields=["organization", "person", "week"], name="digestlog_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.person_id} {self.week}"
