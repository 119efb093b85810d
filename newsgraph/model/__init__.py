"""Pure records (no I/O)."""
from newsgraph.model.records import (  # noqa: F401
    AnalyzeResult, Analysis, Article, Disagreement, DisagreementKind, Entity, EntityType, Evidence,
    Fact, Mention, Qualifier, Rejection, Report, Response, ResponseKind, Story, StoryFact, content_id, time_key,
)
