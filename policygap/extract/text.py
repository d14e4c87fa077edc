"""A policy text cut into headings, sentences and clauses, with offsets into
the original text so that every quote is a verbatim substring of it.

Normalisation is one character for one character (full-width digits and
punctuation become their ASCII forms: ``１５，`` -> ``15,``), so an offset in
the normalised text is the same offset in the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..numbers import CHINESE_NUMERAL_CHARS


def normalize(text: str) -> str:
    """NFKC per character where it stays one character (１->1, ，->, ％->%)."""
    out = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        out.append(n if len(n) == 1 else ch)
    return "".join(out)


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


_SENTENCE_END = re.compile(r"[。!?;]")
_CLAUSE_END = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|[:]")


def segment(text: str) -> Segmented:
    norm = normalize(text)
    seg = Segmented(text, norm)
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
                for c0, c1 in _spans(body, _CLAUSE_END)
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
