"""The collection form (填报表): one row per indicator and period whose figure
is still missing, for a department to fill and hand back.

The form's header is one the figures loader reads as it is (地区, 指标, 期间,
数值, 单位, 来源, 初步), followed by columns that help whoever fills it (口径说明,
上次数值, 上次期间, 责任单位, 相关目标); the loader ignores those. A returned form
is therefore a figures file: saved in a workspace's 填报/ folder, or given
beside the ledger (``--baselines baselines.csv --baselines 填报表.xlsx``),
blank rows skipped.

Which rows: for each selected target whose year is not over before the
period asked, its region and indicator (for a derived indicator, each of
its inputs instead), unless a figure for that period is already in the
data. Rows whose targets are ``overdue`` (a figure that should be published
by now is missing) come first; then by region, department and indicator.
"""

from __future__ import annotations

from .i18n import _

# (field, heading): the first seven are read back by the figures loader.
FORM_COLUMNS = [
    ("region", "地区"),
    ("indicator", "指标"),
    ("period", "期间"),
    ("value", "数值"),
    ("unit", "单位"),
    ("source", "来源"),
    ("provisional", "初步"),
    ("caliber", "口径说明"),
    ("last_value", "上次数值"),
    ("last_period", "上次期间"),
    ("department", "责任单位"),
    ("targets", "相关目标"),
]
VALUE_COLUMN = "D"  # 数值: numbers only
SHEET = "数据"


def form_rows(ds, regions: list[str], periods: list[int], targets, statuses: dict | None = None,
              overdue_as_of: int | None = None) -> list[dict]:
    """The rows of the form (dicts keyed by FORM_COLUMNS fields).

    ``targets``: the selected targets table (--unit already applied);
    ``statuses``: target_id -> status code, to list overdue rows first;
    ``overdue_as_of``: the month (index) of the form of the month, when no
    period was named: it also asks for the year-end figure each overdue
    target owes by then (the last year due, given the indicator's
    publication lag; at most the target's year)."""
    from .departments import SEPARATOR
    from .derived import FormulaError, inputs, parse
    from .periods import format_period, year_of

    defs = ds.defs
    ind = defs.indicators
    obs = ds.observations
    statuses = statuses or {}
    have = set(zip(obs["region"], obs["indicator"], obs["index"].astype(int)))
    latest: dict = {}
    for r, i, idx, v, p in zip(obs["region"], obs["indicator"], obs["index"].astype(int), obs["value"],
                               obs["period"]):
        latest.setdefault((r, i), []).append((idx, v, p))

    pairs: dict = {}  # (region, indicator, period index) -> info
    yearly = yearly_indicators(ds)
    lags = _publication_lags(ind)
    chosen = targets[targets["region"].isin(regions)]
    for rec in chosen.to_dict("records"):
        indicator = rec["indicator"]
        wanted = [indicator]
        formula = ind.at[indicator, "formula"] if "formula" in ind.columns and indicator in ind.index else None
        if isinstance(formula, str) and formula.strip():
            try:
                wanted = inputs(parse(formula))
            except FormulaError:
                pass
        overdue = overdue_as_of is not None and statuses.get(rec["target_id"]) == "overdue" and rec["year"] is not None
        # an overdue year-end figure is the one the office chases first
        asked = [*periods, *([_owed_year_end(rec, lags, overdue_as_of)] if overdue else [])]
        for period in dict.fromkeys(asked):
            if rec["year"] is not None and int(rec["year"]) < year_of(period):
                continue  # the target's year is over: its figure is not this period's
            for indicator_id in wanted:
                key = (rec["region"], indicator_id, int(period))
                if key in have or indicator_id not in ind.index:
                    continue
                if period % 12 and indicator_id in yearly:
                    continue  # counted once a year: no department has a June figure
                info = pairs.setdefault(key, {"targets": [], "departments": [], "overdue": False})
                info["targets"].append(rec["target_id"])
                info["departments"].extend([*(rec.get("lead") or ()), *(rec.get("units") or ())])
                info["overdue"] |= statuses.get(rec["target_id"]) == "overdue"

    names = defs.regions["name"].to_dict()
    rows = []
    for (region, indicator_id, period), info in pairs.items():
        row = ind.loc[indicator_id]
        before = [x for x in latest.get((region, indicator_id), []) if x[0] < period]
        last = max(before, key=lambda x: x[0]) if before else None
        rows.append({
            "region": names.get(region, region),
            "indicator": row["name"],
            "period": format_period(period),
            "value": None,
            "unit": row["unit"] or "",
            "source": None,
            "provisional": None,
            "caliber": caliber(row, period),
            "last_value": None if last is None else float(last[1]),
            "last_period": None if last is None else last[2],
            "department": SEPARATOR.join(dict.fromkeys(info["departments"])),
            "targets": "、".join(dict.fromkeys(info["targets"])),
            "_overdue": info["overdue"],
            "_sort": (not info["overdue"], region, SEPARATOR.join(dict.fromkeys(info["departments"])),
                      indicator_id, period),
        })
    rows.sort(key=lambda r: r["_sort"])
    for r in rows:
        del r["_sort"]
    return rows


def _publication_lags(indicators) -> dict:
    from . import schema
    from .derived import publication_lags

    return publication_lags(indicators, schema.DEFAULT_PUBLICATION_LAG)


def _owed_year_end(rec, lags: dict, as_of: int) -> int:
    """The year-end an overdue target owes by ``as_of``: the last year whose
    figure is due by then (publication lag, ``lags``: indicator id -> months),
    at most the target's year."""
    from . import schema
    from .periods import year_end

    lag = int(lags.get(rec["indicator"], schema.DEFAULT_PUBLICATION_LAG))
    return year_end(min(int(rec["year"]), (as_of - lag) // 12 - 1))


def yearly_indicators(ds) -> set[str]:
    """Indicators counted once a year (全社会研发经费投入, 研发投入强度): at
    least two figures, every one of them for a whole year. A monthly or
    quarterly form does not ask for them; the yearly form does."""
    obs = ds.observations
    if not len(obs):
        return set()
    year_end = (obs["index"].to_numpy(dtype=int) % 12) == 0
    counts = obs.groupby("indicator", sort=False, observed=True)["index"].size()
    monthly = set(obs.loc[~year_end, "indicator"])
    return {str(i) for i, n in counts.items() if n >= 2 and i not in monthly}


def yearly_left_out(ds, targets, regions: list[str], periods: list[int]) -> list[str]:
    """Names of the yearly indicators a form for ``periods`` leaves out (none
    when every period is a year end): of the targets that run through one of
    the months asked (a target whose year is over asks nothing of them)."""
    from .periods import year_of

    months = [p for p in periods if p % 12]
    if not months:
        return []
    yearly = yearly_indicators(ds)
    mine = targets[targets["region"].isin(regions)]
    running = mine["year"].notna() & (mine["year"].astype(float) >= min(year_of(p) for p in months))
    used = mine.loc[running.to_numpy(), "indicator"]
    names = ds.defs.indicators["name"]
    return [str(names.get(i, i)) for i in dict.fromkeys(used) if i in yearly]


def caliber(indicator, period: int) -> str:
    """口径: what the figure is, so that two departments count alike."""
    from .periods import format_period

    text = format_period(period)
    if indicator["measure"] == "flow":
        what = (f"{text}年全年合计" if len(text) == 4 else f"{text[:4]}年1月至{int(text[5:])}月累计")
    else:
        what = f"{text}年末数" if len(text) == 4 else f"{text[:4]}年{int(text[5:])}月末数"
    unit = indicator["unit"]
    if not unit:
        what += "；完成填1，未完成填0"
    else:
        what += f"；单位：{unit}"
    note = indicator.get("note")
    if isinstance(note, str) and note.strip():
        what += f"；{note.strip()}"
    return what


def write_xlsx(rows: list[dict], path) -> None:
    """The form as a workbook: sheet 数据 (the rows; 数值 accepts numbers only)
    and sheet 说明 (how to fill it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .render.xlsx import _text
    from .textio import atomic_path

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for j, (_field, heading) in enumerate(FORM_COLUMNS, start=1):
        c = ws.cell(1, j)
        _text(c, heading)
        c.font = Font(bold=True)
    fill = PatternFill("solid", start_color="FFFFF2CC", end_color="FFFFF2CC")  # cells to fill
    for i, row in enumerate(rows, start=2):
        for j, (field, _heading) in enumerate(FORM_COLUMNS, start=1):
            cell = ws.cell(i, j)
            value = row.get(field)
            if field == "last_value" and value is not None:
                cell.value = value
            else:
                _text(cell, value)
            if field in ("value", "source", "provisional"):
                cell.fill = fill
    last = max(len(rows) + 1, 2)
    dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                        allow_blank=True, showErrorMessage=True, errorTitle="数值",
                        error="请填写数字（不带单位、不带逗号）")
    ws.add_data_validation(dv)
    dv.add(f"{VALUE_COLUMN}2:{VALUE_COLUMN}{max(last, 1000)}")
    ws.freeze_panes = "A2"
    widths = {"region": 10, "indicator": 30, "period": 9, "value": 12, "unit": 8, "source": 30, "provisional": 6,
              "caliber": 40, "last_value": 10, "last_period": 9, "department": 24, "targets": 40}
    for j, (field, _heading) in enumerate(FORM_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(field, 12)
    about = wb.create_sheet("说明")
    for i, line in enumerate(_instructions(), start=1):
        _text(about.cell(i, 1), line)
    about.column_dimensions["A"].width = 100
    with atomic_path(path) as tmp:
        wb.save(tmp)


def _instructions() -> list[str]:
    return [
        "填报说明",
        "1. 在“数据”表的“数值”列填写数字（按“单位”列的单位，不带单位、不带千分位逗号）；暂无数据的行留空即可。",
        "2. “来源”列写明数据出处（如：统计公报、部门台账、某某系统导出，附日期）。",
        "3. 初步数、预计数请在“初步”列填“是”。",
        "4. 请按“口径说明”填报：流量指标为本年1月至该月累计，存量指标为期末数。",
        "5. 不要改动表头和“地区”“指标”“期间”三列；填好后原样交回。",
        "6. 交回的表放入工作区的“填报”文件夹即与台账一并读入（policygap status 地区）；"
        "单独指定时请连同台账一起：policygap status 地区 --baselines baselines.csv --baselines 填报表.xlsx"
        "（只写填报表，则只读这张表）。",
    ]


def to_csv(rows: list[dict], bom: bool = True) -> bytes:
    """The form as CSV (UTF-8; with a byte-order mark so Excel shows Chinese)."""
    import csv
    import io

    from .render.machine import neutralise

    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([h for _f, h in FORM_COLUMNS])
    for row in rows:
        out = []
        for field, _h in FORM_COLUMNS:
            v = row.get(field)
            if v is None:
                out.append("")
            elif isinstance(v, float):
                out.append(format(v, ".15g"))
            else:
                out.append(neutralise(str(v)))
        writer.writerow(out)
    return buf.getvalue().encode("utf-8")


def no_rows_message(targets, regions: list[str], periods: list[int]) -> str:
    """Why the form is empty: every figure is in, or (the common surprise, a
    month asked after the plan's last year) no target runs through the
    periods asked."""
    from .periods import format_period, year_of

    years = targets.loc[targets["region"].isin(regions), "year"].dropna()
    if len(years) and all(year_of(p) > years.max() for p in periods):
        last = int(years.max())
        return _("no target here runs through {period}: the last ends in {year}; for the figures still missing, "
                 "ask for that year: --period {year}").format(period=format_period(max(periods)), year=last)
    return _("no figure is missing for these targets and periods; the form would be empty")
