"""Vocabulary extension for Ankestyrelsen and the courts (issue #3).

``ast_modtaget`` is a case received by Ankestyrelsen (a complaint, or an underretning under BL
§ 152), ``ast_afgoerelse`` Ankestyrelsen's decision in it, and ``dom`` a court's judgment on that
decision. ``RSL-73-2-ast-8u`` and ``RBEK-16-1-ast-151-8u`` (``RBEK1085-16-1-ast-65-8u`` before
2024) are Ankestyrelsen's own 8-week deadlines: their findings are breaches by Ankestyrelsen.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from lovfrist import Case, CaseError, bundled_rules, evaluate
from lovfrist.events import EVENT_TYPES, AstAfgoerelse, AstModtaget, Dom, attributes_of
from lovfrist.report import Finding, Status

RULES = bundled_rules()
RSL = "RSL-73-2-ast-8u"
RBEK = "RBEK-16-1-ast-151-8u"
RBEK_2023 = "RBEK1085-16-1-ast-65-8u"
PLACEMENT = {
    "id": "d1",
    "type": "buu_afgoerelse",
    "at": "2025-02-10",
    "art": "anbringelse",
    "tidligere_anbragt": False,
}


def _case(*events: dict[str, Any]) -> dict[str, Any]:
    return {"case_id": "A-1", "events": list(events)}


def _findings(data: dict[str, Any], as_of: date, rule: str) -> list[Finding]:
    return [f for f in evaluate(data, as_of, rules=RULES).findings if f.rule == rule]


def _problem(data: dict[str, Any]) -> tuple[int | None, str | None, str]:
    with pytest.raises(CaseError) as info:
        Case.from_dict(data)
    (problem,) = info.value.problems
    return problem.event_index, problem.field, problem.message


# --- the events ---------------------------------------------------------------------------------


def test_the_three_types_are_in_the_vocabulary_with_described_attributes() -> None:
    assert EVENT_TYPES["ast_modtaget"] is AstModtaget
    assert EVENT_TYPES["ast_afgoerelse"] is AstAfgoerelse
    assert EVENT_TYPES["dom"] is Dom
    assert set(attributes_of("ast_modtaget")) == {"art"}
    assert set(attributes_of("ast_afgoerelse")) == {"udfald"}
    assert set(attributes_of("dom")) == {"udfald"}
    for cls, name in ((AstModtaget, "art"), (AstAfgoerelse, "udfald"), (Dom, "udfald")):
        assert cls.model_fields[name].description
    assert Dom.ref_types == frozenset({"ast_afgoerelse", "dom"})
    assert AstModtaget.ref_types == AstAfgoerelse.ref_types == EVENT_TYPES["klage"].ref_types


def test_a_complaint_through_ankestyrelsen_and_the_court_validates_and_round_trips() -> None:
    case = Case.from_dict(
        _case(
            PLACEMENT,
            {"id": "m1", "type": "ast_modtaget", "at": "2025-03-03", "ref": "d1"},
            {"id": "x1", "type": "ast_afgoerelse", "at": "2025-04-28", "ref": "d1",
             "udfald": "stadfaestet"},
            {"id": "j1", "type": "dom", "at": "2025-09-01", "ref": "x1", "udfald": "stadfaestet"},
            {"id": "j2", "type": "dom", "at": "2026-02-01", "ref": "j1"},
        )
    )  # fmt: skip
    received, decided, judged, appeal = case.events[1:]
    assert isinstance(received, AstModtaget)
    assert received.art == "klage"
    assert isinstance(decided, AstAfgoerelse)
    assert decided.udfald == "stadfaestet"
    assert isinstance(judged, Dom)
    assert judged.ref == "x1"
    assert isinstance(appeal, Dom)
    assert appeal.udfald is None
    assert Case.from_json(case.to_json()) == case


def test_an_unknown_udfald_is_refused_naming_the_event_and_field() -> None:
    index, field, message = _problem(
        _case({"id": "x1", "type": "ast_afgoerelse", "at": "2025-04-28", "udfald": "stadfæstet"})
    )
    assert (index, field) == (0, "udfald")
    assert "stadfaestet" in message


def test_an_unknown_art_is_refused_naming_the_event_and_field() -> None:
    index, field, message = _problem(
        _case({"id": "m1", "type": "ast_modtaget", "at": "2025-03-03", "art": "anke"})
    )
    assert (index, field) == (0, "art")
    assert "underretning" in message


def test_a_dom_must_refer_to_a_decision_of_ankestyrelsen() -> None:
    index, field, message = _problem(
        _case(PLACEMENT, {"id": "j1", "type": "dom", "at": "2025-09-01", "ref": "d1"})
    )
    assert (index, field) == (1, "ref")
    assert "ast_afgoerelse" in message
    assert "buu_afgoerelse" in message


def test_ast_modtaget_may_not_refer_to_the_klage() -> None:
    index, field, _ = _problem(
        _case(
            PLACEMENT,
            {"id": "k1", "type": "klage", "at": "2025-02-24", "ref": "d1"},
            {"id": "m1", "type": "ast_modtaget", "at": "2025-03-03", "ref": "k1"},
        )
    )
    assert (index, field) == (2, "ref")


def test_existing_cases_are_unchanged() -> None:
    data = _case(PLACEMENT, {"id": "k1", "type": "klage", "at": "2025-02-24", "ref": "d1"})
    assert len(Case.from_dict(data).events) == 2


# --- RSL § 73, stk. 2 -----------------------------------------------------------------------------


def _complaint(*extra: dict[str, Any]) -> dict[str, Any]:
    received = {"id": "m1", "type": "ast_modtaget", "at": "2025-03-03", "ref": "d1"}
    return _case(PLACEMENT, received, *extra)


def test_rsl_73_is_ankestyrelsens_deadline_and_says_so() -> None:
    rule = next(r for r in RULES if r.id == RSL)
    assert "Ankestyrelsen" in rule.title.en
    assert "own deadline" in rule.title.en
    assert "Ankestyrelsens egen frist" in rule.title.da
    assert any("breach by Ankestyrelsen" in line for line in rule.interpretation)
    (finding,) = _findings(_complaint(), date(2025, 5, 10), RSL)
    assert finding.status is Status.OVERDUE
    assert finding.status.is_violation
    assert finding.due == date(2025, 4, 28)
    assert "Ankestyrelsen" in finding.explanation_en


@pytest.mark.parametrize(
    ("decided", "status"),
    [("2025-04-28", Status.MET), ("2025-04-29", Status.LATE), (None, Status.OPEN)],
)
def test_rsl_73_eight_weeks_from_receipt(decided: str | None, status: Status) -> None:
    extra = [] if decided is None else [
        {"id": "x1", "type": "ast_afgoerelse", "at": decided, "ref": "d1", "udfald": "afvist"}
    ]  # fmt: skip
    (finding,) = _findings(_complaint(*extra), date(2025, 4, 28), RSL)
    expected = Status.OPEN if status is Status.LATE else status
    assert finding.status is expected  # as of the due date a late decision is not yet known
    later = _findings(_complaint(*extra), date(2025, 6, 1), RSL)
    assert later[0].status is (Status.OVERDUE if decided is None else status)


def test_rsl_73_only_for_committee_decisions() -> None:
    data = _case(
        {"id": "a1", "type": "afgoerelse", "at": "2025-02-10", "indsats": "stoette"},
        {"id": "m1", "type": "ast_modtaget", "at": "2025-03-03", "ref": "a1"},
    )
    assert _findings(data, date(2025, 6, 1), RSL) == []


def test_rsl_73_a_case_closed_by_the_municipality_does_not_end_it() -> None:
    data = _complaint({"id": "c1", "type": "sag_lukket", "at": "2025-03-10"})
    (finding,) = _findings(data, date(2025, 6, 1), RSL)
    assert finding.status is Status.OVERDUE


# --- RBEK § 16, stk. 1 ----------------------------------------------------------------------------


def _underretning(at: str, *extra: dict[str, Any]) -> dict[str, Any]:
    received = {"id": "m1", "type": "ast_modtaget", "at": at, "art": "underretning"}
    return _case(received, *extra)


def test_rbek_16_eight_weeks_to_decide_whether_to_take_the_case_up() -> None:
    decided = {"id": "x1", "type": "ast_afgoerelse", "at": "2024-04-29"}
    (met,) = _findings(_underretning("2024-03-04", decided), date(2024, 5, 10), RBEK)
    assert met.status is Status.MET
    assert met.due == date(2024, 4, 29)
    (overdue,) = _findings(_underretning("2024-03-04"), date(2024, 5, 10), RBEK)
    assert overdue.status is Status.OVERDUE
    assert _findings(_underretning("2024-03-04"), date(2024, 5, 10), RSL) == []


def test_rbek_16_underretning_pending_at_the_change_is_handed_over() -> None:
    (finding,) = [
        f
        for f in evaluate(_underretning("2023-11-13"), date(2024, 3, 1), rules=RULES).findings
        if f.rule in (RBEK, RBEK_2023)
    ]
    assert finding.rule == RBEK
    assert finding.status is Status.OVERDUE
    assert finding.due == date(2024, 1, 8)
    assert finding.transition is not None
