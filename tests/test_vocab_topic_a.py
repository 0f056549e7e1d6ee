"""Vocabulary topic A (issue #3): screening, afdækning, genvurdering and the BUU parties.

New event types ``screening``, ``risikovurdering``, ``foraeldre_inddraget``, ``afdaekning_start``,
``afdaekning_afsluttet``, ``genvurdering_underretning``, ``tilbud_advokat``,
``oplysning_rettigheder`` and ``udtalelse_buu``, and ``underretning.indsats_ivaerksat``; the rules
of BL §§ 18, 19, 32, stk. 4, 137, stk. 1, 140-142 and SEL §§ 72-74, 155 a, stk. 1 that read them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Case, CaseError, bundled_rules, evaluate
from lovfrist.events import (
    EVENT_TYPES,
    GenvurderingUnderretning,
    Screening,
    UdtalelseBuu,
    Underretning,
    attributes_of,
)
from lovfrist.report import Finding, Status
from lovfrist.ruledocs import load_catalogue

ROOT = Path(__file__).parents[1]
RULES = bundled_rules()

NEW_TYPES: dict[str, tuple[set[str], frozenset[str] | None]] = {
    "screening": ({"resultat", "aeresrelateret"}, frozenset({"underretning", "henvendelse"})),
    "risikovurdering": (set(), frozenset({"screening"})),
    "foraeldre_inddraget": (set(), frozenset({"screening"})),
    "afdaekning_start": (set(), frozenset({"screening"})),
    "afdaekning_afsluttet": (set(), frozenset({"afdaekning_start"})),
    "genvurdering_underretning": ({"ny_deltager"}, frozenset({"underretning"})),
    "tilbud_advokat": ({"part"}, frozenset({"buu_afgoerelse"})),
    "oplysning_rettigheder": ({"part"}, frozenset({"buu_afgoerelse"})),
    "udtalelse_buu": ({"part", "undladt"}, frozenset({"buu_afgoerelse"})),
}

RULE_IDS = {
    "BL-18-1-screening": ("BL", "18", 1),
    "BL-18-3-risikovurdering-foer-inddragelse": ("BL", "18", 3),
    "BL-19-1-afdaekning": ("BL", "19", 1),
    "BL-32-4-grundlag-sideloebende": ("BL", "32", 4),
    "BL-137-1-genvurdering": ("BL", "137", 1),
    "SEL-155a-1-genvurdering": ("SEL", "155 a", 1),
    "BL-140-1-advokat-10": ("BL", "140", 1),
    "SEL-72-1-advokat-12": ("SEL", "72", 1),
    "BL-141-1-oplysning-aktindsigt-udtale": ("BL", "141", 1),
    "SEL-73-1-oplysning-aktindsigt-udtale": ("SEL", "73", 1),
    "BL-142-2-udtale-buu": ("BL", "142", 2),
    "SEL-74-2-udtale-buu": ("SEL", "74", 2),
}


def _case(*events: dict[str, Any], birth: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"case_id": "A-1", "events": list(events)}
    if birth is not None:
        data["child"] = {"birth_date": birth}
    return data


def _findings(data: dict[str, Any], as_of: date, rule: str) -> list[Finding]:
    return [f for f in evaluate(data, as_of, rules=RULES).findings if f.rule == rule]


def _problem(data: dict[str, Any]) -> tuple[int | None, str | None, str]:
    with pytest.raises(CaseError) as info:
        Case.from_dict(data)
    (problem,) = info.value.problems
    return problem.event_index, problem.field, str(info.value)


# --- the vocabulary -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NEW_TYPES))
def test_new_type_has_its_attributes_refs_label_and_docs(name: str) -> None:
    attrs, refs = NEW_TYPES[name]
    cls = EVENT_TYPES[name]
    assert set(attributes_of(name)) == attrs
    assert cls.ref_types == refs
    da, en = cls.label
    assert da
    assert en
    assert cls.__doc__
    assert "§" in cls.__doc__
    for attr in attrs:
        assert cls.model_fields[attr].description
    assert f"`{name}`" in (ROOT / "docs" / "events.md").read_text(encoding="utf-8")


def test_underretning_gains_an_optional_flag_and_old_cases_validate_unchanged() -> None:
    case = Case.from_dict(_case({"id": "u1", "type": "underretning", "at": "2025-02-03"}))
    (event,) = case.events
    assert isinstance(event, Underretning)
    assert event.indsats_ivaerksat is False
    assert "`underretning.indsats_ivaerksat`" in (ROOT / "docs" / "events.md").read_text(
        encoding="utf-8"
    )


def test_a_full_timeline_of_the_new_events_validates() -> None:
    case = Case.from_dict(
        _case(
            {"id": "u1", "type": "underretning", "at": "2025-02-03", "indsats_ivaerksat": True},
            {"id": "g1", "type": "genvurdering_underretning", "at": "2025-02-05", "ref": "u1"},
            {"id": "s1", "type": "screening", "at": "2025-02-04", "ref": "u1"},
            {"id": "s2", "type": "screening", "at": "2025-02-04", "resultat": "afdaekning"},
            {"id": "r1", "type": "risikovurdering", "at": "2025-02-05", "ref": "s1"},
            {"id": "p1", "type": "foraeldre_inddraget", "at": "2025-02-06", "ref": "s1"},
            {"id": "a1", "type": "afdaekning_start", "at": "2025-02-06", "ref": "s2"},
            {"id": "a2", "type": "afdaekning_afsluttet", "at": "2025-03-06", "ref": "a1"},
            {"id": "t1", "type": "tilbud_advokat", "at": "2025-03-01", "ref": "d1", "part": "barn"},
            {"id": "o1", "type": "oplysning_rettigheder", "at": "2025-03-01", "part": "foraeldre"},
            {
                "id": "h1",
                "type": "udtalelse_buu",
                "at": "2025-03-11",
                "part": "barn",
                "undladt": True,
            },
            {"id": "d1", "type": "buu_afgoerelse", "at": "2025-03-11", "art": "anbringelse"},
        )
    )
    by_id = {e.id: e for e in case.events}
    screening, genvurdering, udtalelse = by_id["s1"], by_id["g1"], by_id["h1"]
    assert isinstance(screening, Screening)
    assert screening.resultat is None
    assert screening.aeresrelateret is False
    assert isinstance(genvurdering, GenvurderingUnderretning)
    assert genvurdering.ny_deltager is None
    assert isinstance(udtalelse, UdtalelseBuu)
    assert udtalelse.undladt is True


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"type": "screening", "at": "2025-02-04", "resultat": "afdakning"}, "resultat"),
        ({"type": "screening", "at": "2025-02-04", "aeresrelateret": "måske"}, "aeresrelateret"),
        ({"type": "tilbud_advokat", "at": "2025-02-04"}, "part"),
        ({"type": "oplysning_rettigheder", "at": "2025-02-04", "part": "mor"}, "part"),
        ({"type": "udtalelse_buu", "at": "2025-02-04", "part": "barn", "undladt": 3}, "undladt"),
        (
            {"type": "genvurdering_underretning", "at": "2025-02-04", "ny_deltager": "ja"},
            "ny_deltager",
        ),
        (
            {"type": "underretning", "at": "2025-02-04", "indsats_ivaerksat": "x"},
            "indsats_ivaerksat",
        ),
        ({"type": "afdaekning_start", "at": "2025-02-04", "resultat": "bfu"}, "resultat"),
    ],
)
def test_bad_values_are_refused_naming_event_and_field(event: dict[str, Any], field: str) -> None:
    index, got_field, text = _problem(_case({"id": "e1", **event}))
    assert index == 0
    assert got_field == field
    assert "event #0 (id 'e1')" in text
    assert f"field '{field}'" in text


def test_a_ref_to_the_wrong_type_is_refused() -> None:
    data = _case(
        {"id": "u1", "type": "underretning", "at": "2025-02-03"},
        {"id": "r1", "type": "risikovurdering", "at": "2025-02-04", "ref": "u1"},
    )
    index, field, text = _problem(data)
    assert (index, field) == (1, "ref")
    assert "risikovurdering" in text
    assert "screening" in text


# --- the rules ----------------------------------------------------------------------------------


def test_the_rules_exist_and_cite_their_provisions() -> None:
    by_id = {r.id: r for r in RULES}
    for rule_id, (law, paragraph, stk) in RULE_IDS.items():
        rule = by_id[rule_id]
        assert (rule.citation.law, rule.citation.paragraph, rule.citation.stk) == (
            law,
            paragraph,
            stk,
        )
        if law == "SEL":
            assert rule.valid_to == date(2023, 12, 31)
            assert rule.after_repeal is not None
        else:
            assert rule.valid_from == date(2024, 1, 1)


def test_rows_of_the_topic_are_encoded_or_say_why() -> None:
    rows = {row.id: row for row in load_catalogue()}
    for rule_id in RULE_IDS:
        assert rule_id in rows
    for rule_id in ("BL-6-4-bisidder-15", "SEL-48a-4-bisidder-15"):
        assert "qualification of the bisidder" in rows[rule_id].reason


def test_screening_is_never_a_violation_and_only_from_2024() -> None:
    data = _case(
        {"id": "u0", "type": "underretning", "at": "2023-12-20"},
        {"id": "u1", "type": "underretning", "at": "2024-01-02", "anonym": True},
    )
    (finding,) = _findings(data, date(2026, 1, 1), "BL-18-1-screening")
    assert finding.trigger.event == "u1"
    assert finding.status is Status.OPEN
    assert finding.due is None
    assert not finding.status.is_violation


def test_a_screening_answers_its_own_underretning_only() -> None:
    data = _case(
        {"id": "u1", "type": "underretning", "at": "2025-02-03"},
        {"id": "u2", "type": "underretning", "at": "2025-02-04"},
        {"id": "s2", "type": "screening", "at": "2025-02-05", "ref": "u2"},
    )
    found = {
        f.trigger.event: f.status for f in _findings(data, date(2025, 3, 1), "BL-18-1-screening")
    }
    assert found == {"u1": Status.OPEN, "u2": Status.MET}


def test_a_risk_assessment_of_another_screening_does_not_count() -> None:
    data = _case(
        {"id": "s1", "type": "screening", "at": "2025-03-04", "aeresrelateret": True},
        {"id": "s2", "type": "screening", "at": "2025-03-04"},
        {"id": "r2", "type": "risikovurdering", "at": "2025-03-05", "ref": "s2"},
        {"id": "p1", "type": "foraeldre_inddraget", "at": "2025-03-06", "ref": "s1"},
    )
    rule = "BL-18-3-risikovurdering-foer-inddragelse"
    (finding,) = _findings(data, date(2025, 4, 1), rule)
    assert finding.status is Status.OVERDUE
    assert finding.due == date(2025, 3, 6)


def test_a_measure_started_on_the_chairs_decision_is_not_checked_by_32_4() -> None:
    data = _case(
        {"id": "f1", "type": "formandsafgoerelse", "at": "2025-04-07"},
        {"id": "i1", "type": "indsats_start", "at": "2025-04-07", "ref": "f1"},
    )
    assert _findings(data, date(2025, 5, 1), "BL-32-4-grundlag-sideloebende") == []


def test_genvurdering_pending_at_the_change_passes_to_barnets_lov() -> None:
    data = _case(
        {"id": "u1", "type": "underretning", "at": "2023-12-29", "indsats_ivaerksat": True},
        {"id": "g1", "type": "genvurdering_underretning", "at": "2023-12-30", "ref": "u1"},
    )
    findings = list(evaluate(data, date(2024, 2, 1), rules=RULES).findings)
    genvurdering = [f for f in findings if f.rule.endswith("-genvurdering")]
    assert [(f.rule, f.status) for f in genvurdering] == [("BL-137-1-genvurdering", Status.OPEN)]


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        ("2015-03-12", []),  # 9 on the day of the decision
        ("2015-03-11", [Status.OVERDUE]),  # 10 that day
        (None, [Status.UNDETERMINED]),
    ],
)
def test_the_childs_opportunity_to_speak_turns_on_age_10(
    birth: str | None, expected: list[Status]
) -> None:
    data = _case(
        {"id": "h1", "type": "udtalelse_buu", "at": "2025-03-11", "ref": "d1", "part": "foraeldre"},
        {"id": "d1", "type": "buu_afgoerelse", "at": "2025-03-11", "art": "permanent"},
        birth=birth,
    )
    found = _findings(data, date(2025, 4, 1), "BL-142-2-udtale-buu")
    assert [f.status for f in found] == expected


def test_age_12_under_serviceloven_and_10_under_barnets_lov() -> None:
    birth = "2012-08-10"  # 11 in both decisions below
    sel = _case(
        {"id": "d1", "type": "buu_afgoerelse", "at": "2023-12-12", "art": "anbringelse"},
        birth=birth,
    )
    bl = _case(
        {"id": "d1", "type": "buu_afgoerelse", "at": "2024-01-09", "art": "anbringelse"},
        birth=birth,
    )
    for rule in (
        "SEL-72-1-advokat-12",
        "SEL-73-1-oplysning-aktindsigt-udtale",
        "SEL-74-2-udtale-buu",
    ):
        assert _findings(sel, date(2024, 2, 1), rule) == []
    for rule in (
        "BL-140-1-advokat-10",
        "BL-141-1-oplysning-aktindsigt-udtale",
        "BL-142-2-udtale-buu",
    ):
        (finding,) = _findings(bl, date(2024, 2, 1), rule)
        assert finding.status is Status.OVERDUE
        assert finding.due == date(2024, 1, 9)


def test_one_offer_serves_one_decision() -> None:
    data = _case(
        {"id": "t1", "type": "tilbud_advokat", "at": "2025-03-04", "ref": "g1", "part": "barn"},
        {"id": "g1", "type": "buu_afgoerelse", "at": "2025-03-07", "art": "godkendelse"},
        {"id": "d1", "type": "buu_afgoerelse", "at": "2025-04-01", "art": "anbringelse"},
        birth="2011-01-01",
    )
    found = {
        f.trigger.event: f.status for f in _findings(data, date(2025, 5, 1), "BL-140-1-advokat-10")
    }
    assert found == {"g1": Status.MET, "d1": Status.OVERDUE}
