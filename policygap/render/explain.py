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
from . import fmt
from .words import SYMBOL, status_word

T = {
    "zh": {
        "target": "目标", "source": "来源", "inputs": "输入", "base": "基期值", "latest": "最新值",
        "goal": "目标值", "formulas": "计算", "status": "状态判定", "checkpoints": "各检查点",
        "pinned": "指定的基期", "before_issue": "发文前最新数据（发文日期 {issued}）",
        "zero": "从{year}年起逐年累计，起点为0", "year_start": "年内累计，从年初0起算",
        "none": "无", "provisional": "初步数/估计数", "stale": "数据已超过{months}个月",
        "thresholds": "阈值：差值 ≥ {ahead} 为快于序时；≥ {on} 为符合序时；≥ {behind} 为滞后（含{behind}）；以下为严重滞后",
        "years": "年", "obs": "观测", "reference": "参照地区",
        "achieved": "最新值满足目标 {cmp} {goal} → 已完成",
        "missed": "目标年度数据已出且未达到 → 未完成",
        "pending": "节点任务尚未完成，目标年未到 → 符合序时",
        "gap_rule": "差值 {gap} 个百分点 → {word}",
        "no_data": "无法评估：{why}",
        "intl": "国际方法（实际增速 ÷ 计划增速）：{ratio} → {cat}",
        "within": "年内累计数：完成进度 = 累计 ÷ 全年目标，序时进度 = 月数 ÷ 12",
        "path_linear": "线性（时间进度）", "path_compound": "复合增长路径",
        "line": "第{line}行",
    },
    "en": {
        "target": "target", "source": "source", "inputs": "inputs", "base": "base", "latest": "latest",
        "goal": "goal", "formulas": "computation", "status": "status", "checkpoints": "checkpoints",
        "pinned": "pinned base period", "before_issue": "newest figure before the document was issued ({issued})",
        "zero": "sum of yearly figures from {year}, starting at 0", "year_start": "year to date, from 0 at the start of the year",
        "none": "none", "provisional": "provisional/estimate", "stale": "older than {months} months",
        "thresholds": "thresholds: gap ≥ {ahead} ahead; ≥ {on} on track; ≥ {behind} behind ({behind} included); below: off track",
        "years": "years", "obs": "observation", "reference": "reference region",
        "achieved": "latest meets the target {cmp} {goal} → achieved",
        "missed": "the target year's figure is in and falls short → missed",
        "pending": "milestone not yet done, its year not over → on track",
        "gap_rule": "gap {gap} points → {word}",
        "no_data": "cannot be assessed: {why}",
        "intl": "international method (achieved ÷ planned growth): {ratio} → {cat}",
        "within": "year-to-date figure: progress = total so far ÷ the year's goal, time elapsed = months ÷ 12",
        "path_linear": "linear (share of time elapsed)", "path_compound": "compound growth path",
        "line": "line {line}",
    },
}


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
    t = T[lang]
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
        extra.append("milestones " + ", ".join(f"{y}: {_n(v)}" for y, v in sorted(target["milestones"].items())))
    if not fmt.is_missing(target["stretch"]):
        extra.append(("力争 " if lang == "zh" else "stretch ") + _n(target["stretch"]))
    if isinstance(target["reference"], str):
        extra.append(f"{t['reference']} {target['reference']}")
    add(f"{t['target']}: kind={kind} {goal_text if kind not in ('relative', 'milestone') else target['comparator']} "
        f"{unit if kind not in ('growth_rate', 'multiple') else ''}".rstrip()
        + f", year={int(target['year'])}" + (f"; {'; '.join(extra)}" if extra else ""))
    doc = target["document"]
    if isinstance(doc, str) and doc in ds.defs.documents.index:
        d = ds.defs.documents.loc[doc]
        add(f"{t['source']}: {doc} {d['title'] or ''} {d['number'] or ''} ({d['issued'] or '?'}) "
            f"{target['clause'] or ''}".rstrip())
    if isinstance(target["quote"], str):
        add(f"  “{target['quote']}”")
    if isinstance(target["note"], str):
        add(f"  note: {target['note']}")
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
        for _, c in others.iterrows():
            period = "—" if fmt.is_missing(c["latest_period"]) else c["latest_period"]
            add(f"  {c['role']} {c['cp_year']}: {t['goal']} {_n(c['goal_value'])}{unit}, "
                f"{t['latest']} {_n(c['latest_value'])} ({period}), "
                f"progress {_pct(c['progress'])}, 序时 {_pct(c['expected_progress'])}, "
                f"gap {fmt.points(c['gap_points'], 2)} → {c['status']} ({status_word(c['status'], 'zh')})")
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
        add(f"  L = {_n(c['latest_value'])} (1 = done, 0 = not yet)")
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
    add(f"  progress = (L − B)/(V − B) = ({_n(c['latest_value'])} − {_n(cb)})/({_n(c['goal_value'], 6)} − {_n(cb)})"
        f" = {_pct(c['progress'])}")
    if c["path"] == "compound":
        ratio = c["goal_value"] / cb
        add(f"  序时进度 ({t['path_compound']}) = ((V/B)^(e/n) − 1)/((V/B) − 1) = ({_n(ratio, 6)}^{_n(e / n, 6)} − 1)/"
            f"({_n(ratio, 6)} − 1) = {_pct(c['expected_progress'])}")
    else:
        add(f"  序时进度 ({t['path_linear']}) = e/n = {_n(e)}/{_n(n)} = {_pct(c['expected_progress'])}")
    add(f"  gap = (progress − 序时进度) × 100 = {fmt.points(c['gap_points'], 2)}")
    if not fmt.is_missing(c["planned_annual_growth"]):
        add(f"  planned growth = (V/B)^(1/n) − 1 = {_pct(c['planned_annual_growth'])}")
    if not fmt.is_missing(c["actual_annual_growth"]):
        add(f"  actual growth = (L/B)^(1/e) − 1 = ({_n(c['latest_value'])}/{_n(cb)})^(1/{_n(e)}) − 1 = {_pct(c['actual_annual_growth'])}")
    if not fmt.is_missing(c["required_annual_growth"]):
        add(f"  required growth = (V/L)^(1/r) − 1 = ({_n(c['goal_value'], 6)}/{_n(c['latest_value'])})^(1/{_n(r)}) − 1"
            f" = {_pct(c['required_annual_growth'])}")
    points = " 百分点" if unit == "%" else unit
    if not fmt.is_missing(c["actual_annual_change"]):
        add(f"  actual change = (L − B)/e = {_n(c['actual_annual_change'])}{points}/{'年' if lang == 'zh' else 'yr'}")
    if not fmt.is_missing(c["required_annual_change"]):
        add(f"  required change = (V − L)/r = {_n(c['required_annual_change'])}{points}/{'年' if lang == 'zh' else 'yr'}")
    if not fmt.is_missing(c["projected_value"]):
        what = "projected gap" if kind == "relative" else "projected"
        add(f"  {what} {c['cp_year']} = {_n(c['projected_value'])}{unit}; reached in "
            f"{'—' if fmt.is_missing(c['projected_year']) else int(c['projected_year'])} at the pace so far")
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
        add("  " + t["gap_rule"].format(gap=fmt.points(c["gap_points"], 2),
                                        word=f"{status} ({status_word(status, 'zh')})"))
    if c["cagr_category"] and not fmt.is_missing(c["cagr_ratio"]):
        add("  " + t["intl"].format(ratio=_n(c["cagr_ratio"]), cat=c["cagr_category"]))
