"""Audit throughput and memory (not a test: numbers depend on the machine).

Builds a folder of N mixed files from corpus/ (seed .txt, their .docx and .pdf, the Shanghai
sample PDFs, the Jiangsu PDFs, plus bad files: empty, junk under .pdf/.docx, .doc, .wps),
each a distinct copy, then times `budgetlint audit --no-report` with --jobs 1 and --jobs 2
(fresh store each run, the median of R runs) and reports files per second, the speed-up, and
the peak resident memory (VmHWM) of the parent and of the largest worker process.

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


def _tree(root: int) -> list[int]:
    """The process and all its descendants (the forkserver's workers are its grandchildren)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _peak_mb(pid: int) -> float:
    """VmHWM: the peak resident set of a live process."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run(folder: Path, jobs: int) -> tuple[float, float, float]:
    """Wall seconds, peak MB of the parent, peak MB of the largest worker (sampled from /proc
    every 0.2 s while the audit runs)."""
    out = Path(tempfile.mkdtemp(prefix="bench-audit-out-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "linter", "audit", str(folder), "-o", str(out), "--jobs",
                             str(jobs), "--no-report"], cwd=str(ROOT), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    parent = worker = 0.0
    while proc.poll() is None:
        for pid in _tree(proc.pid):
            peak = _peak_mb(pid)
            if pid == proc.pid:
                parent = max(parent, peak)
            else:
                worker = max(worker, peak)
        time.sleep(0.2)
    wall = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode != 0:
        raise SystemExit(f"audit exited {proc.returncode}")
    return wall, parent, worker


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
