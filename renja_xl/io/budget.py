"""A time budget for one run of a command (``--max-seconds``): it ends with a sentence, never a kill.

Whatever a file makes the reader or the rules do, a run stops when its time is up: the
work in hand is interrupted by :class:`TimeBudgetExceeded` (one Indonesian sentence
naming the file, exit 2), temporary files are removed as on Ctrl-C, and every file
still waiting in a folder run gets the same sentence without being opened.

On POSIX the interruption is a real-time interval timer (``SIGALRM``) whose handler
raises in the main thread: no thread is started, and the core is never asked to poll.
Where there is no such timer (Windows) a timer thread of the command line asks the
main thread to stop (``_thread.interrupt_main``); the run ends the same way. Between
files the budget is also checked cooperatively (:func:`check`).
"""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager
from typing import Iterator, Optional

from ..errors import InputError

DEFAULT_SECONDS = 600.0


class TimeBudgetExceeded(InputError):
    """The run took longer than ``--max-seconds``."""


class _Budget:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.subject = ""      # the file at work, named in the sentence
        self.fired = False

    def error(self, subject: Optional[str] = None) -> TimeBudgetExceeded:
        subject = self.subject if subject is None else subject
        limit = f"{self.seconds:g} detik"
        if subject:
            return TimeBudgetExceeded(f"Berkas '{subject}' tidak selesai diproses dalam batas waktu {limit} "
                                      "(--max-seconds); pekerjaan dihentikan, berkas masukan tidak diubah.")
        return TimeBudgetExceeded(f"Perintah tidak selesai dalam batas waktu {limit} (--max-seconds); "
                                  "pekerjaan dihentikan.")


_current: Optional[_Budget] = None


def check(subject: str) -> None:
    """Name the file now at work; raise :class:`TimeBudgetExceeded` at once if the time is already up."""
    budget = _current
    if budget is None:
        return
    budget.subject = subject
    if budget.fired or time.monotonic() >= budget.deadline:
        budget.fired = True
        raise budget.error(subject)


def _raise_in_main(signum, frame) -> None:
    budget = _current
    if budget is None or budget.fired:
        return
    budget.fired = True
    raise budget.error()


@contextmanager
def time_budget(seconds: Optional[float]) -> Iterator[None]:
    """Bound the work inside to ``seconds`` (None or 0: no bound). Not reentrant; main thread only for the timer."""
    global _current
    if not seconds or seconds <= 0:
        yield
        return
    budget = _Budget(seconds)
    previous_budget, _current = _current, budget
    undo = _arm(budget)
    try:
        yield
    except KeyboardInterrupt:
        if budget.fired:  # the timer thread's interruption (no SIGALRM here): the budget's sentence
            raise budget.error() from None
        raise
    finally:
        undo()
        _current = previous_budget


def _arm(budget: _Budget):
    """Start the timer; the function that stops it."""
    if hasattr(signal, "setitimer"):
        try:
            previous = signal.signal(signal.SIGALRM, _raise_in_main)
        except ValueError:  # not the main thread: only the cooperative checks
            return lambda: None
        signal.setitimer(signal.ITIMER_REAL, budget.seconds)

        def undo() -> None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return undo
    return _arm_thread(budget)


def _arm_thread(budget: _Budget):
    import _thread
    import threading

    def interrupt() -> None:
        if not budget.fired:
            budget.fired = True
            _thread.interrupt_main()

    # interrupt_main does nothing while SIGINT is ignored or left to the system (a process started in the
    # background of a script inherits it ignored): Python's own handler is put in place for the run
    previous = signal.getsignal(signal.SIGINT)
    restore = previous in (signal.SIG_IGN, signal.SIG_DFL, None) and threading.current_thread() is threading.main_thread()
    if restore:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(budget.seconds, interrupt)
    timer.daemon = True
    timer.start()

    def undo() -> None:
        timer.cancel()
        if restore:
            signal.signal(signal.SIGINT, previous)

    return undo
