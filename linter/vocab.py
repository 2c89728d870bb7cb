"""The domain vocabulary: the data shipped in linter/data/, merged with what installed rule
packs contribute (loaded once, lazily).

A pack contributes vocabulary through the `budgetlint.vocabulary` entry-point group; the entry
point names a package that holds data files named like the built-in ones, holding only the
additions:

    [project.entry-points."budgetlint.vocabulary"]
    provincepack = "provincepack.vocabulary"

- a JSON file is merged into the built-in one: objects key by key, lists extended (an entry
  already there is not repeated), a pack's scalar replacing the built-in one;
- a line file (confusables.txt, placeholders.txt, lexicon.txt …) is appended to the built-in one.

`origins()` says where every entry came from (`budgetlint extract --vocabulary` shows it).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache

VOCABULARY_GROUP = "budgetlint.vocabulary"
BUILTIN = "budgetlint"


class VocabularyError(Exception):
    """A pack's vocabulary that cannot be read; the message names the pack and the file."""


@dataclass(frozen=True)
class Source:
    name: str  # budgetlint, or the pack's distribution name
    folder: object  # an importlib.resources Traversable, or a _Folder


class _Folder:
    """A folder on disk with the little of importlib.resources' Traversable that is used here:
    linter/data read without importing importlib.resources, which brings tempfile, zipfile and
    random with it (~6 ms of a one-shot check)."""

    def __init__(self, path: str):
        self.path = path
        self.name = os.path.basename(path)

    def joinpath(self, name: str) -> "_Folder":
        return _Folder(os.path.join(self.path, name))

    def is_file(self) -> bool:
        return os.path.isfile(self.path)

    def read_text(self, encoding: str = "utf-8") -> str:
        with open(self.path, encoding=encoding) as fh:
            return fh.read()

    def iterdir(self):
        return (self.joinpath(name) for name in sorted(os.listdir(self.path)))

    def __str__(self) -> str:
        return self.path


@lru_cache(maxsize=None)
def _builtin_folder():
    """linter/data: the folder beside this module, or through importlib.resources when the
    package is not a plain folder (a zip)."""
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    if os.path.isdir(folder):
        return _Folder(folder)
    from importlib import resources

    return resources.files("linter.data")


@lru_cache(maxsize=None)
def sources() -> tuple[Source, ...]:
    """The built-in data folder first, then each installed pack's vocabulary package."""
    out = [Source(BUILTIN, _builtin_folder())]
    try:
        from .entrypoints import entry_points

        eps = list(entry_points(group=VOCABULARY_GROUP))
    except Exception:  # broken metadata must not stop a lint run
        eps = []
    for ep in sorted(eps, key=lambda e: e.name):
        name = ep.dist_name or ep.name
        try:
            from importlib import resources

            folder = resources.files(ep.value.split(":")[0])
        except Exception as exc:
            raise VocabularyError(f"vocabulary of pack {name} ({ep.value}) cannot be found: "
                                  f"{type(exc).__name__}: {exc}") from None
        out.append(Source(name, folder))
    return tuple(out)


def _read(source: Source, name: str) -> str | None:
    entry = source.folder.joinpath(name)
    if not entry.is_file():
        return None
    try:
        return entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"vocabulary file {name} of pack {source.name} cannot be read: {exc}") from None


def _merge(base, extra, path: str, origin: str, origins: dict[str, str]):
    if isinstance(base, dict) and isinstance(extra, dict):
        for key, value in extra.items():
            sub = f"{path}.{key}" if path else str(key)
            if key in base:
                base[key] = _merge(base[key], value, sub, origin, origins)
            else:
                base[key] = value
                origins[sub] = origin
        return base
    if isinstance(base, list) and isinstance(extra, list):
        for value in extra:
            if value not in base:
                base.append(value)
                origins[f"{path}[{json.dumps(value, ensure_ascii=False)}]"] = origin
        return base
    origins[path] = origin
    return extra


@lru_cache(maxsize=None)
def _json(name: str) -> tuple[object, dict[str, str]]:
    data, origins = None, {}
    for source in sources():
        text = _read(source, name)
        if text is None:
            continue
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise VocabularyError(f"vocabulary file {name} of pack {source.name} is not valid JSON: {exc}") from None
        data = value if data is None else _merge(data, value, "", source.name, origins)
    if data is None:
        raise FileNotFoundError(f"no vocabulary file {name}")
    return data, origins


def load_json(name: str):
    """A JSON vocabulary file, the packs' additions merged in."""
    return _json(name)[0]


@lru_cache(maxsize=None)
def _lines(name: str) -> tuple[tuple[str, str], ...]:
    out = []
    for source in sources():
        text = _read(source, name)
        for line in (text or "").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                out.append((line, source.name))
    if not out and _read(sources()[0], name) is None:
        raise FileNotFoundError(f"no vocabulary file {name}")
    return tuple(out)


def load_lines(name: str) -> tuple[str, ...]:
    """A data file of one entry per line ('#' starts a comment), the packs' lines appended."""
    return tuple(line for line, _ in _lines(name))


def load_text(name: str) -> list[tuple[str, str]]:
    """(text, source) of every copy of a line file, built-in first: for formats whose own
    reader needs the comments or the raw lines (confusables.txt keeps '#' inside patterns)."""
    return [(text, s.name) for s in sources() if (text := _read(s, name)) is not None]


def data_paths(name: str) -> list[str]:
    """File paths of a data file and of the packs' files of the same name (built-in first),
    for readers that take paths (jieba's dictionaries)."""
    return [str(s.folder.joinpath(name)) for s in sources() if s.folder.joinpath(name).is_file()]


def data_path(name: str) -> str:
    """The built-in file only."""
    return str(_builtin_folder().joinpath(name))


def origins(name: str) -> dict[str, str]:
    """Where the entries of a vocabulary file came from: for a JSON file, the key path of each
    entry a pack added ("kinds.three_public.aliases[\"…\"]" -> pack); for a line file, each
    line -> its source. Entries not listed are built-in."""
    if name.endswith(".json"):
        return dict(_json(name)[1])
    return {line: source for line, source in _lines(name)}


def files() -> list[str]:
    """Every vocabulary file name, built-in or contributed."""
    names = set()
    for s in sources():
        names.update(e.name for e in s.folder.iterdir() if e.name.endswith((".json", ".txt")))
    return sorted(names)
