"""Entities: gazetteer names before the statistical NER (``newsgraph_gazetteer_v1``), then linking of
every mention to one canonical entity per article (``newsgraph_entities_v1``), and the company an
article is about (``salience``).

Modules by job: ``component`` (the two factories), ``classify`` (what kind of entity a name is),
``linking`` (a mention to its gazetteer entry or its own key), ``short_forms`` (short forms,
initials and symbols that join a long form), ``roles`` (a person's role), ``salience``.
"""
