"""The evaluator: from a case timeline and an explicit as-of date to cited findings.

For each rule, every event that triggers it while the rule is in force creates one obligation.
Its due date comes from :mod:`lovfrist.calendar`; the event that fulfils it is found by ``ref``,
else first in, first out; its status follows ``spec/report.md``. Obligations a repealed rule left
pending are handed to the successor rule the rule file names (Barnets lov § 213 for Serviceloven).
Events after the as-of date are not known. Nothing here reads the wall clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from dateutil.relativedelta import relativedelta

from lovfrist.calendar import (
    COPENHAGEN,
    DEFAULT_PROFILE,
    PROFILES,
    CalendarProfile,
    Step,
    Unit,
    birthday,
    due_date,
    end_of_day,
    explain_period,
    fmt_date,
    fmt_instant,
    local_day,
    local_wall_time,
    roll_forward,
    start_of_day,
)
from lovfrist.case import Case
from lovfrist.errors import CalendarError, InputError
from lovfrist.events import EventBase
from lovfrist.municipal import MunicipalDeadlines
from lovfrist.report import EventRef, Finding, LateRegistration, Report, Status, Transition
from lovfrist.rule import Citation, Match, Rule, Trigger
from lovfrist.ruleset import RuleSet, bundled_rules

__all__ = ["evaluate"]

_TICK = timedelta(microseconds=1)


@dataclass(slots=True)
class _Ev:
    """An event as the evaluator sees it: its place in time and the bounds of its instant."""

    index: int
    event: EventBase
    key: str
    day: date
    instant: datetime | None
    lo: datetime
    hi: datetime
    order: int = 0

    @property
    def type(self) -> str:
        return self.event.type

    def ref(self, matched_by: str | None = None) -> EventRef:
        return EventRef(self.key, self.event.type, self.event.at, matched_by)

    def label(self, lang: str) -> str:
        return self.event.label[0 if lang == "da" else 1]

    def when(self, lang: str) -> str:
        if self.instant is not None:
            return fmt_instant(self.instant, lang)
        return fmt_date(self.day, lang)


class _Timeline:
    """The events known as of the evaluation date, in time order, indexed once."""

    def __init__(
        self,
        case: Case,
        as_of: date | datetime,
        known_at: date | datetime | None = None,
        municipal: MunicipalDeadlines | None = None,
    ) -> None:
        self.municipal = municipal
        if isinstance(as_of, datetime):
            self.as_of_day = as_of.astimezone(COPENHAGEN).date()
            self.as_of_end = as_of + _TICK
        else:
            self.as_of_day = as_of
            self.as_of_end = end_of_day(as_of)
        registered_before = _end(known_at) if known_at is not None else None
        #: Events left out because they were registered after ``known_at`` (late registration).
        self.unregistered: list[EventBase] = []
        known: list[_Ev] = []
        for index, event in enumerate(case.events):
            if (
                registered_before is not None
                and event.registered_at is not None
                and event.registered_at >= registered_before
            ):
                self.unregistered.append(event)
                continue
            at = event.at
            if isinstance(at, datetime):
                local = at.astimezone(COPENHAGEN)
                ev = _Ev(index, event, event.id or f"#{index}", local.date(), at, at, at)
            else:
                ev = _Ev(
                    index,
                    event,
                    event.id or f"#{index}",
                    at,
                    None,
                    start_of_day(at),
                    end_of_day(at) - _TICK,
                )
            if ev.lo < self.as_of_end:
                known.append(ev)
        # Ties at the same moment are broken by id, so the result does not depend on the order
        # of the input; only events without an id fall back to their input position.
        known.sort(
            key=lambda e: (
                e.day,
                e.instant is not None,
                e.lo,
                e.event.id is None,
                e.event.id or "",
                e.index,
            )
        )
        self.by_type: dict[str, list[_Ev]] = {}
        self.by_id: dict[str, _Ev] = {}
        for order, ev in enumerate(known):
            ev.order = order
            self.by_type.setdefault(ev.type, []).append(ev)
            if ev.event.id is not None:
                self.by_id[ev.event.id] = ev
        self.birth_date = case.child.birth_date
        self.termin = case.child.termin


def _end(moment: date | datetime) -> datetime:
    """The first instant after ``moment``: a date means the whole of that day."""
    return moment + _TICK if isinstance(moment, datetime) else end_of_day(moment)


@dataclass(slots=True)
class _Obligation:
    rule: Rule
    trigger: _Ev
    spec: Trigger
    clock: date | datetime | None = None
    clock_source: str | None = None
    clock_ev: _Ev | None = None
    due: date | datetime | None = None
    due_lo: datetime | None = None  # bounds of an hour deadline whose trigger has no time
    due_hi: datetime | None = None
    # Steps of the computation; callables are rendered only when an explanation is asked for.
    steps: list[Step | Callable[[], tuple[Step, ...]]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    fulfilled: _Ev | None = None
    matched_by: str | None = None
    transition: Transition | None = None
    # The event that ended the obligation and why; computed in _match, again after a hand-over.
    ended: tuple[_Ev, str, str] | None = None
    # Fulfilled by a reusable event (one that may serve several obligations).
    by_reusable: bool = False
    # count deadlines: the window's number (from 1) and the events counted in it.
    window: int = 0
    counted: list[_Ev] = field(default_factory=list)

    @property
    def due_day(self) -> date | None:
        if isinstance(self.due, datetime):
            return self.due.astimezone(COPENHAGEN).date()
        if self.due is not None:
            return self.due
        if self.due_hi is not None:
            return self.due_hi.astimezone(COPENHAGEN).date()
        return None


def evaluate(
    case: Case | Mapping[str, Any],
    as_of: date | datetime,
    *,
    rules: RuleSet | None = None,
    profile: str | CalendarProfile = DEFAULT_PROFILE,
    allow_cpr: bool = False,
    known_at: date | datetime | None = None,
    municipal_deadlines: MunicipalDeadlines | None = None,
) -> Report:
    """Evaluate every rule against ``case`` as of ``as_of`` and return the findings.

    ``as_of`` is a date (everything that happened up to the end of that day is known) or a
    datetime (up to that instant; naive means Copenhagen wall time). ``profile`` chooses the
    hverdag calendar (``default`` or ``strict``). A case given as a dict is validated first
    (``allow_cpr`` as in :meth:`Case.from_dict`). The input is never modified.

    ``known_at`` evaluates the case as the journal showed it then: events whose
    ``registered_at`` is after it are left out (events without ``registered_at`` count as
    registered when they happened). A finding whose status would differ with those events is
    marked with :class:`LateRegistration`: the duty may have been done in time and only
    registered late.

    ``municipal_deadlines`` are the municipality's own published case-processing deadlines
    (RSL § 3, stk. 2; :mod:`lovfrist.municipal`). Without them, a rule that needs one reports
    its finding ``undetermined``, naming what is missing.
    """
    if not isinstance(case, Case):
        case = Case.from_dict(case, allow_cpr=allow_cpr)
    as_of = _moment(as_of, "as_of")
    if known_at is not None:
        known_at = _moment(known_at, "known_at")
    if isinstance(profile, str):
        if profile not in PROFILES:
            raise InputError(
                f"unknown calendar profile {profile!r}; expected one of {sorted(PROFILES)}"
            )
        profile = PROFILES[profile]
    ruleset = rules if rules is not None else bundled_rules()
    if municipal_deadlines is not None and not isinstance(municipal_deadlines, MunicipalDeadlines):
        raise InputError(
            "municipal_deadlines must be a MunicipalDeadlines (lovfrist.load_municipal_deadlines), "
            f"got {type(municipal_deadlines).__name__}"
        )
    timeline = _Timeline(case, as_of, known_at, municipal_deadlines)
    findings = _findings(ruleset, timeline, profile)
    if timeline.unregistered:
        everything = _findings(ruleset, _Timeline(case, as_of, None, municipal_deadlines), profile)
        findings = _mark_late_registration(findings, everything, timeline.unregistered)
    return Report(
        case_id=case.case_id,
        as_of=as_of,
        findings=tuple(findings),
        profile=profile.name,
        case_meta=case.meta,
        known_at=known_at,
    )


def _moment(value: date | datetime, name: str) -> date | datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            try:
                return local_wall_time(value)
            except ValueError as exc:
                raise InputError(f"{name}: {exc}") from None
        return value
    if not isinstance(value, date):
        raise InputError(f"{name} must be a date or datetime, got {type(value).__name__}")
    return value


def _findings(ruleset: RuleSet, timeline: _Timeline, profile: CalendarProfile) -> list[Finding]:
    """Every obligation of every rule on the timeline, as findings sorted for the report."""
    findings: list[Finding] = []
    present = timeline.by_type.keys()
    for compiled in _groups(ruleset):
        if compiled.types.isdisjoint(present):
            continue  # no event in this case can trigger any rule of the group
        group = compiled.rules
        obligations: list[_Obligation] = []
        for rule, spec in compiled.triggers:
            for ev in timeline.by_type.get(spec.event, ()):
                ob = _derive(rule, spec, ev, timeline, profile)
                if ob is None:
                    continue
                if rule.deadline.kind == "count":
                    obligations.extend(_windows(ob, timeline, profile))
                else:
                    obligations.append(ob)
        if not obligations:
            continue
        rank = compiled.rank
        obligations.sort(key=lambda o: (o.trigger.order, rank[id(o.rule)], o.due_day or date.max))
        _match([o for o in obligations if o.rule.deadline.kind != "count"], timeline, group)
        for ob in obligations:
            if ob.rule.deadline.kind == "count":
                _count(ob, timeline)
        for ob in obligations:
            _hand_over(ob, ruleset, timeline, profile)
            findings.append(_finding(ob, timeline))
    findings.sort(key=Finding.sort_key)
    return findings


def _mark_late_registration(
    known: list[Finding], everything: list[Finding], unregistered: list[EventBase]
) -> list[Finding]:
    """Mark the findings whose status changes once the late-registered events are counted.

    Findings are paired by rule and trigger (and, for the windows of a count rule, by their
    order); a finding whose trigger was itself registered late has no pair and is not shown.
    """
    late_ids = {e.id for e in unregistered if e.id is not None}
    full: dict[tuple[str, str], list[Finding]] = {}
    for f in everything:
        full.setdefault((f.rule, f.trigger.event), []).append(f)
    seen: dict[tuple[str, str], int] = {}
    out: list[Finding] = []
    for f in known:
        key = (f.rule, f.trigger.event)
        n = seen.get(key, 0)
        seen[key] = n + 1
        candidates = full.get(key, [])
        other = candidates[n] if n < len(candidates) else None
        if other is None or other.status is f.status:
            out.append(f)
            continue
        events = tuple(
            ref
            for ref in (other.fulfilled_by, other.lapsed_by)
            if ref is not None and ref.event in late_ids
        )
        mark = LateRegistration(status=other.status, due=other.due, events=events)
        out.append(replace(f, late_registration=mark))
    return out


@dataclass(frozen=True, slots=True)
class _Group:
    """A group of rules compiled once per rule set: its triggers in rule order, the event types
    that can trigger it, and each rule's rank (rules compare by identity)."""

    rules: list[Rule]
    triggers: tuple[tuple[Rule, Trigger], ...]
    types: frozenset[str]
    rank: dict[int, int]


def _groups(ruleset: RuleSet) -> list[_Group]:
    """Rules linked by ``after_repeal.successor`` share their fulfilling events (one duty).

    Computed once per rule set: a rule set is immutable once loaded.
    """
    cached = _GROUPS.get(id(ruleset))
    if cached is not None and cached[0] is ruleset:
        return cached[1]
    groups = [
        _Group(
            rules=group,
            triggers=tuple((rule, spec) for rule in group for spec in rule.trigger),
            types=frozenset(spec.event for rule in group for spec in rule.trigger),
            rank={id(rule): i for i, rule in enumerate(group)},
        )
        for group in _make_groups(ruleset)
    ]
    _GROUPS[id(ruleset)] = (ruleset, groups)
    return groups


_GROUPS: dict[int, tuple[RuleSet, list[_Group]]] = {}


def _make_groups(ruleset: RuleSet) -> list[list[Rule]]:
    group_of: dict[str, list[Rule]] = {}
    groups: list[list[Rule]] = []
    for rule in ruleset:
        succ = rule.after_repeal.successor if rule.after_repeal else None
        group = group_of.get(rule.id) or (group_of.get(succ) if succ else None)
        if group is None:
            group = []
            groups.append(group)
        group.append(rule)
        group_of[rule.id] = group
        if succ is not None:
            group_of[succ] = group
    return groups


# --- deriving obligations -------------------------------------------------------------------


def _matches_where(event: EventBase, where: Mapping[str, Any], unknown: list[str] | None) -> bool:
    for attr, expected in where.items():
        value = getattr(event, attr, None)
        if value is None:
            if unknown is None:
                return False
            unknown.append(f"{event.type}.{attr}")
            continue
        if isinstance(expected, list):
            if value not in expected:
                return False
        elif value != expected:
            return False
    return True


def _age_on(birth: date, day: date) -> int:
    """Completed years on ``day``, consistent with :func:`lovfrist.calendar.birthday`."""
    if birth.month == 2 and birth.day == 29:  # the birthday is 28 February in common years
        years = day.year - birth.year
        return years - (day < birth + relativedelta(years=years))
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _derive(
    rule: Rule, spec: Trigger, ev: _Ev, tl: _Timeline, profile: CalendarProfile
) -> _Obligation | None:
    # A duty that arises on a birthday while the measure runs is judged on that birthday.
    if not spec.running_at_clock and not rule.in_force(ev.day):
        return None
    unknown: list[str] = []
    if not _matches_where(ev.event, spec.where, unknown):
        return None
    ob = _Obligation(rule, ev, spec, unknown=unknown)
    if any(getattr(ev.event, attr, None) is not None for attr in spec.absent):
        return None
    if spec.ref_is:
        target = tl.by_id.get(ev.event.ref) if ev.event.ref else None
        if target is None or not any(
            c.event == target.type and _matches_where(target.event, c.where, None)
            for c in spec.ref_is
        ):
            return None
    bound = spec.date_bound
    if bound is not None:
        value = getattr(ev.event, bound.attribute, None)
        if not isinstance(value, date):
            return None
        limit = due_date(ev.day, bound.amount, bound.unit, profile=profile)
        if (value <= limit) != bound.within:
            return None
    if spec.child_age is not None:
        if tl.birth_date is None:
            ob.unknown.append("child.birth_date")
        else:
            age = _age_on(tl.birth_date, ev.day)
            lo, hi = spec.child_age.at_least, spec.child_age.below
            if (lo is not None and age < lo) or (hi is not None and age >= hi):
                return None
    attribute = rule.deadline.attribute or ""
    if rule.deadline.kind == "date_attribute" and getattr(ev.event, attribute, None) is None:
        return None
    if rule.deadline.kind == "configured" and _area(ev, attribute, tl) is None:
        return None  # not an application in a case area: no municipal deadline applies
    _set_clock(ob, tl)
    if ob.clock is None and spec.clock == ("termin",):
        return None  # not a case about an unborn child
    if spec.running_at_clock and not _running_at_clock(rule, ob, tl):
        return None
    _compute_due(ob, rule, tl, profile)
    if spec.final_decision is not None:
        _final_decision(ob, rule, tl, profile)
    return ob


def _running_at_clock(rule: Rule, ob: _Obligation, tl: _Timeline) -> bool:
    """Whether the measure ``ob``'s indsats_start began runs on the clock's birthday.

    It runs from its start until the first event that ends it: an ``indsats_ophoer`` naming it
    (or without ``ref`` when the case has only one measure) or a ``sag_lukket``. An ending dated
    on the birthday itself leaves the measure running that day (the rule's lapses then end the
    obligation). Without a birth date the birthday is unknown: the obligation is kept (and is
    undetermined) if the measure runs on some day the rule is in force.
    """
    start = ob.trigger.day
    if isinstance(ob.clock, date) and not isinstance(ob.clock, datetime):
        day = ob.clock
        if not rule.in_force(day) or start > day:
            return False
    else:  # no birth date
        day = max(start, rule.valid_from or start)
        if rule.valid_to is not None and day > rule.valid_to:
            return False
    end = _measure_end(ob.trigger, tl)
    return end is None or end >= day


def _measure_end(start: _Ev, tl: _Timeline) -> date | None:
    """The day the measure ``start`` began ended, as far as the timeline shows."""
    only_one = len(tl.by_type.get("indsats_start", ())) == 1
    days = [
        ev.day
        for ev in tl.by_type.get("indsats_ophoer", ())
        if ev.day >= start.day
        and (ev.event.ref == start.event.id or (ev.event.ref is None and only_one))
    ]
    days.extend(ev.day for ev in tl.by_type.get("sag_lukket", ()) if ev.day >= start.day)
    return min(days, default=None)


def _set_clock(ob: _Obligation, tl: _Timeline) -> None:
    ev = ob.trigger
    for source in ob.spec.clock:
        if source == "at":
            ob.clock, ob.clock_source, ob.clock_ev = ev.instant or ev.day, "at", ev
            return
        if source == "ref":
            target = tl.by_id.get(ev.event.ref) if ev.event.ref else None
            # Only an event before the trigger can start its clock; one after it would move the
            # due date as that event became known, and a clock cannot start after its trigger.
            if target is not None and target.order < ev.order:
                ob.clock, ob.clock_source, ob.clock_ev = target.instant or target.day, "ref", target
                return
            continue
        if source.startswith("birthday:"):
            if tl.birth_date is None:
                ob.unknown.append("child.birth_date")
                continue
            age = int(source[len("birthday:") :])
            ob.clock, ob.clock_source, ob.clock_ev = birthday(tl.birth_date, age).due, source, None
            return
        if source == "termin":
            if tl.termin is not None:
                ob.clock, ob.clock_source, ob.clock_ev = tl.termin, source, None
                return
            continue
        value = getattr(ev.event, source, None)
        if isinstance(value, date):
            ob.clock, ob.clock_source, ob.clock_ev = value, source, ev
            return


def _final_decision(ob: _Obligation, rule: Rule, tl: _Timeline, profile: CalendarProfile) -> None:
    """Move the clock to the final decision on appeal (BL § 50, stk. 3; SEL § 62, stk. 3).

    The appeal events are those whose ``ref`` names the trigger or an appeal event already found
    (a ``dom`` on Ankestyrelsen's decision). In time order, each matching ``where`` and dated on
    or before the due date computed so far restarts the period from its own date; one dated
    after it changes nothing: the deadline had passed, and a violation never turns back.
    """
    final = ob.spec.final_decision
    assert final is not None
    trigger_id = ob.trigger.event.id
    if trigger_id is None or ob.due_day is None:
        return  # no ref can name the trigger, or no due date to compare with
    chain = {trigger_id}
    appeals = sorted(
        (
            ev
            for etype in final.events
            for ev in tl.by_type.get(etype, ())
            if ev.order > ob.trigger.order
        ),
        key=lambda e: e.order,
    )
    for ev in appeals:
        if ev.event.ref not in chain:
            continue
        if ev.event.id is not None:
            chain.add(ev.event.id)
        unknown: list[str] = []
        if not _matches_where(ev.event, final.where, unknown):
            continue
        due_day = ob.due_day
        if due_day is None or ev.day > due_day:
            continue
        ob.clock, ob.clock_source, ob.clock_ev = ev.instant or ev.day, "final", ev
        ob.unknown.extend(unknown)
        _compute_due(ob, rule, tl, profile)


def _clock_label(ob: _Obligation) -> tuple[str, str]:
    source = ob.clock_source or ""
    if source.startswith("birthday:"):
        age = source[len("birthday:") :]
        return (f"barnet fylder {age} år", f"the child turns {age}")
    if source == "termin":
        return ("terminsdato", "expected date of birth")
    ev = ob.clock_ev or ob.trigger
    if ob.clock_source not in (None, "at", "ref", "final"):
        return (f"{ev.label('da')} ({ob.clock_source})", f"{ev.label('en')} ({ob.clock_source})")
    return (ev.label("da"), ev.label("en"))


def _compute_due(ob: _Obligation, rule: Rule, tl: _Timeline, profile: CalendarProfile) -> None:
    deadline = rule.deadline
    ob.due = ob.due_lo = ob.due_hi = None
    ob.steps = []
    if deadline.kind == "no_fixed_time":
        ob.steps.append(
            Step(
                "loven angiver ingen fast frist (»snarest«)",
                "the law sets no fixed time (»snarest«)",
            )
        )
        return
    if deadline.kind == "before_trigger":
        ob.due = ob.trigger.day
        ob.steps.append(partial(_before_trigger_step, ob.trigger))
        return
    if deadline.kind == "count":
        assert deadline.amount is not None
        assert deadline.unit is not None
        start = local_day(ob.clock) if ob.clock is not None else None
        if start is None:
            return
        ob.due = due_date(start, deadline.amount, deadline.unit) - timedelta(days=1)
        ob.steps.append(partial(_window_step, ob))
        return
    if deadline.kind == "date_attribute":
        attr = deadline.attribute or ""
        value = getattr(ob.trigger.event, attr)
        ob.due = value
        ob.steps.append(
            Step(
                f"datoen fastsat i {ob.trigger.label('da')} ({attr}) = {fmt_date(value, 'da')}",
                f"the date set in the {ob.trigger.label('en')} ({attr}) = {fmt_date(value, 'en')}",
            )
        )
        return
    amount, unit = deadline.amount, deadline.unit
    clock = ob.clock
    if clock is None:
        return
    if deadline.kind == "configured":
        configured = _configured_period(ob, deadline.attribute or "", clock, tl)
        if configured is None:
            return
        amount, unit = configured
    assert amount is not None
    assert unit is not None
    label = _clock_label(ob)
    if unit is Unit.TIMER:
        if isinstance(clock, datetime):
            ob.due = due_date(clock, amount, Unit.TIMER)
            ob.steps.append(
                partial(explain_period, clock, amount, Unit.TIMER, ob.due, anchor_label=label)
            )
        else:
            hours = timedelta(hours=amount)
            # Elapsed time: add the hours in UTC, never on the wall clock.
            ob.due_lo = (start_of_day(clock).astimezone(UTC) + hours).astimezone(COPENHAGEN)
            ob.due_hi = (end_of_day(clock).astimezone(UTC) - _TICK + hours).astimezone(COPENHAGEN)
            ob.steps.append(
                Step(
                    f"{label[0]} {fmt_date(clock, 'da')} uden klokkeslæt "
                    f"+ {amount} timer: "
                    f"fristen udløber mellem {fmt_instant(ob.due_lo, 'da')} og "
                    f"{fmt_instant(ob.due_hi, 'da')}",
                    f"{label[1]} {fmt_date(clock, 'en')} without a time + {amount} hours: "
                    f"the deadline ends between {fmt_instant(ob.due_lo, 'en')} and "
                    f"{fmt_instant(ob.due_hi, 'en')}",
                )
            )
        return
    day = local_day(clock)
    try:
        due = due_date(
            day,
            amount,
            unit,
            first_day_counted=deadline.first_day_counted,
            profile=profile,
        )
        ob.steps.append(
            partial(
                explain_period,
                day,
                amount,
                unit,
                due,
                first_day_counted=deadline.first_day_counted,
                profile=profile,
                anchor_label=label,
            )
        )
        if deadline.roll_forward and isinstance(due, date):
            rolled = roll_forward(due)
            due = rolled.due
            ob.steps.extend(rolled.steps)
    except CalendarError as exc:
        # Refuse to guess, but only for this obligation: the rest of the case is evaluated.
        ob.unknown.append(f"verified calendar data ({exc})")
        ob.steps.append(Step(f"fristen kan ikke beregnes: {exc}", f"cannot compute: {exc}"))
        return
    if deadline.not_before_trigger and isinstance(due, date) and due < ob.trigger.day:
        ob.steps.append(
            Step(
                f"{fmt_date(due, 'da')} ligger før {ob.trigger.label('da')} "
                f"{fmt_date(ob.trigger.day, 'da')}; fristen er derfor den dag",
                f"{fmt_date(due, 'en')} is before the {ob.trigger.label('en')} on "
                f"{fmt_date(ob.trigger.day, 'en')}, so the deadline is that day",
            )
        )
        due = ob.trigger.day
    ob.due = due
    par = deadline.earlier_if_concluded
    if par is not None and isinstance(due, date):
        end = _parallel_end(ob.trigger, par.start, par.end, tl)
        if end is not None and end.day < due:
            ob.due = end.day
            ob.steps.append(
                Step(
                    f"den sideløbende {end.label('da')} {fmt_date(end.day, 'da')} ({end.key}) er "
                    f"tidligere; fristen er derfor {fmt_date(end.day, 'da')}",
                    f"the parallel {end.label('en')} on {fmt_date(end.day, 'en')} ({end.key}) "
                    f"comes first, so the deadline is {fmt_date(end.day, 'en')}",
                )
            )


def _area(ev: _Ev, attribute: str, tl: _Timeline) -> tuple[str, _Ev] | None:
    """The case area ``attribute`` names on ``ev`` or on the first event its ``ref`` chain
    reaches that records it (a decision sent back by Ankestyrelsen, then the application)."""
    seen: set[str] = set()
    current: _Ev | None = ev
    while current is not None:
        value = getattr(current.event, attribute, None)
        if isinstance(value, str):
            return value, current
        ref = current.event.ref
        if ref is None or ref in seen:
            return None
        seen.add(ref)
        current = tl.by_id.get(ref)
    return None


def _configured_period(
    ob: _Obligation, attribute: str, clock: date | datetime, tl: _Timeline
) -> tuple[int, Unit] | None:
    """The period the municipality has set itself (RSL § 3, stk. 2) for the trigger's case area
    on the clock's day; None, with what is missing noted, when it is not configured."""
    found = _area(ob.trigger, attribute, tl)
    assert found is not None  # _derive keeps only triggers with an area
    area, source = found
    config = tl.municipal
    if config is None:
        ob.unknown.append(
            f"the municipality's deadline for {attribute} {area!r} (municipal_deadlines)"
        )
        ob.steps.append(
            Step(
                f"kommunens egen frist for sagsområdet »{area}« er ikke oplyst",
                f"the municipality's own deadline for the case area »{area}« was not given",
            )
        )
        return None
    day = local_day(clock)
    entry = config.lookup(area, day)
    if entry is None:
        ob.unknown.append(
            f"a deadline for {attribute} {area!r} in force on {day} in {config.kommune}'s deadlines"
        )
        ob.steps.append(
            Step(
                f"{config.kommune}s frister har ingen frist for sagsområdet »{area}« "
                f"pr. {fmt_date(day, 'da')}",
                f"{config.kommune}'s deadlines have none for the case area »{area}« "
                f"on {fmt_date(day, 'en')}",
            )
        )
        return None
    where = f" ({source.key})" if source is not ob.trigger else ""
    published = f" ({config.published})" if config.published else ""
    ob.steps.append(
        Step(
            f"{config.kommune}s frist for sagsområdet »{area}«{where}: {entry.amount} "
            f"{entry.unit.da}{published}",
            f"{config.kommune}'s deadline for the case area »{area}«{where}: {entry.amount} "
            f"{entry.unit.en}{published}",
        )
    )
    return entry.amount, entry.unit


_MAX_WINDOWS = 100


def _windows(base: _Obligation, tl: _Timeline, profile: CalendarProfile) -> list[_Obligation]:
    """One obligation per window of a count deadline, anchored at the clock start.

    Windows are counted from the anchor in one step each (never chained), from the first one up to
    the one that contains the as-of date, and stop after the window in which the obligation ends.
    """
    deadline = base.rule.deadline
    assert deadline.amount is not None
    assert deadline.unit is not None
    anchor = base.clock
    if anchor is None:
        return [base]  # undetermined: no clock
    first = local_day(anchor)
    out: list[_Obligation] = []
    for k in range(_MAX_WINDOWS):
        start = due_date(first, deadline.amount * k, deadline.unit) if k else first
        if start > tl.as_of_day:
            break
        ob = _Obligation(base.rule, base.trigger, base.spec, unknown=list(base.unknown))
        ob.clock, ob.clock_source, ob.clock_ev, ob.window = start, "at", base.clock_ev, k + 1
        _compute_due(ob, base.rule, tl, profile)
        out.append(ob)
        ob.ended = _lapse(ob, tl)
        if ob.ended is not None:
            break
    return out


def _count(ob: _Obligation, tl: _Timeline) -> None:
    """Count the fulfilling events in the obligation's window; enough of them fulfil it."""
    start, due = ob.clock, ob.due
    if not isinstance(start, date) or not isinstance(due, date):
        return
    at_least = ob.rule.deadline.at_least or 1
    counted: list[tuple[_Ev, str]] = []
    for m in ob.rule.fulfilled_by:
        for ev in tl.by_type.get(m.event, ()):
            if not (start <= ev.day <= due) or not _matches_where(ev.event, m.where, None):
                continue
            how = _how(m, ob.trigger, ev)
            if how is None:
                continue
            if ev.event.ref is None and _targets(ob.rule, "ref", ev, tl) > 1:
                continue  # which placement the visit was at is ambiguous: give it a ref
            counted.append((ev, how))
    counted.sort(key=lambda c: c[0].order)
    ob.counted = [ev for ev, _ in counted]
    if len(counted) >= at_least:
        ob.fulfilled, ob.matched_by = counted[at_least - 1]


def _window_step(ob: _Obligation) -> tuple[Step, ...]:
    assert isinstance(ob.clock, date)
    assert isinstance(ob.due, date)
    n = ob.rule.deadline.at_least
    seen = ", ".join(f"{e.key} {fmt_date(e.day, 'da')}" for e in ob.counted) or "ingen"
    seen_en = ", ".join(f"{e.key} {fmt_date(e.day, 'en')}" for e in ob.counted) or "none"
    return (
        Step(
            f"periode {ob.window}: {fmt_date(ob.clock, 'da')}-{fmt_date(ob.due, 'da')}, mindst "
            f"{n} påkrævet; registreret i perioden: {seen}",
            f"period {ob.window}: {fmt_date(ob.clock, 'en')} to {fmt_date(ob.due, 'en')}, at least "
            f"{n} required; recorded in the period: {seen_en}",
        ),
    )


def _before_trigger_step(trigger: _Ev) -> tuple[Step, ...]:
    return (
        Step(
            f"skal foreligge senest ved {trigger.label('da')} {fmt_date(trigger.day, 'da')}",
            f"must exist by the {trigger.label('en')} on {fmt_date(trigger.day, 'en')}",
        ),
    )


def _parallel_end(trigger: _Ev, start_type: str, end_type: str, tl: _Timeline) -> _Ev | None:
    """The earliest end of an investigation already running when ``trigger`` happened.

    BL § 32, stk. 4: a støttende indsats may start »sideløbende med« an afdækning or
    undersøgelse, i.e. while it is under way; one begun after the measure started is not it.
    """
    best: _Ev | None = None
    ends = tl.by_type.get(end_type, ())
    for start in tl.by_type.get(start_type, ()):
        if start.event.id is None or start.day > trigger.day:
            continue
        end = next((e for e in ends if e.event.ref == start.event.id), None)
        # Concluded after the measure started: one concluded that day was not run alongside it.
        if end is not None and end.day > trigger.day and (best is None or end.day < best.day):
            best = end
    return best


# --- matching fulfilling events -------------------------------------------------------------


def _not_before(cand: _Ev, trigger: _Ev) -> bool:
    if cand.instant is not None and trigger.instant is not None:
        return cand.instant >= trigger.instant
    return cand.day >= trigger.day


def _eligible(ob: _Obligation, cand: _Ev) -> tuple[str, bool] | None:
    """How ``cand`` can fulfil ``ob`` (``ref`` or ``order``, and whether it is reusable)."""
    if cand is ob.trigger:
        selfmatch = any(m.match == "self" and m.event == cand.type for m in ob.rule.fulfilled_by)
        return ("ref", False) if selfmatch else None
    forward = ob.rule.deadline.kind != "before_trigger"
    for m in ob.rule.fulfilled_by:
        if m.event != cand.type or not _matches_where(cand.event, m.where, None):
            continue
        how = _how(m, ob.trigger, cand)
        if how is None:
            continue
        # An event whose ref names the trigger itself may precede it (a plan made for the
        # decision before the decision); anything else must come after the trigger.
        named = how == "ref" and m.match == "ref"
        if forward and not named and not _not_before(cand, ob.trigger):
            continue
        return how, m.reusable
    return None


def _how(m: Match, trigger: _Ev, cand: _Ev) -> str | None:
    ref = cand.event.ref
    if m.match == "self":
        return None  # only the trigger itself, handled in _eligible
    if m.match == "any":
        return "order"
    if m.match == "ref":
        if ref is None:
            return "order"
        return "ref" if ref == trigger.event.id else None
    # same_ref: refers to what the trigger refers to
    if ref is None or trigger.event.ref is None:
        return "order"  # one side does not say which measure: matched by order
    return "ref" if ref == trigger.event.ref else None


def _nearer(ob: _Obligation, cand: _Ev) -> bool:
    """Whether ``cand`` may replace a reusable event as the one that fulfils an order rule.

    For »before the decision« the finding should name the last event before the decision (the
    conversation that informed it), not the first one ever held. Only an event on or before the
    due date replaces another, so the status never changes, only the event it names.
    """
    due_day = ob.due_day
    return (
        ob.by_reusable
        and ob.rule.deadline.kind == "before_trigger"
        and due_day is not None
        and cand.day <= due_day
    )


def _match(obligations: list[_Obligation], tl: _Timeline, group: list[Rule]) -> None:
    """Assign fulfilling events in time order: by ``ref`` where given, else first in, first out.

    Processing candidates in time order means a later event never changes an earlier match.
    """
    types = {m.event for rule in group for m in rule.fulfilled_by}
    candidates = sorted((ev for t in types for ev in tl.by_type.get(t, ())), key=lambda e: e.order)
    # An obligation that has ended (lapsed) takes no event that comes after its end.
    for ob in obligations:
        ob.ended = _lapse(ob, tl)
    ended = {id(ob): ob.ended[0].order for ob in obligations if ob.ended is not None}
    for cand in candidates:
        chosen: _Obligation | None = None
        chosen_how: str | None = None
        for ob in obligations:
            if ended.get(id(ob), cand.order) < cand.order:
                continue
            if ob.fulfilled is not None and not _nearer(ob, cand):
                continue
            found = _eligible(ob, cand)
            if found is None:
                continue
            how, reusable = found
            if reusable:  # serves every open obligation it can, without being used up
                ob.fulfilled, ob.matched_by, ob.by_reusable = cand, how, True
                continue
            if ob.fulfilled is not None:
                continue
            if how == "ref":
                chosen, chosen_how = ob, how
                break
            if chosen is None:
                chosen, chosen_how = ob, how
                if cand.event.ref is None:
                    break
        if chosen is not None:
            chosen.fulfilled, chosen.matched_by = cand, chosen_how


# --- transition -----------------------------------------------------------------------------


def _hand_over(ob: _Obligation, ruleset: RuleSet, tl: _Timeline, profile: CalendarProfile) -> None:
    """Hand an obligation a repealed rule left pending to the rule that governs it now."""
    rule = ob.rule
    repeal = rule.after_repeal
    if repeal is None or rule.valid_to is None:
        return
    first_day = rule.valid_to + timedelta(days=1)
    if tl.as_of_day < first_day:
        return  # evaluated while the rule was still in force: nothing is pending at its repeal yet
    if ob.fulfilled is not None and ob.fulfilled.day < first_day:
        return
    if ob.ended is not None and ob.ended[0].day < first_day:
        return  # it ended before the repeal
    due_day = ob.due_day
    if due_day is not None and due_day < first_day:
        return
    if due_day is None and rule.deadline.kind != "no_fixed_time" and ob.due_lo is None:
        return
    basis = repeal.basis.render() if repeal.basis else None
    ob.transition = Transition(rule.id, basis, repeal.grade.value, repeal.note.da, repeal.note.en)
    if repeal.successor is None:
        return
    successor = ruleset[repeal.successor]
    saved = (ob.rule, ob.due, ob.due_lo, ob.due_hi, list(ob.steps), list(ob.unknown), ob.ended)
    ob.rule = successor
    if not _same_deadline(rule, successor):  # the same deadline from the same clock: same date
        _compute_due(ob, successor, tl, profile)
    new_day = ob.due_day
    if new_day is not None and new_day < first_day:
        # Re-derived, the obligation would fall due before the successor was in force (a
        # parallel investigation ended in 2023): the successor cannot govern it.
        ob.rule, ob.due, ob.due_lo, ob.due_hi, ob.steps, ob.unknown, ob.ended = saved
        ob.transition = Transition(
            rule.id,
            None,
            "interpretation",
            f"{successor.id} ville gøre fristen forfalden før {first_day.isoformat()}, hvor "
            "den ikke var i kraft; den hidtidige frist fastholdes.",
            f"{successor.id} would make this due before {first_day.isoformat()}, when it was "
            "not in force; the earlier due date is kept.",
        )
    else:
        ob.ended = _lapse(ob, tl)  # the successor's lapses and due date govern now


def _same_deadline(rule: Rule, successor: Rule) -> bool:
    # Rules are immutable and not hashable (they hold tables): cache by identity, keeping both
    # objects referenced so their ids cannot be reused.
    key = (id(rule), id(successor))
    hit = _SAME_DEADLINE.get(key)
    if hit is None:
        hit = (rule, successor, rule.deadline == successor.deadline)
        _SAME_DEADLINE[key] = hit
    return hit[2]


_SAME_DEADLINE: dict[tuple[int, int], tuple[Rule, Rule, bool]] = {}


# --- status and explanation -----------------------------------------------------------------


def _lapse(ob: _Obligation, tl: _Timeline) -> tuple[_Ev, str, str] | None:
    due_day = ob.due_day
    for lapse in ob.rule.lapses:
        for ev in tl.by_type.get(lapse.event, ()):
            if ev is ob.trigger or (due_day is not None and ev.day > due_day):
                continue
            if not _matches_where(ev.event, lapse.where, None):
                continue
            ref = ev.event.ref
            named = lapse.match == "ref" and ref is not None and ref == ob.trigger.event.id
            if lapse.match == "ref" and ref not in (None, ob.trigger.event.id):
                continue
            if lapse.match == "same_ref" and ref not in (None, ob.trigger.event.ref):
                continue
            if ref is None and lapse.match != "any" and _targets(ob.rule, lapse.match, ev, tl) > 1:
                continue  # which measure ended is ambiguous: give the ending event a ref
            # Only an event naming the trigger may end the obligation before the trigger.
            if not named and ev.day < ob.trigger.day:
                continue
            return ev, lapse.reason.da, lapse.reason.en
    return None


def _targets(rule: Rule, match: str, until: _Ev, tl: _Timeline) -> int:
    """How many different events an ending event without ``ref`` could be about."""
    seen: set[str | None] = set()
    for spec in rule.trigger:
        for ev in tl.by_type.get(spec.event, ()):
            if ev.order <= until.order and _matches_where(ev.event, spec.where, None):
                seen.add(ev.key if match == "ref" else ev.event.ref)
    return len(seen)


def _status(ob: _Obligation, tl: _Timeline) -> tuple[Status, int | None, str | None, _Ev | None]:
    """Status, days overdue, what is missing (undetermined), and the lapsing event."""
    deadline = ob.rule.deadline
    f = ob.fulfilled
    due = ob.due
    missing = ", ".join(dict.fromkeys(ob.unknown)) or None

    # The obligation ended (an exception applied, the measure stopped) before it was fulfilled.
    lapse = ob.ended
    if lapse is not None and (f is None or lapse[0].order < f.order):
        return Status.LAPSED, None, None, lapse[0]

    if deadline.kind == "no_fixed_time":
        if f is not None:
            return Status.MET, None, None, None
        return Status.OPEN, None, None, None

    if due is None and ob.due_lo is None:
        return Status.UNDETERMINED, None, missing or "the start of the deadline", None

    due_day = ob.due_day
    assert due_day is not None
    hour_rule = deadline.unit is Unit.TIMER
    # Hour deadlines compare instants: the exact due moment, or the window of a date-only trigger.
    due_lo = due_hi = due if isinstance(due, datetime) else None
    if hour_rule and due_lo is None:
        due_lo, due_hi = ob.due_lo, ob.due_hi

    if deadline.direction == "earliest":
        if f is None:
            return Status.OPEN, None, missing, None
        if f.day < due_day:
            if missing:
                return Status.UNDETERMINED, None, missing, None
            return Status.EARLY, None, None, None
        return Status.MET, None, None, None

    if f is not None:
        if hour_rule:
            assert due_lo is not None
            assert due_hi is not None
            on_time = f.hi <= due_lo
            too_late = f.lo > due_hi
        else:
            on_time = f.day <= due_day
            too_late = not on_time
        if on_time:
            return Status.MET, None, None, None
        if too_late and not missing:
            return Status.LATE, (f.day - due_day).days, None, None
        if not too_late:
            times = [e.key for e in (ob.trigger, f) if e.instant is None]
            what = "the time of day of " + " and ".join(times)
            return Status.UNDETERMINED, None, what, None
        return Status.UNDETERMINED, None, missing, None

    passed = due_hi < tl.as_of_end if due_hi is not None else tl.as_of_day > due_day
    if passed:
        if missing:
            return Status.UNDETERMINED, None, missing, None
        return Status.OVERDUE, (tl.as_of_day - due_day).days, None, None
    return Status.OPEN, None, missing, None


def _finding(ob: _Obligation, tl: _Timeline) -> Finding:
    status, days, missing, lapsed_by = _status(ob, tl)
    rule = ob.rule
    cit = rule.citation
    citation = _render(cit)
    return Finding(
        rule=rule.id,
        law=cit.law,
        paragraph=cit.paragraph,
        stk=cit.stk,
        pkt=cit.pkt,
        citation=citation,
        version=cit.consolidation,
        grade=rule.grade.value,
        status=status,
        due=ob.due,
        trigger=ob.trigger.ref(),
        fulfilled_by=ob.fulfilled.ref(ob.matched_by) if ob.fulfilled else None,
        days_overdue=days,
        explainer=partial(_explain, ob, status, days, missing, lapsed_by, citation, tl),
        clock_start=ob.clock,
        clock_source=ob.clock_source,
        lapsed_by=lapsed_by.ref() if lapsed_by else None,
        missing=missing,
        transition=ob.transition,
        obligor=rule.obligor,
        sort_index=ob.trigger.order,
    )


def _render(citation: Citation) -> str:
    # By identity, as in _same_deadline: hashing a pydantic model on every finding is slow.
    hit = _RENDERED.get(id(citation))
    if hit is None:
        hit = _RENDERED[id(citation)] = (citation, citation.render())
    return hit[1]


_RENDERED: dict[int, tuple[Citation, str]] = {}


_MISSING_DA = (
    ("the start of the deadline", "fristens begyndelse"),
    ("the time of day of", "klokkeslættet for"),
    ("verified calendar data", "verificerede kalenderdata"),
    ("the municipality's deadline for", "kommunens frist for"),
    ("a deadline for", "en frist for"),
    (" in force on ", " gældende "),
    ("'s deadlines", "s frister"),
    (" and ", " og "),
)


def _missing_da(missing: str) -> str:
    """The ``missing`` text (English, for machines) in Danish; field names stay as they are."""
    for en, da in _MISSING_DA:
        missing = missing.replace(en, da)
    return missing


#: A citizen's deadline (obligor ``borger``) in words that do not call it a breach.
_CITIZEN: dict[Status, tuple[str, str]] = {
    Status.LATE: (
        "Efter fristen: {by}, {days} dage efter fristen. Fristen er borgerens, ikke "
        "myndighedens; det er ikke en overtrædelse",
        "After the deadline: {by}, {days} days after it. The deadline is the citizen's, not the "
        "authority's; this is not a violation",
    ),
    Status.OVERDUE: (
        "Fristen er udløbet pr. {as_of}, for {days} dage siden, uden at den blev brugt. Fristen "
        "er borgerens, ikke myndighedens; det er ikke en overtrædelse",
        "The deadline passed unused as of {as_of}, {days} days ago. It is the citizen's "
        "deadline, not the authority's; this is not a violation",
    ),
    Status.OPEN: (
        "Fristen løber pr. {as_of}. Den er borgerens, ikke myndighedens, og vises til orientering",
        "The deadline is running as of {as_of}. It is the citizen's, not the authority's, and "
        "is shown for information",
    ),
}


def _explain(
    ob: _Obligation,
    status: Status,
    days: int | None,
    missing: str | None,
    lapsed_by: _Ev | None,
    citation: str,
    tl: _Timeline,
) -> tuple[str, str]:
    rule = ob.rule
    trig = ob.trigger
    da: list[str] = [f"{rule.title.da} ({citation})."]
    en: list[str] = [f"{rule.title.en} ({citation})."]
    da.append(f"Udløst af {trig.label('da')} {trig.when('da')} ({trig.key}).")
    en.append(f"Triggered by {trig.label('en')} {trig.when('en')} ({trig.key}).")
    if ob.clock_source == "ref" and ob.clock_ev is not None:
        da.append(f"Fristen regnes fra {ob.clock_ev.key}, som {trig.key} henviser til.")
        en.append(f"The deadline runs from {ob.clock_ev.key}, which {trig.key} refers to.")
    elif ob.clock_source == "final" and ob.clock_ev is not None:
        da.append(
            f"Sagen er indbragt; fristen regnes fra den endelige afgørelse eller dom: "
            f"{ob.clock_ev.label('da')} {ob.clock_ev.when('da')} ({ob.clock_ev.key})."
        )
        en.append(
            f"The case was appealed; the deadline runs from the final decision or judgment: "
            f"{ob.clock_ev.label('en')} {ob.clock_ev.when('en')} ({ob.clock_ev.key})."
        )
    elif ob.clock_source not in (None, "at"):
        da.append(f"Fristen regnes fra den dokumenterede dato i {ob.clock_source}.")
        en.append(f"The deadline runs from the documented date in {ob.clock_source}.")
    for source in ob.steps:
        for step in source() if callable(source) else (source,):
            da.append(step.da[:1].upper() + step.da[1:] + ".")
            en.append(step.en[:1].upper() + step.en[1:] + ".")
    f = ob.fulfilled
    how_da = {"ref": "matchet ved reference", "order": "matchet ved rækkefølge"}
    how_en = {"ref": "matched by reference", "order": "matched by order"}
    if f is not None:
        by_da = f"{f.label('da')} {f.when('da')} ({f.key}, {how_da.get(ob.matched_by or '', '')})"
        by_en = f"{f.label('en')} {f.when('en')} ({f.key}, {how_en.get(ob.matched_by or '', '')})"
    as_of_da, as_of_en = fmt_date(tl.as_of_day, "da"), fmt_date(tl.as_of_day, "en")
    citizen = rule.obligor == "borger"
    if citizen and status in (Status.LATE, Status.OVERDUE, Status.OPEN):
        da.append(
            _CITIZEN[status][0].format(by=by_da if f else "", days=days, as_of=as_of_da) + "."
        )
        en.append(
            _CITIZEN[status][1].format(by=by_en if f else "", days=days, as_of=as_of_en) + "."
        )
    elif status is Status.MET:
        da.append(f"Overholdt: {by_da}." if f else "Overholdt.")
        en.append(f"Met: {by_en}." if f else "Met.")
    elif status is Status.LATE:
        da.append(f"For sent: {by_da}, {days} dage efter fristen.")
        en.append(f"Late: {by_en}, {days} days after the deadline.")
    elif status is Status.OVERDUE:
        da.append(f"Overskredet: ikke opfyldt pr. {as_of_da}, {days} dage efter fristen.")
        en.append(f"Overdue: not fulfilled as of {as_of_en}, {days} days after the deadline.")
    elif status is Status.OPEN:
        if ob.due is None and ob.due_lo is None:
            da.append(
                f"Åben: ikke opfyldt pr. {as_of_da}; ingen fast frist, vurderes af en person."
            )
            en.append(
                f"Open: not fulfilled as of {as_of_en}; no fixed time, for a person to judge."
            )
        else:
            da.append(f"Åben: ikke opfyldt pr. {as_of_da}; fristen er ikke udløbet.")
            en.append(f"Open: not fulfilled as of {as_of_en}; the deadline has not passed.")
    elif status is Status.EARLY:
        da.append(f"For tidligt: {by_da}, før det tidligste tidspunkt loven tillader.")
        en.append(f"Early: {by_en}, before the earliest date the law allows.")
    elif status is Status.LAPSED and lapsed_by is not None:
        reason = ob.ended
        r_da, r_en = (reason[1], reason[2]) if reason else ("", "")
        da.append(
            f"Bortfaldet: {r_da} ({lapsed_by.label('da')} {lapsed_by.when('da')}, {lapsed_by.key})."
        )
        en.append(
            f"Lapsed: {r_en} ({lapsed_by.label('en')} {lapsed_by.when('en')}, {lapsed_by.key})."
        )
    elif status is Status.UNDETERMINED:
        da.append(f"Kan ikke afgøres: mangler {_missing_da(missing or '')}.")
        en.append(f"Undetermined: missing {missing}.")
    if ob.transition is not None:
        t = ob.transition
        basis = f" ({t.basis})" if t.basis else ""
        da.append(f"Overgang fra {t.from_rule}{basis}: {t.note_da}")
        en.append(f"Transition from {t.from_rule}{basis}: {t.note_en}")
    return " ".join(da), " ".join(en)
