"""Cross-document checks over the audit store: each batch rule gets its stored summaries
one group at a time (BatchRule.batch_groups), never the documents, so an audit of many
thousands of files holds one group in memory at once. Recomputed at every run from the
whole store, replacing the previous run's cross-document findings in one transaction."""
from __future__ import annotations

import sys

from .engine import BatchRule, Selection
from .store import Store


def run_cross_checks(store: Store, rules: list, selection: Selection) -> int:
    by_path: dict[str, list[dict]] = {}
    for rule in rules:
        if not isinstance(rule, BatchRule):
            continue
        try:
            for _, parts in store.summary_groups(rule.code):
                for finding in rule.check_batch(parts):
                    if not selection.enabled(rule.code, finding.path):
                        continue
                    finding.severity = selection.severity_for(rule.code, finding.severity)
                    data = finding.to_json()
                    data["context"], data["context_start"] = finding.excerpt, max(0, finding.column - 1)
                    by_path.setdefault(finding.path, []).append(data)
        except Exception as exc:  # a rule bug loses that rule's cross findings, not the audit
            print(f"budgetlint: error: rule {rule.code} failed across documents: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
    for findings in by_path.values():  # a part in two groups must not report twice
        unique = {(f["rule"], f["line"], f["column"], f["message"]): f for f in findings}
        findings[:] = list(unique.values())
    return store.replace_cross_findings(by_path)
