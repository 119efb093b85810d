"""Paragraph breaks as sentence breaks (the ``newsgraph_paragraphs_v1`` component)."""
