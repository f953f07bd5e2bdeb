"""The engine's own finding: a rule that crashed."""

from __future__ import annotations

from typing import Iterator

from ..base import Finding, Rule, Severity, register
from ..context import CheckContext


@register
class RuleCrashed(Rule):
    """A rule failed on this workbook; the others still ran. Please report it with the workbook.

    **Salah**: sebuah aturan berhenti karena galat program; hasil pemeriksaan lain tetap ditampilkan.

    **Benar**: tidak ada; temuan ini berarti ada galat di renja-xl, bukan di buku kerja.
    """

    code = "RXL000"
    name = "engine.rule_crash"
    family = "mesin"
    severity = Severity.ERROR
    message = "Aturan {kode} gagal dijalankan ({galat}); aturan lain tetap diperiksa."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        return iter(())
