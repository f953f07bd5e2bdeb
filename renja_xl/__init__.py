"""renja-xl: the official Excel tables of Renja PD and LKjIP, checking themselves.

The package is split in two:

* a pure-Python core (``parse``, ``specs``, ``snapshot``, ``reader``) that works on a
  neutral snapshot of a workbook (sheet names and 2-D cell values) and never touches
  an Excel object, so it also runs under Pyodide (xlwings Lite);
* thin adapters at the edge (``renja_xl.io``) that turn files (openpyxl) or live
  books (xlwings) into snapshots and write results back.
"""

__version__ = "0.1.0"
