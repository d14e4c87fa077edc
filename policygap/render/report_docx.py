"""The report as a Word document (opens in Word and WPS).

A4, headings by region (Heading 1) and document (Heading 2), per document a
line of counts, the overview chart and the summary table with its status
cells filled in the workbook's colours, then per target with figures a
heading (Heading 3), its chart as a PNG at print resolution, the report
sentence and the source quote with 文号. Each region starts a new page;
the footer carries the page number.
"""

from __future__ import annotations

import io

from ..i18n import _
from . import charts, fmt
from .report_html import _count_line
from .words import on_path, pace_cell, path_legend, status_word

BODY_FONT, HEADING_FONT = "宋体", "黑体"
CHART_WIDTH_CM = 16.5


def write(report, output) -> None:
    """Build the document and write it to ``output`` atomically."""
    from ..textio import atomic_path

    doc = build(report)
    with atomic_path(output) as tmp:
        doc.save(str(tmp))


def build(report):
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    _fonts(doc, Pt)
    _page_numbers(section)

    lang = report.lang
    names = ("、" if lang == "zh" else ", ").join(r.name for r in report.regions)
    doc.add_heading(f"{names} · {_('Progress of targets')}", level=0)
    doc.add_paragraph(_("as of {period}").format(period=fmt.period(report.as_of, lang)))
    if not report.regions:
        doc.add_paragraph(_("no targets match"))
    for i, region in enumerate(report.regions):
        if i:
            doc.add_page_break()
        doc.add_heading(region.name, level=1)
        for section_ in region.documents:
            _document(doc, section_, lang, Cm)
    return doc


def _fonts(doc, Pt) -> None:
    """Chinese text in 宋体 (headings 黑体), Latin in the theme's font."""
    from docx.oxml.ns import qn

    for name, font in (("Normal", BODY_FONT), ("Title", HEADING_FONT), ("Heading 1", HEADING_FONT),
                       ("Heading 2", HEADING_FONT), ("Heading 3", HEADING_FONT)):
        style = doc.styles[name]
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), font)
    doc.styles["Normal"].font.size = Pt(10.5)


def _page_numbers(section) -> None:
    """A centred PAGE field in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = "1"
        run._r.append(el)


def _document(doc, section, lang: str, Cm) -> None:
    title = section.title + (f"（{section.number}）" if section.number and lang == "zh" else
                             f" ({section.number})" if section.number else "")
    doc.add_heading(title, level=2)
    doc.add_paragraph(_count_line(section.counts(), len(section.targets), lang))
    if section.bullets():
        doc.add_picture(io.BytesIO(charts.png(charts.bullets_figure, section.bullets())), width=Cm(CHART_WIDTH_CM))
    _summary_table(doc, section, lang)
    without = []
    for page in section.targets:
        if page.trajectory is None:
            without.append(page)
            continue
        doc.add_heading(f"{page.bullet.name}  {page.bullet.goal_text}", level=3)
        doc.add_picture(io.BytesIO(charts.png(charts.trajectory_figure, page.trajectory)), width=Cm(CHART_WIDTH_CM))
        doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the chart stays with its sentence
        doc.add_paragraph(page.sentence)
        _quote(doc, page)
        if page.departments:
            doc.add_paragraph(page.departments)
    if without:
        doc.add_heading(_("Targets without figures"), level=3)
        for page in without:
            doc.add_paragraph(page.sentence, style="List Bullet")


def _quote(doc, page) -> None:
    if not page.quote:
        return
    p = doc.add_paragraph()
    run = p.add_run(f"“{page.quote}”")
    run.italic = True
    if page.source:
        p.add_run(f"——{page.source}")


def _summary_table(doc, section, lang: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    head = [_("indicator"), _("target"), _("latest"), _("progress"), _("time elapsed (序时进度)"), _("status")]
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for page in section.targets:
        b, rec = page.bullet, page.record
        cells = table.add_row().cells
        values = [b.name, b.goal_text, b.latest_text, fmt.percent(rec["progress"], 1),
                  pace_cell(rec), status_word(rec["status"], lang)]
        for cell, text in zip(cells, values):
            cell.text = text
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), charts.status_fill(rec["status"]))
        cells[-1]._tc.get_or_add_tcPr().append(shade)
    if any(on_path(page.record) for page in section.targets):
        doc.add_paragraph(path_legend())
    if any(page.record["provisional"] for page in section.targets):
        doc.add_paragraph(_("* provisional figure (base or latest)"))
    else:
        doc.add_paragraph()
