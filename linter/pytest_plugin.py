"""pytest plugin: rule case files are collected as tests.

Installed with budgetlint (entry point `pytest11`), so a rule pack's own test run picks up its
case files without a line of Python: every `cases/<CODE>.toml` below the folders pytest is
given becomes one test per case, and a failing case is shown with its document, the findings
it expects and the findings reported.
"""
from __future__ import annotations

import pytest

from .testing import CASE_FILE, CaseFileError, check_case, load_cases


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".toml" and file_path.parent.name == "cases" and CASE_FILE.fullmatch(file_path.stem):
        return RuleCaseFile.from_parent(parent, path=file_path)
    return None


class RuleCaseFile(pytest.File):
    def collect(self):
        try:
            cases = load_cases(self.path)
        except CaseFileError as exc:
            raise self.CollectError(str(exc)) from None
        for case in cases:
            yield RuleCaseItem.from_parent(self, name=case.name, case=case)


class RuleCaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case
        self.result = None

    def runtest(self):
        self.result = check_case(self.case)
        if not self.result.passed:
            raise RuleCaseFailure(self.result.report())

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, RuleCaseFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"rule case {self.case.id}"


class RuleCaseFailure(Exception):
    """A case whose findings differ from what it expects."""
