"""A case: the child and the timeline of events the rules are evaluated against."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from lovfrist.errors import CaseError, Problem
from lovfrist.events import EVENT_TYPES, Event, EventBase, check_meta_depth
from lovfrist.limits import MAX_EVENTS, MAX_ID_LENGTH, looks_like_cpr

__all__ = ["Case", "Child"]

_SHORT = 40


class Child(BaseModel):
    """The child the case is about. Only age-based rules need the dates."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    birth_date: date | None = Field(None, description="Needed by age-based rules.")
    termin: date | None = Field(None, description="Expected date of birth (unborn child).")


class Case(BaseModel):
    """A case as a journal system sends it (``docs/events.md``).

    Construct one with :meth:`from_dict` or :meth:`from_json` to get a :class:`CaseError` that
    names the event index, id and field of every problem; plain ``Case(...)`` /
    ``Case.model_validate`` raise pydantic's ``ValidationError`` as usual.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    case_id: str = Field(
        min_length=1,
        max_length=MAX_ID_LENGTH,
        description="The journal's own reference; never a CPR number.",
    )
    child: Child = Field(default_factory=Child)

    @field_validator("child", mode="before")
    @classmethod
    def _child_may_be_null(cls, value: Any) -> Any:
        return {} if value is None else value

    events: tuple[Event, ...] = Field(
        max_length=MAX_EVENTS, description="In any order; lovfrist orders them by time."
    )
    meta: dict[str, JsonValue] | None = Field(
        default=None, description="Extension: carried through untouched (e.g. team, municipality)."
    )

    @field_validator("case_id")
    @classmethod
    def _not_cpr(cls, value: str, info: ValidationInfo) -> str:
        if looks_like_cpr(value) and not (info.context or {}).get("allow_cpr"):
            raise PydanticCustomError(
                "cpr_refused",
                "the case id has the form of a CPR number; lovfrist never needs one, so it is "
                "refused to keep personal data out of reports and logs (use the journal's own "
                "case reference, or pass allow_cpr=True / --allow-cpr if it really is not a CPR "
                "number)",
            )
        return value

    @field_validator("meta")
    @classmethod
    def _meta_depth(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        return check_meta_depth(value)

    @model_validator(mode="after")
    def _check_identity(self) -> Case:
        problems = identity_problems(self.events)
        if problems:
            raise CaseError(problems, case_id=self.case_id)
        return self

    @classmethod
    def from_dict(
        cls,
        data: Any,
        *,
        source: str | None = None,
        line: int | None = None,
        allow_cpr: bool = False,
    ) -> Case:
        """Validate a decoded JSON object; raise :class:`CaseError` with located problems.

        A case id in the form of a CPR number is refused unless ``allow_cpr`` is true.
        """
        if isinstance(data, Case):
            return data
        if not isinstance(data, Mapping):
            raise CaseError(
                [Problem(f"expected a JSON object with case_id and events, got {_kind(data)}")],
                source=source,
                line=line,
            )
        case_id = data.get("case_id")
        case_label = case_id if isinstance(case_id, str) else None
        if case_label is not None and (
            len(case_label) > MAX_ID_LENGTH or looks_like_cpr(case_label)
        ):
            case_label = "(not shown)"  # never echo a CPR number or an oversized id
        try:
            return cls.model_validate(data, context={"allow_cpr": allow_cpr})
        except CaseError as exc:
            raise CaseError(exc.problems, case_id=exc.case_id, source=source, line=line) from None
        except ValidationError as exc:
            problems = [_problem(err, data) for err in exc.errors(include_url=False)]
            # Ids and refs are checked after the fields; report their problems now as well.
            problems.extend(_raw_identity_problems(data))
            problems.sort(key=lambda p: -1 if p.event_index is None else p.event_index)
            raise CaseError(problems, case_id=case_label, source=source, line=line) from None

    @classmethod
    def from_json(
        cls, text: str | bytes, *, source: str | None = None, allow_cpr: bool = False
    ) -> Case:
        """Parse one case from JSON text."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CaseError(
                [Problem(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")],
                source=source,
            ) from None
        except RecursionError:
            raise CaseError([Problem("JSON nested too deeply")], source=source) from None
        return cls.from_dict(data, source=source, allow_cpr=allow_cpr)

    def to_json(self) -> str:
        """The case as JSON, in the input format (round-trips through :meth:`from_json`)."""
        return self.model_dump_json(exclude_none=True)


def _raw_identity_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Duplicate ids and dangling refs in input that failed validation elsewhere."""
    events = data.get("events")
    if not isinstance(events, list | tuple):
        return []
    raw = [e if isinstance(e, Mapping) else {} for e in events]
    ids = [e.get("id") if isinstance(e.get("id"), str) else None for e in raw]
    refs = [e.get("ref") if isinstance(e.get("ref"), str) else None for e in raw]
    return _id_problems(ids, refs, [_safe_id(i) for i in ids])


def _safe_id(value: Any) -> str | None:
    """An event id fit to show in a message: short, and not in the form of a CPR number."""
    if isinstance(value, str) and len(value) <= _SHORT and not looks_like_cpr(value):
        return value
    return None


def identity_problems(events: tuple[EventBase, ...]) -> list[Problem]:
    """Duplicate ids, refs to missing ids, and refs to an event of the wrong type."""

    def target(index: int, found: int) -> str | None:
        event, other = events[index], events[found]
        if other is event:
            return "an event cannot refer to itself"
        if event.ref_types is not None and other.type not in event.ref_types:
            allowed = " or ".join(sorted(event.ref_types))
            return f"a {event.type} refers to {allowed}; {event.ref!r} is a {other.type}"
        return None

    ids = [e.id for e in events]
    return _id_problems(ids, [e.ref for e in events], ids, target)


def _id_problems(
    ids: list[str | None],
    refs: list[str | None],
    shown: list[str | None],
    target: Callable[[int, int], str | None] | None = None,
) -> list[Problem]:
    """Duplicate ids, then each ref naming no event (or, via ``target``, the wrong one).

    ``shown`` is the id each message may display for an event.
    """
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, eid in enumerate(ids):
        if eid is None:
            continue
        if eid in seen:
            problems.append(
                Problem(
                    f"duplicate id {eid!r} (also used by event #{seen[eid]}); ids must be "
                    "unique within a case",
                    field="id",
                    event_index=index,
                    event_id=shown[index],
                )
            )
        else:
            seen[eid] = index
    for index, ref in enumerate(refs):
        if ref is None:
            continue
        found = seen.get(ref)
        message = (
            f"ref {ref!r} names no event in this case; expected the id of an event"
            if found is None
            else target(index, found)
            if target is not None
            else None
        )
        if message is not None:
            problems.append(Problem(message, field="ref", event_index=index, event_id=shown[index]))
    return problems


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _short(value: Any) -> str:
    if isinstance(value, str | int | float | bool) or value is None:
        text = json.dumps(value, ensure_ascii=False, default=str)
        if len(text) <= _SHORT:
            return text
    return _kind(value)


def _raw_event(data: Mapping[str, Any], index: int) -> Mapping[str, Any] | None:
    events = data.get("events")
    if isinstance(events, list | tuple) and 0 <= index < len(events):
        raw = events[index]
        if isinstance(raw, Mapping):
            return raw
    return None


def _problem(err: ErrorDetails, data: Mapping[str, Any]) -> Problem:
    """Translate one pydantic error into a located, readable problem."""
    loc = list(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    event_index: int | None = None
    event_id: str | None = None
    event_type: str | None = None
    if len(loc) >= 2 and loc[0] == "events" and isinstance(loc[1], int):
        event_index = loc[1]
        raw = _raw_event(data, event_index)
        if raw is not None:
            event_id = _safe_id(raw.get("id"))
            raw_type = raw.get("type")
            event_type = raw_type if isinstance(raw_type, str) else None
        loc = loc[2:]
        if loc and loc[0] in EVENT_TYPES:
            loc = loc[1:]  # the discriminator's branch name
    field = ".".join(str(p) for p in loc) or None
    value = err.get("input")

    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", ""))
        close = difflib.get_close_matches(tag, list(EVENT_TYPES), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else "; see `lovfrist schema` for the types"
        message = f"unknown event type {_short(tag)}{hint}"
        field = "type"
    elif kind == "union_tag_not_found":
        message = "missing 'type'; every event needs one of the vocabulary's types"
        field = "type"
    elif kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        known: list[str] = []
        if event_index is not None and event_type in EVENT_TYPES:
            known = list(EVENT_TYPES[event_type].model_fields)
        elif event_index is None and len(loc) == 1:
            known = list(Case.model_fields)
        elif loc and loc[0] == "child":
            known = list(Child.model_fields)
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        owner = f"event type {event_type!r}" if event_type else "this object"
        hint = f"; did you mean {close[0]!r}?" if close else ""
        message = f"unknown field {name!r} for {owner}{hint}"
    elif kind == "missing":
        message = "required field is missing"
    elif kind == "model_type" or kind == "model_attributes_type":
        message = f"expected an object, got {_kind(value)}"
    elif kind in ("tuple_type", "list_type"):
        message = f"expected a list, got {_kind(value)}"
    elif kind == "literal_error":
        message = f"expected {ctx.get('expected', 'one of the listed values')}, got {_short(value)}"
    elif kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
    elif kind.startswith("bool"):
        message = f"expected true or false, got {_short(value)}"
    elif kind.startswith(("date", "datetime")):
        message = f"expected an ISO 8601 date (YYYY-MM-DD), got {_short(value)}"
    elif kind == "string_too_short":
        message = "expected a non-empty string"
    elif kind == "string_too_long":
        message = f"longer than the limit of {ctx.get('max_length')} characters"
    elif kind == "too_long":
        message = f"too many items: at most {ctx.get('max_length')} are accepted"
    elif kind == "cpr_refused":
        message = err["msg"]
    elif kind.startswith("string"):
        message = f"expected a string, got {_kind(value)}"
    elif kind == "dict_type":
        message = f"expected an object, got {_kind(value)}"
    else:
        message = f"{err['msg']} (got {_short(value)})"
    if field == "meta" or (field or "").startswith("meta."):
        # never echo meta content
        message = str(ctx.get("error")) if kind == "value_error" else err["msg"]
    return Problem(message, field=field, event_index=event_index, event_id=event_id)
