from django.urls import path

from kundenakte.customers.views import bulk, customer_list, customers, export, persons, tags

app_name = "customers"

urlpatterns = [
    path("", customer_list.customer_list, name="list"),
    path("export.csv", export.customer_export_csv, name="export_csv"),
    path("export.xlsx", export.customer_export_xlsx, name="export_xlsx"),
    path("bulk/", bulk.customer_bulk, name="bulk"),
    path("new/", customers.customer_create, name="create"),
    path("tags/suggest/", tags.tag_suggest, name="tag_suggest"),
    path("<int:pk>/", customers.customer_detail, name="detail"),
    path("<int:pk>/edit/", customers.customer_update, name="edit"),
    path("<int:pk>/delete/", customers.customer_delete, name="delete"),
    path("<int:pk>/archive/", customers.customer_archive, name="archive"),
    path("<int:pk>/number/", customers.customer_assign_number, name="assign_number"),
    path("<int:pk>/history/", customers.customer_history_view, name="history"),
    path("<int:pk>/tags/", tags.customer_tag_add, name="tag_add"),
    path("<int:pk>/tags/<int:tag_pk>/remove/", tags.customer_tag_remove, name="tag_remove"),
    path("persons/new/", persons.person_new, name="person_new"),
    path("<int:customer_pk>/persons/", persons.person_list, name="persons"),
    path("<int:customer_pk>/persons/new/", persons.person_create, name="person_create"),
    path("<int:customer_pk>/persons/<int:pk>/edit/", persons.person_update, name="person_edit"),
    path("<int:customer_pk>/persons/<int:pk>/delete/", persons.person_delete, name="person_delete"),
]
