"""What the hard stop costs `check` (issue 13): the same one-shot `check --format json FILE`
with the stop on (the default: the document is read and checked in a worker forked from the
command) and off (--time-limit 0 --memory-limit 0: in the command's own process), run
alternately in fresh processes. CPU seconds (user + system, the worker included) are less
disturbed than wall time by other work on a shared machine; the paired difference of each
on/off pair is the cost. Not a test: numbers depend on the machine.

    python benchmarks/hard_stop.py [FILE] [--runs 20]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "seeds" / "000_cfc5e1461f5cd4c8.txt"
# as an installed budgetlint runs: bytecode cached, even where the shell sets PYTHONDONTWRITEBYTECODE
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
OFF = ["--time-limit", "0", "--memory-limit", "0"]


def run_once(path: Path, extra: list[str]) -> tuple[float, int, float]:
    """CPU seconds of the command and its reaped worker, its minor page faults (copy-on-write
    shows here), and the peak RSS in MB of the larger of the two."""
    cmd = [sys.executable, "-m", "linter", "check", "--format", "json", *extra, str(path)]
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.chdir(ROOT)
        os.execve(cmd[0], cmd, ENV)
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_utime + usage.ru_stime, usage.ru_minflt, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(SEED))
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    path = Path(args.file)
    run_once(path, [])  # bytecode written, caches warm
    on, off = [], []
    for _ in range(args.runs):
        on.append(run_once(path, []))
        off.append(run_once(path, OFF))
    for label, runs in (("stop on ", on), ("stop off", off)):
        print(f"{label}  CPU median {statistics.median(r[0] for r in runs):.3f} s  "
              f"minor faults {statistics.median(r[1] for r in runs):.0f}  "
              f"peak RSS {statistics.median(r[2] for r in runs):.0f} MB")
    diffs = [a[0] - b[0] for a, b in zip(on, off)]
    print(f"cost of the stop: paired CPU difference median {statistics.median(diffs) * 1000:+.1f} ms, "
          f"mean {statistics.mean(diffs) * 1000:+.1f} ms over {args.runs} pairs")


if __name__ == "__main__":
    main()
