"""Calls for nominations, nominations with their answers and observed competencies, endorsements, reviews.

A nomination's state moves only through the transitions below, called by the services (the field is
protected). Personal data of a nominee lives in the Nomination row, its answers, observed competencies,
endorsements and reviews; `services.nomination_erase` clears all of it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from leadership.common.models import BaseModel
from leadership.common.validators import validate_no_control_characters
from roles.enums import Level, RegionCode
from roles.models import Competency, Language, Organization, Person, Role

from . import rules as r
from .enums import NominationKind, NominationState, QuestionKind

S = NominationState
UNSCORED = -1.0  # below every weighted score (0 to 5): where rank_key puts the nominations without one


def rank_key() -> Coalesce:
    """What the ranked table sorts by (descending): the stored weighted score, UNSCORED without one. The same
    expression in nomination_rank_idx and in the query, so the index serves the sort."""
    return Coalesce(models.F("weighted_score"), models.Value(UNSCORED), output_field=models.FloatField())


class NominationCall(BaseModel):
    """An organisation's (or, with no organisation, the movement's) call for nominations."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="nomination_calls",
        help_text=_("Empty for a movement-wide call (staff only)."),
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_control_characters])
    text = models.TextField(_("text"), blank=True)
    roles = models.ManyToManyField(
        Role,
        verbose_name=_("roles"),
        blank=True,
        related_name="nomination_calls",
        help_text=_("Empty for a call for potential leaders in general."),
    )
    is_standing = models.BooleanField(
        _("standing call for potential leaders"),
        default=False,
        help_text=_("An organisation keeps at most one standing call for potential leaders."),
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True, help_text=_("Empty: never closes."))
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewers"),
        blank=True,
        related_name="nomination_calls_reviewed",
    )
    anonymised_review = models.BooleanField(
        _("anonymised review"), default=False, help_text=_("Reviewers do not see names.")
    )
    reviewing_open = models.BooleanField(_("reviewing open"), default=True)
    retention_days = models.PositiveSmallIntegerField(
        _("retention (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_(
            "Nominations without an answer, and those not selected, are erased after this many days."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("nomination call")
        verbose_name_plural = _("nomination calls")
        ordering = ["-opens_at", "-id"]
        indexes = [
            models.Index(fields=["opens_at", "closes_at"], name="call_open_idx"),
            models.Index(fields=["organization", "-opens_at"], name="call_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opens",
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(is_standing=True),
                name="call_one_standing_per_org",
            ),
            models.CheckConstraint(condition=models.Q(retention_days__gte=1), name="call_retention_positive"),
        ]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_authenticated,  # decided per organisation by nominations.add_call_to_organization
            "change": r.can_change_call,
            "delete": r.can_change_call,
        }

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.opens_at <= now and (self.closes_at is None or self.closes_at > now)

    @property
    def is_movement_wide(self) -> bool:
        return self.organization_id is None


class CallQuestion(BaseModel):
    """A question of a call, answered by the nominator."""

    call = models.ForeignKey(
        NominationCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=500, validators=[validate_no_control_characters])
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    choices = models.JSONField(_("choices"), default=list, blank=True, help_text=_("For a choice question."))
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["call_id", "position", "id"]
        indexes = [models.Index(fields=["call", "position"], name="question_call_idx")]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_authenticated,
            "change": r.is_authenticated,
            "delete": r.is_authenticated,
        }

    def __str__(self) -> str:
        return self.text


class ScoringCriterion(BaseModel):
    """What reviewers score (0 to 5), with a weight in the ranked table."""

    call = models.ForeignKey(
        NominationCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_no_control_characters])
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["call_id", "position", "id"]
        indexes = [models.Index(fields=["call", "position"], name="criterion_call_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=1), name="criterion_weight_positive")
        ]
        rules_permissions = {
            "view": r.always_allow,
            "add": r.is_authenticated,
            "change": r.is_authenticated,
            "delete": r.is_authenticated,
        }

    def __str__(self) -> str:
        return self.name


class Nomination(FSMModelMixin, BaseModel):
    """One person nominated in one call. The nominee's fields are erased on decline, expiry or after retention."""

    call = models.ForeignKey(
        NominationCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="nominations"
    )
    state = FSMField(_("state"), max_length=20, choices=S.choices, default=S.SUBMITTED, protected=True)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    kind = models.CharField(
        _("kind"), max_length=16, choices=NominationKind.choices, default=NominationKind.OTHER
    )
    role = models.ForeignKey(
        Role,
        verbose_name=_("role"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations",
    )
    # The nominee (personal data: erased with the nomination)
    nominee_name = models.CharField(_("nominee's name"), max_length=200, blank=True)
    nominee_email = models.EmailField(_("nominee's email"), blank=True)
    nominee_username = models.CharField(_("nominee's Wikimedia username"), max_length=100, blank=True)
    nominee_organization = models.CharField(
        _("nominee's organisation or community"), max_length=200, blank=True
    )
    nominee_region = models.CharField(
        _("nominee's region"), max_length=8, choices=RegionCode.choices, blank=True
    )
    nominee_languages = models.ManyToManyField(
        Language, verbose_name=_("nominee's languages"), blank=True, related_name="+"
    )
    external_movement = models.CharField(_("social movement"), max_length=200, blank=True)
    external_contact = models.CharField(_("how to reach them"), max_length=300, blank=True)
    statement = models.TextField(_("why this person"), blank=True, max_length=5000)
    # The nominator
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations_made",
    )
    nominator_email = models.EmailField(_("nominator's email"), blank=True)
    nominator_name = models.CharField(_("nominator's name"), max_length=200, blank=True)
    nominator_verified_at = models.DateTimeField(_("nominator's email verified"), null=True, blank=True)
    nominator_anonymous = models.BooleanField(_("hide the nominator from the nominee"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations",
    )
    invited_at = models.DateTimeField(_("nominee invited"), null=True, blank=True)
    decided_at = models.DateTimeField(_("nominee decided"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    # The ranking aggregate of the reviews without a conflict of interest: the mean score weighted by the
    # criteria's weights (0 to 5; None before any score) and how many reviews count. Kept by every service
    # that changes reviews, scores or weights (services.nomination_scores_refresh); read and sorted by the
    # ranked table through nomination_rank_idx. `check_consistency` compares it with the live computation.
    weighted_score = models.FloatField(_("weighted score"), null=True, blank=True, editable=False)
    review_count = models.PositiveIntegerField(_("reviews"), default=0, db_default=0, editable=False)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["call", "state", "-created_at"], name="nomination_call_state_idx"),
            models.Index(fields=["state", "state_changed_at"], name="nomination_expiry_idx"),
            models.Index(fields=["nominee_email"], name="nomination_email_idx"),
            # The ranked table: a call's consented nominations, best stored score first (its exact ORDER BY;
            # unscored ones last through rank_key, as SQLite's indexes take no NULLS LAST).
            models.Index(
                models.F("call"),
                rank_key().desc(),
                models.F("created_at"),
                models.F("id"),
                name="nomination_rank_idx",
                condition=models.Q(state__in=S.consented(), erased_at__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "nominee_email"],
                condition=~models.Q(nominee_email=""),
                name="nomination_unique_email_per_call",
            ),
        ]
        rules_permissions = {
            "view": r.can_view_nomination,
            "add": r.always_allow,  # anyone nominates; the service checks that the call is open
            "change": r.can_manage_nomination,
            "delete": r.is_staff,
        }

    def __str__(self) -> str:
        return f"{self.nominee_name or _('(erased)')} – {self.call}"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def counts(self) -> bool:
        """An anonymous nominator's nomination counts once their email is verified."""
        return self.nominator_id is not None or self.nominator_verified_at is not None

    # --- Transitions: called only from nominations.services --------------------------------------------

    @transition(field=state, source=S.SUBMITTED, target=S.INVITED)
    def invite(self) -> None:
        self.invited_at = timezone.now()

    @transition(field=state, source=S.INVITED, target=S.ACCEPTED)
    def accept(self) -> None:
        self.decided_at = timezone.now()

    @transition(field=state, source=S.INVITED, target=S.DECLINED)
    def decline(self) -> None:
        self.decided_at = timezone.now()

    @transition(field=state, source=S.ACCEPTED, target=S.IN_REVIEW)
    def start_review(self) -> None:
        pass

    @transition(field=state, source=[S.ACCEPTED, S.IN_REVIEW], target=S.SHORTLISTED)
    def shortlist(self) -> None:
        pass

    @transition(field=state, source=[S.ACCEPTED, S.IN_REVIEW, S.SHORTLISTED], target=S.NOT_SELECTED)
    def reject(self) -> None:
        pass

    @transition(field=state, source=[S.IN_REVIEW, S.SHORTLISTED], target=S.APPOINTED)
    def appoint(self) -> None:
        pass

    @transition(field=state, source=[S.IN_REVIEW, S.SHORTLISTED, S.NOT_SELECTED], target=S.OFFERED_TRAINING)
    def offer_training(self) -> None:
        pass

    @transition(field=state, source=[S.ACCEPTED, S.IN_REVIEW, S.SHORTLISTED], target=S.DECLINED)
    def withdraw(self) -> None:
        """The nominee withdraws after accepting (erasing their data)."""

    @transition(field=state, source=[S.SUBMITTED, S.INVITED], target=S.EXPIRED)
    def expire(self) -> None:
        pass


class NominationEvent(BaseModel):
    """The audit log of a nomination: every state change, who made it, when."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="events"
    )
    from_state = models.CharField(_("from"), max_length=20, choices=S.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=S.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("nomination event")
        verbose_name_plural = _("nomination events")
        ordering = ["nomination_id", "created_at", "id"]
        rules_permissions = {"view": r.is_staff}

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.from_state} → {self.to_state}"


class NominationAnswer(BaseModel):
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        CallQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.TextField(_("answer"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["nomination_id", "question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "question"], name="answer_unique_per_question")
        ]
        rules_permissions = {"view": r.is_staff}

    def __str__(self) -> str:
        return f"{self.question}: {self.value[:40]}"


class ObservedCompetency(BaseModel):
    """A competency the nominator has seen in the nominee (recorded on the Person when they accept)."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="observed"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, null=True, blank=True)

    class Meta:
        verbose_name = _("observed competency")
        verbose_name_plural = _("observed competencies")
        ordering = ["nomination_id", "competency_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "competency"], name="observed_unique_per_competency"
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=4),
                name="observed_level_1_to_4",
            ),
        ]
        rules_permissions = {"view": r.is_staff}

    def __str__(self) -> str:
        return f"{self.competency} ({self.level or '–'})"


class Endorsement(BaseModel):
    """A signed-in member's support of a nomination, once each."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="endorsements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["nomination_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "user"], name="endorsement_once_per_member")
        ]
        rules_permissions = {
            "view": r.is_endorsement_author | r.is_endorsement_visible,
            "add": r.is_authenticated,  # decided per nomination by nominations.endorse_nomination
            "change": r.is_staff,
            "delete": r.is_endorsement_author | r.is_staff,
        }

    def __str__(self) -> str:
        return f"{self.user} → {self.nomination_id}"


class Review(BaseModel):
    """One reviewer's review of one nomination: a conflict of interest, or scores and a comment."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="reviews"
    )
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    conflict_of_interest = models.BooleanField(_("conflict of interest declared"), default=False)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["nomination_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "reviewer"], name="review_once_per_reviewer")
        ]
        rules_permissions = {
            "view": r.is_review_author | r.is_review_call_organizer | r.is_staff,
            "add": r.is_authenticated,  # decided per nomination by nominations.review_nomination
            "change": r.is_review_author,
            "delete": r.is_staff,
        }

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.nomination_id}"


class ReviewScore(BaseModel):
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        ScoringCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["review_id", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=5), name="score_0_to_5"),
        ]
        rules_permissions = {"view": r.is_staff}

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
