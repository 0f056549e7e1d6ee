"""The agenda: which obligations it picks, its order and groups, its text, records and iCalendar."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from lovfrist import CaseResult, InputError, Report, Status, evaluate, evaluate_many
from lovfrist.agenda import AgendaItem, agenda, agenda_records, render_agenda, to_ics
from lovfrist.ruleset import RuleSet
from lovfrist.synthetic import Compliance, generate_caseload

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = json.loads((ROOT / "examples" / "case-2022-2025.json").read_text(encoding="utf-8"))


def _bfu_case(case_id: str = "A-1", **meta: str) -> dict[str, Any]:
    """A børnefaglig undersøgelse started 12.03.2024: two findings due 12.07.2024."""
    case: dict[str, Any] = {
        "case_id": case_id,
        "events": [{"id": "b1", "type": "bfu_start", "at": "2024-03-12"}],
    }
    if meta:
        case["meta"] = meta
    return case


BFU_DUE = date(2024, 7, 12)
BFU_RULES = {"BL-20-3-bfu-4m", "BL-20-3-foreloebig-vurdering"}


def _agenda(cases: list[dict[str, Any]], as_of: date, **kwargs: Any) -> list[AgendaItem]:
    return agenda([evaluate(c, as_of) for c in cases], as_of=as_of, **kwargs)


# --- selection --------------------------------------------------------------------------------


def test_due_on_the_last_day_of_the_window_is_included() -> None:
    as_of = BFU_DUE - timedelta(days=30)
    items = _agenda([_bfu_case()], as_of, days=30)
    assert {i.rule for i in items} == BFU_RULES
    assert all(i.status is Status.OPEN and i.days_left == 30 for i in items)
    assert _agenda([_bfu_case()], as_of, days=29) == []


def test_due_on_the_as_of_day_is_included_with_zero_days_left() -> None:
    items = _agenda([_bfu_case()], BFU_DUE, days=0)
    assert {(i.rule, i.status, i.days_left, i.due) for i in items} == {
        (rule, Status.OPEN, 0, BFU_DUE) for rule in BFU_RULES
    }


def test_overdue_included_or_excluded() -> None:
    as_of = BFU_DUE + timedelta(days=3)
    items = _agenda([_bfu_case()], as_of)
    assert {i.rule for i in items} == BFU_RULES
    assert all(i.status is Status.OVERDUE and i.days_left == -3 and i.is_overdue for i in items)
    assert _agenda([_bfu_case()], as_of, include_overdue=False) == []


def test_met_findings_are_never_on_the_agenda() -> None:
    case = _bfu_case()
    case["events"].append({"id": "a1", "type": "bfu_afsluttet", "at": "2024-05-01", "ref": "b1"})
    items = _agenda([case], BFU_DUE - timedelta(days=5))
    assert "BL-20-3-bfu-4m" not in {i.rule for i in items}


def test_items_carry_the_rule_title_citation_trigger_and_explanation(rules: RuleSet) -> None:
    (item,) = [i for i in _agenda([_bfu_case()], BFU_DUE) if i.rule == "BL-20-3-bfu-4m"]
    rule = rules["BL-20-3-bfu-4m"]
    assert (item.title_da, item.title_en) == (rule.title.da, rule.title.en)
    assert item.citation == "barnets lov § 20, stk. 3, 1. pkt."
    assert (item.trigger.event, item.trigger.type) == ("b1", "bfu_start")
    assert "12.07.2024" in item.explanation_da
    assert (item.case_id, item.as_of, item.occurrence) == ("A-1", BFU_DUE, 1)


def test_undated_open_findings_excluded_by_default_and_listed_last() -> None:
    # A 24-hour deadline from an underretning with a date but no time has no single due date.
    case = {"case_id": "U-1", "events": [{"id": "u1", "type": "underretning", "at": "2024-03-10"}]}
    as_of = date(2024, 3, 10)
    dated = _agenda([case], as_of)
    assert dated
    assert all(i.due is not None for i in dated)
    everything = _agenda([case], as_of, include_undated=True)
    undated = [i for i in everything if i.due is None]
    assert {i.rule for i in undated} >= {"BL-136-2-vurdering-24t"}
    assert all(i.days_left is None and i.due_day is None for i in undated)
    assert everything[: len(dated)] == dated  # the undated come after the dated
    assert "Uden fast frist" in render_agenda(everything, as_of=as_of)


def test_hour_deadline_item_is_a_datetime() -> None:
    case = {"case_id": "H-1", "events": [{"id": "u1", "type": "underretning", "at": _U1_AT}]}
    items = _agenda([case], date(2024, 3, 10), days=1)
    (item,) = [i for i in items if i.rule == "BL-136-2-vurdering-24t"]
    assert isinstance(item.due, datetime)
    assert (item.due_day, item.days_left) == (date(2024, 3, 11), 1)


_U1_AT = "2024-03-10T10:00:00"


def test_overdue_hour_deadline_without_a_time_is_placed_on_its_day() -> None:
    case = {"case_id": "U-1", "events": [{"id": "u1", "type": "underretning", "at": "2024-03-10"}]}
    as_of = date(2024, 3, 20)
    (item,) = [i for i in _agenda([case], as_of) if i.rule == "BL-136-2-vurdering-24t"]
    assert item.status is Status.OVERDUE
    assert item.due is None
    report = evaluate(case, as_of)
    (finding,) = [f for f in report.findings if f.rule == "BL-136-2-vurdering-24t"]
    assert finding.days_overdue is not None
    assert item.days_left == -finding.days_overdue
    assert item.due_day == as_of - timedelta(days=finding.days_overdue)


def test_a_count_rule_gives_one_item_per_window_with_its_own_occurrence() -> None:
    # Two supervision visits a year (BL § 156, stk. 5): the first window overdue, the second open.
    items = agenda([evaluate(EXAMPLE, date(2025, 3, 1))], as_of=date(2025, 3, 1), days=30)
    visits = [i for i in items if i.rule == "BL-156-5-tilsynsbesoeg-2-aarligt"]
    assert [(i.status, i.due, i.occurrence) for i in visits] == [
        (Status.OVERDUE, date(2024, 3, 5), 1),
        (Status.OPEN, date(2025, 3, 5), 2),
    ]
    assert visits[0].trigger == visits[1].trigger
    assert visits[0].uid() != visits[1].uid()


def test_uid_stays_when_the_status_changes() -> None:
    before = _agenda([_bfu_case()], BFU_DUE - timedelta(days=1))
    after = _agenda([_bfu_case()], BFU_DUE + timedelta(days=1))
    assert {i.status for i in before} == {Status.OPEN}
    assert {i.status for i in after} == {Status.OVERDUE}
    assert {(i.rule, i.uid()) for i in before} == {(i.rule, i.uid()) for i in after}


def test_report_evaluated_on_another_day_is_refused() -> None:
    report = evaluate(_bfu_case(), date(2024, 6, 1))
    with pytest.raises(InputError, match="evaluated as of 2024-06-01"):
        agenda([report], as_of=date(2024, 6, 2))
    # The same day given as an instant is fine.
    assert agenda([report], as_of=datetime(2024, 6, 1, 12, 0, tzinfo=UTC), days=60)


def test_a_window_past_the_last_date_is_unbounded() -> None:
    items = _agenda([_bfu_case()], date(2024, 3, 12), days=10**9)
    assert {i.rule for i in items} == BFU_RULES


@pytest.mark.parametrize("days", [-1, 1.5, True])
def test_bad_days_are_refused(days: Any) -> None:
    with pytest.raises(InputError, match="days"):
        agenda([], as_of=date(2024, 1, 1), days=days)


def test_by_must_be_a_sequence_of_keys() -> None:
    with pytest.raises(InputError, match="sequence"):
        agenda([], as_of=date(2024, 1, 1), by="team")


def test_empty_input_gives_an_empty_agenda() -> None:
    as_of = date(2024, 1, 1)
    assert agenda([], as_of=as_of) == []
    assert agenda([evaluate({"case_id": "E", "events": []}, as_of)], as_of=as_of) == []
    text = render_agenda([], as_of=as_of)
    assert "Ingen åbne eller overskredne frister" in text
    assert agenda_records([]) == []


def test_rule_not_in_the_ruleset_is_titled_by_its_id() -> None:
    items = agenda(
        [evaluate(_bfu_case(), BFU_DUE)], as_of=BFU_DUE, rules=RuleSet(rules=())
    )  # fmt: skip
    assert items
    assert all(i.title_da == i.rule == i.title_en for i in items)


# --- order, groups and batches ----------------------------------------------------------------


def test_sorted_by_group_then_due_then_case_then_rule() -> None:
    cases = [
        _bfu_case("C-3", team="Team Syd", sagsbehandler="BEMO"),
        _bfu_case("C-1", team="Team Nord", sagsbehandler="AKLA"),
        _bfu_case("C-2", team="Team Nord", sagsbehandler="AKLA"),
        _bfu_case("C-0"),  # no meta: its group values are None, listed last
    ]
    # A case in Team Nord with an earlier due date than the others.
    early = {
        "case_id": "C-9",
        "meta": {"team": "Team Nord", "sagsbehandler": "AKLA"},
        "events": [{"id": "b1", "type": "bfu_start", "at": "2024-03-05"}],
    }
    items = _agenda([*cases, early], BFU_DUE - timedelta(days=10), by=("team", "sagsbehandler"))
    order = [(i.group_value("team"), i.case_id, i.rule) for i in items]
    rules = sorted(BFU_RULES)
    assert order == [
        *(("Team Nord", "C-9", r) for r in rules),
        *(("Team Nord", "C-1", r) for r in rules),
        *(("Team Nord", "C-2", r) for r in rules),
        *(("Team Syd", "C-3", r) for r in rules),
        *((None, "C-0", r) for r in rules),
    ]
    assert items[0].group == (("team", "Team Nord"), ("sagsbehandler", "AKLA"))
    assert items == sorted(items, key=AgendaItem.sort_key)


def test_group_value_of_a_key_not_grouped_by_raises() -> None:
    (item, *_) = _agenda([_bfu_case(team="T")], BFU_DUE, by=("team",))
    assert item.group_value("team") == "T"
    with pytest.raises(KeyError, match="sagsbehandler"):
        item.group_value("sagsbehandler")


def test_non_string_meta_values_are_written_as_json() -> None:
    case = _bfu_case()
    case["meta"] = {"team": {"navn": "Nord", "nr": 2}, "prioritet": 1}
    (item, *_) = _agenda([case], BFU_DUE, by=("team", "prioritet", "mangler"))
    assert item.group == (
        ("team", '{"navn": "Nord", "nr": 2}'),
        ("prioritet", "1"),
        ("mangler", None),
    )


def _results(n: int, as_of: date) -> Iterator[CaseResult]:
    cases = generate_caseload(n, seed=11, compliance=Compliance.uniform(0.6))
    return evaluate_many(cases, as_of)


def test_a_synthetic_caseload_streamed_from_evaluate_many() -> None:
    as_of = date(2025, 3, 1)
    items = agenda(_results(60, as_of), as_of=as_of, days=21, by=("team", "sagsbehandler"))
    expected = set()
    for result in _results(60, as_of):
        assert result.report is not None
        for f in result.report.findings:
            due = f.due.date() if isinstance(f.due, datetime) else f.due
            if f.status is Status.OVERDUE or (
                f.status is Status.OPEN
                and due is not None
                and as_of <= due <= as_of + timedelta(days=21)
            ):
                expected.add((result.report.case_id, f.rule, f.trigger.event, f.due))
    assert {(i.case_id, i.rule, i.trigger.event, i.due) for i in items} == expected
    assert len(items) > 10
    assert any(i.is_overdue for i in items)
    assert any(not i.is_overdue for i in items)
    assert all(i.group_value("team") is not None for i in items)
    assert items == sorted(items, key=AgendaItem.sort_key)


def test_failed_cases_are_skipped() -> None:
    as_of = BFU_DUE
    results = list(evaluate_many([_bfu_case(), {"case_id": "BAD", "events": "nope"}], as_of))
    assert [r.ok for r in results] == [True, False]
    items = agenda(results, as_of=as_of)
    assert {i.case_id for i in items} == {"A-1"}


def test_agenda_does_not_mutate_its_input() -> None:
    report = evaluate(_bfu_case(team="T"), BFU_DUE)
    before = report.to_json()
    agenda([report], as_of=BFU_DUE, by=("team",))
    assert report.to_json() == before


# --- text --------------------------------------------------------------------------------------


def test_render_groups_overdue_first_and_marks_them() -> None:
    as_of = date(2025, 3, 1)
    example = evaluate(EXAMPLE, as_of)
    other = evaluate(_bfu_case("B-7", team="Team Syd"), as_of)
    items = agenda([example, other], as_of=as_of, by=("team",), days=30)
    text = render_agenda(items, as_of=as_of)
    assert text.startswith("Fristoversigt pr. 01.03.2025\n")
    nord, syd = text.index("team: Team Nord"), text.index("team: Team Syd")
    assert nord < syd
    section = text[nord:syd]
    assert section.index("OVERSKREDET") < section.index("Kommende")
    overdue_lines = [line for line in section.splitlines() if line.startswith("  !!")]
    assert len(overdue_lines) == sum(1 for i in items if i.is_overdue and i.case_id != "B-7")
    assert any("overskredet med 1 dag " in line for line in overdue_lines)
    assert "05.03.2025" in section
    assert "frist om 4 dage" in section
    assert "sag EKS-2022-0117" in section
    assert "barnets lov § 156, stk. 5, 1. pkt." in section
    # B-7's investigation ran out in 2024: it is overdue, in its own section.
    assert "sag B-7" in text[syd:]
    assert "!!" in text[syd:]


def test_render_without_groups_and_a_subset_of_keys() -> None:
    as_of = BFU_DUE
    items = _agenda([_bfu_case(team="T", sagsbehandler="S")], as_of, by=("team", "sagsbehandler"))
    flat = render_agenda(items, as_of=as_of, by=())
    assert "team:" not in flat
    assert "frist i dag" in flat
    only_team = render_agenda(items, as_of=as_of, by=("team",))
    assert "team: T\n" in only_team
    assert "sagsbehandler" not in only_team


def test_render_names_a_missing_group_value() -> None:
    items = _agenda([_bfu_case()], BFU_DUE, by=("team",))
    assert "team: (ikke angivet)" in render_agenda(items, as_of=BFU_DUE)


# --- records -----------------------------------------------------------------------------------


def test_records_are_flat_json_and_csv_ready() -> None:
    as_of = date(2025, 3, 1)
    items = agenda([evaluate(EXAMPLE, as_of)], as_of=as_of, by=("team", "kommune"))
    records = agenda_records(items)
    assert len(records) == len(items)
    assert json.loads(json.dumps(records)) == records
    first = records[0]
    assert list(first)[:6] == ["case_id", "rule", "citation", "status", "status_da", "due"]
    assert first["meta.team"] == "Team Nord"
    assert first["meta.kommune"] == "Halsnæs"
    assert {r["status"] for r in records} == {"open", "overdue"}
    visit = next(r for r in records if r["due"] == "2025-03-05")
    assert (visit["days_left"], visit["status_da"], visit["occurrence"]) == (4, "åben", 2)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(first))
    writer.writeheader()
    writer.writerows(records)
    assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == len(records)


def test_record_of_an_hour_deadline_has_its_offset() -> None:
    case = {"case_id": "H-1", "events": [{"id": "u1", "type": "underretning", "at": _U1_AT}]}
    items = _agenda([case], date(2024, 3, 10), days=1)
    record = next(r for r in agenda_records(items) if r["rule"] == "BL-136-2-vurdering-24t")
    assert record["due"] == "2024-03-11T10:00:00+01:00"


# --- iCalendar ---------------------------------------------------------------------------------


def _example_items(as_of: date = date(2025, 3, 1)) -> list[AgendaItem]:
    hour = {
        "case_id": "H-1",
        "meta": {"team": "Team Nord"},
        "events": [{"id": "u1", "type": "underretning", "at": "2025-03-01T10:00:00"}],
    }
    return agenda([evaluate(EXAMPLE, as_of), evaluate(hour, as_of)], as_of=as_of, by=("team",))


def test_ics_is_deterministic() -> None:
    pytest.importorskip("icalendar")
    first = to_ics(_example_items())
    again = to_ics(_example_items())  # new reports, new items: the same bytes
    assert first == again
    assert first.startswith(b"BEGIN:VCALENDAR\r\n")
    assert first.endswith(b"END:VCALENDAR\r\n")


def test_ics_parses_back_with_the_fields() -> None:
    icalendar = pytest.importorskip("icalendar")
    items = _example_items()
    dated = [i for i in items if i.due_day is not None]
    cal = icalendar.Calendar.from_ical(to_ics(items, calendar_name="Team Nord: frister"))
    assert str(cal["X-WR-CALNAME"]) == "Team Nord: frister"
    assert str(cal["VERSION"]) == "2.0"
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(dated)
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event, item in zip(events, dated, strict=True):
        assert str(event["UID"]) == item.uid()
        assert event.decoded("DTSTAMP") == datetime(2025, 3, 1, tzinfo=UTC)
        summary = str(event["SUMMARY"])
        assert summary.endswith(f"Frist: {item.title_da} (sag {item.case_id})")
        assert summary.startswith("OVERSKREDET") == item.is_overdue
        description = str(event["DESCRIPTION"])
        assert item.citation in description
        assert item.explanation_da in description
        assert [str(c) for c in event["CATEGORIES"].cats] == [item.status.da]
        if not isinstance(item.due, datetime):
            assert event.decoded("DTSTART") == item.due_day
            assert item.due_day is not None
            assert event.decoded("DTEND") == item.due_day + timedelta(days=1)


def test_ics_all_day_event_for_a_date_deadline() -> None:
    pytest.importorskip("icalendar")
    ics = to_ics(_agenda([_bfu_case()], BFU_DUE - timedelta(days=1)))
    assert b"DTSTART;VALUE=DATE:20240712\r\n" in ics
    assert b"DTEND;VALUE=DATE:20240713\r\n" in ics
    assert b"DTSTAMP:20240711T000000Z\r\n" in ics


def test_ics_timed_event_for_an_hour_deadline() -> None:
    icalendar = pytest.importorskip("icalendar")
    case = {"case_id": "H-1", "events": [{"id": "u1", "type": "underretning", "at": _U1_AT}]}
    items = [i for i in _agenda([case], date(2024, 3, 10)) if i.rule == "BL-136-2-vurdering-24t"]
    ics = to_ics(items)
    # 11.03.2024 10:00 Copenhagen (CET, +01:00) is 09:00 UTC.
    assert b"DTSTART:20240311T090000Z\r\n" in ics
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == datetime(2024, 3, 11, 9, 0, tzinfo=UTC)
    assert event.decoded("DTEND") - start == timedelta(minutes=30)
    assert "11.03.2024 kl. 10:00 (+01:00)" in str(event["DESCRIPTION"])


def test_ics_overdue_item_on_its_due_date() -> None:
    icalendar = pytest.importorskip("icalendar")
    as_of = BFU_DUE + timedelta(days=10)
    items = _agenda([_bfu_case()], as_of)
    events = icalendar.Calendar.from_ical(to_ics(items)).walk("VEVENT")
    assert len(events) == 2
    for event in events:
        assert event.decoded("DTSTART") == BFU_DUE
        assert str(event["SUMMARY"]).startswith("OVERSKREDET – Frist: ")
        assert [str(c) for c in event["CATEGORIES"].cats] == ["overskredet"]
        assert "overskredet med 10 dage" in str(event["DESCRIPTION"])


def test_ics_escapes_and_folds_danish_text() -> None:
    icalendar = pytest.importorskip("icalendar")
    case = _bfu_case("Sag; 12,3", team="Børn og unge; Nord, Øst æøå " * 4)
    items = _agenda([case], BFU_DUE, by=("team",))
    ics = to_ics(items, calendar_name="Frister; team Nord, Øst")
    lines = ics.split(b"\r\n")
    assert lines[-1] == b""
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    assert any(line.startswith(b" ") for line in lines)  # and some were folded
    ics.decode("utf-8")  # folding never splits a multi-byte character
    assert b"\\;" in ics
    assert b"\\," in ics
    cal = icalendar.Calendar.from_ical(ics)
    assert str(cal["X-WR-CALNAME"]) == "Frister; team Nord, Øst"
    for event in cal.walk("VEVENT"):
        assert "(sag Sag; 12,3)" in str(event["SUMMARY"])
        assert f"team: {'Børn og unge; Nord, Øst æøå ' * 4}" in str(event["DESCRIPTION"])


def test_ics_skips_undated_items_and_accepts_an_empty_agenda() -> None:
    icalendar = pytest.importorskip("icalendar")
    case = {"case_id": "U-1", "events": [{"id": "u1", "type": "underretning", "at": "2024-03-10"}]}
    items = _agenda([case], date(2024, 3, 10), include_undated=True)
    dated = [i for i in items if i.due_day is not None]
    assert len(dated) < len(items)
    assert len(icalendar.Calendar.from_ical(to_ics(items)).walk("VEVENT")) == len(dated)
    empty = icalendar.Calendar.from_ical(to_ics([]))
    assert empty.walk("VEVENT") == []


def test_report_type_is_accepted_directly() -> None:
    report: Report = evaluate(_bfu_case(), BFU_DUE)
    assert agenda([report], as_of=BFU_DUE) == agenda(
        [CaseResult("A-1", report, None)], as_of=BFU_DUE
    )


def test_ics_without_icalendar_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if it were not installed
    with pytest.raises(ImportError, match=r"pip install 'lovfrist\[ics\]'"):
        to_ics([])
