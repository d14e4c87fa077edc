"""``policygap check REGION... | --all``: the assessment for scripts and cron.

Prints one summary line per region and the targets that fail; the exit code
is the verdict: 0 none fails, 1 some do (statuses chosen by ``--fail-on``),
2 bad input. Plain text, no colour, no prompts, nothing on stderr unless
something is wrong; ``--quiet`` prints nothing on stdout at all.

``--format csv|json|text|xlsx`` write the failing rows only, in the same
fields (and sentences) as ``status``.
"""

from __future__ import annotations

import dataclasses

import typer

from ..i18n import _
from ..errors import PolicygapError
from .app import app, handle_errors, write_output
from .options import (
    AllOpt, AsOfOpt, ByOpt, By, UnitOpt, BaselinesOpt, BomOpt, DocumentFilter, FailOnOpt, Format, FormatOpt, KindFilter,
    LangOpt, Method, MethodOpt, OutputOpt, QuietOpt, RegionsArg, StaleOpt, StatusFilter, TargetsOpt,
    ThresholdsOpt, ToleranceOpt, Header, HeaderOpt, format_for_output, load, parse_fail_on, region_names, resolve_regions,
    run_assessment,
)
from .output import render_assessment


@app.command()
@handle_errors
def check(
    regions: RegionsArg = None,
    all_: AllOpt = False,
    fail_on: FailOnOpt = None,
    quiet: QuietOpt = False,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    bom: BomOpt = False,
    header: HeaderOpt = Header.field,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    method: MethodOpt = Method.planner,
    status: StatusFilter = None,
    kind: KindFilter = None,
    document: DocumentFilter = None,
    unit: UnitOpt = None,
    by: ByOpt = By.region,
    thresholds: ThresholdsOpt = None,
    tolerance: ToleranceOpt = None,
    stale_months: StaleOpt = None,
    targets: TargetsOpt = None,
    baselines: BaselinesOpt = None,
) -> None:
    """For scripts and cron: a summary per region, exit 1 if a target fails.

    Prints one line per region and the targets that fail. Exit code 0: none
    fails; 1: some target is behind, off track, missed or overdue (--fail-on);
    2: bad input.

    \b
    policygap check anshan --quiet || echo "鞍山: targets behind"
    policygap check --all --fail-on off_track,missed"""
    failing_statuses = parse_fail_on(fail_on)
    format = format_for_output(format, output)
    if format == Format.xlsx and output is None:
        raise PolicygapError(_("--format xlsx needs --output FILE.xlsx"))
    ds = load(targets, baselines, quiet=quiet)
    ids = resolve_regions(ds, regions, all_)
    result = run_assessment(ds, ids, as_of=as_of, method=method, thresholds=thresholds, tolerance=tolerance,
                            stale_months=stale_months, status=status, kind=kind, document=document, unit=unit)
    failing = result.rows["status"].isin(failing_statuses)
    if not (quiet and output is None):
        try:
            if format == Format.table:
                from ..render.text import check_summary

                if by == By.unit:
                    text = _department_summary(result.rows, failing_statuses, lang.value, result.departments,
                                               region_names(ds, lang.value), ds)
                else:
                    text = check_summary(result.rows, ids, region_names(ds, lang.value), failing_statuses,
                                         lang.value)
                from .output import fit_lines

                write_output(fit_lines(text, output).encode("utf-8"), output)
            else:
                failed = dataclasses.replace(result, rows=result.rows[failing].reset_index(drop=True))
                render_assessment(failed, ds, format, output, bom=bom, lang=lang.value, method=method.value,
                                  by=by.value, header=header.value)
        except typer.Exit as exc:
            # The reader went away (`| head`); the verdict still sets the exit code.
            if exc.exit_code != 0:
                raise
    if failing.any():
        raise typer.Exit(1)


def _department_summary(rows, fail_on, lang: str, only, names: dict, ds) -> str:
    """One line per department ("市科技局：40个目标，滞后2个，无数据30个"), in
    the order the targets file first names them; a target shared by three
    departments counts for each."""
    from ..departments import aliases_of, split_rows
    from ..render.text import check_summary

    split = split_rows(rows, only, aliases_of(ds.defs))
    key = split["department"]
    if split["region"].nunique() > 1:  # 市科技局 of two cities are two departments
        key = [f"{names.get(r, r)} {d}" for r, d in zip(split["region"], split["department"])]
    # check_summary groups by its region column: hand it the department.
    split = split.assign(region=key)
    keys = list(dict.fromkeys(split["region"]))
    lines = check_summary(split, keys, {k: k for k in keys}, fail_on, lang).splitlines()
    return "".join(line + "\n" for line in lines if not line.startswith("  "))
