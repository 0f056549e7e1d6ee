"""Vocabulary for returning a placed child home (BL §§ 100, 102; SEL §§ 68, 69, stk. 5; issue #3).

The decision is the existing ``hjemgivelse`` (now with ``periode_start``); the return itself is the
placement's ``indsats_ophoer`` with ``hjemgivet = true``; plans gain ``revision_hjemgivelse``; and
four event types are new: ``udtalelse_anbringelsessted``, ``anmodning_hjemgivelse``,
``stillingtagen_hjemgivelse`` and ``orientering_buu``. Existing cases validate unchanged.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from lovfrist import Case, CaseError, bundled_rules, evaluate
from lovfrist.cli import case_schema
from lovfrist.events import (
    EVENT_TYPES,
    AnmodningHjemgivelse,
    BarnetsPlan,
    Handleplan,
    Hjemgivelse,
    IndsatsOphoer,
    OrienteringBuu,
    StillingtagenHjemgivelse,
    UdtalelseAnbringelsessted,
    Ungeplan,
    attributes_of,
)

RULES = bundled_rules()

BL_IDS = (
    "BL-100-1-afgoerelse-forud",
    "BL-100-2-udtalelse-forud",
    "BL-100-3-hjemgivelsesperiode-6m",
    "BL-100-5-plan-revision-forud",
    "BL-102-1-anmodning-hjemgivelse-7d",
    "BL-102-5-orientering-buu-umiddelbart",
)
SEL_IDS = (
    "SEL-68-2-afgoerelse-forud",
    "SEL-69-5-udtalelse-forud",
    "SEL-68-4-hjemgivelsesperiode-6m",
    "SEL-68-10-handleplan-revision-forud",
    "SEL-68-3-anmodning-hjemgivelse-7d",
    "SEL-68-9-orientering-buu-umiddelbart",
)


def _case(*events: dict[str, Any], birth_date: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"case_id": "H-1", "events": list(events)}
    if birth_date is not None:
        data["child"] = {"birth_date": birth_date}
    return data


def _statuses(data: dict[str, Any], as_of: date) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in evaluate(data, as_of, rules=RULES).findings:
        out.setdefault(f.rule, []).append(f.status.value)
    return out


def _error(data: dict[str, Any]) -> str:
    with pytest.raises(CaseError) as info:
        Case.from_dict(data)
    return str(info.value)


def test_new_types_are_registered_with_their_attributes() -> None:
    assert EVENT_TYPES["udtalelse_anbringelsessted"] is UdtalelseAnbringelsessted
    assert EVENT_TYPES["anmodning_hjemgivelse"] is AnmodningHjemgivelse
    assert EVENT_TYPES["stillingtagen_hjemgivelse"] is StillingtagenHjemgivelse
    assert EVENT_TYPES["orientering_buu"] is OrienteringBuu
    assert set(attributes_of("anmodning_hjemgivelse")) == {"ung", "sag_under_behandling"}
    assert attributes_of("udtalelse_anbringelsessted") == {}
    assert "hjemgivet" in attributes_of("indsats_ophoer")
    assert {"periode_slut", "periode_start"} <= set(attributes_of("hjemgivelse"))
    for plan in ("barnets_plan", "ungeplan", "handleplan"):
        assert "revision_hjemgivelse" in attributes_of(plan)
    assert StillingtagenHjemgivelse.ref_types == frozenset({"anmodning_hjemgivelse"})
    assert OrienteringBuu.ref_types == frozenset({"hjemgivelse"})
    assert UdtalelseAnbringelsessted.ref_types is None


def test_existing_events_keep_their_meaning_by_default() -> None:
    case = Case.from_dict(
        _case(
            {"id": "s1", "type": "indsats_start", "at": "2024-02-12"},
            {"id": "o1", "type": "indsats_ophoer", "at": "2024-11-01", "ref": "s1"},
            {"id": "h1", "type": "hjemgivelse", "at": "2024-09-02", "periode_slut": "2024-11-01"},
            {"id": "p1", "type": "barnets_plan", "at": "2024-03-01"},
            {"id": "p2", "type": "ungeplan", "at": "2024-03-01"},
            {"id": "p3", "type": "handleplan", "at": "2023-03-01"},
        )
    )
    ophoer, hjem, p1, p2, p3 = case.events[1:]
    assert isinstance(ophoer, IndsatsOphoer)
    assert ophoer.hjemgivet is False
    assert isinstance(hjem, Hjemgivelse)
    assert hjem.periode_start is None
    assert isinstance(p1, BarnetsPlan)
    assert p1.revision_hjemgivelse is False
    assert isinstance(p2, Ungeplan)
    assert p2.revision_hjemgivelse is False
    assert isinstance(p3, Handleplan)
    assert p3.revision_hjemgivelse is False
    assert Case.from_json(case.to_json()) == case


def test_a_full_return_home_round_trips() -> None:
    case = Case.from_dict(
        _case(
            {"id": "d1", "type": "afgoerelse", "at": "2024-02-05", "indsats": "anbringelse"},
            {"id": "r1", "type": "anmodning_hjemgivelse", "at": "2024-08-26", "ref": "d1"},
            {"id": "t1", "type": "stillingtagen_hjemgivelse", "at": "2024-08-30", "ref": "r1"},
            {"id": "u1", "type": "udtalelse_anbringelsessted", "at": "2024-08-28", "ref": "h1"},
            {
                "id": "h1",
                "type": "hjemgivelse",
                "at": "2024-09-02",
                "ref": "d1",
                "periode_start": "2024-09-15",
                "periode_slut": "2025-03-01",
            },
            {"id": "n1", "type": "orientering_buu", "at": "2024-09-03", "ref": "h1"},
        )
    )
    assert isinstance(case.events[1], AnmodningHjemgivelse)
    assert case.events[1].ung is False
    assert case.events[1].sag_under_behandling is False
    hjem = case.events[4]
    assert isinstance(hjem, Hjemgivelse)
    assert hjem.periode_start == date(2024, 9, 15)
    assert Case.from_json(case.to_json()) == case


@pytest.mark.parametrize(
    ("event", "field", "needle"),
    [
        ({"type": "indsats_ophoer", "hjemgivet": "hjem"}, "hjemgivet", "expected true or false"),
        ({"type": "hjemgivelse", "periode_start": "15/09/2024"}, "periode_start", "date"),
        ({"type": "anmodning_hjemgivelse", "ung": "måske"}, "ung", "expected true or false"),
        (
            {"type": "barnets_plan", "revision_hjemgivelse": 2},
            "revision_hjemgivelse",
            "true or false",
        ),
        ({"type": "indsats_ophoer", "hjemgivt": True}, "hjemgivt", "did you mean 'hjemgivet'"),
        ({"type": "orientering_bu"}, "type", "did you mean 'orientering_buu'"),
    ],
)
def test_bad_values_name_the_event_and_the_field(
    event: dict[str, Any], field: str, needle: str
) -> None:
    message = _error(_case({"id": "x1", "at": "2024-09-02", **event}))
    assert f"event #0 (id 'x1'), field '{field}'" in message
    assert needle in message


def test_refs_must_name_the_allowed_types() -> None:
    message = _error(
        _case(
            {"id": "d1", "type": "afgoerelse", "at": "2024-09-02", "indsats": "anbringelse"},
            {"id": "n1", "type": "orientering_buu", "at": "2024-09-03", "ref": "d1"},
        )
    )
    assert "event #1 (id 'n1'), field 'ref'" in message
    assert "refers to hjemgivelse" in message
    message = _error(
        _case(
            {"id": "h1", "type": "hjemgivelse", "at": "2024-09-02"},
            {"id": "t1", "type": "stillingtagen_hjemgivelse", "at": "2024-09-03", "ref": "h1"},
        )
    )
    assert "event #1 (id 't1'), field 'ref'" in message
    assert "anmodning_hjemgivelse" in message


def test_the_schema_describes_the_new_vocabulary() -> None:
    text = str(case_schema())
    for name in (
        "udtalelse_anbringelsessted",
        "anmodning_hjemgivelse",
        "stillingtagen_hjemgivelse",
        "orientering_buu",
        "hjemgivet",
        "periode_start",
        "revision_hjemgivelse",
        "sag_under_behandling",
    ):
        assert name in text


def test_the_rules_are_bundled_in_pairs() -> None:
    by_id = {rule.id: rule for rule in RULES.rules}
    for bl, sel in zip(BL_IDS, SEL_IDS, strict=True):
        assert by_id[bl].valid_from == date(2024, 1, 1)
        assert by_id[sel].valid_to == date(2023, 12, 31)
        repeal = by_id[sel].after_repeal
        assert repeal is not None
        assert repeal.successor == bl


def test_a_lawful_return_home_meets_every_duty() -> None:
    data = _case(
        {"id": "d1", "type": "buu_afgoerelse", "at": "2023-05-10", "art": "anbringelse"},
        {"id": "s1", "type": "indsats_start", "at": "2023-05-15", "ref": "d1"},
        {"id": "u1", "type": "udtalelse_anbringelsessted", "at": "2024-08-28", "ref": "h1"},
        {"id": "h1", "type": "hjemgivelse", "at": "2024-09-02", "ref": "d1"},
        {"id": "n1", "type": "orientering_buu", "at": "2024-09-03", "ref": "h1"},
        {"id": "p1", "type": "barnets_plan", "at": "2024-10-01", "revision_hjemgivelse": True},
        {"id": "o1", "type": "indsats_ophoer", "at": "2024-11-01", "ref": "s1", "hjemgivet": True},
    )
    found = _statuses(data, date(2025, 6, 1))
    assert found["BL-100-1-afgoerelse-forud"] == ["met"]
    assert found["BL-100-2-udtalelse-forud"] == ["met"]
    assert found["BL-100-3-hjemgivelsesperiode-6m"] == ["met"]
    assert found["BL-100-5-plan-revision-forud"] == ["met"]
    assert found["BL-102-5-orientering-buu-umiddelbart"] == ["met"]
    assert "BL-102-1-anmodning-hjemgivelse-7d" not in found  # no request in this case


def test_a_return_home_without_decision_or_plan_is_reported() -> None:
    data = _case(
        {"id": "d1", "type": "afgoerelse", "at": "2024-02-05", "indsats": "anbringelse"},
        {"id": "s1", "type": "indsats_start", "at": "2024-02-12", "ref": "d1"},
        {"id": "o1", "type": "indsats_ophoer", "at": "2024-11-01", "ref": "s1", "hjemgivet": True},
    )
    found = _statuses(data, date(2024, 12, 1))
    assert found["BL-100-1-afgoerelse-forud"] == ["overdue"]
    assert found["BL-100-5-plan-revision-forud"] == ["overdue"]
    # Without hjemgivet the same ending is not a return home: no finding of these rules.
    data["events"][2].pop("hjemgivet")
    found = _statuses(data, date(2024, 12, 1))
    assert "BL-100-1-afgoerelse-forud" not in found
    assert "BL-100-5-plan-revision-forud" not in found


def test_periode_start_moves_the_six_months() -> None:
    base = {"id": "h1", "type": "hjemgivelse", "at": "2024-09-02"}
    report = evaluate(_case(base), date(2024, 10, 1), rules=RULES)
    (plain,) = [f for f in report.findings if f.rule == "BL-100-3-hjemgivelsesperiode-6m"]
    assert plain.due == date(2025, 3, 2)
    later = {**base, "periode_start": "2024-09-15"}
    report = evaluate(_case(later), date(2024, 10, 1), rules=RULES)
    (moved,) = [f for f in report.findings if f.rule == "BL-100-3-hjemgivelsesperiode-6m"]
    assert moved.due == date(2025, 3, 15)
    assert moved.status.value == "open"


def test_request_needs_a_placement_with_consent_and_age_15_for_the_young_person() -> None:
    consent = {"id": "d1", "type": "afgoerelse", "at": "2023-09-04", "indsats": "anbringelse"}
    request = {"id": "r1", "type": "anmodning_hjemgivelse", "at": "2024-03-04", "ref": "d1"}
    found = _statuses(_case(consent, request), date(2024, 3, 20))
    assert found["BL-102-1-anmodning-hjemgivelse-7d"] == ["overdue"]
    own = {**request, "ung": True}
    found = _statuses(_case(consent, own), date(2024, 3, 20))
    assert found["BL-102-1-anmodning-hjemgivelse-7d"] == ["undetermined"]  # no birth date
    found = _statuses(_case(consent, own, birth_date="2009-03-04"), date(2024, 3, 20))
    assert found["BL-102-1-anmodning-hjemgivelse-7d"] == ["overdue"]
    found = _statuses(_case(consent, own, birth_date="2009-03-05"), date(2024, 3, 20))
    assert "BL-102-1-anmodning-hjemgivelse-7d" not in found
    unref = {k: v for k, v in request.items() if k != "ref"}
    found = _statuses(_case(consent, unref), date(2024, 3, 20))
    assert "BL-102-1-anmodning-hjemgivelse-7d" not in found
