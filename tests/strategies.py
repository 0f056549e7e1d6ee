"""Hypothesis strategies for valid case timelines (shared by the property-based tests)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from lovfrist.events import EVENT_TYPES

_START = date(2022, 6, 1)
_SPAN = 1100  # days: mid-2022 to mid-2025, across the change of law

_ATTRS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "underretning": {
        "fagperson": st.booleans(),
        "anonym": st.booleans(),
        "overgreb": st.booleans(),
    },
    "afgoerelse": {
        "indsats": st.sampled_from(["stoette", "anbringelse"]),
        "foreloebig": st.booleans(),
        "plan": st.none() | st.booleans(),
    },
    "buu_afgoerelse": {
        "art": st.sampled_from(["anbringelse", "godkendelse", "opretholdelse", "permanent"])
    },
    "handleplan": {"kortfattet": st.booleans()},
}
_REQUIRED = {"afgoerelse": {"indsats"}, "buu_afgoerelse": {"art"}}


@st.composite
def moments(draw: st.DrawFn) -> str:
    day = _START + timedelta(days=draw(st.integers(0, _SPAN)))
    if draw(st.booleans()):
        return day.isoformat()
    minute = draw(st.integers(0, 24 * 60 - 1))
    at = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
    if day.month == 3 and day.day >= 25 and at.hour == 2:  # avoid the spring-forward gap
        at = at.replace(hour=3)
    return at.isoformat()


@st.composite
def cases(draw: st.DrawFn, max_events: int = 14) -> dict[str, Any]:
    """A valid case: unique ids, refs only to existing events of an allowed type."""
    n = draw(st.integers(0, max_events))
    events: list[dict[str, Any]] = []
    for i in range(n):
        etype = draw(st.sampled_from(sorted(EVENT_TYPES)))
        event: dict[str, Any] = {"id": f"e{i}", "type": etype, "at": draw(moments())}
        for name, strategy in _ATTRS.get(etype, {}).items():
            if name in _REQUIRED.get(etype, set()) or draw(st.booleans()):
                event[name] = draw(strategy)
        allowed = EVENT_TYPES[etype].ref_types
        targets = [e["id"] for e in events if allowed is None or e["type"] in allowed]
        wants_ref = draw(st.booleans())
        if targets and wants_ref:
            event["ref"] = draw(st.sampled_from(targets))
        events.append(event)
    case: dict[str, Any] = {"case_id": "H-1", "events": events}
    if draw(st.booleans()):
        birth = date(2004, 1, 1) + timedelta(days=draw(st.integers(0, 365 * 18)))
        case["child"] = {"birth_date": birth.isoformat()}
    return case


def as_of_dates() -> st.SearchStrategy[date]:
    return st.dates(min_value=_START, max_value=_START + timedelta(days=_SPAN + 400))
