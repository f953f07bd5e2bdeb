"""The program → kegiatan → sub kegiatan tree of a table's rows.

Rules, from how the documents are written:

* a row with a kode sits at the kode's level; its parent is the nearest existing
  ancestor by kode (a sub kegiatan whose kegiatan row is missing hangs on the program
  and is an *orphan*), or, when no ancestor exists at all (old short codes such as
  ``01.001`` under ``I 01``, a foreign urusan), the nearest row above of a higher level;
* a row without a kode whose name reads ``PROGRAM …`` (``I. PROGRAM …``) is a program;
* any other row without a kode belongs to the coded row above it (an extra indicator
  line, a part of its pagu): it is a *continuation* of that row, never counted twice;
* a kode seen before is a duplicate: it stays in the tree but counts once;
* a table without kode whose No column is a numbered outline (``1``, ``1.1``,
  ``1.1.2``) is a tree by its outline numbers, the same way.

Used by compute (roll-up formulas) and by the pagu checks.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from .parse.kode import parent_of
from .reader.model import Row, Table

LEVEL_RANK = {"urusan": 0, "bidang": 1, "program": 2, "kegiatan": 3, "sub_kegiatan": 4}
_PROGRAM = re.compile(r"^\s*(?:[IVXL]+\s*\.?\s+)?program\b", re.IGNORECASE)
_ROMAN = re.compile(r"[IVXL]+\.?")


class Node:
    """A coded (or program) row with its continuation rows and child nodes.

    A node refers to its parent weakly (its tree holds every node): parent and children
    pointing at each other would make each tree a cycle, which only the garbage collector
    frees, so that a checked workbook's rows would outlive the check until it ran. A tree
    of a 10,000-row table has thousands of nodes: a node has slots, not a dict, and a leaf
    shares the empty tuple as its children (a list is made at its first child).
    """

    __slots__ = ("row", "level", "rows", "children", "duplicate_of", "orphan", "_parent", "__weakref__")

    def __init__(self, row: Row, level: Optional[str], rows: Optional[list] = None, children: Sequence = (),
                 duplicate_of: Optional["Node"] = None, orphan: bool = False):
        self.row = row
        self.level = level
        self.rows = [] if rows is None else rows         # the row itself, then its continuation rows
        self.children = children
        self.duplicate_of = duplicate_of                  # an earlier row with the same kode
        self.orphan = orphan                              # its parent kode has no row
        self._parent: Optional[weakref.ref] = None

    def __repr__(self) -> str:
        return f"Node(row={self.row.number}, level={self.level!r}, children={len(self.children)})"

    def add_child(self, node: "Node") -> None:
        if self.children:
            self.children.append(node)
        else:
            self.children = [node]

    @property
    def parent(self) -> Optional["Node"]:
        return self._parent() if self._parent is not None else None

    @parent.setter
    def parent(self, node: Optional["Node"]) -> None:
        self._parent = weakref.ref(node) if node is not None else None

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def continuation(self) -> list:
        return self.rows[1:]

    @property
    def counted_children(self) -> list:
        """Children that count in a sum: a duplicated kode counts once."""
        return [c for c in self.children if c.duplicate_of is None]


@dataclass
class Hierarchy:
    """The tree of a table: top-level nodes in order, and every node by sheet row."""

    roots: list
    nodes: list
    loose: list          # data rows above the first coded row (no owner)

    def node_of(self, row_number: int) -> Optional[Node]:
        """The node a sheet row belongs to (its own row or one of its continuation rows)."""
        index = self.__dict__.get("_index")
        if index is None:
            index = self.__dict__["_index"] = {r.number: n for n in self.nodes for r in n.rows}
        return index.get(row_number)

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
    return bool(_ROMAN.fullmatch(no)) and name.lower().startswith("program")


def _outline_mode(table: Table) -> bool:
    """The rows form a numbered outline (some No is ``1.1``) and none has a kode."""
    rows = table.data_rows
    return any(r.outline and "." in r.outline for r in rows) and not any(r.kode is not None and r.kode.valid for r in rows)


def _outline_parent(outline: str) -> Optional[str]:
    return outline.rsplit(".", 1)[0] if "." in outline else None


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
    last_at_rank: dict[int, tuple[int, Node]] = {}   # rank -> (position, latest node of that rank)
    outline = _outline_mode(table)
    for row in table.data_rows:
        key = row.outline if outline else (row.kode.canonical if row.kode is not None and row.kode.valid else None)
        level = ("outline" if row.outline else None) if outline else row_level(row)
        if level is None:
            if nodes:
                nodes[-1].rows.append(row)
            else:
                loose.append(row)
            continue
        node = Node(row=row, level=level, rows=[row])
        parent = None
        coded = key is not None
        if coded:
            node.duplicate_of = by_kode.get(key)
            if outline:
                ancestor, step = _outline_parent(key), _outline_parent
            else:
                ancestor, scheme = row.kode.parent, row.kode.scheme
                step = lambda k, s=scheme: parent_of(k, s)  # noqa: E731
            first = ancestor
            while ancestor and parent is None:
                parent = by_kode.get(ancestor)
                if parent is None:
                    node.orphan = node.orphan or ancestor == first
                    ancestor = step(ancestor)
        rank = key.count(".") if outline else LEVEL_RANK.get(level, 9)
        if parent is None and not outline:
            # no ancestor by kode (old short codes, a foreign urusan): the nearest row above of a higher level
            above = [entry for r, entry in last_at_rank.items() if r < rank]
            parent = max(above, key=lambda entry: entry[0])[1] if above else None
        node.parent = parent
        if parent is not None:
            parent.add_child(node)
        else:
            roots.append(node)
        last_at_rank[rank] = (len(nodes), node)
        nodes.append(node)
        if coded and node.duplicate_of is None:
            by_kode[key] = node
    return Hierarchy(roots=roots, nodes=nodes, loose=loose)


def amount(node: Node, number: Callable[[Row], Optional[float]]) -> Optional[float]:
    """A node's own amount: its coded row's number, or else the sum of its continuation rows'.

    Uncoded rows under a coded row are its breakdown: they stand in for it when it is
    empty and are checked against it when both are filled; never added on top.
    """
    own = number(node.row)
    if own is not None:
        return own
    parts = [n for n in (number(r) for r in node.continuation) if n is not None]
    return sum(parts) if parts else None


def children_sum(node: Node, number: Callable[[Row], Optional[float]]) -> Optional[float]:
    """The sum of a node's counted children's amounts (None when none has a number)."""
    values = [v for v in (amount(c, number) for c in node.counted_children) if v is not None]
    return sum(values) if values else None


def tree_of(table: Table) -> Hierarchy:
    """The table's tree, built once (the table's rows do not change after reading)."""
    tree = table.__dict__.get("_tree")
    if tree is None:
        tree = table.__dict__["_tree"] = build(table)
    return tree
