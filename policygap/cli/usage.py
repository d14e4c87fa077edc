"""Usage errors (a mistyped option, a missing argument, an unknown command)
in the language policygap speaks.

The command-line parser (click, or the copy of it inside typer) writes these
itself, in English: "Try 'policygap status -h' for help." and "Error: No
such option: --fromat". policygap replaces the method that writes them, so
that the frame (usage line, hint, "错误：") comes from policygap's own
catalogue and the common messages are said in its words. A message it does
not know keeps the parser's own text: nothing is lost, some English stays.
"""

from __future__ import annotations

import re
import sys

from ..i18n import N_, _


_ORIGINAL: dict = {}  # UsageError class -> its own show, used if ours fails


def install() -> None:
    """Replace ``show`` of the parser's UsageError (every usage error is one)."""
    for name in ("typer._click.exceptions", "click.exceptions"):
        module = sys.modules.get(name)
        cls = getattr(module, "UsageError", None) if module else None
        if cls is not None and getattr(cls.show, "__module__", None) != __name__:
            _ORIGINAL[cls] = cls.show
            cls.show = show


def show(self, file=None) -> None:
    from .app import err

    try:
        text = _text(self)
    except Exception:  # a parser release with other fields: its own words, never a crash
        for cls, original in _ORIGINAL.items():
            if isinstance(self, cls):
                return original(self, file)
        raise
    err(text)


def _text(self) -> str:
    ctx = getattr(self, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]))
        lines.append("")
    from ..textio import clip_long_runs

    lines.append(_("Error: {message}").format(message=clip_long_runs(message(self))))
    return "\n".join(lines)


def message(exc) -> str:
    """The error in policygap's words when it is one of the common kinds."""
    kind = type(exc).__name__
    option = getattr(exc, "option_name", None)
    if kind == "NoSuchOption" and option:
        if re.fullmatch(r"-\d", option):  # -500 read as options -5 -0 -0
            return _("{option}… is read as an option: a negative number goes after --, e.g. "
                     "policygap required --from 2023 --to 2027 -- -500 300").format(option=option)
        text = _("no such option: {option}").format(option=option)
        possible = sorted(getattr(exc, "possibilities", None) or [])
        return text + (_(" (did you mean: {options})").format(options=", ".join(possible)) if possible else "")
    hint = _param_hint(exc)
    if kind == "MissingParameter" and hint:
        what = getattr(exc, "param_type", None) or getattr(getattr(exc, "param", None), "param_type_name", "")
        if what == "argument":
            return _("missing argument {name}").format(name=hint)
        return _("missing option {name}").format(name=hint)
    if kind == "BadParameter" and hint:
        return _("invalid value for {name}: {message}").format(name=hint, message=_known(str(exc.message)))
    return _known(exc.format_message())


def _param_hint(exc) -> str:
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        try:
            hint = param.get_error_hint(getattr(exc, "ctx", None))
        except TypeError:  # a parser whose get_error_hint takes no context
            hint = param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(f"'{h}'" for h in hint)
    return hint or ""


def _known(text: str) -> str:
    wrapped = _WRAPPED.fullmatch(text)  # the parser's validation layer: "Value error, <message>"
    if wrapped:
        text = wrapped.group(1)
    for pattern, msgid in _KNOWN:
        m = pattern.fullmatch(text)
        if m:
            return _(msgid).format(**m.groupdict())
    return text


_WRAPPED = re.compile(r"Value error, (.*)", re.S)


# Messages the parser builds as text: matched whole, else shown as they are.
_KNOWN = [
    (re.compile(r"No such command '(?P<name>[^']*)'\.? Did you mean (?P<other>'.*')\?"),
     N_("no such command '{name}'; did you mean {other}?")),
    (re.compile(r"No such command '(?P<name>[^']*)'\."), N_("no such command '{name}'")),
    (re.compile(r"Missing command\."), N_("a command is missing")),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"),
     N_("unexpected extra argument(s): {args}")),
    (re.compile(r"Option '(?P<name>[^']*)' requires an argument\."), N_("option '{name}' needs a value")),
    (re.compile(r"Option '(?P<name>[^']*)' requires (?P<n>\d+) arguments\."), N_("option '{name}' needs {n} values")),
    (re.compile(r"Value '(?P<value>.*)' is not a valid int(eger)?\."), N_("'{value}' is not a whole number")),
    (re.compile(r"'(?P<value>.*)' is not a valid integer\."), N_("'{value}' is not a whole number")),
    (re.compile(r"Value '(?P<value>.*)' is not a valid float\."), N_("'{value}' is not a number")),
    (re.compile(r"'(?P<value>.*)' is not a valid float\."), N_("'{value}' is not a number")),
    (re.compile(r"Input should be a valid integer.*", re.S), N_("a whole number is needed")),
    (re.compile(r"Input should be a valid number.*", re.S), N_("a number is needed")),
    (re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.*)\."), N_("'{value}' is not one of {choices}")),
    (re.compile(r"'(?P<value>.*)' is not (?P<choices>'[^']*')\."), N_("'{value}' is not one of {choices}")),
]
