"""newsgraph.web.charts: one Plotly chart per metric, one line per kind of period and qualifier, with
no way for article text to break out."""
from __future__ import annotations

import json
import re

import pytest

from newsgraph.web.charts import metric_chart, period_kind

HOSTILE = "</script><script>window.pwned=1</script>"


def rows(*points: tuple[str, float, str]) -> list[dict]:
    return [{"published_at": day, "value": value, "unit": "USD", "qualifier": qualifier, "outlet": HOSTILE,
             "period": "Q1 <b>2026</b>", "period_end": None} for day, value, qualifier in points]


def figure_of(html: str) -> list:
    call = re.search(r"Plotly\.newPlot\(\s*\"chart-1\",\s*(\[.*?\]),\s*\{", html, re.S)
    return json.loads(call.group(1))


def test_one_trace_per_qualifier_with_the_points_in_order():
    html = metric_chart(rows(("2026-01-02", 5.0, "exact"), ("2026-01-05", 6.0, "exact"),
                             ("2026-01-07", 7.5, "forecast")), "chart-1")
    traces = figure_of(str(html))
    assert [t["name"] for t in traces] == ["other", "other (forecast)"]
    assert traces[0]["y"] == [5.0, 6.0] and traces[1]["x"] == ["2026-01-07"]


def test_article_words_cannot_close_the_script_or_add_markup():
    html = str(metric_chart(rows(("2026-01-02", 1.0, "exact"), ("2026-01-03", 2.0, "exact")), "chart-1"))
    assert "</script><script>" not in html and "<b>2026" not in html
    assert "https://" not in html  # no CDN: the page loads plotly.min.js from the package


def test_a_flat_series_gets_a_readable_axis():
    html = str(metric_chart(rows(("2026-01-02", 430.0, "exact"), ("2026-01-03", 430.0, "exact")), "chart-1"))
    assert '"range":[387.0,473.0]' in html.replace(" ", "")


def test_a_figure_sits_at_the_end_of_its_period():
    points = rows(("2026-02-03T10:00:00+00:00", 118.6, "exact"), ("2026-05-08T09:00:00+00:00", 121.0, "exact"))
    points[0]["period_end"], points[1]["period_end"] = "2025-12-31", "2026-03-31"
    trace, = figure_of(str(metric_chart(points, "chart-1")))
    assert trace["x"] == ["2025-12-31", "2026-03-31"]


@pytest.mark.parametrize("period, kind", [
    ("Mar 2026", "month"), ("Q3 2026", "quarter"), ("Jul-Sep 2026", "quarter"), ("Q2 FY2027", "quarter"),
    ("H1 2025", "half year"), ("Jan-Jun 2026", "half year"), ("Jan-Sep 2026", "nine months"),
    ("2026", "year"), ("FY 2026", "year"), ("FY to Mar 2027", "year"), ("FY 2025/2026", "year"),
    ("2026-06-10", "point in time"), (None, "point in time"), ("YTD 2026", "year to date"),
    ("past year", "other"), ("Apr-May 2026", "other"),
])
def test_period_kinds(period, kind):
    assert period_kind(period) == kind


def figure(period: str | None, end: str | None, value: float, published: str = "2026-11-20",
           qualifier: str = "exact") -> dict:
    return {"published_at": published, "value": value, "unit": "USD", "qualifier": qualifier, "outlet": "Wire",
            "period": period, "period_end": end}


def test_figures_of_different_period_kinds_are_never_one_line():
    # revenue of a month, a quarter, nine months and a year, and one as of a day, all in one metric
    points = [figure("Jan 2026", "2026-01-31", 10.0), figure("Feb 2026", "2026-02-28", 11.0),
              figure("Q1 2026", "2026-03-31", 32.0), figure("Apr-Jun 2026", "2026-06-30", 35.0),
              figure("Jan-Sep 2026", "2026-09-30", 101.0), figure("2025", "2025-12-31", 120.0),
              figure("FY 2026", "2026-12-31", 140.0), figure(None, None, 9.0, published="2026-10-02"),
              figure("Q3 2026", "2026-09-30", 36.0, qualifier="forecast")]
    traces = {t["name"]: t for t in figure_of(str(metric_chart(points, "chart-1")))}
    assert set(traces) == {"month", "quarter", "nine months", "year", "point in time", "quarter (forecast)"}
    assert traces["month"]["y"] == [10.0, 11.0]
    assert traces["quarter"]["y"] == [32.0, 35.0]
    assert traces["year"]["x"] == ["2025-12-31", "2026-12-31"]
    assert traces["nine months"]["y"] == [101.0] and traces["point in time"]["x"] == ["2026-10-02"]
    assert traces["quarter (forecast)"]["y"] == [36.0]
    for t in traces.values():  # every line joins figures of one kind only
        kinds = {period_kind(p["period"]) for p in points if p["value"] in t["y"]}
        assert len(kinds) == 1, (t["name"], kinds)


def test_a_period_of_unknown_shape_is_drawn_as_points_not_a_line():
    points = [figure("past year", None, 5.0, published="2026-01-02"),
              figure("the coming months", None, 6.0, published="2026-03-02")]
    trace, = figure_of(str(metric_chart(points, "chart-1")))
    assert trace["mode"] == "markers"
