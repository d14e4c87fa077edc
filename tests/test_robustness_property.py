"""Mutated input never crashes policygap.

Hypothesis starts from the valid pair in tests/bad/valid/ and breaks it the
ways files get broken: a column dropped, a cell or a line replaced with
anything, a line indented wrongly, lines repeated or lost, the file saved in
another encoding or with CRLF, cut off at any byte. Every command that loads
data (those registered on the app) must then end with exit code 0, 1 or 2
and a message, never an exception.
"""

from __future__ import annotations

import csv
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPO, examples
from policygap.cli import app

VALID = REPO / "tests" / "bad" / "valid"
TARGETS = (VALID / "targets.yaml").read_text(encoding="utf-8")
BASELINES = (VALID / "baselines.csv").read_text(encoding="utf-8")

# Arguments for each command that loads data; a command registered later
# and not listed here runs with the data options alone.
COMMAND_ARGS = {
    "validate": [[], ["--strict"]],
    "status": [["--all", "--as-of", "2025-06", "--format", "json"], ["anshan", "linyi", "--as-of", "2024-06"],
               ["--all", "--format", "csv"]],
    "check": [["--all", "--as-of", "2025-06"]],
    "targets": [["--all", "--format", "json"]],
    "regions": [["--format", "csv"]],
    "explain": [["anshan", "anshan-hitech-firms-2025", "--as-of", "2025-06"]],
}
NOT_LOADING = {"required", "extract"}


def _commands():
    names = []
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        if name not in NOT_LOADING:
            names.append(name)
    return names


def _run_all(tmp_path, targets: bytes, baselines: bytes):
    """Every loading command on the pair; none may raise or exit otherwise.

    ``validate`` runs first. When it finds errors, every loading command
    stops in the same loader with the same errors (test_validate_corpus
    checks that command by command), so one more command (``status``) is
    enough to cover that path; with usable data every command runs, since
    each then goes on to its own work."""
    t = tmp_path / "targets.yaml"
    b = tmp_path / "baselines.csv"
    t.write_bytes(targets)
    b.write_bytes(baselines)
    runner = CliRunner()
    if _invoke(runner, "validate", [], t, b) == 2:
        plan = [("status", COMMAND_ARGS["status"][0])]
    else:
        plan = [(name, args) for name in _commands() for args in COMMAND_ARGS.get(name, [[]])]
    for name, args in plan:
        _invoke(runner, name, args, t, b)
    # Input files are never modified.
    assert t.read_bytes() == targets and b.read_bytes() == baselines


def _invoke(runner, name, args, t, b) -> int:
    r = runner.invoke(app, [name, *args, "--targets", str(t), "--baselines", str(b)])
    where = f"policygap {name} {' '.join(args)}"
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise AssertionError(f"{where} raised {type(r.exception).__name__}: {r.exception}") from r.exception
    assert r.exit_code in (0, 1, 2), f"{where} exited {r.exit_code}: {r.stderr}"
    assert "Traceback" not in r.stderr
    if r.exit_code == 2:
        assert r.stderr.strip(), f"{where} exited 2 without a message"
    return r.exit_code


# --------------------------------------------------------------------------
# Mutations

ODD_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "~", "null", "NO", "yes", "nan", "-inf", "1e400", "0", "-1", "-100", "2025-01-01",
                     "1,300", "1,30", "１５.９８亿", "15.98亿元", "60%", "约473", "预计", "一批", "2024/4",
                     "2024-13", "2022.0", '"', "'", ",", ":", "- x", "{", "[", "&a", "*a", "!!python/none",
                     "家", "万元", "亿元", "%", "anshan", "linyi", "鞍山", "hitech_firms", "level", "rank",
                     "growth_rate", "relative", "milestone", "annual", ">=", "<=", "~", "\t", "#"]),
    st.integers(-10**6, 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)

ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"]


def _csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def _csv_text(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@st.composite
def csv_mutation(draw):
    rows = _csv_rows(BASELINES)
    kind = draw(st.sampled_from(["drop_column", "corrupt_cell", "drop_row", "repeat_row", "raw_line", "swap_cells"]))
    if kind == "drop_column":
        j = draw(st.integers(0, len(rows[0]) - 1))
        rows = [r[:j] + r[j + 1:] for r in rows]
    elif kind == "corrupt_cell":
        for _ in range(draw(st.integers(1, 4))):
            i = draw(st.integers(0, len(rows) - 1))
            j = draw(st.integers(0, len(rows[i]) - 1))
            rows[i][j] = draw(ODD_TEXT)
    elif kind == "drop_row":
        del rows[draw(st.integers(0, len(rows) - 1))]
    elif kind == "repeat_row":
        i = draw(st.integers(1, len(rows) - 1))
        rows.insert(draw(st.integers(1, len(rows))), list(rows[i]))
    elif kind == "swap_cells":
        i = draw(st.integers(1, len(rows) - 1))
        a, b = draw(st.integers(0, 4)), draw(st.integers(0, 4))
        rows[i][a], rows[i][b] = rows[i][b], rows[i][a]
    text = _csv_text(rows)
    if kind == "raw_line":
        lines = text.split("\n")
        lines[draw(st.integers(0, len(lines) - 1))] = draw(ODD_TEXT)
        text = "\n".join(lines)
    return text


@st.composite
def yaml_mutation(draw):
    lines = TARGETS.split("\n")
    kind = draw(st.sampled_from(["replace_value", "indent", "drop_line", "repeat_line", "raw_line", "swap_lines"]))
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "replace_value":
        candidates = [n for n, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")]
        i = draw(st.sampled_from(candidates))
        key = lines[i].split(": ", 1)[0]
        lines[i] = f"{key}: {draw(ODD_TEXT)}"
    elif kind == "indent":
        shift = draw(st.sampled_from([-2, -1, 1, 2]))
        lines[i] = lines[i][-shift:] if shift < 0 else " " * shift + lines[i]
    elif kind == "drop_line":
        del lines[i]
    elif kind == "repeat_line":
        lines.insert(i, lines[i])
    elif kind == "raw_line":
        lines[i] = draw(ODD_TEXT)
    else:
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@st.composite
def saved(draw, text):
    """How the file reaches policygap: encoding, line ends, cut off."""
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


# Each example runs every loading command (about 1.5 s), so these take 40% of
# the profile's examples: 10 in the quick default, 800 with
# HYPOTHESIS_PROFILE=deep for a long hunt; POLICYGAP_FUZZ_EXAMPLES=N sets the
# number outright.
EXAMPLES = int(os.environ.get("POLICYGAP_FUZZ_EXAMPLES") or examples(0.4))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.data())
def test_mutated_observations_never_crash(tmp_path, data):
    text = data.draw(csv_mutation())
    _run_all(tmp_path, TARGETS.encode("utf-8"), data.draw(saved(text)))


@SETTINGS
@given(data=st.data())
def test_mutated_targets_never_crash(tmp_path, data):
    text = data.draw(yaml_mutation())
    _run_all(tmp_path, data.draw(saved(text)), BASELINES.encode("utf-8"))


@settings(max_examples=max(EXAMPLES * 2 // 3, 1), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(targets=st.binary(max_size=300), baselines=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(tmp_path, targets, baselines):
    _run_all(tmp_path, targets, baselines)


def test_the_valid_pair_is_clean(tmp_path):
    """The starting point of the mutations passes every command."""
    r = CliRunner().invoke(app, ["validate", "--targets", str(VALID / "targets.yaml"),
                                 "--baselines", str(VALID / "baselines.csv")])
    assert (r.exit_code, r.stderr) == (0, "")
    _run_all(tmp_path, TARGETS.encode("utf-8"), BASELINES.encode("utf-8"))


@pytest.mark.parametrize("name", ["status", "targets", "regions", "validate"])
def test_commands_under_test_are_registered(name):
    assert name in _commands()
