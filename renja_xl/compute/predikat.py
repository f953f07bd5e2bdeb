"""Predikat bands for a capaian (percent points), configurable, with their colours.

Default (Permendagri 86/2017 evaluation scale): Sangat Tinggi >= 91, Tinggi 76-90,
Sedang 66-75, Rendah 51-65, Sangat Rendah <= 50. A value between two bands (90.5)
takes the lower band, as the formula ``>= threshold`` reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class PredikatBands:
    """Thresholds from the highest band down, and the label below the last one."""

    bands: tuple[tuple[float, str], ...] = ((91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah"))
    lowest: str = "Sangat Rendah"

    def label(self, capaian: Optional[float]) -> Optional[str]:
        """The predikat of a capaian, None for no capaian."""
        if capaian is None:
            return None
        for threshold, name in self.bands:
            if capaian >= threshold:
                return name
        return self.lowest

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.bands) + (self.lowest,)


# fill colour per label (conditional formatting in the workbook)
COLOURS = {
    "Sangat Tinggi": "63BE7B",
    "Tinggi": "C6EFCE",
    "Sedang": "FFEB9C",
    "Rendah": "F8CBAD",
    "Sangat Rendah": "FFC7CE",
}

DEFAULT_BANDS = PredikatBands()


def relabelled(bands: PredikatBands, labels: Optional[tuple]) -> PredikatBands:
    """The same thresholds named with ``labels`` (highest first), or ``bands`` itself without labels."""
    if not labels or len(labels) != len(bands.labels):
        return bands
    return PredikatBands(tuple((t, name) for (t, _), name in zip(bands.bands, labels)), labels[-1])
