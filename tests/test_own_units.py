"""A unit policygap does not convert (能耗 in 吨标准煤/万元) is kept as the
indicator's label: a warning says figures are read as written, and figures
must be in exactly that unit.

Hand arithmetic (a down indicator, a level cap):
  base 2022: 0.52, latest 2024: 0.48, goal ≤ 0.45 by 2025
  progress = (0.52 − 0.48) / (0.52 − 0.45) = 0.04 / 0.07 = 0.5714
  required = 0.45 / 0.48 − 1 = −0.0625 a year (one year left, 2024 → 2025)
"""

from __future__ import annotations

import re

import pytest

ENERGY_TARGETS = """\
regions:
  qinghe: {name: 清河县}
indicators:
  energy_intensity: {name: 单位GDP能耗, unit: 吨标准煤/万元, direction: down}
documents:
  doc: {region: qinghe, title: 节能方案, issued: "2023-03-01"}
targets:
  - {id: energy-2025, region: qinghe, indicator: energy_intensity, kind: level, comparator: "<=", value: 0.45,
     year: 2025, source: {document: doc, quote: 单位GDP能耗降至0.45吨标准煤/万元}}
"""
HEADER = "region,indicator,period,value,unit,source\n"


# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")


def _status(run, t, b):
    return run("status", "qinghe", "--as-of", "2025-06", "--format", "json", "--targets", t, "--baselines", b)


@pytest.mark.parametrize("unit_cell, latest", [("", "0.48"), ("吨标准煤/万元", "0.48"), ("", "0.48吨标准煤/万元")])
def test_figures_in_the_indicators_own_unit_are_assessed(run, data, unit_cell, latest):
    t, b = data(targets=ENERGY_TARGETS,
                baselines=HEADER + f"qinghe,energy_intensity,2022,0.52,{unit_cell},x\n"
                                   f"qinghe,energy_intensity,2024,{latest},{unit_cell},x\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 1  # the warning only
    assert [re.sub(r" \[V009\]$", "", line).split(": ", 2)[2] for line in r.stderr.splitlines()[:1]] == [
        "warning: unit '吨标准煤/万元' is not one policygap converts: figures of this indicator are read as written, "
        "in exactly '吨标准煤/万元' (units it converts include 亿元, 万元, 家, 个, 项, 件, 人, %, 位, 件/万人)"]
    r = _status(run, t, b)
    assert r.exit_code == 0
    row = r.json()[0]
    assert (row["unit"], row["latest_value"], row["progress"], row["required_annual_growth"]) == (
        "吨标准煤/万元", 0.48, 0.5714, -0.0625)


def test_another_unit_for_such_an_indicator_is_an_error(run, data):
    """0.48 吨标准煤 is not 0.48 吨标准煤/万元: without a conversion, refused."""
    t, b = data(targets=ENERGY_TARGETS,
                baselines=HEADER + "qinghe,energy_intensity,2022,0.52,,x\nqinghe,energy_intensity,2024,0.48,吨标准煤,x\n")
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 2
    assert any(line.startswith(f"{b}:3:5: unit: unit '吨标准煤' cannot be converted to the indicator's unit "
                               "'吨标准煤/万元'") for line in r.stderr.splitlines())


@pytest.mark.parametrize("unit, dimension", [("起", "incidents"), ("例", "cases"), ("台套", "machines"),
                                             ("台", "machines"), ("万架", "racks"), ("篇", "papers"),
                                             ("个工作日", "working_days"), ("天", "days")])
def test_common_measure_words_are_known_units(unit, dimension):
    """事故 12起, 40台套: units an office writes, read without a warning."""
    from policygap import units

    assert units.is_known(unit) and units.dimension(unit) == dimension
