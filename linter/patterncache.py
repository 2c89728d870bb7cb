"""Compiled regular expressions kept across runs of `budgetlint check`.

The `regex` library compiles a pattern in Python: parsing, optimising and encoding the
program take ~0.2 ms a pattern, and a check compiles ~380 of them (~80 ms of CPU, a
quarter of a one-shot check of a seed). What that work produces is deterministic and the
library hands it out itself: a compiled pattern pickles as `_regex.compile` and its compiled
program (`copyreg` reducer), and calling `_regex.compile` with that program rebuilds the
pattern in C without parsing it again (~30 times faster). This module keeps those programs
in one file and, once installed, puts a memo in front of the library's compile step: a
pattern met before (in this process, or in an earlier run) is rebuilt from its program or
returned from the memo; any other goes to the library as before, and its program is kept.

The memo also ends the library's own cache look-up for patterns passed as strings
(`regex.search(r"…", text)`), ~7 µs each, thousands a document: a dictionary look-up here.

Safety:
- The file is keyed by everything the program depends on: this module's format, the
  library's version and the mtime and size of its compiled extension, the Python version,
  and the library's default version. Another key is another file; a file whose key, check
  sum or layout is wrong is ignored. A pattern's program is looked up by its text and flags,
  so changed patterns are simply new entries.
- Only what the library's own pickling gives is used, and only when its reducer is
  `_regex.compile` (older versions recompile on unpickling: no cache). Patterns with named
  lists, bytes patterns and locale-dependent ones go to the library untouched.
- The file lives in the user's cache folder ($BUDGETLINT_CACHE_DIR, else
  $XDG_CACHE_HOME/budgetlint, else ~/.cache/budgetlint), never beside a document.
  BUDGETLINT_CACHE_DIR set to an empty value turns the cache off. A folder that cannot be
  created or written, a full disk, a file that cannot be read: the check runs as without
  the cache, silently. It is written whole to a temporary file and renamed over the old
  one, so a concurrent run or a kill leaves the old file or the new, never half of one.
- Nothing here touches the network.

Only the `check` command installs it (linter.cli); imported as a library, budgetlint leaves
the `regex` module as it is.
"""
from __future__ import annotations

import marshal
import os
import sys
import time
import zlib

FORMAT = 1
MAX_ENTRIES = 4000  # beyond this, a write keeps only the patterns this process used
# a run writes the file only when the patterns it had to compile cost this much CPU: a new
# document's few own patterns (its name, escaped) are not worth a write on every run
MIN_SAVING = 0.002

_cache: "_Cache | None" = None


def cache_dir() -> str | None:
    """The folder of budgetlint's caches, or None when caching is off or there is no home."""
    given = os.environ.get("BUDGETLINT_CACHE_DIR")
    if given is not None:
        return given or None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not home or home == "~" or not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "budgetlint")


def _stamp(regex_module, extension) -> tuple:
    try:
        info = os.stat(extension.__file__)
        built = (info.st_mtime_ns, info.st_size)
    except (AttributeError, OSError):
        built = None
    return (FORMAT, getattr(regex_module, "__version__", ""), sys.version, built,
            int(regex_module.DEFAULT_VERSION))


class _Cache:
    def __init__(self, main, extension, path: str, stamp: tuple):
        self.main, self.extension, self.path, self.stamp = main, extension, path, stamp
        self.library_compile = main._compile
        self.rebuild = extension.compile
        self.version = main.DEFAULT_VERSION
        self.locale_flag = int(main.LOCALE)
        self.stored: dict = self._read()  # (text, flags) -> program, from the file
        self.new: dict = {}  # programs compiled by this process, not in the file yet
        self.cost = 0.0  # CPU seconds spent compiling self.new
        self.live: dict = {}  # (text, flags) -> compiled pattern of this process

    def _read(self) -> dict:
        try:
            with open(self.path, "rb") as fh:
                stamp, check, body = marshal.loads(fh.read())
            if stamp != self.stamp or zlib.crc32(body) != check:
                return {}
            table = marshal.loads(body)
            return table if isinstance(table, dict) else {}
        except Exception:  # absent, unreadable, cut short or of another layout: no cache
            return {}

    def compile(self, pattern, flags, ignore_unused, kwargs, cache_it):
        """regex._main._compile's signature and result."""
        if kwargs or type(pattern) is not str or self.main.DEFAULT_VERSION != self.version:
            return self.library_compile(pattern, flags, ignore_unused, kwargs, cache_it)
        key = (pattern, flags)
        compiled = self.live.get(key)
        if compiled is not None:
            return compiled
        program = self.stored.get((pattern, int(flags)))
        if program is not None:
            try:
                compiled = self.rebuild(*program)
            except Exception:
                compiled = None
        if compiled is None:
            began = time.process_time()
            compiled = self.library_compile(pattern, flags, ignore_unused, kwargs, cache_it)
            program = self._program(compiled)
            if program is None:
                return compiled  # not kept: the library's own cache serves it
            self.new[(pattern, int(flags))] = program
            self.cost += time.process_time() - began
        self.live[key] = compiled
        return compiled

    def _program(self, compiled):
        """The arguments that rebuild `compiled` (its pickled form), or None when it is not to be
        kept: locale-dependent, with named lists, or a library whose reducer is not
        `_regex.compile`."""
        import copyreg

        try:
            rebuild, program = copyreg.dispatch_table[type(compiled)](compiled)
        except Exception:
            return None
        if rebuild is not self.rebuild or not isinstance(program, tuple) or len(program) < 2:
            return None
        if int(program[1]) & self.locale_flag or any(isinstance(p, dict) and p for p in program[5:6]):
            return None
        try:
            program = (program[0], int(program[1])) + tuple(program[2:])
            marshal.dumps(program)
        except (TypeError, ValueError):
            return None
        return program

    def save(self) -> bool:
        """Write the programs compiled by this process into the file, when they are worth it;
        whether the file was written. Never raises."""
        if not self.new or self.cost < MIN_SAVING:
            return False
        try:
            on_disk = self._read()
            if all(key in on_disk for key in self.new):  # another run (or our worker) wrote them
                self.stored.update(self.new)
                self.new.clear()
                return False
            table = {**on_disk, **self.stored, **self.new}
            if len(table) > MAX_ENTRIES:
                used = {(text, int(flags)) for text, flags in self.live}
                table = {key: program for key, program in table.items() if key in used}
            body = marshal.dumps(table)
            data = marshal.dumps((self.stamp, zlib.crc32(body), body))
            folder = os.path.dirname(self.path)
            os.makedirs(folder, exist_ok=True)
            temporary = f"{self.path}.{os.getpid()}.tmp"
            try:
                with open(temporary, "wb") as fh:
                    fh.write(data)
                os.replace(temporary, self.path)
            except BaseException:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
                raise
        except Exception:  # read-only or full: the next run compiles again
            return False
        self.stored = table
        self.new.clear()
        self.cost = 0.0
        return True


def install(folder: str | None = None) -> bool:
    """Put the cache in front of the `regex` library's compile step for this process, with its
    file in `folder` (default: cache_dir()); whether it is installed. Idempotent."""
    global _cache
    if _cache is not None:
        return True
    folder = folder if folder is not None else cache_dir()
    if not folder:
        return False
    try:
        import regex
        from regex import _main, _regex

        if _main._compile.__code__.co_varnames[:5] != ("pattern", "flags", "ignore_unused", "kwargs", "cache_it"):
            return False  # a library whose internals differ: compile as it does
        stamp = _stamp(regex, _regex)
    except Exception:
        return False
    key = repr(stamp).encode()
    name = f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}"
    _cache = _Cache(_main, _regex, os.path.join(folder, f"patterns-{name}.marshal"), stamp)
    _main._compile = _cache.compile
    return True


def uninstall() -> None:
    """Give the library its own compile step back (tests)."""
    global _cache
    if _cache is not None:
        _cache.main._compile = _cache.library_compile
        _cache = None


def save() -> bool:
    """Keep what this process compiled, if the cache is installed and it is worth a write."""
    return _cache.save() if _cache is not None else False
