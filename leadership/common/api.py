"""Shared pieces of the REST API: the response language, errors, pagination and the schema's parameters.

Imports no app: every app's `api/` package builds on these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, status
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

API_PATH_PREFIX = "/api/"
LANGUAGE_QUERY_PARAMETER = "lang"


def language_from_query(value: str) -> str | None:
    """The supported language a `?lang=` value names (`fr`, `pt-BR`, `fr-CA` → fr), or None if none."""
    value = value.strip().lower().replace("_", "-")
    if not value:
        return None
    try:
        return translation.get_supported_language_variant(value)
    except (LookupError, ValueError):
        return None


class ApiLanguageMiddleware:
    """Lets `?lang=<code>` choose the language of API responses; it wins over the Accept-Language header.

    Sits right after LocaleMiddleware, which has already activated the language of the header (API paths
    carry no language prefix). An unknown code is ignored, so the header or the default (English) applies.
    Web pages keep their language prefix as the only choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PATH_PREFIX):
            language = language_from_query(request.GET.get(LANGUAGE_QUERY_PARAMETER, ""))
            if language is not None:
                translation.activate(language)
                request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        return self.get_response(request)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This object is still in use elsewhere in the registry, so it cannot be deleted.")
    default_code = "conflict"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Any:
    """DRF's handler, plus: errors from services answer 400 with field errors, and every 404 looks alike.

    A service raises Django's ValidationError (a model's `full_clean`, a rule of the domain); here it
    becomes the same `{"field": ["message"]}` body a serializer gives. A 404 never tells whether the object
    exists (an object one may not see answers exactly like a missing one).
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=as_serializer_error(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()  # Django's message would name the model and differ from a hidden one
    return drf_exception_handler(exc, context)


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (up to 200); the body is `{count, next, previous, results}`."""

    page_size_query_param = "page_size"
    max_page_size = 200


# Security requirements of an operation anyone may call, signed in or not (for `extend_schema(auth=...)`):
# drf-spectacular only infers the anonymous `{}` from AllowAny, not from our rules.
PUBLIC_AUTH = [{"tokenAuth": []}, {"cookieAuth": []}, {}]


def add_language_parameters(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every operation documents `?lang=` and Accept-Language.

    A hook rather than an AutoSchema subclass: this module is imported while DRF loads its generic views
    (it holds the pagination class), and drf_spectacular.openapi imports those views.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    parameters = [
        {
            "in": "query",
            "name": LANGUAGE_QUERY_PARAMETER,
            "schema": {"type": "string", "enum": codes},
            "description": str(
                _(
                    "Language of the response (names, labels, messages). It wins over the Accept-Language "
                    "header; an unknown code is ignored."
                )
            ),
        },
        {
            "in": "header",
            "name": "Accept-Language",
            "schema": {"type": "string"},
            "description": str(_("Language of the response when `lang` is not given; English by default.")),
        },
    ]
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method in {"get", "put", "post", "delete", "options", "head", "patch", "trace"}:
                taken = {(p.get("in"), p.get("name")) for p in operation.get("parameters", [])}
                operation.setdefault("parameters", []).extend(
                    p for p in parameters if (p["in"], p["name"]) not in taken
                )
    return result
