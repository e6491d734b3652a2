from django.urls import path

from . import urls_competencies, urls_importexport, urls_people, urls_roles
from .views import organizations as views

app_name = "roles"

urlpatterns = [
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    # Before <slug>, so that "propose" is never read as an organisation's slug.
    path("organizations/propose/", views.OrganizationProposeView.as_view(), name="organization_propose"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("organizations/<slug:slug>/edit/", views.OrganizationEditView.as_view(), name="organization_edit"),
    path("organizations/<slug:slug>/join/", views.OrganizationJoinView.as_view(), name="organization_join"),
    path(
        "organizations/<slug:slug>/members/",
        views.OrganizationMembersView.as_view(),
        name="organization_members",
    ),
    path(
        "organizations/<slug:slug>/members/invite/",
        views.OrganizationInviteView.as_view(),
        name="organization_invite",
    ),
    path(
        "organizations/<slug:slug>/members/<int:pk>/",
        views.MembershipChangeView.as_view(),
        name="membership_change",
    ),
    path(
        "organizations/<slug:slug>/members/<int:pk>/remove/",
        views.MembershipRemoveView.as_view(),
        name="membership_remove",
    ),
    path(
        "membership-requests/<int:pk>/decide/",
        views.MembershipRequestDecideView.as_view(),
        name="membership_request_decide",
    ),
    path(
        "membership-requests/<int:pk>/cancel/",
        views.MembershipRequestCancelView.as_view(),
        name="membership_request_cancel",
    ),
    path("invitations/<int:pk>/", views.InvitationView.as_view(), name="invitation"),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/export/", views.MeExportView.as_view(), name="me_export"),
    path("me/delete/", views.MeDeleteView.as_view(), name="me_delete"),
    # The registry's areas keep their routes in modules of their own.
    *urls_competencies.urlpatterns,
    *urls_roles.urlpatterns,
    *urls_people.urlpatterns,
    *urls_importexport.urlpatterns,
]
