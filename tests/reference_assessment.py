"""A plain, target-by-target reading of docs/methodology.md, used only as an
oracle for the vectorised assessment (policygap/assess.py).

Deliberately written the slow and obvious way: Python loops and dicts, one
checkpoint at a time, no pandas joins, no numpy. If the two disagree, one of
them misreads the methodology.
"""

from __future__ import annotations

import math

REL_EPS = 1e-12


def _year_end(year: int) -> int:
    return year * 12 + 12


def _year_of(index: float) -> int:
    return (math.ceil(index) - 1) // 12


class Reference:
    def __init__(self, ds, as_of: int):
        self.ds = ds
        self.as_of = as_of
        self.settings = ds.settings
        self.obs: dict[tuple[str, str], dict[int, tuple[float, bool, str]]] = {}
        for r in ds.observations.itertuples(index=False):
            self.obs.setdefault((r.region, r.indicator), {})[int(r.index)] = (float(r.value), bool(r.provisional), r.period)
        self.ind = ds.defs.indicators
        self.docs = ds.defs.documents

    # -- series -----------------------------------------------------------

    def series(self, t) -> dict[int, float]:
        own = self.obs.get((t.region, t.indicator), {})
        measure = self.ind.at[t.indicator, "measure"]
        if t.kind == "relative":
            ref = self.obs.get((t.reference, t.indicator), {})
            return {i: own[i][0] - ref[i][0] for i in own if i in ref}
        if t.kind == "increase" and t.counting == "flow":
            start = int(t.from_year)
            full = {(i - 1) // 12: v[0] for i, v in own.items() if i % 12 == 0}  # year -> its total
            out = {}
            for i, (value, _p, _period) in own.items():
                year = (i - 1) // 12
                if year < start:
                    continue
                years = range(start, year)
                if all(y in full for y in years):
                    out[i] = sum(full[y] for y in years) + value
            return out
        if measure == "flow" and t.kind not in ("annual", "milestone"):
            return {i: v[0] for i, v in own.items() if i % 12 == 0}
        return {i: v[0] for i, v in own.items()}

    @staticmethod
    def newest(series: dict[int, float], at: float, after: float = -math.inf):
        best = None
        for i in series:
            if after < i <= at and (best is None or i > best):
                best = i
        return best

    # -- one checkpoint -----------------------------------------------------

    def judge(self, t, cp_year: int, goal_raw: float, role: str) -> dict:
        kind = t.kind
        t_end = _year_end(cp_year)
        cutoff = min(self.as_of, t_end)
        series = self.series(t)
        issued = self.docs.at[t.document, "issued_index"] if isinstance(t.document, str) else math.nan
        lag = self.ind.at[t.indicator, "publication_lag"]
        lag = 6 if lag != lag else lag
        due_year = (self.as_of - lag) // 12 - 1
        # base
        if kind == "milestone":
            b, B = -math.inf, 0.0
        elif kind == "increase" and t.counting == "flow":
            b, B = int(t.from_year) * 12, 0.0
        elif kind == "annual":
            b = cp_year * 12
            if t.counting == "flow":
                B = 0.0
            else:
                raw = self.obs.get((t.region, t.indicator), {})
                B = raw[b][0] if b in raw else None
        elif not math.isnan(t.base_index):
            b = int(t.base_index)
            B = series.get(b)
        else:
            b = self.newest(series, issued) if not math.isnan(issued) else None
            B = series.get(b) if b is not None else None
        has_base = B is not None
        # latest: after the base, or without one after the document's issue
        after = b if has_base else (issued if not math.isnan(issued) else -math.inf)
        lat = self.newest(series, cutoff, after=after)
        if kind == "annual" and lat is not None and (lat - 1) // 12 != cp_year:
            lat = None
        within = kind == "annual"
        calc_b, calc_B = b, B
        measure = self.ind.at[t.indicator, "measure"]
        flow_total = measure == "flow" and kind not in ("annual", "milestone", "relative") and not (
            kind == "increase" and t.counting == "flow")
        if flow_total:
            raw = self.obs.get((t.region, t.indicator), {})
            ytd = self.newest({i: v for i, v in raw.items() if i % 12 != 0}, cutoff)
            if ytd is not None and (ytd - 1) // 12 == cp_year and (lat is None or ytd > lat) and ytd > after:
                lat, within = ytd, True
                series = {**series, ytd: raw[ytd][0]}
                calc_b, calc_B = cp_year * 12, 0.0
        comp = t.comparator
        down = self.ind.at[t.indicator, "direction"] == "down"
        lower = comp in ("<=", "<") or (comp == "~" and down)
        cap_flow = lower and (flow_total or (kind == "annual" and t.counting == "flow"))
        final_in = lat is not None and lat >= t_end
        # overdue: the latest due year (at most cp_year) has no figure at its end or later
        known = lat if lat is not None else (b if has_base else None)
        if kind == "milestone":
            overdue = due_year >= cp_year and not final_in
        else:
            overdue = known is not None and min(due_year, cp_year) * 12 + 12 > known
        if lat is None:
            return {"status": "overdue" if overdue else "no_data"}
        L = series[lat]
        # goal
        n_plan = (t_end - b) / 12 if has_base else math.nan
        bad_base = kind in ("growth_rate", "multiple") and has_base and B <= 0
        if kind == "growth_rate":
            V = B * (1 + goal_raw / 100) ** n_plan if has_base else math.nan
        elif kind == "multiple":
            V = B * goal_raw if has_base else math.nan
        elif (kind == "increase" and t.counting != "flow") or (kind == "annual" and t.counting == "stock"):
            V = B + goal_raw if has_base else math.nan
        elif kind == "relative":
            V = 0.0
        elif kind == "milestone":
            V = 1.0
        else:
            V = goal_raw
        out = {"latest_index": lat}
        if bad_base or math.isnan(V):
            return {**out, "status": "no_data"}
        tol = t.tolerance if not math.isnan(t.tolerance) else self.settings["tolerance"]

        def meets(x):
            slack = REL_EPS * abs(V)
            if comp == ">=":
                return x >= V - slack
            if comp == ">":
                return x > V + slack
            if comp == "<=":
                return x <= V + slack
            if comp == "<":
                return x < V - slack
            band = tol * abs(V)
            return (x <= V + band + slack) if down else (x >= V - band - slack)

        meets_now = meets(L)
        met = meets_now and not (cap_flow and not final_in)
        # a year's total before the checkpoint's year is no total of that year
        if flow_total and not lower and lat <= t_end - 12:
            met = False
        broken = cap_flow and within and not meets_now and not final_in
        plain = not within and kind not in ("milestone", "annual") and not (kind == "increase" and t.counting == "flow")
        base_met = plain and has_base and meets(B)
        th = self.settings["thresholds"]
        progress = expected = path = gap = math.nan
        n = e = r = math.nan
        if has_base:
            n = (t_end - calc_b) / 12
            e = (lat - calc_b) / 12
            if kind == "milestone":
                progress = L
            else:
                expected = min(max(e / n, 0.0), 1.0)
                if not base_met and not (cap_flow and within):
                    progress = (L - calc_B) / (V - calc_B) if V != calc_B else math.nan
                if kind in ("growth_rate", "multiple") and not within and calc_B > 0 and V > 0 and V != calc_B:
                    path = ((V / calc_B) ** expected - 1) / (V / calc_B - 1)
                pace = path if not math.isnan(path) else expected
                gap = round((progress - pace) * 100, 9) if not math.isnan(progress) else math.nan
        r = (t_end - lat) / 12
        short = max((L - V) if lower else (V - L), 0.0)

        def by_shortfall(share):
            return "behind" if round(share, 9) <= -th["behind"] else "off_track"

        if met:
            status = "achieved"
        elif broken or final_in:
            status = "missed"
        elif self.as_of >= t_end:
            # overdue once the year-end figure is due, or while an earlier one is
            status = "overdue" if self.as_of >= t_end + lag or overdue else "no_data"
        elif overdue:
            status = "overdue"
        elif kind == "milestone":
            status = "on_track"
        elif not has_base:
            status = "behind" if kind == "relative" else "no_data"
        elif base_met:
            scale = abs(self.ref_at(t, lat)) if kind == "relative" else abs(V)
            status = by_shortfall(short / scale * 100)
        elif cap_flow and within:
            projected = L + (L - calc_B) / e * r
            over = max(projected - V, 0.0)
            status = "on_track" if meets(projected) else by_shortfall(over / abs(V) * 100)
        elif math.isnan(gap):
            status = "behind"
        else:
            status = ("ahead" if gap >= th["ahead"] else "on_track" if gap >= th["on_track"]
                      else "behind" if gap >= th["behind"] else "off_track")
        growthy = kind in ("level", "growth_rate", "multiple") or (kind == "increase" and t.counting != "flow")
        growthy = growthy and not within

        def cagr(a, z, years):
            return (z / a) ** (1 / years) - 1 if a is not None and a > 0 and z > 0 and years > 0 else math.nan

        need = not met and self.as_of < t_end and kind != "milestone" and not (cap_flow and within)
        if growthy and need:
            required = (V / L - 1 if L > 0 and V > 0 else math.nan) if r < 1 else cagr(L, V, r)
        else:
            required = math.nan
        return {
            **out, "status": status, "progress": progress, "expected_progress": expected, "path_progress": path,
            "gap_points": gap, "base_index": b, "goal_value": V,
            "actual_annual_growth": cagr(calc_B, L, e) if growthy and has_base else math.nan,
            "required_annual_growth": required,
        }

    def ref_at(self, t, index) -> float:
        return self.obs[(t.reference, t.indicator)][index][0]

    # -- one target: the row ------------------------------------------------

    def row(self, t) -> dict:
        if t.kind == "annual":
            years = range(int(t.from_year), int(t.year) + 1)
            judged = {y: self.judge(t, y, t.value, "year") for y in years}
            with_data = [y for y in years if "latest_index" in judged[y]]
            if with_data:
                year = max(with_data)
            else:
                year = min(max(_year_of(self.as_of), years[0]), years[-1])
            out = dict(judged[year])
            out["target_year"] = year
            # a past year missed (else overdue) is the row's status
            for bad in ("overdue", "missed"):
                if any(j["status"] == bad for j in judged.values()):
                    out["status"] = bad
        else:
            out = self.judge(t, int(t.year), t.value, "final")
            out["target_year"] = int(t.year)
            if not math.isnan(t.stretch):
                out["stretch_status"] = self.judge(t, int(t.year), t.stretch, "stretch")["status"]
            if t.milestones:
                due = [y for y in t.milestones if y <= _year_of(self.as_of)]
                pick = max(due) if due else min(t.milestones)
                out["milestone_year"] = pick
                out["milestone_status"] = self.judge(t, pick, t.milestones[pick], "milestone")["status"]
        return out
