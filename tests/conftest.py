"""Shared fixtures: paths to the repository, the examples and the seed-layout workbook."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# property tests explore the same examples on every run: a failure on main is reproducible, never a coin toss
settings.register_profile("renja", derandomize=True, print_blob=True)
settings.load_profile("renja")

# the xlwings remote engine (xlwings Lite and Server) under PolyForm Noncommercial, and
# xlwings' server-side func/script decorators: set before anything imports xlwings
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ.setdefault("XLWINGS_ON_SERVER", "true")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(EXAMPLES))

RENJA_EXAMPLE = EXAMPLES / "renja_2022_disnaker_balikpapan.xlsx"
LKJIP_EXAMPLE = EXAMPLES / "lkjip_2016_disnakersos_balikpapan.xlsx"


@pytest.fixture(scope="session")
def seed_layout(tmp_path_factory):
    """The seed tables pasted as the documents print them: (path, expected data rows per table)."""
    from seed_tables import build_seed_layout

    path = tmp_path_factory.mktemp("seed") / "tata_letak_lain.xlsx"
    expected = build_seed_layout(path)
    return path, expected


def sha(path: Path) -> str:
    """A file's SHA-256: the tests' proof that an input was left byte for byte as it was."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory) -> Path:
    """The hostile corpus (tests/corpus/build_corpus.py), built once for every test that runs a command on it.

    Shared by every module that uses it, so only ever read: a test writes its outputs under its own tmp_path
    (a file written beside the cases would be one more case for the test that checks the whole folder)."""
    sys.path.insert(0, str(Path(__file__).parent / "corpus"))
    from build_corpus import build

    folder = tmp_path_factory.mktemp("corpus")
    build(folder)
    return folder
