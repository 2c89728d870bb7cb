"""Access to the domain vocabulary shipped as data in linter/data/ (loaded once, lazily)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_json(name: str):
    with resources.files("linter.data").joinpath(name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """A data file of one entry per line; '#' starts a comment."""
    with resources.files("linter.data").joinpath(name).open("r", encoding="utf-8") as fh:
        out = []
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
        return tuple(out)


def data_path(name: str) -> str:
    return str(resources.files("linter.data").joinpath(name))
