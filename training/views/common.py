"""What the training pages share: the viewer's Person and time zone."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from roles import selectors as roles_selectors
from roles.models import Person
from roles.services import person_for_user


def person_of(request: HttpRequest) -> Person:
    """The signed-in account's Person (created on the spot for accounts made outside sign-up)."""
    person = roles_selectors.person_of(request.user)
    if person is None:
        person = person_for_user(user=request.user)
    return person


def viewer_zone(request: HttpRequest) -> Any:
    """The time zone chosen in the viewer's profile; None for a visitor (the browser's zone is used)."""
    person = roles_selectors.person_of(request.user)
    return person.time_zone if person is not None else None
