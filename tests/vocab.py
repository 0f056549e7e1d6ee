"""Helpers shared by the vocabulary tests: a case from events, one rule's findings, a refusal."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Case, CaseError, bundled_rules, evaluate
from lovfrist.events import EVENT_TYPES, attributes_of
from lovfrist.report import Finding

RULES = bundled_rules()
EVENTS_MD = Path(__file__).resolve().parents[1] / "docs" / "events.md"


def case(*events: dict[str, Any], birth: str | None = None, case_id: str = "V-1") -> dict[str, Any]:
    """A case dict holding ``events`` and, with ``birth``, the child's birth date."""
    data: dict[str, Any] = {"case_id": case_id, "events": list(events)}
    if birth is not None:
        data["child"] = {"birth_date": birth}
    return data


def findings(data: dict[str, Any], as_of: date, rule: str) -> list[Finding]:
    """The findings of ``rule`` for the case as of ``as_of``, with the bundled rules."""
    return [f for f in evaluate(data, as_of, rules=RULES).findings if f.rule == rule]


def refused(event: dict[str, Any]) -> tuple[str, str | None]:
    """Validate a case of one event that must be refused: the message and the field named."""
    with pytest.raises(CaseError) as info:
        Case.from_dict(case(event))
    (problem,) = info.value.problems
    assert problem.event_index == 0
    return str(info.value), problem.field


def assert_described(event_type: str, attributes: set[str]) -> None:
    """A new event type has exactly ``attributes``, both labels, a docstring citing its
    paragraph, a description for every attribute, and a mention in docs/events.md."""
    cls = EVENT_TYPES[event_type]
    assert set(attributes_of(event_type)) == attributes
    da, en = cls.label
    assert da
    assert en
    assert cls.__doc__
    assert "§" in cls.__doc__
    for name in attributes:
        assert cls.model_fields[name].description
    assert f"`{event_type}`" in EVENTS_MD.read_text(encoding="utf-8")
