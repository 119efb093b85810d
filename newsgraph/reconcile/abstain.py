"""Abstention: a story keeps only the extractions its articles are sure enough of.

Every response, report and fact carries a ``confidence`` (0-1) set by the extractor that found it;
the analyses keep every candidate, the story record (which every face reads) keeps those at or
above the threshold of their kind. The thresholds are chosen on development data for precision
first (responses >= 0.90, facts >= 0.85): see docs/benchmarks.md, "Confidence and abstention"."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")

MIN_CONFIDENCE = {"response": 0.5, "report": 0.5, "fact": 0.5}


def confident(items: Iterable[T], kind: str) -> list[T]:
    """The items (Response, Report or Fact) whose confidence reaches the threshold of ``kind``."""
    floor = MIN_CONFIDENCE[kind]
    return [x for x in items if x.confidence >= floor]
