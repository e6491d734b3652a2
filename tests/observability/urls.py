"""A URLconf with a view that fails while holding a nominee's personal data, for the error report test."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from leadership.urls import urlpatterns as site_urlpatterns


@csrf_exempt  # posted to straight through the WSGI application, without a form
def fail_with_personal_data(request, token):
    nominee_email = request.POST["nominee_email"]  # a local variable holding personal data
    raise RuntimeError(f"could not notify {nominee_email} about {request.path}")


urlpatterns = [path("fail/<str:token>/", fail_with_personal_data, name="fail"), *site_urlpatterns]
