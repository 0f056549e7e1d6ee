"""Findings and reports (``spec/report.md``): what an evaluation returns, and its JSON form."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import (
    Any,
    Literal,
    NotRequired,  # pydantic needs these on Python < 3.12
    cast,
)

from typing_extensions import TypedDict

from lovfrist.calendar import COPENHAGEN, fmt_date, local_day

__all__ = [
    "EventRef",
    "Finding",
    "LateRegistration",
    "Report",
    "Status",
    "Transition",
    "report_schema",
]

StatusName = Literal["met", "late", "overdue", "open", "early", "undetermined", "lapsed"]


class TextJSON(TypedDict):
    da: str
    en: str


class EventRefJSON(TypedDict):
    event: str
    type: str
    at: str
    matched_by: NotRequired[Literal["ref", "order"]]


TransitionJSON = TypedDict(
    "TransitionJSON", {"from": str, "basis": str | None, "grade": str, "note": TextJSON}
)


class LateRegistrationJSON(TypedDict):
    status: StatusName
    due: str | None
    events: list[EventRefJSON]


class ClockJSON(TypedDict):
    at: str | None
    source: str | None


class FindingJSON(TypedDict):
    rule: str
    law: str
    paragraph: str
    stk: int | None
    pkt: int | None
    citation: str
    status: StatusName
    due: str | None
    trigger: EventRefJSON
    fulfilled_by: EventRefJSON | None
    days_overdue: int | None
    explanation: TextJSON
    version: str
    grade: str
    clock_start: ClockJSON | None
    lapsed_by: EventRefJSON | None
    missing: str | None
    transition: TransitionJSON | None
    obligor: Literal["kommune", "ankestyrelsen", "borger"]
    late_registration: NotRequired[LateRegistrationJSON | None]


class SummaryJSON(TypedDict):
    violations: int
    upcoming: int
    by_status: dict[StatusName, int]


class ReportJSON(TypedDict):
    case_id: str
    as_of: str
    findings: list[FindingJSON]
    summary: SummaryJSON
    profile: str
    meta: NotRequired[dict[str, Any]]
    known_at: NotRequired[str]


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report (``lovfrist schema --report``; ``docs/report.schema.json``)."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(ReportJSON).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lovfrist.dk/schema/report.v1.json",
        **schema,
    }


class Status(StrEnum):
    """The outcome of one obligation (``spec/report.md``)."""

    MET = "met"
    LATE = "late"
    OVERDUE = "overdue"
    OPEN = "open"
    EARLY = "early"
    UNDETERMINED = "undetermined"
    LAPSED = "lapsed"

    @property
    def is_violation(self) -> bool:
        return self in (Status.LATE, Status.OVERDUE, Status.EARLY)

    @property
    def is_upcoming(self) -> bool:
        return self is Status.OPEN

    @property
    def da(self) -> str:
        return _STATUS_DA[self]


_STATUS_DA = {
    Status.MET: "overholdt",
    Status.LATE: "for sent",
    Status.OVERDUE: "overskredet",
    Status.OPEN: "åben",
    Status.EARLY: "for tidligt",
    Status.UNDETERMINED: "kan ikke afgøres",
    Status.LAPSED: "bortfaldet",
}


def iso(value: date | datetime | None) -> str | None:
    """A date as ``YYYY-MM-DD``; a datetime as ISO 8601 with its Copenhagen offset."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _iso_instant(value)
    return value.isoformat()


@lru_cache(maxsize=1 << 14)
def _iso_instant(value: datetime) -> str:
    # Cached: one event's time appears in many findings; equal instants give the same text.
    return value.astimezone(COPENHAGEN).isoformat()


@dataclass(frozen=True, slots=True)
class EventRef:
    """An event named in a finding: by id, or by input position (``"#3"``) if it has none.

    ``matched_by`` (fulfilling events only) is ``ref`` when the event's ``ref`` named the
    obligation's trigger and ``order`` when it was matched first in, first out.
    """

    event: str
    type: str
    at: date | datetime
    matched_by: str | None = None

    def to_dict(self) -> EventRefJSON:
        out: dict[str, Any] = {"event": self.event, "type": self.type, "at": iso(self.at)}
        if self.matched_by is not None:
            out["matched_by"] = self.matched_by
        return cast(EventRefJSON, out)


@dataclass(frozen=True, slots=True)
class Transition:
    """Why a finding is governed by a law version other than the one in force at its trigger."""

    from_rule: str
    basis: str | None
    grade: str
    note_da: str
    note_en: str

    def to_dict(self) -> TransitionJSON:
        return {
            "from": self.from_rule,
            "basis": self.basis,
            "grade": self.grade,
            "note": {"da": self.note_da, "en": self.note_en},
        }


@dataclass(frozen=True, slots=True)
class LateRegistration:
    """How a finding would stand if the events registered after ``known_at`` were counted.

    Set only when the status differs: e.g. ``overdue`` as the journal showed it, ``met`` with
    an event done in time but registered late. ``events`` names the late-registered events
    that fulfil or end the obligation.
    """

    status: Status
    due: date | datetime | None
    events: tuple[EventRef, ...]

    def to_dict(self) -> LateRegistrationJSON:
        return {
            "status": self.status.value,
            "due": iso(self.due),
            "events": [e.to_dict() for e in self.events],
        }


@dataclass(frozen=True)
class Finding:
    """One obligation derived from the timeline, and its status as of the evaluation date.

    The explanation is written when it is first asked for (``explanation``, ``to_dict``): most
    of an evaluation's cost would otherwise be text that a caller filtering for violations never
    reads.
    """

    rule: str
    law: str
    paragraph: str
    stk: int | None
    pkt: int | None
    citation: str
    version: str
    grade: str
    status: Status
    due: date | datetime | None
    trigger: EventRef
    fulfilled_by: EventRef | None
    days_overdue: int | None
    explainer: Callable[[], tuple[str, str]] = field(compare=False, repr=False)
    clock_start: date | datetime | None = None
    clock_source: str | None = None
    lapsed_by: EventRef | None = None
    missing: str | None = None
    transition: Transition | None = None
    late_registration: LateRegistration | None = None
    obligor: Literal["kommune", "ankestyrelsen", "borger"] = "kommune"
    sort_index: int = field(default=0, compare=False, repr=False)

    @property
    def is_violation(self) -> bool:
        """``late``, ``overdue`` or ``early`` on a duty of an authority. A citizen's deadline
        (``obligor == "borger"``, the klagefrist) is information, never a violation."""
        return self.status.is_violation and self.obligor != "borger"

    @property
    def is_upcoming(self) -> bool:
        """``open`` on a duty of an authority (a running klagefrist is not the authority's)."""
        return self.status.is_upcoming and self.obligor != "borger"

    @cached_property
    def _explanation(self) -> tuple[str, str]:
        return self.explainer()

    @property
    def explanation_da(self) -> str:
        """What the finding means and how its due date was computed, in Danish."""
        return self._explanation[0]

    @property
    def explanation_en(self) -> str:
        """The same in English."""
        return self._explanation[1]

    @property
    def explanation(self) -> TextJSON:
        return {"da": self.explanation_da, "en": self.explanation_en}

    def to_dict(self, *, known_at: bool = False) -> FindingJSON:
        """The finding as JSON (``spec/report.md``): the spec's fields first, then extensions.

        ``late_registration`` is included when the report was evaluated with ``known_at``.
        """
        out: FindingJSON = {
            "rule": self.rule,
            "law": self.law,
            "paragraph": self.paragraph,
            "stk": self.stk,
            "pkt": self.pkt,
            "citation": self.citation,
            "status": self.status.value,
            "due": iso(self.due),
            "trigger": self.trigger.to_dict(),
            "fulfilled_by": self.fulfilled_by.to_dict() if self.fulfilled_by else None,
            "days_overdue": self.days_overdue,
            "explanation": self.explanation,
            "version": self.version,
            "grade": self.grade,
            "clock_start": (
                {"at": iso(self.clock_start), "source": self.clock_source}
                if self.clock_start is not None
                else None
            ),
            "lapsed_by": self.lapsed_by.to_dict() if self.lapsed_by else None,
            "missing": self.missing,
            "transition": self.transition.to_dict() if self.transition else None,
            "obligor": self.obligor,
        }
        if known_at:
            out["late_registration"] = (
                self.late_registration.to_dict() if self.late_registration else None
            )
        return out

    def sort_key(self) -> tuple[Any, ...]:
        """Due date (none last), then rule id, then the trigger's place in the timeline."""
        if self.due is None:
            return (1, date.max, 1, time.min, self.rule, self.sort_index)
        if isinstance(self.due, datetime):
            local = self.due.astimezone(COPENHAGEN)
            return (0, local.date(), 0, local.time(), self.rule, self.sort_index)
        return (0, self.due, 1, time.min, self.rule, self.sort_index)


@dataclass(frozen=True, slots=True)
class Report:
    """The findings for one case as of one date."""

    case_id: str
    as_of: date | datetime
    findings: tuple[Finding, ...]
    profile: str = "default"
    case_meta: Mapping[str, Any] | None = None
    known_at: date | datetime | None = None

    @property
    def violations(self) -> tuple[Finding, ...]:
        """Findings that are violations: ``late``, ``overdue`` and ``early`` on an authority's
        duty (a citizen's deadline is never a violation, see :attr:`Finding.is_violation`)."""
        return tuple(f for f in self.findings if f.is_violation)

    @property
    def upcoming(self) -> tuple[Finding, ...]:
        """An authority's findings still ``open``: not yet due, or due with no fixed time."""
        return tuple(f for f in self.findings if f.is_upcoming)

    def to_dict(self) -> ReportJSON:
        """The report in the JSON form of ``spec/report.md``."""
        counts: dict[StatusName, int] = {s.value: 0 for s in Status}
        for f in self.findings:
            counts[f.status.value] += 1
        out: ReportJSON = {
            "case_id": self.case_id,
            "as_of": iso(self.as_of) or "",
            "findings": [f.to_dict(known_at=self.known_at is not None) for f in self.findings],
            "summary": {
                "violations": len(self.violations),
                "upcoming": len(self.upcoming),
                "by_status": counts,
            },
            "profile": self.profile,
        }
        if self.case_meta is not None:
            out["meta"] = dict(self.case_meta)
        if self.known_at is not None:
            out["known_at"] = iso(self.known_at) or ""
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        """Deterministic JSON: the same input gives the same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_pandas(self) -> Any:
        """One row per finding as a pandas DataFrame (needs the ``pandas`` extra).

        The columns are described in :mod:`lovfrist.frames`.
        """
        from lovfrist.frames import findings_frame

        return findings_frame([self])

    def _repr_html_(self) -> str:
        """The report as an HTML table, for Jupyter."""
        from lovfrist.html import report_html

        return report_html(self)

    def plot(self, ax: Any = None) -> Any:
        """The case's timeline: events, due dates and violations on one axis (needs the
        ``plot`` extra, matplotlib). Returns the matplotlib ``Axes``."""
        from lovfrist.plot import plot_report

        return plot_report(self, ax=ax)

    def __str__(self) -> str:
        return (
            f"Report({self.case_id!r}, as of {fmt_date(local_day(self.as_of), 'en')}: "
            f"{len(self.findings)} findings, {len(self.violations)} violations)"
        )
