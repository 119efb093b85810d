"""The persisted story index (clustering/stored_index.py): the same state as the in-memory index,
read lazily from a real store."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from newsgraph.clustering.incremental import StoryFeatures, StoryIndex, _day, _gap_days, build_index
from newsgraph.clustering.stored_index import StoredStoryIndex, index_rows
from newsgraph.store.db import Store

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)


def _features(n: int, per_story: int = 4, seed: int = 3) -> list[StoryFeatures]:
    """Invented articles: a few per event, events a few hours apart, companies and words shared
    across events so that blocks and candidates overlap."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        event = i // per_story
        centre = np.random.default_rng(1000 + event).standard_normal(384)
        vec = centre / np.linalg.norm(centre) + 1.0 * rng.standard_normal(384) / np.sqrt(384)
        company = f"company:firm{event % 7}"
        words = (f"topic{event % 5}", f"event{event // 2}a", f"event{event}b", f"own{i}", "shares")
        out.append(StoryFeatures(
            article_id=f"art{i:04d}", published_at=T0 + timedelta(hours=8 * event + int(rng.integers(0, 5))),
            embedding=(vec / np.linalg.norm(vec)).astype(np.float16).astype(np.float32),
            entities=(company, company, f"person:p{event}"), words=words,
            lede_places=frozenset({f"place:town{event % 3}"}), terms=words + (f"num{event}",) * 2))
    return sorted(out, key=lambda f: (f.published_at, f.article_id))


def _stored_groups(store: Store) -> list[list[str]]:
    sids = list(range(store.story_index_meta()["next_sid"]))
    return sorted((sorted(row["state"]["members"]) for row in store.story_index_states(sids).values()),
                  key=lambda g: g[0])


def _save_delta(store: Store, index: StoredStoryIndex) -> None:
    store.update_stories([], [], index.delta({sid: f"s{sid}" for sid in index.changed}), {}, [], {})


@pytest.mark.parametrize("split, window", [(0, 10.0), (37, 10.0), (120, 10.0), (120, 0.5)])
def test_a_batch_on_the_stored_index_gives_what_the_memory_index_gives(tmp_path, split, window):
    feats = _features(160)  # window 0.5: most stories that share a block with an article are too old
    whole = build_index(feats, StoryIndex(window_days=window), passes=0)
    store = Store(str(tmp_path / "s.db"))
    first = build_index(feats[:split], StoryIndex(window_days=window), passes=0)
    store.replace_story_index(index_rows(first, {s.sid: f"s{s.sid}" for s in first.stories}), {})
    stored = build_index(feats[split:], StoredStoryIndex(store, window_days=window), passes=0)
    _save_delta(store, stored)
    assert _stored_groups(store) == whole.groups()
    assert stored.seen == whole.seen and store.story_index_meta()["next_sid"] == len(whole.stories)


def test_stories_beyond_the_window_do_not_crowd_the_shortlist(tmp_path):
    def unit(seed: int, base: np.ndarray | None = None, noise: float = 0.0) -> np.ndarray:
        v = np.random.default_rng(seed).standard_normal(384)
        v = v / np.linalg.norm(v) if base is None else base + noise * v / np.linalg.norm(v)
        return (v / np.linalg.norm(v)).astype(np.float32)

    centre = unit(1)
    def article(name: str, day: float, vec: np.ndarray) -> StoryFeatures:
        return StoryFeatures(article_id=name, published_at=T0 + timedelta(days=day), embedding=vec,
                             entities=("company:acme",), words=("plant", "shares"), terms=("plant", "shares"))
    # twenty old stories, each alone (2 days apart, window 1), very near the new article's embedding
    old = [article(f"old{i:02d}", 2.0 * i, unit(100 + i, centre, 0.2)) for i in range(20)]
    recent = article("recent", 60.0, unit(200, centre, 0.6))  # in the window, less near
    new = article("new", 60.2, unit(300, centre, 0.6))
    whole = build_index([*old, recent, new], StoryIndex(window_days=1.0), passes=0)
    assert ["new", "recent"] in whole.groups()
    store = Store(str(tmp_path / "s.db"))
    first = build_index([*old, recent], StoryIndex(window_days=1.0), passes=0)
    store.replace_story_index(index_rows(first, {s.sid: f"s{s.sid}" for s in first.stories}), {})
    batch = build_index([new], StoredStoryIndex(store, window_days=1.0), passes=0)
    assert ["new", "recent"] in batch.groups()


def test_batches_one_after_another_keep_the_state_exact(tmp_path):
    feats = _features(120)
    store = Store(str(tmp_path / "s.db"))
    store.replace_story_index(index_rows(StoryIndex(), {}), {})
    for start in range(0, len(feats), 25):
        batch = StoredStoryIndex(store)
        build_index(feats[start:start + 25], batch, passes=0)
        _save_delta(store, batch)
    whole = build_index(feats, StoryIndex(), passes=0)
    assert _stored_groups(store) == whole.groups()
    counts = store.story_index_counts(set(whole.df))
    assert counts == dict(whole.df)


def test_a_batch_reads_only_the_stories_it_meets(tmp_path):
    feats = _features(200)
    store = Store(str(tmp_path / "s.db"))
    first = build_index(feats[:190], StoryIndex(), passes=0)
    store.replace_story_index(index_rows(first, {s.sid: f"s{s.sid}" for s in first.stories}), {})
    batch = StoredStoryIndex(store)
    build_index(feats[190:], batch, passes=0)
    assert 0 < len(batch.full) < len([s for s in first.stories if s.members])
    assert batch.changed <= batch.full


def test_a_batch_reads_the_centroids_of_stories_inside_its_window_only(tmp_path):
    """A story further in time than the window can never be joined: its time span (two numbers)
    is read to know that, not its centroid."""
    feats = _features(200)
    store = Store(str(tmp_path / "s.db"))
    first = build_index(feats[:150], StoryIndex(window_days=0.5), passes=0)
    store.replace_story_index(index_rows(first, {s.sid: f"s{s.sid}" for s in first.stories}), {})

    class Counting:
        def __init__(self) -> None:
            self.read: set[int] = set()

        def __getattr__(self, name):
            return getattr(store, name)

        def story_index_vectors(self, sids):
            self.read |= set(sids)
            return store.story_index_vectors(sids)

    source = Counting()
    batch = StoredStoryIndex(source, window_days=0.5)
    build_index(feats[150:], batch, passes=0)
    days = [_day(f.published_at) for f in feats[150:]]
    stored = {s.sid: s for s in first.stories}
    assert source.read and all(any(_gap_days(d, stored[sid]) <= 0.5 for d in days) for sid in source.read)


def test_a_batch_that_lets_go_of_stories_it_read_gives_the_same_rows(tmp_path, monkeypatch):
    from newsgraph.clustering import stored_index

    feats = _features(220, per_story=3)
    rows = []
    for cap in (stored_index.LOADED_CAP, 4):
        monkeypatch.setattr(stored_index, "LOADED_CAP", cap)
        store = Store(str(tmp_path / f"s{cap}.db"))
        first = build_index(feats[:150], StoryIndex())
        store.replace_story_index(index_rows(first, {s.sid: f"s{s.sid}" for s in first.stories}), {})
        batch = build_index(feats[150:], StoredStoryIndex(store))
        rows.append((batch.delta({sid: f"s{sid}" for sid in batch.changed}), len(batch.loaded)))
    (held, n_held), (let_go, n_let_go) = rows
    assert let_go.stories == held.stories and let_go.blocks == held.blocks and let_go.counts == held.counts
    assert n_let_go < n_held  # the last article's candidates at most, against all it read


def test_the_refinement_moves_only_the_batch(tmp_path):
    feats = _features(80)
    store = Store(str(tmp_path / "s.db"))
    first = build_index(feats[:60], StoryIndex())
    store.replace_story_index(index_rows(first, {s.sid: f"s{s.sid}" for s in first.stories}), {})
    batch = build_index(feats[60:], StoredStoryIndex(store))
    _save_delta(store, batch)
    old = {s.sid: set(s.members) for s in first.stories if s.members}
    after = {sid: set(row["state"]["members"]) for sid, row in store.story_index_states(set(old)).items()}
    assert all(old[sid] <= after[sid] for sid in old)  # no stored article left its story
    assert set(batch.story_of) == {f.article_id for f in feats[60:]}


@pytest.mark.parametrize("fresh, stored, expected", [
    ({"b": "a"}, {}, {"b": "a"}),  # a new group: the best-ranked entry stands
    ({"b": "a", "c": "a"}, {"c": "b"}, {"a": "b", "c": "b"}),  # 'a' joins b's group: b keeps standing
    ({"b": "a", "c": "a"}, {"b": "a"}, {"b": "a", "c": "a"}),  # the standing entry is the best already
    ({"d": "c"}, {"b": "a"}, {"d": "c"}),  # another group is left alone
])
def test_a_group_keeps_its_standing_entry(fresh, stored, expected):
    from newsgraph.clustering.merges import keep_standing

    assert keep_standing(fresh, stored) == expected


def _company_article(n: int, key: str, name: str, ticker: str):
    from newsgraph.model import Analysis, Article, Entity, EntityType, Evidence, Mention

    text = f"{name} said on day {n} that its regional routes would grow. " * 3
    article = Article(id=f"art-merge-{n}", source=f"m{n}.txt", text=text, published_at=T0 + timedelta(days=n))
    entity = Entity(key=key, name=name, type=EntityType.COMPANY, tickers=(ticker,))
    return article, Analysis(article_id=article.id, entities=(entity,),
                             mentions=(Mention(key, Evidence(article.id, 0, len(name))),))


def test_a_batch_recomputes_the_merges_of_the_companies_it_names_only(tmp_path):
    from newsgraph.clustering.merges import update_merges
    from newsgraph.reconcile.companies import same_company_keys

    store = Store(str(tmp_path / "m.db"))
    for n, (key, name, ticker) in enumerate([("company:orla air", "Orla Air", "XAMS:ORL"),
                                             ("company:brenner", "Brenner", "XETR:BRN")]):
        store.add(*_company_article(n, key, name, ticker))
    raw = store.raw_entities()
    store.replace_stories([], same_company_keys(raw))
    store.replace_story_index(index_rows(StoryIndex(), {}), {k: set(e.tickers) for k, e in raw.items()})
    store.add(*_company_article(5, "company:orla air lines", "Orla Air Lines", "XAMS:ORL"))
    update = update_merges(store, ["art-merge-5"], same_company_keys)
    assert update.keys == {"company:orla air", "company:orla air lines"}  # Brenner is not read
    assert update.merges == same_company_keys(store.raw_entities()) == {"company:orla air": "company:orla air lines"}
    assert update.changed == {"company:orla air"}


def test_a_batch_computed_from_an_index_another_writer_changed_is_not_written(tmp_path):
    from newsgraph.errors import StoryIndexMoved

    feats = _features(60)
    store = Store(str(tmp_path / "s.db"))
    store.replace_story_index(index_rows(build_index(feats[:40], StoryIndex(), passes=0),
                                         {n: f"s{n}" for n in range(40)}), {})
    first, second = StoredStoryIndex(store), StoredStoryIndex(store)
    build_index(feats[40:50], first)
    build_index(feats[50:], second)
    store.update_stories([], [], first.delta({sid: f"s{sid}" for sid in first.changed}), {}, [], {},
                         seen=first.base_seen)
    before = store.story_index_meta()
    with pytest.raises(StoryIndexMoved):
        store.update_stories([], [], second.delta({sid: f"s{sid}" for sid in second.changed}), {}, [], {},
                             seen=second.base_seen)
    assert store.story_index_meta() == before


def test_a_new_story_never_takes_an_id_kept_by_another():
    from newsgraph.model import Story
    from newsgraph.workflow import stable_ids

    old = Story.make_id(["a1"])  # the earlier story {a1, a2, a3} was named by a1
    ids = stable_ids([["a1"], ["a2", "a3"]], {old: {"a1", "a2", "a3"}})
    assert ids[1] == old and ids[0] != old and len(set(ids)) == 2


def test_a_split_story_whose_articles_names_are_all_taken_still_gets_its_own_id():
    from newsgraph.model import Story
    from newsgraph.workflow import stable_ids

    previous = {Story.make_id(["a1"]): {"a1", "a2"}, Story.make_id(["a3"]): {"a3"}}
    ids = stable_ids([["a2"], ["a1", "a3"], ["a3", "a4"]], previous)
    assert len(set(ids)) == 3 and None not in ids
