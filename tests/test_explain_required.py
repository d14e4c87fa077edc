"""`policygap explain` and `policygap required`."""

from __future__ import annotations

import re

import pytest

ALL_KINDS = """\
regions:
  r: {name: 甲市}
  ref: {name: 乙省}
indicators:
  firms: {name: 企业数量, unit: 家}
  rd: {name: 研发投入, unit: 亿元, measure: flow}
  intensity: {name: 研发投入强度, unit: "%"}
  tech: {name: 攻克技术, unit: 项, measure: flow}
  rank: {name: 排名, unit: 位, direction: down}
  lab: {name: 实验室重组, unit: ""}
documents:
  d: {region: r, title: 方案, issued: "2023-08-03"}
targets:
  - {id: level, region: r, indicator: firms, kind: level, value: 600, year: 2025, milestones: {2023: 500}, stretch: 650, source: {document: d, quote: 企业达到600家}}
  - {id: growth, region: r, indicator: rd, kind: growth_rate, value: 9, year: 2025, base: {period: "2021"}, source: {document: d}}
  - {id: share, region: r, indicator: intensity, kind: share, value: 2, year: 2025, source: {document: d}}
  - {id: inc, region: r, indicator: firms, kind: increase, value: 100, year: 2025, source: {document: d}}
  - {id: flow, region: r, indicator: tech, kind: increase, value: 25, year: 2025, from: 2023, source: {document: d}}
  - {id: yearly, region: r, indicator: tech, kind: annual, value: 8, year: 2025, from: 2023, source: {document: d}}
  - {id: rank, region: r, indicator: rank, kind: rank, value: 50, year: 2025, base: {period: "2022"}, source: {document: d}}
  - {id: rel, region: r, indicator: intensity, kind: relative, comparator: ">", reference: ref, year: 2025, source: {document: d}}
  - {id: double, region: r, indicator: rd, kind: multiple, value: 2, year: 2025, base: {period: "2021"}, source: {document: d}}
  - {id: ms, region: r, indicator: lab, kind: milestone, year: 2025, source: {document: d}}
"""
ALL_OBS = """\
region,indicator,period,value
r,firms,2022,473
r,firms,2024-04,495
r,rd,2021,24.4
r,rd,2023,27
r,intensity,2022,1.5
r,intensity,2024,1.7
ref,intensity,2022,2.0
ref,intensity,2024,1.9
r,tech,2023,8
r,tech,2024,9
r,rank,2022,58
r,rank,2024,52
r,lab,2024,0
"""


def test_explain_shows_every_number(run):
    r = run("explain", "anshan", "anshan-hitech-firms-2025", "--as-of", "2024-06")
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    for text in ("473家 @ 2022", "495家 @ 2024-04", "600家", "17.3228%", "44.4444%", "−27.12", "12.2348%",
                 "3.4685%", "8.2505%", "高新技术企业达到600家", "鞍科办〔2023〕18号", "≥ −30",
                 "baselines.csv", "→ behind (滞后)"):
        assert text in out, text


def test_explain_english(run):
    r = run("explain", "Anshan", "anshan-hitech-firms-2025", "--as-of", "2024-06", "--lang", "en")
    assert r.exit_code == 0
    assert "newest figure before the document was issued" in r.stdout
    assert "gap −27.12 points" in r.stdout


def test_explain_unknown_target(run):
    r = run("explain", "anshan", "anshan-hitech-firms-202", "--lang", "en")
    assert r.exit_code == 2
    assert "did you mean 'anshan-hitech-firms-2025'" in r.stderr


@pytest.mark.parametrize("target", ["level", "growth", "share", "inc", "flow", "yearly", "rank", "rel", "double", "ms"])
def test_explain_every_kind(run, data, target):
    t, b = data(ALL_KINDS, ALL_OBS)
    r = run("explain", "r", target, "--as-of", "2025-01", "--targets", t, "--baselines", b)
    assert r.exit_code == 0, r.stderr
    status = run("status", "r", "--format", "json", "--as-of", "2025-01", "--targets", t, "--baselines", b).json()
    word = next(x["status"] for x in status if x["target_id"] == target)
    # the verdict ends with the JSON's status code
    assert re.findall(r"^  → (\w+) ", r.stdout, flags=re.M)[-1] == word
    assert not re.search(r"\bnan\b", r.stdout, flags=re.I)


def test_explain_growth_shows_compound_goal(run, data):
    t, b = data(ALL_KINDS, ALL_OBS)
    r = run("explain", "r", "growth", "--as-of", "2024-06", "--targets", t, "--baselines", b)
    assert "24.4 × 1.09^4" in r.stdout
    assert "((V/B)^(e/n) − 1)/((V/B) − 1)" in r.stdout


def test_explain_lists_milestones_and_stretch(run, data):
    t, b = data(ALL_KINDS, ALL_OBS)
    r = run("explain", "r", "level", "--as-of", "2024-06", "--targets", t, "--baselines", b, "--lang", "en")
    assert "milestone 2023" in r.stdout and "stretch (力争) 2025" in r.stdout
    zh = run("explain", "r", "level", "--as-of", "2024-06", "--targets", t, "--baselines", b, "--lang", "zh").stdout
    checkpoints = zh[zh.index("各检查点"):]
    assert "节点目标 2023" in checkpoints and "力争 2025" in checkpoints
    assert "milestone" not in checkpoints and "stretch" not in checkpoints


def test_required_473_to_600(run):
    r = run("required", "473", "600", "--from", "2022", "--to", "2025", "--format", "json")
    assert r.exit_code == 0, r.stderr
    plan = r.json()
    assert plan["required_annual_growth"] == pytest.approx((600 / 473) ** (1 / 3) - 1)
    assert plan["required_annual_change"] == pytest.approx(127 / 3)
    assert [p["period"] for p in plan["path"]] == ["2023", "2024", "2025"]
    assert [round(p["compound"]) for p in plan["path"]] == [512, 554, 600]
    table = run("required", "473", "600", "--from", "2022", "--to", "2025")
    assert "8.25%" in table.stdout and "2023: 512 / 2024: 554 / 2025: 600" in table.stdout


@pytest.mark.parametrize("args, end", [
    (("473", "600.5"), "2025: 600.5"),  # not 601: the goal as typed
    (("100", "0.5", "--unit", "%"), "2025: 0.5"),  # not 1
    (("0.1", "0.2"), "2025: 0.2"),
])
def test_the_path_ends_at_the_target_as_typed(run, args, end):
    r = run("required", *args, "--from", "2022", "--to", "2025")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.rstrip().endswith(end), r.stdout


def test_required_from_a_month(run):
    plan = run("required", "495", "600", "--from", "2024-04", "--to", "2025", "-f", "json").json()
    assert plan["years"] == pytest.approx(1 + 8 / 12)
    assert [p["period"] for p in plan["path"]] == ["2024", "2025"]
    assert plan["path"][0]["years"] == pytest.approx(8 / 12)
    assert run("required", "495", "600", "--from", "2024-4", "--to", "2025", "-f", "json").json() == plan


def test_required_for_a_percentage_is_in_points(run):
    plan = run("required", "1.5", "2", "--from", "2022", "--to", "2025", "--unit", "%", "-f", "json").json()
    assert plan["required_annual_growth"] is None
    assert plan["required_annual_change"] == pytest.approx(0.5 / 3)
    r = run("required", "1.5%", "2%", "--from", "2022", "--to", "2025", "--unit", "%")
    assert "个百分点" in r.stdout


def test_required_reads_office_numbers(run):
    plan = run("required", "１５.９８亿", "20亿元", "--from", "2022", "--to", "2025", "--unit", "亿元", "-f", "json").json()
    assert plan["base"] == 15.98 and plan["target"] == 20


def test_required_csv(run):
    rows = run("required", "473", "600", "--from", "2022", "--to", "2025", "-f", "csv").csv_rows()
    assert [r["period"] for r in rows] == ["2023", "2024", "2025"]
    assert float(rows[0]["value_compound"]) == pytest.approx(473 * (600 / 473) ** (1 / 3))


@pytest.mark.parametrize("args", [
    ["abc", "600", "--from", "2022", "--to", "2025"],
    ["473", "600", "--from", "2025", "--to", "2022"],
    ["473", "600", "--from", "2022-13", "--to", "2025"],
    ["473", "600", "--from", "2022", "--to", "2025", "--unit", "斤斤"],
])
def test_required_bad_input(run, args):
    r = run("required", *args)
    assert r.exit_code == 2
    assert r.stderr.strip() and "Traceback" not in r.stderr


def test_required_for_a_rank_moves_in_places_not_percent(run):
    """58th → 50th by the end of 2026 from the end of 2024: (50 − 58) / 2 =
    −4 places a year, 前移4位; a growth rate of a rank (−7.15%) means nothing."""
    r = run("required", "58", "50", "--unit", "位", "--from", "2024", "--to", "2026", "--format", "json")
    data = r.json()
    assert (data["required_annual_growth"], data["required_annual_change"]) == (None, -4.0)
    assert [row["linear"] for row in data["path"]] == [54.0, 50.0]
    text = run("required", "58", "50", "--unit", "位", "--from", "2024", "--to", "2026", "--lang", "zh").stdout
    assert text.splitlines()[1] == "需年均前移 4位"


# Hand-worked before running: a fall is said as a fall, in both languages.
# 600 → 473 over 3 years: (473/600)^(1/3) − 1 = −7.62%; (473 − 600)/3 = −42.3333 a year.
# 2.5% → 2.1%: (2.1 − 2.5)/3 = −0.1333 百分点 a year.  0 → 30: no growth rate from zero; +10 a year.
# 58th → 60th: (60 − 58)/3 = +0.6667 places a year, 后移 (a rank is better smaller).
# 2 → 0 over 2 years: a growth rate needs both figures above zero; (0 − 2)/2 = −1 a year.
@pytest.mark.parametrize("args, zh, en", [
    (["473", "600"], "需年均增长 8.25%（年均增加 42.3333）", "required growth 8.25% a year (42.3333 more a year)"),
    (["600", "473"], "需年均下降 7.62%（年均减少 42.3333）", "required fall 7.62% a year (42.3333 less a year)"),
    (["2.5%", "2.1", "--unit", "%"], "需年均降低 0.1333个百分点（比重按百分点计，不用增速）",
     "required fall 0.1333 percentage points a year (a share is tracked in points, not by growth)"),
    (["0", "30"], "需年均增加 10", "required rise 10 a year"),
    (["58", "60", "--unit", "位"], "需年均后移 0.6667位", "required: 0.6667 places down a year"),
    (["60", "58", "--unit", "位"], "需年均前移 0.6667位", "required: 0.6667 places up a year"),
])
def test_required_says_the_direction_in_words(run, args, zh, en):
    base = [*args, "--from", "2022", "--to", "2025"]
    assert run("required", *base, "--lang", "zh").stdout.splitlines()[1] == zh
    assert run("required", *base, "--lang", "en").stdout.splitlines()[1] == en


def test_required_falls_to_zero(run):
    r = run("required", "2", "0", "--from", "2023", "--to", "2025", "--lang", "zh")
    assert r.stdout.splitlines()[1] == "需年均减少 1"
    assert "-" not in r.stdout.replace("2023", "").replace("2025", "")


YTD_TARGETS = """\
regions:
  x: {name: 某县}
indicators:
  acc: {name: 生产安全事故, unit: 起, direction: down, measure: flow}
  con: {name: 技术合同成交额, unit: 亿元, direction: up, measure: flow}
documents:
  d: {region: x, title: 方案, issued: "2026-01-10"}
targets:
  - {id: acc-2026, region: x, indicator: acc, kind: level, comparator: "<=", value: 40, year: 2026, source: {document: d}}
  - {id: con-2026, region: x, indicator: con, kind: level, comparator: ">=", value: 10, year: 2026, source: {document: d}}
"""
YTD_BASELINES = """\
region,indicator,period,value,unit,source
x,acc,2025,52,起,x
x,acc,2026-09,27,起,x
x,con,2025,5,亿元,x
x,con,2026-09,6.3,亿元,x
"""


def test_explain_of_a_year_to_date_flow_shows_the_base_its_arithmetic_uses(run, data, monkeypatch):
    """1—9月 6.3亿元 of a 10亿元 year: progress (6.3 − 0)/(10 − 0) = 63% against 9/12 = 75%,
    gap −12 → 滞后. B is the 0 the formulas use, and the plan's base (5亿元, 2025) is named beside it;
    the accidents' cap: 27 by September, 27/0.75 = 36 ≤ 40 → 符合序时, its note in Chinese."""
    t, b = data(YTD_TARGETS, YTD_BASELINES)
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    out = run("explain", "x", "con-2026", "--targets", t, "--baselines", b, "--as-of", "2026-10").stdout
    base = next(line for line in out.splitlines() if line.strip().startswith("B "))
    assert "= 0亿元" in base and "5亿元 @ 2025" in base
    assert "(6.3 − 0)/(10 − 0) = 63%" in out and "−12.00" in out and "→ behind (滞后)" in out
    assert "year-to-date figure judged" not in out and "年内累计" in out
    cap = run("explain", "x", "acc-2026", "--targets", t, "--baselines", b, "--as-of", "2026-10").stdout
    assert "= 0起" in next(line for line in cap.splitlines() if line.strip().startswith("B "))
    assert "36起" in cap and "→ on_track (符合序时)" in cap
    assert not re.search(r"[a-z]{3,} [a-z]{3,} [a-z]{3,}", cap.split("状态")[1]), cap  # no English sentence
    en = run("explain", "x", "con-2026", "--targets", t, "--baselines", b, "--as-of", "2026-10", "--lang", "en").stdout
    assert "→ behind\n" in en


def test_required_takes_a_negative_figure(run):
    """A loss (利润 −500万元) to a profit of 300 by 2027 from 2023: (300 − (−500))/4 = 200 a year;
    no growth rate from a negative base. Written after --, as a shell command's negative
    numbers are; without it the message says so. A mistyped option is still named."""
    args = ["--from", "2023", "--to", "2027", "--"]
    data = run("required", "--format", "json", *args, "-500", "300").json()
    assert (data["base"], data["required_annual_growth"], data["required_annual_change"]) == (-500, None, 200)
    assert run("required", "--lang", "zh", *args, "-500", "300").stdout.splitlines()[1] == "需年均增加 200"
    bare = run("required", "-500", "300", "--from", "2023", "--to", "2027", "--lang", "en")
    assert bare.exit_code == 2 and "--from 2023 --to 2027 -- -500 300" in bare.stderr
    bad = run("required", "473", "600", "--frm", "2022", "--to", "2025")
    assert bad.exit_code == 2 and "--frm" in bad.stderr and "--from" in bad.stderr


def test_required_with_a_unit_in_the_number_says_to_name_the_unit(run):
    r = run("required", "1.3万", "2万", "--from", "2023", "--to", "2027", "--lang", "zh")
    assert r.exit_code == 2 and "--unit" in r.stderr and "1.3万" in r.stderr
    ok = run("required", "1.3万", "2万", "--from", "2023", "--to", "2027", "--unit", "家", "--format", "json").json()
    assert (ok["base"], ok["target"]) == (13000, 20000)
    assert "--unit 家" not in run("required", "abc", "2", "--from", "2023", "--to", "2027").stderr


def test_explain_says_when_as_of_is_before_the_document(run):
    early = run("explain", "anshan", "anshan-hitech-firms-2025", "--as-of", "2023-01", "--lang", "zh").stdout
    assert "早于文件发布日期（2023-08-03）：当时尚未设定该目标" in early
    lines = early.splitlines()  # under the quote, not between the source and its quote
    assert lines[lines.index("  “高新技术企业达到600家”") + 1].startswith("  注意：--as-of 2023-01")
    later = run("explain", "anshan", "anshan-hitech-firms-2025", "--as-of", "2024-06", "--lang", "zh").stdout
    assert "早于文件发布日期" not in later


def test_required_output_file_name_chooses_the_format(run, tmp_path):
    """-o 路径.csv / .json writes that format, as status does; .xlsx is refused, nothing written."""
    args = ("required", "100", "200", "--from", "2022", "--to", "2025", "-o")
    assert run(*args, tmp_path / "p.csv").exit_code == 0
    assert (tmp_path / "p.csv").read_text(encoding="utf-8").startswith("period,years")
    assert run(*args, tmp_path / "p.json").exit_code == 0
    assert (tmp_path / "p.json").read_text(encoding="utf-8").lstrip().startswith("{")
    assert run(*args, tmp_path / "p.xlsx").exit_code == 2 and not (tmp_path / "p.xlsx").exists()


def test_required_offers_only_the_formats_it_writes(run):
    """Its help lists table, text, csv and json (and -o 路径.csv as the example);
    -f xlsx is a usage error naming them."""
    help_text = run("required", "--help").stdout
    assert "table|text|csv|json" in help_text and "xlsx" not in help_text
    r = run("required", "100", "200", "--from", "2022", "--to", "2025", "-f", "xlsx")
    assert r.exit_code == 2 and r.stdout == "" and "'json'" in r.stderr


@pytest.mark.parametrize("base, goal, shown", [
    # (0.00012 − 0.0001) / 3 = 0.0000066…: three significant digits, not 0
    ("0.0001", "0.00012", ["0.0001 → 0.00012", "6.27%", "0.00000667"]),
    # 1.000001^(1/3) − 1 = 3.33e−7 = 0.0000333%: not 0.00%
    ("1000000", "1000001", ["1,000,000 → 1,000,001", "0.000033%", "0.3333"]),
    # the usual figures keep two decimals of a percent and four of an amount
    ("473", "600", ["473 → 600", "8.25%", "42.3333"]),
])
def test_required_shows_small_figures_in_significant_digits(run, base, goal, shown):
    out = run("required", base, goal, "--from", "2022", "--to", "2025").stdout
    for text in shown:
        assert text in out


@pytest.mark.parametrize("args, line", [
    # less than a year left: what is still needed by the year's end, not a
    # rate over the part-year (600/545 − 1 = 10.09%, 55 more; not 21.20%, 110 a year)
    (["545", "600", "--from", "2025-06", "--to", "2025"], "年内尚需增长 10.09%（尚需增加 55）"),
    (["22", "20", "--from", "2026-11", "--to", "2026", "--unit", "位"], "年内尚需前移 2位"),
    (["1.5", "2", "--from", "2026-11", "--to", "2026", "--unit", "%"], "年内尚需提高 0.5个百分点"),
    (["600", "473", "--from", "2025-03", "--to", "2025"], "年内尚需下降 21.17%（尚需减少 127）"),
    # exactly a year left is a year's rate: 600/545 − 1 again, said as a yearly rate
    (["545", "600", "--from", "2024", "--to", "2025"], "需年均增长 10.09%（年均增加 55）"),
])
def test_required_in_the_target_year_is_what_is_still_needed(run, monkeypatch, args, line):
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    out = run("required", *args).stdout
    assert out.splitlines()[1].startswith(line)


def test_required_json_says_when_the_figures_are_within_the_year(run):
    plan = run("required", "545", "600", "--from", "2025-06", "--to", "2025", "-f", "json").json()
    assert plan["within_the_year"] is True
    assert plan["required_annual_growth"] == pytest.approx(600 / 545 - 1)
    assert plan["required_annual_change"] == pytest.approx(55)
    assert run("required", "473", "600", "--from", "2022", "--to", "2025", "-f", "json").json()["within_the_year"] is False


@pytest.mark.parametrize("args", [
    ["explain", "anshan", "anshan-hitech-firms-2025", "-o"],
    ["extract", "plan.txt", "-o"],
])
@pytest.mark.parametrize("name", ["说明.xlsx", "说明.docx", "说明.csv"])
def test_a_command_that_writes_text_refuses_a_workbook_or_document_name(run, tmp_path, monkeypatch, args, name):
    """explain and extract write plain text (YAML): -o 说明.xlsx would make a
    file Excel cannot open. Refused before any work, nothing written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.txt").write_text("到2025年高新技术企业达到600家。\n", encoding="utf-8")
    r = run(*args, tmp_path / name)
    assert r.exit_code == 2 and not (tmp_path / name).exists()
    assert name in r.stderr


def test_explain_and_extract_help_give_text_names_as_examples(run):
    assert "说明.txt" in run("explain", "--help").stdout
    assert "草稿.yaml" in run("extract", "--help").stdout


@pytest.mark.parametrize("args, shown", [
    # a whole figure shown whole, never cut to 12 digits or stripped of its zeros
    (["1", "999999999999999", "--from", "2020", "--to", "2026"],
     ["1 → 999,999,999,999,999", "31,522.78%", "166,666,666,666,666"]),
    (["0.000000001", "1000000000000000", "--from", "2026-01", "--to", "2026"],
     ["1,000,000,000,000,000（", "1.000e+26%", "2026: 1,000,000,000,000,000\n"]),
    (["100", "1000000000000000", "--from", "2020", "--to", "2026"], ["166,666,666,666,650"]),
])
def test_required_shows_huge_figures_whole(run, monkeypatch, args, shown):
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    out = run("required", *args).stdout
    for text in shown:
        assert text in out, out


def test_explain_says_which_figures_wait_for_their_period_to_end(run, data):
    """A year's 预计 (2026: 58) entered in November 2026 is not the latest figure
    until the year is over: explain names it beside the figure used."""
    from conftest import FIRMS_HEAD

    t, b = data(FIRMS_HEAD + "  - {id: f, region: x, indicator: firms, kind: level, comparator: \">=\", value: 60,"
                             " year: 2026, source: {document: d}}\n",
                "region,indicator,period,value\nx,firms,2022,42\nx,firms,2026-06,54\nx,firms,2026,58\n")
    out = run("explain", "x", "f", "--targets", t, "--baselines", b, "--as-of", "2026-11", "--lang", "en").stdout
    assert "latest = 54家 @ 2026-06" in out
    assert "not counted yet, its period not over by 2026-11: 2026 58家" in out
    out = run("explain", "x", "f", "--targets", t, "--baselines", b, "--as-of", "2027-01", "--lang", "en").stdout
    assert "latest = 58家 @ 2026" in out and "not counted yet" not in out
