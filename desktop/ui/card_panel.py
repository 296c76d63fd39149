"""The card panel: in one glance, what the operator may do with this resident's card."""

from __future__ import annotations

from desktop.core.handover import LABELS as OLD_KTP_LABELS
from desktop.core.handover import OldKtp
from desktop.store.counter import WITHHOLD_LABELS, CardPanel, PanelCase
from desktop.ui.qt import QFrame, QLabel, QVBoxLayout, QWidget
from desktop.ui.style import set_tone
from desktop.ui.text import fill, show_date, show_time

_TONE = {
    PanelCase.READY_HERE: "ok",
    PanelCase.OTHER_SITE: "info",
    PanelCase.NOT_ARRIVED: "info",
    PanelCase.HANDED_OVER: "info",
}


class CardPanelView(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.name = QLabel()
        self.name.setObjectName("residentName")
        self.name.setWordWrap(True)
        self.identity = QLabel()
        self.identity.setWordWrap(True)
        self.headline = QLabel()
        self.headline.setObjectName("panelHeadline")
        self.headline.setWordWrap(True)
        self.place = QLabel()
        self.place.setObjectName("place")
        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.action = QLabel()
        self.action.setObjectName("action")
        self.action.setWordWrap(True)
        box = QVBoxLayout(self)
        for widget in (self.name, self.identity, self.headline, self.place, self.detail):
            box.addWidget(widget)
        box.addWidget(self.action)
        box.addStretch(1)
        self.clear()

    def clear(self) -> None:
        for label in (self.name, self.identity, self.headline, self.place, self.detail):
            label.clear()
        self.action.clear()
        self.place.hide()
        set_tone(self, "")
        self.panel: CardPanel | None = None

    def show_panel(self, panel: CardPanel) -> None:
        self.clear()
        self.panel = panel
        r = panel.resident
        if r:
            self.name.setText(r.nama)
            self.identity.setText(
                fill(
                    self.tr("NIK %1 · lahir %2, %3\n%4 RT %5/RW %6, Kel. %7, Kec. %8"),
                    r.nik,
                    r.tempat_lahir,
                    show_date(r.tanggal_lahir),
                    r.alamat,
                    r.rt,
                    r.rw,
                    r.kelurahan,
                    r.kecamatan,
                )
            )
        else:
            self.name.setText(panel.card.nama if panel.card else panel.nik)
            self.identity.setText(fill(self.tr("NIK %1 · tidak ada di register"), panel.nik))
        set_tone(self, _TONE.get(panel.case, "stop"))
        getattr(self, f"_{panel.case.value}")(panel)

    # One method per case; each sets headline, detail and what to do next.

    def _ready_here(self, panel: CardPanel) -> None:
        card = panel.card
        assert card is not None
        self.headline.setText(self.tr("Kartu siap diserahkan"))
        self.place.setText(fill(self.tr("Kotak %1 · Slot %2"), card.box, card.slot))
        self.place.show()
        self.detail.setText(
            fill(self.tr("Kartu %1, cetak %2"), card.card_id, show_date(card.tanggal_cetak))
        )
        self.action.setText(
            self.tr(
                "Ambil kartu dari kotak, pastikan pemilik hadir sendiri dan wajahnya cocok "
                "dengan foto, lalu ketik empat digit terakhir NIK pada kartu."
            )
            + " "
            + self.tr("Pemilik sakit dan tidak dapat datang: kunjungan rumah (Ctrl+U).")
            + " "
            + self.tr("Data kartu salah, atau pemilik meninggal atau pindah: lapor peristiwa (F7).")
        )

    def _other_site(self, panel: CardPanel) -> None:
        site = panel.other_site
        assert site is not None
        self.headline.setText(fill(self.tr("Dilayani di %1"), site.name))
        self.detail.setText(fill(self.tr("Alamat: %1"), site.address))
        self.action.setText(
            self.tr(
                "Kartu penduduk kecamatan ini disimpan dan diserahkan di kantor tersebut. "
                "Arahkan penduduk ke sana."
            )
        )

    def _not_arrived(self, panel: CardPanel) -> None:
        r = panel.resident
        assert r is not None
        self.headline.setText(self.tr("Kartu belum datang dari pusat"))
        self.detail.setText(fill(self.tr("Data direkam pada %1."), show_date(r.tanggal_rekam)))
        self.action.setText(
            self.tr(
                "Kartu belum dikirim oleh pusat. Minta penduduk menunggu undangan "
                "pengambilan; tidak perlu rekam ulang."
            )
        )

    def _handed_over(self, panel: CardPanel) -> None:
        self.headline.setText(self.tr("Kartu sudah diserahkan"))
        lines = [self._handover_line(h) for h in panel.handovers]
        self.detail.setText("\n".join(lines))
        self.action.setText(
            self.tr(
                "Kartu tidak dapat diserahkan lagi. Bila tanda terimanya hilang, cetak "
                "salinan (Ctrl+P); salinan ditandai SALINAN."
            )
            + " "
            + self.tr(
                "Supervisor dapat membatalkan serah terima yang keliru (Ctrl+B) atau "
                "mengoreksi catatan KTP lamanya (Ctrl+K)."
            )
        )

    def _handover_line(self, h) -> str:
        return fill(
            self.tr("%1 di %2 loket %3 oleh %4, tanda terima %5 (%6)"),
            show_time(h.wall_time),
            h.site,
            h.workstation,
            h.operator_name,
            h.receipt_no,
            OLD_KTP_LABELS.get(OldKtp(h.old_ktp), h.old_ktp),
        )

    def _conflict(self, panel: CardPanel) -> None:
        self.headline.setText(self.tr("Konflik: kartu tercatat diserahkan dua kali"))
        self.detail.setText("\n".join(self._handover_line(h) for h in panel.handovers))
        self.action.setText(
            self.tr(
                "Jangan serahkan apa pun. Panggil supervisor untuk memeriksa kedua "
                "serah terima dan menyelesaikan konflik (Ctrl+E)."
            )
        )

    def _withheld(self, panel: CardPanel) -> None:
        reason = panel.card.reason if panel.card else None
        self.headline.setText(
            fill(self.tr("Kartu ditahan: %1"), WITHHOLD_LABELS.get(reason or "", reason or ""))
        )
        self.action.setText(
            self.tr(
                "Jangan serahkan. Supervisor dapat melepas kartu bila sudah diperiksa, atau "
                "mengembalikannya ke Dinas untuk dicetak ulang."
            )
            + " "
            + self.tr("Lepas kartu dengan persetujuan supervisor: Ctrl+E.")
        )

    def _misrouted(self, panel: CardPanel) -> None:
        reason = panel.card.reason if panel.card else ""
        self.headline.setText(self.tr("Kartu salah alamat"))
        self.detail.setText(reason or "")
        self.action.setText(self.tr("Jangan serahkan. Sisihkan kartu untuk dikembalikan ke Dinas."))

    def _superseded(self, panel: CardPanel) -> None:
        self.headline.setText(self.tr("Kartu ini sudah diganti cetak ulang"))
        self.action.setText(
            self.tr("Kartu lama tidak berlaku. Sisihkan untuk dikembalikan ke Dinas.")
        )

    def _deceased(self, panel: CardPanel) -> None:
        self.headline.setText(self.tr("Pemilik kartu tercatat meninggal"))
        self.action.setText(
            self.tr("Jangan serahkan. Kartu dikembalikan ke Dinas; arahkan keluarga ke Dinas.")
        )

    def _moved(self, panel: CardPanel) -> None:
        self.headline.setText(self.tr("Pemilik kartu tercatat pindah"))
        self.action.setText(
            self.tr("Jangan serahkan di sini. Minta supervisor memeriksa data kepindahan.")
        )

    def _returned(self, panel: CardPanel) -> None:
        self.headline.setText(self.tr("Kartu sudah dikembalikan ke Dinas"))
        self.action.setText(
            self.tr("Kartu tidak ada di loket. Arahkan penduduk ke Dinas untuk informasi.")
        )

    def _not_sorted(self, panel: CardPanel) -> None:
        self.headline.setText(self.tr("Kartu diterima tetapi belum disortir"))
        self.action.setText(
            self.tr("Kartu belum punya tempat di kotak. Minta supervisor menyortirnya dahulu.")
        )

    def _not_registered(self, panel: CardPanel) -> None:
        self.headline.setText(self.tr("NIK tidak ada di register maupun manifes kartu"))
        self.action.setText(
            self.tr(
                "Periksa NIK pada KTP atau undangan. Bila benar, penduduk belum terdaftar "
                "sebagai wajib KTP terekam: arahkan ke layanan perekaman."
            )
            + " "
            + self.tr("Daftarkan perekaman: F6.")
        )
