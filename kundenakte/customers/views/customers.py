"""Create, show, change, archive and delete a customer; assign its number; its history."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenakte.core.http import redirect_after_post
from kundenakte.customers import services
from kundenakte.customers.access import load_customer
from kundenakte.customers.addressing import address_lines, letter_salutation
from kundenakte.customers.file import file_context, overview_sections
from kundenakte.customers.forms import AssignNumberForm, CustomerForm
from kundenakte.customers.history import customer_history
from kundenakte.customers.models import Customer, Tag


def _form_page(request, form, customer=None):
    context = {"form": form, "customer": customer, "tags": Tag.objects.all()}
    return render(request, "customers/customer_form.html", context)


@permission_required("customers.add_customer", raise_exception=True)
def customer_create(request):
    form = CustomerForm(request.POST or None, instance=Customer())
    if request.method == "POST" and form.is_valid():
        customer = services.customer_create(
            user=request.user, customer=form.instance, tag_names=form.cleaned_data["tag_names"]
        )
        messages.success(request, _("Customer “%(name)s” created.") % {"name": customer})
        return redirect_after_post(request, customer.get_absolute_url())
    return _form_page(request, form)


def customer_update(request, pk):
    customer = load_customer(request, pk, "customers.change_customer")
    form = CustomerForm(request.POST or None, instance=customer)
    if request.method == "POST" and form.is_valid():
        services.customer_update(
            user=request.user, customer=form.instance, tag_names=form.cleaned_data["tag_names"]
        )
        messages.success(request, _("Changes saved."))
        return redirect_after_post(request, customer.get_absolute_url())
    return _form_page(request, form, customer)


def customer_detail(request, pk):
    customer = load_customer(request, pk, persons=True)
    persons = list(customer.persons.all())
    primary = next((p for p in persons if p.is_primary), None)
    # The sections first: what they read on the way (document counts, open tasks) spares the
    # tabs' counters their queries.
    sections = overview_sections(request, customer)
    context = {
        **file_context(request, customer, "overview"),
        "sections": sections,
        "persons": persons,
        "primary": primary,
        "tags": list(customer.tags.all()),
        "address": address_lines(customer, primary if customer.is_company else None),
        "salutation": letter_salutation(primary if customer.is_company else customer),
    }
    return render(request, "customers/customer_detail.html", context)


def customer_history_view(request, pk):
    customer = load_customer(request, pk)
    context = {
        **file_context(request, customer, "history"),
        "entries": customer_history(customer=customer),
    }
    return render(request, "customers/customer_history.html", context)


def customer_assign_number(request, pk):
    customer = load_customer(request, pk, "customers.change_customer")
    if not services.customer_needs_number(customer=customer):
        messages.info(request, _("This customer already has a number."))
        return redirect(customer)
    may_choose = request.user.has_perm("customers.choose_customer_number")
    proposal = services.customer_next_number()
    form = AssignNumberForm(request.POST or None, initial={"number": proposal})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["number"].strip() if may_choose else None
        try:
            services.customer_assign_number(
                user=request.user,
                customer=customer,
                number=None if chosen == proposal else chosen,
            )
        except ValidationError as exc:
            # messages, not the error itself: full_clean() may key its errors by other fields
            form.add_error("number", exc.messages)
        else:
            customer.refresh_from_db()
            messages.success(
                request,
                _("Customer number %(number)s assigned; status is now “%(status)s”.")
                % {"number": customer.number, "status": customer.status},
            )
            return redirect_after_post(request, customer.get_absolute_url())
    context = {"customer": customer, "form": form, "proposal": proposal, "may_choose": may_choose}
    return render(request, "customers/customer_assign_number.html", context)


@require_POST
def customer_archive(request, pk):
    customer = load_customer(request, pk, "customers.change_customer")
    archived = request.POST.get("archived") != "0"
    services.customer_set_archived(user=request.user, customer=customer, archived=archived)
    messages.success(request, _("Customer archived.") if archived else _("Customer restored."))
    return redirect_after_post(request, customer.get_absolute_url())


def customer_delete(request, pk):
    customer = load_customer(request, pk, "customers.delete_customer")
    if request.method == "POST":
        try:
            services.customer_delete(customer=customer)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(customer)
        messages.success(request, _("Customer “%(name)s” deleted.") % {"name": customer})
        return redirect_after_post(request, "/customers/")
    context = {"customer": customer, "can_delete": services.customer_can_delete(customer=customer)}
    return render(request, "customers/customer_confirm_delete.html", context)
