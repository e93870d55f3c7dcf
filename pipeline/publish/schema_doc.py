"""docs/schema.md from a live database: tables, columns, keys, row counts, a Mermaid ER diagram.

Descriptions come from metadata.yml, so the document says what Datasette says. The text is a
pure function of the database and the metadata: a test rebuilds it and compares.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
import yaml
from presswatch.publish.prepare import PUBLICATION_TABLE_NAMES

HEADER = """# The presswatch database

Generated from the built `{db_name}` database by `presswatch schema-doc {db_name}`; do not edit
by hand (tests/test_publish_schema_doc.py fails when it is out of date). Column descriptions come
from metadata.yml. Full-text index tables (`*_fts*`) are left out. Publication tables are derived
by the publish step on every `presswatch serve` / `publish`.

## Exporting data

Every table, view and canned query exports as CSV or JSON: add `.csv` or `.json` to its URL
(`?_shape=array` for a plain list, `?_stream=on` for every row of a large table as CSV), or run
your own SQL against `/{db_name}.json?sql=...`. Examples:

```sql
-- every quote by one speaker, with the outlet and date: /{db_name}.csv?sql=...
select speaker, quote, outlet, published from quote_facts
where speaker_entity_id = 'alex-stamos' order by published;

-- how many quotes each speaker has, per month
select published_month, speaker, count(*) as quotes from quote_facts
group by 1, 2 order by 1, 3 desc;

-- full-text search of quotes
select quotes.* from quotes join quotes_fts on quotes_fts.rowid = quotes.rowid
where quotes_fts match 'encryption';
```

The SQLite file itself is downloadable from the database page (`/{db_name}.db`).
"""


def _is_fts(name: str) -> bool:
    return name.endswith("_fts") or "_fts_" in name


def schema_markdown(db_path: Path, metadata_path: Path) -> str:
    db = sqlite_utils.Database(db_path)
    metadata = yaml.safe_load(metadata_path.read_text(encoding="utf-8")) or {}
    databases = metadata.get("databases") or {}
    described = (databases.get(db_path.stem) or next(iter(databases.values()), {}) or {}).get(
        "tables"
    ) or {}
    names = sorted(
        name for name in db.table_names() if not _is_fts(name) and not name.startswith("sqlite_")
    )
    source = [n for n in names if n not in PUBLICATION_TABLE_NAMES]
    derived = [n for n in names if n in PUBLICATION_TABLE_NAMES]
    lines = [
        HEADER.format(db_name=db_path.stem).rstrip(),
        "",
        "## Tables",
        "",
        "| table | rows | what a row is |",
        "| --- | ---: | --- |",
    ]
    for name in source + derived:
        description = (described.get(name) or {}).get("description", "")
        lines.append(
            f"| [`{name}`](#{name.replace('_', '_')}) | {db[name].count:,} | {_cell(description)} |"
        )
    lines += ["", "## Entity-relationship diagram", "", "```mermaid", "erDiagram"]
    for name in source:
        lines.append(f"    {name} {{")
        pks = set(db[name].pks)
        fks = {fk.column for fk in db[name].foreign_keys}
        for column in db[name].columns:
            keys = ",".join(
                k for k, on in (("PK", column.name in pks), ("FK", column.name in fks)) if on
            )
            lines.append(
                f"        {_mermaid_type(column.type)} {column.name}{' ' + keys if keys else ''}"
            )
        lines.append("    }")
    for name in source:
        for fk in sorted(db[name].foreign_keys, key=lambda f: (f.other_table, f.column)):
            lines.append(f'    {fk.other_table} ||--o{{ {name} : "{fk.column}"')
    lines += ["```", ""]
    for name in source + derived:
        table = db[name]
        meta = described.get(name) or {}
        columns_meta = meta.get("columns") or {}
        lines += [
            f"## {name}",
            "",
            meta.get("description", ""),
            "",
            f"Rows: {table.count:,}. Primary key: {', '.join(f'`{pk}`' for pk in table.pks)}.",
        ]
        if table.foreign_keys:
            refs = ", ".join(
                f"`{fk.column}` → `{fk.other_table}.{fk.other_column}`"
                for fk in sorted(table.foreign_keys, key=lambda f: f.column)
            )
            lines.append(f"Foreign keys: {refs}.")
        if table.detect_fts():
            lines.append(f"Full-text search: `{table.detect_fts()}`.")
        lines += ["", "| column | type | description |", "| --- | --- | --- |"]
        for column in table.columns:
            lines.append(
                f"| `{column.name}` | {column.type or 'any'} "
                f"| {_cell(columns_meta.get(column.name, ''))} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _mermaid_type(sql_type: str) -> str:
    return (sql_type or "any").split("(")[0].lower().replace(" ", "_") or "any"
