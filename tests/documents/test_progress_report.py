"""The progress report PDF, read back as text with pypdf."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

from pypdf import PdfReader

from desktop.core.progress import (
    CITY_NAME,
    AreaProgress,
    DayProgress,
    ProgressReport,
    SiteSeen,
)
from desktop.core.regions import regions
from desktop.documents.progress_report import TITLE, progress_pdf

WIB = timezone(timedelta(hours=7))
AS_OF = datetime(2012, 9, 28, 16, 5, tzinfo=WIB)
LAST = date(2012, 9, 28)
RESIDENTS, CARDS, UNREGISTERED = 85_636, 67_536, 24


def city_report(
    *, days: int = 30, handed_share: float = 0.4, sites: tuple[SiteSeen, ...] | None = None
) -> ProgressReport:
    """The city's published figures spread over the 18 kelurahan (every line distinct)."""
    reference = list(regions().kelurahan.values())
    recorded = [3_000 + 211 * n for n in range(len(reference))]
    recorded[-1] += RESIDENTS - sum(recorded)
    received = [round(r * 0.78) for r in recorded]
    received[-1] += CARDS - UNREGISTERED - sum(received)
    kelurahan = []
    for n, (kel, rec, got) in enumerate(zip(reference, recorded, received, strict=True)):
        handed = round(got * handed_share) + n
        other = n % 4
        kelurahan.append(
            AreaProgress(kel.code, kel.name, rec, got, handed, got - handed - other, other)
        )
    kecamatan = tuple(
        AreaProgress.summed(
            kec.code, kec.name, [k for k in kelurahan if k.code.startswith(kec.code + ".")]
        )
        for kec in regions().kecamatan.values()
    )
    unregistered = AreaProgress("", "Kartu tanpa data register", 0, 24, 0, 0, 24)
    series = []
    for n in range(days):
        day = LAST - timedelta(days=days - 1 - n)
        weekday = day.weekday() < 5
        series.append(
            DayProgress(
                day,
                14_178 if day == date(2012, 9, 10) else 0,
                (600 + 7 * n) if weekday else 0,
                (n % 3) if weekday else 0,
            )
        )
    if sites is None:
        sites = (
            SiteSeen("MGS", 4, 120_345, "2012-09-28T16:01:00+07:00"),
            SiteSeen("DSP", 3, 80_211, "2012-09-28T15:58:00+07:00"),
        )
    return ProgressReport(
        as_of=AS_OF,
        total=AreaProgress.summed("35.76", CITY_NAME, (*kecamatan, unregistered)),
        kecamatan=kecamatan,
        kelurahan=tuple(kelurahan),
        unregistered=unregistered,
        days=tuple(series),
        sites=sites,
    )


def pages(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace made single spaces (cells are separate runs)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_city_figures_in_the_published_form() -> None:
    report = city_report()
    assert (report.total.recorded, report.total.received) == (RESIDENTS, CARDS)
    text = " ".join(pages(progress_pdf(report)))
    assert TITLE in text
    assert "PEMERINTAH KOTA MOJOKERTO" in text
    assert "Keadaan per Jumat, 28-09-2012 pukul 16:05" in text
    assert (
        "Kota Mojokerto: 67.536 KTP-el diterima = 78,86 % dari 85.636 wajib KTP yang sudah "
        "merekam data." in text
    )
    total = report.total
    handed = f"{total.handed_over:,}".replace(",", ".")
    assert f"Sudah diserahkan {handed}" in text
    assert f"Kota Mojokerto 85.636 67.536 78,86 % {handed}" in text


def test_a_line_per_kecamatan_and_kelurahan() -> None:
    report = city_report()
    text = " ".join(pages(progress_pdf(report)))
    miji = next(k for k in report.kelurahan if k.name == "Miji")
    row = (
        f"Miji {miji.recorded:,} {miji.received:,} {miji.received_percent:.2f} % "
        f"{miji.handed_over:,} {miji.handed_percent:.2f} % {miji.waiting:,} {miji.other}"
    )
    assert row.replace(",", "_").replace(".", ",").replace("_", ".") in text
    for kec in report.kecamatan:
        assert f"Kecamatan {kec.name}" in text
        assert f"Jumlah Kec. {kec.name} {kec.recorded:,}".replace(",", ".") in text
    for kel in report.kelurahan:
        assert kel.name in text
    assert "Kartu tanpa data register – 24 – 0" in text


def test_charts_and_days() -> None:
    report = city_report()
    text = " ".join(pages(progress_pdf(report)))
    assert "Grafik per kelurahan" in text
    assert "Serah terima per hari, 30-08-2012 s.d. 28-09-2012" in text
    assert "September 2012" in text  # the month under the day axis
    # Every active day is a row of the days table; weekends without work are not.
    assert "Senin, 10-09-2012 14.178" in text
    assert "Minggu, 09-09-2012" not in text
    assert (
        f"Jumlah 14.178 {report.handed_in_range:,} {report.voided_in_range}".replace(",", ".")
        in text
    )


def test_page_numbers_print_date_and_sites() -> None:
    pdf = progress_pdf(city_report())
    texts = pages(pdf)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert f"Hal. {number} dari {len(texts)}" in text
        assert "dicetak 28-09-2012 16:05 · MGS, DSP" in text
    everything = " ".join(texts)
    assert (
        "Data dari: Kantor Kecamatan Magersari (MGS) dan Kantor Dinas Kependudukan dan "
        "Catatan Sipil Kota Mojokerto (DSP)" in everything
    )
    assert "Kantor Kecamatan Magersari (MGS) 4 120.345 28-09-2012 16:01" in everything


def test_an_empty_store_still_makes_a_readable_report() -> None:
    def zero(code: str, name: str) -> AreaProgress:
        return AreaProgress(code, name, 0, 0, 0, 0, 0)

    empty = zero("", "Kartu tanpa data register")
    report = ProgressReport(
        as_of=AS_OF,
        total=zero("35.76", CITY_NAME),
        kecamatan=tuple(zero(k.code, k.name) for k in regions().kecamatan.values()),
        kelurahan=tuple(zero(k.code, k.name) for k in regions().kelurahan.values()),
        unregistered=empty,
        days=tuple(DayProgress(LAST - timedelta(days=n), 0, 0, 0) for n in range(6, -1, -1)),
        sites=(),
    )  # fmt: skip
    text = " ".join(pages(progress_pdf(report)))
    assert "Belum ada serah terima dalam rentang ini." in text
    assert "Tidak ada kegiatan dalam rentang ini." in text
    assert "Data dari: belum ada data" in text
    assert "Kartu tanpa data register" not in text  # only shown when there are such cards
    assert "Hal. 1 dari" in text


def test_a_year_long_range_thins_the_day_labels() -> None:
    report = city_report(days=366)
    texts = pages(progress_pdf(report))
    assert f"Hal. {len(texts)} dari {len(texts)}" in texts[-1]
    text = " ".join(texts)
    assert "Serah terima per hari, 29-09-2011 s.d. 28-09-2012" in text
    assert "Jan 2012" in text and "Agt 2012" in text  # short names: a month is narrow here
