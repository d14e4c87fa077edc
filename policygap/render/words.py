"""The words of the output in Chinese and English: headings, statuses and how
a target is stated ("≥600家", "年均增长9%", "新增25个")."""

from __future__ import annotations

import re

from ..i18n import N_, _
from . import fmt

# Column headings (English msgids; the Chinese comes from the catalogue).
HEADING_MSGIDS = {
    "target_id": N_("target id"), "name": N_("indicator"), "target": N_("target"), "base": N_("base"),
    "latest": N_("latest"), "required": N_("required/yr"), "actual": N_("actual/yr"), "progress": N_("progress"),
    "expected": N_("time elapsed"), "gap": N_("gap (pts)"), "status": N_("status"),
    "projected": N_("reached at pace"),
}
# Narrower two-line forms for a narrow terminal.
SHORT_HEADING_MSGIDS = {
    "required": N_("required\n/yr"), "actual": N_("actual\n/yr"), "progress": N_("pro-\ngress"),
    "expected": N_("time\nelapsed"), "gap": N_("gap\n(pts)"),
}
STATUS_MSGIDS = {
    "achieved": N_("achieved"), "ahead": N_("ahead"), "on_track": N_("on track"), "behind": N_("behind"),
    "off_track": N_("off track"), "missed": N_("missed"), "no_data": N_("no data"), "overdue": N_("overdue"),
}


class _ByLanguage(dict):
    """HEADINGS["zh"]["gap"] -> "差值(百分点)": the headings in a language."""

    def __missing__(self, lang):
        return {key: _(msgid, lang) for key, msgid in HEADING_MSGIDS.items()}


HEADINGS = _ByLanguage()

SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "约"}
SYMBOL_EN = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈"}


def sdg_graded(row, method: str) -> bool:
    """Whether ``--method sdg`` set this row's status: a pace status (ahead …
    off_track) with a category. achieved, missed, overdue and no_data stay."""
    return method == "sdg" and bool(row["cagr_category"]) and \
        row["status"] in ("ahead", "on_track", "behind", "off_track")


def status_word(status: str, lang: str | None = None) -> str:
    """已完成, 滞后 … (en: achieved, behind …); an unknown code as it is."""
    if not status:
        return ""
    msgid = STATUS_MSGIDS.get(status)
    return _(msgid, lang) if msgid else status


def indicator_name(row, lang: str) -> str:
    if lang == "en" and row.get("name_en"):
        return row["name_en"]
    return row["name"] or row["indicator"]


# A comparator on a negative growth rate read as a fall: ≤ −4% is a fall ≥ 4%.
FLIPPED = {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}


def target_phrase(row, lang: str, region_names: dict | None = None) -> str:
    """How the target reads: ≥600家, 年均≥9%, 新增≥25个, 每年≥200家, 前50位,
    > 山东 (2.59%), 翻番 (×2), 完成."""
    kind, comp, unit = row["kind"], row["comparator"], row["unit"]
    sym = (SYMBOL if lang == "zh" else SYMBOL_EN).get(comp, comp or "")
    v = row["target_value"]
    if kind == "growth_rate":
        if not fmt.is_missing(v) and float(v) < 0:  # ≤ −4%/yr is a fall of at least 4% a year
            flipped = FLIPPED.get(comp, comp)
            sym = (SYMBOL if lang == "zh" else SYMBOL_EN).get(flipped, flipped or "")
            return _("fall {comparator}{value}%/yr", lang).format(comparator=sym, value=fmt.number(-float(v)))
        return _("growth {comparator}{value}%/yr", lang).format(comparator=sym, value=fmt.number(v))
    if kind == "increase":
        return _("add {comparator}{value}", lang).format(comparator=sym, value=fmt.value(v, unit))
    if kind == "annual":
        return _("each year {comparator}{value}", lang).format(comparator=sym, value=fmt.value(v, unit))
    if kind == "multiple":
        word = (_("×2 (doubled)", lang) if float(v) == 2 else _("×{times}", lang).format(times=fmt.number(v)))
        if fmt.is_missing(row.get("goal_value")):
            return word
        return _("{multiple} ({value})", lang).format(multiple=word, value=fmt.value(row["goal_value"], unit))
    if kind == "milestone":
        return _("done", lang)
    if kind == "relative":
        ref = (region_names or {}).get(row["reference"], row["reference"])
        if fmt.is_missing(row["target_value"]):
            return f"{sym}{ref}"
        shown = fmt.value(row["target_value"], unit)
        return f"{sym}{ref}（{shown}）" if lang == "zh" else f"{sym} {ref} ({shown})"
    if kind == "rank":
        # 前50名 is "top 50", not "rank ≤ 50" (第≤50位 reads oddly in Chinese)
        if comp == "<=":
            return _("top {value}", lang).format(value=fmt.number(v))
        if comp == "<":
            return _("better than rank {value}", lang).format(value=fmt.number(v))
        return _("rank {comparator}{value}", lang).format(comparator=sym, value=fmt.number(v))
    return f"{sym}{fmt.value(v, unit)}"


def checkpoint_value(row, raw, lang: str | None = None) -> str:
    """A 力争 or milestone value as its target writes it: 12% for a growth
    target, ×2.5 (250家) for a multiple (the base times the multiple, the
    goal's own base), 650家 for the others."""
    kind, unit = row["kind"], row["unit"]
    if kind == "growth_rate":
        return f"{fmt.number(raw)}%"
    if kind == "multiple":
        times = _("×{times}", lang).format(times=fmt.number(raw))
        goal, multiple = row.get("goal_value"), row["target_value"]
        if fmt.is_missing(goal) or fmt.is_missing(multiple) or float(multiple) == 0:
            return times
        value = fmt.value(float(goal) / float(multiple) * float(raw), unit)
        return _("{multiple} ({value})", lang).format(multiple=times, value=value)
    return fmt.value(raw, unit)


def at_strict_goal(row) -> bool:
    """A 突破/超过 (or 低于) target whose latest figure is exactly its value:
    nothing is short by measure, yet the goal is not met until the figure
    passes it (the required growth of 0 says nothing)."""
    change = row.get("required_annual_change")
    return row.get("comparator") in (">", "<") and not fmt.is_missing(change) and change == 0


def beyond_phrase(row, lang: str | None = None) -> str:
    """需超过70家 / 需低于5起: what a strict target at its value still needs."""
    goal = fmt.value(row["goal_value"], row.get("unit") or "")
    if row["comparator"] == "<":
        return _("must fall below {goal}", lang).format(goal=goal)
    return _("must exceed {goal}", lang).format(goal=goal)


def headroom(row) -> bool:
    """The latest figure is already on the goal's side and may move away from
    it (a yearly flow or a 每年 target judged on a later year's figure): what
    is "required" is a limit, not a need (a cap of 100吨 at 96吨: it may grow
    by up to 4.2%)."""
    change, latest, goal = row["required_annual_change"], row["latest_value"], row["goal_value"]
    if any(fmt.is_missing(x) for x in (change, latest, goal)) or row["kind"] == "relative":
        return False
    if row["comparator"] in ("<=", "<"):
        return latest <= goal and change > 0
    return row["comparator"] in (">=", ">") and latest >= goal and change < 0


def required_phrase(row, lang: str) -> str:
    """今后需年均: a growth rate where growth has meaning, else a change per
    year in the indicator's unit (百分点 for a share, places for a rank);
    a limit (≤+4.2%, ≥−4.0%) where the latest figure already meets the goal."""
    if at_strict_goal(row):
        return beyond_phrase(row, lang)
    if not fmt.is_missing(row["required_annual_growth"]):
        text = fmt.percent(row["required_annual_growth"], 1)
        if headroom(row) and row["required_annual_growth"] > 0:
            text = "+" + text
    elif row["kind"] == "rank" and not headroom(row):
        text = rank_move(row["required_annual_change"], lang)
    else:
        text = change_phrase(row["required_annual_change"], row, lang)
    if text != "—" and headroom(row):
        text = ("≤" if row["comparator"] in ("<=", "<") else "≥") + text
    if text != "—" and str(row.get("latest_period") or "")[:4] == str(row.get("target_year")):
        # the goal's own year: what is still needed by its end, not a rate a year (年内9.1%)
        return _("this year {required}", lang).format(required=text)
    return text


def note_text(note, lang: str | None = None) -> str:
    """An assessment note (why a figure is not computed, how a status was
    judged) in the language asked; a note naming years (a past year was
    missed: 2024) keeps them."""
    from ..i18n import language
    from ..schema import NOTE_ZH

    if note is None or fmt.is_missing(note) or not note:
        return ""
    note = str(note)
    if (lang or language()) != "zh":
        return note
    head, _sep, rest = note.partition(": ")
    if rest and head in NOTE_ZH:
        return f"{NOTE_ZH[head]}：{rest.replace(', ', '、')}"  # 往年未完成：2024、2025
    return NOTE_ZH.get(note, note)


_PAST_YEARS_RE = re.compile(r"a past year(?: was missed|'s figure is overdue): (?P<years>\d{4}(?:, \d{4})*)")


def past_years(row, lang: str | None = None) -> str:
    """The past years a 每年 row fails for, when they and not the year shown
    make its status (未完成 beside a positive 差值): '2024、2025年', '' if none."""
    from ..i18n import language

    m = _PAST_YEARS_RE.search(str(row.get("note") or ""))
    if not m or row.get("status") not in ("missed", "overdue"):
        return ""
    years = m.group("years")
    return f"{years.replace(', ', '、')}年" if (lang or language()) == "zh" else years


# The mark of a 序时进度 cell read on the compound growth path (路径进度).
PATH_MARK = "§"


def on_path(row) -> bool:
    """The row's gap is measured against the compound path (年均增长, 翻番)."""
    return not fmt.is_missing(row.get("path_progress"))


def pace(row):
    """The share the gap is measured against: 路径进度 on a compound path,
    else the share of time elapsed (序时进度)."""
    return row["path_progress"] if on_path(row) else row.get("expected_progress")


def pace_cell(row) -> str:
    """The 序时进度 cell, so that progress minus this cell is the gap shown
    beside it: 路径进度 marked § on a compound path."""
    return fmt.percent(pace(row), 1) + (PATH_MARK if on_path(row) else "")


def shown_gap(row):
    """The 差值 shown beside the rounded 完成进度 and 序时进度: their
    difference, so that the row adds up when checked by hand (45.3% − 50.0%
    is −4.7, where the unrounded −4.75 would show −4.8). The status is judged
    on the unrounded gap."""
    gap, progress, against = row.get("gap_points"), row.get("progress"), pace(row)
    if fmt.is_missing(gap) or fmt.is_missing(progress) or fmt.is_missing(against):
        return gap
    # a gap measured some other way (the rows may come rounded as in CSV: fractions to 4
    # decimals, the gap to 2, so they agree only to about 0.01 point)
    if abs((float(progress) - float(against)) * 100 - float(gap)) > 0.02:
        return gap
    return fmt.half_up(progress, 1, 100) - fmt.half_up(against, 1, 100)


def path_legend(lang: str | None = None) -> str:
    return _("§ on the compound growth path (路径进度: the share of the way a steady growth rate would have "
             "covered); the gap is measured against it", lang)


def within_year(row) -> bool:
    """The row was judged on a year-to-date total, from 0 at the start of its
    year (not from the plan's base): a flow read through its target year (also
    after the year, while its year-end figure is not in), or the current year
    of a 每年 target of a flow. The assessment's ``year_to_date`` field."""
    return bool(row.get("year_to_date"))


def actual_phrase(row, lang: str) -> str:
    if not fmt.is_missing(row["actual_annual_growth"]):
        return fmt.percent(row["actual_annual_growth"], 1)
    if within_year(row) and not fmt.is_missing(row["actual_annual_change"]):
        # 2.9亿元 by September is 3.87亿元 for the year at that pace: a total
        # for the year, not a change from the plan's base ("+3.87" misled)
        return _("≈{amount} for the year", lang).format(
            amount=fmt.value(fmt.half_up(row["actual_annual_change"], 2), row["unit"]))
    if row["kind"] == "rank":
        return rank_move(row["actual_annual_change"], lang)
    return change_phrase(row["actual_annual_change"], row, lang)


def rank_move(x, lang: str) -> str:
    """A rank's change a year in words, not a sign whose sense is the
    reverse of every other figure's (−13位 is a move up): 前移13位, 后移1.5位."""
    if fmt.is_missing(x):
        return "—"
    places = fmt.number(abs(fmt.half_up(x, 1)))
    if places == "0":
        return _("{change} places", lang).format(change="0")
    return (_("up {places} places", lang) if x < 0 else _("down {places} places", lang)).format(places=places)


def change_phrase(x, row, lang: str) -> str:
    if fmt.is_missing(x):
        return "—"
    unit = row["unit"]
    sign = "+" if x > 0 else ""
    if unit == "%":
        return _("{change} pts", lang).format(change=f"{sign}{fmt.number(fmt.half_up(x, 2))}")
    if row["kind"] == "rank":
        return _("{change} places", lang).format(change=f"{sign}{fmt.number(fmt.half_up(x, 1))}")
    return f"{sign}{fmt.number(fmt.half_up(x, 2))}{unit}"


def provisional_mark(row, which: str) -> bool:
    """Whether the base or the latest figure shown is provisional (初步数):
    each is marked beside itself. A row without the two flags (from elsewhere)
    marks its latest figure when any figure it reads is provisional."""
    flag = row.get(f"{which}_provisional")
    if flag is None or fmt.is_missing(flag):
        return bool(row.get("provisional")) and which == "latest"
    return bool(flag)
