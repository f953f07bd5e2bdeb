"""The consolidated rekap of a batch check, made with pandas: xlsx for the analyst, csv or parquet for the data team.

While the files are checked, each result is reduced to its rows (one per file, one per
finding, one per program) and appended to a spool file on disk (:class:`Spool`), so
that memory does not grow with the number of files. At the end the tables of a row per
file or per program are built from the spool as DataFrames, and the findings — a hundred
a file — are read from the spool again while they are written (:class:`FindingRows`: the
xlsx sheet by sheet with openpyxl's ``write_only``, its links written after the rows from
another reading; csv row by row; parquet in row groups), so that they are never held:

========================  ==============================================================
sheet (file)              rows
========================  ==============================================================
Ringkasan (berkas)        one per file: Perangkat Daerah, document, year, tables found,
                          findings by severity and by family, pagu n and n+1, average
                          capaian, status and, for a file that could not be used, why
Temuan per PD (temuan_pd) findings per PD by severity, with a native Excel bar chart
Pagu PD (pagu_pd)         per PD: pagu n and n+1 of its Renja side by side, and with
                          ``--pagu-pd`` its ceiling, the difference and the status
Pagu Program              per file and program: kode, name, target, pagu n and n+1
(pagu_program)            side by side, the difference
Program x PD (program_pd) pagu n of each program (rows) for each PD (columns), Renja
Temuan (temuan)           every finding: file, PD, sheet, cell, rule, family, severity,
                          message, written and expected values, a link to the cell
Lintas Berkas             the cross-file findings (:mod:`.crossfile`)
(lintas_berkas)
Tidak Terbaca             the files that could not be used, with the reason
(tidak_terbaca)
Tentang                   when, which renja-xl, what was given (xlsx only)
========================  ==============================================================

In the xlsx every sheet has a bold header row frozen in place with a filter, rupiah as
``#,##0``, percentages as ``0.00``, widths that fit, and links that open the checked
copy (or the workbook itself) at the cell. pandas (and pyarrow for parquet) are needed
only here: ``pip install 'renja-xl[batch]'``.
"""

from __future__ import annotations

import io
import os
import pickle
import tempfile
from datetime import datetime
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from typing import Optional

from ..edits import LINKS_PER_SHEET
from ..errors import InputError, OutputError
from .result import FileResult

EXCEL_MAX_ROWS = 1_048_576
CHUNK_ROWS = 50_000   # findings per Parquet row group
SEVERITY_LABEL = {"error": "Kesalahan", "warning": "Peringatan", "info": "Info"}
FAMILIES = ("aritmetika", "pagu", "antartabel", "satuan", "kode", "kolom", "struktur", "nomenklatur", "mesin")
RP = "#,##0"
PCT = "0.00"
SHEETS = (  # (key: csv/parquet file name, xlsx sheet name)
    ("berkas", "Ringkasan"), ("temuan_pd", "Temuan per PD"), ("pagu_pd", "Pagu PD"),
    ("pagu_program", "Pagu Program"), ("program_pd", "Program x PD"), ("temuan", "Temuan"),
    ("lintas_berkas", "Lintas Berkas"), ("tidak_terbaca", "Tidak Terbaca"),
)


def require_pandas():
    try:
        import pandas
    except ImportError:
        raise InputError("--rekap memerlukan pandas; pasang dengan: pip install 'renja-xl[batch]'") from None
    return pandas


def _family(code: str) -> str:
    from ..rules import REGISTRY, all_rules

    if not REGISTRY:
        all_rules()
    cls = REGISTRY.get(code)
    return cls.family if cls is not None else "lain"


class Spool:
    """Each file's rows, appended to a temporary file as they come (memory flat in the number of files)."""

    def __init__(self):
        handle, name = tempfile.mkstemp(prefix="renja-xl-rekap-", suffix=".spool")
        self.path = Path(name)
        self._out = os.fdopen(handle, "wb")
        self.count = 0

    def add(self, result: FileResult) -> None:
        counts = {"error": 0, "warning": 0, "info": 0}
        families = dict.fromkeys(FAMILIES, 0)
        findings = []
        for f in result.findings:
            counts[f.severity.value] += 1
            family = _family(f.rule)
            families[family] = families.get(family, 0) + 1
            loc = f.locations[0] if f.locations else None
            findings.append((loc.sheet if loc else "", loc.cell if loc else "", f.rule, family,
                             SEVERITY_LABEL[f.severity.value], f.message, f.written, f.expected, f.table))
        meta, figures = result.meta or {}, result.figures or {}
        row = {"file": result.file, "pd": meta.get("perangkat_daerah") or "", "dokumen": meta.get("dokumen") or "",
               "tahun": meta.get("tahun"), "judul": meta.get("judul", ""), "error": result.error,
               "cached": result.cached, "tables": [t.get("table", "") for t in result.tables], "counts": counts,
               "families": families, "pagu_n": figures.get("pagu_n"), "pagu_n1": figures.get("pagu_n1"),
               "capaian": figures.get("capaian_rata"), "seconds": result.seconds, "output": result.output,
               "sha256": result.sha256}
        pickle.dump((row, findings, list(result.programs or [])), self._out, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def read(self):
        self._out.flush()
        with open(self.path, "rb") as handle:
            while True:
                try:
                    yield pickle.load(handle)
                except EOFError:
                    return

    def close(self) -> None:
        try:
            self._out.close()
        finally:
            try:
                self.path.unlink()
            except OSError:
                pass


@lru_cache(maxsize=4096)
def _relative(target: str, base: Path) -> str:
    """A workbook's path from the rekap's folder (relative when possible; once per workbook, not per finding)."""
    try:
        path = os.path.relpath(Path(target).resolve(), base.resolve())
    except ValueError:   # another drive
        path = str(Path(target).resolve())
    return path.replace(os.sep, "/")


def _link(target: str, base: Path, sheet: str = "", cell: str = "") -> str:
    """A hyperlink from the rekap to a workbook (relative when possible), at a cell when given."""
    path = _relative(target, base)
    if sheet and cell:
        return f"{path}#'{sheet.replace(chr(39), chr(39) * 2)}'!{cell}"
    return path


TEMUAN_COLUMNS = ("Berkas", "Perangkat Daerah", "Dokumen", "Lembar", "Sel", "Aturan", "Keluarga", "Tingkat", "Pesan",
                  "Nilai tertulis", "Nilai seharusnya", "Tabel", "Tautan")


class FindingRows:
    """The sheet *Temuan*: every finding of every file, read from the spool each time it is iterated, never held.

    The other tables have a row per file or per program and are DataFrames; this one has a
    row per finding (a hundred a file, millions for a province), so the writers take it
    row by row (:func:`write_rekap`).
    """

    columns = TEMUAN_COLUMNS

    def __init__(self, spool: Spool, count: int, names: dict, base: Path):
        self.spool, self.count, self.names, self.base = spool, count, names, base

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        base, names = self.base, self.names
        for row, found, _ in self.spool.read():
            pd_name = names.get(row["pd"], row["pd"])
            target = row["output"] or row["file"]
            for sheet, cell, rule, family, severity, message, written, expected, table in found:
                yield [row["file"], pd_name, row["dokumen"], sheet, cell, rule, family, severity, message, written,
                       expected, table, _link(target, base, sheet, cell) if sheet and cell else ""]


def build_tables(spool: Spool, cross, base: Path) -> dict:
    """The rekap's tables keyed as :data:`SHEETS`: DataFrames, and the findings as :class:`FindingRows`."""
    pd = require_pandas()
    files, programs = [], []
    finding_count = 0
    for number, (row, found, progs) in enumerate(spool.read(), start=1):
        ok = row["error"] is None
        files.append({
            "No": number, "Berkas": row["file"], "Perangkat Daerah": row["pd"], "Dokumen": row["dokumen"],
            "Tahun": row["tahun"], "Status": ("tidak terbaca" if not ok else "dari tembolok" if row["cached"]
                                              else "diperiksa"),
            "Alasan": row["error"] or "", "Jumlah tabel": len(row["tables"]),
            "Tabel ditemukan": ", ".join(dict.fromkeys(row["tables"])),
            "Kesalahan": row["counts"]["error"], "Peringatan": row["counts"]["warning"], "Info": row["counts"]["info"],
            **{f"Temuan {family}": row["families"].get(family, 0) for family in FAMILIES},
            "Pagu n (Rp)": row["pagu_n"], "Pagu n+1 (Rp)": row["pagu_n1"], "Rata-rata capaian (%)": row["capaian"],
            "Detik": round(row["seconds"], 3), "Salinan diperiksa": row["output"] or "", "Judul": row["judul"],
            "SHA-256": row["sha256"]})
        finding_count += len(found)
        for p in progs:
            programs.append({"Perangkat Daerah": row["pd"], "Dokumen": row["dokumen"], "Tahun": row["tahun"],
                             "Berkas": row["file"], "Kode": p.get("kode", ""), "Program": p.get("program", ""),
                             "Target": p.get("target", ""), "Pagu n (Rp)": p.get("pagu_n"),
                             "Pagu n+1 (Rp)": p.get("pagu_n1"),
                             "Selisih n+1 - n (Rp)": (p["pagu_n1"] - p["pagu_n"]) if p.get("pagu_n1") is not None
                             and p.get("pagu_n") is not None else None,
                             "Lembar": p.get("sheet", ""), "Sel": p.get("cell", ""),
                             "Tautan": _link(row["output"] or row["file"], base, p.get("sheet", ""), p.get("cell", ""))})
    berkas_columns = (["No", "Berkas", "Perangkat Daerah", "Dokumen", "Tahun", "Status", "Alasan", "Jumlah tabel",
                       "Tabel ditemukan", "Kesalahan", "Peringatan", "Info"] + [f"Temuan {f}" for f in FAMILIES]
                      + ["Pagu n (Rp)", "Pagu n+1 (Rp)", "Rata-rata capaian (%)", "Detik", "Salinan diperiksa", "Judul",
                         "SHA-256"])
    berkas = pd.DataFrame(files, columns=berkas_columns)
    names = _pd_names(berkas["Perangkat Daerah"])   # one spelling per PD (Disnaker = Dinas Tenaga Kerja)
    for frame_rows in (files, programs):
        for row in frame_rows:
            row["Perangkat Daerah"] = names.get(row["Perangkat Daerah"], row["Perangkat Daerah"])
    berkas = pd.DataFrame(files, columns=berkas_columns)
    berkas["Tahun"] = berkas["Tahun"].astype("Int64")
    temuan = FindingRows(spool, finding_count, names, base)
    pagu_program = pd.DataFrame(programs, columns=["Perangkat Daerah", "Dokumen", "Tahun", "Berkas", "Kode", "Program",
                                                   "Target", "Pagu n (Rp)", "Pagu n+1 (Rp)", "Selisih n+1 - n (Rp)",
                                                   "Lembar", "Sel", "Tautan"])
    pagu_program["Tahun"] = pagu_program["Tahun"].astype("Int64")
    usable = berkas[berkas["Status"] != "tidak terbaca"]
    temuan_pd = (usable.groupby("Perangkat Daerah", sort=True)
                 .agg(**{"Berkas": ("Berkas", "count"), "Kesalahan": ("Kesalahan", "sum"),
                         "Peringatan": ("Peringatan", "sum"), "Info": ("Info", "sum")}).reset_index())
    temuan_pd["Jumlah temuan"] = temuan_pd["Kesalahan"] + temuan_pd["Peringatan"] + temuan_pd["Info"]
    temuan_pd = temuan_pd.sort_values(["Jumlah temuan", "Perangkat Daerah"], ascending=[False, True],
                                      ignore_index=True)
    tables = {"berkas": berkas, "temuan_pd": temuan_pd, "pagu_pd": _pagu_pd(pd, usable, cross),
              "pagu_program": pagu_program, "program_pd": _program_pd(pd, pagu_program), "temuan": temuan,
              "lintas_berkas": _lintas(pd, cross.findings() if cross is not None else [], base),
              "tidak_terbaca": berkas.loc[berkas["Status"] == "tidak terbaca", ["Berkas", "Alasan"]]
              .reset_index(drop=True)}
    return tables


def _pd_names(written) -> dict:
    """Each written PD name -> the spelling shown for its PD: the most frequent of those that compare equal."""
    from collections import Counter

    from .crossfile import norm_pd

    counts = Counter(name for name in written if name)
    groups: dict = {}
    for name, n in counts.items():
        groups.setdefault(norm_pd(name), []).append((n, len(name), name))
    return {name: max(group)[2] for group in groups.values() for _, _, name in group}


def _pagu_pd(pd, usable, cross):
    """Per PD and year: pagu n and n+1 of its Renja side by side; with --pagu-pd, the ceiling and the gap."""
    renja = usable[usable["Dokumen"] == "Renja"]
    table = (renja.groupby(["Perangkat Daerah", "Tahun"], sort=True, dropna=False)
             .agg(**{"Berkas Renja": ("Berkas", "count"),
                     "Pagu n (Rp)": ("Pagu n (Rp)", lambda s: s.sum(min_count=1)),
                     "Pagu n+1 (Rp)": ("Pagu n+1 (Rp)", lambda s: s.sum(min_count=1))}).reset_index())
    table["Selisih n+1 - n (Rp)"] = table["Pagu n+1 (Rp)"] - table["Pagu n (Rp)"]
    if cross is not None and cross.ceilings is not None:
        from .crossfile import norm_pd

        matched, unused = cross._match()
        ceilings = [matched.get((norm_pd(name), None if pd.isna(year) else int(year)))
                    for name, year in zip(table["Perangkat Daerah"], table["Tahun"])]
        table["Pagu indikatif (Rp)"] = [c.pagu if c is not None else None for c in ceilings]
        table["Baris pagu indikatif"] = [c.name if c is not None else "" for c in ceilings]
        table["Selisih thd pagu indikatif (Rp)"] = table["Pagu n (Rp)"] - table["Pagu indikatif (Rp)"]

        def status(gap, ceiling):
            if ceiling is None:
                return "tanpa pagu indikatif"
            if gap != gap:
                return "tanpa pagu di Renja"
            return "melebihi" if gap > 0.5 else "di bawah" if gap < -0.5 else "sesuai"

        table["Status"] = [status(g, c) for g, c in zip(table["Selisih thd pagu indikatif (Rp)"], ceilings)]
        if unused:
            extra = pd.DataFrame([{"Perangkat Daerah": c.name, "Tahun": c.year, "Berkas Renja": 0,
                                   "Pagu indikatif (Rp)": c.pagu, "Baris pagu indikatif": c.name,
                                   "Status": "tanpa berkas Renja"} for c in unused])
            table = pd.concat([table, extra], ignore_index=True)
    table["Tahun"] = pd.array([None if y is None or y != y else int(y) for y in table["Tahun"]], dtype="Int64")
    return table


def _program_pd(pd, programs):
    """Pagu n of each program (rows) per PD (columns), from the Renja (all documents when there is no Renja)."""
    source = programs[programs["Dokumen"] == "Renja"]
    if source.empty:
        source = programs
    if source.empty:
        return pd.DataFrame(columns=["Kode", "Program"])
    source = source.assign(Kunci=[k or p.lower() for k, p in zip(source["Kode"], source["Program"])])
    names = source.groupby("Kunci")["Program"].agg(lambda s: s.mode().iloc[0] if not s.mode().empty else s.iloc[0])
    codes = source.groupby("Kunci")["Kode"].first()
    pivot = source.pivot_table(index="Kunci", columns="Perangkat Daerah", values="Pagu n (Rp)", aggfunc="sum")
    pivot.columns = [str(c) for c in pivot.columns]
    pivot.insert(0, "Program", names.reindex(pivot.index))
    pivot.insert(0, "Kode", codes.reindex(pivot.index))
    pivot["Jumlah (Rp)"] = pivot.iloc[:, 2:].sum(axis=1, min_count=1)
    return pivot.sort_values(["Kode", "Program"]).reset_index(drop=True)


def _lintas(pd, findings: list, base: Path):
    rows = [{"Aturan": f.rule, "Tingkat": SEVERITY_LABEL[f.severity], "Nama": f.name,
             "Perangkat Daerah": f.perangkat_daerah, "Kode": f.kode, "Pesan": f.message, "Berkas": f.file,
             "Lembar": f.sheet, "Sel": f.cell,
             "Tautan": _link(f.file, base, f.sheet, f.cell) if f.file and f.sheet else ""} for f in findings]
    return pd.DataFrame(rows, columns=["Aturan", "Tingkat", "Nama", "Perangkat Daerah", "Kode", "Pesan", "Berkas",
                                       "Lembar", "Sel", "Tautan"])


# --- writing --------------------------------------------------------------------------------------


def base_of(target: Path, fmt: str) -> Path:
    """The folder the rekap's links start from: the xlsx's folder, or the folder of the csv/parquet files."""
    if fmt == "xlsx":
        return target.parent
    return target.with_suffix("") if target.suffix.lower() in (".xlsx", ".csv", ".parquet") else target


def write_rekap(tables: dict, target: Path, fmt: str, about: dict) -> list[Path]:
    """Write the tables: one xlsx, or one csv/parquet file per table in the folder ``target``.

    The findings (:class:`FindingRows`) are read from the spool as they are written, in every
    format: the rekap's memory does not grow with them.
    """
    from ..io.atomic import write_atomic

    if fmt == "xlsx":
        write_atomic(target, lambda handle: write_xlsx(tables, about, target.parent, handle))
        return [target]
    folder = base_of(target, fmt)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Folder rekap '{folder}' tidak dapat dibuat ({exc.strerror or exc}).") from None
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError("--rekap-format parquet memerlukan pyarrow; pasang dengan: "
                             "pip install 'renja-xl[batch]'") from None
    written = []
    for key, _ in SHEETS:
        path = folder / f"{key}.{fmt}"
        write_atomic(path, lambda handle, table=tables[key]: (_csv if fmt == "csv" else _parquet)(table, handle))
        written.append(path)
    return written


def _csv(table, handle) -> None:
    """A table as CSV (UTF-8 with BOM, for Excel): a DataFrame at once, the findings row by row."""
    if not isinstance(table, FindingRows):
        handle.write(table.to_csv(index=False).encode("utf-8-sig"))
        return
    import csv

    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    out = csv.writer(text, lineterminator="\n")
    out.writerow(table.columns)
    out.writerows(table)
    text.flush()
    text.detach()


def _parquet(table, handle) -> None:
    """A table as Parquet: a DataFrame at once, the findings in row groups of :data:`CHUNK_ROWS`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not isinstance(table, FindingRows):
        frame = table.copy()
        frame.columns = [str(c) for c in frame.columns]
        frame.to_parquet(handle, index=False)
        return
    schema = pa.schema([(name, pa.string()) for name in table.columns])
    with pq.ParquetWriter(handle, schema) as out:
        for chunk in _chunks(iter(table), CHUNK_ROWS):
            out.write_batch(pa.record_batch(list(map(list, zip(*chunk))), schema=schema))
        if len(table) == 0:
            out.write_table(schema.empty_table())


def _chunks(rows, size: int):
    while True:
        chunk = list(islice(rows, size))
        if not chunk:
            return
        yield chunk


# --- the xlsx ---------------------------------------------------------------------------------------


FREEZE = {"berkas": "C2", "temuan": "C2", "program_pd": "C2", "pagu_program": "B2"}
LINKS = ("Tautan", "Berkas", "Salinan diperiksa")
WRAPPED = ("Pesan", "Alasan")
WIDTH_SAMPLE = 300   # rows read to fit a column's width


def write_xlsx(tables: dict, about: dict, base: Path, handle) -> None:
    """The rekap as one xlsx written sheet by sheet, row by row (openpyxl ``write_only``) into ``handle``."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    truncated = {}
    for key, title in SHEETS:
        table = tables[key]
        rows = len(table)
        if rows >= EXCEL_MAX_ROWS:
            truncated[title] = rows
        ws = _Sheet(book, key, title, [str(c) for c in table.columns], lambda t=table: _rows_of(t), base)
        ws.write()
        if key == "temuan_pd":
            _chart(ws.ws, ws.headers, min(rows, EXCEL_MAX_ROWS - 1))
    about_rows = [[k, v] for k, v in about.items()]
    about_rows += [[f"lembar {s} dipotong", f"{n} baris; selengkapnya: --rekap-format csv"]
                   for s, n in truncated.items()]
    _Sheet(book, "tentang", "Tentang", ["Keterangan", "Nilai"], lambda: iter(about_rows), base).write()
    book.save(handle)


def _rows_of(table):
    """A table's rows as lists: the findings as they are read, a DataFrame's without pandas' missing values."""
    if isinstance(table, FindingRows):
        return iter(table)
    return ([None if _missing(v) else v for v in row] for row in table.itertuples(index=False, name=None))


def _missing(value) -> bool:
    try:
        return value is None or value != value or str(value) == "<NA>"
    except (TypeError, ValueError):   # pandas.NA compares to nothing
        return True


class _Sheet:
    """One sheet of the rekap, streamed: a bold frozen header with a filter, rupiah and percentage formats, widths
    from the first rows, wrapped messages, links to the workbooks (written after the rows from a second reading of
    the rows, so that neither rows nor links are held)."""

    def __init__(self, book, key: str, title: str, headers: list, rows, base: Path):
        self.ws = book.create_sheet(title)
        self.key, self.headers, self.rows, self.base = key, headers, rows, base
        self.formats = [self._format(i, name) for i, name in enumerate(headers, start=1)]
        self.linked = [name in LINKS for name in headers]

    def _format(self, index: int, name: str) -> Optional[str]:
        if "(Rp)" in name or (self.key == "program_pd" and index > 2):
            return RP
        return PCT if "(%)" in name else "0.000" if name == "Detik" else None

    def write(self) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        ws = self.ws
        rows = self.rows()
        head = list(islice(rows, WIDTH_SAMPLE))
        for index, name in enumerate(self.headers):
            width = max([len(name) * 0.9 + 2] + [len(str(r[index])) + 2 for r in head if r[index] is not None])
            width = 80 if name in WRAPPED else max(min(60, width), 18 if self.formats[index] == RP else 0)
            ws.column_dimensions[get_column_letter(index + 1)].width = width
        ws.freeze_panes = FREEZE.get(self.key, "B2")
        ws.row_dimensions[1].height = 30
        font, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E78")
        wrap, top = Alignment(wrap_text=True, vertical="center"), Alignment(wrap_text=True, vertical="top")
        header = []
        for name in self.headers:
            cell = WriteOnlyCell(ws, name)
            cell.font, cell.fill, cell.alignment = font, fill, wrap
            header.append(cell)
        ws.append(header)
        self._links_after_the_rows()
        count = 0
        links_left = LINKS_PER_SHEET   # as _links() counts them: past Excel's limit a cell is plain text
        for values in chain(head, rows):
            if count == EXCEL_MAX_ROWS - 1:
                break
            row = []
            for index, value in enumerate(values):
                name = self.headers[index]
                if self.linked[index] and isinstance(value, str) and value:
                    cell = WriteOnlyCell(ws, self._shown(name, value))
                    if links_left > 0:
                        cell.style = "Hyperlink"
                    links_left -= 1
                elif name in WRAPPED and value:
                    cell = WriteOnlyCell(ws, value)
                    cell.alignment = top
                elif self.formats[index] is not None and isinstance(value, (int, float)):
                    cell = WriteOnlyCell(ws, value)
                    cell.number_format = self.formats[index]
                else:
                    cell = value
                row.append(cell)
            ws.append(row)
            count += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(self.headers)))}{count + 1}"

    @staticmethod
    def _shown(name: str, value: str) -> str:
        """What a link cell shows: the place in the workbook for Tautan (``path#'Sheet'!A1``), else the path."""
        return value.rsplit("#", 1)[1] if name == "Tautan" and "#" in value else value

    def _target(self, name: str, value: str) -> tuple:
        """(file, place) a link cell opens."""
        from urllib.parse import quote

        target, location = value, None
        if name == "Tautan" and "#" in value:
            target, location = value.rsplit("#", 1)
        elif name != "Tautan":
            target = _link(value, self.base)
        return quote(target, safe="/:"), location

    def _links(self):
        """(cell, file, place) of every link, from a fresh reading of the rows."""
        from openpyxl.utils import get_column_letter

        columns = [(i, get_column_letter(i + 1), name) for i, name in enumerate(self.headers) if self.linked[i]]
        if not columns:
            return
        links = 0
        for number, values in enumerate(islice(self.rows(), EXCEL_MAX_ROWS - 1), start=2):
            for index, letter, name in columns:
                value = values[index]
                if isinstance(value, str) and value:
                    if links == LINKS_PER_SHEET:
                        return
                    links += 1
                    yield (f"{letter}{number}", *self._target(name, value))

    def _links_after_the_rows(self) -> None:
        """The sheet's links written where they belong, after the rows, as they are read again (openpyxl would hold
        a Hyperlink object for each cell until the end); one relationship per workbook linked, not per link."""
        from openpyxl.packaging.relationship import Relationship
        from openpyxl.worksheet.hyperlink import Hyperlink

        writer = self.ws._writer   # made by the header row: openpyxl 3.1's streaming worksheet writer

        def write_hyperlinks() -> None:
            relations: dict = {}
            xf = element = None
            for ref, target, location in self._links():
                if xf is None:
                    xf = writer.xf.send(True)
                    element = xf.element("hyperlinks")
                    element.__enter__()
                if target not in relations:
                    relation = Relationship(type="hyperlink", TargetMode="External", Target=target)
                    writer._rels.append(relation)
                    relations[target] = relation.id
                xf.write(Hyperlink(ref=ref, id=relations[target], location=location).to_tree())
            if xf is not None:
                element.__exit__(None, None, None)
                writer.xf.send(None)

        writer.write_hyperlinks = write_hyperlinks


def _chart(ws, headers: list, rows: int) -> None:
    """A native stacked bar chart of the findings per PD, beside the table."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    if rows == 0:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Temuan per Perangkat Daerah"
    chart.y_axis.title = "jumlah temuan"
    chart.x_axis.title = None
    chart.x_axis.scaling.orientation = "maxMin"   # the first PD of the table (the most findings) on top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    first = headers.index("Kesalahan") + 1
    data = Reference(ws, min_col=first, max_col=first + 2, min_row=1, max_row=rows + 1)
    categories = Reference(ws, min_col=1, max_col=1, min_row=2, max_row=rows + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    for series, colour in zip(chart.series, ("C00000", "FFC000", "5B9BD5")):
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.height = max(7.5, 0.6 * rows + 3)
    chart.width = 22
    ws.add_chart(chart, f"{get_column_letter(len(headers) + 2)}2")


def about(inputs: list, files: int, unusable: int, interrupted: bool, elapsed: float, extra: Optional[dict] = None):
    from .. import __version__

    info = {"Dibuat": datetime.now().strftime("%Y-%m-%d %H:%M:%S"), "renja-xl": __version__,
            "Masukan": "; ".join(str(i) for i in inputs)[:2000], "Berkas": files, "Tidak terbaca": unusable,
            "Waktu (detik)": round(elapsed, 1),
            "Keadaan": "dihentikan (Ctrl-C): hanya berkas yang selesai" if interrupted else "selesai"}
    info.update(extra or {})
    return info
