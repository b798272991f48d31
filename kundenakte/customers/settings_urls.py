"""Administrators' pages for statuses and tags, mounted under /settings/."""

from django.urls import path

from kundenakte.customers.views import statuses, tags

app_name = "customer_settings"

urlpatterns = [
    path("statuses/", statuses.status_list, name="status_list"),
    path("statuses/new/", statuses.status_create, name="status_create"),
    path("statuses/<int:pk>/edit/", statuses.status_update, name="status_edit"),
    path("statuses/<int:pk>/delete/", statuses.status_delete, name="status_delete"),
    path("statuses/<int:pk>/move/", statuses.status_move, name="status_move"),
    path("tags/", tags.tag_list, name="tag_list"),
    path("tags/<int:pk>/rename/", tags.tag_rename, name="tag_rename"),
    path("tags/<int:pk>/merge/", tags.tag_merge, name="tag_merge"),
    path("tags/<int:pk>/delete/", tags.tag_delete, name="tag_delete"),
]
