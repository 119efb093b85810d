"""Corporate events, sentence by sentence: what kind of event a sentence tells of (a deal, an
acquisition, a plant closure, layoffs, a probe, a tariff, a launch, a sales or earnings report, an
analyst's rating, a share move, ...), who takes part, and whether it is reported, confirmed,
denied or completed.

Rules over the parse and a lexicon of lemmas (``newsgraph/lexicon/events.toml``): an event type
fires on a trigger lemma (or a pair of lemmas, 'joint venture'), some only with a context word in
the same sentence or a few tokens away ('close' needs a 'plant', 'cut' needs 'jobs', 'rose' needs
'shares'); a few are read from the parse ('Acme rose 4%', 'it sold 1,500 trucks', 'the airline
ordered 30 jets', 'Apple released the iPhone 8', 'Walmart bought Jet.com'). Words out of their sense
fire nothing ('earnings per share' is no stock, 'fine' the adjective no penalty, 'in order to' no
order); a hyphenated word is one word ('sell-off') whose parts fire nothing ('a price-to-earnings
ratio' is no earnings report). Cheap: one index of the sentence's words, then set look-ups per rule.

Modules: ``component`` (the spaCy factory and ``doc._.events``), ``rules`` (the rule table built
from the lexicon), ``triggers`` (a sentence's event types), ``structural`` (types read from the
parse), ``status``, ``participants``. Merging a story's events across articles is
``newsgraph.reconcile.events``.
"""
