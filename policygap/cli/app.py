"""The typer application, error handling and output plumbing shared by all
commands.

Exit codes: 0 ran (and for ``check``, nothing failed); 1 ``check`` found
targets that fail; 2 bad input, bad usage, unknown region or target,
unreadable file. Errors go to stderr as a few lines naming file and line;
never a traceback.
"""

from __future__ import annotations

import errno
import functools
import io
import os
import sys
import warnings
from pathlib import Path
from typing import Optional

import typer

from ..errors import PolicygapError
from ..i18n import _, is_chosen, language, set_language
from . import helptext, usage
from .options import Lang

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
usage.install()  # usage errors in the language policygap speaks (cli/usage.py)


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
    # The same choices as each command's --lang: a language policygap does
    # not speak is refused here too, not passed over.
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of help and messages: zh (default) or en; "
                             "else $POLICYGAP_LANG.", metavar="zh|en", is_eager=True, callback=_language,
                             show_default=False),
) -> None:
    """Options for every command."""


def handle_errors(func):
    """User mistakes become a few lines on stderr and exit code 2.

    A library's notice of a future change (a pandas FutureWarning) is for
    developers, and numpy's RuntimeWarning about an overflow or a division
    by zero says nothing a planner can act on (figures are range-checked on
    reading; a quotient that cannot be formed is shown as missing): a
    planner's stderr, and a cron job's, carry only their own problems. Tests
    that call the library directly still see such notices.
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
                warnings.simplefilter("ignore", RuntimeWarning)
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
    """One line on stderr, plain text (never rich markup); a control character
    in it (from a file name or a value) is shown escaped, never obeyed."""
    from ..textio import printable

    try:
        text = "\n".join(printable(part) for part in str(line).split("\n"))
        sys.stderr.write(f"{text}\n")
        sys.stderr.flush()
    except Exception:  # stderr closed or full: the exit code still tells
        pass


def write_output(data: bytes, output: Path | None) -> None:
    """To FILE atomically, to a device, FIFO or descriptor as it is, or to
    stdout (no FILE, or ``-``); a closed pipe (``| head``) ends quietly."""
    from ..textio import own_descriptor, write_bytes

    if output is not None and str(output) != "-" and own_descriptor(str(output)) != 1:
        try:
            write_bytes(output, data)
        except BrokenPipeError:
            quiet_broken_pipe()
        return
    write_stdout(data)


def write_stdout(data: bytes) -> None:
    """Bytes to stdout. A reader that went away ends quietly; a closed
    stdout (``>&-``) or a full disk (``> /dev/full``) is an error, exit 2."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_broken_pipe()
    except OSError as exc:
        silence_stdout()
        raise PolicygapError(_("cannot write to standard output: {error}").format(
            error=exc.strerror or exc)) from None


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that nothing (not even the interpreter's
    last flush) tries the failed write again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass
    sys.stdout = open(os.devnull, "w", encoding="utf-8")


def quiet_broken_pipe() -> None:
    """The reader went away (``| head``): stop quietly with exit code 0."""
    silence_stdout()
    raise typer.Exit(0)


class _ClosedStdout(io.RawIOBase):
    """Stands in for a stdout the shell closed (``>&-``): every write fails
    with a message saying so, the way a full disk does."""

    def writable(self) -> bool:
        return True

    def write(self, _data) -> int:
        raise OSError(errno.EBADF, _("standard output is closed"))


def guard_standard_streams() -> None:
    """Descriptors 0, 1 and 2 closed by the caller (``>&-``, ``2>&-``) are
    opened on /dev/null, so that no file policygap opens takes their place;
    a closed stdout then fails on write (an error), a closed stderr swallows
    the messages (the exit code still tells)."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        try:
            devnull = os.open(os.devnull, os.O_RDWR)
            if devnull != fd:
                os.dup2(devnull, fd)
                os.close(devnull)
        except OSError:
            pass
        if fd == 1:
            sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStdout()), encoding="utf-8")
        else:
            setattr(sys, name, open(os.devnull, "r" if fd == 0 else "w", encoding="utf-8"))


# Failures of a write to stdout that escape a command (a summary echoed to
# /dev/full): reported as what they are, exit 2, not as a bug.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF}


def main() -> None:
    """Console-script entry point."""
    from . import register_commands

    guard_standard_streams()
    register_commands()
    code = _run()
    sys.exit(_finish_stdout(code))


def _run() -> int:
    from ..textio import Terminated

    try:
        app()
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    except BrokenPipeError:
        silence_stdout()
        return 0
    except KeyboardInterrupt:
        err(_("interrupted"))
        return 130
    except Terminated as exc:
        end_by_signal(exc.signum)
        return 128 + exc.signum
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS or os.environ.get("POLICYGAP_DEBUG"):
            return _internal_error(exc)
        silence_stdout()
        err(_("cannot write to standard output: {error}").format(error=exc.strerror or exc))
        return 2
    except Exception as exc:  # a bug in policygap, not a user mistake
        return _internal_error(exc)


def _internal_error(exc: Exception) -> int:
    if os.environ.get("POLICYGAP_DEBUG"):
        raise exc
    err(_("policygap: internal error: {error}").format(error=f"{type(exc).__name__}: {exc}"))
    err(_("this is a bug in policygap; run again with POLICYGAP_DEBUG=1 to see where, and report it"))
    return 70


def _finish_stdout(code: int) -> int:
    """Flush stdout before the interpreter does: a failure is reported here
    (exit 2), never as Python's "Exception ignored" with exit code 120."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except (OSError, ValueError) as exc:
        silence_stdout()
        err(_("cannot write to standard output: {error}").format(error=getattr(exc, "strerror", None) or exc))
        return 2 if code in (0, 1) else code
    return code


def end_by_signal(signum: int) -> None:
    """End the process by ``signum`` with its default action, so that the
    shell and a supervisor see what ended it."""
    import signal

    try:
        sys.stdout.flush()
    except Exception:
        pass
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
