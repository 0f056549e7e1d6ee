"""Every class of bad input gets a located error of the right class; odd but valid input passes.

Each row is one input class a journal system could send. The library must raise (or yield) the
named error class with a message naming the problem, and the command line must exit 2 with that
message on stderr and no traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lovfrist import Case, CaseError, InputError, evaluate
from lovfrist.cli import main
from lovfrist.inputs import read_cases
from lovfrist.limits import MAX_EVENTS

EV = {"id": "u1", "type": "underretning", "at": "2024-03-01T10:00:00"}


def case(*events: object, **extra: object) -> str:
    return json.dumps({"case_id": "S-1", "events": list(events), **extra})


def deep(n: int) -> str:
    return "[" * n + "]" * n


BAD: list[tuple[str, str, bytes, type[InputError], str]] = [
    ("malformed JSON", "c.json", b'{"case_id": "x", "events": [}', InputError, "not valid JSON"),
    ("truncated JSON", "c.json", case(EV)[:-5].encode(), InputError, "not valid JSON"),
    ("empty file", "c.json", b"", InputError, "empty file"),
    ("only whitespace", "c.json", b"  \n\t\n", InputError, "empty file"),
    ("not UTF-8", "c.json", b'{"case_id": "\xff"}', InputError, "not UTF-8"),
    ("top level is a string", "c.json", b'"case"', CaseError, "expected a JSON object"),
    ("top level is a number", "c.json", b"42", CaseError, "expected a JSON object"),
    ("array of non-objects", "c.json", b"[1, 2]", CaseError, "expected a JSON object"),
    ("events not a list", "c.json", b'{"case_id": "x", "events": {}}', CaseError, "'events'"),
    ("events missing", "c.json", b'{"case_id": "x"}', CaseError, "required field is missing"),
    ("case_id missing", "c.json", b'{"events": []}', CaseError, "'case_id'"),
    ("case_id empty", "c.json", b'{"case_id": "", "events": []}', CaseError, "non-empty"),
    ("case_id a number", "c.json", b'{"case_id": 7, "events": []}', CaseError, "expected a string"),
    ("deeply nested JSON", "c.json", deep(100_000).encode(), InputError, "nested too deeply"),
    (
        "deeply nested meta",
        "c.json",
        case({**EV, "meta": {"a": json.loads(deep(40))}}).encode(),
        CaseError,
        "nested deeper than the limit",
    ),
    ("unknown type", "c.json", case({**EV, "type": "underretnig"}).encode(), CaseError, "did you mean 'underretning'"),
    ("missing type", "c.json", case({"id": "x", "at": "2024-01-01"}).encode(), CaseError, "missing 'type'"),
    ("unknown field", "c.json", case({**EV, "anonymt": True}).encode(), CaseError, "did you mean 'anonym'"),
    ("unknown case field", "c.json", case(EV, childd={}).encode(), CaseError, "did you mean 'child'"),
    ("impossible date", "c.json", case({**EV, "at": "2024-02-30"}).encode(), CaseError, "not a valid date"),
    ("non-ISO date", "c.json", case({**EV, "at": "01-03-2024"}).encode(), CaseError, "not a valid date"),
    ("not a date at all", "c.json", case({**EV, "at": "i går klokken 10"}).encode(), CaseError, "not an ISO 8601"),
    ("date as a number", "c.json", case({**EV, "at": 20240301}).encode(), CaseError, "'at'"),
    ("DST gap time", "c.json", case({**EV, "at": "2025-03-30T02:15:00"}).encode(), CaseError, "does not exist"),
    ("duplicate ids", "c.json", case(EV, {**EV, "type": "henvendelse"}).encode(), CaseError, "duplicate id 'u1'"),
    ("dangling ref", "c.json", case({**EV, "type": "kvittering", "ref": "u9"}).encode(), CaseError, "names no event"),
    (
        "ref to the wrong type",
        "c.json",
        case({"id": "h", "type": "henvendelse", "at": "2024-01-01"}, {"type": "kvittering", "at": "2024-01-02", "ref": "h"}).encode(),
        CaseError,
        "refers to underretning",
    ),
    ("wrong attribute type", "c.json", case({**EV, "anonym": "maybe"}).encode(), CaseError, "true or false"),
    ("wrong enum value", "c.json", case({"type": "afgoerelse", "at": "2024-01-01", "indsats": "hjælp"}).encode(), CaseError, "'stoette' or 'anbringelse'"),
    ("missing required attribute", "c.json", case({"type": "buu_afgoerelse", "at": "2024-01-01"}).encode(), CaseError, "'art'"),
    ("bad birth date", "c.json", case(child={"birth_date": "2012-13-01"}).encode(), CaseError, "child.birth_date"),
    ("CPR as case id", "c.json", json.dumps({"case_id": "010203-1234", "events": []}).encode(), CaseError, "CPR number"),
    ("too many events", "c.json", case(*[{"type": "henvendelse", "at": "2024-01-01"}] * (MAX_EVENTS + 1)).encode(), CaseError, "too many items"),
    ("id too long", "c.json", case({**EV, "id": "x" * 201}).encode(), CaseError, "limit of 200"),
    ("bad JSON line", "c.jsonl", b'{"case_id": "a", "events": []}\n{oops\n', InputError, "not valid JSON"),
    ("CSV bad quoting", "c.csv", b'case_id,type,at\nA,underretning,"2024-03-10\n', InputError, "bad CSV"),
    ("CSV missing columns", "c.csv", b"case_id,type\nA,underretning\n", InputError, "lacks required column(s) at"),
    ("CSV unknown column", "c.csv", b"case_id,type,at,colour\nA,henvendelse,2024-01-01,red\n", InputError, "unknown column(s) colour"),
    ("CSV ragged row", "c.csv", b"case_id,type,at\nA,henvendelse\n", InputError, "row has 2 cells"),
    ("CSV bad cell", "c.csv", b"case_id,type,at\nA,henvendelse,2024-02-30\n", CaseError, "not a valid date"),
    ("CSV empty", "c.csv", b"", InputError, "empty file"),
]  # fmt: skip


def _first_error(path: Path) -> InputError:
    try:
        for item in read_cases(path):
            if item.error is not None:
                return item.error
    except InputError as exc:
        return exc
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("name", "filename", "content", "cls", "message"), BAD, ids=[b[0] for b in BAD]
)
def test_bad_input_library(
    tmp_path: Path, name: str, filename: str, content: bytes, cls: type[InputError], message: str
) -> None:
    path = tmp_path / filename
    path.write_bytes(content)
    error = _first_error(path)
    assert type(error) is cls
    assert message in str(error)
    assert str(path) in str(error)


@pytest.mark.parametrize(
    ("name", "filename", "content", "cls", "message"), BAD, ids=[b[0] for b in BAD]
)
def test_bad_input_cli_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    filename: str,
    content: bytes,
    cls: type[InputError],
    message: str,
) -> None:
    path = tmp_path / filename
    path.write_bytes(content)
    code = main(["check", str(path), "--as-of", "2024-06-01"])
    _, err = capsys.readouterr()
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert all(line.startswith("lovfrist: error: ") for line in err.splitlines())


def test_errors_name_event_index_and_id() -> None:
    with pytest.raises(CaseError) as info:
        Case.from_json(
            case(EV, {"id": "k7", "type": "kvittering", "at": "2024-31-01", "ref": "u1"})
        )
    (problem,) = info.value.problems
    assert (problem.event_index, problem.event_id, problem.field) == (1, "k7", "at")


def test_cpr_never_echoed_and_allowed_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"case_id": "311299-4321", "events": []}), encoding="utf-8")
    assert main(["check", str(path), "--as-of", "2024-01-01"]) == 2
    _, err = capsys.readouterr()
    assert "311299" not in err
    assert main(["check", str(path), "--as-of", "2024-01-01", "--allow-cpr"]) == 0


def test_journal_references_are_not_mistaken_for_cpr() -> None:
    for ref in ("2024-000123", "123456", "01020312345", "320199-1234", "SAG-010203-1234"):
        assert Case.from_dict({"case_id": ref, "events": []}).case_id == ref


ODD_BUT_VALID = [
    ("events out of order", [{"id": "k", "type": "kvittering", "at": "2024-03-05", "ref": "u"}, {"id": "u", "type": "underretning", "at": "2024-03-01"}]),
    ("empty event list", []),
    ("ambiguous autumn time", [{"type": "underretning", "at": "2024-10-27T02:30:00"}]),
    ("Unicode ids", [{"id": "æøå-ü-1", "type": "underretning", "at": "2024-03-01"}, {"type": "kvittering", "at": "2024-03-02", "ref": "æøå-ü-1"}]),
    ("large meta", [{"type": "henvendelse", "at": "2024-03-01", "meta": {f"k{i}": "x" * 100 for i in range(2000)}}]),
    ("offset in Z form", [{"type": "underretning", "at": "2024-03-01T09:00:00Z"}]),
    ("registered_at as a date", [{"type": "underretning", "at": "2024-03-01", "registered_at": "2024-03-04"}]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "events"), ODD_BUT_VALID, ids=[o[0] for o in ODD_BUT_VALID])
def test_odd_but_valid_input_is_accepted(name: str, events: list[dict[str, object]]) -> None:
    report = evaluate(
        {"case_id": "S-1", "events": events}, as_of=__import__("datetime").date(2024, 12, 1)
    )
    assert report.case_id == "S-1"
    assert all(f.explanation_da for f in report.findings)


def test_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes("\ufeff".encode() + case(EV).encode())
    (item,) = list(read_cases(path))
    assert item.case is not None
