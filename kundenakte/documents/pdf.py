"""The PDF of a document: a DIN 5008 business letter rendered by WeasyPrint.

An issued document renders from what it froze when it was issued — recipient, seller, totals,
the small-business flag — so a later change of the customer's address or of the company
settings never alters an old PDF (GoBD). A draft renders a preview from the live data, marked
ENTWURF on every page.

The wording is German and not translated: like the letter conventions in customers.addressing,
these are the words of a German invoice (§ 14 Abs. 4 UStG), not interface text. Every value is
formatted here, in German (1.234,56 €, 27.11.2026), and escaped by the template.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import formats, translation
from stdnum import iban as iban_number
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.addressing import HOME_COUNTRY, country_line
from kundenakte.documents.frozen import recipient_data, seller_data
from kundenakte.documents.models import Document, LineItem
from kundenakte.documents.services import document_totals
from kundenakte.documents.totals import Totals

Kind = Document.Kind
SMALL_BUSINESS_NOTE = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."
ZERO_RATE_NOTE = "Positionen mit 0 % USt.: Nullsteuersatz nach § 12 Abs. 3 UStG."


# --- German formats ---------------------------------------------------------------------------


def number_de(value: Decimal, decimal_pos: int | None = None) -> str:
    """1234.5 → "1.234,50" (with decimal_pos=2): German separators whatever the request's
    language, since the document is German."""
    with translation.override("de"):
        return formats.number_format(
            value, decimal_pos=decimal_pos, use_l10n=True, force_grouping=True
        )


def money(value: Decimal) -> str:
    return f"{number_de(value, 2)} €"


def quantity(value: Decimal) -> str:
    """2.500 → "2,5", 1.000 → "1": as many decimals as the quantity needs."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    places = len(text.partition(".")[2])
    return number_de(Decimal(text), places)


def percent(value: Decimal) -> str:
    return f"{quantity(value)} %"


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def iban_display(value: str) -> str:
    """In groups of four, as printed on paper (DIN 5008)."""
    return iban_number.format(value) if value else ""


# --- What the letter says -----------------------------------------------------------------------


@dataclass(frozen=True)
class Letter:
    """The data a document prints: frozen for an issued document, live for a draft preview."""

    recipient: dict
    seller: dict
    totals: Totals
    small_business: bool


def letter_data(document: Document) -> Letter:
    if not document.is_draft:
        return Letter(
            recipient=document.recipient,
            seller=document.seller,
            totals=document.stored_totals,
            small_business=document.small_business,
        )
    company = CompanySettings.load()
    return Letter(
        recipient=recipient_data(customer=document.customer, person=document.person),
        seller=seller_data(company=company),
        totals=document_totals(document=document),
        small_business=company.small_business,
    )


def _service_row(document: Document) -> tuple[str, str] | None:
    """§ 14 Abs. 4 Nr. 6 UStG: the date of the supply or the service period."""
    if document.service_date is None:
        if not document.has_prices:  # a delivery note: delivered on its date
            return document.kind_definition.pdf.service_date_label, day(document.date)
        return None
    if document.service_period_end and document.service_period_end != document.service_date:
        period = f"{day(document.service_date)} – {day(document.service_period_end)}"
        return "Leistungszeitraum", period
    return document.kind_definition.pdf.service_date_label, day(document.service_date)


def info_rows(document: Document, letter: Letter) -> list[tuple[str, str]]:
    """The information block right of the address window (DIN 5008 form B)."""
    rows = [(document.kind_definition.pdf.number_label, document.number or "Entwurf")]
    rows.append(("Datum", day(document.date)))
    if document.cancels_id:
        rows.append(("Zu Rechnung", document.cancels.number))
    if document.source_id and document.source.number:
        rows.append(("Angebot", document.source.number))
    if letter.recipient.get("customer_number"):
        rows.append(("Kundennummer", letter.recipient["customer_number"]))
    if letter.recipient.get("vat_id"):
        rows.append(("Ihre USt-IdNr.", letter.recipient["vat_id"]))
    service = _service_row(document)
    if service:
        rows.append(service)
    if document.kind_definition.receivable and document.due_date:
        rows.append(("Fällig am", day(document.due_date)))
    if document.kind_definition.has_validity and document.valid_until:
        rows.append(("Gültig bis", day(document.valid_until)))
    return rows


def _intro(document: Document) -> str:
    if document.kind == Kind.CANCELLATION:
        original = document.cancels
        text = f"hiermit stornieren wir die Rechnung {original.number} vom {day(original.date)}."
        return f"{text}\nGrund: {document.intro}" if document.intro else text
    return document.intro or document.kind_definition.pdf.intro


def _closing(document: Document, seller: dict) -> str:
    """The closing text of the document, else the usual sentence and greeting of its kind."""
    if document.closing:
        return document.closing
    greeting = f"Mit freundlichen Grüßen\n{seller.get('company_name', '')}".strip()
    sentence = document.kind_definition.pdf.closing
    return f"{sentence}\n\n{greeting}" if sentence else greeting


def payment_text(document: Document, letter: Letter) -> str:
    """Payment terms with the due date (invoice), validity (quote) or what a cancellation does."""
    if document.kind == Kind.CANCELLATION:
        original = document.cancels
        return (
            f"Diese Stornorechnung hebt die Rechnung {original.number} vom "
            f"{day(original.date)} vollständig auf; der Betrag ist nicht mehr zu zahlen."
        )
    if document.kind == Kind.QUOTE and document.valid_until:
        return f"Dieses Angebot gilt bis zum {day(document.valid_until)}."
    if not document.kind_definition.receivable:
        return ""
    if document.due_date is None:  # a draft: the due date is set when it is issued
        days = document.customer.payment_terms_days
        return f"Zahlbar innerhalb von {days} Tagen nach Rechnungsdatum ohne Abzug."
    account = " auf das unten genannte Konto" if letter.seller.get("iban") else ""
    return (
        f"Bitte überweisen Sie den Gesamtbetrag von {money(letter.totals.gross)} bis zum "
        f"{day(document.due_date)} ohne Abzug{account}. Bitte geben Sie als Verwendungszweck "
        f"die Rechnungsnummer {document.number} an."
    )


# --- Items and totals ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    position: int
    description: str
    quantity: str
    unit: str
    unit_price: str = ""
    discount: str = ""
    vat_rate: str = ""
    amount: str = ""


def item_row(item: LineItem, *, priced: bool) -> Row:
    row = Row(item.position, item.description, quantity(item.quantity), item.unit)
    if not priced or item.unit_price is None:
        return row
    return replace(
        row,
        unit_price=money(item.unit_price),
        discount=percent(item.discount_percent) if item.discount_percent else "",
        vat_rate=percent(item.vat_rate),
        amount=money(item.net),
    )


def total_rows(letter: Letter) -> list[tuple[str, str]]:
    """Net, then VAT per rate on the net of that rate (§ 14 Abs. 4 Nr. 7, 8 UStG), then gross;
    a small business shows only the total."""
    totals = letter.totals
    if letter.small_business:
        return [("Gesamtbetrag", money(totals.gross))]
    rows = [("Nettobetrag", money(totals.net))]
    rows += [
        (f"USt. {percent(line.rate)} auf {money(line.net)}", money(line.vat))
        for line in totals.breakdown
    ]
    rows.append(("Gesamtbetrag", money(totals.gross)))
    return rows


def tax_notes(document: Document, letter: Letter) -> list[str]:
    if not document.has_prices:
        return []
    if letter.small_business:
        return [SMALL_BUSINESS_NOTE]
    if any(line.rate == 0 for line in letter.totals.breakdown):
        return [ZERO_RATE_NOTE]
    return []


# --- Letterhead and footer ----------------------------------------------------------------------


def _place(data: dict) -> str:
    return " ".join(p for p in (data.get("postal_code"), data.get("city")) if p)


def _seller_country(seller: dict) -> str:
    country = seller.get("country") or HOME_COUNTRY
    return "" if country == HOME_COUNTRY else country_line(country)


def return_line(seller: dict) -> str:
    """The sender's line above the address (DIN 5008 Rücksendeangabe)."""
    parts = [seller.get("company_name"), seller.get("street"), _place(seller)]
    return " · ".join(p for p in parts if p)


def letterhead_contact(seller: dict) -> str:
    parts = [f"Tel. {seller['phone']}" if seller.get("phone") else "", seller.get("email")]
    return " · ".join(p for p in parts if p)


def footer_columns(seller: dict) -> list[dict]:
    """Seller name and address, contact, tax IDs (§ 14 Abs. 4 Nr. 2 UStG), bank account; the
    last two are `numbers`, kept on one line each."""

    def labelled(label: str, key: str) -> str:
        return f"{label} {seller[key]}" if seller.get(key) else ""

    website = (seller.get("website") or "").removeprefix("https://").removeprefix("http://")
    iban = f"IBAN {iban_display(seller['iban'])}" if seller.get("iban") else ""
    columns = [
        ([seller.get("company_name"), seller.get("street"), _place(seller)], False),
        ([_seller_country(seller), labelled("Tel.", "phone"), seller.get("email"), website], False),
        ([labelled("USt-IdNr.:", "vat_id"), labelled("Steuernummer:", "tax_number")], True),
        ([seller.get("bank_name"), iban, labelled("BIC", "bic")], True),
    ]
    return [
        {"lines": [line for line in lines if line], "numbers": numbers}
        for lines, numbers in columns
        if any(lines)
    ]


# --- Rendering ----------------------------------------------------------------------------------


def document_title(document: Document) -> str:
    return document.kind_definition.pdf.title


def document_pdf_filename(document: Document) -> str:
    """ "RE-2026-00001.pdf", or "entwurf-17.pdf" for a draft; safe in a header."""
    stem = document.number or f"entwurf-{document.pk}"
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in stem) + ".pdf"


def pdf_context(document: Document) -> dict:
    letter = letter_data(document)
    items = list(document.items.all())
    return {
        "document": document,
        "title": document_title(document),
        "is_draft": document.is_draft,
        "seller": letter.seller,
        "return_line": return_line(letter.seller),
        "letterhead_contact": letterhead_contact(letter.seller),
        "logo": CompanySettings.load().logo_data_uri,
        "address": letter.recipient.get("lines", []),
        "salutation": letter.recipient.get("letter_salutation", ""),
        "date": day(document.date),
        "info": info_rows(document, letter),
        "cancels": document.cancels if document.cancels_id else None,
        "cancels_date": day(document.cancels.date) if document.cancels_id else "",
        "intro": _intro(document),
        "has_prices": document.has_prices,
        "small_business": letter.small_business,
        "items": [item_row(item, priced=document.has_prices) for item in items],
        "show_discount": any(item.discount_percent for item in items),
        "totals": total_rows(letter) if document.has_prices else [],
        "tax_notes": tax_notes(document, letter),
        "payment": payment_text(document, letter),
        "closing": _closing(document, letter.seller),
        "footer": footer_columns(letter.seller),
    }


def _url_fetcher() -> URLFetcher:
    """Only data: URLs: rendering never reaches the network (or reads local files)."""
    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)


def document_pdf_bytes(document: Document) -> bytes:
    """The PDF of `document`, A4, as bytes."""
    html = render_to_string("documents/pdf/document.html", pdf_context(document))
    css = CSS(string=render_to_string("documents/pdf/document.css"), url_fetcher=_url_fetcher())
    return HTML(string=html, url_fetcher=_url_fetcher()).write_pdf(stylesheets=[css])
