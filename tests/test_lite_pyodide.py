"""The xlwings Lite script under a real Pyodide (the npm ``pyodide`` package, under Node), on both examples.

`.ci/run` installs the pinned npm package into ``build/pyodide``; :file:`tests/lite_pyodide.mjs`
loads it, mounts xlwings as installed here (Lite installs the same version from
requirements.txt) and the ``main.py`` that ``renja-xl lite`` writes, which carries renja_xl
itself (nothing else of renja_xl is there: the test checks it ran from main.py's own copy),
and plays Excel: the client reads xlwings' remote engine sends from Pyodide answered as
xlwings documents them. The scripts and functions are called as xlwings Lite calls them.
Periksa and Hitung must leave exactly what ``renja-xl check -o`` and ``renja-xl fill``
write; the worksheet functions must answer as under CPython.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import xlwings
from openpyxl import load_workbook

from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE, ROOT
from renja_xl.cli import main
from xlwings_client import _fill_hex, apply_actions, payload, same_as_checked_copy, same_as_filled

from pasted import build_pasted
from test_buttons_settings import RULES_INI, RULES_SHEET, _with_sheet

PYODIDE = Path(os.environ.get("RENJA_XL_PYODIDE", ROOT / "build" / "pyodide" / "node_modules" / "pyodide"))
HARNESS = Path(__file__).resolve().parent / "lite_pyodide.mjs"
EXAMPLES = {"renja": RENJA_EXAMPLE, "lkjip": LKJIP_EXAMPLE}
FUNCTIONS = [("renja_capaian", [85, 100], 85.0), ("renja_capaian", ["4.300 Pencaker", "4.000"], 107.5),
             ("renja_capaian", [12, 10, "Negatif"], 80.0), ("renja_predikat", [92], "Sangat Tinggi"),
             ("renja_angka", ["61,91%"], 61.91), ("renja_kode", ["2 .07 .05 2:03"], "2.07.05.2.03")]


def _excel_side(workbook, name: str) -> dict:
    """The book data xlwings Lite loads for a script, and what Excel answers of formats, colours and formulas."""
    formats, fills, formulas = {}, {}, {}
    for ws in workbook.worksheets:
        formats[ws.title] = [[c.number_format for c in row] for row in ws.iter_rows(min_row=1, min_col=1)]
        fills[ws.title] = [[_fill_hex(c) for c in row] for row in ws.iter_rows(min_row=1, min_col=1)]
        formulas[ws.title] = [["" if c.value is None else c.value for c in row]
                              for row in ws.iter_rows(min_row=1, min_col=1)]
    return {"book": payload(workbook, name), "formats": formats, "fills": fills, "formulas": formulas}


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory):
    _needs_pyodide()
    folder = tmp_path_factory.mktemp("pyodide")
    jobs, books = [], {}
    for example, source in EXAMPLES.items():
        for script in ("periksa", "hitung"):
            workbook = load_workbook(source)
            books[(example, script)] = workbook
            jobs.append({"kind": "script", "name": script, **_excel_side(workbook, source.name)})
    big = _big_tabel_3_4(folder)
    books[("t34", "periksa")] = load_workbook(big)
    jobs.append({"kind": "script", "name": "periksa", **_excel_side(books[("t34", "periksa")], big.name)})
    for example in EXAMPLES:  # Perbaiki on the example with every number pasted as text
        source = build_pasted(example, folder / f"{example}_tempel.xlsx")
        books[(example + "_tempel", "perbaiki")] = workbook = load_workbook(source)
        jobs.append({"kind": "script", "name": "perbaiki", **_excel_side(workbook, source.name)})
    conf = _with_sheet(folder / "renja_pengaturan.xlsx", RULES_SHEET)   # rules switched in the renja_xl.conf sheet
    books[("renja_conf", "periksa")] = workbook = load_workbook(conf)
    jobs.append({"kind": "script", "name": "periksa", **_excel_side(workbook, conf.name)})
    jobs += [{"kind": "function", "name": name, "args": args} for name, args, _ in FUNCTIONS]
    out = _run_pyodide(folder, jobs)
    results = iter(out["results"])
    scripts = {key: next(results) for key in books}
    functions = [next(results) for _ in FUNCTIONS]
    print(f"Pyodide {out['pyodide']} (Python {out['python']}): {out['ms']} ms for {len(jobs)} jobs, "
          f"of which {scripts[('t34', 'periksa')]['ms']} ms Periksa on the 10,000-row Tabel 3.4")
    return {"books": books, "scripts": scripts, "functions": functions, "out": out, "big": big, "conf": conf}


def _needs_pyodide() -> None:
    if shutil.which("node") is None or not (PYODIDE / "pyodide.js").exists():
        if os.environ.get("CI"):
            pytest.fail(f"Pyodide is missing ({PYODIDE}): .ci/run installs it with npm")
        pytest.skip("Pyodide not installed: npm install --prefix build/pyodide pyodide (see .ci/run)")


def _run_pyodide(folder: Path, jobs: list, tag: str = "") -> dict:
    """Run ``jobs`` in one Node process under the real Pyodide, with the main.py ``renja-xl lite`` writes."""
    lite = folder / "lite"
    if not (lite / "main.py").exists():
        assert main(["lite", "--out", str(lite)]) == 0
    spec = {"pyodide": str(PYODIDE), "xlwings": str(Path(xlwings.__file__).parent), "lite": str(lite), "jobs": jobs}
    (folder / f"jobs{tag}.json").write_text(json.dumps(spec, default=str))
    done = subprocess.run(["node", str(HARNESS), str(folder / f"jobs{tag}.json"), str(folder / f"out{tag}.json")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads((folder / f"out{tag}.json").read_text())


def _big_tabel_3_4(folder: Path) -> Path:
    """A Renja whose Tabel 3.4 has 10,000 rows (benchmarks/bench_check.py), one kode roll-up wrong."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_check import make_t34

    path = folder / "t34.xlsx"
    make_t34(path, 10_000)
    workbook = load_workbook(path)
    ws = workbook["T3.4 Rencana Program"]
    cell = next(c for row in ws.iter_rows(min_row=5000) for c in row if isinstance(c.value, int))
    cell.value += 7
    workbook.save(path)
    return path


def _applied(run, example, script):
    workbook, result = run["books"][(example, script)], run["scripts"][(example, script)]
    alerts = [a["args"] for a in result["actions"] if a["func"] == "alert"]
    apply_actions(workbook, [a for a in result["actions"] if a["func"] != "alert"])
    return workbook, alerts, result


def test_pyodide_is_the_real_one_and_renja_xl_came_inside_main_py(pyodide_run):
    assert pyodide_run["out"]["python"].endswith("emscripten")
    assert pyodide_run["out"]["renja_xl"].startswith("/tmp/renja_xl-")     # unpacked from main.py


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_periksa_under_pyodide_leaves_what_check_writes(pyodide_run, example, tmp_path, capsys):
    main(["check", str(EXAMPLES[example]), "-o", str(tmp_path / "diperiksa.xlsx")])
    workbook, alerts, result = _applied(pyodide_run, example, "periksa")
    assert len(alerts) == 1 and alerts[0][3] == "info" and "Catatan" not in alerts[0][0], alerts
    assert result["calls"]["getRangeData"] > 0      # formats and colours were asked of "Excel"
    same_as_checked_copy(workbook, load_workbook(tmp_path / "diperiksa.xlsx"))


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_hitung_under_pyodide_writes_what_fill_writes(pyodide_run, example, tmp_path, capsys):
    main(["fill", str(EXAMPLES[example]), "-o", str(tmp_path / "terisi.xlsx")])
    workbook, alerts, _ = _applied(pyodide_run, example, "hitung")
    assert len(alerts) == 1 and alerts[0][3] == "info" and "Catatan" not in alerts[0][0], alerts
    same_as_filled(workbook, load_workbook(tmp_path / "terisi.xlsx"))


def test_a_10000_row_tabel_3_4_under_pyodide_gives_the_findings_of_check(pyodide_run, tmp_path, capsys):
    main(["check", str(pyodide_run["big"]), "-o", str(tmp_path / "diperiksa.xlsx")])
    workbook, alerts, result = _applied(pyodide_run, "t34", "periksa")
    assert len(alerts) == 1 and alerts[0][0].startswith("1 kesalahan") and "Catatan" not in alerts[0][0], alerts
    expected = load_workbook(tmp_path / "diperiksa.xlsx")["Hasil Validasi"]
    assert [list(r) for r in workbook["Hasil Validasi"].iter_rows(values_only=True)] == [
        list(r) for r in expected.iter_rows(values_only=True)]
    assert result["calls"]["getRangeData"] < 60


def test_the_worksheet_functions_under_pyodide(pyodide_run):
    assert [r["value"] for r in pyodide_run["functions"]] == [expected for _, _, expected in FUNCTIONS]


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_perbaiki_under_pyodide_writes_what_the_command_writes(pyodide_run, example, tmp_path, capsys):
    from test_excel_perbaiki import same_sheets_as_perbaiki

    source = tmp_path / f"{example}_tempel.xlsx"
    build_pasted(example, source)
    assert main(["perbaiki", str(source), "-o", str(tmp_path / "diperbaiki.xlsx")]) == 0
    expected = load_workbook(tmp_path / "diperbaiki.xlsx")
    workbook, alerts, _ = _applied(pyodide_run, example + "_tempel", "perbaiki")
    assert len(alerts) == 1 and "diganti rumus" in alerts[0][0] and "Catatan" not in alerts[0][0], alerts
    assert workbook.sheetnames == expected.sheetnames
    assert [ws.sheet_state for ws in workbook] == [ws.sheet_state for ws in expected]
    same_sheets_as_perbaiki(workbook, expected)


def test_periksa_under_pyodide_reads_the_settings_sheet_as_check_reads_renja_xl_ini(pyodide_run, tmp_path, capsys):
    (tmp_path / "aturan.ini").write_text(RULES_INI, encoding="utf-8")
    main(["check", str(pyodide_run["conf"]), "--config", str(tmp_path / "aturan.ini"), "-o",
          str(tmp_path / "diperiksa.xlsx")])
    workbook, alerts, _ = _applied(pyodide_run, "renja_conf", "periksa")
    assert len(alerts) == 1 and alerts[0][0].endswith("Pengaturan dibaca dari lembar renja_xl.conf."), alerts
    same_as_checked_copy(workbook, load_workbook(tmp_path / "diperiksa.xlsx"))


def test_simpan_versi_then_bandingkan_under_pyodide_lists_what_bandingkan_lists(tmp_path, capsys):
    """In xlwings Lite the older version is the one Simpan Versi kept: saved, the ten scripted changes made by hand,
    then Bandingkan; its sheet Perubahan is the command's (``renja-xl bandingkan`` on the two files)."""
    from test_bandingkan import scripted_changes
    from test_buttons_bandingkan import COUNTS, make_versions, same_changes

    _needs_pyodide()
    old, _, expected = make_versions(tmp_path)
    workbook = load_workbook(old)
    for step, script in enumerate(("simpan_versi", "bandingkan")):
        if script == "bandingkan":
            scripted_changes(workbook)            # the user's edits, after the version was kept
        out = _run_pyodide(tmp_path, [{"kind": "script", "name": script, **_excel_side(workbook, old.name)}], str(step))
        actions = out["results"][0]["actions"]
        alerts = [a["args"] for a in actions if a["func"] == "alert"]
        apply_actions(workbook, [a for a in actions if a["func"] != "alert"])
        assert len(alerts) == 1 and alerts[0][3] == "info", alerts
    assert alerts[0][0].startswith("Dibandingkan dengan versi yang disimpan ")
    assert "{berubah} isian berubah, {ditambah} baris ditambah, {dihapus} baris dihapus; {temuan} perubahan".format(
        **COUNTS) in alerts[0][0]
    assert workbook["renja-xl-versi"].sheet_state == "hidden"
    same_changes(workbook, expected)
