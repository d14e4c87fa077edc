"""Loading a whole data set: the targets file and the observations file,
every check on each and across the two. The one entry point that every
command uses, so every command applies the same checks."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import _, figure_text
from .errors import ERROR, WARNING, PolicygapError, Problem, sort_problems

ENV_TARGETS = "POLICYGAP_TARGETS"
ENV_BASELINES = "POLICYGAP_BASELINES"


def embedded_path(name: str) -> Path:
    """The data shipped with policygap: inside the installed package, or the
    repository's data/ folder when running from a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / name
    if packaged.is_file():
        return packaged
    return here.parent / "data" / name


def resolve_paths(targets: Path | None, baselines) -> tuple[Path, list[Path]]:
    """Where the data comes from, for each of the two kinds of file: flags,
    then the environment variables, then ./policygap.yaml (the files named
    there, relative to it), then the embedded data. ``baselines`` may be one
    path or a list (files and folders); so may POLICYGAP_BASELINES (paths
    separated by the system's path separator, : or ;)."""
    if isinstance(baselines, (str, Path)):
        baselines = [Path(baselines)]
    baselines = [Path(b) for b in baselines or []]
    workspace = None
    if not targets and not os.environ.get(ENV_TARGETS) or not baselines and not os.environ.get(ENV_BASELINES):
        from .workspace import find

        workspace = find()
    if targets:
        t = Path(targets)
    elif os.environ.get(ENV_TARGETS):
        t = Path(os.environ[ENV_TARGETS])
    elif workspace is not None and workspace.targets is not None:
        t = workspace.targets
    else:
        t = embedded_path("targets.yaml")
    if baselines:
        b = baselines
    elif os.environ.get(ENV_BASELINES):
        b = [Path(x) for x in os.environ[ENV_BASELINES].split(os.pathsep) if x]
    elif workspace is not None and workspace.baselines:
        b = workspace.baselines
    else:
        b = [embedded_path("baselines.csv")]
    if workspace is not None:
        missing = workspace.missing([p for p in (t, *b) if p == workspace.targets or p in workspace.baselines])
        if missing:
            raise PolicygapError(problems=missing)
    return t, b


@dataclass
class Dataset:
    defs: object  # validate.Definitions
    observations: object  # DataFrame (observations.OBS_COLUMNS)
    targets_path: Path
    baselines_paths: list  # every figures file read, in order (folders expanded)
    problems: list = field(default_factory=list)  # warnings; errors are raised
    _growth_bases: object = field(default=None, repr=False)

    @property
    def settings(self) -> dict:
        return self.defs.settings

    @property
    def baselines_path(self) -> Path:
        """The first figures file (the only one, usually)."""
        return Path(self.baselines_paths[0])

    def files_read(self) -> list[str]:
        """Every data file this run read, for footers and `validate`."""
        return [str(self.targets_path), *(str(p) for p in self.baselines_paths)]


def check(targets: Path | None = None, baselines=None) -> tuple[Dataset | None, list[Problem]]:
    """Every problem in both files, errors and warnings, without raising.
    ``baselines``: one path or a list of files and folders (figures.py)."""
    from .figures import load_figures
    from .targets_file import read_targets_file
    from .validate import check_targets_file

    from .textio import forget_inputs, max_bytes

    forget_inputs()
    max_bytes()  # a size limit that is not a number is said once, before any file
    try:
        tpath, bpaths = resolve_paths(targets, baselines)
    except PolicygapError as exc:  # a broken policygap.yaml
        return None, sort_problems(exc.problems or [Problem("policygap.yaml", None, "", str(exc))])
    bpath = bpaths[0] if len(bpaths) == 1 else ", ".join(str(b) for b in bpaths)
    not_checked = Problem(str(bpath), None, "", _("not checked: observations are checked against the "
                                            "regions and indicators of a readable targets file"), WARNING)
    try:
        raw = read_targets_file(tpath)
    except PolicygapError as exc:
        problems = exc.problems or [Problem(str(tpath), None, "", str(exc))]
        return None, sort_problems([*problems, not_checked])
    defs = check_targets_file(raw)
    problems = list(defs.problems)
    frame = None
    if {"regions", "indicators"} & set(defs.missing_sections):
        problems.append(not_checked)
    else:
        try:
            figures = load_figures(bpaths, defs)
            problems.extend(figures.problems)
            frame = figures.frame
            bpaths = figures.files
        except PolicygapError as exc:
            problems.extend(exc.problems or [Problem(str(bpath), None, "", str(exc))])
    dataset = None
    if frame is not None:
        from .measure import infer_measures, silent_cases

        dataset = Dataset(defs, frame, tpath, bpaths)
        problems.extend(infer_measures(dataset))
        problems.extend(_cross_checks(dataset))
        problems.extend(silent_cases(dataset))
    problems = _own_targets_with_embedded_figures(tpath, bpaths, sort_problems(problems))
    if dataset is not None:
        dataset.problems = [p for p in problems if not p.is_error]
    return dataset, problems


def _own_targets_with_embedded_figures(tpath: Path, bpaths: list, problems: list) -> list:
    """Your targets file without a figures file falls back on the figures that
    come with policygap (鞍山's, …); when they do not fit it, every one of
    them would be reported as an error of a file you never named. Said once,
    with what to do, instead."""
    embedded = embedded_path("baselines.csv").resolve()
    if [Path(b).resolve() for b in bpaths] != [embedded] or \
            Path(tpath).resolve() == embedded_path("targets.yaml").resolve():
        return problems
    theirs = [p for p in problems if p.is_error and p.file and Path(p.file).resolve() == embedded]
    if not theirs:
        return problems
    return [p for p in problems if p not in theirs] + [Problem(str(tpath), None, "", _(
        "no figures file is given for these targets, and the figures that come with policygap are for its own "
        "regions: name yours with --baselines FILE, or a file of just the header row "
        "(region,indicator,period,value) to check the targets alone"))]


def load(targets: Path | None = None, baselines=None) -> Dataset:
    """The data set, or PolicygapError listing every error found."""
    dataset, problems = check(targets, baselines)
    errors = [p for p in problems if p.severity == ERROR]
    if errors or dataset is None:
        raise PolicygapError(problems=errors or problems)
    return dataset


def usable_targets(defs):
    """The targets whose own fields passed their checks (region, indicator and
    kind known, a year, a value where the kind needs one): the checks across
    the two files look at these only, so that a target already reported as
    broken is not judged again on half its fields. Found once per file read."""
    if defs.usable is None:
        defs.usable = _usable_targets(defs)
    return defs.usable


def _usable_targets(defs):
    t = defs.targets
    ok = t["year"].notna() & t["kind"].notna() & t["comparator"].notna()
    ok &= t["region"].isin(defs.regions.index) & t["indicator"].isin(defs.indicators.index)
    ok &= t["value"].notna() | t["kind"].isin(["relative", "milestone"])
    return t[ok]


def growth_bases(ds: Dataset):
    """Base figures of the usable growth_rate and multiple targets (indexed
    like the targets table), found once: two checks read them."""
    if ds._growth_bases is None:
        from .assess import base_observations

        t = usable_targets(ds.defs)
        ds._growth_bases = base_observations(ds, t[t["kind"].isin(["growth_rate", "multiple"])])
    return ds._growth_bases


def _cross_checks(ds: Dataset) -> list[Problem]:
    import numpy as np

    from .columns import isin

    from .periods import format_period

    out: list[Problem] = []
    targets = usable_targets(ds.defs)
    obs = ds.observations
    if not len(targets):
        return out
    # (region, indicator) as one integer, the same way for targets and figures
    regions, indicators = ds.defs.regions.index, ds.defs.indicators.index
    obs_pair = obs["region_code"].to_numpy(dtype=np.int64) * len(indicators) + obs["indicator_code"].to_numpy(np.int64)

    def pair(frame):
        return (regions.get_indexer(frame["region"]).astype(np.int64) * len(indicators)
                + indicators.get_indexer(frame["indicator"]))

    # Milestone indicators are done (1) or not yet (0).
    milestones = targets[targets["kind"] == "milestone"]
    if len(milestones):
        wrong = isin(obs_pair, pair(milestones)) & ~np.isin(obs["value"].to_numpy(), [0.0, 1.0])
        out.extend(_milestone_problems(ds, obs[wrong]))

    # A pinned base period should have its figure.
    pinned = targets[targets["base_index"].notna() & (targets["kind"] != "relative")]
    if len(pinned):
        at = pair(pinned) * (1 << 20) + pinned["base_index"].to_numpy(dtype=np.int64)
        missing = ~isin(at, obs_pair * (1 << 20) + obs["index"].to_numpy(dtype=np.int64))
        for _n, row in pinned[missing].iterrows():
            out.append(Problem(row["file"], int(row["line"]), f"targets[{row['target_id']}].base_period",
                               _("no observation of {indicator} for {region} in {period}; the target cannot "
                                 "be assessed").format(indicator=row["indicator"], region=row["region"],
                                                       period=format_period(row["base_index"])), WARNING))

    out.extend(_growth_level_conflicts(ds))
    return out


def _milestone_problems(ds: Dataset, wrong) -> list[Problem]:
    """Figures of a milestone indicator that are not 0 or 1: the first
    MAX_SAME_PROBLEM listed, the rest counted (as every other problem of the
    observations file)."""
    from .observations import MAX_SAME_PROBLEM

    shown = wrong.head(MAX_SAME_PROBLEM)
    out = [Problem(str(file), int(line), "value", _("{indicator} is a milestone (done = 1, not yet = 0), not {value}").format(
               indicator=indicator, value=figure_text(value)))
           for file, line, indicator, value in zip(shown["file"], shown["line"], shown["indicator"], shown["value"])]
    if len(wrong) > MAX_SAME_PROBLEM:
        out.append(Problem(str(wrong["file"].iloc[MAX_SAME_PROBLEM]), None, "value", _(
            "… and {count} more rows with a problem in this column").format(count=f"{len(wrong) - MAX_SAME_PROBLEM:,}")))
    return out


def _growth_level_conflicts(ds: Dataset) -> list[Problem]:
    """A growth-rate target and a level target for one indicator that imply
    different growth (R&D 9%/yr, and 30亿元 by 2025 from 24.4亿元 in 2021:
    5.3%/yr)."""
    from .columns import isin
    from .periods import format_period

    targets = usable_targets(ds.defs)
    # the columns read below only: each row selection copies every column
    targets = targets[["target_id", "region", "indicator", "kind", "value", "year", "line", "file", "value_line",
                       "value_col"]]
    growth = targets[targets["kind"] == "growth_rate"]
    levels = targets[targets["kind"] == "level"]
    if not len(growth) or not len(levels):
        return []
    # Only growth targets with a level target for the same indicator matter.
    regions, indicators = ds.defs.regions.index, ds.defs.indicators.index

    def pair(frame):
        return regions.get_indexer(frame["region"]) * len(indicators) + indicators.get_indexer(frame["indicator"])

    growth = growth[isin(pair(growth), pair(levels))]
    levels = levels[isin(pair(levels), pair(growth))]
    if not len(growth):
        return []
    bases = growth_bases(ds).loc[growth.index]
    by_pair: dict = {}
    for lv in levels.itertuples(index=False):
        by_pair.setdefault((lv.region, lv.indicator), []).append(lv)
    out = []
    for g, base_value, base_index in zip(growth.itertuples(index=False), bases["base_value"], bases["base_index"]):
        if math.isnan(base_value) or base_value <= 0:
            continue
        for lv in by_pair[(g.region, g.indicator)]:
            years = (lv.year * 12 + 12 - base_index) / 12
            if years <= 0 or lv.value <= 0:
                continue
            implied = ((lv.value / base_value) ** (1 / years) - 1) * 100
            if round(abs(implied - g.value), 1) < 0.1:
                continue
            out.append(Problem(
                lv.file, int(lv.value_line), f"targets[{lv.target_id}].value",
                _("{value} by {year} from {base} in {period} implies {implied}% a year, but target {other} (line "
                  "{line}) sets {rate}% a year, which implies {other_value} by {year}").format(
                    value=figure_text(lv.value), year=int(lv.year), base=figure_text(base_value),
                    period=format_period(base_index), implied=f"{implied:.1f}", other=g.target_id,
                    line=int(g.line), rate=figure_text(g.value),
                    other_value=f"{base_value * (1 + g.value / 100) ** years:.4g}"), WARNING,
                None if lv.value_col != lv.value_col or lv.value_col is None else int(lv.value_col)))
    return out
