"""``policygap extract FILE``: draft targets from a Chinese policy text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import PolicygapError
from ..i18n import _
from .app import app, err, handle_errors, write_output
from .options import DraftOutputOpt, LangOpt, TargetsOpt
from ..textio import clipped

FileArg = Annotated[Path, typer.Argument(metavar="FILE", help="The policy text: .txt (UTF-8 or GBK) or .docx, e.g. "
                                         "方案.txt.", show_default=False)]
RegionOpt = Annotated[Optional[str], typer.Option(
    "--region", metavar="REGION", help="Region id (or alias) of the targets, e.g. --region anshan. Default: the "
    "document's region in the targets file, else the region the text names most often.", show_default=False)]
DocumentOpt = Annotated[Optional[str], typer.Option(
    "--document", metavar="ID", help="Document id for source.document, e.g. --document anshan-talent-2023. "
    "Default: the targets file's document with this file name, else REGION-YEAR.", show_default=False)]
MergeOpt = Annotated[Optional[Path], typer.Option(
    "--merge", metavar="FILE.yaml", help="Add the new entries to this targets file (nothing in it is reordered, "
    "rewritten or dropped; targets it has already are skipped), e.g. --merge data/targets.yaml. Its indicators "
    "are the registry.", show_default=False)]
BaselinesOutOpt = Annotated[Optional[Path], typer.Option(
    "--baselines-out", metavar="FILE.csv", help="Also write the base values stated in the text (with a "
    "period) as CSV rows for baselines.csv, e.g. --baselines-out 基期.csv.", show_default=False)]


@app.command()
@handle_errors
def extract(
    file: FileArg,
    region: RegionOpt = None,
    document: DocumentOpt = None,
    output: DraftOutputOpt = None,
    merge: MergeOpt = None,
    baselines_out: BaselinesOutOpt = None,
    targets: TargetsOpt = None,
    lang: LangOpt = None,
) -> None:
    """Draft targets from a policy text. Target entries in the targets file's
    format, each with the sentence it came from; uncertain entries carry
    review: true and a reason.

    \b
    policygap extract 方案.txt --region anshan -o draft.yaml
    policygap extract 方案.docx --region anshan --merge data/targets.yaml"""
    from ..extract import extract_text, load_registry, read_document, render_yaml

    if merge is not None and output is not None:
        raise PolicygapError(_("--merge writes into the targets file it names; leave out --output"))
    if merge is not None and targets is not None:
        raise PolicygapError(_("--merge uses the file it names as the registry; leave out --targets"))
    if merge is not None and not merge.exists() and not merge.is_symlink():
        raise PolicygapError(_("{file} does not exist: --merge adds to a targets file that is there; to start "
                               "one, write the draft with -o {file}").format(file=merge))
    if baselines_out is not None:
        _check_baselines_out(baselines_out, output, merge)
    text = read_document(file)
    if merge is not None:
        draft = _merge(text, file, merge, region, document, baselines_out)
    else:
        registry = load_registry(targets)
        draft = extract_text(text, registry, region=_region_id(registry, region) if region else None,
                             document=document, source_name=file.name)
        write_output(render_yaml(draft).encode("utf-8"), output)
        if baselines_out is not None:
            _write_baselines(draft, baselines_out)
    _summary(file, draft, region)


def _merge(text: str, file: Path, merge: Path, region, document, baselines_out):
    """Draft against the targets file and add what is new to it: locked from
    reading to replacing, written only when the result validates and every
    other output is written."""
    from ..extract import PLACEHOLDER_REGION, extract_text
    from ..extract.edit import open_for_edit
    from ..extract.merge import merge_text
    from ..extract.registry import Registry

    with open_for_edit(merge) as target:
        defs_before = _definitions(target.real)
        registry = Registry.from_definitions(defs_before)
        draft = extract_text(text, registry, region=_region_id(registry, region) if region else None,
                             document=document, source_name=file.name)
        if draft.region == PLACEHOLDER_REGION and not draft.region_known:
            raise PolicygapError(_("{path}: the text names none of the file's regions; give --region ID (a "
                                   "region defined under regions:); nothing was merged").format(path=merge))
        if not draft.region_known:
            raise PolicygapError(_("{path}: region {region} is not defined in the file; add it under regions: "
                                   "and run again; nothing was merged").format(path=merge, region=repr(draft.region)))
        result = merge_text(target.text, draft, registry, str(merge))
        if result.changed:
            target.stage(target.encode(result.text))
            _refuse_unless_valid(target, merge, defs_before)
        if baselines_out is not None:
            _write_baselines(draft, baselines_out)
        if result.changed:
            target.commit()
    err(_("{file}: added {targets} targets, {indicators} indicators{document}; {duplicates} already there, "
          "skipped").format(file=merge, targets=len(result.added), indicators=len(result.indicators),
                            document=_(", document {document}").format(document=draft.document)
                            if result.document_added else "", duplicates=len(result.duplicates)))
    for line in result.skipped:  # what was left out, and why: information, not a warning
        err(f"{merge}: {line}")
    return draft


def _definitions(path: Path):
    from ..targets_file import read_targets_file
    from ..validate import check_targets_file

    return check_targets_file(read_targets_file(path))


def _refuse_unless_valid(target, merge: Path, defs_before) -> None:
    """The checks `policygap validate` runs on a targets file, on the staged
    result; any error leaves the file as it was."""
    from dataclasses import replace

    after = _definitions(target.staged)
    errors = [p for p in after.problems if p.is_error]
    if not errors:
        return
    before = {(p.field, p.message) for p in defs_before.problems if p.is_error}
    lines = [_("{path}: the file would not validate after the merge; nothing was written:").format(path=merge)]
    for p in errors[:20]:
        line = str(replace(p, file=str(merge)) if p.file == str(target.staged) else p)
        lines.append(line + (_(" (already in the file before the merge)") if (p.field, p.message) in before else ""))
    if len(errors) > 20:
        lines.append(_("… and {n} more errors").format(n=len(errors) - 20))
    raise PolicygapError("\n".join(lines))


def _check_baselines_out(baselines_out: Path, output: Path | None, merge: Path | None) -> None:
    """--baselines-out names a file of its own: not the draft's or the merged
    file, and not a figures file the workspace (or $POLICYGAP_BASELINES)
    reads, which the base values would replace."""
    from ..dataset import resolve_paths
    from ..textio import protect, same_file

    for other in (output, merge):
        if other is not None and same_file(baselines_out, other):
            raise PolicygapError(_("--baselines-out and {option} name the same file; give each its own").format(
                option="--merge" if other is merge else "--output"))
    _targets, figures = resolve_paths(None, None)
    protect(figures)


def _write_baselines(draft, baselines_out: Path) -> None:
    from ..extract import render_baselines_csv
    from ..textio import atomic_write_bytes

    atomic_write_bytes(baselines_out, render_baselines_csv(draft, dated_only=True).encode("utf-8"))


def _summary(file: Path, draft, region) -> None:
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
        raise PolicygapError(_("--region: {name} is not a usable region id").format(name=repr(clipped(name))))
    return name.strip()
