"""The Bandingkan and Simpan Versi buttons: the changes ``renja-xl bandingkan LAMA BARU`` lists, in the active book.

The example against itself with the ten scripted changes of ``test_bandingkan`` (the
command lists exactly those and four RXL901): the button's sheet Perubahan must hold what
the command's copy holds (every row, the links into the workbook, the RXL901 findings in
its Temuan column), whichever way the older version comes:

* desktop: another open workbook (the only one, or the one named), or a file;
* xlwings Lite (one workbook, no files): the version Simpan Versi kept in a hidden sheet
  before the changes were made.

The user's own cells are never changed: only the sheet of changes is added (an earlier
one of renja-xl's replaced, a user's sheet called Perubahan left alone).
"""

from __future__ import annotations

import os
import shutil

import pytest
from openpyxl import load_workbook

from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE
from renja_xl.cli import main

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings reads it

from test_bandingkan import scripted_changes  # noqa: E402
from test_excel_buttons import press  # noqa: E402
from test_excel_perbaiki import contents  # noqa: E402
from xlwings_client import link  # noqa: E402
from xlwings_desktop import DesktopExcel  # noqa: E402

from renja_xl.excel import buttons  # noqa: E402
from renja_xl.excel.settings import SETTINGS_SHEET  # noqa: E402
from renja_xl.excel.versi import VERSION_SHEET  # noqa: E402

COUNTS = {"berubah": 8, "ditambah": 1, "dihapus": 1, "temuan": 4}


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    return make_versions(tmp_path_factory.mktemp("versi"))


def make_versions(folder):
    """(old file, new file, the command's copy of new with its sheet Perubahan): the example and the example with
    the ten scripted changes, in ``folder``."""
    old, new = folder / "renja_rancangan.xlsx", folder / "renja_rancangan_akhir.xlsx"
    shutil.copy(RENJA_EXAMPLE, old)
    workbook = load_workbook(RENJA_EXAMPLE)
    scripted_changes(workbook)
    workbook.save(new)
    assert main(["bandingkan", str(old), str(new), "-o", str(folder / "perubahan.xlsx")]) == 1
    return old, new, load_workbook(folder / "perubahan.xlsx")


def same_changes(workbook, expected, name: str = "Perubahan") -> None:
    """The sheet of changes holds what the command's holds: every row below the title, and the same links."""
    got, want = workbook[name], expected["Perubahan"]
    rows = [list(r) for r in got.iter_rows(min_row=2, values_only=True)]
    assert rows == [list(r) for r in want.iter_rows(min_row=2, values_only=True)]
    assert len([r for r in rows[2:] if r[0] is not None]) == 10
    links = {c.coordinate: link(c) for row in got.iter_rows() for c in row if c.hyperlink is not None}
    assert links == {c.coordinate: link(c) for row in want.iter_rows() for c in row if c.hyperlink is not None}
    temuan = [r[13] for r in rows[2:] if r[13]]
    assert len(temuan) == 4 and all(t.startswith("RXL901 ") for t in temuan)


def _unchanged_but_the_sheet(workbook, before: dict, added: str = "Perubahan") -> None:
    assert {ws.title: contents(ws) for ws in workbook if ws.title != added} == before


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_simpan_versi_then_the_changes_then_bandingkan_lists_what_the_command_lists(versions, engine, capsys):
    old, _, expected = versions
    workbook = load_workbook(old)
    active = workbook.active.title
    saved = press("simpan_versi", workbook, name=old.name, engine=engine)
    assert saved.result.ok and saved.result.message.startswith("Disimpan "), saved.result.message
    assert len(saved.alerts) == 1 and workbook.sheetnames[-1] == VERSION_SHEET
    assert workbook[VERSION_SHEET].sheet_state == "hidden" and workbook.active.title == active

    scripted_changes(workbook)                                  # the user edits the workbook
    before = {ws.title: contents(ws) for ws in workbook}
    pressed = press("bandingkan", workbook, name=old.name, engine=engine)
    assert pressed.result.ok, pressed.result.message
    assert pressed.result.counts == COUNTS and len(pressed.alerts) == 1
    assert pressed.result.message.startswith("Dibandingkan dengan versi yang disimpan ")
    assert "8 isian berubah, 1 baris ditambah, 1 baris dihapus; 4 perubahan target/pagu" in pressed.result.message
    same_changes(workbook, expected)
    assert workbook.sheetnames[0] == "Perubahan" and workbook.active.title == "Perubahan"
    _unchanged_but_the_sheet(workbook, before)


@pytest.mark.parametrize("platform", ["windows", "mac"])
def test_on_the_desktop_the_one_other_open_workbook_is_the_older_version(versions, platform, capsys):
    old, new, expected = versions
    workbook = load_workbook(new)
    before = {ws.title: contents(ws) for ws in workbook}
    excel = DesktopExcel(workbook, new.name, platform=platform, fullname=str(new))
    DesktopExcel(load_workbook(old), old.name, platform=platform, app=excel.book_impl.app)
    DesktopExcel(load_workbook(LKJIP_EXAMPLE), "renja_xl.xlam", app=excel.book_impl.app, addin=True)  # not a version
    result = buttons.bandingkan(excel.book)
    assert result.ok and result.counts == COUNTS, result.message
    assert result.message.startswith(f"Dibandingkan dengan buku kerja '{old.name}'")
    same_changes(workbook, expected)
    _unchanged_but_the_sheet(workbook, before)


def test_a_file_chosen_on_the_desktop_is_read_as_the_command_reads_it(versions, capsys):
    old, new, expected = versions
    workbook = load_workbook(new)
    excel = DesktopExcel(workbook, new.name, fullname=str(new))
    result = buttons.bandingkan(excel.book, lama=old.name)     # beside the workbook, as the file dialog gives it
    assert result.ok and result.counts == COUNTS and f"berkas '{old.name}'" in result.message, result.message
    same_changes(workbook, expected)


def test_several_open_workbooks_the_settings_or_the_choice_say_which(versions, tmp_path, capsys):
    old, new, expected = versions
    workbook = load_workbook(new)
    excel = DesktopExcel(workbook, new.name, fullname=str(new))
    app = excel.book_impl.app
    DesktopExcel(load_workbook(old), old.name, app=app)
    DesktopExcel(load_workbook(LKJIP_EXAMPLE), LKJIP_EXAMPLE.name, app=app)
    before = {ws.title: contents(ws) for ws in workbook}
    unclear = buttons.bandingkan(excel.book)
    assert not unclear.ok and unclear.message.startswith("Ada 2 buku kerja lain yang terbuka")
    assert f"'{old.name}'" in unclear.message and "'versi lama' di lembar renja_xl.conf" in unclear.message
    assert {ws.title: contents(ws) for ws in workbook} == before and len(excel.alerts) == 1

    chosen = buttons.bandingkan(excel.book, lama=old.name.upper())   # as the macro passes the user's pick
    assert chosen.ok and chosen.counts == COUNTS, chosen.message
    same_changes(workbook, expected)

    workbook = load_workbook(new)
    settings = workbook.create_sheet(SETTINGS_SHEET)
    settings.append(["versi lama", old.name])
    excel = DesktopExcel(workbook, new.name, fullname=str(new))
    DesktopExcel(load_workbook(old), old.name, app=excel.book_impl.app)
    DesktopExcel(load_workbook(LKJIP_EXAMPLE), LKJIP_EXAMPLE.name, app=excel.book_impl.app)
    assert buttons.bandingkan(excel.book).counts == COUNTS


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_bandingkan_again_replaces_its_own_sheet_and_leaves_a_users_perubahan(versions, engine, capsys):
    old, _, expected = versions
    workbook = load_workbook(old)
    users = workbook.create_sheet("Perubahan")
    users.append(["Perubahan yang disepakati rapat 3 Juni"])
    assert press("simpan_versi", workbook, name=old.name, engine=engine).result.ok
    scripted_changes(workbook)
    for _ in range(2):
        pressed = press("bandingkan", workbook, name=old.name, engine=engine)
        assert pressed.result.ok and pressed.result.message.endswith("di lembar Perubahan (2)."), pressed.result.message
        assert [n for n in workbook.sheetnames if n.startswith("Perubahan")] == ["Perubahan (2)", "Perubahan"]
        assert [[c.value for c in r] for r in workbook["Perubahan"].iter_rows()] == [
            ["Perubahan yang disepakati rapat 3 Juni"]]
        same_changes(workbook, expected, "Perubahan (2)")


@pytest.mark.parametrize("engine", ["lite", "desktop", "server"])
def test_without_an_older_version_bandingkan_is_one_sentence_and_changes_nothing(engine, capsys):
    workbook = load_workbook(RENJA_EXAMPLE)
    before = {ws.title: contents(ws) for ws in workbook}
    pressed = press("bandingkan", workbook, engine=engine)
    assert not pressed.result.ok and pressed.result.message.startswith("Tidak ada versi lama untuk dibandingkan")
    assert len(pressed.alerts) == 1 and pressed.alerts[0][3] == "critical"
    assert {ws.title: contents(ws) for ws in workbook} == before


def test_in_lite_a_file_cannot_be_the_older_version_and_a_changed_version_sheet_is_a_sentence(capsys):
    workbook = load_workbook(RENJA_EXAMPLE)
    pressed = press("bandingkan", workbook, lama="renja_lama.xlsx")
    assert not pressed.result.ok and "tidak tersimpan di komputer ini" in pressed.result.message

    assert press("simpan_versi", workbook).result.ok
    workbook[VERSION_SHEET]["A3"] = workbook[VERSION_SHEET]["A3"].value[:-40]     # someone edited the hidden sheet
    before = {ws.title: contents(ws) for ws in workbook}
    broken = press("bandingkan", workbook)
    assert not broken.result.ok
    assert broken.result.message.startswith(f"Versi tersimpan di lembar '{VERSION_SHEET}' rusak")
    assert {ws.title: contents(ws) for ws in workbook} == before


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_simpan_versi_again_replaces_the_version(engine, capsys):
    workbook = load_workbook(RENJA_EXAMPLE)
    assert press("simpan_versi", workbook, engine=engine).result.ok
    workbook["T3.4 Rencana Program"]["F9"] = "4 Dok"
    assert press("simpan_versi", workbook, engine=engine).result.ok
    assert [n for n in workbook.sheetnames if n.startswith(VERSION_SHEET)] == [VERSION_SHEET]
    same = press("bandingkan", workbook, engine=engine).result
    assert same.ok and same.counts == {"berubah": 0, "ditambah": 0, "dihapus": 0, "temuan": 0}, same.message


from test_excel_perbaiki import _excel_cases  # noqa: E402


@pytest.mark.parametrize("name", _excel_cases())
def test_every_openable_hostile_case_through_simpan_versi_and_bandingkan(hostile_corpus, name, capsys):
    """A result or one sentence for every case; a version of an unchanged book compares as no change; only
    renja-xl's own sheets are added, every cell of the book stays as it was."""
    workbook = load_workbook(hostile_corpus / name)
    before, names = {ws.title: contents(ws) for ws in workbook}, list(workbook.sheetnames)
    saved = press("simpan_versi", workbook, name=name)
    assert len(saved.alerts) == 1 and "Traceback" not in saved.result.message
    assert saved.result.ok or "Tidak ada tabel" in saved.result.message, saved.result.message
    compared = press("bandingkan", workbook, name=name)
    assert len(compared.alerts) == 1 and "Traceback" not in compared.result.message
    if saved.result.ok:
        assert compared.result.ok and compared.result.counts == {"berubah": 0, "ditambah": 0, "dihapus": 0,
                                                                  "temuan": 0}, compared.result.message
    else:
        assert compared.result.message.startswith("Tidak ada versi lama"), compared.result.message
    assert {ws.title: contents(ws) for ws in workbook if ws.title in before} == before
    assert all(n.startswith((VERSION_SHEET, "Perubahan")) for n in set(workbook.sheetnames) - set(names))
