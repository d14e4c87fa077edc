"""The report's charts, drawn with matplotlib from report_model's data.

Two outputs: SVG for the web page, with text kept as text (``svg.fonttype:
none``) so the reader's own Chinese fonts render it, and PNG at print
resolution for Word. matplotlib is imported inside the functions: it is an
optional extra (``policygap[report]``) and costs ``--help`` nothing.

Colours follow the table's and the workbook's lights (docs/methodology.md):
green achieved / ahead / on track, yellow behind (10–30 points below
序时进度), red off track / missed, grey no data.
"""

from __future__ import annotations

import contextlib
import io
import math
import re

from .. import units
from ..i18n import _
from . import fmt
from .words import rank_move, status_word

GREEN, YELLOW, RED, GREY = "#2e8b3e", "#e0a800", "#c8312b", "#9a9a9a"
STATUS_COLOUR = {
    "achieved": GREEN, "ahead": GREEN, "on_track": GREEN,
    "behind": YELLOW,
    "off_track": RED, "missed": RED, "overdue": RED,  # a figure overdue is an alarm, red as in the table
    "no_data": GREY,
}
INK, PLAN, PACE, SOFT = "#1f3b5c", "#7f8c99", "#2f6fb0", "#c9d3dd"

# Fonts that may render Chinese, most common first: what a reader of the SVG
# probably has (Windows, macOS, Linux), and what this machine may have for PNG.
CJK_FONTS = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC",
             "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimHei", "Heiti SC", "Noto Sans CJK JP",
             "AR PL UMing CN", "Droid Sans Fallback"]
LATIN_FONT = "DejaVu Sans"

WIDTH, HEIGHT = 7.0, 3.4  # inches: the text width of A4 with 2 cm margins is 6.7 in
PRINT_DPI = 200


def status_colour(status: str) -> str:
    return STATUS_COLOUR.get(status, GREY)


def status_fill(status: str) -> str:
    """The pale fill of a status cell (RRGGBB): the workbook's (render/xlsx.py);
    overdue, which the workbook leaves unfilled, in its red as in the table."""
    from .xlsx import STATUS_FILL

    fill = STATUS_FILL.get(status) or STATUS_FILL["missed" if status == "overdue" else "no_data"]
    return fill[-6:]


def installed_cjk_fonts() -> list[str]:
    """The Chinese-capable fonts matplotlib finds here, in CJK_FONTS order."""
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in CJK_FONTS if f in have]


def _pyplot(for_svg: bool):
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    # SVG: name every likely font, the reader's browser picks; PNG: only fonts
    # present here (else Chinese falls back to boxes, without failing).
    fonts = CJK_FONTS if for_svg else installed_cjk_fonts()
    plt.rcParams.update({
        "svg.fonttype": "none",
        "svg.hashsalt": "policygap",  # the same ids every run
        "font.family": "sans-serif",
        "font.sans-serif": [*fonts, LATIN_FONT],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#888888",
        "axes.labelcolor": "#333333",
        "xtick.color": "#555555",
        "ytick.color": "#555555",
        "axes.unicode_minus": True,  # −600, as every human output writes a minus (the Latin font has it)
        "legend.frameon": False,
        "legend.fontsize": 8,
    })
    return plt


def _quietly(work):
    """Without a Chinese font here, matplotlib warns once a missing glyph
    (drawing, or measuring a label to place it); the command says it once
    instead (cli/report.py)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        return work()


# Called with the drawing function after each chart is drawn, while counting()
# is in force (the report's progress on a terminal: a province's report draws
# thousands of charts).
_on_drawn = None


@contextlib.contextmanager
def counting(callback):
    global _on_drawn
    previous, _on_drawn = _on_drawn, callback
    try:
        yield
    finally:
        _on_drawn = previous


def _drawn(draw) -> None:
    if _on_drawn is not None:
        _on_drawn(draw)


def svg(draw, *args, **kwargs) -> str:
    """The figure ``draw(plt, ...)`` returns, as an inline <svg> element that
    scales to its container."""
    plt = _pyplot(True)
    fig = _quietly(lambda: draw(plt, *args, **kwargs))
    buf = io.StringIO()
    _quietly(lambda: fig.savefig(buf, format="svg", metadata={"Date": None}))
    plt.close(fig)
    _drawn(draw)
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    # Scale with the page (CSS sets the width; the viewBox keeps the shape).
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1', text, count=1)


def png(draw, *args, dpi: int = PRINT_DPI, **kwargs) -> bytes:
    plt = _pyplot(False)
    fig = _quietly(lambda: draw(plt, *args, **kwargs))
    buf = io.BytesIO()
    _quietly(lambda: fig.savefig(buf, format="png", dpi=dpi))
    plt.close(fig)
    _drawn(draw)
    return buf.getvalue()


def _short(x) -> str:
    """A computed value for a label: two decimals at most (473, 34.44)."""
    if fmt.is_missing(x):
        return "—"
    return fmt.number(fmt.half_up(x, 2))


def _value(x, unit: str) -> str:
    """A figure for a label: two decimals at most; a place in a ranking (位, 名)
    a whole place (a pace leading to 21.72 is about 22位)."""
    if fmt.is_missing(x):
        return "—"
    ranked = bool(unit) and units.is_known(unit) and units.dimension(unit) == "rank"
    return fmt.value(fmt.half_up(x, 0 if ranked else 2), unit)


# --------------------------------------------------------------------------
# Overview


def counts_figure(plt, counts: dict):
    """One stacked bar: how many targets have each status. A segment wide
    enough carries its status and count (滞后 7); the others are named in a
    legend under the bar, each with its colour, never in a segment too
    narrow for them (严重滞后 1 cut off at both ends)."""
    from matplotlib.patches import Patch

    from ..schema import STATUSES

    order = [s for s in [*STATUSES, *sorted(set(counts) - set(STATUSES))] if counts.get(s)]
    total = max(sum(counts.values()), 1)
    words = {s: f"{status_word(s, _lang())} {counts[s]}" for s in order}
    left_in, width_in = 0.07, WIDTH - 0.14  # inches
    inside = [s for s in order if _text_width(words[s], 8) + 4 <= counts[s] / total * width_in * 72]
    legend = [s for s in order if s not in inside]
    rows = _legend_rows([words[s] for s in legend], 8, width_in * 72)
    bar, row = 0.42, 0.2  # inches: the bar's band, a legend row
    height = bar + (len(rows) * row + 0.06 if rows else 0)
    fig = plt.figure(figsize=(WIDTH, height))
    ax = fig.add_axes((left_in / WIDTH, 1 - bar / height, width_in / WIDTH, bar / height))
    left = 0
    for s in order:
        n = counts[s]
        ax.barh(0, n, left=left, color=status_colour(s), edgecolor="white", height=0.72)
        if s in inside:
            ax.text(left + n / 2, 0, words[s], ha="center", va="center", fontsize=8,
                    color="white" if s not in ("behind",) else "#222222")
        left += n
    ax.set_xlim(0, total)
    ax.set_ylim(-0.5, 0.5)
    ax.set_axis_off()
    if legend:
        fig.legend([Patch(color=status_colour(s)) for s in legend], [words[s] for s in legend], loc="lower right",
                   bbox_to_anchor=((left_in + width_in) / WIDTH, 0.02 / height), ncol=max(len(r) for r in rows),
                   fontsize=8, handlelength=1.0, handleheight=0.8, handletextpad=0.4, columnspacing=1.2,
                   borderaxespad=0, borderpad=0, frameon=False)
    return fig


def _text_width(text: str, size: float) -> float:
    """A text's width in points, as wide as any reader's font may draw it: a
    Chinese character a full em, anything else 0.6 em."""
    import unicodedata

    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.6 * size for ch in text)


def _legend_rows(texts: list[str], size: float, room: float) -> list[list[str]]:
    """The legend's entries in rows that fit ``room`` points: as many columns
    as the widest row of equal columns allows."""
    if not texts:
        return []
    entry = max(_text_width(t, size) for t in texts) + 2.6 * size  # its colour, the gaps
    ncol = max(1, min(len(texts), int(room // entry)))
    return [texts[i:i + ncol] for i in range(0, len(texts), ncol)]


def _lang() -> str:
    from ..i18n import language

    return language()


def bullets_figure(plt, bullets: list):
    """One row per target: the indicator's name; a bar for 完成进度 in its
    status colour over a grey band for the whole way (0–100%), a black line at
    the pace its gap is measured against (序时进度, or 路径进度 marked § where
    the target is judged on its compound path: words.pace); the goal and the
    latest figure at the right. Laid out by hand in figure fractions, so long
    Chinese names never push the bars about."""
    from .words import PATH_MARK, path_legend

    n = len(bullets)
    row = 0.36  # inches a row
    notes = 0.3 if any(b.on_path for b in bullets) else 0.0  # the § line under the chart
    height = row * n + 0.55 + notes
    fig = plt.figure(figsize=(WIDTH, height))
    bottom = (0.45 + notes) / height
    ax = fig.add_axes((0.29, bottom, 0.41, 1 - bottom - 0.1 / height))
    top = 1.17  # the band is 0–100%; the progress figure stands in a column after it
    ax.set_xlim(0, top)
    ax.set_ylim(-0.5, n - 0.5)
    for i, b in enumerate(bullets):
        y = n - 1 - i
        ax.barh(y, 1.0, color="#eef1f4", height=0.7)
        if not math.isnan(b.progress):
            ax.barh(y, min(max(b.progress, 0.0), 1.0), color=status_colour(b.status), height=0.38)
            if b.progress > 1:  # beyond the goal: an arrow head at the end of the band
                ax.plot([1.0], [y], marker=">", color=status_colour(b.status), markersize=5)
            ax.text(1.025, y, fmt.percent(b.progress, 1), va="center", fontsize=7.2, color="#222222")
        else:
            ax.text(0.015, y, status_word(b.status, _lang()), va="center", fontsize=7, color="#555555")
        if not math.isnan(b.expected):
            ax.plot([b.expected, b.expected], [y - 0.36, y + 0.36], color="#111111", linewidth=1.8)
            if b.on_path:
                ax.annotate(PATH_MARK, (b.expected, y + 0.36), textcoords="offset points", xytext=(2.5, 0),
                            ha="left", va="center", fontsize=6.5, color="#111111")
        ycenter = ax.transData.transform((0, y))[1]
        yfig = fig.transFigure.inverted().transform((0, ycenter))[1]
        fig.text(0.28, yfig, _clip(b.name), ha="right", va="center", fontsize=8, color="#222222")
        fig.text(0.72, yfig, f"{b.goal_text}\n{b.latest_text}", ha="left", va="center", fontsize=7.2,
                 color="#333333", linespacing=1.25)
    ax.set_yticks([])
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "25%", "50%", "75%", "100%"], fontsize=7)
    ax.spines["left"].set_visible(False)
    fig.text(0.29, (0.04 + notes) / height, _("bar: progress; black line: time elapsed (序时进度)"), fontsize=7,
             color="#555555")
    if notes:
        fig.text(0.02, 0.05 / height, path_legend(), fontsize=7, color="#555555", wrap=True)
    return fig


def _clip(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


# --------------------------------------------------------------------------
# Trajectories


def trajectory_figure(plt, tr):
    """Margins set by hand (an automatic layout costs half the drawing time):
    the legend in rows of two or four below the axes."""
    fig = plt.figure(figsize=(WIDTH, 1.7 if tr.style == "timeline" else HEIGHT))
    ax = fig.add_subplot()
    marks = {"time": _draw_time, "ytd": _draw_ytd, "years": _draw_years, "timeline": _draw_timeline}[tr.style](ax, tr)
    handles, labels = ax.get_legend_handles_labels()
    rows, ncol = 0, 1
    if handles:
        ncol = 2 if max(len(x) for x in labels) > 28 else min(len(handles), 4)
        rows = math.ceil(len(handles) / ncol)
        fig.legend(handles, labels, loc="lower center", ncol=ncol, fontsize=7.5, borderaxespad=0.3)
    height = fig.get_figheight()
    legend = (rows * 0.17 + 0.08) if rows else 0
    bottom = (legend + (0.45 if tr.style == "ytd" else 0.3)) / height
    fig.subplots_adjust(left=0.085, right=0.975, top=1 - 0.3 / height, bottom=bottom)
    if marks:
        _keep_apart(fig, ax, marks)
    return fig


# Places around its point a label may take when its own is taken: (dx, dy)
# in points and the alignment, up-left first, as the latest figure's label.
AROUND = [(-8, 6, "right", "bottom"), (8, 6, "left", "bottom"), (0, 9, "center", "bottom"),
          (-8, -6, "right", "top"), (8, -6, "left", "top"), (0, -9, "center", "top"),
          (-10, 0, "right", "center"), (10, 0, "left", "center")]


def _keep_apart(fig, ax, labels) -> None:
    """Place the labels of points (latest, goal, base, …: annotations, most
    important first) so that no two overlap, none covers another labelled
    point, each is nearer its own point than any other labelled point (so
    that it is read as that point's), and each stays within the axes, else
    within the figure. Each in turn keeps its place where it can, else takes
    the first free place around its point (AROUND), then the same places a
    label height or more further out; 最新5起 and 目标5起 a month apart at the
    same height no longer print over each other."""
    renderer = fig.canvas.get_renderer()
    pt = fig.dpi / 72  # display units a point
    pad = 1.5 * pt  # the white patch behind a label (LABEL_BOX), and a little air
    points = [ax.transData.transform(a.xy) for a in labels]
    marks = [_around(xy, 6 * pt) for xy in points]  # a labelled point's marker (the goal's star is the largest)
    placed = []
    for i, a in enumerate(labels):
        own = (*a.xyann, a.get_horizontalalignment(), a.get_verticalalignment())
        height = a.get_window_extent(renderer).height / pt + 2
        tries = list(_places(height))
        obstacles = placed + [m for j, m in enumerate(marks) if j != i]
        others = [p for j, p in enumerate(points) if j != i]
        # its own place if free (it may stand a little over the axes' edge), else the first free place
        # within the axes nearer its point than any other, within the figure, and anywhere free
        rounds = [([own], fig.bbox, points[i]), (tries, ax.bbox, points[i]), (tries, fig.bbox, points[i]),
                  (tries, fig.bbox, None)]
        spot = next((t for places, frame, near in rounds for t in places
                     if _free(a, t, renderer, pad, frame, obstacles, near, others)), own)
        _put(a, spot)
        placed.append(_padded(a.get_window_extent(renderer), pad))


def _places(height: float):
    """AROUND, then again a label height further out, twice, thrice."""
    for k in range(4):
        for dx, dy, ha, va in AROUND:
            if dy or not k:  # beside the point only at its height
                yield dx, dy + math.copysign(k * height, dy), ha, va


def _put(a, place) -> None:
    dx, dy, ha, va = place
    a.xyann = (dx, dy)
    a.set_horizontalalignment(ha)
    a.set_verticalalignment(va)


def _free(a, place, renderer, pad, frame, obstacles, own, others) -> bool:
    _put(a, place)
    b = _padded(a.get_window_extent(renderer), pad)
    if not _within(b, frame) or any(b.overlaps(o) for o in obstacles):
        return False
    return own is None or all(_distance(b, own) < _distance(b, p) for p in others)


def _padded(b, pad):
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(b.x0 - pad, b.y0 - pad, b.x1 + pad, b.y1 + pad)


def _around(xy, r):
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(xy[0] - r, xy[1] - r, xy[0] + r, xy[1] + r)


def _distance(b, xy) -> float:
    """From a point to the nearest edge of a box (0 inside it)."""
    dx = max(b.x0 - xy[0], 0, xy[0] - b.x1)
    dy = max(b.y0 - xy[1], 0, xy[1] - b.y1)
    return math.hypot(dx, dy)


def _within(b, frame) -> bool:
    return frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1


def _year_ticks(ax, xs):
    lo, hi = math.floor(min(xs)), math.ceil(max(xs))
    ticks = list(range(lo, hi + 1))
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.set_xlim(lo - 0.25, hi + 0.25)


def _axis_label(tr) -> str:
    if tr.kind == "rank":
        return _("rank (up is better)")
    if tr.unit == "%":
        return _("% (changes in percentage points)")
    return tr.unit


def _percent_ticks(ax, tr) -> None:
    """A share's axis in % (2.5%), its changes in 百分点 in the labels."""
    if tr.unit == "%":
        from matplotlib.ticker import FuncFormatter

        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, pos: f"{v:g}%"))


def _counted(tr) -> bool:
    """A rank, or a count of whole things in a unit without a magnitude (家,
    个, 人, 项, 起 …; not 万人, whose figures have decimals): its value axis
    has whole-number ticks only (no 22.5th place, no 2.5起)."""
    from .. import units

    if tr.kind == "rank":
        return True
    try:
        scale, base = units.split_unit(tr.unit or "")
    except units.UnitError:
        return False
    return scale == 1 and units.dimension(base) in (units.COUNTS | {"rank"})


def _whole_ticks(ax, tr) -> None:
    if _counted(tr):
        from matplotlib.ticker import MaxNLocator

        # AutoLocator's steps (1, 2, 2.5, 5, 10 × a power of ten), whole numbers only
        ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))


def _draw_time(ax, tr):
    colour = status_colour(tr.status)
    labels = []  # the points' labels, most important first: kept apart once laid out (_keep_apart)
    xs = [p.x for p in tr.drawn()] + [c.year for c in tr.checkpoints]
    if tr.reference:
        ax.plot([p.x for p in tr.reference], [p.value for p in tr.reference], color=SOFT, linewidth=2,
                marker="o", markersize=3, label=tr.reference_name, zorder=2)
    if tr.observed:
        ax.plot([p.x for p in tr.observed], [p.value for p in tr.observed], color=INK, linewidth=1.6,
                label=_("observed"), zorder=3)
        firm = [p for p in tr.observed if not p.provisional]
        prov = [p for p in tr.observed if p.provisional]
        ax.scatter([p.x for p in firm], [p.value for p in firm], color=INK, s=16, zorder=3)
        if prov:
            ax.scatter([p.x for p in prov], [p.value for p in prov], facecolor="white", edgecolor=INK, s=22,
                       zorder=4, label=_("provisional figure"))
    if tr.plan:
        label = _("path the goal requires (compound)") if tr.path == "compound" and len(tr.plan) > 2 \
            else _("path the goal requires (straight)")
        ax.plot([p.x for p in tr.plan], [p.value for p in tr.plan], color=PLAN, linestyle="--", linewidth=1.2,
                label=label, zorder=1)
    if tr.now:
        ax.plot([p.x for p in tr.now], [p.value for p in tr.now], color=colour, linestyle=":", linewidth=2,
                label=_required_label(tr))
    if tr.projection:
        end = tr.projection[-1]
        label = _("at the pace so far: {value} by the end of {year}").format(
            value=_value(end.value, tr.unit), year=int((end.index - 1) // 12))
        if tr.projected_year is not None:
            label += _(", goal reached in {year}").format(year=tr.projected_year)
        ax.plot([p.x for p in tr.projection], [p.value for p in tr.projection], color=PACE, linestyle="-.",
                linewidth=1.2, label=label)
    if tr.base is not None:
        ax.scatter([tr.base.x], [tr.base.value], marker="s", color=INK, s=30, zorder=5)
        base = ax.annotate(_("base {value}").format(value=_value(tr.base.value, tr.unit)), (tr.base.x, tr.base.value),
                           textcoords="offset points", xytext=(5, -11), fontsize=7, color=INK, bbox=LABEL_BOX)
    if tr.latest is not None:
        ax.scatter([tr.latest.x], [tr.latest.value], s=60, zorder=6, color=colour, edgecolor=INK, linewidth=1)
        labels.append(ax.annotate(_("latest {value}").format(value=_value(tr.latest.value, tr.unit)),
                                  (tr.latest.x, tr.latest.value), textcoords="offset points", xytext=(-7, 7),
                                  ha="right", fontsize=7.5, color=INK, fontweight="bold", bbox=LABEL_BOX))
    if tr.goal is not None:
        ax.scatter([tr.goal.x], [tr.goal.value], marker="*", s=140, zorder=6, color=colour, edgecolor=INK,
                   linewidth=0.6, label=_("goal"))
        labels.append(ax.annotate(_("goal {value}").format(value=_value(tr.goal.value, tr.unit)),
                                  (tr.goal.x, tr.goal.value), textcoords="offset points", xytext=(-9, 6), ha="right",
                                  fontsize=7.5, color=INK, bbox=LABEL_BOX))
    if tr.base is not None:
        labels.append(base)
    for c in tr.checkpoints:
        if math.isnan(c.value):
            continue
        marker = "D" if c.role == "milestone" else "^"
        word = _("milestone") if c.role == "milestone" else _("stretch")
        ax.scatter([c.year], [c.value], marker=marker, s=36, zorder=5, facecolor="white",
                   edgecolor=status_colour(c.status), linewidth=1.5)
        labels.append(ax.annotate(f"{word} {_value(c.value, tr.unit)}", (c.year, c.value), textcoords="offset points",
                                  xytext=(-7, 0), ha="right", va="center", fontsize=7, color="#444444",
                                  bbox=LABEL_BOX))
    if xs:
        _year_ticks(ax, xs)
    _unit_title(ax, _axis_label(tr))
    _percent_ticks(ax, tr)
    _whole_ticks(ax, tr)
    ax.margins(y=0.14)
    if tr.invert:
        ax.invert_yaxis()
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.6)
    return labels


# Labels on a chart sit on a white patch, so a line behind them never strikes them through.
LABEL_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}


def _unit_title(ax, text: str) -> None:
    """The unit above the value axis, horizontal (家, 亿元 read badly on their side)."""
    ax.set_title(text, loc="left", fontsize=7.5, color="#555555", pad=4)


def _required_label(tr) -> str:
    # in the goal's own year it is what is still needed by its end, not a rate a year
    this_year = tr.latest is not None and tr.goal is not None and tr.goal.index - tr.latest.index < 12
    if not math.isnan(tr.required_growth):
        rate = fmt.percent(tr.required_growth, 1)
        if this_year:
            return _("still needed this year ({rate})").format(rate=rate)
        return _("required from now ({rate} a year)").format(rate=rate)
    if not math.isnan(tr.required_change):
        if tr.unit == "%":
            amount = _("{points} percentage points").format(points=_signed(tr.required_change, 2))
        elif tr.kind == "rank":
            amount = rank_move(tr.required_change, _lang())  # 前移1位, as the table says, not −1位
        else:
            amount = f"{_signed(tr.required_change, 2)}{tr.unit}"
        if this_year:
            return _("still needed this year ({amount})").format(amount=amount)
        return _("required from now ({amount} a year)").format(amount=amount)
    return _("required from now")


def _signed(x, decimals: int) -> str:
    """A change a year as the table writes it (words.change_phrase): signed,
    rounded to ``decimals`` and no trailing zeros: +120, −2, +1.83."""
    x = fmt.half_up(x, decimals)
    return ("+" if x > 0 else "") + fmt.number(x, decimals)


def _draw_ytd(ax, tr):
    """A flow's total so far this year against the months elapsed."""
    colour = status_colour(tr.status)
    start = tr.base.index
    month = lambda p: p.index - start  # noqa: E731
    labels = []  # kept apart once laid out (_keep_apart): 最新5起 beside 目标5起
    ax.plot([month(p) for p in tr.plan], [p.value for p in tr.plan], color=PLAN, linestyle="--", linewidth=1.2,
            label=_("the year's goal spread over its months"))
    if tr.observed:
        ax.plot([month(p) for p in tr.observed], [p.value for p in tr.observed], color=INK, marker="o",
                markersize=4, linewidth=1.6, label=_("total since January"))
    if tr.latest is not None:
        ax.scatter([month(tr.latest)], [tr.latest.value], s=60, zorder=6, color=colour, edgecolor=INK)
        labels.append(ax.annotate(_("latest {value}").format(value=_value(tr.latest.value, tr.unit)),
                                  (month(tr.latest), tr.latest.value), textcoords="offset points", xytext=(6, 6),
                                  fontsize=7.5, fontweight="bold", color=INK, bbox=LABEL_BOX))
    ax.scatter([12], [tr.goal.value], marker="*", s=140, color=colour, edgecolor=INK, linewidth=0.6, zorder=6,
               label=_("goal"))
    labels.append(ax.annotate(_("goal {value}").format(value=_value(tr.goal.value, tr.unit)), (12, tr.goal.value),
                              textcoords="offset points", xytext=(-4, 8), ha="right", fontsize=7.5, bbox=LABEL_BOX))
    ax.set_xticks(range(0, 13, 3), [_("month {month}").format(month=m) if m else "" for m in range(0, 13, 3)])
    ax.set_xlim(-0.3, 12.5)
    ax.set_xlabel(_("months of {year}").format(year=int((tr.goal.index - 1) // 12)))
    _unit_title(ax, tr.unit)
    _whole_ticks(ax, tr)
    ax.margins(y=0.14)  # room for the labels above the highest point
    if min(p.value for p in [*tr.plan, *tr.observed]) >= 0:
        ax.set_ylim(bottom=0)  # a total since January starts at 0: no axis below it
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.6)
    return labels


def _draw_years(ax, tr):
    """每年: each year's figure as a bar in its status colour, the year's goal
    as a black line across it."""
    cps = tr.checkpoints
    years = [c.year for c in cps]
    heights = [0 if math.isnan(c.latest) else c.latest for c in cps]
    ax.bar(years, heights, width=0.55, color=[status_colour(c.status) for c in cps], label=_("the year's figure"))
    for c in cps:
        if not math.isnan(c.value):
            ax.plot([c.year - 0.35, c.year + 0.35], [c.value, c.value], color="#111111", linewidth=2)
        text = status_word(c.status, _lang()) if math.isnan(c.latest) else _short(c.latest)
        if c.latest_period and "-" in c.latest_period:
            text += " " + _("(to {period})").format(period=c.latest_period)
        ax.annotate(text, (c.year, 0 if math.isnan(c.latest) else c.latest), textcoords="offset points",
                    xytext=(0, 3), ha="center", fontsize=7)
    ax.plot([], [], color="#111111", linewidth=2, label=_("goal of the year"))
    ax.set_xticks(years, [str(y) for y in years])
    _unit_title(ax, tr.unit)
    _whole_ticks(ax, tr)
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.6)


def _draw_timeline(ax, tr):
    """节点任务: the checkpoints on a line of years, done or not."""
    cps = tr.checkpoints
    years = [c.year for c in cps]
    first = min([*years, *(p.x for p in tr.observed)]) if tr.observed else min(years)
    lo, hi = math.floor(first) - 1, max(years) + 1
    ax.plot([lo, hi], [0, 0], color=SOFT, linewidth=3, zorder=1)
    for c in cps:
        done = c.status == "achieved"
        ax.scatter([c.year], [0], s=120, zorder=3, marker="o", edgecolor=status_colour(c.status), linewidth=2,
                   facecolor=status_colour(c.status) if done else "white")
        ax.annotate(f"{c.year}\n{status_word(c.status, _lang())}", (c.year, 0), textcoords="offset points",
                    xytext=(0, 12), ha="center", fontsize=8)
    for p in tr.observed:
        word = _("done") if p.value >= 1 else _("not yet done")
        ax.scatter([p.x], [0], marker="|", s=200, color=INK, zorder=2)
        ax.annotate(f"{p.period}\n{word}", (p.x, 0), textcoords="offset points", xytext=(0, -26), ha="center",
                    fontsize=7, color=INK)
    ax.set_xlim(lo - 0.3, hi + 0.3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xticks(range(lo, hi + 1), [str(y) for y in range(lo, hi + 1)])
