"""The bundled rule files: their worked examples, their statute quotes, their consistency."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from lovfrist.examples import run_example
from lovfrist.lint import check_rules, normalise, provision_text, quote_in_provision
from lovfrist.rule import Citation, Rule
from lovfrist.ruleset import RuleSet, bundled_rules, bundled_rules_dir

RULES = bundled_rules()
STATUTES = bundled_rules_dir() / "statutes"


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, e) for r in RULES for e in r.examples],
    ids=[f"{r.id}: {e.name}" for r in RULES for e in r.examples],
)
def test_worked_example(rule: Rule, example: object, rules: RuleSet) -> None:
    from lovfrist.rule import Example

    assert isinstance(example, Example)
    result = run_example(rule, example, rules)
    assert result.passed, "\n".join(result.problems)


@cache
def _statute(file: str) -> str:
    return (STATUTES / file).read_text(encoding="utf-8")


def _citations() -> list[tuple[str, Citation]]:
    out: list[tuple[str, Citation]] = []
    for rule in RULES:
        out.append((rule.id, rule.citation))
        if rule.after_repeal and rule.after_repeal.basis:
            out.append((f"{rule.id} after_repeal.basis", rule.after_repeal.basis))
    return out


@pytest.mark.parametrize(("label", "citation"), _citations(), ids=[c[0] for c in _citations()])
def test_statute_sentence_is_verbatim_in_the_cited_provision(
    label: str, citation: Citation
) -> None:
    assert list(quote_in_provision(citation, STATUTES)) == [], label


def test_quote_check_can_fail() -> None:
    provision = provision_text(_statute("barnets-lov_LBK-282-2025.txt"), "20", 3)
    assert provision is not None
    assert (
        normalise("Den børnefaglige undersøgelse skal afsluttes senest 4 måneder") not in provision
    )
    assert normalise("skal afsluttes, senest 4 måneder") in normalise(provision)
    assert provision_text(_statute("barnets-lov_LBK-282-2025.txt"), "20", 9) is None


def test_every_cited_statute_file_is_bundled() -> None:
    files = {f for _, c in _citations() for f in (c.file, *c.also_in)}
    assert files
    for file in files:
        assert (STATUTES / file).is_file(), file


def test_statute_file_headers_name_the_official_source() -> None:
    for path in STATUTES.glob("*.txt"):
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert head[2].startswith("Official source: https://www.retsinformation.dk/eli/"), path.name


def test_citation_url_matches_consolidation_file() -> None:
    for label, c in _citations():
        number = re.search(r"nr (\d+) af \d\d/\d\d/(\d{4})", c.consolidation)
        assert number, label
        assert c.url == f"https://www.retsinformation.dk/eli/lta/{number[2]}/{number[1]}", label
        assert f"-{number[1]}-{number[2]}.txt" in c.file, label


def test_every_rule_has_examples_for_on_time_late_and_missing() -> None:
    for rule in RULES:
        statuses = {e.status for ex in rule.examples for e in ex.expect}
        if rule.deadline.kind == "no_fixed_time":
            assert {"open", "met"} <= statuses, rule.id
        elif rule.deadline.direction == "earliest":
            assert {"met", "early"} <= statuses, rule.id
        elif rule.deadline.kind == "count":  # a missed period stays overdue: there is no "late"
            assert {"met", "overdue", "open"} <= statuses, rule.id
        else:
            assert {"met", "late", "overdue"} <= statuses, rule.id


def test_repealed_rules_say_what_happens_after_repeal() -> None:
    for rule in RULES:
        if rule.valid_to is not None and rule.deadline.kind != "before_trigger":
            assert rule.after_repeal is not None, rule.id


def test_law_versions_do_not_overlap_for_successors() -> None:
    for rule in RULES:
        if rule.after_repeal and rule.after_repeal.successor:
            successor = RULES[rule.after_repeal.successor]
            assert rule.valid_to is not None
            assert successor.valid_from is not None
            assert rule.valid_to < successor.valid_from


def test_bundled_rules_dir_has_one_file_per_act() -> None:
    names = sorted(p.name for p in Path(bundled_rules_dir()).glob("*.toml"))
    assert names == [
        "barnets_lov.toml",
        "retssikkerhedsbekendtgoerelsen.toml",
        "retssikkerhedsloven.toml",
        "serviceloven.toml",
    ]


def test_bundled_rules_pass_the_linter() -> None:
    assert check_rules(examples=False) == []
