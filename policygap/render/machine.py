"""CSV and JSON: the contract's fields first, in a fixed order, raw numbers,
rates as fractions, empty (CSV) or null (JSON) when not computable.

CSV is bound for spreadsheets: text that Excel would run as a formula (it
begins with = + - @, a tab or a carriage return) is prefixed with an
apostrophe. JSON is for programs and is written as is.
"""

from __future__ import annotations

import io
import json
import math

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text):
    """Text a spreadsheet would evaluate gets a leading apostrophe.

    Numbers are written as numbers, never through here, so -3.5 stays a
    number; only text cells (names, notes, quotes) are touched.
    """
    if isinstance(text, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def _clean(v):
    """Python value for output: NaN/NA/inf -> None, numpy scalars -> Python."""
    import pandas as pd

    if v is None or isinstance(v, (list, dict, str, bool)):
        return v
    if pd.isna(v):
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None  # NaN, or an infinite value from a runaway pace: not computable
    return v


def records(rows, fields) -> list[dict]:
    cols = [rows[f].tolist() for f in fields]
    return [dict(zip(fields, (_clean(v) for v in vals))) for vals in zip(*cols)]


def to_json(rows, fields, extra: dict | None = None) -> bytes:
    data = records(rows, fields)
    if extra:
        for rec in data:
            rec.update(extra.get(rec["target_id"], {}))
    return (json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


def to_csv(rows, fields, bom: bool = False) -> bytes:
    """CSV with a header; floats written in full (repr), booleans as true/false."""
    import csv

    import numpy as np

    frame = rows[fields].copy()
    for c in frame.columns:
        col = frame[c]
        if col.dtype.kind == "f":
            frame[c] = col.where(np.isfinite(col))
        elif col.dtype == bool:
            frame[c] = col.map({True: "true", False: "false"})
        elif col.dtype == object or str(col.dtype) in ("str", "string"):
            frame[c] = col.map(neutralise)
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL, na_rep="")
    text = buf.getvalue()
    return (("\ufeff" if bom else "") + text).encode("utf-8")
