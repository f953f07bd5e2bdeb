"""``renja-xl check``: findings on screen or as JSON, a checked copy, exit codes."""

import json
import shutil

import pytest
from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE, sha
from openpyxl import load_workbook

from renja_xl.cli import main



@pytest.fixture
def renja(tmp_path):
    path = tmp_path / "renja.xlsx"
    shutil.copy(RENJA_EXAMPLE, path)
    return path


def test_text_output_grouped_by_sheet_with_a_summary_and_exit_1(renja, capsys):
    before = sha(renja)
    assert main(["check", str(renja)]) == 1
    out = capsys.readouterr().out
    assert "  T2.1 Evaluasi Renja" in out and "  T3.4 Rencana Program" in out
    # one rule in one column: one line listing its cells, an example of what is written and what is expected
    assert "H27  RXL101  Kesalahan  3 temuan di kolom H: " in out and "Sel: H27, H32, H45." in out
    assert "Misalnya H27: tertulis 47%, seharusnya 46,25%." in out
    assert "K76  RXL203  Kesalahan  Kebutuhan Dana/Pagu Indikatif (n+1) pada baris TOTAL PAGU" in out  # alone: as it is
    assert "--rinci menampilkan setiap temuan" in out
    assert out.strip().splitlines()[-1].startswith("Ringkasan: ") and "di 1 berkas." in out
    assert f"salinan diperiksa: {renja.parent / 'renja_diperiksa.xlsx'}" in out
    assert sha(renja) == before


def test_rinci_prints_every_finding_on_its_own_line(renja, capsys):
    assert main(["check", "--no-output", "--rinci", str(renja)]) == 1
    out = capsys.readouterr().out
    assert "H32  RXL101  Kesalahan" in out and "tertulis 126%, seharusnya 73,60%" in out
    assert "temuan di kolom" not in out and "--rinci" not in out
    assert len([line for line in out.splitlines() if "  RXL" in line]) == 238


def test_the_example_text_report_fits_on_two_screens(renja, capsys):
    """Two screens of 50 rows on a terminal 160 columns wide (a long line takes the rows it wraps to)."""
    import math

    assert main(["check", "--no-output", str(renja)]) == 1
    lines = capsys.readouterr().out.splitlines()
    rows = sum(max(1, math.ceil(len(line) / 160)) for line in lines)
    assert len(lines) <= 65 and rows <= 100, (len(lines), rows)


def test_severity_follows_consequence(renja, capsys):
    """A kode with spaces around its dots still reads as one kode: a warning; the example's totals move with it."""
    assert main(["check", "--format", "json", "--no-output", str(renja)]) == 1
    report = json.loads(capsys.readouterr().out)[0]
    assert {f["severity"] for f in report["findings"] if f["rule"] == "RXL501"} == {"warning"}
    assert report["summary"] == {"error": 101, "warning": 118, "info": 19}


def test_json_shape(renja, capsys):
    assert main(["check", "--format", "json", "--no-output", str(renja), str(LKJIP_EXAMPLE)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [set(r) for r in report] == [{"file", "tables", "findings", "summary"}] * 2
    assert set(report[0]["tables"][0]) == {"sheet", "table", "header_range", "data_range"}
    finding = report[0]["findings"][0]
    assert set(finding) == {"rule", "severity", "message", "locations"}
    assert set(finding["locations"][0]) == {"sheet", "cell"}
    assert set(report[1]["summary"]) == {"error", "warning", "info"}
    assert report[1]["summary"] == {"error": 1, "warning": 0, "info": 0}
    cross = next(f for f in report[0]["findings"] if f["rule"] == "RXL301")
    assert len({loc["sheet"] for loc in cross["locations"]}) == 2  # both tables


def test_the_json_of_a_finding_is_the_encoders_whatever_its_texts_hold():
    """The findings' JSON is put together from pieces (speed): it must be the very text json.dumps writes."""
    from renja_xl.report import finding_texts
    from renja_xl.rules.base import Finding, Location, Severity

    awkward = ['tanda "kutip", \\ garis miring, baris\nbaru, tab\t', "Rp 1.000 ± ≤ 漢字 😀", "\x00\x1f\u2028", "", "\ud800"]
    findings = [Finding("RXL101", "x", severity, text, tuple(Location(sheet, cell) for sheet, cell in cells))
                for severity in Severity for text in awkward
                for cells in ((), (("T3.4", "H7"),), (("Lembar \"A\"\n", "B2"), ("T3.4", "H7"), ("Lembar \"A\"\n", "")))]
    assert list(finding_texts(findings)) == [json.dumps(f.to_dict(), ensure_ascii=False) for f in findings]


@pytest.mark.parametrize("cells", [1, 200])
def test_a_long_json_report_is_written_a_piece_at_a_time_as_one_finding_per_line(tmp_path, cells):
    """20,000 findings of a cell, or 500 naming 200 cells each (5 MB of JSON either way): written as they are
    encoded, about 64 KB at a time, never held whole; the text is json.dumps's, a finding per line."""
    import tracemalloc

    from renja_xl.batch.command import JsonStream
    from renja_xl.report import FileReport
    from renja_xl.rules.base import Finding, Location, Severity

    findings = [Finding("RXL602", "column.empty", Severity.WARNING,
                        f"Lokasi untuk 2.07.01.2.{n:05d} Penyediaan Komponen Instalasi Listrik kosong baris {n}.",
                        tuple(Location("T3.4 Rencana Program", f"E{n + 7 + k}") for k in range(cells)))
                for n in range(20_000 if cells == 1 else 500)]
    report = FileReport(file="besar.xlsx", findings=findings)
    path = tmp_path / "hasil.json"
    with open(path, "w", encoding="utf-8") as out:
        stream = JsonStream(out)
        tracemalloc.start()
        try:
            stream.add(report)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        stream.finish()
    text = path.read_text(encoding="utf-8")
    assert len(text) > 4_000_000 and peak < 1_000_000, f"{peak / 1e6:.1f} MB held for {len(text) / 1e6:.1f} MB written"
    assert json.loads(text)[0]["findings"] == [f.to_dict() for f in findings]
    lines = text.splitlines()
    assert lines[lines.index('    "findings": [') + 1].strip() == json.dumps(findings[0].to_dict(), ensure_ascii=False) + ","


def test_exit_0_when_there_is_no_error(tmp_path, capsys):
    clean = tmp_path / "bersih.xlsx"
    wb = load_workbook(LKJIP_EXAMPLE)
    wb["T3.1.3 SPM Sosial"]["D8"] = 6.78  # the column holds percent points
    wb.save(clean)
    assert main(["check", "--no-output", str(clean)]) == 0
    assert "Ringkasan: 0 kesalahan" in capsys.readouterr().out


def test_the_checked_copy(renja, capsys):
    assert main(["check", str(renja)]) == 1
    book = load_workbook(renja.parent / "renja_diperiksa.xlsx")
    assert book.sheetnames[0] == "Hasil Validasi" and book.active.title == "Hasil Validasi"
    ws = book["Hasil Validasi"]
    assert [c.value for c in ws[3]] == ["No", "Tingkat", "Aturan", "Lokasi", "Pesan", "Nilai tertulis", "Nilai seharusnya"]
    row = next(r for r in ws.iter_rows(min_row=4) if r[3].value == "'T2.1 Evaluasi Renja'!H32" and r[5].value)
    assert row[1].value == "Kesalahan" and row[2].value == "RXL101"
    assert row[3].hyperlink.location == "'T2.1 Evaluasi Renja'!H32" or row[3].hyperlink.target.endswith("H32")
    assert row[5].value == "126%" and row[6].value == "73,60%"
    marked = book["T2.1 Evaluasi Renja"]["H32"]
    assert marked.fill.fgColor.rgb.endswith("FFC7CE")
    assert "RXL101" in marked.comment.text and marked.comment.author == "renja-xl"
    assert book["T2.1 Evaluasi Renja"]["H8"].fill.fgColor.rgb.endswith("FFC7CE") is False  # 100% is right
    # every note box has its own shape id across the workbook's drawings (Excel drops clashing ones)
    import re
    import zipfile

    with zipfile.ZipFile(renja.parent / "renja_diperiksa.xlsx") as z:
        ids = [i for n in z.namelist() if n.endswith(".vml") for i in re.findall(rb"_x0000_s(\d+)", z.read(n))]
    assert len(ids) > 200 and len(ids) == len(set(ids))


def test_hasil_validasi_opens_on_a_summary_then_every_finding(renja, capsys):
    assert main(["check", str(renja), "--format", "json"]) == 1
    book = load_workbook(renja.parent / "renja_diperiksa.xlsx")
    ws = book["Hasil Validasi"]
    column = {r: (ws.cell(r, 1).value, ws.cell(r, 3).value, ws.cell(r, 5).value) for r in range(1, ws.max_row + 1)}
    assert column[1][0].startswith("Hasil pemeriksaan renja-xl untuk renja.xlsx: 101 kesalahan, 118 peringatan")
    assert column[4][0] == "Ringkasan per lembar"
    sheets = [r for r in range(5, 12) if column[r][2] and column[r][2].startswith("T")]
    assert column[sheets[0]][2] == "T2.1 Evaluasi Renja: 33 kesalahan, 33 peringatan, 19 info."
    per_rule = next(r for r in column if column[r][0] == "Ringkasan per aturan")
    listing = next(r for r in column if column[r][0] == "Daftar temuan (238)")
    rules = [column[r][1] for r in range(per_rule + 1, listing)]
    assert rules[0] == "RXL101" and rules[-1] == "RXL409" and len(rules) == len(set(rules)) == 26  # errors first
    rxl409 = listing - 1
    assert column[rxl409][2].startswith("19 temuan. Angka yang diperlukan kolom hitungan diketik sebagai teks")
    assert ws.cell(rxl409, 4).hyperlink.location == "'T2.1 Evaluasi Renja'!D8"
    # a group line, its findings folded under it (outline level 1, hidden), the + above them
    group = next(r for r in range(listing, ws.max_row + 1) if column[r][1] == "RXL409" and "19 temuan" in column[r][2])
    members = range(group + 1, group + 20)
    assert [column[r][0] for r in members] == [f"{column[group][0]}.{i}" for i in range(1, 20)]
    assert all(ws.row_dimensions[r].outline_level == 1 and ws.row_dimensions[r].hidden for r in members)
    assert ws.row_dimensions[group + 20].outline_level == 0 and not ws.row_dimensions[group].hidden
    assert ws.sheet_properties.outlinePr.summaryBelow is False
    # every finding has its line: 238 findings, numbered within their groups
    numbered = [column[r][0] for r in range(listing + 1, ws.max_row + 1)]
    singles = [n for n in numbered if isinstance(n, int) or "." not in str(n)]
    details = [n for n in numbered if isinstance(n, str) and "." in n]
    groups = {n.split(".")[0] for n in details}
    assert len(details) + len(singles) - len(groups) == 238
    # read in a minute, printed on A4 landscape with the header on every page
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == f"A3:G{ws.max_row}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$3:$3"
    assert ws.column_dimensions["E"].width == 100
    # a long message stands in a row tall enough for its wrapped lines
    long_row = next(r for r in range(listing, ws.max_row + 1) if column[r][2] and len(column[r][2]) > 250)
    assert ws.row_dimensions[long_row].height >= 45


def test_user_text_that_looks_like_a_formula_stays_text(tmp_path, capsys):
    from openpyxl import Workbook

    path = tmp_path / "rumus.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "%"])
    ws.append(["1.", "=HYPERLINK(\"http://x\")", "Jumlah", "orang", 125, 92, "@126%"])
    wb.save(path)
    main(["check", str(path)])
    results = load_workbook(tmp_path / "rumus_diperiksa.xlsx")["Hasil Validasi"]
    texts = [c for row in results.iter_rows(min_row=4) for c in row if isinstance(c.value, str)]
    assert texts and all(c.data_type == "s" for c in texts)
    assert any(c.value == "@126%" for c in texts)


def test_output_path_rules(renja, tmp_path, capsys):
    before = sha(renja)
    assert main(["check", str(renja), "-o", str(renja)]) == 2
    assert "tidak boleh menimpa" in capsys.readouterr().err and sha(renja) == before
    assert main(["check", str(renja), str(LKJIP_EXAMPLE), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "hanya untuk satu berkas" in capsys.readouterr().err
    assert main(["check", str(renja), "-o", str(tmp_path / "hasil.xlsx")]) == 1
    assert (tmp_path / "hasil.xlsx").exists()


def test_a_folder_and_an_unusable_file_together(tmp_path, capsys):
    shutil.copy(RENJA_EXAMPLE, tmp_path / "a.xlsx")
    (tmp_path / "b.xlsx").write_text("bukan excel")
    assert main(["check", "--no-output", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "b.xlsx" in captured.err and "Traceback" not in captured.err
    assert "a.xlsx: 7 tabel" in captured.out


def test_settings_beside_the_workbook_are_used(renja, capsys):
    (renja.parent / "renja-xl.ini").write_text("[renja_xl:rules:RXL409]\nenabled = false\n", encoding="utf-8")
    main(["check", "--format", "json", "--no-output", str(renja)])
    report = json.loads(capsys.readouterr().out)
    assert not any(f["rule"] == "RXL409" for f in report[0]["findings"])


def test_bad_settings_exit_2(renja, capsys):
    (renja.parent / "renja-xl.ini").write_text("[renja_xl:rules:RXL999]\nenabled = false\n", encoding="utf-8")
    assert main(["check", "--no-output", str(renja)]) == 2
    assert "RXL999" in capsys.readouterr().err


def test_rules_lists_and_documents_every_rule(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "RXL201" in out and "RXL601" in out
    assert main(["rules", "RXL406"]) == 0
    out = capsys.readouterr().out
    assert "**Salah**" in out and "**Benar**" in out
    assert main(["rules", "RXL999"]) == 2


def test_docs_rules_md_is_generated_from_the_docstrings(capsys):
    from conftest import ROOT

    assert main(["rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), \
        "run: renja-xl rules --format markdown > docs/rules.md"


def test_checking_one_file_loads_no_openssl(tmp_path):
    """The file's SHA-256 is wanted only by a folder's cache and the rekap: a plain check of one file neither
    computes it nor loads OpenSSL (4 MB of a small process), and still writes its checked copy."""
    import subprocess
    import sys

    code = ("import sys\nfrom renja_xl.cli import main\n"
            f"code = main(['check', {str(RENJA_EXAMPLE)!r}, '-o', {str(tmp_path / 'out.xlsx')!r}, '--format', 'json'])\n"
            "print(code, '_hashlib' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.stderr.strip().splitlines()[-1] == "1 False", done.stderr[-2000:]
    assert (tmp_path / "out.xlsx").exists()


def test_one_file_is_checked_and_reported_with_the_collector_paused_throughout(monkeypatch, capsys, tmp_path):
    """The cyclic garbage collector resumes only once the file's report is written and its findings let go, with a
    copy or without: resumed between the two, a collection would first walk every finding still held (17,000 at
    10,000 rows). The copy leaves nothing in cycles for it (the package's writers are let go once written)."""
    import gc

    from renja_xl.batch.command import JsonStream

    events = []
    enable, add = gc.enable, JsonStream.add
    monkeypatch.setattr(gc, "enable", lambda: (events.append("collector resumed"), enable()))
    monkeypatch.setattr(JsonStream, "add", lambda self, report: (events.append("report written"), add(self, report)))
    assert gc.isenabled()
    assert main(["check", "--no-output", "--format", "json", str(RENJA_EXAMPLE)]) == 1
    assert events == ["report written", "collector resumed"] and gc.isenabled()
    assert json.loads(capsys.readouterr().out)[0]["findings"]
    events.clear()
    assert main(["check", "-o", str(tmp_path / "hasil.xlsx"), "--format", "json", str(RENJA_EXAMPLE)]) == 1
    assert events == ["report written", "collector resumed"] and gc.isenabled()


def test_a_check_with_its_copy_leaves_nothing_of_its_own_for_the_collector(tmp_path, capsys):
    """The check and its copy are freed as their last names go: none of their objects waits in a cycle for the
    collector (the package's streamed writers referred back to it, holding the copy's plan, marks and notes)."""
    import gc

    main(["check", "-o", str(tmp_path / "pertama.xlsx"), str(RENJA_EXAMPLE)])   # what a first run imports and caches
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        assert main(["check", "-o", str(tmp_path / "hasil.xlsx"), "--format", "json", str(RENJA_EXAMPLE)]) == 1
        gc.collect()
        ours = sorted({type(o).__qualname__ for o in gc.garbage if type(o).__module__.startswith("renja_xl")})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert ours == [], ours
    capsys.readouterr()
