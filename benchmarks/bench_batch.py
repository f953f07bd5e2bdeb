"""``renja-xl check DIR`` at scale (issue 12): throughput, per-file cost, memory, Dask, the cache.

    python benchmarks/bench_batch.py [--files 200] [--repeat 5] [--memory-files 50,200,800]

The folder is the tests' (tests/batch_material.py): 200 workbooks copied from the two
examples (the real Renja and LKjIP, 7 and 9 tables, 36-39 KB) and the 16 layouts of
other agencies and SIPD, in 11 subfolders, 5 of them unusable. Every timing runs in a
fresh process, ``--format json`` into /dev/null and ``--no-output`` (the checked copies
are not what is measured).

Targets (issue 12):
* files/s with 2 local workers >= 1.8x files/s with 1 (the machine has 2 cores);
* per-file cost of a batch run with 1 worker <= 1.1x the single-file check of the same
  files (the same ``read_and_check`` and JSON report, one file after another, in one
  process);
* peak memory flat in the number of files (50, 200 and 800 files), with ``--rekap`` too;
* a Dask LocalCluster (2 worker processes, 1 thread each; started, and renja-xl imported
  on its workers, before the clock, as an existing cluster that has served a run has it
  and as the pool's processes have it from their parent) >= 0.9x the local pool's files/s
  at 2 processes;
* a re-run with every file in the cache <= 0.05x the first run (time inside the
  command; the interpreter's start-up, the same for both, is printed beside it).

The 2 cores are shared with other engineers' work, so every timing kind takes turns with
the others (the order rotated each round) and the medians are compared; the load average
is printed at the start, during the rounds and at the end, and two calibrations measure
what the machine gives at that moment: two processes of plain Python arithmetic against
one, and two independent processes each checking half the files (no batch machinery at
all) against one process checking them all — the most 2 batch processes could reach. Beside the
wall times, the CPU seconds of the whole process tree inside the clock (the command, its
pool processes, or the Dask scheduler, nannies and workers) give the cost per file, which
the other engineers' load does not change much: that is where an overhead would show.
Peak memory is VmHWM (the kernel's high-water mark of each process's own pages).

Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PRELUDE = (f"import sys, time, os, json\nsys.path.insert(0, {str(ROOT)!r})\n"
           "from renja_xl.cli import main\nimport renja_xl.batch.command, renja_xl.batch.runner, renja_xl.io.files\n"
           "from renja_xl.rules import all_rules\nall_rules()\n"
           "import psutil\n"
           # CPU seconds of this process, of its children already reaped (the pool's processes, joined at its end)
           # and of its live descendants (a Dask cluster's nannies and workers): the work done, whatever the load
           "def cpu():\n"
           "    t = os.times()\n"
           "    total = t.user + t.system + t.children_user + t.children_system\n"
           "    for c in psutil.Process().children(recursive=True):\n"
           "        try:\n"
           "            ct = c.cpu_times()\n"
           "            total += ct.user + ct.system\n"
           "        except psutil.Error:\n"
           "            pass\n"
           "    return total\n"
           # the peak resident memory of this process, as the kernel keeps it (never ru_maxrss: exec carries the
           # forking parent's size over)
           "def peak_kb():\n"
           "    return int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n")
# a batch run: the time and the CPU of the process tree inside main(), peak memory of this process
BATCH = PRELUDE + (
    "sys.stdout = open(os.devnull, 'w')\nc = cpu()\nt = time.perf_counter()\ncode = main(ARGS)\n"
    "t = time.perf_counter() - t\nc = cpu() - c\nsys.stdout = sys.__stdout__\n"
    "print(json.dumps({'seconds': t, 'cpu': c, 'code': code, 'peak_self_kb': peak_kb()}))")
# the single-file check, one file after another: settings beside each file, read_and_check, its JSON report
SINGLE = PRELUDE + (
    "from pathlib import Path\nfrom renja_xl.io.files import read_and_check\nfrom renja_xl.report import FileReport\n"
    "from renja_xl.rules import find_config\nfrom renja_xl.errors import RenjaXLError\n"
    "out = open(os.devnull, 'w')\nc = cpu()\nt = time.perf_counter()\n"
    "for name in FILES:\n"
    "    path = Path(name)\n"
    "    try:\n"
    "        _, tables, found = read_and_check(path, find_config(path))\n"
    "        report = FileReport(file=name, tables=tables, findings=found)\n"
    "    except RenjaXLError as exc:\n"
    "        report = FileReport(file=name, error=str(exc))\n"
    "    out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))\n"
    "t = time.perf_counter() - t\nc = cpu() - c\n"
    "print(json.dumps({'seconds': t, 'cpu': c}))")
# an existing cluster of 2 worker processes (1 thread each), which has served a run before: started, and renja-xl
# imported on its workers (as the pool's processes have it from the parent), before the clock
DASK = PRELUDE + (
    "from distributed import Client, LocalCluster\nfrom renja_xl.batch.runner import warm_worker\n"
    "if __name__ == '__main__':\n"
    "    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:\n"
    "        with Client(cluster.scheduler_address) as client:\n"
    "            client.run(warm_worker)\n"
    "        ARGS += ['--dask', cluster.scheduler_address]\n"
    "        sys.stdout = open(os.devnull, 'w')\n"
    "        c = cpu()\n"
    "        t = time.perf_counter()\n"
    "        code = main(ARGS)\n"
    "        t = time.perf_counter() - t\n"
    "        c = cpu() - c\n"
    "        sys.stdout = sys.__stdout__\n"
    "        print(json.dumps({'seconds': t, 'cpu': c, 'code': code}))\n")


def _peak_kb(pid: int) -> int:
    """A live process's peak resident memory so far (VmHWM), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return int(next(line.split()[1] for line in status if line.startswith("VmHWM")))
    except (OSError, StopIteration, ValueError):
        return 0


def run(driver: str, **values) -> dict:
    """The driver in a fresh process; its result, its wall time and the peak memory of its worker processes
    (their VmHWM read from outside every 20 ms: a thread inside would change how the pool starts)."""
    import psutil

    script = _script(driver, values)
    workers_peak = 0
    try:
        began = time.perf_counter()
        process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, cwd=ROOT)
        watched = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                workers_peak = max([workers_peak] + [_peak_kb(c.pid) for c in watched.children(recursive=True)])
            except psutil.Error:
                pass
            time.sleep(0.02)
        out, err = process.communicate()
        wall = time.perf_counter() - began
    finally:
        script.unlink()
    result = _outcome(process, out, err)
    result["wall"] = wall
    result["workers_peak_kb"] = workers_peak
    return result


def _script(driver: str, values: dict) -> Path:
    """The driver with its values, as a temporary script."""
    code = "".join(f"{k} = {v!r}\n" for k, v in values.items())
    script = Path(tempfile.mkstemp(suffix=".py", prefix="bench_batch_")[1])
    script.write_text(driver.replace("all_rules()\n", "all_rules()\n" + code, 1), encoding="utf-8")
    return script


def _outcome(process, out: str, err: str) -> dict:
    if process.returncode != 0:
        raise SystemExit(f"driver failed:\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def side_by_side(driver: str, values: list) -> list:
    """The driver in one fresh process per set of values, all at once; their results."""
    scripts = [_script(driver, v) for v in values]
    try:
        processes = [subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, cwd=ROOT) for script in scripts]
        return [_outcome(process, *process.communicate()) for process in processes]
    finally:
        for script in scripts:
            script.unlink()


BURN = ("import time, json\nfrom concurrent.futures import ProcessPoolExecutor\n"
        "def burn(n):\n    s = 0\n    for i in range(n):\n        s += i * i\n    return s\n"
        "if __name__ == '__main__':\n    work = [2_000_000] * 12\n"
        "    t = time.perf_counter(); [burn(n) for n in work]; one = time.perf_counter() - t\n"
        "    with ProcessPoolExecutor(2) as pool:\n        list(pool.map(burn, [1]))\n"
        "        t = time.perf_counter(); list(pool.map(burn, work)); two = time.perf_counter() - t\n"
        "    print(json.dumps({'one': one, 'two': two}))\n")


def calibration() -> float:
    """What 2 processes give over 1 on this machine now, for pure Python arithmetic (2.0 on two idle cores)."""
    done = subprocess.run([sys.executable, "-c", BURN], capture_output=True, text=True, check=True)
    times = json.loads(done.stdout)
    return times["one"] / times["two"]


def halves(files: list) -> dict:
    """Two independent single-file-check processes at once, each on half the files: the slower one's time, and the
    CPU of both."""
    both = side_by_side(SINGLE, [{"FILES": files[0::2]}, {"FILES": files[1::2]}])
    return {"seconds": max(r["seconds"] for r in both), "cpu": sum(r["cpu"] for r in both)}


def check_args(folder: Path, *extra: str) -> list:
    return ["check", str(folder), "--format", "json", "--no-output", "--no-progress", *extra]


def median(values: list) -> float:
    return statistics.median(values)


def load() -> str:
    """The machine's load average (1, 5, 15 minutes) and what other processes use the CPU now."""
    import psutil

    one, five, fifteen = os.getloadavg()
    return f"beban {one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 menit), CPU {psutil.cpu_percent(interval=0.5):.0f}%"


def spread(runs: list, key: str = "seconds") -> str:
    return ", ".join(f"{r[key]:.2f}" for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--memory-files", default="50,200,800")
    args = parser.parse_args()
    from batch_material import build_folder

    work = Path(tempfile.mkdtemp(prefix="renja_bench_batch_"))
    folder = build_folder(work / "kiriman", total=args.files)
    files = [str(p) for p in folder.files]
    n = len(files)
    sizes = sorted(p.stat().st_size for p in folder.files)
    print(f"{n} buku kerja di {work / 'kiriman'} (median {sizes[n // 2] / 1024:.0f} KB, terbesar "
          f"{sizes[-1] / 1024:.0f} KB); setiap ukuran waktu di proses baru, median dari {args.repeat} putaran "
          "yang jenisnya bergiliran")
    print(f"mesin di awal: {load()}")
    results = []

    # 1 and 2 local processes, the single-file check and a Dask LocalCluster: taking turns, the order rotated
    runs: dict = {"one": [], "two": [], "single": [], "dask": [], "halves": []}
    kinds = {"one": lambda: run(BATCH, ARGS=check_args(folder.root, "--jobs", "1", "--no-cache")),
             "two": lambda: run(BATCH, ARGS=check_args(folder.root, "--jobs", "2", "--no-cache")),
             "single": lambda: run(SINGLE, FILES=files),
             "dask": lambda: run(DASK, ARGS=check_args(folder.root, "--no-cache")),
             # what two cores give this very work now: two independent processes, each checking half the files
             "halves": lambda: halves(files)}
    idle, loads = [], []
    order = list(kinds)
    for turn in range(args.repeat):
        idle.append(calibration())
        for kind in order[turn % len(order):] + order[:turn % len(order)]:
            runs[kind].append(kinds[kind]())
        loads.append(os.getloadavg()[0])
    print(f"mesin selama putaran: beban 1 menit {', '.join(f'{x:.2f}' for x in loads)}; 2 proses aritmetika Python "
          f"murni = {', '.join(f'{x:.2f}' for x in idle)}x 1 proses (2,0 bila kedua inti menganggur; pengembang lain "
          "menjalankan tes di mesin yang sama)")
    t1, t2, ts, td = (median([r["seconds"] for r in runs[k]]) for k in ("one", "two", "single", "dask"))
    c1, c2, cs, cd = (median([r["cpu"] for r in runs[k]]) for k in ("one", "two", "single", "dask"))
    for label, kind, t, c in (("1 proses  ", "one", t1, c1), ("2 proses  ", "two", t2, c2),
                              ("Dask 2 pr.", "dask", td, cd), ("satu-satu ", "single", ts, cs)):
        print(f"{label} {t:6.2f} s  {n / t:6.1f} berkas/s  CPU {1000 * c / n:5.1f} ms/berkas   (semua putaran "
              f"{spread(runs[kind])} s)")
    speedup = t1 / t2
    th = median([r["seconds"] for r in runs["halves"]])
    ideal = [a["seconds"] / b["seconds"] for a, b in zip(runs["single"], runs["halves"])]
    pairs = [f"{a['seconds'] / b['seconds']:.2f} (mesin {m:.2f})" for a, b, m in zip(runs["one"], runs["two"], idle)]
    results.append(speedup >= 1.8)
    print(f"  2 proses / 1 proses: {speedup:.2f}x berkas/s (target >= 1.8) {'OK' if speedup >= 1.8 else 'MISSED'}; "
          f"per putaran {', '.join(pairs)}; yang dapat diberikan mesin saat itu (median kalibrasi) "
          f"{median(idle):.2f}x, jadi {speedup / median(idle):.0%} darinya; CPU per berkas 2 proses / 1 proses "
          f"{c2 / c1:.2f}x (ongkos paralel: 1,00 = tidak ada)")
    print(f"  dua proses mandiri, masing-masing separuh berkas (tanpa renja-xl batch: yang diberikan mesin untuk "
          f"pekerjaan ini): {ts / th:.2f}x satu proses (per putaran {', '.join(f'{x:.2f}' for x in ideal)}); "
          f"2 proses batch mencapai {speedup / (ts / th):.0%} darinya; CPU per berkas dua proses mandiri / satu "
          f"proses {median([r['cpu'] for r in runs['halves']]) / cs:.2f}x")
    cost = t1 / ts
    results.append(cost <= 1.1)
    print(f"  per berkas: batch 1 proses {1000 * t1 / n:.1f} ms, pemeriksaan satu berkas {1000 * ts / n:.1f} ms: "
          f"{cost:.2f}x (target <= 1.1) {'OK' if cost <= 1.1 else 'MISSED'}; CPU {c1 / cs:.2f}x")
    ratio = t2 / td
    results.append(ratio >= 0.9)
    turns = ", ".join(f"{b['seconds'] / a['seconds']:.2f}" for a, b in zip(runs["dask"], runs["two"]))
    print(f"  Dask LocalCluster (2 proses pekerja, 1 utas) / kumpulan proses lokal (2 proses): {ratio:.2f}x berkas/s "
          f"(target >= 0.9) {'OK' if ratio >= 0.9 else 'MISSED'}; per putaran {turns}; CPU per berkas Dask / "
          f"kumpulan {cd / c2:.2f}x (penjadwal, klien dan pekerja Dask semua dihitung)")

    # the cache: a first run, then a re-run with every file in it, taking turns
    cache = work / "tembolok"
    firsts, agains = [], []
    for _ in range(args.repeat):
        shutil.rmtree(cache, ignore_errors=True)
        firsts.append(run(BATCH, ARGS=check_args(folder.root, "--jobs", "2", "--cache", str(cache))))
        agains.append(run(BATCH, ARGS=check_args(folder.root, "--jobs", "2", "--cache", str(cache))))
    tf, ta = median([r["seconds"] for r in firsts]), median([r["seconds"] for r in agains])
    wf, wa = median([r["wall"] for r in firsts]), median([r["wall"] for r in agains])
    cached = ta / tf
    results.append(cached <= 0.05)
    print(f"tembolok: pertama {tf:.2f} s, ulang {ta:.3f} s: {cached:.3f}x (target <= 0.05) "
          f"{'OK' if cached <= 0.05 else 'MISSED'}; seluruh proses {wf:.2f} s dan {wa:.2f} s ({wa / wf:.3f}x, awal "
          f"Python dan impor termasuk)")

    # memory against the number of files: 2 processes, no cache; with the rekap as well
    memory = []
    for count in (int(c) for c in args.memory_files.split(",")):
        target = work / f"memori_{count}"
        if not target.exists():
            target.mkdir()
            copied = 0
            while copied < count:
                for p in folder.files:
                    if copied >= count:
                        break
                    dest = target / f"salinan_{copied // n:02d}" / p.relative_to(folder.root)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(p, dest)
                    copied += 1
        plain = run(BATCH, ARGS=check_args(target, "--jobs", "2", "--no-cache"))
        rekap = run(BATCH, ARGS=check_args(target, "--jobs", "2", "--no-cache", "--rekap", str(work / "r.xlsx")))
        memory.append((count, plain["peak_self_kb"], plain["workers_peak_kb"], rekap["peak_self_kb"]))
        print(f"{count:5d} berkas: puncak memori proses utama {plain['peak_self_kb'] / 1024:6.1f} MB, satu pekerja "
              f"{plain['workers_peak_kb'] / 1024:6.1f} MB; dengan --rekap proses utama "
              f"{rekap['peak_self_kb'] / 1024:6.1f} MB ({count / plain['seconds']:.1f} berkas/s; rekap "
              f"{rekap['seconds'] - plain['seconds']:+.1f} s)")
    first, last = memory[0], memory[-1]
    flat = last[1] <= first[1] * 1.25 and last[2] <= first[2] * 1.25 and last[3] <= first[3] * 1.25
    results.append(flat)
    print(f"memori {first[0]} -> {last[0]} berkas: proses utama {last[1] / first[1]:.2f}x, pekerja "
          f"{last[2] / first[2]:.2f}x, proses utama dengan --rekap {last[3] / first[3]:.2f}x (target: datar, <= 1.25x)"
          f" {'OK' if flat else 'MISSED'}")
    print(f"mesin di akhir: {load()}")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
