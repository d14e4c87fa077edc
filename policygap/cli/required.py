"""``policygap required BASE TARGET --from YEAR --to YEAR``: the ad-hoc calculator."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import N_, _, language
from .app import app, handle_errors, write_output
from .options import BomOpt, Format, LangOpt, format_for_output, output_path


class PlanFormat(str, Enum):
    """The formats of one plan (no workbook: a path of a few years)."""

    table = "table"
    text = "text"
    csv = "csv"
    json = "json"


PlanFormatOpt = Annotated[PlanFormat, typer.Option(
    "--format", "-f", metavar="table|text|csv|json", help="table, text: for people (default); csv, json: for "
    "programs. E.g. -f csv -o 路径.csv.", show_default=False)]
PlanOutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", help="Write to FILE (replaced whole, never half-written) instead of the "
    "screen, e.g. -o 路径.csv.", show_default=False, parser=output_path)]


@app.command()
@handle_errors
def required(
    base: Annotated[str, typer.Argument(metavar="BASE", help="The figure now, e.g. 473; with --unit 亿元 also "
                                        "15.98亿, with --unit % also 2.1%.")],
    target: Annotated[str, typer.Argument(metavar="TARGET", help="The goal, in the same unit, e.g. 600.")],
    from_: Annotated[str, typer.Option("--from", metavar="PERIOD", help="Period of BASE: YYYY (its year end) or "
                                       "YYYY-MM, e.g. --from 2022 or --from 2024-04.", show_default=False)],
    to: Annotated[int, typer.Option("--to", metavar="YEAR", help="Target year (reached at its end), e.g. --to 2025.",
                                    show_default=False)],
    unit: Annotated[Optional[str], typer.Option("--unit", metavar="UNIT", help="Unit of BASE and TARGET, e.g. 家, "
                                                "亿元, 万元, 个, %; a % is tracked in 百分点.",
                                                show_default=False)] = None,
    format: PlanFormatOpt = PlanFormat.table,
    output: PlanOutputOpt = None,
    bom: BomOpt = False,
    lang: LangOpt = None,
) -> None:
    """The growth needed from BASE to TARGET. The average annual growth (and
    change per year) needed, and the year-by-year path.

    \b
    policygap required 473 600 --from 2022 --to 2025
    policygap required 15.98亿 20 --from 2022 --to 2025 --unit 亿元
    policygap required 2.1% 2.5 --from 2022 --to 2025 --unit %"""
    from ..errors import PolicygapError
    from ..render import fmt, machine
    from ..required import parse_amount, path_decimals, plan

    format = format_for_output(Format(format.value), output)  # -o 路径.csv or .json chooses the format; .xlsx is refused below
    u = unit or ""
    p = plan(parse_amount(base, u, "BASE"), parse_amount(target, u, "TARGET"), from_, to, u)
    summary = {
        "base": p.base, "target": p.goal, "base_period": p.base_period, "target_year": p.target_year,
        "unit": p.unit, "years": p.years, "required_annual_growth": p.required_annual_growth,
        "required_annual_change": p.required_annual_change, "within_the_year": p.within_the_year,
    }
    if format == Format.json:
        write_output((json.dumps({**summary, "path": p.path}, ensure_ascii=False, indent=1) + "\n").encode(), output)
        return
    if format == Format.csv:
        import pandas as pd  # only here: the calculator itself needs no pandas

        frame = pd.DataFrame(p.path).rename(columns={"compound": "value_compound", "linear": "value_linear"})
        frame["required_annual_growth"] = p.required_annual_growth
        frame["required_annual_change"] = p.required_annual_change
        write_output(machine.to_csv(frame, list(frame.columns), bom=bom), output)
        return
    if format == Format.xlsx:
        raise PolicygapError(_("{command}: --format xlsx is not offered; use csv").format(command="required"))
    years = fmt.number(p.years)
    lines = [_("{base} → {goal} ({period} → end of {year}, {years} years)").format(
        base=_figure(p.base, u), goal=_figure(p.goal, u), period=fmt.period(p.base_period, language()),
        year=p.target_year, years=years)]
    lines.append(_required_line(p, u))
    col = "compound" if p.required_annual_growth is not None else "linear"
    decimals = path_decimals(p.base, p.goal, p.years)
    path = " / ".join(f"{row['period']}: {fmt.number(row[col], decimals)}" for row in p.path)
    lines.append(_("path {path}").format(path=path))
    write_output(("\n".join(lines) + "\n").encode("utf-8"), output)


def _figure(x: float, unit: str) -> str:
    """BASE or TARGET as typed: 0.00012 stays 0.00012."""
    from ..render import fmt

    text = fmt.number(x, fmt.significant_decimals(x, digits=6, least=4))
    return f"{text}%" if unit == "%" else f"{text}{unit}"


def _required_line(p, u: str) -> str:
    """需年均增长 8.25%（年均增加 42.3333家）; a fall is said as a fall
    (需年均下降 7.62%), a share in 百分点, a rank in places."""
    from .. import units
    from ..render import fmt

    change = p.required_annual_change
    amount = fmt.number(abs(change), fmt.significant_decimals(change, digits=3, least=4))

    def say(key: str, **values) -> str:
        return _(_REQUIRED_WORDS[key][p.within_the_year]).format(**values)

    if p.required_annual_growth is not None:
        growth = abs(p.required_annual_growth)
        rate = fmt.percent(growth, fmt.significant_decimals(growth * 100, digits=2, least=2))
        return say("fall by rate" if p.required_annual_growth < 0 else "grow by rate", rate=rate, amount=amount, unit=u)
    if u and units.is_known(u) and units.dimension(u) == "rank":  # fewer is better, moved in places
        return say("places up" if change <= 0 else "places down", places=amount)
    if u == "%":  # a share moves in 百分点, not by a growth rate
        return say("fall in points" if change < 0 else "rise in points", amount=amount)
    return say("fall" if change < 0 else "rise", amount=amount, unit=u)


# What is required: over the years left (each year), or, in the target year,
# what is still needed by its end.
_REQUIRED_WORDS = {
    "grow by rate": (N_("required growth {rate} a year ({amount}{unit} more a year)"),
                     N_("still needed this year: growth of {rate} ({amount}{unit} more)")),
    "fall by rate": (N_("required fall {rate} a year ({amount}{unit} less a year)"),
                     N_("still needed this year: a fall of {rate} ({amount}{unit} less)")),
    "places up": (N_("required: {places} places up a year"), N_("still needed this year: {places} places up")),
    "places down": (N_("required: {places} places down a year"), N_("still needed this year: {places} places down")),
    "rise in points": (N_("required rise {amount} percentage points a year (a share is tracked in points, not by "
                          "growth)"), N_("still needed this year: a rise of {amount} percentage points (a share is "
                                         "tracked in points, not by growth)")),
    "fall in points": (N_("required fall {amount} percentage points a year (a share is tracked in points, not by "
                          "growth)"), N_("still needed this year: a fall of {amount} percentage points (a share is "
                                         "tracked in points, not by growth)")),
    "rise": (N_("required rise {amount}{unit} a year"), N_("still needed this year: {amount}{unit} more")),
    "fall": (N_("required fall {amount}{unit} a year"), N_("still needed this year: {amount}{unit} less")),
}
