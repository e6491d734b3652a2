"""Forms of the people pages: the directory's search, self-assessment, interests, confirmation, gap view."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from leadership.common.forms import CodexFormMixin
from leadership.common.lookups import LookupField

from .. import services
from ..enums import CompetencySource, Level
from ..models import Competency, Person, PersonCompetency, Role

LEVEL_CHOICES = [(level.value, f"{level.value} · {level.label}") for level in Level]


def grouped_competency_choices(competencies: Iterable[Competency], *, key: str = "pk") -> list[Any]:
    """Competencies grouped by their category (optgroups), in the order given, keyed by pk or slug."""
    groups: dict[int, tuple[str, list[tuple[Any, str]]]] = {}
    for competency in competencies:
        group = groups.setdefault(competency.category_id, (str(competency.category.name), []))
        group[1].append((getattr(competency, key), str(competency.name)))
    return list(groups.values())


# --- The people directory ----------------------------------------------------------------------------


class PeopleSearchForm(CodexFormMixin, forms.Form):
    """Filters of the people directory. The competency and the organisation are type-ahead lookups (their
    thousands of options weighed most of the page), still `?competency=<slug>&organization=<slug>`; the
    short choices come from lists the view reads once."""

    q = forms.CharField(
        label=_("Name or username"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    competency = LookupField(
        label=_("Competency"),
        source="competencies",
        required=False,
        help_text=_("Type part of its name."),
    )
    min_level = forms.TypedChoiceField(
        label=_("Minimum verified level"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Confirmed by an organizer or through a completed training."),
    )
    mentors = forms.BooleanField(label=_("Offers to mentor in it"), required=False)
    organization = LookupField(
        label=_("Organisation"),
        source="organizations",
        required=False,
        help_text=_("Type part of its name."),
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(
        self,
        *args: Any,
        regions: list[Any],
        languages: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lookup = {
            "region": {r.code: r for r in regions},
            "language": {language.code: language for language in languages},
        }
        self.fields["min_level"].choices = [("", _("Any level")), *LEVEL_CHOICES]
        self.fields["region"].choices = [("", _("Any region"))] + [(r.code, r.name) for r in regions]
        self.fields["language"].choices = [("", _("Any language"))] + [
            (language.code, f"{language.name} ({language.code})") for language in languages
        ]

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (cleaned.get("min_level") or cleaned.get("mentors")) and not cleaned.get("competency"):
            self.add_error("competency", _("Choose a competency to filter by its level or by mentors."))
        return cleaned

    @property
    def filters(self) -> dict[str, Any]:
        """What the selector filters by: every valid value (an invalid one is shown as an error and ignored)."""
        self.is_valid()
        data = self.cleaned_data
        filters: dict[str, Any] = {name: self.lookup[name].get(data.get(name) or "") for name in self.lookup}
        filters["competency"] = data.get("competency")
        filters["organization"] = data.get("organization")
        filters["q"] = data.get("q", "")
        filters["min_level"] = data.get("min_level") if filters["competency"] else None
        filters["mentors"] = bool(data.get("mentors")) and filters["competency"] is not None
        return filters


# --- An organizer confirms a level --------------------------------------------------------------------


class ConfirmCompetencyForm(CodexFormMixin, forms.Form):
    competency = forms.TypedChoiceField(label=_("Competency"), coerce=int)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, choices=LEVEL_CHOICES)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you saw them do: a project, an event, a role they held."),
    )

    def __init__(self, *args: Any, competencies: list[Competency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = {c.pk: c for c in competencies}
        self.fields["competency"].choices = [
            ("", _("Choose a competency")),
            *grouped_competency_choices(competencies),
        ]

    def save(self, *, person: Person, by: Person | None) -> PersonCompetency:
        return services.person_competency_record(
            person=person,
            competency=self.competencies[self.cleaned_data["competency"]],
            level=self.cleaned_data["level"],
            source=CompetencySource.ORGANIZER,
            evidence=self.cleaned_data["evidence"],
            recorded_by=by,
        )


# --- Gap view -------------------------------------------------------------------------------------------


class GapRoleForm(CodexFormMixin, forms.Form):
    """Choose a role to compare a person with. Any active role of a listed organisation is accepted (role
    pages link here too); the select offers the roles of the person's organisations and open roles."""

    role = forms.ModelChoiceField(
        label=_("Role"),
        queryset=Role.objects.filter(
            active=True, organization__status="approved", organization__active=True
        ).select_related("organization"),
        empty_label=_("Choose a role"),
        error_messages={"invalid_choice": _("Choose one of the roles in the registry.")},
    )

    def __init__(self, *args: Any, roles: Iterable[Role], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
        for role in roles:
            group = groups.setdefault(role.organization_id, (str(role.organization.name), []))
            group[1].append((role.pk, str(role.title)))
        self.fields["role"].widget.choices = [("", _("Choose a role")), *groups.values()]

    def offer(self, role: Role) -> None:
        """Add a role to the select (a role chosen from elsewhere), so that it shows as selected."""
        choices = list(self.fields["role"].widget.choices)
        offered = {value for _label, group in choices[1:] for value, _name in group}
        if role.pk not in offered:
            choices.append((str(role.organization.name), [(role.pk, str(role.title))]))
            self.fields["role"].widget.choices = choices


# --- My competencies: self-assessment and interests ----------------------------------------------------


class SelfAssessmentForm(CodexFormMixin, forms.Form):
    competency = forms.TypedChoiceField(label=_("Competency"), coerce=int)
    level = forms.TypedChoiceField(label=_("My level"), coerce=int, choices=[("", "—"), *LEVEL_CHOICES])
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: where you used it (a link, a project, a role)."),
    )

    def __init__(self, *args: Any, choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = [("", _("Choose a competency")), *choices]
        self.labels = {value: name for _group, items in choices for value, name in items}

    @property
    def title(self) -> str:
        """The row's legend: the competency it was saved with, or "New competency"."""
        return str(self.labels.get(self.initial.get("competency"), "") or _("New competency"))


class BaseSelfAssessmentFormSet(forms.BaseFormSet):
    """Rows of the self-assessment: add, change and remove in one submit; a competency at most once."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this competency")
            form.fields["DELETE"].widget.attrs["class"] = "cdx-checkbox__input"

    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[int] = set()
        for form in self.kept_forms():
            competency = form.cleaned_data["competency"]
            if competency in seen:
                label = form.labels.get(competency, competency)
                raise ValidationError(
                    _("%(competency)s is listed twice: assess each competency once.") % {"competency": label}
                )
            seen.add(competency)

    def kept_forms(self) -> list[SelfAssessmentForm]:
        """Rows that say something and are not marked for removal."""
        return [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and "competency" in form.cleaned_data
        ]


SelfAssessmentFormSet = forms.formset_factory(
    SelfAssessmentForm, formset=BaseSelfAssessmentFormSet, extra=3, can_delete=True, max_num=500
)


class InterestsForm(CodexFormMixin, forms.Form):
    wants_to_develop = forms.TypedMultipleChoiceField(
        label=_("Competencies I want to develop"),
        coerce=int,
        required=False,
        help_text=_("Organisers of trainings and mentors see this demand."),
    )
    can_mentor = forms.TypedMultipleChoiceField(
        label=_("Competencies I can mentor others in"),
        coerce=int,
        required=False,
        help_text=_("With a public profile, you are listed as a mentor on these competencies' pages."),
    )

    def __init__(self, *args: Any, choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wants_to_develop"].choices = choices
        self.fields["can_mentor"].choices = choices


def save_my_competencies(
    *,
    person: Person,
    formset: BaseSelfAssessmentFormSet,
    interests: InterestsForm,
    competencies: dict[int, Competency],
) -> None:
    """Apply the whole page in one transaction: the self-assessment rows, then the interests."""
    with transaction.atomic():
        wanted = {form.cleaned_data["competency"]: form.cleaned_data for form in formset.kept_forms()}
        current = set(
            PersonCompetency.objects.filter(person=person, source=CompetencySource.SELF_ASSESSED).values_list(
                "competency_id", flat=True
            )
        )
        for competency_id in sorted(current - wanted.keys()):
            services.person_competency_self_assess(
                person=person, competency=competencies[competency_id], level=None
            )
        for competency_id, row in wanted.items():
            services.person_competency_self_assess(
                person=person,
                competency=competencies[competency_id],
                level=row["level"],
                evidence=row["evidence"],
            )
        services.person_interests_set(
            person=person,
            wants_to_develop=[competencies[pk] for pk in interests.cleaned_data["wants_to_develop"]],
            can_mentor=[competencies[pk] for pk in interests.cleaned_data["can_mentor"]],
        )
