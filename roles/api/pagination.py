"""Keyset ("cursor") pagination for the large tables of the registry: roles, people and role holders.

Each page is found by the sort value and id of the row before it (`WHERE (key, id) > (value, pk)`), so page
500 costs what page 1 costs, and rows that share a sort value (a thousand "Treasurer" roles) are neither
skipped nor repeated. No count is given: counting a large table on every page would cost more than the page.

A viewset names its orderings in `keyset_orderings = {"id": "id", "title": "sort_title", ...}` (public name:
model field or annotation, never null); the first is the default, and a leading minus reverses any of them.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from leadership.common.api import page_size_from_query

CURSOR_PARAM = "cursor"
ORDERING_PARAM = "ordering"
PAGE_SIZE_PARAM = "page_size"
MAX_PAGE_SIZE = 200


def _encode_value(value: Any) -> list[Any]:
    if isinstance(value, datetime.datetime):
        return ["d", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["D", value.isoformat()]
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"cannot page on a {type(value).__name__}")
    return ["i" if isinstance(value, int) else "s", value]


INTEGER_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
BIGINT = 2**63


def _is_bigint(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -BIGINT <= value < BIGINT


def _kind_of(queryset: QuerySet, key: str) -> str:
    """How the values of a sort key are written in a cursor: d(atetime), D(ate), i(nteger) or s(tring)."""
    annotation = queryset.query.annotations.get(key)
    field = annotation.output_field if annotation is not None else queryset.model._meta.get_field(key)
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        return "d"
    if internal == "DateField":
        return "D"
    return "i" if internal in INTEGER_TYPES else "s"


def _decode_value(kind: Any, value: Any) -> Any:
    if kind == "d" and isinstance(value, str):
        moment = datetime.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("a cursor's moment has its time zone")
        try:
            return moment.astimezone(datetime.UTC)  # PostgreSQL refuses an offset beyond about ±16 hours
        except OverflowError as error:
            raise ValueError("a cursor's moment outside the years UTC can hold") from error
    if kind == "D" and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    if kind == "i" and _is_bigint(value):
        return value
    if kind == "s" and isinstance(value, str):
        return value
    raise ValueError("bad cursor value")


class KeysetPagination(BasePagination):
    """`?cursor=` (from the `next` and `previous` links), `?page_size=` (up to 200) and `?ordering=`."""

    page_size = api_settings.PAGE_SIZE or 50

    def _orderings(self, view: Any) -> dict[str, str]:
        return dict(view.keyset_orderings)

    def _invalid(self, param: str, message: Any) -> ValidationError:
        return ValidationError({param: [message]})

    def get_page_size(self, request: Any) -> int:
        return page_size_from_query(
            request, param=PAGE_SIZE_PARAM, default=self.page_size, maximum=MAX_PAGE_SIZE
        )

    def _ordering(self, request: Any, view: Any) -> tuple[str, str, bool]:
        orderings = self._orderings(view)
        name = request.query_params.get(ORDERING_PARAM, "").strip() or next(iter(orderings))
        key = name.removeprefix("-")
        if key not in orderings:
            choices = ", ".join(f"{choice}, -{choice}" for choice in orderings)
            raise self._invalid(ORDERING_PARAM, _("Choose one of: %(choices)s.") % {"choices": choices})
        return name, orderings[key], name.startswith("-")

    def _decode_cursor(self, request: Any, ordering: str, kind: str) -> tuple[Any, int, bool] | None:
        encoded = request.query_params.get(CURSOR_PARAM)
        if not encoded:
            return None
        try:
            raw = base64.urlsafe_b64decode(encoded.encode("ascii") + b"=" * (-len(encoded) % 4))
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("o") != ordering:
                raise ValueError("cursor of another ordering")
            written, value = data["v"]
            pk = data["p"]
            if written != kind or not _is_bigint(pk):
                raise ValueError("bad cursor position")
            return _decode_value(kind, value), pk, bool(data.get("b"))
        except (binascii.Error, UnicodeError, ValueError, TypeError, KeyError) as error:
            raise self._invalid(
                CURSOR_PARAM, _("This cursor is not valid: follow the next and previous links.")
            ) from error

    def _encode_cursor(self, row: Any, *, backwards: bool) -> str:
        data = {
            "o": self.ordering,
            "v": _encode_value(getattr(row, self.key)),
            "p": row.pk,
            "b": 1 if backwards else 0,
        }
        raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def paginate_queryset(self, queryset: QuerySet, request: Any, view: Any = None) -> list[Any]:
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.ordering, self.key, descending = self._ordering(request, view)
        cursor = self._decode_cursor(request, self.ordering, _kind_of(queryset, self.key))
        backwards = cursor is not None and cursor[2]
        # Going back through a descending order reads the table ascending, and the other way round.
        reading_descending = descending != backwards
        if cursor is not None:
            value, pk, _backwards = cursor
            after = "lt" if reading_descending else "gt"
            queryset = queryset.filter(
                Q(**{f"{self.key}__{after}": value}) | Q(**{self.key: value, f"pk__{after}": pk})
            )
        sign = "-" if reading_descending else ""
        rows = list(queryset.order_by(f"{sign}{self.key}", f"{sign}pk")[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, cursor is not None
        self.rows = rows
        return rows

    def _link(self, *, row: Any, backwards: bool) -> str:
        url = remove_query_param(self.base_url, CURSOR_PARAM)
        return replace_query_param(url, CURSOR_PARAM, self._encode_cursor(row, backwards=backwards))

    def get_next_link(self) -> str | None:
        if not (self.has_next and self.rows):
            return None
        return self._link(row=self.rows[-1], backwards=False)

    def get_previous_link(self) -> str | None:
        if not (self.has_previous and self.rows):
            return None
        return self._link(row=self.rows[0], backwards=True)

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        orderings = list(getattr(view, "keyset_orderings", {}))
        return [
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": str(_("Where the page starts: take it from a `next` or `previous` link.")),
                "schema": {"type": "string"},
            },
            {
                "name": PAGE_SIZE_PARAM,
                "required": False,
                "in": "query",
                "description": str(_("Rows per page, up to 200.")),
                "schema": {"type": "integer", "minimum": 1},  # more than MAX_PAGE_SIZE is capped
            },
            {
                "name": ORDERING_PARAM,
                "required": False,
                "in": "query",
                "description": str(
                    _("Sort order; a leading minus reverses it. Default: %(default)s.")
                    % {"default": orderings[0] if orderings else "id"}
                ),
                "schema": {"type": "string", "enum": [*orderings, *(f"-{name}" for name in orderings)]},
            },
        ]
