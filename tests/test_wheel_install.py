"""Installed the way users install: the wheel, in a fresh virtual environment, with nothing of the repository.

``pip wheel .`` builds what ``python -m build`` builds (PEP 517, setuptools); the wheel goes
into a new venv with its dependencies from the package index, and the commands run from a
folder outside the repository: ``renja-xl addin`` builds the add-in and the templates from
the macro sources the wheel carries, ``renja-xl check`` checks the example as in the tree,
``renja-xl lite`` writes the same self-contained Lite script. The add-in built there holds
the five buttons and the worksheet functions' module (read back with oletools).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from oletools.olevba import VBA_Parser

from conftest import RENJA_EXAMPLE
from renja_xl.cli import main
from wheel_build import built_wheel

PACKAGE_DATA = {"renja_xl/data/satuan.csv", "renja_xl/data/kolom.csv", "renja_xl/addin/macros/RenjaXL.bas",
                "renja_xl/addin/macros/customUI.xml", "renja_xl/addin/macros/lite/main.py",
                "renja_xl/addin/macros/lite/requirements.txt"}


def test_the_wheel_carries_the_macro_sources_and_the_data():
    with zipfile.ZipFile(built_wheel()) as archive:
        names = set(archive.namelist())
        metadata = next(archive.read(n) for n in names if n.endswith(".dist-info/METADATA")).decode()
    assert PACKAGE_DATA <= names
    requires = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    import xlwings

    assert f"xlwings=={xlwings.__version__}" in requires        # the add-in is tied to this xlwings
    # the batch rekap's pandas is an extra (renja-xl[batch]): a plain install, as the add-in's, never brings it
    assert not any(r.startswith(("pandas", "numpy")) and "extra ==" not in r for r in requires)
    with zipfile.ZipFile(built_wheel()) as archive:
        lite = archive.read("renja_xl/addin/macros/lite/requirements.txt").decode()
        bas = archive.read("renja_xl/addin/macros/RenjaXL.bas")
    assert [line for line in lite.splitlines() if line and not line.startswith("#")] == [f"xlwings=={xlwings.__version__}"]
    assert b"ImportPythonUDFs" not in bas                        # the functions come built in, nothing to import


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    folder = tmp_path_factory.mktemp("venv")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(folder / "env")], check=True)
    python = folder / "env" / ("Scripts" if os.name == "nt" else "bin") / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", str(built_wheel())],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    print(f"venv with the wheel installed in {time.perf_counter() - started:.1f} s")
    return folder, python.parent / "renja-xl"


def run(command, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


def test_the_installed_command_is_not_the_repository(venv):
    folder, renja = venv
    done = run([renja.parent / "python", "-c", "import renja_xl, xlwings; print(renja_xl.__file__, xlwings.__version__)"],
               folder)
    assert done.returncode == 0 and "site-packages" in done.stdout and str(Path(__file__).parent.parent) not in done.stdout


def test_addin_from_the_installed_wheel_has_the_buttons_and_the_functions(venv):
    folder, renja = venv
    done = run([renja, "addin", "--out", "dist"], folder)
    assert done.returncode == 0, done.stderr
    built = {p.name: p for p in (folder / "dist").iterdir()}
    assert set(built) == {"renja_xl.xlam", "renja_pd.xlsm", "lkjip.xlsm"}
    for name in built:
        parser = VBA_Parser(str(built[name]))
        try:
            found = {module: code for _, _, module, code in parser.extract_macros()}
        finally:
            parser.close()
        assert {"RenjaXL.bas", "xlwings.bas", "xlwings_udfs.bas"} <= set(found)
        assert len([line for line in found["xlwings_udfs.bas"].splitlines() if line.startswith("Function RENJA_")]) == 4
        with zipfile.ZipFile(built[name]) as archive:
            ui = fromstring(archive.read("customUI/customUI.xml"))
        assert [el.get("label") for el in ui.iter() if el.tag.endswith("button")] == [
            "Hitung", "Periksa", "Bersihkan", "Perbaiki", "Batalkan", "Simpan Versi", "Bandingkan"]


def same_code(args, cwd):
    """The command run by this interpreter on the wheel's own files (the tree may be changing under other work)."""
    from wheel_build import unpacked_wheel

    env = {**{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}, "PYTHONPATH": str(unpacked_wheel())}
    code = "import sys; from renja_xl.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env=env)


def test_check_from_the_installed_wheel_finds_what_the_same_code_finds_here(venv, tmp_path):
    folder, renja = venv
    done = run([renja, "check", RENJA_EXAMPLE, "--no-output", "--format", "json"], folder)
    assert done.returncode == 1, done.stderr          # the example has errors, as the real document does
    here = same_code(["check", RENJA_EXAMPLE, "--no-output", "--format", "json"], tmp_path)
    assert here.returncode == 1, here.stderr
    strip = (lambda r: {k: v for k, v in (r[0] if isinstance(r, list) else r).items() if k != "file"})
    assert strip(json.loads(done.stdout)) == strip(json.loads(here.stdout))


def test_lite_from_the_installed_wheel_carries_the_wheels_renja_xl(venv, tmp_path):
    folder, renja = venv
    done = run([renja, "lite", "--out", "lite"], folder)
    assert done.returncode == 0, done.stderr
    assert same_code(["lite", "--out", tmp_path], tmp_path).returncode == 0
    for name in ("main.py", "requirements.txt"):
        assert (folder / "lite" / name).read_text() == (tmp_path / name).read_text(), name
