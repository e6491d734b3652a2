"""Forms of the roles app: every one hands its cleaned data to a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from leadership.common.forms import CodexFormMixin, TranslatedFieldsFormMixin, language_field
from leadership.common.languages import localized_field_names
from leadership.common.validators import (
    validate_no_control_characters,
    validate_wikidata_qid,
    validate_wikimedia_username,
)

from .. import services
from ..enums import Capacity
from ..models import Membership, MembershipRequest, Organization, Person, Region
from ..selectors import hub_choices, language_choices


class OrganizationForm(TranslatedFieldsFormMixin, CodexFormMixin, forms.ModelForm):
    """Propose a new organisation or edit one: its name in one or more languages and what describes it."""

    translated_fields = {
        "name": _("Name in %(language)s"),
        "description": _("Description in %(language)s"),
    }

    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=[],
        required=False,
        help_text=_("Where the organisation works; leave empty for online or movement-wide organisations."),
    )
    languages = language_field(
        language_choices(), _("Languages"), _("The languages the organisation works in.")
    )
    hubs = forms.ModelMultipleChoiceField(
        label=_("Served by hubs"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("The regional or thematic hubs that support this organisation."),
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("The full address, starting with https://"),
    )
    wikidata_qid = forms.CharField(
        label=_("Wikidata item"),
        max_length=16,
        required=False,
        help_text=_("For example Q180. Leave empty if there is none."),
    )

    class Meta:
        model = Organization
        fields = [
            *localized_field_names("name"),
            *localized_field_names("description"),
            "kind",
            "region",
            "countries",
            "languages",
            # "website" is declared above (with https as the assumed scheme) and placed by field_order
            "wikidata_qid",
            "hubs",
        ]
        widgets = {field: forms.Textarea(attrs={"rows": 4}) for field in localized_field_names("description")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields([*self.Meta.fields[:-2], "website", *self.Meta.fields[-2:]])
        self.fields["countries"].choices = list(countries)
        if self.instance.pk:
            self.initial["countries"] = [country.code for country in self.instance.countries]
        hubs = hub_choices()
        if self.instance.pk:
            hubs = hubs.exclude(pk=self.instance.pk)
        self.fields["hubs"].queryset = hubs
        self.fields["region"].queryset = Region.objects.order_by("order", "code")
        self.fields["region"].empty_label = None

    def clean_wikidata_qid(self) -> str:
        qid = (self.cleaned_data.get("wikidata_qid") or "").strip().upper()
        if qid:
            validate_wikidata_qid(qid)
        return qid

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cleaned.update(self.translated_data())
        if not self.has_translation("name"):
            raise ValidationError(
                _("Give the organisation's name in at least one language."), code="name_required"
            )
        return cleaned

    def _post_clean(self) -> None:
        # The service validates the whole organisation; only the fields' own validation happens here.
        pass

    def service_data(self) -> dict[str, Any]:
        data = {field: self.cleaned_data[field] for field in self.fields}
        data["languages"] = list(data["languages"])
        data["hubs"] = list(data["hubs"])
        return data

    def save(self, commit: bool = True, *, proposer: Person | None = None) -> Organization:  # type: ignore[override]
        if self.instance.pk:
            return services.organization_update(organization=self.instance, data=self.service_data())
        if proposer is None:
            raise ValueError("A new organisation needs its proposer.")
        return services.organization_propose(proposer=proposer, data=self.service_data())


class JoinForm(CodexFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the organizers"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: who you are and how you would like to take part."),
    )

    def save(self, *, person: Person, organization: Organization) -> MembershipRequest:
        return services.membership_request_join(
            person=person, organization=organization, message=self.cleaned_data["message"].strip()
        )


class InviteForm(CodexFormMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"), required=False)
    wikimedia_username = forms.CharField(
        label=_("or Wikimedia username"),
        max_length=85,
        required=False,
        help_text=_("As it appears on the wiki, without User:."),
    )
    capacity = forms.ChoiceField(label=_("Capacity"), choices=Capacity.choices, initial=Capacity.MEMBER)
    message = forms.CharField(
        label=_("Message"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_wikimedia_username(self) -> str:
        username = self.cleaned_data["wikimedia_username"].strip()
        if username.lower().startswith("user:"):
            username = username[5:].strip()
        if username:
            validate_wikimedia_username(username)
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("wikimedia_username") and not self.errors:
            raise ValidationError(
                _("Give the email address or the Wikimedia username of the person to invite."), code="nobody"
            )
        return cleaned

    def save(self, *, organization: Organization, by: Person) -> MembershipRequest:
        return services.membership_invite(
            organization=organization,
            by=by,
            email=self.cleaned_data["email"],
            wikimedia_username=self.cleaned_data["wikimedia_username"],
            capacity=self.cleaned_data["capacity"],
            message=self.cleaned_data["message"].strip(),
        )


class CapacityForm(CodexFormMixin, forms.Form):
    capacity = forms.ChoiceField(label=_("Capacity"), choices=Capacity.choices)

    def save(self, *, membership: Membership) -> Membership:
        return services.membership_change_capacity(
            membership=membership, capacity=self.cleaned_data["capacity"]
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("accept", pgettext_lazy("decision", "Accept")),
            ("decline", pgettext_lazy("decision", "Decline")),
        ]
    )

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == "accept"


class PersonForm(CodexFormMixin, forms.ModelForm):
    """The signed-in person's own profile."""

    languages = language_field(language_choices(), _("Languages"), _("The languages you can work in."))

    class Meta:
        model = Person
        fields = ["display_name", "wikimedia_username", "region", "time_zone", "is_public", "languages"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.order_by("order", "code")
        self.fields["region"].empty_label = _("No region")
        # The model's validators run in person_update's full_clean, after the form said "valid": the form
        # runs them itself, so that what it accepts always saves and each message sits on its field.
        self.fields["display_name"].validators.append(validate_no_control_characters)

    def clean_display_name(self) -> str:
        return self.cleaned_data["display_name"].strip()

    def clean_wikimedia_username(self) -> str:
        username = self.cleaned_data["wikimedia_username"].strip()
        if username.lower().startswith("user:"):
            username = username[5:].strip()
        if username:
            validate_wikimedia_username(username)
        return username

    def _post_clean(self) -> None:
        # person_update validates the whole person (uniqueness of the username included).
        pass

    def save(self, commit: bool = True) -> Person:  # type: ignore[override]
        data = self.cleaned_data
        return services.person_update(
            person=self.instance,
            display_name=data["display_name"],
            wikimedia_username=data["wikimedia_username"],
            region=data["region"],
            time_zone=data["time_zone"],
            is_public=data["is_public"],
            languages=list(data["languages"]),
        )


class AccountDeleteForm(CodexFormMixin, forms.Form):
    """Deleting an account cannot be undone: the person types their email address to confirm."""

    email = forms.CharField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("Type the email address of your account to confirm."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        typed = self.cleaned_data["email"].strip()
        if not self.user.email or typed.lower() != self.user.email.strip().lower():
            raise ValidationError(_("This is not the email address of your account."), code="email_mismatch")
        return typed
