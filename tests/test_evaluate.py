"""The evaluator: statuses, matching, events after the as-of date, and its invariants."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from lovfrist import Case, InputError, Status, evaluate
from lovfrist.calendar import COPENHAGEN


def _case(*events: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"case_id": "S-1", "events": list(events), **extra}


def _only(report: Any, rule: str) -> Any:
    (finding,) = [f for f in report.findings if f.rule == rule]
    return finding


def test_spec_example_fields() -> None:
    report = evaluate(
        _case(
            {"id": "u1", "type": "underretning", "at": "2024-03-10T10:00:00+01:00"},
            {"id": "b1", "type": "bfu_start", "at": "2024-03-12", "ref": "u1"},
        ),
        date(2024, 8, 1),
    )
    data = json.loads(report.to_json())
    bfu = next(f for f in data["findings"] if f["rule"] == "BL-20-3-bfu-4m")
    spec_fields = [
        "rule", "law", "paragraph", "stk", "pkt", "citation", "status", "due", "trigger",
        "fulfilled_by", "days_overdue", "explanation",
    ]  # fmt: skip
    assert list(bfu)[: len(spec_fields)] == spec_fields
    assert bfu["citation"] == "barnets lov § 20, stk. 3, 1. pkt."
    assert (bfu["status"], bfu["due"], bfu["days_overdue"]) == ("overdue", "2024-07-10", 22)
    assert bfu["trigger"] == {"event": "b1", "type": "bfu_start", "at": "2024-03-12"}
    assert (
        "underretning modtaget 10.03.2024 + 4 måneder = 10.07.2024"
        in bfu["explanation"]["da"].lower()
    )
    assert "barnets lov § 20, stk. 3, 1. pkt." in bfu["explanation"]["en"]
    assert data["summary"]["violations"] == len(report.violations)
    assert data["as_of"] == "2024-08-01"


def test_findings_sorted_by_due_then_rule() -> None:
    report = evaluate(
        _case(
            {"id": "u1", "type": "underretning", "at": "2024-03-10T10:00:00"},
            {"id": "b1", "type": "bfu_start", "at": "2024-03-12", "ref": "u1"},
        ),
        date(2024, 8, 1),
    )
    keys = [f.sort_key() for f in report.findings]
    assert keys == sorted(keys)
    assert [f.rule for f in report.findings][:2] == [
        "BL-136-2-vurdering-24t",
        "BL-138-1-kvittering-6hverdage",
    ]


def test_events_after_as_of_are_unknown() -> None:
    data = _case(
        {"id": "u1", "type": "underretning", "at": "2024-03-10T10:00:00"},
        {"id": "v1", "type": "underretning_vurderet", "at": "2024-03-10T12:00:00", "ref": "u1"},
    )
    assert (
        _only(evaluate(data, datetime(2024, 3, 10, 11, 0)), "BL-136-2-vurdering-24t").status
        is Status.OPEN
    )
    assert _only(evaluate(data, date(2024, 3, 10)), "BL-136-2-vurdering-24t").status is Status.MET
    assert evaluate(data, date(2024, 3, 9)).findings == ()


def test_fifo_and_ref_matching_are_reported() -> None:
    report = evaluate(
        _case(
            {"id": "u1", "type": "underretning", "at": "2025-01-06"},
            {"id": "u2", "type": "underretning", "at": "2025-01-07"},
            {"id": "k2", "type": "kvittering", "at": "2025-01-08", "ref": "u2"},
            {"id": "k1", "type": "kvittering", "at": "2025-01-09"},
        ),
        date(2025, 2, 1),
    )
    kv = [f for f in report.findings if f.rule == "BL-138-1-kvittering-6hverdage"]
    assert [
        (f.trigger.event, f.fulfilled_by.event, f.fulfilled_by.matched_by)
        for f in kv
        if f.fulfilled_by
    ] == [
        ("u1", "k1", "order"),
        ("u2", "k2", "ref"),
    ]
    assert "matched by order" in kv[0].explanation_en


def test_main_rule_and_fallback_are_separate_findings() -> None:
    report = evaluate(
        _case(
            {"id": "b1", "type": "bfu_start", "at": "2024-02-01"},
            {"id": "f1", "type": "foreloebig_vurdering", "at": "2024-05-30", "ref": "b1"},
            {"id": "a1", "type": "bfu_afsluttet", "at": "2024-07-01", "ref": "b1"},
        ),
        date(2024, 8, 1),
    )
    assert _only(report, "BL-20-3-bfu-4m").status is Status.LATE
    assert _only(report, "BL-20-3-foreloebig-vurdering").status is Status.MET
    snarest = _only(report, "BL-20-3-afslutning-snarest")
    assert snarest.status is Status.MET
    assert snarest.due is None


def test_no_fixed_time_is_open_upcoming_and_never_a_violation() -> None:
    report = evaluate(
        _case(
            {"id": "b1", "type": "bfu_start", "at": "2024-02-01"},
            {"id": "f1", "type": "foreloebig_vurdering", "at": "2024-05-30", "ref": "b1"},
        ),
        date(2030, 1, 1),
    )
    snarest = _only(report, "BL-20-3-afslutning-snarest")
    assert snarest.status is Status.OPEN
    assert snarest.due is None
    assert snarest in report.upcoming
    assert snarest not in report.violations


def test_transition_is_cited() -> None:
    report = evaluate(
        _case({"id": "u1", "type": "underretning", "at": "2023-12-20"}), date(2024, 1, 10)
    )
    kv = _only(report, "BL-138-1-kvittering-6hverdage")
    assert kv.transition is not None
    assert kv.transition.from_rule == "SEL-155b-1-kvittering-6hverdage"
    assert kv.transition.basis == "barnets lov § 213, stk. 1"
    assert kv.transition.grade == "statute"
    assert "§ 213, stk. 1" in kv.explanation_da


def test_hour_rule_with_datetime_as_of_and_offsets() -> None:
    report = evaluate(
        _case({"id": "u1", "type": "underretning", "at": "2025-03-29T10:00:00"}),
        datetime(2025, 3, 30, 10, 59),
    )
    finding = _only(report, "BL-136-2-vurdering-24t")
    assert finding.status is Status.OPEN
    assert isinstance(finding.due, datetime)
    assert finding.due.astimezone(COPENHAGEN).isoformat() == "2025-03-30T11:00:00+02:00"


def test_missing_birth_date_is_undetermined_not_guessed() -> None:
    report = evaluate(
        _case({"id": "a1", "type": "afgoerelse", "at": "2024-05-31", "indsats": "anbringelse"}),
        date(2024, 9, 10),
    )
    finding = _only(report, "BL-91-2-barnets-plan-anbringelse-3m")
    assert finding.status is Status.UNDETERMINED
    assert finding.missing == "child.birth_date"
    assert "child.birth_date" in finding.explanation_en


def test_bad_arguments() -> None:
    with pytest.raises(InputError, match="profile"):
        evaluate(_case(), date(2024, 1, 1), profile="weekend")
    with pytest.raises(InputError, match="as_of"):
        evaluate(_case(), "2024-01-01")  # type: ignore[arg-type]


def test_strict_profile_is_reported() -> None:
    report = evaluate(
        _case({"type": "underretning", "at": "2024-12-20"}), date(2025, 1, 10), profile="strict"
    )
    assert report.profile == "strict"
    assert _only(report, "BL-138-1-kvittering-6hverdage").due == date(2024, 12, 30)


def test_example_case_in_examples_dir() -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "examples" / "straddling-2024.json"
    report = evaluate(Case.from_json(path.read_text(encoding="utf-8")), date(2024, 9, 1))
    rules = {f.rule for f in report.findings}
    assert {"SEL-155-2-vurdering-24t", "BL-138-1-kvittering-6hverdage", "BL-20-3-bfu-4m"} <= rules
    handed_over = {f.rule for f in report.findings if f.transition}
    assert "BL-20-3-bfu-4m" in handed_over


# --- regressions found in review ------------------------------------------------------------


def test_hour_window_of_a_date_only_trigger_is_elapsed_time_across_dst() -> None:
    # Received some time on 29 March 2025 (summer time starts on the 30th), assessed 31 March:
    # 23:30 + 24 elapsed hours is 31 March 00:30, so the dates alone cannot decide it.
    report = evaluate(
        _case(
            {"id": "u1", "type": "underretning", "at": "2025-03-29"},
            {"id": "v1", "type": "underretning_vurderet", "at": "2025-03-31", "ref": "u1"},
        ),
        date(2025, 4, 10),
    )
    assert _only(report, "BL-136-2-vurdering-24t").status is Status.UNDETERMINED
    timed = evaluate(
        _case(
            {"id": "u1", "type": "underretning", "at": "2025-03-29T23:30:00"},
            {"id": "v1", "type": "underretning_vurderet", "at": "2025-03-31T00:10:00", "ref": "u1"},
        ),
        date(2025, 4, 10),
    )
    assert _only(timed, "BL-136-2-vurdering-24t").status is Status.MET


def test_hand_over_never_moves_a_due_date_before_the_successor_was_in_force() -> None:
    report = evaluate(
        _case(
            {"id": "b1", "type": "bfu_start", "at": "2023-09-01"},
            {"id": "s1", "type": "indsats_start", "at": "2023-10-05"},
            {"id": "a1", "type": "bfu_afsluttet", "at": "2023-11-20", "ref": "b1"},
            {"id": "o1", "type": "opfoelgning", "at": "2024-01-03", "ref": "s1"},
        ),
        date(2024, 2, 1),
    )
    (first,) = [f for f in report.findings if f.trigger.event == "s1"]
    assert (first.rule, first.due, first.status) == (
        "SEL-70-1-foerste-vurdering-3m",
        date(2024, 1, 5),
        Status.MET,
    )
    assert first.transition is not None
    assert first.transition.grade == "interpretation"


def test_investigation_begun_after_the_measure_is_not_parallel() -> None:
    report = evaluate(
        _case(
            {"id": "s1", "type": "indsats_start", "at": "2025-01-31"},
            {"id": "b1", "type": "bfu_start", "at": "2025-02-10"},
            {"id": "a1", "type": "bfu_afsluttet", "at": "2025-03-14", "ref": "b1"},
        ),
        date(2025, 3, 20),
    )
    assert _only(report, "BL-95-2-foerste-opfoelgning").due == date(2025, 4, 30)


def test_an_ending_event_without_ref_ends_only_an_unambiguous_measure() -> None:
    one = _case(
        {"id": "s1", "type": "indsats_start", "at": "2025-01-31"},
        {"id": "e1", "type": "indsats_ophoer", "at": "2025-02-20"},
    )
    assert (
        _only(evaluate(one, date(2025, 6, 1)), "BL-95-2-foerste-opfoelgning").status
        is Status.LAPSED
    )
    two = _case(
        {"id": "s1", "type": "indsats_start", "at": "2025-01-31"},
        {"id": "s2", "type": "indsats_start", "at": "2025-02-03"},
        {"id": "e1", "type": "indsats_ophoer", "at": "2025-02-20"},
    )
    statuses = {f.trigger.event: f.status for f in evaluate(two, date(2025, 6, 1)).findings}
    assert statuses == {"s1": Status.OVERDUE, "s2": Status.OVERDUE}


def test_unverified_calendar_year_is_undetermined_not_a_failed_case() -> None:
    report = evaluate(
        _case(
            {"id": "u1", "type": "underretning", "at": "2012-11-01T10:00:00"},
            {"id": "b1", "type": "bfu_start", "at": "2012-11-02", "ref": "u1"},
        ),
        date(2013, 6, 1),
    )
    kv = _only(report, "SEL-155b-1-kvittering-6hverdage")
    assert kv.status is Status.UNDETERMINED
    assert kv.missing is not None
    assert "2012" in kv.missing
    assert _only(report, "SEL-50-7-bfu-4m").status is Status.OVERDUE


def test_nonexistent_naive_as_of_is_an_input_error() -> None:
    with pytest.raises(InputError, match="does not exist"):
        evaluate(_case(), datetime(2025, 3, 30, 2, 30))


def test_compact_iso_date_is_a_date_not_midnight() -> None:
    case = Case.from_dict(_case({"type": "underretning", "at": "20240310"}))
    assert case.events[0].at == date(2024, 3, 10)
    assert not isinstance(case.events[0].at, datetime)


def test_child_null_and_allow_cpr_on_evaluate() -> None:
    report = evaluate(
        {"case_id": "010203-1234", "child": None, "events": []}, date(2024, 1, 1), allow_cpr=True
    )
    assert report.case_id == "010203-1234"


def test_hand_over_happens_only_when_evaluated_after_the_repeal() -> None:
    data = _case(
        {"id": "u1", "type": "underretning", "at": "2023-09-10"},
        {"id": "b1", "type": "bfu_start", "at": "2023-09-15", "ref": "u1"},
    )
    before = _only(evaluate(data, date(2023, 10, 1)), "SEL-50-7-bfu-4m")
    assert before.status is Status.OPEN
    assert before.transition is None
    after = _only(evaluate(data, date(2024, 2, 1)), "BL-20-3-bfu-4m")
    assert after.transition is not None


def test_an_obligation_that_lapsed_in_2023_is_not_handed_over() -> None:
    data = _case(
        {"id": "u1", "type": "underretning", "at": "2023-10-10"},
        {"id": "b1", "type": "bfu_start", "at": "2023-10-15", "ref": "u1"},
        {"id": "c1", "type": "sag_lukket", "at": "2023-11-20"},
    )
    finding = _only(evaluate(data, date(2024, 3, 1)), "SEL-50-7-bfu-4m")
    assert finding.status is Status.LAPSED
    assert finding.transition is None


def test_unreferenced_follow_up_keeps_the_six_month_chain() -> None:
    report = evaluate(
        _case(
            {"id": "s1", "type": "indsats_start", "at": "2023-01-10"},
            {"id": "o1", "type": "opfoelgning", "at": "2023-04-05"},
            {"id": "o2", "type": "opfoelgning", "at": "2023-07-05", "ref": "s1"},
        ),
        date(2023, 12, 31),
    )
    cycle = {
        f.trigger.event: f.status
        for f in report.findings
        if f.rule == "SEL-70-1-vurdering-hoejst-6m"
    }
    assert cycle == {"o1": Status.MET, "o2": Status.OPEN}


def test_investigation_concluded_the_day_the_measure_starts_is_not_parallel() -> None:
    report = evaluate(
        _case(
            {"id": "b1", "type": "bfu_start", "at": "2025-01-10"},
            {"id": "a1", "type": "bfu_afsluttet", "at": "2025-03-14", "ref": "b1"},
            {"id": "s1", "type": "indsats_start", "at": "2025-03-14"},
            {"id": "o1", "type": "opfoelgning", "at": "2025-04-30", "ref": "s1"},
        ),
        date(2025, 7, 1),
    )
    first = _only(report, "BL-95-2-foerste-opfoelgning")
    assert (first.due, first.status) == (date(2025, 6, 14), Status.MET)


def test_a_lapsed_obligation_takes_no_later_fulfilment() -> None:
    report = evaluate(
        _case(
            {"id": "s1", "type": "indsats_start", "at": "2024-02-01"},
            {"id": "e1", "type": "indsats_ophoer", "at": "2024-03-01", "ref": "s1"},
            {"id": "s2", "type": "indsats_start", "at": "2024-06-03"},
            {"id": "o1", "type": "opfoelgning", "at": "2024-07-01"},
        ),
        date(2024, 10, 1),
    )
    statuses = {f.trigger.event: (f.status, f.fulfilled_by) for f in report.findings}
    assert statuses["s1"] == (Status.LAPSED, None)
    assert statuses["s2"][0] is Status.MET


def test_danish_explanation_of_undetermined_is_danish() -> None:
    report = evaluate(
        _case(
            {"id": "u1", "type": "underretning", "at": "2025-03-14"},
            {"id": "v1", "type": "underretning_vurderet", "at": "2025-03-15", "ref": "u1"},
        ),
        date(2025, 4, 1),
    )
    finding = _only(report, "BL-136-2-vurdering-24t")
    assert finding.status is Status.UNDETERMINED
    assert "klokkeslættet for u1 og v1" in finding.explanation_da
    assert "time of day" not in finding.explanation_da
    assert finding.missing == "the time of day of u1 and v1"
