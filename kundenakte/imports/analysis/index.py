"""The keys by which rows find existing customers, read in one query per key, not per row.

For 100,000 customers the dicts take some 30 MB; a query per row would take minutes.
"""

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


def load_customers(pks) -> dict[int, tuple[Customer, list[Person], list[tuple[int, str]]]]:
    """The customers of a chunk of rows with their persons and (tag id, tag name)s, in three
    plain queries (prefetch_related and a related manager per customer cost twice as much)."""
    pks = list(pks)
    customers = {c.pk: (c, [], []) for c in Customer.objects.filter(pk__in=pks)}
    for person in Person.objects.filter(customer_id__in=pks).order_by("-is_primary", "id"):
        customers[person.customer_id][1].append(person)
    links = Customer.tags.through.objects.filter(customer_id__in=pks).order_by("tag__key")
    for customer_id, tag_id, name in links.values_list("customer_id", "tag_id", "tag__name"):
        customers[customer_id][2].append((tag_id, name))
    return customers
