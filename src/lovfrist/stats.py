"""Compliance statistics: Ankestyrelsen's Børnesagsbarometer indicators, computed from findings.

Each :class:`Indicator` names the rules that measure one of the barometer's requirements, under
Serviceloven (triggers up to 2023) and Barnets lov (from 2024). An obligation (one finding) is
*decided* when its status is ``met``, ``late``, ``overdue`` or ``early``; the indicator's
**rate is met / decided**. ``open``, ``undetermined`` and ``lapsed`` findings are not in the
denominator; they are counted in their own columns. Beside the rate each row gives the size of
the delay: the median and mean ``days_overdue`` of the violations that have one (``late`` and
``overdue``; ``early`` has none). The barometer publishes rates only.

The unit is the obligation, not the case: a case with three underretninger counts three times in
the 24-hour indicator (``docs/statistics.md`` on how this differs from the barometer)::

    import datetime, lovfrist
    from lovfrist.stats import indicators

    results = lovfrist.evaluate_many(lovfrist.read_cases("cases.jsonl"), datetime.date(2025, 1, 1))
    table = indicators(results, by=("meta.kommune",))

:func:`barometer_figures` holds the national figures Ankestyrelsen published, to compare with.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from lovfrist.batch import CaseResult
from lovfrist.frames import (
    COLUMNS,
    META_PREFIX,
    Item,
    _require,
    finding_record,
    meta_columns,
    trigger_month,
)
from lovfrist.report import Finding, Report, Status

__all__ = [
    "BAROMETER_SOURCES",
    "DEFAULT_INDICATORS",
    "STAT_COLUMNS",
    "BarometerFigure",
    "Indicator",
    "barometer_figures",
    "indicators",
    "render_stats",
    "rule_compliance",
    "rule_compliance_records",
    "stats_command_output",
    "stats_records",
]

# --- the barometer ----------------------------------------------------------------------------

#: The editions of Børnesagsbarometret and where their figures were published.
BAROMETER_SOURCES: Mapping[str, str] = {
    "2019": "https://ast.dk/nyheder/nyheder/nyheder-2019/bornesagsbarometret-2013-et-indblik-i-kommunernes-sagsbehandling-pa-borneomradet",
    "2020": "https://ft.dk/samling/20191/almdel/SOU/bilag/321/2225700/index.htm",
    "2021": "https://ast.dk/born-familie/artikler/sager-om-born-og-unge/bornesagsbarometret-2021-2013-et-indblik-i-kommunernes-sagsbehandling-pa-borneomradet",
    "2020-2022": "https://ast.dk/born-familie/artikler/sager-om-born-og-unge/bornesagsbarometret-2020-2022-et-samlet-overblik-over-kommunernes-sagsbehandling-pa-borneomradet",
    "2023": "https://www.sm.dk/nyheder/nyhedsarkiv/2023/jun/boernesagsbarometret-2023-kortlaegger-den-juridiske-kvalitet-i-kommunernes-sagsbehandling",
    "2024": "https://ast.dk/nyheder/nyheder/nyheder-2024/bornesagsbarometret-2024-2013-der-er-ikke-vaesentlige-aendringer-i-kvaliteten-af-kommunernes-sagsbehandling-om-udsatte-born-og-unge",
}


@dataclass(frozen=True)
class Indicator:
    """One requirement of Børnesagsbarometret and the rules whose findings measure it.

    ``rules`` holds the rule ids under both law versions: a finding counts for the indicator
    when its ``rule`` is one of them (after a hand-over at 1 January 2024 a finding carries the
    Barnets lov successor's id, so both are listed). ``source`` is the barometer edition that
    last published a figure for it (or, with no figure, the chapter). ``note`` says how lovfrist's
    measure differs from the barometer's.
    """

    key: str
    name_da: str
    name_en: str
    rules: tuple[str, ...]
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        if not self.rules:
            raise ValueError(f"indicator {self.key!r} names no rules")


#: The barometer's indicators that the bundled rules can measure, in the barometer's order.
DEFAULT_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        key="vurdering_24t",
        name_da="Vurdering af underretning inden 24 timer",
        name_en="Notification assessed within 24 hours",
        rules=("SEL-155-2-vurdering-24t", "BL-136-2-vurdering-24t"),
        source=BAROMETER_SOURCES["2023"],
        note="Per underretning; a date without a time makes the finding undetermined.",
    ),
    Indicator(
        key="bfu_krav",
        name_da="Børnefaglig undersøgelse gennemført før afgørelsen",
        name_en="Child welfare investigation completed before the decision",
        rules=(
            "SEL-52-2-undersoegelse-foer-stoette",
            "BL-46-3-bfu-foer-anbringelse",
            "BL-47-2-undersoegelse-foer-47",
        ),
        source=BAROMETER_SOURCES["2020-2022"],
        note=(
            "Per decision. Under Barnets lov only placements require the investigation first "
            "(§ 46, stk. 3; § 47, stk. 2): støttende indsatser need none (§ 32, stk. 4). The "
            "barometer also accepts an updated existing investigation, which lovfrist cannot "
            "tell from a new one."
        ),
    ),
    Indicator(
        key="bfu_4m",
        name_da="Børnefaglig undersøgelse afsluttet inden 4 måneder",
        name_en="Child welfare investigation concluded within 4 months",
        rules=("SEL-50-7-bfu-4m", "BL-20-3-bfu-4m"),
        source=BAROMETER_SOURCES["2024"],
        note=(
            "Per investigation; the 4 months run from opmaerksom, else the underretning the "
            "bfu_start refers to, else the bfu_start (clock_source)."
        ),
    ),
    Indicator(
        key="boernesamtale",
        name_da="Samtale med barnet før afgørelsen",
        name_en="Conversation with the child before the decision",
        rules=("SEL-48-1-boernesamtale-foer-afgoerelse", "BL-5-3-inddragelse-foer-afgoerelse"),
        source=BAROMETER_SOURCES["2024"],
        note=(
            "Per decision. The barometer counts a conversation about the concrete measure; "
            "lovfrist counts any recorded boernesamtale dated on or before the decision."
        ),
    ),
    Indicator(
        key="plan",
        name_da="Handleplan / barnets plan / ungeplan i tide",
        name_en="Action plan / child's plan / young person's plan in time",
        rules=(
            "SEL-140-1-handleplan-foer-afgoerelse",
            "SEL-140-1-handleplan-senest-4m",
            "BL-91-1-barnets-plan-3m",
            "BL-91-2-barnets-plan-anbringelse-3m",
            "BL-91-2-plan-foer-47",
            "BL-108-3-ungeplan-3m",
            "BL-108-4-ungeplan-foer-47",
        ),
        source=BAROMETER_SOURCES["2019"],
        note=(
            "Per plan obligation. The barometer asks whether a handleplan exists (or lawfully "
            "does not); lovfrist asks whether it came in time. A brief statement of purpose "
            "makes the SEL § 140 finding lapsed and starts the 4-month one."
        ),
    ),
    Indicator(
        key="foerste_opfoelgning_3m",
        name_da="Første opfølgning inden 3 måneder",
        name_en="First follow-up within 3 months",
        rules=("SEL-70-1-foerste-vurdering-3m", "BL-95-2-foerste-opfoelgning"),
        source=BAROMETER_SOURCES["2024"],
        note=(
            "Per measure; under Barnets lov the due date can be earlier (when a parallel "
            "investigation ends)."
        ),
    ),
    Indicator(
        key="opfoelgning_6m",
        name_da="Løbende opfølgning (højst 6 måneder / kommunens dato)",
        name_en="Later follow-ups (at most 6 months apart / the municipality's date)",
        rules=("SEL-70-1-vurdering-hoejst-6m", "BL-95-4-loebende-opfoelgning"),
        source=BAROMETER_SOURCES["2020"],
        note=(
            "Per follow-up. Barnets lov has no fixed interval: BL-95-4 holds the municipality "
            "to the next date it decided (opfoelgning.naeste), so the two laws measure "
            "different things."
        ),
    ),
    Indicator(
        key="tilsyn",
        name_da="To årlige tilsynsbesøg med anbragte børn",
        name_en="Two supervision visits a year with placed children",
        rules=("SEL-70-2-tilsynsbesoeg-2-aarligt", "BL-156-5-tilsynsbesoeg-2-aarligt"),
        source=BAROMETER_SOURCES["2020"],
        note="Per 12-month period of a placement.",
    ),
)


@dataclass(frozen=True)
class BarometerFigure:
    """A national figure published from Børnesagsbarometret: ``percent`` of the cases reviewed
    in ``edition`` that met the requirement of ``indicator`` (a key of
    :data:`DEFAULT_INDICATORS`)."""

    edition: str
    indicator: str
    percent: float
    sample: str
    source: str
    note: str = ""


_SAMPLES = {
    "2019": "not stated in the release",
    "2021": "708 cases, 27 kommuner",
    "2020-2022": "2,140 cases, 95 kommuner (pooled)",
    "2023": "the kommuner of the 2020 round",
    "2024": "the kommuner of the 2021 round",
}


def _figure(edition: str, indicator: str, percent: float, note: str = "") -> BarometerFigure:
    return BarometerFigure(
        edition, indicator, percent, _SAMPLES[edition], BAROMETER_SOURCES[edition], note
    )


_FIGURES: tuple[BarometerFigure, ...] = (
    _figure("2019", "bfu_krav", 69.0),
    _figure("2019", "boernesamtale", 56.0),
    _figure("2019", "plan", 77.0, "a handleplan existed, or there was a lawful reason"),
    _figure("2019", "foerste_opfoelgning_3m", 44.0),
    _figure("2019", "vurdering_24t", 87.0, "action was taken in 100 % of acute cases"),
    _figure("2021", "bfu_krav", 73.0),
    BarometerFigure(
        "2021",
        "bfu_4m",
        60.0,
        _SAMPLES["2021"],
        BAROMETER_SOURCES["2024"],
        "the 2021 figure as reported in the 2024 release",
    ),
    _figure("2021", "boernesamtale", 61.0),
    _figure("2021", "vurdering_24t", 88.0),
    _figure("2020-2022", "bfu_krav", 69.0),
    _figure("2023", "bfu_4m", 34.0),
    _figure(
        "2023",
        "boernesamtale",
        61.0,
        "a børnesamtale in the investigation in »stort set samtlige« cases",
    ),
    _figure("2023", "vurdering_24t", 96.0),
    _figure("2024", "bfu_4m", 50.0, "the last edition on Serviceloven cases"),
    _figure("2024", "boernesamtale", 65.0, "the last edition on Serviceloven cases"),
    _figure("2024", "foerste_opfoelgning_3m", 75.0, "the last edition on Serviceloven cases"),
)


def barometer_figures() -> tuple[BarometerFigure, ...]:
    """The national figures of Børnesagsbarometret (Ankestyrelsen), every one with its source.

    All concern cases decided under Serviceloven (editions 2019-2024; the 2020 edition's
    chapters on the six-month follow-up and supervision gave no figure that is included). They
    are percentages of the *cases reviewed*, a sample of about a third of the kommuner each
    year, so they compare with :func:`indicators`' ``rate`` only roughly (``docs/statistics.md``).
    """
    return _FIGURES


# --- aggregation ------------------------------------------------------------------------------

_DECIDED = frozenset(
    {Status.MET.value, Status.LATE.value, Status.OVERDUE.value, Status.EARLY.value}
)
_VIOLATION = frozenset({Status.LATE.value, Status.OVERDUE.value, Status.EARLY.value})

#: The columns of a statistics row after the label and group columns, in order.
STAT_COLUMNS: tuple[str, ...] = (
    "n",
    "decided",
    "met",
    "violations",
    "late",
    "overdue",
    "early",
    "open",
    "undetermined",
    "lapsed",
    "rate",
    "days_overdue_median",
    "days_overdue_mean",
)

#: Group keys besides the finding columns and ``meta.KEY``.
_DERIVED_KEYS = ("trigger_year",)

By = str | Sequence[str]


@dataclass
class _Tally:
    statuses: Counter[str] = field(default_factory=Counter)
    delays: Counter[int] = field(default_factory=Counter)

    def add(self, status: str, days_overdue: int | None) -> None:
        self.statuses[status] += 1
        if status in _VIOLATION and days_overdue is not None:
            self.delays[days_overdue] += 1

    def row(self) -> dict[str, Any]:
        s = self.statuses
        decided = sum(s[name] for name in _DECIDED)
        median, mean = _median_mean(self.delays)
        return {
            "n": sum(s.values()),
            "decided": decided,
            "met": s["met"],
            "violations": sum(s[name] for name in _VIOLATION),
            "late": s["late"],
            "overdue": s["overdue"],
            "early": s["early"],
            "open": s["open"],
            "undetermined": s["undetermined"],
            "lapsed": s["lapsed"],
            "rate": s["met"] / decided if decided else None,
            "days_overdue_median": median,
            "days_overdue_mean": mean,
        }


def _median_mean(histogram: Counter[int]) -> tuple[float | None, float | None]:
    count = sum(histogram.values())
    if not count:
        return None, None
    mean = sum(value * n for value, n in histogram.items()) / count
    middle = ((count - 1) // 2, count // 2)  # 0-based ranks of the middle one or two
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        while len(found) < 2 and seen > middle[len(found)]:
            found.append(value)
    return (found[0] + found[1]) / 2, mean


@dataclass
class _Stats:
    """The tallies by (label, group) and what was read."""

    tallies: dict[tuple[str, tuple[Any, ...]], _Tally] = field(default_factory=dict)
    cases: int = 0
    failed: int = 0
    findings: int = 0
    rows: int = 0
    meta_seen: set[str] = field(default_factory=set)

    def check_meta(self, keys: tuple[str, ...]) -> None:
        """A ``meta.KEY`` that no case with findings has is almost always a typo."""
        absent = [k for k in keys if k.startswith(META_PREFIX) and k not in self.meta_seen]
        if absent and self.rows:
            raise ValueError(
                f"no case has {', '.join(absent)} (meta keys seen: "
                f"{', '.join(sorted(self.meta_seen)) or 'none'})"
            )


def _normalise_by(by: By) -> tuple[str, ...]:
    keys = (by,) if isinstance(by, str) else tuple(by)
    for key in keys:
        if not isinstance(key, str):
            raise TypeError(f"by must hold column names, got {key!r}")
        if key.startswith(META_PREFIX) and len(key) > len(META_PREFIX):
            continue
        if key not in COLUMNS and key not in _DERIVED_KEYS:
            known = ", ".join(("rule", "law", "version", "trigger_month", "trigger_year"))
            raise ValueError(f"cannot group by {key!r}: use {known}, a findings column or meta.KEY")
    if len(set(keys)) != len(keys):
        raise ValueError(f"by names a column twice: {list(keys)}")
    return keys


_Getter = Callable[[Report, Finding, Mapping[str, Any]], Any]


def _getter(key: str) -> _Getter:
    """How to read group key ``key`` from a finding without building its whole record."""
    simple: dict[str, _Getter] = {
        "rule": lambda r, f, m: f.rule,
        "law": lambda r, f, m: f.law,
        "version": lambda r, f, m: f.version,
        "grade": lambda r, f, m: f.grade,
        "status": lambda r, f, m: f.status.value,
        "case_id": lambda r, f, m: r.case_id,
        "profile": lambda r, f, m: r.profile,
        "trigger_type": lambda r, f, m: f.trigger.type,
        "trigger_month": lambda r, f, m: trigger_month(f.trigger.at),
        "trigger_year": lambda r, f, m: int(trigger_month(f.trigger.at)[:4]),
    }
    if key in simple:
        return simple[key]
    if key.startswith(META_PREFIX):
        return lambda r, f, m: m.get(key)

    def from_record(report: Report, finding: Finding, meta: Mapping[str, Any]) -> Any:
        case = {"case_id": report.case_id, "as_of": None, "profile": None, "known_at": None}
        if key in ("as_of", "known_at"):
            return getattr(report, key)
        return finding_record(finding, case, explanations=False)[key]

    return from_record


_Row = tuple[str, str, str, int | None, tuple[Any, ...]]  # rule, law, status, days, group


def _rows_from_items(items: Iterable[Item], keys: tuple[str, ...], stats: _Stats) -> Iterator[_Row]:
    getters = [_getter(key) for key in keys]
    needs_meta = any(key.startswith(META_PREFIX) for key in keys)
    for item in items:
        if isinstance(item, CaseResult):
            report = item.report
        elif isinstance(item, Report):
            report = item
        else:
            raise TypeError(f"expected a Report or a CaseResult, got {type(item).__name__}")
        if report is None:
            stats.failed += 1
            continue
        stats.cases += 1
        meta = meta_columns(report.case_meta) if needs_meta else {}
        if report.findings:
            stats.meta_seen.update(meta)
        for f in report.findings:
            stats.rows += 1
            group = tuple(get(report, f, meta) for get in getters)
            yield f.rule, f.law, f.status.value, f.days_overdue, group


def _frame_kind(obj: object) -> Literal["pandas", "polars"] | None:
    module = type(obj).__module__
    if module.startswith("pandas") and hasattr(obj, "columns"):
        return "pandas"
    if module.startswith("polars") and hasattr(obj, "columns"):
        return "polars"
    return None


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _clean(value: Any) -> Any:
    """A frame cell as a plain Python value (None for every kind of missing value)."""
    if _is_missing(value):
        return None
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value


def _rows_from_frame(frame: Any, keys: tuple[str, ...], stats: _Stats) -> Iterator[_Row]:
    kind = _frame_kind(frame)
    columns = list(frame.columns)

    def column(name: str) -> list[Any]:
        if kind == "polars":
            return list(frame.get_column(name).to_list())
        return list(frame[name].astype(object).tolist())

    def group_column(name: str) -> list[Any]:
        if name in columns:
            return [_clean(v) for v in column(name)]
        if name == "trigger_year" and "trigger_month" in columns:
            return [None if v is None else int(str(v)[:4]) for v in group_column("trigger_month")]
        raise ValueError(f"the frame has no column {name!r} to group by")

    for name in ("rule", "status", "days_overdue"):
        if name not in columns:
            raise ValueError(f"the frame has no column {name!r}: pass a findings_frame()")
    rules = column("rule")
    laws = column("law") if "law" in columns else [None] * len(rules)
    statuses = column("status")
    days = [_clean(v) for v in column("days_overdue")]
    stats.rows = len(rules)
    stats.meta_seen.update(c for c in columns if c.startswith(META_PREFIX))
    if not stats.rows:  # an empty frame may lack the meta columns: every group is empty
        return
    groups = [group_column(key) for key in keys]
    if "case_id" in columns:
        stats.cases = len({_clean(v) for v in column("case_id")})
    for i, rule in enumerate(rules):
        status = str(statuses[i])
        delay = days[i]
        yield (
            str(rule),
            str(laws[i]),
            status,
            None if delay is None else int(delay),
            tuple(g[i] for g in groups),
        )


def _rows(source: Any, keys: tuple[str, ...], stats: _Stats) -> Iterator[_Row]:
    if _frame_kind(source) is not None:
        return _rows_from_frame(source, keys, stats)
    return _rows_from_items(source, keys, stats)


def _group_sort_key(group: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((v is None, type(v).__name__, v if v is not None else 0) for v in group)


def _tally_indicators(
    source: Any, keys: tuple[str, ...], chosen: Sequence[Indicator]
) -> tuple[list[dict[str, Any]], _Stats]:
    by_rule: dict[str, list[str]] = {}
    for indicator in chosen:
        for rule in indicator.rules:
            by_rule.setdefault(rule, []).append(indicator.key)
    stats = _Stats()
    for rule, _law, status, delay, group in _rows(source, keys, stats):
        labels = by_rule.get(rule)
        if labels is None:
            continue
        stats.findings += 1
        for label in labels:
            stats.tallies.setdefault((label, group), _Tally()).add(status, delay)
    stats.check_meta(keys)
    out: list[dict[str, Any]] = []
    for indicator in chosen:
        groups = sorted(
            (g for (label, g) in stats.tallies if label == indicator.key), key=_group_sort_key
        )
        if not keys:
            groups = [()]
        for group in groups:
            tally = stats.tallies.get((indicator.key, group), _Tally())
            row: dict[str, Any] = {
                "indicator": indicator.key,
                "name_da": indicator.name_da,
                "name_en": indicator.name_en,
            }
            row.update(zip(keys, group, strict=True))
            row.update(tally.row())
            out.append(row)
    return out, stats


def _check_indicators(chosen: Iterable[Indicator]) -> tuple[Indicator, ...]:
    result = tuple(chosen)
    for indicator in result:
        if not isinstance(indicator, Indicator):
            raise TypeError(f"expected Indicator objects, got {type(indicator).__name__}")
    if len({i.key for i in result}) != len(result):
        raise ValueError("two indicators have the same key")
    return result


def stats_records(
    items_or_frame: Iterable[Item] | Any,
    *,
    by: By = (),
    indicators: Iterable[Indicator] = DEFAULT_INDICATORS,
) -> list[dict[str, Any]]:
    """The indicator table as JSON-able dicts: one per indicator and group.

    ``items_or_frame``: reports or case results (streamed: only counts are kept), or a
    :func:`~lovfrist.frames.findings_frame` (pandas or polars). ``by``: group columns —
    ``rule``, ``law`` (BL/SEL), ``version`` (the consolidation), ``trigger_month``,
    ``trigger_year``, ``meta.KEY`` (e.g. ``meta.kommune``) or any other findings column.

    Keys: ``indicator``, ``name_da``, ``name_en``, the ``by`` columns, then
    :data:`STAT_COLUMNS`. ``rate`` is met / decided (decided = met + late + overdue + early),
    ``None`` when nothing is decided; ``days_overdue_median``/``_mean`` are over the violations
    with a ``days_overdue`` (``None`` without any). Without ``by`` every indicator has a row (all
    zeros when no finding counts for it); with ``by``, only the groups that occur. Rows follow
    the order of ``indicators``, then the group values (missing values last).
    """
    keys = _normalise_by(by)
    rows, _ = _tally_indicators(items_or_frame, keys, _check_indicators(indicators))
    return rows


def _tally_rules(
    source: Any, keys: tuple[str, ...], rules: Sequence[str] | None
) -> tuple[list[dict[str, Any]], _Stats]:
    wanted = set(rules) if rules is not None else None
    stats = _Stats()
    laws: dict[str, str] = {}
    for rule, law, status, delay, group in _rows(source, keys, stats):
        if wanted is not None and rule not in wanted:
            continue
        stats.findings += 1
        laws.setdefault(rule, law)
        stats.tallies.setdefault((rule, group), _Tally()).add(status, delay)
    stats.check_meta(keys)
    labels = list(rules) if rules is not None else sorted({label for label, _ in stats.tallies})
    out: list[dict[str, Any]] = []
    for rule in labels:
        groups = sorted((g for (r, g) in stats.tallies if r == rule), key=_group_sort_key)
        if not keys:
            groups = [()]
        for group in groups:
            row: dict[str, Any] = {"rule": rule, "law": laws.get(rule, _law_of(rule))}
            row.update(zip(keys, group, strict=True))
            row.update(stats.tallies.get((rule, group), _Tally()).row())
            out.append(row)
    return out, stats


def _law_of(rule: str) -> str:
    return rule.split("-", 1)[0]


def rule_compliance_records(
    items_or_frame: Iterable[Item] | Any,
    *,
    by: By = (),
    rules: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Compliance per rule, as JSON-able dicts: ``rule``, ``law``, the ``by`` columns, then
    :data:`STAT_COLUMNS` (the same definitions as :func:`stats_records`).

    Without ``rules``: every rule that has findings, in rule id order. With ``rules``: those
    ids in that order (each with a row, all zeros if it has no findings, when ``by`` is empty).
    """
    keys = _normalise_by(by)
    if "rule" in keys:
        raise ValueError("rule_compliance is per rule already; do not group by 'rule'")
    chosen = None if rules is None else list(dict.fromkeys(rules))
    rows, _ = _tally_rules(items_or_frame, keys, chosen)
    return rows


# --- DataFrames -------------------------------------------------------------------------------


def _stats_frame(
    rows: list[dict[str, Any]],
    labels: tuple[str, ...],
    keys: tuple[str, ...],
    library: Literal["pandas", "polars"],
) -> Any:
    module = _require(library)
    names = [*labels, *keys, *STAT_COLUMNS]
    columns = {name: [row[name] for row in rows] for name in names}
    floats = ("rate", "days_overdue_median", "days_overdue_mean")
    if library == "polars":
        pl = module
        series = []
        for name, values in columns.items():
            if name in labels:
                dtype: Any = pl.String
            elif name in keys:
                dtype = None
            else:
                dtype = pl.Float64 if name in floats else pl.Int64
            series.append(pl.Series(name, values, dtype=dtype, strict=False))
        return pl.DataFrame(series)
    pd = module
    data: dict[str, Any] = {}
    for name, values in columns.items():
        if name in labels:
            data[name] = pd.Series(values, dtype="string")
        elif name in keys:
            data[name] = _pandas_group_column(pd, name, values)
        elif name in floats:
            data[name] = pd.Series(
                [math.nan if v is None else float(v) for v in values], dtype="float64"
            )
        else:
            data[name] = pd.Series(values, dtype="int64")
    return pd.DataFrame(data)


def _pandas_group_column(pd: Any, name: str, values: list[Any]) -> Any:
    if name == "trigger_year" or name in ("stk", "pkt", "days_overdue"):
        return pd.Series(values, dtype="Int64")
    if name.startswith(META_PREFIX) or name in ("is_violation", "is_upcoming"):
        return pd.Series(values, dtype=object)
    if all(v is None or isinstance(v, str) for v in values):
        return pd.Series(values, dtype="string")
    return pd.Series(values, dtype=object)


def indicators(
    items_or_frame: Iterable[Item] | Any,
    *,
    by: By = (),
    indicators: Iterable[Indicator] = DEFAULT_INDICATORS,
    library: Literal["pandas", "polars"] = "pandas",
) -> Any:
    """The Børnesagsbarometer indicators as a DataFrame: one row per indicator × group.

    The rows and columns of :func:`stats_records`. Dtypes: text columns ``string``; counts
    ``int64``; ``rate``, ``days_overdue_median``, ``days_overdue_mean`` ``float64`` (NaN when
    undefined); ``trigger_year`` ``Int64``; ``meta.*`` ``object``. ``library="polars"`` gives a
    polars DataFrame.
    """
    keys = _normalise_by(by)
    rows, _ = _tally_indicators(items_or_frame, keys, _check_indicators(indicators))
    return _stats_frame(rows, ("indicator", "name_da", "name_en"), keys, library)


def rule_compliance(
    items_or_frame: Iterable[Item] | Any,
    *,
    by: By = (),
    rules: Iterable[str] | None = None,
    library: Literal["pandas", "polars"] = "pandas",
) -> Any:
    """:func:`rule_compliance_records` as a DataFrame (dtypes as in :func:`indicators`)."""
    rows = rule_compliance_records(items_or_frame, by=by, rules=rules)
    return _stats_frame(rows, ("rule", "law"), _normalise_by(by), library)


# --- output for the command line ----------------------------------------------------------------

_HEADERS_DA = {
    "n": "n",
    "decided": "afgjort",
    "met": "overholdt",
    "rate": "andel",
    "violations": "overtrådt",
    "open": "åben",
    "undetermined": "kan ikke afgøres",
    "lapsed": "bortfaldet",
    "days_overdue_median": "median dage",
    "days_overdue_mean": "gns. dage",
}
_NUMERIC = frozenset(STAT_COLUMNS)


def _records_of(table: Any) -> list[dict[str, Any]]:
    kind = _frame_kind(table)
    if kind == "polars":
        rows: list[dict[str, Any]] = table.to_dicts()
    elif kind == "pandas":
        rows = table.astype(object).to_dict("records")
    else:
        rows = [dict(row) for row in table]
    return [{key: _clean(value) for key, value in row.items()} for row in rows]


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f} %".replace(".", ",")


def _days(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value)


def render_stats(table: Any) -> str:
    """A plain-text table of :func:`indicators` or :func:`rule_compliance` output (a pandas or
    polars DataFrame, or the records of :func:`stats_records`), in Danish.

    One line per row: the indicator's Danish name (or the rule id), the group columns, ``n``,
    afgjort, overholdt, andel (the rate in percent with one decimal, Danish decimal comma; ``–``
    when nothing is decided), overtrådt, åben, kan ikke afgøres, bortfaldet, and the median and
    mean days over the deadline of the violations. The text ends with a newline.
    """
    rows = _records_of(table)
    if rows and "indicator" in rows[0]:
        label_key, label_head = "name_da", "indikator"
        skip = {"indicator", "name_da", "name_en"}
    else:
        label_key, label_head = "rule", "regel"
        skip = {"rule", "law"}
    sample = rows[0] if rows else {}
    group_keys = [k for k in sample if k not in skip and k not in _NUMERIC]
    headers = [label_head, *group_keys, *_HEADERS_DA.values()]
    lines: list[list[str]] = []
    for row in rows:
        cells = [_cell(row.get(label_key)), *(_cell(row.get(k)) for k in group_keys)]
        for key in _HEADERS_DA:
            value = row.get(key)
            if key == "rate":
                cells.append(_percent(value))
            elif key.startswith("days_overdue"):
                cells.append(_days(value))
            else:
                cells.append(_cell(value))
        lines.append(cells)
    widths = [max([len(h), *(len(line[i]) for line in lines)]) for i, h in enumerate(headers)]
    left = 1 + len(group_keys)  # text columns are left-aligned, numbers right-aligned

    def fmt(cells: list[str]) -> str:
        parts = [
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out = [fmt(headers), *(fmt(line) for line in lines)]
    return "\n".join(out) + "\n"


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buffer.getvalue()


def stats_command_output(
    results: Iterable[Item],
    *,
    by: By = (),
    fmt: Literal["table", "json", "csv"] = "table",
    per_rule: bool = False,
    indicators: Iterable[Indicator] = DEFAULT_INDICATORS,
) -> str:
    """What ``lovfrist stats`` prints, from the results of :func:`~lovfrist.evaluate_many`.

    One pass over ``results``; needs neither pandas nor polars. ``per_rule`` gives
    :func:`rule_compliance_records` instead of the indicators. ``fmt``:

    - ``table``: :func:`render_stats`, then a line with the number of cases read, those that
      failed, and the definition of the rate;
    - ``json``: ``{"cases", "failed_cases", "findings", "by", "rows"}`` with the records of
      :func:`stats_records` (or :func:`rule_compliance_records`) as ``rows``;
    - ``csv``: the records with a header row.

    Every format ends with a newline (print it with ``end=""``).
    """
    keys = _normalise_by(by)
    if per_rule:
        if "rule" in keys:
            raise ValueError("per-rule statistics are per rule already; do not group by 'rule'")
        rows, stats = _tally_rules(results, keys, None)
        labels = ["rule", "law"]
    else:
        rows, stats = _tally_indicators(results, keys, _check_indicators(indicators))
        labels = ["indicator", "name_da", "name_en"]
    if fmt == "json":
        document = {
            "cases": stats.cases,
            "failed_cases": stats.failed,
            "findings": stats.findings,
            "by": list(keys),
            "rows": rows,
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(rows, [*labels, *keys, *STAT_COLUMNS])
    if fmt != "table":
        raise ValueError(f"fmt must be 'table', 'json' or 'csv', got {fmt!r}")
    footer = (
        f"{stats.cases} sager, {stats.failed} kunne ikke evalueres; "
        f"{stats.findings} forpligtelser. andel = overholdt / afgjort "
        "(afgjort: overholdt, for sent, overskredet, for tidligt)."
    )
    return render_stats(rows) + "\n" + footer + "\n"
