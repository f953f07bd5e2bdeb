"""The Excel buttons (Hitung, Periksa, Bersihkan) through the real xlwings remote engine.

``xw.Book(json=...)`` is the engine of xlwings Lite and Server (licence: PolyForm
Noncommercial, ``XLWINGS_LICENSE_KEY=noncommercial``). The client side, Excel, is played
by :mod:`xlwings_client`: it sends the example workbook as JSON and carries out the actions
the engine returns onto the same file with openpyxl. The result must be the same cells as
``renja-xl check --output`` and ``renja-xl fill`` write.
"""

from __future__ import annotations

import collections
import os

import pytest
from openpyxl import load_workbook

from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE
from renja_xl.cli import main

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings reads it

import xlwings as xw  # noqa: E402
from xlwings_client import apply_actions, client_facts, payload  # noqa: E402

from renja_xl.excel import buttons  # noqa: E402
from renja_xl.excel.client import MARKS_SHEET  # noqa: E402

EXAMPLES = {"renja": RENJA_EXAMPLE, "lkjip": LKJIP_EXAMPLE}


def press(button, workbook, name="contoh.xlsx", **kwargs):
    """Click a button on an openpyxl workbook: payload to the engine, the engine's actions applied back."""
    formats, fills = client_facts(workbook)
    book = xw.Book(json=payload(workbook, name))
    extra = {"number_formats": formats}
    if button is buttons.periksa:
        extra["fills"] = fills
    if button is buttons.bersihkan:
        extra = {}
    result = button(book, **extra, **kwargs)
    actions = book.json()["actions"]
    apply_actions(workbook, [a for a in actions if a["func"] != "alert"])
    return result, actions


def cells(ws):
    """Every cell's (value, fill, note) of a sheet, by address."""
    out = {}
    for row in ws.iter_rows():
        for c in row:
            fill = c.fill.fgColor.rgb[-6:] if c.fill is not None and c.fill.fill_type == "solid" else None
            note = c.comment.text if c.comment is not None else None
            if c.value is not None or fill or note:
                out[c.coordinate] = (c.value, fill, note)
    return out


def link(cell):
    h = cell.hyperlink
    return None if h is None else (h.location or (h.target or "").lstrip("#"))


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_periksa_marks_the_same_cells_as_check_output(example, tmp_path, capsys):
    source = EXAMPLES[example]
    expected_path = tmp_path / "diperiksa.xlsx"
    main(["check", str(source), "-o", str(expected_path)])
    expected = load_workbook(expected_path)
    workbook = load_workbook(source)
    result, actions = press(buttons.periksa, workbook, name=source.name)
    assert result.ok, result.message
    assert [a for a in actions if a["func"] == "alert"][0]["args"][0] == result.message
    assert workbook.sheetnames == expected.sheetnames + [MARKS_SHEET]
    for name in expected.sheetnames:
        got, want = cells(workbook[name]), cells(expected[name])
        if name == "Hasil Validasi":
            assert {a: v[0] for a, v in got.items()} == {a: v[0] for a, v in want.items()}
            assert {a: v[1] for a, v in got.items()} == {a: v[1] for a, v in want.items()}
            links = {c.coordinate: link(c) for row in workbook[name].iter_rows() for c in row if c.hyperlink}
            assert links == {c.coordinate: link(c) for row in expected[name].iter_rows() for c in row if c.hyperlink}
        else:
            assert got == want, name


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_hitung_writes_the_same_formulas_as_fill(example, tmp_path, capsys):
    source = EXAMPLES[example]
    main(["fill", str(source), "-o", str(tmp_path / "terisi.xlsx")])
    expected = load_workbook(tmp_path / "terisi.xlsx")
    workbook = load_workbook(source)
    result, actions = press(buttons.hitung, workbook)
    assert result.ok and result.counts["cells"] > 0, result.message
    for ws in expected.worksheets:
        for row in ws.iter_rows():
            for c in row:
                mine = workbook[ws.title][c.coordinate]
                assert mine.value == c.value, (ws.title, c.coordinate)
                if isinstance(c.value, str) and c.value.startswith("="):
                    assert mine.number_format == c.number_format, (ws.title, c.coordinate)
        colours = sorted((str(cf.sqref), r.formula[0], r.dxf.fill.fgColor.rgb[-6:].upper())
                         for cf in ws.conditional_formatting for r in cf.rules)
        mine = sorted((str(cf.sqref), r.formula[0], r.dxf.fill.fgColor.rgb[-6:].upper())
                      for cf in workbook[ws.title].conditional_formatting for r in cf.rules)
        assert mine == colours, ws.title  # the Predikat colours
    kinds = collections.Counter(a["func"] for a in actions)
    assert kinds["setFormula"] < result.counts["cells"] / 5  # formulas go down a column in one call


def test_bersihkan_after_periksa_leaves_every_cell_as_before(capsys):
    workbook = load_workbook(RENJA_EXAMPLE)
    before = {ws.title: cells(ws) for ws in workbook.worksheets}
    press(buttons.periksa, workbook)
    assert "Hasil Validasi" in workbook.sheetnames and MARKS_SHEET in workbook.sheetnames
    result, _ = press(buttons.bersihkan, workbook)
    assert result.ok and result.counts["cells"] > 200
    assert {ws.title: cells(ws) for ws in workbook.worksheets} == before


def test_a_users_own_fill_and_note_survive_periksa_twice_and_bersihkan(capsys):
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    workbook = load_workbook(RENJA_EXAMPLE)
    ws = workbook["T2.1 Evaluasi Renja"]
    ws["H32"].fill = PatternFill("solid", fgColor="FF00B050")      # the user's green, under a finding
    ws["L32"].fill = PatternFill("solid", fgColor="FF000000")      # black: "000000" must not come back as 0
    ws["H32"].comment = Comment("dicek Pak Budi", "Budi")
    before = {w.title: cells(w) for w in workbook.worksheets}
    press(buttons.periksa, workbook)
    assert ws["H32"].fill.fgColor.rgb.endswith("FFC7CE") and ws["H32"].comment.text == "dicek Pak Budi"
    press(buttons.periksa, workbook)                                # twice: the marks do not stack
    assert workbook.sheetnames.count("Hasil Validasi") == 1
    press(buttons.bersihkan, workbook)
    assert {w.title: cells(w) for w in workbook.worksheets} == before


def test_a_failure_is_a_short_indonesian_alert(capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Nama", "Alamat"])
    result, actions = press(buttons.hitung, workbook)
    assert not result.ok and "Tidak ada tabel" in result.message
    alert = [a for a in actions if a["func"] == "alert"][0]
    assert alert["args"][0] == result.message and alert["args"][3] == "critical"
    assert "Traceback" not in result.message


def test_periksa_never_calls_a_workbook_it_did_not_understand_clean():
    from openpyxl import Workbook

    workbook = Workbook()
    for row in [["Nama Pegawai", "NIP", "Golongan", "Gaji Pokok"], ["Ani", "1987", "III/a", 3500000],
                ["Budi", "1990", "III/b", 3700000]]:
        workbook.active.append(row)
    result, _ = press(buttons.periksa, workbook)
    assert not result.ok and "Tidak ada tabel yang dipahami" in result.message and "A1:D3" in result.message
    assert "Hasil Validasi" not in workbook.sheetnames


def test_notes_unsupported_by_the_engine_fall_back_to_colours_and_the_results_sheet(capsys):
    workbook = load_workbook(RENJA_EXAMPLE)
    formats, fills = client_facts(workbook)
    data = payload(workbook, "renja.xlsx")
    data["client"] = "VBA"   # xlwings Server called from VBA: the engine cannot add notes
    book = xw.Book(json=data)
    result = buttons.periksa(book, number_formats=formats, fills=fills, alert=False)
    kinds = collections.Counter(a["func"] for a in book.json()["actions"])
    assert result.ok and kinds["addNote"] == 0 and kinds["setRangeColor"] > 100 and kinds["addSheet"] == 2
    assert any("catatan sel" in s for s in result.skipped) and "catatan sel" in result.message
    assert "format angka" not in result.message  # the formats were given


def test_without_number_formats_the_button_says_its_answer_may_differ(capsys):
    workbook = load_workbook(RENJA_EXAMPLE)
    book = xw.Book(json=payload(workbook, "renja.xlsx"))   # xlwings Server: no awaited reads of formats
    result = buttons.periksa(book, alert=False)
    assert result.ok and "format angka tidak terbaca" in result.message
