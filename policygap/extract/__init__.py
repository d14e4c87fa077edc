"""``policygap extract``: draft targets from a Chinese policy text.

The library is pure: ``extract_text(text, registry)`` reads a text and returns
a Draft; ``render_yaml`` / ``render_baselines_csv`` turn it into the targets
file format; ``merge_text`` adds a draft to an existing targets file's text.
Reading files (``read_document``, ``load_registry``) is kept apart.
"""

from __future__ import annotations

import re

from ..i18n import _

from .draft import BaseValue, Draft, DraftTarget, assemble, region_names
from .parse import Context, horizon, issue_date, this_year
from .parse import parse as read_candidates
from .registry import Registry
from .text import segment

__all__ = ["BaseValue", "Draft", "DraftTarget", "Registry", "extract_text", "load_registry", "read_document",
           "render_yaml", "render_baselines_csv", "merge_text"]

PLACEHOLDER_REGION = "region"


def extract_text(text: str, registry: Registry | None = None, *, region: str | None = None,
                 document: str | None = None, source_name: str | None = None) -> Draft:
    """Read ``text`` and draft its targets.

    ``registry`` gives the indicator ids, regions and documents to match
    (``Registry()`` for none). ``region`` and ``document`` are ids; without
    them the document is looked up by ``source_name`` (its file name) and the
    region is the one the text names most often.
    """
    registry = registry or Registry()
    seg = segment(text)
    issued = issue_date(seg.norm)
    doc_entry = registry.documents.get(document) if document else None
    if doc_entry is None and document is None:
        found = registry.document_for_file(source_name)
        if found:
            document, doc_entry = found, registry.documents[found]
    if issued is None and doc_entry is not None and doc_entry.issued:
        issued = _date_tuple(doc_entry.issued)
    region_known = True
    if region is None:
        region = (doc_entry.region if doc_entry is not None and doc_entry.region else None) \
            or registry.region_in_text(seg.norm)
    if region is None:
        region, region_known = PLACEHOLDER_REGION, False
    elif region not in registry.regions:
        region_known = False
    hz = horizon(seg, issued)
    if document is None:
        document = _free_document_id(f"{region}-{issued[0] if issued else hz or 'draft'}", registry, source_name,
                                     (_title(seg.norm), _date_text(issued)))
    import datetime

    ty, ty_assumed = this_year(seg.norm, issued, datetime.date.today().year)
    cands = read_candidates(seg, Context(issued, hz, ty, ty_assumed))
    _drop_own_place(cands, _own_place(seg.norm, registry.regions[region].name if region in registry.regions else None))
    for c in cands:  # quotes are cut from the text as given
        c.start, c.end = seg.original_span(c.start, c.end)
        if c.units_span:
            c.units_span = seg.original_span(*c.units_span)
    targets, baselines, used, proposed, unresolved = assemble(text, cands, registry, region=region,
                                                              document=document, issued=issued)
    return Draft(
        source=source_name or "-", region=region, region_known=region_known, document=document,
        document_known=document in registry.documents, title=_title(seg.norm),
        issued=_date_text(issued), horizon=hz, targets=targets, baselines=baselines, indicators=used,
        proposed=proposed, unresolved=unresolved,
        region_name=registry.regions[region].name if region in registry.regions else _region_name(seg.norm),
        region_names=region_names(targets, registry),
    )


def _free_document_id(proposed: str, registry, source_name: str | None, title_and_date: tuple = (None, None)) -> str:
    """The id a new document is drafted under: ``qingxi-2027``, unless the
    targets file already has a document of that id from another file (then
    qingxi-2027-2, …): the same id would make this plan's targets look like
    the other plan's and be left out of a merge. Another copy of the same
    document (方案.docx of 方案.txt: the same title and date) is the same one."""
    taken = registry.documents
    candidate, n = proposed, 2

    def same(doc) -> bool:
        return (doc.file or None) == (source_name or None) or (
            title_and_date[0] is not None and (doc.title, doc.issued) == title_and_date)

    while candidate in taken and not same(taken[candidate]):
        candidate, n = f"{proposed}-{n}", n + 1
    return candidate


def _date_tuple(text):
    """(year, month, day) of a date written in the targets file; None for a
    document without ``issued:`` (read back as a missing value, not text)."""
    if not isinstance(text, str):
        return None
    parts = [int(p) for p in re.findall(r"\d+", text)]
    if not parts:
        return None
    while len(parts) < 3:
        parts.append(0)
    return tuple(parts[:3])


def _date_text(issued) -> str | None:
    if not issued:
        return None
    y, m, d = issued
    if not m:
        return f"{y}"
    return f"{y}-{m:02d}-{d:02d}" if d else f"{y}-{m:02d}"


_TITLE_RE = re.compile(r"(?:方案|意见|通知|办法|规划|计划|纲要|决定|措施|报告|要点|细则|总结|目标表)")


def _title(norm: str) -> str | None:
    for line in norm.split("\n")[:40]:
        line = re.sub(r"^(?:文件标题|标题|title)[::]", "", line.strip(), flags=re.I).strip(" |")
        bare = re.sub(r"\(\d{4}\s*[-—–~至]\s*\d{4}\s*年?\)$", "", line)  # …行动方案(2025—2027年)
        if 6 <= len(line) <= 80 and _TITLE_RE.search(bare[-12:]) and not re.search(r"[。,;]", line) \
                and not line.startswith(("为", "根据", "附件")):
            return line
    return None


_PLACE_RE = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,6}?(?:新区|高新区|开发区|省|市|县|区)")


def _own_place(norm: str, region_name: str | None) -> list[str]:
    """The names of the place the document is for: the region's name and the
    place its title opens with (长春新区…行动方案)."""
    title = _title(norm)
    m = _PLACE_RE.search(title) if title else None
    return [p for p in (region_name, m.group(0) if m else None) if p]


def _drop_own_place(cands, places: list[str]) -> None:
    """长春新区高新技术企业 in a 长春新区 plan is 高新技术企业 (the whole region,
    like 全市), so it matches and folds with the same target named plainly."""
    for c in cands:
        for place in places:
            if c.name.startswith(place) and len(c.name) > len(place) + 1:
                c.name = c.name[len(place):]
                c.notes = [n for n in c.notes if n != _("for {place}").format(place=place)]
                break


def _region_name(norm: str) -> str | None:
    # not the 年 of a year before it (2025年青石县人民政府工作报告: 青石县)
    m = re.search(r"((?<!\d)(?![年度])[\u4e00-\u9fff]{2,5}?[省市县区])(?:人民政府|科学技术局|科技局|发展改革|委员会)", norm)
    return m.group(1) if m else None


def load_registry(path) -> Registry:
    """The registry of a targets file (the embedded one by default)."""
    from pathlib import Path

    from ..dataset import resolve_paths
    from ..targets_file import read_targets_file
    from ..validate import check_targets_file

    tpath, _baselines = resolve_paths(Path(path) if path else None, None)
    return Registry.from_definitions(check_targets_file(read_targets_file(tpath)))


from .output import render_baselines_csv, render_yaml  # noqa: E402
from .merge import merge_text  # noqa: E402
from .reader import read_document  # noqa: E402
