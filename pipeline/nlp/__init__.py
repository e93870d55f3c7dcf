"""presswatch NLP stage: text → entities and quotes (claims and stances come later).

Other stages call only the functions exported here:

    nlp = load_pipeline(dataset["knowledge_base"], model=dataset["nlp"]["model"])
    result = analyze_text(nlp, text)  # {"entities", "quotes", "claims", "stances"}
"""

from . import kb_ruler, linker, paragraphs, pronouns, quotes  # noqa: F401  (register factories)
from .extensions import register_extensions
from .loading import ModelNotInstalled, load_pipeline, resolve_model_name
from .output import analyze_doc, analyze_text

register_extensions()

__all__ = [
    "ModelNotInstalled",
    "analyze_doc",
    "analyze_text",
    "load_pipeline",
    "resolve_model_name",
]
