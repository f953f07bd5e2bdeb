"""Nothing lost in the copies: `fill` and `check --output` keep every feature of a real workbook.

The copies are the input's own package with only the changed parts rewritten. The
feature-rich workbook (tests/corpus/feature_rich.py) carries a chart, a picture, a text-box
shape, a form button wired to a macro, a user's note, data validation, a conditional
format, defined names, print settings, sparklines (an Excel extension) and a VBA project.
The first test measures what an openpyxl load-and-save (the obvious way to write a copy)
drops from it: the reason the copies are patched instead.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from renja_xl.cli import main

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from feature_rich import (BUTTON_MACRO, SHAPE_TEXT, SPARKLINE, USER_NOTE, VBA,  # noqa: E402
                          build_feature_rich, sheet_part)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# the sheet's own features, as elements of the worksheet part
# openpyxl, reading the copies back in these tests, says it would drop the sparklines: expected, not ours
pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension is not supported")

SHEET_FEATURES = ("conditionalFormatting", "dataValidations", "printOptions", "pageMargins", "pageSetup",
                  "headerFooter", "drawing", "legacyDrawing", "extLst")


def parts(path) -> dict:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def features(package: dict, sheet: str) -> dict:
    """Which features a package carries (True/False), by looking at its parts."""
    blob = b"".join(package.values())
    drawing = b"".join(v for k, v in package.items() if k.startswith("xl/drawings/") and k.endswith(".xml"))
    return {
        "grafik": any(k.startswith("xl/charts/chart") for k in package),
        "gambar": any(k.startswith("xl/media/") for k in package) and b"r:embed" in drawing,
        "bentuk (text box)": SHAPE_TEXT in drawing,
        "tombol formulir + makro": BUTTON_MACRO in blob,
        "catatan pengguna": USER_NOTE.encode() in blob,
        "validasi data": b"<dataValidations" in package[sheet],
        "format bersyarat": b"<conditionalFormatting" in package[sheet],
        "nama terdefinisi": b"PaguTotal" in package["xl/workbook.xml"],
        "pengaturan cetak": b"Renja Dinas Ketenagakerjaan" in package[sheet] and b'orientation="landscape"' in package[sheet],
        "sparkline (ekstensi)": SPARKLINE in package[sheet],
        "proyek VBA": package.get("xl/vbaProject.bin") == VBA,
    }


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kaya") / "renja_lengkap.xlsm"
    build_feature_rich(path)
    return path


def test_the_workbook_carries_every_feature(rich):
    assert all(features(parts(rich), sheet_part(rich)).values())


def test_measured_an_openpyxl_load_and_save_drops_shapes_pictures_and_extensions(rich):
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(rich, keep_vba=True)
    buffer = io.BytesIO()
    book.save(buffer)
    after = features(parts(buffer), sheet_part(rich))
    lost = sorted(k for k, kept in after.items() if not kept)
    # measured here (openpyxl 3.1 with keep_vba, no Pillow): the shape, the picture and the sparklines are gone;
    # the form button survives only because keep_vba keeps the legacy drawing whole
    assert {"bentuk (text box)", "gambar", "sparkline (ekstensi)"} <= set(lost), lost


@pytest.mark.parametrize("command", ["fill", "check"])
def test_the_copy_keeps_every_feature(rich, tmp_path, capsys, command):
    out = tmp_path / f"salinan_{command}.xlsm"
    assert main([command, str(rich), "-o", str(out)]) in (0, 1)
    before, after = parts(rich), parts(out)
    sheet = sheet_part(rich)
    assert features(after, sheet) == {k: True for k in features(before, sheet)}
    # parts the command has no business with are copied byte for byte
    untouched = [n for n in before if n.startswith(("xl/charts/", "xl/media/", "xl/theme/", "docProps/"))
                 or n == "xl/vbaProject.bin" or n.startswith("xl/drawings/drawing")]
    assert untouched and all(after[n] == before[n] for n in untouched)
    # the changed sheet keeps each of its own feature elements, unchanged
    old, new = fromstring(before[sheet]), fromstring(after[sheet])
    for name in SHEET_FEATURES:
        kept = [e for e in new.findall(MAIN + name)]
        original = [e for e in old.findall(MAIN + name)]
        assert len(kept) >= len(original), name
    old_cf = [e.get("sqref") for e in old.findall(MAIN + "conditionalFormatting")]
    assert old_cf == [e.get("sqref") for e in new.findall(MAIN + "conditionalFormatting")][:len(old_cf)]
    # Excel's namespaces for its own extensions stay declared (mc:Ignorable names them)
    root_tag = after[sheet][:after[sheet].find(b">", after[sheet].find(b"<worksheet")) + 1]
    assert b'mc:Ignorable="x14ac"' in root_tag and b"xmlns:x14ac=" in root_tag
    assert b'x14ac:dyDescent="0.25"' in after[sheet]


def test_the_users_note_survives_beside_the_findings(rich, tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "diperiksa.xlsm"
    main(["check", str(rich), "-o", str(out)])
    ws = load_workbook(out)["T2.1 Evaluasi Renja"]
    assert ws["B8"].comment.text.startswith(USER_NOTE)
    marked = [c for row in ws.iter_rows() for c in row if c.comment and "[RXL" in c.comment.text]
    assert len(marked) > 20


@pytest.mark.libreoffice
def test_libreoffice_opens_both_copies(rich, tmp_path, capsys):
    from openpyxl import load_workbook
    from recalc import recalculate

    outputs = []
    for command in ("fill", "check"):
        out = tmp_path / f"{command}.xlsm"  # a macro-enabled copy keeps its extension (an .xlsx name is refused)
        main([command, str(rich), "-o", str(out)])
        outputs.append(out)
    converted = recalculate(outputs, tmp_path / "lo")
    filled = load_workbook(converted[0], data_only=True)["T2.1 Evaluasi Renja"]
    assert isinstance(filled["H32"].value, (int, float))  # a formula the fill wrote, computed by LibreOffice
    checked = load_workbook(converted[1])
    assert checked.sheetnames[0] == "Hasil Validasi" and checked["Hasil Validasi"].max_row > 200
