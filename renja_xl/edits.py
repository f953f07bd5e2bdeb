"""What a command changes in a workbook, as plain data: the one plan every adapter applies.

``fill`` and ``check`` do not touch a workbook themselves. They describe their changes
here (cell values and formulas, number formats, fills, notes, a new sheet, conditional
colours) and an adapter applies the plan: :mod:`renja_xl.io.patch` patches the parts of
a file's package, the Excel buttons (:mod:`renja_xl.excel`) write through xlwings. The
plan is pure data, so both give the same cells.

User text written as a value (a finding's message, a value as the user wrote it) is
always text: a leading ``=``, ``+``, ``-`` or ``@`` never becomes a formula.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

from .compute.engine import ComputedCell
from .compute.predikat import COLOURS
from .rowheight import line_capacity, lines_needed, points
from .rules.base import Finding, Severity
from .sheetnames import RESULTS_SHEET
from .snapshot import a1, col_letter, parse_a1

SEVERITY_FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
RESULTS_HEADERS = ("No", "Tingkat", "Aturan", "Lokasi", "Pesan", "Nilai tertulis", "Nilai seharusnya")
RESULTS_WIDTHS = (8, 12, 10, 34, 100, 28, 22)
RESULTS_HEADER_ROW = 3
# Excel keeps at most this many hyperlinks in one worksheet (its documented "specifications and limits"): a results
# sheet or a rekap with more links than that would not open as written
LINKS_PER_SHEET = 65_530
HEADER_FILL = "D9E1F2"
SECTION_FILL = "F2F2F2"
LINK_COLOUR = "0563C1"
NOTE_AUTHOR = "renja-xl"
MAX_NOTE_FINDINGS = 8
MAX_NOTE_LINE = 400        # characters of one finding's message in a note
MAX_MARKS = 2_000          # cells marked (fill and note) per sheet; the rest are in Hasil Validasi only


@dataclass(frozen=True)
class Style:
    """The formatting a change asks for; None leaves the cell's own setting as it is."""

    number_format: Optional[str] = None
    fill: Optional[str] = None          # RGB hex of a solid fill
    bold: bool = False
    size: Optional[float] = None
    font_colour: Optional[str] = None
    underline: bool = False
    wrap: bool = False                  # wrap the text (and align it to the top of the cell)
    top: bool = False                   # align to the top of the cell (beside a wrapped cell of the row)

    @property
    def is_plain(self) -> bool:
        return self == Style()


@dataclass(frozen=True)
class CellEdit:
    """One cell to change. ``formula`` (with its leading '=') wins over ``value``; ``keep_value``
    changes only the formatting (and ``note``)."""

    sheet: str
    row: int
    col: int
    value: Any = None
    formula: Optional[str] = None
    style: Style = Style()
    note: Optional[str] = None
    keep_value: bool = False
    link: Optional[str] = None   # a place inside the workbook: "'T2.1'!E13"

    @property
    def address(self) -> str:
        return a1(self.row, self.col)


@dataclass(frozen=True)
class ConditionalColour:
    """Fill ``ref`` with ``colour`` where ``formula`` (relative to the range's first cell) is true."""

    sheet: str
    ref: str
    formula: str
    colour: str


@dataclass(frozen=True)
class SheetRow:
    """One row of a sheet a command adds, as the file writer streams it (:attr:`NewSheet.rows`)."""

    row: int
    values: tuple                          # columns 1, 2, …; None or "" leaves a cell empty
    styles: tuple = ()                     # a Style per column (missing: plain)
    link: Optional[tuple] = None           # (column, place inside the workbook: "'T2.1'!E13")
    level: int = 0                         # outline level: 1 for the details under a summary line
    hidden: bool = False                   # folded away under its summary line
    collapsed: bool = False                # a summary line whose details are folded
    height: Optional[float] = None         # points; None: the default height


@dataclass
class NewSheet:
    """A sheet the command adds (or replaces, when one of that name exists)."""

    name: str
    cells: list = field(default_factory=list)           # CellEdit, sheet == name
    widths: dict = field(default_factory=dict)          # column -> width in characters
    freeze_rows: int = 0                                # rows kept in view at the top
    autofilter: Optional[str] = None                    # "A3:G40"
    print_title_rows: Optional[tuple] = None            # (first, last)
    landscape: bool = True
    first: bool = True                                  # placed before the other sheets (else last)
    hidden: bool = False                                # a record for the command, not for reading
    # the sheet's rows made on demand, for a writer that streams them (the file patcher); when given they are the
    # sheet and ``cells`` may be empty. An adapter that writes cells (the Excel buttons) reads ``cells``.
    rows: Optional[Callable[[], Iterable[SheetRow]]] = None
    outline_above: bool = False                         # summary lines stand above their (outlined) details


@dataclass
class WorkbookEdits:
    """Everything one command changes in one workbook.

    ``NewSheet.hidden`` and ``remove_sheets`` (``perbaiki`` and its undo) are applied to files
    by :mod:`renja_xl.io.perbaikan` after the patcher; an adapter that does not know them
    leaves the sheet visible and the sheets in place.
    """

    cells: list = field(default_factory=list)           # CellEdit in existing sheets
    conditional: list = field(default_factory=list)     # ConditionalColour
    sheets: list = field(default_factory=list)          # NewSheet
    recalculate: bool = False                           # ask Excel to recalculate on opening
    remove_sheets: list = field(default_factory=list)   # names of sheets an earlier command added, to delete

    def by_sheet(self) -> dict:
        out: dict = {}
        for edit in self.cells:
            out.setdefault(edit.sheet, []).append(edit)
        return out


# --- fill ------------------------------------------------------------------------------


def fill_edits(cells: Iterable[ComputedCell]) -> WorkbookEdits:
    """The plan of ``renja-xl fill``: every computed cell as a live formula, Predikat coloured."""
    cells = list(cells)
    edits = WorkbookEdits(recalculate=True)
    for c in cells:
        edits.cells.append(CellEdit(c.sheet, c.row, c.col, value=c.value, formula=c.formula,
                                    style=Style(number_format=c.number_format)))
    predikat: dict = {}
    for c in cells:
        if c.key == "predikat":
            predikat.setdefault((c.sheet, c.col), []).append(c.row)
    for (sheet, col), rows in predikat.items():
        letter = col_letter(col)
        ref = f"{letter}{min(rows)}:{letter}{max(rows)}"
        for label, colour in COLOURS.items():
            edits.conditional.append(ConditionalColour(sheet, ref, f'${letter}{min(rows)}="{label}"', colour))
    return edits


# --- check -----------------------------------------------------------------------------


def quote_sheet(name: str) -> str:
    """A sheet name as a formula or link names it: ``'T2.1 Evaluasi'``."""
    return "'" + name.replace("'", "''") + "'"


def _note_line(message: str) -> str:
    return message if len(message) <= MAX_NOTE_LINE else message[:MAX_NOTE_LINE - 1] + "\u2026"


def note_text(findings: list) -> str:
    """The note on a marked cell: its findings' messages, at most :data:`MAX_NOTE_FINDINGS`, each cut at
    :data:`MAX_NOTE_LINE` characters (a note is read by pointing at the cell; the whole message is in Hasil
    Validasi)."""
    text = "\n".join(f"[{f.rule} {f.severity.label}] {_note_line(f.message)}" for f in findings[:MAX_NOTE_FINDINGS])
    if len(findings) > MAX_NOTE_FINDINGS:
        text += f"\n(+{len(findings) - MAX_NOTE_FINDINGS} temuan lain di lembar {RESULTS_SHEET})"
    return text


@dataclass
class Marks:
    """The cells a check marks, at most ``limit`` per sheet (errors first), and how many were left unmarked."""

    cells: dict                      # (sheet, address) -> [findings], in marking order
    unmarked: dict                   # sheet -> cells with findings left without fill and note
    total: dict                      # sheet -> cells with findings
    limit: int = MAX_MARKS


def choose_marks(findings: list, sheet_names: Iterable[str], limit: int = MAX_MARKS) -> Marks:
    """Every cell a finding is about, per sheet; past ``limit`` cells in one sheet the worst come first.

    A sheet of 60,000 findings would otherwise carry 60,000 notes, whose drawings alone make a
    copy no spreadsheet opens in reasonable time; what is not marked is listed in Hasil Validasi.
    """
    names = set(sheet_names) - {RESULTS_SHEET}
    worst: dict = {}     # cell (its Location) -> the rank of its worst finding, in the order cells are first met
    for finding in findings:
        rank = _RANK[finding.severity]
        for loc in finding.locations:
            if loc.sheet in names and rank < worst.get(loc, _NO_RANK):
                worst[loc] = rank
    total: dict = {}
    for loc in worst:
        total[loc.sheet] = total.get(loc.sheet, 0) + 1
    unmarked = {sheet: n - limit for sheet, n in total.items() if limit and n > limit}
    if unmarked:   # a full sheet keeps its worst cells first, each rank in the order its cells were met
        quota = _rank_quotas(worst, set(unmarked), limit)
        per_cell = {}
        for loc, rank in worst.items():
            left = quota.get(loc.sheet)
            if left is None:
                per_cell[loc] = []
            elif left[rank] > 0:
                left[rank] -= 1
                per_cell[loc] = []
    else:
        per_cell = {loc: [] for loc in worst}
    del worst
    for finding in findings:
        for loc in finding.locations:
            items = per_cell.get(loc)
            if items is not None:
                items.append(finding)
    return Marks(per_cell, unmarked, total, limit)


def _rank_quotas(worst: dict, full: set, limit: int) -> dict:
    """For each sheet of ``full``: how many of its cells of each rank are marked, the worst ranks first, ``limit``
    in all."""
    counts: dict = {sheet: [0] * _NO_RANK for sheet in full}
    for loc, rank in worst.items():
        if loc.sheet in full:
            counts[loc.sheet][rank] += 1
    quota: dict = {}
    for sheet, per_rank in counts.items():
        left, kept = limit, []
        for n in per_rank:
            kept.append(min(n, left))
            left -= kept[-1]
        quota[sheet] = kept
    return quota


def mark_edits(findings: list, sheet_names: Iterable[str], marks: Optional[Marks] = None) -> list:
    """The cells findings are about (at most :data:`MAX_MARKS` per sheet): the fill of the worst severity and a
    note with the messages."""
    marks = marks or choose_marks(findings, sheet_names)
    out = []
    notes: dict = {}   # one text per note said: cells saying the same (a kode used on five rows) share it
    for (sheet, address), items in marks.cells.items():
        row, col = parse_a1(address)
        worst = min(items, key=lambda f: _RANK[f.severity]).severity
        note = note_text(items)
        note = notes.setdefault(note, note)
        out.append(CellEdit(sheet, row, col, style=Style(fill=SEVERITY_FILLS[worst]), note=note, keep_value=True))
    return out


class ResultsLayout:
    """The 'Hasil Validasi' sheet, row by row: a summary per table and per rule, then every finding.

    Rows 1-3 are the title, how to read the sheet, and the column headers (frozen, filtered,
    repeated on every printed page). Then, under the same columns: one line per sheet with
    its counts by severity and its first cell, one line per rule with what it means and its
    first cells, and the list, where the findings of one rule in one column of one sheet
    (:func:`~renja_xl.report.group_findings`) stand as one line listing their cells, their own
    lines folded under it (the + beside the line opens them).
    """

    def __init__(self, findings: list, title: str, sheet_names: Iterable[str], marks: Optional[Marks] = None):
        from .report import group_findings

        self.sheet_names = [n for n in sheet_names]
        self.names = set(self.sheet_names)
        self.findings = findings
        self.title = title
        self.marks = marks
        self.entries = group_findings(findings)
        self.widths = dict(enumerate(RESULTS_WIDTHS, start=1))
        self._capacity = {(w, bold): line_capacity(w, bold) for w in self.widths.values() for bold in (False, True)}
        self._sheets: Optional[list] = None
        self._rules: Optional[list] = None
        self._links_left = LINKS_PER_SHEET

    # --- pieces ------------------------------------------------------------------------

    @staticmethod
    def _place(finding) -> str:
        """What the Lokasi column shows of a finding: ``'Sheet'!A1`` of its first cell ("" for none)."""
        first = finding.locations[0] if finding.locations else None
        return f"{quote_sheet(first.sheet)}!{first.cell}" if first else ""

    def _linkable(self, finding) -> bool:
        """Whether a finding's Lokasi can link to its cell: a sheet of this workbook, and a link left to give."""
        return bool(finding.locations) and finding.locations[0].sheet in self.names and self._link_taken()

    def _link_taken(self) -> bool:
        """Whether one more line may link to its cell: past :data:`LINKS_PER_SHEET` the address is written plain."""
        if self._links_left <= 0:
            return False
        self._links_left -= 1
        return True

    def _height(self, values: tuple, bold: bool = False) -> Optional[float]:
        """The height the wrapped columns (Pesan, Nilai tertulis, Nilai seharusnya) need; None: one line."""
        lines = 1
        for col in (5, 6, 7):
            text = values[col - 1] if len(values) >= col else None
            if text in (None, ""):
                continue
            width = self.widths[col]
            if type(text) is str and len(text) <= self._capacity[(width, bold)] and "\n" not in text:
                continue   # one line (most written and expected values): no need to wrap it
            lines = max(lines, lines_needed(text, width, bold))
        return points(lines) if lines > 1 else None

    def _line(self, row: int, values: tuple, severity=None, finding=None, level: int = 0, hidden: bool = False,
              collapsed: bool = False, bold: bool = False, fill: Optional[str] = None):
        """A row of the sheet; a finding's line links its Lokasi (the 4th value, :meth:`_place`) to the cell."""
        values = tuple(values) + ("",) * (len(RESULTS_HEADERS) - len(values))
        link = None
        if not (fill or bold) and severity is not None and finding is not None:  # a finding's line: the common case
            linked = self._linkable(finding)
            return SheetRow(row, values, _ROW_STYLES[(severity, linked)], (4, values[3]) if linked else None, level,
                            hidden, collapsed, self._height(values, bold))
        if fill or bold:
            plain = Style(fill=fill, bold=bold, top=True)
            styles = [plain] * len(values)
            if severity is not None:
                styles[1] = Style(fill=SEVERITY_FILLS[severity], bold=bold, top=True)
            styles[4] = styles[5] = styles[6] = Style(wrap=True, fill=fill, bold=bold)
            link_style = Style(font_colour=LINK_COLOUR, underline=True, fill=fill, bold=bold, top=True)
        else:
            styles = [_PLAIN, _PLAIN, _PLAIN, _PLAIN, _WRAP, _WRAP, _WRAP]
            if severity is not None:
                styles[1] = _SEVERITY_STYLES[severity]
            link_style = _LINK
        if finding is not None and self._linkable(finding):
            link = (4, values[3])
            styles[3] = link_style
        return SheetRow(row, values, tuple(styles), link, level, hidden, collapsed, self._height(values, bold))

    @property
    def sheet_lines(self) -> list:
        if self._sheets is None:
            self._sheets = self._sheet_lines()
        return self._sheets

    @property
    def rule_lines(self) -> list:
        if self._rules is None:
            self._rules = self._rule_lines()
        return self._rules

    def _sheet_lines(self) -> list:
        """(sheet, severity counts, first finding), in the workbook's sheet order."""
        from .report import severity_counts

        per_sheet: dict = {}
        for f in self.findings:
            sheet = f.locations[0].sheet if f.locations else ""
            per_sheet.setdefault(sheet, []).append(f)
        order = {name: i for i, name in enumerate(self.sheet_names)}
        out = []
        for sheet in sorted(per_sheet, key=lambda s: (s == "", order.get(s, len(order)), s)):
            items = per_sheet[sheet]
            out.append((sheet, severity_counts(items), items[0]))
        return out

    def _rule_lines(self) -> list:
        per_rule: dict = {}
        for f in self.findings:
            per_rule.setdefault((f.severity.rank, f.rule), []).append(f)
        return [items for _, items in sorted(per_rule.items())]

    # --- the rows ----------------------------------------------------------------------------

    def header_rows(self) -> list:
        guide = ("Ringkasan per lembar dan per aturan, lalu daftar lengkap. Klik alamat Lokasi untuk menuju selnya; "
                 "temuan satu aturan di satu kolom menjadi satu baris (klik + di kiri untuk rinciannya).")
        if self.last_row - RESULTS_HEADER_ROW > LINKS_PER_SHEET:
            guide += (f" Excel menyimpan paling banyak {_number(LINKS_PER_SHEET)} tautan per lembar: lokasi di baris "
                      "berikutnya tertulis tanpa tautan.")
        return [
            SheetRow(1, (self.title,), (Style(bold=True, size=12),)),
            SheetRow(2, (guide,)),
            SheetRow(RESULTS_HEADER_ROW, RESULTS_HEADERS,
                     tuple(Style(bold=True, fill=HEADER_FILL) for _ in RESULTS_HEADERS)),
        ]

    def rows(self):
        """Every row of the sheet, made as it is needed (a list of 60,000 findings is never held twice)."""
        from .report import cells_text, counts_text, meaning

        self._links_left = LINKS_PER_SHEET   # each reading of the rows links the same lines
        yield from self.header_rows()
        row = RESULTS_HEADER_ROW + 1
        yield self._line(row, ("Ringkasan per lembar",), bold=True, fill=SECTION_FILL)
        row += 1
        for sheet, counts, first in self.sheet_lines:
            text = f"{sheet or '(buku kerja)'}: {counts_text(counts)}."
            if self.marks is not None and self.marks.unmarked.get(sheet):
                marked = self.marks.total[sheet] - self.marks.unmarked[sheet]
                text += (f" Hanya {_number(marked)} dari {_number(self.marks.total[sheet])} sel bertemuan di lembar ini "
                         f"diberi warna dan catatan (batas {_number(self.marks.limit)} per lembar, kesalahan "
                         "didahulukan); selebihnya ada di daftar di bawah.")
            worst = min((s for s in Severity if counts[s.value]), key=lambda s: s.rank)
            place = self._place(first)
            yield self._line(row, ("", worst.label, "", place, text), worst, first)
            row += 1
        yield self._line(row, ("Ringkasan per aturan",), bold=True, fill=SECTION_FILL)
        row += 1
        for items in self.rule_lines:
            first = items[0]
            sheets: dict = {}
            for f in items:
                if f.locations:
                    sheets.setdefault(f.locations[0].sheet, []).append(f.locations[0].cell)
            where = "; ".join(f"{name}: {cells_text(cells, 6)}" for name, cells in sheets.items())
            text = f"{len(items)} temuan. {meaning(first.rule)}" + (f" Sel: {where}." if where else "")
            place = self._place(first)
            yield self._line(row, ("", first.severity.label, first.rule, place, text), first.severity, first)
            row += 1
        yield self._line(row, (f"Daftar temuan ({_number(len(self.findings))})",), bold=True, fill=SECTION_FILL)
        row += 1
        for number, entry in enumerate(self.entries, start=1):
            first = entry.first
            if not entry.grouped:
                place = self._place(first)
                yield self._line(row, (number, first.severity.label, first.rule, place, first.message, first.written,
                                       first.expected), first.severity, first)
                row += 1
                continue
            place = self._place(first)
            yield self._line(row, (number, first.severity.label, first.rule, place, entry.sentence()), first.severity,
                             first, collapsed=True)
            row += 1
            for index, f in enumerate(entry.findings, start=1):
                place = self._place(f)
                yield self._line(row, (f"{number}.{index}", f.severity.label, f.rule, place, f.message, f.written,
                                       f.expected), f.severity, f, level=1, hidden=True)
                row += 1

    @property
    def last_row(self) -> int:
        members = sum(len(e.findings) for e in self.entries if e.grouped)
        return (RESULTS_HEADER_ROW + 1 + len(self.sheet_lines) + 1 + len(self.rule_lines) + 1 + len(self.entries)
                + members)

    def new_sheet(self, with_cells: bool = True) -> NewSheet:
        """The plan's sheet: its cells (for an adapter writing cells) or its rows on demand (the file writer)."""
        sheet = NewSheet(RESULTS_SHEET, widths=dict(self.widths), freeze_rows=RESULTS_HEADER_ROW,
                         print_title_rows=(RESULTS_HEADER_ROW, RESULTS_HEADER_ROW),
                         autofilter=f"A{RESULTS_HEADER_ROW}:G{self.last_row}", rows=self.rows, outline_above=True)
        if with_cells:
            sheet.cells = cells_of(RESULTS_SHEET, self.rows())
        return sheet


_PLAIN = Style(top=True)
_WRAP = Style(wrap=True)
_LINK = Style(font_colour=LINK_COLOUR, underline=True, top=True)
_SEVERITY_STYLES = {severity: Style(fill=colour, top=True) for severity, colour in SEVERITY_FILLS.items()}
_ROW_STYLES = {(severity, linked): (_PLAIN, style, _PLAIN, _LINK if linked else _PLAIN, _WRAP, _WRAP, _WRAP)
               for severity, style in _SEVERITY_STYLES.items() for linked in (True, False)}
_RANK = {severity: severity.rank for severity in Severity}
_NO_RANK = max(_RANK.values()) + 1   # above every rank: a cell not yet met


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def cells_of(sheet: str, rows: Iterable[SheetRow]) -> list:
    """The cells of rows (for an adapter that writes cells): a value, a style or a link makes one."""
    out = []
    for line in rows:
        for col, value in enumerate(line.values, start=1):
            style = line.styles[col - 1] if col <= len(line.styles) else Style()
            link = line.link[1] if line.link and line.link[0] == col else None
            if (value is None or value == "") and style.fill is None and link is None:
                continue  # nothing shows on an empty cell but a fill
            out.append(CellEdit(sheet, line.row, col, value=value if value != "" else None, style=style, link=link))
    return out


def results_sheet(findings: list, title: str, sheet_names: Iterable[str], marks: Optional[Marks] = None) -> NewSheet:
    """The 'Hasil Validasi' sheet (:class:`ResultsLayout`): a summary, then every finding, its place a link to the cell."""
    return ResultsLayout(findings, title, sheet_names, marks).new_sheet()


def check_edits(findings: list[Finding], title: str, sheet_names: Iterable[str], with_cells: bool = True) -> WorkbookEdits:
    """The plan of ``renja-xl check --output``: marked cells (at most :data:`MAX_MARKS` per sheet) and the results
    sheet. ``with_cells=False`` leaves the results sheet as rows made on demand (the file writer streams them)."""
    sheet_names = list(sheet_names)
    marks = choose_marks(findings, sheet_names)
    return WorkbookEdits(cells=mark_edits(findings, sheet_names, marks),
                         sheets=[ResultsLayout(findings, title, sheet_names, marks).new_sheet(with_cells)])
