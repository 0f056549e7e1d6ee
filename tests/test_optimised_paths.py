"""The fast paths (cached due dates, lazy explanations) give what the straightforward ones give."""

from __future__ import annotations

import importlib
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from lovfrist import evaluate, evaluate_many
from lovfrist.batch import render_jsonl
from lovfrist.calendar import (
    DEFAULT_PROFILE,
    STRICT_PROFILE,
    Unit,
    _due_day,
    _frozen_holidays,
    _public_holidays,
    add_period,
    due_date,
    end_of_day,
    fmt_date,
    fmt_instant,
    is_hverdag,
    start_of_day,
)
from lovfrist.ruleset import bundled_rules_dir, load_rules
from lovfrist.strategies import as_of_dates, cases
from lovfrist.synthetic import generate_caseload, write_jsonl

# The module, not the function lovfrist re-exports under the same name.
evaluate_module = importlib.import_module("lovfrist.evaluate")

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
    _cold()
    assert evaluate(data, as_of).to_json() == warm


def _cold() -> None:
    """Empty every cache of the engine: the straightforward path."""
    _due_day.cache_clear()
    fmt_date.cache_clear()
    fmt_instant.cache_clear()
    start_of_day.cache_clear()
    end_of_day.cache_clear()
    _frozen_holidays.cache_clear()
    _public_holidays.cache_clear()
    evaluate_module._RENDERED.clear()
    evaluate_module._SAME_DEADLINE.clear()


def test_the_fast_paths_give_the_straightforward_findings_on_a_caseload(tmp_path: Path) -> None:
    """JSON Lines through worker processes (raw lines in, JSON out) and in-process batch
    evaluation against one case at a time with every cache emptied and the rules loaded afresh
    from TOML without the parse cache."""
    caseload = list(generate_caseload(300, seed=606))
    path = tmp_path / "caseload.jsonl"
    write_jsonl(caseload, path)
    as_of = date(2025, 7, 1)
    fast = [r.text for r in render_jsonl(str(path), as_of, workers=2, chunk_size=16)]
    batch = [r.report.to_json(indent=None) for r in evaluate_many(caseload, as_of) if r.report]
    os.environ["LOVFRIST_CACHE_DIR"], saved = "", os.environ.get("LOVFRIST_CACHE_DIR", "")
    try:
        rules = load_rules([bundled_rules_dir()])
    finally:
        os.environ["LOVFRIST_CACHE_DIR"] = saved
    straightforward = []
    for case in caseload:
        _cold()
        straightforward.append(evaluate(case, as_of, rules=rules).to_json(indent=None))
    assert fast == straightforward
    assert batch == straightforward


@given(cases(), as_of_dates())
def test_lazy_explanation_is_stable(data: dict[str, Any], as_of: date) -> None:
    report = evaluate(data, as_of)
    first = [(f.explanation_da, f.explanation_en) for f in report.findings]
    assert [tuple(f.explanation.values()) for f in report.findings] == first
    assert [f["explanation"] for f in report.to_dict()["findings"]] == [
        f.explanation for f in report.findings
    ]
