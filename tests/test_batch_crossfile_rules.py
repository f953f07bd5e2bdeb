"""RXL951-956, the checks across the files of a folder, as registered rules: each fails and passes on real workbooks.

The workbooks are the Renja example under the names of two Perangkat Daerah (pagu n
Rp 9.215.966.320 each), a copy whose program 2.07.02 is renamed, and a generated Renja of
another agency's layout (Dinas Tenaga Kerja Kabupaten Kutai Kartanegara 2025) with its PK:
the same tables, or one program's pagu changed. Each is checked once, as ``check DIR``
checks it (:func:`renja_xl.batch.worker.check_task`); the ceilings are CSV files as a
KUA-PPAS export gives them. The settings are a ``renja-xl.ini`` like any rule's.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Optional

import pytest
from batch_material import RENAMED_TO, RENJA_PAGU_N, _rename_program
from conftest import RENJA_EXAMPLE
from layouts import kode_five_columns

from renja_xl.batch.crossfile import CrossFile, load_ceilings
from renja_xl.batch.worker import Task, check_task
from renja_xl.cli import main
from renja_xl.rules import REGISTRY, all_rules, read_config

KUKAR = "Dinas Tenaga Kerja Kabupaten Kutai Kartanegara"


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict:
    """name -> the FileResult of each real workbook (checked once), and ``folder`` -> where they are."""
    folder = tmp_path_factory.mktemp("lintas") / "kiriman"
    folder.mkdir()
    for name in ("renja_2022_dinas_kesehatan.xlsx", "renja_2022_dinas_pendidikan.xlsx"):
        shutil.copyfile(RENJA_EXAMPLE, folder / name)
    _rename_program(RENJA_EXAMPLE, folder / "renja_2022_dinas_sosial_diubah.xlsx")
    kode_five_columns(folder / "renja_2025_kukar.xlsx")
    _pk_with_program_pagu(folder / "renja_2025_kukar.xlsx", folder / "pk_2025_kukar.xlsx", minus=50_000_000)
    _pk_with_program_pagu(folder / "renja_2025_kukar.xlsx", folder / "rkt_2025_kukar.xlsx", minus=0)
    out = {p.name: check_task(Task(path=str(p))) for p in sorted(folder.glob("*.xlsx"))}
    assert all(r.error is None for r in out.values())
    out["folder"] = folder
    return out


def _pk_with_program_pagu(renja: Path, target: Path, minus: float) -> None:
    """A copy of the Renja named as another document, its first program's pagu n lowered by ``minus``."""
    from openpyxl import load_workbook

    program = check_task(Task(path=str(renja))).programs[0]
    book = load_workbook(renja)
    cell = book[program["sheet"]][program["cell"]]
    cell.value -= minus
    book.save(target)


def cross(checked: dict, names: list, ceilings: Optional[str] = None, tmp_path: Optional[Path] = None,
          config=None) -> list:
    """The cross-file findings of the named workbooks, with a ceiling file of ``ceilings`` (CSV text) if given."""
    loaded = None
    if ceilings is not None:
        path = tmp_path / "pagu_indikatif.csv"
        path.write_text(ceilings, encoding="utf-8")
        loaded = load_ceilings(path)
    found = CrossFile(loaded, config)
    for name in names:
        found.add(checked[name])
    return found.findings()


def rules_of(findings) -> list:
    return sorted(f.rule for f in findings)


KESEHATAN = ["renja_2022_dinas_kesehatan.xlsx"]
TWO = KESEHATAN + ["renja_2022_dinas_pendidikan.xlsx"]


def test_the_example_is_what_the_ceiling_tests_assume(checked):
    result = checked["renja_2022_dinas_kesehatan.xlsx"]
    assert (result.meta["perangkat_daerah"], result.meta["dokumen"], result.meta["tahun"]) == \
        ("Dinas Kesehatan", "Renja", 2022)
    assert result.figures["pagu_n"] == RENJA_PAGU_N


def test_rxl951_a_renja_above_its_ceiling_and_not_when_within(checked, tmp_path):
    over = cross(checked, KESEHATAN, "perangkat_daerah;pagu indikatif\nDinas Kesehatan;9.000.000.000\n", tmp_path)
    assert rules_of(over) == ["RXL951"]
    finding = over[0]
    assert finding.severity == "error" and finding.name == "pagu PD melebihi pagu indikatif"
    assert finding.message == ("Dinas Kesehatan (2022): pagu Renja Rp 9.215.966.320 melebihi pagu indikatif "
                               "Rp 9.000.000.000 ('Dinas Kesehatan') sebesar Rp 215.966.320 "
                               "(renja_2022_dinas_kesehatan.xlsx).")
    assert (Path(finding.file).name, finding.sheet, finding.cell) == ("renja_2022_dinas_kesehatan.xlsx",
                                                                      "T3.4 Rencana Program", "G7")
    exact = cross(checked, KESEHATAN, "perangkat_daerah;pagu indikatif\nDinas Kesehatan;9.215.966.320\n", tmp_path)
    assert exact == []


def test_rxl952_a_renja_below_its_ceiling_and_not_when_equal(checked, tmp_path):
    below = cross(checked, KESEHATAN, "pd,pagu,tahun\nDINKES,10000000000,2022\n", tmp_path)
    assert rules_of(below) == ["RXL952"] and below[0].severity == "info"
    assert "di bawah pagu indikatif Rp 10.000.000.000 ('DINKES'); sisa Rp 784.033.680" in below[0].message
    other_year = cross(checked, KESEHATAN, "pd,pagu,tahun\nDINKES,9215966320,2022\nDINKES,1,2023\n", tmp_path)
    assert rules_of(other_year) == ["RXL954"]   # 2022 is equal; the 2023 line has no Renja of 2023


def test_rxl953_a_renja_without_a_ceiling_line_and_not_when_it_has_one(checked, tmp_path):
    missing = cross(checked, TWO, "perangkat_daerah;pagu\nDinas Kesehatan;9.215.966.320\n", tmp_path)
    assert rules_of(missing) == ["RXL953"] and missing[0].perangkat_daerah == "Dinas Pendidikan"
    assert "tidak ada di berkas pagu indikatif" in missing[0].message
    both = cross(checked, TWO, "perangkat_daerah;pagu\nDinas Kesehatan;9.215.966.320\n"
                 "DISDIK;9.215.966.320\n", tmp_path)
    assert both == []   # Disdik is Dinas Pendidikan


def test_rxl954_a_ceiling_line_without_a_renja_and_not_when_every_line_has_one(checked, tmp_path):
    extra = cross(checked, KESEHATAN, "No;Perangkat Daerah;Pagu Indikatif\n1;Dinas Kesehatan;9.215.966.320\n"
                  "2;Dinas Pariwisata;2.500.000.000\n", tmp_path)
    assert rules_of(extra) == ["RXL954"]
    assert extra[0].message == ("Dinas Pariwisata: pagu indikatif Rp 2.500.000.000 (baris 3) tanpa berkas Renja di "
                                "antara berkas yang diperiksa.")
    assert cross(checked, KESEHATAN, "No;Perangkat Daerah;Pagu Indikatif\n1;Dinas Kesehatan;9.215.966.320\n",
                 tmp_path) == []


def test_rxl955_one_kode_with_two_names_across_files_and_not_when_they_agree(checked):
    assert cross(checked, TWO) == []
    renamed = cross(checked, TWO + ["renja_2022_dinas_sosial_diubah.xlsx"])
    assert rules_of(renamed) == ["RXL955"]
    finding = renamed[0]
    assert finding.kode == "2.07.02" and Path(finding.file).name == "renja_2022_dinas_sosial_diubah.xlsx"
    assert f"'{RENAMED_TO}' mirip" in finding.message and "(2 berkas: renja_2022_dinas_kesehatan.xlsx, " \
        "renja_2022_dinas_pendidikan.xlsx)" in finding.message


def test_rxl956_a_program_with_another_pagu_in_the_pk_and_not_when_they_agree(checked):
    differs = cross(checked, ["renja_2025_kukar.xlsx", "pk_2025_kukar.xlsx"])
    assert rules_of(differs) == ["RXL956"]
    finding = differs[0]
    assert (finding.kode, Path(finding.file).name, finding.perangkat_daerah) == ("2.07.02", "pk_2025_kukar.xlsx", KUKAR)
    assert finding.message.startswith(f"{KUKAR} 2025: program 'PROGRAM PERENCANAAN TENAGA KERJA' berbeda antara "
                                      "renja_2025_kukar.xlsx dan pk_2025_kukar.xlsx: pagu Rp 1.181.750.000 di Renja, "
                                      "Rp 1.131.750.000 di PK")
    assert cross(checked, ["renja_2025_kukar.xlsx", "rkt_2025_kukar.xlsx"]) == []


def test_the_six_are_documented_rules_of_family_antarberkas(capsys):
    all_rules()
    codes = [code for code, cls in REGISTRY.items() if cls.family == "antarberkas"]
    assert sorted(codes) == ["RXL951", "RXL952", "RXL953", "RXL954", "RXL955", "RXL956"]
    assert main(["rules", "RXL951"]) == 0
    shown = capsys.readouterr().out
    assert "antarberkas" in shown and "Kesalahan" in shown and "**Salah**" in shown and "pagu indikatif" in shown


def test_settings_change_their_severity_or_switch_them_off(checked, tmp_path):
    ini = tmp_path / "renja-xl.ini"
    ini.write_text("[renja_xl:rules:RXL951]\nseverity = warning\n[renja_xl:rules:RXL954]\nenabled = false\n",
                   encoding="utf-8")
    found = cross(checked, KESEHATAN, "pd;pagu\nDinas Kesehatan;9.000.000.000\nDinas Pariwisata;1\n", tmp_path,
                  read_config(ini))
    assert [(f.rule, f.severity) for f in found] == [("RXL951", "warning")]


def test_check_dir_reads_the_settings_of_the_folder_it_is_given(checked, tmp_path, capsys):
    folder = checked["folder"]
    ceiling = tmp_path / "pagu.csv"
    ceiling.write_text("perangkat_daerah;pagu\nDinas Kesehatan;9.000.000.000\nDinas Pendidikan;9.300.000.000\n",
                       encoding="utf-8")
    args = ["check", str(folder), "--no-output", "--no-cache", "--jobs", "1", "--pagu-pd", str(ceiling)]
    main(args)
    plain = capsys.readouterr().out
    assert "RXL951  Kesalahan" in plain and "RXL952  Info" in plain and "RXL956  Peringatan" in plain
    # the summary counts them: the findings of each file plus those across files
    across = plain.count("RXL95")
    per_file = sum(int(n) for n in re.findall(r": \d+ tabel, (\d+) temuan", plain))
    summary = plain.strip().splitlines()[-1]
    totals = re.match(r"Ringkasan: (\d+) kesalahan, (\d+) peringatan, (\d+) info di \d+ berkas, "
                      r"termasuk (\d+) temuan lintas berkas\.$", summary)
    assert totals, summary
    assert sum(int(n) for n in totals.groups()[:3]) == per_file + across and int(totals.group(4)) == across
    (folder / "renja-xl.ini").write_text("[renja_xl:rules:RXL951]\nseverity = info\n"
                                         "[renja_xl:rules:RXL956]\nenabled = false\n", encoding="utf-8")
    try:
        main(args)
    finally:
        (folder / "renja-xl.ini").unlink()
    configured = capsys.readouterr().out
    assert "RXL951  Info" in configured and "RXL952  Info" in configured and "RXL956" not in configured
