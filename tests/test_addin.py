"""`renja-xl addin`: the add-in and the macro-enabled templates carry exactly the VBA in renja_xl/addin/macros/.

The VBA is extracted again with oletools (an independent reader of [MS-OVBA] and
[MS-CFB]): every module's source equals its source file (line endings aside), the
worksheet functions' module equals what xlwings' own "Import Functions" writes, every
RunPython call names a Python entry point that exists, every ribbon action names a
ribbon callback that exists. The compression and the compound-file writer are checked
against oletools' and olefile's readers.
"""

from __future__ import annotations

import importlib
import io
import os
import random
import re
import zipfile
from pathlib import Path

import olefile
import pytest
import xlwings
from defusedxml.ElementTree import fromstring
from oletools.olevba import VBA_Parser, decompress_stream

from renja_xl.addin.build import xlwings_module_source
from renja_xl.addin.cfb import read_cfb, write_cfb
from renja_xl.addin.ovba import compress, decompress
from renja_xl.cli import main

MACROS = Path(__file__).resolve().parent.parent / "renja_xl" / "addin" / "macros"
XLWINGS_MODULE = Path(xlwings.__file__).parent / "xlwings_custom_addin.bas"


def norm(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("dist")
    assert main(["addin", "--out", str(out)]) == 0
    return {p.name: p for p in out.iterdir() if not p.name.startswith(".")}


def modules(path: Path) -> dict:
    parser = VBA_Parser(str(path))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_one_command_builds_the_add_in_and_both_templates(built):
    assert set(built) == {"renja_xl.xlam", "renja_pd.xlsm", "lkjip.xlsm"}


@pytest.mark.parametrize("name", ["renja_xl.xlam", "renja_pd.xlsm", "lkjip.xlsm"])
def test_the_extracted_vba_equals_the_sources(built, name):
    found = modules(built[name])
    assert norm(found["RenjaXL.bas"]) == norm((MACROS / "RenjaXL.bas").read_text(encoding="cp1252"))
    assert norm(found["xlwings.bas"]) == norm(xlwings_module_source().decode("cp1252"))
    # xlwings' own module, only its project name changed (its settings file and sheet become renja_xl's)
    changed = [(a, b) for a, b in zip(norm(found["xlwings.bas"]).splitlines(),
                                      norm(XLWINGS_MODULE.read_text(encoding="cp1252")).splitlines()) if a != b]
    assert changed == [('Public Const PROJECT_NAME As String = "renja_xl"',
                        'Public Const PROJECT_NAME As String = "myaddin"')]
    if name.endswith(".xlsm"):  # a document module for every sheet, named as the sheet's code name
        with zipfile.ZipFile(built[name]) as z:
            code_names = re.findall(rb'codeName="(Sheet\d+)"', b"".join(
                z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")))
        assert code_names and {f"{c.decode()}.cls" for c in code_names} <= set(found)


def test_every_run_python_names_an_entry_point_that_exists(built):
    calls = re.findall(r'RunPython "import ([\w.]+) as (\w+); \2\.(\w+)\((?:\)"|lama=" & TeksPython\(lama\) & "\)")',
                       modules(built["renja_xl.xlam"])["RenjaXL.bas"])
    assert {c[2] for c in calls} == {"hitung", "periksa", "bersihkan", "perbaiki", "batalkan", "simpan_versi",
                                     "bandingkan"}
    for module, _, function in calls:
        assert callable(getattr(importlib.import_module(module), function))


@pytest.mark.parametrize("name", ["renja_xl.xlam", "renja_pd.xlsm"])
def test_every_ribbon_button_calls_a_callback_that_exists(built, name):
    with zipfile.ZipFile(built[name]) as z:
        ui = fromstring(z.read("customUI/customUI.xml"))
        rels = z.read("_rels/.rels")
    assert b"ui/extensibility" in rels
    actions = [el.get("onAction") for el in ui.iter() if el.get("onAction")]
    labels = [el.get("label") for el in ui.iter() if el.tag.endswith("button")]
    assert labels == ["Hitung", "Periksa", "Bersihkan", "Perbaiki", "Batalkan", "Simpan Versi", "Bandingkan"]
    source = modules(built[name])
    for action in actions:
        module, procedure = action.split(".")
        assert re.search(rf"Sub {procedure}\(control As IRibbonControl\)", source[f"{module}.bas"]), action
    visible = [el.get("getVisible") for el in ui.iter() if el.get("getVisible")]
    assert visible == ["RenjaXL.RibbonGroupVisible"]
    assert re.search(r"Sub RibbonGroupVisible\(control As IRibbonControl, ByRef returnedVal\)", source["RenjaXL.bas"])
    tabs = [el for el in ui.iter() if el.tag.endswith("}tab")]
    assert [t.get("idQ") for t in tabs] == ["rxl:renjaXlTab"]   # one tab shared by the add-in and a template


def test_the_templates_are_macro_enabled_workbooks_that_openpyxl_and_libreoffice_open(built, tmp_path):
    from openpyxl import load_workbook

    from recalc import recalculate

    for name in ("renja_pd.xlsm", "lkjip.xlsm"):
        with zipfile.ZipFile(built[name]) as z:
            assert b"macroEnabled.main+xml" in z.read("[Content_Types].xml")
        book = load_workbook(built[name], keep_vba=True)
        assert "Petunjuk" in book.sheetnames
    converted = recalculate([built["renja_pd.xlsm"]], tmp_path / "lo")
    assert load_workbook(converted[0]).sheetnames[0] == "Petunjuk"


@pytest.mark.parametrize("size", [0, 1, 3, 100, 4095, 4096, 4097, 9000, 45000])
def test_compression_is_what_oletools_decompresses(size):
    random.seed(size)
    text = bytes(random.choice(b"Sub End If x = 1\r\n\"'") for _ in range(size))
    assert decompress(compress(text)) == text
    if size:
        assert bytes(decompress_stream(bytearray(compress(text)))) == text


def test_compression_of_incompressible_bytes_and_of_xlwings_own_module():
    noise = os.urandom(10_000)
    assert bytes(decompress_stream(bytearray(compress(noise)))) == noise
    source = XLWINGS_MODULE.read_bytes()
    assert bytes(decompress_stream(bytearray(compress(source)))) == source


def test_the_compound_file_writer_is_read_back_by_olefile():
    streams = {("PROJECT",): b"ID=\"x\"\r\n", ("VBA", "dir"): b"d" * 5000, ("VBA", "Modul"): b"m" * 100,
               ("VBA", "_VBA_PROJECT"): b"\xcc\x61\xff\xff\x00\x00\x00", ("Empty",): b""}
    streams.update({("VBA", f"Sheet{k}"): bytes([k]) * (k * 300) for k in range(1, 20)})
    data = write_cfb(streams)
    ole = olefile.OleFileIO(io.BytesIO(data))
    assert {tuple(p) for p in ole.listdir()} == set(streams)
    assert all(ole.openstream(list(p)).read() == v for p, v in streams.items())
    assert read_cfb(data)[0] == streams


def test_every_procedure_the_module_calls_exists_in_the_project(built):
    found = modules(built["renja_xl.xlam"])
    defined = {name for code in found.values() for name in re.findall(r"(?m)^(?:Public |Private )?(?:Sub|Function) (\w+)", code)}
    body = found["RenjaXL.bas"]
    keywords = {"RunPython", "On", "Dim", "ReDim", "Set", "If", "ElseIf", "Else", "For", "Next", "returnedVal", "Exit",
                "End", "MsgBox"}
    statements = re.findall(r"(?m)^ {4,}(\w+)\s*$", body) + re.findall(r"(?m)^ {4,}(\w+) (?!=)", body)  # not x = …
    called = set(statements)
    buttons = {"RenjaHitung", "RenjaPeriksa", "RenjaBersihkan", "RenjaPerbaiki", "RenjaBatalkan", "RenjaSimpanVersi",
               "RenjaBandingkan"}
    assert buttons <= called - keywords <= defined, called - defined


def test_the_add_in_settings_sheet_is_the_one_xlwings_reads(built):
    """xlwings' VBA reads settings from the sheet named exactly PROJECT_NAME & ".conf"."""
    from renja_xl.io.xlsx_reader import read_package

    project = re.search(r'PROJECT_NAME As String = "(\w+)"', xlwings_module_source().decode("cp1252")).group(1)
    assert re.search(r'Set sht = wb\.Sheets\(PROJECT_NAME & "\.conf"\)', XLWINGS_MODULE.read_text(encoding="cp1252"))
    with zipfile.ZipFile(built["renja_xl.xlam"]) as archive:
        sheets = {s.name: s for s in read_package(archive)}
    assert set(sheets) == {f"{project}.conf"}
    assert ["UDF Modules", "renja_xl.excel.udfs"] in sheets[f"{project}.conf"].rows
    importlib.import_module("renja_xl.excel.udfs")


def _xlwings_udf_writer():
    """xlwings' own generator of the functions' module (xlwings/udfs.py, Windows-only imports stood in for)."""
    import importlib.util
    import sys
    import types

    saved = {n: sys.modules.get(n) for n in ("pythoncom", "pywintypes", "win32com", "win32com.client")}
    try:
        for name in saved:
            sys.modules[name] = types.ModuleType(name)
        sys.modules["pythoncom"].CoInitialize = lambda: None
        sys.modules["win32com.client"].Dispatch = lambda *a: None
        spec = importlib.util.spec_from_file_location("xlwings._udfs_windows", Path(xlwings.__file__).parent / "udfs.py")
        module = importlib.util.module_from_spec(spec)
        module.__package__ = "xlwings"
        spec.loader.exec_module(module)
        return module
    finally:
        for name, value in saved.items():
            if value is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = value


@pytest.mark.parametrize("name", ["renja_xl.xlam", "renja_pd.xlsm", "lkjip.xlsm"])
def test_the_worksheet_functions_module_is_what_xlwings_import_functions_writes(built, name):
    import types

    udfs = _xlwings_udf_writer()
    source = (Path(__file__).resolve().parent.parent / "renja_xl" / "excel" / "udfs.py").read_text(encoding="utf-8")
    module = types.ModuleType("renja_xl_udfs_for_xlwings")
    module.xlfunc = udfs.xlfunc
    exec(compile(source.replace("import xlwings as xw\n", "").replace("from . import functions", "")
                 .replace("@xw.func", "@xlfunc"), "udfs.py", "exec"), module.__dict__)
    text = io.StringIO()
    writer = udfs.VBAWriter(text)
    writer.writeln('Attribute VB_Name = "xlwings_udfs"')
    writer.writeln("'Autogenerated code by xlwings - changes will be lost with next import!")
    writer.writeln("""#Const App = "Microsoft Excel" 'Adjust when using outside of Excel""")
    udfs.generate_vba_wrapper("renja_xl.excel.udfs", module, text, types.SimpleNamespace(Name=name))
    found = modules(built[name])
    assert norm(found["xlwings_udfs.bas"]) == norm(text.getvalue())
    assert len(re.findall(r"(?m)^Function RENJA_\w+\(", found["xlwings_udfs.bas"])) == 4
    # CallUDF is xlwings' own: the module calls nothing the project lacks
    assert re.search(r"(?m)^Function XLPy\(\)", found["xlwings.bas"])


def test_xlwings_is_pinned_to_the_version_the_add_in_is_built_from():
    """The add-in's VBA loads the DLL of the xlwings it was built from: setup.cfg pins that xlwings."""
    import configparser

    config = configparser.ConfigParser()
    config.read(Path(__file__).resolve().parent.parent / "setup.cfg")
    requires = [r.strip() for r in config["options"]["install_requires"].splitlines() if r.strip()]
    pinned = next(r for r in requires if r.startswith("xlwings"))
    assert pinned == f"xlwings=={xlwings.__version__}"
    dlls = set(re.findall(r'Lib "xlwings(?:32|64)-([\d.]+)\.dll"', xlwings_module_source().decode("cp1252")))
    assert dlls == {xlwings.__version__}
