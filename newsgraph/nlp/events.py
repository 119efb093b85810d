"""Corporate events, sentence by sentence: what kind of event a sentence tells of (a deal, an
acquisition, a plant closure, layoffs, a probe, a tariff, a launch, a sales or earnings report, an
analyst's rating, a share move, ...), who takes part, and whether it is reported, confirmed,
denied or completed.

Rules over the parse and a lexicon of lemmas: an event type fires on a trigger lemma (or a pair
of lemmas, 'joint venture'), some only with a context word in the same sentence or a few tokens
away ('close' needs a 'plant', 'cut' needs 'jobs', 'rose' needs 'shares'); a few are read from the
parse ('Acme rose 4%', 'it sold 1,500 trucks', 'the airline ordered 30 jets', 'Apple released the
iPhone 8', 'Walmart bought Jet.com'). Words out of their sense fire nothing ('earnings per share' is
no stock, 'fine' the adjective no penalty, 'in order to' no order); a hyphenated word is one word
('sell-off') whose parts fire nothing ('a price-to-earnings ratio' is no earnings report). Cheap:
one index of the sentence's words, then set look-ups per rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import EntityType, Event, EventStatus, EventType, Evidence
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.spans import sentence_evidence

Doc.set_extension("events", default=None, force=True)


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


def _rule(kind: EventType, triggers: str = "", cued: str = "", context: str = "", phrases: str = "",
          unless: tuple[EventType, ...] = (), window: int = 0, blocked: frozenset[str] = frozenset()) -> Rule:
    return Rule(kind, frozenset(triggers.split()), frozenset(cued.split()), frozenset(context.split()),
                frozenset(tuple(p.split("_")) for p in phrases.split()), frozenset(unless), window,
                blocked)


PLANT_WORDS = ("plant factory facility facilities site mill refinery mine smelter gigafactory warehouse "
               "campus center centre hub line store stores branch branches office offices headquarters "
               "data-center fab foundry shipyard terminal park stadium restaurant restaurants outlet outlets "
               "production attraction attractions location locations club clubs hotel hotels resort resorts mall "
               "casino lounge")
# What a company or an investor sells that is no product: selling them is no sales report.
SECURITY_WORDS = frozenset({"share", "shares", "stock", "stocks", "bond", "bonds", "note", "notes", "stake", "stakes"})
JOB_WORDS = "job jobs worker workers employee employees staff workforce position positions headcount people role"
EXECUTIVE_WORDS = ("ceo chief executive executives exec execs chairman chairwoman president cfo coo cto director "
                   "board officer head member manager")
PRODUCT_WORDS = ("product products feature features app apps service services version model models device devices "
                 "phone phones smartphone smartphones software platform drug drugs therapy treatment vaccine "
                 "vehicle vehicles car cars truck trucks suv pickup lineup edition game games show shows series "
                 "console chip chips processor processors gpu cpu tablet laptop handset handsets subscription "
                 "medicine aircraft jet plane flight flights route routes seat seats screen camera display "
                 "technology")
# One flight or seat of a service: cancelling one is no recall.
SERVICE_RUNS = frozenset({"flight", "flights", "seat", "seats"})
TRIAL_WORDS = ("patient patients drug therapy treatment fda placebo efficacy dose dosing phase vaccine candidate "
               "self-driving driverless autonomous prototype vehicle vehicles car cars software")
MOVE_WORDS = ("rise rose fall fell jump drop climb gain decline slide surge plunge tumble rally sink slump dip "
              "rebound soar sag slip tank spike edge lose add trade close down up higher lower "
              "outperform underperform gainer loser rocket streak upside inch advance "
              "retreat skid plummet dive tick high low record")
MOVE_LEMMAS = {"rise", "fall", "jump", "drop", "climb", "gain", "decline", "slide", "surge", "plunge", "tumble",
               "rally", "sink", "slump", "dip", "rebound", "soar", "sag", "slip", "tank", "spike", "edge", "lose",
               "gap", "close", "trade", "rocket", "advance", "retreat", "inch", "skid", "plummet", "dive"}
# Sizes and forecasts of a count: '99 million subscribers', 'expects sales to exceed ...', 'added 5 million'.
COUNT_WORDS = ("million billion thousand add added lose lost reach top expect expectation estimate forecast peak "
               "best worst")
CHANGE_WORDS = ("percent % rise rose fall fell slip drop climb jump decline grow growth increase decrease slow up "
                "down gain surge plunge soar slump double record higher lower strong weak flat")
# Lemma pairs whose second word is not the word it seems: 'earnings per share' is no stock, 'a great
# deal of' no deal, 'low-cost' no cost.
IDIOMS = frozenset({("-", "cost"), ("per", "share"), ("market", "share"), ("a", "share"), ("great", "deal"),
                    ("good", "deal"), ("big", "deal"), ("fuel", "economy"), ("in", "order")})
# ... and pairs whose first word is not: an 'investment bank' is no investment.
IDIOMS_FIRST = frozenset({("investment", "bank"), ("investment", "banker"), ("investment", "banking"),
                          ("investment", "research"), ("investment", "firm"), ("investment", "grade"),
                          ("investment", "strategy"), ("bond", "trader"), ("bond", "market"), ("debt", "market")})
# Trigger words that count only as these parts of speech: 'was fined' and 'a fine' are penalties,
# 'all is fine' is not; 'to deal with' is no deal, 'it suits them' no lawsuit, 'hard to judge' no judge,
# 'sales contracted' no contract, 'it outperformed its rivals' no analyst's 'outperform' rating,
# 'the ruling party' or 'not ruling out a deal' no court's ruling.
PARTS_OF_SPEECH = {"fine": {"NOUN", "VERB"}, "deal": {"NOUN", "PROPN"}, "suit": {"NOUN"}, "court": {"NOUN", "PROPN"},
                   "judge": {"NOUN", "PROPN"}, "contract": {"NOUN", "PROPN"},
                   "outperform": {"NOUN", "PROPN", "ADJ"}, "underperform": {"NOUN", "PROPN", "ADJ"},
                   "order": {"NOUN", "PROPN"}, "ruling": {"NOUN", "PROPN"}, "rule": {"NOUN", "PROPN"}}
DEAL_TYPES = (EventType.MERGER_ACQUISITION, EventType.PARTNERSHIP, EventType.SUPPLY_DEAL)
RULES: tuple[Rule, ...] = (
    _rule(EventType.MERGER_ACQUISITION,
          triggers="acquire acquisition merger merge takeover buyout acquirer bidder divest divestiture spin-off "
                   "spinoff",
          cued="buy bid purchase", context="company stake business division firm maker rival operation assets "
                                            "startup brand deal subsidiary unit", window=8,
          phrases="take_over buy_out m_&"),
    _rule(EventType.PARTNERSHIP,
          triggers="partnership alliance collaboration collaborate tie-up consortium",
          cued="partner agreement deal", context="with together jointly",
          phrases="joint_venture team_up"),
    _rule(EventType.SUPPLY_DEAL,
          triggers="contract",
          cued="supply order deal agreement", context="supply deliver provide order contract aircraft jet "
                                                       "battery chip component part", window=8,
          phrases="supply_deal supply_agreement"),
    _rule(EventType.DEAL, triggers="deal deals agreement agreements pact license licensing licence sponsorship",
          unless=DEAL_TYPES),
    _rule(EventType.PLANT_CLOSURE, cued="close closure shut shutter shutdown idle halt mothball end stop",
          context=PLANT_WORDS, window=8),
    _rule(EventType.PLANT_OPENING,
          cued="open opening build construction construct expand expansion break launch inaugurate relocate "
               "relocation add",
          context=PLANT_WORDS, window=8,
          phrases="new_building new_construction new_facility new_plant new_factory new_center "
                  "new_headquarters new_campus new_location"),
    _rule(EventType.PLANT_OPENING, cued="move moving shift", context="production manufacturing headquarters assembly",
          window=8),
    _rule(EventType.LAYOFFS, triggers="layoff layoffs redundancy redundancies furlough",
          cued="cut eliminate slash shed reduce reduction lay cutting axe", context=JOB_WORDS, window=8),
    _rule(EventType.HIRING, cued="hire hiring recruit add create employ", context=JOB_WORDS, window=8,
          phrases="new_job new_jobs new_position new_positions"),
    _rule(EventType.LABOR_DISPUTE, triggers="walkout",
          cued="strike strikes negotiation negotiations contract contracts talks dispute pay wage wages benefits "
               "pension pensions",
          context="union unions worker workers employee employees pilot pilots labor labour wage wages staff",
          window=8),
    _rule(EventType.MANAGEMENT_CHANGE, triggers="resign resignation successor succession appointment",
          cued="appoint name hire succeed replace step depart departure oust retire retirement promote "
               "elect join fire incoming leave become replacement shake overhaul reshuffle shakeup shake-up tap "
               "reins",
          context=EXECUTIVE_WORDS, window=20,
          phrases="step_down new_ceo new_chief"),
    _rule(EventType.REGULATORY_PROBE,
          triggers="probe investigation investigate inquiry antitrust subpoena fine penalty watchdog "
                   "violation",
          phrases="look_into"),
    _rule(EventType.LAWSUIT, triggers="lawsuit sue suit court judge settlement litigation plaintiff verdict ruling "
                                      "jury infringement fraud prosecutor indictment indict convict conviction "
                                      "acquit acquittal",
          cued="appeal", context="court ruling judge verdict decision"),
    _rule(EventType.TRADE_MEASURE, triggers="tariff tariffs duty duties embargo quota protectionism sanction "
                                            "sanctions",
          phrases="trade_war export_control import_ban"),
    _rule(EventType.PRODUCT_LAUNCH,
          triggers="launch unveil debut introduce introduction rollout",
          cued="release announce offer roll approve approval develop redesign revamp upcoming feature boast "
               "upgrade update provide", context=PRODUCT_WORDS,
          window=8,
          phrases="roll_out next_generation new_generation " + " ".join(f"new_{w}" for w in PRODUCT_WORDS.split()),
          # what was launched or unveiled is a probe, a bid or a plant closure
          unless=(EventType.REGULATORY_PROBE, EventType.LAWSUIT, EventType.MERGER_ACQUISITION,
                  EventType.PLANT_CLOSURE, EventType.PLANT_OPENING)),
    _rule(EventType.PRODUCT_RECALL, cued="recall cancel cancellation discontinue scrap axe",
          context=" ".join(w for w in PRODUCT_WORDS.split() if w not in SERVICE_RUNS), window=8),
    _rule(EventType.PRODUCT_TRIAL, cued="trial trials study studies test testing tested",
          context=TRIAL_WORDS + " " + PRODUCT_WORDS + " late-stage mid-stage early-stage",
          phrases="clinical_trial late_stage", unless=(EventType.LAWSUIT,)),
    _rule(EventType.SALES_REPORT, triggers="deliveries shipments registrations outsell outsold",
          cued="sales order orders subscriber subscribers subscription subscriptions membership traffic",
          context=CHANGE_WORDS + " " + COUNT_WORDS),
    _rule(EventType.SALES_REPORT, cued="order orders", context="win won receive received book booked snag land "
                                                               "secure secured net netted unfilled",
          window=6),
    _rule(EventType.SALES_REPORT, cued="sell sold deliver ship", context="million thousand units unit vehicles cars "
                                                                          "copies phones devices percent %",
          window=6, blocked=SECURITY_WORDS),
    _rule(EventType.EARNINGS,
          triggers="earnings revenue revenues profit profits eps income ebitda margin margins turnover guidance "
                   "projection projections per-share",
          cued="beat miss top", context="estimate estimates expectation expectations consensus forecast",
          phrases="net_loss operating_loss cash_flow"),
    _rule(EventType.EARNINGS, cued="earn", context="$ cents", window=3),  # earned $1.48 a share
    _rule(EventType.EARNINGS, cued="outlook", context="raise lift boost cut lower trim reaffirm maintain reiterate "
                                                     "quarter full-year annual fiscal", window=6),
    _rule(EventType.EARNINGS, cued="result results",
          context="quarter quarterly annual fiscal financial report reported post posted beat miss q1 q2 q3 q4 "
                  "first-quarter second-quarter third-quarter fourth-quarter full-year year", window=8),
    _rule(EventType.ANALYST_RATING,
          triggers="overweight underweight outperform underperform reiterate buy-rated overvalued undervalued "
                   "overvalue undervalue",
          cued="rate rat rating initiate maintain recommend recommendation rank upgrade downgrade upgraded "
               "downgraded",  # 'rated' has the lemma 'rat'
          context="buy sell hold neutral outperform overweight underweight underperform analyst analysts "
                  "strong equal-weight market-perform credit stock shares rating target",
          phrases="price_target target_price price_objective initiate_coverage a_buy a_sell"),
    _rule(EventType.ANALYST_RATING, cued="target", context="raise lower cut boost trim increase analyst analysts",
          window=5),
    _rule(EventType.SHARE_MOVE, triggers="sell-off selloff overbought oversold valuation valuations",
          phrases="stock_price share_price short_interest buy_point",
          cued=MOVE_WORDS,
          context="share shares stock stocks valuation capitalization cap index nasdaq premarket "
                  "trading session", window=8),
    _rule(EventType.DIVIDEND, triggers="dividend dividends payout buyback repurchase share-repurchase share-buyback"),
    # '$1.19 per share' is earnings unless it is a dividend or the stock's price
    _rule(EventType.EARNINGS, phrases="per_share", unless=(EventType.DIVIDEND, EventType.SHARE_MOVE)),
    _rule(EventType.INVESTMENT, triggers="invest investment capex", phrases="capital_expenditure"),
    _rule(EventType.FINANCING, triggers="bond bonds loan loans debt financing refinance ipo notes",
          phrases="funding_round",
          cued="raise issue", context="capital funding money equity"),
    _rule(EventType.COSTS, triggers="cost-cutting",
          cued="cost costs expense expenses expenditure expenditures spending outlay",
          context=CHANGE_WORDS + " cut cutting reduce reduction slash save saving savings trim curb billion million "
                                 "rising soaring problem creep headwind headwinds runaway skyrocket", window=6),
    _rule(EventType.MACROECONOMIC,
          triggers="economy inflation gdp recession unemployment stimulus deflation",
          phrases="interest_rate interest_rates central_bank federal_reserve rate_hike rate_cut"),
)


def _rules_by_word(rules: tuple[Rule, ...]) -> dict[str, set[int]]:
    """Which rules (by position) a word can set off: a sentence is checked against those only."""
    index: dict[str, set[int]] = {}
    for n, rule in enumerate(rules):
        for word in rule.triggers | rule.cued | {first for first, _ in rule.phrases}:
            index.setdefault(word, set()).add(n)
    return index


RULES_BY_WORD = _rules_by_word(RULES)
# What silences a type, for its parse rules too.
UNLESS = {kind: frozenset().union(*(r.unless for r in RULES if r.type == kind)) for kind in {r.type for r in RULES}}
DENY = {"deny", "denial", "dismiss", "reject", "refute", "rebut"}
REPORTED_CUES = {"reportedly", "report", "reported", "according", "source", "sources", "familiar", "talk", "talks",
                 "consider", "weigh", "explore", "mull", "plan", "may", "might", "could", "would", "rumor",
                 "rumour", "speculation", "negotiate", "negotiation", "discuss", "discussion", "potential",
                 "possible", "propose", "proposed", "seek", "aim"}
COMPLETED = {"complete", "completion", "close", "finalize", "finalise", "finish", "conclude"}
# A company 'reports' its own results: for these, 'reported' is not a second-hand report.
SELF_REPORTED = {EventType.EARNINGS, EventType.SALES_REPORT, EventType.COSTS}
PARTICIPANT_TYPES = {EntityType.COMPANY.value, EntityType.GOVERNMENT.value, EntityType.PERSON.value}


@Language.factory("newsgraph_events_v1", assigns=["doc._.events"],
                  requires=["token.lemma", "token.dep", "doc._.entities"])
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()


class EventFinder:
    def __call__(self, doc: Doc) -> Doc:
        article_id = doc._.article_id
        events: list[Event] = []
        for sent in doc.sents:
            found = sentence_types(sent)
            keys = participants(sent) if found else ()
            for kind, trigger in found:
                events.append(Event(type=kind, status=status_of(sent, trigger, kind),
                                    participants=keys,
                                    trigger=Evidence(article_id, trigger.start_char, trigger.end_char),
                                    evidence=sentence_evidence(sent, article_id)))
        doc._.events = tuple(events)
        return doc


def sentence_types(sent: Span) -> list[tuple[EventType, Span]]:
    """The event types a sentence tells of, each with its first trigger. One index of the
    sentence's words (lemma and lower case) to their positions, then set look-ups per rule."""
    tokens = list(sent)
    lemmas = [t.lemma_.lower() for t in tokens]
    lowers = [t.lower_ for t in tokens]
    parts = [t.pos_ for t in tokens]
    pairs = list(pairwise(lemmas))
    bigrams = set(pairs)
    idioms = {n + 1 for n, pair in enumerate(pairs) if pair in IDIOMS}
    idioms |= {n for n, pair in enumerate(pairs) if pair in IDIOMS_FIRST}
    compounds = _hyphen_compounds(tokens)
    # a compound's parts are no words of their own: a 'price-to-earnings' ratio is no earnings
    # report, a 'high-profit' segment no profit
    hyphenated = {m for n, _ in compounds for m in (n, n + 2)}
    where: dict[str, set[int]] = {}
    for n, (lemma, lower, part) in enumerate(zip(lemmas, lowers, parts)):
        if n in idioms or n in hyphenated or part not in PARTS_OF_SPEECH.get(lemma, (part,)):
            continue
        where.setdefault(lemma, set()).add(n)
        where.setdefault(lower, set()).add(n)
        if part == "PROPN" and tokens[n].is_title:  # headline case: 'Acme Launches ...'
            for stem in _stems(lower):
                where.setdefault(stem, set()).add(n)
    for n, word in compounds:
        where.setdefault(word, set()).add(n)
    words = set(where)
    found: dict[EventType, Span] = {}
    candidates = {n for w in words.union(lemmas) for n in RULES_BY_WORD.get(w, ())}
    for rule in (RULES[n] for n in sorted(candidates)):
        if rule.type in found or not rule.unless.isdisjoint(found):
            continue
        at = {n for w in rule.triggers & words for n in where[w]}
        if rule.cued & words:
            at |= _cued_positions(rule, where, words, tokens)
        if at:
            found[rule.type] = sent[min(at):min(at) + 1]
        elif rule.phrases & bigrams:
            n = next(n for n in range(len(lemmas) - 1) if (lemmas[n], lemmas[n + 1]) in rule.phrases)
            found[rule.type] = sent[n:n + 2]
    for kind, (needs, finder) in STRUCTURAL.items():  # the parse decides the sense: any part of speech
        if kind in found or not UNLESS.get(kind, frozenset()).isdisjoint(found):
            continue
        tok = None if needs.isdisjoint(words.union(lemmas)) else finder(sent)
        if tok is not None:
            found[kind] = sent.doc[tok.i:tok.i + 1]
    return list(found.items())


def _hyphen_compounds(tokens: list[Token]) -> list[tuple[int, str]]:
    """'sell-off', 'tie-up', 'cost-cutting' as one word, at the position of their first part: the
    tokenizer splits a hyphen between letters, so the lexicon's hyphenated words would never match.
    Both the written last part and its lemma count ('sell-offs' is a 'sell-off')."""
    out = []
    for n in range(len(tokens) - 2):
        first, hyphen, last = tokens[n], tokens[n + 1], tokens[n + 2]
        if hyphen.text == "-" and not first.whitespace_ and not hyphen.whitespace_:
            out += [(n, f"{first.lower_}-{last.lower_}"), (n, f"{first.lower_}-{last.lemma_.lower()}")]
    return out


def _stems(word: str) -> tuple[str, ...]:
    """Crude base forms of a word the tagger took for a name ('Launches', 'Recalled'): headlines
    in title case leave their verbs and nouns unlemmatised."""
    return tuple(word[:-len(end)] + add for end, add in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                                                          ("ing", ""), ("ing", "e"))
                 if word.endswith(end) and len(word) - len(end) >= 3)


def _cued_positions(rule: Rule, where: dict[str, set[int]], words: set[str], tokens: list[Token]) -> set[int]:
    """Positions of the rule's cued words that have one of its context words (another word) in the
    sentence, or, for a rule with a ``window``, within that many tokens."""
    context = [(m, w) for w in rule.context & words for m in where[w]]
    out: set[int] = set()
    for word in rule.cued & words:
        for n in where[word]:
            if any(w != word and (not rule.window or abs(m - n) <= rule.window) for m, w in context) and not (
                    rule.blocked and _object_holds(tokens[n], rule.blocked)):
                out.add(n)
    return out


def _object_holds(tok: Token, blocked: frozenset[str]) -> bool:
    """Whether the direct object of ``tok`` (with all it governs) has one of the ``blocked`` words."""
    return any(g.lower_ in blocked for c in tok.children if c.dep_ == "dobj" for g in c.subtree)


def _moved_stock(sent: Span) -> Token | None:
    """'Acme rose 4% to $29.28', 'Acme has tumbled 2.9%', 'it was down 3%': a company (named, or
    'it') that moved by a percentage is its stock moving."""
    if not any(t.text == "%" or t.lower_ in {"percent", "pct"} for t in sent):
        return None
    for tok in sent:
        moved = tok.pos_ == "VERB" and tok.lemma_.lower() in MOVE_LEMMAS or tok.lemma_ == "be" and any(
            c.lower_ in {"up", "down", "higher", "lower", "off"} for c in tok.children)
        if moved and any(c.dep_ in {"nsubj", "nsubjpass"} and _names_company(c) for c in tok.children):
            return tok
    return None


def _names_company(tok: Token) -> bool:
    """A name, 'it', or a noun with a name in apposition ('industrial peer 3M (MMM)')."""
    return (tok.pos_ == "PROPN" or tok.ent_type_ == "ORG" or tok.lower_ == "it"
            or any(c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "ORG") for c in tok.children))


SELLING_VERBS = frozenset({"sell", "deliver", "ship", "order"})


def _sold_units(sent: Span) -> Token | None:
    """'Acme sold 1,500 trucks', 'it delivered 20,000 cars', 'the airline ordered 30 jets': a verb of
    selling or buying whose object is counted, and is no stock ('sold 30,000 shares')."""
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in SELLING_VERBS and any(
                c.dep_ == "dobj" and (c.like_num or any(g.dep_ == "nummod" for g in c.children))
                for c in tok.children) and not _object_holds(tok, SECURITY_WORDS):
            return tok
    return None


SALES_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _sales_told(sent: Span) -> Token | None:
    """Units sold (``_sold_units``), or the word 'sales' as a subject or an object ('Sales will remain
    steady', 'it gets half its sales from private brands'), not as a modifier ('the sales chief')
    and not of stock ('stock sales')."""
    sold = _sold_units(sent)
    if sold is not None:
        return sold
    for tok in sent:
        if tok.lower_ == "sales" and tok.dep_ in SALES_ROLES and not any(
                c.lower_ in SECURITY_WORDS for c in tok.children if c.dep_ in {"compound", "amod"}):
            return tok
    return None


OFFER_VERBS = frozenset({"release", "introduce", "announce", "offer", "unveil", "launch", "debut", "roll", "ship",
                         "add", "test", "bring", "show", "reveal", "preview", "showcase", "approve"})
NEW_WORDS = frozenset({"new", "latest", "newest", "next-generation", "upcoming", "all-new", "updated", "redesigned"})


def _offered_product(sent: Span) -> Token | None:
    """'Apple released the iPhone 7', 'it will offer a new plan', 'Google added new features': a
    verb of putting out whose object is a named product or something new."""
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in OFFER_VERBS:
            continue
        for obj in (c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}):
            named = obj.pos_ == "PROPN" and obj.ent_type_ not in {"PERSON", "GPE", "NORP", "ORG", "DATE", "LOC"}
            new = any(c.lower_ in NEW_WORDS for c in obj.children) or obj.ent_type_ == "PRODUCT"
            if named or new:
                return tok
    return None


BUYING_VERBS = frozenset({"buy", "purchase", "sell", "snap", "scoop", "acquire"})


def _bought_company(sent: Span) -> Token | None:
    """'Walmart bought Jet.com', 'it sold Quidsi to Amazon': a verb of buying or selling whose
    object is a company."""
    doc = sent.doc
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in BUYING_VERBS and any(
                c.dep_ == "dobj" and coref.type_of(doc, coref.key_at(doc, c.i)) == EntityType.COMPANY.value
                for c in tok.children):
            return tok
    return None


# Types also found from the parse when no word rule fired, in sentences with one of the words.
STRUCTURAL = {EventType.SHARE_MOVE: (frozenset({"%", "percent", "pct"}), _moved_stock),
              EventType.SALES_REPORT: (SELLING_VERBS | {"sales"}, _sales_told),
              EventType.PRODUCT_LAUNCH: (OFFER_VERBS, _offered_product),
              EventType.MERGER_ACQUISITION: (BUYING_VERBS, _bought_company)}


def status_of(sent: Span, trigger: Span, kind: EventType) -> EventStatus:
    """denied (a denial, or negated talks) > reported (sources, talks, modals, plans under
    consideration) > completed (a completion word, or the event told in the past tense) >
    confirmed (announced, agreed, or stated as what will happen)."""
    inside = range(trigger.start, trigger.end)
    # 'may' is a cue as a modal only: 'in May' is no 'may'
    words = [t for t in sent if t.i not in inside and not (t.lower_ == "may" and t.tag_ != "MD")]
    lemmas = {t.lemma_.lower() for t in words}
    lowers = {t.lower_ for t in words}
    negated = any(t.dep_ == "neg" for t in sent)
    if lemmas & DENY or (negated and lemmas & {"talk", "plan", "negotiate", "discuss"}):
        return EventStatus.DENIED
    cues = REPORTED_CUES - {"report", "reported"} if kind in SELF_REPORTED else REPORTED_CUES
    if (lemmas | lowers) & cues:
        return EventStatus.REPORTED
    if lemmas & COMPLETED:
        return EventStatus.COMPLETED
    head = trigger.root
    for _ in range(6):  # the verb of the trigger's clause: 'opened an antitrust investigation'
        if head.pos_ in {"VERB", "AUX"} or head.head.i == head.i:
            break
        head = head.head
    if head.tag_ in {"VBD", "VBN"} and not any(c.lower_ in {"will", "to", "would"} for c in head.children):
        return EventStatus.COMPLETED
    return EventStatus.CONFIRMED


def participants(sent: Span) -> tuple[str, ...]:
    """Entity keys of the companies, governments and people the sentence names or refers to
    ('it', 'the company'), in order of first mention."""
    doc = sent.doc
    keys: dict[str, None] = {}
    for tok in sent:
        key = coref.key_at(doc, tok.i)
        if key is None and tok.dep_ in {"nsubj", "nsubjpass", "poss", "dobj", "pobj"} and (
                tok.pos_ == "PRON" or tok.lower_ in coref.COMPANY_NOUNS):
            key = coref.resolve(tok, PARTICIPANT_TYPES)
        if key and coref.type_of(doc, key) in PARTICIPANT_TYPES:
            keys[key] = None
    return tuple(keys)


@dataclass(frozen=True)
class StoryEvent:
    """One event as a story's articles tell it: the sentences of every article that mention it,
    and its status as the latest of them gives it."""

    type: EventType
    status: EventStatus
    participants: tuple[str, ...]
    article_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...]


STATUS_WEIGHT = {EventStatus.REPORTED: 0, EventStatus.COMPLETED: 1, EventStatus.CONFIRMED: 2, EventStatus.DENIED: 3}


def story_events(events_by_article: dict[str, tuple[Event, ...]], order: list[str],
                 companies: set[str]) -> list[StoryEvent]:
    """Merge the events of a story's articles (``order``: article ids, earliest first): events of
    one type whose participants overlap are one event. Only events with a company taking part
    (one of ``companies``) are kept."""
    groups: list[tuple[EventType, set[str], list[Event]]] = []
    for aid in order:
        for event in events_by_article.get(aid, ()):
            keys = set(event.participants)
            if not keys & companies:
                continue
            group = next((g for g in groups if g[0] == event.type and g[1] & keys), None)
            if group is None:
                groups.append((event.type, keys, [event]))
            else:
                group[1].update(keys)
                group[2].append(event)
    out = []
    for kind, keys, items in groups:
        latest = items[-1].evidence.article_id
        status = max((e.status for e in items if e.evidence.article_id == latest), key=STATUS_WEIGHT.get)
        participants = tuple(dict.fromkeys(k for e in items for k in e.participants))
        out.append(StoryEvent(kind, status, participants, tuple(dict.fromkeys(e.evidence.article_id for e in items)),
                              tuple(dict.fromkeys(e.evidence for e in items))))
    return out
