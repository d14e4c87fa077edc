"""The report as one self-contained web page.

No script, no network: styles in the page, charts as inline SVG whose text
stays text (the reader's Chinese fonts render it). Printed on A4, each region
starts a new page and no chart is split across pages.
"""

from __future__ import annotations

from html import escape

from ..i18n import _
from . import charts, fmt
from .words import on_path, pace_cell, path_legend, status_word

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
       "WenQuanYi Micro Hei", SimHei, sans-serif; color: #1d2733; margin: 0 auto; max-width: 190mm;
       padding: 12px; line-height: 1.55; font-size: 14px; background: #fff;
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 24px; margin: 8px 0 2px; }
h2 { font-size: 21px; border-bottom: 2px solid #1f3b5c; padding-bottom: 4px; margin: 28px 0 10px; }
h3 { font-size: 17px; margin: 22px 0 6px; color: #1f3b5c; }
h3 .number { font-weight: normal; color: #555; font-size: 14px; margin-left: 8px; }
h4 { font-size: 15px; margin: 0 0 4px; }
.meta { color: #555; font-size: 13px; margin: 0 0 8px; }
svg { width: 100%; height: auto; display: block; }
figure { margin: 6px 0; break-inside: avoid; page-break-inside: avoid; }
table.summary { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 8px 0 14px; }
table.summary th, table.summary td { border: 1px solid #c9d1d9; padding: 3px 6px; text-align: left;
       vertical-align: top; }
table.summary th { background: #f0f3f6; white-space: nowrap; }  /* 完成进度, not 完成进/度 */
table.summary td.num { text-align: right; white-space: nowrap; }
table.summary tr { break-inside: avoid; page-break-inside: avoid; }
.status { white-space: nowrap; }
article.target { break-inside: avoid; page-break-inside: avoid; margin: 14px 0 18px;
       padding-top: 8px; border-top: 1px solid #e3e7eb; }
p.sentence { margin: 4px 0; }
blockquote { margin: 4px 0 0; padding: 2px 10px; border-left: 3px solid #c9d3dd; color: #444;
       font-size: 13px; }
blockquote cite { font-style: normal; color: #666; margin-left: 6px; }
ul.nodata { padding-left: 20px; }
ul.nodata li { margin: 3px 0; }
section.region + section.region { break-before: page; page-break-before: always; }
.legend { font-size: 12px; color: #555; }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 10px; vertical-align: baseline; }
@media print { body { max-width: none; padding: 0; font-size: 12.5px; } h2 { margin-top: 0; } }
"""


def render(report) -> str:
    """The whole page as text (UTF-8 when written)."""
    lang = report.lang
    title = _("Progress of targets")
    names = "、".join(r.name for r in report.regions) if lang == "zh" else ", ".join(r.name for r in report.regions)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(names)} · {escape(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(names)} · {escape(title)}</h1>",
        f'<p class="meta">{escape(_("as of {period}").format(period=fmt.period(report.as_of, lang)))}</p>',
        f'<p class="meta">{_legend(lang)}</p>',
    ]
    for region in report.regions:
        parts.append(_region(region, lang))
    if not report.regions:
        parts.append(f"<p>{escape(_('no targets match'))}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _legend(lang: str) -> str:
    items = [("achieved", charts.GREEN, _("achieved, ahead or on track")),
             ("behind", charts.YELLOW, _("behind (10 to 30 points below 序时进度)")),
             ("off_track", charts.RED, _("off track, missed or figure overdue")),
             ("no_data", charts.GREY, _("no data"))]
    return '<span class="legend">' + "".join(
        f'<span class="swatch" style="background:{c}"></span>{escape(t)}' for _s, c, t in items) + "</span>"


def _region(region, lang: str) -> str:
    out = [f'<section class="region" id="region-{escape(region.region)}">', f"<h2>{escape(region.name)}</h2>"]
    for doc in region.documents:
        out.append(_document(doc, lang))
    out.append("</section>")
    return "\n".join(out)


def _document(doc, lang: str) -> str:
    number = f'<span class="number">{escape(doc.number)}</span>' if doc.number else ""
    counts = doc.counts()
    out = [f'<section class="document"><h3>{escape(doc.title)}{number}</h3>',
           f'<p class="meta">{escape(_count_line(counts, len(doc.targets), lang))}</p>',
           f'<figure class="counts">{charts.svg(charts.counts_figure, counts)}</figure>',
           _bullets(doc),
           _summary_table(doc, lang)]
    no_chart = []
    for page in doc.targets:
        if page.trajectory is None:
            no_chart.append(page)
            continue
        out.append(_target(page))
    if no_chart:
        out.append(f"<h4>{escape(_('Targets without figures'))}</h4><ul class=\"nodata\">")
        for page in no_chart:
            out.append(f"<li>{escape(page.sentence)}{_quote_inline(page)}</li>")
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _bullets(doc) -> str:
    bullets = doc.bullets()
    if not bullets:
        return ""
    return f'<figure class="bullets">{charts.svg(charts.bullets_figure, bullets)}</figure>'


def _count_line(counts: dict, total: int, lang: str) -> str:
    from ..schema import STATUSES

    order = [s for s in [*STATUSES, *sorted(set(counts) - set(STATUSES))] if counts.get(s)]
    parts = [_("{n} {status}").format(n=counts[s], status=status_word(s, lang)) for s in order]
    sep = "，" if lang == "zh" else ", "
    return _("{n} targets").format(n=total) + (sep + sep.join(parts) if parts else "")


def _summary_table(doc, lang: str) -> str:
    head = [_("indicator"), _("target"), _("latest"), _("progress"), _("time elapsed (序时进度)"), _("status")]
    rows = ["<table class=\"summary\"><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head)
            + "</tr></thead><tbody>"]
    for page in doc.targets:
        b, rec = page.bullet, page.record
        fill = "#" + charts.status_fill(rec["status"])
        rows.append(
            f'<tr><td>{escape(b.name)}</td><td>{escape(b.goal_text)}</td><td>{escape(b.latest_text)}</td>'
            f'<td class="num">{fmt.percent(rec["progress"], 1)}</td>'
            f'<td class="num">{pace_cell(rec)}</td>'
            f'<td class="status" style="background:{fill}">{escape(status_word(rec["status"], lang))}</td></tr>')
    rows.append("</tbody></table>")
    if any(page.record["provisional"] for page in doc.targets):
        rows.append(f'<p class="meta">{escape(_("* provisional figure (base or latest)"))}</p>')
    if any(on_path(page.record) for page in doc.targets):
        rows.append(f'<p class="meta">{escape(path_legend())}</p>')
    return "\n".join(rows)


def _target(page) -> str:
    b = page.bullet
    return "\n".join([
        f'<article class="target" id="target-{escape(b.target_id)}">',
        f"<h4>{escape(b.name)} <span class=\"meta\">{escape(b.goal_text)}</span></h4>",
        f'<figure class="chart" data-target="{escape(b.target_id)}">'
        f"{charts.svg(charts.trajectory_figure, page.trajectory)}</figure>",
        f'<p class="sentence">{escape(page.sentence)}</p>',
        _quote(page),
        f'<p class="meta">{escape(page.departments)}</p>' if page.departments else "",
        "</article>",
    ])


def _quote(page) -> str:
    if not page.quote:
        return ""
    cite = f"<cite>——{escape(page.source)}</cite>" if page.source else ""
    return f"<blockquote>“{escape(page.quote)}”{cite}</blockquote>"


def _quote_inline(page) -> str:
    if not page.quote:
        return ""
    return f'<br><span class="meta">“{escape(page.quote)}”——{escape(page.source)}</span>'
