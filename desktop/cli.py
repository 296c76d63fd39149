"""loket-admin: the store's operations for Dinas IT staff and scripts."""

from __future__ import annotations

import getpass
import json
import logging
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from desktop.cli_common import ADMIN, fail
from desktop.cli_desk import add_commands as add_desk_commands
from desktop.cli_ops import add_commands as add_ops_commands
from desktop.cli_support import add_commands as add_support_commands
from desktop.core.nik import NikError, looks_like_nik, parse_nik
from desktop.core.progress import number_text
from desktop.core.regions import regions
from desktop.logs import command_log
from desktop.paths import ENV_DATA_DIR, default_data_dir
from desktop.store import Store, StoreError, open_store
from desktop.store.importers import ImportRejected, ImportResult, import_cards, import_register
from desktop.store.tables import read_table


def _actor() -> str:
    try:
        return f"loket-admin:{getpass.getuser()}"
    except Exception:  # no user name on some service accounts
        return "loket-admin"


def data_dir_option(fn: Callable) -> Callable:
    @click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"Folder data loket. Bawaan: ${ENV_DATA_DIR}, atau folder data pengguna.",
    )
    @wraps(fn)
    def wrapper(*args: Any, data_dir: Path | None, **kwargs: Any) -> Any:
        folder = data_dir or default_data_dir()
        command = click.get_current_context().info_name or fn.__name__
        with command_log(folder, ADMIN, command) as log:
            try:
                with open_store(folder) as store:
                    return fn(store, *args, **kwargs)
            except ImportRejected as exc:
                click.echo(f"Gagal: {exc}", err=True)
                for problem in exc.problems:
                    click.echo(f"  {problem}", err=True)
                log.warning("impor ditolak: %d masalah (rinciannya di layar)", len(exc.problems))
                sys.exit(1)
            except (StoreError, PermissionError) as exc:  # PermissionDenied: a role's limit
                fail(str(exc))

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="loket", prog_name="loket-admin", help="Tampilkan versi lalu keluar."
)
def cli() -> None:
    """Alat admin Loket untuk tim TI: menyiapkan loket, mengimpor register penduduk dan
    manifes kartu, mencari penduduk, memeriksa dan membangun ulang penyimpanan."""


@cli.command()
@click.option("--site", type=click.Choice(["MGS", "DSP"]), required=True,
              help="MGS = Kantor Kecamatan Magersari, DSP = Kantor Dispendukcapil.")  # fmt: skip
@click.option("--workstation", type=click.IntRange(1, 99), default=1, show_default=True,
              help="Nomor loket (meja) di situs itu.")  # fmt: skip
@data_dir_option
def init(store: Store, site: str, workstation: int) -> None:
    """Siapkan folder data untuk satu loket di satu situs."""
    device = store.initialize(site, workstation)
    click.echo(f"Siap: {regions().sites[site].name}, loket {workstation} ({device.device_id}).")
    click.echo(f"Folder data: {store.path.parent}")


def _report(result: ImportResult) -> None:
    click.echo(result.summary())
    for warning in result.warnings[:50]:
        click.echo(f"  peringatan: {warning}")
    if len(result.warnings) > 50:
        click.echo(f"  ... dan {len(result.warnings) - 50} peringatan lain")


@cli.command("import-register")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@data_dir_option
def import_register_command(store: Store, file: Path) -> None:
    """Impor register penduduk (wajib KTP terekam) dari FILE .csv atau .xlsx.

    Satu baris salah menolak seluruh file; semua masalah dicantumkan dengan nomor baris
    dan kolomnya. Format kolom: docs/formats.md.
    """
    _report(import_register(store, read_table(file), actor=_actor()))


@cli.command("import-cards")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--batch", "batch_id", required=True, help="ID kiriman kartu, mis. B20120910.")
@click.option(
    "--reprint",
    is_flag=True,
    help="Kartu di file ini cetak ulang: kartu lama yang belum diserahkan diganti.",
)
@data_dir_option
def import_cards_command(store: Store, file: Path, batch_id: str, reprint: bool) -> None:
    """Impor manifes kartu KTP-el dari FILE dan urutkan ke kotak dan slot penyimpanan.

    Kartu untuk NIK yang tidak ada di register, atau berdomisili di luar Kota Mojokerto,
    dicatat sebagai salah alamat (tidak dibuang).
    """
    _report(
        import_cards(store, read_table(file), batch_id=batch_id, actor=_actor(), reprint=reprint)
    )


@cli.command()
@click.option("--seed", type=int, default=2012, show_default=True, help="Benih data acak.")
@click.option("--scale", type=click.FloatRange(0.001, 20), default=1.0, show_default=True,
              help="Pengali ukuran kota (1 = 85.636 penduduk, 67.536 kartu).")  # fmt: skip
@click.option("--export", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Tulis juga file CSV register dan manifes ke folder ini.")  # fmt: skip
@click.option("--site", type=click.Choice(["MGS", "DSP"]), default="MGS", show_default=True,
              help="Situs loket demo, bila folder belum disiapkan.")  # fmt: skip
@data_dir_option
def demo(store: Store, seed: int, scale: float, export: Path | None, site: str) -> None:
    """Bangun kota demo sintetis seukuran Kota Mojokerto 2012 (bukan data asli)."""
    from desktop.store.demo import build_city, export_city, load_city

    marker = f"seed={seed} scale={scale}"
    has_data = store.conn.execute("SELECT count(*) FROM journal").fetchone()[0] > 0
    if has_data and store.meta("demo") != marker:
        raise StoreError(
            f"{store.path.parent} sudah berisi data lain; kota demo hanya dibangun di folder "
            "kosong. Pakai --data-dir ke folder baru"
        )
    if store.device is None:
        store.initialize(site, 1)
    started = time.perf_counter()
    city = build_city(seed, scale)
    click.echo(
        f"Kota demo dibuat: {number_text(len(city.register))} penduduk, "
        f"{number_text(sum(len(b.cards) for b in city.batches))} kartu "
        f"({time.perf_counter() - started:.1f} dtk)"
    )
    if export:
        for path in export_city(city, export):
            click.echo(f"  ditulis: {path}")
    with store.write():
        store.set_meta("demo", marker)
    load_city(store, city, actor=_actor(), progress=click.echo)
    click.echo(f"Selesai dalam {time.perf_counter() - started:.1f} dtk.")
    click.echo("Akun demo (sandi 'loket-demo'): supervisor, operator1, operator2, operator3, "
               "alihdaya1, admin")  # fmt: skip


@cli.command()
@click.argument("query")
@click.option("--kelurahan", help="Saring menurut kode kelurahan, mis. 35.76.02.1003.")
@click.option("--lahir", "birth", help="Saring menurut tanggal lahir TTTT-BB-HH.")
@data_dir_option
def lookup(store: Store, query: str, kelurahan: str | None, birth: str | None) -> None:
    """Cari penduduk menurut NIK (16 digit) atau bagian nama. Setiap pencarian dicatat di
    log audit."""
    from desktop.core.cards import LABELS, CardStatus
    from desktop.store.importers import parse_date
    from desktop.store.search import cards_for_nik, resident_by_nik, search_names

    if looks_like_nik(query):
        try:
            nik = parse_nik(query)
        except NikError as exc:
            raise StoreError(f"'{query}' bukan NIK yang sah: {exc}") from None
        resident = resident_by_nik(store.conn, nik.value)
        cards = cards_for_nik(store.conn, nik.value)
        store.audit(_actor(), "lookup-nik", nik=nik.value, detail={"found": bool(resident)})
        if resident is None and not cards:
            fail(
                f"NIK {nik.value} tidak ada di register maupun manifes kartu",
                about_a_resident=True,
            )
        if resident:
            click.echo(f"{resident.nik}  {resident.nama}")
            click.echo(
                f"  {resident.tempat_lahir}, {resident.tanggal_lahir}; {resident.alamat} "
                f"RT {resident.rt}/RW {resident.rw}, {resident.kelurahan}, {resident.kecamatan}"
            )
            if resident.nik_warning:
                click.echo(f"  peringatan: {resident.nik_warning}")
        else:
            click.echo(f"{nik.value}  (tidak ada di register)")
        for card in cards:
            place = f"kotak {card.box} slot {card.slot}" if card.box else "-"
            status = LABELS[CardStatus(card.status)]
            reason = f" ({card.reason})" if card.reason else ""
            click.echo(f"  kartu {card.card_id}: {status}{reason}; {card.site or '-'} {place}")
        return
    birth_date = None
    if birth:
        birth_date = parse_date(birth)
        if birth_date is None:
            raise StoreError(f"--lahir '{birth}' bukan tanggal; tulis TTTT-BB-HH")
    if kelurahan and regions().find_kelurahan(kelurahan) is None:
        raise StoreError(f"--kelurahan '{kelurahan}' bukan kode kelurahan Kota Mojokerto")
    code = regions().find_kelurahan(kelurahan).code if kelurahan else None
    found = search_names(store.conn, query, kelurahan=code, birth_date=birth_date)
    store.audit(_actor(), "search-name", detail={"results": [r.nik for r in found]})
    if not found:
        fail(f"tidak ada penduduk dengan nama '{query}'", about_a_resident=True)
    for r in found:
        click.echo(
            f"{r.nik}  {r.nama:<32} {r.tanggal_lahir}  {r.kelurahan:<16} RT {r.rt}/RW {r.rw}"
        )


@cli.command()
@data_dir_option
def check(store: Store) -> None:
    """Periksa keutuhan penyimpanan: integrity_check SQLite, jurnal tanpa celah, dan
    rantai hash log audit. Menyebut baris rusak pertama."""
    from desktop.store.check import check_store, report_lines

    report = check_store(store)
    for line in report_lines(report):
        click.echo(line, err=not report.ok)
    if not report.ok:
        logging.getLogger(ADMIN).warning("check: %d temuan", len(report.findings))
        sys.exit(1)


@cli.command()
@data_dir_option
def rebuild(store: Store) -> None:
    """Hitung ulang semua proyeksi (penduduk, kartu, serah terima) dari jurnal."""
    before, after = store.rebuild()
    if before == after:
        click.echo(f"Proyeksi dibangun ulang dari jurnal; hasil identik ({after[:16]}).")
    else:
        click.echo(
            f"Proyeksi dibangun ulang dari jurnal; hasil BERBEDA dari sebelumnya "
            f"({before[:16]} -> {after[:16]}). Proyeksi lama tidak sesuai jurnal."
        )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Keluaran JSON untuk skrip.")
@data_dir_option
def stats(store: Store, as_json: bool) -> None:
    """Wajib KTP terekam, kartu diterima dan persentasenya, per kecamatan dan kelurahan."""
    from desktop.store.stats import city_stats

    s = city_stats(store)
    if as_json:
        lines = [s.total, *s.kecamatan, *s.kelurahan]
        click.echo(
            json.dumps(
                {
                    "lines": [
                        {"code": x.code, "name": x.name, "residents": x.residents,
                         "cards": x.cards, "percent": round(x.percent, 2)}
                        for x in lines
                    ],
                    "misrouted": s.misrouted,
                    "handed_over": s.handed_over,
                },
                indent=2,
            )
        )  # fmt: skip
        return

    def row(label: str, line: Any) -> str:
        return (
            f"{label:<24}{number_text(line.residents):>12}{number_text(line.cards):>12}"
            f"{number_text(line.percent, 2):>9} %"
        )

    click.echo(f"{'Wilayah':<24}{'Wajib KTP':>12}{'Kartu':>12}{'%':>11}")
    click.echo(row(s.total.name, s.total))
    for kec in s.kecamatan:
        click.echo(row(f"Kec. {kec.name}", kec))
        for kel in s.kelurahan:
            if kel.code.startswith(kec.code + "."):
                click.echo(row(f"  {kel.name}", kel))
    if s.misrouted:
        click.echo(
            f"Kartu salah alamat (pemilik tidak ada di register): {number_text(s.misrouted)}"
        )
    click.echo(f"Sudah diserahkan: {number_text(s.handed_over)}")


@cli.command("enroll")
@click.option(
    "--server", "server_url", required=True, help="Alamat server Dinas, mis. http://10.0.0.5:8765."
)
@click.option("--code", required=True, help="Kode sekali pakai dari 'loket-server enroll'.")
@data_dir_option
def enroll_command(store: Store, server_url: str, code: str) -> None:
    """Daftarkan loket ini ke server pusat Dinas dengan kode sekali pakai."""
    from desktop.syncing import enroll_store
    from sync.client import SyncError

    try:
        device_id = enroll_store(store, server_url, code)
    except SyncError as exc:
        raise StoreError(str(exc)) from None
    click.echo(f"Terdaftar sebagai {device_id} di {server_url}.")


@cli.command("sync")
@data_dir_option
def sync_command(store: Store) -> None:
    """Kirim jurnal loket ini ke server pusat, tarik event loket lain, lalu cocokkan."""
    from desktop.syncing import sync_store
    from sync.client import SyncError

    try:
        report = sync_store(store)
    except SyncError as exc:
        raise StoreError(str(exc)) from None
    click.echo(
        f"Sinkron: {number_text(report.pushed)} event dikirim ({number_text(report.duplicates)} "
        f"sudah ada), {number_text(report.pulled)} event diterima; "
        + ("cocok dengan server." if report.reconciled else "BELUM cocok dengan server.")
    )
    for note in report.notes:
        click.echo(f"  {note}")
    if report.clock_off:
        click.echo(
            f"  peringatan: jam komputer ini selisih {report.clock_skew_ms // 1000} detik "
            "dari server; betulkan jam Windows/Linux"
        )


@cli.command("self-check")
def self_check() -> None:
    """Periksa pemasangan seperti 'loket --self-check' (penyimpanan sementara, tanda terima
    contoh dicetak ke PDF), dengan keluaran di konsol; tidak menyentuh folder data."""
    from desktop.selfcheck import run_self_check

    sys.exit(run_self_check())


add_desk_commands(cli, data_dir_option)
add_ops_commands(cli, data_dir_option)
add_support_commands(cli, data_dir_option)


def tolerant_output(*streams: Any) -> None:
    """Let a character the output's encoding lacks print as '?' instead of stopping the
    command: on Windows, output piped to a file or another program is cp1252, and a
    register line (KTP lama ditarik → hilang) or a resident's name may not fit."""
    for stream in streams:
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main() -> None:
    tolerant_output(sys.stdout, sys.stderr)
    cli(prog_name=ADMIN)


if __name__ == "__main__":
    main()
