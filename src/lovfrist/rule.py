"""The rule format: what one rule file entry holds (``docs/rule-format.md``).

A rule encodes one statutory duty in one law version. It is data: its statute sentence stands
beside the trigger, the deadline and what fulfils it, so a lawyer can review one against the other.
These models validate a rule when it is loaded; nothing in a rule file is ever executed.
"""

from __future__ import annotations

import re
import typing
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lovfrist.calendar import Unit
from lovfrist.events import EVENT_TYPES, attributes_of
from lovfrist.municipal import MunicipalDeadlines

__all__ = [
    "LAW_NAMES",
    "AfterRepeal",
    "AgeCondition",
    "Citation",
    "Counting",
    "DateBound",
    "Deadline",
    "EventCondition",
    "Example",
    "Expected",
    "FinalDecision",
    "Grade",
    "Lapse",
    "Match",
    "Obligor",
    "ParallelEnd",
    "Rule",
    "Text",
    "Trigger",
]

#: Abbreviation → the act's name as a citation writes it.
LAW_NAMES: dict[str, str] = {
    "BL": "barnets lov",
    "SEL": "serviceloven",
    "RSL": "retssikkerhedsloven",
    "RBEK": "retssikkerhedsbekendtgørelsen",
    "FO": "forretningsordenen for børne- og ungeudvalgene",
    "FVL": "forvaltningsloven",
    "OFL": "offentlighedsloven",
}

Scalar = str | int | bool | date


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(_Strict):
    """The same text in Danish and English."""

    da: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Grade(StrEnum):
    """How a rule, or a convention inside it, was verified."""

    STATUTE = "statute"  # the quoted sentence was read in the statute text
    OFFICIAL = "official"  # Ankestyrelsen, a ministry, a vejledning
    SECONDARY = "secondary"  # third-party sources only: not verified
    INTERPRETATION = "interpretation"  # lovfrist's reading, with the reason stated


#: Who must act by the deadline. ``kommune``: the municipality (the default); ``ankestyrelsen``:
#: Ankestyrelsen's own deadline (RSL § 73, stk. 2); ``borger``: the citizen's deadline, e.g. the
#: klagefrist (RSL § 67). A citizen's deadline is reported for information and is never a
#: violation: a complaint after it is not the municipality's breach.
Obligor = Literal["kommune", "ankestyrelsen", "borger"]


class Citation(_Strict):
    """Where a rule's sentence stands in the law, and the sentence itself."""

    law: str = Field(pattern=r"^[A-Z][A-Z0-9]*$", description="BL, SEL, RSL, ...")
    paragraph: str = Field(pattern=r"^[0-9]+( [a-z])?$", description='"20", "155 b"')
    stk: int | None = Field(None, ge=1)
    pkt: int | None = Field(None, ge=1)
    nr: int | None = Field(None, ge=1)
    consolidation: str = Field(description='The version read, e.g. "LBK nr 282 af 17/03/2025".')
    file: str = Field(pattern=r"^[A-Za-z0-9_.-]+\.txt$", description="Its text in rules/statutes/.")
    url: str = Field(pattern=r"^https://")
    text: str = Field(min_length=1, description="The statute sentence, verbatim.")
    also_in: tuple[str, ...] = Field(
        (), description="Other statute files in which the sentence stands verbatim."
    )

    def render(self) -> str:
        """``barnets lov § 20, stk. 3, 1. pkt.``"""
        out = f"{LAW_NAMES.get(self.law, self.law)} § {self.paragraph}"
        if self.stk is not None:
            out += f", stk. {self.stk}"
        if self.nr is not None:
            out += f", nr. {self.nr}"
        if self.pkt is not None:
            out += f", {self.pkt}. pkt."
        return out


class AgeCondition(_Strict):
    """The child's age on the trigger date: ``at_least`` ≤ age < ``below``."""

    at_least: int | None = Field(None, ge=0)
    below: int | None = Field(None, ge=1)


class DateBound(_Strict):
    """A date attribute of the trigger compared with the trigger date plus a period.

    ``within = true``: the attribute's date is on or before trigger + period (a shorter
    re-examination date, BL § 50, stk. 4); ``false``: after it (a longer one, stk. 5). A trigger
    without the attribute does not match.
    """

    attribute: str
    amount: int
    unit: Unit
    within: bool


class EventCondition(_Strict):
    """An event type and conditions on its attributes."""

    event: str
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)


class FinalDecision(_Strict):
    """The clock moves to the final decision on appeal (BL § 50, stk. 3; SEL § 62, stk. 3).

    »Er sagen [...] indbragt for Ankestyrelsen eller forelagt domstolene, regnes fristen fra den
    endelige afgørelse eller dom.« The appeal events are those of the types in ``events`` whose
    ``ref`` names the trigger, or names an appeal event that does (a ``dom`` on an
    ``ast_afgoerelse``, a ``dom`` on appeal). Taken in time order, each one matching ``where``
    and dated on or before the due date computed so far restarts the clock and the period; one
    dated after that due date changes nothing, because the deadline had already passed (a
    violation never turns back into compliance later). An appeal event whose ``where``
    attribute is not recorded moves the clock too, and the finding is undetermined unless it
    is met.
    """

    events: tuple[str, ...] = Field(min_length=1)
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)


class Trigger(_Strict):
    """An event that creates the obligation, and where its clock starts.

    ``clock`` lists where the clock may start, first match wins: ``at`` (the trigger's own time),
    ``ref`` (the time of the event the trigger refers to), the name of a date attribute of the
    trigger (``opmaerksom``), ``birthday:N`` (the child's Nth birthday; needs ``child.birth_date``)
    or ``termin`` (``child.termin``). Without a clock the obligation is undetermined; with
    ``termin`` as the only source and no termin, there is no obligation (the case is not about an
    unborn child).

    ``running_at_clock``: the duty arises on the child's birthday while a measure runs (BL § 108,
    stk. 3: an ungeplan within 3 months »efter at den unge er fyldt 16 år« in a running
    placement). The trigger is the measure's ``indsats_start`` and the clock its one
    ``birthday:N`` source; the obligation exists only if the measure began on or before that
    birthday and had not ended before it, and the rule's validity is judged on the birthday.
    """

    event: str
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    absent: tuple[str, ...] = Field(
        (), description="Attributes that must not be set (e.g. no re-examination date given)."
    )
    child_age: AgeCondition | None = None
    date_bound: DateBound | None = None
    ref_is: tuple[EventCondition, ...] = Field(
        (),
        description="The trigger's ref must name an event matching one of these (an "
        "indsats_start that starts a placement). A trigger without such a ref does not match.",
    )
    clock: tuple[str, ...] = ("at",)
    running_at_clock: bool = Field(
        False,
        description="The obligation arises on the clock's birthday, and only if the measure "
        "this indsats_start began is running then (not ended by an indsats_ophoer or sag_lukket "
        "before it); valid_from/valid_to are compared with that birthday.",
    )
    final_decision: FinalDecision | None = Field(
        None,
        description="The period runs again from the final decision on appeal (an "
        "ast_afgoerelse or dom whose ref chain reaches the trigger) dated on or before the "
        "due date computed so far.",
    )

    @model_validator(mode="after")
    def _final(self) -> Trigger:
        final = self.final_decision
        if final is None:
            return self
        if self.running_at_clock:
            raise ValueError("final_decision cannot be combined with running_at_clock")
        for etype in final.events:
            if etype not in EVENT_TYPES:
                raise ValueError(f"final_decision: unknown event type {etype!r}")
        roots = [t for t in final.events if _may_name(t, self.event)]
        if not roots:
            raise ValueError(
                f"final_decision: none of {list(final.events)} can name {self.event!r} in its "
                "ref, so no decision on appeal of the trigger can be found"
            )
        for etype in final.events:
            if not any(_may_name(etype, t) for t in (self.event, *final.events)):
                raise ValueError(
                    f"final_decision: the ref of {etype!r} can name neither {self.event!r} nor "
                    f"another of {list(final.events)}, so it can never be a decision on appeal "
                    "of the trigger"
                )
            attrs = attributes_of(etype)
            for attr, value in final.where.items():
                if attr not in attrs:
                    raise ValueError(
                        f"final_decision: event type {etype!r} has no attribute {attr!r}"
                    )
                allowed = _literal_values(attrs[attr])
                for item in value if isinstance(value, list) else [value]:
                    if allowed is not None and item not in allowed:
                        raise ValueError(
                            f"final_decision: {item!r} is not a value of {etype}.{attr}; "
                            f"expected one of {', '.join(repr(a) for a in allowed)}"
                        )
        return self

    @model_validator(mode="after")
    def _running(self) -> Trigger:
        if not self.running_at_clock:
            return self
        if self.event != "indsats_start":
            raise ValueError(
                f"running_at_clock needs event 'indsats_start' (the start of the measure that "
                f"must be running), not {self.event!r}"
            )
        if len(self.clock) != 1 or not re.fullmatch(r"birthday:[0-9]+", self.clock[0]):
            raise ValueError(
                "running_at_clock needs exactly one clock source 'birthday:N' (the day the "
                f"measure must be running), not {list(self.clock)}"
            )
        return self


def _may_name(etype: str, target: str) -> bool:
    """Whether the ``ref`` of an event of type ``etype`` may name an event of type ``target``."""
    allowed = EVENT_TYPES[etype].ref_types
    return allowed is None or target in allowed


def _literal_values(annotation: object) -> tuple[object, ...] | None:
    """The values of a ``Literal[...]`` (or ``Literal[...] | None``) annotation, else None."""
    args = typing.get_args(annotation) if typing.get_origin(annotation) is not None else ()
    if typing.get_origin(annotation) is typing.Literal:
        return args
    values: list[object] = []
    for arg in args:
        if typing.get_origin(arg) is typing.Literal:
            values.extend(typing.get_args(arg))
        elif arg is not type(None):
            return None
    return tuple(values) or None


class Counting(_Strict):
    """The counting convention a deadline uses, and its basis."""

    grade: Grade
    basis: str = Field(min_length=1)
    url: str | None = Field(None, pattern=r"^https?://")


class ParallelEnd(_Strict):
    """BL § 95, stk. 2, nr. 1: the deadline is earlier if a parallel investigation ends first.

    An investigation (``start``) open when the trigger happens ends with ``end`` (referring to it).
    """

    start: str
    end: str


class Deadline(_Strict):
    """When the obligation falls due.

    ``kind``: ``period`` (``amount`` ``unit`` after the clock start), ``count`` (at least
    ``at_least`` fulfilling events in each window of ``amount`` ``unit`` from the clock start, one
    finding per window, due on its last day), ``before_trigger`` (an order
    rule: the fulfilling event must exist by the trigger date), ``date_attribute`` (a date the
    trigger event names, e.g. a re-examination date set by the committee), ``no_fixed_time``
    (»snarest«: reported open with no due date until fulfilled, never a violation), or
    ``configured`` (a period the municipality sets and publishes itself, RSL § 3, stk. 2: looked
    up in the :class:`~lovfrist.municipal.MunicipalDeadlines` given to the evaluation, by the
    case area in the trigger's ``attribute`` or in an event its ``ref`` chain names).
    ``direction: earliest`` makes the date the earliest the act may take place (status ``early``).
    """

    kind: Literal[
        "period", "before_trigger", "date_attribute", "no_fixed_time", "count", "configured"
    ] = "period"
    amount: int | None = None
    at_least: int | None = Field(None, ge=1, description="count: events needed in each window.")
    unit: Unit | None = None
    first_day_counted: bool = False
    roll_forward: bool = False
    attribute: str | None = None
    direction: Literal["latest", "earliest"] = "latest"
    not_before_trigger: bool = Field(
        False,
        description="A due date before the trigger moves to the trigger's day (a duty that "
        "could not be met earlier, e.g. a placement decided less than 6 months before 18).",
    )
    earlier_if_concluded: ParallelEnd | None = None
    counting: Counting | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Deadline:
        if self.kind in ("period", "count"):
            if self.amount is None or self.unit is None:
                raise ValueError(f"a {self.kind} deadline needs amount and unit")
            if self.counting is None:
                raise ValueError(f"a {self.kind} deadline needs counting (grade and basis)")
            if self.kind == "count":
                if self.at_least is None:
                    raise ValueError("a count deadline needs at_least")
                if self.amount < 1 or self.unit in (Unit.TIMER, Unit.HVERDAGE):
                    raise ValueError(
                        "a count window is a positive number of dage, uger, maaneder or aar"
                    )
            elif self.at_least is not None:
                raise ValueError("at_least belongs to count deadlines")
        elif self.amount is not None or self.unit is not None:
            raise ValueError(f"amount and unit belong to period deadlines, not {self.kind}")
        if self.kind in ("date_attribute", "configured") and not self.attribute:
            raise ValueError(f"a {self.kind} deadline needs attribute")
        if self.kind == "configured" and self.counting is None:
            raise ValueError("a configured deadline needs counting (grade and basis)")
        if self.first_day_counted and self.unit is not Unit.DAGE:
            raise ValueError("first_day_counted applies to unit 'dage' only")
        return self


class Match(_Strict):
    """An event that fulfils (or ends) an obligation.

    ``match``: ``ref`` — its ``ref`` names the trigger, or it has no ``ref`` and is matched by order
    (first in, first out); ``same_ref`` — it refers to the same event as the trigger (the next
    follow-up of the same measure); ``any`` — any such event in the case (``sag_lukket``).
    ``self`` — the trigger itself is the act checked (an earliest-date rule: the decision may
    not be taken before the date). ``reusable``: the event is not used up by the first obligation
    it fulfils.
    """

    event: str
    match: Literal["ref", "same_ref", "any", "self"] = "ref"
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    reusable: bool = Field(
        False,
        description="One event may fulfil several obligations (one conversation with the child "
        "before two decisions taken together).",
    )


class Lapse(Match):
    """An event that ends the obligation before its due date, with the reason."""

    reason: Text


class AfterRepeal(_Strict):
    """What happens to this rule's obligations still pending when the rule's law was repealed.

    With ``successor``, an obligation not fulfilled before the successor's ``valid_from`` and due
    on or after it is governed by the successor (re-derived from the same trigger); without, it
    continues under this rule. ``basis`` cites the transitional provision where one decides it.
    """

    successor: str | None = None
    basis: Citation | None = None
    grade: Grade
    note: Text


class Expected(_Strict):
    """One expected finding of a worked example."""

    status: Literal["met", "late", "overdue", "open", "early", "undetermined", "lapsed"]
    rule: str | None = Field(None, description="Defaults to the rule the example belongs to.")
    due: date | datetime | Literal["none"] | None = Field(
        None, description='Checked when given; "none" means the finding has no due date.'
    )
    trigger: str | None = None
    fulfilled_by: str | None = None


class Example(_Strict):
    """A worked example: a small case and the findings this rule must give for it."""

    name: str = Field(min_length=1)
    as_of: date | datetime
    profile: str = "default"
    child: dict[str, date] | None = None
    municipal_deadlines: MunicipalDeadlines | None = Field(
        None, description="The municipality's own deadlines the example is evaluated with."
    )
    events: tuple[dict[str, Scalar | datetime | None], ...] = ()
    expect: tuple[Expected, ...]


class Rule(_Strict):
    """One duty in one law version."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*-[0-9]+[a-z]?(-[0-9a-z]+)+$")
    title: Text
    summary: Text
    grade: Grade
    citation: Citation
    obligor: Obligor = Field(
        "kommune",
        description="Who must act: kommune (default), ankestyrelsen, or borger (the citizen's "
        "deadline, reported for information, never a violation).",
    )
    valid_from: date | None = None
    valid_to: date | None = None
    trigger: tuple[Trigger, ...] = Field(min_length=1)
    deadline: Deadline
    fulfilled_by: tuple[Match, ...] = Field(min_length=1)
    lapses: tuple[Lapse, ...] = ()
    after_repeal: AfterRepeal | None = None
    interpretation: tuple[str, ...] = Field(
        (), description="What in this rule is lovfrist's reading rather than the statute's words."
    )
    examples: tuple[Example, ...] = Field(
        min_length=1, alias="example", description="Written [[rule.example]] in a rule file."
    )

    @model_validator(mode="after")
    def _validity(self) -> Rule:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        final = [t for t in self.trigger if t.final_decision is not None]
        if final and (self.deadline.kind != "period" or self.deadline.unit is Unit.TIMER):
            raise ValueError(
                "final_decision restarts a period counted in days, weeks, months or years; "
                f"this deadline is {self.deadline.kind!r}"
                + (" in hours" if self.deadline.unit is Unit.TIMER else "")
            )
        return self

    def in_force(self, day: date) -> bool:
        """Whether an obligation triggered on ``day`` is governed by this rule."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to
