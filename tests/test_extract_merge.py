"""`extract --merge` as an adversary would use it: two merges at once,
CRLF/GBK/BOM files, links, owner and mode, read-only files, YAML injection
through a document id or a file name, a file ending in `...`, results that
would not validate, a refused --baselines-out. And the drafts themselves:
following a draft's header gives a file `policygap validate` accepts."""

from __future__ import annotations

import fcntl
import functools
import os
import subprocess
import sys
import time

import pytest
import yaml

from conftest import REPO, SEEDS
from policygap import dataset
from policygap.errors import PolicygapError
from policygap.extract import extract_text, load_registry, merge_text, read_document, render_yaml
from policygap.extract.edit import open_for_edit
from policygap.extract.merge import split_lines
from policygap.extract.registry import Registry

POLICY = """关于推进科技创新的实施方案
二、主要目标
到2026年,高新技术企业达到500家;技术合同成交额达到12亿元;研发投入强度达到2.1%。
某某市科学技术局
2024年3月1日
"""

# The same small targets file as the extract tests (a comment to keep, a
# comment inside the last target).
from test_extract import TARGETS  # noqa: E402


# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")


def write(path, text, encoding="utf-8", newline="\n", bom=False):
    data = text.replace("\n", newline).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def make_files(tmp_path, targets=TARGETS, policy=POLICY, name="plan.txt", **kw):
    # not named setup: pytest 8.0 calls a module-level setup() itself, with the module
    t = write(tmp_path / "targets.yaml", targets, **kw)
    p = write(tmp_path / name, policy)
    return t, p


def errors_of(path):
    empty = path.parent / "empty-baselines.csv"
    empty.write_text("region,indicator,period,value\n", encoding="utf-8")
    _, problems = dataset.check(path, empty)
    return [str(p) for p in problems if p.is_error]


def is_subsequence(old: list, new: list) -> bool:
    it = iter(new)
    return all(any(line == n for n in it) for line in old)


def byte_lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


# --------------------------------------------------------------------------
# Nothing rewritten that the merge did not edit


@pytest.mark.parametrize("encoding, newline, bom", [
    ("utf-8", "\r\n", False), ("gbk", "\n", False), ("gbk", "\r\n", False), ("utf-8", "\n", True),
    ("utf-8", "\r\n", True),
])
def test_encoding_line_ends_and_bom_are_kept(run, tmp_path, encoding, newline, bom):
    t, p = make_files(tmp_path, encoding=encoding, newline=newline, bom=bom)
    before = t.read_bytes()
    r = run("extract", p, "--merge", t)
    assert r.exit_code == 0, r.stderr
    after = t.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") == bom
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            after.decode("utf-8")
        assert "tech_deals" in after.decode("gbk")
    # Every old line is there byte for byte, in order; new lines end as the old ones do.
    assert is_subsequence(byte_lines(before), byte_lines(after))
    assert len(byte_lines(after)) > len(byte_lines(before))
    ends = {line[-2:] == b"\r\n" for line in byte_lines(after)}
    assert ends == {newline == "\r\n"}
    assert errors_of(t) == []


def test_mixed_line_ends_stay_as_they_were_and_no_final_newline_is_handled(tmp_path):
    text = TARGETS.replace("regions:\n", "regions:\r\n").rstrip("\n")  # one CRLF line, no final line end
    t, _ = make_files(tmp_path, targets=text)
    reg = load_registry(t)
    res = merge_text(text, extract_text(POLICY, reg, source_name="plan.txt"), reg)
    lines = split_lines(res.text)
    assert "regions:\r\n" in lines
    assert sum(line.endswith("\r\n") for line in lines) == 1  # the commonest end (\n) for new lines
    assert res.text.endswith("\n") and "# a comment inside the last target\n" in res.text


def test_a_symlink_stays_a_link_and_its_target_is_edited(run, tmp_path):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    t, p = make_files(real_dir)
    link = tmp_path / "targets.yaml"
    link.symlink_to(t)
    r = run("extract", p, "--merge", link)
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(t)
    assert "tech_deals" in t.read_text(encoding="utf-8").split("targets:")[1]


def test_a_hard_link_keeps_one_inode_with_the_new_text(run, tmp_path):
    t, p = make_files(tmp_path)
    other = tmp_path / "other-name.yaml"
    os.link(t, other)
    inode = t.stat().st_ino
    r = run("extract", p, "--merge", t)
    assert r.exit_code == 0, r.stderr
    assert t.stat().st_ino == other.stat().st_ino == inode and t.stat().st_nlink == 2
    assert other.read_bytes() == t.read_bytes() and b"tech_deals" in t.read_bytes().split(b"targets:")[1]


def test_mode_and_owner_are_kept(run, tmp_path):
    t, p = make_files(tmp_path)
    os.chmod(t, 0o640)
    root = os.geteuid() == 0
    if root:
        os.chown(t, 1234, 5678)
    r = run("extract", p, "--merge", t)
    assert r.exit_code == 0, r.stderr
    st = t.stat()
    assert st.st_mode & 0o7777 == 0o640
    if root:
        assert (st.st_uid, st.st_gid) == (1234, 5678)
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".part")]


def test_a_read_only_file_is_refused_and_unchanged(run, tmp_path):
    t, p = make_files(tmp_path)
    before = t.read_bytes()
    os.chmod(t, 0o444)
    r = run("extract", p, "--merge", t)
    assert r.exit_code == 2 and "read-only" in r.stderr and "Traceback" not in r.stderr
    assert t.read_bytes() == before


@pytest.mark.parametrize("what", ["a directory", "missing", "dangling link"])
def test_not_a_file_is_refused(run, tmp_path, what):
    _, p = make_files(tmp_path)
    target = tmp_path / "x.yaml"
    if what == "a directory":
        target.mkdir()
    elif what == "dangling link":
        target.symlink_to(tmp_path / "nowhere.yaml")
    r = run("extract", p, "--merge", target)
    assert r.exit_code == 2 and "x.yaml" in r.stderr and "Traceback" not in r.stderr


# --------------------------------------------------------------------------
# Injection: the added text comes from the YAML emitter


def test_a_document_id_and_a_file_name_cannot_inject_yaml(run, tmp_path):
    name = "plan\nregions: {evil: {name: x}}\n#.txt"
    t, p = make_files(tmp_path, name=name)
    doc = "[oops"
    r = run("extract", p, "--merge", t, "--document", doc)
    assert r.exit_code == 0, r.stderr
    data = yaml.safe_load(t.read_text(encoding="utf-8"))
    assert set(data["regions"]) == {"mycity"}
    assert data["documents"][doc]["file"] == name
    assert all(x["source"]["document"] == doc for x in data["targets"][1:])
    assert errors_of(t) == []


@pytest.mark.parametrize("doc", ["x: y", "a #b", "'q'", '"dq"', "- item", "&anchor", "*alias", "!tag", "%dir",
                                 "line\nbreak", "tab\there", "\u2028sep", "...", "---", "NO", "2024"])
def test_odd_document_ids_read_back_exactly(tmp_path, doc):
    t, _ = make_files(tmp_path)
    reg = load_registry(t)
    res = merge_text(TARGETS, extract_text(POLICY, reg, document=doc, source_name="other.txt"), reg)
    data = yaml.safe_load(res.text)
    assert doc in data["documents"]
    assert {x["source"]["document"] for x in data["targets"][1:]} == {doc}


def test_a_file_ending_in_document_end_marker(tmp_path):
    text = TARGETS.split("documents:")[0] + "...\n"  # no documents, no targets, then `...`
    t, _ = make_files(tmp_path, targets=text)
    reg = load_registry(t)
    res = merge_text(text, extract_text(POLICY, reg, document="d1", source_name="p.txt"), reg)
    assert res.text.endswith("...\n")  # still the last line
    data = yaml.safe_load(res.text)
    assert set(data) == {"regions", "indicators", "documents", "targets"} and len(data["targets"]) == 3


def test_sections_indented_otherwise_and_a_list_at_the_margin(tmp_path):
    text = ("regions:\n    mycity: {name: 某某市}\nindicators:\n    hitech_firms: {name: 高新技术企业, unit: 家}\n"
            "    tech_deals: {name: 技术合同成交额, unit: 万元, measure: flow}\n"
            "documents: {}   # none yet\ntargets:\n- id: old\n  region: mycity\n  indicator: hitech_firms\n"
            "  kind: level\n  value: 1\n  year: 2030\n")
    t, _ = make_files(tmp_path, targets=text)
    reg = load_registry(t)
    res = merge_text(text, extract_text(POLICY, reg, region="mycity", source_name="p.txt"), reg)
    assert "documents:  # none yet\n" in res.text
    assert "\n- id: mycity-" in res.text  # list items at the margin, like the old one
    data = yaml.safe_load(res.text)
    assert [x["id"] for x in data["targets"]][0] == "old" and len(data["targets"]) == 4


def test_flow_sections_and_tables_are_refused(tmp_path):
    for section, words in (("targets: [{id: a}]", "flow style"), ("targets: targets.csv", "table")):
        text = TARGETS.split("targets:")[0] + section + "\n"
        write(tmp_path / "targets.csv", "id,region,indicator,kind,year\n")
        t, _ = make_files(tmp_path, targets=text)
        reg = load_registry(t)
        with pytest.raises(PolicygapError, match=words):
            merge_text(text, extract_text(POLICY, reg, source_name="plan.txt"), reg)


# --------------------------------------------------------------------------
# Validation first, the merge last


def test_a_result_that_would_not_validate_leaves_the_file_unchanged(run, tmp_path):
    bad = TARGETS.replace("    value: 500\n", "    value: 500\n    colour: red\n")  # an error already there?
    bad = TARGETS.replace("kind: level", "kind: levle")
    t, p = make_files(tmp_path, targets=bad)
    before = t.read_bytes()
    r = run("extract", p, "--merge", t)
    assert r.exit_code == 2 and "would not validate" in r.stderr and "already in the file" in r.stderr
    assert t.read_bytes() == before
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".part")]


def test_no_region_refuses_instead_of_writing_a_placeholder(run, tmp_path):
    t, p = make_files(tmp_path, policy=POLICY.replace("某某市", "别处"), name="other.txt")
    before = t.read_bytes()
    r = run("extract", p, "--merge", t)
    assert r.exit_code == 2 and "--region" in r.stderr
    assert t.read_bytes() == before
    r = run("extract", p, "--merge", t, "--region", "newtown")
    assert r.exit_code == 2 and "newtown" in r.stderr and "regions:" in r.stderr
    assert t.read_bytes() == before
    r = run("extract", p, "--merge", t, "--region", "mycity")
    assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize("where", ["the targets file", "a missing folder", "the policy text"])
def test_a_refused_baselines_out_comes_before_the_merge(run, tmp_path, where):
    t, p = make_files(tmp_path, policy=POLICY.replace("二、主要目标", "截至2023年底,全市共有高新技术企业310家。\n二、主要目标"))
    out = {"the targets file": t, "a missing folder": tmp_path / "no" / "b.csv", "the policy text": p}[where]
    before = t.read_bytes()
    r = run("extract", p, "--merge", t, "--baselines-out", out)
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert t.read_bytes() == before
    r = run("extract", p, "--merge", t, "--baselines-out", tmp_path / "b.csv")
    assert r.exit_code == 0 and (tmp_path / "b.csv").read_text(encoding="utf-8").count("\n") == 2


# --------------------------------------------------------------------------
# Two merges at once


def test_a_held_lock_makes_a_merge_wait_then_give_up(tmp_path):
    t, _ = make_files(tmp_path)
    with open(t, "rb+") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        started = time.monotonic()
        with pytest.raises(PolicygapError, match="another policygap run"):
            with open_for_edit(t, wait=0.3):
                pass
        assert time.monotonic() - started >= 0.3  # it waited
    with open_for_edit(t, wait=0.3) as edit:  # free again
        assert edit.text == TARGETS


def test_merges_run_at_once_lose_nothing(tmp_path):
    # Two processes, each adding its own document and target, started
    # together: without the lock both read the same file and the second
    # write loses the first one's target.
    t = write(tmp_path / "targets.yaml", TARGETS)
    texts = []
    # Prose before the target makes reading the text take a second or so,
    # inside the locked read-modify-write: long enough for the two to overlap.
    filler = "加强科技创新体系建设,推动产学研深度融合,完善科技成果转化机制。\n" * 3000
    for i in range(2):
        p = write(tmp_path / f"plan{i}.txt", filler + f"到{2030 + i}年,高新技术企业达到{700 + i}家。\n")
        texts.append(p)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-m", "policygap", "extract", str(p), "--merge", str(t),
                               "--region", "mycity", "--document", f"doc-{i}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for i, p in enumerate(texts)]
    outs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 2, [o[1].decode() for o in outs]
    data = yaml.safe_load(t.read_text(encoding="utf-8"))
    years = sorted(x["year"] for x in data["targets"])
    assert years == [2026, 2030, 2031]
    assert set(data["documents"]) == {"plan-2024", "doc-0", "doc-1"}
    assert errors_of(t) == []
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".part")]


# --------------------------------------------------------------------------
# The drafts are usable as they are


def follow_header(draft_text: str) -> str:
    """Do what the header says: add its regions and documents lines, with
    `#   ` deleted from each."""
    lines = draft_text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("# To use this draft"))
    added = []
    for line in lines[start + 1:]:
        if not line.startswith("#   "):
            break
        added.append(line[4:])
    assert added[0] == "regions:" and "documents:" in added
    return draft_text + "\n".join(added) + "\n"


def validates(tmp_path, text: str):
    t = tmp_path / "draft.yaml"
    t.write_text(text, encoding="utf-8")
    return errors_of(t)


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("registry", ["embedded", "none"])
def test_each_seed_draft_validates_by_following_its_header(tmp_path, stem, registry):
    paths = sorted(SEEDS.glob(f"{stem}_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip(f"seed documents not found in {SEEDS}")
    reg = load_registry(None) if registry == "embedded" else Registry()
    draft = extract_text(read_document(paths[0]), reg, source_name=paths[0].name)
    assert validates(tmp_path, follow_header(render_yaml(draft))) == []


ANNUAL_NO_DATE = """一、目标
每年新增省级孵化器2家以上,每年举办技术对接活动不少于20场。
2021年至2025年,累计引进科技人才1000名,技术合同成交额新增5亿元。
到2025年,高新技术企业达到300家,研发投入强度超过全省平均水平。
"""


def test_annual_targets_without_an_issue_date_get_a_first_year(tmp_path):
    reg = registry_with_parent(tmp_path)
    draft = extract_text(ANNUAL_NO_DATE, reg, region="town")
    assert draft.issued is None
    flows = [x for x in draft.targets if x.kind == "annual" or (x.kind == "increase" and x.counting == "flow")]
    assert flows and all(x.from_year is not None for x in flows)
    # 2021年至2025年 gives the first year of the increases counted to 2025
    assert {x.from_year for x in flows if x.kind == "increase"} == {2021}
    text = render_yaml(draft)
    assert validates(tmp_path, follow_header(text)) == []
    # the header names the region the relative target is compared with
    assert "#     province: {name: " in text


@pytest.mark.parametrize("text", ["没有目标的文字。\n", "到2025年,能耗控制在0.4吨标准煤以内。\n"])
def test_a_draft_with_no_target_validates_too(tmp_path, text):
    draft = extract_text(text, None)
    assert draft.targets == []
    assert validates(tmp_path, follow_header(render_yaml(draft))) == []


def test_a_december_document_dates_a_same_year_flow_target(tmp_path):
    text = "到2024年,技术合同成交额新增5亿元,每年举办活动不少于3场。\n某某县科学技术局\n2024年12月20日\n"
    draft = extract_text(text, None, region="county")
    assert draft.issued == "2024-12-20"
    assert validates(tmp_path, follow_header(render_yaml(draft))) == []


def test_the_missing_first_year_message_names_the_kind(tmp_path):
    text = ("regions:\n  r: {name: R}\nindicators:\n  i: {name: I, unit: 家, measure: stock}\n"
            "targets:\n  - {id: a, region: r, indicator: i, kind: annual, counting: stock, value: 2, year: 2025}\n")
    (msg,) = validates(tmp_path, text)
    assert "an annual target needs the first year counted" in msg and "flows" not in msg


def registry_with_parent(tmp_path):
    text = ("regions:\n  province: {name: 某省, aliases: [全省]}\n  town: {name: 某县, parent: province}\n"
            "indicators: {}\ntargets: []\n")
    return load_registry(write(tmp_path / "reg.yaml", text))


def test_sigterm_while_staged_removes_the_staged_file_and_keeps_the_old(tmp_path):
    import signal

    t, _ = make_files(tmp_path)
    before = t.read_bytes()
    with pytest.raises(SystemExit) as stopped:
        with open_for_edit(t) as edit:
            edit.stage(before + b"# half done\n")
            assert [f for f in os.listdir(tmp_path) if f.endswith(".part")]
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)  # the handler runs before this ends
    assert stopped.value.code == 128 + signal.SIGTERM
    assert t.read_bytes() == before and not [f for f in os.listdir(tmp_path) if f.endswith(".part")]
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


# --------------------------------------------------------------------------
# Any text in the fields the merge writes reads back as itself

from hypothesis import given, settings, strategies as st  # noqa: E402

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


# quick by default; POLICYGAP_FUZZ_EXAMPLES=2000 for a long hunt
@settings(max_examples=int(os.environ.get("POLICYGAP_FUZZ_EXAMPLES", "15")), deadline=None)
@given(doc=_TEXT, source=_TEXT, quote=_TEXT, title=_TEXT)
def test_any_document_id_file_name_quote_or_title_reads_back_exactly(doc, source, quote, title):
    from dataclasses import replace

    from hypothesis import assume

    assume(doc != "plan-2024")
    reg, first = _registry()
    draft = replace(first, document=doc, source=source, title=title,
                    targets=[replace(x, document=doc, quote=quote + x.quote) for x in first.targets])
    res = merge_text(TARGETS, draft, reg)
    data = yaml.safe_load(res.text)
    # "-" is standard input: a text read from a pipe names no file
    where = {} if source == "-" else {"file": source}
    assert data["documents"][doc] == {"region": "mycity", "title": title, "issued": "2024-03-01", **where}
    assert [x["source"]["quote"] for x in data["targets"][1:]] == [x.quote for x in draft.targets
                                                                     if x.id in res.added]
    assert data["regions"] == {"mycity": {"name": "某某市", "aliases": ["某某"]}}


@functools.cache
def _registry():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        reg = load_registry(write(Path(d) / "targets.yaml", TARGETS))
    return reg, extract_text(POLICY, reg, document="d", source_name="p.txt")



def test_a_file_whose_regions_are_a_csv_table_is_merged_and_checked_with_it(run, tmp_path):
    write(tmp_path / "regions.csv", "id,name,aliases\nmycity,某某市,某某\n")
    text = TARGETS.replace("regions:\n  mycity: {name: 某某市, aliases: [某某]}   # the city\n", "regions: regions.csv\n")
    t, p = make_files(tmp_path, targets=text)
    r = run("extract", p, "--merge", t)
    assert r.exit_code == 0, r.stderr
    assert "regions: regions.csv\n" in t.read_text(encoding="utf-8") and errors_of(t) == []


# --------------------------------------------------------------------------
# Another document's target is another commitment; a target skipped is named

TWO_PLANS = """\
regions:
  mycity: {name: 某某市, aliases: [某某]}
indicators:
  tech_smes: {name: 科技型中小企业数量, unit: 家, measure: stock}
  hitech_firms: {name: 高新技术企业数量, unit: 家, measure: stock}
documents:
  old-plan: {region: mycity, title: 旧方案, issued: "2022-04-01"}
  new-plan: {region: mycity, title: 新方案, issued: "2024-03-01", file: plan.txt}
targets:
  - id: old-smes-double
    region: mycity
    indicator: tech_smes
    kind: multiple
    value: 2
    year: 2026
    source: {document: old-plan, quote: 科技型中小企业数量翻一番}
  - id: old-hitech
    region: mycity
    indicator: hitech_firms
    kind: level
    value: 500
    year: 2026
    source: {document: old-plan, quote: 高企达到500家}
"""

NEW_PLAN = """关于推进科技创新的实施方案
二、主要目标
到2026年,科技型中小企业数量实现翻番,高新技术企业达到500家。
某某市科学技术局
2024年3月1日
"""


def test_another_documents_target_with_the_same_figure_is_added(tmp_path):
    reg = load_registry(write(tmp_path / "targets.yaml", TWO_PLANS))
    draft = extract_text(NEW_PLAN, reg, source_name="plan.txt")
    assert draft.document == "new-plan"
    res = merge_text(TWO_PLANS, draft, reg)
    # The new plan's 翻番 (from its own base) and its 500家 are its own commitments.
    assert res.duplicates == [] and len(res.added) == 2
    added = [t for t in yaml.safe_load(res.text)["targets"] if t["id"] in res.added]
    assert sorted((t["indicator"], t["kind"], t["source"]["document"]) for t in added) == [
        ("hitech_firms", "level", "new-plan"), ("tech_smes", "multiple", "new-plan")]


def test_a_target_skipped_is_named_with_the_one_it_matched(run, tmp_path):
    t, p = make_files(tmp_path, targets=TWO_PLANS, policy=NEW_PLAN)
    assert run("extract", p, "--merge", t).exit_code == 0
    merged = t.read_text(encoding="utf-8")
    ids = {x["indicator"]: x["id"] for x in yaml.safe_load(merged)["targets"]
           if x["source"]["document"] == "new-plan"}
    r = run("extract", p, "--merge", t)
    assert r.exit_code == 0 and "added 0 targets" in r.stderr and "2 already there" in r.stderr
    assert t.read_text(encoding="utf-8") == merged
    lines = [line for line in r.stderr.splitlines() if "not added" in line]
    assert len(lines) == 2
    for indicator, existing in ids.items():
        assert any(indicator in line and existing in line and "new-plan" in line for line in lines), lines


def test_the_same_document_with_another_base_is_another_commitment(tmp_path):
    text = TWO_PLANS.replace("    source: {document: old-plan, quote: 科技型中小企业数量翻一番}",
                             "    base: {period: \"2020\"}\n    source: {document: new-plan, quote: 科技型中小企业翻一番}")
    reg = load_registry(write(tmp_path / "targets.yaml", text))
    again = extract_text(NEW_PLAN.replace("实现翻番", "比2023年翻一番"), reg, source_name="plan.txt")
    (smes,) = [x for x in again.targets if x.indicator == "tech_smes"]
    assert smes.base_period == "2023"
    assert merge_text(text, again, reg).duplicates == []
    same_base = extract_text(NEW_PLAN.replace("实现翻番", "比2020年翻一番"), reg, source_name="plan.txt")
    assert [d[1] for d in merge_text(text, same_base, reg).duplicates] == ["old-smes-double"]


def test_a_target_with_no_document_and_the_same_figure_is_taken_as_this_one(tmp_path):
    text = TWO_PLANS.replace("    source: {document: old-plan, quote: 高企达到500家}\n", "")
    reg = load_registry(write(tmp_path / "targets.yaml", text))
    res = merge_text(text, extract_text(NEW_PLAN, reg, source_name="plan.txt"), reg)
    assert [d[1] for d in res.duplicates] == ["old-hitech"]
    assert any("old-hitech" in w and "no document" in w for w in res.skipped)


def test_a_second_merge_into_a_document_without_an_issue_date_adds_nothing(run, tmp_path):
    """The document entry a merge writes has no issued: date (read back as a
    missing value): a second run named each target it skipped (it crashed)."""
    plan = tmp_path / "方案2.txt"
    plan.write_text("到2027年，全县高新技术企业达到150家，技术合同成交额达到5亿元。\n", encoding="utf-8")
    merged = tmp_path / "m.yaml"
    merged.write_text((REPO / "data" / "targets.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    first = run("extract", plan, "--merge", merged, "--region", "anshan")
    assert first.exit_code == 0, first.stderr
    before = merged.read_bytes()
    second = run("extract", plan, "--merge", merged, "--region", "anshan")
    assert second.exit_code == 0, second.stderr
    assert merged.read_bytes() == before
    assert sum("not added" in line for line in second.stderr.splitlines()) == 2
    assert "warning" not in second.stderr
    assert run("extract", plan, "--targets", merged, "--region", "anshan").exit_code == 0


def test_another_file_with_the_same_figures_gets_a_document_of_its_own(run, tmp_path):
    """Two plans of one region and year: the second is drafted under a
    document id of its own (anshan-2027-2), so its targets are added, not
    taken for the first plan's."""
    first, second = tmp_path / "方案2.txt", tmp_path / "另一文件.txt"
    first.write_text("到2027年，全县高新技术企业达到150家，技术合同成交额达到5亿元。\n", encoding="utf-8")
    second.write_text("某县“十五五”科技创新规划\n到2027年，全县高新技术企业达到150家，技术合同成交额达到5亿元。\n",
                      encoding="utf-8")
    merged = tmp_path / "m.yaml"
    merged.write_text((REPO / "data" / "targets.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run("extract", first, "--merge", merged, "--region", "anshan").exit_code == 0
    r = run("extract", second, "--merge", merged, "--region", "anshan")
    assert r.exit_code == 0, r.stderr
    text = merged.read_text(encoding="utf-8")
    assert "anshan-2027-2:" in text and text.count("document: anshan-2027-2") == 2
    assert "not added" not in r.stderr
    assert run("validate", "--targets", merged).exit_code in (0, 1)


def test_a_second_copy_of_the_same_document_adds_nothing(run, tmp_path):
    """方案.docx after 方案.txt (the same title and date): the same document,
    its targets already there, not a document 2 with every target again."""
    text = "某县科技创新行动方案\n到2027年，全县高新技术企业达到150家，技术合同成交额达到5亿元。\n某县人民政府\n2025年3月1日\n"
    first, second = tmp_path / "方案.txt", tmp_path / "方案副本.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    merged = tmp_path / "m.yaml"
    merged.write_text((REPO / "data" / "targets.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run("extract", first, "--merge", merged, "--region", "anshan").exit_code == 0
    before = merged.read_text(encoding="utf-8")
    r = run("extract", second, "--merge", merged, "--region", "anshan")
    assert r.exit_code == 0, r.stderr
    assert merged.read_text(encoding="utf-8") == before and "anshan-2025-2" not in before
