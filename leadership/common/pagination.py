"""Pagination that keeps deep pages cheap on large tables."""

from __future__ import annotations

import json
from base64 import urlsafe_b64decode, urlsafe_b64encode
from functools import cached_property
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator


class IdsFirstPaginator(Paginator):
    """Finds a page's primary keys first (a narrow scan along the ordering's index), then loads those rows.

    With OFFSET on full rows, page 500 of a large directory reads 25,000 wide rows and their joins; reading
    only the keys to skip, then 50 whole rows, keeps a deep page close to the first one.
    """

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


class _KnownNextPage(Page):
    """A page that knows whether another follows from having asked for one key more than it shows."""

    def __init__(self, object_list: Any, number: int, paginator: Paginator, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class _CappedCount:
    """Counts at most `count_cap` rows: `count` is exact up to the cap, and `count_cap + 1` beyond it (one
    `COUNT(*)` over a `LIMIT`ed subquery, which stops reading the index there); `capped` says which. When
    capped, the number of pages is unknown: any page number is accepted (a bookmarked `?page=500` keeps
    working) and a page knows whether another follows by asking for one key more than it shows."""

    count_cap = 10_000
    counted_all = False  # set once the whole list was counted (CappedKeysPaginator, past the end)
    object_list: Any
    error_messages: dict[str, Any]

    @cached_property
    def count(self) -> int:
        # the keys alone: a list's annotations (correlated subqueries) would run for every row counted
        return int(self.object_list.order_by().values("pk")[: self.count_cap + 1].count())

    @property
    def capped(self) -> bool:
        return not self.counted_all and self.count > self.count_cap

    def validate_number(self, number: Any) -> int:
        if not self.capped:
            return int(super().validate_number(number))  # type: ignore[misc]
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number


class CappedCountPaginator(_CappedCount, IdsFirstPaginator):
    """IdsFirstPaginator that counts at most `count_cap` rows, so that no request counts a large table."""

    def page(self, number: int | str) -> Page:
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page + 1])
        if not keys and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        shown = keys[: self.per_page]
        rows = {row.pk: row for row in self.object_list.filter(pk__in=shown)}
        return _KnownNextPage(
            [rows[key] for key in shown if key in rows], number, self, more=len(keys) > self.per_page
        )


class CappedKeysPaginator(_CappedCount, Paginator):
    """Reads the list's keys in its order, up to `count_cap` + 1, in one query: that is the count (exact up
    to the cap) and the keys of every page up to it; a page's rows are then loaded by key.

    Two queries whatever the page, and the filter's work is done once: a count and a page of whole rows
    would each find the matching rows again (a competency's people: its records joined with the public
    profiles, then sorted by name), and the list's annotations (correlated subqueries) run for the page's
    rows only. Past the cap the number of pages is unknown ("More than N"); a deeper page reads its keys
    with an OFFSET (a third query), and one past the end (a stale bookmark) counts everything, once, and
    shows the last page, as Django's `get_page` does.
    """

    @cached_property
    def keys(self) -> list[Any]:
        return list(self.object_list.values_list("pk", flat=True)[: self.count_cap + 1])

    @cached_property
    def count(self) -> int:
        return len(self.keys)

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not self.capped:
            top = bottom + self.per_page
            if top + self.orphans >= self.count:
                top = self.count
            return self._get_page(self._rows(self._keys(bottom, top)), number, self)
        keys = self._keys(bottom, bottom + self.per_page + 1)  # one more: whether another page follows
        if not keys and number > 1:
            self.count = self.object_list.order_by().values("pk").count()  # past the end: count it all, once
            self.counted_all = True
            self.__dict__.pop("num_pages", None)
            return self.page(self.num_pages)
        return _KnownNextPage(self._rows(keys[: self.per_page]), number, self, more=len(keys) > self.per_page)

    def _keys(self, bottom: int, top: int) -> list[Any]:
        """The keys of rows bottom to top: from those read at first, else read from the database."""
        if top <= len(self.keys) or len(self.keys) <= self.count_cap:
            return self.keys[bottom:top]
        return list(self.object_list.values_list("pk", flat=True)[bottom:top])

    def _rows(self, keys: list[Any]) -> list[Any]:
        if not keys:
            return []
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys).order_by()}
        return [rows[key] for key in keys if key in rows]


def encode_cursor(*values: Any) -> str:
    """A position in a list's order (the sort keys of one row), short and safe in a URL."""
    return urlsafe_b64encode(json.dumps(values, ensure_ascii=False).encode()).decode().rstrip("=")


def decode_cursor(text: str | None, *types: type) -> tuple[Any, ...] | None:
    """The values of a cursor, checked against the expected types; None for anything else (a bad link)."""
    if not text or len(text) > 2000:
        return None
    try:
        values = json.loads(urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(values, list) or len(values) != len(types):
        return None
    if not all(
        isinstance(value, kind) and not isinstance(value, bool)
        for value, kind in zip(values, types, strict=True)
    ):
        return None
    return tuple(values)


class KeysetPage(Page):
    """A page reached by a cursor (`?after=` or `?before=`): its number is unknown, its neighbours are known
    from having asked for one row more than it shows."""

    def __init__(self, object_list: Any, paginator: Paginator, *, has_next: bool, has_previous: bool) -> None:
        super().__init__(object_list, None, paginator)  # type: ignore[arg-type]
        self._has_next = has_next
        self._has_previous = has_previous

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self._has_previous
