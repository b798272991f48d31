"""Payments on issued invoices; the invoice keeps their sum in `paid_total`."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from kundenakte.core.formats import money
from kundenakte.documents.models import Document, Payment
from kundenakte.documents.services.common import Kind, Status, lock


def _require_open(invoice: Document) -> None:
    if invoice.status == Status.DRAFT:
        raise ValidationError(_("Issue the invoice before recording payments."))
    if invoice.status == Status.PAID:
        raise ValidationError(_("This invoice is paid in full already."))
    if invoice.status == Status.CANCELLED:
        raise ValidationError(_("A cancelled invoice takes no payments."))


def _set_paid_total(invoice: Document, paid: Decimal) -> None:
    """Paid in full means PAID; anything less leaves (or puts back) the invoice ISSUED."""
    invoice.paid_total = paid
    invoice.status = Status.PAID if paid >= invoice.gross_total else Status.ISSUED
    invoice.save(update_fields=["paid_total", "status"])


@transaction.atomic
def payment_record(
    *, invoice: Document, amount: Decimal, date: date, note: str = "", user
) -> Payment:
    """Record a full or partial payment on an issued invoice; the invoice is PAID once the
    payments reach its gross total. More than the open amount is refused, naming it."""
    locked = lock(invoice, kind=Kind.INVOICE)
    _require_open(locked)
    payment = Payment(document=locked, amount=amount, date=date, note=note, created_by=user)
    payment.full_clean()
    if payment.amount > locked.open_amount:
        raise ValidationError(
            {
                "amount": _("The amount exceeds the open amount of %(open)s €.")
                % {"open": money(locked.open_amount)}
            }
        )
    payment.save()
    _set_paid_total(locked, locked.paid_total + payment.amount)
    invoice.refresh_from_db()
    return payment


@transaction.atomic
def payment_delete(*, payment: Payment) -> None:
    """Remove a payment recorded in error; a paid invoice becomes open again."""
    locked = lock(payment.document, kind=Kind.INVOICE)
    payment.delete()
    paid = locked.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    _set_paid_total(locked, paid)
