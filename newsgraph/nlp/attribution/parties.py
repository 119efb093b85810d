"""Who a response cue is said of: its grammatical subjects (and their conjuncts), resolved to the
article's parties through coreference, spokespeople ('a spokesperson for Acme'), relative clauses
('the ministry, which did not respond'), 'according to' sources and the addressees of a request
('calls to Acme were not returned')."""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph import lexicon
from newsgraph.model import ACTOR_TYPES, EntityType
from newsgraph.nlp.attribution import according
from newsgraph.nlp.attribution.requests import ASK_VERBS, addressees, answer_sources, speaking_role
from newsgraph.nlp.attribution.speaks_for import OTHER_ROLES, body, earlier_principal, principal_of, state_of
from newsgraph.nlp.attribution.verb_forms import inverted_speaker
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.known_places import is_country

SPEECH_VERBS = lexicon.words("speech.speech_verbs")
REQUEST_NOUNS = lexicon.words("responses.request_nouns")
RELATIVE_PRONOUNS = lexicon.words("responses.relative_pronouns")
ANSWER_NOUNS = lexicon.words("responses.answer_nouns")
EMPTY_IT_VERBS = lexicon.words("responses.empty_it_verbs")
MANNER_PREPOSITIONS = {"by", "without"}
# the dependencies through which a cue with no subject of its own takes that of the clause above it
# ('dismissed the report and said', 'declined, saying', 'by not commenting', 'a statement calling')
CLAUSE_HOPS = {"conj", "xcomp", "advcl", "acomp"} | {"pcomp", "acl"}
ISSUED_NOUNS = lexicon.words("responses.issued_nouns")


def none_from(noun: Token) -> bool:
    """'no comment from Acme': the answer noun, with 'no', and whom it did not come from."""
    return any(c.lower_ == "no" for c in noun.children) and any(
        c.dep_ == "prep" and c.lower_ == "from" for c in noun.children)


def subject_parties(verb: Token, speakers: dict[str, str] | None = None, denial: bool = False) -> list[str]:
    """The parties a cue is said of: its subjects and their conjuncts, resolved to entities; a
    person who speaks for an organisation gives the organisation, one tied to it otherwise nobody.
    ``denial``: the cue denies, and an unnamed official of a state ('an Iraqi official denied')
    gives the state (one who confirms is more often a source of the report than its answer)."""
    keys = [_spoken_for(k, speakers or {}) for k in _subject_keys(verb, denial)]
    return list(dict.fromkeys(k for k in keys if k))


def _spoken_for(key: str, speakers: dict[str, str]) -> str | None:
    return speakers.get(key, key) or None


def _subject_keys(verb: Token, denial: bool = False) -> list[str]:
    if verb.lemma_.lower() in ASK_VERBS and not any(c.dep_ == "neg" for c in verb.children):
        return addressees(verb)  # 'we reached out to Acme', 'we asked Acme for comment': Acme is the party
    if verb.lower_ in ANSWER_NOUNS and none_from(verb):
        return answer_sources(verb)  # 'no comment from Acme'
    source = according.source_of(verb)
    inverted = inverted_speaker(verb)  # '..., confirmed Jane Roe, a spokeswoman for Acme'
    subjects = [source] if source is not None else claim_agents(verb) or [
        c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}] or ([inverted] if inverted is not None else [])
    head = verb
    while not subjects and head.dep_ in CLAUSE_HOPS and head.head.i != head.i:
        if head.dep_ == "acl":  # 'issued a statement calling the report untrue': who issued it
            if head.head.lemma_.lower() not in ISSUED_NOUNS or head.head.head.i == head.head.i:
                break
            head = head.head
        elif head.dep_ == "pcomp":  # 'Acme kept the rumour alive by not commenting': the verb the 'by' hangs on
            if head.head.lower_ not in MANNER_PREPOSITIONS or head.head.head.i == head.head.i:
                break
            head = head.head
        head = head.head  # 'Ford dismissed the report and said ...': the subject of the first verb
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if head.lemma_.lower() in EMPTY_IT_VERBS and [s.lower_ for s in subjects] == ["it"] and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return []  # 'it did not take long to rule this out': nobody is named
    if not subjects and verb.head.lower_ in REQUEST_NOUNS:
        return addressees(verb.head)  # 'Calls to Acme were not returned' parsed with 'Calls' as the verb
    keys: list[str] = []
    for subj in subjects:
        if subj.lower_ in RELATIVE_PRONOUNS and head.dep_ == "relcl":
            subj = _antecedent(subj, head.head)  # 'Acme's press office, which told us ...'
        elif subj.lower_ == "which" and subj.i > 0 and subj.doc[subj.i - 1].text == ",":
            subj = _antecedent(subj, None)  # the same clause, parsed as hanging on the verb
        if subj.lower_ in coref.UNNAMED_SPEAKERS or subj.lemma_.lower() in OTHER_ROLES:
            continue  # 'an Acme source', 'an Acme employee': an insider's word is not the company's answer
        state = state_of(subj, unnamed=denial)
        if state:  # 'the North Korean embassy', 'Navarro County officials'
            keys += [state] if state not in keys else []
            continue
        principal = (principal_of(subj) or earlier_principal(subj)) if speaking_role(subj) else None
        if principal:  # 'Acme's general counsel admits', 'a Vogue rep declined'
            keys += [principal] if principal not in keys else []
            continue
        if subj.lemma_.lower() in REQUEST_NOUNS or subj.lower_ in REQUEST_NOUNS:
            keys += [k for k in addressees(subj) if k not in keys]  # 'calls to Acme were not returned'
            continue
        speaker = _speaker_named(subj)
        if speaker is not None:  # 'Codelco said that it does not comment': 'it' is the speaker, whatever it is
            key = (principal_of(speaker) if speaking_role(speaker) else None) or coref.resolve(speaker, ACTOR_TYPES)
            if key and key not in keys:
                keys.append(key)
            continue
        for head in [subj, *subj.conjuncts]:
            keys += [k for k in coref.named_together(head) if k not in keys]  # 'the two firms declined'
            # an apposition names the party only when the head itself does not: 'its spokesman,
            # John Doe' yes; 'Acme, the majority owner of Beta,' is Acme alone
            key = coref.resolve(head, ACTOR_TYPES) or body(head) or _country(head) or (
                coref.resolve(head, {EntityType.OUTLET.value}) if _to_an_outlet(verb) else None)
            appositions = [] if key else [c for c in head.children if c.dep_ == "appos"]
            appositions += [c for a in list(appositions) for c in a.conjuncts]
            for key in [key] + [coref.resolve(a, ACTOR_TYPES) for a in appositions]:
                if key and key not in keys:
                    keys.append(key)
    return keys


def claim_agents(verb: Token) -> list[Token]:
    """'the reports have been denied by Iraq': who a passive cue says answered a claim (the agent,
    with its conjuncts), when its subject is a claim or a report; else none."""
    claims = according.CLAIM_NOUNS
    if not any(c.dep_ == "nsubjpass" and (c.lemma_.lower() in claims or c.lower_ in claims) for c in verb.children):
        return []
    return [o for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
            for o in [p, *p.conjuncts]]


def _antecedent(pronoun: Token, attached: Token | None) -> Token:
    """What 'which' stands for: the noun the parser hung its clause on (``attached``; None when it
    hung the clause on a verb), unless a noun phrase outside that noun's own words stands between
    them ('Acme referred us to the ministry (MoI), which did not respond': the ministry, not Acme).
    'who' keeps the parser's noun: 'a spokesman for Acme, who declined' is the spokesman."""
    doc = pronoun.doc
    if attached is not None and pronoun.lower_ != "which":
        return attached
    floor = attached.i if attached is not None else pronoun.sent.start - 1
    near = pronoun.i - 1
    while near > floor and (doc[near].is_punct or doc[near].is_space):
        near -= 1
    if near <= floor or doc[near].pos_ not in {"NOUN", "PROPN"}:
        return attached if attached is not None else pronoun
    if attached is not None and near in {t.i for t in attached.subtree} - {t.i for t in pronoun.head.subtree}:
        return attached  # 'a unit of Acme, which': the parser's noun
    if doc[near].dep_ == "appos" and coref.key_at(doc, near) is None:
        return doc[near].head  # 'the ministry (MoI), which': the name the short form stands beside
    return doc[near]


def _to_an_outlet(verb: Token) -> bool:
    """'Acme News confirmed to Beta Daily that ...': a news organisation answering another outlet
    is a party (one that only 'confirmed' a detail of its own reporting is not)."""
    doc = verb.doc
    return any(g.dep_ == "pobj" and coref.type_of(doc, coref.key_at(doc, g.i)) == EntityType.OUTLET.value
               for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children)


def _country(head: Token) -> str | None:
    """'North Korea denied the report': a country named as the subject answers through its government."""
    doc = head.doc
    key = coref.key_at(doc, head.i)
    entity = (doc._.entities or {}).get(key) if key else None
    return key if entity is not None and entity.type == EntityType.PLACE and is_country(entity.name) else None


def _speaker_named(pronoun: Token) -> Token | None:
    """The named subject of the speech verb whose reported clause holds this 'it', 'they' or 'the
    company': 'Codelco said that it ...', 'an official at Acme said the company would not ...'."""
    the_company = pronoun.lemma_.lower() in coref.COMPANY_NOUNS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in pronoun.children)
    if pronoun.lower_ not in coref.COMPANY_PRONOUNS | {"they", "we"} and not the_company:
        return None
    tok = pronoun.head
    for _ in range(4):
        if tok.dep_ not in {"ccomp", "xcomp", "conj"} or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_VERBS:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None:
                return None
            if subj.pos_ == "PROPN" and coref.key_at(subj.doc, subj.i):
                return subj
            if pronoun.lower_ in {"we", "they"} and speaking_role(subj) and principal_of(subj):
                return subj  # 'a spokesperson for Acme told us: "We can confirm ..."'
            named = the_company and coref.resolve(subj, ACTOR_TYPES)  # 'an official at Acme'
            return subj if named and coref.type_of(subj.doc, named) == EntityType.COMPANY.value else None
    return None

