"""Template tags of the training pages: a moment in the viewer's time zone, and in the session's own."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

UTC = datetime.UTC


def _zone(value: Any) -> zoneinfo.ZoneInfo | None:
    if value is None or value == "":
        return None
    if isinstance(value, zoneinfo.ZoneInfo):
        return value
    try:
        return zoneinfo.ZoneInfo(str(value))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _format(moment: datetime.datetime, zone: datetime.tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{formats.date_format(local, 'DATE_FORMAT')} {formats.time_format(local, 'TIME_FORMAT')}"


@register.simple_tag
def moment(value: datetime.datetime | None, zone: Any = None) -> SafeString:
    """A <time> in the given zone (a person's chosen zone) with the zone's name beside it.

    Without a zone (an anonymous visitor), the moment is written in UTC and marked `data-local-time`:
    static/js/training.js rewrites it in the browser's own zone. The `datetime` attribute is always UTC.
    """
    if value is None:
        return SafeString("")
    iso = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    chosen = _zone(zone)
    if chosen is None:
        return format_html(
            '<time datetime="{}" data-local-time>{} <span class="time-zone">UTC</span></time>',
            iso,
            _format(value, UTC),
        )
    return format_html(
        '<time datetime="{}">{} <span class="time-zone">{}</span></time>',
        iso,
        _format(value, chosen),
        str(chosen),
    )


@register.simple_tag
def local_moment(value: datetime.datetime | None, zone: Any) -> str:
    """A moment as text in one zone (the session's own), without markup."""
    chosen = _zone(zone) or UTC
    if value is None:
        return ""
    return _format(value, chosen)


@register.simple_tag
def clock(value: datetime.datetime | None, zone: Any = None) -> str:
    """The time of day of a moment in a zone (UTC without one), as text: "14:30"."""
    if value is None:
        return ""
    return formats.time_format(value.astimezone(_zone(zone) or UTC), "TIME_FORMAT")
