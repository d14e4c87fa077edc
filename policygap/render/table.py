"""The progress table for a person at a terminal (rich).

Numbers are never cut: numeric columns do not wrap, and when the output is not
a terminal the table is printed at its natural width. Colour only on a
terminal, and never with NO_COLOR or TERM=dumb (rich's own rules).
"""

from __future__ import annotations

from . import fmt
from .words import HEADINGS, actual_phrase, indicator_name, required_phrase, status_word, target_phrase

STATUS_STYLE = {
    "achieved": "bold green",
    "ahead": "green",
    "on_track": "green",
    "behind": "yellow",
    "off_track": "bold red",
    "missed": "red",
    "no_data": "dim",
}
CATEGORY_STYLE = {"substantial": "green", "moderate": "yellow", "limited": "red", "deterioration": "bold red",
                  "achieved": "bold green"}


def build(assessment, region_names: dict, lang: str = "zh", method: str = "planner", stale_months: int = 12):
    """One rich Table per region."""
    from rich.table import Table
    from rich.text import Text

    from ..core import CAGR_CATEGORY_ZH

    h = HEADINGS[lang]
    rows = assessment.rows
    tables = []
    for region, group in rows.groupby("region", sort=False):
        title = region_names.get(region, region)
        table = Table(title=title, title_justify="left", header_style="bold", show_lines=False, pad_edge=False)
        table.add_column(h["name"], overflow="fold", min_width=8)
        for key in ("target", "base", "latest", "required", "actual", "progress", "expected", "gap", "status"):
            table.add_column(h[key], justify="right" if key not in ("target", "status") else "left",
                             no_wrap=True, overflow="fold")
        marks_used = set()
        for rec in group.to_dict("records"):
            name = indicator_name(rec, lang)
            latest = fmt.value(rec["latest_value"], rec["unit"])
            if not fmt.is_missing(rec["latest_value"]):
                latest += f" ({fmt.period(rec['latest_period'], 'en')})"
                if rec["provisional"]:
                    latest += "*"
                    marks_used.add("*")
                if rec["stale"]:
                    latest += "†"
                    marks_used.add("†")
                if rec.get("derived"):
                    latest += "‡"
                    marks_used.add("‡")
            base = fmt.value(rec["base_value"], rec["unit"]) if rec["kind"] != "milestone" else "—"
            if base != "—" and rec["base_period"]:
                base += f" ({fmt.period(rec['base_period'], 'en')})"
            target = f"{target_phrase(rec, lang, region_names)} ({rec['target_year']})"
            if not fmt.is_missing(rec["stretch_value"]):
                word = "力争" if lang == "zh" else "stretch "
                target += f" {word}{fmt.value(rec['stretch_value'], rec['unit'])}"
            if method == "sdg" and rec["cagr_category"]:
                cat = rec["cagr_category"]
                word = CAGR_CATEGORY_ZH.get(cat, cat) if lang == "zh" else cat
                status = Text(word, style=CATEGORY_STYLE.get(cat, ""))
            else:
                status = Text(status_word(rec["status"], lang), style=STATUS_STYLE.get(rec["status"], ""))
            if not fmt.is_missing(rec["milestone_year"]) and rec["milestone_status"]:
                status.append(f" [{int(rec['milestone_year'])}: {status_word(rec['milestone_status'], lang)}]", style="dim")
            cells = [
                name, target, base, latest, required_phrase(rec, lang), actual_phrase(rec, lang),
                fmt.percent(rec["progress"], 1), fmt.percent(rec["expected_progress"], 1),
                fmt.points(rec["gap_points"]),
            ]
            # Text cells, never markup: a name such as "[2023]" must print as is.
            table.add_row(*(Text(c) for c in cells), status)
        legend = []
        if "*" in marks_used:
            legend.append("* 初步数/估计数" if lang == "zh" else "* provisional figure")
        if "†" in marks_used:
            legend.append(f"† 数据已超过{stale_months}个月" if lang == "zh" else f"† figure older than {stale_months} months")
        if "‡" in marks_used:
            legend.append("‡ 由其他指标计算" if lang == "zh" else "‡ derived from other indicators")
        if legend:
            table.caption = "  ".join(legend)
            table.caption_justify = "left"
        tables.append(table)
    return tables


def print_tables(tables, file=None, summary_lines=()) -> None:
    """Print so that no number is ever cut.

    Into a file or a pipe: at the tables' natural width. On a terminal: at
    its width, but no narrower than the tables need when only the first
    (name) column folds; a terminal narrower than that wraps the lines
    rather than losing digits.
    """
    import sys

    from rich.console import Console

    out = file or sys.stdout
    console = Console(file=out, highlight=False, soft_wrap=False)
    if console.is_terminal:
        wide = console.options.update_width(100_000)
        natural = max((console.measure(t, options=wide).maximum for t in tables), default=80)
        slack = min(_name_slack(console, t, wide) for t in tables) if tables else 0
        width = max(min(console.width, natural), natural - slack, 40)
    else:
        # A table narrower than the console is printed at its natural width
        # and lines are not padded: a very wide console gives exactly that.
        width = 100_000
    console = Console(file=out, highlight=False, width=width, soft_wrap=False)
    for i, table in enumerate(tables):
        if i:
            console.print()
        console.print(table)
    for line in summary_lines:
        console.print(line, markup=False)


def _name_slack(console, table, options, keep: int = 8) -> int:
    """How many cells the name column can give up by folding to ``keep`` wide."""
    column = table.columns[0]
    widest = max([console.measure(c, options=options).maximum for c in column.cells] + [keep])
    return max(0, widest - keep)
