"""The rule families; importing this package registers every rule.

| family      | codes  | checks                                                        |
|-------------|--------|---------------------------------------------------------------|
| aritmetika  | RXL1xx | computed values, totals, averages                             |
| pagu        | RXL2xx | pagu roll-up by kode: sub kegiatan -> kegiatan -> program -> total |
| antartabel  | RXL3xx | the same program/indicator across tables                      |
| satuan      | RXL4xx | units and targets                                             |
| kode        | RXL5xx | kode form, urusan, duplicates, orphans, levels                |
| kolom       | RXL6xx | values in the wrong column, empty cells, targets without pagu |
| struktur    | RXL7xx | table-like blocks the reader did not understand               |
| nomenklatur | RXL8xx | kode, name and satuan against the official list (--nomenklatur) |
| antarversi  | RXL90x | two drafts compared (renja-xl bandingkan)                     |
| antarberkas | RXL95x | the files of a folder compared (renja-xl check DIR)           |
"""

from . import arithmetic, codes, columns, crossfile, crosstable, meta, nomenclature, rollup, structure, targets, versions  # noqa: F401,E501
