"""Nomenclature rules (RXL8xx): a failing and a passing example each, on the bidang 2.07 list."""

from __future__ import annotations

from pathlib import Path

import pytest

from renja_xl.nomenclature import load_nomenclature_csv, nomenclature_from_rows
from renja_xl.reader import find_tables
from renja_xl.rules import run_checks

from grids import T34, book, t34_row

NOMENKLATUR = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "nomenklatur_2_07.csv"


@pytest.fixture(scope="module")
def nomenclature():
    return load_nomenclature_csv(str(NOMENKLATUR))


def findings(rows, code, nomenclature):
    snapshot = book(T34 + rows)
    return [(f.rule, f.locations[0].cell) for f in run_checks(snapshot, find_tables(snapshot), only={code},
                                                              nomenclature=nomenclature)]


_PROGRAM = t34_row("2.07.02", "PROGRAM PERENCANAAN TENAGA KERJA", pagu=None)
_KEGIATAN = t34_row("2.07.02.2.01", "Penyusunan Rencana Tenaga Kerja", pagu=None)


def test_rxl801_fails_on_a_kode_the_list_does_not_have(nomenclature):
    rows = [_PROGRAM, _KEGIATAN, t34_row("2.07.02.2.01.0009", "Penyusunan RTK Sektoral")]
    assert findings(rows, "RXL801", nomenclature) == [("RXL801", "A5")]


def test_rxl801_passes_on_known_kode_and_on_bidang_the_list_does_not_cover(nomenclature):
    rows = [_PROGRAM, _KEGIATAN, t34_row("2.07.02.2.01.01", "Penyusunan Rencana Tenaga Kerja Makro"),
            t34_row("1.01.02.2.01.0001", "Sub kegiatan bidang lain")]
    assert findings(rows, "RXL801", nomenclature) == []


def test_rxl802_fails_on_another_name_and_names_the_official_one(nomenclature):
    rows = [_PROGRAM, t34_row("2.07.02.2.01", "Perencanaan Tenaga Kerja Daerah", pagu=None)]
    snapshot = book(T34 + rows)
    found = run_checks(snapshot, find_tables(snapshot), only={"RXL802"}, nomenclature=nomenclature)
    assert [(f.rule, f.locations[0].cell) for f in found] == [("RXL802", "B4")]
    assert "Penyusunan Rencana Tenaga Kerja" in found[0].message and "kemiripan" in found[0].message


def test_rxl802_passes_when_only_case_spacing_or_punctuation_differ(nomenclature):
    rows = [t34_row("2.07.02", "Program  perencanaan tenaga kerja", pagu=None),
            t34_row("2.07.01.2.01.0005", "Koordinasi dan Penyusunan Perubahan DPA-SKPD")]
    assert findings(rows, "RXL802", nomenclature) == []


def test_rxl803_fails_on_another_satuan(nomenclature):
    rows = [t34_row("2.07.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", target="3 Kegiatan",
                    target_n1="3 Kegiatan")]
    assert findings(rows, "RXL803", nomenclature) == [("RXL803", "E3")]


def test_rxl803_passes_on_the_official_satuan_in_any_spelling(nomenclature):
    rows = [t34_row("2.07.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", target="3 Dok",
                    target_n1="3 Dokumen")]
    assert findings(rows, "RXL803", nomenclature) == []


def _with_successor():
    return nomenclature_from_rows([
        ["kode", "nomenklatur", "satuan", "kode_pengganti"],
        ["2.07.02.2.01.0002", "Penyusunan Rencana Tenaga Kerja Mikro", "Dokumen", "2.07.02.2.01.0003"],
        ["2.07.02.2.01.0003", "Fasilitasi Penyusunan Rencana Tenaga Kerja Mikro", "Dokumen", ""],
    ], "pengganti.csv")


def test_rxl804_fails_on_a_retired_kode_and_names_its_successor():
    rows = [t34_row("2.07.02.2.01.0002", "Penyusunan Rencana Tenaga Kerja Mikro")]
    snapshot = book(T34 + rows)
    found = run_checks(snapshot, find_tables(snapshot), only={"RXL804"}, nomenclature=_with_successor())
    assert [(f.rule, f.locations[0].cell) for f in found] == [("RXL804", "A3")]
    assert "2.07.02.2.01.0003" in found[0].message and "Fasilitasi" in found[0].message


def test_rxl804_passes_on_the_successor():
    rows = [t34_row("2.07.02.2.01.0003", "Fasilitasi Penyusunan Rencana Tenaga Kerja Mikro")]
    assert findings(rows, "RXL804", _with_successor()) == []


def test_without_a_list_the_rules_say_nothing():
    rows = [t34_row("2.07.02.2.01.0009", "Penyusunan RTK Sektoral")]
    assert findings(rows, "RXL801", None) == []
