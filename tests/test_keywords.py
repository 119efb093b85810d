"""newsgraph.nlp.keywords: the content lemmas of an article, for story clustering."""
from __future__ import annotations


def test_keywords_are_lower_case_content_lemmas_without_stop_words_or_short_words(analyse):
    doc = analyse("Harborline Motors raised its prices on Monday as the cars sold out in Ohio.")
    words = doc._.keywords
    assert {"harborline", "motors", "raise", "price", "car", "sell", "ohio"} <= set(words)
    assert not {"its", "on", "as", "the", "in", "out"} & set(words)
    assert all(w == w.lower() and w.isalpha() and len(w) > 2 for w in words)
