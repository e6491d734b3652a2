"""The call form of organizers, with its questions and scoring criteria as inline formsets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from leadership.common.forms import CodexFormMixin, TranslatedFieldsFormMixin
from leadership.common.languages import localized_field_names
from roles.models import Role

from ..enums import QuestionKind
from ..models import CallQuestion, NominationCall, ScoringCriterion

ROWS_STEP = 2
TITLE_MISSING = _("Give the call a title in at least one language.")
CLOSES_BEFORE_OPENS = _("A call must close after it opens.")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class CallForm(TranslatedFieldsFormMixin, CodexFormMixin, forms.ModelForm):
    """A call's texts in the six languages (a title in at least one), its dates, roles and reviewers."""

    translated_fields = {"title": _("Title in %(language)s"), "text": _("Text in %(language)s")}

    reviewer_emails = forms.CharField(
        label=_("Reviewers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The email addresses of the reviewers' accounts, one per line."),
    )

    class Meta:
        model = NominationCall
        fields = [
            *localized_field_names("title"),
            *localized_field_names("text"),
            "roles",
            "is_standing",
            "opens_at",
            "closes_at",
            "anonymised_review",
            "reviewing_open",
            "retention_days",
        ]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 4}) for name in localized_field_names("text")},
            "opens_at": DateTimeInput,
            "closes_at": DateTimeInput,
            "roles": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = roles
        self.fields["roles"].widget.attrs.pop(
            "class", None
        )  # a native checkbox list (Codex hides its inputs)
        self.fields["roles"].help_text = _("None for a call for potential leaders in general.")
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        if self.instance.pk and not self.is_bound:
            self.initial["reviewer_emails"] = "\n".join(user.email for user in self.instance.reviewers.all())

    def clean_reviewer_emails(self) -> list[Any]:
        lines = [line.strip() for line in self.cleaned_data["reviewer_emails"].splitlines() if line.strip()]
        users = {user.email.lower(): user for user in get_user_model().objects.filter(email__in=lines)}
        unknown = [line for line in lines if line.lower() not in users]
        if unknown:
            raise ValidationError(
                _("No account has the address %(emails)s.") % {"emails": ", ".join(unknown)}, code="unknown"
            )
        return list({user.pk: user for user in users.values()}.values())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", CLOSES_BEFORE_OPENS)
        if not self.has_translation("title"):
            raise ValidationError(TITLE_MISSING, code="title_missing")
        return cleaned

    def call_data(self) -> dict[str, Any]:
        skip = {"roles", "reviewer_emails"}
        data = {name: self.cleaned_data[name] for name in self.fields if name not in skip}
        data.update(self.translated_data())
        return data


class QuestionForm(CodexFormMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Question"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices, initial=QuestionKind.TEXT)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a choice question: one per line."),
    )
    required = forms.BooleanField(label=_("Required"), required=False)

    def has_changed(self) -> bool:
        return bool((self["text"].data or "").strip())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        lines = [line.strip() for line in (cleaned.get("choices") or "").splitlines() if line.strip()]
        cleaned["choices"] = lines
        if cleaned.get("kind") == QuestionKind.CHOICE and len(lines) < 2:
            self.add_error("choices", _("A choice question needs at least two choices, one per line."))
        return cleaned


class CriterionForm(CodexFormMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)

    def has_changed(self) -> bool:
        return bool((self["name"].data or "").strip())


class BaseRowsFormSet(forms.BaseFormSet):
    """Rows edited together: a row without its main text is empty; "Remove" takes a row away."""

    main_field = "text"

    def rows(self) -> list[dict[str, Any]]:
        rows = []
        for form in self.forms:
            if self._should_delete_form(form) or not form.has_changed():
                continue
            data = dict(form.cleaned_data)
            data.pop("DELETE", None)
            data[self.main_field] = data[self.main_field].strip()
            data["position"] = len(rows)
            rows.append(data)
        return rows


class CriterionFormSetBase(BaseRowsFormSet):
    main_field = "name"


QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=BaseRowsFormSet, extra=ROWS_STEP, can_delete=True, max_num=50
)
CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=CriterionFormSetBase, extra=ROWS_STEP, can_delete=True, max_num=30
)


def question_formset(*, call: NominationCall | None = None, data: Any = None) -> BaseRowsFormSet:
    existing: list[CallQuestion] = list(call.questions.all()) if call is not None and call.pk else []
    initial = [
        {"id": q.pk, "text": q.text, "kind": q.kind, "choices": "\n".join(q.choices), "required": q.required}
        for q in existing
    ]
    return QuestionFormSet(data=data, initial=initial, prefix="questions")


def criterion_formset(*, call: NominationCall | None = None, data: Any = None) -> BaseRowsFormSet:
    existing: list[ScoringCriterion] = list(call.criteria.all()) if call is not None and call.pk else []
    initial = [{"id": c.pk, "name": c.name, "weight": c.weight} for c in existing]
    return CriterionFormSet(data=data, initial=initial, prefix="criteria")


def organization_roles(organization: Any) -> Any:
    """The roles a call of this organisation may be for (a movement-wide call: none)."""
    if organization is None:
        return Role.objects.none()
    return Role.objects.filter(organization=organization, active=True).order_by("title", "id")
