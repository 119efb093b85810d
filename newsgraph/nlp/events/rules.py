"""The event rules: each event type's words, read from the lexicon (``events.rules``, one table per
rule, checked in the file's order), and the indexes a sentence is checked with."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from newsgraph import errors, lexicon
from newsgraph.model import EventType


@dataclass(frozen=True)
class Rule:
    """An event type's words: ``triggers`` fire alone; ``cued`` fire only with a ``context`` lemma
    in the sentence; ``phrases`` are lemma pairs ('joint venture'), which fire alone. A rule with
    ``unless`` types stays silent when one of them fired in the sentence (a 'deal' already told as
    a merger is not a second event); a cued word whose object holds one of the ``blocked`` words
    fires nothing ('sold $40 million of stock' is no sales report)."""

    type: EventType
    triggers: frozenset[str] = frozenset()
    cued: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    phrases: frozenset[tuple[str, str]] = frozenset()
    unless: frozenset[EventType] = frozenset()
    window: int = 0  # cued words need a context word this many tokens away at most (0: anywhere)
    blocked: frozenset[str] = frozenset()


# What a company or an investor sells that is no product: selling them is no sales report.
SECURITY_WORDS = lexicon.words("events.security_words")
# The word lists a rule names as "@name" in its lists, each read here by its entry's name.
SHARED = {
    "@plant_words": lexicon.phrases("events.plant_words"),
    "@job_words": lexicon.phrases("events.job_words"),
    "@product_words": lexicon.phrases("events.product_words"),
    "@change_words": lexicon.phrases("events.change_words"),
    "@security_words": lexicon.phrases("events.security_words"),
}
# The fields of a rule table: the Rule's own, and the words its context leaves out.
FIELDS = frozenset(f.name for f in fields(Rule)) | {"except"}


def _pairs(entries: Iterable[str]) -> frozenset[tuple[str, str]]:
    """'joint venture' -> ('joint', 'venture'); 'new @product_words' -> ('new', w) for each word of the list."""
    out = set()
    for entry in entries:
        first, second = entry.split()
        out.update((first, w) for w in (SHARED[second] if second.startswith("@") else (second,)))
    return frozenset(out)


def _words(entries: Iterable[str]) -> frozenset[str]:
    """A rule's word list, with each "@name" replaced by the shared list's words."""
    return frozenset(w for entry in entries for w in (SHARED[entry] if entry.startswith("@") else (entry,)))


def rule_of(name: str, spec: dict[str, Any]) -> Rule:
    """One ``[rules.<name>]`` table as a Rule (its type is ``type``, else the name)."""
    unknown = set(spec) - FIELDS
    if unknown:
        raise errors.LexiconError(f"events.rules.{name}: unknown fields {sorted(unknown)}")
    return Rule(EventType(spec.get("type", name)), _words(spec.get("triggers", ())), _words(spec.get("cued", ())),
                _words(spec.get("context", ())) - _words(spec.get("except", ())), _pairs(spec.get("phrases", ())),
                frozenset(EventType(t) for t in spec.get("unless", ())), spec.get("window", 0),
                _words(spec.get("blocked", ())))


# Lemma pairs whose second word is not the word it seems: 'earnings per share' is no stock.
IDIOMS = _pairs(lexicon.phrases("events.idioms"))
# ... and pairs whose first word is not: an 'investment bank' is no investment.
IDIOMS_FIRST = _pairs(lexicon.phrases("events.idioms_first"))
# Trigger words that count only as these parts of speech: 'was fined' is a penalty, 'all is fine' not.
PARTS_OF_SPEECH = {lemma: frozenset(parts) for lemma, parts in lexicon.table("events.parts_of_speech").items()}
RULES: tuple[Rule, ...] = tuple(rule_of(name, spec) for name, spec in lexicon.table("events.rules").items())


def _rules_by_word(rules: tuple[Rule, ...]) -> dict[str, set[int]]:
    """Which rules (by position) a word can set off: a sentence is checked against those only."""
    index: dict[str, set[int]] = {}
    for n, rule in enumerate(rules):
        for word in rule.triggers | rule.cued | {first for first, _ in rule.phrases}:
            index.setdefault(word, set()).add(n)
    return index


RULES_BY_WORD = _rules_by_word(RULES)
# What silences a type, for its parse rules too.
UNLESS = {kind: frozenset().union(*(r.unless for r in RULES if r.type == kind))
          for kind in dict.fromkeys(r.type for r in RULES)}
