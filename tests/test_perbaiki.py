"""``renja-xl perbaiki``: text numbers become numbers that look the same, findings their formula, and --batal undoes it.

The LibreOffice proof (perbaiki then fill computes what the typed example computes, and
each number format shows what was typed) is in test_perbaiki_libreoffice.py.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE
from openpyxl import load_workbook
from pasted import build_pasted

from renja_xl.cli import main
from renja_xl.io.files import load_snapshot
from renja_xl.perbaiki import (DEFAULT_RULES, CellState, number_look, plan_perbaiki, read_undo, sheet_names_for,
                               undo_sheet)
from renja_xl.specs.base import Role


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cells(path: Path) -> dict:
    """Every cell of every sheet: value, number format, fill, note (and font, border, alignment) by value."""
    book = load_workbook(path)
    out = {}
    for ws in book:
        for row in ws.iter_rows():
            for c in row:
                out[(ws.title, c.coordinate)] = (c.value, c.number_format, repr(c.fill),
                                                 c.comment.text if c.comment else None, repr(c.font), repr(c.border),
                                                 repr(c.alignment))
    return out


def sheets(path: Path) -> tuple:
    book = load_workbook(path)
    return book.sheetnames, [ws.sheet_state for ws in book], book.active.title


@pytest.fixture(scope="module")
def pasted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tempel")
    return {d: build_pasted(d, folder / f"{d}_tempel.xlsx") for d in ("renja", "lkjip")}


# --- what a text number becomes ---------------------------------------------------------------------


@pytest.mark.parametrize("text, reading, role, value, number_format", [
    ("15 jenis", 15.0, Role.TARGET, 15, '0 "jenis"'),
    ("3 Dok", 3.0, Role.TARGET, 3, '0 "Dok"'),
    ("6500 orang", 6500.0, Role.TARGET, 6500, '0 "orang"'),
    ("4.300 Pencaker", 4300.0, Role.TARGET, 4300, '#,##0 "Pencaker"'),
    ("orang 640", 640.0, Role.TARGET, 640, '"orang" 0'),
    ("84,59%", 84.59, Role.PERCENT, 84.59 / 100, "0.00%"),
    ("84.59%", 84.59, Role.TARGET, 84.59 / 100, "0.00%"),
    ("100 %", 100.0, Role.TARGET, 1.0, "0 %"),
    ("1.500", 1500.0, Role.NUMBER, 1500, "#,##0"),
    ("1,500", 1500.0, Role.NUMBER, 1500, "#,##0"),
    ("6.762.282.300", 6762282300.0, Role.PAGU, 6762282300, "#,##0"),
    ("949,973,000", 949973000.0, Role.PAGU, 949973000, "#,##0"),
    ("Rp 336,750,000", 336750000.0, Role.PAGU, 336750000, '"Rp" #,##0'),
    ("Rp 1.000.000,-", 1000000.0, Role.PAGU, 1000000, '"Rp" #,##0",-"'),
    ("25.00", 25.0, Role.NUMBER, 25.0, "0.00"),
    ("2,5", 2.5, Role.NUMBER, 2.5, "0.0"),
    ("3", 3.0, Role.NUMBER, 3, "0"),
    ("-12", -12.0, Role.NUMBER, -12, "0"),
])
def test_a_text_number_gets_the_format_that_shows_it(text, reading, role, value, number_format):
    look = number_look(text, reading, role)
    assert look.value == value and type(look.value) is type(value)
    assert look.number_format == number_format
    assert look.shown == " ".join(text.split())


@pytest.mark.parametrize("text, reading, role, why", [
    ("31 orang, 2 jenis", None, Role.TARGET, "lebih dari satu angka"),
    ("23% 4.300 Pencaker", None, Role.TARGET, "lebih dari satu angka"),
    ("84,59 persen", 84.59, Role.TARGET, "persen"),
    ("63,36 % (Sedang)", 63.36, Role.PERCENT, "teks lain"),
    ("15 jenis", 15.0, Role.PAGU, "teks lain"),       # a unit in a pagu column is no pagu
    ("015", 15.0, Role.NUMBER, "tidak dapat dibuat sama persis"),
    ("+5", 5.0, Role.NUMBER, "tidak dapat dibuat sama persis"),
    ('5 "a"', 5.0, Role.TARGET, "teks lain"),
    ("6 kali pertemuan", None, Role.PAGU, "tidak terbaca"),
])
def test_what_no_format_can_show_is_left_alone_with_its_reason(text, reading, role, why):
    reason = number_look(text, reading, role)
    assert isinstance(reason, str) and why in reason


def test_no_digit_is_nothing_to_convert():
    assert number_look("-", None, Role.TARGET) is None
    assert number_look("paket", None, Role.TARGET) is None


def test_ambiguous_cells_are_left_alone_and_listed(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "T2.2 Capaian IKU"
    rows = [("No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "%"),
            ("1", "Sasaran", "Jumlah pencari kerja ditempatkan", "orang", "4.300", "2.589", "60%"),
            ("2", "Sasaran", "Jumlah pelatihan", "kali", "12", "10", "83%")]
    for r, values in enumerate(rows, start=4):
        for c, v in enumerate(values, start=1):
            ws.cell(r, c, v)
    path = tmp_path / "ambigu.xlsx"
    wb.save(path)
    plan = plan_perbaiki(load_snapshot(path))
    left = {(x.address, x.text): x.reason for x in plan.left_alone}
    assert ("E5", "4.300") in left and "ambigu" in left[("E5", "4.300")]
    assert ("F5", "2.589") in left
    converted = {c.address: c for c in plan.changes if c.kind == "angka"}
    assert converted["G5"].value == pytest.approx(0.6) and converted["G5"].number_format == "0%"
    assert converted["E6"].value == 12 and converted["F6"].value == 10
    assert "E5" not in converted and "F5" not in converted


# --- the plan on the examples ---------------------------------------------------------------------


def test_the_bundled_renja_gets_its_15_jenis_targets_as_numbers_and_its_findings_as_formulas():
    plan = plan_perbaiki(load_snapshot(RENJA_EXAMPLE))
    by_cell = {(c.sheet, c.address): c for c in plan.changes}
    jenis = by_cell[("T2.1 Evaluasi Renja", "D8")]
    assert (jenis.kind, jenis.before, jenis.value, jenis.number_format) == ("angka", "15 jenis", 15, '0 "jenis"')
    wrong = by_cell[("T2.1 Evaluasi Renja", "H32")]  # 92 of 125 written 126%: the formula fill writes
    assert wrong.kind == "rumus" and wrong.formula.startswith("=") and "RXL101" in wrong.rules
    assert wrong.value == pytest.approx(73.6)
    assert {r for c in plan.changes for r in c.rules} <= set(DEFAULT_RULES)
    chosen = [c for c in plan.changes if c.rules]
    assert len(chosen) >= 63                        # the 63 findings of RXL101-104, and those the fixes uncovered
    cascade = by_cell[("T2.1 Evaluasi Renja", "L9")]  # realisasi capaian K9 fixed to 18: tingkat capaian 100% -> 300%
    assert cascade.kind == "rumus" and cascade.value == pytest.approx(300.0)
    # computed cells a new formula reads while they hold a typed percentage (a fraction): formulas too
    from renja_xl.perbaiki import references

    read = [c for c in plan.changes if c.kind == "rumus" and not c.rules]
    assert read and all("dibaca oleh rumus di" in c.reason for c in read)
    readers = {(c.sheet, r, col) for c in plan.changes if c.formula for r, col in references(c.formula)}
    assert all(c.key in readers for c in read)


def test_after_perbaiki_the_checks_find_no_arithmetic_error_left(tmp_path):
    from renja_xl.io.files import read_and_check

    out = tmp_path / "p.xlsx"
    assert main(["perbaiki", str(RENJA_EXAMPLE), "-o", str(out)]) == 0
    _, _, findings = read_and_check(out)
    assert [f for f in findings if f.rule in DEFAULT_RULES] == []


def test_only_chosen_rules_or_cells_get_their_formula():
    snapshot = load_snapshot(RENJA_EXAMPLE)
    only_104 = plan_perbaiki(snapshot, rules=["RXL104"])
    assert {c.rules for c in only_104.changes if c.kind == "rumus"} == {("RXL104",)}
    one = plan_perbaiki(snapshot, cells=[("T2.1 Evaluasi Renja", 32, 8)])
    assert [(c.sheet, c.address) for c in one.changes if c.kind == "rumus"] == [("T2.1 Evaluasi Renja", "H32")]
    no_formula = plan_perbaiki(snapshot, cells=[("T2.1 Evaluasi Renja", 32, 2)])
    assert [c.kind for c in no_formula.left_alone if c.address == "B32"] == ["tidak diperbaiki"]
    rollup = plan_perbaiki(snapshot, rules=["RXL201"])  # roll-ups only when asked: fill writes them with --rollup
    assert rollup.changes and all(c.formula.startswith("=SUM(") for c in rollup.changes if c.kind == "rumus")


def test_the_undo_record_reads_back_what_it_wrote():
    states = [CellState("T2.1", 8, 4, "15 jenis"), CellState("T2.1", 9, 4, 0.8459, None, "0.00%"),
              CellState("T2.1", 10, 4, 3), CellState("T2.1", 11, 4, None, None, "General"),
              CellState("T2.1", 12, 4, True), CellState("T2.1", 13, 8, 1.26, "=G13/F13", '0.00"%"'),
              CellState("T2.1", 14, 4, "  =spasi dan \"kutip\"  "), CellState("T2.1", 15, 4, "3"),
              CellState("T2.1", 16, 4, "panjang " * 4000)]
    sheet = undo_sheet("renja-xl-batal", "Perbaikan", states, "Petunjuk", True)
    grid: dict = {}
    for e in sheet.cells:
        grid.setdefault(e.row, {})[e.col] = e.value
    rows = [[grid.get(r, {}).get(c) for c in range(1, 3)] for r in range(1, max(grid) + 1)]
    record = read_undo("renja-xl-batal", rows)
    assert record.states == states
    assert (record.summary, record.active, record.recalculated) == ("Perbaikan", "Petunjuk", True)
    assert all(len([v for v in row if v is not None]) <= 2 for row in rows)  # never three cells: no table to read


def test_sheet_names_are_free_and_numbered_together():
    assert sheet_names_for(["T2.1"]) == ("Perbaikan", "renja-xl-batal")
    assert sheet_names_for(["perbaikan", "T2.1"]) == ("Perbaikan (2)", "renja-xl-batal (2)")
    assert sheet_names_for(["Perbaikan", "renja-xl-batal", "Perbaikan (2)"]) == ("Perbaikan (3)", "renja-xl-batal (3)")


# --- the command ----------------------------------------------------------------------------------------


def test_perbaiki_writes_a_copy_and_batal_restores_every_cell(pasted, tmp_path, capsys):
    source = tmp_path / "renja.xlsx"
    shutil.copy(pasted["renja"], source)
    before = sha(source)
    assert main(["perbaiki", str(source)]) == 0
    out = tmp_path / "renja_diperbaiki.xlsx"
    assert out.exists() and sha(source) == before
    said = capsys.readouterr().out
    assert "621 angka yang diketik sebagai teks menjadi bilangan, 123 sel diganti rumus, 6 sel dibiarkan" in said
    assert "renja-xl perbaiki --batal" in said
    names, states, active = sheets(out)
    assert names[0] == "Perbaikan" and names[-1] == "renja-xl-batal" and states[-1] == "hidden" and active == "Perbaikan"
    book = load_workbook(out)
    assert book["T2.1 Evaluasi Renja"]["D8"].value == 15
    assert book["T2.1 Evaluasi Renja"]["D8"].number_format == '0 "jenis"'
    assert book["T2.1 Evaluasi Renja"]["D7"].value == pytest.approx(0.8459)
    assert book["T2.1 Evaluasi Renja"]["D7"].number_format == "0.00%"
    assert book["T3.4 Rencana Program"]["G7"].value == 6762282300
    assert book["T3.4 Rencana Program"]["G7"].number_format == "#,##0"
    summary = book["Perbaikan"]
    header = [c.value for c in summary[3]][:6]
    assert header == ["Lembar", "Sel", "Perubahan", "Semula", "Menjadi", "Keterangan"]
    first = [c.value for c in summary[4]][:5]
    assert first == ["T2.1 Evaluasi Renja", "D7", "teks → bilangan", 'teks "84.59%"', "bilangan 0.8459, format 0.00%"]
    assert summary["B4"].hyperlink.location == "'T2.1 Evaluasi Renja'!D7"
    listed = {(r[0].value, r[1].value): r[2].value for r in summary.iter_rows(min_row=4)}
    assert listed[("T3.4 Rencana Program", "J15")] == "dibiarkan"        # 31 orang, 2 jenis
    assert listed[("T2.1 Evaluasi Renja", "H32")] == "rumus"

    restored = tmp_path / "kembali.xlsx"
    assert main(["perbaiki", "--batal", str(out), "-o", str(restored)]) == 0
    assert "744 sel dikembalikan" in capsys.readouterr().out
    assert sheets(restored) == sheets(source)
    old, new = cells(source), cells(restored)
    assert {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)} == set()


def test_batal_restores_fills_and_notes_of_a_checked_copy(tmp_path):
    """On a copy `check` marked (fills and notes on the cells), perbaiki changes neither and --batal gives it back."""
    source = tmp_path / "renja.xlsx"
    shutil.copy(RENJA_EXAMPLE, source)
    assert main(["check", str(source)]) == 1
    checked = tmp_path / "renja_diperiksa.xlsx"
    assert main(["perbaiki", str(checked), "-o", str(tmp_path / "p.xlsx")]) == 0
    fixed = cells(tmp_path / "p.xlsx")
    marked = cells(checked)
    assert fixed[("T2.1 Evaluasi Renja", "H32")][2:4] == marked[("T2.1 Evaluasi Renja", "H32")][2:4]  # fill, note kept
    assert main(["perbaiki", "--batal", str(tmp_path / "p.xlsx"), "-o", str(tmp_path / "k.xlsx")]) == 0
    back = cells(tmp_path / "k.xlsx")
    assert {k for k in marked.keys() | back.keys() if marked.get(k) != back.get(k)} == set()
    assert sheets(tmp_path / "k.xlsx") == sheets(checked)


def test_a_second_perbaiki_is_undone_first(pasted, tmp_path):
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    assert main(["perbaiki", str(pasted["lkjip"]), "-o", str(first), "--aturan", "RXL102"]) == 0  # numbers only
    assert load_workbook(first)["T3.1.3 SPM Sosial"]["D8"].value == 7.61   # 825 of 12.165 written 7,61: RXL101
    assert main(["perbaiki", str(first), "-o", str(second)]) == 0
    names = sheets(second)[0]
    assert {"Perbaikan", "renja-xl-batal", "Perbaikan (2)", "renja-xl-batal (2)"} <= set(names)
    assert str(load_workbook(second)["T3.1.3 SPM Sosial"]["D8"].value).startswith("=")
    undone = tmp_path / "3.xlsx"
    assert main(["perbaiki", "--batal", str(second), "-o", str(undone)]) == 0
    assert cells(undone) == cells(first) and sheets(undone) == sheets(first)
    assert main(["perbaiki", "--batal", str(undone), "-o", str(tmp_path / "4.xlsx")]) == 0
    assert cells(tmp_path / "4.xlsx") == cells(pasted["lkjip"])


def test_in_place_keeps_a_backup_first(tmp_path, capsys):
    source = tmp_path / "renja.xlsx"
    shutil.copy(RENJA_EXAMPLE, source)
    before = sha(source)
    assert main(["perbaiki", str(source), "--in-place"]) == 0
    assert sha(tmp_path / "renja.xlsx.bak") == before and sha(source) != before
    assert "cadangan" in capsys.readouterr().out
    assert main(["perbaiki", "--batal", str(source), "--in-place"]) == 0
    assert (tmp_path / "renja.xlsx.bak.1").exists()          # the first backup is kept for good
    shutil.copy(tmp_path / "renja.xlsx.bak", tmp_path / "asli.xlsx")
    assert cells(source) == cells(tmp_path / "asli.xlsx")


def test_the_undo_survives_a_save_by_another_program(tmp_path):
    """Opened and saved again (openpyxl here, as Excel would: shared strings renumbered, styles rewritten)."""
    source = tmp_path / "lkjip.xlsx"
    shutil.copy(LKJIP_EXAMPLE, source)
    fixed = tmp_path / "p.xlsx"
    assert main(["perbaiki", str(source), "-o", str(fixed)]) == 0
    book = load_workbook(fixed)
    book.save(tmp_path / "disimpan.xlsx")
    assert main(["perbaiki", "--batal", str(tmp_path / "disimpan.xlsx"), "-o", str(tmp_path / "k.xlsx")]) == 0
    old = {k: v[:2] for k, v in cells(source).items()}
    new = {k: v[:2] for k, v in cells(tmp_path / "k.xlsx").items()}
    assert {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)} == set()


@pytest.mark.parametrize("args, says", [
    (["--aturan", "RXL999"], "Aturan RXL999 tidak ada"),
    (["--sel", "T9!A1"], "Lembar 'T9'"),
    (["--sel", "H32"], "Lembar!Sel"),
    (["--sel", "'T2.1 Evaluasi Renja'!ZZZZ1"], "bukan alamat sel"),
    (["--batal", "--aturan", "RXL101"], "--batal tidak dapat digabung"),
    (["--batal"], "tidak memuat catatan pembatalan"),
    (["-o", "hasil.xlsm"], "harus berakhiran .xlsx"),
])
def test_bad_input_is_one_sentence_and_exit_2(tmp_path, capsys, args, says):
    source = tmp_path / "renja.xlsx"
    shutil.copy(RENJA_EXAMPLE, source)
    args = [str(tmp_path / a) if a.endswith(".xlsm") else a for a in args]
    assert main(["perbaiki", str(source), *args]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and err.count("\n") == 1


def test_the_core_imports_no_excel_library():
    code = ("import sys; import renja_xl.perbaiki, renja_xl.bandingkan; "
            "print(','.join(m for m in ('pandas', 'openpyxl', 'xlwings', 'numpy', 'defusedxml') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == ""


def test_plan_is_plain_data_for_a_button():
    """A button calls plan_perbaiki on its snapshot, reads the states of plan.positions, and applies plan.edits."""
    plan = plan_perbaiki(load_snapshot(LKJIP_EXAMPLE))
    before = {key: CellState(*key, value="teks") for key in plan.positions}
    edits = plan.edits(before, ["T3.1.3 SPM Sosial"], active="T3.1.3 SPM Sosial")
    assert [s.name for s in edits.sheets] == ["renja-xl-batal", "Perbaikan"]
    assert edits.sheets[0].hidden and not edits.sheets[1].hidden
    assert len(edits.cells) == len(plan.changes)
    json.dumps([c.__dict__ for c in plan.changes], default=str)


@pytest.mark.parametrize("number_format, words", [
    ('0 "jenis"', ("", " jenis")),
    ('#,##0 "Pencaker"', ("", " Pencaker")),
    ('"Rp" #,##0",-"', ("Rp ", ",-")),
    ('0\\ "orang"', ("", " orang")),
    ("0.00%", None),
    ("#,##0", None),
    ("General", None),
    ('_(* #,##0_);_(* (#,##0);_(* "-"??_);_(@_)', None),
])
def test_the_words_a_number_format_writes(number_format, words):
    from renja_xl.perbaiki import unit_of_format

    assert unit_of_format(number_format) == words


def test_the_satuan_checks_read_the_satuan_perbaiki_puts_in_the_number_format(tmp_path):
    """After perbaiki, ``15 jenis`` is 15 under ``0 "jenis"``: RXL4xx find what they found in the typed text,
    and only RXL409 (a target written as text) is gone; ``--biarkan-satuan`` keeps the text as it was."""
    from renja_xl.io.files import read_and_check

    plain, kept = tmp_path / "biasa.xlsx", tmp_path / "satuan.xlsx"
    assert main(["perbaiki", str(RENJA_EXAMPLE), "-o", str(plain)]) == 0
    assert main(["perbaiki", str(RENJA_EXAMPLE), "-o", str(kept), "--biarkan-satuan"]) == 0
    assert load_workbook(kept)["T2.1 Evaluasi Renja"]["D8"].value == "15 jenis"
    converted = load_workbook(plain)["T2.1 Evaluasi Renja"]["D8"]
    assert (converted.value, converted.number_format) == (15, '0 "jenis"')

    def unit_findings(path, text_rule=False):
        return sorted((f.rule, f.locations[0].cell) for f in read_and_check(path)[2]
                      if f.rule.startswith("RXL4") and (text_rule or f.rule != "RXL409"))

    assert unit_findings(kept, True) == unit_findings(RENJA_EXAMPLE, True)
    assert unit_findings(plain) == unit_findings(RENJA_EXAMPLE)
    assert any(rule == "RXL405" for rule, _ in unit_findings(plain))  # a satuan changing from n to n+1, still seen
    assert not [f for f in read_and_check(plain)[2] if f.rule == "RXL409"]


def test_bandingkan_reads_the_satuan_perbaiki_put_in_the_format(pasted, tmp_path, capsys):
    fixed = tmp_path / "p.xlsx"
    assert main(["perbaiki", str(pasted["renja"]), "-o", str(fixed), "--aturan", "RXL102"]) == 0
    capsys.readouterr()
    assert main(["bandingkan", str(pasted["renja"]), str(fixed), "--no-output"]) == 0
    assert "Ringkasan: 0 isian berubah" in capsys.readouterr().out


def test_a_users_own_sheet_called_perbaikan_is_read(tmp_path):
    """Only the sheets perbaiki wrote (their title or header row) are passed over, not any sheet of that name."""
    book = load_workbook(LKJIP_EXAMPLE)
    book["T3.1.3 SPM Sosial"].title = "Perbaikan"
    path = tmp_path / "nama.xlsx"
    book.save(path)
    plan = plan_perbaiki(load_snapshot(path))
    assert ("Perbaikan", "D8") in {(c.sheet, c.address) for c in plan.changes if c.kind == "rumus"}
