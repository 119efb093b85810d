"""Align the facts of a story's articles: merge what agrees, mark refinements and conflicts.

Two facts are about the same thing when they share subject, period, kind (actual, target or
forecast) and a compatible metric (one's words contain the other's, after plural folding).
Their values then agree (same value and qualifier: one merged fact), refine each other
(consistent at different precision or with qualifiers: both kept, one `refinement`), or
conflict (cannot both be true: one `conflict` naming who holds which value).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace

from newsgraph import lexicon
from newsgraph.model import Disagreement, DisagreementKind, Evidence, Fact, Qualifier, StoryFact
from newsgraph.periods import as_quarter

KIND_OF = {Qualifier.TARGET: "target", Qualifier.FORECAST: "forecast"}  # never compared with actuals
UNSPECIFIC_METRICS = lexicon.words("reconcile.unspecific_metrics")
METRIC_NOISE = lexicon.words("reconcile.metric_noise")
# Words that name the same measure in news copy, folded to one.
SYNONYMS = lexicon.table("reconcile.metric_synonyms")
METRIC_WORD = re.compile(r"[a-z0-9]+")
YEAR = re.compile(r"\d{4}")


def metric_words(metric: str) -> frozenset[str]:
    words = set()
    for w in METRIC_WORD.findall(metric.lower()):
        if w in METRIC_NOISE:
            continue
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
        words.add(SYNONYMS.get(w, w))
    return frozenset(words)


def same_metric(a: str, b: str) -> bool:
    wa, wb = metric_words(a), metric_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _significant(value: float) -> int:
    """Significant digits as written: 250000 -> 2, 251837 -> 6, 1.2e6 -> 2."""
    if value == 0:
        return 1
    digits = f"{abs(value):.10g}".replace(".", "").lstrip("0").rstrip("0")
    return max(1, len(digits))


def _rounds_to(precise: float, rounded: float) -> bool:
    if rounded == 0:
        return precise == 0
    digits = _significant(rounded)
    scale = 10 ** (math.floor(math.log10(abs(rounded))) - digits + 1)
    return abs(precise - rounded) < scale / 2


def relation(a: Fact, b: Fact) -> str:
    """'same', 'refinement' or 'conflict' for two facts about the same thing."""
    qa, qb = a.qualifier, b.qualifier
    if math.isclose(a.value, b.value, rel_tol=1e-9) and (qa == qb or {qa, qb} <= {Qualifier.EXACT, Qualifier.ABOUT}):
        return "same"  # '10%' and 'about 10%' state one figure
    if math.isclose(a.value, b.value, rel_tol=1e-9):
        return "refinement"  # the same figure, one with a qualifier
    lo, hi = (a, b) if a.value < b.value else (b, a)
    if lo.qualifier == Qualifier.MORE_THAN and hi.qualifier != Qualifier.LESS_THAN:
        return "refinement"  # 'more than 250,000' and 251,837
    if hi.qualifier == Qualifier.LESS_THAN and lo.qualifier != Qualifier.MORE_THAN:
        return "refinement"
    if Qualifier.ABOUT in (qa, qb) and abs(a.value - b.value) <= 0.05 * max(abs(a.value), abs(b.value)):
        return "refinement"
    plain = {qa, qb} <= {Qualifier.EXACT, Qualifier.ABOUT}
    if plain and (_rounds_to(a.value, b.value) or _rounds_to(b.value, a.value)):
        return "refinement"  # '1.2 million' and 1,187,400
    return "conflict"


def periods_compatible(a: str | None, b: str | None) -> bool:
    """Equal, or one unknown, or one inside the other ('Dec 2025' within 'Oct-Dec 2025'); a
    calendar quarter named by its months is that quarter ('Apr-Jun 2026' is 'Q2 2026')."""
    if not a or not b or a == b or as_quarter(a) == as_quarter(b):
        return True
    years_a, years_b = set(YEAR.findall(a)), set(YEAR.findall(b))
    return years_a == years_b and bool(years_a) and (a in b or b in a)


def same_thing(a: Fact, b: Fact) -> bool:
    """Two facts measure the same thing: subject, period, kind and unit agree, metrics overlap."""
    return (a.subject_key == b.subject_key and periods_compatible(a.period, b.period)
            and not _units_differ(a.unit, b.unit) and KIND_OF.get(a.qualifier) == KIND_OF.get(b.qualifier)
            and same_metric(a.metric, b.metric))


def loosely_same_thing(a: Fact, b: Fact) -> bool:
    """The same figure for the same subject where one metric is too vague to compare ('forecast',
    'amount'): one fact told twice, never grounds for a conflict."""
    vague = not metric_words(a.metric) - UNSPECIFIC_METRICS or not metric_words(b.metric) - UNSPECIFIC_METRICS
    counted = bool(a.unit) and a.unit != "percent" and not a.unit.isupper()  # '20 jets' ordered, '20 jets' bought
    return (a.subject_key == b.subject_key and periods_compatible(a.period, b.period) and a.unit == b.unit
            and (vague or counted or same_metric(a.metric, b.metric)))


def _units_differ(a: str | None, b: str | None) -> bool:
    """Currencies and percentages are hard units: 10% is not $10. Count nouns are not compared."""
    hard = {a, b} - {None}
    return len(hard) == 2 and all(u == "percent" or (u.isupper() and len(u) == 3) for u in hard)


# A market figure taken during the session and one at the close are two moments, not a conflict.
INTRADAY = re.compile(r"\b(" + lexicon.alternation("reconcile.intraday_phrases") + r"|in (?:"
                      + lexicon.alternation("reconcile.session_parts") + r") (?:"
                      + lexicon.alternation("reconcile.session_trading") + r"))\b", re.I)
CLOSE = re.compile(r"\b((?:" + lexicon.alternation("reconcile.closing_verbs") + r") (?:"
                   + lexicon.alternation("reconcile.closing_moves") + r")|"
                   + lexicon.alternation("reconcile.close_phrases") + r")\b", re.I)


def moment(sentence: str) -> str | None:
    """'intraday' or 'close' when the sentence says when in the session a figure was taken."""
    if INTRADAY.search(sentence):
        return "intraday"
    if CLOSE.search(sentence):
        return "close"
    return None


def reconcile_facts(facts: list[Fact], outlet_of: Callable[[str], str],
                    sentence_of: Callable[[Evidence], str] | None = None
                    ) -> tuple[list[StoryFact], list[Disagreement]]:
    groups: list[list[Fact]] = []
    facts = sorted(facts, key=lambda f: (f.subject_key or "", f.metric, f.period or "", f.value, f.qualifier.value,
                                         f.evidence.article_id, f.evidence.start))  # the result must not depend on order
    for fact in facts:
        for group in groups:
            if any(same_thing(g, fact) for g in group[:1]) or any(
                    relation(g, fact) == "same" and loosely_same_thing(g, fact) for g in group):
                group.append(fact)
                break
        else:
            groups.append([fact])

    merged: list[StoryFact] = []
    disagreements: list[Disagreement] = []
    for group in groups:
        distinct: list[list[Fact]] = []
        for fact in group:
            for bucket in distinct:
                if relation(bucket[0], fact) == "same":
                    bucket.append(fact)
                    break
            else:
                distinct.append([fact])
        for bucket in distinct:
            best = min(bucket, key=lambda f: (f.qualifier != Qualifier.EXACT, len(f.metric)))
            if best.period:  # the story's record names a calendar quarter as such: 'Jul-Sep 2026' -> 'Q3 2026'
                best = replace(best, period=as_quarter(best.period))
            merged.append(StoryFact(fact=best, article_ids=tuple(dict.fromkeys(f.evidence.article_id for f in bucket)),
                                    evidence=tuple(f.evidence for f in bucket)))
        disagreements.extend(_disagreements(distinct, outlet_of, sentence_of))
    return merged, disagreements


def _disagreements(distinct: list[list[Fact]], outlet_of: Callable[[str], str],
                   sentence_of: Callable[[Evidence], str] | None = None) -> list[Disagreement]:
    """One `conflict` for values that cannot all be true, one `refinement` per set of values that
    agree at different precision. Two values that one article states side by side are taken as
    two different things, never as a conflict (the article is not contradicting itself)."""
    if len(distinct) < 2:
        return []
    sets: list[list[list[Fact]]] = []
    for bucket in sorted(distinct, key=lambda b: (b[0].value, b[0].qualifier.value)):
        for s in sets:
            if all(relation(bucket[0], other[0]) != "conflict" for other in s):
                s.append(bucket)
                break
        else:
            sets.append([bucket])
    out: list[Disagreement] = []
    lead = distinct[0][0]
    title = f"{lead.subject} {lead.metric}{' ' + lead.period if lead.period else ''}"
    facts = [f for b in distinct for f in b]
    can_conflict = (len({f.period for f in facts}) == 1  # the same time reference, or none anywhere
                    and lead.metric not in UNSPECIFIC_METRICS
                    and not lead.metric.endswith("change")  # market moves differ by the minute
                    and not _two_moments(facts, sentence_of))
    if len(sets) > 1 and can_conflict:
        holders = [sorted(s, key=lambda b: (b[0].qualifier != Qualifier.EXACT, -len(b)))[0] for s in sets]
        articles_of = [{f.evidence.article_id for b in s for f in b} for s in sets]
        one_article_holds_two = any(articles_of[i] & articles_of[j] for i in range(len(sets))
                                    for j in range(i + 1, len(sets)))
        if not one_article_holds_two:
            out.append(_disagreement(DisagreementKind.CONFLICT, title, holders, outlet_of))
    for s in sets:
        if len(s) > 1:
            out.append(_disagreement(DisagreementKind.REFINEMENT, title, s, outlet_of))
    return [d for d in out if len(d.article_ids) >= 2 and len(d.evidence) >= 2]


def _two_moments(facts: list[Fact], sentence_of: Callable[[Evidence], str] | None) -> bool:
    """Some figures were taken during the session and others not: no conflict between them."""
    if sentence_of is None:
        return False
    moments = {moment(sentence_of(f.evidence)) for f in facts}
    return "intraday" in moments and len(moments) > 1


def _disagreement(kind: DisagreementKind, title: str, buckets: list[list[Fact]],
                  outlet_of: Callable[[str], str]) -> Disagreement:
    facts = [f for b in buckets for f in b]
    arts = tuple(dict.fromkeys(f.evidence.article_id for f in facts))
    firsts = {b[0].evidence.article_id: b[0].evidence for b in buckets}
    evidence = list(firsts.values()) + [f.evidence for f in facts if f.evidence.article_id not in firsts]
    about = f"{title}: " + " vs ".join(describe(b[0], outlet_of) for b in buckets)
    return Disagreement(kind=kind, about=about, article_ids=arts, evidence=tuple(dict.fromkeys(evidence)))


def describe(f: Fact, outlet_of: Callable[[str], str] | None = None) -> str:
    words = {Qualifier.MORE_THAN: "more than ", Qualifier.LESS_THAN: "less than ", Qualifier.ABOUT: "about "}
    value = f"{f.value:,.0f}" if f.value == int(f.value) else f"{f.value:,.2f}"
    unit = "%" if f.unit == "percent" else (f" {f.unit}" if f.unit else "")
    text = f"{words.get(f.qualifier, '')}{value}{unit}"
    return f"{text} ({outlet_of(f.evidence.article_id)})" if outlet_of else text
