"""Which dollar a bare '$' means. Local papers in Australia, Canada and New Zealand write their own
dollar as '$' ('a net cost of $350 million' in a Brisbane paper is A$350m), while wires write 'A$'
or 'C$' (and the Hong Kong and Singapore press 'HK$' and 'S$', keeping '$' for the US dollar). An
article that places itself in one of those three countries (at least two place mentions there, or
its stock exchange named, and no US place) and never writes 'US$' means that country's dollar by '$'."""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common.known_places import country_of, dollar_countries
from newsgraph.nlp.common.spans import text_of

LOCAL_DOLLAR_COUNTRIES = lexicon.words("quantities.local_dollar_countries")
# each exchange that places an article in a country, as a whole word: 'ASX'
EXCHANGES = [(re.compile(rf"\b{re.escape(word)}\b"), code)
             for word, code in lexicon.table("quantities.dollar_exchanges").items()]
EXPLICIT_US_DOLLAR = lexicon.pattern("quantities.explicit_us_dollar")


def local_dollar(doc: Doc) -> str | None:
    """The currency code a bare '$' stands for in this article when it is not the US dollar."""
    if EXPLICIT_US_DOLLAR.search(text_of(doc)):
        return None
    entities = doc._.entities or {}
    countries: Counter[str] = Counter()
    for mention in doc._.mentions or ():
        entity = entities.get(mention.entity_key)
        if entity is not None and entity.type == EntityType.PLACE:
            code = country_of(entity.name)
            if code:
                countries[code] += 1
    for exchange, code in EXCHANGES:
        if exchange.search(text_of(doc)):
            countries[code] += 2
    if not countries or countries.get("US"):
        return None
    country, mentions = countries.most_common(1)[0]
    return dollar_countries().get(country) if mentions >= 2 and country in LOCAL_DOLLAR_COUNTRIES else None
