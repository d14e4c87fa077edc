"""Help in the user's language, wrapped by display width.

Help texts are written in English in code (the msgid) and translated when
help is shown, so the language can be chosen on the command line
(``--lang``, else POLICYGAP_LANG, else Chinese). Lines are wrapped by the
columns they take on a terminal (a Chinese character takes two), between
Chinese characters or English words; a paragraph that starts with ``\\b``
(an example) is kept as written.
"""

from __future__ import annotations

import typer
import typer.core
from typer import _click

from ..i18n import _
from ..render import grid

# The command-line library's own help words ("Options", "default: …") through
# policygap's catalogue.
typer.core._ = _


class Formatter(_click.formatting.HelpFormatter):
    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None):
        import shutil

        if width is None:
            width = max(min(shutil.get_terminal_size((80, 24)).columns, max_width or 100) - 2, 40)
        super().__init__(indent_increment, width, max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = f"{_('Usage:')} " if prefix is None else prefix
        lines = _wrap(args, self.width - grid.width(prefix + prog) - 1 - self.current_indent)
        pad = " " * (self.current_indent + grid.width(prefix + prog) + 1)
        first = f"{' ' * self.current_indent}{prefix}{prog} {lines[0] if lines else ''}".rstrip()
        self.write("\n".join([first] + [pad + x for x in lines[1:]]) + "\n")

    def write_heading(self, heading: str) -> None:
        colon = "：" if heading and grid.width(heading[-1]) == 2 else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("\n".join(indent + x if x else "" for x in _paragraphs(text, self.width - self.current_indent))
                   + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((grid.width(a) for a, _b in rows), default=0), col_max) + col_spacing
        text_width = max(self.width - first_col - self.current_indent, 20)
        indent = " " * self.current_indent
        for first, second in rows:
            lines = _paragraphs(second, text_width) if second else []
            if grid.width(first) <= first_col - col_spacing and lines:
                self.write(f"{indent}{grid.pad(first, first_col)}{lines[0]}\n")
                lines = lines[1:]
            else:
                self.write(f"{indent}{first}\n")
            for line in lines:
                self.write(f"{indent}{' ' * first_col}{line}\n" if line else "\n")


def _paragraphs(text: str, width: int) -> list[str]:
    """Paragraphs (blank-line separated) rewrapped to ``width``; a paragraph
    starting with \\b keeps its lines."""
    out: list[str] = []
    for i, para in enumerate(text.strip("\n").split("\n\n")):
        if i:
            out.append("")
        if para.startswith("\b"):
            out.extend(line.rstrip() for line in para[1:].strip("\n").splitlines())
        else:
            out.extend(_wrap(_join(para.splitlines()), width))
    return out


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one: a space between English words, none
    between Chinese characters."""
    text = ""
    for line in (x.strip() for x in lines):
        if text and line and not (grid.width(text[-1]) == 2 and grid.width(line[0]) == 2):
            text += " "
        text += line
    return text


def _wrap(text: str, width: int) -> list[str]:
    return grid.wrap(text, max(width, 10)) if text else []


class Context(typer.Context):
    """The command line's context: help formatted by display width, and the
    command line's language (Chinese unless chosen) from the start, so that
    help and usage errors shown before --lang is read are in it too."""

    formatter_class = Formatter

    def __init__(self, *args, **kwargs):
        from .. import i18n

        if not i18n.is_chosen():
            i18n.set_language(None)
        super().__init__(*args, **kwargs)


def translate(command, ctx=None) -> None:
    """Put the command's and its parameters' help in the current language
    (the English text in code is the msgid, kept on the object)."""
    params = command.get_params(ctx) if ctx is not None else getattr(command, "params", ())
    for obj in (command, *params):
        if not hasattr(obj, "msgid"):
            obj.msgid = obj.help
        if obj.msgid:
            obj.help = fill_values(_(obj.msgid))
        if isinstance(obj, typer.core.TyperArgument):
            obj.display_type_rich = _no_type  # the metavar and the help say it; no "<list[str]>"
    if command.help:
        command.short_help = _first_sentence(command.help)


def _no_type(ctx=None):
    return None


def fill_values(text: str) -> str:
    """Put the allowed values in a help text: {statuses}, {kinds}."""
    from .. import schema  # not render.words: it would import pandas, and help stays light
    from ..i18n import language

    if language() == "zh":  # the code a script types, with the word a planner knows
        values = {"{statuses}": "、".join(f"{s}（{schema.STATUS_ZH.get(s, s)}）" for s in schema.STATUSES),
                  "{kinds}": "、".join(f"{k}（{schema.KIND_ZH.get(k, k)}）" for k in schema.KINDS)}
    else:
        values = {"{statuses}": ", ".join(schema.STATUSES), "{kinds}": ", ".join(schema.KINDS)}
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def _first_sentence(text: str) -> str:
    first = text.strip().split("\n\n")[0]
    for end in ("。", ". "):
        if end in first:
            return _join(first.split(end)[0].splitlines()) + end.strip()
    return _join(first.splitlines())


class Command(typer.core.TyperCommand):
    context_class = Context

    def format_help(self, ctx, formatter) -> None:
        translate(self, ctx)
        super().format_help(ctx, formatter)


class Group(typer.core.TyperGroup):
    context_class = Context

    def format_help(self, ctx, formatter) -> None:
        translate(self, ctx)
        for command in self.commands.values():
            translate(command)
        super().format_help(ctx, formatter)
