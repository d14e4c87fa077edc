"""The progress table for a person at a terminal, and the same table in a
file or a pipe.

One block per region; in it one section per document (or per any other
grouping key), headed by the document's short title, 文号 and year span, its
targets in the document's order. A target that another document of the
region also sets is marked: "同二" when document 二 sets the same goal,
"≠二" (with a note under the section) when it sets a different one.

At a terminal the columns are chosen for its width (grid.fit): the full
layout when there is room, else without 实际年均, 基期 and 今后需年均 in turn;
names wrap, numbers never do. Into a file or a pipe, and with ``--wide``,
every column at its natural width. Colour only on a terminal, and never
with NO_COLOR or TERM=dumb.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ..i18n import N_, _
from . import fmt, grid
from .words import (
    PATH_MARK, on_path, pace_cell, path_legend, shown_gap,
    HEADING_MSGIDS, SHORT_HEADING_MSGIDS, actual_phrase, checkpoint_value, indicator_name, past_years, provisional_mark, required_phrase,
    sdg_graded, status_word, target_phrase, within_year,
)

STATUS_STYLE = {
    "achieved": "bold green", "ahead": "green", "on_track": "green", "behind": "yellow",
    "off_track": "bold red", "missed": "red", "no_data": "dim", "overdue": "red",
    # --method sdg categories
    "substantial": "green", "moderate": "yellow", "limited": "red", "deterioration": "bold red",
}
_ANSI = {"bold": "1", "dim": "2", "green": "32", "yellow": "33", "red": "31",
         "bold green": "1;32", "bold red": "1;31"}

# Columns of the progress table: key, alignment, wrapping (headings: words.py).
STATUS_COLUMNS = (
    ("name", "left", "text"), ("target", "left", "spaces"), ("base", "right", "spaces"),
    ("latest", "right", "spaces"), ("required", "right", "none"), ("actual", "right", "none"),
    ("progress", "right", "none"), ("expected", "right", "none"), ("gap", "right", "none"),
    ("status", "left", "spaces"),
)
# Dropped in this order when the terminal is too narrow for them.
STATUS_DROP = ("actual", "base", "required")
NAME_FLOOR = 16

CHINESE_ORDINALS = "一二三四五六七八九十"


@dataclass
class Section:
    heading: str
    columns: list
    styles: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    drop: tuple = ()


@dataclass
class Block:
    """One region: its title, its sections, notes under the last section."""

    title: str
    sections: list
    notes: list = field(default_factory=list)


# --------------------------------------------------------------------------
# Grouping


@dataclass
class Group:
    key: object
    heading: str
    records: list
    year: int | None = None  # the year most of its targets name (left out of the goal column)


def ordinal(i: int, lang: str) -> str:
    """一, 二, … (zh) or 1, 2, … (en) for the i-th (from 0) section."""
    if lang == "zh" and i < len(CHINESE_ORDINALS):
        return CHINESE_ORDINALS[i]
    return str(i + 1)


def short_title(title: str) -> str:
    """A document's title as a planner names it: without the issuing body
    ("…关于"), the region in front (鞍山市…) and the year span in brackets.

    鞍山市科技局关于落实“创新提升工程”的实施方案 -> 落实“创新提升工程”的实施方案
    辽阳市科技强市行动方案(2017-2020) -> 科技强市行动方案
    """
    t = _SPAN.sub("", (title or "").strip()).strip()
    if "关于" in t[:-4]:
        t = t.split("关于", 1)[1]
    rest = _REGION_PREFIX.sub("", t, count=1)
    return (rest if len(rest) >= 4 else t) or title


_REGION_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,4}?[省市县区旗]")
_SPAN = re.compile(r"[(（]\s*(\d{4})\s*[-—–~～至]\s*(\d{4})\s*年?\s*[)）]")


def year_span(doc: dict, years: list[int]) -> str:
    """2023—2025: the span the title states, else issue year to last target year."""
    m = _SPAN.search(doc.get("title") or "")
    if m:
        return f"{m.group(1)}—{m.group(2)}"
    first = str(doc.get("issued") or "")[:4]
    last = max(years) if years else None
    if first.isdigit() and last and int(first) < last:
        return f"{first}—{last}"
    return str(last or first or "")


def document_heading(i: int, doc_id, doc: dict, years: list[int], lang: str) -> str:
    title = doc.get("short_title") or short_title(doc.get("title") or str(doc_id))
    facts = [x for x in (doc.get("number"), year_span(doc, years)) if x]
    if lang == "zh":
        tail = f"（{'，'.join(facts)}）" if facts else ""
        span = facts[-1] if facts else ""
        tail = tail.replace(span + "）", span + "年）") if span and span[-1].isdigit() else tail
        return f"{ordinal(i, lang)}、{title}{tail}"
    return f"{ordinal(i, lang)}. {title}" + (f" ({', '.join(facts)})" if facts else "")


def group_records(records: list[dict], by: str = "document", documents: dict | None = None,
                  region_name: str = "", lang: str = "zh") -> list[Group]:
    """The rows of one region in sections, in order of first appearance.

    ``by`` "document": one section per source document (the default), headed
    by its short title, 文号 and year span. Any other key groups by that
    field of the rows, headed by its value.
    """
    order: dict = {}
    for rec in records:
        order.setdefault(rec.get(by), []).append(rec)
    groups = []
    for i, (key, recs) in enumerate(order.items()):
        years = [int(r["target_year"]) for r in recs if not fmt.is_missing(r.get("target_year"))]
        main_year = max(set(years), key=years.count) if years else None
        if by == "document":
            doc = (documents or {}).get(key) or {}
            heading = document_heading(i, key, doc, years, lang) if key else _("targets without a document", lang)
        else:
            heading = f"{ordinal(i, lang)}{'、' if lang == 'zh' else '. '}{key if key not in (None, '') else _('(none)')}"
        groups.append(Group(key, heading, recs, main_year))
    return groups


def goal_signature(rec: dict) -> tuple:
    """What a target promises: two documents agree when these are equal."""
    def num(x):
        return None if fmt.is_missing(x) else round(float(x), 9)
    ref = rec.get("reference")
    return (rec["kind"], rec["comparator"], num(rec["target_value"]), num(rec.get("target_year")),
            None if fmt.is_missing(ref) else ref)


def cross_references(groups: list[Group], lang: str) -> dict:
    """{id(record): (mark, note or None)} for the targets whose indicator
    another section of the region also sets."""
    seen: dict = {}
    for gi, g in enumerate(groups):
        for rec in g.records:
            seen.setdefault(rec["indicator"], []).append((gi, rec))
    marks: dict = {}
    for entries in seen.values():
        sections = {gi for gi, _r in entries}
        if len(sections) < 2:
            continue
        for gi, rec in entries:
            others = [(gj, r) for gj, r in entries if gj != gi]
            same = [gj for gj, r in others if goal_signature(r) == goal_signature(rec)]
            differ = [(gj, r) for gj, r in others if goal_signature(r) != goal_signature(rec)]
            parts = []
            if same:
                parts.append(_("same as {sections}", lang).format(sections=_join_ordinals(same, lang)))
            if differ:
                parts.append("≠" + _join_ordinals([gj for gj, _r in differ], lang))
                goals = "; ".join(
                    _("{section}: {goal}", lang).format(section=ordinal(gj, lang), goal=_goal_with_year(r, lang))
                    for gj, r in differ)
                note = _("≠ {name}: here {goal}; {others}", lang).format(
                    name=indicator_name(rec, lang), goal=_goal_with_year(rec, lang), others=goals)
            else:
                note = None
            marks[id(rec)] = (" ".join(parts), note)
    return marks


def _join_ordinals(indices, lang: str) -> str:
    unique = sorted(set(indices))
    return ("、" if lang == "zh" else ",").join(ordinal(i, lang) for i in unique)


def _goal_with_year(rec: dict, lang: str) -> str:
    return f"{target_phrase(rec, lang)} ({int(rec['target_year'])})"


# --------------------------------------------------------------------------
# The progress table


def build(assessment, region_names: dict, lang: str = "zh", method: str = "planner", stale_months: int = 12,
          documents: dict | None = None, by: str = "document") -> list[Block]:
    """One Block per region, one Section per group (``by``: document by default)."""
    from ..assess import MARK_FIELDS
    from ..departments import output_fields
    from .machine import records

    rows = assessment.rows
    # the output fields, lead/units/derived, and the grouping key when it is a column of its own
    fields = [*output_fields(rows), *([by] if by in rows.columns and by not in output_fields(rows) else []),
              *(f for f in MARK_FIELDS if f in rows.columns)]
    by_region: dict = {}
    for rec in records(rows, fields):
        by_region.setdefault(rec["region"], []).append(rec)
    blocks = []
    for region, recs in by_region.items():
        name = region_names.get(region, region)
        groups = group_records(recs, by, documents, name, lang)
        marks = cross_references(groups, lang) if by == "document" else {}
        used: set = set()
        sections = [_status_section(g, lang, method, region_names, marks, used) for g in groups]
        notes = _legend(used, stale_months, lang)
        blocks.append(Block(name, sections, notes))
    return blocks


def _status_section(group: Group, lang, method, region_names, marks, used) -> Section:
    from ..core import CAGR_CATEGORY_ZH

    columns = [_column(key, lang, align, wrap, NAME_FLOOR if key == "name" else 0)
               for key, align, wrap in STATUS_COLUMNS]
    cells = {c.key: c.cells for c in columns}
    styles, notes = [], []
    for rec in group.records:
        name = indicator_name(rec, lang)
        mark, note = marks.get(id(rec), ("", None))
        if mark:
            name += f" [{mark}]"
            used.add("same" if "≠" not in mark else "differ")
        if note:
            notes.append(note)
        cells["name"].append(name)
        cells["target"].append(_goal(rec, lang, region_names, group.year))
        cells["base"].append(_base(rec, lang, used))
        cells["latest"].append(_latest(rec, used, lang))
        cells["required"].append(required_phrase(rec, lang))
        cells["actual"].append(actual_phrase(rec, lang))
        cells["progress"].append(fmt.percent(rec["progress"], 1))
        cells["expected"].append(pace_cell(rec))
        if on_path(rec):
            used.add(PATH_MARK)
        cells["gap"].append(fmt.points(shown_gap(rec)))
        if sdg_graded(rec, method):
            cat = rec["cagr_category"]
            word, style = (CAGR_CATEGORY_ZH.get(cat, cat) if lang == "zh" else cat), cat
        else:
            word, style = status_word(rec["status"], lang), rec["status"]
        when = past_years(rec, lang)  # 未完成 (2025年) beside this year's +8.3: the year that failed
        word += f" ({when})" if when else ""
        cells["status"].append(word.replace(" ", grid.KEEP) + _milestone(rec, lang))
        styles.append({"status": STATUS_STYLE.get(style, "")})
    return Section(group.heading, columns, styles, notes, STATUS_DROP)


def _column(key: str, lang: str, align: str, wrap: str, floor: int = 0) -> grid.Column:
    short = SHORT_HEADING_MSGIDS.get(key)
    return grid.Column(key, _(HEADING_MSGIDS[key], lang), _(short, lang) if short else None, align, wrap, floor)


def _goal(rec, lang, region_names, section_year) -> str:
    text = target_phrase(rec, lang, region_names).replace(" ", grid.KEEP)
    if not fmt.is_missing(rec["stretch_value"]):
        text += " " + _("stretch {value}", lang).format(value=checkpoint_value(rec, rec["stretch_value"], lang))
    year = rec.get("target_year")
    if not fmt.is_missing(year) and int(year) != section_year:
        text += f" ({int(year)})"
    return text


def _base(rec, lang: str, used: set | None = None) -> str:
    if rec["kind"] == "milestone" or fmt.is_missing(rec["base_value"]):
        return "—"
    if within_year(rec):  # the progress beside it runs from 0 at the start of the year
        if fmt.is_missing(rec["latest_period"]) or not rec["latest_period"]:
            return "—"  # no figure of the year yet: no year to name (not 0（None年初）)
        return _("0 (start of {year})", lang).format(year=str(rec["latest_period"])[:4])
    text = fmt.value(rec["base_value"], rec["unit"])
    text += f" ({rec['base_period']})" if rec["base_period"] else ""
    if provisional_mark(rec, "base"):
        text += "*"
        if used is not None:
            used.add("*")
    return text


def _latest(rec, used: set, lang: str | None = None) -> str:
    if fmt.is_missing(rec["latest_value"]):
        return "—"
    period = rec["latest_period"]
    if within_year(rec):  # a total from January: said in the cell, which stays when 基期 is dropped
        period = _("{period} YTD", lang).format(period=period).replace(" ", grid.KEEP)
    text = f"{fmt.value(rec['latest_value'], rec['unit'])} ({period})"
    if provisional_mark(rec, "latest"):
        text += "*"
        used.add("*")
    if rec["stale"]:
        text += "†"
        used.add("†")
    if rec.get("derived"):  # computed from other indicators (an indicator's formula)
        text += "‡"
        used.add("‡")
    return text


def _milestone(rec, lang) -> str:
    """' 2023年：未完成' when a milestone's status says something."""
    ms, year = rec.get("milestone_status"), rec.get("milestone_year")
    if not ms or fmt.is_missing(year) or (ms == "no_data" and rec["status"] == "no_data"):
        return ""
    return " " + _("{year}: {status}", lang).format(year=int(year), status=status_word(ms, lang))


def _legend(used: set, stale_months: int, lang: str) -> list[str]:
    parts = []
    if "*" in used:
        parts.append(_("* provisional figure", lang))
    if "†" in used:
        parts.append(_("† figure older than {months} months", lang).format(months=stale_months))
    if "‡" in used:
        parts.append(_("‡ derived from other indicators", lang))
    if PATH_MARK in used:
        parts.append(path_legend(lang))
    if "same" in used:
        parts.append(_("[same as N]: document N of this region sets the same goal", lang))
    if "differ" in used:
        parts.append(_("[≠N]: document N sets a different goal (see the note under the section)", lang))
    return ["  ".join(parts)] if parts else []


# --------------------------------------------------------------------------
# Writing


def render(blocks: list[Block], room: int | None = None, colour: bool = False) -> str:
    """The blocks as text: ``room`` None for the full layout (a file, a pipe,
    --wide), else the terminal's width, which no line exceeds."""
    paint = _paint if colour else None
    out: list[str] = []
    for b, block in enumerate(blocks):
        if b:
            out.append("")
        if block.title:
            out.extend(_lines(block.title, room, paint, "bold"))
        common = _common_columns(block.sections, room)
        # An id that would wrap (anshan-tech-/contract-value-/2025) cannot be
        # copied: then each row's id stands whole on a line of its own.
        id_lines = any(_ids_would_wrap(s, common, room) for s in block.sections)
        # One layout for all the sections of a region: the same columns, widths
        # and headings, so that they line up and read alike.
        # (when every figure of the region then stays on one line; else each
        # section is fitted on its own, as narrow rooms need)
        shared = _block_layout(block.sections, common, id_lines, room)
        for section in block.sections:
            if section.heading:
                out.append("")
                out.extend(_lines(section.heading, room, paint, "bold"))
            widths_of, gap = shared or _block_layout([section], common, id_lines, room, strict=False)
            columns = [c for c in section.columns if c.key in widths_of]
            titles = next(c.cells for c in section.columns if c.wrap == "ids") if id_lines else None
            out.extend(grid.draw(columns, [widths_of[c.key] for c in columns], section.styles, paint, gap=gap,
                                 titles=titles))
            for note in section.notes:
                out.extend(_lines(note, room, None))
        for note in block.notes:
            out.extend(_lines(note, room, paint, "dim"))
    return ("\n".join(out) + "\n").replace(grid.KEEP, " ") if out else ""


def _block_layout(sections, common: set, id_lines: bool, room: int | None, strict: bool = True):
    """Column key -> width for every section of a region, fitted to all their
    rows at once, and the gap between columns; ``strict``: None when a
    figure would then break over two lines."""
    import dataclasses

    first = sections[0]
    merged = []
    for c in first.columns:
        if c.key not in common or (id_lines and c.wrap == "ids"):
            continue
        cells = [x for s in sections for col in s.columns if col.key == c.key for x in col.cells]
        merged.append(dataclasses.replace(c, cells=cells, _natural=None))
    shown, widths = grid.fit(merged, room, first.drop)
    gap = 2
    if room is not None and sum(widths) + gap * (len(widths) - 1) > room:
        gap = 1  # the narrowest layout still too wide: one space between columns
        shown, widths = grid.fit(merged, room, first.drop, gap=gap)
    if strict and any(c.wrap == "spaces" and w < c.natural() for c, w in zip(shown, widths)):
        return None
    return {c.key: w for c, w in zip(shown, widths)}, gap


def _common_columns(sections, room: int | None) -> set:
    """The columns every section of a region can show: a column one section
    must drop to fit is dropped from all, so the sections read alike."""
    keys = None
    for section in sections:
        shown, _widths = grid.fit(section.columns, room, section.drop)
        keys = {c.key for c in shown} if keys is None else keys & {c.key for c in shown}
    return keys if keys is not None else set()


def _ids_would_wrap(section, common: set, room: int | None) -> bool:
    if room is None:
        return False
    shown, widths = grid.fit([c for c in section.columns if c.key in common], room, section.drop)
    return any(c.wrap == "ids" and w < c.natural() for c, w in zip(shown, widths))


def _lines(text: str, room: int | None, paint, style: str = "") -> list[str]:
    lines = [text] if room is None else grid.wrap(text, room)
    return [paint(x, style) if paint and style else x for x in lines]


def _paint(text: str, style: str) -> str:
    code = _ANSI.get(style)
    return f"\x1b[{code}m{text}\x1b[0m" if code and text else text


def terminal_room(stream) -> int | None:
    """The terminal's width, or None when ``stream`` is not a terminal."""
    import shutil

    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return shutil.get_terminal_size((80, 24)).columns


def wants_colour(stream) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# --------------------------------------------------------------------------
# The targets as the documents state them (policygap targets)

TARGET_COLUMNS = (
    ("target_id", "left", "ids", 14), ("name", "left", "text", 12), ("target", "left", "spaces", 0),
    ("clause", "left", "none", 0), ("quote", "left", "text", 20),
)
HEADING_MSGIDS = {**HEADING_MSGIDS, "clause": N_("clause"), "quote": N_("source quote")}


def build_targets(records: list[dict], region_names: dict, lang: str = "zh", documents: dict | None = None,
                  by: str = "document") -> list[Block]:
    """``policygap targets``: per region, per document, each target with the
    sentence it came from; the same cross-references as the progress table."""
    by_region: dict = {}
    for rec in records:
        by_region.setdefault(rec["region"], []).append(rec)
    blocks = []
    for region, recs in by_region.items():
        name = region_names.get(region, region)
        groups = group_records(recs, by, documents, name, lang)
        marks = cross_references(groups, lang) if by == "document" else {}
        used: set = set()
        sections = []
        for g in groups:
            columns = [_column(key, lang, align, wrap, floor) for key, align, wrap, floor in TARGET_COLUMNS]
            cells = {c.key: c.cells for c in columns}
            notes = []
            for rec in g.records:
                mark, note = marks.get(id(rec), ("", None))
                if mark:
                    used.add("same" if "≠" not in mark else "differ")
                if note:
                    notes.append(note)
                cells["target_id"].append(rec["target_id"])
                cells["name"].append(indicator_name(rec, lang) + (f" [{mark}]" if mark else ""))
                cells["target"].append(_goal(rec, lang, region_names, g.year) + _milestones(rec))
                cells["clause"].append(_text(rec.get("clause")))
                cells["quote"].append(_text(rec.get("quote")))
            sections.append(Section(g.heading, columns, [], notes))
        blocks.append(Block(name, sections, _legend(used, 12, lang)))
    return blocks


def _text(x) -> str:
    return "" if x is None or fmt.is_missing(x) else str(x)


def _milestones(rec) -> str:
    ms = rec.get("milestones")
    if not ms:
        return ""
    return " " + " ".join(f"[{y}:{fmt.value(v, rec['unit'])}]" for y, v in sorted(ms.items()))
