"""The case model: the v1 vocabulary, located errors, time zones."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Case, CaseError
from lovfrist.events import EVENT_TYPES


def _case(*events: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"case_id": "S-1", "events": list(events), **extra}


def _problems(data: Any) -> CaseError:
    with pytest.raises(CaseError) as info:
        Case.from_dict(data)
    return info.value


def test_every_v1_type_is_in_the_vocabulary() -> None:
    v1 = {
        "underretning", "underretning_vurderet", "kvittering", "tilbagemelding", "henvendelse",
        "bfu_start", "foreloebig_vurdering", "bfu_afsluttet", "boernesamtale", "afgoerelse",
        "formandsafgoerelse", "buu_afgoerelse", "indsats_start", "indsats_ophoer", "handleplan",
        "barnets_plan", "ungeplan", "opfoelgning", "tilsynsbesoeg", "hjemgivelse",
        "afgoerelse_ungestoette", "klage", "genvurdering", "sag_lukket",
    }  # fmt: skip
    assert v1 <= set(EVENT_TYPES)
    # every extension is documented, and none of v1 was renamed away
    extensions = set(EVENT_TYPES) - v1
    assert {"meddelelse", "samvaersafgoerelse", "ast_afgoerelse", "dom"} <= extensions
    events_md = (Path(__file__).parent.parent / "docs" / "events.md").read_text(encoding="utf-8")
    undocumented = sorted(t for t in extensions if f"`{t}`" not in events_md)
    assert undocumented == []


def test_valid_case_with_attributes() -> None:
    case = Case.from_dict(
        _case(
            {
                "id": "u1",
                "type": "underretning",
                "at": "2024-03-01T14:05:00+01:00",
                "fagperson": True,
            },
            {
                "id": "a1",
                "type": "afgoerelse",
                "at": "2024-04-01",
                "indsats": "stoette",
                "hjemmel": "§ 32",
            },
            {
                "id": "d1",
                "type": "buu_afgoerelse",
                "at": "2024-04-02",
                "art": "opretholdelse",
                "frist": "2025-04-02",
            },
            child={"birth_date": "2012-05-04", "termin": None},
        )
    )
    assert case.events[0].fagperson is True  # type: ignore[union-attr]
    assert case.events[2].frist == date(2025, 4, 2)  # type: ignore[union-attr]
    assert case.child.birth_date == date(2012, 5, 4)


def test_unknown_type_suggests_closest() -> None:
    err = _problems(_case({"id": "u1", "type": "underretnig", "at": "2024-03-01"}))
    (p,) = err.problems
    assert (p.event_index, p.event_id, p.field) == (0, "u1", "type")
    assert "did you mean 'underretning'" in p.message
    assert "S-1" in str(err)


def test_unknown_field_is_an_error_with_suggestion() -> None:
    err = _problems(_case({"type": "underretning", "at": "2024-03-01", "fagpersn": True}))
    (p,) = err.problems
    assert p.field == "fagpersn"
    assert "did you mean 'fagperson'" in p.message


def test_wrong_attribute_type() -> None:
    err = _problems(_case({"id": "x", "type": "underretning", "at": "2024-03-01", "anonym": "ja"}))
    (p,) = err.problems
    assert p.field == "anonym"
    assert "true or false" in p.message


def test_impossible_date_and_non_iso() -> None:
    err = _problems(
        _case({"type": "kvittering", "at": "2024-02-30"}, {"type": "kvittering", "at": "1/3/2024"})
    )
    assert [p.event_index for p in err.problems] == [0, 1]
    assert all(p.field == "at" for p in err.problems)
    assert "YYYY-MM-DD" in err.problems[0].message


def test_spring_forward_gap_is_rejected() -> None:
    err = _problems(_case({"id": "u", "type": "underretning", "at": "2024-03-31T02:30:00"}))
    assert "does not exist" in err.problems[0].message


def test_ambiguous_autumn_time_is_first_occurrence() -> None:
    case = Case.from_dict(_case({"type": "underretning", "at": "2024-10-27T02:30:00"}))
    at = case.events[0].at
    assert isinstance(at, datetime)
    offset = at.utcoffset()
    assert offset is not None
    assert offset.total_seconds() == 7200
    assert at.astimezone(UTC) == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)


def test_naive_is_copenhagen_and_offset_is_kept() -> None:
    case = Case.from_dict(
        _case(
            {"type": "underretning", "at": "2024-07-01T12:00:00"},
            {"type": "underretning", "at": "2024-07-01T12:00:00Z"},
        )
    )
    a, b = (e.at for e in case.events)
    assert isinstance(a, datetime)
    assert isinstance(b, datetime)
    assert a.astimezone(UTC).hour == 10
    assert b.astimezone(UTC).hour == 12


def test_duplicate_ids_and_missing_refs() -> None:
    err = _problems(
        _case(
            {"id": "u1", "type": "underretning", "at": "2024-03-01"},
            {"id": "u1", "type": "underretning", "at": "2024-03-02"},
            {"id": "k1", "type": "kvittering", "at": "2024-03-03", "ref": "u9"},
        )
    )
    fields = [(p.event_index, p.field) for p in err.problems]
    assert fields == [(1, "id"), (2, "ref")]
    assert "duplicate id 'u1'" in err.problems[0].message


def test_ref_to_wrong_type() -> None:
    err = _problems(
        _case(
            {"id": "b1", "type": "bfu_start", "at": "2024-03-01"},
            {"id": "k1", "type": "kvittering", "at": "2024-03-03", "ref": "b1"},
        )
    )
    assert "refers to underretning" in err.problems[0].message


def test_missing_required_and_wrong_shapes() -> None:
    assert _problems({"case_id": "S"}).problems[0].field == "events"
    assert "a list" in _problems([1, 2]).problems[0].message
    assert _problems({"case_id": "S", "events": ["not an event"]}).problems[0].event_index == 0
    assert _problems({"case_id": "", "events": []}).problems[0].field == "case_id"


def test_meta_is_carried_and_never_echoed() -> None:
    secret = "Barnet fortalte om vold i hjemmet"
    case = Case.from_dict(
        _case(
            {"type": "sag_lukket", "at": "2024-01-01", "meta": {"note": secret}},
            meta={"team": "Nord"},
        )
    )
    assert case.meta == {"team": "Nord"}
    err = _problems(_case({"type": "sag_lukket", "at": "2024-01-01", "meta": secret}))
    assert secret not in str(err)


def test_empty_events_and_unicode_ids_are_valid() -> None:
    assert Case.from_dict(_case()).events == ()
    case = Case.from_dict(_case({"id": "ærø-1", "type": "henvendelse", "at": "2024-01-01"}))
    assert case.events[0].id == "ærø-1"


def test_from_dict_does_not_mutate_input() -> None:
    data = _case({"id": "u1", "type": "underretning", "at": "2024-03-01T10:00:00"})
    before = copy.deepcopy(data)
    Case.from_dict(data)
    assert data == before


def test_json_round_trip() -> None:
    case = Case.from_dict(
        _case(
            {"id": "u1", "type": "underretning", "at": "2024-10-27T02:30:00", "anonym": True},
            {"type": "kvittering", "at": "2024-10-28", "ref": "u1"},
            child={"birth_date": "2010-02-28"},
        )
    )
    assert Case.from_json(case.to_json()) == case


def test_from_json_reports_syntax_errors() -> None:
    with pytest.raises(CaseError, match="not valid JSON"):
        Case.from_json('{"case_id": "x", "events": [}')


def test_models_are_frozen() -> None:
    case = Case.from_dict(_case({"type": "henvendelse", "at": "2024-01-01"}))
    with pytest.raises(Exception, match="frozen"):
        case.case_id = "other"  # type: ignore[misc]


def test_all_problems_are_reported_at_once() -> None:
    err = _problems(
        _case(
            {"id": "a", "type": "underretnig", "at": "2024-01-01"},
            {"id": "b", "type": "kvittering", "at": "2024-02-30", "ref": "zz"},
            {"id": "b", "type": "henvendelse", "at": "2024-01-01"},
        )
    )
    found = [(p.event_index, p.field) for p in err.problems]
    assert found == [(0, "type"), (1, "at"), (1, "ref"), (2, "id")]
    assert len(err.lines()) == 4
