"""Cross-table rules: each with a failing and a passing example."""

from grids import LK_T21, LK_T32, PK, PK_ANGGARAN, RKT, T22, T23, T24, T32, T33, T34, cells, check, large_t34, t34_row

RTK = "Jumlah dokumen rencana tenaga kerja (RTK) yang tersusun"


def t23(pagu):
    return T23 + [[17, "Program Perencanaan Tenaga Kerja", RTK, 2, pagu]]


def t34(pagu, target="2 Dok"):
    return T34 + [t34_row("2 .07 .02", "PROGRAM PERENCANAAN TENAGA KERJA", "Persentase dokumen RTK", "3.2%", pagu),
                  t34_row("2 .07 .02 .2.01 .01", "Penyusunan Rencana Tenaga Kerja (RTK)", RTK, target, pagu)]


def test_rxl301_fails_when_a_program_pagu_differs_between_tables():
    found = check(t23("399.952.800"), t34(400000000), code="RXL301")
    assert cells(found) == ["S1!E3", "S1!E3"]        # the program, and its indicator row
    assert {loc.cell for f in found for loc in f.locations[1:]} == {"F3", "F4"}
    assert "T2.3 Ranwal RKPD E3 tertulis 399.952.800, T3.4 Rencana Program F3 tertulis 400.000.000" in found[0].message


def test_rxl301_passes_when_pagu_agree_and_matches_lkjip_by_kode_and_program():
    assert check(t23("399.952.800"), t34(399952800), code="RXL301") == []
    rkt = RKT + [[None, "I. PROGRAM PELAYANAN ADMINISTRASI", "5,050,000"],
                 ["01.", "Kode Rekening 1.14.1.14.01.01.001. Surat", "5,050,000"]]
    t32 = LK_T32 + [[None, "I. PROGRAM PELAYANAN ADMINISTRASI", "5,050,000", "3,000,000"] + [None] * 6,
                    [None, "01. Kode Rekening 1.14.1.14.01.01.001. Surat", "5,050,000", "3,000,000"] + [None] * 6]
    pk = PK_ANGGARAN + [["1. Program Pelayanan Administrasi", "Rp 3,000,000", None]]
    assert check(rkt, t32, pk, code="RXL301") == []
    pk[1][1] = "Rp 3,500,000"
    assert cells(check(rkt, t32, pk, code="RXL301")) == ["S3!B2"]


def test_rxl302_fails_when_a_target_differs_between_tables():
    t32 = T32 + [["Penyusunan Rencana Tenaga Kerja (RTK)", "Kota", RTK, "2 Jenis", 399952800, "APBD Kota", None]]
    found = check(t34(399952800, target="1 Dok"), t32, code="RXL302")
    assert cells(found) == ["S1!E4"] and "'1 Dok'" not in found[0].message and "1 Dok" in found[0].message


def test_rxl302_passes_on_the_same_target_and_a_missing_unit():
    t32 = T32 + [["Penyusunan Rencana Tenaga Kerja (RTK)", "Kota", RTK, "2 Dok", 399952800, "APBD Kota", None]]
    assert check(t34(399952800), t32, code="RXL302") == []
    t24 = T24 + [[1, "Program A", "Kota", "Persentase a", 23, 10, "Program A", "Kota", "Persentase a", 23, 10, None]]
    t32b = T32 + [["PROGRAM A", "Kota", "Persentase a", "23%", 10, "APBD Kota", None]]
    assert check(t24, t32b, code="RXL302") == []


def test_rxl302_compares_iku_targets_in_the_lkjip():
    t21 = LK_T21 + [[1, "t", "s", "Persentase pencari kerja yang mendapatkan pelatihan", "f", "70%"]]
    pk = PK + [["1.", "s", "Persentase pencari kerja yang mendapatkan pelatihan", "75%"]]
    assert cells(check(t21, pk, code="RXL302")) == ["S1!F2"]
    pk[1][3] = "70%"
    assert check(t21, pk, code="RXL302") == []


def test_rxl303_fails_when_realisasi_differs_between_iku_and_evaluation():
    t22 = T22 + [["1.", "s", "1. Persentase pencari kerja yang mendapatkan pelatihan.", "%", 100, "125.60", "125.60%"]]
    t33 = T33 + [[1, "t", "s", "Persentase pencari kerja yang mendapatkan pelatihan", "126.50", "x"]]
    assert cells(check(t22, t33, code="RXL303")) == ["S1!F2"]
    t33[1][4] = "125.60"
    assert check(t22, t33, code="RXL303") == []


def test_rxl304_fails_when_the_review_changes_without_a_note():
    grid = T24 + [[1, "Program A", "Kota", "Persentase", 55, 1000, "Program A", "Kota", "Persentase", 60, 1000, None]]
    assert cells(check(grid, code="RXL304")) == ["S1!J3"]


def test_rxl304_passes_with_a_note_or_without_a_change():
    grid = T24 + [[1, "Program A", "Kota", "Persentase", 55, 1000, "Program A", "Kota", "Persentase", 60, 1000, "Hasil forum PD"],
                  [2, "Program B", "Kota", "Persentase", 23, 500, "Program B", "Kota", "Persentase", 23, 500, None]]
    assert check(grid, code="RXL304") == []


_PLAN = [["Kode", "Program/Kegiatan", "Indikator", "Target 2025", "Pagu Indikatif 2025 (Rp)"],
         ["2.07.02", "Program Perencanaan Tenaga Kerja", "Persentase RTK tersusun", "100%", 400000000],
         ["2.07.03", "Program Pelatihan Kerja", "Jumlah pencaker terlatih", "640 orang", 900000000]]


def _other(pagu_rtk, target_latih):
    return [["No", "Program", "Indikator Kinerja", "Target Tahun 2025", "Anggaran 2025", "Anggaran 2026"],
            ["1", "Program Perencanaan Tenaga Kerja", "Persentase RTK tersusun", "100%", pagu_rtk, 1],
            ["2", "Program Pelatihan Kerja", "Jumlah pencaker terlatih", target_latih, 900000000, 2]]


def test_tables_read_by_concept_are_compared_on_the_same_concept_and_year():
    found = check(_PLAN, _other(399952800, "600 orang"), code="RXL301") + \
        check(_PLAN, _other(399952800, "600 orang"), code="RXL302")
    assert [(f.rule, [f"{loc.sheet}!{loc.cell}" for loc in f.locations]) for f in found] == [
        ("RXL301", ["S1!E2", "S2!E2"]), ("RXL302", ["S1!D3", "S2!D3"])]


def test_tables_read_by_concept_that_agree_give_no_finding():
    for code in ("RXL301", "RXL302"):
        assert check(_PLAN, _other(400000000, "640 orang"), code=code) == []


def test_fuzzy_matching_finds_the_texts_comparing_every_pair_finds():
    # the candidates are found by set intersections and rare characters, not by comparing every pair in Python:
    # the similar texts and their order must be those of comparing every pair, near the threshold too
    import random

    from difflib import SequenceMatcher

    from conftest import RENJA_EXAMPLE
    from renja_xl.io.files import read_and_check
    from renja_xl.rules.families.crosstable import FUZZY, _Candidates, key_text

    _, tables, _ = read_and_check(RENJA_EXAMPLE)
    texts = sorted({key_text(row.text(key)) for table in tables for row in table.data_rows
                    for key in ("uraian", "indikator", "program", "kebutuhan_indikator") if key in table.columns} - {""})
    rng = random.Random(14)

    def varied(text: str) -> str:   # a typo or three: a letter dropped, doubled or changed
        chars = list(text)
        for _ in range(rng.randint(1, 3)):
            if not chars:
                break
            i = rng.randrange(len(chars))
            chars[i:i + 1] = rng.choice([[], [chars[i]] * 2, [rng.choice("aeiou ")]])
        return "".join(chars)

    def every_pair(text: str, b_texts: list) -> list:   # (similarity, order, b text) above FUZZY, best first
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)
        out = []
        for order, b_text in enumerate(b_texts):
            matcher.set_seq1(b_text)
            if matcher.real_quick_ratio() > FUZZY and matcher.quick_ratio() > FUZZY and matcher.ratio() > FUZZY:
                out.append((matcher.ratio(), order, b_text))
        return sorted(out, key=lambda item: (-item[0], item[1]))

    b_texts = list(dict.fromkeys(rng.sample(texts, min(60, len(texts))) + [varied(t) for t in rng.sample(texts, 40)]))
    candidates = _Candidates(dict.fromkeys(b_texts))
    probes = [t for t in texts + [varied(t) for t in texts] if len(t) >= 8]
    found = 0
    for text in probes:
        everyone = every_pair(text, b_texts)
        assert candidates.ranked(text) == everyone, text
        found += bool(everyone)
    assert len(probes) > 300 and found > 100


def test_a_name_repeated_more_often_than_its_match_pairs_only_as_many_rows_as_the_other_table_has():
    """Rows repeating a name beyond the other table's rows of that name find no partner (and are not all looked
    at again: once no partner is left for a name, its later rows find none either)."""
    from renja_xl.rules.families.crosstable import Entity, match

    def entity(text):
        return Entity(None, None, text, {"program": text})

    a_rows = [entity("program pelayanan administrasi perkantoran") for _ in range(6)] + \
        [entity("program peningkatan sarana dan prasarana aparatu")]
    b_rows = [entity("program pelayanan administrasi perkantoran daerah"), entity("program pelayanan administrasi perkantor"),
              entity("program peningkatan sarana dan prasarana aparatur")]
    pairs = list(match(a_rows, b_rows, ("program",)))
    assert [(a_rows.index(a), b_rows.index(b)) for a, b, _ in pairs] == [(0, 1), (1, 0), (6, 2)]
    assert all(0.8 < ratio < 1.0 for _, _, ratio in pairs)


def test_matching_pairs_the_rows_that_ranking_every_pair_of_texts_pairs():
    """Rows of names repeated, alike and unlike, in two tables: the pairs (and their similarity) are those of the rule
    spelled out, each row taking the most alike text of the other table that still has a free row, comparing every
    pair of texts (the matcher ranks a text only when its own text's rows are used up and another may be alike)."""
    import random
    from difflib import SequenceMatcher

    from renja_xl.rules.families.crosstable import FUZZY, KINDS, Entity, match

    rng = random.Random(301)
    base = ["program pelayanan administrasi perkantoran", "program peningkatan sarana dan prasarana aparatur",
            "program perencanaan tenaga kerja", "pelatihan berbasis kompetensi dan produktivitas", "jumlah pencaker"]
    vocabulary = base + [t[:-1] for t in base] + [t + " daerah" for t in base] + ["pendek"]

    def ranked_every_pair(text: str, b_texts: list) -> list:
        out = []
        for order, b_text in enumerate(b_texts):
            ratio = SequenceMatcher(None, b_text, text, autojunk=False).ratio()
            if ratio > FUZZY:
                out.append((ratio, order, b_text))
        return sorted(out, key=lambda item: (-item[0], item[1]))

    def spelled_out(a_items: list, b_items: list, kinds: tuple) -> list:
        pairs, used_a, used_b = [], set(), set()
        for kind in kinds:
            at = KINDS.index(kind)
            a_index, b_index = {}, {}
            for items, index in ((a_items, a_index), (b_items, b_index)):
                for e in items:
                    if e.names[at] is not None:
                        index.setdefault(e.names[at], []).append(e)
            for text, a_list in a_index.items():   # names as often in both tables: row by row
                if len(a_list) == len(b_index.get(text, ())):
                    for a, b in zip(a_list, b_index[text]):
                        if id(a) not in used_a and id(b) not in used_b:
                            used_a.add(id(a)), used_b.add(id(b))
                            pairs.append((a, b, 1.0))
            for text, a_list in a_index.items():
                for a in a_list:
                    if id(a) in used_a or len(text) < 8:
                        continue
                    for ratio, _, b_text in ranked_every_pair(text, list(b_index)):
                        free = [b for b in b_index[b_text] if id(b) not in used_b]
                        if free:
                            used_a.add(id(a)), used_b.add(id(free[0]))
                            pairs.append((a, free[0], ratio))
                            break
        return pairs

    for _ in range(40):
        a_items = [Entity(None, None, t, {"program": t}) for t in rng.choices(vocabulary, k=rng.randint(1, 30))]
        b_items = [Entity(None, None, t, {"program": t}) for t in rng.choices(vocabulary, k=rng.randint(1, 12))]
        assert list(match(a_items, b_items, ("program",))) == spelled_out(a_items, b_items, ("program",))


def test_the_entities_of_a_large_table_are_small(tmp_path):
    """Matching tables makes an entity per row of a Tabel 3.4 (10,000 at 10,000 rows), all held while the cross-table
    rules run: their match keys are a tuple (280 bytes an entity, with its row and indicator keys; 387 as a dict)."""
    import tracemalloc

    from renja_xl.rules.families.crosstable import KINDS, entities

    ctx, table = large_t34(tmp_path / "t34.xlsx", 3000)
    entities(ctx, table)   # the key texts' cache filled, as the first pair of tables does
    tracemalloc.start()
    try:
        made = entities(ctx, table)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(made) > 2900 and all(e.names[KINDS.index("indicator")] for e in made)
    assert held / len(made) < 330, f"{held / len(made):.0f} bytes an entity"
