"""The Perbaiki and Batalkan buttons through the stand-ins (xlwings Lite, Windows and macOS desktop).

Perbaiki on a workbook must give exactly the cells (values, number formats, formulas) that
``renja-xl perbaiki`` writes on the same file, the same summary sheet and the same undo
record; Batalkan after Perbaiki must give every cell back exactly, and the sheets as they were.
"""

from __future__ import annotations

import os

import pytest
from openpyxl import load_workbook
from pasted import build_pasted

from renja_xl.cli import main

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings reads it

from test_excel_buttons import press  # noqa: E402

from renja_xl.perbaiki import read_undo  # noqa: E402

ENGINES = ["lite", "desktop", "mac"]


@pytest.fixture(scope="module")
def pasted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tempel")
    return {d: build_pasted(d, folder / f"{d}_tempel.xlsx") for d in ("renja", "lkjip")}


def contents(ws) -> dict:
    """Every cell that holds something or has a number format of its own: (value, number format)."""
    return {c.coordinate: (c.value, c.number_format) for row in ws.iter_rows() for c in row
            if c.value is not None or c.number_format != "General"}


def undo_of(ws):
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1, min_col=1)]
    return read_undo(ws.title, rows)


def same_sheets_as_perbaiki(workbook, expected) -> None:
    """A book after the Perbaiki button holds what ``renja-xl perbaiki`` wrote: the same undo record, the same
    Perbaikan sheet's values, and every other sheet cell for cell (value and number format)."""
    for ws in expected:
        if ws.title.startswith("renja-xl-batal"):
            mine, theirs = undo_of(workbook[ws.title]), undo_of(ws)
            assert mine is not None and theirs is not None
            assert (mine.states, mine.summary, mine.active) == (theirs.states, theirs.summary, theirs.active)
        elif ws.title.startswith("Perbaikan"):
            got = {a: v for a, (v, _) in contents(workbook[ws.title]).items() if v is not None}
            assert got == {a: v for a, (v, _) in contents(ws).items() if v is not None}
        else:
            assert contents(workbook[ws.title]) == contents(ws), ws.title


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("example", ["renja", "lkjip"])
def test_perbaiki_writes_what_the_command_writes_and_batalkan_restores_every_cell(pasted, example, engine, tmp_path,
                                                                                 capsys):
    source = pasted[example]
    expected_path = tmp_path / "diperbaiki.xlsx"
    assert main(["perbaiki", str(source), "-o", str(expected_path)]) == 0
    expected = load_workbook(expected_path)
    original = load_workbook(source)
    workbook = load_workbook(source)

    pressed = press("perbaiki", workbook, name=source.name, engine=engine)
    assert pressed.result.ok, pressed.result.message
    assert "Catatan" not in pressed.result.message
    assert len(pressed.alerts) == 1 and pressed.alerts[0][0] == pressed.result.message
    assert workbook.sheetnames == expected.sheetnames
    assert [ws.sheet_state for ws in workbook] == [ws.sheet_state for ws in expected]
    assert workbook.active.title == expected.active.title == "Perbaikan"
    same_sheets_as_perbaiki(workbook, expected)

    undone = press("batalkan", workbook, name=source.name, engine=engine)
    assert undone.result.ok, undone.result.message
    assert undone.result.counts["cells"] == pressed.result.counts["angka"] + pressed.result.counts["rumus"]
    assert workbook.sheetnames == original.sheetnames
    assert workbook.active.title == original.active.title
    for ws in original:
        assert contents(workbook[ws.title]) == contents(ws), ws.title


@pytest.mark.parametrize("engine", ["lite", "desktop", "server"])
def test_batalkan_without_a_perbaiki_is_one_indonesian_alert(engine, capsys):
    from conftest import RENJA_EXAMPLE

    workbook = load_workbook(RENJA_EXAMPLE)
    before = {ws.title: contents(ws) for ws in workbook}
    pressed = press("batalkan", workbook, engine=engine)
    assert not pressed.result.ok and "tidak memuat catatan pembatalan Perbaiki" in pressed.result.message
    assert len(pressed.alerts) == 1 and pressed.alerts[0][3] == "critical" and "Traceback" not in pressed.alerts[0][0]
    assert {ws.title: contents(ws) for ws in workbook} == before


def test_perbaiki_where_excel_cannot_tell_formats_changes_nothing_and_says_why(pasted, capsys):
    """xlwings Server reads no number formats and no formulas: the undo could not be exact, so nothing is written."""
    workbook = load_workbook(pasted["renja"])
    before = {ws.title: contents(ws) for ws in workbook}
    pressed = press("perbaiki", workbook, engine="server")
    assert not pressed.result.ok and pressed.result.message.startswith("Perbaiki tidak dijalankan")
    assert len(pressed.alerts) == 1 and pressed.alerts[0][3] == "critical"
    assert {ws.title: contents(ws) for ws in workbook} == before and workbook.sheetnames == list(before)


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_perbaiki_twice_is_undone_latest_first(engine, capsys):
    """A second Perbaiki after a hand edit gets 'Perbaikan (2)'; Batalkan takes it back first, then the first."""
    from conftest import RENJA_EXAMPLE

    workbook = load_workbook(RENJA_EXAMPLE)
    original = {ws.title: contents(ws) for ws in workbook}
    assert press("perbaiki", workbook, engine=engine).result.ok
    ws = workbook["T2.1 Evaluasi Renja"]
    ws["D8"].value, ws["D8"].number_format = "12 jenis", "General"      # typed again as text
    middle = {w.title: contents(w) for w in workbook}
    second = press("perbaiki", workbook, engine=engine).result
    assert second.ok and second.counts["angka"] == 1, second.message
    assert workbook.sheetnames[0] == "Perbaikan (2)" and "renja-xl-batal (2)" in workbook.sheetnames
    assert ws["D8"].value == 12 and ws["D8"].number_format == '0 "jenis"'
    assert "'Perbaikan (2)'" in press("batalkan", workbook, engine=engine).result.message
    assert {w.title: contents(w) for w in workbook} == middle
    assert press("batalkan", workbook, engine=engine).result.ok
    assert {w.title: contents(w) for w in workbook} == original


def test_excel_refusing_a_read_during_perbaiki_is_one_alert_and_nothing_written(pasted, monkeypatch, capsys):
    from xlwings_client import LiteExcel

    answer = LiteExcel.getRangeData

    async def refuse_formulas(self, sheet_name, address, keys):
        if "formulas" in keys:
            raise RuntimeError("Excel menolak")
        return await answer(self, sheet_name, address, keys)

    monkeypatch.setattr(LiteExcel, "getRangeData", refuse_formulas)
    workbook = load_workbook(pasted["lkjip"])
    before = {ws.title: contents(ws) for ws in workbook}
    pressed = press("perbaiki", workbook)
    assert not pressed.result.ok and len(pressed.alerts) == 1
    assert pressed.alerts[0][0].startswith("Terjadi kesalahan tak terduga (RuntimeError: Excel menolak)")
    assert {ws.title: contents(ws) for ws in workbook} == before


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_perbaiki_on_a_workbook_without_tables_is_one_alert(engine, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Nama", "Alamat"])
    pressed = press("perbaiki", workbook, engine=engine)
    assert not pressed.result.ok and "Tidak ada tabel Renja/LKjIP" in pressed.result.message
    assert len(pressed.alerts) == 1 and pressed.alerts[0][3] == "critical"
    assert workbook.sheetnames == ["Sheet"]


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_batalkan_refuses_a_record_whose_sheet_is_gone(engine, capsys):
    from conftest import RENJA_EXAMPLE

    workbook = load_workbook(RENJA_EXAMPLE)
    assert press("perbaiki", workbook, engine=engine).result.ok
    workbook.remove(workbook["T2.1 Evaluasi Renja"])
    before = {ws.title: contents(ws) for ws in workbook}
    pressed = press("batalkan", workbook, engine=engine)
    assert not pressed.result.ok and "'T2.1 Evaluasi Renja'" in pressed.result.message
    assert len(pressed.alerts) == 1 and {ws.title: contents(ws) for ws in workbook} == before


def _excel_cases():
    from test_hostile_input import EXCEL_CASES

    return EXCEL_CASES


@pytest.mark.parametrize("name", _excel_cases())
def test_every_openable_hostile_case_through_perbaiki_and_batalkan(hostile_corpus, name, capsys):
    """A result or one sentence for every case of the hostile corpus, and after Batalkan the cells as they were."""
    workbook = load_workbook(hostile_corpus / name)
    before = workbook.sheetnames, {ws.title: contents(ws) for ws in workbook}
    pressed = press("perbaiki", workbook, name=name)
    assert len(pressed.alerts) == 1 and "Traceback" not in pressed.result.message
    assert pressed.result.ok or "Tidak ada tabel" in pressed.result.message, pressed.result.message
    if pressed.result.ok and pressed.result.counts.get("angka", 0) + pressed.result.counts.get("rumus", 0):
        undone = press("batalkan", workbook, name=name)
        assert undone.result.ok, undone.result.message
    assert (workbook.sheetnames, {ws.title: contents(ws) for ws in workbook}) == before
