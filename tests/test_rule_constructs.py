"""Rule-language constructs that the bundled rules do not use yet, on small local rule files."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from lovfrist import Status, evaluate, load_rules
from lovfrist.ruleset import RuleSet

HEAD = """
[act]
law = "BL"
name = "Test"
"""

RULE = """
[[rule]]
id = "BL-{para}-1-test"
title = {{ da = "Test", en = "Test" }}
summary = {{ da = "Test", en = "Test" }}
grade = "interpretation"
valid_from = 2024-01-01
{body}

[rule.citation]
law = "BL"
paragraph = "{para}"
stk = 1
consolidation = "LBK nr 282 af 17/03/2025"
file = "barnets-lov_LBK-282-2025.txt"
url = "https://www.retsinformation.dk/eli/lta/2025/282"
text = "test"

[[rule.example]]
name = "placeholder"
as_of = 2024-01-01
expect = []
"""


def _rules(tmp_path: Path, *bodies: tuple[str, str]) -> RuleSet:
    text = HEAD + "".join(RULE.format(para=p, body=b) for p, b in bodies)
    path = tmp_path / "test.toml"
    path.write_text(text, encoding="utf-8")
    return load_rules(path)


DATE_ATTRIBUTE = """
trigger = [{ event = "buu_afgoerelse", where = { art = "opretholdelse" } }]
deadline = { kind = "date_attribute", attribute = "frist" }
fulfilled_by = [{ event = "buu_afgoerelse", match = "any", where = { art = "opretholdelse" } }]
"""

EARLIEST = """
trigger = [{ event = "indsats_start" }]
deadline.amount = 3
deadline.unit = "aar"
deadline.direction = "earliest"
deadline.counting = { grade = "interpretation", basis = "test" }
fulfilled_by = [{ event = "buu_afgoerelse", match = "any", where = { art = "permanent" } }]
"""

ROLL = """
trigger = [{ event = "afgoerelse" }]
deadline.amount = 4
deadline.unit = "uger"
deadline.roll_forward = true
deadline.counting = { grade = "official", basis = "VEJ 9533/2018" }
fulfilled_by = [{ event = "klage", match = "any" }]
"""


def _case(*events: dict[str, object]) -> dict[str, object]:
    return {"case_id": "T", "events": list(events)}


def test_date_attribute_deadline(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("50", DATE_ATTRIBUTE))
    case = _case(
        {
            "id": "d1",
            "type": "buu_afgoerelse",
            "at": "2024-02-01",
            "art": "opretholdelse",
            "frist": "2024-08-01",
        },
        {"id": "d2", "type": "buu_afgoerelse", "at": "2024-08-02", "art": "opretholdelse"},
    )
    findings = evaluate(case, date(2024, 9, 1), rules=rules).findings
    assert [(f.trigger.event, f.status, f.due) for f in findings] == [
        ("d1", Status.LATE, date(2024, 8, 1))
    ]  # d2 sets no date, so it creates no obligation


def test_earliest_direction_reports_early(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("67", EARLIEST))
    early = _case(
        {"id": "s1", "type": "indsats_start", "at": "2024-02-29"},
        {"id": "p1", "type": "buu_afgoerelse", "at": "2027-02-27", "art": "permanent"},
    )
    (finding,) = evaluate(early, date(2027, 3, 1), rules=rules).findings
    assert finding.status is Status.EARLY
    assert finding.due == date(2027, 2, 28)
    assert finding.is_violation
    on_time = _case(
        {"id": "s1", "type": "indsats_start", "at": "2024-02-29"},
        {"id": "p1", "type": "buu_afgoerelse", "at": "2027-02-28", "art": "permanent"},
    )
    (finding,) = evaluate(on_time, date(2027, 3, 1), rules=rules).findings
    assert finding.status is Status.MET


def test_roll_forward_for_citizen_deadlines(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("146", ROLL))
    case = _case(
        {"id": "a1", "type": "afgoerelse", "at": "2025-05-08", "indsats": "stoette"},
        {"id": "k1", "type": "klage", "at": "2025-06-06", "ref": "a1"},
    )
    (finding,) = evaluate(case, date(2025, 7, 1), rules=rules).findings
    assert finding.due == date(2025, 6, 6)  # 5 June is Grundlovsdag
    assert finding.status is Status.MET
    assert "Grundlovsdag" in finding.explanation_da


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            DATE_ATTRIBUTE.replace('attribute = "frist"', 'attribute = "fristen"'),
            "deadline.attribute",
        ),
        (EARLIEST.replace("deadline.amount = 3\n", ""), "deadline"),
        (
            ROLL.replace('deadline.unit = "uger"', 'deadline.unit = "dage"\ndeadline.x = 1'),
            "deadline.x",
        ),
    ],
)
def test_construct_errors_are_located(tmp_path: Path, body: str, field: str) -> None:
    from lovfrist import RuleError

    with pytest.raises(RuleError) as info:
        _rules(tmp_path, ("50", body))
    assert info.value.rule_id == "BL-50-1-test"
    assert info.value.field == field


REUSABLE = """
trigger = [{ event = "afgoerelse" }]
deadline = { kind = "before_trigger" }
fulfilled_by = [{ event = "boernesamtale", match = "any", reusable = true }]
"""

ABSENT = """
trigger = [{ event = "buu_afgoerelse", where = { art = "anbringelse" }, absent = ["frist"] }]
deadline.amount = 1
deadline.unit = "aar"
deadline.counting = { grade = "official", basis = "test" }
fulfilled_by = [{ event = "buu_afgoerelse", match = "any", where = { art = "opretholdelse" } }]
"""


def test_reusable_fulfilment_serves_several_obligations(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("5", REUSABLE))
    case = _case(
        {"id": "s1", "type": "boernesamtale", "at": "2024-03-01"},
        {"id": "a1", "type": "afgoerelse", "at": "2024-03-05", "indsats": "stoette"},
        {"id": "a2", "type": "afgoerelse", "at": "2024-03-05", "indsats": "anbringelse"},
    )
    findings = evaluate(case, date(2024, 4, 1), rules=rules).findings
    assert [
        (f.trigger.event, f.status, f.fulfilled_by and f.fulfilled_by.event) for f in findings
    ] == [
        ("a1", Status.MET, "s1"),
        ("a2", Status.MET, "s1"),
    ]
    single = _rules(tmp_path, ("5", REUSABLE.replace(", reusable = true", "")))
    statuses = [f.status for f in evaluate(case, date(2024, 4, 1), rules=single).findings]
    assert statuses == [Status.MET, Status.OVERDUE]


def test_absent_attribute_condition(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("50", ABSENT))
    case = _case(
        {"id": "d1", "type": "buu_afgoerelse", "at": "2024-02-29", "art": "anbringelse"},
        {
            "id": "d2",
            "type": "buu_afgoerelse",
            "at": "2024-03-01",
            "art": "anbringelse",
            "frist": "2024-09-01",
        },
    )
    findings = evaluate(case, date(2025, 3, 10), rules=rules).findings
    assert [(f.trigger.event, f.due) for f in findings] == [("d1", date(2025, 2, 28))]


RUNNING = """
trigger = [{ event = "indsats_start", clock = ["birthday:16"], running_at_clock = true }]
deadline.amount = 3
deadline.unit = "maaneder"
deadline.counting = { grade = "interpretation", basis = "test" }
fulfilled_by = [{ event = "ungeplan", match = "same_ref" }]
lapses = [{ event = "indsats_ophoer", reason = { da = "ophørt", en = "ended" } }]
"""


def _running_case(birth: str, *events: dict[str, str]) -> dict[str, object]:
    start = {"id": "i1", "type": "indsats_start", "at": "2023-03-15"}
    return {"case_id": "T", "child": {"birth_date": birth}, "events": [start, *events]}


def test_running_at_clock_runs_from_the_birthday(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("108", RUNNING))
    # The measure began in 2023, before valid_from: validity is judged on the birthday.
    (finding,) = evaluate(_running_case("2009-05-10"), date(2025, 9, 1), rules=rules).findings
    assert (finding.trigger.event, finding.status) == ("i1", Status.OVERDUE)
    assert (finding.clock_start, finding.clock_source) == (date(2025, 5, 10), "birthday:16")
    assert finding.due == date(2025, 8, 10)
    plan = {"id": "p1", "type": "ungeplan", "at": "2025-08-10"}
    (met,) = evaluate(_running_case("2009-05-10", plan), date(2025, 9, 1), rules=rules).findings
    assert met.status is Status.MET
    late = {**plan, "at": "2025-08-11"}
    (f,) = evaluate(_running_case("2009-05-10", late), date(2025, 9, 1), rules=rules).findings
    assert f.status is Status.LATE


def test_running_at_clock_born_29_february(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("108", RUNNING))
    # 2028 is a leap year; 16 years after a leap year always is (until 2100).
    (f,) = evaluate(_running_case("2012-02-29"), date(2028, 6, 1), rules=rules).findings
    assert (f.clock_start, f.due) == (date(2028, 2, 29), date(2028, 5, 29))


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ("2025-05-09", []),  # ended the day before the birthday: never running at 16
        ("2025-05-10", [Status.LAPSED]),  # ended on the birthday: it arose, then lapsed
        ("2025-06-01", [Status.LAPSED]),
    ],
)
def test_running_at_clock_measure_ended(tmp_path: Path, end: str, expected: list[Status]) -> None:
    rules = _rules(tmp_path, ("108", RUNNING))
    ended = {"id": "o1", "type": "indsats_ophoer", "at": end, "ref": "i1"}
    case = _running_case("2009-05-10", ended)
    assert [f.status for f in evaluate(case, date(2025, 9, 1), rules=rules).findings] == expected
    closed = _running_case("2009-05-10", {"id": "c1", "type": "sag_lukket", "at": "2025-05-09"})
    assert evaluate(closed, date(2025, 9, 1), rules=rules).findings == ()


def test_running_at_clock_measure_started_after_the_birthday(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("108", RUNNING))

    def started(day: str) -> dict[str, object]:
        events = [{"id": "i1", "type": "indsats_start", "at": day}]
        return {"case_id": "T", "child": {"birth_date": "2008-06-01"}, "events": events}

    # 16 on 2024-06-01: a measure begun the day after was not running on the birthday.
    assert evaluate(started("2024-06-02"), date(2024, 10, 1), rules=rules).findings == ()
    (f,) = evaluate(started("2024-06-01"), date(2024, 10, 1), rules=rules).findings
    assert (f.status, f.due) == (Status.OVERDUE, date(2024, 9, 1))


def test_running_at_clock_validity_is_judged_on_the_birthday(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("108", RUNNING))  # valid_from 2024-01-01
    before = _running_case("2007-12-31")  # 16 on 2023-12-31
    assert evaluate(before, date(2024, 9, 1), rules=rules).findings == ()
    (f,) = evaluate(_running_case("2008-01-01"), date(2024, 9, 1), rules=rules).findings
    assert f.due == date(2024, 4, 1)


def test_running_at_clock_without_birth_date_is_undetermined(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("108", RUNNING))
    case = _case({"id": "i1", "type": "indsats_start", "at": "2023-03-15"})
    (f,) = evaluate(case, date(2025, 9, 1), rules=rules).findings
    assert (f.status, f.missing) == (Status.UNDETERMINED, "child.birth_date")
    ended = _case(
        {"id": "i1", "type": "indsats_start", "at": "2023-03-15"},
        {"id": "o1", "type": "indsats_ophoer", "at": "2023-12-01", "ref": "i1"},
    )  # ended before the rule was in force: no birthday while it ran can count
    assert evaluate(ended, date(2025, 9, 1), rules=rules).findings == ()


@pytest.mark.parametrize(
    ("trigger", "message"),
    [
        (
            'event = "afgoerelse", clock = ["birthday:16"], running_at_clock = true',
            "running_at_clock needs event 'indsats_start'",
        ),
        (
            'event = "indsats_start", running_at_clock = true',
            "running_at_clock needs exactly one clock source 'birthday:N'",
        ),
        (
            'event = "indsats_start", clock = ["birthday:16", "at"], running_at_clock = true',
            "running_at_clock needs exactly one clock source 'birthday:N'",
        ),
    ],
)
def test_running_at_clock_misuse_is_a_rule_error(
    tmp_path: Path, trigger: str, message: str
) -> None:
    from lovfrist import RuleError

    body = RUNNING.replace(
        'event = "indsats_start", clock = ["birthday:16"], running_at_clock = true', trigger
    )
    with pytest.raises(RuleError) as info:
        _rules(tmp_path, ("108", body))
    assert info.value.rule_id == "BL-108-1-test"
    assert info.value.field == "trigger.0"
    assert message in info.value.message


FINAL = (
    '\ntrigger = [{ event = "buu_afgoerelse", where = { art = "anbringelse" }, final_decision = '
    '{ events = ["ast_afgoerelse", "dom"], where = { udfald = ["stadfaestet", "aendret"] } } }]'
    """
deadline.amount = 1
deadline.unit = "aar"
deadline.counting = { grade = "official", basis = "test" }
fulfilled_by = [{ event = "buu_afgoerelse", where = { art = "opretholdelse" } }]
"""
)

_D1: dict[str, object] = {
    "id": "d1",
    "type": "buu_afgoerelse",
    "at": "2024-04-17",
    "art": "anbringelse",
}


def _final(tmp_path: Path, as_of: date, *events: Mapping[str, object]) -> list[tuple[object, ...]]:
    rules = _rules(tmp_path, ("50", FINAL))
    report = evaluate(_case(_D1, *map(dict, events)), as_of, rules=rules)
    return [(f.status, f.due, f.clock_source, f.clock_start) for f in report.findings]


def test_final_decision_moves_the_clock(tmp_path: Path) -> None:
    ast: dict[str, object] = {"id": "a1", "type": "ast_afgoerelse", "at": "2024-09-17", "ref": "d1"}
    upheld: dict[str, object] = {**ast, "udfald": "stadfaestet"}
    assert _final(tmp_path, date(2025, 5, 1), upheld) == [
        (Status.OPEN, date(2025, 9, 17), "final", date(2024, 9, 17))
    ]
    # Without an appeal, and with one that does not leave the decision standing, it stays.
    no_move = (Status.OVERDUE, date(2025, 4, 17), "at", date(2024, 4, 17))
    assert _final(tmp_path, date(2025, 5, 1)) == [no_move]
    assert _final(tmp_path, date(2025, 5, 1), {**ast, "udfald": "afvist"}) == [no_move]
    # Naming another decision, it is not an appeal of this one.
    other: dict[str, object] = {"id": "x", "type": "formandsafgoerelse", "at": "2024-03-01"}
    assert _final(tmp_path, date(2025, 5, 1), other, {**upheld, "ref": "x"}) == [no_move]


def test_final_decision_follows_the_chain_to_the_latest(tmp_path: Path) -> None:
    ast: dict[str, object] = {"id": "a1", "type": "ast_afgoerelse", "at": "2024-06-10", "ref": "d1"}
    ast["udfald"] = "stadfaestet"
    dom: dict[str, object] = {
        "id": "j1",
        "type": "dom",
        "at": "2025-03-03",
        "ref": "a1",
        "udfald": "aendret",
    }
    appeal: dict[str, object] = {
        "id": "j2",
        "type": "dom",
        "at": "2026-01-05",
        "ref": "j1",
        "udfald": "stadfaestet",
    }
    (got,) = _final(tmp_path, date(2026, 2, 1), ast, dom, appeal)
    assert got == (Status.OPEN, date(2027, 1, 5), "final", date(2026, 1, 5))
    # A judgment on Ankestyrelsen's decision in another case is not counted.
    other: dict[str, object] = {"id": "x", "type": "formandsafgoerelse", "at": "2024-03-01"}
    other_ast: dict[str, object] = {**ast, "id": "a2", "ref": "x"}
    (got,) = _final(tmp_path, date(2026, 2, 1), other, ast, other_ast, {**dom, "ref": "a2"})
    assert got[:2] == (Status.OVERDUE, date(2025, 6, 10))


def test_final_decision_after_the_due_date_never_turns_back(tmp_path: Path) -> None:
    ast: dict[str, object] = {"id": "a1", "type": "ast_afgoerelse", "at": "2024-06-10", "ref": "d1"}
    ast["udfald"] = "stadfaestet"
    late_dom: dict[str, object] = {
        "id": "j1",
        "type": "dom",
        "at": "2025-06-11",
        "ref": "a1",
        "udfald": "stadfaestet",
    }
    before = _final(tmp_path, date(2025, 6, 10), ast)
    after = _final(tmp_path, date(2025, 10, 1), ast, late_dom)
    assert before == [(Status.OPEN, date(2025, 6, 10), "final", date(2024, 6, 10))]
    assert after == [(Status.OVERDUE, date(2025, 6, 10), "final", date(2024, 6, 10))]
    # Dated on the due date itself, it still moves it.
    on_due: dict[str, object] = {**late_dom, "at": "2025-06-10"}
    (got,) = _final(tmp_path, date(2025, 10, 1), ast, on_due)
    assert got == (Status.OPEN, date(2026, 6, 10), "final", date(2025, 6, 10))


def test_final_decision_without_outcome_is_undetermined(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("50", FINAL))
    ast: dict[str, object] = {"id": "a1", "type": "ast_afgoerelse", "at": "2024-09-17", "ref": "d1"}
    (f,) = evaluate(_case(_D1, ast), date(2025, 10, 1), rules=rules).findings
    assert (f.status, f.due, f.missing) == (
        Status.UNDETERMINED,
        date(2025, 9, 17),
        "ast_afgoerelse.udfald",
    )
    assert "endelige afgørelse" in f.explanation_da
    renewed: dict[str, object] = {
        "id": "d2",
        "type": "buu_afgoerelse",
        "at": "2025-04-17",
        "art": "opretholdelse",
    }
    (f,) = evaluate(
        _case(_D1, ast, {**renewed, "ref": "d1"}), date(2025, 10, 1), rules=rules
    ).findings
    assert f.status is Status.MET


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"dom"]', '"anke"]', "final_decision: unknown event type 'anke'"),
        ('["ast_afgoerelse", "dom"]', '["dom"]', "none of ['dom'] can name 'buu_afgoerelse'"),
        ('udfald = ["stadfaestet", "aendret"]', 'art = "x"', "has no attribute 'art'"),
        ('"aendret"]', '"godkendt"]', "'godkendt' is not a value of ast_afgoerelse.udfald"),
    ],
)
def test_final_decision_misuse_is_a_rule_error(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    from lovfrist import RuleError

    with pytest.raises(RuleError) as info:
        _rules(tmp_path, ("50", FINAL.replace(old, new)))
    assert info.value.rule_id == "BL-50-1-test"
    assert info.value.field == "trigger.0"
    assert message in info.value.message


def test_final_decision_needs_a_period_deadline(tmp_path: Path) -> None:
    from lovfrist import RuleError

    body = FINAL.replace('deadline.unit = "aar"', 'deadline.unit = "timer"')
    with pytest.raises(RuleError) as info:
        _rules(tmp_path, ("50", body))
    assert info.value.rule_id == "BL-50-1-test"
    assert "final_decision restarts a period" in info.value.message
