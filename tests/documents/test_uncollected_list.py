"""The "Daftar KTP-el Belum Diambil" PDF, read back as text with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from pypdf import PdfReader

from desktop.core.cards import CardStatus
from desktop.core.uncollected import UncollectedCard, UncollectedList, group_cards, mask_nik
from desktop.documents.uncollected_list import TITLE, uncollected_pdf

TODAY = date(2012, 9, 3)  # a Monday
NAMES = ("Siti Aminah", "Muhammad Rizky Pratama", "Budi", "Sri Rahayu Ningsih", "Ahmad Fauzi")
KELURAHAN = {"35.76.02.1002": "Meri", "35.76.02.1010": "Wates"}


def card(n: int, code: str, rw: str, rt: str) -> UncollectedCard:
    received = date(2012, 5, 7) + timedelta(days=21 * (n % 5))
    return UncollectedCard(
        card_id=f"B-{n}",
        nik=f"357602{4100 + n % 28:04d}8{n % 10}{n + 1:04d}",
        name=f"{NAMES[n % len(NAMES)]} {n}",
        address=f"Jl. Raya Ujungberung Gang Mawar No. {n}",
        rt=rt,
        rw=rw,
        kelurahan_code=code,
        kelurahan=KELURAHAN[code],
        box=100 + n // 200,
        slot=1 + n % 200,
        status=CardStatus.UNCOLLECTED if n % 7 == 3 else CardStatus.READY,
        received=received,
        days_waiting=(TODAY - received).days,
    )


def synthetic(cards: list[UncollectedCard], **filters) -> UncollectedList:
    return UncollectedList(
        site="MGS",
        office="Kantor Kecamatan Magersari",
        today=TODAY,
        kelurahan=filters.get("kelurahan"),
        rw=filters.get("rw"),
        min_days=filters.get("min_days", 0),
        groups=group_cards(cards, {code: "Magersari" for code in KELURAHAN}),
    )


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_nik_is_masked_in_the_middle():
    assert mask_nik("3576021212800001") == "3576••••••••0001"
    assert mask_nik("3576021212800001")[-4:] == "0001"


def test_one_rw_on_its_own_sheets_with_counts_and_page_numbers():
    cards = [card(n, "35.76.02.1002", "003", f"00{1 + n % 3}") for n in range(80)]
    text = pages(uncollected_pdf(synthetic(cards, kelurahan="35.76.02.1002", rw="003")))
    assert len(text) >= 3
    first = text[0]
    assert TITLE in first and "PEMERINTAH KOTA MOJOKERTO" in first
    assert "Kelurahan Meri, Kecamatan Magersari — RW 003" in first
    assert "Keadaan per Senin, 03-09-2012" in first
    assert "Jumlah: 80 kartu belum diambil." in first
    assert "Kantor Kecamatan Magersari" in first
    for column in ("No.", "Nama", "NIK", "Alamat", "RT", "Kotak/", "Menunggu", "Keterangan"):
        assert column in first
    for n, page in enumerate(text, start=1):
        assert f"Hal. {n} dari {len(text)}" in page
        assert f"Kel. Meri RW 003 · lembar {n} dari {len(text)}" in page
        assert "Nama" in page and "Keterangan" in page  # the header repeats
    assert "Jumlah RW 003 Kelurahan Meri: 80 kartu" in text[-1]
    everything = "\n".join(text)
    for c in cards:
        assert c.name in everything
        assert mask_nik(c.nik) in everything
        assert c.nik not in everything  # never the whole NIK on a paper that leaves
    assert f"{cards[1].received:%d-%m-%Y}" in everything
    assert f"{cards[1].days_waiting} hari" in everything
    assert cards[1].place in everything


def test_rows_run_by_rt_then_name():
    cards = [card(n, "35.76.02.1002", "001", ("002", "001")[n % 2]) for n in range(12)]
    lst = synthetic(cards)
    text = "\n".join(pages(uncollected_pdf(lst)))
    order = [c.name for c in lst.cards]
    assert [c.rt for c in lst.cards] == sorted(c.rt for c in lst.cards)
    positions = [re.search(rf"{re.escape(name)}(?!\d)", text).start() for name in order]
    assert positions == sorted(positions)


def test_a_whole_site_opens_with_a_summary_and_each_rw_starts_a_page():
    cards = [card(n, code, rw, "001") for n, (code, rw) in enumerate(
        [("35.76.02.1002", "001")] * 5 + [("35.76.02.1002", "004")] * 3
        + [("35.76.02.1010", "002")] * 4
    )]  # fmt: skip
    lst = synthetic(cards, min_days=30)
    text = pages(uncollected_pdf(lst))
    assert len(text) == 1 + 3  # the summary, then one page per RW
    summary = text[0]
    assert "Ringkasan per kelurahan dan RW" in summary
    assert "Jumlah: 12 kartu belum diambil di 3 RW." in summary
    assert "Hanya kartu yang menunggu sekurang-kurangnya 30 hari." in summary
    assert re.search(r"Meri\s+Magersari\s+001\s+5\b", summary)
    assert re.search(r"Wates\s+Magersari\s+002\s+4\b", summary)
    assert "ringkasan" in summary and "Hal. 1 dari 4" in summary
    assert "Kelurahan Meri, Kecamatan Magersari — RW 001" in text[1]
    assert "Kelurahan Meri, Kecamatan Magersari — RW 004" in text[2]
    assert "Kelurahan Wates, Kecamatan Magersari — RW 002" in text[3]
    assert "Kel. Wates RW 002 · lembar 1 dari 1" in text[3] and "Hal. 4 dari 4" in text[3]


def test_an_empty_list_says_so():
    text = pages(uncollected_pdf(synthetic([])))
    assert len(text) == 1
    assert "Tidak ada kartu yang belum diambil untuk pilihan ini." in text[0]
    assert "Hal. 1 dari 1" in text[0]


def test_long_names_and_addresses_wrap_inside_their_cells():
    long = card(1, "35.76.02.1002", "001", "001")
    long = UncollectedCard(
        **{
            **long.__dict__,
            "name": "Raden Ayu Siti Nurhayati Kusumawardhani Prawiranegara Binti Haji Abdullah",
            "address": "Perumahan Griya Permata Asri Blok KK-17 Jl. Kenanga Raya No. 123A",
        }
    )
    text = "\n".join(pages(uncollected_pdf(synthetic([long]))))
    squeezed = re.sub(r"\s+", " ", text)
    assert "Raden Ayu Siti" in squeezed and "Prawiranegara" in squeezed
    assert "Kenanga Raya" in squeezed
