"""The citizen's deadlines (obligor borger) and the municipality's own deadlines (RSL § 3)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import lovfrist
from lovfrist import InputError, MunicipalDeadlines, evaluate, evaluate_many
from lovfrist.cli import main
from lovfrist.municipal import load_municipal_deadlines

KLAGE_CASE: dict[str, Any] = {
    "case_id": "K-1",
    "events": [
        {"id": "s1", "type": "boernesamtale", "at": "2025-02-20"},
        {"id": "a1", "type": "afgoerelse", "at": "2025-02-28", "indsats": "stoette"},
        {"id": "m1", "type": "meddelelse", "at": "2025-03-03", "ref": "a1"},
    ],
}

CONFIG: dict[str, Any] = {
    "kommune": "Eksempel Kommune",
    "published": "https://www.eksempel.dk/frister",
    "frist": [{"sagsomraade": "BL § 32", "amount": 8, "unit": "uger"}],
}

APPLICATION: dict[str, Any] = {
    "case_id": "A-1",
    "events": [
        {"id": "h1", "type": "henvendelse", "at": "2025-03-03", "sagsomraade": "BL § 32"},
    ],
}


def _only(report: lovfrist.Report, rule: str) -> lovfrist.Finding:
    found = [f for f in report.findings if f.rule == rule]
    assert len(found) == 1, [f.rule for f in report.findings]
    return found[0]


def test_an_expired_klagefrist_is_reported_but_is_not_a_violation() -> None:
    report = evaluate(KLAGE_CASE, date(2025, 4, 10))
    finding = _only(report, "RSL-67-1-klagefrist-4u")
    assert finding.status is lovfrist.Status.OVERDUE
    assert finding.obligor == "borger"
    assert not finding.is_violation
    assert finding not in report.violations
    assert report.to_dict()["summary"]["violations"] == len(report.violations)
    assert "ikke en overtrædelse" in finding.explanation_da
    assert "not a violation" in finding.explanation_en
    assert finding.to_dict()["obligor"] == "borger"


def test_a_running_klagefrist_is_not_an_upcoming_duty() -> None:
    report = evaluate(KLAGE_CASE, date(2025, 3, 20))
    finding = _only(report, "RSL-67-1-klagefrist-4u")
    assert finding.status is lovfrist.Status.OPEN
    assert not finding.is_upcoming
    assert finding not in report.upcoming


def test_ankestyrelsens_deadline_is_still_a_violation_and_says_whose() -> None:
    case = {
        "case_id": "AST-1",
        "events": [
            {"id": "d1", "type": "buu_afgoerelse", "at": "2025-02-10", "art": "anbringelse",
             "tidligere_anbragt": False},
            {"id": "m1", "type": "ast_modtaget", "at": "2025-03-03", "ref": "d1"},
        ],
    }  # fmt: skip
    finding = _only(evaluate(case, date(2025, 5, 10)), "RSL-73-2-ast-8u")
    assert finding.obligor == "ankestyrelsen"
    assert finding.is_violation


def test_the_cli_exit_code_ignores_the_citizens_deadline(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(KLAGE_CASE), encoding="utf-8")
    code = main(["check", str(path), "--as-of", "2025-04-10", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    statuses = {f["rule"]: (f["status"], f["obligor"]) for f in out["findings"]}
    assert statuses["RSL-67-1-klagefrist-4u"] == ("overdue", "borger")
    assert out["summary"]["violations"] == 0
    assert code == 0


def test_municipal_deadline_from_configuration() -> None:
    config = load_municipal_deadlines(CONFIG)
    finding = _only(
        evaluate(APPLICATION, date(2025, 5, 5), municipal_deadlines=config),
        "RSL-3-2-sagsbehandlingsfrister",
    )
    assert finding.status is lovfrist.Status.OVERDUE
    assert finding.due == date(2025, 4, 28)
    assert "Eksempel Kommunes frist for sagsområdet »BL § 32«: 8 uger" in finding.explanation_da


def test_without_configuration_the_municipal_deadline_is_undetermined() -> None:
    finding = _only(evaluate(APPLICATION, date(2025, 5, 5)), "RSL-3-2-sagsbehandlingsfrister")
    assert finding.status is lovfrist.Status.UNDETERMINED
    assert finding.missing is not None
    assert "municipal_deadlines" in finding.missing
    assert "kommunens frist for" in finding.explanation_da


def test_a_shorter_configured_deadline_changes_the_result() -> None:
    # the same case, two municipalities: the configuration, not a constant, decides
    four = load_municipal_deadlines({**CONFIG, "frist": [{**CONFIG["frist"][0], "amount": 4}]})
    twelve = load_municipal_deadlines({**CONFIG, "frist": [{**CONFIG["frist"][0], "amount": 12}]})
    as_of = date(2025, 5, 5)
    assert (
        _only(
            evaluate(APPLICATION, as_of, municipal_deadlines=four), "RSL-3-2-sagsbehandlingsfrister"
        ).status
        is lovfrist.Status.OVERDUE
    )
    assert (
        _only(
            evaluate(APPLICATION, as_of, municipal_deadlines=twelve),
            "RSL-3-2-sagsbehandlingsfrister",
        ).status
        is lovfrist.Status.OPEN
    )


def test_configuration_from_toml_and_json_files(tmp_path: Path) -> None:
    toml = tmp_path / "frister.toml"
    toml.write_text(
        'kommune = "Eksempel Kommune"\n\n[[frist]]\nsagsomraade = "BL § 32"\namount = 8\n'
        'unit = "uger"\nvalid_from = 2024-01-01\n',
        encoding="utf-8",
    )
    as_json = tmp_path / "frister.json"
    as_json.write_text(json.dumps(CONFIG), encoding="utf-8")
    for path in (toml, as_json):
        config = load_municipal_deadlines(path)
        assert isinstance(config, MunicipalDeadlines)
        entry = config.lookup("BL § 32", date(2025, 3, 3))
        assert entry is not None
        assert entry.amount == 8
    assert load_municipal_deadlines(toml).lookup("BL § 32", date(2023, 12, 31)) is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"kommune": "K", "frist": [{"sagsomraade": "x", "amount": 0, "unit": "uger"}]},
         "frist[0].amount"),
        ({"kommune": "K", "frist": [{"sagsomraade": "x", "amount": 2, "unit": "timer"}]},
         "not timer"),
        ({"kommune": "K", "frist": [{"sagsomraade": "x", "amount": 2, "unit": "uger",
                                     "extra": 1}]}, "frist[0].extra"),
        ({"frist": []}, "kommune"),
        ({"kommune": "K", "frist": [{"sagsomraade": "x", "amount": 2, "unit": "uger"},
                                    {"sagsomraade": "x", "amount": 3, "unit": "uger"}]},
         "two deadlines in force on the same day"),
    ],
)  # fmt: skip
def test_a_malformed_configuration_names_the_entry_and_field(
    data: dict[str, Any], expected: str
) -> None:
    with pytest.raises(InputError) as info:
        load_municipal_deadlines(data)
    assert expected in str(info.value)


def test_a_malformed_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "frister.toml"
    path.write_text("kommune = \n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_municipal_deadlines(path)
    assert str(path) in str(info.value)
    with pytest.raises(InputError, match="cannot read"):
        load_municipal_deadlines(tmp_path / "missing.toml")


def test_evaluate_refuses_a_configuration_of_the_wrong_type() -> None:
    with pytest.raises(InputError, match="MunicipalDeadlines"):
        evaluate(APPLICATION, date(2025, 5, 5), municipal_deadlines=CONFIG)  # type: ignore[arg-type]


def test_batch_and_workers_use_the_configuration() -> None:
    config = load_municipal_deadlines(CONFIG)
    cases = [dict(APPLICATION, case_id=f"A-{i}") for i in range(4)]
    for workers in (1, 2):
        results = list(
            evaluate_many(cases, date(2025, 5, 5), municipal_deadlines=config, workers=workers)
        )
        statuses = {
            f.status.value for r in results for f in r.findings
            if f.rule == "RSL-3-2-sagsbehandlingsfrister"
        }  # fmt: skip
        assert statuses == {"overdue"}


def test_cli_municipal_deadlines_option(tmp_path: Path, capsys: Any) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(APPLICATION), encoding="utf-8")
    config = tmp_path / "frister.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    code = main(
        ["check", str(case), "--as-of", "2025-05-05", "--format", "json",
         "--municipal-deadlines", str(config)]
    )  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    finding = next(f for f in out["findings"] if f["rule"] == "RSL-3-2-sagsbehandlingsfrister")
    assert finding["status"] == "overdue"
    assert code == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"kommune": "K", "frist": [{"amount": 1}]}', encoding="utf-8")
    code = main(["check", str(case), "--as-of", "2025-05-05", "--municipal-deadlines", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert "frist[0].sagsomraade" in err
    assert "Traceback" not in err


def test_the_input_case_is_not_mutated() -> None:
    before = json.dumps(APPLICATION, sort_keys=True)
    evaluate(APPLICATION, date(2025, 5, 5), municipal_deadlines=load_municipal_deadlines(CONFIG))
    assert json.dumps(APPLICATION, sort_keys=True) == before
