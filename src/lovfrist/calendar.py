"""Danish deadline arithmetic: the one place where a duration becomes a due date.

Every rule computes its due date here, and every function returns the due date together with
the steps that produced it (:class:`Computation`), so that a finding can explain its arithmetic
in Danish and English. The conventions (``docs/counting.md``) are:

* **timer** — elapsed time: the trigger instant plus N hours, shown in Europe/Copenhagen, so a
  24-hour deadline across a daylight-saving change ends at 11:00 or 09:00 wall time.
* **dage** — the trigger date plus N calendar days, the trigger day not counted (VEJ nr. 9533 af
  26/06/2018). With ``first_day_counted`` the trigger day is day 1 and the due date is
  trigger + N − 1 (Ankestyrelsen on the 7-day approval of a formandsafgørelse).
* **hverdage** — the N-th hverdag strictly after the trigger date, by a :class:`CalendarProfile`.
* **uger** — the same weekday N weeks later.
* **måneder / år** — the same day of the month N months (years) later, clamped to the last day of
  the month where that day does not exist (forældelsesloven § 27, stk. 1, by analogy). Always
  computed from the anchor date in one step, never by repeated addition.
* **roll-forward** — only for deadlines a citizen must meet: a due date on a non-working day moves
  to the next hverdag (forældelsesloven § 27, stk. 2, by analogy). Authority deadlines never move.

No function here reads the wall clock. Hverdage are computed only for the years whose holiday data
has been verified (:data:`VERIFIED_YEARS`); outside them a :class:`~lovfrist.errors.CalendarError`
is raised rather than a guess.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from lovfrist.errors import CalendarError

__all__ = [
    "COPENHAGEN",
    "DEFAULT_PROFILE",
    "PROFILES",
    "STRICT_PROFILE",
    "VERIFIED_YEARS",
    "CalendarProfile",
    "Computation",
    "Step",
    "Unit",
    "add_period",
    "birthday",
    "due_date",
    "end_of_day",
    "explain_period",
    "fmt_date",
    "fmt_instant",
    "is_hverdag",
    "local_day",
    "local_wall_time",
    "non_working_reason",
    "roll_forward",
    "start_of_day",
]

#: The time zone of every deadline: hour deadlines are elapsed time in Europe/Copenhagen.
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

#: Years whose Danish holiday data the test suite checks against a table written from the law
#: (``tests/test_calendar_holidays.py``). Hverdage outside these years are refused.
VERIFIED_YEARS = range(2013, 2031)

# Store bededag was abolished as a helligdag from 2024 (L 13, 2022-23, 2. samling); the pinned
# `holidays` releases already stop listing it after 2023, and a test holds them to that.
_EXTRA_NON_WORKING = {
    (6, 5): ("Grundlovsdag", "Constitution Day"),
    (12, 24): ("Juleaftensdag", "Christmas Eve"),
    (12, 31): ("Nytårsaftensdag", "New Year's Eve"),
}


class Unit(StrEnum):
    """A unit of time as the statutes write it (ASCII spelling, as in rule files)."""

    TIMER = "timer"
    DAGE = "dage"
    HVERDAGE = "hverdage"
    UGER = "uger"
    MAANEDER = "maaneder"
    AAR = "aar"

    @property
    def da(self) -> str:
        return _UNIT_WORDS[self][0]

    @property
    def en(self) -> str:
        return _UNIT_WORDS[self][1]


_UNIT_WORDS: Mapping[Unit, tuple[str, str]] = {
    Unit.TIMER: ("timer", "hours"),
    Unit.DAGE: ("dage", "days"),
    Unit.HVERDAGE: ("hverdage", "working days"),
    Unit.UGER: ("uger", "weeks"),
    Unit.MAANEDER: ("måneder", "months"),
    Unit.AAR: ("år", "years"),
}


@dataclass(frozen=True, slots=True)
class CalendarProfile:
    """Which days are hverdage.

    ``default``: Monday–Friday except the public holidays of the `holidays` package for Denmark
    (Store bededag only up to 2023) and except 5 June, 24 December and 31 December — the days
    forældelsesloven § 27, stk. 2 treats as non-working. ``strict``: every day except Sundays and
    public holidays (older legal usage in which Saturday is a hverdag). Both are interpretation:
    no statute defines »hverdag«.
    """

    name: str
    saturday_is_hverdag: bool
    extra_non_working: bool
    description_da: str
    description_en: str


#: Hverdage are Monday-Friday except public holidays, 5 June, 24 and 31 December (the default).
DEFAULT_PROFILE = CalendarProfile(
    name="default",
    saturday_is_hverdag=False,
    extra_non_working=True,
    description_da="mandag-fredag undtagen helligdage, grundlovsdag, 24. og 31. december",
    description_en="Monday-Friday except public holidays, 5 June, 24 and 31 December",
)
#: Hverdage are Monday-Saturday except public holidays (older legal usage).
STRICT_PROFILE = CalendarProfile(
    name="strict",
    saturday_is_hverdag=True,
    extra_non_working=False,
    description_da="mandag-lørdag undtagen helligdage",
    description_en="Monday-Saturday except public holidays",
)
#: The profiles by name (``--profile``).
PROFILES: Mapping[str, CalendarProfile] = {p.name: p for p in (DEFAULT_PROFILE, STRICT_PROFILE)}


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a due-date computation, in Danish and English."""

    da: str
    en: str


@dataclass(frozen=True, slots=True)
class Computation:
    """A due date (a date, or an aware datetime for hour deadlines) and how it was computed."""

    due: date | datetime
    steps: tuple[Step, ...]


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


@lru_cache(maxsize=1 << 14)
def fmt_date(d: date, lang: str) -> str:
    """``10.03.2024`` in Danish, ``10 Mar 2024`` in English."""
    if lang == "da":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


@lru_cache(maxsize=1 << 14)
def fmt_instant(t: datetime, lang: str) -> str:
    """A moment as Copenhagen wall time with its UTC offset: ``10.03.2024 kl. 10:00 (+01:00)``.

    Cached: the result depends only on the instant (equal instants hash alike whatever their
    offset), and one event is named in many findings.
    """
    local = t.astimezone(COPENHAGEN)
    offset = local.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if lang == "da":
        return f"{fmt_date(local.date(), 'da')} kl. {clock} ({offset})"
    return f"{fmt_date(local.date(), 'en')} {clock} ({offset})"


def local_day(value: date | datetime) -> date:
    """The Copenhagen calendar day of a date (itself) or of an instant."""
    return value.astimezone(COPENHAGEN).date() if isinstance(value, datetime) else value


@lru_cache(maxsize=1 << 14)
def start_of_day(d: date) -> datetime:
    """The first instant of a Copenhagen calendar day (aware)."""
    return datetime.combine(d, time(0, 0), tzinfo=COPENHAGEN)


@lru_cache(maxsize=1 << 14)
def end_of_day(d: date) -> datetime:
    """The first instant of the next Copenhagen day: a day is the half-open ``[start, end)``."""
    return start_of_day(d + timedelta(days=1))


def local_wall_time(naive: datetime) -> datetime:
    """Read a naive datetime as Europe/Copenhagen wall-clock time; the result has a fixed offset.

    A time in the hour skipped when summer time starts does not exist and raises ``ValueError``;
    an ambiguous time in the hour repeated when it ends is taken as its first occurrence
    (summer time, ``fold=0``).
    """
    aware = naive.replace(tzinfo=COPENHAGEN, fold=0)
    roundtrip = aware.astimezone(UTC).astimezone(COPENHAGEN)
    if roundtrip.replace(tzinfo=None) != naive:
        raise ValueError(
            f"{naive.isoformat()} does not exist in Europe/Copenhagen "
            "(the clock skips that hour when summer time starts); give a UTC offset or a real time"
        )
    # A fixed offset: Python never finds two zone-aware datetimes in a repeated hour equal.
    return aware.astimezone(timezone(aware.utcoffset() or timedelta(0)))


# --- holidays -------------------------------------------------------------------------------


_HOLIDAY_TABLE = "dk_public_holidays.json"


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> Mapping[date, str]:
    if year not in VERIFIED_YEARS:
        raise CalendarError(
            f"hverdage in {year} cannot be computed: Danish holiday data is verified only for "
            f"{VERIFIED_YEARS.start}-{VERIFIED_YEARS.stop - 1}"
        )
    return _frozen_holidays()[year]


@lru_cache(maxsize=1)
def _frozen_holidays() -> dict[int, dict[date, str]]:
    """The holiday table frozen from the `holidays` package (``data/dk_public_holidays.json``).

    Evaluation reads this table rather than the package: importing the package loads every
    country it knows (about 0.2 s of a command-line run). The test suite holds the table equal
    to the package's data and to the table written from the law.
    """
    text = resources.files("lovfrist").joinpath("data", _HOLIDAY_TABLE).read_text("utf-8")
    years = json.loads(text)["years"]
    return {
        int(year): {date.fromisoformat(day): name for day, name in days.items()}
        for year, days in years.items()
    }


def holidays_from_package(year: int) -> dict[date, str]:
    """Denmark's public holidays in ``year`` from the `holidays` package (Danish names)."""
    from holidays.countries.denmark import Denmark

    return dict(Denmark(years=year, language="da"))  # type: ignore[no-untyped-call]


def freeze_holidays(path: str | None = None) -> str:
    """Write the frozen holiday table for :data:`VERIFIED_YEARS` from the `holidays` package.

    Run after upgrading the package, then review the diff and the calendar tests.
    """
    from importlib.metadata import version

    target = path or str(resources.files("lovfrist").joinpath("data", _HOLIDAY_TABLE))
    document = {
        "about": (
            "Danish public holidays (helligdage) for the verified years, as the python-holidays "
            "package gives them for Denmark in Danish. Frozen so that evaluation never imports "
            "the package (which loads every country); tests/test_calendar_holidays.py checks "
            "this table against the holidays package and against the table written from the "
            "law (COUNTING.md section 4). Regenerate with: python -c 'import lovfrist.calendar "
            "as c; c.freeze_holidays()'"
        ),
        "source": (
            f"holidays {version('holidays')}, holidays.countries.denmark.Denmark(language='da')"
        ),
        "years": {
            str(year): {
                d.isoformat(): name for d, name in sorted(holidays_from_package(year).items())
            }
            for year in VERIFIED_YEARS
        },
    }
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return target


def non_working_reason(d: date, profile: CalendarProfile = DEFAULT_PROFILE) -> str | None:
    """Why ``d`` is not a hverdag under ``profile`` (a Danish name), or None if it is one."""
    holiday = _public_holidays(d.year).get(d)
    if holiday is not None:
        return holiday
    weekday = d.weekday()
    if weekday == 6 or (weekday == 5 and not profile.saturday_is_hverdag):
        return _WEEKDAYS_DA[weekday]
    if profile.extra_non_working:
        extra = _EXTRA_NON_WORKING.get((d.month, d.day))
        if extra is not None:
            return extra[0]
    return None


def is_hverdag(d: date, profile: CalendarProfile = DEFAULT_PROFILE) -> bool:
    """Whether ``d`` is a hverdag under ``profile``."""
    return non_working_reason(d, profile) is None


def roll_forward(d: date) -> Computation:
    """Move a citizen's deadline off a non-working day (forældelsesloven § 27, stk. 2, by analogy).

    The days that move a deadline are weekends, public holidays, 5 June, 24 and 31 December —
    the default profile, whatever profile counted the hverdage.
    """
    day = d
    skipped: list[str] = []
    while (reason := non_working_reason(day, DEFAULT_PROFILE)) is not None:
        skipped.append(f"{fmt_date(day, 'da')} ({reason})")
        day += timedelta(days=1)
    if not skipped:
        return Computation(d, ())
    step = Step(
        da=f"{fmt_date(d, 'da')} er ikke en hverdag; fristen forlænges til næste hverdag "
        f"{fmt_date(day, 'da')} (sprunget over: {', '.join(skipped)})",
        en=f"{fmt_date(d, 'en')} is not a working day; the deadline moves to the next working day "
        f"{fmt_date(day, 'en')}",
    )
    return Computation(day, (step,))


# --- periods --------------------------------------------------------------------------------


def _clamp_note(anchor: date, due: date, lang: str) -> str:
    # relativedelta clamps to the month end; say so when it did.
    if due.day != anchor.day:
        if lang == "da":
            return f" (den {anchor.day}. findes ikke i måneden; sidste dag i måneden)"
        return f" (day {anchor.day} does not exist in that month; last day of the month)"
    return ""


def due_date(
    anchor: date | datetime,
    amount: int,
    unit: Unit,
    *,
    first_day_counted: bool = False,
    profile: CalendarProfile = DEFAULT_PROFILE,
) -> date | datetime:
    """The due date ``amount`` ``unit`` after ``anchor``: :func:`add_period` without the steps.

    The evaluator uses this and renders the steps only when an explanation is asked for.
    """
    if unit is Unit.TIMER:
        if not isinstance(anchor, datetime) or anchor.tzinfo is None:
            raise CalendarError("an hour deadline needs an aware datetime as its anchor")
        return (anchor.astimezone(UTC) + timedelta(hours=amount)).astimezone(COPENHAGEN)
    if first_day_counted and unit is not Unit.DAGE:
        raise CalendarError("first_day_counted applies to unit 'dage' only")
    if isinstance(anchor, datetime):
        aware = anchor if anchor.tzinfo is not None else local_wall_time(anchor)
        anchor = aware.astimezone(COPENHAGEN).date()
    return _due_day(anchor, amount, unit, first_day_counted, profile)


@lru_cache(maxsize=1 << 16)
def _due_day(
    start: date, amount: int, unit: Unit, first_day_counted: bool, profile: CalendarProfile
) -> date:
    # Cached: a caseload has far fewer distinct (date, period) pairs than obligations.
    if unit is Unit.DAGE:
        if first_day_counted:
            if amount <= 0:
                raise CalendarError("first_day_counted needs a positive number of days")
            return start + timedelta(days=amount - 1)
        return start + timedelta(days=amount)
    if unit is Unit.HVERDAGE:
        if amount < 1:
            raise CalendarError("hverdage are counted forwards: the amount must be at least 1")
        day = start
        counted = 0
        while counted < amount:
            day += timedelta(days=1)
            if non_working_reason(day, profile) is None:
                counted += 1
        return day
    if unit is Unit.UGER:
        return start + timedelta(weeks=amount)
    if unit is Unit.MAANEDER:
        return start + relativedelta(months=amount)
    if unit is Unit.AAR:
        return start + relativedelta(years=amount)
    raise CalendarError(f"unit {unit} needs a datetime anchor")


def explain_period(
    anchor: date | datetime,
    amount: int,
    unit: Unit,
    due: date | datetime,
    *,
    first_day_counted: bool = False,
    profile: CalendarProfile = DEFAULT_PROFILE,
    anchor_label: tuple[str, str] | None = None,
) -> tuple[Step, ...]:
    """The steps from ``anchor`` to ``due`` (from :func:`due_date`), in Danish and English."""
    label_da, label_en = anchor_label or ("", "")
    pre_da = f"{label_da} " if label_da else ""
    pre_en = f"{label_en} " if label_en else ""
    sign_da = "+" if amount >= 0 else "−"
    n = abs(amount)
    if unit is Unit.TIMER:
        assert isinstance(anchor, datetime)
        assert isinstance(due, datetime)
        return (
            Step(
                da=f"{pre_da}{fmt_instant(anchor, 'da')} {sign_da} {n} timer (forløbet tid) "
                f"= {fmt_instant(due, 'da')}",
                en=f"{pre_en}{fmt_instant(anchor, 'en')} {sign_da} {n} hours (elapsed time) "
                f"= {fmt_instant(due, 'en')}",
            ),
        )
    start = local_day(anchor)
    assert not isinstance(due, datetime)
    head_da = f"{pre_da}{fmt_date(start, 'da')} {sign_da} {n} {unit.da}"
    head_en = f"{pre_en}{fmt_date(start, 'en')} {sign_da} {n} {unit.en}"
    if unit is Unit.DAGE and first_day_counted:
        return (
            Step(
                da=f"{head_da}, første dag medregnet (dag 1 = {fmt_date(start, 'da')}) "
                f"= {fmt_date(due, 'da')}",
                en=f"{head_en}, first day counted (day 1 = {fmt_date(start, 'en')}) "
                f"= {fmt_date(due, 'en')}",
            ),
        )
    if unit is Unit.HVERDAGE:
        skipped = [
            f"{fmt_date(day, 'da')} {reason}"
            for i in range(1, (due - start).days + 1)
            if (reason := non_working_reason(day := start + timedelta(days=i), profile)) is not None
            and reason not in ("lørdag", "søndag")
        ]
        note_da = f" (ikke hverdage: {', '.join(skipped)})" if skipped else ""
        note_en = f" (non-working days skipped: {len(skipped)} besides weekends)" if skipped else ""
        return (
            Step(
                da=f"{head_da} (profil {profile.name}: {profile.description_da}) "
                f"= {fmt_date(due, 'da')}{note_da}",
                en=f"{head_en} (profile {profile.name}: {profile.description_en}) "
                f"= {fmt_date(due, 'en')}{note_en}",
            ),
        )
    if unit in (Unit.MAANEDER, Unit.AAR):
        return (
            Step(
                da=f"{head_da} = {fmt_date(due, 'da')}{_clamp_note(start, due, 'da')}",
                en=f"{head_en} = {fmt_date(due, 'en')}{_clamp_note(start, due, 'en')}",
            ),
        )
    return (Step(f"{head_da} = {fmt_date(due, 'da')}", f"{head_en} = {fmt_date(due, 'en')}"),)


def add_period(
    anchor: date | datetime,
    amount: int,
    unit: Unit,
    *,
    first_day_counted: bool = False,
    profile: CalendarProfile = DEFAULT_PROFILE,
    anchor_label: tuple[str, str] | None = None,
) -> Computation:
    """The due date ``amount`` ``unit`` after ``anchor`` (before it, if ``amount`` is negative).

    ``anchor`` is an aware datetime for :attr:`Unit.TIMER` and a date otherwise.
    ``anchor_label`` is a Danish and English description of the anchor (``underretning
    modtaget``) used to open the first explanation step.
    """
    due = due_date(anchor, amount, unit, first_day_counted=first_day_counted, profile=profile)
    steps = explain_period(
        anchor,
        amount,
        unit,
        due,
        first_day_counted=first_day_counted,
        profile=profile,
        anchor_label=anchor_label,
    )
    return Computation(due, steps)


def birthday(birth_date: date, age: int) -> Computation:
    """The day a person born on ``birth_date`` turns ``age`` (»fylder«).

    Born on 29 February: 28 February in a year without a leap day (as ``relativedelta`` does;
    neither Barnets lov nor Serviceloven has a rule on this, so it is interpretation).
    """
    day = birth_date + relativedelta(years=age)
    return Computation(
        day,
        (
            Step(
                da=f"født {fmt_date(birth_date, 'da')}; fylder {age} år {fmt_date(day, 'da')}",
                en=f"born {fmt_date(birth_date, 'en')}; turns {age} on {fmt_date(day, 'en')}",
            ),
        ),
    )
