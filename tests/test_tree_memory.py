"""The program → kegiatan → sub kegiatan tree of a large table, held in little memory and freed without a collection.

Rules share one tree per table for the whole check, beside every finding: at 10,000 rows a
node with a dict, a list for the children of every leaf and a weak reference to its parent
took 283 bytes (3,000 rows); with slots and leaves sharing the empty tuple, 192.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
import weakref
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bench_check import make_t34  # noqa: E402

from renja_xl.hierarchy import build  # noqa: E402
from renja_xl.io.files import DEFAULT_LIMITS, load_snapshot  # noqa: E402
from renja_xl.reader import find_tables  # noqa: E402


def _table(tmp_path, rows: int):
    path = tmp_path / "t34.xlsx"
    make_t34(path, rows)
    return next(t for t in find_tables(load_snapshot(path, DEFAULT_LIMITS)) if t.spec.key == "renja.t3_4")


def test_a_tree_of_3000_rows_takes_at_most_250_bytes_a_node(tmp_path):
    table = _table(tmp_path, 3000)
    build(table)   # the first build warms what it uses
    tracemalloc.start()
    try:
        tree = build(table)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(tree.nodes) > 2900 and tree.has_levels
    leaves = tree.leaves
    assert leaves and all(n.children == () for n in leaves) and all(n.parent is not None for n in leaves)
    assert held / len(tree.nodes) < 250, f"{held / len(tree.nodes):.0f} bytes a node"


def test_a_tree_is_freed_as_soon_as_its_last_name_goes(tmp_path):
    table = _table(tmp_path, 300)
    tree = build(table)
    probe = weakref.ref(tree.nodes[-1])
    enabled = gc.isenabled()
    gc.disable()
    try:
        del tree
        assert probe() is None   # no cycle between parents and children: freed without the collector
    finally:
        if enabled:
            gc.enable()
