"""Vocabulary topic D: transition to adulthood, disability and offers (issue #3).

Familievejledning (BL § 81, stk. 4; SEL § 11, stk. 8), the preparation of the transition to adult
life (BL §§ 122-123; SEL § 19 a), the fast kontaktperson after 18 (BL § 115; SEL § 76, stk. 5-6),
the end of ungestøtte and efterværn at 23 (BL §§ 117, 121; SEL § 76, stk. 7, § 76 a, stk. 3) and
the varsel before a plads is taken away (BL § 11, stk. 1; SEL § 3 a, stk. 1).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Case, CaseError, evaluate
from lovfrist.events import EVENT_TYPES, AfgoerelseUngestoette, IndsatsStart
from lovfrist.report import Status
from tests.vocab import RULES, assert_described
from tests.vocab import case as _case
from tests.vocab import findings as _findings
from tests.vocab import refused as _refused

ROOT = Path(__file__).parents[1]

NEW_TYPES: dict[str, set[str]] = {
    "funktionsnedsaettelse": {"art"},
    "overgangsforberedelse_start": set(),
    "overgangsforberedelse_afsluttet": set(),
    "tilbud_familievejledning": set(),
    "tilbud_kontaktperson": set(),
    "frakendelse_plads": {"modtaget"},
}
RULE_IDS = {
    "BL-81-4-familievejledning-3m",
    "SEL-11-8-familievejledning-3m",
    "BL-122-1-forberedelse-16",
    "SEL-19a-1-forberedelse-16",
    "BL-123-3-forberedelse-afsluttet-18",
    "SEL-19a-3-forberedelse-afsluttet-18",
    "BL-117-ophoer-23",
    "SEL-76-7-ophoer-23",
    "BL-121-opretholdt-doegnophold-23",
    "SEL-76a-3-opretholdt-doegnophold-23",
    "BL-115-1-kontaktperson-til-23",
    "SEL-76-5-kontaktperson-til-23",
    "BL-115-2-kontaktperson-til-19",
    "SEL-76-6-kontaktperson-til-19",
    "BL-11-1-varsel-14-uger",
    "SEL-3a-1-varsel-14-uger",
}


def _measure(art: str = "ungestoette", start: str = "2019-05-10") -> list[dict[str, Any]]:
    """An ungestøtte decision and the measure it began."""
    return [
        {"id": "u1", "type": "afgoerelse_ungestoette", "at": "2018-11-01", "art": art},
        {"id": "i1", "type": "indsats_start", "at": start, "ref": "u1"},
    ]


# --- the vocabulary -------------------------------------------------------------------------------


@pytest.mark.parametrize("event_type", sorted(NEW_TYPES))
def test_new_types_are_documented_and_described(event_type: str) -> None:
    assert_described(event_type, NEW_TYPES[event_type])


def test_additions_to_existing_types_keep_existing_cases_valid() -> None:
    assert EVENT_TYPES["indsats_start"].model_fields["eget_vaerelse"].default is False
    assert EVENT_TYPES["afgoerelse_ungestoette"].model_fields["art"].default == "ungestoette"
    assert "afgoerelse_ungestoette" in (EVENT_TYPES["indsats_start"].ref_types or set())
    case = Case.from_dict(
        _case(
            {"id": "a1", "type": "afgoerelse", "at": "2024-04-10", "indsats": "anbringelse"},
            {"id": "s1", "type": "indsats_start", "at": "2024-04-15", "ref": "a1"},
            {"id": "u1", "type": "afgoerelse_ungestoette", "at": "2024-05-01"},
        )
    )
    start, decision = case.events[1], case.events[2]
    assert isinstance(start, IndsatsStart)
    assert start.eget_vaerelse is False
    assert isinstance(decision, AfgoerelseUngestoette)
    assert decision.art == "ungestoette"


def test_new_events_validate() -> None:
    case = Case.from_dict(
        _case(
            {"id": "f1", "type": "funktionsnedsaettelse", "at": "2024-02-01"},
            {"id": "f2", "type": "funktionsnedsaettelse", "at": "2024-03-01", "art": "lidelse"},
            {"id": "p1", "type": "overgangsforberedelse_start", "at": "2024-09-10", "ref": "f1"},
            {"id": "p2", "type": "overgangsforberedelse_afsluttet", "at": "2026-08-01"},
            {"id": "t1", "type": "tilbud_familievejledning", "at": "2024-04-01", "ref": "f1"},
            {"id": "a1", "type": "afgoerelse", "at": "2024-04-10", "indsats": "anbringelse"},
            {
                "id": "s1",
                "type": "indsats_start",
                "at": "2024-04-15",
                "ref": "a1",
                "eget_vaerelse": True,
            },
            {"id": "k1", "type": "tilbud_kontaktperson", "at": "2025-01-01", "ref": "s1"},
            {
                "id": "u1",
                "type": "afgoerelse_ungestoette",
                "at": "2025-02-01",
                "art": "opretholdt_doegnophold_funktionsnedsaettelse",
            },
            {"id": "s2", "type": "indsats_start", "at": "2025-03-01", "ref": "u1"},
            {"id": "x1", "type": "frakendelse_plads", "at": "2025-06-09", "modtaget": "2025-03-03"},
        ),
    )
    assert len(case.events) == 11


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"type": "funktionsnedsaettelse", "at": "2024-04-20", "art": "handicap"}, "art"),
        ({"type": "afgoerelse_ungestoette", "at": "2024-04-20", "art": "efterværn"}, "art"),
        ({"type": "indsats_start", "at": "2024-04-20", "eget_vaerelse": "kollegium"}, None),
        ({"type": "frakendelse_plads", "at": "2024-04-20", "modtaget": "3 March"}, "modtaget"),
        ({"type": "tilbud_kontaktperson", "at": "2024-04-20", "part": "barn"}, None),
    ],
)
def test_bad_values_are_refused_naming_event_and_field(
    event: dict[str, Any], field: str | None
) -> None:
    text, got = _refused({"id": "e1", **event})
    assert event["type"] in text or "e1" in text
    if field is not None:
        assert got == field
        assert field in text


@pytest.mark.parametrize(
    ("target", "event_type"),
    [
        (
            {"type": "afgoerelse", "at": "2024-04-10", "indsats": "anbringelse"},
            "tilbud_kontaktperson",
        ),
        (
            {"type": "afgoerelse", "at": "2024-04-10", "indsats": "stoette"},
            "tilbud_familievejledning",
        ),
        ({"type": "underretning", "at": "2024-04-10"}, "overgangsforberedelse_start"),
    ],
)
def test_ref_to_the_wrong_type_is_refused(target: dict[str, Any], event_type: str) -> None:
    with pytest.raises(CaseError) as info:
        Case.from_dict(
            _case(
                {"id": "d1", **target},
                {"id": "b1", "type": event_type, "at": "2024-04-20", "ref": "d1"},
            )
        )
    assert event_type in str(info.value) or "b1" in str(info.value)


# --- the rules ----------------------------------------------------------------------------------


def test_all_topic_rules_are_bundled() -> None:
    assert {rule.id for rule in RULES.rules} >= RULE_IDS


def test_the_23rd_birthday_decides_which_law_applies() -> None:
    # born 10 May 2000: 23 in 2023 (Serviceloven); born 10 May 2001: 23 in 2024 (Barnets lov)
    old = _case(*_measure(), birth="2000-05-10")
    new = _case(*_measure(), birth="2001-05-10")
    as_of = date(2024, 6, 1)
    assert [f.status for f in _findings(old, as_of, "SEL-76-7-ophoer-23")] == [Status.OVERDUE]
    assert _findings(old, as_of, "BL-117-ophoer-23") == []
    (finding,) = _findings(new, as_of, "BL-117-ophoer-23")
    assert finding.status is Status.OVERDUE
    assert finding.due == date(2024, 5, 10)
    assert _findings(new, as_of, "SEL-76-7-ophoer-23") == []


@pytest.mark.parametrize(
    ("art", "rule"),
    [
        ("ungestoette", "BL-117-ophoer-23"),
        ("opretholdt_doegnophold", "BL-117-ophoer-23"),
        ("opretholdt_doegnophold_funktionsnedsaettelse", "BL-121-opretholdt-doegnophold-23"),
    ],
)
def test_each_measure_after_18_gets_exactly_one_age_23_finding(art: str, rule: str) -> None:
    data = _case(*_measure(art), birth="2001-05-10")
    findings = [
        f
        for f in evaluate(data, date(2024, 6, 1), rules=RULES).findings
        if f.rule in {"BL-117-ophoer-23", "BL-121-opretholdt-doegnophold-23"}
    ]
    assert [(f.rule, f.status) for f in findings] == [(rule, Status.OVERDUE)]


def test_a_measure_running_past_23_stays_a_violation() -> None:
    data = _case(*_measure(), birth="2001-05-10")
    for as_of in (date(2024, 5, 11), date(2025, 1, 1), date(2030, 1, 1)):
        (finding,) = _findings(data, as_of, "BL-117-ophoer-23")
        assert finding.status.is_violation
    ended = _case(
        *_measure(),
        {"id": "o1", "type": "indsats_ophoer", "at": "2024-06-03", "ref": "i1"},
        birth="2001-05-10",
    )
    (finding,) = _findings(ended, date(2024, 7, 1), "BL-117-ophoer-23")
    assert finding.status is Status.LATE


def test_ungestoette_measures_get_the_first_follow_up() -> None:
    # BL § 95, stk. 1 covers indsatser under §§ 114-116 and 120: the new ref counts as a measure
    data = _case(
        {"id": "u1", "type": "afgoerelse_ungestoette", "at": "2024-08-01"},
        {"id": "i1", "type": "indsats_start", "at": "2024-09-02", "ref": "u1"},
        birth="2006-09-01",
    )
    (finding,) = _findings(data, date(2025, 1, 10), "BL-95-2-foerste-opfoelgning")
    assert finding.status is Status.OVERDUE
    assert finding.due == date(2024, 12, 2)


def test_a_kendskab_before_2024_is_handed_over_to_barnets_lov() -> None:
    data = _case(
        {"id": "f1", "type": "funktionsnedsaettelse", "at": "2015-03-01"},
        birth="2008-09-10",
    )
    report = evaluate(data, date(2024, 10, 1), rules=RULES)
    (start,) = [f for f in report.findings if f.rule == "BL-122-1-forberedelse-16"]
    assert start.status is Status.OVERDUE
    assert start.due == date(2024, 9, 10)
    assert start.transition is not None
    (end,) = [f for f in report.findings if f.rule == "BL-123-3-forberedelse-afsluttet-18"]
    assert end.status is Status.OPEN
    assert end.due == date(2026, 9, 10)
    assert not [f for f in report.findings if f.rule.startswith("SEL-19a")]


def test_one_preparation_answers_every_recorded_impairment() -> None:
    data = _case(
        {"id": "f1", "type": "funktionsnedsaettelse", "at": "2024-02-01"},
        {"id": "f2", "type": "funktionsnedsaettelse", "at": "2024-03-01", "art": "lidelse"},
        {"id": "p1", "type": "overgangsforberedelse_start", "at": "2024-09-10"},
        birth="2008-09-10",
    )
    findings = _findings(data, date(2024, 10, 1), "BL-122-1-forberedelse-16")
    assert [f.status for f in findings] == [Status.MET, Status.MET]
    # only the funktionsevne counts for familievejledning
    (vejledning,) = _findings(data, date(2024, 10, 1), "BL-81-4-familievejledning-3m")
    assert vejledning.trigger.event == "f1"
    assert vejledning.status is Status.OVERDUE


def test_kontaktperson_needs_the_placement_running_on_the_18th_birthday() -> None:
    placement = [
        {"id": "d1", "type": "buu_afgoerelse", "at": "2022-03-01", "art": "anbringelse"},
        {"id": "i1", "type": "indsats_start", "at": "2022-03-05", "ref": "d1"},
    ]
    rule = "BL-115-1-kontaktperson-til-23"
    as_of = date(2024, 10, 1)
    on_birthday = {"id": "o1", "type": "indsats_ophoer", "at": "2024-09-10", "ref": "i1"}
    day_before = {**on_birthday, "at": "2024-09-09"}
    (finding,) = _findings(_case(*placement, on_birthday, birth="2006-09-10"), as_of, rule)
    assert finding.status is Status.OVERDUE
    # documented limitation: a placement recorded as ended the day before is not »running«
    assert _findings(_case(*placement, day_before, birth="2006-09-10"), as_of, rule) == []


def test_an_offer_for_one_placement_does_not_answer_another_case_of_kontaktperson() -> None:
    data = _case(
        {"id": "a1", "type": "afgoerelse", "at": "2024-08-01", "indsats": "anbringelse"},
        {
            "id": "i1",
            "type": "indsats_start",
            "at": "2024-08-15",
            "ref": "a1",
            "eget_vaerelse": True,
        },
        {"id": "a2", "type": "afgoerelse", "at": "2024-09-01", "indsats": "stoette"},
        {"id": "i2", "type": "indsats_start", "at": "2024-09-02", "ref": "a2"},
        {"id": "t1", "type": "tilbud_kontaktperson", "at": "2025-01-20", "ref": "i2"},
        birth="2007-01-31",
    )
    (finding,) = _findings(data, date(2025, 3, 1), "BL-115-2-kontaktperson-til-19")
    assert finding.status is Status.OVERDUE


def test_a_frakendelse_is_checked_on_the_day_it_takes_effect() -> None:
    data = _case(
        {"id": "x1", "type": "frakendelse_plads", "at": "2025-06-06", "modtaget": "2025-03-03"},
    )
    assert _findings(data, date(2025, 6, 1), "BL-11-1-varsel-14-uger") == []
    (finding,) = _findings(data, date(2025, 6, 6), "BL-11-1-varsel-14-uger")
    assert finding.status is Status.EARLY
    assert finding.due == date(2025, 6, 9)
