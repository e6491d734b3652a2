"""The overview's pictures: inline SVG built from plain numbers, on the server, with no JavaScript.

Every chart is an `<svg role="img">` named by its `<title>` and `<desc>` (through aria-labelledby) and is
followed on the page by a table that says the same in words. Numbers and month names come in the active
language; in a right-to-left language the x axis is mirrored (the first month and the bars' baseline sit on
the right) and the SVG's `direction` follows, so that text anchors keep their meaning. Colours are never
written here: each shape carries a CSS class that site.css maps to a Codex design token.

Every label goes through `format_html` (escaped) before the pieces are joined; only the joined result is
marked safe.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

Number = int | float | Decimal

__all__ = [
    "HEAT_LEVELS",
    "Series",
    "bar_chart",
    "format_number",
    "heat_legend",
    "heat_level",
    "heatmap_chart",
    "legend",
    "timeline_chart",
    "timeline_points",
]

HEAT_LEVELS = 4  # shades of a positive gap; level 0 is "no gap" (met or surplus)


@dataclass(frozen=True)
class Series:
    """One kind of bar of a chart: its name (for the legend and each bar's title) and its CSS modifier."""

    label: str
    css: str


def format_number(value: Number | None) -> str:
    """A figure in the active language ("2.5", "2,5"), as the page's tables write it; no ".0" on whole numbers."""
    if value is None:
        return "–"
    if isinstance(value, Decimal | float) and value != int(value):
        return _localized(translation.get_language(), Decimal(value).quantize(Decimal("0.1")))
    return _localized(translation.get_language(), int(value))


@functools.lru_cache(maxsize=4096)
def _localized(language: str | None, value: int | Decimal) -> str:
    # A heat map writes hundreds of figures, mostly the same few: each is localised once per language.
    # (The language is part of the key; number_format reads the active one, which is that language.)
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=1, use_l10n=True)
    return formats.number_format(value, use_l10n=True)


def _rtl(rtl: bool | None) -> bool:
    return translation.get_language_bidi() if rtl is None else rtl


class _Canvas:
    """Mirrors x positions for right-to-left pages: the layout is computed once, left to right."""

    def __init__(self, width: int, rtl: bool) -> None:
        self.width = width
        self.rtl = rtl

    def x(self, x: float, width: float = 0) -> float:
        """The left edge of a box (or a point, width 0) drawn at `x` in the left-to-right layout."""
        return round(self.width - x - width, 1) if self.rtl else round(x, 1)


def _open_svg(*, chart_id: str, width: int, height: int, title: str, description: str, rtl: bool, css: str):
    labelled_by = f"{chart_id}-title {chart_id}-desc" if description else f"{chart_id}-title"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="ov-chart {}" id="{}" role="img" '
        'aria-labelledby="{}" viewBox="0 0 {} {}" width="{}" height="{}" direction="{}" '
        'preserveAspectRatio="xMinYMin meet"><title id="{}-title">{}</title>{}',
        css,
        chart_id,
        labelled_by,
        width,
        height,
        width,
        height,
        "rtl" if rtl else "ltr",
        chart_id,
        title,
        format_html('<desc id="{}-desc">{}</desc>', chart_id, description) if description else "",
    )


def _join(parts: Sequence[SafeString]) -> SafeString:
    # Every part was built by format_html (its labels escaped): joining them keeps them safe.
    return mark_safe("".join(parts))  # noqa: S308 - the parts are format_html output


# --- Renewal timeline: one bar per month ----------------------------------------------------------------


def timeline_points(timeline: Sequence[dict]) -> list[tuple[datetime.date, int]]:
    """ScopeSummary.timeline ([{"month": "2026-12", "ending": 3}, ...]) as (first day, count) pairs."""
    points = []
    for entry in timeline:
        year, month = str(entry["month"]).split("-")
        points.append((datetime.date(int(year), int(month), 1), int(entry.get("ending") or 0)))
    return points


def timeline_chart(
    points: Sequence[tuple[datetime.date, int]],
    *,
    chart_id: str,
    title: str,
    description: str = "",
    rtl: bool | None = None,
) -> SafeString:
    """Vertical bars: how many terms end in each month; the count above each bar, the month below."""
    rtl = _rtl(rtl)
    slot, bar, left, top, plot, bottom = 52, 32, 8, 22, 120, 40
    width = left * 2 + slot * max(len(points), 1)
    height = top + plot + bottom
    canvas = _Canvas(width, rtl)
    peak = max((value for _month, value in points), default=0)
    parts = [
        _open_svg(
            chart_id=chart_id,
            width=width,
            height=height,
            title=title,
            description=description,
            rtl=rtl,
            css="ov-chart--timeline",
        )
    ]
    baseline = top + plot
    parts.append(
        format_html(
            '<line class="ov-chart__axis" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
            left,
            baseline,
            width - left,
            baseline,
        )
    )
    for index, (month, value) in enumerate(points):
        bar_height = round(plot * value / peak, 1) if peak else 0
        x = left + index * slot + (slot - bar) / 2
        centre = canvas.x(left + index * slot + slot / 2)
        month_name = formats.date_format(month, "YEAR_MONTH_FORMAT")
        parts.append(
            format_html(
                '<g class="ov-chart__item"><title>{}</title>'
                '<rect class="ov-chart__bar ov-chart__bar--ending" x="{}" y="{}" width="{}" height="{}">'
                "</rect>"
                '<text class="ov-chart__value" x="{}" y="{}" text-anchor="middle">{}</text>'
                '<text class="ov-chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
                _("%(month)s: %(count)s terms ending") % {"month": month_name, "count": format_number(value)},
                canvas.x(x, bar),
                round(baseline - bar_height, 1),
                bar,
                bar_height,
                centre,
                round(baseline - bar_height - 6, 1),
                format_number(value),
                centre,
                baseline + 16,
                formats.date_format(month, "M"),
            )
        )
        if index == 0 or month.month == 1:
            parts.append(
                format_html(
                    '<text class="ov-chart__label ov-chart__label--year" x="{}" y="{}" text-anchor="middle">'
                    "{}</text>",
                    centre,
                    baseline + 32,
                    formats.date_format(month, "Y"),
                )
            )
        parts.append(mark_safe("</g>"))
    parts.append(mark_safe("</svg>"))
    return _join(parts)


# --- Horizontal bars: one row per label, one bar per series ----------------------------------------------


def bar_chart(
    rows: Sequence[tuple[str, Sequence[Number | None]]],
    *,
    series: Sequence[Series],
    chart_id: str,
    title: str,
    description: str = "",
    rtl: bool | None = None,
) -> SafeString:
    """Horizontal bars from a common baseline (left, or right when mirrored), the figure after each bar.

    `rows` are (label, one value per series); a None value (a group too small to show) draws no bar and
    is written as a dash. Bars of all rows share one scale, so that rows compare.
    """
    rtl = _rtl(rtl)
    label_width, plot, value_width, pad = 190, 300, 56, 8
    bar, gap, row_gap, top = 14, 2, 10, 8
    width = label_width + plot + value_width
    row_height = len(series) * (bar + gap) - gap + row_gap
    height = top * 2 + row_height * max(len(rows), 1)
    canvas = _Canvas(width, rtl)
    peak = max((float(value) for _label, values in rows for value in values if value), default=0.0)
    parts = [
        _open_svg(
            chart_id=chart_id,
            width=width,
            height=height,
            title=title,
            description=description,
            rtl=rtl,
            css="ov-chart--bars",
        )
    ]
    for row_index, (label, values) in enumerate(rows):
        y0 = top + row_index * row_height
        short = Truncator(label).chars(28)
        parts.append(
            format_html(
                '<text class="ov-chart__label" x="{}" y="{}" text-anchor="end">{}<title>{}</title></text>',
                canvas.x(label_width - pad),
                y0 + (row_height - row_gap) / 2 + 4,
                short,
                label,
            )
        )
        for series_index, (kind, value) in enumerate(zip(series, values, strict=False)):
            y = y0 + series_index * (bar + gap)
            length = round(plot * float(value) / peak, 1) if value and peak else 0
            parts.append(
                format_html(
                    '<g class="ov-chart__item"><title>{}</title>'
                    '<rect class="ov-chart__bar ov-chart__bar--{}" x="{}" y="{}" width="{}" height="{}"></rect>'
                    '<text class="ov-chart__value" x="{}" y="{}" text-anchor="start">{}</text></g>',
                    f"{label} · {kind.label}: {format_number(value)}",
                    kind.css,
                    canvas.x(label_width, length),
                    y,
                    length,
                    bar,
                    canvas.x(label_width + length + 4),
                    y + bar - 3,
                    format_number(value),
                )
            )
    parts.append(mark_safe("</svg>"))
    return _join(parts)


def legend(series: Sequence[Series]) -> SafeString:
    """The key to a chart's colours, as a list: each swatch is a small SVG square of the series' class."""
    return format_html(
        '<ul class="ov-legend">{}</ul>',
        format_html_join(
            "",
            '<li class="ov-legend__item"><svg class="ov-legend__swatch" viewBox="0 0 12 12" width="12" '
            'height="12" aria-hidden="true"><rect class="ov-chart__bar ov-chart__bar--{}" width="12" '
            'height="12"></rect></svg>{}</li>',
            ((kind.css, kind.label) for kind in series),
        ),
    )


# --- Heat map: competencies by regions or organisations ---------------------------------------------------


def heat_level(value: Number | None, maximum: Number | None) -> int:
    """The shade of a cell: 0 for no gap (None, met or surplus), then 1..HEAT_LEVELS by share of the max."""
    if value is None or value <= 0 or not maximum or maximum <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, math.ceil(float(value) / float(maximum) * HEAT_LEVELS)))


def heat_legend(maximum: Number | None) -> list[dict]:
    """What each shade means, for the legend under the heat map: [{"level", "label"}, ...]."""
    entries = [{"level": 0, "label": _("no gap")}]
    if not maximum or maximum <= 0:
        return entries
    peak = float(maximum)
    for level in range(1, HEAT_LEVELS + 1):
        low = peak * (level - 1) / HEAT_LEVELS
        high = peak * level / HEAT_LEVELS
        entries.append(
            {
                "level": level,
                "label": _("gap above %(low)s up to %(high)s")
                % {
                    "low": format_number(Decimal(str(round(low, 1)))),
                    "high": format_number(Decimal(str(round(high, 1)))),
                },
            }
        )
    return entries


def heatmap_chart(
    *,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[Number | None]],
    maximum: Number | None,
    chart_id: str,
    title: str,
    description: str = "",
    rtl: bool | None = None,
) -> SafeString:
    """A grid of cells, shaded by the size of the gap, each with its figure written (colour is never the
    only cue). Rows are competencies, columns regions or organisations; long names are shortened in the
    picture and given whole in each cell's title and in the table that follows the chart.
    """
    rtl = _rtl(rtl)
    label_width, cell, cell_height, head, pad = 200, 64, 24, 28, 8
    width = label_width + cell * max(len(column_labels), 1)
    height = head + cell_height * max(len(row_labels), 1) + pad
    canvas = _Canvas(width, rtl)
    cell_title = _("%(competency)s, %(column)s: gap %(gap)s")
    parts = [
        _open_svg(
            chart_id=chart_id,
            width=width,
            height=height,
            title=title,
            description=description,
            rtl=rtl,
            css="ov-chart--heatmap",
        )
    ]
    for column_index, column in enumerate(column_labels):
        parts.append(
            format_html(
                '<text class="ov-chart__label ov-chart__label--column" x="{}" y="{}" text-anchor="middle">'
                "{}<title>{}</title></text>",
                canvas.x(label_width + column_index * cell + cell / 2),
                head - 10,
                Truncator(column).chars(9),
                column,
            )
        )
    for row_index, row in enumerate(row_labels):
        y = head + row_index * cell_height
        parts.append(
            format_html(
                '<text class="ov-chart__label" x="{}" y="{}" text-anchor="end">{}<title>{}</title></text>',
                canvas.x(label_width - pad),
                y + cell_height / 2 + 4,
                Truncator(row).chars(30),
                row,
            )
        )
        row_values = values[row_index] if row_index < len(values) else ()
        for column_index, column in enumerate(column_labels):
            value = row_values[column_index] if column_index < len(row_values) else None
            level = heat_level(value, maximum)
            x = label_width + column_index * cell
            shown = escape(format_number(value))
            title = escape(cell_title % {"competency": row, "column": column, "gap": format_number(value)})
            strong = " ov-chart__cell-value--strong" if level >= 3 else ""
            # Hundreds of cells: an f-string of escaped text and numbers (format_html per cell cost more
            # than the rest of the page).
            parts.append(
                mark_safe(  # noqa: S308 - title and shown are escaped above; the rest are numbers
                    f'<g class="ov-chart__item"><title>{title}</title>'
                    f'<rect class="ov-heat ov-heat--{level}" x="{canvas.x(x + 1, cell - 2)}" y="{y + 1}" '
                    f'width="{cell - 2}" height="{cell_height - 2}"></rect>'
                    f'<text class="ov-chart__cell-value{strong}" x="{canvas.x(x + cell / 2)}" '
                    f'y="{y + cell_height / 2 + 4}" text-anchor="middle">{shown}</text></g>'
                )
            )
    parts.append(mark_safe("</svg>"))
    return _join(parts)
