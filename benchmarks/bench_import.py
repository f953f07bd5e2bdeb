"""What the Excel buttons add to a start-up, against ``import openpyxl``, in one run.

    python benchmarks/bench_import.py [--repeat 7]

Target (issue #6): importing the button module and the core it calls, on top of
``import xlwings``, costs at most 1.2x ``import openpyxl``. Under xlwings Lite every
module is loaded when the workbook opens, so this is the user's wait. Each timing runs
in a fresh process with bytecode compiled (as pip leaves installed packages); the best
of ``--repeat`` runs, taken in turns. Exit code 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUTTONS = ("renja_xl.excel.buttons", "renja_xl.excel.functions", "renja_xl.excel.client", "renja_xl.excel.writer",
           "renja_xl.reader", "renja_xl.rules", "renja_xl.compute", "renja_xl.edits", "renja_xl.report")

DRIVERS = {
    "openpyxl": "t=time.perf_counter()\nimport openpyxl\nprint(time.perf_counter()-t)",
    "buttons": ("import xlwings\nt=time.perf_counter()\n" + "".join(f"import {m}\n" for m in BUTTONS)
                + "import renja_xl.rules\nrenja_xl.rules.all_rules()\nprint(time.perf_counter()-t)"),
}


def timed(kind: str) -> float:
    code = f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\n" + DRIVERS[kind]
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "renja_xl"), quiet=1)
    base, ours = [], []
    for _ in range(args.repeat):
        base.append(timed("openpyxl"))
        ours.append(timed("buttons"))
    ratio = min(ours) / min(base)
    print(f"import openpyxl {min(base) * 1000:6.1f} ms | tombol + inti (di atas import xlwings) "
          f"{min(ours) * 1000:6.1f} ms | rasio {ratio:4.2f} (target <= 1.2) {'OK' if ratio <= 1.2 else 'MISSED'}")
    return 0 if ratio <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
