"""Renja XL for xlwings Lite: paste this file into the xlwings Lite editor (main.py) and
requirements.txt beside it. No Python to install: it runs in Excel, also on the web.

Scripts (the Run button, or a sheet button linked to the script):
    periksa    check the workbook: 'Hasil Validasi' sheet, marked cells
    hitung     fill the computed columns with live formulas
    bersihkan  remove the marks and the results sheet
    perbaiki   numbers typed as text become numbers, arithmetic findings their formula
    batalkan   undo the latest perbaiki (every changed cell back, its two sheets removed)
    simpan_versi  keep this version in a hidden sheet, to compare a later version with
    bandingkan    what changed since the version kept: 'Perubahan' sheet, targets/pagu changed without catatan
Worksheet functions: =RENJA_CAPAIAN(…), =RENJA_PREDIKAT(…), =RENJA_ANGKA(…), =RENJA_KODE(…)

Everything here calls renja_xl, the same core the renja-xl command runs.
"""

import xlwings as xw
from xlwings import func, script

from renja_xl.excel import buttons, functions


@script
async def periksa(book: xw.Book):
    """Periksa tabel Renja/LKjIP: lembar Hasil Validasi dan sel yang ditandai."""
    await buttons.periksa_async(book)


@script
async def hitung(book: xw.Book):
    """Isi kolom hitungan dengan rumus Excel."""
    await buttons.hitung_async(book)


@script
async def bersihkan(book: xw.Book):
    """Hapus tanda pemeriksaan dan lembar Hasil Validasi."""
    await buttons.bersihkan_async(book)


@script
async def perbaiki(book: xw.Book):
    """Perbaiki: angka yang diketik sebagai teks menjadi bilangan, kesalahan hitungan menjadi rumus."""
    await buttons.perbaiki_async(book)


@script
async def batalkan(book: xw.Book):
    """Batalkan Perbaiki terakhir: setiap sel yang diubah kembali seperti semula."""
    await buttons.batalkan_async(book)


@script
async def simpan_versi(book: xw.Book):
    """Simpan versi buku kerja ini (lembar tersembunyi) sebagai pembanding untuk Bandingkan."""
    await buttons.simpan_versi_async(book)


@script
async def bandingkan(book: xw.Book):
    """Bandingkan dengan versi yang disimpan: lembar Perubahan, target/pagu berubah tanpa catatan penting."""
    await buttons.bandingkan_async(book)


@func
def renja_capaian(realisasi, target, polaritas=None):
    """Capaian kinerja (persen): realisasi / target x 100; polaritas "Negatif": (2 - realisasi/target) x 100."""
    return functions.renja_capaian(realisasi, target, polaritas)


@func
def renja_predikat(capaian):
    """Predikat capaian: Sangat Tinggi, Tinggi, Sedang, Rendah, Sangat Rendah."""
    return functions.renja_predikat(capaian)


@func
def renja_angka(teks):
    """Angka dalam teks target: "4.300 Pencaker" -> 4300."""
    return functions.renja_angka(teks)


@func
def renja_kode(kode):
    """Kode dalam bentuk baku: "2 .07 .05 2:03" -> "2.07.05.2.03"."""
    return functions.renja_kode(kode)
