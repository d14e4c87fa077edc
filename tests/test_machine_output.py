"""CSV and JSON as documented in docs/output-format.md: fields and their
order, types, empty/null, fractions and points, checkpoints, BOM, formula
neutralisation (CSV only), atomic --output."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIRMS_HEAD, REPO, YEARLY_TARGETS
from policygap.assess import OUTPUT_FIELDS
from policygap.render import machine
from test_text import AS_OF, kinds  # noqa: F401
from test_xlsx import FORMULA_BASELINES, FORMULA_TARGETS

# The order a planner's macro depends on. Changing it is a breaking change:
# update docs/output-format.md and say so in the release notes.
FIELDS = [
    "region", "target_id", "indicator", "name", "unit", "kind", "comparator", "base_period", "base_value",
    "latest_period", "latest_value", "target_year", "target_value", "required_annual_growth",
    "actual_annual_growth", "progress", "expected_progress", "status",
    "path_progress", "gap_points", "planned_annual_growth", "required_annual_change", "actual_annual_change",
    "goal_value", "reference", "reference_value", "projected_value", "projected_year", "shortfall",
    "stretch_value", "stretch_status",
    "milestone_year", "milestone_value", "milestone_status", "checkpoints", "cagr_ratio", "cagr_category",
    "stale", "provisional", "note", "document", "clause", "quote", "name_en",
]
# Added after the assessment's own fields: who answers for the target,
# whether the latest figure was derived (docs/data.md), and whether the row
# was judged on a year-to-date total from 0 (added last: no column moves).
ADDED = ["lead", "units", "derived", "year_to_date"]
CHECKPOINT_KEYS = ["role", "year", "value", "goal_value", "latest_period", "latest_value", "progress",
                   "expected_progress", "gap_points", "status"]


def csv_bytes(run, *args):
    r = run("status", "--all", "--format", "csv", *args)
    assert r.exit_code == 0 and r.stderr == ""
    return r.stdout_bytes


def csv_rows(data: bytes):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def json_rows(run, *args):
    r = run("status", "--all", "--format", "json", *args)
    assert r.exit_code == 0 and r.stderr == ""
    return r.json()


def by_id(rows):
    return {r["target_id"]: r for r in rows}


def test_field_order_is_fixed(run, kinds):
    assert OUTPUT_FIELDS == FIELDS
    header = csv_bytes(run, *kinds).split(b"\r\n")[0].decode("utf-8")
    assert header.split(",") == FIELDS + ADDED
    for rec in json_rows(run, *kinds):
        assert list(rec) == FIELDS + ADDED
    # the same columns whatever the filters leave
    assert csv_bytes(run, "--status", "missed", *kinds).split(b"\r\n")[0].decode() == header
    assert csv_bytes(run, "--status", "ahead", "--kind", "level", *kinds) == (header + "\r\n").encode()
    assert json_rows(run, "--status", "ahead", "--kind", "level", *kinds) == []


def test_every_field_is_documented_in_order():
    doc = (REPO / "docs" / "output-format.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| (\d+) \| `(\w+)` \|", doc, flags=re.M)
    assert [int(n) for n, _ in documented] == list(range(1, len(FIELDS + ADDED) + 1))
    assert [f for _, f in documented] == FIELDS + ADDED
    table = doc[doc.index("| key | type | meaning |"):]
    keys = re.findall(r"^\| `(\w+)`(?:, `(\w+)`)? \|", table, flags=re.M)
    assert [k for pair in keys for k in pair if k] == CHECKPOINT_KEYS
    for code in ("achieved", "ahead", "on_track", "behind", "off_track", "missed", "overdue", "no_data"):
        assert f"| `{code}` |" in doc
    from policygap.schema import NOTE_ZH

    for note in NOTE_ZH:
        assert f"| `{note}` |" in doc


def test_values_types_and_empty_cells(run, kinds):
    rows = by_id(csv_rows(csv_bytes(run, *kinds)))
    level = rows["a-level"]
    # numbers unformatted, rates and progress as fractions rounded to 4
    # decimals, the gap in points to 2, values to their indicator's decimals
    # (at least 2): the text in the cell is the rounded decimal, no float noise
    assert level["progress"] == "0.1732"  # 22/127 = 0.173228…
    assert level["expected_progress"] == "0.4444"  # 16/36
    assert level["gap_points"] == "-27.12"  # (22/127 − 16/36) × 100 = −27.1216…
    assert level["required_annual_growth"] == "0.1223"  # (600/495)^0.6 − 1 = 0.12235…
    assert level["planned_annual_growth"] == "0.0825"  # (600/473)^(1/3) − 1 = 0.08250…
    assert level["required_annual_change"] == "63.0"  # 105 / (20/12)
    assert (level["base_period"], level["latest_period"]) == ("2022", "2024-04")
    assert float(level["base_value"]) == 473 and float(level["latest_value"]) == 495
    # years are integers, never 2025.0
    assert (level["target_year"], level["milestone_year"]) == ("2025", "2023")
    assert re.fullmatch(r"\d{4}", level["projected_year"])
    assert (level["stale"], level["provisional"]) == ("false", "false")
    assert (level["stretch_value"], level["stretch_status"]) == ("650.0", "off_track")
    assert (level["milestone_value"], level["milestone_status"]) == ("500.0", "achieved")
    assert all("," not in v and "%" not in v for k, v in level.items() if k not in ("quote", "checkpoints"))
    # growth rate target: value as written (10 = 10%), goal computed
    growth = rows["a-growth"]
    assert float(growth["target_value"]) == 10 and float(growth["goal_value"]) == pytest.approx(26.62)
    # not computable: empty
    share = rows["a-share"]
    assert share["required_annual_growth"] == "" and share["actual_annual_growth"] == ""
    assert float(share["required_annual_change"]) == pytest.approx(0.1)  # 百分点 a year
    nodata = rows["a-nodata"]
    for field in ("base_period", "base_value", "latest_period", "latest_value", "progress", "expected_progress",
                  "gap_points", "projected_year"):
        assert nodata[field] == "", field
    assert nodata["note"] == "no figure before the document was issued"
    assert rows["a-milestone"]["target_value"] == "" and rows["a-milestone"]["unit"] == ""
    rel = rows["a-relative"]
    assert (rel["reference"], float(rel["reference_value"]), float(rel["target_value"])) == ("liaoning", 2.2, 2.2)

    j = by_id(json_rows(run, *kinds))
    assert j["a-level"]["progress"] == 0.1732
    assert j["a-level"]["target_year"] == 2025 and isinstance(j["a-level"]["target_year"], int)
    assert j["a-level"]["stale"] is False
    assert j["a-nodata"]["latest_value"] is None and j["a-nodata"]["note"] == nodata["note"]
    assert j["a-share"]["required_annual_growth"] is None
    assert j["a-milestone"]["unit"] == ""


def test_a_stretch_alone_makes_no_checkpoints_cell(run, data):
    """力争 beside a single goal: the CSV cell stays empty (stretch values are
    listed in JSON only), as for any target with one checkpoint."""
    t, b = data(FIRMS_HEAD + "  - {id: s, region: x, indicator: firms, kind: level, value: 100, stretch: 120, year: 2025, "
                             "source: {document: d}}\n",
                "region,indicator,period,value\nx,firms,2022,80\nx,firms,2024,110\n")
    args = ("--targets", t, "--baselines", b, "--as-of", "2025-03")
    assert csv_rows(csv_bytes(run, *args))[0]["checkpoints"] == ""
    assert [c["role"] for c in json_rows(run, *args)[0]["checkpoints"]] == ["stretch"]


def test_checkpoints(run, kinds):
    rows = by_id(csv_rows(csv_bytes(run, *kinds)))
    assert rows["a-level"]["checkpoints"] == "2023:500:achieved;2025:600:behind"
    assert rows["a-annual"]["checkpoints"] == "2024:100:on_track;2025:100:no_data"
    assert rows["a-share"]["checkpoints"] == ""

    j = by_id(json_rows(run, *kinds))
    stretch, milestone = j["a-level"]["checkpoints"]
    assert list(stretch) == CHECKPOINT_KEYS and list(milestone) == CHECKPOINT_KEYS
    assert (stretch["role"], stretch["year"], stretch["value"], stretch["status"]) == ("stretch", 2025, 650, "off_track")
    assert stretch["progress"] == 0.1243  # 22/177 = 0.12429…
    assert (milestone["role"], milestone["year"], milestone["value"]) == ("milestone", 2023, 500)
    assert (milestone["latest_period"], milestone["latest_value"], milestone["status"]) == ("2023", 520, "achieved")
    years = j["a-annual"]["checkpoints"]
    assert [(c["role"], c["year"], c["status"]) for c in years] == [("year", 2024, "on_track"), ("year", 2025, "no_data")]
    assert j["a-share"]["checkpoints"] is None


def test_bom(run, kinds):
    plain = csv_bytes(run, *kinds)
    bom = csv_bytes(run, "--bom", *kinds)
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert bom == b"\xef\xbb\xbf" + plain
    assert bom.decode("utf-8-sig") == plain.decode("utf-8")
    assert "高新技术企业数量" in plain.decode("utf-8")
    # JSON never has a BOM
    r = run("status", "--all", "--format", "json", "--bom", *kinds)
    assert r.stdout_bytes.startswith(b"[")


def test_csv_neutralises_formulas_json_does_not(run, data):
    t, b = data(FORMULA_TARGETS, FORMULA_BASELINES)
    args = ["--targets", t, "--baselines", b, "--as-of", AS_OF]
    (row,) = csv_rows(csv_bytes(run, *args))
    assert row["target_id"] == "'=HYPERLINK(\"http://x\")"
    assert row["name"] == "'=1+2"
    assert row["clause"] == "'-3"
    assert row["quote"] == "'@SUM(A1:A9)"
    assert row["comparator"] == ">="  # not formula-looking: unchanged
    assert float(row["gap_points"]) < 0 and not row["gap_points"].startswith("'")  # numbers untouched
    (rec,) = json_rows(run, *args)
    assert (rec["target_id"], rec["name"], rec["clause"], rec["quote"]) == (
        '=HYPERLINK("http://x")', "=1+2", "-3", "@SUM(A1:A9)")


def test_neutralise_every_dangerous_start():
    frame = pd.DataFrame({
        "text": ["=1+2", "+1", "-1", "@A1", "\tx", "\rx", "a=b", "鞍山", None],
        "number": [-1.5, 2.0, float("inf"), float("-inf"), float("nan"), 0.0, 1e-9, -0.0, 3.0],
        "flag": [True, False, True, False, True, False, True, False, True],
    })
    rows = list(csv.reader(io.StringIO(machine.to_csv(frame, ["text", "number", "flag"]).decode(), newline="")))
    assert [r[0] for r in rows[1:]] == ["'=1+2", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "a=b", "鞍山", ""]
    # infinite values are not computable: empty, like NaN
    assert [r[1] for r in rows[1:]] == ["-1.5", "2.0", "", "", "", "0.0", "1e-09", "0.0", "3.0"]  # no -0.0
    assert [r[2] for r in rows[1:4]] == ["true", "false", "true"]
    data = json.loads(machine.to_json(frame, ["text", "number", "flag"]))
    assert [d["text"] for d in data][:6] == ["=1+2", "+1", "-1", "@A1", "\tx", "\rx"]
    assert [d["number"] for d in data][2:5] == [None, None, None]


def test_output_file_equals_stdout(run, kinds, tmp_path):
    for fmt in ("csv", "json", "text", "table"):
        out = tmp_path / f"out.{fmt}"
        r = run("status", "--all", "--format", fmt, "-o", out, "--bom", *kinds)
        assert r.exit_code == 0 and r.stdout == ""
        stdout = run("status", "--all", "--format", fmt, "--bom", *kinds).stdout_bytes
        assert out.read_bytes() == stdout, fmt


@pytest.mark.parametrize("error", [OSError, KeyboardInterrupt])
def test_output_is_atomic(run, kinds, tmp_path, monkeypatch, error):
    out = tmp_path / "台账.csv"
    out.write_bytes(b"previous,file\r\n")

    real_write_bytes = Path.write_bytes

    def half_write(self, data):
        real_write_bytes(self, data[: len(data) // 2])  # half the file is on disk...
        raise error("disk full")  # ...when writing fails

    monkeypatch.setattr(Path, "write_bytes", half_write)
    try:
        r = run("status", "--all", "--format", "csv", "-o", out, *kinds)
        assert r.exit_code != 0
    except OSError:
        pass
    monkeypatch.undo()
    assert out.read_bytes() == b"previous,file\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baselines.csv", "targets.yaml", "台账.csv"]


def test_output_into_missing_directory(run, kinds, tmp_path):
    r = run("status", "--all", "--format", "csv", "-o", tmp_path / "no" / "such.csv", "--lang", "en", *kinds)
    assert r.exit_code == 2 and "does not exist" in r.stderr and r.stdout == ""


def test_floats_round_trip_exactly(run, kinds):
    """CSV numbers are written in full: reading them back gives the JSON value."""
    rows = by_id(csv_rows(csv_bytes(run, *kinds)))
    j = by_id(json_rows(run, *kinds))
    for tid, rec in j.items():
        for field, value in rec.items():
            if isinstance(value, float):
                assert float(rows[tid][field]) == value and not math.isnan(value), (tid, field)


def test_rounding_rule():
    """Rates to 4 decimals of a fraction, points to 2, values to the decimals
    their indicator's figures are written with (at least 2); the shortest
    form of the rounded double is the rounded decimal (no float noise)."""
    assert machine.round_to([0.09000000000000008, 34.44259128400001, -0.00004], 4).tolist() == [0.09, 34.4426, 0.0]
    assert repr(float(machine.round_to([0.1 + 0.2], 4)[0])) == "0.3"
    # one decimals per value: 612.5393… (家, figures as integers) -> 612.54;
    # 0.15987654 (亿元 written to 4 decimals) -> 0.1599
    assert machine.round_to([612.53931, 0.15987654], [2, 4]).tolist() == [612.54, 0.1599]
    # a half as written in decimal, whatever float noise the arithmetic left:
    # (0.45 − 0.60)/2 = −0.075 (computed −0.07499999999999998) -> −0.08, as explain's −0.075 reads
    assert machine.round_to([(0.45 - 0.60) / 2, 1.005, 12.345, 0.0749], 2).tolist() == [-0.08, 1.01, 12.35, 0.07]
    # too large to scale exactly: kept
    assert machine.round_to([1e300], 4).tolist() == [1e300]
    assert machine.decimals_of([473.0, 15.98, 0.1598, 2.5, float("nan"), 1e-12]).tolist() == [0, 2, 4, 1, 0, 10]
    rows = pd.DataFrame({"indicator": ["firms", "rd"], "progress": [22 / 127, 1 / 3], "gap_points": [-27.1216098, 0.005],
                         "goal_value": [612.53931, 0.15987654], "expected_progress": [16 / 36, float("nan")]})
    out = machine.rounded(rows, {"firms": 2, "rd": 4})
    assert out["progress"].tolist() == [0.1732, 0.3333]
    assert out["gap_points"].tolist() == [-27.12, 0.01]  # 0.005 is 0.005000000000000000104…: up
    assert out["goal_value"].tolist() == [612.54, 0.1599]
    assert math.isnan(out["expected_progress"].iat[1])
    assert rows["progress"].iat[0] == 22 / 127  # the assessment itself is not changed


def test_no_float_noise_reaches_the_csv(run, kinds):
    """Every number cell is short: at most 4 decimals for fractions, 2 for
    points, and never 15 digits of binary noise."""
    for row in csv_rows(csv_bytes(run, *kinds)):
        for field in machine.FRACTION_FIELDS:
            assert not row[field] or len(row[field].split(".")[1]) <= 4, (field, row[field])
        assert not row["gap_points"] or len(row["gap_points"].split(".")[1]) <= 2
        for field in machine.VALUE_FIELDS:
            assert not row[field] or len(row[field].split(".")[-1]) <= 6, (field, row[field])


def test_header_zh_and_en(run, kinds):
    """--header zh|en: the table's headings and status words for a person;
    the default stays the field names and codes."""
    plain = csv_rows(csv_bytes(run, *kinds))
    zh = list(csv.reader(io.StringIO(csv_bytes(run, "--header", "zh", *kinds).decode(), newline="")))
    en = list(csv.reader(io.StringIO(csv_bytes(run, "--header", "en", *kinds).decode(), newline="")))
    assert zh[0][:4] == ["地区", "目标编号", "指标代码", "指标"]
    assert zh[0][zh[0].index("状态")] and zh[0][15:20] == ["完成进度", "序时进度", "状态", "路径进度", "差值(百分点)"]
    assert en[0][15:20] == ["progress", "time elapsed", "status", "compound path", "gap (points)"]
    fields = csv_bytes(run, *kinds).split(b"\r\n")[0].decode().split(",")
    assert len(zh[0]) == len(en[0]) == len(fields) and fields[: len(FIELDS)] == FIELDS
    assert not set(zh[0]) & set(fields)  # every column has a Chinese heading
    level = next(i for i, r in enumerate(plain) if r["target_id"] == "a-level")
    assert plain[level]["status"] == "behind"
    assert zh[level + 1][17] == "滞后" and en[level + 1][17] == "behind"
    assert zh[level + 1][5] == "达到"  # the kind as the table says it
    assert zh[level + 1][15] == plain[level]["progress"]  # numbers are the same numbers
    assert (zh[level + 1][37], en[level + 1][37]) == ("否", "no")  # stale
    # every yes/no field and the growth-ratio category in words, none left as a code
    head = zh[0]
    for row in zh[1:]:
        for column in ("数据过旧", "初步数", "推算所得"):
            if column in head:
                assert row[head.index(column)] in ("是", "否", ""), (column, row)
        assert row[head.index("增速比类别")] in ("", "已实现", "显著进展", "中等进展", "有限进展", "倒退")
    r = run("status", "--all", "--format", "csv", "--header", "fr", *kinds)
    assert r.exit_code == 2


GROWTH_TARGETS = """\
regions:
  qinghe: {name: 清河县}
indicators:
  rd_spending: {name: 研发经费投入, unit: 亿元, direction: up}
documents:
  doc: {region: qinghe, title: 方案, issued: "2023-03-01"}
targets:
  - {id: rd-growth, region: qinghe, indicator: rd_spending, kind: growth_rate, comparator: ">=", value: 10,
     year: 2027, source: {document: doc, quote: 研发经费投入年均增长10%}}
"""


def test_path_progress_and_shortfall_are_rounded_like_their_kind(run, data):
    """Base 5.0 (2022), 10% a year to 2027: goal 5 × 1.1^5 = 8.05255; latest
    6.3 (2025), 3 of 5 years: path_progress = (1.61051^0.6 − 1) / 0.61051 =
    0.54217 → 0.5422 (a fraction, 4 decimals); shortfall 8.05255 − 6.3 =
    1.75255 → 1.75 (the indicator's precision: figures written with one
    decimal, at least 2)."""
    t, b = data(targets=GROWTH_TARGETS, baselines="region,indicator,period,value\n"
                                                 "qinghe,rd_spending,2022,5.0\nqinghe,rd_spending,2025,6.3\n")
    r = run("status", "qinghe", "--as-of", "2026-03", "--format", "csv", "--targets", t, "--baselines", b)
    row = r.csv_rows()[0]
    assert (row["path_progress"], row["shortfall"]) == ("0.5422", "1.75")


YEARLY_MISSED_BASELINES = "region,indicator,period,value,unit,source\nx,trained,2024,12,人,x\nx,trained,2025,8,人,x\n"


def test_a_note_naming_years_is_in_chinese_in_the_csv_and_the_workbook(run, data, tmp_path):
    """往年未完成：2025 in --header zh and the workbook's 说明, like every other note."""
    import openpyxl

    t, b = data(YEARLY_TARGETS, YEARLY_MISSED_BASELINES)
    args = ("status", "x", "--targets", t, "--baselines", b, "--as-of", "2026-06")
    assert run(*args, "-f", "json").json()[0]["note"] == "a past year was missed: 2025"
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv", "--header", "zh").stdout)))
    assert rows[0]["说明"] == "往年未完成：2025"
    assert run(*args, "-o", tmp_path / "x.xlsx").exit_code == 0
    cells = [c for row in openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[0].iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert "往年未完成：2025" in cells and not any("past year" in c for c in cells)


def _json_as_python_writes_it(frame, fields) -> list[str]:
    """The reference: each record made as a dict and encoded whole."""
    encoder = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
    return [encoder.encode(rec) for rec in machine.records(frame, fields)]


def test_json_objects_are_what_the_encoder_writes():
    """JSON is made a column at a time, each distinct value encoded once; the
    text is the encoder's, record by record, whatever a column mixes."""
    frame = pd.DataFrame({
        "text": ["鞍山", 'a "quote"', "back\\slash", "\x1b]0;x\x07", None, "鞍山", "", "\u2028", "鞍山"],
        "number": [-1.5, 2.0, float("inf"), float("nan"), -0.0, 0.0, 1e-9, 1e21, -1.5],
        "mixed": [1, 1.0, True, "1", None, 0, False, 0.0, 2],  # 1 == 1.0 == True, but written apart
        "whole": pd.array([2025, None, 2030, 2025, None, 1, 2, 3, 4], dtype="Int64"),
        "flag": [True, False, True, False, True, False, True, False, True],
        "count": [1, 2, 3, 4, 5, 6, 7, 8, 9],
        "listed": [[1, 2], [1, 2], None, [], ["甲"], None, [1.0], [True], [1]],
    })
    fields = list(frame.columns)
    assert machine.json_objects(frame, fields) == _json_as_python_writes_it(frame, fields)
    assert '"number": 0.0,' in machine.json_objects(frame, fields)[4]  # -0.0 written 0.0, as in CSV
    renamed = machine.json_objects(frame, ["flag", "count"], keys={"count": "n"})
    assert renamed[0] == '{"flag": true, "n": 1}'
    given = machine.json_objects(frame, ["count", "text"], encoded={"text": [None, "[1]", *[None] * 7]})
    assert given[:2] == ['{"count": 1, "text": "鞍山"}', '{"count": 2, "text": [1]}']



@settings(deadline=None)
@given(st.lists(st.one_of(st.text(), st.floats(allow_nan=False, allow_infinity=False), st.integers(),
                          st.booleans(), st.none()), min_size=1, max_size=6))
def test_each_value_is_encoded_as_in_a_record(values):
    frame = pd.DataFrame({"v": pd.Series(values, dtype=object), "t": pd.Series([str(v) for v in values])})
    assert machine.json_objects(frame, ["v", "t"]) == _json_as_python_writes_it(frame, ["v", "t"])
