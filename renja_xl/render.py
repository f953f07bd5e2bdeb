"""Text output for the terminal: findings grouped by sheet, coloured by severity (rich)."""

from __future__ import annotations

import sys

from .report import FileReport, by_sheet, summary_sentence
from .rules.base import Severity

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def console(stream=None):
    from rich.console import Console

    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=True)


def print_reports(reports: list[FileReport], out=None) -> None:
    """Every usable file's findings, then one summary line over all files."""
    con = console(out)
    totals = {s.value: 0 for s in Severity}
    usable = [r for r in reports if r.error is None]
    for report in usable:
        con.print(f"[bold]{report.file}[/bold]: {len(report.tables)} tabel, {len(report.findings)} temuan")
        for sheet, findings in by_sheet(report.findings).items():
            con.print(f"  [bold]{sheet or '(buku kerja)'}[/bold]")
            for f in findings:
                cell = f.locations[0].cell if f.locations else "-"
                style = STYLES[f.severity]
                con.print(f"    {cell:>6}  {f.rule}  [{style}]{f.severity.label:<10}[/{style}] ", end="")
                con.print(f.message, markup=False)
        if report.output:
            con.print(f"  salinan diperiksa: {report.output}")
        for key, value in report.summary().items():
            totals[key] += value
    con.print(summary_sentence(totals, len(usable)), markup=False)


def print_rules(rules, out=None) -> None:
    con = console(out)
    for cls in rules:
        style = STYLES[cls.severity]
        con.print(f"{cls.code}  [{style}]{cls.severity.label:<10}[/{style}]  {cls.family:<10}  ", end="")
        con.print(cls.description(), markup=False)


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
