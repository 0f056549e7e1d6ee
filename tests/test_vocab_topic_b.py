"""Vocabulary topic B: youth crime, stofmisbrug and pålæg (issue #3).

New types ``politidokumentation``, ``ukn_afvisning``, ``indkaldelse_netvaerkssamraad``,
``indsatsvurdering``, ``stofmisbrugsbehandling`` and ``paalaeg``, and the attribute
``henvendelse.stofmisbrug``. Rules: the netværkssamråd within 7 dage (BL § 130, stk. 1 and
stk. 3, 2. pkt.; SEL § 57 c, stk. 1 and stk. 4), the vurdering without a new samråd (stk. 2),
social stofmisbrugsbehandling within 14 dage (BL § 33, stk. 1; SEL § 101, stk. 4) and the
12-month limit of a pålæg (BL §§ 38, stk. 5 and 39, stk. 5; SEL §§ 57 a, stk. 6 and 57 b, stk. 6).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lovfrist import Case, CaseError, bundled_rules, evaluate
from lovfrist.events import (
    EVENT_TYPES,
    Henvendelse,
    IndkaldelseNetvaerkssamraad,
    Indsatsvurdering,
    Paalaeg,
    Politidokumentation,
    Stofmisbrugsbehandling,
    UknAfvisning,
    attributes_of,
)
from lovfrist.report import Finding, Status

ROOT = Path(__file__).parents[1]
RULES = bundled_rules()

NEW_TYPES = {
    "politidokumentation": Politidokumentation,
    "ukn_afvisning": UknAfvisning,
    "indkaldelse_netvaerkssamraad": IndkaldelseNetvaerkssamraad,
    "indsatsvurdering": Indsatsvurdering,
    "stofmisbrugsbehandling": Stofmisbrugsbehandling,
    "paalaeg": Paalaeg,
}

RULE_IDS = {
    "BL-130-1-netvaerkssamraad-7d",
    "SEL-57c-1-netvaerkssamraad-7d",
    "BL-130-2-fornyet-mistanke-1aar",
    "SEL-57c-2-fornyet-mistanke-1aar",
    "BL-130-3-ukn-afvisning-7d",
    "SEL-57c-4-ukn-afvisning-7d",
    "BL-33-1-stofmisbrug-14d",
    "SEL-101-4-stofmisbrug-14d",
    "BL-38-5-foraeldrepaalaeg-12m-6m",
    "SEL-57a-6-foraeldrepaalaeg-12m-6m",
    "BL-39-5-boerne-ungepaalaeg-12m-6m",
    "SEL-57b-6-ungepaalaeg-12m-6m",
}


def _case(*events: dict[str, Any]) -> dict[str, Any]:
    return {"case_id": "B-1", "events": list(events)}


def _findings(data: dict[str, Any], as_of: date, rule: str) -> list[Finding]:
    return [f for f in evaluate(data, as_of, rules=RULES).findings if f.rule == rule]


def _problem(data: dict[str, Any]) -> CaseError:
    with pytest.raises(CaseError) as info:
        Case.from_dict(data)
    return info.value


# --- the events ---------------------------------------------------------------------------------


def test_new_types_are_in_the_vocabulary_and_documented() -> None:
    docs = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    for name, cls in NEW_TYPES.items():
        assert EVENT_TYPES[name] is cls
        assert f"`{name}`" in docs, name
        assert cls.__doc__
        assert cls.label[0]
        assert cls.label[1]
        for field_name in attributes_of(name):
            assert cls.model_fields[field_name].description, (name, field_name)
    assert "`stofmisbrug = true`" in docs
    assert set(attributes_of("politidokumentation")) == {
        "netvaerkssamraad_afholdt",
        "ungdomskriminalitetsnaevn",
    }
    assert set(attributes_of("paalaeg")) == {"art", "periode_slut", "forlaengelse"}
    assert IndkaldelseNetvaerkssamraad.ref_types == {"politidokumentation", "ukn_afvisning"}
    assert Indsatsvurdering.ref_types == {"politidokumentation"}
    assert Stofmisbrugsbehandling.ref_types == {"henvendelse"}


def test_a_full_youth_crime_case_validates_and_round_trips() -> None:
    case = Case.from_dict(
        _case(
            {"id": "p1", "type": "politidokumentation", "at": "2024-05-06",
             "netvaerkssamraad_afholdt": "2023-09-20"},
            {"id": "v1", "type": "indsatsvurdering", "at": "2024-05-21", "ref": "p1"},
            {"id": "p2", "type": "politidokumentation", "at": "2024-08-12",
             "ungdomskriminalitetsnaevn": True},
            {"id": "a1", "type": "ukn_afvisning", "at": "2024-09-02", "ref": "p2"},
            {"id": "i1", "type": "indkaldelse_netvaerkssamraad", "at": "2024-09-09", "ref": "a1"},
            {"id": "h1", "type": "henvendelse", "at": "2024-10-01", "stofmisbrug": True},
            {"id": "s1", "type": "stofmisbrugsbehandling", "at": "2024-10-10", "ref": "h1"},
            {"id": "f1", "type": "paalaeg", "at": "2024-11-04", "art": "foraeldrepaalaeg",
             "periode_slut": "2025-11-04"},
            {"id": "f2", "type": "paalaeg", "at": "2025-10-20", "art": "foraeldrepaalaeg",
             "periode_slut": "2026-05-04", "forlaengelse": True, "ref": "f1"},
        )
    )  # fmt: skip
    p1 = case.events[0]
    assert isinstance(p1, Politidokumentation)
    assert p1.netvaerkssamraad_afholdt == date(2023, 9, 20)
    assert p1.ungdomskriminalitetsnaevn is False
    h1 = case.events[5]
    assert isinstance(h1, Henvendelse)
    assert h1.stofmisbrug is True
    f2 = case.events[8]
    assert isinstance(f2, Paalaeg)
    assert f2.forlaengelse
    assert f2.periode_slut == date(2026, 5, 4)
    assert Case.from_json(case.to_json()) == case


def test_existing_henvendelse_is_unchanged() -> None:
    event = Case.from_dict(_case({"type": "henvendelse", "at": "2024-03-01"})).events[0]
    assert isinstance(event, Henvendelse)
    assert event.stofmisbrug is False


@pytest.mark.parametrize(
    ("event", "field", "words"),
    [
        ({"type": "paalaeg", "at": "2024-03-01", "art": "foraeldre"}, "art", "foraeldrepaalaeg"),
        ({"type": "paalaeg", "at": "2024-03-01"}, "art", "required"),
        (
            {"type": "paalaeg", "at": "2024-03-01", "art": "foraeldrepaalaeg",
             "periode_slut": "2025-02-30"},
            "periode_slut",
            "date",
        ),
        (
            {"type": "politidokumentation", "at": "2024-03-01", "netvaerkssamraad_afholdt": "ja"},
            "netvaerkssamraad_afholdt",
            "date",
        ),
        (
            {"type": "politidokumentation", "at": "2024-03-01",
             "ungdomskriminalitetsnaevn": "maaske"},
            "ungdomskriminalitetsnaevn",
            "true or false",
        ),
        ({"type": "henvendelse", "at": "2024-03-01", "stofmisbrug": 7}, "stofmisbrug", "true"),
        (
            {"type": "indkaldelse_netvaerkssamraad", "at": "2024-03-01", "netvaerk": True},
            "netvaerk",
            "",
        ),
    ],
)  # fmt: skip
def test_bad_values_are_refused_naming_event_and_field(
    event: dict[str, Any], field: str, words: str
) -> None:
    err = _problem(_case({"id": "e1", **event}))
    (problem,) = err.problems
    assert problem.event_index == 0
    assert problem.field == field
    assert words.lower() in problem.message.lower()
    assert "event #0 (id 'e1')" in str(err)
    assert f"field '{field}'" in str(err)


def test_ref_to_the_wrong_type_is_refused() -> None:
    err = _problem(
        _case(
            {"id": "h1", "type": "henvendelse", "at": "2024-03-01"},
            {"id": "i1", "type": "indkaldelse_netvaerkssamraad", "at": "2024-03-03", "ref": "h1"},
        )
    )
    assert "refers to" in err.problems[0].message


# --- the rules ----------------------------------------------------------------------------------


def test_all_rules_of_the_topic_are_bundled_with_examples() -> None:
    by_id = {rule.id: rule for rule in RULES.rules}
    assert set(by_id) >= RULE_IDS
    for rule_id in RULE_IDS:
        rule = by_id[rule_id]
        if rule_id.startswith("SEL-"):
            assert rule.valid_to == date(2023, 12, 31)
            assert rule.after_repeal is not None
        else:
            assert rule.valid_from == date(2024, 1, 1)
        assert len(rule.examples) >= 3


def test_stk_1_and_stk_2_split_the_year_after_the_samraad() -> None:
    """Each piece of police documentation starts exactly one of the two duties."""
    for afholdt, expected in [
        (None, "BL-130-1-netvaerkssamraad-7d"),
        ("2024-05-07", "BL-130-2-fornyet-mistanke-1aar"),  # 364 days before
        ("2024-05-06", "BL-130-1-netvaerkssamraad-7d"),  # the anniversary
        ("2023-01-01", "BL-130-1-netvaerkssamraad-7d"),
    ]:
        event: dict[str, Any] = {"id": "p1", "type": "politidokumentation", "at": "2025-05-06"}
        if afholdt is not None:
            event["netvaerkssamraad_afholdt"] = afholdt
        report = evaluate(_case(event), date(2025, 6, 1), rules=RULES)
        rules = {f.rule for f in report.findings if f.rule.startswith("BL-130")}
        assert rules == {expected}, afholdt


def test_ukn_case_gets_only_the_afvisning_duty() -> None:
    data = _case(
        {"id": "p1", "type": "politidokumentation", "at": "2024-08-12",
         "ungdomskriminalitetsnaevn": True},
        {"id": "a1", "type": "ukn_afvisning", "at": "2024-09-02", "ref": "p1"},
    )  # fmt: skip
    report = evaluate(data, date(2024, 10, 1), rules=RULES)
    found = [(f.rule, f.status) for f in report.findings if f.rule.startswith("BL-130")]
    assert found == [("BL-130-3-ukn-afvisning-7d", Status.OVERDUE)]


def test_indkaldelse_naming_the_documentation_does_not_answer_the_afvisning() -> None:
    data = _case(
        {"id": "p1", "type": "politidokumentation", "at": "2024-09-03"},
        {"id": "a1", "type": "ukn_afvisning", "at": "2024-09-02"},
        {"id": "i1", "type": "indkaldelse_netvaerkssamraad", "at": "2024-09-05", "ref": "p1"},
    )
    as_of = date(2024, 10, 1)
    (stk1,) = _findings(data, as_of, "BL-130-1-netvaerkssamraad-7d")
    assert stk1.status is Status.MET
    assert stk1.fulfilled_by is not None
    (stk3,) = _findings(data, as_of, "BL-130-3-ukn-afvisning-7d")
    assert stk3.status is Status.OVERDUE
    assert stk3.due == date(2024, 9, 9)


def test_politidokumentation_in_december_2023_is_handed_to_barnets_lov() -> None:
    data = _case({"id": "p1", "type": "politidokumentation", "at": "2023-12-28"})
    report = evaluate(data, date(2024, 1, 10), rules=RULES)
    found = [(f.rule, f.status, f.due) for f in report.findings if "netvaerk" in f.rule]
    assert found == [("BL-130-1-netvaerkssamraad-7d", Status.OVERDUE, date(2024, 1, 4))]


def test_stofmisbrug_request_under_each_law() -> None:
    for at, rule_id, due in [
        ("2023-06-01", "SEL-101-4-stofmisbrug-14d", date(2023, 6, 15)),
        ("2024-06-03", "BL-33-1-stofmisbrug-14d", date(2024, 6, 17)),
    ]:
        data = _case({"id": "h1", "type": "henvendelse", "at": at, "stofmisbrug": True})
        (finding,) = [
            f for f in evaluate(data, date(2024, 12, 1), rules=RULES).findings
            if "stofmisbrug" in f.rule
        ]  # fmt: skip
        assert (finding.rule, finding.status, finding.due) == (rule_id, Status.OVERDUE, due)


def test_paalaeg_period_is_checked_once_per_decision() -> None:
    data = _case(
        {"id": "f1", "type": "paalaeg", "at": "2024-03-15", "art": "foraeldrepaalaeg",
         "periode_slut": "2025-03-16"},
        {"id": "b1", "type": "paalaeg", "at": "2024-03-15", "art": "boerne_ungepaalaeg",
         "periode_slut": "2025-03-15"},
    )  # fmt: skip
    report = evaluate(data, date(2024, 4, 1), rules=RULES)
    found = sorted((f.rule, f.status) for f in report.findings if "paalaeg" in f.rule)
    assert found == [
        ("BL-38-5-foraeldrepaalaeg-12m-6m", Status.EARLY),
        ("BL-39-5-boerne-ungepaalaeg-12m-6m", Status.MET),
    ]
    violations = {f.rule: f.status.is_violation for f in report.findings if "paalaeg" in f.rule}
    assert violations == {
        "BL-38-5-foraeldrepaalaeg-12m-6m": True,
        "BL-39-5-boerne-ungepaalaeg-12m-6m": False,
    }
