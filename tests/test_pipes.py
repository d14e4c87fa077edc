"""Pipes in a real shell: `| head -1` ends quietly (exit 0, or check's
verdict, and nothing on stderr), and the bytes are the same whether stdout
is a file, a pipe or --output.

The data set is large enough (hundreds of kilobytes of output, far more
than a pipe's buffer) that the reader always leaves before policygap has
written everything, so the writes really hit a closed pipe.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

N_TARGETS = 1000
AS_OF = "2024-06"


@pytest.fixture(scope="module")
def big_env(tmp_path_factory):
    d = tmp_path_factory.mktemp("big")
    lines = [
        "regions:",
        "  anshan: {name: 鞍山市, aliases: [鞍山]}",
        "  liaoyang: {name: 辽阳市, aliases: [辽阳]}",
        "indicators:",
        "  hitech_firms: {name: 高新技术企业数量, unit: 家, direction: up}",
        "documents:",
        '  doc-a: {region: anshan, title: 方案, issued: "2023-08-03"}',
        "targets:",
    ]
    for i in range(N_TARGETS):
        region = "anshan" if i % 2 else "liaoyang"
        lines.append(f"  - {{id: t{i:04d}, region: {region}, indicator: hitech_firms, kind: level, comparator: '>=', "
                     f"value: {500 + i}, year: 2025, source: {{document: doc-a, quote: 高新技术企业达到{500 + i}家}}}}")
    (d / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "baselines.csv").write_text(
        "region,indicator,period,value,unit,source\n"
        "anshan,hitech_firms,2022,473,家,x\nanshan,hitech_firms,2024-04,495,家,x\n"
        "liaoyang,hitech_firms,2022,473,家,x\nliaoyang,hitech_firms,2024-04,495,家,x\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    env.update(POLICYGAP_TARGETS=str(d / "targets.yaml"), POLICYGAP_BASELINES=str(d / "baselines.csv"))
    return env


PG = f"{sys.executable} -m policygap"


def bash(script: str, env, cwd=None):
    return subprocess.run(["bash", "-c", script], env=env, cwd=cwd, capture_output=True, timeout=300)


@pytest.mark.parametrize("fmt, first", [
    ("csv", b"region,target_id,indicator,name,"),
    ("json", b"["),
    ("text", "辽阳市".encode()),
    ("table", "辽阳市".encode()),  # table and text: regions in the order of the targets
])
def test_head_ends_quietly(big_env, fmt, first):
    p = bash(f"{PG} status --all --as-of {AS_OF} --format {fmt} | head -1; echo \"exit=${{PIPESTATUS[0]}}\" >&2",
             big_env)
    assert p.stderr == b"exit=0\n"  # policygap's own exit status, and nothing else on stderr
    out = p.stdout.splitlines()
    assert len(out) == 1 and out[0].startswith(first)


def test_check_keeps_its_verdict_through_a_closed_pipe(big_env, run):
    p = bash(f"{PG} check --all --as-of {AS_OF} | head -1; echo \"exit=${{PIPESTATUS[0]}}\" >&2", big_env)
    assert p.stderr == b"exit=1\n"
    assert p.stdout.decode().startswith("鞍山市：500个目标，")
    # the failing lines alone are far larger than a pipe's buffer (the whole
    # output, counted in-process: the same bytes, as the test below shows)
    full = run("check", "--all", "--as-of", AS_OF, env=_data_env(big_env))
    assert len(full.stdout_bytes) > 100_000


def test_pipefail_sees_success(big_env):
    p = bash(f"set -o pipefail; {PG} status --all --as-of {AS_OF} --format csv | head -1 > /dev/null", big_env)
    assert p.returncode == 0 and p.stderr == b""


def _data_env(env) -> dict:
    return {k: env[k] for k in ("POLICYGAP_TARGETS", "POLICYGAP_BASELINES")}


# Every writer, through a real pipe; two of them (bytes with a BOM, the
# table) also into a file. Nothing in policygap asks whether stdout is a file
# or a pipe, so two are enough to see that the two are written alike.
@pytest.mark.parametrize("args, also_to_a_file", [
    ("status --all --format csv", False),
    ("status --all --format csv --bom", True),
    ("status --all --format json", False),
    ("status --all --format text", False),
    ("status --all --format table", True),
    ("status --all --format text --lang en", False),
    ("check --all", False),
    ("check --all --format csv", False),
])
def test_same_bytes_to_file_pipe_and_output(big_env, tmp_path, run, args, also_to_a_file):
    """stdout a pipe (and a file), in a real shell; --output in-process
    (where it writes does not depend on what stdout is)."""
    to_file = f"{PG} {args} --as-of {AS_OF} > file.out; " if also_to_a_file else ""
    p = bash(f"{to_file}{PG} {args} --as-of {AS_OF} | cat > pipe.out; true", big_env, cwd=tmp_path)
    assert p.stderr == b""
    r = run(*args.split(), "--as-of", AS_OF, "-o", tmp_path / "option.out", env=_data_env(big_env))
    assert r.stdout == "" and r.stderr == ""
    pipe, option = ((tmp_path / n).read_bytes() for n in ("pipe.out", "option.out"))
    assert len(pipe) > 50_000
    assert pipe == option
    if also_to_a_file:
        assert (tmp_path / "file.out").read_bytes() == pipe
