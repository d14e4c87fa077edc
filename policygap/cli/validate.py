"""``policygap validate``: check the targets file and the observations file
and list every problem, errors and warnings, as ``file:line[:col]: field: message``.

Exit codes: 0 clean; 1 warnings only; 2 errors (with ``--strict``, warnings
count as errors and also give 2). The problems go to stderr, one a line; a
one-line summary goes to stdout.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, err, handle_errors
from .options import BaselinesOpt, TargetsOpt

StrictOpt = Annotated[bool, typer.Option(
    "--strict", help="Treat warnings as errors: any warning gives exit code 2.")]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Print only errors (and warnings under --strict); no summary.")]


@app.command()
@handle_errors
def validate(
    targets: TargetsOpt = None,
    baselines: BaselinesOpt = None,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Check the targets file and the observations file; list every problem
    as file:line[:col]: field: message on stderr.

    Exit code 0: no problem; 1: warnings only; 2: errors, or any warning
    with --strict.
    """
    from .. import dataset
    from ..textio import printable

    ds, problems = dataset.check(targets, baselines)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for p in problems:
        if p.is_error or strict or not quiet:
            err(str(p))
    if not quiet:
        typer.echo(printable(summary(ds, *dataset.resolve_paths(targets, baselines), len(errors), len(warnings))))
    if errors or (strict and warnings):
        raise typer.Exit(2)
    if warnings:
        raise typer.Exit(1)


def summary(ds, tpath, bpath, n_errors: int, n_warnings: int) -> str:
    counts = f"{_plural(n_errors, 'error')}, {_plural(n_warnings, 'warning')}"
    if ds is None:
        return f"{tpath}, {bpath}: {counts}"
    defs = ds.defs
    return (f"{tpath}: {_plural(len(defs.targets), 'target')}, {_plural(len(defs.regions), 'region')}, "
            f"{_plural(len(defs.indicators), 'indicator')}; {bpath}: "
            f"{_plural(len(ds.observations), 'observation')}; {counts}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
