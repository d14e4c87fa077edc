"""Options shared by the commands, and the steps every assessing command takes:
load the data, resolve regions, parse --as-of and thresholds, filter."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import PolicygapError


class Format(str, Enum):
    table = "table"
    text = "text"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Header(str, Enum):
    field = "field"
    zh = "zh"
    en = "en"


class Method(str, Enum):
    planner = "planner"
    sdg = "sdg"


TargetsOpt = Annotated[Optional[Path], typer.Option(
    "--targets", help="Targets file (YAML). Default: $POLICYGAP_TARGETS, else the embedded data.",
    show_default=False)]
BaselinesOpt = Annotated[Optional[Path], typer.Option(
    "--baselines", help="Observations file (CSV). Default: $POLICYGAP_BASELINES, else the embedded data.",
    show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table for people; text for report "
                                           "sentences; csv/json for programs; xlsx needs --output.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE (atomically) "
                                                   "instead of stdout.", show_default=False)]
BomOpt = Annotated[bool, typer.Option("--bom", help="Start CSV with a UTF-8 byte-order mark so Excel "
                                      "shows Chinese text correctly.")]
HeaderOpt = Annotated[Header, typer.Option(
    "--header", help="CSV header: field (field names and status codes, for scripts; the default), zh or en "
    "(the table's headings and status words, for a person in Excel or WPS).")]
AllOpt = Annotated[bool, typer.Option("--all", help="Every region that has targets.")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Assess as if today were DATE "
                                                "(YYYY, YYYY-MM or YYYY-MM-DD); later figures are ignored.",
                                                show_default="today")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of names and status words.")]
MethodOpt = Annotated[Method, typer.Option("--method", help="planner: gap to 序时进度 (default); sdg: "
                                           "achieved ÷ planned growth, 0.95/0.6/0 categories.")]
ThresholdsOpt = Annotated[Optional[str], typer.Option(
    "--thresholds", help="Status thresholds in 百分点 of 序时进度, e.g. 'ahead=10,on_track=-10,behind=-30'.",
    show_default=False)]
ToleranceOpt = Annotated[Optional[float], typer.Option(
    "--tolerance", help="Band for ~ (左右) targets as a fraction of the value (default 0.05).",
    show_default=False)]
StaleOpt = Annotated[Optional[int], typer.Option(
    "--stale-months", help="Flag figures older than this many months before --as-of (default 12).",
    show_default=False)]
StatusFilter = Annotated[Optional[list[str]], typer.Option(
    "--status", help="Only targets with these statuses (repeat or comma-separate).", show_default=False)]
KindFilter = Annotated[Optional[list[str]], typer.Option(
    "--kind", help="Only targets of these kinds (repeat or comma-separate).", show_default=False)]
DocumentFilter = Annotated[Optional[list[str]], typer.Option(
    "--document", help="Only targets from these documents (repeat or comma-separate).", show_default=False)]
FailOnOpt = Annotated[Optional[list[str]], typer.Option(
    "--fail-on", help="Statuses that make check exit with 1 (repeat or comma-separate).",
    show_default="behind,off_track,missed")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on stdout; errors still go to "
                                        "stderr and the exit code tells the verdict.")]
RegionsArg = Annotated[Optional[list[str]], typer.Argument(
    help="Region ids or aliases (anshan, 鞍山, 鞍山市, Anshan).", show_default=False)]


def split_list(values: list[str] | None) -> list[str]:
    """``--kind level,share --kind rank`` -> ``[level, share, rank]``."""
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in v.replace("，", ",").split(",") if p.strip())
    return out


def parse_as_of(text: str | None) -> int:
    from .. import periods

    if text is None:
        return periods.today_index()
    try:
        return periods.parse_as_of(text)
    except periods.PeriodError as exc:
        raise PolicygapError(f"--as-of: {exc}") from None


def parse_thresholds(text: str | None) -> dict | None:
    from ..schema import THRESHOLD_FIELDS

    if not text:
        return None
    out = {}
    for part in split_list([text]):
        if "=" not in part:
            raise PolicygapError(f"--thresholds: {part!r} is not name=value (e.g. behind=-30)")
        k, v = (x.strip() for x in part.split("=", 1))
        if k not in THRESHOLD_FIELDS:
            raise PolicygapError(f"--thresholds: unknown threshold {k!r}; use {', '.join(THRESHOLD_FIELDS)}")
        try:
            out[k] = float(v)
        except ValueError:
            raise PolicygapError(f"--thresholds: {v!r} is not a number") from None
    return out


def load(targets: Path | None, baselines: Path | None):
    from .. import dataset

    return dataset.load(targets, baselines)


def resolve_regions(ds, names: list[str] | None, all_: bool) -> list[str]:
    """Region ids from ids or aliases; an unknown name suggests the closest."""
    import difflib

    lookup = ds.defs.region_lookup
    if all_:
        if names:
            raise PolicygapError("give region names or --all, not both")
        with_targets = set(ds.defs.targets["region"])
        return [r for r in ds.defs.regions.index if r in with_targets]
    if not names:
        raise PolicygapError("name a region (e.g. anshan) or use --all; `policygap regions` lists them")
    out = []
    for name in names:
        rid = lookup.get(name.strip().casefold())
        if rid is None:
            close = difflib.get_close_matches(name.strip().casefold(), list(lookup), n=1, cutoff=0.5)
            hint = ""
            if close:
                cid = lookup[close[0]]
                hint = f"; did you mean {cid!r} ({ds.defs.regions.at[cid, 'name']})?"
            raise PolicygapError(f"unknown region {name!r}{hint} (`policygap regions` lists them)")
        if rid not in out:
            out.append(rid)
    return out


def region_names(ds, lang: str) -> dict:
    regions = ds.defs.regions
    if lang == "en":
        return {r: (row["name_en"] or r) for r, row in regions.iterrows()}
    return regions["name"].to_dict()


def check_choices(values: list[str], choices, option: str) -> list[str]:
    for v in values:
        if v not in choices:
            raise PolicygapError(f"{option}: {v!r} is not one of {', '.join(choices)}")
    return values


def select_targets(ds, kind: list[str] | None, document: list[str] | None):
    """The targets table narrowed by --kind and --document."""
    from ..schema import KINDS

    kinds = check_choices(split_list(kind), KINDS, "--kind")
    documents = split_list(document)
    for d in documents:
        if d not in ds.defs.documents.index:
            raise PolicygapError(f"--document: unknown document {d!r}; documents: {', '.join(ds.defs.documents.index)}")
    targets = ds.defs.targets
    if kinds:
        targets = targets[targets["kind"].isin(kinds)]
    if documents:
        targets = targets[targets["document"].isin(documents)]
    return targets


DEFAULT_FAIL_ON = ("behind", "off_track", "missed")


def parse_fail_on(values: list[str] | None) -> list[str]:
    """``--fail-on``: status codes, default behind, off_track, missed."""
    from ..schema import STATUSES

    chosen = check_choices(split_list(values), STATUSES, "--fail-on")
    return chosen or list(DEFAULT_FAIL_ON)


def run_assessment(ds, regions, *, as_of, method, thresholds, tolerance, stale_months, status, kind, document):
    """Assess the selected targets and apply --status."""
    from ..assess import Options, assess
    from ..schema import STATUSES

    statuses = check_choices(split_list(status), STATUSES, "--status")
    if tolerance is not None and not 0 <= tolerance < 1:
        raise PolicygapError("--tolerance: a fraction of the value from 0 to below 1 (0.05 = ±5%)")
    if stale_months is not None and stale_months < 0:
        raise PolicygapError("--stale-months: a number of months, 0 or more")
    th = parse_thresholds(thresholds)
    if th:
        merged = {**ds.settings["thresholds"], **th}
        if not merged["ahead"] > merged["on_track"] > merged["behind"]:
            raise PolicygapError("--thresholds: must satisfy ahead > on_track > behind")
    options = Options(as_of=parse_as_of(as_of), method=method.value, thresholds=th, tolerance=tolerance,
                      stale_months=stale_months)
    result = assess(ds, options, regions=regions, targets=select_targets(ds, kind, document))
    if statuses:
        result.rows = result.rows[result.rows["status"].isin(statuses)].reset_index(drop=True)
    return result
