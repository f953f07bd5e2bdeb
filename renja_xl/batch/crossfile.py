"""Checks a Bappeda makes across the files of a folder, fed one result at a time (memory by PD and kode, not by file).

The rules, their messages and default severities are registered rules of family
*antarberkas* (:mod:`renja_xl.rules.families.crossfile`, ``renja-xl rules RXL951``):

* **RXL951**: a Perangkat Daerah's total pagu n in its Renja is above its ceiling
  (pagu indikatif per PD, ``--pagu-pd FILE``: CSV or XLSX with a PD column and a pagu
  column, e.g. from the KUA-PPAS or the RKPD);
* **RXL952**: the total is below the ceiling (room left);
* **RXL953**: a PD with a Renja has no line in the ceiling file;
* **RXL954**: a line of the ceiling file has no Renja among the files;
* **RXL955**: one kode written with different names in different files;
* **RXL956**: the same program (kode, else name) of one PD and year has a
  different pagu or target in the Renja and in another document (RKT, PK, LKjIP).

``renja-xl.ini`` switches them off or changes their severity as for any rule (the
settings of ``--config``, else of the folder holding the inputs, else of the current folder).

PD names are compared without case, punctuation and with the usual abbreviations
spelled out (Disnaker = Dinas Tenaga Kerja); a ceiling line naming the PD without its
region (``Dinas Tenaga Kerja``) matches a title that adds it (``… Kota Depok``). Pagu
are totalled per PD and year; a ceiling line with a ``tahun`` column is compared with
that year's Renja, one without with the PD's latest.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import InputError
from ..parse.numbers import parse_number
from ..rules.base import number_text
from ..rules.config import CheckConfig
from .result import FileResult

RULES = ("RXL951", "RXL952", "RXL953", "RXL954", "RXL955", "RXL956")
ABBREVIATIONS = {
    "disnaker": "dinas tenaga kerja", "disnakertrans": "dinas tenaga kerja dan transmigrasi",
    "disnakersos": "dinas tenaga kerja dan sosial", "dinkes": "dinas kesehatan", "disdik": "dinas pendidikan",
    "disdikbud": "dinas pendidikan dan kebudayaan", "dishub": "dinas perhubungan", "dinsos": "dinas sosial",
    "disperindag": "dinas perindustrian dan perdagangan", "dispora": "dinas pemuda dan olahraga",
    "disparbud": "dinas pariwisata dan kebudayaan", "dukcapil": "dinas kependudukan dan pencatatan sipil",
    "disdukcapil": "dinas kependudukan dan pencatatan sipil", "diskominfo": "dinas komunikasi dan informatika",
    "bappeda": "badan perencanaan pembangunan daerah", "bapelitbangda": "badan perencanaan penelitian dan "
    "pengembangan daerah", "bpkad": "badan pengelolaan keuangan dan aset daerah", "bpbd": "badan penanggulangan "
    "bencana daerah", "bkpsdm": "badan kepegawaian dan pengembangan sumber daya manusia", "bkd": "badan "
    "kepegawaian daerah", "satpol": "satuan polisi", "pp": "pamong praja", "kab": "kabupaten", "setda":
    "sekretariat daerah", "setwan": "sekretariat dprd", "pupr": "dinas pekerjaan umum dan penataan ruang",
    "dlh": "dinas lingkungan hidup", "rsud": "rumah sakit umum daerah", "dpmptsp": "dinas penanaman modal dan "
    "pelayanan terpadu satu pintu",
}
PD_HEADERS = ("perangkat daerah", "nama perangkat daerah", "pd", "opd", "skpd", "nama pd", "nama opd", "nama skpd",
              "unit kerja", "instansi", "nama")
PAGU_HEADERS = ("pagu indikatif", "pagu", "pagu n", "plafon", "plafon anggaran", "ppas", "anggaran", "pagu anggaran",
                "jumlah", "total", "nilai")


REGION_WORDS = {"kota", "kabupaten", "provinsi", "pemerintah", "pemkot", "pemkab", "pemprov"}


def norm_pd(name: str) -> str:
    """A PD name for comparing: no case or punctuation, abbreviations spelled out, no 'Kota'/'Kabupaten'."""
    words = re.sub(r"[^0-9a-z]+", " ", str(name).lower()).split()
    words = " ".join(ABBREVIATIONS.get(w, w) for w in words).split()
    return " ".join(w for w in words if w not in REGION_WORDS)


def norm_name(name: str) -> str:
    text = re.sub(r"[^0-9a-z]+", " ", str(name).lower()).strip()
    return re.sub(r"^(program|kegiatan|sub kegiatan)\s+", "", text)


def _header(cell) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(cell or "").lower()).strip()


def _rows_of(path: Path) -> list:
    from ..rules.config import read_text_file

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken package
            raise InputError(f"Berkas pagu indikatif '{path.name}' tidak dapat dibaca ({type(exc).__name__}).") \
                from None
        try:
            return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)][:100_000]
        finally:
            book.close()
    text = read_text_file(path, "Berkas pagu indikatif")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@dataclass
class Ceiling:
    name: str
    pagu: float
    row: int
    year: Optional[int] = None


def load_ceilings(path) -> list[Ceiling]:
    """The ceiling per PD in a CSV or XLSX (a header row naming a PD column and a pagu column)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Berkas pagu indikatif '{path}' tidak ditemukan.")
    rows = _rows_of(path)
    for h, header in enumerate(rows[:20]):
        names = [_header(c) for c in header]
        pd_col = next((names.index(k) for k in PD_HEADERS if k in names), None)
        pagu_col = next((names.index(k) for k in PAGU_HEADERS if k in names), None)
        year_col = next((names.index(k) for k in ("tahun", "tahun anggaran", "ta") if k in names), None)
        if pd_col is None or pagu_col is None:
            continue
        out = []
        for r, row in enumerate(rows[h + 1:], start=h + 2):
            if len(row) <= max(pd_col, pagu_col) or not str(row[pd_col] or "").strip():
                continue
            parsed = parse_number(row[pagu_col])
            if parsed is None or parsed.value is None:
                raise InputError(f"Berkas pagu indikatif '{path.name}' baris {r}: '{row[pagu_col]}' bukan angka pagu.")
            year = None
            if year_col is not None and year_col < len(row) and re.fullmatch(r"\s*(19|20)\d\d(\.0)?\s*",
                                                                              str(row[year_col] or "")):
                year = int(float(str(row[year_col]).strip()))
            out.append(Ceiling(str(row[pd_col]).strip(), parsed.value, r, year))
        if not out:
            raise InputError(f"Berkas pagu indikatif '{path.name}' tidak berisi satu baris pun.")
        return out
    raise InputError(f"Berkas pagu indikatif '{path.name}' tidak memiliki baris judul dengan kolom Perangkat Daerah "
                     "dan kolom pagu (mis. 'perangkat_daerah,pagu').")


@dataclass
class CrossFinding:
    rule: str
    severity: str
    message: str
    perangkat_daerah: str = ""
    kode: str = ""
    file: str = ""
    sheet: str = ""
    cell: str = ""

    @property
    def name(self) -> str:
        """The rule's short Indonesian title (the rekap's column *Nama*)."""
        from ..rules.base import REGISTRY

        return getattr(REGISTRY.get(self.rule), "title", self.rule)

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "perangkat_daerah": self.perangkat_daerah, "kode": self.kode, "file": self.file,
                "locations": [{"sheet": self.sheet, "cell": self.cell}] if self.sheet else []}


def _rp(value: float) -> str:
    return f"Rp {number_text(round(value))}"


@dataclass
class _PD:
    name: str
    pagu: float = 0.0
    files: list = field(default_factory=list)
    first: tuple = ("", "", "")   # file, sheet, cell of the first pagu


class CrossFile:
    """Fed with each file's result (:meth:`add`); :meth:`findings` at the end."""

    MAX_FILES_NAMED = 3

    def __init__(self, ceilings: Optional[list] = None, config: Optional[CheckConfig] = None):
        from ..rules import REGISTRY, all_rules

        all_rules()
        self.ceilings = ceilings
        self.rules = {}   # code -> the rule with its settings (severity); a rule switched off is not here
        for code in RULES:
            settings = (config or CheckConfig()).settings(code)
            if settings.enabled:
                self.rules[code] = REGISTRY[code](settings.severity, settings.options)
        self.renja: dict = {}      # (norm PD, year) -> _PD (Renja pagu n totals)
        self.display: dict = {}    # norm PD -> the name shown
        self.names: dict = {}      # kode -> {norm name: [name, files count, [files…], (file, sheet, cell)]}
        self.kode_files: dict = {}  # kode -> how many files use it
        self.programs: dict = {}   # (norm PD, year) -> {program key: [(document, file, pagu, target, sheet, cell)]}

    def add(self, result: FileResult) -> None:
        if result.error is not None:
            return
        meta = result.meta or {}
        pd = meta.get("perangkat_daerah") or ""
        key = norm_pd(pd)
        pagu = (result.figures or {}).get("pagu_n")
        if meta.get("dokumen") == "Renja" and pagu is not None:
            shown = self.display.setdefault(key, pd)   # one PD, one spelling: the first seen
            entry = self.renja.setdefault((key, meta.get("tahun")), _PD(shown))
            entry.pagu += pagu
            entry.files.append(result.file)
            if not entry.first[0]:   # where the finding points: the first program's pagu, else the file
                first = (result.programs or [{}])[0]
                entry.first = (result.file, first.get("sheet", ""), first.get("cell", ""))
        for kode in {k[0] for k in result.kodes or []}:
            self.kode_files[kode] = self.kode_files.get(kode, 0) + 1
        for kode, name, sheet, cell in result.kodes or []:
            variants = self.names.setdefault(kode, {})
            n = norm_name(name)
            if n not in variants:
                variants[n] = [name, 0, [], (result.file, sheet, cell)]
            entry = variants[n]
            entry[1] += 1
            if len(entry[2]) < self.MAX_FILES_NAMED and result.file not in entry[2]:
                entry[2].append(result.file)
        year = meta.get("tahun")
        for program in result.programs or []:
            pkey = program.get("kode") or norm_name(program.get("program", ""))
            if not pkey:
                continue
            self.programs.setdefault((key, year), {}).setdefault(pkey, []).append(
                (meta.get("dokumen"), result.file, program.get("pagu_n"), program.get("target", ""),
                 program.get("sheet", ""), program.get("cell", ""), pd, program.get("program", "")))

    # --- at the end ---------------------------------------------------------------------------------

    def _finding(self, code: str, out: list, values: dict, **where: str) -> None:
        """Append rule ``code``'s finding, its message template filled from ``values``, at ``where`` (the PD,
        kode, file, sheet and cell of :class:`CrossFinding`); nothing when the rule is switched off."""
        rule = self.rules.get(code)
        if rule is not None:
            out.append(CrossFinding(code, rule.active_severity.value, rule.message.format(**values), **where))

    def findings(self) -> list[CrossFinding]:
        out = self._ceiling_findings() if self.ceilings is not None else []
        out += self._name_findings()
        out += self._program_findings()
        return out

    def _match(self) -> tuple[dict, list]:
        """(PD key, year) -> ceiling, and the ceilings no Renja matched."""
        by_key: dict = {}
        for c in self.ceilings:
            by_key.setdefault(norm_pd(c.name), []).append(c)
        years: dict = {}
        for key, year in self.renja:
            years.setdefault(key, []).append(year)
        matched, used = {}, set()
        for key, seen in years.items():
            found = by_key.get(key)
            if found is None:   # the ceiling names the PD without its region
                prefixes = [k for k in by_key if key.startswith(k + " ")]
                found = by_key[max(prefixes, key=len)] if prefixes else None
            if not found:
                continue
            latest = max((y for y in seen if y is not None), default=None)
            for ceiling in found:
                year = ceiling.year if ceiling.year is not None else latest
                if year in seen or (year is None and None in seen):
                    matched[(key, year)] = ceiling
                    used.add(id(ceiling))
        return matched, [c for c in self.ceilings if id(c) not in used]

    def ceiling_of(self, pd_name: str, year) -> Optional[Ceiling]:
        return self._match()[0].get((norm_pd(pd_name), year))

    def _ceiling_findings(self) -> list:
        out = []
        matched, unused = self._match()
        with_ceiling = {key for key, _ in matched}
        latest: dict = {}
        for key, year in self.renja:
            if year is not None and (key not in latest or year > latest[key]):
                latest[key] = year
        for (key, year), entry in sorted(self.renja.items(), key=lambda kv: (kv[1].name, kv[0][1] or 0)):
            files = ", ".join(Path(f).name for f in entry.files[:self.MAX_FILES_NAMED])
            files += f" dan {len(entry.files) - self.MAX_FILES_NAMED} lainnya" if len(entry.files) > 3 else ""
            where = dict(zip(("file", "sheet", "cell"), entry.first))
            label = f"{entry.name} ({year})" if year else entry.name
            ceiling = matched.get((key, year))
            if ceiling is None:
                if key not in with_ceiling and year == latest.get(key):
                    self._finding("RXL953", out, {"label": label, "pagu": _rp(entry.pagu), "berkas": files},
                                  perangkat_daerah=entry.name, **where)
                continue
            gap = entry.pagu - ceiling.pagu
            if abs(gap) > 0.5:
                self._finding("RXL951" if gap > 0 else "RXL952", out,
                              {"label": label, "pagu": _rp(entry.pagu), "pagu_indikatif": _rp(ceiling.pagu),
                               "baris": ceiling.name, "selisih": _rp(abs(gap)), "berkas": files},
                              perangkat_daerah=entry.name, **where)
        for ceiling in unused:
            self._finding("RXL954", out, {"pd": ceiling.name, "pagu_indikatif": _rp(ceiling.pagu),
                                          "baris": ceiling.row}, perangkat_daerah=ceiling.name)
        return out

    def _name_findings(self) -> list:
        out = []
        for kode in sorted(self.names):
            variants = self.names[kode]
            if len(variants) < 2:
                continue
            if all(v[1] == self.kode_files[kode] for v in variants.values()):
                continue   # every file has every name: they differ inside each file, the cross-table rules say so
            ranked = sorted(variants.values(), key=lambda v: (-v[1], v[0]))
            common = ranked[0]
            parts = []
            for name, count, files, _ in ranked:
                shown = ", ".join(Path(f).name for f in files)
                more = f" dan {count - len(files)} lainnya" if count > len(files) else ""
                parts.append(f"'{name}' ({count} berkas: {shown}{more})")
            for name, count, files, first in ranked[1:]:
                score = difflib.SequenceMatcher(None, norm_name(name), norm_name(common[0])).ratio()
                self._finding("RXL955", out, {"kode": kode, "jumlah": len(variants), "nama_nama": "; ".join(parts),
                                              "nama": name, "kemiripan": f"{score:.0%}", "nama_umum": common[0]},
                              kode=kode, file=first[0], sheet=first[1], cell=first[2])
        return out

    def _program_findings(self) -> list:
        out = []
        for (pd_key, year), programs in sorted(self.programs.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
            for pkey, seen in programs.items():
                renja = [s for s in seen if s[0] == "Renja"]
                others = [s for s in seen if s[0] != "Renja"]
                if not renja or not others:
                    continue
                base = renja[0]
                for other in others:
                    diffs = []
                    if base[2] is not None and other[2] is not None and abs(base[2] - other[2]) > 0.5:
                        diffs.append(f"pagu {_rp(base[2])} di Renja, {_rp(other[2])} di {other[0]}")
                    if base[3] and other[3] and _target(base[3]) != _target(other[3]) and \
                            None not in (_target(base[3]), _target(other[3])):
                        diffs.append(f"target '{base[3]}' di Renja, '{other[3]}' di {other[0]}")
                    if diffs:
                        self._finding("RXL956", out,
                                      {"pd": base[6], "tahun": year or "", "program": base[7],
                                       "berkas_renja": Path(base[1]).name, "berkas_lain": Path(other[1]).name,
                                       "perbedaan": "; ".join(diffs)},
                                      perangkat_daerah=base[6], kode=pkey if re.match(r"\d", pkey) else "",
                                      file=other[1], sheet=other[4], cell=other[5])
        return out


def _target(text: str) -> Optional[float]:
    parsed = parse_number(str(text).split()[0] if str(text).split() else "")
    return parsed.value if parsed is not None else None
