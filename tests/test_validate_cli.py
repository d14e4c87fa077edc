"""`policygap validate` itself (exit codes, --strict, --quiet, the summary), the
reading rules and safety limits of the loaders, and files never lost."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import MINI_BASELINES, MINI_TARGETS, REPO


# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")

BAD = REPO / "tests" / "bad"
VALID_T = BAD / "valid" / "targets.yaml"
VALID_B = BAD / "valid" / "baselines.csv"


def validate(run, t, b, *extra, env=None):
    return run("validate", "--targets", t, "--baselines", b, *extra, env=env)


# --------------------------------------------------------------------------
# The command


def test_clean_files_exit_0_with_a_summary(run):
    r = validate(run, VALID_T, VALID_B)
    assert r.exit_code == 0
    assert r.stderr == ""
    assert r.stdout == (f"{VALID_T}: 12 targets, 4 regions, 8 indicators; {VALID_B}: 24 observations; "
                        "0 errors, 0 warnings\n")


def test_warnings_only_exit_1(run):
    r = validate(run, BAD / "own_key.yaml", VALID_B)
    assert r.exit_code == 1
    assert r.stderr.endswith("targets[anshan-hitech-firms-2025].responsible: warning: unknown key, ignored [T012]\n")
    assert r.stdout.endswith("0 errors, 1 warning\n")


def test_strict_makes_warnings_fail_with_2(run):
    r = validate(run, BAD / "own_key.yaml", VALID_B, "--strict")
    assert r.exit_code == 2
    assert "warning: unknown key, ignored" in r.stderr
    # Clean files stay clean under --strict.
    assert validate(run, VALID_T, VALID_B, "--strict").exit_code == 0


def test_errors_exit_2_and_are_counted(run):
    r = validate(run, VALID_T, BAD / "many_problems.csv")
    assert r.exit_code == 2
    assert len(r.stderr.splitlines()) == 3
    assert r.stdout.endswith("3 errors, 0 warnings\n")


def test_quiet_prints_errors_only(run):
    r = validate(run, BAD / "own_key.yaml", VALID_B, "--quiet")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", "")
    r = validate(run, VALID_T, BAD / "unknown_region.csv", "-q")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.endswith("region: unknown region 'anshn' (did you mean 'anshan'?) [V010]\n")


def test_environment_variables_name_the_files(run):
    r = run("validate", env={"POLICYGAP_TARGETS": str(BAD / "own_key.yaml"), "POLICYGAP_BASELINES": str(VALID_B)})
    assert r.exit_code == 1 and "own_key.yaml:38:5" in r.stderr


def test_embedded_data_validates(run):
    # No errors; the warnings are the documents' own disagreements, kept on
    # purpose (docs/data.md): 20 vs 20.3亿元, 25 vs 30项, 9%/yr vs 突破30亿.
    r = run("validate")
    assert r.exit_code == 1, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 3 and all(": warning: " in line for line in lines)
    assert run("validate", "--strict").exit_code == 2


def test_help_documents_exit_codes_and_strict(run):
    r = run("validate", "--help", env={"COLUMNS": "300"})
    text = " ".join(r.stdout.split())
    assert "--strict" in text and "warning gives exit code 2" in text
    assert "Exit code 0: no problem; 1: warnings only; 2: errors" in text


def test_missing_file_named_once(run, tmp_path):
    missing = tmp_path / "nope.yaml"
    r = validate(run, missing, VALID_B)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{missing}: no such file [F019]"


def test_directory_and_unreadable(run, tmp_path):
    # A folder is a set of figures files (docs/data.md); one without any is an error.
    r = validate(run, VALID_T, tmp_path)
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [f"{tmp_path}: a folder of figures, but it holds no .csv or .xlsx file [O016]"]
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.csv"
        locked.write_text("x")
        locked.chmod(0)
        r = validate(run, VALID_T, locked)
        assert r.stderr.splitlines() == [f"{locked}: permission denied"]


def test_targets_as_csv_is_explained(run):
    r = validate(run, VALID_B, VALID_B)
    assert r.exit_code == 2
    assert "a targets file is YAML; to keep targets in a table, name the CSV" in r.stderr


# --------------------------------------------------------------------------
# Never a traceback: the real console script in a subprocess


def _policygap(*args, env=None, input=None):
    return subprocess.run([sys.executable, "-m", "policygap", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, input=input, timeout=120)


@pytest.mark.parametrize("command,t,b", [
    ("validate", BAD / "alias_bomb.yaml", VALID_B),
    ("status", BAD / "syntax_indent.yaml", VALID_B),
    ("status", VALID_T, BAD / "utf16.csv"),
    ("regions", VALID_T, BAD / "unclosed_quote.csv"),
])
def test_console_script_bad_input(command, t, b):
    args = [command, "--targets", t, "--baselines", b] + (["--all"] if command == "status" else [])
    p = _policygap(*args)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr
    assert p.stderr.startswith(str(BAD))


def test_deep_nesting_refused_not_crashed(tmp_path):
    """PyYAML's C composer crashes the interpreter (SIGSEGV) on this; the
    loader refuses it before composing. Newer PyYAML releases stop at 1000
    levels on their own, at another column and in their own words; the
    message is policygap's either way (the column is where the refusal
    happened, so it is not pinned here)."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("regions: " + "[" * 100_000 + "]" * 100_000 + "\n")
    p = _policygap("validate", "--targets", deep, "--baselines", VALID_B)
    assert p.returncode == 2
    first = p.stderr.splitlines()[0]
    assert re.fullmatch(re.escape(f"{deep}:1:") + r"\d+: nested more than 64 levels deep; refused \[T001\]", first), first
    assert "Traceback" not in p.stderr


def test_oversized_file_refused(run, tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(VALID_B.read_bytes() * 10)
    size = big.stat().st_size
    r = validate(run, VALID_T, big, env={"POLICYGAP_MAX_BYTES": str(size - 1)})
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [f"{big}: file is {size:,} bytes, larger than the limit of {size - 1:,} "
                                     "(set POLICYGAP_MAX_BYTES to raise it) [F001]"]
    # At the limit the file is read (and its repeated header rows are what is wrong with it).
    r = validate(run, VALID_T, big, env={"POLICYGAP_MAX_BYTES": str(size)})
    assert "larger than the limit" not in r.stderr and r.stderr.startswith(f"{big}:")


# --------------------------------------------------------------------------
# YAML read as the user wrote it


def _load(tmp_path, targets, baselines=MINI_BASELINES):
    from policygap import dataset

    t = tmp_path / "t.yaml"
    b = tmp_path / "b.csv"
    t.write_text(targets, encoding="utf-8")
    b.write_text(baselines, encoding="utf-8")
    return dataset.check(t, b)


def test_pyyaml_surprises_keep_the_users_meaning(tmp_path):
    text = MINI_TARGETS.replace('issued: "2023-08-03"', "issued: 2023-08-03")  # a date, unquoted
    text = text.replace("anshan: {name: 鞍山市", "anshan: {name: 鞍山市, level: NO")  # NO stays NO
    text = text.replace("    value: 600\n", "    value: 0600\n    stretch: ~\n    review: yes\n")
    ds, problems = _load(tmp_path, text)
    assert [p for p in problems if p.is_error] == []
    assert ds.defs.documents.at["doc-a", "issued"] == "2023-08-03"
    assert ds.defs.regions.at["anshan", "level"] == "NO"
    t = ds.defs.targets.iloc[0]
    assert t["value"] == 600  # 0600 is six hundred, not YAML 1.1's octal 384
    assert t["stretch"] != t["stretch"]  # ~ is no stretch at all (NaN), not the text "~"
    assert bool(t["review"]) is True


@pytest.mark.parametrize("null", ["~", "null", "", "Null"])
def test_nulls_are_missing_values(tmp_path, null):
    ds, problems = _load(tmp_path, MINI_TARGETS.replace("    value: 600\n", f"    value: 600\n    stretch: {null}\n"))
    assert problems == []
    assert ds.defs.targets["stretch"].isna().all()


def test_quoted_null_is_text(tmp_path):
    _, problems = _load(tmp_path, MINI_TARGETS.replace("    value: 600\n", '    value: 600\n    stretch: "null"\n'))
    assert [p.message for p in problems] == ["'null' is not a number"]


def test_merge_keys_are_applied(tmp_path):
    text = MINI_TARGETS.replace("targets:\n  - id: t1\n    region: anshan\n    indicator: hitech_firms\n",
                                "defaults: &d {region: anshan, indicator: hitech_firms}\n"
                                "targets:\n  - id: t1\n    <<: *d\n")
    ds, problems = _load(tmp_path, text)
    assert [p.message for p in problems] == ["unknown key, ignored"]  # the top-level `defaults:` only
    t = ds.defs.targets.iloc[0]
    assert (t["region"], t["indicator"], t["value"]) == ("anshan", "hitech_firms", 600)


def test_written_key_wins_over_merged(tmp_path):
    text = MINI_TARGETS.replace("    value: 600\n", "    <<: {value: 1, year: 2024}\n    value: 600\n")
    ds, problems = _load(tmp_path, text)
    assert problems == []
    assert (ds.defs.targets.iloc[0]["value"], ds.defs.targets.iloc[0]["year"]) == (600, 2025)


def test_same_result_without_the_c_parser(tmp_path, monkeypatch):
    import yaml

    text = (BAD / "valid" / "targets.yaml").read_text(encoding="utf-8")
    with_c, _ = _load(tmp_path, text, VALID_B.read_text(encoding="utf-8"))
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    without_c, problems = _load(tmp_path, text, VALID_B.read_text(encoding="utf-8"))
    assert problems == []
    assert with_c.defs.targets.drop(columns=["milestones"]).equals(without_c.defs.targets.drop(columns=["milestones"]))
    assert list(with_c.defs.targets["milestones"]) == list(without_c.defs.targets["milestones"])


def test_growth_rate_and_tolerance_in_percent(tmp_path):
    text = MINI_TARGETS.replace("    kind: level\n    comparator: \">=\"\n    value: 600\n",
                                "    kind: growth_rate\n    comparator: \"~\"\n    value: 9%\n    tolerance: 5%\n")
    ds, problems = _load(tmp_path, text)
    assert problems == []
    t = ds.defs.targets.iloc[0]
    assert (t["value"], t["tolerance"]) == (9.0, 0.05)


def test_value_with_unit_converted_exactly(tmp_path):
    text = MINI_TARGETS.replace("unit: 家", "unit: 亿元").replace("value: 600", "value: 1598万元")
    ds, problems = _load(tmp_path, text, MINI_BASELINES.replace("家", "亿元"))
    assert problems == []
    assert ds.defs.targets.iloc[0]["value"] == 0.1598


# --------------------------------------------------------------------------
# Nothing lost


def test_inputs_never_modified(run, tmp_path):
    t = tmp_path / "t.yaml"
    b = tmp_path / "b.csv"
    t.write_bytes(VALID_T.read_bytes())
    b.write_bytes((BAD / "ok_gbk.csv").read_bytes())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (t, b)}
    for args in (["validate"], ["status", "--all"], ["targets", "--all"], ["regions"]):
        assert run(*args, "--targets", t, "--baselines", b).exit_code == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (t, b)} == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["b.csv", "t.yaml"]


def test_output_never_written_over_an_input(run, tmp_path):
    t = tmp_path / "t.yaml"
    b = tmp_path / "b.csv"
    t.write_bytes(VALID_T.read_bytes())
    b.write_bytes(VALID_B.read_bytes())
    r = run("status", "--all", "--format", "csv", "-o", b, "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [f"{b}: is an input file of this run; policygap never writes over its "
                                     "input (choose another output file) [F022]"]
    assert b.read_bytes() == VALID_B.read_bytes()


def test_failed_write_leaves_previous_file(tmp_path):
    from policygap.textio import atomic_path, atomic_write_bytes

    out = tmp_path / "台账.csv"
    atomic_write_bytes(out, b"old")
    with pytest.raises(RuntimeError):
        with atomic_path(out) as tmp:
            tmp.write_bytes(b"half a fi")
            raise RuntimeError("disk full")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["台账.csv"]  # no temporary file left
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(out) as tmp:
            tmp.write_bytes(b"new")
            raise KeyboardInterrupt
    assert out.read_bytes() == b"old"
    atomic_write_bytes(out, b"new")
    assert out.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["台账.csv"]


def test_output_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    from policygap.textio import atomic_write_bytes

    out = tmp_path / "out.csv"
    out.write_bytes(b"old")
    out.chmod(0o640)
    atomic_write_bytes(out, b"new")
    assert (out.read_bytes(), out.stat().st_mode & 0o777) == (b"new", 0o640)


def _problems(tmp_path, text):
    _, problems = _load(tmp_path, text)
    return [(p.line, p.col, p.field, p.message) for p in problems]


def test_undefined_alias(tmp_path):
    text = MINI_TARGETS.replace("aliases: [鞍山, Anshan]", "aliases: *names")
    assert _problems(tmp_path, text)[0] == (2, 32, "", "alias *names is not defined above (define it with &names)")


def test_explicit_core_tags_are_kept_as_written(tmp_path):
    text = MINI_TARGETS.replace("    value: 600\n", "    value: !!str 600\n").replace("year: 2025", "year: !!int 2025")
    ds, problems = _load(tmp_path, text)
    assert problems == []
    assert (ds.defs.targets.iloc[0]["value"], ds.defs.targets.iloc[0]["year"]) == (600, 2025)


def test_merge_of_a_scalar_is_an_error(tmp_path):
    text = MINI_TARGETS.replace("    value: 600\n", "    <<: 600\n    value: 600\n")
    assert _problems(tmp_path, text) == [(14, 9, "targets[t1].<<", "a merge (<<) takes a mapping or a list of mappings")]


def test_csv_section_rows_are_checked_with_their_lines(tmp_path):
    (tmp_path / "regions.csv").write_text("id,name,aliases\nanshan,鞍山市,鞍山;Anshan\nliaoning,,辽宁\n", encoding="gbk")
    text = MINI_TARGETS.replace("""regions:
  anshan: {name: 鞍山市, aliases: [鞍山, Anshan], parent: liaoning}
  liaoning: {name: 辽宁省, aliases: [辽宁]}
""", "regions: regions.csv\n")
    _, problems = _load(tmp_path, text)
    assert [str(p) for p in problems] == [f"{tmp_path / 'regions.csv'}:3:2: regions.liaoning.name: missing (required) [V002]"]


def test_missing_csv_section_names_the_yaml_line(tmp_path):
    text = MINI_TARGETS.replace("documents:\n  doc-a: {region: anshan, title: 方案, issued: \"2023-08-03\"}\n",
                                "documents: docs.csv\n")
    _, problems = _load(tmp_path, text)
    assert [str(p) for p in problems][:2] == [
        f"{tmp_path / 'docs.csv'}: no such file [F019]",
        f"{tmp_path / 't.yaml'}:6:12: documents: the documents table docs.csv is named here [T026]"]


def test_a_broken_target_is_reported_not_cross_checked(run, tmp_path):
    """Found by the mutation test: a growth-rate target whose year was
    blanked made the growth/level cross-check crash."""
    text = (BAD / "growth_level_conflict.yaml").read_text(encoding="utf-8")
    t = tmp_path / "t.yaml"
    t.write_text(text.replace("    value: 9\n    year: 2025\n", "    value: 9\n    year:\n"), encoding="utf-8")
    for args in (["validate"], ["regions"], ["status", "--all"]):
        r = run(*args, "--targets", t, "--baselines", VALID_B)
        assert r.exit_code == 2
        assert r.stderr.splitlines()[0] == f"{t}:47:10: targets[anshan-rd-growth-2025].year: missing (required) [V002]"


@pytest.mark.parametrize("text, said", [
    ("regions:\n  x: {name: 某县\nindicators: {}\n", "the { opened on line 2 is not closed"),
    ("targets:\n  - id: a\n    value: [1, 2\n", "the [ opened on line 3 is not closed"),
    ('regions:\n  x: {name: "某县}\n', "the quote opened on line 2 is not closed"),
    ("regions:\n  x: name: 某县\n", "': ' where no key can begin"),
    ("regions:\n  x: {name: 某县}\nnote: @鞍山\n", "a value cannot begin with this character ('@')"),
    ("regions:\n  x: {name: 某县}\nnote: `鞍山`\n", "a value cannot begin with this character ('`')"),
    ("regions:\n  x: {name: 某县}\n\tnote: 1\n", "a tab where YAML needs spaces"),
    ('regions:\n  x: {name: "某\\q县"}\n', "a backslash escape"),
    ("regions:\n  x: {name: 某县}\nnote: &\n", "read as an alias or anchor"),
])
def test_common_yaml_slips_are_said_in_policygaps_words(run, tmp_path, text, said):
    """The parser notices an unclosed bracket or quote where the file ends; the
    message names the line where it was opened."""
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    r = run("--lang", "en", "validate", "--targets", path)
    assert r.exit_code == 2
    first = r.stderr.splitlines()[0]
    assert said in first and "[T006]" in first, first


def test_one_run_lists_the_row_errors_and_the_checks_across_the_files(run, data):
    """An unknown region and a figure that is not a number are errors of
    their rows; the other rows still go through the checks across the files,
    so the jump (495 → 49,500) is listed in the same run, not after the
    errors are fixed."""
    rows = MINI_BASELINES + "青河县,hitech_firms,2024,12,家,x\nanshan,hitech_firms,2024-06,3,05,x\n" \
        "anshan,hitech_firms,2024-08,49500,家,x\n"
    t, b = data(baselines=rows)
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert "[V010]" in r.stderr or "青河县" in r.stderr  # the unknown region
    assert "[O022]" in r.stderr  # found beside the errors
    assert run("status", "anshan", "--targets", t, "--baselines", b).exit_code == 2  # the data is still refused


def test_own_targets_without_figures_are_told_what_is_missing(run, data, tmp_path):
    """Targets of one's own with no figures file fall back on the embedded
    figures, whose regions they do not have: one message saying so, not an
    error for every embedded figure; a header-only file checks the targets."""
    from conftest import FIRMS_HEAD

    t, _b = data(FIRMS_HEAD + "  - {id: f, region: x, indicator: firms, kind: level, comparator: '>=', value: 90,"
                              " year: 2027, source: {document: d}}\n", "region,indicator,period,value\n")
    r = run("validate", "--targets", t, "--lang", "en")
    lines = [x for x in r.stderr.splitlines() if "[" in x]
    assert r.exit_code == 2 and len(lines) == 1 and "[D009]" in lines[0] and "--baselines" in lines[0], r.stderr
    assert run("validate", "--targets", t, "--baselines", _b).exit_code == 0
