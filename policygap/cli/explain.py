"""``policygap explain REGION TARGET_ID``: the inputs, formulas and numbers
behind one target's status."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from ..errors import PolicygapError
from .app import app, handle_errors, write_output
from ..textio import clipped
from .options import (
    AsOfOpt, BaselinesOpt, LangOpt, Method, MethodOpt, StaleOpt, TextOutputOpt, TargetsOpt, ThresholdsOpt,
    ToleranceOpt, load, resolve_regions, run_assessment,
)


@app.command()
@handle_errors
def explain(
    region: Annotated[str, typer.Argument(metavar="REGION", help="Region id or name, e.g. anshan or 鞍山.")],
    target_id: Annotated[str, typer.Argument(metavar="TARGET_ID", help="Target id, e.g. anshan-hitech-firms-2025 "
                                             "(policygap targets REGION lists them).")],
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    method: MethodOpt = Method.planner,
    thresholds: ThresholdsOpt = None,
    tolerance: ToleranceOpt = None,
    stale_months: StaleOpt = None,
    output: TextOutputOpt = None,
    targets: TargetsOpt = None,
    baselines: BaselinesOpt = None,
) -> None:
    """Why a target has its status. Every input (with the file line it came
    from), formula and intermediate number, the thresholds used and the
    sentence of the document.

    \b
    policygap explain anshan anshan-hitech-firms-2025
    policygap explain 鞍山 anshan-hitech-firms-2025 --as-of 2024-06 --lang en"""
    import difflib

    from ..render.explain import explain as render

    ds = load(targets, baselines)
    (rid,) = resolve_regions(ds, [region], False)
    own = ds.defs.targets[ds.defs.targets["region"] == rid]["target_id"].tolist()
    if target_id not in own:
        close = difflib.get_close_matches(target_id, own, n=1, cutoff=0.5)
        hint = _("; did you mean {name}?").format(name=repr(close[0])) if close else ""
        raise PolicygapError(_("unknown target {target} for {region}{hint} (`policygap targets {region}` lists "
                               "them)").format(target=repr(clipped(target_id)), region=rid, hint=hint))
    result = run_assessment(ds, [rid], as_of=as_of, method=method, thresholds=thresholds, tolerance=tolerance,
                            stale_months=stale_months, status=None, kind=None, document=None)
    from .output import fit_lines

    text = render(ds, result, target_id, lang.value)
    write_output(fit_lines(text, output).encode("utf-8"), output)
