"""``renja-xl check``: findings on screen or as JSON, a checked copy, exit codes."""

import hashlib
import json
import shutil

import pytest
from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE
from openpyxl import load_workbook

from renja_xl.cli import main


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
    assert "H32  RXL101  Kesalahan" in out and "tertulis 126%, seharusnya 73,60%" in out
    assert out.strip().splitlines()[-1].startswith("Ringkasan: ") and "di 1 berkas." in out
    assert f"salinan diperiksa: {renja.parent / 'renja_diperiksa.xlsx'}" in out
    assert sha(renja) == before


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
    row = next(r for r in ws.iter_rows(min_row=4) if r[3].value == "'T2.1 Evaluasi Renja'!H32")
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
