"""Routes of the roles area of the roles app (namespace "roles")."""

urlpatterns: list = []
