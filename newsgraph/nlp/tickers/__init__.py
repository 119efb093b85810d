"""Tickers written in the text and the names they belong to (the ``newsgraph_tickers_v1`` component,
its rules in ``rules``)."""
