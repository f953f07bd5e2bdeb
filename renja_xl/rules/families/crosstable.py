"""Cross-table: the same program, kegiatan or indicator must agree wherever it appears.

Renja: T2.3, T2.4, T3.2 and T3.4 (pagu and target), T2.2 and T3.3 (realisasi IKU).
LKjIP: T2.1, PK and T3.1.1 (target IKU), RKT and T3.2 (APBD murni), PK anggaran and
T3.2 (APBD-P). Rows are matched by kode when both have one, else by normalised name
or indicator text; a fuzzy match says how sure it is.

Any two tables of a workbook of which one at least was read by column concept (not a
preset) are compared too, on the columns whose headers name the same concept (pagu,
target, realisasi) for the same year: pagu by kode or program name, targets and
realisasi by program and indikator.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Iterator, Optional, Union

from ...hierarchy import program_by_name, row_level
from ...parse.targets import Target
from ...reader.headers import normalise
from ...reader.columns import read_block
from ...reader.generic import GENERIC_DOCUMENT
from ...reader.model import Row, Table
from ...reader.vocabulary import default_concepts
from ..base import Finding, Location, Rule, Severity, number_text, register
from ..context import CheckContext
from .helpers import shorten

FUZZY = 0.88
_NUMBERING = re.compile(r"^(?:[ivxl]+|\d{1,3}|[a-z])\s+(?=\S)")


_KODE_REKENING = re.compile(r"^kode rekening [\d ]+")


@lru_cache(maxsize=65536)
def key_text(text: Any) -> str:
    """A name or indicator for matching: normalised, list numbering and 'kode rekening …' removed.

    (Kept per text: a document names each program and indicator in several tables.)
    """
    return _NUMBERING.sub("", _KODE_REKENING.sub("", normalise(text))).strip()


KINDS = ("row", "program", "indicator", "kode")   # what rows of two tables are matched on (Pair.kinds)
_NO_NAMES = (None,) * len(KINDS)


class Entity:
    """One program, kegiatan or indicator as a table states it.

    Its values are read when a comparison first asks for them, and its label shortened when
    a message names it: a Tabel 3.4 of 10,000 rows makes 10,000 entities, of which only the
    matched ones are ever compared (slotted: 10,000 of them are a quarter the size).
    """

    __slots__ = ("table", "row", "_label", "names", "fields", "ctx", "summed", "_values")

    def __init__(self, table: Table, row: Row, label: str, names: Union[dict, tuple, None] = None,
                 fields: Optional[dict] = None, ctx: Optional[CheckContext] = None, summed: Optional[list] = None):
        self.table, self.row, self._label = table, row, label
        # the key text of each match kind (:data:`KINDS`), None where it has none (a tuple: less than half a dict)
        if type(names) is not tuple:   # a dict by kind, or already the tuple in the order of KINDS
            names = tuple([names.get(kind) or None for kind in KINDS]) if names else _NO_NAMES
        self.names = names
        self.fields = fields if fields is not None else {}  # field -> column key (shared by a table's entities)
        self.ctx = ctx
        self.summed = summed   # the rows a program's pagu is summed over
        self._values: Optional[dict] = None

    @property
    def label(self) -> str:
        """The entity as messages name it."""
        return shorten(self._label)

    @property
    def values(self) -> dict:
        """field -> (value, [Location], text)."""
        if self._values is None:
            self._values = {}
            for name, key in self.fields.items():
                got = _field(self.table, self.row, key, self.ctx, self.summed if name.startswith("pagu") else None)
                if got is not None:
                    self._values[name] = got
        return self._values


def _field(table: Table, row: Row, key: str, ctx: CheckContext, rows: Optional[list] = None):
    if key not in table.columns:
        return None
    if rows:  # a program's amount summed over its indicator rows: every summed cell is named
        parts = [ctx.number(r, key) for r in rows]
        present = [p for p in parts if p is not None]
        value = sum(present) if present else None
        where = [Location(table.sheet, table.address(r.number, key)) for r in rows]
        return value, where, number_text(value)
    value = row.value(key)
    if not isinstance(value, Target):
        value = ctx.number(row, key)
    raw = row.get(key).raw if row.get(key) is not None else None
    text = number_text(value) if isinstance(raw, (int, float)) and isinstance(value, float) else row.text(key).strip()
    return value, [Location(table.sheet, table.address(row.number, key))], text


_TARGET_PAGU = {"target": "target", "pagu": "pagu"}   # field -> column key, shared by the entities of a table


def entities(ctx: CheckContext, table: Table) -> list[Entity]:
    """What a table states about programs, kegiatan and indicators, keyed for matching."""
    key = table.spec.key
    out: list[Entity] = []
    if key in ("renja.t3_4", "renja.t3_2"):
        owner_name = ""
        for row in table.data_rows:
            name = row.value("uraian")
            if isinstance(name, str) and name.strip():
                owner_name = name
            indikator = row.text("indikator")
            level = row_level(row) if (row.kode is not None or program_by_name(row)) else None
            owner_key, indikator_key = key_text(owner_name), key_text(indikator)
            kode = row.kode.canonical if row.kode is not None and row.kode.valid else None
            # the match keys in the order of KINDS: row, program, indicator, kode (None where there is none)
            names = (f"{owner_key} | {indikator_key}", (owner_key or None) if level == "program" else None,
                     indikator_key or None, kode or None)
            out.append(Entity(table, row, owner_name or indikator, names, _TARGET_PAGU, ctx))
    elif key == "renja.t2_3":
        program_rows: list[Row] = []
        for row in table.data_rows + [None]:
            if row is None or row.text("program").strip():
                if program_rows:
                    head = program_rows[0]
                    out.append(Entity(table, head, head.text("program"), {"program": key_text(head.text("program"))},
                                      {"pagu": "pagu"}, ctx, summed=program_rows))
                program_rows = []
            if row is not None:
                program_rows.append(row)
                out.append(Entity(table, row, row.text("indikator"), {"indicator": key_text(row.text("indikator"))},
                                  _TARGET_PAGU, ctx))
    elif key == "renja.t2_4":
        fields = {"target": "kebutuhan_target", "pagu": "kebutuhan_pagu"}
        for row in table.data_rows:
            out.append(Entity(table, row, row.text("kebutuhan_uraian") or row.text("rkpd_uraian"),
                              {"program": key_text(row.text("kebutuhan_uraian") or row.text("rkpd_uraian")),
                               "indicator": key_text(row.text("kebutuhan_indikator"))}, fields, ctx))
    elif key in ("renja.t2_2", "renja.t3_3"):
        fields = {"realisasi": "realisasi" if key == "renja.t2_2" else "hasil_evaluasi"}
        for row in table.data_rows:
            out.append(Entity(table, row, row.text("indikator"), {"indicator": key_text(row.text("indikator"))},
                              fields, ctx))
    elif key in ("lkjip.t2_1", "lkjip.pk_kinerja", "lkjip.t3_1_1"):
        fields = {"target": "target"}
        for row in table.data_rows:
            out.append(Entity(table, row, row.text("indikator"), {"indicator": key_text(row.text("indikator"))},
                              fields, ctx))
    elif key in ("lkjip.t2_2", "lkjip.t3_2", "lkjip.pk_anggaran"):
        fields = {"lkjip.t2_2": {"pagu_murni": "pagu"}, "lkjip.pk_anggaran": {"pagu_p": "pagu"},
                  "lkjip.t3_2": {"pagu_murni": "apbd_murni", "pagu_p": "apbd_p"}}[key]
        for row in table.data_rows:
            name = row.value("uraian") if isinstance(row.value("uraian"), str) else row.text("uraian")
            names = {}
            if row.kode is not None and row.kode.valid:
                names["kode"] = row.kode.canonical
            elif program_by_name(row) or key == "lkjip.pk_anggaran":
                names["program"] = key_text(name)
            out.append(Entity(table, row, name, names, fields, ctx))
    return out


@dataclass(frozen=True)
class Pair:
    """Two tables that state the same things: match on ``kinds`` (tried in order), compare ``fields``."""

    a: str
    b: str
    kinds: tuple[str, ...]
    fields: tuple[str, ...]


PAIRS = (
    Pair("renja.t3_4", "renja.t3_2", ("row",), ("target", "pagu")),
    Pair("renja.t2_4", "renja.t3_4", ("program",), ("target", "pagu")),
    Pair("renja.t2_4", "renja.t3_2", ("program",), ("target", "pagu")),
    Pair("renja.t2_3", "renja.t2_4", ("program",), ("pagu",)),
    Pair("renja.t2_3", "renja.t3_4", ("program", "indicator"), ("target", "pagu")),
    Pair("renja.t2_2", "renja.t3_3", ("indicator",), ("realisasi",)),
    Pair("lkjip.t2_1", "lkjip.pk_kinerja", ("indicator",), ("target",)),
    Pair("lkjip.pk_kinerja", "lkjip.t3_1_1", ("indicator",), ("target",)),
    Pair("lkjip.t2_2", "lkjip.t3_2", ("kode", "program"), ("pagu_murni",)),
    Pair("lkjip.pk_anggaran", "lkjip.t3_2", ("program",), ("pagu_p",)),
)


def _index(items: list[Entity], kind: str) -> dict:
    at = KINDS.index(kind)
    out: dict = {}
    for e in items:
        name = e.names[at]
        if name is not None:
            out.setdefault(name, []).append(e)
    return out


def match(a_items: list[Entity], b_items: list[Entity], kinds: tuple) -> Iterator[tuple[Entity, Entity, float]]:
    """Pairs (a, b, similarity): exact keys first, then the best fuzzy key above :data:`FUZZY`."""
    used_a, used_b = set(), set()
    for kind in kinds:
        a_index, b_index = _index(a_items, kind), _index(b_items, kind)
        for text, a_list in a_index.items():
            b_list = b_index.get(text)
            if b_list and len(a_list) == len(b_list):
                for a, b in zip(a_list, b_list):
                    if id(a) not in used_a and id(b) not in used_b:
                        used_a.add(id(a)), used_b.add(id(b))
                        yield a, b, 1.0
        # rows repeating a text are ranked once, and only when they need more than that text's own b rows (the
        # one b text as alike as 1.0, first in any ranking) and some other b text that may be alike has a free row
        ranked: dict = {}  # a text -> the b texts above FUZZY, best first
        alike: dict = {}   # a text -> the orders of the b texts whose quick_ratio is above FUZZY (theirs may be)
        candidates: Optional[_Candidates] = None
        for text, a_list in a_index.items():
            own = b_index.get(text, ())
            for a in a_list:
                if id(a) in used_a or len(text) < 8:
                    continue
                best = next((b for b in own if id(b) not in used_b), None)
                if best is not None:
                    used_a.add(id(a)), used_b.add(id(best))
                    yield a, best, 1.0
                    continue
                if text not in alike:
                    candidates = candidates or _Candidates(b_index)
                    alike[text] = candidates.of(text)
                # (its own text's rows are all taken here: only another text may still have a free row)
                if not any(id(b) not in used_b for order in alike[text] for b in b_index[candidates.texts[order]]):
                    break   # no free row left for this text (used rows stay used): its other rows find none either
                if text not in ranked:
                    ranked[text] = candidates.ranked(text, alike[text])
                for ratio, _, b_text in ranked[text]:  # the best text that still has a free row
                    best = next((b for b in b_index[b_text] if id(b) not in used_b), None)
                    if best is not None:
                        used_a.add(id(a)), used_b.add(id(best))
                        yield a, best, ratio
                        break
                else:
                    break   # no free row left for this text (used rows stay used): its other rows find none either


def _letter_tokens(text: str) -> list:
    """The text's characters as a set: each numbered by its occurrence (``("a", 3)`` for its third ``a``), so
    that two texts share as many tokens as their multisets of characters share characters."""
    seen: dict = {}
    out = []
    for char in text:
        seen[char] = seen.get(char, 0) + 1
        out.append((char, seen[char]))
    return out


class _Candidates:
    """Which b texts may be more alike a text than :data:`FUZZY`, found without comparing each one in Python.

    difflib's ``quick_ratio`` (``2m / (la + lb)``, m the characters two texts share counted
    with repetition) bounds their similarity from above, and is what every comparison
    computes first, in Python, character by character. Here the characters are
    occurrence-numbered tokens, so m is the size of a set intersection (done in C), and
    only the b texts that can reach the bound are looked at: ``quick_ratio`` above F needs
    ``lb > la F / (2 - F)`` (``real_quick_ratio``), hence ``m > la F / (2 - F)``, so a b
    text holds one at least of the text's rarest ``la - ceil(la F / (2 - F)) + 1`` tokens
    (prefix filtering). The b texts left are exactly those whose ``quick_ratio`` is above
    F, so the similarities found are those of comparing every pair. A 10,000-row Tabel 3.4
    against a Tabel 3.2 of 120 rows, every name different: 1.2 million comparisons in
    Python before (10 s).
    """

    def __init__(self, b_index: dict):
        self.texts = list(b_index)   # the b texts, by order
        self.postings: dict = {}     # token -> the orders of the b texts that hold it
        tokens_of = [_letter_tokens(b_text) for b_text in self.texts]
        for order, tokens in enumerate(tokens_of):
            for token in tokens:
                self.postings.setdefault(token, []).append(order)
        # the tokens every b text holds count alike for all of them: kept apart, the sets intersected are small
        self.common = frozenset(t for t, orders in self.postings.items() if len(orders) == len(tokens_of))
        self.tokens = [(frozenset(tokens) - self.common, len(tokens)) for tokens in tokens_of]   # by order

    def of(self, text: str) -> list:
        """The orders of the b texts whose ``quick_ratio`` with ``text`` is above :data:`FUZZY`, in order."""
        tokens = _letter_tokens(text)
        la = len(text)
        needed = math.ceil(la * FUZZY / (2 - FUZZY) - 1e-9)   # a hair less: float rounding never raises it
        postings = self.postings
        tokens.sort(key=lambda token: len(postings.get(token, ())))
        found: set = set()
        for token in tokens[:max(la - needed + 1, 0)]:
            found.update(postings.get(token, ()))
        mine = frozenset(tokens)
        shared = len(mine & self.common)
        mine -= self.common
        out = []
        for order in sorted(found):
            theirs, lb = self.tokens[order]
            if 2 * (shared + len(mine & theirs)) / (la + lb) > FUZZY:
                out.append(order)
        return out

    def ranked(self, text: str, orders: Optional[list] = None) -> list:
        """(similarity, order, b text) of every b text more alike ``text`` than :data:`FUZZY`, most alike first (the
        earlier text first among equals); ``orders``: those of :meth:`of`, when already found."""
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)  # the costly side, prepared once
        out = []
        for order in self.of(text) if orders is None else orders:   # their quick_ratio is above FUZZY already
            b_text = self.texts[order]
            if b_text == text:
                ratio = 1.0   # what the matcher finds for the same text, without its search
            else:
                matcher.set_seq1(b_text)
                ratio = matcher.ratio()
            if ratio > FUZZY:
                out.append((ratio, order, b_text))
        out.sort(key=lambda item: (-item[0], item[1]))
        return out


def _cells(locations: list) -> str:
    """``E13`` or ``E13:E14`` (a summed run) for a message."""
    return locations[0].cell if len(locations) == 1 else f"{locations[0].cell}:{locations[-1].cell}"


def same_target(x: Target, y: Target) -> bool:
    if x.is_empty or y.is_empty or not x.parts or not y.parts:
        return True  # emptiness is another rule's business
    if len(x.parts) != len(y.parts):
        return False
    for p, q in zip(x.parts, y.parts):
        if (p.value is None) != (q.value is None):
            return False
        if p.value is not None and abs(p.value - q.value) > 1e-6 * max(1.0, abs(p.value)):
            return False
        if p.unit and q.unit and p.unit != q.unit:
            return False
    return True


def same_number(x: Optional[float], y: Optional[float]) -> bool:
    return abs((x or 0.0) - (y or 0.0)) <= 0.5


def matched_rows(ctx: CheckContext) -> list[tuple[Pair, Table, Table, Entity, Entity, float]]:
    """Every pair of rows that state the same thing in two tables of :data:`PAIRS`, with how sure the match is."""
    cache: dict[int, list[Entity]] = {}

    def ents(table: Table) -> list[Entity]:
        if id(table) not in cache:
            cache[id(table)] = entities(ctx, table)
        return cache[id(table)]

    out = []
    for pair in PAIRS:
        for ta in ctx.tables_of(pair.a):
            for tb in ctx.tables_of(pair.b):
                if ta.data_rows and tb.data_rows:  # an empty table states nothing to compare
                    out.extend((pair, ta, tb, a, b, ratio) for a, b, ratio in match(ents(ta), ents(tb), pair.kinds))
    out.extend(_concept_matches(ctx))
    return out


_COMPARED = ("pagu", "target", "realisasi")


def concept_fields(ctx: CheckContext, table: Table) -> dict:
    """``"pagu@2022"`` -> column key: the table's columns whose header names a compared concept and its year."""
    cached = table.__dict__.get("_concept_fields")
    if cached is None:
        sheet = ctx.snapshot.sheet(table.sheet)
        readings = read_block(sheet, table.header_top, table.header_bottom - table.header_top + 1, table.left,
                              table.right, ctx.vocabulary or default_concepts())
        by_col = {col: key for key, col in table.columns.items()}
        cached = {}
        for r in readings:
            key, period = by_col.get(r.col), r.period
            if key is None or r.concept is None or r.concept.name not in _COMPARED or not period.year_tag \
                    or period.is_split or period.renstra or period.to_date:
                continue
            cached.setdefault(f"{r.concept.name}@{period.tag}", key)
        table.__dict__["_concept_fields"] = cached
    return cached


def concept_entities(ctx: CheckContext, table: Table, fields: dict) -> list[Entity]:
    """Each data row of a table with the compared fields, keyed by kode, program name and program | indikator."""
    out, owner = [], ""
    for row in table.data_rows:
        name = row.text("uraian").strip() if "uraian" in table.columns else ""
        owner = name or owner
        indikator = row.text("indikator").strip() if "indikator" in table.columns else ""
        names = {"kode": row.kode.canonical if row.kode is not None and row.kode.valid else "",
                 "program": key_text(name) if name else "",
                 "row": " | ".join(key_text(t) for t in (owner, indikator) if t) if indikator else ""}
        out.append(Entity(table, row, name or indikator, names, fields, ctx))
    return out


def _concept_matches(ctx: CheckContext) -> list:
    """Rows of any two tables (one at least read by concept) that state the same concept for the same year."""
    out = []
    tables = [t for t in ctx.tables if t.data_rows]
    for i, ta in enumerate(tables):
        for tb in tables[i + 1:]:
            if GENERIC_DOCUMENT not in (ta.spec.document, tb.spec.document):
                continue  # two official layouts: PAIRS says what they share
            fa, fb = concept_fields(ctx, ta), concept_fields(ctx, tb)
            shared = sorted(set(fa) & set(fb))
            for kinds, names in ((("kode", "program"), [f for f in shared if f.startswith("pagu@")]),
                                 (("row",), [f for f in shared if not f.startswith("pagu@")])):
                if not names:
                    continue
                pair = Pair(ta.spec.key, tb.spec.key, kinds, tuple(names))
                a_items = concept_entities(ctx, ta, {f: fa[f] for f in names})
                b_items = concept_entities(ctx, tb, {f: fb[f] for f in names})
                out.extend((pair, ta, tb, a, b, ratio) for a, b, ratio in match(a_items, b_items, kinds))
    return out


MATCHES = "crosstable.matches"   # the shared fact: every matched pair of rows (:func:`matched_rows`)


class _CrossTableRule(Rule):
    """Shared driver: a subclass names the fields it compares and how."""

    fields: tuple[str, ...] = ()
    family = "antartabel"
    shares = (MATCHES,)

    def differs(self, x: Any, y: Any) -> bool:
        raise NotImplementedError

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for pair, ta, tb, a, b, ratio in ctx.shared(MATCHES, matched_rows):
            for name in pair.fields:
                if name.split("@")[0] not in self.fields or name not in a.values or name not in b.values:
                    continue
                (va, la, ta_text), (vb, lb, tb_text) = a.values[name], b.values[name]
                if not self.differs(va, vb):
                    continue
                sure = "" if ratio >= 1.0 else f"; kecocokan nama {round(ratio * 100)}%"
                yield self.finding(
                    la[:1] + lb[:1] + la[1:] + lb[1:], ta.spec.key, written=ta_text, expected=tb_text,
                    nama=a.label, tabel_a=f"{ta.spec.sheet} {_cells(la)}", nilai_a=ta_text or "(kosong)",
                    tabel_b=f"{tb.spec.sheet} {_cells(lb)}", nilai_b=tb_text or "(kosong)", yakin=sure,
                )


@register
class PaguAcrossTables(_CrossTableRule):
    """The same program or kegiatan has a different pagu in two tables.

    **Salah**: Program Perencanaan Tenaga Kerja: Tabel 2.3 dan 2.4 Rp 399.952.800, Tabel 3.4 Rp 400.000.000.

    **Benar**: pagu yang sama di setiap tabel (atau catatan penting yang menjelaskan perubahannya).
    """

    code = "RXL301"
    name = "crosstable.pagu"
    severity = Severity.ERROR
    fields = ("pagu", "pagu_murni", "pagu_p")
    message = "Pagu '{nama}' berbeda antartabel: {tabel_a} tertulis {nilai_a}, {tabel_b} tertulis {nilai_b}{yakin}."

    def differs(self, x, y) -> bool:
        return not same_number(x, y)


@register
class TargetAcrossTables(_CrossTableRule):
    """The same indicator has a different target (value or unit) in two tables.

    **Salah**: Persentase Pencari Kerja Terdaftar Yang Ditempatkan: Tabel 3.2 23%, Tabel 3.4 "40 Perusahaan".

    **Benar**: target dan satuannya sama di setiap tabel.
    """

    code = "RXL302"
    name = "crosstable.target"
    severity = Severity.ERROR
    fields = ("target",)
    message = "Target '{nama}' berbeda antartabel: {tabel_a} tertulis {nilai_a}, {tabel_b} tertulis {nilai_b}{yakin}."

    def differs(self, x, y) -> bool:
        if isinstance(x, Target) and isinstance(y, Target):
            return not same_target(x, y)
        if isinstance(x, Target) or isinstance(y, Target):
            t, n = (x, y) if isinstance(x, Target) else (y, x)
            return n is not None and t.value is not None and abs(t.value - n) > 1e-6 * max(1.0, abs(n))
        return x is not None and y is not None and abs(x - y) > 1e-6 * max(1.0, abs(x))


@register
class RealisasiAcrossTables(_CrossTableRule):
    """The same IKU has a different realisasi in two tables (Tabel 2.2 and Tabel 3.3 of a Renja).

    **Salah**: Persentase pencari kerja terdaftar yang ditempatkan: Tabel 2.2 realisasi 16,24, Tabel 3.3 hasil evaluasi 16,42.

    **Benar**: hasil evaluasi di Tabel 3.3 sama dengan realisasi di Tabel 2.2.
    """

    code = "RXL303"
    name = "crosstable.realisasi"
    severity = Severity.ERROR
    fields = ("realisasi",)
    message = "Realisasi '{nama}' berbeda antartabel: {tabel_a} tertulis {nilai_a}, {tabel_b} tertulis {nilai_b}{yakin}."

    def differs(self, x, y) -> bool:
        return x is not None and y is not None and abs(x - y) > 0.005


@register
class ReviewWithoutNote(Rule):
    """Tabel 2.4 changes the rancangan awal RKPD (target or pagu) without a catatan penting.

    **Salah**: Rancangan awal target 55, hasil analisis kebutuhan target 60, catatan penting kosong.

    **Benar**: setiap perbedaan dengan rancangan awal dijelaskan di kolom Catatan Penting.
    """

    code = "RXL304"
    name = "crosstable.review_note"
    family = "antartabel"
    severity = Severity.WARNING
    message = "{kolom} '{nama}' berubah dari rancangan awal RKPD ({awal}) menjadi {hasil} tanpa catatan penting."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables_of("renja.t2_4"):
            for row in table.data_rows:
                if "catatan" in table.columns and row.text("catatan").strip():
                    continue
                for label, a, b in (("Target", "rkpd_target", "kebutuhan_target"), ("Pagu", "rkpd_pagu", "kebutuhan_pagu")):
                    x, y = row.value(a), row.value(b)
                    changed = (not same_target(x, y)) if isinstance(x, Target) and isinstance(y, Target) else \
                        (isinstance(x, float) or isinstance(y, float)) and not same_number(x, y)
                    if changed:
                        where = [Location(table.sheet, table.address(row.number, b)), Location(table.sheet, table.address(row.number, a))]
                        if "catatan" in table.columns:
                            where.append(Location(table.sheet, table.address(row.number, "catatan")))
                        yield self.finding(where, table.spec.key, written=row.text(b), expected=row.text(a), kolom=label,
                                           nama=shorten(row.text("kebutuhan_uraian") or row.text("rkpd_uraian")),
                                           awal=row.text(a).strip(), hasil=row.text(b).strip())
