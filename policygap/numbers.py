"""Reading numbers the way offices write them.

One place for every number form policygap accepts, used by the observations
loader, the targets loader and the policy-text extractor:

* full-width digits, signs and punctuation (``１５.９８``, ``－３``, ``６０％``);
* thousands separators in valid groups (``1,300``; ``1,30`` is refused);
* a magnitude or unit after the number (``15.98亿``, ``15.98亿元``, ``1598万元``,
  ``60%``), converted exactly into the unit of the column;
* Chinese numerals (``两个``, ``一万``, ``百分之九``, ``二〇二五``) for policy text.

Anything that could be read two ways is an error with a reason, never a guess.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .i18n import _
from . import units

# 约 (about) and 预计 (estimated) mark a provisional figure: the number is kept
# and the observation is flagged, as the sources themselves do.
PROVISIONAL_PREFIXES = ("预计", "大约", "约")

_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)?"
    r"(?P<frac>\.\d+)?"
    r"(?P<rest>.*)$",
    re.ASCII,
)

# A number as a program writes it (what float() should be asked to read):
# ASCII digits, a point, an exponent. float() alone would also take "1_000",
# Arabic-Indic digits and surrounding spaces of any kind.
_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_NOT_FINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class NumberError(ValueError):
    """A cell or phrase that is not a number policygap can read unambiguously."""


def foreign_digit(text: str) -> str | None:
    """The first character of ``text`` that is a digit of some kind but not one
    an office types (ASCII 0-9 or full-width ０-９): a superscript footnote
    mark (¹), a subscript, a circled number (①), a fraction (½), a Roman
    numeral (Ⅳ) or another script's digit (٤). NFKC would quietly turn ``495¹``
    into 4951; these are refused instead. Chinese numerals are words, not
    digits, and are left to the readers that take them."""
    for ch in text:
        if ch.isascii() or "０" <= ch <= "９" or ch in CHINESE_NUMERAL_CHARS:
            continue
        if unicodedata.category(ch) in ("Nd", "No", "Nl"):
            return ch
    return None


def check_digits(raw: str) -> None:
    """NumberError naming the character if ``raw`` holds a digit policygap does
    not read (see foreign_digit); a mark after the number is called what it
    most likely is, a footnote."""
    ch = foreign_digit(raw)
    if ch is None:
        return
    text = raw.strip()
    tail = len(text)
    while tail and foreign_digit(text[tail - 1]) is not None:
        tail -= 1
    figure = text[:tail].strip()
    if tail < len(text) and figure and _PLAIN.fullmatch(normalize(figure).replace(",", "")):
        raise NumberError(_("{value}: {mark} after the number looks like a footnote mark; write the "
                            "figure alone ({figure}) and the note in a note column").format(
                                value=repr(raw), mark=repr(text[tail:]), figure=figure))
    raise NumberError(_("{value}: {character} is not a digit policygap reads; write digits 0-9").format(
        value=repr(raw), character=repr(ch)))


def plain_float(text) -> float | None:
    """``text`` as a float if it is a plain ASCII number (``473``, ``-1.5``,
    ``2e3``), else None. ``nan`` and ``inf`` raise NumberError: no plan or
    statistic is written that way."""
    s = str(text).strip()
    if _PLAIN.fullmatch(s):
        value = float(s)
        if not math.isfinite(value):
            raise NumberError(_("{value} is not a finite number").format(value=repr(text)))
        return value
    if s.lower() in _NOT_FINITE:
        raise NumberError(_("{value} is not a finite number").format(value=repr(text)))
    return None


# The figures policygap computes with, in the unit of their column: far
# beyond any plan or statistic (China's GDP is about 1.3 * 10^6 亿元), and
# close enough together that a growth rate over one month from the smallest
# to the largest, (10^24)^12 = 10^288, is still a finite number.
MAX_MAGNITUDE = 1e15
MIN_MAGNITUDE = 1e-9


def out_of_range(values):
    """Mask of the figures outside what policygap computes with (NaN is not)."""
    import numpy as np

    size = np.abs(np.asarray(values, dtype=float))
    with np.errstate(invalid="ignore"):
        return (size > MAX_MAGNITUDE) | ((size > 0) & (size < MIN_MAGNITUDE))


def range_problem(value: float, raw) -> str | None:
    """Why ``value`` (read from ``raw``) is too large or too small, or None."""
    size = abs(value)
    if not math.isfinite(value) or size > MAX_MAGNITUDE:
        return _("{value} is too large a figure to compute with (at most 10^15 in the indicator's unit)").format(
            value=repr(raw))
    if 0 < size < MIN_MAGNITUDE:
        return _("{value} is too small a figure to compute with (0, or at least 10^-9 in the indicator's "
                 "unit)").format(value=repr(raw))
    return None


def ascii_digits(text: str) -> str:
    """Full-width digits to ASCII, nothing else: for years and periods."""
    return text.translate(_FULL_WIDTH_DIGITS)


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), trimmed; 。 and ． read as a decimal point
    only between digits."""
    text = unicodedata.normalize("NFKC", text).strip()
    return re.sub(r"(?<=\d)[。．](?=\d)", ".", text)


_DATE = re.compile(r"(?:19|20|21)\d\d[-/.年](?:0?[1-9]|1[0-2])(?:[-/.月](?:0?[1-9]|[12]\d|3[01])日?|月)?")


def parse_value(text: str, unit: str | None) -> tuple[float, bool]:
    """Parse a cell into a float in ``unit``; return ``(value, provisional)``.

    ``unit`` is the unit of the column (the indicator's unit); a unit or
    magnitude written after the number is converted into it exactly.
    """
    raw = text
    if _PLAIN.fullmatch(str(raw).strip()):
        # 473, -1.5, 1e20 as they are (beyond a float, inf, as the exact path
        # below gives too): the callers' range check says "too large"
        return float(str(raw).strip()), False
    check_digits(raw)
    text = normalize(text)
    provisional = False
    for prefix in PROVISIONAL_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):].strip()
            provisional = True
            break
    if not text:
        raise NumberError(_("{value} is not a number").format(value=repr(raw)))
    if _DATE.fullmatch(text):  # a period typed (or a cell Excel made a date) where the figure goes
        raise NumberError(_("{value} is a date, not a number: the figure goes here, its period in the period "
                            "column").format(value=repr(raw)))
    m = _NUMBER.match(text)
    if not m or (m.group("int") is None and m.group("frac") is None):
        raise NumberError(_("{value} is not a number").format(value=repr(raw)))
    digits = (m.group("int") or "0").replace(",", "") + (m.group("frac") or "")
    rest = m.group("rest").strip()
    if rest.startswith(","):
        raise NumberError(_("{value}: thousands separators must group three digits (as in 1,300)").format(value=repr(raw)))
    try:
        number = Decimal(m.group("sign") + digits)
    except InvalidOperation:
        raise NumberError(_("{value} is not a number").format(value=repr(raw))) from None
    if rest:
        number *= _suffix_factor(raw, rest, unit)
    return float(number), provisional


def _suffix_factor(raw: str, suffix: str, unit: str | None) -> Decimal:
    if unit is None:
        raise NumberError(_("{value}: a unit after the number needs a known indicator unit").format(value=repr(raw)))
    if suffix == unit:
        return Decimal(1)  # the indicator's own unit, known to policygap or not (0.45吨标准煤/万元)
    if suffix in units.MAGNITUDES:
        # "15.98亿" in a 亿元 column: the magnitude applies to the column's base unit.
        try:
            col_scale, _base = units.split_unit(unit)
        except units.UnitError:
            raise NumberError(_("{value}: unknown unit {unit}").format(value=repr(raw), unit=repr(unit))) from None
        _check_magnitude(raw, suffix, unit)
        return units.MAGNITUDES[suffix] / col_scale
    if not units.is_known(suffix):
        raise NumberError(_("{value}: {suffix} after the number is not a unit policygap knows").format(
            value=repr(raw), suffix=repr(suffix)))
    try:
        return units.factor(suffix, unit)
    except units.UnitError:
        raise NumberError(_("{value}: {suffix} cannot be converted to {unit}").format(
            value=repr(raw), suffix=repr(suffix), unit=repr(unit))) from None


def _check_magnitude(raw: str, suffix: str, unit: str) -> None:
    """68亿 in a 家 column is 6.8 billion firms: a slip, refused; so is any
    magnitude on a share, a rank or a rate (2万%)."""
    dim = units.dimension(unit)
    if dim in units.UNSCALED or (dim in units.COUNTS and units.MAGNITUDES[suffix] >= units.MAGNITUDES["亿"]):
        raise NumberError(_("{value}: {suffix} cannot scale a figure in {unit}; write the figure in {unit}").format(
            value=repr(raw), suffix=suffix, unit=unit))


# --------------------------------------------------------------------------
# Chinese numerals (for policy text)

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_LARGE)


def chinese_to_int(text: str) -> int:
    """``"两"`` -> 2, ``"十五"`` -> 15, ``"一万"`` -> 10000, ``"二〇二五"`` -> 2025."""
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise NumberError(_("{value} is not a Chinese numeral").format(value=repr(text)))
    if all(ch in _DIGITS for ch in text) and len(text) > 1:
        # Digit-by-digit form used for years: 二〇二五.
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                section = 1
            total = (total + section) * _LARGE[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


_RANGE_SEP = r"\s*(?:-|—|–|~|至|到)\s*"
_FIND = re.compile(
    r"(?P<pct>百分之)?"
    r"(?:(?P<num>\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:" + _RANGE_SEP + r"(?P<num2>\d+(?:\.\d+)?))?"
    r"|(?P<cn>[" + CHINESE_NUMERAL_CHARS + r"]+))"
    r"(?P<mag>万亿|千亿|百亿|亿|千万|百万|十万|万|千)?"
)


class Quantity:
    """A number found in text: ``value`` with its magnitude applied, where it
    is (``start``, ``end`` in the text searched), whether it was written in
    Chinese numerals or as 百分之…, and the upper end of a range (1—2家)."""

    __slots__ = ("value", "start", "end", "percent", "chinese", "high", "magnitude", "text")

    def __init__(self, value, start, end, percent, chinese, high, magnitude, text):
        self.value, self.start, self.end = value, start, end
        self.percent, self.chinese, self.high = percent, chinese, high
        self.magnitude, self.text = magnitude, text

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Quantity({self.text!r}={self.value}, {self.start}:{self.end})"


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` (already normalized), left to right.

    Chinese numerals are read with ``chinese_to_int``; a run that is not a
    numeral (``十四五`` reads, but ``万众`` is a lone magnitude) is left out:
    a lone 百/千/万/亿 is a word (百强, 千家万户, 每万人), not a number. Digits
    glued to Latin letters (SF6, 5G, 3D) are not quantities.
    """
    out: list[Quantity] = []
    for m in _FIND.finditer(text):
        start = m.start()
        before = text[start - 1] if start else ""
        if before.isascii() and (before.isalnum() or before == "."):
            continue
        after = text[m.end()] if m.end() < len(text) else ""
        if after.isascii() and after.isalpha() and m.group("cn") is None:
            continue
        high = None
        if m.group("num") is not None:
            value = Decimal(m.group("num").replace(",", ""))
            if m.group("num2") is not None:
                high = Decimal(m.group("num2"))
            chinese = False
        else:
            cn = m.group("cn")
            if cn in ("百", "千", "万", "亿") or cn[0] in "万亿" or _malformed(cn):
                continue
            try:
                value = Decimal(chinese_to_int(cn))
            except NumberError:
                continue
            chinese = True
        mag = m.group("mag")
        if mag:
            value *= units.MAGNITUDES[mag]
            if high is not None:
                high *= units.MAGNITUDES[mag]
        out.append(Quantity(value, start, m.end(), bool(m.group("pct")), chinese, high, mag, m.group(0)))
    return out


def _malformed(cn: str) -> bool:
    """``十四五`` or ``四五``: digits side by side in a numeral that is not a
    digit-by-digit year (二〇二五) are a name, not a number."""
    if all(ch in _DIGITS for ch in cn):
        return len(cn) > 1 and len(cn) != 4
    return any(a in _DIGITS and b in _DIGITS for a, b in zip(cn, cn[1:]))
