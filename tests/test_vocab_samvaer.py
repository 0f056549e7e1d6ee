"""Vocabulary extension for samvær (BL §§ 103-104; issue #3).

``samvaersafgoerelse`` is the municipality's decision on samvær and kontakt with a placed child.
With ``art = "suspension"`` and its last day ``periode_slut`` it is the decision to suspend samvær
on the child's request, which BL § 104, stk. 5 (stk. 4 before LBK 282/2025) limits to 8 uger:
``BL-104-5-suspension-8u`` reports a longer period as ``early`` (a violation) at the decision.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Case, CaseError, bundled_rules, evaluate, read_cases
from lovfrist.errors import RuleError
from lovfrist.events import EVENT_TYPES, Samvaersafgoerelse, attributes_of
from lovfrist.lint import normalise, provision_text
from lovfrist.report import Finding, Status
from lovfrist.ruleset import load_rules

ROOT = Path(__file__).parents[1]
RULES = bundled_rules()
RULE_ID = "BL-104-5-suspension-8u"


def _case(*events: dict[str, Any]) -> dict[str, Any]:
    return {"case_id": "S-1", "events": list(events)}


def _suspension(at: str, periode_slut: str | None = None, **extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {"type": "samvaersafgoerelse", "at": at, "art": "suspension"}
    if periode_slut is not None:
        event["periode_slut"] = periode_slut
    return {**event, **extra}


def _findings(data: dict[str, Any], as_of: date) -> list[Finding]:
    return [f for f in evaluate(data, as_of, rules=RULES).findings if f.rule == RULE_ID]


def _problem(data: dict[str, Any]) -> tuple[str | None, str]:
    with pytest.raises(CaseError) as info:
        Case.from_dict(data)
    (problem,) = info.value.problems
    assert problem.event_index == 0
    return problem.field, problem.message


# --- the event ----------------------------------------------------------------------------------


def test_samvaersafgoerelse_is_in_the_vocabulary_with_its_attributes() -> None:
    assert EVENT_TYPES["samvaersafgoerelse"] is Samvaersafgoerelse
    assert set(attributes_of("samvaersafgoerelse")) == {"art", "periode_slut"}
    assert Samvaersafgoerelse.label == ("afgørelse om samvær", "decision on contact")
    assert Samvaersafgoerelse.ref_types is None  # may name the placement or anything else
    for name, field in Samvaersafgoerelse.model_fields.items():
        if name in ("art", "periode_slut"):
            assert field.description


def test_a_suspension_validates_and_round_trips() -> None:
    case = Case.from_dict(
        _case({"id": "a1", "type": "afgoerelse", "at": "2024-02-01", "indsats": "anbringelse"},
              _suspension("2025-03-03", "2025-04-28", id="s1", ref="a1"))
    )  # fmt: skip
    event = case.events[1]
    assert isinstance(event, Samvaersafgoerelse)
    assert event.art == "suspension"
    assert event.periode_slut == date(2025, 4, 28)
    assert event.ref == "a1"
    assert Case.from_json(case.to_json()) == case


def test_periode_slut_is_optional() -> None:
    event = Case.from_dict(_case(_suspension("2025-03-03"))).events[0]
    assert isinstance(event, Samvaersafgoerelse)
    assert event.periode_slut is None


def test_art_is_required() -> None:
    field, message = _problem(_case({"id": "s1", "type": "samvaersafgoerelse", "at": "2025-03-03"}))
    assert field == "art"
    assert "required" in message.lower() or "missing" in message.lower()


def test_a_misspelt_art_names_the_event_and_the_field() -> None:
    data = _case(
        {"id": "s1", "type": "samvaersafgoerelse", "at": "2025-03-03", "art": "suspendering"}
    )
    field, message = _problem(data)
    assert field == "art"
    assert "suspension" in message
    with pytest.raises(CaseError, match=r"event #0 \(id 's1'\), field 'art'"):
        Case.from_dict(data)


def test_a_bad_periode_slut_is_refused_with_the_field() -> None:
    field, message = _problem(_case(_suspension("2025-03-03", "28-04-2025")))
    assert field == "periode_slut"
    assert "2025-03-01" in message or "date" in message


def test_an_unknown_attribute_is_refused() -> None:
    field, message = _problem(_case(_suspension("2025-03-03", "2025-04-28", periode_start="x")))
    assert field == "periode_start"
    assert "samvaersafgoerelse" in message


def test_csv_event_log_carries_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "case_id,id,type,at,art,periode_slut\n"
        "K-1,s1,samvaersafgoerelse,2025-03-03,suspension,2025-04-29\n",
        encoding="utf-8",
    )
    (item,) = list(read_cases(path))
    assert item.error is None
    assert item.case is not None
    event = item.case.events[0]
    assert isinstance(event, Samvaersafgoerelse)
    assert event.periode_slut == date(2025, 4, 29)
    (finding,) = evaluate(item.case, date(2025, 3, 3), rules=RULES).findings
    assert (finding.rule, finding.status) == (RULE_ID, Status.EARLY)


# --- the rule -----------------------------------------------------------------------------------


def test_eight_weeks_exactly_is_met_one_day_more_is_a_violation_at_the_decision() -> None:
    (met,) = _findings(_case(_suspension("2025-03-03", "2025-04-28", id="s1")), date(2025, 3, 3))
    assert met.status is Status.MET
    assert met.due == date(2025, 3, 3)
    assert met.fulfilled_by is not None
    assert met.fulfilled_by.event == "s1"

    (early,) = _findings(_case(_suspension("2025-03-03", "2025-04-29", id="s1")), date(2025, 3, 3))
    assert early.status is Status.EARLY
    assert early.status.is_violation
    assert early.due == date(2025, 3, 4)
    assert "8 uger" in early.explanation_da


def test_the_violation_stays_a_violation_later() -> None:
    data = _case(_suspension("2025-03-03", "2025-06-02", id="s1"))
    statuses = {_findings(data, as_of)[0].status for as_of in (date(2025, 3, 3), date(2026, 1, 1))}
    assert statuses == {Status.EARLY}


def test_no_last_day_recorded_is_undetermined_never_a_violation() -> None:
    (finding,) = _findings(_case(_suspension("2025-03-03", id="s1")), date(2025, 12, 31))
    assert finding.status is Status.UNDETERMINED
    assert finding.due is None


def test_suspension_before_barnets_lov_gives_no_finding() -> None:
    assert _findings(_case(_suspension("2023-12-20", "2024-01-10")), date(2024, 3, 1)) == []


def test_a_samvaer_decision_is_not_a_decision_on_a_measure() -> None:
    """Only BL-104-5 reads it: no iværksættelse, plan or investigation before it is asked for."""
    report = evaluate(_case(_suspension("2025-03-03", "2025-04-28")), date(2025, 6, 1), rules=RULES)
    assert [f.rule for f in report.findings] == [RULE_ID]


def test_citation_is_stk_5_now_and_the_same_sentence_was_stk_4_before() -> None:
    rule = RULES[RULE_ID]
    cit = rule.citation
    assert (cit.paragraph, cit.stk, cit.consolidation) == ("104", 5, "LBK nr 282 af 17/03/2025")
    assert cit.also_in == ()  # the other consolidations number it stk. 4
    quote = normalise(cit.text)
    statutes = ROOT / "rules" / "statutes"
    current = (statutes / cit.file).read_text(encoding="utf-8")
    assert quote in normalise(provision_text(current, "104", 5) or "")
    for name in (
        "barnets-lov_LOV-721-2023.txt",
        "barnets-lov_LBK-83-2024.txt",
        "barnets-lov_LBK-890-2024.txt",
    ):
        text = (statutes / name).read_text(encoding="utf-8")
        assert quote in normalise(provision_text(text, "104", 4) or "")
        assert quote not in normalise(provision_text(text, "104", 5) or "")
    assert any("stk. 4" in note for note in rule.interpretation)


def test_a_misspelt_art_in_a_rule_is_refused_when_loaded(tmp_path: Path) -> None:
    bl = (ROOT / "rules" / "barnets_lov.toml").read_text(encoding="utf-8")
    needle = 'event = "samvaersafgoerelse"\nwhere = { art = "suspension" }'
    assert needle in bl
    broken = bl.replace(needle, needle.replace('"suspension"', '"suspenson"'), 1)
    path = tmp_path / "barnets_lov.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RuleError, match="art"):
        load_rules(path)
