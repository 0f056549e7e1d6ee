"""A municipality's own case-processing deadlines (retssikkerhedsloven § 3, stk. 2 and § 3 a).

»Kommunalbestyrelsen skal på de enkelte sagsområder fastsætte frister for, hvor lang tid der må
gå fra modtagelsen af en ansøgning, til afgørelsen skal være truffet. Fristerne skal
offentliggøres.« The law sets no number: each municipality decides and publishes its own, per
sagsområde. lovfrist therefore takes them as configuration, never as constants: a file the
municipality (or its journal system) keeps beside its published list, passed to
:func:`lovfrist.evaluate` as ``municipal_deadlines`` and to the CLI as ``--municipal-deadlines``.

The file is TOML (or JSON with the same keys)::

    kommune = "Eksempel Kommune"
    published = "https://www.eksempel.dk/sagsbehandlingsfrister"

    [[frist]]
    sagsomraade = "BL § 32"          # matched exactly against henvendelse.sagsomraade
    title = "Støttende indsatser"
    amount = 8
    unit = "uger"                    # dage, hverdage, uger, maaneder or aar
    valid_from = 2024-01-01          # optional; the deadline in force on the day of receipt

Loading never executes anything in the file; a malformed file fails with the file, the entry and
the field named.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from lovfrist.calendar import Unit
from lovfrist.errors import InputError

__all__ = ["MunicipalDeadline", "MunicipalDeadlines", "load_municipal_deadlines"]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MunicipalDeadline(_Strict):
    """One published deadline: from receipt of an application in ``sagsomraade`` to the
    decision, ``amount`` ``unit``, for applications received from ``valid_from`` to ``valid_to``.
    """

    sagsomraade: str = Field(
        min_length=1,
        description="The case area as the published list names it; an application's "
        "henvendelse.sagsomraade must equal it.",
    )
    title: str | None = Field(None, description="The area's name in the published list.")
    amount: int = Field(ge=1)
    unit: Unit
    valid_from: date | None = None
    valid_to: date | None = None

    @model_validator(mode="after")
    def _check(self) -> MunicipalDeadline:
        if self.unit is Unit.TIMER:
            raise ValueError(
                "a case-processing deadline is counted in dage, hverdage, uger, "
                "maaneder or aar, not timer"
            )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self

    def in_force(self, day: date) -> bool:
        """Whether an application received on ``day`` is governed by this deadline."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


class MunicipalDeadlines(_Strict):
    """A municipality's published case-processing deadlines (RSL § 3, stk. 2)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    kommune: str = Field(min_length=1)
    published: str | None = Field(
        None, pattern=r"^https?://", description="Where the deadlines are published (RSL § 3 a)."
    )
    deadlines: tuple[MunicipalDeadline, ...] = Field(alias="frist")

    @model_validator(mode="after")
    def _no_overlap(self) -> MunicipalDeadlines:
        by_area: dict[str, list[MunicipalDeadline]] = {}
        for d in self.deadlines:
            by_area.setdefault(d.sagsomraade, []).append(d)
        for area, items in by_area.items():
            items.sort(key=lambda d: d.valid_from or date.min)
            for a, b in pairwise(items):
                if a.valid_to is None or (b.valid_from is not None and b.valid_from <= a.valid_to):
                    raise ValueError(
                        f"sagsomraade {area!r} has two deadlines in force on the same day; "
                        "give the earlier one a valid_to before the later one's valid_from"
                    )
        return self

    def lookup(self, sagsomraade: str, day: date) -> MunicipalDeadline | None:
        """The deadline for an application in ``sagsomraade`` received on ``day``, if any."""
        for d in self.deadlines:
            if d.sagsomraade == sagsomraade and d.in_force(day):
                return d
        return None


def load_municipal_deadlines(source: str | Path | dict[str, Any]) -> MunicipalDeadlines:
    """Read a municipality's deadlines from a TOML or JSON file (or a dict).

    Raises :class:`~lovfrist.errors.InputError` naming the file, the entry (``frist[2]``) and
    the field when the file cannot be read or does not have the expected form.
    """
    if isinstance(source, dict):
        data, where = source, "municipal deadlines"
    else:
        path = Path(source)
        where = str(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(
                f"{where}: cannot read the municipal deadlines: {exc.strerror}"
            ) from None
        try:
            if path.suffix.lower() == ".json":
                data = json.loads(raw)
            else:
                data = tomllib.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError(
                f"{where}: not valid {path.suffix.lstrip('.') or 'TOML'}: {exc}"
            ) from None
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected a table with kommune and [[frist]] entries")
    try:
        return MunicipalDeadlines.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in err["loc"]).replace(
                ".[", "["
            )
            problems.append(f"{where}: {loc or '(top)'}: {err['msg']}")
        raise InputError("\n".join(problems)) from None
