"""Every value of the settings file is checked: a wrong one gets one Indonesian sentence (exit 2), never
"kesalahan tak terduga"; a settings or units file is read only when it is a small regular UTF-8 text file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from renja_xl.cli import main

ROOT = Path(__file__).resolve().parent.parent
RENJA = ROOT / "examples" / "renja_2022_disnaker_balikpapan.xlsx"


def one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "kesalahan tak terduga" not in err, err
    return lines[0]


# --- settings --------------------------------------------------------------------------------------------


SETTINGS = {
    "satuan_program": ("[renja_xl]\nsatuan = {ls}\n", "bukan berkas teks utf-8"),
    "satuan_perangkat": ("[renja_xl]\nsatuan = /dev/zero\n", "bukan berkas biasa"),
    "satuan_folder": ("[renja_xl]\nsatuan = .\n", "folder"),
    "satuan_kosong": ("[renja_xl]\nsatuan =\n", "kosong"),
    "satuan_tidak_ada": ("[renja_xl]\nsatuan = tidak_ada.csv\n", "tidak ditemukan"),
    "satuan_bukan_csv_satuan": ("[renja_xl]\nsatuan = catatan.txt\n", "unit,kind,spellings"),
    "satuan_persen": ("[renja_xl]\nsatuan = 50%.csv\n", "tidak ditemukan"),
    "kunci_asing": ("[renja_xl]\nwarna = merah\n", "tidak dikenal"),
    "enabled_ragu": ("[renja_xl:rules:RXL101]\nenabled = mungkin\n", "bukan ya/tidak"),
    "severity_asing": ("[renja_xl:rules:RXL101]\nseverity = parah\n", "tidak dikenal"),
    "aturan_asing": ("[renja_xl:rules:RXL999]\nenabled = false\n", "tidak ada"),
    "opsi_asing": ("[renja_xl:rules:RXL101]\ntoleransi = 1\n", "tidak dikenal"),
    "ganda": ("[renja_xl]\nsatuan = a.csv\nsatuan = b.csv\n", "tidak dapat dibaca"),
    "tanpa_bagian": ("satuan = a.csv\n", "tidak dapat dibaca"),
    "biner": (None, "bukan berkas teks"),
    "kolom_program": ("[renja_xl]\nkolom = {ls}\n", "bukan berkas teks utf-8"),
    "kolom_tidak_ada": ("[renja_xl]\nkolom = tidak_ada.csv\n", "tidak ditemukan"),
    "kolom_bukan_kosakata": ("[renja_xl]\nkolom = catatan.txt\n", "concept,role,spellings"),
    "nomenklatur_program": ("[renja_xl]\nnomenklatur = {ls}\n", "bukan berkas teks utf-8"),
    "nomenklatur_perangkat": ("[renja_xl]\nnomenklatur = /dev/zero\n", "bukan berkas biasa"),
    "nomenklatur_bukan_daftar": ("[renja_xl]\nnomenklatur = catatan.txt\n", "kode,nomenklatur"),
}


@pytest.mark.parametrize("case", sorted(SETTINGS))
def test_every_setting_is_checked_with_a_sentence(tmp_path, capsys, case):
    text, words = SETTINGS[case]
    (tmp_path / "catatan.txt").write_text("catatan rapat, bukan daftar satuan\n", encoding="utf-8")
    book = tmp_path / "renja.xlsx"
    shutil.copyfile(RENJA, book)
    ini = tmp_path / "renja-xl.ini"
    if text is None:
        ini.write_bytes(bytes(range(256)) * 4)
    else:
        ini.write_text(text.format(ls=shutil.which("ls") or sys.executable), encoding="utf-8")
    assert main(["check", str(book), "--no-output"]) == 2
    sentence = one_sentence(capsys.readouterr().err)
    assert words in sentence.lower(), sentence


def test_a_good_units_file_with_a_percent_in_its_name_is_read(tmp_path, capsys):
    (tmp_path / "satuan 50%.csv").write_text("unit,kind,spellings\nkegiatan,count,kegiatan|keg\n", encoding="utf-8")
    (tmp_path / "renja-xl.ini").write_text("[renja_xl]\nsatuan = satuan 50%.csv\n\n[renja_xl:rules:RXL101]\n"
                                           "enabled = tidak\nseverity = warning\n", encoding="utf-8")
    shutil.copyfile(RENJA, tmp_path / "renja.xlsx")
    assert main(["check", str(tmp_path / "renja.xlsx"), "--no-output", "--format", "json"]) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_settings_file_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "atur.ini")
    done = subprocess.run([sys.executable, "-m", "renja_xl.cli", "check", str(RENJA), "--no-output", "--config",
                           str(tmp_path / "atur.ini")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and "bukan berkas biasa" in one_sentence(done.stderr)

