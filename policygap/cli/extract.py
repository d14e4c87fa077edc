"""``policygap extract FILE``: draft targets from a Chinese policy text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import _
from ..errors import PolicygapError
from .app import app, err, handle_errors, write_output
from .options import OutputOpt, TargetsOpt

FileArg = Annotated[Path, typer.Argument(help="The policy text: .txt (UTF-8 or GBK) or .docx.", show_default=False)]
RegionOpt = Annotated[Optional[str], typer.Option(
    "--region", help="Region id (or alias) of the targets. Default: the document's region in the targets "
    "file, else the region the text names most often.", show_default=False)]
DocumentOpt = Annotated[Optional[str], typer.Option(
    "--document", help="Document id for source.document. Default: the targets file's document with this "
    "file name, else REGION-YEAR.", show_default=False)]
MergeOpt = Annotated[Optional[Path], typer.Option(
    "--merge", help="Add the new entries to this targets file (nothing in it is reordered, rewritten or "
    "dropped; targets it has already are skipped). Its indicators are the registry.", show_default=False)]
BaselinesOutOpt = Annotated[Optional[Path], typer.Option(
    "--baselines-out", help="Also write the base values stated in the text (with a period) as CSV rows "
    "for baselines.csv.", show_default=False)]


@app.command()
@handle_errors
def extract(
    file: FileArg,
    region: RegionOpt = None,
    document: DocumentOpt = None,
    output: OutputOpt = None,
    merge: MergeOpt = None,
    baselines_out: BaselinesOutOpt = None,
    targets: TargetsOpt = None,
) -> None:
    """Draft targets from a policy text. Target entries in the targets file's
    format, each with the sentence it came from; uncertain entries carry
    review: true and a reason.

    \b
    policygap extract 方案.txt --region anshan -o draft.yaml
    policygap extract 方案.docx --merge data/targets.yaml"""
    from ..extract import extract_text, load_registry, merge_text, read_document, render_baselines_csv, render_yaml
    from ..textio import atomic_write_bytes, read_text

    if merge is not None and output is not None:
        raise PolicygapError(_("--merge writes into the targets file it names; leave out --output"))
    if merge is not None and targets is not None:
        raise PolicygapError(_("--merge uses the file it names as the registry; leave out --targets"))
    registry = load_registry(merge if merge is not None else targets)
    if region is not None:
        region = _region_id(registry, region)
    text = read_document(file)
    draft = extract_text(text, registry, region=region, document=document, source_name=file.name)

    if merge is not None:
        result = merge_text(read_text(merge), draft, registry, str(merge))
        if result.added or result.indicators or result.document_added:
            # the one deliberate edit of an input: new entries appended, nothing rewritten
            atomic_write_bytes(merge, result.text.encode("utf-8"), edit_input=True)
        err(_("{file}: added {targets} targets, {indicators} indicators{document}; {duplicates} already there, "
              "skipped").format(file=merge, targets=len(result.added), indicators=len(result.indicators),
                                document=_(", document {document}").format(document=draft.document)
                                if result.document_added else "", duplicates=len(result.duplicates)))
        for line in result.warnings:
            err(_("{file}: warning: {message}").format(file=merge, message=line))
    else:
        write_output(render_yaml(draft).encode("utf-8"), output)
    if baselines_out is not None:
        atomic_write_bytes(baselines_out, render_baselines_csv(draft, dated_only=True).encode("utf-8"))
    undated = sum(1 for b in draft.baselines if not b.period)
    review = sum(t.needs_review for t in draft.targets)
    err(_("{file}: {targets} targets drafted ({review} to review), {bases} base values{undated}, {proposed} "
          "indicators proposed{unresolved}").format(
        file=file.name, targets=len(draft.targets), review=review, bases=len(draft.baselines),
        undated=_(" ({count} without a period)").format(count=undated) if undated else "",
        proposed=len(draft.proposed),
        unresolved=_(", {count} left as comments").format(count=len(draft.unresolved)) if draft.unresolved else ""))
    if not draft.region_known:
        err((_("warning: region {region} is not in the targets file: define it (or give --region)") if region is None
             else _("warning: region {region} is not in the targets file: define it")).format(region=repr(draft.region)))


def _region_id(registry, name: str) -> str:
    """A region id from an id or alias; an unknown name is taken as a new id."""
    key = name.strip().casefold()
    for r in registry.regions.values():
        if key in {x.casefold() for x in (r.id, r.name, *r.aliases) if x}:
            return r.id
    if not name.strip() or any(c in name for c in " :{}[],#"):
        raise PolicygapError(_("--region: {name} is not a usable region id").format(name=repr(name)))
    return name.strip()
