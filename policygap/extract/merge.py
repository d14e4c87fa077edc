"""Adding a draft to an existing targets file without touching what is there.

The file is edited as text: new lines are inserted at the end of the
``indicators``, ``documents`` and ``targets`` sections (found through the YAML
node graph), so order, comments and formatting stay as they were. A target
that exists already (same region, indicator, kind, year and value, or the
same document and quote) is not added again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..errors import PolicygapError
from ..i18n import _
from .draft import Draft, DraftTarget
from .output import document_fields, indicator_lines, target_lines
from .registry import Registry


@dataclass
class MergeResult:
    text: str
    added: list = field(default_factory=list)  # target ids
    duplicates: list = field(default_factory=list)  # (draft target id, existing id)
    indicators: list = field(default_factory=list)  # ids added
    document_added: bool = False
    warnings: list = field(default_factory=list)


def existing_duplicate(t: DraftTarget, registry: Registry) -> str | None:
    """The id of an existing target that is this one: the same region,
    indicator, year and value (whatever kind it was read as), or, in the same
    document and year, a quote that contains the other."""
    value = None if t.value is None else float(t.value)
    for e in registry.targets:
        if e.document == t.document and e.quote and e.year == t.year \
                and (e.quote in t.quote or t.quote in e.quote):
            return e.id
        if (e.region, e.indicator, e.year) == (t.region, t.indicator, t.year) and e.kind != "milestone":
            if e.value is not None and value is not None and math.isclose(e.value, value, rel_tol=1e-9):
                return e.id
    return None


def merge_text(text: str, draft: Draft, registry: Registry, path: str = "targets.yaml") -> MergeResult:
    """``text`` (the existing file) with the draft's new entries added.
    ``registry`` must be read from the same file."""
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise PolicygapError(_("{path}: cannot merge into a file that is not valid YAML: {error}").format(
            path=path, error=exc)) from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise PolicygapError(_("{path}: cannot merge: the file is not a mapping of sections").format(path=path))
    result = MergeResult(text)
    new_targets = []
    for t in draft.targets:
        dup = existing_duplicate(t, registry)
        if dup:
            result.duplicates.append((t.id, dup))
        else:
            new_targets.append(t)
    new_inds = [i for i in draft.indicators.values()
                if i.id not in registry.indicators and any(t.indicator == i.id for t in new_targets)]
    if draft.region not in registry.regions:
        result.warnings.append(f"region {draft.region!r} is not defined in {path}: add it under regions:")

    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    sections = {}
    for k, v in root.value:
        sections[k.value] = (k, v)
    order = [k.value for k, _ in root.value]
    edits = []  # (section, block lines)
    if new_inds:
        edits.append(("indicators", [f"  # proposed by policygap extract from {draft.source}: review"]
                      + [indicator_lines(i) for i in new_inds]))
        result.indicators = [i.id for i in new_inds]
    if draft.document not in registry.documents and new_targets:
        edits.append(("documents", [f"  {draft.document}: {{{', '.join(document_fields(draft))}}}"]))
        result.document_added = True
    if new_targets:
        block = [f"  # added by policygap extract from {draft.source}: review each entry"]
        for t in new_targets:
            block.extend(target_lines(t))
        edits.append(("targets", block))
        result.added = [t.id for t in new_targets]
    if not edits:
        return result

    appended: list[str] = []
    # Insert from the bottom of the file up, so earlier line numbers hold.
    placed = []
    for name, block in edits:
        if name not in sections:
            appended.extend(["", f"{name}:", *block])
            continue
        key, node = sections[name]
        nxt = order.index(name) + 1
        end_line = sections[order[nxt]][0].start_mark.line if nxt < len(order) else len(lines)
        placed.append((name, key, node, end_line, block))
    for name, key, node, end_line, block in sorted(placed, key=lambda p: -p[3]):
        if isinstance(node, yaml.ScalarNode) and node.value not in ("", "~", "null"):
            raise PolicygapError(_("{path}:{line}: the {name} section is the table {table}; add the draft's rows "
                                   "to it by hand").format(path=path, line=key.start_mark.line + 1, name=name,
                                                           table=repr(node.value)))
        if getattr(node, "flow_style", False) or (isinstance(node, yaml.ScalarNode)):
            if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and node.value:
                raise PolicygapError(_("{path}:{line}: the {name} section is written in flow style ([…] or "
                                       "{{…}}); write it one entry a line to merge into it").format(
                                           path=path, line=key.start_mark.line + 1, name=name))
            # `targets: []`, `targets:` or `targets: ~`: the key line becomes a block.
            ln = key.start_mark.line
            indent = " " * key.start_mark.column
            comment = lines[ln].split("#", 1)[1] if "#" in lines[ln][node.end_mark.column:] else None
            lines[ln] = f"{indent}{name}:" + (f"  #{comment}" if comment else "")
            lines[ln + 1: ln + 1] = block
            continue
        shift = _indent(node, lines) - 2
        block = [_shift(b, shift) for b in block]
        last = end_line - 1
        while last > key.start_mark.line and (not lines[last].strip() or lines[last].startswith("#")):
            last -= 1
        lines[last + 1: last + 1] = block
    lines.extend(appended)
    result.text = "\n".join(lines) + "\n"
    return result


def _indent(node, lines) -> int:
    """Column at which the entries of a block section start (the dash of a
    list item, the key of a mapping entry)."""
    import yaml

    if isinstance(node, yaml.SequenceNode):
        first = node.value[0] if node.value else None
        if first is None:
            return 2
        line = lines[first.start_mark.line]
        dash = line.find("-")
        return dash if 0 <= dash < first.start_mark.column else first.start_mark.column - 2
    first = node.value[0][0] if node.value else None
    return first.start_mark.column if first is not None else 2


def _shift(line: str, shift: int) -> str:
    if shift > 0:
        return " " * shift + line
    if shift < 0:
        return line[-shift:] if line[: -shift].strip() == "" else line
    return line
