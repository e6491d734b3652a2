"""The overview's SVG charts: geometry, mirroring for right-to-left, numbers in the language, escaping."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation

from leadership.overview import charts

pytestmark = pytest.mark.unit

MONTHS = [(datetime.date(2026, 11, 1), 2), (datetime.date(2026, 12, 1), 0), (datetime.date(2027, 1, 1), 4)]


def attribute_values(svg: str, element: str, name: str) -> list[str]:
    return re.findall(rf'<{element}\b[^>]*?\b{name}="([^"]*)"', svg)


def test_format_number_follows_the_language():
    with translation.override("en"):
        assert charts.format_number(1234) == "1234"
        assert charts.format_number(Decimal("2.5")) == "2.5"
        assert charts.format_number(Decimal("3.0")) == "3"
        assert charts.format_number(None) == "–"
    with translation.override("fr"):
        assert charts.format_number(Decimal("2.5")) == "2,5"


def test_timeline_points_reads_the_stored_timeline():
    stored = [{"month": "2026-11", "ending": 2}, {"month": "2026-12", "ending": 0}]
    assert charts.timeline_points(stored) == [
        (datetime.date(2026, 11, 1), 2),
        (datetime.date(2026, 12, 1), 0),
    ]


def test_timeline_chart_is_an_accessible_image_with_one_bar_per_month():
    with translation.override("en"):
        svg = charts.timeline_chart(MONTHS, chart_id="tl", title="Terms ending", description="Next months")
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" class="ov-chart ov-chart--timeline" id="tl"'
    )
    assert 'role="img" aria-labelledby="tl-title tl-desc"' in svg
    assert '<title id="tl-title">Terms ending</title><desc id="tl-desc">Next months</desc>' in svg
    assert 'direction="ltr"' in svg
    # width = 2 x 8 margin + 3 x 52 slots; the tallest bar (4) fills the 120 plot, the others scale.
    assert 'viewBox="0 0 172 182"' in svg
    assert attribute_values(svg, "rect", "x") == ["18.0", "70.0", "122.0"]
    assert attribute_values(svg, "rect", "height") == ["60.0", "0.0", "120.0"]
    assert "<title>November 2026: 2 terms ending</title>" in svg
    # The year is written under the first month and under every January.
    assert re.findall(r'label--year"[^>]*>(\d{4})<', svg) == ["2026", "2027"]


def test_timeline_chart_mirrors_x_for_a_right_to_left_language():
    with translation.override("ar"):
        svg = charts.timeline_chart(MONTHS, chart_id="tl", title="t")
    assert 'direction="rtl"' in svg
    # Mirrored: x' = 172 - x - 32; the first month is on the right.
    assert attribute_values(svg, "rect", "x") == ["122.0", "70.0", "18.0"]
    assert ">نوفمبر<" in svg
    assert 'aria-labelledby="tl-title"' in svg
    assert "<desc" not in svg


def test_timeline_chart_explicit_rtl_overrides_the_language():
    with translation.override("en"):
        assert 'direction="rtl"' in charts.timeline_chart(MONTHS, chart_id="x", title="t", rtl=True)


def test_bar_chart_scales_bars_on_one_axis_and_marks_missing_values():
    series = [charts.Series("Vacant seats", "vacant"), charts.Series("Terms ending", "ending")]
    rows = [("Africa", [6, 3]), ("Europe", [3, None])]
    with translation.override("en"):
        svg = charts.bar_chart(rows, series=series, chart_id="bars", title="Per region")
    assert attribute_values(svg, "rect", "width") == ["300.0", "150.0", "150.0", "0"]
    assert attribute_values(svg, "rect", "x") == ["190", "190", "190", "190"]
    assert attribute_values(svg, "rect", "class") == [
        "ov-chart__bar ov-chart__bar--vacant",
        "ov-chart__bar ov-chart__bar--ending",
        "ov-chart__bar ov-chart__bar--vacant",
        "ov-chart__bar ov-chart__bar--ending",
    ]
    assert "<title>Europe · Terms ending: –</title>" in svg


def test_bar_chart_mirrored_bars_grow_from_the_right():
    series = [charts.Series("Vacant seats", "vacant")]
    svg = charts.bar_chart([("A", [4]), ("B", [2])], series=series, chart_id="b", title="t", rtl=True)
    # width 546: a bar of length L starts at 546 - 190 - L.
    assert attribute_values(svg, "rect", "x") == ["56.0", "206.0"]
    assert attribute_values(svg, "text", "x")[:2] == ["364", "52.0"]


def test_chart_labels_are_escaped():
    series = [charts.Series("<b>bold</b>", "vacant")]
    svg = charts.bar_chart(
        [('<script>alert("x")</script>', [1])], series=series, chart_id="b", title="<i>t</i>"
    )
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg
    assert '<title id="b-title">&lt;i&gt;t&lt;/i&gt;</title>' in svg
    assert "&lt;b&gt;bold&lt;/b&gt;" in charts.legend(series)


@pytest.mark.parametrize(
    ("value", "maximum", "level"),
    [
        (None, 8, 0),
        (Decimal("-2"), 8, 0),
        (0, 8, 0),
        (Decimal("0.5"), 8, 1),
        (2, 8, 1),
        (Decimal("2.5"), 8, 2),
        (6, 8, 3),
        (8, 8, 4),
        (3, 0, 0),
    ],
)
def test_heat_level(value, maximum, level):
    assert charts.heat_level(value, maximum) == level


def test_heat_legend_names_each_shade():
    with translation.override("en"):
        assert charts.heat_legend(Decimal("8")) == [
            {"level": 0, "label": "no gap"},
            {"level": 1, "label": "gap above 0 up to 2"},
            {"level": 2, "label": "gap above 2 up to 4"},
            {"level": 3, "label": "gap above 4 up to 6"},
            {"level": 4, "label": "gap above 6 up to 8"},
        ]
        assert charts.heat_legend(0) == [{"level": 0, "label": "no gap"}]


def test_heatmap_writes_every_figure_and_shades_by_class():
    with translation.override("en"):
        svg = charts.heatmap_chart(
            row_labels=["Facilitation", "Budgeting"],
            column_labels=["NWE", "CEE"],
            values=[[Decimal("4"), None], [Decimal("1.5"), Decimal("-1")]],
            maximum=Decimal("4"),
            chart_id="heat",
            title="Gaps",
        )
    assert attribute_values(svg, "rect", "class") == [
        "ov-heat ov-heat--4",
        "ov-heat ov-heat--0",
        "ov-heat ov-heat--2",
        "ov-heat ov-heat--0",
    ]
    assert re.findall(r'class="ov-chart__cell-value[^"]*"[^>]*>([^<]*)<', svg) == ["4", "–", "1.5", "-1"]
    assert "<title>Budgeting, NWE: gap 1.5</title>" in svg
    assert attribute_values(svg, "rect", "x")[:2] == ["201", "265"]


def test_heatmap_mirrored_puts_the_first_column_on_the_right():
    svg = charts.heatmap_chart(
        row_labels=["Facilitation"],
        column_labels=["NWE", "CEE"],
        values=[[1, 2]],
        maximum=2,
        chart_id="heat",
        title="Gaps",
        rtl=True,
    )
    # width 328: a cell drawn at x (62 wide) lands at 328 - x - 62.
    assert attribute_values(svg, "rect", "x") == ["65", "1"]
    assert 'direction="rtl"' in svg


def test_heatmap_shortens_long_names_but_keeps_them_whole_in_the_title():
    name = "Strategic planning and organisational development"
    svg = charts.heatmap_chart(
        row_labels=[name], column_labels=["NWE"], values=[[1]], maximum=1, chart_id="h", title="t"
    )
    assert f"<title>{name}</title>" in svg
    assert ">Strategic planning and organi…<" in svg
