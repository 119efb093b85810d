"""Who speaks for whom: the organisation a named person speaks for, from the noun phrase around the
name ('Acme spokesman Jane Roe', 'Jane Roe, a spokeswoman for Acme,', 'an Acme lawyer, Jane Roe,').

A person whose phrase ties them to an organisation through a speaking role (spokesperson, chief
executive, lawyer: ``responses.speaking_roles``) answers for it: the party is the organisation. A
person tied to an organisation by another role ('Acme reporter Jane Roe', ``responses.other_roles``)
speaks for nobody of the story: no party. A person with no tie is their own party.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.known_places import country_of_adjective
from newsgraph.nlp.common.names import norm_name

SPEAKING_ROLES = lexicon.words("responses.speaking_roles")
BODY_NOUNS = lexicon.words("responses.body_nouns")
PERSON_NOUNS = lexicon.words("responses.person_nouns")
OTHER_ROLES = lexicon.words("responses.other_roles")
ENTOURAGE_NOUNS = lexicon.words("responses.entourage_nouns")
STATE_BODIES = lexicon.words("responses.state_bodies")
STATE_ROLES = lexicon.words("responses.state_roles")  # 'Peruvian Interior Minister Jane Roe' speaks for Peru
BODY_NAME_WORDS = {k: tuple(v) for k, v in lexicon.table("responses.body_name_words").items()}
# a name with a spokesperson is an organisation, whatever type the name alone was given ('Acme
# spokesman' for a name typed a product or left untyped): any type but a place
ORGANISATIONS = {t.value for t in EntityType} - {EntityType.PLACE.value, EntityType.PERSON.value}
# whom a person's phrase may tie them to: an organisation, or a person they act for ('Woods' agent')
PRINCIPALS = ORGANISATIONS | {EntityType.PERSON.value}
NOBODY = ""  # a person tied to an organisation by a role that does not speak for it


def spokespeople(doc: Doc) -> dict[str, str]:
    """Each person of the article with a tie to an organisation: person key -> organisation key, or
    ``NOBODY`` for a tie that does not speak for it. The first tie the article gives wins."""
    out: dict[str, str] = {}
    for _, end, key in coref.mention_runs(doc):
        if key in out or coref.type_of(doc, key) != EntityType.PERSON.value:
            continue
        tie = _tie(doc[end - 1])  # the head of a name is its last token
        if tie is not None:
            out[key] = tie
    return out


def _tie(name: Token) -> str | None:
    """The organisation the phrase around a person's name ties them to (see the module)."""
    doc = name.doc
    person = coref.key_at(doc, name.i)
    # 'Acme spokesman Jane Roe': the words before the name in its own phrase
    before = [t for t in doc[name.left_edge.i:name.i] if coref.key_at(doc, t.i) != person]
    joins = [n for n, t in enumerate(before) if t.dep_ == "cc"]
    before = before[joins[-1] + 1:] if joins else before  # 'the mayor and Police Commissioner Jane Roe'
    tie = _role_and_org(before)
    tie = _national_role(before) if tie is None else tie  # NOBODY ('Acme reporter Jane Roe') stays
    if tie is not None:
        return tie
    owner = [c for c in name.children if c.dep_ == "poss" and coref.type_of(doc, coref.key_at(doc, c.i)) in ORGANISATIONS]
    if owner:  # 'Acme's Jane Roe': the organisation's own officer
        return coref.key_at(doc, owner[0].i)
    # 'Jane Roe, a spokeswoman for Acme,' / 'an Acme lawyer, Jane Roe,': the phrase beside the name
    beside = [c for c in name.children if c.dep_ == "appos"]
    if name.dep_ == "appos":
        beside.append(name.head)
    of = [o for p in name.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    for org in (coref.resolve(o, ORGANISATIONS) for o in of):  # 'Commander Jane Roe of the city police'
        if org and org != person:
            return org
    for other in beside:
        role = other.lemma_.lower()
        if role in SPEAKING_ROLES | OTHER_ROLES:
            org = principal_of(other)
            if org and org != coref.key_at(doc, name.i):
                return org if role in SPEAKING_ROLES and not _former(other) else NOBODY
    return None


def principal_of(role: Token) -> str | None:
    """Whom a role noun names as its principal: 'Acme's spokesman', 'an Acme spokesman', 'a spokesman
    for Acme' (only these: a looser tie is more often a misparse than a principal)."""
    doc = role.doc
    for c in role.children:
        if c.dep_ in {"poss", "compound"} and coref.type_of(doc, coref.key_at(doc, c.i)) in PRINCIPALS:
            return coref.key_at(doc, c.i)
        if c.dep_ == "compound" and (state := state_of(c, role)):
            return state  # 'a Jordanian government spokesman'
        if c.dep_ == "poss" and (person := _person_noun(c)):
            return person  # 'the actor's representatives'
    for prep in (c for c in role.children if c.dep_ == "prep" and c.lower_ in coref.SPEAKER_PREPOSITIONS):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            key = coref.key_at(doc, obj.i) or coref.resolve(obj, ORGANISATIONS) or body(obj) or _person_noun(obj) \
                or _entourage(obj)
            if coref.type_of(doc, key) in PRINCIPALS:
                return key
    return None


def earlier_principal(role: Token) -> str | None:
    """'the spokesperson said' with no principal of its own: the principal of the last role noun of
    the same kind before it ('a Fox News spokesperson told ...' then '"It is fake," the
    spokesperson said'), within the article's last few sentences."""
    doc = role.doc
    if [c.lower_ for c in role.children if c.i < role.i] != ["the"]:
        return None
    start = max(0, role.sent.start - 120)
    for tok in reversed(doc[start:role.i]):
        if tok.lemma_.lower() == role.lemma_.lower():
            found = principal_of(tok)
            if found:
                return found
    return None


def _entourage(noun: Token) -> str | None:
    """"Acme's camp", "Roe's team": the people around a principal speak for it."""
    if noun.lemma_.lower() not in ENTOURAGE_NOUNS:
        return None
    doc = noun.doc
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    key = coref.key_at(doc, owner.i) if owner is not None else None
    return key if coref.type_of(doc, key) in PRINCIPALS else None


def _person_noun(noun: Token) -> str | None:
    """'the actor' ('the actor's representatives', 'a rep for the actor'): the article's main person
    when one leads clearly, else the person the words before point to (``coref.antecedent``)."""
    if noun.lower_ in PERSON_NOUNS and any(d.lower_ == "the" for d in noun.children):
        return _main_person(noun) or coref.antecedent(noun, {EntityType.PERSON.value})
    return None


def _main_person(noun: Token) -> str | None:
    """The person the article has named most before 'the actor', 'the mayor' (news calls its main
    person by a role noun, while others are named in between), when one leads clearly (twice as
    often as any other)."""
    doc = noun.doc
    counts: dict[str, int] = {}
    for start, _, key in coref.mention_runs(doc):
        if start < noun.i:  # once per mention
            counts[key] = counts.get(key, 0) + 1
    people = sorted(((n, k) for k, n in counts.items() if coref.type_of(doc, k) == EntityType.PERSON.value), reverse=True)
    if not people or len(people) > 1 and people[0][0] < 2 * people[1][0]:
        return None
    return people[0][1]


def body(noun: Token) -> str | None:
    """'the agency', 'the council' (bare: 'the Saxon economy ministry' names a body of its own), and
    'Police' alone: the public body named last, else the organisation, when its name fits the noun
    (``_may_be``: 'the hospital' is no website that wrote of it)."""
    before = [c.lower_ for c in noun.children if c.i < noun.i]
    if noun.lower_ not in BODY_NOUNS or before != ["the"] and (before or noun.lower_ not in BODY_NAME_WORDS):
        return None  # bare, only a noun whose antecedent's name must fit it: 'Police declined to comment'
    key = (coref.antecedent(noun, {EntityType.GOVERNMENT.value})
           or coref.antecedent(noun, {EntityType.COMPANY.value}))
    return key if key and _may_be(noun.lower_, key, noun.doc) else None


def _may_be(noun: str, key: str, doc: Doc) -> bool:
    """Whether the organisation ``key`` may be what 'the <noun>' stands for: its name carries one of
    the noun's name words (``responses.body_name_words``), for a noun that has them."""
    words = BODY_NAME_WORDS.get(noun)
    entity = (doc._.entities or {}).get(key)
    return not words or entity is not None and any(w in entity.name.lower() for w in words)


def _role_and_org(words: list[Token]) -> str | None:
    roles = [t.lower_ for t in words if t.lower_ in SPEAKING_ROLES | OTHER_ROLES]
    orgs = [coref.key_at(t.doc, t.i) for t in words if coref.type_of(t.doc, coref.key_at(t.doc, t.i)) in PRINCIPALS]
    if not roles or not orgs:
        return None
    return orgs[-1] if not set(roles) & OTHER_ROLES else NOBODY


def _national_role(words: list[Token]) -> str | None:
    """'Peruvian Interior Minister Jane Roe': a minister or an envoy named with a national adjective
    speaks for that state (the country, when the article names it)."""
    if not any(t.lower_ in STATE_ROLES for t in words):
        return None
    countries = (country_of_adjective(t.text) for t in words if t.text[:1].isupper())
    return next((_country_key(words[0].doc, c) for c in countries if c), None)


def _country_key(doc: Doc, country: str) -> str | None:
    """The article's entity of a country, whatever type its mentions gave it."""
    return next((k for k, e in (doc._.entities or {}).items() if norm_name(e.name) == norm_name(country)), None)


def _former(role: Token) -> bool:
    """'a former spokesman for Acme' speaks for it no longer."""
    return any(c.lower_ in OTHER_ROLES for c in role.children if c.dep_ in {"amod", "compound"})


def state_of(noun: Token, role: Token | None = None, unnamed: bool = False) -> str | None:
    """The place whose state a body noun speaks for: 'the North Korean embassy' (a national
    adjective: the country, when the article names it), 'Navarro County officials', 'Texas
    authorities' (a place written before the noun); with ``role``, the body noun is the
    compound of a role noun ('a Jordanian government spokesman'), or a place after it
    ('authorities in Lebanon')."""
    if noun.lemma_.lower() not in STATE_BODIES and noun.lower_ not in STATE_BODIES:
        return None
    if role is None and not unnamed and any(c.dep_ == "det" and c.lower_ in {"a", "an", "one"} for c in noun.children):
        return None  # 'a U.S. official said': an unnamed source, not the state's answer (``unnamed``: it may be)
    doc = noun.doc
    before = [c for c in noun.children if c.dep_ in {"amod", "compound"} and c.i < noun.i]
    if role is not None:  # 'a Jordanian government spokesman': the adjective may hang on the role noun
        before += [c for c in role.children if c.dep_ == "amod" and c.i < noun.i]
    for mod in before:
        key = coref.key_at(doc, mod.i)
        if key and coref.type_of(doc, key) == EntityType.PLACE.value:
            return key
        words = doc[mod.left_edge.i:mod.i + 1].text if mod.dep_ == "amod" else mod.text
        country = country_of_adjective(words) or country_of_adjective(mod.text)
        if country:
            return _country_key(doc, country)
    named = coref.key_at(doc, noun.i) is not None or noun.pos_ == "PROPN"  # 'the Federal Ministry ... in Berlin'
    for place in (o for p in noun.children if p.dep_ == "prep" and p.lower_ == "in" and role is None and not named
                  for o in p.children if o.dep_ == "pobj"):  # 'authorities in Lebanon'
        key = coref.key_at(doc, place.i)
        if key and coref.type_of(doc, key) == EntityType.PLACE.value:
            return key
    return None
