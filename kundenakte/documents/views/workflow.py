"""The document page and the steps of a document's life: send, accept or reject a quote, turn
it into an invoice or delivery note, issue, cancel. A step the rules refuse comes back as a
message (the services' ValidationError), never as an error page."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenakte.core.http import redirect_after_post, safe_next
from kundenakte.customers.addressing import address_lines
from kundenakte.documents import services
from kundenakte.documents.access import load_document
from kundenakte.documents.forms import CancelForm, PaymentForm
from kundenakte.documents.models import Document
from kundenakte.documents.views.common import detail_url, document_context
from kundenakte.documents.views.editor import editor_url

Kind, Status = Document.Kind, Document.Status


def _actions(user, document: Document, company) -> dict[str, bool]:
    """Which buttons the page shows: what the status allows and the user may do."""
    change = user.has_perm("documents.change_document")
    add = user.has_perm("documents.add_document")
    kind, status, draft = document.kind, document.status, document.is_draft
    quote, invoice = kind == Kind.QUOTE, kind == Kind.INVOICE
    convertible = add and quote and status in (Status.SENT, Status.ACCEPTED)
    return {
        "edit": change and draft,
        "delete": user.has_perm("documents.delete_document") and draft,
        "send": change and draft and quote,
        "issue": change and draft and kind in (Kind.INVOICE, Kind.DELIVERY_NOTE),
        "answer": change and quote and status == Status.SENT,
        "to_invoice": convertible and company.invoices_enabled,
        "to_delivery_note": convertible and company.delivery_notes_enabled,
        "cancel": add and change and invoice and status in (Status.ISSUED, Status.PAID),
        "pay": user.has_perm("documents.add_payment") and invoice and status == Status.ISSUED,
        "delete_payment": user.has_perm("documents.delete_payment"),
    }


def _recipient_lines(document: Document) -> list[str]:
    """What the document says (frozen at issue), or for a draft the customer's address now."""
    if not document.is_draft:
        return document.recipient.get("lines", [])
    return address_lines(document.customer, document.person)


def detail_context(request, document: Document, payment_form=None) -> dict:
    context = document_context(request, document)
    company = context["company"]
    invoice = document.kind == Kind.INVOICE
    return {
        **context,
        "items": document.items.all(),
        "totals": services.document_totals(document=document),
        "payments": document.payments.all() if invoice else [],
        "derived": document.derived.all() if document.kind == Kind.QUOTE else [],
        "recipient_lines": _recipient_lines(document),
        "actions": _actions(request.user, document, company),
        "payment_form": payment_form
        or PaymentForm(initial={"amount": document.open_amount or None}),
    }


def document_detail(request, pk):
    document = load_document(request, pk)
    return render(request, "documents/document_detail.html", detail_context(request, document))


def refused(request, document: Document, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)
    return redirect_after_post(request, safe_next(request, detail_url(document)))


def _done(request, document: Document, message: str):
    messages.success(request, message)
    return redirect_after_post(request, detail_url(document))


def _quote_step(request, pk, step, message: str):
    """Send, accept or reject a quote: one service call, its refusal shown as a message."""
    quote = load_document(request, pk, "documents.change_document")
    try:
        step(quote=quote)
    except ValidationError as exc:
        return refused(request, quote, exc)
    return _done(request, quote, message % {"number": quote.number})


@require_POST
def quote_send(request, pk):
    send = partial(services.quote_send, user=request.user)
    return _quote_step(request, pk, send, _("Quote %(number)s sent."))


@require_POST
def quote_accept(request, pk):
    accept = partial(services.quote_accept, user=request.user)
    return _quote_step(request, pk, accept, _("Quote %(number)s accepted."))


@require_POST
def quote_reject(request, pk):
    reject = partial(services.quote_reject, user=request.user)
    return _quote_step(request, pk, reject, _("Quote %(number)s rejected."))


@require_POST
@permission_required("documents.add_document", raise_exception=True)
def quote_convert(request, pk):
    """A second invoice (or delivery note) from one quote only after the confirmation page,
    which names the first and posts `confirm=1`."""
    quote = load_document(request, pk)
    kind = request.POST.get("kind", "")
    confirmed = request.POST.get("confirm") == "1"
    try:
        draft = services.quote_convert(
            quote=quote, kind=kind, user=request.user, confirmed=confirmed
        )
    except services.AlreadyConverted as exc:
        context = {**document_context(request, quote), "target": kind, "existing": exc.existing}
        return render(request, "documents/quote_confirm_convert.html", context)
    except ValidationError as exc:
        return refused(request, quote, exc)
    messages.success(
        request,
        _("%(kind)s draft created from quote %(number)s.")
        % {"kind": draft.get_kind_display(), "number": quote.number},
    )
    return redirect_after_post(request, editor_url(draft))


def _issue(document: Document, user) -> str:
    """Issue an invoice or delivery note; the message tells what happened."""
    if document.kind == Kind.DELIVERY_NOTE:
        services.delivery_note_issue(delivery_note=document, user=user)
        return _("Delivery note %(number)s issued.") % {"number": document.number}
    had_number = bool(document.customer.number)
    services.invoice_issue(invoice=document, user=user)
    message = _("Invoice %(number)s issued.") % {"number": document.number}
    customer = document.customer
    customer.refresh_from_db()
    if not had_number and customer.number:
        message += " " + _(
            "%(customer)s is now a customer with number %(customer_number)s (%(status)s)."
        ) % {
            "customer": customer.short_name,
            "customer_number": customer.number,
            "status": customer.status,
        }
    return message


@require_POST
def document_issue(request, pk):
    document = load_document(request, pk, "documents.change_document")
    try:
        message = _issue(document, request.user)
    except ValidationError as exc:
        return refused(request, document, exc)
    return _done(request, document, message)


@permission_required("documents.add_document", raise_exception=True)
def invoice_cancel(request, pk):
    """Asks for a reason first: cancelling cannot be undone. What cannot be cancelled (a quote,
    a draft, a Stornorechnung, an invoice cancelled already) is sent back to its page with the
    reason, on GET as on POST, so the page never offers a Storno that would be refused."""
    invoice = load_document(request, pk, "documents.change_document")
    try:
        services.invoice_require_cancellable(invoice=invoice)
    except ValidationError as exc:
        return refused(request, invoice, exc)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return _cancel(request, invoice, form.cleaned_data["reason"])
    context = {**document_context(request, invoice), "form": form}
    return render(request, "documents/invoice_confirm_cancel.html", context)


def _cancel(request, invoice: Document, reason: str):
    try:
        cancellation = services.invoice_cancel(invoice=invoice, user=request.user, reason=reason)
    except ValidationError as exc:
        return refused(request, invoice, exc)
    message = _("Invoice %(number)s cancelled by cancellation invoice %(cancellation)s.")
    params = {"number": invoice.number, "cancellation": cancellation.number}
    return _done(request, cancellation, message % params)
