"""Figures in pieces: several --baselines files, folders and .xlsx workbooks
read as one set; conflicts between files; derived indicators."""

from __future__ import annotations

import textwrap

import openpyxl
import pytest

TARGETS = """\
regions:
  r: {name: 甲市, aliases: [甲]}
indicators:
  hitech: {name: 高新技术企业数量, unit: 家, measure: stock}
  rd: {name: 全社会研发经费投入, unit: 亿元, measure: flow}
  gdp: {name: 地区生产总值, unit: 亿元, measure: flow}
  intensity: {name: 研发投入强度, unit: "%", formula: rd / gdp * 100}
documents:
  d: {region: r, title: 方案, issued: "2023-08-03"}
targets:
  - {id: t-hitech, region: r, indicator: hitech, kind: level, comparator: ">=", value: 600, year: 2025,
     source: {document: d}}
  - {id: t-intensity, region: r, indicator: intensity, kind: share, comparator: ">=", value: 2.5, year: 2027,
     source: {document: d}}
"""
HEADER = "region,indicator,period,value,unit,source,provisional\n"


# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def files(tmp_path):
    (tmp_path / "t.yaml").write_text(TARGETS, encoding="utf-8")

    def write(name, body, header=HEADER):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header + textwrap.dedent(body), encoding="utf-8")
        return path

    return tmp_path, write


def status(run, tmp, *baselines, as_of="2024-06"):
    args = ["status", "r", "--format", "json", "--as-of", as_of, "--targets", tmp / "t.yaml"]
    for b in baselines:
        args += ["--baselines", b]
    return run(*args)


def row(r, target_id):
    return next(x for x in r.json() if x["target_id"] == target_id)


def test_two_files_are_one_set(run, files):
    tmp, write = files
    a = write("a.csv", "r,hitech,2022,473,,bulletin,\n")
    b = write("b.csv", "r,hitech,2024-04,495,,return Q1,\n")
    r = status(run, tmp, a, b)
    assert r.exit_code == 0, r.stderr
    rec = row(r, "t-hitech")
    assert (rec["base_value"], rec["latest_value"], rec["latest_period"]) == (473, 495, "2024-04")
    # the same arithmetic as one file: (495 − 473)/(600 − 473)
    assert rec["progress"] == pytest.approx(22 / 127, abs=1e-4)


def test_same_figure_in_two_files_is_one_figure(run, files):
    tmp, write = files
    a = write("a.csv", "r,hitech,2022,473,,bulletin,\n")
    b = write("b.csv", "r,hitech,2022,473,,台账,\nr,hitech,2024-04,495,,,\n")
    r = run("validate", "--targets", tmp / "t.yaml", "--baselines", a, "--baselines", b)
    assert r.exit_code == 0, r.stderr
    assert "2 observations" in r.stdout  # 473 once, 495


@pytest.mark.parametrize("order", ["快报 first", "年报 first"])
def test_a_final_row_confirming_a_provisional_one_makes_the_figure_final(run, files, order):
    """快报 3.7 (provisional) and then the 年报's 3.7: one figure, no longer 初步数,
    whichever file is read first; two provisional rows stay provisional."""
    tmp, write = files
    quick = write("a.csv", "r,hitech,2022,473,,bulletin,\nr,hitech,2024-04,495,,快报,是\n")
    final = write("b.csv", "r,hitech,2024-04,495,,年报,否\n")
    pair = (quick, final) if order == "快报 first" else (final, quick)
    rec = row(status(run, tmp, *pair), "t-hitech")
    assert (rec["latest_value"], rec["provisional"]) == (495, False)
    again = write("c.csv", "r,hitech,2024-04,495,,快报,是\n")
    assert row(status(run, tmp, quick, again), "t-hitech")["provisional"] is True


def test_different_values_name_both_files_and_lines(run, files):
    tmp, write = files
    a = write("a.csv", "r,hitech,2022,473,,bulletin,\n")
    b = write("b.csv", "r,hitech,2024-04,495,,,\nr,hitech,2022,470,,台账,\n")
    r = status(run, tmp, a, b)
    assert r.exit_code == 2 and r.stdout == ""
    [line] = r.stderr.splitlines()
    assert line.startswith(f"{b}:3: value: r hitech 2022: 470 here but 473 in {a} line 2")


def test_revised_row_wins_and_is_reported(run, files):
    tmp, write = files
    a = write("a.csv", "r,hitech,2022,473,,bulletin,\nr,hitech,2024-04,495,,,\n")
    b = write("b.csv", "r,hitech,2022,480,,统计局更正,,是\n", header=HEADER.strip() + ",revised\n")
    r = status(run, tmp, a, b)
    assert r.exit_code == 0, r.stderr
    rec = row(r, "t-hitech")
    assert rec["base_value"] == 480
    assert rec["progress"] == pytest.approx((495 - 480) / (600 - 480), abs=1e-4)
    v = run("validate", "--targets", tmp / "t.yaml", "--baselines", a, "--baselines", b)
    assert v.exit_code == 1  # a warning, not an error
    assert f"{b}:2: value: warning: r hitech 2022: 480 (revised) replaces 473 ({a} line 2)" in v.stderr
    # in Chinese, the replaced figure's place too (not "line 2" inside a Chinese message)
    zh = run("validate", "--targets", tmp / "t.yaml", "--baselines", a, "--baselines", b, "--lang", "zh").stderr
    assert f"473（{a} 第2行）" in zh and " line " not in zh


def test_later_published_date_wins(run, files):
    tmp, write = files
    header = HEADER.strip() + ",published\n"
    a = write("a.csv", "r,hitech,2022,473,,公报,,2023-03-01\nr,hitech,2024-04,495,,,,\n", header=header)
    b = write("b.csv", "r,hitech,2022,476,,年鉴,,2023-10-15\n", header=header)
    rec = row(status(run, tmp, a, b), "t-hitech")
    assert rec["base_value"] == 476
    # without dates on both rows, which is newer is unknown: an error
    c = write("c.csv", "r,hitech,2022,476,,年鉴,\n")
    r = status(run, tmp, a, c)
    assert r.exit_code == 2 and "which is right?" in r.stderr


def test_a_folder_reads_its_csv_and_xlsx_files(run, files):
    tmp, write = files
    write("返回/1.csv", "r,hitech,2022,473,,,\n")
    write("返回/2.csv", "r,hitech,2024-04,495,,,\n")
    (tmp / "返回" / "notes.txt").write_text("not figures")
    rec = row(status(run, tmp, tmp / "返回"), "t-hitech")
    assert (rec["base_value"], rec["latest_value"]) == (473, 495)


def _workbook(path, rows, sheet="Sheet", first=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if first is not None:  # another sheet before the figures
        ws.title = first
        ws = wb.create_sheet(sheet)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_xlsx_is_read_like_csv(run, files):
    tmp, _write = files
    book = _workbook(tmp / "台账.xlsx", [
        ["地区", "指标", "期间", "数值", "单位", "来源"],
        ["甲市", "高新技术企业数量", "2022", 473, "家", "公报"],
        [None, None, None, None, None, None],  # a blank row: skipped
        ["r", "hitech", "2024-04", "495", None, None],
    ])
    rec = row(status(run, tmp, book), "t-hitech")
    assert (rec["base_value"], rec["latest_value"], rec["latest_period"]) == (473, 495, "2024-04")


def test_xlsx_sheet_named_shuju_and_row_numbers(run, files):
    tmp, _write = files
    book = _workbook(tmp / "返回.xlsx", [
        ["region", "indicator", "period", "value"],
        ["r", "hitech", 2022, 473],          # a year typed as a number
        ["r", "hitech", "2024-13", 495],     # no month 13: row 3
        ["r", "hightech", "2024-04", 495],   # unknown indicator: row 4
    ], sheet="数据", first="说明")
    r = status(run, tmp, book)
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    assert lines[0].startswith(f"{book}[数据]:3:3: period:")
    assert lines[1].startswith(f"{book}[数据]:4:2: indicator: unknown indicator 'hightech'")


def test_derived_indicator_computed_marked_and_provisional(run, files):
    tmp, write = files
    b = write("b.csv", "r,rd,2022,120,,,\nr,gdp,2022,6000,,,\nr,rd,2024,146.6,,,\nr,gdp,2024,6600,,,yes\n")
    rec = row(status(run, tmp, b, as_of="2025-06"), "t-intensity")
    # 120 / 6000 × 100 = 2 (base, before the document); 146.6 / 6600 × 100 (latest, GDP an estimate)
    assert rec["base_value"] == pytest.approx(2.0, abs=1e-4)
    assert rec["latest_value"] == 2.22  # 146.6 / 6600 × 100 = 2.2212…, to the 2 decimals of a figure as written
    assert rec["derived"] is True and rec["provisional"] is True
    assert rec["progress"] == pytest.approx((146.6 / 66 - 2) / (2.5 - 2), abs=1e-4)
    e = run("explain", "r", "t-intensity", "--as-of", "2025-06", "--targets", tmp / "t.yaml", "--baselines", b)
    assert "derived: rd / gdp * 100; rd 146.6亿元 (b.csv:4), gdp 6600亿元 (b.csv:5)" in e.stdout


def test_published_figure_wins_over_derived(run, files):
    tmp, write = files
    b = write("b.csv", "r,rd,2024,146.6,,,\nr,gdp,2024,6600,,,\nr,intensity,2024,2.3,,统计公报,\n")
    r = run("validate", "--targets", tmp / "t.yaml", "--baselines", b)
    assert r.exit_code == 0, r.stderr
    from policygap import dataset

    ds = dataset.load(tmp / "t.yaml", [b])
    o = ds.observations
    got = o[o["indicator"] == "intensity"]
    assert got["value"].tolist() == [2.3] and not got["derived"].any()


@pytest.mark.parametrize("formula, message", [
    ("__import__('os').system('true')", "only numbers, indicator ids"),
    ("rd ** 2", "only numbers, indicator ids"),
    ("rd / gpd * 100", "unknown indicator 'gpd'"),
    ("intensity * 2", "cannot use its own indicator"),
    ("rd / ", "is not a formula"),
])
def test_bad_formulas_are_refused_with_their_line(run, files, formula, message):
    tmp, write = files
    (tmp / "t.yaml").write_text(TARGETS.replace("rd / gdp * 100", formula.replace('"', "'")), encoding="utf-8")
    b = write("b.csv", "r,rd,2024,146.6,,,\n")
    r = run("validate", "--targets", tmp / "t.yaml", "--baselines", b)
    assert r.exit_code == 2
    assert f"t.yaml:7:" in r.stderr and "indicators.intensity.formula" in r.stderr and message in r.stderr


def test_formulas_in_a_circle_are_refused(run, files):
    tmp, write = files
    text = TARGETS.replace("  gdp: {name: 地区生产总值, unit: 亿元, measure: flow}",
                           "  gdp: {name: 地区生产总值, unit: 亿元, measure: flow, formula: intensity * 2}")
    (tmp / "t.yaml").write_text(text, encoding="utf-8")
    b = write("b.csv", "r,rd,2024,146.6,,,\n")
    r = run("validate", "--targets", tmp / "t.yaml", "--baselines", b)
    assert r.exit_code == 2 and "refer to each other in a circle" in r.stderr


def test_division_by_zero_gives_no_figure():
    import numpy as np

    from policygap.derived import evaluate, parse

    out = evaluate(parse("rd / gdp * 100"), {"rd": np.array([1.0, 2.0]), "gdp": np.array([0.0, 4.0])})
    assert np.isnan(out[0]) and out[1] == 50.0


def test_published_must_be_a_date(run, files):
    tmp, write = files
    a = write("a.csv", "r,hitech,2022,473,,公报,,上个月\n", header=HEADER.strip() + ",published\n")
    r = status(run, tmp, a)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{a}:2: published: '上个月' is not a date")


def test_a_formulas_inputs_are_put_in_one_unit(run, files):
    """R&D spending kept in 万元 and GDP in 亿元: rd / gdp * 100 is still a
    percentage (300000万元 = 30亿元; 30 / 1250 × 100 = 2.4%), not 24,000%."""
    tmp, write = files
    text = TARGETS.replace("rd: {name: 全社会研发经费投入, unit: 亿元", "rd: {name: 全社会研发经费投入, unit: 万元")
    (tmp / "t.yaml").write_text(text, encoding="utf-8")
    b = write("b.csv", "r,rd,2022,240000,,,\nr,gdp,2022,1200,,,\nr,rd,2024,300000,,,\nr,gdp,2024,1250,,,\n")
    rec = row(status(run, tmp, b, as_of="2025-06"), "t-intensity")
    assert (rec["base_value"], rec["latest_value"]) == (2.0, 2.4)  # 24亿 / 1200亿; 30亿 / 1250亿
    e = run("explain", "r", "t-intensity", "--as-of", "2025-06", "--targets", tmp / "t.yaml", "--baselines", b)
    assert "rd 300000万元 (b.csv:4), gdp 1250亿元 = 12500000万元 (b.csv:5)" in e.stdout


def test_a_formula_of_numbers_alone_is_refused_with_its_line(run, files):
    tmp, write = files
    for formula in ("100", "2 * 50", "(100)"):
        text = TARGETS.replace("formula: rd / gdp * 100", f"formula: {formula}")
        (tmp / "t.yaml").write_text(text, encoding="utf-8")
        r = run("validate", "--targets", tmp / "t.yaml", "--baselines", write("b.csv", ""), "--lang", "en")
        assert r.exit_code == 2 and "indicators.intensity.formula" in r.stderr and "[V058]" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr and "t.yaml:7:" in r.stderr


def test_every_formula_message_has_its_code(run, files):
    tmp, write = files
    for formula, code in (("rd ** 2 / gdp", "V049"), ("rd / gdp *", "V051"), ("rd / rd_x", "V053")):
        text = TARGETS.replace("formula: rd / gdp * 100", f"formula: {formula}")
        (tmp / "t.yaml").write_text(text, encoding="utf-8")
        r = run("validate", "--targets", tmp / "t.yaml", "--baselines", write("b.csv", ""))
        assert r.exit_code == 2 and f"[{code}]" in r.stderr, (formula, r.stderr)



def test_a_derived_figure_that_divides_by_zero_is_said_on_every_command(run, files):
    """GDP written 0 for 2024: no intensity for 2024, and the reason on stderr
    (the row alone would say a figure is missing, as if no one had sent it)."""
    tmp, write = files
    b = write("b.csv", "r,rd,2022,120,,,\nr,gdp,2022,6000,,,\nr,rd,2024,146.6,,,\nr,gdp,2024,0,,,\n")
    for command in ("status", "validate"):
        args = ["--targets", tmp / "t.yaml", "--baselines", b, "--lang", "en"]
        r = run(command, *(["r", "--as-of", "2025-06"] if command == "status" else []), *args)
        said = [ln for ln in r.stderr.splitlines() if "[O027]" in ln]
        assert len(said) == 1 and said[0].startswith(f"{b}:5:") and "divides by zero" in said[0], r.stderr
        assert "rd 146.6, gdp 0" in said[0]


def test_a_derived_indicator_waits_for_its_latest_input(run, files):
    """研发经费 is published 10 months after its year; the intensity derived
    from it sets no lag: in June 2025 its 2024 figure is not yet due (it is
    due at the end of October 2025), so the target is not overdue."""
    tmp, write = files
    text = TARGETS.replace("rd: {name: 全社会研发经费投入, unit: 亿元, measure: flow}",
                           "rd: {name: 全社会研发经费投入, unit: 亿元, measure: flow, publication_lag: 10}")
    assert text != TARGETS
    (tmp / "t.yaml").write_text(text, encoding="utf-8")
    b = write("b.csv", "r,rd,2022,120,,,\nr,gdp,2022,6000,,,\nr,rd,2023,130,,,\nr,gdp,2023,6300,,,\n")
    assert row(status(run, tmp, b, as_of="2025-06"), "t-intensity")["status"] != "overdue"
    assert row(status(run, tmp, b, as_of="2025-11"), "t-intensity")["status"] == "overdue"
