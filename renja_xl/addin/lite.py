"""``renja-xl lite``: a self-contained ``main.py`` and its ``requirements.txt`` for the xlwings Lite editor.

xlwings Lite installs the packages of requirements.txt in the browser, from an index it can
reach over HTTPS with cross-origin headers; renja-xl is on none, and a wheel on a file share
cannot be fetched. So ``main.py`` carries renja_xl itself: the core and the Excel side
(everything the buttons and the worksheet functions import, and the vocabularies in
``data/``), as a zip in base64 that it unpacks into Pyodide's memory file system on first
import; after it comes the Lite script (``macros/lite/main.py``) unchanged. requirements.txt
names only xlwings, the version this renja-xl was built and tested with.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

from ..errors import OutputError
from ..io.atomic import write_bytes_atomic

PACKAGE = Path(__file__).resolve().parent.parent
LITE = Path(__file__).resolve().parent / "macros" / "lite"
LEFT_OUT = ("io", "addin", "cli.py", "render.py", "excel/udfs.py", "__main__.py")   # files, the command line, desktop
MARK = "import xlwings as xw\n"


def embedded_files() -> dict:
    """{path inside the package: bytes} of what main.py carries."""
    files = {}
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not path.is_file() or "__pycache__" in rel or any(rel == x or rel.startswith(x + "/") for x in LEFT_OUT):
            continue
        if path.suffix in (".py", ".csv"):
            files[rel] = path.read_bytes()
    return files


def _zip(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for rel, data in files.items():
            info = zipfile.ZipInfo("renja_xl/" + rel, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def lite_main() -> str:
    """The text of the self-contained main.py."""
    from .. import __version__

    script = (LITE / "main.py").read_text(encoding="utf-8")
    if MARK not in script:
        raise OutputError("Skrip xlwings Lite bawaan tidak dikenali (baris 'import xlwings as xw' tidak ada).")
    docstring, body = script.split(MARK, 1)
    packed = _zip(embedded_files())
    digest = hashlib.sha256(packed).hexdigest()[:12]
    encoded = base64.b64encode(packed).decode("ascii")
    lines = "\n".join(encoded[i:i + 100] for i in range(0, len(encoded), 100))
    return (
        docstring.rstrip() + "\n\n"
        f"# renja-xl {__version__}, bundled below by `renja-xl lite` (sha256 {digest}): paste this whole file as main.py.\n"
        "# Do not edit the block of letters: it is the renja_xl package itself, zipped.\n"
        "import base64 as _base64\nimport io as _io\nimport os as _os\nimport sys as _sys\n"
        "import tempfile as _tempfile\nimport zipfile as _zipfile\n\n"
        f'_RENJA_XL = """\n{lines}\n"""\n\n\n'
        "def _unpack_renja_xl():\n"
        f'    folder = _os.path.join(_tempfile.gettempdir(), "renja_xl-{__version__}-{digest}")\n'
        "    if not _os.path.isdir(_os.path.join(folder, \"renja_xl\")):\n"
        "        with _zipfile.ZipFile(_io.BytesIO(_base64.b64decode(_RENJA_XL))) as archive:\n"
        "            archive.extractall(folder)\n"
        "    if folder not in _sys.path:\n"
        "        _sys.path.insert(0, folder)\n"
        "    for name in [m for m in _sys.modules if m == \"renja_xl\" or m.startswith(\"renja_xl.\")]:\n"
        "        del _sys.modules[name]  # an older paste's modules: this one's are used\n\n\n"
        "_unpack_renja_xl()\n\n" + MARK + body
    )


def lite_requirements() -> str:
    import xlwings

    return ("# xlwings Lite: requirements.txt for the main.py written by `renja-xl lite`.\n"
            "# renja-xl itself is inside main.py; xlwings is the version renja-xl was built and tested with.\n"
            f"xlwings=={xlwings.__version__}\n")


def write_lite(out: Path) -> list[Path]:
    """Write main.py and requirements.txt into ``out``; the paths written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Folder '{out}' tidak dapat dibuat: {exc.strerror or exc}.") from None
    written = [out / "main.py", out / "requirements.txt"]
    write_bytes_atomic(written[0], lite_main().encode("utf-8"))
    write_bytes_atomic(written[1], lite_requirements().encode("utf-8"))
    return written
