"""`newsgraph watch`: follow news feeds and folders, analysing what is new at each poll.

A feed is asked for with the validators of its last answer (ETag, Last-Modified), so an unchanged
feed costs one 304 and nothing else. Of a changed feed, the items already taken (by item id, or by
the article their link stands for) are passed over; an item whose own text has enough words
(``Settings.min_words``) is analysed as it is, one with only a short summary through the page it
links to. A folder's files are read when they appear or change (size or modification time).
Everything new goes through ``workflow.analyze`` in one batch, like files given to `analyze`.

State is written after the batch is stored: a crash half-way makes the next poll do the work again
(articles are idempotent). An item that failed for a passing reason (the host down, a timeout, a
server error) is not marked as taken, and the feed's validators are not advanced, so the next poll
tries it again.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from newsgraph import errors
from newsgraph.clean import clean
from newsgraph.flow.fetch import fetch_page
from newsgraph.flow.http import FetchPolicy, PoliteFetcher
from newsgraph.flow.state import FileStamp, SourceState, Validators
from newsgraph.ingest import iter_files
from newsgraph.ingest.feed import FeedItem, feed_items
from newsgraph.ingest.raw import RawDocument
from newsgraph.model import AnalyzeResult, Article, Rejection
from newsgraph.settings import Settings
from newsgraph.store.db import Store

Input = RawDocument | Rejection | Path


@dataclass
class PollSummary:
    """What one poll did: articles added, inputs already stored (or items already taken),
    rejections, and feeds whose server answered 304 Not Modified."""

    new: int = 0
    unchanged: int = 0
    rejected: int = 0
    not_modified: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.new} new, {self.unchanged} unchanged, {self.rejected} rejected, "
                f"{self.not_modified} not modified (304)")


@dataclass
class _Batch:
    """The inputs of one poll and the state to write once they are stored."""

    inputs: list[Input] = field(default_factory=list)
    items: dict[str, set[str]] = field(default_factory=dict)  # feed -> item keys now taken
    validators: dict[str, Validators] = field(default_factory=dict)  # feed -> validators to keep
    files: dict[str, FileStamp] = field(default_factory=dict)
    summary: PollSummary = field(default_factory=PollSummary)


def is_feed_address(source: str) -> bool:
    """An http(s) address (a feed to follow, or an item's page); anything else is a path."""
    return urlsplit(source).scheme in ("http", "https")


class Watcher:
    """Polls feeds (http/https addresses) and folders or files into one store."""

    def __init__(self, sources: Iterable[str], settings: Settings | None = None, pipeline=None,
                 fetcher: PoliteFetcher | None = None):
        self.settings = settings or Settings()
        self.feeds: list[str] = []
        self.paths: list[Path] = []
        for source in sources:
            if is_feed_address(source):
                self.feeds.append(source)
            elif Path(source).exists():
                self.paths.append(Path(source))
            else:
                raise errors.unknown_source(source)
        self.store = Store(self.settings.db)
        self.state = SourceState(self.store)
        self.fetcher = fetcher or PoliteFetcher(FetchPolicy.from_settings(self.settings))
        self.pipeline = pipeline if pipeline is not None else LazyPipeline(self.settings)

    def close(self) -> None:
        self.fetcher.close()

    def poll(self) -> PollSummary:
        """Poll every source once, analyse what is new, remember what was taken."""
        from newsgraph.workflow import analyze  # heavy imports only where needed

        batch = _Batch()
        for feed in self.feeds:
            self._poll_feed(feed, batch)
        self._poll_paths(batch)
        if any(not isinstance(given, Rejection) for given in batch.inputs):
            result = analyze(batch.inputs, self.settings, self.pipeline)
        else:  # only failures: record them, and spare the store a rebuild of its stories
            result = AnalyzeResult(rejected=list(batch.inputs))
            for rejection in result.rejected:
                self.store.add_rejection(rejection)
        for feed, keys in batch.items.items():
            self.state.mark_items(feed, keys)
        for feed, validators in batch.validators.items():
            self.state.save_validators(feed, validators)
        self.state.mark_files(batch.files)
        summary = batch.summary
        summary.new += len(result.added)
        summary.unchanged += len(result.unchanged)
        summary.rejected += len(result.rejected)
        summary.rejections.extend(result.rejected)
        return summary

    def run(self, interval: float, once: bool, report: Callable[[PollSummary], None],
            sleep: Callable[[float], None] | None = None) -> list[PollSummary]:
        """Poll, report, wait ``interval`` seconds, again, until interrupted (or once).
        Ctrl-C (KeyboardInterrupt) reaches the caller, which decides how to stop."""
        done: list[PollSummary] = []
        while True:
            summary = self.poll()
            done.append(summary)
            report(summary)
            if once:
                return done
            (sleep or time.sleep)(interval)

    # -- feeds -------------------------------------------------------------------------------
    def _poll_feed(self, feed: str, batch: _Batch) -> None:
        try:
            answer = self.fetcher.get(feed, self.state.validators(feed).headers())
        except errors.InputRejected as exc:
            batch.inputs.append(Rejection.of(feed, exc))
            return
        if answer.status == 304:
            batch.summary.not_modified += 1
            return
        try:
            items = feed_items(answer.content, feed, base=answer.url, content_type=answer.headers.get("content-type"))
        except errors.InputRejected as exc:
            batch.inputs.append(Rejection.of(feed, exc))
            return
        seen = self.state.seen_items(feed)
        stored = self.store.known_ids(Article.make_id("", i.link) for i in items if i.link)
        taken: set[str] = set()
        settled = True
        for item in items:
            if item.key in seen or (item.link and Article.make_id("", item.link) in stored):
                batch.summary.unchanged += 1
                taken.add(item.key)
                continue
            document, transient = self._item_document(item)
            if transient:
                settled = False
            else:
                taken.add(item.key)
            batch.inputs.append(document)
        batch.items[feed] = taken
        if settled:
            batch.validators[feed] = Validators(answer.headers.get("etag"), answer.headers.get("last-modified"))

    def _item_document(self, item: FeedItem) -> tuple[RawDocument | Rejection, bool]:
        """The item's own text when it has enough words, else the page it links to; and whether
        it failed for a passing reason (worth another try at the next poll)."""
        own = item.document()
        if isinstance(own, RawDocument) and self._has_enough_words(own):
            return own, False
        if not is_feed_address(item.link):  # no page to complete it (no link, or not a web address)
            return own, False  # analyze rejects it with its reason (too few words, or empty)
        try:
            return fetch_page(item.link, self.fetcher, item.meta), False
        except errors.InputRejected as exc:
            return Rejection.of(item.link, exc), isinstance(exc, errors.FetchFailed) and exc.transient

    def _has_enough_words(self, document: RawDocument) -> bool:
        try:
            clean(document, self.settings.min_words)
        except errors.InputRejected:
            return False
        return True

    # -- folders and files -------------------------------------------------------------------
    def _poll_paths(self, batch: _Batch) -> None:
        if not self.paths:
            return
        known = self.state.file_stamps()
        for path in iter_files(self.paths):
            try:
                info = path.stat()
            except OSError:
                continue  # gone since it was listed
            key = str(path.resolve())
            stamp = FileStamp(info.st_size, info.st_mtime_ns)
            if known.get(key) == stamp:
                continue
            batch.files[key] = stamp
            batch.inputs.append(path)


class LazyPipeline:
    """The language pipeline, loaded on first use: a poll with nothing new costs no model load,
    and a long watch loads it once."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._pipeline = None

    def __getattr__(self, name: str):
        if self._pipeline is None:
            from newsgraph.pipeline import Pipeline

            self._pipeline = Pipeline(self.settings.spacy_model, self.settings.batch_size,
                                      gazetteer_path=self.settings.gazetteer_path)
        return getattr(self._pipeline, name)
