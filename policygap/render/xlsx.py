"""The assessment as an Excel workbook (opens in Excel and WPS).

Three sheets:

* 进度 (progress): one row per target, Chinese headings (English with
  --lang en), numbers as numbers: rates and progress as fractions shown
  ``0.0%``, values with their unit in the number format (``General"家"``),
  the gap to 序时进度 in 百分点 (``+0.0``); status cells filled in traffic-light
  colours; the header row and the first three columns (region, target id,
  indicator) frozen, the header filtered, columns as wide as their text.
* 来源 (sources): each target's document, clause and quote (long text wraps).
* 说明 (about): the as-of date, the targets and observations files (the
  embedded data by name, never its place inside the installed package), the
  thresholds and what the colours mean.

Written in openpyxl's write-only mode: rows stream to disk as they are
added, so memory does not grow with the number of cells.

Text cells are written as explicit strings; text that begins with = + - @,
a tab or a carriage return also gets Excel's quote prefix, so it is never a
formula, not even after the cell is edited. The file is written beside its
destination and renamed, so it appears whole or not at all.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..i18n import N_, _
from ..schema import KIND_ZH, STATUSES
from . import fmt
from .machine import FORMULA_START
from .words import indicator_name, status_word, target_phrase

# Traffic lights: Excel's own "good / neutral / bad" fills, grey for no data.
GREEN, YELLOW, RED, GREY = "FFC6EFCE", "FFFFEB9C", "FFFFC7CE", "FFD9D9D9"
STATUS_FILL = {
    "achieved": GREEN, "ahead": GREEN, "on_track": GREEN,
    "behind": YELLOW,
    "off_track": RED, "missed": RED,
    "no_data": GREY,
    "overdue": RED,  # 数据逾期: a figure that should be published is missing
}

PERCENT = "0.0%"
POINTS = '+0.0;-0.0;0.0'
YEAR = "0"

SHEETS = {"zh": ("进度", "来源", "说明"), "en": ("progress", "sources", "about")}

# (field, Chinese heading, English heading, what the cell holds)
# kinds of cell: text, status (word, filled), int, pct (a fraction),
# points, value (in the target's unit), target (target_value), change
# (required_annual_change: unit per year, 个百分点 for a share), flag.
COLUMNS = [
    ("region", "地区", "region", "region"),
    ("target_id", "目标编号", "target id", "text"),
    ("name", "指标", "indicator", "name"),
    ("kind", "类型", "kind", "kind"),
    ("target", "目标", "target", "target_text"),
    ("target_year", "目标年份", "target year", "int"),
    ("target_value", "目标值", "target value", "target"),
    ("goal_value", "应达到值", "goal value", "value"),
    ("base_period", "基期", "base period", "text"),
    ("base_value", "基期值", "base value", "value"),
    ("latest_period", "最新期", "latest period", "text"),
    ("latest_value", "最新值", "latest value", "value"),
    ("progress", "完成进度", "progress", "pct"),
    ("expected_progress", "序时进度", "time elapsed", "pct"),
    ("gap_points", "差值(百分点)", "gap (points)", "points"),
    ("status", "状态", "status", "status"),
    ("required_annual_growth", "今后需年均增长", "required growth/yr", "pct"),
    ("required_annual_change", "今后需年均变化", "required change/yr", "change"),
    ("actual_annual_growth", "实际年均增长", "actual growth/yr", "pct"),
    ("actual_annual_change", "实际年均变化", "actual change/yr", "change"),
    ("projected_year", "按现速度达标年份", "reached at pace in", "int"),
    ("stretch_value", "力争值", "stretch value", "target"),
    ("stretch_status", "力争状态", "stretch status", "status"),
    ("milestone_year", "阶段目标年份", "milestone year", "int"),
    ("milestone_value", "阶段目标值", "milestone value", "value"),
    ("milestone_status", "阶段目标状态", "milestone status", "status"),
    ("provisional", "初步数", "provisional", "flag"),
    ("stale", "数据过旧", "stale", "flag"),
    ("note", "说明", "note", "note"),
    ("unit", "单位", "unit", "text"),
    ("document", "文件", "document", "text"),
    ("clause", "条款", "clause", "text"),
    ("status_code", "状态代码", "status code", "code"),
    ("lead", "牵头单位", "lead unit", "text"),
    ("units", "责任单位", "responsible units", "text"),
    ("derived", "计算值", "derived", "flag"),
]

SOURCE_COLUMNS = [
    ("target_id", "目标编号", "target id"),
    ("region", "地区", "region"),
    ("name", "指标", "indicator"),
    ("document", "文件编号", "document"),
    ("title", "文件名称", "title"),
    ("number", "文号", "number"),
    ("issued", "印发日期", "issued"),
    ("clause", "条款", "clause"),
    ("quote", "原文", "quote"),
]

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write(result, ds, output, lang: str = "zh", by: str = "region") -> None:
    """Write the workbook to ``output`` atomically."""
    from ..textio import atomic_path

    wb = build(result, ds, lang, by=by)
    with atomic_path(output) as tmp:
        wb.save(tmp)


# The progress sheet keeps region, target id and indicator in view when it
# scrolls right, and the header when it scrolls down.
FREEZE = "D2"


def build(result, ds, lang: str = "zh", by: str = "region"):
    """The workbook (openpyxl, write-only: rows stream to a temporary file as
    they are added, so a national workbook needs no memory per cell), not
    yet saved. ``by="unit"`` adds one sheet per department (牵头单位 or
    责任单位) after the progress sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from ..cli.options import region_names
    from ..departments import output_fields
    from .machine import records, rounded, value_decimals
    from .text import NOTE_ZH

    names = region_names(ds, lang)
    recs = records(rounded(result.rows, value_decimals(ds)), output_fields(result.rows))
    progress_name, sources_name, about_name = SHEETS["zh" if lang == "zh" else "en"]
    wb = Workbook(write_only=True)
    heading = 1 if lang == "zh" else 2

    ws = wb.create_sheet(progress_name)
    _sheet(ws, [c[heading] for c in COLUMNS], _progress_rows(ws, recs, lang, names, NOTE_ZH), freeze=FREEZE)
    if by == "unit":
        _department_sheets(wb, recs, heading, lang, names, NOTE_ZH)

    src = wb.create_sheet(sources_name)
    docs = ds.defs.documents
    doc_fields = {d: (row.get("title"), row.get("number"), row.get("issued")) for d, row in docs.iterrows()}
    cells = []
    for rec in recs:
        title, number, issued = doc_fields.get(rec["document"], (None, None, None))
        values = {
            "target_id": rec["target_id"], "region": names.get(rec["region"], rec["region"]),
            "name": indicator_name(rec, lang), "document": rec["document"], "clause": rec["clause"],
            "quote": rec["quote"], "title": title, "number": number, "issued": issued,
        }
        row = []
        for field, _zh, _en in SOURCE_COLUMNS:
            cell = WriteOnlyCell(src)
            _text(cell, values[field])
            if field in WRAPPED and cell.value is not None:
                cell.alignment = _wrap()
            row.append(cell if cell.value is not None else None)
        cells.append(row)
    _sheet(src, [c[heading] for c in SOURCE_COLUMNS], cells, widest=60)

    _about(wb.create_sheet(about_name), result, ds, lang, len(recs))
    return wb


# Long text wraps in its cell (the column keeps a readable width).
WRAPPED = ("title", "quote")


def _wrap():
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top")


def _progress_rows(ws, recs, lang, names, note_zh) -> list:
    """The progress sheet's cells, one list a target (None: an empty cell)."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for rec in recs:
        row = []
        for field, _zh, _en, what in COLUMNS:
            cell = WriteOnlyCell(ws)
            _progress_cell(cell, rec, field, what, lang, names, note_zh)
            row.append(cell if cell.value is not None else None)
        cells.append(row)
    return cells


def _department_sheets(wb, recs, heading, lang, names, note_zh) -> None:
    """One sheet per department, its targets in the progress sheet's columns."""
    from ..departments import _split

    groups: dict[str, list] = {}
    for rec in recs:
        for dept in dict.fromkeys([*_split(rec.get("lead")), *_split(rec.get("units"))]):
            if dept:
                groups.setdefault(dept, []).append(rec)
    used = set(wb.sheetnames)
    for dept, mine in groups.items():
        title = re.sub(r"[\[\]:*?/\\]", "", dept)[:31] or "unit"
        base, n = title, 2
        while title in used:
            title = f"{base[:28]}({n})"
            n += 1
        used.add(title)
        ws = wb.create_sheet(title)
        _sheet(ws, [c[heading] for c in COLUMNS], _progress_rows(ws, recs=mine, lang=lang, names=names,
                                                                 note_zh=note_zh), freeze=FREEZE)


# --------------------------------------------------------------------------
# Cells


def _text(cell, value) -> None:
    """A text cell that a spreadsheet never evaluates."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return
    text = _ILLEGAL.sub("", str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl would store "=..." as a formula
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True


def _number(cell, value, number_format: str | None = None) -> None:
    if value is None or isinstance(value, bool):
        return
    value = float(value) if not isinstance(value, int) else value
    if isinstance(value, float) and not math.isfinite(value):
        return
    cell.value = value
    if number_format:
        cell.number_format = number_format


def _unit_format(unit: str | None) -> str:
    """Excel's General format followed by the unit as literal text."""
    unit = (unit or "").replace('"', "")
    return f'General"{unit}"' if unit else "General"


def _target_unit(rec: dict) -> str:
    """The unit of target_value / stretch_value as the file writes them."""
    if rec["kind"] == "growth_rate":
        return "%"
    if rec["kind"] == "multiple":
        return "倍"
    return rec["unit"] or ""


def _change_unit(rec: dict) -> str:
    return "个百分点" if rec["unit"] == "%" else (rec["unit"] or "")


def _progress_cell(cell, rec, field, what, lang, names, note_zh) -> None:
    from openpyxl.styles import PatternFill

    value = rec.get(field)
    if what == "region":
        _text(cell, names.get(value, value))
    elif what == "name":
        _text(cell, indicator_name(rec, lang))
    elif what == "kind":
        _text(cell, KIND_ZH.get(value, value) if lang == "zh" else value)
    elif what == "target_text":
        _text(cell, target_phrase(rec, lang, names))
    elif what == "text":
        _text(cell, value)
    elif what == "note":
        _text(cell, note_zh.get(value, value) if lang == "zh" and value else value)
    elif what == "code":
        _text(cell, rec["status"])
    elif what == "status":
        if value:
            _text(cell, status_word(value, lang))
            cell.fill = PatternFill("solid", start_color=STATUS_FILL.get(value, GREY), end_color=STATUS_FILL.get(value, GREY))
    elif what == "flag":
        if value:
            _text(cell, "是" if lang == "zh" else "yes")
    elif what == "int":
        _number(cell, value, YEAR)
    elif what == "pct":
        _number(cell, value, PERCENT)
    elif what == "points":
        _number(cell, value, POINTS)
    elif what == "value":
        _number(cell, value, _unit_format(rec["unit"]))
    elif what == "target":
        _number(cell, value, _unit_format(_target_unit(rec)))
    elif what == "change":
        _number(cell, value, _unit_format(_change_unit(rec)))
    else:  # pragma: no cover - a column added without a kind
        raise ValueError(f"unknown column kind {what!r}")


# --------------------------------------------------------------------------
# Sheets


def _sheet(ws, headings, rows, widest: int = 40, freeze: str = "A2") -> None:
    """Header, rows, a frozen header (and columns), a filter, and columns
    about as wide as their text. Write-only: the widths are worked out from
    the cells before the first row is written."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    header = []
    for h in headings:
        c = WriteOnlyCell(ws)
        _text(c, h)
        c.font = Font(bold=True)
        c.alignment = Alignment(vertical="center", wrap_text=False)
        header.append(c)
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{len(rows) + 1}"
    for j in range(len(headings)):
        width = max([_display_width(header[j]), *(_display_width(r[j]) for r in rows[:_WIDTH_SAMPLE])])
        ws.column_dimensions[get_column_letter(j + 1)].width = min(max(width + 2, 8), widest)
    ws.append(header)
    for row in rows:
        ws.append(row)


# Column widths are judged on the first rows: a national sheet has 100,000.
_WIDTH_SAMPLE = 2000


def _display_width(cell) -> int:
    value = None if cell is None else cell.value
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.4g}") + 3
    text = str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _about(ws, result, ds, lang: str, count: int) -> None:
    """As-of date, data files, method and thresholds, the colours' meaning."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    from .. import __version__
    from ..dataset import embedded_path
    from ..periods import format_period

    options = result.options
    settings = result.settings or {}
    th = {**settings.get("thresholds", {}), **(options.thresholds or {})}
    tolerance = settings.get("tolerance") if options.tolerance is None else options.tolerance
    stale = settings.get("stale_months") if options.stale_months is None else options.stale_months
    as_of = format_period(options.as_of, annual=False)

    def source(path, name):
        # The embedded data is named as such: its place inside an installed
        # package (site-packages) means nothing to the reader of the workbook.
        if Path(path).resolve() == embedded_path(name).resolve():
            return name + _(" (embedded data)", lang)
        return str(path)

    rows = [
        (_("as of", lang), _("{period} (figures up to the end of {shown} only)", lang).format(
            period=as_of, shown=fmt.period(as_of, lang))),
        (_("targets file", lang), source(ds.targets_path, "targets.yaml")),
        (_("observations file", lang),
         "；".join(source(p, "baselines.csv") for p in getattr(ds, "baselines_paths", [ds.baselines_path]))),
        (_("number of targets", lang), count),
        (_("method", lang), _(METHOD_WORDS.get(options.method, options.method), lang)),
        (_("thresholds (gap to time elapsed, points)", lang), _thresholds_text(th, lang)),
        (_("tolerance for ~ (左右)", lang), tolerance),
        (_("stale after (months)", lang), stale),
        (_("rates and progress", lang), _("stored as fractions, shown as percentages; the gap is in percentage points",
                                          lang)),
        (_("written by", lang), f"policygap {__version__}"),
    ]
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 90

    def cell(value, bold=False, fill=None):
        c = WriteOnlyCell(ws)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            _number(c, value)
        else:
            _text(c, value)
        if bold:
            c.font = Font(bold=True)
        if fill:
            c.fill = PatternFill("solid", start_color=fill, end_color=fill)
        return c

    for key, value in rows:
        ws.append([cell(key, bold=True), cell(value)])
    ws.append([])
    ws.append([cell(_("status colours", lang), bold=True)])
    for status in STATUSES:
        ws.append([cell(status_word(status, lang), fill=STATUS_FILL[status]), cell(status)])


METHOD_WORDS = {"planner": N_("planner: the gap to time elapsed (序时进度)"),
                "sdg": N_("sdg: achieved ÷ planned growth (UN categories)")}


def _thresholds_text(th: dict, lang: str) -> str:
    """快于序时 ≥ +10；符合序时 ≥ −10；滞后 ≥ −30；严重滞后 < −30."""
    w = lambda s: status_word(s, lang)  # noqa: E731
    sep = "；" if lang == "zh" else "; "
    text = sep.join([f"{w('ahead')} ≥ {th['ahead']:+g}", f"{w('on_track')} ≥ {th['on_track']:+g}",
                     f"{w('behind')} ≥ {th['behind']:+g}", f"{w('off_track')} < {th['behind']:+g}"])
    return text + _(" (a target's own thresholds take precedence)", lang)
