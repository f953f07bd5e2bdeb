Attribute VB_Name = "RenjaXL"
' Renja XL: the three buttons of the ribbon tab "Renja XL".
' Each calls the Python package renja_xl through xlwings' RunPython (the core that
' the renja-xl command runs). Python must have renja_xl installed: pip install renja-xl
Option Explicit

Sub RenjaHitung()
    RunPython "import renja_xl.excel.buttons as b; b.hitung()"
End Sub

Sub RenjaPeriksa()
    RunPython "import renja_xl.excel.buttons as b; b.periksa()"
End Sub

Sub RenjaBersihkan()
    RunPython "import renja_xl.excel.buttons as b; b.bersihkan()"
End Sub

' The worksheet functions RENJA_CAPAIAN, RENJA_PREDIKAT, RENJA_ANGKA, RENJA_KODE (Windows):
' imported into the add-in from the module named under "UDF Modules" (renja_xl.excel.udfs).
Sub RenjaImporFungsi()
    ImportPythonUDFsToAddin
End Sub

' Ribbon callbacks (customUI.xml: onAction)
Sub RibbonHitung(control As IRibbonControl)
    RenjaHitung
End Sub

Sub RibbonPeriksa(control As IRibbonControl)
    RenjaPeriksa
End Sub

Sub RibbonBersihkan(control As IRibbonControl)
    RenjaBersihkan
End Sub

Sub RibbonImporFungsi(control As IRibbonControl)
    RenjaImporFungsi
End Sub
