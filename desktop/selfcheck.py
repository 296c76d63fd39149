"""`loket --self-check`: proves an installation works without touching its real data.

It opens a fresh store in a temporary folder (SQLite, the migrations, a device identity),
renders a sample receipt to PDF through Qt's print path (the bundled fonts, QtSvg,
QtPrintSupport) and says what it checked. IT staff run it after installing; the bundle
test runs it from the built bundle.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from desktop.logs import app_version


def run_self_check(out: TextIO | None = None) -> int:
    """Run the checks, writing one line per step to `out` (default: standard output);
    0 when all pass, 1 with the failing step named otherwise."""
    from desktop.core.receipts import ReceiptData
    from desktop.core.regions import regions
    from desktop.documents.receipt import page_size, receipt_svg
    from desktop.store import open_store
    from desktop.ui import printing
    from desktop.ui.qt import QApplication

    out = out or sys.stdout
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    step = "penyimpanan"
    try:
        with tempfile.TemporaryDirectory(prefix="loket-self-check-") as folder:
            with open_store(Path(folder) / "data") as store:
                device = store.initialize("MGS", 1)
                print(f"ok  penyimpanan SQLite dibuka ({device.device_id})", file=out)
            step = "tanda terima"
            site = regions().sites["MGS"]
            sample = ReceiptData(
                receipt_no="MGS-01-000001",
                issued_at="2012-09-10T09:15:02+07:00",
                site="MGS",
                office_name=site.name,
                office_address=site.address,
                workstation=1,
                card_id="B20120910-3576020101900001",
                nik="3576020101900001",
                nama="Contoh Pemeriksaan",
                tempat_lahir="Mojokerto",
                tanggal_lahir="1990-01-01",
                alamat="Jl. Contoh No. 1",
                rt="001",
                rw="001",
                kelurahan="Magersari",
                kecamatan="Magersari",
                old_ktp="withdrawn",
                police_letter=None,
                operator_name="Pemeriksaan Mandiri",
            )
            pdf = Path(folder) / "tanda-terima.pdf"
            result = printing.print_svg_to_pdf(
                [receipt_svg(sample, "a5")], page_size("a5"), pdf, title="Pemeriksaan"
            )
            if not result.ok or pdf.stat().st_size < 1000:
                print(f"GAGAL tanda terima: {result.message}", file=out)
                return 1
            print(f"ok  tanda terima dicetak ke PDF ({pdf.stat().st_size} bita)", file=out)
    except Exception as error:  # the step that failed is the answer IT staff need
        print(f"GAGAL {step}: {type(error).__name__}: {error}", file=out)
        return 1
    finally:
        app.processEvents()
    print(
        f"Loket {app_version()} siap ({time.perf_counter() - started:.1f} dtk).",
        file=out,
    )
    return 0
