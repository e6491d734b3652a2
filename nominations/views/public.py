"""Public pages of nominations: open calls, one call, the nomination form, and the pages of signed links.

Views stay thin: permissions come from rules.py, reads from selectors.py, writes from services.py. Every bad
input re-renders the page with what was typed and a translated message. Nominations are never listed
publicly: only their nominator, their nominee (after accepting) and the call's people see them.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, View
from django_ratelimit.core import is_ratelimited

from leadership.common.forms import add_service_error
from leadership.common.permissions import ObjectPermissionMixin
from roles.selectors import organizations_organized_by, person_of

from .. import selectors, services, tokens
from ..enums import NominationKind, NominationState
from ..forms.nominate import ConsentForm, EndorseForm, EraseForm, NominateForm
from ..models import Nomination, NominationCall

RATE_PER_ADDRESS = "nominations.per_address"
RATE_PER_ACCOUNT = "nominations.per_account"
TOO_MANY = _("You sent many nominations in a short time. Wait a while, then send this one again.")


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def endorse_url(nomination: Nomination) -> str:
    """The link a nominee or nominator shares so that members endorse the nomination."""
    return _site_url(reverse("nominations:endorse", args=[tokens.endorse_token(nomination.pk)]))


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "nominations/link_invalid.html", status=404)


def _nomination_from(token_id: int | None) -> Nomination | None:
    if token_id is None:
        return None
    return selectors.nomination_detail_qs().filter(pk=token_id).first()


# --- Calls ---------------------------------------------------------------------------------------------


class CallListView(ListView):
    template_name = "nominations/call_list.html"
    context_object_name = "calls"
    paginate_by = 50

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.calls_open_listed()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        organized = list(organizations_organized_by(user=user)) if user.is_authenticated else []
        return super().get_context_data(organized=organized, **kwargs)


class CallDetailView(DetailView):
    """A call with its roles and their requirements (closed calls stay readable)."""

    template_name = "nominations/call_detail.html"
    context_object_name = "call"

    def get_object(self, queryset: Any = None) -> NominationCall:
        return get_object_or_404(selectors.call_detail_qs(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(roles=list(self.object.roles.all()), **kwargs)


# --- Nominating ----------------------------------------------------------------------------------------


def _rate_limited(request: HttpRequest) -> bool:
    """Per address always, per account when signed in; every submission (good or bad) counts."""
    limited = is_ratelimited(
        request,
        group=RATE_PER_ADDRESS,
        key="ip",
        rate=settings.NOMINATION_RATE_PER_ADDRESS,
        method="POST",
        increment=True,
    )
    if request.user.is_authenticated:
        limited = (
            is_ratelimited(
                request,
                group=RATE_PER_ACCOUNT,
                key="user",
                rate=settings.NOMINATION_RATE_PER_ACCOUNT,
                method="POST",
                increment=True,
            )
            or limited
        )
    return limited


class NominateView(View):
    """The public nomination form, for signed-in members and for anonymous visitors (email verified)."""

    template_name = "nominations/nominate.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.call = get_object_or_404(selectors.call_nominate_qs(), pk=kwargs["pk"])
        if not self.call.is_open:
            messages.error(request, _("This call is not open for nominations."))
            return redirect("nominations:call_detail", pk=self.call.pk)
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, data: Any = None, initial: dict[str, Any] | None = None) -> NominateForm:
        return NominateForm(
            data,
            initial=initial or {},
            call=self.call,
            questions=list(self.call.questions.all()),
            roles=list(self.call.roles.all()),
            signed_in=self.request.user.is_authenticated,
        )

    def render_form(self, form: NominateForm, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "call": self.call}, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        initial: dict[str, Any] = {}
        if request.GET.get("kind") == NominationKind.SELF and request.user.is_authenticated:
            # Nominating oneself: the form starts with the member's own details.
            person = person_of(request.user)
            initial = {
                "kind": NominationKind.SELF,
                "nominee_name": person.display_name if person is not None else "",
                "nominee_email": request.user.email,
                "nominee_username": person.wikimedia_username if person is not None else "",
            }
        return self.render_form(self.make_form(initial=initial))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = self.make_form(request.POST)
        if _rate_limited(request):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            return self.render_form(form, status=429)
        if form.is_spam:
            # A robot: answer as if it worked, keep nothing.
            return redirect(f"{reverse('nominations:nominated', args=[self.call.pk])}?verify=1")
        if form.is_valid():
            user = request.user if request.user.is_authenticated else None
            data = form.nomination_data()
            if user is None:
                data["nominator_name"] = form.cleaned_data.get("nominator_name", "").strip()
            try:
                nomination = services.nomination_submit(
                    call=self.call,
                    data=data,
                    answers=form.answers(),
                    competencies=form.observed_competencies(),
                    nominator=user,
                    nominator_email=form.cleaned_data.get("nominator_email", ""),
                    ip=request.META.get("REMOTE_ADDR", ""),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                suffix = "?verify=1" if nomination.state == NominationState.SUBMITTED else ""
                return redirect(f"{reverse('nominations:nominated', args=[self.call.pk])}{suffix}")
        return self.render_form(form)


class NominatedView(View):
    template_name = "nominations/nominated.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = get_object_or_404(NominationCall, pk=pk)
        return render(request, self.template_name, {"call": call, "verify": request.GET.get("verify") == "1"})


# --- Signed links ----------------------------------------------------------------------------------------


class VerifyView(View):
    """An anonymous nominator confirms their address: the nomination then counts and the nominee is asked."""

    template_name = "nominations/verify.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.nomination = _nomination_from(tokens.read_verify_token(kwargs["token"]))
        if self.nomination is None:
            return _link_invalid(request)
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, **context: Any) -> HttpResponse:
        done = self.nomination.nominator_verified_at is not None
        return render(
            self.request, self.template_name, {"nomination": self.nomination, "done": done, **context}
        )

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.render_page()

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            services.nomination_verify_nominator(nomination=self.nomination)
        except ValidationError as error:
            return self.render_page(error=" ".join(error.messages))
        return redirect("nominations:verify", token=token)


class ConsentView(View):
    """The nominee reads the nomination and accepts or declines it ("never nominate me again")."""

    template_name = "nominations/consent.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.nomination = _nomination_from(tokens.read_consent_token(kwargs["token"]))
        if self.nomination is None or self.nomination.is_erased:
            return _link_invalid(request)
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form: ConsentForm | None = None, **context: Any) -> HttpResponse:
        nomination = self.nomination
        nominator = nomination.nominator
        nominator_name = nomination.nominator_name
        if nominator is not None:
            person = person_of(nominator)
            nominator_name = person.display_name if person is not None else nominator.get_username()
        return render(
            self.request,
            self.template_name,
            {
                "nomination": nomination,
                "nominator_name": nominator_name,
                "form": form or ConsentForm(),
                "answerable": nomination.state == NominationState.INVITED,
                **context,
            },
        )

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        answer = request.GET.get("answer")
        initial = {"decision": answer} if answer in ("accept", "decline") else {}
        return self.render_page(ConsentForm(initial=initial))

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        if self.nomination.state != NominationState.INVITED:
            return self.render_page()
        form = ConsentForm(request.POST)
        if form.is_valid():
            accept = form.cleaned_data["decision"] == "accept"
            try:
                services.nomination_consent(
                    nomination=self.nomination, accept=accept, never_again=form.cleaned_data["never_again"]
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                if accept:
                    return self.render_page(done="accepted", endorse_url=endorse_url(self.nomination))
                return self.render_page(done="declined")
        return self.render_page(form)


class EndorseView(LoginRequiredMixin, View):
    """A signed-in member endorses a consented nomination through the shared link, once, with a comment."""

    template_name = "nominations/endorse.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.nomination = _nomination_from(tokens.read_endorse_token(kwargs["token"]))
        if self.nomination is None or self.nomination.state not in NominationState.consented():
            return _link_invalid(request)
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form: EndorseForm | None = None, status: int = 200) -> HttpResponse:
        user, nomination = self.request.user, self.nomination
        context = {
            "nomination": nomination,
            "form": form or EndorseForm(),
            "can_endorse": user.has_perm("nominations.endorse_nomination", nomination),
            "already": nomination.endorsements.filter(user=user).exists(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.render_page()

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        if not request.user.has_perm("nominations.endorse_nomination", self.nomination):
            return self.render_page(status=403)
        form = EndorseForm(request.POST)
        if form.is_valid():
            try:
                services.endorsement_create(
                    nomination=self.nomination,
                    user=request.user,
                    comment=form.cleaned_data["comment"].strip(),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Thank you: your endorsement was recorded."))
                return redirect("nominations:endorse", token=token)
        return self.render_page(form)


# --- My nominations --------------------------------------------------------------------------------------


def _with_endorse_links(nominations: list[Nomination]) -> list[Nomination]:
    for nomination in nominations:
        consented = nomination.state in NominationState.consented()
        nomination.endorse_url = endorse_url(nomination) if consented else ""
    return nominations


class MineView(LoginRequiredMixin, View):
    """Nominations the signed-in member made, and those of them they accepted."""

    template_name = "nominations/mine.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        person = person_of(request.user)
        received = list(selectors.person_nominations(person=person)) if person is not None else []
        made = list(selectors.user_nominations_made(user=request.user))
        context = {"received": _with_endorse_links(received), "made": _with_endorse_links(made)}
        return render(request, self.template_name, context)


class MineExportView(LoginRequiredMixin, View):
    """The member's nominations (made and received), endorsements and reviews as a JSON download."""

    def get(self, request: HttpRequest) -> HttpResponse:
        data = {"exported_at": timezone.now().isoformat(), **services.nominations_export(request.user)}
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="my-nominations.json"'
        response["Cache-Control"] = "no-store"
        return response


class EraseView(ObjectPermissionMixin, View):
    """The nominee erases a nomination of them (staff may too)."""

    permission_required = "nominations.erase_nomination"
    template_name = "nominations/erase.html"

    def fetch_object(self) -> Nomination:
        nomination = selectors.nomination_detail_qs().filter(pk=self.kwargs["pk"]).first()
        if nomination is None or nomination.is_erased:
            raise Http404
        return nomination

    def render_page(self, form: EraseForm) -> HttpResponse:
        return render(self.request, self.template_name, {"nomination": self.object, "form": form})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(EraseForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = EraseForm(request.POST)
        if form.is_valid():
            try:
                services.nomination_erase(nomination=self.object)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The nomination's personal data was erased."))
                return redirect("nominations:mine")
        return self.render_page(form)
