"""The customer list. Issue #3 extends it with every filter, sorting, bulk actions and exports."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from kundenakte.customers.models import Customer

PAGE_SIZE = 50


@permission_required("customers.view_customer", raise_exception=True)
def customer_list(request):
    customers = Customer.objects.active().select_related("status")
    query = request.GET.get("q", "")[:200]
    if query:
        customers = customers.search(query)
    page = Paginator(customers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "customers/customer_list.html", {"page": page, "q": query})
