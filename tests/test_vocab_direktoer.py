"""Vocabulary extension for Ankestyrelsen's director (BL § 143, stk. 6-8; SEL § 75, stk. 5-7).

``direktoerafgoerelse`` is the director's provisional decision; the committee's decision on it
records ``buu_afgoerelse.overensstemmelse``; a departing decision is followed by an
``orientering_ast`` (the committee's duty) and a ``direktoer_stillingtagen`` within 10 days (the
director's, i.e. Ankestyrelsen's own duty); if the director denies the committee's decision effect,
Ankestyrelsen decides within 8 weeks of the committee's decision (``ast_afgoerelse``).
``orientering_ukn`` is the orientering of Ungdomskriminalitetsnævnet (stk. 8).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from lovfrist import Case, CaseError, bundled_rules, evaluate
from lovfrist.events import (
    EVENT_TYPES,
    BuuAfgoerelse,
    Direktoerafgoerelse,
    DirektoerStillingtagen,
    EventBase,
    Formandsafgoerelse,
    OrienteringAst,
    OrienteringUkn,
    attributes_of,
)
from lovfrist.report import Finding, Status

RULES = bundled_rules()

BL_IDS = (
    "BL-143-6-direktoer-gyldighed-1m",
    "BL-143-7-orientering-ast",
    "BL-143-7-direktoer-10d",
    "BL-143-7-ast-8u",
    "BL-143-8-orientering-ukn-straks",
)
SEL_IDS = (
    "SEL-75-5-direktoer-gyldighed-1m",
    "SEL-75-6-orientering-ast",
    "SEL-75-6-direktoer-10d",
    "SEL-75-6-ast-8u",
    "SEL-75-7-orientering-ukn-straks",
)


def _case(*events: dict[str, Any]) -> dict[str, Any]:
    return {"case_id": "D-1", "events": list(events)}


def _by_rule(data: dict[str, Any], as_of: date) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for finding in evaluate(data, as_of, rules=RULES).findings:
        out.setdefault(finding.rule, []).append(finding)
    return out


def _problem(data: dict[str, Any]) -> tuple[int | None, str | None, str]:
    with pytest.raises(CaseError) as info:
        Case.from_dict(data)
    (problem,) = info.value.problems
    return problem.event_index, problem.field, problem.message


# A director's decision, a committee decision departing from it, the orientering, the director
# denying the committee's decision effect, and Ankestyrelsen's own decision.
CHAIN: tuple[dict[str, Any], ...] = (
    {"id": "a1", "type": "direktoerafgoerelse", "at": "2025-02-03"},
    {
        "id": "d1",
        "type": "buu_afgoerelse",
        "at": "2025-03-03",
        "art": "anbringelse",
        "ref": "a1",
        "overensstemmelse": False,
    },
    {"id": "o1", "type": "orientering_ast", "at": "2025-03-04", "ref": "d1"},
    {
        "id": "s1",
        "type": "direktoer_stillingtagen",
        "at": "2025-03-13",
        "ref": "d1",
        "virkning": False,
    },
    {"id": "x1", "type": "ast_afgoerelse", "at": "2025-04-28", "ref": "d1"},
)


# --- the vocabulary -----------------------------------------------------------------------------


def test_new_types_are_registered_with_labels_refs_and_described_attributes() -> None:
    assert EVENT_TYPES["direktoerafgoerelse"] is Direktoerafgoerelse
    assert EVENT_TYPES["orientering_ast"] is OrienteringAst
    assert EVENT_TYPES["direktoer_stillingtagen"] is DirektoerStillingtagen
    assert EVENT_TYPES["orientering_ukn"] is OrienteringUkn
    assert set(attributes_of("direktoerafgoerelse")) == {"art", "ungdomskriminalitet"}
    assert set(attributes_of("direktoer_stillingtagen")) == {"virkning"}
    assert attributes_of("orientering_ast") == {}
    assert attributes_of("orientering_ukn") == {}
    assert OrienteringAst.ref_types == frozenset({"buu_afgoerelse"})
    assert DirektoerStillingtagen.ref_types == frozenset({"buu_afgoerelse"})
    assert OrienteringUkn.ref_types == frozenset({"formandsafgoerelse", "direktoerafgoerelse"})
    assert Direktoerafgoerelse.ref_types is None
    for event_type in ("direktoerafgoerelse", "orientering_ast", "direktoer_stillingtagen"):
        assert all(EVENT_TYPES[event_type].label)
    assert all(OrienteringUkn.label)
    fields: set[tuple[type[EventBase], str]] = {
        (Direktoerafgoerelse, "art"),
        (Direktoerafgoerelse, "ungdomskriminalitet"),
        (DirektoerStillingtagen, "virkning"),
        (BuuAfgoerelse, "overensstemmelse"),
        (Formandsafgoerelse, "ungdomskriminalitet"),
    }
    for cls, name in fields:
        assert cls.model_fields[name].description, (cls.__name__, name)


def test_existing_events_validate_unchanged_with_the_new_defaults() -> None:
    case = Case.from_dict(
        _case(
            {"id": "f1", "type": "formandsafgoerelse", "at": "2025-03-03"},
            {"id": "g1", "type": "buu_afgoerelse", "at": "2025-03-05", "art": "godkendelse"},
        )
    )
    chair, committee = case.events
    assert isinstance(chair, Formandsafgoerelse)
    assert chair.ungdomskriminalitet is False
    assert isinstance(committee, BuuAfgoerelse)
    assert committee.overensstemmelse is None


def test_the_chain_validates_and_round_trips() -> None:
    case = Case.from_dict(_case(*CHAIN))
    director, committee, orientering, position, _ = case.events
    assert isinstance(director, Direktoerafgoerelse)
    assert director.art is None
    assert isinstance(committee, BuuAfgoerelse)
    assert committee.overensstemmelse is False
    assert isinstance(orientering, OrienteringAst)
    assert orientering.ref == "d1"
    assert isinstance(position, DirektoerStillingtagen)
    assert position.virkning is False
    assert Case.from_json(case.to_json()) == case


def test_virkning_is_required() -> None:
    data = _case({"id": "s1", "type": "direktoer_stillingtagen", "at": "2025-03-13"})
    index, field, message = _problem(data)
    assert (index, field) == (0, "virkning")
    assert message
    with pytest.raises(CaseError) as info:
        Case.from_dict(data)
    assert "event #0 (id 's1'), field 'virkning'" in str(info.value)


def test_a_bad_art_is_refused_naming_event_and_field() -> None:
    data = _case({"id": "a1", "type": "direktoerafgoerelse", "at": "2025-02-03", "art": "stoette"})
    index, field, message = _problem(data)
    assert (index, field) == (0, "art")
    assert "undersoegelse" in message
    assert "flytning" in message
    with pytest.raises(CaseError) as info:
        Case.from_dict(data)
    assert "event #0 (id 'a1'), field 'art'" in str(info.value)


def test_overensstemmelse_must_be_a_boolean() -> None:
    data = _case(
        {"id": "d1", "type": "buu_afgoerelse", "at": "2025-03-03", "art": "anbringelse",
         "overensstemmelse": "delvis"}
    )  # fmt: skip
    assert _problem(data)[:2] == (0, "overensstemmelse")


def test_an_orientering_of_ankestyrelsen_must_name_a_committee_decision() -> None:
    data = _case(
        {"id": "a1", "type": "direktoerafgoerelse", "at": "2025-02-03"},
        {"id": "o1", "type": "orientering_ast", "at": "2025-03-04", "ref": "a1"},
    )
    index, field, message = _problem(data)
    assert (index, field) == (1, "ref")
    assert "buu_afgoerelse" in message
    assert "direktoerafgoerelse" in message


def test_an_orientering_ukn_may_not_name_a_committee_decision() -> None:
    data = _case(
        {"id": "d1", "type": "buu_afgoerelse", "at": "2025-03-03", "art": "anbringelse"},
        {"id": "o1", "type": "orientering_ukn", "at": "2025-03-04", "ref": "d1"},
    )
    assert _problem(data)[:2] == (1, "ref")


# --- the rules ----------------------------------------------------------------------------------


def test_the_rules_are_bundled_and_say_whose_duty_it_is() -> None:
    rules = {rule.id: rule for rule in RULES.rules}
    for rule_id in BL_IDS + SEL_IDS:
        assert rule_id in rules, rule_id
    for rule_id in (
        "BL-143-7-direktoer-10d",
        "BL-143-7-ast-8u",
        "SEL-75-6-direktoer-10d",
        "SEL-75-6-ast-8u",
    ):
        assert "Ankestyrelsens egen frist" in rules[rule_id].title.da
        assert "Ankestyrelsen's own deadline" in rules[rule_id].title.en
    for rule_id in ("BL-143-6-direktoer-gyldighed-1m", "BL-143-7-orientering-ast"):
        assert "kommunens" in rules[rule_id].summary.da


def test_the_whole_chain_is_met() -> None:
    findings = _by_rule(_case(*CHAIN), date(2025, 5, 10))
    (validity,) = findings["BL-143-6-direktoer-gyldighed-1m"]
    assert (validity.status, validity.due) == (Status.MET, date(2025, 3, 3))
    (orientering,) = findings["BL-143-7-orientering-ast"]
    assert orientering.status is Status.MET
    assert orientering.due is None
    (position,) = findings["BL-143-7-direktoer-10d"]
    assert (position.status, position.due) == (Status.MET, date(2025, 3, 13))
    (ast,) = findings["BL-143-7-ast-8u"]
    assert (ast.status, ast.due) == (Status.MET, date(2025, 4, 28))
    assert ast.trigger is not None
    assert ast.trigger.event == "s1"
    assert ast.clock_start is not None


def test_ankestyrelsen_late_is_a_violation_of_its_own_rules_only() -> None:
    events = [dict(e) for e in CHAIN]
    events[3]["at"] = "2025-03-14"  # director on day 11
    events[4]["at"] = "2025-04-29"  # Ankestyrelsen a day after 8 weeks
    findings = _by_rule(_case(*events), date(2025, 5, 10))
    ours = BL_IDS + SEL_IDS
    violations = {f.rule for r in ours for f in findings.get(r, []) if f.status.is_violation}
    assert violations == {"BL-143-7-direktoer-10d", "BL-143-7-ast-8u"}
    (ast,) = findings["BL-143-7-ast-8u"]
    assert ast.due == date(2025, 4, 28)  # counted from the committee, not from the director


def test_a_committee_in_accordance_creates_no_director_obligations() -> None:
    events = [dict(e) for e in CHAIN[:2]]
    events[1]["overensstemmelse"] = True
    findings = _by_rule(_case(*events), date(2025, 5, 10))
    assert findings["BL-143-6-direktoer-gyldighed-1m"][0].status is Status.MET
    for rule_id in ("BL-143-7-orientering-ast", "BL-143-7-direktoer-10d", "BL-143-7-ast-8u"):
        assert rule_id not in findings


def test_a_chairs_decision_is_not_a_directors() -> None:
    data = _case(
        {"id": "f1", "type": "formandsafgoerelse", "at": "2025-02-03"},
        {
            "id": "d1",
            "type": "buu_afgoerelse",
            "at": "2025-02-06",
            "art": "godkendelse",
            "ref": "f1",
            "overensstemmelse": False,
        },
    )
    findings = _by_rule(data, date(2025, 5, 10))
    for rule_id in BL_IDS:
        assert rule_id not in findings


def test_orientering_ukn_for_the_chair_and_the_director() -> None:
    data = _case(
        {"id": "f1", "type": "formandsafgoerelse", "at": "2025-02-03", "ungdomskriminalitet": True},
        {"id": "o1", "type": "orientering_ukn", "at": "2025-02-03", "ref": "f1"},
        {
            "id": "a1",
            "type": "direktoerafgoerelse",
            "at": "2025-02-10",
            "ungdomskriminalitet": True,
        },
    )
    findings = {
        (f.trigger.event if f.trigger else None): f
        for f in _by_rule(data, date(2025, 6, 1))["BL-143-8-orientering-ukn-straks"]
    }
    assert findings["f1"].status is Status.MET
    assert findings["a1"].status is Status.OPEN
    assert not findings["a1"].status.is_violation


def test_serviceloven_version_hands_over_to_barnets_lov() -> None:
    data = _case(
        {"id": "a1", "type": "direktoerafgoerelse", "at": "2023-12-01"},
        {
            "id": "d1",
            "type": "buu_afgoerelse",
            "at": "2023-12-28",
            "art": "anbringelse",
            "ref": "a1",
            "overensstemmelse": False,
        },
    )
    findings = _by_rule(data, date(2024, 1, 10))
    assert "SEL-75-6-direktoer-10d" not in findings
    (position,) = findings["BL-143-7-direktoer-10d"]
    assert (position.status, position.due) == (Status.OVERDUE, date(2024, 1, 7))
    (orientering,) = findings["BL-143-7-orientering-ast"]
    assert orientering.status is Status.OPEN
    assert orientering.transition is not None
    assert orientering.transition.from_rule == "SEL-75-6-orientering-ast"
