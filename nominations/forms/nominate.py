"""The public nomination form and the forms reached through signed links (consent, endorsement, erase)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from leadership.common.forms import CodexFormMixin, language_field
from leadership.common.validators import validate_no_control_characters, validate_wikimedia_username
from roles.enums import Level, RegionCode
from roles.models import Competency
from roles.selectors import competency_catalogue, language_choices

from ..enums import NominationKind, QuestionKind
from ..models import CallQuestion, NominationCall

ANSWER_PREFIX = "question_"  # the services name their errors on answers so
HONEYPOT = "website"
FREE_TEXT_FIELDS = (
    "nominee_name",
    "nominee_organization",
    "external_movement",
    "external_contact",
    "statement",
    "nominator_name",
)
REQUIRED_FOR_EXTERNAL = _("Say this for someone from another social movement.")
EMAIL_FOR_ANONYMOUS = _("Give your email address: we send you a link to confirm the nomination.")


def competency_choices() -> list[Any]:
    """Active competencies of the catalogue grouped by category (optgroups), in one query."""
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for competency in competency_catalogue():
        group = groups.setdefault(competency.category_id, (str(competency.category.name), []))
        group[1].append((competency.pk, str(competency.name)))
    return list(groups.values())


class CatalogueChoiceField(forms.TypedMultipleChoiceField):
    """Competencies of the catalogue by id. Its choices (the whole catalogue, 2,000 at scale) load only when
    the field is rendered; a POST's ids are checked by NominateForm.clean_competencies in one query."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit()


def _language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class NominateForm(CodexFormMixin, forms.Form):
    """Who is nominated, why, the call's questions and what the nominator saw them do.

    The nominator's email is asked of anonymous visitors only; the honeypot field stays empty for people.
    """

    kind = forms.ChoiceField(
        label=_("Whom do you nominate?"),
        choices=NominationKind.choices,
        initial=NominationKind.OTHER,
        widget=forms.RadioSelect,
    )
    role = forms.TypedChoiceField(label=_("Role"), coerce=int, required=False, empty_value=None)
    nominee_name = forms.CharField(label=_("Nominee's name"), max_length=150)
    nominee_email = forms.EmailField(
        label=_("Nominee's email"),
        help_text=_("We ask the nominee for their consent at this address. It is never shown publicly."),
    )
    nominee_username = forms.CharField(
        label=_("Nominee's Wikimedia username"),
        max_length=85,
        required=False,
        validators=[validate_wikimedia_username],
    )
    nominee_organization = forms.CharField(
        label=_("Nominee's organisation or community"), max_length=200, required=False
    )
    nominee_region = forms.ChoiceField(label=_("Nominee's region"), required=False)
    nominee_languages = language_field(language_choices(), _("Languages the nominee speaks"))
    external_movement = forms.CharField(
        label=_("Which social movement?"),
        max_length=200,
        required=False,
        help_text=_("Only for someone from another social movement."),
    )
    external_contact = forms.CharField(
        label=_("How to reach them"),
        max_length=300,
        required=False,
        help_text=_("Only for someone from another social movement: a website, a phone, an organisation."),
    )
    statement = forms.CharField(
        label=_("Why do you nominate them?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What they did, what you saw, why they could lead. The nominee reads this."),
    )
    competencies = CatalogueChoiceField(
        label=_("Competencies you saw in them"),
        coerce=int,
        required=False,
        help_text=_("Chosen from the competency catalogue; recorded as observed by a nominator."),
    )
    competency_level = forms.TypedChoiceField(
        label=_("Level you saw"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            ("", _("I cannot tell")),
            *[(level.value, f"{level.value} · {level.label}") for level in Level],
        ],
    )
    language = forms.ChoiceField(
        label=_("Language of the nomination"),
        help_text=_("The nominee's emails are written in this language."),
    )
    nominator_email = forms.EmailField(
        label=_("Your email"),
        required=False,
        help_text=_("We send you a link to confirm the nomination; it only counts once you follow it."),
    )
    nominator_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    nominator_anonymous = forms.BooleanField(
        label=_("Do not tell the nominee who nominated them"),
        required=False,
        help_text=_("The call's organizers and staff still know."),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(
        self,
        *args: Any,
        call: NominationCall,
        questions: list[CallQuestion],
        roles: list[Any],
        signed_in: bool,
        competencies: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("language", get_language())
        super().__init__(*args, **kwargs)
        self.call = call
        self.questions = questions
        self.signed_in = signed_in
        self.roles = {role.pk: role for role in roles}
        self.fields["language"].choices = _language_choices()
        self.fields["nominee_region"].choices = [("", _("Not known")), *RegionCode.choices]
        # A callable: the catalogue is read when the field renders (GET, or a POST shown again), not to validate.
        self.fields["competencies"].choices = competencies if competencies is not None else competency_choices
        self.observed: dict[int, Competency] = {}
        if roles:
            self.fields["role"].choices = [("", _("Any of the call's roles"))] + [
                (role.pk, str(role.title)) for role in roles
            ]
        else:
            del self.fields["role"]
        if signed_in:
            del self.fields["nominator_email"]
            del self.fields["nominator_name"]
        else:
            self.fields["nominator_email"].required = True
            self.fields["nominator_email"].error_messages["required"] = EMAIL_FOR_ANONYMOUS
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        for question in questions:
            name = f"{ANSWER_PREFIX}{question.pk}"
            if question.kind == QuestionKind.CHOICE:
                field: forms.Field = forms.ChoiceField(
                    label=str(question.text),
                    required=question.required,
                    choices=[("", _("Choose an answer"))] + [(choice, choice) for choice in question.choices],
                )
            else:
                field = forms.CharField(
                    label=str(question.text),
                    required=question.required,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            self.fields[name] = field
        # The service refuses control characters in free text: the form refuses them first, on the field.
        free_text = [*FREE_TEXT_FIELDS, *(f"{ANSWER_PREFIX}{question.pk}" for question in questions)]
        for name in free_text:
            if name in self.fields:
                self.fields[name].validators.append(validate_no_control_characters)
        # The mixin styled the declared fields before the questions were added: style these too.
        for question in questions:
            widget = self.fields[f"{ANSWER_PREFIX}{question.pk}"].widget
            css = "cdx-select" if isinstance(widget, forms.Select) else "cdx-text-area__textarea"
            widget.attrs["class"] = css

    # --- Groups of fields for the template ---

    def _bound(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    def nominee_fields(self) -> list[forms.BoundField]:
        return self._bound(
            (
                "role",
                "nominee_name",
                "nominee_email",
                "nominee_username",
                "nominee_organization",
                "nominee_region",
                "nominee_languages",
                "language",
            )
        )

    def external_fields(self) -> list[forms.BoundField]:
        return self._bound(("external_movement", "external_contact"))

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"{ANSWER_PREFIX}{question.pk}"] for question in self.questions]

    def nominator_fields(self) -> list[forms.BoundField]:
        return self._bound(("nominator_name", "nominator_email", "nominator_anonymous"))

    @property
    def is_spam(self) -> bool:
        """A robot filled the field people never see."""
        return bool((self.data.get(HONEYPOT) or "").strip())

    def clean_competencies(self) -> list[int]:
        ids = self.cleaned_data["competencies"]
        self.observed = competency_catalogue().in_bulk(ids) if ids else {}
        for pk in ids:
            if pk not in self.observed:
                field = self.fields["competencies"]
                raise forms.ValidationError(
                    field.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return ids

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == NominationKind.EXTERNAL:
            for name in ("external_movement", "external_contact"):
                if not (cleaned.get(name) or "").strip():
                    self.add_error(name, REQUIRED_FOR_EXTERNAL)
        return cleaned

    # --- What the service takes ---

    def nomination_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind = data["kind"]
        external = kind == NominationKind.EXTERNAL
        return {
            "kind": kind,
            "role": self.roles.get(data["role"]) if data.get("role") else None,
            "nominee_name": data["nominee_name"].strip(),
            "nominee_email": data["nominee_email"],
            "nominee_username": data["nominee_username"].strip(),
            "nominee_organization": data["nominee_organization"].strip(),
            "nominee_region": data["nominee_region"],
            "nominee_languages": list(data["nominee_languages"]),
            "external_movement": data["external_movement"].strip() if external else "",
            "external_contact": data["external_contact"].strip() if external else "",
            "statement": data["statement"].strip(),
            "language": data["language"],
            "nominator_anonymous": data["nominator_anonymous"],
        }

    def answers(self) -> dict[CallQuestion, str]:
        answers = {}
        for question in self.questions:
            value = (self.cleaned_data.get(f"{ANSWER_PREFIX}{question.pk}") or "").strip()
            if value:
                answers[question] = value
        return answers

    def observed_competencies(self) -> dict[Competency, int | None]:
        ids = self.cleaned_data.get("competencies") or []
        level = self.cleaned_data.get("competency_level")
        return {self.observed[pk]: level for pk in ids if pk in self.observed}


class ConsentForm(CodexFormMixin, forms.Form):
    """The nominee's answer: accept or decline; declining may ask never to be nominated again."""

    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("I accept the nomination")), ("decline", _("I decline the nomination"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you accept or decline.")},
    )
    never_again = forms.BooleanField(
        label=_("Never nominate me again"),
        required=False,
        help_text=_("Only a keyed fingerprint of your address is kept, to refuse future nominations."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("decision") == "accept" and cleaned.get("never_again"):
            self.add_error("never_again", _("“Never nominate me again” goes with declining."))
        return cleaned


class EndorseForm(CodexFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Your endorsement"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why you support this nomination. The call's reviewers read it."),
    )


class EraseForm(CodexFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, erase this nomination's personal data"),
        error_messages={"required": _("Tick the box to confirm.")},
    )
