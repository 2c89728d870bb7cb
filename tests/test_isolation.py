"""linter.isolation: a hang, a crash or memory exhaustion of one item is that item's
outcome with its cause; the other items still run."""
import os

from isolation_tasks import behave

from linter.isolation import Limits, WorkerPool, run_one


def _run(items, jobs=2, **limits):
    pool = WorkerPool(behave, jobs, Limits(**{"time": 10, "memory": 1 << 30, **limits}))
    return dict(pool.map(items))


def test_every_item_gets_an_outcome_and_failures_name_their_cause():
    items = ["ok:1", "sleep", "ok:2", "segv", "ok:3", "oom", "raise", "ok:4"]
    out = _run(items, time=3)
    assert set(out) == set(items)
    assert [out[f"ok:{i}"].value for i in range(1, 5)] == [2, 4, 6, 8]
    assert all(out[f"ok:{i}"].ok for i in range(1, 5))
    assert out["sleep"].kind == "timeout" and out["sleep"].cause == "time limit exceeded (3 s)"
    assert out["segv"].kind == "crash" and "SIGSEGV" in out["segv"].cause
    assert out["oom"].kind == "memory" and out["oom"].cause == "memory limit exceeded (1.0 GiB)"
    assert out["raise"].kind == "error" and out["raise"].cause == "ValueError: bad item"


def test_work_is_spread_over_the_workers_and_not_done_in_the_parent():
    out = _run([f"pid{i}" for i in range(6)], jobs=2)
    pids = {o.value for o in out.values()}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def test_run_one_is_a_hard_stop_for_one_item():
    outcome = run_one(behave, "sleep", Limits(time=1, memory=None))
    assert not outcome.ok and outcome.kind == "timeout" and 1 <= outcome.seconds < 5
    assert run_one(behave, "ok:21").value == 42
