"""The import benchmark's files, from the bench's fake data (bench/fake.py, bench/names.py).

`customer_file`: 100,000 customers as a customer list exported from another program would hold
them: one row per customer with its first person (a private person's own name), then one row
per further contact sharing the customer's key (its number, else the firm's name and postal
code): 150,000 persons, 60 % of the customers with a number, 30 tags. `update_file`: 10,000
of these rows again, each with a changed city and phone number.

bench.fake uses the app's models, so this runs in a configured Django process (import_phase.py).
"""

import csv
import random
from pathlib import Path

from bench import names
from bench.fake import Fake, slug

HEADINGS = [
    "Kundennummer",
    "Firma",
    "Kurzname",
    "Anrede",
    "Titel",
    "Vorname",
    "Nachname",
    "Straße",
    "PLZ",
    "Ort",
    "Land",
    "Telefon",
    "Mobil",
    "E-Mail",
    "Website",
    "Status",
    "Tags",
]
FIRST_NUMBER = 10000
NUMBERED_SHARE = 0.6
PRIVATE_SHARE = 0.2
EXTRA_PERSON_SHARE = 0.5  # extra contact rows per customer: 50,000 for 100,000
# A firm has another contact with this chance, again and again: 0.67 on average, a little more
# than the 0.5 per customer wanted (private persons have none); the last ones are cut off.
EXTRA_ROW_CHANCE = 0.4
_ANREDE = {"ms": "Frau", "mr": "Herr"}
_COUNTRY = {"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz"}


class _Rows:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Fake(self.rng)
        self.keys: set[tuple[str, str]] = set()
        self.tags = [name for name, _weight in names.TAGS]
        self.tag_weights = [weight for _name, weight in names.TAGS]

    def customer(self, index: int, number: int | None) -> list[dict]:
        private = self.rng.random() < PRIVATE_SHARE
        fields, area = self.fake.customer_fields(private)
        key = (fields.get("company_name") or fields["short_name"], fields["postal_code"])
        if key in self.keys:  # one customer per name and postal code, as the import keys them
            fields["short_name"] += f" {index}"
            if fields.get("company_name"):
                fields["company_name"] = f"{fields['company_name']} {index}"
        self.keys.add((fields.get("company_name") or fields["short_name"], fields["postal_code"]))
        row = {
            "Kundennummer": str(number) if number else "",
            "Firma": fields.get("company_name", ""),
            "Kurzname": fields["short_name"],
            "Straße": fields["street"],
            "PLZ": fields["postal_code"],
            "Ort": fields["city"],
            "Land": _COUNTRY.get(fields["country"], fields["country"]),
            "Telefon": fields.get("phone", ""),
            "Mobil": fields.get("mobile", ""),
            "E-Mail": fields.get("email", ""),
            "Website": fields.get("website", ""),
            "Status": "Kunde" if number else "Interessent",
            "Tags": self._tags(),
        }
        if private:
            row.update(self._person(fields))
            return [row]
        domain = f"{slug(fields['short_name'])}.{fields['country'].lower()}"
        row.update(self._person(self.fake.person_fields(domain, fields["country"], area)))
        rows = [row]
        while self.rng.random() < EXTRA_ROW_CHANCE:
            contact = self.fake.person_fields(domain, fields["country"], area)
            extra = {"Kundennummer": row["Kundennummer"], "PLZ": row["PLZ"]}
            if not number:
                extra["Firma"] = row["Firma"]
            extra.update(self._person(contact))
            rows.append(extra)
        return rows

    def _person(self, fields: dict) -> dict:
        return {
            "Anrede": _ANREDE.get(fields.get("salutation", ""), ""),
            "Titel": fields.get("title", ""),
            "Vorname": fields.get("first_name", ""),
            "Nachname": fields.get("last_name", ""),
        }

    def _tags(self) -> str:
        count = self.rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]
        chosen = dict.fromkeys(self.rng.choices(self.tags, weights=self.tag_weights, k=count))
        return ", ".join(chosen)


def _write(path: Path, rows) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as target:
        writer = csv.DictWriter(target, HEADINGS, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def customer_file(path: Path, *, customers: int, seed: int) -> dict:
    """Write the file; returns its counts (customers, persons = rows, data rows)."""
    source = _Rows(seed)
    numbered = set(source.rng.sample(range(customers), round(customers * NUMBERED_SHARE)))
    extra_wanted = round(customers * EXTRA_PERSON_SHARE)
    extra, number = 0, FIRST_NUMBER

    def rows():
        nonlocal extra, number
        for index in range(customers):
            given = number if index in numbered else None
            number += index in numbered
            group = source.customer(index, given)
            group = group[: 1 + max(0, extra_wanted - extra)]
            extra += len(group) - 1
            yield from group

    count = _write(path, rows())
    return {"customers": customers, "rows": count, "persons": count}


def update_file(source: Path, path: Path, *, rows: int, seed: int) -> int:
    """`rows` customer rows of `source` (numbered ones, matched by their number), each with a
    new city and phone number."""
    rng = random.Random(seed + 1)
    chosen = []
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if row["Kundennummer"] and row["Kurzname"]:
                row["Ort"] = f"{row['Ort']} (neu)"
                row["Telefon"] = f"030 {rng.randrange(1000000, 9999999)}"
                chosen.append(row)
                if len(chosen) == rows:
                    break
    return _write(path, chosen)
