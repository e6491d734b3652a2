"""A URLconf with a view that fails, to render the 500 page."""

from django.urls import path

from leadership.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a deliberate failure for the 500 page test")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
