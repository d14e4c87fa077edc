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
from types import SimpleNamespace

import numpy as np
import pandas as pd

from . import core, periods, schema, units
from .columns import isin, map_distinct

# Kinds whose figures can be said to grow by a percentage.
GROWTH_KINDS = ("level", "growth_rate", "multiple")
BASE_AFTER_AS_OF = "the base figure is from after the date assessed (--as-of): the target was not yet set then"


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
    departments: set | None = None  # the departments --unit chose (None: every one)


# --------------------------------------------------------------------------
# Targets with what they need from the indicator and document tables


def _prepare(ds, targets: pd.DataFrame) -> pd.DataFrame:
    defs = ds.defs
    t = targets.reset_index(drop=True).copy()
    ind = defs.indicators
    # Each target's indicator found once; its fields taken by position.
    at = ind.index.get_indexer(t["indicator"])
    known = at >= 0

    def of_indicator(column, default, fill=True):
        """The indicator's ``column`` for each target; ``default`` for an
        unknown indicator (and for an empty field, when ``fill``)."""
        if column not in ind or not len(ind):
            return np.full(len(t), default, dtype=object)
        values = ind[column].to_numpy(dtype=object)[np.where(known, at, 0)]
        return np.where(known & (pd.notna(values) if fill else True), values, default)

    t["name"] = of_indicator("name", np.nan, fill=False)
    t["name_en"] = of_indicator("name_en", np.nan, fill=False)
    t["unit"] = of_indicator("unit", "")
    t["direction"] = of_indicator("direction", "up")
    t["measure"] = of_indicator("measure", "stock")
    docs = defs.documents
    t["issued_index"] = t["document"].map(docs["issued_index"]) if len(docs) else np.nan
    t["issued_index"] = pd.to_numeric(t["issued_index"], errors="coerce")
    if "formula" in ind.columns and ind["formula"].notna().any():  # a derived indicator waits for its inputs
        from .derived import publication_lags

        lags = publication_lags(ind, schema.DEFAULT_PUBLICATION_LAG)
        t["publication_lag"] = np.array([lags.get(i, schema.DEFAULT_PUBLICATION_LAG) for i in t["indicator"]],
                                        dtype=float)
    else:
        t["publication_lag"] = of_indicator("publication_lag", schema.DEFAULT_PUBLICATION_LAG).astype(float)
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
    raw = obs.loc[wanted, cols[1:]]
    raw.insert(0, "key", pair[wanted])
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
    full = rows[rows["index"] % 12 == 0][["t_row", "year", "value", "from_year", "provisional"]].sort_values(
        ["t_row", "year"])
    full["cum"] = full.groupby("t_row")["value"].cumsum()
    full["n"] = full.groupby("t_row").cumcount() + 1
    # A sum with a provisional term is provisional.
    full["cum_prov"] = full["provisional"].astype(int).groupby(full["t_row"]).cummax().astype(bool)
    prev = full.rename(columns={"year": "prev_year", "cum": "prev_cum", "n": "prev_n", "cum_prov": "prev_prov"})[
        ["t_row", "prev_year", "prev_cum", "prev_n", "prev_prov"]]
    rows["prev_year"] = rows["year"] - 1
    rows = rows.merge(prev, on=["t_row", "prev_year"], how="left")
    first_year = rows["year"] == rows["from_year"]
    contiguous = first_year | (rows["prev_n"] == rows["year"] - rows["from_year"])
    before = np.where(first_year, 0.0, rows["prev_cum"])
    rows["value"] = np.where(contiguous, before + rows["value"], np.nan)
    rows["provisional"] = rows["provisional"].astype(bool) | (rows["prev_prov"].fillna(False).astype(bool) & ~first_year)
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
    index, value = found["index"], found["value"]
    period, provisional = found["period"], found["provisional"]
    note = np.where(
        pinned, "no figure for the base period",
        np.where(t["issued_index"].isna(), "no base: pin base.period or cite a document with an issue date",
                 "no figure before the document was issued"),
    )
    note = np.where(np.isnan(value), note, "").astype(object)
    # 新增 counted as flows and 每年 targets start from zero at the end of the
    # year before the first year counted.
    zero = (t["mode"] == "cumulative").to_numpy()
    if zero.any():
        start = (t["from_year"].fillna(0).astype(int) * 12).to_numpy(dtype=float)
        index[zero], value[zero], provisional[zero], note[zero] = start[zero], 0.0, False, ""
        period[zero] = map_distinct(start[zero], periods.format_period)
    # Milestones (done/not yet) have no base figure: anything observed counts.
    ms = (t["mode"] == "milestone").to_numpy()
    index[ms], value[ms], period[ms], note[ms] = -np.inf, 0.0, None, ""
    return pd.DataFrame({"base_index": index, "base_value": value, "base_period": period,
                         "base_provisional": provisional, "base_note": note,
                         "base_reference_value": found["ref_value"]}, index=t.index)


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
    """Assess the targets of ``regions`` (all when None) at ``options.as_of``.

    In the order a planner explains a target: the figures it reads (series),
    the points it is judged at (checkpoints), where it started and where it
    stands (base and latest), the goal and the arithmetic, the status, and
    one row per target."""
    settings = ds.settings
    tt = ds.defs.targets if targets is None else targets
    if regions is not None:
        tt = tt[tt["region"].isin(regions)]
    if not len(tt):
        empty = pd.DataFrame(columns=ROW_FIELDS)
        return Assessment(empty, pd.DataFrame(), options, settings)
    t = _prepare(ds, tt)
    keys = _Keys(ds, t)
    lookup = _Lookup(_series(ds, t, keys))
    cp = _checkpoints(t)
    c = _per_checkpoint(t, cp, options, settings)
    _base_and_latest(c, _bases(t, lookup, keys), lookup, keys)
    _goal(c)
    _arithmetic(c)
    _status(c, options)
    _international(c, options)
    cp = _checkpoint_table(cp, c)
    rows = _rows(t, cp, options)
    return Assessment(rows, cp, options, settings)


class _Checkpoints(SimpleNamespace):
    """The checkpoints as named columns (numpy arrays of equal length)."""


def _per_checkpoint(t: pd.DataFrame, cp: pd.DataFrame, options: Options, settings: dict) -> _Checkpoints:
    """What each checkpoint needs from its target: kind, series, comparator,
    its own tolerance and thresholds, and its times (year end, cutoff)."""
    ti = cp["t"].to_numpy()

    def g(col):
        return t[col].to_numpy()[ti]

    def own_or(col, default):
        """The target's own setting (tolerance, thresholds), else the default."""
        value = g(col).astype(float)
        return np.where(np.isnan(value), default, value)

    c = _Checkpoints(ti=ti, g=g, as_of=options.as_of)
    c.kind, c.mode, c.role = g("kind"), g("mode"), cp["role"].to_numpy()
    c.year = cp["cp_year"].to_numpy()
    c.goal_raw = cp["goal_raw"].to_numpy(dtype=float)
    c.t_end = (c.year * 12 + 12).astype(float)
    c.cutoff = np.minimum(options.as_of, c.t_end)
    c.year_mode = c.mode == "year"
    c.milestone = c.kind == "milestone"
    comparator = g("comparator")
    c.comparator = comparator
    c.lower = np.isin(comparator, ["<=", "<"]) | ((comparator == "~") & (g("direction") == "down"))
    # A cap on a yearly flow (事故 ≤100 a year): only the year's full figure meets it.
    flow_year = (c.mode == "annual_total") | (c.year_mode & (g("counting") != "stock"))
    c.cap_flow = c.lower & flow_year
    c.annual_total = c.mode == "annual_total"
    c.tol = own_or("tolerance", _setting(options.tolerance, settings["tolerance"]))
    th = _thresholds(options, settings)
    c.th_ahead = own_or("threshold_ahead", th["ahead"])
    c.th_on_track = own_or("threshold_on_track", th["on_track"])
    c.th_behind = own_or("threshold_behind", th["behind"])
    c.lag = g("publication_lag").astype(float)
    c.stale_months = _setting(options.stale_months, settings["stale_months"])
    kind_path = map_distinct(c.kind, lambda k: settings["paths"].get(
        k, "compound" if k in schema.COMPOUND_KINDS else "linear"))
    override = g("path")
    c.path_choice = np.where(pd.isna(override), kind_path, override)
    return c


def _base_and_latest(c: _Checkpoints, bases: pd.DataFrame, lookup: _Lookup, keys: _Keys) -> None:
    """Where each checkpoint starts (B at b) and stands (L at l).

    The target's base; a 每年 year starts at the end of the year before (zero
    for flows, the stock's figure for stocks). The latest figure is the newest
    on or before the cutoff (--as-of, at most the checkpoint's year end), and
    counts only after the base (without a base: after the document was
    issued). A year-to-date figure of a flow in the checkpoint's own year is
    read within the year, from zero at its start."""
    g, ti = c.g, c.ti
    c.b_index = bases["base_index"].to_numpy()[ti].astype(float)
    c.b_value = bases["base_value"].to_numpy()[ti].astype(float)
    c.b_period = bases["base_period"].to_numpy()[ti].astype(object)
    c.b_prov = bases["base_provisional"].to_numpy()[ti].astype(bool)
    c.b_note = bases["base_note"].to_numpy()[ti].astype(object)
    c.b_ref = bases["base_reference_value"].to_numpy()[ti].astype(float)
    ym = c.year_mode
    # A base figure published after the date assessed (--as-of before the
    # document was issued) was not known then: no base, said so.
    unseen = ~ym & (c.b_index > c.as_of)
    if unseen.any():
        c.b_value[unseen], c.b_period[unseen], c.b_prov[unseen] = np.nan, None, False
        c.b_ref[unseen] = np.nan
        c.b_note[unseen] = BASE_AFTER_AS_OF
    if ym.any():
        prev_end = (c.year * 12).astype(float)
        stock = ym & (g("counting") == "stock")
        flow = ym & ~stock
        c.b_index[ym] = prev_end[ym]
        c.b_value[flow] = 0.0
        c.b_period[flow] = map_distinct(prev_end[flow], periods.format_period)
        c.b_prov[flow] = False
        c.b_note[flow] = ""
        if stock.any():
            found = lookup(keys.raw(g("region")[stock], g("indicator")[stock]), prev_end[stock], exact=True)
            c.b_value[stock] = found["value"]
            c.b_period[stock] = found["period"]
            c.b_prov[stock] = found["provisional"]
            c.b_note[stock] = np.where(np.isnan(c.b_value[stock]), "no year-end figure for the year before", "")

    latest = lookup(_target_keys(keys, c.mode, g("region"), g("indicator"), ti), c.cutoff)
    c.l_index, c.l_value, c.l_period, c.l_prov = latest["index"], latest["value"], latest["period"], latest["provisional"]
    c.ref_value = latest["ref_value"]
    within = ym.copy()
    af = c.mode == "annual_total"
    if af.any():
        ytd = lookup(keys.raw(g("region"), g("indicator")), c.cutoff)
        y_index = ytd["index"]
        use = af & (y_index % 12 != 0) & ((y_index - 1) // 12 == c.year) & ~(c.l_index >= y_index)
        if use.any():
            for name, col in (("l_index", "index"), ("l_value", "value"), ("l_period", "period"),
                              ("l_prov", "provisional")):
                getattr(c, name)[use] = ytd[col][use]
            within |= use
    c.within = within
    # Within-year checkpoints of a year's total count from zero at the start of the year.
    wy = within & ~ym
    c.cb_index = np.where(wy, (c.year * 12).astype(float), c.b_index)
    c.cb_value = np.where(wy, 0.0, c.b_value)

    c.has_base = ~np.isnan(c.b_value)
    start = np.where(c.has_base, c.b_index, g("issued_index").astype(float))
    c.has_latest = ~np.isnan(c.l_value) & (c.l_index > np.where(np.isnan(start), -np.inf, start))
    if ym.any():  # a 每年 year needs a figure inside that year
        c.has_latest &= ~ym | (((c.l_index - 1) // 12) == c.year)
    c.final_in = c.has_latest & (c.l_index >= c.t_end)


def _goal(c: _Checkpoints) -> None:
    """The goal in the units of the series: a growth rate compounds over the
    plan's whole length (V = B × (1 + g)^n); 翻番 multiplies the base; 新增 of
    a stock adds to it; a relative target's series is a gap with goal 0; a
    milestone's goal is 1 (done). Growth from a zero or negative base has no
    meaning: no goal."""
    kind, mode = c.kind, c.mode
    n_plan = (c.t_end - c.b_index) / 12
    grows = np.isin(kind, ["growth_rate", "multiple"])
    c.bad_base = grows & c.has_base & (c.b_value <= 0)
    c.goal = np.select(
        [kind == "growth_rate", kind == "multiple", (kind == "increase") & (mode != "cumulative"),
         c.year_mode & (c.g("counting") == "stock"), kind == "relative", kind == "milestone"],
        [core.compound_value(c.b_value, c.goal_raw / 100, n_plan), c.b_value * c.goal_raw, c.b_value + c.goal_raw,
         c.b_value + c.goal_raw, 0.0, 1.0],
        default=c.goal_raw,
    )
    c.goal = np.where(c.bad_base, np.nan, c.goal)
    c.goal_known = ~np.isnan(c.goal)


def _arithmetic(c: _Checkpoints) -> None:
    """Progress, 序时进度 (time elapsed), 路径进度 (the compound path's share),
    the gap, growth and change planned, achieved and still required, the
    shortfall, and where the pace so far leads."""
    kind, mode, nan = c.kind, c.mode, np.full(len(c.kind), np.nan)
    n = (c.t_end - c.cb_index) / 12
    e = (c.l_index - c.cb_index) / 12
    r = (c.t_end - c.l_index) / 12
    c.n, c.e, c.r = n, e, r
    meets_now = core.meets(c.l_value, c.goal, c.comparator, c.tol, c.lower) & c.has_latest
    # A cap on a yearly flow is met only by the figure of its whole year; a
    # year-to-date figure above the cap has broken it (a flow only adds up).
    c.met = meets_now & ~(c.cap_flow & ~c.final_in)
    # A year's total of a flow meets a floor for its own year only: 2024's 5.5亿元
    # is no 2025 total of 5亿元 (in January 2025 it says the pace is ahead).
    c.early_total = c.annual_total & ~c.lower & (c.l_index <= c.t_end - 12) & meets_now
    c.met &= ~c.early_total
    c.broken = c.cap_flow & c.within & c.has_latest & ~meets_now & ~c.final_in & c.goal_known
    # A base that already meets the goal leaves no way to cover: no progress.
    plain = ~c.within & ~c.milestone & ~np.isin(mode, ["cumulative", "year"])
    c.base_meets = plain & c.has_base & core.meets(c.b_value, c.goal, c.comparator, c.tol, c.lower)
    measurable = c.has_base & c.has_latest & ~c.base_meets & ~(c.cap_flow & c.within)
    prog = np.where(c.milestone, c.l_value, core.progress(c.cb_value, c.l_value, c.goal))
    c.progress = np.where(measurable | (c.milestone & c.has_latest), prog, nan)
    timed = c.has_base & c.has_latest & ~c.milestone
    c.expected = np.where(timed, core.elapsed_share(e, n), nan)
    c.compound = (c.path_choice == "compound") & ~c.within
    c.path_progress = np.where(timed & c.compound, core.path_share(e, n, c.cb_value, c.goal), nan)
    # The status follows the target's own path: the compound share where it is
    # defined, else time elapsed.
    pace = np.where(np.isnan(c.path_progress), c.expected, c.path_progress)
    c.gap = np.where(c.milestone, nan, core.gap_points(c.progress, pace))

    growthy = (np.isin(kind, GROWTH_KINDS) | ((kind == "increase") & (mode != "cumulative"))) & ~c.within
    c.growthy = growthy
    c.planned_growth = np.where(growthy, core.cagr(c.cb_value, c.goal, n), nan)
    c.actual_growth = np.where(growthy & c.has_latest, core.cagr(c.cb_value, c.l_value, e), nan)
    c.planned_change = np.where(c.milestone, nan, core.annual_change(c.cb_value, c.goal, n))
    c.actual_change = np.where(c.milestone | ~c.has_latest, nan, core.annual_change(c.cb_value, c.l_value, e))
    # What is still required: from the latest figure over the years left; in
    # the plan's last year, what is still needed by its end (not annualised).
    c.deadline_passed = c.as_of >= c.t_end
    need = c.has_latest & ~c.met & c.goal_known & ~c.deadline_passed & ~c.milestone & ~(c.cap_flow & c.within)
    last_year = r < 1
    c.required_growth = np.where(growthy & need, np.where(last_year, core.still_needed_growth(c.l_value, c.goal),
                                                          core.cagr(c.l_value, c.goal, r)), nan)
    c.required_change = np.where(need, np.where(last_year, c.goal - c.l_value,
                                                core.annual_change(c.l_value, c.goal, r)), nan)
    # 0 when met: 47.5 against 50左右 (within the tolerance) falls short of nothing.
    c.shortfall = np.where(c.has_latest & ~c.milestone,
                           np.where(c.met, 0.0, core.shortfall(c.l_value, c.goal, c.lower)), nan)
    # The scale a shortfall is measured against: the goal (a relative
    # target's: the reference region's figure).
    c.scale = np.where(kind == "relative", c.ref_value, c.goal)
    _projection(c)


def _projection(c: _Checkpoints) -> None:
    """Where the pace so far leads: the value at the checkpoint's year end and
    the year the goal is reached (compound pace on a compound path, linear
    otherwise). A flow read within its year restarts each January: a goal not
    reached by the year end at this pace is not reached."""
    nan = np.full(len(c.kind), np.nan)
    comp_pace = c.compound & c.growthy
    pace_known = c.has_latest & c.has_base & ~c.milestone
    projected = np.where(comp_pace, core.compound_value(c.l_value, c.actual_growth, c.r),
                         c.l_value + c.actual_change * c.r)
    # A straight line runs past what a figure can be: no place before 第1位,
    # no count below zero (a relative target's series is a gap: it may be).
    counts = map_distinct(c.g("unit"), lambda u: units.is_known(u) and units.dimension(u) in units.COUNTS)
    floor = np.where(c.kind == "rank", 1.0, np.where(counts.astype(bool) & (c.kind != "relative"), 0.0, -np.inf))
    c.projected = np.where(pace_known, np.maximum(projected, floor), nan)
    yrs = core.years_to_reach(c.l_value, c.goal, np.where(comp_pace, c.actual_growth, c.actual_change), comp_pace)
    reach_index = c.l_index + yrs * 12
    # 突破/低于 a value the latest figure equals is passed only after now, and
    # only by a pace that moves past it (0.45 in 2025 against <0.45: not 2025).
    at_strict = np.isin(c.comparator, [">", "<"]) & (c.l_value == c.goal) & ~c.met
    pace = np.where(comp_pace, c.actual_growth, c.actual_change)
    passes = np.where(c.comparator == ">", pace > 0, pace < 0)
    reach_index = np.where(at_strict, np.where(passes, c.l_index + 1e-6, np.nan), reach_index)
    # A pace that lands exactly on a 突破/低于 value at a year end passes it only
    # after that year end: 250 → 275 a year reaches 300 at the end of 2024,
    # passes >300 in 2025.
    strict = np.isin(c.comparator, [">", "<"]) & ~at_strict
    reach_index = np.where(strict, reach_index + 1e-6, reach_index)
    # year_of(index) = (ceil(index) - 1) // 12; the slack keeps an exact
    # year end (2025*12+12) in 2025 despite rounding.
    year = np.where(yrs <= 100, (np.ceil(reach_index - 1e-9) - 1) // 12, np.nan)
    year = np.where(c.within & (reach_index > c.t_end + 1e-9), np.nan, year)
    # A year's running total rising to its cap is not a goal reached.
    year = np.where(c.cap_flow, np.nan, year)
    year = np.where(c.met, (c.l_index - 1) // 12, year)
    # A year's total already above the goal: the next year's total, at a pace
    # that does not fall below it, is the first to count.
    next_total = np.where(comp_pace, core.compound_value(c.l_value, c.actual_growth, 1), c.l_value + c.actual_change)
    next_meets = core.meets(next_total, c.goal, c.comparator, c.tol, c.lower)
    year = np.where(c.early_total & next_meets, (c.l_index - 1) // 12 + 1, year)
    c.projected_year = np.where(pace_known | c.met, year, nan)


def _overdue(c: _Checkpoints) -> np.ndarray:
    """A figure that should by now be published is missing: year Y's figure
    is due by the end of ``publication_lag`` months after Y. The latest due
    year (at most the checkpoint's year) must have a figure at its end or
    later. A milestone (done or not) owes only the figure for its own year."""
    due_year = (c.as_of - c.lag) // 12 - 1
    due_end = np.minimum(due_year, c.year) * 12 + 12
    known_until = np.where(c.has_latest, c.l_index, np.where(c.has_base, c.b_index, np.nan))
    late = ~np.isnan(known_until) & (due_end > known_until)
    milestone_late = (due_year >= c.year) & ~c.final_in
    return np.where(c.milestone, milestone_late, late) & ~c.met


def _status(c: _Checkpoints, options: Options) -> None:
    """The status and the note that says why, by the first rule that holds
    (docs/methodology.md, Status)."""
    kind = c.kind
    overdue = _overdue(c)
    short_share = core.share_of(c.shortfall, c.scale)
    over_pace = core.share_of(core.shortfall(c.projected, c.goal, c.lower), c.goal)
    pace_ok = core.meets(c.projected, c.goal, c.comparator, c.tol, c.lower)
    year_over_late = c.as_of >= c.t_end + c.lag
    graded = core.grade(c.gap, c.th_ahead, c.th_on_track, c.th_behind)
    no_latest_note = np.where(~c.has_base, c.b_note, np.where(
        ~np.isnan(c.l_value) & c.year_mode, "no figure in this year yet", "no figure after the base"))
    rules = [
        (~c.has_latest & overdue, "overdue", "a figure that should by now be published is missing"),
        (~c.has_latest, "no_data", no_latest_note),
        (c.bad_base, "no_data", "growth from a zero or negative base has no meaning"),
        (~c.goal_known, "no_data", c.b_note),
        (c.met, "achieved", ""),
        (c.broken, "missed", "the cap is already exceeded this year"),
        (c.final_in, "missed", ""),
        (c.deadline_passed & year_over_late, "overdue", "its year is over and the figure for its end is overdue"),
        # The year-end figure is not due yet, but an earlier one is missing
        # (2024's, due by 2025-06, as of 2026-01): still overdue, not no_data.
        (c.deadline_passed & overdue, "overdue", "a figure that should by now be published is missing"),
        (c.deadline_passed, "no_data", "its year is over and there is no figure for the end of it"),
        (overdue, "overdue", "a figure that should by now be published is missing"),
        (c.milestone, "on_track", "not yet done"),
        (~c.has_base & (kind == "relative"), "behind",
         "no base: judged met or not at the latest common period; the pace cannot be judged"),
        (~c.has_base, "no_data", c.b_note),
        (c.base_meets, core.grade_shortfall(short_share, c.th_behind),
         "the base already met the goal: judged by how far the latest figure falls short of it"),
        (c.cap_flow & c.within & pace_ok, "on_track", schema.CAP_PACE_NOTE),
        (c.cap_flow & c.within, core.grade_shortfall(over_pace, c.th_behind), schema.CAP_PACE_NOTE),
        (np.isnan(c.gap), "behind", "the goal equals the base: progress undefined"),
        (c.within & ~c.year_mode, graded, schema.YEAR_TO_DATE_NOTE),
    ]
    conditions = [np.asarray(cond, dtype=bool) for cond, _, _ in rules]
    c.status = np.select(conditions, [np.broadcast_to(np.asarray(s, dtype=object), c.kind.shape) for _, s, _ in rules],
                         default=graded).astype(object)
    c.note = np.select(conditions, [np.broadcast_to(np.asarray(m, dtype=object), c.kind.shape) for _, _, m in rules],
                       default="").astype(object)
    c.overdue = overdue


def _international(c: _Checkpoints, options: Options) -> None:
    """The international measure: growth achieved ÷ growth planned (CAGR) for
    figures that grow by a percentage; for figures that move in their own
    unit (百分点, places, a running sum, a year's flow, a gap) the change a
    year achieved ÷ planned. Not graded: milestones, caps on a year's flow,
    and targets whose base already met the goal. With --method sdg the
    category sets the status where the planner rule grades by pace."""
    nan = np.full(len(c.kind), np.nan)
    linear = ~c.growthy & ~c.milestone & ~(c.cap_flow & c.within)
    ratio = np.where(c.growthy, core.cagr_ratio(c.actual_growth, c.planned_growth),
                     np.where(linear, core.change_ratio(c.actual_change, c.planned_change), nan))
    ratio = np.where(c.has_latest & c.has_base & ~c.base_meets, ratio, nan)
    c.ratio = ratio
    category = core.cagr_category(ratio, c.met)
    c.category = np.where(c.has_latest & (category != ""), category, None).astype(object)  # missing: null in JSON
    if options.method != "sdg":
        return
    graded = np.isin(c.status, ["ahead", "on_track", "behind", "off_track"])
    mapped = map_distinct(c.category, lambda k: core.CAGR_TO_STATUS.get(k, ""))
    use = graded & (mapped != "")
    c.status = np.where(use, mapped, c.status).astype(object)
    refused = graded & ~use
    c.note = np.where(refused, "not graded by --method sdg (no growth or change to compare): planner status shown",
                      c.note).astype(object)


def _checkpoint_table(cp: pd.DataFrame, c: _Checkpoints) -> pd.DataFrame:
    """Every checkpoint with its computation, for explain, JSON and the rows."""
    g, nan = c.g, np.full(len(c.kind), np.nan)
    has = c.has_latest
    # One frame made at once: DataFrame.assign inserts its fifty columns one by one.
    columns = {name: cp[name] for name in cp.columns}
    columns.update(
        kind=c.kind, mode=c.mode, t_end=c.t_end, cutoff=c.cutoff,
        target_id=g("target_id"), region=g("region"), indicator=g("indicator"),
        # The plan's base is what is shown; a year-to-date figure is measured
        # from zero at the start of its year (calc_base_*).
        base_index=c.b_index, base_value=c.b_value, base_period=c.b_period,
        calc_base_index=c.cb_index, calc_base_value=c.cb_value,
        latest_index=np.where(has, c.l_index, nan), latest_value=np.where(has, c.l_value, nan),
        latest_period=np.where(has, c.l_period, None),
        goal_value=c.goal, reference_value=np.where(c.kind == "relative", c.ref_value, nan),
        base_reference_value=np.where(c.kind == "relative", c.b_ref, nan),
        years_total=c.n, years_elapsed=np.where(has, c.e, nan), years_remaining=np.where(has, c.r, nan),
        path=np.where(c.compound, "compound", "linear"), within_year=c.within,
        progress=c.progress, expected_progress=c.expected, path_progress=c.path_progress,
        gap_points=c.gap, met=c.met, base_met=c.base_meets, shortfall=c.shortfall,
        planned_annual_growth=c.planned_growth, actual_annual_growth=c.actual_growth,
        required_annual_growth=c.required_growth, planned_annual_change=c.planned_change,
        actual_annual_change=c.actual_change, required_annual_change=c.required_change,
        projected_value=c.projected, projected_year=c.projected_year,
        cagr_ratio=c.ratio, cagr_category=c.category,
        threshold_ahead=c.th_ahead, threshold_on_track=c.th_on_track, threshold_behind=c.th_behind,
        tolerance=c.tol, publication_lag=c.lag,
        status=c.status, stale=has & (c.as_of - c.l_index > c.stale_months),
        provisional=has & (c.l_prov | (c.b_prov & c.has_base)),
        # which of the two is provisional, for the mark beside it (not output fields)
        base_provisional=has & c.b_prov & c.has_base, latest_provisional=has & c.l_prov,
        note=c.note,
    )
    return pd.DataFrame(columns, index=cp.index)


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
    "path_progress", "gap_points", "planned_annual_growth", "required_annual_change", "actual_annual_change",
    "goal_value", "reference", "reference_value", "projected_value", "projected_year", "shortfall",
    "stretch_value", "stretch_status", "milestone_year", "milestone_value", "milestone_status",
    "checkpoints", "cagr_ratio", "cagr_category", "stale", "provisional", "note",
    "document", "clause", "quote", "name_en",
]
# The rows also carry year_to_date, written after lead, units and derived
# (departments.ADDED_FIELDS): a field added at the end breaks no column order.
# and which of base and latest is provisional (for the mark beside each; not
# written: the contract's `provisional` says either).
MARK_FIELDS = ("base_provisional", "latest_provisional")
ROW_FIELDS = [*OUTPUT_FIELDS, "year_to_date", *MARK_FIELDS]


def _rows(t: pd.DataFrame, cp: pd.DataFrame, options: Options) -> pd.DataFrame:
    as_of_year = periods.year_of(options.as_of)
    # The checkpoint that stands for the target: its final one, or for a 每年
    # target the latest year with a figure (else the current year).
    role = cp["role"].to_numpy()
    pos = np.flatnonzero(role == "final")
    is_year = role == "year"
    if is_year.any():
        years = cp.loc[is_year, ["t", "cp_year", "latest_value"]]
        years["has"] = years["latest_value"].notna()
        years["first"] = years.groupby("t")["cp_year"].transform("min")
        years["last"] = years.groupby("t")["cp_year"].transform("max")
        current = np.clip(as_of_year, years["first"], years["last"])
        years["rank"] = np.where(years["has"], years["cp_year"] + 10_000, np.where(years["cp_year"] == current, 1, 0))
        pick = years.sort_values(["t", "rank"]).groupby("t").tail(1)
        pos = np.concatenate([pos, cp.index.get_indexer(pick.index)])
    owners = cp["t"].to_numpy()
    pos = pos[np.argsort(owners[pos], kind="stable")]
    ti = owners[pos]

    def main(c):
        """A column of the checkpoints chosen, by position: selecting the rows
        of the table would copy its fifty columns."""
        return cp[c].to_numpy()[pos]

    # Columns are gathered as arrays and made a frame once (a frame's column
    # assignment costs far more than the arithmetic for a few hundred rows).
    col = {c: t[c].to_numpy()[ti] for c in ("region", "target_id", "indicator", "name", "name_en", "unit", "kind",
                                            "comparator", "reference", "document", "clause", "quote")}
    # Figures are shown as the planner knows them: a share in %, a 新增 as
    # the count added, a relative target as the region's own figure.
    for c in ("base_period", "base_value", "latest_period", "latest_value", "progress", "expected_progress",
              "path_progress", "shortfall",
              "status", "gap_points", "planned_annual_growth", "required_annual_change", "actual_annual_change",
              "goal_value", "reference_value", "projected_value", "projected_year", "cagr_ratio",
              "cagr_category", "stale", "provisional", "note", "required_annual_growth", "actual_annual_growth",
              *MARK_FIELDS):
        col[c] = main(c)
    col["target_year"] = main("cp_year")
    # Judged on a total from January to a month of its year, from 0 at the
    # year's start: progress = latest ÷ goal, actual_annual_change the year's
    # total at this pace (a flow in its target year, the current year of a 每年 flow).
    latest_index = main("latest_index").astype(float)
    col["year_to_date"] = (main("within_year").astype(bool) & (latest_index % 12 != 0)
                           & (main("calc_base_value").astype(float) == 0))
    col["target_value"] = np.where(np.isin(col["kind"], ["relative", "milestone"]), np.nan,
                                   main("goal_raw"))
    relative = col["kind"] == "relative"
    if relative.any():
        # The series of a relative target is the gap to the reference region;
        # show the region's own figures, and the reference's as the goal.
        ref_latest = main("reference_value").astype(float)
        ref_base = main("base_reference_value").astype(float)

        def replaced(name, values):
            column = col[name].copy()
            column[relative] = values[relative]
            col[name] = column

        replaced("latest_value", main("latest_value").astype(float) + ref_latest)
        replaced("base_value", main("base_value").astype(float) + ref_base)
        replaced("target_value", ref_latest)
        replaced("goal_value", ref_latest)
        # projected with the reference held at its latest figure
        replaced("projected_value", main("projected_value").astype(float) + ref_latest)

    # Stretch (力争) beside the floor.
    st = cp.loc[cp["role"].to_numpy() == "stretch", ["t", "goal_raw", "status"]].set_index("t")
    col["stretch_value"] = st["goal_raw"].reindex(ti).to_numpy()
    col["stretch_status"] = st["status"].reindex(ti).to_numpy()
    col.update(_milestone_columns(cp, ti, options.as_of))
    col["checkpoints"] = _checkpoints_cell(cp, ti)
    out = pd.DataFrame(col, index=ti)
    _past_years(out, cp, ti)
    out["note"] = out["note"].where(out["note"].astype(bool), None)
    for c in ("target_year", "projected_year", "milestone_year"):
        out[c] = pd.array(pd.to_numeric(out[c], errors="coerce").round(), dtype="Int64")
    out = out.reset_index(drop=True)
    return out[ROW_FIELDS]


def _milestone_columns(cp: pd.DataFrame, ti: np.ndarray, as_of: float) -> dict:
    """Interim milestones: the one most recently due (its year over by
    ``as_of``: in July 2025 the 2024 one, not 2025's still running), else the
    next one."""
    ms = cp.loc[cp["role"].to_numpy() == "milestone", ["t", "cp_year", "goal_raw", "status"]]
    if not len(ms):
        return {"milestone_year": np.full(len(ti), np.nan), "milestone_value": np.full(len(ti), np.nan),
                "milestone_status": np.full(len(ti), None, dtype=object)}
    ms["due"] = ms["cp_year"] * 12 + 12 <= as_of
    ms["order"] = np.where(ms["due"], ms["cp_year"], -ms["cp_year"] - 10_000)
    pick = ms.sort_values(["t", "order"]).groupby("t").tail(1).set_index("t")
    return {"milestone_year": pick["cp_year"].reindex(ti).to_numpy(),
            "milestone_value": pick["goal_raw"].reindex(ti).to_numpy(),
            "milestone_status": pick["status"].reindex(ti).to_numpy()}


def _checkpoints_cell(cp: pd.DataFrame, ti: np.ndarray) -> np.ndarray:
    """Every checkpoint in one readable cell: 2023:500:no_data;2025:600:behind"""
    owners = cp["t"].to_numpy()
    counted = np.isin(cp["role"].to_numpy(), ["milestone", "year", "final"])  # a 力争 value is no checkpoint here
    many = np.bincount(owners[counted], minlength=owners.max() + 1 if len(owners) else 0)[owners] > 1
    cps = cp.loc[counted & many,
                 ["t", "cp_year", "goal_raw", "status"]].sort_values(["t", "cp_year"], kind="stable")
    if not len(cps):
        return np.full(len(ti), None, dtype=object)
    text = [f"{y}:{g}:{st}" for y, g, st in zip(cps["cp_year"].tolist(), map_distinct(cps["goal_raw"], _fmt).tolist(),
                                               cps["status"].tolist())]
    owner = cps["t"].to_numpy()
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    ends = np.r_[starts[1:], len(owner)]
    joined = pd.Series([";".join(text[a:b]) for a, b in zip(starts, ends)], index=owner[starts], dtype=object)
    return joined.reindex(ti).to_numpy()


def _past_years(out: pd.DataFrame, cp: pd.DataFrame, ti: np.ndarray) -> None:
    """A 每年 target answers for every year: a past year missed makes the row
    missed, a past year's figure overdue makes it overdue (the years are named
    in the note; the row's figures stay those of the year shown)."""
    years = cp.loc[cp["role"].to_numpy() == "year", ["t", "cp_year", "status"]]
    if not len(years):
        return
    for status, note in (("overdue", "a past year's figure is overdue: {years}"),
                         ("missed", "a past year was missed: {years}")):
        bad = years[years["status"] == status]
        if not len(bad):
            continue
        by_target: dict = {}  # plain lists: a groupby apply costs a Python call per target
        for t, y in sorted(zip(bad["t"].to_numpy().tolist(), bad["cp_year"].to_numpy().tolist())):
            by_target.setdefault(t, []).append(str(int(y)))
        named = {t: ", ".join(ys) for t, ys in by_target.items()}
        hit = np.fromiter((t in named for t in ti.tolist()), bool, len(ti))
        if hit.any():
            out.loc[out.index[hit], "status"] = status
            out.loc[out.index[hit], "note"] = [note.format(years=named[i]) for i in ti[hit]]


def _fmt(x: float) -> str:
    """A value in full for the checkpoints cell: 1500000, 17.6, never 1.5e+06."""
    if pd.isna(x):
        return ""
    text = f"{x:.15g}"
    if "e" in text:
        text = f"{x:.15f}".rstrip("0").rstrip(".")
    return text
