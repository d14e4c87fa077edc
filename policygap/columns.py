"""Whole-column helpers shared by loading and assessment.

Work that depends on a value, not a row, is done once per distinct value; membership
is tested by hashing. Both keep a national run (millions of figures) linear:
numpy's ``isin`` sorts its arguments, and a Python loop per row would cost
what the rest of the run does.
"""

from __future__ import annotations


# Below this many values a Python set answers faster than pandas' hash table,
# whose set-up costs about 0.1 ms a call (a small file makes hundreds of calls).
SMALL = 512


def isin(values, choices):
    """Boolean array: which ``values`` are among ``choices`` (hash-based)."""
    import numpy as np
    import pandas as pd

    if not isinstance(choices, (np.ndarray, pd.Index, pd.Series)):
        choices = list(choices)
    values = np.asarray(values)
    if len(values) <= SMALL:
        try:
            wanted = set(choices.tolist() if hasattr(choices, "tolist") else choices)
            if not any(c is None or c != c for c in wanted):  # NA among the choices: pandas matches any NA
                return np.fromiter((v in wanted for v in values.tolist()), dtype=bool, count=len(values))
        except TypeError:  # an unhashable value: pandas decides
            pass
    return pd.Series(values).isin(choices).to_numpy()


def first_of_group(frame, keys):
    """For each row, the position of the first row with the same values in
    ``keys`` (a missing value is a value): what a groupby would number, at
    the cost of a factorize a column."""
    import numpy as np
    import pandas as pd

    group = np.zeros(len(frame), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(frame[key], use_na_sentinel=False)
        group = pd.factorize(group * (len(uniques) + 1) + codes)[0]  # re-numbered: stays below rows²
    _groups, first_row, inverse = np.unique(group, return_index=True, return_inverse=True)
    return first_row[inverse.reshape(-1)]


def map_distinct(values, func):
    """``func`` applied once per distinct value, as an object array."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(np.asarray(values, dtype=object), dtype=object), use_na_sentinel=False)
    return np.array([func(u) for u in uniques] + [None], dtype=object)[:-1][codes]


def pin_strings() -> None:
    """Text columns are stored as Python strings whatever is installed: with
    pyarrow present, pandas would otherwise switch to Arrow strings, which
    changes speed, memory and some results (the same run must give the same
    output on every machine)."""
    import pandas as pd

    try:
        pd.set_option("mode.string_storage", "python")
    except (KeyError, ValueError, pd.errors.OptionError):  # pragma: no cover - a pandas without the option
        pass
