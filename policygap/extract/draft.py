"""From candidates to a draft: indicator ids, one target per commitment,
interim values folded into milestones, ids, and the base values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .. import units
from ..i18n import _
from . import rules as R
from .parse import NO_YEAR, Candidate
from .registry import POINTS, Indicator, Registry, name_key, propose_id

# Kinds whose value is not in the indicator's unit.
UNITLESS_KINDS = ("growth_rate", "multiple", "relative", "milestone")


@dataclass
class DraftTarget:
    id: str
    region: str
    indicator: str
    name: str  # as the text names it
    kind: str
    comparator: str | None
    value: Decimal | None
    unit: str  # unit of value, milestones and stretch (the indicator's, except for unitless kinds)
    year: int
    quote: str
    clause: str
    document: str
    milestones: dict = field(default_factory=dict)  # year -> Decimal
    stretch: Decimal | None = None
    counting: str | None = None
    reference: str | None = None
    reference_text: str | None = None
    notes: list = field(default_factory=list)
    review: list = field(default_factory=list)
    start: int = 0  # where the quote is in the text
    year_how: str = "explicit"
    base_period: str | None = None
    from_year: int | None = None  # first year counted, written when the document has no issue date
    lead: str | None = None  # 牵头单位
    units: list = field(default_factory=list)  # 责任单位
    units_quote: str | None = None  # the note naming them, verbatim

    @property
    def needs_review(self) -> bool:
        return bool(self.review)


@dataclass
class BaseValue:
    region: str
    indicator: str
    name: str
    period: str | None
    value: Decimal
    unit: str
    document: str
    clause: str
    quote: str
    provisional: bool = False


@dataclass
class Draft:
    source: str  # file name (or "-")
    region: str
    region_known: bool  # False: a placeholder id the user must define
    document: str
    document_known: bool  # in the registry already
    title: str | None
    issued: str | None  # YYYY-MM-DD when found in the text
    horizon: int | None
    targets: list  # DraftTarget
    baselines: list  # BaseValue
    indicators: dict  # id -> Indicator used by the draft
    proposed: set  # ids of indicators proposed by the draft (not in the registry)
    unresolved: list  # DraftTarget that cannot be written (a reference region not defined)
    region_name: str | None = None  # e.g. 临沂市, when read from the text
    region_names: dict = field(default_factory=dict)  # names of the regions relative targets refer to


def assemble(text: str, cands: list[Candidate], registry: Registry, *, region: str, document: str,
             issued: tuple | None = None) -> tuple:
    """Targets, baselines, indicators used, proposed ids and unresolved targets."""
    used: dict[str, Indicator] = {}
    proposed: set = set()
    guessed: set = set()  # proposed ids whose measure is a guess from the name
    by_key: dict[str, str] = {}  # name key -> proposed id (same words, same indicator)

    def indicator_for(c: Candidate) -> tuple[str, str, Decimal | None, Decimal | None]:
        """Indicator id, unit, value and stretch converted into that unit."""
        iid = registry.match(c.name, c.unit, c.kind)
        if iid is not None:
            ind = registry.indicators[iid]
            used[iid] = ind
            if c.kind in UNITLESS_KINDS:
                return iid, _unitless_unit(c), c.value, c.stretch
            same = c.unit == ind.unit or (c.unit in POINTS and ind.unit == "%")  # 提高0.5个百分点 of a share in %
            f = Decimal(1) if same else units.factor(c.unit, ind.unit)
            return iid, ind.unit, _tidy(c.value * f), (None if c.stretch is None else _tidy(c.stretch * f))
        key = name_key(c.name) + "|" + _dimension(c)
        iid = by_key.get(key)
        if iid is None:
            # Names that differ only in words the glossary ignores (省级创新平台,
            # 省级科技创新平台) share one proposal.
            slug = propose_id(c.name, set())
            slug_key = "slug:" + slug + "|" + _dimension(c)
            iid = by_key.get(slug_key) if slug != "indicator" else None
            if iid is None:
                iid = propose_id(c.name, set(registry.indicators) | set(used))
                used[iid], sure = _proposal(iid, c, text[c.start: c.end])
                _own_name(used[iid], registry, used)
                proposed.add(iid)
                if not sure:
                    guessed.add(iid)
                by_key[slug_key] = iid
            by_key[key] = iid
        if c.kind in UNITLESS_KINDS:
            return iid, _unitless_unit(c), c.value, c.stretch
        unit = used[iid].unit
        try:
            # A second figure of a proposed indicator, in another unit (95万户 in the
            # text, a table's 万户 column against an indicator proposed in 户).
            f = units.factor(c.unit, unit)
        except units.UnitError:  # the same unit, 个百分点 of a share in %, or units not known
            return iid, unit, c.value, c.stretch
        return iid, unit, _tidy(c.value * f), (None if c.stretch is None else _tidy(c.stretch * f))

    targets: list[DraftTarget] = []
    baselines: list[BaseValue] = []
    other_units: list[DraftTarget] = []  # values in units the loader does not know
    for c in cands:
        quote = text[c.start: c.end].strip(" \t、，,；;：:。")
        if c.role == "baseline":
            said = text[max(0, c.start - 4): c.end]  # with the verb before the name (新增…15家)
            if c.unit == "%" and _RATE_OF_CHANGE_RE.search(said):
                continue  # 增长18%, 同比增长6.1%: how fast it grew, no figure of the indicator
            iid, unit, value, _stretch = indicator_for(c)
            if _ADDED_RE.search(said) and used[iid].measure == "stock":
                continue  # 新增高新技术企业15家: what was added, not the count held (总数达到72家)
            base = BaseValue(region, iid, c.name, c.period, value, unit, document, c.label, quote, c.provisional)
            if not any((b.indicator, b.period, b.value) == (iid, c.period, value) for b in baselines):
                baselines.append(base)  # the same figure in the text and in its table: once
            continue
        if c.kind not in UNITLESS_KINDS and not units.is_known(c.unit):
            t = DraftTarget("", region, propose_id(c.name, set(registry.indicators) | set(used)), c.name, c.kind,
                            c.comparator, c.value, c.unit, c.year, quote, c.label, document, stretch=c.stretch,
                            notes=list(c.notes), review=list(c.review), start=c.start, year_how=c.year_how)
            t.review.append(_("unit {unit} is not one policygap knows: define the indicator in a known unit").format(
                unit=c.unit))
            other_units.append(t)
            continue
        iid, unit, value, stretch = indicator_for(c)
        t = DraftTarget("", region, iid, c.name, c.kind, c.comparator, value, unit, c.year, quote, c.label,
                        document, stretch=stretch, notes=list(c.notes), review=list(c.review), start=c.start,
                        year_how=c.year_how, reference_text=c.reference, base_period=c.base_period)
        if c.kind in ("increase", "annual"):
            t.counting = used[iid].measure
        if c.kind == "annual" and iid in guessed:
            t.review.append(_("counting {counting} guessed from the name of the proposed indicator {indicator}: flow "
                              "if each year's own total must reach the value, stock if the year-end level must rise "
                              "by it each year; set the indicator's measure").format(counting=t.counting,
                                                                                     indicator=iid))
        if c.lead or c.units:
            t.lead, t.units = c.lead, list(c.units)
            t.units_quote = text[c.units_span[0]: c.units_span[1]].strip("()（） ") if c.units_span else None
        targets.append(t)

    targets = _fold_duration_restatements(_merge_restatements(targets), text)
    targets = _fold_milestones(targets)
    unresolved = []
    kept = []
    for t in targets:
        if t.kind == "relative":
            ref = registry.reference_region(t.reference_text or "", region)
            if ref is None or ref == region:
                t.review.append(_("the reference {reference}平均 is not a region in the targets file").format(
                    reference=t.reference_text))
                unresolved.append(t)
                continue
            t.reference = ref
            t.review.append(_("relative to {reference} ({text}): check the reference has figures").format(
                reference=ref, text=t.reference_text))
        kept.append(t)
    unresolved.extend(_fold_milestones(other_units))  # a table's 2027 and 2030 in 万千瓦: one target too
    _assign_ids(kept + unresolved, registry, region)
    date_first_years(kept, text, issued)
    # Only indicators still used.
    live = {t.indicator for t in kept} | {b.indicator for b in baselines}
    used = {k: v for k, v in used.items() if k in live}
    return kept, baselines, used, proposed & set(used), unresolved


def _unitless_unit(c: Candidate) -> str:
    return {"growth_rate": "%", "multiple": "倍"}.get(c.kind, "")


def _dimension(c: Candidate) -> str:
    if c.kind in UNITLESS_KINDS:
        return c.kind
    try:
        return units.dimension(c.unit)
    except (units.UnitError, KeyError):
        return c.unit


# Units of what is counted over a period, never held at a date: people-times
# (培训500人次) and events (举办活动12场, 3次, 5期).
_FLOW_DIMENSIONS = ("person_times", "events")
# People served or trained in a year (每年培训技术经纪人200人, 每年服务企业家300名):
# a verb of serving opens the name.
_SERVED_RE = re.compile(r"^(?:组织|开展|提供)?(?:培训|培养|轮训|服务|接待|帮扶|指导|辅导|咨询|宣讲|走访)")
# Additions to a stock (每年新增…): not a yearly total of its own.
_ADDED_RE = re.compile(r"新增|净增|新认定|新培育")
# A present figure in % that says how fast something changed, not its level.
_RATE_OF_CHANGE_RE = re.compile(r"增长|增速|增幅|同比|比上年|较上年")


def _proposal(iid: str, c: Candidate, quote: str = "") -> tuple[Indicator, bool]:
    """A proposed indicator, and whether its measure (stock or flow) is
    sure (from the unit, or what a 每年 count of people is) rather than
    guessed from words of the name."""
    name = c.name
    if c.kind == "growth_rate":
        unit = "亿元" if R.MONEY_NAME_RE.search(name) else ""
    elif c.kind in ("multiple", "milestone"):
        unit = ""
    elif c.kind == "relative":
        unit = "%" if R.SHARE_NAME_RE.search(name) else ""
    elif c.kind == "increase" and c.unit in ("个百分点", "百分点"):
        unit = "%"
    else:
        unit = c.unit
    money = unit.endswith("元") and not re.search(r"规模|总额|余额", name)
    if c.kind in ("rank", "share", "milestone", "relative") or unit == "%":
        flow, sure = False, True
    elif _unit_dimension(c.unit) in _FLOW_DIMENSIONS or money:
        flow, sure = True, True
    elif c.kind == "annual" and _unit_dimension(c.unit) == "people" and _SERVED_RE.search(name) \
            and not _ADDED_RE.search(quote):
        flow, sure = True, True
    else:
        flow, sure = bool(R.FLOW_NAME_RE.search(name)), False
    direction = "down" if c.kind == "rank" or (c.comparator in ("<", "<=")) else "up"
    return Indicator(iid, name, unit, direction, "flow" if flow else "stock"), sure


def _own_name(ind: Indicator, registry: Registry, used: dict) -> None:
    """A proposed indicator's name names no other indicator: 技术合同成交额 in %
    beside 技术合同成交额 in 亿元 is called 技术合同成交额(%) (a name or alias
    must name one indicator only, or the finished draft would not validate)."""
    taken = {n for other in [*registry.indicators.values(), *used.values()] if other is not ind
             for n in (other.name, *(other.aliases or []))}
    if ind.name in taken:
        ind.name = f"{ind.name}({ind.unit or ind.measure})"


def _unit_dimension(unit: str) -> str | None:
    try:
        return units.dimension(unit)
    except (units.UnitError, KeyError):
        return None


def _tidy(d: Decimal) -> Decimal:
    d = d.normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral() else d


def _same(a: DraftTarget, b: DraftTarget) -> bool:
    return a.indicator == b.indicator and a.year == b.year


def _merge_restatements(targets: list[DraftTarget]) -> list[DraftTarget]:
    """A commitment restated in the same document is one target: the first
    statement stays, the note names the clauses that repeat it."""
    out: list[DraftTarget] = []
    seen: dict = {}  # (indicator, year, value, family) -> the first statement: one look-up, not a scan
    for t in targets:
        key = (t.indicator, t.year, t.value, _family(t))
        first = seen.get(key)
        if first is not None and _area(first.name) != _area(t.name) and _area(first.name) and _area(t.name):
            key += (_area(t.name),)  # 东港片区…增长9%; 西湖片区…增长9%: two areas, two targets
            first = seen.get(key)
        if first is None:
            seen[key] = t
            out.append(t)
            continue
        note = _("restated in {clause}").format(clause=t.clause) if t.clause != first.clause else _("restated")
        if t.comparator != first.comparator:
            note += _(" as {comparator}").format(comparator=t.comparator)
        if note not in first.notes:
            first.notes.append(note)
        if first.stretch is None and t.stretch is not None:
            first.stretch = t.stretch
        if not (first.lead or first.units) and (t.lead or t.units):  # the restating task names who answers
            first.lead, first.units, first.units_quote = t.lead, list(t.units), t.units_quote
        if first.year_how in ("horizon",) and t.year_how != "horizon":
            first.review = [r for r in first.review if getattr(r, "msgid", "") != NO_YEAR]
    # Same indicator and year, another value: both stay, the planner decides.
    for i, t in enumerate(out):
        for o in out[:i]:
            if _same(o, t) and o.value != t.value and _family(o) == _family(t) and t.kind != "milestone":
                t.review.append(_("another {indicator} target for {year} in {clause} ({value}): two commitments "
                                  "or one indicator matched twice").format(indicator=o.indicator, year=t.year,
                                                                           clause=o.clause, value=o.value))
    return out


def _fold_duration_restatements(targets: list[DraftTarget], text: str) -> list[DraftTarget]:
    """A headline that restates a target over a duration (用5年时间…突破300亿元)
    whose year (issue year + 5) is not the year the text gives the same figure
    (到2022年…突破300亿元): one commitment, the dated one."""
    over = {id(t): _duration_before(text, t.start) for t in targets}
    dated = {}
    for t in targets:
        if t.value is not None and over[id(t)] is None:
            dated.setdefault((t.indicator, t.value, _family(t)), t)
    out = []
    for t in targets:
        other = dated.get((t.indicator, t.value, _family(t))) if over[id(t)] else None
        if other is not None and other.year != t.year:
            other.notes.append(_("restated in {clause} over {duration}").format(
                clause=t.clause or _("the text"), duration=over[id(t)]))
            continue
        out.append(t)
    return out


_YEAR_WORDS_RE = re.compile(R.DURATION_RE.pattern + r"|\d{4}\s*年")


def _duration_before(text: str, start: int) -> str | None:
    """The duration (5年内, 用三年时间) that is the last time named on the line
    before a quote (up to 120 characters back), if any."""
    line_start = max(text.rfind("\n", max(0, start - 120), start) + 1, start - 120, 0)
    last = None
    for last in _YEAR_WORDS_RE.finditer(text, line_start, start + 1):
        pass
    return last.group(0) if last is not None and R.DURATION_RE.fullmatch(last.group(0)) else None


_AREA_RE = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:片区|新区|高新区|开发区|园区|示范区|核心区|县|区|市)")


def _area(name: str) -> str | None:
    """The place a target's name opens with (东港片区, 西湖高新区), if any; not
    a share of a region's total (研发投入占地区生产总值比重)."""
    m = _AREA_RE.match(name)
    if m is None or re.search(r"占|的|地区$", m.group(0)):
        return None
    return m.group(0)


def _family(t: DraftTarget) -> str:
    return "count" if t.kind in ("level", "increase") else t.kind


def _fold_milestones(targets: list[DraftTarget]) -> list[DraftTarget]:
    """2023: 1000家 … 到2025年 1300家 of one indicator: the 2023 value is a
    milestone of the 2025 target (both years stated in the text)."""
    drop = set()
    for i, t in enumerate(targets):
        if t.value is None or t.year_how not in ("explicit", "inherited") or t.kind in ("annual", "milestone"):
            continue
        later = [o for o in targets if o is not t and o.indicator == t.indicator and o.year > t.year
                 and o.kind == t.kind and o.value is not None and id(o) not in drop
                 and o.year_how in ("explicit", "inherited")]
        if not later:
            continue
        target = min(later, key=lambda o: o.year)
        if t.year in target.milestones:
            continue
        target.milestones[t.year] = t.value
        for y, v in t.milestones.items():  # 2025 → 2026 → 2027: the earlier milestones move along
            target.milestones.setdefault(y, v)
        # Of the same kind only: 新增40家 in 2024 is no checkpoint of 达到300家 in 2028.
        target.notes.append(_("{year} milestone from {clause}: {quote}").format(
            year=t.year, clause=t.clause, quote=t.quote))
        drop.add(id(t))
    return [t for t in targets if id(t) not in drop]


def _assign_ids(targets: list[DraftTarget], registry: Registry, region: str) -> None:
    taken = {t.id for t in registry.targets}
    for t in targets:
        base = f"{region}-{t.indicator.replace('_', '-')}-{t.year}"
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        t.id = ident
        taken.add(ident)


def counts_yearly_flows(t: DraftTarget) -> bool:
    """Targets whose figures are summed from a first year: 每年 targets and
    increases of a flow. Without ``from:`` the validator takes the year the
    document was issued, so a document without an issue date needs it."""
    return t.kind == "annual" or (t.kind == "increase" and t.counting == "flow")


def date_first_years(targets: list[DraftTarget], text: str, issued: tuple | None) -> None:
    """Write ``from:`` where the validator could not default it: no issue
    date, or one after the target year (a December document). The first year
    is the start of a plan period the text states for the target year
    (2017年至2020年), else the target year itself, flagged."""
    if issued:
        y, m, _d = issued
        default = y + 1 if (not m or m == 12) else y
    else:
        default = None
    for t in targets:
        if not counts_yearly_flows(t) or (default is not None and default <= t.year):
            continue
        start = plan_start(text, t.year)
        if start is not None:
            t.from_year = start
            t.review.append(_("first year counted {start}, from the plan period {start}-{year} in the text").format(
                start=start, year=t.year))
        else:
            t.from_year = t.year
            t.review.append(_("first year counted taken as {year}: the document has no issue date before it; set "
                              "from: (the first year whose figures count) or the document's issued").format(year=t.year))


_PERIOD_RE = re.compile(r"((?:19|20)\d\d)\s*年?\s*(?:至|到|—|–|－|-|~|～)\s*((?:19|20)\d\d)\s*年")


def plan_start(text: str, year: int) -> int | None:
    """The first year of a period ``YYYY年至{year}年`` (or 2017-2020年) in the
    text, when it is at most ten years before."""
    norm = text.translate(_FULL_WIDTH)
    for m in _PERIOD_RE.finditer(norm):
        start, end = int(m.group(1)), int(m.group(2))
        if end == year and year - 10 <= start <= year:
            return start
    return None


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def region_names(targets: list[DraftTarget], registry: Registry) -> dict:
    """Registry names of the regions the targets compare with."""
    return {t.reference: registry.regions[t.reference].name for t in targets
            if t.reference and t.reference in registry.regions}
