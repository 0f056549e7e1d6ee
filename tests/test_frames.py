"""Findings as flat records and DataFrames (``lovfrist.frames``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

import lovfrist
from lovfrist.batch import CaseResult
from lovfrist.frames import (
    COLUMNS,
    ERROR_COLUMNS,
    FIELD_COLUMNS,
    STATUSES,
    errors_frame,
    errors_records,
    findings_frame,
    findings_records,
)
from lovfrist.report import Report, iso
from lovfrist.synthetic import generate_caseload

from .conftest import ROOT

AS_OF = date(2024, 8, 1)

#: A case whose 24-hour assessment was registered late: evaluated with ``known_at`` its finding
#: has a ``late_registration``.
LATE_REGISTERED: dict[str, Any] = {
    "case_id": "K-1",
    "events": [
        {"id": "u1", "type": "underretning", "at": "2024-03-10T10:00:00+01:00"},
        {
            "id": "v1",
            "type": "underretning_vurderet",
            "at": "2024-03-10T15:00:00+01:00",
            "ref": "u1",
            "registered_at": "2024-03-20T09:00:00+01:00",
        },
    ],
    "meta": {"kommune": "Faxe", "antal": 3, "aktiv": True, "tags": ["a", "b"], "tom": None},
}


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "examples" / name).read_text(encoding="utf-8"))
    return data


def _reports() -> list[Report]:
    """Reports that between them show every field of the report format."""
    return [
        lovfrist.evaluate(_example("straddling-2024.json"), AS_OF),
        lovfrist.evaluate(_example("case-2022-2025.json"), date(2025, 6, 1)),
        lovfrist.evaluate(LATE_REGISTERED, AS_OF, known_at=date(2024, 3, 15)),
    ]


def _flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(inner, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, value


def _as_json(value: Any) -> Any:
    if isinstance(value, date):  # datetime too
        return iso(value)
    return value


# --- records ----------------------------------------------------------------------------------


def test_records_hold_every_field_of_the_report_format() -> None:
    seen: set[str] = set()
    for report in _reports():
        as_json = report.to_dict()
        records = list(findings_records([report]))
        assert len(records) == len(report.findings)
        for record, finding in zip(records, as_json["findings"], strict=True):
            assert record["case_id"] == as_json["case_id"]
            assert _as_json(record["as_of"]) == as_json["as_of"]
            assert record["profile"] == as_json["profile"]
            assert _as_json(record["known_at"]) == as_json.get("known_at")
            for path, value in _flatten(dict(finding)):
                if path in FIELD_COLUMNS:
                    column = FIELD_COLUMNS[path]
                    if path == "late_registration.events":
                        assert json.loads(record[column]) == value
                    else:
                        assert _as_json(record[column]) == value, path
                    seen.add(path)
                else:
                    # An object field that is null: every column it would fill is null.
                    assert value is None, path
                    columns = [c for p, c in FIELD_COLUMNS.items() if p.startswith(path + ".")]
                    assert columns, f"no column for report field {path}"
                    assert all(record[c] is None for c in columns), path
    finding_fields = {p for p in FIELD_COLUMNS if p not in ("case_id", "as_of", "profile")}
    assert finding_fields - {"known_at"} <= seen, "every field shown by some example"


def test_records_keys_are_the_columns_in_order_then_sorted_meta() -> None:
    report = lovfrist.evaluate(LATE_REGISTERED, AS_OF)
    record = next(findings_records([report]))
    meta = ["meta.aktiv", "meta.antal", "meta.kommune", "meta.tags", "meta.tom"]
    assert list(record) == [*COLUMNS, *meta]
    assert record["meta.kommune"] == "Faxe"
    assert record["meta.antal"] == 3
    assert record["meta.aktiv"] is True
    assert record["meta.tom"] is None
    assert json.loads(record["meta.tags"]) == ["a", "b"]  # not a scalar: JSON text


def test_records_types_dates_and_aware_datetimes() -> None:
    report = lovfrist.evaluate(_example("straddling-2024.json"), AS_OF)
    for record in findings_records([report]):
        assert isinstance(record["as_of"], date)
        assert isinstance(record["trigger_at"], date)
        for column in ("due", "trigger_at", "fulfilled_by_at", "clock_start", "lapsed_by_at"):
            value = record[column]
            if isinstance(value, datetime):
                assert value.tzinfo is not None
                assert value.utcoffset() in (
                    datetime(2024, 1, 1, tzinfo=lovfrist.calendar.COPENHAGEN).utcoffset(),
                    datetime(2024, 7, 1, tzinfo=lovfrist.calendar.COPENHAGEN).utcoffset(),
                )
        assert record["is_violation"] is (record["status"] in ("late", "overdue", "early"))
        assert record["is_upcoming"] is (record["status"] == "open")


def test_trigger_month_is_copenhagen_month() -> None:
    # 00:30 on 1 February in Copenhagen is still 31 January in UTC.
    case = {
        "case_id": "M-1",
        "events": [{"id": "u1", "type": "underretning", "at": "2024-02-01T00:30:00+01:00"}],
    }
    records = list(findings_records([lovfrist.evaluate(case, AS_OF)]))
    assert records
    assert {r["trigger_month"] for r in records} == {"2024-02"}


def test_explanations_can_be_left_out() -> None:
    report = lovfrist.evaluate(_example("straddling-2024.json"), AS_OF)
    full = list(findings_records([report]))
    bare = list(findings_records([report], explanations=False))
    assert all(r["explanation_da"] and r["explanation_en"] for r in full)
    assert all(r["explanation_da"] is None and r["explanation_en"] is None for r in bare)
    strip = {"explanation_da", "explanation_en"}
    assert [{k: v for k, v in r.items() if k not in strip} for r in full] == [
        {k: v for k, v in r.items() if k not in strip} for r in bare
    ]


def _results_with_a_failure() -> list[CaseResult]:
    cases: list[Any] = [
        _example("straddling-2024.json"),
        {"case_id": "BAD-1", "events": [{"type": "underretning", "at": "2024-01-01", "x": 1}]},
        LATE_REGISTERED,
    ]
    return list(lovfrist.evaluate_many(cases, AS_OF))


def test_failed_cases_are_skipped_and_reported_as_errors() -> None:
    results = _results_with_a_failure()
    assert [r.ok for r in results] == [True, False, True]
    errors: list[dict[str, Any]] = []
    records = list(findings_records(results, errors=errors))
    assert len(records) == sum(len(r.findings) for r in results)
    assert "BAD-1" not in {r["case_id"] for r in records}
    rows = list(errors_records(results))
    assert rows == errors
    assert len(rows) == 1
    assert list(rows[0]) == list(ERROR_COLUMNS)
    assert rows[0]["case_id"] == "BAD-1"
    assert rows[0]["index"] is None  # not read from a file
    assert rows[0]["error_type"] == "CaseError"
    assert "x" in rows[0]["error"]


def test_wrong_items_are_refused() -> None:
    with pytest.raises(TypeError, match="Report or a CaseResult"):
        list(findings_records([{"case_id": "not evaluated"}]))  # type: ignore[list-item]


# --- pandas -----------------------------------------------------------------------------------


def _synthetic(n: int = 25) -> list[CaseResult]:
    return list(lovfrist.evaluate_many(generate_caseload(n, seed=5), date(2025, 12, 31)))


def test_frame_has_one_row_per_finding() -> None:
    pytest.importorskip("pandas")
    results = _synthetic()
    frame = findings_frame(results)
    assert len(frame) == sum(len(r.findings) for r in results) > 0
    assert list(frame.columns) == [*COLUMNS, "meta.kommune", "meta.sagsbehandler", "meta.team"]
    counts = frame.groupby("case_id").size().to_dict()
    assert counts == {r.case_id: len(r.findings) for r in results if r.findings}


def test_frame_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    frame = findings_frame(_reports())
    assert isinstance(frame.status.dtype, pd.CategoricalDtype)
    assert list(frame.status.cat.categories) == list(STATUSES)
    assert list(frame.late_registration_status.cat.categories) == list(STATUSES)
    for column in ("stk", "pkt", "days_overdue"):
        assert str(frame[column].dtype) == "Int64"
    for column in ("is_violation", "is_upcoming"):
        assert frame[column].dtype == bool
    for column in ("as_of", "known_at", "due", "trigger_at", "fulfilled_by_at", "clock_start"):
        assert str(frame[column].dtype) == "datetime64[us, Europe/Copenhagen]", column
    for column in ("rule", "law", "citation", "trigger_month", "explanation_da"):
        assert str(frame[column].dtype) == "string", column
    assert frame["meta.antal"].dtype == object


def test_frame_values_match_the_records() -> None:
    pd = pytest.importorskip("pandas")
    reports = _reports()
    frame = findings_frame(reports)
    records = list(findings_records(reports))
    assert frame.rule.tolist() == [r["rule"] for r in records]
    assert frame.status.astype(str).tolist() == [r["status"] for r in records]
    days = [None if pd.isna(v) else int(v) for v in frame.days_overdue]
    assert days == [r["days_overdue"] for r in records]
    for value, record in zip(frame.due, records, strict=True):
        due = record["due"]
        if due is None:
            assert pd.isna(value)
        elif isinstance(due, datetime):
            assert value.to_pydatetime() == due
        else:  # a date is 00:00 Copenhagen time that day
            assert value.date() == due
            assert (value.hour, value.minute) == (0, 0)
    # meta.tags comes from one case only: the other cases' rows hold None, not NaN.
    assert set(frame["meta.kommune"]) == {"Faxe", "Halsnæs", None}
    assert set(frame["meta.tags"]) == {'["a", "b"]', None}


def test_frame_in_chunks_equals_frame_in_one() -> None:
    pd = pytest.importorskip("pandas")
    results = _synthetic(15)
    whole = findings_frame(results)
    chunked = findings_frame(results, chunk_size=7)
    pd.testing.assert_frame_equal(whole, chunked)


def test_meta_keys_missing_in_some_chunks() -> None:
    pd = pytest.importorskip("pandas")
    plain = lovfrist.evaluate(_example("straddling-2024.json"), AS_OF)
    with_meta = lovfrist.evaluate(LATE_REGISTERED, AS_OF)
    frame = findings_frame([plain, with_meta], chunk_size=3)
    assert len(frame) == len(plain.findings) + len(with_meta.findings)
    meta = frame["meta.kommune"].tolist()
    assert meta == [None] * len(plain.findings) + ["Faxe"] * len(with_meta.findings)
    pd.testing.assert_frame_equal(frame, findings_frame([plain, with_meta]))


def test_empty_input_gives_empty_frame_with_all_columns() -> None:
    pd = pytest.importorskip("pandas")
    for items in ([], [r for r in _results_with_a_failure() if not r.ok]):
        errors: list[dict[str, Any]] = []
        frame = findings_frame(items, errors=errors)
        assert len(frame) == 0
        assert list(frame.columns) == list(COLUMNS)
        assert isinstance(frame.status.dtype, pd.CategoricalDtype)
        assert str(frame.due.dtype) == "datetime64[us, Europe/Copenhagen]"
        assert len(errors) == len(items)


def test_report_to_pandas() -> None:
    pd = pytest.importorskip("pandas")
    report = lovfrist.evaluate(_example("straddling-2024.json"), AS_OF)
    pd.testing.assert_frame_equal(report.to_pandas(), findings_frame([report]))
    assert len(report.to_pandas()) == len(report.findings)


def test_errors_frame() -> None:
    pytest.importorskip("pandas")
    frame = errors_frame(_results_with_a_failure())
    assert list(frame.columns) == list(ERROR_COLUMNS)
    assert frame.case_id.tolist() == ["BAD-1"]
    assert str(frame.line.dtype) == "Int64"


def test_missing_library_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r"lovfrist\[pandas\]"):
        findings_frame([])
    with pytest.raises(ValueError, match="library"):
        findings_frame([], library="spark")  # type: ignore[arg-type]


# --- polars -----------------------------------------------------------------------------------


def test_polars_frame() -> None:
    pl = pytest.importorskip("polars")
    reports = _reports()
    frame = findings_frame(reports, library="polars", chunk_size=4)
    records = list(findings_records(reports))
    assert frame.height == len(records)
    assert frame.columns == [
        *COLUMNS,
        "meta.aktiv",
        "meta.antal",
        "meta.kommune",
        "meta.tags",
        "meta.team",
        "meta.tom",
    ]
    assert frame.schema["status"] == pl.Enum(list(STATUSES))
    assert frame.schema["due"] == pl.Datetime("us", "Europe/Copenhagen")
    assert frame.schema["days_overdue"] == pl.Int64
    assert frame.schema["meta.antal"] == pl.Int64
    assert frame.schema["meta.aktiv"] == pl.Boolean
    assert frame.get_column("rule").to_list() == [r["rule"] for r in records]
    assert frame.get_column("days_overdue").to_list() == [r["days_overdue"] for r in records]


def test_polars_empty_frame() -> None:
    pl = pytest.importorskip("polars")
    frame = findings_frame([], library="polars")
    assert frame.height == 0
    assert frame.columns == list(COLUMNS)
    assert frame.schema["status"] == pl.Enum(list(STATUSES))
