"""Realistic German customer and person records, drawn from bench.names by a seeded generator."""

import random
import unicodedata

from bench import names
from kundenakte.customers.models import Customer, Salutation
from kundenakte.customers.naming import suggest_short_name

# Zipf-like: "Müller" is far more common than "Quast", as in a real customer base.
SURNAME_WEIGHTS = [1 / (rank + 1) ** 0.8 for rank in range(len(names.SURNAMES))]
PLACE_WEIGHTS = [place[4] for place in names.PLACES]
LEGAL_FORMS, LEGAL_FORM_WEIGHTS = zip(*names.LEGAL_FORMS, strict=True)
# German umlauts are spelled out in addresses; other accents are dropped (ş → s, ı → i).
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})


def slug(text: str) -> str:
    """The e-mail/web form of a name: "Bäckerei Groß" → "baeckerei-gross", "Aydın" → "aydin"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_SPELLED_OUT))
    plain = (ch for ch in decomposed if not unicodedata.combining(ch))
    kept = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in plain)
    return "-".join(part for part in kept.split("-") if part)[:40] or "firma"


class Fake:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def phone(self, country: str, area: str) -> str:
        number = f"{self.rng.randrange(10000, 9999999)}"
        if country != "DE" or self.rng.random() < 0.25:
            return f"+{names.COUNTRY_CODES[country]} {area} {number}"
        return self.rng.choice((f"0{area} {number}", f"0{area}/{number}", f"(0{area}) {number}"))

    def mobile(self) -> str:
        prefix = self.rng.choice(("151", "152", "160", "170", "171", "176", "177"))
        number = f"{self.rng.randrange(1000000, 99999999)}"
        return f"0{prefix} {number}" if self.rng.random() < 0.7 else f"+49 {prefix} {number}"

    def surname(self) -> str:
        return self.rng.choices(names.SURNAMES, weights=SURNAME_WEIGHTS)[0]

    def given_name(self) -> tuple[str, str]:
        """(salutation, first name)"""
        if self.rng.random() < 0.5:
            return Salutation.MS, self.rng.choice(names.FEMALE_FIRST_NAMES)
        return Salutation.MR, self.rng.choice(names.MALE_FIRST_NAMES)

    def company_name(self) -> str:
        rng = self.rng
        legal = rng.choices(LEGAL_FORMS, weights=LEGAL_FORM_WEIGHTS)[0]
        roll = rng.random()
        if roll < 0.03:
            base = rng.choice(names.SYMBOL_NAMES)
        elif roll < 0.35:
            base = f"{rng.choice(names.TRADES_BEFORE_NAME)} {self.surname()}"
        elif roll < 0.70:
            base = f"{self.surname()} {rng.choice(names.TRADES_AFTER_NAME)}"
        elif roll < 0.82:
            base = f"{self.surname()} & {self.surname()}"
        elif roll < 0.90:
            base = self.surname()
        else:
            base = f"{rng.choice(names.BRANDS)} {rng.choice(names.TRADES_AFTER_NAME)}"
        return f"{base} {legal}".strip()

    def address(self) -> tuple[dict, str]:
        """The address fields and the phone area code of the place."""
        postal, city, country, area, _weight = self.rng.choices(names.PLACES, PLACE_WEIGHTS)[0]
        if country == "DE":
            postal = f"{int(postal) + self.rng.randrange(0, 30):05d}"
        house = f"{self.rng.randrange(1, 180)}{self.rng.choice(('', '', '', 'a', 'b'))}"
        street = f"{self.rng.choice(names.STREETS)} {house}"
        return {"street": street, "postal_code": postal, "city": city, "country": country}, area

    def customer_fields(self, private: bool) -> tuple[dict, str]:
        """The fields of a customer, and its phone area code for its contacts."""
        address, area = self.address()
        fields = dict(address, phone=self.phone(address["country"], area))
        if private:
            fields.update(self._private_person())
            return fields, area
        company = self.company_name()
        short = suggest_short_name(company_name=company)
        domain = f"{slug(short)}.{address['country'].lower()}"
        fields.update(kind=Customer.Kind.COMPANY, company_name=company, short_name=short)
        fields["email"] = f"{self.rng.choice(names.COMPANY_MAILBOXES)}@{domain}"
        if self.rng.random() < 0.5:
            fields["website"] = f"https://www.{domain}"
        return fields, area

    def _private_person(self) -> dict:
        salutation, first = self.given_name()
        return self.private_person(salutation, first, self.surname())

    def private_person(self, salutation: str, first: str, last: str) -> dict:
        fields = {
            "kind": Customer.Kind.PERSON,
            "salutation": salutation,
            "first_name": first,
            "last_name": last,
            "short_name": suggest_short_name(first_name=first, last_name=last),
            "email": f"{slug(first)}.{slug(last)}@{self.rng.choice(names.FREEMAIL)}",
        }
        if self.rng.random() < 0.5:
            fields["mobile"] = self.mobile()
        return fields

    def person_fields(self, domain: str, country: str, area: str) -> dict:
        """A contact at a firm with the mail domain `domain`, phoning from its area."""
        salutation, first = self.given_name()
        last = self.surname()
        rng = self.rng
        return {
            "salutation": salutation,
            "title": rng.choice(names.TITLES) if rng.random() < 0.05 else "",
            "first_name": first,
            "last_name": last,
            "email": f"{slug(first)[:1]}.{slug(last)}@{domain}" if rng.random() < 0.8 else "",
            "phone": self.phone(country, area) if rng.random() < 0.6 else "",
        }
