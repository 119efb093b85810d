"""Cleaning: raw documents in, articles (cleaned text + metadata) out."""
from __future__ import annotations

import re
from dataclasses import replace

from newsgraph import errors
from newsgraph.clean.codepoints import storable, storable_values
from newsgraph.clean.html_main import clean_html
from newsgraph.clean import metadata
from newsgraph.clean.text_junk import CleanText, clean_text
from newsgraph.ingest.raw import RawDocument
from newsgraph.model import Article

CLEANERS = {"text": lambda raw: clean_text(raw.content),
            "html": lambda raw: clean_html(raw.content, raw.meta.get("url"))}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, Chinese characters, hangul


def word_count(text: str) -> int:
    """Words as spaces separate them; in Chinese, Japanese or Korean script, two characters a word."""
    cjk = len(CJK.findall(text))
    return max(len(text.split()), cjk // 2)


def clean(raw: RawDocument, min_words: int) -> Article:
    """The article in a raw document; raises InputRejected when there is none."""
    raw = replace(raw, source=storable(raw.source), content=storable(raw.content), meta=storable_values(raw.meta))
    found: CleanText = CLEANERS[raw.kind](raw)
    words = word_count(found.text)
    if words < min_words:
        raise errors.no_article_text(words, min_words)
    meta = raw.meta
    url = meta.get("url")
    return Article(
        id=Article.make_id(found.text, url),
        source=raw.source,
        text=found.text,
        title=meta.get("title") or found.title,
        outlet=metadata.publication_of(meta["outlet"]) if meta.get("outlet") else found.outlet,
        byline=meta.get("byline") or found.byline,
        published_at=metadata.parse_iso(meta.get("published_at")) or found.published_at,
        url=url,
        encoding=raw.encoding,
    )
