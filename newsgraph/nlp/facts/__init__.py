"""Numeric facts: each figure of an article with its value, unit, qualifier, subject, metric and
period. The spaCy component is ``component`` (``newsgraph_facts_v1``); the rule modules beside it
are split by job."""
