"""``policygap init [DIR]`` (a workspace of one's own) and ``policygap
template REGION...`` (the collection form of figures still missing)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import PolicygapError
from ..i18n import _
from .app import app, err, handle_errors, write_output
from .options import (
    AllOpt, AsOfOpt, BaselinesOpt, LangOpt, OutputOpt, RegionsArg, TargetsOpt, UnitOpt, load, resolve_regions,
    split_list,
)


@app.command()
@handle_errors
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder for the workspace (made if missing), e.g. 台账; default: here.",
                                              show_default=False)] = Path("."),
    empty: Annotated[bool, typer.Option("--empty", help="An empty skeleton instead of a copy of the "
                                        "embedded targets and figures.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the files of an existing workspace.")] = False,
    lang: LangOpt = None,
) -> None:
    """Write an editable workspace: policygap.yaml, targets.yaml, baselines.csv,
    a folder 填报/ for returned forms and a README of what to edit. Every
    command run in that folder then reads these files instead of the
    embedded data.

    \b
    policygap init 台账
    policygap init --empty"""
    from ..workspace import init as write_workspace

    from ..textio import printable

    written = write_workspace(directory, empty=empty, force=force)
    for path in written:
        typer.echo(printable(str(path)))  # a folder name cannot steer the terminal
    typer.echo(_("workspace written: edit targets.yaml and baselines.csv (README.md says how), then run "
                 "policygap validate in {folder}").format(folder=printable(str(directory))))


class FormFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


@app.command()
@handle_errors
def template(
    regions: RegionsArg = None,
    all_: AllOpt = False,
    period: Annotated[Optional[list[str]], typer.Option(
        "--period", metavar="YYYY-MM", help="The period whose figures are collected: YYYY (the year) or YYYY-MM, "
        "e.g. --period 2025-06; repeat for several. Default: the last month over by --as-of (today).",
        show_default=False)] = None,
    unit: UnitOpt = None,
    format: Annotated[Optional[FormFormat], typer.Option(
        "--format", "-f", metavar="xlsx|csv", help="xlsx (a workbook, needs -o) or csv, e.g. --format csv. "
        "Default: xlsx when -o names an .xlsx file, else csv.", show_default=False)] = None,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    baselines: BaselinesOpt = None,
) -> None:
    """The collection form (填报表): one row per indicator and period still
    missing, with its 口径, the last known figure and the responsible
    department; an empty, numbers-only value column and a source column.
    The filled form is read back as it is: saved in the workspace's 填报/
    folder, or with the ledger (--baselines baselines.csv --baselines
    填报表.xlsx; the form alone replaces the ledger).

    \b
    policygap template 鞍山 --period 2025-06 -o 填报表.xlsx
    policygap template 鞍山 --period 2025-06 --unit 科技局 --format csv"""
    from .. import periods
    from ..template import form_rows, no_rows_message, to_csv, write_xlsx, yearly_left_out
    from .options import run_assessment, Method

    from .options import parse_as_of

    wanted = split_list(period)
    indexes = [] if wanted else [parse_as_of(as_of)]  # default: the last month over by today (or --as-of)
    for p in wanted:
        try:
            indexes.append(periods.parse_period(p, typed=True))
        except periods.PeriodError as exc:
            raise PolicygapError(f"--period: {exc}") from None
    last_over = parse_as_of(as_of)
    for p in indexes:
        if p > last_over:  # a form can be made ahead, but its figures do not exist yet
            err(_("warning: {period} is not over yet (the last month over is {last}): its figures are not in "
                  "before it ends").format(period=periods.format_period(p), last=periods.format_period(last_over,
                                                                                                     annual=False)))
    if format is None:
        format = FormFormat.xlsx if output is not None and output.suffix.lower() == ".xlsx" else FormFormat.csv
    if format == FormFormat.xlsx and output is None:
        raise PolicygapError(_("the form as .xlsx needs -o FILE.xlsx (or --format csv)"))
    ds = load(targets, baselines)
    ids = resolve_regions(ds, regions, all_)
    result = run_assessment(ds, ids, as_of=as_of, method=Method.planner, thresholds=None, tolerance=None,
                            stale_months=None, status=None, kind=None, document=None, unit=unit)
    statuses = dict(zip(result.rows["target_id"], result.rows["status"]))
    from .options import select_targets

    chosen = select_targets(ds, None, None, unit)
    rows = form_rows(ds, ids, indexes, chosen, statuses, overdue_as_of=None if wanted else result.options.as_of)
    asked = {r["indicator"] for r in rows}  # an overdue year-end figure of one is on the form after all
    left_out = [n for n in yearly_left_out(ds, chosen, ids, indexes) if n not in asked]
    if left_out:
        more = _("… ({count} in all)").format(count=len(left_out)) if len(left_out) > 3 else ""
        shown = _(", ").join(left_out[:3]) + more  # 、 in Chinese
        err(_("counted once a year, not on this form: {names}; the year's form asks for them: --period {year}").format(
            names=shown, year=periods.year_of(max(indexes))))
    if not rows:
        err(no_rows_message(chosen, ids, indexes))
    if format == FormFormat.csv:
        import sys

        from ..render.table import terminal_room

        # the byte-order mark is for Excel; on a terminal it is a stray character
        write_output(to_csv(rows, bom=output is not None or terminal_room(sys.stdout) is None), output)
    else:
        write_xlsx(rows, output)
