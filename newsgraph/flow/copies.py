"""What an arriving article is to the store: new, unchanged, a copy of a stored article, or a new
version of one. Decided before the language pipeline, so copies and unchanged texts are never
analysed.

- The same article is the one with the same id (the same URL, or the same text where there is no
  URL), or, failing that, the one with the same outlet and title whose address does not differ.
  Its text unchanged (or that of an earlier version) is nothing new; the same text from another
  outlet or address is a copy; a changed text is a new version (``flow.versions``).
- Otherwise a stored (or earlier in the run) article whose text is a near-duplicate
  (``clean.near_duplicates``) makes the arrival a copy of it: recorded with its outlet, URL and time,
  never dropped, never analysed; stories count it once, through its canonical article.
- Otherwise it is new.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from enum import Enum

from datasketch import MinHash

from newsgraph.clean import near_duplicates as nd
from newsgraph.model import Analysis, AnalyzeResult, Article, Rejection, content_id
from newsgraph.model.copies import Copy
from newsgraph.store.db import Store
from newsgraph.flow.versions import store_version, text_hash

COPY_THRESHOLD = 0.7  # estimated Jaccard of word 5-shingles: a wire copy with its own headline and
# dateline stays above it; two outlets' own accounts of one event share far fewer 5-word runs

VERSION_FLOOR = 0.3  # an edit keeps most of the text: below this, the same outlet and title are two articles


class Kind(str, Enum):
    NEW = "new"
    UNCHANGED = "unchanged"
    COPY = "copy"
    VERSION = "version"
    LATER = "later"  # a second text of an article already taken in this run: for the next run


@dataclass(frozen=True)
class Arrival:
    """The decision for one arriving article. ``article`` is what to analyse and store (a version
    carries the id of the article it revises); ``copy`` the copy to record."""

    kind: Kind
    article: Article
    copy: Copy | None = None
    same_as: str | None = None  # the stored (or pending) article it is, copies or revises


def outlet_title_key(article: Article) -> str | None:
    """A key for the article's outlet and title together, when it has both."""
    if not (article.outlet and article.title):
        return None
    return content_id(" ".join(article.outlet.casefold().split()), " ".join(article.title.casefold().split()),
                      prefix="t")


def _address(url: str | None) -> str:
    return (url or "").strip().rstrip("/").casefold()


def _appearance(article: Article) -> tuple[str, str]:
    return " ".join((article.outlet or "").casefold().split()), _address(article.url)


class Arrivals:
    """Decides each arriving article of one run, then stores it in the way decided.

    ``classify`` (or ``take``) before the pipeline; ``store_analysis`` for each analysis that comes
    out; ``finish`` at the end records the copies (a copy's canonical may be stored later in the
    same run)."""

    def __init__(self, store: Store, threshold: float = COPY_THRESHOLD):
        self.store = store
        self.threshold = threshold
        self.run = nd.RunIndex(threshold)
        self.pending: dict[str, Article] = {}  # taken as new or as a version in this run, not stored yet
        self.pending_titles: dict[str, list[str]] = {}
        self.waiting: dict[str, Copy] = {}  # copies of this run, by id, recorded by ``finish``
        self.signatures: dict[str, MinHash] = {}
        self._sign_unsigned()

    def _sign_unsigned(self) -> None:
        """Articles stored before 0008 get their signature once, so that copies of them are found."""
        missing = self.store.unsigned_articles()
        for i in range(0, len(missing), 500):
            for article in self.store.articles(missing[i:i + 500]):
                self._save_signature(article, nd.signature(article.text))

    def _save_signature(self, article: Article, m: MinHash) -> None:
        self.store.add_signature(article.id, nd.to_bytes(m), nd.band_keys(m, self.threshold), outlet_title_key(article))

    # -- deciding --------------------------------------------------------------------------
    def classify(self, article: Article) -> Arrival:
        m = nd.signature(article.text)
        same = self._same_article(article, m)
        if same is not None:
            return self._against(article, same, m)
        found = self._near_duplicate(m)
        if found is not None:
            canonical, similarity = found
            return self._as_copy(article, canonical, similarity)
        self.pending[article.id] = article
        self.signatures[article.id] = m
        self.run.add(article.id, m)
        if key := outlet_title_key(article):
            self.pending_titles.setdefault(key, []).append(article.id)
        return Arrival(Kind.NEW, article)

    def _same_article(self, article: Article, m: MinHash) -> Article | None:
        """The stored or pending article this one is: same id, else same outlet and title with no
        different address."""
        if article.id in self.pending:
            return self.pending[article.id]
        stored = self.store.articles([article.id])
        if stored:
            return stored[0]
        key = outlet_title_key(article)
        if key is None:
            return None
        ids = self.pending_titles.get(key, []) + self.store.outlet_title_articles(key)
        for aid in ids:
            other = self.pending.get(aid) or next(iter(self.store.articles([aid])), None)
            if other is None or (other.url and article.url and _address(other.url) != _address(article.url)):
                continue
            # a title an outlet reuses every day ('Markets at the close') does not make one article
            if (self.signatures.get(aid) or nd.signature(other.text)).jaccard(m) >= VERSION_FLOOR:
                return other
        return None

    def _against(self, article: Article, same: Article, m: MinHash) -> Arrival:
        """The arrival of an article that is ``same``: nothing new, a copy or a new version."""
        digest = text_hash(article.text)
        if digest == text_hash(same.text):
            if _appearance(article) == _appearance(same):
                return Arrival(Kind.UNCHANGED, article, same_as=same.id)
            return self._as_copy(article, same.id, 1.0)
        if digest in self.store.version_hashes(same.id):
            return Arrival(Kind.UNCHANGED, article, same_as=same.id)
        if same.id in self.pending:
            return Arrival(Kind.LATER, article, same_as=same.id)
        # what the new text does not say about itself, the article it revises still does
        revised = replace(article, id=same.id, url=article.url or same.url, title=article.title or same.title,
                          outlet=article.outlet or same.outlet, byline=article.byline or same.byline,
                          published_at=article.published_at or same.published_at)
        self.pending[same.id] = revised
        self.signatures[same.id] = m
        return Arrival(Kind.VERSION, revised, same_as=same.id)

    def _near_duplicate(self, m: MinHash) -> tuple[str, float] | None:
        candidates = {aid: nd.from_bytes(sig) for aid, sig in
                      self.store.band_candidates(nd.band_keys(m, self.threshold)).items()}
        candidates.update(self.run.candidates(m))
        return nd.closest(m, candidates, self.threshold)

    def _as_copy(self, article: Article, canonical: str, similarity: float) -> Arrival:
        copy = Copy(canonical_id=canonical, source=article.source, text_hash=text_hash(article.text),
                    similarity=round(similarity, 3), outlet=article.outlet, url=article.url, title=article.title,
                    published_at=article.published_at, seen_at=datetime.now(timezone.utc))
        if copy.id in self.waiting or copy.id in {c.id for c in self.store.copies([canonical]).get(canonical, [])}:
            return Arrival(Kind.UNCHANGED, article, same_as=canonical)
        self.waiting[copy.id] = copy
        return Arrival(Kind.COPY, article, copy=copy, same_as=canonical)

    def take(self, article: Article, result: AnalyzeResult) -> Article | None:
        """``classify`` for ``workflow.analyze``: the article to analyse (new, or a new version),
        or None, with the unchanged and the deferred noted in ``result`` (copies: ``finish``)."""
        decided = self.classify(article)
        if decided.kind in (Kind.NEW, Kind.VERSION):
            return decided.article
        if decided.kind == Kind.UNCHANGED:
            result.unchanged.append(decided.same_as or article.id)
        elif decided.kind == Kind.LATER:
            result.rejected.append(later_rejection(decided))
            self.store.add_rejection(result.rejected[-1])
        return None

    # -- storing ---------------------------------------------------------------------------
    def store_analysis(self, article: Article, analysis: Analysis) -> Kind:
        """Store an analysed arrival as decided: a new article (NEW), or a new version of a stored
        one (VERSION). UNCHANGED: another writer (a second ``analyze`` on the same store) stored
        the same text meanwhile; it stays as that writer stored it."""
        m = self.signatures.pop(article.id, None) or nd.signature(article.text)
        self.forget_pending(article)
        signature = (nd.to_bytes(m), nd.band_keys(m, self.threshold), outlet_title_key(article))
        if self.store.known_ids([article.id]):
            if self._stored_meanwhile(article):
                return Kind.UNCHANGED
            store_version(self.store, article, analysis, signature)
            return Kind.VERSION
        self.store.add(article, analysis, signature)
        return Kind.NEW

    def _stored_meanwhile(self, article: Article) -> bool:
        """Whether the stored article, or one of its kept versions, has this text already."""
        digest = text_hash(article.text)
        stored = self.store.articles([article.id])
        return (bool(stored) and text_hash(stored[0].text) == digest) or digest in self.store.version_hashes(article.id)

    def forget_pending(self, article: Article) -> None:
        """Once stored, the store finds the article by its band keys and its outlet and title: the
        run's own indexes let go of it, so that they hold only the articles in flight (a run of
        100,000 articles would otherwise keep every signature to its end)."""
        self.pending.pop(article.id, None)
        self.run.discard(article.id)
        key = outlet_title_key(article)
        if key and article.id in self.pending_titles.get(key, ()):
            self.pending_titles[key].remove(article.id)
            if not self.pending_titles[key]:
                del self.pending_titles[key]

    def finish(self, result: AnalyzeResult) -> list[Copy]:
        """Record the run's copies (their ids go to ``result.copies``). A copy whose canonical
        article could not be stored (the pipeline rejected it) is a rejection that says so."""
        recorded: list[Copy] = []
        for copy in self.waiting.values():
            if not self.store.known_ids([copy.canonical_id]):
                result.rejected.append(Rejection(source=copy.source, code="copy_of_rejected", reason=(
                    f"its text is a copy of article {copy.canonical_id}, which could not be analysed; "
                    "analyse this file again to store it on its own")))
                self.store.add_rejection(result.rejected[-1])
            elif self.store.add_copy(copy):
                recorded.append(copy)
                result.copies.append(copy.id)
        self.waiting.clear()
        return recorded


def later_rejection(arrival: Arrival) -> Rejection:
    """The rejection for a second text of one article in one run (``Kind.LATER``)."""
    return Rejection(source=arrival.article.source, code="version_in_same_run", reason=(
        f"a later text of article {arrival.same_as}, which this run already takes; analyse this file "
        "again in another run to store it as the article's next version"))
