"""`policygap check`: the summary for cron, the exit code as the verdict,
--fail-on, --quiet, filters, machine formats of the failing rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import YEARLY_TARGETS
from test_text import AS_OF, KINDS_BASELINES, KINDS_STATUS, KINDS_TARGETS, kinds  # noqa: F401

FAILING_LINES = [
    "  a-level  高新技术企业数量  目标 ≥600家 (2025)  最新 495家 (2024-04)  完成进度 17.3% / 序时进度 44.4%  滞后",
    "  a-growth  全社会研发经费投入  目标 年均增长≥10% (2025)  最新 21亿元 (2023)  完成进度 15.1% / 序时进度 33.3% / 路径进度 30.2%  滞后",
    "  a-relative  研发投入强度  目标 >辽宁省（2.2%） (2025)  最新 1.8% (2023)  完成进度 20.0% / 序时进度 33.3%  滞后",
    "  a-missed  每万人口高价值发明专利拥有量  目标 ≥10件/万人 (2023)  最新 9件/万人 (2023)  "
    "完成进度 50.0% / 序时进度 100.0%  未完成",
    "  a-offtrack  引进人才数量  目标 ≥2,000人 (2025)  最新 1,050人 (2024-04)  完成进度 5.0% / 序时进度 44.4%  严重滞后",
]
ANSHAN_SUMMARY = "鞍山市：14个目标，已完成2个，快于序时1个，符合序时5个，滞后3个，严重滞后1个，未完成1个，无数据1个"


def test_summary_and_failing_targets(run, kinds):
    r = run("check", "--all", *kinds)
    assert r.exit_code == 1
    assert r.stderr == ""
    # statuses in the STATUSES order; zero counts left out (liaoning)
    assert r.stdout.splitlines() == [ANSHAN_SUMMARY, *FAILING_LINES, "辽宁省：1个目标，符合序时1个"]
    assert "\x1b[" not in r.stdout


def test_nothing_fails_exit_zero(run, kinds):
    r = run("check", "liaoning", *kinds)
    assert (r.exit_code, r.stdout, r.stderr) == (0, "辽宁省：1个目标，符合序时1个\n", "")


def test_embedded_anshan_hitech_is_behind(run):
    r = run("check", "anshan", "--as-of", "2024-06")
    assert r.exit_code == 1 and r.stderr == ""
    lines = r.stdout.splitlines()
    assert lines[0].startswith("鞍山市：") and "滞后" in lines[0]
    assert ("  anshan-hitech-firms-2025  高新技术企业数量  目标 ≥600家 (2025)  最新 495家 (2024-04)  "
            "完成进度 17.3% / 序时进度 44.4%  滞后") in lines


def test_english(run, kinds):
    r = run("check", "--all", "--lang", "en", *kinds)
    lines = r.stdout.splitlines()
    assert lines[0] == "Anshan: 14 targets, 2 achieved, 1 ahead, 5 on track, 3 behind, 1 off track, 1 missed, 1 no data"
    assert lines[1] == ("  a-level  high-tech enterprises  target ≥600家 (2025)  latest 495家 (2024-04)  "
                        "progress 17.3% / time elapsed 44.4%  behind")
    assert lines[-1] == "Liaoning: 1 target, 1 on track"


@pytest.mark.parametrize("fail_on, code, failing", [
    (["missed"], 1, ["a-missed"]),
    (["off_track,missed"], 1, ["a-missed", "a-offtrack"]),
    (["off_track", "--fail-on", "missed"], 1, ["a-missed", "a-offtrack"]),
    (["no_data"], 1, ["a-nodata"]),
    (["achieved"], 1, ["a-done", "a-achieved"]),
])
def test_fail_on(run, kinds, fail_on, code, failing):
    r = run("check", "anshan", "--fail-on", *fail_on, *kinds)
    assert r.exit_code == code and r.stderr == ""
    shown = [line.split()[0] for line in r.stdout.splitlines()[1:]]
    assert sorted(shown) == sorted(failing)


def test_fail_on_statuses_not_present_exit_zero(run, kinds):
    r = run("check", "liaoning", "--fail-on", "behind,off_track,missed,no_data", *kinds)
    assert r.exit_code == 0
    # on_track is present in liaoning: failing on it gives 1
    assert run("check", "liaoning", "--fail-on", "on_track", *kinds).exit_code == 1


def test_fail_on_unknown_status_is_usage_error(run, kinds):
    r = run("check", "anshan", "--fail-on", "late", *kinds)
    assert r.exit_code == 2 and r.stdout == ""
    assert "--fail-on" in r.stderr and "'late'" in r.stderr and "Traceback" not in r.stderr


def test_quiet_prints_nothing(run, kinds):
    r = run("check", "anshan", "--quiet", *kinds)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", "")
    r = run("check", "liaoning", "-q", *kinds)
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    r = run("check", "anshan", "--quiet", "--format", "json", *kinds)
    assert (r.exit_code, r.stdout) == (1, "")


def test_quiet_says_nothing_of_a_slip_that_check_alone_shows(run, data):
    """A total from January falling within its year is a warning every command
    shows on stderr; with --quiet, the exit code alone speaks (cron mails any
    output)."""
    from test_silent_cases import JUMP_TARGETS

    t, b = data(JUMP_TARGETS, "region,indicator,period,value,unit,source\n"
                              "x,contract,2025-06,1.05,亿元,x\nx,contract,2025-09,0.9,亿元,x\n")
    loud = run("check", "x", "--targets", t, "--baselines", b, "--as-of", "2025-10")
    assert "[O024]" in loud.stderr
    r = run("check", "x", "-q", "--targets", t, "--baselines", b, "--as-of", "2025-10")
    assert (r.exit_code, r.stdout, r.stderr) == (loud.exit_code, "", "")


def test_quiet_still_reports_errors(run, kinds, tmp_path):
    r = run("check", "anshn", "--quiet", "--lang", "en", *kinds)
    assert r.exit_code == 2 and r.stdout == ""
    assert "unknown region 'anshn'" in r.stderr
    r = run("check", "anshan", "--quiet", "--targets", tmp_path / "none.yaml")
    assert r.exit_code == 2 and "none.yaml" in r.stderr
    r = run("check", "anshan", "--quiet", "--format", "xlsx", *kinds)
    assert r.exit_code == 2 and "--output" in r.stderr


def test_quiet_with_output_writes_the_file(run, kinds, tmp_path):
    out = tmp_path / "failing.json"
    r = run("check", "anshan", "--quiet", "--format", "json", "-o", out, *kinds)
    assert (r.exit_code, r.stdout) == (1, "")
    ids = [x["target_id"] for x in json.loads(out.read_text(encoding="utf-8"))]
    assert ids == ["a-level", "a-growth", "a-relative", "a-missed", "a-offtrack"]


def test_machine_formats_give_failing_rows_in_status_fields(run, kinds):
    status_csv = run("status", "anshan", "--format", "csv", *kinds)
    r = run("check", "anshan", "--format", "csv", *kinds)
    assert r.exit_code == 1 and r.stderr == ""
    assert r.stdout.splitlines()[0] == status_csv.stdout.splitlines()[0]
    rows = r.csv_rows()
    assert [x["target_id"] for x in rows] == ["a-level", "a-growth", "a-relative", "a-missed", "a-offtrack"]
    # the same rows, byte for byte, as status writes them
    status_lines = status_csv.stdout_bytes.split(b"\r\n")
    check_lines = r.stdout_bytes.split(b"\r\n")
    assert len(check_lines) == 1 + 5 + 1  # header, five rows, nothing after the last CRLF
    for line in check_lines[1:-1]:
        assert line in status_lines

    j = run("check", "anshan", "--format", "json", *kinds)
    status_json = {x["target_id"]: x for x in run("status", "anshan", "--format", "json", *kinds).json()}
    assert j.exit_code == 1
    for rec in j.json():
        assert rec == status_json[rec["target_id"]]
        assert rec["status"] in ("behind", "off_track", "missed")


def test_machine_formats_with_nothing_failing(run, kinds):
    r = run("check", "liaoning", "--format", "json", *kinds)
    assert (r.exit_code, r.json()) == (0, [])
    r = run("check", "liaoning", "--format", "csv", *kinds)
    assert r.exit_code == 0 and r.stdout.startswith("region,target_id,") and r.stdout_bytes.count(b"\r\n") == 1
    r = run("check", "liaoning", "--format", "text", *kinds)
    assert (r.exit_code, r.stdout) == (0, "")


def test_text_format_gives_sentences_of_failing_targets(run, kinds):
    r = run("check", "anshan", "--format", "text", "--fail-on", "off_track", *kinds)
    assert r.exit_code == 1
    assert r.stdout == ("鞍山市\n引进人才数量：2025年目标2000人，现1050人（2024年4月），完成进度5.0%，"
                        "低于序时进度39.4个百分点，今后需年均增长47.2%。\n")


def test_filters(run, kinds):
    r = run("check", "--all", "--kind", "share", *kinds)
    assert r.exit_code == 0
    assert r.stdout.splitlines() == ["鞍山市：1个目标，快于序时1个", "辽宁省：1个目标，符合序时1个"]
    r = run("check", "--all", "--document", "doc-l", *kinds)
    assert r.stdout.splitlines() == ["鞍山市：0个目标", "辽宁省：1个目标，符合序时1个"]
    assert r.exit_code == 0
    r = run("check", "anshan", "--status", "off_track", *kinds)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == ["鞍山市：1个目标，严重滞后1个", FAILING_LINES[4]]
    r = run("check", "anshan", "--status", "achieved,ahead", *kinds)
    assert (r.exit_code, r.stdout) == (0, "鞍山市：3个目标，已完成2个，快于序时1个\n")
    r = run("check", "anshan", "--document", "nope", *kinds)
    assert r.exit_code == 2 and "--document" in r.stderr


def test_regions_in_the_order_given(run, kinds):
    r = run("check", "辽宁", "鞍山", "--fail-on", "missed", *kinds)
    lines = r.stdout.splitlines()
    assert lines[0] == "辽宁省：1个目标，符合序时1个"
    assert lines[1] == ANSHAN_SUMMARY
    assert len(lines) == 3 and lines[2].startswith("  a-missed  ")


def test_usage_errors(run, kinds):
    assert run("check", *kinds).exit_code == 2
    assert run("check", "anshan", "--all", *kinds).exit_code == 2
    r = run("check", "anshan", "--as-of", "2024-13", *kinds[:4])
    assert r.exit_code == 2 and "--as-of" in r.stderr


def test_statuses_of_the_data_set(run, kinds):
    """The fixture's statuses, which the summary counts above rely on."""
    got = {x["target_id"]: x["status"] for x in run("status", "--all", "--format", "json", *kinds).json()}
    assert got == KINDS_STATUS


@pytest.fixture
def kinds_env(data):
    t, b = data(KINDS_TARGETS, KINDS_BASELINES)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    env.update(POLICYGAP_TARGETS=str(t), POLICYGAP_BASELINES=str(b))
    return env


def shell(command, env):
    return subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=120)


def test_cron_line(kinds_env):
    """`policygap check REGION --quiet || notify` in a real shell, no TTY."""
    pg = f"{sys.executable} -m policygap"
    p = shell(f"{pg} check anshan --as-of {AS_OF} --quiet || echo notify", kinds_env)
    assert (p.returncode, p.stdout, p.stderr) == (0, "notify\n", "")
    p = shell(f"{pg} check liaoning --as-of {AS_OF} --quiet || echo notify", kinds_env)
    assert (p.returncode, p.stdout, p.stderr) == (0, "", "")
    # bad input also notifies, and says why on stderr
    p = shell(f"{pg} check nowhere --as-of {AS_OF} --quiet --lang en || echo notify $?", kinds_env)
    assert p.stdout == "notify 2\n"
    assert "unknown region 'nowhere'" in p.stderr and "Traceback" not in p.stderr


def test_cron_output_is_plain_even_when_colour_is_forced_off_or_on(kinds_env):
    pg = f"{sys.executable} -m policygap"
    plain = shell(f"{pg} check --all --as-of {AS_OF}", kinds_env)
    assert plain.returncode == 1 and plain.stderr == ""
    assert plain.stdout.splitlines()[0] == ANSHAN_SUMMARY
    for extra in ({"NO_COLOR": "1", "TERM": "dumb"}, {"TERM": "xterm-256color"}):
        p = shell(f"{pg} check --all --as-of {AS_OF}", {**kinds_env, **extra})
        assert p.stdout == plain.stdout and "\x1b[" not in p.stdout


CONFLICT_TARGETS = """\
regions:
  anshan: {name: 鞍山市}
indicators:
  rd_spending: {name: 全社会研发经费投入, unit: 亿元, direction: up, measure: flow}
documents:
  doc: {region: anshan, title: 方案, issued: "2022-03-01"}
targets:
  - {id: rd-growth, region: anshan, indicator: rd_spending, kind: growth_rate, comparator: ">=", value: 9, year: 2025,
     source: {document: doc, quote: 研发投入年均增长9%}}
  - {id: rd-level, region: anshan, indicator: rd_spending, kind: level, comparator: ">", value: 30, year: 2025,
     source: {document: doc, quote: 研发投入总量突破30亿元}}
"""
CONFLICT_BASELINES = """\
region,indicator,period,value,unit,source
anshan,rd_spending,2021,24.4,亿元,x
anshan,rd_spending,2023,31,亿元,x
"""


def test_cron_is_silent_when_the_data_only_has_warnings(data):
    """9% a year from 24.4 and 30 by 2025 disagree (a warning for `validate`);
    check still says nothing on stderr, and the verdict is the exit code."""
    t, b = data(CONFLICT_TARGETS, CONFLICT_BASELINES)
    env = {**os.environ, "POLICYGAP_TARGETS": str(t), "POLICYGAP_BASELINES": str(b)}
    p = shell(f"{sys.executable} -m policygap check anshan --as-of 2024-06", env)
    # rd-level: 2023's 31 > 30, but a flow's 2023 total is no 2025 total: (31 - 24.4)/(30 - 24.4) = 117.9%
    # against 2/4 = 50%: ahead. rd-growth: 24.4 * 1.09^4 = 34.44; (31 - 24.4)/(34.44 - 24.4) = 65.7%
    # against a compound 序时进度 of (1.09^2 - 1)/(1.09^4 - 1) = 45.7%: ahead
    assert (p.returncode, p.stderr) == (0, "")
    assert p.stdout == "鞍山市：2个目标，快于序时2个\n"


def test_a_failing_line_says_why_when_the_figures_do_not(run, data):
    """每年≥10人: 12 in 2024, 8 in 2025, 7 by June 2026 (70% of the year, 50%
    of time): the row fails for 2025, which its figures alone do not show."""
    rows = "region,indicator,period,value,unit,source\nx,trained,2024,12,人,x\nx,trained,2025,8,人,x\nx,trained,2026-06,7,人,x\n"
    t, b = data(YEARLY_TARGETS, rows)
    r = run("check", "x", "--targets", t, "--baselines", b, "--as-of", "2026-06", "--lang", "zh")
    assert r.exit_code == 1
    failing = [line for line in r.stdout.splitlines() if line.startswith("  yearly")]
    assert len(failing) == 1 and failing[0].endswith("未完成（往年未完成：2025）")
