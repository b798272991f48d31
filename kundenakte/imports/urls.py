from django.urls import path

from kundenakte.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_start, name="start"),
    path("<int:pk>/", views.import_run, name="run"),
    path("<int:pk>/read-options/", views.import_read_options, name="read_options"),
    path("<int:pk>/mapping/", views.import_mapping, name="mapping"),
    path("<int:pk>/decisions/", views.import_decide, name="decide"),
    path("<int:pk>/apply/", views.import_apply, name="apply"),
    path("<int:pk>/undo/", views.import_undo, name="undo"),
]
