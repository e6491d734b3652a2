"""Template tags of the overview: the rows of its long tables, built in Python.

An organisation's overview lists up to 50 vacant roles, 50 roles with no one ready to succeed and 30 gaps with
up to three sessions each; through the template engine (a `{% url %}`, a date, a blocktranslate and a dozen
variables per row) those rows cost several times the page's queries. Here each row is a few string joins:
values escaped with the standard library's html.escape (what Django's escape does), translated texts written as
the catalogue has them (as {% translate %} and {% blocktranslate %} write them) and looked up once per table,
addresses reversed once per table with a marker in place of the key. The markup is the templates'
(see renewal_lists.html and gaps.html, which call these tags); tests pin the rows and their escaping.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from html import escape
from typing import Any
from urllib.parse import quote

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext

register = template.Library()

_MARK = 987654321  # stands for an id, or (as text) a slug, in a reversed address


def _address(name: str) -> str:
    """The address of route `name` with "{}" where its one argument goes."""
    return reverse(name, args=[_MARK]).replace(str(_MARK), "{}")


def _text(value: Any) -> str:
    return escape(str(value))


@register.simple_tag
def vacant_rows(rows: Iterable[dict[str, Any]], is_hub: bool) -> SafeString:
    """The rows of the vacant-roles table: {"role": Role (selectors.vacant_roles), "can_view_candidates"}."""
    role_url = _address("roles:role_detail")
    candidates_url = _address("overview:candidates")
    candidates = gettext("Candidates")
    for_organizers = '<span class="ov-muted">' + gettext("for its organizers") + "</span>"
    parts = []
    for row in rows:
        role = row["role"]
        pk = int(role.pk)
        link = (
            f'<a href="{candidates_url.format(pk)}">{candidates}</a>'
            if row["can_view_candidates"]
            else for_organizers
        )
        parts.append(
            f'<tr><th scope="row"><a href="{role_url.format(pk)}">{_text(role.title)}</a></th>'
            + (f"<td>{_text(role.organization.name)}</td>" if is_hub else "")
            + f"<td>{int(role.vacant)}</td><td>{int(role.soon_vacant)}</td><td>{link}</td></tr>\n"
        )
    return SafeString("".join(parts))


@register.simple_tag
def successor_items(roles: Iterable[Any], is_hub: bool) -> SafeString:
    """The items of the list of roles with no one ready to succeed (selectors.roles_without_successor)."""
    role_url = _address("roles:role_detail")
    parts = []
    for role in roles:
        organization = f' <span class="ov-muted">{_text(role.organization.name)}</span>' if is_hub else ""
        parts.append(
            f'<li><a href="{role_url.format(int(role.pk))}">{_text(role.title)}</a>{organization}</li>'
        )
    return SafeString("".join(parts))


@functools.lru_cache(maxsize=2048)
def _day(language: str, day: datetime.date) -> str:
    """A day as the `date` filter writes it with DATE_FORMAT in `language` (the active one): the sessions of
    the gap tables start on a few hundred days, each formatted once per process and language."""
    return escape(formats.date_format(day, "DATE_FORMAT"))


def _sessions(sessions: list[Any], session_url: str, language: str) -> str:
    """A gap's sessions: each its course's title, linked, and the day it starts (in the current time zone, as
    the `date` filter shows it)."""
    items = []
    for session in sessions:
        starts = session.starts_at
        if timezone.is_aware(starts):
            starts = timezone.localtime(starts)
        items.append(
            f'<li><a href="{session_url.format(int(session.pk))}">{_text(session.course.title)}</a>'
            f' <span class="ov-muted">{_day(language, starts.date())}</span></li>'
        )
    return '<ul class="ov-session-list">' + "".join(items) + "</ul>"


def gap_heads(gaps: Iterable[Any]) -> list[str]:
    """Each gap's row up to its sessions' cell (CompetencyGap rows of selectors.scope_gaps): the competency,
    the required level, demand, supply and gap, all of them the summary's (an organisation's page keeps them
    with its figures, see views.OrganizationView)."""
    competency_url = _address("roles:competency_detail")
    supply = gettext("%(people)s people, %(learners)s learners")
    numbers: dict[Any, str] = {}  # demand and gap values repeat: each formatted once per table

    def number(value: Any) -> str:
        text = numbers.get(value)
        if text is None:
            text = numbers[value] = floatformat(value, "-1")
        return text

    heads = []
    for gap in gaps:
        competency = gap.competency
        category = competency.category
        seats = gap.demand_seats
        demand_seats = ngettext("(%(counter)s seat)", "(%(counter)s seats)", seats) % {"counter": int(seats)}
        open_class = " ov-gap-value--open" if gap.gap > 0 else ""
        heads.append(
            '<tr class="ov-gap-row"><th scope="row">'
            f'<a href="{competency_url.format(quote(competency.slug))}">{_text(competency.name)}</a>'
            + (f' <span class="ov-muted">{_text(category.name)}</span>' if category else "")
            + f"</th><td>{int(gap.required_level)}</td>"
            f'<td>{number(gap.demand)} <span class="ov-muted">{demand_seats}</span></td>'
            f"<td>{supply % {'people': int(gap.supply_people), 'learners': int(gap.supply_learners)}}</td>"
            f'<td class="ov-gap-value{open_class}">{number(gap.gap)}</td>'
        )
    return heads


@register.simple_tag
def gap_rows(rows: Iterable[dict[str, Any]]) -> SafeString:
    """The rows of the gap table, each a gap with its upcoming sessions (selectors.sessions_developing):
    {"gap": CompetencyGap (selectors.scope_gaps), "sessions": [TrainingSession]}, or {"head": its row up to
    the sessions (gap_heads), "sessions": [...]}."""
    rows = list(rows)
    computed = iter(gap_heads(row["gap"] for row in rows if "head" not in row))
    session_url = _address("training:session_detail")
    none_scheduled = '<span class="ov-flag ov-flag--none">' + gettext("No training scheduled") + "</span>"
    language = get_language() or ""
    parts = []
    for row in rows:
        head = row["head"] if "head" in row else next(computed)
        sessions = _sessions(row["sessions"], session_url, language) if row["sessions"] else none_scheduled
        parts.append(f"{head}<td>{sessions}</td></tr>\n")
    return SafeString("".join(parts))
