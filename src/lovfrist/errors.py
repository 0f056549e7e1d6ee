"""The errors lovfrist raises on purpose.

Every error is a :class:`LovfristError`. Each names *where* the problem is (file, line, case,
event index and id, field) and *what was expected*, and never echoes the free-text content of an
event (``meta``): only ids, field names and short offending values.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CalendarError",
    "CaseError",
    "InputError",
    "LovfristError",
    "Problem",
    "RuleError",
]


class LovfristError(Exception):
    """Root of every error lovfrist raises on purpose."""

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled whole (for the process pool of evaluate_many): the default would call the
        # constructor with the rendered message alone.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(
    cls: type[LovfristError], args: tuple[object, ...], state: dict[str, object]
) -> LovfristError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in a case.

    ``event_index`` is the position of the event in the input list (0-based); ``field`` is the
    dotted path inside the event or case (``at``, ``child.birth_date``).
    """

    message: str
    field: str | None = None
    event_index: int | None = None
    event_id: str | None = None

    def where(self) -> str:
        parts: list[str] = []
        if self.event_index is not None:
            label = f"event #{self.event_index}"
            if self.event_id is not None:
                label += f" (id {self.event_id!r})"
            parts.append(label)
        if self.field:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class InputError(LovfristError):
    """Input that lovfrist cannot read: a file, a JSON document or a command-line argument."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self._render())

    def message_with_place(self) -> str:
        """The message prefixed with ``source:line:``."""
        return self._render()

    def _render(self) -> str:
        prefix = ""
        if self.source is not None:
            prefix = self.source
            if self.line is not None:
                prefix += f":{self.line}"
            prefix += ": "
        return prefix + self.message


class CaseError(InputError):
    """A case that does not follow the event vocabulary (``docs/events.md``).

    ``problems`` lists every problem found, each with its event index, event id and field.
    """

    def __init__(
        self,
        problems: list[Problem] | tuple[Problem, ...],
        *,
        case_id: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> None:
        self.problems = tuple(problems)
        self.case_id = case_id
        body = "; ".join(str(p) for p in self.problems) if self.problems else "invalid case"
        super().__init__(self._head() + body, source=source, line=line)

    def _head(self) -> str:
        return f"case {self.case_id!r}: " if self.case_id is not None else "case: "

    def lines(self) -> list[str]:
        """One line per problem, each naming the file, the case, the event and the field."""
        if not self.problems:
            return [str(self)]
        return [
            InputError(
                self._head() + str(p), source=self.source, line=self.line
            ).message_with_place()
            for p in self.problems
        ]


class RuleError(LovfristError):
    """A rule file that does not follow the rule format (``docs/rule-format.md``)."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        rule_id: str | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.rule_id = rule_id
        self.field = field
        parts = [p for p in (file, f"rule {rule_id!r}" if rule_id else None) if p]
        if field:
            parts.append(f"field {field!r}")
        super().__init__(": ".join([", ".join(parts), message]) if parts else message)


class CalendarError(LovfristError):
    """A date computation lovfrist refuses to guess, e.g. hverdage outside the verified years."""
