"""The wheel carries the embedded data, and the installed package finds it
from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    (path,) = out.glob("policygap-*.whl")
    return path


def test_wheel_contains_the_data(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for name in ("targets.yaml", "baselines.csv"):
            assert f"policygap/data/{name}" in names
            assert z.read(f"policygap/data/{name}") == (REPO / "data" / name).read_bytes()


def test_installed_copy_runs_from_elsewhere(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("POLICYGAP_TARGETS", None)
    env.pop("POLICYGAP_BASELINES", None)
    proc = subprocess.run(
        [sys.executable, "-c",
         "import policygap, policygap.dataset as d; print(policygap.__file__); print(d.embedded_path('targets.yaml'))"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    module_file, data_file = proc.stdout.split()
    assert module_file.startswith(str(site)) and data_file.startswith(str(site))
    proc = subprocess.run(
        [sys.executable, "-m", "policygap", "status", "anshan", "--format", "csv", "--as-of", "2024-06"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "anshan-hitech-firms-2025" in proc.stdout
