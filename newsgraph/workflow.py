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
from newsgraph.clustering.incremental import THRESHOLD, StoryFeatures, cluster_incremental
from newsgraph.flow.alerts import raise_alerts, raise_revision_alerts
from newsgraph.flow.copies import Arrivals
from newsgraph.store.db import Store

LEDE_CHARS = 300  # where an article says what happened and where
TERM_CHARS = 4000  # the start of an article says what happened; the rest adds background
TOKEN = re.compile(r"[^\W_]+")
EMBED_CHUNK = 256  # embeddings written to the store at once
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
    """Read, clean and analyse the inputs into the store, then rebuild its stories.

    Articles already in the store (same content hash) are not analysed again; a copy of a stored
    article is recorded, not analysed; an edited article is stored as its next version
    (``flow.copies``). Articles stream from the inputs through the pipeline (this process,
    ``settings.workers`` processes or Ray: ``newsgraph.batch``) to the store, so memory does not
    grow with the number of articles.
    """
    settings = settings or Settings()
    store = Store(settings.db)
    result = AnalyzeResult()
    arrivals = Arrivals(store, settings.copy_threshold)  # copies and versions: flow/copies.py
    show = settings.progress if settings.progress is not None else sys.stderr.isatty()
    vectors: dict[str, bytes] = {}  # story embeddings (made with the analyses), written a chunk at a time
    todo = new_articles(extract(paths, settings), arrivals, store, result)
    for article, out, vector in tqdm(batch.analyse(todo, settings, pipeline), disable=not show, unit="article",
                                     desc="analysing"):
        if isinstance(out, Rejection):
            result.rejected.append(out)
            store.add_rejection(out)
            continue
        revised = arrivals.store_analysis(article, out)
        (result.revised if revised else result.added).append(article.id)
        if vector is not None:
            vectors[article.id] = vector
        if len(vectors) >= EMBED_CHUNK:
            store.add_embeddings(emb.MODEL_ID, vectors)
            vectors = {}
    store.add_embeddings(emb.MODEL_ID, vectors)
    arrivals.finish(result)
    result.stories = len(rebuild_stories(store, settings))
    raise_revision_alerts(store, result.revised)
    return result


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
    records (the faces read them; nothing else reconciles)."""
    with store.snapshot():  # one state of the store, however many writers run meanwhile
        seen = store.article_count()
        merges = same_company_keys(store.raw_entities())
        stories = compute_stories(store, settings, merges)
    raise_alerts(store, stories, merges)  # before the write: the stored stories are the state before
    store.replace_stories(stories, merges, seen)
    return stories


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
    articles = {a.id: a for a in store.articles()}
    analyses = store.analyses(merges=merges)
    entities = store.entities(merges)
    if settings.story_method == "incremental":
        vectors = store.embeddings(emb.MODEL_ID)
        missing = [articles[a] for a in articles if a not in vectors]  # stored before 0002_embeddings
        vectors.update(embed_articles(store, missing))
        features = [story_features(articles[aid], analyses.get(aid), entities, emb.from_bytes(vectors[aid]))
                    for aid in articles]
        groups = cluster_incremental(features, THRESHOLD, settings.story_window_days)
    else:
        items = [cluster_item(articles[aid], analyses.get(aid), entities) for aid in articles]
        groups = cluster(items, settings.story_threshold, settings.story_window_days)
    ids = stable_ids(groups, {row["id"]: set(row["article_ids"]) for row in store.story_rows()})
    return [build_story(g, articles, analyses, entities, story_id=i) for g, i in zip(groups, ids)]


def stable_ids(groups: list[list[str]], previous: dict[str, set[str]]) -> list[str | None]:
    """A story keeps its id when articles join it: each new group takes the id of the earlier
    story it shares most articles with (each earlier id once); a new story gets a new id."""
    pairs = sorted(((len(set(g) & arts), n, sid) for n, g in enumerate(groups)
                    for sid, arts in previous.items() if set(g) & arts), reverse=True)
    ids: list[str | None] = [None] * len(groups)
    used: set[str] = set()
    for _, n, sid in pairs:
        if ids[n] is None and sid not in used:
            ids[n] = sid
            used.add(sid)
    for n, g in enumerate(groups):
        # a new story is named by its earliest article (Story.make_id); when another group kept the
        # old story of that name, this one is named otherwise (two stories never share an id)
        if ids[n] is None and Story.make_id(g) in used:
            ids[n] = content_id("story", min(g), "split", prefix="s")
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
