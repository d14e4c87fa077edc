"""Figures that arrive in pieces: several files, folders and workbooks read
as one set.

``--baselines`` may be given several times and may name a folder (its .csv
and .xlsx files, in name order). Each file is read and checked by
observations.py exactly as a single file is; this module then joins them:

* the same region, indicator and period in two files with the same value is
  one figure, final if any of its rows is (a 年报 row confirming a 快报 one);
* with different values it is an error naming both files and lines, unless
  one of the rows says ``revised`` (a column: 是/yes/true/1) or carries a
  later ``published`` date (YYYY-MM-DD); that row wins and a warning says
  which figure replaced which;
* an .xlsx file is read from its first sheet, or the sheet named 数据, with
  the same header and the same checks as a CSV file; messages give the row
  number of the sheet.

Derived indicators (derived.py) are computed once the set is whole.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import WARNING, PolicygapError, Problem
from .i18n import _
from .textio import clipped

FIGURE_SUFFIXES = (".csv", ".xlsx")
SHEET_NAME = "数据"
REVISED_HEADERS = ("revised", "修订", "修正", "更正")
PUBLISHED_HEADERS = ("published", "发布日期", "公布日期", "发布时间")
YES = {"true", "yes", "y", "1", "是", "修订", "revised"}


@dataclass
class FigureSet:
    frame: object  # DataFrame: observations.OBS_COLUMNS + file, derived
    files: list  # the files read, in order
    problems: list  # warnings and notes (errors are raised)


def expand(paths) -> list[Path]:
    """Files named, and the .csv/.xlsx files of folders named, in order;
    each once. An empty folder is fine beside other files (a workspace's
    folder for returned forms), an error when it is all there is."""
    out: list[Path] = []
    empty = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in FIGURE_SUFFIXES
                           and not f.name.startswith(("~$", ".")))
            if not found:
                empty.append(p)
            out.extend(found)
        else:
            out.append(p)
    if not out:
        raise PolicygapError(problems=[Problem(str(p), None, "", _(
            "a folder of figures, but it holds no .csv or .xlsx file")) for p in empty])
    seen, unique = set(), []
    for f in out:
        key = os.path.abspath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def load_figures(paths, defs) -> FigureSet:
    """Read every file, join them into one set, add derived figures: the
    figures that passed their checks and every problem of every file (errors
    among them; the caller refuses the set when there are any). Raises
    PolicygapError when no file could be read at all."""
    import pandas as pd

    files = expand(paths)
    frames, problems = [], []
    for path in files:
        try:
            frame, found = _load_one(path, defs)
        except PolicygapError as exc:
            problems.extend(exc.problems or [Problem(str(path), None, "", str(exc))])
            continue
        problems.extend(found)
        frames.append(frame)
    if not frames:
        raise PolicygapError(problems=problems)
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    if len(frames) > 1:
        frame, found = _join(frame)
        problems.extend(found)
    from .derived import add_derived

    frame, found = add_derived(frame, defs)
    problems.extend(found)
    for c in ("revised", "published"):
        if c in frame.columns:
            frame = frame.drop(columns=c)
    return FigureSet(frame.reset_index(drop=True), files, problems)


def _load_one(path: Path, defs):
    """One file through observations.py, with its name on every row, and
    its ``revised``/``published`` columns when it has them."""
    from .observations import load_observations

    if path.suffix.lower() == ".xlsx":
        return _load_xlsx(path, defs)
    obs = load_observations(path, defs)
    frame = obs.frame
    frame["file"] = _same(str(path), len(frame))  # in place: a national file has a million rows
    # A pipe (``--baselines <(…)``) can be read only once: its rows are
    # figures, and revised/published marks are read from regular files only.
    marks, bad = _marks_csv(path) if path.is_file() else (None, [])
    if marks is not None:
        frame = _attach_marks(frame, marks)
    return frame, [*obs.problems, *bad]


def _same(text: str, n: int):
    """One text for every row, stored once (a categorical column)."""
    import numpy as np
    import pandas as pd

    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[text])


def _header_cells(path: Path) -> list[str]:
    """The header row only: the first 64 KB are read, not the file."""
    import csv

    if not Path(path).is_file():
        return []  # a pipe or FIFO is read once, by observations.py (a second open would wait forever)
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError:
        return []  # observations.py has already said why
    first = re.split(rb"\r\n|\r|\n", head, maxsplit=1)[0]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = first.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return []
    return [c.strip().lstrip("\ufeff").lower() for c in next(csv.reader([text]), [])]


def _marks_csv(path: Path):
    """``{line: (revised, published)}`` for a CSV file with those columns,
    else None (the file is not read a second time)."""
    header = _header_cells(path)
    if not any(h in REVISED_HEADERS or h in PUBLISHED_HEADERS for h in header):
        return None, []
    from .textio import read_csv_table

    table = read_csv_table(path, "observations file")
    return _marks(table.frame, table.lines, str(path))


_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _marks(frame, lines, file: str) -> tuple[dict, list]:
    """``{line: (revised, published)}``, and a problem for each published
    cell that is not a date (a later date must be comparable)."""
    cols = {str(c).strip().lower(): c for c in frame.columns}
    rev = next((cols[h] for h in REVISED_HEADERS if h in cols), None)
    pub = next((cols[h] for h in PUBLISHED_HEADERS if h in cols), None)
    out, problems = {}, []
    for i, line in enumerate(lines):
        r = str(frame[rev].iat[i]).strip().lower() in YES if rev is not None else False
        p = str(frame[pub].iat[i]).strip() if pub is not None else ""
        if p and not _DATE.match(p):
            problems.append(Problem(file, int(line), "published", _(
                "{text!r} is not a date: write YYYY-MM-DD, e.g. 2025-07-15").format(text=p)))
            p = ""
        out[int(line)] = (r, p)
    return out, problems


def _attach_marks(frame, marks: dict):
    lines = frame["line"].tolist()
    return frame.assign(revised=[marks.get(int(x), (False, ""))[0] for x in lines],
                        published=[marks.get(int(x), (False, ""))[1] for x in lines])


# --------------------------------------------------------------------------
# Workbooks


def _cell_text(value, number_format: str | None = None) -> str:
    """A cell as the text a CSV would hold: 2024.0 -> 2024, a date -> its
    month (a period typed into Excel becomes a date), a number shown as a
    percentage as it is shown (33.5% typed into Excel is the number 0.335 in
    a % format: read as 33.5%, as the text '33.5%' would be)."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, bool):  # as Excel shows it: read as yes/no in 初步, and named as it is elsewhere
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime.datetime, datetime.date)):
        return f"{value.year}-{value.month:02d}"
    if isinstance(value, (int, float)) and number_format and "%" in number_format.replace('"%"', "").replace("\\%", ""):
        return format(value * 100, ".12g") + "%"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else format(value, ".15g")
    return str(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def read_sheet(path: Path):
    """The rows of the figures sheet as text: (sheet name, rows, formula
    cells whose result was never saved, the workbook's other sheets that
    hold something, 说明 aside)."""
    import io
    import zipfile

    from .textio import read_bytes

    data = read_bytes(path)
    try:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise PolicygapError(problems=[Problem(str(path), None, "", _(
            "cannot read as an Excel workbook (.xlsx): {reason}").format(reason=exc))]) from None
    try:
        ws = wb[SHEET_NAME] if SHEET_NAME in wb.sheetnames else wb.worksheets[0]
        rows = [[_cell_text(c.value, getattr(c, "number_format", None)) for c in row] for row in ws.iter_rows()]
        title = ws.title
        # a look at the first rows of each other sheet is enough to name it
        others = [o.title for o in wb.worksheets if o.title not in (title, "说明", "about")
                  and any(v is not None for row in o.iter_rows(max_row=20, values_only=True) for v in row)]
    finally:
        wb.close()
    return title, rows, _unsaved_formulas(data, title, rows), others


def _unsaved_formulas(data: bytes, title: str, rows: list[list[str]]) -> list[tuple[int, int, str]]:
    """(row, column, formula) of each formula cell whose result was never
    saved (a workbook written by a program, or a formula typed and the file
    not saved again in Excel): read as values, such a cell is empty, and its
    row would be skipped as a blank one without a word."""
    import io
    import zipfile

    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as z:  # no formula anywhere: nothing to look for (the usual form)
        sheets = (z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        if not any(b"<f>" in xml or b"<f " in xml for xml in sheets):
            return []
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        found = []
        for r, row in enumerate(wb[title].iter_rows(values_only=True)):
            for c, v in enumerate(row):
                if isinstance(v, str) and v.startswith("=") and r < len(rows) and (c >= len(rows[r]) or not rows[r][c]):
                    found.append((r + 1, c + 1, v))
        return found
    finally:
        wb.close()


def _load_xlsx(path: Path, defs):
    """The sheet written out as CSV (one line per row, so that lines are
    the sheet's row numbers) and read by observations.py like any CSV file;
    messages then name the workbook, the sheet and the row."""
    import csv
    import io
    import tempfile

    from .observations import load_observations

    from .observations import MAX_SAME_PROBLEM

    sheet, rows, formulas, others = read_sheet(path)
    shown = f"{path}[{sheet}]"
    if formulas:
        raise PolicygapError(problems=[Problem(shown, r, "", _(
            "{formula} is a formula whose result was never saved: open the workbook in Excel or WPS, save it, "
            "and read it again").format(formula=repr(clipped(f))), col=c) for r, c, f in formulas[:MAX_SAME_PROBLEM]])
    # The header is the first row that is not blank; rows above it are skipped.
    start = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if start is None:
        raise PolicygapError(problems=[Problem(str(path), None, "", _(
            "sheet {sheet} is empty; it needs a header row: 地区,指标,期间,数值 (region,indicator,period,value)")
            .format(sheet=sheet))])
    start = _header_below_a_title(rows, start)
    rows = rows[start:]
    width = max(len(r) for r in rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for r in rows:
        writer.writerow([*r, *[""] * (width - len(r))])
    with tempfile.TemporaryDirectory(prefix="policygap-") as tmp:
        csv_path = Path(tmp) / "sheet.csv"
        csv_path.write_text(buf.getvalue(), encoding="utf-8")
        try:
            obs = load_observations(csv_path, defs, lines_above=start)
        except PolicygapError as exc:
            raise PolicygapError(problems=[_moved(p, str(csv_path), shown, start) for p in exc.problems]) from None
    frame = obs.frame
    frame["file"] = _same(shown, len(frame))
    frame["line"] = frame["line"] + start
    if not len(frame) and others:  # a department filled in a sheet of its own: say so, it adds nothing
        obs.problems.append(Problem(str(csv_path), None, "", _(
            "sheet {sheet} holds no figures, and only it is read: figures on {others} are not; copy them into "
            "{sheet}").format(sheet=sheet, others="、".join(others)), WARNING))
    header = [c.strip().lower() for c in rows[0]]
    if any(h in REVISED_HEADERS or h in PUBLISHED_HEADERS for h in header):
        import pandas as pd

        table = pd.DataFrame(rows[1:], columns=[f"{c}" if c else f"(column {j + 1})" for j, c in enumerate(
            [*rows[0], *[""] * (width - len(rows[0]))])])
        marks, bad = _marks(table, range(start + 2, start + 2 + len(table)), shown)
        frame = _attach_marks(frame, marks)
        return frame, [*(_moved(p, str(csv_path), shown, start) for p in obs.problems), *bad]
    return frame, [_moved(p, str(csv_path), shown, start) for p in obs.problems]


def _header_below_a_title(rows: list[list[str]], start: int) -> int:
    """A department often puts a title (二季度科技指标填报表, 填报单位：…) above
    the form's header: when the first row names neither a region nor a value
    column and one of the next few rows names both, that row is the header."""
    from .observations import HEADER_ALIASES

    def names(row) -> set:
        return {HEADER_ALIASES.get(c.strip(), c.strip().lower()) for c in row}

    if {"region", "value"} & names(rows[start]):
        return start
    for i in range(start + 1, min(start + 6, len(rows))):
        if {"region", "value"} <= names(rows[i]):
            return i
    return start


def _moved(p: Problem, tmp: str, shown: str, offset: int) -> Problem:
    return Problem(shown if p.file == tmp else p.file, None if p.line is None else p.line + offset,
                   p.field, p.message, p.severity, p.col)


# --------------------------------------------------------------------------
# Joining files


def _join(frame):
    """One figure per region, indicator and period across files: equal
    values are one figure; different values are an error unless one row is
    revised or published later, which wins (reported)."""
    key = ["region", "indicator", "index"]
    dup = frame.duplicated(key, keep=False)
    if not dup.any():
        return frame, []
    problems: list[Problem] = []
    drop: list[int] = []
    if "revised" not in frame.columns:
        frame = frame.assign(revised=False, published="")
    frame["revised"] = frame["revised"].fillna(False).astype(bool)
    frame["published"] = frame["published"].fillna("").astype(str)
    for _k, group in frame[dup].groupby(key, sort=False):
        winner, losers, problem = _settle(group)
        if problem is not None:
            problems.append(problem)
        drop.extend(losers)
    return frame.drop(index=drop), problems


def _settle(group):
    """(winning row index, indexes dropped, a problem or None)."""
    rows = list(group.itertuples())
    first = rows[0]
    if all(r.value == first.value for r in rows):
        # the same figure twice: a 年报 row that confirms a 快报 (provisional) one
        # makes it final, whichever file came first; a revised row is kept first of all
        keep = min(rows, key=lambda r: (not r.revised, bool(getattr(r, "provisional", False))))
        return keep.Index, [r.Index for r in rows if r.Index != keep.Index], None
    revised = [r for r in rows if r.revised]
    win, why = None, ""
    if len(revised) == 1:
        win, why = revised[0], "revised"
    elif not revised and all(r.published for r in rows):
        latest = max(r.published for r in rows)
        newest = [r for r in rows if r.published == latest]
        if len(newest) == 1:
            win, why = newest[0], "published"
    if win is None:
        a, b = rows[0], next(r for r in rows[1:] if r.value != rows[0].value)
        # an error: the set is refused; the first row alone stays for the other checks
        return a.Index, [r.Index for r in rows[1:]], Problem(
            b.file, int(b.line), "value",
            _("{region} {indicator} {period}: {value_b:g} here but {value_a:g} in {file_a} line {line_a}; "
              "which is right? Remove one, or mark the newer row revised (a revised column) or give both "
              "a published date").format(region=b.region, indicator=b.indicator, period=b.period,
                                         value_b=b.value, value_a=a.value, file_a=a.file, line_a=int(a.line)))
    others = [r for r in rows if r.Index != win.Index]
    replaced = "; ".join(_("{value:g} ({file} line {line})").format(value=r.value, file=r.file, line=int(r.line))
                         for r in others)
    why_text = _("revised") if why == "revised" else _("published later ({date})").format(date=win.published)
    return win.Index, [r.Index for r in others], Problem(
        win.file, int(win.line), "value",
        _("{region} {indicator} {period}: {value:g} ({why}) replaces {replaced}").format(
            region=win.region, indicator=win.indicator, period=win.period, value=win.value, why=why_text,
            replaced=replaced), WARNING)
