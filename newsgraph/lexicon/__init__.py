"""Every word list, phrase table and pattern the rules use, read from the TOML files in this folder.

One file per domain (``speech.toml``, ``responses.toml``, ...); an entry is named ``domain.key``
(``words("responses.deny_verbs")``). Rule code names entries with a literal string so that
``tests/test_lexicon.py`` can check that every entry is used and that rule modules hold no word
lists of their own. Files are read once per process.

Entry shapes in the TOML:
- a list of strings: ``words`` (a frozenset, for membership) or ``phrases`` (a tuple, order kept);
- a table: ``table`` (a dict, values as written: strings, numbers, lists);
- a string holding a regular expression: ``pattern`` (compiled, flags given by the caller).
"""
from __future__ import annotations

import calendar
import re
import tomllib
from functools import cache
from importlib.resources import files
from collections.abc import Iterable
from typing import Any

from newsgraph import errors

# The calendar's own names, lower case, from the standard library rather than a list of ours:
# January first, and Monday first (as datetime.weekday()).
MONTHS: tuple[str, ...] = tuple(name.lower() for name in calendar.month_name[1:])
WEEKDAYS: tuple[str, ...] = tuple(name.lower() for name in calendar.day_name)


@cache
def domain(name: str) -> dict[str, Any]:
    """The whole TOML file of one domain."""
    resource = files(__package__) / f"{name}.toml"
    if not resource.is_file():
        raise errors.LexiconError(f"no lexicon file '{name}.toml' in newsgraph/lexicon/")
    return tomllib.loads(resource.read_text(encoding="utf-8"))


def entry(name: str) -> Any:
    """The raw value of ``domain.key`` (a key may itself be dotted: ``facts.metrics.revenue``)."""
    file, _, key = name.partition(".")
    value: Any = domain(file)
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise errors.LexiconError(f"no lexicon entry '{name}' (look in newsgraph/lexicon/{file}.toml)")
        value = value[part]
    return value


@cache
def words(name: str) -> frozenset[str]:
    """A word list for membership tests."""
    return frozenset(_strings(name))


@cache
def phrases(name: str) -> tuple[str, ...]:
    """A word list whose order matters (longest first, priority, ...)."""
    return tuple(_strings(name))


@cache
def table(name: str) -> dict[str, Any]:
    """A phrase table: a mapping as written in the file."""
    value = entry(name)
    if not isinstance(value, dict):
        raise errors.LexiconError(f"lexicon entry '{name}' is not a table")
    return dict(value)


@cache
def pattern(name: str, flags: int = 0) -> re.Pattern[str]:
    """A regular expression written in the file."""
    value = entry(name)
    if not isinstance(value, str):
        raise errors.LexiconError(f"lexicon entry '{name}' is not a pattern string")
    return re.compile(value, flags)


def alternation(name: str) -> str:
    """A word list as a regular-expression alternation, longest first (for building patterns)."""
    return alternation_of(_strings(name))


def alternation_of(words: Iterable[str]) -> str:
    """Any words as a regular-expression alternation, longest first, each once."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _strings(name: str) -> list[str]:
    value = entry(name)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise errors.LexiconError(f"lexicon entry '{name}' is not a list of strings")
    return value
