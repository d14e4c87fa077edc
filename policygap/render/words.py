"""The words of the output in Chinese and English: headings, statuses and how
a target is stated ("≥600家", "年均增长9%", "新增25个")."""

from __future__ import annotations

from ..schema import STATUS_EN, STATUS_ZH
from . import fmt

HEADINGS = {
    "zh": {
        "target_id": "目标编号", "name": "指标", "target": "目标", "base": "基期", "latest": "最新",
        "required": "今后需年均", "actual": "实际年均", "progress": "完成进度", "expected": "序时进度",
        "gap": "差值(百分点)", "status": "状态", "projected": "按现速度达标",
    },
    "en": {
        "target_id": "target", "name": "indicator", "target": "target", "base": "base", "latest": "latest",
        "required": "required/yr", "actual": "actual/yr", "progress": "progress", "expected": "time elapsed",
        "gap": "gap (pts)", "status": "status", "projected": "reached at pace",
    },
}

SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "约"}
SYMBOL_EN = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈"}


def status_word(status: str, lang: str) -> str:
    if not status:
        return ""
    return (STATUS_ZH if lang == "zh" else STATUS_EN).get(status, status)


def indicator_name(row, lang: str) -> str:
    if lang == "en" and row.get("name_en"):
        return row["name_en"]
    return row["name"] or row["indicator"]


def target_phrase(row, lang: str, region_names: dict | None = None) -> str:
    """How the target reads: ≥600家, 年均≥9%, 新增≥25个, 每年≥200家, 前≤50位,
    > 山东 (2.59%), 翻番 (×2), 完成."""
    kind, comp, unit = row["kind"], row["comparator"], row["unit"]
    sym = (SYMBOL if lang == "zh" else SYMBOL_EN).get(comp, comp or "")
    v = row["target_value"]
    if kind == "growth_rate":
        return (f"年均增长{sym}{fmt.number(v)}%" if lang == "zh" else f"growth {sym}{fmt.number(v)}%/yr")
    if kind == "increase":
        return (f"新增{sym}{fmt.value(v, unit)}" if lang == "zh" else f"add {sym}{fmt.value(v, unit)}")
    if kind == "annual":
        return (f"每年{sym}{fmt.value(v, unit)}" if lang == "zh" else f"each year {sym}{fmt.value(v, unit)}")
    if kind == "multiple":
        word = ("翻番" if float(v) == 2 else f"{fmt.number(v)}倍") if lang == "zh" else f"×{fmt.number(v)}"
        if fmt.is_missing(row.get("goal_value")):
            return word
        return f"{word}（{fmt.value(row['goal_value'], unit)}）" if lang == "zh" else f"{word} ({fmt.value(row['goal_value'], unit)})"
    if kind == "milestone":
        return "完成" if lang == "zh" else "done"
    if kind == "relative":
        ref = (region_names or {}).get(row["reference"], row["reference"])
        shown = "" if fmt.is_missing(row["target_value"]) else f"（{fmt.value(row['target_value'], unit)}）"
        return f"{sym}{ref}{shown}"
    if kind == "rank":
        return (f"第{sym}{fmt.number(v)}位" if lang == "zh" else f"rank {sym}{fmt.number(v)}")
    return f"{sym}{fmt.value(v, unit)}"


def required_phrase(row, lang: str) -> str:
    """今后需年均: a growth rate where growth has meaning, else a change per
    year in the indicator's unit (百分点 for a share, places for a rank)."""
    if not fmt.is_missing(row["required_annual_growth"]):
        return fmt.percent(row["required_annual_growth"], 1)
    return change_phrase(row["required_annual_change"], row, lang)


def actual_phrase(row, lang: str) -> str:
    if not fmt.is_missing(row["actual_annual_growth"]):
        return fmt.percent(row["actual_annual_growth"], 1)
    return change_phrase(row["actual_annual_change"], row, lang)


def change_phrase(x, row, lang: str) -> str:
    if fmt.is_missing(x):
        return "—"
    unit = row["unit"]
    sign = "+" if x > 0 else ""
    if unit == "%":
        return f"{sign}{fmt.number(round(x, 2))}" + ("个百分点" if lang == "zh" else " pts")
    if row["kind"] == "rank":
        return f"{sign}{fmt.number(round(x, 1))}" + ("位" if lang == "zh" else " places")
    return f"{sign}{fmt.number(round(x, 2))}{unit}"
