"""policygap report: the chart data (every point drawn is a figure of the
assessment or lies on a path between two of them, by the methodology's
formula), the web page and the Word document read back.

The data is tests/report_sample: an invented city with one target of each
kind, assessed as of the end of July 2025.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from conftest import REPO

pytest.importorskip("matplotlib")
docx = pytest.importorskip("docx")

SAMPLE = REPO / "tests" / "report_sample"
AS_OF = "2025-07"
END_2026 = 2026 * 12 + 12


def _index(period: str) -> float:
    from policygap import periods

    return float(periods.parse_period(period))


@pytest.fixture(scope="module")
def report():
    from policygap import dataset, periods
    from policygap.assess import Options, assess
    from policygap.cli.options import region_names
    from policygap.render import report_model

    ds = dataset.load(SAMPLE / "targets.yaml", SAMPLE / "baselines.csv")
    result = assess(ds, Options(as_of=periods.parse_as_of(AS_OF)), regions=["sample"])
    return report_model.build(result, ds, ["sample"], region_names(ds, "zh"), "zh")


def _pages(report) -> dict:
    return {p.record["target_id"]: p for r in report.regions for d in r.documents for p in d.targets}


def _xy(points) -> list[tuple[float, float]]:
    return [(p.index, round(p.value, 6)) for p in points]


# --------------------------------------------------------------------------
# Grouping


def test_grouped_by_region_and_document_in_file_order(report):
    (region,) = report.regions
    assert region.name == "示例市"
    assert [d.document for d in region.documents] == ["sample-plan-2023", "sample-contract-2024"]
    plan, contract = region.documents
    assert plan.number == "示科发〔2023〕1号"
    assert len(plan.targets) == 10 and len(contract.targets) == 1
    from collections import Counter

    assert plan.counts() == Counter(t.record["status"] for t in plan.targets)
    assert sum(plan.counts().values()) == 10 and plan.counts()["no_data"] == 1


def test_sentence_and_source_under_each_chart(report):
    page = _pages(report)["sample-hitech-2026"]
    assert page.sentence.startswith("高新技术企业数量：2026年目标600家（力争650家），现505家（2025年6月，初步数）")
    assert page.quote == "高新技术企业达到600家，力争达到650家"
    assert page.source == "示科发〔2023〕1号 一(一)"


# --------------------------------------------------------------------------
# Trajectories, kind by kind, with the arithmetic written out


def test_level_observed_base_latest_goal_paths(report):
    tr = _pages(report)["sample-hitech-2026"].trajectory
    assert tr.style == "time" and tr.path == "linear" and not tr.invert
    # every figure of the indicator up to --as-of; the June figure provisional
    assert _xy(tr.observed) == [(_index("2022"), 420), (_index("2023"), 455), (_index("2024"), 490),
                                (_index("2025-06"), 505)]
    assert [p.provisional for p in tr.observed] == [False, False, False, True]
    assert (tr.base.period, tr.base.value) == ("2022", 420)
    assert (tr.latest.period, tr.latest.value, tr.latest.provisional) == ("2025-06", 505, True)
    assert _xy([tr.goal]) == [(END_2026, 600)]
    # level: the straight path from the base, and from the latest figure
    assert _xy(tr.plan) == [(_index("2022"), 420), (END_2026, 600)]
    assert _xy(tr.now) == [(_index("2025-06"), 505), (END_2026, 600)]
    # projection: 505 + (505 − 420)/2.5 years × 1.5 years = 505 + 34 × 1.5 = 556
    assert _xy(tr.projection) == [(_index("2025-06"), 505), (END_2026, 556)]
    # (600/505)^(1/1.5) − 1 = 12.18%
    assert tr.required_growth == pytest.approx((600 / 505) ** (1 / 1.5) - 1)
    # milestone 500 in 2024 (490 at the end of 2024: missed); 力争 650:
    # (505 − 420)/(650 − 420) = 36.96% against 62.5%: 25.5 points behind
    cps = {(c.role, c.year): (c.value, c.status) for c in tr.checkpoints}
    assert cps == {("milestone", 2024): (500, "missed"), ("stretch", 2026): (650, "behind")}


def test_growth_rate_compound_path_every_year_end(report):
    tr = _pages(report)["sample-rd-growth-2026"].trajectory
    assert tr.path == "compound"
    # a flow: whole-year totals only
    assert _xy(tr.observed) == [(_index("2022"), 30), (_index("2023"), 33.5), (_index("2024"), 37)]
    # 30 × 1.1^k at the end of 2022 … 2026
    assert _xy(tr.plan) == [(_index(str(2022 + k)), round(30 * 1.1 ** k, 6)) for k in range(5)]
    # from 37 (2024) the goal 43.923 needs (43.923/37)^(1/2) − 1 = 8.955% a year
    g = (30 * 1.1 ** 4 / 37) ** 0.5 - 1
    assert tr.required_growth == pytest.approx(g)
    assert _xy(tr.now) == [(_index("2024"), 37), (_index("2025"), round(37 * (1 + g), 6)),
                           (END_2026, round(30 * 1.1 ** 4, 6))]
    # pace so far: (37/30)^(1/2) − 1 a year for two more years: 37 × 37/30 = 45.633
    assert tr.projection[-1].value == pytest.approx(37 * 37 / 30)
    assert tr.projection[1].value == pytest.approx(37 * (37 / 30) ** 0.5)


def test_share_in_points_straight(report):
    tr = _pages(report)["sample-rd-intensity-2026"].trajectory
    assert tr.unit == "%" and tr.path == "linear"
    assert _xy(tr.plan) == [(_index("2022"), 1.8), (END_2026, 2.5)]
    # (2.5 − 1.9)/2 years = +0.3 百分点 a year; growth has no meaning for a share
    assert tr.required_change == pytest.approx(0.3)
    assert math.isnan(tr.required_growth)
    # 1.9 + 0.05 × 2 = 2.0
    assert tr.projection[-1].value == pytest.approx(2.0)


def test_rank_axis_inverted(report):
    tr = _pages(report)["sample-rank-2026"].trajectory
    assert tr.invert
    assert _xy(tr.observed) == [(_index("2022"), 9), (_index("2023"), 8), (_index("2024"), 6)]
    assert _xy(tr.now) == [(_index("2024"), 6), (END_2026, 5)]
    # (6 − 9)/2 = −1.5 places a year, two more years: 3rd
    assert tr.projection[-1].value == pytest.approx(3)
    assert tr.required_change == pytest.approx(-0.5)


def test_increase_counted_as_flows_draws_running_sums(report):
    tr = _pages(report)["sample-results-2026"].trajectory
    # zero at the end of 2022, 22, 22 + 28, 50 + 15 (January–June 2025)
    assert _xy(tr.observed) == [(_index("2022"), 0), (_index("2023"), 22), (_index("2024"), 50),
                                (_index("2025-06"), 65)]
    assert tr.latest.value == 65 and tr.goal.value == 100


def test_annual_one_bar_a_year(report):
    tr = _pages(report)["sample-platforms-annual"].trajectory
    assert tr.style == "years"
    bars = [(c.year, c.value, None if math.isnan(c.latest) else c.latest, c.status) for c in tr.checkpoints]
    # 2025: 9 by June against 20 × 6/12 = 10: 45% against 50%, on track
    assert bars == [(2023, 20, 24, "achieved"), (2024, 20, 18, "missed"), (2025, 20, 9, "on_track"),
                    (2026, 20, None, "no_data")]


def test_flow_in_its_target_year_against_months(report):
    tr = _pages(report)["sample-contract-2025"].trajectory
    assert tr.style == "ytd"
    start = 2024 * 12 + 12
    assert _xy(tr.plan) == [(start, 0), (start + 12, 50)]
    assert _xy(tr.observed) == [(_index("2025-03"), 10), (_index("2025-06"), 22)]
    assert tr.latest.value == 22


def test_relative_draws_the_reference(report):
    tr = _pages(report)["sample-intensity-province-2027"].trajectory
    assert tr.reference_name == "示例省"
    assert _xy(tr.reference) == [(_index("2022"), 2.1), (_index("2023"), 2.12), (_index("2024"), 2.15)]
    assert tr.plan == []  # the reference moves: no fixed path from the base
    assert tr.goal.value == 2.15
    # gap −0.3 → −0.25 in 2 years: +0.025 a year; 3 more years: −0.175,
    # with the reference held at 2.15: 1.975
    assert tr.projection[-1].value == pytest.approx(1.975)


def test_milestone_timeline(report):
    tr = _pages(report)["sample-lab-2026"].trajectory
    assert tr.style == "timeline"
    assert [(c.role, c.year, c.status) for c in tr.checkpoints] == [("final", 2026, "on_track")]
    assert _xy(tr.observed) == [(_index("2024"), 0)]


def test_no_chart_without_figures(report):
    assert _pages(report)["sample-incubators-2026"].trajectory is None


def test_every_point_drawn_is_a_figure_or_on_a_path(report):
    """Observed points are lines of the baselines file (or their running sums);
    base, latest, goal and projection end are the row's fields; path points
    lie between two of them."""
    import csv

    with open(SAMPLE / "baselines.csv", encoding="utf-8") as f:
        figures = {(r["region"], r["indicator"], r["period"]): float(r["value"]) for r in csv.DictReader(f)}
    for tid, page in _pages(report).items():
        tr, rec = page.trajectory, page.record
        if tr is None:
            continue
        for p in tr.observed:
            if rec["kind"] == "increase":
                continue  # running sums, checked above
            assert figures[(rec["region"], rec["indicator"], p.period)] == p.value, tid
        for p in tr.reference:
            assert figures[(rec["reference"], rec["indicator"], p.period)] == p.value, tid
        if tr.latest is not None:
            assert (tr.latest.period, tr.latest.value) == (rec["latest_period"], rec["latest_value"]), tid
        if tr.style == "time":
            assert (tr.base.period, tr.base.value) == (rec["base_period"], rec["base_value"]), tid
            assert tr.goal.value == rec["goal_value"], tid
            if tr.projection:
                assert tr.projection[-1].value == pytest.approx(rec["projected_value"]), tid
            for line in (tr.plan, tr.now, tr.projection):
                if line:
                    lo, hi = sorted((line[0].value, line[-1].value))
                    assert all(lo - 1e-9 <= p.value <= hi + 1e-9 for p in line), tid


def test_path_points_formula():
    from policygap.render.report_model import Point, path_points

    # 473 → 600 from the end of 2022 to the end of 2025, compound: 8.25% a year
    pts = path_points(Point(2022 * 12 + 12, 473), Point(2025 * 12 + 12, 600), compound=True)
    assert [p.index for p in pts] == [2022 * 12 + 12, 2023 * 12 + 12, 2024 * 12 + 12, 2025 * 12 + 12]
    assert [round(p.value, 1) for p in pts] == [473, 512.0, 554.3, 600]
    # from April 2024: the first point on the path is the end of 2024
    pts = path_points(Point(2024 * 12 + 4, 495), Point(2025 * 12 + 12, 600), compound=True)
    assert pts[1].index == 2024 * 12 + 12
    assert pts[1].value == pytest.approx(495 * (600 / 495) ** (8 / 20))
    # a zero or negative value cannot grow by a percentage: straight
    assert len(path_points(Point(0, 0), Point(36, 10), compound=True)) == 2
    assert len(path_points(Point(0, -2), Point(36, 10), compound=True)) == 2


# --------------------------------------------------------------------------
# Charts


def test_svg_keeps_text_as_text(report):
    from policygap.render import charts

    svg = charts.svg(charts.trajectory_figure, _pages(report)["sample-hitech-2026"].trajectory)
    assert svg.startswith("<svg") and "<text" in svg and "<script" not in svg
    assert "600家" in svg  # the goal label, as characters, not glyph outlines
    assert "Microsoft YaHei" in svg  # a font the reader's machine has


def test_png_renders_with_or_without_a_chinese_font(report, monkeypatch):
    from policygap.render import charts

    tr = _pages(report)["sample-rank-2026"].trajectory
    assert charts.png(charts.trajectory_figure, tr, dpi=50).startswith(b"\x89PNG")
    monkeypatch.setattr(charts, "installed_cjk_fonts", lambda: [])
    assert charts.png(charts.trajectory_figure, tr, dpi=50).startswith(b"\x89PNG")


# --------------------------------------------------------------------------
# The files


def _args(*extra):
    return ["report", "sample", "--targets", SAMPLE / "targets.yaml", "--baselines", SAMPLE / "baselines.csv",
            "--as-of", AS_OF, *extra]


@pytest.fixture(scope="module")
def html_page(tmp_path_factory):
    from typer.testing import CliRunner

    from policygap.cli import app

    out = tmp_path_factory.mktemp("html") / "示例.html"
    r = CliRunner().invoke(app, [str(a) for a in _args("-o", out)])
    assert r.exit_code == 0, r.output
    return out.read_text(encoding="utf-8")


def test_html_is_self_contained(html_page):
    import re

    assert html_page.startswith("<!DOCTYPE html>")
    assert "<script" not in html_page.lower()
    # nothing fetched: no src, no link, no url(); the only URLs are SVG's namespace names
    assert not re.search(r"\ssrc=|<link|url\((?!#)|@import", html_page)
    assert set(re.findall(r"https?://[^\s\"'<>]+", html_page)) <= {
        "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_html_one_chart_per_target_with_figures(html_page):
    assert html_page.count('<figure class="chart"') == 10
    assert 'data-target="sample-incubators-2026"' not in html_page
    assert html_page.count("<svg") == 10 + 2 * 2  # and per document: counts and bullets
    assert "示科发〔2023〕1号" in html_page and "“高新技术企业达到600家，力争达到650家”" in html_page
    assert "break-before: page" in html_page and "break-inside: avoid" in html_page


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    from typer.testing import CliRunner

    from policygap.cli import app

    # three kinds keep it quick: four charts, both documents, one target without figures
    out = tmp_path_factory.mktemp("docx") / "示例.docx"
    r = CliRunner().invoke(app, [str(a) for a in _args("--kind", "level,share,rank", "-o", out)])
    assert r.exit_code == 0, r.output
    return docx.Document(str(out))


def _headings(doc, level):
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def test_docx_headings_by_region_and_document(word):
    assert _headings(word, 1) == ["示例市"]
    assert _headings(word, 2) == ["示例市科技创新三年行动方案(2023-2026)（示科发〔2023〕1号）",
                                  "示例市技术市场提升工作要点（示科发〔2024〕3号）"]
    charts = _headings(word, 3)
    # four targets with a chart; the first document's target without figures under its own heading
    assert charts == ["高新技术企业数量  ≥600家 (2026)", "研发投入强度  ≥2.5% (2026)", "全省科技创新排名  前5位 (2026)",
                      "尚无数据的目标", "技术合同成交额  ≥50亿元 (2025)"]


def test_docx_charts_as_print_images(word):
    from docx.shared import Cm

    shapes = word.inline_shapes
    assert len(shapes) == 4 + 2  # four trajectories, one overview a document
    for s in shapes:
        assert abs(s.width - Cm(16.5)) < Cm(0.01)
    # print resolution: 7 inches at 200 dpi
    blob = shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = word.part.related_parts[blob].image
    assert image.px_width == 1400


def test_docx_summary_table_coloured_status_cells(word):
    from docx.oxml.ns import qn

    from policygap.render.xlsx import STATUS_FILL

    plan = word.tables[0]
    assert [c.text for c in plan.rows[0].cells] == ["指标", "目标", "最新", "完成进度", "序时进度", "状态"]
    assert len(plan.rows) == 4 + 1
    first = plan.rows[1].cells
    assert first[0].text == "高新技术企业数量" and first[-1].text == "滞后"
    fill = first[-1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert fill == STATUS_FILL["behind"][2:]
    fills = {row.cells[-1].text: row.cells[-1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for row in plan.rows[1:]}
    assert fills["严重滞后"] == STATUS_FILL["off_track"][2:] and fills["无数据"] == STATUS_FILL["no_data"][2:]


def test_docx_a4_page_numbers_sentences_quotes(word):
    from docx.shared import Cm

    sec = word.sections[0]
    assert abs(sec.page_width - Cm(21)) < Cm(0.01) and abs(sec.page_height - Cm(29.7)) < Cm(0.01)
    assert "PAGE" in sec.footer.paragraphs[0]._p.xml
    texts = [p.text for p in word.paragraphs]
    assert any(t.startswith("全省科技创新排名：2026年目标进入前5位") for t in texts)
    assert "“全省科技创新排名进入前5位”——示科发〔2023〕1号 一(三)" in texts


def test_english_labels(run, tmp_path):
    out = tmp_path / "sample.html"
    r = run(*_args("--lang", "en", "--kind", "share", "-o", out))
    assert r.exit_code == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "Progress of targets" in page and "observed" in page and "required from now" in page
    assert "R&amp;D intensity (% of GDP): target ≥2.5% by 2026; latest 1.9% (2024)" in page
    assert page.count('<figure class="chart"') == 1


def test_departments_and_unit_filter(run, tmp_path, html_page):
    assert "牵头单位：市科技局；责任单位：市税务局" in html_page
    out = tmp_path / "unit.html"
    r = run(*_args("--unit", "科技局", "-o", out))
    assert r.exit_code == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('<figure class="chart"') == 1 and 'data-target="sample-hitech-2026"' in page


def test_chinese_labels_by_default(html_page):
    from policygap import i18n

    was = i18n.language()
    i18n.set_language("zh")
    try:
        words = [i18n._("Progress of targets"), i18n._("observed"),
                 i18n._("required from now ({rate} a year)").format(rate="12.2%"),
                 i18n._("base {value}").format(value="420家"),
                 i18n._("at the pace so far: {value} by the end of {year}").format(value="556家", year=2026)]
    finally:
        i18n.set_language(was)
    assert "Progress of targets" not in html_page and "observed" not in html_page
    for w in words:
        assert w in html_page and any("\u4e00" <= ch <= "\u9fff" for ch in w), w


# --------------------------------------------------------------------------
# The command


def test_report_needs_html_or_docx(run, tmp_path):
    r = run(*_args("-o", tmp_path / "r.pdf"))
    assert r.exit_code == 2 and ".html" in r.stderr and not (tmp_path / "r.pdf").exists()
    # a folder is named as a folder, with the code every command gives it
    (tmp_path / "out").mkdir()
    r = run(*_args("-o", tmp_path / "out"))
    assert r.exit_code == 2 and "[F030]" in r.stderr


def test_report_without_the_extra_says_how_to_install(run, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    r = run(*_args("-o", tmp_path / "r.html"))
    assert r.exit_code == 2
    assert "pip install 'policygap[report]'" in r.stderr
    assert not (tmp_path / "r.html").exists()


def test_report_unknown_region(run, tmp_path):
    r = run("report", "nowhere", "-o", tmp_path / "r.html")
    assert r.exit_code == 2 and "nowhere" in r.stderr


def test_help_imports_no_plotting_library():
    import subprocess
    import sys

    code = ("import sys\nfrom policygap.cli import main\nsys.argv=['policygap','report','--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "bad=[m for m in ('matplotlib','docx') if m in sys.modules]\nprint('IMPORTED', bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(REPO))
    assert "IMPORTED []" in out.stdout, out.stdout + out.stderr


# --------------------------------------------------------------------------
# Down indicators, a goal already met, a value at zero

DOWN_TARGETS = """\
regions:
  town: {name: 示例县}
indicators:
  energy: {name: 高耗能产业占比, unit: "%", direction: down, measure: stock}
  firms: {name: 科技企业数量, unit: 家, direction: up, measure: stock}
  spend: {name: 科技投入, unit: 亿元, direction: up, measure: stock}
documents:
  plan: {region: town, title: 示例县方案, issued: "2023-03-01"}
targets:
  - {id: energy-2026, region: town, indicator: energy, kind: level, comparator: "<=", value: 0.4, year: 2026,
     source: {document: plan, quote: 高耗能产业占比降至0.4%}}
  - {id: firms-2026, region: town, indicator: firms, kind: level, comparator: ">=", value: 50, year: 2026,
     source: {document: plan, quote: 科技企业达到50家}}
  - {id: spend-2026, region: town, indicator: spend, kind: multiple, comparator: ">=", value: 2, year: 2026,
     source: {document: plan, quote: 科技投入翻番}}
"""
DOWN_BASELINES = """\
region,indicator,period,value,unit,source
town,energy,2022,0.6,%,x
town,energy,2024,0.5,%,x
town,firms,2022,40,家,x
town,firms,2024,52,家,x
town,spend,2022,0,亿元,x
town,spend,2024,1,亿元,x
"""


def _build(paths, as_of="2025-01"):
    from policygap import dataset, periods
    from policygap.assess import Options, assess
    from policygap.cli.options import region_names
    from policygap.render import report_model

    ds = dataset.load(*paths)
    result = assess(ds, Options(as_of=periods.parse_as_of(as_of)), regions=["town"])
    rep = report_model.build(result, ds, ["town"], region_names(ds, "zh"), "zh")
    return {p.record["target_id"]: p for d in rep.regions[0].documents for p in d.targets}


def test_down_indicator_paths_fall(data):
    pages = _build(data(DOWN_TARGETS, DOWN_BASELINES))
    tr = pages["energy-2026"].trajectory
    assert not tr.invert  # only ranks are drawn upside down
    assert _xy(tr.plan) == [(_index("2022"), 0.6), (END_2026, 0.4)]
    assert _xy(tr.now) == [(_index("2024"), 0.5), (END_2026, 0.4)]
    # −0.05 a year for two more years: 0.4, on the goal
    assert tr.projection[-1].value == pytest.approx(0.4)
    assert pages["energy-2026"].bullet.progress == pytest.approx(0.5)  # 0.1 of 0.2


def test_a_year_over_draws_no_line_of_what_is_still_required(data):
    """As of 2027-02 the 2026 goal's year is over without its figure: nothing
    is required any more (the row says so), and the chart draws no 今后所需."""
    pages = _build(data(DOWN_TARGETS, DOWN_BASELINES), as_of="2027-02")
    tr = pages["energy-2026"].trajectory
    assert tr.status in ("no_data", "overdue")
    assert tr.now == []
    assert _xy(tr.plan) == [(_index("2022"), 0.6), (END_2026, 0.4)]


def test_goal_met_draws_no_path_onward(data):
    tr = _build(data(DOWN_TARGETS, DOWN_BASELINES))["firms-2026"].trajectory
    assert tr.status == "achieved"
    assert tr.now == [] and tr.projection == []
    assert _xy(tr.plan) == [(_index("2022"), 40), (END_2026, 50)]


def test_base_of_zero_cannot_compound(data):
    page = _build(data(DOWN_TARGETS, DOWN_BASELINES))["spend-2026"]
    # 翻番 of 0 is 0: a goal equal to the base; whatever is drawn is a figure or a straight line
    tr = page.trajectory
    assert tr.goal is None or tr.goal.value == 0
    assert all(len(line) <= 2 for line in (tr.plan, tr.now, tr.projection))


def test_annual_rise_of_a_stock_draws_each_years_rise(data):
    targets = """\
regions:
  town: {name: 示例县}
indicators:
  firms: {name: 科技企业数量, unit: 家, direction: up, measure: stock}
documents:
  plan: {region: town, title: 示例县方案, issued: "2023-03-01"}
targets:
  - {id: firms-yearly, region: town, indicator: firms, kind: annual, comparator: ">=", value: 20, year: 2025,
     from: 2023, counting: stock, source: {document: plan, quote: 每年新增科技企业20家}}
"""
    baselines = """\
region,indicator,period,value,unit,source
town,firms,2022,100,家,x
town,firms,2023,125,家,x
town,firms,2024,140,家,x
"""
    tr = _build(data(targets, baselines))["firms-yearly"].trajectory
    bars = [(c.year, c.value, None if math.isnan(c.latest) else c.latest, c.status) for c in tr.checkpoints]
    # 2023: 125 − 100 = 25 ≥ 20; 2024: 140 − 125 = 15 < 20, the year is over; 2025: no figure yet
    assert bars == [(2023, 20, 25, "achieved"), (2024, 20, 15, "missed"), (2025, 20, None, "no_data")]


def test_status_colours_follow_the_table_and_workbook():
    from policygap.render import charts
    from policygap.render.xlsx import STATUS_FILL

    for status in ("achieved", "ahead", "on_track", "behind", "off_track", "missed", "no_data"):
        assert charts.status_fill(status) == STATUS_FILL[status][-6:]
    # overdue: red, as the table prints it (the workbook leaves it unfilled)
    assert charts.status_fill("overdue") == STATUS_FILL["missed"][-6:]
    assert charts.status_colour("overdue") == charts.RED
    assert charts.status_colour("behind") == charts.YELLOW and charts.status_colour("no_data") == charts.GREY


CAP_TARGETS = """\
regions:
  town: {name: 示例县}
indicators:
  accidents: {name: 生产安全事故, unit: 起, direction: down, measure: flow}
documents:
  plan: {region: town, title: 示例县方案, issued: "2026-01-10"}
targets:
  - {id: accidents-2026, region: town, indicator: accidents, kind: level, comparator: "<=", value: 40, year: 2026,
     source: {document: plan, quote: 全年事故控制在40起以内}}
"""
CAP_BASELINES = "region,indicator,period,value,unit,source\ntown,accidents,2024,60,起,x\ntown,accidents,2025,52,起,x\n" \
                "town,accidents,2026-09,27,起,x\n"


def test_a_yearly_cap_read_through_its_year_is_drawn_against_the_months(data):
    """事故 ≤40起 a year, 27 by September: the chart runs from 0 at the start of
    the year to the cap at its end (27 by September is within 40 × 9/12 = 30),
    not a 1—9月 figure on the yearly axis after 52 and 60."""
    tr = _build(data(CAP_TARGETS, CAP_BASELINES), as_of="2026-10")["accidents-2026"].trajectory
    assert tr.style == "ytd"
    start = 2025 * 12 + 12
    assert _xy(tr.plan) == [(start, 0), (start + 12, 40)]
    assert _xy(tr.observed) == [(_index("2026-09"), 27)]


# --------------------------------------------------------------------------
# What a reader sees in the charts: the bullet's line, labels apart and
# whole, whole-number axes, figures written as the table writes them

TOWN_TARGETS = """\
regions:
  town: {name: 示例县}
indicators:
  rank: {name: 县域创新能力全省排名, unit: 位, direction: down, measure: stock}
  inst: {name: 新型研发机构数量, unit: 家, measure: stock}
  talent: {name: 引进高层次人才, unit: 人, measure: flow}
  accidents: {name: 生产安全事故起数, unit: 起, direction: down, measure: flow}
  smes: {name: 科技型中小企业数量, unit: 家, measure: stock}
documents:
  plan: {region: town, title: 示例县方案, issued: "2023-06-15"}
targets:
  - {id: rank-2026, region: town, indicator: rank, kind: rank, comparator: "<=", value: 20, year: 2026,
     source: {document: plan, quote: 全省排名进入前20名}}
  - {id: inst-2027, region: town, indicator: inst, kind: level, comparator: ">=", value: 3, year: 2027,
     source: {document: plan, quote: 新型研发机构达到3家}}
  - {id: talent-2027, region: town, indicator: talent, kind: increase, comparator: ">=", value: 500, year: 2027,
     from: 2023, source: {document: plan, quote: 累计引进高层次人才500人以上}}
  - {id: accidents-2026, region: town, indicator: accidents, kind: level, comparator: "<=", value: 5, year: 2026,
     source: {document: plan, quote: 全年生产安全事故控制在5起以内}}
  - {id: smes-2027, region: town, indicator: smes, kind: multiple, comparator: ">=", value: 2, year: 2027,
     source: {document: plan, quote: 科技型中小企业数量实现翻番}}
"""
TOWN_BASELINES = """\
region,indicator,period,value,unit,source
town,rank,2022,35,位,x
town,rank,2024,28,位,x
town,rank,2025,24,位,x
town,inst,2022,0,家,x
town,inst,2025,2,家,x
town,inst,2026-11,3,家,x
town,talent,2023,120,人,x
town,talent,2024,0,人,x
town,talent,2025,150,人,x
town,talent,2026-11,100,人,x
town,accidents,2022,7,起,x
town,accidents,2025,6,起,x
town,accidents,2026-10,4,起,x
town,accidents,2026-11,5,起,x
town,smes,2022,40,家,x
town,smes,2025,55,家,x
"""


@pytest.fixture
def plt():
    from policygap.render import charts

    return charts._pyplot(True)


@pytest.fixture
def zh():
    """The charts' words in Chinese (conftest forgets the language after the test)."""
    from policygap import i18n

    i18n.set_language("zh")


def _drawn(fig):
    """The renderer of a figure laid out as it is saved."""
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _boxes(texts, renderer):
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text()]


def _apart_and_inside(fig, boxes):
    """No two texts overlap, and each lies wholly within the figure."""
    import itertools

    frame = fig.bbox
    for (a, ba), (b, bb) in itertools.combinations(boxes, 2):
        assert not ba.overlaps(bb), (a, b)
    for text, b in boxes:
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1, text


def test_bullet_line_stands_at_the_pace_the_gap_is_measured_against(report, plt):
    """A growth target (年均增长10%) and a doubling (翻番) are judged against
    路径进度: their bullet's black line stands there (marked §), so that the
    bar less the line is the gap; every other row's at 序时进度."""
    from policygap.render import charts, fmt
    from policygap.render.words import PATH_MARK, pace

    doc = report.regions[0].documents[0]
    records = {p.record["target_id"]: p.record for p in doc.targets}
    bullets = doc.bullets()
    fig = charts.bullets_figure(plt, bullets)
    ax = fig.axes[0]
    # the black line of row i (drawn at y = n − 1 − i, from y − 0.36 to y + 0.36)
    lines = {round(sum(line.get_ydata()) / 2): line.get_xdata() for line in ax.lines
             if line.get_color() == "#111111"}
    marks = [t for t in ax.texts if t.get_text() == PATH_MARK]
    plt.close(fig)
    on_path = []
    for i, b in enumerate(bullets):
        rec = records[b.target_id]
        xs = lines.get(len(bullets) - 1 - i)
        if fmt.is_missing(pace(rec)):
            assert xs is None, b.target_id
            continue
        assert xs[0] == xs[1] == pytest.approx(pace(rec)), b.target_id
        if not fmt.is_missing(rec["path_progress"]):
            on_path.append(b.target_id)
            assert xs[0] == pytest.approx(rec["path_progress"])
            assert abs(xs[0] - rec["expected_progress"]) > 0.02  # not 序时进度
            assert rec["gap_points"] == pytest.approx((rec["progress"] - xs[0]) * 100)
        else:
            assert xs[0] == pytest.approx(rec["expected_progress"]), b.target_id
    assert sorted(on_path) == ["sample-listed-2026", "sample-rd-growth-2026"]
    assert len(marks) == 2


def test_labels_of_latest_and_goal_never_overlap(data, plt, zh):
    """生产安全事故 ≤5起 a year, read through the year: 5起 by November (the
    goal's value a month before the goal's star) and 4起 by October. The
    labels 最新 and 目标 stand apart, each within the figure and nearer its
    own point than the other."""
    from policygap.render import charts

    paths = data(TOWN_TARGETS, TOWN_BASELINES)
    for as_of, latest in (("2026-11", 5), ("2026-10", 4)):
        tr = _build(paths, as_of=as_of)["accidents-2026"].trajectory
        assert tr.style == "ytd" and tr.latest.value == latest and tr.goal.value == 5
        fig = charts.trajectory_figure(plt, tr)
        renderer = _drawn(fig)
        ax = fig.axes[0]
        labels = [t for t in ax.texts if t.get_text()]
        assert sorted(t.get_text() for t in labels) == [f"最新 {latest}起", "目标 5起"]
        _apart_and_inside(fig, _boxes(labels, renderer))
        points = [ax.transData.transform(t.xy) for t in labels]
        for t, own, other in ((labels[0], points[0], points[1]), (labels[1], points[1], points[0])):
            b = t.get_window_extent(renderer)
            centre = ((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2)
            assert math.dist(centre, own) < math.dist(centre, other), (as_of, t.get_text())
        plt.close(fig)


def test_no_chart_prints_labels_over_each_other(report, data, plt):
    """Every chart of the sample and of the town: its labels apart and whole."""
    from policygap.render import charts

    pages = [*_pages(report).values(), *_build(data(TOWN_TARGETS, TOWN_BASELINES), as_of="2026-11").values()]
    for page in pages:
        if page.trajectory is None:
            continue
        fig = charts.trajectory_figure(plt, page.trajectory)
        renderer = _drawn(fig)
        _apart_and_inside(fig, _boxes(fig.axes[0].texts, renderer))
        plt.close(fig)


def test_status_bar_labels_are_whole(plt, zh):
    """Fifteen targets in seven statuses (the user's 青禾县): a segment of one
    target is too narrow for 严重滞后 1; it is named in the legend under the
    bar. Every status is named once with its count, each name within its
    segment or in the legend, none over another, all within the figure."""
    from policygap.render import charts
    from policygap.render.words import status_word

    counts = {"achieved": 1, "on_track": 2, "behind": 7, "off_track": 1, "missed": 2, "overdue": 1, "no_data": 1}
    for shown in (counts, {"behind": 3, "off_track": 1}, {"on_track": 1}):
        fig = charts.counts_figure(plt, shown)
        renderer = _drawn(fig)
        ax = fig.axes[0]
        inside = _boxes(ax.texts, renderer)
        legend = _boxes(fig.legends[0].get_texts(), renderer) if fig.legends else []
        assert sorted(t for t, _b in inside + legend) == sorted(f"{status_word(s)} {n}" for s, n in shown.items())
        segments = [p.get_window_extent(renderer) for p in ax.patches]
        assert len(segments) == len(shown)
        for text, b in inside:  # wholly within the segment under it
            (seg,) = [s for s in segments if s.x0 <= (b.x0 + b.x1) / 2 <= s.x1]
            assert seg.x0 <= b.x0 and b.x1 <= seg.x1 and seg.y0 <= b.y0 and b.y1 <= seg.y1, text
        _apart_and_inside(fig, inside + legend)
        plt.close(fig)
    fig = charts.counts_figure(plt, counts)
    assert f"{status_word('off_track')} 1" not in [t.get_text() for t in fig.axes[0].texts]  # too narrow: legend
    plt.close(fig)


def test_a_rank_or_a_count_has_whole_number_ticks(data, plt):
    """No 22.5th place, no 2.5家: a rank (35th → 24th, goal 20th) and a count
    of 0 → 3家 tick whole numbers only; 亿元, 万人 and % keep any tick."""
    from policygap.render import charts
    from policygap.render.report_model import Trajectory

    pages = _build(data(TOWN_TARGETS, TOWN_BASELINES), as_of="2026-11")
    for tid in ("rank-2026", "inst-2027", "talent-2027", "accidents-2026", "smes-2027"):
        fig = charts.trajectory_figure(plt, pages[tid].trajectory)
        _drawn(fig)
        ax = fig.axes[0]
        lo, hi = sorted(ax.get_ylim())
        ticks = [t for t in ax.yaxis.get_majorticklocs() if lo <= t <= hi]
        assert len(ticks) >= 2 and all(t == int(t) for t in ticks), (tid, ticks)
        plt.close(fig)
    counted = lambda kind, unit: charts._counted(Trajectory("t", kind, "time", unit, "behind"))  # noqa: E731
    assert counted("rank", "位") and counted("level", "家") and counted("level", "起") and counted("increase", "项")
    assert not any(counted("level", u) for u in ("亿元", "万人", "%", "个百分点", "吨标准煤/万元", ""))


def test_legend_figures_as_the_table_writes_them(report, data, plt):
    """每年 +120人, not +120.00人: the change a year in the legend is rounded
    as the table rounds it, without trailing zeros."""
    from policygap.render import charts

    def legend(tr):
        fig = charts.trajectory_figure(plt, tr)
        texts = [t.get_text() for t in fig.legends[0].get_texts()]
        plt.close(fig)
        return texts

    talent = legend(_build(data(TOWN_TARGETS, TOWN_BASELINES), as_of="2026-11")["talent-2027"].trajectory)
    assert any("+120人" in t for t in talent), talent
    rank = legend(_pages(report)["sample-rank-2026"].trajectory)
    assert any("up 0.5 places a year" in t for t in rank), rank  # in words, as the table: not −0.5
    share = legend(_pages(report)["sample-rd-intensity-2026"].trajectory)
    assert any("+0.3" in t for t in share), share
    for text in talent + rank + share:
        assert ".00" not in text and ".30" not in text and ".50" not in text, text


def test_no_path_the_goal_requires_from_a_base_that_already_met_it(data):
    """Rank 8th at the base against 前10, 12th now: judged on whether the goal
    is met, so no straight line from 8th down to 10th as if the plan asked to
    slip; the dotted line from now (12th → 10th) stays."""
    targets = TOWN_TARGETS.split("targets:")[0] + """targets:
  - {id: r, region: town, indicator: rank, kind: rank, comparator: "<=", value: 10, year: 2027,
     source: {document: plan}}
"""
    tr = _build(data(targets, "region,indicator,period,value\ntown,rank,2022,8\ntown,rank,2024,12\n"),
                as_of="2025-03")["r"].trajectory
    assert tr.plan == []
    assert [p.value for p in (tr.now[0], tr.now[-1])] == [12, 10]


def test_a_rank_in_a_label_is_a_whole_place():
    from policygap.render import charts

    assert charts._value(21.72, "位") == "22位" and charts._value(34.436, "家") == "34.44家"


def test_the_legend_in_the_goals_own_year_says_still_needed_this_year():
    """Less than a year before the goal the dotted line is what is still
    needed by its end (年内尚需), not a rate a year (今后所需（年均…）)."""
    from policygap.render import charts
    from policygap.render.report_model import Point, Trajectory

    tr = Trajectory(target_id="t", kind="level", style="time", unit="家", status="behind")
    tr.latest, tr.goal = Point(2026 * 12 + 6, 110), Point(2026 * 12 + 12, 120)
    tr.required_growth = 120 / 110 - 1
    assert "still needed this year" in charts._required_label(tr) and "a year)" not in charts._required_label(tr)
    tr.latest = Point(2025 * 12 + 6, 100)
    assert "a year" in charts._required_label(tr)


def test_the_summary_tables_headings_stay_on_one_line():
    """完成进度, not 完成进/度, in a narrow page (the browser test shows the page)."""
    import re

    from policygap.render import report_html

    rule = re.search(r"table\.summary th \{([^}]*)\}", report_html.CSS).group(1)
    assert "white-space: nowrap" in rule


INCREASE_TARGETS = DOWN_TARGETS.split("targets:\n")[0].replace(
    "indicators:\n", "indicators:\n  platforms: {name: 省级平台数量, unit: 个}\n"
                     "  deals: {name: 技术合同成交额, unit: 亿元, measure: flow}\n", 1) + """targets:
  - {id: platforms-2026, region: town, indicator: platforms, kind: increase, comparator: ">=", value: 10, year: 2026,
     source: {document: plan, quote: 新增省级平台10个}}
  - {id: deals-2025, region: town, indicator: deals, kind: level, comparator: ">=", value: 3, year: 2025,
     source: {document: plan, quote: 技术合同成交额达到3亿元}}
"""


def test_the_summary_table_says_what_its_latest_figure_counts(data):
    """新增≥10个 beside 17个 read as 17 added; a June total beside a year's goal
    read as the year's figure: the cell says 已新增5个, 1月以来累计."""
    paths = data(INCREASE_TARGETS, "region,indicator,period,value,unit,source\ntown,platforms,2022,12,个,x\n"
                                    "town,platforms,2025-06,17,个,x\ntown,deals,2022,2,亿元,x\n"
                                    "town,deals,2025-06,1.2,亿元,x\n")
    pages = _build(paths, as_of="2025-07")
    assert pages["platforms-2026"].bullet.latest_text == "17个 (2025-06) 已新增5个"
    assert pages["deals-2025"].bullet.latest_text == "1.2亿元 (2025-06) 1月以来累计"


def test_the_reports_latest_figure_is_marked_only_when_it_is_provisional(run, data, tmp_path):
    """The base (约1000, 2023) is an estimate, the latest (1100, 2024) is not:
    neither the summary nor the chart's latest point says 初步数 of 1,100家."""
    from conftest import FIRMS_HEAD

    t, b = data(FIRMS_HEAD + "  - {id: lv, region: x, indicator: firms, kind: level, comparator: '>=', value: 1500,"
                             " year: 2027, base: {period: 2023}, source: {document: d}}\n",
                "region,indicator,period,value\nx,firms,2023,约1000\nx,firms,2024,1100\n")
    out = tmp_path / "r.html"
    r = run("report", "x", "--targets", t, "--baselines", b, "--as-of", "2025-07", "-o", out)
    assert r.exit_code == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "1,100家 (2024)" in page and "1,100家 (2024)*" not in page


def test_a_negative_axis_tick_has_a_true_minus(data):
    """−600, as the table and the sentences write it, not the hyphen -600."""
    from policygap.render import charts

    targets = TOWN_TARGETS.split("targets:")[0].replace(
        "smes: {name: 科技型中小企业数量, unit: 家, measure: stock}",
        "smes: {name: 科技型中小企业数量, unit: 家, measure: stock}\n  bal: {name: 技术贸易差额, unit: 亿元, measure: stock}") + \
        "targets:\n  - {id: n, region: town, indicator: bal, kind: level, comparator: \">=\", value: 300, year: 2027,\n" \
        "     source: {document: plan}}\n"
    tr = _build(data(targets, "region,indicator,period,value\ntown,bal,2022,-500\ntown,bal,2024,-100\n"),
                as_of="2025-03")["n"].trajectory
    svg = charts.svg(charts.trajectory_figure, tr)
    assert "\u2212400" in svg and ">-400<" not in svg


def test_a_long_report_says_how_far_it_is_on_a_terminal_only(report, monkeypatch):
    """图表 10/40 … written over itself on a terminal's stderr while the charts
    are drawn; nothing when stderr is a pipe or a file (cron)."""
    import io

    from policygap.cli import report as report_cli
    from policygap.render import charts, report_html

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    total = report_cli._chart_count(report)
    assert total > 1
    monkeypatch.setattr(report_cli, "PROGRESS_FROM", 1)
    monkeypatch.setattr(report_cli.sys, "stderr", io.StringIO())
    assert report_cli._progress(report) is None
    screen = Terminal()
    monkeypatch.setattr(report_cli.sys, "stderr", screen)
    with charts.counting(report_cli._progress(report)):
        report_html.render(report)
    text = screen.getvalue()
    assert text.startswith("\r") and text.endswith(f" {total}/{total}") and "\n" not in text, text
