"""Batch evaluation, "as known at" evaluation and event-log inputs (issue: caseloads)."""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from lovfrist import (
    BatchError,
    CaseError,
    CaseResult,
    InputError,
    Status,
    evaluate,
    evaluate_many,
    read_cases,
)
from lovfrist.cli import main
from lovfrist.inputs import read_children, with_children
from lovfrist.synthetic import generate_caseload, write_csv

AS_OF = date(2025, 7, 1)


@pytest.fixture(scope="module")
def caseload() -> list[dict[str, Any]]:
    return list(generate_caseload(120, seed=11))


def _dicts(results: Iterator[CaseResult]) -> list[Any]:
    return [r.report.to_dict() if r.report is not None else str(r.error) for r in results]


class TestSameAsOneByOne:
    def test_batch_gives_the_findings_of_evaluate(self, caseload: list[dict[str, Any]]) -> None:
        one_by_one = [evaluate(c, AS_OF).to_dict() for c in caseload]
        assert _dicts(evaluate_many(caseload, AS_OF)) == one_by_one

    def test_process_pool_gives_the_same_findings(self, caseload: list[dict[str, Any]]) -> None:
        one_by_one = [evaluate(c, AS_OF).to_dict() for c in caseload]
        pooled = _dicts(evaluate_many(caseload, AS_OF, workers=2, chunk_size=7))
        assert pooled == one_by_one

    def test_results_keep_input_order_and_case_ids(self, caseload: list[dict[str, Any]]) -> None:
        ids = [r.case_id for r in evaluate_many(caseload, AS_OF, workers=2, chunk_size=5)]
        assert ids == [c["case_id"] for c in caseload]

    def test_input_is_not_modified(self, caseload: list[dict[str, Any]]) -> None:
        before = copy.deepcopy(caseload[:20])
        list(evaluate_many(caseload[:20], AS_OF))
        assert caseload[:20] == before


BAD: dict[str, Any] = {
    "case_id": "BAD-1",
    "events": [{"id": "e1", "type": "underretnin", "at": "2024-01-02"}],
}


class TestErrors:
    @pytest.mark.parametrize("workers", [1, 2])
    def test_a_bad_case_is_reported_with_its_id_and_the_others_go_on(
        self, caseload: list[dict[str, Any]], workers: int
    ) -> None:
        cases = [caseload[0], BAD, caseload[1]]
        results = list(evaluate_many(cases, AS_OF, workers=workers))
        assert [r.ok for r in results] == [True, False, True]
        bad = results[1]
        assert bad.case_id == "BAD-1"
        assert isinstance(bad.error, CaseError)
        assert bad.error.problems[0].event_id == "e1"
        assert bad.error.problems[0].field == "type"
        assert "underretning" in str(bad.error)  # the "did you mean" survives the pool
        assert bad.findings == ()

    def test_fail_fast_raises_after_the_results_before_it(
        self, caseload: list[dict[str, Any]]
    ) -> None:
        results = evaluate_many([caseload[0], BAD, caseload[1]], AS_OF, fail_fast=True)
        got = [next(results)]
        with pytest.raises(BatchError) as info:
            next(results)
        assert [r.case_id for r in got] == [caseload[0]["case_id"]]
        assert info.value.result.case_id == "BAD-1"

    def test_not_a_case_at_all(self) -> None:
        [result] = evaluate_many([["not", "a", "case"]], AS_OF)  # type: ignore[list-item]
        assert result.case_id is None
        assert isinstance(result.error, InputError)

    @pytest.mark.parametrize(
        ("kwargs", "message"), [({"workers": 0}, "workers"), ({"chunk_size": 0}, "chunk_size")]
    )
    def test_bad_arguments(self, kwargs: dict[str, int], message: str) -> None:
        with pytest.raises(InputError, match=message):
            list(evaluate_many([], AS_OF, **kwargs))  # type: ignore[arg-type]


class TestStreaming:
    def test_one_process_pulls_one_case_per_result(self, caseload: list[dict[str, Any]]) -> None:
        pulled = 0

        def source() -> Iterator[dict[str, Any]]:
            nonlocal pulled
            for case in caseload:
                pulled += 1
                yield case

        results = evaluate_many(source(), AS_OF)
        next(results)
        next(results)
        assert pulled == 2

    def test_the_pool_holds_a_bounded_window(self, caseload: list[dict[str, Any]]) -> None:
        pulled = 0

        def source() -> Iterator[dict[str, Any]]:
            nonlocal pulled
            for case in caseload * 5:
                pulled += 1
                yield case

        results = evaluate_many(source(), AS_OF, workers=2, chunk_size=4)
        next(results)
        assert pulled <= 4 * 2 * 4 + 4
        assert len(list(results)) == len(caseload) * 5 - 1


def _late_registration_case() -> dict[str, Any]:
    """An investigation finished in time (10.07.2024) but entered in the journal in August."""
    return {
        "case_id": "KNOWN-1",
        "child": {"birth_date": "2015-02-01"},
        "events": [
            {"id": "u1", "type": "underretning", "at": "2024-03-10T10:00:00"},
            {"id": "v1", "type": "underretning_vurderet", "at": "2024-03-10T12:00:00", "ref": "u1"},
            {"id": "b1", "type": "bfu_start", "at": "2024-03-11", "ref": "u1"},
            {
                "id": "a1",
                "type": "bfu_afsluttet",
                "at": "2024-07-05",
                "ref": "b1",
                "registered_at": "2024-08-20T09:00:00",
            },
        ],
    }


def _bfu(report: Any) -> Any:
    [finding] = [f for f in report.findings if f.rule == "BL-20-3-bfu-4m"]
    return finding


class TestKnownAt:
    def test_late_registration_is_told_apart_from_late_action(self) -> None:
        case = _late_registration_case()
        as_known = evaluate(case, date(2024, 8, 1), known_at=date(2024, 8, 1))
        finding = _bfu(as_known)
        assert finding.status is Status.OVERDUE
        mark = finding.late_registration
        assert mark is not None
        assert mark.status is Status.MET
        assert [e.event for e in mark.events] == ["a1"]
        assert as_known.known_at == date(2024, 8, 1)

    def test_after_registration_nothing_is_marked(self) -> None:
        report = evaluate(_late_registration_case(), date(2024, 9, 1), known_at=date(2024, 9, 1))
        finding = _bfu(report)
        assert finding.status is Status.MET
        assert finding.late_registration is None

    def test_without_known_at_every_event_counts(self) -> None:
        report = evaluate(_late_registration_case(), date(2024, 8, 1))
        assert _bfu(report).status is Status.MET
        assert "known_at" not in report.to_dict()
        assert "late_registration" not in report.to_dict()["findings"][0]

    def test_json_carries_known_at_and_the_mark(self) -> None:
        data = evaluate(
            _late_registration_case(), date(2024, 8, 1), known_at=datetime(2024, 8, 1, 12, 0)
        ).to_dict()
        assert data["known_at"] == "2024-08-01T12:00:00+02:00"
        [bfu] = [f for f in data["findings"] if f["rule"] == "BL-20-3-bfu-4m"]
        assert bfu["late_registration"] == {
            "status": "met",
            "due": "2024-07-10",
            "events": [
                {"event": "a1", "type": "bfu_afsluttet", "at": "2024-07-05", "matched_by": "ref"}
            ],
        }
        marked = {f["rule"] for f in data["findings"] if f["late_registration"] is not None}
        # a BFU concluded in time also answers the foreløbig vurdering (BL § 20, stk. 3, 2. pkt.)
        assert marked == {"BL-20-3-bfu-4m", "BL-20-3-foreloebig-vurdering"}

    def test_a_late_registered_trigger_leaves_no_finding(self) -> None:
        case = _late_registration_case()
        case["events"][0]["registered_at"] = "2024-03-20T08:00:00"
        report = evaluate(case, date(2024, 3, 15), known_at=date(2024, 3, 15))
        assert not [f for f in report.findings if f.trigger.event == "u1"]

    def test_registration_at_the_end_of_the_known_day_counts(self) -> None:
        case = _late_registration_case()
        case["events"][3]["registered_at"] = "2024-08-01T23:59:00"
        report = evaluate(case, date(2024, 8, 1), known_at=date(2024, 8, 1))
        assert _bfu(report).status is Status.MET

    def test_cli_known_at(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "case.json"
        path.write_text(json.dumps(_late_registration_case()), encoding="utf-8")
        code = main(
            [
                "check",
                str(path),
                "--as-of",
                "2024-08-01",
                "--known-at",
                "2024-08-01",
                "--format",
                "json",
            ]
        )
        assert code == 1
        data = json.loads(capsys.readouterr().out)
        [bfu] = [f for f in data["findings"] if f["rule"] == "BL-20-3-bfu-4m"]
        assert bfu["status"] == "overdue"
        assert bfu["late_registration"]["status"] == "met"


class TestEventLogs:
    def test_parquet_reads_the_same_cases_as_csv(
        self, tmp_path: Path, caseload: list[dict[str, Any]]
    ) -> None:
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        csv_path = tmp_path / "log.csv"
        write_csv(caseload[:30], csv_path)
        with csv_path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        columns = list(rows[0])
        table = pa.table({c: [r[c] or None for r in rows] for c in columns})
        pq_path = tmp_path / "log.parquet"
        pq.write_table(table, pq_path)
        from_csv = [i.case for i in read_cases(csv_path)]
        from_parquet = [i.case for i in read_cases(pq_path)]
        assert all(c is not None for c in from_csv)
        assert from_parquet == from_csv

    def test_parquet_typed_columns(self, tmp_path: Path) -> None:
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        table = pa.table(
            {
                "case_id": ["P-1", "P-1"],
                "id": ["u1", "v1"],
                "type": ["underretning", "underretning_vurderet"],
                "at": [datetime(2024, 3, 10, 10, 0), datetime(2024, 3, 11, 11, 0)],
                "ref": [None, "u1"],
                "birth_date": [date(2015, 2, 1), None],
            }
        )
        path = tmp_path / "typed.parquet"
        pq.write_table(table, path)
        [item] = read_cases(path)
        assert item.case is not None
        assert item.case.child.birth_date == date(2015, 2, 1)
        finding = next(
            f for f in evaluate(item.case, AS_OF).findings if f.rule == "BL-136-2-vurdering-24t"
        )
        assert finding.status is Status.LATE  # 25 hours, read as Copenhagen wall time

    def test_a_broken_parquet_file(self, tmp_path: Path) -> None:
        pytest.importorskip("pyarrow")
        path = tmp_path / "broken.parquet"
        path.write_bytes(b"not parquet")
        with pytest.raises(InputError, match="not a readable Parquet file"):
            list(read_cases(path))

    def test_child_table(self, tmp_path: Path) -> None:
        log = tmp_path / "log.csv"
        log.write_text(
            "case_id,id,type,at\nC-1,u1,underretning,2024-03-10T10:00:00\n"
            "C-2,u2,underretning,2024-03-11T10:00:00\n",
            encoding="utf-8",
        )
        children = tmp_path / "children.csv"
        children.write_text("case_id,birth_date\nC-1,2010-01-31\n", encoding="utf-8")
        table = read_children(children)
        items = list(with_children(read_cases(log), table, allow_cpr=False))
        assert [i.case.child.birth_date if i.case else None for i in items] == [
            date(2010, 1, 31),
            None,
        ]

    def test_child_table_conflict_is_an_error_for_that_case(self, tmp_path: Path) -> None:
        log = tmp_path / "log.csv"
        log.write_text(
            "case_id,id,type,at,birth_date\nC-1,u1,underretning,2024-03-10,2010-01-30\n",
            encoding="utf-8",
        )
        children = tmp_path / "children.csv"
        children.write_text("case_id,birth_date\nC-1,2010-01-31\n", encoding="utf-8")
        [item] = with_children(read_cases(log), read_children(children), allow_cpr=False)
        assert item.case is None
        assert item.error is not None
        assert "2010-01-30" in str(item.error)
        assert "C-1" in str(item.error)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("case_id,birth_date\nC-1,2010-01-31\nC-1,2010-01-31\n", "listed twice"),
            ("case_id,birthday\nC-1,2010-01-31\n", "unknown column"),
            ("birth_date\n2010-01-31\n", "lacks the column case_id"),
        ],
    )
    def test_bad_child_tables(self, tmp_path: Path, text: str, message: str) -> None:
        path = tmp_path / "children.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=message):
            read_children(path)


class TestCommandLine:
    def test_workers_give_the_same_output(
        self, tmp_path: Path, caseload: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "log.csv"
        write_csv(caseload[:40], path)
        args = ["check", str(path), "--as-of", "2025-07-01", "--format", "jsonl"]
        first = main(args)
        one = capsys.readouterr().out
        second = main([*args, "--workers", "2"])
        two = capsys.readouterr().out
        assert first == second == 1
        assert one == two
        assert len(one.splitlines()) == 40

    def test_fail_fast_stops_at_the_first_bad_case(
        self, tmp_path: Path, caseload: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "cases.jsonl"
        lines = [json.dumps(caseload[0]), json.dumps(BAD), json.dumps(caseload[1])]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        args = ["check", str(path), "--as-of", "2025-07-01", "--format", "jsonl"]
        assert main(args) == 2
        assert len(capsys.readouterr().out.splitlines()) == 2
        assert main([*args, "--fail-fast"]) == 2
        captured = capsys.readouterr()
        assert len(captured.out.splitlines()) == 1
        assert "cases.jsonl:2" in captured.err
        assert "BAD-1" in captured.err

    @pytest.mark.parametrize("value", ["0", "-2", "many"])
    def test_bad_workers(self, value: str, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            main(["check", "x.json", "--workers", value])
        assert info.value.code == 2
        assert "--workers" in capsys.readouterr().err

    def test_children_option(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        log = tmp_path / "log.csv"
        log.write_text(
            "case_id,id,type,at,indsats\nC-1,d1,afgoerelse,2024-03-10,stoette\n", encoding="utf-8"
        )
        children = tmp_path / "children.csv"
        children.write_text("case_id,birth_date\nC-1,2010-01-31\n", encoding="utf-8")
        base = ["check", str(log), "--as-of", "2024-04-01", "--format", "json"]
        main(base)
        without = json.loads(capsys.readouterr().out)
        main([*base, "--children", str(children)])
        with_table = json.loads(capsys.readouterr().out)
        plans = {"BL-91-1-barnets-plan-3m", "BL-108-3-ungeplan-3m"}
        assert plans <= {f["rule"] for f in without["findings"]}
        # 14 years old at the decision: barnets plan (§ 91), not the ungeplan (§ 108, from 15)
        assert plans & {f["rule"] for f in with_table["findings"]} == {"BL-91-1-barnets-plan-3m"}


class TestJsonLinesFastPath:
    """``check --format jsonl`` on JSON Lines: workers read, validate, evaluate and write."""

    def test_same_bytes_as_evaluating_each_case(
        self, tmp_path: Path, caseload: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "cases.jsonl"
        lines = [json.dumps(c) for c in caseload[:50]]
        lines.insert(3, json.dumps(BAD))
        lines.insert(7, "")
        lines.insert(9, "{not json")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        expected = "".join(evaluate(c, AS_OF).to_json(indent=None) + "\n" for c in caseload[:50])
        args = ["check", str(path), "--as-of", AS_OF.isoformat(), "--format", "jsonl"]
        outputs = []
        for workers in ("1", "2"):
            assert main([*args, "--workers", workers]) == 2
            captured = capsys.readouterr()
            outputs.append(captured.out)
            assert "cases.jsonl:4" in captured.err
            assert "BAD-1" in captured.err
            assert "cases.jsonl:10" in captured.err
            assert "not valid JSON" in captured.err
        assert outputs == [expected, expected]

    def test_empty_and_missing_files(self, tmp_path: Path) -> None:
        from lovfrist.batch import render_jsonl

        empty = tmp_path / "empty.jsonl"
        empty.write_text("\n\n", encoding="utf-8")
        with pytest.raises(InputError, match="empty file"):
            list(render_jsonl(str(empty), AS_OF))
        with pytest.raises(InputError, match="cannot read"):
            list(render_jsonl(str(tmp_path / "missing.jsonl"), AS_OF))
