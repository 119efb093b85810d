"""newsgraph.store.same_company: two articles' entries for one company are read as one entity."""
from __future__ import annotations

from newsgraph.model import Analysis, Entity, EntityType, Evidence, Fact, Mention, Qualifier, Response, ResponseKind
from newsgraph.model.merging import merged_entities, rekeyed
from newsgraph.reconcile.companies import same_company_keys

C = EntityType.COMPANY


def ents(*items: Entity) -> dict[str, Entity]:
    return {e.key: e for e in items}


def test_same_ticker_and_one_name_the_start_of_the_other_are_one_company():
    short = Entity("company:harbor air", "Harbor Air", C, tickers=("HKEX:0999",))
    full = Entity("company:harbor air lines", "Harbor Air Lines", C, tickers=("HKEX:0999",))
    into = same_company_keys(ents(short, full))
    assert into == {"company:harbor air": "company:harbor air lines"}
    merged = merged_entities(ents(short, full), into)
    assert list(merged) == ["company:harbor air lines"]
    assert "Harbor Air" in merged["company:harbor air lines"].aliases


def test_a_gazetteer_entry_stands_for_the_pair():
    gaz = Entity("gaz:acme", "Acme", C, tickers=("NYSE:ACM",), aliases=("Acme Corp",))
    local = Entity("company:acme corp", "Acme Corp", C, tickers=("NYSE:ACM",))
    assert same_company_keys(ents(gaz, local)) == {"company:acme corp": "gaz:acme"}


def test_a_shared_ticker_alone_or_a_shared_name_alone_is_not_enough():
    a = Entity("company:north bank", "North Bank", C, tickers=("XYZ:1",))
    b = Entity("company:south mining", "South Mining", C, tickers=("XYZ:1",))
    c = Entity("company:north bank group", "North Bank Group", C)
    assert same_company_keys(ents(a, b, c)) == {}


def test_every_key_of_an_analysis_points_at_the_one_entity():
    ev = Evidence("a1", 0, 10)
    analysis = Analysis(
        article_id="a1", mentions=(Mention("company:harbor air", ev),),
        responses=(Response(party="Harbor Air", party_key="company:harbor air", kind=ResponseKind.DENIED,
                            quote=None, evidence=ev),),
        facts=(Fact(subject="Harbor Air", subject_key="company:harbor air", metric="aircraft ordered", period=None,
                    value=20.0, unit="aircraft", qualifier=Qualifier.EXACT, evidence=ev),))
    out = rekeyed(analysis, {"company:harbor air": "company:harbor air lines"},
                  {"company:harbor air lines": "Harbor Air Lines"})
    assert out.mentions[0].entity_key == out.responses[0].party_key == out.facts[0].subject_key \
        == "company:harbor air lines"
    assert out.responses[0].party == out.facts[0].subject == "Harbor Air Lines"
