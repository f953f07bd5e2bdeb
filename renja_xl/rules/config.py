"""Rule settings from an INI file: beside the workbook, in the project, or given explicitly.

Looked for, first found wins: ``--config FILE``; ``renja-xl.ini`` beside the
workbook; ``renja-xl.ini`` or ``setup.cfg`` in the current folder. Sections::

    [renja_xl]
    satuan = satuan_saya.csv        ; extra units (columns unit,kind,spellings)

    [renja_xl:rules:RXL405]
    enabled = false                 ; switch a rule off
    severity = info                 ; error, warning or info
    tolerance = 0.5                 ; any option the rule documents

A file that cannot be read or names an unknown rule or severity is unusable input
(exit 2), never silently ignored.
"""

from __future__ import annotations

import configparser
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import InputError
from .base import REGISTRY, Severity, all_rules

CONFIG_NAMES = ("renja-xl.ini",)
PROJECT_NAMES = ("renja-xl.ini", "setup.cfg")
_PREFIX = "renja_xl:rules:"


@dataclass
class RuleSettings:
    enabled: bool = True
    severity: Optional[Severity] = None
    options: dict = field(default_factory=dict)


@dataclass
class CheckConfig:
    """Settings for one check run."""

    rules: dict = field(default_factory=dict)   # code -> RuleSettings
    units_file: Optional[str] = None
    columns_file: Optional[str] = None   # more column spellings (kolom = …): concept,role,spellings
    nomenclature_file: Optional[str] = None   # the official kode list (nomenklatur = …) for the RXL8xx rules
    source: Optional[str] = None

    def settings(self, code: str) -> RuleSettings:
        return self.rules.get(code, RuleSettings())


def _value(text: str):
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "ya", "on", "1"):
        return True
    if lowered in ("false", "no", "tidak", "off", "0"):
        return False
    try:
        return float(text)
    except ValueError:
        return text.strip()


MAX_SETTINGS_BYTES = 4 * 1024 * 1024   # a settings or vocabulary file is a few kilobytes
MAIN_KEYS = ("satuan", "kolom", "nomenklatur")   # what the [renja_xl] section may set
_TRUE = ("true", "yes", "ya", "on", "1")
_FALSE = ("false", "no", "tidak", "off", "0")


def read_text_file(path: Path, what: str, named_in: str = "") -> str:
    """A small UTF-8 text file's content, or an InputError sentence saying why it is not one.

    Only a regular file is opened (a FIFO, a device or a folder is refused by name
    without blocking), at most :data:`MAX_SETTINGS_BYTES` are read, and the bytes must
    be UTF-8 text: ``satuan = /usr/bin/ls`` gets a sentence, not a decoding error.
    """
    where = f" yang disebut di '{named_in}'" if named_in else ""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        raise InputError(f"{what} '{path}'{where} tidak ditemukan.") from None
    if not stat.S_ISREG(mode):
        kind = "adalah folder" if stat.S_ISDIR(mode) else "bukan berkas biasa (pipa, perangkat atau soket)"
        raise InputError(f"{what} '{path}'{where} {kind}; yang diharapkan berkas teks.")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError(f"{what} '{path}'{where} bukan berkas biasa; yang diharapkan berkas teks.")
            data = handle.read(MAX_SETTINGS_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{what} '{path}'{where} tidak dapat dibaca ({exc.strerror or type(exc).__name__}).") from None
    if len(data) > MAX_SETTINGS_BYTES:
        raise InputError(f"{what} '{path}'{where} terlalu besar (lebih dari {MAX_SETTINGS_BYTES // 1024 ** 2} MB) "
                         "untuk berkas pengaturan.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{what} '{path}'{where} bukan berkas teks UTF-8 (mungkin berkas program atau biner).") \
            from None
    if "\x00" in text:
        raise InputError(f"{what} '{path}'{where} bukan berkas teks (berisi byte nol).")
    return text


def _data_file(value: str, ini: Path, key: str, what: str, column: str, columns: str) -> str:
    """The path ``key =`` names, checked to be a readable CSV whose first row has ``column`` (an
    ``.xlsx`` nomenclature is only checked to be a regular file: its reader says the rest)."""
    import csv
    import io

    if not value.strip():
        raise InputError(f"Pengaturan '{key}' di '{ini.name}' kosong; isi dengan nama berkas {what.lower()}.")
    named = Path(value.strip())
    path = named if named.is_absolute() else ini.parent / named
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)
        except (OSError, ValueError):
            raise InputError(f"{what} '{named}' yang disebut di '{ini.name}' tidak ditemukan.") from None
        if not regular:
            raise InputError(f"{what} '{named}' yang disebut di '{ini.name}' bukan berkas biasa.")
        return str(path)
    text = read_text_file(path, what, ini.name)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=";" if text.split("\n", 1)[0].count(";") > 1 else ","))
    except csv.Error as exc:
        raise InputError(f"{what} '{named}' yang disebut di '{ini.name}' bukan CSV yang sah ({exc}).") from None
    if not rows or column not in [h.strip().lower() for h in rows[0]]:
        raise InputError(f"{what} '{named}' yang disebut di '{ini.name}' tidak berkolom {columns} "
                         "pada baris pertamanya.")
    return str(path)


def _units_file(value: str, ini: Path) -> str:
    """The path ``satuan =`` names, checked to be a readable CSV of units (unit,kind,spellings)."""
    return _data_file(value, ini, "satuan", "Berkas satuan", "unit", "unit,kind,spellings")


def _boolean(raw: str, key: str, code: str, ini: Path) -> bool:
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise InputError(f"Nilai '{raw.strip()}' untuk {key} {code} di '{ini.name}' bukan ya/tidak "
                     "(true/false, yes/no, on/off, 1/0).")


def _option_value(raw: str, default, key: str, code: str, ini: Path):
    """A rule option typed like its default: yes/no, a finite number, or text."""
    if isinstance(default, bool):
        return _boolean(raw, key, code, ini)
    if isinstance(default, (int, float)):
        try:
            number = float(raw.strip())
        except ValueError:
            number = float("nan")
        if not math.isfinite(number):
            raise InputError(f"Nilai '{raw.strip()}' untuk opsi {key} {code} di '{ini.name}' bukan bilangan.")
        if isinstance(default, int) and not number.is_integer():
            raise InputError(f"Nilai '{raw.strip()}' untuk opsi {key} {code} di '{ini.name}' harus bilangan bulat.")
        return int(number) if isinstance(default, int) else number
    if default is None:
        return _value(raw)
    return raw.strip()


def read_config(path: Path) -> CheckConfig:
    """Parse one settings file; every value is checked, a wrong one gets a sentence (exit 2)."""
    all_rules()
    parser = configparser.ConfigParser(interpolation=None)  # a '%' in a path is a percent sign, not a reference
    text = read_text_file(path, "Berkas pengaturan")
    try:
        parser.read_string(text, source=path.name)
    except configparser.Error as exc:
        raise InputError(f"Berkas pengaturan '{path.name}' tidak dapat dibaca ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0][:160]}).") from None
    config = CheckConfig(source=str(path))
    if parser.has_section("renja_xl"):
        for key in parser.options("renja_xl"):
            if key not in MAIN_KEYS:
                raise InputError(f"Pengaturan '{key}' di bagian [renja_xl] '{path.name}' tidak dikenal "
                                 f"(yang dikenal: {', '.join(MAIN_KEYS)}).")
    if parser.has_section("renja_xl") and parser.has_option("renja_xl", "satuan"):
        config.units_file = _units_file(parser.get("renja_xl", "satuan"), path)
    if parser.has_section("renja_xl") and parser.has_option("renja_xl", "nomenklatur"):
        config.nomenclature_file = _data_file(parser.get("renja_xl", "nomenklatur"), path, "nomenklatur",
                                              "Berkas nomenklatur", "kode", "kode,nomenklatur,indikator,satuan")
    if parser.has_section("renja_xl") and parser.has_option("renja_xl", "kolom"):
        config.columns_file = _data_file(parser.get("renja_xl", "kolom"), path, "kolom", "Berkas kosakata kolom",
                                         "concept", "concept,role,spellings")
    for section in parser.sections():
        if not section.startswith(_PREFIX):
            continue
        code = section[len(_PREFIX):].strip().upper()
        if code not in REGISTRY:
            raise InputError(f"Berkas pengaturan '{path.name}' menyebut aturan '{code}' yang tidak ada (lihat: renja-xl rules).")
        settings = RuleSettings()
        for key, raw in parser.items(section):
            if key == "enabled":
                settings.enabled = _boolean(raw, key, code, path)
            elif key == "severity":
                try:
                    settings.severity = Severity(raw.strip().lower())
                except ValueError:
                    raise InputError(f"Tingkat '{raw}' untuk {code} di '{path.name}' tidak dikenal (error, warning, info).") from None
            else:
                if key not in REGISTRY[code].options:
                    known = ", ".join(REGISTRY[code].options) or "tidak ada"
                    raise InputError(f"Opsi '{key}' untuk {code} di '{path.name}' tidak dikenal (opsi: {known}).")
                settings.options[key] = _option_value(raw, REGISTRY[code].options[key], key, code, path)
        config.rules[code] = settings
    return config


def find_config(workbook: Optional[Path], explicit: Optional[Path] = None) -> CheckConfig:
    """The settings that apply to a workbook (defaults when no file is found)."""
    if explicit is not None:
        read_text_file(explicit, "Berkas pengaturan")  # found, regular, text: or a sentence
        return read_config(explicit)
    candidates = []
    if workbook is not None:
        candidates += [workbook.parent / name for name in CONFIG_NAMES]
    candidates += [Path.cwd() / name for name in PROJECT_NAMES]
    for candidate in candidates:
        if candidate.is_file():
            if candidate.name == "setup.cfg":
                parser = configparser.ConfigParser(interpolation=None)
                try:
                    parser.read(candidate, encoding="utf-8")
                except (configparser.Error, UnicodeDecodeError, OSError):
                    continue  # another tool's file: not ours to judge
                if not any(s == "renja_xl" or s.startswith(_PREFIX) for s in parser.sections()):
                    continue
            return read_config(candidate)
    return CheckConfig()
