"""What the customer search looks in: `Customer.search_text`, built from the fields named here.

The list's search matches words against one stored text per customer (core.text folds umlauts
both ways; customers.search_index indexes it), so a field is searchable once it is part of that
text. To make a new customer field searchable, name it in CUSTOMER_FIELDS and end the migration
that adds the field with `RefreshSearchText(CUSTOMER_FIELDS_AS_NOW)` — a frozen copy of the tuple —
so existing customers become findable by it too. `test_search_text.py` fails while the newest
RefreshSearchText of the customer migrations names other fields than this module.
"""

from collections.abc import Iterable

from django.db import migrations

from kundenakte.core import text

CUSTOMER_FIELDS = (
    "number",
    "legacy_number",
    "short_name",
    "company_name",
    "company_name_2",
    "first_name",
    "last_name",
    "postal_code",
    "city",
    "email",
    "phone",
    "mobile",
)
# Also as bare digits, so that "030 / 12 34" is found by "03012".
DIGIT_FIELDS = ("phone", "mobile")
# The customer's persons are found by their names, e-mail and phone number.
PERSON_FIELDS = ("first_name", "last_name", "email")
PERSON_DIGIT_FIELDS = ("phone",)


def document(customer, persons: Iterable, tag_names: Iterable[str], fields=CUSTOMER_FIELDS) -> str:
    """The search text of a customer with its persons and the names of its tags."""
    parts = [getattr(customer, name) for name in fields]
    parts += [text.digits(getattr(customer, name)) for name in DIGIT_FIELDS]
    for person in persons:
        parts += [getattr(person, name) for name in PERSON_FIELDS]
        parts += [text.digits(getattr(person, name)) for name in PERSON_DIGIT_FIELDS]
    parts += list(tag_names)
    return text.search_document(*parts)


class RefreshSearchText(migrations.RunPython):
    """A migration step that rebuilds the search text of every customer from `fields`.

    The fields are given as the migration knew them, because a migration must run the same way
    later, when CUSTOMER_FIELDS may name fields its historical model does not have yet.
    """

    def __init__(self, fields: tuple[str, ...]):
        self.fields = tuple(fields)
        super().__init__(self._refresh, migrations.RunPython.noop, elidable=True)

    def _refresh(self, apps, schema_editor) -> None:
        customer_model = apps.get_model("customers", "Customer")
        customers = customer_model.objects.using(schema_editor.connection.alias)
        batch = []
        for customer in customers.prefetch_related("persons", "tags").iterator(chunk_size=1000):
            tags = (tag.name for tag in customer.tags.all())
            customer.search_text = document(customer, customer.persons.all(), tags, self.fields)
            batch.append(customer)
            if len(batch) == 1000:
                customers.bulk_update(batch, ["search_text"])
                batch = []
        customers.bulk_update(batch, ["search_text"])
