"""The result of checking one workbook: its tables and findings, as JSON or as lines of text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .rules.base import Finding, Severity


@dataclass
class FileReport:
    """One workbook's check: where its tables are and what is wrong with them."""

    file: str
    tables: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    error: Optional[str] = None        # the sentence when the file could not be used
    output: Optional[str] = None       # the checked copy written, if any

    def summary(self) -> dict:
        return severity_counts(self.findings)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == Severity.ERROR for f in self.findings)

    def to_dict(self) -> dict:
        if self.error is not None:
            return {"file": self.file, "error": self.error}
        return {
            "file": self.file,
            "tables": [table_dict(t) for t in self.tables],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary(),
        }


def table_dict(table) -> dict:
    """Where a table is, for JSON: from a reader :class:`~renja_xl.reader.model.Table` or the dict a batch
    worker sent back (:class:`renja_xl.batch.result.FileResult`)."""
    if isinstance(table, dict):
        return {key: table[key] for key in ("sheet", "table", "header_range", "data_range")}
    return {"sheet": table.sheet, "table": table.spec.key, "header_range": table.header_range,
            "data_range": table.data_range}


def by_sheet(findings: list[Finding]) -> dict:
    """Findings grouped by the sheet of their first cell, in workbook order."""
    groups: dict = {}
    for f in findings:
        sheet = f.locations[0].sheet if f.locations else ""
        groups.setdefault(sheet, []).append(f)
    return groups


def severity_counts(findings: list) -> dict:
    """{"error": n, "warning": n, "info": n} of a list of findings."""
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def counts_text(counts: dict) -> str:
    """``117 kesalahan, 102 peringatan, 19 info``."""
    return f"{counts.get('error', 0)} kesalahan, {counts.get('warning', 0)} peringatan, {counts.get('info', 0)} info"


def summary_sentence(counts: dict, files: int) -> str:
    return f"Ringkasan: {counts_text(counts)} di {files} berkas."
