"""Reading the targets file into raw tables, with the location of every field.

The YAML is built into plain nodes from PyYAML's parser events, never
constructed: scalars are kept as the text the user wrote, so ``2025-01-01``
stays a date string and ``NO`` stays ``NO`` instead of becoming ``False``; tags
that would construct objects are refused. Each node keeps its line and
column, which every message reports. Nesting depth is limited before anything
recursive runs, and alias expansion is budgeted so that an alias bomb is
refused in a moment instead of eating memory.

Any of the sections ``regions``, ``indicators``, ``documents`` and ``targets``
may instead name a CSV file (relative to the YAML file) holding the same
fields as columns: the hand-written YAML stays pleasant and a national data set
of 100,000 targets loads at the speed of pandas reading a table.

The result is a set of *raw* tables of strings; turning strings into typed
values and checking them is validate.py's job, the same for YAML and CSV.
"""

from __future__ import annotations

import contextlib
import gc
import re
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import _
from . import schema
from .errors import ERROR, WARNING, PolicygapError, Problem, did_you_mean
from .textio import decode, max_bytes, printable, read_bytes, read_csv_table

SECTIONS = ("settings", "regions", "indicators", "documents", "units", "targets")

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
    index: int | None = None  # position in a YAML list (targets), for messages
    invalid: bool = False  # the entry was not a mapping (already reported)

    def loc(self, name: str) -> Loc:
        return self.locs.get(name) or Loc(self.line)


@dataclass
class RawSection:
    """A section read either from YAML (records) or from a CSV table (frame)."""

    file: str
    records: list[RawRecord] | None = None
    frame: object | None = None  # pandas.DataFrame of strings, with a `_line` column
    columns: list[str] | None = None  # CSV header, for column numbers in messages
    problems: list = field(default_factory=list)  # rows of a CSV table that could not be read


@dataclass
class RawTargetsFile:
    path: str
    settings: RawRecord | None
    sections: dict[str, RawSection]
    problems: list[Problem]


# --------------------------------------------------------------------------
# YAML: composed from the parser's events into plain nodes

# A targets file is a few levels deep (targets > item > source > quote). A
# deeper file is refused before anything recursive touches it: PyYAML's own
# composer crashes the interpreter on some 100,000-deep inputs.
MAX_DEPTH = 64

# Explicit tags a file may carry: the YAML core types. Anything else
# (!!python/object, !!binary, !custom) is refused, never constructed.
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_NULLS = ("", "~", "null", "Null", "NULL")


@dataclass(eq=False, slots=True)
class Node:
    """A YAML node: a scalar (``value`` is the text as written, None for a
    null), a list (``items``: nodes) or a mapping (``items``: key/value node
    pairs), with its line and column (1-based)."""

    kind: str
    line: int
    col: int
    value: str | None = None
    items: list = field(default_factory=list)
    height: int = 1
    merge: bool = False  # the plain key << (a merge of other mappings)

    @property
    def loc(self) -> Loc:
        return Loc(self.line, self.col)


def _mark_problem(path: str, mark, message: str) -> Problem:
    return Problem(path, mark.line + 1 if mark else None, "", message, col=mark.column + 1 if mark else None)


def _compose(text: str, path: str) -> Node | None:
    """Parse ``text`` into Nodes. Raises PolicygapError on a syntax error, a
    second document, an undefined or recursive alias, a disallowed tag or
    nesting deeper than MAX_DEPTH."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = None
    stack: list[list] = []  # [node, anchor, pending key]
    anchors: dict[str, Node] = {}
    open_anchors: set[str] = set()
    documents = 0
    bad_tags: list[Problem] = []

    def attach(node: Node, mark) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        if len(stack) + node.height > MAX_DEPTH:
            raise PolicygapError(problems=[_mark_problem(path, mark, _("nested more than {depth} levels deep; refused").format(depth=MAX_DEPTH))])
        parent = stack[-1]
        if node.height >= parent[0].height:
            parent[0].height = node.height + 1
        if parent[0].kind == "list":
            parent[0].items.append(node)
        elif parent[2] is None:
            parent[2] = node
        else:
            parent[0].items.append((parent[2], node))
            parent[2] = None

    def check_tag(ev) -> None:
        if ev.tag not in (None, "!") and ev.tag not in ALLOWED_TAGS:
            shown = "!!" + ev.tag[len(_CORE):] if ev.tag.startswith(_CORE) else ev.tag
            bad_tags.append(_mark_problem(path, ev.start_mark, _("YAML tag {tag} is not allowed: policygap reads "
                                            "plain values only and constructs no objects; refused").format(tag=shown)))

    from yaml.events import (
        AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
        SequenceStartEvent,
    )

    null_tag = _CORE + "null"
    # Control characters reach a value only through a double-quoted escape
    # (the file itself may hold none: decode() refuses them): without a
    # backslash in the file there is nothing to make visible.
    escapes = "\\" in text
    try:
        # One pass over the parser's events; the common events (scalars) come
        # first and are attached inline: a national file has a million.
        for ev in yaml.parse(text, Loader=loader):
            cls = ev.__class__
            if cls is ScalarEvent:
                tag = ev.tag
                if tag is not None and tag != "!" and tag not in ALLOWED_TAGS:
                    check_tag(ev)
                untagged_plain = ev.implicit[0] and (tag is None or tag == "!")
                raw = ev.value
                value = None if (untagged_plain and raw in _NULLS) or tag == null_tag else raw
                if escapes and value is not None:
                    # Escapes such as "\e]0;…" give control characters: kept as
                    # visible text, so that no output or message can steer a terminal.
                    value = printable(value)
                mark = ev.start_mark
                node = Node("scalar", mark.line + 1, mark.column + 1, value)
                if untagged_plain and raw == "<<":
                    node.merge = True
                if ev.anchor:
                    anchors[ev.anchor] = node
                if stack and len(stack) < MAX_DEPTH:
                    parent = stack[-1]
                    if parent[0].height < 2:
                        parent[0].height = 2
                    if parent[0].kind == "list":
                        parent[0].items.append(node)
                    elif parent[2] is None:
                        parent[2] = node
                    else:
                        parent[0].items.append((parent[2], node))
                        parent[2] = None
                else:
                    attach(node, mark)
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                node, anchor, _pending = stack.pop()
                if anchor:
                    open_anchors.discard(anchor)
                attach(node, ev.start_mark)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                check_tag(ev)
                node = Node("list" if cls is SequenceStartEvent else "mapping",
                            ev.start_mark.line + 1, ev.start_mark.column + 1)
                if len(stack) >= MAX_DEPTH:
                    raise PolicygapError(problems=[_mark_problem(path, ev.start_mark, _("nested more than {depth} levels deep; refused").format(depth=MAX_DEPTH))])
                if ev.anchor:
                    anchors[ev.anchor] = node
                    open_anchors.add(ev.anchor)
                stack.append([node, ev.anchor, None])
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise PolicygapError(problems=[_mark_problem(
                        path, ev.start_mark, _("a second YAML document (---): a targets file is one document"))])
            elif cls is AliasEvent:
                if ev.anchor in open_anchors:
                    raise PolicygapError(problems=[_mark_problem(
                        path, ev.start_mark, _("alias *{anchor} refers to a mapping or list that contains it; refused").format(anchor=ev.anchor))])
                if ev.anchor not in anchors:
                    raise PolicygapError(problems=[_mark_problem(
                        path, ev.start_mark, _("alias *{anchor} is not defined above (define it with &{anchor})").format(anchor=ev.anchor))])
                attach(anchors[ev.anchor], ev.start_mark)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if _too_deep_before(text, mark):
            # The parser gave up on the depth first (PyYAML 6.0.2 and later
            # stop at 1000 levels): the same refusal as ours, in our words.
            raise PolicygapError(problems=[_mark_problem(path, mark, _("nested more than {depth} levels deep; refused").format(
                depth=MAX_DEPTH))]) from None
        line = mark.line + 1 if mark else None
        said = _yaml_problem(exc, text)
        if said:
            message = _("YAML syntax error: {error}{context}{hint}").format(error=said, context="", hint="")
        else:  # a problem policygap does not word itself: the parser's own words
            hint = _syntax_hint(text, line)
            message = _("YAML syntax error: {error}{context}{hint}").format(
                error=exc.problem or exc, context=f" ({exc.context})" if exc.context else "",
                hint=f"; {hint}" if hint else "")
        raise PolicygapError(problems=[_mark_problem(path, mark, message)]) from None
    except yaml.YAMLError as exc:
        raise PolicygapError(problems=[Problem(path, None, "", _("YAML error: {error}").format(error=exc))]) from None
    if bad_tags:
        raise PolicygapError(problems=bad_tags)
    return root

def _too_deep_before(text: str, mark) -> bool:
    """More brackets opened than closed before ``mark`` than MAX_DEPTH allows:
    the file is nested too deep, whatever else the parser says about it."""
    index = getattr(mark, "index", None)
    if index is None:
        return False
    head = text[:index + 1]
    opened = head.count("[") + head.count("{") - head.count("]") - head.count("}")
    return opened > MAX_DEPTH


def _yaml_problem(exc, text: str = "") -> str:
    """The common slips of a hand-written YAML file in policygap's words,
    naming the line where the bracket or quote was opened (the parser notices
    only where it ends); '' for any other problem."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    opened = exc.context_mark.line + 1 if getattr(exc, "context_mark", None) else None
    if problem.startswith("did not find expected ',' or '}'") and opened:
        return _("the {{ opened on line {line} is not closed, or two entries in it have no comma between "
                 "them").format(line=opened)
    if problem.startswith("did not find expected ',' or ']'") and opened:
        return _("the [ opened on line {line} is not closed, or two items in it have no comma between "
                 "them").format(line=opened)
    if "end of stream" in problem and "quoted scalar" in context and opened:
        return _("the quote opened on line {line} is not closed").format(line=opened)
    if problem.startswith("mapping values are not allowed"):
        return _("': ' where no key can begin: this line is indented deeper than the key above it, or a value "
                 "that contains ': ' needs quotes")
    if problem.startswith("did not find expected key") or problem.startswith("expected <block end>"):
        return _("this line is indented differently from the lines above it: entries of one mapping or list "
                 "start in the same column")
    if problem.startswith("could not find expected ':'"):
        return _("a key without ':' (write key: value)")
    if problem.startswith("found character") and "cannot start any token" in problem:
        character = _shown_character(exc, text)
        if character == repr("\t"):
            return _("a tab where YAML needs spaces: indent with spaces, not tabs")
        # @ ` and % cannot begin a plain value
        return _("a value cannot begin with this character ({character}): put the value in quotes").format(
            character=character)
    if problem.startswith("found undefined tag handle") or problem.startswith("found unknown escape character"):
        return _("a backslash escape or a ! tag that YAML does not know: write the value in single quotes")
    if "while scanning an alias" in context or "while scanning an anchor" in context:
        return _("a value beginning with * or & is read as an alias or anchor: put the value in quotes")
    return ""


def _shown_character(exc, text: str) -> str:
    """The character the parser stopped at, visible ('\\t' for a tab)."""
    found = re.search(r"found character '(.*?)'", str(exc.problem or ""))
    if found:
        return f"'{found.group(1)}'"
    mark = getattr(exc, "problem_mark", None)
    lines = text.split("\n") if mark is not None else []
    if mark is not None and mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return repr(lines[mark.line][mark.column])
    return "?"


def _syntax_hint(text: str, line: int | None) -> str:
    if not line:
        return ""
    lines = text.split("\n")
    for candidate in lines[max(0, line - 2) : line]:
        stripped = candidate.split("#", 1)[0]
        if ": >" in stripped or ": |" in stripped or ": <" in stripped:
            return _('quote comparators, e.g. comparator: ">="')
        if "\t" in candidate[: len(candidate) - len(candidate.lstrip())]:
            return _("indent with spaces, not tabs")
    return _("check the indentation of this line and the one before")


class _Budget:
    """Bounds the work of expanding aliases: an alias bomb (a billion laughs)
    is refused in a moment instead of eating memory."""

    def __init__(self, limit: int):
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _AliasBomb()


class _AliasBomb(Exception):
    pass


def _plain(node: Node, budget: _Budget):
    """Node -> plain Python (dict/list/str/None), scalars as written."""
    budget.spend()
    if node.kind == "scalar":
        return node.value
    if node.kind == "list":
        return [_plain(n, budget) for n in node.items]
    return {str(_plain(k, budget)): _plain(v, budget) for k, v in node.items}


def _pairs(node: Node, where: str, path: str, problems: list, budget: _Budget) -> list:
    """The entries of a mapping node as ``(key, key_node, value_node)``.

    A key written twice is an error (PyYAML would silently keep the last).
    Merge keys (``<<: *defaults``) are applied: keys written in the mapping
    win over merged ones, and earlier merged mappings over later ones.
    """
    out: dict = {}
    merged: dict = {}
    for k, v in node.items:
        budget.spend()
        if k.merge:
            sources = [v] if v.kind == "mapping" else v.items if v.kind == "list" else []
            if not sources or any(s.kind != "mapping" for s in sources):
                problems.append(Problem(path, v.line, f"{where}.<<" if where else "<<",
                                        _("a merge (<<) takes a mapping or a list of mappings"), col=v.col))
                continue
            for s in sources:
                for key, kn, vn in _pairs(s, where, path, problems, budget):
                    merged.setdefault(key, (kn, vn))
            continue
        if k.kind != "scalar":
            problems.append(Problem(path, k.line, where, _("a key must be a plain name, not a list or mapping"), col=k.col))
            continue
        key = k.value or ""
        if key in out:
            first = out[key][0]
            problems.append(Problem(path, k.line, f"{where}.{key}" if where else key,
                                    _("key appears twice (first on line {line})").format(line=first.line), col=k.col))
            continue
        out[key] = (k, v)
    for key, pair in merged.items():
        out.setdefault(key, pair)
    return [(key, kn, vn) for key, (kn, vn) in out.items()]


def _unknown_key(path, loc, where, key, known) -> Problem:
    """A key policygap does not know. Close to a known key: an error (a typo
    such as ``comparater`` would silently drop the comparator); otherwise a
    warning, since the format allows keys of the user's own."""
    # stricter than for values: a close match turns a warning into an error
    hint = did_you_mean(key, known, cutoff=0.75)
    severity = ERROR if hint else WARNING
    message = _("unknown key{hint}").format(hint=hint) if hint else _("unknown key, ignored")
    return Problem(path, loc.line, f"{where}.{key}" if where else key, message, severity, loc.col)


def read_targets_file(path: Path) -> RawTargetsFile:
    path = Path(path)
    spath = str(path)
    if path.suffix.lower() in (".csv", ".xlsx", ".xls"):
        raise PolicygapError(problems=[Problem(
            spath, None, "", _("a targets file is YAML; to keep targets in a table, name the CSV "
                               "in the YAML's targets section (targets: targets.csv)"))])
    data = read_bytes(path, limit=min(YAML_MAX_BYTES, max_bytes()))
    text, _encoding = decode(data, path)
    with _gc_paused():
        return _read_yaml(path, text)


@contextlib.contextmanager
def _gc_paused():
    """Python's cyclic garbage collector paused while a file's nodes are built:
    they hold no cycles worth collecting, and with a hundred thousand targets
    the collector's repeated passes over them cost more than the parsing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_yaml(path: Path, text: str) -> RawTargetsFile:
    spath = str(path)
    root = _compose(text, spath)
    problems: list[Problem] = []
    sections: dict[str, RawSection] = {}
    settings = None
    if root is None or (root.kind == "scalar" and root.value is None):
        raise PolicygapError(problems=[Problem(spath, 1, "", _("the targets file is empty; it needs the sections "
                                                 "regions, indicators, documents, targets"))])
    if root.kind != "mapping":
        raise PolicygapError(problems=[Problem(
            spath, root.line, "", _("the targets file must be a mapping with sections regions, indicators, "
                                    "documents, targets"), col=root.col)])
    # A file without aliases has far fewer nodes than characters.
    budget = _Budget(len(text) + 10_000)
    key, key_node = "", None
    try:
        for key, key_node, value_node in _pairs(root, "", spath, problems, budget):
            if key not in SECTIONS:
                problems.append(_unknown_key(spath, key_node.loc, "", key, SECTIONS))
            elif key == "settings":
                settings = _settings(value_node, spath, problems, budget)
            else:
                sections[key] = _section(key, value_node, path, problems, budget)
                problems.extend(sections[key].problems)
    except _AliasBomb:
        raise PolicygapError(problems=[Problem(
            spath, key_node.line if key_node else None, key,
            _("too many YAML aliases to expand (an alias bomb?); refused"), col=key_node.col if key_node else None)]) from None
    return RawTargetsFile(spath, settings, sections, problems)


def _settings(node: Node, path, problems, budget) -> RawRecord | None:
    if node.kind != "mapping":
        if node.kind == "scalar" and node.value is None:
            return None
        problems.append(Problem(path, node.line, "settings", _("must be a mapping"), col=node.col))
        return None
    values, locs = {}, {}
    for key, k, v in _pairs(node, "settings", path, problems, budget):
        if key not in schema.SETTINGS_FIELDS:
            problems.append(_unknown_key(path, k.loc, "settings", key, schema.SETTINGS_FIELDS))
            continue
        values[key] = _plain(v, budget)
        locs[key] = v.loc
        if v.kind == "mapping":
            for kk, _kn, vv in _pairs(v, f"settings.{key}", path, problems, budget):
                locs[f"{key}.{kk}"] = vv.loc
    return RawRecord(values, node.line, locs)


def _section(name, node: Node, path: Path, problems, budget) -> RawSection:
    spath = str(path)
    if node.kind == "scalar":
        if node.value is None:
            return RawSection(spath, records=[])
        # A section given as a table: `targets: targets.csv`.
        if not node.value.strip().lower().endswith(".csv"):
            problems.append(Problem(spath, node.line, name, (
                _("must be a list of entries, or the name of a CSV file (e.g. {name}.csv), not {value}")
                if name == "targets" else
                _("must be a mapping of entries, or the name of a CSV file (e.g. {name}.csv), not {value}")
            ).format(name=name, value=repr(node.value)), col=node.col))
            return RawSection(spath, records=[])
        return _csv_section(name, path.parent / node.value.strip(), node.loc, spath)
    if name == "targets":
        if node.kind != "list":
            problems.append(Problem(spath, node.line, "targets",
                                    _("must be a list of targets (each starting with -)"), col=node.col))
            return RawSection(spath, records=[])
        records = []
        for i, item in enumerate(node.items):
            rec = _target_record(item, i, spath, problems, budget)
            if rec is not None:
                records.append(rec)
        return RawSection(spath, records=records)
    if node.kind != "mapping":
        problems.append(Problem(spath, node.line, name, _("must be a mapping of id: {{fields}}").format(), col=node.col))
        return RawSection(spath, records=[])
    known = {
        "regions": schema.REGION_FIELDS,
        "indicators": schema.INDICATOR_FIELDS,
        "documents": schema.DOCUMENT_FIELDS,
        "units": schema.UNIT_FIELDS,
    }[name]
    records = []
    for ident, key_node, value_node in _pairs(node, name, spath, problems, budget):
        values, locs = {"id": ident}, {"id": key_node.loc}
        record = RawRecord(values, key_node.line, locs)
        records.append(record)
        if value_node.kind != "mapping":
            if value_node.kind == "scalar" and value_node.value is None:
                continue
            problems.append(Problem(spath, value_node.line, f"{name}.{ident}",
                                    _("must be a mapping of fields, e.g. {{name: …}}").format(), col=value_node.col))
            record.invalid = True
            continue
        for key, k, v in _pairs(value_node, f"{name}.{ident}", spath, problems, budget):
            if key not in known:
                problems.append(_unknown_key(spath, k.loc, f"{name}.{ident}", key, known))
                continue
            values[key] = _plain(v, budget)
            locs[key] = v.loc
    return RawSection(spath, records=records)


_TARGET_KEYS = (set(schema.TARGET_FIELDS) | set(schema.TARGET_NESTED) | set(schema.TARGET_FREE)) - {
    "base_period", "source_document", "source_clause", "source_quote", "source_units_quote", "source_units_clause",
    "threshold_ahead", "threshold_on_track", "threshold_behind"}


def _target_record(item: Node, index, path, problems, budget) -> RawRecord | None:
    if item.kind != "mapping":
        problems.append(Problem(path, item.line, f"targets[{index}]",
                                _("each target must be a mapping (id: …, region: …)"), col=item.col))
        return None
    # Name the target by its id in messages when it has a usable one.
    ident = next((v.value for k, v in item.items if k.kind == "scalar" and k.value == "id"
                  and v.kind == "scalar" and v.value and v.value.strip()), None)
    where = f"targets[{ident.strip()}]" if ident else f"targets[{index}]"
    values, locs = {}, {}
    for key, k, v in _pairs(item, where, path, problems, budget):
        if key not in _TARGET_KEYS:
            problems.append(_unknown_key(path, k.loc, where, key, _TARGET_KEYS))
            continue
        if key in schema.TARGET_NESTED:
            sub = schema.TARGET_NESTED[key]
            if v.kind != "mapping":
                if v.kind == "scalar" and v.value is None:
                    continue
                example = next(iter(sub))
                problems.append(Problem(path, v.line, f"{where}.{key}",
                                        _("must be a mapping, e.g. {key}: {{{example}: …}}").format(key=key, example=example), col=v.col))
                continue
            for subkey, kk, vv in _pairs(v, f"{where}.{key}", path, problems, budget):
                if subkey not in sub:
                    problems.append(_unknown_key(path, kk.loc, f"{where}.{key}", subkey, sub))
                    continue
                values[sub[subkey]] = _plain(vv, budget)
                locs[sub[subkey]] = vv.loc
            continue
        if key == "milestones":
            values[key] = _milestones(v, f"{where}.milestones", path, problems, budget, locs)
            locs[key] = v.loc
            continue
        values[key] = _plain(v, budget)
        locs[key] = v.loc
    return RawRecord(values, item.line, locs, index=index)


def _milestones(node: Node, where, path, problems, budget, locs):
    """``{2023: 500}`` -> ``{"2023": "500"}`` (raw text; validated later).
    The location of each milestone goes into ``locs`` as ``milestones.2023``."""
    if node.kind == "scalar" and node.value is None:
        return None
    if node.kind != "mapping":
        problems.append(Problem(path, node.line, where, _("must be a mapping of year: value, e.g. {{2023: 500}}").format(),
                                col=node.col))
        return None
    out = {}
    for key, k, v in _pairs(node, where, path, problems, budget):
        out[key] = _plain(v, budget)
        locs[f"milestones.{key}"] = k.loc
    return out


# --------------------------------------------------------------------------
# CSV sections


def _csv_section(name: str, csv_path: Path, ref_loc: Loc, yaml_path: str) -> RawSection:
    try:
        table = read_csv_table(csv_path, f"{name} table")
    except PolicygapError as exc:
        raise PolicygapError(problems=[*exc.problems, Problem(
            yaml_path, ref_loc.line, name, _("the {section} table {file} is named here").format(section=name, file=csv_path.name), col=ref_loc.col)]) from None
    frame = table.frame
    frame["_line"] = table.lines
    # Blank rows (every cell empty or spaces) are not records. Only rows whose
    # first cell is blank can be; only those are looked at cell by cell.
    if table.header and len(frame):
        import numpy as np

        first = frame[table.header[0]].to_numpy(dtype=object)
        maybe = [i for i, v in enumerate(first) if not v.strip()]
        cells = frame[table.header].iloc[maybe].to_numpy(dtype=object)
        blank = np.zeros(len(frame), dtype=bool)
        blank[[i for i, row in zip(maybe, cells) if all(not str(v).strip() for v in row)]] = True
        frame = frame[~blank]
    return RawSection(table.path, frame=frame.reset_index(drop=True), columns=table.header,
                      problems=table.problems)
