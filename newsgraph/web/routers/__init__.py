"""One router per resource: stories, articles (and ingest), entities, search."""
