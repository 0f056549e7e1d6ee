"""The fast paths (cached due dates, lazy explanations) give what the straightforward ones give."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from lovfrist import evaluate
from lovfrist.calendar import (
    DEFAULT_PROFILE,
    STRICT_PROFILE,
    Unit,
    _due_day,
    add_period,
    due_date,
    fmt_date,
    is_hverdag,
)
from lovfrist.strategies import as_of_dates, cases

days = st.dates(min_value=date(2013, 1, 1), max_value=date(2029, 12, 1))


def _reference(start: date, amount: int, unit: Unit, profile: Any) -> date:
    """Each unit computed the plain way, with no cache and no shared helper."""
    if unit is Unit.DAGE:
        return start + timedelta(days=amount)
    if unit is Unit.UGER:
        return start + timedelta(days=7 * amount)
    if unit is Unit.MAANEDER:
        return start + relativedelta(months=amount)
    if unit is Unit.AAR:
        return start + relativedelta(years=amount)
    day, left = start, amount
    while left:
        day += timedelta(days=1)
        left -= is_hverdag(day, profile)
    return day


@given(
    days,
    st.integers(1, 30),
    st.sampled_from([Unit.DAGE, Unit.HVERDAGE, Unit.UGER, Unit.MAANEDER, Unit.AAR]),
    st.sampled_from([DEFAULT_PROFILE, STRICT_PROFILE]),
)
def test_cached_due_date_matches_reference(
    start: date, amount: int, unit: Unit, profile: Any
) -> None:
    expected = _reference(start, amount, unit, profile)
    assert due_date(start, amount, unit, profile=profile) == expected
    assert add_period(start, amount, unit, profile=profile).due == expected


@given(cases(), as_of_dates())
def test_evaluation_is_the_same_with_cold_caches(data: dict[str, Any], as_of: date) -> None:
    warm = evaluate(data, as_of).to_json()
    _due_day.cache_clear()
    fmt_date.cache_clear()
    assert evaluate(data, as_of).to_json() == warm


@given(cases(), as_of_dates())
def test_lazy_explanation_is_stable(data: dict[str, Any], as_of: date) -> None:
    report = evaluate(data, as_of)
    first = [(f.explanation_da, f.explanation_en) for f in report.findings]
    assert [tuple(f.explanation.values()) for f in report.findings] == first
    assert [f["explanation"] for f in report.to_dict()["findings"]] == [
        f.explanation for f in report.findings
    ]
