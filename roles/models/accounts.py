"""Accounts' signed-in sessions, so that the registry can end every session of an account on the server."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leadership.common.models import BaseModel


class AccountSession(BaseModel):
    """One signed-in session of an account, written at sign-in and removed at sign-out.

    Django's database sessions keep the account only inside their encoded data, so the sessions of one
    account cannot be found without decoding every session; this row finds them when the account is
    deactivated or deleted, or its password changes. allauth's `usersessions` app would do the same but
    stores every session's IP address and browser, personal data that the registry does not keep.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="account_sessions",
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("account session")
        verbose_name_plural = _("account sessions")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.session_key[:6]}…"
