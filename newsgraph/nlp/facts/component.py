"""The facts component: numeric facts, the value, unit and qualifier of each figure, and who it is
about, which metric, when.

The figure comes from spaCy's MONEY / PERCENT / CARDINAL / QUANTITY entities (and numbers it
missed); the frame around it from the parse: the noun it counts, the verb that governs it, that
verb's subject (through coreference), the nearest date of the same clause. The rules are split by
job: ``quantities`` (with ``figures``, ``units``, ``qualifiers``), ``metrics``, ``subjects``,
``analysts``, ``periods``, ``prices`` (with ``local_dollar``).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph import lexicon
from newsgraph.model import Evidence, Fact, Qualifier
from newsgraph.nlp.common.spans import sentence_evidence
from newsgraph.nlp.facts.analysts import about_ratings, ratings_metric
from newsgraph.nlp.facts.metrics import is_market_move, metric_of, signed
from newsgraph.nlp.facts.periods import (THE_PERIOD, changes_dated_by_level, date_after, discourse_period, of_the_year,
                                         period_of, shared_market_periods, trading_days, with_years)
from newsgraph.nlp.facts.prices import in_local_dollars, offer_per_share, offer_target
from newsgraph.nlp.facts.qualifiers import FORECAST_NOUNS
from newsgraph.nlp.facts.quantities import Quantity, governors, quantities, year_earlier_follows
from newsgraph.nlp.facts.subjects import Subject, subject_of, written_name
from newsgraph.nlp.facts.units import MONEY_UNITS
from newsgraph.periods import year_before

Doc.set_extension("facts", default=None, force=True)  # the article's facts (newsgraph.model.Fact), in text order

# metrics measured over a reporting period: a figure of one without a date takes the article's period
PERIODIC_METRICS = lexicon.words("facts.periodic_metrics")
UNDATED = 0.8  # a figure with no period where one was to be expected
UNDATED_FORECAST = 0.45  # a forecast of no period: below the default threshold (reconcile.abstain)
UNNAMED_METRIC = 0.9  # 'amount': the parse found no metric


@Language.factory(
    "newsgraph_facts_v1",
    assigns=["doc._.facts"],
    requires=["doc.ents", "token.dep", "doc._.entities", "doc._.mentions", "doc._.key_of_token", "doc._.dateline"],
)
def make_facts(nlp: Language, name: str) -> "FactFinder":
    return FactFinder()


class FactFinder:
    def __call__(self, doc: Doc) -> Doc:
        article_id = doc._.article_id
        published: datetime | None = doc._.published_at
        facts: list[Fact] = []
        found = quantities(doc)
        spans = [q.span for q in found]
        floor: Fact | None = None  # the fact of a range's floor, until its ceiling comes
        current: list[Fact] = []  # the facts of the periods the article reports on, not earlier values
        for quantity in found:
            span = quantity.span
            if quantity.previous:
                fact = earlier_value(quantity, facts[-1] if facts else None)
                if fact is not None:
                    facts.append(fact)
                continue
            others = [s for s in spans if floor is None or floor.quantity is None
                      or s.start_char != floor.quantity.start]  # a range's floor stands not between its ceiling and a date
            fact = frame(quantity, others, article_id, published)
            if floor is not None and facts and facts[-1] is floor and (fact is None or fact.metric == "amount"):
                fact = replace(floor, value=quantity.value, qualifier=quantity.qualifier,  # a range's ceiling
                               quantity=Evidence(article_id, span.start_char, span.end_char))
            if fact is None:
                continue
            if fact.period is None and reported(fact, span):
                fact = replace(fact, period=discourse_period(span, current))
            if floor is not None and facts and facts[-1] is floor and fact.period != floor.period:
                facts[-1] = current[-1] = replace(floor, period=fact.period)  # '10% to 12% by 2028': one period for both ends
            facts.append(fact)
            current.append(fact)
            floor = fact if quantity.range_low else None
        dated = with_years(shared_market_periods(changes_dated_by_level(facts)), doc)
        doc._.facts = [weighed(f) for f in in_local_dollars(doc, trading_days(dated, published))]
        return doc


def weighed(fact: Fact) -> Fact:
    """How sure a fact is, from what tells a weak candidate on the development sets: a figure of a
    reported kind with no period at all (a forecast without one is more often wrong than right), a
    figure whose metric the parse could not name. A market move needs no period of its own."""
    confidence = fact.confidence
    if fact.period is None and not is_market_move(fact.metric):
        confidence *= UNDATED_FORECAST if fact.qualifier == Qualifier.FORECAST else UNDATED
    if fact.metric == "amount":
        confidence *= UNNAMED_METRIC
    return replace(fact, confidence=round(confidence, 3))


def reported(fact: Fact, span: Span) -> bool:
    """A figure of the period an article reports on: a metric measured over a period ('revenues',
    'free cash flow'), a forecast or estimate (of a period's result), a figure whose metric the
    parse could not name, or any figure said to be 'for the quarter'; never a market move."""
    if fact.qualifier == Qualifier.FORECAST or THE_PERIOD.search(span.sent.text):
        return True
    if is_market_move(fact.metric):
        return False
    last = fact.metric.split()[-1]
    return last in PERIODIC_METRICS or last.rstrip("s") in PERIODIC_METRICS or fact.metric == "amount"


def earlier_value(quantity: Quantity, latest: Fact | None) -> Fact | None:
    """'delivered 51 jets in May, up from 44 a year earlier': the earlier value of the figure just
    before it in the sentence, same subject and metric; a year earlier is the same period one year
    back, any other earlier value is the metric's 'previous' level."""
    span = quantity.span
    if latest is None or latest.quantity is None or latest.evidence.start != span.sent.start_char \
            or latest.quantity.end > span.start_char:
        return None
    if latest.period and year_earlier_follows(span):
        period, metric = year_before(latest.period), latest.metric
    else:  # its own date, if said right after it: 'up to 82% from 80% in April 2016'
        period, metric = date_after(span), f"previous {latest.metric}"
    return replace(latest, value=quantity.value, unit=quantity.unit if not quantity.counted else latest.unit,
                   qualifier=quantity.qualifier, period=period, metric=metric,
                   quantity=Evidence(latest.evidence.article_id, span.start_char, span.end_char))


def frame(quantity: Quantity, spans: list[Span], article_id: str, published: datetime | None) -> Fact | None:
    span = quantity.span
    value, unit = quantity.value, None if quantity.counted else quantity.unit
    govs = governors(span)
    chain = [span.root, *govs]
    if any(g.lemma_.lower() in {"imply", "implied"} and g.pos_ == "VERB" and chain[n].dep_ != "nsubj"
           for n, g in enumerate(chain[1:4])):
        return None  # 'implies about 12% upside': arithmetic on other figures, not a statement of its own
    metric, count_unit = metric_of(span, govs)
    metric = metric.strip() or "amount"
    if quantity.counted and quantity.unit == "ratings":
        metric = ratings_metric(span)
    if metric in {"share", "stock"} and unit and unit != "percent":
        metric = "share price"  # 'shares were 0.4% lower at 78.10 Swiss francs'
    if metric in {"target", "target price"} and unit in MONEY_UNITS and about_ratings(span.sent):
        metric = "price target"  # 'Barclays stays overweight but lowers its target to 300p'
    offer = unit in MONEY_UNITS and offer_per_share(span)
    if offer:
        metric = "offer price per share"
    qualifier = quantity.qualifier
    if metric == "price target" and qualifier == Qualifier.TARGET:
        qualifier = Qualifier.EXACT  # an analyst's price target is no goal of the company's
    if qualifier == Qualifier.EXACT and set(metric.split()) & FORECAST_NOUNS and "price target" not in metric:
        qualifier = Qualifier.FORECAST  # 'kept its forecast of ¥430bn', 'a consensus estimate of ¥112bn'

    target = offer_target(span) if offer else None
    subject = Subject(target) if target else subject_of(span, govs, metric)
    if subject is None:
        return None
    if subject.name:  # a market index: its move or its level (in points), figures of a trading day
        metric = "index change" if metric.endswith("change") else "index level"
        unit = unit or ("points" if metric == "index level" else None)
    market_move = is_market_move(metric)
    period = period_of(span, spans, published, daily=market_move,
                       ahead=qualifier in {Qualifier.TARGET, Qualifier.FORECAST})
    period = of_the_year(period, span)  # 'cut its full-year forecast in August to ...': the year's figure
    if metric.endswith("change"):
        value = signed(value, span, govs)
    sent = span.sent
    return Fact(subject=subject.name or written_name(span.doc, subject.key), subject_key=subject.key, metric=metric,
                period=period, value=value, unit=unit or count_unit,
                qualifier=qualifier,
                evidence=sentence_evidence(sent, article_id),
                quantity=Evidence(article_id, span.start_char, span.end_char), confidence=subject.confidence)
