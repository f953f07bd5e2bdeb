"""Every input bounded by what a grid can be: what each hostile case of round 2 costs, and the time budget.

The cases are the corpus's (``tests/corpus/build_corpus.py``): one cell in row 30,000,000
or 2,000,000,000, a cell in column ZZZZZZ or XFE, ``<row r="8.0">`` under a whole-grid
``<dimension>``, 20,000 cells in column XFD (legal) on a sheet of their own or under a
table, a cell in XFD1048576, a 4 MB shared string, 1,000 nested elements. Before this
round they took up to 2.5 GB and more than a minute each (``baris_2_miliar`` passed
10 GB); each now answers in a fresh process, the checked copy or the filled copy
included, within 60 s and 1 GB — a result or one sentence.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from renja_xl.cli import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from build_corpus import CASES  # noqa: E402

SECONDS, BYTES = 60, 1024 ** 3

GRID_CASES = ["baris_30_juta.xlsx", "baris_2_miliar.xlsx", "kolom_zzzzzz.xlsx", "kolom_xfe.xlsx", "baris_8_0.xlsx",
              "dimensi_penuh_baris_8_0.xlsx", "dimensi_bohong.xlsx", "kolom_xfd_20000_lembar_sendiri.xlsx",
              "kolom_xfd_20000_di_tabel.xlsx", "baris_1048576.xlsx", "teks_40_ribu.xlsx", "teks_bersama_4_mb.xlsx",
              "bersarang_1000_lembar.xlsx", "bersarang_1000_gaya.xlsx"]


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batas")
    for name in GRID_CASES + ["lembar_sangat_besar.xlsx"]:
        CASES[name][1](folder / name)
    return folder


def measured(argv: list, cwd: Path) -> tuple[int, float, int, str]:
    """(exit code, seconds, peak resident bytes, stderr) of one renja-xl run in a fresh process."""
    err_file = cwd / "stderr.txt"
    with open(err_file, "wb") as err:
        began = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", "renja_xl.cli", *argv], stdout=subprocess.DEVNULL,
                                   stderr=err, cwd=cwd)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - began > SECONDS:
                process.kill()
                process.wait()
                raise AssertionError(f"{argv} ran past {SECONDS} s")
            time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.monotonic() - began, usage.ru_maxrss * 1024, err_file.read_text()


@pytest.mark.parametrize("command", ["check", "fill"])
@pytest.mark.parametrize("name", GRID_CASES)
def test_every_grid_case_answers_within_60_s_and_1_gb(cases, tmp_path, name, command):
    info = CASES[name][0]
    out = tmp_path / "hasil.xlsx"
    argv = [command, str(cases / name), "-o", str(out)]
    code, seconds, peak, err = measured(argv, tmp_path)
    assert seconds < SECONDS and peak < BYTES, (seconds, peak)
    lines = [line for line in err.splitlines() if line.strip()]
    if info.expect == "refused":
        assert code == 2 and len(lines) == 1 and name in lines[0], err
        assert all(word in lines[0].lower() for word in info.words), (info.words, lines[0])
        assert not out.exists()
    else:
        assert code in (0, 1), err
        assert out.exists()


def test_a_far_sheet_is_kept_where_its_cells_are(cases):
    from renja_xl.io.files import load_snapshot

    snapshot = load_snapshot(cases / "kolom_xfd_20000_lembar_sendiri.xlsx")
    sheet = snapshot.sheets[0]
    assert (sheet.left, sheet.right, len(sheet.rows)) == (16384, 16384, 20000)  # not 20,000 rows of 16,384 cells
    assert sheet.value(20000, 16384) == 20000 and sheet.value(1, 1) is None


def test_empty_rows_cost_no_lists(cases):
    from renja_xl.io.files import load_snapshot

    sheet = load_snapshot(cases / "baris_1048576.xlsx").sheet("T2.1 Evaluasi Renja")
    assert len(sheet.rows) == 1_048_576 and sheet.value(1_048_576, 16384) == 1
    assert len({id(r) for r in sheet.rows if not r}) == 1  # one shared empty row, not a million


@pytest.mark.parametrize("name", ["dimensi_bohong.xlsx", "kolom_xfd_20000_lembar_sendiri.xlsx",
                                  "kolom_xfd_20000_di_tabel.xlsx", "baris_30_juta.xlsx", "kolom_xfe.xlsx",
                                  "teks_40_ribu.xlsx"])
def test_the_openpyxl_fallback_is_bounded_the_same_way(cases, name):
    """The careful reader (for packages the streaming one does not understand) pads no row to a dimension."""
    from renja_xl.errors import InputError
    from renja_xl.io.files import _load_with_openpyxl, load_snapshot

    info = CASES[name][0]
    began = time.monotonic()
    if info.expect == "refused":
        with pytest.raises(InputError) as refused:
            _load_with_openpyxl(cases / name)
        assert name in str(refused.value)
        assert all(word in str(refused.value).lower() for word in info.words), str(refused.value)
    else:
        careful, lean = _load_with_openpyxl(cases / name), load_snapshot(cases / name)
        for a, b in zip(careful, lean):
            assert (a.name, a.top, a.left, a.bottom, a.right) == (b.name, b.top, b.left, b.bottom, b.right)
    assert time.monotonic() - began < 10


def test_the_grid_budget_follows_max_cells(cases, capsys):
    assert main(["--max-cells", "5000", "tables", str(cases / "kolom_xfd_20000_lembar_sendiri.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "--max-cells" in err and "5000" in err


# --- the time budget ---------------------------------------------------------------------------


def test_max_seconds_ends_a_run_with_a_sentence(cases, tmp_path, capsys):
    began = time.monotonic()
    code = main(["--max-seconds", "0.3", "check", str(cases / "lembar_sangat_besar.xlsx"), "-o",
                 str(tmp_path / "hasil.xlsx")])
    _, err = capsys.readouterr()
    assert time.monotonic() - began < 5
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "lembar_sangat_besar.xlsx" in lines[0] and "--max-seconds" in lines[0], err
    assert list(tmp_path.iterdir()) == []  # no copy, no temporary file


def test_max_seconds_over_a_folder_names_every_file_left(cases, tmp_path, capsys):
    import json
    import shutil

    folder = tmp_path / "kiriman"
    folder.mkdir()
    for name in ("a_besar.xlsx", "b_besar.xlsx"):
        shutil.copyfile(cases / "lembar_sangat_besar.xlsx", folder / name)
    code = main(["--max-seconds", "0.3", "check", str(folder), "--format", "json", "--no-output"])
    out, err = capsys.readouterr()
    assert code == 2
    reports = json.loads(out)
    assert [Path(r["file"]).name for r in reports] == ["a_besar.xlsx", "b_besar.xlsx"]
    assert all("--max-seconds" in r["error"] for r in reports)
    assert len([line for line in err.splitlines() if line.strip()]) == 2


def test_max_seconds_without_an_alarm_signal(cases, tmp_path, capsys, monkeypatch):
    """Where there is no SIGALRM (Windows) a timer thread interrupts the main thread: the same sentence."""
    import signal

    monkeypatch.delattr(signal, "setitimer")
    code = main(["--max-seconds", "0.3", "check", str(cases / "lembar_sangat_besar.xlsx"), "--no-output"])
    assert code == 2
    err = capsys.readouterr().err
    assert "--max-seconds" in err and "lembar_sangat_besar.xlsx" in err and "Traceback" not in err


def test_a_run_within_its_budget_leaves_no_timer_behind(cases, capsys):
    import signal

    assert main(["--max-seconds", "30", "tables", str(cases / "dimensi_bohong.xlsx")]) == 0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)


@pytest.mark.parametrize("value", ["-1", "abc", "nan", "inf"])
def test_a_bad_max_seconds_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as done:
        main(["--max-seconds", value, "tables", "x.xlsx"])
    assert done.value.code == 2
    assert "--max-seconds" in capsys.readouterr().err
