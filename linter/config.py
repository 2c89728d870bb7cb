"""Configuration: [tool.budgetlint] in pyproject.toml or a budgetlint.toml, found by
walking up from the current directory. Keys: select, ignore, severity (code or prefix ->
error|warning|info), extend-select and extend-ignore (added to the default selection,
which is every built-in rule and every installed pack's), per-file-ignores (glob, relative to the configuration's folder ->
[codes]), per-rule options under [tool.budgetlint.options.CODE], and the readers' limits
under [tool.budgetlint.limits] (linter.limits: positive whole numbers; the hard stop's
time-limit in seconds and memory-limit in bytes or as "3G", 0 for none). A list of codes may
also be written as one string ("BL1" or "BL1, BL3"). Anything else is refused in one line."""
from __future__ import annotations

import os

from .engine import Selection
from .findings import SEVERITIES
from .limits import STOP_FIELDS, Limits, parse_bytes
from .model import InputError

KEYS = ("select", "extend-select", "ignore", "extend-ignore", "severity", "per-file-ignores", "options", "limits")


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


def _bad(message: str) -> InputError:
    return InputError(f"bad configuration: {message}")


def _codes(value, key: str) -> list[str]:
    """A list of codes or prefixes, written as a list or as one (comma-separated) string."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(f"{key} must be a list of rule codes or prefixes")
    return [v.strip() for v in value if v.strip()]


def _table(value, key: str) -> dict:
    if not isinstance(value, dict):
        raise _bad(f"{key} must be a table")
    return value


def load_selection(path: str | None) -> Selection:
    sel = Selection()
    if not path:
        return sel
    try:  # imported here: a check without a configuration file does not pay for it (~3 ms)
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, ValueError) as exc:  # ValueError: bad TOML, or text that is not UTF-8
        raise _bad(f"{path}: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("budgetlint", {})
    else:
        data = data.get("tool", {}).get("budgetlint", data)
    unknown = [k for k in _table(data, "[tool.budgetlint]") if k not in KEYS]
    if unknown:
        raise _bad(f"unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
    sel.root = os.path.dirname(os.path.abspath(path))
    if "select" in data:
        sel.select = _codes(data["select"], "select")
    sel.extend_select = _codes(data.get("extend-select", []), "extend-select")
    # as in ruff: ignore and extend-ignore both add to what is switched off
    sel.ignore = _codes(data.get("ignore", []), "ignore") + _codes(data.get("extend-ignore", []), "extend-ignore")
    for key, sev in _table(data.get("severity", {}), "severity").items():
        if sev not in SEVERITIES:
            raise _bad(f"severity for {key} must be {', '.join(SEVERITIES[:-1])} or {SEVERITIES[-1]}")
        sel.severity[key] = sev
    sel.per_file_ignores = {k: _codes(v, f"per-file-ignores {k!r}")
                            for k, v in _table(data.get("per-file-ignores", {}), "per-file-ignores").items()}
    sel.options = {k: dict(_table(v, f"options.{k}"))
                   for k, v in _table(data.get("options", {}), "options").items()}
    sel.limits = _limits(_table(data.get("limits", {}), "limits"))
    return sel


def _limits(table: dict) -> Limits:
    known = Limits.keys()
    values = {}
    for key, value in table.items():
        if key not in known:
            raise _bad(f"unknown limit {key!r} (known: {', '.join(known)})")
        field = key.replace("-", "_")
        if field in STOP_FIELDS:  # the hard stop: 0 switches it off; a memory size may be "3G"
            values[field] = _stop_limit(key, value)
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise _bad(f"limits.{key} must be a positive whole number")
        values[field] = value
    return Limits(**values)


def _stop_limit(key: str, value) -> float | int:
    if key == "memory-limit" and isinstance(value, str):
        try:
            value = parse_bytes(value)
        except ValueError:
            raise _bad(f"limits.{key} must be a size in bytes, or written like 3G or 512M") from None
    whole = key == "memory-limit"
    if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)) or value < 0:
        raise _bad(f"limits.{key} must be {'a size in bytes' if whole else 'a number of seconds'}, 0 for none")
    return value
