"""Reads of the overview: materialised figures (figures.py) and lists of people (people.py)."""

from .figures import *  # noqa: F403
from .people import *  # noqa: F403
