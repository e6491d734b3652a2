"""The rows of the public list of open calls, built as strings.

A page is 50 calls of a few roles each; the template engine spent most of the page's time on them (a
`{% url %}` per call, organisation and role, two date filters and translations per row). Here each value is
escaped as the template would escape it (the standard library's html.escape is what Django's escape does;
a `{% translate %}` of a literal is not escaped, nor here),
addresses are reversed once per page with a marker in place of the key, and the markup is the template's,
byte for byte (its whitespace included), so the page is the same.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

register = template.Library()

_MARK = 987654321  # stands for a key (an id, or as text a slug) in an address reversed once per page
_PATH_SAFE = "!$&'()*+,;=/~:@"  # what reverse() leaves unquoted in an argument


def _address(name: str) -> str:
    """A route's address with `{}` where its one argument goes."""
    return reverse(name, args=[_MARK]).replace(str(_MARK), "{}")


@register.simple_tag
def open_call_rows(calls: Any) -> SafeString:
    """The table rows of a page of open calls (from selectors.calls_open_listed), as call_list.html wrote
    them with its `{% for %}` loop."""
    call_url = _address("nominations:call_detail")
    organization_url = _address("roles:organization_detail")
    role_url = _address("roles:role_detail")
    standing = f' <span class="badge badge--neutral">{gettext("Standing call")}</span>'
    movement_wide = gettext("Movement-wide")
    potential_leaders = gettext("Potential leaders")
    no_closing_date = gettext("No closing date")
    days: dict[Any, str] = {}  # DATE_FORMAT shows the day alone: many calls close on the same one
    rows = []
    for call in calls:
        if call.organization_slug is not None:
            organization_cell = (
                f'<a href="{escape(organization_url.format(quote(call.organization_slug, safe=_PATH_SAFE)))}">'
                f"{escape(call.shown_organization_name)}</a>"
            )
        else:
            organization_cell = movement_wide
        roles = ", ".join(
            f'<a href="{role_url.format(int(role.pk))}">{escape(role.shown_title)}</a>'
            for role in call.listed_roles
        )
        if call.closes_at:
            closes = template_localtime(call.closes_at)  # as the template's date filter sees it
            day = closes.date()
            if day not in days:
                days[day] = escape(date_format(closes, "DATE_FORMAT"))
            # |date:'c' is isoformat()
            closes_cell = f'<time datetime="{escape(closes.isoformat())}">{days[day]}</time>'
        else:
            closes_cell = no_closing_date
        rows.append(
            "\n          <tr>\n"
            f'            <th scope="row"><a href="{call_url.format(int(call.pk))}">{escape(call.shown_title)}</a>'
            f"{standing if call.is_standing else ''}</th>\n"
            f"            <td>{organization_cell}</td>\n"
            f"            <td>{roles or potential_leaders}</td>\n"
            f"            <td>{closes_cell}</td>\n"
            "          </tr>\n        "
        )
    return SafeString("".join(rows))
