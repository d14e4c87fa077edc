"""Reading the observations file (data/baselines.csv): one figure a row.

Columns: ``region, indicator, period, value`` (required), ``unit, source,
provisional, note`` (optional; more are allowed). Headers may also be written
in Chinese (地区, 指标, 期间, 数值, 单位, 来源, 初步, 备注).

What offices hand in is accepted when it can be read one way only: UTF-8 or
GB18030/GBK, CRLF, ``1,300``, ``１５.９８亿``, ``15.98亿元`` in a 亿元 column,
``60%`` in a percent column, 约/预计 before a number (kept, flagged
provisional), a unit that converts exactly (1598万元 -> 0.1598亿元), region and
indicator names or aliases instead of ids. A blank value is a missing figure
and the row is skipped. Everything else is an error naming the line and field.

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

from . import periods, units
from .errors import ERROR, WARNING, PolicygapError, Problem
from .numbers import NumberError, parse_value
from .textio import read_csv_table

REQUIRED = ("region", "indicator", "period", "value")
OPTIONAL = ("unit", "source", "provisional", "note")
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

OBS_COLUMNS = ["region", "indicator", "index", "period", "value", "provisional", "source", "line"]


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

    def add(self, key: str, line, fieldname: str, message: str, severity=ERROR, col=None):
        n = self._counts.get(key, (0,))[0] + 1
        self._counts[key] = (n, fieldname, severity)
        if n <= MAX_SAME_PROBLEM:
            self.problems.append(Problem(self.path, line, fieldname, message, severity, col))

    def finish(self) -> list[Problem]:
        for n, fieldname, severity in self._counts.values():
            if n > MAX_SAME_PROBLEM:
                self.problems.append(Problem(
                    self.path, None, fieldname,
                    f"… and {n - MAX_SAME_PROBLEM:,} more rows with a problem in this column", severity))
        return self.problems


def _header(frame, path: str) -> tuple[dict[str, str], list[Problem]]:
    """Map the file's headers to canonical names; report what is missing."""
    mapping, problems, seen = {}, [], {}
    for i, col in enumerate(frame.columns):
        name = str(col)
        key = name.lower()
        canon = HEADER_ALIASES.get(name, HEADER_ALIASES.get(key, key))
        if canon in seen and canon in (*REQUIRED, *OPTIONAL):
            problems.append(Problem(path, 1, name, f"column {name!r} is the {canon!r} column again (columns "
                                    f"{seen[canon] + 1} and {i + 1})", col=i + 1))
            mapping[col] = f"{name} (column {i + 1})"
            continue
        seen[canon] = i
        mapping[col] = canon
    for req in REQUIRED:
        if req not in seen:
            close = difflib.get_close_matches(req, [str(c).strip().lower() for c in frame.columns], n=1, cutoff=0.6)
            hint = f" (is {close[0]!r} meant to be {req!r}?)" if close else ""
            problems.append(Problem(path, 1, req, f"missing column {req!r}; the header must have "
                                    f"region,indicator,period,value (unit,source optional){hint}"))
    return mapping, problems


def _lookup(name_to_id: dict, casefold: bool):
    def find(value: str):
        key = value.casefold() if casefold else value
        return name_to_id.get(key)

    return find


def load_observations(path: Path, defs) -> Observations:
    """Read and check the observations file against the definitions in the
    targets file; raise PolicygapError listing every problem found."""
    import numpy as np
    import pandas as pd

    spath = str(path)
    table = read_csv_table(path, "observations file", "region,indicator,period,value,unit,source")
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
    cells = frame[list(REQUIRED) + ["unit"]]
    stripped = {c: cells[c].str.strip() for c in cells.columns}
    blank_row = np.logical_and.reduce([(stripped[c] == "").to_numpy() for c in stripped])
    out = _Collector(spath)
    out.problems.extend(table.problems)  # rows that could not be read at all
    lines = frame["_line"].to_numpy()

    # A blank value is a missing figure: the row is skipped. A row with a value
    # but no region, indicator or period is an error.
    value_text = stripped["value"]
    keep = ~blank_row & (value_text != "").to_numpy()
    for c in ("region", "indicator", "period"):
        bad = keep & (stripped[c] == "").to_numpy()
        for i in np.flatnonzero(bad):
            out.add(f"blank|{c}", int(lines[i]), c, "empty, but the row has a value", col=col_no[c])
    region_text = stripped["region"]
    indicator_text = stripped["indicator"]
    period_text = stripped["period"]

    # Regions: id, name or alias, case-insensitively.
    region_codes, region_uniques = pd.factorize(region_text)
    region_of = []
    lookup = defs.region_lookup
    for u in region_uniques:
        rid = lookup.get(str(u).casefold())
        region_of.append(rid)
    region_ids = np.array(region_of, dtype=object)[region_codes] if len(region_uniques) else np.array([], dtype=object)
    unknown = keep & pd.isna(pd.Series(region_ids, dtype=object)).to_numpy() & (region_text != "").to_numpy()
    choices = list(lookup.keys())
    for i in np.flatnonzero(unknown):
        r = region_text.iat[i]
        close = difflib.get_close_matches(r.casefold(), choices, n=1, cutoff=0.6)
        hint = f" (did you mean {lookup[close[0]]!r}?)" if close else ""
        out.add("region", int(lines[i]), "region", f"unknown region {r!r}{hint}", col=col_no["region"])

    # Indicators: id, name or alias.
    ind = defs.indicators
    ind_lookup = {}
    for iid, row in ind.iterrows():
        for name in (iid, row["name"], *(row["aliases"] or [])):
            if name:
                ind_lookup.setdefault(str(name), iid)
    ind_codes, ind_uniques = pd.factorize(indicator_text)
    ind_of = np.array([ind_lookup.get(str(u)) for u in ind_uniques], dtype=object)
    indicator_ids = ind_of[ind_codes] if len(ind_uniques) else np.array([], dtype=object)
    unknown = keep & pd.isna(pd.Series(indicator_ids, dtype=object)).to_numpy() & (indicator_text != "").to_numpy()
    for i in np.flatnonzero(unknown):
        v = indicator_text.iat[i]
        close = difflib.get_close_matches(v, list(ind_lookup), n=1, cutoff=0.6)
        hint = f" (did you mean {ind_lookup[close[0]]!r}?)" if close else ""
        out.add("indicator", int(lines[i]), "indicator", f"unknown indicator {v!r}{hint}", col=col_no["indicator"])

    # Periods: YYYY or YYYY-MM only.
    p_codes, p_uniques = pd.factorize(period_text)
    p_index = np.full(len(p_uniques), np.nan)
    p_error = [None] * len(p_uniques)
    for j, u in enumerate(p_uniques):
        if not u:
            continue
        try:
            p_index[j] = periods.parse_period(u)
        except periods.PeriodError as exc:
            p_error[j] = _period_hint(u, str(exc))
    index = p_index[p_codes] if len(p_uniques) else np.array([], dtype=float)
    for i in np.flatnonzero(keep & np.isnan(index) & (period_text != "").to_numpy()):
        out.add("period", int(lines[i]), "period", p_error[p_codes[i]], col=col_no["period"])

    # Units: blank means the indicator's own unit; otherwise it must convert exactly.
    unit_text = stripped["unit"]
    ind_unit = defs.indicators["unit"].to_dict()
    target_unit = np.array([ind_unit.get(x) for x in indicator_ids], dtype=object) if len(indicator_ids) else np.array([], dtype=object)
    row_unit = np.where((unit_text == "").to_numpy(), target_unit, unit_text.to_numpy(dtype=object))
    pair_codes, pair_uniques = pd.factorize(pd.Series([f"{a}\x1f{b}" for a, b in zip(row_unit, target_unit)], dtype=object)) if len(row_unit) else (np.array([], dtype=int), [])
    factors = []
    for pair in pair_uniques:
        src, dst = pair.split("\x1f")
        if dst == "None" or not units.is_known(dst):
            factors.append(None)  # unknown indicator or unit: reported with the indicator
            continue
        try:
            factors.append(units.factor(src, dst))
        except units.UnitError:
            factors.append(f"unit {src!r} cannot be converted to the indicator's unit {dst!r}"
                           if units.is_known(src) else f"unknown unit {src!r} (the indicator is in {dst!r})")
    factor_of_row = np.array(factors, dtype=object)[pair_codes] if len(pair_uniques) else np.array([], dtype=object)
    bad_unit = np.array([isinstance(f, str) for f in factor_of_row], dtype=bool)
    for i in np.flatnonzero(keep & bad_unit):
        out.add("unit", int(lines[i]), "unit", factor_of_row[i], col=col_no["unit"])

    # Values: plain numbers in bulk; anything else through the careful parser.
    values = np.array(pd.to_numeric(value_text, errors="coerce"), dtype=float)  # a writable copy
    provisional = np.zeros(len(frame), dtype=bool)
    needs_parse = keep & np.isnan(values)
    for i in np.flatnonzero(needs_parse):
        unit_here = row_unit[i] if isinstance(row_unit[i], str) else None
        try:
            values[i], provisional[i] = parse_value(value_text.iat[i], unit_here)
        except NumberError as exc:
            out.add("value", int(lines[i]), "value", str(exc), col=col_no["value"])
    inf = keep & np.isinf(values)
    for i in np.flatnonzero(inf):
        out.add("value", int(lines[i]), "value", f"{value_text.iat[i]!r} is not a finite number", col=col_no["value"])
        values[i] = np.nan
    # Convert into the indicator's unit, exactly.
    for i in np.flatnonzero(keep & ~np.isnan(values)):
        f = factor_of_row[i]
        if isinstance(f, Decimal) and f != 1:
            values[i] = float(Decimal(repr(float(values[i]))) * f)

    prov_text = frame["provisional"].str.strip().str.lower()
    prov_codes, prov_uniques = pd.factorize(prov_text)
    prov_val = []
    for u in prov_uniques:
        prov_val.append(True if u in TRUE_WORDS else False if u in FALSE_WORDS else None)
    prov_of_row = np.array(prov_val, dtype=object)[prov_codes] if len(prov_uniques) else np.array([], dtype=object)
    for i in np.flatnonzero(keep & pd.isna(pd.Series(prov_of_row, dtype=object)).to_numpy()):
        out.add("provisional", int(lines[i]), "provisional", f"{frame['provisional'].iat[i]!r} is not yes/no (是/否)",
                col=col_no.get("provisional"))
    provisional |= np.array([bool(x) for x in prov_of_row], dtype=bool)

    good = keep & ~np.isnan(values) & ~np.isnan(index)
    good &= ~pd.isna(pd.Series(region_ids, dtype=object)).to_numpy()
    good &= ~pd.isna(pd.Series(indicator_ids, dtype=object)).to_numpy()
    good &= ~bad_unit
    result = pd.DataFrame(
        {
            "region": region_ids[good],
            "indicator": indicator_ids[good],
            "index": index[good].astype(np.int64),
            "period": period_text.to_numpy(dtype=object)[good],
            "value": values[good],
            "provisional": provisional[good],
            "source": frame["source"].to_numpy(dtype=object)[good],
            "line": lines[good],
        }
    )
    result = _check_duplicates(result, out)
    problems = out.finish()
    errors = [p for p in problems if p.is_error]
    if errors:
        raise PolicygapError(problems=problems)
    return Observations(result, spath, problems)


def _period_hint(text: str, message: str) -> str:
    """A better message for periods written the way spreadsheets and people
    write them (2024/4, 2024年4月, 2024.04, 2022.0). A form that could mean
    two months (2024.1 is January, or October with its 0 dropped) says so."""
    m = re.match(r"^(\d{4})\.0+$", text)
    if m:
        return f"{text!r} is not a period: write {m.group(1)} (the year, as text: a spreadsheet made it a number)"
    m = re.match(r"^(\d{4})([/.年-])(\d{1,2})(?:[/.月-]\d{1,2}日?|月)?$", text)
    if m:
        year, sep, month = m.group(1), m.group(2), m.group(3)
        if not 1 <= int(month) <= 12:
            return f"{text!r} is not a period: there is no month {int(month)}; write YYYY-MM, e.g. {year}-04"
        if sep == "." and month == "1":
            return (f"{text!r} is not a period: write {year}-01 or {year}-10 (YYYY-MM); "
                    f"{text} could be either once a spreadsheet drops the 0")
        return f"{text!r} is not a period: write {year}-{int(month):02d} (YYYY-MM)"
    m = re.match(r"^(\d{4})年?$", text)
    if m:
        return f"{text!r} is not a period: write {m.group(1)}"
    return message


def _check_duplicates(frame, out: _Collector):
    """Two rows for one region, indicator and period: different values are an
    error (which one is right?), equal values a warning. Returns the frame
    with one row per region, indicator and period."""
    key = ["region", "indicator", "index"]
    dup = frame.duplicated(key, keep=False)
    if not dup.any():
        return frame
    for _, group in frame[dup].groupby(key, sort=False):
        first = group.iloc[0]
        for _, row in group.iloc[1:].iterrows():
            same = row["value"] == first["value"]
            msg = (f"{row['region']} {row['indicator']} {row['period']} appears again (first on line "
                   f"{int(first['line'])})" + (" with the same value" if same else
                   f" with a different value: {row['value']:g} here, {first['value']:g} there"))
            out.add("dup-same" if same else "dup", int(row["line"]), "value", msg, WARNING if same else ERROR)
    # Keep one row per key; exact repeats are harmless.
    return frame.drop_duplicates(key, keep="first")
