from django.urls import path

from kundenakte.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.settings_overview, name="settings"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/unlock/", views.user_unlock, name="user_unlock"),
    path("users/<int:pk>/edit/", views.user_update, name="user_edit"),
    path("users/<int:pk>/password/", views.user_set_password, name="user_password"),
]
