"""Rule-based reference resolution over the parse: which entity a noun phrase stands for.

'Acme', 'a spokesperson for Acme', 'Acme's spokeswoman', 'chipmaker Acme', 'the company',
'it', 'the latter', 'its chief executive' -> an entity key of the article.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph import lexicon
from newsgraph.model import EntityType

COMPANY_NOUNS = lexicon.words("names.company_nouns")
WORD_NUMBERS = lexicon.table("quantities.word_numbers")  # 'the two firms'
SPEAKER_NOUNS = lexicon.words("names.speaker_nouns")
UNNAMED_SPEAKERS = lexicon.words("names.unnamed_speakers")  # 'the people said': the unnamed sources again
NAMED_SPEAKERS = SPEAKER_NOUNS - UNNAMED_SPEAKERS  # 'the spokeswoman said': the company's own voice
# Nouns naming another party by its tie to the company they are said of: 'Acme's majority owner',
# 'the parent of Acme', 'Acme's biggest customer' are not Acme.
RELATION_NOUNS = lexicon.words("names.relation_nouns")
REPORT_NOUNS = lexicon.words("names.report_nouns")
LED_BODY_NOUNS = lexicon.words("names.led_body_nouns")
COMPANY_PRONOUNS = lexicon.words("names.company_pronouns")
PERSON_PRONOUNS = lexicon.words("names.person_pronouns")
SPEAKING_ROLES = lexicon.words("responses.speaking_roles")  # 'a spokesman', 'an official'
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
INDEFINITE_DETERMINERS = lexicon.words("names.indefinite_determiners")  # 'an official', not 'the leader'
NAMING_DEPS = lexicon.words("names.naming_deps")  # 'chipmaker Acme', 'Acme's spokesperson', 'an Acme spokesperson'
SPEAKER_PREPOSITIONS = lexicon.words("names.speaker_prepositions")  # 'a spokesperson for Acme'
DEFINITE_DETERMINERS = lexicon.words("names.definite_determiners")  # 'the company', 'its chief executive'
REFERRING_TYPES = {EntityType.COMPANY.value, EntityType.PERSON.value, EntityType.GOVERNMENT.value,
                   EntityType.OUTLET.value, EntityType.PLACE.value}


def key_at(doc: Doc, i: int) -> str | None:
    return (doc._.key_of_token or {}).get(i)


def type_of(doc: Doc, key: str | None) -> str | None:
    if not key:
        return None
    entity = (doc._.entities or {}).get(key)
    return entity.type.value if entity else None


def resolve(head: Token, want: set[str] | None = None) -> str | None:
    """The entity key a noun phrase (given by its head token) stands for, or None."""
    doc = head.doc
    want = want or REFERRING_TYPES
    key = key_at(doc, head.i)
    if key and type_of(doc, key) in want:
        return key
    related = head.lower_ in RELATION_NOUNS  # 'Acme's owner' is not Acme
    for child in head.children:  # 'chipmaker Acme', 'Acme's spokesperson', 'an Acme spokesperson'
        if related and child.dep_ != "appos":
            continue
        if child.dep_ in NAMING_DEPS and not _across_head(head, child):
            key = key_at(doc, child.i) or (resolve(child, want) if child.dep_ == "appos" else None)
            if key and type_of(doc, key) == EntityType.PERSON.value and led_body(head):
                continue  # 'the Obama administration' is not Obama
            if key and type_of(doc, key) in want:
                return key
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in SPEAKER_PREPOSITIONS
                 and not related):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):  # 'a spokesperson for Acme'
            key = key_at(doc, obj.i) or (resolve(obj, want) if obj.lower_ in COMPANY_NOUNS else None)
            if key and type_of(doc, key) in want:
                return key
    lower = head.lower_
    if EntityType.OUTLET.value in want and is_report_anaphor(head):  # 'according to the report': its outlet
        return antecedent(head, {EntityType.OUTLET.value}) if _outlet_nearby(head) else None
    company = {EntityType.COMPANY.value} & want
    if company and (lower in COMPANY_PRONOUNS or (is_company_noun(lower) and _definite(head))):
        return antecedent(head, company)
    if company and lower in {"latter", "former"}:
        return antecedent(head, company, skip=0 if lower == "latter" else 1)
    if EntityType.PERSON.value in want and lower in PERSON_PRONOUNS:
        voice = unnamed_voice_before(head)
        if voice is not None:  # 'a Boeing official said ... He declined': Boeing's, else nobody's
            return resolve(voice, want - {EntityType.PERSON.value})
        return antecedent(head, {EntityType.PERSON.value})
    if company and lower in NAMED_SPEAKERS and _definite(head):
        return antecedent(head, company)  # 'the spokeswoman said' -> latest company; 'the people said' -> none
    return None


def unnamed_voice_before(pronoun: Token) -> Token | None:
    """'An official at the embassy said of the reports: "It is nonsense." He declined to comment
    further': when the last person a clause was about, in the pronoun's sentence or the one before,
    is a spokesman or an official the article does not name ('a' or 'an': 'the North Korean leader'
    is someone it named), 'he' or 'she' is that voice, not a person named earlier."""
    doc = pronoun.doc
    sent = pronoun.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for tok in reversed(doc[start:pronoun.i]):
        if tok.dep_ not in SUBJECT_DEPS:
            continue
        if type_of(doc, key_at(doc, tok.i)) == EntityType.PERSON.value:
            return None  # a named person was the last: the usual antecedent
        if tok.tag_ == "NN" and tok.lemma_.lower() in SPEAKING_ROLES and not any(
                type_of(doc, key_at(doc, c.i)) == EntityType.PERSON.value for c in tok.children) and any(
                c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in tok.children):
            return tok
    return None


def named_together(head: Token) -> list[str]:
    """'the two firms', 'both companies', 'the investment firms': a plural company noun stands for the
    companies the article last named together ('Acme and Beta', 'Acme, Beta and Gamma'), at least
    two, as many as a number before the noun says; none when no such names come before it."""
    doc = head.doc
    if head.tag_ != "NNS" or not is_company_noun(head.lemma_.lower()) or not (
            _definite(head) or any(c.lower_ == "both" for c in head.children)):
        return []
    counts = [c for c in head.children if c.dep_ == "nummod" and c.like_num]
    count = counts[0].lower_ if counts else None
    wanted = int(count) if count and count.isdigit() else WORD_NUMBERS.get(count) if count else None
    wanted = 2 if any(c.lower_ == "both" for c in head.children) else wanted
    mentions = [m for m in mention_runs(doc) if m[1] <= head.i]
    company = EntityType.COMPANY.value
    for last in range(len(mentions) - 1, 0, -1):  # the latest run of names joined by ',' and 'and'
        run = [mentions[last]]
        while len(run) <= last:
            before = mentions[last - len(run)]
            between = [t.lower_ for t in doc[before[1]:run[-1][0]]]
            if between not in (["and"], [","], [",", "and"], ["&"]) or between == [","] and len(run) == 1:
                break
            run.append(before)
        together = list(dict.fromkeys(k for _, _, k in reversed(run)))
        if len(together) >= 2 and all(type_of(doc, k) == company for k in together):
            return together if wanted in {None, len(together)} else []
    return []


def mention_runs(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, key) of each name the article gives, in order: a run of tokens of one entity
    ('J.P. Morgan' once; its head is its last token, ``end - 1``)."""
    keys = doc._.key_of_token or {}
    out: list[tuple[int, int, str]] = []
    for i in sorted(keys):
        if out and out[-1][1] == i and out[-1][2] == keys[i]:
            out[-1] = (out[-1][0], i + 1, keys[i])
        else:
            out.append((i, i + 1, keys[i]))
    return out


def led_body(head: Token) -> bool:
    """'administration' of 'the Obama administration': a body its leader's name is put before."""
    return head.lower_ in LED_BODY_NOUNS


def _across_head(head: Token, child: Token) -> bool:
    """A parse that hangs an apposition on the far side of the head's own verb ('The plant built
    cars, mainly the X' with 'X' under 'plant') is a misparse, not a second name for the head."""
    return min(head.i, child.i) < head.head.i < max(head.i, child.i)


def is_company_noun(lower: str) -> bool:
    """'the company', 'the lender', and any '-maker': 'the planemaker', 'the drugmaker'."""
    return lower in COMPANY_NOUNS or lower.endswith("maker") and len(lower) > 6


def is_report_anaphor(head: Token) -> bool:
    """'the report', 'that story': a report named before, not a new one (nothing names its outlet here)."""
    return (head.lemma_.lower() in REPORT_NOUNS and _definite(head)
            and not any(key_at(head.doc, c.i) for c in head.subtree if c.i != head.i))


def _outlet_nearby(head: Token) -> bool:
    """An outlet named in the sentence so far or the two before: what 'the report' can point back to."""
    doc = head.doc
    start = head.sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    keys = (doc._.key_of_token or {})
    return any(start <= i < head.i and type_of(doc, k) == EntityType.OUTLET.value for i, k in keys.items())


def _definite(head: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE_DETERMINERS
               for c in head.children)


def antecedent(token: Token, types: set[str], skip: int = 0) -> str | None:
    """The entity a pronoun or definite description most likely refers to: the entities named in
    its own sentence before it and in the two sentences before, scored by being a grammatical
    subject, by recency and by how often the article has named them so far."""
    doc = token.doc
    keys = (doc._.key_of_token or {})
    sents = [token.sent]
    start = token.sent.start
    for _ in range(2):
        if start == 0:
            break
        prev = doc[start - 1].sent
        sents.append(prev)
        start = prev.start
    window_start = sents[-1].start
    wanted = {k for k in set(keys.values()) if type_of(doc, k) in types}  # each entity's type looked up once
    counts: dict[str, int] = {}
    for i, k in keys.items():
        if i < token.i and k in wanted:
            counts[k] = counts.get(k, 0) + 1
    scored: dict[str, tuple[float, int]] = {}
    for i, k in keys.items():
        if i >= token.i or k not in wanted:
            continue
        in_window = i >= window_start
        distance, subject, main = len(sents), False, False  # a name before the window counts by frequency only
        if in_window:
            distance = next((n for n, s in enumerate(sents) if s.start <= i < s.end), len(sents))
            named = doc[i]
            subject = (named.dep_ in {"nsubj", "nsubjpass"} or named.head.dep_ in {"nsubj", "nsubjpass"}
                       and named.dep_ in {"compound", "appos", "poss", "nmod"})
            verb = named.head if named.dep_ in {"nsubj", "nsubjpass"} else named.head.head
            main = subject and verb.dep_ == "ROOT"  # 'Acme delivers ... as Beta surges': Acme leads
        score = (3.0 * subject + 1.0 * main + 2.0 * (distance == 0) + 1.0 * (distance <= 1) + 0.5 * in_window
                 + 0.5 * min(counts.get(k, 0), 6))
        if k not in scored or (score, i) > scored[k]:
            scored[k] = (score, i)
    ranked = sorted(scored, key=lambda k: scored[k], reverse=True)
    if skip and len(ranked) > skip:  # 'the former': the earlier of the last two named
        last_two = sorted(ranked[:2], key=lambda k: scored[k][1])
        return last_two[0]
    return ranked[0] if ranked else None
