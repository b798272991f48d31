"""The project's URLs plus one view that fails, for the tests of the server error page."""

from django.urls import include, path


def fail(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("fail/", fail), path("", include("kundenakte.urls"))]
