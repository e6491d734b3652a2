"""The one-click unsubscribe page (RFC 8058: a POST without confirmation also works for mail clients)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from .emails import email_unsubscribe, read_unsubscribe_token
from .enums import EmailKind


# Mail clients post "List-Unsubscribe=One-Click" without a CSRF token (RFC 8058); the signed token in the
# URL is what authorises the request.
@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    template_name = "common/unsubscribe.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        parsed = read_unsubscribe_token(token)
        if parsed is None:
            return render(request, self.template_name, {"invalid": True}, status=400)
        return render(request, self.template_name, {"kind": EmailKind(parsed[1]).label, "token": token})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        kind = email_unsubscribe(token=token)
        if kind is None:
            return render(request, self.template_name, {"invalid": True}, status=400)
        return render(request, self.template_name, {"kind": EmailKind(kind).label, "done": True})
