"""Payments on an issued invoice: record one, remove one recorded in error."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenakte.core.formats import money
from kundenakte.core.http import redirect_after_post
from kundenakte.documents import services
from kundenakte.documents.access import load_document, load_payment
from kundenakte.documents.forms import PaymentForm
from kundenakte.documents.views.common import detail_url
from kundenakte.documents.views.editor import add_service_errors
from kundenakte.documents.views.workflow import detail_context, refused


@require_POST
def payment_record(request, pk):
    invoice = load_document(request, pk, "documents.add_payment")
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.payment_record(invoice=invoice, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return refused(request, invoice, exc)  # e.g. paid in full meanwhile
            add_service_errors(form, exc)
    if form.errors:
        context = detail_context(request, invoice, payment_form=form)
        return render(request, "documents/document_detail.html", context)
    messages.success(
        request,
        _("Payment recorded. Open amount: %(open)s €.") % {"open": money(invoice.open_amount)},
    )
    return redirect_after_post(request, detail_url(invoice))


@require_POST
def payment_delete(request, pk):
    payment = load_payment(request, pk)
    invoice = payment.document
    try:
        services.payment_delete(payment=payment)
    except ValidationError as exc:
        return refused(request, invoice, exc)
    messages.success(request, _("The payment has been removed."))
    return redirect_after_post(request, detail_url(invoice))
