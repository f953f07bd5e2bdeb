"""Copy the tables of the two seed documents into ``examples/source/*.tsv``, verbatim.

The seeds (``../shared/seeds/*.txt``) are the text of two real documents; each table
is a run of tab-separated lines, with its header repeated at every page break. This
script copies those line ranges as they stand, page-header repeats and errors
included, so the example workbooks and the test fixtures are built from the
documents themselves. Run it from the repository root:

    python tools/extract_seed_tables.py [--seeds ../shared/seeds]

One repair is made, and only because the text conversion merged cells the document
keeps apart: LKjIP Tabel 2.2 line 224 holds seven rows (program XIV to kegiatan 69)
in one line; the same rows stand apart in Tabel 3.2. They are split again here.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

RENJA = "renja_2022_disnaker_balikpapan.txt"
LKJIP = "lkjip_2016_disnakersos_balikpapan.txt"

# table key -> (seed file, first line, last line), 1-based and inclusive
RANGES = {
    "renja.t2_1": (RENJA, 216, 273),
    "renja.t2_2": (RENJA, 285, 291),
    "renja.t2_3": (RENJA, 360, 370),
    "renja.t2_4": (RENJA, 377, 382),
    "renja.t3_2": (RENJA, 413, 478),
    "renja.t3_3": (RENJA, 487, 493),
    "renja.t3_4": (RENJA, 546, 645),
    "lkjip.t2_1": (LKJIP, 126, 132),
    "lkjip.t2_2": (LKJIP, 140, 225),
    "lkjip.pk_kinerja": (LKJIP, 231, 237),
    "lkjip.pk_anggaran": (LKJIP, 239, 255),
    "lkjip.t3_1_1": (LKJIP, 274, 281),
    "lkjip.t3_1_2": (LKJIP, 299, 309),
    "lkjip.t3_1_3": (LKJIP, 353, 358),
    "lkjip.t3_2": (LKJIP, 369, 469),
}


def _split_merged_rkt_line(line: str) -> list[str]:
    """Tabel 2.2 LKjIP line 224: names and amounts of 11 rows run together."""
    _, names, amounts = line.split("\t")
    parts = [p.strip() for p in re.split(r"\s(?=\d{2}\. Kode Rekening|X[IVX]*\. PROGRAM)", names)]
    values = amounts.split()
    assert len(parts) == len(values) == 11, (len(parts), len(values))
    return [f"\t{name}\t{value}" for name, value in zip(parts, values)]


def extract(seeds: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cache: dict[str, list[str]] = {}
    for key, (name, first, last) in RANGES.items():
        lines = cache.setdefault(name, (seeds / name).read_text(encoding="utf-8").split("\n"))
        chunk: list[str] = []
        for number in range(first, last + 1):
            line = lines[number - 1].rstrip("\r")
            if key == "lkjip.t2_2" and number == 224:
                chunk.extend(_split_merged_rkt_line(line))
            else:
                chunk.append(line)
        (out / f"{key}.tsv").write_text("\n".join(chunk) + "\n", encoding="utf-8")
        print(f"{key}: baris {first}-{last} dari {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="../shared/seeds", type=Path)
    parser.add_argument("--out", default="examples/source", type=Path)
    args = parser.parse_args()
    extract(args.seeds, args.out)


if __name__ == "__main__":
    main()
