"""Links to nominations from other apps' pages (their templates load this library; their code imports nothing)."""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors import role_open_call

register = template.Library()


@register.simple_tag
def open_call_for_role(role: Any) -> Any:
    """The role's open call, if the role is open for nominations (no query otherwise)."""
    if role is None or not getattr(role, "open_for_nominations", False):
        return None
    return role_open_call(role=role)
