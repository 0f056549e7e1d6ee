"""The generated rule catalogue and coverage map are current and complete."""

from __future__ import annotations

from pathlib import Path

from lovfrist.ruledocs import CatalogueRow, coverage_markdown, load_catalogue, rules_markdown
from lovfrist.ruleset import RuleSet

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_rules_md_is_current(rules: RuleSet) -> None:
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_markdown(rules), (
        "docs/rules.md is stale: run `lovfrist rules docs`"
    )


def test_coverage_md_is_current(rules: RuleSet) -> None:
    text = coverage_markdown(rules, load_catalogue())
    assert (DOCS / "coverage.md").read_text(encoding="utf-8") == text, (
        "docs/coverage.md is stale: run `lovfrist rules docs`"
    )


def test_every_rule_has_its_statute_sentence_in_rules_md(rules: RuleSet) -> None:
    text = rules_markdown(rules)
    for rule in rules:
        assert f"### `{rule.id}`" in text
        assert rule.citation.text.replace("|", "\\|") in text


def test_catalogue_rows_are_unique_and_each_has_a_status(rules: RuleSet) -> None:
    rows = load_catalogue()
    assert len(rows) == 235
    assert len({r.id for r in rows}) == len(rows)
    text = coverage_markdown(rules, rows)
    for row in rows:
        line = next(line for line in text.splitlines() if f"`{row.id}`" in line)
        assert ("**encoded**" in line) == (row.id in rules)
        assert row.id in rules or row.reason in line.replace("\\|", "|")


def test_a_row_another_rule_checks_is_counted_as_covered(rules: RuleSet) -> None:
    rows = [
        CatalogueRow(
            "9.1",
            "9. Test",
            "A duty",
            "X-1-covered",
            "§ 1",
            "one-off",
            "statute",
            "encoded by SEL-75-3-forelaeggelse-7d: same trigger and count",
        ),
        CatalogueRow(
            "9.2",
            "9. Test",
            "Another",
            "X-2-open",
            "§ 2",
            "one-off",
            "statute",
            "needs an event for it",
        ),
    ]
    text = coverage_markdown(rules, rows)
    assert "**0 are encoded**" in text
    assert "**1 are covered**" in text
    assert "1 are not encoded" in text
    assert "| **covered**: encoded by SEL-75-3-forelaeggelse-7d" in text
    assert "| needs an event for it | 1 |" in text
