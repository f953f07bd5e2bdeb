"""Render the screenshots of docs/PANDUAN_EXCEL.md with LibreOffice headless (PDF, then PNG by pdftoppm).

    python tools/render_screenshots.py [--out docs/img]

Each picture is one sheet of a workbook the product makes: a template, the checked
example ('Hasil Validasi' and a sheet with marked cells) and the filled example. Row
heights are the workbooks' own (LibreOffice does not grow a wrapped row by itself: what
the picture shows is what a reviewer sees on opening the file).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from renja_xl.cli import main as renja_xl  # noqa: E402

EXAMPLE = ROOT / "examples" / "renja_2022_disnaker_balikpapan.xlsx"


def only_sheet(source: Path, sheet: str, area: str, target: Path, titles: str | None = None) -> None:
    """A copy holding one sheet, its print area ``area`` on one landscape page (``titles``: rows repeated on top)."""
    book = load_workbook(source)
    for name in list(book.sheetnames):
        if name != sheet:
            del book[name]
    ws = book[sheet]
    ws.print_area = area
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = titles
    book.save(target)


def list_area(checked: Path, rows: int = 160) -> str:
    """The print area of Hasil Validasi's list: from its 'Daftar temuan' line, ``rows`` rows (folded ones not printed)."""
    ws = load_workbook(checked, read_only=True)["Hasil Validasi"]
    start = next(i for i, row in enumerate(ws.iter_rows(values_only=True), start=1)
                 if row and isinstance(row[0], str) and row[0].startswith("Daftar temuan"))
    return f"A{start}:G{start + rows}"


def render(xlsx: Path, png: Path, work: Path, height: int) -> None:
    profile = work / "profil"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(xlsx)], check=True, capture_output=True, timeout=300)
    pdf = work / (xlsx.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", "-x", "40", "-y", "60",
                    "-W", "1170", "-H", str(height), str(pdf), str(png.with_suffix(""))], check=True, timeout=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="renja_shots_"))
    try:
        checked, filled = work / "diperiksa.xlsx", work / "terisi.xlsx"
        renja_xl(["check", str(EXAMPLE), "-o", str(checked)])
        renja_xl(["fill", str(EXAMPLE), "-o", str(filled)])
        shots = [
            (ROOT / "xlsx_templates" / "renja_pd.xlsx", "T3.4 Rencana Program", "A1:K12", "templat_t34.png", 200, None),
            (checked, "Hasil Validasi", "A1:G37", "hasil_validasi.png", 730, None),
            (checked, "Hasil Validasi", list_area(checked), "hasil_validasi_daftar.png", 480, "3:3"),
            (checked, "T2.1 Evaluasi Renja", "A1:M24", "sel_ditandai.png", 340, None),
            (filled, "T2.1 Evaluasi Renja", "A1:M24", "kolom_terisi.png", 340, None),
        ]
        for source, sheet, area, name, height, titles in shots:
            copy = work / f"{Path(name).stem}.xlsx"
            only_sheet(source, sheet, area, copy, titles)
            render(copy, out / name, work, height)
            print(f"ditulis: {out / name}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
