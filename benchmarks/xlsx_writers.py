"""Two streaming xlsx writers on the same rows: openpyxl's write-only mode and
xlsxwriter's constant-memory mode.

    python benchmarks/xlsx_writers.py [--rows 125240] [--writer both|openpyxl|xlsxwriter]

The rows are shaped like the progress sheet of ``status --all --format
xlsx`` (36 columns: text, numbers with a number format such as
``General"家"`` or ``0.0%``, a status word with a traffic-light fill; about a
fifth of the cells empty) and are the same for both writers. Each writer
runs in its own process (``--writer``) so that its CPU seconds and peak
memory are its own; the default runs both that way and prints them side by
side. Nothing is asserted; the figures are for reading
(docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

UNITS = ["家", "亿元", "%", "人", "件", "个百分点"]
STATUS = [("达标", "FFC6EFCE"), ("滞后", "FFFFEB9C"), ("严重滞后", "FFFFC7CE"), ("无数据", "FFD9D9D9")]
# What each of the 36 columns holds, in the progress sheet's proportions.
KINDS = (["text"] * 5 + ["year"] + ["value"] * 2 + ["text"] + ["value"] + ["text"] + ["value"] + ["pct"] * 2
         + ["points", "status"] + ["pct", "value", "pct", "value", "year", "value", "status", "year", "value",
                                   "status", "flag", "flag", "text", "text", "text", "text", "text", "text",
                                   "text", "flag"])


def rows(n: int):
    rng = random.Random(17)
    for i in range(n):
        unit = UNITS[i % len(UNITS)]
        row = []
        for j, kind in enumerate(KINDS):
            if rng.random() < 0.2:
                row.append((kind, None, unit))
            elif kind == "text":
                row.append((kind, f"地区{i % 3131}-指标{j}" if j % 2 else f"t{i}-{j}", unit))
            elif kind == "year":
                row.append((kind, 2020 + i % 10, unit))
            elif kind == "value":
                row.append((kind, round(rng.uniform(-1e4, 1e6), 2), unit))
            elif kind in ("pct", "points"):
                row.append((kind, round(rng.uniform(-1, 2), 4), unit))
            elif kind == "status":
                row.append((kind, i % len(STATUS), unit))
            else:
                row.append((kind, "是" if rng.random() < 0.5 else None, unit))
        yield row


def with_openpyxl(n: int, path: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import PatternFill

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("进度")
    ws.freeze_panes = "D2"
    fills = {i: PatternFill("solid", start_color=c, end_color=c) for i, (_w, c) in enumerate(STATUS)}
    formats = {"year": "0", "pct": "0.0%", "points": "+0.0;-0.0;0.0"}
    ws.append([f"列{j}" for j in range(len(KINDS))])
    for row in rows(n):
        cells = []
        for kind, value, unit in row:
            if value is None:
                cells.append(None)
                continue
            cell = WriteOnlyCell(ws)
            if kind == "status":
                cell.value, cell.data_type = STATUS[value][0], "s"
                cell.fill = fills[value]
            elif kind in ("text", "flag"):
                cell.value, cell.data_type = value, "s"
            else:
                cell.value = value
                cell.number_format = formats.get(kind) or f'General"{unit}"'
            cells.append(cell)
        ws.append(cells)
    wb.save(path)


def with_xlsxwriter(n: int, path: str) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("进度")
    ws.freeze_panes(1, 3)
    fills = {i: wb.add_format({"bg_color": "#" + c[2:], "pattern": 1}) for i, (_w, c) in enumerate(STATUS)}
    formats: dict[str, object] = {}

    def number_format(text):
        if text not in formats:
            formats[text] = wb.add_format({"num_format": text})
        return formats[text]

    ws.write_row(0, 0, [f"列{j}" for j in range(len(KINDS))])
    fixed = {"year": "0", "pct": "0.0%", "points": "+0.0;-0.0;0.0"}
    for i, row in enumerate(rows(n), start=1):
        for j, (kind, value, unit) in enumerate(row):
            if value is None:
                continue
            if kind == "status":
                ws.write_string(i, j, STATUS[value][0], fills[value])
            elif kind in ("text", "flag"):
                ws.write_string(i, j, value)
            else:
                ws.write_number(i, j, value, number_format(fixed.get(kind) or f'General"{unit}"'))
    wb.close()


def one(writer: str, n: int) -> None:
    """Write with one writer in this process; print CPU s, wall s, peak MB, file MB."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "out.xlsx")
        cpu0, wall0 = time.process_time(), time.perf_counter()
        (with_openpyxl if writer == "openpyxl" else with_xlsxwriter)(n, path)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        size = os.path.getsize(path) / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{writer} {cpu:.2f} {wall:.2f} {peak:.0f} {size:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=125_240, help="targets (125,240 at national scale)")
    parser.add_argument("--writer", choices=("both", "openpyxl", "xlsxwriter"), default="both")
    args = parser.parse_args()
    if args.writer != "both":
        one(args.writer, args.rows)
        return
    import openpyxl
    import xlsxwriter

    print(f"{args.rows:,} rows × {len(KINDS)} columns; openpyxl {openpyxl.__version__}, xlsxwriter "
          f"{xlsxwriter.__version__}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("writer       CPU s   wall s  peak MB  file MB")
    for writer in ("openpyxl", "xlsxwriter"):
        out = subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--writer", writer],
                             capture_output=True, text=True, check=True).stdout.split()
        print(f"{out[0]:<11} {float(out[1]):>6.2f} {float(out[2]):>8.2f} {out[3]:>8} {out[4]:>8}")


if __name__ == "__main__":
    main()
