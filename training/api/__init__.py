"""The training app's REST API: courses, sessions and enrollments (its routes in routes.py)."""
