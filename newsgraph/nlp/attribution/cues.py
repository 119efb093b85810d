"""Word lists of the attribution rules in :mod:`newsgraph.nlp.speech`: cue verbs, nouns and adjectives,
and the prepositions and nouns that go with them: general English words of saying and stance."""
from __future__ import annotations

# Lemmas of verbs that introduce what someone said, wrote, showed or thinks.
CUE_VERBS = frozenset("""
say tell add state claim argue insist note explain write report announce warn suggest acknowledge admit
confirm deny assert contend maintain predict believe think reveal disclose declare stress emphasize
emphasise complain recall ask reply respond answer testify allege concede indicate show find estimate
promise vow pledge urge accuse agree caution observe remark tweet post comment question wonder signal
hint feel recommend propose demand charge joke quip boast conclude mention learn hear tout repeat
reiterate clarify insinuate speculate lament counter retort continue forecast project expect fear worry
hope describe call cite criticize criticise blame order rule decide determine discover know realize
realise understand doubt guess imagine assume point echo express confess muse scoff brag proclaim
imply underscore underline reaffirm affirm inquire suspect anticipate reckon recount grumble surmise posit
advise verify guarantee swear recognize recognise reason suppose presume notice opine theorize theorise
object protest confide exclaim shout yell scream whisper mutter snap
""".split())
# Cues that need a clause or a quotation (not 'expect sales to rise', 'call a meeting').
WEAK_CUES = frozenset({"expect", "fear", "worry", "hope", "describe", "call", "cite", "criticize",
                       "criticise", "blame", "order", "rule", "decide", "determine", "discover",
                       "know", "realize", "realise", "understand", "doubt", "guess", "imagine",
                       "assume", "continue", "find", "show", "feel", "learn", "hear", "suspect", "anticipate",
                       "reckon", "suppose", "presume", "notice", "recognize", "recognise", "verify", "reason",
                       "object", "protest", "snap"})
# Verbs of stance whose object is what is attributed ('called for a recount', 'praised the deal').
_STANCE_OBJECT_CUES = frozenset("""
call support want urge ask praise criticize criticise accuse endorse back thank describe propose seek
defend cite announce tweet blame oppose reject demand predict promise warn mock decry bemoan slam attack
question dismiss welcome condemn pledge vow hope expect refer recall deny tout repeat acknowledge admit
confirm reveal disclose recommend argue insist claim suggest favor favour prefer applaud hail lambaste
blast fault challenge dispute echo express discuss disavow champion congratulate ridicule offer mention
read list address talk speak decline refuse advocate portray denounce reference allude assure highlight
threaten view consider name share press publish like remember ignore email forget release love embrace
encourage hammer knock underplay assess pressure utter eschew lambast berate scold chide rebuke deride
denigrate disparage belittle commend laud
""".split())
OBJECT_PREPS = {"for", "on", "to", "of", "about", "against"}
NOT_ABOUT = {"condition", "behalf", "record", "background"}  # 'spoke on condition of anonymity'
# Verbs of telling whose lone object is the listener ('told reporters', 'asked him').
LISTENER_VERBS = frozenset({"tell", "ask", "inform", "remind", "assure"})
LISTENER_TO = {"speak", "talk", "write", "address", "read", "explain", "say", "tweet", "post"}  # 'spoke to the crowd'
# Nouns of saying or stance that carry an attribution of their own when their holder is named
# ('her support for the bill', 'the senator's claim that ...').
CUE_NOUNS = frozenset("""
support opposition endorsement concern criticism statement claim comment remark call warning assertion
suggestion argument view opinion belief promise pledge accusation allegation denial insistence refusal
demand proposal plea praise attack objection complaint doubt fear hope vow threat announcement
admission prediction recommendation request defense defence backing rejection condemnation desire
disclosure stance position intention wish preference commitment message vision idea
""".split())
# Documents that state what the clause they head says ('in a new poll, the senator leads by ten').
SOURCE_DOCUMENTS = frozenset({"poll", "survey", "study", "report", "analysis", "review", "audit", "filing",
                              "memo", "letter", "book", "editorial", "column", "article", "ruling", "regulation",
                              "proposal", "plan", "document", "census"})
DOCUMENT_NOUNS = SOURCE_DOCUMENTS | {"data", "number", "figure", "result", "record", "email", "evidence",
                                     "research", "investigation", "poll", "polling", "statistic", "finding"}
# What someone sends out that says something ('released a statement saying ...': the sender said it).
MESSAGE_NOUNS = frozenset({"statement", "release", "note", "letter", "email", "e-mail", "memo", "tweet", "post",
                           "message", "ad", "advertisement", "video", "website", "op-ed", "editorial", "report"})
NOUN_CONTENT_PREPS = {"for", "of", "to", "about", "against", "on", "with"}
# Verbs by which the writer hedges what a thing is like ('the race seems to be tightening'): no
# source of their own; the content is the subject and its complement.
EVIDENTIAL_VERBS = frozenset({"seem", "appear", "sound"})
# The small English model's lemmatizer slips on a few cue forms ('hoping' -> 'hop').
LEMMA_FIXES = {"hop": "hope"}
# Cue verbs whose object is what was said or held ('stated his intention', 'alleges a list of
# violations'); not those whose object is the listener or a bare 'something' ('told him', 'said that').
OBJECT_CUES = _STANCE_OBJECT_CUES | (CUE_VERBS - WEAK_CUES - {
    "say", "tell", "ask", "answer", "reply", "respond", "add", "write", "report", "learn", "hear", "continue",
    "post", "comment", "wonder", "muse", "feel", "think", "know", "guess", "imagine", "assume"})
# Findings stated by a document ('the poll showed a slimmer lead'): these cues take an object then.
FINDING_CUES = frozenset({"show", "find", "indicate", "reveal", "suggest", "document", "estimate", "put"})
# Verbs that say something only with a noun of saying ('made comments about', 'sounded a note of').
LIGHT_VERBS = frozenset({"make", "issue", "give", "express", "voice", "raise", "sound", "share", "release",
                         "deliver", "offer", "lay", "draw"})
SAYING_NOUNS = frozenset({"statement", "comment", "remark", "argument", "note", "apology", "case", "point",
                          "speech", "address", "claim", "promise", "pledge", "warning", "threat", "criticism",
                          "concern", "view", "objection", "complaint", "prediction", "announcement", "plea",
                          "appeal", "accusation", "allegation", "defense", "defence", "praise", "support",
                          "question", "secret", "mention", "issue", "confidence", "frustration", "doubt",
                          "opposition", "hope", "fear", "displeasure", "anger"})
# Adjectives of stance after 'be' ('is skeptical of the plan', 'was convinced that ...').
STANCE_ADJECTIVES = frozenset("""
convinced confident sure certain skeptical sceptical critical supportive opposed optimistic pessimistic
worried concerned hopeful adamant aware proud angry upset glad pleased disappointed unhappy wary fond
shy keen eager doubtful insistent outspoken vocal dismissive enthusiastic satisfied frustrated
unconvinced comfortable uncomfortable troubled alarmed furious determined
""".split())
# Adjectives of disposition that put a cue verb after 'be' ('were more likely to say', 'is eager to praise').
DISPOSITION_ADJECTIVES = frozenset({"likely", "unlikely", "eager", "willing", "unwilling", "ready", "reluctant",
                                    "quick", "keen"})
# Verbs that take a stance through their preposition ('came out against the tax', 'railed against',
# 'sided with the union'): the preposition's object is what the stance is about.
PREP_STANCE_VERBS = {"come": {"against", "for"}, "rail": {"against"}, "side": {"with", "against"},
                     "stand": {"with", "by", "behind"}, "weigh": {"on"}, "speak": {"against", "for", "on"},
                     "push": {"for"}, "lobby": {"for", "against"}, "campaign": {"for", "against"},
                     "fight": {"for", "against"}, "vote": {"for", "against"}, "rally": {"behind", "around"},
                     "vouch": {"for"}, "take": {"on"}, "go": {"after"}, "fire": {"at"}, "rip": {"into"},
                     "swing": {"at"}, "seize": {"on", "upon"}, "apologize": {"for"}, "apologise": {"for"},
                     "opine": {"on", "against", "about"}, "plead": {"for"}, "lash": {"at"}, "hit": {"at"},
                     "pile": {"on"}, "jump": {"on"}, "harp": {"on"}, "dwell": {"on"},
                     "insist": {"on"}, "comment": {"on"}, "elaborate": {"on"}, "joke": {"about"},
                     "complain": {"about"}, "boast": {"about"}, "brag": {"about"}, "muse": {"about"},
                     "worry": {"about"}, "care": {"about"}, "focus": {"on"}, "touch": {"on"}, "cheer": {"for"},
                     "balk": {"at"}, "swipe": {"at"}, "lie": {"about"}, "clash": {"with", "over"},
                     "object": {"to"}, "react": {"to"}, "hint": {"at"}, "warn": {"of", "about", "against"},
                     "argue": {"for", "against"}, "agitate": {"for", "against"}, "hammer": {"on", "at"},
                     "respond": {"to", "with"}, "reply": {"to"}, "agree": {"with"}, "disagree": {"with"}}
# 'As one senator put it, ...': the main clause is what was said.
AS_PUT_CUES = frozenset({"put", "say", "note", "write", "observe", "explain", "remark", "tell", "argue", "describe"})
# Verbs that cast something as something ('portrayed him as a reformer', 'sees the deal as a threat').
AS_CUES = frozenset({"cast", "interpret", "regard", "paint", "depict", "characterize", "characterise", "label",
                     "brand", "see", "view", "remember", "describe", "portray", "present", "frame", "dismiss",
                     "hail", "tout", "offer", "position", "pitch", "bill", "peg"})
ALL_CUES = CUE_VERBS | OBJECT_CUES | FINDING_CUES | LIGHT_VERBS
