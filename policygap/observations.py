"""Reading the observations file (data/baselines.csv): one figure a row.

Columns: ``region, indicator, period, value`` (required), ``unit, source,
provisional, note`` (optional; more are allowed). Headers may also be written
in Chinese (地区, 指标, 期间, 数值, 单位, 来源, 初步, 备注).

What offices hand in is accepted when it can be read one way only: UTF-8 or
GB18030/GBK, CRLF, ``1,300``, ``１５.９８亿``, ``15.98亿元`` in a 亿元 column,
``60%`` in a percent column, 约/预计 before a number (kept, flagged
provisional), a unit that converts exactly (1598万元 -> 0.1598亿元), region and
indicator names or aliases instead of ids. A blank value (or —, /, 无, 暂无:
no figure yet) is a missing figure and the row is skipped. Everything else is an error naming the line and field.

Work is done once per distinct value (there are few regions, indicators,
periods and units, however many rows), so a million rows cost what pandas
needs to read them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .i18n import N_, _
from . import periods, units
from .errors import ERROR, WARNING, PolicygapError, Problem, Suggestions
from .numbers import NumberError, out_of_range, parse_value, plain_float, range_problem
from .textio import read_csv_table

REQUIRED = ("region", "indicator", "period", "value")
OPTIONAL = ("unit", "source", "provisional", "note")
# What a department writes in a form for "no figure yet" (暂无): a blank value.
NO_FIGURE = frozenset({"—", "——", "-", "--", "－", "–", "/", "／", "无", "暂无", "N/A", "n/a", "NA", "…", "……"})
HEADER_ALIASES = {
    "地区": "region", "区域": "region", "行政区": "region",
    "指标": "indicator", "指标id": "indicator",
    "期间": "period", "时期": "period", "时间": "period", "年份": "period",
    "数值": "value", "值": "value", "数据": "value",
    "单位": "unit", "来源": "source", "出处": "source",
    "初步": "provisional", "初步数": "provisional", "备注": "note",
}
TRUE_WORDS = {"true", "yes", "y", "1", "是", "初步", "预计", "估计", "provisional"}
FALSE_WORDS = {"false", "no", "n", "0", "否", ""}

# Beyond this many rows with one and the same problem, the rest are counted.
MAX_SAME_PROBLEM = 20

OBS_COLUMNS = ["region", "indicator", "index", "period", "value", "provisional", "source", "line",
               "region_code", "indicator_code"]


@dataclass
class Observations:
    frame: object  # DataFrame with OBS_COLUMNS
    path: str
    problems: list  # warnings (errors are raised)


class _Collector:
    """Problems, with one kind of problem capped so a broken column in a
    million-row file gives a readable list."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self._counts: dict[str, tuple[int, str, str]] = {}

    def add(self, key: str, line, fieldname: str, message, severity=ERROR, col=None):
        """``message``: the text, or a function giving it, called only for the
        problems listed (a suggestion costs a search of every name)."""
        n = self._counts.get(key, (0,))[0] + 1
        self._counts[key] = (n, fieldname, severity)
        if n <= MAX_SAME_PROBLEM:
            text = message() if callable(message) else message
            self.problems.append(Problem(self.path, line, fieldname, text, severity, col))

    def finish(self) -> list[Problem]:
        for n, fieldname, severity in self._counts.values():
            if n > MAX_SAME_PROBLEM:
                self.problems.append(Problem(
                    self.path, None, fieldname,
                    _("… and {count} more rows with a problem in this column").format(count=f"{n - MAX_SAME_PROBLEM:,}"),
                    severity))
        return self.problems


def _header(frame, path: str) -> tuple[dict[str, str], list[Problem]]:
    """Map the file's headers to canonical names; report what is missing."""
    mapping, problems, seen = {}, [], {}
    for i, col in enumerate(frame.columns):
        name = str(col)
        key = name.lower()
        canon = HEADER_ALIASES.get(name, HEADER_ALIASES.get(key, key))
        if canon in seen and canon in (*REQUIRED, *OPTIONAL):
            problems.append(Problem(path, 1, name, _("column {name} is the {canonical} column again (columns {first} "
                                                "and {second})").format(name=repr(name), canonical=repr(canon),
                                                                        first=seen[canon] + 1, second=i + 1),
                                    col=i + 1))
            mapping[col] = f"{name} (column {i + 1})"
            continue
        seen[canon] = i
        mapping[col] = canon
    # One column whose name holds ; or a tab: a file separated by something
    # other than commas (Excel in some locales, a copy from a web page).
    only = str(frame.columns[0]) if len(frame.columns) == 1 else ""
    separator = next((name for sep, name in ((";", _("semicolons")), ("\t", _("tabs"))) if sep in only), None)
    for req in REQUIRED:
        if req not in seen:
            close = difflib.get_close_matches(req, [str(c).strip().lower() for c in frame.columns], n=1, cutoff=0.6)
            hint = _(" (is {name} meant to be {column}?)").format(name=repr(close[0]), column=repr(req)) if close else ""
            if separator:
                hint = _(" (the columns are separated by {separator}: save the file as \"CSV UTF-8\", which "
                         "separates them by commas)").format(separator=separator)
            problems.append(Problem(path, 1, req, _("missing column {column}; the header must have "
                                                    "region,indicator,period,value (unit,source optional){hint}").format(
                                                        column=repr(req), hint=hint)))
    return mapping, problems


def load_observations(path: Path, defs, numeric: bool = True, lines_above: int = 0) -> Observations:
    """Read and check the observations file against the definitions in the
    targets file: the rows that passed and every problem found (a header
    that cannot be read raises PolicygapError)."""
    import numpy as np
    import pandas as pd

    spath = str(path)
    table = read_csv_table(path, N_("observations file"), "region,indicator,period,value,unit,source",
                           types=_column_types if numeric else _text_types)
    frame = table.frame
    mapping, header_problems = _header(frame, spath)
    header_problems = [p for p in table.problems if p.line == 1] + header_problems
    if any(p.is_error for p in header_problems):
        raise PolicygapError(problems=header_problems + [p for p in table.problems if p.line != 1])
    frame = frame.rename(columns=mapping)
    col_no = {canon: i + 1 for i, canon in enumerate(frame.columns)}
    frame["_line"] = table.lines
    for opt in OPTIONAL:
        if opt not in frame.columns:
            frame[opt] = ""
    out = _Collector(spath)
    out.problems.extend(table.problems)  # rows that could not be read at all
    lines = frame["_line"].to_numpy()

    # Columns with few distinct values are cleaned once per value, not per row.
    region_codes, region_uniques = _distinct(frame["region"])
    ind_codes, ind_uniques = _distinct(frame["indicator"])
    p_codes, p_uniques = _distinct(frame["period"])
    unit_codes, unit_uniques = _distinct(frame["unit"])

    def blank(codes, uniques):
        return np.array([u == "" for u in uniques] + [True], dtype=bool)[codes]

    # A blank value is a missing figure: the row is skipped. A row with a value
    # but no region, indicator or period is an error. A file of plain numbers
    # was read as numbers by the parser (blank cells are NaN); otherwise the
    # column is text, plain numbers are converted in bulk and the rest below.
    if frame["value"].dtype.kind == "f":
        raw_value = None
        values = frame["value"].to_numpy(dtype=float, copy=True) + 0.0  # -0.0 reads as 0
        value_blank = np.isnan(values)
        if out_of_range(values).any():  # rare: read again as text, so messages quote the cell as written
            return load_observations(path, defs, numeric=False)
    else:
        raw_value = frame["value"].to_numpy(dtype=object)
        values = np.array(pd.to_numeric(frame["value"], errors="coerce"), dtype=float)  # a writable copy
        value_blank = np.zeros(len(values), dtype=bool)
        for i in np.flatnonzero(np.isnan(values)):  # only cells that are not plain numbers can be blank
            v = raw_value[i]
            value_blank[i] = v is None or (isinstance(v, str) and (not v.strip() or v.strip() in NO_FIGURE))
    keep = ~value_blank
    for c, codes, uniques in (("region", region_codes, region_uniques), ("indicator", ind_codes, ind_uniques),
                              ("period", p_codes, p_uniques)):
        for i in np.flatnonzero(keep & blank(codes, uniques)):
            out.add(f"blank|{c}", int(lines[i]), c, _("empty, but the row has a value"), col=col_no[c])

    # Regions: id, name or alias, case-insensitively; kept as their position
    # in the regions table too (integer joins later).
    lookup = defs.region_lookup
    position = {rid: k for k, rid in enumerate(defs.regions.index)}
    region_of = [lookup.get(u.casefold()) for u in region_uniques]
    region_ids = np.array(region_of + [None], dtype=object)[region_codes]
    region_pos = np.array([position.get(r, -1) for r in region_of] + [-1], dtype=np.int64)[region_codes]
    region_hints = Suggestions(lookup.keys())

    def unknown_region(r):
        close = region_hints.closest(r.casefold())
        hint = _(" (did you mean {name}?)").format(name=repr(lookup[close])) if close is not None else ""
        return _("unknown region {region}{hint}").format(region=repr(r), hint=hint)

    for i in np.flatnonzero(keep & (region_pos < 0) & ~blank(region_codes, region_uniques)):
        r = region_uniques[region_codes[i]]
        out.add("region", int(lines[i]), "region", lambda: unknown_region(r), col=col_no["region"])

    # Indicators: id, name or alias.
    ind = defs.indicators
    ind_lookup = {}
    for iid, name_of, aliases in zip(ind.index, ind["name"], ind["aliases"]):
        for name in (iid, name_of, *(aliases or [])):
            if name:
                ind_lookup.setdefault(str(name), iid)
    ind_position = {iid: k for k, iid in enumerate(ind.index)}
    ind_of = [ind_lookup.get(u) for u in ind_uniques]
    indicator_ids = np.array(ind_of + [None], dtype=object)[ind_codes]
    ind_pos = np.array([ind_position.get(x, -1) for x in ind_of] + [-1], dtype=np.int64)[ind_codes]
    indicator_hints = Suggestions(ind_lookup.keys())

    def unknown_indicator(v):
        close = indicator_hints.closest(v)
        hint = _(" (did you mean {name}?)").format(name=repr(ind_lookup[close])) if close is not None else ""
        return _("unknown indicator {indicator}{hint}").format(indicator=repr(v), hint=hint)

    for i in np.flatnonzero(keep & (ind_pos < 0) & ~blank(ind_codes, ind_uniques)):
        v = ind_uniques[ind_codes[i]]
        out.add("indicator", int(lines[i]), "indicator", lambda: unknown_indicator(v), col=col_no["indicator"])

    # Periods: YYYY or YYYY-MM only.
    p_index = np.full(len(p_uniques) + 1, np.nan)
    p_error = [None] * len(p_uniques)
    for j, u in enumerate(p_uniques):
        if not u:
            continue
        try:
            p_index[j] = periods.parse_period(u)
        except periods.PeriodError as exc:
            p_error[j] = _period_hint(u, exc.args[0])
    index = p_index[p_codes]
    for i in np.flatnonzero(keep & np.isnan(index) & ~blank(p_codes, p_uniques)):
        out.add("period", int(lines[i]), "period", p_error[p_codes[i]], col=col_no["period"])
    period_text = np.array(list(p_uniques) + [""], dtype=object)[p_codes]

    # Units: blank means the indicator's own unit; otherwise it must convert
    # exactly. One factor per (unit written, indicator) pair.
    ind_units = ind["unit"].tolist()
    pair = (unit_codes.astype(np.int64) + 1) * (len(ind_units) + 1) + (ind_pos + 1)
    pair_codes, pair_uniques = pd.factorize(pair)
    factors, written = [], []
    unit_all = [*unit_uniques, ""]  # the last: a missing cell
    for code in pair_uniques:
        u, k = divmod(int(code), len(ind_units) + 1)
        dst = ind_units[k - 1] if k > 0 else None
        src = unit_all[u - 1] if u > 0 else ""
        src = src or dst
        written.append(src)
        if dst is None:
            factors.append(None)  # unknown indicator: reported with the indicator
            continue
        if not units.is_known(dst):  # a unit policygap does not convert: exactly that one, or blank
            factors.append(Decimal(1) if src == dst else _(
                "unit {unit} cannot be converted to the indicator's unit {indicator_unit}").format(
                unit=repr(src), indicator_unit=repr(dst)))
            continue
        try:
            factors.append(units.factor(src, dst))
        except units.UnitError:
            factors.append(_("unit {unit} cannot be converted to the indicator's unit {indicator_unit}").format(
                unit=repr(src), indicator_unit=repr(dst)) if units.is_known(src) else
                _("unknown unit {unit} (the indicator is in {indicator_unit})").format(unit=repr(src),
                                                                                     indicator_unit=repr(dst)))
    bad_unit = np.array([isinstance(f, str) for f in factors], dtype=bool)[pair_codes]
    for i in np.flatnonzero(keep & bad_unit):
        out.add("unit", int(lines[i]), "unit", factors[pair_codes[i]], col=col_no["unit"])
    converts = np.array([isinstance(f, Decimal) and f != 1 for f in factors], dtype=bool)[pair_codes]

    # Values: plain numbers in bulk (above); anything else through the careful parser.
    provisional = np.zeros(len(frame), dtype=bool)
    for i in np.flatnonzero(keep & np.isnan(values)):  # never for a column read as numbers
        unit_here = written[pair_codes[i]]
        try:
            # 1e400 may reach here as text (pandas 2.1 does not read it as inf): called what it is
            plain = plain_float(raw_value[i])
            if plain is not None:
                values[i] = plain
                continue
            values[i], provisional[i] = parse_value(raw_value[i], unit_here if isinstance(unit_here, str) else None)
        except NumberError as exc:
            out.add("value", int(lines[i]), "value", exc.args[0], col=col_no["value"])
    for i in np.flatnonzero(keep & np.isinf(values)):  # only in a text column: the reader refuses them
        out.add("value", int(lines[i]), "value", _("{value} is not a finite number").format(value=repr(raw_value[i])),
                col=col_no["value"])
        values[i] = np.nan
    # Convert into the indicator's unit, exactly.
    for i in np.flatnonzero(keep & converts & ~np.isnan(values)):
        values[i] = float(Decimal(repr(float(values[i]))) * factors[pair_codes[i]])
    # Figures so large or so small that growth rates would overflow.
    for i in np.flatnonzero(keep & out_of_range(values)):
        written = raw_value[i] if raw_value is not None else f"{values[i]:g}"  # a column of plain numbers
        out.add("value", int(lines[i]), "value", range_problem(values[i], written), col=col_no["value"])
        values[i] = np.nan

    # A count below zero (−68 家) is no number of firms, people or items.
    counts = np.array([units.is_known(u) and units.dimension(u) in units.COUNTS for u in ind_units] + [False])
    for i in np.flatnonzero(keep & (values < 0) & counts[ind_pos]):
        out.add("negative", int(lines[i]), "value", _("{value} is below zero, but {indicator} counts {unit}: a count "
                                                      "cannot be negative").format(
            value=f"{values[i]:g}", indicator=indicator_ids[i], unit=ind_units[ind_pos[i]]), WARNING,
            col=col_no["value"])

    # A place is a whole number from 1 (第1位): 0, −3 or 2.5 of a rank is a slip.
    ranks = np.array([units.is_known(u) and units.dimension(u) == "rank" for u in ind_units] + [False])
    with np.errstate(invalid="ignore"):
        no_place = (values < 1) | (values != np.round(values))
    for i in np.flatnonzero(keep & ~np.isnan(values) & no_place & ranks[ind_pos]):
        out.add("rank", int(lines[i]), "value", _("{value} is no place in a ranking: {indicator} is a rank, a "
                                                  "whole number from 1").format(
            value=f"{values[i]:g}", indicator=indicator_ids[i]), WARNING, col=col_no["value"])

    prov_codes, prov_uniques = _distinct(frame["provisional"])
    prov_val = [True if u.lower() in TRUE_WORDS else False if u.lower() in FALSE_WORDS else None for u in prov_uniques]
    for i in np.flatnonzero(keep & np.array([v is None for v in prov_val] + [False], dtype=bool)[prov_codes]):
        out.add("provisional", int(lines[i]), "provisional",
                _("{value} is not yes/no (是/否)").format(value=repr(prov_uniques[prov_codes[i]])),
                col=col_no.get("provisional"))
    provisional |= np.array([bool(v) for v in prov_val] + [False], dtype=bool)[prov_codes]

    good = keep & ~np.isnan(values) & ~np.isnan(index) & (region_pos >= 0) & (ind_pos >= 0) & ~bad_unit
    result = pd.DataFrame(
        {
            "region": region_ids[good],
            "indicator": indicator_ids[good],
            "index": index[good].astype(np.int64),
            "period": period_text[good],
            "value": values[good],
            "provisional": provisional[good],
            "source": _text_cells(frame["source"])[good],
            "line": lines[good],
            # positions in the regions and indicators tables: integer joins
            "region_code": region_pos[good],
            "indicator_code": ind_pos[good],
        }
    )
    result = _check_duplicates(result, out, lines_above)
    # The rows that passed, with every problem (errors too): the checks
    # across the two files still run on those rows, so that one run lists
    # every problem, and the caller refuses the data when there are errors.
    return Observations(result, spath, out.finish())


def _column_types(header: list[str]) -> dict:
    """How the reader takes each column: the value column as numbers, every
    other column as categories (few distinct values: each is read once)."""
    types = {}
    for i, name in enumerate(header):
        canon = HEADER_ALIASES.get(name, HEADER_ALIASES.get(name.lower(), name.lower()))
        types[i] = "float64" if canon == "value" else "category"
    return types


def _text_types(header: list[str]) -> dict:
    """Every column as text, cells kept as written."""
    return {}


def _text_cells(column):
    """A column as an object array of strings, "" where missing."""
    import numpy as np
    import pandas as pd

    values = column.to_numpy(dtype=object)
    missing = pd.isna(values)
    if missing.any():
        values = np.where(missing, "", values)
    return values


def _distinct(column):
    """``(codes, uniques)`` of a text column, each distinct value stripped
    once; missing cells get the code ``len(uniques)`` and read as blank."""
    import numpy as np
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy(dtype=np.int64)
        uniques = column.cat.categories.tolist()
    else:
        codes, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    codes = np.where(codes < 0, len(uniques), codes)
    return codes, [str(u).strip() for u in uniques]


def _period_hint(text: str, message: str) -> str:
    """A better message for periods written the way spreadsheets and people
    write them (2024/4, 2024年4月, 2024.04, 2022.0). A form that could mean
    two months (2024.1 is January, or October with its 0 dropped) says so.
    A period in the right form but outside the years read keeps its message."""
    m = re.match(r"^(\d{4})(?:-\d{2})?$", text, re.ASCII)
    if m and not periods.in_year_range(int(m.group(1))):
        return message
    m = re.match(r"^(\d{4})\.0+$", text)
    if m:
        return _("{text} is not a period: write {year} (the year, as text: a spreadsheet made it a number)").format(
            text=repr(text), year=m.group(1))
    m = re.match(r"^(\d{4})([/.年-])(\d{1,2})(?:[/.月-]\d{1,2}日?|月)?$", text)
    if m:
        year, sep, month = m.group(1), m.group(2), m.group(3)
        if not 1 <= int(month) <= 12:
            return _("{text} is not a period: there is no month {month}; write YYYY-MM, e.g. {year}-04").format(
                text=repr(text), month=int(month), year=year)
        if sep == "." and month == "1":
            return _("{text} is not a period: write {year}-01 or {year}-10 (YYYY-MM); {plain} could be either once "
                     "a spreadsheet drops the 0").format(text=repr(text), year=year, plain=text)
        return _("{text} is not a period: write {period} (YYYY-MM)").format(text=repr(text),
                                                                           period=f"{year}-{int(month):02d}")
    m = re.match(r"^(\d{4})年?$", text)
    if m:
        return _("{text} is not a period: write {period}").format(text=repr(text), period=m.group(1))
    return message


def _check_duplicates(frame, out: _Collector, lines_above: int = 0):
    """Two rows for one region, indicator and period: different values are an
    error (which one is right?), equal values a warning. Returns the frame
    with one row per region, indicator and period. ``lines_above``: rows of
    the sheet above the table read (a title), so that "first on line N" is
    the sheet's row, as the problem's own line is once moved."""
    import numpy as np
    import pandas as pd

    key = ["region", "indicator", "index"]
    # one integer per (region, indicator, period): hashing ints, not strings
    n_ind = int(frame["indicator_code"].max()) + 1 if len(frame) else 1
    pair = frame["region_code"].to_numpy(np.int64) * n_ind + frame["indicator_code"].to_numpy(np.int64)
    dup = pd.Series(pair * (1 << 20) + frame["index"].to_numpy(np.int64)).duplicated(keep=False).to_numpy()
    if not dup.any():
        return frame
    for _key, group in frame[dup].groupby(key, sort=False):
        first = group.iloc[0]
        for _row, row in group.iloc[1:].iterrows():
            same = row["value"] == first["value"]
            what = dict(region=row["region"], indicator=row["indicator"], period=row["period"],
                        line=int(first["line"]) + lines_above, value=f"{row['value']:g}",
                        other=f"{first['value']:g}")
            msg = (_("{region} {indicator} {period} appears again (first on line {line}) with the same value")
                   if same else _("{region} {indicator} {period} appears again (first on line {line}) with a "
                                  "different value: {value} here, {other} there")).format(**what)
            out.add("dup-same" if same else "dup", int(row["line"]), "value", msg, WARNING if same else ERROR)
    # Keep one row per key; exact repeats are harmless.
    return frame.drop_duplicates(key, keep="first").reset_index(drop=True)
