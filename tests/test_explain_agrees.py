"""`explain` says what the JSON says: over every embedded target, at several
dates, the status explain ends its verdict with is the row's status, and no
"nan" is printed (a document without 文号, a missing figure)."""

from __future__ import annotations

import re

import pytest

from policygap import dataset, periods
from policygap.assess import Options, assess
from policygap.render.explain import explain

from test_hand_worked import explained_status


@pytest.mark.parametrize("as_of, method", [("2024-06", "planner"), ("2026-07", "sdg")])
def test_explain_agrees_with_json_on_embedded_targets(as_of, method):
    ds = dataset.load()
    result = assess(ds, Options(as_of=periods.parse_as_of(as_of), method=method))
    assert len(result.rows) > 50
    for row in result.rows.to_dict("records"):
        text = explain(ds, result, row["target_id"])
        assert explained_status(text) == row["status"], text
        assert not re.search(r"\bnan\b", text, flags=re.I), text
