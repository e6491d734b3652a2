"""The rows of the course catalogue, built as strings.

A page is 25 courses with their languages and a few competencies each; the template engine spent most of the
page's time on them (a `{% url %}`, filters and a `{% blocktranslate %}` per competency). Here each value is
escaped as the template would escape it (the standard library's html.escape is what Django's escape does; a
`{% translate %}` of a literal and a `{% blocktranslate %}`'s own text are not escaped, nor here), the
course's address is reversed once per page with a marker in place of its id, and the markup is the
template's, byte for byte (its whitespace included), so the page is the same.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()

_MARK = 987654321  # stands for a course's id in its address, reversed once per page


def _languages(course: Any, none_listed: str) -> str:
    languages = course.listed_languages
    if not languages:
        return none_listed
    return ", ".join(
        f'<span lang="{escape(language.code)}">{escape(language.name_local)}</span>' for language in languages
    )


def _competencies(course: Any, list_url: str, develops: str, none_listed: str) -> str:
    links = course.listed_competencies
    if not links:
        return none_listed
    chips = "".join(
        "\n                      "
        f'<li><a class="chip" href="{list_url}?competency={escape(quote(link.competency_slug, safe="/"))}" '
        f'title="{develops % {"name": escape(link.competency_name)}}">{escape(link.competency_name)} '
        f'<span class="chip__level">→ {int(link.target_level)}</span></a></li>\n'
        "                    "
        for link in links
    )
    return f'\n                  <ul class="chip-list">\n                    {chips}\n                  </ul>\n                '


@register.simple_tag
def catalogue_rows(courses: Any, list_url: str) -> SafeString:
    """The table rows of a page of the catalogue (courses from selectors.course_catalogue), as
    course_results.html wrote them with its `{% for %}` loop; `list_url` is the catalogue's address."""
    detail_url = reverse("training:course_detail", args=[_MARK]).replace(str(_MARK), "{}")
    none_listed = '<span class="help-text">' + gettext("None listed") + "</span>"
    develops = gettext("Courses that develop %(name)s")
    list_url = escape(list_url)
    rows = []
    for course in courses:
        rows.append(
            "\n            <tr>\n"
            f'              <th scope="row"><a href="{detail_url.format(int(course.pk))}">'
            f"{escape(course.shown_title)}</a></th>\n"
            f'              <td><a href="{list_url}?organization={escape(quote(course.organization.slug, safe="/"))}">'
            f"{escape(str(course.organization.name))}</a></td>\n"
            f"              <td>{escape(str(course.get_format_display()))}</td>\n"
            f"              <td>{_languages(course, none_listed)}</td>\n"
            "              <td>\n"
            f"                {_competencies(course, list_url, develops, none_listed)}\n"
            "              </td>\n"
            "            </tr>\n          "
        )
    return SafeString("".join(rows))
