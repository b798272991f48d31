"""Bulk actions of the customer list: add or remove a tag, set a status.

The form posts to `bulk/?<the list's parameters>`: with `scope=all` the action applies to the
whole filtered selection (as many thousands as it holds), otherwise to the ticked rows. Either
way the user lands on the same filtered list again, with a message saying what happened.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kundenakte.customers import listing
from kundenakte.customers.models import Customer, Status, Tag
from kundenakte.customers.services.bulk import (
    customers_bulk_add_tag,
    customers_bulk_remove_tag,
    customers_bulk_set_status,
)

MAX_TICKED = 500  # more than a page ever shows; a longer list is not from our form
# A tag change costs about a millisecond per customer (search text and history are kept
# current); beyond this the request would run into the server's timeout.
MAX_SELECTION = 20_000


def _ticked_ids(request) -> list[int] | None:
    values = request.POST.getlist("customer")
    if len(values) > MAX_TICKED:
        return None
    return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 18]


def _add_tag(request, customers) -> str:
    tag, result = customers_bulk_add_tag(
        user=request.user, customers=customers, name=request.POST.get("bulk_tag", "")[:200]
    )
    return ngettext(
        "Tag “%(tag)s” added to %(count)d customer.",
        "Tag “%(tag)s” added to %(count)d customers.",
        result.changed,
    ) % {"tag": tag.name, "count": result.changed}


def _remove_tag(request, customers) -> str:
    name = " ".join(request.POST.get("bulk_tag", "")[:200].split())
    tag = Tag.objects.filter(key=name.casefold()).first()
    if tag is None:
        raise ValidationError(_("There is no tag “%(tag)s”.") % {"tag": name})
    result = customers_bulk_remove_tag(user=request.user, customers=customers, tag=tag)
    return ngettext(
        "Tag “%(tag)s” removed from %(count)d customer.",
        "Tag “%(tag)s” removed from %(count)d customers.",
        result.changed,
    ) % {"tag": tag.name, "count": result.changed}


def _skipped_note(status: Status, skipped: int) -> str:
    if status.kind == Status.Kind.WITH_NUMBER:
        return ngettext(
            "%(count)d customer without number was skipped: this status needs a number.",
            "%(count)d customers without number were skipped: this status needs a number.",
            skipped,
        ) % {"count": skipped}
    return ngettext(
        "%(count)d customer with number was skipped: this status is for customers without one.",
        "%(count)d customers with number were skipped: this status is for customers without one.",
        skipped,
    ) % {"count": skipped}


def _set_status(request, customers) -> str:
    raw = request.POST.get("bulk_status", "")
    valid = raw.isascii() and raw.isdigit() and len(raw) <= 18
    status = Status.objects.filter(pk=int(raw)).first() if valid else None
    if status is None:
        raise ValidationError(_("Choose a status."))
    result = customers_bulk_set_status(user=request.user, customers=customers, status=status)
    message = ngettext(
        "Status “%(status)s” set for %(count)d customer.",
        "Status “%(status)s” set for %(count)d customers.",
        result.changed,
    ) % {"status": status.name, "count": result.changed}
    return f"{message} {_skipped_note(status, result.skipped)}" if result.skipped else message


ACTIONS = {"add_tag": _add_tag, "remove_tag": _remove_tag, "set_status": _set_status}


def _chosen(request, selection: listing.Selection, ticked: list[int]):
    if request.POST.get("scope") != "all":
        if not ticked:
            raise ValidationError(_("Tick the customers first, or choose all matches."))
        return Customer.objects.filter(pk__in=ticked)
    customers = selection.queryset()
    if (count := customers.count()) > MAX_SELECTION:
        raise ValidationError(
            _(
                "These are %(count)s customers; a bulk action takes at most %(limit)s at once. "
                "Narrow the filter, for example by letter or status."
            )
            % {
                "count": number_format(count, force_grouping=True),
                "limit": number_format(MAX_SELECTION, force_grouping=True),
            }
        )
    return customers


@require_POST
@permission_required("customers.change_customer", raise_exception=True)
def customer_bulk(request):
    selection = listing.select(request.GET)
    action = ACTIONS.get(request.POST.get("action", ""))
    ticked = _ticked_ids(request)
    if action is None or ticked is None:
        return render(request, "400.html", status=400)
    try:
        messages.success(request, action(request, _chosen(request, selection, ticked)))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    query = selection.filter.query_string()
    return redirect(f"{reverse('customers:list')}?{query}" if query else "customers:list")
