"""Forms of roles, their requirements and holders: each hands its cleaned data to a service."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leadership.common.forms import CodexFormMixin, TranslatedFieldsFormMixin, language_field
from leadership.common.languages import localized_field_names
from leadership.common.validators import validate_wikimedia_username

from .. import services
from ..enums import Importance, Level
from ..models import Competency, Organization, Person, Role, RoleHolder, RoleTemplate
from ..selectors import competency_choices, language_choices
from ..services.registry import person_create_unclaimed

SHAPE = ("kind", "seats", "selection", "term_length_months", "term_limit", "hours_per_week")
REQUIREMENT_ROWS_STEP = 3
TITLE_MISSING = _("Give the role a title in at least one language.")
COMPETENCY_TWICE = _("%(competency)s is listed twice: a competency can be required only once per role.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# --- The role and its requirements ----------------------------------------------------------------------


class RoleForm(TranslatedFieldsFormMixin, CodexFormMixin, forms.ModelForm):
    """A role's texts in the six languages (a title in at least one), its shape and languages."""

    translated_fields = {
        "title": _("Title in %(language)s"),
        "description": _("Description in %(language)s"),
        "responsibilities": _("Responsibilities in %(language)s"),
    }
    languages = language_field(language_choices(), _("Languages"), _("The languages the role is done in."))

    class Meta:
        model = Role
        fields = [
            *localized_field_names("title"),
            *localized_field_names("description"),
            *localized_field_names("responsibilities"),
            *SHAPE,
            "languages",
            "open_for_nominations",
            "active",
        ]
        widgets = {
            **{field: forms.Textarea(attrs={"rows": 4}) for field in localized_field_names("description")},
            **{
                field: forms.Textarea(attrs={"rows": 4})
                for field in localized_field_names("responsibilities")
            },
        }
        help_texts = {
            "open_for_nominations": _("People may nominate candidates (or themselves) for this role."),
            "active": _("Inactive roles stay on record but leave the directory and the matrix."),
            "seats": _("How many people hold the role at the same time."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hours_per_week"].widget.attrs.setdefault("step", "0.5")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.has_translation("title"):
            raise ValidationError(TITLE_MISSING, code="title_missing")
        return cleaned

    def role_data(self) -> dict[str, Any]:
        """What the services take as the role's data (languages apart)."""
        data = {name: self.cleaned_data[name] for name in self.fields if name != "languages"}
        data.update(self.translated_data())
        return data


class RequirementForm(CodexFormMixin, forms.Form):
    competency = forms.TypedChoiceField(label=_("Competency"), coerce=int, required=False, empty_value=None)
    min_level = forms.TypedChoiceField(
        label=_("Minimum level"), choices=Level.choices, coerce=int, initial=Level.PRACTISING
    )
    importance = forms.ChoiceField(
        label=_("Importance"), choices=Importance.choices, initial=Importance.ESSENTIAL
    )

    def __init__(self, *args: Any, competency_choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = competency_choices

    def has_changed(self) -> bool:
        """A row without a competency is an empty row (its level and importance keep their defaults)."""
        return bool(self["competency"].data)


class BaseRequirementFormSet(forms.BaseFormSet):
    """The requirements of a role, edited together: add, change and remove in one submit."""

    def clean(self) -> None:
        if any(self.errors):
            return
        rows: list[tuple[forms.Form, int]] = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            competency_id = form.cleaned_data.get("competency")
            if competency_id:
                rows.append((form, competency_id))
        competencies = Competency.objects.in_bulk([competency_id for _form, competency_id in rows])
        seen: set[int] = set()
        twice: list[str] = []
        self.requirements: list[services.RequirementInput] = []
        for form, competency_id in rows:
            competency = competencies.get(competency_id)
            if competency is None:
                form.add_error("competency", _("Choose a competency from the list."))
                continue
            if competency_id in seen:
                message = COMPETENCY_TWICE % {"competency": competency.name}
                form.add_error("competency", message)
                twice.append(message)
                continue
            seen.add(competency_id)
            self.requirements.append(
                services.RequirementInput(
                    competency=competency,
                    min_level=form.cleaned_data["min_level"],
                    importance=form.cleaned_data["importance"],
                )
            )
        if twice:
            raise ValidationError(twice)
        if any(form.errors for form, _competency in rows):
            raise ValidationError(_("Correct the requirements marked below."))


RequirementFormSet = forms.formset_factory(
    RequirementForm, formset=BaseRequirementFormSet, extra=REQUIREMENT_ROWS_STEP, can_delete=True, max_num=200
)


def requirement_formset(
    *, role: Role | None = None, data: Any = None, extra_rows: int = 0, template: RoleTemplate | None = None
) -> BaseRequirementFormSet:
    """The requirements formset of a role (its current requirements as the initial rows)."""
    existing = list(role.requirements.all()) if role is not None and role.pk else []
    initial = [
        {"competency": req.competency_id, "min_level": req.min_level, "importance": req.importance}
        for req in existing
    ]
    if data is not None and extra_rows:
        data = data.copy()
        total = int(data.get("requirements-TOTAL_FORMS") or 0)
        data["requirements-TOTAL_FORMS"] = str(total + extra_rows)
    return RequirementFormSet(
        data=data,
        initial=initial,
        prefix="requirements",
        form_kwargs={"competency_choices": competency_choices([req.competency for req in existing])},
    )


class TemplateChoiceForm(CodexFormMixin, forms.Form):
    """Choose the movement-wide template a new role adapts."""

    template = forms.ModelChoiceField(
        label=_("Role template"),
        queryset=RoleTemplate.objects.none(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose a template."), "invalid_choice": _("Choose a template.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = RoleTemplate.objects.filter(active=True).order_by("title_en", "id")

    def save(self, *, organization: Organization) -> Role:
        return services.role_adapt_template(organization=organization, template=self.cleaned_data["template"])


# --- Holders -------------------------------------------------------------------------------------------


class TermFieldsMixin(forms.Form):
    seat = forms.IntegerField(label=_("Seat"), min_value=1, max_value=500)
    start = forms.DateField(label=_("Start"), widget=DateInput)
    end = forms.DateField(
        label=_("End"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty while the term is running."),
    )
    term_number = forms.IntegerField(label=_("Term number"), min_value=1, max_value=100)


class HolderAddForm(CodexFormMixin, TermFieldsMixin):
    """Give someone a term: a person the organisation knows, or a new person without an account."""

    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, empty_value=None)
    new_name = forms.CharField(label=_("Or a new person: name"), max_length=150, required=False)
    new_email = forms.EmailField(
        label=_("Their email"),
        required=False,
        help_text=_("Never shown publicly; lets them claim their profile."),
    )
    new_username = forms.CharField(
        label=_("Their Wikimedia username"),
        max_length=85,
        required=False,
        validators=[validate_wikimedia_username],
    )

    field_order = ["person", "new_name", "new_email", "new_username", "seat", "start", "end", "term_number"]

    def __init__(self, *args: Any, role: Role, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role = role
        self.fields["person"].choices = [("", _("Choose a person"))] + [
            (
                person.pk,
                f"{person.display_name} ({person.wikimedia_username})"
                if person.wikimedia_username
                else person.display_name,
            )
            for person in people
        ]
        self.fields["person"].help_text = _(
            "The organisation's members and people who held its roles. Someone else? Give their name below."
        )
        self.fields["seat"].required = False
        self.fields["seat"].help_text = _("Between 1 and %(seats)d; empty for the first free seat.") % {
            "seats": role.seats
        }
        self.fields["term_number"].required = False
        self.fields["term_number"].help_text = _("Empty to count the person's earlier terms on this role.")
        self.fields["start"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        chosen, new_name = cleaned.get("person"), (cleaned.get("new_name") or "").strip()
        if chosen and new_name:
            raise ValidationError(_("Choose a person from the list or give a new person's name, not both."))
        if not chosen and not new_name and "person" not in self.errors:
            self.add_error("person", _("Choose a person or give the name of a new one."))
        if chosen:
            cleaned["person_object"] = Person.objects.filter(pk=chosen).first()
        return cleaned

    @transaction.atomic
    def save(self) -> RoleHolder:
        data = self.cleaned_data
        person = data.get("person_object") or person_create_unclaimed(
            display_name=data["new_name"],
            email=data.get("new_email") or "",
            wikimedia_username=data.get("new_username") or "",
        )
        return services.holder_add(
            role=self.role,
            person=person,
            seat=data.get("seat"),
            start=data["start"],
            end=data.get("end"),
            term_number=data.get("term_number"),
        )


class HolderEditForm(CodexFormMixin, TermFieldsMixin):
    def __init__(self, *args: Any, holder: RoleHolder, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "seat": holder.seat,
                "start": holder.start,
                "end": holder.end,
                "term_number": holder.term_number,
            },
        )
        super().__init__(*args, **kwargs)
        self.holder = holder
        self.fields["seat"].help_text = _("Between 1 and %(seats)d.") % {"seats": holder.role.seats}

    def save(self) -> RoleHolder:
        data = self.cleaned_data
        return services.holder_update(
            holder=self.holder,
            seat=data["seat"],
            start=data["start"],
            end=data.get("end"),
            term_number=data["term_number"],
        )


class HolderEndForm(CodexFormMixin, forms.Form):
    end = forms.DateField(label=_("End"), widget=DateInput, required=False, help_text=_("Empty for today."))

    def __init__(self, *args: Any, holder: RoleHolder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.holder = holder
        self.fields["end"].initial = timezone.localdate()

    def save(self) -> RoleHolder:
        end: datetime.date | None = self.cleaned_data.get("end")
        return services.holder_end(holder=self.holder, end=end)


class MatrixCategoryForm(CodexFormMixin, forms.Form):
    """The category whose full grid the matrix shows (GET, works without JavaScript): by slug or by id.

    The categories are those the organisation's roles require, given by the view (no query of its own).
    """

    category = forms.ChoiceField(label=_("Full grid of one category"), required=False)

    def __init__(self, data: Any = None, *, categories: list[Any], **kwargs: Any) -> None:
        self.categories = {category.slug: category for category in categories}
        if data is not None and "category" in data:
            # ?category=<id> names the same category as its slug
            by_id = {str(category.pk): category.slug for category in categories}
            data = data.copy()
            data["category"] = by_id.get(data["category"], data["category"])
        super().__init__(data, **kwargs)
        self.fields["category"].choices = [("", _("None: the list per role"))] + [
            (category.slug, category.name) for category in categories
        ]

    @property
    def chosen(self) -> Any:
        """The chosen category, or None (none chosen, or unknown: shown as an error)."""
        if not self.is_valid():
            return None
        return self.categories.get(self.cleaned_data["category"])
