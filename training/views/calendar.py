"""The movement's training calendar: upcoming published sessions as a month grid or a list."""

from __future__ import annotations

import calendar
import datetime
import zoneinfo
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.views.generic import View

from leadership.common.lists import ListPageMixin, query_without

from .. import selectors
from ..forms import CalendarFilterForm
from .common import viewer_zone

DAY_MAX_SESSIONS = 4  # a day of the month grid shows its soonest few and how many more; the list shows all


def _month_start(value: str, today: datetime.date) -> datetime.date:
    if value:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    return today.replace(day=1)


def _add_month(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class CalendarView(ListPageMixin, View):
    template_name = "training/calendar.html"
    paginate_by = 25  # the list view; the month grid shows up to DAY_MAX_SESSIONS a day
    keeps_filters = True

    def get(self, request: HttpRequest) -> HttpResponse:
        form = CalendarFilterForm(request.GET)
        filters = form.filters
        chosen_zone = viewer_zone(request)
        zone = zoneinfo.ZoneInfo(str(chosen_zone)) if chosen_zone is not None else datetime.UTC
        now = timezone.now()
        today = now.astimezone(zone).date()
        region, language = filters["region"] or None, filters["language"] or None
        context: dict[str, Any] = {
            "form": form,
            "viewer_zone": chosen_zone,
            "zone_name": str(chosen_zone) if chosen_zone is not None else "UTC",
            "mode": "list" if filters["view"] == "list" else "month",
            "query_without_month": query_without(request, "month", "view"),
        }
        if context["mode"] == "list":
            pagination = self.paginate(selectors.sessions_upcoming(region=region, language=language))
            context.update(sessions=pagination["page_obj"].object_list, **pagination)
            return render(request, self.template_name, context)
        first = _month_start(filters["month"], today)
        if first < today.replace(day=1):
            first = today.replace(day=1)  # upcoming sessions only: no month before this one
        following = _add_month(first, 1)
        start = max(datetime.datetime.combine(first, datetime.time(), tzinfo=zone), now)
        end = datetime.datetime.combine(following, datetime.time(), tzinfo=zone)
        rows = selectors.sessions_by_day(
            region=region, language=language, start=start, end=end, zone=zone, per_day=DAY_MAX_SESSIONS
        )
        by_day: dict[datetime.date, list[dict[str, Any]]] = {}
        for row in rows:
            by_day.setdefault(row["day"], []).append(row)
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
            days = []
            for day in week:
                items = by_day.get(day, [])
                days.append(
                    {
                        "date": day,
                        "in_month": day.month == first.month,
                        "is_today": day == today,
                        "sessions": items,
                        "more": items[0]["on_day"] - len(items) if items else 0,
                    }
                )
            weeks.append(days)
        context.update(
            month=first,
            weeks=weeks,
            session_count=sum(items[0]["on_day"] for items in by_day.values()),
            truncated=any(len(items) < items[0]["on_day"] for items in by_day.values()),
            previous_month=_add_month(first, -1) if first > today.replace(day=1) else None,
            next_month=following,
            weekdays=[(WEEKDAYS[index], WEEKDAYS_ABBR[index]) for index in range(7)],
        )
        return render(request, self.template_name, context)
