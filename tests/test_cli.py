"""The command line: formats, exit codes, errors on stderr and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lovfrist.cli import case_schema, main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "straddling-2024.json"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


CLEAN = {"case_id": "C-1", "events": [{"id": "h", "type": "henvendelse", "at": "2024-01-02"}]}


def test_check_table_has_danish_headings_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", str(EXAMPLE), "--as-of", "2024-09-01")
    assert code == 1
    assert "Sag EKS-2023-0042 - status pr. 01.09.2024" in out
    assert "Frist" in out
    assert "Dage over" in out
    assert "overskredet" in out
    assert "barnets lov § 213, stk. 1" in out


def test_check_json_is_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", str(EXAMPLE), "--as-of", "2024-09-01", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["case_id"] == "EKS-2023-0042"
    assert data["as_of"] == "2024-09-01"
    assert data["summary"]["violations"] == sum(
        f["status"] in ("late", "overdue", "early") for f in data["findings"]
    )


def test_check_without_violations_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _write(tmp_path, "clean.json", json.dumps(CLEAN))
    code, out, _ = _run(capsys, "check", path, "--as-of", "2024-02-01")
    assert code == 0
    assert "0 overtrædelse(r)" in out


def test_jsonl_in_and_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = {"case_id": "C-2", "events": [{"type": "underretning", "at": "2024-01-02"}]}
    path = _write(tmp_path, "cases.jsonl", json.dumps(CLEAN) + "\n\n" + json.dumps(bad) + "\n")
    code, out, _ = _run(capsys, "check", path, "--as-of", "2024-02-01", "--format", "jsonl")
    lines = out.splitlines()
    assert [json.loads(line)["case_id"] for line in lines] == ["C-1", "C-2"]
    assert code == 1


def test_jsonl_bad_line_is_reported_and_others_evaluated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = json.dumps(CLEAN) + "\n{not json\n" + json.dumps({**CLEAN, "case_id": "C-3"}) + "\n"
    path = _write(tmp_path, "cases.jsonl", text)
    code, out, err = _run(capsys, "check", path, "--as-of", "2024-02-01", "--format", "jsonl")
    assert code == 2
    assert len(out.splitlines()) == 2
    assert f"{path}:2" in err
    assert "Traceback" not in err


def test_json_array_of_cases(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _write(tmp_path, "many.json", json.dumps([CLEAN, {**CLEAN, "case_id": "C-9"}]))
    code, out, _ = _run(capsys, "check", path, "--as-of", "2024-02-01", "--format", "json")
    assert code == 0
    assert [r["case_id"] for r in json.loads(out)] == ["C-1", "C-9"]


def test_input_error_names_file_case_event_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    case = {"case_id": "C-7", "events": [{"id": "u1", "type": "underretning", "at": "2024-13-01"}]}
    path = _write(tmp_path, "bad.json", json.dumps(case))
    code, out, err = _run(capsys, "check", path, "--as-of", "2024-02-01")
    assert code == 2
    assert out == ""
    for part in (path, "C-7", "event #0", "'u1'", "'at'"):
        assert part in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty file"),
        ('{"case_id": "x", "events": [', "not valid JSON"),
        ("[1]", "expected a JSON object"),
        ("\ufeff" + json.dumps(CLEAN), None),
    ],
)
def test_file_level_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str | None
) -> None:
    path = _write(tmp_path, "in.json", content)
    code, _, err = _run(capsys, "check", path, "--as-of", "2024-02-01")
    if message is None:
        assert code == 0  # a byte-order mark is tolerated
    else:
        assert code == 2
        assert message in err


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "check", str(EXAMPLE), "--as-of", "yesterday")
    assert code == 2
    assert "--as-of" in err
    with pytest.raises(SystemExit) as info:
        main(["check", str(EXAMPLE), "--format", "xml"])
    assert info.value.code == 2


def test_default_as_of_is_printed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _write(tmp_path, "clean.json", json.dumps(CLEAN))
    _, _, err = _run(capsys, "check", path)
    assert "(today in Europe/Copenhagen)" in err


def test_rules_list_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules", "list", "--format", "json")
    rules = json.loads(out)
    assert code == 0
    required = {"id", "law", "paragraph", "stk", "pkt", "valid_from", "valid_to", "grade"}
    assert all(required <= set(r) for r in rules)
    bfu = next(r for r in rules if r["id"] == "SEL-50-7-bfu-4m")
    assert (bfu["law"], bfu["paragraph"], bfu["stk"], bfu["pkt"]) == ("SEL", "50", 7, 1)
    assert (bfu["valid_from"], bfu["valid_to"]) == (None, "2023-12-31")


def test_rules_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules", "show", "BL-138-1-kvittering-6hverdage")
    assert code == 0
    assert "»Kommunalbestyrelsen skal senest 6 hverdage" in out
    code, out, _ = _run(
        capsys, "rules", "show", "BL-138-1-kvittering-6hverdage", "--format", "json"
    )
    assert json.loads(out)["citation"]["paragraph"] == "138"
    code, _, err = _run(capsys, "rules", "show", "BL-138-1-kvitering-6hverdage")
    assert code == 2
    assert "did you mean BL-138-1-kvittering-6hverdage" in err


def test_schema_is_published_and_current(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema")
    assert code == 0
    published = (ROOT / "docs" / "case.schema.json").read_text(encoding="utf-8")
    assert json.loads(out) == json.loads(published) == case_schema()


def test_report_schema_is_published_and_current(capsys: pytest.CaptureFixture[str]) -> None:
    from lovfrist.report import report_schema

    code, out, _ = _run(capsys, "schema", "--report")
    assert code == 0
    published = (ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8")
    assert json.loads(out) == json.loads(published) == report_schema()
    assert report_schema()["properties"]["findings"]["type"] == "array"


def test_schema_validates_the_example_and_rejects_typos() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = case_schema()
    jsonschema.validate(json.loads(EXAMPLE.read_text(encoding="utf-8")), schema)
    bad = {"case_id": "x", "events": [{"type": "underretnig", "at": "2024-01-01"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_module_entry_point_never_shows_a_traceback(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.json", "{")
    proc = subprocess.run(
        [sys.executable, "-m", "lovfrist", "check", path, "--as-of", "2024-01-01"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "not valid JSON" in proc.stderr
