"""What a rekap says about one workbook beside its findings, read from the tables already found.

* **Perangkat Daerah, document, year**: from the title lines above the tables
  (``LAPORAN KINERJA DINAS TENAGA KERJA TAHUN 2023``), else from the file name
  (``renja_2022_disnaker_balikpapan.xlsx``), else from the folder it is in;
* **pagu n and n+1**: the total of the main pagu table (the one with pagu for n and
  n+1, else the largest), summed over its top-level rows by the kode hierarchy, so
  that a program and its kegiatan are never counted twice;
* **average capaian**: the mean of the capaian columns' data cells;
* **programs**: each program row of that table (kode, name, pagu n and n+1, target);
* **kodes**: every coded row of every table (kode, name, cell), for the cross-file
  check of one kode written with several names.

Standard library only; nothing here raises on a strange workbook (a missing figure is None).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import Optional

from ..hierarchy import amount, tree_of
from ..parse.targets import Target

PD_START = re.compile(
    r"\b(dinas|badan|sekretariat|inspektorat|kantor|satuan\s+polisi|satpol|rumah\s+sakit|rsud|kecamatan|"
    r"kelurahan|upt|uptd|biro|bagian|dewan|kesatuan\s+bangsa|kesbangpol)\b", re.IGNORECASE)
# where a PD name ends inside a title line
PD_END = re.compile(r"\s+(?:tahun|ta\.?|t\.a\.?|periode|anggaran|semester|triwulan|s\.?d\.?)\b|\s+[-–—:(/]|\s+\d{4}\b"
                    r"|[,;]", re.IGNORECASE)
YEAR_IN_TITLE = re.compile(r"\b(?:tahun|ta\.?|t\.a\.?)\s*(?:anggaran\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
YEAR_ANYWHERE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_WHITE_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
DOCUMENTS = (  # (name, words in a title or a file name), first match wins
    ("LKjIP", re.compile(r"\b(lkjip|lakip|lkj|laporan\s+kinerja)\b", re.IGNORECASE)),
    ("Renja", re.compile(r"\b(renja|rencana\s+kerja(?!\s+tahunan))\b", re.IGNORECASE)),
    ("PK", re.compile(r"\b(pk|perjanjian\s+kinerja)\b", re.IGNORECASE)),
    ("RKT", re.compile(r"\b(rkt|rencana\s+kinerja\s+tahunan)\b", re.IGNORECASE)),
    ("Renstra", re.compile(r"\brenstra\b", re.IGNORECASE)),
)
SPEC_DOCUMENTS = {"renja": "Renja", "lkjip": "LKjIP"}
# words of a file name that name the document or its state, not the Perangkat Daerah
NOT_PD = {"renja", "lkjip", "lakip", "lkj", "rkt", "pk", "renstra", "rencana", "kerja", "laporan", "kinerja", "final",
          "revisi", "rev", "draft", "draf", "rancangan", "ranwal", "ranhir", "akhir", "awal", "perubahan", "murni",
          "tahun", "ta", "dokumen", "copy", "salinan", "baru", "lama", "fix", "ok", "tabel", "lampiran", "sipd",
          "apbd", "perjanjian", "xlsx", "xlsm"}
ACRONYMS = {"UPT", "UPTD", "RSUD", "BPKAD", "BKD", "BKPSDM", "DPRD", "PKK", "BLUD", "PMD", "KB", "P3A", "SKPD", "OPD",
            "BPBD", "BPPKAD", "BAPPEDA", "DPMPTSP", "DP3A", "DPPKB", "PUPR", "ASN", "UMKM"}
SMALL_WORDS = {"dan", "di", "ke", "dari", "yang", "atau", "serta", "pada", "untuk"}
TITLE_ROWS = 10
PAGU_KEYS = ("pagu", "pagu_p", "apbd_p", "pagu_murni", "apbd_murni", "rkpd_pagu", "kebutuhan_pagu")
NAME_KEYS = ("uraian", "program", "rkpd_uraian", "kebutuhan_uraian")
LEADING_KODE = re.compile(r"^\s*[\dIVX]+(?:\s*[.:]\s*[\dX]+)*\.?\s+(?=\S)")


def title_lines(snapshot, tables) -> list[str]:
    """The text of each sheet's rows above its first table (the first rows of a sheet without one)."""
    first_header = {}
    for table in tables:
        first_header[table.sheet] = min(first_header.get(table.sheet, table.header_top), table.header_top)
    lines = []
    for sheet in snapshot:
        stop = first_header.get(sheet.name, sheet.top + TITLE_ROWS)
        for row in sheet.rows[: max(0, min(stop - sheet.top, TITLE_ROWS))]:
            texts = [v.strip() for v in row if isinstance(v, str) and v.strip()]
            if texts:
                lines.append(" ".join(texts)[:300])
    return lines


def _titlecase(text: str) -> str:
    words = re.sub(r"\s+", " ", text).strip().split(" ")
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i and lower in SMALL_WORDS:
            out.append(lower)
        elif word.upper() in ACRONYMS:
            out.append(word.upper())    # RSUD, UPT, BPKAD stay acronyms
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return " ".join(out)


def pd_from_title(lines: list[str]) -> Optional[str]:
    for line in lines:
        if line.lower().startswith(("tabel", "format:", "lampiran")):
            continue
        m = PD_START.search(line)
        if not m:
            continue
        rest = line[m.start():]
        end = PD_END.search(rest, len(m.group(0)))
        name = rest[: end.start()] if end else rest
        name = name.strip(" .-–—")
        if len(name.split()) >= 2 and len(name) <= 120:
            return _titlecase(name)
    return None


def _name_words(stem: str) -> list[str]:
    words = [w for w in re.split(r"[\s_\-.()\[\]]+", stem) if w]
    return [w for w in words if w.lower() not in NOT_PD and not w.isdigit() and not re.fullmatch(r"v\d+", w.lower())]


def pd_from_path(path: Path) -> Optional[str]:
    words = _name_words(path.stem)
    if not words and path.parent.name:
        words = _name_words(path.parent.name)
    return _titlecase(" ".join(words)) if words else None


def document_of(tables, lines: list[str], path: Path) -> str:
    kinds = Counter(SPEC_DOCUMENTS[t.spec.document] for t in tables if t.spec.document in SPEC_DOCUMENTS)
    if kinds:
        return kinds.most_common(1)[0][0]
    for text in (" ".join(lines), re.sub(r"[_\-.]+", " ", path.stem), re.sub(r"[_\-.]+", " ", path.parent.name)):
        for name, pattern in DOCUMENTS:
            if pattern.search(text):
                return name
    return "Lainnya"


def year_of(lines: list[str], path: Path) -> Optional[int]:
    years = Counter()
    for line in lines:
        m = YEAR_IN_TITLE.search(line)
        if m:
            years[int(m.group(1))] += 1
    if years:
        best = max(years.values())
        return max(y for y, n in years.items() if n == best)
    m = YEAR_ANYWHERE.search(path.stem)
    return int(m.group(1)) if m else None


def describe(path: Path, snapshot, tables) -> dict:
    """Perangkat Daerah, document, year and the first title line of a workbook."""
    lines = title_lines(snapshot, tables)
    return {"perangkat_daerah": pd_from_title(lines) or pd_from_path(path) or "(tidak diketahui)",
            "dokumen": document_of(tables, lines, path), "tahun": year_of(lines, path),
            "judul": next((line for line in lines if not line.lower().startswith("format:")), "")[:200]}


# --- figures ------------------------------------------------------------------------------------


def _finite(value) -> Optional[float]:
    if isinstance(value, Target):
        value = value.value if len(value.parts) == 1 else None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _number(key: str):
    return lambda row: _finite(row.value(key)) if row.get(key) is not None else None


def node_total(node, number) -> Optional[float]:
    """A node's amount, or the sum of its children's totals when its own row is empty."""
    own = amount(node, number)
    if own is not None:
        return own
    values = [v for v in (node_total(c, number) for c in node.counted_children) if v is not None]
    return sum(values) if values else None


def table_total(table, key: str) -> Optional[float]:
    """The total of a pagu column over the top-level rows of the table's tree (each level counted once)."""
    if key not in table.columns:
        return None
    number = _number(key)
    tree = tree_of(table)
    if tree.nodes:
        values = [node_total(n, number) for n in tree.roots if n.duplicate_of is None]
        values += [number(r) for r in tree.loose]
    else:
        values = [number(r) for r in table.data_rows]
    values = [v for v in values if v is not None]
    if values:
        return sum(values)
    totals = [number(r) for r in table.total_rows]
    totals = [v for v in totals if v is not None]
    return totals[-1] if totals else None


def pagu_key(table) -> Optional[str]:
    return next((k for k in PAGU_KEYS if k in table.columns), None)


def main_pagu_table(tables):
    """The table whose pagu is the document's: pagu for n and n+1 (Tabel 3.4), else the most rows with pagu."""
    candidates = [t for t in tables if pagu_key(t)]
    if not candidates:
        return None
    return max(candidates, key=lambda t: ("pagu_n1" in t.columns, len(t.data_rows)))


def _capaian_keys(table) -> list:
    keys = []
    for key in table.columns:
        column = table.spec.column(key)
        formula = type(column.computed).__name__ if column.computed is not None else ""
        if formula == "Capaian" or key in ("capaian", "tingkat_capaian") or (key == "persen" and formula == "Ratio"):
            keys.append(key)
    return keys


def figures(tables) -> dict:
    main = main_pagu_table(tables)
    pagu_n = pagu_n1 = None
    if main is not None:
        pagu_n = table_total(main, pagu_key(main))
        pagu_n1 = table_total(main, "pagu_n1") if "pagu_n1" in main.columns else None
    values = []
    for table in tables:
        for key in _capaian_keys(table):
            for row in table.data_rows:
                value = _finite(row.value(key))
                if value is not None and -1000 <= value <= 1000:
                    values.append(value)
    return {"pagu_n": pagu_n, "pagu_n1": pagu_n1, "capaian_rata": sum(values) / len(values) if values else None,
            "capaian_n": len(values), "pagu_tabel": f"{main.sheet}: {main.spec.key}" if main is not None else ""}


def _name(row) -> str:
    for key in NAME_KEYS:
        text = row.text(key).strip()
        if text:
            text = _WHITE_SPACE.sub(" ", text)
            if row.kode is not None and row.kode.text and text.startswith(row.kode.text.strip()):
                text = text[len(row.kode.text.strip()):].strip(" .-:")
            return text[:300]
    return ""


def programs(tables) -> list:
    main = main_pagu_table(tables)
    if main is None:
        return []
    key = pagu_key(main)
    out = []
    for node in tree_of(main).nodes:
        if node.level != "program" or node.duplicate_of is not None:
            continue
        row = node.row
        out.append({"kode": row.kode.canonical if row.kode is not None and row.kode.valid else "",
                    "program": _name(row), "pagu_n": node_total(node, _number(key)),
                    "pagu_n1": node_total(node, _number("pagu_n1")) if "pagu_n1" in main.columns else None,
                    "target": row.text("target").strip()[:100], "sheet": main.sheet,
                    "cell": main.address(row.number, key)})
    return out


def kodes(tables) -> list:
    """[kode, name, sheet, cell] of each program, kegiatan and sub kegiatan row with a name, once per kode and name.

    Only well-written 90/2019 kode: a kode the reader had to repair (``2 .07 .05 2:03``) names nothing for sure."""
    seen, out = set(), []
    for table in tables:
        name_key = next((k for k in NAME_KEYS if k in table.columns), None)
        if name_key is None:
            continue
        for row in table.data_rows:
            if row.kode is None or not row.kode.valid or row.kode.scheme != "90/2019" or \
                    row.kode.level not in ("program", "kegiatan", "sub_kegiatan") or row.kode.anomalies:
                continue
            name = _name(row)
            if len(_LETTER.findall(name)) < 3 or (row.kode.canonical, name) in seen:
                continue
            seen.add((row.kode.canonical, name))
            out.append([row.kode.canonical, name, table.sheet, table.address(row.number, name_key)])
    return out
