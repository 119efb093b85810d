"""Plain text copied from a web page: split off the header, drop page junk, keep the article.

Rules are about the *shape* of junk that every site produces (captions, ad blocks, counters,
widgets, link lists, calls to action, legal lines), never about one site's phrases.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from newsgraph import lexicon
from newsgraph.clean import metadata

# Sentence ends glued to the next sentence by copy-paste: "automakers.Ford" -> "automakers. Ford".
GLUED = re.compile(r"(?<=[a-z0-9%)\]”\"’]{2}[.!?])(?=[A-Z“\"][a-z])|(?<=[a-z]{3}[.!?][”\"’])(?=[A-Z][a-z])")
SENTENCE_END = re.compile(r"[.!?][”\"’)]*(?=\s+[A-Z“\"‘(]|[”\"’]?[A-Z][a-z])")
TERMINAL = re.compile(r"[.!?:;][”\"’)]*\s*$")


def _any(name: str) -> str:
    """The words of a lexicon entry as a regular-expression group matching any one of them."""
    return "(?:" + lexicon.alternation(name) + ")"


CAPTION = re.compile(
    r"\(" + _any("clean.caption_in_brackets") + r"s?\s*[:/]|"
    r"^" + _any("clean.caption_openers") + r"s?\s*(?:[:|/]|by\b|credit\b)|"
    + _any("clean.photo_credits") + r"|"
    r"^" + _any("clean.picture_roles") + r"\s+" + _any("clean.picture_words") + r"s?$|"
    r"^" + _any("clean.media_labels") + r"s?(?:\s+\d+\s+of\s+\d+)?$", re.I)
WIDGET = re.compile(
    r"^(?:" + lexicon.alternation("clean.widget_labels") + "|" + lexicon.pattern("clean.widget_label_shapes").pattern
    + r")\b[\s\d:|·•-]*(?:min(?:ute)?s?)?\s*$", re.I)
# The small print of an advertisement: 'Terms apply.', 'T&Cs apply', 'Shop now', 'Learn more at ...'.
PROMO = re.compile(r"\b" + _any("clean.promo_phrases") + r"\b", re.I)
CREDIT = re.compile(r"^\(?(?:additional )?" + _any("clean.credit_work") + r"(?: by)?\b[^)]{0,120}\)?$", re.I)
# A wire's note on a new version ('(Adds share move in paragraph 4)') or a correction note on the story itself.
EDIT_NOTE = re.compile(r"^\(" + _any("clean.edit_note_verbs") + r"\b[^)]{0,160}\)$|"
                       r"^this (?:story|article|report) (?:has been|was) " + _any("clean.correction_verbs")
                       + r"\b.{0,200}$", re.I)
READING_TIME = re.compile(r"^\s*(?:\d+\s*(?:min(?:ute)?s?|m)\s*(?:read|listen)|reading time:?.*)\s*$", re.I)
BREADCRUMB = re.compile(r"^[^>›»\n]{1,40}(?:\s+[>›»]\s+[^>›»\n]{1,40}){1,5}$")  # 'Companies > Financial services'
NUMBER_ONLY = re.compile(r"^\s*[\d.,kKmM+]+\s*$")
LINK_LIST_HEAD = re.compile(r"^" + _any("clean.link_list_heads") + r"\b", re.I)
LEGAL = re.compile(r"\b" + _any("clean.legal_phrases") + r"\b|\bimprint\b\)?$", re.I)
LEGAL_MARK = re.compile(r"©|\b" + _any("clean.legal_marks") + r"\b", re.I)
LEGAL_WORDS = 20  # a longer sentence with a weak legal word ('copyright', 'disclosure') is news
CALL_TO_ACTION = re.compile(r"^" + _any("clean.call_to_action_verbs") + r"\b.*\b" + _any("clean.call_to_action_objects")
                            + r"\b", re.I)
SPACES = re.compile(r"[ \t\f\v]+")
CAMEL_CASE = re.compile(r"[a-z][A-Z]")  # 'NordBeat': a site's name written as one word


@dataclass(frozen=True)
class CleanText:
    text: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None


def normalise(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    text = SPACES.sub(" ", text)
    return GLUED.sub(" ", text)


def sentences(paragraph: str) -> list[str]:
    """Rough sentence split for junk filtering (the language pipeline does the real one)."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(paragraph):
        out.append(paragraph[start:m.end()].strip())
        start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def is_sentence_line(line: str) -> bool:
    return len(line.split()) >= 8 and bool(TERMINAL.search(line) or len(line.split()) >= 25)


SHORT_SENTENCE_END = re.compile(r"[a-z0-9)%][.!?][”\"’)]*$")


def is_short_sentence(line: str) -> bool:
    """'Acme declined to comment.': a sentence of its own, too short for a paragraph line but no
    menu item, label or heading: a capital start, a full stop after a word, two lower-case words."""
    words = line.split()
    return 3 <= len(words) < 8 and line[:1].isupper() and bool(SHORT_SENTENCE_END.search(line)) \
        and sum(w[:1].islower() for w in words[1:]) >= 2 and not is_junk_line(line)


def is_junk_sentence(sentence: str) -> bool:
    return bool(LEGAL_MARK.search(sentence) or LEGAL.search(sentence) and len(sentence.split()) <= LEGAL_WORDS
                or CALL_TO_ACTION.match(sentence.strip()) or EDIT_NOTE.match(sentence.strip()))


def is_junk_line(line: str) -> bool:
    return bool(CAPTION.search(line) or WIDGET.match(line) or READING_TIME.match(line) or CREDIT.match(line)
                or BREADCRUMB.match(line)
                or NUMBER_ONLY.match(line) or (len(line.split()) <= 12 and is_junk_sentence(line))
                or is_promo_line(line))


def is_promo_line(line: str) -> bool:
    """An advertisement's copy, even when it is written in sentences ('Fly more. Terms apply.')."""
    return len(line.split()) <= 30 and bool(PROMO.search(line))


def clean_text(raw: str) -> CleanText:
    lines = [ln.strip() for ln in normalise(raw).split("\n")]
    lines = [ln for ln in lines if ln]
    title = byline = outlet = None
    published: datetime | None = None
    first_body = next((i for i, ln in enumerate(lines) if is_sentence_line(ln)), len(lines))
    header_end = min(len(lines), first_body + 8)  # metadata lines may sit just after a standfirst

    kept: list[str] = []
    candidates: list[str] = []  # header lines that may be the title or the masthead
    for i, line in enumerate(lines):
        if i < header_end and not is_sentence_line(line) and " | " in line:
            parts = [p.strip() for p in line.split(" | ")]
            who = next((w for w, _ in map(metadata.byline, parts) if w), None)
            when = next((metadata.publication_date(p) for p in parts if metadata.is_date_line(p)), None)
            if who and (when or published):  # 'By Jane Doe | 3 May 2026, 07:42 GMT'
                byline, published = byline or who, published or when
                continue
        if i < header_end and not is_sentence_line(line):
            if published is None and metadata.is_date_line(line):
                published = metadata.publication_date(line)
                continue
            who, staff_outlet = metadata.byline(line)
            if who:
                byline, outlet = byline or who, outlet or staff_outlet
                continue
            if metadata.is_domain(line):
                outlet = outlet or line
                continue
            if is_junk_line(line):
                continue
            if i < first_body and " | " in line and len(line.split()) <= 8:  # 'Site | Section', 'Section | Sub'
                parts = [p.strip() for p in line.split(" | ")]
                named = next((p for p in parts if metadata.looks_like_outlet(p)), None)
                if named is None and i == 0 and metadata.looks_like_name(parts[0]) and (
                        len(parts[0].split()) > 1 or CAMEL_CASE.search(parts[0])):
                    named = parts[0]  # the page's first line: the site ('Acme Investor', 'NordBeat'), then sections
                outlet = outlet or named
                continue
            if i < first_body:
                candidates.append(line)  # title, masthead, section labels
                continue
        kept.append(line)

    if candidates and metadata.looks_like_outlet(candidates[0]) and len(candidates) > 1:
        outlet = outlet or candidates[0]  # a masthead above the headline
        candidates = candidates[1:]
    title = next((c for c in candidates if 3 <= len(c.split()) <= 30), None)
    if outlet is None:  # a masthead line under the headline: 'Acme Mining News'
        outlet = next((c for c in candidates if c != title and metadata.looks_like_outlet(c)), None)

    if outlet is None:  # the copyright holder names the outlet when nothing else does, then a wire dateline
        outlet = metadata.copyright_holder(" ".join(lines)) or next(
            (src for src in map(metadata.dateline_source, kept[:4]) if src), None)

    return CleanText(text=clean_body(kept), title=metadata.headline(title), byline=byline, outlet=outlet,
                     published_at=published)


def clean_body(lines: list[str], keep_short_lines: bool = False) -> str:
    """The article body from its lines (header already taken off): paragraphs joined by blank lines.

    With ``keep_short_lines`` (text an extractor has already cut from its page), only lines that
    are junk in themselves go; runs of short lines are kept as list items and headings."""
    lines = [ln for ln in (normalise(ln).strip() for ln in lines) if ln]
    for n, line in enumerate(lines[:4]):  # a wire dateline (after any title and standfirst) stands apart
        m = metadata.DATELINE.match(line)  # so that no name or sentence runs across it
        if m:
            if m.end() < len(line):
                lines[n:n + 1] = [line[:m.end()].strip(), line[m.end():].strip()]
            break
    kept = _drop_lone_short_pairs([ln for ln in lines if not is_junk_line(ln)]) if keep_short_lines \
        else _drop_junk_lines(lines)
    body = _drop_repeats(_drop_junk_sentences(kept))
    return "\n\n".join(body)


def _drop_junk_lines(lines: list[str]) -> list[str]:
    """Remove junk lines, and runs of short non-sentence lines (ad blocks, link lists).

    A single short line followed by a paragraph is a subheading and stays.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if is_junk_line(line) and not is_sentence_line(line) or is_promo_line(line):
            if LINK_LIST_HEAD.match(line):  # a link list: the heading and the short lines under it
                i += 1
                while i < len(lines) and not is_sentence_line(lines[i]):
                    i += 1
                continue
            i += 1
            continue
        if not is_sentence_line(line):
            j = i
            while j < len(lines) and not is_sentence_line(lines[j]):
                j += 1
            run = [ln for ln in lines[i:j] if not is_junk_line(ln)]
            if len(run) == 1 and j < len(lines) and len(run[0].split()) <= 15:
                out.append(run[0])  # a subheading
            elif len(run) <= 2 and i > 0:
                out += [ln for ln in run if is_short_sentence(ln)]  # 'Acme declined to comment.' after the text
            i = j
            continue
        out.append(line)
        i += 1
    return out


def _drop_lone_short_pairs(lines: list[str]) -> list[str]:
    """Two short lines between paragraphs are a promo or credit above a subheading: the first goes.
    Longer runs of short lines (lists, tables, verse, line-broken paragraphs) all stay."""
    short = [not is_sentence_line(line) for line in lines]
    out = []
    for i, line in enumerate(lines):
        prev_short = i > 0 and short[i - 1]
        next_short = i + 1 < len(lines) and short[i + 1]
        after_next_short = i + 2 < len(lines) and short[i + 2]
        if short[i] and next_short and not prev_short and not after_next_short and i > 0:
            continue
        out.append(line)
    return out


def _drop_junk_sentences(paragraphs: list[str]) -> list[str]:
    """Remove legal lines and calls to action; a closing paragraph with a call to action is a promo."""
    out: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        parts = sentences(paragraph)
        keep = [s for s in parts if not is_junk_sentence(s)]
        near_end = n >= len(paragraphs) - 2
        if near_end and len(keep) < len(parts) and any(CALL_TO_ACTION.match(s) for s in parts):
            continue
        if len(keep) < len(parts) and len(" ".join(keep).split()) < 12:
            continue  # what is left beside a legal line is part of it ('X Inc and Y GmbH.')
        if keep:
            out.append(" ".join(s.strip() for s in keep))
    return out


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    """A paragraph repeated inside a later one (a standfirst echoed by the lede) is kept once."""
    out = []
    for i, p in enumerate(paragraphs):
        if any(p in later for later in paragraphs[i + 1:]):
            continue
        out.append(p)
    return out
