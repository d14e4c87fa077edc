"""`policygap extract` end to end: the YAML it writes, reading .txt (UTF-8,
GBK) and .docx, --merge, exit codes, the seed drafts passing validation, the
gold lists and the quality benchmark."""

from __future__ import annotations

import importlib.util
import io
import os
import zipfile

import pytest
import yaml

from conftest import REPO, SEEDS
from policygap import dataset
from policygap.extract import extract_text, load_registry, merge_text, render_baselines_csv, render_yaml
from policygap.extract.reader import docx_text

SEED_FILES = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
GOLD = REPO / "tests" / "gold"
REGIONS = {"000": "anshan", "001": "anshan", "002": "linyi", "003": "liaoyang", "004": "wuxiang"}


# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")


def need_seeds():
    if not SEED_FILES:
        if os.environ.get("CI"):
            pytest.fail(f"seed documents missing from {SEEDS} (CI is set)")
        pytest.skip(f"seed documents not found in {SEEDS}")


POLICY = """关于推进科技创新的实施方案
一、发展现状
截至目前,全市共有高新技术企业310家。
二、主要目标
到2026年,高新技术企业达到500家,力争突破550家;技术合同成交额达到12亿元;研发投入强度达到2.1%。
三、重点任务
(一)每年新增省级孵化器2家以上。
某某市科学技术局
2024年3月1日
"""

TARGETS = """\
# our data: keep this comment
regions:
  mycity: {name: 某某市, aliases: [某某]}   # the city
indicators:
  hitech_firms: {name: 高新技术企业数量, unit: 家, direction: up, measure: stock, aliases: [高新技术企业]}
  tech_deals: {name: 技术合同成交额, unit: 万元, direction: up, measure: flow}

documents:
  plan-2024: {region: mycity, title: 方案, issued: "2024-03-01", file: plan.txt}

targets:
  - id: mycity-hitech-2026
    region: mycity
    indicator: hitech_firms
    kind: level
    comparator: ">="
    value: 500
    year: 2026
    source: {document: plan-2024, quote: 高新技术企业达到500家}
    # a comment inside the last target
"""


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def registry_of(tmp_path, text=TARGETS):
    return load_registry(write(tmp_path, "targets.yaml", text))


# --------------------------------------------------------------------------
# The YAML


def test_yaml_round_trips_and_keeps_text_exact(tmp_path):
    reg = registry_of(tmp_path)
    draft = extract_text(POLICY, reg, source_name="plan.txt")
    assert (draft.region, draft.document, draft.issued) == ("mycity", "plan-2024", "2024-03-01")
    data = yaml.safe_load(render_yaml(draft))
    by_ind = {t["indicator"]: t for t in data["targets"]}
    hitech = by_ind["hitech_firms"]
    assert (hitech["value"], hitech["stretch"], hitech["year"], hitech["comparator"]) == (500, 550, 2026, ">=")
    assert hitech["source"]["quote"] == "到2026年,高新技术企业达到500家,力争突破550家"
    assert hitech["source"]["quote"] in POLICY
    # 12亿元 in a 万元 indicator is 120000, exactly.
    assert by_ind["tech_deals"]["value"] == 120000
    # Every quote is verbatim; comparators are quoted strings.
    assert all(t["source"]["quote"] in POLICY for t in data["targets"])
    assert 'comparator: ">="' in render_yaml(draft)


def test_draft_validates_once_region_and_document_exist(tmp_path):
    draft = extract_text(POLICY, None, region="newcity")
    text = render_yaml(draft) + ("regions:\n  newcity: {name: 某某市}\n"
                                 f"documents:\n  {draft.document}: {{region: newcity, issued: \"2024-03-01\"}}\n")
    t = write(tmp_path, "draft.yaml", text)
    b = write(tmp_path, "base.csv", render_baselines_csv(draft, dated_only=True))
    _, problems = dataset.check(t, b)
    assert [p for p in problems if p.is_error] == []
    rows = b.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "region,indicator,period,value,unit,source,provisional,note"
    assert rows[1].startswith("newcity,") and ",2024-02,310,家," in rows[1]


def test_base_values_are_comments_in_the_yaml():
    text = render_yaml(extract_text(POLICY, None, region="newcity"))
    assert "#   newcity," in text and "310" in text
    assert "310" not in yaml.safe_dump(yaml.safe_load(text))


# --------------------------------------------------------------------------
# Reading files


def make_docx(paragraphs) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        "<w:p>" + "".join(f"<w:r><w:t>{run}</w:t></w:r>" for run in p) + "</w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def test_docx_paragraphs_and_runs():
    data = make_docx([["一、目标"], ["到2026年,", "高新技术企业", "达到500家。"]])
    assert docx_text(data) == "一、目标\n到2026年,高新技术企业达到500家。\n"


def test_cli_reads_gbk_and_docx_alike(run, tmp_path):
    reg = write(tmp_path, "targets.yaml", TARGETS)
    gbk = write(tmp_path, "plan_gbk.txt", POLICY, "gbk")
    docx = tmp_path / "plan.docx"
    docx.write_bytes(make_docx([[line] for line in POLICY.splitlines()]))
    outs = []
    for f in (gbk, docx):
        r = run("extract", f, "--targets", reg, "--region", "某某", "--document", "plan-2024",
                env={"POLICYGAP_LANG": "en"})
        assert r.exit_code == 0, r.stderr
        assert "targets drafted" in r.stderr
        outs.append(yaml.safe_load(r.stdout)["targets"])
    assert outs[0] == outs[1] and len(outs[0]) == 4


@pytest.mark.parametrize("name, data, message", [
    ("missing.txt", None, "no such file"),
    ("report.pdf", b"%PDF-1.4 ...", "cannot be read"),
    ("broken.docx", b"PK\x03\x04 not really", "not a readable .docx"),
])
def test_cli_unreadable_input_exits_2(run, tmp_path, name, data, message):
    p = tmp_path / name
    if data is not None:
        p.write_bytes(data)
    r = run("extract", p, env={"POLICYGAP_LANG": "en"})
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.stderr


def test_cli_merge_and_output_together_is_usage_error(run, tmp_path):
    p = write(tmp_path, "plan.txt", POLICY)
    r = run("extract", p, "--merge", tmp_path / "t.yaml", "-o", tmp_path / "o.yaml")
    assert r.exit_code == 2 and "--merge" in r.stderr


# --------------------------------------------------------------------------
# --merge


def test_merge_adds_without_touching_what_is_there(run, tmp_path):
    targets = write(tmp_path, "targets.yaml", TARGETS)
    plan = write(tmp_path, "plan.txt", POLICY)
    r = run("extract", plan, "--merge", targets, env={"POLICYGAP_LANG": "en"})
    assert r.exit_code == 0, r.stderr
    merged = targets.read_text(encoding="utf-8")
    # Everything that was there is there, in order, byte for byte.
    old_lines = TARGETS.splitlines()
    new_lines = merged.splitlines()
    it = iter(new_lines)
    assert all(any(line == n for n in it) for line in old_lines)
    assert "# a comment inside the last target" in merged and "# the city" in merged
    data = yaml.safe_load(merged)
    ids = [t["id"] for t in data["targets"]]
    assert ids[0] == "mycity-hitech-2026"
    # The 500家 target existed: not added again; its 550 stretch is the draft's business, not ours.
    assert sum(t["indicator"] == "hitech_firms" and t["kind"] == "level" for t in data["targets"]) == 1
    assert "already there, skipped" in r.stderr and "1 already there" in r.stderr
    _, problems = dataset.check(targets, write(tmp_path, "b.csv", "region,indicator,period,value\n"))
    assert [p for p in problems if p.is_error] == []
    # A second run adds nothing.
    r2 = run("extract", plan, "--merge", targets, env={"POLICYGAP_LANG": "en"})
    assert r2.exit_code == 0 and "added 0 targets" in r2.stderr
    assert targets.read_text(encoding="utf-8") == merged


def test_merge_into_empty_and_flow_sections(tmp_path):
    text = TARGETS.split("targets:")[0] + "targets: []\n"
    reg = registry_of(tmp_path, text)
    draft = extract_text(POLICY, reg, source_name="plan.txt")
    res = merge_text(text, draft, reg)
    data = yaml.safe_load(res.text)
    assert len(data["targets"]) == len(draft.targets) == len(res.added)


def test_merge_refuses_a_csv_section(tmp_path):
    from policygap.errors import PolicygapError

    text = TARGETS.split("targets:")[0] + "targets: targets.csv\n"
    write(tmp_path, "targets.csv", "id,region,indicator,kind,year\n")
    reg = registry_of(tmp_path, text)
    with pytest.raises(PolicygapError, match="table"):
        merge_text(text, extract_text(POLICY, reg, source_name="plan.txt"), reg)


# --------------------------------------------------------------------------
# The seeds, the gold lists and the benchmark


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_seed_draft_validates_after_adding_region_and_document(tmp_path, stem):
    need_seeds()
    path = next(p for p in SEED_FILES if p.name.startswith(stem))
    from policygap.extract import read_document

    draft = extract_text(read_document(path), load_registry(None), region=REGIONS[stem], source_name=path.name)
    assert draft.targets
    text = render_yaml(draft)
    # the region entries: the document's region and any region a relative
    # target is compared with
    named = [draft.region] + sorted({t.reference for t in draft.targets if t.reference} - {draft.region})
    text += "regions:\n" + "".join(f"  {r}: {{name: 地区{i}}}\n" for i, r in enumerate(named))
    text += f"documents:\n  {draft.document}: {{region: {draft.region}, issued: \"{draft.issued or 2017}\"}}\n"
    t = write(tmp_path, "draft.yaml", text)
    b = write(tmp_path, "base.csv", render_baselines_csv(draft, dated_only=True))
    _, problems = dataset.check(t, b)
    assert [str(p) for p in problems if p.is_error] == []
    original = path.read_text(encoding="utf-8")
    assert all(x.quote in original for x in draft.targets)


def test_cli_prints_a_reviewable_draft_of_seed_000(run):
    need_seeds()
    r = run("extract", SEEDS / "000_34f744930cc046b1.txt")
    assert r.exit_code == 0, r.stderr
    data = yaml.safe_load(r.stdout)
    hitech = [t for t in data["targets"] if t["indicator"] == "hitech_firms"]
    assert [(t["value"], t["year"]) for t in hitech] == [(600, 2025)]
    assert hitech[0]["source"]["quote"] == "高新技术企业达到600家"


def test_gold_lists_are_verbatim_and_well_formed():
    from policygap import units

    need_seeds()
    for gpath in sorted(GOLD.glob("*.yaml")):
        gold = yaml.safe_load(gpath.read_text(encoding="utf-8"))
        text = (SEEDS / gold["document"]).read_text(encoding="utf-8")
        assert gold["document"].startswith(gpath.stem)
        for t in gold["targets"]:
            assert t["quote"] in text, (gpath.name, t["quote"])
            assert t["kind"] in ("level", "growth_rate", "share", "increase", "annual", "rank", "relative",
                                 "multiple", "milestone")
            if t["value"] is not None and t["unit"] != "倍":
                assert units.is_known(t["unit"]), t["unit"]


def _benchmark():
    spec = importlib.util.spec_from_file_location("extract_quality", REPO / "benchmarks" / "extract_quality.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_benchmark_runs_and_reports_fractions():
    need_seeds()
    result = _benchmark().evaluate(SEEDS, GOLD)
    assert set(result["documents"]) == {p.stem for p in GOLD.glob("*.yaml")}
    for d in [*result["documents"].values(), result["overall"]]:
        assert 0 <= d["precision"] <= 1 and 0 <= d["recall"] <= 1
        assert d["found"] <= min(d["gold"], d["extracted"])


def test_benchmark_matching_converts_units():
    from decimal import Decimal

    bench = _benchmark()
    gold = [(Decimal(20), "亿元", 2025, "a"), (Decimal(60), "%", 2025, "b")]
    drafted = [(Decimal(200000), "万元", 2025, "x"), (Decimal(60), "%", 2024, "y"), (Decimal(60), "家", 2025, "z")]
    pairs, extra, missed = bench.score(drafted, gold)
    assert [p[1][3] for p in pairs] == ["a"]
    assert [e[3] for e in extra] == ["y", "z"] and [m[3] for m in missed] == ["b"]


def test_existing_target_found_by_value_or_by_quote():
    from decimal import Decimal

    from policygap.extract.draft import DraftTarget
    from policygap.extract.merge import existing_duplicate
    from policygap.extract.registry import ExistingTarget, Registry

    reg = Registry(targets=[
        ExistingTarget("a", "city", "firms", "increase", 2026, 500.0, "doc", "高企达到500家"),
        ExistingTarget("b", "city", "deals", "level", 2026, 12.0, "doc", "技术合同成交额达到12亿元"),
    ])

    def draft(indicator, kind, value, quote, year=2026):
        return DraftTarget("x", "city", indicator, "n", kind, ">=", Decimal(value), "家", year, quote, "一", "doc")

    assert existing_duplicate(draft("firms", "level", 500, "全市高企数量达到500家"), reg) == "a"  # kind aside
    assert existing_duplicate(draft("other", "level", 12, "到2026年,技术合同成交额达到12亿元"), reg) == "b"
    assert existing_duplicate(draft("other", "level", 12, "到2026年,技术合同成交额达到12亿元", 2025), reg) is None
    assert existing_duplicate(draft("firms", "level", 600, "高企达到600家"), reg) is None


REPORT = """某某县人民政府工作报告
一、2024年工作回顾
全年技术合同成交额2.6亿元,增长18%;新增高新技术企业15家,总数达到72家;地区生产总值同比增长6.1%。
主要指标
指标 | 单位 | 2024年 | 2026年
高新技术企业数 | 家 | 72 | 100
二、2025年主要目标
技术合同成交额达到3亿元,高新技术企业达到85家。
某某县人民政府
2025年2月20日
"""


def test_a_report_draft_with_its_base_values_validates(tmp_path):
    """What a year's review says of change (增长18%, 同比增长6.1%, 新增15家) is
    no level of an indicator; the same figure in the text and its table is
    one row; and no proposed indicator shares another's name. So the draft,
    finished as its header says, and its base values validate."""
    draft = extract_text(REPORT, None, region="newcounty")
    names = [ind.name for ind in draft.indicators.values()]
    assert len(names) == len(set(names))
    text = render_yaml(draft) + ("regions:\n  newcounty: {name: 某某县}\n"
                                 f"documents:\n  {draft.document}: {{region: newcounty, issued: \"2025-02-20\"}}\n")
    t = write(tmp_path, "draft.yaml", text)
    b = write(tmp_path, "base.csv", render_baselines_csv(draft, dated_only=True))
    _, problems = dataset.check(t, b)
    assert [str(p) for p in problems] == []
    rows = b.read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(r.split(",")[3] for r in rows) == ["2.6", "72"]


def test_extract_writes_over_no_file_it_should_not(run, tmp_path, monkeypatch):
    """In a workspace, --baselines-out onto the figures file it reads, the
    draft and the base values into one file, and -o onto a read-only file
    (even as root) are refused, exit 2, and each file is left as it was."""
    monkeypatch.chdir(tmp_path)
    assert run("init", "ws").exit_code == 0
    monkeypatch.chdir(tmp_path / "ws")
    plan = write(tmp_path / "ws", "plan.txt", POLICY)
    figures = (tmp_path / "ws" / "baselines.csv").read_bytes()
    r = run("extract", plan, "--region", "anshan", "-o", "d.yaml", "--baselines-out", "baselines.csv")
    assert r.exit_code == 2 and "[F022]" in r.stderr
    assert (tmp_path / "ws" / "baselines.csv").read_bytes() == figures
    r = run("extract", plan, "--region", "anshan", "-o", "x.yaml", "--baselines-out", "x.yaml")
    assert r.exit_code == 2 and "--baselines-out" in r.stderr and not (tmp_path / "ws" / "x.yaml").exists()
    locked = write(tmp_path / "ws", "locked.yaml", "targets: []\n")
    locked.chmod(0o444)
    r = run("extract", plan, "--region", "anshan", "-o", locked)
    assert r.exit_code == 2 and "[F035]" in r.stderr and locked.read_text() == "targets: []\n"


def test_a_drafts_indicator_keeps_the_names_the_registry_knows_it_by(tmp_path):
    """A draft made against the embedded data names 研发投入强度 with its other
    names: a second document saying 研发经费投入强度, read against the finished
    draft, finds the same indicator, not a new one."""
    first = extract_text("到2026年,研发投入强度达到2.5%。\n某某市科学技术局\n2024年3月1日\n", load_registry(None),
                         region="newcity")
    text = render_yaml(first) + ("regions:\n  newcity: {name: 某某市}\n"
                                 f"documents:\n  {first.document}: {{region: newcity, issued: \"2024-03-01\"}}\n")
    assert "研发经费投入强度" in text
    second = extract_text("到2027年,研发经费投入强度达到2.8%。\n某某市科学技术局\n2025年3月1日\n",
                          load_registry(write(tmp_path, "t.yaml", text)), region="newcity")
    assert [t.indicator for t in second.targets] == [first.targets[0].indicator] and not second.proposed


def test_a_reports_title_and_place_in_the_draft_header():
    d = extract_text("2025年青石县人民政府工作报告\n各位代表:\n今年,新增高新技术企业20家。\n青石县人民政府\n2025年2月20日\n",
                     None, region="qingshi")
    assert (d.region_name, d.title) == ("青石县", "2025年青石县人民政府工作报告")


def test_a_utf16_policy_text_is_told_to_be_saved_as_utf8_text(run, tmp_path):
    p = tmp_path / "plan.txt"
    p.write_bytes("到2026年,高新技术企业达到500家。".encode("utf-16"))
    r = run("extract", p, "--lang", "en")
    assert r.exit_code == 2 and "UTF-16" in r.stderr and "CSV" not in r.stderr, r.stderr


def test_merge_into_a_file_that_is_not_there_says_how_to_start_one(run, tmp_path):
    plan = write(tmp_path, "plan.txt", POLICY)
    r = run("extract", plan, "--merge", tmp_path / "nosuch.yaml", "--lang", "en")
    assert r.exit_code == 2 and "with -o " in r.stderr and not (tmp_path / "nosuch.yaml").exists(), r.stderr
