"""The document kinds: the one place that says what a quote, an invoice, a delivery note or a
cancellation invoice is.

Every other place — the model's choices and status constraint, the number ranges, URL slugs,
lists, navigation, the customer file's tabs, sections and "Neu" menu, the module switches, the
PDF wording and the revenue tally — reads this registry. Adding a kind is one `DocumentKind`
here, its templates if it needs other ones, and a migration (the status constraint and its
number range); the recipe is in the README's developer section.

This module imports nothing of the documents app, so that the models can read it.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The statuses a document can have (DocumentStatus in models.document holds their labels).
DRAFT, SENT, ACCEPTED, REJECTED = "draft", "sent", "accepted", "rejected"
ISSUED, PAID, CANCELLED = "issued", "paid", "cancelled"


@dataclass(frozen=True)
class PdfWording:
    """The German words of a kind's letter. Not translated: these are the words of a German
    business letter (§ 14 Abs. 4 UStG), not interface text (see documents.pdf)."""

    title: str
    number_label: str
    # After the Briefanrede ("Sehr geehrte Frau Müller,") German letters go on in lower case.
    intro: str = ""
    closing: str = ""
    service_date_label: str = "Leistungsdatum"


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document.

    `key` is the value stored in Document.kind; `slug` its URL word (/documents/<slug>/). A kind
    `listed_with` another kind has no list, tab, navigation entry or "Neu" entry of its own: it
    is shown with that kind (a cancellation invoice under the invoices). `new_label` is None for
    a kind that is not created by hand.
    """

    key: str
    label: Promise
    plural: Promise
    slug: str
    statuses: tuple[str, ...]
    number_range: str  # the NumberRange key (core) its numbers are drawn from
    number_prefix: str  # the prefix a new database seeds the range with ("RE" → RE-2026-00001)
    module: str  # the CompanySettings switch it belongs to
    order: int  # display order: navigation, tabs, "Neu" menu
    pdf: PdfWording
    new_label: Promise | None = None
    empty_text: Promise | None = None  # the customer file's tab without documents
    create_text: Promise | None = None  # its button
    module_off_text: Promise | None = None  # why no draft can be created
    listed_with: str | None = None
    counts_as_revenue: bool = False  # in the revenue tally, when not a draft
    receivable: bool = False  # owed by the customer when issued: due date, payments, open items
    has_prices: bool = True  # delivery notes list goods without prices
    dates: tuple[str, ...] = ()  # the dates of its header form: valid_until, service_date …

    @property
    def list_kind(self) -> "DocumentKind":
        """The kind whose list, tab and navigation entry show this kind."""
        return KINDS[self.listed_with] if self.listed_with else self

    @property
    def tab(self) -> str:
        """The key of the customer file's tab that lists it."""
        return self.list_kind.slug.replace("-", "_")

    @property
    def tab_kinds(self) -> tuple[str, ...]:
        """The kinds its tab lists: itself and the kinds listed with it."""
        return tuple(k.key for k in KINDS.values() if k.list_kind.key == self.key)

    @property
    def has_validity(self) -> bool:
        return "valid_until" in self.dates

    def __str__(self) -> str:
        return str(self.label)


KINDS: dict[str, DocumentKind] = {
    kind.key: kind
    for kind in (
        DocumentKind(
            key="quote",
            label=_("Quote"),
            plural=_("Quotes"),
            slug="quotes",
            statuses=(DRAFT, SENT, ACCEPTED, REJECTED),
            number_range="quote",
            number_prefix="AN",
            module="quotes_enabled",
            order=10,
            new_label=_("New quote"),
            empty_text=_("No quotes yet."),
            create_text=_("Create a quote"),
            module_off_text=_("Quotes are switched off in the settings."),
            dates=("valid_until",),
            pdf=PdfWording(
                title="Angebot",
                number_label="Angebotsnummer",
                intro="vielen Dank für Ihre Anfrage. Gerne bieten wir Ihnen Folgendes an:",
                closing="Wir freuen uns auf Ihren Auftrag.",
            ),
        ),
        DocumentKind(
            key="invoice",
            label=_("Invoice"),
            plural=_("Invoices"),
            slug="invoices",
            statuses=(DRAFT, ISSUED, PAID, CANCELLED),
            number_range="invoice",
            number_prefix="RE",
            module="invoices_enabled",
            order=20,
            new_label=_("New invoice"),
            empty_text=_("No invoices yet."),
            create_text=_("Create an invoice"),
            module_off_text=_("Invoices are switched off in the settings."),
            counts_as_revenue=True,
            receivable=True,
            dates=("service_date", "service_period_end"),
            pdf=PdfWording(
                title="Rechnung",
                number_label="Rechnungsnummer",
                intro="vielen Dank für Ihren Auftrag. Wir berechnen Ihnen folgende Leistungen:",
                closing="Vielen Dank für Ihr Vertrauen.",
            ),
        ),
        DocumentKind(
            key="delivery_note",
            label=_("Delivery note"),
            plural=_("Delivery notes"),
            slug="delivery-notes",
            statuses=(DRAFT, ISSUED),
            number_range="delivery_note",
            number_prefix="LS",
            module="delivery_notes_enabled",
            order=30,
            new_label=_("New delivery note"),
            empty_text=_("No delivery notes yet."),
            create_text=_("Create a delivery note"),
            module_off_text=_("Delivery notes are switched off in the settings."),
            has_prices=False,
            dates=("service_date",),
            pdf=PdfWording(
                title="Lieferschein",
                number_label="Lieferscheinnummer",
                intro="wir liefern Ihnen folgende Waren und Leistungen:",
                service_date_label="Lieferdatum",
            ),
        ),
        # Created only by cancelling an invoice (services.invoice_cancel): a draft only inside
        # that transaction, while its items are mirrored; it is committed issued. Its totals
        # are the original's negated, so it counts as revenue and nets the invoice out.
        DocumentKind(
            key="cancellation",
            # Never "Gutschrift": in VAT law that word means a self-billed invoice.
            label=_("Cancellation invoice"),
            plural=_("Cancellation invoices"),
            slug="cancellations",
            statuses=(DRAFT, ISSUED),
            number_range="cancellation",
            number_prefix="ST",
            module="invoices_enabled",
            order=25,
            listed_with="invoice",
            counts_as_revenue=True,
            pdf=PdfWording(title="Stornorechnung", number_label="Stornorechnungsnr."),
        ),
    )
}


def kind(key: str) -> DocumentKind:
    """The kind stored as `key` (a Document.kind); KeyError for an unknown one."""
    return KINDS[key]


def all_kinds() -> list[DocumentKind]:
    """Every kind in display order."""
    return sorted(KINDS.values(), key=lambda k: k.order)


def listed_kinds() -> Iterator[DocumentKind]:
    """The kinds with a list, tab and navigation entry of their own, in display order."""
    return (k for k in all_kinds() if k.listed_with is None)


def by_slug(slug: str) -> DocumentKind:
    """The kind whose URL word is `slug`; KeyError for an unknown one."""
    for candidate in KINDS.values():
        if candidate.slug == slug:
            return candidate
    raise KeyError(slug)


def choices() -> list[tuple[str, Promise]]:
    """Document.kind's choices, read when a form or full_clean() asks."""
    return [(k.key, k.label) for k in KINDS.values()]


def statuses_of_kind() -> dict[str, tuple[str, ...]]:
    return {k.key: k.statuses for k in KINDS.values()}


def revenue_kinds() -> tuple[str, ...]:
    """The kinds the revenue tally sums when they are not drafts."""
    return tuple(k.key for k in KINDS.values() if k.counts_as_revenue)


def receivable_kinds() -> tuple[str, ...]:
    """The kinds whose issued, not fully paid documents are open items (Offene Posten)."""
    return tuple(k.key for k in KINDS.values() if k.receivable)
