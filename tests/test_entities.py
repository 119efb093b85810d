"""newsgraph.nlp.entities (component, classify, linking, short_forms, roles) and newsgraph.nlp.common.coref: mentions linked to one entity per article, types,
roles, and what 'it', 'the company' and 'a spokesperson for X' stand for."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsgraph.nlp.common import coref
from newsgraph.nlp.common.names import norm_name


def by_name(doc) -> dict[str, str]:
    return {e.name: e.type.value for e in doc._.entities.values()}


@pytest.mark.parametrize("text, expected", [
    ("Ford Motor Co. said on Monday it would add a night shift at its Kentucky truck plant.",
     {"Ford Motor Company": "company"}),
    ("The Commerce Department opened an inquiry into the imports, Bloomberg News reported.",
     {"Commerce Department": "government", "Bloomberg": "outlet"}),
    ("Marta Quill, chief financial officer of Harborline Motors, said costs had peaked.",
     {"Marta Quill": "person", "Harborline Motors": "company"}),
    ("The Financial Times said Toyota and Panasonic were close to a deal on batteries.",
     {"Financial Times": "outlet", "Toyota Motor": "company", "Panasonic": "company"}),
    ("The union said, in comments reported by Le Courrier Lyonnais, that Renault would shut two sites.",
     {"Le Courrier Lyonnais": "outlet", "Renault": "company"}),
    # a long name the NER split around a capitalised word is one name
    ("Neither Apple nor NHL Digital Media, which runs the streams, had comment on the report.",
     {"NHL Digital Media": "company"}),
    # an acronym that gives a statement is an organisation, not an abbreviation
    ('When contacted, KVB offered this statement: "We have nothing to share at this time."', {"KVB": "company"}),
    # a name a spokesperson speaks for is an organisation, even where the NER saw a person
    ("Kelvra is said to be testing a new drink. A Kelvra spokesperson called the report false.",
     {"Kelvra": "company"}),
    # a name before a street word is a street, even one a gazetteer knows as a company
    ("Microsoft is building a cooling plant on Rogers Road in San Antonio.",
     {"Microsoft": "company", "Rogers Road": "place"}),
])
def test_entity_names_and_types(analyse, text, expected):
    found = by_name(analyse(text))
    assert {k: v for k, v in found.items() if k in expected} == expected


def test_short_and_long_forms_are_one_entity(analyse):
    doc = analyse("Ford Motor Co. said on Monday it would add a night shift. Ford expects the extra output to "
                  "shorten waiting lists, and the FT said Ford Motor would also hire.")
    ford = [m for m in doc._.mentions if m.entity_key == "gaz:ford-motor"]
    assert len(ford) == 3
    assert doc._.entities["gaz:ford-motor"].name == "Ford Motor Company"


def test_a_surname_joins_the_full_name_and_the_role_is_kept(analyse):
    doc = analyse("Ford CEO Jim Farley told analysts the plan was on track. Farley added that prices would hold.")
    people = [e for e in doc._.entities.values() if e.type.value == "person"]
    assert [p.name for p in people] == ["Jim Farley"]
    roles = [m.role for m in doc._.mentions if m.entity_key == people[0].key]
    assert roles[0] == "Ford CEO"
    assert len(roles) == 2


def test_mentions_point_at_the_names_in_the_text(analyse):
    text = ("Xiaomi (HK:1810) said its sedan sold well. A spokesperson for Xiaomi Corp. added that Ford had "
            "not been in touch, while Toyota Motor declined to comment.")
    doc = analyse(text)
    for m in doc._.mentions:
        entity = doc._.entities[m.entity_key]
        written = text[m.evidence.start:m.evidence.end]
        assert 0 <= m.evidence.start < m.evidence.end <= len(text)
        names = {norm_name(n) for n in (entity.name, *entity.aliases)}
        symbols = {t.split(":")[-1] for t in entity.tickers}
        assert norm_name(written) in names or written in symbols, (written, entity)


def _token(doc, text: str, nth: int = 0):
    return [t for t in doc if t.text == text][nth]


@pytest.mark.parametrize("text, word, nth, key", [
    ("Xiaomi posted record revenue on Tuesday. It said demand for its cars was strong.", "It", 0, "gaz:xiaomi"),
    ("Xiaomi posted record revenue on Tuesday. The company said demand was strong.", "company", 0, "gaz:xiaomi"),
    ("A spokesperson for Xiaomi said the sedan had sold out.", "spokesperson", 0, "gaz:xiaomi"),
    ("A Xiaomi spokeswoman said the sedan had sold out.", "spokeswoman", 0, "gaz:xiaomi"),
    ("Ford met Xiaomi last week. The automaker said the talks were about software.", "automaker", 0,
     "gaz:ford-motor"),
])
def test_coref_resolves_what_a_phrase_stands_for(analyse, text, word, nth, key):
    doc = analyse(text)
    assert coref.resolve(_token(doc, word, nth)) == key


def test_coref_finds_nothing_without_an_antecedent(analyse):
    doc = analyse("It was a cold morning at the harbour. The company of sailors waited for the tide.")
    assert coref.resolve(_token(doc, "It")) is None


def _keys_of(doc, written: str) -> set[str]:
    return {m.entity_key for m in doc._.mentions if doc.text[m.evidence.start:m.evidence.end] == written}


@pytest.mark.parametrize("text, written, key", [
    # a headline span that runs on past the name links the name it starts with
    ("Tesla Slips After Delivery Miss\n\nThe carmaker delivered fewer cars than analysts expected.", "Tesla",
     "gaz:tesla"),
    # spaced ampersands, as tokenised text writes them
    ("Analysts at the firm said AT & T would raise prices for its mobile plans next year.", "AT & T", "gaz:at-t"),
])
def test_known_names_are_linked_however_they_are_written(analyse, text, written, key):
    assert _keys_of(analyse(text), written) == {key}


def test_a_company_s_last_word_joins_its_full_name_in_the_article(analyse):
    doc = analyse("Deutsche Telekom raised its outlook on Thursday. Telekom said mobile revenue grew faster than "
                  "expected.")
    assert _keys_of(doc, "Telekom") == _keys_of(doc, "Deutsche Telekom") == {"gaz:deutsche-telekom"}


def test_a_listed_symbol_written_as_a_word_names_the_company_the_article_names(analyse):
    doc = analyse("Tesla cut the price of its cheapest sedan in China on Monday. TSLA fell 3% in early trading.")
    assert _keys_of(doc, "TSLA") == {"gaz:tesla"}


def test_a_plural_possessive_is_not_part_of_the_name(analyse):
    doc = analyse("Brightwater Pipeline Partners' revenue rose 8% as volumes recovered, the operator said.")
    names = {e.name for e in doc._.entities.values() if e.type.value == "company"}
    assert "Brightwater Pipeline Partners" in names and not any(n.endswith("'") for n in names)


@pytest.mark.parametrize("text", [
    "Cathay Pacific ordered ten jets on Monday. Cathay said the deal was worth billions.",
    "Cathay Pacific Airways ordered ten jets on Monday. Cathay said the deal was worth billions.",
])
def test_the_article_s_own_long_form_wins_over_a_company_sharing_its_first_word(analyse, text):
    doc = analyse(text)
    assert _keys_of(doc, "Cathay") == {m.entity_key for m in doc._.mentions if m.evidence.start == 0}
    assert "gaz:cathay-general-bancorp" not in doc._.entities  # the US bank that shares the first word


def test_a_sister_company_of_a_known_group_is_a_company_of_its_own(analyse):
    doc = analyse("Toyota Industries raised its dividend on Tuesday, while Toyota cut its forecast.")
    names = {e.name for e in doc._.entities.values() if e.type.value == "company"}
    assert names == {"Toyota Industries", "Toyota Motor"}


def test_an_index_named_alone_is_no_company(analyse):
    doc = analyse("The Dow rose 1% on Tuesday while the Nasdaq slipped, and Tesla gained 4%.")
    companies = {e.name for e in doc._.entities.values() if e.type.value == "company"}
    assert companies == {"Tesla"}


def test_analysts_verdicts_and_amounts_are_no_companies(analyse):
    doc = analyse("On the broker's screen, Acme has a Moderate Buy consensus based on seven Buys and two Holds, "
                  "after the 448bn deal.")
    names = {e.name for e in (doc._.entities or {}).values()}
    assert not names & {"Buys", "Holds", "Moderate Buy", "448bn"}, names


def test_the_article_s_own_outlet_and_its_dateline_place_are_typed_as_such(pipeline):
    from newsgraph.model import Article

    text = ("OSLO, May 4 (Fjord Ledger) - Acme Shipping said on Monday it would sell two tankers, its chief "
            "executive told Fjord Ledger.")
    doc = pipeline.nlp(pipeline.make_doc(Article(id="a1", source="t.txt", text=text, outlet="Fjord Ledger")))
    types = {e.name: e.type.value for e in doc._.entities.values()}
    assert types["Fjord Ledger"] == "outlet"
    assert types["OSLO"] == "place"


@pytest.mark.parametrize("text, name, etype", [
    ("Chilean lithium producer SQM did not respond to questions.", "SQM", "company"),
    ("Portugal's Jornal Economico newspaper reported the talks on Sunday.", "Jornal Economico", "outlet"),
    ("Talks with Norvik, the state copper miner, resumed. Norvik said it was pleased.", "Norvik", "company"),
    ("Film producer Jerry Bruckheimer said the film was finished.", "Jerry Bruckheimer", "person"),
])
def test_the_words_around_a_name_say_what_it_is_for_every_mention(analyse, text, name, etype):
    types = {e.type.value for e in analyse(text)._.entities.values() if e.name == name}
    assert types == {etype}


def test_a_name_the_ner_calls_a_place_that_no_place_list_knows_is_a_company_when_it_acts(analyse):
    doc = analyse("Rio Tinto is in talks with Corvanta about a stake. Corvanta said it would decide soon. "
                  "Chile said the project was important, and Gothenburg said its port was busy.")
    types = {e.name: e.type.value for e in doc._.entities.values()}
    assert types["Corvanta"] == "company"
    assert types["Chile"] == "place" and types["Gothenburg"] == "place"


@pytest.mark.parametrize("text, name, tickers", [
    ("Ørsted shares dropped 8% on Monday. Ørsted said it does not comment on rumours.", "Ørsted", {"CPH:ORSTED"}),
    ("Novo Nordisk cut its sales outlook on Wednesday.", "Novo Nordisk", {"CPH:NOVO-B", "NYSE:NVO"}),
    ("Greenvale Partners, the private equity firm, did not respond.", "Greenvale Partners", set()),
])
def test_large_listed_companies_outside_the_index_and_longer_unknown_names(analyse, text, name, tickers):
    found = {e.name: set(e.tickers) for e in analyse(text)._.entities.values() if e.type.value == "company"}
    assert name in found and tickers <= found[name]


@pytest.mark.parametrize("published_at, tickers, former", [
    # dated before the symbol changed: the symbol of the time as well, after the current one, marked
    (datetime(2019, 5, 1, tzinfo=timezone.utc), ("NASDAQ:META", "NASDAQ:FB"), ("NASDAQ:FB",)),
    (datetime(2023, 5, 1, tzinfo=timezone.utc), ("NASDAQ:META",), ()),
    (None, ("NASDAQ:META", "NASDAQ:FB"), ("NASDAQ:FB",)),  # undated: it may be an old article
])
def test_a_company_carries_the_ticker_it_had_when_the_article_was_written(analyse, published_at, tickers, former):
    doc = analyse("Facebook said on Tuesday that it would hire more reviewers for its news feed.", published_at)
    entity = doc._.entities["gaz:meta-platforms"]
    assert (entity.tickers, entity.former_tickers) == (tickers, former)


def test_a_short_form_joins_the_long_name_as_written_not_only_the_canonical_one(analyse):
    doc = analyse("Chesapeake Energy Corp. cut its drilling budget on Monday. Chesapeake said output would hold.")
    assert _keys_of(doc, "Chesapeake") == _keys_of(doc, "Chesapeake Energy Corp.") != set()


def test_a_site_the_ner_labels_an_organisation_is_a_place(analyse):
    doc = analyse("Kestrel Airways and BVX Airport announced a deal on Tuesday to build a new terminal.")
    assert by_name(doc) == {"Kestrel Airways": "company", "BVX Airport": "place"}


def test_a_nationality_word_that_starts_a_company_s_name_is_that_company_as_a_proper_noun(analyse):
    doc = analyse("Upstart Ferry Takes On Hellenic On Island Route\n\nOn the Piraeus route, Hellenic Seaways runs "
                  "three daily departures.")
    assert _keys_of(doc, "Hellenic") == _keys_of(doc, "Hellenic Seaways") != set()


def test_an_index_written_with_spaced_ampersand_is_no_company(analyse):
    doc = analyse("Shares of Tesla rose 4% on Friday, the best gain in the S & P 500 that day.")
    assert {e.name for e in doc._.entities.values() if e.type.value == "company"} == {"Tesla"}


def test_initials_name_the_company_the_article_names_and_a_describing_word_is_no_part_of_it(analyse):
    doc = analyse("Suncorp shares fell. Rival Insurance Australia Group said its costs would rise. IAG slipped 0.6 per "
                  "cent on Tuesday.")
    names = {e.name for e in doc._.entities.values()}
    assert "Insurance Australia" in names or "Insurance Australia Group" in names
    assert not any(n.startswith("Rival") for n in names) and "International Airlines Group" not in names


def test_initials_alone_keep_their_gazetteer_company(analyse):
    doc = analyse("British Airways owner IAG said passenger numbers rose 5 per cent.")
    assert "International Airlines Group" in {e.name for e in doc._.entities.values()}


def test_the_pipeline_gives_its_gazetteer_path_to_both_entity_components_and_the_tickers(tmp_path):
    """load_pipeline(gazetteer_path=...) reaches the factories through their config; the gazetteer,
    ruler, ticker finder and linker share one loaded gazetteer, and None is the built-in one."""
    import json

    from newsgraph.nlp.loader import load_pipeline
    from newsgraph.sec import update_gazetteer

    source = tmp_path / "sec_source.json"
    source.write_text(json.dumps({"fields": ["cik", "name", "ticker", "exchange"],
                                  "data": [[11, "QUARRYSTONE MOTOR CO", "QSM", "NYSE"]]}), encoding="utf-8")
    path, _ = update_gazetteer(str(source), tmp_path / "sec.json")
    names = ("newsgraph_gazetteer_v1", "newsgraph_tickers_v1", "newsgraph_entities_v1")
    for gazetteer_path, knows in ((path, True), (None, False)):
        nlp = load_pipeline(gazetteer_path=gazetteer_path)
        assert {nlp.config["components"][n]["gazetteer_path"] for n in names} == {str(path) if knows else None}
        shared = {id(nlp.get_pipe(n).gazetteer) for n in names}
        assert len(shared) == 1
        assert (nlp.get_pipe(names[0]).gazetteer.lookup("Quarrystone Motor") is not None) == knows


# --- consensus: one type per name in an article; initials and brands joined ------------------------------

def _types_of(doc, written: str) -> set[str]:
    return {doc._.entities[k].type.value for k in _keys_of(doc, written)}


@pytest.mark.parametrize("text, written, expected", [
    # a name ending in a company word is a company, whatever the NER made of it
    ("Rivals include Orbit Labs, Draper and Kestrel Space Systems. Kestrel Space Systems said it would bid.",
     "Kestrel Space Systems", "company"),
    # 'shares of X' and 'firms like X' make a one-word name a company across the article
    ("Shares of Halloran fell 4% on Monday. Halloran said the cuts were small, and Halloran told staff in a memo.",
     "Halloran", "company"),
    ("Investors sold firms like Halloran. Halloran said the cuts were small, and Halloran told staff in a memo.",
     "Halloran", "company"),
    # 'in X' makes a known city a place, wherever else the NER took it for a person
    ("The team played in Debrecen on Sunday. Debrecen fans celebrated late into the night.", "Debrecen", "place"),
    # a title before the name makes it a person, wherever else the NER took it for an organisation
    ("President Trask said tariffs would stay. Trask added that talks were going well. Trask's aides declined "
     "to comment.", "Trask", "person"),
])
def test_one_type_per_name_from_the_words_around_its_mentions(analyse, text, written, expected):
    assert _types_of(analyse(text), written) == {expected}


def test_an_honorific_and_a_surname_join_the_full_name(analyse):
    doc = analyse("Vortex Media chief executive Shane Smithers said sales rose. Mr Smithers said the group would "
                  "hire. Ms Lindqvist, who runs the unit, agreed. Anna Lindqvist joined in 2019.")
    assert _keys_of(doc, "Smithers") == _keys_of(doc, "Shane Smithers") == {"person:shane smithers"}
    assert _keys_of(doc, "Lindqvist") == _keys_of(doc, "Anna Lindqvist")


def test_a_surname_is_the_article_s_person_not_a_one_word_gazetteer_company(analyse):
    doc = analyse("Acme declined to comment. A spokeswoman, Jane Douglas, said the plant was safe. Douglas added "
                  "that no one was hurt.")
    assert _keys_of(doc, "Douglas") == _keys_of(doc, "Jane Douglas")
    assert _types_of(doc, "Douglas") == {"person"}


@pytest.mark.parametrize("text, short, long", [
    # initials with the ampersand, joined to the gazetteer entry known by them
    ("Pacific Gas & Electric Co. said it would cut power. PG&E said the shutoff would last two days.",
     "PG&E", "Pacific Gas & Electric Co."),
    # capitals defined in parentheses after the name
    ("The Northfield State Consumer Board (NCB) opened an inquiry. The NCB said it would report in May.",
     "NCB", "The Northfield State Consumer Board"),
])
def test_initials_join_the_long_name(analyse, text, short, long):
    doc = analyse(text)
    assert _keys_of(doc, short) and _keys_of(doc, short) == _keys_of(doc, long)


def test_initials_of_the_gazetteer_s_own_name_keep_its_entry(analyse):
    doc = analyse("Pacific Gas & Electric Co. said it would cut power. PG&E said the shutoff would last two days.")
    assert _keys_of(doc, "Pacific Gas & Electric Co.") == {"gaz:pg-e"}


def test_a_bare_brand_joins_the_company_names_it_starts(analyse):
    doc = analyse("Brackenridge Investment Group owns the chain. Brackenridge said on Monday it would sell it.")
    assert _keys_of(doc, "Brackenridge") == _keys_of(doc, "Brackenridge Investment Group")


def test_public_bodies_by_their_abbreviation_are_government(analyse):
    doc = analyse("NASA said the lander would fly in 2022, and the Fed held rates steady.")
    assert _types_of(doc, "NASA") == {"government"} and _types_of(doc, "Fed") == {"government"}


def test_a_place_s_shares_are_a_market_not_a_company(analyse):
    doc = analyse("Hong Kong shares fell 2% on Monday as protests spread across the city.")
    assert _types_of(doc, "Hong Kong") == {"place"}


@pytest.mark.parametrize("text, forms", [
    ("Pacific Gas & Electric Co.", {"PGE", "PG&E", "PGEC", "PG&EC"}),
    ("Insurance Australia Group", {"IAG", "IA"}),
    ("Acme", set()),
])
def test_initial_forms(text, forms):
    from newsgraph.nlp.entities.short_forms import initial_forms

    assert initial_forms(text) == forms


def test_a_place_the_ner_took_for_a_product_follows_its_other_mentions(analyse):
    doc = analyse("Voltline opened its Szolnok plant on Monday. The company employs 900 people in Szolnok, where "
                  "Szolnok officials welcomed the investment.")
    assert _types_of(doc, "Szolnok") <= {"place"}


_C, _P, _L = "company", "person", "place"


@pytest.mark.parametrize("contexts, carried, expected", [
    ([_C, _P, _P], [_C], _P),  # most contexts
    ([_C, _P], [_P, _P, _C], _P),  # tied contexts: most mentions carry it
    ([_C, _P], [_C, _P], _C),  # tied again: the context seen first
    ([_P, _C], [_C, _P], _P),
    ([_L, _C, _P], [], _L),
])
def test_the_consensus_type_of_a_tie_is_the_first_seen(contexts, carried, expected):
    from collections import Counter

    from newsgraph.model import EntityType
    from newsgraph.nlp.entities.consensus import consensus_type

    got = consensus_type(Counter(map(EntityType, contexts)), Counter(map(EntityType, carried)))
    assert got == EntityType(expected)


def test_the_consensus_type_does_not_follow_the_hash_seed():
    """The choice between tied types once depended on a set's order, so on PYTHONHASHSEED."""
    import os
    import subprocess
    import sys

    code = ("from collections import Counter; from newsgraph.model import EntityType as T; "
            "from newsgraph.nlp.entities.consensus import consensus_type as c; "
            "print(c(Counter([T.PLACE, T.COMPANY, T.PERSON]), Counter()).value)")
    seen = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(seed)},
                           capture_output=True, text=True, check=True).stdout.strip() for seed in range(6)}
    assert seen == {"place"}
