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


def _column(col) -> list:
    """One column as Python values: NaN, NA and infinite values as None
    (not computable), numpy scalars as int/float/bool. Whole columns at once:
    a national run has millions of cells."""
    import numpy as np
    import pandas as pd

    if col.dtype.kind == "f":
        values = col.to_numpy(dtype=float)
        return np.where(np.isfinite(values), values, None).tolist()
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "biu":  # numpy ints/bools: never missing
        return col.tolist()
    values = col.astype(object)
    missing = pd.isna(values).to_numpy()
    out = values.tolist()
    for i in np.flatnonzero(missing):
        out[i] = None
    return out


def records(rows, fields) -> list[dict]:
    cols = [_column(rows[f]) for f in fields]
    return [dict(zip(fields, vals)) for vals in zip(*cols)]


def to_json(rows, fields, extra: dict | None = None) -> bytes:
    data = records(rows, fields)
    if extra:
        for rec in data:
            rec.update(extra.get(rec["target_id"], {}))
    return (json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


def to_csv(rows, fields, bom: bool = False) -> bytes:
    """CSV with a header: floats in full (repr), booleans as true/false,
    empty where not computable; text that a spreadsheet would run as a
    formula neutralised. Written column by column through the csv module."""
    import csv

    import numpy as np
    import pandas as pd

    columns = []
    for f in fields:
        col = rows[f]
        if col.dtype == bool:
            columns.append(np.where(col.to_numpy(), "true", "false").tolist())
        elif col.dtype == object or str(col.dtype) in ("str", "string"):
            # once per distinct text: names and quotes repeat across rows
            codes, uniques = pd.factorize(col, use_na_sentinel=True)
            safe = np.array([neutralise(u) for u in uniques] + [None], dtype=object)
            columns.append(safe[codes].tolist())
        else:
            columns.append(_column(col))
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(fields)
    writer.writerows(zip(*columns))
    return buf.getvalue().encode("utf-8")
