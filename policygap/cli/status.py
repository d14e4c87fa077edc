"""``policygap status REGION... | --all``: the progress table."""

from __future__ import annotations

from .app import app, handle_errors
from .options import (
    AllOpt, AsOfOpt, BaselinesOpt, BomOpt, DocumentFilter, Format, FormatOpt, KindFilter, Lang, LangOpt,
    Method, MethodOpt, OutputOpt, RegionsArg, StaleOpt, StatusFilter, TargetsOpt, ThresholdsOpt,
    ToleranceOpt, Header, HeaderOpt, load, resolve_regions, run_assessment,
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
    lang: LangOpt = Lang.zh,
    method: MethodOpt = Method.planner,
    status: StatusFilter = None,
    kind: KindFilter = None,
    document: DocumentFilter = None,
    thresholds: ThresholdsOpt = None,
    tolerance: ToleranceOpt = None,
    stale_months: StaleOpt = None,
    targets: TargetsOpt = None,
    baselines: BaselinesOpt = None,
) -> None:
    """Progress of each target: base, latest figure, goal, growth now required
    and achieved, progress against 序时进度, status."""
    ds = load(targets, baselines)
    ids = resolve_regions(ds, regions, all_)
    result = run_assessment(ds, ids, as_of=as_of, method=method, thresholds=thresholds, tolerance=tolerance,
                            stale_months=stale_months, status=status, kind=kind, document=document)
    render_assessment(result, ds, format, output, bom=bom, lang=lang.value, method=method.value,
                              header=header.value)
