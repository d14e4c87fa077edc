"""Writing an assessment in the format asked for."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from ..errors import PolicygapError
from .app import err, quiet_broken_pipe, write_output
from .options import Format, region_names


def render_assessment(result, ds, fmt: Format, output, *, bom: bool, lang: str, method: str,
                      by: str = "region") -> None:
    from ..departments import json_lists, output_fields
    from ..render import machine

    fields = output_fields(result.rows)
    if fmt == Format.csv:
        write_output(machine.to_csv(result.rows, fields, bom=bom), output)
    elif fmt == Format.json:
        extra = checkpoint_details(result)
        for tid, lists in json_lists(result.rows).items():
            extra.setdefault(tid, {}).update(lists)
        write_output(machine.to_json(result.rows, fields, extra), output)
    elif fmt == Format.xlsx:
        if output is None:
            raise PolicygapError("--format xlsx needs --output FILE.xlsx")
        from ..render import xlsx

        xlsx.write(result, ds, output, lang=lang, by=by)
    elif fmt == Format.text:
        from ..render import text

        write_output(text.render(result, region_names(ds, lang), lang).encode("utf-8"), output)
    else:
        print_table(result, ds, output, lang, method, by=by)


def print_table(result, ds, output, lang: str, method: str, by: str = "region") -> None:
    from ..render import table

    stale = result.options.stale_months
    if stale is None:
        stale = ds.settings["stale_months"]
    names = region_names(ds, lang)
    if by == "unit":
        result, names = _by_department(result, names)
    tables = table.build(result, names, lang=lang, method=method, stale_months=stale)
    if not tables:
        err("没有符合条件的目标" if lang == "zh" else "no targets match")
        return
    notes = []
    if ds.problems:  # warnings only: errors stop before this
        n = len(ds.problems)
        notes.append(f"数据文件有{n}条提示，运行 policygap validate 查看" if lang == "zh"
                     else f"the data files have {n} warning{'s' if n > 1 else ''}; policygap validate lists them")
    read = _files_note(ds, lang)
    if read:
        notes.append(read)
    emit_tables(tables, output, notes)


def _files_note(ds, lang: str) -> str:
    """The files read, when they are not the embedded data."""
    from ..dataset import embedded_path

    files = [ds.targets_path, *ds.baselines_paths]
    embedded = {embedded_path("targets.yaml").resolve(), embedded_path("baselines.csv").resolve()}
    if all(Path(f).resolve() in embedded for f in files):
        return ""
    from ..i18n import _

    return _("data: {files}").format(files=", ".join(str(f) for f in files))


def _by_department(result, names):
    """The rows once per department, grouped by department: the table's
    grouping key (region) becomes "department (region)" for each row."""
    import dataclasses

    from ..departments import split_rows

    rows = split_rows(result.rows, True)
    several = rows["region"].nunique() > 1
    key = [f"{names.get(r, r)} {d}" if several else d for d, r in zip(rows["department"], rows["region"])]
    rows = rows.assign(region=key)
    return dataclasses.replace(result, rows=rows.reset_index(drop=True)), {k: k for k in key}


def emit_tables(tables, output, notes=()) -> None:
    """Rich tables to the terminal, or as bytes to a file or a pipe."""
    from ..render import table

    if output is None and sys.stdout.isatty():
        try:
            table.print_tables(tables, summary_lines=notes)  # the terminal's width and colours
        except BrokenPipeError:
            quiet_broken_pipe()
        return
    # A file or a pipe: render first, then write the bytes ourselves. The
    # result is the same in a file, a pipe and --output, and a reader that
    # leaves early (| head) ends quietly (rich would exit with 1).
    buf = io.StringIO()
    table.print_tables(tables, file=buf, summary_lines=notes)
    write_output(buf.getvalue().encode("utf-8"), output)


def checkpoint_details(result) -> dict:
    """JSON only: every checkpoint of each target (milestones, 力争, each year)."""
    from ..render.machine import records

    cp = result.checkpoints
    if not len(cp):
        return {}
    fields = ["role", "cp_year", "goal_raw", "goal_value", "latest_period", "latest_value",
              "progress", "expected_progress", "gap_points", "status"]
    cp = cp[cp["role"] != "final"]
    out: dict = {}
    # Keys in a fixed order (docs/output-format.md): role, year, value, then the rest.
    names = {"cp_year": "year", "goal_raw": "value"}
    for rec in records(cp, ["target_id", *fields]):
        tid = rec.pop("target_id")
        item = {names.get(f, f): rec[f] for f in fields}
        out.setdefault(tid, {"checkpoints": []})["checkpoints"].append(item)
    return out
