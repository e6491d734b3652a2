"""Routes of the competencies area of the roles app (namespace "roles")."""

from django.urls import path

from .views import competencies as views

urlpatterns: list = [
    path("competencies/", views.CompetencyListView.as_view(), name="competency_list"),
    path("competencies/<slug:slug>/", views.CompetencyDetailView.as_view(), name="competency_detail"),
]
