"""Speed of ``renja-xl check`` against openpyxl's bare full load of the same file, in one run.

    python benchmarks/bench_check.py [--rows 10000] [--repeat 3]

Targets (issues #4 and #10):
* check of a 10,000-row Tabel 3.4 takes no longer than ``openpyxl.load_workbook`` of it (ratio <= 1.0);
* check of the bundled Renja example takes at most 1.5x the bare load of the example;
* check of a SIPD Renja matrix (read by column concept, not by a preset; ``--sipd-rows``, default 400,
  built by ``tests/layouts.py`` with urusan/bidang rows, merged cells and repeated page headers) takes
  no longer than the bare load of it (ratio <= 1.0).

"check" here is the validation a user waits for, the same function ``renja-xl check``
calls (:func:`renja_xl.io.files.read_and_check`): reading the file, finding the tables
and running every rule (``--no-output``); writing the checked copy is measured and
printed too, for information. Every timing runs in a fresh process (cold caches, as a
user's run; every import and our bytecode compiled before the clock starts, as pip does
for openpyxl), best of ``--repeat`` runs taken in turns. The exit code
is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from renja_xl.io.files import load_snapshot  # noqa: E402
from renja_xl.io.template import build_workbook  # noqa: E402
from renja_xl.reader import find_tables  # noqa: E402
from renja_xl.rules import run_checks  # noqa: E402

EXAMPLE = ROOT / "examples" / "renja_2022_disnaker_balikpapan.xlsx"


def make_t34(path: Path, rows: int) -> None:
    """A Renja whose Tabel 3.4 has about ``rows`` consistent data rows: programs, kegiatan, sub kegiatan."""
    wb, layouts = build_workbook("renja", year=2022, data_rows={"renja.t3_4": rows + 600})
    layout = layouts["renja.t3_4"]
    ws = wb["T3.4 Rencana Program"]
    col = layout.columns
    r = layout.first_data_row
    written, program = 0, 0

    def put(row: int, kode: str, name: str, indikator: str, target: str, target_n1: str) -> None:
        for key, value in (("kode", kode), ("uraian", name), ("indikator", indikator), ("lokasi", "Kota Balikpapan"),
                           ("target", target), ("target_n1", target_n1)):
            ws.cell(row, col[key], value)

    while written < rows:
        program += 1
        p_row, p_total = r, [0, 0]
        put(r, f"2.07.{program:02d}", f"PROGRAM {program}", f"Persentase capaian program {program}", "23%", "24%")
        r, written = r + 1, written + 1
        for kegiatan in range(1, 60):
            k_row, k_total = r, [0, 0]
            put(r, f"2.07.{program:02d}.2.{kegiatan:02d}", f"Kegiatan {program}.{kegiatan}",
                f"Persentase layanan kegiatan {program}.{kegiatan}", "80%", "81%")
            r, written = r + 1, written + 1
            for sub in range(1, 11):
                pagu = 1_000_000 * ((program * 7 + kegiatan * 3 + sub) % 50 + 1)
                put(r, f"2.07.{program:02d}.2.{kegiatan:02d}.{sub:04d}", f"Sub kegiatan {program}.{kegiatan}.{sub}",
                    f"Jumlah dokumen {program}.{kegiatan}.{sub} yang disusun", f"{sub} Dok", f"{sub + 1} Dok")
                for key, value in (("pagu", pagu), ("sumber_dana", "APBD Kota"), ("pagu_n1", pagu + 100_000)):
                    ws.cell(r, col[key], value)
                k_total = [k_total[0] + pagu, k_total[1] + pagu + 100_000]
                r, written = r + 1, written + 1
            ws.cell(k_row, col["pagu"], k_total[0])
            ws.cell(k_row, col["pagu_n1"], k_total[1])
            p_total = [p_total[0] + k_total[0], p_total[1] + k_total[1]]
            if written >= rows:
                break
        ws.cell(p_row, col["pagu"], p_total[0])
        ws.cell(p_row, col["pagu_n1"], p_total[1])
    wb.save(path)


# Each timing runs in a fresh Python process (cold caches, as a user's run), importing first
# and timing only the work itself.
DRIVERS = {
    "bare_load": "import openpyxl\nt=time.perf_counter()\nopenpyxl.load_workbook(PATH).close()",
    "check": ("from renja_xl.io.files import read_and_check\nfrom renja_xl.reader import find_tables\n"
              "from renja_xl.rules import all_rules\nimport renja_xl.io.xlsx_reader\nall_rules()\n"
              "t=time.perf_counter()\nread_and_check(PATH)"),
    "check_copy": ("from renja_xl.io.files import read_and_check\nfrom renja_xl.rules import all_rules\n"
                   "from renja_xl.io.checked import write_checked\nimport renja_xl.io.xlsx_reader, openpyxl\n"
                   "all_rules()\nimport pathlib\nt=time.perf_counter()\n"
                   "snap, _, found = read_and_check(PATH)\n"
                   "write_checked(pathlib.Path(PATH), pathlib.Path(OUT), found, 'bench', [s.name for s in snap])"),
}


def timed(kind: str, path: Path, out: Path) -> float:
    code = (f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\nPATH={str(path)!r}\nOUT={str(out)!r}\n"
            + DRIVERS[kind] + "\nprint(time.perf_counter()-t)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def best_pair(path: Path, out: Path, repeat: int) -> tuple[float, float]:
    """Best times of the bare load and of the check, run in turns so that drift hits both alike."""
    base, ours = [], []
    for _ in range(repeat):
        base.append(timed("bare_load", path, out))
        ours.append(timed("check", path, out))
    return min(base), min(ours)


def findings(path: Path) -> int:
    snapshot = load_snapshot(path)
    return len(run_checks(snapshot, find_tables(snapshot)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sipd-rows", type=int, default=400)
    args = parser.parse_args()
    # bytecode for our package, as pip made it for openpyxl (this matters where PYTHONDONTWRITEBYTECODE is set)
    compileall.compile_dir(str(ROOT / "renja_xl"), quiet=1)
    work = Path(tempfile.mkdtemp(prefix="renja_bench_"))
    big = work / "t34_besar.xlsx"
    make_t34(big, args.rows)
    sys.path.insert(0, str(ROOT / "tests"))
    from layouts import sipd_renja_matrix  # the test material: a matrix laid out as SIPD exports it

    sipd = work / "sipd.xlsx"
    sipd_renja_matrix(sipd, rows=args.sipd_rows)
    results = []
    for label, path, target in ((f"Tabel 3.4 {args.rows} baris", big, 1.0), ("contoh Renja", EXAMPLE, 1.5),
                                (f"matriks SIPD {args.sipd_rows} baris", sipd, 1.0)):
        base, ours = best_pair(path, work / "out.xlsx", args.repeat)
        copy = timed("check_copy", path, work / "out.xlsx")
        ratio = ours / base
        results.append(ratio <= target)
        print(f"{label:<24} openpyxl load {base:7.3f} s | check {ours:7.3f} s  ratio {ratio:5.2f} "
              f"(target <= {target}) {'OK' if ratio <= target else 'MISSED'} | check + salinan {copy:7.3f} s "
              f"({copy / base:4.2f}x) | {findings(path)} temuan")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
