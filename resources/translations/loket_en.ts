<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Kata sandi minimal %1 karakter</source>
        <translation>The password needs at least %1 characters</translation>
    </message>
    <message>
        <source>Kedua kata sandi tidak sama; ketik ulang keduanya</source>
        <translation>The two passwords differ; type both again</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Operator alih daya</source>
        <translation>Outsourced operator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Admin TI</source>
        <translation>IT admin</translation>
    </message>
</context>
<context>
    <name>AccountsTab</name>
    <message>
        <source>Tambah akun…</source>
        <translation>Add account…</translation>
    </message>
    <message>
        <source>Atur ulang kata sandi…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>Perpanjang…</source>
        <translation>Extend…</translation>
    </message>
    <message>
        <source>Untuk akun operator alih daya</source>
        <translation>For outsourced operators&apos; accounts</translation>
    </message>
    <message>
        <source>Nonaktifkan…</source>
        <translation>Deactivate…</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Masuk terakhir</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>Pembuat</source>
        <translation>Created by</translation>
    </message>
    <message>
        <source>Nama pengguna untuk masuk</source>
        <translation>The user name for logging in</translation>
    </message>
    <message>
        <source>Masuk terakhir di loket ini, menurut log audit loket ini</source>
        <translation>Last login at this counter, according to this counter&apos;s audit log</translation>
    </message>
    <message>
        <source>Supervisor atau Admin TI yang membuat akun; — bila dibuat saat penyiapan</source>
        <translation>The supervisor or IT admin who created the account; — if it was created during setup</translation>
    </message>
    <message>
        <source>Keduanya</source>
        <translation>Both</translation>
    </message>
    <message>
        <source>Nonaktif</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Kedaluwarsa %1</source>
        <translation>Expired %1</translation>
    </message>
    <message>
        <source>Terkunci s.d. %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <source>Aktif s.d. %1</source>
        <translation>Active until %1</translation>
    </message>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Akun %1 dibuat; berlaku sampai %2.</source>
        <translation>Account %1 created; valid until %2.</translation>
    </message>
    <message>
        <source>Akun %1 dibuat.</source>
        <translation>Account %1 created.</translation>
    </message>
    <message>
        <source>Kata sandi %1 diganti; akun dapat dipakai lagi.</source>
        <translation>Password of %1 changed; the account can be used again.</translation>
    </message>
    <message>
        <source>Akun %1 berlaku sampai %2.</source>
        <translation>Account %1 is valid until %2.</translation>
    </message>
    <message>
        <source>Akun %1 dinonaktifkan.</source>
        <translation>Account %1 deactivated.</translation>
    </message>
    <message>
        <source>Terjadi kesalahan tak terduga; ulangi atau hubungi tim TI.</source>
        <translation>An unexpected error occurred; try again or contact the IT team.</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <source>Tambah akun</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>Buat akun</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>Akun baru untuk petugas loket. Sampaikan kata sandinya langsung kepada orangnya; akun operator alih daya berhenti sendiri sesudah tanggal berakhirnya.</source>
        <translation>A new account for counter staff. Give the password to the person directly; an outsourced operator&apos;s account stops working by itself after its end date.</translation>
    </message>
    <message>
        <source>huruf kecil, mis. alihdaya2</source>
        <translation>lower case, e.g. alihdaya2</translation>
    </message>
    <message>
        <source>Kedua kantor</source>
        <translation>Both offices</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Berlaku sampai</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>Isi nama pengguna</source>
        <translation>Enter the user name</translation>
    </message>
    <message>
        <source>Isi nama lengkap petugas</source>
        <translation>Enter the officer&apos;s full name</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Loket sudah terbuka di komputer ini (folder data %1). Pakai jendela Loket yang sudah terbuka; bila tidak terlihat, periksa bilah tugas.</source>
        <translation>Loket is already open on this computer (data folder %1). Use the Loket window that is open; if you cannot see it, look in the taskbar.</translation>
    </message>
    <message>
        <source>Menyiapkan kota demo (85.636 penduduk), sekitar satu menit…</source>
        <translation>Preparing the demo city (85,636 residents), about a minute…</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Semua petugas</source>
        <translation>All officers</translation>
    </message>
    <message>
        <source>Semua tanggal</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>NIK 16 digit</source>
        <translation>16-digit NIK</translation>
    </message>
    <message>
        <source>Tampilkan</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Nomor entri dalam rantai hash</source>
        <translation>Entry number in the hash chain</translation>
    </message>
    <message>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <source>sampai</source>
        <translation>to</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (bukan akun)</source>
        <translation>%1 (not an account)</translation>
    </message>
    <message>
        <source>Menampilkan %1 dari %2 entri</source>
        <translation>Showing %1 of %2 entries</translation>
    </message>
    <message>
        <source>Memeriksa rantai hash…</source>
        <translation>Checking the hash chain…</translation>
    </message>
    <message>
        <source>bukan akun di loket ini</source>
        <translation>not an account at this counter</translation>
    </message>
    <message>
        <source>Rantai hash utuh: %1 entri</source>
        <translation>Hash chain intact: %1 entries</translation>
    </message>
    <message>
        <source>Rantai hash RUSAK pada entri %1: %2. Log audit telah diubah di luar Loket; jangan ubah apa pun dan laporkan hari ini ke tim TI Dinas.</source>
        <translation>Hash chain BROKEN at entry %1: %2. The audit log was changed outside Loket; change nothing and report it to the Dinas IT team today.</translation>
    </message>
    <message>
        <source>Terjadi kesalahan tak terduga; ulangi atau hubungi tim TI.</source>
        <translation>An unexpected error occurred; try again or contact the IT team.</translation>
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
        <source>Pemilik sakit dan tidak dapat datang: kunjungan rumah (Ctrl+U).</source>
        <translation>Holder ill and unable to come: home visit (Ctrl+U).</translation>
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
        <source>%1 di %2 loket %3 oleh %4, tanda terima %5 (%6)</source>
        <translation>%1 at %2 counter %3 by %4, receipt %5 (%6)</translation>
    </message>
    <message>
        <source>Konflik: kartu tercatat diserahkan dua kali</source>
        <translation>Conflict: the card is recorded as handed over twice</translation>
    </message>
    <message>
        <source>Supervisor dapat membatalkan serah terima yang keliru (Ctrl+B) atau mengoreksi catatan KTP lamanya (Ctrl+K).</source>
        <translation>A supervisor can void a mistaken handover (Ctrl+B) or correct its old KTP record (Ctrl+K).</translation>
    </message>
    <message>
        <source>Data kartu salah, atau pemilik meninggal atau pindah: lapor peristiwa (F7).</source>
        <translation>Wrong card data, or the holder died or moved away: report an event (F7).</translation>
    </message>
    <message>
        <source>Jangan serahkan apa pun. Panggil supervisor untuk memeriksa kedua serah terima dan menyelesaikan konflik (Ctrl+E).</source>
        <translation>Hand nothing over. Call a supervisor to check both handovers and resolve the conflict (Ctrl+E).</translation>
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
    <message>
        <source>Daftarkan perekaman: F6.</source>
        <translation>Register for recording: F6.</translation>
    </message>
</context>
<context>
    <name>CardsModel</name>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Kotak/slot</source>
        <translation>Box/slot</translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Diterima %1</source>
        <translation>Received %1</translation>
    </message>
    <message>
        <source>%1 hari</source>
        <translation>%1 days</translation>
    </message>
</context>
<context>
    <name>ChoiceFields</name>
    <message>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>Pilih salah satu</source>
        <translation>Choose one</translation>
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
        <source>Koreksi hanya untuk kartu yang sudah diserahkan.</source>
        <translation>Only a card that has been handed over can be corrected.</translation>
    </message>
    <message>
        <source>Serah terima %1 dikoreksi. Cetak salinan tanda terima dengan Ctrl+P.</source>
        <translation>Handover %1 corrected. Print a copy of the receipt with Ctrl+P.</translation>
    </message>
    <message>
        <source>Koreksi catatan KTP lama pada serah terima %1.</source>
        <translation>Correct the old KTP record of handover %1.</translation>
    </message>
    <message>
        <source>Kunjungan rumah hanya untuk kartu yang siap diserahkan di sini.</source>
        <translation>A home visit is only for a card ready to hand over here.</translation>
    </message>
    <message>
        <source>Serahkan kartu %1 kepada %2 di rumahnya (sakit atau tidak dapat datang). Bawa kartu dan tanda terima; periksa wajah dengan foto kartu.</source>
        <translation>Hand card %1 over to %2 at home (ill or unable to come). Take the card and the receipt; check the face against the card photo.</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>Penyelesaian hanya untuk kartu yang konflik.</source>
        <translation>Only a card in conflict can be resolved.</translation>
    </message>
    <message>
        <source>Yang benar terjadi</source>
        <translation>The handover that happened</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Konflik diselesaikan; yang lain dibatalkan.</source>
        <translation>Conflict resolved; the other handover was voided.</translation>
    </message>
    <message>
        <source>Kartu %1 tercatat diserahkan dua kali. Pilih serah terima yang benar terjadi; yang lain dibatalkan di semua loket.</source>
        <translation>Card %1 is recorded as handed over twice. Choose the handover that really happened; the other is voided at every counter.</translation>
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
    <name>CounterServices</name>
    <message>
        <source>Permohonan perekaman %1 terdaftar atas nama %2; bukti pendaftaran dicetak.</source>
        <translation>Recording request %1 registered for %2; the proof of registration is printed.</translation>
    </message>
    <message>
        <source>Laporan %1 dicatat: %2. Bukti laporan dicetak.</source>
        <translation>Report %1 recorded: %2. The proof of report is printed.</translation>
    </message>
    <message>
        <source>Belum ada bukti pendaftaran atau laporan untuk dicetak.</source>
        <translation>No proof of registration or report to print yet.</translation>
    </message>
    <message>
        <source>%1 tersimpan, tetapi buktinya tidak tercetak: %2 Setelah printer siap, tekan Ctrl+Shift+P untuk mencetaknya.</source>
        <translation>%1 saved, but its proof was not printed: %2 Once the printer is ready, press Ctrl+Shift+P to print it.</translation>
    </message>
</context>
<context>
    <name>DailyChart</name>
    <message>
        <source>Belum ada serah terima dalam rentang ini.</source>
        <translation>No handovers in this period yet.</translation>
    </message>
</context>
<context>
    <name>DeactivateDialog</name>
    <message>
        <source>Nonaktifkan akun</source>
        <translation>Deactivate account</translation>
    </message>
    <message>
        <source>Nonaktifkan</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>%1 tidak akan dapat masuk lagi. Pekerjaannya tetap tercatat atas namanya. Tulis alasannya.</source>
        <translation>%1 will no longer be able to log in. Their work stays recorded under their name. Write the reason.</translation>
    </message>
    <message>
        <source>mis. pindah tugas, masa tugas selesai</source>
        <translation>e.g. transferred, assignment ended</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Tulis alasan menonaktifkan akun ini</source>
        <translation>Write the reason for deactivating this account</translation>
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
    <name>ExportTab</name>
    <message>
        <source>Serah terima KTP-el</source>
        <translation>e-KTP handovers</translation>
    </message>
    <message>
        <source>Kartu belum diambil (keadaan hari ini)</source>
        <translation>Uncollected cards (as of today)</translation>
    </message>
    <message>
        <source>Termasuk situs lain (data hasil sinkronisasi)</source>
        <translation>Include other sites (synced data)</translation>
    </message>
    <message>
        <source>XLSX (Excel)</source>
        <translation>XLSX (Excel)</translation>
    </message>
    <message>
        <source>CSV (UTF-8, untuk olah data)</source>
        <translation>CSV (UTF-8, for data processing)</translation>
    </message>
    <message>
        <source>Ekspor…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>File berisi NIK lengkap: simpan hanya di komputer kantor. Setiap ekspor tercatat di log audit. Untuk dibuka di Excel pilih XLSX, agar NIK tetap utuh.</source>
        <translation>The file contains full NIKs: keep it only on office computers. Every export is recorded in the audit log. To open it in Excel, choose XLSX so the NIKs stay intact.</translation>
    </message>
    <message>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Simpan ekspor</source>
        <translation>Save export</translation>
    </message>
    <message>
        <source>%1 (*.%2)</source>
        <translation>%1 files (*.%2)</translation>
    </message>
    <message>
        <source>Masuk dahulu sebagai supervisor untuk mengekspor.</source>
        <translation>Log in as a supervisor first to export.</translation>
    </message>
    <message>
        <source>Mengekspor…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>%1 baris diekspor ke %2.</source>
        <translation>%1 rows exported to %2.</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Perpanjang akun</source>
        <translation>Extend account</translation>
    </message>
    <message>
        <source>Perpanjang</source>
        <translation>Extend</translation>
    </message>
    <message>
        <source>Akun %1 tidak punya tanggal berakhir.</source>
        <translation>Account %1 has no end date.</translation>
    </message>
    <message>
        <source>Akun %1 berakhir pada %2 dan tidak dapat dipakai lagi.</source>
        <translation>Account %1 ended on %2 and can no longer be used.</translation>
    </message>
    <message>
        <source>Akun %1 berlaku sampai %2.</source>
        <translation>Account %1 is valid until %2.</translation>
    </message>
    <message>
        <source>Pilih hari terakhir tugasnya.</source>
        <translation>Choose their last day on duty.</translation>
    </message>
    <message>
        <source>Berlaku sampai</source>
        <translation>Valid until</translation>
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
    <name>InvitationsTab</name>
    <message>
        <source>Semua RW</source>
        <translation>All RWs</translation>
    </message>
    <message>
        <source> orang/hari</source>
        <translation> people/day</translation>
    </message>
    <message>
        <source>Paling banyak sekian warga diundang untuk satu hari</source>
        <translation>At most this many residents are invited for one day</translation>
    </message>
    <message>
        <source>Jadwalkan</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>Hari pertama</source>
        <translation>First day</translation>
    </message>
    <message>
        <source>Batas per hari</source>
        <translation>Daily limit</translation>
    </message>
    <message>
        <source>Hari pengambilan</source>
        <translation>Collection day</translation>
    </message>
    <message>
        <source>Pilihan ini</source>
        <translation>This selection</translation>
    </message>
    <message>
        <source>Seluruh kantor</source>
        <translation>Whole office</translation>
    </message>
    <message>
        <source>Sisa tempat</source>
        <translation>Places left</translation>
    </message>
    <message>
        <source>Cetak surat…</source>
        <translation>Print letters…</translation>
    </message>
    <message>
        <source>Simpan surat PDF…</source>
        <translation>Save letters as PDF…</translation>
    </message>
    <message>
        <source>Cetak daftar RT/RW…</source>
        <translation>Print RT/RW lists…</translation>
    </message>
    <message>
        <source>Simpan daftar PDF…</source>
        <translation>Save lists as PDF…</translation>
    </message>
    <message>
        <source>Hari libur (dilewati): %1. Sabtu dan Minggu juga dilewati.</source>
        <translation>Holidays (skipped): %1. Saturdays and Sundays are skipped too.</translation>
    </message>
    <message>
        <source>Belum ada hari libur di pengaturan loket; hanya Sabtu dan Minggu yang dilewati.</source>
        <translation>No holidays in the counter settings yet; only Saturdays and Sundays are skipped.</translation>
    </message>
    <message>
        <source>RW %1</source>
        <translation>RW %1</translation>
    </message>
    <message>
        <source>Kelurahan %1</source>
        <translation>Kelurahan %1</translation>
    </message>
    <message>
        <source>%1 RW %2</source>
        <translation>%1 RW %2</translation>
    </message>
    <message>
        <source>%1: %2 kartu siap belum punya hari pengambilan, %3 sudah diundang.</source>
        <translation>%1: %2 ready cards have no collection day yet, %3 already invited.</translation>
    </message>
    <message>
        <source>penuh</source>
        <translation>full</translation>
    </message>
    <message>
        <source>Menjadwalkan…</source>
        <translation>Scheduling…</translation>
    </message>
    <message>
        <source>%1 kartu diundang pada %2 (%3).</source>
        <translation>%1 cards invited for %2 (%3).</translation>
    </message>
    <message>
        <source>%1 kartu diundang pada %2 hari kerja, %3 sampai %4 (%5).</source>
        <translation>%1 cards invited over %2 working days, %3 to %4 (%5).</translation>
    </message>
</context>
<context>
    <name>KelurahanChart</name>
    <message>
        <source>Kec. %1: %2 · %3</source>
        <translation>Kec. %1: %2 · %3</translation>
    </message>
    <message>
        <source>% diterima dari terekam</source>
        <translation>% received of recorded</translation>
    </message>
    <message>
        <source>% diserahkan dari diterima</source>
        <translation>% handed over of received</translation>
    </message>
    <message>
        <source>angka di kanan: % diterima · % diserahkan</source>
        <translation>figures on the right: % received · % handed over</translation>
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
        <source>Cadangan terakhir: %1</source>
        <translation>Last backup: %1</translation>
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
        <source>Meja supervisor</source>
        <translation>Supervisor desk</translation>
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
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Pencadangan gagal · %1</source>
        <translation>Backup failed · %1</translation>
    </message>
    <message>
        <source>Sambungkan disk cadangan atau periksa folder cadangan di Pengaturan.</source>
        <translation>Connect the backup disk or check the backup folder in Settings.</translation>
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
    <name>OldKtpFields</name>
    <message>
        <source>4 digit terakhir NIK pada kartu</source>
        <translation>Last 4 digits of the NIK on the card</translation>
    </message>
    <message>
        <source>Nomor surat kehilangan dari kepolisian</source>
        <translation>Number of the police loss report</translation>
    </message>
    <message>
        <source>KTP lama</source>
        <translation>Old KTP</translation>
    </message>
    <message>
        <source>Surat kehilangan</source>
        <translation>Loss report</translation>
    </message>
    <message>
        <source>Empat digit tidak cocok dengan NIK penduduk ini: periksa kartu yang dibawa</source>
        <translation>The four digits do not match this resident&apos;s NIK: check the card you brought</translation>
    </message>
    <message>
        <source>Tulis nomor surat kehilangan dari kepolisian</source>
        <translation>Write the number of the police loss report</translation>
    </message>
</context>
<context>
    <name>PaperOutput</name>
    <message>
        <source>Tidak disimpan.</source>
        <translation>Not saved.</translation>
    </message>
    <message>
        <source>Cetak — %1</source>
        <translation>Print — %1</translation>
    </message>
    <message>
        <source>Tidak dicetak.</source>
        <translation>Not printed.</translation>
    </message>
    <message>
        <source>Menyiapkan…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>Mencetak…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Simpan %1</source>
        <translation>Save %1</translation>
    </message>
</context>
<context>
    <name>ProgressTab</name>
    <message>
        <source>Wajib KTP terekam</source>
        <translation>Residents recorded</translation>
    </message>
    <message>
        <source>KTP-el diterima</source>
        <translation>e-KTPs received</translation>
    </message>
    <message>
        <source>Sudah diserahkan</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Menunggu di loket</source>
        <translation>Waiting at the counter</translation>
    </message>
    <message>
        <source>Perbarui</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Cetak laporan…</source>
        <translation>Print report…</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Grafik per kelurahan</source>
        <translation>Chart by kelurahan</translation>
    </message>
    <message>
        <source>Tabel per wilayah</source>
        <translation>Table by area</translation>
    </message>
    <message>
        <source>Wilayah</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Terekam</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>% terima</source>
        <translation>% received</translation>
    </message>
    <message>
        <source>Diserahkan</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>% serah</source>
        <translation>% handed over</translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>sudah merekam data</source>
        <translation>have recorded their data</translation>
    </message>
    <message>
        <source>%1 dari terekam</source>
        <translation>%1 of recorded</translation>
    </message>
    <message>
        <source>%1 dari diterima</source>
        <translation>%1 of received</translation>
    </message>
    <message>
        <source>lainnya %1</source>
        <translation>other: %1</translation>
    </message>
    <message>
        <source>%1 (%2, s.d. %3)</source>
        <translation>%1 (%2, up to %3)</translation>
    </message>
    <message>
        <source>Keadaan per %1 · data dari: %2</source>
        <translation>As of %1 · data from: %2</translation>
    </message>
    <message>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Serah terima per hari, %1 s.d. %2: %3 diserahkan, %4 dibatalkan</source>
        <translation>Handovers per day, %1 to %2: %3 handed over, %4 voided</translation>
    </message>
    <message>
        <source>Kec. %1</source>
        <translation>Kec. %1</translation>
    </message>
    <message>
        <source>Kartu tanpa data register</source>
        <translation>Cards without register data</translation>
    </message>
</context>
<context>
    <name>ProofPrinter</name>
    <message>
        <source>Bukti %1</source>
        <translation>Proof %1</translation>
    </message>
    <message>
        <source>Belum ada printer. Pilih printer di Pengaturan.</source>
        <translation>No printer yet. Choose a printer in Settings.</translation>
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
    <name>RecordingDialog</name>
    <message>
        <source>Pendaftaran perekaman KTP-el</source>
        <translation>e-KTP recording registration</translation>
    </message>
    <message>
        <source>16 digit, dari Kartu Keluarga</source>
        <translation>16 digits, from the family card (KK)</translation>
    </message>
    <message>
        <source>Nama lengkap seperti pada KK</source>
        <translation>Full name as on the KK</translation>
    </message>
    <message>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>L · Laki-laki</source>
        <translation>L · Male</translation>
    </message>
    <message>
        <source>P · Perempuan</source>
        <translation>P · Female</translation>
    </message>
    <message>
        <source>HH-BB-TTTT, misalnya 12-03-2009</source>
        <translation>DD-MM-YYYY, e.g. 12-03-2009</translation>
    </message>
    <message>
        <source>Sudah atau pernah menikah (wajib KTP sebelum 17 tahun)</source>
        <translation>Married now or before (needs a KTP before 17)</translation>
    </message>
    <message>
        <source>Jalan, nomor rumah, dusun</source>
        <translation>Street, house number, dusun</translation>
    </message>
    <message>
        <source>— pilih kelurahan —</source>
        <translation>— choose kelurahan —</translation>
    </message>
    <message>
        <source>Kabupaten/kota asal, misalnya Kabupaten Sidoarjo</source>
        <translation>Regency or city moved from, e.g. Kabupaten Sidoarjo</translation>
    </message>
    <message>
        <source>Nomor Surat Keterangan Pindah WNI</source>
        <translation>Number of the moving certificate (SKPWNI)</translation>
    </message>
    <message>
        <source>Jenis permohonan</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Asal pindah</source>
        <translation>Moved from</translation>
    </message>
    <message>
        <source>No. SKPWNI</source>
        <translation>SKPWNI no.</translation>
    </message>
    <message>
        <source>Daftarkan pemohon untuk perekaman data (foto, sidik jari, iris mata, tanda tangan). Pemohon menerima bukti pendaftaran bernomor.</source>
        <translation>Register the applicant for data recording (photo, fingerprints, iris, signature). The applicant receives a numbered proof of registration.</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>RegisterTab</name>
    <message>
        <source>Cetak register…</source>
        <translation>Print register…</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>No. tanda terima</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>Rekonsiliasi laci kartu</source>
        <translation>Card drawer reconciliation</translation>
    </message>
    <message>
        <source>Wajib bila hasil hitung berbeda</source>
        <translation>Required if the count differs</translation>
    </message>
    <message>
        <source>Catat hasil hitung</source>
        <translation>Record the count</translation>
    </message>
    <message>
        <source>Di laci pada awal hari</source>
        <translation>In the drawer at start of day</translation>
    </message>
    <message>
        <source>Kartu masuk hari ini</source>
        <translation>Cards received today</translation>
    </message>
    <message>
        <source>Diserahkan hari ini</source>
        <translation>Handed over today</translation>
    </message>
    <message>
        <source>Dikembalikan ke Dinas</source>
        <translation>Returned to the Dinas</translation>
    </message>
    <message>
        <source>Seharusnya ada di laci</source>
        <translation>Should be in the drawer</translation>
    </message>
    <message>
        <source>Hasil hitung fisik</source>
        <translation>Physical count</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Diserahkan %1 · dibatalkan %2 · dikoreksi %3 · kunjungan rumah %4</source>
        <translation>Handed over %1 · voided %2 · corrected %3 · home visits %4</translation>
    </message>
    <message>
        <source>Dibatalkan</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>Dikoreksi</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <source>Kunjungan rumah</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>Diserahkan</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Awal hari %1 · masuk +%2 · diserahkan −%3 · dikembalikan −%4
Seharusnya ada di laci: %5</source>
        <translation>Start of day %1 · received +%2 · handed over −%3 · returned −%4
Should be in the drawer: %5</translation>
    </message>
    <message>
        <source>Belum dicatat untuk hari ini.</source>
        <translation>Not yet recorded for this day.</translation>
    </message>
    <message>
        <source>Tercatat %1 oleh %2: dihitung %3, selisih %4. %5</source>
        <translation>Recorded at %1 by %2: counted %3, difference %4. %5</translation>
    </message>
    <message>
        <source>Hasil hitung dicatat dengan selisih %1; selisih tercetak di register.</source>
        <translation>Count recorded with a difference of %1; the difference is printed on the register.</translation>
    </message>
    <message>
        <source>Hasil hitung dicatat: cocok dengan yang seharusnya.</source>
        <translation>Count recorded: it matches what should be there.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Lapor peristiwa</source>
        <translation>Report an event</translation>
    </message>
    <message>
        <source>16 digit</source>
        <translation>16 digits</translation>
    </message>
    <message>
        <source>(nama diambil dari register saat disimpan)</source>
        <translation>(name taken from the register when saved)</translation>
    </message>
    <message>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>HH-BB-TTTT (boleh kosong)</source>
        <translation>DD-MM-YYYY (optional)</translation>
    </message>
    <message>
        <source>Nama orang yang melapor</source>
        <translation>Name of the person reporting</translation>
    </message>
    <message>
        <source>Pilih atau ketik</source>
        <translation>Choose or type</translation>
    </message>
    <message>
        <source>Boleh kosong</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Jenis laporan</source>
        <translation>Report type</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Yang salah</source>
        <translation>What is wrong</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>No. dokumen</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>Pelapor</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>Hubungan</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>Catat laporan kematian, pindah keluar kota, atau kesalahan pada kartu. Kartu penduduk ditahan bila perlu; pelapor menerima bukti laporan.</source>
        <translation>Record a report of a death, a move out of the city or an error on a card. The resident&apos;s card is withheld if needed; the person reporting receives a proof of report.</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Wajib diisi</source>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>Semua jenis</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>No. laporan</source>
        <translation>Report no.</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Pelapor</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>No. dokumen</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Kartu</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>ditahan (meninggal)</source>
        <translation>withheld (deceased)</translation>
    </message>
    <message>
        <source>ditahan untuk cetak ulang</source>
        <translation>withheld for reprinting</translation>
    </message>
    <message>
        <source>pemilik pindah, tidak diserahkan</source>
        <translation>holder moved away, not handed over</translation>
    </message>
    <message>
        <source>sudah diserahkan sebelumnya</source>
        <translation>already handed over</translation>
    </message>
    <message>
        <source>tidak berubah</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>belum ada kartu</source>
        <translation>no card yet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 laporan · kematian %2 · pindah keluar %3 · kesalahan data %4</source>
        <translation>%1 reports · deaths %2 · moved out %3 · data errors %4</translation>
    </message>
    <message>
        <source>Tidak ada laporan untuk pilihan ini.</source>
        <translation>No reports for this selection.</translation>
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
    <name>RequestsTab</name>
    <message>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Cetak daftar…</source>
        <translation>Print list…</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Ekspor…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No. pendaftaran</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
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
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>Catatan (wajib bila permohonan dikembalikan ke status sebelumnya)</source>
        <translation>Note (required when a request goes back to an earlier status)</translation>
    </message>
    <message>
        <source>Tandai sudah direkam</source>
        <translation>Mark as recorded</translation>
    </message>
    <message>
        <source>Tandai dikirim ke pusat</source>
        <translation>Mark as sent to the centre</translation>
    </message>
    <message>
        <source>Kembalikan ke menunggu</source>
        <translation>Back to waiting</translation>
    </message>
    <message>
        <source>Yang dipilih:</source>
        <translation>Selected:</translation>
    </message>
    <message>
        <source>%1 permohonan · menunggu %2 · sudah direkam %3 · dikirim %4</source>
        <translation>%1 requests · waiting %2 · recorded %3 · sent %4</translation>
    </message>
    <message>
        <source>Tidak ada permohonan untuk pilihan ini.</source>
        <translation>No requests for this selection.</translation>
    </message>
    <message>
        <source>Pilih dahulu permohonan di tabel.</source>
        <translation>Choose requests in the table first.</translation>
    </message>
    <message>
        <source>%1 permohonan diubah statusnya.</source>
        <translation>Status changed for %1 requests.</translation>
    </message>
    <message>
        <source>Ditolak: %1</source>
        <translation>Refused: %1</translation>
    </message>
    <message>
        <source>Simpan ekspor</source>
        <translation>Save export</translation>
    </message>
    <message>
        <source>XLSX (*.xlsx);;CSV (*.csv)</source>
        <translation>XLSX files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Mengekspor…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>%1 baris diekspor ke %2.</source>
        <translation>%1 rows exported to %2.</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Atur ulang kata sandi</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Simpan kata sandi</source>
        <translation>Save password</translation>
    </message>
    <message>
        <source>Kata sandi baru untuk %1. Sampaikan langsung kepada orangnya. Akun yang terkunci karena salah kata sandi terbuka lagi.</source>
        <translation>New password for %1. Give it to the person directly. An account locked after wrong passwords is unlocked again.</translation>
    </message>
    <message>
        <source>Kata sandi baru</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <source>… dan %1 isian lain yang perlu dilengkapi.</source>
        <translation>… and %1 more fields to complete.</translation>
    </message>
    <message>
        <source>Periksa lagi; bila sudah benar, tekan Simpan sekali lagi.</source>
        <translation>Check again; if it is right, press Save once more.</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
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
        <source>TTTT-BB-HH, dipisah koma</source>
        <translation>YYYY-MM-DD, separated by commas</translation>
    </message>
    <message>
        <source> orang per hari</source>
        <translation> people per day</translation>
    </message>
    <message>
        <source>kosong: folder backups di folder data</source>
        <translation>empty: the backups folder in the data folder</translation>
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
        <source>Hari libur kantor</source>
        <translation>Office holidays</translation>
    </message>
    <message>
        <source>Batas undangan</source>
        <translation>Invitation limit</translation>
    </message>
    <message>
        <source>Folder cadangan (disk USB atau folder bersama)</source>
        <translation>Backup folder (USB disk or shared folder)</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>SupervisorDesk</name>
    <message>
        <source>Meja supervisor</source>
        <translation>Supervisor desk</translation>
    </message>
    <message>
        <source>Kembali ke loket (Esc)</source>
        <translation>Back to the counter (Esc)</translation>
    </message>
    <message>
        <source>Register harian</source>
        <translation>Daily register</translation>
    </message>
    <message>
        <source>Kemajuan</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Belum diambil</source>
        <translation>Uncollected</translation>
    </message>
    <message>
        <source>Undangan</source>
        <translation>Invitations</translation>
    </message>
    <message>
        <source>Perekaman</source>
        <translation>Recording requests</translation>
    </message>
    <message>
        <source>Laporan peristiwa</source>
        <translation>Event reports</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Akun petugas</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <source>Log audit</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>UncollectedTab</name>
    <message>
        <source>Semua kelurahan</source>
        <translation>All kelurahan</translation>
    </message>
    <message>
        <source>Semua RW</source>
        <translation>All RWs</translation>
    </message>
    <message>
        <source> hari</source>
        <translation> days</translation>
    </message>
    <message>
        <source>≥ </source>
        <translation>≥ </translation>
    </message>
    <message>
        <source>Hanya kartu yang menunggu sekurang-kurangnya sekian hari</source>
        <translation>Only cards waiting at least this many days</translation>
    </message>
    <message>
        <source>Cetak daftar…</source>
        <translation>Print list…</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>RW %1</source>
        <translation>RW %1</translation>
    </message>
    <message>
        <source>%1 kartu belum diambil di %2 RW (keadaan %3).</source>
        <translation>%1 uncollected cards in %2 RWs (as of %3).</translation>
    </message>
    <message>
        <source>Tidak ada kartu yang belum diambil untuk pilihan ini.</source>
        <translation>No uncollected cards for this selection.</translation>
    </message>
</context>
<context>
    <name>_DayTab</name>
    <message>
        <source>Semua hari</source>
        <translation>All days</translation>
    </message>
</context>
</TS>
