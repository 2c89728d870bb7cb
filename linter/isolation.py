"""Run one document at a time in a worker process, under a time limit and a memory limit.

A document can crash the interpreter (a C library), loop for minutes, or grow to gigabytes.
None of that may end a run, so each document is handed to a worker process and the parent
only waits: past the time limit it kills the worker; a worker that dies (SIGSEGV, the
kernel's OOM killer) or runs out of its address-space limit (MemoryError) is replaced.
Either way the document gets an Outcome naming the cause, and the run goes on. The limits
are linter.limits.Limits.time_limit and memory_limit ([tool.budgetlint.limits]).

Workers are started in one of two ways, with the same pool, limits and outcomes:
- "forkserver" (`audit`): fresh interpreters from a forkserver (spawn where there is none),
  so they inherit neither the parent's open store nor its threads; they load the rules once
  (`setup`), and die with the parent (PR_SET_PDEATHSIG on Linux).
- "fork" (`check`): os.fork() of the caller after its imports and rules are loaded, so a
  worker costs a few milliseconds (copy-on-write pages), not a new interpreter's start-up,
  and the task may be any callable (nothing is pickled but items and results). This path
  imports neither multiprocessing nor ctypes, which `check`'s start-up cannot afford.

In both, a worker ignores Ctrl-C (the parent's to handle), and arms an alarm of the time
limit plus a margin for each item, so a worker whose parent died without killing it (a
SIGKILLed `check`) still ends.
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .limits import DEFAULT, Limits

RECYCLE_AFTER = 200  # documents per worker before a fresh one (bounds slow growth)
ORPHAN_MARGIN = 10  # seconds past the time limit after which a worker ends itself
READY = ("ready",)  # a fresh interpreter's word that its setup is done


@dataclass
class Outcome:
    """What became of one item: ok with the task's value, or failed with a one-line cause
    ("time limit exceeded (120 s, limit time-limit)", "memory limit exceeded (3.0 GiB, limit
    memory-limit)", "worker crashed (signal SIGSEGV)", or the exception a task raised)."""

    ok: bool
    value: Any = None
    cause: str = ""
    kind: str = "ok"  # ok | error | timeout | memory | crash
    seconds: float = 0.0


def can_fork() -> bool:
    return hasattr(os, "fork")


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux: the worker still ends when its pipe closes, or at its alarm
        pass


_budget: tuple[int, int] | None = None  # (address space when the worker was ready, its limit)


def _vm(field: str) -> int:
    """A Vm… line of /proc/self/status in bytes (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _limit_memory(memory: int | None) -> None:
    """The document's memory: `memory` bytes of address space over what the worker holds
    when it is ready (the interpreter, the rules and what a fork inherited), so the limit
    means the same however large the loaded rules and vocabularies are."""
    global _budget
    if memory:
        try:
            import resource

            baseline = _vm("VmSize")
            resource.setrlimit(resource.RLIMIT_AS, (baseline + memory, baseline + memory))
            _budget = (baseline, baseline + memory)
        except (ImportError, ValueError, OSError):
            pass


def out_of_memory(exc: BaseException | None) -> bool:
    """Whether an error met in a worker under a memory limit is that limit's (False anywhere
    else: in-process, a reader's own "file too large to read" stands). A failed allocation
    does not always surface as MemoryError: C code may return without an exception
    (SystemError), expat says "out of memory", and a reader may wrap any of them as a
    corrupt file. So: a MemoryError, a SystemError, an out-of-memory message or ENOMEM
    anywhere in the chain, or the worker's peak address space within a tenth of the budget
    (at least 32 MiB) of the limit."""
    if _budget is None:
        return False
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, (MemoryError, SystemError)) or "out of memory" in str(exc).lower() \
                or getattr(exc, "errno", None) == 12:  # ENOMEM
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return _near_limit()


def _near_limit() -> bool:
    if _budget is None:
        return False
    baseline, limit = _budget
    return _vm("VmPeak") >= limit - max(32 << 20, (limit - baseline) // 10)


def _spent() -> bool:
    """After a document the worker holds more than half its document budget (memory a
    large document left in pieces), or came near its limit once (so that a later
    document's error is never taken for this one's memory): the next gets a fresh worker."""
    if _budget is None:
        return False
    baseline, limit = _budget
    return _vm("VmSize") > baseline + (limit - baseline) // 2 or _near_limit()


def _serve_items(receive: Callable, send: Callable, task: Callable, time_limit: float | None) -> None:
    """The worker's loop, the same for both kinds: items until None or a closed pipe."""
    alarm = hasattr(signal, "alarm") and bool(time_limit)
    if alarm:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the alarm ends the worker, whatever handler it inherited
    while True:
        try:
            item = receive()
        except (EOFError, OSError):
            return
        if item is None:
            return
        if alarm:
            signal.alarm(int(time_limit) + ORPHAN_MARGIN)  # the parent kills it sooner, if alive
        start = time.monotonic()
        try:
            value = task(item)
            message = ("ok", value, "", time.monotonic() - start)
        except Exception as exc:
            if isinstance(exc, MemoryError) or out_of_memory(exc):
                message = ("memory", None, "", time.monotonic() - start)
            else:
                message = ("error", None, f"{type(exc).__name__}: {exc}", time.monotonic() - start)
        retire = message[0] == "memory" or _spent()  # a fresh worker next: this heap may be in pieces
        try:
            send((*message, retire))
        except MemoryError:
            message, retire = ("memory", None, "", message[3]), True
            send((*message, retire))
        except (OSError, ValueError):
            return
        except Exception as exc:  # a value that cannot be pickled: the item's error, not a dead worker
            message = ("error", None, f"{type(exc).__name__}: {exc}", message[3])
            send((*message, retire))
        if alarm:
            signal.alarm(0)
        if retire:
            return


def _process_worker(conn, task: Callable, setup: Callable | None, setup_args: tuple, limits: Limits) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    if setup is not None:
        setup(*setup_args)
    _limit_memory(limits.memory_limit)  # over what the rules took: the documents' budget
    conn.send(READY)  # the first document's clock starts now, not while the rules load
    _serve_items(conn.recv, conn.send, task, limits.time_limit)


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class _ProcessSlot:
    """A worker from multiprocessing (forkserver or spawn): a fresh interpreter."""

    def __init__(self, pool: "WorkerPool"):
        if pool._ctx is None:
            pool._ctx = _context()
            if hasattr(pool._ctx, "set_forkserver_preload"):
                pool._ctx.set_forkserver_preload([pool.task.__module__])
        parent, child = pool._ctx.Pipe()
        self.conn = parent
        self.process = pool._ctx.Process(
            target=_process_worker, args=(child, pool.task, pool.setup, pool.setup_args, pool.limits), daemon=True)
        self.process.start()
        child.close()

    def fds(self) -> list[int]:
        return [self.conn.fileno(), self.process.sentinel]

    def send(self, item) -> None:
        self.conn.send(item)

    def receive(self):
        return self.conn.recv()

    def exitcode(self) -> int | None:
        self.process.join(timeout=5)
        return self.process.exitcode

    def stop(self, kill: bool) -> None:
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


class _ForkedSlot:
    """A worker made by os.fork() of the caller: it starts with everything the caller has
    loaded. Items and results cross two pipes as pickles; a dead worker is an end of file
    on its results pipe."""

    def __init__(self, pool: "WorkerPool"):
        item_r, item_w = os.pipe()
        result_r, result_w = os.pipe()
        inherited = [fd for slot in pool._slots for fd in slot.own_fds()]
        # what the caller holds now is left out of every later collection (gc.freeze's
        # documented use before fork): the worker's collections do not walk, and so do not
        # copy, the pages it shares with the caller, and the caller's exit skips them too
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the caller's code
            try:
                for fd in (item_w, result_r, *inherited):
                    os.close(fd)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                handler = sys.modules.get("faulthandler")
                if handler is not None and handler.is_enabled():  # a crash is one line, told by the parent
                    handler.disable()
                _limit_memory(pool.limits.memory_limit)
                items, results = os.fdopen(item_r, "rb"), os.fdopen(result_w, "wb")

                def send(message) -> None:
                    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)  # whole, before any byte is sent
                    results.write(data)
                    results.flush()

                _serve_items(lambda: pickle.load(items), send, pool.task, pool.limits.time_limit)
            except BaseException:
                pass
            finally:
                os._exit(0)
        os.close(item_r)
        os.close(result_w)
        self.pid = pid
        self.items = os.fdopen(item_w, "wb")
        self.results = os.fdopen(result_r, "rb")
        self._status: int | None = None

    def own_fds(self) -> list[int]:
        return [self.items.fileno(), self.results.fileno()]

    def fds(self) -> list[int]:
        return [self.results.fileno()]

    def send(self, item) -> None:
        self.items.write(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))
        self.items.flush()

    def receive(self):
        try:
            return pickle.load(self.results)
        except (EOFError, OSError):
            raise
        except Exception as exc:  # a message cut off by the worker's death
            raise EOFError(str(exc)) from None

    def _reap(self) -> None:
        if self._status is None:
            try:
                _, status = os.waitpid(self.pid, 0)
                self._status = os.waitstatus_to_exitcode(status)
            except ChildProcessError:  # reaped elsewhere (a SIGCHLD handler of the caller)
                self._status = 0

    def exitcode(self) -> int | None:
        self._reap()
        return self._status

    def stop(self, kill: bool) -> None:
        """Killed either way: a forked worker has nothing to flush or close (it leaves with
        os._exit), and a kill ends it now, where a polite request would be waited for."""
        if self._status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for stream in (self.items, self.results):
            try:
                stream.close()
            except OSError:
                pass
        self._reap()


def _death_cause(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        if -exitcode == signal.SIGKILL:
            return "worker killed (SIGKILL: out of memory, or killed from outside)"
        return f"worker crashed (signal {name})"
    return f"worker exited with status {exitcode}"


def _wait(slots: list, timeout: float | None) -> set:
    """The slots with something to read (a result, or the end of a dead worker)."""
    try:
        import select

        poller = select.poll()
    except (ImportError, AttributeError):  # no poll(): multiprocessing's wait (process workers only)
        from multiprocessing.connection import wait

        by_object = {o: s for s in slots for o in (s.worker.conn, s.worker.process.sentinel)}
        return {by_object[o] for o in wait(list(by_object), timeout)}
    by_fd = {}
    for slot in slots:
        for fd in slot.fds():
            by_fd[fd] = slot
            poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    events = poller.poll(None if timeout is None else max(0, int(timeout * 1000) + 1))
    return {by_fd[fd] for fd, _ in events}


class _Busy:
    """A worker and what it is doing."""

    def __init__(self, worker):
        self.worker = worker
        self.item: Any = None
        self.busy = False
        self.started = 0.0
        self.done = 0

    def own_fds(self) -> list[int]:
        return self.worker.own_fds() if isinstance(self.worker, _ForkedSlot) else []

    def fds(self) -> list[int]:
        return self.worker.fds()


class WorkerPool:
    """`jobs` worker processes running `task(item)` under `limits` (time_limit, memory_limit).
    start="forkserver": fresh interpreters; `setup(*setup_args)` runs once in each (load the
    rules there, not per item); task, setup and items must be picklable. start="fork": forks
    of the caller, which has loaded everything already (POSIX only, see can_fork())."""

    def __init__(self, task: Callable, jobs: int | None = None, limits: Limits | None = None,
                 setup: Callable | None = None, setup_args: tuple = (), start: str = "forkserver"):
        self.task, self.setup, self.setup_args = task, setup, setup_args
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.limits = limits or DEFAULT
        self.start = start
        self._ctx = None
        self._slots: list[_Busy] = []

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
        pending = iter(items)
        exhausted = False
        time_limit = self.limits.time_limit
        while True:
            while not exhausted and sum(s.busy for s in self._slots) < self.jobs:
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
            if time_limit:
                nearest = min(s.started for s in busy) + time_limit
                timeout = max(0.0, nearest - time.monotonic())
            ready = _wait(busy, timeout)
            now = time.monotonic()
            for slot in busy:
                if slot in ready:
                    outcome = self._collect(slot)
                    if outcome is not None:
                        yield slot.item, outcome
                elif time_limit and now - slot.started >= time_limit:
                    item = slot.item
                    self._retire(slot, kill=True)
                    yield item, Outcome(False, cause=self.limits.time_exceeded(), kind="timeout",
                                        seconds=now - slot.started)

    def _give(self, item) -> None:
        slot = self._idle_slot()
        try:
            self._hand(slot, item)
        except OSError:  # an idle worker killed from outside: a fresh one takes the item
            self._retire(slot, kill=True)
            self._hand(self._idle_slot(), item)

    @staticmethod
    def _hand(slot: _Busy, item) -> None:
        slot.item, slot.busy, slot.started = item, True, time.monotonic()
        slot.worker.send(item)

    def _idle_slot(self) -> _Busy:
        for slot in self._slots:
            if not slot.busy:
                return slot
        worker = _ForkedSlot(self) if self.start == "fork" else _ProcessSlot(self)
        slot = _Busy(worker)
        self._slots.append(slot)
        return slot

    def _retire(self, slot: _Busy, kill: bool) -> None:
        slot.busy = False
        self._slots.remove(slot)
        slot.worker.stop(kill=kill)

    def _collect(self, slot: _Busy) -> Outcome | None:
        """The item's outcome; None when the worker only said it is ready."""
        item_seconds = time.monotonic() - slot.started
        try:
            message = slot.worker.receive()
            if message == READY:
                slot.started = time.monotonic()
                return None
            kind, value, cause, seconds, retire = message
        except (EOFError, OSError):
            cause = _death_cause(slot.worker.exitcode())
            self._retire(slot, kill=True)
            return Outcome(False, cause=cause, kind="crash", seconds=item_seconds)
        slot.busy = False
        slot.done += 1
        if retire or slot.done >= RECYCLE_AFTER:
            self._retire(slot, kill=False)
        if kind == "ok":
            return Outcome(True, value=value, seconds=seconds)
        if kind == "memory":
            return Outcome(False, cause=self.limits.memory_exceeded(), kind="memory", seconds=seconds)
        return Outcome(False, cause=cause, kind="error", seconds=seconds)

    def close(self) -> None:
        for slot in list(self._slots):
            self._retire(slot, kill=slot.busy)


def run_one(task: Callable, item, limits: Limits | None = None,
            setup: Callable | None = None, setup_args: tuple = (), start: str = "forkserver") -> Outcome:
    """One item in a fresh worker under the limits (a hard stop for a single document)."""
    pool = WorkerPool(task, 1, limits, setup, setup_args, start)
    try:
        return pool.run(item)
    finally:
        pool.close()
