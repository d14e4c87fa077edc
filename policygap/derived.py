"""Derived indicators: an indicator defined from others by a formula.

An indicator may carry ``formula: rd_spending / gdp * 100`` (研发投入强度 from
研发经费 and 地区生产总值). The formula is parsed with :mod:`ast` and only
numbers, indicator ids, ``+ - * /``, unary minus and parentheses are
accepted; it is never evaluated as Python. For every region and period where
all its inputs have a figure, the derived figure is computed and added to the
observations, marked ``derived`` (its source names the formula and the
inputs), and provisional when any input is. Inputs of one dimension are put
in one unit first (``common_units``): 研发经费 in 万元 over GDP in 亿元 is
still a percentage. A published figure for the same
region and period wins over the derived one: derivation fills gaps only.
A formula may use another derived indicator; a cycle is an error.
"""

from __future__ import annotations

import ast

from .errors import Problem
from .i18n import _

_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class FormulaError(ValueError):
    pass


def parse(text: str) -> ast.Expression:
    """The formula's syntax tree, refused unless it holds only numbers,
    names, + - * / and parentheses."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        raise FormulaError(_("{formula!r} is not a formula: write it like rd_spending / gdp * 100")
                           .format(formula=text)) from None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.Name, ast.Load, *_OPS)):
            continue
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            continue
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            continue
        if isinstance(node, (ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            continue
        raise FormulaError(_("{formula!r}: only numbers, indicator ids, + - * / and parentheses are allowed")
                           .format(formula=text))
    return tree


def inputs(tree: ast.Expression) -> list[str]:
    """The indicator ids a formula reads, in order of first use."""
    return list(dict.fromkeys(n.id for n in ast.walk(tree) if isinstance(n, ast.Name)))


def evaluate(tree: ast.Expression, values: dict):
    """The formula over whole columns: ``values`` maps each id to a numpy
    array; division by zero gives NaN (no figure), never an error."""
    import numpy as np

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return values[node.id]
        if isinstance(node, ast.UnaryOp):
            return -ev(node.operand) if isinstance(node.op, ast.USub) else ev(node.operand)
        a, b = ev(node.left), ev(node.right)
        op = type(node.op)
        with np.errstate(divide="ignore", invalid="ignore"):
            if op is ast.Add:
                return a + b
            if op is ast.Sub:
                return a - b
            if op is ast.Mult:
                return a * b
            out = np.divide(a, b)
            return np.where(np.asarray(b) == 0, np.nan, out)
        raise FormulaError("unreachable")  # pragma: no cover

    return ev(tree)


def order(formulas: dict) -> tuple[list[str], list[str]]:
    """Derived indicators in an order where inputs come first, and those on a
    cycle (rd_a = rd_b * 2, rd_b = rd_a / 2)."""
    done: list[str] = []
    state: dict[str, int] = {}
    cyclic: list[str] = []

    def visit(name, stack):
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cyclic.extend(x for x in stack[stack.index(name):] if x not in cyclic)
            return
        state[name] = 1
        for dep in formulas[name][1]:
            if dep in formulas:
                visit(dep, [*stack, dep])
        state[name] = 2
        if name not in cyclic:
            done.append(name)

    for name in formulas:
        visit(name, [name])
    return [d for d in done if d not in cyclic], cyclic


def publication_lags(ind, default: float) -> dict:
    """Indicator id -> months after a period its figure is due. A derived
    indicator without a lag of its own waits for its latest input (研发投入强度
    from 研发经费 published 10 months after the year: 10), so that it is not
    overdue before the figures it is made of are."""
    own = ind["publication_lag"] if "publication_lag" in ind.columns else None
    formulas = ind["formula"] if "formula" in ind.columns else None
    out: dict = {}

    def lag(iid, seen=()):
        if iid in out:
            return out[iid]
        value = own.get(iid) if own is not None else None
        if value is not None and value == value:
            return float(value)
        text = formulas.get(iid) if formulas is not None else None
        names = []
        if isinstance(text, str) and iid not in seen:
            try:
                names = [n for n in inputs(parse(text)) if n in ind.index]
            except FormulaError:
                names = []
        return max([lag(n, (*seen, iid)) for n in names], default=float(default))

    for iid in ind.index:
        out[iid] = lag(iid)
    return out


def check_formulas(table, frame, problems: list) -> None:
    """Each formula parses, names known indicators other than its own, and
    no formulas form a cycle. Problems name the file and line."""
    ids = [i for i in frame["id"].tolist() if i is not None]
    known = set(ids)
    parsed = {}
    for i, (ident, text) in enumerate(zip(frame["id"].tolist(), frame["formula"].tolist())):
        if ident is None or not isinstance(text, str):
            continue
        try:
            tree = parse(text)
        except FormulaError as exc:
            problems.append(table.problem(i, "formula", exc.args[0]))  # the message, with its code
            continue
        names = inputs(tree)
        if not names:
            problems.append(table.problem(i, "formula", _("the formula names no indicator: a derived indicator "
                                                          "is computed from others (rd_spending / gdp * 100)")))
            continue
        unknown = [n for n in names if n not in known]
        for n in unknown:
            problems.append(table.problem(i, "formula", _("unknown indicator {name!r} in the formula")
                                          .format(name=n)))
        if ident in names:
            problems.append(table.problem(i, "formula", _("a formula cannot use its own indicator")))
            continue
        if not unknown:
            parsed[ident] = (i, names)
    _ready, cyclic = order(parsed)
    for ident in cyclic:
        problems.append(table.problem(parsed[ident][0], "formula",
                                      _("formulas refer to each other in a circle: {names}")
                                      .format(names=" -> ".join(cyclic))))


def add_derived(frame, defs, path: str = "") -> tuple[object, list[Problem]]:
    """The observations with every derived figure added (column ``derived``
    True for those). ``frame`` has observations.OBS_COLUMNS and ``file``."""
    import pandas as pd

    ind = defs.indicators
    if "derived" not in frame.columns:
        frame["derived"] = False  # in place, not a copy of a national frame
    if "formula" not in ind.columns:
        return frame, []
    formulas = {}
    for iid, text in ind["formula"].items():
        if isinstance(text, str) and text.strip():
            try:
                tree = parse(text)
            except FormulaError:
                continue  # reported by the targets file's checks
            if inputs(tree):  # a formula of numbers alone is reported by the targets file's checks
                formulas[iid] = (tree, inputs(tree))
    if not formulas:
        return frame, []
    ready, _cyclic = order({k: (None, v[1]) for k, v in formulas.items()})
    position = {iid: k for k, iid in enumerate(ind.index)}
    units_of = dict(zip(ind.index, ind["unit"])) if "unit" in ind.columns else {}
    problems: list[Problem] = []
    regions = defs.regions
    named = (dict(zip(ind.index, ind["name"])) if "name" in ind.columns else {},
             dict(zip(regions.index, regions["name"])) if "name" in getattr(regions, "columns", ()) else {})
    for target in ready:
        if target not in position:
            continue
        tree, names = formulas[target]
        if any(n not in position for n in names):
            continue
        new, found = _derive(frame, target, tree, names, position, units_of, named)
        problems.extend(found)
        if new is None:
            continue
        # A published figure for the same region and period wins.
        have = frame[frame["indicator"] == target]
        if len(have):
            key = pd.MultiIndex.from_frame(have[["region", "index"]])
            new = new[~pd.MultiIndex.from_frame(new[["region", "index"]]).isin(key)]
        if len(new):
            frame = pd.concat([frame, new], ignore_index=True)
    frame["derived"] = frame["derived"].fillna(False).astype(bool)
    return frame, problems


def common_units(names: list[str], target: str, units_of: dict) -> dict:
    """The factor and the unit that put each input in one unit with the
    others of its dimension before the formula is computed: the derived indicator's unit
    when it is of that dimension (a sum of 万元 and 亿元 into 亿元), else the
    first such input's (研发经费 in 万元 over GDP in 亿元: GDP read in 万元, so
    that rd_spending / gdp * 100 is a percentage whatever units the figures
    are kept in). An input of a unit the registry does not know is taken
    as written."""
    from . import units

    chosen: dict = {}
    own = units_of.get(target)
    if own and units.is_known(own):
        chosen[units.dimension(own)] = own
    out = {}
    for n in names:
        unit = units_of.get(n) or ""
        if not units.is_known(unit):
            out[n] = (1.0, unit)
            continue
        reference = chosen.setdefault(units.dimension(unit), unit)
        out[n] = (float(units.factor(unit, reference)), reference)
    return out


def _derive(frame, target, tree, names, position, units_of: dict | None = None, named: tuple = ({}, {})):
    import numpy as np
    import pandas as pd

    parts = []
    for n in names:
        part = frame.loc[frame["indicator"] == n, ["region", "index", "period", "value", "provisional",
                                                    "line", "file", "region_code"]]
        if not len(part):
            return None, []
        parts.append(part.rename(columns={"value": n, "provisional": f"{n}__p", "line": f"{n}__line",
                                          "file": f"{n}__file", "period": f"{n}__period"}))
    joined = parts[0]
    for part in parts[1:]:
        joined = joined.merge(part.drop(columns=["region_code"]), on=["region", "index"], how="inner")
    if not len(joined):
        return None, []
    scale = common_units(names, target, units_of or {})
    values = evaluate(tree, {n: joined[n].to_numpy(dtype=float) * scale[n][0] for n in names})
    values = np.broadcast_to(np.asarray(values, dtype=float), (len(joined),)).copy()
    ok = np.isfinite(values)
    formula = ast.unparse(tree)
    problems = _undefined(joined[~ok], target, formula, names, named)
    joined = joined[ok]
    values = values[ok]
    if not len(joined):
        return None, problems
    provisional = np.zeros(len(joined), dtype=bool)
    for n in names:
        provisional |= joined[f"{n}__p"].to_numpy(dtype=bool)

    units_of = units_of or {}

    def figure(row, n) -> str:
        """rd_spending 300000万元, or gdp 1500亿元 = 15000000万元 where it was put in the unit of the others."""
        factor, unit = scale[n]
        said = f"{n} {row[n]:.12g}{units_of.get(n) or ''}"
        if factor != 1.0:
            said += f" = {row[n] * factor:.12g}{unit}"
        return f"{said} ({_where(row[f'{n}__file'], row[f'{n}__line'])})"

    def source(row):
        return f"derived: {formula}; " + ", ".join(figure(row, n) for n in names)

    return pd.DataFrame({
        "region": joined["region"].to_numpy(),
        "indicator": target,
        "index": joined["index"].to_numpy(dtype=np.int64),
        "period": joined[f"{names[0]}__period"].to_numpy(),
        "value": values,
        "provisional": provisional,
        "source": [source(r) for r in joined.to_dict("records")],
        "line": 0,
        "region_code": joined["region_code"].to_numpy(dtype=np.int64),
        "indicator_code": position[target],
        "file": "",
        "derived": True,
    }), problems


def _undefined(rows, target: str, formula: str, names: list[str], named: tuple) -> list[Problem]:
    """A warning for each region and period whose derived figure the formula
    cannot give (a division by zero): without it the target would say its
    figure is missing, as if no one had sent it. At most a few are listed.
    ``named``: (indicator id -> name, region id -> name)."""
    from .errors import WARNING

    out = []
    for row in rows.head(5).to_dict("records"):
        zero = next((n for n in names if row[n] == 0), names[-1])
        shown = ", ".join(f"{n} {row[n]:.12g}" for n in names)
        out.append(Problem(str(row[f"{zero}__file"]), int(row[f"{zero}__line"]), "value", _(
            "{region} {indicator} {period}: not computed from {formula} ({figures}): it divides by zero").format(
            region=named[1].get(row["region"], row["region"]), indicator=named[0].get(target, target),
            period=row[f"{names[0]}__period"], formula=formula,
            figures=shown), WARNING))
    return out


def _where(file, line) -> str:
    from pathlib import Path

    name = Path(str(file)).name if file else ""
    return f"{name}:{int(line)}" if name else f"line {int(line)}"
