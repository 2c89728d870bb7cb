"""Text encodings decided with evidence (issue 13): Big5 is not read as GB18030 mojibake,
UTF-16 without a byte-order mark is read, and what no candidate reads as text is refused
naming the candidates."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli, seed
from linter.model import InputError
from linter.readers import read_document

# Traditional-script budget text in three template families' wordings (written here)
TRADITIONAL = [
    "平鄉縣財政局2025年部門預算公開\n二、收入預算情況\n2025年收入預算107.54萬元，其中一般公共預算撥款收入95.54萬元。\n",
    "上海市某區2025年單位預算\n本單位2025年收入預算總計1,234.56萬元，比上年增加12.3萬元，增長1.0%。\n",
    "江蘇省某廳2024年部門決算說明\n一、收入支出決算總體情況說明\n2024年度收入總計5,678.90萬元，支出總計5,600.00萬元。\n",
]


@pytest.mark.parametrize("text", TRADITIONAL)
def test_big5_is_read_as_big5(tmp_path, text):
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert [ln.text for ln in read_document(str(path)).lines] == text.splitlines()


def test_a_big5_file_has_the_findings_of_its_utf8_twin(tmp_path):
    text = "".join(TRADITIONAL) * 3
    (tmp_path / "a_utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b_big5.txt").write_bytes(text.encode("big5"))
    res = run_cli("check", "--format", "json", "--exit-zero", str(tmp_path))
    found = json.loads(res.stdout)
    by_file = {}
    for f in found:
        by_file.setdefault(f["path"].rsplit("_", 1)[-1], []).append((f["rule"], f["line"], f["excerpt"]))
    assert by_file.get("utf8.txt", []) == by_file.get("big5.txt", [])
    assert not any(rule == "BL000" for rule, _, _ in by_file.get("big5.txt", []))


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_mainland_encodings_still_read(tmp_path, encoding):
    src = seed("004").read_text(encoding="utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(src.encode(encoding))
    assert read_document(str(path)).lines[0].text.strip() == "部门预算收支总表"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark(tmp_path, encoding):
    src = seed("004").read_text(encoding="utf-8")
    path = tmp_path / "wide.txt"
    path.write_bytes(src.encode(encoding))
    doc = read_document(str(path))
    assert doc.lines[0].text.strip() == "部门预算收支总表" and doc.meta.year == 2025


def test_no_candidate_reading_as_text_is_refused_naming_them(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x81, 0xFF)) * 40)
    with pytest.raises(InputError) as exc:
        read_document(str(path))
    assert "GB18030" in str(exc.value) and "Big5" in str(exc.value)
    wide = tmp_path / "binary.txt"
    wide.write_bytes(b"\x00\x01\x02PK\x03\x04\xff\xfe\x00" * 50)
    with pytest.raises(InputError) as exc:
        read_document(str(wide))
    assert "UTF-16LE" in str(exc.value) and str(exc.value).startswith("binary data")


def test_a_text_file_too_big_for_the_character_limit_is_refused_before_it_is_decoded(tmp_path):
    from linter.limits import Limits

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 4001)
    with pytest.raises(InputError, match=r"text longer than 1000 characters \(limit max-document-chars\)"):
        read_document(str(path), Limits(max_document_chars=1000))


def test_utf8_cut_inside_its_last_character_is_read_and_damaged_utf8_is_named(tmp_path):
    data = "标题\n收入预算107.54万元\n".encode("utf-8") * 200
    cut = tmp_path / "cut.txt"
    cut.write_bytes(data[:-3])
    assert read_document(str(cut)).lines[-1].text == "收入预算107.54万"
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data[:100] + b"\xff" + data[101:])
    with pytest.raises(InputError, match=r"^damaged UTF-8 text \(\d+ invalid byte sequences?, the first at byte 9[89]\)"):
        read_document(str(damaged))
