"""Tables laid out the way other agencies and SIPD lay them out, each with errors injected at known cells.

Every workbook (tests/layouts.py) goes through the real command line, as a user runs it:
``renja-xl check FILE --no-output --format json`` and ``renja-xl tables FILE --format json``.
For each layout: every injected error is reported at its cell by one of the rules that
may report it; no finding of severity error starts on a clean row; every table is found
at its header. Beside them: the SIPD matrix at more than 300 data rows, a block that is
not a planning table (reported as not understood), and a workbook where nothing at all is
understood (never "0 temuan" with exit 0).
"""

from __future__ import annotations

import contextlib
import io
import json
import re

import pytest
from layouts import VARIANTS, non_planning_block, nothing_understood, sipd_renja_matrix

from renja_xl.cli import main

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]+)")


def _cell(text: str) -> tuple:
    """'$B$7' or 'B7:B9' -> ('B', 7)."""
    m = _CELL.match(str(text).strip().upper())
    assert m, f"not a cell: {text!r}"
    return m.group(1), int(m.group(2))


def _run(*argv) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def _json(argv, text: str):
    try:
        return json.loads(text)
    except ValueError as exc:
        raise AssertionError(f"renja-xl {' '.join(map(str, argv))} did not print JSON: {text[:500]!r}") from exc


class Result:
    """One layout built, checked and listed once."""

    def __init__(self, path, expected):
        self.path, self.expected = path, expected
        argv = ["check", path, "--no-output", "--format", "json"]
        self.code, out, self.err = _run(*argv)
        reports = _json(argv, out)
        self.findings = [f for r in reports for f in r.get("findings", [])]
        argv = ["tables", path, "--format", "json"]
        _, out, _ = _run(*argv)
        self.tables = [t for r in _json(argv, out) for t in r.get("tables", [])]

    def first(self, finding) -> tuple:
        loc = finding["locations"][0]
        column, row = _cell(loc["cell"])
        return loc["sheet"], column, row

    def near(self, sheet: str, row: int) -> str:
        """The findings on and around a row, to read when an assertion fails."""
        lines = []
        for f in self.findings:
            s, c, r = self.first(f)
            if s == sheet and abs(r - row) <= 2:
                lines.append(f"  {f['rule']} {f['severity']} {c}{r}: {f['message']}")
        return "\n".join(lines) or "  (none)"

    def table_at(self, sheet: str, cell: str):
        want = _cell(cell)
        for t in self.tables:
            if t["sheet"] == sheet and t.get("header_range") and _cell(t["header_range"]) == want:
                return t
        return None


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def layout(request, tmp_path_factory):
    path, expected = VARIANTS[request.param](tmp_path_factory.mktemp(request.param) / f"{request.param}.xlsx")
    return Result(path, expected)


def _assert_injected_found(res: Result) -> None:
    missing = []
    for e in res.expected.errors:
        want = (e.sheet, *_cell(e.cell))
        if not any(res.first(f) == want and f["rule"] in e.rules for f in res.findings):
            missing.append(f"{e.sheet}!{e.cell} ({' or '.join(sorted(e.rules))}): {e.what}\n"
                           f"{res.near(e.sheet, e.row)}")
    assert not missing, (f"{res.expected.variant}: {len(res.tables)} tables found, {len(res.findings)} findings; "
                         f"injected errors not reported at their cell:\n" + "\n".join(missing))


def _assert_no_error_on_clean_rows(res: Result) -> None:
    """No error starts on a clean row; on a row with an injected error (or one that sums a wrong
    cell) only the rules that may report that error; no finding at all on a quiet row."""
    wrong = []
    for f in res.findings:
        sheet, column, row = res.first(f)
        where = f"{f['rule']} {f['severity']} {sheet}!{column}{row}"
        if (sheet, row) in res.expected.quiet_rows:
            wrong.append(f"{where} (a row that must stay silent): {f['message']}")
            continue
        allowed = res.expected.allowed(sheet, row)
        if f["severity"] == "error" and allowed is not None and f["rule"] not in allowed:
            kind = "a clean row" if not allowed else f"a row where only {'/'.join(sorted(allowed))} may be reported"
            wrong.append(f"{where} ({kind}): {f['message']}")
    assert not wrong, f"{res.expected.variant}: errors where there is none:\n" + "\n".join(wrong)


def _assert_tables_found(res: Result) -> None:
    found = [f"{t['sheet']}!{t.get('header_range')}" for t in res.tables]
    for sheet, cell in res.expected.headers:
        assert res.table_at(sheet, cell), (f"{res.expected.variant}: no table with its header at {sheet}!{cell}; "
                                           f"tables found: {found or 'none'}")


def test_every_injected_error_is_reported_at_its_cell(layout):
    _assert_injected_found(layout)


def test_no_error_is_reported_on_a_clean_row(layout):
    _assert_no_error_on_clean_rows(layout)


def test_every_table_is_found_at_its_header(layout):
    _assert_tables_found(layout)


def test_a_workbook_with_injected_errors_exits_with_errors(layout):
    if any(e.rules & {"RXL101", "RXL103", "RXL201", "RXL203"} for e in layout.expected.errors):
        assert layout.code == 1, f"{layout.expected.variant}: exit {layout.code}, stderr {layout.err!r}"


def test_sipd_matrix_with_more_than_300_rows_has_its_rollups_checked_for_both_years(tmp_path):
    path, expected = sipd_renja_matrix(tmp_path / "renja_sipd_besar.xlsx", rows=320)
    res = Result(path, expected)
    _assert_tables_found(res)
    (sheet, cell), = expected.headers
    first, last = expected.data_rows[(sheet, cell)]
    table = res.table_at(sheet, cell)
    data = table.get("data_range") or ""
    assert data, f"the matrix has no data range: {table}"
    start, end = (_cell(part)[1] for part in data.split(":"))
    assert start <= first and end >= last, f"data range {data} does not cover rows {first}-{last}"
    # the kegiatan error (pagu 2025) and the program error (pagu 2026) both sit past row 300
    assert min(e.row for e in expected.errors) > 300
    _assert_injected_found(res)
    _assert_no_error_on_clean_rows(res)


def test_a_block_that_is_not_a_planning_table_is_reported_as_not_understood(tmp_path):
    path, expected = non_planning_block(tmp_path / "dengan_daftar_gaji.xlsx")
    res = Result(path, expected)
    (sheet, header_row), = expected.not_understood
    hits = [f for f in res.findings if f["rule"] == "RXL701" and res.first(f)[0] == sheet
            and res.first(f)[2] == header_row]
    assert hits, (f"no RXL701 on the header row {header_row} of the salary list;\n{res.near(sheet, header_row)}")
    _assert_tables_found(res)


def test_a_workbook_where_nothing_is_understood_is_not_passed_as_clean(tmp_path, capsys):
    path, _ = nothing_understood(tmp_path / "inventaris.xlsx")
    code = main(["check", str(path), "--no-output"])
    out, err = capsys.readouterr()
    assert not (code == 0 and "0 temuan" in out), "nothing understood, yet '0 temuan' with exit 0"
    assert code != 0, f"exit 0 for a workbook with no planning table; stdout: {out!r}"
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one sentence on stderr, got: {err!r}"
    assert "Traceback" not in err and path.name in err, err
    code = main(["check", str(path), "--no-output", "--format", "json"])
    capsys.readouterr()
    assert code != 0
