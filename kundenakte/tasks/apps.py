from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "kundenakte.tasks"
    verbose_name = "Tasks"

    def ready(self) -> None:
        from kundenakte.tasks.customer_file import register_customer_file_parts

        register_customer_file_parts()
