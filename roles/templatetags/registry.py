"""Template tags of the registry's pages: proficiency levels, links to other apps, Wikimedia user pages."""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any
from urllib.parse import quote

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from ..enums import Importance, Level

register = template.Library()

META_USER_PAGE = "https://meta.wikimedia.org/wiki/User:{}"


@register.simple_tag
def optional_url(name: str, *args: Any, **kwargs: Any) -> str:
    """The URL of a named route, or "" when no such route exists (yet): links to apps built later.

    `{% optional_url 'training:course_list' as url %}{% if url %}<a href="{{ url }}?...">…</a>{% endif %}`
    """
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def _level_label(level: int) -> str:
    try:
        return str(Level(level).label)
    except ValueError:
        return ""


@register.filter
def level_label(level: Any) -> str:
    """The name of a level of the shared scale ("Proficient"), or "" for no level."""
    try:
        return _level_label(int(level))
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def level_badge(level: Any) -> SafeString:
    """A small badge "3 · Proficient"; a dash with a text alternative when there is no level."""
    try:
        value = int(level or 0)
    except (TypeError, ValueError):
        value = 0
    return _level_badge(get_language(), value)


@lru_cache(maxsize=64)
def _level_badge(language: str | None, value: int) -> SafeString:
    """level_badge's markup, the same for a level in a language (lists show dozens of badges)."""
    if value not in Level.values:
        return format_html(
            '<span class="level-badge level-badge--none"><span aria-hidden="true">–</span>'
            '<span class="visually-hidden">{}</span></span>',
            _("no level"),
        )
    return format_html(
        '<span class="level-badge level-badge--{}">{} · {}</span>', value, value, _level_label(value)
    )


@register.simple_tag
def level_meter(level: Any, required: Any = None) -> SafeString:
    """Four squares, filled up to the level; the required level is outlined. Its text is for screen readers.

    The squares are decorative (aria-hidden); the sentence beside them says the same in words.
    """
    value = int(level or 0)
    needed = int(required or 0)
    steps = format_html_join(
        "",
        '<span class="{}"></span>',
        (
            (
                " ".join(
                    ["level-meter__step"]
                    + (["level-meter__step--filled"] if step <= value else [])
                    + (["level-meter__step--required"] if step == needed else [])
                ),
            )
            for step in Level.values
        ),
    )
    if needed:
        text = _("Level %(level)d of 4; %(required)d required") % {"level": value, "required": needed}
    else:
        text = _("Level %(level)d of 4") % {"level": value}
    return format_html(
        '<span class="level-meter"><span class="level-meter__steps" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        steps,
        text,
    )


@register.filter
def meta_user_url(username: str) -> str:
    """The user page of a Wikimedia username on Meta-Wiki (spaces become underscores)."""
    if not username:
        return ""
    return META_USER_PAGE.format(quote(username.replace(" ", "_"), safe=""))


_MATRIX_CELLS: dict[tuple[str, int | None, str | None], str] = {}


def _matrix_cell(level: int | None, importance: str | None, tag: str = "td", kind: str = "cell") -> str:
    """A cell of the grid (`td`), or the same as a badge (`span`, kind "badge") in the list per role."""

    if level is None:
        # empty, as the caption says: a dot drawn by the style sheet, silent for screen readers
        return "<td></td>"
    essential = importance == Importance.ESSENTIAL
    mark = pgettext("essential", "E") if essential else pgettext("desirable", "D")
    spoken = _("Level %(level)s (%(name)s), %(importance)s") % {
        "level": level,
        "name": _level_label(level),
        "importance": Importance(importance).label,
    }
    return format_html(
        '<{} class="matrix__{} matrix__cell--level-{} matrix__cell--{}"><span aria-hidden="true">{}{}</span>'
        '<span class="visually-hidden">{}</span></{}>',
        tag,
        kind,
        level,
        importance,
        level,
        mark,
        spoken,
        tag,
    )


@register.simple_tag
def matrix_cells(cells: list[Any]) -> SafeString:
    """A row of the competency matrix: one cell per column, each with its level as text for screen readers.

    A matrix can hold tens of thousands of cells but only nine kinds of them: each kind is rendered once per
    language and reused, so a large organisation's matrix costs string joins, not template work per cell.
    """

    language = get_language() or ""
    parts = []
    for requirement in cells:
        key = (
            (language, requirement.min_level, requirement.importance)
            if requirement
            else (language, None, None)
        )
        html = _MATRIX_CELLS.get(key)
        if html is None:
            html = _MATRIX_CELLS[key] = _matrix_cell(key[1], key[2])
        parts.append(html)
    return mark_safe("".join(parts))  # noqa: S308 - every part comes from format_html above


_MATRIX_BADGES: dict[tuple[str, int, str], str] = {}


def _matrix_badge(requirement: Any, language: str) -> str:
    """A requirement's level and importance as a badge in the colours of the grid's cells, spoken in full."""
    key = (language, requirement.min_level, requirement.importance)
    html = _MATRIX_BADGES.get(key)
    if html is None:
        html = _MATRIX_BADGES[key] = _matrix_cell(key[1], key[2], tag="span", kind="badge")
    return html


@register.simple_tag
def matrix_requirements(groups: list[Any]) -> SafeString:
    """One role's requirements in the matrix's list: per category (`dt`), its competencies linked, each with
    its badge. Built in Python: the busiest organisation lists hundreds of them, and template loops with a
    `{% url %}` per competency cost more than the page's queries."""

    language = get_language() or ""
    # one reverse per role, the slug put in its place (slugs are URL-safe: [-a-zA-Z0-9_])
    prefix, suffix = reverse("roles:competency_detail", args=["slug"]).rsplit("slug", 1)
    parts = ["<dl>"]
    for category, requirements in groups:
        parts.append(f"<dt>{conditional_escape(category.name)}</dt><dd><ul>")
        for requirement in requirements:
            competency = requirement.competency
            parts.append(
                f'<li><a href="{prefix}{conditional_escape(competency.slug)}{suffix}">'
                f"{conditional_escape(competency.name)}</a> {_matrix_badge(requirement, language)}</li>"
            )
        parts.append("</ul></dd>")
    parts.append("</dl>")
    return mark_safe("".join(parts))  # noqa: S308 - names and slugs escaped, badges from format_html


# --- The roles directory's rows ----------------------------------------------------------------------------
# A page of the directory is 50 rows of a dozen values each. Built here as plain strings (each value escaped
# with the standard library's html.escape, as Django's escape does), a row costs a fraction of what the
# template engine spent on it (~150 variables, tags and blocktranslates per row). Addresses are reversed
# once per page with a marker in place of the key, then filled in per row.

_MARK = 987654321  # stands for a role's id, or (as text) an organisation's slug, in a reversed address


def _essentials(role: Any, list_url: str, require: str, none_listed: str) -> str:
    requirements = getattr(role, "essential_requirements", None)
    if not requirements:
        return none_listed
    chips = []
    for requirement in requirements:
        competency = requirement.competency
        name = escape(str(competency.name))
        chips.append(
            f'<li><a class="chip" href="{list_url}?competency={escape(quote(competency.slug, safe="/"))}" '
            f'title="{escape(require % {"name": competency.name})}">{name} '
            f'<span class="chip__level">≥ {int(requirement.min_level)}</span></a></li>'
        )
    return '<ul class="chip-list">' + "".join(chips) + "</ul>"


@register.simple_tag
def directory_rows(roles: Any, list_url: str) -> SafeString:
    """The table rows of a page of the roles directory (roles from selectors.role_directory)."""
    detail_url = reverse("roles:role_detail", args=[_MARK]).replace(str(_MARK), "{pk}")
    organization_url = reverse("roles:organization_detail", args=[str(_MARK)]).replace(str(_MARK), "{slug}")
    open_badge = '<span class="badge badge--open">' + escape(_("Open for nominations")) + "</span>"
    none_listed = '<span class="help-text">' + escape(_("None listed")) + "</span>"
    require = _("Roles that require %(name)s")
    list_url = escape(list_url)
    rows = []
    for role in roles:
        organization = role.organization
        seats, vacant = role.seats, role.vacant_seats
        seats_text = ngettext("%(counter)s seat", "%(counter)s seats", seats) % {"counter": seats}
        vacant_badge = (
            '<br><span class="badge badge--vacant">'
            + escape(ngettext("%(counter)s vacant", "%(counter)s vacant", vacant) % {"counter": vacant})
            + "</span>"
            if vacant
            else ""
        )
        rows.append(
            f'<tr><th scope="row"><a href="{detail_url.format(pk=int(role.pk))}">{escape(str(role.title))}</a>'
            f"{open_badge if role.open_for_nominations else ''}</th>"
            f'<td><a href="{escape(organization_url.format(slug=quote(organization.slug)))}">'
            f"{escape(str(organization.name))}</a></td>"
            f"<td>{escape(str(role.get_kind_display()))}</td>"
            f"<td>{escape(seats_text)}"
            f"{vacant_badge}</td>"
            f"<td>{_essentials(role, list_url, require, none_listed)}</td></tr>\n"
        )
    return SafeString("".join(rows))


@register.simple_tag
def person_card(person: Any, verified_label: str = "", self_assessed_label: str = "") -> SafeString:
    """A card of the people directory: name, username and region, listed organisations and languages
    (prefetched), and with a competency chosen, `person.verified_level` and `person.self_level` (from
    people_directory) after the page's labels for them (translated once per page, in the template).

    Written here rather than in the template language: a page has 25 cards, and the same markup as
    template nodes cost about ten times as much to render (half the page's time). Every value is escaped
    here (none of them is safe HTML), as the template did; `verified_label` comes from blocktranslate,
    which escaped the competency's name in it.
    """
    description = " · ".join(escape(str(part)) for part in (person.wikimedia_username, person.region) if part)
    lines = ""
    if verified_label:
        line = f"{conditional_escape(verified_label)} {level_badge(person.verified_level)}"
        if person.self_level:
            line += f" · {escape(self_assessed_label)} {level_badge(person.self_level)}"
        lines += f'<span class="person-card__level">{line}</span>'
    if person.listed_memberships:
        names = ", ".join(
            escape(str(membership.organization.name)) for membership in person.listed_memberships
        )
        lines += f'<span class="person-card__line">{names}</span>'
    codes = [escape(language.code) for language in person.languages.all()]
    if codes:
        spans = ", ".join(f'<span lang="{code}">{code}</span>' for code in codes)
        lines += f'<span class="person-card__line">{spans}</span>'
    url = escape(reverse("roles:person_detail", args=[person.pk]))
    return mark_safe(  # noqa: S308 - every value in it is escaped above
        f'<a class="cdx-card cdx-card--is-link" href="{url}"><span class="cdx-card__text">'
        f'<span class="cdx-card__text__title">{escape(person.display_name)}</span>'
        f'<span class="cdx-card__text__description">{description}</span>'
        f'<span class="cdx-card__text__supporting-text">{lines}</span></span></a>'
    )
