"""allauth adapters: every account gets its Person; allauth's emails go through the outbox.

Also here: the allauth forms in Codex markup (allauth builds its own forms; these subclasses only add the
Codex widget classes) and the username that django-axes counts failed logins under.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account import forms as account_forms
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.socialaccount import forms as social_forms
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.conf import settings
from django.forms import BaseForm
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from leadership.common.emails import email_queue
from leadership.common.enums import EmailKind
from leadership.common.forms import CodexFormMixin

from .models import Person
from .services import person_for_user

WIKIMEDIA_PROVIDER = "mediawiki"


def _has_unclaimed_match(email: str) -> bool:
    return bool(email) and Person.objects.filter(user__isnull=True, email__iexact=email).exists()


def _wikimedia_username(user: Any) -> str:
    """The wiki username of the account's Wikimedia login, if it has one."""
    extra = (
        SocialAccount.objects.filter(user=user, provider=WIKIMEDIA_PROVIDER)
        .values_list("extra_data", flat=True)
        .first()
    )
    return str((extra or {}).get("username") or "").strip()


def _claimable_username(username: str, user: Any) -> str:
    """The username, unless another account's Person already holds it (it is unique among people).

    That Person's owner typed it into their profile, unverified; the Wikimedia login proves it, so it must
    not fail on it: this account then keeps the name without the username, and staff sort it out.
    """
    if not username:
        return ""
    taken = Person.objects.filter(wikimedia_username=username, user__isnull=False).exclude(user=user).exists()
    return "" if taken else username


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: BaseForm, commit: bool = True) -> Any:
        """Save a new account and make its Person.

        A sign-up through the Wikimedia login is left to SocialAccountAdapter, which knows the wiki
        username. When an unclaimed Person already has the (not yet verified) address, the account's Person
        waits for the confirmation, so that the confirmed address claims that Person instead of duplicating
        it; mandatory verification means nobody signs in before that.
        """
        user = super().save_user(request, user, form, commit=commit)
        if commit and getattr(form, "sociallogin", None) is None and not _has_unclaimed_match(user.email):
            person_for_user(user=user)
        return user

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        """Confirm the address, then claim the unclaimed Person it matches (or make the account's own)."""
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            person_for_user(user=email_address.user)
        return confirmed

    def login(self, request: HttpRequest, user: Any) -> None:
        """Every account that signs in has its Person (accounts made in the admin or the shell included).

        Called once every stage of the login passed, email verification included. An account connected to
        a Wikimedia login gets its wiki username, if its Person has none yet.
        """
        person_for_user(user=user, wikimedia_username=_claimable_username(_wikimedia_username(user), user))
        super().login(request, user)

    def format_email_subject(self, subject: str) -> str:
        return subject  # the sender's name says where the email comes from

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render allauth's email in the active language and queue it in the outbox (kind: account).

        The outbox adds the one-click unsubscribe header and footer; a worker sends it after the commit.
        """
        language = translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            site = SiteIdentity(
                name=gettext("Wikimedia leadership registry"), domain=urlsplit(settings.SITE_URL).netloc
            )
            context = {"email": email, "site_url": settings.SITE_URL, **context, "current_site": site}
            subject = render_to_string(f"{template_prefix}_subject.txt", context)
            body = render_to_string(f"{template_prefix}_message.txt", context)
        email_queue(
            to=email,
            kind=EmailKind.ACCOUNT,
            subject=self.format_email_subject(" ".join(subject.split())),
            body=body.strip(),
            language=language,
        )


@dataclass(frozen=True)
class SiteIdentity:
    """What allauth's email templates call `current_site`: our name and host, not django.contrib.sites'."""

    name: str
    domain: str


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: BaseForm | None = None) -> Any:
        """Save the account of a Wikimedia login; its wiki username claims or names its Person."""
        user = super().save_user(request, sociallogin, form)
        username = ""
        if sociallogin.account.provider == WIKIMEDIA_PROVIDER:
            username = str(sociallogin.account.extra_data.get("username") or "").strip()
        person_for_user(
            user=user, display_name=username, wikimedia_username=_claimable_username(username, user)
        )
        return user


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The name django-axes counts failures under: the address typed in allauth's "login" field, else the
    credentials (allauth authenticates with `email=`, the admin with `username=`), else the admin's field.

    The typed login comes first so that a success clears the failures counted under the same name (axes
    passes the account's username on success). Lower-cased, as email logins are case-insensitive.
    """
    posted = getattr(request, "POST", None) or {}
    candidates = [posted.get("login")]
    if credentials:
        candidates += [credentials.get(key) for key in ("email", "username", "login")]
    candidates.append(posted.get("username"))
    for value in candidates:
        if value:
            return str(value).strip().lower()
    return ""


# --- allauth's forms with Codex's widget classes (settings.ACCOUNT_FORMS, SOCIALACCOUNT_FORMS) -------------


class LoginForm(CodexFormMixin, account_forms.LoginForm):
    pass


class SignupForm(CodexFormMixin, account_forms.SignupForm):
    pass


class AddEmailForm(CodexFormMixin, account_forms.AddEmailForm):
    pass


class ChangePasswordForm(CodexFormMixin, account_forms.ChangePasswordForm):
    pass


class SetPasswordForm(CodexFormMixin, account_forms.SetPasswordForm):
    pass


class ResetPasswordForm(CodexFormMixin, account_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(CodexFormMixin, account_forms.ResetPasswordKeyForm):
    pass


class SocialSignupForm(CodexFormMixin, social_forms.SignupForm):
    pass
