"""newsgraph.nlp.paragraphs: a paragraph break is a sentence break."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Harborline Raises Outlook\n\nHarborline Motors said on Monday that orders rose in March.",
    "Key points\nOrders rose in March and prices held",
])
def test_no_sentence_runs_over_a_line_break(analyse, text):
    doc = analyse(text)
    after_break = next(t for t in doc if t.i > 0 and doc[t.i - 1].is_space and "\n" in doc[t.i - 1].text)
    assert after_break.is_sent_start
    assert all("\n" not in s.text.strip() for s in doc.sents)
