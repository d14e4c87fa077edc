"""The development / test split of the policy-text corpus (../shared/corpus).

    python benchmarks/corpus_split.py            # print the split
    python benchmarks/corpus_split.py --check    # compare with corpus_split.txt

The files are grouped by their main text shape (as the corpus INDEX describes
them); within a group they are shuffled with a fixed seed and dealt out
alternately, the toggle running on across groups, so that both halves hold
every shape with two or more files. The split was made before any rule was
written for the corpus and is recorded in benchmarks/corpus_split.txt; gold
lists of the test half were written by hand before the extractor ran on it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SEED = 16
# Main text shape of each file, by its number (a file is in one group only).
GROUPS = {
    "traditional characters with inline pinyin": [3, 17, 29, 37, 39],
    "traditional characters": [4, 5, 9, 10, 14],
    "dash-bullet or numbered lists": [15, 28, 41],
    "phases and year-by-year blocks": [16, 33, 34, 35],
    "enumerations, sub-areas, new/cumulative pairs": [1, 20, 32, 36, 43],
    "implicit year (今年, 十四五末, annual)": [7, 18, 38],
    "notice or preamble before the targets": [8, 11, 13],
    "raw HTML residue": [48],
    "plain news summaries": [2, 6, 12, 19, 21, 22, 23, 24, 25, 26, 27, 30, 31, 40, 42, 44, 46, 47, 49],
}
HERE = Path(__file__).resolve().parent
RECORD = HERE / "corpus_split.txt"


def split() -> dict[str, list[int]]:
    rng = random.Random(SEED)
    halves = {"dev": [], "test": []}
    toggle = 0
    for name in GROUPS:
        files = sorted(GROUPS[name])
        rng.shuffle(files)
        for n in files:
            halves[("dev", "test")[toggle]].append(n)
            toggle ^= 1
    return {k: sorted(v) for k, v in halves.items()}


def recorded() -> dict[str, list[str]]:
    """File names of each half as recorded in corpus_split.txt."""
    out: dict[str, list[str]] = {"dev": [], "test": []}
    half = None
    for line in RECORD.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            half = line[1:-1]
        elif line and not line.startswith("#") and half:
            out[half].append(line)
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    corpus = HERE.parent.parent / "shared" / "corpus" / "policy-texts"
    names = {int(p.name[:2]): p.name for p in corpus.glob("[0-9][0-9]_*.txt")} if corpus.is_dir() else {}
    halves = split()
    if "--check" in argv:
        rec = recorded()
        want = {k: [names.get(n, f"{n:02d}") for n in v] for k, v in halves.items()}
        ok = rec == want if names else {k: [x[:2] for x in v] for k, v in rec.items()} == \
            {k: [f"{n:02d}" for n in v] for k, v in halves.items()}
        print("split matches the record" if ok else "split differs from the record")
        return 0 if ok else 1
    for half, nums in halves.items():
        print(f"[{half}]")
        for n in nums:
            print(names.get(n, f"{n:02d}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
