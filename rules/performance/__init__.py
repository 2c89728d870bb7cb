"""Rule family (see the modules in this folder)."""


def load():
    return []
