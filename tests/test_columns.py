"""The whole-column helpers: a small input takes a Python set, a large one
pandas' hash table; both must give the same answer for every value."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from policygap.columns import SMALL, isin

VALUES = st.one_of(st.none(), st.just(float("nan")), st.integers(-3, 3), st.floats(-3, 3, allow_nan=False),
                   st.booleans(), st.sampled_from(["a", "b", "鞍山", "1", ""]))


@settings(max_examples=200, deadline=None)
@given(st.lists(VALUES, max_size=20), st.lists(VALUES, max_size=6))
def test_small_inputs_answer_as_pandas_does(values, choices):
    values = np.array(values, dtype=object)
    expected = pd.Series(values).isin(choices).to_numpy()  # what isin did before it had a small path
    assert isin(values, choices).tolist() == expected.tolist()


def test_large_inputs_take_pandas_and_agree():
    values = np.array(["a", "b", None, "c"] * (SMALL // 2), dtype=object)
    assert isin(values, ["a", "c"]).sum() == SMALL
    assert isin(np.arange(SMALL + 10), np.array([3, 7])).sum() == 2


def test_an_unhashable_value_is_left_to_pandas():
    values = np.empty(2, dtype=object)
    values[0], values[1] = "a", "b"
    assert isin(values, pd.Index(["b"])).tolist() == [False, True]


KEYS = st.one_of(st.none(), st.just(float("nan")), st.sampled_from(["a", "b", "鞍山"]), st.integers(2024, 2026))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(KEYS, KEYS), max_size=25))
def test_first_of_group_is_what_groupby_numbers(rows):
    from policygap.columns import first_of_group

    frame = pd.DataFrame(rows, columns=["k1", "k2"], dtype=object)
    group = frame.groupby(["k1", "k2"], sort=False, dropna=False).ngroup().to_numpy()
    _groups, first = np.unique(group, return_index=True)
    assert first_of_group(frame, ["k1", "k2"]).tolist() == first[group].tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(VALUES, st.sampled_from([" a ", "  ", "x\t"])), max_size=20))
def test_text_cells_are_cleaned_alike_small_or_large(values):
    """validate._strings: a few values go through a dict, many through
    factorize; both give the stripped text of the first of equal values."""
    import policygap.validate as validate

    small = validate._strings(np.array(values, dtype=object))
    saved, validate.SMALL = validate.SMALL, -1  # every input the large way
    try:
        large = validate._strings(np.array(values, dtype=object))
    finally:
        validate.SMALL = saved
    assert small.tolist() == large.tolist()
