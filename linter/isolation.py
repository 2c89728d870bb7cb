"""Run one document at a time in a worker process, under a time limit and a memory limit.

A document can crash the interpreter (a C library), loop for minutes, or grow to gigabytes.
None of that may end a run of thousands of files, so each file is handed to a worker
process and the parent only waits: past the time limit it kills the worker; a worker that
dies (SIGSEGV, the kernel's OOM killer) or runs out of its address-space limit (MemoryError)
is replaced. Either way the file gets an Outcome naming the cause, and the run goes on.

The parent holds no document: items and results cross a pipe. Workers come from a
forkserver (spawn where there is none), so they inherit neither the parent's open store nor
its threads, and they die with the parent (PR_SET_PDEATHSIG on Linux), so a parent killed
with SIGKILL leaves no orphan still writing.

`audit` runs every file through WorkerPool; `check` can use the same pool, or run_one(),
for its per-document hard stop.
"""
from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

DEFAULT_TIME_LIMIT = 120.0  # seconds per document
DEFAULT_MEMORY_LIMIT = 3 << 30  # bytes of address space per worker
RECYCLE_AFTER = 200  # documents per worker before a fresh one (bounds slow growth)


@dataclass
class Limits:
    time: float | None = DEFAULT_TIME_LIMIT  # None or 0: no limit
    memory: int | None = DEFAULT_MEMORY_LIMIT  # None or 0: no limit


@dataclass
class Outcome:
    """What became of one item: ok with the task's value, or failed with a one-line cause
    ("time limit exceeded (120 s)", "memory limit exceeded (3.0 GiB)", "worker crashed
    (signal SIGSEGV)", or the exception a task raised)."""

    ok: bool
    value: Any = None
    cause: str = ""
    kind: str = "ok"  # ok | error | timeout | memory | crash
    seconds: float = 0.0


def _gib(n: int) -> str:
    return f"{n / (1 << 30):.1f} GiB"


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux: the worker still ends when its pipe closes
        pass


def _worker(conn, task: Callable, setup: Callable | None, setup_args: tuple, memory: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    if memory:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        except (ImportError, ValueError, OSError):
            pass
    if setup is not None:
        setup(*setup_args)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        start = time.monotonic()
        try:
            value = task(item)
            message = ("ok", value, "", time.monotonic() - start)
        except MemoryError:
            message = ("memory", None, "", time.monotonic() - start)
        except Exception as exc:
            message = ("error", None, f"{type(exc).__name__}: {exc}", time.monotonic() - start)
        try:
            conn.send(message)
        except (OSError, ValueError):
            return
        if message[0] == "memory":
            return  # a fresh worker for the next document: this heap may be in pieces


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class _Slot:
    def __init__(self, pool: "WorkerPool"):
        parent, child = pool._ctx.Pipe()
        self.conn = parent
        self.process = pool._ctx.Process(
            target=_worker, args=(child, pool.task, pool.setup, pool.setup_args, pool.limits.memory), daemon=True)
        self.process.start()
        child.close()
        self.item: Any = None
        self.busy = False
        self.started = 0.0
        self.done = 0

    def give(self, item) -> None:
        self.item, self.busy, self.started = item, True, time.monotonic()
        self.conn.send(item)

    def stop(self, kill: bool = False) -> None:
        if self.process.is_alive():
            if kill:
                self.process.kill()
            else:
                try:
                    self.conn.send(None)
                except OSError:
                    pass
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _death_cause(exitcode: int | None, memory: int | None) -> tuple[str, str]:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        if -exitcode == signal.SIGKILL:
            return "crash", "worker killed (SIGKILL: out of memory, or killed from outside)"
        return "crash", f"worker crashed (signal {name})"
    return "crash", f"worker exited with status {exitcode}"


class WorkerPool:
    """`jobs` worker processes running `task(item)`; `setup(*setup_args)` runs once in each
    (load the rules there, not per item). task, setup and items must be picklable."""

    def __init__(self, task: Callable, jobs: int | None = None, limits: Limits | None = None,
                 setup: Callable | None = None, setup_args: tuple = ()):
        self.task, self.setup, self.setup_args = task, setup, setup_args
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.limits = limits or Limits()
        self._ctx = _context()
        if hasattr(self._ctx, "set_forkserver_preload"):
            self._ctx.set_forkserver_preload([task.__module__])
        self._slots: list[_Slot] = []

    def map(self, items: Iterable) -> Iterator[tuple[Any, Outcome]]:
        """(item, Outcome) for every item, in the order they finish; the workers stop after."""
        try:
            yield from self._serve(items)
        finally:
            self.close()

    def run(self, item) -> Outcome:
        """One item on a kept worker (started at first use, replaced after a failure): for
        a caller that receives its items one at a time (a Dask task). close() at the end."""
        for _, outcome in self._serve([item]):
            return outcome
        raise RuntimeError("the worker pool returned nothing")  # pragma: no cover

    def _serve(self, items: Iterable) -> Iterator[tuple[Any, Outcome]]:
        from multiprocessing.connection import wait as wait_for

        pending = iter(items)
        exhausted = False
        while True:
            while not exhausted and len([s for s in self._slots if s.busy]) < self.jobs:
                try:
                    item = next(pending)
                except StopIteration:
                    exhausted = True
                    break
                self._give(item)
            busy = [s for s in self._slots if s.busy]
            if not busy:
                return
            timeout = None
            if self.limits.time:
                nearest = min(s.started for s in busy) + self.limits.time
                timeout = max(0.0, nearest - time.monotonic())
            ready = wait_for([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout)
            now = time.monotonic()
            for slot in busy:
                if slot.conn in ready or slot.process.sentinel in ready:
                    yield slot.item, self._collect(slot)
                elif self.limits.time and now - slot.started >= self.limits.time:
                    item = slot.item
                    self._retire(slot, kill=True)
                    yield item, Outcome(False, cause=f"time limit exceeded ({self.limits.time:g} s)",
                                        kind="timeout", seconds=now - slot.started)

    def _give(self, item) -> None:
        slot = self._idle_slot()
        try:
            slot.give(item)
        except OSError:  # an idle worker killed from outside: a fresh one takes the item
            self._retire(slot, kill=True)
            self._idle_slot().give(item)

    def _idle_slot(self) -> _Slot:
        for slot in self._slots:
            if not slot.busy:
                return slot
        slot = _Slot(self)
        self._slots.append(slot)
        return slot

    def _retire(self, slot: _Slot, kill: bool) -> None:
        slot.busy = False
        self._slots.remove(slot)
        slot.stop(kill=kill)

    def _collect(self, slot: _Slot) -> Outcome:
        item_seconds = time.monotonic() - slot.started
        try:
            kind, value, cause, seconds = slot.conn.recv()
        except (EOFError, OSError):
            slot.process.join(timeout=5)
            kind, cause = _death_cause(slot.process.exitcode, self.limits.memory)
            self._retire(slot, kill=True)
            return Outcome(False, cause=cause, kind=kind, seconds=item_seconds)
        slot.busy = False
        slot.done += 1
        if kind == "memory" or slot.done >= RECYCLE_AFTER:
            self._retire(slot, kill=False)
        if kind == "ok":
            return Outcome(True, value=value, seconds=seconds)
        if kind == "memory":
            return Outcome(False, cause=f"memory limit exceeded ({_gib(self.limits.memory or 0)})",
                           kind="memory", seconds=seconds)
        return Outcome(False, cause=cause, kind="error", seconds=seconds)

    def close(self) -> None:
        for slot in list(self._slots):
            self._retire(slot, kill=slot.busy)


def run_one(task: Callable, item, limits: Limits | None = None,
            setup: Callable | None = None, setup_args: tuple = ()) -> Outcome:
    """One item in a fresh worker under the limits (a hard stop for a single document)."""
    pool = WorkerPool(task, 1, limits, setup, setup_args)
    try:
        return pool.run(item)
    finally:
        pool.close()
