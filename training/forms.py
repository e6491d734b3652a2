"""Forms of the training pages: each cleans what a person typed and hands it to a service.

Session times are typed as wall-clock times in the session's own time zone (a `datetime-local` input) and
made aware here, so that the services only ever see aware datetimes.
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneFormField

from leadership.common.forms import CodexFormMixin, TranslatedFieldsFormMixin, language_field
from leadership.common.languages import localized_field_names
from leadership.common.validators import validate_no_control_characters
from roles.enums import Level, RegionCode
from roles.models import Competency, Language, Organization
from roles.selectors import competency_choices, language_choices

from .enums import CourseFormat, EnrollmentState
from .models import Course, Enrollment, TrainingSession

COMPETENCY_ROWS = 3
TITLE_MISSING = _("Give the course a title in at least one language.")
COMPETENCY_TWICE = _("%(competency)s is listed twice: a course develops a competency only once.")
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=LOCAL_FORMAT)


def _organization_field(organizations: QuerySet[Organization], label: Any, help_text: Any) -> Any:
    field = forms.ModelChoiceField(
        label=label,
        queryset=organizations,
        to_field_name="slug",
        empty_label=None,
        help_text=help_text,
        error_messages={"invalid_choice": _("Choose one of the organisations you manage trainings for.")},
    )
    field.widget.attrs["class"] = "cdx-select"
    return field


# --- Courses -----------------------------------------------------------------------------------------


class CourseForm(TranslatedFieldsFormMixin, CodexFormMixin, forms.ModelForm):
    """A course's texts in the six languages (a title in at least one), its shape and languages.

    On creation the owning organisation is chosen among those the person manages trainings for.
    """

    translated_fields = {
        "title": _("Title in %(language)s"),
        "description": _("Description in %(language)s"),
    }
    languages = language_field(
        language_choices(), _("Languages"), _("The languages the course is taught in.")
    )
    materials_url = forms.URLField(
        label=_("Materials link"),
        required=False,
        assume_scheme="https",
        help_text=_("A page with the course's slides, readings or recordings."),
    )

    class Meta:
        model = Course
        fields = [
            *localized_field_names("title"),
            *localized_field_names("description"),
            "format",
            "duration_minutes",
            "languages",
            "materials_url",
        ]
        widgets = {field: forms.Textarea(attrs={"rows": 4}) for field in localized_field_names("description")}
        help_texts = {
            "duration_minutes": _("The total teaching time, in minutes."),
        }

    def __init__(
        self, *args: Any, organizations: QuerySet[Organization] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"] = _organization_field(
                organizations,
                _("Owning organisation"),
                _("Its organizers and hub coordinators edit the course."),
            )
            self.order_fields(["organization"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.has_translation("title"):
            raise ValidationError(TITLE_MISSING, code="title_missing")
        return cleaned

    def course_data(self) -> dict[str, Any]:
        """What course_save takes as the course's data (its organisation apart)."""
        data = {name: self.cleaned_data[name] for name in self.fields if name != "organization"}
        data.update(self.translated_data())
        return data


class CourseCompetencyForm(CodexFormMixin, forms.Form):
    competency = forms.TypedChoiceField(label=_("Competency"), coerce=int, required=False, empty_value=None)
    target_level = forms.TypedChoiceField(
        label=_("Target level"), choices=Level.choices, coerce=int, initial=Level.PRACTISING
    )

    def __init__(self, *args: Any, competency_choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = competency_choices

    def has_changed(self) -> bool:
        return bool(self["competency"].data)


class BaseCourseCompetencyFormSet(forms.BaseFormSet):
    """The competencies a course develops, each once, with the level a learner reaches."""

    def clean(self) -> None:
        self.competencies: list[tuple[Competency, int]] = []
        if any(self.errors):
            return
        rows = [
            (form, form.cleaned_data.get("competency"))
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
            and form.cleaned_data.get("competency")
        ]
        known = Competency.objects.in_bulk([competency_id for _form, competency_id in rows])
        seen: set[int] = set()
        for form, competency_id in rows:
            competency = known.get(competency_id)
            if competency is None:
                form.add_error("competency", _("Choose a competency from the list."))
                continue
            if competency_id in seen:
                form.add_error("competency", COMPETENCY_TWICE % {"competency": competency.name})
                continue
            seen.add(competency_id)
            self.competencies.append((competency, form.cleaned_data["target_level"]))
        if any(form.errors for form, _competency in rows):
            raise ValidationError(_("Correct the competencies marked below."))


CourseCompetencyFormSet = forms.formset_factory(
    CourseCompetencyForm,
    formset=BaseCourseCompetencyFormSet,
    extra=COMPETENCY_ROWS,
    can_delete=True,
    max_num=100,
)


def course_competency_formset(*, course: Course | None = None, data: Any = None) -> Any:
    existing = list(course.course_competencies.select_related("competency")) if course and course.pk else []
    initial = [{"competency": link.competency_id, "target_level": link.target_level} for link in existing]
    return CourseCompetencyFormSet(
        data=data,
        initial=initial,
        prefix="competencies",
        form_kwargs={"competency_choices": competency_choices([link.competency for link in existing])},
    )


class CatalogueFilterForm(CodexFormMixin, forms.Form):
    """The catalogue's GET filters; a value that is not a choice is ignored rather than refused."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("A word of the title or description")}
        ),
    )
    competency = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    organization = forms.CharField(required=False, max_length=80, widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Any format")), *CourseFormat.choices]
    )
    region = forms.ChoiceField(
        label=_("Region of the organiser"),
        required=False,
        choices=[("", _("Any region")), *RegionCode.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()

    @property
    def filters(self) -> dict[str, str]:
        """The valid filters (empty strings for the others): a bad value widens the list, never fails it."""
        names = ("q", "competency", "organization", "language", "format", "region")
        if self.is_valid():
            return {name: (self.cleaned_data.get(name) or "").strip() for name in names}
        return {name: ("" if name in self.errors else str(self.data.get(name, "")).strip()) for name in names}


def language_choices() -> list[tuple[str, str]]:
    """Every language as "French (fr)" in the active language, by code (the filters' select)."""
    active = get_language()
    codes = Language.objects.order_by("code").values_list("code", flat=True)
    return [("", str(_("Any language"))), *((code, _language_label(code, active)) for code in codes)]


@functools.lru_cache(maxsize=4096)
def _language_label(code: str, active: str | None) -> str:
    """A language's label, "French (fr)", with its name translated into `active` (the cache's key with the
    code; a name never changes while the process runs): a hundred languages cost no lookup per page."""
    return f"{Language(code=code).name} ({code})"


class CalendarFilterForm(CodexFormMixin, forms.Form):
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("Any region")), *RegionCode.choices]
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    view = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("month", _("Month")), ("list", _("List"))],
    )
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()

    @property
    def filters(self) -> dict[str, str]:
        names = ("region", "language", "view", "month")
        if self.is_valid():
            return {name: self.cleaned_data.get(name) or "" for name in names}
        return {name: ("" if name in self.errors else str(self.data.get(name, ""))) for name in names}


# --- Sessions ----------------------------------------------------------------------------------------


class SessionForm(CodexFormMixin, forms.ModelForm):
    """When, where and for how many a course runs; times are wall-clock times in the session's zone."""

    time_zone = TimeZoneFormField(label=_("Time zone"), use_pytz=False, initial="UTC")
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=LocalDateTimeInput, input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=LocalDateTimeInput, input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"]
    )
    enrollment_deadline = forms.DateTimeField(
        label=_("Enrollment deadline"),
        widget=LocalDateTimeInput,
        input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"],
        help_text=_("In the session's time zone. Nobody can enroll after it."),
    )
    language = forms.ModelChoiceField(
        label=_("Language"), queryset=Language.objects.order_by("code"), empty_label=_("Choose a language")
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For online and hybrid sessions. Shown only to enrolled learners and the organisers."),
    )

    class Meta:
        model = TrainingSession
        fields = [
            "time_zone",
            "starts_at",
            "ends_at",
            "enrollment_deadline",
            "format",
            "venue",
            "city",
            "online_url",
            "language",
            "capacity",
        ]
        help_texts = {
            "venue": _("For in-person and hybrid sessions: the place and address."),
        }

    LOCAL_FIELDS = ("starts_at", "ends_at", "enrollment_deadline")

    def __init__(
        self, *args: Any, organizations: QuerySet[Organization] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"] = _organization_field(
                organizations,
                _("Organising organisation"),
                _("Its organizers and hub coordinators manage the session and its learners."),
            )
            self.order_fields(["organization"])
        instance = self.instance
        if instance is not None and instance.pk and not self.is_bound:
            # Show the stored UTC moments as wall-clock times in the session's own zone.
            zone = zoneinfo.ZoneInfo(str(instance.time_zone))
            for name in self.LOCAL_FIELDS:
                value = getattr(instance, name)
                if value is not None:
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None).strftime(LOCAL_FORMAT)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if zone is not None:
            for name in self.LOCAL_FIELDS:
                value = cleaned.get(name)
                if isinstance(value, datetime.datetime):
                    cleaned[name] = value.replace(tzinfo=zoneinfo.ZoneInfo(str(zone)))
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        return cleaned

    def _post_clean(self) -> None:
        # The service validates the session as a whole; the form's own checks are enough here.
        pass

    def session_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SessionCancelForm(CodexFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, cancel this session and tell every enrolled learner"),
        error_messages={"required": _("Tick the box to confirm the cancellation.")},
    )


class AttendanceForm(CodexFormMixin, forms.Form):
    """One learner's mark after the session (a POST per learner from the attendance page)."""

    enrollment = forms.IntegerField(widget=forms.HiddenInput)
    state = forms.ChoiceField(
        label=_("Mark"),
        choices=[
            (EnrollmentState.ATTENDED, EnrollmentState.ATTENDED.label),
            (EnrollmentState.COMPLETED, EnrollmentState.COMPLETED.label),
            (EnrollmentState.NO_SHOW, EnrollmentState.NO_SHOW.label),
        ],
        error_messages={"invalid_choice": _("Choose attended, completed or did not attend.")},
    )

    def __init__(self, *args: Any, session: TrainingSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session

    def clean_enrollment(self) -> Enrollment:
        enrollment = (
            Enrollment.objects.select_related("person", "session", "session__course")
            .filter(pk=self.cleaned_data["enrollment"], session=self.session)
            .first()
        )
        if enrollment is None:
            raise ValidationError(_("This learner is not enrolled in this session."), code="unknown")
        return enrollment


class FeedbackForm(CodexFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the session?"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("5 is the most useful."),
        error_messages={
            "required": _("Choose a rating from 1 to 5."),
            "invalid_choice": _("Choose a rating from 1 to 5."),
        },
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        validators=[validate_no_control_characters],  # the model's, which feedback_submit's full_clean runs
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The organisers see comments without your name."),
    )
