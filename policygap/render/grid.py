"""Plain-text tables that fit a width: display widths of Chinese text, line
wrapping that never cuts a number or an English word, and the choice of
columns for the room there is.

A terminal shows a Chinese (East Asian wide or fullwidth) character in two
columns and everything else here in one; box-drawing and symbols of
ambiguous width (─ ≥ — †) count as one, as terminals show them by default.

Nothing here imports rich or pandas: a national table written to a file is
a loop over strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

RULE = "─"
KEEP = "\u00a0"  # a space that does not break a line ("no data"); written as a plain space


@lru_cache(maxsize=1 << 18)
def width(text: str) -> int:
    """Columns ``text`` takes on a terminal (Chinese characters count 2)."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE_CHAR.findall(text)) - len(_COMBINING.findall(text))


# Tokens that are never split across lines: a document number (〔2023〕18号)
# and a clause (一(四), 二(二)1), a run of Latin letters, digits and the
# signs that go with numbers (a number with its sign, decimals, % and period;
# an English word), a mark in brackets ([≠二]), a run of spaces, or any
# other single character.
_WIDE = "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3" \
        "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
_WIDE_CHAR = re.compile(f"[{_WIDE}]")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\ufe20-\ufe2f]")
_CLAUSE = "[一二三四五六七八九十]+[(（][一二三四五六七八九十]+[)）]\\d*"
_TOKEN = re.compile(rf"\s+|〔\d{{4}}〕\d*号?|{_CLAUSE}|\[[^\]\n]{{1,16}}\]|[^\s{_WIDE}]+|.")
_UNIT_BREAK = re.compile(r"( +)|(?<=/)(?=[\u4e00-\u9fff])")
# Chinese punctuation that must not begin a line (it stays with what precedes it).
_NO_LINE_START = set("，。、；：？！）》」』】〕,.;:)%")
# ... and brackets and quotes that must not end one (they stay with what follows).
_NO_LINE_END = set("（《「『【〔“‘")


def tokens(text: str, mode: str = "text") -> list[str]:
    """Unbreakable pieces of ``text``. ``mode`` "spaces": break only at
    spaces (a figure with its unit and period stays whole); "text": also
    between Chinese characters; "ids": also after a hyphen that follows a
    letter (target ids: ``anshan-`` ``hitech-`` ``firms-2025``)."""
    if mode == "spaces":  # ordinary spaces, and after the / of a compound unit (吨标准煤/ 万元) when
        # nothing else makes room; a no-break space (KEEP) holds words together
        return [t for t in _UNIT_BREAK.split(text) if t]
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        if out and tok[0] in _NO_LINE_START and not out[-1].isspace():
            out[-1] += tok
        elif out and out[-1][-1].isdigit() and width(tok) == 2:
            out[-1] += tok  # a number keeps its unit: 600家, 2025年
        elif mode == "ids" and "-" in tok:
            out.extend(p for p in re.split(r"(?<=[A-Za-z]-)", tok) if p)
        else:
            out.append(tok)
    # an opening bracket or quote stays with what follows it: never "现90吨（" / "2023年）"
    merged: list[str] = []
    for tok in out:
        if merged and merged[-1] in _NO_LINE_END and not tok.isspace():
            merged[-1] += tok
        else:
            merged.append(tok)
    return merged


def min_width(text: str, mode: str = "text") -> int:
    """The narrowest a column can be without cutting a token of ``text``."""
    return max((width(t) for line in text.split("\n") for t in tokens(line, mode) if not t.isspace()), default=0)


def wrap(text: str, cols: int, mode: str = "text") -> list[str]:
    """``text`` as lines of at most ``cols`` columns, broken between tokens
    (a token wider than ``cols`` gets a line of its own, uncut)."""
    lines: list[str] = []
    for para in text.split("\n"):
        rows: list[list[str]] = [[]]
        used = 0
        for tok in _paths_split(tokens(para, mode), cols):
            w = width(tok)
            if tok.isspace():
                if rows[-1]:
                    rows[-1].append(tok)
                    used += w
                continue
            if used + w > cols and "".join(rows[-1]).strip():
                rows.append([])
                used = 0
            rows[-1].append(tok)
            used += w
        _no_lone_character(rows, cols)
        lines.extend("".join(r).rstrip() for r in rows)
    return lines


def _no_lone_character(rows: list[list[str]], cols: int) -> None:
    """A name must not end on a line of one Chinese character (全社会研发经费投
    / 入): the character before it goes down too (全社会研发经费 / 投入)."""
    if len(rows) < 2 or len(rows[-1]) != 1 or len(rows[-2]) < 3:
        return
    last, before = rows[-1][0], rows[-2][-1]
    lone = len(last) <= 2 and _WIDE_CHAR.match(last)  # 入, or 入 with its closing mark (入）)
    if lone and _WIDE_CHAR.fullmatch(before) and width(before) + width(last) <= cols:
        rows[-1].insert(0, rows[-2].pop())


def _paths_split(toks: list[str], cols: int) -> list[str]:
    """A file path wider than the line (a long temporary folder) breaks after
    its slashes, as a last resort; every other token stays whole."""
    out: list[str] = []
    for tok in toks:
        if "/" in tok and width(tok) > cols:
            out.extend(p for p in re.split(r"(?<=/)", tok) if p)
        else:
            out.append(tok)
    return out


def pad(text: str, cols: int, align: str = "left") -> str:
    gap = " " * max(0, cols - width(text))
    return gap + text if align == "right" else text + gap


@dataclass
class Column:
    """One column: its heading (``short`` is a narrower, two-line form such
    as "完成\\n进度"), alignment, and how its cells may wrap.

    ``wrap``: "none" (never wrapped, never cut), "spaces" (only at spaces:
    "495家 (2024-04)" may become two lines, "495家" never), "text" (also
    between Chinese characters; English words stay whole), "ids" (also
    after hyphens). ``floor``: the narrowest a "text" or "ids" column is
    made before columns are dropped instead.
    """

    key: str
    heading: str
    short: str | None = None
    align: str = "left"
    wrap: str = "none"
    floor: int = 0
    cells: list[str] = field(default_factory=list)
    _natural: int | None = field(default=None, repr=False)

    def natural(self) -> int:
        if self._natural is None:
            # every line of every cell at once (a national table has a million cells)
            lines = "\n".join(self.cells).split("\n") if self.cells else []
            self._natural = max(max(map(width, lines), default=0), width(self.heading))
        return self._natural

    def head_width(self) -> int:
        return max(width(x) for x in (self.short or self.heading).split("\n"))

    def narrowest(self, comfortable: bool) -> int:
        """Comfortable: numbers on one line, text at least ``floor`` wide.
        Otherwise: as narrow as possible without cutting a token."""
        if self.wrap == "none" or (comfortable and self.wrap == "spaces"):
            return max(self.natural() if self.wrap != "none" else
                       max((width(ln) for c in self.cells for ln in c.split("\n")), default=0), self.head_width())
        cells = max((min_width(c, self.wrap) for c in self.cells), default=0)
        floor = min(self.floor, self.natural()) if comfortable else 0
        return max(cells, self.head_width(), floor)


def fit(columns: list[Column], room: int | None, drop: tuple[str, ...] = (), gap: int = 2):
    """The columns to show and their widths.

    ``room`` None: every column at its natural width (a file, a pipe,
    ``--wide``). Otherwise the first of: all columns, then without each of
    ``drop`` in turn, that fits ``room`` comfortably; failing that, the
    fewest columns as narrow as they go. Space left over goes first to
    columns whose figures would wrap, then to the text columns, then to
    one-line headings for the number columns.
    """
    if room is None:
        return columns, [c.natural() for c in columns]
    candidates = [list(columns)]
    for key in drop:
        candidates.append([c for c in candidates[-1] if c.key != key])
    for comfortable in (True, False):
        for shown in candidates if comfortable else candidates[-1:]:
            widths = [c.narrowest(comfortable) for c in shown]
            if sum(widths) + gap * (len(shown) - 1) <= room:
                return shown, _spread(shown, widths, room - sum(widths) - gap * (len(shown) - 1))
    return shown, widths


def _spread(shown: list[Column], widths: list[int], spare: int) -> list[int]:
    # A text column (the indicator's name) first gets back to its floor: a
    # name three characters a line is unreadable, a figure on two lines is not.
    for i, c in enumerate(shown):
        if c.wrap in ("text", "ids"):
            add = max(0, min(c.floor, c.natural(), widths[i] + spare) - widths[i])
            widths[i] += add
            spare -= add
    for modes in (("spaces",), ("text", "ids"), ("none",)):
        growable = [i for i, c in enumerate(shown) if c.wrap in modes]
        while spare > 0 and growable:
            growable = [i for i in growable if shown[i].natural() > widths[i]]
            if not growable:
                break
            share = max(1, spare // len(growable))
            for i in growable:
                add = min(share, shown[i].natural() - widths[i], spare)
                widths[i] += add
                spare -= add
    return widths


def draw(columns: list[Column], widths: list[int], styles=None, colour=None, gap: int = 2,
         titles: list[str] | None = None) -> list[str]:
    """Heading, rule and rows as lines; ``styles[r]`` maps a column key to
    the style of row r's cell, applied by ``colour(text, style)``;
    ``titles[r]``, when given, is a line of its own above row r (a target's
    id, kept whole)."""
    sep = " " * gap
    lines = []
    heads = [c.heading if width(c.heading) <= w else (c.short or c.heading) for c, w in zip(columns, widths)]
    head_cells = [h.split("\n") if "\n" in h else wrap(h, w) for h, w in zip(heads, widths)]
    for k in range(max((len(h) for h in head_cells), default=0)):
        parts = [pad(h[k] if k < len(h) else "", w, c.align) for h, c, w in zip(head_cells, columns, widths)]
        line = sep.join(parts).rstrip()
        lines.append(colour(line, "bold") if colour else line)
    lines.append(sep.join(RULE * w for w in widths))
    n_rows = len(columns[0].cells) if columns else 0
    # A column as wide as its widest line never wraps: its cells are split only at their own line breaks.
    fits = [c.natural() <= w for c, w in zip(columns, widths)]
    for r in range(n_rows):
        # a tab (a quote from a table: 技术合同成交额\t亿元\t3.2) would jump to the
        # terminal's next tab stop, past the column: shown as the one space it is counted as
        row = [c.cells[r].replace("\t", " ") for c in columns]
        if titles is None and (colour is None or not styles) and all(fits) and not any("\n" in x for x in row):
            # one line, nothing to wrap or colour: the common row of a table into a file
            lines.append(sep.join(pad(x, w, c.align) for x, c, w in zip(row, columns, widths)).rstrip())
            continue
        cells = [x.split("\n") if ok or c.wrap == "none" or width(x) <= w else wrap(x, w, c.wrap)
                 for x, c, w, ok in zip(row, columns, widths, fits)]
        style = styles[r] if styles else {}
        if titles is not None:  # wrapped (at hyphens) only when wider than the whole table
            for line in wrap(titles[r], max(sum(widths) + gap * (len(widths) - 1), 1), "ids"):
                lines.append(colour(line, "bold") if colour else line)
        for k in range(max(len(x) for x in cells)):
            parts = []
            for c, w, x in zip(columns, widths, cells):
                text = x[k] if k < len(x) else ""
                part = pad(text, w, c.align)
                if colour and text and style.get(c.key):
                    part = part.replace(text, colour(text, style[c.key]), 1)
                parts.append(part)
            lines.append(sep.join(parts).rstrip())
    return lines
