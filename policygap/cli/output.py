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
    from ..departments import output_fields
    from ..render import machine

    fields = output_fields(result.rows)
    if fmt == Format.csv:
        rows = machine.rounded(result.rows, machine.value_decimals(ds))
        write_output(machine.to_csv(rows, fields, bom=bom, headings=machine.headings(fields, header),
                                    words=machine.words(header)), output)
    elif fmt == Format.json:
        decimals = machine.value_decimals(ds)
        write_output(machine.to_json(machine.rounded(result.rows, decimals), fields,
                                     json_in_place(result, decimals)), output)
    elif fmt == Format.xlsx:
        if output is None:
            raise PolicygapError(_("--format xlsx needs --output FILE.xlsx"))
        from ..render import xlsx

        xlsx.write(result, ds, output, lang=lang, by=by)
    elif fmt == Format.text:
        from ..render import text

        lines = text.render(result, region_names(ds, lang), lang, machine.value_decimals(ds))
        write_output(fit_lines(lines, output).encode("utf-8"), output)
    else:
        print_table(result, ds, output, lang, method, wide, by="department" if by == "unit" else "document")


def print_table(result, ds, output, lang: str, method: str, wide: bool = False, by: str = "document") -> None:
    from ..render import table

    stale = result.options.stale_months
    if stale is None:
        stale = ds.settings["stale_months"]
    if by == "department":  # --by unit: each target under each of its departments
        from ..departments import aliases_of, split_rows

        result = dataclasses.replace(result, rows=split_rows(result.rows, result.departments, aliases_of(ds.defs)))
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


def json_in_place(result, decimals: dict | None = None):
    """What JSON writes in place of a row's cell, by block of rows: every
    checkpoint of a target (milestones, 力争, each year) as a list of objects,
    numbers rounded like the rows; lead and units as lists of names."""
    from ..departments import json_list
    from ..render.machine import json_objects, rounded_checkpoints

    details: dict = {}
    cp = result.checkpoints
    if len(cp):
        # Keys in a fixed order (docs/output-format.md): role, year, value, then the rest.
        fields = ["role", "cp_year", "goal_raw", "goal_value", "latest_period", "latest_value",
                  "progress", "expected_progress", "gap_points", "status"]
        cp = rounded_checkpoints(cp[cp["role"] != "final"], decimals)
        items: dict = {}
        for tid, text in zip(cp["target_id"].tolist(),
                             json_objects(cp, fields, keys={"cp_year": "year", "goal_raw": "value"})):
            items.setdefault(tid, []).append(text)
        details = {tid: "[" + ", ".join(texts) + "]" for tid, texts in items.items()}

    def encoded(part) -> dict:
        out = {"checkpoints": [details.get(t) for t in part["target_id"].tolist()]}
        if "units" in part.columns:
            out["lead"] = json_list(part["lead"])
            out["units"] = json_list(part["units"])
        return out

    return encoded


def fit_lines(text: str, output) -> str:
    """At a terminal, long lines wrap at its width between words (numbers
    whole), continued under their own indent; into a file or a pipe, as is.
    A line of parts (``n = …;  e = …``) breaks between its parts first, and
    a formula before an ``=``, so that no term is cut in two."""
    import sys

    from ..render import table

    room = None if output is not None else table.terminal_room(sys.stdout)
    if room is None:
        return text
    out = []
    for line in text.split("\n"):
        own = line[: len(line) - len(line.lstrip(" "))]
        parts = line.strip().split(";  ") if _too_wide(line, room) else [line.strip()]
        for part in parts:
            out.extend(_fit(part, own, room))
    return "\n".join(out)


def _too_wide(line: str, room: int) -> bool:
    from ..render import grid

    return grid.width(line) > room


def _fit(part: str, own: str, room: int) -> list[str]:
    """One part at indent ``own``: whole if it fits; a chain of steps
    (完成进度 = formula = figures = result) broken before an ``=``; else
    between words."""
    from ..render import grid

    more = own + "    "
    if not _too_wide(own + part, room):
        return [own + part]
    pieces = part.split(" = ")
    if len(pieces) < 3:  # a figure with its label (B  基期 = 473家 …), not a chain of steps
        pieces = [part]
    lines = [" = ".join(pieces[:2])]  # the name and its formula stay together
    for term in pieces[2:]:
        joined = f"{lines[-1]} = {term}"
        if not _too_wide((own if len(lines) == 1 else more) + joined, room):
            lines[-1] = joined
        else:
            lines.append(f"= {term}")
    out = []
    for i, piece in enumerate(lines):
        indent = own if i == 0 else more
        if not _too_wide(indent + piece, room):
            out.append(indent + piece)
            continue
        # between words first, so that a figure keeps its unit (0.52吨标准煤/万元);
        # between characters only where a word is wider than the room
        wrapped = grid.wrap(piece, room - len(more), "spaces")
        if any(grid.width(x) > room - len(more) for x in wrapped):
            wrapped = grid.wrap(piece, room - len(more))
        head, *rest = wrapped
        out.append(indent + head)
        out.extend(more + x for x in rest)
    return out
