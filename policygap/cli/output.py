"""Writing an assessment in the format asked for."""

from __future__ import annotations

import io
import sys

from ..errors import PolicygapError
from .app import err, quiet_broken_pipe, write_output
from .options import Format, region_names


def render_assessment(result, ds, fmt: Format, output, *, bom: bool, lang: str, method: str,
                      header: str = "field") -> None:
    from ..assess import OUTPUT_FIELDS
    from ..render import machine

    if fmt == Format.csv:
        rows = machine.rounded(result.rows, machine.value_decimals(ds))
        write_output(machine.to_csv(rows, OUTPUT_FIELDS, bom=bom, headings=machine.headings(OUTPUT_FIELDS, header),
                                    words=machine.words(header)), output)
    elif fmt == Format.json:
        decimals = machine.value_decimals(ds)
        rows = machine.rounded(result.rows, decimals)
        write_output(machine.to_json(rows, OUTPUT_FIELDS, checkpoint_details(result, decimals)), output)
    elif fmt == Format.xlsx:
        if output is None:
            raise PolicygapError("--format xlsx needs --output FILE.xlsx")
        from ..render import xlsx

        xlsx.write(result, ds, output, lang=lang)
    elif fmt == Format.text:
        from ..render import text

        write_output(text.render(result, region_names(ds, lang), lang).encode("utf-8"), output)
    else:
        print_table(result, ds, output, lang, method)


def print_table(result, ds, output, lang: str, method: str) -> None:
    from ..render import table

    stale = result.options.stale_months
    if stale is None:
        stale = ds.settings["stale_months"]
    tables = table.build(result, region_names(ds, lang), lang=lang, method=method, stale_months=stale)
    if not tables:
        err("没有符合条件的目标" if lang == "zh" else "no targets match")
        return
    notes = []
    if ds.problems:  # warnings only: errors stop before this
        n = len(ds.problems)
        notes.append(f"数据文件有{n}条提示，运行 policygap validate 查看" if lang == "zh"
                     else f"the data files have {n} warning{'s' if n > 1 else ''}; policygap validate lists them")
    emit_tables(tables, output, notes)


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
