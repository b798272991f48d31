"""What the documents app adds to the customer file (see kundenakte.customers.file)."""

from django.utils.translation import gettext_lazy as _

from kundenakte.customers import file

_NEW = [
    (_("Quote"), "quotes", "quotes_enabled", 10),
    (_("Invoice"), "invoices", "invoices_enabled", 20),
    (_("Delivery note"), "delivery-notes", "delivery_notes_enabled", 30),
]


def register_customer_file_parts() -> None:
    file.register(
        new_entries=[
            file.NewEntry(
                label, "documents:create", "documents.add_document", module, order, (slug,)
            )
            for label, slug, module, order in _NEW
        ],
    )
