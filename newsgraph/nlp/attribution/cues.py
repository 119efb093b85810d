"""The cue words of the attribution rules, read from the lexicon (``speech.toml``): cue verbs, nouns and
adjectives, and the prepositions and nouns that go with them; general English words of saying and stance.
Sets built from them (what every rule module shares) are made here once."""
from __future__ import annotations

from newsgraph import lexicon

CUE_VERBS = lexicon.words("speech.cue_verbs")
WEAK_CUES = lexicon.words("speech.weak_cues")  # need a clause or a quotation
OBJECT_PREPS = lexicon.words("speech.object_prepositions")
NOT_ABOUT = lexicon.words("speech.not_about")
LISTENER_VERBS = lexicon.words("speech.listener_verbs")
LISTENER_TO = lexicon.words("speech.listener_to_verbs")
CUE_NOUNS = lexicon.words("speech.cue_nouns")
SOURCE_DOCUMENTS = lexicon.words("speech.source_documents")
DOCUMENT_NOUNS = SOURCE_DOCUMENTS | lexicon.words("speech.document_nouns")
MESSAGE_NOUNS = lexicon.words("speech.message_nouns")
NOUN_CONTENT_PREPS = lexicon.words("speech.noun_content_prepositions")
EVIDENTIAL_VERBS = lexicon.words("speech.evidential_verbs")
# Cue verbs whose object is what was said or held ('stated his intention', 'alleges a list of
# violations'); not those whose object is the listener or a bare 'something' ('told him', 'said that').
OBJECT_CUES = lexicon.words("speech.stance_object_cues") | (
    CUE_VERBS - WEAK_CUES - lexicon.words("speech.listener_object_cues"))
FINDING_CUES = lexicon.words("speech.finding_cues")
LIGHT_VERBS = lexicon.words("speech.light_verbs")
SAYING_NOUNS = lexicon.words("speech.saying_nouns")
STANCE_ADJECTIVES = lexicon.words("speech.stance_adjectives")
DISPOSITION_ADJECTIVES = lexicon.words("speech.disposition_adjectives")
# verb lemma -> the prepositions through which it takes a stance ('came out against', 'sided with')
PREP_STANCE_VERBS = {verb: frozenset(preps) for verb, preps in lexicon.table("speech.prep_stance_verbs").items()}
AS_CUES = lexicon.words("speech.as_cues")
POLL_NOUNS = lexicon.words("speech.poll_nouns")
ALL_CUES = CUE_VERBS | OBJECT_CUES | FINDING_CUES | LIGHT_VERBS
SAYING_LEMMAS = ALL_CUES | EVIDENTIAL_VERBS
INTENT_HEADS = SAYING_LEMMAS | lexicon.words("speech.intent_verbs")  # 'wants to say': the clause is theirs
LIGHT_ONLY = LIGHT_VERBS - OBJECT_CUES
WEAK_ONLY = WEAK_CUES - OBJECT_CUES
INNER_CUES = CUE_VERBS | OBJECT_CUES
# a title-case headline's cue verbs; not those whose -s form is there mostly a noun of the market or of
# a company's acts ('Acme Shares Slide', 'Acme Posts Record Profit', 'Acme Names New Chief')
HEADLINE_CUES = ((CUE_VERBS - WEAK_CUES) | OBJECT_CUES) - lexicon.words("speech.headline_nouns")
