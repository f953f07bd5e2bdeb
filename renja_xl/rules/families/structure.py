"""Structure: what the reader could not understand is said, never passed over in silence."""

from __future__ import annotations

from typing import Iterator

from ..base import Finding, Location, Rule, Severity, register
from ..context import CheckContext


@register
class UnknownTable(Rule):
    """A block looks like a table (a header row, then rows of figures) but was not understood, so nothing in it was checked.

    **Salah**: tabel dengan judul kolom "Uraian | Pagu Murni | Pagu Geser" yang tidak dikenali; tidak ada
    satu pun temuan untuknya, seolah-olah benar.

    **Benar**: judul kolom yang dikenali (Program/Kegiatan, Anggaran (Rp), Realisasi (Rp), Capaian (%) …),
    atau ajarkan ejaan baru lewat berkas kosakata kolom (``kolom = kolom_saya.csv`` di renja-xl.ini).
    """

    code = "RXL701"
    name = "structure.unknown_table"
    family = "struktur"
    severity = Severity.WARNING
    message = "Blok {kalimat}; isinya tidak diperiksa."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for block in ctx.unknown_blocks:
            yield self.finding([Location(block.sheet, block.anchor)], "", written=block.range,
                               kalimat=block.sentence)
