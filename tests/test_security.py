"""Nothing in a workbook is executed, and every XML parse is a defused one.

The behaviour on hostile files (XML bombs, external entities, zip bombs, ``../`` names)
is in test_hostile_input.py; here are the guarantees the code itself must keep.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from renja_xl.cli import main

PACKAGE = Path(__file__).resolve().parent.parent / "renja_xl"
SOURCES = {p: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}


def test_every_xml_parse_goes_through_defusedxml():
    unsafe = re.compile(r"\bET\.(?:parse|fromstring|XML|XMLParser|iterparse)\b|xml\.dom|minidom|xml\.sax|\blxml\b|"
                        r"from xml\.etree\.ElementTree import .*(?:parse|fromstring)")
    offenders = {p.name: unsafe.findall(text) for p, text in SOURCES.items() if unsafe.search(text)}
    assert not offenders  # ElementTree only builds and writes; defusedxml reads
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML  # openpyxl, the fallback reader, parses through defusedxml too


def test_no_cell_content_is_ever_evaluated():
    offenders = [p.name for p, text in SOURCES.items() if re.search(r"(?<![\w.])(?:eval|exec|compile)\(", text)]
    assert not offenders


def test_the_results_sheet_links_only_inside_the_workbook_and_echoes_user_text_as_text(tmp_path, capsys):
    from openpyxl import Workbook, load_workbook

    path = tmp_path / "jahil.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "=T2.2 'IKU'"
    ws.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "%"])
    ws.append(["1.", '=WEBSERVICE("http://contoh.invalid")', "+Jumlah pelatihan", "orang", 125, 92, "@126%"])
    wb.save(path)
    main(["check", str(path), "-o", str(tmp_path / "hasil.xlsx")])
    with zipfile.ZipFile(tmp_path / "hasil.xlsx") as z:
        rels = b"".join(z.read(n) for n in z.namelist() if n.endswith(".rels"))
    assert b'TargetMode="External"' not in rels
    results = load_workbook(tmp_path / "hasil.xlsx")["Hasil Validasi"]
    cells = [c for row in results.iter_rows(min_row=4) for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)  # the user's "=WEBSERVICE(…)" is echoed as text
    links = [c.hyperlink for c in cells if c.hyperlink]
    assert links and all(h.location and not h.target for h in links)
