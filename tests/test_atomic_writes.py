"""Outputs are written whole or not at all: a killed or interrupted run never leaves half a workbook.

``renja-xl fill`` on a 4,000-row Tabel 3.4 is killed (SIGKILL, no chance to clean up) at
moments spread over a whole run, and interrupted (SIGINT, Ctrl-C). After each, the output
is either absent or a complete workbook, and the input is byte-identical; with
``--in-place`` the input is either the original or the complete new workbook.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import sha

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_check import make_t34  # noqa: E402

KILLS = 10


def complete(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None and "xl/workbook.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def _interruptible() -> None:
    """In the child before it starts: SIGINT left to the system, so that Python turns it into KeyboardInterrupt
    (a test run started in the background of a script inherits SIGINT ignored, and Ctrl-C would reach nobody)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(args: list) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "renja_xl.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=ROOT, preexec_fn=_interruptible)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("besar") / "renja_besar.xlsx"
    make_t34(path, 8000)   # long enough that a signal lands in the work, not in Python's start (0.3 s here)
    return path


@pytest.fixture(scope="module")
def full_run_seconds(big, tmp_path_factory) -> float:
    """How long a whole fill takes, timed on a second run: the first compiles the bytecode of a fresh clone."""
    for _ in range(2):
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
    for fraction in (0.3, 0.5, 0.7, 0.85):
        out = tmp_path / f"hasil_{fraction}.xlsx"
        process = start(["fill", str(big), "-o", str(out)])
        time.sleep(full_run_seconds * fraction)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert not out.exists() or complete(out)
        if process.returncode == -signal.SIGINT:
            continue  # the signal came while Python started or exited, with no handler of its own: nothing half done
        assert b"Traceback" not in err
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


# --- never lose the original (issue 15) ------------------------------------------------------------------


def test_in_place_twice_keeps_the_first_original_and_numbers_the_later_backups(tmp_path, capsys):
    from conftest import RENJA_EXAMPLE

    from renja_xl.cli import main

    work = tmp_path / "renja.xlsx"
    work.write_bytes(RENJA_EXAMPLE.read_bytes())
    original = sha(work)
    results = []
    for run in range(3):
        assert main(["fill", str(work), "--in-place"]) == 0
        out = capsys.readouterr().out
        backup = work.with_name("renja.xlsx.bak" + (f".{run}" if run else ""))
        assert f"(cadangan: {backup})" in out
        results.append(sha(work))
        assert complete(work)
        assert sha(work.with_name("renja.xlsx.bak")) == original  # the first original, kept for good
    assert sha(work.with_name("renja.xlsx.bak.1")) == results[0]
    assert sha(work.with_name("renja.xlsx.bak.2")) == results[1]
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_backup_is_not_repeated_when_the_file_did_not_change(tmp_path):
    import os

    from renja_xl.io.atomic import keep_backup

    source = tmp_path / "renja.xlsx"
    source.write_bytes(b"PK isi pertama")
    first = keep_backup(source, source.read_bytes(), os.stat(source))
    again = keep_backup(source, source.read_bytes(), os.stat(source))
    assert first == again == tmp_path / "renja.xlsx.bak"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["renja.xlsx", "renja.xlsx.bak"]


def test_in_place_through_a_symlink_updates_the_real_file_and_keeps_its_mode(tmp_path, capsys):
    import os
    import stat

    from conftest import RENJA_EXAMPLE

    from renja_xl.cli import main

    real = tmp_path / "arsip" / "renja.xlsx"
    real.parent.mkdir()
    real.write_bytes(RENJA_EXAMPLE.read_bytes())
    os.chmod(real, 0o640)
    link = tmp_path / "tautan.xlsx"
    link.symlink_to(real)
    original = sha(real)
    assert main(["fill", str(link), "--in-place"]) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert sha(real) != original and complete(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sha(real.with_name("renja.xlsx.bak")) == original
    assert stat.S_IMODE(real.with_name("renja.xlsx.bak").stat().st_mode) == 0o640
    assert not (tmp_path / "tautan.xlsx.bak").exists()


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_outputs_get_the_usual_mode_of_the_umask(tmp_path, capsys, umask, mode):
    import os
    import stat

    from conftest import RENJA_EXAMPLE

    from renja_xl.cli import main

    previous = os.umask(umask)
    try:
        assert main(["fill", str(RENJA_EXAMPLE), "-o", str(tmp_path / "terisi.xlsx")]) == 0
        assert main(["check", str(RENJA_EXAMPLE), "-o", str(tmp_path / "diperiksa.xlsx"), "--format", "json"]) == 1
    finally:
        os.umask(previous)
    for name in ("terisi.xlsx", "diperiksa.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name


def test_an_output_written_over_keeps_the_mode_it_had(tmp_path, capsys):
    import os
    import stat

    from conftest import RENJA_EXAMPLE

    from renja_xl.cli import main

    out = tmp_path / "terisi.xlsx"
    out.write_bytes(b"lama")
    os.chmod(out, 0o600)
    assert main(["fill", str(RENJA_EXAMPLE), "-o", str(out)]) == 0
    assert complete(out) and stat.S_IMODE(out.stat().st_mode) == 0o600


# --- a full disk: a small file system of its own ----------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path):
    """A 512 KB tmpfs mounted for the test (root only; skipped, with the reason, where mounting is impossible)."""
    import os
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k,mode=0755", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def fill_disk(folder: Path, leave_pages: int) -> None:
    """Fill ``folder``'s file system with 4 KB files, then free ``leave_pages`` of them."""
    import errno

    fillers = []
    for n in range(100_000):
        filler = folder / f"isi_{n:05d}"
        try:
            filler.write_bytes(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
            filler.unlink(missing_ok=True)
            break
        fillers.append(filler)
    for filler in fillers[:leave_pages]:
        filler.unlink()


def backups(folder: Path) -> list:
    return sorted(p.name for p in folder.iterdir() if ".bak" in p.name)


@pytest.mark.parametrize("leave_pages, backup_kept", [(4, False), (13, True)])
def test_a_full_disk_leaves_the_original_and_no_partial_backup(tiny_disk, capsys, leave_pages, backup_kept):
    from conftest import RENJA_EXAMPLE

    from renja_xl.cli import main

    work = tiny_disk / "renja.xlsx"
    work.write_bytes(RENJA_EXAMPLE.read_bytes())  # 38 KB: 10 pages; the filled copy needs 11
    original = sha(work)
    fill_disk(tiny_disk, leave_pages)
    assert main(["fill", str(work), "--in-place"]) == 2
    err = capsys.readouterr().err
    assert "disk penuh" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert sha(work) == original
    assert backups(tiny_disk) == (["renja.xlsx.bak"] if backup_kept else [])
    if backup_kept:
        assert sha(tiny_disk / "renja.xlsx.bak") == original  # whole, never partial
    assert not list(tiny_disk.glob(".*.tmp"))


def test_in_place_twice_then_on_a_full_disk_still_leaves_the_original(tiny_disk, capsys):
    from conftest import RENJA_EXAMPLE

    from renja_xl.cli import main

    work = tiny_disk / "renja.xlsx"
    work.write_bytes(RENJA_EXAMPLE.read_bytes())
    original = sha(work)
    assert main(["fill", str(work), "--in-place"]) == 0
    assert main(["fill", str(work), "--in-place"]) == 0
    state = {p.name: sha(p) for p in tiny_disk.iterdir()}
    assert state["renja.xlsx.bak"] == original
    fill_disk(tiny_disk, 0)
    assert main(["fill", str(work), "--in-place"]) == 2
    assert "disk penuh" in capsys.readouterr().err
    assert {p.name: sha(p) for p in tiny_disk.iterdir() if not p.name.startswith("isi_")} == state
    assert not list(tiny_disk.glob(".*.tmp"))
