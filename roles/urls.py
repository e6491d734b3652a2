from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("me/", views.MeView.as_view(), name="me"),
]
