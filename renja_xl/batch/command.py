"""``renja-xl check FILE|DIR…``: one file or a province's folder, the same findings for each file.

Every file is checked by :func:`renja_xl.batch.worker.check_task` — the same
:func:`~renja_xl.io.files.read_and_check` and checked copy as always — inline for one
file or ``--jobs 1``, else on a process pool of ``--jobs`` processes (all cores by
default) or on a Dask cluster (``--dask ADDRESS``). Results are handed on in input
order and written out as they come (text, JSON streamed), to the cache, to the rekap's
spool and to the cross-file checks; nothing keeps a workbook once its file is done.

``--max-seconds`` bounds each file here (a folder of thousands takes longer than any
one budget, and one slow file must not cost the others their check).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..errors import InputError, RenjaXLError
from ..rules.config import CheckConfig
from .result import FileResult

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _err(message: str) -> None:
    from ..render import terminal_text

    print(f"renja-xl: {terminal_text(message)}", file=sys.stderr)


class JsonStream:
    """The JSON list of the files' objects, written one element at a time (never the whole list held).

    One file: its object a key per line, each table and finding on a line of its own
    (:func:`~renja_xl.report.json_lines`). Many files: one object per line (``[``, a line
    per file, ``]``), for grep and ``jq -c``. Both by the C encoder, a piece at a time.
    """

    def __init__(self, out=None, compact: bool = False):
        self.out = out
        self.count = 0
        self.compact = compact

    def add(self, report) -> None:
        """Write one file's :class:`~renja_xl.report.FileReport`."""
        from ..report import json_lines

        out = self.out or sys.stdout
        out.write("[\n" if self.count == 0 else ",\n")
        if self.compact:
            out.write(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            for lines in json_lines(report.json_fields(encoded=True)):   # a list's items a few hundred at a time
                out.write(lines)
                out.write("\n")
        out.flush()
        self.count += 1

    def finish(self) -> None:
        out = self.out or sys.stdout
        out.write("[]\n" if self.count == 0 else ("\n]\n" if self.compact else "]\n"))
        out.flush()


class _DeferredInterrupt:
    """Ctrl-C while one result is being written out takes effect once it is written (never half a spool record)."""

    def __enter__(self):
        import signal
        import threading

        self.hit, self.previous = False, None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._note)
        return self

    def _note(self, signum, frame) -> None:
        self.hit = True

    def __exit__(self, *exc):
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        if self.hit and exc[0] is None:
            raise KeyboardInterrupt
        return False


class _Settings:
    """Per-file settings (``renja-xl.ini`` beside each file, or ``--config``) and their cache fingerprint."""

    def __init__(self, args, limits):
        self.explicit = Path(args.config) if args.config else None
        self.nomenklatur = args.nomenklatur
        self.limits = limits
        self._fingerprints: dict = {}
        self._configs: dict = {}

    def of(self, path: Path):
        """(config, nomenclature) for a file: found once per folder (renja-xl.ini beside it), a wrong one raises."""
        from ..rules import find_config

        folder = path.parent
        if folder not in self._configs:
            if len(self._configs) > 4096:
                self._configs.clear()
            try:
                self._configs[folder] = find_config(path, self.explicit)
            except RenjaXLError as exc:
                self._configs[folder] = exc
        config = self._configs[folder]
        if isinstance(config, RenjaXLError):
            raise config
        return config, self.nomenklatur or config.nomenclature_file

    def across(self, inputs) -> CheckConfig:
        """The settings of the checks across files (RXL951-956): ``--config``, else ``renja-xl.ini`` in the folder
        holding every input, else in the current folder."""
        from ..rules import find_config
        from .inputs import common_folder

        return find_config(common_folder(inputs) / "*", self.explicit)

    def fingerprint(self, config, nomenclature) -> str:
        from .cache import settings_fingerprint

        key = (config.source, nomenclature, config.units_file, config.columns_file)
        if key not in self._fingerprints:
            self._fingerprints[key] = settings_fingerprint(config, nomenclature, self.limits.max_cells)
        return self._fingerprints[key]


def _copy_is_current(result: FileResult, target: Path, source: Path) -> bool:
    try:
        return result.output == str(target) and target.stat().st_mtime_ns >= source.stat().st_mtime_ns
    except OSError:
        return False


def run_check(args, limits) -> int:
    from ..render import ReportPrinter
    from .inputs import expand
    from .progress import progress_for, wanted
    from .runner import Runner, default_jobs, make_backend
    from .worker import Task, file_sha256

    started = time.perf_counter()
    rekap_path = Path(args.rekap) if args.rekap else None
    files = expand(args.files, exclude=[rekap_path, args.pagu_pd])
    if not files:
        raise InputError("Tidak ada berkas .xlsx/.xlsm yang ditemukan pada masukan yang diberikan.")
    if args.output and len(files) > 1:
        raise InputError("--output hanya untuk satu berkas; untuk banyak berkas, salinan diperiksa ditulis di samping "
                         "masing-masing.")
    if args.nomenklatur:   # one list for every file: read once here, so that a wrong one is one sentence
        from ..io.nomenclature import load_nomenclature

        load_nomenclature(args.nomenklatur)
    ceilings = None
    if args.pagu_pd:
        from .crossfile import load_ceilings

        ceilings = load_ceilings(args.pagu_pd)
    spool = None
    if rekap_path is not None:
        from .rekap import Spool, require_pandas

        require_pandas()
        spool = Spool()
    from .crossfile import CrossFile

    settings = _Settings(args, limits)
    cross = CrossFile(ceilings, settings.across(args.files))
    batch = len(files) > 1
    cache = None
    if batch and not args.no_cache:
        from .cache import ResultCache, default_location

        cache = ResultCache(Path(args.cache) if args.cache else default_location(args.files))
    jobs = args.jobs or default_jobs()
    fingerprints: dict = {}   # shown path -> settings fingerprint (the cache's, when there is one)
    keys: dict = {}           # shown path -> cache key
    to_check = len(files)
    if cache is not None:     # what the cache already has: a re-run of an unchanged folder starts no process
        to_check = 0
        for path in files:
            shown = str(path)
            try:
                config, nomenclature = settings.of(path)
            except RenjaXLError:
                continue
            fingerprints[shown] = settings.fingerprint(config, nomenclature)
            sha = file_sha256(shown)
            keys[shown] = ResultCache.key(sha, fingerprints[shown], path) if sha else None
            to_check += keys[shown] is None or not cache.has(keys[shown]) or not args.no_output
    backend = make_backend(jobs, args.dask, to_check)

    def items():
        for path in files:
            shown = str(path)
            try:
                config, nomenclature = settings.of(path)
            except RenjaXLError as exc:
                yield FileResult(file=shown, error=str(exc), error_kind=type(exc).__name__)
                continue
            output = None if args.no_output else (args.output or "")
            task = Task(path=str(path.resolve()) if args.dask else shown, display=shown, config=config,
                        nomenclature=nomenclature, limits=limits, output=output, max_seconds=args.max_seconds or None,
                        debug=args.debug, digest=cache is not None or spool is not None,
                        across=batch or spool is not None or ceilings is not None)
            if cache is not None:
                hit = cache.get(keys[shown]) if keys.get(shown) else None
                if hit is not None:
                    hit.file, hit.cached, hit.seconds = shown, True, 0.0
                    if output is None:
                        hit.output = None
                        yield hit
                        continue
                    from ..io.write import plan_output

                    try:
                        target = plan_output(path, Path(output) if output else None, "_diperiksa", False)
                    except RenjaXLError:
                        target = None
                    if target is not None and _copy_is_current(hit, target, path):
                        yield hit
                        continue
            yield task

    show = wanted(args.progress, len(files))
    progress = progress_for(len(files), show)
    interrupted = False

    def done(result: FileResult) -> None:
        with _DeferredInterrupt():   # Ctrl-C while a result goes into the cache: it goes in whole first
            progress.update(result)
            if cache is not None and not result.cached and result.file in fingerprints:
                cache.put(ResultCache.key(result.sha256, fingerprints[result.file], result.file), result)

    runner = Runner(backend, on_done=done)
    status = {"unusable": False, "errors": False, "files": 0}
    # one file checked in this process: the collector stays paused (as the check pauses it) until its report is
    # written and the findings are let go, which frees them as they go; resumed earlier, a collection would first
    # walk the tens of thousands of findings still held (the check and its copy leave nothing in cycles)
    from contextlib import nullcontext

    from ..io.files import paused_gc

    with progress, (paused_gc() if not batch and backend.name == "inline" else nullcontext()):
        printer = ReportPrinter(detail=getattr(args, "rinci", False)) if args.format == "text" else None
        stream = JsonStream(compact=batch) if args.format == "json" else None

        def consume(result: FileResult) -> None:
            status["files"] += 1
            if result.error is not None:
                _err(result.error)
                if args.debug and result.detail:
                    print(result.detail, file=sys.stderr)
                status["unusable"] = True
            status["errors"] = status["errors"] or result.has_errors
            if printer is not None:
                printer.add(result.report())
            if stream is not None:
                stream.add(result.report())
            if spool is not None:
                spool.add(result)
            cross.add(result)

        try:
            for result in runner.results(items()):
                with _DeferredInterrupt():   # a result is written out whole: output, spool, counts
                    consume(result)
                del result   # written out: its findings go now
        except KeyboardInterrupt:
            interrupted = True
            for result in runner.stop():
                with _DeferredInterrupt():
                    consume(result)
        finally:
            runner.close()   # after an error of the output (a full disk, a closed pipe): no process left behind
    try:
        cross_findings = cross.findings() if batch or ceilings is not None else []
        if any(f.severity == "error" for f in cross_findings):
            status["errors"] = True
        notes = []
        if spool is not None:
            from . import rekap

            tables = rekap.build_tables(spool, cross, rekap.base_of(rekap_path, args.rekap_format))
            info = rekap.about(args.files, status["files"], progress.unusable, interrupted,
                               time.perf_counter() - started)
            written = rekap.write_rekap(tables, rekap_path, args.rekap_format, info)
            notes.append(f"rekap ditulis: {written[0] if len(written) == 1 else written[0].parent} "
                         f"({len(tables['berkas'])} berkas, {len(tables['temuan'])} temuan"
                         f"{', ' + str(len(tables['lintas_berkas'])) + ' temuan lintas berkas' if cross_findings else ''})")
    finally:
        if spool is not None:
            spool.close()
    elapsed = time.perf_counter() - started
    if batch:
        rate = progress.done / elapsed if elapsed > 0 else 0.0
        how = {"inline": "1 proses", "pool": f"{backend.slots} proses", "dask": f"klaster Dask ({backend.slots} utas)"}
        stats = (f"berkas: {progress.done} dari {len(files)} ({progress.unusable} tidak terbaca, {progress.cached} "
                 f"dari tembolok), {_id(elapsed)} detik, {_id(rate)} berkas/detik dengan {how[backend.name]}; "
                 f"terlama: {progress.slowest_text()}")
        if stream is None or show:   # JSON on stdout: stderr holds only the files' sentences, unless on a terminal
            notes.append(stats)
    if stream is not None:   # one object per file, as always: the cross-file findings are in the text and the rekap
        stream.finish()
        for note in notes:
            _err(note)
    else:
        printer.add_across(cross_findings, _cross_line)
        for note in notes:
            printer.line(note)
        printer.finish()
    if interrupted:
        _err(f"dihentikan (Ctrl-C): {status['files']} dari {len(files)} berkas selesai dan disimpan"
             f"{' di rekap' if spool is not None else ''}; jalankan lagi untuk melanjutkan"
             f"{' (berkas yang selesai diambil dari tembolok)' if cache is not None else ''}.")
        return EXIT_INTERRUPTED
    if status["unusable"]:
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if status["errors"] else EXIT_OK


def _id(value: float) -> str:
    """``12,3``: one decimal, Indonesian notation."""
    return f"{value:.1f}".replace(".", ",")


def _cross_line(f):
    """A finding across files as the text report prints it, with the file (and cell) it is about."""
    from ..render import STYLES, _line
    from ..rules.base import Severity

    where = f" [{Path(f.file).name}" + (f" {f.sheet}!{f.cell}" if f.sheet else "") + "]" if f.file else ""
    severity = Severity(f.severity)
    return _line((f"    {f.rule}  ", ""), (f"{severity.label:<10}", STYLES[severity]), (f" {f.message}{where}", ""))


def check_file(path: Path, args, limits):
    """One file as a :class:`~renja_xl.report.FileReport` (the errors as exceptions, as before)."""
    from ..rules import find_config
    from .worker import Task, check_task

    config = find_config(path, Path(args.config) if args.config else None)
    task = Task(path=str(path), config=config, nomenclature=args.nomenklatur or config.nomenclature_file,
                limits=limits, output=None if args.no_output else (args.output or ""), debug=args.debug)
    result = check_task(task)
    if result.error is not None:
        raise InputError(result.error)
    return result.report()

