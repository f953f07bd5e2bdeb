"""The command line: results on good files, one Indonesian sentence and exit 2 on anything else."""

import json
import zipfile

import pytest
from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE, sha

from renja_xl.cli import main


def test_tables_lists_every_table(capsys):
    before = sha(RENJA_EXAMPLE)
    assert main(["tables", str(RENJA_EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "7 tabel ditemukan" in out
    assert "[T3.4 Rencana Program] T3.4 Rencana Program (renja.t3_4)" in out
    assert "judul A4:K6, data A7:K76: 69 baris data, 1 baris jumlah" in out
    assert sha(RENJA_EXAMPLE) == before  # the input is never written


def test_tables_json_shape(capsys):
    assert main(["tables", "--format", "json", str(RENJA_EXAMPLE), str(LKJIP_EXAMPLE)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [len(r["tables"]) for r in report] == [7, 8]
    first = report[0]["tables"][0]
    assert set(first) == {"sheet", "table", "name", "header_range", "data_range", "data_rows", "total_rows",
                          "columns", "skipped"}


def test_a_folder_lists_its_workbooks(tmp_path, capsys):
    (tmp_path / "a.xlsx").write_bytes(RENJA_EXAMPLE.read_bytes())
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")            # Excel's lock file is left alone
    (tmp_path / "a_diperiksa.xlsx").write_bytes(b"old output")  # so is a checked copy
    assert main(["tables", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("tabel ditemukan") == 1


def _ole(path, encrypted):
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    if encrypted:
        body += "EncryptionInfo".encode("utf-16-le")
    path.write_bytes(body + b"\0" * 512)


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


BAD_INPUTS = {
    "bukan_excel.xlsx": (lambda p: p.write_text("halo"), "bukan buku kerja Excel"),
    "kosong.xlsx": (lambda p: p.write_bytes(b""), "kosong"),
    "lama.xls": (lambda p: _ole(p, False), "Excel lama (.xls)"),
    "berkata_sandi.xlsx": (lambda p: _ole(p, True), "kata sandi"),
    "terpotong.xlsx": (lambda p: p.write_bytes(RENJA_EXAMPLE.read_bytes()[:3000]), "rusak atau terpotong"),
    "tanpa_workbook.xlsx": (lambda p: _zip(p, {"[Content_Types].xml": "<Types/>"}), "xl/workbook.xml tidak ada"),
    "biner.xlsb": (lambda p: _zip(p, {"xl/workbook.bin": "x"}), ".xlsb"),
    "rusak_dalam.xlsx": (lambda p: _zip(p, {"[Content_Types].xml": "<Types", "xl/workbook.xml": "<bad"}), "tidak dapat dibuka"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_unusable_input_exits_2_with_one_sentence(tmp_path, capsys, name):
    make, words = BAD_INPUTS[name]
    path = tmp_path / name
    make(path)
    before = sha(path)
    assert main(["tables", str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err and name in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert sha(path) == before


def test_missing_file_and_empty_folder(tmp_path, capsys):
    assert main(["tables", str(tmp_path / "tidak_ada.xlsx")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
    assert main(["tables", str(tmp_path)]) == 2
    assert "Tidak ada berkas" in capsys.readouterr().err


def test_good_and_bad_files_together_report_both_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("x")
    assert main(["tables", str(RENJA_EXAMPLE), str(bad)]) == 2
    captured = capsys.readouterr()
    assert "7 tabel ditemukan" in captured.out and "bukan.xlsx" in captured.err


def test_debug_shows_the_traceback(tmp_path, capsys):
    bad = tmp_path / "rusak.xlsx"
    _zip(bad, {"[Content_Types].xml": "<Types", "xl/workbook.xml": "<bad"})
    assert main(["--debug", "tables", str(bad)]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "PERINTAH" in capsys.readouterr().out


def test_console_script_runs(tmp_path):
    import subprocess

    result = subprocess.run(["renja-xl", "tables", str(tmp_path / "x.xlsx")], capture_output=True, text=True)
    assert result.returncode == 2 and "tidak ditemukan" in result.stderr
