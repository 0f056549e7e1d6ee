"""Bounds on input, enforced with a clear error rather than by running out of memory or stack.

These are limits on what one case or one file may hold. They are far above anything a real
case needs (the busiest real cases have a few hundred events) and are documented in
``docs/events.md``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

__all__ = [
    "MAX_EVENTS",
    "MAX_ID_LENGTH",
    "MAX_JSON_BYTES",
    "MAX_LINE_BYTES",
    "MAX_META_DEPTH",
    "looks_like_cpr",
    "nesting_depth",
]

#: Events in one case.
MAX_EVENTS = 10_000
#: Characters in a case id, an event id or a ref.
MAX_ID_LENGTH = 200
#: Nesting depth of a ``meta`` object (objects and lists inside each other).
MAX_META_DEPTH = 32
#: Bytes in one JSON document (a ``.json`` file holding one case or an array of cases).
MAX_JSON_BYTES = 256 * 1024 * 1024
#: Bytes in one line of a JSON Lines file (one case).
MAX_LINE_BYTES = 16 * 1024 * 1024

_CPR = re.compile(r"^\s*(\d{2})(\d{2})(\d{2})[- ]?(\d{4})\s*$")


def looks_like_cpr(text: str) -> bool:
    """Whether ``text`` has the form of a Danish CPR number (DDMMYY-SSSS with a real date)."""
    m = _CPR.match(text)
    if m is None:
        return False
    day, month, year = int(m[1]), int(m[2]), int(m[3])
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def nesting_depth(value: Any, limit: int = MAX_META_DEPTH) -> int:
    """Depth of nested objects and lists in ``value``, counting stops just past ``limit``."""
    depth = 0
    level: list[Any] = [value]
    while level and depth <= limit:
        nxt: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                nxt.extend(item.values())
            elif isinstance(item, list | tuple):
                nxt.extend(item)
        if not nxt and not any(isinstance(i, dict | list | tuple) for i in level):
            break
        depth += 1
        level = nxt
    return depth
