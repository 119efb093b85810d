"""One type per entity in an article: the words around each mention of a name ('Mr Roe', 'Acme
shares', 'companies such as Acme', 'a match in Lyon', a name ending in 'Systems') are evidence of
what it is, stronger than the statistical NER's label of any one mention. A name takes the type
most of its mentions' contexts give it; with no such context, the type most mentions carry.

A bare surname that the gazetteer knows only as a one-word company ('Roe' beside a Roe AG) is the
article's person of that surname when nothing around it says company."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common.gazetteer import Gazetteer
from newsgraph.nlp.common.known_places import is_known_place
from newsgraph.nlp.common.names import GENERIC_NAME_WORDS, norm_name, strip_the
from newsgraph.nlp.common.spans import text_of
from newsgraph.nlp.entities.classify import COMPANY_DESCRIPTORS, described_as
from newsgraph.nlp.entities.roles import ROLE, role

HONORIFICS = lexicon.words("names.honorifics")
SHARE_NOUNS = lexicon.words("names.share_nouns")
ORGANISATION_VOICES = lexicon.words("names.organisation_voices")
PLACE_PREPOSITIONS = lexicon.words("names.place_prepositions")
COMPANY_LAST_WORDS = GENERIC_NAME_WORDS | lexicon.words("names.company_last_words")
EXAMPLE_PREPOSITIONS = lexicon.words("names.example_prepositions")
VOTING_TYPES = {EntityType.PERSON, EntityType.COMPANY, EntityType.PLACE}
Found = tuple[Span, str, EntityType, str]


def has_honorific(ent: Span) -> bool:
    """'Mr Roe', 'Dr. Roe': a title right before the name, or as its first word."""
    first = ent[0] if ent[0].lower_.rstrip(".") in HONORIFICS and len(ent) > 1 else None
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if first is None and before is not None and before.text[:1].isupper():
        first = before if before.lower_.rstrip(".") in HONORIFICS else None
    return first is not None


def without_honorific(ent: Span) -> Span:
    """'Ms Lee' as the NER tagged it -> 'Lee', the name the article's 'Jane Lee' ends with."""
    if len(ent) > 1 and ent[0].lower_.rstrip(".") in HONORIFICS and ent[1].text[:1].isupper():
        return Span(ent.doc, ent.start + 1, ent.end, label=ent.label_, kb_id=ent.kb_id_)
    return ent


def context_type(ent: Span, someones_name: bool = True) -> EntityType | None:
    """What the words in and around one mention say the name is, or None when they say nothing.
    ``someones_name``: the name may be a person's (the article gives it as part of a person's full
    name, or says nothing either way); False for a one-word name no person of the article bears."""
    doc = ent.doc
    words = strip_the(ent.text).split()
    if has_honorific(ent):
        return EntityType.PERSON
    if len(words) > 1 and words[-1].lower().strip(".,") in COMPANY_LAST_WORDS and words[-1][:1].isupper():
        return EntityType.COMPANY  # 'Acme Space Systems', 'Roe Holdings'
    after = doc[ent.end] if ent.end < len(doc) else None
    market = ent.label_ == "LOC" or is_known_place(ent.text)  # 'Hong Kong shares', 'Asia-Pacific shares': a market's
    if after is not None and after.lower_ in SHARE_NOUNS and after.pos_ == "NOUN" and not market:
        return EntityType.COMPANY  # 'Acme shares fell' (not 'Roe's shares', which a person may own)
    if after is not None and after.lower_ in ORGANISATION_VOICES and after.is_lower and (
            ent.label_ != "PERSON" or not someones_name and len(ent) == 1):
        # 'an Acme spokesman'; a name the NER took for a person is one only when a person of the
        # article bears it ('a Trump spokesman' beside 'Donald Trump'), not a lone 'a Vogue rep'
        return EntityType.COMPANY
    root = ent.root
    prep = root.head if root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in {"for", "at"} and prep.head.lower_ in ORGANISATION_VOICES and (
            ent.label_ != "PERSON" or not someones_name and len(ent) == 1):
        return EntityType.COMPANY  # 'a spokesperson for Acme' (for a person's name, as above)
    if prep is not None:
        if prep.lower_ == "of" and prep.head.lower_ in SHARE_NOUNS and not market:
            return EntityType.COMPANY  # 'shares of Acme'
        if prep.lower_ in EXAMPLE_PREPOSITIONS and _plural_company_noun(prep):
            return EntityType.COMPANY  # 'companies such as Acme', 'chains like Acme'
        if prep.lower_ in PLACE_PREPOSITIONS and len(ent) == 1 and (
                ent.label_ in {"GPE", "LOC"} or ent.label_ == "PERSON" and is_known_place(ent.text)):
            return EntityType.PLACE  # 'a match in Lyon'
    based = ent.end + 1 < len(doc) and doc[ent.end + 1].lower_ == "based"
    if after is not None and after.text in {"-", "–"} and based:
        return EntityType.PLACE  # 'a Lyon-based firm'
    full_name = len(ent) > 1 and all(t.is_title for t in ent)
    if (ent.label_ == "PERSON" or full_name) and (role(ent) or _age_after(ent)) or _title_before(ent) \
            or _who_after(ent):
        return EntityType.PERSON  # 'Acme CEO Jane Roe', 'Jane Roe, 54,', 'Senator Roe', 'Roe, who ...'
    described = described_as(ent)  # 'chipmaker Acme', 'Acme, the miner,'
    return described if described in VOTING_TYPES else None


def _who_after(ent: Span) -> bool:
    """'Roe, who joined in 2019, ...': 'who' is said of people, 'which' of companies."""
    doc = ent.doc
    named_group = ent[0].lower_ == "the" or ent.start > 0 and doc[ent.start - 1].lower_ == "the"  # 'the Acme, who'
    return not named_group and ent.end + 1 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ == "who"


def _title_before(ent: Span) -> bool:
    """A role written as a title right before the name: 'President Roe', 'Chief Executive Jane Roe'."""
    doc = ent.doc
    for i in range(max(ent.sent.start, ent.start - 2), ent.start):
        if doc[i].text[:1].isupper() and ROLE.match(doc[i:ent.start].text):
            return True
    return False


def _plural_company_noun(prep) -> bool:
    """The noun an example preposition hangs on ('as' of 'such as' hangs on 'such' or the noun)."""
    head = prep.head.head if prep.head.lower_ == "such" else prep.head
    return head.pos_ == "NOUN" and (head.lemma_.lower() in COMPANY_DESCRIPTORS or head.lower_ in COMPANY_DESCRIPTORS)


def _age_after(ent: Span) -> bool:
    doc = ent.doc
    return ent.end + 2 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].like_num \
        and doc[ent.end + 2].text == "," and len(doc[ent.end + 1].text) <= 3


def one_type_per_entity(found: list[Found], gazetteer: Gazetteer) -> list[Found]:
    """Each name one type across the article: the type most of its mentions' contexts give it,
    else the type a clear majority (two thirds, and three or more) of its mentions carry. A
    one-word name that is the first or last word of a person's full name in the article ('Roe',
    'Jane' of 'Jane Roe') is that person's mention (a first name only where the NER took it for
    a person), and the full name's own mentions count as person contexts. A mention the NER took
    for a product ('its Debrecen plant') follows only what the contexts say. Gazetteer entries
    (companies, outlets, places) and the other types (government, ...) keep theirs."""
    people = _full_names(found)
    people_names = {norm_name(full) for _, full in people.values()}
    called_people = {name for ent, _, _, name in found if ent.label_ == "PERSON"}
    groups: dict[str, list[int]] = {}
    for n, (ent, key, etype, name) in enumerate(found):
        if etype in VOTING_TYPES | {EntityType.PRODUCT} and gazetteer.get(key) is None:
            person = people.get(name) if len(name.split()) == 1 else None
            if person and name == person[1].split()[0] and name not in called_people:
                person = None  # 'Orbit' beside an 'Orbit Beyond' the NER took for a person
            groups.setdefault(norm_name(person[1] if person else name), []).append(n)
    out = list(found)
    for norm, group in groups.items():
        voting = [n for n in group if found[n][2] in VOTING_TYPES]
        if not norm or not voting:
            continue
        someones = norm in people_names or not any(found[n][0].label_ == "ORG" for n in group)
        contexts = Counter(t for t in (context_type(found[n][0], someones) for n in group) if t is not None)
        full = [n for n in voting if len(found[n][3].split()) > 1 and found[n][0].label_ == "PERSON"
                and found[n][2] == EntityType.PERSON]
        contexts[EntityType.PERSON] += len(full) if len(full) < len(voting) else 0
        contexts = +contexts
        carried = Counter(found[n][2] for n in voting)
        members = group if contexts else voting
        if contexts:
            best = consensus_type(contexts, carried)
        else:
            best, count = carried.most_common(1)[0]
            if 3 * count < 2 * len(voting) or count < 3:
                continue  # too few labels, or labels that disagree, and nothing around the name decides
        target = next((found[n] for n in members if found[n][2] == best and norm_name(found[n][3]) == norm), None)
        for n in members:
            ent, key, etype, name = found[n]
            if etype != best or norm_name(name) != norm:
                out[n] = (ent, target[1], best, target[3]) if target else (ent, f"{best.value}:{norm}", best, name)
    return out


def consensus_type(contexts: Counter, carried: Counter) -> EntityType:
    """The type most contexts give; on a tie, the one most mentions carry; on a tie again, the
    one whose context came first in the article (never the order of a set, which changes with
    the hash seed from run to run)."""
    ranked = contexts.most_common()  # count first, then first seen
    tied = [t for t, c in ranked if c == ranked[0][1]]
    return max(tied, key=lambda t: carried.get(t, 0))  # max keeps the first of equals


def _full_names(found: list[Found]) -> dict[str, tuple[str, str]]:
    """First and last words of the article's multi-word person names -> (key, full name); a word
    two different people share ('Smith' of two Smiths) is left out, and so is a word the article
    writes alone before it writes the full name: news introduces a person by the full name first
    ('Amazon' long before a stray 'Video Amazon' is not that person)."""
    first_alone: dict[str, int] = {}
    first_full: dict[str, int] = {}
    for ent, key, etype, name in found:
        written = strip_the(ent.text)
        if " " not in written:
            first_alone.setdefault(written, ent.start_char)
        else:
            first_full[key] = min(first_full.get(key, ent.start_char), ent.start_char)
    words: dict[str, set[tuple[str, str]]] = {}
    end = len(text_of(found[0][0].doc)) if found else 0
    for ent, key, etype, name in found:
        parts = name.split()
        if etype == EntityType.PERSON and len(parts) > 1 and not key.startswith(("gaz:", "outlet:")) \
                and parts[-1].lower().strip(".,") not in COMPANY_LAST_WORDS \
                and not any(len(w) > 1 and w.isupper() for w in parts):  # 'Acme UK' is no person's name
            for word in (parts[0], parts[-1]):
                if first_full.get(key, -1) < first_alone.get(word, end):
                    words.setdefault(word, set()).add((key, name))
    return {w: next(iter(v)) for w, v in words.items() if len(v) == 1}


def surnames_over_weak_links(found: list[Found]) -> list[Found]:
    """'Douglas' after 'Jane Douglas' is Jane Douglas, not a gazetteer company called Douglas,
    unless the words around it say company ('Douglas shares'). Only for a one-word mention linked
    by a one-word gazetteer name, not written in capitals, and only when the article gives the
    full name before it writes the word alone."""
    people = _full_names(found)
    if not people:
        return found
    out = []
    for ent, key, etype, name in found:
        word = strip_the(ent.text)
        person = people.get(word)
        if person and person[1].split()[-1] == word and key.startswith("gaz:") and etype == EntityType.COMPANY \
                and len(ent) == 1 and not word.isupper() and len(name.split()) == 1 \
                and context_type(ent) != EntityType.COMPANY:
            out.append((ent, person[0], EntityType.PERSON, person[1]))
        else:
            out.append((ent, key, etype, name))
    return out
