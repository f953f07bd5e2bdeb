"""Pagu roll-up: sub kegiatan -> kegiatan -> program -> total, by the kode hierarchy.

Rows without a kode belong to the coded row above them (its breakdown); a duplicated
kode counts once; nothing is counted twice. Every column the spec sums by kode is
checked (pagu tahun n and n+1, APBD murni and APBD-P).
"""

from __future__ import annotations

from typing import Iterator

from ...hierarchy import Node, children_sum
from ...specs.base import Rollup
from ..base import Finding, Rule, Severity, number_text, register
from ..context import CheckContext
from .helpers import cell_location, column_label, row_label

TOLERANCE = 0.5  # rupiah: amounts are whole numbers

LEVEL_WORD = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan", "urusan": "urusan",
              "bidang": "bidang", "outline": "butir"}


def _rollup_columns(table) -> list:
    return [c.key for c in table.spec.columns if isinstance(c.computed, Rollup) and c.key in table.columns]


@register
class ParentPagu(Rule):
    """A kegiatan's or program's pagu differs from the sum of its children (by kode).

    **Salah**: kegiatan 2.07.05.2.01 pagu 40.000.000, sub kegiatannya 2.07.05.2.01.01 "-"
    (dua sub kegiatan lain tertulis 2:03, jadi tidak terhitung di bawahnya).

    **Benar**: pagu kegiatan = jumlah pagu sub kegiatan di bawah kodenya.
    """

    code = "RXL201"
    name = "pagu.parent_sum"
    family = "pagu"
    severity = Severity.ERROR
    message = "{kolom} {tingkat} {baris} tertulis {tertulis}, jumlah {n} rinciannya {jumlah} (selisih {selisih})."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            keys = _rollup_columns(table)
            if not keys:
                continue
            tree = ctx.tree(table)
            for node in tree.nodes:
                children = node.counted_children
                if not children:
                    continue
                for key in keys:
                    number = lambda r, k=key: ctx.number(r, k)  # noqa: E731
                    stated, total = number(node.row), children_sum(node, number)
                    if total is None or abs((stated or 0.0) - total) <= TOLERANCE:
                        continue
                    if stated is None and node.level in ("urusan", "bidang") and not node.row.text(key).strip():
                        continue  # an urusan or bidang heading row left without a sum: nothing written is wrong
                    locations = [cell_location(table, node.row, key)]
                    for child in children:
                        # a child whose own cell is empty counts through its breakdown rows: name those
                        rows = [child.row] if number(child.row) is not None or not child.continuation else \
                            [r for r in child.continuation if number(r) is not None] or [child.row]
                        locations += [cell_location(table, r, key) for r in rows]
                    yield self.finding(
                        locations, table.spec.key, written=node.row.text(key), expected=number_text(total),
                        kolom=column_label(table, key), tingkat=LEVEL_WORD.get(node.level, ""),
                        baris=row_label(table, node.row), tertulis=number_text(stated), n=len(children),
                        jumlah=number_text(total), selisih=number_text(abs((stated or 0.0) - total)),
                    )


@register
class BreakdownPagu(Rule):
    """The uncoded rows under a coded row add up to a different pagu than the coded row states.

    **Salah**: sub kegiatan Penyusunan RTK pagu 400.000.000; rinciannya (RTK Makro 299.993.800 dan
    RTK Mikro 99.959.000) berjumlah 399.952.800.

    **Benar**: pagu baris berkode sama dengan jumlah rinciannya.
    """

    code = "RXL202"
    name = "pagu.breakdown"
    family = "pagu"
    severity = Severity.ERROR
    message = "{kolom} {baris} tertulis {tertulis}, rincian di bawahnya (tanpa kode) berjumlah {jumlah} (selisih {selisih})."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for key in _rollup_columns(table):
                for node in ctx.tree(table).nodes:
                    stated = ctx.number(node.row, key)
                    parts = [(r, ctx.number(r, key)) for r in node.continuation]
                    present = [v for _, v in parts if v is not None]
                    if stated is None or not present or abs(stated - sum(present)) <= TOLERANCE:
                        continue
                    yield self.finding(
                        [cell_location(table, node.row, key)] + [cell_location(table, r, key) for r, v in parts if v is not None],
                        table.spec.key, written=node.row.text(key), expected=number_text(sum(present)),
                        kolom=column_label(table, key), baris=row_label(table, node.row), tertulis=number_text(stated),
                        jumlah=number_text(sum(present)), selisih=number_text(abs(stated - sum(present))),
                    )


@register
class TotalPagu(Rule):
    """The TOTAL PAGU (JUMLAH) row differs from the sum of the programs.

    **Salah**: TOTAL PAGU ditulis 9.215.966.320 padahal jumlah pagu kelima program 9.255.966.320.

    **Benar**: TOTAL PAGU = jumlah pagu program (tingkat teratas), tiap program sekali.
    """

    code = "RXL203"
    name = "pagu.total"
    family = "pagu"
    severity = Severity.ERROR
    message = "{kolom} pada baris {label} tertulis {tertulis}, jumlah {n} program/baris teratas {jumlah} (selisih {selisih})."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            keys = [k for k in _rollup_columns(table) if table.spec.column(k).total == "rollup"]
            if not keys or not table.total_rows:
                continue
            tree = ctx.tree(table)
            top = Node(row=table.total_rows[0], level=None, children=list(tree.roots))
            for total_row in table.total_rows:
                for key in keys:
                    stated = ctx.number(total_row, key)
                    expected = children_sum(top, lambda r, k=key: ctx.number(r, k))
                    if stated is None or expected is None or abs(stated - expected) <= TOLERANCE:
                        continue
                    label = next((c.text for c in total_row.cells.values() if c.text.strip()), "jumlah")
                    yield self.finding(
                        [cell_location(table, total_row, key)] + [cell_location(table, n.row, key) for n in top.counted_children],
                        table.spec.key, written=total_row.text(key), expected=number_text(expected),
                        kolom=column_label(table, key), label=label.strip(), tertulis=number_text(stated),
                        n=len(top.counted_children), jumlah=number_text(expected), selisih=number_text(abs(stated - expected)),
                    )
