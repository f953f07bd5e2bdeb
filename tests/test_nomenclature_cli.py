"""renja-xl check --nomenklatur: the official list read from the command line, a missing list is one sentence."""

from __future__ import annotations

import json
from pathlib import Path

from renja_xl.cli import main

ROOT = Path(__file__).resolve().parents[1]
NOMENKLATUR = ROOT.parent / "shared" / "reference" / "nomenklatur_2_07.csv"
EXAMPLE = ROOT / "examples" / "renja_2022_disnaker_balikpapan.xlsx"


def test_check_reads_the_list_from_the_command_line(tmp_path, capsys):
    main(["check", str(EXAMPLE), "--no-output", "--format", "json", "--nomenklatur", str(NOMENKLATUR)])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)[0]["findings"]}
    assert {"RXL801", "RXL802", "RXL803"} <= rules
    assert main(["check", str(EXAMPLE), "--no-output", "--nomenklatur", str(tmp_path / "tidak_ada.csv")]) == 2
    assert "Berkas nomenklatur" in capsys.readouterr().err


def test_the_list_may_be_named_in_the_settings(tmp_path, capsys):
    (tmp_path / "renja.xlsx").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "renja-xl.ini").write_text(f"[renja_xl]\nnomenklatur = {NOMENKLATUR}\n", encoding="utf-8")
    main(["check", str(tmp_path / "renja.xlsx"), "--no-output", "--format", "json"])
    assert "RXL801" in {f["rule"] for f in json.loads(capsys.readouterr().out)[0]["findings"]}
