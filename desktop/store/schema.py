"""The local store's schema, one sqlite-utils migration per step.

`SCHEMA_STEPS` grows by appending; a store whose recorded steps include one this code
does not know was written by a newer Loket and is refused.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "loket"
migrations = Migrations(MIGRATION_SET)

# The columns of the two import formats (docs/formats.md).
REGISTER_COLUMNS = (
    "nik",
    "nama",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "alamat",
    "rt",
    "rw",
    "kode_kelurahan",
    "tanggal_rekam",
)
CARD_COLUMNS = ("nik", "nama", "kode_kelurahan", "tanggal_cetak")

# Tables derived from the journal; `rebuild` empties and replays exactly these.
PROJECTION_TABLES = (
    "residents",
    "card_batches",
    "cards",
    "handovers",
    "imports",
    "operators",
    "drawer_counts",
    "recording_requests",
    "population_reports",
    "invitations",
)


@migrations()
def m001_journal(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE journal (
            id INTEGER PRIMARY KEY,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq >= 1),
            event_id TEXT NOT NULL UNIQUE,
            site TEXT NOT NULL,
            type TEXT NOT NULL,
            schema INTEGER NOT NULL,
            wall_time TEXT NOT NULL,
            hlc TEXT NOT NULL,
            payload TEXT NOT NULL,
            UNIQUE (device_id, seq)
        )
        """
    )
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"""
            CREATE TRIGGER journal_no_{action.lower()} BEFORE {action} ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END
            """
        )
    db.execute(
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            nik TEXT,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX audit_nik ON audit (nik)")
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"""
            CREATE TRIGGER audit_no_{action.lower()} BEFORE {action} ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """
        )


@migrations()
def m002_projections(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE residents (
            id INTEGER PRIMARY KEY,
            nik TEXT NOT NULL UNIQUE,
            nama TEXT NOT NULL,
            jenis_kelamin TEXT NOT NULL,
            tempat_lahir TEXT NOT NULL,
            tanggal_lahir TEXT NOT NULL,
            alamat TEXT NOT NULL,
            rt TEXT NOT NULL,
            rw TEXT NOT NULL,
            kode_kelurahan TEXT NOT NULL,
            tanggal_rekam TEXT NOT NULL,
            nik_warning TEXT,
            event_id TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX residents_kelurahan ON residents (kode_kelurahan, rw, rt)")
    db.execute(
        """
        CREATE VIRTUAL TABLE residents_fts USING fts5 (
            nama, content='residents', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3'
        )
        """
    )
    db.execute(
        """
        CREATE TABLE card_batches (
            batch_id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            event_id TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE cards (
            card_id TEXT PRIMARY KEY,
            nik TEXT NOT NULL,
            nama TEXT NOT NULL,
            kode_kelurahan TEXT NOT NULL,
            tanggal_cetak TEXT NOT NULL,
            batch_id TEXT NOT NULL REFERENCES card_batches (batch_id),
            status TEXT NOT NULL,
            site TEXT,
            box INTEGER,
            slot INTEGER,
            reason TEXT,
            superseded_by TEXT REFERENCES cards (card_id),
            event_id TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX cards_nik ON cards (nik)")
    # Foreign-key children need indexes, or deleting a parent scans the whole table.
    db.execute("CREATE INDEX cards_batch ON cards (batch_id)")
    db.execute("CREATE INDEX cards_superseded_by ON cards (superseded_by)")
    db.execute("CREATE INDEX cards_site_status ON cards (site, status)")
    db.execute(
        """
        CREATE TABLE handovers (
            event_id TEXT PRIMARY KEY,
            card_id TEXT NOT NULL,
            nik TEXT NOT NULL,
            device_id TEXT NOT NULL,
            site TEXT NOT NULL,
            workstation INTEGER NOT NULL,
            operator TEXT NOT NULL,
            receipt_no TEXT NOT NULL,
            old_ktp TEXT NOT NULL,
            police_letter TEXT,
            wall_time TEXT NOT NULL,
            hlc TEXT NOT NULL,
            voided_by TEXT
        )
        """
    )
    db.execute("CREATE INDEX handovers_card ON handovers (card_id)")
    db.execute("CREATE INDEX handovers_nik ON handovers (nik)")
    db.execute("CREATE INDEX handovers_receipt ON handovers (receipt_no)")
    db.execute(
        """
        CREATE TABLE imports (
            sha256 TEXT NOT NULL,
            kind TEXT NOT NULL,
            file_name TEXT NOT NULL,
            batch_id TEXT,
            rows INTEGER NOT NULL,
            event_id TEXT NOT NULL PRIMARY KEY,
            wall_time TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX imports_sha ON imports (kind, sha256)")
    db.execute(
        """
        CREATE TABLE operators (
            username TEXT PRIMARY KEY,
            full_name TEXT NOT NULL,
            role TEXT NOT NULL,
            site TEXT,
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL,
            expires_on TEXT,
            event_id TEXT NOT NULL
        )
        """
    )


@migrations()
def m003_receipt_printing(db: Database) -> None:
    # Whether each handover's receipt reached paper; unprinted ones form the reprint queue.
    db.execute("ALTER TABLE handovers ADD COLUMN printed INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE handovers ADD COLUMN copies INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE handovers ADD COLUMN print_error TEXT")
    # The names the receipt printed, so the paper still verifies after later corrections.
    db.execute("ALTER TABLE handovers ADD COLUMN holder_name TEXT")
    db.execute("ALTER TABLE handovers ADD COLUMN operator_name TEXT")
    db.execute("CREATE INDEX handovers_device_printed ON handovers (device_id, printed)")
    db.execute("CREATE INDEX audit_actor ON audit (actor, action)")


@migrations()
def m004_journal_hlc_index(db: Database) -> None:
    # The clock resumes from the greatest HLC in the journal at every write.
    db.execute("CREATE INDEX journal_hlc ON journal (hlc)")


@migrations()
def m005_drawer_counts(db: Database) -> None:
    # The supervisor's end-of-day count of the card drawer against what should be there.
    db.execute(
        """
        CREATE TABLE drawer_counts (
            event_id TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            day TEXT NOT NULL,
            start_count INTEGER NOT NULL,
            received INTEGER NOT NULL,
            handed_over INTEGER NOT NULL,
            returned INTEGER NOT NULL,
            expected INTEGER NOT NULL,
            counted INTEGER NOT NULL,
            difference INTEGER NOT NULL,
            note TEXT NOT NULL,
            supervisor TEXT NOT NULL,
            supervisor_name TEXT,
            wall_time TEXT NOT NULL,
            hlc TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX drawer_counts_site_day ON drawer_counts (site, day)")


@migrations()
def m006_handover_corrections(db: Database) -> None:
    # A supervisor-approved correction of a handover's old-KTP record; the last one stands.
    db.execute("ALTER TABLE handovers ADD COLUMN corrected_by TEXT")


@migrations()
def m007_counter_services(db: Database) -> None:
    # The other services at the counter: recording requests (perekaman), reports of
    # deaths, moves and card errors (lapor peristiwa), and invitation pickup days.
    db.execute(
        """
        CREATE TABLE recording_requests (
            request_no TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            nik TEXT NOT NULL,
            nama TEXT NOT NULL,
            jenis_kelamin TEXT NOT NULL,
            tempat_lahir TEXT NOT NULL,
            tanggal_lahir TEXT NOT NULL,
            alamat TEXT NOT NULL,
            rt TEXT NOT NULL,
            rw TEXT NOT NULL,
            kode_kelurahan TEXT NOT NULL,
            married INTEGER NOT NULL DEFAULT 0,
            origin_region TEXT,
            moving_letter_no TEXT,
            site TEXT NOT NULL,
            workstation INTEGER NOT NULL,
            operator TEXT NOT NULL,
            operator_name TEXT,
            wall_time TEXT NOT NULL,
            status TEXT NOT NULL,
            status_note TEXT,
            status_by TEXT,
            status_time TEXT,
            event_id TEXT NOT NULL,
            hlc TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX recording_requests_day ON recording_requests (site, wall_time)")
    db.execute("CREATE INDEX recording_requests_status ON recording_requests (status)")
    db.execute("CREATE INDEX recording_requests_nik ON recording_requests (nik)")
    db.execute(
        """
        CREATE TABLE population_reports (
            report_no TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            error_field TEXT,
            nik TEXT NOT NULL,
            card_id TEXT,
            reporter_name TEXT NOT NULL,
            reporter_relation TEXT NOT NULL,
            document_no TEXT,
            event_date TEXT,
            note TEXT NOT NULL,
            site TEXT NOT NULL,
            workstation INTEGER NOT NULL,
            operator TEXT NOT NULL,
            operator_name TEXT,
            wall_time TEXT NOT NULL,
            event_id TEXT NOT NULL,
            hlc TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX population_reports_day ON population_reports (site, wall_time)")
    db.execute("CREATE INDEX population_reports_nik ON population_reports (nik)")
    db.execute(
        """
        CREATE TABLE invitations (
            card_id TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            pickup_day TEXT NOT NULL,
            plan_event_id TEXT NOT NULL,
            wall_time TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX invitations_day ON invitations (site, pickup_day)")


KNOWN_STEPS = tuple(m.name for m in migrations._migrations)
