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


def read_config(path: Path) -> CheckConfig:
    """Parse one settings file."""
    all_rules()
    parser = configparser.ConfigParser()
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise InputError(f"Berkas pengaturan '{path.name}' tidak dapat dibaca ({type(exc).__name__}).") from None
    config = CheckConfig(source=str(path))
    if parser.has_section("renja_xl") and parser.has_option("renja_xl", "satuan"):
        units = Path(parser.get("renja_xl", "satuan"))
        config.units_file = str(units if units.is_absolute() else path.parent / units)
        if not Path(config.units_file).is_file():
            raise InputError(f"Berkas satuan '{units}' yang disebut di '{path.name}' tidak ditemukan.")
    if parser.has_section("renja_xl") and parser.has_option("renja_xl", "kolom"):
        columns = Path(parser.get("renja_xl", "kolom"))
        config.columns_file = str(columns if columns.is_absolute() else path.parent / columns)
        if not Path(config.columns_file).is_file():
            raise InputError(f"Berkas kosakata kolom '{columns}' yang disebut di '{path.name}' tidak ditemukan.")
    for section in parser.sections():
        if not section.startswith(_PREFIX):
            continue
        code = section[len(_PREFIX):].strip().upper()
        if code not in REGISTRY:
            raise InputError(f"Berkas pengaturan '{path.name}' menyebut aturan '{code}' yang tidak ada (lihat: renja-xl rules).")
        settings = RuleSettings()
        for key, raw in parser.items(section):
            if key == "enabled":
                settings.enabled = bool(_value(raw))
            elif key == "severity":
                try:
                    settings.severity = Severity(raw.strip().lower())
                except ValueError:
                    raise InputError(f"Tingkat '{raw}' untuk {code} di '{path.name}' tidak dikenal (error, warning, info).") from None
            else:
                if key not in REGISTRY[code].options:
                    known = ", ".join(REGISTRY[code].options) or "tidak ada"
                    raise InputError(f"Opsi '{key}' untuk {code} di '{path.name}' tidak dikenal (opsi: {known}).")
                settings.options[key] = _value(raw)
        config.rules[code] = settings
    return config


def find_config(workbook: Optional[Path], explicit: Optional[Path] = None) -> CheckConfig:
    """The settings that apply to a workbook (defaults when no file is found)."""
    if explicit is not None:
        if not explicit.is_file():
            raise InputError(f"Berkas pengaturan '{explicit}' tidak ditemukan.")
        return read_config(explicit)
    candidates = []
    if workbook is not None:
        candidates += [workbook.parent / name for name in CONFIG_NAMES]
    candidates += [Path.cwd() / name for name in PROJECT_NAMES]
    for candidate in candidates:
        if candidate.is_file():
            if candidate.name == "setup.cfg":
                parser = configparser.ConfigParser()
                try:
                    parser.read(candidate, encoding="utf-8")
                except configparser.Error:
                    continue
                if not any(s == "renja_xl" or s.startswith(_PREFIX) for s in parser.sections()):
                    continue
            return read_config(candidate)
    return CheckConfig()
