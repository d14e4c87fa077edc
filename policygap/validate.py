"""Turning the raw targets file into typed tables, and every check on it.

The same code serves a YAML file (records with a location per field) and CSV
sections (columns, a location per row and column), so a rule is written once.
Checks run over whole columns; a message is built only for the rows that
fail. Every problem is collected: a planner fixes the file in one pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .i18n import N_, _, figure_text
from . import periods, schema, units
from .columns import SMALL, isin
from .errors import ERROR, WARNING, Problem, Suggestions, did_you_mean
from .numbers import NumberError, ascii_digits, out_of_range, parse_value, plain_float, range_problem
from .targets_file import RawRecord, RawSection, RawTargetsFile


@dataclass
class Definitions:
    """The typed content of a targets file."""

    path: str
    settings: dict
    regions: object  # DataFrame indexed by id: name, aliases, parent, level, name_en
    indicators: object  # DataFrame indexed by id: name, unit, direction, measure, aliases, name_en
    documents: object  # DataFrame indexed by id: region, title, number, issued, issued_index, file
    targets: object  # DataFrame, one row per target (see TARGET_COLUMNS)
    region_lookup: dict = field(default_factory=dict)  # id/alias (casefolded) -> id
    units: dict = field(default_factory=dict)  # department -> its other names (the `units:` section)
    problems: list = field(default_factory=list)
    missing_sections: list = field(default_factory=list)  # of regions, indicators, targets
    usable: object = field(default=None, repr=False)  # dataset.usable_targets, found once


# --------------------------------------------------------------------------
# Tables: one interface over YAML records and CSV frames


class Table:
    """Rows of one section with their locations, whatever file they came from."""

    def __init__(self, section: RawSection, fields: tuple[str, ...], name: str):
        import pandas as pd

        self.file = section.file
        self.name = name
        self._matrix = None  # a small table's cells, read once (column)
        self._invalid = None  # which YAML entries were no mapping, found once
        if section.records is not None:
            self.frame = pd.DataFrame([r.values for r in section.records], columns=list(dict.fromkeys(
                ["id", *fields])), dtype=object)
            self.frame["_line"] = [r.line for r in section.records]
            self._records: list[RawRecord] | None = section.records
            self._columns = None
        else:
            frame = section.frame.copy()
            for f in fields:
                if f not in frame.columns:
                    frame[f] = None
            self.frame = frame
            self._records = None
            self._columns = section.columns or []

    def __len__(self) -> int:
        return len(self.frame)

    def replace(self, name: str, values) -> None:
        """A column replaced (the cleaned ids, for the labels of messages)."""
        self.frame[name] = values
        self._matrix = None

    def column(self, name: str):
        """Raw values of a field as an object array, missing as None."""
        import pandas as pd

        if len(self.frame) <= SMALL:  # a small table: all its columns at once, then one by position
            if self._matrix is None:
                self._matrix = self.frame.to_numpy(dtype=object)
                self._position = {c: i for i, c in enumerate(self.frame.columns)}
            values = self._matrix[:, self._position[name]].copy()
        else:
            values = self.frame[name].to_numpy(dtype=object, copy=True)
        values[pd.isna(values)] = None  # NaN of a CSV cell or a YAML .nan: missing
        return values

    def invalid_mask(self):
        """Entries that were not a mapping of fields (already reported)."""
        import numpy as np

        if self._records is None:
            return np.zeros(len(self.frame), dtype=bool)
        if self._invalid is None:
            self._invalid = np.array([r.invalid for r in self._records], dtype=bool)
        return self._invalid

    def locations(self, name: str):
        """Line and column of field ``name`` in every row, at once."""
        if self._records is not None:
            locs = [self.loc(i, name) for i in range(len(self._records))]
            return [x[0] for x in locs], [x[1] for x in locs]
        column = name.split(".")[0]
        col = self._columns.index(column) + 1 if column in self._columns else None
        return self.frame["_line"].astype(int).tolist(), [col] * len(self.frame)

    def loc(self, i: int, name: str) -> tuple[int, int | None]:
        """Line and column of field ``name`` of row ``i``; ``milestones.2023``
        is the 2023 milestone (in a CSV table: the milestones column)."""
        if self._records is not None:
            rec = self._records[i]
            loc = rec.locs.get(name) or rec.loc(name.split(".")[0])
            return loc.line, loc.col
        line = int(self.frame["_line"].iat[i])
        column = name.split(".")[0]
        col = self._columns.index(column) + 1 if column in self._columns else None
        return line, col

    def invalid(self, i: int) -> bool:
        """The entry was not a mapping of fields (already reported)."""
        return self._records is not None and self._records[i].invalid

    def label(self, i: int, name: str) -> str:
        ident = self.frame["id"].iat[i] if "id" in self.frame.columns else None
        if self.name == "targets":
            if not (isinstance(ident, str) and ident.strip()):
                index = self._records[i].index if self._records is not None else None
                ident = index if index is not None else i
            who = f"targets[{str(ident).strip()}]"
        else:
            who = f"{self.name}.{ident}"
        return f"{who}.{name}" if name else who

    def problem(self, i, name, message, severity=ERROR) -> Problem:
        line, col = self.loc(i, name)
        return Problem(self.file, line, self.label(i, name), message, severity, col)

    def is_csv(self) -> bool:
        return self._records is None


def _strings(values):
    """Stripped text, empty as None: once per distinct value."""
    import numpy as np
    import pandas as pd

    out = np.full(len(values), None, dtype=object)
    present = np.flatnonzero(pd.notna(values))
    if 0 < len(present) <= SMALL:
        # A few values: a dict does what factorize does (the first of equal
        # values, 1 and 1.0 alike, gives the text), without its set-up cost.
        seen: dict = {}
        try:
            for i in present.tolist():
                v = values[i]
                if v not in seen:
                    seen[v] = str(v).strip() or None
                out[i] = seen[v]
            return out
        except TypeError:  # an unhashable value: factorize below decides
            pass
    if len(present):
        # Factorised as Python objects: a numpy text array would be as wide as
        # the longest cell in every row (one long quote, gigabytes).
        codes, uniques = pd.factorize(np.asarray(values[present], dtype=object))
        cleaned = np.array([str(u).strip() or None for u in uniques] + [None], dtype=object)[:-1]
        out[present] = cleaned[codes]
    return out


def _text(table: Table, name: str, problems: list, required: bool = False):
    """A text column: strings stripped, missing as None; lists/mappings are errors."""
    import numpy as np
    import pandas as pd

    values = table.column(name)
    nested = np.zeros(len(values), dtype=bool)
    if not table.is_csv() and {list, dict} & set(map(type, values)):
        nested = np.array([isinstance(v, (list, dict)) for v in values], dtype=bool)
        for i in np.flatnonzero(nested):
            problems.append(table.problem(i, name, _("must be a single value, not a list or mapping")))
        values[nested] = None
    out = _strings(values)
    if required:
        for i in np.flatnonzero(pd.isna(out) & ~nested & ~table.invalid_mask()):
            problems.append(table.problem(i, name, _("missing (required)")))
    return out


def _text_list(table: Table, name: str, problems: list):
    """A list of strings: YAML list, or ``a;b`` in a CSV cell."""
    return [list(names) for names in _text_tuples(table, name, problems)]


def _text_tuples(table: Table, name: str, problems: list, split=None):
    """As ``_text_list``, each row's names as a tuple (``split`` applied to
    the list); empty cells cost no Python work, and a text cell is split once
    per distinct text."""
    import numpy as np

    split = split or tuple
    column = table.frame[name]
    values = column.tolist()
    out = [()] * len(values)
    cells: dict = {}
    for i in np.flatnonzero(column.notna().to_numpy()).tolist():
        v = values[i]
        if isinstance(v, float) and math.isnan(v):
            continue
        if isinstance(v, list):
            if any(isinstance(x, (list, dict)) for x in v):
                problems.append(table.problem(i, name, _("must be a list of names")))
            else:
                out[i] = split([str(x).strip() for x in v if x is not None and str(x).strip()])
        elif isinstance(v, dict):
            problems.append(table.problem(i, name, _("must be a list of names, e.g. [鞍山, Anshan]")))
        else:
            names = cells.get(v)
            if names is None:
                names = cells[v] = split([p.strip() for p in str(v).replace("；", ";").split(";") if p.strip()])
            out[i] = names
    return out


# Beyond this many entries with one and the same problem, the rest are
# counted, not listed (as in the observations file); messages, and the
# suggestions in them, are worked out only for the entries listed.
MAX_SAME_PROBLEM = 20


def _report(table, mask, name, message, problems, severity=ERROR) -> None:
    """One problem per row where ``mask`` holds, ``message(i)`` wording it,
    up to MAX_SAME_PROBLEM; then one line counting the rest."""
    import numpy as np

    rows = np.flatnonzero(mask)
    for i in rows[:MAX_SAME_PROBLEM]:
        problems.append(table.problem(i, name, message(i), severity))
    if len(rows) > MAX_SAME_PROBLEM:
        problems.append(Problem(table.file, None, name, _("… and {count} more {section} with the same problem").format(
            count=f"{len(rows) - MAX_SAME_PROBLEM:,}", section=table.name), severity))


def _department_names(names) -> tuple:
    """``市科技局、市发改委`` in one cell is two departments, as in a list."""
    import re

    return tuple(n.strip() for item in names for n in re.split(r"[、,，]", item) if n.strip())


def _choice(table, name, values, choices, problems, default=None):
    import numpy as np
    import pandas as pd

    values = np.asarray(values, dtype=object)
    present = pd.notna(values)
    ok = present & isin(values, choices)
    hints = Suggestions(choices)
    _report(table, present & ~ok, name, lambda i: _("{value} is not one of {choices}{hint}").format(
        value=repr(values[i]), choices=", ".join(choices), hint=hints.hint(values[i])), problems)
    return np.where(ok, values, default)


def _year(table, name, values, problems):
    """Four-digit years (1900–2200) as ints, once per distinct text."""
    import numpy as np
    import pandas as pd

    values = np.asarray(values, dtype=object)
    out = np.full(len(values), None, dtype=object)
    present = np.flatnonzero(pd.notna(values))
    if not len(present):
        return out
    codes, uniques = pd.factorize(values[present])
    parsed = [_year_number(v) for v in uniques]
    years = np.array(parsed + [None], dtype=object)[:-1][codes]
    out[present] = years
    for j in np.flatnonzero(pd.isna(years)):
        i = present[j]
        problems.append(table.problem(i, name, _year_problem(values[i])))
    return out


def _year_number(text) -> int | None:
    """``2025`` (or full-width ２０２５) as an int within YEAR_RANGE, else None."""
    text = ascii_digits(str(text))
    if len(text) == 4 and text.isascii() and text.isdigit() and periods.in_year_range(int(text)):
        return int(text)
    return None


def _year_problem(text) -> str:
    """Why ``text`` is not a year: its form, or its range."""
    digits = ascii_digits(str(text).strip())
    if len(digits) == 4 and digits.isascii() and digits.isdigit():
        return periods.year_range_message(str(text), int(digits))
    return _("{value} is not a year (write four digits, e.g. 2025)").format(value=repr(text))


def _number(table, name, values, unit_of_row, problems):
    """Numbers as written in the targets file; a unit after the number is
    converted into the indicator's unit (``20亿元``, ``60%``). ``nan`` and
    ``inf`` are not numbers a plan can set. Plain numbers in bulk; anything
    else through the careful parser, row by row."""
    import numpy as np
    import pandas as pd

    values = np.asarray(values, dtype=object)
    present = pd.notna(values)
    plain = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    done = present & np.isfinite(plain)
    out = np.where(done, plain, np.nan)
    messages = {}
    for i in np.flatnonzero(present & ~done):
        v = values[i]
        try:
            value = plain_float(v)
            if value is None:
                value, provisional = parse_value(v, unit_of_row(i))
                if provisional:
                    raise NumberError(_("{value}: a target is a number, not an estimate").format(value=repr(v))) from None
            if not math.isfinite(value):
                raise NumberError(_("{value} is not a finite number").format(value=repr(v)))
            out[i] = value
        except NumberError as exc:
            messages[i] = exc.args[0]
    # Figures so large or so small that growth rates would overflow.
    for i in np.flatnonzero(out_of_range(out)):
        messages[i] = range_problem(out[i], values[i])
        out[i] = np.nan
    wrong = np.zeros(len(values), dtype=bool)
    wrong[list(messages)] = True
    _report(table, wrong, name, messages.__getitem__, problems)
    return out


def _months(table, name, problems):
    """A whole number of months, 0 or more (``publication_lag: 6``); NaN where absent."""
    import numpy as np

    values = _text(table, name, problems)
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        if v is None:
            continue
        try:
            months = float(v)
        except ValueError:
            months = -1.0
        if months < 0 or months != int(months) or months > 120:
            problems.append(table.problem(i, name, _("{value} is not a number of months (a whole number from 0 to "
                                                     "120)").format(value=repr(v))))
            continue
        out[i] = months
    return out


def _fraction(table, name, values, problems):
    """A fraction such as a tolerance: ``0.05`` or ``5%``."""
    import numpy as np

    pct = np.array([v is not None and v.rstrip().endswith(("%", "％")) for v in values], dtype=bool)
    numbers = _number(table, name, values, lambda i: "%" if pct[i] else None, problems)
    return np.where(pct, numbers / 100, numbers)


# --------------------------------------------------------------------------
# Sections


def _regions(section: RawSection | None, problems):
    import pandas as pd

    cols = ["name", "aliases", "parent", "level", "name_en"]
    if section is None:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="id")), None
    t = Table(section, schema.REGION_FIELDS, "regions")
    frame = pd.DataFrame(
        {
            "id": _text(t, "id", problems, required=True),
            "name": _text(t, "name", problems, required=True),
            "aliases": _text_list(t, "aliases", problems),
            "parent": _text(t, "parent", problems),
            "level": _text(t, "level", problems),
            "name_en": _text(t, "name_en", problems),
            "_line": t.frame["_line"].tolist(),
        }
    )
    _duplicates(t, frame["id"], problems)
    _name_clashes(t, frame, N_("region"), problems, casefold=True)
    return frame.drop_duplicates("id").set_index("id"), t


def _indicators(section: RawSection | None, problems):
    import pandas as pd

    cols = ["name", "unit", "direction", "measure", "aliases", "name_en", "formula", "measure_set", "publication_lag",
            "line"]
    if section is None:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="id"))
    t = Table(section, schema.INDICATOR_FIELDS, "indicators")
    unit = _text(t, "unit", problems)
    for i, u in enumerate(unit):
        if u is None:
            unit[i] = ""
        elif not units.is_known(u):
            # 吨标准煤/万元 (energy per unit of GDP), 万千瓦时 …: kept as a label.
            problems.append(t.problem(i, "unit", _(
                "unit {unit} is not one policygap converts: figures of this indicator are read as written, in "
                "exactly {unit} (units it converts include 亿元, 万元, 家, 个, 项, 件, 人, %, 位, 件/万人)").format(
                unit=repr(u)), WARNING))
    measure = _text(t, "measure", problems)
    frame = pd.DataFrame(
        {
            "id": _text(t, "id", problems, required=True),
            "name": _text(t, "name", problems, required=True),
            "unit": unit,
            "direction": _choice(t, "direction", _text(t, "direction", problems), schema.DIRECTIONS, problems, "up"),
            "measure": _choice(t, "measure", measure, schema.MEASURES, problems, "stock"),
            "aliases": _text_list(t, "aliases", problems),
            "name_en": _text(t, "name_en", problems),
            "formula": _text(t, "formula", problems),
            # whether the file says stock or flow (else it may be inferred: policygap/measure.py)
            "measure_set": pd.notna(pd.Series(measure, dtype=object)).to_numpy(),
            "publication_lag": _months(t, "publication_lag", problems),
            "line": t.frame["_line"].astype(int).tolist() if len(t.frame) else [],
        }
    )
    _duplicates(t, frame["id"], problems)
    _name_clashes(t, frame, N_("indicator"), problems, casefold=False)
    from .derived import check_formulas

    check_formulas(t, frame, problems)
    return frame.drop_duplicates("id").set_index("id")


def _documents(section: RawSection | None, regions, problems):
    import pandas as pd

    cols = ["region", "title", "number", "issued", "issued_index", "file", "url"]
    if section is None:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="id"))
    t = Table(section, schema.DOCUMENT_FIELDS, "documents")
    region = _text(t, "region", problems)
    hints = Suggestions(regions.index)
    _report(t, pd.notna(region) & ~isin(region, regions.index), "region",
            lambda i: _("unknown region {region}{hint}").format(region=repr(region[i]), hint=hints.hint(region[i])),
            problems)
    issued = _text(t, "issued", problems)
    issued_index = []
    for i, d in enumerate(issued):
        if d is None:
            issued_index.append(math.nan)
            continue
        try:
            issued_index.append(periods.issued_index(d))
        except periods.PeriodError as exc:
            problems.append(t.problem(i, "issued", exc.args[0]))
            issued_index.append(math.nan)
    frame = pd.DataFrame(
        {
            "id": _text(t, "id", problems, required=True),
            "region": region,
            "title": _text(t, "title", problems),
            "number": _text(t, "number", problems),
            "issued": issued,
            "issued_index": issued_index,
            "file": _text(t, "file", problems),
            "url": _text(t, "url", problems),
        }
    )
    _duplicates(t, frame["id"], problems)
    return frame.drop_duplicates("id").set_index("id")


def _units(section: RawSection | None, problems) -> dict:
    """The `units:` section: department -> the other names it goes by
    (科技局, 市科学技术局), for `--unit`. Optional."""
    if section is None:
        return {}
    t = Table(section, schema.UNIT_FIELDS, "units")
    ids = _text(t, "id", problems, required=True)
    aliases = _text_list(t, "aliases", problems)
    _duplicates(t, __import__("pandas").Series(ids, dtype=object), problems)
    return {i: a for i, a in zip(ids, aliases) if i is not None}


def _duplicates(table: Table, ids, problems):
    first: dict = {}
    for i, ident in enumerate(ids.tolist()):
        if ident is None:
            continue
        if ident in first:
            line, _col = table.loc(first[ident], "id")
            problems.append(table.problem(i, "id", _("duplicate id {id} (first on line {line})").format(
                id=repr(ident), line=line)))
        else:
            first[ident] = i


def _settings(raw: RawRecord | None, path: str, problems) -> dict:
    settings = {
        "thresholds": dict(schema.DEFAULT_THRESHOLDS),
        "tolerance": schema.DEFAULT_TOLERANCE,
        "stale_months": schema.DEFAULT_STALE_MONTHS,
        "paths": {},
    }
    if raw is None:
        return settings

    def bad(key, message):
        loc = raw.loc(key)
        problems.append(Problem(path, loc.line, f"settings.{key}", message, col=loc.col))

    def num(key, value):
        try:
            return float(str(value))
        except (TypeError, ValueError):
            bad(key, _("{value} is not a number").format(value=repr(value)))
            return None

    values = raw.values
    if "thresholds" in values:
        th = values["thresholds"]
        if not isinstance(th, dict):
            bad("thresholds", _("must be a mapping, e.g. {{ahead: 10, on_track: -10, behind: -30}}").format())
        else:
            for k, v in th.items():
                if k not in schema.THRESHOLD_FIELDS:
                    bad(f"thresholds.{k}", _("unknown threshold{hint}; thresholds are ahead, on_track, behind").format(
                        hint=did_you_mean(k, schema.THRESHOLD_FIELDS)))
                    continue
                x = num(f"thresholds.{k}", v)
                if x is not None:
                    settings["thresholds"][k] = x
            t = settings["thresholds"]
            if not t["ahead"] > t["on_track"] > t["behind"]:
                bad("thresholds", _("must satisfy ahead > on_track > behind (in 百分点 of 序时进度)"))
    if "tolerance" in values:
        x = num("tolerance", values["tolerance"])
        if x is not None:
            if 0 <= x < 1:
                settings["tolerance"] = x
            else:
                bad("tolerance", _("must be a fraction of the value from 0 to below 1 (0.05 = ±5%)"))
    if "stale_months" in values:
        x = num("stale_months", values["stale_months"])
        if x is not None:
            if x >= 0 and x == int(x):
                settings["stale_months"] = int(x)
            else:
                bad("stale_months", _("must be a whole number of months"))
    if "paths" in values:
        p = values["paths"]
        if not isinstance(p, dict):
            bad("paths", _("must be a mapping of kind: linear|compound"))
        else:
            for k, v in p.items():
                if k not in schema.KINDS:
                    bad(f"paths.{k}", _("unknown kind{hint}").format(hint=did_you_mean(k, schema.KINDS)))
                elif v not in schema.PATHS:
                    bad(f"paths.{k}", _("{value} is not linear or compound").format(value=repr(v)))
                else:
                    settings["paths"][k] = v
    return settings


# --------------------------------------------------------------------------
# Targets

TARGET_COLUMNS = [
    "target_id", "region", "indicator", "kind", "comparator", "value", "year",
    "base_index", "milestones", "stretch", "tolerance", "counting", "counting_set", "from_year",
    "reference", "path", "threshold_ahead", "threshold_on_track", "threshold_behind",
    "document", "clause", "quote", "note", "review", "line", "file", "value_line", "value_col",
    "lead", "units", "units_quote",
]


def _targets(section: RawSection | None, regions, indicators, documents, settings, problems, missing=()):
    """``missing``: sections absent from the file (already reported), whose
    references are then not reported one by one."""
    import numpy as np
    import pandas as pd

    if section is None:
        return pd.DataFrame(columns=TARGET_COLUMNS), None
    t = Table(section, schema.TARGET_FIELDS, "targets")
    n = len(t)

    def each(mask, field, message, severity=ERROR):
        """One problem per row where ``mask`` holds; ``message(i)`` words it."""
        _report(t, mask, field, message, problems, severity)

    region_hints, indicator_hints = Suggestions(regions.index), Suggestions(indicators.index)
    document_hints = Suggestions(documents.index)

    def known(values, index):
        return isin(values, index)

    ident = _text(t, "id", problems, required=True)
    t.replace("id", ident)  # labels in messages use the cleaned id
    region = _text(t, "region", problems, required=True)
    indicator = _text(t, "indicator", problems, required=True)
    kind = _choice(t, "kind", _text(t, "kind", problems, required=True), schema.KINDS, problems)
    year = _year(t, "year", _text(t, "year", problems, required=True), problems)
    has_region, has_indicator, has_year = pd.notna(region), pd.notna(indicator), pd.notna(year)

    if "regions" not in missing:
        each(has_region & ~known(region, regions.index), "region",
             lambda i: _("unknown region {region}{hint}").format(
                 region=repr(region[i]), hint=region_hints.hint(region[i])))
    if "indicators" not in missing:
        each(has_indicator & ~known(indicator, indicators.index), "indicator",
             lambda i: _("unknown indicator {indicator}{hint}").format(
                 indicator=repr(indicator[i]), hint=indicator_hints.hint(indicator[i])))

    def per_indicator(column, default):
        mapping = indicators[column].to_dict() if len(indicators) else {}
        return np.array([mapping.get(x, default) for x in indicator], dtype=object)

    unit_of_indicator = per_indicator("unit", None)
    down = per_indicator("direction", "up") == "down"
    measure = per_indicator("measure", "stock")
    # A growth rate is written in percent whatever the indicator's unit.
    unit = np.where(kind == "growth_rate", "%", unit_of_indicator)

    def unit_of_row(i):
        return unit[i]

    # comparator: symbols normalised; default >= (<= for ranks and down-indicators)
    comparator = _text(t, "comparator", problems)
    comparator = np.array([schema.COMPARATOR_ALIASES.get(c, c) for c in comparator], dtype=object)
    given = pd.notna(comparator)
    valid = given & isin(comparator, list(schema.COMPARATORS))
    each(given & ~valid, "comparator", lambda i: _("{value} is not one of {choices}{hint}").format(
        value=repr(comparator[i]), choices=", ".join(schema.COMPARATORS), hint=""))
    each(valid & (kind == "rank") & ~isin(comparator, ["<=", "<"]), "comparator",
         lambda i: _("a rank target needs <= or < (lower is better), not {comparator}").format(
             comparator=repr(comparator[i])))
    each(valid & (kind == "relative") & ~isin(comparator, [">=", ">", "<=", "<"]), "comparator",
         lambda i: _("a relative target compares with >, >=, < or <=, not {comparator}").format(
             comparator=repr(comparator[i])))
    comparator = np.where(given, np.where(valid, comparator, None),
                          np.where((kind == "rank") | down, "<=", ">="))

    raw_value = _text(t, "value", problems)
    value = _number(t, "value", raw_value, unit_of_row, problems)
    assessed = pd.notna(kind) & ~isin(kind, ["relative", "milestone"])
    blank = pd.isna(raw_value)
    each(assessed & np.isnan(value) & blank, "value", lambda i: _("missing (required for a {kind} target)").format(kind=kind[i] or "?"))
    with np.errstate(invalid="ignore"):
        each(assessed & (kind == "growth_rate") & (value <= -100), "value",
             lambda i: _("a growth rate of {value}% a year is impossible (must be above -100)").format(
                 value=figure_text(value[i])))
        each(assessed & (kind == "multiple") & (value <= 0), "value",
             lambda i: _("a multiple of the base must be positive (翻番 = 2)"))
        each(assessed & isin(kind, ["increase", "annual"]) & (value <= 0), "value",
             lambda i: _("a {kind} target adds a positive amount").format(kind=kind[i]), WARNING)
        each(assessed & (kind == "rank") & ((value < 1) | (value != np.floor(value))) & ~np.isnan(value), "value",
             lambda i: _("a rank is a whole number from 1"))

    stretch = _number(t, "stretch", _text(t, "stretch", problems), unit_of_row, problems)
    tolerance = _fraction(t, "tolerance", _text(t, "tolerance", problems), problems)
    with np.errstate(invalid="ignore"):
        out_of_band = ~np.isnan(tolerance) & ~((tolerance >= 0) & (tolerance < 1))
        each(out_of_band, "tolerance", lambda i: _("must be a fraction of the value from 0 to below 1 (0.05 = ±5%)"))
        each(~np.isnan(tolerance) & ~out_of_band & (comparator != "~"), "tolerance",
             lambda i: _("only a ~ (左右) target uses a tolerance"), WARNING)
        tolerance = np.where(out_of_band, np.nan, tolerance)
        lower_better = isin(comparator, ["<=", "<"])
        short = np.where(lower_better, stretch > value, stretch < value)
        each(~np.isnan(stretch) & ~np.isnan(value) & short, "stretch",
             lambda i: _("the stretch value (力争) {stretch} is not beyond the target {value}").format(
                 stretch=figure_text(stretch[i]), value=figure_text(value[i])), WARNING)

    counts_yearly = isin(kind, ["increase", "annual"])
    counting_written = pd.notna(pd.Series(_text(t, "counting", []), dtype=object)).to_numpy()
    counting = _choice(t, "counting", _text(t, "counting", problems), schema.COUNTINGS, problems)
    each(pd.notna(counting) & ~counts_yearly, "counting", lambda i: _("only increase and annual targets use counting"),
         WARNING)
    counting = np.where(pd.isna(counting) & counts_yearly, np.where(measure == "flow", "flow", "stock"), counting)

    from_year = _year(t, "from", _text(t, "from", problems), problems)
    reference = _text(t, "reference", problems)
    path = _choice(t, "path", _text(t, "path", problems), schema.PATHS, problems)
    th = {f: _number(t, f"threshold_{f}", _text(t, f"threshold_{f}", problems), lambda i: None, problems)
          for f in schema.THRESHOLD_FIELDS}
    document = _text(t, "source_document", problems)
    clause = _text(t, "source_clause", problems)
    quote = _text(t, "source_quote", problems)
    note = _text(t, "note", problems)
    lead = _text_tuples(t, "lead", problems, _department_names)
    units = _text_tuples(t, "units", problems, _department_names)
    units_quote = _text(t, "source_units_quote", problems)
    review = np.array([str(v).strip().lower() in ("true", "yes", "1") if v is not None else False
                       for v in t.column("review")], dtype=bool)

    base_text = _text(t, "base_period", problems)
    base_index = np.full(n, np.nan)
    pinned = np.flatnonzero(pd.notna(base_text))
    if len(pinned):
        codes, uniques = pd.factorize(base_text[pinned])
        parsed = []
        for u in uniques:
            try:
                parsed.append((periods.parse_period(u), None))
            except periods.PeriodError as exc:
                parsed.append((np.nan, exc.args[0]))
        for j, i in enumerate(pinned):
            base_index[i], error = parsed[codes[j]]
            if error:
                problems.append(t.problem(i, "base_period", error))

    milestones = np.full(n, None, dtype=object)
    raw_milestones = t.column("milestones")
    written = [v is not None and not (isinstance(v, str) and not v.strip()) for v in raw_milestones]
    for i in np.flatnonzero(written):
        milestones[i] = _parse_milestones(t, i, raw_milestones[i], unit[i], year[i], problems)

    issued_of = documents["issued_index"].to_dict() if len(documents) else {}
    doc_region = documents["region"].to_dict() if len(documents) else {}
    issued = np.array([issued_of.get(d, np.nan) for d in document], dtype=float)
    owner = np.array([doc_region.get(d) for d in document], dtype=object)
    cited = pd.notna(document)
    each(cited & ~known(document, documents.index), "source_document",
         lambda i: _("unknown document {document}{hint}").format(
             document=repr(document[i]), hint=document_hints.hint(document[i])))
    each(cited & known(document, documents.index) & known(region, regions.index) & pd.notna(owner)
         & (owner != region), "source_document",
         lambda i: _("document {document} belongs to {owner}, not {region}").format(
             document=repr(document[i]), owner=repr(owner[i]), region=repr(region[i])), WARNING)
    target_end = np.where(has_year, np.where(has_year, year, 0).astype(float) * 12 + 12, np.nan)
    with np.errstate(invalid="ignore"):
        after_base = has_year & ~np.isnan(base_index) & (base_index >= target_end)
        each(after_base, "year", lambda i: _("target year {year} is not after the base period {base}").format(
            year=year[i], base=base_text[i]))
        # Without a pinned base, the base is the newest figure before the document was issued.
        each(has_year & np.isnan(base_index) & ~np.isnan(issued) & (issued >= target_end), "year",
             lambda i: _("target year {year} is before the document {document} was issued ({issued}), so before "
                         "its base").format(year=year[i], document=repr(document[i]),
                                            issued=documents.at[document[i], "issued"]))

    relative = kind == "relative"
    has_reference = pd.notna(reference)
    each(relative & ~has_reference, "reference",
         lambda i: _("missing (a relative target names the region it is compared with)"))
    each(relative & has_reference & ~known(reference, regions.index), "reference",
         lambda i: _("unknown region {region}{hint}").format(
             region=repr(reference[i]), hint=region_hints.hint(reference[i])))
    each(relative & has_reference & known(reference, regions.index) & (reference == region), "reference",
         lambda i: _("a region cannot be compared with itself"))
    each(~relative & has_reference, "reference", lambda i: _("only a relative target uses reference"), WARNING)

    # The first year counted defaults to the year the document was issued.
    needs_from = ((kind == "annual") | ((kind == "increase") & (counting == "flow"))) & pd.isna(from_year)
    can_default = needs_from & ~np.isnan(issued)
    for i in np.flatnonzero(can_default):
        from_year[i] = periods.year_of(issued[i] + 1)
    each(needs_from & ~can_default, "from",
         lambda i: (_("missing (an annual target needs the first year counted, or a source document with an "
                      "issue date)") if kind[i] == "annual" else
                    _("missing (an {kind} target counting yearly flows needs the first year counted, or a source "
                      "document with an issue date)").format(kind=kind[i])))
    has_from = pd.notna(from_year)
    each(has_from & has_year & (np.where(has_from, from_year, 0) > np.where(has_year, year, 9999)), "from",
         lambda i: _("first year counted {first} is after the target year {year}").format(
             first=from_year[i], year=year[i]))
    each((kind == "share") & pd.notna(unit_of_indicator) & (unit_of_indicator != "%"), "kind",
         lambda i: _("a share target is tracked in 百分点; indicator {indicator} is in {unit}, not %").format(
             indicator=repr(indicator[i]), unit=repr(unit_of_indicator[i])), WARNING)
    all_th = ~np.isnan(th["ahead"]) & ~np.isnan(th["on_track"]) & ~np.isnan(th["behind"])
    with np.errstate(invalid="ignore"):
        each(all_th & ~((th["ahead"] > th["on_track"]) & (th["on_track"] > th["behind"])), "threshold_ahead",
             lambda i: _("thresholds must satisfy ahead > on_track > behind"))

    _duplicates(t, pd.Series(ident, dtype=object), problems)

    value_line, value_col = t.locations("value")
    frame = pd.DataFrame(
        {
            "target_id": ident,
            "region": region,
            "indicator": indicator,
            "kind": kind,
            "comparator": comparator,
            "value": np.asarray(value, dtype=float),
            "year": pd.array(list(year), dtype="Int64"),
            "base_index": base_index,
            "milestones": milestones,
            "stretch": np.asarray(stretch, dtype=float),
            "tolerance": np.asarray(tolerance, dtype=float),
            "counting": counting,
            "counting_set": counting_written,
            "from_year": pd.array(list(from_year), dtype="Int64"),
            "reference": reference,
            "path": path,
            "threshold_ahead": th["ahead"],
            "threshold_on_track": th["on_track"],
            "threshold_behind": th["behind"],
            "document": document,
            "clause": clause,
            "quote": quote,
            "note": note,
            "review": review,
            # 牵头单位 and 责任单位 as the document names them
            "lead": lead,
            "units": units,
            "units_quote": units_quote,
            "line": t.frame["_line"].astype(int).tolist(),
            "file": t.file,
            # where the value is written, for messages about it
            "value_line": value_line,
            "value_col": value_col,
        }
    )
    return frame, t


def _parse_milestones(t: Table, i, raw, unit, year, problems):
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    if isinstance(raw, str):  # CSV: "2023:500;2024:550"
        raw = raw.strip()
        if not raw:
            return None
        pairs = {}
        for part in raw.replace("；", ";").split(";"):
            if not part.strip():
                continue
            part = part.replace("：", ":")
            if ":" not in part:
                problems.append(t.problem(i, "milestones", _("{value} is not year:value (e.g. 2023:500)").format(
                    value=repr(part.strip()))))
                continue
            k, v = part.split(":", 1)
            pairs[k.strip()] = v.strip()
        raw = pairs
    if not isinstance(raw, dict):
        problems.append(t.problem(i, "milestones", _("must be a mapping of year: value, e.g. {{2023: 500}}").format()))
        return None
    out = {}
    for k, v in raw.items():
        k = str(k).strip()
        field = f"milestones.{k}"
        milestone_year = _year_number(k)
        if milestone_year is None:
            problems.append(t.problem(i, field, _year_problem(k)))
            continue
        if v is None or isinstance(v, (list, dict)):
            problems.append(t.problem(i, field, _("the value for {year} must be a number").format(year=k)))
            continue
        try:
            number = plain_float(v)
        except NumberError:
            number = None
        if number is None:  # not a plain number: the careful parser says why
            before = len(problems)
            number = _number(_Row(t, i), field, [str(v)], lambda _i: unit, problems)[0]
            if len(problems) > before:
                continue
        if year is not None and milestone_year >= year:
            problems.append(t.problem(i, field, _("milestone year {milestone} is not before the target year {year}").format(
                milestone=k, year=year)))
            continue
        out[milestone_year] = number
    return out or None


class _Row:
    """One row of a Table, for helpers that take a column of values."""

    def __init__(self, table: Table, i: int):
        self.table, self.i = table, i

    def problem(self, _i, name, message, severity=ERROR) -> Problem:
        return self.table.problem(self.i, name, message, severity)


def _name_clashes(table: Table, frame, what: str, problems, casefold: bool) -> None:
    """Every id, name and alias must name one thing only: 鞍山 naming two
    regions would send its figures to whichever came first."""
    owner: dict = {}
    for i, (ident, name, aliases) in enumerate(zip(frame["id"], frame["name"], frame["aliases"])):
        if ident is None:
            continue
        for fieldname, text in [("id", ident), ("name", name), *(("aliases", a) for a in aliases or [])]:
            if not text:
                continue
            key = str(text).casefold() if casefold else str(text)
            other = owner.setdefault(key, ident)
            if other != ident:
                problems.append(table.problem(i, fieldname, _("{name} already names {what} {other}; a name or alias must name one "
                                                "{what} only").format(name=repr(text), what=_(what),
                                                                      other=repr(other))))


def region_lookup(regions) -> dict:
    """id, name and every alias (case-folded) -> region id."""
    lookup: dict[str, str] = {}
    for rid, title, aliases in zip(regions.index, regions["name"], regions["aliases"]):
        for name in [rid, title, *(aliases or [])]:
            if name:
                lookup.setdefault(str(name).casefold(), rid)
    return lookup


def check_targets_file(raw: RawTargetsFile) -> Definitions:
    """Type and check every section; problems are collected, not raised."""
    problems = list(raw.problems)
    settings = _settings(raw.settings, raw.path, problems)
    regions, _table = _regions(raw.sections.get("regions"), problems)
    indicators = _indicators(raw.sections.get("indicators"), problems)
    documents = _documents(raw.sections.get("documents"), regions, problems)
    departments = _units(raw.sections.get("units"), problems)
    missing = [s for s in ("regions", "indicators", "targets") if s not in raw.sections]
    targets, _t = _targets(raw.sections.get("targets"), regions, indicators, documents, settings, problems, missing)
    for section in missing:
        problems.append(Problem(raw.path, None, section, _("section missing")))
    if len(targets):
        problems.extend(_conflicting_targets(targets))
    return Definitions(
        path=raw.path,
        settings=settings,
        regions=regions.drop(columns=["_line"], errors="ignore"),
        indicators=indicators,
        documents=documents,
        targets=targets,
        region_lookup=region_lookup(regions),
        units=departments,
        problems=problems,
        missing_sections=missing,
    )


def _col(value) -> int | None:
    return None if value is None or value != value else int(value)


def _conflicting_targets(targets) -> list[Problem]:
    """Two documents setting different values for one indicator, kind and year
    (鞍山 技术合同成交额 2025: 20亿元 and 20.3亿元): both stay, each with its
    source, and the planner is told."""
    from .columns import first_of_group

    out = []
    keys = ["region", "indicator", "kind", "year"]
    # the columns read below only: each row selection copies every column
    ok = targets[[*keys, "value", "target_id", "document", "file", "line", "value_line", "value_col"]]
    ok = ok[ok["value"].notna() & ok["kind"].notna() & ok["year"].notna()]
    # Each row against the first row of its (region, indicator, kind, year).
    values = ok["value"].to_numpy()
    heads = first_of_group(ok, keys)
    differs = values != values[heads]
    if not differs.any():
        return out
    firsts = ok.iloc[heads[differs]]
    for row, head in zip(ok[differs].itertuples(index=False), firsts.itertuples(index=False)):
        out.append(
            Problem(
                row.file, int(row.value_line), f"targets[{row.target_id}].value",
                _("{indicator} {year}: {value} here ({document}) but {other_value} in target {other} on line "
                  "{line} ({other_document}); both are kept and assessed").format(
                    indicator=row.indicator, year=int(row.year), value=figure_text(row.value),
                    document=row.document or _("no document"), other_value=figure_text(head.value),
                    other=head.target_id, line=int(head.line), other_document=head.document or _("no document")),
                WARNING,
                _col(row.value_col),
            )
        )
    return out
