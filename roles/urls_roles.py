"""Routes of the roles area of the roles app (namespace "roles")."""

from django.urls import path

from .views import roles as views

urlpatterns: list = [
    path("roles/", views.RoleListView.as_view(), name="role_list"),
    # Before <int:pk>: the exports of what the directory shows.
    path("roles/export.csv", views.RoleExportCsvView.as_view(), name="role_export_csv"),
    path("roles/export.json", views.RoleExportJsonView.as_view(), name="role_export_json"),
    path("roles/<int:pk>/", views.RoleDetailView.as_view(), name="role_detail"),
    path("roles/<int:pk>/edit/", views.RoleEditView.as_view(), name="role_edit"),
    path("roles/<int:pk>/delete/", views.RoleDeleteView.as_view(), name="role_delete"),
    path("roles/<int:pk>/holders/", views.RoleHoldersView.as_view(), name="role_holders"),
    path(
        "roles/<int:pk>/holders/<int:holder_pk>/edit/",
        views.RoleHolderEditView.as_view(),
        name="role_holder_edit",
    ),
    path(
        "roles/<int:pk>/holders/<int:holder_pk>/end/",
        views.RoleHolderEndView.as_view(),
        name="role_holder_end",
    ),
    path(
        "roles/<int:pk>/holders/<int:holder_pk>/delete/",
        views.RoleHolderDeleteView.as_view(),
        name="role_holder_delete",
    ),
    path("organizations/<slug:slug>/roles/new/", views.RoleCreateView.as_view(), name="role_create"),
    path("organizations/<slug:slug>/roles/adapt/", views.RoleAdaptView.as_view(), name="role_adapt"),
    path(
        "organizations/<slug:slug>/matrix/",
        views.OrganizationMatrixView.as_view(),
        name="organization_matrix",
    ),
    path("role-templates/", views.RoleTemplateListView.as_view(), name="role_template_list"),
    path("role-templates/<slug:slug>/", views.RoleTemplateDetailView.as_view(), name="role_template_detail"),
]
