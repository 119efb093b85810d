"""Story clustering: articles about the same event, across outlets, kept apart from other events
about the same companies.

Similarity of two articles = a weighted mix of TF-IDF cosine over their content words (what
happened) and cosine over the entities they name (who); articles further apart in time than the
window never share a story. Average-linkage agglomerative clustering cuts at a threshold. The
result does not depend on input order (articles are sorted by id first).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

WORD_WEIGHT = 0.65  # the rest goes to the entities


@dataclass(frozen=True)
class ClusterItem:
    article_id: str
    published_at: datetime | None
    words: tuple[str, ...]
    entities: tuple[str, ...]  # entity keys, once per mention


def similarity(items: list[ClusterItem], window_days: int) -> np.ndarray:
    words = _tfidf([list(i.words) for i in items])
    ents = _tfidf([list(i.entities) for i in items])
    sim = WORD_WEIGHT * (words @ words.T).toarray() + (1 - WORD_WEIGHT) * (ents @ ents.T).toarray()
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            da, db = items[a].published_at, items[b].published_at
            if da and db and abs((_naive(da) - _naive(db)).days) > window_days:
                sim[a, b] = sim[b, a] = 0.0
    np.fill_diagonal(sim, 1.0)
    return sim


def cluster(items: list[ClusterItem], threshold: float, window_days: int) -> list[list[str]]:
    """Groups of article ids, each group one story."""
    items = sorted(items, key=lambda i: i.article_id)
    if len(items) < 2:
        return [[i.article_id] for i in items]
    sim = similarity(items, window_days)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=1.0 - threshold).fit_predict(1.0 - sim)
    groups: dict[int, list[str]] = {}
    for item, label in zip(items, labels):
        groups.setdefault(int(label), []).append(item.article_id)
    return sorted(groups.values(), key=lambda g: g[0])


def _tfidf(docs: list[list[str]]):
    if not any(docs):
        from scipy.sparse import csr_matrix
        return csr_matrix((len(docs), 1))
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=1)
    return normalize(vec.fit_transform(docs))


def _naive(dt: datetime) -> datetime:
    return dt.replace(tzinfo=None)
