"""The model's attribute rules (tag -> POS and morphology, lemma and POS exceptions), applied per
distinct token shape instead of by spaCy's Matcher.

spaCy's ``attribute_ruler`` runs a Matcher of about 180 patterns over every token and sets the
attributes of each match from Python: one of the costliest steps of the small English model, for
what is a function of a handful of token attributes. ``AttributeRules`` reads the same patterns and
gives the same result: a single-token pattern's outcome depends only on the token's (TAG, LOWER,
DEP, IS_SPACE), so the rules that apply to a shape are worked out once per shape and cached; the
few multi-token patterns ("gon na", "let 's") are checked where their first token matches. As in
spaCy, every pattern is matched against the attributes before any rule is applied, and a later rule
wins where two set the same attribute.

Only the pattern forms the model uses are supported (string equality, IN, NOT_IN, REGEX on the
string attributes; IS_SPACE); ``supports`` says whether a pattern set can be handled, and the
loader keeps spaCy's own ruler otherwise.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

# the token attributes a pattern may test, in the order of the shape tuple
FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")
FEATURE_IDS = [TAG, LOWER, DEP, IS_SPACE]
STRING_PREDICATES = {"IN", "NOT_IN", "REGEX"}


def supports(patterns: Iterable[dict]) -> bool:
    """True when every pattern is a plain token sequence over FEATURES with the predicates above."""
    for rule in patterns:
        for pattern in rule["patterns"]:
            for spec in pattern:
                for key, value in spec.items():
                    if key not in FEATURES:
                        return False
                    if key == "IS_SPACE":
                        if not isinstance(value, bool):
                            return False
                    elif not isinstance(value, str) and not (
                            isinstance(value, dict) and set(value) <= STRING_PREDICATES
                            and all(isinstance(v, (str, list)) for v in value.values())):
                        return False
    return True


def _token_test(spec: dict):
    """A function of a shape (tag, lower, dep, is_space) as strings/bool: does it match ``spec``?"""
    checks = []
    for key, value in spec.items():
        pos = FEATURES.index(key)
        if isinstance(value, (str, bool)):
            checks.append(lambda shape, pos=pos, value=value: shape[pos] == value)
        else:
            for op, arg in value.items():
                if op == "IN":
                    checks.append(lambda shape, pos=pos, arg=frozenset(arg): shape[pos] in arg)
                elif op == "NOT_IN":
                    checks.append(lambda shape, pos=pos, arg=frozenset(arg): shape[pos] not in arg)
                else:  # REGEX: spaCy's Matcher searches the attribute's string
                    checks.append(lambda shape, pos=pos, rx=re.compile(arg): bool(rx.search(shape[pos])))
    return lambda shape: all(check(shape) for check in checks)


class AttributeRules:
    """Doc -> Doc: the rules of a spaCy ``attribute_ruler`` (its ``patterns`` list), same result."""

    def __init__(self, vocab: Vocab, patterns: list[dict]):
        if not supports(patterns):
            raise ValueError("these attribute patterns use forms AttributeRules does not handle")
        self.vocab = vocab
        self.attrs = [normalize_token_attrs(vocab, rule["attrs"]) for rule in patterns]
        # single-token patterns: (rule id, test); multi-token: (rule id, tests, index of the token set)
        self.single: list[tuple[int, object, dict]] = []
        self.multi: list[tuple[int, list, int]] = []
        for rule_id, rule in enumerate(patterns):
            for pattern in rule["patterns"]:
                tests = [_token_test(spec) for spec in pattern]
                if len(tests) == 1:
                    if rule["index"] not in (0, -1):
                        raise ValueError(f"attribute rule {rule_id}: index {rule['index']} outside its one token")
                    self.single.append((rule_id, tests[0], pattern[0]))
                else:
                    self.multi.append((rule_id, tests, rule["index"] % len(tests)))
        # a shape's single-token rules are found in three parts, so that a new word costs a few tests:
        # the rules that do not read LOWER (cached per (TAG, DEP, IS_SPACE)), the rules that name the
        # word (LOWER equal or IN), and the few that test LOWER otherwise (NOT_IN, REGEX)
        self._no_lower = [(r, test) for r, test, spec in self.single if "LOWER" not in spec]
        self._by_lower: dict[str, list] = {}
        self._other_lower = []
        for r, test, spec in self.single:
            lower = spec.get("LOWER")
            if lower is None:
                continue
            words = [lower] if isinstance(lower, str) else lower.get("IN") if set(lower) == {"IN"} else None
            if words is None:
                self._other_lower.append((r, test))
            else:
                for word in words:
                    self._by_lower.setdefault(word, []).append((r, test))
        self._no_lower_of: dict[tuple, set[int]] = {}
        self._rules_of: dict[tuple, tuple[int, ...]] = {}  # shape (hashes) -> single rule ids that match
        self._starts_of: dict[tuple, tuple[int, ...]] = {}  # shape (hashes) -> multi patterns its token starts
        self._merged: dict[tuple[int, ...], dict] = {}  # rule ids -> the attributes they set, later ones winning

    def _shape(self, key: tuple) -> tuple:
        strings = self.vocab.strings
        tag, lower, dep, is_space = key
        return (strings[tag] if tag else "", strings[lower] if lower else "", strings[dep] if dep else "",
                bool(is_space))

    def _lookup(self, key: tuple) -> tuple[tuple[int, ...], tuple[int, ...]]:
        rules = self._rules_of.get(key)
        if rules is None:
            shape = self._shape(key)
            rest = (key[0], key[2], key[3])
            found = self._no_lower_of.get(rest)
            if found is None:
                found = self._no_lower_of[rest] = {r for r, test in self._no_lower if test(shape)}
            found = found | {r for r, test in self._by_lower.get(shape[1], ()) if test(shape)} \
                | {r for r, test in self._other_lower if test(shape)}
            rules = self._rules_of[key] = tuple(sorted(found))
            self._starts_of[key] = tuple(n for n, (_, tests, _) in enumerate(self.multi) if tests[0](shape))
        return rules, self._starts_of[key]

    def _attrs_of(self, rule_ids: tuple[int, ...]) -> dict:
        merged = self._merged.get(rule_ids)
        if merged is None:
            merged = {}
            for r in rule_ids:  # in rule order: a later rule overrides an earlier one, as in spaCy
                merged.update(self.attrs[r])
            self._merged[rule_ids] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = [tuple(row) for row in doc.to_array(FEATURE_IDS).tolist()]
        found = [self._lookup(key) for key in keys]
        extra: dict[int, set[int]] = {}  # token -> multi-token rule ids that set it
        for i, (_, starts) in enumerate(found):
            for n in starts:
                rule_id, tests, index = self.multi[n]
                if i + len(tests) <= len(doc) and all(
                        tests[k](self._shape(keys[i + k])) for k in range(1, len(tests))):
                    extra.setdefault(i + index, set()).add(rule_id)
        for i, (rules, _) in enumerate(found):
            if i in extra:
                rules = tuple(sorted(set(rules) | extra[i]))
            if rules:
                attrs = self._attrs_of(rules)
                if attrs:
                    set_token_attrs(doc[i], attrs)
        return doc


@Language.factory("newsgraph_attributes_v1", default_config={"patterns": []},
                  assigns=["token.pos", "token.morph", "token.lemma"])
def make_attribute_rules(nlp: Language, name: str, patterns: list[dict]) -> AttributeRules:
    return AttributeRules(nlp.vocab, patterns)

