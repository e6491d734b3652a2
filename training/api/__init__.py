"""The training app's REST API: courses, sessions and enrollments (registered in leadership/api.py)."""
