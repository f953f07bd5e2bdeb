"""The rule settings the buttons use: what ``renja-xl.ini`` is to the command, read in Excel.

Looked for, first found wins (as the command takes the first settings file it finds):

1. the sheet ``renja_xl.conf`` of the workbook (the sheet xlwings itself reads its settings
   from: key in column A, value in column B, down to the first empty key);
2. the sheet ``renja_xl.conf`` of the add-in ``renja_xl.xlam`` (desktop);
3. ``renja-xl.ini`` beside the workbook, as ``renja-xl check`` finds it (desktop: the book is a
   file; xlwings Lite has none).

A sheet counts when it holds at least one of renja-xl's keys; xlwings' own keys
(``Interpreter_Win``, ``UDF Modules``…) are passed over. renja-xl's keys are those of
``renja-xl.ini``, written as one key a row::

    satuan          satuan_saya.csv     (a path: beside the workbook when not absolute; or the name
    kolom           kolom_saya.csv       of a sheet of the workbook holding the file's rows, which
    nomenklatur     nomenklatur.csv      travels with the book and works in xlwings Lite too)
    RXL405 enabled  false               ([renja_xl:rules:RXL405] enabled = false)
    RXL101 severity warning
    RXL101 tolerance 0.5                (any option the rule documents)
    renja-xl.ini    D:\\Renja\\renja-xl.ini  (a settings file, as --config; nothing else in the sheet then)
    versi lama      renja_rancangan.xlsx (Bandingkan: the older version, an open workbook or a file)

The keys are turned into the INI the command reads and checked by the same code
(:func:`renja_xl.rules.config.read_config`), so a wrong value gets the command's sentence,
naming the sheet. Under xlwings Lite there are no files: the rule keys and the vocabularies
kept in sheets work, a path does not (its sentence says so).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

SETTINGS_SHEET = "renja_xl.conf"     # xlwings reads only a sheet named exactly "<project>.conf"
ADDIN_BOOK = "renja_xl.xlam"
FILE_KEYS = ("satuan", "kolom", "nomenklatur")
INI_KEY = "renja-xl.ini"
OLD_VERSION_KEY = "versi lama"


@dataclass
class ButtonSettings:
    """What the buttons use of the settings: the rules' config, the vocabularies, the nomenclature."""

    config: Any = None                 # renja_xl.rules.config.CheckConfig
    units: Any = None
    vocabulary: Any = None
    nomenclature: Any = None
    old_version: Optional[str] = None  # Bandingkan's "versi lama"
    source: str = ""                   # where they were read from ("" for the defaults)
    keys: dict = field(default_factory=dict)

    def said(self, message: str) -> str:
        """A button's message, followed by where its settings came from (nothing for the defaults)."""
        return f"{message} Pengaturan dibaca dari {self.source}." if self.source else message


def _folder_of(book) -> Optional[Path]:
    """The folder of a workbook saved on this computer; None in xlwings Lite, for a new book or a web address."""
    try:
        full = str(book.fullname)
    except Exception:  # noqa: BLE001 - an engine that cannot say has no folder
        return None
    if "://" in full or not os.path.isabs(full):
        return None
    return Path(full).parent


def sheet_pairs(sheet) -> dict:
    """{key (lower case): value} of a settings sheet, read as xlwings reads it: column A down to the first empty key."""
    from .client import values_from_a1

    pairs: dict = {}
    for row in values_from_a1(sheet):
        key = row[0] if row else None
        if key is None or str(key).strip() == "":
            break
        value = row[1] if len(row) > 1 else None
        pairs[" ".join(str(key).split()).lower()] = "" if value is None else str(value).strip()
    return pairs


def _ours(pairs: dict) -> dict:
    """The pairs that are renja-xl's keys."""
    from ..rules.base import REGISTRY, all_rules

    all_rules()
    out = {}
    for key, value in pairs.items():
        head = key.split(" ", 1)[0].upper()
        if key in FILE_KEYS or key in (INI_KEY, OLD_VERSION_KEY) or (head in REGISTRY and " " in key):
            out[key] = value
    return out


def _settings_sheet(book) -> tuple:
    """(the pairs of the first settings sheet holding renja-xl keys, where it is) or ({}, "")."""
    from .writer import sheet_map

    from .client import engine_name

    places = [(book, f"lembar {SETTINGS_SHEET}")]
    if engine_name(book) == "excel":    # xlwings Lite and Server have no add-in: the book's own sheet only
        try:
            places.append((book.app.books[ADDIN_BOOK], f"lembar {SETTINGS_SHEET} add-in {ADDIN_BOOK}"))
        except Exception:  # noqa: BLE001 - the add-in is not open (a template's own buttons)
            pass
    for place, where in places:
        sheet = sheet_map(place).get(SETTINGS_SHEET) if place is book else _sheet_named(place, SETTINGS_SHEET)
        if sheet is None:
            continue
        pairs = _ours(sheet_pairs(sheet))
        if pairs:
            return pairs, where
    return {}, ""


def _sheet_named(book, name: str):
    try:
        return book.sheets[name]
    except Exception:  # noqa: BLE001 - a book without that sheet
        return None


def _ini_text(pairs: dict, folder: Optional[Path], in_temp: Iterable = ()) -> str:
    """The INI ``renja-xl.ini`` would hold for these pairs; relative paths made absolute against ``folder``
    (but those of ``in_temp``: files written beside the INI)."""
    lines = ["[renja_xl]"]
    for key in FILE_KEYS:
        if key in pairs:
            value = pairs[key]
            if value and folder is not None and not os.path.isabs(value) and key not in in_temp:
                value = str(folder / value)
            lines.append(f"{key} = {value}")
    rules: dict = {}
    for key, value in pairs.items():
        if key in FILE_KEYS or key in (INI_KEY, OLD_VERSION_KEY):
            continue
        code, option = key.split(" ", 1)
        rules.setdefault(code.upper(), []).append(f"{option.replace(' ', '_')} = {value}")
    for code, options in rules.items():
        lines += [f"[renja_xl:rules:{code}]", *options]
    return "\n".join(lines) + "\n"


def _sheets_as_files(book, pairs: dict, temp: Path) -> tuple:
    """(the pairs, {key now naming a file in ``temp``: "lembar <name>"}): a ``satuan``/``kolom``/``nomenklatur`` that names a
    sheet of the book is that sheet written as a CSV file in ``temp`` (its first row the header, as the file has it)."""
    import csv

    from .client import values_from_a1
    from .writer import sheet_map

    sheets = {name.casefold(): sheet for name, sheet in sheet_map(book).items()}
    out, in_temp = dict(pairs), {}
    for key in FILE_KEYS:
        sheet = sheets.get(pairs.get(key, "").casefold()) if pairs.get(key) else None
        if sheet is None:
            continue
        name = f"lembar {sheet.name}.csv"        # beside the INI: a sentence names it so
        with open(temp / name, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["" if v is None else str(v) for v in row]
                                          for row in values_from_a1(sheet)])
        out[key] = name
        in_temp[key] = f"lembar {sheet.name}"
    return out, in_temp


def _config_of_pairs(pairs: dict, folder: Optional[Path], temp: Path, in_temp: Iterable = ()):
    """The CheckConfig of a settings sheet's pairs, checked as the command checks its file (``temp``: a folder
    for the INI they make, named as the sheet so that a sentence names it)."""
    from ..errors import InputError
    from ..rules.config import read_config

    if INI_KEY in pairs:
        named = Path(pairs[INI_KEY])
        if not named.is_absolute():
            if folder is None:
                raise InputError(f"Berkas pengaturan '{named}' yang disebut di lembar {SETTINGS_SHEET} tidak dapat "
                                 "dibaca: buku kerja ini tidak tersimpan sebagai berkas di komputer ini.")
            named = folder / named
        return read_config(named)
    ini = temp / SETTINGS_SHEET
    ini.write_text(_ini_text(pairs, folder, in_temp), encoding="utf-8")
    return read_config(ini)


def read_settings(book, nomenclature: bool = False) -> ButtonSettings:
    """The settings that apply to ``book`` (the defaults when none are found); an InputError names a wrong one.

    ``nomenclature``: load the nomenclature the settings name (Periksa; the other buttons
    do not check names against it).
    """
    from ..parse.units import load_units
    from ..reader.vocabulary import load_concepts
    from ..rules.config import CheckConfig, find_config

    folder = _folder_of(book)
    pairs, where = _settings_sheet(book)
    in_temp: dict = {}
    with tempfile.TemporaryDirectory(prefix="renja-xl-") as temp:   # the sheets named as files live here meanwhile
        if pairs:
            files, in_temp = _sheets_as_files(book, pairs, Path(temp))
            config = _config_of_pairs(files, folder, Path(temp), in_temp)
        elif folder is not None:
            config = find_config(folder / str(book.name))
            where = config.source or ""
        else:
            config = CheckConfig()
        settings = ButtonSettings(config, source=where, keys=pairs, old_version=pairs.get(OLD_VERSION_KEY) or None)
        settings.units = load_units(config.units_file) if config.units_file else None
        settings.vocabulary = load_concepts(config.columns_file) if config.columns_file else None
        if nomenclature and config.nomenclature_file:
            settings.nomenclature = load_nomenclature(config.nomenclature_file)
            settings.nomenclature.source = in_temp.get("nomenklatur", settings.nomenclature.source)
    return settings


def load_nomenclature(path: str):
    """The nomenclature a settings file names: a CSV through the core, an XLSX through the file reader (desktop)."""
    if path.lower().endswith((".xlsx", ".xlsm")):
        from ..io.nomenclature import load_nomenclature as load_file

        return load_file(path)
    from ..nomenclature import load_nomenclature_csv

    return load_nomenclature_csv(path)
