"""Silent misreads made loud: what the assessment would otherwise assume
without a word.

- An indicator without ``measure:`` is read as a stock. Where the data says
  it is a yearly flow, it is read as one, and ``validate`` says why: its name
  starts with 新增 or 年度 (新增高新技术企业, 年度培训人数), or its figures fall
  back each January (a year-to-date total restarts, seen at two year
  boundaries or more).
- A 每年 target on an indicator still read as a stock counts each year's rise.
- A document without ``issued:`` leaves its targets without a base.
- growth_rate and multiple (翻番) from a zero or negative base have no meaning.
- A figure JUMP times its previous one or more (or as small) is most often a
  slip of unit (万 typed, 1,300 for 1.3, a share written as a fraction):
  155 then 1.6万 would make a target 已完成 in silence.
"""

from __future__ import annotations

from .errors import WARNING, Problem
from .i18n import _

FLOW_PREFIXES = ("新增", "年度")


def infer_measures(ds) -> list[Problem]:
    """Read indicators without ``measure:`` as flows where the data says so;
    one warning per indicator naming the reason. Targets on them that do not
    write ``counting:`` count yearly flows too."""
    ind = ds.defs.indicators
    if not len(ind) or "measure_set" not in ind:
        return []
    unset = ind.index[~ind["measure_set"].astype(bool).to_numpy()]
    if not len(unset):
        return []
    by_name = [i for i in unset if str(ind.at[i, "name"] or "").startswith(FLOW_PREFIXES)]
    by_figures = [i for i in _falls_back_each_january(ds, unset) if i not in by_name]
    out = []
    for ids, why in ((by_name, _("its name starts with 新增 or 年度")),
                     (by_figures, _("its figures fall back each January (a year-to-date total)"))):
        for i in ids:
            ind.at[i, "measure"] = "flow"
            _count_flows(ds, i)
            out.append(Problem(ds.defs.path, _line(ind, i), f"indicators.{i}.measure",
                               _("no measure: read as a yearly flow because {why}; write measure: flow "
                                 "(or stock) to say so").format(why=why), WARNING))
    return out


def _line(ind, i):
    line = ind.at[i, "line"] if "line" in ind else None
    return None if line is None or line != line else int(line)


def _count_flows(ds, indicator) -> None:
    """Targets on an indicator now read as a flow count yearly flows, unless
    they say otherwise (a 新增 without a first year counted stays a stock's rise)."""
    t = ds.defs.targets
    mine = (t["indicator"] == indicator) & ~t["counting_set"].astype(bool)
    annual = mine & (t["kind"] == "annual")
    increase = mine & (t["kind"] == "increase") & t["from_year"].notna()
    t.loc[annual | increase, "counting"] = "flow"


def _falls_back_each_january(ds, indicators) -> list[str]:
    """Indicators whose figures restart each year: at two year boundaries or
    more, the first figure of the new year is a part-year figure far below the
    last figure of the year before (below months/12 + 0.25 of it: 20 by March
    after 100 for the year), and never at or above it. A stock that dips in
    spring (520 at the end of 2023, 495 in April 2024) is not a flow."""
    import numpy as np

    obs = ds.observations
    codes = ds.defs.indicators.index.get_indexer(list(indicators))
    sel = obs[np.isin(obs["indicator_code"].to_numpy(), codes)]
    if not len(sel):
        return []
    sel = sel.sort_values(["indicator_code", "region_code", "index"])
    code = sel["indicator_code"].to_numpy()
    region = sel["region_code"].to_numpy()
    index = sel["index"].to_numpy(dtype=np.int64)
    value = sel["value"].to_numpy(dtype=float)
    year = (index - 1) // 12
    month = (index - 1) % 12 + 1
    same = (code[1:] == code[:-1]) & (region[1:] == region[:-1])
    boundary = same & (year[1:] == year[:-1] + 1) & (month[1:] != 12)
    restarts = boundary & (value[1:] < value[:-1] * (month[1:] / 12 + 0.25))
    carries_on = boundary & (value[1:] >= value[:-1])
    owner = code[1:]
    out = []
    for c in np.unique(owner[boundary]):
        mine = owner == c
        if restarts[mine].sum() >= 2 and not carries_on[mine].any():
            out.append(ds.defs.indicators.index[c])
    return out


def silent_cases(ds) -> list[Problem]:
    """Warnings for targets the assessment would otherwise misread in silence."""
    from .dataset import usable_targets

    t = usable_targets(ds.defs)
    if not len(t):
        return []
    return [*_annual_on_stock(ds, t), *_documents_without_date(ds, t), *_growth_from_non_positive_base(ds, t),
            *_jumps(ds), *_falling_year_to_date(ds)]


def _annual_on_stock(ds, t) -> list[Problem]:
    ind = ds.defs.indicators
    if "measure_set" not in ind:
        return []
    set_ = ind["measure_set"].astype(bool)
    stock = ind["measure"] == "stock"
    silent = set(ind.index[~set_ & stock])
    mask = ((t["kind"] == "annual") & t["indicator"].isin(silent) & (t["counting"] == "stock")
            & ~t["counting_set"].astype(bool)).to_numpy()
    if not mask.any():
        return []  # (a row selection copies every column of the table, and itertuples makes a class)
    hit = t.loc[mask, ["file", "line", "target_id", "indicator"]]
    return [Problem(row.file, int(row.line), f"targets[{row.target_id}].indicator",
                    _("a 每年 target on indicator {indicator}, which has no measure: each year's rise of a stock "
                      "is counted; if its figures are yearly amounts write measure: flow on the indicator "
                      "(or counting: flow here)").format(indicator=row.indicator), WARNING)
            for row in hit.itertuples(index=False)]


def _documents_without_date(ds, t) -> list[Problem]:
    docs = ds.defs.documents
    if not len(docs):
        return []
    undated = set(docs.index[docs["issued"].isna()])
    needs_base = ~t["kind"].isin(["milestone", "annual"]) & ~((t["kind"] == "increase") & (t["counting"] == "flow"))
    mask = (t["document"].isin(undated) & t["base_index"].isna() & needs_base).to_numpy()
    if not mask.any():
        return []
    hit = t.loc[mask, ["document", "file", "line", "target_id"]]
    out = []
    for doc, group in hit.groupby("document", sort=False):
        first = group.iloc[0]
        out.append(Problem(first["file"], int(first["line"]), f"targets[{first['target_id']}].source_document",
                           _("document {document} has no issued: date, so {count} target(s) citing it have no "
                             "base (无数据): add issued: to the document or pin base: {{period: …}}").format(
                               document=doc, count=len(group)), WARNING))
    return out


def _growth_from_non_positive_base(ds, t) -> list[Problem]:
    import numpy as np

    from .dataset import growth_bases
    from .periods import format_period

    grows = t[t["kind"].isin(["growth_rate", "multiple"])]
    if not len(grows):
        return []
    bases = growth_bases(ds).loc[grows.index]
    bad = bases["base_value"].to_numpy(dtype=float) <= 0
    out = []
    for (_i, row), base in zip(grows[bad].iterrows(), bases[bad].itertuples(index=False)):
        out.append(Problem(row["file"], int(row["line"]), f"targets[{row['target_id']}].kind",
                           _("a {kind} target from a base of {value:g} ({period}): growth from a zero or negative "
                             "base has no meaning, and the target is not assessed").format(
                               kind=row["kind"], value=base.base_value,
                               period=format_period(int(base.base_index)) if np.isfinite(base.base_index) else "?"),
                           WARNING))
    return out


# A figure this many times the one before (or this small a share of it) is
# reported: a unit slip is ×100 (a share as a fraction), ×1,000 (1,300 for 1.3)
# or ×10,000 (万); real series rarely move ×50 in one step.
JUMP = 50


def _jumps(ds) -> list[Problem]:
    """Consecutive figures of one region and indicator, JUMP times apart.
    Stocks compare every figure; flows their full-year totals, and each
    total from January with the figure before it and the last full year's
    (9000 in January after 5 for the whole of last year: a 万 typed); a
    total from January rightly small beside last year's is not reported.
    Ranks and done/not-yet figures are left out."""
    import numpy as np

    from . import units

    obs, ind = ds.observations, ds.defs.indicators
    if len(obs) < 2 or not len(ind):
        return []
    # per indicator (a few hundred), then spread to the figures by position
    flow = (ind["measure"] == "flow").to_numpy()
    ranked = np.array([bool(u) and units.is_known(u) and units.dimension(u) == "rank"
                       for u in ind["unit"].fillna("")], dtype=bool)
    code = obs["indicator_code"].to_numpy(dtype=np.int64)
    index = obs["index"].to_numpy(dtype=np.int64)
    known = code >= 0
    code = np.where(known, code, 0)
    keep = known & ~ranked[code]
    if "derived" in obs:
        keep &= ~obs["derived"].fillna(False).to_numpy(dtype=bool)
    pos, same, index, value = _in_order(obs, keep & (~flow[code] | (index % 12 == 0)))
    before = np.r_[np.nan, value[:-1]]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = value / before
    hit = np.flatnonzero(same & (value > 0) & (before > 0) & ((ratio >= JUMP) | (ratio <= 1 / JUMP)))
    out = _jump_problems(ds, obs.iloc[pos], hit, hit - 1, ratio[hit])
    pos, same, index, value = _in_order(obs, keep & flow[code])
    if not len(pos):
        return out
    ytd = index % 12 != 0
    # the figure to compare with: the one before, or last full year's total if larger
    before_at = np.where(same, np.arange(len(value)) - 1, -1)
    series = np.cumsum(~same)
    year_end = _last_before(np.where(~ytd, np.arange(len(value)), -1), series)
    ref_at = np.where((year_end >= 0) & ((before_at < 0) | (value[np.maximum(year_end, 0)]
                                                             > value[np.maximum(before_at, 0)])),
                      year_end, before_at)
    ref = np.where(ref_at >= 0, value[np.maximum(ref_at, 0)], np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = value / ref
    hit = np.flatnonzero(ytd & (value > 0) & (ref > 0) & (ratio >= JUMP))
    return out + _jump_problems(ds, obs.iloc[pos], hit, ref_at[hit], ratio[hit])


def _last_before(marks, series):
    """For each position, the last mark (>= 0) strictly before it in its series, else -1."""
    import numpy as np
    import pandas as pd

    shifted = pd.Series(np.where(marks >= 0, marks, np.nan)).groupby(series).shift(1)
    return shifted.groupby(series).ffill().fillna(-1).to_numpy(dtype=np.int64)


def _jump_problems(ds, o, hit, ref_at, ratio) -> list[Problem]:
    """One warning a jump (the first MAX_SAME_PROBLEM), naming the figure and
    the one it was compared with."""
    from .observations import MAX_SAME_PROBLEM

    if not len(hit):
        return []
    out = []
    region_names, indicator_names = ds.defs.regions["name"], ds.defs.indicators["name"]
    for i, j, r in list(zip(hit, ref_at, ratio))[:MAX_SAME_PROBLEM]:
        row, previous = o.iloc[i], o.iloc[j]
        # named as a planner knows them (鞍山市 研发投入强度), a fall as a fraction (仅为…的1/94)
        message = _("{region} {indicator} {period}: {value:g} is {times} times the {previous:g} of "
                    "{previous_period}: check the unit (万 or 亿 typed, a thousands separator, a share written as "
                    "a fraction)") if r >= 1 else _(
            "{region} {indicator} {period}: {value:g} is only 1/{times} of the {previous:g} of {previous_period}: "
            "check the unit (万 or 亿 typed, a share written as a fraction)")
        out.append(Problem(str(row["file"]), int(row["line"]), "value", message.format(
            region=region_names.get(row["region"], row["region"]),
            indicator=indicator_names.get(row["indicator"], row["indicator"]), period=row["period"],
            value=row["value"], times=f"{max(r, 1 / r):,.0f}", previous=previous["value"],
            previous_period=previous["period"]), WARNING))
    out.extend(_more_rows(o, hit))
    return out


def _falling_year_to_date(ds) -> list[Problem]:
    """A flow's total from January that falls within its year (1.05 by June,
    0.9 by September): a running total cannot fall, so one month or one
    quarter was most likely entered instead of the total."""
    import numpy as np

    from .observations import MAX_SAME_PROBLEM

    obs, ind = ds.observations, ds.defs.indicators
    if len(obs) < 2 or not len(ind):
        return []
    flow = (ind["measure"] == "flow").to_numpy()
    code = obs["indicator_code"].to_numpy(dtype=np.int64)
    known = code >= 0
    keep = known & flow[np.where(known, code, 0)]
    if "derived" in obs:
        keep &= ~obs["derived"].fillna(False).to_numpy(dtype=bool)
    pos, same, index, value = _in_order(obs, keep)
    same &= np.r_[False, np.diff((index - 1) // 12) == 0]  # and the same year
    hit = np.flatnonzero(same & (value < np.r_[np.nan, value[:-1]]))
    if not len(hit):
        return []
    o = obs.iloc[pos]
    region_names, indicator_names = ds.defs.regions["name"], ind["name"]
    out = []
    for i in hit[:MAX_SAME_PROBLEM]:
        row, previous = o.iloc[i], o.iloc[i - 1]
        out.append(Problem(str(row["file"]), int(row["line"]), "value", _(
            "{region} {indicator} {period}: {value:g} is less than the {previous:g} of {previous_period}: a total "
            "from January cannot fall within its year (was one month or one quarter entered?)").format(
            region=region_names.get(row["region"], row["region"]),
            indicator=indicator_names.get(row["indicator"], row["indicator"]), period=row["period"],
            value=row["value"], previous=previous["value"], previous_period=previous["period"]), WARNING))
    out.extend(_more_rows(o, hit))
    return out


def _in_order(obs, keep):
    """The kept figures in order of region, indicator and month: their
    positions in ``obs``, whether each is of the same series as the one
    before it, their months and values. Arrays only: the rows themselves are
    taken when a figure is to be reported."""
    import numpy as np

    pos = np.flatnonzero(keep)
    region = obs["region_code"].to_numpy(dtype=np.int64)[pos]
    indicator = obs["indicator_code"].to_numpy(dtype=np.int64)[pos]
    index = obs["index"].to_numpy(dtype=np.int64)[pos]
    order = np.lexsort((index, indicator, region))  # stable, as sort_values(kind="stable")
    region, indicator = region[order], indicator[order]
    same = np.r_[False, (np.diff(region) == 0) & (np.diff(indicator) == 0)]
    return pos[order], same, index[order], obs["value"].to_numpy(dtype=float)[pos][order]


def _more_rows(o, hit) -> list[Problem]:
    """The count of the rows found beyond the ones listed, as one warning."""
    from .observations import MAX_SAME_PROBLEM

    if len(hit) <= MAX_SAME_PROBLEM:
        return []
    return [Problem(str(o["file"].iloc[hit[MAX_SAME_PROBLEM]]), None, "value", _(
        "… and {count} more rows with a problem in this column").format(
        count=f"{len(hit) - MAX_SAME_PROBLEM:,}"), WARNING)]

