"""`budgetlint audit --cluster [ADDRESS]`: the same audit on a Dask cluster (the optional
extra budgetlint[cluster]), writing the same store.

The parent (the machine running `audit`) walks the files, submits one task per file, keeps
at most a few tasks per worker in flight, and writes each result into the store as it
completes (distributed.as_completed), so the store, resume and reports are exactly those of
a local audit. On each Dask worker the task runs the file in a kept isolation worker
(linter.isolation: the same time and memory limits, a crash or hang of one file is that
file's BL000 and the Dask worker survives).

Without an address a LocalCluster of --jobs processes is started on this machine. With one
(tcp://scheduler:8786), every worker must see the files at the same paths (a shared file
system), have the same budgetlint installed, and let its worker processes have children:
start them with DASK_DISTRIBUTED__WORKER__DAEMON=False.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from .isolation import Outcome, WorkerPool
from .limits import Limits

IN_FLIGHT_PER_WORKER = 4


class ClusterError(Exception):
    """The cluster cannot be used (the extra missing, no scheduler, another budgetlint)."""


_pools: dict[str, WorkerPool] = {}


@lru_cache(maxsize=1)
def _worker_version() -> str:
    from .store import tool_version

    return tool_version()


def cluster_task(path: str, selection, limits: Limits) -> tuple[str, Outcome, str]:
    """On a Dask worker: one file in this worker's kept isolation worker."""
    from . import audit_worker

    key = repr((selection, limits))
    pool = _pools.get(key)
    if pool is None:
        pool = _pools[key] = WorkerPool(audit_worker.audit_file, 1, limits, setup=audit_worker.setup,
                                        setup_args=(selection,))
    return path, pool.run(path), _worker_version()


def dask_map(paths: Iterable[str], selection, limits: Limits, address: str | None,
             jobs: int) -> Iterator[tuple[str, Outcome]]:
    """(path, Outcome) for every path, in the order the cluster finishes them."""
    try:
        import dask
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ClusterError("the cluster extra is not installed: pip install 'budgetlint[cluster]'") from None
    from .store import tool_version

    dask.config.set({"distributed.worker.daemon": False})  # our isolation workers are its children
    cluster = None
    try:
        if address:
            # connect timeout: dask's distributed.comm.timeouts.connect (30 s unless configured)
            client = Client(address, timeout=dask.config.get("distributed.comm.timeouts.connect"))
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler {address or '(local)'}: {exc}") from None
    ours = tool_version()
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending = iter(paths)
        done = as_completed()
        where: dict = {}

        def submit() -> bool:
            try:
                path = next(pending)
            except StopIteration:
                return False
            future = client.submit(cluster_task, path, selection, limits, pure=False)
            where[future] = path
            done.add(future)
            return True

        for _ in range(workers * IN_FLIGHT_PER_WORKER):
            if not submit():
                break
        for future in done:
            path = where.pop(future)
            try:
                _, outcome, theirs = future.result()
            except Exception as exc:  # the Dask worker itself died under this file
                outcome, theirs = Outcome(False, cause=f"cluster worker failed ({type(exc).__name__}: {exc})",
                                          kind="crash"), ours
            future.release()
            if theirs != ours:
                raise ClusterError(f"a cluster worker runs budgetlint {theirs}, this audit {ours}: "
                                   "install the same version everywhere")
            yield path, outcome
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
