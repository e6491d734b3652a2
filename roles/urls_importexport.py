"""Routes of the importexport area of the roles app (namespace "roles")."""

urlpatterns: list = []
