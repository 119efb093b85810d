"""A person's role as the sentence gives it: 'Acme CEO Jane Roe', 'Jane Roe, chair of the committee'."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsgraph import lexicon

ROLE = lexicon.pattern("names.role", re.I)
ROLE_DETERMINERS = lexicon.words("names.role_determiners")  # 'Jane Roe, the chair': 'the' is no part of the role


def role(ent: Span) -> str | None:
    """A person's role as the sentence gives it: 'Acme CEO Jane Roe' -> 'Acme CEO';
    'John Doe, chair of the House committee,' -> 'chair of the House committee'."""
    doc = ent.doc
    for i in range(max(ent.sent.start, ent.start - 3), ent.start):
        words = doc[i:ent.start]
        if ROLE.match(words.text):
            org = org_before(doc, i)
            return f"{org} {words.text}" if org else words.text
    if ent.end < ent.sent.end and doc[ent.end].text == ",":
        tail = []
        for t in doc[ent.end + 1:ent.sent.end]:
            if t.text in {",", ";", ".", "—", "–", "("} or t.pos_ in {"VERB", "AUX"}:
                break
            tail.append(t)
        words = [t.text for t in tail if t.lower_ not in ROLE_DETERMINERS]
        head = " ".join(words).split(" of ")[0].split(" at ")[0]
        if words and ROLE.match(head):
            return " ".join(t.text for t in tail)
    return None


def org_before(doc: Doc, i: int) -> str | None:
    """The company named just before position i, skipping a ticker in parentheses."""
    j = i - 1
    if j >= 0 and doc[j].text == ")":
        while j >= 0 and doc[j].text != "(":
            j -= 1
        j -= 1
    if j >= 0 and doc[j].ent_type_ == "ORG":
        start = j
        while start > 0 and doc[start - 1].ent_type_ == "ORG" and doc[start].ent_iob_ != "B":
            start -= 1
        return doc[start:j + 1].text
    return None
