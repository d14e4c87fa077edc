"""`policygap status` end to end through the CLI, on the embedded data and on
small files."""

from __future__ import annotations

import pytest

from conftest import MINI_BASELINES, MINI_TARGETS

ANSHAN_HITECH = "anshan-hitech-firms-2025"


def row(rows, target_id):
    return next(r for r in rows if r["target_id"] == target_id)


def test_embedded_anshan_hitech_json(run):
    r = run("status", "anshan", "--format", "json", "--as-of", "2024-06")
    assert r.exit_code == 0, r.stderr
    rec = row(r.json(), ANSHAN_HITECH)
    assert (rec["base_period"], rec["base_value"]) == ("2022", 473)
    assert (rec["latest_period"], rec["latest_value"]) == ("2024-04", 495)
    assert (rec["target_year"], rec["target_value"]) == (2025, 600)
    assert rec["required_annual_growth"] == round((600 / 495) ** (1 / (1 + 8 / 12)) - 1, 4)  # fractions to 4 decimals
    assert rec["actual_annual_growth"] == round((495 / 473) ** (12 / 16) - 1, 4)  # fractions to 4 decimals
    assert rec["progress"] == round(22 / 127, 4)  # fractions to 4 decimals
    assert rec["expected_progress"] == round(16 / 36, 4)  # fractions to 4 decimals
    # 17.3% against 44.4%: 27.1 points below, between -10 and -30.
    assert rec["status"] == "behind"


def test_csv_has_contract_fields_in_order(run):
    r = run("status", "anshan", "--format", "csv", "--as-of", "2024-06")
    assert r.exit_code == 0
    header = r.stdout.splitlines()[0].split(",")
    contract = ["region", "target_id", "indicator", "name", "unit", "kind", "comparator", "base_period",
                "base_value", "latest_period", "latest_value", "target_year", "target_value",
                "required_annual_growth", "actual_annual_growth", "progress", "expected_progress", "status"]
    assert header[: len(contract)] == contract
    rec = row(r.csv_rows(), ANSHAN_HITECH)
    assert float(rec["progress"]) == round(22 / 127, 4)  # fractions to 4 decimals
    assert rec["name"] == "高新技术企业数量"


@pytest.mark.parametrize("alias", ["anshan", "鞍山", "鞍山市", "Anshan", "ANSHAN"])
def test_aliases(run, alias):
    r = run("status", alias, "--format", "json", "--as-of", "2024-06")
    assert r.exit_code == 0, r.stderr
    assert {x["region"] for x in r.json()} == {"anshan"}


def test_unknown_region_suggests_closest(run):
    r = run("status", "anshn", "--lang", "en")
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "anshn" in lines[0] and "did you mean 'anshan'" in lines[0]
    assert "Traceback" not in r.stderr


def test_no_region_is_a_usage_error(run):
    r = run("status")
    assert r.exit_code == 2
    assert "--all" in r.stderr


def test_as_of_ignores_later_figures(run):
    # Before the April 2024 figure exists there is nothing after the base.
    r = run("status", "anshan", "--format", "json", "--as-of", "2024-03")
    rec = row(r.json(), ANSHAN_HITECH)
    assert rec["latest_period"] is None
    assert rec["status"] == "no_data"
    # A day inside April: the April figure is not in yet either.
    r = run("status", "anshan", "--format", "json", "--as-of", "2024-04-12")
    assert row(r.json(), ANSHAN_HITECH)["status"] == "no_data"
    r = run("status", "anshan", "--format", "json", "--as-of", "2024-04")
    assert row(r.json(), ANSHAN_HITECH)["latest_value"] == 495


def test_bad_as_of(run):
    r = run("status", "anshan", "--as-of", "2024-13")
    assert r.exit_code == 2
    assert "--as-of" in r.stderr


def test_table_shows_readable_values(run):
    r = run("status", "anshan", "--as-of", "2024-06")
    assert r.exit_code == 0
    out = r.stdout
    for text in ("高新技术企业数量", "≥600家", "473家", "495家", "12.2%", "17.3%", "44.4%", "−27.1", "滞后"):
        assert text in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_table_english(run):
    r = run("status", "anshan", "--as-of", "2024-06", "--lang", "en")
    assert "behind" in r.stdout and "high-tech enterprises" in r.stdout


def test_files_and_environment(run, data, tmp_path):
    t, b = data()
    r = run("status", "anshan", "--format", "json", "--as-of", "2024-06", "--targets", t, "--baselines", b)
    assert r.exit_code == 0, r.stderr
    assert [x["target_id"] for x in r.json()] == ["t1"]
    r = run("status", "anshan", "--format", "json", "--as-of", "2024-06",
            env={"POLICYGAP_TARGETS": str(t), "POLICYGAP_BASELINES": str(b)})
    assert [x["target_id"] for x in r.json()] == ["t1"]
    # flags win over the environment
    other = tmp_path / "missing.yaml"
    r = run("status", "anshan", "--targets", other, "--baselines", b, env={"POLICYGAP_TARGETS": str(t)})
    assert r.exit_code == 2 and "missing.yaml" in r.stderr


def test_several_regions_and_all(run, data):
    t, b = data()
    r = run("status", "--all", "--format", "json", "--as-of", "2024-06", "--targets", t, "--baselines", b)
    assert r.exit_code == 0
    assert {x["region"] for x in r.json()} == {"anshan"}
    r = run("status", "anshan", "--all", "--targets", t, "--baselines", b)
    assert r.exit_code == 2


def test_output_file_written(run, data, tmp_path):
    t, b = data()
    out = tmp_path / "out.csv"
    r = run("status", "anshan", "--format", "csv", "--output", out, "--as-of", "2024-06", "--targets", t, "--baselines", b)
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("region,target_id")


def test_bom(run, data):
    t, b = data()
    r = run("status", "anshan", "--format", "csv", "--bom", "--as-of", "2024-06", "--targets", t, "--baselines", b)
    assert r.stdout_bytes.startswith(b"\xef\xbb\xbf")


def test_tolerance_takes_a_percent_as_the_targets_file_does(run):
    args = ("status", "anshan", "--as-of", "2024-06", "-f", "json")
    assert run(*args, "--tolerance", "3%").stdout == run(*args, "--tolerance", "0.03").stdout
    bad = run(*args, "--tolerance", "三成")
    assert bad.exit_code == 2 and bad.stdout == "" and "--tolerance" in bad.stderr


def test_without_a_region_the_example_is_one_of_the_files_own(run, data, monkeypatch):
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    t, b = data()
    r = run("status", "--targets", t, "--baselines", b)
    assert r.exit_code == 2 and "（如 anshan）" in r.stderr  # the mini data's first region
    t2, b2 = data(MINI_TARGETS.replace("anshan", "qinghe"), MINI_BASELINES.replace("anshan", "qinghe"))
    assert "（如 qinghe）" in run("status", "--targets", t2, "--baselines", b2).stderr


def test_as_of_before_the_base_shows_no_figure_from_after_it(run, data):
    """--as-of 2021 for a plan whose base is 2022 (issued 2023): nothing of
    2022 or later was known then; no base is shown, and the note says why."""
    t, b = data()
    rows = run("status", "anshan", "--as-of", "2021", "-f", "json", "--targets", t, "--baselines", b).json()
    assert rows and all(r["base_value"] is None and r["latest_value"] is None for r in rows)
    assert all(r["status"] == "no_data" and "after the date assessed" in r["note"] for r in rows)
    # the next year's figures are seen again as of the day after
    later = run("status", "anshan", "--as-of", "2024-06", "-f", "json", "--targets", t, "--baselines", b).json()
    assert any(r["base_value"] is not None for r in later)
