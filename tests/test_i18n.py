"""One message catalogue: every message in Chinese and English, the language
chosen by --lang, else POLICYGAP_LANG, else Chinese; codes that do not change
with the language."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from policygap import catalogue, i18n, messages, schema
from policygap.render import words

from conftest import REPO

BAD = REPO / "tests" / "bad"


@pytest.fixture(scope="module")
def translations():
    return catalogue.parse_po(catalogue.PO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def found():
    return catalogue.all_messages()


def test_committed_mo_is_compiled_from_the_po(translations):
    assert catalogue.MO.read_bytes() == catalogue.compile_mo(translations), (
        "run: python -m policygap.catalogue")


def test_every_message_in_the_code_has_a_chinese_translation(found, translations):
    missing = [f"{where[0]}: {msgid!r}" for msgid, where in found.items() if msgid not in translations]
    assert missing == []


def test_placeholders_match(found, translations):
    differ = [msgid for msgid in found if msgid in translations
              and catalogue.placeholders(msgid) != catalogue.placeholders(translations[msgid])]
    assert differ == []


def test_the_scan_finds_calls_help_texts_and_docstrings(found):
    assert "unknown region {region}{hint}" in found  # _() in validate.py
    assert "progress" in found  # N_() in words.py
    assert any(m.startswith("Only targets with these statuses") for m in found)  # help= in cli/options.py
    assert any(m.startswith("Progress of each target against") for m in found)  # the status command's docstring


def test_placeholders_are_read_as_names():
    assert catalogue.placeholders("{region} {indicator} in {period}") == ["indicator", "period", "region"]
    assert catalogue.placeholders("e.g. {{2023: 500}}") == []
    assert catalogue.placeholders("{key}: {{{example}: …}}") == ["example", "key"]


def test_po_round_trip():
    text = catalogue.write_po({"a {x}": ["f.py:1"], "two\nlines": ["f.py:2"], 'q"\b': ["f.py:3"]},
                              {"a {x}": "甲{x}", "two\nlines": "两\n行", 'q"\b': "引"})
    assert catalogue.parse_po(text) == {"a {x}": "甲{x}", "two\nlines": "两\n行", 'q"\b': "引"}


def test_status_words_agree_with_the_schema(translations):
    for status, zh in schema.STATUS_ZH.items():
        assert words.status_word(status, "zh") == zh
        assert words.status_word(status, "en") == schema.STATUS_EN[status]


# --------------------------------------------------------------------------
# Choosing the language


def test_language_order(monkeypatch):
    monkeypatch.delenv("POLICYGAP_LANG", raising=False)
    assert i18n.set_language(None) == "zh"  # the command line's default
    monkeypatch.setenv("POLICYGAP_LANG", "en_US.UTF-8")
    assert i18n.set_language(None) == "en"
    assert i18n.set_language("zh") == "zh"  # --lang wins over the environment
    monkeypatch.setenv("POLICYGAP_LANG", "fr")
    assert i18n.set_language(None) == "zh"  # a language without a catalogue: the default
    i18n.reset()
    monkeypatch.delenv("POLICYGAP_LANG")
    assert i18n.language() == "en"  # a library call without a choice: the code's English


@pytest.mark.parametrize("env, args, expect", [
    ({}, [], "完成进度"),
    ({"POLICYGAP_LANG": "en"}, [], "progress"),
    ({"POLICYGAP_LANG": "en"}, ["--lang", "zh"], "完成进度"),
    ({}, ["--lang", "en"], "progress"),
])
def test_output_follows_lang_then_environment_then_chinese(run, monkeypatch, env, args, expect):
    monkeypatch.delenv("POLICYGAP_LANG", raising=False)
    r = run("status", "anshan", "--as-of", "2024-06", *args, env=env)
    assert r.exit_code == 0
    assert expect in r.stdout.splitlines()[3]


def test_messages_and_help_follow_the_language(run, monkeypatch):
    monkeypatch.delenv("POLICYGAP_LANG", raising=False)
    r = run("status", "anshn")
    assert r.exit_code == 2 and "未知地区 'anshn'；是否指 'anshan'（鞍山市）？" in r.stderr
    r = run("status", "anshn", "--lang", "en")
    assert "unknown region 'anshn'; did you mean 'anshan' (鞍山市)?" in r.stderr
    assert "各目标对照序时进度的完成情况" in run("status", "--help").stdout
    assert "Progress of each target" in run("status", "--help", env={"POLICYGAP_LANG": "en"}).stdout
    assert "Progress of each target" in run("--lang", "en", "status", "--help").stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_language_policygap_does_not_speak_is_refused_before_or_after_the_command(run, where):
    args = ["--lang", "fr", "status", "anshan"] if where == "before" else ["status", "anshan", "--lang", "fr"]
    r = run(*args)
    assert r.exit_code == 2 and r.stdout == ""
    assert "--lang" in r.stderr and "'zh'" in r.stderr and "'en'" in r.stderr


# --------------------------------------------------------------------------
# Problem codes


def test_codes_are_unique_and_name_messages_that_exist(found):
    codes = list(messages.CODES.values())
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[TVOFDNP]\d{3}", c) for c in codes)
    assert [m for m in messages.CODES if m not in found] == []


def test_docs_list_every_code_with_its_message():
    """docs/validation.md's table is the list a script author reads."""
    table = re.findall(r"^\| ([A-Z]\d{3}) \| (.*) \|$", (REPO / "docs" / "validation.md").read_text(encoding="utf-8"),
                       re.M)
    listed = {code: text.replace("\\|", "|") for code, text in table}
    assert listed == {code: message for message, code in messages.CODES.items()}


@pytest.mark.parametrize("name", ["typo_comparater.yaml", "many_problems.csv", "duplicate_same.csv",
                                  "syntax_tab.yaml", "utf16.csv", "period_ambiguous.csv"])
def test_every_problem_has_a_code_and_the_same_one_in_both_languages(run, name):
    valid = BAD / "valid"
    targets, baselines = (BAD / name, valid / "baselines.csv") if name.endswith(".yaml") else \
        (valid / "targets.yaml", BAD / name)
    lines = {lang: run("validate", "--targets", targets, "--baselines", baselines,
                       env={"POLICYGAP_LANG": lang}).stderr.splitlines() for lang in ("zh", "en")}
    codes = {lang: [re.search(r"\[([A-Z]\d{3})\]$", x) for x in ls] for lang, ls in lines.items()}
    assert lines["zh"] and all(codes["zh"]) and all(codes["en"]), lines
    assert [m.group(1) for m in codes["zh"]] == [m.group(1) for m in codes["en"]]
    assert lines["zh"] != lines["en"]


# --------------------------------------------------------------------------
# Help stays fast


def test_help_does_not_import_pandas_or_rich():
    code = ("import sys\nfrom policygap.cli import main\nsys.argv = ['policygap', 'status', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'rich', 'numpy', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip().splitlines()[-1] == "[]"


# A newcomer's slips at the command line. The parser's own English words are
# not asserted (they change between releases): only that the error is framed
# and said in Chinese, names what was wrong, and exits 2.
@pytest.mark.parametrize("args, names, words", [
    (["status", "anshan", "--fromat", "csv"], ["--fromat", "--format"], "没有选项"),
    (["required", "473", "600"], ["--from"], "缺少选项"),
    (["status", "anshan", "--format", "xml"], ["--format", "xml", "csv"], "的值无效"),
    (["required", "473", "600", "--from", "2022", "--to", "abc"], ["--to"], "的值无效"),
    (["required", "1", "2", "3", "--from", "2022", "--to", "2025"], ["3"], "多余的参数"),
    (["statu", "anshan"], ["statu"], "没有命令"),
    (["stauts", "anshan"], ["stauts", "status"], "没有命令"),
    (["status", "anshan", "--as-of"], ["--as-of"], "需要一个值"),
])
def test_usage_errors_are_in_chinese(run, monkeypatch, args, names, words):
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    r = run(*args)
    assert r.exit_code == 2 and r.stdout == ""
    lines = r.stderr.splitlines()
    error = next(line for line in lines if line.startswith("错误："))
    assert words in error and all(name in error for name in names), r.stderr
    assert not any(line.startswith(("Error", "Usage", "Try ")) for line in lines), r.stderr
    if any(line.startswith("用法：") for line in lines):  # the usage line comes with the way to help
        assert any(line.startswith("运行 '") and line.endswith("查看帮助。") for line in lines), r.stderr


def test_usage_errors_in_english(run):
    r = run("--lang", "en", "status", "anshan", "--fromat", "csv")
    assert r.exit_code == 2
    error = next(line for line in r.stderr.splitlines() if line.startswith("Error: "))
    assert "no such option: --fromat" in error and "--format" in error


def test_a_usage_error_policygap_cannot_read_keeps_the_parsers_words(run, monkeypatch):
    """A parser release whose errors carry other fields: its own message,
    exit 2, never an internal error."""
    from policygap.cli import usage

    def unreadable(exc):
        raise AttributeError("a field this release does not have")

    monkeypatch.setattr(usage, "message", unreadable)
    r = run("status", "anshan", "--fromat", "csv")
    assert r.exit_code == 2 and "--fromat" in r.stderr
    assert "internal error" not in r.stderr and "内部错误" not in r.stderr


def test_extract_notes_and_review_reasons_speak_the_language_of_the_run(run, tmp_path, monkeypatch):
    """A Chinese draft explains how each entry was read in Chinese; --lang en in English."""
    monkeypatch.delenv("POLICYGAP_LANG", raising=False)
    plan = tmp_path / "方案.txt"
    plan.write_text("到2026年，全县高新技术企业达到60家，研发投入强度力争达到2.5%左右，"
                    "新增省级研发平台3至5个。\n", encoding="utf-8")
    zh = run("extract", plan).stdout
    notes = [line for line in zh.splitlines() if line.strip().startswith(("note:", "review_reason:"))]
    assert len(notes) >= 4 and "原文名称：高新技术企业" in zh and "以下限 3 为目标" in zh
    assert not any(re.search(r"[A-Za-z]{4,}", line.split(":", 1)[1]) for line in notes), notes
    en = run("extract", plan, "--lang", "en").stdout
    assert "name in the text: 高新技术企业" in en and "the lower end 3 is the target" in en


def test_every_command_takes_lang(run):
    from policygap.cli import app

    names = [info.name or info.callback.__name__.replace("_", "-") for info in app.registered_commands]
    assert {"validate", "extract", "status"} <= set(names)
    missing = [n for n in names if "--lang" not in run(n, "--help").stdout]
    assert missing == []
