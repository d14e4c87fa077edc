"""Hostile and careless input: a wrong figure never shown as right, nothing
hangs, and every mistake is a clear message with exit code 2 (never a
traceback or exit 70).

The hand arithmetic is in each test: the figure the planner meant, and why
the one policygap would otherwise read is wrong.
"""

from __future__ import annotations

import difflib
import os
import stat
import subprocess
import sys
import threading

import pytest

from conftest import MINI_BASELINES, MINI_TARGETS, plain


# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")



HEADER = "region,indicator,period,value,unit,source\n"


def _status_json(run, t, b):
    r = run("status", "anshan", "--as-of", "2024-06", "--format", "json", "--targets", t, "--baselines", b)
    return r, (r.json() if r.exit_code == 0 else None)


# --------------------------------------------------------------------------
# Rows wider than the header, and columns that look like numbers


def test_rows_that_all_end_in_a_comma_are_errors_not_shifted(run, data):
    """473 and 495 are the figures; read with every cell shifted one column
    left, the value column would be empty and both rows dropped as blank, and
    validate would say 0 errors over no data at all."""
    t, b = data(baselines="region,indicator,period,value\nanshan,hitech_firms,2022,473,\n"
                          "anshan,hitech_firms,2024-04,495,\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert [line.split(": ", 1)[0] for line in r.stderr.splitlines()[:2]] == [f"{b}:2", f"{b}:3"]
    assert all("5 fields, but the header has 4" in line for line in r.stderr.splitlines()[:2])
    r = run("check", "--all", "--targets", t, "--baselines", b)
    assert r.exit_code == 2 and r.stdout == ""


def test_unquoted_thousands_on_every_row_are_errors(run, data):
    """1,300 unquoted is 1 and 300 in two columns: every row is F013."""
    t, b = data(baselines="region,indicator,period,value\nanshan,hitech_firms,2022,1,300\n"
                          "anshan,hitech_firms,2024-04,1,495\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert sum("5 fields, but the header has 4" in line for line in r.stderr.splitlines()) == 2


def test_one_very_wide_row_is_refused_at_once(run, data):
    """A row of 500,000 fields under a 4-column header (1 MB): pandas alone
    would build 500,000 columns before complaining (seconds, gigabytes)."""
    t, b = data(baselines="region,indicator,period,value\n" + "a," * 500_000 + "\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert plain(r.stderr.splitlines()[0]).startswith(f"{b}:2: 500001 fields, but the header has 4")


def test_one_odd_period_does_not_turn_the_other_years_into_numbers(run, data):
    """2022, 2024 and one 2025.06: only line 4 is wrong. Read as numbers, the
    years would print as 2022.0 and be called errors too."""
    t, b = data(baselines=HEADER + "anshan,hitech_firms,2022,473,家,x\nanshan,hitech_firms,2024,495,家,x\n"
                                   "anshan,hitech_firms,2025.06,520,家,x\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    errors = [line for line in r.stderr.splitlines() if line.startswith(str(b))]
    assert len(errors) == 1 and errors[0].startswith(f"{b}:4:3: period: '2025.06'")


def test_a_magnitude_that_cannot_be_meant_is_refused(run, data):
    """68亿 in a 家 column is 6,800,000,000 firms against a goal of 600: it
    would show 已完成 and a growth of thousands of percent. 万 stays (1.2万家
    is a real national count); 亿 on a count, or any magnitude on a % or a
    rank, is refused."""
    t, b = data(baselines=MINI_BASELINES.replace("2024-04,495,", "2024-04,68亿,"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert plain(r.stderr.splitlines()[0]) == f"{b}:3:4: value: '68亿': 亿 cannot scale a figure in 家; write the figure in 家"
    t, b = data(baselines=MINI_BASELINES.replace("2024-04,495,", "2024-04,1.2万,"))
    r = run("status", "anshan", "--as-of", "2024-06", "--format", "json", "--targets", t, "--baselines", b)
    assert r.exit_code == 0 and r.json()[0]["latest_value"] == 12000


def test_a_negative_count_is_a_warning(run, data):
    """−68 家 is no number of firms; it is read (a net change may be meant)
    but validate says so (exit 1: warnings only)."""
    t, b = data(baselines=MINI_BASELINES.replace("2024-04,495,", "2024-04,-68,"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 1
    assert plain(r.stderr.splitlines()[0]) == (
        f"{b}:3:4: value: warning: -68 is below zero, but hitech_firms counts 家: a count cannot be negative")


def test_a_rank_that_is_no_place_is_a_warning_on_every_command(run, data):
    """第0位, −3 or 2.5 is no place in a ranking: read, but said by validate
    and on stderr by status (a rank of 0 would read as a goal already met)."""
    head = MINI_TARGETS.replace("indicators:\n", "indicators:\n  rank: {name: 创新能力排名, unit: 位, direction: down}\n")
    t, b = data(head, MINI_BASELINES + "anshan,rank,2023,0,位,x\nanshan,rank,2024,2.5,位,x\nanshan,rank,2025,3,位,x\n")
    r = run("validate", "--targets", t, "--baselines", b, "--lang", "en")
    assert r.exit_code == 1
    said = [plain(x) for x in r.stderr.splitlines() if "[O026]" in x or "no place" in x]
    assert [x.split(": ", 1)[0] for x in said] == [f"{b}:4:4", f"{b}:5:4"], r.stderr
    assert "0 is no place in a ranking" in said[0] and "2.5 is no place" in said[1]
    s = run("status", "anshan", "--targets", t, "--baselines", b, "--lang", "en")
    assert sum("no place in a ranking" in x for x in s.stderr.splitlines()) == 2


# --------------------------------------------------------------------------
# Digits: only ASCII and full-width are digits


def test_superscript_footnote_mark_is_not_a_digit(run, data):
    """495¹ (figure 495, footnote 1) would read as 4951 after NFKC, beyond the
    goal of 600? No: 4951 >= 600, so the target would show 已完成. Refused."""
    t, b = data(baselines=MINI_BASELINES.replace("2024-04,495,", "2024-04,495¹,"))
    r, _ = _status_json(run, t, b)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.splitlines() == [
        f"{b}:3:4: value: '495¹': '¹' after the number looks like a footnote mark; write the figure alone "
        "(495) and the note in a note column [N007]"]


@pytest.mark.parametrize("cell, char", [("٤٩٥", "٤"), ("४९५", "४"), ("49①", "①"), ("4⁹5", "⁹"), ("49½", "½")])
def test_other_digit_forms_are_refused(run, data, cell, char):
    t, b = data(baselines=MINI_BASELINES.replace("2024-04,495,", f"2024-04,{cell},"))
    r, _ = _status_json(run, t, b)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines()[0].startswith(f"{b}:3:4: value: {cell!r}: ")
    assert repr(char) in plain(r.stderr).splitlines()[0]


def test_full_width_digits_are_read(run, data):
    """４９５ typed on a Chinese keyboard is 495: progress (495-473)/(600-473) = 22/127."""
    t, b = data(baselines=MINI_BASELINES.replace("2024-04,495,", "2024-04,４９５,"))
    r, rows = _status_json(run, t, b)
    assert r.exit_code == 0, r.stderr
    assert rows[0]["latest_value"] == 495
    assert rows[0]["progress"] == round(22 / 127, 4)  # 4 decimals of a fraction (docs/output-format.md)


def test_superscript_in_yaml_value_is_refused(run, data):
    """600² would read as 6002: a goal ten times the plan's."""
    t, b = data(targets=MINI_TARGETS.replace("value: 600", "value: 600²"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert f"{t}:14:12: targets[t1].value: '600²': '²' after the number looks like a footnote mark; write the " \
           "figure alone (600) and the note in a note column" in plain(r.stderr).splitlines()


@pytest.mark.parametrize("year, ok", [("２０２５", True), ("²⁰²⁵", False), ("٢٠٢٥", False)])
def test_year_digits(run, data, year, ok):
    t, b = data(targets=MINI_TARGETS.replace("year: 2025", f"year: {year}"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert "Traceback" not in r.stderr and "internal error" not in plain(r.stderr)
    if ok:
        assert r.exit_code == 0, r.stderr
    else:
        assert r.exit_code == 2
        assert f"{t}:15:11: targets[t1].year: {year!r} is not a year (write four digits, e.g. 2025)" in \
            plain(r.stderr).splitlines()


def test_superscript_milestone_year_is_an_error_not_a_crash(run, data):
    t, b = data(targets=MINI_TARGETS.replace("    year: 2025\n", "    year: 2025\n    milestones: {²⁰²⁴: 550}\n"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert f"{t}:16:18: targets[t1].milestones.²⁰²⁴: '²⁰²⁴' is not a year (write four digits, e.g. 2025)" in \
        plain(r.stderr).splitlines()


def test_numbers_module_directly():
    from policygap.numbers import NumberError, parse_value, plain_float

    assert parse_value("１,３００", None) == (1300.0, False)
    with pytest.raises(NumberError):
        parse_value("1³", None)
    assert plain_float("1_000") is None  # float() would read 1000; the careful parser decides
    assert plain_float(" 2e3 ") == 2000.0


# --------------------------------------------------------------------------
# Years: 1900-2200 everywhere, and the messages say so


@pytest.mark.parametrize("period, year", [("1800", 1800), ("2201-01", 2201), ("0001", 1)])
def test_periods_outside_the_years_are_refused_in_the_csv(run, data, period, year):
    t, b = data(baselines=MINI_BASELINES + f"anshan,hitech_firms,{period},500,家,x\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [f"{b}:4:3: period: {period!r}: the year {year} is outside the years "
                                     "policygap reads (1900–2200)"]


@pytest.mark.parametrize("year", ["1899", "2201"])
def test_target_years_outside_the_range_say_the_range(run, data, year):
    t, b = data(targets=MINI_TARGETS.replace("year: 2025", f"year: {year}"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert f"{t}:15:11: targets[t1].year: {year!r}: the year {year} is outside the years policygap reads " \
           "(1900–2200)" in plain(r.stderr).splitlines()


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001", "2201"])
def test_as_of_outside_the_years(run, data, as_of):
    t, b = data()
    r = run("status", "anshan", "--as-of", as_of, "--targets", t, "--baselines", b)
    assert r.exit_code == 2 and r.stdout == ""
    year = int(as_of[:4])
    assert plain(r.stderr).splitlines() == [f"--as-of: {as_of!r}: the year {year} is outside the years policygap "
                                     "reads (1900–2200)"]


def test_as_of_at_the_edges_of_the_range(run, data):
    t, b = data()
    for as_of in ("1900-01-01", "2200-12-31"):
        r = run("status", "anshan", "--as-of", as_of, "--format", "json", "--targets", t, "--baselines", b)
        assert r.exit_code == 0, (as_of, r.stderr)


# --------------------------------------------------------------------------
# required: bounded, and never Infinity or NaN


def test_required_reads_an_exponent_as_a_number(run):
    """1e3 → 2,000 in the three years to 2025: 2^(1/3) − 1 = 25.99% a year."""
    r = run("required", "1e3", "2000", "--from", "2022", "--to", "2025", "--format", "json")
    assert r.exit_code == 0 and round(r.json()["required_annual_growth"], 4) == 0.2599


@pytest.mark.parametrize("to", ["100000000", "1899", "2201"])
def test_required_to_outside_the_years_is_refused(run, to):
    r = run("required", "473", "600", "--from", "2022", "--to", to)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [f"--to: {to!r}: the year {int(to)} is outside the years policygap reads "
                                     "(1900–2200)"]


def test_required_to_the_last_year_is_a_bounded_path(run):
    """2022 -> 2200: 178 year ends, one row each."""
    r = run("required", "473", "600", "--from", "2022", "--to", "2200", "--format", "json")
    assert r.exit_code == 0
    assert len(r.json()["path"]) == 178


@pytest.mark.parametrize("base, goal, message", [
    ("1" + "0" * 400, "600", "BASE: '1{zeros}' is too large a figure to compute with (at most 10^15 in the "
                             "indicator's unit)"),
    ("473", "1" + "0" * 16, "TARGET: '1{zeros16}' is too large a figure to compute with (at most 10^15 in the "
                            "indicator's unit)"),
    ("0." + "0" * 12 + "1", "600", "BASE: '0.{zeros12}1' is too small a figure to compute with (0, or at least "
                                   "10^-9 in the indicator's unit)"),
    # written with an exponent: a number, too large (not a unit "e20" after 1)
    ("1e20", "80", "BASE: '1e20' is too large a figure to compute with (at most 10^15 in the indicator's unit)"),
    ("473", "1e16", "TARGET: '1e16' is too large a figure to compute with (at most 10^15 in the indicator's unit)"),
])
def test_required_huge_and_tiny_numbers_are_refused(run, base, goal, message):
    r = run("required", base, goal, "--from", "2022", "--to", "2025", "--format", "json")
    assert r.exit_code == 2 and r.stdout == ""
    expected = message.format(zeros="0" * 400, zeros16="0" * 16, zeros12="0" * 12)
    assert plain(r.stderr).splitlines() == [expected]


@pytest.mark.parametrize("start, growth", [
    # one month left: what is still needed this year, 10^24 − 1 (not annualised)
    ("2024-11", 1e24 - 1),
    # thirteen months: the steepest yearly rate there is, (10^24)^(12/13) − 1
    ("2023-11", 10 ** (24 * 12 / 13) - 1),
])
def test_required_at_the_limits_is_finite_json(run, start, growth):
    """10^-9 to 10^15, the extremes of a figure: finite; JSON carries numbers,
    no Infinity."""
    r = run("required", "0.000000001", "1" + "0" * 15, "--from", start, "--to", "2024", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert "Infinity" not in r.stdout and "NaN" not in r.stdout
    assert r.json()["required_annual_growth"] == pytest.approx(growth, rel=1e-9)


# --------------------------------------------------------------------------
# Figures out of range in the data files


@pytest.mark.parametrize("value, word", [("1e308", "large"), ("-1e308", "large"), ("1e16", "large"),
                                         ("1e-308", "small")])
def test_absurd_latest_value_is_refused_by_validate_and_status(run, data, value, word):
    t, b = data(baselines=MINI_BASELINES.replace("2024-04,495,", f"2024-04,{value},"))
    for command in (["validate"], ["status", "anshan", "--format", "json"]):
        r = run(*command, "--targets", t, "--baselines", b)
        assert r.exit_code == 2, command
        assert f"{b}:3:4: value: {value!r}: is too {word}" not in r.stderr  # no double colon
        assert f"{b}:3:4: value: {value!r} is too {word} a figure to compute with" in plain(r.stderr)


def test_the_largest_figure_is_assessed(run, data):
    """10^15 on 2024-04 against a goal of 600 from 473: achieved, all finite."""
    t, b = data(baselines=MINI_BASELINES.replace("2024-04,495,", "2024-04,1000000000000000,"))
    r, rows = _status_json(run, t, b)
    assert r.exit_code == 0, r.stderr
    assert rows[0]["status"] == "achieved"


def test_absurd_target_value_is_refused(run, data):
    t, b = data(targets=MINI_TARGETS.replace("value: 600", "value: 1e300"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert f"{t}:14:12: targets[t1].value: '1e300' is too large a figure to compute with (at most 10^15 in the " \
           "indicator's unit)" in plain(r.stderr).splitlines()


# --------------------------------------------------------------------------
# POLICYGAP_MAX_BYTES


@pytest.mark.parametrize("value", ["abc", "-1", "1e9", "²", "10 MB"])
def test_silly_max_bytes_is_an_error(run, data, value):
    t, b = data()
    r = run("validate", "--targets", t, "--baselines", b, env={"POLICYGAP_MAX_BYTES": value})
    assert r.exit_code == 2
    assert f"POLICYGAP_MAX_BYTES={value!r} is not a whole number of bytes (e.g. 1000000000 for about 1 GB)" in \
        plain(r.stderr).splitlines()


def test_enormous_max_bytes_means_no_limit(run, data):
    t, b = data()
    r = run("validate", "--targets", t, "--baselines", b, env={"POLICYGAP_MAX_BYTES": "9" * 40})
    assert r.exit_code == 0, r.stderr


# --------------------------------------------------------------------------
# Inputs that are not files


def _in_thread(fn, timeout=300):
    box = []
    thread = threading.Thread(target=lambda: box.append(fn()), daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "still waiting: the read blocks"
    return box[0]


def test_a_fifo_nobody_writes_to_reads_as_empty(run, data, tmp_path):
    t, _b = data()
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    r = _in_thread(lambda: run("validate", "--targets", t, "--baselines", fifo))
    assert r.exit_code == 2
    assert f"{fifo}:1: the observations file is empty; it needs a header row: " \
           "region,indicator,period,value,unit,source" in plain(r.stderr).splitlines()


def test_a_fifo_with_a_writer_is_read(run, data, tmp_path):
    t, b = data()
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)

    def writer():
        with open(fifo, "wb") as f:  # waits for the reader, as `<(cat b.csv)` does
            f.write(b.read_bytes())

    threading.Thread(target=writer, daemon=True).start()
    r = _in_thread(lambda: run("validate", "--targets", t, "--baselines", fifo))
    assert r.exit_code == 0, r.stderr


def test_a_device_is_refused_not_read(run, data):
    """/dev/zero never ends: it would be read up to the size limit (512 MB)."""
    t, _b = data()
    if not stat.S_ISCHR(os.stat("/dev/zero").st_mode):
        pytest.skip("no /dev/zero here")
    r = run("validate", "--targets", t, "--baselines", "/dev/zero")
    assert r.exit_code == 2
    assert "/dev/zero: is a device or socket, not a file; policygap reads files and pipes" in plain(r.stderr).splitlines()


# --------------------------------------------------------------------------
# "Did you mean": once per distinct value, only for the messages printed


@pytest.fixture
def count_suggestions(monkeypatch):
    calls = []
    real = difflib.get_close_matches

    def counting(word, possibilities, *args, **kwargs):
        calls.append(word)
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return calls


def _regions_yaml(n: int) -> str:
    lines = ["regions:"] + [f"  r{i:05d}: {{name: 地区{i}}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def test_unknown_regions_in_observations_are_looked_up_only_when_printed(run, tmp_path, count_suggestions):
    """2,000 rows, 2,000 different unknown regions, 3,000 regions defined:
    20 messages (then a count), so 20 searches, not 2,000."""
    t = tmp_path / "t.yaml"
    t.write_text(_regions_yaml(3000) + "indicators:\n  firms: {name: 企业, unit: 家}\ntargets:\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text(HEADER + "".join(f"nowhere{i},firms,2024,1,家,x\n" for i in range(2000)), encoding="utf-8")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    lines = plain(r.stderr).splitlines()
    assert sum(": region: unknown region" in x for x in lines) == 20
    assert f"{b}: region: … and 1,980 more rows with a problem in this column" in lines
    assert len(count_suggestions) == 20


def test_one_unknown_value_is_looked_up_once(run, tmp_path, count_suggestions):
    t = tmp_path / "t.yaml"
    t.write_text(_regions_yaml(300) + "indicators:\n  firms: {name: 企业, unit: 家}\ntargets:\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text(HEADER + "r00001,nofirms,2024,1,家,x\n" * 2, encoding="utf-8")  # the indicator, twice
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert r.stderr.count("unknown indicator 'nofirms' (did you mean 'firms'?)") == 2
    assert count_suggestions == ["nofirms"]


def test_unknown_regions_in_targets_are_capped_and_looked_up_once_each(run, tmp_path, count_suggestions):
    """A targets table of 500 rows naming 2 unknown regions: 20 listed, the
    rest counted; 2 searches."""
    t = tmp_path / "t.yaml"
    t.write_text(_regions_yaml(100) + "indicators:\n  firms: {name: 企业, unit: 家}\ntargets: targets.csv\n",
                 encoding="utf-8")
    rows = "".join(f"t{i},r0001{i % 2}x,firms,level,600,2025\n" for i in range(500))
    (tmp_path / "targets.csv").write_text("id,region,indicator,kind,value,year\n" + rows, encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text(HEADER, encoding="utf-8")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    lines = plain(r.stderr).splitlines()
    listed = [x for x in lines if ".region: unknown region" in x]
    assert len(listed) == 20
    assert listed[0] == f"{tmp_path / 'targets.csv'}:2:2: targets[t0].region: unknown region 'r00010x' " \
                        "(did you mean 'r00010'?)"
    assert f"{tmp_path / 'targets.csv'}: region: … and 480 more targets with the same problem" in lines
    assert sorted(count_suggestions) == ["r00010x", "r00011x"]


def test_milestone_value_errors_are_capped(run, data):
    """30 figures of 2 for a milestone (done = 1, not yet = 0): 20 listed, 10 counted."""
    targets = MINI_TARGETS.replace(
        "targets:\n", "targets:\n  - {id: m1, region: anshan, indicator: park, kind: milestone, year: 2025}\n"
    ).replace("indicators:\n", "indicators:\n  park: {name: 园区建成, unit: 项}\n")
    rows = "".join(f"anshan,park,{1990 + i},2,项,x\n" for i in range(30))
    t, b = data(targets=targets, baselines=MINI_BASELINES + rows)
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    lines = plain(r.stderr).splitlines()
    listed = [x for x in lines if "is a milestone" in x]
    assert len(listed) == 20
    assert listed[0] == f"{b}:4: value: park is a milestone (done = 1, not yet = 0), not 2"
    assert f"{b}: value: … and 10 more rows with a problem in this column" in lines


# --------------------------------------------------------------------------
# Encodings


def test_utf8_then_gbk_names_the_line(run, data, tmp_path):
    t, b = data()
    b.write_bytes(HEADER.encode() + "鞍山,hitech_firms,2022,473,家,x\n".encode("utf-8")
                  + "鞍山,hitech_firms,2024-04,495,家,x\n".encode("gbk"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [
        f"{b}:3: this line is not UTF-8, but lines before it are: the file mixes two encodings (UTF-8 and "
        "GBK?); save it again as \"CSV UTF-8\""]


def test_gbk_then_utf8_names_the_line(run, data, tmp_path):
    t, b = data()
    b.write_bytes(HEADER.encode() + "鞍山,hitech_firms,2022,473,家,x\n".encode("gbk")
                  + b"anshan,hitech_firms,2023,480,x,x\n"
                  + "鞍山,hitech_firms,2024-04,495,家,x\n".encode("utf-8"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [
        f"{b}:4: this line is UTF-8, but lines before it are GBK: the file mixes two encodings; save it again "
        "as \"CSV UTF-8\""]


def test_a_gbk_character_that_is_also_utf8_is_not_called_mixed(run, data):
    """位 in GBK is CE BB, which is also UTF-8 (λ): a GBK file whose first
    Chinese is that one character is GBK, not a mixture."""
    t, b = data()
    b.write_bytes((HEADER + "anshan,hitech_firms,2022,473,位,x\n鞍山,hitech_firms,2024-04,495,家,x\n").encode("gbk"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert "mixes two encodings" not in plain(r.stderr)
    assert plain(r.stderr).splitlines() == [f"{b}:2:5: unit: unit '位' cannot be converted to the indicator's unit '家'"]


def test_a_whole_gbk_file_is_still_read(run, data):
    t, b = data(baselines=MINI_BASELINES.replace("anshan,", "鞍山,"), encoding="gbk")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_line_ends_of_cr_alone_are_read_as_lf(run, data, encoding):
    """An old Mac "CSV (Macintosh)": every line ends in CR alone. It reads as
    the same file with LF."""
    lf = MINI_BASELINES.replace("anshan,", "鞍山,").encode(encoding)
    t, b = data(baselines=lf.replace(b"\n", b"\r"))
    args = ("status", "鞍山", "--targets", t, "--baselines", b, "-f", "csv", "--as-of", "2025-06")
    r = run(*args)
    assert r.exit_code == 0, r.stderr
    b.write_bytes(lf)
    assert r.stdout == run(*args).stdout


def test_a_bad_row_in_a_file_of_cr_line_ends_is_named_by_its_line(run, data):
    lines = MINI_BASELINES.splitlines()
    lines[2] = lines[2].replace(",", ",1,", 1)  # line 3: a field too many
    t, b = data(baselines=("\r".join(lines) + "\r").encode())
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2 and plain(r.stderr).startswith(f"{b}:3:"), r.stderr


@pytest.mark.parametrize("word", ["—", "-", "/", "无", "暂无", "N/A"])
def test_a_department_writing_no_figure_yet_is_a_blank_value(run, data, word):
    """—, /, 无 in 数值: no figure yet, skipped like a blank (not an error that
    stops every command); anything else still names its cell."""
    lines = MINI_BASELINES.splitlines()
    head, first = lines[0], lines[1].split(",")
    first[3] = word
    t, b = data(baselines="\n".join([head, ",".join(first), *lines[2:]]) + "\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 0, r.stderr
    first[3] = "缺"
    t, b = data(baselines="\n".join([head, ",".join(first), *lines[2:]]) + "\n")
    bad = run("validate", "--targets", t, "--baselines", b)
    assert bad.exit_code == 2 and f"{b}:2:4: value:" in plain(bad.stderr)


def test_c1_control_in_csv_is_refused(run, data):
    t, b = data(baselines=MINI_BASELINES.replace(",news", ",ne\u009bws"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [f"{b}:3: contains the control character '\\x9b'; is it a text file? "
                                     "(save it as CSV UTF-8)"]


# --------------------------------------------------------------------------
# Terminal escape sequences from YAML escapes: shown, never obeyed

ESCAPING = MINI_TARGETS.replace("name: 鞍山市", 'name: "鞍山\\e]0;owned\\a市"').replace(
    "quote: 高新技术企业达到600家", 'quote: "\\e[2J高新技术企业达到600家"').replace(
    "  - id: t1", '  - id: "t1\\e[31m"')


@pytest.mark.parametrize("args", [
    ["status", "anshan", "--as-of", "2024-06"],
    ["status", "anshan", "--as-of", "2024-06", "--format", "text"],
    ["check", "anshan", "--as-of", "2024-06"],
    ["targets", "anshan"],
    ["regions", "--format", "csv"],
    ["explain", "anshan", "t1\x1b[31m", "--as-of", "2024-06"],
])
def test_escape_sequences_are_shown_escaped(run, data, args):
    t, b = data(targets=ESCAPING)
    r = run(*args, "--targets", t, "--baselines", b, env={"POLICYGAP_LANG": "zh"})  # the Chinese names shown
    assert r.exit_code in (0, 1, 2), r.stderr
    for stream in (r.stdout, r.stderr):
        assert "\x1b" not in stream and "\x07" not in stream
    assert "␛" in r.stdout + r.stderr  # shown as the picture of ESC


def test_escape_sequences_in_messages_are_shown_escaped(run, data, tmp_path):
    t, b = data(targets=MINI_TARGETS.replace("indicator: hitech_firms\n    kind", 'indicator: "\\e]0;x\\a"\n    kind'))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert "\x1b" not in r.stderr and "\x07" not in plain(r.stderr)
    assert f"{t}:11:16: targets[t1].indicator: unknown indicator '␛]0;x␇'" in plain(r.stderr).splitlines()
    # a file name with an escape in it, named in a message
    odd = tmp_path / "a\x1b[2Jb.yaml"
    r = run("validate", "--targets", odd, "--baselines", b)
    assert r.exit_code == 2 and "\x1b" not in plain(r.stderr)
    assert "a␛[2Jb.yaml: no such file" in plain(r.stderr)


# --------------------------------------------------------------------------
# The real process: nothing but policygap's own words on stderr


def test_no_numpy_warning_reaches_stderr(tmp_path):
    """A base of 0 (growth from nothing), a negative base, a goal equal to the
    base: quotients numpy warns about; the planner sees the table and
    policygap's own warning only."""
    (tmp_path / "t.yaml").write_text(
        MINI_TARGETS
        + '  - {id: t2, region: anshan, indicator: hitech_firms, kind: level, value: 473, year: 2025, '
          'base: {period: "2022"}}\n'
        + '  - {id: t3, region: anshan, indicator: hitech_firms, kind: growth_rate, value: 9, year: 2025, '
          'base: {period: "2022"}}\n', encoding="utf-8")
    (tmp_path / "b.csv").write_text(MINI_BASELINES.replace("2022,473", "2022,0").replace("2024-04,495", "2024-04,-5"),
                                    encoding="utf-8")
    for fmt in ("table",):
        p = subprocess.run([sys.executable, "-m", "policygap", "status", "anshan", "--as-of", "2024-06", "--format",
                            fmt, "--targets", "t.yaml", "--baselines", "b.csv"], cwd=tmp_path, capture_output=True,
                           text=True, timeout=120, env={**os.environ, "PYTHONWARNINGS": "default"})
        assert p.returncode == 0, p.stderr
        # only policygap's own word on the count below zero (−5 家), shown by every command
        assert [line.rsplit(" ", 1)[-1] for line in p.stderr.splitlines()] == ["[O021]"], p.stderr


def test_a_utf16_targets_file_is_told_to_be_saved_as_utf8_not_csv(run, data):
    """The CSV advice (save as "CSV UTF-8") is for the figures; a YAML file in
    UTF-16 is saved again as UTF-8."""
    t, b = data()
    t.write_bytes(t.read_text(encoding="utf-8").encode("utf-16"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert plain(r.stderr.splitlines()[0]) == f"{t}: is UTF-16 text; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)"


@pytest.mark.parametrize("content, code", [(b"regions:\x00\x01", "F040"), (b"PK\x03\x04rest", None),
                                           (b"\xd0\xcf\x11\xe0 old workbook", "F039"), (b"\xff\x80\xfe\x81", None)])
@pytest.mark.parametrize("command", ["validate", "extract"])
def test_a_binary_yaml_or_document_is_not_told_to_be_saved_as_csv(run, data, tmp_path, content, code, command):
    """Binary bytes where a targets file (YAML) or a policy text (.txt) was
    expected: saved again as UTF-8 text, not as "CSV UTF-8"."""
    if command == "validate":
        t, b = data()
        t.write_bytes(content)
        r = run("validate", "--targets", t, "--baselines", b)
    else:
        doc = tmp_path / "方案.txt"
        doc.write_bytes(content)
        r = run("extract", doc)
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert "CSV" not in r.stderr.splitlines()[0]
    if code and command == "validate":  # (extract names .doc/.wps/.pdf in its own words)
        assert f"[{code}]" in r.stderr


@pytest.mark.parametrize("sep, word", [(";", "semicolons"), ("\t", "tabs")])
def test_a_file_separated_by_something_else_says_so(run, data, sep, word):
    """Excel in some locales saves with semicolons; a copy from a web page
    has tabs: four 'missing column' errors alone do not say why."""
    t, b = data(baselines=sep.join(["region", "indicator", "period", "value"]) + "\n" +
                sep.join(["anshan", "hitech_firms", "2022", "473"]) + "\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    first = plain(r.stderr.splitlines()[0])
    assert first.startswith(f"{b}:1: region: missing column 'region'")
    assert first.endswith(f"(the columns are separated by {word}: save the file as \"CSV UTF-8\", which separates "
                          "them by commas)")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "x"])
def test_a_threshold_that_is_not_a_number_says_so(run, value):
    """float() takes nan and inf; a threshold of nan made every comparison
    false and was reported as a wrong order of thresholds."""
    r = run("status", "anshan", "--thresholds", f"on_track={value}")
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [f"--thresholds: '{value}' is not a number"]


@pytest.mark.parametrize("args", [
    ["status", "--" + "x" * 100_000],  # an unknown option
    ["status", "鞍" * 100_000],  # an unknown region
    ["explain", "anshan", "t" * 100_000],  # an unknown target
    ["status", "anshan", "--thresholds", "behind=" + "9" * 100_000 + "x"],
    ["status", "anshan", "--document", "d" * 100_000],
    ["required", "1", "2", "--from", "2022", "--to", "2025", "--unit", "元" * 100_000],
])
def test_a_huge_argument_is_quoted_by_its_start_only(run, args):
    """A message names what was typed by its first characters, not all of it."""
    r = run(*args)
    assert r.exit_code == 2 and r.stdout == ""
    assert "…" in r.stderr and len(r.stderr) < 2_000


@pytest.mark.parametrize("command", ["validate", "status"])
def test_a_header_of_a_hundred_thousand_commas_is_refused_at_once(run, data, command):
    """Every column costs a pass of its own: past 1,000 the header is refused
    before a row is read (it took minutes and gigabytes)."""
    import time

    t, b = data(MINI_TARGETS, "," * 100_000 + "\n" + "," * 100_000 + "\n")
    started = time.process_time()
    r = run(command, *(["anshan"] if command == "status" else []), "--targets", t, "--baselines", b)
    assert time.process_time() - started < 10
    assert r.exit_code == 2 and "[F037]" in r.stderr and "100,001" in r.stderr


def test_a_thousand_columns_are_still_read(run, data):
    """A spreadsheet's export with empty columns at the right reads as before."""
    extra = "," * 990
    t, b = data(MINI_TARGETS, MINI_BASELINES.replace("\n", extra + "\n"))
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code in (0, 1) and "[F037]" not in r.stderr


@pytest.mark.parametrize("cells", [("FALSE", "TRUE"), ("false", "true"), ("False", "True")])
def test_true_or_false_where_a_figure_belongs_is_an_error_not_0_or_1(run, data, cells):
    """A column of TRUE/FALSE asked of the parser as numbers would read as
    1/0 (a count of firms of 0, 严重滞后, in silence)."""
    rows = MINI_BASELINES + f"anshan,hitech_firms,2024-06,{cells[0]},家,x\nanshan,hitech_firms,2024-07,{cells[1]},家,x\n"
    t, b = data(baselines=rows)
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert f"'{cells[0]}'" in r.stderr and f"'{cells[1]}'" in r.stderr


@pytest.mark.parametrize("cell", ["2026-11", "2026/11/30", "2026年11月"])
def test_a_date_where_the_figure_goes_is_said_to_be_a_date(run, data, cell):
    t, b = data(baselines=MINI_BASELINES + f"anshan,hitech_firms,2024-06,{cell},家,x\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2 and "[N012]" in r.stderr and "unit" not in r.stderr.split("[N012]")[0].split("\n")[-1]


def test_a_figure_in_a_message_is_written_whole():
    """5e+06 and 1.23457e+06 are not the figures in the file."""
    from policygap.i18n import _, figure_text

    said = _("{value:g} and {other:g}").format(value=5e6, other=1234567.8)
    assert said == "5000000 and 1234567.8"
    assert [figure_text(x) for x in (0.1 + 0.2, 473.0, -2.5)] == ["0.3", "473", "-2.5"]


def test_a_slip_warning_names_a_large_figure_whole(run, data):
    t, b = data(baselines=MINI_BASELINES.replace("2024-04,495,", "2024-04,4950000,"))
    r = run("validate", "--targets", t, "--baselines", b, "--lang", "en")
    (line,) = [x for x in r.stderr.splitlines() if "[O022]" in x]
    assert "4950000 is" in line and "e+06" not in line, line
