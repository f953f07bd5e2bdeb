"""``perbaiki``, ``perbaiki --batal`` and ``bandingkan`` on every file of the hostile corpus.

As for the other commands (tests/test_hostile_input.py): the input stays byte-identical,
a refusal is exit 2 with one Indonesian sentence naming the file, never a traceback, no
temporary file is left behind, and a written copy is a complete workbook. Where perbaiki
writes a copy, ``--batal`` on it gives back every cell of the input.
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import RENJA_EXAMPLE, sha
from renja_xl.cli import main
from renja_xl.io.files import load_snapshot

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from build_corpus import CASES  # noqa: E402

OPENPYXL_REFUSES = {"nama_lembar_kurung_siku.xlsx"}
UNDERSTOOD_NOTHING = ("tidak ada tabel", "tidak ada yang dibandingkan", "tidak ada yang diperbaiki")


def _values(path: Path) -> dict:
    """Every sheet's values, percent cells and shown decimals (the reader's grid: a cell at row 1,048,576 is cheap)."""
    return {s.name: (s.top, s.left, [list(r) for r in s.rows], s.percent_cells, s.decimals)
            for s in load_snapshot(path)}


@pytest.mark.parametrize("command", ["perbaiki", "batal", "bandingkan"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_case_gets_a_result_or_one_clear_sentence(hostile_corpus, tmp_path, capsys, name, command):
    info = CASES[name][0]
    path = tmp_path / name
    shutil.copyfile(hostile_corpus / name, path)
    before = sha(path)
    out_file = tmp_path / f"hasil{path.suffix}"
    argv = {"perbaiki": ["perbaiki", str(path), "-o", str(out_file)],
            "batal": ["perbaiki", "--batal", str(path), "-o", str(out_file)],
            "bandingkan": ["bandingkan", str(RENJA_EXAMPLE), str(path), "-o", str(out_file)]}[command]
    code = main(argv)
    out, err = capsys.readouterr()
    assert sha(path) == before, "the input changed"
    assert "Traceback" not in out + err and "tak terduga" not in err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "a temporary file was left behind"
    if code == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and name in lines[0], err
        if info.expect == "refused":
            assert all(word in lines[0].lower() for word in info.words), (info.words, lines[0])
        elif command == "batal":
            assert "tidak memuat catatan pembatalan" in lines[0]  # no perbaiki was ever run on it
        else:
            assert any(w in lines[0].lower() for w in UNDERSTOOD_NOTHING), lines[0]
        assert not out_file.exists()
        return
    assert info.expect == "result" and code in (0, 1), (code, err)
    if not out_file.exists():
        assert command == "perbaiki" and "tidak ada yang perlu diperbaiki" in out
        return
    with zipfile.ZipFile(out_file) as z:
        assert z.testzip() is None
    if command != "perbaiki" or out_file.stat().st_size > 2_000_000 or name in OPENPYXL_REFUSES:
        return
    back = tmp_path / f"kembali{path.suffix}"
    assert main(["perbaiki", "--batal", str(out_file), "-o", str(back)]) == 0, capsys.readouterr().err
    assert _values(back) == _values(path)
