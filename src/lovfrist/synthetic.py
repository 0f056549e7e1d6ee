"""Realistic synthetic caseloads with controllable compliance, for tutorials, benchmarks and tests.

Every case follows the course a Danish child-welfare case takes: one or more underretninger, each
assessed within 24 hours and acknowledged within 6 hverdage; often a børnefaglig undersøgelse,
with a foreløbig vurdering when it runs late; a decision (støtte or anbringelse) with its plan —
a handleplan under Serviceloven (decisions up to 2023), a barnets plan or ungeplan under Barnets
lov (from 2024); the measure starting; follow-ups; now and then an acute formandsafgørelse with
the committee's approval, the measure ending and the case being closed::

    from datetime import date
    from lovfrist import evaluate
    from lovfrist.synthetic import Compliance, generate_caseload

    for case in generate_caseload(1000, seed=7, compliance=Compliance(investigation=0.3)):
        report = evaluate(case, as_of=date(2025, 12, 31))

Each statutory step is on time with the probability :class:`Compliance` gives it, and otherwise
late by a realistic spread of days — or, with probability ``Compliance.missing``, never recorded.
"On time" is decided here independently of the evaluator: hours are elapsed time in
Europe/Copenhagen, hverdage follow the default calendar profile (Monday-Friday except public
holidays, 5 June, 24 and 31 December), months are clamped to the month end (``docs/counting.md``).

Everything is drawn from the ``random.Random`` passed in (or seeded from ``seed``): the same seed
gives the same cases. Nothing reads the global random state or the clock. The output is plain
JSON-like dicts in the input format of :meth:`lovfrist.Case.from_dict`, with naive Copenhagen wall
times (``"2024-03-10T10:15:00"``) and dates (``"2024-03-10"``); every case is valid input.
"""

from __future__ import annotations

import csv
import json
import math
import random
from calendar import monthrange
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_COMPLIANCE",
    "KOMMUNER",
    "SAGSBEHANDLERE",
    "TEAMS",
    "Compliance",
    "generate_case",
    "generate_caseload",
    "write_csv",
    "write_jsonl",
]

_CPH = ZoneInfo("Europe/Copenhagen")
_TICK = timedelta(microseconds=1)
_DAY = timedelta(days=1)
#: Barnets lov replaces the child provisions of Serviceloven on this day.
_BL_START = date(2024, 1, 1)


# --- compliance -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Compliance:
    """Probabilities in [0, 1] that each statutory step happens on time.

    The defaults are close to Ankestyrelsen's Børnesagsbarometret (case reviews of Serviceloven
    § 52 cases, about 700 cases a year): the 24-hour assessment was made in time for 87-88 % of
    underretninger (2019, 2021); the børnefaglige undersøgelse was concluded within 4 months in
    50 % of cases (2024; 60 % in 2021); the first follow-up within 3 months in 75 % (2024); a
    handleplan existed, or lawfully did not, in 77 % (2019). ``acknowledgement``,
    ``provisional_assessment``, ``committee_approval`` and ``missing`` have no published figure
    and are assumptions.
    """

    #: The 24-hour assessment of an underretning (SEL § 155, stk. 2; BL § 136, stk. 2).
    assessment_24h: float = 0.87
    #: The acknowledgement to the notifier within 6 hverdage (SEL § 155 b; BL § 138).
    acknowledgement: float = 0.90
    #: The børnefaglig undersøgelse concluded within 4 months (SEL § 50, stk. 7; BL § 20, stk. 3).
    investigation: float = 0.50
    #: When the investigation is late: a foreløbig vurdering by the 4-month date.
    provisional_assessment: float = 0.40
    #: The handleplan before the decision (SEL § 140), or the barnets plan / ungeplan within
    #: 3 months or before a § 47 decision (BL §§ 91, 108).
    plan: float = 0.77
    #: Each follow-up: the first within 3 months (SEL § 70; BL § 95, stk. 2), then within 6
    #: months of the previous one while Serviceloven governs the cycle.
    follow_up: float = 0.75
    #: The committee's approval of a formandsafgørelse within 7 days (SEL § 75; BL § 143).
    committee_approval: float = 0.90
    #: Probability that a step that is not on time is never recorded at all (else it is late).
    missing: float = 0.25

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or math.isnan(value)
                or not 0.0 <= value <= 1.0
            ):
                raise ValueError(
                    f"Compliance.{f.name} must be a probability between 0 and 1, got {value!r}"
                )

    @classmethod
    def uniform(cls, on_time: float, *, missing: float = 0.0) -> Compliance:
        """Every step on time with the same probability: ``uniform(1.0)`` is full compliance."""
        names = [f.name for f in fields(cls) if f.name != "missing"]
        return cls(**dict.fromkeys(names, on_time), missing=missing)


#: The default compliance: close to national figures (see :class:`Compliance`).
DEFAULT_COMPLIANCE = Compliance()

#: Case-level ``meta`` values (``generate_caseload(meta=True)``).
KOMMUNER: tuple[str, ...] = (
    "Frederikssund",
    "Halsnæs",
    "Stevns",
    "Solrød",
    "Jammerbugt",
    "Faxe",
    "Odsherred",
)
#: Team names for the case-level ``meta``.
TEAMS: tuple[str, ...] = (
    "Team Nord",
    "Team Syd",
    "Team Øst",
    "Team Vest",
    "Modtagelsen",
    "Anbringelsesteamet",
)
#: Journal initials, as journals record the caseworker (fictitious).
SAGSBEHANDLERE: tuple[str, ...] = (
    "AKLA",
    "BEMO",
    "CHRA",
    "DOSV",
    "ELJE",
    "FRHO",
    "GUNI",
    "HALU",
    "IBPE",
    "JOKR",
    "KAMA",
    "LISO",
)

# --- calendar (independent of lovfrist.calendar, so the generator is an oracle of its own) ---


def _add_months(d: date, n: int) -> date:
    """The same day ``n`` months later, clamped to the month end."""
    index = d.month - 1 + n
    year, month = d.year + index // 12, index % 12 + 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


def _easter(year: int) -> date:
    """Easter Sunday (Gregorian; the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


_FIXED_CLOSED = frozenset({(1, 1), (6, 5), (12, 24), (12, 25), (12, 26), (12, 31)})


def _is_hverdag(d: date) -> bool:
    """Default profile: Monday-Friday except public holidays, 5 June, 24 and 31 December."""
    if d.weekday() >= 5 or (d.month, d.day) in _FIXED_CLOSED:
        return False
    # Skærtorsdag, langfredag, 2. påskedag, Kristi himmelfart, 2. pinsedag; Store bededag to 2023.
    offset = (d - _easter(d.year)).days
    return offset not in (-3, -2, 1, 39, 50) and not (offset == 26 and d.year <= 2023)


def _hverdage_after(d: date, n: int) -> date:
    """The ``n``-th hverdag strictly after ``d``."""
    day = d
    while n > 0:
        day += _DAY
        n -= _is_hverdag(day)
    return day


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _bounds(at: date | datetime) -> tuple[datetime, datetime]:
    """The first and last instant (UTC) ``at`` can denote: a wall time, or a whole day."""
    if isinstance(at, datetime):
        instant = at.replace(tzinfo=_CPH).astimezone(UTC)
        return instant, instant
    lo = datetime.combine(at, time(0), tzinfo=_CPH).astimezone(UTC)
    hi = datetime.combine(at + _DAY, time(0), tzinfo=_CPH).astimezone(UTC) - _TICK
    return lo, hi


def _within_24h(received: date | datetime, assessed: date | datetime) -> bool | None:
    """Whether ``assessed`` is within 24 elapsed hours of ``received``; None if undecidable."""
    r_lo, r_hi = _bounds(received)
    a_lo, a_hi = _bounds(assessed)
    hours = timedelta(hours=24)
    if a_hi <= r_lo + hours:
        return True
    if a_lo > r_hi + hours:
        return False
    return None


def _exists(wall: datetime) -> bool:
    """Whether a naive wall time exists in Copenhagen and is not in the repeated hour."""
    if wall.hour == 2:  # the hour skipped in March and repeated in October: never used
        return False
    aware = wall.replace(tzinfo=_CPH)
    return aware.astimezone(UTC).astimezone(_CPH).replace(tzinfo=None) == wall


def _day(at: date | datetime) -> date:
    return at.date() if isinstance(at, datetime) else at


# --- the case builder -----------------------------------------------------------------------

_Outcome = Literal["on_time", "late", "missing"]

_PREFIX: Mapping[str, str] = {
    "underretning": "u",
    "underretning_vurderet": "v",
    "kvittering": "k",
    "tilbagemelding": "tm",
    "henvendelse": "hv",
    "bfu_start": "b",
    "foreloebig_vurdering": "fv",
    "bfu_afsluttet": "ba",
    "boernesamtale": "bs",
    "afgoerelse": "a",
    "formandsafgoerelse": "fa",
    "buu_afgoerelse": "buu",
    "indsats_start": "s",
    "indsats_ophoer": "io",
    "handleplan": "hp",
    "barnets_plan": "bp",
    "ungeplan": "up",
    "opfoelgning": "o",
    "tilsynsbesoeg": "ts",
    "klage": "kl",
    "genvurdering": "gv",
    "afgoerelse_ungestoette": "au",
    "sag_lukket": "c",
}

#: Types whose ``ref`` a journal sometimes leaves out. It is left out only where matching by
#: order (first in, first out) finds the same event when every earlier step was done, so under
#: full compliance a missing ref never changes a finding; when an earlier step is missing, a
#: ref-less event can be matched to the older open duty instead, as with real journals.
_REF_OPTIONAL = frozenset(
    {
        "underretning_vurderet",
        "kvittering",
        "tilbagemelding",
        "foreloebig_vurdering",
        "bfu_afsluttet",
        "boernesamtale",
        "buu_afgoerelse",
        "indsats_start",
        "handleplan",
        "barnets_plan",
        "ungeplan",
        "opfoelgning",
        "tilsynsbesoeg",
    }
)
_DROP_REF = 0.12


@dataclass
class _Ev:
    type: str
    at: date | datetime
    id: str
    ref: str | None
    attrs: dict[str, Any]
    seq: int

    @property
    def day(self) -> date:
        return _day(self.at)


@dataclass
class _Investigation:
    start: _Ev
    end_day: date  # the day it was (or, if never recorded, would have been) concluded
    concluded: bool


@dataclass
class _Builder:
    rng: random.Random
    c: Compliance
    start: date
    birth: date = date.min
    events: list[_Ev] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    bfu: _Investigation | None = None
    horizon: date | None = None  # as_of: nothing after it is generated

    # -- primitives --------------------------------------------------------------------------

    def add(self, etype: str, at: date | datetime, ref: _Ev | None = None, **attrs: Any) -> _Ev:
        n = self.counters.get(etype, 0) + 1
        self.counters[etype] = n
        ev = _Ev(
            etype, at, f"{_PREFIX[etype]}{n}", ref.id if ref else None, attrs, len(self.events)
        )
        self.events.append(ev)
        return ev

    def step(self, p: float) -> _Outcome:
        if self.rng.random() < p:
            return "on_time"
        return "missing" if self.rng.random() < self.c.missing else "late"

    def late_days(self, mean: float, cap: int) -> int:
        """Days past the deadline: at least 1, mostly a little, sometimes a lot."""
        return min(cap, 1 + int(self.rng.expovariate(1.0 / mean)))

    def between(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def clock(self, kind: Literal["notification", "office", "day"]) -> time:
        r = self.rng
        if kind == "notification":
            x = r.random()
            if x < 0.78:
                hour = r.choices(range(8, 16), weights=(6, 10, 10, 9, 7, 9, 8, 5))[0]
            elif x < 0.95:
                hour = r.randint(16, 22)  # police and emergency services, evenings
            else:
                hour = r.choice((23, 0, 1, 3, 4, 5, 6))
        elif kind == "office":
            hour = r.choices(range(8, 16), weights=(6, 10, 10, 9, 7, 9, 8, 5))[0]
        else:
            hour = r.randint(9, 21)
        return time(hour, r.randrange(60))

    def workday(self, d: date, *, earliest: date) -> date:
        """Move a weekend day back to Friday if that is not before ``earliest`` (office work
        mostly happens on weekdays). Never moves forward, so an on-time step stays on time."""
        if d.weekday() < 5 or self.rng.random() < 0.1:
            return d
        back = d - timedelta(days=d.weekday() - 4)
        return back if back >= earliest else d

    def later_workday(self, d: date) -> date:
        """Move a weekend day forward to Monday (keeps a late step late)."""
        if d.weekday() < 5 or self.rng.random() < 0.1:
            return d
        return d + timedelta(days=7 - d.weekday())

    def past(self, d: date) -> bool:
        return self.horizon is not None and d > self.horizon

    # -- the child ---------------------------------------------------------------------------

    def draw_birth(self) -> None:
        # Underretninger peak for infants and for 12-16-year-olds (Danmarks Statistik, UND2).
        weights = (7, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 7, 8, 9, 9, 7, 5)
        age = self.rng.choices(range(18), weights=weights)[0]
        year, month = self.start.year - age, self.start.month
        anniversary = date(year, month, min(self.start.day, monthrange(year, month)[1]))
        # Up to 364 days before the age-th birthday-anniversary of the start: aged `age` at start.
        birth = anniversary - timedelta(days=self.rng.randint(0, 364))
        if (birth.month, birth.day) == (2, 29):
            birth -= _DAY  # keeps age arithmetic free of leap-day conventions
        self.birth = birth

    def birthday(self, age: int) -> date:
        return date(self.birth.year + age, self.birth.month, self.birth.day)

    # -- underretning: 24-hour assessment, acknowledgement ------------------------------------

    def notification(self, day: date) -> _Ev:
        r = self.rng
        fagperson = r.random() < 0.68
        attrs: dict[str, Any] = {"fagperson": fagperson}
        anonym = not fagperson and r.random() < 0.25
        if anonym:
            attrs["anonym"] = True
        if r.random() < 0.06:
            attrs["overgreb"] = True
        at: date | datetime = day
        if r.random() < 0.75:
            at = datetime.combine(day, self.clock("notification"))
        u = self.add("underretning", at, **attrs)

        outcome = self.step(self.c.assessment_24h)
        if outcome != "missing":
            self.add("underretning_vurderet", self.assessment_at(at, outcome == "on_time"), u)

        if not anonym:
            outcome = self.step(self.c.acknowledgement)
            if outcome != "missing":
                self.add("kvittering", self.acknowledgement_at(at, outcome == "on_time"), u)
        return u

    def assessment_at(self, received: date | datetime, on_time: bool) -> date | datetime:
        for _ in range(40):
            candidate = self._assessment_candidate(received, on_time)
            if candidate is None or (isinstance(candidate, datetime) and not _exists(candidate)):
                continue
            if _within_24h(received, candidate) is on_time:
                return candidate
        # Fallbacks that are certain: assessed at receipt; or three days later.
        return received if on_time else _day(received) + timedelta(days=3)

    def _assessment_candidate(
        self, received: date | datetime, on_time: bool
    ) -> date | datetime | None:
        """A plausible assessment time, or None to draw again (a night-time one, mostly)."""
        r = self.rng
        day = _day(received)
        if on_time:
            if isinstance(received, datetime) and r.random() < 0.85:
                x = r.random()
                if x < 0.55:
                    minutes = r.randint(10, 240)
                elif x < 0.85:
                    minutes = r.randint(240, 1200)
                else:
                    minutes = r.randint(1200, 1430)
                instant = received.replace(tzinfo=_CPH).astimezone(UTC)
                wall = (instant + timedelta(minutes=minutes)).astimezone(_CPH)
                wall = wall.replace(tzinfo=None)
                if wall.hour < 7 and r.random() < 0.8:
                    return None  # the duty service does assess at night, but seldom
                return wall
            if not isinstance(received, datetime) and r.random() < 0.15:
                return datetime.combine(day, self.clock("office"))
            return day
        x = r.random()
        later = 1 if x < 0.45 else r.randint(2, 4) if x < 0.8 else r.randint(5, 14)
        if not isinstance(received, datetime):
            later = max(later, 2)
        target = self.later_workday(day + timedelta(days=later))
        if r.random() < 0.8:
            return datetime.combine(target, self.clock("office"))
        return target if later >= 2 else target + _DAY

    def acknowledgement_at(self, received: date | datetime, on_time: bool) -> date | datetime:
        r = self.rng
        day = _day(received)
        due = _hverdage_after(day, 6)
        if not on_time:
            return self.later_workday(due + timedelta(days=self.late_days(6, 45)))
        x = r.random()
        if x < 0.45:
            offset = 0  # an automatic receipt
        elif x < 0.75:
            offset = min(r.randint(1, 2), (due - day).days)
        else:
            offset = r.randint(0, (due - day).days)
        sent = self.workday(day + timedelta(days=offset), earliest=day)
        if offset == 0 and isinstance(received, datetime) and r.random() < 0.6:
            wall = received + timedelta(minutes=r.randint(1, 90))
            if wall.date() == day and _exists(wall):
                return wall
        return sent

    # -- the investigation ---------------------------------------------------------------------

    def investigation(self, origin: _Ev) -> None:
        r = self.rng
        origin_day = origin.day
        delay = r.randint(2, 14) if r.random() < 0.6 else r.randint(15, 40)
        start_day = self.later_workday(origin_day + timedelta(days=delay))
        attrs: dict[str, Any] = {}
        clock_day = origin_day
        if r.random() < 0.12:
            aware = origin_day - timedelta(days=r.randint(3, 45))
            if aware > self.birth:
                attrs["opmaerksom"] = aware.isoformat()
                clock_day = aware
        b = self.add("bfu_start", start_day, origin, **attrs)
        due = _add_months(clock_day, 4)

        outcome = self.step(self.c.investigation)
        if outcome == "on_time":
            lo = min(21, (due - start_day).days)
            hi = (due - start_day).days
            offset = round(r.triangular(lo, hi, hi - 0.25 * (hi - lo)))
            end_day = self.workday(start_day + timedelta(days=offset), earliest=start_day + _DAY)
        else:
            end_day = self.later_workday(due + timedelta(days=self.late_days(35, 240)))

        if r.random() < 0.7 and (end_day - start_day).days > 4:
            talk_day = self.between(start_day + timedelta(days=3), end_day - _DAY)
            talk: date | datetime = talk_day
            if r.random() < 0.4:
                talk = datetime.combine(talk_day, self.clock("office"))
            self.add("boernesamtale", talk, b if r.random() < 0.6 else None)

        if outcome != "on_time":
            provisional = self.step(self.c.provisional_assessment)
            if provisional == "on_time":
                room = max(0, min(30, (due - start_day).days - 1))
                fv_day = self.workday(due - timedelta(days=r.randint(0, room)), earliest=start_day)
                self.add("foreloebig_vurdering", fv_day, b)
            elif provisional == "late":
                fv_day = due + timedelta(days=self.late_days(10, 60))
                if outcome == "missing" or fv_day < end_day:
                    self.add("foreloebig_vurdering", fv_day, b)
        if outcome != "missing":
            self.add("bfu_afsluttet", end_day, b)
        self.bfu = _Investigation(b, end_day, outcome != "missing")

    # -- decisions and plans -------------------------------------------------------------------

    def plan_type(self, decision_day: date) -> str:
        if decision_day < _BL_START:
            return "handleplan"
        return "ungeplan" if _age_on(self.birth, decision_day) >= 16 else "barnets_plan"

    def regular_decision(self, anchor: date) -> tuple[_Ev, date, bool]:
        """An afgørelse after the investigation, its plan, and the measure starting."""
        r = self.rng
        day = self.later_workday(anchor + timedelta(days=r.randint(0, 30)))
        placement = r.random() < 0.22
        bl = day >= _BL_START
        attrs: dict[str, Any] = {"indsats": "anbringelse" if placement else "stoette"}
        provisional = r.random() < 0.06
        if provisional:
            attrs["foreloebig"] = True
        if r.random() < 0.7:
            if bl:
                attrs["hjemmel"] = "BL § 46" if placement else "BL § 32, stk. 1, nr. 3"
            else:
                attrs["hjemmel"] = f"SEL § 52, stk. 3, nr. {7 if placement else 3}"
        needs_plan = True
        if bl:
            if placement:
                if r.random() < 0.5:
                    attrs["plan"] = True
            else:
                x = r.random()
                if x < 0.6:
                    attrs["plan"] = True
                elif x < 0.85:
                    attrs["plan"] = False
                    needs_plan = False
                # else: the stance was not recorded (undetermined unless the plan is in time)
        a = self.add("afgoerelse", day, **attrs)

        if not bl:
            self.sel_action_plan(a, day, brief=r.random() < (0.6 if provisional else 0.12))
        elif needs_plan:
            due = _add_months(day, 3)
            outcome = self.step(self.c.plan)
            if outcome == "on_time":
                span = (due - day).days
                plan_day = self.workday(
                    day + timedelta(days=r.randint(min(7, span), span)), earliest=day
                )
                self.add(self.plan_type(day), plan_day, a)
            elif outcome == "late":
                late = self.later_workday(due + timedelta(days=self.late_days(25, 200)))
                self.add(self.plan_type(day), late, a)

        start_day = self.later_workday(day + timedelta(days=r.randint(1, 14 if placement else 30)))
        s = self.add("indsats_start", start_day, a)
        if r.random() < 0.06:
            complaint = self.add("klage", day + timedelta(days=r.randint(5, 28)), a)
            self.add("genvurdering", complaint.day + timedelta(days=r.randint(7, 28)), complaint)
        return s, start_day, placement

    def sel_action_plan(self, a: _Ev, day: date, *, brief: bool) -> None:
        """SEL § 140: the plan before the decision, or a brief statement and a plan in 4 months."""
        r = self.rng
        outcome = self.step(self.c.plan)
        if brief:
            self.add("handleplan", day, a, kortfattet=True)
            due = _add_months(day, 4)
            if outcome == "on_time":
                span = (due - day).days
                plan_day = self.workday(day + timedelta(days=r.randint(7, span)), earliest=day)
                self.add("handleplan", plan_day, a)
            elif outcome == "late":
                late = self.later_workday(due + timedelta(days=self.late_days(25, 200)))
                self.add("handleplan", late, a)
            return
        if outcome == "on_time":
            earliest = self.bfu.start.day + _DAY if self.bfu else self.start
            plan_day = max(day - timedelta(days=r.randint(0, 21)), min(earliest, day))
            self.add("handleplan", self.workday(plan_day, earliest=min(earliest, day)), a)
        elif outcome == "late":
            late = self.later_workday(day + timedelta(days=self.late_days(20, 200)))
            self.add("handleplan", late, a)

    def acute_placement(self) -> tuple[_Ev, date, bool] | None:
        """A formandsafgørelse during the investigation, approved by the committee in 7 days,
        often followed by the committee's decision on placement without consent (§ 58 / § 47)."""
        r = self.rng
        assert self.bfu is not None
        lo, hi = self.bfu.start.day + _DAY, self.bfu.end_day - timedelta(days=2)
        if hi < lo:
            return None
        day = self.between(lo, hi)
        at: date | datetime = day
        if r.random() < 0.6:
            at = datetime.combine(day, self.clock("day"))
        fa = self.add("formandsafgoerelse", at)
        s = self.add("indsats_start", day, fa)

        outcome = self.step(self.c.committee_approval)
        if outcome == "on_time":
            approved = day + timedelta(days=r.choices(range(1, 7), weights=(1, 2, 3, 3, 3, 3))[0])
            self.add("buu_afgoerelse", approved, fa, art="godkendelse")
        elif outcome == "late":
            approved = day + timedelta(days=6 + self.late_days(5, 40))
            self.add("buu_afgoerelse", approved, fa, art="godkendelse")

        if r.random() < 0.7:
            decided = self.later_workday(day + timedelta(days=r.randint(14, 42)))
            # No `frist`: the committee's re-examination (BL § 50) is not modelled, so no date
            # is set that would create a duty the generated case never meets.
            d = self.add("buu_afgoerelse", decided, art="anbringelse")
            outcome = self.step(self.c.plan)
            kind = self.plan_type(decided)
            if outcome == "on_time":
                plan_day = max(day, decided - timedelta(days=r.randint(1, 14)))
                self.add(kind, self.workday(plan_day, earliest=day), d)
            elif outcome == "late":
                self.add(kind, decided + timedelta(days=self.late_days(20, 150)), d)
        return s, day, True

    # -- the measure: follow-ups until the case ends -------------------------------------------

    def fillers(self, after: date, before: date, s: _Ev, placed: bool) -> None:
        """Everyday events strictly between two follow-ups."""
        r = self.rng
        if (before - after).days < 3:
            return
        lo, hi = after + _DAY, before - _DAY
        if r.random() < 0.45:
            talk_day = self.between(lo, hi)
            talk: date | datetime = talk_day
            if r.random() < 0.4:
                talk = datetime.combine(talk_day, self.clock("office"))
            self.add("boernesamtale", talk, s if r.random() < 0.5 else None)
        if placed and r.random() < 0.55:
            self.add("tilsynsbesoeg", self.between(lo, hi), s)
        if r.random() < 0.12:
            day = self.workday(self.between(lo, hi), earliest=lo)
            if self.spaced(day):
                self.notification(day)

    def spaced(self, day: date) -> bool:
        """Whether no other underretning arrived within 30 days of ``day``."""
        return all(abs((e.day - day).days) > 30 for e in self.events if e.type == "underretning")

    def follow_ups(self, s: _Ev, start_day: date, placed: bool, target: int) -> None:
        r = self.rng
        first_due = _add_months(start_day, 3)
        due = first_due
        bfu = self.bfu
        if bfu and bfu.concluded and bfu.start.day <= start_day <= bfu.end_day:
            # BL § 95, stk. 2, nr. 1: a parallel investigation ends first -> due that day.
            due = min(first_due, bfu.end_day)
        outcome = self.step(self.c.follow_up)
        alive = outcome != "missing"
        if outcome == "on_time":
            if due < first_due:
                next_day = due - timedelta(days=r.randint(0, min(5, (due - start_day).days)))
            else:
                span = (due - start_day).days
                next_day = start_day + timedelta(days=r.randint(min(45, span), span))
                next_day = self.workday(next_day, earliest=start_day)
        else:
            # Late against the later of the two readings, so it is late under either.
            next_day = self.later_workday(first_due + timedelta(days=self.late_days(20, 150)))

        prev = start_day
        done = 0
        naeste: date | None = None
        eighteen = self.birthday(18)
        for _ in range(400):
            if not alive:
                next_day = prev + timedelta(days=r.randint(90, 180))
            if eighteen <= next_day:
                self.fillers(prev, min(next_day, eighteen), s, placed)
                self.turns_eighteen(s, prev, eighteen)
                return
            self.fillers(prev, next_day, s, placed)
            if alive:
                attrs: dict[str, Any] = {}
                if next_day >= _BL_START and r.random() < 0.7:
                    naeste = next_day + timedelta(days=r.randint(90, 180))
                    attrs["naeste"] = naeste.isoformat()
                else:
                    naeste = None
                self.add("opfoelgning", next_day, s, **attrs)
                done += 1
            prev = next_day
            if self.past(prev):
                return
            if done >= 2 and r.random() < 0.08:
                self.measure_ends(s, prev)
                return
            # Stop once the case is long enough, unless Serviceloven's 6-month cycle is running.
            if len(self.events) >= target and not (alive and prev < _BL_START):
                return
            if not alive:
                if r.random() < 0.15:  # a measure nobody follows up on ends sooner or later
                    self.measure_ends(s, prev)
                    return
                continue
            outcome = self.step(self.c.follow_up)
            if outcome == "missing":
                alive = False
                continue
            if prev < _BL_START:
                due = _add_months(prev, 6)  # SEL § 70, stk. 1, 2. pkt.: at most 6 months apart
                if outcome == "on_time":
                    span = (due - prev).days
                    next_day = self.workday(
                        prev + timedelta(days=r.randint(75, span)), earliest=prev + _DAY
                    )
                else:
                    next_day = self.later_workday(due + timedelta(days=self.late_days(25, 200)))
            else:
                # BL § 95, stk. 3: the next follow-up is the one decided; no fixed interval.
                planned = naeste or prev + timedelta(days=r.randint(90, 180))
                if outcome == "on_time":
                    next_day = max(prev + _DAY, planned - timedelta(days=r.randint(0, 10)))
                else:
                    next_day = planned + timedelta(days=self.late_days(20, 150))

    def measure_ends(self, s: _Ev, after: date) -> None:
        r = self.rng
        end = self.later_workday(after + timedelta(days=r.randint(14, 75)))
        self.add("indsats_ophoer", end, s)
        if r.random() < 0.6:
            self.add("sag_lukket", self.closing_day(end + timedelta(days=r.randint(1, 45))))

    def turns_eighteen(self, s: _Ev, after: date, eighteen: date) -> None:
        """The measure ends on the 18th birthday; sometimes support after 18 is decided."""
        r = self.rng
        aftercare = r.random() < 0.4
        if aftercare:
            decided = eighteen - timedelta(days=r.randint(7, 40))
            if decided > after:
                self.add("afgoerelse_ungestoette", decided)
        if eighteen > after:
            self.add("indsats_ophoer", eighteen, s)
        if not aftercare and r.random() < 0.5:
            self.add("sag_lukket", self.closing_day(eighteen + timedelta(days=r.randint(1, 60))))

    # -- the whole case ------------------------------------------------------------------------

    def run(self, target: int) -> None:
        r = self.rng
        self.draw_birth()
        first = self.notification(self.start)
        origin = first
        if r.random() < 0.18:  # a second notification before anything is decided
            self.notification(self.later_workday(self.start + timedelta(days=r.randint(1, 25))))
        if r.random() < 0.08:  # the parents ask for help themselves
            origin = self.add("henvendelse", self.start + timedelta(days=r.randint(1, 10)))

        if r.random() >= 0.85 or self.past(self.start):
            self.close(0.8)
            return
        self.investigation(origin)
        assert self.bfu is not None
        if first.attrs.get("fagperson") and r.random() < 0.5:
            told = self.bfu.start.day + timedelta(days=r.randint(1, 20))
            self.add("tilbagemelding", told, first)

        path = r.choices(("none", "regular", "acute"), weights=(0.25, 0.65, 0.10))[0]
        if self.birthday(18) <= self.bfu.end_day + timedelta(days=75):
            path = "none"  # of age before a measure could start: support after 18 is another law
        measure = None
        if path == "acute":
            measure = self.acute_placement()
        if path == "regular" or (path == "acute" and measure is None):
            measure = self.regular_decision(self.bfu.end_day)
        if measure is None:
            last = self.bfu.end_day
            while len(self.events) < target and r.random() < 0.45 and not self.past(last):
                last = self.later_workday(last + timedelta(days=r.randint(30, 200)))
                if self.spaced(last):
                    self.notification(last)
            # Not before the investigation's (would-be) end: closing earlier would end a duty
            # the compliance draw said was late or missing.
            self.close(0.7, after=self.bfu.end_day)
            return
        s, start_day, placed = measure
        self.follow_ups(s, start_day, placed, target)

    def close(self, p: float, *, after: date | None = None) -> None:
        """Close the case after everything in it (and after ``after``), with probability ``p``."""
        if self.rng.random() < p:
            last = max([e.day for e in self.events] + ([after] if after else []))
            self.add("sag_lukket", self.closing_day(last + timedelta(days=self.rng.randint(3, 45))))

    def closing_day(self, proposed: date) -> date:
        """``proposed``, or later: a case is closed after the last thing recorded in it."""
        last = max(e.day for e in self.events)
        return self.later_workday(max(proposed, last + _DAY))

    def finish(self, as_of: date | None) -> list[dict[str, Any]]:
        events = self.events
        if as_of is not None:
            events = [e for e in events if e.day <= as_of]
            # Drop what refers to an event that is not yet known (a plan made for a decision
            # after as_of), until every ref names a kept event.
            while True:
                ids = {e.id for e in events}
                kept = [e for e in events if e.ref is None or e.ref in ids]
                if len(kept) == len(events):
                    break
                events = kept
        by_id = {e.id: e for e in events}
        notifications = [e.day for e in events if e.type == "underretning"]
        for e in events:
            if e.ref is None or e.type not in _REF_OPTIONAL or e.attrs.get("kortfattet"):
                continue
            target = by_id[e.ref]
            if e.day < target.day:
                continue  # before what it answers: only its ref can tie it to it
            if e.type == "opfoelgning" and e.day < _BL_START:
                # It triggers SEL § 70's next review, which only follow-ups with the same ref
                # (or none) can meet: without a ref here, the next one's ref would not match.
                continue
            if target.type == "underretning" and (
                sum(abs((d - target.day).days) <= 30 for d in notifications) > 1
            ):
                continue
            if self.rng.random() < _DROP_REF:
                e.ref = None
        events = sorted(
            events,
            key=lambda e: (e.day, isinstance(e.at, datetime), _bounds(e.at)[0], e.seq),
        )
        out: list[dict[str, Any]] = []
        for e in events:
            item: dict[str, Any] = {"id": e.id, "type": e.type, "at": e.at.isoformat()}
            if e.ref is not None:
                item["ref"] = e.ref
            item.update(e.attrs)
            out.append(item)
        return out


# --- public API -----------------------------------------------------------------------------


def generate_case(
    rng: random.Random,
    *,
    case_id: str,
    start: date,
    compliance: Compliance = DEFAULT_COMPLIANCE,
    target_events: int = 30,
    as_of: date | None = None,
) -> dict[str, Any]:
    """One synthetic case as a JSON-like dict, valid input to :meth:`lovfrist.Case.from_dict`.

    ``start`` is the day the first underretning arrives. ``target_events`` is approximate: the
    intake, investigation, decision and plan are always generated, then follow-ups until the case
    has about that many events, the measure ends, or the child turns 18 — and, while Serviceloven's
    6-month review cycle is running (follow-ups up to 2023), until it has passed into 2024, so a
    case never stops with a review pending that full compliance would have made. Cases without a
    measure are shorter. With ``as_of``, no event is after that day (events referring to one that
    would be are left out too). Everything is drawn from ``rng``.
    """
    if not isinstance(rng, random.Random):
        raise TypeError(f"rng must be a random.Random, got {type(rng).__name__}")
    if isinstance(start, datetime) or not isinstance(start, date):
        raise TypeError(f"start must be a date, got {type(start).__name__}")
    if as_of is not None and (isinstance(as_of, datetime) or not isinstance(as_of, date)):
        raise TypeError(f"as_of must be a date or None, got {type(as_of).__name__}")
    if not isinstance(compliance, Compliance):
        raise TypeError(f"compliance must be a Compliance, got {type(compliance).__name__}")
    _check_target(target_events)
    builder = _Builder(rng, compliance, start, horizon=as_of)
    builder.run(target_events)
    return {
        "case_id": case_id,
        "child": {"birth_date": builder.birth.isoformat()},
        "events": builder.finish(as_of),
    }


def _check_target(target_events: int) -> None:
    if isinstance(target_events, bool) or not isinstance(target_events, int) or target_events < 1:
        raise ValueError(f"target_events must be a positive integer, got {target_events!r}")


def generate_caseload(
    n: int,
    *,
    seed: int = 0,
    start: date = date(2022, 1, 1),
    end: date = date(2025, 6, 30),
    compliance: Compliance = DEFAULT_COMPLIANCE,
    target_events: int = 30,
    meta: bool = True,
) -> Iterator[dict[str, Any]]:
    """Stream ``n`` cases, ``SYN-000001`` onwards, starting on days drawn uniformly from
    [``start``, ``end``] (by default straddling 1 January 2024, when Barnets lov took over).

    A generator: memory stays flat however large ``n`` is. Case *i* depends only on ``seed`` and
    *i*, not on ``meta``. With ``meta``, each case gets ``{"kommune", "team", "sagsbehandler"}``
    drawn from :data:`KOMMUNER`, :data:`TEAMS` and :data:`SAGSBEHANDLERE`. Arguments are checked
    at once; cases are made as they are consumed.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, datetime) or not isinstance(value, date):
            raise TypeError(f"{name} must be a date, got {type(value).__name__}")
    if end < start:
        raise ValueError(f"end ({end}) is before start ({start})")
    if not isinstance(compliance, Compliance):
        raise TypeError(f"compliance must be a Compliance, got {type(compliance).__name__}")
    _check_target(target_events)
    return _caseload(n, seed, start, end, compliance, target_events, meta)


def _caseload(
    n: int,
    seed: int,
    start: date,
    end: date,
    compliance: Compliance,
    target_events: int,
    meta: bool,
) -> Iterator[dict[str, Any]]:
    master = random.Random(seed)
    span = (end - start).days
    for i in range(1, n + 1):
        day = start + timedelta(days=master.randint(0, span))
        rng = random.Random(master.getrandbits(64))
        case_meta = {
            "kommune": master.choice(KOMMUNER),
            "team": master.choice(TEAMS),
            "sagsbehandler": master.choice(SAGSBEHANDLERE),
        }
        case = generate_case(
            rng,
            case_id=f"SYN-{i:06d}",
            start=day,
            compliance=compliance,
            target_events=target_events,
        )
        if meta:
            case["meta"] = case_meta
        yield case


# --- writers --------------------------------------------------------------------------------

#: Event attributes the generator emits, in CSV column order.
_ATTRIBUTES = (
    "fagperson",
    "anonym",
    "overgreb",
    "opmaerksom",
    "indsats",
    "foreloebig",
    "hjemmel",
    "plan",
    "art",
    "kortfattet",
    "naeste",
)
_META_KEYS = ("kommune", "team", "sagsbehandler")

#: The fixed header of :func:`write_csv`: the CSV event log of ``lovfrist.inputs``.
CSV_COLUMNS: tuple[str, ...] = (
    "case_id",
    "id",
    "type",
    "at",
    "ref",
    "birth_date",
    *_ATTRIBUTES,
    *(f"case_meta.{key}" for key in _META_KEYS),
)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def write_jsonl(cases: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write one case per line (UTF-8 JSON Lines); return the number of cases written.

    Streams: ``cases`` may be a generator of any length.
    """
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="\n") as out:
        for case in cases:
            out.write(json.dumps(case, ensure_ascii=False, default=_json_default))
            out.write("\n")
            count += 1
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value)
    raise ValueError(f"a CSV cell cannot hold {type(value).__name__} {value!r}")


def write_csv(cases: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write the cases as a CSV event log (one row per event, header :data:`CSV_COLUMNS`), the
    format ``lovfrist check`` and :func:`lovfrist.inputs.read_cases` read; return the number of
    cases written.

    The child's birth date and the case ``meta`` are repeated on every row of the case. A value
    the fixed header has no column for (another attribute, event ``meta``, another ``meta`` key),
    or a case without events (an event log has no row for it), raises ``ValueError`` rather than
    being lost.
    """
    event_columns = {"id", "type", "at", "ref", *_ATTRIBUTES}
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for case in cases:
            case_id = case.get("case_id")
            unknown = set(case) - {"case_id", "child", "events", "meta"}
            if unknown:
                raise ValueError(f"case {case_id!r}: no CSV column for {sorted(unknown)}")
            child = case.get("child") or {}
            if set(child) - {"birth_date"}:
                raise ValueError(f"case {case_id!r}: no CSV column for child {sorted(child)}")
            case_meta = case.get("meta") or {}
            if set(case_meta) - set(_META_KEYS):
                raise ValueError(
                    f"case {case_id!r}: no CSV column for meta {sorted(set(case_meta))}; "
                    f"expected keys among {list(_META_KEYS)}"
                )
            events = case.get("events") or []
            if not events:
                raise ValueError(f"case {case_id!r} has no events; an event log has no row for it")
            fixed = [_cell(child.get("birth_date"))]
            meta_cells = [_cell(case_meta.get(key)) for key in _META_KEYS]
            for event in events:
                extra = set(event) - event_columns
                if extra:
                    raise ValueError(
                        f"case {case_id!r}, event {event.get('id')!r}: no CSV column for "
                        f"{sorted(extra)}"
                    )
                writer.writerow(
                    [
                        _cell(case_id),
                        *(_cell(event.get(key)) for key in ("id", "type", "at", "ref")),
                        *fixed,
                        *(_cell(event.get(key)) for key in _ATTRIBUTES),
                        *meta_cells,
                    ]
                )
            count += 1
    return count
