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

from ..i18n import _
from .draft import BaseValue, Draft, DraftTarget

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# What may not stand in a comment: anything YAML reads as a line break, and
# control characters.
_COMMENT_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def q(text) -> str:
    """A YAML scalar: plain when it is a simple identifier, else double-quoted
    (JSON escaping is valid YAML)."""
    text = "" if text is None else str(text)
    if _PLAIN.match(text) and text.lower() not in ("yes", "no", "true", "false", "on", "off", "null", "y", "n"):
        return text
    # JSON escapes C0 controls; YAML also refuses DEL, C1 controls, surrogates
    # and the non-characters U+FFFE/U+FFFF, so those are escaped too.
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def comment_text(text) -> str:
    """Text for a ``#`` comment, on one line whatever it holds (a file name
    with a newline cannot end the comment and start YAML)."""
    return _COMMENT_UNSAFE.sub(lambda m: json.dumps(m.group())[1:-1] if m.group() < "\ud800"
                               else f"\\u{ord(m.group()):04x}", str(text))


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
            out.append("  # " + _("from the targets file given as registry"))
            out.extend(indicator_lines(i) for i in known)
        if new:
            out.append("  # " + _("proposed: check each id, name, unit, direction and measure"))
            out.extend(indicator_lines(i) for i in new)
        out.append("")
    elif indicators:
        out.extend(["indicators: {}", ""])  # the section must be there for the file to validate
    out.append("targets:")
    if not draft.targets:
        out[-1] = "targets: []"
    for t in draft.targets:
        out.extend(target_lines(t))
    if draft.unresolved:
        out.append("")
        out.append("# " + _("Not written as targets (see review_reason): define what is missing, then uncomment."))
        for t in draft.unresolved:
            out.extend("# " + line for line in target_lines(t))
    if draft.baselines:
        out.append("")
        out.append("# " + _("Base values stated in the text (present-day figures, not targets). After review, append "
                            "them to baselines.csv (`--baselines-out FILE` writes them as CSV):"))
        for line in render_baselines_csv(draft).splitlines():
            out.append("#   " + comment_text(line))  # a control character in a quote cannot break the YAML
    return "\n".join(out) + "\n"


def _header(draft: Draft) -> list[str]:
    n_review = sum(t.needs_review for t in draft.targets)
    lines = [
        "# " + _("Draft targets read by `policygap extract` from {source}.").format(source=comment_text(draft.source)),
        "# " + _("Check every entry against its quote; entries with `review: true` say why in review_reason."),
        "# " + _("{targets} targets ({review} to review), {bases} base values, {proposed} indicators proposed.").format(
            targets=len(draft.targets), review=n_review, bases=len(draft.baselines), proposed=len(draft.proposed)),
    ]
    if draft.horizon:
        lines.append("# " + _("Targets without a year in their sentence are read for the document's horizon, "
                              "{horizon}.").format(horizon=draft.horizon))
    lines.append("# " + (_("To use this draft as a targets file, add these regions and this document (delete `#   ` "
                           "from each line; all are in the registry already, and `--merge` adds the draft to it):")
                         if draft.region_known and draft.document_known else
                         _("To use this draft as a targets file, add these regions and this document (delete `#   ` "
                           "from each line):")))
    lines.append("#   regions:")
    for rid, name in header_regions(draft):
        lines.append(f"#     {q(rid)}: {{name: {q(name)}}}"
                     + ("   # " + _("or run again with --region ID") if rid == "region" and not draft.region_known else ""))
    lines.append("#   documents:")
    lines.append(f"#     {q(draft.document)}: {{{', '.join(document_fields(draft))}}}")
    lines.append("")
    return lines


def header_regions(draft: Draft) -> list[tuple[str, str]]:
    """The regions the draft names: its own, then those its relative targets
    are compared with, each with a name to show."""
    names = dict(draft.region_names or {})
    out = [(draft.region, draft.region_name or names.get(draft.region) or "…")]
    for rid in sorted({t.reference for t in draft.targets if t.reference} - {draft.region}):
        out.append((rid, names.get(rid) or rid))
    return out


def document_entry(draft: Draft) -> dict:
    """The document entry the draft cites, as the targets file writes it."""
    entry = {"region": draft.region}
    if draft.title:
        entry["title"] = draft.title
    if draft.issued:
        entry["issued"] = draft.issued
    if draft.source not in ("-", ""):
        entry["file"] = draft.source
    return entry


def document_fields(draft: Draft) -> list[str]:
    return [f"{k}: {q(v)}" for k, v in document_entry(draft).items()]


def indicator_entry(ind) -> dict:
    """An indicator as the targets file writes it, with the other names the
    registry knows it by (全社会研发经费投入强度 for 研发投入强度), so that a
    later draft read against this file finds the same indicator."""
    entry = {"name": ind.name, "unit": ind.unit, "direction": ind.direction, "measure": ind.measure}
    if getattr(ind, "aliases", None):
        entry["aliases"] = list(ind.aliases)
    return entry


def indicator_lines(ind) -> str:
    def said(k, v):
        if k == "aliases":
            return "[" + ", ".join(q(a) for a in v) + "]"
        return q(v) if k in ("name", "unit") else v

    fields = [f"{k}: {said(k, v)}" for k, v in indicator_entry(ind).items()]
    return f"  {q(ind.id)}: {{{', '.join(fields)}}}"


def target_entry(t: DraftTarget) -> dict:
    """One target as the targets file writes it, keys in the file's order;
    numbers stay Decimal (exact)."""
    e = {"id": t.id, "region": t.region, "indicator": t.indicator, "kind": t.kind}
    if t.comparator:
        e["comparator"] = t.comparator
    if t.value is not None and t.kind not in ("relative", "milestone"):
        e["value"] = t.value
    e["year"] = t.year
    if t.from_year is not None:
        e["from"] = t.from_year
    if t.base_period and t.kind not in ("relative", "milestone"):
        e["base"] = {"period": t.base_period}
    if t.milestones:
        e["milestones"] = dict(sorted(t.milestones.items()))
    if t.stretch is not None:
        e["stretch"] = t.stretch
    if t.counting:
        e["counting"] = t.counting
    if t.kind == "relative":
        e["reference"] = t.reference or ""
    if t.lead:
        e["lead"] = t.lead
    if t.units:
        e["units"] = list(t.units)
    e["source"] = {"document": t.document, "clause": t.clause, "quote": t.quote}
    if t.units_quote:
        e["source"]["units_quote"] = t.units_quote
    joined = _("; ")  # ；in Chinese
    e["note"] = joined.join([_("name in the text: {name}").format(name=t.name)] + t.notes)
    if t.review:
        e["review"] = True
        e["review_reason"] = joined.join(t.review)
    return e


def target_lines(t: DraftTarget) -> list[str]:
    """The entry in the draft's hand-made layout: one line a key, the unit
    as a comment after the value, text double-quoted with JSON escapes."""
    lines = []
    for key, value in target_entry(t).items():
        lead = "  - " if not lines else "    "
        if key in ("kind", "counting", "year", "from"):
            text = str(value)
        elif key == "comparator":
            text = f'"{value}"'
        elif key in ("value", "stretch"):
            text = num(value) + (f"  # {comment_text(t.unit)}" if key == "value" and t.unit else "")
        elif key == "review":
            text = "true"
        elif key == "milestones":
            text = "{" + ", ".join(f"{y}: {num(v)}" for y, v in value.items()) + "}"
        elif key == "units":
            text = "[" + ", ".join(q(u) for u in value) + "]"
        elif key in ("base", "source"):
            text = "{" + ", ".join(f"{k}: {q(v)}" for k, v in value.items()) + "}"
        else:
            text = q(value)
        lines.append(f"{lead}{key}: {text}")
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
            _("name in the text: {name}").format(name=b.name) + ("" if b.period else _("; period not stated"))]
