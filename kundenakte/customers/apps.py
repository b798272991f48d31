from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "kundenakte.customers"
    verbose_name = "Customers"

    def ready(self) -> None:
        _register_file_parts()


def _register_file_parts() -> None:
    from django.utils.translation import gettext_lazy as _

    from kundenakte.customers import file

    file.register(
        tabs=[
            file.Tab(
                "overview", _("Overview"), "customers:detail", "customers.view_customer", order=0
            ),
            file.Tab(
                "persons", _("Persons"), "customers:persons", "customers.view_person", order=10
            ),
            file.Tab(
                "history", _("History"), "customers:history", "customers.view_customer", order=90
            ),
        ],
        new_entries=[
            file.NewEntry(_("Person"), "customers:person_new", "customers.add_person", order=90),
        ],
        counter=lambda customer: {"persons": customer.persons.count()},
    )
