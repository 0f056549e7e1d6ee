"""How long one case takes: validation and evaluation, in process.

Run: python benchmarks/bench_evaluate.py [--repeat N]

Prints median and p99 per case for the bundled sample case and for a fixed set of synthetic
timelines (about 30 events each). Figures go in the issue note, never in a unit test.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from lovfrist import Case, evaluate
from lovfrist.ruleset import bundled_rules

ROOT = Path(__file__).resolve().parents[1]


def synthetic_case(rnd: random.Random, n: int = 30) -> dict[str, Any]:
    """A plausible timeline: notifications, an investigation, measures, plans, follow-ups."""
    day = date(2023, 1, 1) + timedelta(days=rnd.randrange(900))
    events: list[dict[str, Any]] = []

    def add(etype: str, ref: str | None = None, **attrs: Any) -> str:
        nonlocal day
        day += timedelta(days=rnd.randrange(1, 25))
        eid = f"e{len(events)}"
        event = {"id": eid, "type": etype, "at": day.isoformat(), **attrs}
        if ref:
            event["ref"] = ref
        events.append(event)
        return eid

    u = add("underretning", fagperson=True)
    add("underretning_vurderet", u)
    add("kvittering", u)
    b = add("bfu_start", u)
    a = add("afgoerelse", indsats=rnd.choice(["stoette", "anbringelse"]), plan=True)
    add("handleplan", a)
    s = add("indsats_start", a)
    add("bfu_afsluttet", b)
    add("barnets_plan", a)
    while len(events) < n:
        kind = rnd.random()
        if kind < 0.5:
            add("opfoelgning", s)
        elif kind < 0.7:
            u2 = add("underretning")
            add("kvittering", u2)
        elif kind < 0.85:
            add("boernesamtale")
        else:
            f = add("formandsafgoerelse")
            add("buu_afgoerelse", f, art="godkendelse")
    return {
        "case_id": f"B-{rnd.randrange(10**6)}",
        "child": {"birth_date": "2012-05-04"},
        "events": events,
    }


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
    rnd = random.Random(20240101)
    n = max(200, args.repeat)
    dicts = [synthetic_case(rnd) for _ in range(n)]
    t = time.perf_counter()
    cases = [Case.from_dict(d) for d in dicts]
    per_case = (time.perf_counter() - t) * 1000 / n
    print(f"{'synthetic 30-event cases: validate (mean)':<46} {per_case:7.3f} ms per case, n={n}")
    # Each distinct case once: the due-date cache only helps as much as real caseloads let it.
    summary(
        "synthetic 30-event cases: evaluate",
        [timeit(lambda c=c: evaluate(c, as_of), 1)[0] for c in cases],
    )
    summary(
        "synthetic 30-event cases: evaluate + JSON",
        [timeit(lambda c=c: evaluate(c, as_of).to_json(), 1)[0] for c in cases],
    )


if __name__ == "__main__":
    main()
