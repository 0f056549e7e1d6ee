"""Reading cases from files: one case per JSON file, a JSON array of cases, or JSON Lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lovfrist.case import Case
from lovfrist.errors import CaseError, InputError

__all__ = ["CaseInput", "read_cases"]

_JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class CaseInput:
    """One case read from a file, or the error that stopped it being read.

    ``line`` is the 1-based line of a JSON Lines file, or the 0-based position in a JSON array
    (then ``index``); errors in one case never stop the others from being read.
    """

    source: str
    case: Case | None
    error: InputError | None
    line: int | None = None
    index: int | None = None


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark is tolerated
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source=source) from None


def read_cases(path: str | Path) -> Iterator[CaseInput]:
    """Yield every case in ``path`` (``-`` is standard input), in file order.

    JSON Lines is recognised by the ``.jsonl``/``.ndjson`` suffix, or by a JSON file that holds
    more than one top-level value. A file that cannot be read at all raises :class:`InputError`.
    """
    source = str(path)
    if source == "-":
        raw = sys.stdin.buffer.read()
        source = "<stdin>"
    else:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    text = _decode(raw, source)
    if not text.strip():
        raise InputError("empty file; expected a JSON case or JSON Lines of cases", source=source)
    if source.endswith(_JSONL_SUFFIXES):
        yield from _read_jsonl(text, source)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from _read_jsonl(text, source)
            return
        raise InputError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", source=source
        ) from None
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield _one(item, source, index=index)
    else:
        yield _one(data, source)


def _one(
    data: object, source: str, *, line: int | None = None, index: int | None = None
) -> CaseInput:
    where = source if index is None else f"{source}[{index}]"
    try:
        return CaseInput(source, Case.from_dict(data, source=where, line=line), None, line, index)
    except CaseError as exc:
        return CaseInput(source, None, exc, line, index)


def _read_jsonl(text: str, source: str) -> Iterator[CaseInput]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            error = InputError(
                f"not valid JSON: {exc.msg} at column {exc.colno}", source=source, line=number
            )
            yield CaseInput(source, None, error, number)
            continue
        yield _one(data, source, line=number)
