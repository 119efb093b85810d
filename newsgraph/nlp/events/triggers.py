"""The event types a sentence tells of, each with its first trigger: one index of the sentence's
words (lemma and lower case) to their positions, then set look-ups per rule (``rules.RULES``), then
the parse rules (``structural.STRUCTURAL``) for types no word fired."""
from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Span, Token

from newsgraph.model import EventType
from newsgraph.nlp.events.rules import IDIOMS, IDIOMS_FIRST, PARTS_OF_SPEECH, RULES, RULES_BY_WORD, UNLESS, Rule
from newsgraph.nlp.events.structural import STRUCTURAL, object_holds


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
                    rule.blocked and object_holds(tokens[n], rule.blocked)):
                out.add(n)
    return out
