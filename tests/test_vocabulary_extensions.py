"""Vocabulary extensions for BL § 23 / SEL § 51 and BL § 26 / SEL § 50, stk. 9 (issue #3).

``buu_afgoerelse.art`` gained ``undersoegelse_ophold`` (the committee's decision on an
investigation without consent during a stay at an institution or in hospital) and
``undersoegelse_boernehus`` (one using the børnehus). ``bfu_start.art`` is new, with the default
``boernefaglig`` (a § 20 / SEL § 50 investigation of the child) and ``kommende_foraeldre`` (the
investigation of the expectant parents). Existing cases must validate and evaluate unchanged.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Case, CaseError, bundled_rules, evaluate
from lovfrist.errors import RuleError
from lovfrist.events import BfuStart, BuuAfgoerelse
from lovfrist.ruleset import load_rules
from lovfrist.synthetic import generate_caseload

RULES = bundled_rules()


def _case(*events: dict[str, Any]) -> dict[str, Any]:
    return {"case_id": "V-1", "events": list(events)}


def _by_rule(data: dict[str, Any], as_of: date) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in evaluate(data, as_of, rules=RULES).findings:
        out.setdefault(f.rule, []).append(f.status.value)
    return out


def test_bfu_start_without_art_is_a_boernefaglig_undersoegelse() -> None:
    case = Case.from_dict(_case({"id": "b1", "type": "bfu_start", "at": "2024-03-20"}))
    event = case.events[0]
    assert isinstance(event, BfuStart)
    assert event.art == "boernefaglig"
    assert Case.from_json(case.to_json()) == case


def test_new_values_are_accepted_and_typos_are_located() -> None:
    case = Case.from_dict(
        _case(
            {"id": "b1", "type": "bfu_start", "at": "2024-03-20", "art": "kommende_foraeldre"},
            {
                "id": "d1",
                "type": "buu_afgoerelse",
                "at": "2024-04-02",
                "art": "undersoegelse_ophold",
            },
            {"type": "buu_afgoerelse", "at": "2024-04-03", "art": "undersoegelse_boernehus"},
        )
    )
    assert isinstance(case.events[1], BuuAfgoerelse)
    assert case.events[1].art == "undersoegelse_ophold"
    with pytest.raises(CaseError) as info:
        Case.from_dict(
            _case({"id": "b1", "type": "bfu_start", "at": "2024-03-20", "art": "kommende_forældre"})
        )
    (problem,) = info.value.problems
    assert problem.field == "art"
    assert "kommende_foraeldre" in problem.message


def test_investigation_without_consent_has_both_deadlines() -> None:
    """§ 23 is a § 20 investigation: 4 months from awareness and 2 months from the decision."""
    data = _case(
        {"id": "u1", "type": "underretning", "at": "2024-10-01"},
        {"id": "b1", "type": "bfu_start", "at": "2024-10-07", "ref": "u1"},
        {"id": "d1", "type": "buu_afgoerelse", "at": "2025-01-15", "ref": "b1",
         "art": "undersoegelse_ophold"},
        {"id": "a1", "type": "bfu_afsluttet", "at": "2025-03-03", "ref": "b1"},
    )  # fmt: skip
    found = _by_rule(data, date(2025, 4, 1))
    assert found["BL-20-3-bfu-4m"] == ["late"]  # due 2025-02-01 from the underretning
    assert found["BL-23-1-undersoegelse-uden-samtykke-2m"] == ["met"]  # due 2025-03-15


def test_expectant_parents_are_reported_once_under_section_26() -> None:
    data = _case(
        {"id": "u1", "type": "underretning", "at": "2024-10-31"},
        {"id": "b1", "type": "bfu_start", "at": "2024-11-05", "ref": "u1",
         "art": "kommende_foraeldre"},
    )  # fmt: skip
    found = _by_rule(data, date(2025, 3, 10))
    assert found["BL-26-3-kommende-foraeldre-4m"] == ["overdue"]
    assert found["BL-26-3-foreloebig-vurdering"] == ["overdue"]
    assert "BL-20-3-bfu-4m" not in found
    assert "BL-20-3-foreloebig-vurdering" not in found


def test_vordende_foraeldre_under_serviceloven_cite_stk_9() -> None:
    data = _case(
        {"id": "b1", "type": "bfu_start", "at": "2022-11-02", "art": "kommende_foraeldre"},
    )
    report = evaluate(data, date(2023, 3, 10), rules=RULES)
    rules = {f.rule: f for f in report.findings}
    assert "SEL-50-7-bfu-4m" not in rules
    main = rules["SEL-50-9-vordende-foraeldre"]
    assert main.status.value == "overdue"
    assert main.citation == "serviceloven § 50, stk. 9, 3. pkt."


def test_explicit_boernefaglig_changes_nothing() -> None:
    """The default is the old meaning: giving it explicitly leaves every finding as it was."""
    as_of = date(2025, 7, 1)
    changed = 0
    for data in generate_caseload(40, seed=3):
        explicit = copy.deepcopy(data)
        for event in explicit["events"]:
            if event["type"] == "bfu_start":
                event["art"] = "boernefaglig"
                changed += 1
        plain = evaluate(data, as_of, rules=RULES).to_dict()
        assert evaluate(explicit, as_of, rules=RULES).to_dict() == plain
    assert changed > 0


def test_rule_conditions_on_the_new_values_are_checked_when_loaded(tmp_path: Path) -> None:
    bl = (Path(__file__).parents[1] / "rules" / "barnets_lov.toml").read_text(encoding="utf-8")
    broken = bl.replace(
        'where = { art = "kommende_foraeldre" }', 'where = { art = "kommende_forældre" }', 1
    )
    assert broken != bl
    path = tmp_path / "barnets_lov.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RuleError, match="art"):
        load_rules(path)
