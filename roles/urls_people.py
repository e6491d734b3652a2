"""Routes of the people area of the roles app (namespace "roles")."""

from django.urls import path

from .views import people as views

urlpatterns: list = [
    path("people/", views.PeopleListView.as_view(), name="people_list"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path(
        "people/<int:pk>/confirm/",
        views.PersonConfirmCompetencyView.as_view(),
        name="person_confirm_competency",
    ),
    path("people/<int:pk>/gap/", views.PersonGapView.as_view(), name="person_gap"),
    path("me/competencies/", views.MeCompetenciesView.as_view(), name="me_competencies"),
]
