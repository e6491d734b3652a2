"""Accounts' sessions: remembered at sign-in, ended on the server when the account may no longer use them.

Refusing a session is not enough for a deactivated or deleted account: the session row would still hold the
account's id and the data of its pages until it expires, and a re-activated account would find it alive.
So every session of an account is deleted from the session store, the way sign-out deletes one.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction

from ..models import AccountSession


def _session_store() -> SessionBase:
    store: SessionBase = import_module(settings.SESSION_ENGINE).SessionStore()
    return store


@transaction.atomic
def account_session_start(*, user: Any, session_key: str | None) -> None:
    """Remember that a session belongs to an account (at every sign-in); forget its sessions that ended.

    Sessions that expired or were flushed leave their rows behind; they are dropped here, at the next
    sign-in, so that an account keeps as many rows as it has live sessions.
    """
    if not session_key:  # a session engine without server-side keys: nothing to end later
        return
    store = _session_store()
    ended = [
        key
        for key in AccountSession.objects.filter(user=user)
        .exclude(session_key=session_key)
        .values_list("session_key", flat=True)
        if not store.exists(key)
    ]
    AccountSession.objects.filter(session_key__in=ended).delete()
    AccountSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


def account_session_forget(*, session_key: str | None) -> None:
    """Forget a session that sign-out is about to delete."""
    if session_key:
        AccountSession.objects.filter(session_key=session_key).delete()


@transaction.atomic
def account_sessions_end(*, user: Any, keep: str | None = None) -> int:
    """Delete every session of the account from the session store, except keep (the current one) if given.

    Returns how many sessions were ended.
    """
    rows = AccountSession.objects.select_for_update().filter(user=user)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    store = _session_store()
    for key in keys:
        store.delete(key)
    AccountSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def account_deactivate(*, user: Any) -> None:
    """Deactivate an account: it can no longer sign in, and every session it had ends now."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    account_sessions_end(user=user)


def sessions_clear_expired() -> int:
    """Delete expired sessions, which Django keeps until told, and the rows of sessions that are gone.

    An expired session still holds its account's id and what its pages stored; keeping it serves nobody.
    Returns how many account sessions were forgotten.
    """
    store = _session_store()
    store.clear_expired()
    gone = [
        row.pk
        for row in AccountSession.objects.only("session_key").iterator()
        if not store.exists(row.session_key)
    ]
    AccountSession.objects.filter(pk__in=gone).delete()
    return len(gone)
