"""The Excel side of renja-xl: buttons and worksheet functions over xlwings.

``buttons`` (Hitung, Periksa, Bersihkan) and ``functions`` (RENJA_CAPAIAN, RENJA_PREDIKAT,
RENJA_ANGKA, RENJA_KODE) call the same pure core as the command line; ``client`` reads a
live workbook into the core's snapshot and ``writer`` applies the core's plan of edits.
Nothing here is imported by the core.
"""
