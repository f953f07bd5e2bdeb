"""Every number, target and kode cell of the two seed documents parses.

The only exceptions are the seeds' own errors: values typed in the wrong column on
the last page of Renja Tabel 3.4. They are listed here by name, so a parser change
that stops reading a real form fails this test, and the checks (issue #4) know
exactly which cells must be reported as misplaced.
"""

import pytest
from build_examples import OPTIONAL_COLUMNS
from seed_tables import HEADER_LINES, data_lines, realigned

from renja_xl.parse import parse_kode, parse_number, parse_target
from renja_xl.specs import get_spec
from renja_xl.specs.base import Role

# (table, column, text): the seed's real misplacements
WRONG_COLUMN = {
    ("renja.t3_4", "target", "Penyelenggaraan Verifikasi dan Rekapitulasi Keanggotaan Pada Organisasi Pengusaha, "
                             "Federasi dan Konfederasi Serikat Pekerja/Serikat Buruh Serta Non Afiliasi"),
    ("renja.t3_4", "target", "Pelaksanaan Operasional Lembaga Kerjasama Tripartit Daerah Kabupaten/Kota"),
    ("renja.t3_4", "pagu", "Jumlah dokumen keanggotaan serikat pekerja/serikat buruh/federasi/konfederasi yang tercatat"),
    ("renja.t3_4", "pagu", "Jumlah pertemuan LKS Tripartit"),
    ("renja.t3_4", "pagu", "4 kali pertemuan"),
    ("renja.t3_4", "pagu_n1", "6 kali pertemuan"),
    ("renja.t3_4", "target_n1", "Penting"),
}
TOTAL_LABELS = {"RATA-RATA CAPAIAN KINERJA", "Rata-Rata Capaian", "J U M L A H", "TOTAL PAGU"}


def seed_cells():
    for key in HEADER_LINES:
        columns = get_spec(key).template_columns(OPTIONAL_COLUMNS)
        for line in data_lines(key):
            for j, text in enumerate(realigned(key, line.cells)):
                if text is not None and j < len(columns) and text not in TOTAL_LABELS:
                    yield key, columns[j], text


def _reads(role, text):
    if role == Role.KODE:
        return parse_kode(text).valid
    if role in (Role.NUMBER, Role.PAGU, Role.PERCENT, Role.YEAR):
        return parse_number(text) is not None
    if role == Role.TARGET:
        return parse_target(text).leftover == ""
    return True


def test_every_seed_number_target_and_kode_parses():
    failures = {(key, col.key, text) for key, col, text in seed_cells() if not _reads(col.role, text)}
    assert failures == WRONG_COLUMN


@pytest.mark.parametrize("role", [Role.KODE, Role.NUMBER, Role.PAGU, Role.PERCENT, Role.TARGET])
def test_the_seeds_exercise_every_parsed_role(role):
    forms = {text for _, col, text in seed_cells() if col.role == role}
    assert len(forms) >= 10
