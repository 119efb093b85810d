"""An event's status in its sentence: denied, reported, completed or confirmed."""
from __future__ import annotations

from spacy.tokens import Span

from newsgraph import lexicon
from newsgraph.model import EventStatus, EventType

# The lemmas of a denial: the verbs a party denies a claim with, less those that in an event's
# sentence mostly mean something else ('a pay dispute'), and the events' own words ('a denial').
DENY = ((lexicon.words("responses.deny_verbs") - lexicon.words("events.not_denials"))
        | lexicon.words("events.denial_words"))
TALKS = lexicon.words("events.talk_words")
REPORTED_CUES = lexicon.words("events.reported_cues")
COMPLETED = lexicon.words("events.completed_words")
# A company 'reports' its own results: for these, 'reported' is not a second-hand report.
SELF_REPORTED = frozenset({EventType.EARNINGS, EventType.SALES_REPORT, EventType.COSTS})
SELF_REPORTED_CUES = REPORTED_CUES - {"report", "reported"}


def status_of(sent: Span, trigger: Span, kind: EventType) -> EventStatus:
    """denied (a denial, or negated talks) > reported (sources, talks, modals, plans under
    consideration) > completed (a completion word, or the event told in the past tense) >
    confirmed (announced, agreed, or stated as what will happen)."""
    inside = range(trigger.start, trigger.end)
    # 'may' is a cue as a modal only: 'in May' is no 'may'
    words = [t for t in sent if t.i not in inside and not (t.lower_ == "may" and t.tag_ != "MD")]
    lemmas = {t.lemma_.lower() for t in words}
    lowers = {t.lower_ for t in words}
    negated = any(t.dep_ == "neg" for t in sent)
    if lemmas & DENY or (negated and lemmas & TALKS):
        return EventStatus.DENIED
    cues = SELF_REPORTED_CUES if kind in SELF_REPORTED else REPORTED_CUES
    if (lemmas | lowers) & cues:
        return EventStatus.REPORTED
    if lemmas & COMPLETED:
        return EventStatus.COMPLETED
    head = trigger.root
    for _ in range(6):  # the verb of the trigger's clause: 'opened an antitrust investigation'
        if head.pos_ in {"VERB", "AUX"} or head.head.i == head.i:
            break
        head = head.head
    if head.tag_ in {"VBD", "VBN"} and not any(c.lower_ in {"will", "to", "would"} for c in head.children):
        return EventStatus.COMPLETED
    return EventStatus.CONFIRMED
