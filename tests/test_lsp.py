"""budgetlint lsp driven over stdio as an editor would: initialize, open a draft, get its
diagnostics; edit it (debounced), save, hover, ask for code actions, shut down."""
import json
import queue
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT

pytest.importorskip("pygls")

DRAFT = """平乡县财政局2025年部门预算公开
一、收入预算情况
2025年收入预算107.54万元，其中一般公共预算收入95.54万元，政府性基金预算收入18万元。
二、部门职责
负责全县互联网舆情服务县场监管，指导推进新技木新应用安全评估。

收支预算总表
单位：万元
| 项目 | 预算数 |
| --- | --- |
| 一般公共预算拨款收入 | 95.54 |
| 政府性基金预算拨款收入 | 12 |
| 收入合计 | 107.54 |
"""


class Client:
    def __init__(self, cwd):
        self.proc = subprocess.Popen([sys.executable, "-m", "linter", "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.lower()] = value.strip()
            self.messages.put(json.loads(out.read(int(headers["content-length"]))))

    def send(self, payload: dict):
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict, timeout: float = 60):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)["result"]

    def wait(self, match, timeout: float = 60):
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError("no such message from the server in time")
            try:
                m = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if match(m):
                return m

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri
                         and (version is None or m["params"].get("version") == version), timeout)["params"]


@pytest.fixture
def client(tmp_path):
    c = Client(tmp_path)
    c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
    c.notify("initialized", {})
    yield c
    try:
        c.request("shutdown", None, timeout=20)
        c.notify("exit", None)
        c.proc.wait(timeout=20)
        # an editor logs whatever the server writes on exit: a clean shutdown writes nothing
        err = c.proc.stderr.read().decode("utf-8", "replace")
        assert "Traceback" not in err and c.proc.returncode == 0, err
    finally:
        if c.proc.poll() is None:
            c.proc.kill()


def test_diagnostics_on_open_change_and_save(client, tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                            "text": DRAFT}})
    diags = client.diagnostics(uri, 1)["diagnostics"]
    codes = {d["code"] for d in diags}
    assert {"BL201", "BL303", "BL306"} <= codes
    wrong = next(d for d in diags if d["code"] == "BL201")
    assert wrong["range"]["start"]["line"] == 2 and wrong["source"] == "budgetlint"
    line = DRAFT.split("\n")[2]
    assert line[wrong["range"]["start"]["character"]:wrong["range"]["end"]["character"]] == "18万元"
    assert wrong["relatedInformation"] and "表" in wrong["relatedInformation"][0]["message"]
    typo = next(d for d in diags if d["code"] == "BL306")

    # hover on the typo shows its rule's documentation
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": typo["range"]["start"]})
    assert "BL306" in hover["contents"]["value"] and "错误示例" in hover["contents"]["value"]

    # code actions: the typo's suggestion is a quick fix; every finding can be accepted
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": typo["range"],
                                                         "context": {"diagnostics": [typo]}})
    titles = [a["title"] for a in actions]
    assert "改为「技术」" in titles and any("budgetlint: ignore" in t for t in titles)
    fix = next(a for a in actions if a["title"] == "改为「技术」")
    assert fix["edit"]["changes"][uri][0]["newText"] == "技术"
    advice = [d for d in diags if d["code"] == "BL202"]
    if advice:  # advice such as 核对各项金额 is not offered as an edit of the text
        acts = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": advice[0]["range"],
                                                          "context": {"diagnostics": advice}})
        assert all(a["title"].startswith("接受") for a in acts)

    # several quick edits: only the last state is checked (debounced), and it is right
    fixed = DRAFT.replace("技木", "技术").replace("县场", "市场")
    for version, text in ((2, DRAFT.replace("技木", "技")), (3, fixed)):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": text}]})
    params = client.diagnostics(uri)
    assert params["version"] == 3
    assert not {"BL303", "BL306"} & {d["code"] for d in params["diagnostics"]}
    assert "BL201" in {d["code"] for d in params["diagnostics"]}

    # accepting with the marker, then saving: the finding is gone
    accepted = fixed.replace("收入18万元。", "收入18万元。 <!-- budgetlint: ignore BL201 -->")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                             "contentChanges": [{"text": accepted}]})
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    params = client.diagnostics(uri, 4)
    assert "BL201" not in {d["code"] for d in params["diagnostics"]}
