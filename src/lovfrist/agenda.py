"""The agenda: the deadlines a caseworker or team must act on next, and the overdue ones.

:func:`agenda` picks, from the reports of a caseload, the obligations that are still ``open``
and fall due within the next ``days`` days, and (by default) those already ``overdue``: the
duties the municipality has not yet fulfilled. Each becomes an :class:`AgendaItem` carrying
what a team leader needs to act: the case, the rule and its citation, the due date and how
many days are left (negative: overdue by), the trigger, the rule's title and the Danish
explanation of how the due date was computed. Items can be grouped by values of the case's
``meta`` (``sagsbehandler``, ``team``).

Three outputs: :func:`render_agenda` (plain text in Danish), :func:`agenda_records` (flat
records for JSON or CSV) and :func:`to_ics` (an iCalendar file to subscribe to in Outlook;
needs the ``ics`` extra). ``docs/agenda.md`` describes their use.

Open obligations with no due date — ``no_fixed_time`` (»snarest«), a due date that cannot be
computed for missing data, or an hour deadline whose trigger has a date but no time — are left
out unless ``include_undated=True``: they have no day to be placed on. With it, they are listed
after the dated items of their group, with ``due = None``; :func:`to_ics` skips them. Overdue
obligations are always dated: one without ``due`` (an hour deadline from a date-only trigger)
is placed on the day its ``days_overdue`` gives.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from lovfrist.batch import CaseResult
from lovfrist.calendar import COPENHAGEN, fmt_date, fmt_instant, local_day
from lovfrist.errors import InputError
from lovfrist.report import EventRef, Finding, Report, Status, iso
from lovfrist.ruleset import RuleSet, bundled_rules

if TYPE_CHECKING:
    import icalendar

__all__ = [
    "AgendaItem",
    "agenda",
    "agenda_records",
    "render_agenda",
    "to_ics",
]

#: Length of a timed calendar event for an hour deadline: it starts at the deadline.
TIMED_EVENT_LENGTH = timedelta(minutes=30)

_INSTALL_ICS = "pip install 'lovfrist[ics]'"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One unfulfilled obligation on the agenda.

    ``status`` is ``open`` (not yet due) or ``overdue`` (due and not fulfilled as of the
    evaluation date). ``due`` is a date, or an aware datetime for an hour deadline (24 timer);
    ``None`` only for an open obligation with no fixed due date (``include_undated``).
    ``days_left`` counts calendar days from ``as_of`` to the due day (Copenhagen time): 0 is
    today, negative is overdue by that many days (an hour deadline missed today is overdue with
    0). ``occurrence`` numbers the obligations one trigger creates under one rule (the windows
    of a count rule such as two supervision visits a year): 1 for the first. ``group`` holds
    the case ``meta`` values named by ``by``, as ``(key, value)`` pairs in that order; a value
    that is missing is ``None``, one that is not a string is written as JSON.
    """

    case_id: str
    rule: str
    citation: str
    status: Status
    due: date | datetime | None
    days_left: int | None
    trigger: EventRef
    title_da: str
    title_en: str
    explanation_da: str
    as_of: date
    occurrence: int = 1
    group: tuple[tuple[str, str | None], ...] = ()

    @property
    def is_overdue(self) -> bool:
        return self.status is Status.OVERDUE

    @property
    def due_day(self) -> date | None:
        """The Copenhagen calendar day of the due date.

        For an overdue hour deadline whose trigger has a date but no time (``due`` is ``None``:
        the deadline ran out at some time that day) it is the day given by ``days_left``.
        """
        if self.due is not None:
            return local_day(self.due)
        return None if self.days_left is None else self.as_of + timedelta(days=self.days_left)

    def group_value(self, key: str) -> str | None:
        """The ``meta`` value of ``key`` this item was grouped by."""
        for name, value in self.group:
            if name == key:
                return value
        raise KeyError(f"the agenda was not grouped by {key!r}")

    def uid(self) -> str:
        """A stable identifier: the same obligation gets the same uid on every run.

        It depends only on the case, the rule, the trigger event and the occurrence, not on
        the due date or status, so a calendar subscribed to :func:`to_ics` updates the event
        when its due date moves or it becomes overdue, instead of adding a second one.
        """
        key = "\x1f".join((self.case_id, self.rule, self.trigger.event, str(self.occurrence)))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@lovfrist"

    def sort_key(self) -> tuple[Any, ...]:
        """Group, then due day (undated last; an hour deadline before a day deadline of the
        same day), then case id, rule, trigger and occurrence."""
        group = tuple((value is None, value or "") for _, value in self.group)
        day = self.due_day
        if day is None:
            when: tuple[Any, ...] = (1, date.max, 1, time.min)
        elif isinstance(self.due, datetime):
            when = (0, day, 0, self.due.astimezone(COPENHAGEN).time())
        else:
            when = (0, day, 1, time.min)
        return (group, *when, self.case_id, self.rule, self.trigger.event, self.occurrence)


def agenda(
    items: Iterable[Report | CaseResult],
    *,
    as_of: date | datetime,
    days: int = 30,
    include_overdue: bool = True,
    include_undated: bool = False,
    by: Sequence[str] = (),
    rules: RuleSet | None = None,
) -> list[AgendaItem]:
    """The unfulfilled obligations of a caseload that fall due within ``days`` days.

    ``items`` are reports, or the results of :func:`~lovfrist.evaluate_many` (failed cases are
    skipped: they have no findings). They must have been evaluated as of the same day as
    ``as_of``, since a finding's status is only meaningful then. An ``open`` finding is picked
    when its due day is in ``[as_of, as_of + days]``, both ends included; an ``overdue`` one
    when ``include_overdue``; an open one with no due date when ``include_undated``.

    ``by`` names case ``meta`` keys to group by (``("team", "sagsbehandler")``). ``rules``
    supplies the rule titles (default: the bundled rules; a rule not in it is titled by its id).
    The items are sorted by :meth:`AgendaItem.sort_key`. The reports are read one at a time and
    not kept: a caseload streamed from :func:`~lovfrist.evaluate_many` needs memory only for
    the items picked.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise InputError(f"days must be a non-negative integer, got {days!r}")
    if isinstance(by, str):
        raise InputError(f"by must be a sequence of meta keys, not the string {by!r}")
    ruleset = rules if rules is not None else bundled_rules()
    day = local_day(as_of)
    try:
        last = day + timedelta(days=days)
    except OverflowError:
        last = date.max
    keys = tuple(by)
    picked: list[AgendaItem] = []
    for item in items:
        report = item.report if isinstance(item, CaseResult) else item
        if report is None:
            continue
        if local_day(report.as_of) != day:
            raise InputError(
                f"case {report.case_id!r} was evaluated as of {local_day(report.as_of)}, "
                f"not as of the agenda's date {day}"
            )
        picked.extend(_items(report, day, last, include_overdue, include_undated, keys, ruleset))
    picked.sort(key=AgendaItem.sort_key)
    return picked


def _items(
    report: Report,
    day: date,
    last: date,
    include_overdue: bool,
    include_undated: bool,
    keys: tuple[str, ...],
    ruleset: RuleSet,
) -> Iterator[AgendaItem]:
    meta = report.case_meta or {}
    group = tuple((key, _meta_value(meta, key)) for key in keys)
    seen: dict[tuple[str, str], int] = {}
    for finding in report.findings:
        # Numbered over all findings, fulfilled or not, so that the number does not change
        # when an earlier window is fulfilled.
        slot = (finding.rule, finding.trigger.event)
        seen[slot] = occurrence = seen.get(slot, 0) + 1
        if not _picked(finding, day, last, include_overdue, include_undated):
            continue
        title_da, title_en = _titles(finding.rule, ruleset)
        yield AgendaItem(
            case_id=report.case_id,
            rule=finding.rule,
            citation=finding.citation,
            status=finding.status,
            due=finding.due,
            days_left=_days_left(finding, day),
            trigger=finding.trigger,
            title_da=title_da,
            title_en=title_en,
            explanation_da=finding.explanation_da,
            as_of=day,
            occurrence=occurrence,
            group=group,
        )


def _picked(
    finding: Finding, day: date, last: date, include_overdue: bool, include_undated: bool
) -> bool:
    if finding.obligor == "borger":
        return False  # the citizen's deadline (klagefrist) is not a task on anyone's agenda
    if finding.status is Status.OVERDUE:
        return include_overdue
    if finding.status is not Status.OPEN:
        return False
    if finding.due is None:
        return include_undated
    return day <= local_day(finding.due) <= last


def _days_left(finding: Finding, day: date) -> int | None:
    if finding.due is not None:
        return (local_day(finding.due) - day).days
    if finding.days_overdue is not None:
        return -finding.days_overdue
    return None


def _titles(rule_id: str, ruleset: RuleSet) -> tuple[str, str]:
    if rule_id in ruleset:
        title = ruleset[rule_id].title
        return title.da, title.en
    return rule_id, rule_id


def _meta_value(meta: Mapping[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# --- plain text ---------------------------------------------------------------------------


def render_agenda(
    items: Sequence[AgendaItem],
    *,
    as_of: date | datetime,
    by: Sequence[str] | None = None,
) -> str:
    """The agenda as plain text for a team leader, in Danish.

    One section per group (the ``meta`` values of ``by``; default: the keys the items were
    grouped by), and in each the overdue obligations first, marked ``!!``, then the coming
    ones by due date, then those with no fixed due date. Each line: due date, days left or
    overdue, case, title and citation. The items are expected in :func:`agenda`'s order.
    """
    day = local_day(as_of)
    if by is None:
        keys: tuple[str, ...] = tuple(k for k, _ in items[0].group) if items else ()
    else:
        keys = tuple(by)
    overdue = sum(1 for i in items if i.is_overdue)
    lines = [f"Fristoversigt pr. {fmt_date(day, 'da')}", ""]
    if not items:
        lines.append("Ingen åbne eller overskredne frister.")
        return "\n".join(lines) + "\n"
    lines.append(
        f"{len(items)} {'frist' if len(items) == 1 else 'frister'}: "
        f"{overdue} overskredet, {len(items) - overdue} kommende"
    )
    sections: dict[tuple[str | None, ...], list[AgendaItem]] = {}
    for item in items:
        values = tuple(item.group_value(k) for k in keys)
        sections.setdefault(values, []).append(item)
    for values, section in sections.items():
        lines.append("")
        if keys:
            heading = " · ".join(
                f"{k}: {v if v is not None else '(ikke angivet)'}"
                for k, v in zip(keys, values, strict=True)
            )
            lines.extend([heading, "=" * len(heading)])
        parts = (
            ("OVERSKREDET", [i for i in section if i.is_overdue]),
            ("Kommende", [i for i in section if not i.is_overdue and i.due_day is not None]),
            ("Uden fast frist", [i for i in section if not i.is_overdue and i.due_day is None]),
        )
        for label, chunk in parts:
            if chunk:
                lines.append(f"  {label} ({len(chunk)})")
                lines.extend(_line(i) for i in chunk)
    return "\n".join(lines) + "\n"


def _line(item: AgendaItem) -> str:
    mark = "!!" if item.is_overdue else "  "
    return (
        f"  {mark} {_when(item):<16} {_left(item.days_left, item.is_overdue):<25} "
        f"sag {item.case_id}  {item.title_da} ({item.citation})"
    )


def _when(item: AgendaItem) -> str:
    if isinstance(item.due, datetime):
        local = item.due.astimezone(COPENHAGEN)
        return f"{fmt_date(local.date(), 'da')} {local.hour:02d}:{local.minute:02d}"
    day = item.due_day
    return "snarest" if day is None else fmt_date(day, "da")


def _left(days_left: int | None, overdue: bool) -> str:
    if days_left is None:
        return ""
    if overdue:
        n = -days_left
        return "overskredet i dag" if n == 0 else f"overskredet med {n} {_dage(n)}"
    if days_left == 0:
        return "frist i dag"
    if days_left == 1:
        return "frist i morgen"
    return f"frist om {days_left} {_dage(days_left)}"


def _dage(n: int) -> str:
    return "dag" if n == 1 else "dage"


# --- records ------------------------------------------------------------------------------


def agenda_records(items: Iterable[AgendaItem]) -> list[dict[str, Any]]:
    """Flat JSON-ready records, one per item, with the same keys for every item of an agenda.

    Keys: ``case_id, rule, citation, status, status_da, due`` (ISO 8601, a datetime with its
    Copenhagen offset; ``null`` for no fixed due date), ``days_left, title_da, title_en,
    trigger_event, trigger_type, trigger_at, occurrence, as_of, uid, explanation_da``, then
    ``meta.<key>`` for each key grouped by. Suitable for ``csv.DictWriter`` as they are.
    """
    return [
        {
            "case_id": i.case_id,
            "rule": i.rule,
            "citation": i.citation,
            "status": i.status.value,
            "status_da": i.status.da,
            "due": iso(i.due),
            "days_left": i.days_left,
            "title_da": i.title_da,
            "title_en": i.title_en,
            "trigger_event": i.trigger.event,
            "trigger_type": i.trigger.type,
            "trigger_at": iso(i.trigger.at),
            "occurrence": i.occurrence,
            "as_of": i.as_of.isoformat(),
            "uid": i.uid(),
            "explanation_da": i.explanation_da,
            **{f"meta.{key}": value for key, value in i.group},
        }
        for i in items
    ]


# --- iCalendar ----------------------------------------------------------------------------


def to_ics(
    items: Iterable[AgendaItem],
    *,
    calendar_name: str = "lovfrist: frister",
) -> bytes:
    """The items as an iCalendar file (RFC 5545) to import into or subscribe to from Outlook.

    One ``VEVENT`` per item with a due day (:attr:`AgendaItem.due_day`; undated items are
    skipped): an all-day event on the due day for a day deadline (and for an overdue hour
    deadline whose trigger had no time), a :data:`TIMED_EVENT_LENGTH` event starting at the
    deadline (in UTC, which every calendar shows in local time) for an hour deadline. The
    summary reads
    ``Frist: <title> (sag <case_id>)``, prefixed ``OVERSKREDET –`` for an overdue item; the
    description gives the citation, the trigger, the group values and the Danish explanation;
    ``CATEGORIES`` is the Danish status. ``UID`` is :meth:`AgendaItem.uid` and ``DTSTAMP`` the
    start of the ``as_of`` day (UTC): the same items give the same bytes, whatever the clock.
    Needs the ``ics`` extra (``icalendar``).
    """
    try:
        import icalendar
    except ImportError as exc:
        raise ImportError(
            f"to_ics needs the icalendar package: {_INSTALL_ICS}", name="icalendar"
        ) from exc
    from lovfrist import __version__

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//lovfrist//lovfrist {__version__}//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", calendar_name)
    cal.add("x-wr-calname", calendar_name)
    cal.add("x-wr-timezone", "Europe/Copenhagen")
    for item in items:
        day = item.due_day
        if day is not None:
            cal.add_component(_vevent(icalendar.Event(), item, day))
    out: bytes = cal.to_ical()
    return out


def _vevent(event: icalendar.Event, item: AgendaItem, day: date) -> icalendar.Event:
    event.add("uid", item.uid())
    event.add("dtstamp", datetime.combine(item.as_of, time(0, 0), tzinfo=UTC))
    if isinstance(item.due, datetime):
        start = item.due.astimezone(UTC)
        event.add("dtstart", start)
        event.add("dtend", start + TIMED_EVENT_LENGTH)
    else:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    prefix = "OVERSKREDET – " if item.is_overdue else ""
    event.add("summary", f"{prefix}Frist: {item.title_da} (sag {item.case_id})")
    event.add("description", _description(item, day))
    event.add("categories", [item.status.da])
    event.add("transp", "TRANSPARENT")
    return event


def _description(item: AgendaItem, day: date) -> str:
    """Citation, due date, status, trigger and group; then the explanation, which begins with
    the rule's title and citation and shows how the due date was computed."""
    due = item.due
    when = fmt_instant(due, "da") if isinstance(due, datetime) else fmt_date(day, "da")
    trigger_at = (
        fmt_instant(item.trigger.at, "da")
        if isinstance(item.trigger.at, datetime)
        else fmt_date(item.trigger.at, "da")
    )
    lines = [
        f"Hjemmel: {item.citation} (regel {item.rule})",
        f"Frist: {when}",
        f"Status pr. {fmt_date(item.as_of, 'da')}: {_status_text(item)}",
        f"Udløst af: {item.trigger.type} {item.trigger.event} ({trigger_at})",
        *(f"{k}: {v}" for k, v in item.group if v is not None),
        "",
        item.explanation_da,
    ]
    return "\n".join(lines)


def _status_text(item: AgendaItem) -> str:
    """``overskredet med 3 dage``; ``åben, frist om 9 dage``."""
    left = _left(item.days_left, item.is_overdue)
    return left if item.is_overdue else f"{item.status.da}, {left}"
