"""Precision and recall of `policygap extract` on the seed documents, or on
one half of the policy-text corpus.

    python benchmarks/extract_quality.py [--seeds DIR] [--gold DIR] [--targets FILE] [-v]
    python benchmarks/extract_quality.py --corpus test [-v]    # or: --corpus dev
    python benchmarks/extract_quality.py --written held [-v]   # or: --written dev, --written test

Each gold list (tests/gold/<seed stem>.yaml) holds the targets of one seed,
read by hand. Targets are compared as figures: every target's value, each of
its milestones and its stretch value is one item (value, unit, year). An
extracted item is found when a gold item of the same year has the same value
once both are in one unit (units.factor: 20亿元 == 200000万元); each gold item
is found at most once. Targets without a value (relative, milestone) are
counted apart, found when kind and year match.

With --corpus HALF the texts are ../shared/corpus/policy-texts, the gold lists
tests/gold/corpus/*.yaml of that half (benchmarks/corpus_split.txt). Their
labels are descriptions, not names; a figure is found when its value and year
match (a gold year of null, for texts that say only 今年 and carry no date,
matches any year), units converting where both are known.

With --written HALF the texts are tests/gold/written/HALF/texts: policy texts
of the genre written for this benchmark (invented places and figures), with
their gold lists in tests/gold/written/HALF/gold, scored as the seeds are.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
GOLD = REPO / "tests" / "gold"
CORPUS = REPO.parent / "shared" / "corpus" / "policy-texts"
CORPUS_GOLD = GOLD / "corpus"
WRITTEN = GOLD / "written"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from policygap import units  # noqa: E402
from policygap.extract import extract_text, load_registry  # noqa: E402
from policygap.extract.output import num  # noqa: E402
from policygap.extract.text import simplified  # noqa: E402
from policygap.textio import read_text  # noqa: E402


def gold_items(gold: dict):
    """(value, unit, year, label) items and valueless (kind, year, label) of a gold list."""
    items, valueless = [], []
    for t in gold["targets"]:
        label = t.get("name") or t.get("label", "")
        year = None if t.get("year") is None else int(t["year"])
        if t.get("value") is None:
            valueless.append((t["kind"], year, label))
            continue
        unit = simplified(str(t.get("unit") or ""))  # 億元 in a gold list of a text in traditional characters
        if t.get("kind") == "multiple" and not unit:
            unit = "倍"  # a multiple of the base is in 倍 whether or not the gold list says so
        items.append((Decimal(str(t["value"])), unit, year, label))
        for y, v in (t.get("milestones") or {}).items():
            items.append((Decimal(str(v)), unit, int(y), f"{label} ({y} milestone)"))
        if t.get("stretch") is not None:
            items.append((Decimal(str(t["stretch"])), unit, year, f"{label} (力争)"))
    return items, valueless


def draft_items(draft):
    items, valueless = [], []
    for t in list(draft.targets) + list(draft.unresolved):
        label = f"{t.name} [{t.clause}]"
        if t.value is None or t.kind in ("relative", "milestone"):
            valueless.append((t.kind, t.year, label))
            continue
        items.append((Decimal(t.value), t.unit, t.year, label))
        for y, v in t.milestones.items():
            items.append((Decimal(v), t.unit, y, f"{label} ({y} milestone)"))
        if t.stretch is not None:
            items.append((Decimal(t.stretch), t.unit, t.year, f"{label} (力争)"))
    return items, valueless


def same_figure(a, b) -> bool:
    """``a`` drafted, ``b`` gold. A gold year of None matches any year."""
    (va, ua, ya, _), (vb, ub, yb, _) = a, b
    if yb is not None and ya != yb:
        return False
    if ua == ub or {ua, ub} <= _POINTS:
        return va == vb
    if ua == "倍" and ub == "%":
        return (1 - va) * 100 == vb  # a fall of 13.5% is drafted as 0.865 times the base
    try:
        return va * units.factor(ua, ub) == vb
    except units.UnitError:
        pass
    for ma, ba in _magnitudes(ua):
        for mb, bb in _magnitudes(ub):
            if ba == bb and ba and va * ma == vb * mb:
                return True  # 1800万吨标准煤 == 18000000吨标准煤, 250万千瓦 == 2500000千瓦
    # 件 and 件/万人, 人年 and 人年/万人, or PFlops and PFLOPS: the value decides,
    # when the units name the same thing.
    return va == vb and bool(ua) and bool(ub) and ua[0].lower() == ub[0].lower()


_MAGNITUDES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7,
               "百万": Decimal(10) ** 6, "万": Decimal(10) ** 4, "千": Decimal(1000), "百": Decimal(100)}


def _magnitudes(unit: str) -> list[tuple[Decimal, str]]:
    """The readings of a unit with or without a magnitude: 万吨标准煤 ->
    (1, 万吨标准煤), (10000, 吨标准煤); 千瓦 -> (1, 千瓦), (1000, 瓦)."""
    out = [(Decimal(1), unit)]
    for prefix, factor in _MAGNITUDES.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            out.append((factor, unit[len(prefix):]))
    return out


# A rise of a share is drafted in the share's unit (%); the gold may say 个百分点.
_POINTS = {"%", "个百分点", "百分点"}


def score(extracted, gold):
    """Greedy one-to-one matching; returns (found pairs, unmatched extracted, unmatched gold)."""
    free = list(range(len(gold)))
    pairs, extra = [], []
    for e in extracted:
        hit = next((i for i in free if same_figure(e, gold[i])), None)
        if hit is None:
            extra.append(e)
        else:
            free.remove(hit)
            pairs.append((e, gold[hit]))
    return pairs, extra, [gold[i] for i in free]


def evaluate(seeds: Path = SEEDS, gold_dir: Path = GOLD, registry=None, half: str | None = None) -> dict:
    """Per document and overall: precision, recall and what was missed.
    With ``half`` only the gold lists of that half (their ``half:`` key)."""
    import yaml

    if registry is None:
        registry = load_registry(None)
    docs = {}
    totals = {"found": 0, "extracted": 0, "gold": 0, "valueless_found": 0, "valueless_gold": 0}
    for gpath in sorted(Path(gold_dir).glob("*.yaml")):
        gold = yaml.safe_load(gpath.read_text(encoding="utf-8"))
        if half is not None and gold.get("half") != half:
            continue
        source = Path(seeds) / gold["document"]
        draft = extract_text(read_text(source), registry, source_name=source.name)
        g_items, g_valueless = gold_items(gold)
        d_items, d_valueless = draft_items(draft)
        pairs, extra, missed = score(d_items, g_items)
        vl_found = 0
        pool = list(d_valueless)
        for kind, year, _ in g_valueless:
            hit = next((x for x in pool if x[0] == kind and (year is None or x[1] == year)), None)
            if hit:
                pool.remove(hit)
                vl_found += 1
        doc = {
            "found": len(pairs), "extracted": len(d_items), "gold": len(g_items),
            "precision": len(pairs) / len(d_items) if d_items else 1.0,
            "recall": len(pairs) / len(g_items) if g_items else 1.0,
            "false_positives": extra, "missed": missed,
            "valueless_found": vl_found, "valueless_gold": len(g_valueless),
            "valueless_extracted": len(d_valueless),
        }
        docs[gpath.stem] = doc
        for k in totals:
            totals[k] += doc[k]
    overall = dict(totals)
    overall["precision"] = totals["found"] / totals["extracted"] if totals["extracted"] else 1.0
    overall["recall"] = totals["found"] / totals["gold"] if totals["gold"] else 1.0
    return {"documents": docs, "overall": overall}


def _fmt(item) -> str:
    v, u, y, label = item
    return f"{num(v)}{u} {y if y is not None else 'this year'}  {label}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--targets", type=Path, default=None, help="registry (default: the embedded targets file)")
    ap.add_argument("--corpus", choices=("dev", "test"), default=None,
                    help="score one half of ../shared/corpus/policy-texts instead of the seeds")
    ap.add_argument("--written", choices=("dev", "test", "held", "held2", "held3", "held4", "held5", "held6", "held7", "held8"), default=None,
                    help="score the texts written for this benchmark (tests/gold/written/HALF)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    args = ap.parse_args(argv)
    if args.written:
        texts, gold = WRITTEN / args.written / "texts", WRITTEN / args.written / "gold"
    elif args.corpus:
        texts, gold = CORPUS, (args.gold if args.gold != GOLD else CORPUS_GOLD)
    else:
        texts, gold = args.seeds, args.gold
    if not texts.is_dir():
        print(f"no documents in {texts}", file=sys.stderr)
        return 2
    result = evaluate(texts, gold, load_registry(args.targets), half=args.corpus)
    print(f"{'document':<40}{'gold':>6}{'found':>7}{'drafted':>9}{'precision':>11}{'recall':>8}   valueless")
    rows = list(result["documents"].items()) + [("overall", result["overall"])]
    for name, d in rows:
        print(f"{name:<40}{d['gold']:>6}{d['found']:>7}{d['extracted']:>9}{d['precision']:>11.3f}"
              f"{d['recall']:>8.3f}   {d['valueless_found']}/{d['valueless_gold']}")
    if args.verbose:
        for name, d in result["documents"].items():
            for item in d["missed"]:
                print(f"{name}: missed          {_fmt(item)}")
            for item in d["false_positives"]:
                print(f"{name}: not in the gold {_fmt(item)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
