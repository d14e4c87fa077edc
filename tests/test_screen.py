"""The table at a terminal's width, grouped as the documents are.

Widths are counted as a terminal shows them: a Chinese character takes two
columns. The layout is checked in-process at several widths, and once for
real through a pseudo-terminal at 80 and 120 columns.
"""

from __future__ import annotations

import os
import re
import sys

import pytest

from conftest import FIRMS_HEAD
from policygap import dataset, periods
from policygap.assess import Options, assess
from policygap.cli.output import documents
from policygap.cli.options import region_names
from policygap.render import grid, table

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def ds():
    return dataset.load(None, None)


def anshan_blocks(ds, lang="zh", as_of="2024-06"):
    result = assess(ds, Options(as_of=periods.parse_as_of(as_of)), regions=["anshan"])
    return table.build(result, region_names(ds, lang), lang=lang, documents=documents(ds))


def widest(text: str) -> int:
    return max(grid.width(ANSI.sub("", line)) for line in text.splitlines())


# --------------------------------------------------------------------------
# Display width and wrapping


def test_width_counts_chinese_as_two():
    assert grid.width("鞍山市") == 6
    assert grid.width("≥600家") == 6  # ≥ is narrow, 家 wide
    assert grid.width("abc") == 3
    assert grid.width("（2025）") == 8  # full-width brackets


@pytest.mark.parametrize("cols", [4, 6, 9, 13])
def test_wrap_never_cuts_a_number_or_a_word(cols):
    text = "高新技术企业达到600家，技术合同成交额15.98亿元 gross R&D spending 2024-04"
    lines = grid.wrap(text, cols)
    joined = "".join(lines).replace(" ", "")
    assert joined == text.replace(" ", "")
    for token in ("600家，", "15.98亿", "gross", "spending", "2024-04"):
        assert any(token in line for line in lines), (token, lines)
    assert all(grid.width(x) <= cols or " " not in x for x in lines)


def test_wrap_keeps_marks_and_ids_whole():
    assert grid.tokens("名称 [≠二]") == ["名", "称", " ", "[≠二]"]
    assert grid.tokens("anshan-hitech-firms-2025", "ids") == ["anshan-", "hitech-", "firms-", "2025"]
    assert grid.tokens("495家 (2024-04)†", "spaces") == ["495家", " ", "(2024-04)†"]


# --------------------------------------------------------------------------
# Widths


@pytest.mark.parametrize("room", [80, 100, 120, 160, 220])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_fits_the_terminal(ds, room, lang):
    text = table.render(anshan_blocks(ds, lang), room)
    assert widest(text) <= room


def test_compact_layout_at_80_keeps_the_planner_columns(ds):
    text = table.render(anshan_blocks(ds), 80)
    head = "\n".join(text.splitlines()[3:5])  # the first section's heading (two lines when narrow)
    for word in ("指标", "目标", "最新", "完成", "序时", "差值", "状态"):
        assert word in head, head
    assert "实际年均" not in text and "基期" not in head
    # the figures of the one target with data are all there, uncut
    row = next(x for x in text.splitlines() if x.startswith("高新技术企业数量"))
    for figure in ("≥600家", "495家 (2024-04)", "17.3%", "44.4%", "−27.1", "滞后"):
        assert figure in row, row


@pytest.mark.parametrize("room", [80, 100])
def test_the_name_keeps_its_width_when_a_status_carries_a_milestone(ds, room):
    """At 80 columns a status with its milestone (滞后 2023年节点 数据逾期) and
    a figure with its period wrap onto more lines; the indicator's name is
    not squeezed to three characters a line to keep them on one."""
    result = assess(ds, Options(as_of=periods.parse_as_of("2024-06")))
    text = table.render(table.build(result, region_names(ds, "zh"), lang="zh", documents=documents(ds)), room)
    assert "2023年节点" in text
    rules = [ANSI.sub("", line) for line in text.splitlines() if line.startswith(grid.RULE)]
    assert rules
    for rule in rules:  # the rule under a heading: the name column's width first
        assert len(rule.split()[0]) >= table.NAME_FLOOR, rule
    assert widest(text) <= room


def test_spare_room_goes_to_the_name_up_to_its_floor_first():
    name = grid.Column("name", "指标", wrap="text", floor=16, cells=["高新技术企业数量"])
    latest = grid.Column("latest", "最新", align="right", wrap="spaces", cells=["495家 (2024-04)"])
    status = grid.Column("status", "状态", wrap="spaces", cells=["滞后 2023年节点 数据逾期"])
    shown, widths = grid.fit([name, latest, status], 40)
    assert widths[0] == 16 and sum(widths) + 4 <= 40
    # with room for all on one line, every column has its natural width
    shown, widths = grid.fit([name, latest, status], 80)
    assert widths == [16, 15, 24]


@pytest.mark.parametrize("room", [80, 100, 120])
def test_every_section_of_a_region_shows_the_same_columns(ds, room):
    """A column one document's section must drop to fit is dropped from the
    others too: a reader compares the sections line by line."""
    blocks = anshan_blocks(ds)
    assert len(blocks[0].sections) > 1
    shown = [[c.key for c in s.columns if c.key in table._common_columns(blocks[0].sections, room)]
             for s in blocks[0].sections]
    assert all(keys == shown[0] for keys in shown)
    text = table.render(blocks, room)
    headings = [line for line in text.splitlines() if line.startswith("指标")]
    assert len(headings) == len(blocks[0].sections)
    words = [line.split() for line in headings]
    assert all(w == words[0] for w in words), headings


def test_full_layout_when_there_is_room_or_when_written_to_a_file(ds):
    wide = table.render(anshan_blocks(ds), 240)
    piped = table.render(anshan_blocks(ds), None)
    for text in (wide, piped):
        head = text.splitlines()[3]
        for word in ("基期", "今后需年均", "实际年均", "完成进度", "序时进度", "差值(百分点)"):
            assert word in head
    assert widest(piped) > 160  # the natural width, not cut to any terminal
    assert "\x1b[" not in piped


def test_english_words_are_never_broken(ds):
    text = table.render(anshan_blocks(ds, "en"), 80)
    words = {w for line in text.splitlines() for w in line.split()}
    for name in ("high-tech", "enterprises", "fledgling/gazelle/unicorn", "innovation"):
        assert name in words
    assert not any(w in words for w in ("indicato", "enterpri"))


# --------------------------------------------------------------------------
# Grouped as the documents are


def test_one_section_per_document_in_the_documents_order(ds):
    blocks = anshan_blocks(ds)
    (block,) = blocks
    assert block.title == "鞍山市"
    headings = [s.heading for s in block.sections]
    assert headings == [
        "一、科技人才支撑塑造发展新动能专项行动工作方案（鞍科办〔2023〕18号，2023—2025年）",
        "二、落实“创新提升工程”的实施方案（2023—2025年）",
    ]
    talent = ds.defs.targets[ds.defs.targets["document"] == "anshan-talent-2023"]
    names = ds.defs.indicators["name"]
    first = block.sections[0].columns[0].cells
    assert [re.sub(r" \[.*\]$", "", c) for c in first] == [names[i] for i in talent["indicator"]]


def test_a_goal_two_documents_set_differently_is_marked_and_cross_referenced(ds):
    block = anshan_blocks(ds)[0]
    one, two = block.sections
    names = one.columns[0].cells
    assert "技术合同成交额 [≠二]" in names  # 20亿元 here, 20.3亿元 in 二
    assert "高新技术企业数量 [同二]" in names  # ≥600家 (2025) in both
    assert "技术合同成交额 [≠一]" in two.columns[0].cells
    note = next(n for n in one.notes if "技术合同成交额" in n)
    assert "≥20亿元 (2025)" in note and "二 ≥20.3亿元 (2025)" in note
    assert any("[≠N]" in n for n in block.notes)  # the legend says what the mark means


def test_targets_are_grouped_and_cross_referenced_too(run):
    r = run("targets", "anshan")
    assert r.exit_code == 0
    out = r.stdout
    assert out.index("一、科技人才支撑") < out.index("二、落实“创新提升工程”")
    assert "技术合同成交额 [≠二]" in out and "≠ 技术合同成交额" in out
    assert "anshan-hitech-firms-2025" in out and "高新技术企业达到600家" in out


@pytest.mark.parametrize("room", [80, 100])
def test_targets_at_a_narrow_terminal_keep_each_id_whole_on_its_own_line(run, monkeypatch, room):
    """An id broken at its hyphens (anshan-tech- / contract-value-2025)
    cannot be copied into `explain`: when the id column would wrap, each id
    stands whole above its row."""
    monkeypatch.setattr(table, "terminal_room", lambda stream: room)
    monkeypatch.setattr(table, "wants_colour", lambda stream: False)
    out = run("targets", "anshan").stdout
    ids = [line for line in out.splitlines() if line.startswith("anshan-")]
    assert "anshan-tech-contract-value-2025" in ids and "anshan-rd-spending-2025-growth" in ids
    assert len(ids) == len(dataset.load(None, None).defs.targets.query("region == 'anshan'"))
    assert widest(out) <= room
    row = out.splitlines()[out.splitlines().index("anshan-hitech-firms-2025") + 1]
    assert row.startswith("高新技术企业数量") and "≥600家" in row


def test_targets_with_room_keep_the_id_column(run, monkeypatch):
    monkeypatch.setattr(table, "terminal_room", lambda stream: 240)
    monkeypatch.setattr(table, "wants_colour", lambda stream: False)
    out = run("targets", "anshan").stdout
    assert "目标编号" in out
    assert any(line.startswith("anshan-hitech-firms-2025 ") and "≥600家" in line for line in out.splitlines())


def test_grouping_key_is_a_parameter():
    recs = [{"indicator": "a", "unit_name": "科技局", "target_year": 2025},
            {"indicator": "b", "unit_name": "统计局", "target_year": 2025},
            {"indicator": "c", "unit_name": "科技局", "target_year": 2025}]
    groups = table.group_records(recs, by="unit_name", lang="zh")
    assert [g.heading for g in groups] == ["一、科技局", "二、统计局"]
    assert [[r["indicator"] for r in g.records] for g in groups] == [["a", "c"], ["b"]]


def test_short_title():
    assert table.short_title("鞍山市科技局关于落实“创新提升工程”的实施方案") == "落实“创新提升工程”的实施方案"
    assert table.short_title("辽阳市科技强市行动方案(2017-2020)") == "科技强市行动方案"


# --------------------------------------------------------------------------
# A real terminal


def _in_terminal(args, cols: int) -> str:
    """Run policygap in a pseudo-terminal ``cols`` wide; its screen output."""
    import fcntl
    import struct
    import subprocess
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm", POLICYGAP_LANG="zh")
    proc = subprocess.Popen([sys.executable, "-m", "policygap", *args], stdin=slave, stdout=slave,
                            stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed: the program ended
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminal sizes via termios")
@pytest.mark.parametrize("cols", [80, 120])
def test_in_a_pseudo_terminal_no_line_is_longer_than_the_width(cols):
    out = _in_terminal(["status", "anshan", "--as-of", "2024-06"], cols)
    assert "高新技术企业数量" in out and "\x1b[" in out  # a terminal: coloured
    assert widest(out) <= cols


GROWTH_TARGETS = """\
regions:
  x: {name: 某县}
indicators:
  rd: {name: 全社会研发经费投入, unit: 亿元, direction: up, measure: flow}
documents:
  d: {region: x, title: 方案, issued: "2023-03-01"}
targets:
  - {id: rd-growth, region: x, indicator: rd, kind: growth_rate, comparator: ">=", value: 10, year: 2026,
     base: {period: "2022"}, source: {document: d}}
"""
GROWTH_BASELINES = "region,indicator,period,value,unit,source\nx,rd,2022,100,亿元,x\nx,rd,2024,115,亿元,x\n"


def test_a_compound_target_shows_the_pace_its_gap_is_measured_against(run, data, monkeypatch):
    """Hand-worked before running: B 100 (2022), +10% a year to 2026, V = 100 × 1.1^4 = 146.41;
    L 115 (2024): progress 15/46.41 = 32.32%; 序时进度 2/4 = 50%; 路径进度
    (1.1^2 − 1)/(1.1^4 − 1) = 0.21/0.4641 = 45.25%; gap 32.32 − 45.25 = −12.93 → 滞后.
    The row must add up: progress − the pace shown = the gap shown."""
    t, b = data(GROWTH_TARGETS, GROWTH_BASELINES)
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    out = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2025-06").stdout
    row = next(line for line in out.splitlines() if line.startswith("全社会研发经费投入"))
    assert "32.3%" in row and "45.2%§" in row and "−12.9" in row and "滞后" in row and "50.0%" not in row
    assert "§ 按复合增长路径计的序时进度" in out


@pytest.mark.parametrize("args", [["check", "anshan"], ["status", "anshan", "-f", "text"],
                                  ["explain", "anshan", "anshan-hitech-firms-2025"]])
def test_check_text_and_explain_fit_a_narrow_terminal(run, monkeypatch, args):
    """At a terminal their long lines wrap at its width, continued under an
    indent, ids and numbers whole; into a file or a pipe they stay one line each."""
    monkeypatch.setattr(table, "terminal_room", lambda stream: 80)
    monkeypatch.setattr(table, "wants_colour", lambda stream: False)
    out = run(*args, "--as-of", "2024-06").stdout
    assert widest(out) <= 80
    assert "anshan-rd-spending-2025-growth" in out or args[0] == "explain" or "研发" in out
    monkeypatch.setattr(table, "terminal_room", lambda stream: None)
    assert widest(run(*args, "--as-of", "2024-06").stdout) > 80


def test_a_failing_line_at_a_narrow_terminal_keeps_each_figure_with_its_unit(run, data, monkeypatch):
    """check's line wraps between words where it can: 0.52吨标准煤/万元 stays
    whole at 80 columns (not 0.52吨标准 / 煤/万元); a word wider than the
    room still breaks."""
    energy = ("regions:\n  x: {name: 某县}\nindicators:\n  e: {name: 单位GDP能耗, unit: 吨标准煤/万元, direction: down}\n"
              "documents:\n  d: {region: x, title: 方案, issued: \"2023-03-01\"}\ntargets:\n"
              "  - {id: T08-energyint, region: x, indicator: e, kind: level, comparator: \"<=\", value: 0.5, "
              "year: 2025, source: {document: d}}\n")
    t, b = data(energy, "region,indicator,period,value\nx,e,2022,0.48\nx,e,2024,0.52\n")
    monkeypatch.setattr(table, "wants_colour", lambda stream: False)
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    for room in (80, 60, 30):
        monkeypatch.setattr(table, "terminal_room", lambda stream, room=room: room)
        out = run("check", "x", "--targets", t, "--baselines", b, "--as-of", "2025-07").stdout
        assert widest(out) <= room
        if room == 80:
            assert "0.52吨标准煤/万元" in out and "0.5吨标准煤/万元" in out, out
        if room >= 60:  # narrower, a compound unit may break after its slash only (docs/screen.md)
            assert out.count("吨标准煤/") == 2, out


def test_explain_breaks_a_formula_before_an_equals_sign_at_a_narrow_terminal(run, monkeypatch):
    """At 60 columns each of n, e and r stands on its own line, and a chain
    of steps goes on under its indent from an "=": no term is cut in two."""
    monkeypatch.setattr(table, "terminal_room", lambda stream: 60)
    monkeypatch.setattr(table, "wants_colour", lambda stream: False)
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    lines = run("explain", "anshan", "anshan-hitech-firms-2025", "--as-of", "2024-06").stdout.splitlines()
    assert widest("\n".join(lines)) <= 60
    for part in ("n = 2022 → 2025: 36/12 = 3 年", "e = 2022 → 2024-04: 16/12 = 1.3333", "r = n − e = 1.6667"):
        assert "  " + part in lines
    i = lines.index("  今后需年均增速 = (V/L)^(1/r) − 1")
    assert lines[i + 1] == "      = (600/495)^(1/1.6667) − 1 = 12.2348%"
    # a figure with its label is not a chain: it wraps between words as before
    assert any(line.startswith("  L  最新 = 495家 @ 2024-04") for line in lines)


LONG_UNIT_TARGETS = """\
regions:
  x: {name: 某县}
indicators:
  energy: {name: 单位地区生产总值能耗, unit: 吨标准煤/万元, direction: down, measure: stock}
  smes: {name: 科技型中小企业数量, unit: 家, direction: up, measure: stock}
documents:
  d: {region: x, title: 方案, issued: "2023-03-01"}
targets:
  - {id: energy-cap, region: x, indicator: energy, kind: level, comparator: "<=", value: 0.5, year: 2026,
     source: {document: d}}
  - {id: smes, region: x, indicator: smes, kind: level, comparator: ">=", value: 300, year: 2026, source: {document: d}}
"""
LONG_UNIT_BASELINES = ("region,indicator,period,value,unit,source\nx,energy,2022,0.6,吨标准煤/万元,x\n"
                       "x,energy,2024,0.56,吨标准煤/万元,x\nx,smes,2022,200,家,x\nx,smes,2024,250,家,x\n")


def test_a_long_compound_unit_breaks_at_its_slash_before_the_name_is_squeezed(run, data, monkeypatch):
    """≤0.5吨标准煤/万元 and 0.56吨标准煤/万元 (2024) at 80 columns: the unit breaks
    after its / (吨标准煤/ 万元), the name keeps 16 columns, numbers stay whole."""
    t, b = data(LONG_UNIT_TARGETS, LONG_UNIT_BASELINES)
    monkeypatch.setattr(table, "terminal_room", lambda stream: 80)
    monkeypatch.setattr(table, "wants_colour", lambda stream: False)
    out = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2025-06", "--lang", "zh").stdout
    assert widest(out) <= 80
    rule = next(line for line in out.splitlines() if line.startswith(grid.RULE))
    assert len(rule.split()[0]) >= table.NAME_FLOOR, out
    assert "单位地区生产总值" in out and "0.56吨标准煤/" in out and "40.0%" in out and "−10.0" in out


TIE_TARGETS = FIRMS_HEAD + """\
  - {id: firms, region: x, indicator: firms, kind: level, comparator: ">=", value: 500, year: 2024,
     base: {period: "2022"}, source: {document: d}}
"""
TIE_BASELINES = "region,indicator,period,value,unit,source\nx,firms,2022,100,家,x\nx,firms,2023,281,家,x\n"


def test_a_row_adds_up_when_its_figures_land_on_a_tie(run, data):
    """Hand-worked: 100 (2022) → ≥500 by 2024; 281 in 2023: progress 181/400 = 45.25% → 45.3%;
    序时进度 1/2 = 50.0%; the gap shown is 45.3 − 50.0 = −4.7 (the unrounded −4.75 would show −4.8);
    status on the unrounded gap: −4.75 ≥ −10 → 符合序时."""
    t, b = data(TIE_TARGETS, TIE_BASELINES)
    args = ("--targets", t, "--baselines", b, "--as-of", "2024-01", "--lang", "zh")
    row = next(x for x in run("status", "x", *args).stdout.splitlines() if x.startswith("高新技术企业数量"))
    assert "45.3%" in row and "50.0%" in row and "−4.7" in row and "符合序时" in row, row
    assert "低于序时进度4.7个百分点" in run("status", "x", *args, "-f", "text").stdout
    assert run("status", "x", *args, "-f", "json").json()[0]["gap_points"] == -4.75  # the machine keeps it exact


def test_an_opening_bracket_never_ends_a_line():
    assert grid.tokens("现90吨（2023年），")[-1] == "（2023年），"
    assert all(not line.endswith("（") for width in range(4, 30)
               for line in grid.wrap("高新技术企业数量：现90吨（2023年），完成进度45.3%（路径进度）", width))


YTD_TARGETS = """\
regions:
  x: {name: 某县}
indicators:
  rd: {name: 全社会研发经费投入, unit: 亿元, direction: up, measure: flow}
  accidents: {name: 生产安全事故起数, unit: 起, direction: down, measure: flow}
  trained: {name: 技术人才培训人次, unit: 人次, direction: up, measure: flow}
documents:
  d: {region: x, title: 方案, issued: "2023-03-01"}
targets:
  - {id: rd-growth, region: x, indicator: rd, kind: growth_rate, comparator: ">=", value: 10, year: 2026,
     source: {document: d}}
  - {id: accident-cap, region: x, indicator: accidents, kind: level, comparator: "<=", value: 5, year: 2026,
     source: {document: d}}
  - {id: trained, region: x, indicator: trained, kind: annual, comparator: ">=", value: 2000, year: 2026, from: 2025,
     source: {document: d}}
"""
YTD_BASELINES = """\
region,indicator,period,value,unit,source
x,rd,2022,3,亿元,x
x,rd,2026-09,2.9,亿元,x
x,accidents,2022,7,起,x
x,accidents,2026-10,4,起,x
x,trained,2025,2100,人次,x
x,trained,2026-09,1600,人次,x
"""


def test_a_year_to_date_row_shows_the_base_and_pace_its_figures_use(run, data, monkeypatch):
    """R&D 2.9亿元 by September against 3 × 1.1^4 = 4.39亿元: progress 2.9/4.39
    = 66.0% runs from 0 at the start of 2026, so the 基期 cell says so (not
    3亿元 (2022)), and 实际年均 is the year's total at this pace, 2.9 × 12/9 =
    3.87亿元, not a rise of +3.87; the accident cap: 4 × 12/10 = 4.8起."""
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    t, b = data(YTD_TARGETS, YTD_BASELINES)
    out = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2026-10", "--wide").stdout
    rd = next(line for line in out.splitlines() if line.startswith("全社会研发经费投入"))
    cap = next(line for line in out.splitlines() if line.startswith("生产安全事故起数"))
    assert "0（2026年初）" in rd and "全年约3.87亿元" in rd and "66.0%" in rd and "+3.87" not in rd
    assert "3亿元 (2022)" not in rd
    assert "0（2026年初）" in cap and "全年约4.8起" in cap and "+4.8" not in cap
    # what is still needed in the goal's own year is said as such, not as a rate a year
    assert "年内+1.49亿元" in rd
    # 每年 ≥2000人次, 1,600 by September: the year's total at this pace is 1600 × 12/9 = 2,133.33
    trained = next(line for line in out.splitlines() if line.startswith("技术人才培训人次"))
    assert "0（2026年初）" in trained and "全年约2,133.33人次" in trained and "+2,133" not in trained


@pytest.mark.parametrize("lang, mark", [("zh", "(2026-09累计)"), ("en", "(2026-09 YTD)")])
def test_a_year_to_date_figure_says_so_when_the_base_column_is_dropped(data, lang, mark):
    """At 80 columns 基期 (0（2026年初）) is dropped; the latest cell itself says
    the figure is a total from January."""
    t, b = data(YTD_TARGETS, YTD_BASELINES)
    ds = dataset.load(t, b)
    result = assess(ds, Options(as_of=periods.parse_as_of("2026-10")))
    text = ANSI.sub("", table.render(table.build(result, region_names(ds, lang), lang=lang,
                                                 documents=documents(ds)), 80))
    assert "2026年初" not in text and "start of 2026" not in text  # the base column was dropped
    assert text.count(mark) >= 2, text  # R&D and the accident cap, each whole on its line


@pytest.mark.parametrize("name, cols, lines", [
    ("全社会研发经费投入", 16, ["全社会研发经费", "投入"]),  # not 全社会研发经费投 / 入
    ("科技型中小企业数量", 16, ["科技型中小企业", "数量"]),
    ("引进高层次人才", 12, ["引进高层次", "人才"]),
    ("研发投入", 8, ["研发投入"]),  # fits: untouched
    ("投入", 2, ["投", "入"]),  # no room for two characters: one a line
])
def test_a_wrapped_name_never_leaves_one_character_alone(name, cols, lines):
    assert grid.wrap(name, cols) == lines



def test_the_sections_of_a_region_line_up(run, monkeypatch):
    """At 120 columns every section of 鞍山 has the same rule under its
    heading (the same columns and widths), so that the sections read as one table."""
    monkeypatch.setattr(table, "terminal_room", lambda stream: 120)
    monkeypatch.setattr(table, "wants_colour", lambda stream: False)
    out = run("status", "anshan", "--as-of", "2024-06", "--lang", "zh").stdout
    rules = {line for line in out.splitlines() if line.startswith(grid.RULE)}
    assert len(rules) == 1, rules


def test_a_ranks_change_is_said_in_words(run, data, monkeypatch):
    """前20位 from 30th (2022) to 33rd (2024): it fell 1.5 places a year and must
    climb 13 in 2025. The table says 后移1.5位 and 前移13位, not +1.5位 and −13位."""
    rank = ("regions:\n  x: {name: 某县}\nindicators:\n  r: {name: 创新能力排名, unit: 位, direction: down}\n"
            "documents:\n  d: {region: x, title: 方案, issued: \"2023-03-01\"}\ntargets:\n"
            "  - {id: rank, region: x, indicator: r, kind: rank, comparator: \"<=\", value: 20, year: 2025, "
            "source: {document: d}}\n")
    t, b = data(rank, "region,indicator,period,value\nx,r,2022,30\nx,r,2024,33\n")
    for lang, up, down in (("zh", "前移13位", "后移1.5位"), ("en", "up 13 places", "down 1.5 places")):
        monkeypatch.setenv("POLICYGAP_LANG", lang)
        out = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2025-03", "--wide").stdout
        assert up in out and down in out, out
    csv = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2025-03", "-f", "csv").stdout
    assert ",-13.0," in csv or ",-13," in csv  # the field keeps its sign


def test_a_tab_in_a_quote_reaches_no_screen(run, data):
    """A quote copied from a table (技术合同成交额<TAB>亿元<TAB>3.2) would jump to
    the terminal's next tab stop, past its column: the table and explain
    show a space."""
    from conftest import FIRMS_HEAD

    t, b = data(FIRMS_HEAD + '  - {id: f, region: x, indicator: firms, kind: level, comparator: ">=", value: 90,'
                             ' year: 2027, source: {document: d, quote: "高新技术企业数\\t家\\t48\\t90"}}\n',
                "region,indicator,period,value\nx,firms,2023,48\n")
    for args in (("targets", "x"), ("explain", "x", "f", "--as-of", "2025-01")):
        r = run(*args, "--targets", t, "--baselines", b)
        assert r.exit_code == 0 and "\t" not in r.stdout and "家 48 90" in r.stdout, (args, r.stdout)


def test_a_yearly_target_missed_in_a_past_year_says_which_beside_its_status(run, data):
    """每年≥30项: 28 in 2025 missed it, so the row is 未完成 although 2026's 25 by
    September is ahead of its pace (+8.3): the status cell names the year."""
    from conftest import FIRMS_HEAD

    targets = FIRMS_HEAD.replace("firms: {name: 高新技术企业数量, unit: 家, direction: up, measure: stock}",
                                 "proj: {name: 县级以上科技项目, unit: 项, direction: up, measure: flow}") + \
        "  - {id: a, region: x, indicator: proj, kind: annual, comparator: \">=\", value: 30, year: 2026,\n" \
        "     source: {document: d}}\n"
    t, b = data(targets, "region,indicator,period,value\nx,proj,2024,31\nx,proj,2025,28\nx,proj,2026-09,25\n")
    for lang, word in (("zh", "未完成 (2025年)"), ("en", "missed (2025)")):
        out = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2026-10", "--lang", lang).stdout
        row = next(line for line in out.splitlines() if line.startswith("县级以上科技项目"))
        assert "+8.3" in row and row.rstrip().endswith(word), row
    t, b = data(targets, "region,indicator,period,value\nx,proj,2024,31\nx,proj,2025,32\nx,proj,2026-09,25\n")
    out = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2026-10").stdout
    assert "(2025" not in out and "(2024" not in out


def test_a_yearly_row_of_a_region_without_figures_names_no_year_it_does_not_have(run, data):
    from conftest import FIRMS_HEAD

    targets = FIRMS_HEAD.replace("firms: {name: 高新技术企业数量, unit: 家, direction: up, measure: stock}",
                                 "proj: {name: 县级以上科技项目, unit: 项, direction: up, measure: flow}") + \
        "  - {id: a, region: x, indicator: proj, kind: annual, comparator: \">=\", value: 30, year: 2026,\n" \
        "     source: {document: d}}\n"
    t, b = data(targets, "region,indicator,period,value\n")
    out = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2026-10").stdout
    assert "None" not in out, out
