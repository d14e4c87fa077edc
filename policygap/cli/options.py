"""Options shared by the commands, and the steps every assessing command takes:
load the data, resolve regions, parse --as-of and thresholds, filter."""

from __future__ import annotations

import math
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import PolicygapError
from ..i18n import N_, _
from ..textio import clipped


def _set_language(value):
    """--lang on a command: it wins over the environment and over --lang
    before the command; not given, the choice made so far stands."""
    from ..i18n import set_language

    if value is not None:
        set_language(getattr(value, "value", value))
    return value


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
    "--targets", metavar="FILE.yaml", help="Targets file, e.g. --targets 方案.yaml. Default: $POLICYGAP_TARGETS, "
    "else the file named in ./policygap.yaml, else the embedded data.", show_default=False)]
BaselinesOpt = Annotated[Optional[list[Path]], typer.Option(
    "--baselines", metavar="FILE|FOLDER", help="Figures (one figure a row): a .csv or .xlsx file, or a folder of "
    "them; repeat to read several as one set, e.g. --baselines 台账.csv (and a folder: --baselines 填报/). Default: "
    "$POLICYGAP_BASELINES, else the files named in ./policygap.yaml, else the embedded data.",
    show_default=False)]
UnitOpt = Annotated[Optional[list[str]], typer.Option(
    "--unit", metavar="DEPARTMENT", help="Only targets this department leads or shares (牵头单位/责任单位), "
    "e.g. --unit 市科技局 or --unit 科技局; repeat or separate with commas.", show_default=False)]
FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", metavar="table|text|csv|json|xlsx", help="table: for people (default); text: a sentence "
    "per target for a report; csv, json: for programs; xlsx: a workbook, needs --output. "
    "E.g. -f csv --bom -o 台账.csv.", show_default=False)]
_FORMAT_OF_SUFFIX = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
_SUFFIX_OF_FORMAT = {"text": "txt", "table": "txt"}


def format_for_output(fmt: "Format", output) -> "Format":
    """``-o 台账.xlsx`` (or .csv, .json) without --format writes that format,
    not a text table under a name Excel cannot open; an explicit --format
    that contradicts the file's extension is refused before any work."""
    if output is None or str(output) == "-":
        return fmt
    wanted = _FORMAT_OF_SUFFIX.get(Path(output).suffix.lower())
    if wanted is None or wanted == fmt.value:
        return fmt
    if fmt == Format.table:
        return Format(wanted)
    raise PolicygapError(_("--format {format} does not write a {suffix} file: name the file {name}, or leave "
                           "out --format").format(format=fmt.value, suffix=Path(output).suffix,
                                                  name=Path(output).with_suffix("." + _SUFFIX_OF_FORMAT.get(
                                                      fmt.value, fmt.value)).name))


def output_path(value: str) -> Path:
    """``--output``: a file name, or ``-`` for stdout; an empty name is a mistake
    (a shell variable that was not set), not the current folder."""
    if not value:
        raise typer.BadParameter(_("needs a file name (or - for standard output)"))
    return Path(value)


# Names a program opens as something other than plain text.
_NOT_TEXT = {".xlsx": "Excel", ".xls": "Excel", ".et": "WPS", ".docx": "Word", ".doc": "Word", ".wps": "WPS",
             ".pdf": "PDF", ".csv": "CSV", ".json": "JSON", ".html": "HTML", ".htm": "HTML"}


def _plain_output(refusal: str):
    """An ``--output`` parser for a command that writes plain text (explain)
    or YAML (extract): a name such as 说明.xlsx would make a file its program
    cannot open, and is refused with ``refusal``."""
    def parse(value: str) -> Path:
        path = output_path(value)
        kind = _NOT_TEXT.get(path.suffix.lower())
        if kind is not None:
            raise typer.BadParameter(_(refusal).format(name=path.name, kind=kind))
        return path

    return parse


text_output_path = _plain_output(N_("{name} names a {kind} file, but this command writes plain text: give a .txt "
                                   "name"))
draft_output_path = _plain_output(N_("{name} names a {kind} file, but extract writes a YAML draft: give a .yaml "
                                    "name"))


TextOutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", help="Write to FILE (replaced whole, never half-written) instead of the "
    "screen, e.g. -o 说明.txt.", show_default=False, parser=text_output_path)]
DraftOutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", help="Write the draft to FILE (replaced whole, never half-written) instead "
    "of the screen, e.g. -o 草稿.yaml.", show_default=False, parser=draft_output_path)]
OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", help="Write to FILE (replaced whole, never half-written) instead of the "
    "screen, e.g. -o 鞍山.xlsx.", show_default=False, parser=output_path)]
BomOpt = Annotated[bool, typer.Option(
    "--bom", help="Start a CSV file with a byte-order mark so that Excel shows Chinese text correctly.")]
HeaderOpt = Annotated[Header, typer.Option(
    "--header", metavar="field|zh|en", help="CSV header: field (field names and status codes, for scripts; "
    "the default), zh or en (the table's headings and status words, for a person in Excel or WPS). "
    "E.g. -f csv --header zh --bom -o 台账.csv.")]
AllOpt = Annotated[bool, typer.Option("--all", help="Every region that has targets.")]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE", help="Assess as if today were DATE: YYYY, YYYY-MM or YYYY-MM-DD, e.g. --as-of "
    "2024-06; later figures are ignored. Default: today.", show_default=False)]
LangOpt = Annotated[Optional[Lang], typer.Option(
    "--lang", metavar="zh|en", help="Language of the output, help and messages: zh or en, e.g. --lang en. "
    "Default: $POLICYGAP_LANG, else zh.", show_default=False, is_eager=True,
    callback=lambda v: _set_language(v))]
MethodOpt = Annotated[Method, typer.Option(
    "--method", metavar="planner|sdg", help="planner: the gap to 序时进度 (default); sdg: achieved ÷ planned "
    "growth in the UN categories (0.95 / 0.6 / 0), e.g. --method sdg.", show_default=False)]
ThresholdsOpt = Annotated[Optional[str], typer.Option(
    "--thresholds", metavar="NAME=N,…", help="Status thresholds in 百分点 of 序时进度; names ahead, on_track, "
    "behind, e.g. --thresholds ahead=10,on_track=-10,behind=-30 (the defaults).", show_default=False)]
def fraction(value: str) -> float:
    """``--tolerance 0.03`` or ``3%``, as the targets file takes it."""
    text = value.strip()
    percent = text.endswith(("%", "％"))
    try:
        x = float(text.rstrip("%％").strip())
    except ValueError:
        raise typer.BadParameter(_("{value} is not a fraction: write 0.03 or 3%").format(value=repr(clipped(value)))) \
            from None
    return x / 100 if percent else x


ToleranceOpt = Annotated[Optional[float], typer.Option(
    "--tolerance", metavar="FRACTION", help="Band for ~ (左右) targets, a fraction of the value from 0 to below "
    "1, e.g. --tolerance 0.03 (or 3%). Default: 0.05.", show_default=False, parser=fraction)]
StaleOpt = Annotated[Optional[int], typer.Option(
    "--stale-months", metavar="MONTHS", help="Mark figures older than this many months before --as-of with †, "
    "e.g. --stale-months 18. Default: 12.", show_default=False)]
StatusFilter = Annotated[Optional[list[str]], typer.Option(
    "--status", metavar="STATUS,…", help="Only targets with these statuses: {statuses}; repeat or separate with "
    "commas, e.g. --status behind,off_track.", show_default=False)]
KindFilter = Annotated[Optional[list[str]], typer.Option(
    "--kind", metavar="KIND,…", help="Only targets of these kinds: {kinds}; repeat or separate with commas, "
    "e.g. --kind level,share.", show_default=False)]
DocumentFilter = Annotated[Optional[list[str]], typer.Option(
    "--document", metavar="ID,…", help="Only targets from these documents (their ids in the targets file), e.g. "
    "--document anshan-talent-2023.", show_default=False)]
FailOnOpt = Annotated[Optional[list[str]], typer.Option(
    "--fail-on", metavar="STATUS,…", help="Statuses that make check exit with 1: {statuses}; e.g. --fail-on "
    "off_track,missed. Default: behind, off_track, missed, overdue.", show_default=False)]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Print nothing on stdout; errors still go to stderr and the exit code tells the "
    "verdict.")]
WideOpt = Annotated[bool, typer.Option(
    "--wide", help="At a terminal, show every column even if lines get longer than its width (into a file or "
    "a pipe every column is always shown).")]


class By(str, Enum):
    region = "region"
    unit = "unit"


ByOpt = Annotated[By, typer.Option(
    "--by", metavar="region|unit", help="Group by region (default), or by unit: one group per department, a "
    "target shared by three departments under each, e.g. --by unit.", show_default=False)]
RegionsArg = Annotated[Optional[list[str]], typer.Argument(
    metavar="REGION", help="Region ids or names, e.g. anshan, 鞍山, 鞍山市, Anshan.", show_default=False)]


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
            raise PolicygapError(_("--thresholds: {part} is not name=value (e.g. behind=-30)").format(part=repr(clipped(part))))
        k, v = (x.strip() for x in part.split("=", 1))
        if k not in THRESHOLD_FIELDS:
            raise PolicygapError(_("--thresholds: unknown threshold {name}; use {names}").format(
                name=repr(clipped(k)), names=", ".join(THRESHOLD_FIELDS)))
        try:
            out[k] = float(v)
        except ValueError:
            out[k] = math.nan
        if not math.isfinite(out[k]):  # nan and inf are words float() takes, not thresholds
            raise PolicygapError(_("--thresholds: {value} is not a number").format(value=repr(clipped(v))))
    return out


# Figures that look like a slip (万 typed into a 亿元 row, a share typed as a
# fraction, one quarter typed for a total from January, a count below zero,
# a rank of 0 or 2.5) or a derived figure that cannot be computed change what
# every output says, and may turn a target 已完成 or leave it without data:
# shown on stderr by every command that reads the data, not only counted.
SLIP_CODES = ("O021", "O022", "O023", "O024", "O026", "O027")
SLIPS_SHOWN = 5


def load(targets: Path | None, baselines: list[Path] | None, quiet: bool = False):
    """The data set; the figures that look like a slip said on stderr, unless
    ``quiet`` (check --quiet prints nothing at all: its exit code is the answer)."""
    from .. import dataset
    from .app import err

    ds = dataset.load(targets, baselines)
    slips = [p for p in ds.problems if p.code in SLIP_CODES and not quiet]
    for p in slips[:SLIPS_SHOWN]:
        err(str(p))
    if len(slips) > SLIPS_SHOWN:
        err(_("… and {count} more figures to check; policygap validate lists them").format(
            count=len(slips) - SLIPS_SHOWN))
    return ds


def resolve_regions(ds, names: list[str] | None, all_: bool) -> list[str]:
    """Region ids from ids or aliases; an unknown name suggests the closest."""
    import difflib


    lookup = ds.defs.region_lookup
    if all_:
        if names:
            raise PolicygapError(_("give region names or --all, not both"))
        with_targets = set(ds.defs.targets["region"].tolist())  # plain strings: no per-item array access
        return [r for r in ds.defs.regions.index.tolist() if r in with_targets]
    if not names:
        having = set(ds.defs.targets["region"].tolist())
        with_targets = [r for r in ds.defs.regions.index.tolist() if r in having]
        example = with_targets[0] if with_targets else "anshan"  # one of the file's own regions
        raise PolicygapError(_("name a region (e.g. {example}) or use --all; `policygap regions` lists them").format(
            example=clipped(str(example))))
    out = []
    for name in names:
        rid = lookup.get(name.strip().casefold())
        if rid is None:
            # no region is named in a hundred characters: nothing to suggest
            close = difflib.get_close_matches(name.strip().casefold(), list(lookup), n=1,
                                              cutoff=0.5) if len(name) <= 100 else []
            hint = ""
            if close:
                cid = lookup[close[0]]
                hint = _("; did you mean {name} ({full_name})?").format(name=repr(cid),
                                                                     full_name=ds.defs.regions.at[cid, "name"])
            message = _("unknown region {region}{hint} (`policygap regions` lists them)").format(
                region=repr(clipped(name)), hint=hint)
            raise PolicygapError(message + _unread_targets_here(ds))
        if rid not in out:
            out.append(rid)
    return out


def _unread_targets_here(ds) -> str:
    """A newcomer's targets.yaml in the current folder is not read without
    --targets or a policygap.yaml: when the embedded data was read instead,
    say so."""
    from ..dataset import embedded_path

    here = Path("targets.yaml")
    if not here.is_file() or Path(ds.targets_path).resolve() != embedded_path("targets.yaml").resolve():
        return ""
    return "\n" + _("the targets read are policygap's embedded data: targets.yaml in this folder was not read; "
                    "add --targets targets.yaml --baselines baselines.csv, or make this folder a workspace with "
                    "policygap.yaml (policygap init)")


def region_names(ds, lang: str) -> dict:
    regions = ds.defs.regions
    if lang == "en":
        return {r: (en or _latin_alias(aliases) or r)
                for r, en, aliases in zip(regions.index.tolist(), regions["name_en"].tolist(),
                                          regions["aliases"].tolist())}
    return regions["name"].to_dict()


def _latin_alias(aliases) -> str | None:
    """The first alias written in Latin letters (Qingxi), for English output
    of a region without name_en."""
    for alias in aliases if isinstance(aliases, list) else []:
        if alias.isascii() and any(ch.isalpha() for ch in alias):
            return alias
    return None


def check_choices(values: list[str], choices, option: str) -> list[str]:
    for v in values:
        if v not in choices:
            raise PolicygapError(_("{option}: {value} is not one of {choices}").format(
                option=option, value=repr(clipped(v)), choices=", ".join(dict.fromkeys(choices))))
    return values


def select_targets(ds, kind: list[str] | None, document: list[str] | None, unit: list[str] | None = None):
    """The targets table narrowed by --kind, --document and --unit."""
    from ..schema import KINDS

    kinds = check_choices(split_list(kind), KINDS, "--kind")
    documents = split_list(document)
    for d in documents:
        if d not in ds.defs.documents.index:
            raise PolicygapError(_("--document: unknown document {document}; documents: {documents}").format(
                document=repr(clipped(d)), documents=", ".join(ds.defs.documents.index)))
    targets = ds.defs.targets
    if kinds:
        targets = targets[targets["kind"].isin(kinds)]
    if documents:
        targets = targets[targets["document"].isin(documents)]
    units = split_list(unit)
    if units:
        from .. import departments

        targets = departments.select(targets, departments.resolve(units, ds.defs))
    return targets


DEFAULT_FAIL_ON = ("behind", "off_track", "missed", "overdue")


def parse_fail_on(values: list[str] | None) -> list[str]:
    """``--fail-on``: status codes, default behind, off_track, missed, overdue."""
    from ..schema import STATUSES

    chosen = check_choices(split_list(values), STATUSES, "--fail-on")
    return chosen or list(DEFAULT_FAIL_ON)


def run_assessment(ds, regions, *, as_of, method, thresholds, tolerance, stale_months, status, kind, document,
                   unit=None):
    """Assess the selected targets and apply --status."""
    from ..assess import Options, assess
    from ..schema import STATUSES

    from ..core import CAGR_CATEGORY_ZH

    # --status takes the statuses, and the international categories
    # (substantial, moderate, limited, deterioration) of --method sdg.
    statuses = check_choices(split_list(status), (*STATUSES, *CAGR_CATEGORY_ZH), "--status")
    if tolerance is not None and not 0 <= tolerance < 1:
        raise PolicygapError(_("--tolerance: a fraction of the value from 0 to below 1 (0.05 = ±5%)"))
    if stale_months is not None and stale_months < 0:
        raise PolicygapError(_("--stale-months: a number of months, 0 or more"))
    th = parse_thresholds(thresholds)
    if th:
        merged = {**ds.settings["thresholds"], **th}
        if not merged["ahead"] > merged["on_track"] > merged["behind"]:
            raise PolicygapError(_("--thresholds: must satisfy ahead > on_track > behind"))
    options = Options(as_of=parse_as_of(as_of), method=method.value, thresholds=th, tolerance=tolerance,
                      stale_months=stale_months)
    result = assess(ds, options, regions=regions, targets=select_targets(ds, kind, document, unit))
    from ..departments import annotate, resolve

    result.rows = annotate(result.rows, ds)
    if split_list(unit):
        result.departments = resolve(split_list(unit), ds.defs)
    if statuses:
        rows = result.rows
        chosen = rows["status"].isin(statuses) | rows["cagr_category"].isin([s for s in statuses if s not in STATUSES])
        result.rows = rows[chosen].reset_index(drop=True)
    return result
