"""Configuration: [tool.budgetlint] in pyproject.toml or a budgetlint.toml, found by
walking up from the current directory. Keys: select, ignore, severity (code or prefix ->
error|warning|info), per-file-ignores (glob -> [codes]), and per-rule options under
[tool.budgetlint.options.CODE]."""
from __future__ import annotations

import os

from .engine import Selection
from .model import InputError

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


def find_config(start: str | None = None) -> str | None:
    d = os.path.abspath(start or os.getcwd())
    while True:
        for name in ("budgetlint.toml", "pyproject.toml"):
            p = os.path.join(d, name)
            if os.path.isfile(p):
                if name == "budgetlint.toml" or "[tool.budgetlint" in _read(p):
                    return p
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _read(path: str) -> str:
    with open(path, "r", encoding="utf-8", errors="replace") as fh:
        return fh.read()


def load_selection(path: str | None) -> Selection:
    sel = Selection()
    if not path:
        return sel
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"bad configuration: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("budgetlint", {})
    else:
        data = data.get("tool", {}).get("budgetlint", data)
    if "select" in data:
        sel.select = [str(s) for s in data["select"]]
    sel.ignore = [str(s) for s in data.get("ignore", [])]
    for key, sev in dict(data.get("severity", {})).items():
        if sev not in ("error", "warning", "info"):
            raise InputError(f"bad configuration: severity for {key} must be error, warning or info")
        sel.severity[key] = sev
    sel.per_file_ignores = {k: list(v) for k, v in dict(data.get("per-file-ignores", {})).items()}
    sel.options = {k: dict(v) for k, v in dict(data.get("options", {})).items()}
    return sel
