"""``policygap validate``: check the targets file and the observations file
and list every problem, errors and warnings, as ``file:line[:col]: field: message``.

Exit codes: 0 clean; 1 warnings only; 2 errors (with ``--strict``, warnings
count as errors and also give 2). The problems go to stderr, one a line; a
one-line summary goes to stdout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import PolicygapError
from ..i18n import _
from .app import app, err, handle_errors
from .options import BaselinesOpt, LangOpt, TargetsOpt

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
    lang: LangOpt = None,
) -> None:
    """Check the targets file and the figures file. Every problem is listed
    on stderr as file:line[:col]: field: message [code]. Exit code 0: no
    problem; 1: warnings only; 2: errors, or any warning with --strict.

    \b
    policygap validate
    policygap validate --targets data/targets.yaml --baselines data/baselines.csv"""
    from .. import dataset
    from ..textio import printable

    ds, problems = dataset.check(targets, baselines)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for p in problems:
        if p.is_error or strict or not quiet:
            err(str(p))
    if not quiet:
        try:
            paths = dataset.resolve_paths(targets, baselines)
        except PolicygapError:  # a policygap.yaml naming a file that is not there: already listed
            from ..workspace import WORKSPACE_FILE

            paths = (Path(WORKSPACE_FILE), [])
        typer.echo(printable(summary(ds, *paths, len(errors), len(warnings))))
    if errors or (strict and warnings):
        raise typer.Exit(2)
    if warnings:
        raise typer.Exit(1)


def summary(ds, tpath, bpaths, n_errors: int, n_warnings: int) -> str:
    counts = _("{errors}, {warnings}").format(errors=_count(n_errors, _("{count} error"), _("{count} errors")),
                                               warnings=_count(n_warnings, _("{count} warning"), _("{count} warnings")))
    if ds is not None:
        bpaths = ds.baselines_paths  # folders expanded into their files
    bpath = ", ".join(str(b) for b in bpaths) if isinstance(bpaths, (list, tuple)) else str(bpaths)
    if ds is None:
        return f"{', '.join(x for x in (str(tpath), bpath) if x)}: {counts}"
    defs = ds.defs
    return _("{targets_file}: {targets}, {regions}, {indicators}; {figures_file}: {figures}; {counts}").format(
        targets_file=tpath, figures_file=bpath, counts=counts,
        targets=_count(len(defs.targets), _("{count} target"), _("{count} targets")),
        regions=_count(len(defs.regions), _("{count} region"), _("{count} regions")),
        indicators=_count(len(defs.indicators), _("{count} indicator"), _("{count} indicators")),
        figures=_count(len(ds.observations), _("{count} observation"), _("{count} observations")))


def _count(n: int, one: str, many: str) -> str:
    return (one if n == 1 else many).format(count=n)
