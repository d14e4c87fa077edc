"""The command line: a thin layer over the library.

One module per command; each registers itself on the shared typer ``app``.
Heavy modules (pandas, rich, openpyxl) are imported inside the commands, so
``policygap --help`` and shell completion stay fast.
"""

from __future__ import annotations

from .app import app, main

__all__ = ["app", "main"]


def register_commands() -> None:
    """Import the command modules (registration happens on import)."""
    from . import check, explain, extract, listing, report, required, status, validate, workspace  # noqa: F401


register_commands()
