"""The ``lovfrist`` command line (``spec/report.md``).

Exit codes: 0 no violations; 1 violations found; 2 the input or the arguments are wrong (a
message on stderr naming the file, case, event and field; never a traceback unless ``--debug``);
3 an internal error in lovfrist itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from lovfrist import __version__
from lovfrist.batch import CaseResult, evaluate_many, render_jsonl
from lovfrist.calendar import COPENHAGEN, PROFILES, fmt_date, local_day, local_wall_time
from lovfrist.case import Case
from lovfrist.errors import CaseError, InputError, LovfristError
from lovfrist.inputs import CaseInput, read_cases, read_children, with_children
from lovfrist.municipal import MunicipalDeadlines, load_municipal_deadlines
from lovfrist.report import Report, report_schema
from lovfrist.rule import Rule
from lovfrist.ruleset import RuleSet, bundled_rules, load_rules

__all__ = ["case_schema", "main"]

EXIT_OK, EXIT_VIOLATIONS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse prints usage and exits 2, as we want
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"lovfrist: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lovfrist", description="Statutory deadlines in Danish child-welfare cases."
    )
    parser.add_argument("--version", action="version", version=f"lovfrist {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="evaluate cases and report violations and due dates")
    _case_options(check)
    check.add_argument("--format", choices=("table", "json", "jsonl"), default="table")

    agenda = sub.add_parser(
        "agenda", help="what falls due across a caseload in the next days, and what is overdue"
    )
    _case_options(agenda)
    agenda.add_argument("--days", type=int, default=30, help="look ahead N days (default 30)")
    agenda.add_argument(
        "--by", type=_keys, default=(), metavar="KEY[,KEY]", help="group by case meta keys"
    )
    agenda.add_argument("--no-overdue", action="store_true", help="leave out overdue findings")
    agenda.add_argument(
        "--undated", action="store_true", help="also list open duties with no fixed due date"
    )
    agenda.add_argument("--format", choices=("text", "json", "csv", "ics"), default="text")
    agenda.add_argument("--ics", type=Path, metavar="FILE", help="also write an iCalendar file")
    agenda.add_argument("--calendar-name", default="lovfrist: frister", help="name in the .ics")

    stats = sub.add_parser(
        "stats", help="compliance indicators (Børnesagsbarometret) across a caseload"
    )
    _case_options(stats)
    stats.add_argument(
        "--by",
        action="append",
        default=[],
        metavar="KEY",
        help="group by rule, law, version, trigger_month, trigger_year or meta.KEY (repeatable)",
    )
    stats.add_argument(
        "--per-rule", action="store_true", help="compliance per rule instead of the indicators"
    )
    stats.add_argument("--format", choices=("table", "json", "csv"), default="table")

    rules = sub.add_parser("rules", help="list or show the rules")
    rules.add_argument(
        "action", nargs="?", choices=("list", "show", "check", "docs"), default="list"
    )
    rules.add_argument(
        "--out", type=Path, default=Path("docs"), help="docs: where rules.md and coverage.md go"
    )
    rules.add_argument(
        "--check", action="store_true", help="docs: exit 1 if the files are not up to date"
    )
    rules.add_argument(
        "rule_id", nargs="?", metavar="ID|PATH", help="rule id (show) or path (check)"
    )
    rules.add_argument("--format", choices=("table", "json"), default="table")
    rules.add_argument("--rules", type=Path, action="append", metavar="PATH")

    schema = sub.add_parser("schema", help="print the JSON Schema of a case (or of a report)")
    schema.add_argument("--report", action="store_true", help="the schema of a report instead")
    return parser


def _workers(text: str) -> int:
    if text == "auto":
        return os.cpu_count() or 1
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number or 'auto', got {text!r}")
    return value


def _keys(text: str) -> tuple[str, ...]:
    keys = tuple(k.strip() for k in text.split(",") if k.strip())
    if not keys:
        raise argparse.ArgumentTypeError(f"expected comma-separated meta keys, got {text!r}")
    return keys


def _case_options(parser: argparse.ArgumentParser) -> None:
    """The options of every command that evaluates cases."""
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="JSON case, JSON array, JSON Lines, CSV or Parquet event log; - for stdin",
    )
    parser.add_argument(
        "--as-of",
        help="evaluation date YYYY-MM-DD or datetime (default: today in Europe/Copenhagen)",
    )
    parser.add_argument(
        "--profile", choices=sorted(PROFILES), default="default", help="hverdag calendar profile"
    )
    parser.add_argument(
        "--rules",
        type=Path,
        action="append",
        metavar="PATH",
        help="rule file or directory instead of the bundled rules",
    )
    parser.add_argument(
        "--allow-cpr",
        action="store_true",
        help="accept case ids in the form of a CPR number (refused by default)",
    )
    parser.add_argument(
        "--known-at",
        metavar="DATE",
        help="evaluate as the journal showed it then: ignore events registered after DATE",
    )
    parser.add_argument(
        "--municipal-deadlines",
        metavar="FILE",
        type=Path,
        help="the municipality's own published case-processing deadlines (RSL § 3, stk. 2), "
        "TOML or JSON; see docs/municipal-deadlines.md",
    )
    parser.add_argument(
        "--children",
        metavar="FILE",
        help="child table (CSV or Parquet: case_id, birth_date, termin) for an event log",
    )
    _batch_options(parser)


def _batch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help="evaluate in N processes ('auto': one per CPU; default 1)",
    )
    parser.add_argument(
        "--fail-fast",
        action="store_true",
        help="stop at the first case that cannot be read (default: report it and go on)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args, sys.stdout, sys.stderr)
        if args.command == "agenda":
            return _agenda(args, sys.stdout, sys.stderr)
        if args.command == "stats":
            return _stats(args, sys.stdout, sys.stderr)
        if args.command == "rules":
            return _rules(args, sys.stdout)
        chosen = report_schema() if args.report else case_schema()
        print(json.dumps(chosen, ensure_ascii=False, indent=2))
        return EXIT_OK
    except LovfristError as exc:
        _print_error(exc, sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # an internal error must still not dump a traceback on a user
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"lovfrist: internal error: {type(exc).__name__}: {exc} "
                "(run with --debug for details)",
                file=sys.stderr,
            )
        return EXIT_INTERNAL


def _print_error(exc: LovfristError, err: TextIO) -> None:
    lines = exc.lines() if isinstance(exc, CaseError) else [str(exc)]
    for line in lines:
        print(f"lovfrist: error: {line}", file=err)


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case (what ``lovfrist schema`` prints)."""
    schema = Case.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lovfrist.dk/schema/case.v1.json",
        **schema,
    }


def _parse_as_of(text: str | None, err: TextIO) -> date | datetime:
    if text is None:
        today = datetime.now(COPENHAGEN).date()  # the only wall-clock read: the CLI's default
        print(f"lovfrist: as of {today.isoformat()} (today in Europe/Copenhagen)", file=err)
        return today
    return _parse_moment(text, "--as-of")


def _parse_moment(text: str, option: str) -> date | datetime:
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        value = datetime.fromisoformat(text)
        return local_wall_time(value) if value.tzinfo is None else value
    except ValueError:
        raise InputError(
            f"{option} {text!r}: expected YYYY-MM-DD or an ISO 8601 datetime"
        ) from None


def _ruleset(paths: list[Path] | None) -> RuleSet:
    return load_rules(paths) if paths else bundled_rules()


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if (
        args.format == "jsonl"
        and not args.children
        and all(f.endswith((".jsonl", ".ndjson")) for f in args.files)
    ):
        return _check_jsonl(args, out, err)
    run = _Evaluated(args, err)
    violations = False
    reports: list[Report] = []
    for result in run:
        report = result.report
        assert report is not None
        violations = violations or bool(report.violations)
        if args.format == "jsonl":
            out.write(report.to_json(indent=None) + "\n")
        else:
            reports.append(report)
    if args.format == "json":
        if len(reports) == 1:
            out.write(reports[0].to_json() + "\n")
        elif reports:
            out.write(
                json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2) + "\n"
            )
    elif args.format == "table":
        for i, report in enumerate(reports):
            if i:
                out.write("\n")
            out.write(render_table(report))
    if run.failed:
        return EXIT_INPUT
    return EXIT_VIOLATIONS if violations else EXIT_OK


def _check_jsonl(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """JSON Lines in, JSON Lines out: each worker reads, validates, evaluates and writes."""
    setup = _evaluation(args, err)
    failed = violations = False
    for file in args.files:
        for item in render_jsonl(
            file,
            setup.as_of,
            rules=setup.ruleset,
            profile=args.profile,
            allow_cpr=args.allow_cpr,
            known_at=setup.known_at,
            municipal_deadlines=setup.municipal,
            workers=args.workers,
        ):
            if item.error is not None:
                _print_error(item.error, err)
                failed = True
                if args.fail_fast:
                    return EXIT_INPUT
                continue
            violations = violations or item.violations
            out.write(f"{item.text}\n")
    if failed:
        return EXIT_INPUT
    return EXIT_VIOLATIONS if violations else EXIT_OK


@dataclass(frozen=True)
class _Setup:
    """What every caseload command evaluates with, read once from the options."""

    as_of: date | datetime
    known_at: date | datetime | None
    ruleset: RuleSet
    municipal: MunicipalDeadlines | None


def _evaluation(args: argparse.Namespace, err: TextIO) -> _Setup:
    """The as-of and known-at dates, the rules and the municipality's own deadlines."""
    as_of = _parse_as_of(args.as_of, err)
    known_at = _parse_moment(args.known_at, "--known-at") if args.known_at else None
    municipal = (
        load_municipal_deadlines(args.municipal_deadlines) if args.municipal_deadlines else None
    )
    return _Setup(as_of, known_at, _ruleset(args.rules), municipal)


class _Evaluated:
    """The results of a caseload command: errors go to stderr as they come, and are counted."""

    def __init__(self, args: argparse.Namespace, err: TextIO) -> None:
        setup = _evaluation(args, err)
        self.as_of, self.ruleset = setup.as_of, setup.ruleset
        self.results = evaluate_many(
            _inputs(args.files, args.allow_cpr, args.children),
            self.as_of,
            rules=self.ruleset,
            profile=args.profile,
            known_at=setup.known_at,
            municipal_deadlines=setup.municipal,
            workers=args.workers,
        )
        self.fail_fast = args.fail_fast
        self.err = err
        self.failed = False

    def __iter__(self) -> Iterator[CaseResult]:
        """The cases that could be evaluated."""
        return (result for result in self.everything() if result.error is None)

    def everything(self) -> Iterator[CaseResult]:
        """Every result, failed ones included (after their error is printed)."""
        for result in self.results:
            if result.error is not None:
                _print_error(result.error, self.err)
                self.failed = True
                if self.fail_fast:
                    return
            yield result


def _agenda(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from lovfrist.agenda import agenda, agenda_records, render_agenda, to_ics

    if args.days < 0:
        raise InputError(f"--days must be 0 or more, got {args.days}")
    run = _Evaluated(args, err)
    items = agenda(
        run,
        as_of=run.as_of,
        days=args.days,
        include_overdue=not args.no_overdue,
        include_undated=args.undated,
        by=args.by,
        rules=run.ruleset,
    )
    if args.format == "ics":
        data = to_ics(items, calendar_name=args.calendar_name)
        buffer = getattr(out, "buffer", None)
        if buffer is not None:  # bytes as they are: the file's CRLF line ends must survive
            out.flush()
            buffer.write(data)
        else:
            out.write(data.decode("utf-8"))
    elif args.format == "json":
        out.write(
            json.dumps(agenda_records(items), ensure_ascii=False, indent=2, default=str) + "\n"
        )
    elif args.format == "csv":
        _write_csv(agenda_records(items), out)
    else:
        out.write(render_agenda(items, as_of=run.as_of, by=args.by))
    if args.ics is not None:
        args.ics.write_bytes(to_ics(items, calendar_name=args.calendar_name))
        print(f"lovfrist: wrote {len(items)} deadlines to {args.ics}", file=err)
    return EXIT_INPUT if run.failed else EXIT_OK


def _stats(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from lovfrist.stats import stats_command_output

    run = _Evaluated(args, err)
    try:
        text = stats_command_output(
            run.everything(), by=tuple(args.by), fmt=args.format, per_rule=args.per_rule
        )
    except ValueError as exc:  # a grouping key no case has
        raise InputError(f"--by: {exc}") from None
    out.write(text)
    return EXIT_INPUT if run.failed else EXIT_OK


def _write_csv(records: list[dict[str, Any]], out: TextIO) -> None:
    import csv

    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)


def _inputs(
    files: Sequence[str], allow_cpr: bool, children: str | None = None
) -> Iterator[CaseInput]:
    table = read_children(children) if children else None
    for file in files:
        items = read_cases(file, allow_cpr=allow_cpr)
        yield from items if table is None else with_children(items, table, allow_cpr=allow_cpr)


_HEAD = ("Status", "Frist", "Dage over", "Hjemmel", "Udløst af", "Opfyldt af")


def render_table(report: Report) -> str:
    """A table a caseworker can read: Danish headings, due dates, days overdue."""
    as_of = local_day(report.as_of)
    lines = [
        f"Sag {report.case_id} - status pr. {fmt_date(as_of, 'da')} "
        f"(hverdagsprofil: {report.profile})"
    ]
    rows: list[tuple[str, ...]] = []
    for f in report.findings:
        if isinstance(f.due, datetime):
            local = f.due.astimezone(COPENHAGEN)
            due = f"{fmt_date(local.date(), 'da')} {local.hour:02d}:{local.minute:02d}"
        elif f.due is not None:
            due = fmt_date(f.due, "da")
        else:
            due = "-"
        mark = "!" if f.is_violation else " "
        done = f"{f.fulfilled_by.type} {f.fulfilled_by.event}" if f.fulfilled_by else "-"
        basis = f"{f.citation} [{f.rule}]"
        if f.transition is not None:
            basis += f" (overgang: {f.transition.basis or 'fortolkning'})"
        rows.append(
            (
                f"{mark} {f.status.da}",
                due,
                str(f.days_overdue) if f.days_overdue is not None else "",
                basis,
                f"{f.trigger.type} {f.trigger.event}",
                done,
            )
        )
    if rows:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_HEAD)]
        fmt = "  ".join(f"{{:<{w}}}" for w in widths)
        lines.append(fmt.format(*_HEAD).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        lines.extend(fmt.format(*r).rstrip() for r in rows)
    else:
        lines.append("Ingen frister udledt af sagens hændelser.")
    open_ = len(report.upcoming)
    lines.append(
        f"{len(report.violations)} overtrædelse(r), {open_} åben(ne) frist(er), "
        f"{len(report.findings)} i alt."
    )
    return "\n".join(lines) + "\n"


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    from lovfrist.ruledocs import validity_text

    if args.action == "check":
        return _rules_check(args, out)
    if args.action == "docs":
        return _rules_docs(args, out)
    ruleset = _ruleset(args.rules)
    if args.action == "show":
        if not args.rule_id:
            raise InputError("rules show needs a rule id (see `lovfrist rules list`)")
        if args.rule_id not in ruleset:
            import difflib

            close = difflib.get_close_matches(args.rule_id, [r.id for r in ruleset], n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise InputError(f"no rule with id {args.rule_id!r}{hint}")
        rule = ruleset[args.rule_id]
        if args.format == "json":
            out.write(
                json.dumps(
                    rule.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2
                )
                + "\n"
            )
        else:
            out.write(render_rule(rule))
        return EXIT_OK
    if args.format == "json":
        out.write(
            json.dumps([rule_summary(r) for r in ruleset], ensure_ascii=False, indent=2) + "\n"
        )
        return EXIT_OK
    head = ("id", "hjemmel", "gælder for udløsning", "grad")
    rows = [
        (
            r.id,
            r.citation.render(),
            validity_text(r),
            r.grade.value + (" (ikke verificeret)" if r.grade.value == "secondary" else ""),
        )
        for r in ruleset
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out.write(fmt.format(*head).rstrip() + "\n")
    for row in rows:
        out.write(fmt.format(*row).rstrip() + "\n")
    return EXIT_OK


def _rules_check(args: argparse.Namespace, out: TextIO) -> int:
    """Lint rule files: 0 clean, 1 problems found, 2 the files cannot be loaded."""
    from lovfrist.lint import check_rules

    paths = list(args.rules or []) + ([Path(args.rule_id)] if args.rule_id else [])
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
    problems = check_rules(paths or None)  # RuleError (exit 2) if the files cannot be loaded
    for problem in problems:
        out.write(f"{problem}\n")
    out.write(f"{len(problems)} problem(s) found\n" if problems else "no problems found\n")
    return EXIT_VIOLATIONS if problems else EXIT_OK


def _rules_docs(args: argparse.Namespace, out: TextIO) -> int:
    """Write (or with --check, compare) docs/rules.md and docs/coverage.md."""
    from lovfrist.ruledocs import coverage_markdown, load_catalogue, rules_markdown

    ruleset = _ruleset(args.rules)
    documents = {
        "rules.md": rules_markdown(ruleset),
        "coverage.md": coverage_markdown(ruleset, load_catalogue()),
    }
    stale = []
    for name, text in documents.items():
        path = args.out / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(str(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            out.write(f"wrote {path}\n")
    if stale:
        out.write(f"stale: {', '.join(stale)}; run `lovfrist rules docs`\n")
        return EXIT_VIOLATIONS
    return EXIT_OK


def rule_summary(rule: Rule) -> dict[str, Any]:
    """One rule as ``lovfrist rules list --format json`` shows it."""
    c = rule.citation
    return {
        "id": rule.id,
        "law": c.law,
        "paragraph": c.paragraph,
        "stk": c.stk,
        "pkt": c.pkt,
        "citation": c.render(),
        "version": c.consolidation,
        "url": c.url,
        "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
        "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
        "grade": rule.grade.value,
        "verified": rule.grade.value in ("statute", "official"),
        "obligor": rule.obligor,
        "title": {"da": rule.title.da, "en": rule.title.en},
    }


def render_rule(rule: Rule) -> str:
    """A rule for a person to read: the statute sentence beside what lovfrist does with it."""
    from lovfrist.ruledocs import deadline_text, validity_text

    c = rule.citation
    deadline = deadline_text(rule)
    lines = [
        f"{rule.id}: {rule.title.da}",
        f"  {rule.title.en}",
        "",
        f"Hjemmel:   {c.render()} ({c.consolidation})",
        f"           {c.url}",
        f"Gælder:    {validity_text(rule)} (dato for udløsende hændelse)",
        f"Grad:      {rule.grade.value}",
        f"Pligt:     {rule.obligor}",
        "",
        f"»{c.text}«",
        "",
        rule.summary.da,
        "",
        "Udløses af: "
        + "; ".join(t.event + (f" {t.where}" if t.where else "") for t in rule.trigger),
        f"Frist:      {deadline}",
        "Opfyldes af: " + "; ".join(m.event for m in rule.fulfilled_by),
    ]
    if rule.lapses:
        lines.append(
            "Bortfalder: " + "; ".join(f"{lp.event} ({lp.reason.da})" for lp in rule.lapses)
        )
    if rule.after_repeal:
        ar = rule.after_repeal
        lines.append(
            f"Efter ophævelse: {ar.successor or 'fortsætter'} ({ar.grade.value}) - {ar.note.da}"
        )
    if rule.interpretation:
        lines.append("")
        lines.append("Fortolkning:")
        lines.extend(f"  - {text}" for text in rule.interpretation)
    lines.append("")
    lines.append(f"{len(rule.examples)} gennemregnede eksempler.")
    return "\n".join(lines) + "\n"
