"""One row per finding: flat records and DataFrames of a caseload's findings.

:func:`findings_records` turns reports (or the :class:`~lovfrist.batch.CaseResult` items that
:func:`~lovfrist.evaluate_many` yields) into flat dicts, one per finding, holding every field of
the report format (``spec/report.md``, ``docs/report.md``) plus the case's columns and a few
derived ones. :func:`findings_frame` makes a pandas (or polars) DataFrame of the same columns
with fixed dtypes, also when there are no findings at all::

    import datetime, lovfrist
    from lovfrist.frames import findings_frame

    results = lovfrist.evaluate_many(lovfrist.read_cases("cases.jsonl"), datetime.date(2025, 1, 1))
    frame = findings_frame(results)
    frame[frame.is_violation].groupby("rule").size()

Columns, in this order (:data:`COLUMNS`), then one ``meta.KEY`` column per key of the cases'
``meta``, sorted by key:

- ``case_id``, ``as_of``, ``profile``, ``known_at``: the report's (``known_at`` only when the
  report was evaluated with a registration cut-off);
- ``rule``, ``law``, ``paragraph``, ``stk``, ``pkt``, ``citation``, ``status``, ``due``: the
  finding's fields of the same names (``due`` is an instant for hour deadlines, null without a
  due date);
- ``trigger_event``, ``trigger_type``, ``trigger_at``: ``trigger.event``, ``.type``, ``.at``;
- ``fulfilled_by_event``, ``fulfilled_by_type``, ``fulfilled_by_at``, ``matched_by``:
  ``fulfilled_by.*`` (``matched_by`` is ``ref`` or ``order``); null when not fulfilled;
- ``days_overdue``: for ``late`` and ``overdue``;
- ``explanation_da``, ``explanation_en``: ``explanation.da``, ``.en``;
- ``version``, ``grade``: the consolidation the rule was read in, and the rule's grade;
- ``clock_start``, ``clock_source``: ``clock_start.at`` (when the deadline runs from) and
  ``clock_start.source`` (``at``, ``ref`` or an attribute name);
- ``lapsed_by_event``, ``lapsed_by_type``, ``lapsed_by_at``: ``lapsed_by.*``;
- ``missing``: what the data lacks;
- ``transition_from``, ``transition_basis``, ``transition_grade``, ``transition_note_da``,
  ``transition_note_en``: ``transition.from``, ``.basis``, ``.grade``, ``.note.da``,
  ``.note.en``;
- ``late_registration_status``, ``late_registration_due``, ``late_registration_events``:
  ``late_registration.*`` (only with ``known_at``; the events as JSON text);
- ``is_violation``: the status is ``late``, ``overdue`` or ``early`` on an authority's duty;
  ``is_upcoming``: it is ``open`` on an authority's duty (a citizen's deadline, ``obligor``
  ``borger``, is neither);
- ``obligor``: who must act, ``kommune``, ``ankestyrelsen`` or ``borger``;
- ``trigger_month``: ``YYYY-MM`` of the trigger in Copenhagen time, for grouping;
- ``meta.KEY``: the case's ``meta[KEY]``, a scalar as it is, anything else as JSON text.

:data:`FIELD_COLUMNS` maps every field of the report's JSON form (flattened with dots) to its
column. In the records, dates are :class:`datetime.date` and instants are aware
:class:`datetime.datetime` in Europe/Copenhagen; a missing value is ``None``.

DataFrame dtypes (pandas; polars in brackets):

- text: pandas ``string`` [``String``];
- ``status``, ``late_registration_status``: ``category`` with all seven statuses, in the order of
  :class:`~lovfrist.report.Status` [``Enum``];
- ``stk``, ``pkt``, ``days_overdue``: nullable ``Int64`` [``Int64``];
- ``is_violation``, ``is_upcoming``: ``bool`` [``Boolean``];
- dates and instants (``as_of``, ``known_at``, ``due``, ``trigger_at``, ``fulfilled_by_at``,
  ``clock_start``, ``lapsed_by_at``, ``late_registration_due``): ``datetime64[us,
  Europe/Copenhagen]`` [``Datetime("us", "Europe/Copenhagen")``]. An instant keeps its time; a
  date becomes 00:00 Copenhagen time that day, so ``.dt.date`` (``.dt.date()`` in polars) gives
  the Copenhagen day for both. The frame does not say whether a value was a date or an instant;
  the records do;
- ``meta.*``: pandas ``object`` holding the Python scalars, since a case's ``meta`` has no
  schema (a column of ints with a missing value stays ints and ``None``, not floats).
  [polars: the one type all values share (``String``, ``Int64``, ``Float64``, ``Boolean``),
  else ``String``.]

The frame is built in chunks of typed columns, so the Python objects of at most one chunk of
findings are held at a time besides the frame itself. The explanations are the largest columns:
``explanations=False`` leaves them null (the columns stay) and skips writing them.

Cases that could not be read or evaluated (a failed :class:`~lovfrist.batch.CaseResult`) have no
findings and are skipped. :func:`errors_records` gives one row per failed case; to get both from
one pass over a stream, pass a list as ``errors=`` to :func:`findings_records` or
:func:`findings_frame`, and the error records are appended to it.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from typing import Any, Literal

from lovfrist.batch import CaseResult
from lovfrist.calendar import COPENHAGEN
from lovfrist.report import EventRef, Finding, Report, Status

__all__ = [
    "COLUMNS",
    "ERROR_COLUMNS",
    "FIELD_COLUMNS",
    "META_PREFIX",
    "STATUSES",
    "errors_frame",
    "errors_records",
    "findings_frame",
    "findings_records",
]

_Kind = Literal["str", "int", "bool", "moment", "status"]

#: Every column and the kind of value it holds, in column order.
_COLUMN_KINDS: tuple[tuple[str, _Kind], ...] = (
    ("case_id", "str"),
    ("as_of", "moment"),
    ("profile", "str"),
    ("known_at", "moment"),
    ("rule", "str"),
    ("law", "str"),
    ("paragraph", "str"),
    ("stk", "int"),
    ("pkt", "int"),
    ("citation", "str"),
    ("status", "status"),
    ("due", "moment"),
    ("trigger_event", "str"),
    ("trigger_type", "str"),
    ("trigger_at", "moment"),
    ("fulfilled_by_event", "str"),
    ("fulfilled_by_type", "str"),
    ("fulfilled_by_at", "moment"),
    ("matched_by", "str"),
    ("days_overdue", "int"),
    ("explanation_da", "str"),
    ("explanation_en", "str"),
    ("version", "str"),
    ("grade", "str"),
    ("clock_start", "moment"),
    ("clock_source", "str"),
    ("lapsed_by_event", "str"),
    ("lapsed_by_type", "str"),
    ("lapsed_by_at", "moment"),
    ("missing", "str"),
    ("transition_from", "str"),
    ("transition_basis", "str"),
    ("transition_grade", "str"),
    ("transition_note_da", "str"),
    ("transition_note_en", "str"),
    ("late_registration_status", "status"),
    ("late_registration_due", "moment"),
    ("late_registration_events", "str"),
    ("is_violation", "bool"),
    ("is_upcoming", "bool"),
    ("obligor", "str"),
    ("trigger_month", "str"),
)

#: The fixed columns of a findings record or frame, in order; ``meta.KEY`` columns follow.
COLUMNS: tuple[str, ...] = tuple(name for name, _ in _COLUMN_KINDS)

#: The prefix of the columns that hold the case's ``meta``.
META_PREFIX = "meta."

#: The seven statuses, in the order of :class:`~lovfrist.report.Status` (the categories).
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)

#: Each field of the report's JSON form (``Report.to_dict()``; a finding's nested fields
#: flattened with dots) and the column that holds it. ``summary`` is per report and has no
#: column; ``meta.KEY`` is the column of the same name.
FIELD_COLUMNS: Mapping[str, str] = {
    "case_id": "case_id",
    "as_of": "as_of",
    "profile": "profile",
    "known_at": "known_at",
    "rule": "rule",
    "law": "law",
    "paragraph": "paragraph",
    "stk": "stk",
    "pkt": "pkt",
    "citation": "citation",
    "status": "status",
    "due": "due",
    "trigger.event": "trigger_event",
    "trigger.type": "trigger_type",
    "trigger.at": "trigger_at",
    "fulfilled_by.event": "fulfilled_by_event",
    "fulfilled_by.type": "fulfilled_by_type",
    "fulfilled_by.at": "fulfilled_by_at",
    "fulfilled_by.matched_by": "matched_by",
    "days_overdue": "days_overdue",
    "explanation.da": "explanation_da",
    "explanation.en": "explanation_en",
    "version": "version",
    "grade": "grade",
    "clock_start.at": "clock_start",
    "clock_start.source": "clock_source",
    "lapsed_by.event": "lapsed_by_event",
    "lapsed_by.type": "lapsed_by_type",
    "lapsed_by.at": "lapsed_by_at",
    "missing": "missing",
    "transition.from": "transition_from",
    "transition.basis": "transition_basis",
    "transition.grade": "transition_grade",
    "transition.note.da": "transition_note_da",
    "transition.note.en": "transition_note_en",
    "obligor": "obligor",
    "late_registration.status": "late_registration_status",
    "late_registration.due": "late_registration_due",
    "late_registration.events": "late_registration_events",
}

#: The columns of :func:`errors_records`, in order.
ERROR_COLUMNS: tuple[str, ...] = ("case_id", "source", "line", "index", "error_type", "error")

#: Findings converted to a typed chunk at a time by :func:`findings_frame`.
CHUNK_SIZE = 20_000

_TZ_NAME = "Europe/Copenhagen"

Item = Report | CaseResult


# --- records --------------------------------------------------------------------------------


def findings_records(
    items: Iterable[Item],
    *,
    explanations: bool = True,
    errors: list[dict[str, Any]] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one flat record per finding of each report, in report and finding order.

    ``items`` are :class:`~lovfrist.report.Report` or :class:`~lovfrist.batch.CaseResult`
    objects, consumed lazily. A failed case result has no findings and yields nothing; with
    ``errors`` (a list), its :func:`errors_records` row is appended there. Keys: :data:`COLUMNS`
    in order, then ``meta.KEY`` for each key of the case's ``meta`` in sorted order. With
    ``explanations=False`` the explanation fields are ``None`` (much cheaper for large caseloads).
    """
    for item in items:
        report = _report_of(item)
        if report is None:
            if errors is not None:
                assert isinstance(item, CaseResult)
                errors.append(_error_record(item))
            continue
        yield from _report_records(report, explanations=explanations)


def errors_records(results: Iterable[Item]) -> Iterator[dict[str, Any]]:
    """Yield one record per failed case result: :data:`ERROR_COLUMNS`.

    ``error`` is the message without its place (the place is in ``source`` and ``line``);
    ``error_type`` is the exception's class name (``CaseError``, ``InputError``). Reports and
    successful results yield nothing.
    """
    for item in results:
        if _report_of(item) is None:
            assert isinstance(item, CaseResult)
            yield _error_record(item)


def _report_of(item: object) -> Report | None:
    if isinstance(item, Report):
        return item
    if isinstance(item, CaseResult):
        return item.report
    raise TypeError(f"expected a Report or a CaseResult, got {type(item).__name__}")


def _error_record(result: CaseResult) -> dict[str, Any]:
    error = result.error
    message = getattr(error, "message", None)
    return {
        "case_id": result.case_id,
        "source": result.source,
        "line": result.line,
        "index": result.index,
        "error_type": type(error).__name__ if error is not None else None,
        "error": message if isinstance(message, str) else (str(error) if error else None),
    }


def _report_records(report: Report, *, explanations: bool) -> Iterator[dict[str, Any]]:
    meta = meta_columns(report.case_meta)
    case = {
        "case_id": report.case_id,
        "as_of": _moment(report.as_of),
        "profile": report.profile,
        "known_at": _moment(report.known_at),
    }
    for finding in report.findings:
        record = finding_record(finding, case, explanations=explanations)
        record.update(meta)
        yield record


def meta_columns(meta: Mapping[str, Any] | None) -> dict[str, Any]:
    """The ``meta.KEY`` columns of a case's ``meta``, in key order: scalars as they are, other
    values (lists, objects) as JSON text."""
    if not meta:
        return {}
    return {f"{META_PREFIX}{key}": _scalar(meta[key]) for key in sorted(meta)}


def finding_record(
    finding: Finding, case: Mapping[str, Any], *, explanations: bool = True
) -> dict[str, Any]:
    """The flat record of one finding; ``case`` gives ``case_id``, ``as_of``, ``profile`` and
    ``known_at`` (already converted). No ``meta.*`` keys."""
    trigger = finding.trigger
    fulfilled = finding.fulfilled_by
    lapsed = finding.lapsed_by
    transition = finding.transition
    late = finding.late_registration
    status = finding.status
    return {
        "case_id": case["case_id"],
        "as_of": case["as_of"],
        "profile": case["profile"],
        "known_at": case["known_at"],
        "rule": finding.rule,
        "law": finding.law,
        "paragraph": finding.paragraph,
        "stk": finding.stk,
        "pkt": finding.pkt,
        "citation": finding.citation,
        "status": status.value,
        "due": _moment(finding.due),
        "trigger_event": trigger.event,
        "trigger_type": trigger.type,
        "trigger_at": _moment(trigger.at),
        "fulfilled_by_event": fulfilled.event if fulfilled else None,
        "fulfilled_by_type": fulfilled.type if fulfilled else None,
        "fulfilled_by_at": _moment(fulfilled.at) if fulfilled else None,
        "matched_by": fulfilled.matched_by if fulfilled else None,
        "days_overdue": finding.days_overdue,
        "explanation_da": finding.explanation_da if explanations else None,
        "explanation_en": finding.explanation_en if explanations else None,
        "version": finding.version,
        "grade": finding.grade,
        "clock_start": _moment(finding.clock_start),
        "clock_source": finding.clock_source,
        "lapsed_by_event": lapsed.event if lapsed else None,
        "lapsed_by_type": lapsed.type if lapsed else None,
        "lapsed_by_at": _moment(lapsed.at) if lapsed else None,
        "missing": finding.missing,
        "transition_from": transition.from_rule if transition else None,
        "transition_basis": transition.basis if transition else None,
        "transition_grade": transition.grade if transition else None,
        "transition_note_da": transition.note_da if transition else None,
        "transition_note_en": transition.note_en if transition else None,
        "late_registration_status": late.status.value if late else None,
        "late_registration_due": _moment(late.due) if late else None,
        "late_registration_events": _events_json(late.events) if late else None,
        "is_violation": finding.is_violation,
        "is_upcoming": finding.is_upcoming,
        "obligor": finding.obligor,
        "trigger_month": trigger_month(trigger.at),
    }


def trigger_month(at: date | datetime) -> str:
    """``YYYY-MM`` of a date, or of an instant in Copenhagen time."""
    day = _local(at).date() if isinstance(at, datetime) else at
    return f"{day.year:04d}-{day.month:02d}"


def _local(value: datetime) -> datetime:
    # lovfrist's instants are aware; a naive one is Copenhagen wall time (docs/events.md).
    if value.tzinfo is None:
        return value.replace(tzinfo=COPENHAGEN)
    return value.astimezone(COPENHAGEN)


def _moment(value: date | datetime | None) -> date | datetime | None:
    if isinstance(value, datetime):
        return _local(value)
    return value


def _events_json(events: tuple[EventRef, ...]) -> str:
    return json.dumps([e.to_dict() for e in events], ensure_ascii=False)


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# --- frames ---------------------------------------------------------------------------------


def findings_frame(
    items: Iterable[Item],
    *,
    library: Literal["pandas", "polars"] = "pandas",
    explanations: bool = True,
    errors: list[dict[str, Any]] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Any:
    """A DataFrame with one row per finding: the columns of :func:`findings_records`.

    ``library`` is ``"pandas"`` (the ``pandas`` extra) or ``"polars"`` (the ``polars`` extra).
    The dtypes are fixed (see the module documentation) and an input without findings gives an
    empty frame with all of :data:`COLUMNS`. ``items`` are consumed lazily and converted to typed
    columns ``chunk_size`` findings at a time. ``errors``: as in :func:`findings_records`.
    """
    if library not in ("pandas", "polars"):
        raise ValueError(f"library must be 'pandas' or 'polars', got {library!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    module = _require(library)
    build = _pandas_chunk if library == "pandas" else _polars_chunk
    chunks: list[Any] = []
    meta_keys: set[str] = set()
    buffer: list[dict[str, Any]] = []
    for record in findings_records(items, explanations=explanations, errors=errors):
        buffer.append(record)
        if len(buffer) >= chunk_size:
            chunks.append(build(module, buffer))
            buffer = []
    if buffer or not chunks:
        chunks.append(build(module, buffer))
        buffer = []
    for chunk in chunks:
        meta_keys.update(c for c in chunk.columns if c.startswith(META_PREFIX))
    meta = sorted(meta_keys)
    if library == "pandas":
        return _pandas_concat(module, chunks, meta)
    return _polars_concat(module, chunks, meta)


def errors_frame(
    results: Iterable[Item], *, library: Literal["pandas", "polars"] = "pandas"
) -> Any:
    """:func:`errors_records` as a DataFrame: text columns, ``line`` and ``index`` as Int64."""
    module = _require(library)
    rows = list(errors_records(results))
    columns = {name: [row[name] for row in rows] for name in ERROR_COLUMNS}
    kinds: dict[str, _Kind] = {"line": "int", "index": "int"}
    if library == "pandas":
        return module.DataFrame(
            {n: _pandas_column(module, v, kinds.get(n, "str")) for n, v in columns.items()}
        )
    return module.DataFrame(
        [_polars_column(module, n, v, kinds.get(n, "str")) for n, v in columns.items()]
    )


def _require(library: str) -> Any:
    try:
        return importlib.import_module(library)
    except ImportError as exc:
        raise ImportError(
            f"this needs {library}; install it with: pip install 'lovfrist[{library}]'"
        ) from exc


def _meta_keys(records: list[dict[str, Any]]) -> set[str]:
    # A record's meta keys follow its fixed columns.
    fixed = len(COLUMNS)
    keys: set[str] = set()
    for record in records:
        if len(record) > fixed:
            keys.update(islice(record, fixed, None))
    return keys


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
#: numpy's NaT as int64.
_NAT = -(2**63)


def _micros(values: list[date | datetime | None]) -> list[int | None]:
    """Microseconds since the epoch (UTC); a date is 00:00 Copenhagen time that day."""
    days: dict[date, int] = {}
    out: list[int | None] = []
    for value in values:
        if value is None:
            out.append(None)
        elif isinstance(value, datetime):
            out.append((_local(value) - _EPOCH) // _MICROSECOND)
        else:
            micros = days.get(value)
            if micros is None:
                midnight = datetime.combine(value, time(0), tzinfo=COPENHAGEN)
                micros = days[value] = (midnight - _EPOCH) // _MICROSECOND
            out.append(micros)
    return out


def _pandas_column(pd: Any, values: list[Any], kind: _Kind) -> Any:
    if kind == "str":
        return pd.Series(values, dtype="string")
    if kind == "int":
        return pd.Series(values, dtype="Int64")
    if kind == "bool":
        return pd.Series(values, dtype=bool)
    if kind == "status":
        return pd.Series(pd.Categorical(values, categories=STATUSES))
    np = _require("numpy")
    micros = np.array([_NAT if m is None else m for m in _micros(values)], dtype="int64")
    utc = pd.Series(micros.view("datetime64[us]")).dt.tz_localize("UTC")
    return utc.dt.tz_convert(_TZ_NAME)


def _pandas_chunk(pd: Any, records: list[dict[str, Any]]) -> Any:
    data = {
        name: _pandas_column(pd, [r[name] for r in records], kind) for name, kind in _COLUMN_KINDS
    }
    for key in sorted(_meta_keys(records)):
        data[key] = pd.Series([r.get(key) for r in records], dtype=object)
    return pd.DataFrame(data)


def _pandas_concat(pd: Any, chunks: list[Any], meta: list[str]) -> Any:
    for chunk in chunks:
        for key in meta:
            if key not in chunk.columns:
                chunk[key] = pd.Series([None] * len(chunk), dtype=object, index=chunk.index)
    columns = [*COLUMNS, *meta]
    if len(chunks) == 1:
        return chunks[0][columns]
    return pd.concat([chunk[columns] for chunk in chunks], ignore_index=True)


def _polars_dtype(pl: Any, kind: _Kind) -> Any:
    if kind == "str":
        return pl.String
    if kind == "int":
        return pl.Int64
    if kind == "bool":
        return pl.Boolean
    if kind == "status":
        return pl.Enum(list(STATUSES))
    return pl.Datetime("us", _TZ_NAME)


def _polars_column(pl: Any, name: str, values: list[Any], kind: _Kind) -> Any:
    if kind == "moment":
        utc = pl.Series(name, _micros(values), dtype=pl.Int64).cast(pl.Datetime("us", "UTC"))
        return utc.dt.convert_time_zone(_TZ_NAME)
    return pl.Series(name, values, dtype=_polars_dtype(pl, kind))


def _polars_meta(pl: Any, name: str, values: list[Any]) -> Any:
    types = {type(v) for v in values if v is not None}
    if types == {bool}:
        dtype = pl.Boolean
    elif types == {int}:
        dtype = pl.Int64
    elif types and types <= {int, float}:
        dtype = pl.Float64
    else:
        dtype = pl.String
        values = [v if v is None or isinstance(v, str) else _text(v) for v in values]
    return pl.Series(name, values, dtype=dtype)


def _text(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _polars_chunk(pl: Any, records: list[dict[str, Any]]) -> Any:
    series = [
        _polars_column(pl, name, [r[name] for r in records], kind) for name, kind in _COLUMN_KINDS
    ]
    for key in sorted(_meta_keys(records)):
        series.append(_polars_meta(pl, key, [r.get(key) for r in records]))
    return pl.DataFrame(series)


def _polars_concat(pl: Any, chunks: list[Any], meta: list[str]) -> Any:
    columns = [*COLUMNS, *meta]
    frame = chunks[0] if len(chunks) == 1 else pl.concat(chunks, how="diagonal_relaxed")
    missing = [pl.lit(None, dtype=pl.String).alias(key) for key in meta if key not in frame.columns]
    if missing:
        frame = frame.with_columns(missing)
    return frame.select(columns)
