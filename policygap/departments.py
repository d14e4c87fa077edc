"""Who answers for each target: 牵头单位 (``lead``) and 责任单位 (``units``),
as the document names them.

``--unit NAME`` selects the targets a department leads or shares. NAME
matches a department when

1. it is the department's name (市科技局), or an alias given for it in the
   targets file's ``units:`` section (``市科技局: {aliases: [科技局,
   市科学技术局]}``); or
2. the two are the same once a level prefix is taken off the front:
   市, 县, 区, 省, 市委, 县委, 区委, 省委. So 科技局 matches 市科技局 and
   县科技局, and 组织部 matches 市委组织部; 局 alone matches nothing.

A name that matches no department is an error listing the departments.
"""

from __future__ import annotations

import re

from .errors import PolicygapError
from .i18n import _

_PREFIX = re.compile(r"^(?:市委|县委|区委|省委|市|县|区|省)(?=..)")
SEPARATOR = "、"


def core(name: str) -> str:
    """A department's name without its level prefix: 市科技局 -> 科技局."""
    return _PREFIX.sub("", name.strip())


def departments(targets) -> list[str]:
    """Every department named by a target, lead first, in file order."""
    seen: dict[str, None] = {}
    for lead, units in zip(targets["lead"], targets["units"]):
        for name in (*_names(lead), *_names(units)):
            seen.setdefault(name, None)
    return list(seen)


def _split(joined) -> list[str]:
    """``市科技局、市发改委`` -> the two names; a missing cell -> none."""
    return [n for n in joined.split(SEPARATOR) if n] if isinstance(joined, str) else []


def _names(value) -> tuple:
    if value is None or (isinstance(value, float) and value != value):
        return ()
    return tuple(value)


def aliases_of(defs) -> dict:
    """Each alias the targets file's ``units:`` section gives, to its
    department: 科技局 -> 县科技局. Targets naming either are one department's."""
    return {alias: dept for dept, others in (defs.units or {}).items() for alias in (others or []) if alias != dept}


def row_departments(rec: dict, only: set[str] | None = None, aliases: dict | None = None) -> list[str]:
    """The departments of one output row, lead first, each once under its
    own name (an alias read as its department); ``only``: those --unit chose."""
    names = [n for n in (*_split(rec.get("lead")), *_split(rec.get("units"))) if n and (not only or n in only)]
    return list(dict.fromkeys((aliases or {}).get(n, n) for n in names))


def resolve(names: list[str], defs) -> set[str]:
    """The departments that ``--unit`` names stand for; an unknown name is
    an error listing those there are."""
    known = departments(defs.targets)
    groups = [{dept, *(others or [])} for dept, others in (defs.units or {}).items()]

    def same(a: str, b: str) -> bool:
        return a == b or core(a) == core(b)

    chosen: set[str] = set()
    for name in names:
        name = name.strip()
        members = {name}
        for g in groups:
            if any(same(name, m) for m in g):
                members |= g
        hits = {d for d in known if any(same(d, m) for m in members)}
        if not hits:
            aliases = aliases_of(defs)
            listed = SEPARATOR.join(dict.fromkeys(aliases.get(d, d) for d in known)) if known else _(
                "none: the targets carry no lead: or units:")
            raise PolicygapError(_("--unit: no target names the department {name}; departments: {listed}")
                                 .format(name=name, listed=listed))
        chosen |= hits
    return chosen


def select(targets, chosen: set[str]):
    """The targets whose lead or units include one of ``chosen``."""
    mask = [bool(chosen & {*_names(lead), *_names(units)}) for lead, units in
            zip(targets["lead"], targets["units"])]
    return targets[mask]


def annotate(rows, ds):
    """Add ``lead`` and ``units`` (joined with 、) and ``derived`` (the
    latest figure was computed from others) to the assessment rows."""
    import numpy as np

    import pandas as pd

    from .columns import map_distinct

    t = ds.defs.targets
    rows = rows.copy()
    # each row's target, by position (the ids are unique in a checked file)
    at = pd.Index(t["target_id"]).get_indexer(rows["target_id"])
    for field in ("lead", "units"):
        names = t[field].to_numpy(dtype=object) if field in t.columns else np.full(len(t), None, dtype=object)
        mine = np.append(names, None)[at]  # -1 (no such target): the None at the end
        # joined once per distinct tuple of names
        rows[field] = map_distinct(mine, lambda v: SEPARATOR.join(_names(v)) or None)
    obs = ds.observations
    derived = np.zeros(len(rows), dtype=bool)
    if "derived" in obs.columns and obs["derived"].any():
        d = obs[obs["derived"]]
        keys = set(zip(d["region"], d["indicator"], d["period"]))
        derived = np.array([(r, i, p) in keys for r, i, p in
                            zip(rows["region"], rows["indicator"], rows["latest_period"])], dtype=bool)
    rows["derived"] = derived
    return rows


def split_rows(rows, only: set[str] | None = None, aliases: dict | None = None):
    """For ``--by unit``: one row per (target, department), the department in
    column ``department`` (a target with three departments appears three
    times; one naming none under "(no department named)"). ``only``: the
    departments ``--unit`` chose; a shared target is shown under those alone
    (--unit 科技局 does not bring a 县委组织部 section). ``aliases``
    (aliases_of): a department named by an alias is grouped under its name."""
    import pandas as pd

    out = []
    for rec in rows.to_dict("records"):
        for n in row_departments(rec, only, aliases) or [_("(no department named)")]:
            out.append({**rec, "department": n})
    return pd.DataFrame(out, columns=[*rows.columns, "department"])


ADDED_FIELDS = ("lead", "units", "derived", "year_to_date")


def output_fields(rows) -> list[str]:
    """The assessment's output fields, then lead, units, derived and
    year_to_date when the rows carry them (every command's rows do)."""
    from .assess import OUTPUT_FIELDS

    return [*OUTPUT_FIELDS, *(f for f in ADDED_FIELDS if f in rows.columns and f not in OUTPUT_FIELDS)]


def json_list(column) -> list[str]:
    """JSON gives lead and units as lists: each cell as the JSON text of its
    names (``["市科技局", "市发改委"]``), each distinct cell encoded once."""
    import json

    memo: dict = {}
    out = []
    for joined in column.tolist():
        key = joined if isinstance(joined, str) else None
        if key not in memo:
            memo[key] = json.dumps(_split(key), ensure_ascii=False)
        out.append(memo[key])
    return out
