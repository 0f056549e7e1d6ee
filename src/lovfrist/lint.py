"""Checking rule files beyond their schema: quotes, versions, validity gaps, worked examples.

``lovfrist rules check PATH`` runs this for organisations that keep local rule files; CI runs it
on the bundled rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from lovfrist.errors import RuleError
from lovfrist.examples import run_examples
from lovfrist.rule import Citation, Rule
from lovfrist.ruleset import RuleSet, load_rules

__all__ = ["LintProblem", "check_rules", "provision_text", "quote_in_provision"]

_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


@dataclass(frozen=True, slots=True)
class LintProblem:
    """One problem in a rule file, located by file, rule id and field."""

    message: str
    file: str | None = None
    rule_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        return str(RuleError(self.message, file=self.file, rule_id=self.rule_id, field=self.field))


def normalise(text: str) -> str:
    """Text with whitespace collapsed and invisible formatting characters removed."""
    return " ".join(_INVISIBLE.sub("", text).split())


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def provision_text(statute: str, paragraph: str, stk: int | None) -> str | None:
    """The text of ``§ paragraph`` (and its ``stk.``) in a statute file, or None if absent.

    The statute files put each paragraph on a line starting ``§ N.`` and each later stk. on a
    line starting ``Stk. N.``; stk. 1 is the paragraph's first line.
    """
    match = re.search(rf"^§ {re.escape(paragraph)}\. .*?(?=^§ \d|\Z)", statute, re.M | re.S)
    if match is None:
        return None
    lines = match.group(0).splitlines()
    if stk is None:
        return match.group(0)
    if stk == 1:
        return lines[0]
    return next((line for line in lines if line.startswith(f"Stk. {stk}. ")), None)


def quote_in_provision(citation: Citation, statutes: Path) -> Iterator[str]:
    """Problems with a citation's quote: every file it names must hold it verbatim."""
    quote = normalise(citation.text)
    for file in (citation.file, *citation.also_in):
        path = statutes / file
        if not path.is_file():
            yield f"statute file {file} not found in {statutes}"
            continue
        provision = provision_text(_read(path), citation.paragraph, citation.stk)
        where = f"§ {citation.paragraph}" + (f", stk. {citation.stk}" if citation.stk else "")
        if provision is None:
            yield f"{where} not found in {file}"
        elif quote not in normalise(provision):
            yield f"the quoted sentence is not verbatim in {file} {where}"


def _citations(rule: Rule) -> Iterator[tuple[str, Citation]]:
    yield "citation", rule.citation
    if rule.after_repeal is not None and rule.after_repeal.basis is not None:
        yield "after_repeal.basis", rule.after_repeal.basis


def _duty(rule: Rule) -> tuple[object, ...]:
    c = rule.citation
    return (c.law, c.paragraph, c.stk, c.pkt, tuple(sorted({t.event for t in rule.trigger})))


def check_rules(
    paths: Sequence[str | Path] | str | Path | None = None, *, examples: bool = True
) -> list[LintProblem]:
    """Every problem found in the rule files (the bundled rules when ``paths`` is None).

    Files that cannot be loaded raise :class:`RuleError` (file, rule id, field). Otherwise the
    checks are: each quoted sentence verbatim in the provision it cites (statute texts in a
    ``statutes/`` folder beside the rule file), no two versions of one duty in force for the same
    trigger date, no gap between a rule and its successor, and every worked example passing.
    """
    return list(_lint(load_rules(paths), examples=examples))


def _lint(rules: RuleSet, *, examples: bool) -> Iterator[LintProblem]:
    def where(rule: Rule) -> str | None:
        origin = rules.origin.get(rule.id)
        return str(origin) if origin else None

    for rule in rules:
        origin = rules.origin.get(rule.id)
        statutes = (origin.parent if origin else Path(".")) / "statutes"
        for field, citation in _citations(rule):
            for message in quote_in_provision(citation, statutes):
                yield LintProblem(message, where(rule), rule.id, f"{field}.text")

    by_duty: dict[tuple[object, ...], list[Rule]] = {}
    for rule in rules:
        by_duty.setdefault(_duty(rule), []).append(rule)
    for versions in by_duty.values():
        for i, a in enumerate(versions):
            for b in versions[i + 1 :]:
                if _overlap(a, b):
                    yield LintProblem(
                        f"in force on the same trigger dates as {b.id} "
                        "(same provision and trigger); versions of one duty must not overlap",
                        where(a),
                        a.id,
                        "valid_from",
                    )

    for rule in rules:
        succ_id = rule.after_repeal.successor if rule.after_repeal else None
        if succ_id is None or succ_id not in rules or rule.valid_to is None:
            continue
        successor = rules[succ_id]
        if successor.valid_from is not None:
            gap = (successor.valid_from - rule.valid_to).days - 1
            if gap > 0:
                yield LintProblem(
                    f"{gap} day(s) between valid_to {rule.valid_to} and the successor's "
                    f"valid_from {successor.valid_from}: no rule governs triggers in the gap",
                    where(rule),
                    rule.id,
                    "valid_to",
                )

    if examples:
        for result in run_examples(rules):
            for problem in result.problems:
                yield LintProblem(
                    f"example {result.example!r}: {problem}",
                    where(rules[result.rule]),
                    result.rule,
                    "example",
                )


def _overlap(a: Rule, b: Rule) -> bool:
    start = max(a.valid_from or date.min, b.valid_from or date.min)
    end = min(a.valid_to or date.max, b.valid_to or date.max)
    return start <= end
