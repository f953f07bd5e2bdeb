"""Blocks that look like a table but were not understood: never a silent pass.

A block looks like a table when a row of three or more cells, most of them short
texts (a header), is followed by rows of figures. When no table the reader
understood covers it, it is reported with its range, the concepts its header did
name, what it lacks to be read, and the official layout it comes closest to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Optional

from ..parse.numbers import parse_number
from ..sheetnames import may_be_report_sheet
from ..snapshot import SheetSnapshot, WorkbookSnapshot, a1, a1_range
from ..specs import ALL_SPECS, get_spec
from .columns import lacking, read_block
from .headers import known_phrases, phrase_hits
from .vocabulary import ConceptVocabulary, default_concepts

_LOOKAHEAD = 6
_MAX_HEADER_TEXT = 160


@dataclass(frozen=True)
class UnknownBlock:
    """A table-like block no table covers."""

    sheet: str
    top: int
    bottom: int
    left: int
    right: int
    concepts: tuple[str, ...]     # the concepts its header names
    lacking: str                  # what it lacks to be read, in Indonesian
    closest: str = ""             # the official layout whose headers it shares most, if any

    @property
    def range(self) -> str:
        return a1_range(self.top, self.left, self.bottom, self.right)

    @property
    def anchor(self) -> str:
        return a1(self.top, self.left)

    def describe(self) -> dict:
        return {"sheet": self.sheet, "range": self.range, "concepts": list(self.concepts), "lacking": self.lacking,
                "closest": self.closest}

    @property
    def sentence(self) -> str:
        """One Indonesian sentence: where, what was recognised, why it is not read."""
        known = f"kolom dikenali: {', '.join(self.concepts)}" if self.concepts else "tidak ada judul kolom yang dikenali"
        near = f"; paling mirip {self.closest}" if self.closest else ""
        return f"{self.sheet}!{self.range} tampak seperti tabel tetapi tidak dipahami ({known}; tidak ada {self.lacking}{near})"


def _numeric(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return True
    parsed = parse_number(value) if isinstance(value, str) and len(value) <= 40 else None
    return parsed is not None and parsed.value is not None


def _header_like(values: list) -> bool:
    filled = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]
    texts = [v for v in filled if isinstance(v, str) and len(v) <= _MAX_HEADER_TEXT and not _numeric(v)]
    return len(filled) >= 3 and len(texts) >= 2 and 2 * len(texts) >= len(filled)


def _figures(values: list) -> bool:
    filled = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]
    return len(filled) >= 2 and any(_numeric(v) for v in filled)


def _closest(sheet: SheetSnapshot, top: int) -> str:
    phrases = known_phrases(ALL_SPECS)
    keys: Counter = Counter()
    for row in (top, top + 1):
        keys.update(phrase_hits(sheet, row, phrases, substantive=True)[1])
    if not keys:
        return ""
    key, hits = keys.most_common(1)[0]
    if hits < 2:
        return ""
    spec = get_spec(key)
    return f"{spec.number} {spec.document.upper() if spec.document == 'lkjip' else spec.document.capitalize()} ({spec.key})"


def _blocks_in(sheet: SheetSnapshot, covered: set, vocabulary: ConceptVocabulary) -> list[UnknownBlock]:
    out: list[UnknownBlock] = []
    row = sheet.top
    while row <= sheet.bottom:
        if row in covered or not _header_like(sheet.row_values(row)):
            row += 1
            continue
        figures = [r for r in range(row + 1, min(row + _LOOKAHEAD, sheet.bottom) + 1)
                   if r not in covered and _figures(sheet.row_values(r))]
        if len(figures) < 2:
            row += 1
            continue
        bottom, blanks = row, 0
        for r in range(row + 1, sheet.bottom + 1):
            if r in covered:
                break
            if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in sheet.row_values(r)):
                bottom, blanks = r, 0
            else:
                blanks += 1
                if blanks >= 2:
                    break
        cols = [sheet.left + j for r in range(row, bottom + 1) for j, v in enumerate(sheet.row_values(r))
                if v is not None and not (isinstance(v, str) and not v.strip())]
        left, right = min(cols), max(cols)
        height = 2 if row + 1 <= bottom and _header_like(sheet.row_values(row + 1)) else 1
        readings = read_block(sheet, row, height, left, right, vocabulary)
        concepts = tuple(dict.fromkeys(r.concept.name for r in readings if r.concept is not None))
        out.append(UnknownBlock(sheet.name, row, bottom, left, right, concepts,
                                lacking(readings) or "hubungan antarkolom yang dapat diperiksa", _closest(sheet, row)))
        row = bottom + 1
    return out


def find_unknown_blocks(snapshot: WorkbookSnapshot, tables: list,
                        vocabulary: Optional[ConceptVocabulary] = None) -> list[UnknownBlock]:
    """Every table-like block of the workbook that none of ``tables`` covers."""
    vocabulary = vocabulary or default_concepts()
    spans: dict[str, set] = {}
    for t in tables:
        last = t.rows[-1].number if t.rows else t.header_bottom
        spans.setdefault(t.sheet, set()).update(range(t.header_top, last + 1))
    out: list[UnknownBlock] = []
    for sheet in snapshot:
        if sheet.rows and not report_sheet(sheet):
            out.extend(_blocks_in(sheet, spans.get(sheet.name, set()), vocabulary))
    return out


def report_sheet(sheet: SheetSnapshot) -> bool:
    """A sheet renja-xl itself wrote (Hasil Validasi, Perbaikan, Perubahan, the undo record), known by name
    and by its own title or header row, so a user's sheet that happens to share the name is still read."""
    if not may_be_report_sheet(sheet.name):
        return False
    from ..bandingkan import is_report_sheet
    from ..results_sheet import is_results_sheet

    if is_results_sheet(sheet.name, sheet.value(1, 1)):
        return True
    return is_report_sheet(sheet)


def nothing_understood(name: str, blocks: list[UnknownBlock]) -> str:
    """The sentence for a workbook in which no table at all was understood."""
    if not blocks:
        return (f"Tidak ada tabel Renja/LKjIP yang dipahami di '{name}', dan tidak ada blok yang tampak seperti "
                "tabel (baris judul kolom diikuti baris angka); tidak ada yang diperiksa.")
    shown = "; ".join(b.sentence for b in blocks[:3]) + (f"; dan {len(blocks) - 3} blok lain" if len(blocks) > 3 else "")
    return (f"Tidak ada tabel yang dipahami di '{name}', jadi tidak ada yang diperiksa: {shown}. Tambahkan ejaan "
            "judul kolom ke kosakata kolom (kolom = kolom_saya.csv di renja-xl.ini) atau pakai templat resmi.")
