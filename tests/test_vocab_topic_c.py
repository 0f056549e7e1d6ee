"""Vocabulary topic C: around a placement (issue #3).

Siblings (BL § 21, stk. 2), the beliggenhedskommune (BL § 52, stk. 5; SEL § 68 b, stk. 1), a young
person's change of handlekommune (BL § 112; SEL § 68, stk. 12-13), the plan for the parents (BL
§ 79, stk. 3; SEL § 70, stk. 4), the child's requests (BL §§ 48, 68), permanent placement
considered (BL § 50, stk. 7) and a transfer to a secured institution (BL § 62, stk. 3; SEL § 63 b,
stk. 3).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Case, CaseError
from lovfrist.events import EVENT_TYPES, attributes_of
from lovfrist.report import Status
from tests.vocab import RULES, assert_described
from tests.vocab import case as _case
from tests.vocab import findings as _findings
from tests.vocab import refused as _refused

ROOT = Path(__file__).parents[1]

NEW_TYPES: dict[str, set[str]] = {
    "soeskende_bfu": {"undladt"},
    "orientering_beliggenhedskommune": set(),
    "skift_handlekommune": {"doegnophold_opretholdt"},
    "plan_oversendt": set(),
    "plan_modtaget": set(),
    "foraeldreplan": {"art"},
    "anmodning_anbringelse": {"permanent"},
    "anmodning_vurderet": set(),
    "overvejelse_permanent": set(),
    "overfoersel_sikret": {"saerligt_sikret"},
}
DECISION_ATTRIBUTES = {"omsorgssvigt", "soeskende_under_15", "anden_kommune"}
RULE_IDS = {
    "BL-21-2-soeskende-bfu",
    "BL-52-5-orientering-forud",
    "SEL-68b-1-underretning-forud",
    "BL-112-1-oversendelse-forud",
    "SEL-68-12-oversendelse-forud",
    "BL-112-3-ny-handlekommune-30d",
    "SEL-68-13-ny-opholdskommune-30d",
    "BL-79-3-vurdering-hoejst-12m",
    "SEL-70-4-vurdering-hoejst-12m",
    "BL-48-2-anmodning-anbringelse",
    "BL-68-1-vurdering-anmodning-permanent",
    "BL-50-7-overveje-permanent",
    "BL-62-3-overfoersel-straks",
    "SEL-63b-3-overfoersel-straks",
}


# --- the vocabulary -------------------------------------------------------------------------------


@pytest.mark.parametrize("event_type", sorted(NEW_TYPES))
def test_new_types_are_documented_and_described(event_type: str) -> None:
    assert_described(event_type, NEW_TYPES[event_type])


def test_decision_attributes_are_optional_and_existing_decisions_validate() -> None:
    for event_type in ("afgoerelse", "buu_afgoerelse", "formandsafgoerelse"):
        attrs = attributes_of(event_type)
        assert set(attrs) >= DECISION_ATTRIBUTES
        for name in DECISION_ATTRIBUTES:
            assert EVENT_TYPES[event_type].model_fields[name].default is None
    assert EVENT_TYPES["buu_afgoerelse"].model_fields["anbragt_siden"].default is None
    case = Case.from_dict(
        _case(
            {"id": "d1", "type": "afgoerelse", "at": "2024-04-10", "indsats": "anbringelse"},
            {"id": "d2", "type": "buu_afgoerelse", "at": "2024-04-11", "art": "anbringelse"},
            {"id": "d3", "type": "formandsafgoerelse", "at": "2024-04-12"},
        )
    )
    for event in case.events:
        dumped = event.model_dump()
        assert dumped["omsorgssvigt"] is None
        assert dumped["anden_kommune"] is None


def test_new_events_validate() -> None:
    case = Case.from_dict(
        _case(
            {"id": "d1", "type": "afgoerelse", "at": "2024-04-10", "indsats": "anbringelse"},
            {"id": "s1", "type": "indsats_start", "at": "2024-04-15", "ref": "d1"},
            {"id": "b1", "type": "soeskende_bfu", "at": "2024-04-20", "ref": "s1", "undladt": True},
            {"id": "o1", "type": "orientering_beliggenhedskommune", "at": "2024-04-12"},
            {"id": "k1", "type": "skift_handlekommune", "at": "2024-07-01"},
            {"id": "p1", "type": "plan_oversendt", "at": "2024-06-20", "ref": "k1"},
            {"id": "m1", "type": "plan_modtaget", "at": "2024-06-21", "ref": "p1"},
            {"id": "f1", "type": "foraeldreplan", "at": "2024-02-01", "art": "udarbejdet"},
            {
                "id": "f2",
                "type": "foraeldreplan",
                "at": "2024-05-01",
                "art": "vurdering",
                "ref": "f1",
            },
            {"id": "a1", "type": "anmodning_anbringelse", "at": "2024-03-01", "permanent": True},
            {"id": "v1", "type": "anmodning_vurderet", "at": "2024-03-05", "ref": "a1"},
            {"id": "g1", "type": "buu_afgoerelse", "at": "2025-05-06", "art": "opretholdelse"},
            {"id": "c1", "type": "overvejelse_permanent", "at": "2025-05-01", "ref": "g1"},
            {"id": "t1", "type": "overfoersel_sikret", "at": "2024-04-26T21:30:00"},
        )
    )
    assert len(case.events) == 14


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"type": "soeskende_bfu", "at": "2024-04-20", "undladt": "maybe"}, "undladt"),
        ({"type": "foraeldreplan", "at": "2024-04-20", "art": "revision"}, "art"),
        ({"type": "foraeldreplan", "at": "2024-04-20"}, "art"),
        (
            {"type": "skift_handlekommune", "at": "2024-04-20", "doegnophold_opretholdt": 3},
            "doegnophold_opretholdt",
        ),
        (
            {
                "type": "afgoerelse",
                "at": "2024-04-20",
                "indsats": "anbringelse",
                "omsorgssvigt": "ja",
            },
            "omsorgssvigt",
        ),
        (
            {
                "type": "buu_afgoerelse",
                "at": "2024-04-20",
                "art": "opretholdelse",
                "anbragt_siden": "x",
            },
            "anbragt_siden",
        ),
        ({"type": "plan_modtaget", "at": "2024-04-20", "modtaget": "2024-04-20"}, "modtaget"),
    ],
)
def test_bad_values_are_refused_naming_event_and_field(event: dict[str, Any], field: str) -> None:
    text, got = _refused({"id": "e1", **event})
    assert event["type"] in text or "e1" in text
    assert got == field
    assert field in text


def test_ref_to_the_wrong_type_is_refused() -> None:
    with pytest.raises(CaseError) as info:
        Case.from_dict(
            _case(
                {"id": "d1", "type": "afgoerelse", "at": "2024-04-10", "indsats": "anbringelse"},
                {"id": "b1", "type": "soeskende_bfu", "at": "2024-04-20", "ref": "d1"},
            )
        )
    assert "soeskende_bfu" in str(info.value) or "b1" in str(info.value)


# --- the rules ----------------------------------------------------------------------------------


def test_all_topic_rules_are_bundled() -> None:
    assert {rule.id for rule in RULES.rules} >= RULE_IDS


def test_siblings_rule_needs_both_ground_and_siblings_and_is_never_a_violation() -> None:
    rule = "BL-21-2-soeskende-bfu"
    events: list[dict[str, Any]] = [
        {
            "id": "d1",
            "type": "buu_afgoerelse",
            "at": "2024-04-10",
            "art": "anbringelse",
            "omsorgssvigt": True,
            "soeskende_under_15": True,
        },
        {"id": "s1", "type": "indsats_start", "at": "2024-04-15", "ref": "d1"},
    ]
    (finding,) = _findings(_case(*events), date(2030, 1, 1), rule)
    assert finding.status is Status.OPEN
    assert not finding.status.is_violation
    # Only the ground recorded: no obligation.
    events[0] = {**events[0], "soeskende_under_15": None}
    assert _findings(_case(*events), date(2030, 1, 1), rule) == []


def test_siblings_investigation_before_the_placement_counts_only_when_it_names_it() -> None:
    rule = "BL-21-2-soeskende-bfu"
    decision = {
        "id": "d1",
        "type": "afgoerelse",
        "at": "2024-04-10",
        "indsats": "anbringelse",
        "omsorgssvigt": True,
        "soeskende_under_15": True,
    }
    start = {"id": "s1", "type": "indsats_start", "at": "2024-04-15", "ref": "d1"}
    early = {"id": "b1", "type": "soeskende_bfu", "at": "2024-04-11"}
    (unnamed,) = _findings(_case(decision, early, start), date(2024, 6, 1), rule)
    assert unnamed.status is Status.OPEN
    (named,) = _findings(_case(decision, {**early, "ref": "s1"}, start), date(2024, 6, 1), rule)
    assert named.status is Status.MET


def test_orientering_in_2023_and_2024_under_each_law() -> None:
    def case(year: int) -> dict[str, Any]:
        return _case(
            {
                "id": "d1",
                "type": "afgoerelse",
                "at": f"{year}-03-01",
                "indsats": "anbringelse",
                "anden_kommune": True,
            },
            {"id": "s1", "type": "indsats_start", "at": f"{year}-03-06", "ref": "d1"},
        )

    (sel,) = _findings(case(2023), date(2024, 6, 1), "SEL-68b-1-underretning-forud")
    (bl,) = _findings(case(2024), date(2024, 6, 1), "BL-52-5-orientering-forud")
    assert sel.status is bl.status is Status.OVERDUE
    assert _findings(case(2024), date(2024, 6, 1), "SEL-68b-1-underretning-forud") == []


def test_change_of_handlekommune_plan_and_30_days() -> None:
    data = _case(
        {"id": "p1", "type": "plan_oversendt", "at": "2024-06-20", "ref": "k1"},
        {"id": "k1", "type": "skift_handlekommune", "at": "2024-07-01"},
        {"id": "m1", "type": "plan_modtaget", "at": "2024-06-21", "ref": "p1"},
        {"id": "a1", "type": "afgoerelse_ungestoette", "at": "2024-07-22", "ref": "m1"},
        birth="2005-05-01",
    )
    (sent,) = _findings(data, date(2024, 9, 1), "BL-112-1-oversendelse-forud")
    (decided,) = _findings(data, date(2024, 9, 1), "BL-112-3-ny-handlekommune-30d")
    assert sent.status is Status.MET
    assert decided.status is Status.LATE
    assert decided.due == date(2024, 7, 21)
    assert decided.days_overdue == 1


def test_parents_plan_cycles_of_two_plans_do_not_mix() -> None:
    rule = "BL-79-3-vurdering-hoejst-12m"
    data = _case(
        {"id": "p1", "type": "foraeldreplan", "at": "2024-01-10", "art": "udarbejdet"},
        {"id": "p2", "type": "foraeldreplan", "at": "2024-01-20", "art": "udarbejdet"},
        {"id": "r1", "type": "foraeldreplan", "at": "2024-03-01", "art": "revideret", "ref": "p1"},
        {"id": "r2", "type": "foraeldreplan", "at": "2024-04-01", "art": "revideret", "ref": "p2"},
        {"id": "v2", "type": "foraeldreplan", "at": "2025-02-01", "art": "vurdering", "ref": "p2"},
    )
    by_trigger = {f.trigger.event: f for f in _findings(data, date(2025, 3, 15), rule)}
    assert by_trigger["r1"].status is Status.OVERDUE  # v2 belongs to the other plan
    assert by_trigger["r2"].status is Status.MET
    assert by_trigger["v2"].status is Status.OPEN
    assert by_trigger["v2"].due == date(2026, 2, 1)


def test_permanent_consideration_counts_three_years_back_from_the_genbehandling() -> None:
    rule = "BL-50-7-overveje-permanent"

    def case(since: str) -> dict[str, Any]:
        return _case(
            {
                "id": "g1",
                "type": "buu_afgoerelse",
                "at": "2024-02-29",
                "art": "opretholdelse",
                "anbragt_siden": since,
            }
        )

    # 29 February 2024 - 3 years = 28 February 2021.
    (finding,) = _findings(case("2021-02-28"), date(2024, 3, 10), rule)
    assert finding.status is Status.OVERDUE
    assert _findings(case("2021-03-01"), date(2024, 3, 10), rule) == []


def test_transfer_open_then_met_never_a_violation() -> None:
    rule = "BL-62-3-overfoersel-straks"
    transfer = {"id": "o1", "type": "overfoersel_sikret", "at": "2024-04-26T21:30:00"}
    (open_,) = _findings(_case(transfer), date(2025, 1, 1), rule)
    assert open_.status is Status.OPEN
    assert open_.due is None
    decision = {
        "id": "d1",
        "type": "buu_afgoerelse",
        "at": "2024-05-02",
        "art": "anbringelse",
        "ref": "o1",
    }
    (met,) = _findings(_case(transfer, decision), date(2025, 1, 1), rule)
    assert met.status is Status.MET
    assert met.fulfilled_by is not None
    assert met.fulfilled_by.event == "d1"
