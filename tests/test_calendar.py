"""Deadline arithmetic in lovfrist.calendar.

The worked examples are those of /work/shared/law/COUNTING.md (sections 3.4-3.7 and 5) and
docs/counting.md; the expected dates are written here as literals, not computed.
"""

from __future__ import annotations

import calendar as stdcal
import os
import time as systime
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from lovfrist.calendar import (
    COPENHAGEN,
    DEFAULT_PROFILE,
    STRICT_PROFILE,
    CalendarProfile,
    Computation,
    Unit,
    add_period,
    birthday,
    is_hverdag,
    local_wall_time,
    non_working_reason,
    roll_forward,
)
from lovfrist.errors import CalendarError

D = date.fromisoformat
CET = timedelta(hours=1)
CEST = timedelta(hours=2)
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def da(d: date) -> str:
    """Danish date as the steps write it: dd.mm.yyyy."""
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def en(d: date) -> str:
    """English date as the steps write it: 28 Feb 2025."""
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def due_date(comp: Computation) -> date:
    due = comp.due
    assert type(due) is date, f"expected a date, got {due!r}"
    return due


def due_instant(comp: Computation) -> datetime:
    due = comp.due
    assert isinstance(due, datetime), f"expected a datetime, got {due!r}"
    assert due.tzinfo is not None
    return due


def assert_explains(comp: Computation) -> None:
    """At least one step names the result date, in Danish and in English."""
    due = comp.due
    day = due.astimezone(COPENHAGEN).date() if isinstance(due, datetime) else due
    assert comp.steps, "a computation without steps"
    assert any(da(day) in s.da and en(day) in s.en for s in comp.steps), (
        f"no step mentions {da(day)} / {en(day)}: {comp.steps}"
    )


def hverdage_between(start: date, end: date, profile: CalendarProfile) -> int:
    """Hverdage in the half-open interval (start, end]."""
    n = (end - start).days
    return sum(is_hverdag(start + timedelta(days=i), profile) for i in range(1, n + 1))


# --- COUNTING.md 3.4: hverdage --------------------------------------------------------------

HVERDAGE_EXAMPLES = [
    # received, default profile, strict profile (COUNTING.md 3.4 and section 5)
    ("2024-12-20", "2025-01-06", "2024-12-30"),
    ("2025-04-16", "2025-04-29", "2025-04-26"),
    ("2023-12-20", "2024-01-02", "2023-12-29"),
    ("2023-04-26", "2023-05-04", "2023-05-03"),
]


@pytest.mark.parametrize(("received", "default", "strict"), HVERDAGE_EXAMPLES)
def test_six_hverdage_default_and_strict(received: str, default: str, strict: str) -> None:
    comp_default = add_period(D(received), 6, Unit.HVERDAGE, profile=DEFAULT_PROFILE)
    comp_strict = add_period(D(received), 6, Unit.HVERDAGE, profile=STRICT_PROFILE)
    assert due_date(comp_default) == D(default)
    assert due_date(comp_strict) == D(strict)
    assert_explains(comp_default)
    assert_explains(comp_strict)
    assert "profil default" in comp_default.steps[0].da
    assert "profile strict" in comp_strict.steps[0].en


def test_hverdage_default_argument_is_default_profile() -> None:
    assert due_date(add_period(D("2024-12-20"), 6, Unit.HVERDAGE)) == D("2025-01-06")


def test_hverdage_step_lists_skipped_holidays_not_weekends() -> None:
    comp = add_period(D("2024-12-20"), 6, Unit.HVERDAGE)
    step = comp.steps[0]
    for skipped in ("24.12.2024 Juleaftensdag", "25.12.2024 Juledag", "01.01.2025 Nytårsdag"):
        assert skipped in step.da
    assert "lørdag" not in step.da
    assert "5 besides weekends" in step.en  # 24, 25, 26, 31 Dec and 1 Jan


def test_hverdage_strict_counts_saturday_and_24_december() -> None:
    # Mon 2024-12-23 + 1 = Tue 24/12 (a hverdag in the strict profile, not in the default).
    assert due_date(add_period(D("2024-12-23"), 1, Unit.HVERDAGE, profile=STRICT_PROFILE)) == D(
        "2024-12-24"
    )
    assert due_date(add_period(D("2024-12-23"), 1, Unit.HVERDAGE)) == D("2024-12-27")
    # Fri 2025-04-25 + 1 = Sat 26/04 in the strict profile, Mon 28/04 in the default.
    assert due_date(add_period(D("2025-04-25"), 1, Unit.HVERDAGE, profile=STRICT_PROFILE)) == D(
        "2025-04-26"
    )
    assert due_date(add_period(D("2025-04-25"), 1, Unit.HVERDAGE)) == D("2025-04-28")


def test_hverdage_from_a_non_working_day() -> None:
    # Received on Påskedag 2025 (Sunday): the next hverdag after 2. påskedag is Tue 22/04.
    assert due_date(add_period(D("2025-04-20"), 1, Unit.HVERDAGE)) == D("2025-04-22")


def test_hverdage_backwards_refused() -> None:
    with pytest.raises(CalendarError):
        add_period(D("2025-04-16"), -6, Unit.HVERDAGE)


# --- COUNTING.md 3.5: month ends and 29 February --------------------------------------------

MONTH_EXAMPLES = [
    # anchor, amount, unit, due (COUNTING.md 3.5 and section 5)
    ("2024-10-31", 4, Unit.MAANEDER, "2025-02-28"),  # BFU
    ("2023-10-31", 4, Unit.MAANEDER, "2024-02-29"),  # BFU, leap year
    ("2022-10-31", 4, Unit.MAANEDER, "2023-02-28"),  # BFU
    ("2025-08-31", 4, Unit.MAANEDER, "2025-12-31"),  # BFU, nytårsaftensdag, not rolled
    ("2023-08-31", 4, Unit.MAANEDER, "2023-12-31"),  # BFU, Sunday, not rolled
    ("2023-11-15", 4, Unit.MAANEDER, "2024-03-15"),  # BFU across 1 January 2024
    ("2024-11-30", 3, Unit.MAANEDER, "2025-02-28"),  # barnets plan
    ("2025-01-31", 1, Unit.MAANEDER, "2025-02-28"),  # 1 måned / BL § 143, stk. 5
    ("2025-01-31", 3, Unit.MAANEDER, "2025-04-30"),  # første opfølgning
    ("2023-10-05", 3, Unit.MAANEDER, "2024-01-05"),  # SEL § 70 first assessment
    ("2024-01-05", 6, Unit.MAANEDER, "2024-07-05"),  # then + 6 måneder
    ("2025-05-31", -3, Unit.MAANEDER, "2025-02-28"),  # BL § 49, stk. 3: earliest decision
    ("2025-08-31", 6, Unit.MAANEDER, "2026-02-28"),  # hjemgivelsesperiode
    ("2024-02-29", 1, Unit.AAR, "2025-02-28"),  # genbehandling 1 år
    ("2020-02-29", 1, Unit.AAR, "2021-02-28"),
    ("2013-04-17", 1, Unit.AAR, "2014-04-17"),  # Ankestyrelsen's example
    ("2024-02-29", 4, Unit.AAR, "2028-02-29"),  # leap year to leap year
]


@pytest.mark.parametrize(("anchor", "amount", "unit", "due"), MONTH_EXAMPLES)
def test_month_and_year_examples(anchor: str, amount: int, unit: Unit, due: str) -> None:
    comp = add_period(D(anchor), amount, unit)
    assert due_date(comp) == D(due)
    assert_explains(comp)


def test_month_ends_are_not_rolled_forward() -> None:
    # Authority deadlines: add_period never moves a due date off a non-working day.
    assert due_date(add_period(D("2025-08-31"), 4, Unit.MAANEDER)) == D("2025-12-31")
    assert non_working_reason(D("2025-12-31")) == "Nytårsaftensdag"
    assert due_date(add_period(D("2023-08-31"), 4, Unit.MAANEDER)) == D("2023-12-31")
    assert non_working_reason(D("2023-12-31")) == "søndag"


def test_chained_and_anchored_months_differ() -> None:
    once = due_date(add_period(D("2025-01-31"), 1, Unit.MAANEDER))
    chained = due_date(add_period(once, 1, Unit.MAANEDER))
    anchored = due_date(add_period(D("2025-01-31"), 2, Unit.MAANEDER))
    assert once == D("2025-02-28")
    assert chained == D("2025-03-28")
    assert anchored == D("2025-03-31")


def test_clamping_is_explained_only_when_it_happens() -> None:
    clamped = add_period(D("2024-10-31"), 4, Unit.MAANEDER)
    assert "den 31. findes ikke i måneden; sidste dag i måneden" in clamped.steps[0].da
    assert "day 31 does not exist in that month; last day of the month" in clamped.steps[0].en
    plain = add_period(D("2023-11-15"), 4, Unit.MAANEDER)
    assert "sidste dag" not in plain.steps[0].da
    assert "last day" not in plain.steps[0].en


def test_negative_months_are_written_with_a_minus() -> None:
    comp = add_period(D("2025-05-31"), -3, Unit.MAANEDER)
    assert comp.steps[0].da.startswith("31.05.2025 − 3 måneder = 28.02.2025")
    assert comp.steps[0].en.startswith("31 May 2025 − 3 months = 28 Feb 2025")


def test_anchor_label_opens_the_step() -> None:
    comp = add_period(
        D("2024-10-31"), 4, Unit.MAANEDER, anchor_label=("bekymring kendt", "concern known")
    )
    assert comp.steps[0].da.startswith("bekymring kendt 31.10.2024 + 4 måneder = 28.02.2025")
    assert comp.steps[0].en.startswith("concern known 31 Oct 2024 + 4 months = 28 Feb 2025")


# --- COUNTING.md 3.6: daylight saving time --------------------------------------------------


@pytest.mark.parametrize(
    ("received", "received_offset", "due_wall", "due_offset"),
    [
        # DST starts 2025-03-30: 24 h elapsed ends at 11:00 CEST.
        (datetime(2025, 3, 29, 10, 0), CET, datetime(2025, 3, 30, 11, 0), CEST),
        # DST ends 2025-10-26: 24 h elapsed ends at 09:00 CET.
        (datetime(2025, 10, 25, 10, 0), CEST, datetime(2025, 10, 26, 9, 0), CET),
        # No change: same wall time next day (section 5, BL § 136, stk. 2).
        (datetime(2025, 3, 14, 16, 40), CET, datetime(2025, 3, 15, 16, 40), CET),
    ],
)
def test_24_timer_elapsed_time(
    received: datetime, received_offset: timedelta, due_wall: datetime, due_offset: timedelta
) -> None:
    start = local_wall_time(received)
    assert start.utcoffset() == received_offset
    comp = add_period(start, 24, Unit.TIMER)
    due = due_instant(comp)
    assert due.replace(tzinfo=None) == due_wall
    assert due.utcoffset() == due_offset
    assert due.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=24)
    assert_explains(comp)
    hh = int(due_offset.total_seconds()) // 3600
    assert f"kl. {due_wall:%H:%M} (+0{hh}:00)" in comp.steps[0].da
    assert "(forløbet tid)" in comp.steps[0].da
    assert "(elapsed time)" in comp.steps[0].en


def test_timer_from_a_utc_anchor_is_shown_in_copenhagen() -> None:
    start = datetime(2025, 3, 29, 9, 0, tzinfo=UTC)  # 10:00 CET
    due = due_instant(add_period(start, 24, Unit.TIMER))
    assert due.replace(tzinfo=None) == datetime(2025, 3, 30, 11, 0)
    assert due.utcoffset() == CEST


def test_timer_needs_an_aware_datetime() -> None:
    with pytest.raises(CalendarError):
        add_period(datetime(2025, 3, 29, 10, 0), 24, Unit.TIMER)
    with pytest.raises(CalendarError):
        add_period(D("2025-03-29"), 24, Unit.TIMER)


def test_timer_backwards() -> None:
    start = local_wall_time(datetime(2025, 3, 30, 11, 0))
    due = due_instant(add_period(start, -24, Unit.TIMER))
    assert due.replace(tzinfo=None) == datetime(2025, 3, 29, 10, 0)
    assert due.utcoffset() == CET


# --- local_wall_time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "naive",
    [datetime(2024, 3, 31, 2, 30), datetime(2024, 3, 31, 2, 0), datetime(2025, 3, 30, 2, 59)],
)
def test_local_wall_time_spring_gap_raises(naive: datetime) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        local_wall_time(naive)


def test_local_wall_time_around_the_gap() -> None:
    before = local_wall_time(datetime(2024, 3, 31, 1, 59))
    after = local_wall_time(datetime(2024, 3, 31, 3, 0))
    assert before.utcoffset() == CET
    assert after.utcoffset() == CEST
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(minutes=1)


def test_local_wall_time_ambiguous_is_first_occurrence() -> None:
    aware = local_wall_time(datetime(2024, 10, 27, 2, 30))
    assert aware.utcoffset() == CEST
    assert aware.astimezone(UTC) == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert aware.replace(tzinfo=None) == datetime(2024, 10, 27, 2, 30)


def test_local_wall_time_ordinary() -> None:
    winter = local_wall_time(datetime(2025, 1, 15, 12, 0))
    assert winter.utcoffset() == CET
    assert winter.astimezone(UTC) == datetime(2025, 1, 15, 11, 0, tzinfo=UTC)
    summer = local_wall_time(datetime(2025, 7, 15, 12, 0))
    assert summer.utcoffset() == CEST
    assert summer.astimezone(UTC) == datetime(2025, 7, 15, 10, 0, tzinfo=UTC)


# --- COUNTING.md 3.7: birthdays -------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "eighteenth", "due", "naive_17y6m"),
    [
        ("2007-08-31", "2025-08-31", "2025-02-28", "2025-02-28"),
        ("2008-02-29", "2026-02-28", "2025-08-28", "2025-08-29"),
        ("2006-05-31", "2024-05-31", "2023-11-30", "2023-11-30"),
    ],
)
def test_eighteenth_birthday_minus_six_months(
    born: str, eighteenth: str, due: str, naive_17y6m: str
) -> None:
    bday = birthday(D(born), 18)
    assert due_date(bday) == D(eighteenth)
    assert_explains(bday)
    assert bday.steps[0].da == f"født {da(D(born))}; fylder 18 år {da(D(eighteenth))}"
    comp = add_period(due_date(bday), -6, Unit.MAANEDER)
    assert due_date(comp) == D(due)
    assert_explains(comp)
    # COUNTING.md 3.7: »birth + 17 years 6 months« would give this date instead.
    assert D(born) + relativedelta(years=17, months=6) == D(naive_17y6m)


def test_sixteenth_birthday_plus_three_months() -> None:
    # BL § 108, stk. 3 (COUNTING.md section 5): born 2009-05-10.
    bday = due_date(birthday(D("2009-05-10"), 16))
    assert bday == D("2025-05-10")
    assert due_date(add_period(bday, 3, Unit.MAANEDER)) == D("2025-08-10")


def test_birthday_of_a_leap_day_child_in_a_leap_year() -> None:
    assert due_date(birthday(D("2008-02-29"), 16)) == D("2024-02-29")
    assert due_date(birthday(D("2008-02-29"), 17)) == D("2025-02-28")


# --- dage and uger ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "due"),
    [
        ("2025-12-19", "2025-12-25"),  # BL § 143, stk. 4: Juledag, not rolled
        ("2023-12-22", "2023-12-28"),  # SEL § 75, stk. 3
    ],
)
def test_seven_days_first_day_counted(anchor: str, due: str) -> None:
    comp = add_period(D(anchor), 7, Unit.DAGE, first_day_counted=True)
    assert due_date(comp) == D(due)
    assert_explains(comp)
    assert f"dag 1 = {da(D(anchor))}" in comp.steps[0].da
    assert f"day 1 = {en(D(anchor))}" in comp.steps[0].en


def test_days_with_and_without_first_day() -> None:
    assert due_date(add_period(D("2025-12-19"), 7, Unit.DAGE)) == D("2025-12-26")
    assert due_date(add_period(D("2025-12-19"), 7, Unit.DAGE, first_day_counted=True)) == D(
        "2025-12-25"
    )
    assert due_date(add_period(D("2025-12-19"), 1, Unit.DAGE, first_day_counted=True)) == D(
        "2025-12-19"
    )
    assert due_date(add_period(D("2024-02-28"), 2, Unit.DAGE)) == D("2024-03-01")
    assert due_date(add_period(D("2025-03-01"), -1, Unit.DAGE)) == D("2025-02-28")


@pytest.mark.parametrize("amount", [0, -3])
def test_first_day_counted_needs_positive_days(amount: int) -> None:
    with pytest.raises(CalendarError):
        add_period(D("2025-12-19"), amount, Unit.DAGE, first_day_counted=True)


def test_date_unit_with_an_aware_datetime_anchor_uses_the_copenhagen_date() -> None:
    # 23:30 UTC on 14 March is 00:30 on 15 March in Copenhagen.
    anchor = datetime(2025, 3, 14, 23, 30, tzinfo=UTC)
    comp = add_period(anchor, 1, Unit.DAGE)
    assert due_date(comp) == D("2025-03-16")
    assert comp.steps[0].da.startswith("15.03.2025 + 1 dage")


def test_eight_weeks() -> None:
    comp = add_period(D("2025-03-03"), 8, Unit.UGER)  # BL § 104, stk. 5
    assert due_date(comp) == D("2025-04-28")
    assert due_date(comp).weekday() == 0
    assert_explains(comp)


@pytest.mark.parametrize(
    ("received", "plain", "rolled"),
    [
        # RSL § 67, stk. 1: 4 uger lands on Grundlovsdag; the citizen's frist moves.
        ("2025-05-08", "2025-06-05", "2025-06-06"),
        ("2024-05-08", "2024-06-05", "2024-06-06"),
    ],
)
def test_klagefrist_four_weeks_rolled_forward(received: str, plain: str, rolled: str) -> None:
    comp = add_period(D(received), 4, Unit.UGER)
    assert due_date(comp) == D(plain)
    moved = roll_forward(due_date(comp))
    assert due_date(moved) == D(rolled)
    assert_explains(moved)
    assert f"{da(D(plain))} (Grundlovsdag)" in moved.steps[0].da


# --- roll_forward -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day", ["2025-06-06", "2025-05-01", "2025-05-30", "2024-04-26", "2025-12-30"]
)
def test_roll_forward_of_a_hverdag_is_unchanged(day: str) -> None:
    comp = roll_forward(D(day))
    assert comp.due == D(day)
    assert comp.steps == ()


@pytest.mark.parametrize(
    ("day", "rolled"),
    [
        ("2025-04-26", "2025-04-28"),  # Saturday (a hverdag in the strict profile)
        ("2025-04-17", "2025-04-22"),  # Skærtorsdag .. 2. påskedag
        ("2024-12-24", "2024-12-27"),  # 24, 25, 26 December
        ("2025-12-31", "2026-01-02"),  # 31 December, 1 January
        ("2023-05-05", "2023-05-08"),  # Store bededag (Friday) + weekend
        ("2025-06-05", "2025-06-06"),  # Grundlovsdag
    ],
)
def test_roll_forward_moves_to_the_next_default_hverdag(day: str, rolled: str) -> None:
    comp = roll_forward(D(day))
    assert due_date(comp) == D(rolled)
    assert is_hverdag(D(rolled), DEFAULT_PROFILE)
    assert len(comp.steps) == 1
    assert_explains(comp)
    assert comp.steps[0].da.startswith(f"{da(D(day))} er ikke en hverdag")


# --- every computation explains its result ----------------------------------------------------


@pytest.mark.parametrize(
    "comp",
    [
        add_period(D("2025-01-01"), 10, Unit.DAGE),
        add_period(D("2025-12-19"), 7, Unit.DAGE, first_day_counted=True),
        add_period(D("2024-12-20"), 6, Unit.HVERDAGE),
        add_period(D("2024-12-20"), 6, Unit.HVERDAGE, profile=STRICT_PROFILE),
        add_period(D("2025-03-03"), 8, Unit.UGER),
        add_period(D("2024-10-31"), 4, Unit.MAANEDER),
        add_period(D("2025-05-31"), -3, Unit.MAANEDER),
        add_period(D("2024-02-29"), 1, Unit.AAR),
        add_period(datetime(2025, 10, 25, 10, 0, tzinfo=COPENHAGEN), 24, Unit.TIMER),
        add_period(datetime(2025, 12, 31, 22, 0, tzinfo=COPENHAGEN), 3, Unit.TIMER),
        birthday(D("2008-02-29"), 18),
        roll_forward(D("2025-06-05")),
    ],
    ids=lambda c: repr(c.due),
)
def test_every_computation_mentions_its_result(comp: Computation) -> None:
    assert_explains(comp)


def test_timer_step_across_new_year_mentions_the_local_date() -> None:
    comp = add_period(datetime(2025, 12, 31, 22, 0, tzinfo=COPENHAGEN), 3, Unit.TIMER)
    assert "01.01.2026 kl. 01:00 (+01:00)" in comp.steps[0].da
    assert "1 Jan 2026 01:00 (+01:00)" in comp.steps[0].en


# --- property-based invariants ---------------------------------------------------------------

PROFILES = st.sampled_from([DEFAULT_PROFILE, STRICT_PROFILE])


@settings(deadline=None, max_examples=300)
@given(
    d=st.dates(min_value=date(2013, 1, 1), max_value=date(2029, 12, 31)),
    n=st.integers(min_value=1, max_value=20),
    profile=PROFILES,
)
def test_hverdage_property(d: date, n: int, profile: CalendarProfile) -> None:
    due = due_date(add_period(d, n, Unit.HVERDAGE, profile=profile))
    assert due > d
    assert is_hverdag(due, profile)
    assert non_working_reason(due, profile) is None
    assert hverdage_between(d, due, profile) == n
    # Every hverdag is at most 9 calendar days after the previous one (e.g. Christmas, Easter).
    assert (due - d).days <= 9 * n


@settings(deadline=None)
@given(
    d=st.dates(min_value=date(2013, 1, 1), max_value=date(2030, 12, 31)),
    n=st.integers(min_value=-24, max_value=24),
)
def test_month_property(d: date, n: int) -> None:
    due = due_date(add_period(d, n, Unit.MAANEDER))
    assert due == d + relativedelta(months=n)
    year, month0 = divmod(d.year * 12 + d.month - 1 + n, 12)
    assert (due.year, due.month) == (year, month0 + 1)
    last = stdcal.monthrange(due.year, due.month)[1]
    assert due.day == min(d.day, last)
    assert 0 <= d.day - due.day <= 3


@settings(deadline=None)
@given(
    d=st.dates(min_value=date(2013, 1, 1), max_value=date(2030, 12, 31)),
    n=st.integers(min_value=-10, max_value=10),
)
def test_year_property(d: date, n: int) -> None:
    due = due_date(add_period(d, n, Unit.AAR))
    assert due == due_date(add_period(d, 12 * n, Unit.MAANEDER))
    assert due.year == d.year + n
    assert due.month == d.month
    assert due.day == d.day or (d.month, d.day, due.day) == (2, 29, 28)


@settings(deadline=None)
@given(
    d=st.dates(min_value=date(2013, 1, 1), max_value=date(2030, 12, 31)),
    n=st.integers(min_value=-400, max_value=400),
)
def test_days_and_weeks_property(d: date, n: int) -> None:
    assert (due_date(add_period(d, n, Unit.DAGE)) - d).days == n
    weeks = due_date(add_period(d, n, Unit.UGER))
    assert (weeks - d).days == 7 * n
    assert weeks.weekday() == d.weekday()
    if n >= 1:
        counted = due_date(add_period(d, n, Unit.DAGE, first_day_counted=True))
        assert (counted - d).days == n - 1


@settings(deadline=None, max_examples=300)
@given(
    naive=st.datetimes(min_value=datetime(2013, 1, 1), max_value=datetime(2030, 12, 31, 23, 59)),
    n=st.integers(min_value=-10_000, max_value=10_000),
)
def test_hours_property(naive: datetime, n: int) -> None:
    try:
        start = local_wall_time(naive)
    except ValueError:
        reject()
    due = due_instant(add_period(start, n, Unit.TIMER))
    assert due.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=n)
    assert due.utcoffset() in (CET, CEST)
    assert due.tzinfo is COPENHAGEN


@settings(deadline=None)
@given(
    naive=st.datetimes(min_value=datetime(2013, 1, 1), max_value=datetime(2030, 12, 31, 23, 59)),
)
def test_local_wall_time_property(naive: datetime) -> None:
    try:
        aware = local_wall_time(naive)
    except ValueError:
        # Only the skipped spring hour (last Sunday of March, 02:00-02:59) may be refused.
        assert (naive.month, naive.weekday(), naive.hour) == (3, 6, 2)
        assert naive.day >= 25
        return
    assert aware.replace(tzinfo=None) == naive
    assert aware.astimezone(COPENHAGEN).replace(tzinfo=None) == naive
    assert aware.utcoffset() in (CET, CEST)
    if naive.month == 10 and naive.weekday() == 6 and naive.day >= 25 and naive.hour == 2:
        assert aware.utcoffset() == CEST  # the repeated hour: first occurrence


@settings(deadline=None)
@given(d=st.dates(min_value=date(2013, 1, 1), max_value=date(2030, 12, 20)))
def test_roll_forward_property(d: date) -> None:
    comp = roll_forward(d)
    due = due_date(comp)
    assert due >= d
    assert is_hverdag(due, DEFAULT_PROFILE)
    # Every day skipped was non-working, and nothing is rolled that need not be.
    assert all(not is_hverdag(d + timedelta(days=i)) for i in range((due - d).days))
    assert (comp.steps == ()) == (due == d)


# --- surprising behaviour -----------------------------------------------------------------------


@contextmanager
def _host_timezone(name: str) -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    systime.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        systime.tzset()


@pytest.mark.skipif(not hasattr(systime, "tzset"), reason="needs time.tzset (POSIX)")
def test_naive_datetime_anchor_does_not_depend_on_host_timezone() -> None:
    anchor = datetime(2025, 3, 14, 20, 30)
    with _host_timezone("America/New_York"):
        try:
            result = add_period(anchor, 1, Unit.DAGE).due
        except CalendarError:
            return
    assert result == D("2025-03-15")
