"""Sign-in, sign-out and password changes, heard from Django's and allauth's signals, reach the sessions
services: they happen inside Django's and allauth's own views, and these signals are where those views say so.
The receivers only hand over to roles.services.sessions, which holds the rules.
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as allauth_signals
from django.contrib.auth import signals as auth_signals
from django.http import HttpRequest

from .services import sessions


def on_signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Every sign-in (email, Wikimedia, admin) remembers its session for the account."""
    if request is not None and hasattr(request, "session"):
        sessions.account_session_start(user=user, session_key=request.session.session_key)


def on_signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Sign-out deletes the session itself (Django's logout flushes it); its row goes with it."""
    if request is not None and hasattr(request, "session"):
        sessions.account_session_forget(session_key=request.session.session_key)


def on_password_changed(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """A new password ends the account's other sessions on the server and keeps the one that changed it.

    Django's password hash check already refuses the other sessions; deleting them leaves nothing behind.
    The current session got a new key when it was kept (update_session_auth_hash), so it is remembered again.
    """
    current = None
    if request is not None and getattr(request, "user", None) is not None and request.user.pk == user.pk:
        current = request.session.session_key
    sessions.account_sessions_end(user=user, keep=current)
    if current:
        sessions.account_session_start(user=user, session_key=current)


def connect() -> None:
    auth_signals.user_logged_in.connect(on_signed_in, dispatch_uid="roles.sessions.signed_in")
    auth_signals.user_logged_out.connect(on_signed_out, dispatch_uid="roles.sessions.signed_out")
    allauth_signals.password_changed.connect(
        on_password_changed, dispatch_uid="roles.sessions.password_changed"
    )
    allauth_signals.password_set.connect(on_password_changed, dispatch_uid="roles.sessions.password_set")
    allauth_signals.password_reset.connect(on_password_changed, dispatch_uid="roles.sessions.password_reset")
