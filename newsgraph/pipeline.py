"""The language pipeline over batches of articles, with the error policy in one place.

Components are registered spaCy factories (see ``newsgraph.nlp.loader.COMPONENTS``), each
declaring what it reads and writes; ``analyze_pipes`` checks the order before anything runs. A
batch that fails is retried one article at a time so that one bad article is rejected with its
reason and the rest of the batch goes on.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Analysis, Article, Rejection
from newsgraph.nlp.common.article import set_article
from newsgraph.nlp.loader import load_pipeline

log = logging.getLogger(__name__)


class Pipeline:
    def __init__(self, model: str | None = None, batch_size: int = 32, nlp: Language | None = None,
                 gazetteer_path: str | None = None):
        self.nlp = nlp or load_pipeline(model, gazetteer_path)
        self.batch_size = batch_size

    def make_doc(self, article: Article) -> Doc:
        return set_article(self.nlp.make_doc(article.text), article.id, article.published_at, article.outlet)

    def pipe(self, articles: Iterable[Article]) -> Iterator[Analysis | Rejection]:
        """One Analysis per article, in order; a Rejection for an article the pipeline fails on."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Article]) -> Iterator[Analysis | Rejection]:
        try:
            docs = list(self.nlp.pipe((self.make_doc(a) for a in batch), batch_size=self.batch_size))
        except Exception as exc:  # noqa: BLE001 - the runner decides: retry one by one, reject the culprit
            log.warning("a batch failed (%s: %s); retrying its %d articles one by one",
                        exc.__class__.__name__, exc, len(batch))
            for article in batch:
                try:
                    yield to_analysis(self.nlp(self.make_doc(article)))
                except Exception as exc:  # noqa: BLE001
                    yield Rejection(source=article.source, code="analysis_failed",
                                    reason=f"the language pipeline failed on this article "
                                           f"({exc.__class__.__name__}: {exc}); please report it with the file")
            return
        for doc in docs:
            yield to_analysis(doc)


def to_analysis(doc: Doc) -> Analysis:
    return Analysis(
        article_id=doc._.article_id,
        entities=tuple((doc._.entities or {}).values()),
        mentions=tuple(doc._.mentions or ()),
        reports=tuple(doc._.reports or ()),
        responses=tuple(doc._.responses or ()),
        facts=tuple(doc._.facts or ()),
        keywords=tuple(doc._.keywords or ()),
        events=tuple(doc._.events or ()),
    )
