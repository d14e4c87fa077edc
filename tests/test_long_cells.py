"""One very long text cell in a table of many targets: memory stays in
proportion to the text, not rows × the longest cell (a fixed-width text
array of 3,000 rows × 100,000 characters would ask for 1.2 GB)."""

from __future__ import annotations

import tracemalloc

from policygap.targets_file import read_targets_file
from policygap.validate import check_targets_file

ROWS = 3_000
LONG = 100_000


def test_a_long_quote_in_a_large_targets_table(tmp_path):
    (tmp_path / "targets.yaml").write_text(
        "indicators:\n  firms: {name: 高新技术企业数量, unit: 家}\n"
        "regions:\n  anshan: {name: 鞍山市}\ntargets: targets.csv\n", encoding="utf-8")
    lines = ["id,region,indicator,kind,comparator,value,year,base_period,source_quote"]
    for i in range(ROWS):
        quote = "高" * LONG if i == ROWS // 2 else f"到2025年目标{i}"
        lines.append(f"t{i},anshan,firms,level,>=,{600 + i},2025,2022,{quote}")
    (tmp_path / "targets.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "baselines.csv").write_text("region,indicator,period,value\nanshan,firms,2022,473\n"
                                            "anshan,firms,2024,495\n", encoding="utf-8")
    raw = read_targets_file(tmp_path / "targets.yaml")
    tracemalloc.start()  # checking and typing the table: where text columns are handled
    try:
        defs = check_targets_file(raw)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not [p for p in defs.problems if p.is_error]
    quotes = defs.targets.set_index("target_id")["quote"]
    assert len(quotes) == ROWS and len(quotes[f"t{ROWS // 2}"]) == LONG and quotes["t0"] == "到2025年目标0"
    # the text itself is well under 1 MB (3,000 short quotes and one of 100,000
    # characters); a text array as wide as the longest cell would be 1.2 GB
    assert peak < 100 * 2**20, f"peak {peak / 2**20:.0f} MB"
