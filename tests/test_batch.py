"""``renja-xl check DIR…`` at scale (issue 12): a folder of 200 workbooks, in parallel, cached, with a rekap.

The folder (tests/batch_material.py) is made once for this module from the examples and
the 16 layout variants, with five unusable files among them. The reference for every
file is what a single-file ``check`` computes — :func:`renja_xl.io.files.read_and_check`
with the settings found beside the file, as a :class:`renja_xl.report.FileReport` —
computed once per distinct content (copies have the same bytes and settings).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_material import RENAMED_FROM, RENAMED_TO, RENJA_PAGU_N, build_folder, ceilings
from conftest import RENJA_EXAMPLE

from renja_xl.cli import main

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("bappeda") / "kiriman"
    return build_folder(root)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def reference(folder):
    """file -> the single-file check's JSON object (FileReport.to_dict) or its error sentence."""
    from renja_xl.errors import RenjaXLError
    from renja_xl.io.files import read_and_check
    from renja_xl.report import FileReport
    from renja_xl.rules import find_config

    by_content, out = {}, {}
    for path in folder.files:
        digest = _sha(path)
        if digest not in by_content:
            try:
                _, tables, findings = read_and_check(path, find_config(path))
                by_content[digest] = FileReport(file="", tables=tables, findings=findings).to_dict()
            except RenjaXLError as exc:
                by_content[digest] = {"error": str(exc)}
        expected = dict(by_content[digest])
        expected["file"] = str(path)
        out[str(path)] = expected
    return out


@pytest.fixture(scope="module")
def pool_run(folder, tmp_path_factory):
    """One run on the local process pool (2 workers): JSON on stdout and the xlsx rekap, with a ceiling file."""
    work = tmp_path_factory.mktemp("hasil")
    rekap = work / "rekap.xlsx"
    ceiling = ceilings(work / "pagu_indikatif.csv")
    cache = work / "tembolok"
    out, err = work / "out.json", work / "err.txt"
    began = time.perf_counter()
    code = _run(["check", str(folder.root), "--jobs", "2", "--format", "json", "--no-output", "--rekap", str(rekap),
                 "--pagu-pd", str(ceiling), "--cache", str(cache)], out, err)
    seconds = time.perf_counter() - began
    return {"code": code, "json": json.loads(out.read_text(encoding="utf-8")), "err": err.read_text(encoding="utf-8"),
            "rekap": rekap, "ceiling": ceiling, "cache": cache, "seconds": seconds, "work": work}


def _run(argv, out: Path, err: Path) -> int:
    """The CLI in this process, stdout and stderr into files (a JSON of 200 files is long)."""
    old_out, old_err = sys.stdout, sys.stderr
    with open(out, "w", encoding="utf-8") as o, open(err, "w", encoding="utf-8") as e:
        sys.stdout, sys.stderr = o, e
        try:
            return main(argv)
        finally:
            sys.stdout, sys.stderr = old_out, old_err


def _rekap(path: Path, sheet: str):
    return pd.read_excel(path, sheet_name=sheet, dtype={"Kode": str, "Sel": str})


# --- 1. the folder at scale -----------------------------------------------------------------------


def test_every_file_of_the_folder_is_found_recursively_in_a_stable_order(folder):
    assert len(folder.files) == 200
    assert len({p.parent.name for p in folder.files}) == 11
    assert folder.files == sorted(folder.files, key=lambda p: p.relative_to(folder.root).parts)


def test_per_file_findings_equal_the_single_file_check(folder, reference, pool_run):
    reports = pool_run["json"]
    assert [r["file"] for r in reports] == [str(p) for p in folder.files]   # input order, whatever finished first
    for report in reports:
        assert report == reference[report["file"]], report["file"]
    assert pool_run["code"] == 2   # unusable files among them


def test_unusable_files_are_rows_with_their_reason_never_an_abort(folder, pool_run):
    errors = {Path(r["file"]).name: r["error"] for r in pool_run["json"] if "error" in r}
    assert set(errors) == set(folder.broken)
    for name, words in folder.broken.items():
        assert words in errors[name].lower(), errors[name]
    assert "Traceback" not in pool_run["err"]
    assert all(f"'{name}'" in pool_run["err"] for name in folder.broken)
    tidak = _rekap(pool_run["rekap"], "Tidak Terbaca")
    assert {Path(f).name for f in tidak["Berkas"]} == set(folder.broken)
    assert all(isinstance(reason, str) and reason for reason in tidak["Alasan"])


def test_the_single_file_command_is_unchanged(tmp_path, capsys):
    import shutil

    renja = tmp_path / "renja.xlsx"
    shutil.copy(RENJA_EXAMPLE, renja)
    assert main(["check", "--format", "json", "--no-output", str(renja)]) == 1
    single = json.loads(capsys.readouterr().out)
    from renja_xl.io.files import read_and_check
    from renja_xl.report import severity_counts

    found = read_and_check(renja)[2]   # what check always computed for one file (the rules change: no fixed count)
    assert len(single) == 1 and single[0]["summary"] == severity_counts(found) and len(found) > 200
    assert not (tmp_path / ".renja-xl-cache").exists()   # one file: no cache folder left behind


def test_a_worker_killed_mid_file_costs_only_that_file(folder, monkeypatch):
    """A process killed under a file (the system out of memory, say): that file is a row, the others are checked."""
    import multiprocessing

    from renja_xl.batch import runner as runner_module
    from renja_xl.batch import worker
    from renja_xl.batch.worker import Task

    original = worker._check

    def dying(task, result):
        if "dinas_sosial" in task.path:
            os._exit(9)
        return original(task, result)

    monkeypatch.setattr(worker, "_check", dying)   # forked children inherit it, retries included
    monkeypatch.setattr(runner_module, "_context", lambda fork=False: multiprocessing.get_context("fork"))
    chosen = files_with_a_failing_one(folder, 4)
    results = list(runner_module.Runner(runner_module.PoolBackend(2)).results([Task(path=str(p)) for p in chosen]))
    only_the_failing_file_is_lost(chosen, results, "terhenti")


def files_with_a_failing_one(folder, others: int) -> list:
    """``others`` files of one region, then its Dinas Sosial Renja (the one the tests make fail)."""
    region = [p for p in folder.files if p.parent.name == "wilayah_02"]
    chosen = region[:others] + [p for p in region if "dinas_sosial" in p.name]
    assert len(chosen) == others + 2   # the Renja and the LKjIP of Dinas Sosial
    return chosen


def only_the_failing_file_is_lost(chosen: list, results: list, words: str) -> None:
    """Results in input order; the files with 'dinas_sosial' in their name rows saying ``words``, the others checked."""
    assert [r.file for r in results] == [str(p) for p in chosen]
    for path, result in zip(chosen, results):
        if "dinas_sosial" in path.name:
            assert words in result.error and path.name in result.error
        else:
            assert result.error is None and result.findings


# --- 3. the rekap -----------------------------------------------------------------------------------


def test_the_rekap_per_file_counts_equal_the_single_file_check(folder, reference, pool_run):
    berkas = _rekap(pool_run["rekap"], "Ringkasan")
    assert list(berkas["Berkas"]) == [str(p) for p in folder.files]
    for _, row in berkas.iterrows():
        expected = reference[row["Berkas"]]
        if "error" in expected:
            assert row["Status"] == "tidak terbaca" and row["Alasan"] == expected["error"]
            continue
        assert (row["Kesalahan"], row["Peringatan"], row["Info"]) == tuple(expected["summary"].values())
        assert row["Jumlah tabel"] == len(expected["tables"])
        families = sum(row[c] for c in berkas.columns if c.startswith("Temuan "))
        assert families == len(expected["findings"])
    temuan = _rekap(pool_run["rekap"], "Temuan")
    assert len(temuan) == sum(len(r.get("findings", [])) for r in reference.values())


def test_the_rekap_reads_pd_document_and_year_and_totals_the_pagu(folder, pool_run):
    berkas = _rekap(pool_run["rekap"], "Ringkasan").set_index("Berkas")
    row = berkas.loc[str(folder.root / "wilayah_00" / "renja_2022_dinas_kesehatan.xlsx")]
    assert (row["Perangkat Daerah"], row["Dokumen"], row["Tahun"]) == ("Dinas Kesehatan", "Renja", 2022)
    assert row["Pagu n (Rp)"] == RENJA_PAGU_N and row["Pagu n+1 (Rp)"] == 9_721_328_097
    assert 0 < row["Rata-rata capaian (%)"] < 200
    sipd = berkas.loc[str(folder.root / "wilayah_01" / "01_sipd_renja_matrix_01.xlsx")]
    assert (sipd["Perangkat Daerah"], sipd["Dokumen"], sipd["Tahun"]) == ("Dinas Tenaga Kerja Kota Balikpapan",
                                                                          "Renja", 2025)
    lkjip = berkas.loc[str(folder.root / "wilayah_03" / "lkjip_2016_dinas_perhubungan.xlsx")]
    assert (lkjip["Perangkat Daerah"], lkjip["Dokumen"], lkjip["Tahun"]) == ("Dinas Perhubungan", "LKjIP", 2016)
    program = _rekap(pool_run["rekap"], "Pagu Program")
    kesehatan = program[program["Berkas"].str.endswith("renja_2022_dinas_kesehatan.xlsx")]
    assert kesehatan["Pagu n (Rp)"].sum() == RENJA_PAGU_N and set(kesehatan["Kode"]) >= {"2.07.01", "2.07.02"}
    side = _rekap(pool_run["rekap"], "Program x PD").set_index("Kode")
    assert {"Dinas Kesehatan", "Dinas Pendidikan", "Jumlah (Rp)"} <= set(side.columns)
    assert side.loc["2.07.01", "Dinas Kesehatan"] == 6_762_282_300


def test_the_rekap_has_formats_frozen_headers_links_and_a_native_chart(pool_run):
    from openpyxl import load_workbook

    book = load_workbook(pool_run["rekap"])
    assert book.sheetnames == ["Ringkasan", "Temuan per PD", "Pagu PD", "Pagu Program", "Program x PD", "Temuan",
                               "Lintas Berkas", "Tidak Terbaca", "Tentang"]
    for ws in book.worksheets:
        assert ws.freeze_panes in ("B2", "C2") and ws["A1"].font.bold
        assert ws.auto_filter.ref
    ringkasan = book["Ringkasan"]
    headers = [c.value for c in ringkasan[1]]
    pagu = ringkasan.cell(2, headers.index("Pagu n (Rp)") + 1)
    assert pagu.number_format == "#,##0"
    temuan = book["Temuan"]
    link = temuan.cell(2, [c.value for c in temuan[1]].index("Tautan") + 1)
    assert link.hyperlink.target.endswith(".xlsx") and link.hyperlink.location == link.value and "!" in link.value
    target = (pool_run["rekap"].parent / link.hyperlink.target.replace("%20", " ")).resolve()
    assert target.is_file()
    charts = book["Temuan per PD"]._charts
    assert len(charts) == 1 and charts[0].tagname == "barChart" and len(charts[0].series) == 3


def test_cross_file_checks_pagu_against_the_ceiling_and_one_kode_with_two_names(folder, pool_run):
    lintas = _rekap(pool_run["rekap"], "Lintas Berkas")
    rules = dict(zip(lintas["Aturan"], lintas["Pesan"]))
    over = lintas[lintas["Aturan"] == "RXL951"]
    assert len(over) == 1 and "Dinas Kesehatan" in over["Pesan"].iloc[0] and "sebesar Rp 215.966.320" in \
        over["Pesan"].iloc[0]
    assert "Dinas Pendidikan" in lintas[lintas["Aturan"] == "RXL952"]["Pesan"].iloc[0]
    assert "Dinas Pariwisata" in rules["RXL954"]
    renamed = lintas[(lintas["Aturan"] == "RXL955") & lintas["Pesan"].str.contains(RENAMED_TO, regex=False)]
    assert len(renamed) == 1 and RENAMED_FROM in renamed["Pesan"].iloc[0]
    assert renamed["Berkas"].iloc[0] == str(folder.renamed) and renamed["Kode"].iloc[0] == "2.07.02"
    pagu = _rekap(pool_run["rekap"], "Pagu PD").set_index("Perangkat Daerah")
    assert pagu.loc["Dinas Kesehatan", "Status"] == "melebihi"
    assert pagu.loc["Dinas Kesehatan", "Pagu indikatif (Rp)"] == 9_000_000_000
    assert pagu.loc["Dinas Pariwisata", "Status"] == "tanpa berkas Renja"


def test_csv_and_parquet_rekap_hold_the_same_tables(folder, pool_run, tmp_path):
    for fmt in ("csv", "parquet"):
        target = tmp_path / f"rekap_{fmt}"
        code = _run(["check", str(folder.root), "--no-output", "--format", "json", "--rekap", str(target),
                     "--rekap-format", fmt, "--pagu-pd", str(pool_run["ceiling"]), "--cache", str(pool_run["cache"])],
                    tmp_path / "o.json", tmp_path / "e.txt")
        assert code == 2
        assert {p.name for p in target.iterdir()} == {f"{k}.{fmt}" for k in (
            "berkas", "temuan_pd", "pagu_pd", "pagu_program", "program_pd", "temuan", "lintas_berkas",
            "tidak_terbaca")}
        read = pd.read_csv if fmt == "csv" else pd.read_parquet
        berkas = read(target / f"berkas.{fmt}")
        expected = _rekap(pool_run["rekap"], "Ringkasan")
        assert list(berkas["Berkas"]) == list(expected["Berkas"])
        assert list(berkas["Kesalahan"]) == list(expected["Kesalahan"])
        assert len(read(target / f"temuan.{fmt}")) == len(_rekap(pool_run["rekap"], "Temuan"))


# --- 2. resumable -------------------------------------------------------------------------------------


def test_a_rerun_takes_everything_from_the_cache_and_changed_files_only_are_checked(folder, reference, tmp_path):
    import shutil

    from openpyxl import load_workbook

    work = tmp_path / "lagi"
    shutil.copytree(folder.root, work)
    out, err = tmp_path / "o.json", tmp_path / "e.txt"
    args = ["check", str(work), "--jobs", "2", "--format", "json", "--no-output", "--progress"]
    first = time.perf_counter()
    assert _run(args, out, err) == 2
    first = time.perf_counter() - first
    assert (work / ".renja-xl-cache").is_dir()          # beside the inputs, never in the package
    assert "0 dari tembolok" in err.read_text(encoding="utf-8")
    again = time.perf_counter()
    assert _run(args, out, err) == 2
    again = time.perf_counter() - again
    assert "200 dari tembolok" in err.read_text(encoding="utf-8")   # unusable files too: their reason is kept
    for report in json.loads(out.read_text(encoding="utf-8")):
        expected = dict(reference[str(folder.root / Path(report["file"]).relative_to(work))])
        expected["file"] = report["file"]
        assert report == expected
    assert again < first / 3, (first, again)
    # three files fixed: only they are checked again
    for k, name in enumerate(("wilayah_00/renja_2022_dinas_kesehatan.xlsx", "wilayah_01/renja_2022_dinas_pendidikan.xlsx",
                              "wilayah_02/renja_2022_dinas_sosial.xlsx")):
        book = load_workbook(work / name)
        book["T2.1 Evaluasi Renja"]["H32"] = 0.736 + k / 1000
        book.save(work / name)
    assert _run(args, out, err) == 2
    assert "197 dari tembolok" in err.read_text(encoding="utf-8")
    fixed = [r for r in json.loads(out.read_text(encoding="utf-8")) if "renja_2022_dinas_kesehatan" in r["file"]][0]
    assert fixed["summary"]["error"] < reference[str(folder.root / "wilayah_00/renja_2022_dinas_kesehatan.xlsx")][
        "summary"]["error"]


def test_changed_settings_are_a_miss(folder, tmp_path):
    import shutil

    work = tmp_path / "pengaturan"
    (work / "a").mkdir(parents=True)
    for p in folder.files[:6]:
        shutil.copyfile(p, work / "a" / p.name)
    out, err = tmp_path / "o.json", tmp_path / "e.txt"
    args = ["check", str(work), "--jobs", "1", "--format", "json", "--no-output", "--progress"]
    _run(args, out, err)
    _run(args, out, err)
    assert "6 dari tembolok" in err.read_text(encoding="utf-8")
    (work / "a" / "renja-xl.ini").write_text("[renja_xl:rules:RXL409]\nenabled = false\n", encoding="utf-8")
    _run(args, out, err)
    assert "0 dari tembolok" in err.read_text(encoding="utf-8")
    assert not any(f["rule"] == "RXL409" for r in json.loads(out.read_text()) for f in r.get("findings", []))


# --- 5. the same tasks on a Dask cluster ---------------------------------------------------------------


def test_a_dask_local_cluster_gives_the_same_rekap(folder, pool_run, tmp_path):
    distributed = pytest.importorskip("distributed")
    rekap = tmp_path / "rekap_dask.xlsx"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) \
            as cluster:
        code = _run(["check", str(folder.root), "--dask", cluster.scheduler_address, "--no-output", "--no-cache",
                     "--format", "json", "--rekap", str(rekap), "--pagu-pd", str(pool_run["ceiling"])],
                    tmp_path / "o.json", tmp_path / "e.txt")
    assert code == 2
    assert json.loads((tmp_path / "o.json").read_text(encoding="utf-8")) == pool_run["json"]
    for sheet in ("Ringkasan", "Temuan per PD", "Pagu PD", "Pagu Program", "Program x PD", "Temuan", "Lintas Berkas",
                  "Tidak Terbaca"):
        ours, theirs = _rekap(rekap, sheet), _rekap(pool_run["rekap"], sheet)
        if sheet == "Ringkasan":
            ours, theirs = ours.drop(columns=["Detik", "Status"]), theirs.drop(columns=["Detik", "Status"])
        pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)


# --- Ctrl-C ----------------------------------------------------------------------------------------------


def test_ctrl_c_stops_cleanly_keeping_what_was_finished(folder, tmp_path):
    rekap = tmp_path / "sebagian.xlsx"
    cache = tmp_path / "tembolok"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    command = [sys.executable, "-m", "renja_xl.cli", "check", str(folder.root), "--jobs", "2", "--no-output",
               "--rekap", str(rekap), "--cache", str(cache)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               cwd=Path(__file__).parent.parent, start_new_session=True)
    seen = 0
    for line in process.stdout:   # the first files' findings are out: the run is well under way
        if ": " in line and " tabel, " in line:
            seen += 1
            if seen == 3:
                os.killpg(process.pid, signal.SIGINT)   # Ctrl-C reaches the whole process group, workers too
                break
    rest, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "dihentikan (Ctrl-C)" in err
    done = int(err.split("dihentikan (Ctrl-C): ")[1].split(" dari ")[0])
    assert 3 <= done < 200
    berkas = _rekap(rekap, "Ringkasan")
    assert len(berkas) == done
    tentang = _rekap(rekap, "Tentang").set_index("Keterangan")
    assert "dihentikan" in tentang.loc["Keadaan", "Nilai"]
    assert sum(1 for _ in cache.rglob("*.json")) >= done   # what was finished is kept: a re-run resumes


# --- the progress bar and the runner -----------------------------------------------------------------------


def test_the_progress_bar_shows_files_findings_and_the_slowest_file():
    import io

    from rich.console import Console

    from renja_xl.batch.progress import BarProgress, wanted
    from renja_xl.batch.result import FileResult
    from renja_xl.rules.base import Finding, Location, Severity

    assert wanted(None, 200, io.StringIO()) is False      # not a terminal: no bar
    assert wanted(None, 1, type("T", (), {"isatty": lambda self: True})()) is False
    assert wanted(None, 2, type("T", (), {"isatty": lambda self: True})()) is True
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=200, color_system=None)
    finding = Finding("RXL101", "x", Severity.ERROR, "m", (Location("S", "A1"),))
    with BarProgress(3, console=console) as bar:
        bar.update(FileResult(file="a.xlsx", findings=[finding] * 4, seconds=0.2))
        bar.update(FileResult(file="Renja [lambat]\x1b[31m.xlsx", findings=[finding], seconds=2.5))
        bar.update(FileResult(file="c.xlsx", error="rusak", seconds=0.1))
    shown = screen.getvalue()
    assert "3/3" in shown and "5 temuan" in shown and "1 tak terbaca" in shown
    assert "Renja [lambat]\\x1b[31m.xlsx (2,5 s)" in shown


class _FakeBackend:
    """Completes submitted tasks in a scrambled order, and records how many were in flight."""

    name, slots = "fake", 2

    def __init__(self):
        from concurrent.futures import Future

        self.Future = Future
        self.pending = []
        self.most = 0

    def submit(self, task):
        future = self.Future()
        future.task = task
        self.pending.append(future)
        return future

    def wait_any(self, pending):
        future = max(pending, key=lambda f: hash(f.task.path) % 7)
        from renja_xl.batch.result import FileResult

        future.set_result(FileResult(file=future.task.path))
        return {future}

    def outcome(self, future, task):
        return future.result()

    def cancel(self, pending):
        pass

    def close(self, wait_for_running=True):
        pass


def test_the_runner_hands_results_on_in_input_order_with_a_bounded_window():
    from renja_xl.batch.result import FileResult
    from renja_xl.batch.runner import Runner
    from renja_xl.batch.worker import Task

    backend = _FakeBackend()
    held = []
    runner = Runner(backend, on_done=lambda r: held.append(len(runner.pending) + len(runner.buffer)), window=5)
    items = [Task(path=f"f{i}.xlsx") if i % 4 else FileResult(file=f"f{i}.xlsx", cached=True) for i in range(100)]
    out = [r.file for r in runner.results(items)]
    assert out == [f"f{i}.xlsx" for i in range(100)]
    assert max(held) <= 5   # never more than the window in flight or waiting: memory flat in the number of files


def test_a_dask_chunk_that_fails_costs_only_the_file_that_fails_again(folder, monkeypatch):
    """Files travel to Dask workers in chunks; a chunk lost with its worker is retried file by file."""
    distributed = pytest.importorskip("distributed")
    from renja_xl.batch import runner as runner_module
    from renja_xl.batch.worker import Task

    original = runner_module.check_task

    def fragile(task):
        if "dinas_sosial" in task.path:
            raise RuntimeError("pekerja hilang")   # what future.result() raises for a KilledWorker
        return original(task)

    monkeypatch.setattr(runner_module, "check_task", fragile)   # in-process workers: the chunk calls it too
    chosen = files_with_a_failing_one(folder, 10)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) \
            as cluster:
        backend = runner_module.DaskBackend(cluster.scheduler_address, files=len(chosen))
        backend.chunk = 4   # what 100 files or more get (12 files on 2 threads: chunks of 1)
        results = list(runner_module.Runner(backend).results([Task(path=str(p)) for p in chosen]))
    only_the_failing_file_is_lost(chosen, results, "RuntimeError di klaster Dask")
