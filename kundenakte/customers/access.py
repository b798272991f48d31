"""Loading customer-side objects for a view: the object, or 404 / 403 — one helper per model."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kundenakte.customers.models import Customer, Person


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def load_customer(
    request, pk: int, perm: str = "customers.view_customer", *, persons: bool = False
) -> Customer:
    """The customer with its status; with `persons`, its persons prefetched too."""
    _require(request.user, perm)
    customers = Customer.objects.select_related("status")
    if persons:
        customers = customers.prefetch_related("persons")
    return get_object_or_404(customers, pk=pk)


def load_person(request, customer_pk: int, pk: int, perm: str = "customers.view_person") -> Person:
    _require(request.user, perm)
    return get_object_or_404(
        Person.objects.select_related("customer"), pk=pk, customer_id=customer_pk
    )
