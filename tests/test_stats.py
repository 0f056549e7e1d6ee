"""Compliance statistics: the Børnesagsbarometer indicators (``lovfrist.stats``)."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date
from typing import Any

import pytest

import lovfrist
from lovfrist.batch import CaseResult
from lovfrist.frames import findings_frame
from lovfrist.report import Report
from lovfrist.ruleset import RuleSet
from lovfrist.stats import (
    BAROMETER_SOURCES,
    DEFAULT_INDICATORS,
    STAT_COLUMNS,
    Indicator,
    barometer_figures,
    indicators,
    render_stats,
    rule_compliance,
    rule_compliance_records,
    stats_command_output,
    stats_records,
)
from lovfrist.synthetic import KOMMUNER, Compliance, generate_caseload

AS_OF = date(2024, 8, 1)

# Four hand-made cases; the statuses they give are asserted in test_hand_made_statuses.
#   24-hour assessment:  A met, B late (1 day), C overdue (457 days), D undetermined (no times)
#   BFU within 4 months: A met, B overdue (22 days), C late (10 days)
HAND_MADE: list[dict[str, Any]] = [
    {
        "case_id": "A",
        "meta": {"municipality": "Faxe"},
        "events": [
            {"id": "u1", "type": "underretning", "at": "2024-03-10T10:00:00+01:00"},
            {
                "id": "v1",
                "type": "underretning_vurderet",
                "at": "2024-03-10T15:00:00+01:00",
                "ref": "u1",
            },
            {"id": "b1", "type": "bfu_start", "at": "2024-03-20", "ref": "u1"},
            {"id": "ba1", "type": "bfu_afsluttet", "at": "2024-06-01", "ref": "b1"},
        ],
    },
    {
        "case_id": "B",
        "meta": {"municipality": "Faxe"},
        "events": [
            {"id": "u1", "type": "underretning", "at": "2024-03-10T10:00:00+01:00"},
            {
                "id": "v1",
                "type": "underretning_vurderet",
                "at": "2024-03-12T09:00:00+01:00",
                "ref": "u1",
            },
            {"id": "b1", "type": "bfu_start", "at": "2024-03-20", "ref": "u1"},
        ],
    },
    {
        "case_id": "C",
        "meta": {"municipality": "Stevns"},
        "events": [
            {"id": "u1", "type": "underretning", "at": "2023-05-01T10:00:00+02:00"},
            {"id": "b1", "type": "bfu_start", "at": "2023-05-02", "ref": "u1"},
            {"id": "ba1", "type": "bfu_afsluttet", "at": "2023-09-11", "ref": "b1"},
        ],
    },
    {
        "case_id": "D",
        "events": [
            {"id": "u1", "type": "underretning", "at": "2024-04-02"},
            {"id": "v1", "type": "underretning_vurderet", "at": "2024-04-03", "ref": "u1"},
        ],
    },
]


def _hand_made() -> list[Report]:
    return [lovfrist.evaluate(case, AS_OF) for case in HAND_MADE]


def _row(rows: list[dict[str, Any]], indicator: str, **group: Any) -> dict[str, Any]:
    found = [
        r for r in rows if r["indicator"] == indicator and all(r[k] == v for k, v in group.items())
    ]
    assert len(found) == 1, (indicator, group)
    return found[0]


# --- the indicators ---------------------------------------------------------------------------


def test_every_indicator_rule_exists(rules: RuleSet) -> None:
    ids = {rule.id for rule in rules.rules}
    for indicator in DEFAULT_INDICATORS:
        missing = set(indicator.rules) - ids
        assert not missing, f"{indicator.key}: no bundled rule {sorted(missing)}"


def test_every_indicator_covers_both_law_versions(rules: RuleSet) -> None:
    law = {rule.id: rule.id.split("-", 1)[0] for rule in rules.rules}
    for indicator in DEFAULT_INDICATORS:
        laws = {law[r] for r in indicator.rules}
        assert laws == {"SEL", "BL"}, indicator.key


def test_indicators_are_well_formed() -> None:
    keys = [i.key for i in DEFAULT_INDICATORS]
    assert len(set(keys)) == len(keys)
    all_rules = [r for i in DEFAULT_INDICATORS for r in i.rules]
    assert len(set(all_rules)) == len(all_rules), "a rule counts for one indicator only"
    for indicator in DEFAULT_INDICATORS:
        assert indicator.name_da
        assert indicator.name_en
        assert indicator.source in BAROMETER_SOURCES.values()
    with pytest.raises(ValueError, match="no rules"):
        Indicator("x", "x", "x", (), BAROMETER_SOURCES["2024"])


def test_barometer_figures() -> None:
    figures = barometer_figures()
    keys = {i.key for i in DEFAULT_INDICATORS}
    assert figures
    for figure in figures:
        assert figure.indicator in keys
        assert 0 < figure.percent <= 100
        assert figure.source.startswith("https://")
        assert figure.source in BAROMETER_SOURCES.values()
    published = {(f.edition, f.indicator): f.percent for f in figures}
    assert published[("2024", "bfu_4m")] == 50.0
    assert published[("2024", "foerste_opfoelgning_3m")] == 75.0
    assert published[("2019", "vurdering_24t")] == 87.0
    assert published[("2023", "bfu_4m")] == 34.0


# --- hand-made reports with known answers -----------------------------------------------------


def test_hand_made_statuses() -> None:
    statuses = {
        (r.case_id, f.rule): (f.status.value, f.days_overdue)
        for r in _hand_made()
        for f in r.findings
    }
    assert statuses[("A", "BL-136-2-vurdering-24t")] == ("met", None)
    assert statuses[("B", "BL-136-2-vurdering-24t")] == ("late", 1)
    assert statuses[("C", "SEL-155-2-vurdering-24t")] == ("overdue", 457)
    assert statuses[("D", "BL-136-2-vurdering-24t")] == ("undetermined", None)
    assert statuses[("A", "BL-20-3-bfu-4m")] == ("met", None)
    assert statuses[("B", "BL-20-3-bfu-4m")] == ("overdue", 22)
    assert statuses[("C", "SEL-50-7-bfu-4m")] == ("late", 10)


def test_indicators_on_hand_made_reports() -> None:
    rows = stats_records(_hand_made())
    assert [r["indicator"] for r in rows] == [i.key for i in DEFAULT_INDICATORS]
    h24 = _row(rows, "vurdering_24t")
    assert {k: h24[k] for k in STAT_COLUMNS} == {
        "n": 4,
        "decided": 3,
        "met": 1,
        "violations": 2,
        "late": 1,
        "overdue": 1,
        "early": 0,
        "open": 0,
        "undetermined": 1,
        "lapsed": 0,
        "rate": pytest.approx(1 / 3),
        "days_overdue_median": 229.0,  # (1 + 457) / 2
        "days_overdue_mean": 229.0,
    }
    bfu = _row(rows, "bfu_4m")
    assert (bfu["n"], bfu["decided"], bfu["met"], bfu["violations"]) == (3, 3, 1, 2)
    assert bfu["rate"] == pytest.approx(1 / 3)
    assert bfu["days_overdue_median"] == 16.0  # (10 + 22) / 2
    # No finding counts for the placement indicators: a row of zeros and no rate.
    tilsyn = _row(rows, "tilsyn")
    assert tilsyn["n"] == 0
    assert tilsyn["rate"] is None
    assert tilsyn["days_overdue_median"] is None


def test_indicators_by_meta_municipality() -> None:
    rows = stats_records(_hand_made(), by=("meta.municipality",))
    faxe = _row(rows, "vurdering_24t", **{"meta.municipality": "Faxe"})
    assert (faxe["n"], faxe["decided"], faxe["met"], faxe["rate"]) == (2, 2, 1, 0.5)
    assert faxe["days_overdue_median"] == 1.0
    stevns = _row(rows, "vurdering_24t", **{"meta.municipality": "Stevns"})
    assert (stevns["n"], stevns["rate"], stevns["days_overdue_mean"]) == (1, 0.0, 457.0)
    no_meta = _row(rows, "vurdering_24t", **{"meta.municipality": None})
    assert (no_meta["n"], no_meta["decided"], no_meta["rate"]) == (1, 0, None)
    # Groups in value order, the missing value last; only groups that occur.
    assert [r["meta.municipality"] for r in rows if r["indicator"] == "vurdering_24t"] == [
        "Faxe",
        "Stevns",
        None,
    ]
    assert not [r for r in rows if r["indicator"] == "tilsyn"]


def test_indicators_by_law_and_trigger_year() -> None:
    rows = stats_records(_hand_made(), by=("law", "trigger_year"))
    bl = _row(rows, "vurdering_24t", law="BL", trigger_year=2024)
    assert (bl["n"], bl["decided"], bl["met"], bl["rate"]) == (3, 2, 1, 0.5)
    sel = _row(rows, "vurdering_24t", law="SEL", trigger_year=2023)
    assert (sel["n"], sel["met"], sel["overdue"]) == (1, 0, 1)
    by_rule = stats_records(_hand_made(), by="rule")
    assert _row(by_rule, "bfu_4m", rule="SEL-50-7-bfu-4m")["late"] == 1
    by_month = stats_records(_hand_made(), by="trigger_month")
    assert _row(by_month, "vurdering_24t", trigger_month="2024-03")["n"] == 2


def test_frames_give_the_same_statistics() -> None:
    pytest.importorskip("pandas")
    reports = _hand_made()
    for by in ((), ("meta.municipality",), ("law", "trigger_year"), ("rule",)):
        expected = stats_records(reports, by=by)
        assert stats_records(findings_frame(reports), by=by) == expected
        assert stats_records(findings_frame(reports, explanations=False), by=by) == expected


def test_polars_frames_give_the_same_statistics() -> None:
    pytest.importorskip("polars")
    reports = _hand_made()
    for by in ((), ("meta.municipality",), ("trigger_year",)):
        frame = findings_frame(reports, library="polars")
        assert stats_records(frame, by=by) == stats_records(reports, by=by)
    table = indicators(reports, library="polars")
    assert table.height == len(DEFAULT_INDICATORS)


def test_indicators_frame() -> None:
    pd = pytest.importorskip("pandas")
    table = indicators(_hand_made(), by=("meta.municipality",))
    assert list(table.columns) == [
        "indicator",
        "name_da",
        "name_en",
        "meta.municipality",
        *STAT_COLUMNS,
    ]
    assert table.n.dtype == "int64"
    assert table.rate.dtype == "float64"
    assert str(table.indicator.dtype) == "string"
    first = table[table.indicator == "vurdering_24t"].reset_index(drop=True)
    assert first["meta.municipality"].tolist() == ["Faxe", "Stevns", None]
    assert first.rate.tolist()[:2] == [0.5, 0.0]
    assert math.isnan(first.rate[2])
    empty = indicators([])
    assert len(empty) == len(DEFAULT_INDICATORS)
    assert (empty.n == 0).all()
    assert empty.rate.isna().all()
    assert isinstance(empty, pd.DataFrame)


def test_custom_indicators_and_unknown_groups() -> None:
    only = Indicator("kvittering", "Kvittering", "Receipt", ("BL-138-1-kvittering-6hverdage",), "")
    rows = stats_records(_hand_made(), indicators=[only])
    assert len(rows) == 1
    assert (rows[0]["n"], rows[0]["overdue"], rows[0]["rate"]) == (3, 3, 0.0)
    with pytest.raises(ValueError, match="cannot group by"):
        stats_records(_hand_made(), by=("kommune",))
    with pytest.raises(ValueError, match=r"no case has meta\.kommun"):
        stats_records(_hand_made(), by=("meta.kommun",))
    with pytest.raises(ValueError, match="twice"):
        stats_records(_hand_made(), by=("law", "law"))


def test_rule_compliance() -> None:
    reports = _hand_made()
    rows = rule_compliance_records(reports)
    counts: dict[str, int] = {}
    for report in reports:
        for f in report.findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
    assert {r["rule"]: r["n"] for r in rows} == counts
    assert [r["rule"] for r in rows] == sorted(counts)
    rule = next(r for r in rows if r["rule"] == "SEL-50-7-bfu-4m")
    assert (rule["law"], rule["late"], rule["rate"]) == ("SEL", 1, 0.0)
    chosen = rule_compliance_records(
        reports, rules=["BL-20-3-bfu-4m", "BL-156-5-tilsynsbesoeg-2-aarligt"]
    )
    assert [(r["rule"], r["n"]) for r in chosen] == [
        ("BL-20-3-bfu-4m", 2),
        ("BL-156-5-tilsynsbesoeg-2-aarligt", 0),
    ]
    with pytest.raises(ValueError, match="per rule"):
        rule_compliance_records(reports, by="rule")


def test_rule_compliance_frame() -> None:
    pytest.importorskip("pandas")
    table = rule_compliance(_hand_made(), by="meta.municipality")
    assert list(table.columns[:3]) == ["rule", "law", "meta.municipality"]
    assert table.n.sum() == sum(len(r.findings) for r in _hand_made())


# --- synthetic caseloads ----------------------------------------------------------------------

#: The indicators whose steps :class:`Compliance` controls completely.
CONTROLLED = ("vurdering_24t", "bfu_4m", "plan", "foerste_opfoelgning_3m")


def _caseload(compliance: Compliance, n: int = 60) -> list[CaseResult]:
    cases = generate_caseload(n, seed=11, compliance=compliance)
    return list(lovfrist.evaluate_many(cases, date(2025, 12, 31)))


def test_full_compliance_gives_full_rates() -> None:
    rows = stats_records(_caseload(Compliance.uniform(1.0)))
    for key in CONTROLLED:
        row = _row(rows, key)
        assert row["decided"] > 0, key
        assert row["rate"] == 1.0, key
        assert row["violations"] == 0, key
        assert row["days_overdue_median"] is None, key


def test_zero_compliance_gives_zero_rates() -> None:
    # Never recorded: every decided obligation is overdue.
    rows = stats_records(_caseload(Compliance.uniform(0.0, missing=1.0)))
    for key in (*CONTROLLED, "bfu_krav"):
        row = _row(rows, key)
        assert row["decided"] > 0, key
        assert row["rate"] == 0.0, key
        assert row["met"] == 0, key
    # Always late: every decided obligation is late, with a delay.
    rows = stats_records(_caseload(Compliance.uniform(0.0)))
    for key in ("vurdering_24t", "bfu_4m", "foerste_opfoelgning_3m"):
        row = _row(rows, key)
        assert row["rate"] == 0.0, key
        assert row["late"] == row["decided"] > 0, key
        assert row["days_overdue_median"] is not None, key


def test_synthetic_groups_add_up() -> None:
    results = _caseload(Compliance(), n=40)
    total = {r["indicator"]: r for r in stats_records(results)}
    grouped = stats_records(results, by=("meta.kommune",))
    assert {r["meta.kommune"] for r in grouped} <= set(KOMMUNER)
    for key, row in total.items():
        parts = [r for r in grouped if r["indicator"] == key]
        for column in ("n", "decided", "met", "violations", "open", "undetermined", "lapsed"):
            assert sum(p[column] for p in parts) == row[column], (key, column)


# --- output for the command line --------------------------------------------------------------


def test_render_stats_table() -> None:
    text = render_stats(stats_records(_hand_made(), by="meta.municipality"))
    lines = text.splitlines()
    assert text.endswith("\n")
    assert lines[0].split()[:2] == ["indikator", "meta.municipality"]
    h24 = [line for line in lines if line.startswith("Vurdering af underretning")]
    assert len(h24) == 3
    assert "50,0 %" in h24[0]
    assert "0,0 %" in h24[1]
    assert "–" in h24[2]  # nothing decided: no rate
    pd = pytest.importorskip("pandas")
    table = indicators(_hand_made(), by="meta.municipality")
    assert isinstance(table, pd.DataFrame)
    assert render_stats(table) == text


def test_stats_command_output_formats() -> None:
    results = list(lovfrist.evaluate_many([*HAND_MADE, {"case_id": "X"}], AS_OF))
    assert [r.ok for r in results] == [True, True, True, True, False]
    table = stats_command_output(results)
    assert "33,3 %" in table
    assert "4 sager, 1 kunne ikke evalueres" in table
    document = json.loads(stats_command_output(results, by=("law",), fmt="json"))
    assert (document["cases"], document["failed_cases"], document["by"]) == (4, 1, ["law"])
    assert document["rows"] == stats_records(_hand_made(), by=("law",))
    rows = list(csv.DictReader(io.StringIO(stats_command_output(results, fmt="csv"))))
    assert len(rows) == len(DEFAULT_INDICATORS)
    assert rows[0]["indicator"] == "vurdering_24t"
    assert float(rows[0]["rate"]) == pytest.approx(1 / 3)
    assert rows[-1]["rate"] == ""  # tilsyn: nothing decided
    per_rule = json.loads(stats_command_output(results, fmt="json", per_rule=True))
    assert {r["rule"] for r in per_rule["rows"]} >= {"BL-20-3-bfu-4m", "SEL-50-7-bfu-4m"}
    with pytest.raises(ValueError, match="fmt"):
        stats_command_output(results, fmt="xml")  # type: ignore[arg-type]
