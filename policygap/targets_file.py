"""Reading the targets file into raw tables, with the location of every field.

The YAML is *composed* (PyYAML's node graph), never constructed: scalars are
kept as the text the user wrote, so ``2025-01-01`` stays a date string and
``NO`` stays ``NO`` instead of becoming ``False``. Each node keeps its line and
column, which every message reports. Alias expansion is budgeted so that an
alias bomb is refused in a moment instead of eating memory.

Any of the sections ``regions``, ``indicators``, ``documents`` and ``targets``
may instead name a CSV file (relative to the YAML file) holding the same
fields as columns: the hand-written YAML stays pleasant and a national data set
of 100,000 targets loads at the speed of pandas reading a table.

The result is a set of *raw* tables of strings; turning strings into typed
values and checking them is validate.py's job, the same for YAML and CSV.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .errors import ERROR, WARNING, PolicygapError, Problem
from .textio import decode, read_bytes

SECTIONS = ("settings", "regions", "indicators", "documents", "targets")

# Hand-written targets files are small; a larger YAML is almost certainly a
# mistake or an attack. National data sets use CSV sections instead.
YAML_MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Loc:
    line: int
    col: int | None = None


@dataclass
class RawRecord:
    """One entry of a section: field -> raw value, with locations."""

    values: dict
    line: int
    locs: dict = field(default_factory=dict)  # field -> Loc

    def loc(self, name: str) -> Loc:
        return self.locs.get(name) or Loc(self.line)


@dataclass
class RawSection:
    """A section read either from YAML (records) or from a CSV table (frame)."""

    file: str
    records: list[RawRecord] | None = None
    frame: object | None = None  # pandas.DataFrame of strings, with a `_line` column
    columns: list[str] | None = None  # CSV header, for column numbers in messages


@dataclass
class RawTargetsFile:
    path: str
    settings: RawRecord | None
    sections: dict[str, RawSection]
    problems: list[Problem]


# --------------------------------------------------------------------------
# YAML


class _Budget:
    def __init__(self, limit: int):
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _AliasBomb()


class _AliasBomb(Exception):
    pass


def _compose(text: str, path: str):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        message = f"YAML syntax error: {exc.problem or exc}"
        if exc.context:
            message += f" ({exc.context})"
        hint = _syntax_hint(text, line)
        if hint:
            message += f"; {hint}"
        raise PolicygapError(problems=[Problem(path, line, "", message, col=col)]) from None
    except yaml.YAMLError as exc:
        raise PolicygapError(problems=[Problem(path, None, "", f"YAML error: {exc}")]) from None


def _syntax_hint(text: str, line: int | None) -> str:
    if not line:
        return ""
    lines = text.split("\n")
    for candidate in lines[max(0, line - 2) : line]:
        stripped = candidate.split("#", 1)[0]
        if ": >" in stripped or ": |" in stripped:
            return 'quote comparators, e.g. comparator: ">="'
        if "\t" in candidate[: len(candidate) - len(candidate.lstrip())]:
            return "indent with spaces, not tabs"
    return "check the indentation of this line and the one before"


def _scalar(node) -> str | None:
    """The text of a scalar as written; None for an empty or ``~``/``null`` value."""
    if node.style is None and node.tag == "tag:yaml.org,2002:null":
        return None
    return node.value


def _plain(node, budget: _Budget):
    """Node graph -> plain Python (dict/list/str/None), scalars as written."""
    import yaml

    budget.spend()
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(n, budget) for n in node.value]
    return {str(_plain(k, budget)): _plain(v, budget) for k, v in node.value}


def _loc(node) -> Loc:
    return Loc(node.start_mark.line + 1, node.start_mark.column + 1)


def _kind(node) -> str:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "scalar"


def _suggest(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _unknown_key(path, loc, where, key, known) -> Problem:
    """A key policygap does not know. Close to a known key: an error (a typo
    such as ``comparater`` would silently drop the comparator); otherwise a
    warning, since the format allows keys of the user's own."""
    hint = _suggest(key, known)
    severity = ERROR if hint else WARNING
    message = f"unknown key{hint}" if hint else "unknown key, ignored"
    return Problem(path, loc.line, f"{where}.{key}" if where else key, message, severity, loc.col)


def read_targets_file(path: Path) -> RawTargetsFile:
    data = read_bytes(path, limit=max(YAML_MAX_BYTES, 0))
    text, _encoding = decode(data, path)
    spath = str(path)
    if path.suffix.lower() == ".csv":
        # A bare table of targets: regions, indicators and documents must then
        # come from elsewhere, so this is only useful for `validate` of a table.
        raise PolicygapError(
            f"{path}: a targets file is YAML; to keep targets in a table, name the CSV "
            "in the YAML's targets section (targets: targets.csv)"
        )
    root = _compose(text, spath)
    problems: list[Problem] = []
    sections: dict[str, RawSection] = {}
    settings = None
    if root is None:
        raise PolicygapError(problems=[Problem(spath, 1, "", "the targets file is empty")])
    if _kind(root) != "mapping":
        raise PolicygapError(
            problems=[Problem(spath, _loc(root).line, "", "the targets file must be a mapping with "
                              "sections regions, indicators, documents, targets")]
        )
    # The budget bounds the work of alias expansion: a file without aliases
    # has far fewer nodes than characters.
    budget = _Budget(len(text) + 10_000)
    try:
        for key_node, value_node in root.value:
            key = _scalar(key_node) or ""
            kloc = _loc(key_node)
            if key not in SECTIONS:
                problems.append(_unknown_key(spath, kloc, "", key, SECTIONS))
                continue
            if key in sections or (key == "settings" and settings is not None):
                problems.append(Problem(spath, kloc.line, key, "section appears twice", col=kloc.col))
                continue
            if key == "settings":
                settings = _settings(value_node, spath, problems, budget)
                continue
            sections[key] = _section(key, value_node, path, problems, budget)
    except _AliasBomb:
        raise PolicygapError(
            problems=[Problem(spath, None, "", "too many YAML aliases to expand (an alias bomb?); refused")]
        ) from None
    return RawTargetsFile(spath, settings, sections, problems)


def _settings(node, path, problems, budget) -> RawRecord | None:
    if _kind(node) != "mapping":
        if _kind(node) == "scalar" and _scalar(node) is None:
            return None
        loc = _loc(node)
        problems.append(Problem(path, loc.line, "settings", "must be a mapping", col=loc.col))
        return None
    values, locs = {}, {}
    for k, v in node.value:
        key = _scalar(k) or ""
        loc = _loc(k)
        if key not in schema.SETTINGS_FIELDS:
            problems.append(_unknown_key(path, loc, "settings", key, schema.SETTINGS_FIELDS))
            continue
        values[key] = _plain(v, budget)
        locs[key] = _loc(v)
        if isinstance(values[key], dict):
            for kk, vv in v.value:
                locs[f"{key}.{_scalar(kk)}"] = _loc(vv)
    return RawRecord(values, _loc(node).line, locs)


def _section(name, node, path: Path, problems, budget) -> RawSection:
    spath = str(path)
    kind = _kind(node)
    if kind == "scalar":
        ref = _scalar(node)
        if ref is None:
            return RawSection(spath, records=[])
        # A section given as a table: `targets: targets.csv`.
        return _csv_section(name, path.parent / ref, _loc(node), spath)
    if name == "targets":
        if kind != "list":
            loc = _loc(node)
            problems.append(Problem(spath, loc.line, "targets", "must be a list of targets (each starting with -)", col=loc.col))
            return RawSection(spath, records=[])
        records = []
        for i, item in enumerate(node.value):
            rec = _target_record(item, i, spath, problems, budget)
            if rec is not None:
                records.append(rec)
        return RawSection(spath, records=records)
    if kind != "mapping":
        loc = _loc(node)
        problems.append(Problem(spath, loc.line, name, "must be a mapping of id: {fields}", col=loc.col))
        return RawSection(spath, records=[])
    known = {
        "regions": schema.REGION_FIELDS,
        "indicators": schema.INDICATOR_FIELDS,
        "documents": schema.DOCUMENT_FIELDS,
    }[name]
    records = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        ident = _scalar(key_node) or ""
        kloc = _loc(key_node)
        budget.spend()
        if ident in seen:
            problems.append(Problem(spath, kloc.line, f"{name}.{ident}", f"defined twice (first on line {seen[ident]})", col=kloc.col))
            continue
        seen[ident] = kloc.line
        values, locs = {"id": ident}, {"id": kloc}
        if _kind(value_node) != "mapping":
            if _kind(value_node) == "scalar" and _scalar(value_node) is None:
                records.append(RawRecord(values, kloc.line, locs))
                continue
            vloc = _loc(value_node)
            problems.append(Problem(spath, vloc.line, f"{name}.{ident}", "must be a mapping of fields, e.g. {name: …}", col=vloc.col))
            continue
        for k, v in value_node.value:
            key = _scalar(k) or ""
            floc = _loc(k)
            if key not in known:
                problems.append(_unknown_key(spath, floc, f"{name}.{ident}", key, known))
                continue
            values[key] = _plain(v, budget)
            locs[key] = _loc(v)
        records.append(RawRecord(values, kloc.line, locs))
    return RawSection(spath, records=records)


def _target_record(item, index, path, problems, budget) -> RawRecord | None:
    where = f"targets[{index}]"
    loc = _loc(item)
    if _kind(item) != "mapping":
        problems.append(Problem(path, loc.line, where, "each target must be a mapping (id: …, region: …)", col=loc.col))
        return None
    values, locs, seen = {}, {}, set()
    known = set(schema.TARGET_FIELDS) | set(schema.TARGET_NESTED) | set(schema.TARGET_FREE)
    known -= {"base_period", "source_document", "source_clause", "source_quote",
              "threshold_ahead", "threshold_on_track", "threshold_behind"}
    for k, v in item.value:
        key = _scalar(k) or ""
        kloc = _loc(k)
        budget.spend()
        if key in seen:
            problems.append(Problem(path, kloc.line, f"{where}.{key}", "key appears twice", col=kloc.col))
            continue
        seen.add(key)
        if key not in known:
            problems.append(_unknown_key(path, kloc, where, key, known))
            continue
        if key in schema.TARGET_NESTED:
            sub = schema.TARGET_NESTED[key]
            if _kind(v) != "mapping":
                vloc = _loc(v)
                example = next(iter(sub))
                problems.append(Problem(path, vloc.line, f"{where}.{key}", f"must be a mapping, e.g. {key}: {{{example}: …}}", col=vloc.col))
                continue
            for kk, vv in v.value:
                subkey = _scalar(kk) or ""
                if subkey not in sub:
                    problems.append(_unknown_key(path, _loc(kk), f"{where}.{key}", subkey, sub))
                    continue
                values[sub[subkey]] = _plain(vv, budget)
                locs[sub[subkey]] = _loc(vv)
            continue
        if key == "milestones":
            values[key], locs[key] = _milestones(v, f"{where}.milestones", path, problems, budget), _loc(v)
            continue
        values[key] = _plain(v, budget)
        locs[key] = _loc(v)
    return RawRecord(values, loc.line, locs)


def _milestones(node, where, path, problems, budget):
    """``{2023: 500}`` -> ``{"2023": "500"}`` (raw text; validated later)."""
    if _kind(node) == "scalar" and _scalar(node) is None:
        return None
    if _kind(node) != "mapping":
        loc = _loc(node)
        problems.append(Problem(path, loc.line, where, "must be a mapping of year: value, e.g. {2023: 500}", col=loc.col))
        return None
    out = {}
    for k, v in node.value:
        budget.spend()
        out[str(_plain(k, budget))] = _plain(v, budget)
    return out


# --------------------------------------------------------------------------
# CSV sections


def _csv_section(name: str, csv_path: Path, ref_loc: Loc, yaml_path: str) -> RawSection:
    import pandas as pd

    data = read_bytes(csv_path)
    text, _ = decode(data, csv_path)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
        )
    except Exception as exc:  # pandas raises several parser error types
        raise PolicygapError(
            problems=[Problem(str(csv_path), None, "", f"cannot read as CSV: {exc}"),
                      Problem(yaml_path, ref_loc.line, name, f"named here as the {name} table", col=ref_loc.col)]
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame["_line"] = _physical_lines(text, len(frame))
    # Blank rows (every cell empty) are not records.
    cells = frame.drop(columns="_line")
    blank = (cells.apply(lambda s: s.str.strip()) == "").all(axis=1) if len(cells.columns) else None
    if blank is not None and blank.any():
        frame = frame[~blank]
    return RawSection(str(csv_path), frame=frame.reset_index(drop=True), columns=[c for c in frame.columns if c != "_line"])


def _physical_lines(text: str, rows: int):
    """Line number of each data row in the file (header is line 1).

    Rows map one-to-one to lines unless a quoted field spans lines; only then
    is the csv module asked where each record starts.
    """
    import numpy as np

    if '"' not in text:
        return np.arange(2, rows + 2)
    import csv

    starts = []
    reader = csv.reader(io.StringIO(text))
    previous_end = 0
    for i, _row in enumerate(reader):
        if i > 0:
            starts.append(previous_end + 1)
        previous_end = reader.line_num
    starts = starts[:rows]
    if len(starts) < rows:
        starts += list(range(previous_end + 1, previous_end + 1 + rows - len(starts)))
    return np.array(starts)
