from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "kundenakte.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from kundenakte.accounts.roles import roles_sync

        # Permissions are created in post_migrate, so the role groups are synced after them.
        post_migrate.connect(roles_sync, dispatch_uid="kundenakte.accounts.roles_sync")
