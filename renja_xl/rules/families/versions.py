"""Between versions: what ``renja-xl bandingkan OLD NEW`` finds comparing two drafts.

These rules need two workbooks, so a single-file check never reports them; they are
registered here so that they are documented (``renja-xl rules RXL901``), configurable
(severity, off) and their message lives in one place.
"""

from __future__ import annotations

from typing import Iterator

from ..base import Finding, Rule, Severity, register
from ..context import CheckContext


@register
class ChangeWithoutNote(Rule):
    """A target or pagu changed between two drafts and its Catatan Penting is empty.

    **Salah**: rancangan: pagu Program Pelatihan Kerja 900.000.000; rancangan akhir: 950.000.000,
    kolom Catatan Penting kosong.

    **Benar**: setiap target atau pagu yang berubah dijelaskan di Catatan Penting ("tambahan DAK …").
    """

    code = "RXL901"
    name = "bandingkan.tanpa_catatan"
    family = "antarversi"
    severity = Severity.WARNING
    message = "{kolom} '{nama}' berubah dari {perubahan}, tetapi {sebab}: setiap perubahan target atau pagu perlu dijelaskan."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        return iter(())   # needs two versions: renja-xl bandingkan reports it
