"""The persons (contacts) of a customer."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kundenakte.core.http import redirect_after_post
from kundenakte.customers import services
from kundenakte.customers.access import load_customer, load_person
from kundenakte.customers.file import file_context
from kundenakte.customers.forms import PersonForm
from kundenakte.customers.models import Customer, Person

CHOOSER_SIZE = 20


def _save(request, form, customer, person):
    if request.method == "POST" and form.is_valid():
        services.person_save(person=form.instance)
        messages.success(request, _("Person “%(name)s” saved.") % {"name": form.instance})
        return redirect_after_post(request, customer.get_absolute_url())
    context = {"form": form, "customer": customer, "person": person}
    return render(request, "customers/person_form.html", context)


def person_create(request, customer_pk):
    customer = load_customer(request, customer_pk, "customers.add_person")
    form = PersonForm(request.POST or None, instance=Person(customer=customer))
    return _save(request, form, customer, None)


def person_update(request, customer_pk, pk):
    person = load_person(request, customer_pk, pk, "customers.change_person")
    form = PersonForm(request.POST or None, instance=person)
    return _save(request, form, person.customer, person)


def person_delete(request, customer_pk, pk):
    person = load_person(request, customer_pk, pk, "customers.delete_person")
    if request.method == "POST":
        services.person_delete(person=person)
        messages.success(request, _("Person “%(name)s” deleted.") % {"name": person})
        return redirect_after_post(request, person.customer.get_absolute_url())
    return render(request, "customers/person_confirm_delete.html", {"person": person})


def person_list(request, customer_pk):
    customer = load_customer(request, customer_pk, "customers.view_person")
    context = {**file_context(request, customer, "persons"), "persons": customer.persons.all()}
    return render(request, "customers/person_list.html", context)


@permission_required("customers.add_person", raise_exception=True)
def person_new(request):
    """ "Neu → Person" outside a customer file: choose the customer first."""
    if request.GET.get("customer", "").isdigit():
        return redirect("customers:person_create", int(request.GET["customer"]))
    query = request.GET.get("q", "")[:100]
    found = Customer.objects.active().search(query)[:CHOOSER_SIZE] if query.strip() else []
    return render(request, "customers/customer_choose.html", {"q": query, "found": found})
