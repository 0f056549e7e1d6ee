"""Shared fixtures and the hypothesis profiles.

The ``ci`` profile (selected when the CI environment variable is set, or with
``--hypothesis-profile=ci``) runs 1,300 generated timelines per property test: over 10,000
across the eight invariant tests.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from lovfrist.ruleset import RuleSet, bundled_rules

ROOT = Path(__file__).resolve().parents[1]

# The rule parse cache goes to a throwaway directory, never to the user's home.
os.environ.setdefault("LOVFRIST_CACHE_DIR", tempfile.mkdtemp(prefix="lovfrist-test-cache-"))

settings.register_profile(
    "dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=1300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return bundled_rules()
