"""The README's two set-up commands, and .ci/run running the same test command."""

from __future__ import annotations

import re

from conftest import REPO


def _commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```(?:sh|bash)?\n(.+?)\n```", text, flags=re.S)


def test_readme_starts_with_two_setup_commands():
    commands = _commands()
    assert len(commands) >= 2
    run, test = commands[0], commands[1]
    assert "\n" not in run and "\n" not in test
    assert run.endswith("policygap status anshan")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command():
    test = _commands()[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
