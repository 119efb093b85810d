"""Abstention: a story keeps only the extractions its articles are sure enough of.

Every response, report and fact carries a ``confidence`` (0-1) set by the extractor that found it
(and weighed against the story for responses: ``reconcile.responses.weighed``); the analyses keep
every candidate, the story record (which every face reads) keeps those at or above the threshold of
their kind. The thresholds are chosen on development data for precision first (the precision and
recall each costs: docs/benchmarks.md, "Confidence and abstention"; ``benchmarks/real_responses.py
--thresholds``).

``NEWSGRAPH_MIN_CONFIDENCE`` overrides them for a run (then ``newsgraph rebuild`` re-applies them to
a store): one number for every kind (``0`` keeps every candidate) or ``kind=value`` pairs separated by
commas (``response=0.6,fact=0.4``).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TypeVar

from newsgraph.errors import NewsgraphError

T = TypeVar("T")

MIN_CONFIDENCE = {"response": 0.5, "report": 0.6, "fact": 0.5}
ENV = "NEWSGRAPH_MIN_CONFIDENCE"


def thresholds() -> dict[str, float]:
    """The threshold of each kind: the defaults, with the environment's overrides."""
    given = os.environ.get(ENV, "").strip()
    if not given:
        return MIN_CONFIDENCE
    out = dict(MIN_CONFIDENCE)
    try:
        if "=" not in given:
            return {kind: float(given) for kind in out}
        for part in given.split(","):
            kind, _, value = part.partition("=")
            if kind.strip() not in out:
                raise ValueError(f"unknown kind '{kind.strip()}'")
            out[kind.strip()] = float(value)
    except ValueError as exc:
        raise NewsgraphError(f"{ENV}={given!r}: {exc}; give a number, or kind=value pairs for "
                             f"{', '.join(MIN_CONFIDENCE)}") from exc
    return out


def confident(items: Iterable[T], kind: str) -> list[T]:
    """The items (Response, Report or Fact) whose confidence reaches the threshold of ``kind``."""
    floor = thresholds()[kind]
    return [x for x in items if x.confidence >= floor]
