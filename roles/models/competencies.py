"""Competencies: categories, the shared proficiency scale, and what people can do."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from leadership.common.models import BaseModel
from leadership.common.validators import (
    validate_esco_uri,
    validate_no_control_characters,
    validate_wikidata_qid,
)

from .. import rules as r
from ..enums import CompetencySource, Level

LEVEL_VALIDATORS = [MinValueValidator(Level.AWARE), MaxValueValidator(Level.EXPERT)]


class CompetencyCategory(BaseModel):
    """A family of competencies: governance, facilitation, finance..."""

    name = models.CharField(_("name"), max_length=120, validators=[validate_no_control_characters])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("competency category")
        verbose_name_plural = _("competency categories")
        ordering = ["order", "slug"]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_staff,
            "change": r.is_staff,
            "delete": r.is_staff,
        }

    def __str__(self) -> str:
        return self.name


class Competency(BaseModel):
    """Something a leader knows or can do, placed in a category and optionally under a broader competency."""

    name = models.CharField(_("name"), max_length=160, validators=[validate_no_control_characters])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        CompetencyCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="competencies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader competency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    wikidata_qid = models.CharField(
        _("Wikidata item"), max_length=16, blank=True, validators=[validate_wikidata_qid]
    )
    esco_uri = models.URLField(_("ESCO skill URI"), blank=True, validators=[validate_esco_uri])
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["category__order", "name_en", "id"]
        indexes = [
            models.Index(fields=["category", "active"], name="competency_category_idx"),
            models.Index(fields=["active", "name_en"], name="competency_active_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="competency_not_own_parent"
            )
        ]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_staff,
            "change": r.is_staff,
            "delete": r.is_staff,
        }

    def __str__(self) -> str:
        return self.name


class ProficiencyLevel(BaseModel):
    """One step of the shared scale (1 aware … 4 expert/mentor) with its translated descriptor."""

    level = models.PositiveSmallIntegerField(
        _("level"), unique=True, choices=Level.choices, validators=LEVEL_VALIDATORS
    )
    name = models.CharField(_("name"), max_length=60)
    descriptor = models.TextField(_("descriptor"))

    class Meta:
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        ordering = ["level"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="proficiencylevel_1_to_4"
            )
        ]
        rules_permissions = {"view": r.always_allow, "change": r.is_staff}

    def __str__(self) -> str:
        return f"{self.level} – {self.name}"


class CompetencyLevelDescriptor(BaseModel):
    """What a level of the shared scale means for one competency in particular."""

    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="level_descriptors"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, validators=LEVEL_VALIDATORS)
    descriptor = models.TextField(_("descriptor"))

    class Meta:
        verbose_name = _("competency level descriptor")
        verbose_name_plural = _("competency level descriptors")
        ordering = ["competency_id", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="competencyleveldescriptor_unique"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="competencylevel_1_to_4"
            ),
        ]
        rules_permissions = {
            "view": r.always_allow,
            "change": r.is_staff,
            "add": r.is_staff,
            "delete": r.is_staff,
        }

    def __str__(self) -> str:
        return f"{self.competency} {self.level}"


class PersonCompetency(BaseModel):
    """A level of a person in a competency, from one source (self, training, organizer, nominator).

    The verified level is the highest from training or an organizer; a self-assessment is shown beside it
    and never overwrites it. A person has at most one self-assessment per competency.
    """

    person = models.ForeignKey(
        "roles.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="competencies"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="person_levels"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, validators=LEVEL_VALIDATORS)
    source = models.CharField(_("source"), max_length=16, choices=CompetencySource.choices)
    evidence = models.TextField(_("evidence"), blank=True, max_length=2000)
    assessed_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        "roles.Person",
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competency of a person")
        verbose_name_plural = _("competencies of people")
        ordering = ["person_id", "competency_id", "-level"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "competency"],
                condition=models.Q(source="self"),
                name="personcompetency_one_self_assessment",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="personcompetency_1_to_4"
            ),
        ]
        indexes = [
            models.Index(fields=["competency", "source", "level"], name="personcomp_supply_idx"),
            models.Index(fields=["person", "competency"], name="personcomp_person_idx"),
            # a competency's people, with what the people directory filters and shows of each record
            models.Index(
                fields=["competency", "person"],
                include=["source", "level"],
                name="personcomp_people_idx",
            ),
        ]
        rules_permissions = {
            "view": r.can_view_person_competency,
            "change": r.is_person_competency_owner | r.is_staff,
            "delete": r.is_person_competency_owner | r.is_staff,
        }

    def __str__(self) -> str:
        return f"{self.person} – {self.competency}: {self.level} ({self.get_source_display()})"

    @property
    def is_verified(self) -> bool:
        return self.source in CompetencySource.verified()
