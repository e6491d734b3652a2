from django.urls import path

from . import views

app_name = "common"

urlpatterns = [
    path("lookups/<slug:source>/", views.LookupView.as_view(), name="lookup"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
