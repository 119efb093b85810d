"""newsgraph.web.charts: one Plotly chart per metric, with no way for article text to break out."""
from __future__ import annotations

import json
import re

from newsgraph.web.charts import metric_chart

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
    assert [t["name"] for t in traces] == ["exact", "forecast"]
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
