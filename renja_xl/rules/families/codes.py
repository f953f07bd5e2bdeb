"""Codes: malformed, foreign, duplicated, orphaned, or at a level the row contradicts."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ...parse import kode as K
from ...reader.model import Table
from ..base import Finding, Location, Rule, Severity, register
from ..context import CheckContext
from .helpers import row_label

_PROGRAM_NAME = re.compile(r"^\s*program\b", re.IGNORECASE)
_SEPARATOR_ANOMALIES = frozenset((K.SEPARATOR, K.TRAILING))
_FRAGMENT = re.compile(r"^\s*[.:]?\s*\d{1,4}(?:\s*[.:]\s*\d{1,4})*\s*[.:]?\s*$")


def coded_rows(table: Table):
    for row in table.data_rows:
        if row.kode is not None and row.kode.valid:
            yield row


def kode_cell(table: Table, row) -> Location:
    """The cell the kode came from: the Kode column, else the name that embeds it."""
    key = "kode" if "kode" in table.columns and row.text("kode").strip() else "uraian"
    return Location(table.sheet, table.address(row.number, key if key in table.columns else next(iter(table.columns))))


def _filled(row, table: Table, keys: tuple) -> bool:
    """Whether the row shows a text in one of the columns ``keys`` the table has (asked only where it matters)."""
    return any(row.text(k).strip() for k in keys if k in table.columns)


def display(kode: K.Kode) -> str:
    """The canonical kode with the sub kegiatan width the document uses."""
    if kode.level == "sub_kegiatan" and kode.sub_width == 2:
        return kode.canonical[:-4] + kode.canonical[-2:]
    return kode.canonical


@register
class MalformedSeparator(Rule):
    """A kode uses a separator other than a dot (``2:03``), a doubled one (``2.01. .03``) or a trailing one.

    A warning: the kode still reads as one kode (the finding names it in its standard form),
    so the deviation is cosmetic; a kode that reads as another or as none is an error of
    RXL503, RXL504 or RXL506.

    **Salah**: ``2 .07 .05 2:03 .02``

    **Benar**: ``2.07.05.2.03.02``
    """

    code = "RXL501"
    name = "kode.separator"
    family = "kode"
    severity = Severity.WARNING
    message = "Kode '{kode}' ({baris}) memakai pemisah tidak baku; seharusnya {baku}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for row in coded_rows(table):
                if not _SEPARATOR_ANOMALIES.isdisjoint(row.kode.anomalies):
                    yield self.finding([kode_cell(table, row)], table.spec.key, written=row.kode.text,
                                       expected=display(row.kode), kode=row.kode.text.strip(),
                                       baris=row_label(table, row), baku=display(row.kode))


@register
class MissingZero(Rule):
    """A kode segment lost its leading zero (``2 7 1 2.09 7`` for 2.07.01.2.09.07).

    **Salah**: ``2 7 1 2.09 7``

    **Benar**: ``2.07.01.2.09.07`` (bidang, program dan sub kegiatan dua digit atau lebih)
    """

    code = "RXL502"
    name = "kode.missing_zero"
    family = "kode"
    severity = Severity.WARNING
    message = "Kode '{kode}' kehilangan angka nol; seharusnya {baku}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for row in coded_rows(table):
                if K.MISSING_ZERO in row.kode.anomalies:
                    yield self.finding([kode_cell(table, row)], table.spec.key, written=row.kode.text,
                                       expected=display(row.kode), kode=row.kode.text.strip(), baku=display(row.kode))


@register
class ForeignUrusan(Rule):
    """A kode's urusan or bidang does not belong to the document (``3 .07 …`` in a Renja of bidang 2.07).

    **Salah**: ``3 .07 .04 .2.03. .01`` di antara kode 2.07.04.2.03.

    **Benar**: ``2.07.04.2.03.01`` (urusan 3 tidak memiliki bidang 07).
    """

    code = "RXL503"
    name = "kode.foreign"
    family = "kode"
    severity = Severity.ERROR
    message = "Kode '{kode}' ({baris}): {alasan}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            rows = [r for r in coded_rows(table) if r.kode.scheme == "90/2019" and r.kode.level != "urusan"]
            bidang = Counter(".".join(r.kode.canonical.split(".")[:2]) for r in rows)
            main, count = bidang.most_common(1)[0] if bidang else ("", 0)
            for row in rows:
                own = ".".join(row.kode.canonical.split(".")[:2])
                if K.URUSAN in row.kode.anomalies:
                    reason = f"urusan {own.split('.')[0]} tidak memiliki bidang {own.split('.')[1]}"
                    if main and main != own:
                        reason += f"; kode lain di tabel ini memakai bidang {main}"
                elif main and own != main and not own.startswith("X") and count >= 3 and bidang[own] * 5 <= count:
                    reason = f"bidang {own} berbeda dari bidang dokumen {main}"
                else:
                    continue
                yield self.finding([kode_cell(table, row)], table.spec.key, written=row.kode.text,
                                   kode=row.kode.text.strip(), baris=row_label(table, row), alasan=reason)


@register
class DuplicateKode(Rule):
    """The same kode stands on two rows of a table.

    **Salah**: ``2 .07 .03 .2.02 .01`` pada dua baris (Pembinaan LPK Swasta dan Pembinaan LPKS).

    **Benar**: setiap kode sekali; baris kegiatan memakai kode kegiatan (``2.07.03.2.02``).
    """

    code = "RXL504"
    name = "kode.duplicate"
    family = "kode"
    severity = Severity.ERROR
    message = "Kode {kode} dipakai {n} kali di tabel ini ({baris})."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            seen: dict = {}
            for row in coded_rows(table):
                if row.kode.level not in ("urusan", "bidang"):  # a stray "2" is RXL506's business
                    seen.setdefault(row.kode.canonical, []).append(row)
            for canonical, rows in seen.items():
                if len(rows) > 1:
                    yield self.finding([kode_cell(table, r) for r in rows], table.spec.key, written=rows[0].kode.text,
                                       kode=display(rows[0].kode), n=len(rows),
                                       baris=", ".join(f"baris {r.number}" for r in rows))


@register
class OrphanKode(Rule):
    """A sub kegiatan's kegiatan (or a kegiatan's program) has no row in the table.

    **Salah**: sub kegiatan ``2.07.05.2.03.02`` tanpa baris kegiatan ``2.07.05.2.03``.

    **Benar**: baris kegiatan ada di atas sub kegiatannya (atau kode sub kegiatan diperbaiki).
    """

    code = "RXL505"
    name = "kode.orphan"
    family = "kode"
    severity = Severity.WARNING
    message = "Kode {kode} ({baris}) tidak memiliki baris induk {induk} di tabel ini."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for node in ctx.tree(table).nodes:
                kode = node.row.kode
                if node.orphan and kode is not None and kode.scheme == "90/2019" and node.duplicate_of is None \
                        and kode.level in ("kegiatan", "sub_kegiatan"):
                    parent = K.parent_of(kode.canonical)
                    yield self.finding([kode_cell(table, node.row)], table.spec.key, written=kode.text,
                                       kode=display(kode), baris=row_label(table, node.row), induk=parent)


def _split_fragment(sheet, row: int, col: int) -> bool:
    """The cell right of a kode cell holds a kode fragment (``.07``), as when a kode is typed over several cells."""
    value = sheet.value(row, col)
    return isinstance(value, str) and bool(_FRAGMENT.match(value)) and value.strip().startswith((".", ":"))


@register
class LevelContradictsRow(Rule):
    """A kode's level contradicts its row: an urusan/bidang kode on a row with indicator and pagu, or a
    PROGRAM row with a kegiatan kode.

    **Salah**: kode diketik di lima sel: ``2 | .07 | .05 | 2:02 | .03`` (sel kode hanya berisi "2").

    **Benar**: seluruh kode di sel kode: ``2.07.05.2.02.03``.
    """

    code = "RXL506"
    name = "kode.level"
    family = "kode"
    severity = Severity.ERROR
    message = "Kode '{kode}' ({baris}) bertingkat {tingkat}, tidak sesuai isi barisnya{sebab}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            if "kode" not in table.columns:
                continue
            sheet = ctx.snapshot.sheet(table.sheet)
            for row in coded_rows(table):
                level = row.kode.level
                name = row.text("uraian")
                reason = None
                # SIPD prints urusan and bidang rows with a name and a pagu: only a kode cut into the next
                # cells, or an indicator on such a row, contradicts its level
                if level in ("urusan", "bidang") and not table.spec.kode_parts \
                        and (name.strip() or _filled(row, table, ("indikator", "target", "pagu"))) \
                        and (_filled(row, table, ("indikator", "target"))
                             or _split_fragment(sheet, row.number, table.columns["kode"] + 1)):
                    fragments = []
                    col = table.columns["kode"] + 1
                    while len(fragments) < 6:
                        value = sheet.value(row.number, col)
                        if not isinstance(value, (str, int, float)) or not _FRAGMENT.match(str(value)):
                            break
                        fragments.append(str(value).strip())
                        col += 1
                    reason = (f"; kode tampaknya terpecah ke beberapa sel: {' | '.join([row.kode.text.strip()] + fragments)}"
                              if fragments else "")
                elif level in ("kegiatan", "sub_kegiatan") and _PROGRAM_NAME.match(name):
                    reason = "; baris bernama PROGRAM memerlukan kode program"
                if reason is not None:
                    yield self.finding([kode_cell(table, row)], table.spec.key, written=row.kode.text,
                                       kode=row.kode.text.strip(), baris=row_label(table, row),
                                       tingkat=level.replace("_", " "), sebab=reason)
