"""Tasks for the isolation tests: importable by the worker processes (module level)."""
import os
import signal
import time


def behave(item):
    """item: 'ok:N' returns N*2; 'sleep' hangs; 'segv' kills its own process; 'oom' allocates
    until the memory limit; 'raise' raises."""
    if item.startswith("ok:"):
        return int(item[3:]) * 2
    if item == "sleep":
        time.sleep(60)
    if item == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
        time.sleep(5)
    if item == "oom":
        hog = []
        while True:
            hog.append(bytearray(64 << 20))
    if item == "raise":
        raise ValueError("bad item")
    if item == "unpicklable":
        return lambda: None
    return os.getpid()
