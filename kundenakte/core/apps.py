from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kundenakte.core"
    verbose_name = "Core"
