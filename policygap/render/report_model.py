"""What the report shows, as plain data: regions, their documents, and per
target the bullet of the overview and the trajectory chart.

Everything here is read from the assessment (its rows and checkpoints, the
fields of docs/output-format.md) and, for the observed history a chart
draws, from the same figures the assessment read (``ds.observations``, on or
before ``--as-of``). Nothing is re-judged: statuses, progress, 序时进度, goals
and projections are the assessment's. The only values made here are the
points of a path between two of its figures (the plan's path from the base
to the goal, the path now required from the latest figure, the projection),
by the rule the methodology gives for the target's kind, so that a test can
check each drawn point against a formula.

Times are month indices (periods.py: the end of month M of year Y is
Y × 12 + M); a chart places the end of year Y at x = Y.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .. import periods
from . import fmt
from .words import provisional_mark, within_year



@dataclass
class Point:
    index: float  # month index
    value: float
    period: str = ""  # as in the data ("2024-04", "2022"); "" for a point on a path
    provisional: bool = False

    @property
    def x(self) -> float:
        """Position on a chart's time axis: the end of year Y at Y."""
        return (self.index - 12) / 12


@dataclass
class Checkpoint:
    """An interim milestone, a 力争 value, or a year of a 每年 target."""

    role: str  # milestone | stretch | year | final
    year: int
    value: float  # the value compared with (goal_value), in the chart's units
    status: str
    latest: float = math.nan  # the figure it is judged on
    latest_period: str = ""
    written: float = math.nan  # its value as the targets file writes it


@dataclass
class Trajectory:
    """One target's chart: the points and lines it draws."""

    target_id: str
    kind: str
    style: str  # time | ytd (months of one year) | years (每年) | timeline (节点任务)
    unit: str
    status: str
    invert: bool = False  # ranks: lower is better, axis upside down
    path: str = "linear"  # the plan's path: linear | compound
    observed: list[Point] = field(default_factory=list)
    reference: list[Point] = field(default_factory=list)  # relative: the other region's figures
    reference_name: str = ""
    base: Point | None = None
    latest: Point | None = None
    goal: Point | None = None
    plan: list[Point] = field(default_factory=list)  # from the base to the goal
    now: list[Point] = field(default_factory=list)  # from the latest figure to the goal
    projection: list[Point] = field(default_factory=list)  # at the pace so far, to the target year
    checkpoints: list[Checkpoint] = field(default_factory=list)
    projected_year: int | None = None
    required_growth: float = math.nan  # as the row: a fraction a year
    required_change: float = math.nan  # as the row: unit a year

    def drawn(self) -> list[Point]:
        """Every point the chart draws (for tests)."""
        pts = [*self.observed, *self.reference, *self.plan, *self.now, *self.projection]
        return pts + [p for p in (self.base, self.latest, self.goal) if p is not None]


@dataclass
class Bullet:
    """One row of the overview."""

    target_id: str
    name: str
    goal_text: str  # ≥600家 (2025)
    latest_text: str  # 495家 (2024-04)
    progress: float  # fraction, may be < 0 or > 1; NaN without data
    expected: float  # the pace the gap is measured against (words.pace), fraction
    status: str
    on_path: bool = False  # ``expected`` is 路径进度 (compound path), not 序时进度


@dataclass
class TargetPage:
    record: dict  # the output row, clean Python values
    bullet: Bullet
    trajectory: Trajectory | None  # None: no figure after the base, nothing to draw
    sentence: str
    quote: str
    source: str  # 鞍科办〔2023〕18号 一(四)
    departments: str = ""  # 牵头单位 and 责任单位 as the document names them


@dataclass
class DocumentSection:
    document: str  # id ("" when the targets cite none)
    title: str
    number: str  # 文号
    targets: list[TargetPage]

    def bullets(self) -> list[Bullet]:
        """The overview's rows: targets with a figure after the base (the
        others are grey rows of 无数据 in the summary table)."""
        return [t.bullet for t in self.targets if t.trajectory is not None]

    def counts(self) -> dict:
        out: dict[str, int] = {}
        for t in self.targets:
            out[t.record["status"]] = out.get(t.record["status"], 0) + 1
        return out


@dataclass
class RegionSection:
    region: str
    name: str
    documents: list[DocumentSection]


@dataclass
class Report:
    regions: list[RegionSection]
    as_of: str  # period text of --as-of
    lang: str


# --------------------------------------------------------------------------


def build(result, ds, region_ids: list[str], region_names: dict, lang: str = "zh") -> Report:
    """The report of an assessment, regions in the order asked, documents in
    the order of the targets file, targets in the order of the rows."""
    from ..assess import MARK_FIELDS
    from ..departments import output_fields
    from .machine import records, rounded, value_decimals
    from .text import _stale_months, sentence

    # with lead and units when the rows carry them, and which figure is provisional
    fields = [*output_fields(result.rows),
              *(f for f in MARK_FIELDS if f in result.rows.columns)]
    recs = records(result.rows, fields)
    # the sentences read figures and goals rounded as in CSV (a computed goal of 1007.77人, not
    # 1007.7696人) and round rates once as they say them (see machine.rounded)
    said = {(r["region"], r["target_id"]): r
            for r in records(rounded(result.rows, value_decimals(ds), values_only=True), fields)}
    stale = _stale_months(result)
    context = _Context(result, ds)
    docs = ds.defs.documents
    doc_order = {d: i for i, d in enumerate(docs.index)}
    regions = []
    for region in region_ids:
        mine = [r for r in recs if r["region"] == region]
        if not mine:
            continue
        by_doc: dict[str, list[TargetPage]] = {}
        for rec in mine:
            page = TargetPage(
                record=rec,
                bullet=bullet(rec, lang, region_names),
                trajectory=context.trajectory(rec, region_names),
                sentence=sentence(said[(rec["region"], rec["target_id"])], lang, region_names, stale),
                quote=rec["quote"] or "",
                source=_source(rec, docs),
                departments=_departments(rec),
            )
            by_doc.setdefault(rec["document"] or "", []).append(page)
        sections = [DocumentSection(d, _doc_field(docs, d, "title") or d, _doc_field(docs, d, "number"), pages)
                    for d, pages in sorted(by_doc.items(), key=lambda kv: doc_order.get(kv[0], len(doc_order)))]
        regions.append(RegionSection(region, region_names.get(region, region), sections))
    return Report(regions, periods.format_period(result.options.as_of, annual=False), lang)


def _doc_field(docs, doc: str, column: str) -> str:
    if not doc or doc not in docs.index or column not in docs.columns:
        return ""
    v = docs.at[doc, column]
    return "" if fmt.is_missing(v) else str(v)


def _source(rec: dict, docs) -> str:
    """文号 and clause: 鞍科办〔2023〕18号 一(四) (the title when there is no 文号)."""
    doc = rec["document"] or ""
    head = _doc_field(docs, doc, "number") or _doc_field(docs, doc, "title") or doc
    return " ".join(x for x in (head, rec["clause"] or "") if x)


def _departments(rec: dict) -> str:
    """牵头单位：市科技局；责任单位：市发改委、市工信局 (when the targets file names them)."""
    from ..i18n import _

    def names(x) -> str:
        if x is None or (not isinstance(x, (list, tuple)) and fmt.is_missing(x)):
            return ""
        return "、".join(str(v) for v in x) if isinstance(x, (list, tuple)) else str(x)

    lead, units = names(rec.get("lead")), names(rec.get("units"))
    parts = [_("lead: {lead}").format(lead=lead) if lead else "",
             _("responsible: {units}").format(units=units) if units else ""]
    return "；".join(p for p in parts if p)


def bullet(rec: dict, lang: str, region_names: dict) -> Bullet:
    from ..i18n import _
    from .words import indicator_name, on_path, pace, target_phrase

    latest = fmt.value(rec["latest_value"], rec["unit"])
    if not fmt.is_missing(rec["latest_value"]):
        latest += f" ({rec['latest_period']})"
        if provisional_mark(rec, "latest"):
            latest += "*"
        # what the progress beside it counts: the total so far this year, or what was added
        if rec.get("year_to_date"):
            latest += " " + _("total since January", lang)
        elif rec["kind"] == "increase" and not fmt.is_missing(rec["base_value"]):
            latest += " " + _("{amount} added", lang).format(
                amount=fmt.value(fmt.half_up(rec["latest_value"] - rec["base_value"], 4), rec["unit"]))
    return Bullet(
        target_id=rec["target_id"],
        name=indicator_name(rec, lang),
        goal_text=f"{target_phrase(rec, lang, region_names)} ({rec['target_year']})",
        latest_text=latest,
        progress=_num(rec["progress"]),
        expected=_num(pace(rec)),
        status=rec["status"],
        on_path=on_path(rec),
    )


def _num(x) -> float:
    return math.nan if fmt.is_missing(x) else float(x)


# --------------------------------------------------------------------------
# Trajectories


class _Context:
    """What a trajectory reads besides its row: the target's definition
    (path, counting, first year), its checkpoints, the figures of its
    indicator on or before --as-of."""

    def __init__(self, result, ds):
        self.as_of = result.options.as_of
        self.settings = result.settings or {}
        self.targets = ds.defs.targets.set_index("target_id", drop=False)
        rows = result.rows
        regions = set(rows["region"]) | set(rows["reference"].dropna())
        obs = ds.observations
        obs = obs[(obs["index"] <= self.as_of) & obs["region"].isin(regions) & obs["indicator"].isin(set(rows["indicator"]))]
        self.figures = {key: g.sort_values("index") for key, g in obs.groupby(["region", "indicator"], sort=False)}
        self.measure = ds.defs.indicators["measure"].to_dict() if "measure" in ds.defs.indicators else {}
        cp = result.checkpoints
        self.checkpoints = {tid: g for tid, g in cp.groupby("target_id", sort=False)} if len(cp) else {}

    def definition(self, tid: str) -> dict:
        return self.targets.loc[tid].to_dict() if tid in self.targets.index else {}

    def series(self, region, indicator) -> list[Point]:
        g = self.figures.get((region, indicator))
        if g is None:
            return []
        return [Point(float(i), float(v), str(p), bool(pr)) for i, v, p, pr in
                zip(g["index"], g["value"], g["period"], g["provisional"])]

    def plan_path(self, rec: dict, definition: dict) -> str:
        """compound or linear, as assess.py chooses it (docs/methodology.md):
        the target's own ``path``, else the file's setting for its kind,
        else compound for growth_rate and multiple."""
        from ..schema import COMPOUND_KINDS

        own = definition.get("path")
        if isinstance(own, str) and own:
            return own
        kind = rec["kind"]
        return (self.settings.get("paths") or {}).get(kind, "compound" if kind in COMPOUND_KINDS else "linear")

    def trajectory(self, rec: dict, region_names: dict) -> Trajectory | None:
        """The chart of a target with a figure after its base; None for the
        others (no_data: their sentence says why)."""
        if fmt.is_missing(rec["latest_value"]):
            return None
        d = self.definition(rec["target_id"])
        kind = rec["kind"]
        if kind == "milestone":
            return self._timeline(rec)
        if kind == "annual":
            return self._years(rec)
        # a flow's year-to-date figure, or a cap on a yearly flow (事故 ≤40起)
        # read through the year: the months of that year
        if within_year(rec):
            return self._ytd(rec)
        return self._time(rec, d, region_names)

    # ---- the usual chart: figures over the years -------------------------

    def _time(self, rec: dict, d: dict, region_names: dict) -> Trajectory:
        kind, unit = rec["kind"], rec["unit"]
        path = self.plan_path(rec, d)
        tr = Trajectory(rec["target_id"], kind, "time", unit, rec["status"], invert=kind == "rank", path=path,
                        required_growth=_num(rec["required_annual_growth"]),
                        required_change=_num(rec["required_annual_change"]))
        t_end = periods.year_end(int(rec["target_year"]))
        cumulative = kind == "increase" and d.get("counting") == "flow"
        flow = self.measure.get(rec["indicator"]) == "flow"
        if cumulative:
            tr.observed = self._running_sums(rec, d)
        else:
            series = self.series(rec["region"], rec["indicator"])
            if flow:  # a yearly flow is compared as whole-year totals
                series = [p for p in series if int(p.index) % 12 == 0]
            tr.observed = series
        if kind == "relative" and rec["reference"]:
            tr.reference = self.series(rec["reference"], rec["indicator"])
            tr.reference_name = region_names.get(rec["reference"], rec["reference"])
        tr.base = _point(rec["base_period"], rec["base_value"], False)
        tr.latest = _point(rec["latest_period"], rec["latest_value"], provisional_mark(rec, "latest"))
        if not fmt.is_missing(rec["goal_value"]):
            tr.goal = Point(float(t_end), float(rec["goal_value"]))
        compound = path == "compound"
        # no path from a base that already met the goal (rank 8th against 前10): the
        # target is judged on whether the goal is still met, not on a way to cover
        base_met = fmt.is_missing(rec["progress"]) and tr.latest is not None
        if tr.base is not None and tr.goal is not None and kind != "relative" and not base_met:
            tr.plan = path_points(tr.base, tr.goal, compound)
        done = rec["status"] == "achieved"
        still_required = not (fmt.is_missing(rec["required_annual_change"])
                              and fmt.is_missing(rec["required_annual_growth"]))  # none once the year is over
        if tr.latest is not None and tr.goal is not None and not done and tr.latest.index < t_end and still_required:
            tr.now = path_points(tr.latest, tr.goal, compound and not fmt.is_missing(rec["required_annual_growth"]))
        if tr.latest is not None and not done and not fmt.is_missing(rec["projected_value"]) and tr.latest.index < t_end:
            pace = compound and not fmt.is_missing(rec["actual_annual_growth"])
            tr.projection = path_points(tr.latest, Point(float(t_end), float(rec["projected_value"])), pace)
        if not fmt.is_missing(rec["projected_year"]):
            tr.projected_year = int(rec["projected_year"])
        tr.checkpoints = self._checkpoints(rec, ("milestone", "stretch"))
        return tr

    def _running_sums(self, rec: dict, d: dict) -> list[Point]:
        """新增 counted as flows: the running sum of whole-year figures from
        the first year counted (zero at the end of the year before), and the
        year-to-date figure of the latest year on top; stops at a missing year."""
        first = int(d["from_year"])
        series = self.series(rec["region"], rec["indicator"])
        out = [Point(float(periods.year_end(first - 1)), 0.0, str(first - 1))]
        total, year = 0.0, first
        years = {int(p.index) // 12 - 1: p for p in series if int(p.index) % 12 == 0}
        while year in years:
            p = years[year]
            total += p.value
            out.append(Point(p.index, total, p.period, p.provisional))
            year += 1
        for p in series:  # the current year's figure so far
            if int(p.index) % 12 and (int(p.index) - 1) // 12 == year:
                out.append(Point(p.index, total + p.value, p.period, p.provisional))
        return out

    def _checkpoints(self, rec: dict, roles) -> list[Checkpoint]:
        cp = self.checkpoints.get(rec["target_id"])
        if cp is None:
            return []
        out = []
        for row in cp.itertuples():
            if row.role not in roles:
                continue
            out.append(Checkpoint(row.role, int(row.cp_year), _num(row.goal_value), str(row.status),
                                  _num(row.latest_value), "" if fmt.is_missing(row.latest_period) else str(row.latest_period),
                                  _num(row.goal_raw)))
        return sorted(out, key=lambda c: (c.year, c.role))

    # ---- a yearly flow read through its year -----------------------------

    def _ytd(self, rec: dict) -> Trajectory:
        """The year-to-date total against the months elapsed: from zero at the
        start of the year to the year's goal at its end, straight."""
        year = int(rec["target_year"])
        start, end = float(periods.year_end(year - 1)), float(periods.year_end(year))
        tr = Trajectory(rec["target_id"], rec["kind"], "ytd", rec["unit"], rec["status"],
                        required_change=_num(rec["required_annual_change"]))
        tr.observed = [p for p in self.series(rec["region"], rec["indicator"]) if start < p.index <= end]
        tr.base = Point(start, 0.0, "")
        tr.latest = _point(rec["latest_period"], rec["latest_value"], provisional_mark(rec, "latest"))
        tr.goal = Point(end, float(rec["goal_value"]))
        tr.plan = [tr.base, tr.goal]
        return tr

    # ---- 每年: one bar a year --------------------------------------------

    def _years(self, rec: dict) -> Trajectory:
        """Each year's amount against the amount asked: for a yearly flow the
        year's figure; for the yearly rise of a stock the figure less the
        stock at the end of the year before (goal_value − value)."""
        tr = Trajectory(rec["target_id"], rec["kind"], "years", rec["unit"], rec["status"])
        tr.checkpoints = [Checkpoint(c.role, c.year, c.written, c.status, c.latest - (c.value - c.written),
                                     c.latest_period, c.written) for c in self._checkpoints(rec, ("year",))]
        tr.latest = _point(rec["latest_period"], rec["latest_value"], provisional_mark(rec, "latest"))
        return tr

    # ---- 节点任务: a timeline -------------------------------------------

    def _timeline(self, rec: dict) -> Trajectory:
        tr = Trajectory(rec["target_id"], rec["kind"], "timeline", rec["unit"], rec["status"])
        cps = self._checkpoints(rec, ("milestone",))
        cps.append(Checkpoint("final", int(rec["target_year"]), 1.0, rec["status"], _num(rec["latest_value"]),
                              rec["latest_period"] or ""))
        tr.checkpoints = sorted(cps, key=lambda c: c.year)
        tr.latest = _point(rec["latest_period"], rec["latest_value"], provisional_mark(rec, "latest"))
        tr.observed = self.series(rec["region"], rec["indicator"])
        return tr


def _point(period, value, provisional: bool) -> Point | None:
    if fmt.is_missing(value) or not period:
        return None
    return Point(float(periods.parse_period(str(period))), float(value), str(period), provisional)


def path_points(start: Point, end: Point, compound: bool) -> list[Point]:
    """The path from ``start`` to ``end``: a straight line (its two ends), or
    constant growth, start × (end/start)^((i − i0)/(i1 − i0)), at every year
    end in between. Compound needs both values positive; else straight."""
    if not compound or start.value <= 0 or end.value <= 0 or end.index <= start.index:
        return [Point(start.index, start.value), Point(end.index, end.value)]
    pts = [Point(start.index, start.value)]
    span = end.index - start.index
    ratio = end.value / start.value
    i = (math.floor(start.index / 12) + 1) * 12  # the next year end after the start
    while i < end.index:
        pts.append(Point(float(i), start.value * ratio ** ((i - start.index) / span)))
        i += 12
    pts.append(Point(end.index, end.value))
    return pts
