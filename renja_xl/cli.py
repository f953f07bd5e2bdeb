"""The ``renja-xl`` command.

Exit codes: 0 done, 1 the workbook has errors (``check``), 2 unusable input or output
(one Indonesian sentence on stderr; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import Optional, Sequence

from . import __version__
from .errors import InputError, RenjaXLError
from .io.budget import DEFAULT_SECONDS, time_budget

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def _say(text: str) -> None:
    """A line on stdout, its control characters escaped (names are text, never terminal commands)."""
    from .render import terminal_text

    print(terminal_text(text))


def _print_err(message: str) -> None:
    from .render import terminal_text

    print(f"renja-xl: {terminal_text(message)}", file=sys.stderr)


def limits_of(args: argparse.Namespace):
    """The input limits, with the user's --max-cells."""
    from dataclasses import replace

    from .io.package import DEFAULT_LIMITS

    return replace(DEFAULT_LIMITS, max_cells=args.max_cells) if args.max_cells else DEFAULT_LIMITS


def cmd_tables(args: argparse.Namespace) -> int:
    """List the tables found in each workbook, and the table-like blocks that were not understood."""
    from .io.files import expand_inputs, load_snapshot
    from .reader import find_tables
    from .reader.unknown import find_unknown_blocks, nothing_understood
    from .reader.vocabulary import load_concepts
    from .rules import find_config

    files = expand_inputs(args.files)
    if not files:
        raise InputError("Tidak ada berkas .xlsx/.xlsm yang ditemukan pada masukan yang diberikan.")
    status, report = EXIT_OK, []
    for path in files:
        try:
            config = find_config(path)
            vocabulary = load_concepts(config.columns_file) if config.columns_file else None
            snapshot = load_snapshot(path, limits_of(args))
        except InputError as exc:
            _print_err(str(exc))
            if args.debug:
                traceback.print_exc()
            status = EXIT_UNUSABLE
            continue
        tables = find_tables(snapshot, vocabulary=vocabulary)
        unknown = find_unknown_blocks(snapshot, tables, vocabulary)
        report.append({"file": str(path), "tables": [t.describe() for t in tables],
                       "not_understood": [b.describe() for b in unknown]})
        if args.format == "text":
            _print_tables(path, tables, unknown)
        if not tables:
            _print_err(nothing_understood(path.name, unknown))
            status = EXIT_UNUSABLE
    if args.format == "json":
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return status


def _print_tables(path: Path, tables: list, unknown: list) -> None:
    _say(f"{path}: {len(tables)} tabel ditemukan" + (f", {len(unknown)} blok tidak dipahami" if unknown else ""))
    for t in tables:
        d = t.describe()
        _say(f"  [{t.sheet}] {d['name']} ({t.spec.key})")
        print(f"      judul {d['header_range']}, data {d['data_range'] or '-'}: "
              f"{d['data_rows']} baris data, {d['total_rows']} baris jumlah")
        if d.get("read_by") == "kolom":
            print(f"      kolom: {d['concepts']}")
        if d["skipped"]:
            reasons: dict[str, list[int]] = {}
            for s in d["skipped"]:
                reasons.setdefault(s["reason"], []).append(s["row"])
            for reason, rows in reasons.items():
                shown = ", ".join(str(r) for r in rows[:12]) + (" …" if len(rows) > 12 else "")
                print(f"      dilewati ({reason}): baris {shown}")
    for block in unknown:
        _say(f"  tidak dipahami: {block.sentence}")


def cmd_fill(args: argparse.Namespace) -> int:
    """Write the computed columns of every table as live formulas into a copy."""
    from .compute import FillOptions, compute_workbook
    from .io.files import load_snapshot
    from .io.write import plan_target, write_computed
    from .reader import find_tables

    source = Path(args.file)
    snapshot = load_snapshot(source, limits_of(args))
    tables = find_tables(snapshot)
    if not tables:
        raise InputError(f"Tidak ada tabel Renja/LKjIP yang dikenali di '{source.name}'; tidak ada yang dihitung.")
    fills = compute_workbook(snapshot, tables, FillOptions(rollup=args.rollup))
    target, backup = plan_target(source, Path(args.output) if args.output else None, "_terisi", args.in_place)
    cells = [c for f in fills for c in f.cells]
    write_computed(source, target, cells, limits_of(args))
    for fill in fills:
        counts: dict[str, int] = {}
        for c in fill.cells:
            counts[c.key] = counts.get(c.key, 0) + 1
        detail = ", ".join(f"{k} {n}" for k, n in counts.items()) or "tidak ada kolom hitungan"
        _say(f"[{fill.table.sheet}] {fill.table.spec.sheet}: {len(fill.cells)} rumus ({detail})")
        if fill.missing:
            print(f"      kolom hitungan tidak ada di lembar ini: {', '.join(fill.missing)}")
    _say(f"ditulis: {target}" + (f" (cadangan: {backup})" if backup else ""))
    return EXIT_OK


def _settings(path: Path, args: argparse.Namespace):
    """(config, units, vocabulary) for a workbook, as ``check`` finds them (renja-xl.ini beside it, --config)."""
    from .parse.units import load_units
    from .reader.vocabulary import load_concepts
    from .rules import find_config

    config = find_config(path, Path(args.config) if getattr(args, "config", None) else None)
    units = load_units(config.units_file) if config.units_file else None
    vocabulary = load_concepts(config.columns_file) if config.columns_file else None
    return config, units, vocabulary


def _listed(values: Optional[list]) -> Optional[list]:
    """``--opsi a,b --opsi c`` -> ``["a", "b", "c"]``; None when the option was not given."""
    if not values:
        return None
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def cmd_perbaiki(args: argparse.Namespace) -> int:
    """Numbers typed as text become numbers, chosen findings their formula; or (--batal) undo the latest perbaiki."""
    from .io.files import load_snapshot
    from .io.perbaikan import write_batal, write_perbaikan
    from .io.write import plan_target
    from .perbaiki import parse_cell_choice, plan_perbaiki, without_own_sheets

    source = Path(args.file)
    output = Path(args.output) if args.output else None
    if args.batal:
        if args.aturan or args.sel:
            raise InputError("--batal tidak dapat digabung dengan --aturan atau --sel: pembatalan mengembalikan "
                             "semua sel yang diubah perbaiki terakhir.")
        target, backup = plan_target(source, output, "_dibatalkan", args.in_place)
        record = write_batal(source, target, limits_of(args))
        _say(f"dibatalkan: {len(record.states)} sel dikembalikan seperti sebelum perbaiki; lembar "
             f"'{record.summary}' dan '{record.sheet}' dihapus.")
        _say(f"ditulis: {target}" + (f" (cadangan: {backup})" if backup else ""))
        return EXIT_OK
    rules = _listed(args.aturan)
    if rules is not None:
        from .rules import REGISTRY, all_rules

        all_rules()
        unknown = [r for r in rules if r.upper() not in REGISTRY]
        if unknown:
            raise InputError(f"Aturan {', '.join(unknown)} tidak ada; lihat daftar dengan: renja-xl rules")
    config, units, vocabulary = _settings(source, args)
    snapshot = load_snapshot(source, limits_of(args))
    cells = None
    if args.sel:
        names = [s.name for s in without_own_sheets(snapshot)]
        try:
            cells = [parse_cell_choice(item, names) for item in _listed(args.sel)]
        except ValueError as exc:
            raise InputError(str(exc)) from None
    plan = plan_perbaiki(snapshot, rules=rules, cells=cells, config=config, units=units, vocabulary=vocabulary,
                         keep_units=args.biarkan_satuan)
    if not plan.tables:
        raise InputError(f"Tidak ada tabel Renja/LKjIP yang dikenali di '{source.name}'; tidak ada yang diperbaiki.")
    for item in plan.left_alone[:args.tampil]:
        _say(f"  {item.kind}: [{item.sheet}] {item.address} '{item.text}': {item.reason}")
    if len(plan.left_alone) > args.tampil:
        print(f"  … dan {len(plan.left_alone) - args.tampil} sel lain (lihat lembar ringkasan)")
    if not plan.changes:
        _say(f"{source.name}: tidak ada yang perlu diperbaiki ({plan.sentence()}); tidak ada berkas yang ditulis.")
        return EXIT_OK
    target, backup = plan_target(source, output, "_diperbaiki", args.in_place)
    edits = write_perbaikan(source, target, plan, limits_of(args))
    summary = next(s.name for s in edits.sheets if not s.hidden)
    _say(f"perbaikan: {plan.sentence()}.")
    _say(f"ditulis: {target}" + (f" (cadangan: {backup})" if backup else "") + f"; rinciannya di lembar '{summary}', "
         f"batalkan dengan: renja-xl perbaiki --batal {target.name}")
    return EXIT_OK


def cmd_bandingkan(args: argparse.Namespace) -> int:
    """Compare two versions of a workbook; write the changes into a copy of NEW."""
    from .bandingkan import compare_workbooks
    from .io.files import load_snapshot
    from .io.patch import patch_file
    from .io.perbaikan import unit_formats
    from .io.write import plan_output

    old, new = Path(args.old), Path(args.new)
    config, units, vocabulary = _settings(new, args)
    old_snapshot = load_snapshot(old, limits_of(args))
    new_snapshot = load_snapshot(new, limits_of(args))
    result = compare_workbooks(old_snapshot, new_snapshot, units, vocabulary, unit_formats(old, limits_of(args)),
                               unit_formats(new, limits_of(args)))
    if not any(t.old is not None for t in result.tables) or not any(t.new is not None for t in result.tables):
        missing = old if not any(t.old is not None for t in result.tables) else new
        raise InputError(f"Tidak ada tabel Renja/LKjIP yang dikenali di '{missing.name}'; tidak ada yang dibandingkan.")
    output = None
    if not args.no_output:
        output = plan_output(new, Path(args.output) if args.output else None, "_perubahan", False)
        if output.resolve() == old.resolve():
            raise InputError(f"Hasil tidak boleh menimpa berkas lama '{old.name}'; pilih nama lain dengan -o.")
        patch_file(new, output, result.edits(_all_sheet_names(new, new_snapshot)), limits_of(args))
    if args.format == "json":
        data = result.to_dict()
        data["keluaran"] = str(output) if output else None
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_comparison(result, output)
    return EXIT_FINDINGS if result.findings else EXIT_OK


def _all_sheet_names(path: Path, snapshot) -> list:
    """Every sheet name of a workbook file (chart sheets too, which the snapshot leaves out)."""
    from .io.perbaikan import sheet_names

    try:
        return sheet_names(path)
    except RenjaXLError:
        return [s.name for s in snapshot]


def _print_comparison(result, output: Optional[Path]) -> None:
    for t in result.tables:
        if not t.rows and t.status == "dicocokkan":
            continue
        n = t.counts()
        _say(f"[{t.sheet}] {t.title} ({t.key}): {t.status}; {n['berubah']} isian berubah, {n['ditambah']} baris "
             f"ditambah, {n['dihapus']} baris dihapus")
        for r in t.rows:
            info = r.info
            name = f"{info.kode} {info.label}".strip()
            name = name if len(name) <= 70 else name[:69] + "…"
            match = f" [cocok: {r.match_text}]" if r.match_text and r.match_text != "kode" else ""
            if r.kind != "berubah":
                _say(f"    {r.kind}: baris {info.row.number} '{name}'")
                continue
            for f in r.fields:
                diff = ""
                if f.difference is not None:
                    diff = f" (selisih {'+' if f.difference > 0 else ''}{_number(f.difference)})"
                elif f.detail:
                    diff = f" ({f.detail})"
                _say(f"    {f.new_cell} '{name}' {f.column}: {f.old} → {f.new}{diff}{match}")
    for finding in result.findings:
        _say(f"  {finding.locations[0].sheet}!{finding.locations[0].cell} {finding.rule} {finding.severity.label}: "
             f"{finding.message}")
    _say(f"Ringkasan: {result.sentence()}.")
    if output is not None:
        _say(f"ditulis: {output} (lembar Perubahan, tautan ke setiap sel di versi baru)")


def _number(value: float) -> str:
    from .rules.base import number_text

    return number_text(value)


_NOMENCLATURES: dict = {}


def nomenclature_of(path: Optional[str]):
    """The nomenclature at ``path`` (read once per run), None without one."""
    if not path:
        return None
    if path not in _NOMENCLATURES:
        from .io.nomenclature import load_nomenclature

        _NOMENCLATURES[path] = load_nomenclature(path)
    return _NOMENCLATURES[path]


def check_file(path: Path, args: argparse.Namespace):
    """Check one workbook; write its checked copy unless told not to (a :class:`~renja_xl.report.FileReport`)."""
    from .batch.command import check_file as check_one

    return check_one(path, args, limits_of(args))


def cmd_check(args: argparse.Namespace) -> int:
    """Validate workbooks or folders (recursively, in parallel, cached): findings on screen or JSON, checked copies,
    and with --rekap the consolidated rekap (renja_xl.batch)."""
    from .batch.command import run_check

    return run_check(args, limits_of(args))


def cmd_rules(args: argparse.Namespace) -> int:
    """List the rules, or document them."""
    from .render import print_rules, rules_markdown
    from .rules import REGISTRY, all_rules

    rules = all_rules()
    if args.code:
        code = args.code.upper()
        if code not in REGISTRY:
            raise InputError(f"Aturan '{args.code}' tidak ada; lihat daftar dengan: renja-xl rules")
        cls = REGISTRY[code]
        print(f"{cls.code} {cls.name} ({cls.severity.label}, keluarga {cls.family})\n")
        print(cls.documentation())
        return EXIT_OK
    if args.format == "markdown":
        sys.stdout.write(rules_markdown(rules))
    elif args.format == "json":
        json.dump([{"code": c.code, "name": c.name, "family": c.family, "severity": c.severity.value,
                    "description": c.description(), "options": c.options} for c in rules],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_rules(rules)
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    """Generate the official templates from the specs."""
    from .io.template import build_workbook, save_deterministic

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for document, name in (("renja", "renja_pd.xlsx"), ("lkjip", "lkjip.xlsx")):
        wb, _ = build_workbook(document, year=args.tahun)
        save_deterministic(wb, out / name)
        print(f"ditulis: {out / name}")
    return EXIT_OK


def cmd_lite(args: argparse.Namespace) -> int:
    """Write the self-contained main.py (renja_xl inside) and requirements.txt for the xlwings Lite editor."""
    from .addin.lite import write_lite

    for path in write_lite(Path(args.out)):
        print(f"ditulis: {path}")
    print("Di Excel: xlwings Lite > Editor: salin seluruh isi main.py ke main.py dan requirements.txt ke "
          "requirements.txt, lalu jalankan skrip periksa, hitung, bersihkan, perbaiki, batalkan, simpan_versi atau "
          "bandingkan.")
    return EXIT_OK


def cmd_addin(args: argparse.Namespace) -> int:
    """Build the Excel add-in and the macro-enabled templates from macros/."""
    from .addin.build import build_all

    for path in build_all(Path(args.out), Path(args.macros) if args.macros else None):
        print(f"ditulis: {path}")
    print("Pasang add-in: Excel > File > Options > Add-ins > Excel Add-ins > Browse… > renja_xl.xlam "
          "(atau: xlwings addin install --file renja_xl.xlam).")
    return EXIT_OK


def _positive(kind):
    """An argparse type: a number of ``kind``, 0 or more (0: the default or no bound)."""
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' bukan bilangan") from None
        if not value >= 0 or value in (float("inf"),):
            raise argparse.ArgumentTypeError(f"'{text}' harus bilangan 0 atau lebih")
        return value
    return convert


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="renja-xl",
        description="Memeriksa tabel resmi Renja PD dan LKjIP di buku kerja Excel.",
    )
    parser.add_argument("--version", action="version", version=f"renja-xl {__version__}")
    parser.add_argument("--debug", action="store_true", help="tampilkan traceback bila terjadi kesalahan")
    parser.add_argument("--max-cells", type=_positive(int), default=None, metavar="N",
                        help="tolak buku kerja dengan lebih dari N sel terisi (bawaan: 5000000)")
    parser.add_argument("--max-seconds", type=_positive(float), default=DEFAULT_SECONDS, metavar="DETIK",
                        help=f"hentikan pekerjaan yang melewati batas waktu ini, dengan satu kalimat "
                             f"(bawaan: {DEFAULT_SECONDS:g}; 0: tanpa batas)")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")

    tables = sub.add_parser("tables", help="daftar tabel yang dikenali di setiap buku kerja")
    tables.add_argument("files", nargs="+", metavar="BERKAS", help="berkas .xlsx/.xlsm atau folder")
    tables.add_argument("--format", choices=("text", "json"), default="text")
    tables.set_defaults(func=cmd_tables)

    check = sub.add_parser("check", help="periksa buku kerja; tulis salinan <nama>_diperiksa.xlsx")
    check.add_argument("files", nargs="+", metavar="BERKAS", help="berkas .xlsx/.xlsm atau folder")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("-o", "--output", help="salinan diperiksa (bawaan: <nama>_diperiksa.xlsx di samping masukan)")
    check.add_argument("--no-output", action="store_true", help="jangan tulis salinan diperiksa")
    check.add_argument("--rinci", action="store_true",
                       help="tampilkan setiap temuan pada barisnya sendiri (bawaan: temuan satu aturan di satu kolom "
                            "digabung menjadi satu baris)")
    check.add_argument("--config", help="berkas pengaturan aturan (bawaan: renja-xl.ini di samping buku kerja)")
    check.add_argument("--nomenklatur", metavar="BERKAS",
                       help="daftar nomenklatur resmi (CSV/XLSX: kode, nomenklatur, indikator, satuan) untuk aturan RXL8xx")
    batch = check.add_argument_group("banyak berkas (folder diperiksa beserta subfoldernya)")
    batch.add_argument("-j", "--jobs", type=_positive(int), default=0, metavar="N",
                       help="jumlah proses pemeriksa di komputer ini (bawaan: semua inti; 1: tanpa proses tambahan)")
    batch.add_argument("--dask", metavar="ALAMAT",
                       help="kirim pemeriksaan setiap berkas ke klaster Dask yang sudah berjalan (mis. tcp://10.0.0.5:8786); "
                            "pekerja membaca berkasnya sendiri")
    batch.add_argument("--rekap", metavar="REKAP.xlsx",
                       help="tulis rekap gabungan: per berkas, per PD, pagu per program, setiap temuan dengan tautan, grafik")
    batch.add_argument("--rekap-format", choices=("xlsx", "csv", "parquet"), default="xlsx",
                       help="xlsx (bawaan) atau satu berkas csv/parquet per tabel di folder REKAP")
    batch.add_argument("--pagu-pd", metavar="BERKAS",
                       help="pagu indikatif per Perangkat Daerah (CSV/XLSX: kolom perangkat_daerah dan pagu); total pagu "
                            "Renja setiap PD dibandingkan dengannya")
    batch.add_argument("--cache", metavar="FOLDER",
                       help="folder tembolok hasil (bawaan: .renja-xl-cache di folder masukan)")
    batch.add_argument("--no-cache", action="store_true", help="periksa ulang semua berkas, tanpa tembolok")
    batch.add_argument("--progress", dest="progress", action="store_true", default=None,
                       help="tampilkan bilah kemajuan (bawaan: hanya di terminal)")
    batch.add_argument("--no-progress", dest="progress", action="store_false", help="jangan tampilkan bilah kemajuan")
    check.set_defaults(func=cmd_check, budget_per_file=True)

    rules = sub.add_parser("rules", help="daftar aturan pemeriksaan")
    rules.add_argument("code", nargs="?", help="kode aturan untuk dokumentasi lengkapnya (mis. RXL201)")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.set_defaults(func=cmd_rules)

    fill = sub.add_parser("fill", help="isi kolom hitungan dengan rumus Excel (salinan baru)")
    fill.add_argument("file", metavar="BERKAS")
    fill.add_argument("-o", "--output", help="berkas hasil (bawaan: <nama>_terisi.xlsx di samping masukan)")
    fill.add_argument("--rollup", action="store_true",
                      help="juga hitung pagu kegiatan/program/total dari rinciannya (biasanya diketik; bawaan: hanya diperiksa)")
    fill.add_argument("--in-place", action="store_true", help="tulis ke berkas masukan (salinan .bak dibuat dahulu)")
    fill.set_defaults(func=cmd_fill)

    perbaiki = sub.add_parser("perbaiki", help="angka yang diketik sebagai teks menjadi bilangan, temuan aritmetika "
                                               "menjadi rumus (salinan baru, dapat dibatalkan)")
    perbaiki.add_argument("file", metavar="BERKAS")
    perbaiki.add_argument("-o", "--output", help="berkas hasil (bawaan: <nama>_diperbaiki.xlsx, atau "
                                                 "<nama>_dibatalkan.xlsx dengan --batal)")
    perbaiki.add_argument("--in-place", action="store_true", help="tulis ke berkas masukan (salinan .bak dibuat dahulu)")
    perbaiki.add_argument("--aturan", action="append", metavar="KODE,…",
                          help="temuan aturan mana yang diganti rumus (bawaan: RXL101,RXL102,RXL103,RXL104)")
    perbaiki.add_argument("--sel", action="append", metavar="LEMBAR!SEL,…",
                          help="sel mana yang diganti rumus, mis. \"'T2.1 Evaluasi Renja'!H32\"")
    perbaiki.add_argument("--batal", action="store_true",
                          help="batalkan perbaiki terakhir pada BERKAS (hasil perbaiki): setiap sel kembali seperti semula")
    perbaiki.add_argument("--biarkan-satuan", action="store_true",
                          help="biarkan angka yang ditulis dengan satuannya (15 jenis) sebagai teks")
    perbaiki.add_argument("--config", help="berkas pengaturan (bawaan: renja-xl.ini di samping buku kerja)")
    perbaiki.add_argument("--tampil", type=_positive(int), default=20, metavar="N",
                          help="tampilkan paling banyak N sel yang dibiarkan (bawaan: 20)")
    perbaiki.set_defaults(func=cmd_perbaiki)

    bandingkan = sub.add_parser("bandingkan", help="bandingkan dua versi buku kerja: baris ditambah, dihapus, "
                                                   "berubah; salinan versi baru dengan lembar Perubahan")
    bandingkan.add_argument("old", metavar="LAMA")
    bandingkan.add_argument("new", metavar="BARU")
    bandingkan.add_argument("-o", "--output", help="salinan versi baru berisi lembar Perubahan "
                                                   "(bawaan: <baru>_perubahan.xlsx)")
    bandingkan.add_argument("--no-output", action="store_true", help="jangan tulis salinan")
    bandingkan.add_argument("--format", choices=("text", "json"), default="text")
    bandingkan.add_argument("--config", help="berkas pengaturan (bawaan: renja-xl.ini di samping versi baru)")
    bandingkan.set_defaults(func=cmd_bandingkan)

    template = sub.add_parser("template", help="buat templat resmi dari spesifikasi tabel")
    template.add_argument("--out", default="xlsx_templates", help="folder tujuan (bawaan: xlsx_templates)")
    template.add_argument("--tahun", type=int, default=None, help="tahun dokumen (bawaan: n, n-1, … simbolik)")
    template.set_defaults(func=cmd_template)
    addin = sub.add_parser("addin", help="buat add-in Excel (tab Renja XL) dan templat bermakro (.xlsm)")
    addin.add_argument("--out", default="dist", help="folder tujuan (bawaan: dist)")
    addin.add_argument("--macros", default=None, help="folder sumber VBA dan pita (bawaan: macros/ di repositori)")
    addin.set_defaults(func=cmd_addin)
    lite = sub.add_parser("lite", help="tulis main.py dan requirements.txt mandiri untuk editor xlwings Lite")
    lite.add_argument("--out", default="dist/lite", help="folder tujuan (bawaan: dist/lite)")
    lite.set_defaults(func=cmd_lite)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNUSABLE
    try:
        # check bounds each file itself (a folder of thousands outlasts any one budget)
        with time_budget(None if getattr(args, "budget_per_file", False) else args.max_seconds):
            return args.func(args)
    except RenjaXLError as exc:
        _print_err(str(exc))
        if args.debug:
            traceback.print_exc()
        return EXIT_UNUSABLE
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        _print_err("dibatalkan.")
        return 130
    except Exception as exc:  # a bug: still one sentence, the traceback only on request
        _print_err(f"kesalahan tak terduga ({type(exc).__name__}: {exc}); jalankan dengan --debug untuk rinciannya.")
        if args.debug:
            traceback.print_exc()
        return EXIT_UNUSABLE


if __name__ == "__main__":
    sys.exit(main())
