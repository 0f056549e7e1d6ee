"""Reading cases from files: a JSON case, a JSON array of cases, JSON Lines, or an event log.

JSON Lines is read line by line, so memory stays flat however long the file is. An event log (CSV,
or Parquet with the ``parquet`` extra) has one row per event (``docs/events.md``) and is grouped by
``case_id``; it holds one small dict per event until the file is read. The child's dates come from
columns of the log or from a separate child table (:func:`read_children`). Every case is read and
validated on its own: an error in one case never stops the others.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from lovfrist.case import Case
from lovfrist.errors import CaseError, InputError, Problem
from lovfrist.limits import MAX_JSON_BYTES, MAX_LINE_BYTES

__all__ = ["CaseInput", "read_cases", "read_children", "with_children"]

_JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class CaseInput:
    """One case read from a file, or the error that stopped it being read.

    ``line`` is the 1-based line of a JSON Lines file; ``index`` the 0-based position in a JSON
    array.
    """

    source: str
    case: Case | None
    error: InputError | None
    line: int | None = None
    index: int | None = None


def read_cases(path: str | Path, *, allow_cpr: bool = False) -> Iterator[CaseInput]:
    """Yield every case in ``path`` (``-`` is standard input), in file order.

    JSON Lines is recognised by the ``.jsonl``/``.ndjson`` suffix, or by a JSON document that
    holds more than one top-level value. A file that cannot be read at all raises
    :class:`InputError`; a case that cannot be read is yielded with its error.
    """
    source = str(path)
    if source == "-":
        yield from _read_stream(sys.stdin.buffer, "<stdin>", jsonl=None, allow_cpr=allow_cpr)
        return
    if source.lower().endswith(_PARQUET_SUFFIXES):
        yield from _read_parquet(Path(path), source, allow_cpr)
        return
    with open_input(path) as handle:
        if source.lower().endswith(".csv"):
            yield from _read_csv(handle, source, allow_cpr)
            return
        jsonl = True if source.endswith(_JSONL_SUFFIXES) else None
        yield from _read_stream(handle, source, jsonl=jsonl, allow_cpr=allow_cpr)


def open_input(path: str | Path) -> IO[bytes]:
    """Open an input file for reading bytes; a file that cannot be opened is an InputError."""
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None


def _read_stream(
    handle: IO[bytes], source: str, *, jsonl: bool | None, allow_cpr: bool
) -> Iterator[CaseInput]:
    if jsonl:
        yield from _read_jsonl(handle, source, allow_cpr)
        return
    raw = handle.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise InputError(
            f"larger than {MAX_JSON_BYTES // 2**20} MiB; use JSON Lines (one case per line) "
            "for large caseloads",
            source=source,
        )
    text = _decode(raw, source)
    if not text.strip():
        raise InputError("empty file; expected a JSON case or JSON Lines of cases", source=source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from _read_jsonl_text(text, source, allow_cpr)
            return
        raise InputError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", source=source
        ) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", source=source) from None
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield _one(item, source, allow_cpr, index=index)
    else:
        yield _one(data, source, allow_cpr)


def _decode(raw: bytes, source: str, line: int | None = None) -> str:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark is tolerated
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source=source, line=line) from None


def _one(
    data: Any, source: str, allow_cpr: bool, *, line: int | None = None, index: int | None = None
) -> CaseInput:
    where = source if index is None else f"{source}[{index}]"
    try:
        case = Case.from_dict(data, source=where, line=line, allow_cpr=allow_cpr)
    except CaseError as exc:
        return CaseInput(source, None, exc, line, index)
    return CaseInput(source, case, None, line, index)


def parse_line(raw: bytes, number: int, source: str, allow_cpr: bool) -> CaseInput | None:
    """One line of a JSON Lines file as a case (or its error); None for a blank line."""
    if len(raw) > MAX_LINE_BYTES:
        error = InputError(
            f"line longer than {MAX_LINE_BYTES // 2**20} MiB", source=source, line=number
        )
        return CaseInput(source, None, error, number)
    try:
        text = _decode(raw, source, number) if number == 1 else raw.decode("utf-8")
    except (InputError, UnicodeDecodeError) as exc:
        error = (
            exc
            if isinstance(exc, InputError)
            else InputError(f"not UTF-8 text (byte {exc.start})", source=source, line=number)
        )
        return CaseInput(source, None, error, number)
    if not text.strip():
        return None
    try:
        data = json.loads(text.rstrip("\r\n"))  # an error at the end is at its last column
    except json.JSONDecodeError as exc:
        error = InputError(
            f"not valid JSON: {exc.msg} at column {exc.colno}", source=source, line=number
        )
        return CaseInput(source, None, error, number)
    except RecursionError:
        return CaseInput(
            source, None, InputError("JSON nested too deeply", source=source, line=number), number
        )
    return _one(data, source, allow_cpr, line=number)


def _read_jsonl(handle: IO[bytes], source: str, allow_cpr: bool) -> Iterator[CaseInput]:
    empty = True
    for number, raw in enumerate(handle, start=1):
        item = parse_line(raw, number, source, allow_cpr)
        if item is not None:
            empty = False
            yield item
    if empty:
        raise InputError("empty file; expected JSON Lines of cases", source=source)


def _read_jsonl_text(text: str, source: str, allow_cpr: bool) -> Iterator[CaseInput]:
    for number, line in enumerate(text.splitlines(), start=1):
        item = parse_line(line.encode("utf-8"), number, source, allow_cpr)
        if item is not None:
            yield item


#: Columns of an event log (CSV or Parquet) besides the event attributes.
CSV_REQUIRED = ("case_id", "type", "at")
CSV_OPTIONAL = ("id", "ref", "registered_at", "birth_date", "termin")
#: Columns of a separate child table: one row per case.
CHILD_COLUMNS = ("case_id", "birth_date", "termin")
_PARQUET_SUFFIXES = (".parquet", ".pq")


def _read_csv(handle: IO[bytes], source: str, allow_cpr: bool) -> Iterator[CaseInput]:
    """One row per event: ``case_id, id, type, at, ref, ...attributes``.

    ``birth_date`` and ``termin`` give the child's dates (the first non-empty value of a case is
    used); columns ``meta.KEY`` go to the event's ``meta`` and ``case_meta.KEY`` to the case's. An
    empty cell is an absent value. Rows of one case need not be adjacent; cases are yielded in
    the order their first row appears.
    """
    columns, rows = _csv_rows(handle, source)
    _check_event_columns(columns, source)
    yield from _cases_from_rows(rows, source, allow_cpr)


def _csv_rows(
    handle: IO[bytes], source: str
) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    """The header and the non-empty rows (line number, non-empty cells) of a CSV file."""
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"not a readable CSV file: {exc}", source=source, line=1) from None
    if header is None or not any(h.strip() for h in header):
        raise InputError("empty file; expected a CSV header with case_id, type, at", source=source)
    columns = [h.strip() for h in header]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise InputError(
            f"CSV header repeats column(s) {', '.join(duplicated)}", source=source, line=1
        )

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(columns):
                    raise InputError(
                        f"row has {len(row)} cells, the header has {len(columns)}",
                        source=source,
                        line=line,
                    )
                yield line, {c: v for c, v in zip(columns, row, strict=True) if v != ""}
        except csv.Error as exc:
            raise InputError(f"bad CSV: {exc}", source=source, line=reader.line_num) from None
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text (byte {exc.start})", source=source) from None

    return columns, rows()


def _read_parquet(path: Path, source: str, allow_cpr: bool) -> Iterator[CaseInput]:
    """The same event log as a Parquet file (the ``parquet`` extra: pyarrow).

    Typed columns are taken as they are: a date column gives dates, a timestamp with a time
    zone gives instants, a naive timestamp is Copenhagen wall time (as in JSON). A null is an
    absent value. The ``line`` of a case is the 1-based row number of its first row.
    """
    columns, rows = _parquet_rows(path, source)
    _check_event_columns(columns, source)
    yield from _cases_from_rows(rows, source, allow_cpr)


def _parquet_rows(
    path: Path, source: str
) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            "reading Parquet needs pyarrow: pip install 'lovfrist[parquet]'", source=source
        ) from None
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own error types for unreadable files
        raise InputError(f"not a readable Parquet file: {exc}", source=source) from None
    columns = [str(name) for name in parquet.schema_arrow.names]

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        number = 0
        for batch in parquet.iter_batches(batch_size=8192):
            for record in batch.to_pylist():
                number += 1
                cells = {k: _cell(v) for k, v in record.items() if v is not None and v != ""}
                if cells:
                    yield number, cells

    return columns, rows()


def _cell(value: Any) -> Any:
    # Integers and floats in an id or text column are read as their text, as CSV would give.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _check_event_columns(columns: list[str], source: str) -> None:
    from lovfrist.events import EVENT_TYPES, EventBase

    missing = [c for c in CSV_REQUIRED if c not in columns]
    if missing:
        raise InputError(
            f"header lacks required column(s) {', '.join(missing)}; "
            f"expected at least {', '.join(CSV_REQUIRED)}",
            source=source,
            line=1,
        )
    attributes = {name for cls in EVENT_TYPES.values() for name in cls.model_fields} - set(
        EventBase.model_fields
    )
    known = set(CSV_REQUIRED) | set(CSV_OPTIONAL) | attributes
    unknown = [c for c in columns if c not in known and not c.startswith(("meta.", "case_meta."))]
    if unknown:
        raise InputError(
            f"unknown column(s) {', '.join(unknown)}; expected event fields and attributes "
            "(docs/events.md), meta.KEY or case_meta.KEY",
            source=source,
            line=1,
        )


def _cases_from_rows(
    rows: Iterator[tuple[int, dict[str, Any]]], source: str, allow_cpr: bool
) -> Iterator[CaseInput]:
    cases: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    for line, cells in rows:
        case_id = cells.pop("case_id", "")
        if not isinstance(case_id, str) or not case_id.strip():
            raise InputError("row has no case_id", source=source, line=line)
        case = cases.setdefault(case_id, {"case_id": case_id, "events": []})
        first_line.setdefault(case_id, line)
        for key in ("birth_date", "termin"):
            value = cells.pop(key, None)
            if value is not None:
                case.setdefault("child", {}).setdefault(key, value)
        event: dict[str, Any] = {}
        for key, value in cells.items():
            if key.startswith("case_meta."):
                case.setdefault("meta", {}).setdefault(key[len("case_meta.") :], value)
            elif key.startswith("meta."):
                event.setdefault("meta", {})[key[len("meta.") :]] = value
            else:
                event[key] = value
        case["events"].append(event)
    for case_id, data in cases.items():
        yield _one(data, source, allow_cpr, line=first_line[case_id])


def read_children(path: str | Path) -> dict[str, dict[str, Any]]:
    """A child table (CSV or Parquet): ``case_id, birth_date, termin``, one row per case.

    Returns the ``child`` object of each case. A case listed twice is an error.
    """
    source = str(path)
    if source.lower().endswith(_PARQUET_SUFFIXES):
        columns, rows = _parquet_rows(Path(path), source)
        return _children(columns, rows, source)
    with open_input(path) as handle:
        columns, rows = _csv_rows(handle, source)
        return _children(columns, rows, source)


def _children(
    columns: list[str], rows: Iterator[tuple[int, dict[str, Any]]], source: str
) -> dict[str, dict[str, Any]]:
    if "case_id" not in columns:
        raise InputError("child table lacks the column case_id", source=source, line=1)
    unknown = [c for c in columns if c not in CHILD_COLUMNS]
    if unknown:
        raise InputError(
            f"unknown column(s) {', '.join(unknown)} in the child table; "
            f"expected {', '.join(CHILD_COLUMNS)}",
            source=source,
            line=1,
        )
    children: dict[str, dict[str, Any]] = {}
    for line, cells in rows:
        case_id = cells.pop("case_id", None)
        if not isinstance(case_id, str) or not case_id.strip():
            raise InputError("row has no case_id", source=source, line=line)
        if case_id in children:
            raise InputError(f"case {case_id!r} is listed twice", source=source, line=line)
        children[case_id] = cells
    return children


def with_children(
    items: Iterable[CaseInput], children: Mapping[str, Mapping[str, Any]], *, allow_cpr: bool
) -> Iterator[CaseInput]:
    """Give each case the child dates of a child table (``--children``).

    A date the event log already gives for the case must agree with the table; a case the table
    does not list keeps what it has.
    """
    for item in items:
        if item.case is None or item.case.case_id not in children:
            yield item
            continue
        given = item.case.model_dump(mode="json", exclude_none=True)
        child = dict(given.get("child", {}))
        conflict = None
        for key, value in children[item.case.case_id].items():
            text = value.isoformat() if isinstance(value, date) else str(value)
            if key in child and child[key] != text:
                conflict = (
                    f"child.{key} is {child[key]} in the event log but {text} in the child table"
                )
                break
            child[key] = text
        if conflict is not None:
            error = CaseError(
                [Problem(conflict, "child")],
                case_id=item.case.case_id,
                source=item.source,
                line=item.line,
            )
            yield CaseInput(item.source, None, error, item.line, item.index)
            continue
        given["child"] = child
        yield _one(given, item.source, allow_cpr, line=item.line, index=item.index)
