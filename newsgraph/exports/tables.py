"""The JSON export as a folder of tables (CSV or Parquet, through pyarrow), with ids that join.

The tables are derived from the export document (``document.export_store``) by its shape alone, so a
section that a later version adds to the document becomes a table without a change here:

- every top-level list of records is a table of that name (``articles``, ``entities``, ``stories``,
  ``rejections``, and ``alerts`` or any other section when the document has it); the document's
  top-level scalars (``schema_version``, ``generated_at``) are the one row of ``export``;
- a record's scalar fields are columns; a nested object is flattened into ``parent_child`` columns
  (a report's ``evidence`` gives ``evidence_article_id``, ``evidence_start``, ...);
- a nested list of records is a child table, one row per item, with the parent's id in
  ``<parent>_id`` (``story_id`` for a story's ``reports``) and the item's ``position`` in the list.
  Children of a top-level table keep the list's name (``reports``, ``responses``, ``facts``,
  ``disagreements``, ``events``, ``stances``); deeper ones are prefixed by their parent table
  (``facts_evidence`` with ``fact_id``). A child record without an ``id`` of its own gets one,
  ``<parent id>/<position>``, so its own children can point at it;
- a nested list of scalars is a link table with the parent's id, the position and the value: in
  ``<x>_id`` for a list named ``<x>_ids``, in a table prefixed by its parent
  (``stories_article_ids.article_id`` joins ``articles.id``), else in ``value`` (``tickers.value``).
  A table's name depends on the document's shape only, never on whether a list is empty.

A column holding values of different kinds (numbers and words) is written as text, lists of lists
as JSON text. The folder also holds ``tables.json``: each table's file, row count and columns.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import ExportError

FORMATS = ("csv", "parquet")
MANIFEST = "tables.json"
DOCUMENT_TABLE = "export"  # the document's own scalar fields, one row


def singular(name: str) -> str:
    """'stories' -> 'story', 'facts' -> 'fact', 'evidence' -> 'evidence': a table's rows, one of them."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


@dataclass
class Table:
    """Rows of one table as dicts; its columns in the order they first appeared."""

    name: str
    columns: dict[str, None] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)

    def add_column(self, name: str) -> None:
        self.columns.setdefault(name, None)

    def add(self, row: dict) -> None:
        for name in row:
            self.add_column(name)
        self.rows.append(row)


class _Tables:
    """Builds the tables of one document: names are given out once, to the first parent that asks."""

    def __init__(self, top_level: list[str]):
        self.tables: dict[str, Table] = {}
        self.owner: dict[str, tuple[str, str]] = {}  # table name -> (parent table, field) it holds
        self.top_level = set(top_level)
        self.empty: dict[tuple[str, str], None] = {}  # (table, field) of lists seen only empty so far

    def table(self, name: str) -> Table:
        return self.tables.setdefault(name, Table(name))

    def child_name(self, parent: str, key: str) -> str:
        """The name of the table that holds ``parent``'s list field ``key``: the field's own name for
        a child of a top-level table, else (ids, deeper tables, names taken) prefixed by the parent."""
        plain = key if parent in self.top_level and key not in self.top_level and not key.endswith("_ids") else None
        for name in (plain, f"{parent}_{key}"):
            if name and self.owner.setdefault(name, (parent, key)) == (parent, key):
                return name
        raise ExportError(f"two lists of the export would both become table '{parent}_{key}'; "
                          "rename one of the fields of the export document")

    def add_record(self, table: Table, record: dict, parent: tuple[str, Any] | None, position: int) -> None:
        row: dict[str, Any] = {}
        own_id = record.get("id") if _scalar(record.get("id")) else None
        if parent is not None:
            column, parent_id = parent
            if own_id is None:
                own_id = f"{parent_id}/{position}"
                row["id"] = own_id
            row[column] = parent_id
            row["position"] = position
        elif own_id is None:
            own_id = position
            row["position"] = position
        self._fields(table, record, "", own_id, row)
        table.add(row)

    def _fields(self, table: Table, record: dict, prefix: str, own_id: Any, row: dict) -> None:
        for key, value in record.items():
            column = prefix + key
            if isinstance(value, dict):
                self._fields(table, value, column + "_", own_id, row)
            elif isinstance(value, list):
                self._list(table, column, value, own_id, row)
            else:
                row[column] = value

    def _list(self, table: Table, column: str, items: list, own_id: Any, row: dict) -> None:
        parent_column = f"{singular(table.name)}_id"
        if not items:  # records or values? an item elsewhere will tell (``finish``)
            self.empty.setdefault((table.name, column), None)
        elif all(isinstance(item, dict) for item in items):  # records: a child table
            child = self.table(self.child_name(table.name, column))
            if any(parent_column in item for item in items):  # the item has a field of that name already
                parent_column = f"parent_{parent_column}"
            for n, item in enumerate(items):
                self.add_record(child, item, (parent_column, own_id), n)
        elif all(_scalar(item) for item in items):  # values: a link table
            link = self.table(self.child_name(table.name, column))
            value_column = column[:-1] if column.endswith("_ids") else "value"
            for name in (parent_column, "position", value_column):
                link.add_column(name)
            for n, item in enumerate(items):
                link.add({parent_column: own_id, "position": n, value_column: item})
        else:  # lists of lists and mixtures: kept whole, as JSON text
            row[column] = json.dumps(items, ensure_ascii=False)

    def finish(self) -> dict[str, Table]:
        """The tables; a list that was empty everywhere still gets its (empty) table."""
        for parent, key in self.empty:
            if (parent, key) not in self.owner.values():
                child = self.table(self.child_name(parent, key))
                child.add_column(f"{singular(parent)}_id")
                child.add_column("position")
        return self.tables


def tables_of(document: dict) -> dict[str, Table]:
    """The export document as tables, by name (the document's sections first, in its order)."""
    sections = [k for k, v in document.items() if isinstance(v, list)]
    builder = _Tables(sections)
    scalars = {k: v for k, v in document.items() if _scalar(v)}
    if scalars:
        builder.table(DOCUMENT_TABLE).add(scalars)
    for name in sections:
        table = builder.table(name)
        for n, record in enumerate(document[name]):
            if not isinstance(record, dict):
                raise ExportError(f"the export's '{name}' holds a {type(record).__name__}, not a record; "
                                  "every top-level list of the export must be a list of objects")
            builder.add_record(table, record, None, n)
    for key, value in document.items():
        if isinstance(value, dict):  # a top-level object: one row of its own table
            builder.add_record(builder.table(key), value, None, 0)
    return builder.finish()


def arrow_table(table: Table):
    """One table as a ``pyarrow.Table``; a column of mixed kinds becomes text, an empty one text too."""
    import pyarrow as pa

    arrays, names = [], []
    for name in table.columns:
        values = [row.get(name) for row in table.rows]
        try:
            array = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
            array = pa.array([v if v is None or isinstance(v, str) else json.dumps(v) for v in values], pa.string())
        if pa.types.is_null(array.type):
            array = array.cast(pa.string())
        arrays.append(array)
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)


def _prepare(folder: Path) -> None:
    """An absent or empty folder, or one an earlier export wrote (its old tables are removed)."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; give a folder for the tables (it is created when missing)")
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / MANIFEST
    if manifest.exists():
        try:
            old = json.loads(manifest.read_text(encoding="utf-8"))
            files = [t["file"] for t in old["tables"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise ExportError(f"{manifest} is not a table list newsgraph wrote; give a new or empty folder") from exc
        for name in files:
            (folder / Path(name).name).unlink(missing_ok=True)
        manifest.unlink()
    elif any(folder.iterdir()):
        raise ExportError(f"{folder} is not empty and holds no earlier export; give a new or empty folder")


def write_tables(document: dict, folder: str | Path, fmt: str) -> dict[str, int]:
    """Write the document's tables into ``folder`` as ``<table>.csv`` or ``<table>.parquet``; the row
    count of each table, by name."""
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    if fmt not in FORMATS:
        raise ExportError(f"'{fmt}' is not a table format; choose one of {', '.join(FORMATS)}")
    folder = Path(folder)
    tables = tables_of(document)
    _prepare(folder)
    listed = []
    for name, table in tables.items():
        data = arrow_table(table)
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            pa_csv.write_csv(data, path)
        else:
            pq.write_table(data, path)
        listed.append({"name": name, "file": path.name, "rows": data.num_rows, "columns": data.column_names})
    (folder / MANIFEST).write_text(json.dumps({"format": fmt, "tables": listed}, indent=1), encoding="utf-8")
    return {t["name"]: t["rows"] for t in listed}
