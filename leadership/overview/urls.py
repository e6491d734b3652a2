"""Routes of the overview (namespace "overview"), all under /<lang>/overview/."""

from django.urls import path

from . import views

app_name = "overview"

urlpatterns = [
    path("", views.MovementView.as_view(), name="movement"),
    path("regions/<str:code>/", views.RegionView.as_view(), name="region"),
    path("organizations/<slug:slug>/", views.OrganizationView.as_view(), name="organization"),
    path("roles/<int:pk>/candidates/", views.CandidatesView.as_view(), name="candidates"),
    path(
        "roles/<int:pk>/candidates/<int:person_pk>/invite/",
        views.InviteView.as_view(),
        name="invite",
    ),
    path("competencies/", views.PeersView.as_view(), name="peers"),
    path("competencies/<slug:slug>/", views.PeerCompetencyView.as_view(), name="peer_competency"),
    path("me/", views.MyDevelopmentView.as_view(), name="me"),
]
