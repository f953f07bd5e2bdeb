"""The Excel buttons (Hitung, Periksa, Bersihkan) on every engine, against stand-ins that answer as xlwings documents.

Three engines, each with the real xlwings on top (licence of the remote engine: PolyForm
Noncommercial, ``XLWINGS_LICENSE_KEY=noncommercial``):

* ``lite``: the remote engine as it runs in xlwings Lite (:class:`xlwings_client.LiteExcel`:
  number formats one per range or None, colours at most 100,000 cells a call);
* ``desktop``: Windows Excel (:class:`xlwings_desktop.DesktopExcel`: COM's answers, ``Decimal``
  for currency cells, error codes, ``Range.number_format`` None for mixed cells);
* ``server``: the remote engine of xlwings Server, which reads no formats and no colours
  (the button says so) unless the caller holds the file and passes them.

The result must be the same cells as ``renja-xl check --output`` and ``renja-xl fill`` write.
"""

from __future__ import annotations

import asyncio
import collections
import os

import pytest
from openpyxl import load_workbook

from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE
from renja_xl.cli import main

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings reads it

import xlwings as xw  # noqa: E402
from xlwings_client import (LiteExcel, apply_actions, cells, client_facts, payload, same_as_checked_copy,  # noqa: E402
                            same_as_filled)
from xlwings_desktop import DesktopExcel  # noqa: E402

from renja_xl.excel import buttons  # noqa: E402
from renja_xl.excel.client import MARKS_SHEET, NO_FILLS, NO_FORMATS  # noqa: E402

EXAMPLES = {"renja": RENJA_EXAMPLE, "lkjip": LKJIP_EXAMPLE}
ENGINES = ["lite", "desktop", "mac", "server"]


class Pressed:
    """What a click did: the result, the alerts shown, the engine's calls by kind."""

    def __init__(self, result, alerts, calls):
        self.result, self.alerts, self.calls = result, alerts, calls


def press(button: str, workbook, name="contoh.xlsx", engine="lite", **kwargs) -> Pressed:
    """Click a button on an openpyxl workbook opened in ``engine``; its changes land on the workbook."""
    if engine == "lite":
        with LiteExcel(workbook, name) as excel:
            book = excel.book()
            result = asyncio.run(getattr(buttons, button + "_async")(book, **kwargs))
            excel.finish(book)
        return Pressed(result, excel.alerts, excel.calls + collections.Counter(a["func"] for a in excel.ran))
    if engine in ("desktop", "mac"):
        excel = DesktopExcel(workbook, name, platform="windows" if engine == "desktop" else "mac")
        result = getattr(buttons, button)(excel.book, **kwargs)
        return Pressed(result, [list(a) for a in excel.alerts], excel.calls)
    book = xw.Book(json=payload(workbook, name))
    if engine == "server-with-file":  # xlwings Server holding the file: it passes what it knows
        formats, fills = client_facts(workbook)
        kwargs = {**kwargs, **({"number_formats": formats} if button != "bersihkan" else {}),
                  **({"fills": fills} if button == "periksa" else {})}
    result = getattr(buttons, button)(book, **kwargs)
    actions = book.json()["actions"]
    apply_actions(workbook, [a for a in actions if a["func"] != "alert"])
    return Pressed(result, [a["args"] for a in actions if a["func"] == "alert"],
                   collections.Counter(a["func"] for a in actions))


PARITY = ["lite", "desktop", "mac", "server-with-file"]


@pytest.mark.parametrize("engine", PARITY)
@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_periksa_marks_the_same_cells_as_check_output(example, engine, tmp_path, capsys):
    source = EXAMPLES[example]
    expected_path = tmp_path / "diperiksa.xlsx"
    main(["check", str(source), "-o", str(expected_path)])
    expected = load_workbook(expected_path)
    workbook = load_workbook(source)
    pressed = press("periksa", workbook, name=source.name, engine=engine)
    assert pressed.result.ok, pressed.result.message
    assert "Catatan" not in pressed.result.message      # nothing this engine could not do or tell
    assert pressed.alerts == [[pressed.result.message, "Renja XL", "ok", "info"] + ([""] if engine != "desktop"
                                                                                     and engine != "mac" else [])]
    same_as_checked_copy(workbook, expected)


@pytest.mark.parametrize("engine", PARITY)
@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_hitung_writes_the_same_formulas_as_fill(example, engine, tmp_path, capsys):
    source = EXAMPLES[example]
    main(["fill", str(source), "-o", str(tmp_path / "terisi.xlsx")])
    expected = load_workbook(tmp_path / "terisi.xlsx")
    workbook = load_workbook(source)
    pressed = press("hitung", workbook, engine=engine)
    result = pressed.result
    assert result.ok and result.counts["cells"] > 0 and "Catatan" not in result.message, result.message
    same_as_filled(workbook, expected)
    formulas = pressed.calls["setFormula"] + pressed.calls["Range.Formula="]
    assert 0 < formulas < result.counts["cells"] / 5  # formulas go down a column in one call


def _variant(tmp_path, name, change):
    """The Renja example changed by ``change(workbook)``, saved: the file `check` reads."""
    workbook = load_workbook(RENJA_EXAMPLE)
    change(workbook)
    path = tmp_path / name
    workbook.save(path)
    return path


def _rupiah(workbook):
    """Pagu columns shown as Rupiah (currency): Windows hands these cells to Python as Decimal."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (int, float)) and c.number_format == "#,##0":
                    c.number_format = '"Rp"#,##0'


def _errors(workbook):
    """Error values where numbers were: #DIV/0! in a capaian, #N/A in a pagu."""
    ws = workbook["T2.1 Evaluasi Renja"]
    numbers = [c for row in ws.iter_rows(min_row=8) for c in row if isinstance(c.value, (int, float))]
    numbers[3].value = "#DIV/0!"
    numbers[11].value = "#N/A"
    assert numbers[3].data_type == "e"


@pytest.mark.parametrize("variant", ["rupiah", "errors"])
@pytest.mark.parametrize("engine", ["desktop", "lite"])
def test_currency_cells_and_error_values_read_as_the_file_reader_reads_them(variant, engine, tmp_path, capsys):
    source = _variant(tmp_path, f"{variant}.xlsx", {"rupiah": _rupiah, "errors": _errors}[variant])
    main(["check", str(source), "-o", str(tmp_path / "diperiksa.xlsx")])
    expected = load_workbook(tmp_path / "diperiksa.xlsx")
    workbook = load_workbook(source)
    pressed = press("periksa", workbook, name=source.name, engine=engine)
    assert pressed.result.ok, pressed.result.message
    same_as_checked_copy(workbook, expected)


def test_windows_gives_currency_cells_as_decimal_and_errors_as_codes(tmp_path):
    """The stand-in answers as COM does through xlwings: the client, not the stand-in, makes them file values."""
    from decimal import Decimal

    workbook = load_workbook(_variant(tmp_path, "v.xlsx", lambda wb: (_rupiah(wb), _errors(wb))))
    book = DesktopExcel(workbook, "v.xlsx").book
    pagu = [v for row in book.sheets["T3.4 Rencana Program"].used_range.options(ndim=2).value for v in row]
    assert any(isinstance(v, Decimal) for v in pagu)
    used = book.sheets["T2.1 Evaluasi Renja"].used_range
    plain = [v for row in used.options(ndim=2).value for v in row]
    shown = [v for row in used.options(ndim=2, err_to_str=True).value for v in row]
    assert "#DIV/0!" not in plain and "#DIV/0!" in shown and "#N/A" in shown


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_bersihkan_after_periksa_leaves_every_cell_as_before(engine, capsys):
    workbook = load_workbook(RENJA_EXAMPLE)
    before = {ws.title: cells(ws) for ws in workbook.worksheets}
    press("periksa", workbook, engine=engine)
    assert "Hasil Validasi" in workbook.sheetnames and MARKS_SHEET in workbook.sheetnames
    result = press("bersihkan", workbook, engine=engine).result
    assert result.ok and result.counts["cells"] > 200
    assert {ws.title: cells(ws) for ws in workbook.worksheets} == before


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_a_users_own_fill_and_note_survive_periksa_twice_and_bersihkan(engine, capsys):
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    workbook = load_workbook(RENJA_EXAMPLE)
    ws = workbook["T2.1 Evaluasi Renja"]
    ws["H32"].fill = PatternFill("solid", fgColor="FF00B050")      # the user's green, under a finding
    ws["L32"].fill = PatternFill("solid", fgColor="FF000000")      # black: "000000" must not come back as 0
    ws["H32"].comment = Comment("dicek Pak Budi", "Budi")
    before = {w.title: cells(w) for w in workbook.worksheets}
    press("periksa", workbook, engine=engine)
    assert ws["H32"].fill.fgColor.rgb.endswith("FFC7CE") and ws["H32"].comment.text == "dicek Pak Budi"
    press("periksa", workbook, engine=engine)                        # twice: the marks do not stack
    assert workbook.sheetnames.count("Hasil Validasi") == 1
    press("bersihkan", workbook, engine=engine)
    assert {w.title: cells(w) for w in workbook.worksheets} == before


@pytest.mark.parametrize("engine", ["lite", "desktop", "server"])
def test_a_failure_is_a_short_indonesian_alert(engine, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Nama", "Alamat"])
    pressed = press("hitung", workbook, engine=engine)
    assert not pressed.result.ok and "Tidak ada tabel" in pressed.result.message
    assert len(pressed.alerts) == 1
    alert = pressed.alerts[0]
    assert alert[0] == pressed.result.message and alert[3] == "critical"
    assert "Traceback" not in pressed.result.message


class Broken(Exception):
    pass


@pytest.mark.parametrize("button", ["periksa", "hitung"])
def test_a_read_that_fails_in_lite_is_one_alert_not_a_traceback(button, monkeypatch, capsys):
    """Every read is inside the guarded body: Excel refusing one is one Indonesian sentence."""
    async def refuse(self, *args):
        raise Broken("Excel menolak")

    monkeypatch.setattr(LiteExcel, "getRangeData", refuse)
    workbook = load_workbook(RENJA_EXAMPLE)
    pressed = press(button, workbook)
    assert not pressed.result.ok and len(pressed.alerts) == 1
    assert "Terjadi kesalahan tak terduga (Broken: Excel menolak)" in pressed.alerts[0][0]
    assert "Hasil Validasi" not in workbook.sheetnames


def test_a_read_that_fails_on_the_desktop_is_one_alert(monkeypatch, capsys):
    import xlwings_desktop

    def refuse(self):
        raise Broken("COM error")

    monkeypatch.setattr(xlwings_desktop.RangeImpl, "number_format", property(refuse))
    pressed = press("periksa", load_workbook(RENJA_EXAMPLE), engine="desktop")
    assert not pressed.result.ok and pressed.alerts[0][0].startswith("Terjadi kesalahan tak terduga (Broken")


def test_periksa_never_calls_a_workbook_it_did_not_understand_clean():
    from openpyxl import Workbook

    workbook = Workbook()
    for row in [["Nama Pegawai", "NIP", "Golongan", "Gaji Pokok"], ["Ani", "1987", "III/a", 3500000],
                ["Budi", "1990", "III/b", 3700000]]:
        workbook.active.append(row)
    result = press("periksa", workbook).result
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


def test_the_remote_engine_of_xlwings_server_says_once_what_it_cannot_tell(capsys):
    """No formats, no colours, no status bar remotely: said once each in the result, nothing asked that raises."""
    workbook = load_workbook(RENJA_EXAMPLE)
    pressed = press("periksa", workbook, engine="server")
    message = pressed.result.message
    assert pressed.result.ok and message.count(NO_FORMATS) == 1 and message.count(NO_FILLS) == 1
    assert pressed.result.calls == 1     # one number format asked, refused: never again


@pytest.mark.parametrize("engine", ["lite", "desktop", "mac"])
def test_a_targets_satuan_in_its_number_format_reads_as_check_reads_it(engine, tmp_path, capsys):
    """``15`` under ``0 "jenis"`` is the target "15 jenis" (as perbaiki writes it): the satuan checks see it."""
    import re

    workbook = load_workbook(RENJA_EXAMPLE)
    for ws in workbook:
        for row in ws.iter_rows():
            for c in row:
                found = re.fullmatch(r"(\d+) (jenis|Dok|orang|Dokumen)", str(c.value or "").strip())
                if found:
                    c.value, c.number_format = int(found.group(1)), f'0 "{found.group(2)}"'
    source = tmp_path / "satuan_di_format.xlsx"
    workbook.save(source)
    main(["check", str(source), "-o", str(tmp_path / "diperiksa.xlsx")])
    workbook = load_workbook(source)
    assert press("periksa", workbook, name=source.name, engine=engine).result.ok
    same_as_checked_copy(workbook, load_workbook(tmp_path / "diperiksa.xlsx"))
