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
    text = "到2025年,國家高新技術企業達到1500家,技術合同成交額達到300億元。"
    s = simplified(text)
    assert len(s) == len(text)
    assert "国家高新技术企业达到1500家" in s


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
