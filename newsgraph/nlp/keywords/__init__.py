"""Content words of an article for story clustering (the ``newsgraph_keywords_v1`` component)."""
