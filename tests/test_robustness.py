"""Damaged files never crash a run: each is read or refused in one line naming the file, and
no traceback reaches the user (seeded, so a failure reproduces)."""
import random

from conftest import CORPUS, run_cli

SOURCES = [CORPUS / "docx" / "000_cfc5e1461f5cd4c8.docx", CORPUS / "pdf" / "004_e0f29716db1f2352.pdf",
           CORPUS / "seeds" / "002_1324860de991dbe3.txt", CORPUS / "samples" / "2025_putuo_qufuban_unit_budget.pdf"]


def _damage(data: bytes, how: int, rnd: random.Random) -> bytes:
    d = bytearray(data)
    if how == 0:  # truncated
        return bytes(d[:rnd.randint(10, len(d) - 1)])
    if how == 1:  # bytes flipped
        for _ in range(40):
            d[rnd.randrange(len(d))] = rnd.randrange(256)
        return bytes(d)
    i = rnd.randrange(len(d))  # a block cut out
    del d[i:i + rnd.randint(100, 4000)]
    return bytes(d)


def test_damaged_files_are_read_or_refused_in_one_line(tmp_path):
    rnd = random.Random(20261128)
    made = []
    for src in SOURCES:
        data = src.read_bytes()
        for k in range(6):
            p = tmp_path / f"{src.stem[:8]}_{k}{src.suffix}"
            p.write_bytes(_damage(data, k % 3, rnd))
            made.append(p)
    res = run_cli("check", "--format", "json", "--exit-zero", str(tmp_path))
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr, res.stderr
    errors = [ln for ln in res.stderr.splitlines() if ln.strip() and not ln.startswith("共 ")]
    for ln in errors:
        assert ln.startswith(str(tmp_path)) and any(w in ln for w in (": 错误：", ": 警告：", ": 提示：")), ln
    assert res.returncode == 0  # --exit-zero: unreadable files are findings (BL000), not a failed run
    assert len(errors) >= 6  # most truncated zips and PDFs cannot be read, and say so
