"""A policy text cut into headings, sentences and clauses, with offsets into
the original text so that every quote is a verbatim substring of it.

Stage 1, normalise (``clean``): the noise of web copies is taken out —
HTML tags and entities (``<p style=…>``, ``&quot;``), inline pinyin after a
character (``報(bào)``), spaces inside numbers and between a number and its
word (``到 2027 年``), a box drawn around a 专栏, the line ends of a PDF
copy's wrapped lines — and an ``OffsetMap`` remembers where every kept
character was. Then, one character for one character: traditional characters
become simplified (OpenCC, when the text is written in them), full-width
digits and punctuation their ASCII forms (``１５，`` -> ``15,``), and years
written in Chinese numerals ASCII digits (``二〇二八年`` -> ``2028年``).

Stage 2, segment: lines, headings, sentences, clauses. A clause is at most
``MAX_CLAUSE`` characters (longer runs are cut), so the work per clause is
bounded and reading is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, field

from ..numbers import CHINESE_NUMERAL_CHARS


def normalize(text: str) -> str:
    """NFKC per character where it stays one character (１->1, ，->, ％->%)."""
    table = {}
    for ch in set(text):
        n = unicodedata.normalize("NFKC", ch)
        if n != ch and len(n) == 1:
            table[ord(ch)] = n
    return text.translate(table) if table else text


# --------------------------------------------------------------------------
# Stage 1: normalise, keeping offsets

class OffsetMap:
    """Where each character of a cleaned text was in the original: a list of
    breakpoints (clean offset, original offset), each the start of a run kept
    as it was. Between breakpoints offsets move together."""

    def __init__(self, clean_starts: list[int], orig_starts: list[int], orig_len: int,
                 replaced: dict[int, int] | None = None):
        self._clean = clean_starts
        self._orig = orig_starts
        self._orig_len = orig_len
        self._replaced = replaced or {}  # clean offset of a character that stands for more -> its original end

    def to_original(self, pos: int) -> int:
        """The original offset of clean offset ``pos`` (an end offset maps to
        just after the character before it)."""
        if not self._clean:
            return pos
        i = bisect.bisect_right(self._clean, pos) - 1
        if i < 0:
            return pos
        return min(self._orig[i] + (pos - self._clean[i]), self._orig_len)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the clean span [start, end)."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        last = end - 1
        return self.to_original(start), self._replaced.get(last, self.to_original(last) + 1)


# The noise of web copies, one alternative per kind; every piece is bounded so
# that the pattern runs in linear time.
_NOISE_RE = re.compile(
    r"(?P<block></?(?:p|div|br|li|tr|h\d|section|article)\b[^<>]{0,4000}>)"  # a block tag: a line break
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9]{0,20}\b[^<>]{0,4000}>|<!--[^<>]{0,4000}-->)"  # any other tag: nothing
    r"|(?P<ent>&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)"  # an entity: its character
    r"|(?<=[\u3400-\u9fff])(?P<pinyin>\((?:[a-z]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü][a-zü]{0,6}|[a-z]{1,6}[1-5])\))"
    r"|(?P<space>[ \t\u00a0\u3000]{1,64})"  # one space may go; tabs and wider gaps part table cells
    r"|(?P<box>[\u2500-\u257f]{1,400})"  # a box drawn around a 专栏 (┌──┐ │…│): a cell's edge or nothing
    r"|(?P<wrap>\r?\n)"  # a line end: where a PDF copy wrapped a sentence (wrapped_at), nothing
)
_BOX_VERTICAL = frozenset("│┃║╎╏┆┇┊┋")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


_RUN_BEFORE = re.compile(r"(?<![\d.,])\d{1,3}$")
_GROUP_AFTER = re.compile(r"\d{3,4}(?![\d.])")  # 5 000家 (thousands), 5 0000人 (grouped by 万)
_SPACED_RUN = re.compile(r"(?<!\d)(?<!\d )\d(?: \d){2,7}(?= ?[\u4e00-\u9fff%])")  # 1 5 0家: digits typed apart


def _spaced_digits(text: str, at: int) -> bool:
    """Whether the space at ``at`` stands inside one number: 5 000 (grouped by
    thousands), 5 0000 (by 万) or 1 5 0 (digits spaced out), not between two
    figures (2025 2027, 0571-8690 2216)."""
    before = _RUN_BEFORE.search(text, max(0, at - 4), at)
    if before is None:
        return False
    if _GROUP_AFTER.match(text, at + 1):
        return True
    if len(before.group(0)) != 1:
        return False
    run = _SPACED_RUN.search(text, max(0, at - 15), at + 16)
    while run is not None and run.end() <= at:
        run = _SPACED_RUN.search(text, run.end(), at + 16)
    return run is not None and run.start() < at < run.end()


# A PDF copy wraps its lines at one width: most of its long lines are within
# a few columns of it (a Chinese character two columns, a digit one). A line
# that full, not ended by a sentence's stop, goes on on the next line unless
# that line opens a new item.
_LINE_STOP = frozenset("。！？；：!?;:”」』）)》>】")
_GOES_ON = re.compile(r"[\u3400-\u9fff\d%A-Za-z（(“]")
_STOP_FIRST = frozenset("、，,。；;：:）)”")
_NEW_ITEM = re.compile(r"(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d)|"
                       r"第[一二三四五六七八九十百\d]+[章节条部]|专栏|附件|表\s?\d)")
_LONG_LINE = 40  # columns: shorter lines are headings, cells and signatures


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def wrap_width(text: str) -> int | None:
    """The width a PDF copy wrapped its lines at, or None for a text whose
    lines are paragraphs (no width most long lines share)."""
    from collections import Counter

    widths = [_columns(line.rstrip()) for line in text[:200_000].split("\n")]
    long_ = [w for w in widths if w >= _LONG_LINE]
    if len(long_) < 4:
        return None
    width = Counter(long_).most_common(1)[0][0]
    full = sum(width - 3 <= w <= width + 1 for w in long_)
    return width if full >= max(4, 0.4 * len(long_)) else None


def wrapped_at(text: str, start: int, end: int, width: int | None) -> bool:
    """Whether the line end at ``start`` cuts a sentence a PDF copy wrapped
    at ``width`` (…吸纳技 / 术合同成交额…, 持证技术经纪人 / 达到50名)."""
    if width is None:
        return False
    line = text[text.rfind("\n", 0, start) + 1:start].rstrip("\r")
    nxt = text[end:end + 40]
    stripped = line.rstrip()
    if not stripped or not nxt or "\t" in line or "  " in line.strip() or "|" in line:
        return False  # (a row of cells)
    if nxt[0] in _STOP_FIRST:
        return True  # …达到45家 / 、力争达到50家: no line opens with a stop
    if stripped[-1] in _LINE_STOP or _columns(stripped) < width - 3:
        return False
    return bool(_GOES_ON.match(nxt)) and not _NEW_ITEM.match(nxt)


def clean(text: str) -> tuple[str, OffsetMap]:
    """The text with the noise of web copies taken out, and where each kept
    character came from. Spaces go only where they stand inside a number or
    between a number or a Chinese character and another (``到 2027 年``,
    ``1200 亿元``); spaces between two ASCII words stay, as do spaces between
    two numbers (two figures, not one)."""
    out: list[str] = []
    clean_starts: list[int] = []
    orig_starts: list[int] = []
    replaced: dict[int, int] = {}
    pos = 0  # original offset of the next character to copy
    length = 0  # length of the clean text so far

    def keep(upto: int):
        nonlocal length
        if upto > pos:
            clean_starts.append(length)
            orig_starts.append(pos)
            out.append(text[pos:upto])
            length += upto - pos

    width = wrap_width(text)
    for m in _NOISE_RE.finditer(text):
        kind = m.lastgroup
        if kind == "wrap":
            if wrapped_at(text, m.start(), m.end(), width):
                keep(m.start())
                pos = m.end()
            continue
        if kind == "space":
            if m.end() - m.start() > 1 or m.group(0) == "\t":
                continue
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if not before or not after or before == "\n" or after == "\n":
                continue
            if _ASCII_WORD.match(before) and _ASCII_WORD.match(after) and not _spaced_digits(text, m.start()):
                continue  # R&D 经费 keeps nothing here; two words or two numbers keep the space
            keep(m.start())
            pos = m.end()
            continue
        keep(m.start())
        if kind == "box":
            before = text[m.start() - 1] if m.start() else "\n"
            after = text[m.end()] if m.end() < len(text) else "\n"
            if set(m.group(0)) <= _BOX_VERTICAL and before not in "\r\n" and after not in "\r\n":
                clean_starts.append(length)  # │ between two cells: a cell's edge, as | in a table
                orig_starts.append(m.start())
                replaced[length] = m.end()
                out.append("|")
                length += 1
        elif kind == "block":
            clean_starts.append(length)
            orig_starts.append(m.start())
            out.append("\n")
            length += 1
        elif kind == "ent":
            ch = html.unescape(m.group(0))
            if len(ch) == 1:
                clean_starts.append(length)
                orig_starts.append(m.start())
                replaced[length] = m.end()
                out.append(ch)
                length += 1
        pos = m.end()
    keep(len(text))
    return "".join(out), OffsetMap(clean_starts, orig_starts, len(text), replaced)


_HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def simplified(text: str) -> str:
    """Traditional characters as simplified (OpenCC ``t2s``), one character
    for one character so that offsets hold. A text in traditional characters
    is converted whole; in a text mostly in simplified ones (fewer than 3% of
    its characters change), each traditional character is (a web copy that
    mixes them: 科技型中小企業評價入庫數達到2500家, or one 達 in a line), but
    not one that is also written in simplified text (乾县, 乾安: not 干)."""
    if not text or not _HAN_RE.search(text):
        return text
    try:
        import opencc
    except ImportError:  # the dependency is declared; without it the text is read as written
        return text
    conv = opencc.OpenCC("t2s")
    sample = text[:20000]
    han = len(_HAN_RE.findall(sample))
    changed = sum(a != b for a, b in zip(sample, _same_length(conv, sample)))
    if han == 0 or changed == 0:
        return text
    if changed >= 0.03 * han:
        return _same_length(conv, text)
    return "".join(b if a not in _ALSO_SIMPLIFIED else a for a, b in zip(text, _same_length(conv, text)))


# Characters t2s changes that simplified text uses too, in names (乾县, 乾安县).
_ALSO_SIMPLIFIED = frozenset("乾")


def _same_length(conv, text: str) -> str:
    """Converted line by line; a line whose length changes (a phrase mapped to
    a longer or shorter one) is converted character by character."""
    lines = text.split("\n")
    out = []
    for line in lines:
        c = conv.convert(line)
        if len(c) != len(line):
            c = "".join(x if len(x := conv.convert(ch)) == 1 else ch for ch in line)
        out.append(c)
    return "\n".join(out)


_CN = "一二三四五六七八九十"
# Heading levels: 一、 / (一) / 1. / (1) / 第一章 第一条.
_HEADINGS = (
    (1, re.compile(rf"^第[{_CN}\d]+[章节部分]+")),
    (1, re.compile(rf"^([{_CN}]+)、")),
    (2, re.compile(rf"^\(([{_CN}]+)\)")),
    (2, re.compile(rf"^第[{_CN}\d]+条")),
    (3, re.compile(r"^(\d{1,2})(?:[.、](?!\d)|\s)")),
    (4, re.compile(r"^\((\d{1,2})\)")),
)


@dataclass
class Clause:
    start: int  # offset in the text
    end: int
    text: str  # normalised


@dataclass
class Sentence:
    start: int
    end: int
    text: str  # normalised
    clauses: list[Clause]
    line: int  # index of its line (paragraph)
    label: str  # clause label of the heading it is under, e.g. 一(四) or 二(一)4
    headings: tuple  # titles of the headings it is under, outermost first
    after_heading: bool  # first sentence after a heading line began
    first_in_line: bool
    heading_level: int = 0  # level of the heading its line starts with (0: none)


@dataclass
class Segmented:
    original: str
    norm: str
    sentences: list[Sentence] = field(default_factory=list)
    offsets: OffsetMap | None = None  # norm offsets -> original offsets
    _line_ends: list | None = field(default=None, repr=False)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span(start, end) if self.offsets else (start, end)

    def line_start(self, pos: int) -> int:
        """Where the line holding ``pos`` starts (the line ends found once:
        no scan back over a long line for every clause)."""
        if self._line_ends is None:
            self._line_ends = [m.start() for m in re.finditer("\n", self.norm)]
        i = bisect.bisect_left(self._line_ends, pos) - 1
        return self._line_ends[i] + 1 if i >= 0 else 0


# Longest clause read at once: a run of text with no punctuation longer than
# this is cut (no real clause is near it), which keeps reading linear.
MAX_CLAUSE = 160


_SENTENCE_END = re.compile(r"[。!?;]")
_CLAUSE_END = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|[:]")


# A year written digit by digit in Chinese numerals (二〇二八年), as formal
# documents sometimes do: the same four characters as ASCII digits.
_CHINESE_YEAR_RE = re.compile(r"(?<![〇零一二三四五六七八九十百千万亿两])[一二][〇零一二三四五六七八九]{3}(?=年)")
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def arabic_years(text: str) -> str:
    """二〇二八年 -> 2028年, 一九九八年 -> 1998年, one character for one character."""
    return _CHINESE_YEAR_RE.sub(lambda m: m.group(0).translate(_YEAR_DIGITS), text)


def segment(text: str) -> Segmented:
    cleaned, offsets = clean(text)
    norm = arabic_years(normalize(simplified(cleaned)))
    seg = Segmented(text, norm, offsets=offsets)
    stack: dict[int, tuple[str, str]] = {}  # level -> (label, title)
    pos = 0
    for line_no, raw in enumerate(norm.split("\n")):
        line_start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            continue
        offset = line_start + (len(raw) - len(raw.lstrip()))
        heading = _heading(stripped)
        if heading:
            level, label, title = heading
            for lv in [k for k in stack if k >= level]:
                del stack[lv]
            stack[level] = (label, title)
        label = "".join(_render_label(lv, stack[lv][0]) for lv in sorted(stack))
        titles = tuple(stack[lv][1] for lv in sorted(stack))
        first = True
        for s_start, s_end in _spans(stripped, _SENTENCE_END):
            body = stripped[s_start:s_end]
            if not body.strip():
                continue
            clauses = [
                Clause(offset + s_start + c0, offset + s_start + c1, body[c0:c1])
                for c0, c1 in _bounded(_spans(body, _CLAUSE_END))
                if body[c0:c1].strip()
            ]
            seg.sentences.append(Sentence(
                offset + s_start, offset + s_end, body, clauses, line_no, label, titles,
                after_heading=bool(heading) and first, first_in_line=first,
                heading_level=heading[0] if heading else 0,
            ))
            first = False
    return seg


def _spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Pieces of ``text`` each ending with its delimiter (kept)."""
    out, start = [], 0
    for m in pattern.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _bounded(spans):
    """Clauses cut to at most MAX_CLAUSE characters."""
    for a, b in spans:
        while b - a > MAX_CLAUSE:
            yield a, a + MAX_CLAUSE
            a += MAX_CLAUSE
        yield a, b


def _heading(line: str):
    for level, pattern in _HEADINGS:
        m = pattern.match(line)
        if m:
            label = m.group(1) if m.groups() else m.group(0)
            rest = line[m.end():]
            title = re.split(r"[。.;]", rest, maxsplit=1)[0].strip()
            return level, label, title
    return None


def _render_label(level: int, label: str) -> str:
    if level == 2 and label[0] in CHINESE_NUMERAL_CHARS:
        return f"({label})"
    return label
