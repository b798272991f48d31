"""Finalising documents: sending quotes, issuing invoices and delivery notes, answering and
converting quotes, cancelling invoices.

Finalising draws the document's number from its kind's number range (core.numbering) inside
the caller's transaction, freezes the recipient and seller data and stores the totals; if
anything fails later in the transaction, the number is not used and the range has no gap
(§ 14 Abs. 4 Nr. 4 UStG: unique, consecutive invoice numbers).
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kundenakte.accounts.models import CompanySettings
from kundenakte.core.dates import short_date
from kundenakte.core.formats import percent
from kundenakte.core.numbering import number_draw
from kundenakte.customers.services import customer_ensure_number
from kundenakte.documents.frozen import recipient_data, seller_data
from kundenakte.documents.models import Document
from kundenakte.documents.services.common import (
    TOTAL_FIELDS,
    Kind,
    Status,
    copy_items,
    lock,
    require_draft,
    store_totals,
    today_or,
)
from kundenakte.documents.services.drafts import new_draft, tax_day, vat_rates_on
from kundenakte.documents.totals import compute_totals


def _number_taken(number: str) -> bool:
    return Document.objects.filter(number=number).exists()


def _finalise(
    draft: Document,
    *,
    user,
    today: date,
    status: str,
    small_business: bool,
    recipient: dict | None = None,
) -> None:
    """Number, date, frozen data, totals and issue stamp; the caller has locked and checked
    the draft. The document date is the issue date (§ 14 Abs. 4 Nr. 3 UStG)."""
    draft.number = number_draw(key=draft.number_range_key, is_taken=_number_taken, today=today)
    draft.date = today
    draft.status = status
    if recipient is None:
        recipient = recipient_data(customer=draft.customer, person=draft.person)
    draft.recipient = recipient
    draft.seller = seller_data(company=CompanySettings.load())
    store_totals(draft, small_business=small_business)
    draft.issued_at, draft.issued_by = timezone.now(), user
    draft.full_clean()
    draft.save()


def _require_items(draft: Document) -> None:
    if not draft.items.exists():
        raise ValidationError(_("Add at least one item first."))


def _done(original: Document) -> Document:
    """The caller's instance, brought up to date with what the service stored."""
    original.refresh_from_db()
    return original


# --- Quotes -----------------------------------------------------------------------------------


@transaction.atomic
def quote_send(*, quote: Document, user, today: date | None = None) -> Document:
    """Finalise a draft quote: it gets its number and today's date and becomes SENT. Without a
    valid-until date it is valid for the settings' default number of days. (Delivering it to
    the customer, by e-mail or post, is up to the user.)"""
    day = today_or(today)
    draft = require_draft(lock(quote, kind=Kind.QUOTE))
    _require_items(draft)
    company = CompanySettings.load()
    if draft.valid_until is None:
        draft.valid_until = day + timedelta(days=company.default_quote_validity_days)
    elif draft.valid_until < day:
        raise ValidationError({"valid_until": _("The valid-until date lies in the past.")})
    _finalise(
        draft, user=user, today=day, status=Status.SENT, small_business=company.small_business
    )
    return _done(quote)


def _answer(quote: Document, status: str, user) -> Document:
    """Record the customer's answer in the quote's log (who entered it, when), like sending."""
    locked = lock(quote, kind=Kind.QUOTE)
    if locked.status == Status.DRAFT:
        raise ValidationError(_("Send the quote before recording the customer's answer."))
    if locked.status != Status.SENT:
        raise ValidationError(
            _("The customer has answered this quote already (%(status)s)."),
            params={"status": locked.get_status_display()},
        )
    locked.status = status
    locked.answered_at, locked.answered_by = timezone.now(), user
    locked.save(update_fields=["status", "answered_at", "answered_by"])
    return _done(quote)


@transaction.atomic
def quote_accept(*, quote: Document, user=None) -> Document:
    """Record that the customer accepted a sent quote, also after its valid-until date: the
    firm decides whether it still honours an expired quote. `user` is who recorded it."""
    return _answer(quote, Status.ACCEPTED, user)


@transaction.atomic
def quote_reject(*, quote: Document, user=None) -> Document:
    """Record that the customer rejected a sent quote; `user` is who recorded it."""
    return _answer(quote, Status.REJECTED, user)


def quote_is_expired(*, quote: Document, today: date | None = None) -> bool:
    """A sent, unanswered quote past its valid-until date."""
    return quote.is_expired_on(today_or(today))


class AlreadyConverted(ValidationError):
    """quote_convert's refusal when the quote has been turned into that kind before;
    `existing` lists those documents, so the page can name them and ask to confirm."""

    def __init__(self, *, kind: str, existing: list[Document]):
        super().__init__(
            _("A document of the kind “%(kind)s” has been created from this quote already."),
            params={"kind": Kind(kind).label},
        )
        self.existing = existing


@transaction.atomic
def quote_convert(
    *, quote: Document, kind: str, user, today: date | None = None, confirmed: bool = False
) -> Document:
    """A new draft invoice or delivery note with the items of a sent or accepted quote
    (without prices on a delivery note), linked to it by `source`. The quote itself stays as
    it is; it may be converted into each kind (a delivery note, then the invoice).

    A second document of the same kind is made only when `confirmed`, else AlreadyConverted
    names the first: a double click must not bill twice. The quote's row lock makes
    concurrent requests queue, so the later ones see the earlier one's draft."""
    source = lock(quote, kind=Kind.QUOTE)
    if kind not in (Kind.INVOICE, Kind.DELIVERY_NOTE):
        raise ValidationError(_("A quote can be turned into an invoice or a delivery note."))
    if source.status not in (Status.SENT, Status.ACCEPTED):
        raise ValidationError(
            _("Only a sent or accepted quote can be turned into another document.")
        )
    existing = list(source.derived.filter(kind=kind).order_by("pk"))
    if existing and not confirmed:
        raise AlreadyConverted(kind=kind, existing=existing)
    dates = {"service_date": source.service_date, "service_period_end": source.service_period_end}
    draft = new_draft(
        user=user,
        customer=source.customer,
        kind=kind,
        today=today,
        source=source,
        person=source.person,
        subject=source.subject,
        **{name: value for name, value in dates.items() if value is not None},
    )
    copy_items(source, draft)
    store_totals(draft, small_business=draft.small_business)
    draft.save(update_fields=TOTAL_FIELDS)
    return draft


# --- Invoices and delivery notes ------------------------------------------------------------


def _invoice_problems(draft: Document, company: CompanySettings) -> list[str]:
    """What § 14 Abs. 4 UStG requires of an invoice and this draft or the settings lack."""
    problems = []
    missing = company.missing_for_invoices
    if missing:
        problems.append(
            _("The company settings lack data every invoice needs: %(fields)s.")
            % {"fields": ", ".join(missing)}
        )
    customer = draft.customer
    if not (customer.street and customer.postal_code and customer.city):
        problems.append(_("The customer's address is incomplete (street, postal code, city)."))
    if draft.service_date is None:
        problems.append(_("Enter the delivery date or the service period."))
    elif not company.small_business:
        problems += _rate_problems(draft)
    # Corrections go through a Stornorechnung, never through a negative invoice.
    if compute_totals(draft.items.all(), small_business=company.small_business).gross < 0:
        problems.append(_("An invoice cannot total less than zero; cancel an invoice instead."))
    return problems


def _rate_problems(draft: Document) -> list[str]:
    """Each item's VAT rate must be in force on the day of supply (§ 27 Abs. 1 UStG)."""
    day = tax_day(draft)
    valid = set(vat_rates_on(day=day))
    wrong = sorted({item.vat_rate for item in draft.items.all()} - valid, reverse=True)
    return [
        _("A VAT rate of %(rate)s %% does not apply on %(day)s.")
        % {"rate": percent(rate), "day": short_date(day)}
        for rate in wrong
    ]


@transaction.atomic
def invoice_issue(*, invoice: Document, user, today: date | None = None) -> Document:
    """Issue a draft invoice: invoice number, today's date, due date from the customer's
    payment terms, frozen recipient and seller data, stored totals; status ISSUED.

    The first invoice of a customer without number also gives the customer the next customer
    number and the default status with number, in this same transaction: if anything fails,
    neither the customer number nor the invoice number is used.
    """
    day = today_or(today)
    draft = require_draft(lock(invoice, kind=Kind.INVOICE))
    _require_items(draft)
    company = CompanySettings.load()
    problems = _invoice_problems(draft, company)
    if problems:
        raise ValidationError(problems)
    customer_ensure_number(user=user, customer=draft.customer)
    draft.due_date = day + timedelta(days=draft.customer.payment_terms_days)
    _finalise(
        draft, user=user, today=day, status=Status.ISSUED, small_business=company.small_business
    )
    return _done(invoice)


@transaction.atomic
def delivery_note_issue(*, delivery_note: Document, user, today: date | None = None) -> Document:
    """Issue a draft delivery note: number, today's date, frozen addresses; status ISSUED."""
    day = today_or(today)
    draft = require_draft(lock(delivery_note, kind=Kind.DELIVERY_NOTE))
    _require_items(draft)
    small_business = CompanySettings.load().small_business
    _finalise(draft, user=user, today=day, status=Status.ISSUED, small_business=small_business)
    return _done(delivery_note)


# --- Cancellation (Stornorechnung) ------------------------------------------------------------


def invoice_require_cancellable(*, invoice: Document) -> None:
    """Refuse, with the reason, what cannot be cancelled: only an issued invoice without
    payments is. Payments belong to a valid invoice: remove them first (or let the corrected
    invoice take them), so no money is left booked on a cancelled invoice. The Storno page asks
    this before it offers the form; invoice_cancel asks again under the row lock."""
    if invoice.kind != Kind.INVOICE:
        raise ValidationError(_("Only an issued invoice can be cancelled."))
    if invoice.status == Status.DRAFT:
        raise ValidationError(_("A draft is not cancelled; delete it instead."))
    if invoice.status == Status.CANCELLED:
        raise ValidationError(_("This invoice has been cancelled already."))
    if invoice.paid_total > 0 or invoice.payments.exists():
        raise ValidationError(
            _("This invoice has payments recorded; remove them before cancelling it.")
        )


def _cancellation_draft(original: Document, *, user, reason: str, today: date) -> Document:
    """The cancellation, still a draft for the moment its items are mirrored; it names the
    original and the same service date or period."""
    draft = Document(
        kind=Kind.CANCELLATION,
        customer=original.customer,
        person=original.person,
        cancels=original,
        date=today,
        service_date=original.service_date,
        service_period_end=original.service_period_end,
        subject=original.subject,
        intro=reason,
        created_by=user,
    )
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def invoice_cancel(
    *, invoice: Document, user, reason: str = "", today: date | None = None
) -> Document:
    """Cancel an issued invoice with a Stornorechnung and return it.

    The cancellation has its own number (cancellation range), names the original (`cancels`),
    mirrors its items with negative quantities, keeps its recipient data and VAT treatment
    (so its totals are exactly the negated original) and states `reason` as its introduction;
    the original becomes CANCELLED. Issue a corrected invoice afterwards if needed.
    """
    day = today_or(today)
    original = lock(invoice)
    invoice_require_cancellable(invoice=original)
    draft = _cancellation_draft(original, user=user, reason=reason, today=day)
    copy_items(original, draft, sign=-1)
    _finalise(
        draft,
        user=user,
        today=day,
        status=Status.ISSUED,
        small_business=original.small_business,
        recipient=original.recipient,
    )
    original.status = Status.CANCELLED
    original.save(update_fields=["status"])
    _done(invoice)
    return draft
