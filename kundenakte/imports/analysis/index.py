"""The keys by which rows find existing customers, read in one query per key, not per row.

For 100,000 customers the dicts take some 30 MB; a query per row would take minutes.
"""

from django.db.models import Prefetch

from kundenakte.customers.matching import email_key
from kundenakte.customers.models import Customer, Person


class CustomerIndex:
    def __init__(self) -> None:
        self.by_number: dict[str, int] = {}
        self.number_of: dict[int, str | None] = {}
        self.legacy: dict[str, int] = {}
        self.by_vat: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        rows = Customer.objects.order_by("pk").values_list(
            "pk", "number", "legacy_number", "vat_id", "email", "name_key", "postal_code"
        )
        for pk, number, legacy, vat_id, email, name_key, postal_code in rows.iterator(
            chunk_size=5000
        ):
            self.number_of[pk] = number
            if number:
                self.by_number[number] = pk
            if legacy:
                self.legacy.setdefault(legacy, pk)
            if vat_id:
                self.by_vat.setdefault(vat_id, pk)
            if email:
                self.by_email.setdefault(email_key(email), pk)
            if name_key:
                self.by_name.setdefault((name_key, postal_code), pk)

    def add(self, customer: Customer) -> None:
        """A customer the import has just created, so that later rows find it."""
        self.number_of[customer.pk] = customer.number


def load_customers(pks) -> dict[int, Customer]:
    """The customers of a chunk of rows with their persons and tags, in three queries."""
    persons = Prefetch("persons", queryset=Person.objects.order_by("-is_primary", "id"))
    customers = Customer.objects.filter(pk__in=list(pks)).prefetch_related(persons, "tags")
    return {customer.pk: customer for customer in customers}
