"""Workbooks laid out the way other agencies and SIPD lay them out, with errors injected at known cells.

Independent test material for a reader that understands any agency's table column by
column. Nothing here imports the product: every builder writes a real .xlsx with
openpyxl (titles and a caption above the table, the table away from A1, merged group
headers over two header rows, column-number rows, wrapped header text, ``#,##0``
rupiah, percentages stored as fractions under ``0.00%`` or typed as text ``84,59%``,
numbers typed as text as a paste from Word leaves them, a page header repeated inside
a long table, JUMLAH / TOTAL rows) and returns ``(path, Expected)``:

* ``errors``: each injected error as (sheet, cell) with the rule codes that may report
  it there (the cell is the one whose written value is wrong);
* ``headers``: the top-left cell of the header of every table that must be recognised;
* ``clean_rows``: rows on which no finding of severity *error* may start;
* ``excused``: the other rows, each with the rules an error finding starting there may
  have: on a row with an injected error, that error's rules; on a row whose values are
  only consistent with the wrong cell (a program above a kegiatan whose pagu was
  injected, the JUMLAH of a column holding a wrong cell), the rules that may report
  that consequence, and nothing else (a false ``RXL506`` there is still wrong);
* ``quiet_rows``: rows on which no finding at all may start (sasaran rows);
* ``not_understood``: the header row of a block that looks like a table but is not a
  planning table (it must be reported as such);
* ``data_rows``: per header cell, the first and the last data row.

Parents are written as the sum of their children *as written*, so an injected roll-up
error is the only inconsistency between two adjacent levels. Computed values of clean
rows are rounded half-up to what they print; one clean row on purpose prints a value
that only matches within rounding (82,51 for 82,5157).

The 2.07 (tenaga kerja) nomenclature of Permendagri 90/2019 as updated is embedded at
the bottom (copied from shared/reference/nomenklatur_2_07.csv: kode, nomenklatur,
indikator, satuan), so that the SIPD matrix uses real kode and names.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Callable, Optional

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

RP = "#,##0"
PCT = "0.00%"
DEC2 = "0.00"

RXL101 = frozenset({"RXL101"})
# what a parent may be reported for when a level below it holds an injected roll-up error
ROLLUP_ABOVE = frozenset({"RXL201", "RXL202"})
# what a JUMLAH / TOTAL row may be reported for when a column it sums holds a wrong cell
TOTAL_OF_WRONG = frozenset({"RXL101", "RXL103", "RXL201", "RXL203"})


# --------------------------------------------------------------------------- expectations


@dataclass(frozen=True)
class Injected:
    """One injected error: the cell whose written value is wrong and the rules that may report it."""

    sheet: str
    cell: str
    rules: frozenset
    what: str

    @property
    def row(self) -> int:
        return int(re.sub(r"[^0-9]", "", self.cell))


@dataclass
class Expected:
    """What a checker must say about one built workbook."""

    variant: str
    errors: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    clean_rows: set = field(default_factory=set)
    excused: dict = field(default_factory=dict)
    quiet_rows: set = field(default_factory=set)
    not_understood: list = field(default_factory=list)
    data_rows: dict = field(default_factory=dict)

    def inject(self, sheet: str, cell: str, rules, what: str) -> None:
        self.errors.append(Injected(sheet, cell, frozenset(rules), what))

    def table(self, sheet: str, header_cell: str, first: int, last: int) -> None:
        self.headers.append((sheet, header_cell))
        self.data_rows[(sheet, header_cell)] = (first, last)

    def clean_sheet(self, sheet: str, last_row: int, consequences: Optional[dict] = None) -> None:
        """Rows 1..last_row: clean, except injected rows and `consequences` ({row: rules excused there})."""
        excused = {r: set(rules) for r, rules in (consequences or {}).items()}
        for e in self.errors:
            if e.sheet == sheet:
                excused.setdefault(e.row, set()).update(e.rules)
        for r in range(1, last_row + 1):
            if r in excused:
                self.excused[(sheet, r)] = frozenset(excused[r])
            else:
                self.clean_rows.add((sheet, r))

    def allowed(self, sheet: str, row: int):
        """The rules an error finding starting on this row may have (None: the row is not described)."""
        if (sheet, row) in self.clean_rows:
            return frozenset()
        return self.excused.get((sheet, row))


# --------------------------------------------------------------------------- numbers and cells


@dataclass(frozen=True)
class V:
    """A cell value with its number format."""

    value: object
    fmt: Optional[str] = None


def rp(x) -> V:
    return V(x, RP)


def frac(percent_points: float) -> V:
    """A percentage stored as a fraction and shown with 0.00% (84.59 -> 0.8459)."""
    return V(float(Decimal(repr(percent_points)) / 100), PCT)


def dec(x, fmt: str = DEC2) -> V:
    return V(x, fmt)


def half_up(x: float, places: int = 2) -> float:
    """What a value prints to with `places` decimals (82.515 -> 82.52, not banker's 82.51)."""
    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def ratio(part: float, whole: float, places: int = 2) -> float:
    """part / whole x 100, printed to `places` decimals."""
    return half_up(part / whole * 100, places)


def id_num(x: float, places: int = 0) -> str:
    """Indonesian notation: 1.234.567,50."""
    return f"{x:,.{places}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def en_num(x: float, places: int = 0) -> str:
    """English notation: 1,234,567.50."""
    return f"{x:,.{places}f}"


def id_pct(x: float, places: int = 2, space: bool = False) -> str:
    return id_num(x, places) + (" %" if space else "%")


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")


class Sheet:
    """A worksheet with the few gestures staff use to draw a table."""

    def __init__(self, wb: Workbook, name: str):
        first = wb.active
        if first.title == "Sheet" and first.max_row == 1 and first["A1"].value is None:
            first.title = name
            self.ws = first
        else:
            self.ws = wb.create_sheet(name)
        self.name = name

    @staticmethod
    def addr(row: int, col: int) -> str:
        return f"{get_column_letter(col)}{row}"

    def put(self, row: int, col: int, value, bold: bool = False, box: bool = True, center: bool = False,
            fill: Optional[PatternFill] = None):
        v, fmt = (value.value, value.fmt) if isinstance(value, V) else (value, None)
        cell = self.ws.cell(row=row, column=col, value=v)
        if fmt:
            cell.number_format = fmt
        if bold:
            cell.font = Font(bold=True)
        if box:
            cell.border = BOX
        if fill is not None:
            cell.fill = fill
        wrap = isinstance(v, str) and ("\n" in v or len(v) > 30)
        if wrap or center:
            cell.alignment = Alignment(wrap_text=wrap, horizontal="center" if center else None,
                                       vertical="center" if center else "top")
        return cell

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) != (r2, c2):
            self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    def title(self, row: int, col: int, text: str, span: int, size: int = 12) -> None:
        cell = self.ws.cell(row=row, column=col, value=text)
        cell.font = Font(bold=True, size=size)
        cell.alignment = Alignment(horizontal="center")
        self.merge(row, col, row, col + span - 1)

    def caption(self, row: int, col: int, text: str) -> None:
        cell = self.ws.cell(row=row, column=col, value=text)
        cell.font = Font(bold=True, italic=True)

    def header(self, top: int, left: int, columns: list, numbers=None) -> int:
        """Draw a header; return the first row under it.

        A column is a label (spanning every header row) or (group, label): consecutive
        columns of one group share a merged group cell above their labels. `numbers`
        adds a column-number row (True: 1, 2, 3 …; or the list of texts to write).
        """
        two = any(isinstance(c, tuple) for c in columns)
        i = 0
        while i < len(columns):
            c = columns[i]
            if isinstance(c, tuple):
                j = i
                while j < len(columns) and isinstance(columns[j], tuple) and columns[j][0] == c[0]:
                    j += 1
                for k in range(i, j):
                    self.put(top, left + k, c[0] if k == i else None, bold=True, center=True, fill=HEAD_FILL)
                    self.put(top + 1, left + k, columns[k][1], bold=True, center=True, fill=HEAD_FILL)
                self.merge(top, left + i, top, left + j - 1)
                i = j
            else:
                self.put(top, left + i, c, bold=True, center=True, fill=HEAD_FILL)
                if two:
                    self.put(top + 1, left + i, None, bold=True, center=True, fill=HEAD_FILL)
                    self.merge(top, left + i, top + 1, left + i)
                i += 1
        row = top + (2 if two else 1)
        if numbers:
            labels = list(range(1, len(columns) + 1)) if numbers is True else list(numbers)
            for k, label in enumerate(labels):
                self.put(row, left + k, label, center=True)
            row += 1
        return row

    def row(self, row: int, left: int, values: list, bold: bool = False) -> None:
        for k, value in enumerate(values):
            self.put(row, left + k, value, bold=bold)

    def widths(self, left: int, widths: list) -> None:
        for k, w in enumerate(widths):
            self.ws.column_dimensions[get_column_letter(left + k)].width = w


def _save(wb: Workbook, path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _titles(s: Sheet, left: int, span: int, lines: list, caption: Optional[str], caption_row: int) -> None:
    for k, line in enumerate(lines):
        s.title(1 + k, left, line, span, size=13 if k == 0 else 11)
    if caption:
        s.caption(caption_row, left, caption)


# --------------------------------------------------------------------------- nomenclature


@dataclass
class Node:
    kode: str
    name: str
    indikator: str
    satuan: str
    children: list = field(default_factory=list)

    @property
    def level(self) -> str:
        return {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}[self.kode.count(".") + 1]


def nomenclature() -> Node:
    """The 2.07 tree: urusan 2 > bidang 2.07 > programs > kegiatan > sub kegiatan."""
    nodes = {}
    root = None
    for line in _NOMENKLATUR_2_07.strip().splitlines():
        kode, name, indikator, satuan = line.split("|")
        node = Node(kode, name, indikator, satuan)
        nodes[kode] = node
        if root is None:
            root = node
            continue
        parent = kode.rsplit(".", 2)[0] if node.level == "kegiatan" else kode.rsplit(".", 1)[0]
        nodes[parent].children.append(node)
    return root


def node(kode: str) -> Node:
    """One entry of the nomenclature by kode."""
    stack = [nomenclature()]
    while stack:
        n = stack.pop()
        if n.kode == kode:
            return n
        stack.extend(n.children)
    raise KeyError(kode)


_TARGET_RANGE = {"Dokumen": (1, 4), "Laporan": (2, 12), "Unit": (2, 20), "Orang": (25, 600), "Paket": (1, 5),
                 "Lembaga": (2, 15), "Perusahaan": (10, 80), "Perkara": (4, 20), "Orang/bulan": (540, 720),
                 "Ha": (1, 3), "Unit Kerja": (1, 6)}


def _sub_target(rng: random.Random, satuan: str) -> int:
    lo, hi = _TARGET_RANGE.get(satuan, (1, 10))
    return rng.randint(lo, hi)


def _sub_indicator(sub: Node) -> tuple:
    if sub.indikator and sub.satuan:
        return sub.indikator, sub.satuan
    return f"Jumlah Dokumen {sub.name}", "Dokumen"


# outcome indicators of the programs (percentages): indikator, target akhir, s.d. n-2, n-1, n, n+1
_PROGRAM_IKU = {
    "2.07.01": ("Persentase capaian kinerja administrasi perkantoran Perangkat Daerah", 100, 96, 98, 100, 100),
    "2.07.02": ("Persentase ketersediaan dokumen perencanaan tenaga kerja", 100, 60, 80, 100, 100),
    "2.07.03": ("Persentase tenaga kerja bersertifikat kompetensi", 70, 58, 62, 66, 70),
    "2.07.04": ("Persentase pencari kerja terdaftar yang ditempatkan", 45, 36, 40, 42, 45),
    "2.07.05": ("Persentase kasus perselisihan hubungan industrial yang diselesaikan", 90, 80, 84, 86, 90),
}
_KELOMPOK = {"2.07.01": "ASN Dinas Tenaga Kerja", "2.07.02": "Perangkat Daerah dan perusahaan",
             "2.07.03": "Pencari kerja dan angkatan kerja", "2.07.04": "Pencari kerja dan pemberi kerja",
             "2.07.05": "Pekerja/buruh dan pengusaha"}


# --------------------------------------------------------------------------- 1. SIPD Renja matrix


SIPD_COLUMNS = [
    "No", "Kode",
    "Urusan/Bidang Urusan Pemerintahan Daerah dan\nProgram/Kegiatan/Sub Kegiatan",
    "Indikator Kinerja Program/Kegiatan/\nSub Kegiatan",
    "Target Akhir\nRenstra PD",
    "Realisasi Capaian\ns.d. Tahun 2023",
    "Prakiraan Capaian\nTahun 2024",
    ("Rencana Tahun 2025", "Target Capaian\nKinerja"),
    ("Rencana Tahun 2025", "Pagu Indikatif\n(Rp)"),
    ("Rencana Tahun 2025", "Lokasi"),
    ("Rencana Tahun 2025", "Sumber Dana"),
    ("Rencana Tahun 2025", "Prioritas\nNasional/Daerah"),
    "Kelompok Sasaran",
    ("Prakiraan Maju Rencana Tahun 2026", "Target Capaian\nKinerja"),
    ("Prakiraan Maju Rencana Tahun 2026", "Pagu Indikatif\n(Rp)"),
    "Perangkat Daerah\nPenanggung Jawab",
]
# columns (0-based) merged down over a sub kegiatan's extra indicator rows
_SIPD_SHARED = (0, 1, 2, 8, 9, 10, 11, 12, 14, 15)


def _select(root: Node, rows: int) -> tuple:
    """Caps (kegiatan per program, sub kegiatan per kegiatan) giving at least `rows` data rows, or None (all)."""
    bidang = root.children[0]

    def count(k, c):
        return 2 + sum(1 + sum(1 + min(len(g.children), c) for g in p.children[:k]) for p in bidang.children)

    full = count(99, 99)
    if rows >= full:
        return None, full
    options = sorted((count(k, c), -c, k, c) for k in range(2, 12) for c in range(2, 13) if count(k, c) >= rows)
    _, _, k, c = options[0]
    return (k, c), count(k, c)


def sipd_renja_matrix(path, rows: int = 40, page_rows: int = 28) -> tuple:
    """SIPD Renja matrix (BAB IV), 16 columns, real years, 90/2019 kode with urusan and bidang rows.

    `rows` is the least number of data rows (the Jumlah row not counted). Up to the 144
    nomenclature entries, fewer kegiatan per program and sub kegiatan per kegiatan are
    taken; beyond them, sub kegiatan get further indicator rows, as SIPD prints an entry
    with several indicators: the kode, name, pagu, lokasi … cells merged down over
    them. The header (two rows and the column-number row) is repeated every `page_rows`
    data rows, as a PDF-to-Excel conversion leaves it. Injected: a kegiatan's pagu 2025
    over the sum of its sub kegiatan, a program's pagu 2026 under the sum of its
    kegiatan, the Jumlah 2025 under the sum of the programs.
    """
    rng = random.Random(2025)
    root = nomenclature()
    bidang = root.children[0]
    caps, base = _select(root, rows)
    k_cap, c_cap = caps or (99, 99)
    programs = [(p, [(g, g.children[:c_cap]) for g in p.children[:k_cap]]) for p in bidang.children]

    # the pagu of each sub kegiatan, n and n+1; parents as the sum of their children as written
    pagu, pagu1, as_text = {}, {}, set()
    subs = [s for _, ks in programs for _, ss in ks for s in ss]
    for i, sub in enumerate(subs):
        pagu[sub.kode] = rng.randrange(1_500, 95_000) * 10_000
        pagu1[sub.kode] = int(round(pagu[sub.kode] * rng.choice([1.0, 1.05, 1.1, 0.95]) / 10_000)) * 10_000
        if i % 7 == 3:
            as_text.add(sub.kode)
    wrong_kegiatan = next(g for g, ss in programs[3][1] if len(ss) >= 2)
    wrong_program = programs[-1][0]
    for p, ks in programs:
        for g, ss in ks:
            pagu[g.kode] = sum(pagu[s.kode] for s in ss)
            pagu1[g.kode] = sum(pagu1[s.kode] for s in ss)
        if any(g is wrong_kegiatan for g, _ in ks):
            pagu[wrong_kegiatan.kode] += 15_000_000
        pagu[p.kode] = sum(pagu[g.kode] for g, _ in ks)
        pagu1[p.kode] = sum(pagu1[g.kode] for g, _ in ks)
    pagu1[wrong_program.kode] -= 40_000_000
    for kode in (bidang.kode, root.kode):
        pagu[kode] = sum(pagu[p.kode] for p, _ in programs)
        pagu1[kode] = sum(pagu1[p.kode] for p, _ in programs)
    jumlah_n = pagu[bidang.kode] - 9_000_000
    jumlah_n1 = pagu1[bidang.kode]

    # extra indicator rows beyond the nomenclature, spread over the sub kegiatan in turn
    extra = {s.kode: 0 for s in subs}
    for i in range(max(0, rows - base)):
        extra[subs[i % len(subs)].kode] += 1

    wb = Workbook()
    s = Sheet(wb, "Renja 2025")
    left, n_cols = 2, len(SIPD_COLUMNS)
    _titles(s, left, n_cols, ["RENCANA KERJA PERANGKAT DAERAH (RENJA) TAHUN 2025",
                              "DINAS TENAGA KERJA KOTA BALIKPAPAN"],
            "Tabel 4.1 Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2025 "
            "dan Prakiraan Maju Tahun 2026 Kota Balikpapan (matriks SIPD)", 4)
    s.widths(left, [5, 20, 48, 40, 12, 12, 12, 12, 16, 14, 10, 16, 18, 12, 16, 18])
    top = 6
    r = s.header(top, left, SIPD_COLUMNS, numbers=True)
    first_data = r
    exp = Expected("sipd_renja_matrix")
    above = {}
    number = 0
    since_header = 0

    def col(k):  # 0-based table column -> sheet column
        return left + k

    def emit(values, bold=False):
        nonlocal r, since_header
        s.row(r, left, values, bold=bold)
        r += 1
        since_header += 1

    def page_break_if_due():
        nonlocal r, since_header
        if since_header >= page_rows:
            r = s.header(r, left, SIPD_COLUMNS, numbers=True)
            since_header = 0

    def amount(kode, n1=False):
        value = (pagu1 if n1 else pagu)[kode]
        if not n1 and kode in as_text:
            return id_num(value)  # pasted from Word: "148.650.000" as text
        return rp(value)

    pd = "Dinas Tenaga Kerja"
    for level_node in (root, bidang):
        page_break_if_due()
        above[r] = ROLLUP_ABOVE  # urusan and bidang: the sum of the programs as written
        emit([None, level_node.kode, level_node.name.upper(), None, None, None, None, None, rp(pagu[level_node.kode]),
              None, None, None, None, None, rp(pagu1[level_node.kode]), pd], bold=True)
    for p, ks in programs:
        page_break_if_due()
        iku, akhir, sd, prak, tn, tn1 = _PROGRAM_IKU[p.kode]
        number += 1
        if any(g is wrong_kegiatan for g, _ in ks):
            above[r] = ROLLUP_ABOVE
        if p is wrong_program:
            exp.inject(s.name, s.addr(r, col(14)), {"RXL201"},
                       f"pagu 2026 program {p.kode} is 40.000.000 under the sum of its kegiatan")
        emit([number, p.kode, p.name, iku, f"{akhir} %", f"{sd} %", f"{prak} %", f"{tn} %", rp(pagu[p.kode]), None,
              None, None, None, f"{tn1} %", rp(pagu1[p.kode]), pd], bold=True)
        for g, ss in ks:
            page_break_if_due()
            number += 1
            if g is wrong_kegiatan:
                exp.inject(s.name, s.addr(r, col(8)), {"RXL201"},
                           f"pagu 2025 kegiatan {g.kode} is 15.000.000 over the sum of its sub kegiatan")
            emit([number, g.kode, g.name, f"Persentase terlaksananya kegiatan {g.name}", "100 %", "100 %", "100 %",
                  "100 %", rp(pagu[g.kode]), None, None, None, None, "100 %", rp(pagu1[g.kode]), pd])
            for sub in ss:
                page_break_if_due()
                number += 1
                indikator, satuan = _sub_indicator(sub)
                t = _sub_target(rng, satuan)
                first = r
                emit([number, sub.kode, sub.name, indikator, f"{5 * t} {satuan}", f"{3 * t} {satuan}",
                      f"{t} {satuan}", f"{t} {satuan}", amount(sub.kode), "Kota Balikpapan",
                      rng.choice(["DAU", "PAD", "DAU", "DBH"]),
                      "-" if p.kode == "2.07.01" else "Prioritas Daerah 2: Peningkatan Kualitas SDM",
                      _KELOMPOK[p.kode], f"{t} {satuan}", amount(sub.kode, n1=True), pd])
                for k in range(extra[sub.kode]):
                    lower = sub.name[0].lower() + sub.name[1:]
                    emit([None, None, None, f"Persentase ketepatan waktu {lower}" + (f" (tahap {k + 1})" if k else ""),
                          "100 %", "100 %", "100 %", "100 %", None, None, None, None, None, "100 %", None, None])
                if r - 1 > first:
                    for k in _SIPD_SHARED:
                        s.merge(first, col(k), r - 1, col(k))
    jumlah_row = r
    for k in range(n_cols):
        s.put(r, col(k), None, bold=True)
    s.put(r, col(0), "Jumlah", bold=True)
    s.merge(r, col(0), r, col(7))
    s.put(r, col(8), rp(jumlah_n), bold=True)
    s.put(r, col(14), rp(jumlah_n1), bold=True)
    exp.inject(s.name, s.addr(r, col(8)), {"RXL203", "RXL201", "RXL103"},
               "Jumlah pagu 2025 is 9.000.000 under the sum of the programs")
    s.ws.cell(row=r + 2, column=left + 12, value="Balikpapan, 15 Juli 2024")
    s.ws.cell(row=r + 3, column=left + 12, value="Kepala Dinas Tenaga Kerja")
    exp.table(s.name, s.addr(top, left), first_data, jumlah_row - 1)
    exp.clean_sheet(s.name, r + 3, {**above, jumlah_row: TOTAL_OF_WRONG})
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 2. kode split over five columns


def kode_five_columns(path) -> tuple:
    """Kode in five columns Urusan | Bidang | Program | Kegiatan | Sub Kegiatan under a merged "Kode".

    Segments typed as text ("07", "0001") on some rows, as numbers on others (7 shows 7,
    1 shows 1, kegiatan 2.01 a number), as numbers with a "00"/"0000" format on others.
    Injected: a kegiatan's pagu over the sum of its sub kegiatan, a program's pagu under
    the sum of its kegiatan (RXL201).
    """
    rng = random.Random(5)
    wb = Workbook()
    s = Sheet(wb, "Rencana Program")
    left = 3
    cols = [("Kode", "Urusan"), ("Kode", "Bidang"), ("Kode", "Program"), ("Kode", "Kegiatan"), ("Kode", "Sub\nKegiatan"),
            "Nama Program/Kegiatan/\nSub Kegiatan", "Indikator", "Target", "Pagu\n(Rp)"]
    _titles(s, left, len(cols), ["RENCANA PROGRAM, KEGIATAN DAN SUB KEGIATAN TAHUN 2025",
                                 "DINAS TENAGA KERJA KABUPATEN KUTAI KARTANEGARA"],
            "Tabel 3.2 Program, Kegiatan dan Sub Kegiatan beserta Pagu Indikatif", 5)
    s.widths(left, [8, 8, 8, 9, 9, 50, 45, 14, 18])
    top = 7
    r = s.header(top, left, cols)
    first_data = r
    exp = Expected("kode_five_columns")
    plan = [("2.07.02", None, 3), ("2.07.03", ["2.07.03.2.01", "2.07.03.2.02"], 3),
            ("2.07.04", ["2.07.04.2.01", "2.07.04.2.03"], 3)]
    tree = []
    for pk, keg, cap in plan:
        p = node(pk)
        ks = [g for g in p.children if keg is None or g.kode in keg]
        tree.append((p, [(g, g.children[:cap]) for g in ks]))
    pagu = {}
    for p, ks in tree:
        for g, ss in ks:
            for sub in ss:
                pagu[sub.kode] = rng.randrange(4_000, 60_000) * 10_000
            pagu[g.kode] = sum(pagu[x.kode] for x in ss)
        if p.kode == "2.07.03":
            pagu["2.07.03.2.01"] += 12_500_000
        pagu[p.kode] = sum(pagu[g.kode] for g, _ in ks)
        if p.kode == "2.07.04":
            pagu[p.kode] -= 30_000_000

    styles = ["text", "number", "format"]

    def segments(kode: str, i: int) -> list:
        parts = kode.split(".")
        seg = [parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None,
               ".".join(parts[3:5]) if len(parts) > 3 else None, parts[5] if len(parts) > 5 else None]
        style = styles[i % 3]
        out = [int(seg[0])]
        for k, part in enumerate(seg[1:], start=1):
            if part is None:
                out.append(None)
            elif style == "text":
                out.append(part)
            elif k == 3:
                out.append(float(part) if style == "number" else part)
            elif style == "number":
                out.append(int(part))
            else:
                out.append(V(int(part), "0" * len(part)))
        return out

    above = {}
    i = 0
    for kode, name in (("2", "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR"),
                       ("2.07", "URUSAN PEMERINTAHAN BIDANG TENAGA KERJA")):
        s.row(r, left, segments(kode, i) + [name, None, None, None], bold=True)
        r += 1
        i += 1
    for p, ks in tree:
        iku, _, _, _, tn, _ = _PROGRAM_IKU[p.kode]
        if p.kode == "2.07.03":
            above[r] = ROLLUP_ABOVE
        if p.kode == "2.07.04":
            exp.inject(s.name, s.addr(r, left + 8), {"RXL201"}, "program 2.07.04 pagu 30.000.000 under its kegiatan")
        s.row(r, left, segments(p.kode, i) + [p.name, iku, f"{tn}%", rp(pagu[p.kode])], bold=True)
        r += 1
        i += 1
        for g, ss in ks:
            if g.kode == "2.07.03.2.01":
                exp.inject(s.name, s.addr(r, left + 8), {"RXL201"}, "kegiatan 2.07.03.2.01 pagu 12.500.000 over its subs")
            s.row(r, left, segments(g.kode, i) + [g.name, f"Persentase terlaksananya kegiatan {g.name}", "100%",
                                                  rp(pagu[g.kode])])
            r += 1
            i += 1
            for sub in ss:
                indikator, satuan = _sub_indicator(sub)
                s.row(r, left, segments(sub.kode, i) + [sub.name, indikator, f"{_sub_target(rng, satuan)} {satuan}",
                                                        rp(pagu[sub.kode])])
                r += 1
                i += 1
    total = r
    s.row(r, left, [None] * 9, bold=True)
    s.put(r, left, "JUMLAH", bold=True, center=True)
    s.merge(r, left, r, left + 7)
    s.put(r, left + 8, rp(sum(pagu[p.kode] for p, _ in tree)), bold=True)
    exp.table(s.name, s.addr(top, left), first_data, total - 1)
    exp.clean_sheet(s.name, total, {**above, total: TOTAL_OF_WRONG})
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 3. numbered outline


_OUTLINE = [
    ("1", "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA", None),
    ("1.1", "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi", None),
    ("1.1.1", "Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari Kerja berdasarkan Klaster "
              "Kompetensi", (1_245_800_000, 1_198_640_500)),
    ("1.1.2", "Pengadaan Sarana Pelatihan Kerja Kabupaten/Kota", (685_000_000, 642_150_000)),
    ("1.1.3", "Proses Pelaksanaan Pendidikan dan Pelatihan Vokasi bagi Pencari Kerja berdasarkan Unit Kompetensi",
     (456_000_000, 432_580_000)),
    ("1.2", "Pembinaan Lembaga Pelatihan Kerja Swasta", None),
    ("1.2.1", "Pembinaan Lembaga Pelatihan Kerja Swasta", (87_500_000, 85_120_000)),
    ("2", "PROGRAM PENEMPATAN TENAGA KERJA", None),
    ("2.1", "Pelayanan antar Kerja di Daerah Kabupaten/Kota", None),
    ("2.1.1", "Pelayanan antar Kerja", (312_400_000, 298_765_000)),
    ("2.1.2", "Penyuluhan dan Bimbingan Jabatan bagi Pencari Kerja", (145_000_000, 139_870_000)),
    ("2.1.3", "Perluasan Kesempatan Kerja", (520_000_000, 476_300_000)),
    ("2.2", "Pengelolaan Informasi Pasar Kerja", None),
    ("2.2.1", "Pemeliharaan dan Operasional Aplikasi Informasi Pasar Kerja Online", (98_000_000, 91_560_000)),
    ("2.2.2", "Job Fair/Bursa Kerja", (265_000_000, 261_340_000)),
    ("3", "PROGRAM HUBUNGAN INDUSTRIAL", None),
    ("3.1", "Pengesahan Peraturan Perusahaan dan Pendaftaran Perjanjian Kerja Bersama", None),
    ("3.1.1", "Pengesahan Peraturan Perusahaan bagi Perusahaan", (76_500_000, 74_200_000)),
    ("3.1.2", "Pendaftaran Perjanjian Kerja Sama bagi Perusahaan", (54_000_000, 51_840_000)),
    ("3.2", "Pencegahan dan Penyelesaian Perselisihan Hubungan Industrial", None),
    ("3.2.1", "Penyelesaian Perselisihan Hubungan Industrial, Mogok Kerja, dan Penutupan Perusahaan",
     (188_000_000, 176_900_000)),
    ("3.2.2", "Pelaksanaan Operasional Lembaga Kerja Sama Tripartit Daerah Kabupaten/Kota", (132_600_000, 128_450_000)),
]


def numbered_outline(path) -> tuple:
    """No "1", "1.1", "1.1.1" … instead of kode; Anggaran | Realisasi | Capaian (%), a column-number row.

    Injected: kegiatan 2.2's Anggaran over the sum of 2.2.1 and 2.2.2 (RXL201), the
    Capaian of 1.1.2 wrong (RXL101). Two leaves' amounts are typed as text.
    """
    wb = Workbook()
    s = Sheet(wb, "Realisasi 2023")
    left = 2
    cols = ["No", "Program/Kegiatan/Sub Kegiatan", "Anggaran\n(Rp)", "Realisasi\n(Rp)", "Capaian\n(%)"]
    _titles(s, left, len(cols), ["LAPORAN KINERJA DINAS TENAGA KERJA TAHUN 2023"],
            "Tabel 3.5 Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun 2023", 3)
    s.widths(left, [7, 60, 18, 18, 10])
    top = 5
    r = s.header(top, left, cols, numbers=["(1)", "(2)", "(3)", "(4)", "(5)"])
    first_data = r
    exp = Expected("numbered_outline")
    amounts = {no: v for no, _, v in _OUTLINE if v}
    for no, _, v in reversed(_OUTLINE):
        if v is None:
            kids = [k for k, _, _ in _OUTLINE if k.startswith(no + ".") and k.count(".") == no.count(".") + 1]
            a = sum(amounts[k][0] for k in kids)
            if no == "2.2":
                a += 20_000_000
            amounts[no] = (a, sum(amounts[k][1] for k in kids))
    above = {}
    for no, name, _ in _OUTLINE:
        a, real = amounts[no]
        capaian = ratio(real, a)
        if no == "1.1.2":
            exp.inject(s.name, s.addr(r, left + 4), RXL101, f"capaian 1.1.2 written 97,45, {real}/{a} is {capaian}")
            capaian = 97.45
        if no == "2.2":
            exp.inject(s.name, s.addr(r, left + 2), {"RXL201", "RXL202"},
                       "anggaran 2.2 is 20.000.000 over the sum of 2.2.1 and 2.2.2")
        if no == "2":
            above[r] = ROLLUP_ABOVE
        outline = int(no) if "." not in no else no
        if no in ("1.1.3", "2.1.2"):
            values = [outline, name, id_num(a), id_num(real), id_num(capaian, 2)]
        else:
            values = [outline, name, rp(a), rp(real), dec(capaian)]
        s.row(r, left, values, bold="." not in no)
        r += 1
    total = r
    a = sum(amounts[k][0] for k in ("1", "2", "3"))
    real = sum(amounts[k][1] for k in ("1", "2", "3"))
    s.row(r, left, [None, "JUMLAH", rp(a), rp(real), dec(ratio(real, a))], bold=True)
    exp.table(s.name, s.addr(top, left), first_data, total - 1)
    exp.clean_sheet(s.name, total, {**above, total: TOTAL_OF_WRONG})
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 4. LKjIP capaian, sasaran rows


def lkjip_sasaran_rows(path) -> tuple:
    """LKjIP capaian IKU with each sasaran as a row merged across the table; header "N0" typo.

    The caption stands right above the header. Targets and realisasi partly typed as
    text in Indonesian notation ("87,45"). A clean row prints 82,51 for 82,5157.
    Injected: two wrong capaian (RXL101). Sasaran rows: no finding at all.
    """
    wb = Workbook()
    s = Sheet(wb, "BAB III")
    left = 2
    cols = ["N0", "Indikator Kinerja Utama", "Satuan", "Target", "Realisasi", "Capaian\n(%)"]
    _titles(s, left, len(cols), ["LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2023",
                                 "DINAS TENAGA KERJA KOTA SAMARINDA"],
            "Tabel 3.1 Capaian Indikator Kinerja Utama Tahun 2023", 4)
    s.widths(left, [6, 55, 12, 10, 10, 10])
    top = 5
    r = s.header(top, left, cols)
    first_data = r
    exp = Expected("lkjip_sasaran_rows")
    data = [
        ("Sasaran 1: Meningkatnya kompetensi dan produktivitas tenaga kerja", None),
        (1, ("Persentase tenaga kerja bersertifikat kompetensi", "%", 65, 58.4, None)),
        (2, ("Jumlah tenaga kerja yang dilatih berbasis kompetensi", "Orang", 640, 598, None)),
        ("Sasaran 2: Meningkatnya penempatan tenaga kerja", None),
        (3, ("Persentase pencari kerja terdaftar yang ditempatkan", "%", 87.45, 72.16, 82.51)),
        (4, ("Persentase lowongan kerja yang terisi", "%", 70, 61.25, None)),
        ("Sasaran 3: Terwujudnya hubungan industrial yang harmonis", None),
        (5, ("Persentase kasus perselisihan hubungan industrial yang diselesaikan", "%", 85, 80, None)),
        (6, ("Jumlah perusahaan yang menerapkan struktur dan skala upah", "Perusahaan", 40, 36, 95.0)),
        (7, ("Persentase perusahaan yang memiliki Peraturan Perusahaan/PKB", "%", 60, 52.3, 78.17)),
    ]
    for no, row in data:
        if row is None:
            s.put(r, left, no, bold=True)
            for k in range(1, len(cols)):
                s.put(r, left + k, None)
            s.merge(r, left, r, left + len(cols) - 1)
            exp.quiet_rows.add((s.name, r))
            r += 1
            continue
        indikator, satuan, target, real, written = row
        true = ratio(real, target)
        if no == 6:
            exp.inject(s.name, s.addr(r, left + 5), RXL101, f"capaian written 95,00, 36/40 is {true}")
        if no == 7:
            exp.inject(s.name, s.addr(r, left + 5), RXL101, f"capaian written '78,17', 52,3/60 is {true} (digits swapped)")
        capaian = written if written is not None else true
        if no in (3, 5):
            values = [no, indikator, satuan, id_num(target, 2 if target % 1 else 0), id_num(real, 2 if real % 1 else 0),
                      dec(capaian)]
        elif no == 7:
            values = [no, indikator, satuan, target, real, id_num(capaian, 2)]
        else:
            values = [no, indikator, satuan, target, real, dec(capaian)]
        s.row(r, left, values)
        r += 1
    exp.table(s.name, s.addr(top, left), first_data, r - 1)
    exp.clean_sheet(s.name, r + 1)
    s.ws.cell(row=r + 1, column=left, value="Sumber: Dinas Tenaga Kerja, diolah")
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 5. realisasi anggaran


_KEGIATAN_ANGGARAN = [
    ("Penyusunan Rencana Tenaga Kerja (RTK)", 398_379_650, 307_055_630),
    ("Pelaksanaan Pelatihan berdasarkan Unit Kompetensi", 2_145_600_000, 2_031_418_500),
    ("Pembinaan Lembaga Pelatihan Kerja Swasta", 874_500_000, 721_600_000),
    ("Pelayanan antar Kerja di Daerah Kabupaten/Kota", 1_250_000_000, 1_187_345_200),
    ("Pengelolaan Informasi Pasar Kerja", 315_750_000, 298_420_000),
    ("Pelindungan PMI (Pra dan Purna Penempatan) di Daerah Kabupaten/Kota", 186_000_000, 171_120_000),
    ("Pengesahan Peraturan Perusahaan dan Pendaftaran Perjanjian Kerja Bersama", 225_300_000, 219_870_400),
    ("Pencegahan dan Penyelesaian Perselisihan Hubungan Industrial", 412_800_000, 389_505_000),
]


def realisasi_anggaran(path) -> tuple:
    """No | Program/Kegiatan | Anggaran (Rp) | Realisasi (Rp) | Capaian (%) | Sisa Anggaran (Rp), JUMLAH row.

    The real case 307.055.630 of 398.379.650 printed 80,5 (it is 77,08: RXL101), a
    wrong sisa (RXL101). Whole rupiah are exact, so 721.600.000 of 874.500.000 must be
    printed 82,52 (82,5157): the rounding-tolerance case (72,16 of 87,45 printed 82,51)
    is the capaian table's, whose inputs are themselves printed to two decimals.
    """
    wb = Workbook()
    s = Sheet(wb, "Realisasi Anggaran")
    left = 2
    cols = ["No", "Program/Kegiatan", "Anggaran\n(Rp)", "Realisasi\n(Rp)", "Capaian\n(%)", "Sisa Anggaran\n(Rp)"]
    _titles(s, left, len(cols), ["LAPORAN KINERJA DINAS TENAGA KERJA DAN TRANSMIGRASI", "TAHUN ANGGARAN 2023"],
            "Tabel 3.8 Realisasi Anggaran per Kegiatan Tahun 2023", 4)
    s.widths(left, [6, 55, 18, 18, 10, 18])
    top = 6
    r = s.header(top, left, cols, numbers=True)
    first_data = r
    exp = Expected("realisasi_anggaran")
    for i, (name, a, real) in enumerate(_KEGIATAN_ANGGARAN, start=1):
        capaian = V(ratio(real, a), DEC2)
        sisa = a - real
        if i == 1:
            capaian = V(80.5, None)
            exp.inject(s.name, s.addr(r, left + 4), RXL101, "307.055.630 / 398.379.650 printed 80,5, is 77,08")
        if i == 5:
            sisa += 10_000_000
            exp.inject(s.name, s.addr(r, left + 5), RXL101, "sisa 27.330.000 written, 315.750.000 - 298.420.000 = 17.330.000")
        s.row(r, left, [i, name, rp(a), rp(real), capaian, rp(sisa)])
        r += 1
    total = r
    a = sum(x[1] for x in _KEGIATAN_ANGGARAN)
    real = sum(x[2] for x in _KEGIATAN_ANGGARAN)
    s.row(r, left, [None, "JUMLAH", rp(a), rp(real), dec(ratio(real, a)), rp(a - real + 10_000_000)], bold=True)
    exp.table(s.name, s.addr(top, left), first_data, total - 1)
    exp.clean_sheet(s.name, total, {total: TOTAL_OF_WRONG})
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 6. alokasi, pejabat, keterangan


def alokasi_pejabat(path) -> tuple:
    """Alokasi Anggaran | Realisasi Anggaran | Realisasi (%) (fractions under 0.00%) with Pejabat and Keterangan.

    Injected: a wrong Realisasi (%) (RXL101) and a TOTAL alokasi that is not the sum (RXL103).
    """
    wb = Workbook()
    s = Sheet(wb, "Lamp. 3")
    left = 2
    cols = ["No", "Sub Kegiatan", "Pejabat Penanggung\nJawab", ("Anggaran Tahun 2023", "Alokasi Anggaran\n(Rp)"),
            ("Anggaran Tahun 2023", "Realisasi Anggaran\n(Rp)"), ("Anggaran Tahun 2023", "Realisasi\n(%)"), "Keterangan"]
    _titles(s, left, len(cols), ["SEKRETARIAT DINAS TENAGA KERJA", "LAPORAN REALISASI ANGGARAN PROGRAM PENUNJANG"],
            "Lampiran 3. Realisasi Anggaran Sub Kegiatan Program Penunjang Urusan Pemerintahan Daerah", 4)
    s.widths(left, [5, 45, 34, 18, 18, 11, 26])
    top = 7
    r = s.header(top, left, cols)
    first_data = r
    exp = Expected("alokasi_pejabat")
    kasubbag = "Kasubbag Perencanaan dan Keuangan\nRina Marlina, S.E.\nNIP. 19790312 200604 2 011"
    sekretaris = "Sekretaris\nDrs. H. Ahmad Yani, M.Si.\nNIP. 19680817 199303 1 007"
    umum = "Kasubbag Umum dan Kepegawaian\nYudi Prasetyo, S.Sos.\nNIP. 19820504 201001 1 019"
    data = [
        ("Penyusunan Dokumen Perencanaan Perangkat Daerah", kasubbag, 45_000_000, 43_875_000, "Sesuai target"),
        ("Evaluasi Kinerja Perangkat Daerah", kasubbag, 30_000_000, 28_650_000, None),
        ("Penyediaan Gaji dan Tunjangan ASN", sekretaris, 6_850_000_000, 6_712_450_800, "Sisa belanja pegawai"),
        ("Penyediaan Peralatan dan Perlengkapan Kantor", umum, 164_500_000, 151_210_000, "Efisiensi pengadaan"),
        ("Penyediaan Bahan Logistik Kantor", umum, 96_000_000, 94_176_000, None),
        ("Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", umum, 212_400_000, 198_806_400,
         "Tagihan Desember dibayar 2024"),
        ("Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya", umum, 375_000_000, 318_750_000,
         "Gagal lelang tahap 2, dianggarkan kembali 2024"),
    ]
    for i, (name, pejabat, a, real, ket) in enumerate(data, start=1):
        pct = ratio(real, a)
        if i == 2:
            exp.inject(s.name, s.addr(r, left + 5), RXL101, f"realisasi written 98,50%, 28.650.000/30.000.000 is {pct}%")
            pct = 98.50
        s.row(r, left, [i, name, pejabat, rp(a), rp(real), frac(pct), ket])
        r += 1
    total = r
    a = sum(x[2] for x in data)
    real = sum(x[3] for x in data)
    s.row(r, left, [None] * len(cols), bold=True)
    s.put(r, left, "TOTAL", bold=True, center=True)
    s.merge(r, left, r, left + 2)
    s.put(r, left + 3, rp(a + 100_000_000), bold=True)
    s.put(r, left + 4, rp(real), bold=True)
    s.put(r, left + 5, frac(ratio(real, a + 100_000_000)), bold=True)
    exp.inject(s.name, s.addr(r, left + 3), {"RXL103"}, "TOTAL alokasi 100.000.000 over the sum of the rows")
    exp.table(s.name, s.addr(top, left), first_data, total - 1)
    exp.clean_sheet(s.name, total, {total: {"RXL101"}})  # its % is on the wrong total
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 7. monthly realisasi


_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"]


def monthly_realisasi(path) -> tuple:
    """Program/Kegiatan | Anggaran | "Realisasi" over Januari … Desember | Jumlah | %.

    Months without spending are "-". Injected: a Jumlah that is not the sum of the
    months (RXL101) and a wrong % (RXL101).
    """
    rng = random.Random(12)
    wb = Workbook()
    s = Sheet(wb, "Realisasi Bulanan")
    left = 2
    cols = (["No", "Program/Kegiatan", "Anggaran\n(Rp)"] + [("Realisasi Anggaran Tahun 2023", m) for m in _MONTHS]
            + [("Realisasi Anggaran Tahun 2023", "Jumlah"), ("Realisasi Anggaran Tahun 2023", "%")])
    _titles(s, left, len(cols), ["REKAPITULASI REALISASI ANGGARAN BULANAN", "DINAS TENAGA KERJA TAHUN 2023"],
            "Tabel 3.9 Realisasi Anggaran per Bulan", 4)
    s.widths(left, [5, 45, 16] + [14] * 13 + [8])
    top = 6
    r = s.header(top, left, cols, numbers=True)
    first_data = r
    exp = Expected("monthly_realisasi")
    data = [(name, a) for name, a, _ in _KEGIATAN_ANGGARAN[1:7]]
    weights = [0, 2, 5, 6, 7, 8, 8, 9, 10, 11, 12, 22]
    totals = [0] * 14
    for i, (name, a) in enumerate(data, start=1):
        spent = int(a * rng.uniform(0.86, 0.97) / 1000) * 1000
        months = [int(spent * w / sum(weights) / 1000) * 1000 for w in weights]
        months[-1] += spent - sum(months)
        jumlah = sum(months)
        if i == 3:
            exp.inject(s.name, s.addr(r, left + 15), RXL101, "Jumlah 2.500.000 over the sum of the twelve months")
            jumlah += 2_500_000
        pct = ratio(jumlah, a)
        if i == 5:
            exp.inject(s.name, s.addr(r, left + 16), RXL101, f"% written {pct + 3.1:.2f}, is {pct}")
            pct = half_up(pct + 3.1)
        s.row(r, left, [i, name, rp(a)] + [rp(m) if m else "-" for m in months] + [rp(jumlah), dec(pct)])
        for k, v in enumerate([a] + months + [jumlah]):
            totals[k] += v
        r += 1
    total = r
    s.row(r, left, [None, "JUMLAH"] + [rp(v) for v in totals] + [dec(ratio(totals[-1], totals[0]))], bold=True)
    exp.table(s.name, s.addr(top, left), first_data, total - 1)
    exp.clean_sheet(s.name, total, {total: TOTAL_OF_WRONG})
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 8. quarterly, E.81 style


def quarterly_e81(path) -> tuple:
    """E.81 style: Indikator | Target | Realisasi Triwulan I–IV | Realisasi s.d. Triwulan IV | Tingkat Capaian (%).

    Counts add their quarters; a percentage indicator's year is its last quarter.
    Rata-rata and Predikat rows under the table. Injected: a s.d. Triwulan IV over the
    sum of the quarters (RXL101 or RXL104) and a wrong capaian (RXL101).
    """
    wb = Workbook()
    s = Sheet(wb, "E.81 TW IV")
    left = 2
    cols = ["No", "Program/Kegiatan", "Indikator Kinerja Program (outcome)/\nKegiatan (output)", "Satuan",
            "Target Kinerja\nRenja Tahun 2023", ("Realisasi Kinerja Pada Triwulan", "I"),
            ("Realisasi Kinerja Pada Triwulan", "II"), ("Realisasi Kinerja Pada Triwulan", "III"),
            ("Realisasi Kinerja Pada Triwulan", "IV"), "Realisasi Capaian Kinerja\ns.d. Triwulan IV",
            "Tingkat Capaian\nKinerja (%)"]
    _titles(s, left, len(cols), ["EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KOTA BALIKPAPAN",
                                 "RENJA DINAS TENAGA KERJA KOTA BALIKPAPAN",
                                 "PERIODE PELAKSANAAN: TRIWULAN IV TAHUN 2023"], "Formulir E.81", 5)
    s.widths(left, [5, 40, 45, 10, 14, 9, 9, 9, 9, 16, 14])
    top = 7
    r = s.header(top, left, cols, numbers=True)
    first_data = r
    exp = Expected("quarterly_e81")
    data = [
        ("1", "PROGRAM PENEMPATAN TENAGA KERJA", "Persentase pencari kerja terdaftar yang ditempatkan", "%", 42,
         [8.5, 17.2, 29.8, 40.1], "pct"),
        ("1.1", "Pelayanan antar Kerja di Daerah Kabupaten/Kota", "Jumlah pencari kerja yang ditempatkan", "Orang",
         1200, [210, 285, 340, 298], "sum"),
        ("1.2", "Job Fair/Bursa Kerja", "Jumlah pencari kerja yang mendapatkan pekerjaan melalui job fair", "Orang",
         350, [0, 0, 312, 0], "sum"),
        ("2", "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA",
         "Persentase tenaga kerja bersertifikat kompetensi", "%", 66, [12.4, 27.9, 45.3, 63.0], "pct"),
        ("2.1", "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi", "Jumlah peserta pelatihan berbasis kompetensi",
         "Orang", 640, [0, 160, 240, 200], "sum"),
        ("3", "PROGRAM HUBUNGAN INDUSTRIAL", "Persentase kasus perselisihan hubungan industrial yang diselesaikan", "%",
         85, [20, 45, 65, 82], "pct"),
        ("3.1", "Pencegahan dan Penyelesaian Perselisihan Hubungan Industrial",
         "Jumlah perusahaan yang dibina norma kerja", "Perusahaan", 120, [30, 30, 30, 25], "sum"),
        ("3.2", "Pengukuran Produktivitas Tingkat Daerah Kabupaten/Kota",
         "Jumlah dokumen hasil pengukuran produktivitas", "Dokumen", 1, [0, 0, 0, 1], "sum"),
    ]
    written = []
    for no, uraian, indikator, satuan, target, quarters, kind in data:
        year = quarters[-1] if kind == "pct" else sum(quarters)
        if no == "2.1":
            exp.inject(s.name, s.addr(r, left + 9), {"RXL101", "RXL104"}, "s.d. TW IV 620, the quarters add to 600")
            year = 620
        capaian = ratio(year, target)
        if no == "3.1":
            exp.inject(s.name, s.addr(r, left + 10), RXL101, f"capaian written 104,35 (T/R), 115/120 is {capaian}")
            capaian = 104.35
        written.append(capaian)
        q = [("-" if v == 0 else v) for v in quarters]
        s.row(r, left, [no if "." in no else int(no), uraian, indikator, satuan, target] + q + [year, dec(capaian)],
              bold="." not in no)
        r += 1
    last = r - 1
    average = half_up(sum(written) / len(written))
    averaged = {r: {"RXL103"}}  # the average of the capaian as written, one of them wrong
    s.row(r, left, [None, "Rata-rata Capaian Kinerja (%)"] + [None] * 8 + [dec(average)], bold=True)
    s.merge(r, left + 1, r, left + 9)
    s.row(r + 1, left, [None, "Predikat Kinerja"] + [None] * 8 + ["Sangat Tinggi"], bold=True)
    s.merge(r + 1, left + 1, r + 1, left + 9)
    s.ws.cell(row=r + 3, column=left + 1, value="Faktor pendorong keberhasilan pencapaian: dukungan APBD dan mitra industri.")
    exp.table(s.name, s.addr(top, left), first_data, last)
    exp.clean_sheet(s.name, r + 3, averaged)
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 9. several years side by side


def years_side_by_side(path) -> tuple:
    """Indikator | Satuan | "2021" and "2022" (typed as numbers) each over Target | Realisasi | Capaian (%).

    Capaian stored as fractions under 0.00%. Injected: two wrong 2022 capaian, one of
    them computed on the 2021 target (RXL101).
    """
    wb = Workbook()
    s = Sheet(wb, "Perbandingan Capaian")
    left = 3
    cols = ["No", "Indikator Kinerja", "Satuan", (2021, "Target"), (2021, "Realisasi"), (2021, "Capaian\n(%)"),
            (2022, "Target"), (2022, "Realisasi"), (2022, "Capaian\n(%)")]
    _titles(s, left, len(cols), ["LAPORAN KINERJA DINAS TENAGA KERJA TAHUN 2022"],
            "Tabel 3.3 Perbandingan Capaian Kinerja Tahun 2021 dan Tahun 2022", 3)
    s.widths(left, [5, 52, 11, 9, 10, 10, 9, 10, 10])
    top = 5
    r = s.header(top, left, cols)
    first_data = r
    exp = Expected("years_side_by_side")
    data = [
        ("Persentase pencari kerja terdaftar yang ditempatkan", "%", (35, 31.2), (38, 36.9)),
        ("Jumlah tenaga kerja yang dilatih", "Orang", (480, 455), (560, 548)),
        ("Persentase perusahaan yang menerapkan struktur dan skala upah", "%", (40, 36.5), (45, 44.1)),
        ("Jumlah lembaga pelatihan kerja yang terakreditasi", "Lembaga", (10, 8), (12, 11)),
        ("Persentase kasus perselisihan hubungan industrial yang diselesaikan", "%", (80, 76), (82, 79)),
        ("Indeks kepuasan masyarakat terhadap layanan ketenagakerjaan", "Indeks", (80, 81.2), (82, 83.6)),
    ]
    for i, (indikator, satuan, (t1, r1), (t2, r2)) in enumerate(data, start=1):
        c1, c2 = ratio(r1, t1), ratio(r2, t2)
        if i == 2:
            exp.inject(s.name, s.addr(r, left + 8), RXL101, f"2022 capaian written 99,68%, 548/560 is {c2}")
            c2 = 99.68
        if i == 5:
            exp.inject(s.name, s.addr(r, left + 8), RXL101, f"2022 capaian on the 2021 target (98,75%), 79/82 is {c2}")
            c2 = ratio(r2, t1)
        s.row(r, left, [i, indikator, satuan, t1, r1, frac(c1), t2, r2, frac(c2)])
        r += 1
    exp.table(s.name, s.addr(top, left), first_data, r - 1)
    exp.clean_sheet(s.name, r)
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 10. extra columns, capaian with predikat


def _baik(capaian: float) -> str:
    for floor, label in ((91, "Sangat Baik"), (76, "Baik"), (66, "Cukup"), (51, "Kurang")):
        if capaian >= floor:
            return label
    return "Sangat Kurang"


def _predikat(capaian: float) -> str:
    for floor, label in ((91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah")):
        if capaian >= floor:
            return label
    return "Sangat Rendah"


def extra_columns_predikat(path) -> tuple:
    """No | Sasaran Strategis | Indikator Kinerja | Formulasi | Target | Realisasi | Capaian | Kategori Penilaian.

    Capaian typed as "63,36 % (Sedang)": value and predikat in one cell. Sasaran merged
    down over its indicators; Formulasi and Kategori Penilaian (Sangat Baik … Sangat
    Kurang) to pass over. Injected: "63,36 % (Sedang)" (63,36 is Rendah: RXL105 or
    RXL101) and "88,17 % (Tinggi)" for 81,63 (RXL101).
    """
    wb = Workbook()
    s = Sheet(wb, "IKU 2023")
    left = 2
    cols = ["No", "Sasaran Strategis", "Indikator Kinerja", "Formulasi", "Target", "Realisasi", "Capaian",
            "Kategori Penilaian"]
    _titles(s, left, len(cols), ["PENGUKURAN KINERJA TAHUN 2023", "DINAS TENAGA KERJA KABUPATEN BANYUMAS"],
            "Tabel 3.2 Pengukuran Capaian Indikator Kinerja Utama", 4)
    s.widths(left, [5, 30, 40, 45, 10, 10, 20, 16])
    top = 6
    r = s.header(top, left, cols)
    first_data = r
    exp = Expected("extra_columns_predikat")
    data = [
        ("Meningkatnya kompetensi tenaga kerja", [
            ("Persentase tenaga kerja bersertifikat kompetensi",
             "(Jumlah tenaga kerja bersertifikat / jumlah tenaga kerja yang dilatih) x 100%", "70%", "66,50%", 70, 66.5),
            ("Jumlah lembaga pelatihan kerja yang terakreditasi", "Jumlah LPK yang terakreditasi pada tahun berjalan",
             12, 10, 12, 10)]),
        ("Meningkatnya penempatan tenaga kerja", [
            ("Persentase pencari kerja terdaftar yang ditempatkan",
             "(Jumlah pencari kerja yang ditempatkan / jumlah pencari kerja terdaftar) x 100%", "42%", "26,61%", 42,
             26.61),
            ("Tingkat partisipasi angkatan kerja", "(Angkatan kerja / penduduk usia kerja) x 100%", "68,5%", "66,9%",
             68.5, 66.9)]),
        ("Terwujudnya hubungan industrial yang harmonis", [
            ("Persentase perselisihan hubungan industrial yang diselesaikan",
             "(Perselisihan yang diselesaikan / perselisihan yang dicatatkan) x 100%", "80%", "65,3%", 80, 65.3),
            ("Persentase perusahaan yang menerapkan struktur dan skala upah",
             "(Perusahaan yang menerapkan SUSU / perusahaan wajib lapor) x 100%", "55%", "48%", 55, 48)]),
    ]
    no = 0
    for sasaran, rows in data:
        first = r
        for indikator, formulasi, t_text, r_text, t, real in rows:
            no += 1
            capaian = ratio(real, t)
            label = _predikat(capaian)
            text = f"{id_num(capaian, 2)} % ({label})"
            if no == 3:
                text = f"{id_num(capaian, 2)} % (Sedang)"
                exp.inject(s.name, s.addr(r, left + 6), {"RXL105", "RXL101"}, f"{capaian} is Rendah, written Sedang")
            if no == 5:
                text = "88,17 % (Tinggi)"
                exp.inject(s.name, s.addr(r, left + 6), RXL101, f"capaian written 88,17, 65,3/80 is {capaian}")
            s.row(r, left, [no, sasaran if r == first else None, indikator, formulasi, t_text, r_text, text,
                            _baik(capaian)])
            r += 1
        s.merge(first, left + 1, r - 1, left + 1)
    exp.table(s.name, s.addr(top, left), first_data, r - 1)
    exp.clean_sheet(s.name, r)
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 11. cell forms


def cell_forms(path) -> tuple:
    """Targets "orang 640" and "640 orang", "n/a", "-", amounts "Rp 1.000.000,-", percentages typed as text.

    Injected: one wrong capaian and one wrong serapan typed as text (RXL101); no finding of
    severity error on the other rows.
    """
    wb = Workbook()
    s = Sheet(wb, "Kinerja dan Anggaran")
    left = 2
    cols = ["No", "Indikator Kinerja", ("Kinerja", "Target"), ("Kinerja", "Realisasi"), ("Kinerja", "Capaian"),
            ("Anggaran", "Pagu (Rp)"), ("Anggaran", "Realisasi (Rp)"), ("Anggaran", "Serapan")]
    _titles(s, left, len(cols), ["CAPAIAN KINERJA DAN ANGGARAN TAHUN 2023", "UPT BALAI LATIHAN KERJA"],
            "Tabel 3.4 Capaian Kinerja dan Serapan Anggaran", 4)
    s.widths(left, [5, 50, 12, 12, 10, 20, 20, 10])
    top = 6
    r = s.header(top, left, cols)
    first_data = r
    exp = Expected("cell_forms")
    data = [
        ("Jumlah pencari kerja yang dilatih", "orang 640", "598 orang", id_pct(ratio(598, 640)),
         "Rp 245.000.000,-", "Rp 231.525.000,-", id_pct(ratio(231_525_000, 245_000_000))),
        ("Jumlah perusahaan yang dibina", "-", "-", "-", "Rp 1.000.000,-", "Rp 850.000,-", id_pct(85)),
        ("Indeks kepuasan masyarakat terhadap layanan pelatihan (indikator baru)", "n/a", "82,4", "n/a",
         "Rp 75.500.000,-", "Rp 70.215.000,-", id_pct(ratio(70_215_000, 75_500_000))),
        ("Persentase alumni pelatihan yang bekerja", "100%", "84,59%", "84,59%", "Rp 412.000.000,-",
         "Rp 398.612.000,-", id_pct(ratio(398_612_000, 412_000_000))),
        ("Jumlah kasus perselisihan yang diselesaikan", "24 kasus", "21 kasus", id_pct(ratio(21, 24)),
         "Rp 62.000.000,-", "Rp 58.900.000,-", "59,00%"),
        ("Jumlah peserta job fair yang diterima bekerja", "1.500 orang", "1.275 orang", "88,00%",
         "Rp 265.000.000,-", "Rp 261.340.000,-", id_pct(ratio(261_340_000, 265_000_000))),
    ]
    for i, values in enumerate(data, start=1):
        if i == 5:
            exp.inject(s.name, s.addr(r, left + 7), RXL101, "serapan written 59,00%, 58.900.000 of 62.000.000 is 95,00%")
        if i == 6:
            exp.inject(s.name, s.addr(r, left + 4), RXL101, "capaian written 88,00%, 1.275 of 1.500 is 85,00%")
        s.row(r, left, [i] + list(values))
        r += 1
    exp.table(s.name, s.addr(top, left), first_data, r - 1)
    exp.clean_sheet(s.name, r)
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 12. English notation, mixed notation


def english_and_mixed_notation(path) -> tuple:
    """English notation typed as text ("2,145,600,000.00", "94.68%"), and a table mixing both notations.

    Sheet 1: every number English. Sheet 2: Anggaran Indonesian ("2.145.600.000,00"),
    Realisasi English, % Indonesian. Injected: one wrong % in each table (RXL101).
    """
    wb = Workbook()
    exp = Expected("english_and_mixed_notation")
    for sheet_name, a_fmt, r_fmt, p_fmt, bad in (
            ("Budget Realization", en_num, en_num, lambda x: f"{x:.2f}%", 4),
            ("Realisasi (campuran)", id_num, en_num, lambda x: id_num(x, 2), 6)):
        s = Sheet(wb, sheet_name)
        left = 2
        cols = ["No", "Program/Kegiatan", "Anggaran (Rp)", "Realisasi (Rp)", "% Realisasi"]
        _titles(s, left, len(cols), ["DINAS TENAGA KERJA - REALISASI ANGGARAN 2023"],
                "Tabel 3.6 Realisasi Anggaran per Kegiatan (salinan dari aplikasi keuangan)", 3)
        s.widths(left, [5, 55, 22, 22, 12])
        top = 5
        r = s.header(top, left, cols)
        first_data = r
        for i, (name, a, real) in enumerate(_KEGIATAN_ANGGARAN[1:], start=1):
            pct = ratio(real, a)
            if i == bad:
                exp.inject(s.name, s.addr(r, left + 4), RXL101, f"% written {pct + 10:.2f}, is {pct}")
                pct = half_up(pct + 10)
            s.row(r, left, [i, name, a_fmt(a, 2), r_fmt(real, 2), p_fmt(pct)])
            r += 1
        exp.table(s.name, s.addr(top, left), first_data, r - 1)
        exp.clean_sheet(s.name, r)
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 13. T-C.29 by another agency


def tc29_other_agency(path) -> tuple:
    """T-C.29 evaluation as another agency draws it: short headers, years written out, an extra
    "Realisasi 2025 (s.d. Semester I)" column, a Predikat column.

    (8) = (7)/(6) x 100; (11) = (5)+(7)+(9) for counts, (9) for percentages; (12) =
    (11)/(4) x 100; Predikat on (12). Injected: two wrong Tingkat Realisasi (RXL101),
    one typed as text "126%".
    """
    wb = Workbook()
    s = Sheet(wb, "Evaluasi Renja")
    left = 2
    cols = ["Kode", "Program/Kegiatan", "Indikator Kinerja", "Target Renstra\n(2026)", "Realisasi s.d.\n2023",
            ("Renja Tahun 2024", "Target"), ("Renja Tahun 2024", "Realisasi"),
            ("Renja Tahun 2024", "Tingkat\nRealisasi (%)"), "Target Renja\n2025",
            "Realisasi 2025\n(s.d. Semester I)", ("Perkiraan Capaian Renstra s.d. 2025", "Realisasi"),
            ("Perkiraan Capaian Renstra s.d. 2025", "Tingkat\nCapaian (%)"), "Predikat"]
    _titles(s, left, len(cols), ["REKAPITULASI EVALUASI HASIL PELAKSANAAN RENJA DAN PENCAPAIAN RENSTRA",
                                 "DINAS TENAGA KERJA KABUPATEN SLEMAN S.D. TAHUN 2025"],
            "Tabel 2.1 Evaluasi Pelaksanaan Renja Tahun Lalu (2024)", 4)
    s.widths(left, [18, 40, 40, 11, 11, 9, 10, 11, 11, 13, 11, 11, 13])
    top = 6
    r = s.header(top, left, cols, numbers=True)
    first_data = r
    exp = Expected("tc29_other_agency")
    data = [
        ("2.07.03", "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja",
         "Persentase tenaga kerja bersertifikat kompetensi", None, 70, 58, 62, 60.5, 66, 31.2),
        ("2.07.03.2.01", "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi",
         "Jumlah pencari kerja yang dilatih berbasis kompetensi", "orang", 3000, 1650, 640, 598, 640, 320),
        ("2.07.03.2.01.0003", "Pengadaan Sarana Pelatihan Kerja Kabupaten/Kota",
         "Jumlah pengadaan dan pemeliharaan sarana pelatihan kerja", "unit", 50, 28, 10, 10, 10, 4),
        ("2.07.04", "Program Penempatan Tenaga Kerja", "Persentase pencari kerja terdaftar yang ditempatkan", None,
         45, 36, 40, 38.2, 42, 19.5),
        ("2.07.04.2.01", "Pelayanan antar Kerja di Daerah Kabupaten/Kota", "Jumlah pencari kerja yang ditempatkan",
         "orang", 6000, 3400, 1200, 1133, 1250, 610),
        ("2.07.04.2.03", "Pengelolaan Informasi Pasar Kerja",
         "Jumlah pencari kerja yang terdaftar pada aplikasi pasar kerja", "orang", 25000, 14800, 5000, 3680, 5200, 2900),
        ("2.07.05", "Program Hubungan Industrial",
         "Persentase kasus perselisihan hubungan industrial yang diselesaikan", None, 85, 78, 80, 76, 82, 40),
        ("2.07.05.2.01", "Pengesahan Peraturan Perusahaan dan Pendaftaran Perjanjian Kerja Bersama",
         "Jumlah perusahaan yang peraturan perusahaannya disahkan", "perusahaan", 400, 180, 80, 64, 80, 35),
        ("2.07.05.2.02", "Pencegahan dan Penyelesaian Perselisihan Hubungan Industrial",
         "Jumlah kasus perselisihan hubungan industrial yang diselesaikan", "kasus", 150, 84, 30, 25, 30, 12),
    ]
    for kode, uraian, indikator, unit, renstra, sd, t24, r24, t25, sem1 in data:
        tingkat_realisasi = ratio(r24, t24)
        year_end = t25 if unit is None else sd + r24 + t25
        tingkat_capaian = ratio(year_end, renstra)
        realisasi_cell = f"{r24} orang" if kode == "2.07.03.2.01" else r24
        tr_cell = dec(tingkat_realisasi)
        if kode == "2.07.04.2.03":
            tr_cell = "126%"
            exp.inject(s.name, s.addr(r, left + 7), RXL101, f"tingkat realisasi typed '126%', 3680/5000 is {tingkat_realisasi}")
        if kode == "2.07.05.2.02":
            tr_cell = dec(ratio(t24, r24))
            exp.inject(s.name, s.addr(r, left + 7), RXL101, f"tingkat realisasi T/R 120,00, 25/30 is {tingkat_realisasi}")
        s.row(r, left, [kode, uraian, indikator, renstra, sd, t24, realisasi_cell, tr_cell, t25, sem1, year_end,
                        dec(tingkat_capaian), _predikat(tingkat_capaian)], bold=kode.count(".") == 2)
        r += 1
    exp.table(s.name, s.addr(top, left), first_data, r - 1)
    exp.clean_sheet(s.name, r)
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 14. Renja n and n+1, unit change


def renja_unit_change(path) -> tuple:
    """Kode | Program/Kegiatan/Sub Kegiatan | Indikator | Lokasi | Target Tahun 2025 | Pagu Tahun 2025 | Sumber
    Dana | Target Tahun 2026 | Pagu Tahun 2026 | Catatan Penting, one header row, TOTAL PAGU row.

    Injected: a sub kegiatan's unit changes between the years, "2 Dokumen" -> "1 Laporan"
    (RXL405 at the 2026 target), and a pagu 2026 given with its target missing (RXL602).
    """
    wb = Workbook()
    s = Sheet(wb, "Tabel 3.4")
    left = 2
    cols = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Lokasi", "Target\nTahun 2025",
            "Pagu Indikatif\nTahun 2025 (Rp)", "Sumber Dana", "Target\nTahun 2026", "Pagu Indikatif\nTahun 2026 (Rp)",
            "Catatan Penting"]
    _titles(s, left, len(cols), ["RENCANA KERJA DINAS TENAGA KERJA KOTA DEPOK TAHUN 2025"],
            "Tabel 3.4 Rencana Program dan Kegiatan Tahun 2025 dan Prakiraan Maju Tahun 2026", 3)
    s.widths(left, [18, 48, 45, 16, 12, 18, 12, 12, 18, 20])
    top = 5
    r = s.header(top, left, cols)
    first_data = r
    exp = Expected("renja_unit_change")
    subs = [
        ("2.07.02.2.01.0001", "Jumlah Dokumen Rencana Tenaga Kerja Makro", "1 Dokumen", 85_000_000, "1 Dokumen",
         90_000_000),
        ("2.07.02.2.01.0002", "Jumlah Dokumen Rencana Tenaga Kerja Mikro", "2 Dokumen", 64_500_000, "1 Laporan",
         60_000_000),
        ("2.07.02.2.01.0003", "Jumlah SDM Perusahaan yang mampu menyusun RTK Mikro", "25 Orang", 48_750_000, None,
         52_000_000),
        ("2.07.04.2.03.0001", "Jumlah Pencari Kerja yang Memanfaatkan Aplikasi Informasi Pasar Kerja Online",
         "4.500 Orang", 120_000_000, "5.000 Orang", 126_000_000),
        ("2.07.04.2.03.0002", "Jumlah Pencari dan Pemberi Kerja yang Terdaftar pada Layanan Informasi Pasar Kerja",
         "3.200 Orang", 95_400_000, "3.500 Orang", 99_000_000),
        ("2.07.04.2.03.0003", "Jumlah Pencari Kerja yang Mendapatkan Pekerjaan Melalui Job Fair/Bursa Kerja",
         "350 Orang", 265_000_000, "400 Orang", 280_000_000),
    ]
    groups = [("2.07.02", "Persentase ketersediaan dokumen perencanaan tenaga kerja", "100 %", "100 %",
               "2.07.02.2.01", "Jumlah dokumen Rencana Tenaga Kerja yang disusun", "3 Dokumen", "2 Dokumen"),
              ("2.07.04", "Persentase pencari kerja terdaftar yang ditempatkan", "42 %", "45 %",
               "2.07.04.2.03", "Persentase pencari kerja yang terdaftar pada sistem informasi pasar kerja", "100 %",
               "100 %")]
    total_n = total_n1 = 0
    for pk, p_iku, p_t, p_t1, gk, g_iku, g_t, g_t1 in groups:
        mine = [x for x in subs if x[0].startswith(gk + ".")]
        n, n1 = sum(x[3] for x in mine), sum(x[5] for x in mine)
        total_n, total_n1 = total_n + n, total_n1 + n1
        s.row(r, left, [pk, node(pk).name, p_iku, "Kota Depok", p_t, rp(n), "APBD", p_t1, rp(n1), None], bold=True)
        s.row(r + 1, left, [gk, node(gk).name, g_iku, "Kota Depok", g_t, rp(n), "APBD", g_t1, rp(n1), None])
        r += 2
        for kode, iku, t, pagu, t1, pagu1 in mine:
            if kode.endswith("0002") and pk == "2.07.02":
                exp.inject(s.name, s.addr(r, left + 7), {"RXL405"}, "target 2025 '2 Dokumen', 2026 '1 Laporan'")
            if t1 is None:
                exp.inject(s.name, s.addr(r, left + 7), {"RXL602"}, "pagu 2026 given, target 2026 empty")
            s.row(r, left, [kode, node(kode).name, iku, "Kota Depok", t, rp(pagu), "APBD", t1, rp(pagu1),
                            "Sesuai Renstra" if kode.endswith("0001") else None])
            r += 1
    total = r
    s.row(r, left, [None] * len(cols), bold=True)
    s.put(r, left, "TOTAL PAGU", bold=True, center=True)
    s.merge(r, left, r, left + 4)
    s.put(r, left + 5, rp(total_n), bold=True)
    s.put(r, left + 8, rp(total_n1), bold=True)
    exp.table(s.name, s.addr(top, left), first_data, total - 1)
    exp.clean_sheet(s.name, total)
    return _save(wb, path), exp


# --------------------------------------------------------------------------- 15. APBD murni and perubahan


def apbd_murni_perubahan(path) -> tuple:
    """APBD Murni | APBD Perubahan | Realisasi (Rp) | % where % = realisasi / APBD Perubahan.

    Injected: a % computed on APBD Murni (RXL101) and a JUMLAH of APBD Perubahan that
    is not the sum (RXL103).
    """
    wb = Workbook()
    s = Sheet(wb, "Realisasi APBD-P")
    left = 2
    cols = ["No", "Program/Kegiatan", ("Pagu Anggaran (Rp)", "APBD Murni"), ("Pagu Anggaran (Rp)", "APBD Perubahan"),
            "Realisasi\n(Rp)", "%", "Keterangan"]
    _titles(s, left, len(cols), ["LAPORAN KINERJA DINAS TENAGA KERJA TAHUN 2023"],
            "Tabel 3.10 Realisasi Anggaran terhadap APBD Perubahan Tahun 2023", 4)
    s.widths(left, [5, 55, 18, 18, 18, 9, 26])
    top = 6
    r = s.header(top, left, cols, numbers=True)
    first_data = r
    exp = Expected("apbd_murni_perubahan")
    murni = [420_000_000, 2_000_000_000, 90_000_000, 1_100_000_000, 315_750_000, 200_000_000, 400_000_000]
    notes = ["Pergeseran anggaran", "Penambahan pada APBD-P", None, "Penambahan pada APBD-P", None, "Efisiensi",
             "Penambahan pada APBD-P"]
    rows = [(n, a, real) for (n, a, real) in _KEGIATAN_ANGGARAN if n != "Pengesahan Peraturan Perusahaan dan "
            "Pendaftaran Perjanjian Kerja Bersama"]
    for i, ((name, perubahan, real), m, note) in enumerate(zip(rows, murni, notes), start=1):
        pct = ratio(real, perubahan)
        if i == 4:
            exp.inject(s.name, s.addr(r, left + 5), RXL101, f"% on APBD Murni ({ratio(real, m)}), on Perubahan {pct}")
            pct = ratio(real, m)
        s.row(r, left, [i, name, rp(m), rp(perubahan), rp(real), dec(pct), note])
        r += 1
    total = r
    sm, sp, sr = sum(murni), sum(x[1] for x in rows), sum(x[2] for x in rows)
    s.row(r, left, [None, "JUMLAH", rp(sm), rp(sp + 50_000_000), rp(sr), dec(ratio(sr, sp + 50_000_000)), None],
          bold=True)
    exp.inject(s.name, s.addr(r, left + 3), {"RXL103"}, "JUMLAH APBD Perubahan 50.000.000 over the sum")
    exp.table(s.name, s.addr(top, left), first_data, total - 1)
    exp.clean_sheet(s.name, total, {total: {"RXL101"}})  # its % is on the wrong total
    return _save(wb, path), exp


# --------------------------------------------------------------------------- (a) a block that is not a planning table


def non_planning_block(path) -> tuple:
    """An LKjIP capaian table and, below it on the same sheet, a salary list with numbers.

    "No | Nama Pegawai | NIP | Golongan | Gaji Pokok (Rp) | Tunjangan (Rp)" looks like a
    table but is no planning table: it must be reported as not understood (RXL701 on
    its header row). Injected in the capaian table: one wrong capaian (RXL101).
    """
    wb = Workbook()
    s = Sheet(wb, "Lampiran")
    left = 2
    cols = ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)"]
    _titles(s, left, len(cols), ["LAMPIRAN LAPORAN KINERJA TAHUN 2023"], "Tabel 3.1 Capaian Kinerja Tahun 2023", 3)
    s.widths(left, [5, 50, 26, 16, 16, 16])
    top = 4
    r = s.header(top, left, cols)
    first_data = r
    exp = Expected("non_planning_block")
    data = [("Persentase pencari kerja terdaftar yang ditempatkan", "%", 42, 38.2),
            ("Jumlah tenaga kerja yang dilatih", "Orang", 640, 598),
            ("Persentase kasus perselisihan hubungan industrial yang diselesaikan", "%", 85, 80),
            ("Jumlah perusahaan yang dibina norma kerja", "Perusahaan", 120, 115)]
    for i, (indikator, satuan, t, real) in enumerate(data, start=1):
        capaian = ratio(real, t)
        if i == 3:
            exp.inject(s.name, s.addr(r, left + 5), RXL101, f"capaian written 84,12, 80/85 is {capaian}")
            capaian = 84.12
        s.row(r, left, [i, indikator, satuan, t, real, dec(capaian)])
        r += 1
    exp.table(s.name, s.addr(top, left), first_data, r - 1)
    r += 2
    s.caption(r, left, "Daftar Gaji Pegawai Bulan Desember 2023")
    r += 1
    block = r
    r = s.header(r, left, ["No", "Nama Pegawai", "NIP", "Golongan", "Gaji Pokok (Rp)", "Tunjangan (Rp)"])
    staff = [("Drs. H. Ahmad Yani, M.Si.", "19680817 199303 1 007", "IV/b", 5_108_900, 3_780_000),
             ("Rina Marlina, S.E.", "19790312 200604 2 011", "III/d", 4_375_400, 1_960_000),
             ("Yudi Prasetyo, S.Sos.", "19820504 201001 1 019", "III/c", 3_980_300, 1_260_000),
             ("Siti Nurhaliza, A.Md.", "19900221 201503 2 004", "II/d", 3_162_600, 980_000),
             ("Bambang Sutrisno", "19750909 200801 1 012", "II/b", 2_987_100, 980_000)]
    for i, (name, nip, gol, gaji, tunjangan) in enumerate(staff, start=1):
        s.row(r, left, [i, name, nip, gol, rp(gaji), rp(tunjangan)])
        r += 1
    exp.not_understood.append((s.name, block))
    exp.clean_sheet(s.name, r, {block: {"RXL701"}})
    return _save(wb, path), exp


# --------------------------------------------------------------------------- (b) nothing understood


def nothing_understood(path) -> tuple:
    """A workbook with no planning table at all: an inventory list and a page of notes."""
    wb = Workbook()
    s = Sheet(wb, "Inventaris")
    left = 2
    _titles(s, left, 7, ["DAFTAR INVENTARIS BARANG", "DINAS TENAGA KERJA TAHUN 2023"], None, 3)
    r = s.header(4, left, ["No", "Nama Barang", "Merk/Type", "Tahun Perolehan", "Jumlah", "Harga Satuan (Rp)",
                           "Total (Rp)"])
    for i, (name, merk, year, n, price) in enumerate([
            ("Laptop", "Lenovo ThinkPad E14", 2021, 6, 14_750_000), ("Printer", "Epson L3210", 2022, 3, 2_450_000),
            ("Meja kerja", "Olympic", 2019, 12, 1_850_000), ("Kursi putar", "Chitose", 2019, 12, 975_000),
            ("AC split 1 PK", "Daikin", 2020, 4, 5_600_000)], start=1):
        s.row(r, left, [i, name, merk, year, n, rp(price), rp(n * price)])
        r += 1
    notes = Sheet(wb, "Catatan")
    for k, line in enumerate(["Notulen rapat koordinasi pengelolaan barang milik daerah, 12 Januari 2024.",
                              "1. Inventarisasi ulang dilakukan setiap semester.",
                              "2. Barang rusak berat diusulkan untuk dihapus."], start=2):
        notes.ws.cell(row=k, column=2, value=line)
    return _save(wb, path), Expected("nothing_understood")


# --------------------------------------------------------------------------- registry


VARIANTS: dict[str, Callable] = {
    "01_sipd_renja_matrix": sipd_renja_matrix,
    "02_kode_five_columns": kode_five_columns,
    "03_numbered_outline": numbered_outline,
    "04_lkjip_sasaran_rows": lkjip_sasaran_rows,
    "05_realisasi_anggaran": realisasi_anggaran,
    "06_alokasi_pejabat": alokasi_pejabat,
    "07_monthly_realisasi": monthly_realisasi,
    "08_quarterly_e81": quarterly_e81,
    "09_years_side_by_side": years_side_by_side,
    "10_extra_columns_predikat": extra_columns_predikat,
    "11_cell_forms": cell_forms,
    "12_english_and_mixed_notation": english_and_mixed_notation,
    "13_tc29_other_agency": tc29_other_agency,
    "14_renja_unit_change": renja_unit_change,
    "15_apbd_murni_perubahan": apbd_murni_perubahan,
    "16_non_planning_block": non_planning_block,
}


# --------------------------------------------------------------------------- the 2.07 nomenclature
# kode|nomenklatur|indikator|satuan, from shared/reference/nomenklatur_2_07.csv

_NOMENKLATUR_2_07 = """
2|URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR||
2.07|URUSAN PEMERINTAHAN BIDANG TENAGA KERJA||
2.07.01|PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA||
2.07.01.2.01|Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah||
2.07.01.2.01.0001|Penyusunan Dokumen Perencanaan Perangkat Daerah|Jumlah Dokumen Perencanaan Perangkat Daerah|Dokumen
2.07.01.2.01.0002|Koordinasi dan Penyusunan Dokumen RKA-SKPD|Jumlah Dokumen RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen RKA-SKPD|Dokumen
2.07.01.2.01.0003|Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD|Jumlah Dokumen Perubahan RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen Perubahan RKA-SKPD|Dokumen
2.07.01.2.01.0004|Koordinasi dan Penyusunan DPA-SKPD|Jumlah Dokumen DPA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen DPA-SKPD|Dokumen
2.07.01.2.01.0005|Koordinasi dan Penyusunan Perubahan DPA- SKPD|Jumlah Dokumen Perubahan DPA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen Perubahan DPA-SKPD|Dokumen
2.07.01.2.01.0006|Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD|Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD|Laporan
2.07.01.2.01.0007|Evaluasi Kinerja Perangkat Daerah|Jumlah Laporan Evaluasi Kinerja Perangkat Daerah|Laporan
2.07.01.2.02|Administrasi Keuangan Perangkat Daerah||
2.07.01.2.02.0001|Penyediaan Gaji dan Tunjangan ASN|Jumlah Orang yang Menerima Gaji dan Tunjangan ASN|Orang/bulan
2.07.01.2.02.0002|Penyediaan Administrasi Pelaksanaan Tugas ASN|Jumlah Dokumen Hasil Penyediaan Administrasi Pelaksanaan Tugas ASN|Dokumen
2.07.01.2.02.0003|Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD|Jumlah Dokumen Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD|Dokumen
2.07.01.2.02.0004|Koordinasi dan Pelaksanaan Akuntansi SKPD|Jumlah Dokumen Koordinasi dan Pelaksanaan Akuntansi SKPD|Dokumen
2.07.01.2.02.0005|Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD|Jumlah Laporan Keuangan Akhir Tahun SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Keuangan Akhir Tahun SKPD|Laporan
2.07.01.2.02.0006|Pengelolaan dan Penyiapan Bahan Tanggapan Pemeriksaan|Jumlah Dokumen Bahan Tanggapan Pemeriksaan dan Tindak Lanjut Pemeriksaan|Dokumen
2.07.01.2.02.0007|Koordinasi dan Penyusunan Laporan Keuangan Bulanan/ Triwulanan/ Semesteran SKPD|Jumlah Laporan Keuangan Bulanan/ Triwulanan/ Semesteran SKPD dan Laporan Koordinasi Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD|Laporan
2.07.01.2.02.0008|Penyusunan Pelaporan dan Analisis Prognosis Realisasi Anggaran|Jumlah Dokumen Pelaporan dan Analisis Prognosis Realisasi Anggaran|Dokumen
2.07.01.2.03|Administrasi Barang Milik Daerah pada Perangkat Daerah||
2.07.01.2.03.0001|Penyusunan Perencanaan Kebutuhan Barang Milik Daerah SKPD|Jumlah Rencana Kebutuhan Barang Milik Daerah SKPD|Dokumen
2.07.01.2.03.0002|Pengamanan Barang Milik Daerah SKPD|Jumlah Dokumen Pengamanan Barang Milik Daerah SKPD|Dokumen
2.07.01.2.03.0003|Koordinasi dan Penilaian Barang Milik Daerah SKPD|Jumlah Laporan Hasil Penilaian Barang Milik Daerah dan Hasil Koordinasi Penilaian Barang Milik Daerah SKPD|Laporan
2.07.01.2.03.0004|Pembinaan, Pengawasan, dan Pengendalian Barang Milik Daerah pada SKPD|Jumlah Laporan Hasil Pembinaan, Pengawasan, dan Pengendalian Barang Milik Daerah pada SKPD|Laporan
2.07.01.2.03.0005|Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada SKPD|Jumlah Laporan Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada SKPD|Laporan
2.07.01.2.03.0006|Penatausahaan Barang Milik Daerah pada SKPD|Jumlah Laporan Penatausahaan Barang Milik Daerah pada SKPD|Laporan
2.07.01.2.03.0007|Pemanfaatan Barang Milik Daerah SKPD|Jumlah Dokumen Hasil Pemanfaatan Barang Milik Daerah SKPD|Dokumen
2.07.01.2.04|Administrasi Pendapatan Daerah Kewenangan Perangkat Daerah||
2.07.01.2.04.0001|Perencanaan Pengelolaan Retribusi Daerah|Jumlah Dokumen Rencana Pengelolaan Retribusi Daerah|Dokumen
2.07.01.2.04.0002|Analisa dan Pengembangan Retribusi Daerah, serta Penyusunan Kebijakan Retribusi Daerah|Jumlah Dokumen Hasil Analisis serta Pengembangan Retribusi Daerah dan Kebijakan Retribusi Daerah|Dokumen
2.07.01.2.04.0003|Penyuluhan dan Penyebarluasan Kebijakan Retribusi Daerah|Jumlah Laporan Hasil Penyuluhan dan Penyebarluasan Kebijakan Retribusi Daerah|Laporan
2.07.01.2.04.0004|Pendataan dan Pendaftaran Objek Retribusi Daerah|Jumlah Data Objek, Subjek dan Wajib Retribusi Daerah|Dokumen
2.07.01.2.04.0005|Pengolahan Data Retribusi Daerah|Jumlah Laporan Hasil Pengolahan, Pemeliharaan, dan Pelaporan Data Retribusi Daerah|Laporan
2.07.01.2.04.0006|Penetapan Wajib Retribusi Daerah|Jumlah Dokumen Ketetapan Retribusi Daerah|Dokumen
2.07.01.2.04.0007|Pelaporan Pengelolaan Retribusi Daerah|Jumlah Laporan Pengelolaan Retribusi Daerah|Dokumen
2.07.01.2.05|Administrasi Kepegawaian Perangkat Daerah||
2.07.01.2.05.0001|Peningkatan Sarana dan Prasarana Disiplin Pegawai|Jumlah Unit Peningkatan Sarana dan Prasarana Disiplin Pegawai|Unit
2.07.01.2.05.0002|Pengadaan Pakaian Dinas beserta Atribut Kelengkapannya|Jumlah Paket Pakaian Dinas beserta Atribut Kelengkapan|Paket
2.07.01.2.05.0003|Pendataan dan Pengolahan Administrasi Kepegawaian|Jumlah Dokumen Pendataan dan Pengolahan Administrasi Kepegawaian|Dokumen
2.07.01.2.05.0004|Koordinasi dan Pelaksanaan Sistem Informasi Kepegawaian|Jumlah Dokumen Hasil Koordinasi dan Pelaksanaaan Sistem Informasi Kepegawaian|Dokumen
2.07.01.2.05.0005|Monitoring, Evaluasi, dan Penilaian Kinerja Pegawai|Jumlah Dokumen Monitoring, Evaluasi, dan Penilaian Kinerja Pegawai|Dokumen
2.07.01.2.05.0006|Pemulangan Pegawai yang Pensiun|Jumlah Pegawai Pensiun yang Dipulangkan|Orang
2.07.01.2.05.0007|Pemulangan Pegawai yang Meninggal dalam Melaksanakan Tugas|Jumlah Laporan Hasil Pemulangan Pegawai yang Meninggal dalam Melaksanakan Tugas|Laporan
2.07.01.2.05.0008|Pemindahan Tugas ASN|Jumlah ASN yang dipindahtugaskan|Orang
2.07.01.2.05.0009|Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi|Jumlah Pegawai Berdasarkan Tugas dan Fungsi yang Mengikuti Pendidikan dan Pelatihan|Orang
2.07.01.2.05.0010|Sosialisasi Peraturan Perundang-Undangan|Jumlah Orang yang Mengikuti Sosialisasi Peraturan Perundang-Undangan|Orang
2.07.01.2.05.0011|Bimbingan Teknis Implementasi Peraturan Perundang-Undangan|Jumlah Orang yang Mengikuti Bimbingan Teknis Implementasi Peraturan Perundang-Undangan|Orang
2.07.01.2.06|Administrasi Umum Perangkat Daerah||
2.07.01.2.06.0001|Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor|Jumlah Paket Komponen Instalasi Listrik/Penerangan Bangunan Kantor yang Disediakan|Paket
2.07.01.2.06.0002|Penyediaan Peralatan dan Perlengkapan Kantor|Jumlah Paket Peralatan dan Perlengkapan Kantor yang Disediakan|Paket
2.07.01.2.06.0003|Penyediaan Peralatan Rumah Tangga|Jumlah Paket Peralatan Rumah Tangga yang Disediakan|Paket
2.07.01.2.06.0004|Penyediaan Bahan Logistik Kantor|Jumlah Paket Bahan Logistik Kantor yang Disediakan|Paket
2.07.01.2.06.0005|Penyediaan Barang Cetakan dan Penggandaan|Jumlah Paket Barang Cetakan dan Penggandaan yang Disediakan|Paket
2.07.01.2.06.0006|Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan|Jumlah Dokumen Bahan Bacaan dan Peraturan Perundang-Undangan yang Disediakan|Dokumen
2.07.01.2.06.0007|Penyediaan Bahan/Material|Jumlah Paket Bahan/Material yang Disediakan|Paket
2.07.01.2.06.0008|Fasilitasi Kunjungan Tamu|Jumlah Laporan Fasilitasi Kunjungan Tamu|Laporan
2.07.01.2.06.0009|Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD|Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD|Laporan
2.07.01.2.06.0010|Penatausahaan Arsip Dinamis pada SKPD|Jumlah Dokumen Penatausahaan Arsip Dinamis pada SKPD|Dokumen
2.07.01.2.06.0011|Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD|Jumlah Dokumen Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD|Dokumen
2.07.01.2.07|Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah||
2.07.01.2.07.0001|Pengadaan Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan|Jumlah Unit Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan yang Disediakan|Unit
2.07.01.2.07.0002|Pengadaan Kendaraan Dinas Operasional atau Lapangan|Jumlah Unit Kendaraan Dinas Operasional atau Lapangan yang Disediakan|Unit
2.07.01.2.07.0003|Pengadaan Alat Besar|Jumlah Unit Alat Besar yang Disediakan|Unit
2.07.01.2.07.0004|Pengadaan Alat Angkutan Darat Tak Bermotor|Jumlah Unit Alat Angkutan Darat Tak Bermotor yang Disediakan|Unit
2.07.01.2.07.0005|Pengadaan Mebel|Jumlah Paket Mebel yang Disediakan|Unit
2.07.01.2.07.0006|Pengadaan Peralatan dan Mesin Lainnya|Jumlah Unit Peralatan dan Mesin Lainnya yang Disediakan|Unit
2.07.01.2.07.0007|Pengadaan Aset Tetap Lainnya|Jumlah Unit Aset Tetap Lainnya yang Disediakan|Unit
2.07.01.2.07.0008|Pengadaan Aset Tak Berwujud|Jumlah Unit Aset Tak Berwujud yang Disediakan|Unit
2.07.01.2.07.0009|Pengadaan Gedung Kantor atau Bangunan Lainnya|Jumlah Unit Gedung Kantor atau Bangunan Lainnya yang Disediakan|Unit
2.07.01.2.07.0010|Pengadaan Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya|Jumlah Unit Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya yang Disediakan|Unit
2.07.01.2.07.0011|Pengadaan Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya|Jumlah Unit Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya yang Disediakan|Unit
2.07.01.2.08|Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah||
2.07.01.2.08.0001|Penyediaan Jasa Surat Menyurat|Jumlah Laporan Penyediaan Jasa Surat Menyurat|Laporan
2.07.01.2.08.0002|Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik|Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik yang Disediakan|Laporan
2.07.01.2.08.0003|Penyediaan Jasa Peralatan dan Perlengkapan Kantor|Jumlah Laporan Penyediaan Jasa Peralatan dan Perlengkapan Kantor yang Disediakan|Laporan
2.07.01.2.08.0004|Penyediaan Jasa Pelayanan Umum Kantor|Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang Disediakan|Laporan
2.07.01.2.09|Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah||
2.07.01.2.09.0001|Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan|Jumlah Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan yang Dipelihara dan dibayarkan Pajaknya|Unit
2.07.01.2.09.0002|Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan|Jumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara dan dibayarkan Pajak dan Perizinannya|Unit
2.07.01.2.09.0003|Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Perizinan Alat Besar|Jumlah Alat Besar yang Dipelihara dan dibayarkan Perizinannya|Unit
2.07.01.2.09.0004|Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Perizinan Alat Angkutan Darat Tak Bermotor|Jumlah Alat Angkutan Darat Tak Bermotor yang Dipelihara dan Dibayarkan Perizinannya|Unit
2.07.01.2.09.0005|Pemeliharaan Mebel|Jumlah Mebel yang Dipelihara|Unit
2.07.01.2.09.0006|Pemeliharaan Peralatan dan Mesin Lainnya|Jumlah Peralatan dan Mesin Lainnya yang Dipelihara|Unit
2.07.01.2.09.0007|Pemeliharaan Aset Tetap Lainnya|Jumlah Aset Tetap Lainnya yang Dipelihara|Unit
2.07.01.2.09.0008|Pemeliharaan Aset Tak Berwujud|Jumlah Aset Tak Berwujud yang Dipelihara|Unit
2.07.01.2.09.0009|Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya|Jumlah Gedung Kantor dan Bangunan Lainnya yang Dipelihara/Direhabilitasi|Unit
2.07.01.2.09.0010|Pemeliharaan/Rehabilitasi Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya|Jumlah Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya yang Dipelihara/Direhabilitasi|Unit
2.07.01.2.09.0011|Pemeliharaan/Rehabilitasi Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya|Jumlah Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya yang Dipelihara/Direhabilitasi|Unit
2.07.01.2.09.0012|Pemeliharaan/Rehabilitasi Tanah|Luas Tanah yang Dilakukan Pemeliharaan/Rehabilitasi|Ha
2.07.01.2.10|Peningkatan Pelayanan BLUD||
2.07.01.2.10.0001|Pelayanan dan Penunjang Pelayanan BLUD|Jumlah BLUD yang Menyediakan Pelayanan dan Penunjang Pelayanan|Unit Kerja
2.07.02|PROGRAM PERENCANAAN TENAGA KERJA||
2.07.02.2.01|Penyusunan Rencana Tenaga Kerja (RTK)||
2.07.02.2.01.0001|Penyusunan Rencana Tenaga Kerja Makro|Jumlah Dokumen Rencana Tenaga Kerja Makro|Dokumen
2.07.02.2.01.0002|Penyusunan Rencana Tenaga Kerja Mikro||
2.07.02.2.01.0003|Fasilitasi Penyusunan Rencana Tenaga Kerja Mikro|Jumlah SDM Perusahaan yang mampu menyusun RTK Mikro|Orang
2.07.03|PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA||
2.07.03.2.01|Pelaksanaan Pelatihan berdasarkan Unit Kompetensi||
2.07.03.2.01.0001|Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari Kerja berdasarkan Klaster Kompetensi|Jumlah Tenaga Kerja yang Mendapat Pelatihan Berbasis Kompetensi pada Tahun n|Orang
2.07.03.2.01.0002|Koordinasi Lintas Lembaga dan Kerja Sama dengan Sektor Swasta untuk Penyediaan Instruktur serta Sarana dan Prasarana Lembaga Pelatihan Kerja|Jumlah Kesepakatan/Koordinasi dalam rangka Optimalisasi Kapasitas Instruktur dan Peningkatan Sarana Prasarana Pelatihan Vokasi dan Produktivitas pada Tahun n|Lembaga
2.07.03.2.01.0003|Pengadaan Sarana Pelatihan Kerja Kabupaten/Kota|Jumlah Pengadaan dan Pemeliharaan Sarana Pelatihan Kerja|Unit
2.07.03.2.01.0004|Proses Pelaksanaan Pendidikan dan Pelatihan Vokasi bagi Pencari Kerja berdasarkan Unit Kompetensi|Jumlah tenaga kerja yang mendapat pelatihan berbasis kompetensi pada tahun n|Orang
2.07.03.2.01.0005|Pengadaan Sarana Pelatihan Vokasi dan Produktivitas|Jumlah pengadaan dan pemeliharaan sarana pelatihan Vokasi dan Produktivitas|Lembaga
2.07.03.2.01.0006|Koordinasi Lintas Lembaga dan Kerja Sama Dengan Sektor Swasta untuk Penyediaan Instruktur serta Sarana dan Prasarana Lembaga Pelatihan Vokasi dan Produktivitas|Jumlah kesepakatan/koordinasi dalam rangka optimalisasi kapasitas instruktur dan peningkatan sarana prasarana pelatihan vokasi dan produktivitas pada tahun n|Kesepakatan
2.07.03.2.02|Pembinaan Lembaga Pelatihan Kerja Swasta||
2.07.03.2.02.0001|Pembinaan Lembaga Pelatihan Kerja Swasta|Jumlah Lembaga Pelatihan Kerja Swasta yang Dibina|Lembaga
2.07.03.2.03|Perizinan dan Pendaftaran Lembaga Pelatihan Kerja||
2.07.03.2.03.0001|Penyediaan Sumber Daya Perizinan Lembaga Pelatihan Kerja Secara Terintegrasi|Jumlah Sumber Daya Perizinan Lembaga Pelatihan Kerja Secara Terintegrasi|Perizinan
2.07.03.2.04|Konsultansi Produktivitas pada Perusahaan Kecil||
2.07.03.2.04.0001|Pelaksanaan Konsultasi Produktivitas kepada Perusahaan Kecil|Jumlah Perusahaan Kecil yang Mendapat Konsultansi Peningkatan Produktivitas|Perusahaan
2.07.03.2.05|Pengukuran Produktivitas Tingkat Daerah Kabupaten/Kota||
2.07.03.2.05.0001|Pengukuran Kompetensi dan Produktivitas Tenaga Kerja|Jumlah Dokumen Hasil Pengukuran Produktivitas dan Daya Saing Tenaga Kerja di Tingkat Daerah|Dokumen
2.07.04|PROGRAM PENEMPATAN TENAGA KERJA||
2.07.04.2.01|Pelayanan antar Kerja di Daerah Kabupaten/Kota||
2.07.04.2.01.0001|Penyediaan Sumber Daya Pelayanan antar Kerja|Jumlah SDM Pelayanan antar Kerja yang Mendapatkan Pelatihan Melalui Bimtek dan lain-lain untuk Peningkatan Kompetensi|Orang
2.07.04.2.01.0002|Pelayanan antar Kerja|Jumlah Tenaga Kerja yang Ditempatkan Melalui Layanan AKAD dan AKL|Orang
2.07.04.2.01.0003|Penyuluhan dan Bimbingan Jabatan bagi Pencari Kerja|Jumlah Pencari Kerja yang Mendapatkan Penyuluhan dan Bimbingan Jabatan|Orang
2.07.04.2.01.0004|Penyelenggaraan Unit Layanan Disabilitas Ketenagakerjaan|Jumlah Tenaga Kerja Disabilitas yang Mendapatkan Fasilitasi Layanan ULD|Orang
2.07.04.2.01.0005|Perluasan Kesempatan Kerja|Jumlah Tenaga Kerja yang Diberdayakan Melalui program Perluasan Kesempatan Kerja|Orang
2.07.04.2.02|Penerbitan Izin Lembaga Penempatan Tenaga Kerja Swasta (LPTKS) dalam 1 (Satu) Daerah Kabupaten/Kota||
2.07.04.2.02.0001|Penyediaan Sumber Daya Perizinan LPTKS Secara Terintegrasi|Jumlah Perizinan LPTKS yang Terintegrasi|Lembaga
2.07.04.2.02.0002|Pengawasan dan Pengendalian LPTKS|Jumlah LPTKS yang Dilakukan Pengawasan dan Pengendalian Sesuai dengan Aturan yang Berlaku|Lembaga
2.07.04.2.03|Pengelolaan Informasi Pasar Kerja||
2.07.04.2.03.0001|Pemeliharaan dan Operasional Aplikasi Informasi Pasar Kerja Online|Jumlah Data dan Informasi yang Dihasilkan Aplikasi Informasi Pasar Kerja Online|Dokumen
2.07.04.2.03.0002|Pelayanan dan Penyediaan Informasi Pasar Kerja Online|Jumlah Pencari dan Pemberi Kerja yang Terdaftar dalam Pasar Kerja Melalui Sistem Online (Karir Hub)|Orang
2.07.04.2.03.0003|Job Fair/Bursa Kerja|Jumlah Pencari Kerja yang Mendapatkan Pekerjaan Melalui Job Fair/Bursa Kerja|Orang
2.07.04.2.04|Pelindungan PMI (Pra dan Purna Penempatan) di Daerah Kabupaten/Kota||
2.07.04.2.04.0001|Peningkatan Pelindungan dan Kompetensi Calon Pekerja Migran Indonesia (PMI)/Pekerja Migran Indonesia (PMI)|Jumlah CPMI/PMI yang Dilindungi dan Ditingkatkan Kompetensinya|Orang
2.07.04.2.04.0002|Penyediaan Layanan Terpadu pada Calon Pekerja Migran|Jumlah CPMI yang Terlayani sesuai Prosedur dalam LTSA dan PMI Bermasalah yang Ditangani|Orang
2.07.04.2.04.0003|Pemberdayaan Pekerja Migran Indonesia Purna Penempatan|Jumlah PMI Purna yang Diberdayakan|Orang
2.07.04.2.05|Penerbitan Perpanjangan IMTA yang Lokasi Kerja dalam 1 (satu) Daerah Kabupaten/Kota||
2.07.04.2.05.0001|Koordinasi dan Sinkronisasi Perpanjangan IMTA yang Lokasi Kerja dalam 1 (satu) Daerah Kabupaten/Kota||
2.07.05|PROGRAM HUBUNGAN INDUSTRIAL||
2.07.05.2.01|Pengesahan Peraturan Perusahaan dan Pendaftaran Perjanjian Kerja Bersama untuk Perusahaan yang Hanya Beroperasi dalam 1 (Satu) Daerah Kabupaten/Kota||
2.07.05.2.01.0001|Pengesahan Peraturan Perusahaan bagi Perusahaan|Jumlah Perusahaan yang Melaksanakan Pengesahan Peraturan Perusahaan yang Terkait dengan Hubungan Industrial dan Terdaftar di WLKP Online|Perusahaan
2.07.05.2.01.0002|Pendaftaran Perjanjian Kerja Sama bagi Perusahaan|Jumlah Perusahaan yang Menyusun Perjanjian Kerja Bersama|Perusahaan
2.07.05.2.01.0003|Penyelenggaraan Pendataan dan Informasi Sarana Hubungan Industrial dan Jaminan Sosial Tenaga Kerja serta Pengupahan|Jumlah Data dan Informasi Sarana HI (PP/PKB, Struktur Skala Upah, dan LKS Bipartit) dan Pekerja yang Terdaftar sebagai Peserta Jamsostek serta Pengupahan|Laporan
2.07.05.2.02|Pencegahan dan Penyelesaian Perselisihan Hubungan Industrial, Mogok Kerja dan Penutupan Perusahaan di Daerah Kabupaten/Kota||
2.07.05.2.02.0001|Pencegahan Perselisihan Hubungan Industrial, Mogok Kerja, dan Penutupan Perusahaan yang Berakibat/Berdampak pada Kepentingan di 1 (Satu) Daerah Kabupaten/Kota|Jumlah Perselisihan yang Dicegah|Perkara
2.07.05.2.02.0002|Penyelesaian Perselisihan Hubungan Industrial, Mogok Kerja, dan Penutupan Perusahaan yang Berakibat/Berdampak pada Kepentingan di 1 (satu) Daerah Kabupaten/Kota|Jumlah Perkara Perselisihan yang Terselesaikan|Perkara
2.07.05.2.02.0003|Penyelenggaraan Verifikasi dan Rekapitulasi Keanggotaan pada Organisasi Pengusaha, Federasi dan Konfederasi Serikat Pekerja/Serikat Buruh serta Non Afiliasi|Jumlah Asosiasi Pengusaha dan Serikat Pekerja yang Diverifikasi|Asosiasi dan Serikat Pekerja
2.07.05.2.02.0004|Pelaksanaan Operasional Lembaga Kerja Sama Tripartit Daerah Kabupaten/Kota|Jumlah LKS Tripartit yang Dibina|Lembaga
2.07.05.2.02.0005|Pengembangan Pelaksanaan Jaminan Sosial Tenaga Kerja dan Fasilitas Kesejahteraan Pekerja|Terlaksananya Program Jaminan Sosial Tenaga Kerja dan Fasilitas Kesejahteraan Pekerja|Orang
"""
