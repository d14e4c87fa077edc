"""Time of `policygap extract` on long texts: 1 MB and 10 MB of real policy
text, and the shapes that once made it slow (a run of ``1-2-3-…``, of
``(一)(二)…``, one long number). Prints figures; asserts nothing.

    python benchmarks/extract_speed.py [--sizes 1,10] [--adversarial-kb 20]

Real text is the seed documents and the corpus read at run time from
../shared, repeated to the size; without ../shared a made-up text of the same
genre stands in. Reading is linear in the length of the text: the figure per
MB should stay about the same from 1 MB to 10 MB.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from policygap.extract import Registry, extract_text  # noqa: E402

MADE_UP = (
    "一、工作目标\n到2025年，全市高新技术企业达到600家，科技型中小企业突破1300家，"
    "技术合同成交额达到20亿元，研发经费投入年均增长10%以上；新增省级重点实验室5个、"
    "市级工程技术研究中心20家。截至目前，全市拥有高新技术企业420家。\n"
)


def real_text() -> str:
    parts = []
    for folder in (SHARED / "seeds", SHARED / "corpus" / "policy-texts"):
        if folder.is_dir():
            parts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    return "\n".join(parts) or MADE_UP


def sized(text: str, n_bytes: int) -> str:
    reps = n_bytes // len(text.encode("utf-8")) + 1
    out = "\n".join([text] * reps)
    return out.encode("utf-8")[:n_bytes].decode("utf-8", errors="ignore")


def run(label: str, text: str) -> float:
    t0 = time.perf_counter()
    draft = extract_text(text, Registry())
    dt = time.perf_counter() - t0
    mb = len(text.encode("utf-8")) / 1e6
    print(f"{label:<34}{mb:>8.2f} MB{dt:>9.2f} s{dt / mb if mb else 0:>9.2f} s/MB"
          f"{len(draft.targets):>9} targets", flush=True)
    return dt


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,10", help="sizes of real text in MB (default 1,10)")
    ap.add_argument("--adversarial-kb", type=int, default=200, help="size of each pathological text in KB")
    args = ap.parse_args(argv)
    kb = args.adversarial_kb * 1000
    run("1-2-3-… run", "-".join(str(i) for i in range(1, kb))[:kb])
    run("(一)(二)… run", ("(一)(二)(三)(四)(五)" * (kb // 15 + 1))[:kb])
    run("one long number", "1" * kb)
    run("digits and 个 with no punctuation", ("12个" * (kb // 4 + 1))[:kb])
    goals = "到2027年，高新技术企业达到500家，申请单位应不低于3人；集群营业收入达到1000亿元，同比增长12%，"
    run("goals on one line without a line end", (goals * (kb // len(goals.encode()) + 1))[: kb // 3])
    base = real_text()
    for size in (float(x) for x in args.sizes.split(",") if x):
        run(f"real text {size:g} MB", sized(base, int(size * 1e6)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
