"""Perbaiki: the workbook made right where the fix is known, and a record to undo it.

Two kinds of fix, as one plan of edits (:mod:`renja_xl.edits`) that the file patcher
applies today and an Excel button can apply later:

* **numbers typed as text** in the numeric columns of a table (target, realisasi, pagu,
  percentages): ``15 jenis`` becomes the number 15 with the number format
  ``0 "jenis"``, ``6.762.282.300`` becomes 6762282300 with ``#,##0``, ``84,59%`` becomes
  0.8459 with ``0.00%``, ``Rp 336,750,000`` becomes 336750000 with ``"Rp" #,##0``. The
  format shows exactly what was typed (in the notation the text was read in: Excel shows
  the separators of its own locale); a cell whose text the reader calls ambiguous, that
  holds several numbers, or whose look no number format can give is left alone and
  listed with its reason;
* **arithmetic findings** (RXL101-RXL104 by default, or the rules or cells chosen)
  replaced by the live formula ``renja-xl fill`` writes in that cell.

What every changed cell held before (its value or formula and its number format) is
kept in a hidden sheet (:data:`UNDO_SHEET`), so that the undo (``renja-xl perbaiki
--batal``, later a "Batalkan" button) puts every cell back and removes the two sheets
perbaiki added; a visible sheet (:data:`~renja_xl.sheetnames.FIXES_SHEET`) lists each change, old and new.
Perbaiki changes no fill and no note, so those stay as they were.

The entry points for an adapter: :func:`plan_perbaiki` (snapshot in, :class:`Perbaikan`
out), :meth:`Perbaikan.edits` (given what the changed cells held, the plan of edits),
:func:`read_undo` and :func:`undo_edits` (the hidden sheet's rows in, the plan that
undoes them out).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Optional

from .edits import (HEADER_FILL, LINK_COLOUR, LINKS_PER_SHEET, CellEdit, NewSheet, Style, WorkbookEdits,
                    quote_sheet)
from .parse.numbers import EN, ID, parse_number, single_spaced
from .parse.targets import Target
from .sheetnames import FIXES_SHEET, UNDO_SHEET
from .snapshot import WorkbookSnapshot, a1, parse_a1, unit_of_format
from .specs.base import Role

UNDO_TITLE = "renja-xl perbaiki: catatan pembatalan (jangan diubah; dipakai oleh renja-xl perbaiki --batal)"
UNDO_NOTE = "Setiap baris berikut: sel yang diubah dan isinya semula (kolom A; teks panjang di kolom B)."
UNDO_FIRST_ROW = 4
MAX_RECORD = 32_000   # characters of one undo record in one cell (a cell holds 32,767)
SUMMARY_HEADERS = ("Lembar", "Sel", "Perubahan", "Semula", "Menjadi", "Keterangan")
SUMMARY_WIDTHS = (24, 8, 16, 40, 48, 80)
SUMMARY_HEADER_ROW = 3
CHANGED_FILL = "E2EFDA"     # the summary's rows of changed cells
LEFT_FILL = "FFEB9C"        # the summary's rows of cells left alone

# the rules whose fix is the formula fill writes (RXL105, a predikat in its capaian's cell, is fixed by hand)
DEFAULT_RULES = ("RXL101", "RXL102", "RXL103", "RXL104")
NUMERIC_ROLES = (Role.TARGET, Role.NUMBER, Role.PERCENT, Role.PAGU)

_TOKEN = re.compile(r"[-+]?\d(?:[\d.,]*\d)?")
_CURRENCY = re.compile(r"(?:rp\.?|idr)\s*", re.IGNORECASE)   # fullmatch: a prefix of money only
_NO_CENTS = re.compile(r"[.,][-–—]{1,2}")                     # fullmatch: "1.000.000,-"
_UNIT = re.compile(r"[^\W\d_][^\d\"]*")                       # fullmatch: a unit word or words, no digits
_SHEET_SUFFIX = re.compile(r"^(?P<base>.*?)(?: \((?P<n>\d+)\))?$")


# --- what a text number looks like ------------------------------------------------------------


@dataclass(frozen=True)
class NumberLook:
    """A number typed as text, read: the value to store and the number format that shows the text again."""

    value: Any                  # int or float (a fraction for a percentage)
    number_format: str
    shown: str                  # what the format shows (in ``notation``): the text as typed
    percent: bool = False
    decimals: int = 0
    notation: Optional[str] = None   # the notation the separators were read in, None without separators
    unit: bool = False               # a satuan written beside the number (not a currency, not a percent sign)


def _literal(text: str) -> str:
    """Literal text in a number format: the words quoted, spaces at either end left bare (``0 "jenis"``)."""
    if not text:
        return ""
    core = text.strip(" ")
    if not core:
        return text
    lead = text[:len(text) - len(text.lstrip(" "))]
    trail = text[len(text.rstrip(" ")):]
    return f'{lead}"{core}"{trail}'


def _digits(value: float, decimals: int, grouping: bool, notation: Optional[str]) -> str:
    text = f"{abs(value):,.{decimals}f}" if grouping else f"{abs(value):.{decimals}f}"
    if notation == ID:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("-" if value < 0 and round(abs(value), decimals) != 0 else "") + text


def _read_token(token: str, reading: float) -> Optional[tuple[Optional[str], bool, int]]:
    """(notation, grouping, decimals) under which ``token`` reads as ``reading``; None when none does."""
    body = token.lstrip("+-")
    if "." not in body and "," not in body:
        return (None, False, 0) if float(body) == abs(reading) else None
    for notation in (ID, EN):
        parsed = parse_number(body, notation)
        if parsed is None or parsed.value is None or parsed.notation not in (None, notation):
            continue
        if abs(parsed.value - abs(reading)) > 1e-9 * max(1.0, abs(reading)):
            continue
        decimal, thousands = ("," , ".") if notation == ID else (".", ",")
        head, mark, tail = body.rpartition(decimal)
        if not mark:
            head, tail = body, ""
        if thousands in tail:
            continue
        return notation, thousands in head, len(tail)
    return None


def number_look(text: str, reading: Optional[float], role: Role) -> NumberLook | str | None:
    """How a text typed into a numeric column becomes a number that looks the same.

    ``reading`` is the reader's value of the cell (percent points for ``84,59%``). Returns
    the :class:`NumberLook`, a reason (Indonesian) when the cell must be left alone, or None
    when there is nothing to convert (no digit, an explicit "no value" such as ``-``).

    >>> look = number_look("15 jenis", 15.0, Role.TARGET)
    >>> look.value, look.number_format
    (15, '0 "jenis"')
    >>> number_look("84,59%", 84.59, Role.PERCENT).number_format
    '0.00%'
    >>> number_look("6.762.282.300", 6762282300.0, Role.PAGU).number_format
    '#,##0'
    """
    if not isinstance(text, str) or not any(ch.isdigit() for ch in text):
        return None
    s = single_spaced(text)
    tokens = list(_TOKEN.finditer(s))
    if len(tokens) != 1:
        return "berisi lebih dari satu angka"
    if reading is None:
        return "tidak terbaca sebagai angka untuk kolom ini"
    if not math.isfinite(reading):
        return "tidak terbaca sebagai satu angka"
    token = tokens[0]
    pre, post = s[:token.start()], s[token.end():]
    percent, gap = False, ""
    stripped = post.lstrip(" ")
    if stripped.startswith("%"):
        percent, gap, post = True, post[:len(post) - len(stripped)], stripped[1:]
    elif stripped.lower().startswith(("persen", "prosen")):
        return "ditulis dengan kata 'persen': format angka hanya dapat menampilkan tanda %"
    prefix_ok = not pre or _CURRENCY.fullmatch(pre) or (role == Role.TARGET and _UNIT.fullmatch(pre.rstrip(" "))
                                                        and pre.endswith(" "))
    suffix_ok = not post or _NO_CENTS.fullmatch(post) or (role == Role.TARGET and _UNIT.fullmatch(post.lstrip(" ")))
    if not prefix_ok or not suffix_ok or '"' in pre + post:
        return "ada teks lain di samping angkanya"
    read = _read_token(token.group(0), reading)
    if read is None:
        return "pemisah ribuan/desimalnya tidak sesuai dengan bacaan tabel"
    notation, grouping, decimals = read
    sign = -1 if token.group(0).startswith("-") else 1
    if sign * abs(reading) != reading and reading != 0:
        return "tandanya tidak sesuai dengan bacaan tabel"
    points = sign * abs(reading)
    value: Any = points / 100 if percent else points
    if not percent and decimals == 0 and float(value).is_integer() and abs(value) < 2 ** 53:
        value = int(value)
    shown = pre + _digits(points, decimals, grouping, notation) + (gap + "%" if percent else "") + post
    if shown != s:
        return "tampilannya tidak dapat dibuat sama persis dengan format angka"
    code = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals else "")
    code = _literal(pre) + code + (gap + "%" if percent else "") + _literal(post)
    unit = bool((pre and not _CURRENCY.fullmatch(pre)) or (post and not _NO_CENTS.fullmatch(post)))
    return NumberLook(value, code, shown, percent, decimals, notation, unit)


def shown_with_unit(value: Any, number_format: Optional[str]) -> Optional[str]:
    """A number's text with the words its number format writes beside it (``15 jenis``); None without words."""
    unit = unit_of_format(number_format)
    if unit is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    return f"{unit[0]}{_plain(value)}{unit[1]}"


# --- the plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One cell perbaiki changes."""

    sheet: str
    row: int
    col: int
    kind: str                   # "angka" (text became a number) or "rumus" (a finding became its formula)
    before: str                 # what the cell showed
    value: Any                  # the number, or the formula's value as computed in Python
    number_format: Optional[str]
    formula: Optional[str] = None
    reason: str = ""
    rules: tuple = ()
    unit: bool = False          # a text number whose satuan now lives in its number format

    @property
    def address(self) -> str:
        return a1(self.row, self.col)

    @property
    def key(self) -> tuple:
        return (self.sheet, self.row, self.col)


@dataclass(frozen=True)
class LeftAlone:
    """A cell perbaiki did not change, and why."""

    sheet: str
    row: int
    col: int
    text: str
    reason: str
    kind: str = "dibiarkan"     # or "tidak diperbaiki" (a chosen finding or cell without formula)

    @property
    def address(self) -> str:
        return a1(self.row, self.col)


@dataclass(frozen=True)
class CellState:
    """What a cell held, enough to put it back: its value (or formula and cached value) and number format."""

    sheet: str
    row: int
    col: int
    value: Any = None           # None, str, int, float or bool
    formula: Optional[str] = None   # with its leading '='
    number_format: str = "General"

    @property
    def address(self) -> str:
        return a1(self.row, self.col)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    return str(value)


@dataclass
class Perbaikan:
    """What perbaiki changes in one workbook and what it leaves alone."""

    changes: list = field(default_factory=list)      # Change
    left_alone: list = field(default_factory=list)   # LeftAlone
    workbook: str = ""
    tables: int = 0                                  # tables read

    @property
    def positions(self) -> list:
        """(sheet, row, col) of every cell that changes: what an adapter reads before writing (:class:`CellState`)."""
        return [c.key for c in self.changes]

    def counts(self) -> dict:
        out = {"angka": 0, "rumus": 0, "dibiarkan": 0, "tidak diperbaiki": 0}
        for c in self.changes:
            out[c.kind] += 1
        for c in self.left_alone:
            out[c.kind] += 1
        return out

    def sentence(self) -> str:
        n = self.counts()
        parts = [f"{n['angka']} angka yang diketik sebagai teks menjadi bilangan",
                 f"{n['rumus']} sel diganti rumus"]
        if n["dibiarkan"]:
            parts.append(f"{n['dibiarkan']} sel dibiarkan")
        if n["tidak diperbaiki"]:
            parts.append(f"{n['tidak diperbaiki']} pilihan tanpa rumus")
        return ", ".join(parts)

    def edits(self, before: dict, sheet_names: Iterable[str], active: Optional[str] = None,
              recalculated: bool = False) -> WorkbookEdits:
        """The plan of edits: the changed cells, the summary sheet and the hidden undo sheet.

        ``before`` maps (sheet, row, col) to the :class:`CellState` the adapter read there
        (a position missing from it counts as an empty cell). ``sheet_names`` are every
        sheet the workbook has (names are chosen not to clash with them); ``active`` is the
        sheet shown on opening and ``recalculated`` whether the workbook already asked for a
        full recalculation on opening: both are put back by the undo.
        """
        summary, undo = sheet_names_for(sheet_names)
        states = [before.get(c.key) or CellState(*c.key) for c in self.changes]
        edits = WorkbookEdits(recalculate=any(c.kind == "rumus" for c in self.changes))
        for c in self.changes:
            edits.cells.append(CellEdit(c.sheet, c.row, c.col, value=c.value, formula=c.formula,
                                        style=Style(number_format=c.number_format)))
        edits.sheets.append(undo_sheet(undo, summary, states, active, recalculated))
        edits.sheets.append(self.summary_sheet(summary, {(s.sheet, s.row, s.col): s for s in states}))
        return edits

    def summary_sheet(self, name: str, before: dict) -> NewSheet:
        """The visible list of changes: one row per cell, what it held and what it holds now, a link to the cell.

        Old and new are described in words (``teks "84,59%"``, ``bilangan 0.8459, format 0.00%``),
        so the sheet holds no figures a later check would take for a table to read.
        """
        sheet = NewSheet(name, widths=dict(enumerate(SUMMARY_WIDTHS, start=1)), freeze_rows=SUMMARY_HEADER_ROW,
                         print_title_rows=(SUMMARY_HEADER_ROW, SUMMARY_HEADER_ROW))
        put = sheet.cells.append
        title = "Perbaikan renja-xl" + (f" untuk {self.workbook}" if self.workbook else "") + f": {self.sentence()}."
        put(CellEdit(name, 1, 1, value=title, style=Style(bold=True, size=12)))
        for col, header in enumerate(SUMMARY_HEADERS, start=1):
            put(CellEdit(name, SUMMARY_HEADER_ROW, col, value=header, style=Style(bold=True, fill=HEADER_FILL)))
        rows = []
        for c in self.changes:
            state = before.get(c.key) or CellState(*c.key)
            if c.kind == "angka":
                new = f"bilangan {_plain(c.value)}, format {c.number_format}"
                label = "teks → bilangan"
            else:
                new = f"rumus {c.formula}, format {c.number_format or 'General'}"
                label = "rumus"
            rows.append((c.sheet, c.row, c.col, label, describe(state), new, c.reason, CHANGED_FILL))
        for item in self.left_alone:
            rows.append((item.sheet, item.row, item.col, item.kind, f'teks "{item.text}"', "tidak diubah",
                         item.reason, LEFT_FILL))
        for index, (sheet_name, row, col, label, old, new, reason, colour) in enumerate(rows, start=1):
            r = SUMMARY_HEADER_ROW + index
            # past what Excel keeps in a sheet, the cell is named plain
            place = f"{quote_sheet(sheet_name)}!{a1(row, col)}" if index <= LINKS_PER_SHEET else None
            values = (sheet_name, a1(row, col), label, old, new, reason)
            for col_index, value in enumerate(values, start=1):
                style = Style()
                if col_index == 2 and place:
                    style = Style(font_colour=LINK_COLOUR, underline=True)
                elif col_index == 3:
                    style = Style(fill=colour)
                elif col_index == 6:
                    style = Style(wrap=True)
                put(CellEdit(name, r, col_index, value=value if value != "" else None, style=style,
                             link=place if col_index == 2 else None))
        if rows:
            sheet.autofilter = f"A{SUMMARY_HEADER_ROW}:F{SUMMARY_HEADER_ROW + len(rows)}"
        return sheet


def describe(state: "CellState") -> str:
    """What a cell held, in words: ``teks "15 jenis"``, ``bilangan 1.26, format 0%``, ``rumus =H7/G7, …``, ``kosong``."""
    if state.formula:
        return f"rumus {state.formula}, format {state.number_format}"
    if state.value is None or state.value == "":
        return "kosong"
    if isinstance(state.value, bool):
        return f"boolean {_plain(state.value)}"
    if isinstance(state.value, (int, float)):
        return f"bilangan {_plain(state.value)}, format {state.number_format}"
    return f'teks "{state.value}"'


def sheet_names_for(taken: Iterable[str]) -> tuple[str, str]:
    """(summary sheet, undo sheet): ``Perbaikan`` and ``renja-xl-batal``, numbered ``(2)``… when taken.

    Both get the same number, so a second perbaiki on its own output gets ``Perbaikan (2)``
    and ``renja-xl-batal (2)``, and the undo takes back the latest first. Names are compared
    as Excel compares them, ignoring case.
    """
    used = {name.casefold() for name in taken}
    n = 1
    while True:
        suffix = "" if n == 1 else f" ({n})"
        names = (FIXES_SHEET + suffix, UNDO_SHEET + suffix)
        if not any(name.casefold() in used for name in names):
            return names
        n += 1


def is_own_sheet(sheet) -> bool:
    """Whether a sheet is one perbaiki added (its summary or its undo record), not the user's tables.

    ``sheet`` is a :class:`~renja_xl.snapshot.SheetSnapshot` (known by its name and its own
    title or header row, so a user's sheet that happens to be called ``Perbaikan`` is read)
    or a name alone (known by the name).
    """
    name = sheet if isinstance(sheet, str) else sheet.name
    m = _SHEET_SUFFIX.match(name)
    if m is None or m.group("base") not in (FIXES_SHEET, UNDO_SHEET):
        return False
    if isinstance(sheet, str):
        return True
    if m.group("base") == UNDO_SHEET:
        return sheet.value(1, 1) == UNDO_TITLE
    return tuple(sheet.value(SUMMARY_HEADER_ROW, c) for c in range(1, len(SUMMARY_HEADERS) + 1)) == SUMMARY_HEADERS


def without_own_sheets(snapshot: WorkbookSnapshot) -> WorkbookSnapshot:
    """The snapshot without perbaiki's summary and undo sheets (they hold no tables to read)."""
    return WorkbookSnapshot([s for s in snapshot if not is_own_sheet(s)], name=snapshot.name)


# --- text numbers --------------------------------------------------------------------------------


def _reading(value: Any) -> Optional[float]:
    if isinstance(value, Target):
        if len(value.parts) != 1 or value.leftover:
            return None
        return value.parts[0].value
    if isinstance(value, float):
        return value
    return None


def text_numbers(tables: list, keep_units: bool = False) -> tuple[list, list]:
    """(changes, left alone): every number typed as text in a table's numeric columns.

    With ``keep_units`` a number written with its satuan (``15 jenis``) stays text: the
    checks read a satuan from a cell's text, not yet from its number format.
    """
    changes, left = [], []
    seen = set()
    for table in tables:
        for row in table.rows:
            for key, cell in row.cells.items():
                col = table.columns[key]
                role = table.spec.column(key).role
                if role not in NUMERIC_ROLES or not isinstance(cell.raw, str) or (table.sheet, row.number, col) in seen:
                    continue
                seen.add((table.sheet, row.number, col))
                if "ambiguous" in cell.notes:
                    if any(ch.isdigit() for ch in cell.raw):
                        left.append(LeftAlone(table.sheet, row.number, col, cell.raw,
                                              "ambigu: pemisahnya dapat dibaca sebagai ribuan atau desimal, dan "
                                              "kolom maupun tabelnya tidak memastikan notasinya"))
                    continue
                value = cell.value
                if isinstance(value, Target) and value.parts and not value.leftover \
                        and all(p.value is None for p in value.parts):
                    continue  # a unit alone ("m2", "paket"): no number to convert
                look = number_look(cell.raw, _reading(value), role)
                if look is None:
                    continue
                if isinstance(look, str):
                    left.append(LeftAlone(table.sheet, row.number, col, cell.raw, look))
                    continue
                if keep_units and look.unit:
                    left.append(LeftAlone(table.sheet, row.number, col, cell.raw,
                                          "bersatuan: dibiarkan sebagai teks (--biarkan-satuan)"))
                    continue
                reason = f"tampil '{look.shown}'"
                if look.notation is not None:
                    word = "Indonesia" if look.notation == ID else "Inggris"
                    proven = parse_number(_TOKEN.search(single_spaced(cell.raw)).group(0).lstrip("+-"))
                    reason += f"; dibaca dalam notasi {word}" + (
                        "" if proven is not None and not proven.ambiguous else " (dipastikan oleh kolom atau tabelnya)")
                changes.append(Change(table.sheet, row.number, col, "angka", cell.raw, look.value, look.number_format,
                                      reason=reason, unit=look.unit))
    return changes, left


def converted(snapshot: WorkbookSnapshot, changes: list) -> WorkbookSnapshot:
    """The snapshot as it reads once the changes are made: text numbers as numbers, formulas as their values
    (percent and decimals as their formats show)."""
    by_sheet: dict = {}
    for c in changes:
        by_sheet.setdefault(c.sheet, []).append(c)
    sheets = []
    for sheet in snapshot:
        items = by_sheet.get(sheet.name)
        if not items:
            sheets.append(sheet)
            continue
        rows = list(sheet.rows)
        percent, decimals = set(sheet.percent_cells), dict(sheet.decimals)
        for c in items:
            i, j = c.row - sheet.top, c.col - sheet.left
            if not (0 <= i < len(rows) and 0 <= j < len(rows[i])):
                continue
            rows[i] = list(rows[i])
            rows[i][j] = c.value
            code = c.number_format or "General"
            percent.discard((c.row, c.col))
            decimals.pop((c.row, c.col), None)
            if not isinstance(c.value, (int, float)) or isinstance(c.value, bool):
                continue
            if "%" in re.sub(r'"[^"]*"', "", code):
                percent.add((c.row, c.col))
            shown = code.split(".")[1] if "." in code else ""
            places = len(shown) - len(shown.lstrip("0"))
            if places:
                decimals[(c.row, c.col)] = places
        sheets.append(replace(sheet, rows=rows, percent_cells=frozenset(percent), decimals=decimals))
    return WorkbookSnapshot(sheets, name=snapshot.name)


# --- findings to formulas ------------------------------------------------------------------------


def parse_cell_choice(text: str, sheet_names: Iterable[str]) -> tuple[str, int, int]:
    """``Sheet!E12`` or ``'T2.1 Evaluasi Renja'!E12`` -> (sheet, row, col); ValueError with an Indonesian sentence."""
    names = list(sheet_names)
    raw = text.strip()
    sheet, bang, address = raw.rpartition("!")
    if not bang or not sheet:
        raise ValueError(f"Sel '{text}' harus ditulis sebagai Lembar!Sel, misalnya \"'T2.1 Evaluasi Renja'!H32\".")
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    match = next((n for n in names if n == sheet), None) or next((n for n in names if n.casefold() == sheet.casefold()),
                                                                  None)
    if match is None:
        raise ValueError(f"Lembar '{sheet}' pada --sel '{text}' tidak ada di buku kerja ini.")
    try:
        row, col = parse_a1(address)
    except ValueError:
        raise ValueError(f"'{address}' pada --sel '{text}' bukan alamat sel (contoh: H32).") from None
    return match, row, col


def formula_changes(computed: dict, findings: list, rules: Optional[Iterable[str]] = None,
                    cells: Optional[Iterable[tuple]] = None, shown=None) -> tuple[list, list]:
    """(changes, not fixed): the chosen findings (or cells) replaced by the formula fill writes there.

    ``computed`` maps (sheet, row, col) to the :class:`~renja_xl.compute.engine.ComputedCell`
    fill writes. Without a choice, the findings of :data:`DEFAULT_RULES` are fixed; ``rules``
    chooses findings by rule code; ``cells`` chooses cells, with or without a finding (with
    ``rules`` as well: the chosen cells that have a finding of those rules). A choice fill
    writes no formula for is listed as not fixed. ``shown(sheet, row, col)`` gives a cell's
    text for the summary.
    """
    shown = shown or (lambda sheet, row, col: "")
    wanted = {r.upper() for r in rules} if rules is not None else None
    chosen = list(dict.fromkeys(cells)) if cells is not None else None
    per_cell: dict = {}
    for finding in findings:
        if not finding.locations:
            continue
        loc = finding.locations[0]
        try:
            key = (loc.sheet, *parse_a1(loc.cell))
        except ValueError:
            continue
        per_cell.setdefault(key, []).append(finding)
    targets: dict = {}
    if chosen is None:
        for key, items in per_cell.items():
            items = [f for f in items if f.rule in (wanted if wanted is not None else DEFAULT_RULES)]
            if items:
                targets[key] = items
    else:
        for key in chosen:
            items = per_cell.get(key, [])
            targets[key] = [f for f in items if wanted is None or f.rule in wanted]
    changes, not_fixed = [], []
    for key, items in targets.items():
        cell = computed.get(key)
        text = shown(*key)
        if chosen is not None and wanted is not None and not items:
            not_fixed.append(LeftAlone(*key, text, f"tidak ada temuan {', '.join(sorted(wanted))} di sel ini",
                                       kind="tidak diperbaiki"))
            continue
        if cell is None:
            why = (f"{', '.join(sorted({f.rule for f in items}))}: " if items else "") + \
                "renja-xl fill tidak menulis rumus di sel ini (bukan kolom hitungan)"
            not_fixed.append(LeftAlone(*key, text, why, kind="tidak diperbaiki"))
            continue
        reason = "; ".join(f"[{f.rule}] {f.message}" for f in items[:3]) or "dipilih dengan --sel"
        changes.append(Change(*key, "rumus", text, cell.value, cell.number_format, formula=cell.formula,
                              reason=reason, rules=tuple(sorted({f.rule for f in items}))))
    changes.sort(key=lambda c: (c.sheet, c.row, c.col))
    return changes, not_fixed


ROUNDS = 5   # fixes that make further cells wrong (a realisasi capaian fixed, its tingkat capaian next): at most
_REFERENCE = re.compile(r"(?<![A-Za-z_$.])\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?![\w(])")


def references(formula: str) -> set:
    """(row, col) of every cell a formula fill writes refers to (same sheet; ranges expanded)."""
    from .snapshot import col_index

    out = set()
    for m in _REFERENCE.finditer(re.sub(r'"[^"]*"', '""', formula or "")):
        top, left = int(m.group(2)), col_index(m.group(1))
        bottom, right = (int(m.group(4)), col_index(m.group(3))) if m.group(3) else (top, left)
        if (bottom - top + 1) * (right - left + 1) > 100_000:
            continue
        out.update((r, c) for r in range(min(top, bottom), max(top, bottom) + 1)
                   for c in range(min(left, right), max(left, right) + 1))
    return out


def _consistent(fixes: list, computed: dict, snapshot: WorkbookSnapshot, taken: set, shown) -> list:
    """The computed cells the new formulas read that must become formulas too.

    fill's formulas read the computed cells they build on as formulas give them: numbers,
    in percent points. A computed cell still holding a typed percentage (a fraction under a
    % format, ``85%`` → 0.85) or text would be read wrong (an average of fractions and
    points, a predikat of 0.85), so it gets its formula as well.
    """
    sheets = {s.name: s for s in snapshot}
    out, queue = [], list(fixes)
    seen = set(taken) | {c.key for c in fixes}
    while queue:
        change = queue.pop()
        sheet = sheets.get(change.sheet)
        if sheet is None:
            continue
        for row, col in sorted(references(change.formula or "")):
            key = (change.sheet, row, col)
            cell = computed.get(key)
            if cell is None or key in seen:
                continue
            value = sheet.value(row, col)
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if value is None or value == "" or (number and not sheet.is_percent(row, col)):
                continue
            seen.add(key)
            extra = Change(*key, "rumus", shown(*key), cell.value, cell.number_format, formula=cell.formula,
                           reason=f"dibaca oleh rumus di {change.address}: rumus memberi poin persen, sel ini "
                                  "berisi persentase yang diketik (pecahan) atau teks")
            out.append(extra)
            queue.append(extra)
    return out


def plan_perbaiki(snapshot: WorkbookSnapshot, *, rules: Optional[Iterable[str]] = None,
                  cells: Optional[Iterable[tuple]] = None, config=None, units=None, vocabulary=None,
                  nomenclature=None, text_to_numbers: bool = True, keep_units: bool = False) -> Perbaikan:
    """What perbaiki changes in a workbook (the function the command and a button call).

    Text numbers become numbers (:func:`text_numbers`; with ``keep_units`` a number written
    with its satuan stays text). Then the findings of ``rules`` (default
    :data:`DEFAULT_RULES`) or the ``cells`` chosen get the formula ``fill`` writes there,
    computed on the workbook as it reads once the numbers are numbers (so an input typed
    ``84,59%`` enters the formula as a percentage); a computed cell such a formula reads
    gets its formula too when it holds a typed percentage (:func:`_consistent`). A formula
    that makes a cell computed from it wrong in turn (a realisasi capaian fixed, its
    tingkat capaian now off) makes that cell a finding of the next round, up to
    :data:`ROUNDS` rounds, unless cells were chosen one by one. A cell the checks still
    report once its formula is in says so in its reason. Perbaiki's own sheets are not read.
    """
    from .compute import FillOptions, compute_workbook
    from .reader import find_tables
    from .reader.scan import display_text
    from .rules import run_checks

    snapshot = without_own_sheets(snapshot)
    tables = find_tables(snapshot, units=units, vocabulary=vocabulary)
    plan = Perbaikan(workbook=snapshot.name, tables=len(tables))
    if not tables:
        return plan
    numbers, left = text_numbers(tables, keep_units) if text_to_numbers else ([], [])
    findings = run_checks(snapshot, tables, config, units, vocabulary=vocabulary, nomenclature=nomenclature)
    after = converted(snapshot, numbers)
    after_tables = find_tables(after, units=units, vocabulary=vocabulary) if numbers else tables
    computed = {}
    wants_rollup = rules is not None and any(r.upper().startswith("RXL2") for r in rules) or cells is not None
    for rollup in ((True, False) if wants_rollup else (False,)):
        # fill's own cells win; roll-ups (RXL2xx) only where fill writes none without --rollup
        for fill in compute_workbook(after, after_tables, FillOptions(rollup=rollup)):
            for c in fill.cells:
                computed[(c.sheet, c.row, c.col)] = c
    sheets = {s.name: s for s in snapshot}
    order = [s.name for s in snapshot]

    def shown(sheet: str, row: int, col: int) -> str:
        s = sheets.get(sheet)
        if s is None:
            return ""
        return display_text(s.value(row, col), s.is_percent(row, col), s.shown_decimals(row, col))

    chosen_rules = {r.upper() for r in rules} if rules is not None else set(DEFAULT_RULES)
    formulas: dict = {}
    not_fixed: dict = {}
    current = after
    checked = False
    for round_ in range(ROUNDS):
        found, missed = formula_changes(computed, findings, rules, cells if round_ == 0 else None, shown)
        fresh = [c for c in found if c.key not in formulas]
        for item in missed:
            not_fixed.setdefault((item.sheet, item.row, item.col), item)
        if not fresh:
            break
        fresh += _consistent(fresh, computed, current, set(formulas), shown)
        formulas.update((c.key, c) for c in fresh)
        current = converted(current, fresh)
        findings = run_checks(current, find_tables(current, units=units, vocabulary=vocabulary), config, units,
                              only=chosen_rules, vocabulary=vocabulary, nomenclature=nomenclature)
        checked = True
        if cells is not None:
            break
    if checked:  # what the checks still say about a cell once its formula is in
        still: dict = {}
        for f in findings:
            if f.locations:
                try:
                    still.setdefault((f.locations[0].sheet, *parse_a1(f.locations[0].cell)), []).append(f)
                except ValueError:
                    continue
        for key, items in still.items():
            if key in formulas:
                note = "; ".join(f"[{f.rule}] {f.message}" for f in items[:2])
                formulas[key] = replace(formulas[key], reason=formulas[key].reason + "; setelah rumus ditulis, "
                                        f"pemeriksaan masih melaporkan: {note}")
    plan.changes = [c for c in numbers if c.key not in formulas] + list(formulas.values())
    plan.changes.sort(key=lambda c: (order.index(c.sheet) if c.sheet in sheets else 0, c.row, c.col))
    plan.left_alone = left + [item for key, item in not_fixed.items() if key not in formulas]
    return plan


# --- the undo record -----------------------------------------------------------------------------


def _kind(value: Any) -> str:
    if value is None or value == "":
        return "kosong"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "angka"
    return "teks"


def _value_text(value: Any) -> Optional[str]:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def undo_sheet(name: str, summary: str, states: list, active: Optional[str] = None,
               recalculated: bool = False) -> NewSheet:
    """The hidden record of what the changed cells held, read back by :func:`read_undo`.

    Row 1 is the title, row 2 the record's facts (JSON: the summary sheet, the sheet shown
    on opening, the workbook's own recalculation setting), then one row per cell: in A its
    place, kind, formula, number format and value as text (JSON); a value too long to fit
    in that cell goes in B. Every value is text, and no row has three cells, so no reader
    takes the record for a table.
    """
    sheet = NewSheet(name, widths={1: 100, 2: 40}, first=False, hidden=True)
    put = sheet.cells.append
    put(CellEdit(name, 1, 1, value=UNDO_TITLE))
    facts = {"versi": 1, "ringkasan": summary, "aktif": active or "", "hitung_ulang": bool(recalculated)}
    put(CellEdit(name, 2, 1, value=json.dumps(facts, ensure_ascii=False)))
    put(CellEdit(name, 3, 1, value=UNDO_NOTE))
    for index, state in enumerate(states):
        row = UNDO_FIRST_ROW + index
        where = {"lembar": state.sheet, "sel": state.address, "jenis": _kind(state.value),
                 "format": state.number_format or "General"}
        if state.formula:
            where["rumus"] = state.formula
        text = _value_text(state.value)
        record = json.dumps({**where, "nilai": text}, ensure_ascii=False) if text is not None else None
        if text is None or len(record) <= MAX_RECORD:
            put(CellEdit(name, row, 1, value=record or json.dumps(where, ensure_ascii=False)))
        else:  # a long text: the place in A, the text in B
            put(CellEdit(name, row, 1, value=json.dumps(where, ensure_ascii=False)))
            put(CellEdit(name, row, 2, value=text))
    return sheet


@dataclass
class UndoRecord:
    """What an undo sheet says: the cells to put back and the sheets perbaiki added."""

    sheet: str
    summary: str
    states: list                    # CellState
    active: Optional[str] = None
    recalculated: bool = False


def _restored(kind: str, text: Any) -> Any:
    if kind == "kosong" or text is None or text == "":
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):  # an adapter that read a number back
        return text if kind == "angka" else _plain(text)
    text = str(text)
    if kind == "angka":
        return int(text) if re.fullmatch(r"[-+]?\d+", text) else float(text)
    if kind == "boolean":
        return text in ("1", "TRUE", "True", "true")
    return text


def read_undo(name: str, rows: list) -> Optional[UndoRecord]:
    """The record in an undo sheet's rows (``rows[0]`` is sheet row 1, each a list of cell values); None when
    the sheet is not one perbaiki wrote."""
    def at(r: int, c: int) -> Any:
        if r - 1 < len(rows) and c - 1 < len(rows[r - 1] or []):
            return rows[r - 1][c - 1]
        return None

    if at(1, 1) != UNDO_TITLE:
        return None
    try:
        facts = json.loads(str(at(2, 1)))
    except ValueError:
        return None
    if not isinstance(facts, dict):
        return None
    states = []
    for r in range(UNDO_FIRST_ROW, len(rows) + 1):
        try:
            where = json.loads(str(at(r, 1))) if at(r, 1) else None
            if not isinstance(where, dict):
                continue
            row, col = parse_a1(str(where["sel"]))
            value = _restored(str(where.get("jenis", "teks")), where["nilai"] if "nilai" in where else at(r, 2))
        except (ValueError, KeyError, TypeError):
            continue
        formula = where.get("rumus") or None
        states.append(CellState(str(where["lembar"]), row, col, value, formula, str(where.get("format") or "General")))
    return UndoRecord(name, str(facts.get("ringkasan") or ""), states, str(facts.get("aktif") or "") or None,
                      bool(facts.get("hitung_ulang")))


def latest_undo(names: Iterable[str]) -> Optional[str]:
    """The undo sheet of the latest perbaiki among ``names`` (the highest number), None when there is none."""
    best, best_n = None, 0
    for name in names:
        m = _SHEET_SUFFIX.match(name)
        if m is None or m.group("base") != UNDO_SHEET:
            continue
        n = int(m.group("n") or 1)
        if n > best_n:
            best, best_n = name, n
    return best


def undo_edits(record: UndoRecord) -> WorkbookEdits:
    """The plan that puts every recorded cell back (value or formula, number format) and removes perbaiki's sheets."""
    edits = WorkbookEdits(remove_sheets=[n for n in (record.summary, record.sheet) if n])
    for s in record.states:
        edits.cells.append(CellEdit(s.sheet, s.row, s.col, value=s.value, formula=s.formula,
                                    style=Style(number_format=s.number_format or "General")))
    return edits
