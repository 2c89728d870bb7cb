"""The limits one document is checked within (issue 13), in one configuration object and one
section, [tool.budgetlint.limits] (linter.config):
- what the readers accept: a file past one is refused with a BL000 naming the limit by its
  configuration key, e.g. "table grid wider than 1000 columns (limit max-grid-columns)";
- the hard stop (linter.isolation): seconds and bytes of address space per document, in
  `check` and `audit` alike; past them the document is a BL000 "time limit exceeded (120 s,
  limit time-limit)" and the other documents are still checked. 0 switches either off.

The defaults are far above any real budget publication (a provincial 决算 runs to a few
hundred pages and is checked in seconds, Word itself stops a table at 63 columns) and low
enough that one hostile file cannot take gigabytes or minutes."""
from __future__ import annotations

from dataclasses import dataclass, fields

from .model import InputError

MiB = 1024 * 1024
GiB = 1024 * MiB

# the hard stop's fields: 0 means no limit, and the memory may be written "3G" in the configuration
STOP_FIELDS = ("time_limit", "memory_limit")


@dataclass(frozen=True)
class Limits:
    max_zip_part_bytes: int = 100 * MiB      # one .docx part, counted as it is decompressed
    max_decompressed_bytes: int = 200 * MiB  # all parts of one .docx read, together
    max_grid_columns: int = 1000             # a table's grid: w:gridBefore + spans, any format
    max_table_rows: int = 50_000             # rows of one table
    max_nesting_depth: int = 100             # tables in tables, content controls, hyperlinks
    max_numbering_text: int = 1000           # a .docx numbering level's lvlText, in characters
    max_document_chars: int = 20_000_000     # characters of the whole text view
    max_line_chars: int = 200_000            # characters of one line (paragraph, table row)
    max_pages: int = 2000                    # PDF pages
    max_glyphs_per_page: int = 50_000        # PDF characters drawn on one page
    time_limit: float = 120.0                # seconds per document (the hard stop); 0: none
    memory_limit: int = 3 * GiB              # bytes of address space one document may add to its worker; 0: none

    @staticmethod
    def key(field: str) -> str:
        """The configuration key of a field: max_grid_columns → max-grid-columns."""
        return field.replace("_", "-")

    @classmethod
    def keys(cls) -> list[str]:
        return [cls.key(f.name) for f in fields(cls)]

    @property
    def hard_stop(self) -> bool:
        """Whether documents are checked in worker processes under a time or memory limit."""
        return bool(self.time_limit or self.memory_limit)

    def time_exceeded(self) -> str:
        return f"time limit exceeded ({self.time_limit:g} s, limit {self.key('time_limit')})"

    def memory_exceeded(self) -> str:
        return f"memory limit exceeded ({size_text(self.memory_limit)}, limit {self.key('memory_limit')})"


def size_text(n: int) -> str:
    return f"{n / GiB:.1f} GiB" if n >= GiB else f"{n / MiB:.0f} MiB"


def parse_bytes(text: str) -> int:
    """A size as written on the command line or in the configuration: 3G, 512M, 64k, 1000."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
    t = text.strip().lower().removesuffix("b").removesuffix("i")
    if t and t[-1] in units:
        return int(float(t[:-1]) * units[t[-1]])
    return int(t)


DEFAULT = Limits()


def exceeded(what: str, field: str) -> InputError:
    """The refusal of a file past a limit: the cause, then the key that raises it."""
    return InputError(f"{what} (limit {Limits.key(field)})")


def check_document(doc, limits: Limits) -> None:
    """Limits every format shares, checked on the text view and tables a reader built,
    before any later stage spends time on them."""
    total = 0
    for line in doc.lines:
        n = len(line.text)
        if n > limits.max_line_chars:
            raise exceeded(f"line {line.number} longer than {limits.max_line_chars} characters",
                           "max_line_chars")
        total += n
    if total > limits.max_document_chars:
        raise exceeded(f"text longer than {limits.max_document_chars} characters", "max_document_chars")
    for table in doc.tables:
        check_rows(len(table.rows), limits)
        for row in table.rows:
            for cell in row:
                check_columns(cell.col + cell.colspan, limits)


def check_rows(n: int, limits: Limits) -> None:
    if n > limits.max_table_rows:
        raise exceeded(f"table longer than {limits.max_table_rows} rows", "max_table_rows")


def check_columns(width: int, limits: Limits) -> None:
    if width > limits.max_grid_columns:
        raise exceeded(f"table grid wider than {limits.max_grid_columns} columns", "max_grid_columns")


def check_depth(depth: int, limits: Limits, what: str = "tables, content controls or hyperlinks") -> None:
    if depth > limits.max_nesting_depth:
        raise exceeded(f"{what} nested deeper than {limits.max_nesting_depth} levels", "max_nesting_depth")
