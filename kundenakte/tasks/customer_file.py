"""What the tasks app adds to the customer file (see kundenakte.customers.file)."""

from django.utils.translation import gettext_lazy as _

from kundenakte.customers import file


def register_customer_file_parts() -> None:
    file.register(
        new_entries=[
            file.NewEntry(_("Task"), "tasks:create", "tasks.add_task", "tasks_enabled", 40)
        ],
    )
