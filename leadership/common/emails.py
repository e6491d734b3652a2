"""The outbox: every email is a row written in the transaction of its cause, sent later by a task.

A broker outage therefore delays an email and never loses it nor breaks the request that caused it: the
periodic task `common.send_pending_emails` sends whatever is still queued.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from post_office import mail
from post_office.models import Email

from .enums import EmailKind
from .models import EmailOptOut

logger = logging.getLogger("leadership")


def address_hash(address: str) -> str:
    """A keyed hash of an email address: lets us honour a wish without keeping the address."""
    return salted_hmac("leadership.address", address.strip().lower(), algorithm="sha256").hexdigest()


def unsubscribe_token(*, address: str, kind: str) -> str:
    return signing.dumps({"h": address_hash(address), "k": kind}, salt=settings.EMAIL_UNSUBSCRIBE_SALT)


def unsubscribe_url(*, address: str, kind: str, language: str) -> str:
    with translation.override(language):
        path = reverse("common:unsubscribe", kwargs={"token": unsubscribe_token(address=address, kind=kind)})
    return f"{settings.SITE_URL}{path}"


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    """The (address hash, kind) a token stands for, or None when it was tampered with."""
    try:
        data = signing.loads(token, salt=settings.EMAIL_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in EmailKind.values or not data.get("h"):
        return None
    return str(data["h"]), str(data["k"])


def email_unsubscribe(*, token: str) -> str | None:
    """Record the opt-out a token asks for; returns its kind, or None for a bad token. Idempotent."""
    parsed = read_unsubscribe_token(token)
    if parsed is None:
        return None
    digest, kind = parsed
    EmailOptOut.objects.get_or_create(address_hash=digest, kind=kind)
    return kind


def is_unsubscribed(*, address: str, kind: str) -> bool:
    return EmailOptOut.objects.filter(address_hash=address_hash(address), kind=kind).exists()


def email_queue(
    *,
    to: str,
    kind: str,
    subject: str,
    body: str,
    html: str = "",
    language: str | None = None,
) -> Email | None:
    """Write one email to the outbox, with a one-click unsubscribe for its kind.

    Returns None when the address unsubscribed from this kind. Sending happens after the commit.
    """
    if is_unsubscribed(address=to, kind=kind):
        return None
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    link = unsubscribe_url(address=to, kind=kind, language=language)
    with translation.override(language):
        footer = render_to_string(
            "emails/footer.txt", {"unsubscribe_url": link, "kind": EmailKind(kind).label}
        )
        html_footer = (
            render_to_string("emails/footer.html", {"unsubscribe_url": link, "kind": EmailKind(kind).label})
            if html
            else ""
        )
    email = mail.send(
        recipients=[to],
        sender=settings.DEFAULT_FROM_EMAIL,
        subject=" ".join(subject.split()),
        message=f"{body.rstrip()}\n\n{footer}",
        html_message=f"{html}{html_footer}" if html else "",
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
        },
        priority="medium",
        commit=True,
    )
    transaction.on_commit(schedule_delivery)
    return email


def email_queue_template(
    *, to: str, kind: str, template: str, context: dict[str, object], language: str | None = None
) -> Email | None:
    """Render templates/emails/<template>.subject.txt and .txt in the recipient's language and queue them."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}.subject.txt", context)
        body = render_to_string(f"emails/{template}.txt", context)
    return email_queue(to=to, kind=kind, subject=subject, body=body, language=language)


def schedule_delivery() -> None:
    """Ask a worker to send the outbox now; if the broker is down, the periodic task will."""
    from .tasks import send_pending_emails

    try:
        send_pending_emails.apply_async(retry=False)
    except Exception:  # the broker is unreachable: the row stays queued, nothing is lost
        logger.warning("email_delivery_deferred", extra={"reason": "broker unavailable"})


def emails_erase_address(address: str) -> int:
    """Erase every outbox row (and its delivery log) that was addressed to, or mentions, an address."""
    address = address.strip()
    if not address:
        return 0
    rows = Email.objects.filter(
        Q(to__icontains=address)
        | Q(cc__icontains=address)
        | Q(bcc__icontains=address)
        | Q(message__icontains=address)
        | Q(html_message__icontains=address)
    )
    _total, per_model = rows.delete()
    return per_model.get(Email._meta.label, 0)  # emails, not counting their delivery logs


def site_link(path: str, **params: str) -> str:
    """An absolute link to a path of the site, for emails."""
    query = f"?{urlencode(params)}" if params else ""
    return f"{settings.SITE_URL}{path}{query}"
