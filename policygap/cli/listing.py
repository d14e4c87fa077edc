"""``policygap regions`` and ``policygap targets REGION``: what is defined."""

from __future__ import annotations

from ..i18n import N_, _
from ..errors import PolicygapError
from .app import app, handle_errors, write_output
from .options import (
    AllOpt, BaselinesOpt, BomOpt, DocumentFilter, Format, FormatOpt, KindFilter, LangOpt, OutputOpt,
    RegionsArg, TargetsOpt, WideOpt, load, region_names, resolve_regions, select_targets,
)

REGION_HEADINGS = {"region": N_("id"), "name": N_("name"), "aliases": N_("aliases"), "parent": N_("parent"),
                   "targets": N_("number of targets")}


@app.command()
@handle_errors
def regions(
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    bom: BomOpt = False,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    baselines: BaselinesOpt = None,
) -> None:
    """The regions defined, with their aliases and number of targets.

    \b
    policygap regions
    policygap regions --format csv --bom -o 地区.csv"""
    import pandas as pd

    from ..render import machine

    ds = load(targets, baselines)
    reg = ds.defs.regions
    counts = ds.defs.targets["region"].value_counts()
    frame = pd.DataFrame({
        "region": list(reg.index),
        "name": reg["name"].tolist(),
        "name_en": reg["name_en"].tolist(),
        "aliases": [";".join(a) for a in reg["aliases"]],
        "parent": reg["parent"].tolist(),
        "level": reg["level"].tolist(),
        "targets": [int(counts.get(r, 0)) for r in reg.index],
    })
    fields = list(frame.columns)
    if format == Format.csv:
        write_output(machine.to_csv(frame, fields, bom=bom), output)
    elif format == Format.json:
        frame["aliases"] = [list(a) for a in reg["aliases"]]
        write_output(machine.to_json(frame, fields), output)
    elif format in (Format.table, Format.text):
        print_simple_table(frame, ["region", "name", "aliases", "parent", "targets"], output,
                           {k: _(v) for k, v in REGION_HEADINGS.items()})
    else:
        raise PolicygapError(_("{command}: --format xlsx is not offered; use csv").format(command="regions"))


@app.command()
@handle_errors
def targets(
    regions: RegionsArg = None,
    all_: AllOpt = False,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    bom: BomOpt = False,
    lang: LangOpt = None,
    kind: KindFilter = None,
    document: DocumentFilter = None,
    targets: TargetsOpt = None,
    baselines: BaselinesOpt = None,
    wide: WideOpt = False,
) -> None:
    """The targets of a region as its documents state them. One section per
    document, each target with the sentence it came from, to check the data
    against the paper.

    \b
    policygap targets anshan
    policygap targets 鞍山 --document anshan-innovation-2023 --format csv"""
    import pandas as pd

    from ..render import machine

    ds = load(targets, baselines)
    ids = resolve_regions(ds, regions, all_)
    names = region_names(ds, lang.value)
    t = select_targets(ds, kind, document)
    t = t[t["region"].isin(ids)]
    t = t.assign(_order=t["region"].map({r: i for i, r in enumerate(ids)})).sort_values("_order", kind="stable")
    ind = ds.defs.indicators
    frame = pd.DataFrame({
        "region": t["region"].tolist(),
        "target_id": t["target_id"].tolist(),
        "indicator": t["indicator"].tolist(),
        "name": t["indicator"].map(ind["name"]).tolist(),
        "unit": t["indicator"].map(ind["unit"]).tolist(),
        "kind": t["kind"].tolist(),
        "comparator": t["comparator"].tolist(),
        "value": t["value"].tolist(),
        "year": t["year"].astype(int).tolist(),
        "milestones": [";".join(f"{y}:{v:g}" for y, v in sorted(m.items())) if m else None for m in t["milestones"]],
        "stretch": t["stretch"].tolist(),
        "reference": t["reference"].tolist(),
        "document": t["document"].tolist(),
        "clause": t["clause"].tolist(),
        "quote": t["quote"].tolist(),
        "note": t["note"].tolist(),
    })
    fields = list(frame.columns)
    if format == Format.csv:
        write_output(machine.to_csv(frame, fields, bom=bom), output)
    elif format == Format.json:
        write_output(machine.to_json(frame, fields), output)
    elif format in (Format.table, Format.text):
        from ..render import table
        from .output import documents, emit_blocks

        name_en = t["indicator"].map(ind["name_en"]).tolist() if "name_en" in ind else [None] * len(t)
        recs = [{**r, "target_value": r["value"], "target_year": r["year"], "goal_value": None,
                 "stretch_value": r["stretch"], "name_en": en, "milestones": m}
                for r, en, m in zip(frame.to_dict("records"), name_en, t["milestones"])]
        emit_blocks(table.build_targets(recs, names, lang.value, documents(ds)), output, wide)
    else:
        raise PolicygapError(_("{command}: --format xlsx is not offered; use csv").format(command="targets"))


def print_simple_table(frame, columns, output, headings=None) -> None:
    """A plain table of text cells, written like the progress table."""
    from ..render import grid, table
    from .output import emit_blocks

    cols = [grid.Column(c, (headings or {}).get(c, c), wrap="text", floor=8) for c in columns]
    for rec in frame[columns].itertuples(index=False):
        for col, v in zip(cols, rec):
            col.cells.append("" if v is None or (isinstance(v, float) and v != v) else str(v))
    emit_blocks([table.Block("", [table.Section("", cols)])], output)
