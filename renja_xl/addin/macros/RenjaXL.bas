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

Sub RenjaSimpanVersi()
    RunPython "import renja_xl.excel.buttons as b; b.simpan_versi()"
End Sub

' Bandingkan: the active workbook (the new version) against an older one. Python takes
' "versi lama" from the renja_xl.conf sheet when it is there; otherwise the older version is
' chosen here: the one other open workbook, or, when there are several (or a saved version
' too), the one whose number the user types, or a file picked in the dialog.
Sub RenjaBandingkan()
    Dim lama As String
    lama = ""
    If GetConfig("VERSI LAMA", "", "sheet") = "" Then
        lama = PilihVersiLama()
        If lama = "" Then Exit Sub
    End If
    RunPython "import renja_xl.excel.buttons as b; b.bandingkan(lama=" & TeksPython(lama) & ")"
End Sub

' The older version: an open workbook's name, a file's path, "versi tersimpan"; "" when cancelled.
Function PilihVersiLama() As String
    Dim wb As Workbook, nama() As String, n As Long, i As Long, pesan As String, jawab As Variant
    Dim tersimpan As Boolean
    ReDim nama(1 To Application.Workbooks.Count)
    For Each wb In Application.Workbooks
        If wb.Name <> ActiveWorkbook.Name And BukuTerlihat(wb) Then
            n = n + 1
            nama(n) = wb.Name
        End If
    Next wb
    tersimpan = PunyaVersiTersimpan(ActiveWorkbook)
    If n = 1 And Not tersimpan Then
        PilihVersiLama = nama(1)
        Exit Function
    End If
    If n = 0 And Not tersimpan Then
        PilihVersiLama = PilihBerkas()
        Exit Function
    End If
    pesan = "Bandingkan " & ActiveWorkbook.Name & " dengan versi lama yang mana? Ketik nomornya." & vbLf
    If tersimpan Then pesan = pesan & vbLf & "0   versi yang disimpan dengan Simpan Versi"
    For i = 1 To n
        pesan = pesan & vbLf & i & "   " & nama(i)
    Next i
    pesan = pesan & vbLf & (n + 1) & "   berkas lain..."
    jawab = Application.InputBox(pesan, "Renja XL: Bandingkan", IIf(tersimpan, 0, 1), Type:=1)
    If VarType(jawab) = vbBoolean Then Exit Function
    If jawab = 0 And tersimpan Then
        PilihVersiLama = "versi tersimpan"
    ElseIf jawab >= 1 And jawab <= n Then
        PilihVersiLama = nama(jawab)
    ElseIf jawab = n + 1 Then
        PilihVersiLama = PilihBerkas()
    Else
        MsgBox "Nomor " & jawab & " tidak ada dalam daftar.", vbExclamation, "Renja XL"
    End If
End Function

Function PilihBerkas() As String
    Dim berkas As Variant
    berkas = Application.GetOpenFilename(Title:="Renja XL: pilih versi lama untuk dibandingkan")
    If VarType(berkas) = vbBoolean Then Exit Function
    PilihBerkas = CStr(berkas)
End Function

' A workbook with a visible window (not the hidden personal macro workbook).
Function BukuTerlihat(wb As Workbook) As Boolean
    Dim w As Window
    For Each w In wb.Windows
        If w.Visible Then
            BukuTerlihat = True
            Exit Function
        End If
    Next w
End Function

Function PunyaVersiTersimpan(wb As Workbook) As Boolean
    Dim sh As Object
    For Each sh In wb.Sheets
        If LCase(sh.Name) Like "renja-xl-versi*" Then
            PunyaVersiTersimpan = True
            Exit Function
        End If
    Next sh
End Function

' Text as a Python string literal for RunPython's command.
Function TeksPython(teks As String) As String
    TeksPython = "'" & Replace(Replace(teks, "\", "\\"), "'", "\'") & "'"
End Function

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

Sub RibbonSimpanVersi(control As IRibbonControl)
    RenjaSimpanVersi
End Sub

Sub RibbonBandingkan(control As IRibbonControl)
    RenjaBandingkan
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
