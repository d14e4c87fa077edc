"""CSV and JSON: the contract's fields first, in a fixed order, plain numbers,
rates as fractions, empty (CSV) or null (JSON) when not computable.

Numbers of an assessment are rounded to what they mean before they are
written (``rounded``): rates and progress to 4 decimals of a fraction, gaps
to 2 decimals of a point, values to the decimals their indicator's figures
are written with (at least 2). So a spreadsheet never shows float noise such
as 0.09000000000000008 (docs/output-format.md states the rule).

CSV is bound for spreadsheets: text that Excel would run as a formula (it
begins with = + - @, a tab or a carriage return) is prefixed with an
apostrophe. With ``header="zh"`` or ``"en"`` the CSV has the table's headings
and status words, for a person opening it in Excel or WPS; the default
``"field"`` keeps the field names and codes, the contract for scripts. JSON
is for programs and is written as is, one record at a time.
"""

from __future__ import annotations

import json
import math

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# How many decimals each kind of number keeps (docs/output-format.md).
FRACTION_DECIMALS = 4  # 0.0825 = 8.25%
POINT_DECIMALS = 2  # -27.12 百分点
MIN_VALUE_DECIMALS = 2  # a computed goal of 612.54家 keeps two decimals
MAX_VALUE_DECIMALS = 10

FRACTION_FIELDS = ("required_annual_growth", "actual_annual_growth", "progress", "expected_progress",
                   "path_progress", "planned_annual_growth", "cagr_ratio")
POINT_FIELDS = ("gap_points",)
# In the indicator's unit (or, for target/stretch/milestone values, as the
# targets file writes them: their decimals count in the indicator's).
VALUE_FIELDS = ("base_value", "latest_value", "target_value", "required_annual_change", "actual_annual_change",
                "goal_value", "reference_value", "projected_value", "stretch_value", "milestone_value", "shortfall")
STATUS_FIELDS = ("status", "stretch_status", "milestone_status")


# --header zh|en: the headings a person reads (the table's and the
# workbook's), for every field in the order of the fields. The field names
# themselves (--header field) are the contract for scripts.
HEADINGS = {
    "region": ("地区", "region"), "target_id": ("目标编号", "target id"), "indicator": ("指标代码", "indicator id"),
    "name": ("指标", "indicator"), "unit": ("单位", "unit"), "kind": ("类型", "kind"),
    "comparator": ("比较", "comparator"), "base_period": ("基期", "base period"),
    "base_value": ("基期值", "base value"), "latest_period": ("最新期", "latest period"),
    "latest_value": ("最新值", "latest value"), "target_year": ("目标年份", "target year"),
    "target_value": ("目标值", "target value"), "required_annual_growth": ("今后需年均增长", "required growth/yr"),
    "actual_annual_growth": ("实际年均增长", "actual growth/yr"), "progress": ("完成进度", "progress"),
    "expected_progress": ("序时进度", "time elapsed"), "status": ("状态", "status"),
    "path_progress": ("路径进度", "compound path"), "shortfall": ("距目标差距", "shortfall"),
    "gap_points": ("差值(百分点)", "gap (points)"), "planned_annual_growth": ("规划年均增长", "planned growth/yr"),
    "required_annual_change": ("今后需年均变化", "required change/yr"),
    "actual_annual_change": ("实际年均变化", "actual change/yr"), "goal_value": ("应达到值", "goal value"),
    "reference": ("参照地区", "reference region"), "reference_value": ("参照值", "reference value"),
    "projected_value": ("按现速度预计值", "projected value"), "projected_year": ("按现速度达标年份", "reached at pace in"),
    "stretch_value": ("力争值", "stretch value"), "stretch_status": ("力争状态", "stretch status"),
    "milestone_year": ("阶段目标年份", "milestone year"), "milestone_value": ("阶段目标值", "milestone value"),
    "milestone_status": ("阶段目标状态", "milestone status"), "checkpoints": ("各检查点", "checkpoints"),
    "cagr_ratio": ("实际与规划增速之比", "growth ratio"), "cagr_category": ("增速比类别", "growth ratio category"),
    "stale": ("数据过旧", "stale"), "provisional": ("初步数", "provisional"), "note": ("说明", "note"),
    "document": ("文件", "document"), "clause": ("条款", "clause"), "quote": ("原文", "quote"),
    "name_en": ("英文名称", "name in English"), "year_to_date": ("年内累计数", "year to date"),
    "lead": ("牵头单位", "lead"), "units": ("责任单位", "units"),
    "derived": ("推算所得", "derived"),
}
HEADER_CHOICES = ("field", "zh", "en")


def headings(fields, header: str = "field") -> list[str]:
    """The header row: field names, or the headings in Chinese or English."""
    if header == "field":
        return list(fields)
    k = 0 if header == "zh" else 1
    return [HEADINGS[f][k] if f in HEADINGS else f for f in fields]


def words(header: str = "field") -> dict:
    """Field -> {code: word} for --header zh|en: statuses and kinds as the
    table says them, yes/no flags as 是/否 (yes/no)."""
    if header == "field":
        return {}
    from ..schema import KIND_ZH, STATUS_EN, STATUS_ZH

    statuses = STATUS_ZH if header == "zh" else STATUS_EN
    out = {f: statuses for f in STATUS_FIELDS}
    if header == "zh":
        from ..core import CAGR_CATEGORY_ZH
        from ..schema import NOTE_ZH

        out["kind"] = KIND_ZH
        out["note"] = _NotesInChinese(NOTE_ZH)
        out["cagr_category"] = CAGR_CATEGORY_ZH
    yes_no = {True: "是", False: "否"} if header == "zh" else {True: "yes", False: "no"}
    out["stale"] = out["provisional"] = out["derived"] = out["year_to_date"] = yes_no
    return out


class _NotesInChinese(dict):
    """The notes' words for --header zh, a note naming years (a past year was
    missed: 2025) included: 往年未完成：2025."""

    def get(self, note, default=None):
        from .words import note_text

        return note_text(note, "zh") or default


def neutralise(text):
    """Text a spreadsheet would evaluate gets a leading apostrophe.

    Numbers are written as numbers, never through here, so -3.5 stays a
    number; only text cells (names, notes, quotes) are touched.
    """
    if isinstance(text, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


# --------------------------------------------------------------------------
# Rounding


def decimals_of(values):
    """Per value: the fewest decimals (0..MAX_VALUE_DECIMALS) that write it
    exactly as read (473 -> 0, 15.98 -> 2, 0.1598 -> 4); NaN -> 0."""
    import numpy as np

    values = np.abs(np.asarray(values, dtype=float))
    values = np.where(np.isfinite(values), values, 0.0)
    out = np.full(len(values), MAX_VALUE_DECIMALS, dtype=np.int64)
    todo = np.ones(len(values), dtype=bool)
    for d in range(MAX_VALUE_DECIMALS):
        scaled = values[todo] * 10.0 ** d
        exact = np.abs(scaled - np.rint(scaled)) <= 1e-9 * scaled
        idx = np.flatnonzero(todo)[exact]
        out[idx] = d
        todo[idx] = False
        if not todo.any():
            break
    return out


def value_decimals(ds) -> dict:
    """Indicator id -> the decimals its values are written with: the most
    that any of its figures as written (not those derived by a formula) or
    target values uses, at least MIN_VALUE_DECIMALS."""
    import numpy as np

    indicators = list(ds.defs.indicators.index)
    most = np.full(len(indicators), MIN_VALUE_DECIMALS, dtype=np.int64)
    obs = ds.observations
    if "derived" in obs.columns and obs["derived"].any():  # a computed figure (2.0588235…) is no figure as written
        obs = obs[~obs["derived"].to_numpy(dtype=bool)]
    if len(obs):
        np.maximum.at(most, obs["indicator_code"].to_numpy(np.int64), decimals_of(obs["value"].to_numpy()))
    targets = ds.defs.targets
    if len(targets):
        position = ds.defs.indicators.index.get_indexer(targets["indicator"])
        known = position >= 0
        milestones = [float(v) for m in targets["milestones"] if isinstance(m, dict) for v in m.values()
                      if isinstance(v, (int, float))]
        for column in (targets["value"], targets["stretch"]):
            np.maximum.at(most, position[known], decimals_of(column.to_numpy(dtype=float)[known]))
        if milestones:  # counted for every indicator: few, and never fewer decimals than written
            most = np.maximum(most, decimals_of(milestones).max())
    return dict(zip(indicators, most.tolist()))


def round_to(values, decimals):
    """``values`` rounded to ``decimals`` (a number or one per value).

    Halves go away from zero (四舍五入), ties within float noise too. The whole number of steps divided
    by 10^d is the double nearest the rounded decimal, so its shortest form
    (repr) is that decimal: 0.09000000000000008 -> 0.09.
    Values too large to scale exactly are kept as they are.
    """
    import numpy as np

    values = np.asarray(values, dtype=float)
    scale = 10.0 ** np.asarray(decimals, dtype=float)
    scaled = values * scale
    with np.errstate(invalid="ignore", over="ignore"):
        fits = np.abs(scaled) < 2.0 ** 52
        whole = np.trunc(scaled)
        # 四舍五入: a half goes away from zero (rint would go to even), a half
        # as written in decimal: (0.45 − 0.60)/2 computes as −0.07499999999999998,
        # a tie within float noise (12 significant digits, as fmt.half_up), −0.08.
        noise = np.abs(scaled) * 1e-12 + 1e-12
        steps = np.where(np.abs(scaled - whole) >= 0.5 - noise, whole + np.sign(scaled), whole)
        out = np.where(fits, steps / scale, values)
    return out + 0.0  # -0.0 -> 0.0


def rounded(rows, decimals: dict | None = None, values_only: bool = False):
    """A copy of the assessment rows with every number rounded to what it
    means (see the module's docstring). ``decimals``: indicator id ->
    decimals of its values (``value_decimals``); missing: MIN_VALUE_DECIMALS.
    ``values_only``: rates, progress and gaps are left whole, for a sentence
    that rounds them once as it says them (28.046% reads 28.0%, as in the
    table, not 28.1% from a 0.2805 already rounded)."""
    import numpy as np

    out = rows.copy()
    for f in () if values_only else FRACTION_FIELDS:
        if f in out.columns and out[f].dtype.kind == "f":
            out[f] = round_to(out[f].to_numpy(), FRACTION_DECIMALS)
    for f in () if values_only else POINT_FIELDS:
        if f in out.columns and out[f].dtype.kind == "f":
            out[f] = round_to(out[f].to_numpy(), POINT_DECIMALS)
    if "indicator" in out.columns and len(out):
        decimals = decimals or {}
        per_row = np.array([decimals.get(i, MIN_VALUE_DECIMALS) for i in out["indicator"].tolist()], dtype=float)
        for f in VALUE_FIELDS:
            if f in out.columns and out[f].dtype.kind == "f":
                out[f] = round_to(out[f].to_numpy(), per_row)
    return out


def rounded_checkpoints(cp, decimals: dict | None = None):
    """The JSON checkpoint details, rounded like the rows."""
    import numpy as np

    out = cp.copy()
    for f in ("progress", "expected_progress"):
        if f in out.columns:
            out[f] = round_to(out[f].to_numpy(dtype=float), FRACTION_DECIMALS)
    if "gap_points" in out.columns:
        out["gap_points"] = round_to(out["gap_points"].to_numpy(dtype=float), POINT_DECIMALS)
    if "indicator" in out.columns and len(out):
        decimals = decimals or {}
        per_row = np.array([decimals.get(i, MIN_VALUE_DECIMALS) for i in out["indicator"].tolist()], dtype=float)
        for f in ("goal_value", "latest_value"):
            if f in out.columns:
                out[f] = round_to(out[f].to_numpy(dtype=float), per_row)
    return out


# --------------------------------------------------------------------------
# Columns as Python values (JSON) or CSV cells


def _column(col) -> list:
    """One column as Python values: NaN, NA and infinite values as None
    (not computable), numpy scalars as int/float/bool. Whole columns at once:
    a national run has millions of cells."""
    import numpy as np
    import pandas as pd

    if col.dtype.kind == "f":
        values = col.to_numpy(dtype=float)
        out = (values + 0.0).tolist()  # -0.0 -> 0.0
        for i in np.flatnonzero(~np.isfinite(values)):
            out[i] = None
        return out
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "biu":  # numpy ints/bools: never missing
        return col.tolist()
    values = col.to_numpy(dtype=object)
    out = values.tolist()
    for i in np.flatnonzero(pd.isna(values)):
        out[i] = None
    return out


def records(rows, fields) -> list[dict]:
    cols = [_column(rows[f]) for f in fields]
    return [dict(zip(fields, vals)) for vals in zip(*cols)]


def _float_cells(values) -> list:
    """Floats as CSV cells: the shortest form that reads back exactly,
    formatted once per distinct value; "" where not computable."""
    import numpy as np
    import pandas as pd

    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    codes, uniques = pd.factorize(np.where(finite, values, np.nan), use_na_sentinel=True)
    cells = np.array([*map(float.__repr__, np.asarray(uniques, dtype=float).tolist()), ""], dtype=object)
    return cells[np.where(codes < 0, len(uniques), codes)].tolist()


def _quoted(text: str) -> str:
    """RFC 4180: quoted only when it holds a comma, a quote or a line break."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _text_cells(col, words: dict | None = None) -> list:
    """Text as CSV cells, each distinct text neutralised and quoted once."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(col.to_numpy(dtype=object), use_na_sentinel=True)
    shown = [words.get(u, u) if words else u for u in uniques]
    cells = np.array([_quoted(str(neutralise(u))) for u in shown] + [""], dtype=object)
    return cells[np.where(codes < 0, len(uniques), codes)].tolist()


def _csv_cells(col, words: dict | None = None) -> list:
    import numpy as np
    import pandas as pd

    if col.dtype == bool:
        yes, no = (words or {}).get(True, "true"), (words or {}).get(False, "false")
        return np.where(col.to_numpy(), yes, no).tolist()
    if col.dtype.kind == "f":
        return _float_cells(col.to_numpy())
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "iu":
        return [str(v) for v in col.tolist()]
    if pd.api.types.is_integer_dtype(col.dtype):  # nullable Int64: years
        values = col.to_numpy(dtype=object, na_value=None)
        return ["" if v is None else str(int(v)) for v in values.tolist()]
    return _text_cells(col, words)


def to_csv(rows, fields, bom: bool = False, headings: list[str] | None = None,
           words: dict | None = None) -> bytes:
    """CSV with a header (``headings``, else the field names): floats in
    their shortest exact form, booleans as true/false, empty where not
    computable; text that a spreadsheet would run as a formula neutralised.
    ``words`` maps a field to {code: word} (status words for a person).
    Each column is turned into cells once, then the rows are joined."""
    words = words or {}
    columns = [_csv_cells(rows[f], words.get(f)) for f in fields]
    header = ",".join(_quoted(neutralise(h)) for h in (headings or fields))
    if len(fields) == 1:  # a lone empty cell must not read as a blank line
        columns = [['""' if c == "" else c for c in columns[0]]]
    body = "\r\n".join(map(",".join, zip(*columns)))
    text = ("\ufeff" if bom else "") + header + "\r\n" + (body + "\r\n" if body else "")
    return text.encode("utf-8")


def json_objects(frame, fields, keys: dict | None = None, encoded: dict | None = None) -> list[str]:
    """Each row of ``frame`` as the JSON text of one object, as Python's
    encoder writes it (``{"a": 1, "b": null}``), made a column at a time:
    each distinct value of a column is encoded once, then the rows' pieces
    are joined. ``keys`` renames fields; ``encoded`` gives, per field, JSON
    text by row (None: the column's own value)."""
    keys, encoded = keys or {}, encoded or {}
    columns = []
    for f in fields:
        prefix = _encode_text(keys.get(f, f)) + ": "
        cells = _json_cells(frame[f], prefix)
        given = encoded.get(f)
        if given is not None:
            cells = [c if g is None else prefix + g for c, g in zip(cells, given)]
        columns.append(cells)
    if not columns:
        return ["{}"] * len(frame)
    return ["{" + ", ".join(parts) + "}" for parts in zip(*columns)]


# Python's C encoder (no indent), the one json.dumps uses: the text of a value
# does not depend on what is around it, so a value can be encoded on its own.
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def _encode(value) -> str:
    """One value as the encoder writes it inside a record: text, numbers and
    constants directly (float and int by their repr, as the C encoder does),
    anything else through the encoder."""
    kind = value.__class__
    if kind is str:
        return _encode_text(value)
    if kind is float:
        return float.__repr__(value) if math.isfinite(value) else _ENCODER.encode(value)  # NaN: refused
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return _ENCODER.encode(value)


_encode_text = json.encoder.encode_basestring  # ensure_ascii=False's escaping, in C where built


def _json_cells(col, prefix: str) -> list[str]:
    """``prefix`` + the JSON of each value of a column, each distinct value
    encoded once. A column of text that also holds values a dict cannot
    tell apart by their text (True, 1 and 1.0; lists) is encoded one by one."""
    import numpy as np

    values = _column(col)
    if col.dtype.kind == "f":  # distinct values are the rule: no memo
        null, say = prefix + "null", float.__repr__
        return [null if v is None else prefix + say(v) for v in values]
    if not (isinstance(col.dtype, np.dtype) and col.dtype.kind in "biu"):
        kinds = set(map(type, values)) - {str, type(None)}
        if len(kinds) > 1 or kinds & {list, dict}:
            return [prefix + _encode(v) for v in values]
    memo: dict = {}
    return [memo[v] if v in memo else memo.setdefault(v, prefix + _encode(v)) for v in values]


def iter_json(rows, fields, encoded=None, chunk: int = 5000):
    """The JSON array as pieces of bytes, one record a line, a block of records
    at a time: no list of every record and no second copy of the text are held,
    however many targets there are. ``encoded(part)`` gives, for a block of
    rows, JSON text by field and row to write in place of the column's value
    (see ``json_objects``)."""
    n = len(rows)
    if n == 0:
        yield b"[]\n"
        return
    yield b"[\n"
    for start in range(0, n, chunk):
        part = rows.iloc[start:start + chunk]
        objects = json_objects(part, fields, encoded=encoded(part) if encoded else None)
        last = start + chunk >= n
        yield (",\n".join(objects) + ("\n]\n" if last else ",\n")).encode("utf-8")


def to_json(rows, fields, encoded=None) -> bytes:
    return b"".join(iter_json(rows, fields, encoded))


def finite_or_none(value):
    """For JSON: NaN and infinities are not computable."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
