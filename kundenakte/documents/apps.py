from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "kundenakte.documents"
    verbose_name = "Documents"
