"""Pages of organisations, memberships and the signed-in person's own page.

Views stay thin: permissions come from rules.py, reads from selectors.py, writes from services.py (through
the forms). Every action is a POST with a CSRF token; a service's ValidationError re-renders the page with
what the user typed and the translated message.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, TemplateView, View
from django_filters.views import FilterView

from leadership.common import privacy
from leadership.common.forms import add_service_error
from leadership.common.lists import query_without, wants_partial
from leadership.common.permissions import ObjectPermissionMixin, RulesPermissionRequiredMixin

from .. import selectors, services
from ..enums import Capacity, MembershipRequestKind
from ..filters import OrganizationFilter
from ..forms.organizations import (
    AccountDeleteForm,
    CapacityForm,
    DecisionForm,
    InviteForm,
    JoinForm,
    OrganizationForm,
    PersonForm,
)
from ..models import Membership, MembershipRequest, Organization, Person
from ..rules import forget_capacities


def _person(request: HttpRequest) -> Person:
    """The signed-in account's Person (created on the spot for accounts made outside sign-up)."""
    person = selectors.person_of(request.user)
    if person is None:
        person = services.person_for_user(user=request.user)
    return person


# --- Organisations ---------------------------------------------------------------------------------


class OrganizationListView(FilterView):
    """The directory: a GET form that works without JavaScript and updates live with htmx."""

    filterset_class = OrganizationFilter
    template_name = "roles/organization_list.html"
    partial_template_name = "roles/_organization_results.html"
    paginate_by = 25
    strict = False

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.organization_list()

    def get_template_names(self) -> list[str]:
        return [self.partial_template_name if wants_partial(self.request) else self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(query_without_page=query_without(self.request), **kwargs)


class OrganizationDetailView(DetailView):
    """An organisation's page; organisations not yet approved are visible only to those who may see them."""

    template_name = "roles/organization_detail.html"
    context_object_name = "organization"

    def get_object(self, queryset: Any = None) -> Organization:
        organization = selectors.organization_for_page(slug=self.kwargs["slug"])
        if organization is None or not self.request.user.has_perm("roles.view_organization", organization):
            raise Http404
        return organization

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        organization = self.object
        user = self.request.user
        see_all = user.has_perm("roles.manage_members_organization", organization)
        person = selectors.person_of(user)
        context.update(
            members=selectors.organization_members(
                organization=organization, include_private=see_all, viewer=user
            ),
            sees_all_members=see_all,
            join_form=JoinForm(),
            has_pending_request=selectors.person_has_pending_request(
                person=person, organization=organization
            ),
            is_hub=organization.is_hub,
        )
        return context


class OrganizationProposeView(RulesPermissionRequiredMixin, FormView):
    permission_required = "roles.add_organization"
    form_class = OrganizationForm
    template_name = "roles/organization_form.html"

    def form_valid(self, form: OrganizationForm) -> HttpResponse:
        try:
            organization = form.save(proposer=_person(self.request))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you. Staff will review the proposal of “%(name)s” and you will hear from us by email.")
            % {"name": organization.name},
        )
        return redirect("roles:organization_detail", slug=organization.slug)


class OrganizationEditView(ObjectPermissionMixin, FormView):
    permission_required = "roles.change_organization"
    form_class = OrganizationForm
    template_name = "roles/organization_form.html"

    def fetch_object(self) -> Organization:
        return get_object_or_404(Organization, slug=self.kwargs["slug"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(organization=self.object, **kwargs)

    def form_valid(self, form: OrganizationForm) -> HttpResponse:
        try:
            organization = form.save()
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The organisation's details were saved."))
        return redirect("roles:organization_detail", slug=organization.slug)


class OrganizationJoinView(ObjectPermissionMixin, FormView):
    """Ask to join an organisation, with an optional message to its organizers."""

    permission_required = "roles.join_organization"
    form_class = JoinForm
    template_name = "roles/organization_join.html"

    def fetch_object(self) -> Organization:
        return get_object_or_404(Organization, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(organization=self.object, **kwargs)

    def form_valid(self, form: JoinForm) -> HttpResponse:
        try:
            form.save(person=_person(self.request), organization=self.object)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your request was sent. The organizers will answer it; we will tell you by email."),
        )
        return redirect("roles:organization_detail", slug=self.object.slug)


# --- Members management ----------------------------------------------------------------------------


class MembersPageMixin:
    """Renders the members management page, with any form that failed and its error."""

    template_name = "roles/organization_members.html"
    request: HttpRequest

    def members_context(self, organization: Organization, **extra: Any) -> dict[str, Any]:
        members = list(selectors.organization_members(organization=organization, include_private=True))
        row_errors: dict[int, list[str]] = extra.pop("row_errors", {})
        row_values: dict[int, str] = extra.pop("row_values", {})
        rows = [
            {
                "membership": membership,
                "form": CapacityForm(
                    initial={"capacity": row_values.get(membership.pk, membership.capacity)},
                    prefix=f"m{membership.pk}",
                ),
                "errors": row_errors.get(membership.pk, []),
            }
            for membership in members
        ]
        return {
            "organization": organization,
            "rows": rows,
            "requests": selectors.organization_pending_requests(organization=organization),
            "invitations": selectors.organization_pending_invitations(organization=organization),
            "invite_form": extra.pop("invite_form", None) or InviteForm(),
            "page_errors": extra.pop("page_errors", []),
            **extra,
        }

    def render_members(self, organization: Organization, **extra: Any) -> HttpResponse:
        return render(self.request, self.template_name, self.members_context(organization, **extra))


class OrganizationMembersView(ObjectPermissionMixin, MembersPageMixin, View):
    permission_required = "roles.manage_members_organization"

    def fetch_object(self) -> Organization:
        return get_object_or_404(Organization.objects.select_related("region"), slug=self.kwargs["slug"])

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render_members(self.object)


class OrganizationInviteView(ObjectPermissionMixin, MembersPageMixin, View):
    permission_required = "roles.manage_members_organization"
    http_method_names = ["post"]

    def fetch_object(self) -> Organization:
        return get_object_or_404(Organization.objects.select_related("region"), slug=self.kwargs["slug"])

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                invitation = form.save(organization=self.object, by=_person(request))
            except ValidationError as error:
                add_service_error(form, error)
            else:
                who = invitation.email or invitation.wikimedia_username
                messages.success(request, _("%(who)s was invited.") % {"who": who})
                return redirect("roles:organization_members", slug=self.object.slug)
        return self.render_members(self.object, invite_form=form)


class MembershipChangeView(ObjectPermissionMixin, MembersPageMixin, View):
    """An organizer changes a member's capacity."""

    permission_required = "roles.change_membership"
    http_method_names = ["post"]

    def fetch_object(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("person", "organization"),
            pk=self.kwargs["pk"],
            organization__slug=self.kwargs["slug"],
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        membership = self.object
        form = CapacityForm(request.POST, prefix=f"m{membership.pk}")
        if form.is_valid():
            try:
                form.save(membership=membership)
            except ValidationError as error:
                return self.render_members(
                    membership.organization,
                    row_errors={membership.pk: error.messages},
                    row_values={membership.pk: form.cleaned_data["capacity"]},
                )
            forget_capacities(request.user)
            messages.success(
                request,
                _("%(person)s is now: %(capacity)s.")
                % {
                    "person": membership.person.display_name,
                    "capacity": Capacity(form.cleaned_data["capacity"]).label,
                },
            )
            return redirect("roles:organization_members", slug=membership.organization.slug)
        return self.render_members(
            membership.organization,
            row_errors={membership.pk: [error for errors in form.errors.values() for error in errors]},
        )


class MembershipRemoveView(ObjectPermissionMixin, MembersPageMixin, View):
    """An organizer removes a member, or a member leaves."""

    permission_required = "roles.delete_membership"
    http_method_names = ["post"]

    def fetch_object(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("person", "organization"),
            pk=self.kwargs["pk"],
            organization__slug=self.kwargs["slug"],
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        membership = self.object
        organization = membership.organization
        manages = request.user.has_perm("roles.manage_members_organization", organization)
        leaving = membership.person.user_id == request.user.pk
        try:
            services.membership_remove(membership=membership, by_user=request.user)
        except ValidationError as error:
            if manages:
                return self.render_members(organization, row_errors={membership.pk: error.messages})
            messages.error(request, " ".join(error.messages))
            return redirect("roles:me")
        if leaving:
            messages.success(request, _("You left %(organization)s.") % {"organization": organization.name})
        else:
            messages.success(
                request,
                _("%(person)s was removed from %(organization)s.")
                % {"person": membership.person.display_name, "organization": organization.name},
            )
        if request.user.has_perm("roles.manage_members_organization", organization):
            return redirect("roles:organization_members", slug=organization.slug)
        return redirect("roles:me")


class MembershipRequestDecideView(ObjectPermissionMixin, MembersPageMixin, View):
    """Organizers accept or decline a request to join; the invitee answers an invitation."""

    permission_required = "roles.decide_membershiprequest"
    http_method_names = ["post"]

    def fetch_object(self) -> MembershipRequest:
        return get_object_or_404(
            MembershipRequest.objects.select_related("organization", "person"), pk=self.kwargs["pk"]
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership_request = self.object
        organization = membership_request.organization
        is_invitation = membership_request.kind == MembershipRequestKind.INVITATION
        form = DecisionForm(request.POST)
        error_messages: list[str] = []
        if not form.is_valid():
            error_messages = [str(_("Choose to accept or to decline."))]
        else:
            try:
                services.membership_request_decide(
                    request=membership_request, accept=form.accept, by=_person(request), user=request.user
                )
            except ValidationError as error:
                error_messages = error.messages
        if error_messages:
            if not is_invitation:
                return self.render_members(organization, page_errors=error_messages)
            messages.error(request, " ".join(error_messages))
            return redirect("roles:invitation", pk=membership_request.pk)
        messages.success(request, _decision_message(membership_request, accept=form.accept))
        if is_invitation:
            return (
                redirect("roles:organization_detail", slug=organization.slug)
                if form.accept
                else redirect("roles:me")
            )
        return redirect("roles:organization_members", slug=organization.slug)


def _decision_message(membership_request: MembershipRequest, *, accept: bool) -> str:
    organization = membership_request.organization.name
    if membership_request.kind == MembershipRequestKind.INVITATION:
        if accept:
            return str(_("Welcome to %(organization)s.") % {"organization": organization})
        return str(_("You declined the invitation to %(organization)s.") % {"organization": organization})
    person = membership_request.person.display_name if membership_request.person else ""
    if accept:
        return str(
            _("%(person)s joined %(organization)s.") % {"person": person, "organization": organization}
        )
    return str(_("The request of %(person)s was declined.") % {"person": person})


class MembershipRequestCancelView(ObjectPermissionMixin, View):
    """The requester withdraws a request to join; an organizer withdraws an invitation."""

    permission_required = "roles.cancel_membershiprequest"
    http_method_names = ["post"]

    def fetch_object(self) -> MembershipRequest:
        return get_object_or_404(
            MembershipRequest.objects.select_related("organization"), pk=self.kwargs["pk"]
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership_request = self.object
        try:
            services.membership_request_cancel(request=membership_request, by=_person(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if membership_request.kind == MembershipRequestKind.INVITATION:
                messages.success(request, _("The invitation was withdrawn."))
            else:
                messages.success(request, _("Your request was withdrawn."))
        if membership_request.kind == MembershipRequestKind.INVITATION:
            return redirect("roles:organization_members", slug=membership_request.organization.slug)
        return redirect("roles:me")


class InvitationView(ObjectPermissionMixin, TemplateView):
    """The invited person reads an invitation and answers it (the form posts to the decide view)."""

    permission_required = "roles.decide_membershiprequest"
    template_name = "roles/invitation.html"

    def fetch_object(self) -> MembershipRequest:
        return get_object_or_404(
            MembershipRequest.objects.select_related("organization", "organization__region", "created_by"),
            pk=self.kwargs["pk"],
            kind=MembershipRequestKind.INVITATION,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(invitation=self.object, **kwargs)


# --- The signed-in person (other people's pages: views/people.py) ---------------------------------


class MeView(LoginRequiredMixin, View):
    """The signed-in person's own page: profile, invitations, memberships, requests, data and account."""

    template_name = "roles/me.html"

    def render_page(self, form: PersonForm, person: Person) -> HttpResponse:
        context = {
            "person": person,
            "form": form,
            "invitations": selectors.pending_invitations_for(user=self.request.user, person=person),
            "memberships": selectors.person_memberships(person=person),
            "pending_requests": selectors.person_pending_requests(person=person),
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        person = _person(request)
        return self.render_page(PersonForm(instance=person), person)

    def post(self, request: HttpRequest) -> HttpResponse:
        person = _person(request)
        form = PersonForm(request.POST, instance=person)
        if form.is_valid():
            try:
                form.save()
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your profile was saved."))
                return redirect("roles:me")
        person.refresh_from_db()
        return self.render_page(form, person)


class MeExportView(LoginRequiredMixin, View):
    """Everything the registry holds about the account, as a JSON download."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        data = {
            "exported_at": timezone.now().isoformat(),
            "account": {
                "username": user.get_username(),
                "email_addresses": [
                    {"email": address.email, "verified": address.verified, "primary": address.primary}
                    for address in user.emailaddress_set.order_by("-primary", "email")
                ],
                "date_joined": user.date_joined.isoformat(),
                "last_login": user.last_login.isoformat() if user.last_login else None,
            },
            **privacy.export_sections(user),
        }
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="leadership-registry-my-data.json"'
        response["Cache-Control"] = "no-store"
        return response


class MeDeleteView(LoginRequiredMixin, FormView):
    """Delete the account and everything the registry holds about it, after typing its email address."""

    form_class = AccountDeleteForm
    template_name = "roles/me_delete.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form: AccountDeleteForm) -> HttpResponse:
        user = self.request.user
        try:
            services.account_delete(user=user)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        logout(self.request)
        messages.success(
            self.request, _("Your account and everything the registry held about you were deleted.")
        )
        return HttpResponseRedirect(reverse("home"))
