"""Routes of the importexport area of the roles app (namespace "roles").

The directory's exports (roles/export.csv, roles/export.json) live with the directory in urls_roles.py.
"""

from django.urls import path

from .views import importexport as views

urlpatterns: list = [
    path("organizations/<slug:slug>/roles/import/", views.RoleImportView.as_view(), name="role_import"),
    path(
        "organizations/<slug:slug>/roles/import/confirm/",
        views.RoleImportConfirmView.as_view(),
        name="role_import_confirm",
    ),
    path(
        "organizations/<slug:slug>/roles/import/template.csv",
        views.RoleImportTemplateView.as_view(),
        name="role_import_template",
    ),
]
