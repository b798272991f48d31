"""The tasks tab of the customer file, mounted under /customers/<pk>/."""

from django.urls import path

from kundenakte.tasks import views_customer

app_name = "customer_tasks"

urlpatterns = [
    path("<int:pk>/tasks/", views_customer.customer_tasks, name="tasks"),
]
