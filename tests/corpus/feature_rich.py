"""A Renja workbook carrying every feature a copy must keep, built from code.

openpyxl adds what it can write (a chart, a note, data validation, a conditional format,
defined names, print settings, a protected range); the rest is added to the package
directly, as Excel writes it: a picture and a text-box shape in the chart's drawing, a
form button wired to a macro in the legacy drawing, a VBA project, sparklines in the
sheet's extension list, and the ``mc:Ignorable`` namespaces Excel puts on every sheet.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_corpus import RENJA, members, png, write_zip

SHEET = "T2.1 Evaluasi Renja"
BUTTON_MACRO = b"[0]!RenjaPeriksa"
SHAPE_TEXT = b"Klik Periksa sebelum dikirim"
SPARKLINE = b"x14:sparklineGroups"
VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"VBA project placeholder: never executed" + b"\0" * 512
USER_NOTE = "Catatan pengguna: angka dari Bidang Penempatan"

_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _anchor(col: int, row: int, body: str) -> str:
    return (f'<xdr:twoCellAnchor xmlns:xdr="{_XDR}"><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row>'
            f'<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{col + 3}</xdr:col><xdr:colOff>0</xdr:colOff>'
            f'<xdr:row>{row + 4}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>{body}<xdr:clientData/></xdr:twoCellAnchor>')


_PICTURE = (f'<xdr:pic xmlns:xdr="{_XDR}" xmlns:a="{_A}" xmlns:r="{_R}"><xdr:nvPicPr><xdr:cNvPr id="10" name="Logo"/>'
            '<xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch>'
            '</xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>')
_SHAPE = (f'<xdr:sp xmlns:xdr="{_XDR}" xmlns:a="{_A}"><xdr:nvSpPr><xdr:cNvPr id="11" name="Petunjuk Tombol"/>'
          '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
          f'<xdr:txBody><a:bodyPr/><a:p><a:r><a:t>{SHAPE_TEXT.decode()}</a:t></a:r></a:p></xdr:txBody></xdr:sp>')
_BUTTON = ('<v:shape id="_x0000_s2049" type="#_x0000_t201" style="position:absolute;margin-left:600pt;margin-top:10pt;'
           'width:90pt;height:24pt;z-index:5" o:button="t" fillcolor="buttonFace [67]" strokecolor="windowText [64]" '
           'o:insetmode="auto"><v:textbox style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:'
           'center"><font face="Calibri" size="220" color="#000000">Periksa</font></div></v:textbox>'
           '<x:ClientData ObjectType="Button"><x:Anchor>14, 0, 1, 0, 16, 0, 2, 0</x:Anchor><x:PrintObject>False'
           f'</x:PrintObject><x:AutoFill>False</x:AutoFill><x:FmlaMacro>{BUTTON_MACRO.decode()}</x:FmlaMacro>'
           '<x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center</x:TextVAlign></x:ClientData></v:shape>')
_BUTTON_TYPE = ('<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe">'
                '<v:stroke joinstyle="miter"/><v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" '
                'o:connecttype="rect"/><o:lock v:ext="edit" shapetype="t"/></v:shapetype>')
_SPARKLINES = (
    '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups '
    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup displayEmptyCellsAs="gap">'
    '<x14:colorSeries rgb="FF376092"/><x14:sparklines><x14:sparkline><xm:f>\'T2.1 Evaluasi Renja\'!E8:G8</xm:f>'
    '<xm:sqref>N8</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>'
)
_IGNORABLE = (b' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" '
              b'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"')


def build_feature_rich(path: Path) -> None:
    """Write the feature-rich workbook (an .xlsm) to ``path``."""
    from openpyxl import load_workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = load_workbook(RENJA)
    ws = wb[SHEET]
    ws["B8"].comment = Comment(USER_NOTE, "Bidang Penempatan")
    rule = DataValidation(type="list", formula1='"Tercapai,Tidak tercapai"', allow_blank=True)
    ws.add_data_validation(rule)
    rule.add("M7:M40")
    ws.conditional_formatting.add("E7:E40", CellIsRule(operator="lessThan", formula=["0"],
                                                       fill=PatternFill("solid", fgColor="FF0000")))
    wb.defined_names["PaguTotal"] = DefinedName("PaguTotal", attr_text="'T3.4 Rencana Program'!$G$76")
    ws.print_area = "A1:M66"
    ws.page_setup.orientation = "landscape"
    ws.oddHeader.center.text = "Renja Dinas Ketenagakerjaan"
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=5, min_row=7, max_row=12))
    ws.add_chart(chart, "O4")
    wb.save(path)

    parts = members(path)
    sheet_part = _sheet_part(parts, SHEET)
    drawing_part = next(n for n in parts if re.match(r"xl/drawings/drawing\d+\.xml$", n))
    vml_part = next(n for n in parts if n.endswith(".vml"))
    drawing_rels = drawing_part.replace("drawings/", "drawings/_rels/") + ".rels"
    parts[drawing_part] = re.sub(rb"(</(?:xdr:)?wsDr>)", (_anchor(15, 20, _PICTURE) + _anchor(15, 26, _SHAPE)).encode()
                                 + rb"\1", parts[drawing_part], count=1)
    parts[drawing_rels] = parts[drawing_rels].replace(
        b"</Relationships>", b'<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/image" Target="../media/logo1.png"/></Relationships>')
    parts["xl/media/logo1.png"] = png(4, 4)
    vml = re.sub(rb"<xml\b", b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
                 b'office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"', parts[vml_part], count=1)
    at = vml.lower().rfind(b"</xml>")
    parts[vml_part] = vml[:at] + (_BUTTON_TYPE + _BUTTON).encode() + vml[at:]
    sheet = parts[sheet_part]
    sheet = re.sub(rb"<worksheet\b([^>]*)>", lambda m: b"<worksheet" + m.group(1) + _IGNORABLE + b">", sheet, count=1)
    sheet = sheet.replace(b'<row r="8"', b'<row r="8" x14ac:dyDescent="0.25"', 1)
    parts[sheet_part] = sheet.replace(b"</worksheet>", _SPARKLINES.encode() + b"</worksheet>")
    types = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    parts["[Content_Types].xml"] = types.replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        b'<Default Extension="png" ContentType="image/png"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
        b'vbaProject" Target="vbaProject.bin"/></Relationships>')
    parts["xl/vbaProject.bin"] = VBA
    write_zip(path, parts)


def _sheet_part(parts: dict, name: str) -> str:
    workbook = parts["xl/workbook.xml"].decode()
    rel_id = re.search(r'<sheet [^>]*name="' + re.escape(name) + r'"[^>]*r:id="([^"]+)"', workbook).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(r'Id="' + rel_id + r'"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="' + rel_id + '"', rels)
    return "xl/" + (target.group(1) or target.group(2)).lstrip("/").removeprefix("xl/")


def sheet_part(path: Path, name: str = SHEET) -> str:
    """The part name of a sheet in a built workbook."""
    return _sheet_part(members(path), name)
