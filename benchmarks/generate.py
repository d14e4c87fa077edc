"""Generate a synthetic national data set in policygap's formats.

About 3,200 regions (provinces, cities, counties), 40 targets each across all
kinds, 10 years of yearly figures and this year's monthly figures: about 1.3
million observation rows at scale 1. Deterministic from the seed.

    python benchmarks/generate.py OUTDIR [--scale 1.0] [--seed 7]

Writes OUTDIR/targets.yaml (small: settings and indicators) with its
regions, documents and targets sections in CSV tables beside it
(regions.csv, documents.csv, targets.csv), and OUTDIR/baselines.csv.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

BASE_YEAR = 2016  # ten yearly figures: 2016..2025
CURRENT_YEAR = 2026
MONTHS = 10  # monthly figures for 2026-01..2026-10

# id: (name, unit, measure, direction, base range, yearly growth range)
INDICATORS = {
    "hitech_firms": ("高新技术企业数量", "家", "stock", "up", (20, 3000), (0.02, 0.15)),
    "tech_smes": ("科技型中小企业数量", "家", "stock", "up", (50, 6000), (0.03, 0.18)),
    "platforms": ("省级以上科技创新平台", "个", "stock", "up", (5, 400), (0.01, 0.10)),
    "patents_per_10k": ("每万人口发明专利拥有量", "件/万人", "stock", "up", (1, 40), (0.03, 0.15)),
    "incubators": ("科技企业孵化器数量", "家", "stock", "up", (1, 80), (0.0, 0.12)),
    "talents": ("高层次人才数量", "人", "stock", "up", (100, 20000), (0.02, 0.10)),
    "rd_spending": ("全社会研发经费投入", "亿元", "flow", "up", (1, 900), (0.02, 0.14)),
    "tech_contracts": ("技术合同成交额", "亿元", "flow", "up", (0.5, 600), (0.03, 0.20)),
    "hitech_output": ("高新技术产业产值", "亿元", "flow", "up", (10, 8000), (0.02, 0.12)),
    "breakthroughs": ("攻克关键核心技术", "项", "flow", "up", (2, 60), (-0.05, 0.10)),
    "projects": ("市级以上科技项目", "项", "flow", "up", (10, 300), (-0.05, 0.10)),
    "trainees": ("技术经纪人培训人数", "人", "flow", "up", (20, 800), (-0.05, 0.10)),
    "rd_intensity": ("研发投入强度", "%", "stock", "up", (0.3, 3.5), (0.0, 0.06)),
    "hitech_share": ("高新技术产业产值占比", "%", "stock", "up", (10, 60), (0.0, 0.04)),
    "conversion_rate": ("科技成果本地转化率", "%", "stock", "up", (20, 70), (0.0, 0.05)),
    "zone_rank": ("高新区全国排名", "位", "stock", "down", (20, 170), (-0.05, 0.03)),
    "province_rank": ("创新能力全省排名", "位", "stock", "down", (1, 40), (-0.05, 0.03)),
    "gdp": ("地区生产总值", "亿元", "flow", "up", (100, 60000), (0.03, 0.08)),
    "lab_done": ("重点实验室建设完成", "", "stock", "up", None, None),
    "park_done": ("科技园建设完成", "", "stock", "up", None, None),
}


def regions(scale: float):
    """31 provinces, about 10 cities each, about 9 counties per city (×scale)."""
    n_prov = 31
    cities_per = max(1, round(10.5 * scale ** 0.5))
    counties_per = max(1, round(9 * scale ** 0.5))
    out = []
    for p in range(1, n_prov + 1):
        pid = f"p{p:02d}"
        out.append((pid, f"省{p:02d}", "", "province"))
        for c in range(1, cities_per + 1):
            cid = f"{pid}c{c:02d}"
            out.append((cid, f"省{p:02d}市{c:02d}", pid, "city"))
            for x in range(1, counties_per + 1):
                out.append((f"{cid}x{x:02d}", f"省{p:02d}市{c:02d}县{x:02d}", cid, "county"))
    return out


def generate(outdir: Path, scale: float = 1.0, seed: int = 7) -> dict:
    rng = random.Random(seed)
    outdir.mkdir(parents=True, exist_ok=True)
    regs = regions(scale)
    with open(outdir / "regions.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "aliases", "parent", "level"])
        for rid, name, parent, level in regs:
            w.writerow([rid, name, rid.upper(), parent, level])  # aliases must name one region only
    with open(outdir / "documents.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "region", "title", "issued"])
        for rid, name, _, _ in regs:
            w.writerow([f"{rid}-plan", rid, f"{name}科技创新规划", "2021-03-15"])
    with open(outdir / "targets.yaml", "w", encoding="utf-8") as f:
        f.write("# synthetic national data set (benchmarks/generate.py)\n")
        f.write("regions: regions.csv\ndocuments: documents.csv\ntargets: targets.csv\nindicators:\n")
        for iid, (name, unit, measure, direction, _, _) in INDICATORS.items():
            f.write(f'  {iid}: {{name: {name}, unit: "{unit}", measure: {measure}, direction: {direction}}}\n')

    series: dict[tuple[str, str], dict[int, float]] = {}
    n_obs = 0
    with open(outdir / "baselines.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["region", "indicator", "period", "value", "unit", "source"])
        for rid, _, _, _ in regs:
            for iid, (_, unit, measure, direction, base_range, growth) in INDICATORS.items():
                values: dict[int, float] = {}
                if base_range is None:  # milestone: 0 until done
                    done = rng.choice([2019, 2022, 2024, 2026, 2030])
                    for y in range(BASE_YEAR, CURRENT_YEAR):
                        values[y] = 1.0 if y >= done else 0.0
                        w.writerow([rid, iid, y, int(values[y]), unit, "synthetic"])
                    n_obs += CURRENT_YEAR - BASE_YEAR
                    series[(rid, iid)] = values
                    continue
                value = rng.uniform(*base_range)
                g = rng.uniform(*growth)
                for y in range(BASE_YEAR, CURRENT_YEAR):
                    value *= 1 + g + rng.gauss(0, 0.02)
                    if unit == "%":
                        value = min(value, 99.0)
                    if unit == "位":
                        value = max(1.0, min(round(value), 300.0))
                    values[y] = round(value, 2)
                    w.writerow([rid, iid, y, values[y], unit, "synthetic"])
                n_obs += CURRENT_YEAR - BASE_YEAR
                for m in range(1, MONTHS + 1):
                    if measure == "flow":
                        month_value = round(value * (1 + g) * m / 12 * rng.uniform(0.9, 1.1), 2)
                    else:
                        month_value = round(value * (1 + g * m / 12), 2) if unit != "位" else value
                    w.writerow([rid, iid, f"{CURRENT_YEAR}-{m:02d}", month_value, unit, "synthetic"])
                    n_obs += 1
                series[(rid, iid)] = values

    kinds = _target_specs()
    n_targets = 0
    with open(outdir / "targets.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "region", "indicator", "kind", "comparator", "value", "year", "base_period",
                    "milestones", "stretch", "counting", "from", "reference", "source_document", "source_quote"])
        for rid, _, parent, _ in regs:
            for k, (iid, kind, comparator) in enumerate(kinds):
                values = series[(rid, iid)]
                year = rng.choice([2025, 2026, 2027])
                base = values[2020]
                row = {"id": f"{rid}-t{k:02d}", "region": rid, "indicator": iid, "kind": kind,
                       "comparator": comparator, "value": "", "year": year, "base_period": "",
                       "milestones": "", "stretch": "", "counting": "", "from": "", "reference": "",
                       "source_document": f"{rid}-plan", "source_quote": f"到{year}年目标{k}"}
                factor = rng.uniform(1.05, 1.8)
                if kind == "level":
                    row["value"] = round(base * factor, 1)
                    if k % 3 == 0:
                        row["milestones"] = f"2023:{round(base * (1 + (factor - 1) / 2), 1)}"
                    if k % 4 == 0:
                        row["stretch"] = round(base * factor * 1.1, 1)
                elif kind == "growth_rate":
                    row["value"] = round(rng.uniform(3, 15), 1)
                    row["base_period"] = "2020"
                elif kind == "share":
                    row["value"] = round(min(base + rng.uniform(0.2, 5), 99), 2)
                elif kind == "increase":
                    if INDICATORS[iid][2] == "flow":
                        row["counting"] = "flow"
                        row["from"] = 2021
                        row["value"] = round(values[2020] * (year - 2020) * rng.uniform(0.8, 1.3), 1)
                    else:
                        row["value"] = round(base * (factor - 1), 1)
                elif kind == "annual":
                    row["from"] = 2021
                    row["value"] = round(values[2020] * rng.uniform(0.9, 1.3), 1)
                    row["comparator"] = ">=" if k % 2 else "~"
                elif kind == "rank":
                    row["value"] = max(1, int(base * rng.uniform(0.6, 0.95)))
                elif kind == "relative":
                    row["reference"] = parent or "p01"
                    if row["reference"] == rid:
                        row["reference"] = "p02"
                elif kind == "multiple":
                    row["value"] = 2
                    row["base_period"] = "2020"
                w.writerow([row[c] for c in ["id", "region", "indicator", "kind", "comparator", "value", "year",
                                             "base_period", "milestones", "stretch", "counting", "from",
                                             "reference", "source_document", "source_quote"]])
                n_targets += 1
    return {"regions": len(regs), "targets": n_targets, "observations": n_obs}


def write_yaml(outdir: Path, path: Path) -> int:
    """The same targets file written by hand, as one YAML file: every region,
    document and target inline (what a planner's own file looks like, at
    national size). Returns its size in bytes."""

    def q(text) -> str:
        return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'

    def rows(name):
        with open(outdir / name, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    head = (outdir / "targets.yaml").read_text(encoding="utf-8")
    indicators = head[head.index("indicators:"):]
    out = ["# synthetic national data set, every section inline (benchmarks/generate.py --yaml)\n", indicators,
           "regions:\n"]
    for r in rows("regions.csv"):
        parent = f", parent: {r['parent']}" if r["parent"] else ""
        out.append(f"  {r['id']}: {{name: {r['name']}, aliases: [{r['aliases']}]{parent}, level: {r['level']}}}\n")
    out.append("documents:\n")
    for d in rows("documents.csv"):
        out.append(f"  {d['id']}: {{region: {d['region']}, title: {d['title']}, issued: {q(d['issued'])}}}\n")
    out.append("targets:\n")
    for t in rows("targets.csv"):
        out.append(f"  - id: {t['id']}\n    region: {t['region']}\n    indicator: {t['indicator']}\n"
                   f"    kind: {t['kind']}\n    comparator: {q(t['comparator'])}\n    year: {t['year']}\n")
        if t["value"]:
            out.append(f"    value: {t['value']}\n")
        if t["base_period"]:
            out.append(f"    base: {{period: {q(t['base_period'])}}}\n")
        if t["milestones"]:
            year, value = t["milestones"].split(":")
            out.append(f"    milestones: {{{year}: {value}}}\n")
        for key in ("stretch", "counting", "from", "reference"):
            if t[key]:
                out.append(f"    {key}: {t[key]}\n")
        out.append(f"    source: {{document: {t['source_document']}, quote: {t['source_quote']}}}\n")
    text = "".join(out)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _target_specs():
    """40 targets a region, every kind, one per indicator and kind, and no
    indicator with both a growth-rate and a level target (a real plan that
    did would be warned about, as it should)."""
    specs = [
        ("hitech_firms", "level", ">="), ("tech_smes", "level", ">="), ("platforms", "level", ">"),
        ("patents_per_10k", "level", ">="), ("incubators", "level", ">="), ("talents", "level", "~"),
        ("breakthroughs", "level", ">="), ("projects", "level", ">="), ("trainees", "level", ">="),
        ("rd_spending", "growth_rate", ">="), ("tech_contracts", "growth_rate", ">="),
        ("hitech_output", "growth_rate", ">="), ("gdp", "growth_rate", ">="),
        ("rd_intensity", "share", ">="), ("hitech_share", "share", ">="), ("conversion_rate", "share", ">="),
        ("hitech_firms", "increase", ">="), ("platforms", "increase", ">="), ("incubators", "increase", ">="),
        ("breakthroughs", "increase", ">="), ("trainees", "increase", ">="), ("tech_smes", "increase", ">="),
        ("talents", "increase", ">="), ("projects", "increase", ">="),
        ("breakthroughs", "annual", ">="), ("projects", "annual", ">="), ("trainees", "annual", ">="),
        ("tech_smes", "annual", ">="),
        ("zone_rank", "rank", "<="), ("province_rank", "rank", "<="),
        ("rd_intensity", "relative", ">"), ("hitech_share", "relative", ">"), ("patents_per_10k", "relative", ">"),
        ("gdp", "multiple", ">="), ("hitech_output", "multiple", ">="), ("rd_spending", "multiple", ">="),
        ("tech_contracts", "multiple", ">="),
        ("lab_done", "milestone", ">="), ("park_done", "milestone", ">="),
        ("conversion_rate", "level", ">="),
    ]
    assert len(specs) == 40 and len({(i, k) for i, k, _ in specs}) == 40
    return specs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--yaml", action="store_true", help="also write targets-inline.yaml: every section in "
                        "one hand-written-style YAML file")
    args = parser.parse_args()
    counts = generate(args.outdir, args.scale, args.seed)
    if args.yaml:
        size = write_yaml(args.outdir, args.outdir / "targets-inline.yaml")
        print(f"targets-inline.yaml: {size / 1e6:.1f} MB")
    print(f"{counts['regions']:,} regions, {counts['targets']:,} targets, {counts['observations']:,} observations "
          f"in {args.outdir}")


if __name__ == "__main__":
    main()
