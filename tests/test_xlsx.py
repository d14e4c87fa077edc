"""`--format xlsx`: read the workbook back with openpyxl and check values,
number formats, fills, the frozen and filtered header, the sources and
about sheets, formula neutralisation and the atomic write."""

from __future__ import annotations

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils.escape import unescape

from policygap.render import xlsx
from test_text import AS_OF, KINDS_STATUS, kinds  # noqa: F401

GREEN, YELLOW, RED, GREY = "FFC6EFCE", "FFFFEB9C", "FFFFC7CE", "FFD9D9D9"

HEADINGS_ZH = [
    "地区", "目标编号", "指标", "类型", "目标", "目标年份", "目标值", "应达到值", "基期", "基期值", "最新期", "最新值",
    "完成进度", "序时进度", "路径进度", "差值(百分点)", "状态", "今后需年均增长", "今后需年均变化", "实际年均增长", "实际年均变化",
    "按现速度达标年份", "力争值", "力争状态", "阶段目标年份", "阶段目标值", "阶段目标状态", "初步数", "数据过旧", "说明",
    "单位", "文件", "条款", "状态代码", "牵头单位", "责任单位", "计算值",
]


@pytest.fixture
def workbook(run, kinds, tmp_path):
    def _write(*args):
        out = tmp_path / "进度.xlsx"
        r = run("status", "--all", "--format", "xlsx", "--output", out, *kinds, *args)
        assert r.exit_code == 0, r.stderr
        assert (r.stdout, r.stderr) == ("", "")
        return openpyxl.load_workbook(out)

    return _write


def by_id(ws):
    """{target_id: {heading: cell}} of a sheet with headings in row 1."""
    headings = [c.value for c in ws[1]]
    col = headings.index("目标编号") if "目标编号" in headings else headings.index("target id")
    return {row[col].value: dict(zip(headings, row)) for row in ws.iter_rows(min_row=2)}


def test_sheets_headings_frozen_filtered(workbook):
    wb = workbook()
    assert wb.sheetnames == ["进度", "来源", "说明"]
    ws = wb["进度"]
    assert [c.value for c in ws[1]] == HEADINGS_ZH
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "D2"  # header, and region, id and indicator in view
    # 33 columns (A..AG), 15 targets below the header
    assert ws.auto_filter.ref == "A1:AK16"
    assert ws.max_row == 16
    assert wb["来源"].freeze_panes == "A2" and wb["来源"].auto_filter.ref == "A1:I16"


def test_numbers_are_numbers_with_formats(workbook):
    rows = by_id(workbook()["进度"])
    level = rows["a-level"]
    assert level["地区"].value == "鞍山市" and level["指标"].value == "高新技术企业数量"
    assert level["类型"].value == "达到" and level["目标"].value == "≥600家"
    assert (level["目标年份"].value, level["目标年份"].number_format) == (2025, "0")
    for heading, value in (("目标值", 600), ("基期值", 473), ("最新值", 495), ("应达到值", 600), ("力争值", 650),
                           ("阶段目标值", 500), ("今后需年均变化", 63)):
        cell = level[heading]
        assert cell.data_type == "n" and cell.value == pytest.approx(value), heading
        assert cell.number_format == 'General"家"', heading
    assert (level["基期"].value, level["最新期"].value) == ("2022", "2024-04")
    # fractions shown as percentages, never multiplied into text
    # rounded as in the CSV: fractions to 4 decimals, the gap to 2
    assert level["完成进度"].value == round(22 / 127, 4) and level["完成进度"].number_format == "0.0%"
    assert level["序时进度"].value == round(16 / 36, 4) and level["序时进度"].number_format == "0.0%"
    assert level["今后需年均增长"].value == round((600 / 495) ** 0.6 - 1, 4)
    assert level["今后需年均增长"].number_format == "0.0%"
    assert level["实际年均增长"].value == round((495 / 473) ** 0.75 - 1, 4)
    # gap in 百分点 as the table shows it: the difference of the percentages shown
    # beside it, 17.3% − 44.4% = −27.1 (the unrounded (22/127 − 16/36) × 100 = −27.12)
    assert level["差值(百分点)"].value == pytest.approx(-27.1)
    assert level["差值(百分点)"].number_format == "+0.0;-0.0;0.0"
    assert (level["状态"].value, level["状态代码"].value) == ("滞后", "behind")
    assert (level["力争状态"].value, level["阶段目标状态"].value) == ("严重滞后", "已完成")
    assert level["阶段目标年份"].value == 2023
    assert (level["文件"].value, level["条款"].value, level["单位"].value) == ("doc-a", "一(四)", "家")

    share = rows["a-share"]
    assert share["目标值"].value == 2 and share["目标值"].number_format == 'General"%"'
    assert share["今后需年均变化"].value == pytest.approx(0.1)
    assert share["今后需年均变化"].number_format == 'General"个百分点"'
    assert share["今后需年均增长"].value is None  # not a growth kind: an empty cell, not 0

    growth = rows["a-growth"]
    assert growth["目标值"].value == 10 and growth["目标值"].number_format == 'General"%"'
    assert growth["应达到值"].value == pytest.approx(26.62) and growth["应达到值"].number_format == 'General"亿元"'
    assert rows["a-multiple"]["目标值"].number_format == 'General"倍"'

    nodata = rows["a-nodata"]
    assert nodata["最新值"].value is None and nodata["完成进度"].value is None
    assert nodata["说明"].value == "缺少文件印发前的基期数据"


def test_status_fills(workbook):
    rows = by_id(workbook()["进度"])
    colour = {"achieved": GREEN, "ahead": GREEN, "on_track": GREEN, "behind": YELLOW,
              "off_track": RED, "missed": RED, "no_data": GREY}
    assert set(KINDS_STATUS.values()) == set(colour)  # the data set has every status
    for target_id, status in KINDS_STATUS.items():
        cell = rows[target_id]["状态"]
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb == colour[status], target_id
        assert rows[target_id]["状态代码"].value == status
    # other cells are not filled
    assert rows["a-level"]["指标"].fill.fill_type is None
    # the stretch status is coloured too
    assert rows["a-level"]["力争状态"].fill.fgColor.rgb == RED


def test_sources_sheet(workbook):
    rows = by_id(workbook()["来源"])
    level = rows["a-level"]
    assert level["文件编号"].value == "doc-a"
    assert level["文件名称"].value == "科技人才专项行动工作方案"
    assert level["文号"].value == "鞍科办〔2023〕18号"
    assert level["印发日期"].value == "2023-08-03"
    assert level["条款"].value == "一(四)"
    assert level["原文"].value == "高新技术企业达到600家、力争650家"
    assert rows["a-share"]["文号"].value is None  # doc-b has no number
    assert rows["l-share"]["地区"].value == "辽宁省"


def test_about_sheet_names_date_files_thresholds(workbook, kinds):
    ws = workbook("--thresholds", "behind=-25")["说明"]
    about = {r[0].value: r[1].value for r in ws.iter_rows() if r[0].value}
    assert about["评估时点"].startswith("2024-06")
    assert about["目标文件"] == str(kinds[1]) and about["数据文件"] == str(kinds[3])
    assert about["目标数"] == 15
    assert about["方法"].startswith("规划口径")  # the method in words, not its code
    assert "快于序时 ≥ +10" in about["状态阈值（与序时进度之差，百分点）"]
    assert "滞后 ≥ -25" in about["状态阈值（与序时进度之差，百分点）"]  # --thresholds is applied
    assert about["“左右”容差"] == 0.05 and about["数据过旧（月）"] == 12
    legend = {r[0].value: r[0].fill.fgColor.rgb for r in ws.iter_rows() if r[1].value in KINDS_STATUS.values()}
    assert legend == {"已完成": GREEN, "快于序时": GREEN, "符合序时": GREEN, "滞后": YELLOW, "严重滞后": RED,
                      "未完成": RED, "无数据": GREY}


def test_embedded_data_is_named(run, tmp_path):
    out = tmp_path / "a.xlsx"
    r = run("status", "anshan", "--format", "xlsx", "-o", out, "--as-of", "2024-06")
    assert r.exit_code == 0
    about = {r[0].value: r[1].value for r in openpyxl.load_workbook(out)["说明"].iter_rows() if r[0].value}
    # named, never by its place inside the installed package (site-packages)
    assert about["目标文件"].startswith("targets.yaml") and "内置数据" in about["目标文件"]
    assert about["数据文件"].startswith("baselines.csv") and "/" not in about["目标文件"] + about["数据文件"]
    rows = by_id(openpyxl.load_workbook(out)["进度"])
    hitech = rows["anshan-hitech-firms-2025"]
    assert hitech["完成进度"].value == round(22 / 127, 4)
    assert hitech["状态"].fill.fgColor.rgb == YELLOW


def test_english_workbook(workbook):
    wb = workbook("--lang", "en")
    assert wb.sheetnames == ["progress", "sources", "about"]
    ws = wb["progress"]
    headings = [c.value for c in ws[1]]
    assert headings[:3] == ["region", "target id", "indicator"] and "time elapsed" in headings
    rows = by_id(ws)
    assert rows["a-level"]["indicator"].value == "high-tech enterprises"
    assert rows["a-level"]["status"].value == "behind" and rows["a-level"]["status"].fill.fgColor.rgb == YELLOW
    assert rows["a-level"]["region"].value == "Anshan"
    about = {r[0].value: r[1].value for r in wb["about"].iter_rows() if r[0].value}
    assert about["as of"].startswith("2024-06")


def test_filters_and_empty_workbook(workbook):
    ws = workbook("--kind", "share")["进度"]
    assert sorted(by_id(ws)) == ["a-share", "l-share"]
    ws = workbook("--status", "missed", "--document", "doc-l")["进度"]
    assert ws.max_row == 1 and ws.auto_filter.ref == "A1:AK1"


def test_xlsx_needs_output(run, kinds):
    r = run("status", "anshan", "--format", "xlsx", *kinds)
    assert r.exit_code == 2 and r.stdout == "" and "--output" in r.stderr


FORMULA_TARGETS = """\
regions:
  anshan: {name: 鞍山市}
indicators:
  evil: {name: "=1+2", unit: 家, direction: up}
documents:
  doc-x: {region: anshan, title: "+cmd|' /C calc'!A0", number: "-2023-1", issued: "2023-08-03"}
targets:
  - {id: "=HYPERLINK(\\"http://x\\")", region: anshan, indicator: evil, kind: level, comparator: ">=", value: 600,
     year: 2025, source: {document: doc-x, clause: "-3", quote: "@SUM(A1:A9)"}}
"""
FORMULA_BASELINES = """\
region,indicator,period,value,unit,source
anshan,evil,2022,473,家,x
anshan,evil,2024-04,495,家,x
"""


def test_formula_text_is_never_a_formula(run, data, tmp_path):
    t, b = data(FORMULA_TARGETS, FORMULA_BASELINES)
    out = tmp_path / "evil.xlsx"
    r = run("status", "anshan", "--format", "xlsx", "-o", out, "--targets", t, "--baselines", b, "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    wb = openpyxl.load_workbook(out)
    progress = by_id(wb["进度"])
    (row,) = progress.values()
    sources = by_id(wb["来源"])
    (src,) = sources.values()
    dangerous = [row["目标编号"], row["指标"], row["条款"], src["目标编号"], src["指标"], src["文件名称"],
                 src["文号"], src["条款"], src["原文"]]
    assert [c.value for c in dangerous] == [
        '=HYPERLINK("http://x")', "=1+2", "-3", '=HYPERLINK("http://x")', "=1+2", "+cmd|' /C calc'!A0",
        "-2023-1", "-3", "@SUM(A1:A9)"]
    for cell in dangerous:
        assert cell.data_type == "s" and cell.data_type != "f"
        assert cell.quotePrefix, cell.coordinate
    # harmless text gets no prefix; negative numbers stay numbers
    assert not row["地区"].quotePrefix
    assert row["差值(百分点)"].data_type == "n" and row["差值(百分点)"].value < 0
    for ws in wb:
        assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@A1", "\tx", "\rx"])
def test_text_cells_starting_like_a_formula(text):
    wb = openpyxl.Workbook()
    cell = wb.active.cell(1, 1)
    xlsx._text(cell, text)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@A1", "\tx", "\rx", "高新\x07技术"])
def test_workbook_text_cells_are_never_formulas(text, tmp_path):
    # the cells of the status workbook (xlsxwriter), read back with openpyxl
    out = tmp_path / "a.xlsx"
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    styles = xlsx._Styles(wb)
    xlsx._sheet(wb.add_worksheet("s"), styles, ["h"], [[xlsx._text_cell(styles, 0, text)]], 1)
    wb.close()
    cell = openpyxl.load_workbook(out)["s"]["A2"]
    expected = text.replace("\x07", "")
    # a carriage return is stored as the workbook escape _x000D_ (an XML
    # reader would turn a bare one into a line feed); Excel shows it as \r
    assert (unescape(cell.value), cell.data_type, bool(cell.quotePrefix)) == (expected, "s", expected != "高新技术")


def test_control_characters_are_dropped():
    # openpyxl refuses them; a stray one in a quote must not crash the export
    cell = openpyxl.Workbook().active.cell(1, 1)
    xlsx._text(cell, "高新\x07技术\x00企业")
    assert cell.value == "高新技术企业" and not cell.quotePrefix


class Boom(RuntimeError):
    pass


@pytest.mark.parametrize("error", [Boom, KeyboardInterrupt])
def test_interrupted_write_leaves_previous_file(run, kinds, tmp_path, monkeypatch, error):
    out = tmp_path / "进度.xlsx"
    r = run("status", "--all", "--format", "xlsx", "-o", out, *kinds)
    assert r.exit_code == 0
    before = out.read_bytes()

    def half_close(self):
        with open(self.filename, "wb") as f:
            f.write(before[: len(before) // 2])  # a partial file on disk, then the failure
        raise error("interrupted while saving")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", half_close)
    if error is KeyboardInterrupt:
        # click turns Ctrl-C into "Aborted!" and a non-zero exit code
        assert run("status", "anshan", "--format", "xlsx", "-o", out, *kinds).exit_code != 0
    else:
        with pytest.raises(Boom):
            run("status", "anshan", "--format", "xlsx", "-o", out, *kinds)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["进度.xlsx", "targets.yaml", "baselines.csv"])


def test_wide_sheet_keeps_names_in_view_and_wraps_quotes(workbook):
    wb = workbook()
    ws = wb["进度"]
    assert ws.freeze_panes == "D2"
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert widths["C"] >= 2 * len("高新技术企业数量")  # the indicator's name fits (two columns a character)
    assert 8 <= min(widths.values()) and max(widths.values()) <= 40
    quotes = by_id(wb["来源"])
    cell = quotes["a-level"]["原文"]
    assert cell.alignment.wrap_text
    assert wb["来源"].column_dimensions["I"].width <= 60


def test_workbook_has_no_machine_paths(run, tmp_path):
    out = tmp_path / "a.xlsx"
    assert run("status", "anshan", "--format", "xlsx", "-o", out, "--as-of", "2024-06").exit_code == 0
    for ws in openpyxl.load_workbook(out):
        for row in ws.iter_rows():
            for c in row:
                assert "site-packages" not in str(c.value) and "/work/" not in str(c.value)


def test_the_gap_is_the_difference_of_the_percentages_shown_as_in_the_table(run, data, tmp_path):
    """100 (2023) → 160 by 2026, 150 by 2026-09: progress 50/60 = 83.33% (shown
    83.3%), 序时 33/36 = 91.67% (91.7%); the table's 差值 is 83.3 − 91.7 = −8.4,
    and so is the workbook's (the unrounded −8.33 would show −8.3)."""
    from conftest import FIRMS_HEAD

    t, b = data(FIRMS_HEAD + "  - {id: f, region: x, indicator: firms, kind: level, comparator: \">=\", value: 160,\n"
                             "     year: 2026, base: {period: \"2023\"}, source: {document: d}}\n",
                "region,indicator,period,value\nx,firms,2023,100\nx,firms,2026-09,150\n")
    args = ("status", "x", "--targets", t, "--baselines", b, "--as-of", "2026-10")
    assert "−8.4" in run(*args, "-f", "table").stdout
    out = tmp_path / "进度.xlsx"
    assert run(*args, "-f", "xlsx", "-o", out).exit_code == 0
    row = by_id(openpyxl.load_workbook(out)["进度"])["f"]
    assert (row["完成进度"].value, row["序时进度"].value) == (pytest.approx(0.8333), pytest.approx(0.9167))
    assert row["差值(百分点)"].value == pytest.approx(-8.4)
