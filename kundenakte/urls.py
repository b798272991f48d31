from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="customers:list"), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    # The customer file's tabs that other apps add; before the customers app's own URLs.
    path("customers/import/", include("kundenakte.imports.urls")),
    path("customers/", include("kundenakte.documents.customer_urls")),
    path("customers/", include("kundenakte.tasks.customer_urls")),
    path("customers/", include("kundenakte.customers.urls")),
    path("documents/", include("kundenakte.documents.urls")),
    path("tasks/", include("kundenakte.tasks.urls")),
    path("settings/", include("kundenakte.accounts.urls")),
    path("settings/", include("kundenakte.customers.settings_urls")),
]
