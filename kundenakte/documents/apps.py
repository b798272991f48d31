from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "kundenakte.documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from kundenakte.documents.customer_file import register_customer_file_parts

        register_customer_file_parts()
