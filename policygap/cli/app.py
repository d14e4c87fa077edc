"""The typer application, error handling and output plumbing shared by all
commands.

Exit codes: 0 ran (and for ``check``, nothing failed); 1 ``check`` found
targets that fail; 2 bad input, bad usage, unknown region or target,
unreadable file. Errors go to stderr as a few lines naming file and line;
never a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
import warnings
from pathlib import Path

import typer

from ..errors import PolicygapError
from ..i18n import _, is_chosen, language, set_language
from . import helptext

app = typer.Typer(
    name="policygap",
    help="Target-gap calculator for Chinese local S&T policy. How far each target is, the growth now "
    "required, progress against 序时进度, and when it will be reached at the current pace.\n\n"
    "\b\npolicygap status anshan\npolicygap explain anshan anshan-hitech-firms-2025\n"
    "policygap check --all --quiet || echo behind",
    cls=helptext.Group,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: fast to start (no rich import for --help,
    # which shell completion and scripts run often) and plain for cron mail.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


_command = app.command


def _command_in_language(*args, **kwargs):
    """Every command's help is translated when shown (helptext.Command)."""
    kwargs.setdefault("cls", helptext.Command)
    return _command(*args, **kwargs)


app.command = _command_in_language


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"policygap {__version__}")
        raise typer.Exit(0)


def _language(value) -> None:
    set_language(getattr(value, "value", value))


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True,
                                 callback=_version),
    lang: str = typer.Option(None, "--lang", help="Language of help and messages: zh (default) or en; "
                             "else $POLICYGAP_LANG.", metavar="zh|en", is_eager=True, callback=_language,
                             show_default=False),
) -> None:
    """Options for every command."""


def handle_errors(func):
    """User mistakes become a few lines on stderr and exit code 2.

    A library's notice of a future change (a pandas FutureWarning) is for
    developers: a planner's stderr, and a cron job's, carry only their own
    problems. Tests that call the library directly still see such notices.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        # --lang, else POLICYGAP_LANG, else Chinese; the command sees the choice.
        given = getattr(kwargs.get("lang"), "value", kwargs.get("lang"))
        chosen = set_language(given) if given or not is_chosen() else language()
        if "lang" in kwargs:
            from .options import Lang

            kwargs["lang"] = Lang(chosen)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)
                warnings.simplefilter("ignore", DeprecationWarning)
                return func(*args, **kwargs)
        except PolicygapError as exc:
            for line in exc.lines():
                err(line)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            # Not click's "Aborted!" with exit 1: a cron job must not read an
            # interruption as "targets failing".
            err(_("interrupted"))
            raise typer.Exit(130) from None

    return wrapper


def err(line: str) -> None:
    """One line on stderr, plain text (never rich markup)."""
    try:
        sys.stderr.write(f"{line}\n")
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass


def write_output(data: bytes, output: Path | None) -> None:
    """To FILE atomically, or to stdout; a closed pipe (``| head``) ends quietly."""
    from ..textio import atomic_write_bytes

    if output is not None:
        atomic_write_bytes(output, data)
        return
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_broken_pipe()


def quiet_broken_pipe() -> None:
    """The reader went away (``| head``): stop quietly with exit code 0."""
    # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise typer.Exit(0)


def main() -> None:
    """Console-script entry point."""
    from . import register_commands

    register_commands()
    try:
        app()
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        sys.exit(0)
    except KeyboardInterrupt:
        err(_("interrupted"))
        sys.exit(130)
    except Exception as exc:  # a bug in policygap, not a user mistake
        if os.environ.get("POLICYGAP_DEBUG"):
            raise
        err(_("policygap: internal error: {error}").format(error=f"{type(exc).__name__}: {exc}"))
        err(_("this is a bug in policygap; run again with POLICYGAP_DEBUG=1 to see where, and report it"))
        sys.exit(70)
