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

Written with xlsxwriter in its constant-memory mode: each row goes to disk
as soon as the next begins, so memory does not grow with the number of
cells. (openpyxl's write-only mode took 2.6 times as long on the same rows,
and the whole command 1.6-2.2 times as long: benchmarks/xlsx_writers.py,
docs/performance.md.)

Text cells are written as explicit strings; text that begins with = + - @,
a tab or a carriage return also gets Excel's quote prefix, so it is never a
formula, not even after the cell is edited. The file is written beside its
destination and renamed, so it appears whole or not at all.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path

from ..i18n import N_, _
from ..schema import KIND_ZH, STATUSES
from . import fmt
from .machine import FORMULA_START
from .words import indicator_name, note_text, shown_gap, status_word, target_phrase

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
    # 年均增长 and 翻番 targets are judged against the compound path: shown beside it
    ("path_progress", "路径进度", "compound path", "pct"),
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

    with atomic_path(output) as tmp:
        build(result, ds, tmp, lang, by=by)


# The progress sheet keeps region, target id and indicator in view when it
# scrolls right, and the header when it scrolls down.
FREEZE = (1, 3)  # D2


def build(result, ds, path, lang: str = "zh", by: str = "region") -> None:
    """Write the workbook to ``path`` (xlsxwriter, constant-memory mode: each
    row goes to a temporary file as soon as the next one starts, so a national
    workbook needs no memory per cell). ``by="unit"`` adds one sheet per
    department (牵头单位 or 责任单位) after the progress sheet."""
    import xlsxwriter

    from ..cli.options import region_names
    from ..departments import output_fields
    from .machine import records, rounded, value_decimals
    from ..schema import NOTE_ZH

    names = region_names(ds, lang)
    recs = records(rounded(result.rows, value_decimals(ds)), output_fields(result.rows))
    # The rows wait in temporary files in a folder of their own, removed
    # whatever happens (an interrupted run leaves nothing behind).
    with tempfile.TemporaryDirectory(prefix="policygap-xlsx-") as rows_folder:
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": rows_folder})
        try:
            _sheets(wb, result, ds, recs, lang, by, names, NOTE_ZH)
            wb.close()
        except BaseException:
            _discard(wb)
            raise


def _discard(wb) -> None:
    """Close the row files of a workbook that will not be finished (they
    are closed only by ``close()``, which would write the workbook)."""
    for ws in wb.worksheets():
        fh = getattr(ws, "row_data_fh", None)
        if fh is not None and not fh.closed:
            fh.close()


def _sheets(wb, result, ds, recs, lang, by, names, note_zh) -> None:
    """Progress, department, sources and about sheets, in that order."""
    progress_name, sources_name, about_name = SHEETS["zh" if lang == "zh" else "en"]
    styles = _Styles(wb)
    heading = 1 if lang == "zh" else 2
    ws = wb.add_worksheet(progress_name)
    _sheet(ws, styles, [c[heading] for c in COLUMNS], _progress_rows(recs, styles, lang, names, note_zh),
           len(recs), freeze=FREEZE)
    if by == "unit":
        from ..departments import aliases_of

        _department_sheets(wb, styles, recs, heading, lang, names, note_zh, result.departments, aliases_of(ds.defs))
    _sheet(wb.add_worksheet(sources_name), styles, [c[heading] for c in SOURCE_COLUMNS],
           _source_rows(recs, ds, styles, lang, names), len(recs), widest=60)
    _about(wb.add_worksheet(about_name), styles, result, ds, lang, len(recs))


class _Styles:
    """xlsxwriter formats, one per distinct combination (a workbook may hold
    only so many): a number format, a fill, bold, wrapping, the quote prefix."""

    def __init__(self, wb):
        self.wb = wb
        self.cache: dict = {}

    def __call__(self, number_format=None, fill=None, bold=False, wrap=False, quote=False, middle=False):
        key = (number_format, fill, bold, wrap, quote, middle)
        style = self.cache.get(key, False)
        if style is False:
            props = {}
            if number_format:
                props["num_format"] = number_format
            if fill:  # a solid fill: Excel stores the colour as the foreground
                props.update(pattern=1, bg_color="#" + fill[2:])
            if bold:
                props["bold"] = True
            if wrap:
                props.update(text_wrap=True, valign="top")
            if middle:
                props["valign"] = "vcenter"
            if quote:
                props["quote_prefix"] = True
            style = self.cache[key] = self.wb.add_format(props) if props else None
        return style


# Long text wraps in its cell (the column keeps a readable width).
WRAPPED = ("title", "quote")


def _source_rows(recs, ds, styles, lang, names):
    """The sources sheet's cells, one list a target: (column, value, format)."""
    docs = ds.defs.documents
    doc_fields = {d: (row.get("title"), row.get("number"), row.get("issued")) for d, row in docs.iterrows()}
    for rec in recs:
        title, number, issued = doc_fields.get(rec["document"], (None, None, None))
        values = {
            "target_id": rec["target_id"], "region": names.get(rec["region"], rec["region"]),
            "name": indicator_name(rec, lang), "document": rec["document"], "clause": rec["clause"],
            "quote": rec["quote"], "title": title, "number": number, "issued": issued,
        }
        cells = (_text_cell(styles, j, values[field], wrap=field in WRAPPED)
                 for j, (field, _zh, _en) in enumerate(SOURCE_COLUMNS))
        yield [cell for cell in cells if cell is not None]


def _text_cell(styles, column: int, value, **style):
    """(column, text, format) of a text cell a spreadsheet never evaluates
    (quote prefix where it begins like a formula), or None if empty."""
    text = _text_value(value)
    if text is None:
        return None
    return column, text, styles(quote=text.startswith(FORMULA_START), **style)


def _progress_rows(recs, styles, lang, names, note_zh):
    """The progress sheet's cells, one list a target: (column, value, format)."""
    for rec in recs:
        if rec.get("year_to_date"):
            # Progress runs from 0 at the start of the year, as in the table.
            start = _("start of {year}", lang).format(year=str(rec["latest_period"])[:4])
            rec = {**rec, "base_period": start, "base_value": 0.0}
        row = []
        for j, (field, _zh, _en, what) in enumerate(COLUMNS):
            cell = _progress_cell(rec, field, what, lang, names, note_zh)
            if cell is not None:
                value, number_format, fill = cell
                quote = isinstance(value, str) and value.startswith(FORMULA_START)
                row.append((j, value, styles(number_format, fill, quote=quote)))
        yield row


def _department_sheets(wb, styles, recs, heading, lang, names, note_zh, only=None, aliases=None) -> None:
    """One sheet per department, its targets in the progress sheet's columns
    (``only``: the departments --unit chose; ``aliases``: departments.aliases_of)."""
    from ..departments import row_departments

    groups: dict[str, list] = {}
    for rec in recs:
        for dept in row_departments(rec, only, aliases):
            groups.setdefault(dept, []).append(rec)
    used = {ws.name for ws in wb.worksheets()}
    for dept, mine in groups.items():
        title = re.sub(r"[\[\]:*?/\\]", "", dept)[:31] or "unit"
        base, n = title, 2
        while title in used:
            title = f"{base[:28]}({n})"
            n += 1
        used.add(title)
        _sheet(wb.add_worksheet(title), styles, [c[heading] for c in COLUMNS],
               _progress_rows(mine, styles, lang, names, note_zh), len(mine), freeze=FREEZE)


# --------------------------------------------------------------------------
# Cells


def _text_value(value) -> str | None:
    """The text of a cell (control characters a workbook cannot hold
    dropped), or None for an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return _ILLEGAL.sub("", str(value))


def _text(cell, value) -> None:
    """An openpyxl text cell that a spreadsheet never evaluates (the fill-in
    form of ``policygap template`` is written with openpyxl)."""
    text = _text_value(value)
    if text is None:
        return
    cell.value = text
    cell.data_type = "s"  # openpyxl would store "=..." as a formula
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True


def _number_value(value):
    """A finite number, or None for an empty cell."""
    if value is None or isinstance(value, bool):
        return None
    value = float(value) if not isinstance(value, int) else value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


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


def _progress_cell(rec, field, what, lang, names, note_zh):
    """(value, number format, fill) of one progress cell, or None if empty:
    text as str, numbers as int or float."""
    value = rec.get(field)
    if what == "region":
        text = names.get(value, value)
    elif what == "name":
        text = indicator_name(rec, lang)
    elif what == "kind":
        text = KIND_ZH.get(value, value) if lang == "zh" else value
    elif what == "target_text":
        text = target_phrase(rec, lang, names)
    elif what == "text":
        text = value
    elif what == "note":
        text = note_text(value, "zh") if lang == "zh" and value else value  # 往年未完成：2025 too
    elif what == "code":
        text = rec["status"]
    elif what == "status":
        if not value:
            return None
        text = _text_value(status_word(value, lang))
        return None if text is None else (text, None, STATUS_FILL.get(value, GREY))
    elif what == "flag":
        text = ("是" if lang == "zh" else "yes") if value else None
    else:
        number = _number_value(value)
        if number is None:
            return None
        if what == "int":
            return number, YEAR, None
        if what == "pct":
            return number, PERCENT, None
        if what == "points":
            if field == "gap_points":  # beside 83.3% and 91.7%, −8.4 as the table says (not −8.33 shown −8.3)
                shown = shown_gap(rec)
                number = number if fmt.is_missing(shown) else round(float(shown), 1)
            return number, POINTS, None
        if what == "value":
            return number, _unit_format(rec["unit"]), None
        if what == "target":
            return number, _unit_format(_target_unit(rec)), None
        if what == "change":
            return number, _unit_format(_change_unit(rec)), None
        raise ValueError(f"unknown column kind {what!r}")  # pragma: no cover - a column added without a kind
    text = _text_value(text)
    return None if text is None else (text, None, None)


# --------------------------------------------------------------------------
# Sheets


def _sheet(ws, styles, headings, rows, count: int, widest: int = 40, freeze=(1, 0)) -> None:
    """Header, rows (``count`` of them, each a list of (column, value,
    format)), a frozen header (and columns), a filter, and columns about as
    wide as their text (judged on the first rows)."""
    bold = styles(bold=True, middle=True)
    widths = [_display_width(h) for h in headings]
    for j, h in enumerate(headings):
        ws.write_string(0, j, _text_value(h), styles(bold=True, middle=True, quote=h.startswith(FORMULA_START))
                        if h.startswith(FORMULA_START) else bold)
    ws.freeze_panes(*freeze)
    ws.autofilter(0, 0, count, len(headings) - 1)
    write_string, write_number = ws.write_string, ws.write_number
    for i, row in enumerate(rows, start=1):
        for j, value, style in row:
            if isinstance(value, str):
                write_string(i, j, value, style)
            else:
                write_number(i, j, value, style)
            if i <= _WIDTH_SAMPLE:
                widths[j] = max(widths[j], _display_width(value))
    for j, width in enumerate(widths):
        _width(ws, j, min(max(width + 2, 8), widest))


def _width(ws, column: int, width: float) -> None:
    """A column ``width`` characters wide, as the file states it (Excel's
    width includes the cell's padding; set in pixels of 7 a character so the
    file holds exactly ``width``)."""
    ws.set_column_pixels(column, column, round(width * 7))


# Column widths are judged on the first rows: a national sheet has 100,000.
_WIDTH_SAMPLE = 2000


def _display_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.4g}") + 3
    text = str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _about(ws, styles, result, ds, lang: str, count: int) -> None:
    """As-of date, data files, method and thresholds, the colours' meaning."""
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
    _width(ws, 0, 36)
    _width(ws, 1, 90)

    def cell(i, j, value, bold=False, fill=None):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = _number_value(value)
            if number is not None:
                ws.write_number(i, j, number, styles(fill=fill, bold=bold))
            return
        text = _text_value(value)
        if text is not None:
            ws.write_string(i, j, text, styles(fill=fill, bold=bold, quote=text.startswith(FORMULA_START)))

    for i, (key, value) in enumerate(rows):
        cell(i, 0, key, bold=True)
        cell(i, 1, value)
    i = len(rows) + 1  # an empty row, then the colours
    cell(i, 0, _("status colours", lang), bold=True)
    for k, status in enumerate(STATUSES, start=i + 1):
        cell(k, 0, status_word(status, lang), fill=STATUS_FILL[status])
        cell(k, 1, status)


METHOD_WORDS = {"planner": N_("planner: the gap to time elapsed (序时进度)"),
                "sdg": N_("sdg: achieved ÷ planned growth (UN categories)")}


def _thresholds_text(th: dict, lang: str) -> str:
    """快于序时 ≥ +10；符合序时 ≥ −10；滞后 ≥ −30；严重滞后 < −30."""
    w = lambda s: status_word(s, lang)  # noqa: E731
    sep = "；" if lang == "zh" else "; "
    text = sep.join([f"{w('ahead')} ≥ {th['ahead']:+g}", f"{w('on_track')} ≥ {th['on_track']:+g}",
                     f"{w('behind')} ≥ {th['behind']:+g}", f"{w('off_track')} < {th['behind']:+g}"])
    return text + _(" (a target's own thresholds take precedence)", lang)
