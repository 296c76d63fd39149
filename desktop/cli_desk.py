"""loket-admin's supervisor desk: the same papers, lists, exports and account changes as the
app's desk, for IT staff and scripts. Each command signs in with `--as USER` (password from
`$LOKET_PASSWORD` or asked for), so the store checks the same permissions and the audit
log names the same person as in the app."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any

import click

from desktop.cli_common import fail
from desktop.store import Store
from desktop.store.sessions import LoginRefused, Session, login

PASSWORD_ENV = "LOKET_PASSWORD"


def _day(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' bukan tanggal; tulis sebagai TTTT-BB-HH") from None


def signed_in(fn: Callable) -> Callable:
    """Adds `--as USER` and passes the signed-in `Session` after the store."""

    @click.option(
        "--as",
        "acting_as",
        required=True,
        help=f"Akun yang bertindak (kata sandi dari ${PASSWORD_ENV} atau ditanyakan).",
    )
    @wraps(fn)
    def wrapper(store: Store, *args: Any, acting_as: str, **kwargs: Any) -> Any:
        password = os.environ.get(PASSWORD_ENV) or click.prompt(
            f"Kata sandi {acting_as}", hide_input=True
        )
        try:
            session = login(store, acting_as, password)
        except LoginRefused as exc:
            fail(f"masuk sebagai {acting_as} ditolak: {exc}")
        return fn(store, session, *args, **kwargs)

    return wrapper


def _write_pdf(pdf: bytes, out: Path) -> None:
    """Write whole or not at all (a temporary file beside the target, then a rename)."""
    temporary = out.with_name(f".{out.name}.tmp")
    try:
        temporary.write_bytes(pdf)
        os.replace(temporary, out)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        fail(f"{out}: tidak dapat ditulis ({exc.strerror or exc}); pilih folder lain")


def _status(account) -> str:
    from desktop.store.account_list import AccountStatus

    status = account.status
    if status is AccountStatus.INACTIVE:
        return "nonaktif"
    if status is AccountStatus.EXPIRED:
        return f"kedaluwarsa sejak {account.expires_on:%d-%m-%Y}"
    if status is AccountStatus.LOCKED:
        return f"terkunci s.d. {account.locked_until:%H:%M}"
    return f"aktif s.d. {account.expires_on:%d-%m-%Y}" if account.expires_on else "aktif"


def add_commands(cli: click.Group, data_dir_option: Callable) -> None:
    @cli.command("register")
    @click.option("--day", "day_text", help="Tanggal TTTT-BB-HH (bawaan: hari ini).")
    @click.option("--site", type=click.Choice(["MGS", "DSP"]), help="Bawaan: situs loket ini.")
    @click.option(
        "--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
        help="File PDF yang ditulis.",
    )  # fmt: skip
    @data_dir_option
    @signed_in
    def register_command(
        store: Store, session: Session, day_text: str | None, site: str | None, out: Path
    ) -> None:
        """Daftar serah terima harian (PDF) untuk ditandatangani supervisor."""
        from desktop.documents.daily_register import register_pdf
        from desktop.store.registers import register_for

        day = _day(day_text)
        site = site or store.require_device().site
        register = register_for(store, session, site, day, paper=True)
        _write_pdf(register_pdf(register), out)
        click.echo(
            f"{out}: {len(register.rows)} baris, {register.handed_over} diserahkan, "
            f"{register.voided} dibatalkan ({site}, {day:%d-%m-%Y})."
        )

    @cli.command("accounts")
    @data_dir_option
    @signed_in
    def accounts_command(store: Store, session: Session) -> None:
        """Daftar akun petugas dengan peran, kantor dan statusnya."""
        from desktop.store.account_list import list_accounts

        accounts = list_accounts(store, session)
        click.echo(f"{'Pengguna':<14}{'Nama':<28}{'Peran':<20}{'Kantor':<8}Status")
        for account in accounts:
            click.echo(
                f"{account.username:<14}{account.full_name[:27]:<28}{account.role_label:<20}"
                f"{account.site or '-':<8}{_status(account)}"
            )

    @cli.command("add-account")
    @click.argument("username")
    @click.option("--name", "full_name", required=True, help="Nama lengkap petugas.")
    @click.option(
        "--role", type=click.Choice(["operator", "outsourced", "supervisor", "admin"]),
        required=True, help="outsourced = operator alih daya (wajib --until).",
    )  # fmt: skip
    @click.option("--site", type=click.Choice(["MGS", "DSP"]), help="Kosong: kedua kantor.")
    @click.option("--until", "expires_on", help="Hari terakhir akun alih daya (TTTT-BB-HH).")
    @data_dir_option
    @signed_in
    def add_account_command(
        store: Store, session: Session, username: str, full_name: str, role: str,
        site: str | None, expires_on: str | None,
    ) -> None:  # fmt: skip
        """Buat akun petugas; kata sandi awalnya ditanyakan dua kali."""
        from desktop.core.roles import Role
        from desktop.store.supervision import create_operator

        password = click.prompt(
            f"Kata sandi awal {username}", hide_input=True, confirmation_prompt=True
        )
        create_operator(
            store, session, username.strip().lower(), full_name, Role(role), password,
            site=site, expires_on=expires_on,
        )  # fmt: skip
        until = f" Berlaku s.d. {expires_on}." if expires_on else ""
        click.echo(f"Akun {username} dibuat.{until}")

    @cli.command("reset-password")
    @click.argument("username")
    @data_dir_option
    @signed_in
    def reset_password_command(store: Store, session: Session, username: str) -> None:
        """Atur kata sandi baru untuk akun (juga membuka kunci karena salah sandi)."""
        from desktop.store.supervision import reset_password

        password = click.prompt(
            f"Kata sandi baru {username}", hide_input=True, confirmation_prompt=True
        )
        reset_password(store, session, username, password)
        click.echo(f"Kata sandi {username} diganti.")

    @cli.command("extend-account")
    @click.argument("username")
    @click.option("--until", "expires_on", required=True, help="Hari terakhir baru.")
    @data_dir_option
    @signed_in
    def extend_account_command(
        store: Store, session: Session, username: str, expires_on: str
    ) -> None:
        """Perpanjang masa berlaku akun operator alih daya."""
        from desktop.store.supervision import extend_expiry

        extend_expiry(store, session, username, expires_on)
        click.echo(f"Akun {username} berlaku s.d. {expires_on}.")

    @cli.command("deactivate-account")
    @click.argument("username")
    @click.option("--reason", required=True, help="Alasan menonaktifkan.")
    @data_dir_option
    @signed_in
    def deactivate_account_command(
        store: Store, session: Session, username: str, reason: str
    ) -> None:
        """Nonaktifkan akun; pekerjaannya tetap tercatat atas namanya."""
        from desktop.store.supervision import deactivate

        deactivate(store, session, username, reason)
        click.echo(f"Akun {username} dinonaktifkan.")

    @cli.command("audit")
    @click.option("--person", help="Hanya tindakan akun ini.")
    @click.option("--from", "start", help="Dari tanggal (TTTT-BB-HH).")
    @click.option("--to", "end", help="Sampai tanggal (TTTT-BB-HH).")
    @click.option("--nik", help="Hanya entri tentang NIK ini.")
    @click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True,
                  help="Paling banyak sekian entri.")  # fmt: skip
    @data_dir_option
    @signed_in
    def audit_command(
        store: Store, session: Session, person: str | None, start: str | None,
        end: str | None, nik: str | None, limit: int,
    ) -> None:  # fmt: skip
        """Log audit (terbaru dahulu) dan keutuhan rantai hash-nya."""
        from desktop.store.audit_view import audit_entries

        page = audit_entries(
            store, session, person=person, nik=nik, limit=limit,
            start=_day(start) if start else None, end=_day(end) if end else None,
        )  # fmt: skip
        for row in page.rows:
            click.echo(
                f"{row.at[:19].replace('T', ' ')}  {row.actor:<12} {row.action_label:<32} "
                f"{row.nik or '':<16}  {row.detail}"
            )
        click.echo(f"{len(page.rows)} dari {page.total} entri.")
        chain = page.chain
        if chain is not None and chain.broken is not None:
            fail(f"rantai hash audit RUSAK: {chain.broken}")
        if chain is not None:
            click.echo(f"Rantai hash utuh: {chain.rows} entri.")

    @cli.command("progress")
    @click.option("--days", type=click.IntRange(1, 366), default=30, show_default=True,
                  help="Berapa hari terakhir dalam grafik per hari.")  # fmt: skip
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                  help="File PDF yang ditulis.")  # fmt: skip
    @data_dir_option
    @signed_in
    def progress_command(store: Store, session: Session, days: int, out: Path) -> None:
        """Laporan kemajuan distribusi (PDF): terekam, diterima, diserahkan per wilayah."""
        from desktop.core.progress import percent_text
        from desktop.documents.progress_report import progress_pdf
        from desktop.store.progress import progress_report

        report = progress_report(store, session, days=days)
        _write_pdf(progress_pdf(report), out)
        total = report.total
        click.echo(
            f"{out}: {total.received} kartu diterima ({percent_text(total.received_percent)} "
            f"dari {total.recorded} terekam), {total.handed_over} diserahkan."
        )

    @cli.command("uncollected")
    @click.option("--site", type=click.Choice(["MGS", "DSP"]), help="Bawaan: situs loket ini.")
    @click.option("--kelurahan", help="Kode kelurahan, mis. 35.76.02.1003 (bawaan: semua).")
    @click.option("--rw", help="Nomor RW (perlu --kelurahan).")
    @click.option("--min-days", type=click.IntRange(0, 3650), default=0, show_default=True,
                  help="Hanya yang sudah menunggu sekian hari.")  # fmt: skip
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                  help="File .pdf (daftar cetak), .csv atau .xlsx (NIK lengkap).")  # fmt: skip
    @data_dir_option
    @signed_in
    def uncollected_command(
        store: Store, session: Session, site: str | None, kelurahan: str | None,
        rw: str | None, min_days: int, out: Path,
    ) -> None:  # fmt: skip
        """Kartu siap yang belum diambil, per kelurahan, RW dan RT, untuk lurah dan RT/RW."""
        site = site or store.require_device().site
        if out.suffix.lower() == ".pdf":
            from desktop.documents.uncollected_list import uncollected_pdf
            from desktop.store.uncollected import record_uncollected_paper, uncollected_list

            lst = uncollected_list(
                store, session, site=site, kelurahan=kelurahan, rw=rw, min_days=min_days
            )
            record_uncollected_paper(store, session, lst, how="pdf")
            _write_pdf(uncollected_pdf(lst), out)
            rows = lst.count
        else:
            from desktop.store.exports import export_uncollected

            rows = export_uncollected(
                store, session, out, site=site, kelurahan=kelurahan, rw=rw, min_days=min_days
            )
        click.echo(f"{out}: {rows} kartu belum diambil ({site}).")

    @cli.command("export-handovers")
    @click.option("--from", "start", required=True, help="Dari tanggal (TTTT-BB-HH).")
    @click.option("--to", "end", help="Sampai tanggal (bawaan: hari ini).")
    @click.option("--site", type=click.Choice(["MGS", "DSP"]),
                  help="Hanya situs ini (bawaan: semua situs yang ada di loket ini).")  # fmt: skip
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                  help="File .csv atau .xlsx yang ditulis.")  # fmt: skip
    @data_dir_option
    @signed_in
    def export_handovers_command(
        store: Store, session: Session, start: str, end: str | None, site: str | None, out: Path
    ) -> None:
        """Ekspor serah terima dalam rentang tanggal ke CSV atau XLSX (tercatat di audit)."""
        from desktop.store.exports import export_handovers

        first, last = _day(start), _day(end)
        rows = export_handovers(store, session, out, start=first, end=last, site=site)
        click.echo(f"{out}: {rows} serah terima, {first:%d-%m-%Y} s.d. {last:%d-%m-%Y}.")

    @cli.command("invitations")
    @click.option("--kelurahan", required=True, help="Kode kelurahan, mis. 35.76.02.1010.")
    @click.option("--rw", help="Hanya RW ini.")
    @click.option("--plan", "plan_first", help="Jadwalkan dulu kartu yang belum diundang, "
                  "mulai tanggal ini (TTTT-BB-HH).")  # fmt: skip
    @click.option(
        "--cap", type=click.IntRange(1, 5000), help="Batas per hari (bawaan: pengaturan)."
    )
    @click.option("--letters", "letters_out", type=click.Path(dir_okay=False, path_type=Path),
                  help="Tulis surat undangan ke PDF ini.")  # fmt: skip
    @click.option("--cover", "cover_out", type=click.Path(dir_okay=False, path_type=Path),
                  help="Tulis daftar per RT/RW ke PDF ini.")  # fmt: skip
    @data_dir_option
    @signed_in
    def invitations_command(
        store: Store, session: Session, kelurahan: str, rw: str | None, plan_first: str | None,
        cap: int | None, letters_out: Path | None, cover_out: Path | None,
    ) -> None:  # fmt: skip
        """Jadwalkan hari pengambilan dan tulis surat undangan serta daftar RT/RW (PDF)."""
        from desktop.core.invitations import cover_list_of
        from desktop.documents.invitation_letters import cover_list_pdf, letters_pdf
        from desktop.store.invitations import letters, plan_invitations, record_invitation_paper
        from desktop.store.settings import load_settings

        site = store.require_device().site
        settings = load_settings(store)
        if plan_first:
            plan = plan_invitations(
                store, session, site=site, kelurahan=kelurahan, rw=rw,
                first_day=_day(plan_first), cap=cap or settings.invitation_cap,
                holidays=settings.holiday_dates(),
            )  # fmt: skip
            days = ", ".join(f"{d.day:%d-%m} ({d.invited})" for d in plan.days)
            click.echo(f"{plan.plan_no}: {plan.count} kartu diundang: {days}.")
        if not (letters_out or cover_out):
            return
        run = letters(store, session, site=site, kelurahan=kelurahan, rw=rw)
        if letters_out:
            record_invitation_paper(store, session, paper="letters", lst=run, how="pdf")
            _write_pdf(letters_pdf(run), letters_out)
            click.echo(f"{letters_out}: {run.count} surat undangan.")
        if cover_out:
            cover = cover_list_of(run)
            record_invitation_paper(store, session, paper="cover", lst=cover, how="pdf")
            _write_pdf(cover_list_pdf(cover), cover_out)
            click.echo(f"{cover_out}: daftar {cover.count} undangan per RT/RW.")
