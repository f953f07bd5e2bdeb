"""Findings held packed while the workbook they are about is still in memory.

A check holds the workbook's snapshot and tables while its rules run; the findings made
meanwhile (tens of thousands in a large table, 12 MB at 17,000) would be held beside them.
Packed, a batch at a time, as marshalled and compressed plain tuples, they take a few
hundred kilobytes until the workbook is let go; then they are unpacked into the same
:class:`~renja_xl.rules.base.Finding` objects.
"""

from __future__ import annotations

import marshal
import zlib
from functools import partial
from itertools import chain, islice
from typing import Iterable

from .base import Finding, Location, Severity

_SEVERITY = {severity.value: severity for severity in Severity}
_VALUE = {severity: severity.value for severity in Severity}
_new_finding = partial(tuple.__new__, Finding)
_new_location = partial(tuple.__new__, Location)


class PackedFindings:
    """Findings added in order, kept packed a batch at a time; :meth:`unpack` gives them back, in that order.

    A batch is packed by columns (each field of every finding, the locations flattened with
    their count per finding), so that taking it apart and putting it back together is done
    by ``zip`` and ``map`` in C, not by a Python step per finding.
    """

    BATCH = 512   # a rule's findings held unpacked at most this many at a time (2,048: 1.5 MB more at the peak)

    def __init__(self) -> None:
        self._blobs: list = []   # a packed batch (bytes), or one kept as it is (a list)
        self._batch: list[Finding] = []

    def extend(self, findings: Iterable[Finding]) -> None:
        batch = self._batch
        for finding in findings:
            batch.append(finding)
            if len(batch) >= self.BATCH:
                self.finish()
                batch = self._batch

    def finish(self) -> None:
        """Pack the findings added since the last full batch (more may still be added)."""
        batch, self._batch = self._batch, []
        if not batch:
            return
        try:
            rules, names, severities, messages, locations, tables, written, expected = zip(*batch)
            columns = (rules, names, tuple(map(_VALUE.__getitem__, severities)), messages,
                       tuple(map(len, locations)), tuple(map(tuple, chain.from_iterable(locations))),
                       tables, written, expected)
            self._blobs.append(zlib.compress(marshal.dumps(columns), 1))
        except (ValueError, KeyError, TypeError):   # a value marshal does not know (no rule makes one): kept as is
            self._blobs.append(batch)

    def unpack(self) -> list[Finding]:
        """Every finding added, in order (the store is empty afterwards)."""
        self.finish()
        out: list[Finding] = []
        for blob in self._blobs:
            if isinstance(blob, list):
                out.extend(blob)
                continue
            rules, names, severities, messages, counts, cells, tables, written, expected = \
                marshal.loads(zlib.decompress(blob))
            cells = iter(map(_new_location, cells))
            locations = [tuple(islice(cells, n)) for n in counts]
            out.extend(map(_new_finding, zip(rules, names, map(_SEVERITY.__getitem__, severities), messages,
                                             locations, tables, written, expected)))
        self._blobs = []
        return out
