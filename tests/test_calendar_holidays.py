"""Every Danish non-working day 2013-2030, checked against a table written from the law.

The table below is literal data. It is NOT computed by the code under test: neither ``lovfrist``,
the ``holidays`` package nor ``dateutil.easter`` is used to build it. The movable feasts are
transcribed from /work/shared/law/COUNTING.md, section 4 ("Danish public holidays 2013-2030"),
column by column; the transcription is then cross-checked against Easter computed here by the
Meeus/Jones/Butcher Gregorian algorithm and against the fixed offsets of the church year.

Sources (COUNTING.md sections 1 and 4):

* helligdage: Nytårsdag 1/1, Skærtorsdag, Langfredag, Påskedag, 2. påskedag, Store bededag,
  Kristi himmelfartsdag, Pinsedag, 2. pinsedag, Juledag 25/12, Anden juledag 26/12;
* Store bededag is a helligdag up to and including 2023 and abolished from 1 January 2024
  (L 13, 2022-23, 2. samling);
* forældelsesloven § 27, stk. 2 (by analogy, the default profile): a frist that ends »i en
  weekend, på en helligdag, grundlovsdag, den 24. eller den 31. december« moves, so 5/6, 24/12
  and 31/12 are non-working in the default profile; 1 May is a hverdag in both profiles;
* strict profile (older usage): every day except Sundays and helligdage is a hverdag, so
  Saturdays, 5/6, 24/12 and 31/12 are hverdage.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from lovfrist.calendar import (
    DEFAULT_PROFILE,
    STRICT_PROFILE,
    VERIFIED_YEARS,
    CalendarProfile,
    _public_holidays,
    add_period,
    holidays_from_package,
    is_hverdag,
    non_working_reason,
    roll_forward,
)
from lovfrist.calendar import Unit as U
from lovfrist.errors import CalendarError

YEARS = list(range(2013, 2031))

# Column order of the COUNTING.md section 4 table. The names are the Danish names lovfrist
# reports (2. påskedag = "Anden påskedag", 2. pinsedag = "Anden pinsedag").
MOVABLE_NAMES = (
    "Skærtorsdag",
    "Langfredag",
    "Påskedag",
    "Anden påskedag",
    "Store bededag",
    "Kristi himmelfartsdag",
    "Pinsedag",
    "Anden pinsedag",
)

# Transcribed from COUNTING.md section 4 (dd/mm). None = Store bededag abolished (from 2024,
# L 13, 2022-23, 2. samling).
# fmt: off
MOVABLE_FEASTS: dict[int, tuple[str | None, ...]] = {
    #      Skærtors Langfre  Påskedag 2.påske  St.bede  Himmelf  Pinsedag 2.pinse
    2013: ("28/03", "29/03", "31/03", "01/04", "26/04", "09/05", "19/05", "20/05"),
    2014: ("17/04", "18/04", "20/04", "21/04", "16/05", "29/05", "08/06", "09/06"),
    2015: ("02/04", "03/04", "05/04", "06/04", "01/05", "14/05", "24/05", "25/05"),
    2016: ("24/03", "25/03", "27/03", "28/03", "22/04", "05/05", "15/05", "16/05"),
    2017: ("13/04", "14/04", "16/04", "17/04", "12/05", "25/05", "04/06", "05/06"),
    2018: ("29/03", "30/03", "01/04", "02/04", "27/04", "10/05", "20/05", "21/05"),
    2019: ("18/04", "19/04", "21/04", "22/04", "17/05", "30/05", "09/06", "10/06"),
    2020: ("09/04", "10/04", "12/04", "13/04", "08/05", "21/05", "31/05", "01/06"),
    2021: ("01/04", "02/04", "04/04", "05/04", "30/04", "13/05", "23/05", "24/05"),
    2022: ("14/04", "15/04", "17/04", "18/04", "13/05", "26/05", "05/06", "06/06"),
    2023: ("06/04", "07/04", "09/04", "10/04", "05/05", "18/05", "28/05", "29/05"),
    2024: ("28/03", "29/03", "31/03", "01/04", None,    "09/05", "19/05", "20/05"),
    2025: ("17/04", "18/04", "20/04", "21/04", None,    "29/05", "08/06", "09/06"),
    2026: ("02/04", "03/04", "05/04", "06/04", None,    "14/05", "24/05", "25/05"),
    2027: ("25/03", "26/03", "28/03", "29/03", None,    "06/05", "16/05", "17/05"),
    2028: ("13/04", "14/04", "16/04", "17/04", None,    "25/05", "04/06", "05/06"),
    2029: ("29/03", "30/03", "01/04", "02/04", None,    "10/05", "20/05", "21/05"),
    2030: ("18/04", "19/04", "21/04", "22/04", None,    "30/05", "09/06", "10/06"),
}
# fmt: on

# Helligdage on fixed dates (every year).
FIXED_HOLIDAYS = (("01/01", "Nytårsdag"), ("25/12", "Juledag"), ("26/12", "Anden juledag"))

# Not helligdage, but non-working for frister under forældelsesloven § 27, stk. 2 (default
# profile only).
FIXED_EXTRA_DEFAULT = (
    ("05/06", "Grundlovsdag"),
    ("24/12", "Juleaftensdag"),
    ("31/12", "Nytårsaftensdag"),
)

WEEKDAY_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def _dm(year: int, ddmm: str) -> date:
    day, month = ddmm.split("/")
    return date(year, int(month), int(day))


def public_holidays(year: int) -> dict[date, str]:
    """Helligdage of ``year`` from the literal table: date -> Danish name."""
    result: dict[date, str] = {}
    for name, ddmm in zip(MOVABLE_NAMES, MOVABLE_FEASTS[year], strict=True):
        if ddmm is not None:
            result[_dm(year, ddmm)] = name
    for ddmm, name in FIXED_HOLIDAYS:
        result[_dm(year, ddmm)] = name
    return result


def extra_default(year: int) -> dict[date, str]:
    return {_dm(year, ddmm): name for ddmm, name in FIXED_EXTRA_DEFAULT}


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


def expected_reason(d: date, profile: CalendarProfile) -> str | None:
    """Why ``d`` is not a hverdag, by the table.

    A helligdag is named even on a Sunday (Påskedag, Pinsedag); otherwise a weekend day is named
    by its weekday; otherwise 5/6, 24/12 and 31/12 are named in the default profile.
    """
    holiday = public_holidays(d.year).get(d)
    if holiday is not None:
        return holiday
    wd = d.weekday()
    if wd == 6 or (wd == 5 and profile is DEFAULT_PROFILE):
        return WEEKDAY_DA[wd]
    if profile is DEFAULT_PROFILE:
        return extra_default(d.year).get(d)
    return None


# --- the table itself ---------------------------------------------------------------------


def _gregorian_easter(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def test_table_covers_exactly_the_verified_years() -> None:
    assert sorted(MOVABLE_FEASTS) == YEARS
    assert list(VERIFIED_YEARS) == YEARS


@pytest.mark.parametrize("year", YEARS)
def test_table_transcription_is_consistent_with_easter(year: int) -> None:
    feasts = dict(zip(MOVABLE_NAMES, MOVABLE_FEASTS[year], strict=True))
    easter = _dm(year, feasts["Påskedag"] or "")
    assert easter == _gregorian_easter(year)
    assert easter.weekday() == 6
    offsets = {
        "Skærtorsdag": -3,
        "Langfredag": -2,
        "Påskedag": 0,
        "Anden påskedag": 1,
        "Store bededag": 26,
        "Kristi himmelfartsdag": 39,
        "Pinsedag": 49,
        "Anden pinsedag": 50,
    }
    for name, offset in offsets.items():
        ddmm = feasts[name]
        if name == "Store bededag" and year >= 2024:
            assert ddmm is None, f"Store bededag is abolished from 2024, not in {year}"
            continue
        assert ddmm is not None
        assert _dm(year, ddmm) == easter + timedelta(days=offset), f"{name} {year}"


# --- is_hverdag over every day ------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_default_profile_every_day(year: int) -> None:
    non_working = set(public_holidays(year)) | set(extra_default(year))
    wrong = [
        (d.isoformat(), got)
        for d in days_of(year)
        if (got := is_hverdag(d, DEFAULT_PROFILE)) != (d.weekday() < 5 and d not in non_working)
    ]
    assert wrong == [], f"{year}: is_hverdag(default) wrong on {wrong}"


@pytest.mark.parametrize("year", YEARS)
def test_strict_profile_every_day(year: int) -> None:
    holidays = set(public_holidays(year))
    wrong = [
        (d.isoformat(), got)
        for d in days_of(year)
        if (got := is_hverdag(d, STRICT_PROFILE)) != (d.weekday() != 6 and d not in holidays)
    ]
    assert wrong == [], f"{year}: is_hverdag(strict) wrong on {wrong}"


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("profile", [DEFAULT_PROFILE, STRICT_PROFILE], ids=lambda p: p.name)
def test_non_working_reason_every_day(year: int, profile: CalendarProfile) -> None:
    wrong = [
        (d.isoformat(), got, want)
        for d in days_of(year)
        if (got := non_working_reason(d, profile)) != (want := expected_reason(d, profile))
    ]
    assert wrong == [], f"{year} ({profile.name}): (date, got, expected) {wrong}"


@pytest.mark.parametrize("year", YEARS)
def test_the_number_of_hverdage_per_year(year: int) -> None:
    # A coarse second check: the count of hverdage follows from the table alone.
    days = days_of(year)
    holidays = set(public_holidays(year))
    extra = set(extra_default(year))
    default_count = sum(1 for d in days if d.weekday() < 5 and d not in holidays | extra)
    strict_count = sum(1 for d in days if d.weekday() != 6 and d not in holidays)
    assert sum(is_hverdag(d, DEFAULT_PROFILE) for d in days) == default_count
    assert sum(is_hverdag(d, STRICT_PROFILE) for d in days) == strict_count


# --- particular days ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2023, 5, 5), "Store bededag"),  # last Store bededag (Friday)
        (date(2013, 4, 26), "Store bededag"),
        (date(2024, 4, 26), None),  # the Friday that would have been Store bededag
        (date(2025, 5, 16), None),
        (date(2025, 4, 17), "Skærtorsdag"),
        (date(2025, 4, 18), "Langfredag"),
        (date(2025, 4, 20), "Påskedag"),  # a Sunday: the holiday is named, not »søndag«
        (date(2025, 4, 21), "Anden påskedag"),
        (date(2025, 5, 29), "Kristi himmelfartsdag"),
        (date(2025, 5, 30), None),  # Friday after Kristi himmelfartsdag is a hverdag
        (date(2025, 6, 8), "Pinsedag"),
        (date(2025, 6, 9), "Anden pinsedag"),
        (date(2025, 1, 1), "Nytårsdag"),
        (date(2025, 12, 25), "Juledag"),
        (date(2025, 12, 26), "Anden juledag"),
        (date(2025, 6, 5), "Grundlovsdag"),
        (date(2025, 12, 24), "Juleaftensdag"),
        (date(2025, 12, 31), "Nytårsaftensdag"),
        (date(2025, 5, 1), None),  # 1 May (Thursday) is a hverdag
        (date(2017, 6, 5), "Anden pinsedag"),  # Grundlovsdag and 2. pinsedag coincide
        (date(2021, 6, 5), "lørdag"),  # Grundlovsdag on a Saturday
        (date(2025, 4, 26), "lørdag"),
        (date(2025, 4, 27), "søndag"),
    ],
)
def test_non_working_reason_named_days_default(day: date, reason: str | None) -> None:
    assert non_working_reason(day, DEFAULT_PROFILE) == reason
    assert non_working_reason(day) == reason  # the default argument is the default profile


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2025, 6, 5), None),
        (date(2025, 12, 24), None),
        (date(2025, 12, 31), None),
        (date(2025, 4, 26), None),  # Saturday
        (date(2025, 5, 1), None),
        (date(2025, 4, 27), "søndag"),
        (date(2023, 5, 5), "Store bededag"),
        (date(2024, 4, 26), None),
        (date(2025, 12, 25), "Juledag"),
    ],
)
def test_non_working_reason_named_days_strict(day: date, reason: str | None) -> None:
    assert non_working_reason(day, STRICT_PROFILE) == reason


# --- outside the verified years -----------------------------------------------------------


@pytest.mark.parametrize("day", [date(2012, 12, 31), date(2012, 6, 1), date(2031, 1, 1)])
@pytest.mark.parametrize("profile", [DEFAULT_PROFILE, STRICT_PROFILE], ids=lambda p: p.name)
def test_unverified_year_raises(day: date, profile: CalendarProfile) -> None:
    with pytest.raises(CalendarError, match=str(day.year)):
        is_hverdag(day, profile)
    with pytest.raises(CalendarError, match=str(day.year)):
        non_working_reason(day, profile)


def test_verified_year_edges_do_not_raise() -> None:
    assert non_working_reason(date(2013, 1, 1)) == "Nytårsdag"
    assert non_working_reason(date(2030, 12, 31)) == "Nytårsaftensdag"


def test_hverdage_running_past_2030_raise() -> None:
    # 2030-12-20 is a Friday; the 10th hverdag after it is in January 2031.
    with pytest.raises(CalendarError, match="2031"):
        add_period(date(2030, 12, 20), 10, U.HVERDAGE)


def test_roll_forward_past_2030_raises() -> None:
    # 31/12/2030 is non-working in the default profile; the next day is in 2031.
    with pytest.raises(CalendarError, match="2031"):
        roll_forward(date(2030, 12, 31))


def test_hverdage_before_2013_raise() -> None:
    with pytest.raises(CalendarError, match="2012"):
        add_period(date(2012, 12, 20), 3, U.HVERDAGE)


@pytest.mark.parametrize("year", YEARS)
def test_frozen_table_is_the_holidays_package(year: int) -> None:
    """Evaluation reads a frozen copy of the package's data: it must not drift from it."""
    assert dict(_public_holidays(year)) == holidays_from_package(year)


def test_evaluation_does_not_import_the_holidays_package() -> None:
    code = (
        "import sys, datetime, lovfrist;"
        "from lovfrist.calendar import due_date, Unit;"
        "due_date(datetime.date(2024, 3, 27), 6, Unit.HVERDAGE);"
        "print('holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
