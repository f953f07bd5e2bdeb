"""Official table layouts as data: one :class:`TableSpec` per table of a Renja and an LKjIP."""

from __future__ import annotations

from . import lkjip, renja
from .base import ColumnSpec, Role, TableSpec, render_years

ALL_SPECS: tuple[TableSpec, ...] = renja.TABLES + lkjip.TABLES
DOCUMENTS = {"renja": renja.TABLES, "lkjip": lkjip.TABLES}

_BY_KEY = {spec.key: spec for spec in ALL_SPECS}
assert len(_BY_KEY) == len(ALL_SPECS), "duplicate table spec keys"


def get_spec(key: str) -> TableSpec:
    """The spec with this key (``"renja.t3_4"``)."""
    return _BY_KEY[key]


__all__ = ["ALL_SPECS", "DOCUMENTS", "ColumnSpec", "Role", "TableSpec", "get_spec", "render_years"]
