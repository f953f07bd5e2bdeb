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
