"""Fuzzing the readers: whatever bytes arrive, the answer is a case or a located InputError.

Bounded by the hypothesis profile (more examples in CI); a crash of any other kind, or an error
without its file named, fails.
"""

from __future__ import annotations

import json
import string
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lovfrist import evaluate
from lovfrist.errors import InputError
from lovfrist.inputs import read_cases
from lovfrist.strategies import as_of_dates, cases

_FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)


@st.composite
def mutated_cases(draw: st.DrawFn) -> str:
    """A valid case with one field replaced by an arbitrary JSON value or deleted."""
    case: dict[str, Any] = draw(cases())
    if case["events"]:
        event = draw(st.sampled_from(case["events"]))
        key = draw(st.sampled_from([*event.keys(), "extra", "ref"]))
        if draw(st.booleans()):
            event.pop(key, None)
        else:
            event[key] = draw(json_values)
    else:
        case[draw(st.sampled_from(["case_id", "events", "child", "meta"]))] = draw(json_values)
    return json.dumps(case)


def _read_all(path: Path) -> None:
    """Read and evaluate everything; only a located InputError may escape or be yielded."""
    errors: list[InputError] = []
    try:
        for item in read_cases(path):
            if item.error is not None:
                errors.append(item.error)
            else:
                assert item.case is not None
                evaluate(item.case, date(2025, 1, 1))
    except InputError as exc:
        errors.append(exc)
    for error in errors:
        assert str(path) in str(error)


@_FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_json(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.json"
    path.write_bytes(data)
    _read_all(path)


@_FUZZ
@given(st.lists(mutated_cases() | st.text(max_size=60), min_size=1, max_size=4))
def test_json_lines_of_mutated_cases(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    _read_all(path)


@_FUZZ
@given(mutated_cases())
def test_mutated_case_document(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.json"
    path.write_text(text, encoding="utf-8")
    _read_all(path)


csv_cells = st.text(alphabet=string.printable + 'æøå"', max_size=15)


@_FUZZ
@given(
    st.lists(
        st.sampled_from(
            ["case_id", "id", "type", "at", "ref", "anonym", "birth_date", "meta.x", "bogus"]
        ),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.lists(csv_cells, max_size=7), max_size=6),
)
def test_csv_event_logs(tmp_path: Path, header: list[str], rows: list[list[str]]) -> None:
    lines = [",".join(header), *(",".join(r) for r in rows)]
    path = tmp_path / "fuzz.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    _read_all(path)


@_FUZZ
@given(cases(), as_of_dates())
def test_valid_generated_cases_always_read(
    tmp_path: Path, case: dict[str, Any], as_of: object
) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps(case) + "\n", encoding="utf-8")
    (item,) = list(read_cases(path))
    assert item.error is None
