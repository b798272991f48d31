from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_database_objects(sender, using, **kwargs) -> None:
    """Put back the search index and count tallies that live outside Django's models.

    SQLite drops a table's triggers when a migration rebuilds the table, and a flush empties
    PostgreSQL's tables without firing the triggers; both are repaired here after every migrate.
    """
    from django.db import connections

    from kundenakte.customers.search_index import search_index_ensure
    from kundenakte.customers.tally import tally_ensure

    connection = connections[using]
    search_index_ensure(connection)
    tally_ensure(connection)


class CustomersConfig(AppConfig):
    name = "kundenakte.customers"
    verbose_name = "Customers"

    def ready(self) -> None:
        post_migrate.connect(
            _ensure_database_objects, sender=self, dispatch_uid="kundenakte.customers.db_objects"
        )
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
