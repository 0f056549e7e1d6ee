"""The event vocabulary (v1 of ``spec/events.md``, with documented extensions).

One frozen pydantic model per event type. The names are the contract journal systems integrate
against: they are never renamed; new types and attributes may be added (``docs/events.md``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, JsonValue, field_validator

from lovfrist.calendar import COPENHAGEN, local_wall_time
from lovfrist.limits import MAX_ID_LENGTH, MAX_META_DEPTH, nesting_depth

__all__ = [
    "EVENT_TYPES",
    "Event",
    "EventBase",
    "Moment",
    "check_meta_depth",
]


def _parse_moment(value: Any) -> Any:
    """ISO 8601 date or datetime; naive datetimes are Copenhagen wall time."""
    if isinstance(value, str):
        text = value.strip()
        if "T" not in text.upper() and " " not in text:
            # A date in any ISO 8601 form (2024-03-10, 20240310, 2024-W10-7) is a date, not
            # midnight: reading it as 00:00 would change hour deadlines and event order.
            try:
                return date.fromisoformat(text)
            except ValueError:
                if len(text) <= 10:
                    short = text if len(text) <= 40 else text[:37] + "..."
                    raise ValueError(
                        f"{short!r} is not a valid date; expected YYYY-MM-DD, e.g. 2024-03-01"
                    ) from None
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            short = text if len(text) <= 40 else text[:37] + "..."
            raise ValueError(
                f"{short!r} is not an ISO 8601 date or datetime; expected e.g. 2024-03-01 "
                "or 2024-03-01T14:05:00+01:00"
            ) from None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return local_wall_time(value)
        return value
    if isinstance(value, date):
        return value
    raise ValueError("expected an ISO 8601 date or datetime string")


def _parse_instant(value: Any) -> Any:
    parsed = _parse_moment(value)
    if not isinstance(parsed, datetime):
        # A registration stamp given as a date is read as the start of that day.
        return datetime.combine(parsed, datetime.min.time(), tzinfo=COPENHAGEN)
    return parsed


def check_meta_depth(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """Refuse a ``meta`` object nested deeper than :data:`~lovfrist.limits.MAX_META_DEPTH`."""
    if value is not None and nesting_depth(value) > MAX_META_DEPTH:
        raise ValueError(f"meta is nested deeper than the limit of {MAX_META_DEPTH} levels")
    return value


#: ``at``: a date, or an aware datetime (naive input is read as Copenhagen wall time).
Moment = Annotated[datetime | date, BeforeValidator(_parse_moment)]
_Instant = Annotated[datetime, BeforeValidator(_parse_instant)]

_DECISIONS = frozenset({"afgoerelse", "buu_afgoerelse", "formandsafgoerelse"})


class EventBase(BaseModel):
    """Fields every event has. ``at`` is when it happened; ``ref`` the event it answers."""

    # defer_build: a case validates its events through Case's own schema; building every event
    # type's validator as well at import took about 50 ms of each command-line start.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    type: str
    id: str | None = Field(
        default=None, min_length=1, max_length=MAX_ID_LENGTH, description="Unique within the case."
    )
    at: Moment = Field(description="ISO 8601 date or datetime; naive = Europe/Copenhagen.")
    ref: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_ID_LENGTH,
        description="id of the event this one answers.",
    )
    registered_at: _Instant | None = Field(
        default=None, description="When the event was entered in the journal."
    )
    meta: dict[str, JsonValue] | None = Field(
        default=None, description="Carried through untouched; never read by rules."
    )

    @field_validator("meta")
    @classmethod
    def _meta_depth(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        return check_meta_depth(value)

    #: Danish and English label of the event, used in explanations.
    label: ClassVar[tuple[str, str]] = ("hændelse", "event")
    #: Event types ``ref`` may name (None: any type).
    ref_types: ClassVar[frozenset[str] | None] = None


class Underretning(EventBase):
    """A notification about a child received by the municipality (SEL § 153-155 b; BL § 132-137)."""

    type: Literal["underretning"]
    fagperson: bool = Field(False, description="From a professional (skærpet underretningspligt).")
    anonym: bool = Field(False, description="The notifier is anonymous.")
    overgreb: bool = Field(False, description="The notification concerns abuse.")
    label = ("underretning modtaget", "notification received")


class UnderretningVurderet(EventBase):
    """The documented 24-hour assessment of an underretning."""

    type: Literal["underretning_vurderet"]
    label = ("underretning vurderet", "notification assessed")
    ref_types = frozenset({"underretning"})


class Kvittering(EventBase):
    """Acknowledgement of receipt sent to the notifier."""

    type: Literal["kvittering"]
    label = ("kvittering sendt", "acknowledgement sent")
    ref_types = frozenset({"underretning"})


class Tilbagemelding(EventBase):
    """The professional notifier told whether the notification led to an investigation."""

    type: Literal["tilbagemelding"]
    label = ("tilbagemelding til underretter", "feedback to the notifier")
    ref_types = frozenset({"underretning"})


class Henvendelse(EventBase):
    """A request for help from the parents, the child or the young person."""

    type: Literal["henvendelse"]
    label = ("henvendelse modtaget", "request for help received")


class BfuStart(EventBase):
    """Decision to carry out a børnefaglig undersøgelse (SEL § 50; BL § 20).

    With ``art = "kommende_foraeldre"``: the decision to investigate the expectant parents
    (SEL § 50, stk. 9; BL § 26, stk. 1), which has its own 4 months in BL § 26, stk. 3.
    """

    type: Literal["bfu_start"]
    opmaerksom: date | None = Field(
        None, description="Documented date the municipality became aware, where it differs."
    )
    art: Literal["boernefaglig", "kommende_foraeldre"] = Field(
        "boernefaglig",
        description="Extension: the kind of investigation. boernefaglig: a børnefaglig "
        "undersøgelse of the child (SEL § 50, stk. 1-7; BL § 20); kommende_foraeldre: the "
        "investigation of the expectant parents (SEL § 50, stk. 9; BL § 26, stk. 1).",
    )
    label = ("børnefaglig undersøgelse påbegyndt", "child welfare investigation started")
    ref_types = frozenset({"underretning", "henvendelse"})


class ForeloebigVurdering(EventBase):
    """The provisional assessment made when the investigation cannot be finished in time."""

    type: Literal["foreloebig_vurdering"]
    label = ("foreløbig vurdering", "provisional assessment")
    ref_types = frozenset({"bfu_start"})


class BfuAfsluttet(EventBase):
    """The investigation concluded."""

    type: Literal["bfu_afsluttet"]
    label = ("børnefaglig undersøgelse afsluttet", "child welfare investigation concluded")
    ref_types = frozenset({"bfu_start"})


class Boernesamtale(EventBase):
    """A conversation with the child or young person."""

    type: Literal["boernesamtale"]
    undladt: bool = Field(
        False,
        description="Extension: the conversation was omitted, with the documented reason the law "
        "allows (BL § 5, stk. 4; BL § 137, stk. 4; SEL § 48, stk. 2; SEL § 155 a, stk. 3).",
    )
    label = ("børnesamtale", "conversation with the child")


class Afgoerelse(EventBase):
    """The municipality's decision about a measure (SEL § 52 / BL §§ 32, 46)."""

    type: Literal["afgoerelse"]
    indsats: Literal["stoette", "anbringelse"] = Field(
        description="stoette: support measure (SEL § 52 / BL § 32); anbringelse: placement with "
        "consent (SEL § 52, stk. 3, nr. 7 / BL § 46)."
    )
    foreloebig: bool = Field(False, description="Provisional or acute decision.")
    hjemmel: str | None = Field(None, description="The exact paragraph as the journal records it.")
    plan: bool | None = Field(
        None,
        description="Extension: the stance taken with the decision on whether a barnets plan "
        "(BL § 91, stk. 1, 1. pkt.) or ungeplan (BL § 108, stk. 1) is to be made.",
    )
    label = ("afgørelse truffet", "decision made")


class Formandsafgoerelse(EventBase):
    """Provisional decision by the chair of børn og unge-udvalget (SEL § 75; BL § 143)."""

    type: Literal["formandsafgoerelse"]
    ungdomskriminalitet: bool = Field(
        False,
        description="Extension: the decision concerns a child or young person with a "
        "straksreaktion (ungdomskriminalitetsloven § 12) or in a forbedringsforløb (§§ 13-14); "
        "Ungdomskriminalitetsnævnet is to be informed at once (BL § 143, stk. 8; SEL § 75, "
        "stk. 7).",
    )
    label = ("formandsafgørelse iværksat", "chair's provisional decision took effect")


class BuuAfgoerelse(EventBase):
    """A decision of børn og unge-udvalget."""

    type: Literal["buu_afgoerelse"]
    art: Literal[
        "anbringelse",
        "godkendelse",
        "opretholdelse",
        "permanent",
        "undersoegelse_ophold",
        "undersoegelse_boernehus",
    ] = Field(
        description="anbringelse (SEL § 58 / BL § 47), godkendelse (of a formandsafgørelse), "
        "opretholdelse (SEL § 62 / BL § 50), permanent (SEL § 68 a / BL § 67). Extension: "
        "undersoegelse_ophold (a børnefaglig undersøgelse without consent during a stay at an "
        "institution or in hospital, SEL § 51, stk. 1 / BL § 23, stk. 1), "
        "undersoegelse_boernehus (one without consent using the børnehus, SEL § 51, stk. 2 / "
        "BL § 23, stk. 2)."
    )
    frist: date | None = Field(None, description="A re-examination date the committee set.")
    tidligere_anbragt: bool | None = Field(
        None,
        description="Extension: the child was placed outside the home within the year before "
        "this placement (SEL § 62, stk. 2; BL § 50, stk. 2: re-examination after 2 years).",
    )
    overensstemmelse: bool | None = Field(
        None,
        description="Extension: for a decision whose ref names a direktoerafgoerelse, whether it "
        "is in accordance with that provisional decision of Ankestyrelsen's director (BL § 143, "
        "stk. 7; SEL § 75, stk. 6). false: it departs from it. None: not recorded.",
    )
    label = ("afgørelse i børn og unge-udvalget", "decision of the children and youth committee")


class Meddelelse(EventBase):
    """Extension: written notice of a decision given to the parties (BL § 143, stk. 3)."""

    type: Literal["meddelelse"]
    label = ("skriftlig meddelelse", "written notice")
    ref_types = _DECISIONS


class IndsatsStart(EventBase):
    """The measure or placement actually begins (iværksættelse)."""

    type: Literal["indsats_start"]
    label = ("indsats iværksat", "measure started")
    ref_types = _DECISIONS


class IndsatsOphoer(EventBase):
    """The measure or placement ends."""

    type: Literal["indsats_ophoer"]
    hjemgivet: bool = Field(
        False,
        description="Extension: the placement ended with the child's return home (hjemgivelse, "
        "BL § 100; SEL § 68, stk. 2); the event's at is the day the child moved home.",
    )
    label = ("indsats ophørt", "measure ended")
    ref_types = frozenset({"indsats_start"})


class Handleplan(EventBase):
    """An action plan under SEL § 140 exists."""

    type: Literal["handleplan"]
    kortfattet: bool = Field(
        False, description="Only the brief statement of purpose (SEL § 140, stk. 1, 2. pkt.)."
    )
    revision_hjemgivelse: bool = Field(
        False,
        description="Extension: this is the revision of the plan before a return home, stating "
        "the further measures in connection with it (BL § 100, stk. 5; SEL § 68, stk. 10).",
    )
    label = ("handleplan", "action plan")
    ref_types = _DECISIONS


class BarnetsPlan(EventBase):
    """Barnets plan under BL § 91 exists."""

    type: Literal["barnets_plan"]
    revision_hjemgivelse: bool = Field(
        False,
        description="Extension: this is the revision of the plan before a return home, stating "
        "the further measures in connection with it (BL § 100, stk. 5; SEL § 68, stk. 10).",
    )
    label = ("barnets plan", "child's plan")
    ref_types = _DECISIONS


class Ungeplan(EventBase):
    """Ungeplan under BL § 108 exists."""

    type: Literal["ungeplan"]
    revision_hjemgivelse: bool = Field(
        False,
        description="Extension: this is the revision of the plan before a return home, stating "
        "the further measures in connection with it (BL § 100, stk. 5; SEL § 68, stk. 10).",
    )
    label = ("ungeplan", "youth plan")
    ref_types = _DECISIONS


class Opfoelgning(EventBase):
    """A follow-up on a measure."""

    type: Literal["opfoelgning"]
    naeste: date | None = Field(None, description="The next follow-up decided (BL § 95, stk. 3).")
    label = ("opfølgning", "follow-up")
    ref_types = frozenset({"indsats_start"})


class Tilsynsbesoeg(EventBase):
    """A supervision visit at the placement with a conversation with the child."""

    type: Literal["tilsynsbesoeg"]
    label = ("tilsynsbesøg", "supervision visit")
    ref_types = frozenset({"indsats_start"})


class Hjemgivelse(EventBase):
    """Decision to send a placed child home."""

    type: Literal["hjemgivelse"]
    periode_slut: date | None = Field(None, description="End of the hjemgivelsesperiode.")
    periode_start: date | None = Field(
        None,
        description="Extension: first day of the hjemgivelsesperiode, where it differs from the "
        "date of the decision (BL § 100, stk. 3; SEL § 68, stk. 4).",
    )
    label = ("afgørelse om hjemgivelse", "decision to return the child home")


# --- Hjemgivelse (returning a placed child home; BL §§ 100-102, SEL §§ 68-69) --------------------


class UdtalelseAnbringelsessted(EventBase):
    """Extension: a statement obtained from the current anbringelsessted (BL § 100, stk. 2).

    Its ``ref`` names the decision it informs (a ``hjemgivelse``).
    """

    type: Literal["udtalelse_anbringelsessted"]
    label = ("udtalelse fra anbringelsesstedet", "statement from the placement")


class AnmodningHjemgivelse(EventBase):
    """Extension: a request that a placed child be returned home (BL § 102; SEL § 68, stk. 3).

    ``at`` is when the request was made to the municipality; ``ref`` names the decision under
    which the child is placed.
    """

    type: Literal["anmodning_hjemgivelse"]
    ung: bool = Field(
        False,
        description="The request is from the young person (fyldt 15 år) rather than from the "
        "forældremyndighedsindehaver (BL § 102, stk. 1, 2. pkt.; SEL § 68, stk. 3, 2. pkt.).",
    )
    sag_under_behandling: bool = Field(
        False,
        description="The case was under treatment in Ankestyrelsen or a court when the request "
        "was made: no duty to treat it (BL § 102, stk. 2; SEL § 68, stk. 6).",
    )
    label = ("anmodning om hjemgivelse", "request for return home")
    ref_types = _DECISIONS


class StillingtagenHjemgivelse(EventBase):
    """Extension: the municipality's documented position on a request for return home.

    Whatever the outcome (a refusal, or putting the case before børn og unge-udvalget).
    """

    type: Literal["stillingtagen_hjemgivelse"]
    label = ("stillingtagen til anmodning om hjemgivelse", "position on the request")
    ref_types = frozenset({"anmodning_hjemgivelse"})


class OrienteringBuu(EventBase):
    """Extension: børn og unge-udvalget informed of a decision on hjemgivelse (BL § 102, stk. 5)."""

    type: Literal["orientering_buu"]
    label = ("orientering af børn og unge-udvalget", "committee informed")
    ref_types = frozenset({"hjemgivelse"})


# --- end of hjemgivelse --------------------------------------------------------------------------


class AfgoerelseUngestoette(EventBase):
    """Decision on support after 18 (efterværn SEL § 76 / ungestøtte BL §§ 114-116)."""

    type: Literal["afgoerelse_ungestoette"]
    label = ("afgørelse om ungestøtte/efterværn", "decision on support after 18")


class Klage(EventBase):
    """A complaint about a decision received by the municipality."""

    type: Literal["klage"]
    label = ("klage modtaget", "complaint received")
    ref_types = _DECISIONS | frozenset({"hjemgivelse", "afgoerelse_ungestoette"})


class Genvurdering(EventBase):
    """The municipality's re-assessment of a complaint."""

    type: Literal["genvurdering"]
    label = ("genvurdering af klage", "re-assessment of the complaint")
    ref_types = frozenset({"klage"})


# --- Ankestyrelsen (its own deadlines; the final decision on appeal; RSL § 73, RBEK § 16) -------

#: Outcome of a decision by Ankestyrelsen or a court on the decision complained of.
_Udfald = Literal["stadfaestet", "aendret", "ophaevet", "hjemvist", "afvist"]
_UDFALD_DESCRIPTION = (
    "Extension: the outcome for the decision complained of. stadfaestet: upheld; aendret: "
    "changed, the measure stands in changed form; ophaevet: set aside, the measure falls away; "
    "hjemvist: sent back for a new decision; afvist: the complaint or request was dismissed "
    "without examination. None: not recorded."
)


class AstModtaget(EventBase):
    """Extension: a case received by Ankestyrelsen; ``at`` is the day it was received there.

    ``art = "klage"``: a complaint about a decision (sent on by the municipality, RBEK § 11); its
    ``ref`` names the decision complained of. ``art = "underretning"``: an underretning to
    Ankestyrelsen that the municipality has not taken the steps or decisions needed (BL § 152;
    SEL § 65, stk. 5), on which Ankestyrelsen decides whether to take the case up (BL § 151;
    SEL § 65; RBEK § 16, stk. 1).
    """

    type: Literal["ast_modtaget"]
    art: Literal["klage", "underretning"] = Field(
        "klage",
        description="Extension: klage: a complaint about the decision named by ref (RSL § 73, "
        "stk. 2); underretning: an underretning to Ankestyrelsen under BL § 152 (SEL § 65, "
        "stk. 5), to decide whether to take the case up of its own motion (RBEK § 16, stk. 1).",
    )
    label = ("sag modtaget i Ankestyrelsen", "case received by Ankestyrelsen")
    ref_types = _DECISIONS | frozenset({"hjemgivelse", "afgoerelse_ungestoette"})


class AstAfgoerelse(EventBase):
    """Extension: Ankestyrelsen's decision in a case it received (``ast_modtaget``).

    Its ``ref`` names the same decision as the ``ast_modtaget`` (the decision complained of). For
    an underretning (``ast_modtaget.art = "underretning"``) it records the decision whether to
    take the case up (RBEK § 16, stk. 1).
    """

    type: Literal["ast_afgoerelse"]
    udfald: _Udfald | None = Field(None, description=_UDFALD_DESCRIPTION)
    label = ("afgørelse i Ankestyrelsen", "decision of Ankestyrelsen")
    ref_types = _DECISIONS | frozenset({"hjemgivelse", "afgoerelse_ungestoette"})


class Dom(EventBase):
    """Extension: a court's judgment on a decision of Ankestyrelsen (BL §§ 147-149; SEL § 169).

    Its ``ref`` names the ``ast_afgoerelse`` brought before the court, or the judgment appealed.
    """

    type: Literal["dom"]
    udfald: _Udfald | None = Field(None, description=_UDFALD_DESCRIPTION)
    label = ("dom", "court judgment")
    ref_types = frozenset({"ast_afgoerelse", "dom"})


# --- end of Ankestyrelsen ------------------------------------------------------------------------


# --- Ankestyrelsens direktør (provisional decision; BL § 143, stk. 6-7; SEL § 75, stk. 5-6) -----


class Direktoerafgoerelse(EventBase):
    """Extension: a provisional decision by the director of Ankestyrelsen.

    The director has the powers of the committee's chair (BL § 143, stk. 6; SEL § 75, stk. 5).
    ``at`` is when it took effect (iværksættelse). The committee's decision on the matter refers
    to it by ``ref`` and records ``overensstemmelse``.
    """

    type: Literal["direktoerafgoerelse"]
    art: Literal["undersoegelse", "flytning"] | None = Field(
        None,
        description="Extension: a decision with its own validity under BL § 143, stk. 5, 2.-3. "
        "pkt. (SEL § 75, stk. 4, 2.-3. pkt.). undersoegelse: an investigation without consent "
        "(BL § 23 / SEL § 51, or ungdomskriminalitetsloven § 32), valid until it ends, at most 2 "
        "måneder; flytning: BL § 42, stk. 4 / SEL § 78, stk. 4, valid until a new decision. "
        "None: any other provisional decision (valid 1 måned).",
    )
    ungdomskriminalitet: bool = Field(
        False,
        description="Extension: the decision concerns a child or young person with a "
        "straksreaktion (ungdomskriminalitetsloven § 12) or in a forbedringsforløb (§§ 13-14); "
        "Ungdomskriminalitetsnævnet is to be informed at once (BL § 143, stk. 8; SEL § 75, "
        "stk. 7).",
    )
    label = (
        "foreløbig afgørelse truffet af Ankestyrelsens direktør",
        "provisional decision of the director of Ankestyrelsen",
    )


class OrienteringAst(EventBase):
    """Extension: Ankestyrelsen informed by the committee (BL § 143, stk. 7, 1. pkt.).

    Its ``ref`` names the committee's decision that departs from the director's provisional
    decision; ``at`` is when the orientering was given.
    """

    type: Literal["orientering_ast"]
    label = ("orientering af Ankestyrelsen", "Ankestyrelsen informed")
    ref_types = frozenset({"buu_afgoerelse"})


class DirektoerStillingtagen(EventBase):
    """Extension: the director's decision whether the committee's decision shall take effect.

    BL § 143, stk. 7, 2. pkt.; SEL § 75, stk. 6, 2. pkt. Its ``ref`` names that committee
    decision (``buu_afgoerelse``).
    """

    type: Literal["direktoer_stillingtagen"]
    virkning: bool = Field(
        description="Extension: true: the committee's decision shall take effect; false: it "
        "shall not, and Ankestyrelsen decides the case itself (BL § 143, stk. 7, 3. pkt.; SEL "
        "§ 75, stk. 6, 3. pkt.)."
    )
    label = (
        "direktørens stillingtagen til udvalgets afgørelse",
        "director's decision on the committee's decision",
    )
    ref_types = frozenset({"buu_afgoerelse"})


class OrienteringUkn(EventBase):
    """Extension: Ungdomskriminalitetsnævnet informed of a provisional decision.

    BL § 143, stk. 8; SEL § 75, stk. 7. Its ``ref`` names the ``formandsafgoerelse`` or
    ``direktoerafgoerelse``; ``at`` is when the orientering was given.
    """

    type: Literal["orientering_ukn"]
    label = ("orientering af Ungdomskriminalitetsnævnet", "Ungdomskriminalitetsnævnet informed")
    ref_types = frozenset({"formandsafgoerelse", "direktoerafgoerelse"})


# --- end of Ankestyrelsens direktør --------------------------------------------------------------


# --- Samvær (contact between a placed child and the family; BL §§ 103-104) ----------------------


class Samvaersafgoerelse(EventBase):
    """Extension: the municipality's decision on samvær and kontakt with a placed child.

    With ``art = "suspension"``: samvær with the parents or the network suspended on the child's
    request, for up to 8 uger (BL § 104, stk. 5; stk. 4 before LBK 282/2025). ``at`` is the
    decision; the suspension runs from it to ``periode_slut``.
    """

    type: Literal["samvaersafgoerelse"]
    art: Literal["suspension"] = Field(
        description="suspension: samvær with the parents or the network suspended on the "
        "child's request under BL § 103, stk. 2 (BL § 104, stk. 5; stk. 4 before LBK 282/2025)."
    )
    periode_slut: date | None = Field(
        None, description="The last day of the suspension the decision sets."
    )
    label = ("afgørelse om samvær", "decision on contact")


# --- end of samvær -------------------------------------------------------------------------------


# === vocabulary topic A (classes) ===


# === vocabulary topic B (classes) ===


# === vocabulary topic C (classes) ===


# === vocabulary topic D (classes) ===


class SagLukket(EventBase):
    """The case is closed."""

    type: Literal["sag_lukket"]
    label = ("sag lukket", "case closed")


_EVENT_CLASSES: tuple[type[EventBase], ...] = (
    Underretning,
    UnderretningVurderet,
    Kvittering,
    Tilbagemelding,
    Henvendelse,
    BfuStart,
    ForeloebigVurdering,
    BfuAfsluttet,
    Boernesamtale,
    Afgoerelse,
    Formandsafgoerelse,
    BuuAfgoerelse,
    Meddelelse,
    IndsatsStart,
    IndsatsOphoer,
    Handleplan,
    BarnetsPlan,
    Ungeplan,
    Opfoelgning,
    Tilsynsbesoeg,
    Hjemgivelse,
    UdtalelseAnbringelsessted,
    AnmodningHjemgivelse,
    StillingtagenHjemgivelse,
    OrienteringBuu,
    AfgoerelseUngestoette,
    Klage,
    Genvurdering,
    AstModtaget,
    AstAfgoerelse,
    Dom,
    Direktoerafgoerelse,
    OrienteringAst,
    DirektoerStillingtagen,
    OrienteringUkn,
    Samvaersafgoerelse,
    # === vocabulary topic A (tuple) ===
    # === vocabulary topic B (tuple) ===
    # === vocabulary topic C (tuple) ===
    # === vocabulary topic D (tuple) ===
    SagLukket,
)

#: Event type name → its model class.
EVENT_TYPES: dict[str, type[EventBase]] = {
    cls.model_fields["type"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in _EVENT_CLASSES
}

Event = Annotated[
    Underretning
    | UnderretningVurderet
    | Kvittering
    | Tilbagemelding
    | Henvendelse
    | BfuStart
    | ForeloebigVurdering
    | BfuAfsluttet
    | Boernesamtale
    | Afgoerelse
    | Formandsafgoerelse
    | BuuAfgoerelse
    | Meddelelse
    | IndsatsStart
    | IndsatsOphoer
    | Handleplan
    | BarnetsPlan
    | Ungeplan
    | Opfoelgning
    | Tilsynsbesoeg
    | Hjemgivelse
    | UdtalelseAnbringelsessted
    | AnmodningHjemgivelse
    | StillingtagenHjemgivelse
    | OrienteringBuu
    | AfgoerelseUngestoette
    | Klage
    | Genvurdering
    | AstModtaget
    | AstAfgoerelse
    | Dom
    | Direktoerafgoerelse
    | OrienteringAst
    | DirektoerStillingtagen
    | OrienteringUkn
    | Samvaersafgoerelse
    # === vocabulary topic A (union) ===
    # === vocabulary topic B (union) ===
    # === vocabulary topic C (union) ===
    # === vocabulary topic D (union) ===
    | SagLukket,
    Field(discriminator="type"),
]
"""Any event of the vocabulary, told apart by ``type``."""


def attributes_of(event_type: str) -> dict[str, Any]:
    """The type-specific attributes of ``event_type`` and their annotations."""
    common = set(EventBase.model_fields)
    cls = EVENT_TYPES[event_type]
    return {n: f.annotation for n, f in cls.model_fields.items() if n not in common}
