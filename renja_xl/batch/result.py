"""One file's outcome as plain data: small, picklable, and a JSON object for the cache.

A :class:`FileResult` is what travels back from a worker (a process of the pool or a
Dask worker on another machine): the findings, the tables found (as dicts), the
figures the rekap needs, and never the workbook itself.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Optional

from ..report import FileReport, severity_counts
from ..rules.base import Finding, Location, Severity

SCHEMA = 1   # the layout of a cached result; a change makes old entries misses


@dataclass
class FileResult:
    """What checking one workbook gave."""

    file: str                                   # the path as listed (str)
    error: Optional[str] = None                 # the sentence when the file could not be used
    error_kind: str = ""                        # the exception class of ``error``
    tables: list = field(default_factory=list)  # [{"sheet", "table", "header_range", "data_range", "title", "rows"}]
    findings: list = field(default_factory=list)   # [Finding]
    output: Optional[str] = None                # the checked copy written, if any
    sha256: str = ""                            # of the bytes that were checked
    size: int = 0
    seconds: float = 0.0                        # time spent on it (0 for a cache hit: see ``cached``)
    cached: bool = False
    sheet_names: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)    # perangkat_daerah, dokumen, tahun, judul
    figures: dict = field(default_factory=dict)  # pagu_n, pagu_n1, capaian_rata, capaian_n, pagu_table
    programs: list = field(default_factory=list)  # [{"kode", "program", "pagu_n", "pagu_n1", "target", "sheet", "cell"}]
    kodes: list = field(default_factory=list)   # [[kode, name, sheet, cell]] every coded row (cross-file names)
    detail: str = ""                            # a traceback, kept only with --debug

    @property
    def ok(self) -> bool:
        return self.error is None

    def summary(self) -> dict:
        return severity_counts(self.findings)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == Severity.ERROR for f in self.findings)

    def report(self) -> FileReport:
        """The same :class:`~renja_xl.report.FileReport` a single-file check makes (text and JSON output)."""
        if self.error is not None:
            return FileReport(file=self.file, error=self.error)
        return FileReport(file=self.file, tables=list(self.tables), findings=list(self.findings), output=self.output)

    # --- the cache's JSON -------------------------------------------------------------------------

    def to_json(self) -> dict:
        data = asdict(self)
        data["findings"] = [finding_to_json(f) for f in self.findings]
        data["schema"] = SCHEMA
        data.pop("detail", None)
        data.pop("cached", None)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "FileResult":
        if data.get("schema") != SCHEMA:
            raise ValueError("another cache layout")
        data = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        data["findings"] = [finding_from_json(f) for f in data.get("findings", [])]
        return cls(**data)


def finding_to_json(f: Finding) -> list:
    return [f.rule, f.name, f.severity.value, f.message, [[loc.sheet, loc.cell] for loc in f.locations], f.table,
            f.written, f.expected]


def finding_from_json(item: list) -> Finding:
    rule, name, severity, message, locations, table, written, expected = item
    return Finding(rule=rule, name=name, severity=Severity(severity), message=message,
                   locations=tuple(Location(str(s), str(c)) for s, c in locations), table=table, written=written,
                   expected=expected)
