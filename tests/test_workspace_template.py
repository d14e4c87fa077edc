"""A workspace of one's own (policygap init, ./policygap.yaml) and the
collection form (policygap template) read back as figures."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

TARGETS = """\
regions:
  r: {name: 甲市, aliases: [甲]}
indicators:
  hitech: {name: 高新技术企业数量, unit: 家, measure: stock}
  contract: {name: 技术合同成交额, unit: 亿元, measure: flow}
  rd: {name: 全社会研发经费投入, unit: 亿元, measure: flow}
  gdp: {name: 地区生产总值, unit: 亿元, measure: flow}
  intensity: {name: 研发投入强度, unit: "%", formula: rd / gdp * 100}
documents:
  d: {region: r, title: 方案, issued: "2023-08-03"}
targets:
  - {id: t-hitech, region: r, indicator: hitech, kind: level, comparator: ">=", value: 600, year: 2025,
     lead: 市科技局, units: [市财政局], source: {document: d}}
  - {id: t-contract, region: r, indicator: contract, kind: level, comparator: ">=", value: 20, year: 2025,
     units: [市科技局], source: {document: d}}
  - {id: t-intensity, region: r, indicator: intensity, kind: share, comparator: ">=", value: 2.5, year: 2025,
     units: [市统计局], source: {document: d}}
  - {id: t-old, region: r, indicator: hitech, kind: level, comparator: ">=", value: 400, year: 2020,
     base: {period: "2018"}, units: [市科技局]}
"""
# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")


BASELINES = "region,indicator,period,value,unit,source,provisional\nr,hitech,2022,473,家,公报,\nr,contract,2022,15.98,亿元,公报,\n"


@pytest.fixture
def office(tmp_path, monkeypatch):
    """A workspace with small files, as the current directory."""
    (tmp_path / "t.yaml").write_text(TARGETS, encoding="utf-8")
    (tmp_path / "b.csv").write_text(BASELINES, encoding="utf-8")
    (tmp_path / "填报").mkdir()
    (tmp_path / "policygap.yaml").write_text("targets: t.yaml\nbaselines: [b.csv, 填报/]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLICYGAP_TARGETS", raising=False)
    monkeypatch.delenv("POLICYGAP_BASELINES", raising=False)
    return tmp_path


def test_init_writes_an_editable_copy_and_refuses_to_overwrite(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("init", "台账")
    assert r.exit_code == 0, r.stderr
    ws = tmp_path / "台账"
    assert sorted(p.name for p in ws.iterdir()) == ["README.md", "baselines.csv", "policygap.yaml", "targets.yaml",
                                                    "填报"]
    (ws / "baselines.csv").write_text("mine", encoding="utf-8")
    again = run("init", "台账")
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert (ws / "baselines.csv").read_text(encoding="utf-8") == "mine"  # nothing lost
    assert run("init", "台账", "--force").exit_code == 0
    assert (ws / "baselines.csv").read_text(encoding="utf-8").startswith("region,indicator,period")


def test_a_workspace_is_read_before_the_embedded_data(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLICYGAP_TARGETS", raising=False)
    monkeypatch.delenv("POLICYGAP_BASELINES", raising=False)
    assert run("init", "--empty").exit_code == 0
    r = run("validate")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("targets.yaml: 1 target, 1 region, 1 indicator; baselines.csv: 1 observation")
    s = run("status", "myregion", "--format", "json", "--as-of", "2024-06")
    assert [x["target_id"] for x in s.json()] == ["myregion-hitech-firms-2026"]
    # the environment wins over the workspace, a flag over both
    from conftest import REPO

    embedded = REPO / "data" / "targets.yaml"
    env = run("validate", "--baselines", REPO / "data" / "baselines.csv", env={"POLICYGAP_TARGETS": str(embedded)})
    assert env.stdout.startswith(f"{embedded}: 119 targets")


def test_broken_workspace_file_names_its_line(run, office):
    (office / "policygap.yaml").write_text("targets: t.yaml\nbaseline: b.csv\n", encoding="utf-8")
    r = run("status", "r")
    assert r.exit_code == 2
    assert r.stderr.startswith("policygap.yaml:2:1: baseline: unknown key")


def test_form_round_trip(run, office):
    r = run("template", "甲", "--period", "2025-06", "-o", "填报/第二季度.xlsx")
    assert r.exit_code == 0, r.stderr
    wb = openpyxl.load_workbook(office / "填报" / "第二季度.xlsx")
    ws = wb["数据"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:7] == ("地区", "指标", "期间", "数值", "单位", "来源", "初步")
    body = {row[1]: row for row in rows[1:]}
    # one row per indicator still missing for 2025-06; the derived intensity is asked as its inputs;
    # t-old's year (2020) is over, so it adds nothing
    assert sorted(body) == sorted(["高新技术企业数量", "技术合同成交额", "全社会研发经费投入", "地区生产总值"])
    hitech = body["高新技术企业数量"]
    assert hitech[:6] == ("甲市", "高新技术企业数量", "2025-06", None, "家", None)
    assert hitech[7] == "2025年6月末数；单位：家"
    assert (hitech[8], hitech[9], hitech[10]) == (473, "2022", "市科技局、市财政局")
    assert body["技术合同成交额"][7].startswith("2025年1月至6月累计")
    # the value column takes numbers only
    [dv] = ws.data_validations.dataValidation
    assert dv.type == "decimal" and "D2" in str(dv.sqref)

    # a department fills two cells and returns the form as it is
    for row in ws.iter_rows(min_row=2):
        if row[1].value == "高新技术企业数量":
            row[3].value, row[5].value = 541, "市科技局台账"
        if row[1].value == "技术合同成交额":
            row[3].value = 9.8
    wb.save(office / "填报" / "第二季度.xlsx")

    s = run("status", "甲", "--format", "json", "--as-of", "2025-07")
    assert s.exit_code == 0, s.stderr
    rec = {x["target_id"]: x for x in s.json()}
    h = rec["t-hitech"]
    assert (h["latest_value"], h["latest_period"]) == (541, "2025-06")
    # (541 − 473)/(600 − 473); 序时进度 30 of 36 months from the end of 2022
    assert h["progress"] == pytest.approx(68 / 127, abs=1e-4)
    assert h["expected_progress"] == pytest.approx(30 / 36, abs=1e-4)
    assert (rec["t-contract"]["latest_value"], rec["t-contract"]["latest_period"]) == (9.8, "2025-06")
    # the blank rows were skipped, and the form no longer asks for what it got
    again = run("template", "甲", "--period", "2025-06", "--format", "csv")
    left = [row["指标"] for row in csv.DictReader(io.StringIO(again.stdout.lstrip("\ufeff")))]
    assert sorted(left) == sorted(["全社会研发经费投入", "地区生产总值"])


def test_form_for_one_department_as_csv(run, office):
    r = run("template", "r", "--period", "2025-06", "--unit", "财政局", "--format", "csv")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert [(x["指标"], x["责任单位"]) for x in rows] == [("高新技术企业数量", "市科技局、市财政局")]
    # a returned CSV form is read as it is, blank rows skipped
    text = r.stdout.replace("2025-06,,家", "2025-06,530,家")
    (office / "填报" / "财政局.csv").write_text(text, encoding="utf-8")
    s = run("status", "r", "--format", "json", "--as-of", "2025-07")
    h = next(x for x in s.json() if x["target_id"] == "t-hitech")
    assert h["latest_value"] == 530


def test_template_needs_a_period_and_an_output_for_xlsx(run, office):
    # without --period: the last month over by --as-of
    r = run("template", "r", "--as-of", "2025-06-30")
    assert r.exit_code == 0 and ",2025-06," in r.stdout
    r = run("template", "r", "--period", "2025-06", "--format", "xlsx")
    assert r.exit_code == 2 and "-o FILE.xlsx" in r.stderr
    # without --format: CSV, unless -o names a workbook
    assert run("template", "r", "--period", "2025-06").stdout.lstrip("\ufeff").startswith("地区,指标,期间,数值")
    assert run("template", "r", "--period", "2025-13", "--format", "csv").exit_code == 2
    # 2025-6 as --as-of takes it (a data file keeps to 2025-06)
    assert run("template", "r", "--period", "2025-6").stdout == run("template", "r", "--period", "2025-06").stdout


def test_readme_minimal_files_are_complete(run, tmp_path):
    """The README's Data files section: its targets file and figures run as they are."""
    import re

    from conftest import REPO

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Data files"):]
    yaml_block = re.search(r"```yaml\n(.+?)```", section, flags=re.S).group(1)
    csv_block = re.search(r"```\n(region,indicator.+?)```", section, flags=re.S).group(1)
    for key in ("regions:", "indicators:", "measure:", "documents:", "issued:", "targets:"):
        assert key in yaml_block
    (tmp_path / "targets.yaml").write_text(yaml_block, encoding="utf-8")
    (tmp_path / "baselines.csv").write_text(csv_block, encoding="utf-8")
    args = ["--targets", tmp_path / "targets.yaml", "--baselines", tmp_path / "baselines.csv"]
    assert run("validate", *args).exit_code == 0
    r = run("status", "鞍山", "--format", "json", "--as-of", "2024-06", *args)
    [rec] = r.json()
    assert (rec["latest_value"], rec["lead"], rec["units"]) == (495, ["市科技局"], ["市金融局", "市国资委"])


def test_overdue_rows_come_first(office):
    """Rows whose targets the assessment reports `overdue` lead the form."""
    from policygap import dataset, periods
    from policygap.template import form_rows

    ds = dataset.load()  # the workspace's files
    period = [periods.parse_period("2025-06")]
    plain = [r["indicator"] for r in form_rows(ds, ["r"], period, ds.defs.targets, {})]
    assert plain[0] != "高新技术企业数量"
    first = form_rows(ds, ["r"], period, ds.defs.targets, {"t-hitech": "overdue"})[0]
    assert (first["indicator"], first["_overdue"]) == ("高新技术企业数量", True)


def test_several_figure_files_in_the_environment(run, office, monkeypatch):
    import os

    (office / "q2.csv").write_text("region,indicator,period,value\nr,hitech,2025-06,541\n", encoding="utf-8")
    monkeypatch.setenv("POLICYGAP_BASELINES", os.pathsep.join(["b.csv", "q2.csv"]))
    r = run("status", "r", "--format", "json", "--as-of", "2025-07")
    h = next(x for x in r.json() if x["target_id"] == "t-hitech")
    assert (h["base_value"], h["latest_value"]) == (473, 541)


def test_an_empty_form_says_why(run, office):
    """Asked after the plan's last year (the default month, months after
    2025), the form is empty because no target runs that long, not because
    every figure is in: the message says so and names the year to ask for."""
    # the 2025 figures are overdue by then: the month's form asks for them
    r = run("template", "r", "--as-of", "2026-12-01")
    assert r.exit_code == 0 and ",2025," in r.stdout and "no target here runs through" not in r.stderr
    assert "2025," in run("template", "r", "--period", "2025", "--format", "csv").stdout
    # with the 2025 figures in, nothing is overdue and the form is empty: said why
    year_end = BASELINES + "r,hitech,2025,540,家,x,\nr,contract,2025,20,亿元,x,\nr,rd,2025,19,亿元,x,\nr,gdp,2025,1800,亿元,x,\n"
    (office / "b.csv").write_text(year_end, encoding="utf-8")
    r = run("template", "r", "--as-of", "2026-12-01")
    assert r.exit_code == 0
    assert "no target here runs through 2026-11: the last ends in 2025" in r.stderr and "--period 2025" in r.stderr
    # every figure of the period in: the other message
    done = BASELINES + "r,hitech,2025-06,530,家,x,\nr,contract,2025-06,9,亿元,x,\nr,rd,2025-06,9,亿元,x,\nr,gdp,2025-06,900,亿元,x,\n"
    (office / "b.csv").write_text(done, encoding="utf-8")
    r = run("template", "r", "--period", "2025-06", "--format", "csv")
    assert "no figure is missing for these targets and periods" in r.stderr


def test_a_targets_file_here_that_was_not_read_is_named(run, tmp_path, monkeypatch):
    """A newcomer writes targets.yaml in a folder and runs `status 甲`: without
    --targets or policygap.yaml the embedded data is read; the error says so."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLICYGAP_TARGETS", raising=False)
    monkeypatch.delenv("POLICYGAP_BASELINES", raising=False)
    r = run("status", "甲")
    assert r.exit_code == 2 and "targets.yaml" not in r.stderr  # nothing here: the plain message
    (tmp_path / "targets.yaml").write_text(TARGETS, encoding="utf-8")
    r = run("status", "甲")
    assert r.exit_code == 2 and "embedded data" in r.stderr and "--targets targets.yaml" in r.stderr
    (tmp_path / "baselines.csv").write_text(BASELINES, encoding="utf-8")
    assert run("status", "甲", "--targets", "targets.yaml", "--baselines", "baselines.csv").exit_code == 0


@pytest.mark.parametrize("lang, words", [("zh", ["工作目录", "需要编辑的文件", "本地区各文件的目标"]),
                                         ("en", ["policygap workspace", "What to edit", "The targets of your"])])
def test_init_speaks_the_language_of_the_command_line(run, tmp_path, monkeypatch, lang, words):
    """A Chinese office gets a Chinese README and comments; the files stay valid."""
    monkeypatch.chdir(tmp_path)
    r = run("--lang", lang, "init", "--empty", "ws")
    assert r.exit_code == 0 and "policygap validate" in r.stdout.splitlines()[-1]
    text = "".join((tmp_path / "ws" / n).read_text(encoding="utf-8") for n in ("README.md", "targets.yaml",
                                                                              "policygap.yaml"))
    assert all(w in text for w in words), text[:300]
    monkeypatch.chdir(tmp_path / "ws")
    assert run("validate").exit_code == 0


def test_a_form_shown_on_a_terminal_has_no_byte_order_mark(run, office, monkeypatch):
    from policygap.render import table

    assert run("template", "r", "--period", "2025-06", "--format", "csv").stdout.startswith("\ufeff")  # a file or pipe
    monkeypatch.setattr(table, "terminal_room", lambda stream: 120)
    assert run("template", "r", "--period", "2025-06", "--format", "csv").stdout.startswith("地区,指标")


YEARLY_TARGETS = """\
regions:
  r: {name: 某县}
indicators:
  rd: {name: 全社会研发经费投入, unit: 亿元, direction: up, measure: flow}
  contracts: {name: 技术合同成交额, unit: 亿元, direction: up, measure: flow}
  firms: {name: 高新技术企业数量, unit: 家, direction: up, measure: stock}
documents:
  d: {region: r, title: 方案, issued: "2023-03-01"}
targets:
  - {id: t-rd, region: r, indicator: rd, kind: level, comparator: ">=", value: 12, year: 2026, source: {document: d}}
  - {id: t-contracts, region: r, indicator: contracts, kind: level, comparator: ">=", value: 30, year: 2026,
     source: {document: d}}
  - {id: t-firms, region: r, indicator: firms, kind: level, comparator: ">=", value: 60, year: 2026,
     source: {document: d}}
"""
# 研发经费: two yearly figures only; 技术合同: one of them for January–April;
# 高企: a single yearly figure (not enough to say it is counted yearly).
YEARLY_BASELINES = """\
region,indicator,period,value,unit,source
r,rd,2022,8.1,亿元,统计公报
r,rd,2023,8.9,亿元,统计公报
r,contracts,2023,20,亿元,台账
r,contracts,2024-04,7,亿元,台账
r,firms,2023,41,家,认定名单
"""


def test_a_monthly_form_leaves_out_what_is_counted_once_a_year_and_says_so(run, data):
    t, b = data(YEARLY_TARGETS, YEARLY_BASELINES)
    half = run("template", "r", "--period", "2025-06", "--targets", t, "--baselines", b)
    assert half.exit_code == 0
    asked = [line.split(",")[1] for line in half.stdout.lstrip("\ufeff").splitlines()[1:]]
    assert asked == ["技术合同成交额", "高新技术企业数量"] or sorted(asked) == ["技术合同成交额", "高新技术企业数量"]
    assert "全社会研发经费投入" in half.stderr and "--period 2025" in half.stderr
    year = run("template", "r", "--period", "2025", "--targets", t, "--baselines", b)
    assert "全社会研发经费投入" in year.stdout and year.stderr == ""


def test_a_formula_whose_result_was_never_saved_is_named_not_skipped(run, office):
    """=D3*2 typed by a program (or not saved again in Excel) has no value to
    read: the row was skipped as blank without a word. It is an error naming
    the cell, and the form reads once the result is saved."""
    assert run("template", "甲", "--period", "2025-06", "-o", "填报/第二季度.xlsx").exit_code == 0
    path = office / "填报" / "第二季度.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    for row in ws.iter_rows(min_row=2):
        if row[1].value == "高新技术企业数量":
            row[3].value = "=I2+68"  # openpyxl writes the formula with no saved result
            where = row[3].row
    wb.save(path)
    r = run("validate")
    assert r.exit_code == 2
    assert f"第二季度.xlsx[数据]:{where}:4" in r.stderr and "'=I2+68'" in r.stderr
    # saved with its result (as Excel does), it is a figure like any other
    wb = openpyxl.load_workbook(path)
    wb["数据"].cell(where, 4).value = 541
    wb.save(path)
    assert run("validate").exit_code in (0, 1)


def test_a_title_above_the_header_of_a_returned_form_is_passed_over(run, office):
    """二季度科技指标填报表 typed in row 1 above the header: the header is
    found below it and messages keep the sheet's own row numbers."""
    assert run("template", "甲", "--period", "2025-06", "-o", "填报/第二季度.xlsx").exit_code == 0
    path = office / "填报" / "第二季度.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    ws.insert_rows(1, amount=2)
    ws.cell(1, 1).value = "二季度科技指标填报表"
    ws.cell(2, 1).value = "填报单位：市科技局"
    for row in ws.iter_rows(min_row=4):
        if row[1].value == "高新技术企业数量":
            row[3].value = "五百"
            where = row[3].row
    wb.save(path)
    r = run("validate")
    assert "缺少列" not in r.stderr and "missing column" not in r.stderr
    assert f"第二季度.xlsx[数据]:{where}:4" in r.stderr  # the error is on the sheet's own row


def test_a_file_policygap_yaml_names_but_that_is_not_there_is_its_mistake(run, office):
    """nope.yaml alone would not say where the name came from: the message
    names policygap.yaml, its line and key."""
    (office / "policygap.yaml").write_text("targets: nope.yaml\nbaselines: [b.csv, 填报/]\n", encoding="utf-8")
    for args in (["validate"], ["status", "甲"]):
        r = run(*args)
        assert r.exit_code == 2
        assert "policygap.yaml:1:10: targets:" in r.stderr and "nope.yaml" in r.stderr and "[F043]" in r.stderr
        assert r.stderr.count("[F043]") == 1  # said once
    assert run("validate").stdout.startswith("policygap.yaml: ")  # and validate's summary line still comes
    # a flag that names the file instead leaves policygap.yaml out of it
    assert run("validate", "--targets", "t.yaml").exit_code in (0, 1)


OVERDUE_TARGETS = """\
regions:
  r: {name: 某县}
indicators:
  contracts: {name: 技术合同成交额, unit: 亿元, direction: up, measure: flow}
documents:
  d: {region: r, title: 方案, issued: "2023-03-01"}
targets:
  - {id: t-contracts, region: r, indicator: contracts, kind: level, comparator: ">=", value: 2, year: 2025,
     source: {document: d}}
"""
OVERDUE_BASELINES = "region,indicator,period,value,unit,source\nr,contracts,2022,1.1,亿元,x\nr,contracts,2024,1.5,亿元,x\n"


def test_the_month_form_asks_for_an_overdue_year_end_figure(run, data):
    """The 2025 total is overdue by November 2026: the month's form (no
    --period) asks for it first, not only a form for --period 2025; a form for
    a period named asks for that period alone."""
    t, b = data(OVERDUE_TARGETS, OVERDUE_BASELINES)
    args = ("--targets", t, "--baselines", b, "--as-of", "2026-11-30")
    assert run("status", "r", *args, "-f", "json").json()[0]["status"] == "overdue"
    form = run("template", "r", *args)
    rows = form.stdout.lstrip("\ufeff").splitlines()
    assert rows[1].split(",")[1:3] == ["技术合同成交额", "2025"]
    # counted once a year, but on this form (its 2025 total): not named as left out
    assert "技术合同成交额" not in form.stderr
    named = run("template", "r", *args, "--period", "2026-06").stdout
    assert ",2025," not in named


def test_a_checkbox_value_in_a_returned_form_is_an_error_not_a_figure(run, office):
    """FALSE in 数值 (a checkbox, or a formula's result) is not 0 firms."""
    assert run("template", "甲", "--period", "2025-06", "-o", "填报/第二季度.xlsx").exit_code == 0
    path = office / "填报" / "第二季度.xlsx"
    wb = openpyxl.load_workbook(path)
    for row in wb["数据"].iter_rows(min_row=2):
        if row[1].value == "高新技术企业数量":
            row[3].value = False
            where = row[3].row
    wb.save(path)
    r = run("validate")
    assert r.exit_code == 2 and f"第二季度.xlsx[数据]:{where}:4" in r.stderr and "'FALSE'" in r.stderr


def test_the_month_form_asks_for_the_year_end_an_ongoing_target_owes(run, data):
    """A 2027 target whose 2025 figure is due by July 2026 (six months' lag)
    and missing: the month's form asks for 2025, not 2026 or 2027, and an
    English run joins the yearly names with commas."""
    t, b = data(OVERDUE_TARGETS.replace("year: 2025", "year: 2027"),
                "region,indicator,period,value,unit,source\nr,contracts,2023,1.1,亿元,x\nr,contracts,2024,1.5,亿元,x\n")
    args = ("--targets", t, "--baselines", b, "--as-of", "2026-07-15")
    assert run("status", "r", *args, "-f", "json").json()[0]["status"] == "overdue"
    rows = run("template", "r", *args).stdout.lstrip("\ufeff").splitlines()
    periods = [row.split(",")[2] for row in rows[1:]]
    assert "2025" in periods and "2026" not in periods and "2027" not in periods


def test_a_form_for_a_month_not_over_is_made_with_a_warning(run, office):
    r = run("template", "r", "--period", "2025-12", "--as-of", "2025-12-02", "--format", "csv")
    assert r.exit_code == 0 and "2025" in r.stderr and "2025-11" in r.stderr
    assert "warning" in r.stderr or "警告" in r.stderr
    assert "警告" not in run("template", "r", "--period", "2025-11", "--as-of", "2025-12-02").stderr


def _returned_sheet(rows):
    """A workbook as a department returns it: a 数据 sheet with these rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    for row in rows:
        ws.append(row)
    return wb, ws


def test_a_percentage_typed_into_excel_is_read_as_shown(run, office):
    """33.5% typed into a cell is the number 0.335 shown in a % format: read
    as 33.5 (the text '33.5%' would be), not 0.335."""
    (office / "t.yaml").write_text(TARGETS.replace("indicators:\n", "indicators:\n  rate: {name: 科技成果转化率, unit: \"%\"}\n", 1)
                                   + "  - {id: t-rate, region: r, indicator: rate, kind: share, comparator: \">=\", "
                                     "value: 40, year: 2026, source: {document: d}}\n", encoding="utf-8")
    wb, ws = _returned_sheet([["地区", "指标", "期间", "数值"], ["甲市", "科技成果转化率", "2024", 0.335],
                              ["甲市", "高新技术企业数量", "2024", 520]])
    ws["D2"].number_format = "0.0%"
    ws["D3"].number_format = '0"%"'  # a literal % sign: the number is as it is
    wb.save(office / "填报" / "年报.xlsx")
    r = run("status", "甲", "--format", "json", "--as-of", "2025-03")
    assert r.exit_code == 0, r.stderr
    rec = {x["target_id"]: x for x in r.json()}
    assert rec["t-rate"]["latest_value"] == 33.5
    assert rec["t-hitech"]["latest_value"] == 520


def test_the_form_tells_how_to_read_it_back_with_the_ledger(run, office):
    assert run("template", "甲", "--period", "2025-06", "-o", "填报/表.xlsx").exit_code == 0
    about = [c.value for c in openpyxl.load_workbook(office / "填报" / "表.xlsx")["说明"]["A"] if c.value]
    line = next(x for x in about if x.startswith("6."))
    assert "填报" in line and "--baselines baselines.csv --baselines 填报表.xlsx" in line


def test_figures_on_a_sheet_of_its_own_are_named_not_lost_in_silence(run, office):
    """A department copied the rows to a sheet of its own and left 数据 empty:
    nothing is read from it, and validate says so."""
    assert run("template", "甲", "--period", "2025-06", "-o", "填报/表.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(office / "填报" / "表.xlsx")
    mine = wb.create_sheet("人社局填报", 0)
    mine.append(["地区", "指标", "期间", "数值"])
    mine.append(["甲市", "高新技术企业数量", "2025-06", 541])
    wb.save(office / "填报" / "表.xlsx")
    r = run("validate")
    assert r.exit_code == 1
    assert "[O025]" in r.stderr and "人社局填报" in r.stderr and "表.xlsx[数据]" in r.stderr
    # a form returned blank (its 说明 sheet aside) is no warning
    assert run("template", "甲", "--period", "2025-06", "-o", "填报/空表.xlsx").exit_code == 0
    (office / "填报" / "表.xlsx").unlink()
    assert "[O025]" not in run("validate").stderr


def test_a_duplicate_below_a_title_row_names_both_sheet_rows(run, office):
    wb, _ws = _returned_sheet([
        ["甲市2025年二季度科技指标填报表"],                # row 1: a title above the header
        ["地区", "指标", "期间", "数值"],                  # row 2
        ["甲市", "高新技术企业数量", "2025-06", 541],      # row 3
        ["甲市", "技术合同成交额", "2025-06", 9.8],        # row 4
        ["甲市", "高新技术企业数量", "2025-06", 545],      # row 5: again, another value
    ])
    wb.save(office / "填报" / "表.xlsx")
    r = run("validate")
    line = next(ln for ln in r.stderr.splitlines() if "[O014]" in ln or "[V0" in ln and "again" in ln)
    assert "表.xlsx[数据]:5" in line and "first on line 3" in line
