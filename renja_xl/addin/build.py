"""``renja-xl addin``: the Excel add-in and the macro-enabled templates, from the sources in ``addin/macros/``.

The add-in is xlwings' own ribbon add-in skeleton (``quickstart_addin_ribbon.xlam``, in the
installed xlwings package) with its sample module replaced by ``macros/RenjaXL.bas``, its
ribbon by ``macros/customUI.xml`` and the worksheet functions' module ``xlwings_udfs``
written at build time (:mod:`.udf_vba`); xlwings' VBA module (RunPython, CallUDF) stays as
xlwings ships it, its project name set to ``renja_xl`` (settings: the ``renja_xl.conf``
sheet or file). The add-in is tied to the xlwings it was built with (its VBA loads that
version's DLL), which setup.cfg pins. The templates are the generated official templates
with the same VBA project (a document module per sheet) and the same ribbon tab. The
macro sources are package data: the command works from an installed wheel.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import InputError, OutputError
from ..excel.settings import SETTINGS_SHEET
from ..io.atomic import write_bytes_atomic
from .vbaproject import CODEPAGE, VbaProject

SKELETON = "quickstart_addin_ribbon.xlam"
SAMPLE_MODULE = "RibbonMyAddin"
MODULE = "RenjaXL"
PROJECT_NAME = "RenjaXLAddin"
CONFIG_NAME = SETTINGS_SHEET.removesuffix(".conf")   # xlwings settings: the add-in's "renja_xl.conf" sheet
UDF_MODULES = "renja_xl.excel.udfs"
UI_REL = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def default_macros() -> Path:
    return Path(__file__).resolve().parent / "macros"


def _skeleton() -> bytes:
    import xlwings

    path = Path(xlwings.__file__).parent / SKELETON
    if not path.exists():
        raise InputError(f"Kerangka add-in xlwings '{SKELETON}' tidak ada di paket xlwings yang terpasang.")
    return path.read_bytes()


def _sources(macros: Path) -> tuple[bytes, bytes]:
    module, ribbon = macros / f"{MODULE}.bas", macros / "customUI.xml"
    for path in (module, ribbon):
        if not path.exists():
            raise InputError(f"Sumber makro '{path}' tidak ada; pasang ulang renja-xl (berkas paket tidak lengkap).")
    return module.read_bytes(), ribbon.read_bytes()


def _rename_project(project: VbaProject, name: str) -> None:
    text = project.streams[("PROJECT",)].decode(CODEPAGE)
    text = re.sub(r'(?m)^Name="[^"]*"', f'Name="{name}"', text)
    project.streams[("PROJECT",)] = text.encode(CODEPAGE)
    for record in project.head:
        if record.id == 0x04:  # PROJECTNAME
            record.data = name.encode(CODEPAGE)


def xlwings_module_source() -> bytes:
    """xlwings' own add-in module, its one project-name constant set to ours (as ``xlwings quickstart`` does):
    settings are then read from ``%USERPROFILE%\\.renja_xl\\renja_xl.conf`` or the ``renja_xl.conf`` sheet."""
    import xlwings

    source = (Path(xlwings.__file__).parent / "xlwings_custom_addin.bas").read_bytes()
    line = b'Public Const PROJECT_NAME As String = "myaddin"'
    if line not in source:
        raise InputError("Modul VBA xlwings yang terpasang tidak dikenali (PROJECT_NAME tidak ada).")
    return source.replace(line, f'Public Const PROJECT_NAME As String = "{CONFIG_NAME}"'.encode())


def vba_project(module_source: bytes, sheets: int = 0) -> VbaProject:
    """The skeleton's project with our module, the worksheet functions' module, and ``sheets`` document
    modules ``Sheet1``… (templates)."""
    from .udf_vba import VBA_MODULE, udf_module_source

    with zipfile.ZipFile(io.BytesIO(_skeleton())) as skeleton:
        project = VbaProject(skeleton.read("xl/vbaProject.bin"))
    project.replace_module(SAMPLE_MODULE, MODULE, module_source)
    project.replace_module("xlwings", "xlwings", xlwings_module_source())
    project.add_module(MODULE, VBA_MODULE, udf_module_source(add_in=not sheets))
    _rename_project(project, PROJECT_NAME)
    if sheets:
        like = next(m.name for m in project.modules if m.is_document and m.name.lower().startswith("sheet"))
        base = project.source(like).decode(CODEPAGE)
        for k in range(1, sheets + 1):
            name = f"Sheet{k}"
            source = base.replace(f'Attribute VB_Name = "{like}"', f'Attribute VB_Name = "{name}"')
            if name == like:
                continue
            project.add_document_module(like, name, source.encode(CODEPAGE))
    return project


def build_addin(macros: Path) -> bytes:
    """The add-in (.xlam) as bytes."""
    from ..io.package import Package

    module, ribbon = _sources(macros)
    package = Package(_skeleton(), SKELETON)
    ui_part = next((n for n in package.order if n.lower().startswith("customui/") and n.lower().endswith(".xml")),
                   "customUI/customUI.xml")
    package.write(ui_part, ribbon)
    package.write("xl/vbaProject.bin", vba_project(module).to_bytes())
    # the settings sheet: xlwings' VBA reads only a sheet named exactly "<project>.conf"
    package.write("xl/workbook.xml", package.read("xl/workbook.xml").replace(
        b'name="_myaddin.conf"', f'name="{CONFIG_NAME}.conf"'.encode()))
    return _with_udf_module(package.save())


def _with_udf_module(xlam: bytes) -> bytes:
    from ..edits import CellEdit, WorkbookEdits
    from ..io.patch import apply_edits
    from ..io.xlsx_reader import read_package

    sheet = f"{CONFIG_NAME}.conf"
    with zipfile.ZipFile(io.BytesIO(xlam)) as archive:
        rows = next(s for s in read_package(archive) if s.name == sheet).rows
    row = next(i for i, r in enumerate(rows, start=1) if r and r[0] == "UDF Modules")
    return apply_edits(xlam, WorkbookEdits(cells=[CellEdit(sheet, row, 2, value=UDF_MODULES)]), "renja_xl.xlam")


def build_macro_template(xlsx: bytes, macros: Path, name: str) -> bytes:
    """A template (.xlsx bytes) made macro-enabled: our VBA project, a code name per sheet, the ribbon tab."""
    from ..io.package import NS_MAIN, Package, qn
    from ..io.patch import Workbook
    from ..io.sheetxml import insert_in_order

    module, ribbon = _sources(macros)
    package = Package(xlsx, name)
    workbook = Workbook(package)
    sheets = list(workbook.parts.values())
    project = vba_project(module, sheets=len(sheets))
    pr = workbook.root.find(qn(NS_MAIN, "workbookPr"))
    if pr is None:
        pr = workbook.child("workbookPr")
    pr.set("codeName", "ThisWorkbook")
    for k, part in enumerate(sheets, start=1):
        root = package.xml(part).root
        sheet_pr = root.find(qn(NS_MAIN, "sheetPr"))
        if sheet_pr is None:
            sheet_pr = insert_in_order(root, ET.Element(qn(NS_MAIN, "sheetPr")))
        sheet_pr.set("codeName", f"Sheet{k}")
    package.write("xl/vbaProject.bin", project.to_bytes())
    package.add_relationship(workbook.part, VBA_REL, "xl/vbaProject.bin")
    package.ensure_default("bin", "application/vnd.ms-office.vbaProject")
    package.set_content_type(workbook.part, MACRO_MAIN)
    package.write("customUI/customUI.xml", ribbon)
    package.add_relationship("", UI_REL, "customUI/customUI.xml")
    return package.save()


def build_all(out: Path, macros: Path | None = None) -> list[Path]:
    """Write the add-in and both macro-enabled templates into ``out``; the paths written."""
    from ..io.template import build_workbook, deterministic_bytes

    macros = macros or default_macros()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Folder '{out}' tidak dapat dibuat: {exc.strerror or exc}.") from None
    written = [out / "renja_xl.xlam"]
    write_bytes_atomic(written[0], build_addin(macros))
    for document, name in (("renja", "renja_pd.xlsm"), ("lkjip", "lkjip.xlsm")):
        wb, _ = build_workbook(document, year=None)
        write_bytes_atomic(out / name, build_macro_template(deterministic_bytes(wb), macros, name))
        written.append(out / name)
    return written
