"""audit --cluster: the same audit on Dask (budgetlint[cluster]) writes the same store as a
local one, on a LocalCluster it starts and on a scheduler given by address."""
import shutil

import pytest

from conftest import CORPUS, SEEDS
from test_audit import _bad_folder, audit, rows

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed (pip install '.[cluster]')")

STORED = ("SELECT d.path, d.status, d.cause, d.sha256, d.department, d.year, d.kind, f.rule, f.line, f.column, "
          "f.message FROM documents d LEFT JOIN findings f ON f.document_id=d.id ORDER BY 1, 8, 9, 10, 11")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cluster")
    src = _bad_folder(tmp)
    for p in SEEDS[2:]:
        shutil.copy(p, src / p.name)
    shutil.copy(CORPUS / "big" / "big_000x21.pdf", src / "big.pdf")
    return src


def test_local_cluster_writes_the_same_store_as_a_local_audit(folder, tmp_path):
    local, dask_out = tmp_path / "local", tmp_path / "dask"
    args = ("--time-limit", "2", "--no-report", "--jobs", "2")  # big.pdf takes ~4 s: stopped in both runs
    assert audit(folder, "-o", local, *args).returncode == 0
    res = audit(folder, "-o", dask_out, "--cluster", *args)
    assert res.returncode == 0, res.stderr
    assert rows(dask_out, STORED) == rows(local, STORED)
    status = dict((p.rsplit("/", 1)[-1], s) for p, s in rows(dask_out, "SELECT path, status FROM documents"))
    assert status["big.pdf"] == "timeout" and status["old.doc"] == "unreadable" and status["good.docx"] == "ok"
    # a rerun on the cluster skips what the store holds
    res = audit(folder, "-o", dask_out, "--cluster", *args)
    assert res.stderr.count("未变化，跳过") == len(status)


def test_scheduler_given_by_address(folder, tmp_path):
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                               host="127.0.0.1", scheduler_port=0)
    try:
        out = tmp_path / "out"
        res = audit(folder / "good.txt", folder / "old.doc", "-o", out, "--cluster", cluster.scheduler_address,
                    "--no-report")
        assert res.returncode == 0, res.stderr
        assert sorted(s for (s,) in rows(out, "SELECT status FROM documents")) == ["ok", "unreadable"]
    finally:
        cluster.close()


def test_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "2s")
    res = audit(SEEDS[0], "-o", tmp_path / "out", "--cluster", "tcp://127.0.0.1:9", "--no-report", timeout=120)
    assert res.returncode == 2 and res.stderr.strip().count("\n") == 0 and "tcp://127.0.0.1:9" in res.stderr
