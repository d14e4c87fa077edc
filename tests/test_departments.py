"""Who answers for each target: lead/units from the documents, --unit,
--by unit, and the fields in machine output and the workbook."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO, SEEDS

AS_OF = "2024-06"


@pytest.fixture(scope="module")
def embedded():
    from policygap import dataset

    return dataset.load(REPO / "data" / "targets.yaml", [REPO / "data" / "baselines.csv"])


def _raw_targets():
    return yaml.safe_load((REPO / "data" / "targets.yaml").read_text(encoding="utf-8"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the project")
def test_every_seed_target_names_who_answers_with_a_verbatim_quote():
    data = _raw_targets()
    files = {k: v["file"] for k, v in data["documents"].items()}
    for t in data["targets"]:
        source = t["source"]
        text = (SEEDS / files[source["document"]]).read_text(encoding="utf-8")
        quote = source.get("units_quote")
        assert quote and quote in text, t["id"]
        lead = t.get("lead")
        units = t.get("units") or []
        assert lead or units, t["id"]
        # every department named is in the quoted phrase (等 dropped, as written)
        for name in ([lead] if isinstance(lead, str) else lead or []) + units:
            assert name in quote, (t["id"], name)


def test_seed_units_as_the_documents_state_them(embedded):
    t = embedded.defs.targets.set_index("target_id")
    # 001 二(一)2: （牵头单位：市科技局；责任单位：市发改委、市工信局等）
    assert t.at["anshan-jiebang-projects-2025-innovation", "lead"] == ("市科技局",)
    assert t.at["anshan-jiebang-projects-2025-innovation", "units"] == ("市发改委", "市工信局")
    # 000 二(一)5: (责任单位:市市场局), no lead named
    assert t.at["anshan-high-value-patents-per-10k-2025", "lead"] == ()
    assert t.at["anshan-high-value-patents-per-10k-2025", "units"] == ("市市场局",)
    # 002 六、12: a target led by another bureau
    assert t.at["linyi-vocational-groups-2027", "lead"] == ("市教育局",)


def _ids_with(embedded, region, dept):
    t = embedded.defs.targets
    t = t[t["region"] == region]
    return {tid for tid, lead, units in zip(t["target_id"], t["lead"], t["units"]) if dept in (*lead, *units)}


@pytest.mark.parametrize("name", ["市科技局", "科技局", "市科学技术局"])
def test_unit_filter_with_aliases(run, embedded, name):
    r = run("status", "anshan", "--unit", name, "--format", "json", "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    got = {x["target_id"] for x in r.json()}
    assert got == _ids_with(embedded, "anshan", "市科技局")
    assert len(got) == 57  # of 59 鞍山 targets; 市市场局's patents and 市人社局/市总工会's task force are not


def test_unit_alias_joins_two_spellings(run, embedded):
    # 发改委 (鞍山) and 市发展改革委 (临沂, 辽阳) are one department by the units: section
    r = run("status", "--all", "--unit", "发改委", "--format", "json", "--as-of", AS_OF)
    got = {x["target_id"] for x in r.json()}
    expected = set()
    for region in ("anshan", "linyi", "liaoyang"):
        expected |= _ids_with(embedded, region, "市发改委") | _ids_with(embedded, region, "市发展改革委")
    assert got == expected and len(got) > 16


def test_unknown_unit_lists_the_departments(run):
    r = run("status", "anshan", "--unit", "市气象局", "--lang", "en")
    assert r.exit_code == 2 and r.stdout == ""
    assert "no target names the department 市气象局" in r.stderr and "市科技局" in r.stderr
    # a bare 局 is no department's name
    assert run("status", "anshan", "--unit", "局").exit_code == 2


def test_check_by_unit_one_line_per_department(run, embedded):
    r = run("check", "anshan", "--by", "unit", "--as-of", AS_OF, "--lang", "zh")
    assert r.exit_code == 1  # 高新技术企业 behind
    lines = r.stdout.splitlines()
    assert all(not line.startswith(" ") for line in lines)
    by_name = {line.split("：")[0]: line for line in lines}
    n = len(_ids_with(embedded, "anshan", "市科技局"))
    assert by_name["市科技局"].startswith(f"市科技局：{n}个目标")
    assert by_name["市市场局"] == "市市场局：1个目标，无数据1个"
    # a target of three departments counts for each
    assert sum(int(line.split("：")[1].split("个目标")[0]) for line in lines) > 59


def test_status_by_unit_groups_the_table(run):
    r = run("status", "anshan", "--by", "unit", "--as-of", AS_OF, "--lang", "zh")
    assert r.exit_code == 0, r.stderr
    # one section per department, headed 一、市科技局 …, in the order the file first names them
    import re

    headings = [m.group(1) for m in re.finditer(r"^[一二三四五六七八九十]+、(\S+)$", r.stdout, flags=re.M)]
    assert headings[:3] == ["市科技局", "市发改委", "市工信局"]
    assert "市市场局" in headings and "市总工会" in headings


def test_csv_joins_and_json_lists(run):
    r = run("status", "anshan", "--format", "csv", "--as-of", AS_OF)
    rec = next(x for x in r.csv_rows() if x["target_id"] == "anshan-qsw-plans-done-2023")
    assert rec["lead"] == "市科技局、高新区"
    assert rec["units"] == "市发改委、市自然资源局、市住建局、市财政局"
    j = next(x for x in run("status", "anshan", "--format", "json", "--as-of", AS_OF).json()
             if x["target_id"] == "anshan-qsw-plans-done-2023")
    assert j["lead"] == ["市科技局", "高新区"] and j["units"][0] == "市发改委"


def test_xlsx_by_unit_has_a_sheet_per_department(run, tmp_path):
    import openpyxl

    out = tmp_path / "分单位.xlsx"
    r = run("status", "anshan", "--by", "unit", "--format", "xlsx", "-o", out, "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "进度" and "市科技局" in wb.sheetnames and "市市场局" in wb.sheetnames
    ws = wb["市市场局"]
    assert ws.max_row == 2 and ws.cell(2, 2).value == "anshan-high-value-patents-per-10k-2025"
    heads = [c.value for c in wb["进度"][1]]
    assert "责任单位" in heads


def test_lead_and_units_in_a_csv_targets_table(run, tmp_path):
    (tmp_path / "t.yaml").write_text(
        "regions: {r: {name: 甲市}}\nindicators: {x: {name: 指标, unit: 家}}\n"
        "documents: {d: {region: r, issued: '2023-01-01'}}\ntargets: t.csv\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text(
        "id,region,indicator,kind,comparator,value,year,source_document,lead,units\n"
        "a,r,x,level,>=,10,2025,d,市科技局,市财政局、市统计局\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("region,indicator,period,value\nr,x,2022,5\n", encoding="utf-8")
    r = run("check", "r", "--unit", "统计局", "--format", "csv", "--targets", tmp_path / "t.yaml",
            "--baselines", tmp_path / "b.csv", "--fail-on", "no_data,overdue,behind", "--as-of", "2024-06")
    rows = r.csv_rows()
    assert [(x["lead"], x["units"]) for x in rows] == [("市科技局", "市财政局、市统计局")]


def test_by_unit_with_unit_shows_the_chosen_department_alone(run, embedded):
    """--unit 市科技局 --by unit: the 市科技局 section (or line) only, though
    many of its targets are shared with other departments."""
    import re

    r = run("status", "anshan", "--unit", "市科技局", "--by", "unit", "--as-of", AS_OF, "--lang", "zh")
    headings = [m.group(1) for m in re.finditer(r"^[一二三四五六七八九十]+、(\S+)$", r.stdout, flags=re.M)]
    assert headings == ["市科技局"]
    c = run("check", "anshan", "--unit", "市科技局", "--by", "unit", "--as-of", AS_OF, "--lang", "zh")
    assert [line.split("：")[0] for line in c.stdout.splitlines()] == ["市科技局"]
    n = len(_ids_with(embedded, "anshan", "市科技局"))
    assert c.stdout.startswith(f"市科技局：{n}个目标")


def test_xlsx_by_unit_with_unit_has_that_department_sheet_alone(run, tmp_path):
    import openpyxl

    out = tmp_path / "科技局.xlsx"
    r = run("status", "anshan", "--unit", "市科技局", "--by", "unit", "-f", "xlsx", "-o", out, "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    names = openpyxl.load_workbook(out).sheetnames
    assert names[:2] == ["进度", "市科技局"] and "市发改委" not in names


ALIASED = """\
regions:
  x: {name: 某县}
indicators:
  firms: {name: 高新技术企业数量, unit: 家}
documents:
  d: {region: x, title: 方案, issued: "2023-03-01"}
units:
  县科技局: {aliases: [科技局, 县科工局]}
targets:
  - {id: a, region: x, indicator: firms, kind: level, value: 100, year: 2025, lead: 县科技局, source: {document: d}}
  - {id: b, region: x, indicator: firms, kind: level, value: 110, year: 2026, lead: 科技局, source: {document: d}}
  - {id: c, region: x, indicator: firms, kind: level, value: 120, year: 2027, lead: 县科工局, units: [县财政局],
     source: {document: d}}
"""


def test_by_unit_groups_a_department_named_by_its_aliases_once(run, data, tmp_path, monkeypatch):
    """科技局 and 县科工局 are 县科技局 by the units: section: --by unit gives one
    section, one check line and one sheet for the three targets, as --unit does."""
    import openpyxl

    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    t, b = data(ALIASED, "region,indicator,period,value\nx,firms,2022,80\nx,firms,2024,90\n")
    args = ("--targets", t, "--baselines", b, "--as-of", "2025-03")
    check = run("check", "x", "--by", "unit", *args).stdout
    assert "县科技局：3个目标" in check and "科技局：1个目标" not in check and "县科工局" not in check
    assert "县财政局：1个目标" in check
    table = run("status", "x", "--by", "unit", "--wide", *args).stdout
    assert table.count("县科技局") == 1 and "县科工局" not in table.replace("牵头", "")
    out = tmp_path / "分单位.xlsx"
    assert run("status", "x", "--by", "unit", "-f", "xlsx", "-o", out, *args).exit_code == 0
    sheets = openpyxl.load_workbook(out).sheetnames
    assert "县科技局" in sheets and "科技局" not in sheets and "县科工局" not in sheets
    assert openpyxl.load_workbook(out)["县科技局"].max_row == 4  # the heading and three targets
    listed = run("status", "x", "--unit", "农业局", *args).stderr
    assert "县科技局" in listed and "县科工局" not in listed
