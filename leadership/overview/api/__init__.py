"""The overview's REST API: the figures and lists of the overview pages as JSON (/api/v1/overview/...)."""
