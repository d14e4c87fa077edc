"""Measure policygap at national scale and print the figures.

    python benchmarks/run.py [--sizes 0.25,1,4] [--repeat 3] [--workdir benchmarks/out]

For each size it generates the synthetic national data set (benchmarks/
generate.py, cached in the work directory) and reports:

- floor: a Python process that imports pandas and reads the observations
  file with ``pandas.read_csv`` (the cost of reading the data at all);
- whole: ``policygap status --all --format csv -o FILE`` as a process;
- ratio whole / floor (goal: at most 1.5);
- in-process phases: load (both files, every check), assessment, CSV
  rendering; and the peak resident memory of the whole run (goal: 1 GB at
  scale 1);
- and, once, start-up: ``policygap --help`` (goal 0.15 s) and ``policygap
  status anshan`` on the embedded data (goal 0.5 s).

Times are the best of ``--repeat`` runs (wall clock): the least disturbed by
whatever else the machine is doing. Nothing here is asserted; the figures are
for reading (docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

PHASES = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
from policygap import dataset, periods
from policygap.assess import OUTPUT_FIELDS, Options, assess
from policygap.render import machine
t1 = time.perf_counter()
ds = dataset.load(Path(sys.argv[1]), Path(sys.argv[2]))
t2 = time.perf_counter()
result = assess(ds, Options(as_of=periods.parse_as_of(sys.argv[3])))
t3 = time.perf_counter()
data = machine.to_csv(result.rows, OUTPUT_FIELDS)
t4 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "assess": t3 - t2, "csv": t4 - t3,
                  "rows": len(result.rows), "bytes": len(data),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

AS_OF = "2026-11"


def _wall(cmd: list[str], repeat: int, env=None) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode()}")
        best = min(best, elapsed)
    return best


def _peak_mb(cmd: list[str]) -> float:
    """Peak resident memory of a child process, in MB (Linux: ru_maxrss in KB)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


def measure(size: float, workdir: Path, repeat: int) -> dict:
    from generate import generate

    folder = workdir / f"scale-{size:g}"
    targets, baselines = folder / "targets.yaml", folder / "baselines.csv"
    if not baselines.exists():
        counts = generate(folder, scale=size)
        (folder / "counts.json").write_text(json.dumps(counts))
    counts = json.loads((folder / "counts.json").read_text())
    py = sys.executable
    floor = _wall([py, "-c", f"import pandas; pandas.read_csv({str(baselines)!r})"], repeat)
    out = folder / "status.csv"
    cmd = [py, "-m", "policygap", "status", "--all", "--format", "csv", "-o", str(out),
           "--targets", str(targets), "--baselines", str(baselines), "--as-of", AS_OF]
    whole = _wall(cmd, repeat)
    phases = None
    for _ in range(repeat):
        proc = subprocess.run([py, "-c", PHASES, str(targets), str(baselines), AS_OF], capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr)
        run = json.loads(proc.stdout)
        if phases is None or run["load"] + run["assess"] + run["csv"] < phases["load"] + phases["assess"] + phases["csv"]:
            phases = run
    return {"size": size, **counts, "floor_s": floor, "whole_s": whole, "ratio": whole / floor,
            "peak_mb": _peak_mb(cmd), **{f"{k}_s": phases[k] for k in ("imports", "load", "assess", "csv")},
            "csv_mb": phases["bytes"] / 1e6}


def startup(repeat: int) -> dict:
    exe = [sys.executable, "-m", "policygap"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYGAP_")}
    return {
        "help_s": _wall([*exe, "--help"], repeat, env),
        "status_anshan_s": _wall([*exe, "status", "anshan"], repeat, env),
        "python_s": _wall([sys.executable, "-c", "pass"], repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.25,1,4", help="comma-separated scales (1 = national)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    s = startup(max(args.repeat, 5))
    print(f"start-up: policygap --help {s['help_s']:.3f} s (goal 0.15), status anshan "
          f"{s['status_anshan_s']:.3f} s (goal 0.5); bare python {s['python_s']:.3f} s")
    header = (f"{'scale':>5} {'regions':>7} {'targets':>8} {'figures':>9} | {'floor':>6} {'whole':>6} "
              f"{'ratio':>5} | {'load':>6} {'assess':>6} {'csv':>6} {'import':>6} | {'peak MB':>7}")
    print(header)
    print("-" * len(header))
    results = []
    for size in (float(x) for x in args.sizes.split(",")):
        r = measure(size, args.workdir, args.repeat)
        results.append(r)
        print(f"{r['size']:>5g} {r['regions']:>7,} {r['targets']:>8,} {r['observations']:>9,} | "
              f"{r['floor_s']:>6.2f} {r['whole_s']:>6.2f} {r['ratio']:>5.2f} | {r['load_s']:>6.2f} "
              f"{r['assess_s']:>6.2f} {r['csv_s']:>6.2f} {r['imports_s']:>6.2f} | {r['peak_mb']:>7.0f}",
              flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last["observations"] / first["observations"]
        print(f"data ×{growth:.1f} from scale {first['size']:g} to {last['size']:g}: whole run "
              f"×{last['whole_s'] / first['whole_s']:.1f}, floor ×{last['floor_s'] / first['floor_s']:.1f} "
              "(linear growth keeps these close)")
    (args.workdir / "results.json").write_text(json.dumps({"startup": s, "sizes": results}, indent=1))


if __name__ == "__main__":
    main()
