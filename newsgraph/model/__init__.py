"""Pure records (no I/O)."""
from newsgraph.model.records import (  # noqa: F401
    ACTOR_TYPES, AnalyzeResult, Analysis, Article, ArticleStance, Attribution, Disagreement, DisagreementKind, Entity, EntityType, Event,
    EventStatus, EventType, Evidence,
    Fact, Mention, Qualifier, Rejection, Report, Response, ResponseKind, Story, StoryEvent, StoryFact, content_id, time_key,
)
