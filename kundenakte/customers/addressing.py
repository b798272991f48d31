"""How customers and persons are addressed in letters: salutation and DIN 5008 address block.

These strings are German letter conventions, not user-interface text, so they are not translated.
One function builds the address block for the screen, exports and PDFs alike.
"""

from django.utils import translation

from kundenakte.customers.models import Customer, Person, Salutation

HOME_COUNTRY = "DE"
MAX_ADDRESS_LINES = 6  # DIN 5008: the address zone holds up to six lines below the return line


def _name(title: str, first: str, last: str) -> str:
    return " ".join(p for p in (title, first, last) if p)


def letter_salutation(person: Person | Customer | None) -> str:
    """ "Sehr geehrte Frau Dr. Müller," / "Sehr geehrter Herr Meier," / "Guten Tag Kim Weber," """
    if person is None:
        return "Sehr geehrte Damen und Herren,"
    if person.letter_salutation:
        return person.letter_salutation
    if not person.last_name:
        return "Sehr geehrte Damen und Herren,"
    if person.salutation == Salutation.MS:
        return f"Sehr geehrte Frau {_name(person.title, '', person.last_name)},"
    if person.salutation == Salutation.MR:
        return f"Sehr geehrter Herr {_name(person.title, '', person.last_name)},"
    return f"Guten Tag {_name(person.title, person.first_name, person.last_name)},"


def recipient_line(person: Person | Customer) -> str:
    """ "Frau Dr. Anna Müller" / "Herrn Hans Meier" / "Kim Weber" (accusative "Herrn", DIN 5008)."""
    name = _name(person.title, person.first_name, person.last_name)
    prefix = {Salutation.MS: "Frau", Salutation.MR: "Herrn"}.get(person.salutation, "")
    return f"{prefix} {name}".strip()


def country_line(country_code: str) -> str:
    from django_countries import countries

    with translation.override("de"):
        return str(dict(countries).get(country_code, country_code)).upper()


def address_lines(customer: Customer, person: Person | None = None) -> list[str]:
    """The DIN 5008 address block of a customer, optionally for the attention of a person."""
    lines: list[str] = []
    if customer.is_company:
        lines += [customer.company_name or customer.short_name, customer.company_name_2]
        if person is not None:
            lines.append(recipient_line(person))
    else:
        lines.append(recipient_line(customer) or customer.short_name)
    lines.append(customer.street)
    lines.append(" ".join(p for p in (customer.postal_code, customer.city) if p))
    country = str(customer.country or HOME_COUNTRY)
    if country != HOME_COUNTRY:
        lines.append(country_line(country))
    lines = [line for line in lines if line]
    if len(lines) > MAX_ADDRESS_LINES and customer.company_name_2:
        lines.remove(customer.company_name_2)
    return lines[:MAX_ADDRESS_LINES]
