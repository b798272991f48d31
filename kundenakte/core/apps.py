from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_generation(sender, using, **kwargs) -> None:
    """Put back the change counter's triggers, which SQLite drops when a migration rebuilds a
    table (see kundenakte.core.generation)."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from kundenakte.core import generation

    connection = connections[using]
    # Not after a migration back to before the counter existed.
    if ("core", "0002_generation") in MigrationRecorder(connection).applied_migrations():
        generation.ensure(connection)


class CoreConfig(AppConfig):
    name = "kundenakte.core"
    verbose_name = "Core"

    def ready(self) -> None:
        post_migrate.connect(
            _ensure_generation, sender=self, dispatch_uid="kundenakte.core.generation"
        )
