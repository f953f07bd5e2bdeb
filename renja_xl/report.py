"""The result of checking one workbook: its tables and findings, as JSON or as lines of text.

Findings of one rule with one cause across many rows (every target of a column typed as
text, every capaian of a column written as 100%) read as one :class:`Entry` listing their
cells (:func:`group_findings`): the text report and the Hasil Validasi sheet show such a
group as one line, its members on request (``--rinci``, or the + beside the line).
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from .rules.base import Finding, Severity
from .snapshot import CELL_REF


@dataclass
class FileReport:
    """One workbook's check: where its tables are and what is wrong with them."""

    file: str
    tables: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    error: Optional[str] = None        # the sentence when the file could not be used
    output: Optional[str] = None       # the checked copy written, if any

    def summary(self) -> dict:
        return severity_counts(self.findings)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == Severity.ERROR for f in self.findings)

    def to_dict(self) -> dict:
        return {key: value if isinstance(value, (list, dict, str, type(None))) else list(value)
                for key, value in self.json_fields()}

    def json_fields(self, encoded: bool = False) -> list:
        """(key, value) of the JSON object; the findings as an iterator, each made into a dict when written
        (``encoded``: into its JSON text, :func:`finding_texts`, for :func:`json_lines`)."""
        if self.error is not None:
            return [("file", self.file), ("error", self.error)]
        findings = EncodedItems(finding_texts(self.findings)) if encoded else (f.to_dict() for f in self.findings)
        return [("file", self.file), ("tables", [table_dict(t) for t in self.tables]),
                ("findings", findings), ("summary", self.summary())]


def json_lines(fields: Iterable[tuple[str, object]], margin: str = "  ") -> Iterator[str]:
    """A file's JSON object as lines: a key per line, each item of a list (or an iterator) on a line of its own.

    The same JSON as ``json.dumps(dict(fields))``, readable (one finding per line, for
    grep), and written piece by piece by the C encoder: indenting every value takes the
    pure-Python encoder, five times slower, and holds the whole text at once; an iterator
    (the findings) is never held as a list of dicts either. The items of
    :class:`EncodedItems` are written as they are (each stands for the value it encodes).
    A list's items come about 64 KB of text at a time (one text holding their lines).
    """
    dumps = _ENCODER.encode
    inner = margin + "  "
    fields = list(fields)
    yield margin + "{"
    for i, (key, value) in enumerate(fields):
        comma = "," if i < len(fields) - 1 else ""
        name = dumps(key)
        if isinstance(value, (list, tuple, EncodedItems)) or hasattr(value, "__next__"):
            items = iter(value.texts) if type(value) is EncodedItems else map(dumps, value)
            first = next(items, _NOTHING)
            if first is _NOTHING:
                yield f"{inner}{name}: []{comma}"
                continue
            yield f"{inner}{name}: ["
            between, item = f",\n{inner}  ", first
            while item is not _NOTHING:   # items of about 64 KB of text a piece (a finding may name a hundred cells)
                batch, size = [], 0
                while item is not _NOTHING and size < _PIECE:
                    batch.append(item)
                    size += len(item)
                    item = next(items, _NOTHING)
                yield f"{inner}  {between.join(batch)}{',' if item is not _NOTHING else ''}"
            yield f"{inner}]{comma}"
        else:
            yield f"{inner}{name}: {dumps(value)}{comma}"
    yield margin + "}"


_NOTHING = object()
_PIECE = 1 << 16   # characters of a list's items given as one piece by json_lines
# one encoder for every line: json.dumps with any argument of its own builds a new encoder per call
_ENCODER = json.JSONEncoder(ensure_ascii=False)
_STRING = encode_basestring   # how that encoder writes a string (the C function, as ensure_ascii=False picks it)


class EncodedItems:
    """A list whose items are already written as JSON texts (:func:`finding_texts`): :func:`json_lines` writes
    them as they are."""

    __slots__ = ("texts",)

    def __init__(self, texts: Iterable[str]):
        self.texts = texts


def finding_texts(findings: Iterable[Finding]) -> Iterator[str]:
    """Each finding's JSON object, the text ``json.dumps(finding.to_dict(), ensure_ascii=False)`` writes.

    Put together from pieces, without a dict per finding and per cell: the rule and severity
    head, and each sheet's key, are written once (17,000 findings: 35 ms against 95 ms).
    """
    heads: dict = {}
    sheets: dict = {}
    string = _STRING
    for rule, _, severity, message, locations, _, _, _ in findings:
        head = heads.get((rule, severity))
        if head is None:
            head = heads[(rule, severity)] = (f'{{"rule": {string(rule)}, '
                                              f'"severity": {string(severity.value)}, "message": ')
        cells = []
        for sheet_name, cell in locations:
            sheet = sheets.get(sheet_name)
            if sheet is None:
                sheet = sheets[sheet_name] = f'{{"sheet": {string(sheet_name)}, "cell": '
            cells.append(sheet + string(cell) + "}")
        yield f'{head}{string(message)}, "locations": [{", ".join(cells)}]}}'


def table_dict(table) -> dict:
    """Where a table is, for JSON: from a reader :class:`~renja_xl.reader.model.Table` or the dict a batch
    worker sent back (:class:`renja_xl.batch.result.FileResult`)."""
    if isinstance(table, dict):
        return {key: table[key] for key in ("sheet", "table", "header_range", "data_range")}
    return {"sheet": table.sheet, "table": table.spec.key, "header_range": table.header_range,
            "data_range": table.data_range}


def by_sheet(findings: list[Finding]) -> dict:
    """Findings grouped by the sheet of their first cell, in workbook order."""
    groups: dict = {}
    for f in findings:
        sheet = f.locations[0].sheet if f.locations else ""
        groups.setdefault(sheet, []).append(f)
    return groups


def severity_counts(findings: list) -> dict:
    """{"error": n, "warning": n, "info": n} of a list of findings."""
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def counts_text(counts: dict) -> str:
    """``117 kesalahan, 102 peringatan, 19 info``."""
    return f"{counts.get('error', 0)} kesalahan, {counts.get('warning', 0)} peringatan, {counts.get('info', 0)} info"


def summary_sentence(counts: dict, files: int) -> str:
    return f"Ringkasan: {counts_text(counts)} di {files} berkas."


# --- what each rule means, in one sentence a reviewer reads ------------------------------------

MEANINGS = {
    "RXL000": "Sebuah aturan gagal berjalan pada buku kerja ini; aturan lain tetap berjalan (laporkan beserta berkasnya).",
    "RXL101": "Nilai kolom hitungan (realisasi, capaian, %, predikat…) tidak sama dengan rumusnya.",
    "RXL102": "Kolom hitungan terisi padahal rumusnya tidak dapat dihitung (pembagi nol atau kosong).",
    "RXL103": "Baris jumlah atau rata-rata tidak sama dengan baris-baris di atasnya.",
    "RXL104": "Realisasi capaian s.d. tahun berjalan tidak sama dengan (5)+(7)+(9) (persentase: nilai terakhir).",
    "RXL105": "Predikat yang ditulis bersama capaiannya tidak sesuai dengan rentang nilai capaian itu.",
    "RXL201": "Pagu kegiatan atau program tidak sama dengan jumlah pagu rinciannya (menurut kode).",
    "RXL202": "Baris tanpa kode di bawah sebuah baris berkode berjumlah lain dari pagu baris itu.",
    "RXL203": "Baris TOTAL PAGU tidak sama dengan jumlah pagu program.",
    "RXL301": "Program atau kegiatan yang sama berpagu berbeda di dua tabel.",
    "RXL302": "Indikator yang sama bertarget berbeda (nilai atau satuan) di dua tabel.",
    "RXL303": "IKU yang sama berealisasi berbeda di dua tabel.",
    "RXL304": "Tabel 2.4 mengubah target atau pagu rancangan awal RKPD tanpa catatan penting.",
    "RXL401": "Satuan target bertentangan dengan indikatornya (persentase dengan jumlah, atau sebaliknya).",
    "RXL402": "Target persentase ditulis sebagai pecahan (0,032 untuk 3,2%).",
    "RXL403": "Target hanya menyebut satuan tanpa angka.",
    "RXL404": "Satu sel target berisi beberapa nilai sekaligus.",
    "RXL405": "Satuan indikator yang sama berganti dari satu tahun ke tahun berikutnya.",
    "RXL406": "Target tampak bergeser beberapa baris: cocok dengan indikator baris tetangga, bukan barisnya sendiri.",
    "RXL407": "Indikator mengulang indikator baris di atasnya padahal program atau kegiatannya lain.",
    "RXL408": "Angka dapat dibaca dua cara (4.300 = 4300 atau 4,3) dan tidak ada yang menentukannya.",
    "RXL409": "Angka yang diperlukan kolom hitungan diketik sebagai teks; rumus Excel tidak dapat memakainya.",
    "RXL501": "Kode memakai pemisah tidak baku (spasi di sekitar titik, titik ganda atau di akhir, titik dua); "
              "kodenya tetap terbaca.",
    "RXL502": "Segmen kode kehilangan angka nol di depannya.",
    "RXL503": "Urusan atau bidang kode bukan milik dokumen ini.",
    "RXL504": "Kode yang sama dipakai di lebih dari satu baris tabel.",
    "RXL505": "Kegiatan atau program induk sebuah kode tidak punya baris di tabel.",
    "RXL506": "Tingkat kode bertentangan dengan isi barisnya.",
    "RXL601": "Nilai berada di kolom yang bukan tempatnya (isi baris tampak bergeser).",
    "RXL602": "Sel wajib di baris ini kosong.",
    "RXL603": "Baris bertarget tetapi pagunya nol, '-' atau kosong.",
    "RXL701": "Blok mirip tabel yang tidak dikenali, sehingga isinya tidak diperiksa.",
    "RXL801": "Kode program, kegiatan atau sub kegiatan tidak ada di nomenklatur resmi.",
    "RXL802": "Nama kode berbeda dari nomenklatur resmi.",
    "RXL803": "Satuan target sub kegiatan berbeda dari satuan di nomenklatur resmi.",
    "RXL804": "Kode sudah diganti menurut nomenklatur resmi tetapi masih dipakai.",
    "RXL901": "Target atau pagu berubah dari versi sebelumnya tanpa catatan penting.",
    "RXL951": "Jumlah pagu Renja Perangkat Daerah melebihi pagu indikatifnya.",
    "RXL952": "Jumlah pagu Renja Perangkat Daerah di bawah pagu indikatifnya (masih ada sisa).",
    "RXL953": "Perangkat Daerah yang mempunyai Renja tidak tercantum di berkas pagu indikatif.",
    "RXL954": "Pagu indikatif sebuah Perangkat Daerah tanpa berkas Renja di antara berkas yang diperiksa.",
    "RXL955": "Satu kode ditulis dengan nama berbeda di berkas-berkas yang diperiksa.",
    "RXL956": "Pagu atau target satu program berbeda antara Renja dan dokumen lain Perangkat Daerah yang sama.",
}


def meaning(rule: str) -> str:
    """What ``rule`` means, in one Indonesian sentence (the rule's own first docstring line when none is written)."""
    text = MEANINGS.get(rule)
    if text:
        return text
    from .rules.base import REGISTRY

    cls = REGISTRY.get(rule)
    return cls.description() if cls is not None else rule


# --- one rule, one cause, many rows: one line -------------------------------------------------

GROUP_MIN = 2   # findings of one rule in one column of one sheet, from this many on, read as one line
_LETTERS = re.compile(r"[A-Z]+")


def column_of(cell: str) -> str:
    """``L12`` -> ``L`` ('' for a place that is no cell)."""
    m = _LETTERS.match(cell or "")
    return m.group(0) if m else ""


@dataclass
class Entry:
    """One line of a report: a finding, or the findings of one rule in one column of one sheet (a group)."""

    findings: list

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def grouped(self) -> bool:
        return len(self.findings) > 1

    @property
    def rule(self) -> str:
        return self.first.rule

    @property
    def severity(self) -> Severity:
        return self.first.severity

    @property
    def sheet(self) -> str:
        return self.first.locations[0].sheet if self.first.locations else ""

    @property
    def column(self) -> str:
        return column_of(self.first.locations[0].cell) if self.first.locations else ""

    def cells(self) -> list:
        """The first cell of each finding, in order, each once."""
        return list(dict.fromkeys(f.locations[0].cell for f in self.findings if f.locations))

    def sentence(self, limit: int = 12, example: bool = False) -> str:
        """A group in words: ``19 temuan di kolom D: <what the rule means> Sel: D8:D18, D20:D30.``

        ``example`` adds the first finding's written and expected values, when it has them.
        """
        where = f" di kolom {self.column}" if self.column else ""
        text = f"{len(self.findings)} temuan{where}: {meaning(self.rule)} Sel: {cells_text(self.cells(), limit)}."
        first = self.first
        if example and (first.written or first.expected) and first.locations:
            shown = [f"tertulis {_short(first.written)}" if first.written else "",
                     f"seharusnya {_short(first.expected)}" if first.expected else ""]
            text += f" Misalnya {first.locations[0].cell}: " + ", ".join(p for p in shown if p) + "."
        return text


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _group_key(f: Finding) -> tuple:
    loc = f.locations[0] if f.locations else None
    return (loc.sheet if loc else "", f.rule, f.severity, column_of(loc.cell) if loc else "")


def group_findings(findings: Iterable[Finding], min_size: int = GROUP_MIN) -> list[Entry]:
    """Findings as report lines, in their order: a rule's findings in one column of one sheet, when there are
    ``min_size`` or more, become one :class:`Entry` standing where the first of them stood."""
    findings = list(findings)
    counts: dict = {}
    for f in findings:
        key = _group_key(f)
        counts[key] = counts.get(key, 0) + 1
    out: list[Entry] = []
    groups: dict = {}
    for f in findings:
        key = _group_key(f)
        if counts[key] < min_size or not f.locations:
            out.append(Entry([f]))
            continue
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = Entry([])
            out.append(entry)
        entry.findings.append(f)
    return out


def cells_text(cells: list, limit: int = 12) -> str:
    """``D8:D18, D20:D30, L7`` — cells of one column in runs of consecutive rows, the first ``limit`` pieces shown.

    What is left out is counted: ``… (+120 sel)``.
    """
    pieces: list = []
    run: list = []

    def close():
        if run:
            pieces.append(run[0][2] if len(run) == 1 else f"{run[0][2]}:{run[-1][2]}")

    for cell in cells:
        if len(pieces) > limit:
            break   # the pieces shown are complete; the cells left out are counted from those shown
        m = CELL_REF.fullmatch(cell or "")
        if m is None:
            close()
            run = []
            pieces.append(cell)
            continue
        letters, number = m.group(1), int(m.group(2))
        if run and run[-1][0] == letters and run[-1][1] + 1 == number:
            run.append((letters, number, cell))
            continue
        close()
        run = [(letters, number, cell)]
    close()
    if len(pieces) <= limit:
        return ", ".join(pieces)
    shown = pieces[:limit]
    left = len(cells) - sum(_size(p) for p in shown)
    return ", ".join(shown) + f" … (+{left} sel)"


_CELL_RUN = re.compile(r"[A-Z]+(\d+):[A-Z]+(\d+)")


def _size(piece: str) -> int:
    m = _CELL_RUN.fullmatch(piece)
    return int(m.group(2)) - int(m.group(1)) + 1 if m else 1
