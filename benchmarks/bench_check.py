"""Speed and memory of ``renja-xl check`` against openpyxl's bare load of the same file, measured in one run.

    python benchmarks/bench_check.py [--rows 10000] [--big-rows 100000] [--repeat 5] [--big-repeat 3]

The workbook is the bundled Renja with its Tabel 3.4 grown to ``--rows`` rows by repeating
the example's own rows (69 rows, every real error of the document in them): about 17,000
findings at 10,000 rows, so the checked copy carries a long Hasil Validasi, capped marks
and notes. Targets (issue #14), each a ratio to a baseline measured in the same run:

* ``check`` with the copy (``--format json``, the default ``<nama>_diperiksa.xlsx``) <= 1.0x openpyxl's load;
* ``check --no-output --format json`` <= 0.5x openpyxl's load;
* ``check --format text`` (with the copy) <= 1.1x the same run with ``--format json``;
* ``check`` with the copy of ``--big-rows`` rows <= 11x the ``--rows`` time (linear, not worse);
* peak memory of ``check`` with the copy <= openpyxl's read-only load of the file (every row iterated);
  beside it each side's interpreter and imports alone (nothing read), and what each run holds above them.

Printed without a target: a Tabel 3.4 of ``--rows`` rows whose names all differ, with a
Tabel 3.2 of 120 rows (:func:`make_t34`), read and checked, against its bare load:
what the check pays per distinct name, which the example's repeated rows hide.

Earlier targets are kept, measured as they were (``read_and_check``: reading, tables and
rules, no output): the bundled Renja example <= 1.5x its bare load, a SIPD Renja matrix
read by column concept (``--sipd-rows``) <= 1.0x.

Times are the run's own processor time (user and system), the wall time printed beside: on
a shared machine wall time varies with the neighbours' work. Every timing runs in a fresh
process (cold caches, as a user's run), every import and our
bytecode compiled before the clock starts (as pip does for openpyxl); the command is
``renja_xl.cli.main`` itself with its output sent to a file. The kinds of run take turns
(bare load, no copy, copy json, copy text, …) ``--repeat`` times and the medians are
compared, so that a machine busy with other work slows every kind alike: each ratio is the
median of the rounds' own ratios (the two runs of a round share that minute of the
machine), the ratio of the medians printed beside it. The load of the machine
(``os.getloadavg``) is printed before and after. The exit code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from renja_xl.io.template import build_workbook  # noqa: E402

EXAMPLE = ROOT / "examples" / "renja_2022_disnaker_balikpapan.xlsx"
T34_PART = "xl/worksheets/sheet8.xml"          # 'T3.4 Rencana Program' in the example
T34_FIRST, T34_LAST, T34_TOTAL = 7, 75, 76      # its data rows and its TOTAL PAGU row


def make_t34_from_example(path: Path, rows: int) -> int:
    """The Renja example with its Tabel 3.4 data rows repeated to ``rows`` rows (then its TOTAL PAGU row).

    Written straight into the package (the rows renumbered as text), so a 100,000-row
    workbook takes seconds to make. Returns the number of data rows written.
    """
    with zipfile.ZipFile(EXAMPLE) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts[T34_PART].decode("utf-8")
    found = {int(m.group(1)): m.group(0) for m in re.finditer(r'<row r="(\d+)".*?</row>', xml, re.S)}
    start, end = xml.index("<sheetData>") + len("<sheetData>"), xml.index("</sheetData>")

    def template(row: int) -> str:
        text = found[row].replace("\x00", "")
        text = re.sub(r'(<row r=")\d+(")', lambda m: m.group(1) + "\x00" + m.group(2), text, count=1)
        return re.sub(r'(<c r="[A-Z]+)\d+(")', lambda m: m.group(1) + "\x00" + m.group(2), text)

    block = [template(r) for r in range(T34_FIRST, T34_LAST + 1)]
    total = template(T34_TOTAL)
    out = [found[r] for r in sorted(found) if r < T34_FIRST]
    number = T34_FIRST
    while number - T34_FIRST < rows:
        for line in block:
            out.append(line.replace("\x00", str(number)))
            number += 1
    out.append(total.replace("\x00", str(number)))
    body = xml[:start] + "".join(out) + xml[end:]
    body = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:O{number}"', body, count=1)
    body = body.replace('sqref="H7:H81"', f'sqref="H7:H{number}"')
    parts[T34_PART] = body.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return number - T34_FIRST


def make_t34(path: Path, rows: int, t32_rows: int = 0) -> None:
    """A Renja whose Tabel 3.4 has about ``rows`` consistent data rows: programs, kegiatan, sub kegiatan, every
    name and indicator its own; with ``t32_rows``, a Tabel 3.2 of that many programs and kegiatan whose names
    differ from them (what a check pays per distinct name: the example's rows repeat 69 names).

    (The test material of the Excel side's large-sheet tests; the benchmark itself uses
    :func:`make_t34_from_example`.)
    """
    wb, layouts = build_workbook("renja", year=2022, data_rows={"renja.t3_4": rows + 600,
                                                                **({"renja.t3_2": t32_rows} if t32_rows else {})})
    if t32_rows:
        t32 = layouts["renja.t3_2"]
        sheet = wb["T3.2 Kebutuhan Program"]
        for n in range(1, t32_rows + 1):
            for key, value in (("uraian", f"Program {n % 17 + 1} kegiatan {n}"),
                               ("indikator", f"Jumlah dokumen {n % 17 + 1}.{n}.{n % 10 + 1} yang disusun"),
                               ("target", f"{n % 9 + 1} Dok"), ("pagu", 1_000_000 * n)):
                sheet.cell(t32.first_data_row + n - 1, t32.columns[key], value)
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


# Each timing runs in a fresh Python process, importing first and timing only the work itself; each prints
# its seconds and its peak resident memory (kB) on the last line. What a kind's work imports as it runs is
# imported before the clock starts, for both sides alike (openpyxl's modules for its load, ours for the command):
# the list is found by doing the same work once on the bundled example in a fresh process (:func:`work_imports`),
# so it follows the code (rich only for the text report, which alone uses it: a JSON run never imports it).
_CLI = ("from renja_xl.cli import main\nfrom renja_xl.rules import all_rules\nall_rules()\n"
        "sys.stdout = open(OUT + '.txt', 'w')\nt=time.perf_counter()\n")
WORK = {
    "bare_load": "import openpyxl\nt=time.perf_counter()\nopenpyxl.load_workbook(PATH).close()",
    "read_only": ("import openpyxl\nt=time.perf_counter()\nb=openpyxl.load_workbook(PATH, read_only=True)\n"
                  "for ws in b.worksheets:\n    for row in ws.iter_rows(values_only=True): pass\nb.close()"),
    "core": ("from renja_xl.io.files import read_and_check\nfrom renja_xl.rules import all_rules\n"
             "all_rules()\nt=time.perf_counter()\nread_and_check(PATH)"),
    "check": _CLI + "main(['check', PATH, '--no-output', '--format', 'json', '--jobs', '1'])",
    "copy_json": _CLI + "main(['check', PATH, '-o', OUT, '--format', 'json', '--jobs', '1'])",
    "copy_text": _CLI + "main(['check', PATH, '-o', OUT, '--format', 'text', '--jobs', '1'])",
}
# what the memory rows stand on: each side's interpreter and imports, nothing read
FLOORS = {"imports": "copy_json", "openpyxl_import": "read_only"}
DRIVERS: dict = {}   # kind -> the driver's code, its imports first (made by :func:`prepare_drivers`)


def work_imports(kind: str, out: Path) -> list[str]:
    """The modules a kind's work imports as it runs, beyond what its driver imports before the clock: found by
    doing that work once on the bundled example, in a fresh process."""
    code = (f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\nPATH={str(EXAMPLE)!r}\n"
            f"OUT={str(out.with_name('imports_' + out.name))!r}\n"
            + WORK[kind].replace("t=time.perf_counter()", "before = set(sys.modules)")
            + "\nsys.stdout = sys.__stdout__\nprint(' '.join(sorted(set(sys.modules) - before)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{kind} failed on the example: {result.stderr[-2000:]}")
    return result.stdout.split()


def prepare_drivers(out: Path) -> None:
    """Each kind's driver: its work, with what that work imports as it runs imported before the clock starts."""
    for kind, work in WORK.items():
        modules = work_imports(kind, out)
        preload = f"import importlib\nfor name in {modules!r}:\n    importlib.import_module(name)\n"
        DRIVERS[kind] = work.replace("t=time.perf_counter()", preload + "t=time.perf_counter()", 1)
    for floor, kind in FLOORS.items():
        DRIVERS[floor] = DRIVERS[kind].split("t=time.perf_counter()")[0] + "t=time.perf_counter()"


def timed(kind: str, path: Path, out: Path) -> tuple[float, int]:
    """(seconds, peak resident kB) of one run of ``kind`` in a fresh process."""
    out = out.with_name(f"{kind}_{out.name}")
    # the peak is VmHWM, the high-water mark of the process's own memory: ru_maxrss would start at the size of this
    # (forking) process, which Linux carries across exec
    code = (f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\nPATH={str(path)!r}\nOUT={str(out)!r}\n"
            + DRIVERS[kind].replace("t=time.perf_counter()", "t=time.perf_counter(); c=time.process_time()")
            + "\nseconds=time.perf_counter()-t\ncpu=time.process_time()-c\nsys.stdout=sys.__stdout__\n"
            "print(seconds, cpu, next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{kind} failed: {result.stderr[-2000:]}")
    seconds, cpu, peak = result.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(cpu), int(peak)


def medians(kinds: list, path: Path, out: Path, repeat: int) -> dict:
    """{kind: (median processor seconds, median peak kB, [processor seconds…], median wall seconds)}, the kinds
    taking turns ``repeat`` times.

    The ratios are of processor time (the run's own user and system time): on a machine shared
    with other work, wall time measures the neighbours as much as the run (runs of one kind
    varied threefold here under a load of 3 on 2 cores), processor time far less. On a quiet
    machine the two agree for this single-threaded work; both are printed.
    """
    runs: dict = {kind: [] for kind in kinds}
    for _ in range(repeat):
        for kind in kinds:
            runs[kind].append(timed(kind, path, out))
    return {kind: (statistics.median(c for _, c, _ in r), statistics.median(p for _, _, p in r), [c for _, c, _ in r],
                   statistics.median(s for s, _, _ in r))
            for kind, r in runs.items()}


def paired(m: dict, kind: str, base: str) -> tuple[float, str]:
    """(median of the rounds' own ratios ``kind / base``, the ratios for the report line).

    Each round runs every kind once, one after the other, so the two runs of a round share
    the machine's state of that minute; on this shared host a run's processor time varies by
    a quarter from one minute to the next, and the ratio within a round varies less than
    the ratio of two medians taken over different minutes.
    """
    ratios = [a / b for a, b in zip(m[kind][2], m[base][2])]
    return statistics.median(ratios), "rounds: " + " ".join(f"{r:.2f}" for r in ratios)


def _load() -> str:
    try:
        return "load " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"
    except OSError:
        return "load unknown"


def _row(label: str, value: float, target: float, detail: str) -> bool:
    ok = value <= target
    print(f"  {label:<46} {value:6.2f}x  (target <= {target:g})  {'OK' if ok else 'MISSED'}   {detail}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--big-rows", type=int, default=100_000, help="0: leave the linearity run out")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--big-repeat", type=int, default=3)
    parser.add_argument("--sipd-rows", type=int, default=400)
    args = parser.parse_args()
    # bytecode for our package, as pip made it for openpyxl (this matters where PYTHONDONTWRITEBYTECODE is set)
    compileall.compile_dir(str(ROOT / "renja_xl"), quiet=1)
    work = Path(tempfile.mkdtemp(prefix="renja_bench_"))
    out = work / "hasil.xlsx"
    prepare_drivers(out)
    big = work / "t34_besar.xlsx"
    written = make_t34_from_example(big, args.rows)
    print(f"{_load()}; Tabel 3.4 of {written} rows from the example's rows ({big.stat().st_size // 1024} KB)")
    ok = []
    m = medians(["bare_load", "core", "check", "copy_json", "copy_text", "read_only"], big, out, args.repeat)
    base = m["bare_load"][0]
    copy = out.with_name(f"copy_json_{out.name}")
    findings = _findings(copy)
    print(f"  medians of {args.repeat}, processor time: openpyxl load {base:.3f} s, check {m['check'][0]:.3f} s, "
          f"with the copy {m['copy_json'][0]:.3f} s (json) / {m['copy_text'][0]:.3f} s (text); {findings} findings; copy "
          f"{copy.stat().st_size // 1024} KB")
    print(f"  (wall time: openpyxl load {m['bare_load'][3]:.3f} s, check {m['check'][3]:.3f} s, with the copy "
          f"{m['copy_json'][3]:.3f} s / {m['copy_text'][3]:.3f} s)")
    ratio, rounds = paired(m, "check", "bare_load")
    ok.append(_row("check without the copy / openpyxl load", ratio, 0.5,
                   f"{rounds} (medians' ratio {m['check'][0] / base:.2f})"))
    print(f"    of which reading, finding the tables and the rules (read_and_check): {m['core'][0]:.3f} s "
          f"({m['core'][0] / base:.2f}x); the JSON of {findings} findings and the command: "
          f"{m['check'][0] - m['core'][0]:.3f} s; the copy: {m['copy_json'][0] - m['check'][0]:.3f} s")
    ratio, rounds = paired(m, "copy_json", "bare_load")
    ok.append(_row("check with the copy / openpyxl load", ratio, 1.0,
                   f"{rounds} (medians' ratio {m['copy_json'][0] / base:.2f})"))
    ratio, rounds = paired(m, "copy_text", "copy_json")
    ok.append(_row("--format text / --format json (both with the copy)", ratio, 1.1,
                   f"{rounds} (medians' ratio {m['copy_text'][0] / m['copy_json'][0]:.2f})"))
    ok.append(_row("peak memory, check with the copy / openpyxl read-only", m["copy_json"][1] / m["read_only"][1], 1.0,
                   f"{m['copy_json'][1] // 1024} MB against {m['read_only'][1] // 1024} MB (no copy: "
                   f"{m['check'][1] // 1024} MB)"))
    floors = medians(["imports", "openpyxl_import"], big, out, 3)
    print(f"    of which the interpreter and its imports, nothing read: renja-xl {floors['imports'][1] // 1024} MB, "
          f"openpyxl {floors['openpyxl_import'][1] // 1024} MB; what the run holds above them: "
          f"{(m['copy_json'][1] - floors['imports'][1]) // 1024} MB (no copy "
          f"{(m['check'][1] - floors['imports'][1]) // 1024} MB) against "
          f"{(m['read_only'][1] - floors['openpyxl_import'][1]) // 1024} MB")
    if args.big_rows:
        huge = work / "t34_sangat_besar.xlsx"
        written_big = make_t34_from_example(huge, args.big_rows)
        # the large and the small check take turns, as every other pair here: each round's ratio compares two runs
        # of the same minutes of the machine (measured apart, a change in the machine's speed between the two
        # parts showed as a 15x "ratio" of code that was 8.5x)
        large, small = [], []
        for _ in range(args.big_repeat):
            large.append(timed("copy_json", huge, out))
            small.append(timed("copy_json", big, out))
        scale = written_big / written
        ratios = [a[1] / b[1] for a, b in zip(large, small)]
        print(f"  {written_big} rows: check with the copy {statistics.median(c for _, c, _ in large):.2f} s, "
              f"{written} rows {statistics.median(c for _, c, _ in small):.2f} s; peak "
              f"{statistics.median(p for _, _, p in large) // 1024} MB")
        ok.append(_row(f"{written_big} rows / {written} rows, check with the copy", statistics.median(ratios),
                       1.1 * scale, f"(linear would be {scale:g}x) rounds: " + " ".join(f"{r:.2f}" for r in ratios)))
    sys.path.insert(0, str(ROOT / "tests"))
    from layouts import sipd_renja_matrix  # the test material: a matrix laid out as SIPD exports it

    sipd = work / "sipd.xlsx"
    sipd_renja_matrix(sipd, rows=args.sipd_rows)
    for label, path, target in (("contoh Renja, read_and_check / openpyxl load", EXAMPLE, 1.5),
                                (f"matriks SIPD {args.sipd_rows} baris, read_and_check / openpyxl", sipd, 1.0)):
        r = medians(["bare_load", "core"], path, out, args.repeat)
        ratio, _ = paired(r, "core", "bare_load")
        ok.append(_row(label, ratio, target, f"{r['core'][0]:.3f} s against {r['bare_load'][0]:.3f} s"))
    distinct = work / "t34_nama_berbeda.xlsx"
    make_t34(distinct, args.rows, t32_rows=120)
    r = medians(["bare_load", "core"], distinct, out, args.repeat)
    ratio, _ = paired(r, "core", "bare_load")
    print(f"  Tabel 3.4 of {args.rows} rows whose names all differ, with a Tabel 3.2 of 120 rows, read_and_check / "
          f"openpyxl load {ratio:.2f}x (no target; {r['core'][0]:.3f} s against {r['bare_load'][0]:.3f} s)")
    print(f"  {_load()} after")
    return 0 if all(ok) else 1


def _findings(copy: Path) -> int:
    """The findings of the last run, as its Hasil Validasi counts them (the JSON went to a file)."""
    import json

    try:
        data = json.loads((copy.parent / (copy.name + ".txt")).read_text(encoding="utf-8"))
        return len(data[0]["findings"])
    except (OSError, ValueError, KeyError, IndexError):
        return -1


if __name__ == "__main__":
    sys.exit(main())
