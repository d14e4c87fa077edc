"""``policygap required BASE TARGET --from YEAR --to YEAR``: the ad-hoc calculator."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from ..i18n import _
from .app import app, handle_errors, write_output
from .options import BomOpt, Format, FormatOpt, Lang, LangOpt, OutputOpt


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
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
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

    u = unit or ""
    p = plan(parse_amount(base, u, "BASE"), parse_amount(target, u, "TARGET"), from_, to, u)
    summary = {
        "base": p.base, "target": p.goal, "base_period": p.base_period, "target_year": p.target_year,
        "unit": p.unit, "years": p.years, "required_annual_growth": p.required_annual_growth,
        "required_annual_change": p.required_annual_change,
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
    from .. import units

    zh = lang == Lang.zh
    years = fmt.number(round(p.years, 4))
    head = (f"{fmt.value(p.base, u)} → {fmt.value(p.goal, u)}（{fmt.period(p.base_period)}→{p.target_year}年末，{years}年）"
            if zh else f"{fmt.value(p.base, u)} → {fmt.value(p.goal, u)} ({p.base_period} → end of {p.target_year}, {years} years)")
    lines = [head]
    change = fmt.number(round(p.required_annual_change, 4))
    points = u == "%"
    if p.required_annual_growth is not None:
        lines.append((f"需年均增长 {fmt.percent(p.required_annual_growth)}（年均增加 {change}{u}）" if zh
                      else f"required growth {fmt.percent(p.required_annual_growth)} a year (+{change}{u} a year)"))
    elif u and units.is_known(u) and units.dimension(u) == "rank":  # fewer is better, moved in places
        places = fmt.number(round(abs(p.required_annual_change), 4))
        up = p.required_annual_change <= 0
        lines.append((f"需年均{'前移' if up else '后移'} {places}位" if zh
                      else f"required: {places} places {'up' if up else 'down'} a year"))
    else:
        word = "个百分点" if points else u
        lines.append((f"需年均提高 {change}{word}" if zh else f"required change {change}{' points' if points else u} a year")
                     + ("（比重按百分点计，不用增速）" if zh and points else ""))
    col = "compound" if p.required_annual_growth is not None else "linear"
    decimals = path_decimals(p.base, p.goal, p.years)
    path = " / ".join(f"{row['period']}: {fmt.number(round(row[col], decimals), decimals)}" for row in p.path)
    lines.append(("逐年路径 " if zh else "path ") + path)
    write_output(("\n".join(lines) + "\n").encode("utf-8"), output)
