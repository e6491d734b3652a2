"""The one-click unsubscribe page (RFC 8058: a POST without confirmation also works for mail clients), and
the type-ahead lookups' endpoint."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from . import lookups
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


class LookupView(View):
    """At most 20 choices of a registered lookup source for `?q=`, as Codex menu items (an HTML fragment).

    An unknown source is not found; a source closed to the user is refused; a query that is too long or
    holds control characters is a 400 whose body says why, in the menu's markup.
    """

    http_method_names = ["get"]
    template_name = "includes/lookup_items.html"

    def get(self, request: HttpRequest, source: str) -> HttpResponse:
        try:
            lookup = lookups.get_source(source)
        except LookupError:
            raise Http404 from None
        if not lookup.allows(request.user):
            raise PermissionDenied
        try:
            query = lookups.clean_query(request.GET.get("q", ""))
        except ValidationError as error:
            return render(request, self.template_name, {"error": error.messages[0]}, status=400)
        items = lookup.items(query, user=request.user) if query else []
        response = render(request, self.template_name, {"items": items, "query": query})
        response["Cache-Control"] = "private, max-age=60"
        return response
