"""Checks across the files of a folder (renja_xl.batch.crossfile) and what the rekap reads of one workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from renja_xl.batch.crossfile import CrossFile, load_ceilings, norm_pd
from renja_xl.batch.result import FileResult
from renja_xl.batch.summary import pd_from_path, pd_from_title, year_of
from renja_xl.errors import InputError


def result(file, pd, document, year, pagu=None, programs=(), kodes=()):
    return FileResult(file=file, meta={"perangkat_daerah": pd, "dokumen": document, "tahun": year},
                      figures={"pagu_n": pagu}, programs=list(programs), kodes=[list(k) for k in kodes])


def program(kode, name, pagu, target="", cell="G7"):
    return {"kode": kode, "program": name, "pagu_n": pagu, "pagu_n1": None, "target": target,
            "sheet": "T3.4 Rencana Program", "cell": cell}


def test_pd_names_compare_without_case_abbreviations_or_region():
    assert norm_pd("DISNAKER Kota Balikpapan") == norm_pd("Dinas Tenaga Kerja Balikpapan")
    assert norm_pd("Bappeda") == norm_pd("Badan Perencanaan Pembangunan Daerah")
    assert norm_pd("RSUD Kab. Sleman") == norm_pd("Rumah Sakit Umum Daerah Kabupaten Sleman")
    assert norm_pd("Dinas Kesehatan") != norm_pd("Dinas Pendidikan")


def test_ceilings_from_csv_and_xlsx(tmp_path):
    csv = tmp_path / "pagu.csv"
    csv.write_text("perangkat_daerah,pagu_indikatif,tahun\nDinas Kesehatan,\"1,500,000,000\",2025\n"
                   "Dinas Sosial,Rp 2.000.000.000,\n", encoding="utf-8")
    ceilings = load_ceilings(csv)
    assert [(c.name, c.pagu, c.year) for c in ceilings] == [("Dinas Kesehatan", 1.5e9, 2025),
                                                             ("Dinas Sosial", 2e9, None)]
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["KUA-PPAS 2025"])
    sheet.append(["No", "SKPD", "Plafon Anggaran"])
    sheet.append([1, "Dinas Pendidikan", 12_500_000_000])
    book.save(tmp_path / "pagu.xlsx")
    assert [(c.name, c.pagu) for c in load_ceilings(tmp_path / "pagu.xlsx")] == [("Dinas Pendidikan", 12.5e9)]
    (tmp_path / "salah.csv").write_text("nama,alamat\nA,B\n", encoding="utf-8")
    with pytest.raises(InputError, match="kolom Perangkat Daerah"):
        load_ceilings(tmp_path / "salah.csv")
    (tmp_path / "bukan_angka.csv").write_text("pd,pagu\nDinas A,banyak\n", encoding="utf-8")
    with pytest.raises(InputError, match="bukan angka pagu"):
        load_ceilings(tmp_path / "bukan_angka.csv")


def test_the_ceiling_is_compared_per_pd_and_year(tmp_path):
    csv = tmp_path / "pagu.csv"
    csv.write_text("pd;pagu;tahun\nDinas Kesehatan;1.000;2025\nDinas Sosial;5.000;\nDinas Pariwisata;7;\n",
                   encoding="utf-8")
    cross = CrossFile(load_ceilings(csv))
    cross.add(result("a/renja_2024.xlsx", "Dinas Kesehatan", "Renja", 2024, 5_000))   # another year: not compared
    cross.add(result("a/renja_2025.xlsx", "DINAS KESEHATAN", "Renja", 2025, 1_200))
    cross.add(result("b/renja.xlsx", "Dinsos Kota Depok", "Renja", 2025, 4_000))      # the ceiling without the region
    cross.add(result("b/lkjip.xlsx", "Dinas Sosial", "LKjIP", 2025, 9_999))             # not a Renja
    cross.add(result("c/renja.xlsx", "Dinas Perhubungan", "Renja", 2025, 10))
    found = {(f.rule, f.perangkat_daerah) for f in cross.findings()}
    assert found == {("RXL951", "Dinas Kesehatan"), ("RXL952", "Dinsos Kota Depok"), ("RXL953", "Dinas Perhubungan"),
                     ("RXL954", "Dinas Pariwisata")}
    over = next(f for f in cross.findings() if f.rule == "RXL951")
    assert "sebesar Rp 200" in over.message and over.file == "a/renja_2025.xlsx"


def test_one_kode_with_two_names_across_files_not_inside_one():
    cross = CrossFile()
    cross.add(result("a.xlsx", "A", "Renja", 2025, kodes=[("2.07.02", "PROGRAM PERENCANAAN TENAGA KERJA", "S", "B7"),
                                                          ("2.07.03", "Program Pelatihan Kerja", "S", "B9"),
                                                          ("2.07.03", "Program Pelatihan Kerja (LPK)", "S", "B30")]))
    cross.add(result("b.xlsx", "B", "Renja", 2025, kodes=[("2.07.02", "Program Perencanaan Tenaga Kerja", "S", "C7")]))
    cross.add(result("c.xlsx", "C", "Renja", 2025, kodes=[("2.07.02", "Program Perencanaan dan Penempatan Tenaga Kerja",
                                                           "T", "C8")]))
    findings = cross.findings()
    assert [(f.rule, f.kode, f.file, f.cell) for f in findings] == [("RXL955", "2.07.02", "c.xlsx", "C8")]
    assert "(2 berkas: a.xlsx, b.xlsx)" in findings[0].message   # case and 'PROGRAM' do not make another name


def test_a_program_differs_between_the_renja_and_another_document_of_the_pd():
    cross = CrossFile()
    cross.add(result("renja.xlsx", "Dinas A", "Renja", 2025,
                     programs=[program("2.07.02", "Program Perencanaan", 100_000_000, "100 %"),
                               program("2.07.03", "Program Pelatihan", 50_000_000, "20 Orang")]))
    cross.add(result("pk.xlsx", "Dinas A", "PK", 2025,
                     programs=[program("2.07.02", "Program Perencanaan", 90_000_000, "95%", "D5"),
                               program("2.07.03", "Program Pelatihan", 50_000_000, "20 orang", "D6")]))
    cross.add(result("pk_2024.xlsx", "Dinas A", "PK", 2024, programs=[program("2.07.02", "Program Perencanaan", 1)]))
    findings = cross.findings()
    assert [(f.rule, f.kode, f.file, f.cell) for f in findings] == [("RXL956", "2.07.02", "pk.xlsx", "D5")]
    assert "pagu Rp 100.000.000 di Renja, Rp 90.000.000 di PK" in findings[0].message
    assert "target '100 %' di Renja, '95%' di PK" in findings[0].message


def test_pd_document_and_year_from_titles_and_names():
    assert pd_from_title(["LAPORAN KINERJA DINAS TENAGA KERJA DAN TRANSMIGRASI", "TAHUN ANGGARAN 2023"]) == \
        "Dinas Tenaga Kerja dan Transmigrasi"
    assert pd_from_title(["Tabel 3.4 Rencana Program Perangkat Daerah", "RSUD KABUPATEN SLEMAN TAHUN 2025"]) == \
        "RSUD Kabupaten Sleman"
    assert pd_from_title(["DINAS TENAGA KERJA - REALISASI ANGGARAN 2023"]) == "Dinas Tenaga Kerja"
    assert pd_from_path(Path("kiriman/renja_2022_disnaker_balikpapan_final_v2.xlsx")) == "Disnaker Balikpapan"
    assert pd_from_path(Path("kiriman/Dinas Kesehatan/renja 2025.xlsx")) == "Dinas Kesehatan"
    assert year_of(["Tabel 2.1 … s.d Tahun 2020", "Tabel 3.4 … Tahun 2022 dan Prakiraan Maju Tahun 2023",
                    "Tabel 3.2 … Tahun 2022"], Path("x.xlsx")) == 2022
    assert year_of([], Path("renja_2024_dinkes.xlsx")) == 2024
