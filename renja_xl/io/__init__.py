"""Adapters between real workbooks and the pure core (openpyxl for files, xlwings for live books)."""
