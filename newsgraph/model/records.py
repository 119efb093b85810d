"""Pure, immutable records that flow through the pipeline. No I/O here.

Every extracted item carries an :class:`Evidence` span: the article id and character offsets into
that article's cleaned text. The covered characters are derived from the text when needed, never
stored as the only source of truth.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.errors import InputRejected


def time_key(dt: datetime | None) -> float:
    """Sortable seconds; a naive time is read as UTC, an unknown one sorts last."""
    if dt is None:
        return float("inf")
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp()


def content_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """A stable id from the given parts (sha256, hex, shortened)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{digest}"


class ResponseKind(str, Enum):
    DENIED = "denied"
    CONFIRMED = "confirmed"
    DECLINED_TO_COMMENT = "declined_to_comment"
    DID_NOT_RESPOND = "did_not_respond"


class Qualifier(str, Enum):
    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    TARGET = "target"
    FORECAST = "forecast"


class EntityType(str, Enum):
    COMPANY = "company"
    PERSON = "person"
    OUTLET = "outlet"
    GOVERNMENT = "government"
    PLACE = "place"
    PRODUCT = "product"
    OTHER = "other"


# Who can act or answer: the parties of a response, an event or a story title (a str-valued enum, so
# the set also holds the plain values: "company" in ACTOR_TYPES).
ACTOR_TYPES = frozenset({EntityType.COMPANY, EntityType.PERSON, EntityType.GOVERNMENT})


class DisagreementKind(str, Enum):
    REFINEMENT = "refinement"
    UPDATE = "update"  # a party's response moved: a non-answer, then an answer
    CONFLICT = "conflict"
    CONTRADICTION = "contradiction"  # one party confirmed and denied, in an order the articles' times give


@dataclass(frozen=True)
class Evidence:
    """Characters ``start:end`` (end exclusive) of one article's cleaned text."""

    article_id: str
    start: int
    end: int

    def text_in(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True)
class Article:
    """One cleaned article. ``text`` is what every evidence offset points into."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published_at: datetime | None = None
    url: str | None = None
    encoding: str = "utf-8"

    @staticmethod
    def make_id(text: str, url: str | None = None) -> str:
        """Ids are hashes of the canonical URL when there is one, else of the normalised text."""
        if url:
            return content_id("url", url.strip().rstrip("/").lower(), prefix="a")
        return content_id("text", " ".join(text.split()), prefix="a")


@dataclass(frozen=True)
class Rejection:
    """An input that could not become an article, with the reason and what to do about it."""

    source: str
    code: str
    reason: str

    @classmethod
    def of(cls, source: str, exc: InputRejected) -> Rejection:
        """The rejection an input error stands for: its stable code and its message."""
        return cls(source=source, code=exc.code, reason=str(exc))

    @property
    def id(self) -> str:
        return content_id(self.source, self.code, prefix="r")


@dataclass(frozen=True)
class Entity:
    """A canonical entity shared across articles and stories."""

    key: str  # canonical key: 'gaz:<id>' for gazetteer entries, else '<type>:<normalised name>'
    name: str
    type: EntityType
    tickers: tuple[str, ...] = ()  # current listings first, then former ones in use at the article's date
    aliases: tuple[str, ...] = ()
    former_tickers: tuple[str, ...] = ()  # those of `tickers` it no longer trades under (renamed, acquired)

    @property
    def id(self) -> str:
        return content_id(self.key, prefix="e")

    def names(self) -> set[str]:
        """What a user may call it, case-folded: name, aliases, tickers with and without exchange."""
        return {self.name.casefold(), *(a.casefold() for a in self.aliases),
                *(t.casefold() for t in self.tickers), *(t.split(":")[-1].casefold() for t in self.tickers)}


@dataclass(frozen=True)
class Mention:
    """A place in an article where an entity is named."""

    entity_key: str
    evidence: Evidence
    role: str | None = None  # e.g. 'Acme CEO' for 'Acme CEO Jane Roe'


@dataclass(frozen=True)
class Report:
    """Who put a claim out (an outlet or person), on whose word."""

    reported_by: str
    reported_by_key: str | None
    citing: str | None
    claim: str
    evidence: Evidence
    implicit: bool = False  # the article's own outlet, from an unnamed source it cites
    confidence: float = 1.0  # 0-1: how sure the extractor is (reconcile.abstain drops the unsure)


@dataclass(frozen=True)
class Attribution:
    """Who said what: one quotation, indirect speech or 'according to X', as spans of the article.

    ``content`` may be several spans (a quotation split by its speech verb). ``source`` is None when
    the text names no speaker; ``source_key`` is the entity the source resolves to, if any."""

    source: Evidence | None
    cue: Evidence
    content: tuple[Evidence, ...]
    source_key: str | None = None
    kind: str = "indirect"  # 'direct' (a quotation), 'indirect' (reported clause), 'according_to'


@dataclass(frozen=True)
class Response:
    """How one party answered the story's claim, as one article tells it."""

    party: str
    party_key: str
    kind: ResponseKind
    quote: str | None
    evidence: Evidence
    as_of: datetime | None = None
    confidence: float = 1.0  # 0-1: how sure the extractor is (reconcile.abstain drops the unsure)
    version: int = 1  # the version of the article it was read from (flow.versions)


@dataclass(frozen=True)
class Fact:
    """A numeric statement: subject, metric, period, value, unit, qualifier."""

    subject: str
    subject_key: str | None
    metric: str
    period: str | None
    value: float
    unit: str | None
    qualifier: Qualifier
    evidence: Evidence  # the sentence
    quantity: Evidence | None = None  # the figure's own words within it
    confidence: float = 1.0  # 0-1: how sure the extractor is (reconcile.abstain drops the unsure)
    version: int = 1  # the version of the article it was read from (flow.versions)


class EventType(str, Enum):
    PARTNERSHIP = "partnership"  # partnership or joint venture (talks)
    MERGER_ACQUISITION = "merger_acquisition"
    SUPPLY_DEAL = "supply_deal"
    PLANT_OPENING = "plant_opening"
    PLANT_CLOSURE = "plant_closure"
    LAYOFFS = "layoffs"
    HIRING = "hiring"
    MANAGEMENT_CHANGE = "management_change"  # a chief executive or board member named or leaving
    REGULATORY_PROBE = "regulatory_probe"
    LAWSUIT = "lawsuit"
    TRADE_MEASURE = "trade_measure"
    PRODUCT_LAUNCH = "product_launch"
    SALES_REPORT = "sales_report"  # deliveries, unit sales, shipments
    EARNINGS = "earnings"
    ANALYST_RATING = "analyst_rating"  # rating or price target change
    SHARE_MOVE = "share_move"
    DIVIDEND = "dividend"
    INVESTMENT = "investment"
    FINANCING = "financing"
    DEAL = "deal"  # an agreement, contract or licence told as neither a merger, a partnership nor a supply deal
    PRODUCT_RECALL = "product_recall"  # a product or service recalled, discontinued or cancelled
    PRODUCT_TRIAL = "product_trial"  # a clinical trial or a product under test
    LABOR_DISPUTE = "labor_dispute"  # a strike, or union talks over pay and terms
    COSTS = "costs"  # costs or spending, rising or cut
    MACROECONOMIC = "macroeconomic"  # the economy: growth, inflation, interest rates, central banks


class EventStatus(str, Enum):
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    DENIED = "denied"
    COMPLETED = "completed"


@dataclass(frozen=True)
class Event:
    """A corporate event one sentence tells of: its type, the entities taking part, its status."""

    type: EventType
    status: EventStatus
    participants: tuple[str, ...]  # entity keys
    trigger: Evidence  # the word(s) that name the event
    evidence: Evidence  # the sentence


@dataclass(frozen=True)
class Analysis:
    """Everything the language stages found in one article."""

    article_id: str
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    reports: tuple[Report, ...] = ()
    responses: tuple[Response, ...] = ()
    facts: tuple[Fact, ...] = ()
    keywords: tuple[str, ...] = ()  # content lemmas used for story clustering
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Disagreement:
    kind: DisagreementKind
    about: str
    article_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class StoryFact:
    """A fact merged across the articles of a story that state it alike."""

    fact: Fact
    article_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ArticleStance:
    """An article's stance toward its story's claim ('reports', 'denies', 'neutral'), the words it
    was read from (the headline, else the first sentence) and the source it stands for: its own
    outlet, or the outlet whose report it retells (re-reports of one scoop are one source)."""

    article_id: str
    stance: str
    source: str
    headline: str


@dataclass(frozen=True)
class StoryEvent:
    """One event as a story's articles tell it: the sentences of every article that mention it,
    and its status as the latest of them gives it."""

    type: EventType
    status: EventStatus
    participants: tuple[str, ...]
    article_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    entity_keys: tuple[str, ...] = ()
    reports: tuple[Report, ...] = ()
    responses: tuple[Response, ...] = ()
    facts: tuple[StoryFact, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    first_published: datetime | None = None
    last_published: datetime | None = None
    summary: str = ""
    stances: tuple[ArticleStance, ...] = ()
    events: tuple[StoryEvent, ...] = ()  # the corporate events, merged across the articles

    @staticmethod
    def make_id(article_ids: tuple[str, ...] | list[str]) -> str:
        # A story is named by its earliest article so that adding articles keeps its id.
        return content_id("story", min(article_ids), prefix="s")


@dataclass
class AnalyzeResult:
    """What one `analyze` run did."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    stories: int = 0
    copies: list[str] = field(default_factory=list)  # ids of the copies recorded (model.copies.Copy)
    revised: list[str] = field(default_factory=list)  # articles stored in a new version

    @property
    def ok(self) -> bool:
        return not self.rejected
