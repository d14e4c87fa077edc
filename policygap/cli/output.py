"""Writing an assessment in the format asked for."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from ..i18n import _
from ..errors import PolicygapError
from .app import err, write_output
from .options import Format, region_names


def render_assessment(result, ds, fmt: Format, output, *, bom: bool, lang: str, method: str,
                      wide: bool = False, by: str = "region", header: str = "field") -> None:
    from ..departments import json_lists, output_fields
    from ..render import machine

    fields = output_fields(result.rows)
    if fmt == Format.csv:
        rows = machine.rounded(result.rows, machine.value_decimals(ds))
        write_output(machine.to_csv(rows, fields, bom=bom, headings=machine.headings(fields, header),
                                    words=machine.words(header)), output)
    elif fmt == Format.json:
        decimals = machine.value_decimals(ds)
        extra = checkpoint_details(result, decimals)
        for tid, lists in json_lists(result.rows).items():
            extra.setdefault(tid, {}).update(lists)
        write_output(machine.to_json(machine.rounded(result.rows, decimals), fields, extra), output)
    elif fmt == Format.xlsx:
        if output is None:
            raise PolicygapError(_("--format xlsx needs --output FILE.xlsx"))
        from ..render import xlsx

        xlsx.write(result, ds, output, lang=lang, by=by)
    elif fmt == Format.text:
        from ..render import text

        write_output(fit_lines(text.render(result, region_names(ds, lang), lang), output).encode("utf-8"), output)
    else:
        print_table(result, ds, output, lang, method, wide, by="department" if by == "unit" else "document")


def print_table(result, ds, output, lang: str, method: str, wide: bool = False, by: str = "document") -> None:
    from ..render import table

    stale = result.options.stale_months
    if stale is None:
        stale = ds.settings["stale_months"]
    if by == "department":  # --by unit: each target under each of its departments
        from ..departments import split_rows

        result = dataclasses.replace(result, rows=split_rows(result.rows))
    blocks = table.build(result, region_names(ds, lang), lang=lang, method=method, stale_months=stale,
                         documents=documents(ds), by=by)
    if not blocks:
        err(_("no targets match"))
        return
    if ds.problems:  # warnings only: errors stop before this
        blocks[-1].notes.append(_("the data files have {count} warnings; policygap validate lists them")
                                .format(count=len(ds.problems)))
    read = _files_note(ds)
    if read:
        blocks[-1].notes.append(read)
    emit_blocks(blocks, output, wide)


def _files_note(ds) -> str:
    """The files read, when they are not the embedded data."""
    from ..dataset import embedded_path

    files = [ds.targets_path, *ds.baselines_paths]
    embedded = {embedded_path("targets.yaml").resolve(), embedded_path("baselines.csv").resolve()}
    if all(Path(f).resolve() in embedded for f in files):
        return ""
    from ..i18n import language

    return _("data: {files}").format(files=("、" if language() == "zh" else ", ").join(str(f) for f in files))


def documents(ds) -> dict:
    """{document id: its fields} for section headings."""
    docs = ds.defs.documents
    return {d: {k: (None if v != v else v) for k, v in row.items()} for d, row in docs.to_dict("index").items()}


def emit_blocks(blocks, output, wide: bool = False) -> None:
    """At a terminal: fitted to its width (unless --wide), in colour. Into a
    file or a pipe: the full layout, plain, the same bytes either way."""
    from ..render import table

    stream = sys.stdout
    to_terminal = output is None and table.terminal_room(stream) is not None
    room = None if wide or not to_terminal else table.terminal_room(stream)
    text = table.render(blocks, room, colour=to_terminal and table.wants_colour(stream))
    write_output(text.encode("utf-8"), output)


def checkpoint_details(result, decimals: dict | None = None) -> dict:
    """JSON only: every checkpoint of each target (milestones, 力争, each year),
    numbers rounded like the rows."""
    from ..render.machine import records, rounded_checkpoints

    cp = result.checkpoints
    if not len(cp):
        return {}
    fields = ["role", "cp_year", "goal_raw", "goal_value", "latest_period", "latest_value",
              "progress", "expected_progress", "gap_points", "status"]
    cp = cp[cp["role"] != "final"]
    cp = rounded_checkpoints(cp, decimals)
    out: dict = {}
    # Keys in a fixed order (docs/output-format.md): role, year, value, then the rest.
    names = {"cp_year": "year", "goal_raw": "value"}
    for rec in records(cp, ["target_id", *fields]):
        tid = rec.pop("target_id")
        item = {names.get(f, f): rec[f] for f in fields}
        out.setdefault(tid, {"checkpoints": []})["checkpoints"].append(item)
    return out


def fit_lines(text: str, output) -> str:
    """At a terminal, long lines wrap at its width between words (numbers
    whole), continued under their own indent; into a file or a pipe, as is."""
    import sys

    from ..render import grid, table

    room = None if output is not None else table.terminal_room(sys.stdout)
    if room is None:
        return text
    out = []
    for line in text.split("\n"):
        if grid.width(line) <= room:
            out.append(line)
            continue
        own = line[: len(line) - len(line.lstrip(" "))]
        more = own + "    "
        first, *rest = grid.wrap(line.strip(), room - len(more))
        out.append(own + first)
        out.extend(more + x for x in rest)
    return "\n".join(out)
