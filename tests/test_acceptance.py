"""A case spanning 2022-2025, evaluated with each finding under the law version that governs it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lovfrist import Case, Status, evaluate

CASE = Path(__file__).resolve().parents[1] / "examples" / "case-2022-2025.json"


def test_case_2022_2025_findings_and_versions() -> None:
    report = evaluate(Case.from_json(CASE.read_text(encoding="utf-8")), date(2025, 9, 1))
    got = {
        (f.rule, f.trigger.event): (
            f.status,
            f.due,
            f.transition.basis if f.transition else None,
            f.transition.grade if f.transition else None,
        )
        for f in report.findings
    }
    expected = {
        # Serviceloven governs what arose and fell due before 2024.
        ("SEL-155-2-vurdering-24t", "u1"): Status.MET,
        ("SEL-155b-1-kvittering-6hverdage", "u1"): Status.MET,
        ("SEL-50-7-bfu-4m", "b1"): Status.LATE,
        ("SEL-50-7-foreloebig-vurdering", "b1"): Status.MET,
        ("SEL-48-1-boernesamtale-foer-afgoerelse", "d1"): Status.MET,
        ("SEL-70-1-foerste-vurdering-3m", "m1"): Status.MET,
        ("SEL-70-1-vurdering-hoejst-6m", "o1"): Status.LATE,
        # Barnets lov governs what arose from 2024.
        ("BL-5-3-inddragelse-foer-afgoerelse", "d2"): Status.MET,
        ("BL-95-4-loebende-opfoelgning", "o3"): Status.LATE,
        ("BL-50-1-genbehandling-1aar", "d2"): Status.OVERDUE,
        ("BL-111-2-ungeplan-revideret-forud", "y1"): Status.MET,
    }
    for key, status in expected.items():
        assert got[key][0] is status, key
        assert got[key][2] is None, key  # no transition needed
    # A 2023 decision's re-examination frist continues under Barnets lov § 50 (§ 213, stk. 2).
    assert got[("BL-50-1-genbehandling-1aar", "d1")] == (
        Status.MET,
        date(2024, 3, 1),
        "barnets lov § 213, stk. 2",
        "interpretation",
    )
    # The running Serviceloven follow-up cycle keeps its date into 2024 (§ 213 is silent).
    cycle = got[("SEL-70-1-vurdering-hoejst-6m", "o2")]
    assert (cycle[0], cycle[1], cycle[3]) == (Status.LATE, date(2024, 6, 15), "interpretation")
    # Turning 17½: placed under Serviceloven in 2023, decision due 30 May 2025 under BL § 111.
    assert got[("BL-111-1-ungestoette-6m-foer-18", "d1")][:2] == (Status.LATE, date(2025, 5, 30))
    # The child's views: the finding names the conversation nearest before each decision.
    views = {
        f.trigger.event: f.fulfilled_by.event if f.fulfilled_by else None
        for f in report.findings
        if f.rule == "BL-5-3-inddragelse-foer-afgoerelse"
    }
    assert views == {"d2": "s1", "y1": "s1"}
    assert report.case_meta == {"kommune": "Halsnæs", "team": "Team Nord"}
