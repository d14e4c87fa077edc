"""The stages of reading a policy text, each on its own: normalise (with
offsets back into the original), segment, and the bounds that keep reading
linear. Texts here are made up for the tests."""

from __future__ import annotations

import time

import pytest

from policygap.extract import Registry, extract_text
from policygap.extract.text import MAX_CLAUSE, clean, segment, simplified


def _verbatim(original: str, draft) -> None:
    for t in draft.targets:
        assert t.quote in original


# ---- normalise: HTML residue, entities, pinyin, spaces -------------------

def test_html_tags_go_and_block_tags_break_lines():
    text = '<p style="color: rgb(1, 2, 3); font-family: &quot;YaHei&quot;"><span style="x">到2027年,企业达到50家</span></p><p>下一段</p>'
    out, offsets = clean(text)
    assert out == "\n到2027年,企业达到50家\n\n下一段\n"
    start = out.index("企业")
    a, b = offsets.span(start, start + len("企业达到50家"))
    assert text[a:b] == "企业达到50家"


def test_entities_become_their_character():
    out, offsets = clean("名称&quot;A&quot;&amp;B")
    assert out == '名称"A"&B'
    a, b = offsets.span(2, 3)
    assert "&quot;" == "名称&quot;A&quot;&amp;B"[a:b]


def test_inline_pinyin_after_a_character_goes():
    out, _ = clean("楚天都市報(bào)訊,技術(shù)合同")
    assert out == "楚天都市報訊,技術合同"


def test_brackets_that_are_not_pinyin_stay():
    for text in ("人才(团队)7人(个)以上", "企业(abc公司)", "指标(2020年)"):
        assert clean(text)[0] == text


def test_spaces_inside_numbers_and_before_units_go_but_words_keep_theirs():
    assert clean("到 2027 年,投入强度达 2.5 %")[0] == "到2027年,投入强度达2.5%"
    assert clean("R&D 经费 与 AI model")[0] == "R&D经费与AI model"
    assert clean("3 5")[0] == "3 5"  # two numbers stay two


def test_offsets_of_an_untouched_text_are_the_identity():
    text = "到2025年,高新技术企业达到600家。"
    out, offsets = clean(text)
    assert out == text
    assert offsets.span(3, 10) == (3, 10)


def test_traditional_characters_are_read_as_simplified_one_for_one():
    text = "到2026年,全省高新技術企業達到1350家,技術合同成交額達到280億元。"
    s = simplified(text)
    assert len(s) == len(text)
    assert "全省高新技术企业达到1350家" in s


def test_simplified_text_is_left_as_it_is():
    text = "到2025年,高新技术企业达到600家,技术合同成交额达到20亿元。"
    assert simplified(text) == text


def test_a_traditional_text_with_pinyin_drafts_verbatim_quotes():
    text = "記者獲悉,到2020年,全市高新技術產(chǎn)業(yè)增加值達(dá)到500億元,高新技術企業達到800家。"
    draft = extract_text(text, Registry())
    values = sorted((str(t.value), t.year) for t in draft.targets)
    assert values == [("500", 2020), ("800", 2020)]
    _verbatim(text, draft)


def test_html_residue_drafts_verbatim_quotes():
    text = ('<p style="margin: 0px;"><span style="font-size: 18px;">到2027年底,科技型中小企业突破900家、'
            '高新技术企业突破700家&hellip;&hellip;</span></p>')
    draft = extract_text(text, Registry())
    assert sorted(int(t.value) for t in draft.targets) == [700, 900]
    assert {t.year for t in draft.targets} == {2027}
    _verbatim(text, draft)


# ---- segment: bounded clauses -------------------------------------------

def test_a_run_without_punctuation_is_cut_into_bounded_clauses():
    seg = segment("1-" * 5000)
    assert max(c.end - c.start for s in seg.sentences for c in s.clauses) <= MAX_CLAUSE


# ---- no pattern or loop grows faster than the text ----------------------
# Each of these took a minute or more when a clause was unbounded; a generous
# bound (they take well under a second now) keeps the tests quick and stable
# on a loaded machine. The figures per MB are in benchmarks/extract_speed.py.

@pytest.mark.parametrize("text", [
    "-".join(str(i) for i in range(1, 5000))[:20000],
    ("(一)(二)(三)(四)" * 2000)[:20000],
    "1" * 80000,
    ("12个" * 6000),
    "到2025年" * 3000,
], ids=["1-2-3", "(一)(二)", "80000 digits", "12个 run", "year run"])
def test_pathological_texts_finish_quickly(text):
    t0 = time.perf_counter()
    extract_text(text, Registry())
    assert time.perf_counter() - t0 < 20


# ---- date, quantities, names: one small rule each (made-up sentences) ----

from policygap.extract.parse import Context, parse  # noqa: E402


def _read(text, issued=(2024, 3, 1), horizon=2027, this_year=2024, assumed=False):
    return [c for c in parse(segment(text), Context(issued, horizon, this_year, assumed))]


def _targets(text, **kw):
    return [(c.name, c.kind, c.comparator, float(c.value) if c.value is not None else None, c.unit, c.year)
            for c in _read(text, **kw) if c.role == "target"]


def test_enumeration_pairs_names_and_figures_in_order():
    got = _targets("到2027年,企业、高校、科研院所研发经费支出分别达到900亿元、300亿元、80亿元。")
    assert got == [("企业研发经费支出", "level", ">=", 900, "亿元", 2027),
                   ("高校研发经费支出", "level", ">=", 300, "亿元", 2027),
                   ("科研院所研发经费支出", "level", ">=", 80, "亿元", 2027)]


def test_enumeration_with_and_and_a_comparator():
    got = _targets("到2026年,高新技术企业和科技型中小企业分别超过500家和1200家。")
    assert got == [("高新技术企业", "level", ">", 500, "家", 2026), ("科技型中小企业", "level", ">", 1200, "家", 2026)]


def test_enumeration_of_increases_and_a_shared_magnitude():
    assert [(n, k, v) for n, k, _, v, _, _ in _targets("到2026年,专精特新企业、科技型中小企业分别新增35家、80家。")] \
        == [("专精特新企业", "increase", 35), ("科技型中小企业", "increase", 80)]
    assert [(v, u) for *_, v, u, _ in _targets("到2025年,甲区、乙区分别达到30、20亿元。")] == [(30, "亿元"), (20, "亿元")]


def test_enumeration_with_fewer_figures_than_names_is_not_paired():
    names = [n for n, *_ in _targets("到2025年,甲、乙、丙分别达到30家、20家。")]
    assert "甲" not in names and "乙" not in names  # three names, two figures: left to the reader


def test_ranges_take_the_lower_end_and_list_items_share_the_verb():
    got = _targets("到2026年,引进培育3至5个创新团队,5到10家新型研发机构,建设2-3个产业集群。")
    assert [(n, v) for n, _, _, v, _, _ in got] == [("创新团队", 3), ("新型研发机构", 5), ("产业集群", 2)]
    got = _targets("到2025年,培育省级以上专精特新企业800家、单项冠军企业20家、领航企业5家。")
    assert [v for *_, v, _, _ in got] == [800, 20, 5]


def test_two_phases_each_keep_their_year():
    got = _targets("第一步,到2025年,建成省级重点实验室10家。第二步,到2027年,省级重点实验室达到20家。")
    assert [(v, y) for *_, v, _, y in got] == [(10, 2025), (20, 2027)]


def test_end_of_a_five_year_plan_is_its_last_year():
    assert _targets("到“十四五”末,规上工业企业数量突破5000家。")[0][-1] == 2025


def test_this_year_is_the_documents_year():
    got = _targets("今年,全市新增高新技术企业85家,技术合同成交额达到39亿元。", issued=None, horizon=None,
                   this_year=2019, assumed=True)
    assert [(v, y) for *_, v, _, y in got] == [(85, 2019), (39, 2019)]
    cands = _read("今年,全市新增高新技术企业85家。", issued=None, horizon=None, this_year=2019, assumed=True)
    assert any("今年" in r for r in cands[0].review)


def test_this_year_without_a_date_is_the_year_the_text_names_or_the_current_one():
    from policygap.extract.parse import this_year

    assert this_year("全省2018科技工作会议提出,今年新增…", None, 2030) == (2018, True)
    assert this_year("今年新增孵化器5家", None, 2030) == (2030, True)
    assert this_year("今年新增孵化器5家", (2021, 5, 1), 2030) == (2021, False)
    assert this_year("到2025年新增孵化器5家", None, 2030) == (None, False)


def test_year_scope_carries_across_semicolons_and_commas():
    got = _targets("到2027年,高新技术企业达到900家;研发投入强度超过3%,技术合同成交额达到50亿元。")
    assert {y for *_, y in got} == {2027} and len(got) == 3


def test_a_doubling_followed_by_its_value_is_one_target():
    got = _targets("到2025年,技术合同成交额较基期翻一番,达到120亿元以上。")
    assert [(n, k, v) for n, k, _, v, _, _ in got] == [("技术合同成交额", "level", 120)]


def test_a_rise_in_points_followed_by_the_level_is_one_target():
    got = _targets("到2026年,科技进步贡献率提高3个百分点,达到62.5%以上。")
    assert [(k, v, u) for _, k, _, v, u, _ in got] == [("share", 62.5, "%")]


def test_base_to_target_pair():
    cands = _read("到2025年,瞪羚企业数量由2020年底的150家发展到320家。", issued=(2021, 2, 1), horizon=2025)
    assert [(c.role, float(c.value), c.period or c.year) for c in cands] == [("baseline", 150, "2020"), ("target", 320, 2025)]


def test_a_change_between_two_past_years_is_the_present():
    cands = _read("研发投入强度从2019年的2.2%提升到2022年的2.7%。", issued=None, horizon=2025)
    assert [c.role for c in cands] == ["baseline", "baseline"]


def test_a_list_of_doublings_and_a_programme_list():
    got = _targets("到2026年,高新技术企业、专精特新企业实现翻番。")
    assert [(n, k) for n, k, *_ in got] == [("高新技术企业", "multiple"), ("专精特新企业", "multiple")]
    assert _targets("今年将深入实施企业上台阶、明星企业培育、小巨人倍增三大行动。") == []


def test_a_figure_qualifying_a_name_is_not_a_target():
    assert _targets("到2026年,重点推进一批总投资8亿元以上的智能化改造项目。") == []


def test_titles_notices_and_references_are_not_targets():
    assert _targets("关于印发《某市科技创新三年行动计划(2024-2026年)》的通知") == []
    assert _targets("根据《某省科技创新行动方案》,制定本方案。") == []


# ---- who answers: 牵头单位 / 责任单位 -------------------------------------

def test_responsibility_note_fields():
    from policygap.extract.parse import responsibility

    assert responsibility("牵头单位:市科技局;责任单位:市发改委、市工信局等") == ("市科技局", ["市发改委", "市工信局"])
    assert responsibility("责任单位:市科技局、市发改委") == (None, ["市科技局", "市发改委"])
    assert responsibility("牵头单位:县科技局") == ("县科技局", [])


TASKS = ("二、重点任务\n"
         "1.培育科技企业。到2025年,高新技术企业达到600家,科技型中小企业达到1300家。"
         "（牵头单位：市科技局；责任单位：市发改委、市工信局）\n"
         "2.建设平台。到2025年,新增省级重点实验室5个。\n"
         "（责任单位：市科技局、市教育局）\n"
         "3.其他。到2025年,技术合同成交额达到20亿元。\n")


def test_a_note_is_for_the_targets_of_its_paragraph_or_the_task_above():
    d = extract_text(TASKS, Registry())
    by_value = {int(t.value): (t.lead, t.units) for t in d.targets}
    assert by_value[600] == ("市科技局", ["市发改委", "市工信局"])
    assert by_value[1300] == ("市科技局", ["市发改委", "市工信局"])
    assert by_value[5] == (None, ["市科技局", "市教育局"])
    assert by_value[20] == (None, [])
    t600 = next(t for t in d.targets if t.value == 600)
    assert t600.units_quote == "牵头单位：市科技局；责任单位：市发改委、市工信局" and t600.units_quote in TASKS


def test_drafted_lead_and_units_are_written_and_load():
    import yaml

    from policygap.extract import render_yaml

    d = extract_text(TASKS, Registry())
    data = yaml.safe_load(render_yaml(d))
    t = next(t for t in data["targets"] if t["value"] == 600)
    assert t["lead"] == "市科技局" and t["units"] == ["市发改委", "市工信局"]
    assert "lead" not in next(t for t in data["targets"] if t["value"] == 20)


# ---- indicator tables (made-up tables in the shapes web copies and .docx give) ----

TABLE_CELLS = ("三、主要指标\n指标名称\n2020年\n2025年\n属性\n"
               "高新技术企业数量(家)\n420\n600\n预期性\n"
               "研发经费投入强度(%)\n2.1\n2.8\n预期性\n"
               "技术合同成交额(亿元)\n12.5\n30\n预期性\n"
               "到2025年,全市创新能力明显增强。\n")
TABLE_ROWS = ("指标\t单位\t2022年\t2024年\t2026年\n"
              "科技型中小企业\t家\t800\t1000\t1300\n"
              "每万人口高价值发明专利拥有量\t件/万人\t3.1\t4\t5\n")
TABLE_PIPES = "序号 | 指标 | 基期值(2020年) | 目标值(2025年)\n1 | 规上工业企业研发机构覆盖率(%) | 35 | 50以上\n"


def test_a_table_flattened_one_cell_per_line():
    d = extract_text(TABLE_CELLS, Registry())
    got = {(t.name, float(t.value), t.unit, t.year, t.kind) for t in d.targets}
    assert got == {("高新技术企业数量", 600, "家", 2025, "level"), ("技术合同成交额", 30, "亿元", 2025, "level"),
                   ("研发经费投入强度", 2.8, "%", 2025, "share")}
    base = {(b.name, float(b.value), b.period) for b in d.baselines}
    assert base == {("高新技术企业数量", 420, "2020"), ("技术合同成交额", 12.5, "2020"), ("研发经费投入强度", 2.1, "2020")}
    _verbatim(TABLE_CELLS, d)


def test_a_table_with_a_row_per_line_and_two_target_years():
    d = extract_text(TABLE_ROWS, Registry())
    smes = next(t for t in d.targets if t.name == "科技型中小企业")
    assert (float(smes.value), smes.year, {y: float(v) for y, v in smes.milestones.items()}) == (1300, 2026, {2024: 1000})
    patents = next(t for t in d.targets if t.name.startswith("每万人口"))
    assert (float(patents.value), patents.unit) == (5, "件/万人")


def test_a_table_in_pipes_with_a_comparator_in_the_cell():
    d = extract_text(TABLE_PIPES, Registry())
    (t,) = d.targets
    assert (t.kind, t.comparator, float(t.value), t.year) == ("share", ">=", 50, 2025)
    assert not any("no comparator" in r for r in t.review)


def test_a_row_missing_a_figure_is_left_out():
    from policygap.extract.tables import read_tables

    text = "指标\n2020年\n2025年\n高新技术企业数量(家)\n420\n研发经费投入强度(%)\n2.1\n2.8\n"
    assert [(f.name, f.year) for f in read_tables(text)] == [("研发经费投入强度", 2020), ("研发经费投入强度", 2025)]


def test_a_magnitude_alone_after_a_comparator_is_one_of_it():
    got = _targets("到2026年,技术交易额突破百亿元,开发区营业收入突破万亿元。")
    assert [(v, u) for *_, v, u, _ in got] == [(100, "亿元"), (10000, "亿元")]


def test_a_latin_unit_glued_to_its_number_is_read():
    assert [(v, u) for *_, v, u, _ in _targets("到2026年,算力规模达到20000PFlops。")] == [(20000, "PFlops")]


def test_the_parts_of_a_numeric_slogan_are_not_targets():
    assert _targets("提出“3344”重点任务,即攻克3类共性技术、建设3个中试平台、开展4项场景示范。") == []
    # with a year in the sentence the spelled-out items are targets
    got = _targets("力争实现“2236”目标任务,即到2026年全市高新技术企业达到900户,孵化器60家。")
    assert [v for *_, v, _, _ in got] == [900, 60]


def test_a_rise_restated_in_a_headline_is_folded_too():
    got = _targets("今年目标——科技进步贡献率提高1.5个百分点\n今年全区科技进步贡献率提高1.5个百分点,达到61.5%以上。",
                   issued=None, horizon=None, this_year=2019, assumed=True)
    assert [(k, v) for _, k, _, v, _, _ in got] == [("share", 61.5)]


def test_three_year_blocks_keep_every_milestone():
    text = ("到2025年,全市高新技术企业超过1000家,技术合同成交额达到40亿元。"
            "到2026年,全市高新技术企业超过1100家,技术合同成交额达到45亿元。"
            "到2027年,全市高新技术企业超过1200家,技术合同成交额达到50亿元。")
    d = extract_text(text, Registry())
    firms = next(t for t in d.targets if t.name.endswith("高新技术企业"))
    assert (int(firms.value), firms.year) == (1200, 2027)
    assert {y: int(v) for y, v in firms.milestones.items()} == {2025: 1000, 2026: 1100}


def test_a_real_docx_table_is_read_as_an_indicator_table():
    import io
    import zipfile

    from policygap.extract.reader import docx_text

    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def row(*cells):
        return "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells) + "</w:tr>"

    table = ("<w:tbl>" + row("指标", "单位", "2022年", "2025年") + row("高新技术企业数量", "家", "310", "500")
             + row("研发经费投入强度", "%", "1.8", "2.5") + "</w:tbl>")
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>' \
          f"<w:p><w:r><w:t>主要指标</w:t></w:r></w:p>{table}</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    text = docx_text(buf.getvalue())
    d = extract_text(text, Registry())
    assert {(t.name, float(t.value), t.unit, t.year) for t in d.targets} == {
        ("高新技术企业数量", 500, "家", 2025), ("研发经费投入强度", 2.5, "%", 2025)}
    assert {(b.name, float(b.value), b.period) for b in d.baselines} == {
        ("高新技术企业数量", 310, "2022"), ("研发经费投入强度", 1.8, "2022")}


def test_years_in_chinese_numerals_are_read_one_for_one():
    from policygap.extract.text import arabic_years

    text = "到二〇二八年,全县达到三十家;一九九八年;二〇二七年达到二十家。"
    out = arabic_years(text)
    assert len(out) == len(text)
    assert out == "到2028年,全县达到三十家;1998年;2027年达到二十家。"
    assert arabic_years("第二〇个") == "第二〇个"  # not before 年: left as it is


def test_a_text_in_chinese_numerals_drafts_its_targets_with_verbatim_quotes():
    text = ("某县农业科技实施意见\n到二〇二八年,全县农业科技型企业达到三十家;良种覆盖率稳定在百分之九十八以上。"
            "今年新建科技示范基地五个。\n某县人民政府\n二〇二六年五月二十日\n")
    draft = extract_text(text, Registry())
    values = sorted((str(t.value), t.year) for t in draft.targets)
    assert values == [("30", 2028), ("5", 2026), ("98", 2028)]
    _verbatim(text, draft)
