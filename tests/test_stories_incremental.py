"""Incremental story clustering (stories/incremental.py), its embeddings and their storage."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from newsgraph.clustering.incremental import (BLOCK_CAP, StoryFeatures, StoryIndex, cluster_in_order,
                                           cluster_incremental)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _unit(seed: int, noise: float = 0.0, base: int | None = None) -> np.ndarray:
    v = np.random.default_rng(seed if base is None else base).standard_normal(384)
    v = v / np.linalg.norm(v) + noise * np.random.default_rng(seed).standard_normal(384) / np.sqrt(384)
    return (v / np.linalg.norm(v)).astype(np.float32)


def _story(name: str, n: int, base: int, day: int, company: str, place: str) -> list[StoryFeatures]:
    return [StoryFeatures(article_id=f"{name}{i}", published_at=T0 + timedelta(days=day, hours=3 * i),
                          embedding=_unit(base * 100 + i, 0.3, base), entities=(company, company, place),
                          words=(f"{name}word", "plant", "close", f"{name}detail"),
                          lede_places=frozenset({place})) for i in range(n)]


FEATURES = (_story("a", 4, 1, 0, "company:alpha", "place:north")
            + _story("b", 3, 2, 1, "company:beta", "place:south")
            + _story("c", 3, 3, 2, "company:gamma", "place:east"))


def test_articles_on_one_event_share_a_story():
    groups = cluster_incremental(list(FEATURES))
    assert sorted(map(tuple, groups)) == [("a0", "a1", "a2", "a3"), ("b0", "b1", "b2"), ("c0", "c1", "c2")]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_adding_one_by_one_in_any_order_gives_the_rebuild(seed):
    shuffled = list(FEATURES)
    random.Random(seed).shuffle(shuffled)
    index = StoryIndex()
    for f in shuffled:
        index.add(f)
    assert index.groups() == cluster_incremental(list(FEATURES))
    assert cluster_in_order(shuffled) == cluster_incremental(list(FEATURES))


def test_what_the_index_works_out_per_article_does_not_grow_with_the_stream():
    index = StoryIndex()
    stream = [f for k in range(8) for f in _story(f"s{k}x", 5, 10 + k, k, f"company:c{k}", f"place:p{k}")]
    for f in stream:
        index.add(f)
    kept = max(len(index._weights), len(index._buckets), len(index._prepared), len(index._block_keys))
    assert kept < len(stream) // 2  # only what the last article's scoring touched


def test_a_misplaced_article_moves_to_its_best_story_once_all_are_in():
    index = StoryIndex()
    for f in FEATURES[4:]:  # the b and c stories
        index.add(f)
    stray = StoryFeatures(**{**FEATURES[0].__dict__, "article_id": "a9"})
    index.add(stray)  # alone: no 'a' story yet
    for f in FEATURES[:4]:
        index.add(f)
    assert ["a9"] in index.groups() or any("a9" in g and "a0" in g for g in index.groups())
    index.reassign(stray)
    assert ["a0", "a1", "a2", "a3", "a9"] in index.groups()
    assert all(g for g in index.groups())  # a story left empty is gone


def test_an_article_that_fits_no_story_stays_in_its_own_through_the_refinement():
    index = StoryIndex()
    loners = [StoryFeatures(article_id=f"x{i}", published_at=T0, embedding=_unit(500 + i),
                            entities=("company:shared",), words=("shared", f"w{i}")) for i in range(6)]
    for f in loners:
        index.add(f)
    before = [(s.sid, list(s.members)) for s in index.stories]
    assert not any(index.reassign(f) for f in loners)  # nothing moved: the refinement stops here
    assert [(s.sid, list(s.members)) for s in index.stories] == before  # no new, no emptied stories
    assert list(index.blocks["e:company:shared"]) == [s.sid for s in index.stories]


def test_an_article_far_from_every_member_does_not_join():
    far = StoryFeatures(**{**FEATURES[0].__dict__, "article_id": "a9", "embedding": -FEATURES[0].embedding})
    assert ["a9"] in cluster_incremental([*FEATURES, far])


def test_articles_outside_the_window_start_a_new_story():
    late = StoryFeatures(article_id="a9", published_at=T0 + timedelta(days=40), embedding=FEATURES[0].embedding,
                         entities=FEATURES[0].entities, words=FEATURES[0].words)
    groups = cluster_incremental([*FEATURES[:4], late], window_days=10)
    assert ["a9"] in groups


def test_undated_articles_still_cluster():
    undated = [StoryFeatures(**{**f.__dict__, "published_at": None}) for f in FEATURES]
    assert len(cluster_incremental(undated)) == 3


def test_blocks_keep_only_the_most_recent_stories():
    index = StoryIndex()
    for i in range(BLOCK_CAP + 20):
        index.add(StoryFeatures(article_id=f"x{i:03d}", published_at=T0 + timedelta(days=i), embedding=_unit(i),
                                entities=("company:shared",), words=(f"w{i}",)))
    assert len(index.blocks["e:company:shared"]) == BLOCK_CAP


def test_a_missing_embedding_falls_back_to_entities_and_words():
    plain = [StoryFeatures(**{**f.__dict__, "embedding": None}) for f in FEATURES]
    assert len(cluster_incremental(plain)) == 3


@pytest.mark.slow
def test_embeddings_are_unit_vectors_and_close_for_one_event():
    from newsgraph.clustering.embeddings import embedder

    vecs = embedder().embed(["The carmaker will close its assembly plant in the north next year.",
                             "The automaker plans to shut the northern assembly factory next year.",
                             "The central bank left interest rates unchanged on Thursday.", ""])
    assert vecs.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vecs[:3], axis=1), 1.0, atol=1e-3)
    assert not vecs[3].any()
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2


@pytest.mark.slow
def test_a_text_gets_the_same_vector_alone_or_with_others():
    """A vector must not depend on the other texts of the call: an article arriving alone gets
    the vector it gets in a batch."""
    from newsgraph.clustering.embeddings import embedder

    texts = ["The regulator fined the lender for misreporting its capital ratios in three quarters.",
             "Shares of the chipmaker rose after it raised its forecast.",
             "A short one.", "",
             "The airline said on Monday that it would cut 2,000 jobs and retire its oldest planes by the end "
             "of the decade, as fuel costs and weak demand on long routes weigh on its results."]
    together = embedder().embed(texts)
    for i, text in enumerate(texts):
        assert np.array_equal(embedder().embed([text])[0], together[i])


def test_store_keeps_embeddings_under_a_named_migration(tmp_path):
    from newsgraph.model import Analysis, Article
    from newsgraph.clustering.embeddings import from_bytes, to_bytes
    from newsgraph.store import schema
    from newsgraph.store.db import Store

    assert [name for name, _ in schema.MIGRATIONS][:2] == ["0001_initial", "0002_embeddings"]
    store = Store(str(tmp_path / "s.db"))
    art = Article(id="a1", source="x.txt", text="Some words about an event that happened today.")
    store.add(art, Analysis(article_id="a1"))
    vec = _unit(5)
    store.add_embeddings("m", {"a1": to_bytes(vec)})
    store.add_embeddings("m", {"a1": to_bytes(vec)})  # once only
    got = store.embeddings("m")
    assert list(got) == ["a1"] and np.allclose(from_bytes(got["a1"]), vec, atol=1e-3)
    assert store.embeddings("other") == {}


PLANT_TEXT = ("Northwind Motors will close its assembly plant in Eastvale next month, the carmaker said on "
              "Monday, cutting 1,200 jobs as demand for its older models falls. The Eastvale plant opened in "
              "1988 and builds two compact models. Workers were told of the closure at a meeting on Monday.")
PLANT_TEXT_2 = ("The carmaker Northwind Motors said on Monday it would shut its Eastvale assembly plant next "
                "month, with 1,200 jobs to go. The plant builds two compact models whose sales have fallen. "
                "Union leaders in Eastvale said they were told at a meeting and would seek talks.")
BANK_TEXT = ("The central bank of Westland left its main interest rate unchanged on Thursday and said it "
             "expected inflation to ease over the coming year. Economists had expected the decision. The "
             "governor told reporters that wage growth remained strong and the bank would stay cautious.")


@pytest.mark.slow
def test_analyze_with_the_incremental_method_stores_embeddings_and_stories(tmp_path):
    from newsgraph.settings import Settings
    from newsgraph.clustering.embeddings import MODEL_ID
    from newsgraph.store.db import Store
    from newsgraph.workflow import analyze

    for name, text, day in (("p1", PLANT_TEXT, 2), ("p2", PLANT_TEXT_2, 2), ("b1", BANK_TEXT, 3)):
        (tmp_path / f"{name}.txt").write_text(f"{name.upper()} headline\nMarch {day}, 2026\n\n{text}\n")
    settings = Settings(db=str(tmp_path / "s.db"), story_method="incremental", progress=False)
    result = analyze([tmp_path], settings)
    store = Store(settings.db)
    assert len(store.embeddings(MODEL_ID)) == len(result.added) == 3
    sizes = sorted(len(row["article_ids"]) for row in store.story_rows())
    assert sizes == [1, 2]


@pytest.mark.slow
def test_articles_another_writer_already_placed_are_not_placed_again(tmp_path):
    """Two analyze runs that both store one article (each finds it new, one inserts it first) both
    hand it to their story step: the later step leaves it in the story the earlier one gave it."""
    from newsgraph.settings import Settings
    from newsgraph.store.db import Store
    from newsgraph.workflow import analyze, update_stories

    for name, text, day in (("p1", PLANT_TEXT, 2), ("p2", PLANT_TEXT_2, 2), ("b1", BANK_TEXT, 3)):
        (tmp_path / f"{name}.txt").write_text(f"{name.upper()} headline\nMarch {day}, 2026\n\n{text}\n")
    settings = Settings(db=str(tmp_path / "s.db"), story_method="incremental", progress=False)
    result = analyze([tmp_path], settings)
    store = Store(settings.db)
    before = sorted(sorted(row["article_ids"]) for row in store.story_rows())
    assert update_stories(store, settings, result.added) == 2
    after = sorted(sorted(row["article_ids"]) for row in store.story_rows())
    assert after == before
    assert store.story_index_meta()["seen"] == 3


@pytest.mark.slow
def test_a_large_batch_joins_the_stories_a_chunk_at_a_time_as_separate_calls_would(tmp_path, monkeypatch):
    """Memory stays bounded: the story step never takes more than STORY_CHUNK articles at once, and
    the stories are those of analysing the same files in calls of that size, in the same order."""
    from newsgraph import workflow
    from newsgraph.settings import Settings
    from newsgraph.store.db import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text, day in (("a1", BANK_TEXT, 3), ("a2", PLANT_TEXT, 2), ("a3", PLANT_TEXT_2, 2)):
        (folder / f"{name}.txt").write_text(f"{name.upper()} headline\nMarch {day}, 2026\n\n{text}\n")
    monkeypatch.setattr(workflow, "STORY_CHUNK", 2)
    steps = []
    update = workflow.update_stories
    monkeypatch.setattr(workflow, "update_stories", lambda store, settings, ids, revised=(): (
        steps.append(len(ids) + len(revised)), update(store, settings, ids, revised))[1])

    def groups(db: str) -> list[list[str]]:
        return sorted(sorted(row["article_ids"]) for row in Store(db).story_rows())

    one = Settings(db=str(tmp_path / "one.db"), story_method="incremental", progress=False)
    result = workflow.analyze([folder], one)
    assert steps == [2, 1] and result.stories == 2
    calls = Settings(db=str(tmp_path / "calls.db"), story_method="incremental", progress=False)
    for names in (("a1", "a2"), ("a3",)):
        workflow.analyze([folder / f"{n}.txt" for n in names], calls)
    assert groups(one.db) == groups(calls.db)
    assert sorted(len(g) for g in groups(one.db)) == [1, 2]


@pytest.mark.parametrize("title, text, expected", [
    ("Plant to close", "The plant in Eastvale will close on 3 May, 2026.", ("plant", "close", "plant", "eastvale",
                                                                            "close", "2026")),
    (None, "It is a_b of the 12 rules.", ("12", "rules")),
])
def test_story_terms_keep_names_numbers_and_dates(title, text, expected):
    from newsgraph.model import Article
    from newsgraph.workflow import story_terms

    assert story_terms(Article(id="x", source="x", text=text, title=title)) == expected


def test_the_score_fades_with_the_days_between_the_article_and_the_story():
    index = StoryIndex()
    for f in FEATURES[:3]:
        index.add(f)
    probe = FEATURES[3]
    scores = [index.score(StoryFeatures(**{**probe.__dict__, "published_at": T0 + timedelta(days=d)}),
                          index.stories[0]) for d in (0, 5, 9, 11)]
    assert scores[0] > scores[1] > scores[2] > 0 and scores[3] == 0.0
