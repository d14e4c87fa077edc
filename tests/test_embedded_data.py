"""The embedded data set as a whole: it loads without errors, holds the
counted number of targets per document, and every region assesses.

Counts and readings are explained in docs/data.md.
"""

from __future__ import annotations

import pytest

from conftest import REPO
from policygap import dataset

TARGETS = REPO / "data" / "targets.yaml"
BASELINES = REPO / "data" / "baselines.csv"
FILES = ["--targets", TARGETS, "--baselines", BASELINES]
REGIONS = ["anshan", "linyi", "liaoyang", "wuxiang"]

# A careful reader's count per document (docs/data.md lists each target).
COUNTS = {
    "anshan-talent-2023": 39,
    "anshan-innovation-2023": 20,
    "linyi-strong-city-2023": 22,
    "liaoyang-strong-city-2017": 20,
    "wuxiang-innovation-2021": 18,
}


@pytest.fixture(scope="module")
def checked():
    return dataset.check(TARGETS, BASELINES)


@pytest.fixture(scope="module")
def ds(checked):
    return checked[0]


def by_id(rows, target_id):
    (rec,) = [r for r in rows if r["target_id"] == target_id]
    return rec


def test_no_errors_and_only_the_known_conflicts(checked):
    ds, problems = checked
    assert ds is not None
    assert [str(p) for p in problems if p.is_error] == []
    warnings = {p.field: p.message for p in problems}
    assert set(warnings) == {
        "targets[anshan-tech-contract-value-2025-innovation].value",
        "targets[anshan-industrial-tech-breakthroughs-2025-innovation].value",
        "targets[anshan-rd-spending-2025].value",
    }
    # 技术合同成交额 2025: 20亿元 (000) and 20.3亿元 (001), both kept.
    assert "20.3 here (anshan-innovation-2023) but 20 in target anshan-tech-contract-value-2025" in \
        warnings["targets[anshan-tech-contract-value-2025-innovation].value"]
    # 攻克产业技术: 25 (000) and 30 (001).
    assert "30 here (anshan-innovation-2023) but 25 in target anshan-industrial-tech-breakthroughs-2025" in \
        warnings["targets[anshan-industrial-tech-breakthroughs-2025-innovation].value"]
    # 30亿 by 2025 from 24.4亿 in 2021: (30/24.4)^(1/4) - 1 = 5.3% a year, not 9%.
    assert round(((30 / 24.4) ** 0.25 - 1) * 100, 1) == 5.3
    assert "30 by 2025 from 24.4 in 2021 implies 5.3% a year" in warnings["targets[anshan-rd-spending-2025].value"]
    assert "anshan-rd-spending-2025-growth" in warnings["targets[anshan-rd-spending-2025].value"]


def test_target_count_per_document(ds):
    counts = ds.defs.targets.groupby("document").size().to_dict()
    assert counts == COUNTS
    assert len(ds.defs.targets) == 119


def test_target_ids_follow_the_scheme(ds):
    t = ds.defs.targets
    assert t["target_id"].is_unique
    for r in t.itertuples():
        stem = f"{r.region}-{r.indicator.replace('_', '-')}-{r.year}"
        assert r.target_id == stem or r.target_id.startswith(stem + "-"), r.target_id
    # the second document of a region on the same indicator and year
    assert {"anshan-hitech-firms-2025", "anshan-hitech-firms-2025-innovation"} <= set(t["target_id"])


def test_conflicting_values_are_both_kept(ds):
    t = ds.defs.targets.set_index("target_id")
    a, b = t.loc["anshan-tech-contract-value-2025"], t.loc["anshan-tech-contract-value-2025-innovation"]
    assert (a["value"], a["document"], a["comparator"]) == (20, "anshan-talent-2023", ">=")
    assert (b["value"], b["document"], b["milestones"]) == (20.3, "anshan-innovation-2023", {2023: 17.6})
    a, b = t.loc["anshan-industrial-tech-breakthroughs-2025"], t.loc["anshan-industrial-tech-breakthroughs-2025-innovation"]
    assert (a["value"], b["value"], b["milestones"]) == (25, 30, {2023: 10})


def test_shared_indicators_across_regions(ds):
    t = ds.defs.targets
    regions_of = t.groupby("indicator")["region"].agg(set)
    assert regions_of["hitech_firms"] == {"anshan", "linyi", "liaoyang", "wuxiang"}
    assert regions_of["rd_intensity"] == {"anshan", "linyi", "liaoyang", "wuxiang"}
    assert regions_of["tech_contract_value"] == {"anshan", "liaoyang", "wuxiang"}


def test_every_kind_is_used(ds):
    from policygap.schema import KINDS

    assert set(ds.defs.targets["kind"]) == set(KINDS)


@pytest.mark.parametrize("region", REGIONS)
def test_status_runs_for_every_region(run, ds, region):
    r = run("status", region, "--format", "json", "--as-of", "2026-11", *FILES)
    assert r.exit_code == 0, r.stderr
    rows = r.json()
    t = ds.defs.targets
    assert [x["target_id"] for x in rows] == t.loc[t["region"] == region, "target_id"].tolist()
    assert {x["status"] for x in rows} <= {"achieved", "ahead", "on_track", "behind", "off_track", "missed", "overdue",
                                           "no_data"}


@pytest.mark.parametrize("region", REGIONS)
def test_targets_lists_every_target_with_its_quote(run, ds, region):
    r = run("targets", region, "--format", "json", *FILES)
    assert r.exit_code == 0, r.stderr
    rows = r.json()
    t = ds.defs.targets
    mine = t[t["region"] == region]
    assert [x["target_id"] for x in rows] == mine["target_id"].tolist()
    assert [x["quote"] for x in rows] == mine["quote"].tolist()
    assert all(x["document"] and x["clause"] and x["quote"] for x in rows)


def test_targets_table_and_csv(run):
    r = run("targets", "武乡", *FILES)
    assert r.exit_code == 0, r.stderr
    assert "全县技术交易成交额达到2千万以上" in r.stdout and "≥0.2亿元" in r.stdout
    r = run("targets", "linyi", "--format", "csv", *FILES)
    assert r.exit_code == 0, r.stderr
    rows = r.csv_rows()
    assert len(rows) == 22
    rec = by_id(rows, "linyi-hitech-firms-2027")
    assert (rec["comparator"], float(rec["value"]), float(rec["stretch"])) == (">", 2300, 2500)


def test_anshan_hitech_unchanged(run):
    r = run("status", "anshan", "--format", "json", "--as-of", "2026-11", *FILES)
    rec = by_id(r.json(), "anshan-hitech-firms-2025")
    assert (rec["base_period"], rec["base_value"]) == ("2022", 473)
    assert (rec["latest_period"], rec["latest_value"]) == ("2024-04", 495)
    assert (rec["target_year"], rec["target_value"], rec["comparator"]) == (2025, 600, ">=")
    # (495 - 473) / (600 - 473) = 0.173228…, written to 4 decimals of a
    # fraction (docs/output-format.md): the April 2024 figure is the latest there is.
    assert rec["progress"] == round(22 / 127, 4) == 0.1732


def test_rd_growth_target_from_the_2021_base(run):
    r = run("status", "anshan", "--format", "json", "--as-of", "2026-11", *FILES)
    rec = by_id(r.json(), "anshan-rd-spending-2025-growth")
    assert (rec["base_period"], rec["base_value"], rec["target_value"]) == ("2021", 24.4, 9)
    # 24.4 × 1.09^4 = 34.4426…亿元 by 2025, written to the indicator's
    # precision (two decimals at least, docs/output-format.md)
    assert rec["goal_value"] == round(24.4 * 1.09 ** 4, 2) == 34.44
    level = by_id(r.json(), "anshan-rd-spending-2025")
    assert (level["comparator"], level["goal_value"], level["base_value"]) == (">", 30, 24.4)


def test_platform_bases_and_goals(run):
    rows = run("status", "anshan", "--format", "json", "--as-of", "2026-11", *FILES).json()
    expected = {
        # 000 (issued 2023-08-03) finds the 截至目前 count itself; 001 pins it.
        "anshan-provincial-platforms-2025": (173, 173 + 25),
        "anshan-city-platforms-2025": (436, 436 + 60),
        "anshan-provincial-platforms-2025-innovation": (173, 198),
        "anshan-city-platforms-2025-innovation": (436, 496),
        "anshan-total-platforms-2023": (618, 643),
        "anshan-total-platforms-2025": (618, 670),
    }
    for target_id, (base, goal) in expected.items():
        rec = by_id(rows, target_id)
        assert (rec["base_period"], rec["base_value"], rec["goal_value"]) == ("2023-07", base, goal), target_id
    assert by_id(rows, "anshan-total-platforms-2025")["comparator"] == ">"


def test_interim_milestones_of_001(ds):
    t = ds.defs.targets.set_index("target_id")
    assert t.loc["anshan-hitech-firms-2025-innovation", "milestones"] == {2023: 500}
    assert t.loc["anshan-tech-smes-2025-innovation", "milestones"] == {2023: 1000}
    assert t.loc["anshan-gazelle-firms-2025-innovation", "milestones"] == {2023: 180}
    assert t.loc["anshan-typical-alliances-2025-innovation", "milestones"] == {2023: 10}
    assert t.loc["anshan-foreign-experts-2025-innovation", "milestones"] == {2023: 10}
    assert t.loc["anshan-jiebang-projects-2025-innovation", "milestones"] == {2023: 10}
    with_milestones = t[t["milestones"].notna()]
    assert set(with_milestones["document"]) == {"anshan-innovation-2023"}
    assert len(with_milestones) == 8


def test_linyi_yearly_targets_count_from_2024(run, ds):
    t = ds.defs.targets
    annual = t[(t["region"] == "linyi") & (t["kind"] == "annual")]
    assert len(annual) == 10
    assert set(annual["from_year"]) == {2024} and set(annual["year"]) == {2027}
    rows = run("status", "linyi", "--format", "json", "--as-of", "2026-11", *FILES).json()
    rec = by_id(rows, "linyi-sci-projects-2027")
    assert [(c["year"], c["value"]) for c in rec["checkpoints"]] == [(y, 100) for y in (2024, 2025, 2026, 2027)]
    assert rec["comparator"] == "~"


def test_flows_of_the_2023_plans_count_from_2023(ds):
    t = ds.defs.targets
    flows = t[t["document"].isin(["anshan-talent-2023", "anshan-innovation-2023"])
              & (t["kind"] == "increase") & (t["counting"] == "flow")]
    assert len(flows) == 18  # 13 in 000, 5 in 001
    assert set(flows["from_year"]) == {2023}


def test_relative_targets(ds):
    t = ds.defs.targets.set_index("target_id")
    assert tuple(t.loc["linyi-rd-intensity-2027", ["comparator", "reference", "indicator"]]) == (">", "shandong", "rd_intensity")
    assert tuple(t.loc["wuxiang-hitech-firms-2025", ["comparator", "reference", "indicator"]]) == (">=", "changzhi_county_avg", "hitech_firms")


def _obs(ds, region, indicator):
    o = ds.observations
    o = o[(o["region"] == region) & (o["indicator"] == indicator)]
    return dict(zip(o["period"], o["value"]))


def test_provincial_reference_series(ds):
    for region in ("liaoning", "shandong", "shanxi"):
        for indicator in ("rd_spending", "rd_intensity"):
            assert sorted(_obs(ds, region, indicator)) == [str(y) for y in range(2016, 2024)], (region, indicator)
    # 2024: the preliminary figure (初步数)
    assert sorted(_obs(ds, "china", "rd_intensity")) == [str(y) for y in range(2016, 2025)]
    assert _obs(ds, "liaoning", "rd_intensity")["2022"] == 2.15  # the 2023 bulletin's revision
    assert _obs(ds, "shandong", "rd_intensity")["2023"] == 2.59
    assert _obs(ds, "shanxi", "rd_spending")["2023"] == 298.2
    assert _obs(ds, "china", "rd_intensity")["2020"] == 2.40


def test_baselines_of_000(ds):
    assert _obs(ds, "anshan", "hitech_firms") == {"2022": 473, "2024-04": 495}
    assert _obs(ds, "anshan", "tech_contract_value") == {"2022": 15.98}
    assert _obs(ds, "anshan", "rd_spending") == {"2021": 24.4}
    assert _obs(ds, "anshan", "rd_spending_rank_province") == {"2021": 5}
    for indicator, value in (("national_platforms", 9), ("provincial_platforms", 173), ("city_platforms", 436),
                             ("tech_smes", 979), ("gazelle_firms", 162)):
        assert _obs(ds, "anshan", indicator) == {"2023-07": value}, indicator
    for indicator in ("hitech_firms_rank_province", "tech_smes_rank_province", "gazelle_firms_rank_province"):
        assert list(_obs(ds, "anshan", indicator).values()) == [3]


def test_derived_baselines_are_exact(ds):
    parts = sum(_obs(ds, "anshan", i)["2023-07"] for i in ("national_platforms", "provincial_platforms", "city_platforms"))
    assert _obs(ds, "anshan", "total_platforms") == {"2023-07": parts} == {"2023-07": 618}
    rank = _obs(ds, "anshan", "gxq_national_rank")
    assert rank == {"2019": rank["2020"] + 10, "2020": 45}


def test_provisional_figures(ds):
    o = ds.observations
    prov = set(zip(o.loc[o["provisional"], "region"], o.loc[o["provisional"], "indicator"], o.loc[o["provisional"], "period"]))
    # 预计6600亿元 (an estimate), the 2024 national 初步数, and 临沂's 2024 R&D
    # intensity derived from the estimated GDP (a derived figure is provisional
    # when an input is). 鞍山 2023: 2011.9 replaced the lower bound 突破2000.
    assert prov == {("linyi", "gdp", "2024"), ("china", "rd_intensity", "2024"), ("linyi", "rd_intensity", "2024")}


def test_docs_list_every_target(ds):
    import re

    text = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| \d+ \| `([a-z0-9-]+)` \|", text, flags=re.M)
    assert sorted(listed) == sorted(ds.defs.targets["target_id"])
    summary = dict(re.findall(r"^\| `([a-z0-9-]+)` \|.*\| (\d+) \|$", text, flags=re.M))
    assert {doc: int(n) for doc, n in summary.items()} == COUNTS
