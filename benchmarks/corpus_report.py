"""Print per-rule precision/recall over corpus/expected (same computation as the test)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus_eval import evaluate, table  # noqa: E402

stats, problems = evaluate()
print(table(stats))
for p in problems:
    print(p)
