"""Bandingkan: what changed between two drafts of a workbook, table by table and row by row.

A Renja goes through rancangan awal, rancangan, rancangan akhir and a perubahan, and
Bappeda asks that every changed target or pagu carry a catatan. This module pairs the
tables of the two versions (the official layouts by their spec key; tables read by
concept by their sheet and header), then the rows of each pair:

1. by kode and indikator, then by kode alone (an indikator reworded);
2. by normalised name and indikator, exactly, then fuzzily (:data:`FUZZY`, the score kept);
   two rows whose kode differ are never paired by name.

Rows left over are added (only in NEW) or removed (only in OLD). For a paired row the
input columns are compared: targets (value and satuan), satuan, numbers, pagu n and n+1,
lokasi, sumber dana. Computed columns are not compared: they follow from the inputs. A
changed target or pagu whose Catatan Penting is empty gives a finding
(:data:`NO_NOTE_RULE`).

The entry point for an adapter (the command, later a "Bandingkan" button):
:func:`compare_workbooks` (two snapshots in, :class:`Comparison` out), then
:meth:`Comparison.edits` (the plan that writes the sheet of changes, linked into NEW, and
marks the changed cells of NEW) and :meth:`Comparison.to_dict` (JSON).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Callable, Iterable, Optional

from .edits import (HEADER_FILL, LINK_COLOUR, LINKS_PER_SHEET, CellEdit, NewSheet, Style, WorkbookEdits,
                    quote_sheet)
from .parse.numbers import single_spaced
from .parse.targets import Target
from .reader.generic import GENERIC_DOCUMENT
from .reader.headers import normalise
from .reader.model import Row, Table
from .rules.base import Location, number_text
from .sheetnames import CHANGES_SHEET
from .snapshot import WorkbookSnapshot, a1
from .specs.base import Role, Rollup, render_years

FUZZY = 0.88
NO_NOTE_RULE = "RXL901"
COMPARED_ROLES = (Role.TARGET, Role.NUMBER, Role.PAGU, Role.SATUAN, Role.LOKASI, Role.CHOICE)
CHANGE_FILL = "FFEB9C"
ADDED_FILL = "C6EFCE"
REMOVED_FILL = "FFC7CE"
CHANGES_HEADERS = ("No", "Tabel", "Lembar", "Sel", "Kode", "Nama", "Perubahan", "Kolom", "Semula", "Menjadi",
                   "Selisih", "Kecocokan", "Catatan Penting", "Temuan")
CHANGES_WIDTHS = (6, 26, 20, 8, 16, 44, 12, 30, 24, 24, 18, 14, 24, 40)
CHANGES_HEADER_ROW = 3


def key_text(text: Any) -> str:
    """A name or indicator for matching (the cross-table rules' normalisation)."""
    from .rules.families.crosstable import key_text as crosstable_key

    return crosstable_key(text)


# --- what a row says --------------------------------------------------------------------------------


@dataclass
class RowInfo:
    """One row of a table, keyed for matching."""

    table: Table
    row: Row
    name: str                   # its own name, or the name of the row it continues
    indikator: str
    kode: str                   # canonical kode, its own or its owner's
    catatan: str                # its Catatan Penting, or its owner's
    own_name: bool = True

    @property
    def label(self) -> str:
        text = self.name or self.indikator
        if self.name and self.indikator and not self.own_name:
            text = f"{self.name} — {self.indikator}"
        return " ".join(str(text).split())

    def keys(self) -> dict:
        ind = key_text(self.indikator)
        name = key_text(self.name)
        out = {"nama": " | ".join(t for t in (name, ind) if t)}
        if self.kode:
            out["kode_indikator"] = f"{self.kode} | {ind}"
            out["kode"] = self.kode
        if self.row.is_total:
            label = next((v.text for v in self.row.cells.values() if v.text.strip()), "jumlah")
            out = {"nama": "jumlah | " + key_text(label)}
        return out


def _columns_of(table: Table, roles: tuple) -> list:
    return [c.key for c in table.spec.columns if c.key in table.columns and c.role in roles]


def _catatan_key(table: Table) -> Optional[str]:
    keys = [k for k in table.columns if k == "catatan" or k.startswith("catatan_")]
    if keys:
        return keys[0]
    for c in table.spec.columns:  # a column read by concept whose header says catatan
        if c.key in table.columns and normalise(c.header).startswith("catatan"):
            return c.key
    return None


def _name_of(row: Row, key: str) -> str:
    """A name cell's text without the kode written inside it (the reader keeps that apart)."""
    value = row.value(key)
    return " ".join((value if isinstance(value, str) else row.text(key)).split())


def row_infos(table: Table) -> list:
    """Every data and total row of a table with its name, indikator, kode and catatan (continuation rows inherit)."""
    names = _columns_of(table, (Role.URAIAN,))
    indikators = _columns_of(table, (Role.INDIKATOR,))
    catatan = _catatan_key(table)
    out = []
    owner: Optional[RowInfo] = None
    for row in table.rows:
        name = next((_name_of(row, k) for k in reversed(names) if _name_of(row, k)), "")  # T2.4: the reviewed name
        indikator = next((row.text(k).strip() for k in indikators if row.text(k).strip()), "")
        kode = row.kode.canonical if row.kode is not None and row.kode.valid else ""
        note = row.text(catatan).strip() if catatan else ""
        if row.is_total:
            out.append(RowInfo(table, row, "", indikator, "", note))
            owner = None
            continue
        own = bool(name or kode)
        if not own and owner is not None:
            info = RowInfo(table, row, owner.name, indikator, owner.kode, note or owner.catatan, own_name=False)
        else:
            info = RowInfo(table, row, name, indikator, kode, note)
            owner = info
        out.append(info)
    return out


# --- pairing rows --------------------------------------------------------------------------------------


def _kodes_differ(a: RowInfo, b: RowInfo) -> bool:
    return bool(a.kode and b.kode and a.kode != b.kode)


def match_rows(old: list, new: list) -> list:
    """(old info, new info, how, score) for every pair; the unpaired are added or removed.

    ``how`` is ``"kode"`` or ``"nama"``; ``score`` 1.0 for an exact key, the similarity of
    the names for a fuzzy pair (at least :data:`FUZZY`).
    """
    pairs = []
    used_old: set = set()
    used_new: set = set()
    old_keys = [o.keys() for o in old]
    new_keys = [n.keys() for n in new]

    def exact(kind: str, how: str) -> None:
        index: dict = {}
        for j, keys in enumerate(new_keys):
            if j not in used_new and kind in keys:
                index.setdefault(keys[kind], []).append(j)
        for i, keys in enumerate(old_keys):
            if i in used_old or kind not in keys:
                continue
            candidates = [j for j in index.get(keys[kind], []) if j not in used_new]
            if not candidates:
                continue
            j = candidates[0]
            if kind == "kode":  # kode alone: only a kode that stands on one row on each side
                if len(index[keys[kind]]) > 1 or sum(1 for k in old_keys if k.get("kode") == keys[kind]) > 1:
                    continue
            used_old.add(i), used_new.add(j)
            pairs.append((old[i], new[j], how, 1.0))

    exact("kode_indikator", "kode")
    exact("kode", "kode")
    exact("nama", "nama")
    matcher = SequenceMatcher(None, autojunk=False)
    for i, keys in enumerate(old_keys):
        text = keys.get("nama", "")
        if i in used_old or len(text) < 8:
            continue
        matcher.set_seq2(text)
        best, best_ratio = None, FUZZY
        for j, other in enumerate(new_keys):
            if j in used_new or _kodes_differ(old[i], new[j]) or old[i].row.is_total != new[j].row.is_total:
                continue
            matcher.set_seq1(other.get("nama", ""))
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio and (best is None or ratio > best_ratio):
                best, best_ratio = j, ratio
        if best is not None:
            used_old.add(i), used_new.add(best)
            pairs.append((old[i], new[best], "nama", best_ratio))
    return pairs, [o for i, o in enumerate(old) if i not in used_old], [n for j, n in enumerate(new) if j not in used_new]


# --- comparing cells ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One input cell that changed between the versions."""

    key: str
    column: str                 # the column's header
    old_cell: str
    new_cell: str
    old: str                    # as shown
    new: str
    difference: Optional[float] = None
    detail: str = ""            # "satuan jenis → paket", "nilai 3 → 4"
    category: str = ""          # "target", "pagu" or "" (the findings are about the first two)

    def to_dict(self) -> dict:
        return {"kolom": self.key, "judul": self.column, "sel_lama": self.old_cell, "sel_baru": self.new_cell,
                "semula": self.old, "menjadi": self.new, "selisih": self.difference, "rincian": self.detail,
                "jenis": self.category}


def _text(row: Row, key: str) -> str:
    return single_spaced(row.text(key)) if row.get(key) is not None else ""


def _number(row: Row, key: str) -> Optional[float]:
    value = row.value(key)
    if isinstance(value, Target):
        return value.value if len(value.parts) == 1 else None
    return value if isinstance(value, float) else None


def _shown(row: Row, key: str) -> str:
    cell = row.get(key)
    if cell is None or cell.empty:
        return ""
    if isinstance(cell.raw, (int, float)) and not isinstance(cell.raw, bool) and isinstance(cell.value, float):
        return number_text(cell.value)
    return single_spaced(cell.text)


def _target_change(a: Any, b: Any) -> Optional[tuple[str, Optional[float]]]:
    """(detail, difference) when two targets differ in value or satuan; None when they say the same."""
    if not isinstance(a, Target) or not isinstance(b, Target):
        return None
    if len(a.parts) != len(b.parts) or len(a.parts) != 1:
        same = [(p.value, p.unit) for p in a.parts] == [(p.value, p.unit) for p in b.parts] and \
            (a.leftover or "").casefold() == (b.leftover or "").casefold()
        return None if same else ("", None)
    p, q = a.parts[0], b.parts[0]
    details = []
    difference = None
    if (p.value is None) != (q.value is None) or (p.value is not None and abs(p.value - q.value) > 1e-9 *
                                                   max(1.0, abs(p.value))):
        details.append(f"nilai {number_text(p.value)} → {number_text(q.value)}")
        if p.value is not None and q.value is not None and (p.unit == q.unit or not p.unit or not q.unit):
            difference = q.value - p.value
    unit_a, unit_b = (p.unit_text or p.unit or ""), (q.unit_text or q.unit or "")
    if (p.unit or "") != (q.unit or "") or (not p.unit and unit_a.casefold() != unit_b.casefold()):
        details.append(f"satuan {unit_a or '(tanpa satuan)'} → {unit_b or '(tanpa satuan)'}")
    if not details:
        return None
    return "; ".join(details), difference


def _label(table: Table, key: str) -> str:
    col = table.spec.column(key)
    header = render_years(col.header, None)
    if col.group:
        group = " ".join(render_years(col.group, None).split())
        return f"{header} ({group})" if len(group) <= 48 else f"{header} ({group[:47]}…)"
    return " ".join(header.split())


def _category(table: Table, key: str) -> str:
    role = table.spec.column(key).role
    if role == Role.PAGU:
        return "pagu"
    if role == Role.TARGET and ("target" in key or table.spec.document == GENERIC_DOCUMENT and key.startswith("jumlah")):
        return "target"
    if role == Role.NUMBER and "target" in key:
        return "target"
    return ""


def _with_unit(info: RowInfo, key: str, formats: dict, units) -> tuple[Any, str]:
    """(the target, its text) of a cell, reading a number under ``0 "jenis"`` as the target "15 jenis"."""
    from .parse.targets import parse_target
    from .perbaiki import shown_with_unit

    cell = info.row.get(key)
    if cell is None:
        return None, ""
    code = formats.get((info.table.sheet, info.row.number, info.table.columns[key])) if formats else None
    text = shown_with_unit(cell.raw, code) if code else None
    if text is None:
        return cell.value, _text(info.row, key)
    return parse_target(text, None, units), text


def compare_rows(old: RowInfo, new: RowInfo, keys: list, old_formats: Optional[dict] = None,
                 new_formats: Optional[dict] = None, units=None) -> list:
    """The changed input cells of a paired row (``keys``: the columns both tables have).

    ``old_formats``/``new_formats`` ({(sheet, row, col): number format}) say which numbers
    carry their satuan in their format (as ``renja-xl perbaiki`` writes them).
    """
    changes = []
    ta, tb = old.table, new.table
    for key in keys:
        a_text, b_text = _text(old.row, key), _text(new.row, key)
        if not a_text and not b_text:
            continue
        role = tb.spec.column(key).role
        detail, difference = "", None
        shown_a = shown_b = None
        if role == Role.TARGET:
            a_value, shown_a = _with_unit(old, key, old_formats, units)
            b_value, shown_b = _with_unit(new, key, new_formats, units)
            got = _target_change(a_value, b_value)
            if got is None and a_text and b_text:
                continue
            if got is not None:
                detail, difference = got
        elif role in (Role.NUMBER, Role.PAGU):
            x, y = _number(old.row, key), _number(new.row, key)
            if x is not None and y is not None:
                tolerance = 0.5 if role == Role.PAGU else 1e-9 * max(1.0, abs(x))
                if abs(x - y) <= tolerance:
                    continue
                difference = y - x
            elif a_text.casefold() == b_text.casefold():
                continue
        elif a_text.casefold() == b_text.casefold():
            continue
        changes.append(FieldChange(key, _label(tb, key), ta.address(old.row.number, key),
                                   tb.address(new.row.number, key), shown_a or _shown(old.row, key) or "(kosong)",
                                   shown_b or _shown(new.row, key) or "(kosong)", difference, detail,
                                   _category(tb, key)))
    return changes


# --- tables ---------------------------------------------------------------------------------------------


@dataclass
class RowChange:
    """A row added, removed or changed."""

    kind: str                   # "ditambah", "dihapus", "berubah"
    old: Optional[RowInfo]
    new: Optional[RowInfo]
    how: str = ""               # "kode" or "nama"
    score: float = 1.0
    fields: list = field(default_factory=list)

    @property
    def info(self) -> RowInfo:
        return self.new or self.old

    @property
    def match_text(self) -> str:
        if not self.how:
            return ""
        return "kode" if self.how == "kode" else ("nama" if self.score >= 1.0 else f"nama {round(self.score * 100)}%")

    def to_dict(self) -> dict:
        info = self.info
        out = {"perubahan": self.kind, "kode": info.kode, "nama": info.label,
               "baris_lama": self.old.row.number if self.old else None,
               "baris_baru": self.new.row.number if self.new else None}
        if self.how:
            out["cocok"] = {"dengan": self.how, "skor": round(self.score, 4)}
        if self.fields:
            out["kolom"] = [f.to_dict() for f in self.fields]
        if self.new is not None:
            out["catatan"] = self.new.catatan
        return out


@dataclass
class TableDiff:
    """One table in both versions (or in one only) and its row changes."""

    key: str
    title: str
    old: Optional[Table]
    new: Optional[Table]
    rows: list = field(default_factory=list)   # RowChange
    compared: tuple = ()                       # the column keys compared

    @property
    def status(self) -> str:
        return "dicocokkan" if self.old is not None and self.new is not None else (
            "hanya di versi baru" if self.new is not None else "hanya di versi lama")

    @property
    def sheet(self) -> str:
        return (self.new or self.old).sheet

    def counts(self) -> dict:
        out = {"ditambah": 0, "dihapus": 0, "berubah": 0}
        for r in self.rows:
            out[r.kind] += len(r.fields) if r.kind == "berubah" else 1
        return out

    def to_dict(self) -> dict:
        return {"tabel": self.key, "judul": self.title, "status": self.status,
                "lembar_lama": self.old.sheet if self.old else None, "lembar_baru": self.new.sheet if self.new else None,
                "kolom_dibandingkan": list(self.compared), **self.counts(),
                "baris": [r.to_dict() for r in self.rows]}


def _signature(table: Table) -> tuple:
    return tuple(normalise(c.header) for c in sorted(table.spec.columns, key=lambda c: table.columns.get(c.key, 0))
                 if c.key in table.columns)


def match_tables(old: list, new: list) -> list:
    """(old table or None, new table or None): presets by spec key in order, tables read by concept by sheet and header."""
    pairs = []
    used_new: set = set()
    for t in old:
        found = None
        if t.spec.document != GENERIC_DOCUMENT:
            found = next((j for j, u in enumerate(new) if j not in used_new and u.spec.key == t.spec.key), None)
        else:
            tries = (lambda u: u.sheet == t.sheet and _signature(u) == _signature(t),
                     lambda u: u.sheet == t.sheet and set(u.columns) == set(t.columns),
                     lambda u: _signature(u) == _signature(t))
            for test in tries:
                found = next((j for j, u in enumerate(new) if j not in used_new and u.spec.document == GENERIC_DOCUMENT
                              and test(u)), None)
                if found is not None:
                    break
        if found is not None:
            used_new.add(found)
        pairs.append((t, new[found] if found is not None else None))
    pairs.extend((None, u) for j, u in enumerate(new) if j not in used_new)
    return pairs


def _typed(formula) -> bool:
    """Whether a column holds what staff type: no formula, or a roll-up (pagu typed on every level, then checked)."""
    return formula is None or isinstance(formula, Rollup)


def compare_tables(old: Optional[Table], new: Optional[Table], old_formats: Optional[dict] = None,
                   new_formats: Optional[dict] = None, units=None) -> TableDiff:
    table = new or old
    title = table.spec.sheet if table.spec.document != GENERIC_DOCUMENT else table.spec.sheet
    diff = TableDiff(table.spec.key, title, old, new)
    if old is None or new is None:
        return diff
    keys = [k for k in _columns_of(new, COMPARED_ROLES) if k in old.columns
            and _typed(new.spec.column(k).computed) and k not in new.spec.kode_parts]
    diff.compared = tuple(keys)
    pairs, removed, added = match_rows(row_infos(old), row_infos(new))
    for a, b, how, score in pairs:
        fields = compare_rows(a, b, keys, old_formats, new_formats, units)
        if fields:
            diff.rows.append(RowChange("berubah", a, b, how, score, fields))
    diff.rows.extend(RowChange("dihapus", a, None) for a in removed if not a.row.is_total)
    diff.rows.extend(RowChange("ditambah", None, b) for b in added if not b.row.is_total)
    diff.rows.sort(key=lambda r: (r.new.row.number if r.new else r.old.row.number, r.kind != "dihapus"))
    return diff


# --- the whole comparison ------------------------------------------------------------------------------


@dataclass
class Comparison:
    """Two versions of a workbook compared."""

    old_name: str
    new_name: str
    tables: list = field(default_factory=list)     # TableDiff
    findings: list = field(default_factory=list)   # Finding

    def counts(self) -> dict:
        out = {"ditambah": 0, "dihapus": 0, "berubah": 0}
        for t in self.tables:
            for k, v in t.counts().items():
                out[k] += v
        out["temuan"] = len(self.findings)
        return out

    def sentence(self) -> str:
        n = self.counts()
        return (f"{n['berubah']} isian berubah, {n['ditambah']} baris ditambah, {n['dihapus']} baris dihapus; "
                f"{n['temuan']} perubahan target/pagu tanpa catatan penting")

    def entries(self) -> list:
        """Every change as one entry: (table diff, row change, field change or None)."""
        out = []
        for t in self.tables:
            for r in t.rows:
                if r.kind == "berubah":
                    out.extend((t, r, f) for f in r.fields)
                else:
                    out.append((t, r, None))
        return out

    def flat(self) -> list:
        """Every change as one plain record (the JSON's ``perubahan``: one line per change for batch use)."""
        out = []
        for t, r, f in self.entries():
            info = r.info
            out.append({
                "tabel": t.key, "lembar": info.table.sheet, "perubahan": r.kind,
                "sel": f.new_cell if f is not None else (
                    a1(info.row.number, _name_col(info.table)) if r.kind == "ditambah" else None),
                "sel_lama": f.old_cell if f is not None else (
                    a1(info.row.number, _name_col(info.table)) if r.kind == "dihapus" else None),
                "kode": info.kode, "nama": info.label,
                "kolom": f.key if f is not None else None, "judul": f.column if f is not None else None,
                "semula": f.old if f is not None else None, "menjadi": f.new if f is not None else None,
                "selisih": f.difference if f is not None else None, "rincian": f.detail if f is not None else None,
                "cocok": r.match_text or None, "skor": round(r.score, 4) if r.how else None,
                "catatan": r.new.catatan if r.new is not None else None,
            })
        return out

    def to_dict(self) -> dict:
        return {"lama": self.old_name, "baru": self.new_name, "ringkasan": self.counts(),
                "perubahan": self.flat(),
                "tabel": [t.to_dict() for t in self.tables if t.rows or t.status != "dicocokkan"],
                "temuan": [f.to_dict() for f in self.findings]}

    def edits(self, sheet_names: Iterable[str] = (), ours: Callable[[str], bool] = lambda _: False) -> WorkbookEdits:
        """The plan for the copy of NEW: the sheet of changes (links into NEW) and the changed cells marked.

        The sheet is named ``Perubahan``, or ``Perubahan (2)``… when a sheet of that name is
        taken (Excel compares names ignoring case); ``ours(name)``: whether such a sheet is an
        earlier sheet of changes of renja-xl's, which the new one then replaces (a button in a
        live workbook; the command's copy always adds one).
        """
        from .results_sheet import free_name

        name, _ = free_name(CHANGES_SHEET, sheet_names, ours)
        edits = WorkbookEdits()
        findings_at: dict = {}
        for f in self.findings:
            findings_at.setdefault((f.locations[0].sheet, f.locations[0].cell), []).append(f)
        marks: dict = {}
        sheet = NewSheet(name, widths=dict(enumerate(CHANGES_WIDTHS, start=1)), freeze_rows=CHANGES_HEADER_ROW,
                         print_title_rows=(CHANGES_HEADER_ROW, CHANGES_HEADER_ROW))
        put = sheet.cells.append
        put(CellEdit(name, 1, 1, value=f"Perubahan {self.old_name} → {self.new_name}: {self.sentence()}.",
                     style=Style(bold=True, size=12)))
        for col, header in enumerate(CHANGES_HEADERS, start=1):
            put(CellEdit(name, CHANGES_HEADER_ROW, col, value=header, style=Style(bold=True, fill=HEADER_FILL)))
        for index, (t, r, f) in enumerate(self.entries(), start=1):
            row = CHANGES_HEADER_ROW + index
            info = r.info
            if r.kind == "dihapus":
                link, colour = None, REMOVED_FILL
                sheet_name, cell = info.table.sheet, ""
            else:
                col = (info.table.columns.get(f.key) if f is not None else None) or _name_col(info.table)
                cell = a1(info.row.number, col)
                sheet_name, link = info.table.sheet, f"{quote_sheet(info.table.sheet)}!{cell}"
                if index > LINKS_PER_SHEET:   # past what Excel keeps in a sheet, the cell is named plain
                    link = None
                colour = CHANGE_FILL if r.kind == "berubah" else ADDED_FILL
                note = (f"Sebelumnya ({self.old_name}): {f.old}" if f is not None
                        else f"Baris baru; tidak ada di {self.old_name}.")
                marks.setdefault((sheet_name, info.row.number, col), (colour, []))[1].append(note)
            temuan = "; ".join(f"{x.rule} {x.message}" for x in findings_at.get((sheet_name, cell), [])) \
                if f is not None else ""
            values = (index, t.title, sheet_name, cell if r.kind != "dihapus" else f"baris {info.row.number} (lama)",
                      info.kode, info.label, r.kind, f.column if f else "", f.old if f else "",
                      f.new if f else "", f.difference if f is not None else None, r.match_text,
                      (r.new.catatan if r.new else ""), temuan)
            for c, value in enumerate(values, start=1):
                style = Style()
                if c == 4 and link:
                    style = Style(font_colour=LINK_COLOUR, underline=True)
                elif c == 7:
                    style = Style(fill=colour)
                elif c == 11 and value is not None:
                    style = Style(number_format="#,##0.##;-#,##0.##")
                elif c in (6, 14):
                    style = Style(wrap=True)
                put(CellEdit(name, row, c, value=value if value != "" else None, style=style,
                             link=link if c == 4 else None))
        count = len(self.entries())
        if count:
            sheet.autofilter = f"A{CHANGES_HEADER_ROW}:N{CHANGES_HEADER_ROW + count}"
        edits.sheets.append(sheet)
        for (sheet_name, row, col), (colour, notes) in marks.items():
            edits.cells.append(CellEdit(sheet_name, row, col, style=Style(fill=colour), keep_value=True,
                                        note="renja-xl bandingkan: " + "\n".join(notes)))
        return edits


def _name_col(table: Table) -> int:
    for roles in ((Role.URAIAN,), (Role.INDIKATOR,), (Role.KODE,)):
        keys = _columns_of(table, roles)
        if keys:
            return table.columns[keys[0]]
    return table.left


def _findings(diffs: list) -> list:
    """A finding for every changed target or pagu whose Catatan Penting is empty (rule RXL901)."""
    from .rules import REGISTRY, all_rules

    all_rules()
    rule = REGISTRY[NO_NOTE_RULE]()
    out = []
    for t in diffs:
        catatan = _catatan_key(t.new) if t.new is not None else None
        for r in t.rows:
            if r.kind != "berubah" or r.new.row.is_total or r.new.catatan:
                continue
            for f in r.fields:
                if f.category not in ("target", "pagu"):
                    continue
                locations = [Location(t.new.sheet, f.new_cell)]
                if catatan:
                    locations.append(Location(t.new.sheet, t.new.address(r.new.row.number, catatan)))
                    why = "Catatan Penting-nya kosong"
                else:
                    why = "tabel ini tidak punya kolom Catatan Penting"
                change = f"{f.old} menjadi {f.new}"
                if f.difference is not None:
                    change += f" (selisih {'+' if f.difference > 0 else ''}{number_text(f.difference)})"
                elif f.detail:
                    change += f" ({f.detail})"
                label = r.new.label
                out.append(rule.finding(locations, t.key, written=f.new, expected=f.old, kolom=f.column,
                                        nama=label[:60] + ("…" if len(label) > 60 else ""), perubahan=change,
                                        sebab=why))
    return out


def compare(old_snapshot: WorkbookSnapshot, old_tables: list, new_snapshot: WorkbookSnapshot,
            new_tables: list, old_formats: Optional[dict] = None, new_formats: Optional[dict] = None,
            units=None) -> Comparison:
    """Compare the tables already read from two versions (formats: see :func:`compare_rows`)."""
    diffs = [compare_tables(a, b, old_formats, new_formats, units) for a, b in match_tables(old_tables, new_tables)]
    return Comparison(old_snapshot.name, new_snapshot.name, diffs, _findings(diffs))


def is_report_sheet(sheet) -> bool:
    """Sheets renja-xl writes as reports (bandingkan's changes, perbaiki's summary and undo): never compared.

    Known by name and by their own header row, so a user's sheet called ``Perubahan`` is compared.
    """
    from .perbaiki import is_own_sheet

    if is_own_sheet(sheet):
        return True
    name = sheet.name
    base = name.rsplit(" (", 1)[0] if name.endswith(")") else name
    return base == CHANGES_SHEET and tuple(sheet.value(CHANGES_HEADER_ROW, c)
                                           for c in range(1, len(CHANGES_HEADERS) + 1)) == CHANGES_HEADERS


def compare_workbooks(old: WorkbookSnapshot, new: WorkbookSnapshot, units=None, vocabulary=None,
                      old_formats: Optional[dict] = None, new_formats: Optional[dict] = None) -> Comparison:
    """Read the tables of both versions and compare them (the function the command and a button call).

    ``old_formats``/``new_formats``: {(sheet, row, col): number format} of the numbers whose
    format writes their satuan (``0 "jenis"``), as an adapter reads them; without them such
    a number reads without its satuan.
    """
    from .reader import find_tables

    old = WorkbookSnapshot([s for s in old if not is_report_sheet(s)], name=old.name)
    new = WorkbookSnapshot([s for s in new if not is_report_sheet(s)], name=new.name)
    return compare(old, find_tables(old, units=units, vocabulary=vocabulary), new,
                   find_tables(new, units=units, vocabulary=vocabulary), old_formats, new_formats, units)
