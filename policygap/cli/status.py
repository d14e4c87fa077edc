"""``policygap status REGION... | --all``: the progress table."""

from __future__ import annotations

from .app import app, handle_errors
from .options import (
    AllOpt, AsOfOpt, ByOpt, By, UnitOpt, BaselinesOpt, BomOpt, DocumentFilter, Format, FormatOpt, KindFilter, LangOpt,
    Method, MethodOpt, OutputOpt, RegionsArg, StaleOpt, StatusFilter, TargetsOpt, ThresholdsOpt,
    ToleranceOpt, WideOpt, Header, HeaderOpt, format_for_output, load, resolve_regions, run_assessment,
)
from .output import render_assessment


@app.command()
@handle_errors
def status(
    regions: RegionsArg = None,
    all_: AllOpt = False,
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
    wide: WideOpt = False,
) -> None:
    """Progress of each target against 序时进度. Per target: base, latest
    figure, goal, growth now required and achieved, 完成进度, 序时进度 and the
    gap between them, status; one section per document.

    \b
    policygap status anshan
    policygap status 鞍山 --as-of 2024-06 --status behind,off_track
    policygap status anshan --lang en --wide
    policygap status --all --format csv --bom -o 台账.csv"""
    format = format_for_output(format, output)
    ds = load(targets, baselines)
    ids = resolve_regions(ds, regions, all_)
    result = run_assessment(ds, ids, as_of=as_of, method=method, thresholds=thresholds, tolerance=tolerance,
                            stale_months=stale_months, status=status, kind=kind, document=document, unit=unit)
    render_assessment(result, ds, format, output, bom=bom, lang=lang.value, method=method.value,
                      wide=wide, by=by.value, header=header.value)
