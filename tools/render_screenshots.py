"""Render the screenshots of docs/excel.md with LibreOffice headless (PDF, then PNG by pdftoppm).

    python tools/render_screenshots.py [--out docs/img]

Each picture is one sheet of a workbook the product makes: a template, the checked
example ('Hasil Validasi' and a sheet with marked cells) and the filled example.
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


def only_sheet(source: Path, sheet: str, area: str, target: Path) -> None:
    """A copy holding one sheet, its print area ``area`` on one landscape page."""
    book = load_workbook(source)
    for name in list(book.sheetnames):
        if name != sheet:
            del book[name]
    ws = book[sheet]
    ws.print_area = area
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = None
    if sheet == "Hasil Validasi":  # LibreOffice does not grow wrapped rows by itself
        for row in range(4, ws.max_row + 1):
            ws.row_dimensions[row].height = 26
    book.save(target)


def render(xlsx: Path, png: Path, work: Path, height: int) -> None:
    profile = work / "profil"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(xlsx)], check=True, capture_output=True, timeout=300)
    pdf = work / (xlsx.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", "-x", "60", "-y", "72",
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
            (ROOT / "xlsx_templates" / "renja_pd.xlsx", "T3.4 Rencana Program", "A1:K12", "templat_t34.png", 200),
            (checked, "Hasil Validasi", "A1:G16", "hasil_validasi.png", 560),
            (checked, "T2.1 Evaluasi Renja", "A1:M24", "sel_ditandai.png", 340),
            (filled, "T2.1 Evaluasi Renja", "A1:M24", "kolom_terisi.png", 340),
        ]
        for source, sheet, area, name, height in shots:
            copy = work / f"{Path(name).stem}.xlsx"
            only_sheet(source, sheet, area, copy)
            render(copy, out / name, work, height)
            print(f"ditulis: {out / name}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
