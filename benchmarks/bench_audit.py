"""Audit throughput and memory (not a test: numbers depend on the machine).

Builds a folder of N mixed files from corpus/ (seed .txt, their .docx and .pdf, the Shanghai
sample PDFs, the Jiangsu PDFs, plus bad files: empty, junk under .pdf/.docx, .doc, .wps),
each a distinct copy, then times `budgetlint audit --no-report` with --jobs 1 and --jobs 2
(fresh store each run, the median of R runs) and reports files per second, the speed-up, and
the peak resident memory of the parent (ru_maxrss of the audit process) and of the largest
worker (ru_maxrss of its children, the forkserver included).

Usage: python benchmarks/bench_audit.py [N=200] [R=1]
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

PEAKS = r"""
import resource, runpy, sys
sys.argv = ["budgetlint"] + sys.argv[1:]
try:
    runpy.run_module("linter", run_name="__main__")
except SystemExit:
    pass
finally:
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sys.stderr.write(f"PEAKS {parent:.1f} {child:.1f}\n")
"""


def sources() -> list[Path]:
    good = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx"))
    good += sorted((CORPUS / "pdf").glob("*.pdf")) + sorted((CORPUS / "samples").glob("*.pdf"))
    real = CORPUS / "real"
    if real.exists():
        good += sorted(real.rglob("*.pdf"))
    return good


def build(folder: Path, n: int) -> dict[str, int]:
    good = sources()
    kinds: dict[str, int] = {}
    bad = [("empty.txt", b""), ("junk.pdf", bytes(range(256)) * 40), ("junk.docx", b"PK\x03\x04" + b"\0" * 900),
           ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 900), ("old.wps", b"\xd0\xcf\x11\xe0" + b"\0" * 90)]
    for i in range(n):
        if i % 10 == 9:  # one file in ten is bad
            name, data = bad[(i // 10) % len(bad)]
            (folder / f"{i:04d}_{name}").write_bytes(data)
            kinds["bad"] = kinds.get("bad", 0) + 1
        else:
            src = good[i % len(good)]
            shutil.copy(src, folder / f"{i:04d}_{src.name}")
            kinds[src.suffix] = kinds.get(src.suffix, 0) + 1
    return kinds


def run(folder: Path, jobs: int) -> tuple[float, float, float]:
    out = Path(tempfile.mkdtemp(prefix="bench-audit-out-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", PEAKS, "audit", str(folder), "-o", str(out), "--jobs", str(jobs),
                          "--no-report"], cwd=str(ROOT), env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    peaks = [ln for ln in res.stderr.splitlines() if ln.startswith("PEAKS")]
    if not peaks:
        raise SystemExit(f"audit failed: {res.stderr[-2000:]}")
    _, parent, child = peaks[-1].split()
    return wall, float(parent), float(child)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    folder = Path(tempfile.mkdtemp(prefix="bench-audit-in-"))
    try:
        kinds = build(folder, n)
        print(f"{n} files: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        results = {}
        for jobs in (1, 2):
            rows = [run(folder, jobs) for _ in range(runs)]
            wall = statistics.median(r[0] for r in rows)
            results[jobs] = wall
            print(f"--jobs {jobs}: {wall:7.1f} s  {n / wall:5.2f} files/s  peak parent {max(r[1] for r in rows):6.1f} MB"
                  f"  peak worker {max(r[2] for r in rows):6.1f} MB")
        print(f"speed-up --jobs 2 / --jobs 1: {results[1] / results[2]:.2f}x (target >= 1.7x)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
