"""How long one case takes: validation and evaluation, in process.

Run: python benchmarks/bench_evaluate.py [--repeat N]

Prints median and p99 per case for the bundled sample case and for a fixed set of synthetic
timelines (about 30 events each). Figures go in the issue note, never in a unit test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

from lovfrist import Case, evaluate
from lovfrist.ruleset import bundled_rules
from lovfrist.synthetic import generate_caseload

ROOT = Path(__file__).resolve().parents[1]


def timeit(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary(label: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(f"{label:<46} median {statistics.median(ms):7.3f} ms   p99 {p99:7.3f} ms   n={len(ms)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    bundled_rules()
    as_of = date(2025, 6, 1)
    sample = json.loads((ROOT / "examples" / "straddling-2024.json").read_text(encoding="utf-8"))
    case = Case.from_dict(sample)
    evaluate(case, as_of)  # warm the holiday cache
    summary(
        "sample case: validate (Case.from_dict)",
        timeit(lambda: Case.from_dict(sample), args.repeat),
    )
    summary("sample case: evaluate", timeit(lambda: evaluate(case, as_of), args.repeat))
    n = max(200, args.repeat)
    # Realistic timelines (lovfrist.synthetic) with default compliance, all rules.
    dicts = list(generate_caseload(n, seed=20240101, target_events=30))
    events = sum(len(d["events"]) for d in dicts) / n
    print(f"synthetic caseload: {n} cases, {events:.1f} events per case on average")
    t = time.perf_counter()
    cases = [Case.from_dict(d) for d in dicts]
    per_case = (time.perf_counter() - t) * 1000 / n
    print(f"{'synthetic cases: validate (mean)':<46} {per_case:7.3f} ms per case, n={n}")
    # Each distinct case once: the due-date cache only helps as much as real caseloads let it.
    summary(
        "synthetic cases: evaluate",
        [timeit(lambda c=c: evaluate(c, as_of), 1)[0] for c in cases],
    )
    summary(
        "synthetic cases: evaluate + JSON",
        [timeit(lambda c=c: evaluate(c, as_of).to_json(), 1)[0] for c in cases],
    )


if __name__ == "__main__":
    main()
