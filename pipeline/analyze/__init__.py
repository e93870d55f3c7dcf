"""presswatch NLP stage: text → entities, person roles, quotes, claims and stances.

Other stages call only the functions exported here:

    nlp = load_dataset_nlp(dataset)   # a presswatch.dataset.Dataset: model, knowledge base,
                                      # topics and stance target from its dataset.yml
    # or, without a dataset: load_pipeline(knowledge_base, model=…, topics=…, stance_target=…)
    result = analyze_text(nlp, text)
    # {"entities", "person_roles", "quotes", "claims", "stances"}
"""

from . import (  # noqa: F401  (register the factories)
    attribution_tagger,
    claims,
    kb_ruler,
    linker,
    paragraphs,
    pronouns,
    quotes,
    roles,
    stances,
)
from .extensions import register_extensions
from .loading import ModelNotInstalled, load_dataset_nlp, load_pipeline, resolve_model_name
from .output import analyze_doc, analyze_text, analyze_texts, public_result

register_extensions()

__all__ = [
    "ModelNotInstalled",
    "analyze_doc",
    "analyze_text",
    "analyze_texts",
    "load_dataset_nlp",
    "load_pipeline",
    "public_result",
    "resolve_model_name",
]
