"""Evaluating a whole caseload: streamed, in order, optionally on several cores.

:func:`evaluate_many` takes any iterable of cases (validated :class:`~lovfrist.case.Case`
objects, dicts in the case format, or the :class:`~lovfrist.inputs.CaseInput` items that
:func:`~lovfrist.inputs.read_cases` yields) and yields one :class:`CaseResult` per case, in input
order. It holds only a bounded window of cases in memory, so a caseload of millions streams
through in constant memory. A case that cannot be read or evaluated yields a result with its
error and the case id; the others go on, unless ``fail_fast`` is set.

With ``workers > 1`` the cases are evaluated in a process pool. The findings are identical to
those of one process (``tests/test_batch.py``); only their explanations are written eagerly in
the workers, since the lazy explanation cannot cross a process boundary.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any

from lovfrist.calendar import DEFAULT_PROFILE, CalendarProfile
from lovfrist.case import Case
from lovfrist.errors import CaseError, InputError, LovfristError
from lovfrist.evaluate import evaluate
from lovfrist.inputs import CaseInput, open_input, parse_line
from lovfrist.municipal import MunicipalDeadlines
from lovfrist.report import Finding, Report
from lovfrist.ruleset import RuleSet, bundled_rules

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["BatchError", "CaseResult", "Rendered", "evaluate_many", "render_jsonl"]

#: Cases sent to a worker at a time: large enough to amortise the hand-over between processes,
#: small enough to keep the window of cases in memory small.
CHUNK_SIZE = 64


@dataclass(frozen=True, slots=True)
class CaseResult:
    """The outcome for one case of a batch: its report, or the error that stopped it.

    ``case_id`` is known even for most failed cases (the ``case_id`` field of the input, where
    it could be read). ``source``, ``line`` and ``index`` say where the case came from when it
    was read from a file.
    """

    case_id: str | None
    report: Report | None
    error: InputError | None
    source: str | None = None
    line: int | None = None
    index: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The report's findings; none for a failed case."""
        return self.report.findings if self.report is not None else ()


class BatchError(LovfristError):
    """Raised by :func:`evaluate_many` with ``fail_fast=True`` at the first case that fails."""

    def __init__(self, result: CaseResult) -> None:
        self.result = result
        assert result.error is not None
        super().__init__(str(result.error))


def evaluate_many(
    cases: Iterable[Case | Mapping[str, Any] | CaseInput],
    as_of: date | datetime,
    *,
    rules: RuleSet | None = None,
    profile: str | CalendarProfile = DEFAULT_PROFILE,
    allow_cpr: bool = False,
    known_at: date | datetime | None = None,
    municipal_deadlines: MunicipalDeadlines | None = None,
    workers: int | None = 1,
    fail_fast: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[CaseResult]:
    """Evaluate every case as of ``as_of``; yield one :class:`CaseResult` per case, in order.

    The arguments are those of :func:`~lovfrist.evaluate`. ``workers`` is the number of
    processes (``None``: one per CPU; ``1``: evaluate in this process). With ``fail_fast`` the
    first failing case raises :class:`BatchError` (after the results before it were yielded).
    The iterable is consumed lazily: at most about ``4 * workers * chunk_size`` cases are held
    at once.
    """
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1:
        raise InputError(f"workers must be at least 1, got {workers}")
    if chunk_size < 1:
        raise InputError(f"chunk_size must be at least 1, got {chunk_size}")
    ruleset = rules if rules is not None else bundled_rules()
    job = partial(
        _evaluate_one,
        as_of=as_of,
        rules=ruleset,
        profile=profile,
        allow_cpr=allow_cpr,
        known_at=known_at,
        municipal_deadlines=municipal_deadlines,
    )
    results = map(job, cases) if workers == 1 else _pooled(cases, job, workers, chunk_size)
    for result in results:
        if fail_fast and result.error is not None:
            raise BatchError(result)
        yield result


def _evaluate_one(
    item: Case | Mapping[str, Any] | CaseInput,
    *,
    as_of: date | datetime,
    rules: RuleSet,
    profile: str | CalendarProfile,
    allow_cpr: bool,
    known_at: date | datetime | None,
    municipal_deadlines: MunicipalDeadlines | None = None,
) -> CaseResult:
    source = line = index = None
    if isinstance(item, CaseInput):
        source, line, index = item.source, item.line, item.index
        if item.error is not None:
            return CaseResult(_error_case_id(item.error), None, item.error, source, line, index)
        assert item.case is not None
        item = item.case
    case_id = item.case_id if isinstance(item, Case) else _raw_case_id(item)
    try:
        report = evaluate(
            item,
            as_of,
            rules=rules,
            profile=profile,
            allow_cpr=allow_cpr,
            known_at=known_at,
            municipal_deadlines=municipal_deadlines,
        )
    except InputError as exc:
        return CaseResult(case_id, None, exc, source, line, index)
    return CaseResult(report.case_id, report, None, source, line, index)


def _raw_case_id(data: object) -> str | None:
    if isinstance(data, Mapping):
        value = data.get("case_id")
        return value if isinstance(value, str) else None
    return None


def _error_case_id(error: InputError) -> str | None:
    return error.case_id if isinstance(error, CaseError) else None


#: The job of a worker process, set once when the worker starts (the rule set is sent once per
#: worker, not with every chunk).
_JOB: Any = None


def _start_worker(job: Any) -> None:
    global _JOB
    _JOB = job


def _run_chunk(chunk: list[Any]) -> list[Any]:
    """Run the worker's job over a chunk; a report's explanations are written here, while the
    engine is at hand (the lazy explainer cannot be sent back to the parent process)."""
    out = []
    for result in map(_JOB, chunk):
        if isinstance(result, CaseResult) and result.report is not None:
            result = replace(result, report=_portable(result.report))
        out.append(result)
    return out


def _portable(report: Report) -> Report:
    findings = tuple(
        replace(f, explainer=partial(_fixed, (f.explanation_da, f.explanation_en)))
        for f in report.findings
    )
    return replace(report, findings=findings)


def _fixed(text: tuple[str, str]) -> tuple[str, str]:
    return text


def _pooled(items: Iterable[Any], job: Any, workers: int, chunk_size: int) -> Iterator[Any]:
    """``map(job, items)`` in ``workers`` processes, in order, with a bounded window."""
    # Imported here: the pool machinery costs 30 ms of start-up that one process never needs.
    from concurrent.futures import ProcessPoolExecutor

    iterator = iter(items)
    window = 4 * workers
    pending: deque[Future[list[Any]]] = deque()
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(job,)
    ) as pool:
        while True:
            while len(pending) < window:
                chunk = list(islice(iterator, chunk_size))
                if not chunk:
                    break
                pending.append(pool.submit(_run_chunk, chunk))
            if not pending:
                return
            yield from pending.popleft().result()


@dataclass(frozen=True, slots=True)
class Rendered:
    """One line of a JSON Lines file, checked: its report as JSON text, or its error."""

    line: int
    error: InputError | None
    text: str | None
    violations: bool


def render_jsonl(
    path: str,
    as_of: date | datetime,
    *,
    rules: RuleSet | None = None,
    profile: str | CalendarProfile = DEFAULT_PROFILE,
    allow_cpr: bool = False,
    known_at: date | datetime | None = None,
    municipal_deadlines: MunicipalDeadlines | None = None,
    workers: int = 1,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Rendered]:
    """Check a JSON Lines file and yield each case's report as one line of JSON, in order.

    The fast path of ``lovfrist check --format jsonl --workers N``: the workers read, validate,
    evaluate and write JSON, so the parent only moves lines. Same output as evaluating each case
    and calling ``report.to_json(indent=None)``.
    """
    job = partial(
        _render_line,
        source=path,
        as_of=as_of,
        rules=rules if rules is not None else bundled_rules(),
        profile=profile,
        allow_cpr=allow_cpr,
        known_at=known_at,
        municipal_deadlines=municipal_deadlines,
    )
    empty = True
    with open_input(path) as handle:
        lines = enumerate(handle, start=1)
        if workers == 1:
            results: Iterator[Rendered | None] = (job(item) for item in lines)
        else:
            results = _pooled(lines, job, workers, chunk_size)
        for result in results:
            if result is not None:
                empty = False
                yield result
    if empty:
        raise InputError("empty file; expected JSON Lines of cases", source=path)


def _render_line(
    item: tuple[int, bytes],
    *,
    source: str,
    as_of: date | datetime,
    rules: RuleSet,
    profile: str | CalendarProfile,
    allow_cpr: bool,
    known_at: date | datetime | None,
    municipal_deadlines: MunicipalDeadlines | None = None,
) -> Rendered | None:
    number, raw = item
    parsed = parse_line(raw, number, source, allow_cpr)
    if parsed is None:
        return None
    result = _evaluate_one(
        parsed,
        as_of=as_of,
        rules=rules,
        profile=profile,
        allow_cpr=allow_cpr,
        known_at=known_at,
        municipal_deadlines=municipal_deadlines,
    )
    if result.report is None:
        return Rendered(number, result.error, None, False)
    report = result.report
    return Rendered(number, None, report.to_json(indent=None), bool(report.violations))
