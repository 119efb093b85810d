"""Who a figure comes from, never who it is about, over the whole article: the analysts, brokers,
data vendors and rating agencies that judge or tally the figures ('the Acme consensus of $1.40',
'Analyst Jane Roe', 'Roe at Beta Securities', 'Gamma downgraded ...', 'the Acme Consensus
Estimate'); and the terms an article defines by an acronym ('revenue per available seat mile
RASM') that the NER takes for a company. A figure is about the company these judge, never about
them."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common import coref
from newsgraph.nlp.facts.analysts import ANALYST_NOUNS, RATING_CHANGES, rating_word

SOURCE_NAME_WORDS = lexicon.words("facts.source_name_words")  # 'the Acme Consensus Estimate', 'Acme Ratings'
# nouns whose owner judges or tallies figures: 'Acme analysts', 'the Acme consensus' (not 'Acme's
# forecast', the company's own)
CONSENSUS_NOUNS = lexicon.words("facts.consensus_nouns")
JUDGE_NOUNS = ANALYST_NOUNS | CONSENSUS_NOUNS
CALL_NOUNS = lexicon.words("facts.call_nouns")  # an analyst's own 'rating', 'target', 'recommendation'
ANALYST_PRONOUNS = lexicon.words("facts.analyst_pronouns")  # 'his rating', 'her price target'
SHARE_NOUNS = lexicon.words("names.share_nouns")  # 'its target on the stock'
ACRONYM_SKIPS = lexicon.words("facts.acronym_skips")  # 'revenue per available seat mile' -> RASM
_CACHE = "newsgraph_fact_sources"


def sources(doc: Doc) -> frozenset[str]:
    """The entity keys of the article that are sources of figures, not their subjects."""
    cached = doc.user_data.get(_CACHE)
    if cached is not None:
        return cached
    mentions: dict[str, int] = {}
    judging: dict[str, int] = {}
    tallying: dict[str, int] = {}
    for _, end, key in coref.mention_runs(doc):  # one count per mention, at its last word ('J.P. Morgan')
        mentions[key] = mentions.get(key, 0) + 1
        judging[key] = judging.get(key, 0) + _judges(doc[end - 1])
        tallying[key] = tallying.get(key, 0) + _tallies(doc[end - 1])
    # a source is named mostly as one ('the Acme consensus' each time); the company an article is
    # about is named mostly otherwise, whatever its analysts' ratings ('Acme analyst ratings')
    # a firm named mostly as a source: one that rates or whose analysts speak, or whose consensus is
    # cited again and again ('the Acme consensus', twice or more); a person introduced once as an
    # analyst ('Analyst Jane Roe') stays one
    found = {key for key in mentions if 2 * (judging[key] + tallying[key]) >= mentions[key]
             and (judging[key] or tallying[key] >= 2) or judging[key] and coref.type_of(doc, key) == EntityType.PERSON.value}
    for key, entity in (doc._.entities or {}).items():
        words = {w.lower().strip(".,&") for w in entity.name.split()}
        if words & SOURCE_NAME_WORDS or defined_term(doc, key):
            found.add(key)
    result = frozenset(found)
    doc.user_data[_CACHE] = result
    return result


def consensus_owners(sent: Span) -> set[str]:
    """The names that own a consensus in a sentence ('compared with the Acme consensus of $1.40')."""
    doc = sent.doc
    keys = doc._.key_of_token or {}
    return {k for i in range(sent.start, sent.end) if (k := keys.get(i)) and doc[i].dep_ in {"compound", "poss"}
            and doc[i].head.lemma_.lower() in CONSENSUS_NOUNS}


def _tallies(tok: Token) -> bool:
    """'the Acme consensus': a vendor's tally of analysts' figures, or the consensus on Acme."""
    head = tok.head
    return tok.dep_ in {"compound", "poss", "nmod", "amod"} and head.lemma_.lower() in CONSENSUS_NOUNS \
        and head.i != tok.i and head.dep_ not in {"compound", "amod", "nmod"}


def _judges(tok: Token) -> bool:
    """The token names one who judges figures: 'Acme consensus', 'Acme analysts', 'analysts at
    Acme', 'Analyst Jane Roe', 'Jane Roe, an analyst', 'Acme downgraded ...'."""
    head = tok.head
    if tok.dep_ in {"compound", "poss", "nmod", "amod"} and head.lemma_.lower() in ANALYST_NOUNS \
            and head.i != tok.i and head.dep_ not in {"compound", "amod", "nmod"}:
        return True  # 'Acme analysts'; not 'Acme analyst ratings'
    if tok.dep_ == "pobj" and head.lower_ in {"at", "from", "with"} and head.head.lemma_.lower() in ANALYST_NOUNS:
        return True
    if any(c.dep_ in {"compound", "appos"} and c.lemma_.lower() in ANALYST_NOUNS for c in tok.children):
        return True
    if tok.dep_ == "pobj" and head.lower_ == "by" and any(
            a.lemma_.lower() in RATING_CHANGES for a in list(head.ancestors)[:3]):
        return True  # 'was upgraded by Acme', 'was upgraded again, this time by Acme'
    verb = head if tok.dep_ == "nsubj" else head.head if tok.dep_ == "compound" and head.dep_ == "nsubj" else None
    if verb is not None and (verb.lemma_.lower() in RATING_CHANGES or _rates(verb)):
        return True
    # 'Jane Roe, who cut her rating to Sell': a person who rates a stock or sets a price target
    return any(c.dep_ == "relcl" and (_rates(c) or _own_call(c)) for c in tok.children) or \
        (verb is not None and _own_call(verb))


def _own_call(verb: Token) -> bool:
    """'cut his price target', 'raised her rating': a person's own rating or target is an analyst's;
    so is a target or rating set on a stock ('raised its target on the company's stock', 'its rating
    on Acme'), not a company's own goal ('raised its sales target for 2018')."""
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in CALL_NOUNS or any(  # 'its target price'
                   g.dep_ == "compound" and g.lemma_.lower() in CALL_NOUNS for g in c.children))
               and (any(p.dep_ == "poss" and p.lower_ in ANALYST_PRONOUNS for p in c.children) or _on_a_stock(c, verb))
               for c in verb.children)


def _on_a_stock(call: Token, verb: Token) -> bool:
    """'target on the company's stock', 'rating on Acme' (the 'on' hung on the call or on its verb),
    "Acme's target price": a call about shares or another name."""
    doc = call.doc
    if any(p.dep_ == "poss" and coref.key_at(doc, p.i) is not None for p in call.children):
        return True  # 'raised Acme's target price'
    return any(o.lemma_.lower() in SHARE_NOUNS or coref.key_at(doc, o.i) is not None
               for h in (call, verb) for p in h.children if p.dep_ == "prep" and p.lower_ == "on"
               for o in p.children if o.dep_ == "pobj")


def _rates(verb: Token) -> bool:
    """'Acme cut the group to Sell from Hold': the verb's subject gives a rating."""
    return any(p.dep_ == "prep" and p.lower_ in {"to", "from"} and any(rating_word(o) for o in p.children
                                                                      if o.dep_ == "pobj")
               for p in verb.children)


def defined_term(doc: Doc, key: str) -> bool:
    """An acronym the article spells out just before one of its mentions ('revenue passenger miles
    RPMs', 'total revenue per available seat mile TRASM'): a term, not a company."""
    entity = (doc._.entities or {}).get(key)
    if entity is None or key.startswith("gaz:"):
        return False
    letters = entity.name.rstrip("s")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    for i, k in (doc._.key_of_token or {}).items():
        if k != key:
            continue
        words = [t.lower_ for t in doc[max(0, i - 8):i] if t.is_alpha]
        for start in range(len(words)):
            initials = "".join(w[0] for w in words[start:] if w not in ACRONYM_SKIPS)
            if initials.upper() == letters or "".join(w[0] for w in words[start:]).upper() == letters:
                return True
    return False


def is_source(doc: Doc, key: str | None) -> bool:
    return bool(key) and key in sources(doc)

