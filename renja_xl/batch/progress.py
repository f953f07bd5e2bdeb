"""The progress bar of a batch check (rich, on stderr, a terminal only): files done, findings so far, the slowest file.

File names are text, never markup or terminal commands: every field is escaped with
:func:`renja_xl.render.terminal_text` and the columns do not parse markup.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from .result import FileResult


def wanted(choice: Optional[bool], files: int, stream=None) -> bool:
    """Shown on a terminal for more than one file, unless ``--no-progress``; ``--progress`` forces it."""
    if choice is not None:
        return choice
    stream = stream or sys.stderr
    return files > 1 and bool(getattr(stream, "isatty", lambda: False)())


class NoProgress:
    """The counters without a bar (the summary line uses them)."""

    def __init__(self, total: int):
        self.total = total
        self.done = self.findings = self.unusable = self.cached = 0
        self.slowest: Optional[tuple] = None   # (seconds, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, result: FileResult) -> None:
        self.done += 1
        self.findings += len(result.findings)
        self.unusable += result.error is not None
        self.cached += result.cached
        if not result.cached and (self.slowest is None or result.seconds > self.slowest[0]):
            self.slowest = (result.seconds, Path(result.file).name)

    def slowest_text(self) -> str:
        if self.slowest is None:
            return "-"
        seconds, name = self.slowest
        from ..render import terminal_text

        shown = name if len(name) <= 40 else name[:39] + "…"
        return f"{terminal_text(shown)} ({seconds:.1f} s)".replace(f"{seconds:.1f}", f"{seconds:.1f}".replace(".", ","))


class BarProgress(NoProgress):
    """A rich progress bar on stderr."""

    def __init__(self, total: int, stream=None, console=None):
        super().__init__(total)
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        console = console or Console(file=stream or sys.stderr, highlight=False, markup=False, emoji=False,
                                     soft_wrap=True)
        # what the command prints goes above the bar; stdout only when it is that terminal (a pipe stays a pipe)
        same_terminal = bool(getattr(sys.stdout, "isatty", lambda: False)()) and console.is_terminal
        self.bar = Progress(SpinnerColumn(), TextColumn("memeriksa", markup=False), BarColumn(),
                            MofNCompleteColumn(), TextColumn("berkas · {task.fields[findings]} temuan", markup=False),
                            TextColumn("· {task.fields[unusable]} tak terbaca", markup=False),
                            TextColumn("· terlama: {task.fields[slowest]}", markup=False),
                            TimeElapsedColumn(), TextColumn("sisa", markup=False), TimeRemainingColumn(),
                            console=console, transient=False, redirect_stdout=same_terminal,
                            redirect_stderr=console.is_terminal)
        self.task = self.bar.add_task("memeriksa", total=total, findings=0, unusable=0, slowest="-")

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        self.bar.__exit__(*exc)
        return False

    def update(self, result: FileResult) -> None:
        super().update(result)
        self.bar.update(self.task, completed=self.done, findings=self.findings, unusable=self.unusable,
                        slowest=self.slowest_text())


def progress_for(total: int, show: bool, stream=None):
    return BarProgress(total, stream) if show else NoProgress(total)
