"""Outputs are written whole or not at all: a killed or interrupted run never leaves half a workbook.

``renja-xl fill`` on a 4,000-row Tabel 3.4 is killed (SIGKILL, no chance to clean up) at
moments spread over a whole run, and interrupted (SIGINT, Ctrl-C). After each, the output
is either absent or a complete workbook, and the input is byte-identical; with
``--in-place`` the input is either the original or the complete new workbook.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_check import make_t34  # noqa: E402

KILLS = 10


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def complete(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None and "xl/workbook.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def start(args: list) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "renja_xl.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=ROOT)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("besar") / "renja_besar.xlsx"
    make_t34(path, 4000)
    return path


@pytest.fixture(scope="module")
def full_run_seconds(big, tmp_path_factory) -> float:
    out = tmp_path_factory.mktemp("penuh") / "hasil.xlsx"
    began = time.monotonic()
    assert start(["fill", str(big), "-o", str(out)]).wait(timeout=300) == 0
    return time.monotonic() - began


def test_a_killed_fill_leaves_no_half_written_output(big, full_run_seconds, tmp_path):
    before = sha(big)
    outcomes = []
    for i in range(KILLS):
        out = tmp_path / f"hasil_{i}.xlsx"
        process = start(["fill", str(big), "-o", str(out)])
        time.sleep(full_run_seconds * (0.3 + 0.8 * i / KILLS))  # from mid-run to past the write
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        assert not out.exists() or complete(out), f"half-written output after a kill at step {i}"
        outcomes.append(out.exists())
        assert sha(big) == before
    assert not all(outcomes), "every run finished before the kill: the test proved nothing"


def test_ctrl_c_cleans_up_and_says_so(big, full_run_seconds, tmp_path):
    interrupted = 0
    for fraction in (0.2, 0.4, 0.6):
        out = tmp_path / f"hasil_{fraction}.xlsx"
        process = start(["fill", str(big), "-o", str(out)])
        time.sleep(full_run_seconds * fraction)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert b"Traceback" not in err
        assert not out.exists() or complete(out)
        if process.returncode != 0:
            assert process.returncode == 130 and b"dibatalkan" in err
            interrupted += 1
    assert interrupted, "no run was interrupted: the test proved nothing"
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_killed_in_place_fill_leaves_the_original_or_the_new_workbook(big, full_run_seconds, tmp_path):
    original = sha(big)
    for i in range(4):
        work = tmp_path / f"kerja_{i}.xlsx"
        work.write_bytes(big.read_bytes())
        process = start(["fill", str(work), "--in-place"])
        time.sleep(full_run_seconds * (0.4 + 0.3 * i))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        assert complete(work)
        backup = work.with_name(work.name + ".bak")
        assert sha(work) == original or (backup.exists() and sha(backup) == original)


def test_temporaries_a_killed_run_left_are_removed_by_the_next_write(tmp_path):
    import os

    from renja_xl.io.atomic import write_bytes_atomic

    stale, fresh = tmp_path / ".hasil.xlsx.abc123.tmp", tmp_path / ".hasil.xlsx.def456.tmp"
    stale.write_bytes(b"PK half"), fresh.write_bytes(b"PK busy")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    write_bytes_atomic(tmp_path / "hasil.xlsx", b"data")
    assert not stale.exists() and fresh.exists()  # a fresh one may belong to a run still writing
