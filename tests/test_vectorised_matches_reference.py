"""The vectorised assessment gives exactly what a plain per-target reading
of the methodology gives, on a few thousand generated targets of every kind
(benchmarks/generate.py at a small scale)."""

from __future__ import annotations

import math
import sys

import pytest

from conftest import REPO
from policygap import dataset, periods
from policygap.assess import Options, assess
from reference_assessment import Reference

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national")
    counts = generate(folder, scale=0.02, seed=11)
    assert counts["targets"] >= 3000
    return dataset.load(folder / "targets.yaml", folder / "baselines.csv")


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        a = math.nan if a is None else float(a)
        b = math.nan if b is None else float(b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a == b


@pytest.mark.parametrize("as_of", ["2024-06", "2026-11", "2028-01"])
def test_every_target_matches_the_reference(national, as_of):
    index = periods.parse_as_of(as_of)
    # one plain dict a target: reading a pandas row per target cost more than
    # the comparison itself
    rows = assess(national, Options(as_of=index)).rows.set_index("target_id").to_dict("index")
    ref = Reference(national, index)
    targets = national.defs.targets
    assert len(targets) >= 3000 and set(targets["kind"]) == {
        "level", "growth_rate", "share", "increase", "annual", "rank", "relative", "multiple", "milestone"}
    mismatches = []
    for t in targets.itertuples(index=False):
        expected = ref.row(t)
        got = rows[t.target_id]
        checks = {
            "status": (got["status"], expected["status"]),
            "target_year": (int(got["target_year"]), expected["target_year"]),
        }
        if "progress" in expected:
            checks.update({
                "latest_period": (got["latest_period"], periods.format_period(expected["latest_index"])
                                  if expected["latest_index"] % 12 else str((expected["latest_index"] - 1) // 12)),
                "progress": (got["progress"], expected["progress"]),
                "expected_progress": (got["expected_progress"], expected["expected_progress"]),
                "path_progress": (got["path_progress"], expected["path_progress"]),
                "gap_points": (got["gap_points"], expected["gap_points"]),
                "required_annual_growth": (got["required_annual_growth"], expected["required_annual_growth"]),
                "actual_annual_growth": (got["actual_annual_growth"], expected["actual_annual_growth"]),
            })
        for key in ("stretch_status", "milestone_status"):
            if key in expected:
                checks[key] = (got[key], expected[key])
        if "milestone_year" in expected:
            checks["milestone_year"] = (int(got["milestone_year"]), expected["milestone_year"])
        for name, (a, b) in checks.items():
            if not same(a, b):
                mismatches.append((t.target_id, t.kind, name, a, b))
    assert not mismatches, mismatches[:10]
    # the comparison covered every status the data produces (in 2028 every
    # target year is over: achieved, missed, overdue or no_data only)
    assert len({r["status"] for r in rows.values()}) >= (4 if as_of == "2028-01" else 5)
