<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>App</name>
    <message>
        <source>Menyiapkan kota demo (85.636 penduduk), sekitar satu menit…</source>
        <translation>Preparing the demo city (85,636 residents), about a minute…</translation>
    </message>
</context>
<context>
    <name>CardPanelView</name>
    <message>
        <source>NIK %1 · lahir %2, %3
%4 RT %5/RW %6, Kel. %7, Kec. %8</source>
        <translation>NIK %1 · born %2, %3
%4 RT %5/RW %6, Kel. %7, Kec. %8</translation>
    </message>
    <message>
        <source>NIK %1 · tidak ada di register</source>
        <translation>NIK %1 · not in the register</translation>
    </message>
    <message>
        <source>Kartu siap diserahkan</source>
        <translation>Card ready to hand over</translation>
    </message>
    <message>
        <source>Kotak %1 · Slot %2</source>
        <translation>Box %1 · Slot %2</translation>
    </message>
    <message>
        <source>Kartu %1, cetak %2</source>
        <translation>Card %1, printed %2</translation>
    </message>
    <message>
        <source>Ambil kartu dari kotak, pastikan pemilik hadir sendiri dan wajahnya cocok dengan foto, lalu ketik empat digit terakhir NIK pada kartu.</source>
        <translation>Take the card from the box, make sure the holder is here in person and the face matches the photo, then type the last four digits of the NIK on the card.</translation>
    </message>
    <message>
        <source>Dilayani di %1</source>
        <translation>Served at %1</translation>
    </message>
    <message>
        <source>Alamat: %1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <source>Kartu penduduk kecamatan ini disimpan dan diserahkan di kantor tersebut. Arahkan penduduk ke sana.</source>
        <translation>Cards of residents of this kecamatan are kept and handed over at that office. Send the resident there.</translation>
    </message>
    <message>
        <source>Kartu belum datang dari pusat</source>
        <translation>The card has not arrived from the centre</translation>
    </message>
    <message>
        <source>Data direkam pada %1.</source>
        <translation>Data recorded on %1.</translation>
    </message>
    <message>
        <source>Kartu belum dikirim oleh pusat. Minta penduduk menunggu undangan pengambilan; tidak perlu rekam ulang.</source>
        <translation>The centre has not sent the card yet. Ask the resident to wait for the collection invitation; no need to record again.</translation>
    </message>
    <message>
        <source>Kartu sudah diserahkan</source>
        <translation>Card already handed over</translation>
    </message>
    <message>
        <source>Kartu tidak dapat diserahkan lagi. Bila tanda terimanya hilang, cetak salinan (Ctrl+P); salinan ditandai SALINAN.</source>
        <translation>The card cannot be handed over again. If the receipt was lost, print a copy (Ctrl+P); copies are marked COPY.</translation>
    </message>
    <message>
        <source>Supervisor dapat membatalkan serah terima yang keliru (Ctrl+B).</source>
        <translation>A supervisor can void a mistaken handover (Ctrl+B).</translation>
    </message>
    <message>
        <source>%1 di %2 loket %3 oleh %4, tanda terima %5 (%6)</source>
        <translation>%1 at %2 counter %3 by %4, receipt %5 (%6)</translation>
    </message>
    <message>
        <source>Konflik: kartu tercatat diserahkan dua kali</source>
        <translation>Conflict: the card is recorded as handed over twice</translation>
    </message>
    <message>
        <source>Jangan serahkan apa pun. Panggil supervisor untuk memeriksa kedua serah terima dan menyelesaikan konflik.</source>
        <translation>Hand nothing over. Call a supervisor to check both handovers and resolve the conflict.</translation>
    </message>
    <message>
        <source>Kartu ditahan: %1</source>
        <translation>Card withheld: %1</translation>
    </message>
    <message>
        <source>Jangan serahkan. Supervisor dapat melepas kartu bila sudah diperiksa, atau mengembalikannya ke Dinas untuk dicetak ulang.</source>
        <translation>Do not hand over. A supervisor can release the card once checked, or return it to the Dinas for reprinting.</translation>
    </message>
    <message>
        <source>Lepas kartu dengan persetujuan supervisor: Ctrl+E.</source>
        <translation>Release the card with a supervisor&apos;s approval: Ctrl+E.</translation>
    </message>
    <message>
        <source>Kartu salah alamat</source>
        <translation>Misrouted card</translation>
    </message>
    <message>
        <source>Jangan serahkan. Sisihkan kartu untuk dikembalikan ke Dinas.</source>
        <translation>Do not hand over. Set the card aside to return it to the Dinas.</translation>
    </message>
    <message>
        <source>Kartu ini sudah diganti cetak ulang</source>
        <translation>This card was replaced by a reprint</translation>
    </message>
    <message>
        <source>Kartu lama tidak berlaku. Sisihkan untuk dikembalikan ke Dinas.</source>
        <translation>The old card is void. Set it aside to return it to the Dinas.</translation>
    </message>
    <message>
        <source>Pemilik kartu tercatat meninggal</source>
        <translation>The holder is recorded as deceased</translation>
    </message>
    <message>
        <source>Jangan serahkan. Kartu dikembalikan ke Dinas; arahkan keluarga ke Dinas.</source>
        <translation>Do not hand over. The card goes back to the Dinas; send the family to the Dinas.</translation>
    </message>
    <message>
        <source>Pemilik kartu tercatat pindah</source>
        <translation>The holder is recorded as moved away</translation>
    </message>
    <message>
        <source>Jangan serahkan di sini. Minta supervisor memeriksa data kepindahan.</source>
        <translation>Do not hand over here. Ask a supervisor to check the move record.</translation>
    </message>
    <message>
        <source>Kartu sudah dikembalikan ke Dinas</source>
        <translation>The card was returned to the Dinas</translation>
    </message>
    <message>
        <source>Kartu tidak ada di loket. Arahkan penduduk ke Dinas untuk informasi.</source>
        <translation>The card is not at the counter. Send the resident to the Dinas for information.</translation>
    </message>
    <message>
        <source>Kartu diterima tetapi belum disortir</source>
        <translation>Card received but not yet sorted</translation>
    </message>
    <message>
        <source>Kartu belum punya tempat di kotak. Minta supervisor menyortirnya dahulu.</source>
        <translation>The card has no place in a box yet. Ask a supervisor to sort it first.</translation>
    </message>
    <message>
        <source>NIK tidak ada di register maupun manifes kartu</source>
        <translation>NIK is in neither the register nor a card manifest</translation>
    </message>
    <message>
        <source>Periksa NIK pada KTP atau undangan. Bila benar, penduduk belum terdaftar sebagai wajib KTP terekam: arahkan ke layanan perekaman.</source>
        <translation>Check the NIK on the KTP or invitation. If it is right, the resident has not recorded their data: send them to the recording service.</translation>
    </message>
</context>
<context>
    <name>CosignDialog</name>
    <message>
        <source>Persetujuan supervisor</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Nama pengguna supervisor</source>
        <translation>Supervisor username</translation>
    </message>
    <message>
        <source>Kata sandi supervisor</source>
        <translation>Supervisor password</translation>
    </message>
    <message>
        <source>Setujui</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Tulis alasannya</source>
        <translation>Write the reason</translation>
    </message>
    <message>
        <source>Tulis nama pengguna supervisor</source>
        <translation>Write the supervisor&apos;s username</translation>
    </message>
    <message>
        <source>Tulis kata sandi supervisor</source>
        <translation>Write the supervisor&apos;s password</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <source>Pindai undangan, ketik NIK 16 digit, atau sebagian nama, lalu Enter</source>
        <translation>Scan the invitation, type the 16-digit NIK or part of a name, then Enter</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Tanda terima asli: kode periksa cocok dengan data.</source>
        <translation>Genuine receipt: the check code matches the record.</translation>
    </message>
    <message>
        <source>Kode periksa TIDAK cocok: tanda terima ini telah diubah atau palsu.</source>
        <translation>Check code does NOT match: this receipt was altered or is forged.</translation>
    </message>
    <message>
        <source>%1 penduduk cocok. Pilih dengan panah lalu Enter.</source>
        <translation>%1 residents match. Choose with the arrow keys, then Enter.</translation>
    </message>
    <message>
        <source>Diserahkan kepada %1. Tanda terima %2.</source>
        <translation>Handed over to %1. Receipt %2.</translation>
    </message>
    <message>
        <source>Salinan hanya untuk kartu yang sudah diserahkan.</source>
        <translation>Copies are only for cards already handed over.</translation>
    </message>
    <message>
        <source>Pembatalan hanya untuk kartu yang sudah diserahkan.</source>
        <translation>Only a card that has been handed over can be voided.</translation>
    </message>
    <message>
        <source>Serah terima %1 dibatalkan; kartu siap lagi.</source>
        <translation>Handover %1 voided; the card is ready again.</translation>
    </message>
    <message>
        <source>Batalkan serah terima dengan tanda terima %1.</source>
        <translation>Void the handover with receipt %1.</translation>
    </message>
    <message>
        <source>Pelepasan hanya untuk kartu yang ditahan.</source>
        <translation>Only a withheld card can be released.</translation>
    </message>
    <message>
        <source>Kartu %1 dilepas dari penahanan.</source>
        <translation>Card %1 released from being withheld.</translation>
    </message>
    <message>
        <source>Lepas kartu %1 yang ditahan.</source>
        <translation>Release withheld card %1.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Daftarkan loket ke server Dinas</source>
        <translation>Enrol this counter with the Dinas server</translation>
    </message>
    <message>
        <source>Minta kode sekali pakai dari tim TI Dinas (berlaku 24 jam), lalu isi alamat server dan kodenya.</source>
        <translation>Ask the Dinas IT team for a one-time code (valid 24 hours), then enter the server address and the code.</translation>
    </message>
    <message>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Kode pendaftaran</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <source>Daftarkan</source>
        <translation>Enrol</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Penyiapan loket</source>
        <translation>Counter setup</translation>
    </message>
    <message>
        <source>Komputer ini belum disiapkan. Pilih kantor layanan dan nomor loketnya. Pilihan ini tetap untuk folder data ini.</source>
        <translation>This computer has not been set up. Choose the service office and the counter number. The choice stays with this data folder.</translation>
    </message>
    <message>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Nomor loket</source>
        <translation>Counter number</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>HandoverForm</name>
    <message>
        <source>&amp;Hadir sendiri dan wajah cocok dengan foto kartu (Spasi)</source>
        <translation>&amp;Here in person, face matches the card photo (Space)</translation>
    </message>
    <message>
        <source>4 digit terakhir NIK pada kartu:</source>
        <translation>Last 4 digits of the NIK on the card:</translation>
    </message>
    <message>
        <source>KTP lama ditarik (Alt+1)</source>
        <translation>Old KTP withdrawn (Alt+1)</translation>
    </message>
    <message>
        <source>KTP lama hilang (Alt+2)</source>
        <translation>Old KTP lost (Alt+2)</translation>
    </message>
    <message>
        <source>Belum punya KTP, pemula (Alt+3)</source>
        <translation>No KTP before, first-time (Alt+3)</translation>
    </message>
    <message>
        <source>Nomor surat kehilangan dari kepolisian</source>
        <translation>Number of the police loss report</translation>
    </message>
    <message>
        <source>Serahkan kartu (Enter)</source>
        <translation>Hand over card (Enter)</translation>
    </message>
    <message>
        <source>Empat digit tidak cocok dengan NIK penduduk ini: kartu yang diambil kemungkinan salah. Periksa kartu di kotak.</source>
        <translation>The four digits do not match this resident&apos;s NIK: the card taken is probably the wrong one. Check the card in the box.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Keluar (ganti petugas)</source>
        <translation>Log out (change officer)</translation>
    </message>
    <message>
        <source>Dibuka hanya dengan kata sandi %1.</source>
        <translation>Opens only with %1&apos;s password.</translation>
    </message>
</context>
<context>
    <name>LoginPanel</name>
    <message>
        <source>Loket Serah Terima KTP Elektronik</source>
        <translation>e-KTP Handover Counter</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loket KTP-el · %1 · Loket %2</source>
        <translation>e-KTP counter · %1 · Counter %2</translation>
    </message>
    <message>
        <source>%1 · Loket %2</source>
        <translation>%1 · Counter %2</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Daftar ke server</source>
        <translation>Enrol with server</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Hari ini: %1 serah terima</source>
        <translation>Today: %1 handovers</translation>
    </message>
    <message>
        <source>%1 tercetak.</source>
        <translation>%1 printed.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Sinkronkan</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Kunci</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Sinkronisasi: menunggu</source>
        <translation>Sync: waiting</translation>
    </message>
    <message>
        <source>Cetak ulang (%1)</source>
        <translation>Reprint (%1)</translation>
    </message>
    <message>
        <source>Sinkronisasi tidak aktif di jendela ini</source>
        <translation>Sync is not active in this window</translation>
    </message>
    <message>
        <source>Sinkronisasi berjalan…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Sinkronisasi: loket belum terdaftar di server Dinas</source>
        <translation>Sync: this counter is not enrolled with the Dinas server</translation>
    </message>
    <message>
        <source>Sinkronisasi ditolak: %1</source>
        <translation>Sync refused: %1</translation>
    </message>
    <message>
        <source>Luring · %1 event menunggu · terakhir sinkron %2</source>
        <translation>Offline · %1 events waiting · last sync %2</translation>
    </message>
    <message>
        <source>Daring · %1 event menunggu · terakhir sinkron %2</source>
        <translation>Online · %1 events waiting · last sync %2</translation>
    </message>
    <message>
        <source> · jam komputer selisih %1 menit dari server, betulkan jamnya</source>
        <translation> · this computer&apos;s clock is %1 minutes off the server&apos;s; correct it</translation>
    </message>
    <message>
        <source>Loket terdaftar sebagai %1.</source>
        <translation>Counter enrolled as %1.</translation>
    </message>
    <message>
        <source>Salinan tanda terima %1 tidak tercetak: %2 Setelah printer siap, tekan Ctrl+P lagi.</source>
        <translation>The copy of receipt %1 was not printed: %2 Once the printer is ready, press Ctrl+P again.</translation>
    </message>
    <message>
        <source>Serah terima tersimpan, tetapi tanda terima %1 tidak tercetak: %2 Tanda terima masuk antrean cetak ulang (Ctrl+R).</source>
        <translation>Handover saved, but receipt %1 was not printed: %2 The receipt is in the reprint queue (Ctrl+R).</translation>
    </message>
    <message>
        <source>Pengaturan disimpan.</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>Belum ada printer. Pilih printer di Pengaturan, lalu cetak dari antrean cetak ulang.</source>
        <translation>No printer yet. Choose a printer in Settings, then print from the reprint queue.</translation>
    </message>
    <message>
        <source>Tanda terima %1</source>
        <translation>Receipt %1</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Antrean cetak ulang</source>
        <translation>Reprint queue</translation>
    </message>
    <message>
        <source>Tanda terima</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Masalah</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>%1 tanda terima belum tercetak.</source>
        <translation>%1 receipts not yet printed.</translation>
    </message>
    <message>
        <source>Semua tanda terima sudah tercetak.</source>
        <translation>All receipts are printed.</translation>
    </message>
    <message>
        <source>Cetak yang dipilih</source>
        <translation>Print selected</translation>
    </message>
    <message>
        <source>Cetak semua</source>
        <translation>Print all</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Pengaturan loket</source>
        <translation>Counter settings</translation>
    </message>
    <message>
        <source>Printer bawaan sistem</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <source>%1 (tidak terhubung)</source>
        <translation>%1 (not connected)</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>Kertas gulung 80 mm</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <source>Tampilkan pratinjau sebelum mencetak</source>
        <translation>Show a preview before printing</translation>
    </message>
    <message>
        <source> menit</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Printer tanda terima</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Ukuran tanda terima</source>
        <translation>Receipt size</translation>
    </message>
    <message>
        <source>Bahasa (berlaku setelah dibuka ulang)</source>
        <translation>Language (after a restart)</translation>
    </message>
    <message>
        <source>Kunci layar bila diam</source>
        <translation>Lock the screen when idle</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
</context>
</TS>
