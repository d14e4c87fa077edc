"""Shared fixtures: the CLI runner and small data sets written to a temp dir."""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import pytest
import typer.testing
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from policygap.cli import app

# typer's test runner builds the click command from the app at every call
# (about a quarter of a small in-process run); the command is the same each
# time, and its help is put in the language of each run when it is shown
# (cli/helptext.py), so it is built once per test process.
_built_commands: dict = {}
_build_command = typer.testing._get_command


def _command_built_once(typer_app):
    if id(typer_app) not in _built_commands:
        _built_commands[id(typer_app)] = (typer_app, _build_command(typer_app))
    return _built_commands[id(typer_app)][1]


typer.testing._get_command = _command_built_once

# Hypothesis: a quick profile for the test command (the whole suite stays near
# two minutes), a deep one for a long hunt: HYPOTHESIS_PROFILE=deep. Tests
# scale their own example counts from the profile in force (examples()).
settings.register_profile(
    "quick", max_examples=25, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile(
    "deep", max_examples=2000, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def examples(share: float = 1.0) -> int:
    """A test's number of examples: ``share`` of the profile's (at least 1)."""
    return max(int(settings.default.max_examples * share), 1)


REPO = Path(__file__).resolve().parent.parent


def _build_each_command_once() -> None:
    """typer's CliRunner rebuilds the click command from the app on every
    invoke (about 20 ms); the suite invokes thousands of times. Keep the
    command built for an app until its registered commands change."""
    import typer.testing

    build = getattr(typer.testing, "_get_command", None)
    if build is None or getattr(build, "cached", False):
        return
    built: dict = {}

    def cached(typer_app):
        key = (id(typer_app), tuple(map(id, typer_app.registered_commands)),
               tuple(map(id, typer_app.registered_groups)), id(typer_app.registered_callback))
        if key not in built:
            built[key] = build(typer_app)
        return built[key]

    cached.cached = True
    typer.testing._get_command = cached


def _compile_the_package() -> None:
    """Subprocess runs import policygap from source; with
    PYTHONDONTWRITEBYTECODE set each would compile every module again."""
    import compileall

    compileall.compile_dir(REPO / "policygap", quiet=2)


_build_each_command_once()
_compile_the_package()
SEEDS = REPO.parent / "shared" / "seeds"


class Result:
    def __init__(self, r):
        self.exit_code = r.exit_code
        self.stdout = r.stdout
        self.stderr = r.stderr
        self.exception = r.exception
        self.stdout_bytes = r.stdout_bytes

    def json(self):
        return json.loads(self.stdout)

    def csv_rows(self):
        import csv
        import io

        return list(csv.DictReader(io.StringIO(self.stdout)))


@pytest.fixture(autouse=True)
def _language_reset():
    """Each test starts with no language chosen (the CLI chooses per run)."""
    from policygap import i18n

    i18n.reset()
    yield
    i18n.reset()


@pytest.fixture
def english(monkeypatch):
    """Messages in English (the msgids the assertions quote), in this process
    and in the processes it starts. A test file asks for it with
    ``pytestmark = pytest.mark.usefixtures("english")``."""
    monkeypatch.setenv("POLICYGAP_LANG", "en")


_PROBLEM_CODE = re.compile(r" \[[A-Z]\d{3}\]$", re.M)


def plain(text: str) -> str:
    """Messages without their problem codes ([V021]; tested with the catalogue)."""
    return _PROBLEM_CODE.sub("", text)


@pytest.fixture
def run():
    """Invoke the CLI in-process; returns exit code, stdout and stderr apart."""
    runner = CliRunner()

    def _run(*args, env=None, input=None):
        r = runner.invoke(app, [str(a) for a in args], env=env, input=input, catch_exceptions=True)
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            raise r.exception
        return Result(r)

    return _run


MINI_TARGETS = """\
regions:
  anshan: {name: 鞍山市, aliases: [鞍山, Anshan], parent: liaoning}
  liaoning: {name: 辽宁省, aliases: [辽宁]}
indicators:
  hitech_firms: {name: 高新技术企业数量, unit: 家, direction: up}
documents:
  doc-a: {region: anshan, title: 方案, issued: "2023-08-03"}
targets:
  - id: t1
    region: anshan
    indicator: hitech_firms
    kind: level
    comparator: ">="
    value: 600
    year: 2025
    source: {document: doc-a, quote: 高新技术企业达到600家}
"""

# A 每年 target of a yearly flow (每年培训农民技术员10人以上), for tests of a
# missed past year.
YEARLY_TARGETS = """\
regions:
  x: {name: 某县}
indicators:
  trained: {name: 培训农民技术员, unit: 人, direction: up, measure: flow}
documents:
  d: {region: x, title: 方案, issued: "2023-03-01"}
targets:
  - {id: yearly, region: x, indicator: trained, kind: annual, comparator: ">=", value: 10, year: 2026, from: 2024,
     source: {document: d, quote: 每年培训农民技术员10人以上}}
"""


# A county with one count of firms and one document: the targets follow.
FIRMS_HEAD = """\
regions:
  x: {name: 某县}
indicators:
  firms: {name: 高新技术企业数量, unit: 家, direction: up, measure: stock}
documents:
  d: {region: x, title: 方案, issued: "2023-03-01"}
targets:
"""


MINI_BASELINES = """\
region,indicator,period,value,unit,source
anshan,hitech_firms,2022,473,家,doc-a
anshan,hitech_firms,2024-04,495,家,news
"""


@pytest.fixture
def data(tmp_path):
    """Write a targets file and an observations file; return their paths."""

    def _write(targets: str = MINI_TARGETS, baselines: str = MINI_BASELINES, encoding="utf-8"):
        t = tmp_path / "targets.yaml"
        b = tmp_path / "baselines.csv"
        t.write_text(textwrap.dedent(targets), encoding="utf-8")
        if isinstance(baselines, bytes):
            b.write_bytes(baselines)
        else:
            b.write_text(textwrap.dedent(baselines), encoding=encoding)
        return t, b

    return _write
