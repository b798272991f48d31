from django.urls import path

from kundenakte.tasks import views

app_name = "tasks"

urlpatterns = [
    path("", views.task_list, name="list"),
    path("new/", views.task_create, name="create"),
    path("customers/suggest/", views.customer_suggest, name="customer_suggest"),
    path("<int:pk>/edit/", views.task_update, name="edit"),
    path("<int:pk>/toggle/", views.task_toggle, name="toggle"),
    path("<int:pk>/delete/", views.task_delete, name="delete"),
]
