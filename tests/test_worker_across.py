"""A file checked alone (no other file, no rekap, no ceilings) skips the figures only checks across files use.

Its programs and kodes are what the checks across files and the rekap compare; a file
checked by itself is compared with nothing, and they took 15 ms of a 10,005-row table's
check. Its findings, meta and figures are the same either way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from renja_xl.batch.worker import Task, check_task
from renja_xl.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "renja_2022_disnaker_balikpapan.xlsx"


@pytest.mark.parametrize("across", [True, False])
def test_a_file_checked_alone_gives_the_same_result_without_the_figures_across_files(across):
    path = EXAMPLE
    result = check_task(Task(path=str(path), across=across, digest=False))
    assert result.error is None
    reference = check_task(Task(path=str(path), digest=False))
    assert result.findings == reference.findings and result.meta == reference.meta
    assert result.figures == reference.figures
    assert bool(result.kodes) is across and bool(result.programs) is across


def test_the_command_asks_for_them_only_when_files_are_compared(tmp_path, monkeypatch, capsys):
    import renja_xl.batch.runner as runner

    seen = []
    original = runner.check_task

    def spy(task):
        seen.append(task.across)
        return original(task)

    monkeypatch.setattr(runner, "check_task", spy)   # what the runner calls, one file at a time with --jobs 1
    second = tmp_path / "kedua.xlsx"
    second.write_bytes(EXAMPLE.read_bytes())
    main(["check", str(EXAMPLE), "--no-output", "--format", "json", "--jobs", "1"])
    main(["check", str(EXAMPLE), str(second), "--no-output", "--format", "json", "--jobs", "1", "--no-cache"])
    capsys.readouterr()
    assert seen == [False, True, True]
