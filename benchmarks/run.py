"""Measure policygap at national scale and print the figures and the goals.

    python benchmarks/run.py [--sizes 0.01,0.25,1,4] [--repeat 3] [--commands csv,json,...]
                             [--workdir benchmarks/out]

For each size it generates the synthetic national data set (benchmarks/
generate.py, cached in the work directory, with the targets also written as
one hand-written-style YAML file) and runs, each as its own process:

- floor: ``python -c "import pandas; pandas.read_csv(baselines)"``, the cost
  of reading the figures at all;
- csv, json, table, text, xlsx: ``policygap status --all --format F -o FILE``
  (table: into a file, as a pipe gets it);
- check: ``policygap check --all --quiet``; validate: ``policygap validate``;
- yaml: reading and checking the targets written as one YAML file
  (``policygap validate --targets targets-inline.yaml``).

Each is timed as CPU seconds of the process (user + system: the machine may
be shared, and CPU time is what others' load disturbs least) and wall
seconds, the best of ``--repeat``; and the peak resident memory. Ratios are
against the floor measured in the same run. Start-up: ``policygap --help``,
``required 473 600 --from 2022 --to 2025`` and ``status anshan`` on the
embedded data, and the imports they cannot avoid.

Nothing here is asserted; the figures are for reading (docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

AS_OF = "2026-11"
COMMANDS = ("csv", "json", "table", "text", "xlsx", "check", "validate", "yaml")

# Goals of issue 17 (ratios to the floor, or to the CSV run).
GOALS = {"csv": ("floor", 2.5), "check": ("floor", 2.0), "validate": ("floor", 2.0),
         "json": ("csv", 1.5), "table": ("csv", 1.5), "text": ("csv", 1.5), "xlsx": ("csv", 1.5)}
PEAK_GOAL_MB = 1024


def _run(cmd: list[str], repeat: int, env=None) -> dict:
    """Best CPU and wall seconds of ``repeat`` runs, and the peak memory
    (GNU time's maximum resident set, where /usr/bin/time exists)."""
    gnu_time = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    best = {"cpu": float("inf"), "wall": float("inf"), "peak_mb": float("nan")}
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run([*gnu_time, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode == 2:  # refused (a YAML file above the size limit): say so, go on
            reason = proc.stderr.decode().strip().splitlines()
            print(f"  refused: {' '.join(cmd[-4:])}: {reason[0] if reason else ''}", file=sys.stderr, flush=True)
            return {"cpu": float("nan"), "wall": float("nan"), "peak_mb": float("nan"), "refused": True}
        if proc.returncode not in (0, 1):  # check exits 1 when targets fail
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode()}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best["cpu"] = min(best["cpu"], cpu)
        best["wall"] = min(best["wall"], wall)
        if gnu_time:
            try:
                best["peak_mb"] = int(proc.stderr.decode().strip().splitlines()[-1]) / 1024
            except (ValueError, IndexError):
                pass
    return best


def data_set(size: float, workdir: Path) -> tuple[Path, dict]:
    from generate import generate, write_yaml

    folder = workdir / f"scale-{size:g}"
    if not (folder / "counts.json").exists():
        counts = generate(folder, scale=size)
        counts["yaml_bytes"] = write_yaml(folder, folder / "targets-inline.yaml")
        (folder / "counts.json").write_text(json.dumps(counts))
    return folder, json.loads((folder / "counts.json").read_text())


def measure(size: float, workdir: Path, repeat: int, commands: list[str]) -> dict:
    folder, counts = data_set(size, workdir)
    py = sys.executable
    targets, baselines = folder / "targets.yaml", folder / "baselines.csv"
    files = ["--targets", str(targets), "--baselines", str(baselines)]
    out = {"size": size, **counts, "floor": _run([py, "-c", f"import pandas; pandas.read_csv({str(baselines)!r})"], repeat)}
    status = [py, "-m", "policygap", "status", "--all", "--as-of", AS_OF, *files]
    cmds = {
        "csv": [*status, "--format", "csv", "-o", str(folder / "out.csv")],
        "json": [*status, "--format", "json", "-o", str(folder / "out.json")],
        "table": [*status, "-o", str(folder / "out.txt")],
        "text": [*status, "--format", "text", "-o", str(folder / "out-text.txt")],
        "xlsx": [*status, "--format", "xlsx", "-o", str(folder / "out.xlsx")],
        "check": [py, "-m", "policygap", "check", "--all", "--quiet", "--as-of", AS_OF, *files],
        "validate": [py, "-m", "policygap", "validate", *files],
        "yaml": [py, "-m", "policygap", "validate", "--targets", str(folder / "targets-inline.yaml"),
                 "--baselines", str(baselines)],
    }
    print(f"  scale {size:g} floor: {out['floor']['cpu']:.2f} s CPU, {out['floor']['wall']:.2f} s wall, "
          f"{out['floor']['peak_mb']:.0f} MB", file=sys.stderr, flush=True)
    for name in commands:
        out[name] = _run(cmds[name], repeat)
        print(f"  scale {size:g} {name}: {out[name]['cpu']:.2f} s CPU, {out[name]['wall']:.2f} s wall, "
              f"{out[name]['peak_mb']:.0f} MB", file=sys.stderr, flush=True)
    return out


def startup(repeat: int) -> dict:
    """Start-up as an installed copy has it: policygap's modules byte-compiled
    (PYTHONDONTWRITEBYTECODE, where set, would make every run compile them)."""
    import compileall

    compileall.compile_dir(str(ROOT / "policygap"), quiet=1)
    exe = [sys.executable, "-m", "policygap"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYGAP_") and k != "PYTHONDONTWRITEBYTECODE"}
    return {
        "python": _run([sys.executable, "-c", "pass"], repeat),
        "import typer": _run([sys.executable, "-c", "import typer"], repeat),
        "import numpy": _run([sys.executable, "-c", "import numpy"], repeat),
        "import pandas": _run([sys.executable, "-c", "import pandas"], repeat),
        "--help": _run([*exe, "--help"], repeat, env),
        "required": _run([*exe, "required", "473", "600", "--from", "2022", "--to", "2025"], repeat, env),
        "status anshan": _run([*exe, "status", "anshan"], repeat, env),
    }


def report(s: dict, results: list[dict], commands: list[str]) -> None:
    print("start-up (CPU s, best): " + ", ".join(f"{k} {v['cpu']:.2f}" for k, v in s.items()))
    print(f"  goals: status anshan <= 0.5 s: {s['status anshan']['cpu']:.2f}; required <= 0.2 s: "
          f"{s['required']['cpu']:.2f}")
    cols = ["floor", *commands]
    print("\nCPU seconds (best of runs); in brackets: ratio to the floor (csv, check, validate) or to csv "
          "(json, table, text, xlsx); peak MB")
    head = f"{'scale':>5} {'regions':>7} {'targets':>8} {'figures':>9} | " + " | ".join(f"{c:>17}" for c in cols)
    print(head)
    print("-" * len(head))
    for r in results:
        cells = []
        for c in cols:
            if c not in r:
                cells.append(f"{'':>17}")
                continue
            base = GOALS.get(c, (None,))[0]
            ratio = f"({r[c]['cpu'] / r[base]['cpu']:.1f}×)" if base and base in r else ""
            cells.append(f"{r[c]['cpu']:>6.2f}{ratio:>7} {r[c]['peak_mb']:>4.0f}")
        print(f"{r['size']:>5g} {r['regions']:>7,} {r['targets']:>8,} {r['observations']:>9,} | " + " | ".join(cells))
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last["targets"] / first["targets"]
        print(f"\nfrom scale {first['size']:g} to {last['size']:g}: data ×{growth:.0f}; CPU ×: " + ", ".join(
            f"{c} {last[c]['cpu'] / first[c]['cpu']:.0f}" for c in cols if c in first and c in last))
        if len(results) > 2:
            mid = results[-2]
            print(f"from scale {mid['size']:g} to {last['size']:g}: data ×{last['targets'] / mid['targets']:.1f}; "
                  "CPU ×: " + ", ".join(f"{c} {last[c]['cpu'] / mid[c]['cpu']:.1f}" for c in cols if c in mid and c in last))
    national = next((r for r in results if r["size"] == 1), results[-1])
    print(f"\ngoals at scale {national['size']:g}:")
    for c in commands:
        if c in GOALS and GOALS[c][0] in national:
            base, limit = GOALS[c]
            ratio = national[c]["cpu"] / national[base]["cpu"]
            print(f"  {c}: {ratio:.1f}× {base} (goal <= {limit}×): {'met' if ratio <= limit else 'not met'}; "
                  f"peak {national[c]['peak_mb']:.0f} MB (goal <= {PEAK_GOAL_MB}): "
                  f"{'met' if national[c]['peak_mb'] <= PEAK_GOAL_MB else 'not met'}")
    if "yaml" in national:
        print(f"  yaml ({national.get('yaml_bytes', 0) / 1e6:.0f} MB, every section inline): read and checked in "
              f"{national['yaml']['cpu']:.1f} s CPU, {national['yaml']['peak_mb']:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.01,0.25,1", help="comma-separated scales (1 = national, 3,131 "
                        "regions; 0.01 = 93 regions; 4 = 12,400)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--commands", default=",".join(COMMANDS), help=f"of {', '.join(COMMANDS)}")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args()
    commands = [c for c in args.commands.split(",") if c and c != "floor"]  # the floor is always measured
    unknown = [c for c in commands if c not in COMMANDS]
    if unknown:
        parser.error(f"unknown command {', '.join(unknown)}: choose from floor, {', '.join(COMMANDS)}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cpus, {platform.system()}; python "
          f"{sys.version.split()[0]}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    s = startup(max(args.repeat, 3))
    results = [measure(float(x), args.workdir, args.repeat, commands) for x in args.sizes.split(",")]
    report(s, results, commands)
    (args.workdir / "results.json").write_text(json.dumps({"startup": s, "sizes": results}, indent=1))


if __name__ == "__main__":
    main()
