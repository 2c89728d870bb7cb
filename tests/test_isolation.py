"""linter.isolation: a hang, a crash or memory exhaustion of one item is that item's
outcome with its cause; the other items still run."""
import os

import pytest
from isolation_tasks import behave

from linter.isolation import WorkerPool, run_one
from linter.limits import Limits

STARTS = ["forkserver", "fork"]  # audit's fresh interpreters, and check's forks of itself


def _run(items, start, jobs=2, **limits):
    pool = WorkerPool(behave, jobs, Limits(**{"time_limit": 10, "memory_limit": 1 << 30, **limits}), start=start)
    return dict(pool.map(items))


@pytest.mark.parametrize("start", STARTS)
def test_every_item_gets_an_outcome_and_failures_name_their_cause(start):
    items = ["ok:1", "sleep", "ok:2", "segv", "ok:3", "oom", "raise", "ok:4", "unpicklable"]
    out = _run(items, start, time_limit=3)
    assert set(out) == set(items)
    assert [out[f"ok:{i}"].value for i in range(1, 5)] == [2, 4, 6, 8]
    assert all(out[f"ok:{i}"].ok for i in range(1, 5))
    assert out["sleep"].kind == "timeout" and out["sleep"].cause == "time limit exceeded (3 s, limit time-limit)"
    assert out["segv"].kind == "crash" and "SIGSEGV" in out["segv"].cause
    assert out["oom"].kind == "memory"
    assert out["oom"].cause == "memory limit exceeded (1.0 GiB, limit memory-limit)"
    assert out["raise"].kind == "error" and out["raise"].cause == "ValueError: bad item"
    assert out["unpicklable"].kind == "error" and "pickle" in out["unpicklable"].cause.lower()


@pytest.mark.parametrize("start", STARTS)
def test_work_is_spread_over_the_workers_and_not_done_in_the_parent(start):
    out = _run([f"pid{i}" for i in range(6)], start, jobs=2)
    pids = {o.value for o in out.values()}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


@pytest.mark.parametrize("start", STARTS)
def test_run_one_is_a_hard_stop_for_one_item(start):
    outcome = run_one(behave, "sleep", Limits(time_limit=1, memory_limit=0), start=start)
    assert not outcome.ok and outcome.kind == "timeout" and 1 <= outcome.seconds < 5
    assert run_one(behave, "ok:21", start=start).value == 42


def test_a_forked_worker_runs_what_its_parent_loaded_without_pickling_the_task():
    loaded = {"rules": ["BL101", "BL201"]}  # stands for the rules `check` loaded before forking
    outcome = run_one(lambda item: loaded["rules"][item], 1, start="fork")
    assert outcome.ok and outcome.value == "BL201"


def test_a_forked_worker_left_by_a_killed_parent_ends_at_its_alarm(tmp_path):
    """`check` killed with SIGKILL cannot kill its worker; the worker's alarm (time limit plus
    a margin) ends it, so a hung document leaves no process behind."""
    import subprocess
    import sys
    import time

    import linter.isolation as isolation

    script = tmp_path / "parent.py"
    script.write_text(
        "import os, sys, time\n"
        "import linter.isolation as iso\n"
        "from linter.limits import Limits\n"
        "iso.ORPHAN_MARGIN = 1\n"
        "pool = iso.WorkerPool(lambda item: time.sleep(60), 1, Limits(time_limit=1, memory_limit=0), start='fork')\n"
        "pool._give('x')\n"
        "print(pool._slots[0].worker.pid, flush=True)\n"
        "os.kill(os.getpid(), 9)\n", encoding="utf-8")
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.dirname(isolation.__file__)))
    worker = int(res.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.2)
    assert not _alive(worker)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
