"""Shared pieces of the REST API: the response language, errors, pagination and the schema's parameters.

Imports no app: every app's `api/` package builds on these.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator as DjangoPaginator
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, status
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

API_PATH_PREFIX = "/api/"
LANGUAGE_QUERY_PARAMETER = "lang"
ALL_LANGUAGES_QUERY_PARAMETER = "all_languages"  # see api_fields.TranslationsField
ALL_LANGUAGES_FIELD = "translations"  # what it adds to each object
BOOLEAN_VALUES = {"true": True, "1": True, "false": False, "0": False, "": False}


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


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
    carry no language prefix). Translated fields come in that one language; `?all_languages=1` adds every
    language's values (`request.all_languages`). A code the site does not have, or an all_languages that
    is not true or false, answers 400 with the allowed values rather than silently another language.
    An empty `?lang=` is no choice. Web pages keep their language prefix as the only choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.all_languages = False  # type: ignore[attr-defined]
        if request.path_info.startswith(API_PATH_PREFIX):
            errors: dict[str, Any] = {}
            asked = request.GET.get(LANGUAGE_QUERY_PARAMETER, "")
            language = language_from_query(asked)
            if language is not None:
                translation.activate(language)
                request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
            elif asked.strip():
                codes = language_codes()
                errors[LANGUAGE_QUERY_PARAMETER] = [
                    _("“%(code)s” is not a language of the registry; use one of: %(codes)s.")
                    % {"code": asked, "codes": ", ".join(codes)}
                ]
                errors["allowed_languages"] = codes
            flag = request.GET.get(ALL_LANGUAGES_QUERY_PARAMETER, "").strip().lower()
            if flag in BOOLEAN_VALUES:
                request.all_languages = BOOLEAN_VALUES[flag]  # type: ignore[attr-defined]
            else:
                errors[ALL_LANGUAGES_QUERY_PARAMETER] = [_("Enter true or false.")]
            if errors:
                response = JsonResponse(errors, status=400, json_dumps_params={"ensure_ascii": False})
                response["Content-Language"] = translation.get_language()
                return response
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


def page_size_from_query(request: Any, *, param: str, default: int, maximum: int) -> int:
    """The `?page_size=` asked for, capped at `maximum`; the default when absent; 400 unless a whole >= 1.

    A silent fallback would hide a client's mistake (`page_size=1.5` or `=all` would quietly answer 50 rows).
    """
    raw = request.query_params.get(param)
    if raw is None or raw == "":
        return default
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if size < 1:
        raise exceptions.ValidationError({param: [_("Give a whole number of rows, 1 or more.")]})
    return min(size, maximum)


class RowsPaginator(DjangoPaginator):
    """Counts the list's queryset as filtered, and reads a page's rows from `rows(queryset)`.

    What a list shows of each row (annotations over joined tables: a region's code, a category's name) then
    costs the page's rows alone: Django keeps an annotation's joins in the count even when it drops the
    annotation, and the count covers every row.
    """

    def __init__(self, object_list: Any, per_page: int, *, rows: Callable[[Any], Any], **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(self.object_list)[bottom:top], number, self)


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (capped at 200); the body is `{count, next, previous, results}`.

    A view with `list_rows(queryset)` has its page read from what that returns, and the count taken from the
    queryset as filtered (RowsPaginator).
    """

    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any] | None:
        rows = getattr(view, "list_rows", None)
        if rows is not None:
            self.django_paginator_class = functools.partial(RowsPaginator, rows=rows)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request: Any) -> int | None:
        if self.page_size is None:
            return None  # pagination turned off (a view's `page_size = None`)
        return page_size_from_query(
            request, param=self.page_size_query_param, default=self.page_size, maximum=self.max_page_size
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}  # more than 200 is capped
        return parameters


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
            # No `enum`: a code is taken in any case and with a region (`pt-BR`, `fr-CA` → fr).
            "schema": {"type": "string", "example": codes[0]},
            "description": str(
                _(
                    "Language of the response (names, labels, messages): translated fields come in this "
                    "one language. It wins over the Accept-Language header; a code the registry does not "
                    "have answers 400 with the allowed codes."
                )
            )
            + f" ({', '.join(codes)})",
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


def optional_translations(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: `translations` is in an answer only with `all_languages=1`.

    drf-spectacular marks every read-only field required; this one is not, so it leaves the `required` lists
    (the API fuzzer checks answers against them).
    """
    for component in result.get("components", {}).get("schemas", {}).values():
        required = component.get("required")
        if required and ALL_LANGUAGES_FIELD in required:
            required.remove(ALL_LANGUAGES_FIELD)
    return result


# Error bodies as DRF and `exception_handler` above write them.
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": "Messages by field (`non_field_errors` for the object as a whole).",
    "additionalProperties": {},
}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
ERROR_DESCRIPTIONS = {
    "400": _("The request is not valid; the body names the fields at fault."),
    "401": _("Not signed in, or the token is wrong."),
    "403": _("Signed in, but not allowed to do this."),
    "404": _("No such object, or not one you may see; or no such page."),
    "409": Conflict.default_detail,
    "415": _("The body is not in a supported format (JSON, form data)."),
    "429": _("Too many requests; wait and try again."),
}


def _error_response(description: str, schema_name: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every operation documents the errors it can answer.

    drf-spectacular documents only the success; a client (and the API fuzzer's status-code check) needs
    the rest. An operation answers 400 when it writes (DRF's validation, a rule of the domain refusing, as
    a cancellation too late) or takes query parameters (the filters, the pagination), 401 for a wrong token anywhere, 403 where a rule may refuse, 404 under a path
    parameter or past the last page, 409 when a deletion is refused because the object is in use, 415 for
    a body in another format, and 429 when a throttle says so. Responses an operation already declares are
    kept. Query parameters are marked `allowEmptyValue`: an empty one is ignored, as HTML forms send them.
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR_SCHEMA)
    schemas.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            parameters = operation.get("parameters", [])
            queries = {p["name"] for p in parameters if p.get("in") == "query"}  # `lang` too: 400 if unknown
            public_read = method == "get" and {} in operation.get("security", [{}])
            errors = {
                "400": ("ValidationError", method in {"post", "put", "patch"} or bool(queries)),
                "401": ("Error", True),
                "403": ("Error", not public_read),
                "404": ("Error", "{" in path or bool(queries & {"page", "cursor"})),
                "409": ("Error", method == "delete"),
                "415": ("Error", "requestBody" in operation),
                "429": ("Error", True),
            }
            for parameter in parameters:
                if parameter.get("in") == "query":
                    # `?kind=` is the same as no `kind` (django-filter, DRF's pagination and ordering).
                    parameter["allowEmptyValue"] = True
            responses = operation.setdefault("responses", {})
            for code, (schema_name, applies) in errors.items():
                if applies and code not in responses:
                    responses[code] = _error_response(str(ERROR_DESCRIPTIONS[code]), schema_name)
    return result


def add_links(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: OpenAPI links from each creation to what can follow it.

    A create (POST on a collection) that answers an object with an `id` or `slug` links to every operation
    on that object (`/things/{id}/`, `/things/{id}/cancel/`...), passing the new object's key. Clients can
    follow them, and the API fuzzer's stateful run chains create, read, change and delete through them.
    drf-spectacular emits no links of its own.
    """
    components = result.get("components", {}).get("schemas", {})
    paths = result.get("paths", {})
    for collection, operations in paths.items():
        create = operations.get("post")
        if create is None or "{" in collection:
            continue
        answer = create.get("responses", {}).get("201", {})
        schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
        properties = components.get(schema.get("$ref", "").rsplit("/", 1)[-1], schema).get("properties", {})
        links: dict[str, Any] = {}
        for path, item_operations in paths.items():
            if not path.startswith(collection + "{"):
                continue
            key = path[len(collection) + 1 : path.index("}")]
            if key not in properties and not (key == "id" and "id" in properties):
                continue
            for method, operation in item_operations.items():
                if method in HTTP_METHODS and "operationId" in operation:
                    links[operation["operationId"]] = {
                        "operationId": operation["operationId"],
                        "parameters": {key: f"$response.body#/{key}"},
                    }
        if links:
            answer["links"] = links
    return result


BLANK = {"maxLength": 0}


def allow_blank_values(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: an optional link or address may be "", as the registry stores it.

    A field built as `BlankableURLField` or `BlankableEmailField` says "a URI (an email) or the empty
    string" (`anyOf`); drf-spectacular then adds `format` beside it from the field's validator, which would
    refuse "" again. This drops that one outer format where the field allows blank.
    """

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "format" in node and BLANK in node.get("anyOf", []):
                del node["format"]
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(result.get("components", {}))
    return result
