"""Running the per-file tasks: inline, on a standard-library process pool, or on a Dask cluster.

No scheduler of our own: the pool is :class:`concurrent.futures.ProcessPoolExecutor`
(``forkserver`` where there is one: a clean parent for every worker, never a fork of a
process holding threads), the cluster is ``dask.distributed``. What this module adds is
the flow around them:

* **a bounded window**: at most ``window`` files are submitted or finished-but-not-yet-
  handed-on at any time, so memory does not grow with the number of files;
* **input order**: results are handed on in the order of the inputs (text and JSON
  output are the same whatever the number of workers), while ``on_done`` hears of each
  file the moment it is finished (the progress bar);
* **cache hits** enter the stream without being submitted (and a re-run whose files are
  all in the cache starts no process: see :func:`make_backend`);
* **a crashed worker** (killed by the system, out of memory) costs one file at most:
  the pool is renewed and each file it held is retried alone in a fresh process;
  a file that kills its process again is a row with that reason;
* **Ctrl-C**: :meth:`Runner.stop` cancels what has not started, lets the files at work
  finish (pool processes ignore Ctrl-C; a second Ctrl-C does not wait), and hands on
  every finished result.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from .result import FileResult
from .worker import Task, check_task, pool_initializer


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def crashed(task: Task, why: str) -> FileResult:
    return FileResult(file=task.path, error=f"Pemeriksaan berkas '{Path(task.path).name}' terhenti: proses "
                                            f"pemeriksanya berhenti ({why}); berkas lain tetap diperiksa.",
                      error_kind="crashed")


class InlineBackend:
    """Each task in this process, when submitted (``--jobs 1``, one file)."""

    name = "inline"
    slots = 1

    def submit(self, task: Task) -> Future:
        future: Future = Future()
        future.set_result(check_task(task))
        return future

    def wait_any(self, pending) -> set:
        return {f for f in pending if f.done()}

    def outcome(self, future, task: Task) -> Optional[FileResult]:
        return future.result()

    def cancel(self, pending) -> None:
        pass

    def close(self, wait_for_running: bool = True) -> None:
        pass


def _context(fork: bool = False):
    """How pool processes start: ``fork`` only when asked and no other thread exists (nothing can be held by a
    thread that does not exist in the child), else ``forkserver`` (a clean parent), else ``spawn``."""
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if fork and sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["renja_xl.batch.worker", "renja_xl.io.files", "renja_xl.rules"])
        return context
    return multiprocessing.get_context("spawn")


class PoolBackend:
    """A :class:`~concurrent.futures.ProcessPoolExecutor` of ``jobs`` processes.

    On Linux the processes are forked at once, before the progress bar starts its thread
    (a fork costs milliseconds and the children have renja-xl imported already); a pool
    renewed later, when threads run, starts from a fork server instead.
    """

    name = "pool"

    def __init__(self, jobs: int, eager: bool = True):
        self.slots = jobs
        # results are small: a wide window keeps every process busy behind a slow file at the head of the order
        self.window = max(16, 8 * jobs)
        self._pool = None
        if eager:
            warm_worker()   # imported once here rather than in every process
            self._executor(fork=True).submit(int)   # with fork, every process starts on this first submit

    def _executor(self, fork: bool = False):
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.slots, mp_context=_context(fork),
                                             initializer=pool_initializer)
        return self._pool

    def submit(self, task: Task) -> Future:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._executor().submit(check_task, task)
        except BrokenProcessPool:
            self.renew()
            return self._executor().submit(check_task, task)

    def wait_any(self, pending) -> set:
        done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
        return done

    def outcome(self, future, task: Task) -> Optional[FileResult]:
        """The result, or None when the pool broke under it (the runner retries it alone)."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            self.renew()
            return None

    def renew(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def retry_alone(self, task: Task) -> FileResult:
        """One file in a process of its own: a file that kills its process again gets that as its reason."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        with ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=pool_initializer) as solo:
            try:
                return solo.submit(check_task, task).result()
            except BrokenProcessPool:
                return crashed(task, "dihentikan sistem, mungkin kehabisan memori")

    def cancel(self, pending) -> None:
        for future in pending:
            future.cancel()

    def close(self, wait_for_running: bool = True, kill: bool = False) -> None:
        if self._pool is not None:
            if kill:   # a second Ctrl-C: the processes go now
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.terminate()
            self._pool.shutdown(wait=wait_for_running, cancel_futures=True)
            self._pool = None


def check_chunk(tasks: list) -> list:
    """Several files' tasks in one go (one round trip to a Dask worker for a few 15-ms files)."""
    return [check_task(task) for task in tasks]


def warm_worker() -> int:
    """Import what checking a file imports on its first file (the reader, the rules, the rekap's figures, the
    recognition of renja-xl's own report sheets): once in the parent before the pool's processes are forked, so
    that each does not import them again, or on each Dask worker of a cluster."""
    from .. import bandingkan, perbaiki  # noqa: F401  (their report sheets are passed over by the reader)
    from ..io import files  # noqa: F401
    from ..rules import all_rules
    from . import summary  # noqa: F401

    all_rules()
    return os.getpid()


class _Chunk:
    """Files sent to a Dask worker as one task; its results are fetched once and handed out file by file."""

    __slots__ = ("future", "left", "results", "tasks")

    def __init__(self):
        self.tasks: list = []
        self.future = None
        self.results: Optional[list] = None
        self.left = 0


class _Share:
    """One file's place in a chunk: what the runner holds as the file's future."""

    __slots__ = ("chunk", "index")

    def __init__(self, chunk: _Chunk, index: int):
        self.chunk, self.index = chunk, index

    def done(self) -> bool:
        return self.chunk.future is not None and self.chunk.future.done()

    def cancelled(self) -> bool:
        return self.chunk.future is not None and self.chunk.future.cancelled()


class DaskBackend:
    """The same tasks on an existing ``dask.distributed`` cluster; workers read the files, results travel back.

    Files go to the workers in chunks of up to :attr:`CHUNK` (fewer when there are few files
    for the threads): a round trip through the scheduler costs milliseconds, a file takes
    tens of them, so one task per file spends a tenth of the cluster on scheduling. A chunk
    that fails (a worker lost) is not a loss of its files: each is retried alone, and only
    the file that fails again is a row with the reason.
    """

    name = "dask"
    CHUNK = 8

    def __init__(self, address: str, files: int = 0):
        try:
            from distributed import Client
        except ImportError:
            from ..errors import InputError

            raise InputError("--dask memerlukan paket dask[distributed]; pasang dengan: "
                             "pip install 'renja-xl[batch]'") from None
        try:
            self.client = Client(address, timeout="20s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            from ..errors import InputError

            raise InputError(f"Klaster Dask di '{address}' tidak dapat dihubungi ({type(exc).__name__}: {exc}).") \
                from None
        threads = sum(self.client.nthreads().values()) or 1
        self.slots = threads
        # at least four chunks a thread over the run, so that the last chunks end together
        self.chunk = max(1, min(self.CHUNK, files // (4 * threads))) if files else self.CHUNK
        # four chunks a thread in flight or waiting for their turn: the next ones are queued on the worker while
        # one runs, and a slow chunk at the head of the order does not leave the other threads without work
        self.window = max(32, 4 * self.chunk * threads)
        self._open = _Chunk()

    def submit(self, task: Task) -> _Share:
        share = _Share(self._open, len(self._open.tasks))
        self._open.tasks.append(task)
        if len(self._open.tasks) >= self.chunk:
            self._flush()
        return share

    def _flush(self) -> None:
        chunk, self._open = self._open, _Chunk()
        if chunk.tasks:
            chunk.left = len(chunk.tasks)
            chunk.future = self.client.submit(check_chunk, chunk.tasks, pure=False)

    def wait_any(self, pending) -> set:
        from distributed import wait as dask_wait

        self._flush()
        futures = {share.chunk.future for share in pending}
        with self.client.as_current():
            done, _ = dask_wait(list(futures), return_when="FIRST_COMPLETED")
        return {share for share in pending if share.chunk.future in done}

    def outcome(self, share: _Share, task: Task) -> Optional[FileResult]:
        """The file's result, or None when its chunk failed (the runner then retries the file alone)."""
        chunk = share.chunk
        try:
            if chunk.results is None:
                try:
                    chunk.results = chunk.future.result()
                except KeyboardInterrupt:
                    raise
                except Exception as exc:  # KilledWorker, a lost connection
                    chunk.results = [None] * len(chunk.tasks) if len(chunk.tasks) > 1 else \
                        [crashed(task, f"{type(exc).__name__} di klaster Dask")]
            return chunk.results[share.index]
        finally:
            chunk.left -= 1
            if chunk.left <= 0:
                chunk.future.release()
                chunk.results = chunk.tasks = None

    def retry_alone(self, task: Task) -> FileResult:
        """A file of a failed chunk, alone: a file that fails again gets that as its reason."""
        future = self.client.submit(check_task, task, pure=False)
        try:
            return future.result()
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost connection: this file's row
            return crashed(task, f"{type(exc).__name__} di klaster Dask")
        finally:
            future.release()

    def cancel(self, pending) -> None:
        self._open = _Chunk()
        futures = list({share.chunk.future for share in pending if share.chunk.future is not None})
        try:
            self.client.cancel(futures)
        except Exception:  # noqa: BLE001 - the cluster may be gone already
            pass

    def close(self, wait_for_running: bool = True) -> None:
        try:
            self.client.close()
        except Exception:  # noqa: BLE001
            pass


Item = Union[Task, FileResult]


class Runner:
    """Results of the items (tasks to run, or results already known) in input order, ``window`` at a time."""

    def __init__(self, backend, on_done: Optional[Callable[[FileResult], None]] = None, window: Optional[int] = None):
        self.backend = backend
        self.on_done = on_done or (lambda result: None)
        self.window = window or getattr(backend, "window", None) or max(2, 4 * backend.slots)
        self.pending: dict = {}     # future -> (index, task)
        self.buffer: dict = {}      # index -> result, finished but not handed on
        self.next = 0
        self.stopped = False

    def _finish(self, index: int, task: Task, result: FileResult) -> None:
        result.file = task.display or task.path
        self.buffer[index] = result
        self.on_done(result)

    def _collect(self, done) -> None:
        for future in done:
            index, task = self.pending.pop(future)
            if future.cancelled():
                continue
            result = self.backend.outcome(future, task)
            if result is None:   # the pool broke under it: alone, in a fresh process
                result = self.backend.retry_alone(task)
            self._finish(index, task, result)

    def results(self, items: Iterable[Item]) -> Iterator[FileResult]:
        """The results in input order; the backend is closed at the end or on a failure here. Ctrl-C, and the
        consumer's own failures, are the consumer's to handle: :meth:`stop` or :meth:`close`."""
        try:
            yield from self._results(items)
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        """Cancel what has not started and let the backend go without waiting (after a failure; idempotent)."""
        self.backend.cancel(list(self.pending))
        self.pending.clear()
        self.backend.close(wait_for_running=False)

    def _results(self, items: Iterable[Item]) -> Iterator[FileResult]:
        source = enumerate(items)
        exhausted = False
        while True:
            while not exhausted and len(self.pending) + len(self.buffer) < self.window:
                try:
                    index, item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(item, FileResult):
                    self.buffer[index] = item
                    self.on_done(item)
                else:
                    future = self.backend.submit(item)
                    self.pending[future] = (index, item)
                    if future.done():   # inline: finished on submission
                        self._collect({future})
            while self.next in self.buffer:
                result = self.buffer.pop(self.next)
                self.next += 1
                yield result
            if exhausted and not self.pending:
                if self.buffer:   # cannot happen: every index below the window is pending or buffered
                    raise RuntimeError("batch runner lost a result")
                break
            if self.pending:
                self._collect(self.backend.wait_any(self.pending))
        self.backend.close()

    def stop(self, wait_for_running: bool = True) -> Iterator[FileResult]:
        """After Ctrl-C: cancel what has not started, let the files at work finish, hand on what is finished."""
        self.stopped = True
        self.backend.cancel(list(self.pending))
        if wait_for_running and self.pending and self.backend.name == "pool":
            try:
                wait([f for f in self.pending if not f.cancelled()])
            except KeyboardInterrupt:   # a second Ctrl-C: no more waiting
                wait_for_running = False
        if wait_for_running:
            try:
                self._collect({f for f in self.pending if f.done()})
            except KeyboardInterrupt:
                wait_for_running = False
        self.pending.clear()
        if wait_for_running:
            self.backend.close()
        elif self.backend.name == "pool":
            self.backend.close(wait_for_running=False, kill=True)
        else:
            self.backend.close(wait_for_running=False)
        for index in sorted(self.buffer):
            yield self.buffer.pop(index)


def make_backend(jobs: int, dask_address: Optional[str], files: int):
    if dask_address:
        return DaskBackend(dask_address, files)
    if jobs <= 1 or files <= 1:
        return InlineBackend()
    return PoolBackend(min(jobs, files))

