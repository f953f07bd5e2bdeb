"""The program → kegiatan → sub kegiatan tree of a table's rows.

Rules, from how the documents are written:

* a row with a kode sits at the kode's level; its parent is the nearest row above
  whose kode is the kode's parent, or else the nearest row above of a higher level
  (old short codes such as ``01.001`` under ``I 01``, or a kegiatan whose own row is
  missing);
* a row without a kode whose name reads ``PROGRAM …`` (``I. PROGRAM …``) is a program;
* any other row without a kode belongs to the coded row above it (an extra indicator
  line, a part of its pagu): it is a *continuation* of that row, never counted twice.

Used by compute (roll-up formulas) and by the pagu checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .reader.model import Row, Table

LEVEL_RANK = {"urusan": 0, "bidang": 1, "program": 2, "kegiatan": 3, "sub_kegiatan": 4}
_PROGRAM = re.compile(r"^\s*(?:[IVXL]+\s*\.?\s+)?program\b", re.IGNORECASE)


@dataclass
class Node:
    """A coded (or program) row with its continuation rows and child nodes."""

    row: Row
    level: Optional[str]
    rows: list = field(default_factory=list)       # the row itself, then its continuation rows
    children: list = field(default_factory=list)
    parent: Optional["Node"] = None

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass
class Hierarchy:
    """The tree of a table: top-level nodes in order, and every node by sheet row."""

    roots: list
    nodes: list
    loose: list          # data rows above the first coded row (no owner)

    def node_of(self, row_number: int) -> Optional[Node]:
        for node in self.nodes:
            if any(r.number == row_number for r in node.rows):
                return node
        return None

    @property
    def leaves(self) -> list:
        return [n for n in self.nodes if n.is_leaf]

    @property
    def has_levels(self) -> bool:
        return any(n.children for n in self.nodes)


def program_by_name(row: Row) -> bool:
    """A row without kode that names a program (``I. PROGRAM PELAYANAN …``)."""
    for key in ("no", "uraian", "program"):
        text = row.text(key)
        if text and _PROGRAM.match(text):
            return True
    no, name = row.text("no").strip(), row.text("uraian").strip()
    return bool(re.fullmatch(r"[IVXL]+\.?", no)) and name.lower().startswith("program")


def row_level(row: Row) -> Optional[str]:
    """The level a row stands at, or None for a continuation row."""
    if row.kode is not None and row.kode.valid and row.kode.level:
        return row.kode.level
    if program_by_name(row):
        return "program"
    return None


def build(table: Table) -> Hierarchy:
    """Build the tree of a table's data rows (total rows are left out)."""
    nodes: list[Node] = []
    roots: list[Node] = []
    loose: list[Row] = []
    by_kode: dict[str, Node] = {}
    for row in table.data_rows:
        level = row_level(row)
        if level is None:
            if nodes:
                nodes[-1].rows.append(row)
            else:
                loose.append(row)
            continue
        node = Node(row=row, level=level, rows=[row])
        parent = None
        if row.kode is not None and row.kode.valid and row.kode.parent:
            parent = by_kode.get(row.kode.parent)
        if parent is None:
            rank = LEVEL_RANK.get(level, 9)
            parent = next((n for n in reversed(nodes) if LEVEL_RANK.get(n.level, 9) < rank), None)
        node.parent = parent
        (parent.children if parent else roots).append(node)
        nodes.append(node)
        if row.kode is not None and row.kode.valid:
            by_kode[row.kode.canonical] = node
    return Hierarchy(roots=roots, nodes=nodes, loose=loose)
