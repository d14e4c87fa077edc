"""Help a planner can read: every option says its values and gives an
example, and every example in the help runs."""

from __future__ import annotations

import re
import shutil

import pytest
import typer

from policygap.cli import app

from conftest import REPO, SEEDS
from test_extract import make_docx

POLICY = "一、主要目标\n到2025年，全市高新技术企业达到600家，技术合同成交额达到20亿元。\n"


def commands():
    group = typer.main.get_command(app)
    return group, group.commands


def english(obj) -> str:
    """The help as written in code (the msgid), whatever was shown last."""
    return getattr(obj, "msgid", None) or obj.help or ""


def examples():
    """(command, example line) for each example paragraph (\\b) of each command."""
    group, cmds = commands()
    out = [("", line) for line in _example_lines(english(group))]
    for name, cmd in cmds.items():
        out.extend((name, line) for line in _example_lines(english(cmd)))
    return out


def _example_lines(text: str) -> list[str]:
    lines = []
    for para in text.split("\n\n"):
        if para.startswith("\b"):
            lines.extend(x.strip() for x in para[1:].strip().splitlines() if x.strip().startswith("policygap "))
    return lines


def option_examples():
    """(command, the command's first example, an option example from a help text); an
    example that several commands share (--as-of, --lang …) is tried once."""
    _, cmds = commands()
    out, seen = [], set()
    for name, cmd in cmds.items():
        if name == "report":  # its options are the shared ones, tried with status; a report takes seconds
            continue
        base = _example_lines(english(cmd))[0]
        # the command and its arguments, unless it needs its options to run at all
        if name not in ("required", "template"):
            base = " ".join(re.split(r" -", re.split(r"\s(?:\|\||\||#)\s", base)[0])[0].split())
        for param in cmd.params:
            for m in re.finditer(r"(?:e\.g\.|E\.g\.) (--?[a-z][\w-]*.*?)(?:\.\s|\.$|;|,\s(?!-)|$| \()", english(param)):
                for example in m.group(1).split(" or "):
                    if example.startswith("-") and example.strip() not in seen:
                        seen.add(example.strip())
                        out.append((name, base, example.strip()))
    return out


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A folder with the files the examples name."""
    (tmp_path / "data").mkdir()
    shutil.copy(REPO / "data" / "targets.yaml", tmp_path / "data" / "targets.yaml")
    shutil.copy(REPO / "data" / "baselines.csv", tmp_path / "data" / "baselines.csv")
    shutil.copy(REPO / "data" / "targets.yaml", tmp_path / "方案.yaml")
    shutil.copy(REPO / "data" / "baselines.csv", tmp_path / "台账.csv")
    (tmp_path / "填报").mkdir()
    (tmp_path / "填报" / "鞍山.csv").write_text("region,indicator,period,value,unit,source\n"
                                             "anshan,hitech_firms,2024-06,500,家,填报\n", encoding="utf-8")
    seed = SEEDS / "000_34f744930cc046b1.txt"
    text = seed.read_text(encoding="utf-8") if seed.exists() else POLICY
    (tmp_path / "方案.txt").write_text(text, encoding="utf-8")
    (tmp_path / "方案.docx").write_bytes(make_docx([[line] for line in POLICY.splitlines()]))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _args(line: str) -> list[str]:
    """The words of an example, without what the shell does after it."""
    line = re.split(r"\s(?:\|\||\||#|&&)\s", line)[0]
    return line.split()[1:]


def test_there_are_examples_for_every_command():
    _, cmds = commands()
    have = {name for name, _line in examples()}
    assert set(cmds) <= have


@pytest.mark.parametrize("command, line", examples())
def test_each_example_in_the_help_runs(run, workdir, command, line):
    r = run(*_args(line))
    assert r.exit_code in (0, 1), (line, r.stderr)  # 1: check found targets behind, as it says


@pytest.mark.parametrize("command, base, example", option_examples())
def test_each_option_example_runs(run, workdir, command, base, example):
    r = run(*_args(base), *example.split())
    assert r.exit_code in (0, 1), (base, example, r.stderr)


def test_every_option_lists_its_values_and_an_example():
    _, cmds = commands()
    lacking = []
    for name, cmd in cmds.items():
        for param in cmd.params:
            if param.name == "help" or getattr(param, "is_flag", False):
                continue
            text = english(param)
            if "e.g." not in text.replace("E.g.", "e.g."):
                lacking.append(f"{name} {param.opts[0]}")
    assert lacking == []


@pytest.mark.parametrize("name", ["", "status", "check", "explain", "required", "targets", "regions",
                                  "validate", "extract"])
def test_help_shows_no_program_types(run, name):
    r = run(*([name] if name else []), "--help", env={"POLICYGAP_LANG": "en"})
    assert r.exit_code == 0
    assert not re.search(r"<(list\[|str|int|float|path)", r.stdout), r.stdout
    assert all(len(line) <= 100 for line in r.stdout.splitlines())


def test_status_and_kind_help_list_their_values(run):
    out = run("status", "--help", env={"POLICYGAP_LANG": "en"}).stdout
    flat = " ".join(out.split())
    assert "achieved, ahead, on_track, behind, off_track, missed, overdue, no_data" in flat
    assert "level, growth_rate, share, increase, annual, rank, relative, multiple, milestone" in flat


def test_version(run):
    from policygap import __version__

    r = run("--version")
    assert (r.exit_code, r.stdout) == (0, f"policygap {__version__}\n")
