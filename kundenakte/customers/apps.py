from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "kundenakte.customers"
    verbose_name = "Customers"
