"""A company's figures as one Plotly chart per metric.

The chart is a <div> plus the figure as JSON (Plotly escapes '<', '>' and '/' in it, so article text
cannot close the script); the page loads plotly.min.js from the package itself (/vendor/...), never
from a CDN. With JavaScript off the table under each chart carries the same figures.
"""
from __future__ import annotations

from html import escape

from markupsafe import Markup


def metric_chart(rows: list[dict], div_id: str) -> Markup:
    """``rows``: the figures of one metric (``views.EntityPage.facts``), oldest first. The x axis is
    the period a figure measures (its end), else the day it was published."""
    import plotly.graph_objects as go

    dated = [r for r in rows if r["period_end"] or r["published_at"]]
    groups: dict[str, list[dict]] = {}
    for r in sorted(dated, key=lambda r: r["period_end"] or r["published_at"][:10]):
        groups.setdefault(r["qualifier"], []).append(r)
    fig = go.Figure()
    for qualifier, items in groups.items():
        fig.add_trace(go.Scatter(
            # a figure sits at the end of the period it measures, else at the day it was published
            x=[r["period_end"] or r["published_at"][:10] for r in items], y=[r["value"] for r in items],
            mode="markers+lines",
            name=qualifier.replace("_", " "),
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
