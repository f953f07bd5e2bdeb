"""The core runs without Excel libraries: it must install and run under Pyodide (xlwings Lite)."""

import subprocess
import sys


def test_core_imports_neither_pandas_nor_openpyxl_nor_xlwings():
    code = (
        "import sys; import renja_xl.reader, renja_xl.parse, renja_xl.specs, renja_xl.snapshot; "
        "bad = [m for m in ('pandas', 'openpyxl', 'xlwings', 'numpy') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_core_uses_no_threads():
    code = (
        "import sys; import renja_xl.reader, renja_xl.parse, renja_xl.specs; "
        "print('threading' in sys.modules and 'concurrent.futures' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


BUTTON_MODULES = ("renja_xl.excel.buttons", "renja_xl.excel.functions", "renja_xl.excel.client", "renja_xl.excel.writer",
                  "renja_xl.reader", "renja_xl.rules", "renja_xl.compute", "renja_xl.edits", "renja_xl.report")


def test_the_core_the_buttons_call_imports_neither_pandas_nor_openpyxl():
    """Under xlwings Lite every package is a download at start-up: the buttons' code brings none of these."""
    code = (
        "import sys; import xlwings; before = set(sys.modules); "
        f"[__import__(m) for m in {BUTTON_MODULES!r}]; "
        "new = set(sys.modules) - before; "
        "print(','.join(sorted(m for m in new if m.split('.')[0] in ('pandas', 'openpyxl', 'numpy', 'rich', "
        "'defusedxml', 'threading', 'concurrent'))))"
    )
    env = {**__import__("os").environ, "XLWINGS_LICENSE_KEY": "noncommercial"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout.strip()
    assert out == ""


def test_checking_a_workbook_without_report_sheets_imports_none_of_the_report_writers():
    """The reader knows renja-xl's own sheets by name first (renja_xl.sheetnames): a workbook without them is read
    and checked without importing perbaiki, bandingkan or the results sheet's writer (a check of a small file
    paid a fifth of its time for those imports); one with a Hasil Validasi still has it told from a user's sheet."""
    from conftest import RENJA_EXAMPLE

    code = (
        "import sys; from renja_xl.io.files import read_and_check; "
        f"read_and_check({str(RENJA_EXAMPLE)!r}); "
        "print(','.join(m for m in ('renja_xl.perbaiki', 'renja_xl.bandingkan', 'renja_xl.results_sheet') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
