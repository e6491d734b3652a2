"""Routes of the competencies area of the roles app (namespace "roles")."""

urlpatterns: list = []
