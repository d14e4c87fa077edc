"""Problems found in input, and the exception that carries them to the CLI.

A Problem names where it is (file, line, column), which field, and what is
wrong. Loading and validation collect every problem they find rather than
stopping at the first, so a planner fixes a file in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import _

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str
    severity: str = ERROR
    col: int | None = None
    code: str = ""  # stable for scripts, the same in every language (docs/validation.md)

    def __post_init__(self):
        if not self.code:
            from .messages import code_of

            object.__setattr__(self, "code", code_of(self.message))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        prefix = _("warning: ") if self.severity == WARNING else ""
        field = f" {self.field}:" if self.field else ""
        code = f" [{self.code}]" if self.code else ""
        return f"{where}:{field} {prefix}{self.message}{code}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class PolicygapError(Exception):
    """A user-facing failure: bad input, bad usage, unknown region or target.

    The CLI prints ``problems`` (or the message) on stderr and exits with 2.
    """

    def __init__(self, message: str = "", problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        super().__init__(message or "\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        if self.problems:
            return [str(p) for p in self.problems]
        return [str(self)]


# A name longer than this gets no suggestion: nothing is that close to it,
# and comparing it with every choice would only cost time.
SUGGEST_MAX_LENGTH = 200


class Suggestions:
    """"Did you mean" against one list of names: the list is read once and
    each distinct unknown name is looked up once, however many rows carry it.
    Callers ask only for the messages they print."""

    def __init__(self, choices, cutoff: float = 0.6):
        self._choices = choices
        self._names: list[str] | None = None
        self.cutoff = cutoff
        self._memo: dict[str, str | None] = {}

    def closest(self, name) -> str | None:
        import difflib

        name = str(name)
        if name not in self._memo:
            if self._names is None:
                self._names = list(dict.fromkeys(str(c) for c in self._choices))
            close = (difflib.get_close_matches(name, self._names, n=1, cutoff=self.cutoff)
                     if len(name) <= SUGGEST_MAX_LENGTH else [])
            self._memo[name] = close[0] if close else None
        return self._memo[name]

    def hint(self, name) -> str:
        """`` (did you mean 'anshan'?)`` for the closest choice, or ''."""
        close = self.closest(name)
        return _(" (did you mean {name}?)").format(name=repr(close)) if close is not None else ""


def did_you_mean(name, choices, cutoff: float = 0.6) -> str:
    """`` (did you mean 'anshan'?)`` for the closest choice, or ''. For a
    column of values use one Suggestions object instead."""
    return Suggestions(choices, cutoff).hint(name)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems file by file (in the order the files were read), by line and
    column within a file; those without a line (a missing section, a count of
    further rows) after the others. A problem reported twice is listed once."""
    order: dict[str, int] = {}
    for p in problems:
        order.setdefault(p.file, len(order))
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (order[p.file], p.line is None, p.line or 0, p.col or 0))
