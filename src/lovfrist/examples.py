"""Running the worked examples of rule files: each is a small case with expected findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lovfrist.case import Case
from lovfrist.errors import LovfristError
from lovfrist.evaluate import evaluate
from lovfrist.report import Finding
from lovfrist.rule import Example, Expected, Rule
from lovfrist.ruleset import RuleSet

__all__ = ["ExampleResult", "run_example", "run_examples"]


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """The outcome of one worked example; ``problems`` is empty when it passed."""

    rule: str
    example: str
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.problems


def example_case(rule: Rule, example: Example) -> Case:
    """The example's events as a case (validated like any input)."""
    data: dict[str, object] = {
        "case_id": f"{rule.id}: {example.name}",
        "events": [dict(e) for e in example.events],
    }
    if example.child is not None:
        data["child"] = dict(example.child)
    return Case.from_dict(data)


def _same_due(expected: date | datetime | str, actual: date | datetime | None) -> bool:
    if expected == "none":
        return actual is None
    if actual is None or isinstance(expected, str):
        return False
    if isinstance(expected, datetime) != isinstance(actual, datetime):
        return False
    return expected == actual


def _compare(exp: Expected, got: Finding, rule_id: str) -> list[str]:
    problems: list[str] = []
    want_rule = exp.rule or rule_id
    if got.rule != want_rule:
        problems.append(f"rule: expected {want_rule}, got {got.rule}")
    if got.status.value != exp.status:
        problems.append(f"status: expected {exp.status}, got {got.status.value}")
    if exp.due is not None and not _same_due(exp.due, got.due):
        problems.append(f"due: expected {exp.due}, got {got.due}")
    if exp.trigger is not None and got.trigger.event != exp.trigger:
        problems.append(f"trigger: expected {exp.trigger}, got {got.trigger.event}")
    if exp.fulfilled_by is not None:
        actual = got.fulfilled_by.event if got.fulfilled_by else None
        if actual != exp.fulfilled_by:
            problems.append(f"fulfilled_by: expected {exp.fulfilled_by}, got {actual}")
    return problems


def run_example(rule: Rule, example: Example, rules: RuleSet) -> ExampleResult:
    """Evaluate one example and compare this rule's findings with the expected ones.

    The findings compared are those of this rule and of the rules its expectations name (the
    successor that takes over a pending obligation), in report order.
    """
    try:
        case = example_case(rule, example)
        report = evaluate(
            case,
            example.as_of,
            rules=rules,
            profile=example.profile,
            municipal_deadlines=example.municipal_deadlines,
        )
    except LovfristError as exc:
        return ExampleResult(rule.id, example.name, (f"error: {exc}",))
    wanted = {rule.id} | {e.rule for e in example.expect if e.rule}
    got = [f for f in report.findings if f.rule in wanted and _from(f, rule.id)]
    problems: list[str] = []
    if len(got) != len(example.expect):
        problems.append(
            f"expected {len(example.expect)} finding(s), got {len(got)}: "
            + ", ".join(f"{f.rule} {f.status.value} due {f.due}" for f in got)
        )
    for i, (exp, finding) in enumerate(zip(example.expect, got, strict=False)):
        problems.extend(f"finding {i}: {p}" for p in _compare(exp, finding, rule.id))
    return ExampleResult(rule.id, example.name, tuple(problems))


def _from(finding: Finding, rule_id: str) -> bool:
    # A successor's own obligations are not this example's business, only those handed over.
    if finding.rule == rule_id:
        return True
    return finding.transition is not None and finding.transition.from_rule == rule_id


def run_examples(rules: RuleSet) -> list[ExampleResult]:
    """Run every worked example of every rule."""
    return [run_example(rule, ex, rules) for rule in rules for ex in rule.examples]
