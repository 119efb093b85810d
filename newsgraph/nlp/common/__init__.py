"""Helpers that several components share: spans and evidence, company coreference, known places, the
article a Doc comes from."""
