"""Names are text: never markup, control characters escaped; only regular files are read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from renja_xl.cli import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from build_corpus import CASES, RENJA  # noqa: E402


def one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "kesalahan tak terduga" not in err, err
    return lines[0]


# --- markup ----------------------------------------------------------------------------------------


def test_brackets_in_a_file_name_print_as_they_are(tmp_path, capsys):
    path = tmp_path / "Renja [revisi].xlsx"
    CASES["Renja [revisi].xlsx"][1](path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: " in out  # not "Renja .xlsx"
    assert f"salinan diperiksa: {tmp_path / 'Renja [revisi]_diperiksa.xlsx'}" in out
    assert main(["tables", str(path)]) == 0 and f"{path}: " in capsys.readouterr().out


def test_a_sheet_named_like_markup_prints_as_it_is(tmp_path, capsys):
    path = tmp_path / "kurung.xlsx"
    CASES["nama_lembar_kurung_siku.xlsx"][1](path)
    assert main(["check", str(path)]) == 1  # the copy, then the text output: no crash after writing
    out = capsys.readouterr().out
    assert "  T2.1 [/] Evaluasi\n" in out and "  [bold]T2.2[/bold] [link=x]\n" in out
    assert (tmp_path / "kurung_diperiksa.xlsx").exists()


# --- control characters ------------------------------------------------------------------------------


def test_control_characters_in_names_are_escaped(tmp_path, capsys):
    path = tmp_path / "renja\x1b[31mMERAH\x07\r.xlsx"
    shutil.copyfile(RENJA, path)
    assert main(["check", str(path), "--no-output"]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out and "\r" not in out
    assert "renja\\x1b[31mMERAH\\x07\\r.xlsx" in out
    broken = tmp_path / "rusak\x1b]0;judul\x07\n.xlsx"
    broken.write_bytes(b"bukan zip")
    assert main(["tables", str(broken)]) == 2
    sentence = one_sentence(capsys.readouterr().err)
    assert "\\x1b]0;judul\\x07\\n.xlsx" in sentence


def test_terminal_text_escapes_what_steers_a_terminal():
    from renja_xl.render import terminal_text

    assert terminal_text("a\tb\nc\x00d\x7fe\x9bf\u202eg\ud800h é ü 日本") == \
        "a\\tb\\nc\\x00d\\x7fe\\x9bf\\u202eg\\ud800h é ü 日本"


def test_an_undecodable_file_name_is_printed_escaped(tmp_path):
    """A name with bytes that are no UTF-8 (a surrogate in Python) prints escaped, never a UnicodeEncodeError."""
    if sys.platform == "win32":
        pytest.skip("file names are Unicode on Windows")
    raw = os.fsencode(tmp_path) + b"/renja_\xff.xlsx"
    with open(raw, "wb") as handle:
        handle.write(RENJA.read_bytes())
    done = subprocess.run([sys.executable, "-m", "renja_xl.cli", "check", os.fsdecode(raw), "--no-output"],
                          capture_output=True, cwd=ROOT, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1, done.stderr
    assert b"renja_\\udcff.xlsx" in done.stdout


# --- only regular files ----------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_by_name_without_blocking(tmp_path):
    fifo = tmp_path / "pipa.xlsx"
    os.mkfifo(fifo)
    for argv in (["check", str(fifo)], ["tables", str(fifo)], ["fill", str(fifo)]):
        done = subprocess.run([sys.executable, "-m", "renja_xl.cli", *argv], capture_output=True, text=True,
                              cwd=ROOT, timeout=60)
        assert done.returncode == 2
        sentence = one_sentence(done.stderr)
        assert "pipa.xlsx" in sentence and "pipa (FIFO)" in sentence


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_by_name(capsys):
    assert main(["tables", "/dev/zero"]) == 2
    sentence = one_sentence(capsys.readouterr().err)
    assert "'zero'" in sentence and "perangkat" in sentence


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_gets_its_sentence_and_the_others_their_result(tmp_path):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copyfile(RENJA, folder / "a_renja.xlsx")
    os.mkfifo(folder / "b_pipa.xlsx")
    done = subprocess.run([sys.executable, "-m", "renja_xl.cli", "check", str(folder), "--no-output"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert "b_pipa.xlsx" in one_sentence(done.stderr)
    assert "a_renja.xlsx: " in done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_an_output_that_is_a_fifo_is_refused(tmp_path):
    os.mkfifo(tmp_path / "keluar.xlsx")
    done = subprocess.run([sys.executable, "-m", "renja_xl.cli", "fill", str(RENJA), "-o",
                           str(tmp_path / "keluar.xlsx")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert "bukan berkas biasa" in one_sentence(done.stderr)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
