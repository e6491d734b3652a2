"""Role templates, roles in organisations, their requirements and the people who hold them."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from leadership.common.models import BaseModel
from leadership.common.validators import validate_no_control_characters

from .. import rules as r
from ..enums import Importance, Level, RoleKind, Selection
from .competencies import LEVEL_VALIDATORS, Competency
from .organizations import Language, Organization, Person


class RoleShape(models.Model):
    """What a template and a role both say about a role's shape."""

    kind = models.CharField(_("kind"), max_length=24, choices=RoleKind.choices, default=RoleKind.VOLUNTEER)
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    selection = models.CharField(
        _("elected or appointed"), max_length=16, choices=Selection.choices, default=Selection.APPOINTED
    )
    term_length_months = models.PositiveSmallIntegerField(
        _("term length (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    term_limit = models.PositiveSmallIntegerField(
        _("term limit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("How many consecutive terms one person may serve; empty for no limit."),
    )
    hours_per_week = models.DecimalField(
        _("expected hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )

    class Meta:
        abstract = True


class RoleTemplate(RoleShape, BaseModel):
    """A movement-wide role definition that organisations adapt (subsidiarity)."""

    title = models.CharField(_("title"), max_length=200, validators=[validate_no_control_characters])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("role template")
        verbose_name_plural = _("role templates")
        ordering = ["title_en", "id"]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_staff,
            "change": r.is_staff,
            "delete": r.is_staff,
        }

    def __str__(self) -> str:
        return self.title


class Requirement(models.Model):
    """Minimum level and importance; the concrete models add the competency and their owner."""

    min_level = models.PositiveSmallIntegerField(
        _("minimum level"), choices=Level.choices, default=Level.PRACTISING, validators=LEVEL_VALIDATORS
    )
    importance = models.CharField(
        _("importance"), max_length=16, choices=Importance.choices, default=Importance.ESSENTIAL
    )

    class Meta:
        abstract = True


class TemplateRequirement(Requirement, BaseModel):
    """A default requirement of a template, copied into the roles adapted from it."""

    template = models.ForeignKey(
        RoleTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="requirements"
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="template_requirements",
    )

    class Meta:
        verbose_name = _("template requirement")
        verbose_name_plural = _("template requirements")
        ordering = ["template_id", "importance", "competency_id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "competency"], name="templaterequirement_unique"),
            models.CheckConstraint(
                condition=models.Q(min_level__gte=1, min_level__lte=4), name="templatereq_1_to_4"
            ),
        ]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_staff,
            "change": r.is_staff,
            "delete": r.is_staff,
        }

    def __str__(self) -> str:
        return f"{self.template}: {self.competency} ≥ {self.min_level}"


class Role(RoleShape, BaseModel):
    """A leadership role in one organisation, possibly adapted from a movement-wide template."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="roles",
        db_index=False,  # role_org_idx (organization, active) serves it
    )
    template = models.ForeignKey(
        RoleTemplate,
        verbose_name=_("adapted from template"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roles",
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_control_characters])
    description = models.TextField(_("description"), blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="roles"
    )
    open_for_nominations = models.BooleanField(_("open for nominations"), default=False)
    active = models.BooleanField(_("active"), default=True)
    # Every language's title and description, folded (lowercased, Latin accents off): what a substring search
    # reads (SQLite's word search; a trigram GIN index on PostgreSQL). Written by the services.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    # PostgreSQL: each language's title and description stemmed by its text search configuration (see
    # leadership/common/search.py), the directory's word search; GIN-indexed by raw SQL in migration 0009
    # (role_search_document_idx), like the trigram index. Written by the services; empty on SQLite.
    search_document = SearchVectorField(_("search document"), null=True, editable=False)
    # Seats currently filled; kept by the holder services so that the directory filters vacancies by index.
    filled_seats = models.PositiveSmallIntegerField(_("filled seats"), default=0, editable=False)

    # history is registered in translation.py, after modeltranslation has added the per-language fields

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["title_en", "id"]
        indexes = [
            # The directory's keys: active roles in its order, with the organisation to join, so that a page's
            # keys (and the OFFSET of a deep page) are read from this index alone (an index-only scan).
            models.Index(
                fields=["title_en", "id"],
                include=["organization"],
                condition=models.Q(active=True),
                name="role_listed_keys_idx",
            ),
            # Also serves the organisation's foreign key (its own index was a duplicate, see the field).
            models.Index(fields=["organization", "active"], name="role_org_idx"),
            models.Index(fields=["kind", "active"], name="role_kind_idx"),
            models.Index(fields=["open_for_nominations", "active"], name="role_open_idx"),
            # "Is this role active, and in which organisation?" from the index alone, for pages that reach
            # many roles by id (a competency's page counts the active roles requiring it in listed
            # organisations: a thousand lookups that would otherwise each read the wide role row).
            models.Index(
                fields=["id"],
                include=["organization"],
                condition=models.Q(active=True),
                name="role_active_pk_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="role_seats_positive"),
            models.CheckConstraint(
                condition=models.Q(filled_seats__lte=models.F("seats")), name="role_filled_le_seats"
            ),
        ]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_authenticated,  # decided per organisation by roles.add_role_to_organization
            "change": r.is_role_organizer | r.is_staff,
            "delete": r.is_role_organizer | r.is_staff,
        }

    def __str__(self) -> str:
        return self.title

    @property
    def vacant_seats(self) -> int:
        return max(self.seats - self.filled_seats, 0)


class RoleRequirement(Requirement, BaseModel):
    """A competency a role needs, at a minimum level, essential or desirable."""

    role = models.ForeignKey(
        Role, verbose_name=_("role"), on_delete=models.CASCADE, related_name="requirements"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="role_requirements"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role requirement")
        verbose_name_plural = _("role requirements")
        ordering = ["role_id", "importance", "competency_id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "competency"], name="rolerequirement_unique"),
            models.CheckConstraint(
                condition=models.Q(min_level__gte=1, min_level__lte=4), name="rolereq_1_to_4"
            ),
        ]
        indexes = [
            models.Index(fields=["competency", "min_level"], name="rolereq_competency_idx"),
            # A competency's page: its requirements, essentials and higher levels first (read backwards),
            # with the role from the index alone for the count.
            models.Index(
                fields=["competency", "importance", "min_level"],
                include=["role"],
                name="rolereq_competency_rank_idx",
            ),
        ]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_requirement_organizer | r.is_staff,
            "change": r.is_requirement_organizer | r.is_staff,
            "delete": r.is_requirement_organizer | r.is_staff,
        }

    def __str__(self) -> str:
        return f"{self.role}: {self.competency} ≥ {self.min_level}"


class RoleHolder(BaseModel):
    """One term of a person on one seat of a role. Terms on the same seat never overlap."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="tenures"
    )
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.CASCADE, related_name="holders")
    seat = models.PositiveSmallIntegerField(_("seat"), default=1, validators=[MinValueValidator(1)])
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty while the term is running."))
    term_number = models.PositiveSmallIntegerField(
        _("term number"), default=1, validators=[MinValueValidator(1)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role holder")
        verbose_name_plural = _("role holders")
        ordering = ["role_id", "seat", "-start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(seat__gte=1), name="roleholder_seat_positive"),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="roleholder_end_after_start",
            ),
            # On PostgreSQL, migration 0004 adds an exclusion constraint: no overlapping terms on one seat.
        ]
        indexes = [
            models.Index(fields=["role", "seat", "start"], name="roleholder_seat_idx"),
            models.Index(fields=["person", "end"], name="roleholder_person_idx"),
            models.Index(fields=["end"], name="roleholder_end_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_role_holder,
            "add": r.is_staff,
            "change": r.is_holder_organizer | r.is_staff,
            "delete": r.is_holder_organizer | r.is_staff,
        }

    def __str__(self) -> str:
        return f"{self.person} – {self.role} (seat {self.seat})"

    @property
    def is_current(self) -> bool:
        """The term runs today."""
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end > today)

    @property
    def is_past(self) -> bool:
        return self.end is not None and self.end <= timezone.localdate()
