"""Entry points of the installed distributions, read without importing importlib.metadata.

Every `check` asks for two groups (rule packs, vocabulary packs). importlib.metadata costs
about 25 ms to import (email, zipfile, csv, socket come with it) before it scans anything,
a tenth of a one-shot check. Here the `*.dist-info` (and `*.egg-info`) folders on sys.path are
listed and their entry_points.txt read directly; the first distribution of a name on sys.path
wins, as with importlib.metadata. The distribution behind an entry point (`.dist`, with its
version and requirements) is loaded through importlib.metadata only when a caller asks for it,
which only third-party packs need. A sys.path entry that is no folder (a zip, an egg file) sends
the whole look-up to importlib.metadata, so nothing installed is missed.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class EntryPoint:
    name: str
    value: str
    group: str
    dist_name: str  # the distribution's Name (METADATA), e.g. budgetlint
    dist_path: str = ""  # its .dist-info folder

    @property
    def dist(self):
        """The distribution (importlib.metadata): version, requires."""
        from importlib.metadata import PathDistribution
        from pathlib import Path

        return PathDistribution(Path(self.dist_path))


def _normal(name: str) -> str:
    return name.replace("-", "_").replace(".", "_").lower()


def _sections(text: str) -> dict[str, list[tuple[str, str]]]:
    """entry_points.txt: INI sections of `name = value` lines."""
    out: dict[str, list[tuple[str, str]]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1].strip(), [])
        elif current is not None and "=" in line:
            name, _, value = line.partition("=")
            current.append((name.strip(), value.strip()))
    return out


def _metadata_name(folder: str, fallback: str) -> str:
    for meta in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, meta), encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if not line.strip():
                        break  # end of the headers
                    if line.lower().startswith("name:"):
                        return line.split(":", 1)[1].strip()
        except OSError:
            continue
    return fallback


@lru_cache(maxsize=None)
def _scan() -> tuple[tuple[EntryPoint, ...], bool]:
    """Every entry point on sys.path, and whether the scan could read sys.path itself."""
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for entry in sys.path:
        folder = entry or os.getcwd()
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return (), False  # a zip or egg file: importlib.metadata knows how to read it
            continue
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            stem = name.rsplit(".", 1)[0].split("-", 1)[0]
            if _normal(stem) in seen:
                continue
            seen.add(_normal(stem))
            info = os.path.join(folder, name)
            try:
                with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as fh:
                    sections = _sections(fh.read())
            except OSError:
                continue
            dist_name = _metadata_name(info, stem)
            for group, items in sections.items():
                found.extend(EntryPoint(n, v, group, dist_name, info) for n, v in items)
    return tuple(found), True


def entry_points(group: str) -> list:
    """The entry points of `group`: objects with .name, .value, .dist_name and .dist."""
    found, readable = _scan()
    if readable:
        return [ep for ep in found if ep.group == group]
    from importlib.metadata import entry_points as metadata_entry_points

    return [_Adapted(ep) for ep in metadata_entry_points(group=group)]


class _Adapted:
    """An importlib.metadata entry point with the attributes of ours."""

    def __init__(self, ep):
        self.name, self.value, self.group, self.dist = ep.name, ep.value, ep.group, ep.dist
        self.dist_name = ep.dist.name if ep.dist is not None else ""
