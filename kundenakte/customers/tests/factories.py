"""Building test customers through the real services, so derived columns and rules hold."""

from itertools import count

from kundenakte.customers import services
from kundenakte.customers.models import Customer, Person, Status

_seq = count(1)


def make_customer(*, user=None, tags=(), number: bool = False, **fields) -> Customer:
    """A valid company customer; pass fields to override, `number=True` to assign a number."""
    n = next(_seq)
    defaults = {
        "kind": Customer.Kind.COMPANY,
        "company_name": f"Firma {n} GmbH",
        "short_name": f"Firma {n}",
        "street": "Hauptstraße 1",
        "postal_code": "10115",
        "city": "Berlin",
    }
    if fields.get("kind") == Customer.Kind.PERSON:
        defaults.update(company_name="", last_name=f"Person{n}")
    defaults.update(fields)
    customer = services.customer_create(
        user=user, customer=Customer(**defaults), tag_names=list(tags)
    )
    if number:
        customer = services.customer_assign_number(user=user, customer=customer)
    return customer


def make_person(customer: Customer, **fields) -> Person:
    defaults = {"first_name": "Kim", "last_name": f"Weber{next(_seq)}"}
    defaults.update(fields)
    return services.person_save(person=Person(customer=customer, **defaults))


def status(name: str) -> Status:
    return Status.objects.get(name=name)


def company_form_data(**overrides) -> dict:
    """What the customer form posts for a valid company prospect; pass fields to override."""
    data = {
        "kind": "company",
        "company_name": "Müller Haustechnik GmbH",
        "short_name": "",
        "street": "Lindenstraße 4",
        "postal_code": "50667",
        "city": "Köln",
        "country": "DE",
        "payment_terms_days": "14",
        "status": status("Interessent").pk,
        "tag_names": "",
    }
    data.update(overrides)
    return data
