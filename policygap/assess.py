"""Assessment of every target over whole columns.

1. Each target becomes *checkpoints*: its final value, its 力争 stretch value,
   each interim milestone, and for a 每年 target each year. Every checkpoint is
   judged by the same rules at its own year.
2. Each checkpoint reads a *series*: the indicator's figures, or the annual
   totals of a flow, the running sum of yearly flows since the first year
   counted (新增/累计 as flows), or the gap to a reference region (relative).
3. Base and latest figures are found for all checkpoints at once by binary
   search on one sorted axis (no quadratic work), then core.py computes
   growth, progress, 序时进度 and status column by column.

The result has one row per target (its final checkpoint, or for a 每年 target
the latest year with data) and keeps every checkpoint for explain and JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import core, periods, schema
from .columns import isin, map_distinct

# Kinds whose figures can be said to grow by a percentage.
GROWTH_KINDS = ("level", "growth_rate", "multiple")


@dataclass
class Options:
    as_of: int  # month index (periods.parse_as_of)
    method: str = "planner"  # or "sdg"
    thresholds: dict | None = None  # overrides of the file's settings
    tolerance: float | None = None
    stale_months: int | None = None


@dataclass
class Assessment:
    rows: pd.DataFrame  # one row per target, the output fields
    checkpoints: pd.DataFrame  # every checkpoint with its computation
    options: Options
    settings: dict = field(default_factory=dict)


# --------------------------------------------------------------------------
# Targets with what they need from the indicator and document tables


def _prepare(ds, targets: pd.DataFrame) -> pd.DataFrame:
    defs = ds.defs
    t = targets.reset_index(drop=True).copy()
    ind = defs.indicators
    t["name"] = t["indicator"].map(ind["name"])
    t["name_en"] = t["indicator"].map(ind["name_en"])
    t["unit"] = t["indicator"].map(ind["unit"]).fillna("")
    t["direction"] = t["indicator"].map(ind["direction"]).fillna("up")
    t["measure"] = t["indicator"].map(ind["measure"]).fillna("stock")
    docs = defs.documents
    t["issued_index"] = t["document"].map(docs["issued_index"]) if len(docs) else np.nan
    t["issued_index"] = pd.to_numeric(t["issued_index"], errors="coerce")
    t["year"] = t["year"].astype(int)
    # Which series each target reads.
    flow = t["measure"] == "flow"
    t["mode"] = np.select(
        [
            t["kind"] == "relative",
            t["kind"] == "annual",
            (t["kind"] == "increase") & (t["counting"] == "flow"),
            t["kind"] == "milestone",
            flow,
        ],
        ["gap", "year", "cumulative", "milestone", "annual_total"],
        default="raw",
    )
    return t


class _Keys:
    """Integer keys of the series, so that joins never hash strings per row.

    raw figures of (region, indicator): pair code; their full-year figures:
    pair code + P; a target's own series (running sum, gap to a reference):
    2P + its row, or 2P + T + its row.
    """

    def __init__(self, ds, t: pd.DataFrame):
        self.regions = pd.Index(ds.defs.regions.index)
        self.indicators = pd.Index(ds.defs.indicators.index)
        self.pairs = len(self.regions) * len(self.indicators)
        self.targets = len(t)

    def raw(self, region, indicator) -> np.ndarray:
        r = self.regions.get_indexer(np.asarray(region, dtype=object))
        i = self.indicators.get_indexer(np.asarray(indicator, dtype=object))
        return r.astype(np.int64) * len(self.indicators) + i

    def observed(self, obs: pd.DataFrame) -> np.ndarray:
        """Pair codes of the observations, from the positions the loader kept."""
        return obs["region_code"].to_numpy(dtype=np.int64) * len(self.indicators) + obs["indicator_code"].to_numpy(
            dtype=np.int64)

    def annual(self, region, indicator) -> np.ndarray:
        return self.raw(region, indicator) + self.pairs

    def cumulative(self, rows) -> np.ndarray:
        return 2 * self.pairs + np.asarray(rows, dtype=np.int64)

    def gap(self, rows) -> np.ndarray:
        return 2 * self.pairs + self.targets + np.asarray(rows, dtype=np.int64)


def _target_keys(keys: _Keys, mode, region, indicator, rows) -> np.ndarray:
    """The series each target (or checkpoint) reads."""
    return np.select(
        [mode == "gap", mode == "cumulative", mode == "annual_total"],
        [keys.gap(rows), keys.cumulative(rows), keys.annual(region, indicator)],
        default=keys.raw(region, indicator),
    )


# --------------------------------------------------------------------------
# Series


def _series(ds, t: pd.DataFrame, keys: _Keys) -> pd.DataFrame:
    """All series the targets read, as one long table: key, index, value,
    provisional, period (and ref_value for gaps)."""
    obs = ds.observations
    cols = ["key", "index", "value", "provisional", "period"]
    pair = keys.observed(obs)
    parts = []
    # raw: every figure (stocks; milestones; 每年 targets read within a year)
    needed = t["mode"].isin(["raw", "milestone", "year", "annual_total"]).to_numpy()
    wanted = isin(pair, keys.raw(t["region"][needed], t["indicator"][needed]))
    raw = obs[wanted].assign(key=pair[wanted])[cols]
    parts.append(raw)
    # annual totals of flows: only full-year (December) figures
    flows = (t["mode"] == "annual_total").to_numpy()
    if flows.any():
        f = raw[isin(raw["key"].to_numpy(), keys.raw(t["region"][flows], t["indicator"][flows]))
                & (raw["index"].to_numpy() % 12 == 0)]
        parts.append(f.assign(key=f["key"].to_numpy() + keys.pairs))
    cum = t[t["mode"] == "cumulative"]
    if len(cum):
        parts.append(_cumulative_series(obs, pair, cum, keys))
    rel = t[t["mode"] == "gap"]
    if len(rel):
        parts.append(_gap_series(obs, pair, rel, keys))
    series = pd.concat(parts, ignore_index=True)
    series["index"] = series["index"].astype(np.int64)
    series["key"] = series["key"].astype(np.int64)
    return series


def _cumulative_series(obs, pair, cum: pd.DataFrame, keys: _Keys) -> pd.DataFrame:
    """新增/累计 counted as flows: the sum of yearly figures from the first year
    counted, plus the year-to-date figure of the current year. A missing year
    in between makes the sum unknown (NaN), never silently smaller."""
    spec = pd.DataFrame({"pair": keys.raw(cum["region"], cum["indicator"]), "t_row": cum.index.to_numpy(),
                         "from_year": cum["from_year"].astype(int).to_numpy()})
    mine = isin(pair, spec["pair"].to_numpy())
    rows = obs[mine][["index", "value", "provisional", "period"]].assign(pair=pair[mine])
    rows = rows.merge(spec, on="pair", how="inner")
    rows["year"] = (rows["index"] - 1) // 12
    rows = rows[rows["year"] >= rows["from_year"]].copy()
    full = rows[rows["index"] % 12 == 0][["t_row", "year", "value", "from_year"]].sort_values(["t_row", "year"])
    full["cum"] = full.groupby("t_row")["value"].cumsum()
    full["n"] = full.groupby("t_row").cumcount() + 1
    prev = full.rename(columns={"year": "prev_year", "cum": "prev_cum", "n": "prev_n"})[
        ["t_row", "prev_year", "prev_cum", "prev_n"]]
    rows["prev_year"] = rows["year"] - 1
    rows = rows.merge(prev, on=["t_row", "prev_year"], how="left")
    first_year = rows["year"] == rows["from_year"]
    contiguous = first_year | (rows["prev_n"] == rows["year"] - rows["from_year"])
    before = np.where(first_year, 0.0, rows["prev_cum"])
    rows["value"] = np.where(contiguous, before + rows["value"], np.nan)
    rows["key"] = keys.cumulative(rows["t_row"])
    return rows[["key", "index", "value", "provisional", "period"]]


def _gap_series(obs, pair, rel: pd.DataFrame, keys: _Keys) -> pd.DataFrame:
    """Relative targets: own figure minus the reference region's figure of the
    same indicator in the same period (periods without both are left out)."""
    spec = pd.DataFrame({"pair": keys.raw(rel["region"], rel["indicator"]),
                         "ref_pair": keys.raw(rel["reference"], rel["indicator"]), "t_row": rel.index.to_numpy()})
    figures = obs[["index", "value", "provisional", "period"]].assign(pair=pair)
    own = figures[isin(pair, spec["pair"].to_numpy())].merge(spec, on="pair", how="inner")
    ref = figures[isin(pair, spec["ref_pair"].to_numpy())].rename(
        columns={"pair": "ref_pair", "value": "ref_value", "provisional": "ref_prov"})[
        ["ref_pair", "index", "ref_value", "ref_prov"]]
    both = own.merge(ref, on=["ref_pair", "index"], how="inner")
    both["value"] = both["value"] - both["ref_value"]
    both["provisional"] = both["provisional"] | both["ref_prov"]
    both["key"] = keys.gap(both["t_row"])
    return both[["key", "index", "value", "provisional", "period", "ref_value"]]


class _Lookup:
    """The newest figure of a series on or before a month, for many probes at
    once.

    Each figure is placed on one sorted int64 axis, key × 2^20 + month index
    (months stay far below 2^20); a probe (key, at) is a binary search for
    key × 2^20 + at, valid when the figure found has the same key. One sort,
    then O(log n) a probe: no join, no hashing.
    """

    SHIFT = 1 << 20
    COLUMNS = ("index", "value", "provisional", "period", "ref_value")

    def __init__(self, series: pd.DataFrame):
        s = series[series["value"].notna().to_numpy()]
        axis = s["key"].to_numpy(dtype=np.int64) * self.SHIFT + s["index"].to_numpy(dtype=np.int64)
        order = np.argsort(axis, kind="stable")
        self.axis = axis[order]
        self.columns = {}
        for c in self.COLUMNS:
            if c in s:
                self.columns[c] = s[c].to_numpy()[order]

    def __call__(self, key, at, exact: bool = False) -> dict:
        """Arrays index, value, provisional, period, ref_value for each probe:
        NaN/None/False where the series has no figure on or before ``at``
        (exactly at ``at`` when ``exact``)."""
        key = np.asarray(key, dtype=np.int64)
        at = np.asarray(at, dtype=float)
        n = len(key)
        out = {
            "index": np.full(n, np.nan), "value": np.full(n, np.nan), "ref_value": np.full(n, np.nan),
            "provisional": np.zeros(n, dtype=bool), "period": np.full(n, None, dtype=object),
        }
        if not len(self.axis) or not n:
            return out
        valid = ~np.isnan(at)
        probe = key * self.SHIFT + np.where(valid, at, 0).astype(np.int64)
        pos = np.searchsorted(self.axis, probe, side="right") - 1
        safe = np.maximum(pos, 0)
        ok = valid & (pos >= 0) & (self.axis[safe] // self.SHIFT == key)
        if exact:
            ok &= self.axis[safe] == probe
        hit = np.flatnonzero(ok)
        for c, values in self.columns.items():
            out[c][hit] = values[safe[hit]].astype(bool) if c == "provisional" else values[safe[hit]]
        return out


def base_observations(ds, targets: pd.DataFrame) -> pd.DataFrame:
    """Base figure of each target (indexed like ``targets``): the pinned base
    period, else the newest figure before the document was issued."""
    t = _prepare(ds, targets)
    keys = _Keys(ds, t)
    b = _bases(t, _Lookup(_series(ds, t, keys)), keys)
    b.index = targets.index
    return b


def _bases(t: pd.DataFrame, lookup: _Lookup, keys: _Keys) -> pd.DataFrame:
    """Columns base_index, base_value, base_period, base_provisional, base_note."""
    key = _target_keys(keys, t["mode"].to_numpy(), t["region"], t["indicator"], np.arange(len(t)))
    pinned = t["base_index"].notna().to_numpy()
    found = lookup(key, np.where(pinned, t["base_index"], t["issued_index"]))
    # A pinned base must be exactly that period.
    miss_pin = pinned & (found["index"] != t["base_index"].to_numpy())
    found["index"][miss_pin] = np.nan
    found["value"][miss_pin] = np.nan
    out = pd.DataFrame(index=t.index)
    out["base_index"] = found["index"]
    out["base_value"] = found["value"]
    out["base_period"] = found["period"]
    out["base_provisional"] = found["provisional"]
    note = np.where(
        pinned, "no figure for the base period",
        np.where(t["issued_index"].isna(), "no base: pin base.period or cite a document with an issue date",
                 "no figure before the document was issued"),
    )
    out["base_note"] = np.where(np.isnan(out["base_value"]), note, "")
    out["base_reference_value"] = found["ref_value"]
    # 新增 counted as flows and 每年 targets start from zero at the end of the
    # year before the first year counted.
    zero = (t["mode"] == "cumulative").to_numpy()
    start = (t["from_year"].fillna(0).astype(int) * 12).to_numpy(dtype=float)
    out.loc[zero, "base_index"] = start[zero]
    out.loc[zero, "base_value"] = 0.0
    out.loc[zero, "base_period"] = map_distinct(start[zero], periods.format_period)
    out.loc[zero, "base_provisional"] = False
    out.loc[zero, "base_note"] = ""
    # Milestones (done/not yet) have no base figure: anything observed counts.
    ms = (t["mode"] == "milestone").to_numpy()
    out.loc[ms, "base_index"] = -np.inf
    out.loc[ms, "base_value"] = 0.0
    out.loc[ms, "base_period"] = None
    out.loc[ms, "base_note"] = ""
    return out


# --------------------------------------------------------------------------
# Checkpoints


def _checkpoints(t: pd.DataFrame) -> pd.DataFrame:
    """One row per (target, checkpoint): role, year, goal as written."""
    idx = np.arange(len(t))
    annual = (t["kind"] == "annual").to_numpy()
    parts = []
    nonannual = idx[~annual]
    parts.append(pd.DataFrame({"t": nonannual, "role": "final", "cp_year": t["year"].to_numpy()[nonannual],
                               "goal_raw": t["value"].to_numpy()[nonannual]}))
    st = idx[~annual & t["stretch"].notna().to_numpy()]
    if len(st):
        parts.append(pd.DataFrame({"t": st, "role": "stretch", "cp_year": t["year"].to_numpy()[st],
                                   "goal_raw": t["stretch"].to_numpy()[st]}))
    ms_rows = [(i, y, v) for i, m in zip(idx, t["milestones"]) if m for y, v in m.items()]
    if ms_rows:
        a = np.array(ms_rows, dtype=float)
        keep = ~annual[a[:, 0].astype(int)]
        parts.append(pd.DataFrame({"t": a[keep, 0].astype(int), "role": "milestone",
                                   "cp_year": a[keep, 1].astype(int), "goal_raw": a[keep, 2]}))
    an = idx[annual]
    if len(an):
        first = t["from_year"].to_numpy()[an].astype(int)
        last = t["year"].to_numpy()[an]
        counts = np.maximum(last - first + 1, 0)
        rep = np.repeat(an, counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        parts.append(pd.DataFrame({"t": rep, "role": "year", "cp_year": np.repeat(first, counts) + offsets,
                                   "goal_raw": t["value"].to_numpy()[rep]}))
    cp = pd.concat(parts, ignore_index=True)
    cp["cp_year"] = cp["cp_year"].astype(int)
    return cp


def assess(ds, options: Options, regions: list[str] | None = None, targets: pd.DataFrame | None = None) -> Assessment:
    """Assess the targets of ``regions`` (all when None) at ``options.as_of``."""
    settings = ds.settings
    tt = ds.defs.targets if targets is None else targets
    if regions is not None:
        tt = tt[tt["region"].isin(regions)]
    if not len(tt):
        empty = pd.DataFrame(columns=OUTPUT_FIELDS)
        return Assessment(empty, pd.DataFrame(), options, settings)
    t = _prepare(ds, tt)
    keys = _Keys(ds, t)
    lookup = _Lookup(_series(ds, t, keys))
    bases = _bases(t, lookup, keys)
    cp = _checkpoints(t)
    ti = cp["t"].to_numpy()
    g = lambda col: t[col].to_numpy()[ti]  # noqa: E731 - target column per checkpoint

    def own_or(col, default):
        """The target's own setting (tolerance, thresholds), else the default."""
        value = g(col).astype(float)
        return np.where(np.isnan(value), default, value)

    kind, mode = g("kind"), g("mode")
    cp["kind"], cp["mode"] = kind, mode
    cp["t_end"] = cp["cp_year"].to_numpy() * 12 + 12
    cp["cutoff"] = np.minimum(options.as_of, cp["t_end"].to_numpy())

    # Base per checkpoint: the target's base; a 每年 year starts at the end of
    # the year before (zero for flows, the stock's figure for stocks).
    b_index = bases["base_index"].to_numpy()[ti].astype(float)
    b_value = bases["base_value"].to_numpy()[ti].astype(float)
    b_period = bases["base_period"].to_numpy()[ti].astype(object)
    b_prov = bases["base_provisional"].to_numpy()[ti].astype(bool)
    b_note = bases["base_note"].to_numpy()[ti].astype(object)
    b_ref = bases["base_reference_value"].to_numpy()[ti].astype(float)
    year_mode = mode == "year"
    if year_mode.any():
        prev_end = (cp["cp_year"].to_numpy() * 12).astype(float)
        stock = year_mode & (g("counting") == "stock")
        flow = year_mode & ~stock
        b_index[year_mode] = prev_end[year_mode]
        b_value[flow] = 0.0
        b_period[flow] = map_distinct(prev_end[flow], periods.format_period)
        b_prov[flow] = False
        b_note[flow] = ""
        if stock.any():
            found = lookup(keys.raw(g("region")[stock], g("indicator")[stock]), prev_end[stock], exact=True)
            b_value[stock] = found["value"]
            b_period[stock] = found["period"]
            b_prov[stock] = found["provisional"]
            b_note[stock] = np.where(np.isnan(b_value[stock]), "no year-end figure for the year before", "")

    # Latest figure on or before the cutoff.
    key = _target_keys(keys, mode, g("region"), g("indicator"), ti)
    latest = lookup(key, cp["cutoff"].to_numpy())
    l_index, l_value, l_period, l_prov = latest["index"], latest["value"], latest["period"], latest["provisional"]
    ref_value = latest["ref_value"]

    # Flows read through the year: a year-to-date figure in the checkpoint's
    # own year is judged against months/12 of the year's goal (within-year).
    within = year_mode.copy()
    af = mode == "annual_total"
    if af.any():
        ytd = lookup(keys.raw(g("region"), g("indicator")), cp["cutoff"].to_numpy())
        y_index = ytd["index"]
        use = af & (y_index % 12 != 0) & ((y_index - 1) // 12 == cp["cp_year"].to_numpy()) & ~(l_index >= y_index)
        if use.any():
            l_index[use] = y_index[use]
            l_value[use] = ytd["value"][use]
            l_period[use] = ytd["period"][use]
            l_prov[use] = ytd["provisional"][use]
            within |= use
    # Within-year checkpoints of a year's total count from zero at the start of the year.
    wy = within & ~year_mode
    start_of_year = (cp["cp_year"].to_numpy() * 12).astype(float)

    # A figure only counts if it is after the base.
    has_base = ~np.isnan(b_value)
    has_latest = ~np.isnan(l_value) & (l_index > np.where(np.isnan(b_index), np.inf, b_index))
    if year_mode.any():
        # a 每年 year needs a figure inside that year
        has_latest &= ~year_mode | (((l_index - 1) // 12) == cp["cp_year"].to_numpy())

    # Goal in the units of the series.
    goal_raw = cp["goal_raw"].to_numpy(dtype=float)
    t_end = cp["t_end"].to_numpy().astype(float)
    n_plan = (t_end - b_index) / 12  # a growth rate compounds over the plan's whole length
    goal = np.select(
        [kind == "growth_rate", kind == "multiple", (kind == "increase") & (mode != "cumulative"),
         year_mode & (g("counting") == "stock"), kind == "relative", kind == "milestone"],
        [core.compound_value(b_value, goal_raw / 100, n_plan), b_value * goal_raw, b_value + goal_raw,
         b_value + goal_raw, 0.0, 1.0],
        default=goal_raw,
    )

    # Within-year view for year-to-date flows.
    cb_index = np.where(wy, start_of_year, b_index)
    cb_value = np.where(wy, 0.0, b_value)
    n = (t_end - cb_index) / 12
    e = (l_index - cb_index) / 12
    r = (t_end - l_index) / 12

    tol = own_or("tolerance", _setting(options.tolerance, settings["tolerance"]))
    comparator = g("comparator")
    lower_better = np.isin(comparator, ["<=", "<"]) | ((comparator == "~") & (g("direction") == "down"))
    met = core.meets(l_value, goal, comparator, tol, lower_better) & has_latest

    path_override = g("path")
    kind_path = map_distinct(kind, lambda k: settings["paths"].get(k, "compound" if k in schema.COMPOUND_KINDS else "linear"))
    path = np.where(pd.isna(path_override), kind_path, path_override)
    compound = (path == "compound") & ~within
    prog = core.progress(cb_value, l_value, goal)
    prog = np.where(kind == "milestone", l_value, prog)
    expected = core.expected_progress(e, n, cb_value, goal, compound)
    expected = np.where(kind == "milestone", np.nan, expected)
    gap = core.gap_points(prog, expected)

    growthy = np.isin(kind, GROWTH_KINDS) | ((kind == "increase") & (mode != "cumulative"))
    growthy &= ~within
    nan = np.full(len(cp), np.nan)
    planned_growth = np.where(growthy, core.cagr(cb_value, goal, n), nan)
    actual_growth = np.where(growthy & has_latest, core.cagr(cb_value, l_value, e), nan)
    required_growth = np.where(growthy & has_latest & ~met, core.cagr(l_value, goal, r), nan)
    no_change = (kind == "milestone")
    planned_change = np.where(no_change, nan, core.annual_change(cb_value, goal, n))
    actual_change = np.where(no_change | ~has_latest, nan, core.annual_change(cb_value, l_value, e))
    required_change = np.where(no_change | ~has_latest | met, nan, core.annual_change(l_value, goal, r))

    # Where the pace so far leads: the value at the target year and the year
    # the goal is reached (compound pace on a compound path, linear otherwise).
    comp_pace = compound & growthy
    projected = np.where(
        comp_pace, core.compound_value(l_value, actual_growth, r), l_value + actual_change * r
    )
    projected = np.where(has_latest & ~no_change, projected, nan)
    yrs = core.years_to_reach(l_value, goal, np.where(comp_pace, actual_growth, actual_change), comp_pace)
    reach_index = l_index + yrs * 12
    # year_of(index) = (ceil(index) - 1) // 12; the slack keeps an exact
    # year end (2025*12+12) in 2025 despite rounding.
    projected_year = np.where(met, (l_index - 1) // 12,
                              np.where(yrs <= 100, (np.ceil(reach_index - 1e-9) - 1) // 12, np.nan))
    projected_year = np.where(has_latest & ~no_change, projected_year, nan)

    # Status.
    th = _thresholds(options, settings)
    ahead = own_or("threshold_ahead", th["ahead"])
    on_track = own_or("threshold_on_track", th["on_track"])
    behind = own_or("threshold_behind", th["behind"])
    graded = core.grade(gap, ahead, on_track, behind)
    final_in = has_latest & (l_index >= t_end)
    # A milestone not done has no partial progress: on track until its year is
    # over; after that, without the year-end figure nobody knows (no_data).
    overdue = (kind == "milestone") & (options.as_of >= t_end)
    status = np.select(
        [~has_base, ~has_latest, met, final_in, overdue, kind == "milestone", np.isnan(gap)],
        ["no_data", "no_data", "achieved", "missed", "no_data", "on_track", "behind"],
        default=graded,
    ).astype(object)

    ratio = np.where(growthy | (kind == "share"), core.cagr_ratio(core.cagr(cb_value, l_value, e), core.cagr(cb_value, goal, n)), nan)
    ratio = np.where(has_latest & ~within, ratio, nan)
    category = core.cagr_category(ratio, met)
    category = np.where(has_latest, category, "")
    if options.method == "sdg":
        mapped = map_distinct(category, lambda c: core.CAGR_TO_STATUS.get(c, ""))
        use = np.isin(status, ["ahead", "on_track", "behind", "off_track"]) & (mapped != "")
        status = np.where(use, mapped, status)

    stale_months = _setting(options.stale_months, settings["stale_months"])
    age = options.as_of - l_index
    stale = has_latest & (age > stale_months)

    note = np.select(
        [~has_base, ~np.isnan(l_value) & ~has_latest & year_mode, ~has_latest,
         overdue & ~met & ~final_in, (kind == "milestone") & ~met & ~final_in,
         np.isnan(gap) & ~met & ~final_in & (kind != "milestone"), within & ~year_mode],
        [b_note, "no figure in this year yet", "no figure after the base",
         "its year is over and there is no figure for the end of it", "not yet done",
         "the goal equals the base: progress undefined", "year-to-date figure judged against months elapsed"],
        default="",
    ).astype(object)

    cp = cp.assign(
        target_id=g("target_id"), region=g("region"), indicator=g("indicator"),
        # The plan's base is what is shown; a year-to-date figure is measured
        # from zero at the start of its year (calc_base_*).
        base_index=b_index, base_value=b_value, base_period=b_period,
        calc_base_index=cb_index, calc_base_value=cb_value,
        latest_index=np.where(has_latest, l_index, nan), latest_value=np.where(has_latest, l_value, nan),
        latest_period=np.where(has_latest, l_period, None),
        goal_value=goal, reference_value=np.where(kind == "relative", ref_value, nan),
        base_reference_value=np.where(kind == "relative", b_ref, nan),
        years_total=n, years_elapsed=np.where(has_latest, e, nan), years_remaining=np.where(has_latest, r, nan),
        path=np.where(compound, "compound", "linear"), within_year=within,
        progress=np.where(has_latest, prog, nan), expected_progress=np.where(has_latest, expected, nan),
        gap_points=np.where(has_latest, gap, nan), met=met,
        planned_annual_growth=planned_growth, actual_annual_growth=actual_growth,
        required_annual_growth=required_growth, planned_annual_change=planned_change,
        actual_annual_change=actual_change, required_annual_change=required_change,
        projected_value=projected, projected_year=projected_year,
        cagr_ratio=ratio, cagr_category=category,
        threshold_ahead=ahead, threshold_on_track=on_track, threshold_behind=behind, tolerance=tol,
        status=status, stale=stale, provisional=has_latest & (l_prov | (b_prov & has_base)),
        note=note,
    )
    rows = _rows(t, cp, options)
    return Assessment(rows, cp, options, settings)


def _setting(option, default):
    return default if option is None else option


def _thresholds(options: Options, settings: dict) -> dict:
    th = dict(settings["thresholds"])
    th.update(options.thresholds or {})
    return th


# --------------------------------------------------------------------------
# One row per target

OUTPUT_FIELDS = [
    # the contract's fields, in its order
    "region", "target_id", "indicator", "name", "unit", "kind", "comparator",
    "base_period", "base_value", "latest_period", "latest_value", "target_year", "target_value",
    "required_annual_growth", "actual_annual_growth", "progress", "expected_progress", "status",
    # policygap's additions
    "gap_points", "planned_annual_growth", "required_annual_change", "actual_annual_change",
    "goal_value", "reference", "reference_value", "projected_value", "projected_year",
    "stretch_value", "stretch_status", "milestone_year", "milestone_value", "milestone_status",
    "checkpoints", "cagr_ratio", "cagr_category", "stale", "provisional", "note",
    "document", "clause", "quote", "name_en",
]


def _rows(t: pd.DataFrame, cp: pd.DataFrame, options: Options) -> pd.DataFrame:
    as_of_year = periods.year_of(options.as_of)
    # The checkpoint that stands for the target: its final one, or for a 每年
    # target the latest year with a figure (else the current year).
    is_year = cp["role"] == "year"
    main = cp[cp["role"] == "final"]
    if is_year.any():
        years = cp[is_year].copy()
        years["has"] = years["latest_value"].notna()
        years["first"] = years.groupby("t")["cp_year"].transform("min")
        years["last"] = years.groupby("t")["cp_year"].transform("max")
        current = np.clip(as_of_year, years["first"], years["last"])
        years["rank"] = np.where(years["has"], years["cp_year"] + 10_000, np.where(years["cp_year"] == current, 1, 0))
        pick = years.sort_values(["t", "rank"]).groupby("t").tail(1)
        main = pd.concat([main, cp.loc[pick.index]])
    main = main.sort_values("t").set_index("t")
    ti = main.index.to_numpy()
    out = pd.DataFrame(index=ti)
    out["region"] = t["region"].to_numpy()[ti]
    out["target_id"] = t["target_id"].to_numpy()[ti]
    out["indicator"] = t["indicator"].to_numpy()[ti]
    out["name"] = t["name"].to_numpy()[ti]
    out["name_en"] = t["name_en"].to_numpy()[ti]
    out["unit"] = t["unit"].to_numpy()[ti]
    out["kind"] = t["kind"].to_numpy()[ti]
    out["comparator"] = t["comparator"].to_numpy()[ti]
    relative = (out["kind"] == "relative").to_numpy()
    # Figures are shown as the planner knows them: a share in %, a 新增 as
    # the count added, a relative target as the region's own figure.
    for c in ("base_period", "base_value", "latest_period", "latest_value", "progress", "expected_progress",
              "status", "gap_points", "planned_annual_growth", "required_annual_change", "actual_annual_change",
              "goal_value", "reference_value", "projected_value", "projected_year", "cagr_ratio",
              "cagr_category", "stale", "provisional", "note", "required_annual_growth", "actual_annual_growth"):
        out[c] = main[c].to_numpy()
    out["target_year"] = main["cp_year"].to_numpy()
    out["target_value"] = np.where(out["kind"].isin(["relative", "milestone"]), np.nan, main["goal_raw"].to_numpy())
    out["reference"] = t["reference"].to_numpy()[ti]
    if relative.any():
        # The series of a relative target is the gap to the reference region;
        # show the region's own figures, and the reference's as the goal.
        ref_latest = main["reference_value"].to_numpy(dtype=float)
        ref_base = main["base_reference_value"].to_numpy(dtype=float)
        out.loc[relative, "latest_value"] = (main["latest_value"].to_numpy(dtype=float) + ref_latest)[relative]
        out.loc[relative, "base_value"] = (main["base_value"].to_numpy(dtype=float) + ref_base)[relative]
        out.loc[relative, "target_value"] = ref_latest[relative]
        out.loc[relative, "goal_value"] = ref_latest[relative]
        # projected with the reference held at its latest figure
        out.loc[relative, "projected_value"] = (main["projected_value"].to_numpy(dtype=float) + ref_latest)[relative]
    out["document"] = t["document"].to_numpy()[ti]
    out["clause"] = t["clause"].to_numpy()[ti]
    out["quote"] = t["quote"].to_numpy()[ti]

    # Stretch (力争) beside the floor.
    st = cp[cp["role"] == "stretch"].set_index("t")
    out["stretch_value"] = st["goal_raw"].reindex(ti).to_numpy()
    out["stretch_status"] = st["status"].reindex(ti).to_numpy()

    # Interim milestones: the one most recently due, else the next one.
    ms = cp[cp["role"] == "milestone"].copy()
    out["milestone_year"] = np.nan
    out["milestone_value"] = np.nan
    out["milestone_status"] = None
    if len(ms):
        ms["due"] = ms["cp_year"] <= as_of_year
        ms["order"] = np.where(ms["due"], ms["cp_year"], -ms["cp_year"] - 10_000)
        pick = ms.sort_values(["t", "order"]).groupby("t").tail(1).set_index("t")
        out["milestone_year"] = pick["cp_year"].reindex(ti).to_numpy()
        out["milestone_value"] = pick["goal_raw"].reindex(ti).to_numpy()
        out["milestone_status"] = pick["status"].reindex(ti).to_numpy()

    # Every checkpoint in one readable cell: 2023:500:no_data;2025:600:behind
    many = cp.groupby("t")["role"].transform("size") > 1
    cps = cp[cp["role"].isin(["milestone", "year", "final"]) & many].sort_values(["t", "cp_year"], kind="stable")
    out["checkpoints"] = None
    if len(cps):
        text = [f"{y}:{g}:{st}" for y, g, st in zip(cps["cp_year"].tolist(), map_distinct(cps["goal_raw"], _fmt).tolist(),
                                                   cps["status"].tolist())]
        owner = cps["t"].to_numpy()
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        ends = np.r_[starts[1:], len(owner)]
        joined = pd.Series([";".join(text[a:b]) for a, b in zip(starts, ends)], index=owner[starts], dtype=object)
        out["checkpoints"] = joined.reindex(ti).to_numpy()
    out["note"] = out["note"].where(out["note"].astype(bool), None)
    for c in ("target_year", "projected_year", "milestone_year"):
        out[c] = pd.array(pd.to_numeric(out[c], errors="coerce").round(), dtype="Int64")
    out = out.reset_index(drop=True)
    return out[OUTPUT_FIELDS]


def _fmt(x: float) -> str:
    """A value in full for the checkpoints cell: 1500000, 17.6, never 1.5e+06."""
    if pd.isna(x):
        return ""
    text = f"{x:.15g}"
    if "e" in text:
        text = f"{x:.15f}".rstrip("0").rstrip(".")
    return text
