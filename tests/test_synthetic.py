"""The synthetic caseload generator: valid, deterministic, lazy, and compliance you can dial."""

from __future__ import annotations

import itertools
import json
import math
import random
import time
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Case, Report, evaluate
from lovfrist.inputs import read_cases
from lovfrist.synthetic import (
    CSV_COLUMNS,
    KOMMUNER,
    SAGSBEHANDLERE,
    TEAMS,
    Compliance,
    generate_case,
    generate_caseload,
    write_csv,
    write_jsonl,
)

AS_OF = date(2025, 12, 31)
BFU_RULES = frozenset({"BL-20-3-bfu-4m", "SEL-50-7-bfu-4m"})

#: The rules whose duties the generator models (every rule bundled when it was written). Rules
#: added since (e.g. the committee's re-examination, BL § 50) are not modelled: the generator
#: emits no event that answers them, so full compliance is only promised for these.
MODELLED_RULES = frozenset(
    {
        "BL-108-3-ungeplan-3m",
        "BL-108-4-ungeplan-foer-47",
        "BL-136-2-vurdering-24t",
        "BL-138-1-kvittering-6hverdage",
        "BL-143-4-forelaeggelse-7d",
        "BL-20-3-afslutning-snarest",
        "BL-20-3-bfu-4m",
        "BL-20-3-foreloebig-vurdering",
        "BL-91-1-barnets-plan-3m",
        "BL-91-2-barnets-plan-anbringelse-3m",
        "BL-91-2-plan-foer-47",
        "BL-95-2-foerste-opfoelgning",
        "SEL-140-1-handleplan-foer-afgoerelse",
        "SEL-140-1-handleplan-senest-4m",
        "SEL-155-2-vurdering-24t",
        "SEL-155b-1-kvittering-6hverdage",
        "SEL-50-7-afslutning-snarest",
        "SEL-50-7-bfu-4m",
        "SEL-50-7-foreloebig-vurdering",
        "SEL-70-1-foerste-vurdering-3m",
        "SEL-70-1-vurdering-hoejst-6m",
        "SEL-75-3-forelaeggelse-7d",
    }
)
#: One rule per step that Compliance times directly (the plan rules are left out: a plan late
#: for a § 47 decision can still be within 3 months, and a plan stance not recorded is
#: undetermined rather than late).
STEP_RULES = (
    ("BL-136-2-vurdering-24t", "SEL-155-2-vurdering-24t"),
    ("BL-138-1-kvittering-6hverdage", "SEL-155b-1-kvittering-6hverdage"),
    ("BL-20-3-bfu-4m", "SEL-50-7-bfu-4m"),
    ("BL-20-3-foreloebig-vurdering", "SEL-50-7-foreloebig-vurdering"),
    ("BL-143-4-forelaeggelse-7d", "SEL-75-3-forelaeggelse-7d"),
)


def _evaluate_all(cases: Iterable[dict[str, Any]]) -> list[tuple[dict[str, Any], Report]]:
    out = []
    for data in cases:
        case = Case.from_dict(data)  # raises CaseError if the generator made invalid input
        out.append((data, evaluate(case, as_of=AS_OF)))
    return out


def _violation_share(reports: Iterable[Report], rules: Iterable[str]) -> tuple[float, int]:
    wanted = set(rules)
    statuses = [f.status for r in reports for f in r.findings if f.rule in wanted]
    assert statuses, f"no findings for {sorted(wanted)}"
    return sum(s.is_violation for s in statuses) / len(statuses), len(statuses)


@pytest.fixture(scope="module")
def default_load() -> list[tuple[dict[str, Any], Report]]:
    return _evaluate_all(generate_caseload(2000, seed=2024))


@pytest.fixture(scope="module")
def perfect_load() -> list[tuple[dict[str, Any], Report]]:
    return _evaluate_all(generate_caseload(1000, seed=11, compliance=Compliance.uniform(1.0)))


@pytest.fixture(scope="module")
def hopeless_load() -> list[tuple[dict[str, Any], Report]]:
    return _evaluate_all(generate_caseload(1000, seed=12, compliance=Compliance.uniform(0.0)))


# --- validity -------------------------------------------------------------------------------


def test_two_thousand_cases_validate_and_evaluate(
    default_load: list[tuple[dict[str, Any], Report]],
) -> None:
    assert len(default_load) == 2000
    assert [d["case_id"] for d, _ in default_load[:2]] == ["SYN-000001", "SYN-000002"]
    assert len({d["case_id"] for d, _ in default_load}) == 2000
    assert sum(len(r.findings) for _, r in default_load) > 10_000
    for data, _ in default_load:
        ids = [e["id"] for e in data["events"]]
        assert len(ids) == len(set(ids))
        # No wall time in the hour summer time skips or repeats (02:00-02:59).
        assert not any("T02:" in e["at"] for e in data["events"])
        assert set(data["meta"]) == {"kommune", "team", "sagsbehandler"}
        assert data["meta"]["kommune"] in KOMMUNER
        assert data["meta"]["team"] in TEAMS
        assert data["meta"]["sagsbehandler"] in SAGSBEHANDLERE


def test_children_are_0_to_17_at_the_start_and_some_are_15_to_17(
    default_load: list[tuple[dict[str, Any], Report]],
) -> None:
    ages: Counter[int] = Counter()
    for data, _ in default_load:
        birth = date.fromisoformat(data["child"]["birth_date"])
        start = date.fromisoformat(data["events"][0]["at"][:10])
        ages[start.year - birth.year - ((start.month, start.day) < (birth.month, birth.day))] += 1
    assert min(ages) == 0
    assert max(ages) == 17
    assert sum(ages[a] for a in (15, 16, 17)) > 0.1 * len(default_load)


def test_the_caseload_looks_like_journal_data(
    default_load: list[tuple[dict[str, Any], Report]],
) -> None:
    events = [e for d, _ in default_load for e in d["events"]]
    notifications = [e for e in events if e["type"] == "underretning"]
    timed = [e for e in notifications if "T" in e["at"]]
    hours = Counter(int(e["at"][11:13]) for e in timed)
    assert 0.6 < len(timed) / len(notifications) < 0.9  # some date-only
    assert sum(hours[h] for h in range(8, 16)) > 0.7 * len(timed)  # office hours mostly
    assert sum(hours[h] for h in range(17, 23)) > 0.05 * len(timed)  # police in the evening
    assert sum(e.get("fagperson", False) for e in notifications) > 0.5 * len(notifications)
    assert 0.02 < sum(e.get("anonym", False) for e in notifications) / len(notifications) < 0.2
    answering = [e for e in events if e["type"] in ("kvittering", "opfoelgning", "bfu_afsluttet")]
    refless = sum("ref" not in e for e in answering) / len(answering)
    assert 0.03 < refless < 0.25  # a minority without ref, as journals do
    assert any("opmaerksom" in e for e in events if e["type"] == "bfu_start")
    types = Counter(e["type"] for e in events)
    for kind in (
        "foreloebig_vurdering",
        "formandsafgoerelse",
        "indsats_ophoer",
        "sag_lukket",
        "handleplan",
        "barnets_plan",
        "ungeplan",
    ):
        assert types[kind] > 0, kind
    arts = Counter(e.get("art") for e in events if e["type"] == "buu_afgoerelse")
    assert arts["godkendelse"] > 0
    assert arts["anbringelse"] > 0


def test_every_modelled_rule_fires(default_load: list[tuple[dict[str, Any], Report]]) -> None:
    fired = {f.rule for _, r in default_load for f in r.findings}
    assert fired >= MODELLED_RULES


def test_the_caseload_straddles_the_change_of_law(
    default_load: list[tuple[dict[str, Any], Report]],
) -> None:
    laws = Counter(f.law for _, r in default_load for f in r.findings)
    assert laws["SEL"] > 1000
    assert laws["BL"] > 1000
    # Obligations begun under Serviceloven and finished under Barnets lov § 213 occur too.
    assert any(f.transition is not None for _, r in default_load for f in r.findings)


def test_no_event_after_as_of_and_nothing_refers_to_a_dropped_event() -> None:
    rng = random.Random(99)
    for i in range(300):
        start = date(2022, 1, 1) + timedelta(days=rng.randrange(1300))
        as_of = start + timedelta(days=rng.randrange(-30, 900))
        data = generate_case(
            rng,
            case_id=f"CUT-{i}",
            start=start,
            compliance=Compliance.uniform(1.0),
            as_of=as_of,
        )
        Case.from_dict(data)
        assert all(date.fromisoformat(e["at"][:10]) <= as_of for e in data["events"])
        if as_of < start:
            assert data["events"] == []
        # Full compliance stays full compliance at any as_of the case is cut at.
        report = evaluate(data, as_of=as_of)
        assert not [f for f in report.violations if f.rule in MODELLED_RULES]


# --- determinism ----------------------------------------------------------------------------


def test_same_seed_same_cases_different_seed_different_cases() -> None:
    first = json.dumps(list(generate_caseload(50, seed=5)))
    again = json.dumps(list(generate_caseload(50, seed=5)))
    other = json.dumps(list(generate_caseload(50, seed=6)))
    assert first == again
    assert first != other
    one = generate_case(random.Random(3), case_id="X", start=date(2023, 5, 1))
    two = generate_case(random.Random(3), case_id="X", start=date(2023, 5, 1))
    assert one == two


def test_meta_does_not_change_the_cases() -> None:
    with_meta = list(generate_caseload(20, seed=8))
    without = list(generate_caseload(20, seed=8, meta=False))
    assert all("meta" not in case for case in without)
    assert [{k: v for k, v in c.items() if k != "meta"} for c in with_meta] == without


def test_the_global_random_state_is_left_alone() -> None:
    random.seed(123)
    expected = random.random()
    random.seed(123)
    list(generate_caseload(20, seed=1))
    generate_case(random.Random(1), case_id="X", start=date(2024, 1, 1))
    assert random.random() == expected


# --- compliance -----------------------------------------------------------------------------


def test_full_compliance_gives_no_violations(
    perfect_load: list[tuple[dict[str, Any], Report]],
) -> None:
    share, count = _violation_share((r for _, r in perfect_load), BFU_RULES)
    assert count > 600
    assert share == 0.0
    # Exactly zero for every modelled rule, not just the investigation: the generator's own
    # arithmetic (24 elapsed hours across DST, hverdage with Danish holidays, months clamped to
    # the month end, a parallel investigation ending first) agrees with the evaluator's.
    bad = [
        (d["case_id"], f.rule, f.status.value)
        for d, r in perfect_load
        for f in r.findings
        if f.rule in MODELLED_RULES and f.is_violation
    ]
    assert bad == []


def test_no_compliance_makes_nearly_every_step_a_violation(
    hopeless_load: list[tuple[dict[str, Any], Report]],
) -> None:
    reports = [r for _, r in hopeless_load]
    share, count = _violation_share(reports, BFU_RULES)
    assert count > 600
    assert share > 0.8
    for rules in STEP_RULES:
        assert _violation_share(reports, rules)[0] > 0.8, rules


def test_default_compliance_is_in_a_plausible_middle_band(
    default_load: list[tuple[dict[str, Any], Report]],
) -> None:
    reports = [r for _, r in default_load]
    # Default on time: investigation 0.50 (Børnesagsbarometret 2024), assessment 0.87.
    assert 0.35 < _violation_share(reports, BFU_RULES)[0] < 0.65
    assessment = _violation_share(reports, STEP_RULES[0])[0]
    assert 0.05 < assessment < 0.25


def test_compliance_shifts_the_share_monotonically() -> None:
    shares = []
    for p in (0.2, 0.5, 0.8):
        comp = Compliance(investigation=p)
        loaded = _evaluate_all(generate_caseload(300, seed=21, compliance=comp))
        shares.append(_violation_share((r for _, r in loaded), BFU_RULES)[0])
    assert shares[0] > shares[1] > shares[2]
    assert all(abs(s - (1 - p)) < 0.12 for s, p in zip(shares, (0.2, 0.5, 0.8), strict=True))


@pytest.mark.parametrize(
    "start",
    [
        date(2023, 3, 24),  # summer time starts 26 March 2023
        date(2024, 3, 29),  # Easter and summer time, 31 March 2024
        date(2025, 3, 28),  # summer time starts 30 March 2025
        date(2023, 10, 27),  # summer time ends 29 October 2023
        date(2024, 10, 25),  # summer time ends 27 October 2024
        date(2023, 5, 3),  # Store bededag 5 May 2023 (abolished from 2024)
        date(2024, 5, 8),  # Kristi himmelfart 9 May 2024
        date(2023, 12, 20),  # Christmas across the change of law
        date(2025, 6, 3),  # Grundlovsdag
    ],
)
def test_deadlines_across_dst_and_holidays(start: date) -> None:
    """The first underretning (``u1``, received on ``start``): its 24-hour assessment and its
    acknowledgement are decided by the generator's own arithmetic exactly as the evaluator
    decides them, across daylight-saving changes and Danish holidays."""
    rules = {r for pair in STEP_RULES[:2] for r in pair}
    perfect, hopeless = Compliance.uniform(1.0), Compliance.uniform(0.0)
    for seed in range(25):
        for comp, want in ((perfect, "met"), (hopeless, "late")):
            data = generate_case(random.Random(seed), case_id="H", start=start, compliance=comp)
            findings = [
                f
                for f in evaluate(data, as_of=AS_OF).findings
                if f.rule in rules and f.trigger.event == "u1"
            ]
            u1 = next(e for e in data["events"] if e["id"] == "u1")
            assert u1["at"][:10] == start.isoformat()
            anonymous = u1.get("anonym", False)
            assert len(findings) == (1 if anonymous else 2)
            assert [f.status.value for f in findings] == [want] * len(findings), seed


def test_compliance_is_validated() -> None:
    with pytest.raises(ValueError, match=r"Compliance\.investigation .* got 1\.5"):
        Compliance(investigation=1.5)
    with pytest.raises(ValueError, match=r"Compliance\.missing"):
        Compliance(missing=-0.1)
    with pytest.raises(ValueError, match=r"Compliance\.plan"):
        Compliance(plan=math.nan)
    with pytest.raises(ValueError, match=r"Compliance\.follow_up"):
        Compliance(follow_up=True)
    assert Compliance.uniform(0.3, missing=0.5) == Compliance(
        assessment_24h=0.3,
        acknowledgement=0.3,
        investigation=0.3,
        provisional_assessment=0.3,
        plan=0.3,
        follow_up=0.3,
        committee_approval=0.3,
        missing=0.5,
    )


def test_bad_arguments_are_refused_at_once() -> None:
    with pytest.raises(ValueError, match="end"):
        generate_caseload(3, start=date(2025, 1, 1), end=date(2024, 1, 1))
    with pytest.raises(ValueError, match="target_events"):
        generate_caseload(3, target_events=0)
    with pytest.raises(ValueError, match="n must be"):
        generate_caseload(-1)
    with pytest.raises(TypeError, match="rng"):
        generate_case(random, case_id="X", start=date(2024, 1, 1))  # type: ignore[arg-type]


# --- streaming and files --------------------------------------------------------------------


def test_generate_caseload_is_lazy() -> None:
    t0 = time.perf_counter()
    first = list(itertools.islice(generate_caseload(10**9), 3))
    assert time.perf_counter() - t0 < 5
    assert [c["case_id"] for c in first] == ["SYN-000001", "SYN-000002", "SYN-000003"]


def _same_evaluations(written: list[dict[str, Any]], path: Path) -> None:
    inputs = list(read_cases(path))
    assert len(inputs) == len(written)
    assert [i.error for i in inputs if i.error is not None] == []
    read = {i.case.case_id: i.case for i in inputs if i.case is not None}
    for data in written[::7]:
        mine = evaluate(data, as_of=AS_OF).to_json()
        assert evaluate(read[data["case_id"]], as_of=AS_OF).to_json() == mine


def test_jsonl_round_trip(tmp_path: Path) -> None:
    cases = list(generate_caseload(300, seed=4))
    path = tmp_path / "cases.jsonl"
    assert write_jsonl(iter(cases), path) == 300
    assert len(path.read_text(encoding="utf-8").splitlines()) == 300
    _same_evaluations(cases, path)


def test_csv_round_trip(tmp_path: Path) -> None:
    cases = list(generate_caseload(300, seed=4))
    path = tmp_path / "cases.csv"
    assert write_csv(iter(cases), path) == 300
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS)
    assert len(lines) == 1 + sum(len(c["events"]) for c in cases)
    _same_evaluations(cases, path)


def test_csv_refuses_what_it_cannot_hold(tmp_path: Path) -> None:
    empty = {"case_id": "E", "child": {}, "events": []}
    with pytest.raises(ValueError, match="no events"):
        write_csv([empty], tmp_path / "e.csv")
    odd = {
        "case_id": "O",
        "events": [{"id": "u1", "type": "underretning", "at": "2024-01-02", "meta": {"x": 1}}],
    }
    with pytest.raises(ValueError, match="no CSV column"):
        write_csv([odd], tmp_path / "o.csv")
