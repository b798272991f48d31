"""The recipient and seller data an issued document keeps (GoBD: a later change of the
customer's address or of the company settings must not alter an old document or its PDF).

Both are plain dicts of strings, stored as JSON on the document; the PDF and the detail page
read them instead of the live customer and settings.
"""

from kundenakte.accounts.models import SELLER_FIELDS, CompanySettings
from kundenakte.customers.addressing import address_lines, letter_salutation
from kundenakte.customers.models import Customer, Person


def recipient_data(*, customer: Customer, person: Person | None = None) -> dict:
    """The buyer's side of § 14 Abs. 4 Nr. 1 UStG: the DIN 5008 address lines (`lines`), plus
    customer number, name, country, VAT ID, tax number and the Briefanrede (letter salutation,
    e.g. "Sehr geehrte Frau Dr. Müller,") for the letter text."""
    return {
        "lines": address_lines(customer, person),
        "customer_number": customer.number or "",
        "name": customer.display_name,
        "country": str(customer.country or ""),
        "vat_id": customer.vat_id,
        "tax_number": customer.tax_number,
        "letter_salutation": letter_salutation(person or customer),
    }


def seller_data(*, company: CompanySettings) -> dict:
    """The seller's side: name, address, contact, tax number or VAT ID, bank account."""
    return {name: str(getattr(company, name) or "") for name in SELLER_FIELDS}
