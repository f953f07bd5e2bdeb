"""Pure parsers for what staff type into the tables: numbers, targets, units, indicators, kode."""

from .indicators import indicator_kind
from .kode import Kode, parse_kode, split_embedded_kode
from .numbers import EN, ID, ParsedNumber, format_number, notation_of, parse_number
from .targets import Target, TargetPart, parse_target
from .units import Unit, UnitVocabulary, default_units, load_units

__all__ = [
    "EN", "ID", "Kode", "ParsedNumber", "Target", "TargetPart", "Unit", "UnitVocabulary",
    "default_units", "format_number", "indicator_kind", "load_units", "notation_of",
    "parse_kode", "parse_number", "parse_target", "split_embedded_kode",
]
