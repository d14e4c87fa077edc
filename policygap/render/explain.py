"""``policygap explain``: every input, formula and intermediate number behind
one target's status, so that a statistician can re-derive it by hand.

Plain text (no markup). Labels are written in English and translated by the
message catalogue (``_()``); names and status words follow ``lang``. Every
number and the status come from the same checkpoint the JSON row is built
from, so explain and JSON always agree. Numbers are shown with enough digits
to recompute the next line: values as stored, years to 4 decimals, rates and
shares to 4 decimals of a percent; a missing value is "—", never "nan".
"""

from __future__ import annotations

import math
from pathlib import Path

from ..core import CAGR_CATEGORY_ZH
from ..i18n import N_
from ..i18n import _ as _translate
from ..periods import format_period
from . import fmt
from .words import SYMBOL, at_strict_goal, beyond_phrase, note_text, sdg_graded, status_word

KIND_WORDS = {
    "level": N_("level (达到)"), "growth_rate": N_("average growth (年均增速)"),
    "share": N_("share in points (比重/强度)"), "increase": N_("increase (新增/累计)"), "annual": N_("each year (每年)"),
    "rank": N_("rank (排名)"), "relative": N_("relative to another region (相对)"),
    "multiple": N_("multiple of the base (翻番)"), "milestone": N_("milestone (节点任务)"),
}


# The language of this explanation; labels are looked up in it.
_LANG: list[str | None] = [None]


def _(message: str):
    """``message`` in the language of the explanation being written."""
    return _translate(message, _LANG[0])


def _n(x, digits=4) -> str:
    if fmt.is_missing(x):
        return "—"
    x = float(x)
    if math.isinf(x):
        return "—"
    if x == int(x) and abs(x) < 1e15:
        return fmt.signed(str(int(x)))
    text = f"{fmt.half_up(x, digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else fmt.signed(text)


def _pct(x) -> str:
    return "—" if fmt.is_missing(x) else fmt.signed(f"{fmt.half_up(x, 4, 100):.4f}%".replace(".0000%", "%"))


def _colon() -> str:
    """A label's colon: ：in Chinese, ': ' in English."""
    return "：" if _LANG[0] == "zh" else ": "


def _p(index) -> str:
    return "—" if fmt.is_missing(index) or math.isinf(index) else format_period(int(index))


def _text(x) -> str:
    """A text field as written, '' where missing (never 'nan')."""
    return "" if fmt.is_missing(x) or x is None else str(x)


def _after_as_of(ds, region, indicator, as_of: int, unit: str) -> str:
    """The figures of a series whose period ends after ``as_of`` (at most three)."""
    obs = ds.observations
    hit = obs[(obs["region"] == region) & (obs["indicator"] == indicator) & (obs["index"] > as_of)]
    if not len(hit):
        return ""
    hit = hit.sort_values("index")
    shown = [f"{p} {_n(v)}{unit}" for p, v in zip(hit["period"].head(3), hit["value"].head(3))]
    return ", ".join(shown) + (" …" if len(hit) > 3 else "")


def _observation(ds, region, indicator, index) -> str:
    """Where a figure came from: file line and source."""
    if fmt.is_missing(index) or math.isinf(index):
        return ""
    obs = ds.observations
    hit = obs[(obs["region"] == region) & (obs["indicator"] == indicator) & (obs["index"] == int(index))]
    if not len(hit):
        return ""
    row = hit.iloc[0]
    if row.get("derived", False):  # computed from other indicators: the source says how
        return f"  [{row['source']}]"
    file = Path(str(row.get("file") or ds.baselines_path)).name
    where = f"{file} " + _("line {line}").format(line=int(row["line"]))
    source = _text(row["source"])
    return f"  [{where}{'; ' + source if source else ''}]"


def explain(ds, result, target_id: str, lang: str = "zh") -> str:
    _LANG[0] = lang
    cp = result.checkpoints
    rows = result.rows
    target = ds.defs.targets.set_index("target_id").loc[target_id]
    row = rows[rows["target_id"] == target_id].iloc[0].to_dict()
    ind = ds.defs.indicators.loc[target["indicator"]]
    unit = _text(ind["unit"])
    out: list[str] = []
    add = out.append

    name = ind["name_en"] if lang == "en" and _text(ind["name_en"]) else ind["name"]
    add(f"{target_id}: {name} ({target['indicator']})")
    add(_("target") + _colon() + _target_line(target, unit))
    doc = target["document"]
    if isinstance(doc, str) and doc in ds.defs.documents.index:
        d = ds.defs.documents.loc[doc]
        words = [doc, _text(d["title"]), _text(d["number"]), f"({_text(d['issued']) or '?'})", _text(target["clause"])]
        add(_("source") + _colon() + " ".join(w for w in words if w))
    if _text(target["quote"]):
        add(f"  “{' '.join(str(target['quote']).split())}”")  # a table's tabs and line breaks as spaces
    if isinstance(doc, str) and doc in ds.defs.documents.index:
        d = ds.defs.documents.loc[doc]
        issued = d["issued_index"]
        if not fmt.is_missing(issued) and result.options.as_of < issued:
            # --as-of before the plan existed: nothing of it had started then
            add("  " + _("note: --as-of {as_of} is before the document was issued ({issued}): the target was not "
                         "yet set then").format(as_of=_p(result.options.as_of), issued=_text(d["issued"])))
    if _text(target["note"]):
        add("  " + _("note") + _colon() + str(target["note"]))
    add("")

    mine = cp[cp["target_id"] == target_id]
    main = mine[mine["role"] == "final"]
    if not len(main):  # 每年: the year shown in the row
        main = mine[mine["cp_year"] == row["target_year"]]
    _explain_checkpoint(out, ds, target, main.iloc[0], unit, result, lang)
    if row["status"] != main.iloc[0]["status"]:  # a 每年 target answers for its past years too
        add("  " + _("the target as a whole") + _colon() + note_text(row["note"]))
        add(f"  → {_word(row['status'], lang)}")
    others = mine.drop(main.index)
    if len(others):
        add("")
        add(_("checkpoints") + _colon().rstrip())
        for _i, c in others.iterrows():
            period = _text(c["latest_period"]) or "—"
            role = _(CHECKPOINT_ROLES.get(c["role"], c["role"]))
            add(f"  {role} {c['cp_year']}: " + _("goal") + f" {_n(c['goal_value'])}{unit}, "
                + _("latest") + f" {_n(c['latest_value'])}{unit if not fmt.is_missing(c['latest_value']) else ''}"
                f" ({period}), "
                + _("progress") + f" {_pct(c['progress'])}, " + _("time elapsed") + f" {_pct(c['expected_progress'])}, "
                + _("gap") + f" {fmt.points(c['gap_points'], 2)} → {_word(c['status'], lang)}")
    return "\n".join(out) + "\n"


# A checkpoint's role as a planner says it (力争 2026, 节点 2024, 2025年度).
CHECKPOINT_ROLES = {"final": N_("goal"), "stretch": N_("stretch (力争)"), "milestone": N_("milestone"),
                    "year": N_("year")}


def _word(status, lang) -> str:
    """behind (滞后): the code, for scripts and tests, then the word."""
    word = status_word(status, lang)
    return status if word == status else f"{status} ({word})"


def _target_line(target, unit) -> str:
    kind = target["kind"]
    # the value, milestones and 力争 are written as the target is: a rate, a multiple, an amount
    written = {"growth_rate": "%", "multiple": "×"}.get(kind, unit)
    parts = [_(KIND_WORDS.get(kind, kind))]
    if kind == "relative":
        parts.append(f"{SYMBOL.get(target['comparator'], target['comparator'])} {target['reference']}")
    elif kind != "milestone":
        parts.append(f"{SYMBOL.get(target['comparator'], target['comparator'])} {_n(target['value'])}{written}")
    parts.append(_("by the end of {year}").format(year=int(target["year"])))
    extra = []
    if target["milestones"]:
        extra.append(_("milestones") + " " + ", ".join(f"{y}: {_n(v)}{written}"
                                                      for y, v in sorted(target["milestones"].items())))
    if not fmt.is_missing(target["stretch"]):
        extra.append(_("stretch (力争)") + " " + _n(target["stretch"]) + written)
    return " ".join(parts) + ("; " + "; ".join(extra) if extra else "")


def _base_how(ds, target, c) -> str:
    mode = c["mode"]
    if mode == "cumulative":
        return _("sum of yearly figures from {year}, starting at 0").format(year=int(target["from_year"]))
    if mode == "year" and target["counting"] == "flow":
        return _("year to date, from 0 at the start of the year")
    if not fmt.is_missing(target["base_index"]):
        return _("pinned base period")
    doc = target["document"]
    issued = ds.defs.documents.at[doc, "issued"] if isinstance(doc, str) and doc in ds.defs.documents.index else None
    return _("newest figure before the document was issued ({issued})").format(issued=_text(issued) or "?")


def _explain_checkpoint(out, ds, target, c, unit, result, lang) -> None:
    add = out.append
    region, indicator = target["region"], target["indicator"]
    kind, mode = c["kind"], c["mode"]
    raw = mode in ("raw", "annual_total", "year", "milestone")
    add(_("inputs") + _colon().rstrip())
    if kind == "relative":
        _relative_inputs(out, c, target, unit)
    elif mode != "milestone":
        if fmt.is_missing(c["base_value"]):
            add("  B  " + _("base") + _colon() + _("none"))
        elif _counted_from_zero(c):
            # A year-to-date figure is judged within its year: the arithmetic
            # starts from 0 at the start of the year, and B says so.
            # the citation is the plan's base, so it stands beside it
            start = _("start of {year}").format(year=int(c["calc_base_index"]) // 12)
            add("  B  " + _("base") + f" = {_n(c['calc_base_value'])}{unit} @ {start}  ("
                + _("year to date: counted from 0 at the start of the year; the plan's base is {value} @ {period}")
                .format(value=f"{_n(c['base_value'])}{unit}", period=_text(c["base_period"]))
                + (_observation(ds, region, indicator, c["base_index"]) if raw else "") + ")")
        else:
            # a 每年 year of a flow starts from 0, which no row of the figures says: nothing to cite
            from_zero = mode in ("year", "cumulative") and c["base_value"] == 0
            provisional = f", {_('provisional/estimate')}" if c.get("base_provisional") else ""
            add("  B  " + _("base") + f" = {_n(c['base_value'])}{unit} @ {_text(c['base_period'])}  "
                f"({_base_how(ds, target, c)}{provisional})"
                + (_observation(ds, region, indicator, c["base_index"]) if raw and not from_zero else ""))
    if kind != "relative":
        if fmt.is_missing(c["latest_value"]):
            add("  L  " + _("latest") + _colon() + _("none"))
        else:
            flags = []
            if c.get("latest_provisional", c["provisional"]):  # the latest figure's own mark
                flags.append(_("provisional/estimate"))
            if c["stale"]:
                stale = result.options.stale_months
                stale = ds.settings["stale_months"] if stale is None else stale
                flags.append(_("older than {months} months").format(months=stale))
            add("  L  " + _("latest") + f" = {_n(c['latest_value'])}{unit} @ {c['latest_period']}"
                + (f"  ({', '.join(flags)})" if flags else "")
                + (_observation(ds, region, indicator, c["latest_index"]) if raw else ""))
        later = _after_as_of(ds, region, indicator, result.options.as_of, unit)
        if later:  # a year's 预计 entered in November: why it is not the latest figure
            add("     " + _("not counted yet, its period not over by {as_of}: {figures}").format(
                as_of=_p(result.options.as_of), figures=later))
    _goal_line(out, c, target, unit)
    add("")
    add(_("computation") + _colon().rstrip())
    if fmt.is_missing(c["latest_value"]) or mode == "milestone" or fmt.is_missing(c["goal_value"]):
        if mode == "milestone" and not fmt.is_missing(c["latest_value"]):
            add(f"  L = {_n(c['latest_value'])} (" + _("1 = done, 0 = not yet") + ")")
        else:
            add("  " + _("nothing to compute: {why}").format(why=note_text(c["note"]) or _("no figure")))
        _verdict(out, c, target, result, lang)
        return
    _formulas(out, ds, target, c, unit, lang)
    _verdict(out, c, target, result, lang)


def _counted_from_zero(c) -> bool:
    """The arithmetic reads from a base other than the target's own (a
    year-to-date flow, from 0 at the start of its year)."""
    cb = c["calc_base_value"]
    return bool(c["within_year"]) and not fmt.is_missing(cb) and cb != c["base_value"]


def _goal_line(out, c, target, unit) -> None:
    kind, mode = c["kind"], c["mode"]
    goal = _("goal")
    # a year-to-date row's B is 0; its goal still comes from the plan's base
    B = _("the plan's base") if _counted_from_zero(c) else "B"
    if fmt.is_missing(c["goal_value"]):
        out.append(f"  V  {goal}" + _colon() + _("unknown ({why})").format(why=note_text(c["note"])))
    elif kind == "growth_rate":
        out.append(f"  V  {goal} = {B} × (1 + {_n(c['goal_raw'])}%)^n = {_n(c['base_value'])} × "
                   f"{_n(1 + c['goal_raw'] / 100)}^{_n((c['t_end'] - c['base_index']) / 12)} = {_n(c['goal_value'], 6)}{unit}")
    elif kind == "multiple":
        out.append(f"  V  {goal} = {B} × {_n(c['goal_raw'])} = {_n(c['goal_value'])}{unit}")
    elif (kind == "increase" and mode != "cumulative") or (mode == "year" and target["counting"] == "stock"):
        out.append(f"  V  {goal} = {B} + {_n(c['goal_raw'])} = {_n(c['goal_value'])}{unit}")
    elif kind == "relative":
        out.append(f"  V  {goal}: " + _("gap {comparator} 0").format(comparator=target["comparator"]))
    else:
        out.append(f"  V  {goal} = {_n(c['goal_value'])}{unit} ({target['comparator']}) @ {c['cp_year']}")


def _formulas(out, ds, target, c, unit, lang) -> None:
    add = out.append
    cb = c["calc_base_value"]
    L = _n(c["latest_value"])
    if c["within_year"] and c["latest_index"] % 12 != 0:
        add("  " + _("year-to-date figure: progress = total so far ÷ the year's goal, time elapsed = months ÷ 12"))
    if c["mode"] == "cumulative":
        add(f"  L = {_cumulative_terms(ds, target, c)} = {L}{unit}")
    if not fmt.is_missing(c["shortfall"]):
        add("  " + _("shortfall = how far L is from V = {value}").format(value=_difference(c["shortfall"], unit)))
    if fmt.is_missing(cb):
        return
    n, e, r = c["years_total"], c["years_elapsed"], c["years_remaining"]
    end = format_period(int(c["cp_year"]) * 12 + 12)
    start = _p(c["calc_base_index"])
    years = _("years")
    add(f"  n = {start} → {end}: {_n(n * 12)}/12 = {_n(n)} {years};  "
        f"e = {start} → {c['latest_period']}: {_n(e * 12)}/12 = {_n(e)};  r = n − e = {_n(r)}")
    if c["base_met"]:
        add("  " + _("the base {base} already met the goal: progress has no meaning").format(base=_n(cb)))
    elif not fmt.is_missing(c["progress"]):
        add("  " + _("progress") + f" = (L − B)/(V − B) = ({L} − {_n(cb)})/({_n(c['goal_value'], 6)} − {_n(cb)})"
            f" = {_pct(c['progress'])}")
    if not fmt.is_missing(c["expected_progress"]):
        add("  " + _("time elapsed (序时进度)") + f" = e/n = {_n(e)}/{_n(n)} = {_pct(c['expected_progress'])}")
    if not fmt.is_missing(c["path_progress"]):
        ratio = c["goal_value"] / cb
        add("  " + _("compound path (路径进度)") + f" = ((V/B)^(e/n) − 1)/((V/B) − 1) = ({_n(ratio, 6)}^{_n(e / n, 6)} − 1)/"
            f"({_n(ratio, 6)} − 1) = {_pct(c['path_progress'])}")
    if not fmt.is_missing(c["gap_points"]):
        against = _("compound path") if not fmt.is_missing(c["path_progress"]) else _("time elapsed")
        add("  " + _("gap = (progress − {against}) × 100 = {gap}").format(
            against=against, gap=fmt.points(c["gap_points"], 2)))
    if not fmt.is_missing(c["planned_annual_growth"]):
        add("  " + _("planned growth") + f" = (V/B)^(1/n) − 1 = {_pct(c['planned_annual_growth'])}")
    if not fmt.is_missing(c["actual_annual_growth"]):
        add("  " + _("actual growth") + f" = (L/B)^(1/e) − 1 = ({L}/{_n(cb)})^(1/{_n(e)}) − 1 = "
            f"{_pct(c['actual_annual_growth'])}")
    last_year = not fmt.is_missing(r) and r < 1
    if not fmt.is_missing(c["required_annual_growth"]):
        formula = f"V/L − 1 = {_n(c['goal_value'], 6)}/{L} − 1" if last_year else \
            f"(V/L)^(1/r) − 1 = ({_n(c['goal_value'], 6)}/{L})^(1/{_n(r)}) − 1"
        label = _("growth still needed this year") if last_year else _("required growth")
        add(f"  {label} = {formula} = {_pct(c['required_annual_growth'])}")
    points = " " + _("points") if unit == "%" else unit

    def per_year(x) -> str:  # 16.5家/年, 16.5家 a year
        return _("{amount} a year").format(amount=f"{_n(x)}{points}")

    if not fmt.is_missing(c["actual_annual_change"]):
        add("  " + _("actual change") + f" = (L − B)/e = {per_year(c['actual_annual_change'])}")
    if not fmt.is_missing(c["required_annual_change"]):
        if last_year:
            add("  " + _("still needed this year") + f" = V − L = {_n(c['required_annual_change'])}{points}")
        else:
            add("  " + _("required change") + f" = (V − L)/r = {per_year(c['required_annual_change'])}")
        if at_strict_goal({**c, "comparator": target["comparator"]}):
            add("  " + beyond_phrase({**c, "comparator": target["comparator"], "unit": unit}, _LANG[0]))
    if not fmt.is_missing(c["projected_value"]):
        reached = "—" if fmt.is_missing(c["projected_year"]) else str(int(c["projected_year"]))
        projected = (_("gap") + " " + _difference(c["projected_value"], unit, 2) if c["kind"] == "relative"
                     else f"{_n(c['projected_value'], 2)}{unit}")  # an estimate: 2 decimals
        add("  " + _("at the pace so far: {value} by the end of {year}; goal reached in {reached}").format(
            value=projected, year=c["cp_year"], reached=reached))


def _cumulative_terms(ds, target, c) -> str:
    """新增/累计 as flows: the yearly figures that were added up."""
    obs = ds.observations
    mine = obs[(obs["region"] == target["region"]) & (obs["indicator"] == target["indicator"])
               & (obs["index"] > int(target["from_year"]) * 12) & (obs["index"] <= c["latest_index"])]
    last = int(c["latest_index"])
    terms = mine[(mine["index"] % 12 == 0) | (mine["index"] == last)].sort_values("index")
    return " + ".join(f"{_n(v)} ({p})" for v, p in zip(terms["value"], terms["period"])) or "0"


def _difference(x, unit: str, digits: int = 4) -> str:
    """A difference in the indicator's unit; of a share, in 百分点 (a share
    of 33% is 0.5 points short of 33.5%, not 0.5% short)."""
    if unit == "%":
        return _("{change} pts").format(change=_n(x, digits))
    return f"{_n(x, digits)}{unit}"


def _relative_inputs(out, c, target, unit) -> None:
    """A relative target's series is the gap to the reference region in the
    same period; show both figures and the gap."""
    ref = target["reference"]
    for label, key, gap, ref_value, period in (
        ("B", _("base"), c["base_value"], c["base_reference_value"], c["base_period"]),
        ("L", _("latest"), c["latest_value"], c["reference_value"], c["latest_period"]),
    ):
        if fmt.is_missing(gap):
            out.append(f"  {label}  {key}: " + _("none"))
            continue
        out.append(f"  {label}  {key} @ {period}: {target['region']} {_n(gap + ref_value)}{unit}, "
                   f"{ref} {_n(ref_value)}{unit}, " + _("gap") + f" = {_n(gap)}")


def _verdict(out, c, target, result, lang) -> None:
    """The status of the checkpoint, by the rule that decided it (its note)."""
    add = out.append
    add("")
    add(_("status") + _colon().rstrip())
    status = c["status"]
    note = note_text(c["note"])
    if c["met"]:
        goal = _n(c["goal_value"], 6)
        if target["comparator"] == "~":
            goal += f" ± {_n(c['tolerance'] * 100)}%"
        add("  " + _("the latest figure meets the target {comparator} {goal}").format(
            comparator=target["comparator"], goal=goal))
    elif status in ("ahead", "on_track", "behind", "off_track") and not note:
        add("  " + _("thresholds: gap ≥ {ahead} ahead; ≥ {on} on track; ≥ {behind} behind ({behind} included); "
                     "below: off track").format(ahead=_n(c["threshold_ahead"]), on=_n(c["threshold_on_track"]),
                                                 behind=_n(c["threshold_behind"])))
        add("  " + _("gap {gap} points").format(gap=fmt.points(c["gap_points"], 2)))
    elif status == "missed" and not note:
        add("  " + _("the figure for the end of {year} is in and falls short").format(year=c["cp_year"]))
    if note:
        add("  " + note)
    if c["base_met"] and status in ("behind", "off_track"):
        add("  " + _("shortfall {share}% of the goal: behind up to {limit}%, off track beyond").format(
            share=_n(c["shortfall"] / abs(c["goal_value"] if c["kind"] != "relative" else c["reference_value"]) * 100, 2),
            limit=_n(-c["threshold_behind"])))
    add(f"  → {_word(status, lang)}")
    category = _text(c["cagr_category"])
    if category and not fmt.is_missing(c["cagr_ratio"]):
        grows = c["kind"] in ("level", "growth_rate", "multiple") or (c["kind"] == "increase" and c["mode"] != "cumulative")
        what = _("achieved ÷ planned growth") if grows and not c["within_year"] else _("achieved ÷ planned change a year")
        label = CAGR_CATEGORY_ZH.get(category, category) if lang == "zh" else category
        line = _("international method ({what}): {ratio} → {category}").format(
            what=what, ratio=_n(c["cagr_ratio"]), category=label)
        if sdg_graded(c, result.options.method):
            line += " " + _("(--method sdg: this sets the status)")
        add("  " + line)
