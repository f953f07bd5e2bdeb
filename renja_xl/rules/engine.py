"""Running the rules: every enabled rule over the workbook, crashes turned into findings."""

from __future__ import annotations

from typing import Optional

from ..parse.units import UnitVocabulary
from ..reader.vocabulary import ConceptVocabulary
from ..snapshot import WorkbookSnapshot
from .base import REGISTRY, Finding, all_rules, report_order
from .config import CheckConfig
from .context import CheckContext
from .packed import PackedFindings

CRASH_CODE = "RXL000"


def run_checks(snapshot: WorkbookSnapshot, tables: list, config: Optional[CheckConfig] = None,
               units: Optional[UnitVocabulary] = None, only: Optional[set] = None,
               vocabulary: Optional[ConceptVocabulary] = None, nomenclature=None, packed: bool = False):
    """All findings for a workbook, sorted by sheet and cell, duplicates removed.

    With ``packed`` they come as :class:`~renja_xl.rules.packed.PackedFindings`, in the order
    the rules made them: unpacked once the workbook is let go, then put in the report's order
    by :func:`in_report_order`.
    """
    config = config or CheckConfig()
    ctx = CheckContext(snapshot, tables, units, vocabulary, nomenclature)
    findings = PackedFindings() if packed else []
    rules = [(cls, config.settings(cls.code)) for cls in all_rules()
             if cls.code != CRASH_CODE and (only is None or cls.code in only)]
    rules = [(cls, settings) for cls, settings in rules if settings.enabled]
    # a shared fact (the cross-table rules' matched rows: an entity per row) is let go after its last rule, so
    # that the rules after it do not hold it beside what they make
    last_asking = {key: cls for cls, _ in rules for key in cls.shares}
    try:
        for cls, settings in rules:
            rule = cls(settings.severity, settings.options)
            try:
                findings.extend(rule.check(ctx))
            except Exception as exc:  # a broken rule must not stop the others
                crash = REGISTRY[CRASH_CODE](config.settings(CRASH_CODE).severity)
                findings.extend([crash.finding((), kode=cls.code, galat=f"{type(exc).__name__}: {exc}")])
            for key in cls.shares:
                if last_asking[key] is cls:
                    ctx.forget(key)
    finally:
        ctx.release()
    if packed:
        findings.finish()
        return findings
    return in_report_order(findings)


def in_report_order(findings: list[Finding]) -> list[Finding]:
    """The findings without repeats, sorted by sheet and cell (the report's order)."""
    unique = list(dict.fromkeys(findings))
    del findings
    unique.sort(key=report_order(unique))
    return unique
