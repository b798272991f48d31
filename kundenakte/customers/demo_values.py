"""Random values for the demo data (customers.demo): names, addresses, phone numbers, valid VAT
IDs, tags. Every function draws from the seeded random.Random it is given."""

import random
import re

from stdnum import luhn
from stdnum.at import uid as at_uid
from stdnum.iso7064 import mod_11_10
from stdnum.nl import bsn

from kundenakte.core import text
from kundenakte.customers.demo_data import (
    FIRST_NAMES,
    FOREIGN_SURNAMES,
    GENERAL_TAGS,
    MOBILE_PREFIXES,
    NEUTRAL_FIRST_NAMES,
    PLACES,
    SECTOR_TAGS,
    STREETS,
    SURNAMES,
    words,
)
from kundenakte.customers.models import Salutation


def ascii_slug(value: str) -> str:
    """ "Özdemir & Söhne" → "oezdemir-soehne", for e-mail addresses and domains."""
    folded = text.fold_expanded(value).replace("ł", "l")  # the one letter NFKD keeps
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def digits(rng: random.Random, count: int) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(count - 1))


def phone(rng: random.Random, area: str, company: bool) -> str:
    number = digits(rng, 8 - len(area) // 2)
    if company and rng.random() < 0.5:
        return f"{area} {number[:-1]}-0"  # a switchboard: extension 0 reaches the front desk
    return f"{area} {number}"


def mobile(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)} {digits(rng, rng.choice([7, 8]))}"


def german_vat_id(rng: random.Random) -> str:
    """A valid German VAT ID: DE, eight digits and an ISO 7064 MOD 11,10 check digit."""
    body = digits(rng, 8)
    return f"DE{body}{mod_11_10.calc_check_digit(body)}"


def foreign_vat_id(rng: random.Random, country: str) -> str:
    if country == "AT":
        body = "U" + digits(rng, 7)
        return f"AT{body}{at_uid.calc_check_digit(body)}"
    if country == "FR":
        siren = digits(rng, 8)
        siren += luhn.calc_check_digit(siren)
        return f"FR{int(siren + '12') % 97:02d}{siren}"
    if country == "NL":
        number = digits(rng, 9)
        while not bsn.is_valid(number):
            number = digits(rng, 9)
        return f"NL{number}B01"
    return ""  # Switzerland: UID/MWST numbers are left to the user


def person_name(rng: random.Random, surname: str = "") -> tuple[str, str, str, str]:
    """Salutation, title, first name and last name of a random person."""
    origin = rng.choices(["de", "tr", "pl", "it"], [85, 7, 4, 4])[0]
    if surname:
        origin = next((o for o, names in FOREIGN_SURNAMES.items() if surname in names), "de")
    last = surname or rng.choice(FOREIGN_SURNAMES.get(origin) or SURNAMES)
    salutation = rng.choices(
        [Salutation.MR, Salutation.MS, Salutation.DIVERSE, Salutation.NONE], [46, 46, 3, 5]
    )[0]
    male, female = FIRST_NAMES[origin]
    pool = {Salutation.MR: male, Salutation.MS: female}.get(salutation)
    first = rng.choice(words(pool) if pool else NEUTRAL_FIRST_NAMES)
    title = rng.choices(["", "Dr.", "Prof. Dr."], [90, 8, 2])[0]
    return salutation, title, first, last


def gendered(salutation: str, forms: tuple[str, ...]) -> str:
    return {Salutation.MR: forms[0], Salutation.MS: forms[1]}.get(salutation, forms[2])


def place(rng: random.Random) -> list[str]:
    return rng.choice(PLACES)


def street(rng: random.Random) -> str:
    number = str(rng.randint(1, 140)) + rng.choices(["", "a", "b"], [90, 7, 3])[0]
    return f"{rng.choice(STREETS)} {number}"


def tags_for(rng: random.Random, sector: str) -> list[str]:
    tags = [SECTOR_TAGS[sector]] if sector in SECTOR_TAGS and rng.random() < 0.7 else []
    wanted = rng.choices([0, 1, 2, 3], [25, 40, 25, 10])[0]
    return (tags + rng.sample(GENERAL_TAGS, 3))[:wanted] if wanted else []


def direct_dial(rng: random.Random, switchboard: str) -> str:
    """ "030 123456-0" → "030 123456-27": a person's own extension of the firm's number."""
    if not switchboard.endswith("-0") or rng.random() < 0.3:
        return ""
    return f"{switchboard[:-1]}{rng.randint(10, 49)}"
