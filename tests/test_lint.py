"""``lovfrist rules check``: what the linter finds in local rule files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lovfrist.cli import main
from lovfrist.errors import RuleError
from lovfrist.lint import check_rules
from lovfrist.ruleset import bundled_rules_dir

SRC = bundled_rules_dir()


@pytest.fixture
def local(tmp_path: Path) -> Path:
    """A copy of the bundled rules and statutes an organisation could edit."""
    shutil.copytree(SRC, tmp_path / "rules")
    return tmp_path / "rules"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_clean_copy_passes(local: Path) -> None:
    assert check_rules([local], examples=False) == []


def test_failing_example(local: Path) -> None:
    _edit(local / "barnets_lov.toml", "due = 2024-07-10", "due = 2024-07-11")
    (problem,) = check_rules([local])
    assert problem.rule_id == "BL-20-3-bfu-4m"
    assert problem.field == "example"
    assert "expected 2024-07-11, got 2024-07-10" in problem.message


def test_successor_overlapping_its_predecessor_cannot_load(local: Path) -> None:
    _edit(local / "serviceloven.toml", "valid_to = 2023-12-31\n", "")
    with pytest.raises(RuleError) as info:
        check_rules([local])
    assert (info.value.rule_id, info.value.field) == (
        "SEL-155-2-vurdering-24t",
        "after_repeal.successor",
    )


def test_overlap_of_two_versions_of_one_duty(local: Path) -> None:
    bl = local / "barnets_lov.toml"
    text = bl.read_text(encoding="utf-8")
    start = text.index('[[rule]]\nid = "BL-143-4-forelaeggelse-7d"')
    end = text.find("\n[[rule]]\n", start + 1)
    block = text[start:] if end == -1 else text[start:end]
    copy = block.replace("BL-143-4-forelaeggelse-7d", "BL-143-4-forelaeggelse-7d-kopi")
    bl.write_text(text + "\n" + copy, encoding="utf-8")
    problems = check_rules([local], examples=False)
    assert [(p.rule_id, p.field) for p in problems] == [("BL-143-4-forelaeggelse-7d", "valid_from")]
    assert "must not overlap" in problems[0].message


def test_gap_between_versions(local: Path) -> None:
    _edit(
        local / "barnets_lov.toml",
        'id = "BL-143-4-forelaeggelse-7d"',
        'id = "BL-143-4-forelaeggelse-7d"',
        1,
    )
    text = (local / "barnets_lov.toml").read_text(encoding="utf-8")
    start = text.index('id = "BL-143-4-forelaeggelse-7d"')
    text = text[:start] + text[start:].replace(
        "valid_from = 2024-01-01", "valid_from = 2024-01-03", 1
    )
    (local / "barnets_lov.toml").write_text(text, encoding="utf-8")
    problems = check_rules([local], examples=False)
    gaps = [p for p in problems if p.field == "valid_to"]
    assert [(p.rule_id, "2 day(s)" in p.message) for p in gaps] == [
        ("SEL-75-3-forelaeggelse-7d", True)
    ]


def test_missing_statute_file(local: Path) -> None:
    (local / "statutes" / "serviceloven_LBK-170-2022.txt").unlink()
    problems = check_rules([local], examples=False)
    assert problems
    assert all("serviceloven_LBK-170-2022.txt not found" in p.message for p in problems)


def test_unknown_event_type_cannot_load(local: Path) -> None:
    _edit(local / "barnets_lov.toml", 'event = "kvittering"', 'event = "kvitering"')
    with pytest.raises(RuleError) as info:
        check_rules([local])
    assert info.value.rule_id == "BL-138-1-kvittering-6hverdage"


def test_cli_exit_codes(local: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", str(local)]) == 0
    assert "no problems found" in capsys.readouterr().out
    _edit(local / "barnets_lov.toml", "due = 2024-07-10", "due = 2024-07-11")
    assert main(["rules", "check", str(local)]) == 1
    assert "1 problem(s) found" in capsys.readouterr().out
    _edit(local / "barnets_lov.toml", 'unit = "maaneder"', 'unit = "months"')
    assert main(["rules", "check", str(local)]) == 2
    assert "deadline.unit" in capsys.readouterr().err
    assert main(["rules", "check", str(local / "nope")]) == 2
