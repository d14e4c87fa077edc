"""The names of things: target kinds, comparators, statuses and the fields of
each section of the targets file. Kept in one place so that the loader, the
validator, the renderers and the docs agree."""

from __future__ import annotations

KINDS = (
    "level",
    "growth_rate",
    "share",
    "increase",
    "annual",
    "rank",
    "relative",
    "multiple",
    "milestone",
)

COMPARATORS = (">=", ">", "<=", "<", "~")
# Symbols a document or a spreadsheet may use for the same comparators.
COMPARATOR_ALIASES = {"≥": ">=", "＞": ">", "≤": "<=", "＜": "<", "～": "~", "=>": ">=", "=<": "<=", "≈": "~"}

STATUSES = ("achieved", "ahead", "on_track", "behind", "off_track", "missed", "overdue", "no_data")

STATUS_ZH = {
    "achieved": "已完成",
    "ahead": "快于序时",
    "on_track": "符合序时",
    "behind": "滞后",
    "off_track": "严重滞后",
    "missed": "未完成",
    "overdue": "数据逾期",
    "no_data": "无数据",
}
STATUS_EN = {
    "achieved": "achieved",
    "ahead": "ahead",
    "on_track": "on track",
    "behind": "behind",
    "off_track": "off track",
    "missed": "missed",
    "overdue": "overdue",
    "no_data": "no data",
}

# Notes of a figure read within its year (a year-to-date total): its
# arithmetic runs from 0 at the start of that year, not from the plan's base.
YEAR_TO_DATE_NOTE = "year-to-date figure judged against months elapsed"
CAP_PACE_NOTE = "a cap on a year's flow: judged by the pace of the year so far"

# The assessment's notes (the `note` field, English for programs) and how a
# Chinese report says them.
NOTE_ZH = {
    "no figure for the base period": "缺少基期数据",
    "no base: pin base.period or cite a document with an issue date": "未确定基期",
    "no figure before the document was issued": "缺少文件印发前的基期数据",
    "no year-end figure for the year before": "缺少上年末数据",
    "no figure in this year yet": "本年度尚无数据",
    "no figure after the base": "基期之后尚无数据",
    "not yet done": "尚未完成",
    "its year is over and there is no figure for the end of it": "该年度已过，缺少年末数据",
    "the goal equals the base: progress undefined": "目标值与基期值相同，无法计算进度",
    YEAR_TO_DATE_NOTE: "按本年累计数与时间进度比较",
    "the base figure is from after the date assessed (--as-of): the target was not yet set then":
        "基期数据晚于评估日期（--as-of）：当时尚未设定该目标",
    "a figure that should by now be published is missing": "应已发布的数据缺失",
    "its year is over and the figure for its end is overdue": "该年度已过，年末数据逾期未报",
    "growth from a zero or negative base has no meaning": "基期值为零或负数，增速无意义",
    "the cap is already exceeded this year": "本年已超过上限",
    "no base: judged met or not at the latest common period; the pace cannot be judged":
        "无基期：按最近共同期判断是否达到，无法判断进度",
    "the base already met the goal: judged by how far the latest figure falls short of it":
        "基期已达到目标：按最新值未达目标的差距判断",
    CAP_PACE_NOTE: "年度上限：按本年累计进度判断",
    "not graded by --method sdg (no growth or change to compare): planner status shown":
        "国际方法无法评价（无可比的增速或变化），按序时进度判断",
    "a past year was missed": "往年未完成",
    "a past year's figure is overdue": "往年数据逾期未报",
}

KIND_ZH = {
    "level": "达到",
    "growth_rate": "年均增速",
    "share": "比重/强度",
    "increase": "新增/累计",
    "annual": "每年",
    "rank": "排名",
    "relative": "相对",
    "multiple": "翻番",
    "milestone": "节点任务",
}

# Kinds whose values grow geometrically by construction: their 序时进度 follows
# the compound path by default. All others follow the straight line that the
# planners' 时间进度 uses (see docs/methodology.md).
COMPOUND_KINDS = ("growth_rate", "multiple")
PATHS = ("linear", "compound")
COUNTINGS = ("stock", "flow")
DIRECTIONS = ("up", "down")
MEASURES = ("stock", "flow")

DEFAULT_THRESHOLDS = {"ahead": 10.0, "on_track": -10.0, "behind": -30.0}
DEFAULT_TOLERANCE = 0.05
DEFAULT_STALE_MONTHS = 12
# A year's figure is expected by the end of this many months after the year
# (an indicator may set its own ``publication_lag``); later, it is overdue.
DEFAULT_PUBLICATION_LAG = 6

# Section -> {field: description}. Targets are flattened: nested mappings
# (base, source, thresholds) become ``base_period``, ``source_quote`` ...
REGION_FIELDS = ("name", "aliases", "parent", "level", "name_en")
INDICATOR_FIELDS = ("name", "unit", "direction", "measure", "aliases", "name_en", "note", "formula",
                    "publication_lag")
DOCUMENT_FIELDS = ("region", "title", "number", "issued", "file", "url", "note")
# The optional `units:` section: departments (责任单位) and the other names
# they go by, for `--unit`.
UNIT_FIELDS = ("aliases", "name_en")
SETTINGS_FIELDS = ("thresholds", "tolerance", "stale_months", "paths")
THRESHOLD_FIELDS = ("ahead", "on_track", "behind")

TARGET_FIELDS = (
    "id",
    "region",
    "indicator",
    "kind",
    "comparator",
    "value",
    "year",
    "base_period",
    "milestones",
    "stretch",
    "tolerance",
    "counting",
    "from",
    "reference",
    "path",
    "threshold_ahead",
    "threshold_on_track",
    "threshold_behind",
    "source_document",
    "source_clause",
    "source_quote",
    "note",
    "review",
    "lead",
    "units",
    "source_units_quote",
    "source_units_clause",
)
# Nested YAML keys and the flat field each becomes.
TARGET_NESTED = {
    "base": {"period": "base_period"},
    "source": {"document": "source_document", "clause": "source_clause", "quote": "source_quote",
               "units_quote": "source_units_quote", "units_clause": "source_units_clause"},
    "thresholds": {f: f"threshold_{f}" for f in THRESHOLD_FIELDS},
}
# Keys a target may carry without being policygap's (kept out of assessment).
TARGET_FREE = ("review_reason", "extra", "proposed_indicator")
