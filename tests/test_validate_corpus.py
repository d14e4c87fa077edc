"""The corpus of bad files (tests/bad/, written by tests/bad/generate.py): each
gives its exit code and its exact message, ``file:line[:col]: field: message``.

A targets case (.yaml) is checked with the valid observations, an
observations case (.csv) with the valid targets, so the message must come
from the one mistake in the file.
"""

from __future__ import annotations

import re

import pytest

from conftest import REPO, plain


# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")

BAD = REPO / "tests" / "bad"
VALID_T = BAD / "valid" / "targets.yaml"
VALID_B = BAD / "valid" / "baselines.csv"

def _syntax_error(file_line: str, hint: str):
    """A YAML syntax error: where (file and line) and policygap's hint are
    pinned; between them is PyYAML's own description, which is its words
    and may change from one release to the next, so it is not."""
    return re.compile(re.escape(file_line) + r":\d+: YAML syntax error: .+; " + re.escape(hint))


# file -> (exit code of `validate`, lines that must be on stderr, exactly;
# a pattern where part of the line is a library's wording)
YAML_CASES = {
    "syntax_indent.yaml": (2, [re.compile(re.escape(
        "syntax_indent.yaml:35:10: YAML syntax error: ': ' where no key can begin: this line is indented deeper "
        "than the key above it, or a value that contains ': ' needs quotes"))]),
    "syntax_tab.yaml": (2, [_syntax_error("syntax_tab.yaml:35", "indent with spaces, not tabs")]),
    "syntax_unquoted_comparator.yaml": (2, [
        _syntax_error("syntax_unquoted_comparator.yaml:36", 'quote comparators, e.g. comparator: ">="')]),
    "syntax_two_documents.yaml": (2, [
        "syntax_two_documents.yaml:129:1: a second YAML document (---): a targets file is one document"]),
    "empty.yaml": (2, [
        "empty.yaml:1: the targets file is empty; it needs the sections regions, indicators, documents, targets"]),
    "not_a_mapping.yaml": (2, [
        "not_a_mapping.yaml:1:1: the targets file must be a mapping with sections regions, indicators, "
        "documents, targets"]),
    "typo_comparater.yaml": (2, [
        "typo_comparater.yaml:36:5: targets[anshan-hitech-firms-2025].comparater: unknown key "
        "(did you mean 'comparator'?)"]),
    "own_key.yaml": (1, [
        "own_key.yaml:38:5: targets[anshan-hitech-firms-2025].responsible: warning: unknown key, ignored"]),
    "duplicate_key.yaml": (2, [
        "duplicate_key.yaml:38:5: targets[anshan-hitech-firms-2025].value: key appears twice (first on line 37)"]),
    "missing_year.yaml": (2, [
        "missing_year.yaml:57: targets[anshan-platforms-2025].year: missing (required)"]),
    "missing_section.yaml": (2, [
        "missing_section.yaml:9:1: indicator: unknown key (did you mean 'indicators'?)",
        "missing_section.yaml: indicators: section missing",
        "valid/baselines.csv: warning: not checked: observations are checked against the regions and "
        "indicators of a readable targets file"]),
    "unknown_kind.yaml": (2, [
        "unknown_kind.yaml:53:11: targets[anshan-rd-intensity-2025].kind: 'shares' is not one of level, "
        "growth_rate, share, increase, annual, rank, relative, multiple, milestone (did you mean 'share'?)"]),
    "unknown_comparator.yaml": (2, [
        "unknown_comparator.yaml:76:17: targets[anshan-zone-rank-2025].comparator: '=<<' is not one of "
        ">=, >, <=, <, ~"]),
    # PyYAML would read NO as False; the text is kept and refused as what it is.
    "kind_NO.yaml": (2, [
        "kind_NO.yaml:35:11: targets[anshan-hitech-firms-2025].kind: 'NO' is not one of level, growth_rate, "
        "share, increase, annual, rank, relative, multiple, milestone"]),
    # PyYAML would read 2025-01-01 as a date; it stays the text written.
    "year_as_date.yaml": (2, [
        "year_as_date.yaml:38:11: targets[anshan-hitech-firms-2025].year: '2025-01-01' is not a year "
        "(write four digits, e.g. 2025)"]),
    "value_list.yaml": (2, [
        "value_list.yaml:37:12: targets[anshan-hitech-firms-2025].value: must be a single value, "
        "not a list or mapping"]),
    "value_nan.yaml": (2, [
        "value_nan.yaml:37:12: targets[anshan-hitech-firms-2025].value: 'nan' is not a finite number"]),
    "value_wrong_unit.yaml": (2, [
        "value_wrong_unit.yaml:69:12: targets[anshan-contracts-2025].value: '20家': '家' cannot be "
        "converted to '亿元'"]),
    "year_before_base.yaml": (2, [
        "year_before_base.yaml:47:11: targets[anshan-rd-growth-2025].year: target year 2020 is not after "
        "the base period 2021"]),
    "year_before_issue.yaml": (2, [
        "year_before_issue.yaml:38:11: targets[anshan-hitech-firms-2025].year: target year 2022 is before the "
        "document 'anshan-talent-2023' was issued (2023-08-03), so before its base"]),
    "growth_minus_100.yaml": (2, [
        "growth_minus_100.yaml:46:12: targets[anshan-rd-growth-2025].value: a growth rate of -100% a year "
        "is impossible (must be above -100)"]),
    "milestones_bad.yaml": (2, [
        "milestones_bad.yaml:39:18: targets[anshan-hitech-firms-2025].milestones.2026: milestone year 2026 "
        "is not before the target year 2025",
        "milestones_bad.yaml:39:29: targets[anshan-hitech-firms-2025].milestones.2023: '约500': a target is "
        "a number, not an estimate"]),
    "undefined_region.yaml": (2, [
        "undefined_region.yaml:66:13: targets[anshan-contracts-2025].region: unknown region 'anshna' "
        "(did you mean 'anshan'?)"]),
    "undefined_indicator.yaml": (2, [
        "undefined_indicator.yaml:67:16: targets[anshan-contracts-2025].indicator: unknown indicator "
        "'tech_contract' (did you mean 'tech_contract_value'?)"]),
    "undefined_document.yaml": (2, [
        "undefined_document.yaml:119:24: targets[linyi-rd-double-2027].source_document: unknown document "
        "'linyi-2033' (did you mean 'linyi-2023'?)"]),
    "duplicate_id.yaml": (2, [
        "duplicate_id.yaml:57:9: targets[anshan-hitech-firms-2025].id: duplicate id "
        "'anshan-hitech-firms-2025' (first on line 32)"]),
    "duplicate_region.yaml": (2, [
        "duplicate_region.yaml:6:3: regions.anshan: key appears twice (first on line 4)"]),
    "alias_clash.yaml": (2, [
        "alias_clash.yaml:6:31: regions.linyi.aliases: '鞍山' already names region 'anshan'; "
        "a name or alias must name one region only"]),
    "conflicting_targets.yaml": (1, [
        "conflicting_targets.yaml:76:12: targets[anshan-contracts-2025-b].value: warning: tech_contract_value "
        "2025: 20.3 here (anshan-talent-2023) but 20 in target anshan-contracts-2025 on line 65 "
        "(anshan-talent-2023); both are kept and assessed"]),
    # (30 / 24.4) ** (1 / 4) - 1 = 5.30%; 24.4 * 1.09 ** 4 = 34.44
    "growth_level_conflict.yaml": (1, [
        "growth_level_conflict.yaml:76:12: targets[anshan-rd-level-2025].value: warning: 30 by 2025 from "
        "24.4 in 2021 implies 5.3% a year, but target anshan-rd-growth-2025 (line 42) sets 9% a year, "
        "which implies 34.44 by 2025"]),
    "alias_bomb.yaml": (2, [
        "alias_bomb.yaml:10:1: regions: too many YAML aliases to expand (an alias bomb?); refused"]),
    "python_tag.yaml": (2, [
        "python_tag.yaml:37:12: YAML tag !!python/object/apply:os.system is not allowed: policygap reads "
        "plain values only and constructs no objects; refused"]),
    "recursive_alias.yaml": (2, [
        "recursive_alias.yaml:2:32: alias *r refers to a mapping or list that contains it; refused"]),
    "targets_table.yaml": (2, [
        "targets_table.csv:5:6: targets[linyi-rd-double-2027].value: 'two' is not a number"]),
}

CSV_CASES = {
    "missing_column.csv": (2, [
        "missing_column.csv:1: period: missing column 'period'; the header must have "
        "region,indicator,period,value (unit,source optional)"]),
    "misspelt_column.csv": (2, [
        "misspelt_column.csv:1: value: missing column 'value'; the header must have "
        "region,indicator,period,value (unit,source optional) (is 'valeu' meant to be 'value'?)"]),
    "duplicate_column.csv": (2, [
        "duplicate_column.csv:1:8: value: column 'value' appears twice (columns 4 and 8)"]),
    "value_unparsable.csv": (2, ["value_unparsable.csv:2:4: value: '四百七十三' is not a number"]),
    "value_bad_grouping.csv": (2, [
        "value_bad_grouping.csv:2:4: value: '4,73': thousands separators must group three digits (as in 1,300)"]),
    "value_unquoted_thousands.csv": (2, [
        "value_unquoted_thousands.csv:18: 9 fields, but the header has 8; a value with a comma in it (1,300) "
        'must be in double quotes: "1,300"']),
    "value_infinite.csv": (2, ["value_infinite.csv:2:4: value: '1e400' is not a finite number"]),
    "value_unit_mismatch.csv": (2, [
        "value_unit_mismatch.csv:2:4: value: '4.73亿元': '亿元' cannot be converted to '家'"]),
    "value_percent_in_money.csv": (2, [
        "value_percent_in_money.csv:12:4: value: '60%': '%' cannot be converted to '亿元'"]),
    "unit_not_convertible.csv": (2, [
        "unit_not_convertible.csv:12:5: unit: unit '家' cannot be converted to the indicator's unit '亿元'"]),
    "unit_unknown.csv": (2, [
        "unit_unknown.csv:12:5: unit: unknown unit '亿美刀' (the indicator is in '亿元')"]),
    "unknown_region.csv": (2, [
        "unknown_region.csv:2:1: region: unknown region 'anshn' (did you mean 'anshan'?)"]),
    "unknown_indicator.csv": (2, [
        "unknown_indicator.csv:2:2: indicator: unknown indicator 'hitech_firm' (did you mean 'hitech_firms'?)"]),
    "duplicate_different.csv": (2, [
        "duplicate_different.csv:26: value: anshan hitech_firms 2022 appears again (first on line 2) "
        "with a different value: 474 here, 473 there"]),
    "duplicate_same.csv": (1, [
        "duplicate_same.csv:26: value: warning: anshan hitech_firms 2022 appears again (first on line 2) "
        "with the same value"]),
    # 159800万元 is exactly 15.98亿元: the same figure twice.
    "duplicate_after_conversion.csv": (1, [
        "duplicate_after_conversion.csv:26: value: warning: anshan tech_contract_value 2022 appears again "
        "(first on line 12) with the same value"]),
    "period_slash.csv": (2, ["period_slash.csv:3:3: period: '2024/4' is not a period: write 2024-04 (YYYY-MM)"]),
    "period_month_13.csv": (2, [
        "period_month_13.csv:3:3: period: '2024-13' is not a period: there is no month 13; "
        "write YYYY-MM, e.g. 2024-04"]),
    "period_spreadsheet_number.csv": (2, [
        "period_spreadsheet_number.csv:2:3: period: '2022.0' is not a period: write 2022 (the year, as text: "
        "a spreadsheet made it a number)"]),
    "period_ambiguous.csv": (2, [
        "period_ambiguous.csv:3:3: period: '2024.1' is not a period: write 2024-01 or 2024-10 (YYYY-MM); "
        "2024.1 could be either once a spreadsheet drops the 0"]),
    "period_quarter.csv": (2, [
        "period_quarter.csv:3:3: period: '2024Q1' is not a period: write YYYY or YYYY-MM, e.g. 2024 or 2024-04"]),
    "provisional_word.csv": (2, ["provisional_word.csv:21:7: provisional: 'maybe' is not yes/no (是/否)"]),
    "milestone_not_0_1.csv": (2, [
        "milestone_not_0_1.csv:17: value: park_done is a milestone (done = 1, not yet = 0), not 2"]),
    "unclosed_quote.csv": (2, [
        'unclosed_quote.csv:3: a double quote (") opened here is never closed; the rest of the file cannot be read']),
    "empty.csv": (2, [
        "empty.csv:1: the observations file is empty; it needs a header row: region,indicator,period,value,unit,source"]),
    "utf16.csv": (2, ["utf16.csv: is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" instead"]),
    "xlsx_renamed.csv": (2, ["xlsx_renamed.csv: is an Excel workbook, not text; save it as \"CSV UTF-8\""]),
    "control_chars.csv": (2, [
        "control_chars.csv:3: contains the control character '\\x1b'; is it a text file? (save it as CSV UTF-8)"]),
    "many_problems.csv": (2, [
        "many_problems.csv:2:1: region: unknown region 'anshn' (did you mean 'anshan'?)",
        "many_problems.csv:3:3: period: '2024/4' is not a period: write 2024-04 (YYYY-MM)",
        "many_problems.csv:12:5: unit: unit '家' cannot be converted to the indicator's unit '亿元'"]),
}


def _matches(line: str, expected) -> bool:
    return bool(expected.fullmatch(line)) if isinstance(expected, re.Pattern) else line == expected


def _contains(lines: list[str], expected) -> bool:
    return any(_matches(line, expected) for line in lines)


def _validate(run, targets, baselines, *extra):
    r = run("validate", "--targets", targets, "--baselines", baselines, *extra)
    # Each line ends with the problem's code ([V021]), tested in test_i18n.py.
    lines = plain(r.stderr.replace(str(BAD) + "/", "")).splitlines()
    return r, lines


@pytest.mark.parametrize("name", sorted(YAML_CASES))
def test_targets_file_case(run, name):
    code, expected = YAML_CASES[name]
    r, lines = _validate(run, BAD / name, VALID_B)
    assert r.exit_code == code, r.stderr
    for line in expected:
        assert _contains(lines, line), (line, lines)
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("name", sorted(CSV_CASES))
def test_observations_file_case(run, name):
    code, expected = CSV_CASES[name]
    r, lines = _validate(run, VALID_T, BAD / name)
    assert r.exit_code == code, r.stderr
    for line in expected:
        assert _contains(lines, line), (line, lines)
    assert "Traceback" not in r.stderr


def test_every_case_has_a_file_and_every_file_a_case():
    files = {p.name for p in BAD.glob("*.yaml")} | {p.name for p in BAD.glob("*.csv")}
    files -= {"targets_table.csv", "many_bad_rows.csv"}  # named by targets_table.yaml; tested below
    ok = {f for f in files if f.startswith("ok_")}
    assert files - ok == set(YAML_CASES) | set(CSV_CASES)


@pytest.mark.parametrize("name", ["syntax_indent.yaml", "duplicate_key.yaml", "many_problems.csv"])
def test_only_the_mistakes_are_reported(run, name):
    """No follow-on noise: exactly the expected lines and nothing else."""
    code, expected = {**YAML_CASES, **CSV_CASES}[name]
    targets, baselines = (BAD / name, VALID_B) if name.endswith(".yaml") else (VALID_T, BAD / name)
    r, lines = _validate(run, targets, baselines)
    if name.endswith(".yaml") and code == 2 and "syntax" in name:
        expected = [*expected, "valid/baselines.csv: warning: not checked: observations are checked "
                    "against the regions and indicators of a readable targets file"]
    assert len(lines) == len(expected) and all(map(_matches, lines, expected)), lines


def test_many_bad_rows_are_counted_after_twenty(run):
    r, lines = _validate(run, VALID_T, BAD / "many_bad_rows.csv")
    assert r.exit_code == 2
    listed = [x for x in lines if re.match(r"many_bad_rows\.csv:\d+:3: period: ", x)]
    assert len(listed) == 20
    assert listed[0] == ("many_bad_rows.csv:26:3: period: '1990-00' is not a period: there is no month 0; "
                         "write YYYY-MM, e.g. 1990-04")
    assert lines[-1] == "many_bad_rows.csv: period: … and 5 more rows with a problem in this column"


def test_every_problem_in_both_files_in_one_run(run):
    """A bad targets file and a bad observations file: both reported, targets first."""
    r, lines = _validate(run, BAD / "typo_comparater.yaml", BAD / "many_problems.csv")
    assert r.exit_code == 2
    assert lines == [YAML_CASES["typo_comparater.yaml"][1][0], *CSV_CASES["many_problems.csv"][1]]


@pytest.mark.parametrize("name", ["ok_gbk.csv", "ok_gb18030_crlf.csv", "ok_utf8_bom_crlf.csv", "ok_number_forms.csv"])
def test_odd_but_unambiguous_files_load(run, name):
    r, lines = _validate(run, VALID_T, BAD / name)
    assert (r.exit_code, lines) == (0, [])


def _observations(name):
    from policygap import dataset

    ds = dataset.load(VALID_T, BAD / name)
    obs = ds.observations
    return {(r.region, r.indicator, r.period): (r.value, r.provisional) for r in obs.itertuples()}


def test_encodings_read_the_same_figures():
    valid = _observations("../bad/valid/baselines.csv")
    assert len(valid) == 24
    for name in ("ok_gbk.csv", "ok_gb18030_crlf.csv", "ok_utf8_bom_crlf.csv"):
        assert _observations(name) == valid


def test_number_forms_are_read_exactly():
    obs = _observations("ok_number_forms.csv")
    assert obs[("linyi", "hitech_firms", "2022")] == (1500.0, False)  # "1,500"
    assert obs[("anshan", "tech_contract_value", "2022")] == (15.98, False)  # １５.９８亿 in 亿元
    assert obs[("anshan", "tech_contract_value", "2023")] == (17.2, False)  # 172000万元 -> 亿元
    assert obs[("linyi", "rd_spending", "2024")] == (146.6, False)  # 1466000, unit 万元
    assert obs[("anshan", "rd_intensity", "2022")] == (1.5, False)  # "1.5%" in a % column
    assert obs[("linyi", "new_tech_smes", "2024")] == (230.0, True)  # 约230: kept, provisional
    assert obs[("anshan", "hitech_firms", "2024-04")] == (495.0, False)  # 鞍山,高企,４９５家


@pytest.mark.parametrize("command", [["status", "anshan"], ["targets", "anshan"], ["regions"]])
@pytest.mark.parametrize("name", ["typo_comparater.yaml", "many_problems.csv", "alias_bomb.yaml", "utf16.csv"])
def test_every_command_stops_on_the_same_errors(run, command, name):
    """Commands that load data print the errors validate prints (not its
    warnings) and exit 2, with nothing on stdout."""
    targets, baselines = (BAD / name, VALID_B) if name.endswith(".yaml") else (VALID_T, BAD / name)
    v, v_lines = _validate(run, targets, baselines)
    errors = [x for x in v_lines if ": warning: " not in x]
    r = run(*command, "--targets", targets, "--baselines", baselines)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert plain(r.stderr.replace(str(BAD) + "/", "")).splitlines() == errors


def test_warnings_do_not_stop_other_commands(run):
    r = run("status", "anshan", "--format", "json", "--as-of", "2024-06",
            "--targets", BAD / "conflicting_targets.yaml", "--baselines", VALID_B)
    assert r.exit_code == 0
    ids = [x["target_id"] for x in r.json()]
    assert "anshan-contracts-2025" in ids and "anshan-contracts-2025-b" in ids
