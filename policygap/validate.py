"""Turning the raw targets file into typed tables, and every check on it.

The same code serves a YAML file (records with a location per field) and CSV
sections (columns, a location per row and column), so a rule is written once.
Checks run over whole columns; a message is built only for the rows that
fail. Every problem is collected: a planner fixes the file in one pass.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field

from . import periods, schema, units
from .errors import ERROR, WARNING, Problem
from .numbers import NumberError, parse_value
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
    problems: list = field(default_factory=list)
    missing_sections: list = field(default_factory=list)  # of regions, indicators, targets


# --------------------------------------------------------------------------
# Tables: one interface over YAML records and CSV frames


class Table:
    """Rows of one section with their locations, whatever file they came from."""

    def __init__(self, section: RawSection, fields: tuple[str, ...], name: str):
        import pandas as pd

        self.file = section.file
        self.name = name
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


def _suggestion(name: str, choices) -> str:
    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _text(table: Table, name: str, problems: list, required: bool = False):
    """A text column: strings stripped, missing as None; lists/mappings are errors."""
    out = []
    for i, v in enumerate(table.frame[name].tolist()):
        reported = table.invalid(i)
        if v is None or (isinstance(v, float) and math.isnan(v)):
            v = None
        elif isinstance(v, (list, dict)):
            problems.append(table.problem(i, name, "must be a single value, not a list or mapping"))
            v, reported = None, True
        else:
            v = str(v).strip() or None
        if v is None and required and not reported:
            problems.append(table.problem(i, name, "missing (required)"))
        out.append(v)
    return out


def _text_list(table: Table, name: str, problems: list):
    """A list of strings: YAML list, or ``a;b`` in a CSV cell."""
    out = []
    for i, v in enumerate(table.frame[name].tolist()):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append([])
        elif isinstance(v, list):
            if any(isinstance(x, (list, dict)) for x in v):
                problems.append(table.problem(i, name, "must be a list of names"))
                out.append([])
            else:
                out.append([str(x).strip() for x in v if x is not None and str(x).strip()])
        elif isinstance(v, dict):
            problems.append(table.problem(i, name, "must be a list of names, e.g. [鞍山, Anshan]"))
            out.append([])
        else:
            out.append([p.strip() for p in str(v).replace("；", ";").split(";") if p.strip()])
    return out


def _choice(table, name, values, choices, problems, default=None):
    out = []
    for i, v in enumerate(values):
        if v is None:
            out.append(default)
        elif v not in choices:
            problems.append(table.problem(i, name, f"{v!r} is not one of {', '.join(choices)}{_suggestion(v, choices)}"))
            out.append(default)
        else:
            out.append(v)
    return out


def _year(table, name, values, problems):
    out = []
    for i, v in enumerate(values):
        if v is None:
            out.append(None)
        elif len(v) == 4 and v.isdigit() and 1900 <= int(v) <= 2200:
            out.append(int(v))
        else:
            problems.append(table.problem(i, name, f"{v!r} is not a year (write four digits, e.g. 2025)"))
            out.append(None)
    return out


def _number(table, name, values, unit_of_row, problems):
    """Numbers as written in the targets file; a unit after the number is
    converted into the indicator's unit (``20亿元``, ``60%``). ``nan`` and
    ``inf`` are not numbers a plan can set."""
    out = []
    for i, v in enumerate(values):
        if v is None:
            out.append(math.nan)
            continue
        try:
            try:
                value = float(v)
            except ValueError:
                value, provisional = parse_value(v, unit_of_row(i))
                if provisional:
                    raise NumberError(f"{v!r}: a target is a number, not an estimate") from None
            if not math.isfinite(value):
                raise NumberError(f"{v!r} is not a finite number")
            out.append(value)
        except NumberError as exc:
            problems.append(table.problem(i, name, str(exc)))
            out.append(math.nan)
    return out


def _fraction(table, name, values, problems):
    """A fraction such as a tolerance: ``0.05`` or ``5%``."""
    pct = [v is not None and v.rstrip().endswith(("%", "％")) for v in values]
    numbers = _number(table, name, values, lambda i: "%" if pct[i] else None, problems)
    return [x / 100 if p else x for x, p in zip(numbers, pct)]


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
    _name_clashes(t, frame, "region", problems, casefold=True)
    return frame.drop_duplicates("id").set_index("id"), t


def _indicators(section: RawSection | None, problems):
    import pandas as pd

    cols = ["name", "unit", "direction", "measure", "aliases", "name_en"]
    if section is None:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="id"))
    t = Table(section, schema.INDICATOR_FIELDS, "indicators")
    unit = _text(t, "unit", problems)
    for i, u in enumerate(unit):
        if u is None:
            unit[i] = ""
        elif not units.is_known(u):
            problems.append(t.problem(i, "unit", f"unknown unit {u!r}; known units include 亿元, 万元, 家, 个, 项, 件, 人, %, 位, 件/万人"))
    frame = pd.DataFrame(
        {
            "id": _text(t, "id", problems, required=True),
            "name": _text(t, "name", problems, required=True),
            "unit": unit,
            "direction": _choice(t, "direction", _text(t, "direction", problems), schema.DIRECTIONS, problems, "up"),
            "measure": _choice(t, "measure", _text(t, "measure", problems), schema.MEASURES, problems, "stock"),
            "aliases": _text_list(t, "aliases", problems),
            "name_en": _text(t, "name_en", problems),
        }
    )
    _duplicates(t, frame["id"], problems)
    _name_clashes(t, frame, "indicator", problems, casefold=False)
    return frame.drop_duplicates("id").set_index("id")


def _documents(section: RawSection | None, regions, problems):
    import pandas as pd

    cols = ["region", "title", "number", "issued", "issued_index", "file", "url"]
    if section is None:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="id"))
    t = Table(section, schema.DOCUMENT_FIELDS, "documents")
    region = _text(t, "region", problems)
    for i, r in enumerate(region):
        if r is not None and r not in regions.index:
            problems.append(t.problem(i, "region", f"unknown region {r!r}{_suggestion(r, regions.index)}"))
    issued = _text(t, "issued", problems)
    issued_index = []
    for i, d in enumerate(issued):
        if d is None:
            issued_index.append(math.nan)
            continue
        try:
            issued_index.append(periods.issued_index(d))
        except periods.PeriodError as exc:
            problems.append(t.problem(i, "issued", str(exc)))
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


def _duplicates(table: Table, ids, problems):
    first: dict = {}
    for i, ident in enumerate(ids.tolist()):
        if ident is None:
            continue
        if ident in first:
            line, _ = table.loc(first[ident], "id")
            problems.append(table.problem(i, "id", f"duplicate id {ident!r} (first on line {line})"))
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
            bad(key, f"{value!r} is not a number")
            return None

    values = raw.values
    if "thresholds" in values:
        th = values["thresholds"]
        if not isinstance(th, dict):
            bad("thresholds", "must be a mapping, e.g. {ahead: 10, on_track: -10, behind: -30}")
        else:
            for k, v in th.items():
                if k not in schema.THRESHOLD_FIELDS:
                    bad(f"thresholds.{k}", f"unknown threshold{_suggestion(k, schema.THRESHOLD_FIELDS)}; "
                        "thresholds are ahead, on_track, behind")
                    continue
                x = num(f"thresholds.{k}", v)
                if x is not None:
                    settings["thresholds"][k] = x
            t = settings["thresholds"]
            if not t["ahead"] > t["on_track"] > t["behind"]:
                bad("thresholds", "must satisfy ahead > on_track > behind (in 百分点 of 序时进度)")
    if "tolerance" in values:
        x = num("tolerance", values["tolerance"])
        if x is not None:
            if 0 <= x < 1:
                settings["tolerance"] = x
            else:
                bad("tolerance", "must be a fraction of the value from 0 to below 1 (0.05 = ±5%)")
    if "stale_months" in values:
        x = num("stale_months", values["stale_months"])
        if x is not None:
            if x >= 0 and x == int(x):
                settings["stale_months"] = int(x)
            else:
                bad("stale_months", "must be a whole number of months")
    if "paths" in values:
        p = values["paths"]
        if not isinstance(p, dict):
            bad("paths", "must be a mapping of kind: linear|compound")
        else:
            for k, v in p.items():
                if k not in schema.KINDS:
                    bad(f"paths.{k}", f"unknown kind{_suggestion(k, schema.KINDS)}")
                elif v not in schema.PATHS:
                    bad(f"paths.{k}", f"{v!r} is not linear or compound")
                else:
                    settings["paths"][k] = v
    return settings


# --------------------------------------------------------------------------
# Targets

TARGET_COLUMNS = [
    "target_id", "region", "indicator", "kind", "comparator", "value", "year",
    "base_index", "milestones", "stretch", "tolerance", "counting", "from_year",
    "reference", "path", "threshold_ahead", "threshold_on_track", "threshold_behind",
    "document", "clause", "quote", "note", "review", "line", "file", "value_line", "value_col",
]

DEFAULT_COMPARATOR = {"rank": "<="}


def _targets(section: RawSection | None, regions, indicators, documents, settings, problems, missing=()):
    """``missing``: sections absent from the file (already reported), whose
    references are then not reported one by one."""
    import numpy as np
    import pandas as pd

    if section is None:
        return pd.DataFrame(columns=TARGET_COLUMNS), None
    t = Table(section, schema.TARGET_FIELDS, "targets")
    n = len(t)
    ident = _text(t, "id", problems, required=True)
    t.frame["id"] = ident  # labels in messages use the cleaned id
    region = _text(t, "region", problems, required=True)
    indicator = _text(t, "indicator", problems, required=True)
    kind = _choice(t, "kind", _text(t, "kind", problems, required=True), schema.KINDS, problems)
    year = _year(t, "year", _text(t, "year", problems, required=True), problems)

    for i in range(n):
        if region[i] is not None and region[i] not in regions.index and "regions" not in missing:
            problems.append(t.problem(i, "region", f"unknown region {region[i]!r}{_suggestion(region[i], regions.index)}"))
        if indicator[i] is not None and indicator[i] not in indicators.index and "indicators" not in missing:
            problems.append(t.problem(i, "indicator", f"unknown indicator {indicator[i]!r}{_suggestion(indicator[i], indicators.index)}"))

    unit_map = indicators["unit"].to_dict() if len(indicators) else {}
    direction_map = indicators["direction"].to_dict() if len(indicators) else {}
    measure_map = indicators["measure"].to_dict() if len(indicators) else {}

    def unit_of_row(i):
        # A growth rate is written in percent whatever the indicator's unit.
        return "%" if kind[i] == "growth_rate" else unit_map.get(indicator[i])

    # comparator: symbols normalised; default >= (<= for ranks and down-indicators)
    comparator = []
    for i, c in enumerate(_text(t, "comparator", problems)):
        if c is not None:
            c = schema.COMPARATOR_ALIASES.get(c, c)
        if c is None:
            c = "<=" if kind[i] == "rank" or direction_map.get(indicator[i]) == "down" else ">="
        elif c not in schema.COMPARATORS:
            problems.append(t.problem(i, "comparator", f"{c!r} is not one of {', '.join(schema.COMPARATORS)}"))
            c = None
        elif kind[i] == "rank" and c not in ("<=", "<"):
            problems.append(t.problem(i, "comparator", f"a rank target needs <= or < (lower is better), not {c!r}"))
        elif kind[i] == "relative" and c not in (">=", ">", "<=", "<"):
            problems.append(t.problem(i, "comparator", f"a relative target compares with >, >=, < or <=, not {c!r}"))
        comparator.append(c)

    value = _number(t, "value", _text(t, "value", problems), unit_of_row, problems)
    for i in range(n):
        k = kind[i]
        if k in ("relative", "milestone"):
            continue
        if math.isnan(value[i]):
            if t.frame["value"].iat[i] is None or t.frame["value"].iat[i] == "":
                problems.append(t.problem(i, "value", f"missing (required for a {k or 'target'} target)"))
            continue
        if k == "growth_rate" and value[i] <= -100:
            problems.append(t.problem(i, "value", f"a growth rate of {value[i]:g}% a year is impossible (must be above -100)"))
        elif k == "multiple" and value[i] <= 0:
            problems.append(t.problem(i, "value", "a multiple of the base must be positive (翻番 = 2)"))
        elif k in ("increase", "annual") and value[i] <= 0:
            problems.append(t.problem(i, "value", f"a {k} target adds a positive amount", WARNING))
        elif k == "rank" and (value[i] < 1 or value[i] != int(value[i])):
            problems.append(t.problem(i, "value", "a rank is a whole number from 1"))

    stretch = _number(t, "stretch", _text(t, "stretch", problems), unit_of_row, problems)
    tolerance = _fraction(t, "tolerance", _text(t, "tolerance", problems), problems)
    for i in range(n):
        if not math.isnan(tolerance[i]):
            if not 0 <= tolerance[i] < 1:
                problems.append(t.problem(i, "tolerance", "must be a fraction of the value from 0 to below 1 (0.05 = ±5%)"))
                tolerance[i] = math.nan
            elif comparator[i] != "~":
                problems.append(t.problem(i, "tolerance", "only a ~ (左右) target uses a tolerance", WARNING))
        if not math.isnan(stretch[i]) and not math.isnan(value[i]):
            lower_better = comparator[i] in ("<=", "<")
            if (stretch[i] < value[i]) if not lower_better else (stretch[i] > value[i]):
                problems.append(t.problem(i, "stretch", f"the stretch value (力争) {stretch[i]:g} is not beyond the target {value[i]:g}", WARNING))

    counting = _choice(t, "counting", _text(t, "counting", problems), schema.COUNTINGS, problems)
    for i in range(n):
        if counting[i] is not None and kind[i] not in ("increase", "annual"):
            problems.append(t.problem(i, "counting", "only increase and annual targets use counting", WARNING))
        if counting[i] is None and kind[i] in ("increase", "annual"):
            counting[i] = "flow" if measure_map.get(indicator[i]) == "flow" else "stock"

    from_year = _year(t, "from", _text(t, "from", problems), problems)
    reference = _text(t, "reference", problems)
    path = _choice(t, "path", _text(t, "path", problems), schema.PATHS, problems)
    th = {}
    for f in schema.THRESHOLD_FIELDS:
        th[f] = _number(t, f"threshold_{f}", _text(t, f"threshold_{f}", problems), lambda i: None, problems)
    document = _text(t, "source_document", problems)
    clause = _text(t, "source_clause", problems)
    quote = _text(t, "source_quote", problems)
    note = _text(t, "note", problems)
    review = [str(v).strip().lower() in ("true", "yes", "1") if v is not None else False
              for v in t.frame["review"].tolist()]

    base_text = _text(t, "base_period", problems)
    base_index = []
    for i, b in enumerate(base_text):
        if b is None:
            base_index.append(math.nan)
            continue
        try:
            base_index.append(periods.parse_period(b))
        except periods.PeriodError as exc:
            problems.append(t.problem(i, "base_period", str(exc)))
            base_index.append(math.nan)

    milestones = []
    for i, raw in enumerate(t.frame["milestones"].tolist()):
        milestones.append(_parse_milestones(t, i, raw, unit_of_row(i), year[i], problems))

    issued = documents["issued_index"].to_dict() if len(documents) else {}
    doc_region = documents["region"].to_dict() if len(documents) else {}
    for i in range(n):
        k = kind[i]
        y = year[i]
        if document[i] is not None and document[i] not in documents.index:
            problems.append(t.problem(i, "source_document", f"unknown document {document[i]!r}{_suggestion(document[i], documents.index)}"))
        elif (document[i] is not None and region[i] in regions.index
              and doc_region.get(document[i]) not in (None, region[i])):
            problems.append(t.problem(i, "source_document", f"document {document[i]!r} belongs to {doc_region[document[i]]!r}, not {region[i]!r}", WARNING))
        if y is not None and not math.isnan(base_index[i]) and base_index[i] >= periods.year_end(y):
            problems.append(t.problem(i, "year", f"target year {y} is not after the base period {base_text[i]}"))
        elif (y is not None and math.isnan(base_index[i]) and document[i] in issued
              and issued[document[i]] >= periods.year_end(y)):
            # The base is then the newest figure before the document was issued.
            problems.append(t.problem(i, "year", f"target year {y} is before the document {document[i]!r} was "
                                      f"issued ({documents.at[document[i], 'issued']}), so before its base"))
        if k == "relative":
            if reference[i] is None:
                problems.append(t.problem(i, "reference", "missing (a relative target names the region it is compared with)"))
            elif reference[i] not in regions.index:
                problems.append(t.problem(i, "reference", f"unknown region {reference[i]!r}{_suggestion(reference[i], regions.index)}"))
            elif reference[i] == region[i]:
                problems.append(t.problem(i, "reference", "a region cannot be compared with itself"))
        elif reference[i] is not None:
            problems.append(t.problem(i, "reference", "only a relative target uses reference", WARNING))
        needs_from = k == "annual" or (k == "increase" and counting[i] == "flow")
        if needs_from and from_year[i] is None:
            d = document[i]
            if d is not None and not math.isnan(issued.get(d, math.nan)):
                # The first year counted is the year the document was issued.
                from_year[i] = periods.year_of(issued[d] + 1)
            else:
                problems.append(t.problem(i, "from", f"missing (an {k} target counting yearly flows needs the first year counted, or a source document with an issue date)"))
        if from_year[i] is not None and y is not None and from_year[i] > y:
            problems.append(t.problem(i, "from", f"first year counted {from_year[i]} is after the target year {y}"))
        if k == "share" and unit_map.get(indicator[i]) not in (None, "%"):
            problems.append(t.problem(i, "kind", f"a share target is tracked in 百分点; indicator {indicator[i]!r} is in {unit_map.get(indicator[i])!r}, not %", WARNING))
        ths = [th[f][i] for f in schema.THRESHOLD_FIELDS]
        if not any(math.isnan(x) for x in ths) and not ths[0] > ths[1] > ths[2]:
            problems.append(t.problem(i, "threshold_ahead", "thresholds must satisfy ahead > on_track > behind"))

    _duplicates(t, pd.Series(ident, dtype=object), problems)

    frame = pd.DataFrame(
        {
            "target_id": ident,
            "region": region,
            "indicator": indicator,
            "kind": kind,
            "comparator": comparator,
            "value": np.array(value, dtype=float),
            "year": pd.array(year, dtype="Int64"),
            "base_index": np.array(base_index, dtype=float),
            "milestones": milestones,
            "stretch": np.array(stretch, dtype=float),
            "tolerance": np.array(tolerance, dtype=float),
            "counting": counting,
            "from_year": pd.array(from_year, dtype="Int64"),
            "reference": reference,
            "path": path,
            "threshold_ahead": np.array(th["ahead"], dtype=float),
            "threshold_on_track": np.array(th["on_track"], dtype=float),
            "threshold_behind": np.array(th["behind"], dtype=float),
            "document": document,
            "clause": clause,
            "quote": quote,
            "note": note,
            "review": review,
            "line": t.frame["_line"].astype(int).tolist(),
            "file": t.file,
            # where the value is written, for messages about it
            "value_line": [t.loc(i, "value")[0] for i in range(n)],
            "value_col": [t.loc(i, "value")[1] for i in range(n)],
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
                problems.append(t.problem(i, "milestones", f"{part.strip()!r} is not year:value (e.g. 2023:500)"))
                continue
            k, v = part.split(":", 1)
            pairs[k.strip()] = v.strip()
        raw = pairs
    if not isinstance(raw, dict):
        problems.append(t.problem(i, "milestones", "must be a mapping of year: value, e.g. {2023: 500}"))
        return None
    out = {}
    for k, v in raw.items():
        k = str(k).strip()
        field = f"milestones.{k}"
        if not (len(k) == 4 and k.isdigit()):
            problems.append(t.problem(i, field, f"{k!r} is not a year (write four digits, e.g. 2024)"))
            continue
        if v is None or isinstance(v, (list, dict)):
            problems.append(t.problem(i, field, f"the value for {k} must be a number"))
            continue
        before = len(problems)
        number = _number(_Row(t, i), field, [str(v)], lambda _i: unit, problems)[0]
        if len(problems) > before:
            continue
        if year is not None and int(k) >= year:
            problems.append(t.problem(i, field, f"milestone year {k} is not before the target year {year}"))
            continue
        out[int(k)] = number
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
                problems.append(table.problem(i, fieldname, f"{text!r} already names {what} {other!r}; "
                                              f"a name or alias must name one {what} only"))


def region_lookup(regions) -> dict:
    """id, name and every alias (case-folded) -> region id."""
    lookup: dict[str, str] = {}
    for rid, row in regions.iterrows():
        for name in [rid, row["name"], *(row["aliases"] or [])]:
            if name:
                lookup.setdefault(str(name).casefold(), rid)
    return lookup


def check_targets_file(raw: RawTargetsFile) -> Definitions:
    """Type and check every section; problems are collected, not raised."""
    problems = list(raw.problems)
    settings = _settings(raw.settings, raw.path, problems)
    regions, _ = _regions(raw.sections.get("regions"), problems)
    indicators = _indicators(raw.sections.get("indicators"), problems)
    documents = _documents(raw.sections.get("documents"), regions, problems)
    missing = [s for s in ("regions", "indicators", "targets") if s not in raw.sections]
    targets, _t = _targets(raw.sections.get("targets"), regions, indicators, documents, settings, problems, missing)
    for section in missing:
        problems.append(Problem(raw.path, None, section, "section missing"))
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
        problems=problems,
        missing_sections=missing,
    )


def _col(value) -> int | None:
    return None if value is None or value != value else int(value)


def _conflicting_targets(targets) -> list[Problem]:
    """Two documents setting different values for one indicator, kind and year
    (鞍山 技术合同成交额 2025: 20亿元 and 20.3亿元): both stay, each with its
    source, and the planner is told."""
    out = []
    ok = targets.dropna(subset=["value"])
    ok = ok[ok["kind"].notna() & ok["year"].notna()]
    for (_reg, _ind, _kind, _year), group in ok.groupby(["region", "indicator", "kind", "year"], sort=False):
        if group["value"].nunique() < 2:
            continue
        first = group.iloc[0]
        for _, row in group.iloc[1:].iterrows():
            if row["value"] == first["value"]:
                continue
            out.append(
                Problem(
                    row["file"], int(row["value_line"]), f"targets[{row['target_id']}].value",
                    f"{row['indicator']} {int(row['year'])}: {row['value']:g} here "
                    f"({row['document'] or 'no document'}) but {first['value']:g} in target "
                    f"{first['target_id']} on line {int(first['line'])} ({first['document'] or 'no document'}); "
                    "both are kept and assessed",
                    WARNING,
                    _col(row["value_col"]),
                )
            )
    return out
