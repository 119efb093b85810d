"""Jinja filters for the pages: dates, figures, search snippets. Output stays escaped."""
from __future__ import annotations

from datetime import datetime

from jinja2 import Environment
from markupsafe import Markup, escape

from newsgraph.reconcile.facts import describe


def when(dt: datetime | None, with_time: bool = True) -> str:
    if dt is None:
        return "undated"
    return dt.strftime("%Y-%m-%d %H:%M") if with_time and (dt.hour or dt.minute) else dt.strftime("%Y-%m-%d")


def snippet(match: dict) -> Markup:
    """A search match (``views.snippet_json``): its text escaped, the matched words in <mark>."""
    text, out, at = match["snippet"], [], 0
    for start, end in match["highlights"]:
        out += [escape(text[at:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def label(value: str) -> str:
    """'declined_to_comment' -> 'declined to comment'."""
    return value.replace("_", " ")


def register(env: Environment) -> None:
    env.filters.update(when=when, snippet=snippet, label=label, figure=describe)
