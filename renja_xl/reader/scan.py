"""Find every known table in a workbook snapshot and read its rows.

Steps, per sheet:

1. rows with two or more known header texts start candidate header blocks; each
   candidate spec is aligned with blocks of 1-3 rows and the best match wins;
2. a block of the same table further down is a page header repeated inside the
   data: it is skipped and the table goes on;
3. data rows run to the next table, a caption (``Tabel 3.3 …``), three blank rows,
   or a blank row after a total row; blank rows, column-number rows and partial
   header repeats are skipped with their reason;
4. cells are parsed by their column's role, ambiguous numbers settled by the
   notation of their column, then their table, then the whole workbook.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any, Iterable, Optional

from ..parse.kode import parse_kode, split_embedded_kode
from ..parse.numbers import ID, notation_of_votes, notation_votes, parse_number, single_spaced
from ..parse.targets import Target, TargetPart, parse_target
from ..parse.units import UnitVocabulary, default_units
from ..snapshot import SheetSnapshot, WorkbookSnapshot, a1, col_letter
from ..specs import ALL_SPECS
from ..specs.base import ColumnSpec, Role, TableSpec
from .columns import read_block
from .generic import GENERIC_DOCUMENT, best_block, header_candidate, join_kode, outline_of
from .headers import (MAX_HEADER_ROWS, BlockMatch, column_labels, could_be_header, header_prefixes, known_phrases,
                      match_block, normalise, phrase_hits, spec_phrases)
from .model import Row, SkippedRow, Table
from .vocabulary import ConceptVocabulary, default_concepts

BLANK_ROWS_END_TABLE = 3
_NUMBER_CELL = re.compile(r"^\(?\d{1,2}\)?\*?[a-z]?$")
# the lines an evaluation form prints under its table (E.81): the table has ended
_FOOTER = re.compile(r"^(?:predikat\s+kinerja|faktor\s+(?:pendorong|penghambat)|tindak\s+lanjut|kesimpulan)\b",
                     re.IGNORECASE)
_CAPTION = re.compile(r"^(?:tabel|table|gambar|grafik)\s*\d", re.IGNORECASE)
_TOTAL = re.compile(
    r"^(?:sub\s?)?(?:jumlah|total|rata rata|grand total)"
    r"(?:\s(?:pagu|capaian|kinerja|anggaran|keseluruhan|dana|program|kegiatan|belanja|iku|indikatif|seluruhnya))*$"
)
_NUMERIC_ROLES = (Role.NUMBER, Role.PERCENT, Role.PAGU, Role.TARGET, Role.YEAR)
# a cheap look at the raw text before normalising: jumlah (also J U M L A H), total, rata-rata, grand/sub total
_TOTAL_PREFIX = re.compile(r"\s*(?:sub\s*)?(?:j\s*u\s*m\s*l\s*a\s*h|t\s*o\s*t\s*a\s*l|rata|grand)", re.IGNORECASE)
_TEXT_ROLES = frozenset((Role.NO, Role.INDIKATOR, Role.SATUAN, Role.TEXT, Role.LOKASI, Role.CHOICE))
_TOTAL_LABEL_ROLES = (Role.NO, Role.KODE, Role.URAIAN, Role.TEXT, Role.CHOICE, Role.LOKASI, Role.YEAR)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display_text(value: Any, percent: bool = False, decimals: Optional[int] = None) -> str:
    """The text a user sees for a snapshot value (``decimals`` as its number format shows)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if decimals is not None:
            return f"{value * 100:.{decimals}f}%" if percent else f"{value:.{decimals}f}"
        if percent:
            return f"{value * 100:.10g}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


# --- header blocks -----------------------------------------------------------------


def _best_block(sheet: SheetSnapshot, top: int, specs: tuple[TableSpec, ...], candidates: dict) -> Optional[BlockMatch]:
    best: Optional[BlockMatch] = None
    ordered = sorted((s for s in specs if s.key in candidates), key=lambda s: -candidates[s.key])
    phrases = known_phrases(specs)
    for height in range(1, MAX_HEADER_ROWS + 1):
        if top + height - 1 > sheet.bottom:
            break
        if height > 1 and phrase_hits(sheet, top + height - 1, phrases)[0] == 0:
            break  # a header row below the first always holds a header text (a leaf, a year, a number)
        labels = column_labels(sheet, top, height, sheet.left, sheet.right)  # once per block, for every spec
        for spec in ordered:
            if best is not None and min(len(spec.columns), len(labels)) <= best.score:
                continue  # at most one point per column matched: it cannot beat the best match
            match = match_block(spec, sheet, top, height, sheet.left, sheet.right, labels)
            if match is None:
                continue
            if best is None or (round(match.score, 6), -match.height) > (round(best.score, 6), -best.height):
                best = match
        if best is not None and all(min(len(spec.columns), len(labels)) <= best.score for spec in ordered):
            break  # no candidate has columns enough to beat the best match, however tall its block
    return best


def find_header_blocks(sheet: SheetSnapshot, specs: tuple[TableSpec, ...] = ALL_SPECS) -> list[BlockMatch]:
    """Every header block in a sheet, top to bottom."""
    phrases = known_phrases(specs)
    blocks: list[BlockMatch] = []
    row = sheet.top
    while row <= sheet.bottom:
        hits, keys = phrase_hits(sheet, row, phrases, substantive=True)
        if hits >= 2:
            for extra in range(1, MAX_HEADER_ROWS):
                keys.update(phrase_hits(sheet, row + extra, phrases, substantive=True)[1])
            # a spec is a candidate when two of its own header texts stand here
            block = _best_block(sheet, row, specs, {key: n for key, n in keys.items() if n >= 2})
            if block is not None:
                blocks.append(block)
                row = block.bottom + 1
                continue
        row += 1
    return blocks


# --- data rows -----------------------------------------------------------------------


def _is_number_row(values: list, columns: int) -> bool:
    cells = []
    for v in values:
        if _blank(v):
            continue
        if isinstance(v, bool):
            return False
        text = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
        if not _NUMBER_CELL.match(text):
            return False  # the common case: stop at the first cell that is no column number
        cells.append(text)
    if len(cells) < max(3, min(columns, 6) // 2):
        return False
    numbers = [int(re.sub(r"\D", "", c)) for c in cells]
    return all(b >= a for a, b in zip(numbers, numbers[1:]))


def _is_partial_header(hits: int, texts: int) -> bool:
    """A row of which ``hits`` of its ``texts`` are the table's header texts repeats part of its header."""
    return hits >= 2 and hits >= texts / 2


def _label_places(left: int, columns: dict, label_cols: set) -> tuple[list, int]:
    """Where a total row's label may stand, as places in a row's values from the table's ``left`` edge: the
    label columns and the unmapped ones up to the table's right edge, then every place from the second number on."""
    right = max(columns.values())
    mapped = set(columns.values())
    return [col - left for col in range(left, right + 1) if col in label_cols or col not in mapped], right - left + 1


def _total_label(values: list, places: list, beyond: int) -> bool:
    """A text labelling a total row stands at one of the label ``places`` of a row's values, or past ``beyond``."""
    size = len(values)
    for j in places:
        if j < size:
            value = values[j]
            if type(value) is str and _is_total_text(value):
                return True
    return any(type(value) is str and _is_total_text(value) for value in values[beyond:])


@lru_cache(maxsize=4096)
def _is_total_text(value: str) -> bool:
    """A text that labels a total row (``JUMLAH``, ``Total Pagu``, ``Rata-rata``): asked of every label text of
    every row, which repeat down their columns (a lokasi, a sumber dana). A blank text labels nothing."""
    return bool(_TOTAL_PREFIX.match(value)) and bool(_TOTAL.match(normalise(value)))


def _collect_rows(sheet: SheetSnapshot, table: Table, start: int, stop: int, repeats: list[BlockMatch]) -> None:
    """Fill ``table.rows`` (raw, unparsed) and ``table.skipped`` from sheet rows ``start..stop``."""
    repeat_rows = {r: b for b in repeats for r in range(b.top, b.bottom + 1)}
    phrases = spec_phrases(table.spec)
    label_cols = {c for k, c in table.columns.items() if table.spec.column(k).role in _TOTAL_LABEL_ROLES}
    prefixes = header_prefixes(known_phrases(ALL_SPECS))
    generic = table.spec.document == GENERIC_DOCUMENT and len(table.columns) >= 4
    blank_run = 0
    after_total = False
    expect_number_row = True
    is_header: dict = {}   # a text -> whether it is one of the table's header texts (texts repeat down a column)
    left = table.left
    places, beyond = _label_places(left, table.columns, label_cols)
    for row in range(start, stop + 1):
        if row in repeat_rows:
            table.skipped.append(SkippedRow(row, "repeated_header"))
            expect_number_row = True
            continue
        values = sheet.row_values(row)[left - sheet.left:]
        strings = [v for v in values if type(v) is str]
        texts = [v for v in strings if v.strip()]
        filled = len(texts) + len(values) - values.count(None) - len(strings)
        if not filled:
            blank_run += 1
            table.skipped.append(SkippedRow(row, "blank"))
            if blank_run >= (2 if generic else BLANK_ROWS_END_TABLE) or after_total:
                break
            continue
        blank_run = 0
        first = next(v for v in values if not _blank(v))
        if type(first) is str and (_CAPTION.match(first.strip()) or (generic and _FOOTER.match(first.strip()))):
            break
        if _is_number_row(values, len(table.columns)):
            if expect_number_row and table.number_row is None and not table.rows:
                table.number_row = row
            else:
                table.skipped.append(SkippedRow(row, "column_numbers"))
            continue
        expect_number_row = False
        total = bool(texts) and _total_label(values, places, beyond)
        if generic and filled == 1 and texts and not total:   # one text across the table: a sasaran or program
            table.skipped.append(SkippedRow(row, "section"))
            continue
        if len(texts) >= 2:
            for text in texts:
                if text not in is_header:
                    is_header[text] = (normalise(text) if could_be_header(text, prefixes) else text) in phrases
            if _is_partial_header(sum(map(is_header.__getitem__, texts)), len(texts)):
                table.skipped.append(SkippedRow(row, "repeated_header"))
                continue
        kind = "total" if total else "data"
        after_total = kind == "total"
        table.rows.append(Row(number=row, kind=kind))
    # trailing blank rows are not part of the table
    last = table.rows[-1].number if table.rows else start - 1
    table.skipped = [s for s in table.skipped if s.number <= last]


def _preset_tables(sheet: SheetSnapshot, specs: tuple[TableSpec, ...], vocabulary: ConceptVocabulary) -> list[Table]:
    """The official layouts found in a sheet, each with its rows (and its extra columns read by concept)."""
    tables = []
    blocks = find_header_blocks(sheet, specs)
    groups: list[tuple[BlockMatch, list[BlockMatch]]] = []
    for block in blocks:
        if groups and groups[-1][0].spec.key == block.spec.key:
            groups[-1][1].append(block)  # the same table's header again: a page break
        else:
            groups.append((block, []))
    for index, (block, repeats) in enumerate(groups):
        stop = groups[index + 1][0].top - 1 if index + 1 < len(groups) else sheet.bottom
        spec, columns = _with_extra_columns(sheet, block, vocabulary)
        if _richer_by_concept(spec, block):
            continue  # the preset leaves figures unread: the block is read by its columns' concepts instead
        table = Table(spec=spec, sheet=sheet.name, header_top=block.top, header_bottom=block.bottom,
                      columns=dict(sorted(columns.items(), key=lambda kv: kv[1])), page_headers=len(repeats))
        _collect_rows(sheet, table, block.bottom + 1, stop, repeats)
        tables.append(table)
    return tables


def _with_extra_columns(sheet: SheetSnapshot, block: BlockMatch, vocabulary: ConceptVocabulary) -> tuple[TableSpec, dict]:
    """A preset's spec and columns, plus the labelled header columns inside the block it has no column for
    (``Kategori Penilaian``, ``Pejabat``): read as text, passed over by the checks, never "outside the table"."""
    left, right = min(block.columns.values()), max(block.columns.values())
    readings = read_block(sheet, block.top, block.height, left, sheet.right, vocabulary)
    mapped = set(block.columns.values())
    extras, gap = [], 0
    for r in readings:
        if r.col <= right:
            gap = 0
        elif not r.labelled:
            gap += 1
            if gap >= 2:
                break
            continue
        if r.labelled and r.col not in mapped:
            extras.append(r)
    if not extras:
        return block.spec, dict(block.columns)
    columns = dict(block.columns)
    specs = []
    for r in extras:
        key = f"kolom_{col_letter(r.col).lower()}"
        columns[key] = r.col
        specs.append(ColumnSpec(key, r.leaf, Role.TEXT, group=r.group or None, required=False, in_template=False,
                                note=r.concept.name if r.concept is not None else ""))
    return replace(block.spec, columns=block.spec.columns + tuple(specs)), columns


def _richer_by_concept(spec: TableSpec, block: BlockMatch) -> bool:
    """A preset matched only part of a block: columns of figures (anggaran, realisasi, capaian …) are left over."""
    from .columns import NUMERIC_CONCEPTS

    extra = [c for c in spec.columns if c.key.startswith("kolom_") and c.key not in block.spec.keys]
    return any(getattr(c, "note", "") in NUMERIC_CONCEPTS for c in extra)


def _generic_tables(sheet: SheetSnapshot, taken: list[Table], vocabulary: ConceptVocabulary) -> list[Table]:
    """Tables read by their columns' concepts, in the rows no official layout took."""
    covered = sorted((t.header_top, t.rows[-1].number if t.rows else t.header_bottom) for t in taken)
    tables: list[Table] = []

    def covering(row: int) -> Optional[int]:
        for top, bottom in covered:
            if top <= row <= bottom:
                return bottom
        return None

    def values_below(start: int):
        end = min(start + 60, sheet.bottom)
        return lambda col: [sheet.value(r, col) for r in range(start, end + 1)]

    row = sheet.top
    while row <= sheet.bottom:
        bottom = covering(row)
        if bottom is not None:
            row = bottom + 1
            continue
        if not header_candidate(sheet, row, vocabulary):
            row += 1
            continue
        stop = min([top - 1 for top, _ in covered if top > row] + [sheet.bottom])
        found = best_block(sheet, row, vocabulary, values_below, stop)
        if found is None:
            row += 1
            continue
        height, (spec, columns) = found
        table = Table(spec=spec, sheet=sheet.name, header_top=row, header_bottom=row + height - 1, columns=columns)
        _collect_rows(sheet, table, row + height, stop, [])
        tables.append(table)
        row = max(table.rows[-1].number if table.rows else row + height - 1, row + height - 1) + 1
    return tables


def locate_tables(snapshot: WorkbookSnapshot, specs: tuple[TableSpec, ...] = ALL_SPECS,
                  vocabulary: Optional[ConceptVocabulary] = None) -> list[Table]:
    """Find tables and their rows (cells not parsed yet): the official layouts first, then any table
    whose header the concept vocabulary reads."""
    vocabulary = vocabulary or default_concepts()
    tables: list[Table] = []
    for sheet in snapshot:
        if not sheet.rows:
            continue
        found = _preset_tables(sheet, specs, vocabulary)
        found += _generic_tables(sheet, found, vocabulary)
        tables.extend(sorted(found, key=lambda t: t.header_top))
    return tables


# --- parsing cells -----------------------------------------------------------------------


def _column(lines: list, j: int, shortest: int = 0) -> list:
    """The values at position ``j`` of a table's sheet rows (None where a row is shorter, or ``j`` left of them);
    ``shortest`` the length of the shortest row, if known (left of it no row needs its length compared)."""
    if j < 0:
        return [None] * len(lines)
    if j < shortest:
        return [line[j] for line in lines]
    return [line[j] if j < len(line) else None for line in lines]


@lru_cache(maxsize=32768)
def _parse_text_number(text: str, notation: Optional[str]):
    return parse_number(text, notation)


def _target_notes(target: Target) -> tuple:
    """The reader's remarks on a target cell: ``ambiguous`` (a number read either way), ``unreadable``."""
    return tuple(n for n, on in (("ambiguous", any(p.ambiguous for p in target.parts)),
                                 ("unreadable", bool(target.leftover) and not target.parts)) if on)


@lru_cache(maxsize=32768)
def _text_target_and_notes(text: str, notation: Optional[str], units: UnitVocabulary) -> tuple[Target, tuple]:
    """A typed target and its remarks, made once per text (a target column repeats its texts down the rows)."""
    target = parse_target(text, notation, units)
    return target, _target_notes(target)


@lru_cache(maxsize=32768, typed=True)
def _number_target(raw: Any, percent: bool) -> Target:
    """The target a number stored as a number stands for (as a percentage when its format shows one): one object
    for a number repeated down the columns, as a typed text's target is (targets are frozen)."""
    if percent:
        return Target(text=display_text(raw, True, 2), parts=(TargetPart(raw * 100, "%", "%", "percent"),))
    return Target(text=display_text(raw), parts=(TargetPart(float(raw), None, None, "none"),))


_NUMBER_ROLES = frozenset((Role.NUMBER, Role.PERCENT, Role.PAGU, Role.YEAR))


def _single_spaced(text: str) -> str:
    """The text with its runs of white space made one space (the same object when it has none to fold)."""
    folded = single_spaced(text)
    return text if folded == text else folded


def _worded_target(value: float, shown: str, words: tuple, units: UnitVocabulary) -> Optional[Target]:
    """A number whose format writes words beside it (``15`` under ``0 "jenis"``) as the target it shows.

    The words are read as a unit the way a typed ``15 jenis`` is (the same vocabulary); a
    format whose words are no unit (``"Rp "``, ``" ,-"`` read as no number) leaves the plain number.
    """
    before, after = words
    probe, _ = _text_target_and_notes(f"{before}1{after}", ID, units)
    if len(probe.parts) != 1 or probe.parts[0].value != 1.0 or probe.parts[0].unit_text is None:
        return None
    part = probe.parts[0]
    return Target(text=f"{before}{shown}{after}", parts=(TargetPart(value, part.unit, part.unit_text, part.kind),))


def _parse_cell(role: Role, raw: Any, percent_format: bool, notation: Optional[str], units: UnitVocabulary,
                words: Optional[tuple] = None) -> tuple[Any, tuple]:
    """(value, notes) of a cell for its column's role; :func:`_parse_column` reads the common cells (a text
    under a text role, a number under a number role) itself and asks here for the others."""
    if raw is None:
        return None, ()
    kind = type(raw)
    if kind is str and not raw.strip():
        return None, ()
    numeric = kind is int or kind is float
    if numeric and role == Role.TARGET and not percent_format:
        worded = _worded_target(float(raw), display_text(raw), words, units) if words else None
        return worded or _number_target(raw, False), ()
    if role == Role.KODE:
        kode = parse_kode(raw)
        return kode, (() if kode.valid else ("not_a_kode",))
    if role in _NUMBER_ROLES:
        parsed = _parse_text_number(raw, notation) if isinstance(raw, str) else parse_number(raw, notation)
        if parsed is None:
            return None, ("not_a_number",)
        value = parsed.value
        if value is not None and percent_format and isinstance(raw, (int, float)):
            value = value * 100
        return value, (("ambiguous",) if parsed.ambiguous else ())
    if role == Role.TARGET:
        if kind is str:
            return _text_target_and_notes(raw, notation, units)
        if percent_format and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            target = _number_target(raw, True)
        else:
            target = parse_target(raw, notation, units)
        return target, _target_notes(target)
    if isinstance(raw, str):
        return _single_spaced(raw), ()
    return display_text(raw), ()


def _parse_column(key: str, col: int, role: Role, notation: Optional[str], sheet: SheetSnapshot, rows: list,
                  raws: list, numbers: list, units: UnitVocabulary, remarks: dict) -> tuple[list, list]:
    """(shown texts, parsed values) of one column over a table's rows, from its ``raws`` (a value per row,
    :func:`_column`); parse remarks go into
    ``remarks[position of the row][key]``, and a kode read from the Kode column or written inside the
    name is set on its row (:attr:`Row.kode`).

    Column by column, so that what every cell of a column shares (its role, its notation) is asked
    once, and the common cells (empty, a text under a text role, a number under a number role) are
    read without a call.
    """
    texts = [""] * len(raws)
    values: list = [None] * len(raws)
    percent_cells, decimals, format_words = sheet.percent_cells, sheet.decimals, sheet.format_words
    text_role, number_role = role in _TEXT_ROLES, role in _NUMBER_ROLES
    uraian, kode_role, target_role = role == Role.URAIAN, role == Role.KODE, role == Role.TARGET
    for position, raw in enumerate(raws):
        if raw is None:
            continue
        kind = type(raw)
        if kind is str:
            texts[position] = raw
            if text_role:
                if raw.strip():
                    values[position] = _single_spaced(raw)
                continue
            if uraian:   # a name: its text (as _parse_cell reads a text), or the name beside a kode written in it
                value, notes = _single_spaced(raw) if raw.strip() else None, ()
                embedded, name = split_embedded_kode(raw)
                if embedded is not None and embedded.valid:
                    value = name
                    rows[position].kode = rows[position].kode or embedded
            elif target_role:   # a typed target, as _parse_cell reads it: made once per text
                value, notes = _text_target_and_notes(raw, notation, units) if raw.strip() else (None, ())
            else:
                value, notes = _parse_cell(role, raw, False, notation, units)
        else:
            number = numbers[position]
            percent = (number, col) in percent_cells
            if number_role and (kind is float or kind is int):   # the common case, without parsing
                values[position] = float(raw) * 100 if percent else float(raw)   # a float's own object, not a copy
                texts[position] = display_text(raw, percent, decimals.get((number, col)))
                continue
            words = format_words.get((number, col)) if format_words else None
            value, notes = _parse_cell(role, raw, percent, notation, units, words)
            texts[position] = (value.text if words and isinstance(value, Target)
                               else display_text(raw, percent, decimals.get((number, col))))
        if kode_role and value is not None and value.valid:
            rows[position].kode = value
        values[position] = value
        if notes:
            remarks.setdefault(position, {})[key] = notes
    return texts, values


def _added(votes: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """The sum of (Indonesian, English) vote counts."""
    id_votes = en_votes = 0
    for i, e in votes:
        id_votes, en_votes = id_votes + i, en_votes + e
    return id_votes, en_votes


def parse_tables(snapshot: WorkbookSnapshot, tables: list[Table], units: Optional[UnitVocabulary] = None) -> None:
    """Parse every cell of located tables in place."""
    units = units or default_units()
    sheets = {s.name: s for s in snapshot}
    # each numeric column's notation votes, counted once: a table's votes are its columns', the workbook's its tables'
    lines_of, raws_of, votes_of = {}, {}, {}
    for table in tables:
        sheet = sheets[table.sheet]
        lines = lines_of[id(table)] = [sheet.row_values(row.number) for row in table.rows]
        shortest = min(map(len, lines), default=0)
        raws = raws_of[id(table)] = {k: _column(lines, col - sheet.left, shortest) for k, col in table.columns.items()}
        votes_of[id(table)] = {k: notation_votes(raws[k]) for k in table.columns
                               if table.spec.column(k).role in _NUMERIC_ROLES}
    workbook_notation = notation_of_votes(_added(v for votes in votes_of.values() for v in votes.values()))
    for table in tables:
        sheet = sheets[table.sheet]
        votes = votes_of[id(table)]
        table.notation = notation_of_votes(_added(votes.values())) or workbook_notation
        col_notation = {k: notation_of_votes(v) or table.notation for k, v in votes.items()}
        rows = table.rows
        lines, raws = lines_of.pop(id(table)), raws_of.pop(id(table))
        numbers = [row.number for row in rows]
        index = {key: i for i, key in enumerate(table.columns)}   # shared by the table's rows
        letters = tuple(col_letter(col) for col in table.columns.values())
        remarks: dict = {}   # position of a row -> {column key: notes}
        raw_columns, text_columns, value_columns = [], [], []
        for key, col in table.columns.items():
            texts, values = _parse_column(key, col, table.spec.column(key).role, col_notation.get(key), sheet, rows,
                                          raws[key], numbers, units, remarks)
            raw_columns.append(raws[key])
            text_columns.append(texts)
            value_columns.append(values)
        for position, row in enumerate(rows):   # every row reads the table's columns at its place
            row.fill(index, letters, raw_columns, text_columns, value_columns, position, remarks.get(position))
        kode_parts = table.spec.kode_parts
        if kode_parts:
            offsets = [table.columns[k] - sheet.left for k in kode_parts]
            for row, line in zip(rows, lines):
                joined = join_kode([line[j] if 0 <= j < len(line) else None for j in offsets])
                kode = parse_kode(joined) if joined else None
                if kode is not None and kode.valid:
                    row.kode = kode
        outline_key = "no" if table.spec.document == GENERIC_DOCUMENT and "no" in table.columns else None
        if outline_key:
            for row in rows:
                row.outline = outline_of(row.raw(outline_key))
        # cells right of the table's left edge outside its columns (a row shifted by a cell shows there)
        mapped = set(table.columns.values())
        widest = max(map(len, lines), default=0)
        unmapped = [j for j in range(widest) if sheet.left + j >= table.left and sheet.left + j not in mapped]
        for row, line in zip(rows, lines):
            row.overflow = tuple((a1(row.number, sheet.left + j), line[j]) for j in unmapped
                                 if j < len(line) and not _blank(line[j]))
        if outline_key and not any(r.outline and "." in r.outline for r in table.rows):
            for row in table.rows:
                row.outline = None  # plain row numbers, not a numbered outline


def find_tables(snapshot: WorkbookSnapshot, specs: tuple[TableSpec, ...] = ALL_SPECS,
                units: Optional[UnitVocabulary] = None, vocabulary: Optional[ConceptVocabulary] = None) -> list[Table]:
    """Every table in the snapshot, with parsed rows. The main entry point of the reader."""
    tables = locate_tables(snapshot, specs, vocabulary)
    parse_tables(snapshot, tables, units)
    return tables
