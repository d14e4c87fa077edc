"""Reading targets and present-day figures out of segmented policy text.

One pass over the sentences keeps the year scope (到2025年, 2023年，, "十四五"
时期) and whether the text speaks of the present (截至目前, a 现状 section, a
figure followed by "(2022年)"). Each number with a unit becomes a Candidate:
its indicator name as written, kind, comparator, value, unit, year and the
span of the shortest quote that carries it. No I/O, no registry: matching
names to indicator ids is registry.py's job, assembling the draft draft.py's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from functools import lru_cache

from .. import units
from ..i18n import N_, _
from ..numbers import NumberError, Quantity, chinese_to_int
from ..numbers import find_quantities as _find_quantities
from . import rules as R
from .tables import goal_rows, indicator_lines, project_lists
from .text import Clause, Segmented, Sentence

# A review reason another stage takes back (a restatement gives the year).
NO_YEAR = N_("no year in the sentence: the document's horizon {year} assumed")
_NO_COMPARATOR = N_("no comparator word: >= assumed")

UNITS = units.base_units()


@lru_cache(maxsize=256)
def _quantities(text: str) -> tuple:
    """The quantities of a clause (read once: a clause is looked at again as
    the clause before the next). A magnitude alone before 元 after a
    comparator is one of it (突破万亿元, 超百亿元)."""
    found = list(_find_quantities(text))
    for q in found:
        if q.chinese and q.magnitude is None and q.text in units.MAGNITUDES:
            q.magnitude = q.text  # 百亿 read as a number: keep it a magnitude of 元
    taken = {q.start for q in found}
    for m in _LONE_MAGNITUDE_RE.finditer(text):
        if m.start("mag") not in taken:
            mag = m.group("mag")
            found.append(Quantity(units.MAGNITUDES[mag], m.start("mag"), m.end("mag"), False, True, None, mag, mag))
    for m in R.LONE_COUNT_RE.finditer(text):  # 实施百项示范项目: 百 after a verb of doing
        if m.start("n") not in taken:
            n = m.group("n")
            found.append(Quantity(units.MAGNITUDES[n], m.start("n"), m.end("n"), False, True, None, None, n))
    for m in _LATIN_UNIT_RE.finditer(text):  # 20000PFlops: digits glued to a Latin unit
        if m.start() not in taken:
            found.append(Quantity(Decimal(m.group(1)), m.start(), m.end(1), False, False, None, None, m.group(1)))
    found.sort(key=lambda q: q.start)
    return tuple(found)


_LATIN_UNIT_RE = re.compile(r"(?<![0-9A-Za-z.])(\d+(?:\.\d+)?)(?=[PETG]Flops|[PETG]FLOPS)")


_LONE_MAGNITUDE_RE = re.compile(r"(?:突破|超过|超|达到|达|逾|过)(?P<mag>万亿|千亿|百亿)(?=元)")


def find_quantities(text: str) -> list:
    return list(_quantities(text))


@dataclass
class Candidate:
    role: str  # "target" or "baseline"
    name: str
    kind: str
    comparator: str | None
    value: Decimal | None
    unit: str
    year: int | None
    year_how: str  # explicit | inherited | horizon | stated | plan-years
    start: int  # quote span in the text
    end: int
    label: str
    sentence: int
    period: str | None = None  # baselines: YYYY or YYYY-MM
    stretch: Decimal | None = None
    base_period: str | None = None  # a base year named in the text (比2020年)
    reference: str | None = None  # relative: the text naming the reference (全省)
    aspiration: bool = False
    provisional: bool = False
    notes: list = field(default_factory=list)
    review: list = field(default_factory=list)
    lead: str | None = None  # 牵头单位
    units: list = field(default_factory=list)  # 责任单位
    units_span: tuple | None = None  # where the note naming them is


@dataclass
class Context:
    issued: tuple | None  # (year, month, day) of the document, if known
    horizon: int | None  # the year most targets are for
    this_year: int | None = None  # the year 今年 / 年内 means
    this_year_assumed: bool = False  # not stated by the document: a guess to review
    rules: bool = False  # a set of rules (管理办法, 实施细则): a figure with no year is a condition


# --------------------------------------------------------------------------
# Document-level facts

_DATE_RE = re.compile(r"(\d{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日")
_MONTH_LINE_RE = re.compile(r"(\d{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月")
# A web page's own time stamp (2026-05-12 09:32 来源:…): its publication date.
_STAMP_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})\s{1,4}\d{1,2}:\d{2}(?!\d)")
_DATE_FIELD_RE = re.compile(r"(?:成文日期|发文日期|印发日期|发布日期|发文时间|发布时间|时间|日期)[::]\s*(\d{4})-(\d{1,2})-(\d{1,2})")


_UNTIL_RE = re.compile(r"(?:至|到|截至|截止|期限为?|届满)\s*$")
_BEFORE_RE = re.compile(r"\s*(?:前|之前|以前|止|为止|届满)")


def issue_date(norm: str) -> tuple | None:
    """The date the document was signed: a date alone on its line (the
    signature) wins over a date in running text, which wins over a
    publication field (发文日期:…), often later than the signature."""
    lines = [ln.strip() for ln in norm.split("\n")]
    for ln in lines:
        m = _DATE_RE.fullmatch(ln)
        if m:
            return _date(m)
    for ln in lines:
        m = _MONTH_LINE_RE.fullmatch(ln)
        if m:  # a signature of year and month only (2027年4月): the month's first day
            return (*_date(m), 1)
    for m in _DATE_RE.finditer(norm):
        if not (_UNTIL_RE.search(norm, max(0, m.start() - 6), m.start()) or _BEFORE_RE.match(norm, m.end())):
            return _date(m)  # not 有效期至2030年12月31日 nor 2025年6月30日前: a deadline, not a signature
    m = _DATE_FIELD_RE.search(norm) or _STAMP_RE.search(norm)
    if m:
        return tuple(int(x) for x in m.groups())
    return None


def _date(m) -> tuple:
    """(year, month, day); a month or day may be in Chinese numerals (五月二十日)."""
    return tuple(int(x) if x.isdigit() else chinese_to_int(x) for x in m.groups())


def this_year(norm: str, issued: tuple | None, today: int) -> tuple[int | None, bool]:
    """The year 今年 means: the issue year; else, when the text says 今年,
    the latest year it names that is not a target year (全省2018科技工作会议),
    not after ``today``; else ``today`` (flagged: assumed)."""
    if issued:
        return issued[0], False
    if not R.THIS_YEAR_RE.search(norm):
        return None, False
    named = [int(m.group(1)) for m in R.NAMED_YEAR_RE.finditer(norm)]
    named = [y for y in named if 1990 <= y <= today]
    if named:
        return max(named), True
    return today, True


def horizon(seg: Segmented, issued: tuple | None) -> int | None:
    """The year the document's targets are mostly for: the commonest 到YYYY年
    (or range end, or five-year plan; not an outlook's 展望YYYY年); ties go to
    the later year."""
    strong: Counter = Counter()
    weak: Counter = Counter()
    plan: Counter = Counter()
    for s in seg.sentences:
        for c in s.clauses:
            for sc in _scopes(c.text, issued[0] if issued else None):
                if issued and sc.year < issued[0]:
                    continue
                (strong if sc.to and not sc.outlook else weak)[sc.year] += 1  # 展望2030年: beyond the plan
            for m in R.PLAN_YEARS_RE.finditer(c.text):
                y1, y2 = int(m.group("y1")), int(m.group("y2"))
                if 1900 <= y1 < y2 <= min(y1 + 15, 2100):  # not a telephone number (0571-8690)
                    plan[y2] += 1
    pool = strong or weak or plan
    if not pool:
        return _title_year(seg)
    return max(pool, key=lambda y: (pool[y], y))


_RULES_TITLE_RE = re.compile(r"(?:管理|实施|暂行|试行|评价|考核|认定|奖励|补助|资助)?(?:办法|细则|规程|规定|指南)"
                             r"(?:[(（](?:试行|暂行|修订)[)）])?$")


def _rules_title(norm: str) -> bool:
    """A set of rules (创新券管理办法, 认定办法(试行), 申报指南): its title, in
    the first lines, ends so; a notice that issues one (关于印发…办法的通知)
    is the rules too."""
    for line in [ln.strip() for ln in norm.split("\n") if ln.strip()][:6]:
        title = re.sub(r"^关于印发|的通知$|[《》“”\"]", "", line)
        if len(title) <= 60 and _RULES_TITLE_RE.search(title):
            return True
    return False


_TITLE_YEAR_RE = re.compile(r"(\d{4})年度?[^\d。,;]{0,24}?(?:目标|计划|要点|任务|安排)")


def _title_year(seg: Segmented) -> int | None:
    """A yearly document that names no target year in its text (2026年度部门
    整体支出绩效目标表; 2027年工作要点): the year of its title."""
    title = next((ln.strip() for ln in seg.norm.split("\n") if ln.strip()), "")
    m = _TITLE_YEAR_RE.search(title)
    return int(m.group(1)) if m and 1990 <= int(m.group(1)) <= 2100 else None


@dataclass
class _Scope:
    year: int
    start: int
    end: int
    to: bool  # 到/至 or a range end: a target year, not just a year named
    local: bool = False  # named inside the clause ("围绕“十四五”时期…的目标"): this clause only
    since: bool = False  # 截至…: the date of a present figure
    duration: bool = False  # 三年内, 五年新增: counted from the document's date
    bare: bool = False  # a year with no 到/至/在 before it (2027年达到550家)
    outlook: bool = False  # 展望2030年: a look beyond the plan, its own sentence only
    this: bool = False  # 今年 (下半年, 年内)


def _scopes(text: str, issue_year: int | None = None, horizon: int | None = None,
            this_year: int | None = None) -> list[_Scope]:
    """Year scopes named in a clause; durations (三年内) count from ``issue_year``."""
    out = []
    if "年" not in text and "五" not in text and "期" not in text:
        return out  # every scope names 年 (or a five-year plan, or the plan's period)
    if this_year is not None:
        for m in R.THIS_YEAR_RE.finditer(text):
            # (到2028年…,)其中今年达到64%: an interim year, its clause only; 今年 inside
            # a run of a later year's targets is too (see parse)
            interim = bool(re.search(r"其中\s*$", text[: m.start()]))
            out.append(_Scope(this_year, m.start(), m.end(), True, local=interim, bare=True, this=True))
        for m in R.NEXT_YEAR_RE.finditer(text):  # 力争明年…: this clause only; 明年,… opens a sentence's scope
            alone = not R.FILLERS.sub("", text[: m.start()] + text[m.end():]).strip(" ,;:、")
            out.append(_Scope(this_year + 1, m.start(), m.end(), True, local=not alone))
    for m in R.SCOPE_RE.finditer(text):
        if m.group("y2"):
            pre, year = m.group("pre"), int(m.group("y2"))
            to = True
        else:
            pre, year = m.group("pre2"), int(m.group("y"))
            to = bool(pre) and pre in ("到", "到了", "至", "截至", "截止到", "截止", "展望")  # 展望2035年: an outlook's year
        if not 1900 <= year <= 2100:
            continue
        at_start = not R.FILLERS.sub("", text[: m.start()]).strip(" ,;:、")
        if not pre and not at_start:
            continue
        if _BASE_YEAR_RE.match(text, m.end()):
            continue  # 在2025年基础上翻一番: the base of a change, not a year in force
        # 到2022年达到120万人,其中2020年达到105万人;…: an interim year, this clause only.
        interim = pre in (None, "到", "至") and bool(re.search(r"其中\s*$", text[: m.start()]))
        out.append(_Scope(year, m.start(), m.end(), to or bool(m.group("suf")), local=interim,
                          since=bool(pre) and pre.startswith("截"), bare=not pre, outlook=pre == "展望"))
    if horizon is not None:
        for m in R.PLAN_PERIOD_RE.finditer(text):  # 规划期内: the document's horizon
            out.append(_Scope(horizon, m.start(), m.end(), True))
    for m in R.DURATION_RE.finditer(text):
        if issue_year is None:
            continue
        n = m.group("n")
        years = int(n) if n.isdigit() else chinese_to_int(n)
        head = R.FILLERS.sub("", text[: m.start()]).strip(" ,;:、")
        out.append(_Scope(duration_end(issue_year, years, horizon), m.start(), m.end(), False, bool(head),
                          duration=True))
    for m in R.PLAN_RE.finditer(text):
        try:
            n = chinese_to_int(m.group("n"))
        except NumberError:
            continue
        if _BASE_YEAR_RE.match(text, m.end()):
            continue  # 在“十四五”末基础上翻一番: the base of a change, not a year in force
        head = R.FILLERS.sub("", text[: m.start()]).strip(" ,;:、")
        local = bool(head) and not re.search(r"(?:到|至|在|展望)[\"“]?$", text[: m.start()])
        out.append(_Scope(1955 + 5 * n, m.start(), m.end(), True, local))
    out.sort(key=lambda s: s.start)
    return out


_BASE_YEAR_RE = re.compile(r"(?:的)?基础上")
# A sentence that opens a new item or says what is planned, after one about
# the present on the same line (an answer at a press conference, a list of
# 一是…二是…): its figures are the plan's again.
_FRESH_RE = re.compile(r"[一二三四五六七八九十]是|其[一二三四五]|(?:行动计划|规划|方案|计划|意见)(?:明确|提出)|"
                       r"我们(?:将|还将|要|还要)|下一步|计划到")
# A comparator word right after a bare year: the year's value of a measure (2028年达到2.8%).
_REACH_RE = re.compile("|".join(sorted(R.BEFORE, key=len, reverse=True)))


def duration_end(issue_year: int, years: int, horizon: int | None) -> int:
    """The year N years from the issue year: a three-year plan issued in 2024
    may mean 2026 (2024-2026) or 2027; the document's own horizon decides
    when it is one of the two."""
    end = issue_year + years
    if horizon is not None and end - 1 <= horizon <= end:
        return horizon
    return end


# --------------------------------------------------------------------------
# The pass over sentences


def parse(seg: Segmented, ctx: Context) -> list[Candidate]:
    if _rules_title(seg.norm):
        ctx = replace(ctx, rules=True)
    out: list[Candidate] = []
    year: int | None = None
    present_line = -1
    past = (-1, None)  # (line, year): a past year opening a paragraph dates its figures
    list_year = None  # 到2025年，主要指标如下: the items of the list keep the year
    subject = None
    reported: set = set()  # years whose results an undated text reports
    resume = None  # the target year an earlier year interrupted (到2027年…。到2026年底,…。): back after 。
    projects = project_lists(seg.norm) if "建设内容" in seg.norm else []
    # lines of a 专栏 (名称:2025年基数48家,2028年目标80家) and the rows of a table of
    # yearly goals (新增高新技术企业数 | 21家 | ≥25家): read by _table_figures only
    lines, goals = indicator_lines(seg.norm), goal_rows(seg.norm, ctx.horizon)
    projects += [(f.start, f.end) for f in lines if f.base]
    projects += [(f.start, f.end) for f in goals]
    section_year = None  # the year a section heading gives (二、2023年工作计划)
    for si, s in enumerate(seg.sentences):
        if any(a <= s.start < b or s.start <= a < s.end for a, b in projects):
            continue  # a project's scope of works (新建标准机架8000架), not a target; a 专栏 line
        if resume is not None and si and (s.first_in_line or _ends_scope_run(seg.sentences[si - 1])):
            year, resume = resume, None
        if s.after_heading:
            resume = None
            if list_year is not None and s.heading_level >= 3:
                year = list_year
            else:
                year, list_year = _heading_year(s.headings, ctx), None
                section_year = year
        year_before = year
        if present_line == s.line and past[0] != s.line and _FRESH_RE.match(R.FILLERS.sub("", s.text.lstrip())):
            present_line = -1  # 目前已为286家企业配备…;三是…三年内新培育3至5家: a new item, a plan again
        base_section = any(R.BASELINE_SECTION_RE.search(t or "") and not R.TASK_HEADING_RE.match(t)
                           for t in s.headings)
        state = _SentenceState()
        if out and out[-1].sentence == si - 1:
            state.before = out[-1]
        if past[0] == s.line:
            state.past_year = past[1]
        elif base_section:
            state.past_year = _review_year(s.headings, ctx)  # 一、2024年工作回顾: its figures are of 2024
        # A sub-area subject holds until the sentence ends with 。 (not ;).
        if si and (s.first_in_line or not seg.sentences[si - 1].text.rstrip().endswith(";")):
            subject = None
        state.subject = subject
        code_end = _slogan_end(s)
        for ci, c in enumerate(s.clauses):
            sm = R.SUBJECT_RE.match(R.FILLERS.sub("", c.text.strip()))
            if sm:
                subject = state.subject = sm.group("name")
            scopes = _scopes(c.text, ctx.issued[0] if ctx.issued else None, ctx.horizon, ctx.this_year)
            if past[0] == s.line or present_line == s.line:
                scopes = [sc for sc in scopes if not sc.duration]  # 十三五期间…五年新增21个: the past five years
            if state.explicit and year is not None and ci > state.scope_clause:
                # (到2028年,)…达到650家,2027年达到550家;每年新增…: an earlier year named bare
                # inside a sentence after the year in force is an interim one, its own clause only.
                # So is a later one followed by its verb (…达到2.65%,确保2028年达到2.8%;…):
                # the same measure's later value, not a new year for the clauses after it.
                for sc in scopes:
                    with_verb = bool(_REACH_RE.match(c.text, sc.end)) \
                        and not R.FILLERS.sub("", c.text[: sc.start]).strip(" ,;:、")
                    sc.local = sc.local or (sc.bare and (sc.year < year or with_verb))
            if ci > 0 and year is not None and state.prev is not None and state.prev.sentence == si \
                    and state.prev.role == "target":
                for sc in scopes:  # (到2027年,)…突破500家,今年新增80家以上;…: this year's step, its clause only
                    sc.local = sc.local or (sc.this and sc.year < year)
            local = [sc for sc in scopes if sc.local]
            scopes = [sc for sc in scopes if not sc.local]
            if local and not scopes:
                found = _clause(seg, s, si, ci, c, local[-1].year, _local_state(state, c, local[-1]),
                                present_line == s.line or base_section, ctx)
                out.extend(found)
                if found:
                    state.prev = found[-1]
                continue
            if scopes and scopes[-1].since:
                # 截至2022年底: a figure of that date, not a target year.
                present_line = s.line
                state.past_year = scopes[-1].year
                scopes = []
            if scopes:
                year = scopes[-1].year
                state.outlook = scopes[-1].outlook
                state.explicit = True
                state.scope_clause = ci
                state.scope_start = c.start + scopes[-1].start
                if not R.FILLERS.sub("", c.text).strip(" ,;:、"):
                    # 力争2023-2025年，…: the clause holds only the year; the quote
                    # starts with it, and its 力争 is the sentence's.
                    qs = R.QUOTE_SKIP_RE.match(c.text)
                    state.scope_start = c.start + (qs.end() if qs else 0)
                    state.aspiration = bool(R.ASPIRATION_RE.search(c.text))
                if ctx.issued is None and not scopes[-1].to and \
                        (year in reported or _reports(seg.norm, c.start + scopes[-1].end)):
                    reported.add(year)  # an undated text reporting that year's results
                if (ctx.issued and year < ctx.issued[0]) or (year in reported and not scopes[-1].to):
                    present_line = s.line
                    state.past_year = year
                    past = (s.line, year)
                else:
                    present_line = -1 if present_line == s.line else present_line
                    state.past_year = None
            elif _present(c.text) and not (_weak_present(c.text) and _goal_sentence(seg, c, state)):
                present_line = s.line
            if R.DONE_RE.search(c.text):
                present_line = s.line  # 年内已完成…: done, whatever year the clause names
            if R.ANNUAL_RE.search(c.text):
                state.annual = True
            present = present_line == s.line or base_section
            if code_end is not None and c.start >= code_end and not state.explicit:
                continue  # “3344”,即攻克3类…、建设3个…: the parts of a slogan, not targets
            found = _clause(seg, s, si, ci, c, year, state, present, ctx)
            out.extend(found)
        if section_year is not None and state.explicit and state.scope_clause > 0 and year != section_year:
            # 二、2023年工作计划 … 技术合同成交额突破120亿元，力争到2025年达到200亿元；新增…:
            # a year named inside a sentence of a dated section holds for that sentence only.
            year = section_year
        if state.explicit and year is not None and s.text.rstrip().endswith(":"):
            list_year = year
        if state.explicit and year is not None and year_before is not None:
            if year < year_before == ctx.horizon:
                # An earlier year inside the scope of the document's horizon (到2027年,…。
                # 到2026年底,建成…。) dates its own sentence, and what follows it across ;
                # and ,; after its 。 the horizon's scope goes on.
                resume = year_before
            elif resume is not None and year >= resume:
                resume = None
        if state.outlook and year_before is not None and year != year_before:
            resume = year_before  # 展望2030年,…。 then the plan's own year again
    out.extend(_table_figures(seg, [*lines, *goals], _last_present_year(seg.norm, ctx)))
    # 考核权重由6%提高到8%, 分值占比不低于5%, 总投资85亿元: how an assessment counts, a project's scale
    out = [c for c in out if not R.NO_GOAL_NAME_RE.search(c.name or "")]
    _responsible(seg, out)
    return _one_commitment(out)


_HEADING_YEAR_RE = re.compile(r"(?:(?<![\d—\-~至到])(\d{4})年|(今年|明年|下半年))(?:度)?(?:的)?(?:主要|重点|工作|目标|任务|安排|计划|要点)")


def _heading_year(headings: tuple, ctx: Context) -> int | None:
    """The year a heading gives its section's figures (三、2021年主要工作,
    2024年重点任务, 二、今年主要目标和重点工作); none for a review (一、2022年
    工作总结) or a year before the document's."""
    for title in reversed(headings):
        m = _HEADING_YEAR_RE.search(title or "")
        if m and (re.search(r"总结|回顾|成效|完成情况|进展", title) or (m.group(2) and ctx.this_year is None)):
            return None  # 一、2022年工作总结: a review, its figures are no targets
        if m:
            year = int(m.group(1)) if m.group(1) else ctx.this_year + (m.group(2) == "明年")
            return year if 1900 <= year <= 2100 and (ctx.issued is None or year >= ctx.issued[0]) else None
    return None


def _review_year(headings: tuple, ctx: Context) -> int | None:
    """The year a review's heading names (一、2024年工作回顾, 2026年工作完成情况),
    when it is not after the document's: the year its figures are of."""
    for title in reversed(headings):
        m = re.search(r"(\d{4})年", title or "")
        if m and R.BASELINE_SECTION_RE.search(title):
            year = int(m.group(1))
            return year if ctx.issued is None or year <= ctx.issued[0] else None
    return None


def _ends_scope_run(s: Sentence) -> bool:
    """Whether a sentence ends a run of sentences one year scope holds across
    (it ends with 。 ! ? rather than ;)."""
    return not s.text.rstrip().endswith(";")


_CODE_THEN_IS_RE = re.compile(r"[“\"]\d{3,6}[”\"][^。]{0,30}?即")


def _slogan_end(s: Sentence) -> int | None:
    """Where the clauses that spell out a numeric slogan begin (“1123”,即围绕
    一个主线…: after 即), once per sentence."""
    m = _CODE_THEN_IS_RE.search(s.text)
    return s.start + m.end() - 1 if m else None


def _last_present_year(norm: str, ctx: Context) -> int | None:
    """The last year whose figures a table can hold as its base: the base year
    the text states (基期为2023年), else the year before the document's, else
    the year before its title's span (行动计划(2025—2027年))."""
    m = _STATED_BASE_RE.search(norm)
    if m:
        return int(m.group("y") or m.group("y2"))
    if ctx.issued:
        return ctx.issued[0] - 1
    m = _PLAN_SPAN_RE.search(norm[:400])  # 三年行动计划(2025—2027年), undated: its years are to come
    return int(m.group(1)) - 1 if m else None


_STATED_BASE_RE = re.compile(r"基期(?:年)?(?:为|是)(?P<y>\d{4})年|以(?P<y2>\d{4})年为基期")
_PLAN_SPAN_RE = re.compile(r"[(](\d{4})\s{0,2}[-—–~至]{1,2}\s{0,2}\d{4}年?[)]")


def _table_figures(seg: Segmented, found: list, last_present: int | None = None) -> list[Candidate]:
    """The figures of indicator tables: the first year's column gives base
    values, the later columns targets (see tables.py); a first column after
    ``last_present`` (2025 in a plan with 基期为2023年) holds targets too.
    ``found``: those of the 专栏 lines and tables of yearly goals, already read."""
    import bisect

    from .tables import read_tables

    figures = [*read_tables(seg.norm), *found] if re.search(r"\d{4}年", seg.norm) else []
    starts = [s.start for s in seg.sentences]
    out = []
    for f in figures:
        si = max(0, bisect.bisect_right(starts, f.start) - 1)
        label = seg.sentences[si].label if seg.sentences else ""
        name, unit = f.name, _per_person(f.name, f.unit)
        if f.base and (f.stated_base or last_present is None or f.year <= last_present):
            out.append(Candidate("baseline", name, "level", None, _tidy(f.value), unit, None, "stated",
                                 f.start, f.end, label, si, period=str(f.year)))
            continue
        kind, comparator, value = _table_kind(name, unit), f.comparator, _tidy(f.value)
        notes, review = [_("from an indicator table")], []
        if comparator is None and (kind == "rank" or _LESS_IS_BETTER_RE.search(name)):
            comparator = "<="  # a place, or a use or a harm (能耗, 排放): the goal or better
        elif comparator is None:
            review.append(_("from an indicator table: no comparator word, >= assumed"))
        fall = _TABLE_FALL_RE.search(name) if unit == "%" else None
        if fall is not None:  # 单位工业增加值能耗降幅 3%: a fall, as in a sentence
            name, kind, comparator, value, unit = _fall(name, fall, value, comparator, notes, review)
        cand = Candidate("target", name, kind, comparator or ">=", value, unit, f.year, "explicit",
                         f.start, f.end, label, si, notes=notes, review=review)
        out.append(cand)
    return out


# A table's indicator named as a change (…降幅, …增速, 新增…, …净增数): its column
# holds the change, not the level.
_TABLE_FALL_RE = re.compile(r"(?P<yearly>年均)?(?:降幅|下降率|降低率|下降幅度|下降)$")
_TABLE_GROWTH_RE = re.compile(r"(?:增速|增长率|增幅|增长)$")
_TABLE_INCREASE_RE = re.compile(r"^(?:新增|净增|新引进|新认定|新培育|新建)|(?:净增|新增)(?:数|数量|量)?$")


# A table's indicator that falls to its goal (单位地区生产总值能耗 0.45): at most the goal.
_LESS_IS_BETTER_RE = re.compile(r"(?:能耗|电耗|水耗|煤耗|排放量?|排放强度|事故起数|死亡人数|浓度)$")


def _per_person(name: str | None, unit: str) -> str:
    """每万人口高价值发明专利拥有量 12件: 件 per 10,000 people, as the name says."""
    if unit == "件" and re.search(r"每万人|每万名|万人口|^万人", name or ""):
        return "件/万人"
    return unit


def _table_kind(name: str, unit: str) -> str:
    if unit == "位":
        return "rank"
    if unit == "%" and _TABLE_GROWTH_RE.search(name):
        return "growth_rate"
    if _TABLE_INCREASE_RE.search(name) and unit != "%":
        return "increase"
    return "share" if unit == "%" else "level"


def responsibility(body: str) -> tuple[str | None, list[str]]:
    """牵头单位 and 责任单位 of a note's inside: 牵头单位:市科技局;责任单位:市发改委、市工信局
    -> ("市科技局", ["市发改委", "市工信局"]). A trailing 等 is not a name."""
    lead, units_ = None, []
    for m in R.RESPONSIBLE_FIELD_RE.finditer(body):
        names = [n.strip(" ,,。") for n in re.split(r"[、,,]", m.group("names"))]
        names = [re.sub(r"等$", "", n) for n in names if n]
        if m.group("role") == "牵头" and names:
            lead = lead or names[0]
            units_ += names[1:]
        elif m.group("role") == "责任":
            units_ += names
    return lead, [n for n in dict.fromkeys(units_) if n]


def _responsible(seg: Segmented, cands: list[Candidate]) -> None:
    """A note (牵头单位:…;责任单位:…) is for the targets of the paragraph it
    ends, or, on a line of its own, for those since the last heading or note."""
    notes = []  # (offset, line, lead, units, span, on a line of its own, clause label)
    label_of_line = {}
    for s in seg.sentences:
        label_of_line.setdefault(s.line, s.label)
    pos = 0
    for line_no, raw in enumerate(seg.norm.split("\n")):
        if "单位" in raw or "部门" in raw:
            for m in R.RESPONSIBLE_RE.finditer(raw):
                lead, names = responsibility(m.group("body"))
                if lead or names:
                    own = not raw[: m.start()].strip()
                    notes.append((pos + m.start(), line_no, lead, names, (pos + m.start(), pos + m.end()), own,
                                  label_of_line.get(line_no)))
        pos += len(raw) + 1
    if not notes:
        return
    targets = sorted((c for c in cands if c.role == "target"), key=lambda c: c.start)
    i = 0  # targets before the note being read; each target is looked at once
    for at, line, lead, names, span, own_line, label in notes:
        while i < len(targets) and targets[i].start < at:
            c = targets[i]
            i += 1
            if own_line or seg.sentences[c.sentence].line == line:
                if own_line and seg.sentences[c.sentence].label != label:
                    continue
                c.lead, c.units, c.units_span = lead, list(names), span


def _local_state(state, c, scope):
    """The sentence state for a clause whose year is named inside it."""
    from copy import copy

    local = copy(state)
    local.explicit = True
    local.scope_clause = -2
    local.scope_start = c.start + scope.start
    return local


def _reports(norm: str, pos: int) -> bool:
    """Whether the words after a year opening a paragraph (2024年，…) report
    that year's results (同比增长, 比上年, 实现了, 取得…成效) rather than set
    targets: read up to the next year named or the end of the line, at most
    300 characters. Used only when the document carries no issue date."""
    tail = norm[pos: pos + 300]
    cut = _NEXT_YEAR_RE.search(tail)
    return bool(R.REPORT_RE.search(tail[: cut.start()] if cut else tail))


_NEXT_YEAR_RE = re.compile(r"\n|\d{4}年")


def _present(text: str) -> bool:
    return bool(R.PRESENT_RE.search(text))


# Words of the present that a goal uses too (每个县至少拥有1个平台, 同比增长15%以上).
_WEAK_PRESENT = ("拥有", "同比", "比上年")
_GOAL_FRAME_RE = re.compile(r"(?:主要|预期|年度|工作|发展)?目标(?:是|为)?:|力争|确保")


def _weak_present(text: str) -> bool:
    return all(m.group(0) in _WEAK_PRESENT for m in R.PRESENT_RE.finditer(text))


def _goal_sentence(seg: Segmented, c: Clause, state) -> bool:
    """Whether a sentence sets goals up to this clause: a year still to come
    named in it (到2027年,…), or a goal's frame on its line (全年主要目标是:…;…, 力争)."""
    if state.explicit and state.past_year is None:
        return True
    line_start = seg.line_start(c.start)
    return bool(_GOAL_FRAME_RE.search(seg.norm, line_start, min(c.end, line_start + _LOOK_BACK))
                or _GOAL_FRAME_RE.search(seg.norm, max(line_start, c.end - _LOOK_BACK), c.end))


@dataclass
class _SentenceState:
    explicit: bool = False  # a year scope was stated in this sentence
    scope_clause: int = -1
    scope_start: int = -1
    past_year: int | None = None
    annual: bool = False
    prev: Candidate | None = None  # last candidate of the sentence
    before: Candidate | None = None  # last candidate of the sentence before (这一比重)
    subject: str | None = None  # a sub-area the sentence is about
    aspiration: bool = False  # 力争 opens the sentence (力争2023-2025年，…)
    outlook: bool = False  # the year in force is an outlook's (展望2030年)


@dataclass
class _ClauseRead:
    """What every stage of reading one clause sees: the clause, its sentence,
    the year in force, the sentence state, and what the stages found so far
    (``out``) and the spans they used (``consumed``)."""

    seg: Segmented
    s: Sentence
    si: int
    ci: int
    c: Clause
    year: int | None
    state: "_SentenceState"
    present: bool
    ctx: Context
    out: list = field(default_factory=list)
    consumed: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.c.text

    @property
    def framing(self) -> bool:
        return bool(R.FRAMING_RE.match(self.text.lstrip(" ,;:、")))

    def when(self, c0):
        if self.year is None:
            return self.ctx.horizon, "horizon"
        return self.year, ("explicit" if self.state.explicit else "inherited")

    def quote_start(self, local_start):
        """Start the quote at the year if it opens this clause or stands alone
        in the clause before (到2025年,…)."""
        c, s, ci, state = self.c, self.s, self.ci, self.state
        start = c.start + local_start
        if state.explicit and 0 <= state.scope_start < start:
            if state.scope_clause == ci and state.scope_start >= c.start:
                return state.scope_start
            if state.scope_clause == ci - 1:
                prev = s.clauses[ci - 1].text
                if not R.FILLERS.sub("", prev).strip(" ,;:、"):
                    return state.scope_start
        return start


def _clause(seg, s: Sentence, si, ci, c: Clause, year, state, present, ctx) -> list[Candidate]:
    """One clause, read by small stages in order; each stage adds what it
    finds to ``k.out`` and marks the spans it used, so a later stage does not
    read the same figure again. A new shape of text is a new rule in one of
    them."""
    k = _ClauseRead(seg, s, si, ci, c, year, state, present, ctx)
    for stage in _CLAUSE_STAGES:
        stage(k)
    return k.out


def _relatives(k: "_ClauseRead") -> None:
    """Relative targets: 超过全省平均水平, 达到长治市县区平均数."""
    if "平均" not in k.text:
        return  # none of its words in the clause
    text, c, s, si, ci, year = k.text, k.c, k.s, k.si, k.ci, k.year
    state, out, consumed, when, quote_start, present = k.state, k.out, k.consumed, k.when, k.quote_start, k.present
    target_context = not present
    for m in R.RELATIVE_RE.finditer(text):
        if not target_context or (year is None and not state.explicit):
            continue
        name_start = _name_start(text, 0)
        name = _clean(text[name_start: m.start()])
        start = quote_start(name_start)
        if not name and ci > 0:
            # 培育认定高新技术企业逐年增加,达到…平均数: the name is in the clause before.
            prev = s.clauses[ci - 1]
            name = _clean_relative_name(prev.text)
            start = prev.start + _name_start(prev.text, 0)
        y, how = when(m.start())
        if not name or y is None:
            continue
        comp = ">" if m.group("word") in ("超过", "高于", "优于", "领先") else ">="
        cand = Candidate("target", name, "relative", comp, None, "", y, how, start, c.start + m.end(),
                         s.label, si, reference=m.group("ref").strip())
        out.append(cand)
        state.prev = cand
        consumed.append((m.start(), m.end()))


def _multiples(k: "_ClauseRead") -> None:
    """Multiples: 翻一番, 翻番, 倍增, 双倍增, 增长N倍."""
    if "番" not in k.text and "倍" not in k.text:
        return  # none of its words in the clause
    text, c, s, si, state = k.text, k.c, k.s, k.si, k.state
    ctx, out, consumed, when, quote_start, present = k.ctx, k.out, k.consumed, k.when, k.quote_start, k.present
    target_context = not (present or _NOTICE_RE.search(s.text)
                              or (s.first_in_line and _PLAN_TITLE_RE.match(s.text)))
    for m in R.MULTIPLE_RE.finditer(text):
        if not target_context:
            continue
        word = m.group("word")
        if word in R.MULTIPLE_VALUES:
            value = Decimal(R.MULTIPLE_VALUES[word])
        else:
            times = m.group("times")
            n = int(times) if times.isdigit() else chinese_to_int(times)
            value = Decimal(n + 1)
        head = text[: m.start()]
        name_start = _name_start(head, 0)
        name = re.sub(r"实现$", "", _strip_verbs(_clean(head[name_start:])))
        if not name:
            continue
        y, how = when(m.start())
        if m.group("n"):
            n = m.group("n")[:-1]
            years = int(n) if n.isdigit() else chinese_to_int(n)
            if ctx.issued:
                y, how = duration_end(ctx.issued[0], years, ctx.horizon), "plan-years"
        if y is None:
            continue
        if re.match(r"(?:[一二三四五六七八九十两]|\d{1,2})大(?:行动|工程|计划)", text[m.end():]):
            continue  # 倍增三大行动: the name of a programme among others
        if _in_slogan(text, m.start()):
            continue  # 实施“倍增”计划: a programme named in quotes
        if text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start()):
            continue  # 一图读懂《…倍增行动计划》: a document's title
        if re.match(r"(?:工作|专班|领导小组|办公室)", text[m.end():]):
            continue  # 统筹推进高企倍增工作: the programme's running, not a goal
        names = _multiple_names(name, word)
        if not names:
            continue
        for nm in names:
            nm = _clean(nm)
            if not nm:
                continue
            bm = R.BASE_YEAR_RE.search(head)
            plan = re.match(r"(?:行动)?(?:计划|工程|行动)", text[m.end():])
            cand = Candidate("target", nm, "multiple", ">=", value, "倍", y, how,
                             quote_start(name_start), c.start + m.end() + (plan.end() if plan else 0), s.label, si,
                             base_period=(bm.group("y") or bm.group("y2")) if bm else None)
            cand.review.append(_("multiple of a base: pin the base period (base: {period: …})"))
            out.append(cand)
            state.prev = cand
        consumed.append((m.start(), m.end()))


# The notice that issues a plan (关于印发…倍增行动计划的通知): the plan's name, not its target.
_NOTICE_RE = re.compile(r"^[^,;。]{0,30}关于(?:印发|转发)[^,;。]{2,80}的通知$")
# A plan's title, or a task's heading, of one clause opening its line (澜川市高新技术企业倍增行动计划(2024—2026年),
# (七)实施高新技术企业倍增计划。): the name of a programme; its targets are in its text.
_PLAN_TITLE_RE = re.compile(r"^(?:[(][一二三四五六七八九十]{1,3}[)]|[一二三四五六七八九十]{1,3}、)?[^,;。]{2,40}?"
                            r"(?:计划|方案|行动|工程)(?:[(]\d{4}\s*[-—–~至]+\s*\d{4}年?[)])?。?$")


def _enumerations(k: "_ClauseRead") -> None:
    """Enumerations: A、B、C分别达到X、Y、Z."""
    if "分别" not in k.text:
        return  # none of its words in the clause
    text, c, s, si, state = k.text, k.c, k.s, k.si, k.state
    out, consumed, when, quote_start, present = k.out, k.consumed, k.when, k.quote_start, k.present
    target_context = not present
    if target_context:
        for m in R.ENUM_RE.finditer(text):
            found, span = _enumeration(text, m, c, s, si, when, quote_start)
            if found:
                out.extend(found)
                state.prev = found[-1]
                consumed.append(span)


def _base_pairs(k: "_ClauseRead") -> None:
    """A base and its target in one clause: 由2020年底的150家发展到320家."""
    if "由" not in k.text and "从" not in k.text:
        return  # none of its words in the clause
    text, c, s, si, year = k.text, k.c, k.s, k.si, k.year
    state, present, ctx, out, consumed = k.state, k.present, k.ctx, k.out, k.consumed
    for m in R.BASE_PAIR_RE.finditer(text):
        found = _base_pair(text, m, c, s, si, year, state, ctx, present)
        if found:
            out.extend(found)
            state.prev = found[-1]
            consumed.append((m.start(), m.end()))


def _ranks(k: "_ClauseRead") -> None:
    """Ranks: 前50名 (targets); 全省排名第3位 (the present)."""
    if "前" not in k.text and "第" not in k.text:
        return  # none of its words in the clause
    text, c, s, si, state = k.text, k.c, k.s, k.si, k.state
    present, ctx, out, consumed = k.present, k.ctx, k.out, k.consumed
    if not present:
        for m in re.finditer(r"前(?P<n>\d+|[一二两三四五六七八九十百]+)(?:名|位|强|(?=[,;:。、]|$))", text):
            if R.RANK_GROUP_RE.match(text, m.end()):
                continue  # 研发投入前100名企业: a group named by its rank, not a rank to reach
            value = _place_number(m.group("n"))
            if value is not None:
                _rank_target(k, m, value)
        _places(k)
        return
    for m in R.ORDINAL_RANK_RE.finditer(text):
        value = _place_number(m.group("n"))
        if value is None:
            continue
        prev = state.prev
        lead = _clean(text[: m.start()])
        base_name = lead or (prev.name if prev is not None and prev.role == "baseline" else "")
        if not base_name:
            continue
        cand = Candidate("baseline", base_name + _clean(m.group("name")), "rank", None, value, "位",
                         None, "stated", c.start + m.start(), c.start + m.end(), s.label, si)
        if prev is not None and prev.role == "baseline" and not lead:
            cand.period = prev.period
            cand.start = prev.start
        else:
            cand.period = _present_period(ctx, state)
        out.append(cand)
        consumed.append((m.start(), m.end()))


def _place_number(n: str) -> Decimal | None:
    """50 or 五十 of 前50名 / 第五十位; None when it is no number."""
    try:
        return Decimal(int(n) if n.isdigit() else chinese_to_int(n))
    except NumberError:
        return None


def _rank_target(k: "_ClauseRead", m, value: Decimal, scope: str = "") -> None:
    """A rank target at the place ``m`` found: named by the words before it,
    dated by the clause's year."""
    head = k.text[: m.start()]
    name_start = _name_start(head, 0)
    name = _rank_name(head[name_start:], scope)
    y, how = k.when(m.start())
    if not name or y is None:
        return
    k.state.prev = Candidate("target", name, "rank", "<=", value, "位", y, how,
                             k.quote_start(name_start), k.c.start + m.end(), k.s.label, k.si)
    k.out.append(k.state.prev)
    k.consumed.append((m.start(), m.end()))


_RANK_SCOPE = r"(?:全国|全省|全市|全区|全县|省内|国内)"


def _rank_name(head: str, scope: str = "") -> str:
    """The name of a rank from the words before its place: 在国家高新区综合评价中
    排名进入全国(前30位) is 国家高新区综合评价排名; 全区…指数保持全市(第一) is
    …指数全市排名."""
    name = re.sub(r"(?:排名|排位)?(?:继续|持续|稳定|力争|争取|要)*(?:进入|跻身|保持|位居|居|位列|稳居|挺进)?"
                  + _RANK_SCOPE + r"?$", "", _clean(head))
    within = re.fullmatch(r"[^在]{0,10}在(.+?)中", name)  # (柏岭高新区)在…评价中: the ranking
    name = within.group(1) if within else name
    if name and not re.search(r"排名|排位|位次|名次", name):
        name += f"{scope}排名"
    return name


def _places(k: "_ClauseRead") -> None:
    """A place to reach or keep (保持全市第一, 跃居全省第三位): a rank target of
    that place. A present place (位居全省第3位 in a sentence of the past) is a
    base value, read by _ranks."""
    for m in R.TARGET_ORDINAL_RE.finditer(k.text):
        if any(a <= m.start() < b for a, b in k.consumed):
            continue
        value = _place_number(m.group("n"))
        if value is not None and value >= 1:
            _rank_target(k, m, value, m.group("scope") or "")


def _figures(k: "_ClauseRead") -> None:
    """Numbers with a unit: find the quantity and its comparators, attach the
    name, place it in time (target or base value), classify kind and comparator."""
    text, c, s, si, ci, state = k.text, k.c, k.s, k.si, k.ci, k.state
    present, ctx, out, consumed = k.present, k.ctx, k.out, k.consumed
    framing, when, quote_start = k.framing, k.when, k.quote_start
    if _applicants_terms(k.seg, s, c):
        return  # 申请认定的中试基地,设备原值应不低于2000万元 (…应具备以下条件:…;…): what an applicant must meet
    if _DEFINITION_RE.search(s.text, max(0, c.end - s.start - _LOOK_BACK), c.end - s.start):
        return  # 千亿级产业集群是指…营业收入达到1000亿元以上: what a word means
    quantities = [q for q in find_quantities(text)
                  if not any(a <= q.start < b for a, b in consumed)]
    counted_starts = _counted_starts(text, quantities)
    seg_start = 0
    nested_until = -1
    prev_in_clause: Candidate | None = None
    for qi, q in enumerate(quantities):
        if q.start < nested_until:
            continue
        fig = _figure_at(text, q)
        if fig is None:
            continue
        unit, unit_end, after_cmp, trail_end, stated = fig
        if R.QUALIFIED_RE.match(text, trail_end):
            continue  # 引进投资5000万元以上项目30个: the first figure says which projects
        segment_text = text[seg_start: q.start]
        before = text[: q.start]
        if before.endswith("第") or _in_slogan(text, q.start):
            continue
        if "原则上" in segment_text:
            seg_start = max(seg_start, trail_end)
            continue  # 出资比例原则上不超过30%, 亩均税收原则上不低于30万元: a rule applied, not a goal
        if qi and _RANGE_TO_RE.fullmatch(segment_text):
            seg_start = max(seg_start, trail_end)
            continue  # 10万元至50万元: the range's upper end goes with its lower, kept or dropped
        seg_lead = _name_start(segment_text, 0)
        body = segment_text[seg_lead:]
        cm = R.BEFORE_RE.search(body)
        if cm and cm.group("word") in ("提高", "提升") and not (q.percent or _unit_after(text, q.end)[1]
                                                            in ("%", "个百分点", "百分点")):
            cm = None  # 能力提升四项工程: not a rise of a rate
        before_cmp = R.BEFORE[cm.group("word")] if cm else None
        if before_cmp is None and (q.percent or text.startswith("%", q.end)) and R.GROWTH_RE.search(body.rstrip()):
            before_cmp = ">="  # 年均增长10%: a rate of growth to reach
        name_before = _clean(body[: cm.start()] if cm else body)
        # 孵化器数为45家, 拥有量6件: a cue that holds only where the sentence has a year.
        year_cue = None if (before_cmp or after_cmp or q.chinese) else _year_cue(body)
        if year_cue == "为":
            name_before = _clean(body.rstrip()[:-1])
        # B-form: verb, number, then the name (新增25个省级科技创新平台).
        after_text, after_end = _after_name(text, trail_end, counted_starts)
        b_form = bool(after_text) and (not name_before or _is_verbs(name_before))
        if b_form:
            name = after_text
            nested_until = after_end
        else:
            name = name_before
        each = None
        if body.rstrip().endswith("各") or (cm is None and segment_text.rstrip().endswith("各")):
            each = [n for n in (_clean(x) for x in re.split(r"、|和|与|及", re.sub(r"各$", "", name_before))) if n]
        elif segment_text.rstrip().endswith("双") and unit == "%":
            each = _pair_names(name_before)  # A和B覆盖率双100%: each of the two at 100%
            before_cmp = before_cmp or ">="
        elif cm and re.search(r"(?:双双|均|都)$", body[: cm.start("word")].rstrip()):
            # A和B双双突破300家, A和B均达到300家: one target each
            each = _pair_names(re.sub(r"(?:双双|均|都)$", "", body[: cm.start("word")].rstrip()))
            each = [_clean(n) for n in each] if len(each) > 1 else None
        if unit is None:
            other = R.OTHER_UNIT_RE.match(text, unit_end)
            if other and not present:
                unit = other.group(0)  # kept: the draft shows it as a comment
                m = R.AFTER_RE.match(text, other.end())
                after_cmp = R.AFTER[m.group(0)] if m else after_cmp
                trail_end = m.end() if m else other.end()
            elif not (q.magnitude and R.MONEY_NAME_RE.search(name or "")):
                continue  # a number without a unit is not a figure
            else:
                unit = "元"  # 研发投入突破30亿: 亿元
        if (unit.endswith("元") and (R.GRANT_RE.search((body[: cm.start()] if cm else body).rstrip())
                                    or R.FUND_RE.match(text, trail_end)
                                    or R.GRANT_NAME_RE.search(name or ""))) \
                or R.GRANT_AFTER_RE.match(text, trail_end) or body.rstrip().endswith(("给予", "予以")):
            seg_start = max(seg_start, after_end if b_form else trail_end)
            continue  # 设立20亿元转化基金, 每年获得300万元资助: a fund or a grant, not a target
        value, unit = _scale(q.value, q.magnitude, unit)
        year_only = _YEAR_ONLY_RE.fullmatch(name_before)
        if year_only and not b_form and state.prev is not None and state.prev.sentence == si \
                and state.prev.role == "target":
            # 突破125万人(2025年为106万人): the base of the target before it, not a target;
            # 达到3.2%(2027年达到3.0%): a year still to come before the target's, its milestone.
            at = int(year_only.group(1))
            ahead = (ctx.issued is None or at >= ctx.issued[0]) and state.prev.year is not None \
                and at < state.prev.year and not re.search(r"年(?:底|末)?(?:为|是|:)", body)
            cand = Candidate("target" if ahead else "baseline", state.prev.name,
                             state.prev.kind if ahead else "level", state.prev.comparator if ahead else None,
                             value, unit, at if ahead else None, "explicit" if ahead else "stated",
                             c.start + seg_start + seg_lead, c.start + trail_end, s.label, si,
                             period=None if ahead else year_only.group(1))
            out.append(cand)
            seg_start = max(seg_start, trail_end)
            continue
        unit = _per_person(name, unit)
        # A Chinese numeral is a number only where a comparator or a verb says
        # so (新增一家, 建设两个, 建成…孵化载体十五个), not in words (四项工程).
        if q.chinese and not (before_cmp or after_cmp or R.INCREASE_RE.search(segment_text)
                              or R.VERB_END_RE.search(body.rstrip())
                              or (not after_text and R.VERB_RE.match(body.lstrip()))
                              or q.percent  # 下降百分之五: a figure whatever word is before it
                              or (prev_in_clause is not None and text[:seg_start].rstrip().endswith("、"))):
            continue  # (…基地二十个、示范点十个: the next item of a list the verb began)
        aspiration = bool(R.ASPIRATION_RE.search(text[: q.start])) or state.aspiration
        # 力争 right after a floor (突破2300家、力争达到2500家; 达到1000家,力争突破1100家):
        # the stretch of the target before it.
        anchor = prev_in_clause
        if anchor is None and state.prev is not None and state.prev.sentence == si and ci > 0 \
                and not R.FILLERS.sub("", text[: seg_start]).strip(" ,;:、"):
            anchor = state.prev
        if not name and anchor is not None and R.ASPIRATION_RE.search(segment_text) \
                and anchor.role == "target" and anchor.kind not in ("relative", "milestone") \
                and not (anchor.kind == "growth_rate" and unit != "%"):
            # (年均增长15%以上,力争突破500亿元: a level of its own, read below)
            anchor.stretch = _convert(value, unit, anchor.unit)
            anchor.end = c.start + trail_end
            if anchor.stretch is None:
                anchor.review.append(_("stretch {value}{unit} is not in {target_unit}").format(
                    value=value, unit=unit, target_unit=anchor.unit))
            seg_start = trail_end
            continue
        # An elliptical name continues the one before it (全社会研发投入总量…,投入强度…;
        # …,占地区生产总值的比重…).
        if name and not b_form and state.prev is not None and state.prev.sentence == si:
            name = _resolve_ellipsis(name, state.prev.name)
        elif name and state.prev is None and state.before is not None and R.ANAPHOR_RE.fullmatch(name):
            name = _resolve_ellipsis(name, state.before.name)  # …比重达到9%;到2027年,这一比重…
        # 其中国家级2个: a part of the target before it.
        part_of = None
        if text.lstrip().startswith("其中") and state.prev is not None and state.prev.sentence == si \
                and state.prev.role == "target" and name and seg_start == 0:
            part_of = state.prev
            name = f"{part_of.name}中{name}"
        inherited_verb = False
        if not name_before and prev_in_clause is not None and b_form and segment_text.strip(" 、") == "":
            inherited_verb = True
        borrowed, borrowed_start = False, None
        if name and not b_form and not _strip_growth(name):
            name = ""  # …达到50亿元,年均增长20%: the growth of the name before
        if not name and seg_start == 0 and ci > 0 and not (before_cmp or after_cmp) \
                and _after_colon(k.seg.norm, c.start) and not R.VERB_RE.match(_clean(s.clauses[ci - 1].text)):
            year_cue = "colon"  # 高新技术企业数量:1000家, in a sentence with a year
        if not name and seg_start == 0 and (before_cmp or after_cmp or year_cue == "colon") and ci > 0:
            # 技术合同成交额翻一番,达到3000万元 / 共建联合实验室,每年不少于3个: the name is
            # in the clause before.
            if state.prev is not None and state.prev.sentence == si:
                # 现有高新技术企业500家,到2026年达到800家: the name of the base value before
                name = state.prev.name
                borrowed_start = state.prev.start
            elif not find_quantities(R.HEADING_LABEL_RE.sub("", s.clauses[ci - 1].text)):
                prev_clause = _named_clause(s, ci - 1)
                name = _clean(prev_clause.text)
                borrowed_start = prev_clause.start + _name_start(prev_clause.text, 0)
            borrowed = bool(name)
        if not name and cm is not None and prev_in_clause is not None and prev_in_clause.role == "target" \
                and prev_in_clause.kind in ("increase", "multiple", "growth_rate") and not body[: cm.start()].strip(" 、"):
            name = prev_in_clause.name  # 比例提高10个百分点、达到45%: the level the rise comes to
        if not name:
            seg_start = max(seg_start, trail_end)
            continue
        if not (before_cmp or after_cmp):
            shared = R.LIST_SHARED_CMP_RE.match(text, trail_end)
            after_cmp = R.AFTER[shared.group("cmp")] if shared else None
        fall = R.FALL_RE.search(name) if unit == "%" and not before_cmp and not b_form else None
        strong = bool(before_cmp or after_cmp or state.annual or R.INCREASE_RE.search(text[: q.start]) or fall
                      or part_of is not None or _continues_list(text, seg_start, body, prev_in_clause, state, si, trail_end))
        verb_before = bool(R.VERB_END_RE.search(body.rstrip())) or inherited_verb
        weak = verb_before or bool(R.VERB_RE.search(body)) or inherited_verb \
            or body.rstrip().endswith("拥有")  # (到2027年,)每个县至少拥有1个: not the present, see _goal_sentence
        # Where the figure stands in time.
        stat_year = int(stated.group(1)) if stated else None
        is_base = present
        if stat_year is not None and (ctx.issued is None or stat_year < ctx.issued[0]):
            is_base = True
        if is_base:
            period = str(stat_year) if stat_year else _present_period(ctx, state)
            cand = Candidate("baseline", _strip_present_verbs(name), "level", None, value, unit, None,
                             "stated", c.start + seg_start + seg_lead,
                             c.start + (after_end if b_form else trail_end), s.label, si, period=period)
            cand.provisional = bool(re.search(r"约|预计|大约", segment_text)) or after_cmp in (">",) \
                or before_cmp == ">"
            out.append(cand)
            state.prev = cand
            prev_in_clause = cand
            seg_start = max(seg_start, after_end if b_form else trail_end)
            if stated:
                seg_start += stated.end()
            continue
        y, how = when(q.start)
        if stat_year is not None:
            y, how = stat_year, "stated"
        if how == "horizon" and ctx.rules:
            seg_start = max(seg_start, trail_end)
            continue  # 核心成员不少于3人, 单份合同金额不低于1万元: what an applicant must meet
        ends_clause = not after_text and not text[trail_end:].strip(" ,;:。、")
        opens_with_verb = bool(R.VERB_RE.match(body.lstrip()))
        accept = strong or (weak and not framing and (how in ("explicit", "inherited") or verb_before
                                                      or (opens_with_verb and ends_clause)))
        if not accept and year_cue and not b_form and not framing and how in ("explicit", "inherited"):
            accept = True
        if not accept or y is None:
            seg_start = max(seg_start, trail_end)
            continue
        name, kind, comparator, notes, review = _classify(
            name, unit, value, before_cmp, after_cmp, body, text, q,
            state.annual and not R.CUMULATIVE_RE.search(text[: q.start]), part_of, aspiration,
            ctx, y, how, borrowed)
        if fall is not None and kind == "share":
            name, kind, comparator, value, unit = _fall(name, fall, value, after_cmp, notes, review)
        if year_cue and not strong:
            notes.append(_("为 before the number") if year_cue == "为" else _("a figure right after its name"))
        qs = R.QUOTE_SKIP_RE.match(segment_text)
        start_local = seg_start + (qs.end() if qs else 0)
        bm = R.BASE_YEAR_RE.search(text[: q.start])
        base_period = (bm.group("y") or bm.group("y2")) if bm else None
        names = each or [name]
        for nm in names:
            cand = Candidate("target", nm, kind, comparator, value, unit, y, how,
                             borrowed_start if borrowed else quote_start(start_local),
                             c.start + (after_end if b_form else trail_end),
                             s.label, si, aspiration=aspiration, notes=list(notes), review=list(review),
                             base_period=base_period)
            out.append(cand)
            state.prev = cand
            prev_in_clause = cand
        seg_start = max(seg_start, after_end if b_form else trail_end)
        if text[seg_start: seg_start + 1] == "、":
            seg_start += 1


# How far back from a clause a frame is looked for (its sentence's, its
# line's): a bounded look, so that a text of one endless line is still read
# in linear time.
_LOOK_BACK = 300


def _applicants_terms(seg: Segmented, s: Sentence, c: Clause) -> bool:
    """A sentence, or the line it is on, that says what an applicant must meet."""
    for start in (s.start, seg.line_start(c.start)):
        head = seg.norm[start: min(c.end, start + _LOOK_BACK)]
        if R.APPLICANT_RE.match(head) and _REQUIREMENT_RE.search(head):
            return True
    return False


_DEFINITION_RE = re.compile(r"(?:是指|系指|指的是|所称[^,;。]{1,20}?(?:是指|指))")
_REQUIREMENT_RE = re.compile(r"(?:应|须|需)当?(?:不低于|不少于|不超过|达到|在|具有|具备|拥有)")
_RANGE_TO_RE = re.compile(r"\s*(?:至|到|~|-|—|–)\s*")
_YEAR_ONLY_RE = re.compile(r"[(\[]?(?:基期|现状|基数)?(\d{4})年(?:底|末)?(?:为|是|:)?")


def _named_clause(s: Sentence, ci: int) -> Clause:
    """The clause that names a figure of the next one: itself, or the label
    before the colon when it is an action (高新技术企业:实施倍增计划,到2027年
    达到1.7万家 names 高新技术企业)."""
    c = s.clauses[ci]
    if ci == 1 and R.ACTION_RE.match(_clean(c.text)):
        label = s.clauses[0]
        if label.text.endswith(":") and len(label.text) <= 20 and not find_quantities(label.text) \
                and not _is_verbs(_clean(label.text)):
            return label
    return c


def _after_colon(norm: str, start: int) -> bool:
    """Whether a clause follows a colon (a name, a colon, its figure)."""
    return norm[max(0, start - 2): start].rstrip().endswith(":")


def _pair_names(name: str) -> list[str]:
    """The two names of 双N% (研发机构和研发活动覆盖率双100%): a measure written
    once on the last name belongs to both."""
    # (not inside brackets: 各县(市、区)高新技术企业数量均达到100家 is one name)
    parts = [p for p in (_clean(x) for x in re.split(r"(?:和|与|、|及)(?![^()]*\))", re.sub(r"双$", "", _clean(name))))
             if p]
    if len(parts) < 2:
        return parts
    m = re.search(r"(?:覆盖率|普及率|占比|比重|比例|率)$", parts[-1])
    if m:
        parts = [p if re.search(r"率|比重|占比|比例", p) else p + m.group(0) for p in parts[:-1]] + [parts[-1]]
    return parts


def _year_cue(body: str) -> str | None:
    """A figure cued only by what stands before it, which makes it a target
    in a sentence with a year (到2025年,…): 为 after a name (孵化器数为
    45家, not 成为/作为/认定为), or a measure named right before it with no
    verb (每万人发明专利拥有量6件, 占地区生产总值比重30%)."""
    body = body.rstrip()
    if R.IS_RE.search(body):
        return "为"
    if R.MEASURE_END_RE.search(body) and not R.VERB_RE.search(body) and "投资" not in body:
        return "bare"
    return None


def _figure_at(text: str, q):
    """The unit after a quantity and the comparator word after the unit
    (以上, 左右 …), and a year in brackets after it (a figure of that year);
    None for a number that is no figure: bare (a year, a code, 1-2-3) or
    qualifying a name (总投资10亿元以上的项目)."""
    unit_end, unit = _unit_after(text, q.end)
    if q.percent:
        unit, unit_end = "%", q.end
    if unit is None and not q.magnitude and not R.OTHER_UNIT_RE.match(text, unit_end):
        return None
    after_cmp = None
    m = R.AFTER_RE.match(text, unit_end)
    trail_end = unit_end
    if m:
        after_cmp = R.AFTER[m.group(0)]
        trail_end = m.end()
    aside = _ASIDE_RE.match(text, trail_end)  # 80%以上(含80%)的: the condition goes on after the brackets
    cond_at = aside.end() if aside else trail_end
    if text[cond_at: cond_at + 1] == "的" and unit is not None \
            and not re.match(r"的(?:目标|任务|要求|水平)", text[cond_at:]) \
            and (not R.BEFORE_RE.search(text[max(0, q.start - 8): q.start]) or R.CONDITION_RE.match(text)):
        return None  # 对年研发投入超过500万元的企业: a condition, even with its comparator
    if unit is not None and _QUALIFIER_TAIL_RE.match(text, trail_end) and units.is_known(unit) \
            and units.dimension(unit) not in units.COUNTS:
        return None  # 年营业收入超过5000万元(、研发投入占比超过3%)的企业: which firms, not a target
    if R.CONDITION_RE.match(text):
        end = trail_end
        other = R.OTHER_UNIT_RE.match(text, unit_end) if unit is None else None
        if other is not None:  # 对年综合能耗5000吨标准煤以上的企业
            tail = R.AFTER_RE.match(text, other.end())
            end = tail.end() if tail else other.end()
        if (unit is not None or other is not None) and R.CONDITION_LIST_RE.match(text, end):
            return None  # 对营业收入首次突破10亿元、50亿元的企业: each figure of the list
    stated = re.match(r"\((\d{4})年(?:底|末)?\)", text[trail_end:])
    return unit, unit_end, after_cmp, trail_end, stated


_ASIDE_RE = re.compile(r"\([^()]{1,12}\)|\)(?=的)")  # (含80%)的; 含80%)的 inside it
# What follows a threshold that picks out firms or projects: the figure says
# which ones (a sum or a share, not a count: 10个以上的创新平台 is a target).
_QUALIFIER_TAIL_RE = re.compile(r"(?:、[^,;。的]{1,24}?)?的[\u4e00-\u9fff]{0,8}?(?:企业|项目|单位|机构|人才|团队|个人|主体)")


def _classify(name, unit, value, before_cmp, after_cmp, body, text, q, annual, part_of, aspiration,
              ctx, y, how, borrowed):
    """Kind and comparator of an accepted target, the notes that say how it
    was read and the reasons a person must review it."""
    kind, comparator, notes, review = _kind(name, unit, before_cmp, after_cmp, body, text[: q.start],
                                            annual, q)
    if kind == "growth_rate":
        name = _strip_growth(name)
    if part_of is not None and kind == "level" and part_of.kind in ("increase", "annual"):
        kind = part_of.kind
        notes.append(_("part of {name}").format(name=part_of.name))
    if q.high is not None:
        review.append(_("a range {text}: the lower end {value} is the target").format(text=q.text, value=q.value))
        notes.append(_("range {text}").format(text=q.text))
    if aspiration and kind != "milestone":
        notes.append(_("力争 (aspiration)"))
        review.append(_("力争 without a floor: read as the target"))
    if ctx.this_year_assumed and y == ctx.this_year and how in ("explicit", "inherited"):
        review.append(_("今年 with no date in the text: {year} assumed").format(year=y))
    if how == "horizon" and kind != "annual":
        review.append(_(NO_YEAR).format(year=y))
    if borrowed:
        review.append(_("the name is read from the clause before"))
    if how == "plan-years":
        review.append(_("year {year}: the issue year plus the plan's years").format(year=y))
    if comparator is None:
        comparator = ">="
        if kind not in ("increase", "annual"):
            review.append(_(_NO_COMPARATOR))
    if q.magnitude and unit.endswith("元") and not _unit_written(text, q.end):
        review.append(_("unit {unit}: 元 read from the name").format(unit=unit))
    return name, kind, comparator, notes, review


def _fall(name, fall, value, after_cmp, notes, review):
    """A fall in % of a measure (能耗累计下降13.5%; 年均下降3%): the measure is
    to come down. Over the plan, at most (1 - N%) of the base (a multiple
    0.865); a yearly fall, a growth rate of at most -N%. Name, kind,
    comparator, value and unit."""
    name = _clean(name[: fall.start()]) or name
    comparator = "~" if after_cmp == "~" else "<="
    review[:] = [r for r in review if getattr(r, "msgid", "") != _NO_COMPARATOR]
    notes.append(_("a fall of {value}%").format(value=value))
    if fall.group("yearly"):
        review.append(_("a yearly fall of {value}%: read as a growth rate of at most -{value}%").format(value=value))
        return name, "growth_rate", comparator, -value, "%"
    multiple = _tidy(1 - value / 100)
    review.append(_("a fall of {value}% from the base: read as at most {multiple} times the base; pin the base "
                    "(base: {{period: …}})").format(value=value, multiple=multiple))
    return name, "multiple", comparator, multiple, "倍"


def _milestones(k: "_ClauseRead") -> None:
    """Qualitative deliverables with a year stated in the sentence."""
    text, c, s, si, year = k.text, k.c, k.s, k.si, k.year
    state, out, framing, quote_start, present = k.state, k.out, k.framing, k.quote_start, k.present
    target_context = not present
    counted = any(q.percent or _unit_after(text, q.end)[1] for q in find_quantities(text))
    if target_context and state.explicit and year is not None and not out \
            and not counted and not framing:
        m = R.MILESTONE_RE.search(text) or _facility_built(k)
        if m and not re.search(r"打下|奠定|基础", text):
            name_start = _name_start(text, 0)
            name = _clean(text[name_start:].rstrip("。;,"))
            if m.re is R.FACILITY_BUILT_RE and m.group("a"):
                name = m.group("a") + "建成"  # 建成X中心: the indicator is X中心建成 (done or not)
            if name:
                cand = Candidate("target", name, "milestone", None, None, "", year, "explicit",
                                 quote_start(name_start), c.start + len(text.rstrip("。;, ")), s.label, si)
                if R.ASPIRATION_RE.search(text):
                    cand.notes.append(_("力争 (aspiration)"))
                cand.review.append(_("qualitative deliverable: check that it is a commitment"))
                out.append(cand)


def _facility_built(k: "_ClauseRead"):
    """建成 and a named facility ending the sentence (到2026年底,建成某县科技成果
    转化中心。; 科创大厦建成。): the match, or None."""
    if k.ci != len(k.s.clauses) - 1 or "建成" not in k.text:
        return None
    body = k.text[_name_start(k.text, 0):].rstrip("。;,:!? ")
    m = R.FACILITY_BUILT_RE.match(body)
    if m is None or R.NOT_A_FACILITY_RE.search(m.group("a") or m.group("b")):
        return None
    return m


def _sub_area(k: "_ClauseRead") -> None:
    """A sub-area opening the sentence, or heading the section (（二）西湖片区),
    prefixes the names of its targets."""
    state, out = k.state, k.out
    subject = state.subject or _heading_place(k.s)
    if subject:
        for cand in out:
            if cand.role == "target" and not R.SUBAREA_RE.search(cand.name) and not cand.name.startswith(subject):
                cand.name = subject + cand.name
                cand.notes.append(_("for {place}").format(place=subject))


def _heading_place(s: Sentence) -> str | None:
    """The innermost heading's title when it is a place alone (东港片区, 某某县)."""
    if not s.headings or len(s.headings[-1] or "") > 40:
        return None  # a place's name is short; a long title is read once per clause, so not at all
    title = re.sub(r"[。.:;,]+$", "", s.headings[-1] or "")
    if R.PLACE_TITLE_RE.fullmatch(title) and not R.VERB_RE.search(title):
        return title
    return None


_CLAUSE_STAGES = (_relatives, _multiples, _enumerations, _base_pairs, _ranks, _figures, _milestones, _sub_area)


# --------------------------------------------------------------------------
# Pieces


_UNIT_RE = re.compile(" {0,8}(?:" + "|".join(re.escape(u) for u in UNITS if u) + ")")

def _unit_after(text: str, pos: int) -> tuple[int, str | None]:
    """The unit right after a number (one pattern, longest unit first; 人 of
    人才 is not a unit)."""
    m = _UNIT_RE.match(text, pos)
    if not m:
        return pos, None
    u = m.group(0).lstrip(" ")
    if u == "人" and text.startswith("人才", m.end() - 1):
        return pos, None
    return m.end(), u


def _unit_written(text: str, pos: int) -> bool:
    return _unit_after(text, pos)[1] is not None


def _scale(value: Decimal, magnitude: str | None, unit: str) -> tuple[Decimal, str]:
    """Money keeps a magnitude in its unit (20亿元, 2000万元); other counts are
    written out (1万名 -> 10000名)."""
    if unit == "元" and magnitude:
        for mag in ("亿", "万"):
            scale = units.MAGNITUDES[mag]
            if value >= scale:
                return _tidy(value / scale), mag + "元"
        return _tidy(value), "元"
    return _tidy(value), unit


def _tidy(d: Decimal) -> Decimal:
    d = d.normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral() else d


def _convert(value: Decimal, unit: str, to_unit: str) -> Decimal | None:
    try:
        return _tidy(value * units.factor(unit, to_unit))
    except units.UnitError:
        return None


def _counted_starts(text: str, quantities) -> list[int]:
    """Where the counted figures of a clause start: numbers with a unit not
    followed by 的 (超10亿元的企业 is a qualifier). Worked out once a clause."""
    out = []
    for q in quantities:
        u_end, u = _unit_after(text, q.end)
        if u is None and not q.percent:
            continue
        a = R.AFTER_RE.match(text, u_end)
        tail = a.end() if a else u_end
        if text[tail: tail + 1] != "的":
            out.append(q.start)
    return out


def _after_name(text: str, pos: int, counted: list[int]) -> tuple[str, int]:
    """The noun phrase after a number (B-form), up to the clause end or a 、
    that starts the next counted item. A number inside it followed by 的 is a
    qualifier of the noun (超10亿元的企业) and stays in it."""
    import bisect

    end = len(text)
    i = bisect.bisect_left(counted, pos)
    if i < len(counted):
        end = counted[i]
    cut = re.search(r"、(?=\d|[一二两三四五六七八九十]+[个家项件名人所座次场期])", text[pos:end])
    if cut:
        end = pos + cut.start()
    raw = text[pos:end]
    name = _clean(re.sub(r"[。;,:]+$", "", raw))
    if len(re.findall(r"[\u4e00-\u9fff]", name)) < 2 or _GOAL_WORDS_RE.fullmatch(raw.strip("%。;,: ")):
        return "", pos  # 达到2.8%的规划目标: a goal, not the measure's name
    return name, pos + len(raw.rstrip("。;,: "))


_GOAL_WORDS_RE = re.compile(r"的?(?:规划|预期|年度|既定|总体)?(?:目标|任务|目标任务)(?:值)?")


def _name_start(text: str, start: int) -> int:
    """Where a name begins: after heading labels and filler words."""
    pos = start
    while True:
        rest = text[pos:]
        m = R.HEADING_LABEL_RE.match(rest) or R.FILLERS.match(rest)
        if not m or not m.end():
            return pos
        pos += m.end()


def _clean(name: str) -> str:
    name = R.HEADING_LABEL_RE.sub("", name.strip(" ,;:、。"))
    name = R.PLAN_RE.sub("", R.FRAMING_NAME_RE.sub("", name, count=1))
    name = R.DURATION_RE.sub("", R.BASE_YEAR_RE.sub("", name))
    name = R.FILLERS.sub("", name)
    name = re.sub(r"在[^,;]{0,8}?基础上", "", name)  # 在现有基础上, 在2020年基础上
    name = re.sub(r"^(?:的|为|了|等)+", "", name)
    if "——" in name:  # 今年目标——科技进步贡献率: a headline's lead-in
        name = name.rsplit("——", 1)[1]
    name = re.sub(r"(?:的|等|要|将|需|均|分别|达|力争|争取|确保|累计|合计|共计|共|计划|预计|目标|同比|比上年|较上年)+$", "",
                  name)
    if "等" in name:
        tail = name.rsplit("等", 1)[1]
        if len(tail) >= 2:
            name = tail
    return name.strip(" ,;:、")


def _strip_verbs(name: str) -> str:
    return re.sub(r"^(?:制定|实施|开展|推进|推动|实现)+", "", name)


def _strip_present_verbs(name: str) -> str:
    name = re.sub(r"^(?:拥有|现有|已有|共有|有(?!效|关|机|色|线|序|偿))", "", name)
    return R.PRESENT_VERBS.sub("", name) or name


def _strip_growth(name: str) -> str:
    name = re.sub(r"(?:同比|比上年|较上年|年均|年平均|每年)?(?:增长率|增速|增幅|增长)$", "", name)
    name = re.sub(r"(?:同比|比上年|较上年|年均|年平均|每年)?(?:增长率|增速|增幅|增长)$", "", name)
    return name.strip() or name


def _clean_relative_name(text: str) -> str:
    name = _clean(text)
    name = re.sub(r"(?:逐年增加|稳步增长|持续增长|不断提升|稳步提升|逐年提高|持续提升)$", "", name)
    name = re.sub(r"^(?:培育认定|培育|认定)", "", name)
    return name


def _resolve_ellipsis(name: str, prev: str) -> str:
    """投入强度 after 全社会研发投入 is 全社会研发投入强度; 占…比重 after 研发经费投入
    is 研发经费投入占…比重; 这一比重 after …占GDP比重 is that share. Only short,
    占- or 这一-names are elliptical."""
    m = R.ANAPHOR_RE.fullmatch(name)
    if m and (prev.endswith(m.group(1)) or m.group(1) in ("指标", "数值", "水平")):
        return prev
    prev = R.NAME_SUFFIX_RE.sub("", prev) or prev  # 研发投入总量 -> 研发投入
    prev = re.sub(r"(?:累计新增|新增|净增加|净增|增加)$", "", prev) or prev  # 企业新增60家,总数…: 企业总数
    if name.startswith("占") or R.NAME_SUFFIX_RE.fullmatch(name):
        return prev + name  # …上市企业3家,总数达到10家: 上市企业总数
    if len(name) > 4:
        return name
    for k in range(min(len(prev), len(name)) - 1, 1, -1):
        if prev.endswith(name[:k]):
            return prev + name[k:]
    return name


# Each of the areas a goal holds for (每个县(市、区)至少拥有1个…): no name.
_EVERY_AREA_RE = re.compile(r"(?:每个|每一个|各)(?:县|市|区|乡镇|镇|街道|园区|开发区)(?:\([^()]*\))?")


def _is_verbs(name: str) -> bool:
    rest = R.VERB_RE.sub("", R.INCREASE_RE.sub("", R.ASPIRATION_RE.sub("", name)))
    rest = re.sub(r"积极|大力|加快|持续|重点|全面|确保|每年|年度|至少|制定|努力|拥有|实现", "", _EVERY_AREA_RE.sub("", rest))
    return rest.strip() == "" or bool(R.VERB_END_RE.search(name))


def _in_slogan(text: str, pos: int) -> bool:
    """A number inside a short quotation (“四个短板”, "1213") is a slogan."""
    open_ = text.rfind("“", 0, pos)
    if open_ != -1 and text.rfind("”", 0, pos) < open_:
        close = text.find("”", pos)
        return close != -1 and close - open_ <= 12
    if text.count('"', 0, pos) % 2 == 1:
        close = text.find('"', pos)
        return close != -1 and close - text.rfind('"', 0, pos) <= 12
    return False


def _present_period(ctx: Context, state) -> str | None:
    if state.past_year is not None:
        return str(state.past_year)
    if ctx.issued:
        y, m = ctx.issued[0], ctx.issued[1]
        return f"{y - 1}" if m == 1 else f"{y}-{m - 1:02d}"
    return None


def _enumeration(text, m, c, s, si, when, quote_start):
    """Names before 分别 and as many figures after it, paired in order. A
    figure without a unit takes the unit of the last (900、300、80亿元). A
    measure written once on the last name (企业、高校、科研院所研发经费支出)
    belongs to every name."""
    head = text[: m.start()]
    name_start = _name_start(head, 0)
    parts = [p for p in (_clean(x) for x in re.split(r"、|和|与|及|以及", head[name_start:])) if p]
    figures = []
    pos = m.end()
    for q in find_quantities(text[m.end():]):
        start, end = m.end() + q.start, m.end() + q.end
        gap = text[pos:start]
        if figures and gap.strip(" ") not in ("、", "和", "与", "及", ",", "以及"):
            break
        if not figures and gap.strip():
            break
        u_end, unit = _unit_after(text, end)
        if q.percent:
            unit, u_end = "%", end
        a = R.AFTER_RE.match(text, u_end)
        figures.append([q, unit, a.group(0) if a else None, a.end() if a else u_end])
        pos = figures[-1][3]
    if len(parts) < 2 or len(figures) != len(parts):
        return [], None
    last_unit = figures[-1][1]
    if last_unit is None:
        return [], None
    mh = R.MEASURE_HEAD_RE.search(parts[-1], 1)
    if mh and all(len(p) <= mh.start() + 4 for p in parts[:-1]):
        measure = parts[-1][mh.start():]
        parts = [p + measure for p in parts[:-1]] + [parts[-1]]
    verb = m.group("verb") or ""
    comp0 = R.BEFORE.get(verb)
    y, how = when(m.start())
    if y is None:
        return [], None
    out = []
    for name, (q, unit, after, end) in zip(parts, figures):
        if unit is None and not q.magnitude and figures[-1][0].magnitude:  # 30、20亿元
            lq = figures[-1][0]
            value, unit = _scale(q.value * units.MAGNITUDES[lq.magnitude], lq.magnitude, last_unit)
        else:
            value, unit = _scale(q.value, q.magnitude, unit or last_unit)
        comp = R.AFTER.get(after) if after in ("左右", "以内", "以下") else comp0 or (R.AFTER.get(after) if after else None)
        kind = "increase" if verb == "新增" else "share" if unit == "%" else "level"
        cand = Candidate("target", name, kind, comp or ">=", value, unit, y, how,
                         quote_start(name_start), c.start + figures[-1][3], s.label, si)
        cand.notes.append(_("one of an enumeration (分别)"))
        if comp is None and kind != "increase":
            cand.review.append(_("no comparator word: >= assumed"))
        if q.high is not None:
            cand.review.append(_("a range {text}: the lower end {value} is the target").format(text=q.text, value=q.value))
        out.append(cand)
    return out, (m.start(), figures[-1][3])


def _continues_list(text, seg_start, body, prev_in_clause, state, si, trail_end=None) -> bool:
    """An item of a list of targets shares the verb or comparator of the one
    before it: 培育A 800家、B 20家、C 5家 (after a 、 in the clause), or
    引进3至5个团队,5到10家机构 (a clause that opens with its figure)."""
    if prev_in_clause is not None:
        return prev_in_clause.role == "target" and seg_start > 0 and text[seg_start - 1] == "、"
    prev = state.prev
    if seg_start or prev is None or prev.role != "target" or prev.sentence != si or prev.value is None:
        return False
    # 培育科技型中小企业800家,高新技术企业500家: a clause of a name and its figure alone.
    return not body.strip(" 、") or (trail_end is not None and not text[trail_end:].strip(" ,;:。、")
                                    and not R.VERB_RE.search(body) and len(body.strip()) <= 20
                                    and "投资" not in body)  # …项目20个,总投资50亿元: what they cost


def _multiple_names(name: str, word: str) -> list[str]:
    """The names a multiple is of: 高新技术企业、专精特新企业实现翻番 is two
    doublings; a list of actions (long parts, verbs) is no name at all."""
    if word != "双倍增" and not re.search(r"、|和|与|及", name):
        return [name]
    parts = [p for p in (_clean(x) for x in re.split(r"和|与|、|及", name)) if p]
    if any(len(p) > 12 or R.VERB_RE.search(p) for p in parts) and word != "双倍增":
        return []
    return parts


def _one_commitment(cands: list[Candidate]) -> list[Candidate]:
    """A doubling or a rise in 百分点 followed in the same sentence by the
    value it comes to (翻一番,达到N; 提高2个百分点,达到56.51%) is one commitment:
    the value is the target, the other a note on it."""
    drop = set()
    for i, c in enumerate(cands):
        if c.role != "target" or not (c.kind == "multiple" or (c.kind == "increase" and c.unit in ("个百分点", "百分点"))):
            continue
        for d in cands[i + 1: i + 4]:
            if d.sentence != c.sentence:
                break
            # of the same measure: a doubling comes to a level, a rise in 百分点 to a share
            # (…增加值翻一番,…占地区生产总值比重达到15%: a share of another total, not the same)
            same = d.name == c.name or c.name.endswith(d.name) or (
                d.name.startswith(c.name) and not d.name[len(c.name):].startswith("占"))
            if d.role == "target" and d.kind in ("level", "share") and d.value is not None and same:
                d.notes.append(_("also stated as a multiple {value}").format(value=c.value) if c.kind == "multiple"
                              else _("also stated as a rise of {value}{unit}").format(value=c.value, unit=c.unit))
                drop.add(i)
                break
    folded = {(cands[i].name, cands[i].kind, cands[i].value, cands[i].unit) for i in drop}
    for i, c in enumerate(cands):  # the same rise stated again (a headline): folded too
        if c.role == "target" and (c.name, c.kind, c.value, c.unit) in folded:
            drop.add(i)
    return [c for i, c in enumerate(cands) if i not in drop]


def _base_pair(text, m, c, s, si, year, state, ctx, present) -> list[Candidate]:
    """由Y0年的N发展到M: N is a base value of year Y0, M the target (of the
    year in force, or the year written before it). The name is the clause's
    head before 由, or the name of the target before (…翻一番,由…发展到…)."""
    more = text[m.end(): m.end() + 1] in ("多", "余")  # 8000多家: more than 8000
    t_end, unit = _unit_after(text, m.end() + more)
    if text[m.end(): m.end() + 1] == "%":
        t_end, unit = m.end() + 1, "%"
    if unit is None or not m.group("bunit").startswith(unit[:1]):
        return []
    name = _clean(text[_name_start(text, 0): m.start()])
    if not name and state.prev is not None and state.prev.sentence == si:
        name = state.prev.name
    if not name:
        return []
    after = R.AFTER_RE.match(text, t_end)
    comp = ">" if more else R.AFTER[after.group(0)] if after else ">="
    end = after.end() if after else t_end
    out = []
    y0 = m.group("y0")
    if y0 or m.group("now"):  # 由2020年底的150家 / 由目前的150家: a base value of that date
        out.append(Candidate("baseline", name, "level", None, _tidy(Decimal(m.group("base"))), unit, None, "stated",
                             c.start + m.start(), c.start + m.start("verb"), s.label, si,
                             period=y0 or _present_period(ctx, state)))
    y1 = int(m.group("y1")) if m.group("y1") else year if year is not None else ctx.horizon
    past = bool(m.group("y1")) and ctx.horizon is not None and y1 < ctx.horizon
    if present or past or y1 is None or (ctx.issued and y1 < ctx.issued[0]):
        if m.group("y1") and (present or past):  # 从2015年的N提升到2020年的M: M is the 2020 figure
            out.append(Candidate("baseline", name, "level", None, _tidy(Decimal(m.group("target"))), unit, None,
                                 "stated", c.start + m.start("verb"), c.start + end, s.label, si, period=m.group("y1")))
        elif present and not m.group("y1"):  # (过去三年,)…由1.1%提高到1.6%: 1.6% is the present figure
            out.append(Candidate("baseline", name, "level", None, _tidy(Decimal(m.group("target"))), unit, None,
                                 "stated", c.start + m.start("verb"), c.start + end, s.label, si,
                                 period=_present_period(ctx, state)))
        return out
    cand = Candidate("target", name, "share" if unit == "%" else "level", comp, _tidy(Decimal(m.group("target"))), unit, y1,
                     "explicit" if (m.group("y1") or state.explicit) else "inherited",
                     c.start + _name_start(text, 0) if name in text else c.start + m.start(), c.start + end, s.label, si)
    if y0:
        cand.base_period = y0
    cand.notes.append(_("from {base}{unit}").format(base=m.group("base"), unit=unit) + (f" ({y0})" if y0 else ""))
    out.append(cand)
    return out


def _kind(name, unit, before_cmp, after_cmp, body, head, annual, q):
    """Kind and comparator of a number with a unit; notes and review reasons."""
    notes: list = []
    review: list = []
    comparator = after_cmp if after_cmp in ("~", "<=") else (before_cmp or after_cmp)
    if before_cmp and after_cmp and after_cmp == ">=" and before_cmp == ">":
        comparator = ">"
    if after_cmp in (">",) and before_cmp is None:
        review.append(_("多/余 after the number: read as >"))
    stripped = R.BEFORE_RE.sub("", body) if before_cmp else body
    rise = bool(re.search("(?:" + "|".join(R.RISE_WORDS) + ")$", body.rstrip()))
    if unit == "%" and R.GROWTH_RE.search(_clean(stripped) + "增长" * 0):
        kind = "growth_rate"
        if not R.YEARLY_GROWTH_RE.search(stripped):
            review.append(_("增长 without 年均: read as a yearly rate"))
    elif unit == "%" and re.search(r"(?:增长率|增速|增幅|增长)$", _clean(stripped)):
        kind = "growth_rate"
    elif unit in ("个百分点", "百分点"):
        kind = "increase"
        notes.append(_("a rise in 百分点 of a share"))
        review.append(_("a rise in 百分点: the indicator is a share in %"))
    elif unit == "%" and rise:
        kind = "increase"
        review.append(_("提高/增加 N%: a rise, read as 百分点 of a share; check"))
    elif unit == "%":
        kind = "share"
    elif annual:
        kind = "annual"
    elif R.INCREASE_RE.search(head):
        kind = "increase"
    else:
        kind = "level"
    return kind, comparator, notes, review
