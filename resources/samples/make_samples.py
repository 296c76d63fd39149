"""Write the synthetic sample files in this folder. Deterministic: run it again and the
files come out byte for byte the same (for the installed Faker version).

    .venv/bin/python resources/samples/make_samples.py

Every person here is invented (Faker `id_ID` names, random dates and serials); none is a
real resident. The files import cleanly into a fresh store made with
`loket-admin init --site MGS`, except `register-rusak.csv`, which shows every kind of
error the register importer reports. See docs/formats.md.
"""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

from faker import Faker

from desktop.core.nik import Sex, make_nik
from desktop.store.schema import CARD_COLUMNS, REGISTER_COLUMNS

SEED = 20120910
FOLDER = Path(__file__).resolve().parent
BATCH_DATE = date(2012, 8, 31)  # printed; the batch arrives 2012-09-10
FIXED_TIME = (2012, 9, 10, 8, 0, 0)  # stamped into the XLSX so its bytes never change

PRAJURIT_KULON = [f"35.76.01.{n}" for n in range(1001, 1009)]
MAGERSARI = [f"35.76.02.{n}" for n in range(1001, 1011)]
# Where residents who moved in were first registered: their NIK keeps that prefix.
OTHER_PREFIXES = ("35.16.05", "35.15.03", "35.17.08")
BIRTH_PLACES = ("Mojokerto", "Mojokerto", "Mojokerto", "Surabaya", "Jombang", "Sidoarjo",
                "Kediri", "Gresik")  # fmt: skip


class People:
    """Invented residents, one random stream, no NIK twice."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("id_ID")
        self.fake.seed_instance(seed)
        self.used: set[str] = set()

    def name(self, sex: Sex) -> str:
        if sex is Sex.MALE:
            first, last = self.fake.first_name_male(), self.fake.last_name_male()
        else:
            first, last = self.fake.first_name_female(), self.fake.last_name_female()
        return first if self.rng.random() < 0.2 else f"{first} {last}"

    def nik(self, region: str, birth: date, sex: Sex) -> str:
        while True:
            nik = make_nik(region, birth, sex, self.rng.randint(1, 9999))
            if nik not in self.used:
                self.used.add(nik)
                return nik

    def resident(self, kelurahan: str, *, nik_region: str | None = None) -> dict:
        rng = self.rng
        sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(20_000))  # up to 1994
        alamat = f"{self.fake.street_name()} No. {rng.randint(1, 150)}"
        if rng.random() < 0.2:
            alamat += f", Blok {rng.choice('ABCD')}{rng.randint(1, 9)}"  # CSV must quote it
        return {
            "nik": self.nik(nik_region or kelurahan[:8], birth, sex),
            "nama": self.name(sex),
            "jenis_kelamin": sex.value,
            "tempat_lahir": rng.choice(BIRTH_PLACES),
            "tanggal_lahir": birth,
            "alamat": alamat,
            "rt": rng.randint(1, 8),
            "rw": rng.randint(1, 6),
            "kode_kelurahan": kelurahan,
            "tanggal_rekam": date(2011, 9, 1) + timedelta(days=rng.randrange(300)),
        }

    def residents(self, count: int, *, moved_in: int = 0) -> list[dict]:
        """`count` residents spread over both kecamatan; `moved_in` of them carry a NIK
        first issued elsewhere (another regency, or the other kecamatan of the city)."""
        people = []
        for i in range(count):
            codes = MAGERSARI if i % 2 else PRAJURIT_KULON
            kelurahan = self.rng.choice(codes)
            region = None
            if i < moved_in:  # the last choice: the other kecamatan of the city
                other = "35.76.01" if kelurahan.startswith("35.76.02") else "35.76.02"
                region = (*OTHER_PREFIXES, other)[i % 4]
            people.append(self.resident(kelurahan, nik_region=region))
        return people


def canonical(person: dict) -> dict:
    """The register row written the plain way: ISO dates, 3-digit RT/RW, dotted codes."""
    return {
        **person,
        "tanggal_lahir": person["tanggal_lahir"].isoformat(),
        "tanggal_rekam": person["tanggal_rekam"].isoformat(),
        "rt": f"{person['rt']:03d}",
        "rw": f"{person['rw']:03d}",
    }


def write_csv(path: Path, header: list[str], rows: list[list], *, delimiter: str = ",",
              bom: bool = False) -> None:  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))


def register_csv(people: list[dict]) -> None:
    rows = [[canonical(p)[c] for c in REGISTER_COLUMNS] for p in people]
    write_csv(FOLDER / "register.csv", list(REGISTER_COLUMNS), rows)


def register_semicolon(people: list[dict]) -> None:
    """What a spreadsheet set to Indonesian saves: semicolons, a BOM, DD/MM/YYYY dates.
    The headers are upper case with spaces, RT/RW lack leading zeros, codes are 10
    digits, and one extra column is there: all of it accepted."""
    header = [c.upper().replace("_", " ") for c in REGISTER_COLUMNS] + ["KETERANGAN"]
    rows = []
    for p in people:
        rows.append(
            [
                p["nik"],
                p["nama"],
                p["jenis_kelamin"],
                p["tempat_lahir"],
                f"{p['tanggal_lahir']:%d/%m/%Y}",
                p["alamat"],
                str(p["rt"]),
                str(p["rw"]),
                p["kode_kelurahan"].replace(".", ""),
                f"{p['tanggal_rekam']:%d/%m/%Y}",
                "",
            ]
        )
    write_csv(FOLDER / "register-titikkoma.csv", header, rows, delimiter=";", bom=True)


def register_xlsx(people: list[dict]) -> None:
    """First sheet, first row = header; NIK cells are text, dates are real date cells."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Register"
    sheet.append(list(REGISTER_COLUMNS))
    for p in people:
        sheet.append([p[c] for c in REGISTER_COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        row[0].number_format = "@"  # NIK: Text, never a number
        row[4].number_format = row[9].number_format = "DD-MM-YYYY"
    for column, width in zip("ABCDEFGHIJ", (20, 28, 14, 14, 14, 34, 6, 6, 16, 14), strict=True):
        sheet.column_dimensions[column].width = width
    workbook.properties.creator = "make_samples.py"
    workbook.properties.created = datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    workbook.save(buffer)
    (FOLDER / "register.xlsx").write_bytes(_fixed_zip(buffer.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite an XLSX with fixed timestamps, so the same input gives the same bytes."""
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*FIXED_TIME)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    content,
                )
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, content)
    return out.getvalue()


def card_manifest(people: list[dict], source: People) -> None:
    """Cards for most of the register, printed with upper-case names as the centre does,
    plus two misrouted cards: one whose NIK is in no register here, and one addressed to
    a kelurahan outside Kota Mojokerto."""
    rng = source.rng
    chosen = [p for p in people if rng.random() < 0.88]
    rows = [[p["nik"], p["nama"].upper(), p["kode_kelurahan"], BATCH_DATE.isoformat()]
            for p in chosen]  # fmt: skip
    stranger = source.resident(rng.choice(MAGERSARI), nik_region="35.15.03")
    rows.append([stranger["nik"], stranger["nama"].upper(), stranger["kode_kelurahan"],
                 BATCH_DATE.isoformat()])  # fmt: skip
    elsewhere = source.resident("35.76.01.1001", nik_region="35.16.05")
    rows.append([elsewhere["nik"], elsewhere["nama"].upper(), "35.16.05.2003",
                 BATCH_DATE.isoformat()])  # fmt: skip
    rng.shuffle(rows)  # manifests come in print order, not in shelf order
    write_csv(FOLDER / "kartu-B20120910.csv", list(CARD_COLUMNS), rows)


def broken_register(source: People) -> None:
    """One mistake per row (rows 3-14), so each problem is easy to find; rows 2, 10 and
    15 are good but are not stored either, because the file is refused as a whole."""
    people = [canonical(source.resident(source.rng.choice(MAGERSARI + PRAJURIT_KULON)))
              for _ in range(14)]  # fmt: skip
    p = people

    def nik_with(person: dict, start: int, digits: str) -> str:
        nik = person["nik"]
        return nik[:start] + digits + nik[start + len(digits) :]

    p[1]["nik"] = "3.57601E+15"  # row 3: a spreadsheet turned the NIK into a number
    p[2]["nik"] = p[2]["nik"][:15]  # row 4: 15 digits
    p[3]["nik"] = nik_with(p[3], 8, "13")  # row 5: birth month 13
    p[4]["nik"] = nik_with(p[4], 12, "0000")  # row 6: serial 0000
    p[5]["kode_kelurahan"] = "35.76.02.1099"  # row 7: no such kelurahan
    p[6]["kode_kelurahan"] = "3576020"  # row 8: a BPS code (kecamatan Magersari)
    p[7]["tanggal_lahir"] = "31-02-1985"  # row 9: no 31 February
    p[9]["nik"] = p[8]["nik"]  # row 11: the NIK of row 10 again
    p[10]["nama"] = ""  # row 12: name missing
    p[11]["jenis_kelamin"] = "X"  # row 13
    p[12]["rt"] = "abc"  # row 14
    # p[0] (row 2), p[8] (row 10) and p[13] (row 15) are good.
    rows = [[person[c] for c in REGISTER_COLUMNS] for person in people[:14]]
    write_csv(FOLDER / "register-rusak.csv", list(REGISTER_COLUMNS), rows)


def main() -> None:
    source = People(SEED)
    main_register = source.residents(30, moved_in=5)
    register_csv(main_register)
    register_semicolon(source.residents(6, moved_in=1))
    register_xlsx(source.residents(6, moved_in=1))
    card_manifest(main_register, source)
    broken_register(source)
    for path in sorted(FOLDER.iterdir()):
        if path.suffix in (".csv", ".xlsx"):
            print(f"ditulis: {path.name}")


if __name__ == "__main__":
    main()
