from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_database_objects(sender, using, **kwargs) -> None:
    """Put back the document tallies' triggers: SQLite drops them when a migration rebuilds the
    document table, and a flush empties PostgreSQL's tally without firing them."""
    from django.db import connections

    from kundenakte.documents.revenue import revenue_ensure

    revenue_ensure(connections[using])


class DocumentsConfig(AppConfig):
    name = "kundenakte.documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from kundenakte.documents.customer_file import register_customer_file_parts

        post_migrate.connect(
            _ensure_database_objects, sender=self, dispatch_uid="kundenakte.documents.db_objects"
        )
        register_customer_file_parts()
