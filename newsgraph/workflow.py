"""The library functions behind the CLI: extract, analyze, rebuild stories.

Data flows one way: ingest -> clean -> nlp -> store -> stories -> reconcile.
"""
from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from tqdm import tqdm

from newsgraph import batch, errors
from newsgraph.clean import clean
from newsgraph.ingest import read_paths
from newsgraph.model import Analysis, AnalyzeResult, Article, Entity, EntityType, Fact, Rejection, Story, time_key
from newsgraph.model.records import content_id
from newsgraph.reconcile import build_story
from newsgraph.reconcile.companies import same_company_keys
from newsgraph.settings import Settings
from newsgraph.clustering import embeddings as emb
from newsgraph.clustering.cluster import ClusterItem, cluster
from newsgraph.clustering.incremental import THRESHOLD, StoryFeatures, StoryIndex, build_index, in_date_order
from newsgraph.clustering.merges import update_merges
from newsgraph.clustering.stored_index import StoredStoryIndex, index_rows
from newsgraph.flow.alerts import raise_alerts, raise_revision_alerts
from newsgraph.flow.copies import Arrivals, Kind
from newsgraph.store.db import Store, analysis_keys

LEDE_CHARS = 300  # where an article says what happened and where
TERM_CHARS = 4000  # the start of an article says what happened; the rest adds background
TOKEN = re.compile(r"[^\W_]+")
EMBED_CHUNK = 256  # embeddings written to the store at once
STORY_CHUNK = 2000  # a larger batch joins the stories this many articles at a time, so memory stays bounded
STORY_UPDATE_TRIES = 3  # concurrent analyze runs: each adds its batch again when another wrote first
CLUSTER_TYPES = {EntityType.COMPANY, EntityType.PERSON, EntityType.GOVERNMENT, EntityType.PRODUCT, EntityType.PLACE}


def extract(paths: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Article | Rejection]:
    """Cleaned articles (or rejections with their reason) from files and folders."""
    settings = settings or Settings()
    for raw in read_paths(paths, settings.max_bytes):
        if isinstance(raw, Rejection):
            yield raw
            continue
        try:
            yield clean(raw, settings.min_words)
        except errors.InputRejected as exc:
            yield Rejection.of(raw.source, exc)
        except Exception as exc:  # noqa: BLE001 - a cleaner bug must not lose the rest of the batch
            yield Rejection(source=raw.source, code="clean_failed",
                            reason=f"cleaning failed ({exc.__class__.__name__}: {exc}); please report it with the file")


def analyze(paths: Iterable[str | Path], settings: Settings | None = None, pipeline=None) -> AnalyzeResult:
    """Read, clean and analyse the inputs into the store, then add them to its stories.

    Articles already in the store (same content hash) are not analysed again; a copy of a stored
    article is recorded, not analysed; an edited article is stored as its next version
    (``flow.copies``). Articles stream from the inputs through the pipeline (this process,
    ``settings.workers`` processes or Ray: ``newsgraph.batch``) to the store, and join the stories
    ``STORY_CHUNK`` at a time (``streams_stories``), so memory does not grow with the number of
    articles.
    """
    settings = settings or Settings()
    store = Store(settings.db)
    result = AnalyzeResult()
    arrivals = Arrivals(store, settings.copy_threshold)  # copies and versions: flow/copies.py
    show = settings.progress if settings.progress is not None else sys.stderr.isatty()
    vectors: dict[str, bytes] = {}  # story embeddings (made with the analyses), written a chunk at a time
    waiting: tuple[list[str], list[str]] = ([], [])  # (added, revised) not yet in the stories
    todo = new_articles(extract(paths, settings), arrivals, store, result)
    for article, out, vector in tqdm(batch.analyse(todo, settings, pipeline), disable=not show, unit="article",
                                     desc="analysing"):
        if isinstance(out, Rejection):
            result.rejected.append(out)
            store.add_rejection(out)
            continue
        stored = arrivals.store_analysis(article, out)
        if stored == Kind.UNCHANGED:  # another analyze on this store stored it meanwhile
            result.unchanged.append(article.id)
            continue
        revised = stored == Kind.VERSION
        (result.revised if revised else result.added).append(article.id)
        waiting[1 if revised else 0].append(article.id)
        if vector is not None:
            vectors[article.id] = vector
        story_step = streams_stories(settings) and len(waiting[0]) + len(waiting[1]) >= STORY_CHUNK
        if len(vectors) >= EMBED_CHUNK or story_step:  # the step reads the embeddings from the store
            store.add_embeddings(emb.MODEL_ID, vectors)
            vectors = {}
        if story_step:
            result.stories = update_stories(store, settings, *waiting)
            waiting = ([], [])
            batch.release_freed_memory()  # the step's reads, freed: else the writer grows with each step
    store.add_embeddings(emb.MODEL_ID, vectors)
    arrivals.finish(result)
    result.stories = update_stories(store, settings, *waiting)
    raise_revision_alerts(store, result.revised)
    return result


def streams_stories(settings: Settings) -> bool:
    """Whether a large batch joins the stories while it is analysed, ``STORY_CHUNK`` articles at a
    time (the incremental method: each step reads only its articles and the stories they meet),
    rather than all at once at the end, which holds every article of the batch in memory. The
    agglomerative method re-clusters the whole store each time, so it waits for the end."""
    return settings.story_method == "incremental"


def new_articles(items: Iterable[Article | Rejection], arrivals: Arrivals, store: Store,
                 result: AnalyzeResult) -> Iterator[Article]:
    """The articles to analyse, one at a time as the inputs give them: new ones and new versions
    (``Arrivals.take``); rejections are recorded, repeats counted as unchanged and copies kept
    for ``Arrivals.finish``, in ``result``."""
    for item in items:
        if isinstance(item, Rejection):
            result.rejected.append(item)
            store.add_rejection(item)
        elif (article := arrivals.take(item, result)) is not None:
            yield article


def analyze_bytes(name: str, data: bytes, settings: Settings | None = None, pipeline=None) -> AnalyzeResult:
    """``analyze`` for one upload held in memory (the web API): the same readers, limits and
    rejections as for a file. ``name`` is the file name the upload gives (its suffix picks the
    reader) and becomes the article's source; any folder part and unsafe character is dropped."""
    base = re.sub(r"[^\w.\-]+", "_", Path(name.replace("\\", "/")).name).lstrip(".")[-120:] or "upload"
    with tempfile.TemporaryDirectory(prefix="newsgraph-upload-") as folder:
        path = Path(folder) / base
        path.write_bytes(data)
        return analyze([path], settings, pipeline)


def rebuild(settings: Settings | None = None) -> int:
    """Rebuild the stories of the store that ``settings`` name; returns how many there are."""
    settings = settings or Settings()
    return len(rebuild_stories(Store(settings.db), settings))


def rebuild_stories(store: Store, settings: Settings) -> list[Story]:
    """Merge the companies, cluster the articles into stories, reconcile each story and store the
    records (the faces read them; nothing else reconciles), and the story index that ``analyze``
    adds to (``update_stories``)."""
    with store.snapshot():  # one state of the store, however many writers run meanwhile
        seen = store.article_count()
        raw = store.raw_entities()
        merges = same_company_keys(raw)
        stories, index = _compute_stories(store, settings, merges)
    raise_alerts(store, stories, merges)  # before the write: the stored stories are the state before
    store.drop_story_index()
    written = store.replace_stories(stories, merges, seen)  # False: another writer added articles meanwhile
    if written and index is not None:  # (no index then: the next analyze rebuilds with every article)
        ids = {sid: story.id for sid, story in zip(index_sids(index), stories)}
        store.replace_story_index(index_rows(index, ids), {k: set(e.tickers) for k, e in raw.items() if e.tickers})
    return stories


def update_stories(store: Store, settings: Settings, article_ids: list[str], revised: Iterable[str] = ()) -> int:
    """Add newly stored articles to the stories; returns how many stories the store has.

    The articles join the stories through the persisted index (``clustering.stored_index``), in
    (published_at, id) order, then each of them may move to its best story (the refinement of
    ``rebuild``, over the batch only); only the stories that changed, and those whose company
    merges changed, are reconciled again and rewritten, keeping their ids. A store whose index
    was never built (an older store, or the agglomerative method) is rebuilt whole instead.
    ``revised``: stored articles with a new version; they keep their stories, which are reconciled
    again."""
    if settings.story_method != "incremental" or not store.story_index_meta().get("built"):
        return len(rebuild_stories(store, settings))
    ids = sorted(set(article_ids))
    again = sorted(set(revised) - set(ids))
    if not ids and not again:
        return store.story_count()
    for attempt in range(STORY_UPDATE_TRIES):
        try:
            _add_to_stories(store, settings, ids, again)
            break
        except errors.StoryIndexMoved:  # another analyze wrote first: add the batch to its result
            if attempt == STORY_UPDATE_TRIES - 1:
                raise
    return store.story_count()


def _add_to_stories(store: Store, settings: Settings, ids: list[str], revised: list[str]) -> None:
    """One try of ``update_stories``: read, cluster, reconcile, raise the alerts of the change,
    then write if the index is still the one read. Articles already in a story stay there: another
    analyze that stored the same article at the same time placed it first."""
    with store.snapshot():  # the index read and the articles' stories of one state of the store
        stored_index = StoredStoryIndex(store, THRESHOLD, settings.story_window_days)
        placed = store.story_ids_of_articles(ids)
    ids = [a for a in ids if a not in placed]
    if not ids and not revised:
        return
    update = update_merges(store, ids + revised, same_company_keys)
    merges_of = update.lookup(store)
    articles = {a.id: a for a in store.articles(ids)}
    analyses = store.analyses_of(ids, merges_of)
    entities = store.entities_of({k for a in analyses.values() for k in analysis_keys(a)}, merges_of)
    vectors = store.embeddings_of(emb.MODEL_ID, ids)
    vectors.update(embed_articles(store, [articles[a] for a in ids if a not in vectors]))
    features = [story_features(articles[a], analyses.get(a), entities, emb.from_bytes(vectors[a])) for a in ids]
    index = build_index(in_date_order(features), stored_index)
    groups = {sid: index.stories[sid].members for sid in index.changed if index.stories[sid].members}
    stored_ids = {sid: index.story_ids[sid] for sid in groups}
    removed = [index.story_ids[sid] for sid in index.changed if not index.stories[sid].members and index.story_ids[sid]]
    # stories whose articles name a company whose merge changed read it differently now
    merged_away = store.story_ids_of_articles((store.articles_mentioning(update.changed) - set(ids)) | set(revised))
    others = store.story_members(set(merged_away.values()) - set(stored_ids.values()) - set(removed))
    members = [a for g in [*groups.values(), *others.values()] for a in g]
    articles.update({a.id: a for a in store.articles(set(members) - set(articles))})
    analyses.update(store.analyses_of(set(members) - set(analyses), merges_of))
    entities = store.entities_of({k for a in analyses.values() for k in analysis_keys(a)}, merges_of)
    stories = [build_story(g, articles, analyses, entities, story_id=stored_ids.get(sid)) for sid, g in groups.items()]
    stories += [build_story(g, articles, analyses, entities, story_id=sid) for sid, g in others.items()]
    index_ids = {sid: story.id for sid, story in zip(groups, stories)}
    raise_alerts(store, stories)  # before the write: the stored stories are the state before
    store.update_stories(stories, removed, index.delta(index_ids), update.merges, update.keys, update.tickers,
                         seen=index.base_seen)


def embed_articles(store: Store, articles: list[Article]) -> dict[str, bytes]:
    """Embed the articles (title and lede) once and store the vectors; returns them."""
    if not articles:
        return {}
    vectors = emb.embedder().embed([emb.article_text(a.title, a.text) for a in articles])
    out = {a.id: emb.to_bytes(v) for a, v in zip(articles, vectors)}
    store.add_embeddings(emb.MODEL_ID, out)
    return out


def compute_stories(store: Store, settings: Settings, merges: dict[str, str] | None = None) -> list[Story]:
    """The store's stories, clustered and reconciled (not stored); ``merges``: the company merges
    to read the entities with (default: the stored ones)."""
    return _compute_stories(store, settings, merges)[0]


def _compute_stories(store: Store, settings: Settings,
                     merges: dict[str, str] | None = None) -> tuple[list[Story], StoryIndex | None]:
    """``compute_stories``, with the in-memory index the incremental method built (its stories
    in the order of the list returned), or None for the agglomerative method."""
    index = None
    articles = {a.id: a for a in store.articles()}
    analyses = store.analyses(merges=merges)
    entities = store.entities(merges)
    if settings.story_method == "incremental":
        vectors = store.embeddings(emb.MODEL_ID)
        missing = [articles[a] for a in articles if a not in vectors]  # stored before 0002_embeddings
        vectors.update(embed_articles(store, missing))
        features = [story_features(articles[aid], analyses.get(aid), entities, emb.from_bytes(vectors[aid]))
                    for aid in articles]
        index = build_index(in_date_order(features), StoryIndex(THRESHOLD, settings.story_window_days))
        groups = [sorted(index.stories[sid].members) for sid in index_sids(index)]
    else:
        items = [cluster_item(articles[aid], analyses.get(aid), entities) for aid in articles]
        groups = cluster(items, settings.story_threshold, settings.story_window_days)
    ids = stable_ids(groups, {row["id"]: set(row["article_ids"]) for row in store.story_rows()})
    return [build_story(g, articles, analyses, entities, story_id=i) for g, i in zip(groups, ids)], index


def index_sids(index: StoryIndex) -> list[int]:
    """The index's stories that have articles, in the order of ``StoryIndex.groups()``."""
    return sorted((s.sid for s in index.stories if s.members), key=lambda sid: min(index.stories[sid].members))


def stable_ids(groups: list[list[str]], previous: dict[str, set[str]]) -> list[str | None]:
    """A story keeps its id when articles join it: each new group takes the id of the earlier
    story it shares most articles with (each earlier id once); a new story is named by its
    earliest article (``Story.make_id``), or by the next one when an earlier story, now given to
    another group, already had that name (by all of its articles when every such name is taken)."""
    pairs = sorted(((len(set(g) & arts), n, sid) for n, g in enumerate(groups)
                    for sid, arts in previous.items() if set(g) & arts), reverse=True)
    ids: list[str | None] = [None] * len(groups)
    used: set[str] = set()
    for _, n, sid in pairs:
        if ids[n] is None and sid not in used:
            ids[n] = sid
            used.add(sid)
    for n, group in enumerate(groups):  # named by its earliest article whose name is not taken
        if ids[n] is None:
            ids[n] = next((sid for sid in map(lambda a: Story.make_id([a]), sorted(group)) if sid not in used),
                          content_id("story", "split", *sorted(group), prefix="s"))  # every member's name is taken
            used.add(ids[n])
    return ids


def cluster_item(article: Article, analysis: Analysis | None, entities: dict) -> ClusterItem:
    words = tuple(analysis.keywords) if analysis else ()
    keys = tuple(m.entity_key for m in (analysis.mentions if analysis else ())
                 if m.entity_key in entities and entities[m.entity_key].type in CLUSTER_TYPES)
    title_words = tuple(w.lower() for w in (article.title or "").split() if len(w) > 3)
    return ClusterItem(article_id=article.id, published_at=article.published_at, words=words + title_words,
                       entities=keys)


def story_features(article: Article, analysis: Analysis | None, entities: dict, vector) -> StoryFeatures:
    item = cluster_item(article, analysis, entities)
    places = frozenset(m.entity_key for m in (analysis.mentions if analysis else ())
                       if m.evidence.start < LEDE_CHARS and m.entity_key in entities
                       and entities[m.entity_key].type == EntityType.PLACE)
    return StoryFeatures(article_id=article.id, published_at=article.published_at, embedding=vector,
                         entities=item.entities, words=item.words, lede_places=places,
                         terms=story_terms(article))


def story_terms(article: Article) -> tuple[str, ...]:
    """The article's own tokens for story matching: title and text, lower case, stop words out."""
    text = f"{article.title or ''}\n{article.text[:TERM_CHARS]}".lower()
    return tuple(w for w in TOKEN.findall(text) if len(w) > 1 and w not in ENGLISH_STOP_WORDS)


def entity_facts(store: Store, entity: str, metric: str | None = None) -> tuple[Entity, list[tuple[Fact, Article]]]:
    """An entity's figures over time, each with the article it comes from, oldest first.

    ``entity`` is a name, alias, ticker ('F', 'NYSE:F') or a unique part of a name (any case);
    ``metric`` keeps the figures whose metric contains it ('deliveries', 'price target')."""
    entities = store.entities()
    wanted = entity.strip().casefold()
    found = [e for e in entities.values() if wanted in e.names()] or \
        [e for e in entities.values() if wanted in e.name.casefold()]
    if len(found) != 1:
        hint = f": it could be {', '.join(sorted(e.name for e in found)[:5])}" if found else ""
        raise errors.UnknownEntity(f"no single entity '{entity}' in this store{hint}; give a name, alias or ticker")
    return found[0], facts_of(store, found[0], metric)


def facts_of(store: Store, chosen: Entity, metric: str | None = None) -> list[tuple[Fact, Article]]:
    """The figures whose subject is ``chosen``, each with its article, oldest first."""
    return facts_in({a.id: a for a in store.articles()}, store.analyses(), chosen, metric)


def facts_in(articles: dict[str, Article], analyses: dict[str, Analysis], chosen: Entity,
             metric: str | None = None) -> list[tuple[Fact, Article]]:
    """``facts_of`` over articles and analyses already read (the web keeps them in its catalog)."""
    rows = [(f, articles[aid]) for aid, analysis in analyses.items() for f in analysis.facts
            if f.subject_key == chosen.key and aid in articles
            and (metric is None or metric.casefold() in f.metric.casefold())]
    rows.sort(key=lambda r: (time_key(r[1].published_at), r[0].metric, r[0].evidence.start))
    return rows
