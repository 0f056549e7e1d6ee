"""Malformed rule files fail with the file, the rule and the field named; nothing is executed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lovfrist.errors import RuleError
from lovfrist.ruleset import bundled_rules_dir, load_rules

BL = (bundled_rules_dir() / "barnets_lov.toml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "barnets_lov.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_rules(_write(tmp_path, text))
    return info.value


def test_bundled_rules_load(tmp_path: Path) -> None:
    rules = load_rules(_write(tmp_path, BL))
    assert "BL-20-3-bfu-4m" in rules
    assert rules["BL-20-3-bfu-4m"].citation.render() == "barnets lov § 20, stk. 3, 1. pkt."


def test_unknown_unit_names_file_rule_and_field(tmp_path: Path) -> None:
    err = _error(tmp_path, BL.replace('unit = "maaneder"', 'unit = "months"', 1))
    assert err.file is not None
    assert err.file.endswith("barnets_lov.toml")
    assert err.rule_id == "BL-20-3-bfu-4m"
    assert err.field == "deadline.unit"
    assert "maaneder" in str(err)


def test_unknown_event_type_in_trigger(tmp_path: Path) -> None:
    err = _error(
        tmp_path, BL.replace('event = "formandsafgoerelse"', 'event = "formandsafgorelse"')
    )
    assert err.rule_id == "BL-143-4-forelaeggelse-7d"
    assert err.field == "trigger.0"
    assert "formandsafgorelse" in str(err)


def test_unknown_attribute_in_where(tmp_path: Path) -> None:
    err = _error(
        tmp_path, BL.replace("where = { anonym = false }", "where = { anonymous = false }")
    )
    assert err.rule_id == "BL-138-1-kvittering-6hverdage"
    assert err.field == "trigger.0.where.anonymous"


def test_misspelt_rule_key(tmp_path: Path) -> None:
    err = _error(
        tmp_path, BL.replace('grade = "statute"\nvalid_from', 'grad = "statute"\nvalid_from', 1)
    )
    assert err.rule_id == "BL-136-2-vurdering-24t"
    assert err.field in ("grad", "grade")


def test_duplicate_key_is_rejected_with_line(tmp_path: Path) -> None:
    err = _error(tmp_path, BL.replace('law = "BL"\nname', 'law = "BL"\nlaw = "BL"\nname', 1))
    assert "not valid TOML" in str(err)
    assert re.search(r"line \d+", str(err))


def test_duplicate_rule_id_across_files(tmp_path: Path) -> None:
    _write(tmp_path, BL, "a.toml")
    _write(tmp_path, BL, "b.toml")
    with pytest.raises(RuleError, match="duplicate rule id"):
        load_rules(tmp_path)


def test_missing_act_table(tmp_path: Path) -> None:
    err = _error(tmp_path, BL.replace("[act]\n", "[akt]\n", 1))
    assert "akt" in str(err)


def test_period_without_counting(tmp_path: Path) -> None:
    text = BL.replace(
        'counting = { grade = "interpretation", basis = "»senest 24 timer',
        'xcounting = { grade = "interpretation", basis = "»senest 24 timer',
        1,
    )
    err = _error(tmp_path, text)
    assert err.rule_id == "BL-136-2-vurdering-24t"


def test_successor_must_exist(tmp_path: Path) -> None:
    sel = (bundled_rules_dir() / "serviceloven.toml").read_text(encoding="utf-8")
    path = _write(tmp_path, sel, "serviceloven.toml")
    with pytest.raises(RuleError) as info:
        load_rules(path)  # Barnets lov not loaded: successors are missing
    assert info.value.field == "after_repeal.successor"


def test_loading_executes_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    text = BL.replace(
        'name = "Barnets lov"', f"name = \"__import__('os').system('touch {marker}')\"", 1
    )
    load_rules(_write(tmp_path, text))
    assert not marker.exists()


def test_no_rule_files(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="no rule files"):
        load_rules(tmp_path)


def test_where_value_outside_the_attribute_values(tmp_path: Path) -> None:
    err = _error(
        tmp_path,
        BL.replace(
            'where = { indsats = "stoette", plan = true }',
            'where = { indsats = "stotte", plan = true }',
            1,
        ),
    )
    assert err.rule_id == "BL-91-1-barnets-plan-3m"
    assert err.field == "trigger.0.where.indsats"
    assert "'stoette'" in str(err)


def test_unknown_act_key(tmp_path: Path) -> None:
    err = _error(
        tmp_path, BL.replace('name = "Barnets lov"', 'name = "Barnets lov"\nlov = "BL"', 1)
    )
    assert err.field == "act"
    assert "lov" in str(err)


def test_rule_of_another_law_in_the_file(tmp_path: Path) -> None:
    err = _error(
        tmp_path,
        BL.replace('id = "BL-143-4-forelaeggelse-7d"', 'id = "SEL-143-4-forelaeggelse-7d"', 1),
    )
    assert err.field == "citation.law"


class TestParseCache:
    """The parsed TOML is cached as JSON by content hash; the rules are the same either way."""

    def test_second_load_reads_the_cache_and_gives_the_same_rules(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import tomllib

        monkeypatch.setenv("LOVFRIST_CACHE_DIR", str(tmp_path / "cache"))
        fresh = load_rules([bundled_rules_dir()])
        assert len(list((tmp_path / "cache").glob("*.json"))) == len(fresh.acts)

        def no_parse(_: str) -> None:
            raise AssertionError("parsed although cached")

        monkeypatch.setattr(tomllib, "loads", no_parse)
        cached = load_rules([bundled_rules_dir()])
        assert cached.rules == fresh.rules
        assert cached.acts == fresh.acts

    def test_an_edited_file_is_parsed_afresh(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("LOVFRIST_CACHE_DIR", str(tmp_path / "cache"))
        source = bundled_rules_dir() / "retssikkerhedsbekendtgoerelsen.toml"
        copy = tmp_path / "rbek.toml"
        text = source.read_text(encoding="utf-8")
        copy.write_text(text, encoding="utf-8")
        before = load_rules([copy])
        title = before.rules[0].title.en
        copy.write_text(text.replace(title, title + " (edited)", 1), encoding="utf-8")
        after = load_rules([copy])
        assert after.rules[0].title.en == title + " (edited)"

    def test_a_corrupt_cache_entry_is_ignored(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        folder = tmp_path / "cache"
        monkeypatch.setenv("LOVFRIST_CACHE_DIR", str(folder))
        fresh = load_rules([bundled_rules_dir()])
        for entry in folder.glob("*.json"):
            entry.write_text("{truncated", encoding="utf-8")
        assert load_rules([bundled_rules_dir()]).rules == fresh.rules

    def test_empty_setting_turns_the_cache_off(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("LOVFRIST_CACHE_DIR", "")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        load_rules([bundled_rules_dir()])
        assert not (tmp_path / "xdg").exists()

    def test_an_unwritable_cache_is_ignored(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        blocker = tmp_path / "file"
        blocker.write_text("not a directory", encoding="utf-8")
        monkeypatch.setenv("LOVFRIST_CACHE_DIR", str(blocker / "cache"))
        assert len(load_rules([bundled_rules_dir()]).rules) > 0
