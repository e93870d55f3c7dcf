"""Load and validate a dataset folder (datasets/<name>/dataset.yml).

A dataset is a folder, not code: its dataset.yml names the sources to crawl, the topic keywords,
the knowledge base of people and organisations and the stance target. Everything downstream
reads it through `load_dataset`, which refuses a file that does not match
`dataset_schema.json` before anything runs, with a message naming the file, the field and what
was expected.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).with_name("dataset_schema.json")
DATASET_FILE = "dataset.yml"


class DatasetError(ValueError):
    """dataset.yml is missing, unreadable or does not match the schema."""


@dataclass(frozen=True)
class Dataset:
    name: str
    folder: Path
    config: dict[str, Any] = field(repr=False)

    @property
    def file(self) -> Path:
        return self.folder / DATASET_FILE

    @property
    def build_dir(self) -> Path:
        return self.folder / "build"

    @property
    def db_path(self) -> Path:
        return self.build_dir / f"{self.name}.db"

    @property
    def log_dir(self) -> Path:
        return self.build_dir / "logs"

    @property
    def archive_dir(self) -> Path:
        """Where crawls write their own WARC files (one per run)."""
        return self.build_dir / "archive"

    @property
    def archive_url(self) -> str | None:
        """Where the process stage reads the archive files from, when not the dataset folder:
        a folder with the dataset folder's layout on shared storage (a mounted path or an fsspec
        URL such as s3://bucket/news), set in dataset.yml or by `process --archive`."""
        return self.config.get("archive_url")

    @property
    def sources(self) -> list[dict[str, Any]]:
        return self.config["sources"]

    @property
    def knowledge_base(self) -> list[dict[str, Any]]:
        """KB entries; a regulator, court or company reads as an organisation to the NLP stage.

        The declared type is kept under `kind` so the database stores it (`entities.type`).
        """
        return [
            {**entity, "type": NLP_BASE_TYPES[entity["type"]], "kind": entity["type"]}
            if entity["type"] in NLP_BASE_TYPES
            else entity
            for entity in self.config.get("knowledge_base", [])
        ]

    @property
    def events(self) -> list[dict[str, Any]]:
        return self.config.get("events", [])

    @property
    def relations(self) -> list[dict[str, Any]]:
        return self.config.get("relations", [])

    @property
    def offline_archive(self) -> Path | None:
        offline = self.config.get("offline")
        return self.folder / offline["archive"] if offline else None

    @property
    def offline_manifest(self) -> Path | None:
        offline = self.config.get("offline")
        return self.folder / offline["manifest"] if offline else None

    @property
    def model_setting(self) -> str | None:
        return (self.config.get("nlp") or {}).get("model")

    @property
    def contact_url(self) -> str | None:
        return (self.config.get("crawl") or {}).get("contact_url")

    def live_seeds(self) -> list[str]:
        """Seed URLs of the real (non-fixture) sources, in file order, without repeats."""
        seeds: list[str] = []
        for source in self.sources:
            if not source.get("fixture"):
                for url in source.get("seeds", []):
                    if url not in seeds:
                        seeds.append(url)
        return seeds

    def source_for_url(self, url: str) -> str | None:
        """The id of the source whose domains cover `url` (subdomains included), if any."""
        host = (urlsplit(url).hostname or "").lower()
        for source in self.sources:
            domains = source.get("domains") or [urlsplit(source["url"]).hostname or ""]
            for domain in domains:
                domain = domain.lower()
                if host == domain or host.endswith("." + domain):
                    return source["id"]
        return None


REPO_ROOT = Path(__file__).resolve().parents[2]

# Knowledge-base types finer than the NLP stage's entity labels, and the label type they read as.
NLP_BASE_TYPES = {"company": "organization", "regulator": "organization", "court": "organization"}


def datasets_root() -> Path:
    """Where dataset folders live: $PRESSWATCH_DATASETS, else ./datasets, else the repository's."""
    if os.environ.get("PRESSWATCH_DATASETS"):
        return Path(os.environ["PRESSWATCH_DATASETS"])
    local = Path("datasets")
    return local if local.is_dir() else REPO_ROOT / "datasets"


def resolve_dataset_folder(name_or_path: str | Path, root: Path | None = None) -> Path:
    """Accept a dataset name (looked up under the datasets root), a folder, or a dataset.yml."""
    candidate = Path(name_or_path)
    if candidate.name == DATASET_FILE:
        return candidate.parent
    if candidate.is_dir():
        return candidate
    folder = (root or datasets_root()) / str(name_or_path)
    if folder.is_dir():
        return folder
    raise DatasetError(
        f"No dataset named {str(name_or_path)!r}: looked for {folder / DATASET_FILE}. "
        f"Give a dataset name under {root or datasets_root()}/, a folder, or a path to "
        f"{DATASET_FILE} (set PRESSWATCH_DATASETS to use another datasets folder)."
    )


def load_dataset(name_or_path: str | Path, root: Path | None = None) -> Dataset:
    folder = resolve_dataset_folder(name_or_path, root)
    path = folder / DATASET_FILE
    if not path.is_file():
        raise DatasetError(f"{path}: file not found; every dataset folder needs a {DATASET_FILE}.")
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}: not UTF-8 text ({exc}).") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DatasetError(f"{path}: not valid YAML{where}: {problem}") from exc
    problems = validate_config(config)
    if problems:
        listing = "\n".join(f"  - {problem}" for problem in problems)
        raise DatasetError(f"{path}: {len(problems)} problem(s) found; nothing was run.\n{listing}")
    if config["name"] != folder.name:
        raise DatasetError(
            f"{path}: name: expected the folder name {folder.name!r}, got {config['name']!r}."
        )
    return Dataset(name=config["name"], folder=folder, config=config)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def validate_config(config: Any) -> list[str]:
    """Every problem in a parsed dataset.yml, as 'field: expected …, got …' lines."""
    if not isinstance(config, dict):
        return [f"(top level): expected a mapping of fields, got {type(config).__name__}"]
    problems = [
        f"{_field_path(error.absolute_path)}: {_expectation(error)}"
        for error in sorted(
            _validator().iter_errors(config), key=lambda e: list(map(str, e.absolute_path))
        )
    ]
    if problems:
        return problems
    return _semantic_problems(config)


def _field_path(path: Any) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _expectation(error: Any) -> str:
    got = json.dumps(error.instance, ensure_ascii=False, default=str)
    if len(got) > 80:
        got = got[:77] + "..."
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field {missing!r}"
    if validator == "additionalProperties":
        return f"unknown field(s): {error.message.split('(')[-1].rstrip(')')}"
    if validator == "enum":
        options = ", ".join(map(str, error.validator_value))
        return f"expected one of {options}; got {got}"
    if validator == "type":
        if hasattr(error.instance, "isoformat"):
            return (
                f"expected a quoted date such as '{error.instance.isoformat()}'; YAML read an "
                "unquoted date"
            )
        return f"expected {error.validator_value}; got {got}"
    if validator == "pattern":
        return f"expected text matching {error.validator_value}; got {got}"
    if validator in {"minItems", "minLength"}:
        return f"expected at least {error.validator_value} item(s)/character(s); got {got}"
    return f"{error.message}"


def _semantic_problems(config: dict[str, Any]) -> list[str]:
    """Checks a JSON schema cannot express: unique ids, aliases that name one entity only."""
    problems: list[str] = []
    for section in ("sources", "knowledge_base", "events"):
        seen: dict[str, int] = {}
        for index, item in enumerate(config.get(section, [])):
            if item["id"] in seen:
                problems.append(
                    f"{section}[{index}].id: expected a unique id; {item['id']!r} is already "
                    f"used by {section}[{seen[item['id']]}]"
                )
            seen.setdefault(item["id"], index)
    problems += _event_problems(config)
    owner: dict[str, str] = {}
    for index, entity in enumerate(config.get("knowledge_base", [])):
        for alias in [entity["name"], *entity.get("aliases", [])]:
            if alias in owner and owner[alias] != entity["id"]:
                problems.append(
                    f"knowledge_base[{index}].aliases: expected names that point to one entity; "
                    f"{alias!r} is also a name of {owner[alias]!r}"
                )
            owner.setdefault(alias, entity["id"])
    return problems


def _event_problems(config: dict[str, Any]) -> list[str]:
    """Events and relations must name knowledge-base entities; an acquisition has a date."""
    kb_ids = {entity["id"] for entity in config.get("knowledge_base", [])}
    problems: list[str] = []
    for index, event in enumerate(config.get("events", [])):
        for position, actor in enumerate(event["actors"]):
            if actor not in kb_ids:
                problems.append(
                    f"events[{index}].actors[{position}]: expected a knowledge_base id; "
                    f"{actor!r} is not one (add it to knowledge_base first)"
                )
        if not _is_real_date(event["date"]):
            problems.append(
                f"events[{index}].date: expected a real date (YYYY, YYYY-MM or YYYY-MM-DD); got "
                f"{event['date']!r}"
            )
    for index, relation in enumerate(config.get("relations", [])):
        if "date" in relation and not _is_real_date(relation["date"]):
            problems.append(
                f"relations[{index}].date: expected a real date (YYYY, YYYY-MM or YYYY-MM-DD); "
                f"got {relation['date']!r}"
            )
        for end in ("subject", "object"):
            if relation[end] not in kb_ids:
                problems.append(
                    f"relations[{index}].{end}: expected a knowledge_base id; "
                    f"{relation[end]!r} is not one"
                )
        if relation["relation"] == "acquired-by" and "date" not in relation:
            problems.append(
                f"relations[{index}].date: expected the date of the acquisition "
                f"(acquired-by needs one)"
            )
    return problems


def _is_real_date(value: str) -> bool:
    """'2019', '2019-02' or '2019-02-28' naming a real month/day (the schema checks the shape)."""
    from datetime import date

    parts = [int(part) for part in value.split("-")]
    try:
        date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    except ValueError:
        return False
    return True
