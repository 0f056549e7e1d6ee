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

# Extension (vocabulary topic C): what a placement decision records about the placement.
_OMSORGSSVIGT_DESCRIPTION = (
    "Extension, for a placement decision: the child is placed because of utilstrækkelig omsorg "
    "for eller behandling af barnet, or overgreb the child has been exposed to (BL § 21, stk. "
    "2). None: not recorded."
)
_SOESKENDE_DESCRIPTION = (
    "Extension, for a placement decision: the child has siblings under 15 in the household "
    "(BL § 21, stk. 2). None: not recorded."
)
_ANDEN_KOMMUNE_DESCRIPTION = (
    "Extension, for a placement decision: the anbringelsessted lies in another municipality "
    "than the one placing the child (BL § 52, stk. 5; SEL § 68 b, stk. 1, 3. pkt.: the "
    "opholdskommune). None: not recorded."
)


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
    indsats_ivaerksat: bool = Field(
        False,
        description="Extension: when it was received, the municipality had already iværksat "
        "støttende indsatser (BL § 32), a placement (BL §§ 46, 47 or 67) or measures under the "
        "ungdomskriminalitet act for the child (SEL § 155 a, stk. 1: foranstaltninger); the "
        "case must be re-assessed (BL § 137, stk. 1).",
    )
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
    """A request for help from the parents, the child or the young person.

    With ``sagsomraade``: an application (ansøgning) in a case area for which the municipality
    has set and published a case-processing deadline (RSL § 3, stk. 2).
    """

    type: Literal["henvendelse"]
    sagsomraade: str | None = Field(
        None,
        min_length=1,
        description="Extension: the case area of an application, exactly as the municipality's "
        "published case-processing deadlines name it (RSL § 3, stk. 2; the municipal deadlines "
        "configuration). Set only when the henvendelse is an ansøgning.",
    )
    stofmisbrug: bool = Field(
        False,
        description="Extension: a request for social behandling of the child's or young "
        "person's stofmisbrug (BL § 33, stk. 1; SEL § 101, stk. 4), where the child has the "
        "serious social and behavioural problems because of it that BL § 33, stk. 1 requires.",
    )
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
    omsorgssvigt: bool | None = Field(None, description=_OMSORGSSVIGT_DESCRIPTION)
    soeskende_under_15: bool | None = Field(None, description=_SOESKENDE_DESCRIPTION)
    anden_kommune: bool | None = Field(None, description=_ANDEN_KOMMUNE_DESCRIPTION)
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
    omsorgssvigt: bool | None = Field(None, description=_OMSORGSSVIGT_DESCRIPTION)
    soeskende_under_15: bool | None = Field(None, description=_SOESKENDE_DESCRIPTION)
    anden_kommune: bool | None = Field(None, description=_ANDEN_KOMMUNE_DESCRIPTION)
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
    anbragt_siden: date | None = Field(
        None,
        description="Extension, for a decision on genbehandling (art opretholdelse): the day "
        "the child's current placement began, to tell whether the child has been placed for 3 "
        "years (BL § 50, stk. 7, 2. pkt.). None: not recorded.",
    )
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
    omsorgssvigt: bool | None = Field(None, description=_OMSORGSSVIGT_DESCRIPTION)
    soeskende_under_15: bool | None = Field(None, description=_SOESKENDE_DESCRIPTION)
    anden_kommune: bool | None = Field(None, description=_ANDEN_KOMMUNE_DESCRIPTION)
    label = ("afgørelse i børn og unge-udvalget", "decision of the children and youth committee")


class Meddelelse(EventBase):
    """Extension: written notice of a decision given to the parties (BL § 143, stk. 3).

    It also starts the citizen's klagefrist, which runs from when the complainant »har fået
    meddelelse om afgørelsen« (RSL § 67, stk. 1; BL § 146, stk. 1; SEL § 168, stk. 1): the day of
    receipt, ``modtaget``, where it is known; else, for digital post (the default ``form``), the
    day it was sent.
    """

    type: Literal["meddelelse"]
    form: Literal["digital", "brev"] = Field(
        "digital",
        description="Extension: how the notice was sent. digital (the default): Digital Post, "
        "received the day it is sent (Ankestyrelsen's presumption); brev: ordinary post, whose "
        "day of receipt must be given as modtaget.",
    )
    modtaget: date | None = Field(
        None,
        description="Extension: the day the recipient received the notice, where it is known "
        "(the klagefrist runs from it).",
    )
    label = ("skriftlig meddelelse", "written notice")
    ref_types = _DECISIONS


class IndsatsStart(EventBase):
    """The measure or placement actually begins (iværksættelse).

    Extension: its ``ref`` may name an ``afgoerelse_ungestoette``; the measure is then a
    ungestøtte or efterværn measure after 18 (BL §§ 114-116, 120; SEL §§ 76, 76 a).
    """

    type: Literal["indsats_start"]
    eget_vaerelse: bool = Field(
        False,
        description="Extension: the placement is on eget værelse, kollegium or kollegielignende "
        "børne- og ungehjem (BL § 43, stk. 1, nr. 5; SEL § 66, stk. 1, nr. 5), which gives the "
        "fast kontaktperson until 19 (BL § 115, stk. 2; SEL § 76, stk. 6).",
    )
    label = ("indsats iværksat", "measure started")
    ref_types = _DECISIONS | frozenset({"afgoerelse_ungestoette"})


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
    art: Literal[
        "ungestoette", "opretholdt_doegnophold", "opretholdt_doegnophold_funktionsnedsaettelse"
    ] = Field(
        "ungestoette",
        description="Extension: what was decided. ungestoette (the default): measures under BL "
        "§§ 114-116 (SEL § 76, stk. 2-6) other than a maintained døgnophold, or a refusal; "
        "opretholdt_doegnophold: the døgnophold is maintained (BL § 114, stk. 1, nr. 1; SEL § 76, "
        "stk. 3, nr. 1), so no kontaktperson is offered under BL § 115 (SEL § 76, stk. 5-6); "
        "opretholdt_doegnophold_funktionsnedsaettelse: the døgnophold in a plejefamilie of a "
        "young person with betydelig og varigt nedsat funktionsevne is maintained (BL § 120; SEL "
        "§ 76 a, stk. 2).",
    )
    label = ("afgørelse om ungestøtte/efterværn", "decision on support after 18")


class Klage(EventBase):
    """A complaint about a decision received by the municipality."""

    type: Literal["klage"]
    label = ("klage modtaget", "complaint received")
    ref_types = _DECISIONS | frozenset({"hjemgivelse", "afgoerelse_ungestoette"})


class BeskedForsinkelse(EventBase):
    """Extension: written notice to the applicant that the municipality's own deadline cannot be
    kept, saying when a decision can be expected (RSL § 3, stk. 2, 3. pkt.). ``ref`` names the
    application (henvendelse) or the decision Ankestyrelsen sent back (ast_afgoerelse)."""

    type: Literal["besked_forsinkelse"]
    forventet: date | None = Field(
        None, description="When the applicant was told a decision can be expected."
    )
    label = ("besked om forsinkelse", "notice of delay")
    ref_types = frozenset({"henvendelse", "ast_afgoerelse"})


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


# --- Screening, afdækning, genvurdering (BL §§ 18-19, § 137; SEL § 155 a) ------------------------


class Screening(EventBase):
    """Extension: the screening under BL § 18, stk. 1 of a child the municipality knows of.

    ``ref`` names the underretning or henvendelse that gave the municipality »viden om eller
    grund til at antage« that the child needs help. ``resultat`` is which of the three
    problemstillinger of § 18, stk. 1, nr. 1-3 the screening found.
    """

    type: Literal["screening"]
    resultat: Literal["ingen_afdaekning", "afdaekning", "bfu"] | None = Field(
        None,
        description="Extension: the outcome of the screening (BL § 18, stk. 1). "
        "ingen_afdaekning: nr. 1, no further afdækning needed; afdaekning: nr. 2, an afdækning "
        "under § 19 is needed; bfu: nr. 3, a børnefaglig undersøgelse under §§ 20-22 is needed. "
        "None: not recorded.",
    )
    aeresrelateret: bool = Field(
        False,
        description="Extension: the screening showed that there may be æresrelaterede "
        "konflikter or negativ social kontrol; a risikovurdering is due before the parents and "
        "network are involved (BL § 18, stk. 3).",
    )
    label = ("screening", "screening")
    ref_types = frozenset({"underretning", "henvendelse"})


class Risikovurdering(EventBase):
    """Extension: the risikovurdering under BL § 18, stk. 3; ``ref`` names the screening."""

    type: Literal["risikovurdering"]
    label = ("risikovurdering", "risk assessment")
    ref_types = frozenset({"screening"})


class ForaeldreInddraget(EventBase):
    """Extension: the parents and network were first involved in the case (BL § 18, stk. 3).

    ``at`` is when the parents or the network were first told of or involved in the case;
    ``ref`` names the screening that showed a possible æresrelateret konflikt or negativ social
    kontrol, so that the risikovurdering it requires is due by then.
    """

    type: Literal["foraeldre_inddraget"]
    label = ("forældre og netværk inddraget", "parents and network involved")
    ref_types = frozenset({"screening"})


class AfdaekningStart(EventBase):
    """Extension: an afdækning under BL § 19, stk. 1 begun; ``ref`` names the screening."""

    type: Literal["afdaekning_start"]
    label = ("afdækning påbegyndt", "afdækning (needs assessment) started")
    ref_types = frozenset({"screening"})


class AfdaekningAfsluttet(EventBase):
    """Extension: the afdækning under BL § 19, stk. 1 concluded; ``ref`` names its start."""

    type: Literal["afdaekning_afsluttet"]
    label = ("afdækning afsluttet", "afdækning (needs assessment) concluded")
    ref_types = frozenset({"afdaekning_start"})


class GenvurderingUnderretning(EventBase):
    """Extension: the re-assessment of a case on a new underretning (BL § 137, stk. 1).

    Required when the underretning concerns a child with a running støttende indsats, placement
    or ungdomskriminalitet measure (SEL § 155 a, stk. 1: foranstaltninger). ``ref`` names the
    underretning. Not the ``genvurdering`` of a complaint.
    """

    type: Literal["genvurdering_underretning"]
    ny_deltager: bool | None = Field(
        None,
        description="Extension: one or more persons of the municipality's authority for "
        "vulnerable children who had not taken part in the case before took part in the "
        "re-assessment (BL § 137, stk. 1, 2. pkt.; SEL § 155 a, stk. 1, 2. pkt.). None: not "
        "recorded.",
    )
    label = ("genvurdering af sagen efter underretning", "case re-assessed after a notification")
    ref_types = frozenset({"underretning"})


# --- The parties before børne- og ungeudvalget (BL §§ 140-142; SEL §§ 72-74) --------------------

#: Who the act was towards: the custodial parent (or the expectant parents) or the child.
_Part = Literal["foraeldre", "barn"]
_PART_DESCRIPTION = (
    "Extension: whom the act concerned. foraeldre: the forældremyndighedsindehaver or the "
    "kommende forældre; barn: the child or young person."
)


class TilbudAdvokat(EventBase):
    """Extension: an offer of free advokatbistand in a case before børne- og ungeudvalget.

    BL § 140, stk. 1; SEL § 72, stk. 1. ``ref`` names the committee's decision in the case
    (it may come before it); ``part`` whom the offer was made to.
    """

    type: Literal["tilbud_advokat"]
    part: _Part = Field(description=_PART_DESCRIPTION)
    label = ("tilbud om gratis advokatbistand", "offer of free legal counsel")
    ref_types = frozenset({"buu_afgoerelse"})


class OplysningRettigheder(EventBase):
    """Extension: a party told of the right to aktindsigt and to make a statement.

    BL § 141, stk. 1; SEL § 73, stk. 1: before the committee's decision, the right under
    forvaltningsloven to see the case's documents and the right to make a statement. ``ref``
    names the committee's decision (it may come before it).
    """

    type: Literal["oplysning_rettigheder"]
    part: _Part = Field(description=_PART_DESCRIPTION)
    label = (
        "oplysning om aktindsigt og ret til at udtale sig",
        "told of the right of access to documents and to make a statement",
    )
    ref_types = frozenset({"buu_afgoerelse"})


class UdtalelseBuu(EventBase):
    """Extension: a party given the opportunity to speak to børne- og ungeudvalget.

    BL § 142, stk. 2; SEL § 74, stk. 2: before the committee decides. The event records the
    opportunity, whether or not it was used. ``ref`` names the committee's decision.
    """

    type: Literal["udtalelse_buu"]
    part: _Part = Field(description=_PART_DESCRIPTION)
    undladt: bool = Field(
        False,
        description="Extension: the opportunity was not offered to the child because it must be "
        "assumed to harm the child (BL § 142, stk. 2, 2. pkt.; SEL § 74, stk. 2, 2. pkt.).",
    )
    label = ("lejlighed til at udtale sig for udvalget", "opportunity to speak to the committee")
    ref_types = frozenset({"buu_afgoerelse"})


# --- end of topic A ------------------------------------------------------------------------------


# --- Youth crime, stofmisbrug and pålæg (BL §§ 33, 38-39, 130; SEL §§ 57 a-57 c, 101) ----------


class Politidokumentation(EventBase):
    """Extension: documentation from the police received by the municipality.

    The police document that a young person under 18 is suspected of alvorlig kriminalitet
    (BL § 130, stk. 1-2; SEL § 57 c, stk. 1-2). ``at`` is the day the municipality received it.
    """

    type: Literal["politidokumentation"]
    netvaerkssamraad_afholdt: date | None = Field(
        None,
        description="Extension: the day the last netværkssamråd about the young person was held "
        "(BL § 130, stk. 1; SEL § 57 c, stk. 1), where one was held. Documentation received "
        "within 1 år after it calls for a vurdering without a new samråd (BL § 130, stk. 2; SEL "
        "§ 57 c, stk. 2). None: no earlier netværkssamråd.",
    )
    ungdomskriminalitetsnaevn: bool = Field(
        False,
        description="Extension: the young person is covered by lov om bekæmpelse af "
        "ungdomskriminalitet (the case goes to Ungdomskriminalitetsnævnet), so BL § 130, stk. "
        "1-2 (SEL § 57 c, stk. 1-2) do not apply (BL § 130, stk. 3, 1. pkt.; SEL § 57 c, stk. 3).",
    )
    label = ("dokumentation fra politiet modtaget", "documentation from the police received")


class UknAfvisning(EventBase):
    """Extension: the case received back from Ungdomskriminalitetsnævnet, which dismissed it.

    Ungdomskriminalitetsnævnet afviser the case under ungdomskriminalitetsloven § 42, stk. 1;
    ``at`` is the day the municipality received the case (BL § 130, stk. 3, 2. pkt.; SEL § 57 c,
    stk. 4). Its ``ref`` may name the police documentation the case began with.
    """

    type: Literal["ukn_afvisning"]
    label = (
        "sag modtaget efter Ungdomskriminalitetsnævnets afvisning",
        "case received after dismissal by Ungdomskriminalitetsnævnet",
    )
    ref_types = frozenset({"politidokumentation"})


class IndkaldelseNetvaerkssamraad(EventBase):
    """Extension: the indkaldelse to a netværkssamråd sent (BL § 130; SEL § 57 c).

    The young person, the forældremyndighedsindehaver, relevant persons from the network and
    relevant professionals are called to the samråd. ``at`` is the day the indkaldelse was sent
    (the statute times the indkaldelse, not the meeting); ``ref`` names the police documentation
    or the case received from Ungdomskriminalitetsnævnet it answers.
    """

    type: Literal["indkaldelse_netvaerkssamraad"]
    label = ("indkaldelse til netværkssamråd", "netværkssamråd convened")
    ref_types = frozenset({"politidokumentation", "ukn_afvisning"})


class Indsatsvurdering(EventBase):
    """Extension: the documented vurdering of whether to start or change measures.

    Made without a new netværkssamråd when police documentation of repeated serious crime
    arrives within 1 år after a samråd (BL § 130, stk. 2; SEL § 57 c, stk. 2). Its ``ref`` names
    that ``politidokumentation``.
    """

    type: Literal["indsatsvurdering"]
    label = ("vurdering af behov for indsats", "assessment of the need for measures")
    ref_types = frozenset({"politidokumentation"})


class Stofmisbrugsbehandling(EventBase):
    """Extension: social behandling of the child's stofmisbrug iværksat (BL § 33; SEL § 101).

    ``at`` is the day the treatment began; ``ref`` names the ``henvendelse`` it answers.
    """

    type: Literal["stofmisbrugsbehandling"]
    label = ("social stofmisbrugsbehandling iværksat", "social drug treatment started")
    ref_types = frozenset({"henvendelse"})


class Paalaeg(EventBase):
    """Extension: the municipality's decision on a forældrepålæg or a børne- og ungepålæg.

    BL § 38 (SEL § 57 a): forældrepålæg to the forældremyndighedsindehaver; BL § 39 (SEL § 57 b):
    børne- og ungepålæg to a child or young person aged 10-17. ``at`` is the decision; the pålæg
    runs from it to ``periode_slut``. A forlængelse is a new decision with ``forlaengelse = true``
    whose ``ref`` names the pålæg it extends.
    """

    type: Literal["paalaeg"]
    art: Literal["foraeldrepaalaeg", "boerne_ungepaalaeg"] = Field(
        description="foraeldrepaalaeg: BL § 38 / SEL § 57 a; boerne_ungepaalaeg: børne- og "
        "ungepålæg, BL § 39 / SEL § 57 b."
    )
    periode_slut: date | None = Field(
        None, description="The last day of the period the decision sets (BL § 38, stk. 5)."
    )
    forlaengelse: bool = Field(
        False,
        description="The decision extends a running pålæg (»kan forlænges med højst 6 måneder "
        "ad gangen«, BL § 38, stk. 5, 2. pkt.; SEL § 57 a, stk. 6, 2. pkt.).",
    )
    label = ("afgørelse om pålæg", "decision on a pålæg")
    ref_types = frozenset({"paalaeg"})


# --- end of youth crime, stofmisbrug and pålæg ----------------------------------------------------


# --- Around a placement: siblings, the beliggenhedskommune, change of handlekommune ------------


class SoeskendeBfu(EventBase):
    """Extension: the siblings' børnefaglig undersøgelse begun, recorded in the placed child's case.

    BL § 21, stk. 2: a child placed because of utilstrækkelig omsorg or overgreb, with siblings
    under 15 in the household; the siblings' own investigations run in their own cases. With
    ``undladt = true``: the documented decision not to investigate because it is obviously not
    needed (BL § 21, stk. 3). ``ref`` names the placement (its ``indsats_start``); an event
    dated before the placement began counts only with that ``ref``.
    """

    type: Literal["soeskende_bfu"]
    undladt: bool = Field(
        False,
        description="The municipality decided not to investigate the siblings because it is "
        "obviously not needed (BL § 21, stk. 3).",
    )
    label = ("børnefaglig undersøgelse af søskende iværksat", "siblings' investigation begun")
    ref_types = frozenset({"indsats_start"})


class OrienteringBeliggenhedskommune(EventBase):
    """Extension: the municipality where the anbringelsessted lies informed of the placement.

    BL § 52, stk. 5 (orientere); SEL § 68 b, stk. 1, 3. pkt. (underrette den stedlige kommune).
    ``ref`` names the placement (its ``indsats_start``).
    """

    type: Literal["orientering_beliggenhedskommune"]
    label = (
        "orientering af beliggenhedskommunen",
        "municipality of the placement informed",
    )
    ref_types = frozenset({"indsats_start"})


class SkiftHandlekommune(EventBase):
    """Extension: a young person aged 18-22 changes handlekommune (opholdskommune under SEL).

    Recorded for a young person who was placed, or had a fast kontaktperson, until the 18th
    birthday (BL § 112, stk. 1; SEL § 68, stk. 12). ``at`` is the day of the change.
    """

    type: Literal["skift_handlekommune"]
    doegnophold_opretholdt: bool = Field(
        False,
        description="A decision has been made on measures under BL § 120 (SEL § 76 a, "
        "maintained døgnophold): the plan need not be sent (BL § 112, stk. 1; SEL § 68, "
        "stk. 12).",
    )
    label = ("skift af handlekommune", "change of responsible municipality")


class PlanOversendt(EventBase):
    """Extension: the young person's revised plan sent to the new handlekommune.

    BL § 112, stk. 1 (ungeplan or relevant parts of the helhedsorienteret plan); SEL § 68,
    stk. 12 (handleplan). ``ref`` names the ``skift_handlekommune``.
    """

    type: Literal["plan_oversendt"]
    label = ("plan oversendt til ny handlekommune", "plan sent to the new municipality")
    ref_types = frozenset({"skift_handlekommune"})


class PlanModtaget(EventBase):
    """Extension: the new handlekommune received the young person's plan.

    Starts the new municipality's 30 days (BL § 112, stk. 3; SEL § 68, stk. 13). ``ref``
    names the ``plan_oversendt`` where the journal knows it.
    """

    type: Literal["plan_modtaget"]
    label = ("plan modtaget af ny handlekommune", "plan received by the new municipality")
    ref_types = frozenset({"plan_oversendt"})


class Foraeldreplan(EventBase):
    """Extension: the plan for the support of the parents (forældrehandleplan) and its revisions.

    BL §§ 77-79; SEL § 54, stk. 2-3 and § 70, stk. 4. ``art`` says which act this is; the
    revisions, offers and assessments have a ``ref`` to the plan (``art = "udarbejdet"``).
    """

    type: Literal["foraeldreplan"]
    art: Literal["udarbejdet", "revision_tilbudt", "revideret", "vurdering"] = Field(
        description="udarbejdet: the plan was made (BL § 77, stk. 1-2, § 78; SEL § 54, stk. "
        "2-3); revision_tilbudt: a revision was offered to the parents (BL § 79, stk. 1-2; SEL "
        "§ 70, stk. 4, 1.-2. pkt.); revideret: the plan was revised; vurdering: the assessment "
        "of whether a revision is to be offered (BL § 79, stk. 3; SEL § 70, stk. 4, 3. pkt.)."
    )
    label = ("plan for støtten til forældrene", "plan for the support of the parents")
    ref_types = frozenset({"foraeldreplan"})


class AnmodningAnbringelse(EventBase):
    """Extension: the child's or young person's own request to be placed outside the home.

    BL § 48, stk. 1; with ``permanent = true`` a request from a child aged 10 or more to be
    placed permanently (BL § 68, stk. 1). ``at`` is when the municipality received it.
    """

    type: Literal["anmodning_anbringelse"]
    permanent: bool = Field(
        False,
        description="The request is for a permanent placement under § 67, stk. 1 (BL § 68, "
        "stk. 1), rather than a placement (BL § 48, stk. 1).",
    )
    label = ("barnets anmodning om anbringelse", "child's request to be placed")


class AnmodningVurderet(EventBase):
    """Extension: the municipality's documented assessment of the child's request.

    BL § 48, stk. 2, 1. pkt. (whether a børnefaglig undersøgelse is to be made) and § 68,
    stk. 1, 2. pkt. (whether an indstilling om permanent anbringelse is to be made). ``ref``
    names the ``anmodning_anbringelse``.
    """

    type: Literal["anmodning_vurderet"]
    label = ("anmodning vurderet", "request assessed")
    ref_types = frozenset({"anmodning_anbringelse"})


class OvervejelsePermanent(EventBase):
    """Extension: the documented consideration of an indstilling om permanent anbringelse.

    BL § 50, stk. 7: before the committee's genbehandling of a placement. ``ref`` names the
    committee's decision on the genbehandling (``buu_afgoerelse``).
    """

    type: Literal["overvejelse_permanent"]
    label = ("overvejelse af permanent anbringelse", "permanent placement considered")
    ref_types = frozenset({"buu_afgoerelse"})


class OverfoerselSikret(EventBase):
    """Extension: the institution leader's temporary decision to transfer a young person.

    BL § 62, stk. 3 (SEL § 63 b, stk. 3): from a børne- og ungehjem (SEL: åben døgninstitution)
    to the secured institution attached to it; with ``saerligt_sikret = true``, from a secured
    institution to a særligt sikret afdeling (BL § 63, stk. 2). ``at`` is the leader's
    decision.
    """

    type: Literal["overfoersel_sikret"]
    saerligt_sikret: bool = Field(
        False,
        description="The transfer is to a særligt sikret afdeling (BL § 63, stk. 2) rather "
        "than to a secured institution (BL § 62, stk. 3; SEL § 63 b, stk. 3).",
    )
    label = ("midlertidig beslutning om overførsel", "temporary decision on transfer")


# --- Transition to adulthood, disability and offers (BL §§ 81, 115-123; SEL §§ 11, 19 a, 76) ----


class Funktionsnedsaettelse(EventBase):
    """Extension: the municipality got kendskab that the child's impairment is konstateret.

    A betydelig og varigt nedsat fysisk eller psykisk funktionsevne (BL § 81, stk. 4; SEL § 11,
    stk. 8) or, with ``art = "lidelse"``, an indgribende kronisk eller langvarig lidelse (BL
    § 122; SEL § 19 a). ``at`` is the day the municipality got kendskab that it is konstateret
    (not the day of the diagnosis). Recording it in the child's case says that the child or the
    parents receive support under the law on that basis (BL § 122, stk. 1-2).
    """

    type: Literal["funktionsnedsaettelse"]
    art: Literal["funktionsevne", "lidelse"] = Field(
        "funktionsevne",
        description="Extension: funktionsevne (the default): betydelig og varigt nedsat fysisk "
        "eller psykisk funktionsevne (BL § 81, stk. 4; BL § 122; SEL § 11, stk. 8; SEL § 19 a); "
        "lidelse: an indgribende kronisk eller langvarig lidelse without such a "
        "funktionsnedsættelse (BL § 122; SEL § 19 a only).",
    )
    label = (
        "kendskab til konstateret funktionsnedsættelse",
        "established impairment known to the municipality",
    )


class OvergangsforberedelseStart(EventBase):
    """Extension: the preparation of the transition to adult life begun (BL § 122; SEL § 19 a).

    ``at`` is the day the municipality began the forberedelse af overgangen til voksenlivet;
    ``ref`` may name the ``funktionsnedsaettelse`` it concerns.
    """

    type: Literal["overgangsforberedelse_start"]
    label = (
        "forberedelse af overgangen til voksenlivet påbegyndt",
        "preparation of the transition to adult life begun",
    )
    ref_types = frozenset({"funktionsnedsaettelse"})


class OvergangsforberedelseAfsluttet(EventBase):
    """Extension: the preparation of the transition to adult life concluded (BL § 123, stk. 3).

    SEL § 19 a, stk. 3. ``at`` is the day the preparation was concluded, so that the decision on
    the future support can be made; ``ref`` may name the ``funktionsnedsaettelse``.
    """

    type: Literal["overgangsforberedelse_afsluttet"]
    label = (
        "forberedelse af overgangen til voksenlivet afsluttet",
        "preparation of the transition to adult life concluded",
    )
    ref_types = frozenset({"funktionsnedsaettelse"})


class TilbudFamilievejledning(EventBase):
    """Extension: familievejledning offered to the family (BL § 81, stk. 4; SEL § 11, stk. 8).

    ``at`` is the day the offer was made (the statute times the offer, not the first meeting);
    ``ref`` names the ``funktionsnedsaettelse`` it answers.
    """

    type: Literal["tilbud_familievejledning"]
    label = ("tilbud om familievejledning", "offer of family guidance")
    ref_types = frozenset({"funktionsnedsaettelse"})


class TilbudKontaktperson(EventBase):
    """Extension: a udpeget fast kontaktperson after 18 offered to the young person.

    BL § 115, stk. 1-2; SEL § 76, stk. 5-6. ``at`` is the day the offer was made, whether or not
    the young person accepted it; ``ref`` names the placement (its ``indsats_start``).
    """

    type: Literal["tilbud_kontaktperson"]
    label = ("tilbud om fast kontaktperson", "offer of a permanent contact person")
    ref_types = frozenset({"indsats_start"})


class FrakendelsePlads(EventBase):
    """Extension: a frakendelse of a plads in a særligt dag- eller klubtilbud takes effect.

    BL § 11, stk. 1, 1. pkt. (a plads under BL § 82); SEL § 3 a, stk. 1, 2. pkt. (SEL §§ 32,
    36). ``at`` is the day the frakendelse takes effect (the plads ends), not the day of the
    decision; ``modtaget`` is the day the citizen received the decision, from which the varsel
    of at least 14 uger runs.
    """

    type: Literal["frakendelse_plads"]
    modtaget: date | None = Field(
        None,
        description="Extension: the day the citizen received the decision on frakendelse (BL "
        "§ 11, stk. 1; SEL § 3 a, stk. 1). None: not recorded.",
    )
    label = (
        "frakendelse af plads i særligt dag- eller klubtilbud får virkning",
        "withdrawal of a place in a special day or club facility takes effect",
    )


# --- end of topic D ------------------------------------------------------------------------------


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
    BeskedForsinkelse,
    Genvurdering,
    AstModtaget,
    AstAfgoerelse,
    Dom,
    Direktoerafgoerelse,
    OrienteringAst,
    DirektoerStillingtagen,
    OrienteringUkn,
    Samvaersafgoerelse,
    Screening,
    Risikovurdering,
    ForaeldreInddraget,
    AfdaekningStart,
    AfdaekningAfsluttet,
    GenvurderingUnderretning,
    TilbudAdvokat,
    OplysningRettigheder,
    UdtalelseBuu,
    Politidokumentation,
    UknAfvisning,
    IndkaldelseNetvaerkssamraad,
    Indsatsvurdering,
    Stofmisbrugsbehandling,
    Paalaeg,
    SoeskendeBfu,
    OrienteringBeliggenhedskommune,
    SkiftHandlekommune,
    PlanOversendt,
    PlanModtaget,
    Foraeldreplan,
    AnmodningAnbringelse,
    AnmodningVurderet,
    OvervejelsePermanent,
    OverfoerselSikret,
    Funktionsnedsaettelse,
    OvergangsforberedelseStart,
    OvergangsforberedelseAfsluttet,
    TilbudFamilievejledning,
    TilbudKontaktperson,
    FrakendelsePlads,
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
    | BeskedForsinkelse
    | Genvurdering
    | AstModtaget
    | AstAfgoerelse
    | Dom
    | Direktoerafgoerelse
    | OrienteringAst
    | DirektoerStillingtagen
    | OrienteringUkn
    | Samvaersafgoerelse
    | Screening
    | Risikovurdering
    | ForaeldreInddraget
    | AfdaekningStart
    | AfdaekningAfsluttet
    | GenvurderingUnderretning
    | TilbudAdvokat
    | OplysningRettigheder
    | UdtalelseBuu
    | Politidokumentation
    | UknAfvisning
    | IndkaldelseNetvaerkssamraad
    | Indsatsvurdering
    | Stofmisbrugsbehandling
    | Paalaeg
    | SoeskendeBfu
    | OrienteringBeliggenhedskommune
    | SkiftHandlekommune
    | PlanOversendt
    | PlanModtaget
    | Foraeldreplan
    | AnmodningAnbringelse
    | AnmodningVurderet
    | OvervejelsePermanent
    | OverfoerselSikret
    | Funktionsnedsaettelse
    | OvergangsforberedelseStart
    | OvergangsforberedelseAfsluttet
    | TilbudFamilievejledning
    | TilbudKontaktperson
    | FrakendelsePlads
    | SagLukket,
    Field(discriminator="type"),
]
"""Any event of the vocabulary, told apart by ``type``."""


def attributes_of(event_type: str) -> dict[str, Any]:
    """The type-specific attributes of ``event_type`` and their annotations."""
    common = set(EventBase.model_fields)
    cls = EVENT_TYPES[event_type]
    return {n: f.annotation for n, f in cls.model_fields.items() if n not in common}
