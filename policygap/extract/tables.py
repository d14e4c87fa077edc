"""Indicator tables (主要指标): a name, its unit in brackets, then one column
per year — the first year the base, the others targets.

Web copies and .docx tables come out one cell per line (or a row per line,
cells apart by tabs, `|` or wide spaces); both are read as one stream of
cells. A table starts at a header that names two or more years (2020年,
2025年, 基期(2020年), 目标值2025年) and ends at the first cell that is a sentence
rather than a cell. Each row gives a base value (the first year) and a target
per later year; a row with fewer figures than years is left out.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .. import units
from . import rules as R

_CELL_SPLIT = re.compile(r"\t|\||\s{2,}")
_YEAR_CELL = re.compile(r"^(?:[^\d]{0,8}?)[(]?(\d{4})\s*年?(?:底|末)?[)]?(?:[^\d]{0,6})$")
# A figure cell: 2.8, 1,200, 60家, ≥4.5, 50以上, and a place (前3, 第5位).
_NUMBER_CELL = re.compile(r"^(?P<cmp>[<>≥≤])?\s*(?P<rank>前|第)?\s*(?P<v>\d+(?:,\d{3})*(?:\.\d+)?)"
                          r"\s*(?P<u>%|[\u4e00-\u9fff]{1,3}?)??\s*(?P<after>以上|以下|左右)?$")
# A name may hold digits (每万人拥有5G基站数, 5G基站数量) but starts with no
# figure and has two Chinese characters running.
_NAME_CELL = re.compile(r"^(?:\d{1,2}[.、]\s*)?(?P<name>(?=[^()]*?[\u4e00-\u9fff]{2})(?!\d+(?![A-Za-z\d]))[^()]{2,30}?)"
                        r"\s*(?:[(](?P<unit>[^()]{1,8})[)])?$")
_ATTRIBUTE = re.compile(r"^(?:预期性|约束性|预期|约束|指导性)$")
# A cell with no figure of the year (a new indicator's base: —), or a figure of
# a span in brackets (〔11.2〕, [10以上]: a five-year average or total, not the year's).
_NO_FIGURE = re.compile(r"^(?:—+|-+|/|－|–|\\|无|〔[^〕]{0,12}〕|\[[^\]]{0,12}\])$")
_SEQUENCE = re.compile(r"^\d{1,2}$")
_MAX_CELL = 30  # a longer line is text, not a cell: the table has ended


@dataclass
class Cell:
    text: str
    start: int  # offset in the normalised text
    end: int


@dataclass
class TableFigure:
    name: str
    unit: str
    year: int
    value: Decimal
    base: bool  # the first column: the base year
    start: int
    end: int
    comparator: str | None = None
    stated_base: bool = False  # its column's heading says it is the base (2024年(基数))


def cells(norm: str) -> list[Cell]:
    """The cells of a text: each line, cut at tabs, `|` and wide spaces."""
    out = []
    pos = 0
    for line in norm.split("\n"):
        start = 0
        for sep in list(_CELL_SPLIT.finditer(line)) + [None]:
            end = sep.start() if sep else len(line)
            piece = line[start:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(Cell(piece.strip(), pos + start + lead, pos + start + lead + len(piece.strip())))
            start = sep.end() if sep else end
        pos += len(line) + 1
    return out


def read_tables(norm: str) -> list[TableFigure]:
    """Every figure of the indicator tables in a normalised text."""
    cs = [c for c in cells(norm) if len(c.text) <= 200]
    out: list[TableFigure] = []
    i = 0
    while i < len(cs):
        years, j, trailing = _header(cs, i)
        # One year is a table of targets only when its heading says so
        # (2027年目标值), with the columns before it (权重(分)) to pass over; a
        # title (2026年度绩效目标表) is no such header: it has no columns before it.
        only_targets = len(years) == 1 and j - 1 > i and bool(_TARGET_HEADING.search(cs[j - 1].text))
        if len(years) < 2 and not only_targets:
            i += 1
            continue
        skip = sum(bool(_SCORE_HEADING.search(c.text)) for c in cs[i:j]) if only_targets else 0
        figures, j = _rows(cs, j, years, has_base=not only_targets, skip=skip, trailing=trailing)
        first = next((c.text for c in cs[i:j] if _YEAR_CELL.match(c.text) and not c.text.isdigit()), "")
        if _BASE_HEADING.search(first):
            figures = [dataclasses.replace(f, stated_base=True) if f.base else f for f in figures]
        out.extend(figures)
        i = max(j, i + 1)
    return out


_TARGET_HEADING = re.compile(r"目标")
_BASE_HEADING = re.compile(r"基数|基期|现状|基础|实际|完成")
_SCORE_HEADING = re.compile(r"权重|分值|分数|满分")


def _header(cs: list[Cell], i: int) -> tuple[list[int], int, int]:
    """Years of a header starting at cell i (two or more, rising), where the
    rows begin, and how many columns follow the years in each row (a review's
    2026年实际值 | 完成进度 | 评价: figures of the present, not targets)."""
    years: list[int] = []
    trailing = 0
    j = i
    while j < len(cs) and len(cs[j].text) <= 14:
        m = _YEAR_CELL.match(cs[j].text)
        if m and not cs[j].text.isdigit():  # 2025年 or 目标值(2025): a bare 2025 may be a figure
            y = int(m.group(1))
            if not 1990 <= y <= 2100:
                break
            if years and y <= years[-1]:
                if not _AFTER_HEADING.search(cs[j].text):
                    break
                trailing += 1  # 2026年实际值 after 2030年目标值
            else:
                if trailing:
                    break
                years.append(y)
        elif years:
            if not _AFTER_HEADING.fullmatch(cs[j].text):
                break
            trailing += 1
        elif not re.search(r"指标|名称|单位|序号|属性|类别|基期|目标|年份|权重|分值", cs[j].text):
            return [], i, 0
        j += 1
    return years, j, trailing


# Columns after the years' in a review of a plan (实际值, 完成进度, 评价).
_AFTER_HEADING = re.compile(r"(?:\d{4}年)?(?:实际值|完成值|完成情况|(?:目标)?完成进度|进度|完成率|评价|评估|备注|状态)")


def _rows(cs: list[Cell], j: int, years: list[int], has_base: bool = True,
          skip: int = 0, trailing: int = 0) -> tuple[list[TableFigure], int]:
    """The rows after a header: a name (its unit in brackets or the next
    cell), ``skip`` figures that are no values (a weight), then one figure per
    year, then ``trailing`` cells that are passed over; the first year is the
    base when ``has_base``. A figure may carry its unit when the name does
    not (5.5%, 60家)."""
    out = []
    while j < len(cs):
        c = cs[j]
        if len(c.text) > _MAX_CELL:
            break
        if _SEQUENCE.match(c.text) or _ATTRIBUTE.match(c.text) or _NO_FIGURE.match(c.text):
            j += 1
            continue
        m = _NAME_CELL.match(c.text)
        if not m or _NUMBER_CELL.match(c.text):
            break
        name, unit = m.group("name").strip(), (m.group("unit") or "").strip()
        if unit and j + 1 < len(cs) and _is_unit(cs[j + 1].text) and not _is_unit(c.text):
            name, unit = c.text.strip(), ""  # 垂直起降点(场) | 个: the brackets are the name's, the unit is the column's
        part = re.match(r"其中[:,]?\s*", name)
        if part and out:  # 其中:国家级创新平台 under 省级及以上创新平台总数, named as a sentence names it
            name = f"{out[-1].name}中{name[part.end():]}"
        j += 1
        if not unit and j < len(cs) and _is_unit(cs[j].text):
            unit = cs[j].text.strip("()")
            j += 1
        for _ in range(skip):
            if j < len(cs) and _NUMBER_CELL.match(cs[j].text):
                j += 1
        values = []
        while j < len(cs) and len(values) < len(years):
            n = _NUMBER_CELL.match(cs[j].text)
            if not n:
                if _NO_FIGURE.match(cs[j].text):
                    values.append((None, cs[j]))
                elif not _ATTRIBUTE.match(cs[j].text):
                    break
                j += 1
                continue
            values.append((n, cs[j]))
            j += 1
        if len(values) == len(years):
            j = min(j + trailing, len(cs))  # the review's own columns of the row
        if not unit and values and all(n is not None and n.group("u") for n, _cell in values) \
                and len({n.group("u") for n, _cell in values}) == 1:
            unit = values[0][0].group("u")  # the unit written with each figure
        if len(values) != len(years) or not unit or not (units.is_known(unit) or _other_unit(unit)):
            continue
        for k, ((n, cell), year) in enumerate(zip(values, years)):
            if n is None:
                continue
            try:
                value = Decimal(n.group("v").replace(",", ""))
            except InvalidOperation:
                continue
            comp = _cell_comparator(n)
            out.append(TableFigure(name, unit, year, value, has_base and k == 0, c.start, cell.end, comp))
    return out, j


def _cell_comparator(n: re.Match) -> str | None:
    """The comparator a figure cell writes: ≥4.5, 50以上, 前3 (a place: at most 3)."""
    if n.group("rank") == "前":
        return "<="
    return _GOAL_CMP.get(n.group("cmp") or "") or _LINE_AFTER.get(n.group("after") or "")


# A 专栏 of indicators written one a line, each with its base and its goal:
# "2. 高新技术企业数:2025年基数48家,2028年目标80家" (also 基期, 现状, 目标值,
# or the two years alone). Each piece is bounded: the pattern runs in linear time.
_FIGURE = r"(?P<{v}>\d{{1,12}}(?:\.\d{{1,6}})?)\s?(?P<{u}>%|[^\d\s,;:。、()]{{1,8}}?)"
_INDICATOR_LINE = re.compile(
    r"^\s{0,8}(?:\d{1,2}[.、]\s{0,2})?(?P<name>[^\d\s:,;。][^:,;。\n]{1,40}?)\s{0,2}:\s{0,2}"
    r"(?P<y0>\d{4})年(?:底|末)?(?:基数|基期值?|现状值?|基础值)?(?:为|是)?\s{0,2}" + _FIGURE.format(v="v0", u="u0")
    + r"\s{0,2}[,;、]\s{0,2}(?P<y1>\d{4})年(?:底|末)?(?:目标值?|预期值?|预计)?(?:为|是|达到)?\s{0,2}"
    r"(?P<cmp>超过|突破|不低于|不超过|控制在|低于)?\s{0,2}" + _FIGURE.format(v="v1", u="u1")
    + r"\s{0,2}(?P<after>以上|以下|以内|左右)?\s{0,2}[。;]?\s{0,8}$", re.M)
_LINE_BEFORE = {"超过": ">", "突破": ">", "不低于": ">=", "不超过": "<=", "控制在": "<=", "低于": "<"}
_LINE_AFTER = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~"}


def indicator_lines(norm: str) -> list[TableFigure]:
    """The figures of indicators listed one a line with a base year's value
    and a target year's (the base first, then the target: a later year, the
    same unit). No comparator word: at least the goal, or at most it where
    it is below the base (a fall aimed for)."""
    out: list[TableFigure] = []
    if "年" not in norm:
        return out
    for m in _INDICATOR_LINE.finditer(norm):
        y0, y1, unit = int(m.group("y0")), int(m.group("y1")), m.group("u0")
        if not (1990 <= y0 < y1 <= 2100) or m.group("u1") != unit or not units.is_known(unit):
            continue
        base, goal = Decimal(m.group("v0")), Decimal(m.group("v1"))
        comp = _LINE_BEFORE.get(m.group("cmp") or "") or _LINE_AFTER.get(m.group("after") or "")
        if comp is None and goal < base:
            comp = "<="
        name, start, end = m.group("name").strip(), m.start("name"), m.end("v1") + len(unit)
        out.append(TableFigure(name, unit, y0, base, True, start, end))
        out.append(TableFigure(name, unit, y1, goal, False, start, end, comp))
    return out


# A table of yearly goals (绩效目标表): rows of a name, last year's value and the
# goal (21家, ≥25家; 第6位, 前5位), under a header 上年完成值 | 指标值. The goal's
# year is the document's; the value before it is the year before's.
_LAST_YEAR_HEADER = re.compile(r"^(?:上年(?:完成|实际)?值|上年完成(?:情况)?|基期值|上年度完成值)$")
_GOAL_HEADER = re.compile(r"^(?:年度)?(?:指标值|目标值)$")
_GOAL_CELL = re.compile(r"^(?P<cmp>≥|≤|>|<|不低于|不少于|不超过|不高于)?\s*(?:(?P<rank>前|第)\s*(?P<place>\d{1,3})\s*(?:位|名)"
                        r"|(?P<v>\d+(?:\.\d+)?)\s*(?P<u>%|[\u4e00-\u9fff]{1,3}))$")
_GOAL_CMP = {"≥": ">=", "不低于": ">=", "不少于": ">=", ">": ">", "≤": "<=", "不超过": "<=", "不高于": "<=", "<": "<"}


def goal_rows(norm: str, year: int | None) -> list[TableFigure]:
    """Each row of a table of yearly goals: the goal for ``year`` and, when
    written, last year's value as its base."""
    out: list[TableFigure] = []
    if year is None or ("指标值" not in norm and "目标值" not in norm):
        return out
    cs = [c for c in cells(norm) if len(c.text) <= 200]
    starts = [i for i in range(len(cs) - 1)
              if _LAST_YEAR_HEADER.match(cs[i].text) and _GOAL_HEADER.match(cs[i + 1].text)]
    for i in starts:
        k = i + 2  # a heading cell (产出指标, 数量指标) is passed over: it is no row of three
        while k + 2 < len(cs) and len(cs[k].text) <= _MAX_CELL:
            row = _goal_row(cs[k], cs[k + 1], cs[k + 2], year)
            out.extend(row or [])
            k += 3 if row else 1
    return out


def _goal_row(name: Cell, last: Cell, goal: Cell, year: int) -> list[TableFigure] | None:
    m, g = _NAME_CELL.match(name.text), _GOAL_CELL.match(goal.text)
    before = _GOAL_CELL.match(last.text)
    if not (m and g and before) or _NUMBER_CELL.match(name.text) or _GOAL_CELL.match(name.text):
        return None
    label = m.group("name").strip()
    if g.group("rank"):
        unit, value = "位", Decimal(g.group("place"))
        cmp = "<=" if g.group("rank") == "前" else _GOAL_CMP.get(g.group("cmp") or "", "<=")
        base = Decimal(before.group("place")) if before.group("rank") else None
    else:
        unit, value = g.group("u"), Decimal(g.group("v"))
        cmp = _GOAL_CMP.get(g.group("cmp") or "")
        base = Decimal(before.group("v")) if before.group("v") and before.group("u") == unit else None
    if not units.is_known(unit):
        return None
    out = [TableFigure(label, unit, year, value, False, name.start, goal.end, cmp)]
    if base is not None:
        out.insert(0, TableFigure(label, unit, year - 1, base, True, name.start, last.end))
    return out


def _is_unit(text: str) -> bool:
    t = text.strip("()")
    return bool(t) and len(t) <= 10 and (units.is_known(t) or _other_unit(t))


def _other_unit(text: str) -> bool:
    """A unit policygap does not convert but a draft keeps as a comment
    (万千瓦, 吨标准煤/万元, 万吨)."""
    return bool(_OTHER_UNIT_CELL.fullmatch(text))


_OTHER_UNIT_CELL = re.compile(r"(?:万|亿|千|百)?(?:" + R.OTHER_UNIT_RE.pattern + r")(?:/(?:万元|万人|亿元|户|人))?")


# A list of projects (项目名称, 建设内容, 总投资, 建设期限): what each project
# builds is its scope of works, not a target of the document.
_PROJECT_HEADER = re.compile(r"^(?:项目名称|建设内容|主要建设内容|建设规模及内容)$")
_PROJECT_END = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章节条])")


def project_lists(norm: str) -> list[tuple[int, int]]:
    """Spans of the project lists of a text: from a header with two of
    项目名称 and 建设内容 to the first line that is a heading or prose."""
    spans = []
    lines = norm.split("\n")
    pos, i = 0, 0
    starts = []
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    while i < len(lines):
        if _PROJECT_HEADER.match(lines[i].strip()) and any(
                _PROJECT_HEADER.match(x.strip()) for x in lines[i + 1: i + 6]):
            j = i + 1
            while j < len(lines) and not _PROJECT_END.match(lines[j].strip()) and len(lines[j].strip()) <= 60:
                j += 1
            spans.append((starts[i], starts[j] if j < len(lines) else len(norm)))
            i = j
        i += 1
    return spans

