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


def did_you_mean(name, choices, cutoff: float = 0.6) -> str:
    """`` (did you mean 'anshan'?)`` for the closest choice, or ''."""
    import difflib

    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=cutoff)
    return _(" (did you mean {name}?)").format(name=repr(close[0])) if close else ""


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems file by file (in the order the files were read), by line and
    column within a file; those without a line (a missing section, a count of
    further rows) after the others. A problem reported twice is listed once."""
    order: dict[str, int] = {}
    for p in problems:
        order.setdefault(p.file, len(order))
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (order[p.file], p.line is None, p.line or 0, p.col or 0))
