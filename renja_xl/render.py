"""Text output for the terminal: findings grouped by sheet, coloured by severity (rich).

Names and messages are text, never markup: a file called ``Renja [revisi].xlsx`` or a
sheet called ``T2.1 [/] Evaluasi`` prints as it is (every line is built from rich
``Text`` pieces, which rich does not parse), and control characters a name or a cell
may carry (an escape sequence, a carriage return, a bidirectional override) are shown
escaped (:func:`terminal_text`) instead of steering the terminal.
"""

from __future__ import annotations

import re
import sys

from .report import Entry, FileReport, by_sheet, group_findings, summary_sentence
from .rules.base import Severity

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

# C0 and C1 controls, DEL, the bidirectional controls, and lone surrogates (undecodable bytes of a file name)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    ch = match.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: object) -> str:
    """``text`` safe to print on one terminal line: control characters shown as escapes (``\\x1b``, ``\\n``)."""
    return _UNSAFE.sub(_escape, str(text))


def console(stream=None):
    from rich.console import Console

    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=True, markup=False, emoji=False)


def _line(*pieces):
    """One line of (text, style) pieces; the text is escaped and never read as markup."""
    from rich.text import Text

    return Text.assemble(*((terminal_text(text), style) if style else terminal_text(text) for text, style in pieces))


def print_reports(reports: list[FileReport], out=None, detail: bool = False) -> None:
    """Every usable file's findings, then one summary line over all files (``detail``: every finding on its line)."""
    printer = ReportPrinter(out, detail)
    for report in reports:
        printer.add(report)
    printer.finish()


class ReportPrinter:
    """:func:`print_reports` one file at a time, as the files come (a folder of thousands is never held at once).

    Findings of one rule in one column of one sheet, three or more, read as one line listing
    their cells (:func:`~renja_xl.report.group_findings`); ``detail`` (``--rinci``) prints
    every finding on its own line instead.
    """

    def __init__(self, out=None, detail: bool = False):
        self.con = console(out)
        self.totals = {s.value: 0 for s in Severity}
        self.files = 0
        self.detail = detail
        self.grouped = 0
        self.across = 0   # findings across files, counted in the totals too

    def add_across(self, findings: list, line) -> None:
        """The findings across files (RXL951-956), each printed by ``line(finding)`` and counted in the summary."""
        if not findings:
            return
        self.line("Lintas berkas", "bold")
        for f in findings:
            self.con.print(line(f))
            self.totals[Severity(f.severity).value] += 1
        self.across += len(findings)

    def add(self, report: FileReport) -> None:
        if report.error is not None:
            return
        con = self.con
        self.files += 1
        con.print(_line((report.file, "bold"), (f": {len(report.tables)} tabel, {len(report.findings)} temuan", "")))
        for sheet, findings in by_sheet(report.findings).items():
            con.print(_line(("  ", ""), (sheet or "(buku kerja)", "bold")))
            entries = [Entry([f]) for f in findings] if self.detail else group_findings(findings)
            for entry in entries:
                f = entry.first
                cell = f.locations[0].cell if f.locations else "-"
                text = entry.sentence(8, example=True) if entry.grouped else f.message
                if entry.grouped:
                    self.grouped += 1
                con.print(_line((f"    {cell:>6}  {f.rule}  ", ""), (f"{f.severity.label:<10}", STYLES[f.severity]),
                                (f" {text}", "")))
        if report.output:
            con.print(_line((f"  salinan diperiksa: {report.output}", "")))
        for key, value in report.summary().items():
            self.totals[key] += value

    def line(self, text: str, style: str = "") -> None:
        """One more line (a note before the summary), escaped like the others."""
        self.con.print(_line((text, style)))

    def finish(self) -> None:
        if self.grouped:
            self.con.print(_line(("Temuan satu aturan di satu kolom digabung menjadi satu baris; --rinci menampilkan "
                                  "setiap temuan.", "")))
        sentence = summary_sentence(self.totals, self.files)
        if self.across:
            sentence = f"{sentence[:-1]}, termasuk {self.across} temuan lintas berkas."
        self.con.print(_line((sentence, "")))


def print_rules(rules, out=None) -> None:
    con = console(out)
    for cls in rules:
        con.print(_line((f"{cls.code}  ", ""), (f"{cls.severity.label:<10}", STYLES[cls.severity]),
                        (f"  {cls.family:<10}  {cls.description()}", "")))


def rules_markdown(rules) -> str:
    """Every rule documented from its docstring (docs/rules.md)."""
    lines = ["# Aturan pemeriksaan renja-xl", "",
             "Dibuat dari docstring setiap aturan: `renja-xl rules --format markdown > docs/rules.md`.", "",
             "| Kode | Tingkat | Keluarga | Nama | Uraian |", "|---|---|---|---|---|"]
    for cls in rules:
        lines.append(f"| {cls.code} | {cls.severity.label} | {cls.family} | `{cls.name}` | {cls.description()} |")
    for cls in rules:
        doc = cls.documentation().splitlines()
        lines += ["", f"## {cls.code} `{cls.name}`", "", f"*{cls.severity.label}, keluarga {cls.family}.*", ""]
        lines += doc
        if cls.options:
            lines += ["", "Opsi: " + ", ".join(f"`{k}` (bawaan {v})" for k, v in cls.options.items())]
    return "\n".join(lines) + "\n"
