"""Caseload benchmark: the figures of docs/performance.md.

Run (from the repository root, with lovfrist installed):

    python benchmarks/bench_caseload.py                   # 1,000 and 10,000 cases
    python benchmarks/bench_caseload.py --sizes 1000 10000 100000

For each size it writes a synthetic JSON Lines caseload (lovfrist.synthetic, seeded, all rules,
default compliance) into --workdir and reports:

* in process: median and p99 time to evaluate one validated case (a sample of up to 2,000);
* through the command line: ``lovfrist check FILE --format jsonl`` (reading, validation,
  evaluation, JSON with explanations) in cases per second, its peak memory (max RSS), and the
  ratio of its time to merely parsing the same file with ``json.loads`` line by line;
* the same with ``--workers N`` for each N of --workers;
* the command line's cold start for one small case (best of --cold runs).

Benchmarks are not tests: nothing here asserts a figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from lovfrist import Case, __version__, evaluate
from lovfrist.ruleset import bundled_rules
from lovfrist.synthetic import generate_caseload, write_jsonl

AS_OF = date(2025, 7, 1)
ROOT = Path(__file__).resolve().parents[1]


#: The command under test (``--command``): by default this interpreter's ``-m lovfrist``.
COMMAND = [sys.executable, "-m", "lovfrist"]


def run_cli(args: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MiB and exit code of one ``lovfrist`` run (output discarded)."""
    start = time.perf_counter()
    proc = subprocess.Popen([*COMMAND, *args], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss // 1024, proc.returncode


def parse_only(path: Path) -> float:
    start = time.perf_counter()
    with path.open("rb") as handle:
        for line in handle:
            json.loads(line)
    return time.perf_counter() - start


def in_process(path: Path, sample: int) -> tuple[float, float, float]:
    cases = []
    with path.open("rb") as handle:
        for line in handle:
            cases.append(Case.from_dict(json.loads(line)))
            if len(cases) >= sample:
                break
    rules = bundled_rules()
    for case in cases[:50]:
        evaluate(case, AS_OF, rules=rules)  # warm caches
    times = []
    for case in cases:
        start = time.perf_counter()
        evaluate(case, AS_OF, rules=rules)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, statistics.fmean(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, nargs="*", default=[2])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/lovfrist-bench"))
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--cold", type=int, default=7)
    parser.add_argument(
        "--command",
        help="the lovfrist command to time, e.g. a wheel install's bin/lovfrist (whose modules "
        "are byte-compiled; an editable install under PYTHONDONTWRITEBYTECODE=1 is not)",
    )
    args = parser.parse_args()
    if args.command:
        COMMAND[:] = args.command.split()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"command: {' '.join(COMMAND)}")
    print(
        f"lovfrist {__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {len(bundled_rules().rules)} rules, as of {AS_OF}"
    )

    small = args.workdir / "one-case.json"
    small.write_text((ROOT / "examples" / "straddling-2024.json").read_text(encoding="utf-8"))
    colds = [
        run_cli(["check", str(small), "--as-of", "2024-09-01", "--format", "json"])
        for _ in range(args.cold)
    ]
    best = min(colds)
    print(
        f"cold start, one case (examples/straddling-2024.json): best {best[0]:.3f} s "
        f"of {args.cold}, "
        f"median {statistics.median(c[0] for c in colds):.3f} s, {best[1]} MiB"
    )

    for size in args.sizes:
        path = args.workdir / f"caseload-{size}.jsonl"
        if not path.exists():
            write_jsonl(generate_caseload(size, seed=size), path)
        with path.open("rb") as handle:
            events = sum(len(json.loads(line)["events"]) for line in handle)
        mib = path.stat().st_size / 2**20
        print(f"\n== {size:,} cases, {events / size:.1f} events per case, {mib:.1f} MiB JSON Lines")
        median, p99, mean = in_process(path, min(size, args.sample))
        print(
            f"in process, evaluate one case: median {median:.3f} ms, p99 {p99:.3f} ms, "
            f"mean {mean:.3f} ms"
        )
        parse = parse_only(path)
        print(f"json.loads of every line: {parse:.2f} s ({size / parse:,.0f} cases/s)")
        base = ["check", str(path), "--as-of", AS_OF.isoformat(), "--format", "jsonl"]
        for workers in [1, *args.workers]:
            wall, rss, code = run_cli([*base, "--workers", str(workers)])
            print(
                f"lovfrist check --format jsonl --workers {workers}: {wall:.2f} s, "
                f"{size / wall:,.0f} cases/s, {wall / parse:.1f}x json.loads, "
                f"peak RSS {rss} MiB (exit {code})"
            )


if __name__ == "__main__":
    main()
