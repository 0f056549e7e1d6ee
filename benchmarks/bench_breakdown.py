"""Where the time of one case goes on the command line's JSON Lines path, step by step.

Run: python benchmarks/bench_breakdown.py FILE.jsonl   (e.g. a caseload of bench_caseload.py)

Per case, in process: json.loads of the line, validation (Case.from_dict), evaluation, writing
the explanations, and the report's JSON. Figures go in docs/performance.md, never in a test.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date

from lovfrist import Case, evaluate
from lovfrist.ruleset import bundled_rules

AS_OF = date(2025, 7, 1)


def main() -> None:
    with open(sys.argv[1], "rb") as handle:
        lines = handle.read().splitlines()
    rules = bundled_rules()
    for line in lines[:100]:  # warm the caches
        evaluate(Case.from_dict(json.loads(line)), AS_OF, rules=rules).to_json(indent=None)
    steps = dict.fromkeys(("parse", "validate", "evaluate", "explain", "to_json"), 0.0)
    for line in lines:
        t0 = time.perf_counter()
        data = json.loads(line)
        t1 = time.perf_counter()
        case = Case.from_dict(data)
        t2 = time.perf_counter()
        report = evaluate(case, AS_OF, rules=rules)
        t3 = time.perf_counter()
        for finding in report.findings:
            _ = finding.explanation
        t4 = time.perf_counter()
        report.to_json(indent=None)
        t5 = time.perf_counter()
        for name, spent in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            steps[name] += spent
    total = sum(steps.values())
    for name, spent in steps.items():
        print(f"{name:9} {spent / len(lines) * 1000:.3f} ms/case  {spent / total * 100:4.1f} %")
    print(f"total     {total / len(lines) * 1000:.3f} ms/case = {len(lines) / total:,.0f} cases/s")


if __name__ == "__main__":
    main()
