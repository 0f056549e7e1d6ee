"""Rule-language constructs that the bundled rules do not use yet, on small local rule files."""

from __future__ import annotations

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
