"""``policygap explain``: every input, formula and intermediate number behind
one target's status, so that a statistician can re-derive it by hand.

Plain text (no markup), in Chinese or English. Numbers are shown with enough
digits to recompute the next line: values as stored, years to 4 decimals,
rates and shares to 4 decimals of a percent.
"""

from __future__ import annotations

from pathlib import Path

import math

from ..periods import format_period
from ..i18n import N_, _
from . import fmt
from .words import SYMBOL, status_word

# The labels, in English (the msgids); labels(lang) gives them in a language
# from the catalogue.
LABELS = {
    "target": N_("target"), "source": N_("source"), "inputs": N_("inputs"), "base": N_("base"), "latest": N_("latest"),
    "goal": N_("goal"), "formulas": N_("computation"), "status": N_("how the status is decided"), "checkpoints": N_("checkpoints"),
    "pinned": N_("pinned base period"), "before_issue": N_("newest figure before the document was issued ({issued})"),
    "zero": N_("sum of yearly figures from {year}, starting at 0"), "year_start": N_("year to date, from 0 at the start of the year"),
    "none": N_("none"), "provisional": N_("provisional/estimate"), "stale": N_("older than {months} months"),
    "thresholds": N_("thresholds: gap ≥ {ahead} ahead; ≥ {on} on track; ≥ {behind} behind ({behind} included); below: off track"),
    "years": N_("years"), "obs": N_("observation"), "reference": N_("reference region"),
    "achieved": N_("latest meets the target {cmp} {goal} → achieved"),
    "missed": N_("the target year's figure is in and falls short → missed"),
    "pending": N_("milestone not yet done, its year not over → on track"),
    "gap_rule": N_("gap {gap} points → {word}"),
    "no_data": N_("cannot be assessed: {why}"),
    "intl": N_("international method (achieved ÷ planned growth): {ratio} → {cat}"),
    "within": N_("year-to-date figure: progress = total so far ÷ the year's goal, time elapsed = months ÷ 12"),
    "path_linear": N_("linear (share of time elapsed)"), "path_compound": N_("compound growth path"),
    "line": N_("line {line}"),
}


def labels(lang: str) -> dict:
    out = {key: _(text, lang) for key, text in LABELS.items()}
    out["lang"] = lang
    return out



def _status(status: str, lang: str) -> str:
    """behind (滞后): the code, for scripts and tests, with the word in Chinese; in English the code's word."""
    return f"{status} ({status_word(status, 'zh')})" if lang == "zh" else status_word(status, lang)


def _n(x, digits=4) -> str:
    if fmt.is_missing(x):
        return "—"
    x = float(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.{digits}f}".rstrip("0").rstrip(".")


def _pct(x) -> str:
    return "—" if fmt.is_missing(x) else f"{float(x) * 100:.4f}%".replace(".0000%", "%")


def _p(index) -> str:
    return "—" if fmt.is_missing(index) or math.isinf(index) else format_period(int(index))


def _observation(ds, region, indicator, index, t) -> str:
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
    where = f"{file} {t['line'].format(line=int(row['line']))}"
    source = row["source"] if isinstance(row["source"], str) and row["source"] else ""
    return f"  [{where}{'; ' + source if source else ''}]"


def explain(ds, result, target_id: str, lang: str = "zh") -> str:
    t = labels(lang)
    cp = result.checkpoints
    rows = result.rows
    target = ds.defs.targets.set_index("target_id").loc[target_id]
    row = rows[rows["target_id"] == target_id].iloc[0].to_dict()
    ind = ds.defs.indicators.loc[target["indicator"]]
    unit = ind["unit"]
    out: list[str] = []
    add = out.append

    name = ind["name_en"] if lang == "en" and ind["name_en"] else ind["name"]
    add(f"{target_id}: {name} ({target['indicator']})")
    kind = target["kind"]
    goal_text = f"{SYMBOL.get(target['comparator'], target['comparator'])} {_n(target['value'])}"
    extra = []
    if target["milestones"]:
        extra.append(_("milestones", lang) + " " + ", ".join(f"{y}: {_n(v)}" for y, v in sorted(target["milestones"].items())))
    if not fmt.is_missing(target["stretch"]):
        extra.append(_("stretch {value}", lang).format(value=_n(target["stretch"])))
    if isinstance(target["reference"], str):
        extra.append(f"{t['reference']} {target['reference']}")
    add(f"{t['target']}: {_('kind', lang)}={kind} {goal_text if kind not in ('relative', 'milestone') else target['comparator']} "
        f"{unit if kind not in ('growth_rate', 'multiple') else ''}".rstrip()
        + f", {_('year', lang)}={int(target['year'])}" + (f"; {'; '.join(extra)}" if extra else ""))
    doc = target["document"]
    if isinstance(doc, str) and doc in ds.defs.documents.index:
        d = ds.defs.documents.loc[doc]
        add(f"{t['source']}: {doc} {d['title'] or ''} {d['number'] or ''} ({d['issued'] or '?'}) "
            f"{target['clause'] or ''}".rstrip())
    if isinstance(target["quote"], str):
        add(f"  “{target['quote']}”")
    if isinstance(target["note"], str):
        add(f"  {_('note', lang)}: {target['note']}")
    add("")

    mine = cp[cp["target_id"] == target_id]
    main = mine[mine["role"] == "final"]
    if not len(main):  # 每年: the year shown in the row
        main = mine[mine["cp_year"] == row["target_year"]]
    _explain_checkpoint(out, ds, target, main.iloc[0], unit, t, lang, result)
    others = mine.drop(main.index)
    if len(others):
        add("")
        add(f"{t['checkpoints']}:")
        for _i, c in others.iterrows():
            period = "—" if fmt.is_missing(c["latest_period"]) else c["latest_period"]
            add(f"  {c['role']} {c['cp_year']}: {t['goal']} {_n(c['goal_value'])}{unit}, "
                f"{t['latest']} {_n(c['latest_value'])} ({period}), "
                f"{_('progress', lang)} {_pct(c['progress'])}, {_('time elapsed', lang)} {_pct(c['expected_progress'])}, "
                f"{_('gap', lang)} {fmt.points(c['gap_points'], 2)} → {_status(c['status'], lang)}")
    return "\n".join(out) + "\n"


def _explain_checkpoint(out, ds, target, c, unit, t, lang, result) -> None:
    add = out.append
    region, indicator = target["region"], target["indicator"]
    kind, mode = c["kind"], c["mode"]
    add(f"{t['inputs']}:")
    # base
    how = ""
    if mode == "cumulative":
        how = t["zero"].format(year=int(target["from_year"]))
    elif mode == "year" and target["counting"] == "flow":
        how = t["year_start"]
    elif mode == "milestone":
        how = ""
    elif not fmt.is_missing(target["base_index"]):
        how = t["pinned"]
    else:
        doc = target["document"]
        issued = ds.defs.documents.at[doc, "issued"] if isinstance(doc, str) and doc in ds.defs.documents.index else "?"
        how = t["before_issue"].format(issued=issued)
    if kind == "relative":
        _relative_inputs(out, c, target, unit, t)
    elif mode != "milestone":
        if fmt.is_missing(c["base_value"]):
            add(f"  B  {t['base']}: {t['none']} ({c['note']})")
        else:
            add(f"  B  {t['base']} = {_n(c['base_value'])}{unit} @ {c['base_period']}  ({how})"
                + (_observation(ds, region, indicator, c["base_index"], t) if mode in ("raw", "annual_total", "year") else ""))
    if kind == "relative":
        pass
    elif fmt.is_missing(c["latest_value"]):
        add(f"  L  {t['latest']}: {t['none']} ({c['note']})")
    else:
        flags = []
        if c["provisional"]:
            flags.append(t["provisional"])
        if c["stale"]:
            stale = result.options.stale_months if result.options.stale_months is not None else ds.settings["stale_months"]
            flags.append(t["stale"].format(months=stale))
        add(f"  L  {t['latest']} = {_n(c['latest_value'])}{unit} @ {c['latest_period']}"
            + (f"  ({', '.join(flags)})" if flags else "")
            + (_observation(ds, region, indicator, c["latest_index"], t) if mode in ("raw", "annual_total", "year", "milestone") else ""))
    # goal
    n = c["years_total"]
    if kind == "growth_rate":
        add(f"  V  {t['goal']} = B × (1 + {_n(c['goal_raw'])}%)^n = {_n(c['base_value'])} × {_n(1 + c['goal_raw'] / 100)}^{_n(n)}"
            f" = {_n(c['goal_value'], 6)}{unit}")
    elif kind == "multiple":
        add(f"  V  {t['goal']} = B × {_n(c['goal_raw'])} = {_n(c['goal_value'])}{unit}")
    elif kind == "increase" and mode != "cumulative" or (mode == "year" and target["counting"] == "stock"):
        add(f"  V  {t['goal']} = B + {_n(c['goal_raw'])} = {_n(c['goal_value'])}{unit}")
    elif kind == "relative":
        add(f"  V  {t['goal']}: gap {target['comparator']} 0")
    else:
        add(f"  V  {t['goal']} = {_n(c['goal_value'])}{unit} ({target['comparator']}) @ {c['cp_year']}")
    add("")
    add(f"{t['formulas']}:")
    if fmt.is_missing(c["latest_value"]) or fmt.is_missing(c["base_value"]):
        add(f"  {t['no_data'].format(why=c['note'])}")
        _verdict(out, c, t, target)
        return
    if mode == "milestone":
        add(f"  L = {_n(c['latest_value'])} ({_('1 = done, 0 = not yet', lang)})")
        _verdict(out, c, t, target)
        return
    cb = c["calc_base_value"]
    if c["within_year"] and c["latest_index"] % 12 != 0:
        add(f"  {t['within']}")
    if mode == "cumulative":
        add(f"  L = {_cumulative_terms(ds, target, c)} = {_n(c['latest_value'])}{unit}")
    e, r = c["years_elapsed"], c["years_remaining"]
    end = format_period(int(c["cp_year"]) * 12 + 12)
    start = _p(c["calc_base_index"])
    add(f"  n = {start} → {end}: {_n(n * 12)}/12 = {_n(n)} {t['years']};  "
        f"e = {start} → {c['latest_period']}: {_n(e * 12)}/12 = {_n(e)};  r = n − e = {_n(r)}")
    add(f"  {_('progress', lang)} = (L − B)/(V − B) = ({_n(c['latest_value'])} − {_n(cb)})/({_n(c['goal_value'], 6)} − {_n(cb)})"
        f" = {_pct(c['progress'])}")
    if c["path"] == "compound":
        ratio = c["goal_value"] / cb
        add(f"  序时进度 ({t['path_compound']}) = ((V/B)^(e/n) − 1)/((V/B) − 1) = ({_n(ratio, 6)}^{_n(e / n, 6)} − 1)/"
            f"({_n(ratio, 6)} − 1) = {_pct(c['expected_progress'])}")
    else:
        add(f"  序时进度 ({t['path_linear']}) = e/n = {_n(e)}/{_n(n)} = {_pct(c['expected_progress'])}")
    add(f"  {_('gap', lang)} = ({_('progress', lang)} − 序时进度) × 100 = {fmt.points(c['gap_points'], 2)}")
    if not fmt.is_missing(c["planned_annual_growth"]):
        add(f"  {_('planned growth', lang)} = (V/B)^(1/n) − 1 = {_pct(c['planned_annual_growth'])}")
    if not fmt.is_missing(c["actual_annual_growth"]):
        add(f"  {_('actual growth', lang)} = (L/B)^(1/e) − 1 = ({_n(c['latest_value'])}/{_n(cb)})^(1/{_n(e)}) − 1 = {_pct(c['actual_annual_growth'])}")
    if not fmt.is_missing(c["required_annual_growth"]):
        add(f"  {_('required growth', lang)} = (V/L)^(1/r) − 1 = ({_n(c['goal_value'], 6)}/{_n(c['latest_value'])})^(1/{_n(r)}) − 1"
            f" = {_pct(c['required_annual_growth'])}")
    points = " 百分点" if unit == "%" else unit
    if not fmt.is_missing(c["actual_annual_change"]):
        add(f"  {_('actual change', lang)} = (L − B)/e = {_n(c['actual_annual_change'])}{points}/{_('yr', lang)}")
    if not fmt.is_missing(c["required_annual_change"]):
        add(f"  {_('required change', lang)} = (V − L)/r = {_n(c['required_annual_change'])}{points}/{_('yr', lang)}")
    if not fmt.is_missing(c["projected_value"]):
        what = _("projected gap", lang) if kind == "relative" else _("projected", lang)
        add(f"  {what} {c['cp_year']} = {_n(c['projected_value'])}{unit}; " + _("reached in {year} at the pace so far",
            lang).format(year="—" if fmt.is_missing(c["projected_year"]) else int(c["projected_year"])))
    _verdict(out, c, t, target)


def _cumulative_terms(ds, target, c) -> str:
    """新增/累计 as flows: the yearly figures that were added up."""
    obs = ds.observations
    mine = obs[(obs["region"] == target["region"]) & (obs["indicator"] == target["indicator"])
               & (obs["index"] > int(target["from_year"]) * 12) & (obs["index"] <= c["latest_index"])]
    last = int(c["latest_index"])
    terms = mine[(mine["index"] % 12 == 0) | (mine["index"] == last)].sort_values("index")
    return " + ".join(f"{_n(v)} ({p})" for v, p in zip(terms["value"], terms["period"])) or "0"


def _relative_inputs(out, c, target, unit, t) -> None:
    """A relative target's series is the gap to the reference region in the
    same period; show both figures and the gap."""
    ref = target["reference"]
    for label, key, gap, ref_value, period in (
        ("B", t["base"], c["base_value"], c["base_reference_value"], c["base_period"]),
        ("L", t["latest"], c["latest_value"], c["reference_value"], c["latest_period"]),
    ):
        if fmt.is_missing(gap):
            out.append(f"  {label}  {key}: {t['none']} ({c['note']})")
            continue
        out.append(f"  {label}  {key} @ {period}: {target['region']} {_n(gap + ref_value)}{unit}, "
                   f"{ref} {_n(ref_value)}{unit}, gap = {_n(gap)}")


def _verdict(out, c, t, target) -> None:
    add = out.append
    add("")
    add(f"{t['status']}:")
    status = c["status"]
    if c["met"]:
        comparator = target["comparator"]
        goal = _n(c["goal_value"], 6)
        if comparator == "~":
            goal += f" ± {_n(c['tolerance'] * 100)}%"
        add("  " + t["achieved"].format(cmp=comparator, goal=goal) + " (achieved)")
    elif status == "missed":
        add("  " + t["missed"] + " (missed)")
    elif c["kind"] == "milestone":
        add("  " + t["pending"] + " (on_track)")
    elif status == "no_data":
        add("  " + t["no_data"].format(why=c["note"]) + " → no_data")
    else:
        add("  " + t["thresholds"].format(ahead=_n(c["threshold_ahead"]), on=_n(c["threshold_on_track"]),
                                          behind=_n(c["threshold_behind"])))
        add("  " + t["gap_rule"].format(gap=fmt.points(c["gap_points"], 2), word=_status(status, t["lang"])))
    if c["cagr_category"] and not fmt.is_missing(c["cagr_ratio"]):
        add("  " + t["intl"].format(ratio=_n(c["cagr_ratio"]), cat=c["cagr_category"]))
