"""The caseload commands: ``lovfrist agenda`` and ``lovfrist stats``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from lovfrist.cli import main
from lovfrist.synthetic import generate_caseload, write_csv

AS_OF = "2025-06-01"


@pytest.fixture(scope="module")
def event_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("caseload") / "log.csv"
    write_csv(generate_caseload(150, seed=5), path)
    return path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestAgenda:
    def test_text_groups_by_meta(self, event_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = _run(
            ["agenda", str(event_log), "--as-of", AS_OF, "--days", "14", "--by", "kommune"],
            capsys,
        )
        assert code == 0
        assert out.startswith("Fristoversigt pr. 01.06.2025")
        assert "kommune: " in out
        assert "!! " in out  # overdue lines are marked

    def test_json_matches_the_window(
        self, event_log: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = _run(
            [
                "agenda",
                str(event_log),
                "--as-of",
                AS_OF,
                "--days",
                "14",
                "--format",
                "json",
                "--no-overdue",
            ],
            capsys,
        )
        assert code == 0
        records: list[dict[str, Any]] = json.loads(out)
        assert records
        assert {r["status"] for r in records} == {"open"}
        assert all(0 <= r["days_left"] <= 14 for r in records)

    def test_csv_and_ics(
        self, event_log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        ics = tmp_path / "frister.ics"
        code, out, err = _run(
            ["agenda", str(event_log), "--as-of", AS_OF, "--format", "csv", "--ics", str(ics)],
            capsys,
        )
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows
        assert {"case_id", "rule", "due", "status"} <= set(rows[0])
        data = ics.read_bytes()
        assert data.startswith(b"BEGIN:VCALENDAR\r\n")
        assert data.count(b"BEGIN:VEVENT") == len(rows)
        assert f"wrote {len(rows)} deadlines" in err

    def test_a_bad_case_is_reported_and_the_agenda_still_printed(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "cases.jsonl"
        good = next(iter(generate_caseload(1, seed=2)))
        bad = {"case_id": "BAD-1", "events": [{"id": "x", "type": "nope", "at": "2024-01-01"}]}
        path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
        code, out, err = _run(["agenda", str(path), "--as-of", AS_OF], capsys)
        assert code == 2
        assert "Fristoversigt" in out
        assert "BAD-1" in err

    def test_negative_days(self, event_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = _run(["agenda", str(event_log), "--as-of", AS_OF, "--days", "-1"], capsys)
        assert code == 2
        assert "--days" in err


class TestStats:
    def test_indicators_table(self, event_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = _run(["stats", str(event_log), "--as-of", AS_OF], capsys)
        assert code == 0
        assert out.startswith("indikator")
        assert "Børnefaglig undersøgelse afsluttet inden 4 måneder" in out
        assert "150 sager, 0 kunne ikke evalueres" in out

    def test_json_grouped_by_law_and_municipality(
        self, event_log: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = _run(
            [
                "stats",
                str(event_log),
                "--as-of",
                AS_OF,
                "--by",
                "law",
                "--by",
                "meta.kommune",
                "--format",
                "json",
            ],
            capsys,
        )
        assert code == 0
        data = json.loads(out)
        assert data["cases"] == 150
        assert data["by"] == ["law", "meta.kommune"]
        rows = data["rows"]
        assert {r["law"] for r in rows} == {"BL", "SEL"}
        for row in rows:
            decided = row["decided"]
            if decided:
                assert row["rate"] == pytest.approx(row["met"] / decided)

    def test_per_rule_csv(self, event_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = _run(
            ["stats", str(event_log), "--as-of", AS_OF, "--per-rule", "--format", "csv"], capsys
        )
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert "BL-20-3-bfu-4m" in {r["rule"] for r in rows}

    def test_unknown_grouping_key(
        self, event_log: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _, err = _run(
            ["stats", str(event_log), "--as-of", AS_OF, "--by", "meta.nope"], capsys
        )
        assert code == 2
        assert "meta.nope" in err
