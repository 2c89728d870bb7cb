"""Audit throughput and memory (not a test: numbers depend on the machine).

Builds a folder of N mixed files from corpus/ (seed .txt, their .docx and .pdf, the Shanghai
sample PDFs, the Jiangsu PDFs, plus bad files: empty, junk under .pdf/.docx, .doc, .wps),
each a distinct copy, then times `budgetlint audit --no-report` with --jobs 1 and --jobs 2
(fresh store each run, the median of R runs) and reports files per second, the speed-up, and
the peak resident memory (VmHWM) of the parent and of the largest worker process.

Usage: python benchmarks/bench_audit.py [N=200] [R=1]

Other work on a shared machine slows the wall time (the load average is printed beside it);
the CPU seconds of the parent and of each worker, sampled from /proc, are far less affected,
and give the speed-up two free cores would show.
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


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float | None:
    """user + system CPU seconds of a live process so far."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return None


def _depths(root: int) -> dict[int, int]:
    """pid -> depth under root (1: forkserver, resource tracker; 2: the forkserver's workers)."""
    depth = {root: 0}
    for pid in _tree(root):
        if pid != root:
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            depth[pid] = depth.get(ppid, 0) + 1
    return depth


def run(folder: Path, jobs: int) -> dict:
    """One audit: wall seconds; CPU seconds of the parent and of each worker (sampled from
    /proc every 0.1 s while the audit runs, so up to 0.1 s of a process's last moments is
    missed); peak MB of the parent and of the largest worker; load average before and after."""
    out = Path(tempfile.mkdtemp(prefix="bench-audit-out-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "linter", "audit", str(folder), "-o", str(out), "--jobs",
                             str(jobs), "--no-report"], cwd=str(ROOT), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    peak: dict[int, float] = {}
    cpu: dict[int, float] = {}
    depth: dict[int, int] = {}
    while proc.poll() is None:
        for pid, d in _depths(proc.pid).items():
            depth[pid] = max(depth.get(pid, 0), d)
            mb, secs = _peak_mb(pid), _cpu_seconds(pid)
            if mb:
                peak[pid] = max(peak.get(pid, 0.0), mb)
            if secs is not None:
                cpu[pid] = secs
        time.sleep(0.1)
    wall = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode != 0:
        raise SystemExit(f"audit exited {proc.returncode}")
    workers = sorted((cpu[p] for p in cpu if depth.get(p) == 2), reverse=True)
    return {"wall": wall, "parent_mb": peak.get(proc.pid, 0.0),
            "worker_mb": max((peak[p] for p in peak if p != proc.pid), default=0.0),
            "parent_cpu": cpu.get(proc.pid, 0.0), "workers_cpu": workers,
            "helpers_cpu": sum(cpu[p] for p in cpu if depth.get(p) == 1),
            "load": (load_before, os.getloadavg()[0])}


def two_free_cores(r: dict) -> float:
    """The wall time the run's CPU work needs on two cores nobody else uses: at least the
    busiest worker's CPU time, and at least half of all the CPU time spent (parent, forkserver
    and workers). Idle gaps (a worker waiting for the parent) are not in it; the measured
    wall time has them, and whatever the other work on the machine took."""
    total = r["parent_cpu"] + r["helpers_cpu"] + sum(r["workers_cpu"])
    return max(max(r["workers_cpu"], default=0.0), total / 2)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    folder = Path(tempfile.mkdtemp(prefix="bench-audit-in-"))
    try:
        kinds = build(folder, n)
        print(f"{n} files: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + f"; {os.cpu_count()} cores")
        results = {}
        for jobs in (1, 2):
            rows = [run(folder, jobs) for _ in range(runs)]
            best = sorted(rows, key=lambda r: r["wall"])[len(rows) // 2]  # the median run
            results[jobs] = best
            workers = ", ".join(f"{c:.1f}" for c in best["workers_cpu"])
            print(f"--jobs {jobs}: wall {best['wall']:6.1f} s ({n / best['wall']:5.2f} files/s), load average "
                  f"{best['load'][0]:.1f} -> {best['load'][1]:.1f}; CPU s: parent {best['parent_cpu']:.1f}, "
                  f"forkserver {best['helpers_cpu']:.1f}, workers [{workers}] (per file "
                  f"{sum(best['workers_cpu']) / n * 1000:.0f} ms); on two free cores ~{two_free_cores(best):.1f} s; "
                  f"peak parent {best['parent_mb']:.1f} MB, worker {best['worker_mb']:.1f} MB")
        print(f"speed-up --jobs 2 / --jobs 1, wall as measured: {results[1]['wall'] / results[2]['wall']:.2f}x; "
              f"from CPU times on two free cores: {two_free_cores(results[1]) / two_free_cores(results[2]):.2f}x "
              f"(target >= 1.7x)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
