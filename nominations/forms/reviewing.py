"""Forms of the reviewer and organizer areas: scoring a nomination, and moving it to its next state."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from leadership.common.forms import CodexFormMixin

from ..models import Review, ScoringCriterion

SCORE_CHOICES = [("", "—"), *[(value, str(value)) for value in range(6)]]
SCORE_PREFIX = "criterion_"  # the services name their errors on scores so


class ReviewForm(CodexFormMixin, forms.Form):
    """A score from 0 to 5 for each of the call's criteria, and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only the call's organizers read it."),
    )

    def __init__(
        self, *args: Any, criteria: list[ScoringCriterion], review: Review | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        existing = {score.criterion_id: score.score for score in review.scores.all()} if review else {}
        if review is not None and not self.is_bound:
            self.initial["comment"] = review.comment
        for criterion in criteria:
            name = f"{SCORE_PREFIX}{criterion.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)d)")
                % {"criterion": criterion.name, "weight": criterion.weight},
                choices=SCORE_CHOICES,
                coerce=int,
                initial=existing.get(criterion.pk),
                help_text=_("From 0 (not at all) to 5 (fully)."),
                error_messages={
                    "required": _("Give a score from 0 to 5."),
                    "invalid_choice": _("Give a score from 0 to 5."),
                },
            )
            self.fields[name].widget.attrs["class"] = "cdx-select"
        self.order_fields([f"{SCORE_PREFIX}{criterion.pk}" for criterion in criteria] + ["comment"])

    def scores(self) -> dict[ScoringCriterion, int]:
        return {criterion: self.cleaned_data[f"{SCORE_PREFIX}{criterion.pk}"] for criterion in self.criteria}


DECISIONS = (
    ("start_review", _("Start the review")),
    ("shortlist", _("Shortlist")),
    ("reject", _("Not selected")),
    ("appoint", _("Appoint")),
    ("offer_training", _("Offer training")),
)


def _options(choices: list[tuple[str, str]]) -> str:
    return format_html_join("", '<option value="{}">{}</option>', choices)


class DecisionForm(CodexFormMixin, forms.Form):
    """An organizer moves a nomination on; appointing gives the nominee a seat of the role."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("Choose a decision")), *DECISIONS],
        error_messages={
            "required": _("Choose one of the decisions."),
            "invalid_choice": _("Choose one of the decisions."),
        },
    )
    seat = forms.IntegerField(
        label=_("Seat"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("For an appointment: the seat of the role; empty for the first free seat."),
        widget=forms.NumberInput(attrs={"placeholder": _("Seat")}),
    )
    role = forms.TypedChoiceField(label=_("Role"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, roles: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roles = {role.pk: role for role in roles}
        self.fields["role"].choices = self.role_choices(roles)

    @staticmethod
    def role_choices(roles: list[Any]) -> list[tuple[Any, Any]]:
        return [("", _("The nomination's role"))] + [(role.pk, str(role.title)) for role in roles]

    @classmethod
    def controls(cls, roles: list[Any]) -> dict[str, Any]:
        """What the ranked table's rows render as plain controls (one form class, no instance per row):
        the fields' labels and choices. A POST is validated by a bound form with the row's prefix."""
        fields = cls.base_fields
        actions = [(str(value), str(label)) for value, label in fields["action"].choices]
        role_choices = [(str(value), str(label)) for value, label in cls.role_choices(roles)]
        return {
            "action_label": str(fields["action"].label),
            "actions": actions,
            "role_label": str(fields["role"].label),
            "roles": role_choices,
            "seat_label": str(fields["seat"].label),
            "seat_min": fields["seat"].min_value,
            "seat_max": fields["seat"].max_value,
            # The same <option>s on every row: escaped once per page, not once per row.
            "action_options": _options(actions),
            "role_options": _options(role_choices),
        }

    def submitted(self) -> dict[str, Any]:
        """The row's values as the user sent them, and its errors, for the table shown again."""
        return {
            "action": self.data.get(self.add_prefix("action"), ""),
            "role": self.data.get(self.add_prefix("role"), ""),
            "seat": self.data.get(self.add_prefix("seat"), ""),
            "errors": [str(error) for errors in self.errors.values() for error in errors],
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("action") == "appoint" and cleaned.get("role") is None and not self.roles:
            self.add_error("role", _("This call has no role to appoint to."))
        return cleaned

    def chosen_role(self) -> Any:
        role_id = self.cleaned_data.get("role")
        return self.roles.get(role_id) if role_id else None
