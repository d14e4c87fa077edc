"""Adding a draft to an existing targets file without touching what is there.

The file is edited as text: new lines are inserted after the last entry of
the ``indicators``, ``documents`` and ``targets`` sections (found through the
YAML node graph), so order, comments, formatting and line endings stay as
they were. The inserted entries are written by the YAML library's emitter
(never pasted together from strings), indented like the entries around
them, and the result is read back: everything that was in the file must
load as before and the new entries exactly as written, or nothing is
returned. A target that exists already is not added again: the same
document's same commitment (region, indicator, year and value, no other
base), or in the same document and year a quote that contains the other. A
target of another document is another commitment, added even when its
figure is the same. Each target skipped is named, with the one it matched.

``merge_text`` is pure (text in, text out); ``edit.py`` does the file: the
lock, the encoding and the replacement.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import PolicygapError
from ..i18n import _
from ..textio import clipped
from .draft import Draft, DraftTarget
from .output import comment_text, document_entry, indicator_entry, num, target_entry
from .registry import Registry

# What PyYAML counts as a line break, so that line numbers of its marks and
# of this list agree.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Strings the emitter is asked to double-quote, so that every scalar it
# writes stays on one line with escapes: line breaks, controls, BOM.
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


@dataclass
class MergeResult:
    text: str
    added: list = field(default_factory=list)  # target ids
    duplicates: list = field(default_factory=list)  # (draft target id, existing id)
    indicators: list = field(default_factory=list)  # ids added
    document_added: bool = False
    skipped: list = field(default_factory=list)  # a line naming each target not added, and why

    @property
    def changed(self) -> bool:
        return bool(self.added or self.indicators or self.document_added)


def existing_duplicate(t: DraftTarget, registry: Registry) -> str | None:
    """The id of an existing target that is this one: of the same document
    (or of none named) with the same region, indicator, year and value
    (whatever kind each was read as) and no other base period pinned; or, in
    the same document and year, a quote that contains the other. A target of
    another document is never this one: the same figure in two documents is
    two commitments (a new plan's 翻番 from its own base is not an old
    plan's)."""
    value = None if t.value is None else float(t.value)
    base = _base_index(t.base_period)
    for e in registry.targets:
        if e.document is not None and e.document != t.document:
            continue
        if e.document == t.document and e.quote and e.year == t.year \
                and (e.quote in t.quote or t.quote in e.quote):
            return e.id
        if (e.region, e.indicator, e.year) == (t.region, t.indicator, t.year) and e.kind != "milestone":
            if base is not None and e.base_index is not None and base != e.base_index:
                continue  # 翻番 from another base: another commitment
            if e.value is not None and value is not None and math.isclose(e.value, value, rel_tol=1e-9):
                return e.id
    return None


def _base_index(period: str | None) -> float | None:
    from ..periods import PeriodError, parse_period

    if not period:
        return None
    try:
        return float(parse_period(str(period)))
    except PeriodError:
        return None


def merge_text(text: str, draft: Draft, registry: Registry, path: str = "targets.yaml") -> MergeResult:
    """``text`` (the existing file, line ends as they are) with the draft's
    new entries added. ``registry`` must be read from the same file."""
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise PolicygapError(_("{where}: cannot merge into a file that is not valid YAML").format(where=where)) from None
    if root is None or not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise PolicygapError(_("{path}: cannot merge: the file is not a block mapping of sections "
                               "(regions:, indicators:, documents:, targets: one a line)").format(path=path))
    result = MergeResult(text)
    new_targets = []
    documents = {e.id: e.document for e in registry.targets}
    for t in draft.targets:
        dup = existing_duplicate(t, registry)
        if dup:
            result.duplicates.append((t.id, dup))
            # Named, with the target it matched: nothing is left out without a word.
            message = (_("not added: {indicator} {year} “{quote}” (drafted as {target}) is {existing}, already in "
                         "the file for document {document}") if documents.get(dup) else
                       _("not added: {indicator} {year} “{quote}” (drafted as {target}) is {existing}, already in "
                         "the file with the same figure and no document"))
            result.skipped.append(message.format(indicator=t.indicator, year=t.year,
                                                  quote=clipped(comment_text(t.quote)), target=t.id,
                                                  existing=dup, document=t.document))
        else:
            new_targets.append(t)
    new_inds = [i for i in draft.indicators.values()
                if i.id not in registry.indicators and any(t.indicator == i.id for t in new_targets)]
    additions = {}  # section -> list (targets) or dict (the others) of entries to add
    if new_inds:
        additions["indicators"] = {i.id: indicator_entry(i) for i in new_inds}
        result.indicators = [i.id for i in new_inds]
    if draft.document not in registry.documents and new_targets:
        additions["documents"] = {draft.document: document_entry(draft)}
        result.document_added = True
    if new_targets:
        additions["targets"] = [target_entry(t) for t in new_targets]
        result.added = [t.id for t in new_targets]
    if not additions:
        return result
    result.text = _insert(text, root, additions, draft.source, path)
    _check_round_trip(root, result.text, additions, path)
    return result


# --------------------------------------------------------------------------
# Where the new lines go


def split_lines(text: str) -> list[str]:
    """Lines with their line ends, split where YAML splits them."""
    lines, pos = [], 0
    for m in _BREAK.finditer(text):
        lines.append(text[pos: m.end()])
        pos = m.end()
    if pos < len(text):
        lines.append(text[pos:])
    return lines


def line_end(lines: list[str]) -> str:
    """The file's line end: the commonest one (\\n for a file of one line)."""
    counts: dict[str, int] = {}
    for line in lines:
        m = _BREAK.search(line)
        if m:
            counts[m.group()] = counts.get(m.group(), 0) + 1
    return max(counts, key=counts.get) if counts else "\n"


def _insert(text: str, root, additions: dict, source: str, path: str) -> str:
    import yaml

    lines = split_lines(text)
    nl = line_end(lines)
    sections = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    note = "# " + _("added by policygap extract from {source}: review each entry").format(source=comment_text(source))
    edits = []  # (line index, lines removed, lines inserted, order at the same line)
    appended = []
    root_col = root.start_mark.column
    for name, entries in additions.items():
        if name not in sections:
            block = _emit(entries, root_col + 2)
            appended.extend([" " * root_col + f"{name}:", " " * (root_col + 2) + note, *block])
            continue
        key, node = sections[name]
        edits.append((*_section_edit(name, key, node, lines, entries, note, path), 1))
    if appended:
        at = _after_content(root, lines)
        edits.append((at, 0, appended, 0))  # new sections after the last section's new entries
    # from the bottom up; at one line: a replaced line first, then new sections, then new entries
    for at, removed, block, _order in sorted(edits, key=lambda e: (-e[0], -e[1], e[3])):
        if at > 0 and at == len(lines) and not _BREAK.search(lines[-1]):
            lines[-1] += nl  # the last line had no line end
        lines[at: at + removed] = [b + nl for b in block]
    return "".join(lines)


def _section_edit(name, key, node, lines, entries, note, path):
    import yaml

    where = f"{path}:{key.start_mark.line + 1}"
    empty = (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")) or \
        (isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and node.flow_style and not node.value)
    if isinstance(node, yaml.ScalarNode) and not empty:
        raise PolicygapError(_("{path}:{line}: the {name} section is the table {table}; add the draft's rows "
                               "to it by hand").format(path=path, line=key.start_mark.line + 1, name=name,
                                                       table=repr(node.value)))
    if not empty and node.flow_style:
        raise PolicygapError(_("{path}:{line}: the {name} section is written in flow style ([…] or "
                               "{{…}}); write it one entry a line to merge into it").format(
                                   path=path, line=key.start_mark.line + 1, name=name))
    if isinstance(entries, list) != isinstance(node, yaml.SequenceNode) and not empty:
        raise PolicygapError(_("{where}: the {name} section is not a {shape}").format(
            where=where, name=name, shape="list" if isinstance(entries, list) else "mapping"))
    if empty:
        # `targets:`, `targets: ~` or `targets: []`: the key line opens a block.
        ln = key.start_mark.line
        if node.end_mark.line != ln or node.start_mark.line != ln:
            raise PolicygapError(_("{where}: write the empty {name} section on one line ({name}: []) to merge "
                                   "into it").format(where=where, name=name))
        line = _BREAK.sub("", lines[ln])
        rest = line[node.end_mark.column:]
        comment = rest[rest.index("#"):] if "#" in rest else ""
        head = line[: node.start_mark.column].rstrip()
        indent = key.start_mark.column + 2
        return ln, 1, [head + (f"  {comment}" if comment else ""), " " * indent + note, *_emit(entries, indent)]
    indent = node.start_mark.column  # the dash of a list item, the key of a mapping entry
    return _after_content(node, lines), 0, [" " * indent + note, *_emit(entries, indent)]


def _after_content(node, lines: list[str]) -> int:
    """The line after the node's last content, and after the indented
    comments that follow it (they belong to the last entry). A line that is
    not an indented comment (the next section, ``...``, a comment at the
    left margin) stops it."""
    at = _last_line(node) + 1
    while at < len(lines):
        stripped = lines[at].strip()
        if stripped.startswith("#") and lines[at][:1] in (" ", "\t"):
            at += 1
            continue
        break
    return at


def _last_line(node) -> int:
    """The last line that holds part of ``node``."""
    import yaml

    if isinstance(node, yaml.ScalarNode) or node.flow_style or not node.value:
        end = node.end_mark.line if node.end_mark.column > 0 else node.end_mark.line - 1
        return max(end, node.start_mark.line)
    last = node.value[-1]
    if isinstance(node, yaml.MappingNode):
        k, v = last
        return max(_last_line(k), _last_line(v))
    return max(_last_line(last), node.start_mark.line)


# --------------------------------------------------------------------------
# The emitter


def _dumper():
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def decimal(dumper, value: Decimal):
        tag = "tag:yaml.org,2002:int" if value == value.to_integral_value() else "tag:yaml.org,2002:float"
        return dumper.represent_scalar(tag, num(value))

    def text(dumper, value: str):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if _ESCAPE.search(value) else None)

    Dumper.add_representer(Decimal, decimal)
    Dumper.add_representer(str, text)
    return Dumper


def dump_entries(entries) -> str:
    """``entries`` (a list of targets or a mapping of id -> fields) in YAML:
    block style, each leaf mapping on one line, every scalar on one line."""
    import yaml

    return yaml.dump(entries, Dumper=_dumper(), allow_unicode=True, sort_keys=False, default_flow_style=None,
                     width=1 << 30, indent=2)


def _emit(entries, indent: int) -> list[str]:
    pad = " " * indent
    return [pad + line if line else line for line in dump_entries(entries).split("\n")[:-1]]


# --------------------------------------------------------------------------
# Reading the result back


def _check_round_trip(before_root, after_text: str, additions: dict, path: str) -> None:
    """Everything in the file loads as before, and the additions exactly as
    emitted; else the merge is refused (nothing is written)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    before = yaml.constructor.SafeConstructor().construct_document(before_root) or {}
    try:
        after = yaml.load(after_text, Loader=loader)
    except yaml.YAMLError:
        after = None
    expected = dict(before)
    for name, entries in additions.items():
        added = yaml.load(dump_entries(entries), Loader=loader)
        old = expected.get(name)
        if isinstance(added, list):
            expected[name] = list(old or []) + added
        else:
            expected[name] = {**(old or {}), **added}
    # equal as data; a .nan (never equal to itself) is compared in its written form
    if not isinstance(after, dict) or (after != expected and _canonical(after) != _canonical(expected)):
        raise PolicygapError(_("{path}: the merged file would not read back as the file plus the new entries "
                               "(an unusual layout); nothing was written. Add the draft's entries by hand "
                               "(policygap extract -o draft.yaml)").format(path=path))


def _canonical(data) -> str:
    import yaml

    return yaml.safe_dump(data, sort_keys=True, allow_unicode=True)
