"""The outbox: emails are rows with a one-click unsubscribe, sent once by a task, purged when old."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from post_office.models import STATUS, Email

from leadership.common.emails import address_hash, email_queue, read_unsubscribe_token, unsubscribe_token
from leadership.common.enums import EmailKind
from leadership.common.models import EmailOptOut
from leadership.common.tasks import purge_old_emails, send_pending_emails

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase-77"
INVALID_LINK = (
    "This unsubscribe link is not valid. Copy the whole link from the email, or sign in and change your "
    "email settings."
)


def _sign_up(client, email="grace@example.org", language="en"):
    with translation.override(language):
        url = reverse("account_signup")
    return client.post(url, {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def _link_path(email: Email) -> str:
    return email.headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")


def _queue(kind=EmailKind.MEMBERSHIP, to="grace@example.org"):
    return email_queue(to=to, kind=kind, subject="Subject", body="Body")


def _unsubscribe_target(email: Email) -> tuple[str, str, str]:
    """(language prefix, address hash, kind) that an email's List-Unsubscribe link stands for."""
    match = re.fullmatch(
        r"<http://testserver/(\w+(?:-\w+)?)/unsubscribe/([^/]+)/>", email.headers["List-Unsubscribe"]
    )
    assert match, email.headers["List-Unsubscribe"]
    return (match.group(1), *read_unsubscribe_token(match.group(2)))


def test_signup_writes_outbox_row_with_unsubscribe_header_and_footer_in_active_language(client):
    _sign_up(client, language="fr")

    email = Email.objects.get()
    link = email.headers["List-Unsubscribe"].strip("<>")
    with translation.override("fr"):
        footer_line = f"{gettext('Unsubscribe from these emails in one click:')} {link}"
    assert (email.to, email.status, email.subject) == (
        ["grace@example.org"],
        STATUS.queued,
        "Confirmez votre adresse e-mail",
    )
    assert _unsubscribe_target(email) == ("fr", address_hash("grace@example.org"), EmailKind.ACCOUNT)
    assert {key: value for key, value in email.headers.items() if key != "List-Unsubscribe"} == {
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": "fr",
    }
    assert email.message.rstrip().endswith(footer_line)
    assert "http://testserver/fr/accounts/confirm-email/" in email.message


def test_signup_email_is_sent_after_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client)

    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["grace@example.org"], "Please Confirm Your Email Address")
    ]
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Email.objects.get().status == STATUS.sent


def test_unsubscribe_get_shows_confirmation_without_recording(client):
    email = _queue()

    response = client.get(_link_path(email))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'method="post"' in page
    assert str(EmailKind.MEMBERSHIP.label) in page
    assert EmailOptOut.objects.count() == 0


def test_unsubscribe_one_click_post_without_csrf_records_opt_out(client):
    email = _queue()

    response = Client(enforce_csrf_checks=True).post(_link_path(email), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "cdx-message--success" in response.content.decode()
    assert list(EmailOptOut.objects.values_list("kind", flat=True)) == [EmailKind.MEMBERSHIP]


def test_unsubscribe_twice_keeps_one_opt_out(client):
    path = _link_path(_queue())

    statuses = [client.post(path).status_code, client.post(path).status_code]

    assert (statuses, EmailOptOut.objects.count()) == ([200, 200], 1)


def test_unsubscribed_kind_is_not_queued_while_other_kinds_are(client):
    client.post(_link_path(_queue(kind=EmailKind.ACCOUNT)))

    skipped = _queue(kind=EmailKind.ACCOUNT, to="GRACE@example.org")
    kept = _queue(kind=EmailKind.MEMBERSHIP)
    other_address = _queue(kind=EmailKind.ACCOUNT, to="ada@example.org")

    assert skipped is None
    assert (kept is None, other_address is None) == (False, False)
    assert sorted((email.to[0], _unsubscribe_target(email)) for email in Email.objects.all()) == sorted(
        [
            ("ada@example.org", ("en", address_hash("ada@example.org"), EmailKind.ACCOUNT)),
            ("grace@example.org", ("en", address_hash("grace@example.org"), EmailKind.ACCOUNT)),
            ("grace@example.org", ("en", address_hash("grace@example.org"), EmailKind.MEMBERSHIP)),
        ]
    )


def test_unsubscribed_address_signup_writes_no_account_email(client):
    token = unsubscribe_token(address="grace@example.org", kind=EmailKind.ACCOUNT)
    client.post(reverse("common:unsubscribe", kwargs={"token": token}))

    response = _sign_up(client)

    assert (response.status_code, Email.objects.count()) == (302, 0)


@pytest.mark.parametrize("method", ["get", "post"])
def test_unsubscribe_tampered_token_is_400_with_translated_message(client, method):
    token = unsubscribe_token(address="grace@example.org", kind=EmailKind.MEMBERSHIP)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    with translation.override("fr"):
        url = reverse("common:unsubscribe", kwargs={"token": tampered})
        expected = gettext(INVALID_LINK)

    response = getattr(client, method)(url)

    page = response.content.decode()
    assert response.status_code == 400
    assert expected in page
    assert 'lang="fr"' in page
    assert EmailOptOut.objects.count() == 0


def test_unsubscribe_token_for_unknown_kind_is_400(client):
    from django.conf import settings
    from django.core import signing

    token = signing.dumps({"h": "0" * 64, "k": "newsletter"}, salt=settings.EMAIL_UNSUBSCRIBE_SALT)

    response = client.post(reverse("common:unsubscribe", kwargs={"token": token}))

    assert (response.status_code, EmailOptOut.objects.count()) == (400, 0)


def test_send_pending_emails_sends_each_email_once_when_run_twice():
    first = _queue(to="grace@example.org")
    second = _queue(to="ada@example.org")

    sent = [send_pending_emails(), send_pending_emails()]

    assert sent == [2, 0]
    assert sorted(message.to[0] for message in mail.outbox) == ["ada@example.org", "grace@example.org"]
    assert sorted(Email.objects.values_list("id", "status")) == sorted(
        [(first.id, STATUS.sent), (second.id, STATUS.sent)]
    )


def test_send_pending_emails_sends_footer_and_headers():
    _queue()

    send_pending_emails()

    message = mail.outbox[0]
    assert re.search(r"http://testserver/en/unsubscribe/[^/\s]+/", message.body)
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/en/unsubscribe/")


def test_purge_old_emails_deletes_only_old_sent_ones(settings):
    settings.EMAIL_RETENTION_DAYS = 30
    old_sent, new_sent, old_queued = _queue(), _queue(), _queue()
    send_pending_emails()
    Email.objects.filter(pk=old_queued.pk).update(status=STATUS.queued)
    long_ago = timezone.now() - timedelta(days=31)
    Email.objects.filter(pk__in=[old_sent.pk, old_queued.pk]).update(last_updated=long_ago)

    deleted = purge_old_emails()

    assert deleted == 1
    assert sorted(Email.objects.values_list("id", flat=True)) == sorted([new_sent.pk, old_queued.pk])
