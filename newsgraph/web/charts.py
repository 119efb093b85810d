"""A company's figures as one Plotly chart per metric, one line per kind of period.

A figure of a month, of a quarter, of a half, of nine months, of a year, up to a day ('year to
date') or at a point in time (a day, or no period: the day it was published) measures different
things, so a line never joins two kinds: each kind (and qualifier: a forecast is not a result) is a
series of its own. A period of no known shape stands alone: markers, no line.

The chart is a <div> plus the figure as JSON (Plotly escapes '<', '>' and '/' in it, so article text
cannot close the script); the page loads plotly.min.js from the package itself (/vendor/...), never
from a CDN. With JavaScript off the table under each chart carries the same figures.
"""
from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

from newsgraph.periods import DAY, MONTHS, PERIOD_KINDS

# Kinds of period by name shape; a span of months ('Jan-Sep 2026') by its length.
KIND_SHAPES = [
    ("point in time", DAY),
    ("year to date", re.compile(r"YTD(?: \d{4})?")),
    ("quarter", re.compile(r"Q[1-4] (?:FY)?\d{4}")),
    ("half year", re.compile(r"H[12] (?:FY)?\d{4}")),
    ("month", PERIOD_KINDS["month"]),
    ("year", PERIOD_KINDS["year"]),
]
MONTH_SPAN = re.compile(r"(?P<first>[A-Z][a-z]{2})(?:-[A-Z][a-z]{2})*-(?P<last>[A-Z][a-z]{2}) \d{4}")
SPAN_KINDS = {1: "month", 3: "quarter", 6: "half year", 9: "nine months", 12: "year"}
OTHER = "other"  # a period of no known shape: never joined to anything


def period_kind(period: str | None) -> str:
    """'Q3 2026' -> 'quarter', 'Jan-Sep 2026' -> 'nine months', 'FY 2026' -> 'year', '2026-06-10' or
    no period -> 'point in time' (a figure as of the day it was said), 'the past year' -> 'other'."""
    if not period:
        return "point in time"
    for kind, shape in KIND_SHAPES:
        if shape.fullmatch(period):
            return kind
    span = MONTH_SPAN.fullmatch(period)
    if span and span["first"] in MONTHS and span["last"] in MONTHS:
        return SPAN_KINDS.get((MONTHS[span["last"]] - MONTHS[span["first"]]) % 12 + 1, OTHER)
    return OTHER


def series_name(kind: str, qualifier: str) -> str:
    return kind if qualifier == "exact" else f"{kind} ({qualifier.replace('_', ' ')})"


def metric_chart(rows: list[dict], div_id: str) -> Markup:
    """``rows``: the figures of one metric (``views.EntityPage.facts``), oldest first. The x axis is
    the period a figure measures (its end), else the day it was published."""
    import plotly.graph_objects as go

    dated = [r for r in rows if r["period_end"] or r["published_at"]]
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in sorted(dated, key=lambda r: r["period_end"] or r["published_at"][:10]):
        groups.setdefault((r.get("period_kind") or period_kind(r["period"]), r["qualifier"]), []).append(r)
    fig = go.Figure()
    for (kind, qualifier), items in groups.items():
        fig.add_trace(go.Scatter(
            # a figure sits at the end of the period it measures, else at the day it was published
            x=[r["period_end"] or r["published_at"][:10] for r in items], y=[r["value"] for r in items],
            mode="markers" if kind == OTHER else "markers+lines",
            name=escape(series_name(kind, qualifier)),
            # hover text is drawn by Plotly as markup: escape the outlet and period words
            text=[escape(f"{r['outlet']}{' · ' + r['period'] if r['period'] else ''}") for r in items],
            hovertemplate="%{y:,}<br>%{text}<extra></extra>"))
    unit = next((r["unit"] for r in rows if r["unit"]), None)
    values = [r["value"] for r in dated]
    if values and max(values) == min(values):  # a flat series: give the axis room instead of 1e-9 ticks
        pad = abs(values[0]) * 0.1 or 1
        fig.update_yaxes(range=[values[0] - pad, values[0] + pad])
    fig.update_layout(title=None, height=260, margin=dict(l=50, r=10, t=10, b=40), showlegend=len(groups) > 1,
                      yaxis_title=escape(unit or ""), template="plotly_white", font=dict(size=12))
    html = fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                       config={"displayModeBar": False, "responsive": True})
    return Markup(html)
