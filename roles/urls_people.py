"""Routes of the people area of the roles app (namespace "roles")."""

urlpatterns: list = []
