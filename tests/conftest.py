"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from lovfrist.ruleset import RuleSet, bundled_rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return bundled_rules()
