"""Hypothesis strategies that generate valid cases, for rule authors' tests and our own.

Requires the ``hypothesis`` package (``pip install "lovfrist[test]"``)::

    from hypothesis import given
    from lovfrist import evaluate, strategies as lst

    @given(lst.cases(), lst.as_of_dates())
    def test_my_rules_never_crash(case, as_of):
        evaluate(case, as_of, rules=my_rules)

Every generated case is valid input: unique ids, ``ref`` only to an existing event of a type it
may name, attribute values of the right type, no wall-clock time that does not exist. Attributes
are drawn from the event models themselves, so new types and attributes are covered without
changes here. With ``rules``, event types the rules trigger on or are fulfilled by are drawn
more often, so generated cases exercise those rules.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, timedelta
from typing import Any, Literal

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError('lovfrist.strategies needs hypothesis: pip install "lovfrist[test]"') from exc

from lovfrist.calendar import COPENHAGEN, local_wall_time
from lovfrist.events import EVENT_TYPES, EventBase, attributes_of
from lovfrist.ruleset import RuleSet

__all__ = ["DEFAULT_END", "DEFAULT_START", "as_of_dates", "cases", "moments"]

#: Default window: mid-2022 to mid-2025, across the change of law on 1 January 2024.
DEFAULT_START = date(2022, 6, 1)
DEFAULT_END = date(2025, 6, 1)


@st.composite
def moments(draw: st.DrawFn, start: date = DEFAULT_START, end: date = DEFAULT_END) -> str:
    """An ``at`` value: an ISO date, or a naive Copenhagen wall time that exists."""
    day = draw(st.dates(min_value=start, max_value=end))
    if draw(st.booleans()):
        return day.isoformat()
    minute = draw(st.integers(0, 24 * 60 - 1))
    naive = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
    try:
        local_wall_time(naive)
    except ValueError:  # the hour skipped when summer time starts
        naive += timedelta(hours=1)
    if draw(st.booleans()):
        return naive.isoformat()
    return local_wall_time(naive).astimezone(COPENHAGEN).isoformat()


def _value_strategy(annotation: Any, start: date, end: date) -> st.SearchStrategy[Any] | None:
    """A strategy for an attribute's annotation, or None if it cannot be generated."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = [s for a in options if (s := _value_strategy(a, start, end)) is not None]
        return st.one_of(st.none(), *inner) if inner else None
    if origin is Literal:
        return st.sampled_from(typing.get_args(annotation))
    if annotation is bool:
        return st.booleans()
    if annotation is date:
        return st.dates(min_value=start, max_value=end + timedelta(days=365)).map(date.isoformat)
    if annotation is str:
        return st.text("abcdefghijklmnopqrstuvwxyzæøå §0123456789", min_size=1, max_size=12)
    return None


def _required(event_type: str) -> set[str]:
    fields = EVENT_TYPES[event_type].model_fields
    return {n for n, f in fields.items() if f.is_required() and n not in EventBase.model_fields}


def _weighted_types(rules: RuleSet | None) -> list[str]:
    names = sorted(EVENT_TYPES)
    if rules is None:
        return names
    used = {t.event for r in rules for t in r.trigger} | {
        m.event for r in rules for m in r.fulfilled_by
    }
    return names + sorted(used) * 3


@st.composite
def cases(
    draw: st.DrawFn,
    rules: RuleSet | None = None,
    *,
    min_events: int = 0,
    max_events: int = 14,
    start: date = DEFAULT_START,
    end: date = DEFAULT_END,
    with_ids: bool = True,
) -> dict[str, Any]:
    """A valid case as a JSON-like dict (what a journal system sends).

    ``with_ids=False`` leaves some events without an id (they are then named by position).
    """
    types_ = _weighted_types(rules)
    n = draw(st.integers(min_events, max_events))
    events: list[dict[str, Any]] = []
    for i in range(n):
        etype = draw(st.sampled_from(types_))
        event: dict[str, Any] = {"type": etype, "at": draw(moments(start, end))}
        if with_ids or draw(st.booleans()):
            event["id"] = f"e{i}"
        required = _required(etype)
        for name, annotation in attributes_of(etype).items():
            strategy = _value_strategy(annotation, start, end)
            if strategy is None:
                continue
            if name in required or draw(st.booleans()):
                value = draw(strategy)
                if value is not None or name not in required:
                    event[name] = value
        allowed = EVENT_TYPES[etype].ref_types
        targets = [
            e["id"] for e in events if "id" in e and (allowed is None or e["type"] in allowed)
        ]
        wants_ref = draw(st.booleans())
        if targets and wants_ref:
            event["ref"] = draw(st.sampled_from(targets))
        events.append(event)
    case: dict[str, Any] = {"case_id": "H-1", "events": events}
    if draw(st.booleans()):
        birth = draw(st.dates(min_value=start - timedelta(days=365 * 19), max_value=start))
        case["child"] = {"birth_date": birth.isoformat()}
    return case


def as_of_dates(start: date = DEFAULT_START, end: date = DEFAULT_END) -> st.SearchStrategy[date]:
    """Evaluation dates from ``start`` to a year after ``end``."""
    return st.dates(min_value=start, max_value=end + timedelta(days=365))
