"""Finding and loading rule files: TOML read with ``tomllib``, validated, never executed."""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from lovfrist.errors import RuleError
from lovfrist.events import EVENT_TYPES, attributes_of
from lovfrist.rule import Match, Rule

__all__ = ["RuleSet", "bundled_rules", "bundled_rules_dir", "load_rules"]


def bundled_rules_dir() -> Path:
    """The directory holding the bundled rule files.

    In a wheel they are packaged as ``lovfrist/rules``; in a checkout or an editable install they
    are the project's top-level ``rules/``.
    """
    packaged = Path(str(resources.files("lovfrist"))) / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise RuleError(f"the bundled rules were not found (looked in {packaged} and {checkout})")


@dataclass(frozen=True, slots=True)
class Act:
    """The act a rule file encodes (its ``[act]`` table)."""

    law: str
    name: str
    file: str


class RuleSet:
    """Validated rules, in a fixed order, with lookup by id and by trigger event type."""

    def __init__(
        self,
        rules: tuple[Rule, ...],
        acts: tuple[Act, ...] = (),
        origin: dict[str, Path] | None = None,
    ) -> None:
        self.rules = rules
        self.acts = acts
        #: Rule id → the file it was loaded from.
        self.origin = origin or {}
        self._by_id = {r.id: r for r in rules}
        by_trigger: dict[str, list[Rule]] = {}
        for rule in rules:
            for trig in rule.trigger:
                bucket = by_trigger.setdefault(trig.event, [])
                if rule not in bucket:
                    bucket.append(rule)
        self._by_trigger = {k: tuple(v) for k, v in by_trigger.items()}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise KeyError(f"no rule with id {rule_id!r}") from None

    def triggered_by(self, event_type: str) -> tuple[Rule, ...]:
        """Rules with a trigger on ``event_type``."""
        return self._by_trigger.get(event_type, ())


def load_rules(paths: Sequence[str | Path] | str | Path | None = None) -> RuleSet:
    """Load and validate rule files (all ``*.toml`` in a directory, or the given files).

    With no argument, the bundled rules. Any problem raises :class:`RuleError` naming the file,
    the rule id and the field.
    """
    if paths is None:
        return bundled_rules()
    files: list[Path] = []
    for item in [paths] if isinstance(paths, str | Path) else paths:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        else:
            files.append(path)
    if not files:
        raise RuleError(
            "no rule files (*.toml) found", file=", ".join(str(p) for p in files) or None
        )
    rules: list[Rule] = []
    acts: list[Act] = []
    origin: dict[str, Path] = {}
    for file in files:
        act, file_rules = _load_file(file)
        acts.append(act)
        for rule in file_rules:
            if rule.id in origin:
                raise RuleError(
                    f"duplicate rule id (also in {origin[rule.id]})",
                    file=str(file),
                    rule_id=rule.id,
                    field="id",
                )
            origin[rule.id] = file
        rules.extend(file_rules)
    _check_set(rules, {k: str(v) for k, v in origin.items()})
    return RuleSet(tuple(rules), tuple(acts), origin)


@cache
def bundled_rules() -> RuleSet:
    """The bundled rules, loaded once per process."""
    return load_rules([bundled_rules_dir()])


def _load_file(file: Path) -> tuple[Act, list[Rule]]:
    name = str(file)
    try:
        data = _read_toml(file)
    except OSError as exc:
        raise RuleError(f"cannot read: {exc.strerror}", file=name) from None
    except UnicodeDecodeError as exc:
        raise RuleError(f"not UTF-8 text (byte {exc.start})", file=name) from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"not valid TOML: {exc}", file=name) from None
    unknown = set(data) - {"act", "rule"}
    act_table = data.get("act")
    act_unknown = set(act_table) - {"law", "name"} if isinstance(act_table, dict) else set()
    if act_unknown:
        raise RuleError(
            f"unknown key(s) {sorted(act_unknown)} in [act]; expected law and name",
            file=name,
            field="act",
        )
    if unknown:
        raise RuleError(
            f"unknown top-level key(s) {sorted(unknown)}; expected [act] and [[rule]]", file=name
        )
    act_data = data.get("act")
    if not isinstance(act_data, Mapping) or not {"law", "name"} <= set(act_data):
        raise RuleError("missing [act] table with law and name", file=name, field="act")
    act = Act(law=str(act_data["law"]), name=str(act_data["name"]), file=file.name)
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError("rule must be an array of tables ([[rule]])", file=name, field="rule")
    rules: list[Rule] = []
    for index, raw in enumerate(raw_rules):
        rule_id = raw.get("id") if isinstance(raw, Mapping) else None
        label = rule_id if isinstance(rule_id, str) else f"#{index}"
        try:
            rule = Rule.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            field = ".".join(str(p) for p in err["loc"]) or None
            more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
            raise RuleError(err["msg"] + more, file=name, rule_id=label, field=field) from None
        # An id names the act, possibly one version of it (RBEK1630-... in the RBEK file).
        if rule.citation.law != act.law or not rule.id.split("-", 1)[0].startswith(act.law):
            raise RuleError(
                f"rule of law {rule.citation.law} (id {rule.id}) in a file for {act.law}",
                file=name,
                rule_id=rule.id,
                field="citation.law",
            )
        _check_vocabulary(rule, name)
        rules.append(rule)
    return act, rules


# --- the parse cache --------------------------------------------------------------------------
#
# Parsing the bundled TOML takes 0.2 s, most of a command-line run's start. The parsed tables are
# kept as JSON (data, never code) under the user's cache directory, keyed by the SHA-256 of the
# file's bytes and of this format, so an edited file is parsed afresh. The rules are validated
# from the parsed tables every time; only the TOML parse is skipped. LOVFRIST_CACHE_DIR chooses
# the directory; set to an empty string it turns the cache off. A cache that cannot be read or
# written is ignored.

_CACHE_FORMAT = b"lovfrist-rules-toml-json-1"
_TAG = "\u0000toml"


def _cache_dir() -> Path | None:
    configured = os.environ.get("LOVFRIST_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lovfrist" / "rules"


def _read_toml(file: Path) -> dict[str, Any]:
    raw = file.read_bytes()
    folder = _cache_dir()
    entry = folder / f"{hashlib.sha256(_CACHE_FORMAT + raw).hexdigest()}.json" if folder else None
    if entry is not None:
        try:
            return cast(dict[str, Any], json.loads(entry.read_bytes(), object_hook=_untag))
        except (OSError, ValueError):
            pass  # not cached yet, or unreadable: parse the file
    data = tomllib.loads(raw.decode("utf-8"))
    if entry is not None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            partial = entry.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(data, default=_tag), encoding="utf-8")
            os.replace(partial, entry)
        except OSError:
            pass
    return data


def _tag(value: object) -> dict[str, str]:
    for kind in (datetime, date, time):  # datetime first: it is also a date
        if isinstance(value, kind):
            return {_TAG: kind.__name__, "value": value.isoformat()}
    raise TypeError(f"cannot cache a TOML value of type {type(value).__name__}")


def _untag(obj: dict[str, Any]) -> Any:
    kind = obj.get(_TAG)
    if kind is None:
        return obj
    value = obj["value"]
    if kind == "datetime":
        return datetime.fromisoformat(value)
    return date.fromisoformat(value) if kind == "date" else time.fromisoformat(value)


def _check_match(m: Match, field: str, name: str, rule_id: str) -> None:
    if m.event not in EVENT_TYPES:
        raise RuleError(f"unknown event type {m.event!r}", file=name, rule_id=rule_id, field=field)
    attrs = attributes_of(m.event)
    for attr, value in m.where.items():
        if attr not in attrs:
            raise RuleError(
                f"event type {m.event!r} has no attribute {attr!r} "
                f"(it has: {sorted(attrs) or 'none'})",
                file=name,
                rule_id=rule_id,
                field=f"{field}.where.{attr}",
            )
        allowed = _allowed_values(attrs[attr])
        for item in value if isinstance(value, list) else [value]:
            if allowed is not None and item not in allowed:
                raise RuleError(
                    f"{item!r} is not a value of {m.event}.{attr}; expected one of "
                    f"{', '.join(repr(a) for a in allowed)}",
                    file=name,
                    rule_id=rule_id,
                    field=f"{field}.where.{attr}",
                )


def _allowed_values(annotation: Any) -> tuple[Any, ...] | None:
    """The values an attribute can take, where they are a closed set (bool, Literal)."""
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    args = (
        [a for a in typing.get_args(annotation) if a is not type(None)] if union else [annotation]
    )
    values: list[Any] = []
    for arg in args:
        if arg is bool:
            values.extend((True, False))
        elif typing.get_origin(arg) is typing.Literal:
            values.extend(typing.get_args(arg))
        else:
            return None
    return tuple(values)


def _need_attribute(
    event: str, attr: str, attrs: Mapping[str, Any], where: tuple[str, str, str]
) -> None:
    if attr not in attrs:
        file, rule_id, field = where
        raise RuleError(
            f"event type {event!r} has no attribute {attr!r}",
            file=file,
            rule_id=rule_id,
            field=field,
        )


def _check_vocabulary(rule: Rule, name: str) -> None:
    """Every event type, attribute and clock source a rule names must exist."""
    for i, trig in enumerate(rule.trigger):
        _check_match(Match(event=trig.event, where=trig.where), f"trigger.{i}", name, rule.id)
        attrs = attributes_of(trig.event)
        if trig.date_bound is not None:
            where = (name, rule.id, f"trigger.{i}.date_bound.attribute")
            _need_attribute(trig.event, trig.date_bound.attribute, attrs, where)
        for k, cond in enumerate(trig.ref_is):
            _check_match(
                Match(event=cond.event, where=cond.where), f"trigger.{i}.ref_is.{k}", name, rule.id
            )
        for attr in trig.absent:
            _need_attribute(trig.event, attr, attrs, (name, rule.id, f"trigger.{i}.absent"))
        for source in trig.clock:
            if source in ("at", "ref", "termin") or (
                source.startswith("birthday:") and source[len("birthday:") :].isdigit()
            ):
                continue
            if attrs.get(source) not in (date, date | None, typing.Optional[date]):  # noqa: UP045
                raise RuleError(
                    f"clock source {source!r} is neither 'at', 'ref' nor a date attribute of "
                    f"{trig.event!r}",
                    file=name,
                    rule_id=rule.id,
                    field=f"trigger.{i}.clock",
                )
        if rule.deadline.kind == "date_attribute":
            where = (name, rule.id, "deadline.attribute")
            _need_attribute(trig.event, rule.deadline.attribute or "", attrs, where)
    for i, m in enumerate(rule.fulfilled_by):
        _check_match(m, f"fulfilled_by.{i}", name, rule.id)
    for i, lapse in enumerate(rule.lapses):
        _check_match(lapse, f"lapses.{i}", name, rule.id)
    par = rule.deadline.earlier_if_concluded
    if par is not None:
        for field, etype in (("start", par.start), ("end", par.end)):
            if etype not in EVENT_TYPES:
                raise RuleError(
                    f"unknown event type {etype!r}",
                    file=name,
                    rule_id=rule.id,
                    field=f"deadline.earlier_if_concluded.{field}",
                )


def _check_set(rules: list[Rule], files: dict[str, str]) -> None:
    seen = {rule.id: rule for rule in rules}
    for rule in rules:
        succ_id = rule.after_repeal.successor if rule.after_repeal else None
        if succ_id is None:
            continue
        succ = seen.get(succ_id)
        if succ is None:
            raise RuleError(
                f"successor {succ_id!r} is not a loaded rule",
                file=files.get(rule.id),
                rule_id=rule.id,
                field="after_repeal.successor",
            )
        if succ.valid_from is None or rule.valid_to is None or succ.valid_from <= rule.valid_to:
            raise RuleError(
                f"successor {succ_id!r} must start after this rule's valid_to",
                file=files.get(rule.id),
                rule_id=rule.id,
                field="after_repeal.successor",
            )
