"""When a figure is of: the period of the nearest date in its clause ('in the three months to
September', 'Q2 FY2027', 'on Wednesday'), else the reporting period the article last named, and for
a market move the day of another move in its sentence or of the article. The words of a date are
parsed and named by ``newsgraph.periods``; this module decides which date is the figure's."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from spacy.tokens import Doc, Span, Token

from newsgraph import lexicon
from newsgraph import periods as calendar_periods
from newsgraph.model import Fact, Qualifier
from newsgraph.nlp.facts.metrics import is_market_move
from newsgraph.nlp.common.spans import text_of

PARTICIPLE_DEPS = lexicon.words("facts.participle_deps")
THE_PERIOD = lexicon.pattern("time.the_period", re.I)  # 'in the month', 'for the quarter'
FULL_YEAR = lexicon.pattern("time.full_year", re.I)  # 'its full-year forecast'
YEAR = re.compile(r"\d{4}")
# a reporting period, with or without its year: 'Q2', 'H1 2026', 'Apr', 'Jul-Sep 2026', 'FY 2026', 'Q2 FY2027'
REPORTING = re.compile(r"(?:[QH][1-4](?: FY)?|FY|[A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?)(?: ?\d{4})?")
MONTH_ONLY = re.compile(r"[A-Z][a-z]{2}(?: \d{4})?")  # a month is a reporting period when said so: 'the month of April'
YEARLESS = re.compile(r"[QH][1-4]|[A-Z][a-z]{2}")  # a period of an undated article: 'Q2', 'Apr'
LEDE_SENTENCES = 3  # the headline and the first sentences, where an article names what it reports on
COMPARE_WORDS = lexicon.words("facts.compare_words")  # 'compared with the same period in 2016'
_NAMED = "newsgraph_named_periods"
_LEDE = "newsgraph_article_period"


def period_of(span: Span, others: list[Span], published: datetime | None, daily: bool = False,
              ahead: bool = False) -> str | None:
    """The nearest date of the figure's clause with no other figure between them. A market move
    (``daily``) prefers a day ('on Wednesday'); any other figure prefers a reporting period (a
    year, quarter or month) over the day it was announced."""
    sent = span.sent
    doc = span.doc
    best: tuple[tuple[int, int], str] | None = None
    dateline_start, dateline_end = (doc._.dateline or (0, 0))
    for ent in (e for e in _date_spans(sent) if not dateline_start <= e.start_char < dateline_end):
        lo, hi = (span.end, ent.start) if ent.start >= span.end else (ent.end, span.start)
        opening = ent.start <= sent.start + 1 and ent.end < span.start  # 'In July 2017, sales ...': the whole clause's
        if not opening and any(lo <= o.start < hi for o in others if o is not span):
            continue
        if _clause_of(ent.root) != _clause_of(span.root) or _comparison_base(ent):
            continue  # 'would affect 1,800 workers ... by the end of 2027': another clause's date
        period = _period_text(ent, published, ahead and not opening)  # an opening date is the reported period
        if period is None:
            continue
        is_day = calendar_periods.is_day(period)
        if is_day and not daily:
            continue  # 'a charge of €290m, a filing showed on Thursday': the day it was told, not its period
        distance = abs(ent.start - span.end) if ent.start >= span.end else abs(span.start - ent.end) + 2
        rank = (0 if is_day == daily else 1, distance)
        if best is None or rank < best[0]:
            best = (rank, period)
    return best[1] if best else None


def date_after(span: Span) -> str | None:
    """'from 80.4% in April 2016': the date said right after a figure, its own."""
    doc = span.doc
    for ent in _date_spans(span.sent):
        if span.end <= ent.start <= span.end + 2 and all(t.pos_ == "ADP" for t in doc[span.end:ent.start]):
            return _period_text(ent, doc._.published_at)
    return None


def _date_spans(sent: Span) -> list[Span]:
    """The sentence's dates: the NER's, and the fiscal labels it misses ('Q2 FY2027', '2025-26'); read
    once per sentence (the figures of a sentence ask again and again)."""
    cache = sent.doc.user_data.setdefault("newsgraph_date_spans", {})
    key = (sent.start, sent.end)
    if key not in cache:
        cache[key] = _find_date_spans(sent)
    return cache[key]


def _find_date_spans(sent: Span) -> list[Span]:
    # the NER's dates of the whole doc listed once (``sent.ents`` walks every entity of the doc for
    # each sentence); the entities are final by the time facts are read
    dates = sent.doc.user_data.get("newsgraph_ner_dates")
    if dates is None:
        dates = sent.doc.user_data["newsgraph_ner_dates"] = [e for e in sent.doc.ents if e.label_ == "DATE"]
    found = [e for e in dates if e.start >= sent.start and e.end <= sent.end]
    words = text_of(sent.doc)[sent.start_char:sent.end_char]  # sent.text, without joining its tokens again
    for m in calendar_periods.YEAR_TO_DATE.finditer(words):  # 'gained 8% year to date': the NER keeps 'year'
        label = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), label="DATE",
                                   alignment_mode="expand")
        if label is not None:
            found = [e for e in found if e.end <= label.start or e.start >= label.end] + [label]
    for m in calendar_periods.FISCAL.finditer(words):
        label = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), label="DATE",
                                   alignment_mode="expand")
        if label is not None and not any(e.start <= label.start < e.end for e in found):
            found.append(label)
    return found


def discourse_period(span: Span, facts: list[Fact]) -> str | None:
    """A figure with no date of its own ('Revenue was about ¥2.2 trillion') belongs to the
    reporting period the article last named: for a figure, or in the sentences just before ('The
    company reported first-quarter results. Revenue was ...'); one 'in the month' (quarter, year)
    to the last month (quarter, year) named; else the period the article's lede names."""
    said = THE_PERIOD.search(span.sent.text)
    kind = calendar_periods.PERIOD_KINDS[said.group(1).lower()] if said else None
    full_year = bool(FULL_YEAR.search(text_of(span.doc)[span.sent.start_char:span.start_char]))
    if full_year:
        kind = calendar_periods.PERIOD_KINDS["year"]  # 'kept its full-year forecast of ...': a year's, never a quarter's
    undated = span.doc._.published_at is None  # an undated article names its periods without a year: 'Q2'

    def fits(period: str) -> bool:
        return kind is None or bool(kind.fullmatch(period)) or undated and not full_year

    donor_at, donor = -1, None
    for fact in reversed(facts):
        if fact.period and not calendar_periods.is_day(fact.period) and not fact.period.endswith("-") \
                and (YEAR.search(fact.period) or undated and REPORTING.fullmatch(fact.period)) \
                and fact.qualifier not in {Qualifier.TARGET, Qualifier.FORECAST} \
                and fits(fact.period):
            donor_at, donor = fact.evidence.start, fact.period
            break
    for at, period, month in reversed(named_periods(span.doc)):
        if at < span.doc[max(span.sent.start - 1, 0)].sent.start_char or at >= span.sent.start_char:
            continue  # only the sentence before: what the article was just speaking of
        if at > donor_at and not month and fits(period):
            return period
        break
    lede = article_period(span.doc)
    return donor or (lede if lede and fits(lede) else None)


def named_periods(doc: Doc) -> list[tuple[int, str, bool]]:
    """(character, period, a bare month) of every reporting period the article names, in order,
    other than the base of a comparison ('compared with the same period in 2025')."""
    if _NAMED in doc.user_data:
        return doc.user_data[_NAMED]
    found = []
    for sent in doc.sents:
        for ent in sorted(_date_spans(sent), key=lambda e: e.start):
            period = calendar_periods.name(ent.text, doc._.published_at)
            if period and REPORTING.fullmatch(period) and not _comparison_base(ent):
                found.append((ent.start_char, period,
                              bool(MONTH_ONLY.fullmatch(period)) and "month" not in ent.text.lower()))
    doc.user_data[_NAMED] = found
    return found


def article_period(doc: Doc) -> str | None:
    """The reporting period an article is about, named in its headline or first sentences: 'Q2
    profit beats', 'second-quarter results', 'its traffic report for the month of April'. A
    quarter, a half, a fiscal year or a month said as one, never a day or a bare year. Found once
    per document (a figure without a date of its own asks for it again)."""
    if _LEDE in doc.user_data:
        return doc.user_data[_LEDE]
    sents = list(doc.sents)
    lede_end = sents[min(LEDE_SENTENCES, len(sents)) - 1].end_char if sents else 0
    found = next((period for at, period, month in named_periods(doc) if at < lede_end and not month), None)
    doc.user_data[_LEDE] = found
    return found


def with_years(facts: list[Fact], doc: Doc) -> list[Fact]:
    """In an undated article, 'the second quarter' is the second quarter of the year the article
    named with it before ('its outlook for the second quarter of 2017'): 'Q2' -> 'Q2 2017'."""
    if doc._.published_at is not None:
        return facts
    named = named_periods(doc)
    out = []
    for f in facts:
        label = f.period if f.period and YEARLESS.fullmatch(f.period) else None
        year = next((p.rsplit(" ", 1)[1] for at, p, _ in reversed(named) if label and at < f.evidence.end
                     and p.startswith(label + " ") and YEAR.fullmatch(p.rsplit(" ", 1)[1])), None)
        out.append(replace(f, period=f"{label} {year}") if year else f)
    return out


def _comparison_base(ent: Span) -> bool:
    """'compared with the same period in 2016', 'against June': the date of the base of a comparison."""
    return any(a.lemma_.lower() in COMPARE_WORDS for a in list(ent.root.ancestors)[:4])


def _clause_of(tok: Token) -> int:
    """The index of the verb heading the clause a token belongs to."""
    for _ in range(12):
        participle = tok.tag_ in {"VBG", "VBN"} and tok.dep_ in PARTICIPLE_DEPS
        if (tok.pos_ in {"VERB", "AUX"} and not participle) or tok.head.i == tok.i:
            return tok.i  # participles ('starting in 2024', 'delivering ... in 2025') belong to the clause above
        tok = tok.head
    return tok.i


def _period_text(ent: Span, published: datetime | None, ahead: bool = False) -> str | None:
    """The period a date names, in the article's time (``newsgraph.periods.name``); a year after
    'since', 'from' or 'starting' is open-ended."""
    doc = ent.doc
    since = ent.start > 0 and doc[ent.start - 1].lower_ in {"since", "from"} \
        or "starting" in doc[max(0, ent.start - 2):ent.start].text.lower()
    return calendar_periods.name(ent.text, published, ahead, since)


def of_the_year(period: str | None, span: Span) -> str | None:
    """'cut its full-year forecast in August to ...': a figure of the whole year said in a month is
    the year's, not the month's."""
    if period and calendar_periods.MONTH_PERIOD.fullmatch(period) \
            and FULL_YEAR.search(text_of(span.doc)[span.sent.start_char:span.start_char]):
        return period[-4:]
    return period


def shared_market_periods(facts: list[Fact]) -> list[Fact]:
    """'Acme shares have gained 57% in the year to date, while the Acme 500 is up 15%': the moves of
    one comparison sentence share the period it states once."""
    stated = {}
    for f in facts:
        if f.period and is_market_move(f.metric) and not calendar_periods.is_day(f.period):
            stated.setdefault(f.evidence.start, f.period)
    return [replace(f, period=stated[f.evidence.start]) if f.period is None and is_market_move(f.metric)
            and f.evidence.start in stated else f for f in facts]


def trading_days(facts: list[Fact], published: datetime | None) -> list[Fact]:
    """A market move or level without a day of its own shares the day of another in its sentence
    ('closed up 17.3% at DKK 1,874 on Monday'); else it is news of the article's day."""
    dated = {(f.evidence.start, f.subject_key): f.period for f in facts
             if is_market_move(f.metric) and calendar_periods.is_day(f.period)}
    today = published.date().isoformat() if published is not None else None
    return [replace(f, period=dated.get((f.evidence.start, f.subject_key), today))
            if f.period is None and is_market_move(f.metric) else f for f in facts]


def changes_dated_by_level(facts: list[Fact]) -> list[Fact]:
    """'Revenue rose 11% to ¥19.9bn in the three months to September': the change has the period
    of the level it led to, in the same sentence; any other figure of the sentence's subject the
    period the sentence states for it ('a net loss of $4.4bn on sales of $8.6bn in 2016')."""
    dated = {(f.evidence.start, f.subject_key, f.metric): f.period for f in facts if f.period}
    stated = {}  # the first period a sentence states for a subject's current figures
    for f in facts:
        if f.period and (REPORTING.fullmatch(f.period) or calendar_periods.PERIOD_KINDS["year"].fullmatch(f.period)
                         or f.period.startswith("YTD")) \
                and f.qualifier not in {Qualifier.TARGET, Qualifier.FORECAST} and not f.metric.startswith("previous"):
            stated.setdefault((f.evidence.start, f.subject_key), f.period)
    return [replace(f, period=dated.get((f.evidence.start, f.subject_key, f.metric.removesuffix(" change"))))
            if f.period is None and f.metric.endswith(" change")
            else replace(f, period=stated.get((f.evidence.start, f.subject_key)))
            if f.period is None and not is_market_move(f.metric) and not f.metric.startswith("previous")
            else f for f in facts]
