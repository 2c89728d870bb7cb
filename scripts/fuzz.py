"""A larger fuzz run than the suite's (tests/test_fuzz.py): N mutants of each kind
(tests/fuzzing.py), each checked in its own `budgetlint check` process so that its time and
memory are its own. Reports contract violations (exit status, stderr lines, traceback,
invalid JSON, a changed input) and the slowest and largest inputs per family.

    python scripts/fuzz.py [--per-kind 20] [--seed 1] [--timeout 60] [--keep DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from fuzzing import mutants  # noqa: E402


# budgetlint check, telling its peak memory as a last stderr line: its own, or its worker's
# (the document is read and checked in a worker forked under the hard stop)
MEASURED = ("import atexit, resource, sys\n"
            "peak = lambda: max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
            "atexit.register(lambda: sys.stderr.write(f'\\nRSS {peak()}\\n'))\n"
            "from linter.cli import main\nsys.exit(main(sys.argv[1:]))")


def run_one(path: Path, timeout: float) -> dict:
    start = time.perf_counter()
    try:
        res = subprocess.run([sys.executable, "-c", MEASURED, "check", "--format", "json", "--exit-zero", str(path)],
                             capture_output=True, text=True, cwd=str(ROOT), timeout=timeout,
                             env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    except subprocess.TimeoutExpired:
        return {"problem": f"ran past {timeout} s", "seconds": timeout, "rss_mib": None}
    seconds = time.perf_counter() - start
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    rss = None
    if lines and lines[-1].startswith("RSS "):
        rss = int(lines.pop()[4:]) / 1024
    out = {"seconds": seconds, "rss_mib": rss, "problem": None}
    if "Traceback" in res.stderr or "internal error" in res.stderr:
        out["problem"] = "traceback or internal error: " + (lines[-1] if lines else "")
    elif res.returncode != 0:
        out["problem"] = f"exit {res.returncode}: " + (lines[-1] if lines else "")
    elif len(lines) > 1 or any(not ln.startswith(str(path) + ": ") for ln in lines):
        out["problem"] = "stderr not one line naming the file: " + " | ".join(lines[:3])
    else:
        try:
            json.loads(res.stdout)
        except ValueError:
            out["problem"] = "stdout is not valid JSON"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--keep", help="write the inputs that broke the contract here")
    args = ap.parse_args()
    problems, worst = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, fmt, data in mutants(random.Random(args.seed), args.per_kind):
            path = Path(tmp) / f"{name}.{fmt}"
            path.write_bytes(data)
            digest = hashlib.sha256(data).hexdigest()
            r = run_one(path, args.timeout)
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                r["problem"] = "input changed"
            family = name.rsplit("-", 1)[0] if name.rsplit("-", 1)[-1].isdigit() else name
            w = worst.setdefault(family, {"n": 0, "seconds": 0.0, "rss_mib": 0.0})
            w["n"] += 1
            w["seconds"] = max(w["seconds"], r["seconds"])
            w["rss_mib"] = max(w["rss_mib"], r["rss_mib"] or 0.0)
            if r["problem"]:
                problems.append((name, r["problem"]))
                if args.keep:
                    os.makedirs(args.keep, exist_ok=True)
                    (Path(args.keep) / path.name).write_bytes(data)
    print(f"{'family':28} {'inputs':>6} {'max s':>7} {'max RSS MiB':>12}")
    for family, w in sorted(worst.items()):
        print(f"{family:28} {w['n']:6} {w['seconds']:7.2f} {w['rss_mib']:12.0f}")
    for name, problem in problems:
        print(f"PROBLEM {name}: {problem}")
    print(f"{sum(w['n'] for w in worst.values())} inputs, {len(problems)} contract violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
