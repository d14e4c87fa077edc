"""A draft written in the targets file format, by hand: stable key order,
comparators and text quoted, Chinese as it is. The YAML validates once the
region and the document are defined; base values go as comments (and, on
request, as a CSV to append to baselines.csv) so that they never break it."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

from .draft import BaseValue, Draft, DraftTarget

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_YAML_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def q(text) -> str:
    """A YAML scalar: plain when it is a simple identifier, else double-quoted
    (JSON escaping is valid YAML)."""
    text = "" if text is None else str(text)
    if _PLAIN.match(text) and text.lower() not in ("yes", "no", "true", "false", "on", "off", "null", "y", "n"):
        return text
    # JSON escapes C0 controls; YAML also refuses DEL, C1 controls, surrogates
    # and the non-characters U+FFFE/U+FFFF, so those are escaped too.
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def num(d) -> str:
    if isinstance(d, Decimal):
        d = d.normalize()
        text = format(d, "f")
    else:
        text = repr(d)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def render_yaml(draft: Draft, *, header: bool = True, indicators: bool = True) -> str:
    out: list[str] = []
    if header:
        out.extend(_header(draft))
    if indicators and draft.indicators:
        out.append("indicators:")
        known = [i for i in draft.indicators.values() if i.id not in draft.proposed]
        new = [i for i in draft.indicators.values() if i.id in draft.proposed]
        if known:
            out.append("  # from the targets file given as registry")
            out.extend(indicator_lines(i) for i in known)
        if new:
            out.append("  # proposed: check each id, name, unit, direction and measure")
            out.extend(indicator_lines(i) for i in new)
        out.append("")
    out.append("targets:")
    if not draft.targets:
        out[-1] = "targets: []"
    for t in draft.targets:
        out.extend(target_lines(t))
    if draft.unresolved:
        out.append("")
        out.append("# Not written as targets (see review_reason): define what is missing, then uncomment.")
        for t in draft.unresolved:
            out.extend("# " + line for line in target_lines(t))
    if draft.baselines:
        out.append("")
        out.append("# Base values stated in the text (present-day figures, not targets). After review,")
        out.append("# append them to baselines.csv (`--baselines-out FILE` writes them as CSV):")
        for line in render_baselines_csv(draft).splitlines():
            out.append("#   " + line)
    return "\n".join(out) + "\n"


def _header(draft: Draft) -> list[str]:
    n_review = sum(t.needs_review for t in draft.targets)
    lines = [
        f"# Draft targets read by `policygap extract` from {draft.source}.",
        "# Check every entry against its quote; entries with `review: true` say why in review_reason.",
        f"# {len(draft.targets)} targets ({n_review} to review), {len(draft.baselines)} base values, "
        f"{len(draft.proposed)} indicators proposed.",
    ]
    if draft.horizon:
        lines.append(f"# Targets without a year in their sentence are read for the document's horizon, {draft.horizon}.")
    name = draft.region_name or "…"
    lines.append("# To use this draft as a targets file, add the region and the document"
                 + (" (both are in the registry already; `--merge` adds the draft to it):"
                    if draft.region_known and draft.document_known else ":"))
    lines.append(f"#   regions:\n#     {draft.region}: {{name: {name}}}"
                 + ("   # or run again with --region ID" if draft.region == "region" else ""))
    lines.append(f"#   documents:\n#     {draft.document}: {{{', '.join(document_fields(draft))}}}")
    lines.append("")
    return lines


def document_fields(draft: Draft) -> list[str]:
    fields = [f"region: {q(draft.region)}"]
    if draft.title:
        fields.append(f"title: {q(draft.title)}")
    if draft.issued:
        fields.append(f"issued: {q(draft.issued)}")
    if draft.source not in ("-", ""):
        fields.append(f"file: {q(draft.source)}")
    return fields


def indicator_lines(ind) -> str:
    fields = [f"name: {q(ind.name)}", f"unit: {q(ind.unit)}", f"direction: {ind.direction}",
              f"measure: {ind.measure}"]
    return f"  {ind.id}: {{{', '.join(fields)}}}"


def target_lines(t: DraftTarget) -> list[str]:
    lines = [f"  - id: {q(t.id)}", f"    region: {q(t.region)}", f"    indicator: {q(t.indicator)}",
             f"    kind: {t.kind}"]
    if t.comparator:
        lines.append(f'    comparator: "{t.comparator}"')
    if t.value is not None and t.kind not in ("relative", "milestone"):
        unit = f"  # {t.unit}" if t.unit else ""
        lines.append(f"    value: {num(t.value)}{unit}")
    lines.append(f"    year: {t.year}")
    if t.base_period and t.kind not in ("relative", "milestone"):
        lines.append(f'    base: {{period: "{t.base_period}"}}')
    if t.milestones:
        ms = ", ".join(f"{y}: {num(v)}" for y, v in sorted(t.milestones.items()))
        lines.append(f"    milestones: {{{ms}}}")
    if t.stretch is not None:
        lines.append(f"    stretch: {num(t.stretch)}")
    if t.counting:
        lines.append(f"    counting: {t.counting}")
    if t.kind == "relative":
        lines.append(f"    reference: {q(t.reference or '')}")
    if getattr(t, "lead", None):
        lines.append(f"    lead: {q(t.lead)}")
    if getattr(t, "units", None):
        lines.append(f"    units: [{', '.join(q(u) for u in t.units)}]")
    units_quote = f", units_quote: {q(t.units_quote)}" if getattr(t, "units_quote", None) else ""
    lines.append(f"    source: {{document: {q(t.document)}, clause: {q(t.clause)}, quote: {q(t.quote)}{units_quote}}}")
    notes = [f"name in the text: {t.name}"] + t.notes
    lines.append(f"    note: {q('; '.join(notes))}")
    if t.review:
        lines.append("    review: true")
        lines.append(f"    review_reason: {q('; '.join(t.review))}")
    return lines


BASELINE_COLUMNS = ["region", "indicator", "period", "value", "unit", "source", "provisional", "note"]


def render_baselines_csv(draft: Draft, *, header: bool = True, dated_only: bool = False) -> str:
    """Base values as rows of baselines.csv. A figure whose period the text
    does not give has an empty period (to fill in) unless ``dated_only``."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if header:
        w.writerow(BASELINE_COLUMNS)
    for b in draft.baselines:
        if dated_only and not b.period:
            continue
        w.writerow(baseline_row(b))
    return buf.getvalue()


def baseline_row(b: BaseValue) -> list[str]:
    return [b.region, b.indicator, b.period or "", num(b.value), b.unit,
            f"{b.document} {b.clause} {b.quote}", "yes" if b.provisional else "",
            f"name in the text: {b.name}" + ("" if b.period else "; period not stated")]
