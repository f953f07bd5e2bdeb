Attribute VB_Name = "RenjaXL"
' Renja XL: the buttons of the ribbon tab "Renja XL".
' Each calls the Python package renja_xl through xlwings' RunPython (the core that
' the renja-xl command runs). Python must have renja_xl installed (pip install of the renja-xl wheel).
' The worksheet functions RENJA_CAPAIAN, RENJA_PREDIKAT, RENJA_ANGKA, RENJA_KODE are the module
' xlwings_udfs, written by renja-xl addin: nothing to import, no trust setting needed.
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

Sub RenjaPerbaiki()
    RunPython "import renja_xl.excel.buttons as b; b.perbaiki()"
End Sub

Sub RenjaBatalkan()
    RunPython "import renja_xl.excel.buttons as b; b.batalkan()"
End Sub

' Ribbon callbacks (customUI.xml: onAction, getVisible)
Sub RibbonHitung(control As IRibbonControl)
    RenjaHitung
End Sub

Sub RibbonPeriksa(control As IRibbonControl)
    RenjaPeriksa
End Sub

Sub RibbonBersihkan(control As IRibbonControl)
    RenjaBersihkan
End Sub

Sub RibbonPerbaiki(control As IRibbonControl)
    RenjaPerbaiki
End Sub

Sub RibbonBatalkan(control As IRibbonControl)
    RenjaBatalkan
End Sub

' One "Renja XL" tab: the add-in and a template share it (idQ), and a template's own buttons
' stay hidden while the add-in is open, so the tab never shows them twice.
Sub RibbonGroupVisible(control As IRibbonControl, ByRef returnedVal)
    Dim addin As Workbook
    returnedVal = True
    If LCase(ThisWorkbook.Name) = "renja_xl.xlam" Then Exit Sub
    On Error Resume Next
    Set addin = Application.Workbooks("renja_xl.xlam")
    On Error GoTo 0
    If Not addin Is Nothing Then returnedVal = False
End Sub
