"""``policygap report REGION... -o FILE.html | FILE.docx``: charts and report
sentences for a leader, as a web page or a Word document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import PolicygapError
from ..i18n import _
from .app import app, err, handle_errors
from .options import (
    AllOpt, AsOfOpt, BaselinesOpt, DocumentFilter, KindFilter, Lang, LangOpt, Method, MethodOpt, RegionsArg,
    StaleOpt, StatusFilter, TargetsOpt, ThresholdsOpt, ToleranceOpt, UnitOpt, load, region_names, resolve_regions,
    run_assessment,
)

ReportOutputOpt = Annotated[Path, typer.Option(
    "--output", "-o", metavar="FILE", help="FILE.html (one self-contained page) or FILE.docx (Word/WPS), e.g. "
    "-o 鞍山.html.", show_default=False)]

FORMATS = {".html": "html", ".htm": "html", ".docx": "docx"}
INSTALL_HINT = "pip install 'policygap[report]'"


@app.command()
@handle_errors
def report(
    output: ReportOutputOpt,
    regions: RegionsArg = None,
    all_: AllOpt = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    method: MethodOpt = Method.planner,
    status: StatusFilter = None,
    kind: KindFilter = None,
    document: DocumentFilter = None,
    unit: UnitOpt = None,
    thresholds: ThresholdsOpt = None,
    tolerance: ToleranceOpt = None,
    stale_months: StaleOpt = None,
    targets: TargetsOpt = None,
    baselines: BaselinesOpt = None,
) -> None:
    """A report for leaders. Per region and document the status of each target
    against 序时进度, a chart of each target's figures and paths, the report
    sentence and the source quote with 文号.

    \b
    policygap report anshan -o 鞍山.html
    policygap report anshan --as-of 2024-06 -o 鞍山.docx"""
    from ..textio import output_target

    output_target(output)  # a folder, a read-only file or a device is refused first, with its own message
    kind_of_file = FORMATS.get(output.suffix.lower())
    if kind_of_file is None:
        raise PolicygapError(_("--output: {name}: the report is written as .html or .docx").format(name=output))
    _require_libraries(kind_of_file)
    ds = load(targets, baselines)
    ids = resolve_regions(ds, regions, all_)
    result = run_assessment(ds, ids, as_of=as_of, method=method, thresholds=thresholds, tolerance=tolerance,
                            stale_months=stale_months, status=status, kind=kind, document=document, unit=unit)
    from ..render import report_model

    model = report_model.build(result, ds, ids, region_names(ds, lang.value), lang.value)
    from ..render import charts

    progress = _progress(model)
    with charts.counting(progress):
        if kind_of_file == "html":
            from ..render import report_html
            from .app import write_output

            write_output(report_html.render(model).encode("utf-8"), output)
        else:
            from ..render import report_docx

            if lang == Lang.zh and not charts.installed_cjk_fonts():
                err(_("no Chinese font found: the charts in the Word document will show boxes for Chinese text "
                      "(install one, e.g. fonts-noto-cjk)"))
            report_docx.write(model, output)
    if progress is not None:
        sys.stderr.write("\r\033[K")  # the progress line goes once the report is written


# A report of more charts than this says how far it is, on a terminal: a
# chart takes about 0.2 s, so a province's few thousand take many minutes.
PROGRESS_FROM = 100


def _chart_count(model) -> int:
    """The targets' charts the report draws (one a target with figures)."""
    return sum(p.trajectory is not None for r in model.regions for d in r.documents for p in d.targets)


def _progress(model):
    """A callback for each chart drawn: 图表 120/4,000 on a terminal's stderr
    (a line written over itself), nothing in a pipe or from cron."""
    total = _chart_count(model)
    if not sys.stderr.isatty() or total < PROGRESS_FROM:
        return None
    from ..render import charts

    done = [0]

    def tick(draw):
        if draw is not charts.trajectory_figure:
            return
        done[0] += 1
        if done[0] % 10 == 0 or done[0] == total:
            sys.stderr.write("\r" + _("charts {done}/{total}").format(done=f"{done[0]:,}", total=f"{total:,}"))
            sys.stderr.flush()

    return tick


def _require_libraries(kind: str) -> None:
    """matplotlib (and python-docx for Word) come with the extra ``report``."""
    import importlib.util

    needed = ["matplotlib"] + (["docx"] if kind == "docx" else [])
    missing = [m for m in needed if importlib.util.find_spec(m) is None]
    if missing:
        raise PolicygapError(_("the report needs {libraries}, which are not installed: {command}").format(
            libraries=", ".join("python-docx" if m == "docx" else m for m in missing), command=INSTALL_HINT))
