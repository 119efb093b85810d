"""Short forms that join a long form in one article: a surname or a company's first word, a word the
NER left untagged, initials ('IAG' for the Insurance Australia Group the article names), and a
listed symbol written as a word ('GE')."""
from __future__ import annotations

import numpy as np
from spacy.attrs import IS_LOWER, LOWER, ORTH
from spacy.tokens import Doc, Span

from newsgraph.model import EntityType
from newsgraph.nlp.common.gazetteer import COMMON_ACRONYMS, SYMBOL_WORD, Gazetteer
from newsgraph.nlp.common.names import GENERIC_NAME_WORDS, NAME_LINK_WORDS, initials, legal_core, strip_the
from newsgraph.nlp.common.known_places import is_known_place
from newsgraph.nlp.entities.classify import place_names
from newsgraph.nlp.entities.consensus import COMPANY_LAST_WORDS

Found = tuple[Span, str, EntityType, str]
# what initials may stand for: 'PG&E', 'NSC' for a National Security Council the article names
INITIALLED_TYPES = {EntityType.COMPANY, EntityType.GOVERNMENT, EntityType.OUTLET}


def join_short_forms(found: list[tuple[Span, str, EntityType, str]], gazetteer: Gazetteer) -> list:
    """'Roe' after 'Jane Roe', 'Acme' after 'Acme Robotics', a company's 'Disney' after its 'Walt
    Disney': one entity in one article. The article's own long form wins over a gazetteer
    company that only shares the word ('Cathay' after 'Cathay Pacific', not Cathay Bancorp)."""
    def by_word_only(ent: Span, key: str) -> bool:
        """Linked by the first word of a gazetteer name, not an alias: the article's own name that
        starts with the word is better evidence ('Cathay' after 'Cathay Pacific'). A name that
        ends with the word is a brand the article may build on ('Disney World' after 'Walt Disney')."""
        word = strip_the(ent.text)
        entry = gazetteer.get(key)
        return entry is not None and len(ent) == 1 and gazetteer.lookup(word) is None \
            and entry.name.split()[0] == word

    word_only = [by_word_only(ent, key) for ent, key, _, _ in found]
    long_forms: dict[str, tuple[str, EntityType, str]] = {}
    last_words: dict[str, tuple[str, EntityType, str]] = {}
    for ent, key, etype, name in sorted((f for f, w in zip(found, word_only) if not w),
                                        key=lambda f: -len(f[3].split())):
        # the canonical name and the name as written ('Chesapeake' after 'Chesapeake Energy',
        # a former name of a gazetteer entry now called otherwise)
        for form in dict.fromkeys((name, legal_core(strip_the(ent.text)))):
            words = form.split()
            if len(words) > 1:  # people are named by their surname, organisations by their first word
                long_forms.setdefault(words[-1] if etype == EntityType.PERSON else words[0], (key, etype, name))
                last = words[-1]
                if etype == EntityType.COMPANY and len(last) > 3 and last[:1].isupper() \
                        and last.lower() not in GENERIC_NAME_WORDS:
                    last_words.setdefault(last, (key, etype, name))
    places = place_names(found[0][0].doc) if found else set()
    out = []
    for (ent, key, etype, name), only_word in zip(found, word_only):
        word = strip_the(ent.text)
        if word in places and is_known_place(word):  # 'Boston', named as a place too, joins no 'Boston Celtics'
            pass
        elif only_word and word in long_forms:
            key, etype, name = long_forms[word]
        elif not key.startswith(("gaz:", "outlet:")) and len(name.split()) == 1:
            if name in long_forms:
                key, etype, name = long_forms[name]
            elif etype == EntityType.COMPANY and name in last_words:
                key, etype, name = last_words[name]
        out.append((ent, key, etype, name))
    return out


def unlabelled_short_forms(doc: Doc, found: list[tuple[Span, str, EntityType, str]]) -> list:
    """'Brixton' after 'Brixton Partners' where the NER tagged nothing, or took a proper noun for a
    nationality ('Takes On Hellenic' after 'Hellenic Seaways'), and a one-word company name the
    NER missed once ('Acme flatly denied it', tagged a common noun): same entity; not a word the
    article also names as a place ('Boston' of 'Boston Harbor Partners' in a Boston story)."""
    first_words: dict[str, tuple[str, EntityType, str]] = {}
    for ent, key, etype, name in found:
        for words in (name.split(), strip_the(ent.text).split()):  # 'Transsion' of 'Transsion Holdings'
            if etype == EntityType.COMPANY and words and len(words[0]) > 3 and words[0][:1].isupper() \
                    and (len(words) > 1 or len(ent) == 1):
                first_words.setdefault(words[0], (key, etype, name))
    if not first_words:
        return []
    # the tokens written as such a word, found in the array of word ids (no Token made for the others)
    orth, lower, is_lower = doc.to_array([ORTH, LOWER, IS_LOWER]).T
    wanted = np.array([doc.vocab.strings[w] for w in first_words], dtype=np.uint64)
    taken = {i for ent, *_ in found for i in range(ent.start, ent.end)}
    at = [i for i in np.flatnonzero(np.isin(orth, wanted)).tolist() if i not in taken]
    if not at:
        return []
    places = place_names(doc)
    common = set(orth[is_lower == 1].tolist())  # 'bank' written small: 'Bank' may be a word
    extra = []
    for i in at:
        tok = doc[i]
        name_like = tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and int(lower[i]) not in common
        if name_like and tok.ent_type_ in {"", "NORP"} and tok.text not in places:
            key, etype, name = first_words[tok.text]
            extra.append((doc[tok.i:tok.i + 1], key, etype, name))
    return extra


def symbols_as_names(doc: Doc, found: list[tuple[Span, str, EntityType, str]], gazetteer: Gazetteer) -> list:
    """'GE' in an article that names General Electric (NYSE: GE): the listed symbol of a company
    the article names, written as a word, is that company. Only symbols of two letters or more;
    a one-letter symbol needs a ticker context (see newsgraph.nlp.tickers)."""
    named = {key for _, key, etype, _ in found if etype == EntityType.COMPANY and key.startswith("gaz:")}
    symbols: dict[str, str] = {}
    for key in named:
        for t in gazetteer.get(key).tickers:
            symbols.setdefault(t.split(":")[-1], key)
    symbols = {s: k for s, k in symbols.items() if SYMBOL_WORD.match(s) and s not in COMMON_ACRONYMS}
    # what the NER made of such a word alone ('GE' as an unknown acronym) gives way
    found = [f for f in found if f[1].startswith(("gaz:", "outlet:")) or f[0].text not in symbols]
    taken = {i for ent, *_ in found for i in range(ent.start, ent.end)}
    taken |= {i for ent in doc.ents if ent.kb_id_.startswith("ticker:") for i in range(ent.start, ent.end)}
    for tok in doc:
        key = symbols.get(tok.text)
        if key and tok.i not in taken:
            entry = gazetteer.get(key)
            found.append((doc[tok.i:tok.i + 1], key, entry.type, entry.name))
    return found


def initials_of_named(found: list[Found], gazetteer: Gazetteer) -> list[Found]:
    """'IAG' in an article that names Insurance Australia Group is that company, whatever else the
    gazetteer knows by those letters (International Airlines Group); 'PG&E' for a 'Pacific Gas &
    Electric Co.' it names, with or without the ampersand. When the gazetteer knows the company by
    the initials themselves ('PG&E' is the entry's own name), the long form joins that entry."""
    by_initials: dict[str, tuple[str, EntityType, str]] = {}
    for ent, key, etype, name in found:
        if etype in INITIALLED_TYPES:
            for form in initial_forms(ent.text) | defined_short_form(ent):
                by_initials.setdefault(form, (key, etype, name))
    into: dict[str, tuple[str, EntityType, str]] = {}  # long form's key -> the gazetteer entry it joins
    out = []
    for ent, key, etype, name in found:
        written = ent.text.replace(" ", "")
        short = written.isupper() and len(ent) <= 3 and " " not in ent.text.strip()
        named = by_initials.get(written) if short else None
        if not named or named[0] == key:
            out.append((ent, key, etype, name))
            continue
        entry = gazetteer.get(key)
        if entry is not None and entry.type == EntityType.COMPANY and entry.name.replace(" ", "") == written \
                and gazetteer.get(named[0]) is None:
            into.setdefault(named[0], (key, etype, name))
            out.append((ent, key, etype, name))
        else:
            out.append((ent, *named))
    return [(ent, *into[key]) if key in into else (ent, key, etype, name) for ent, key, etype, name in out]


def same_brand(found: list[Found], gazetteer: Gazetteer) -> list[Found]:
    """'Fortress' beside 'Fortress Investment Group', 'Big Machine' beside 'Big Machine Records' and
    'Big Machine Label Group': company names that differ only by trailing company words are one
    company when the article also writes the bare brand. The bare brand joins them whatever the
    NER took it for, unless it names a known place ('Boston' of 'Boston Partners')."""
    def core(name: str) -> str:
        words = strip_the(name).split()
        while len(words) > 1 and words[-1].lower().strip(".,") in COMPANY_LAST_WORDS:
            words.pop()
        return " ".join(words)

    brands: dict[str, list[int]] = {}
    for n, (ent, key, etype, name) in enumerate(found):
        if etype == EntityType.COMPANY and len(strip_the(ent.text).split()) > 1:
            brand = core(strip_the(ent.text))
            if brand != strip_the(ent.text) and len(brand) > 3 and not is_known_place(brand):
                brands.setdefault(brand, []).append(n)
    bare = {n: strip_the(ent.text) for n, (ent, key, etype, name) in enumerate(found)
            if strip_the(ent.text) in brands and etype in {EntityType.COMPANY, EntityType.PLACE, EntityType.OTHER}
            and not (key.startswith(("gaz:", "outlet:")) and etype != EntityType.COMPANY)}
    into: dict[int, tuple[str, EntityType, str]] = {}
    for brand, members in brands.items():
        written = [n for n, b in bare.items() if b == brand]
        if not written:
            continue
        group = members + written
        target = next((found[n] for n in group if gazetteer.get(found[n][1]) is not None
                       and found[n][2] == EntityType.COMPANY), None) \
            or max((found[n] for n in members), key=lambda f: len(f[3]))
        for n in group:
            into.setdefault(n, target[1:])
    return [(found[n][0], *into[n]) if n in into else found[n] for n in range(len(found))]


def defined_short_form(ent: Span) -> set[str]:
    """'New York State Attorney General (NYAG)': the capitals in parentheses right after a name,
    when they are some of the name's capitals in order, starting with its first."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "(" or doc[ent.end + 2].text != ")":
        return set()
    short = doc[ent.end + 1].text
    capitals = [c for c in ent.text if c.isupper()]
    letters = [c for c in short if c != "&"]
    if not (short.replace("&", "").isalpha() and short.isupper() and 2 <= len(letters) < len(capitals) + 1) \
            or not capitals or letters[0] != capitals[0]:
        return set()
    rest = iter(capitals)
    return {short} if all(c in rest for c in letters) else set()


def initial_forms(text: str) -> set[str]:
    """The initials a company's name as written gives, with and without its legal suffix:
    'Pacific Gas & Electric Co.' -> 'PGE', 'PG&E' (and 'PGEC', 'PG&EC'); 'Insurance Australia
    Group' -> 'IAG'; none for one word or a word not capitalised."""
    forms = set()
    for name in {strip_the(text), legal_core(strip_the(text))}:
        words = name.replace("&", " & ").split()
        significant = [w for w in words if w.lower() not in NAME_LINK_WORDS]
        if len(significant) < 2 or not all(w[:1].isupper() for w in significant):
            continue
        forms.add(initials(significant))
        if "&" in words:
            forms.add("".join("&" if w == "&" else w[0] for w in words if w == "&" or w.lower() not in NAME_LINK_WORDS))
    return forms
