"""allauth's pages in the site's layout and Codex markup: password reset, email addresses, logout, the rest."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from post_office.models import Email

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "a-long-and-unusual-passphrase-77"


def _page(response) -> str:
    page = response.content.decode()
    assert 'class="site-header"' in page  # our base layout
    return page


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_login", "<h1>Log in</h1>"),
        ("account_signup", "<h1>Create an account</h1>"),
        ("account_reset_password", "<h1>Password Reset</h1>"),
        ("account_reset_password_done", "<h1>Password Reset</h1>"),
        ("account_email_verification_sent", "<h1>Verify Your Email Address</h1>"),
        ("account_inactive", "<h1>Account Inactive</h1>"),
        ("account_reset_password_from_key_done", "<h1>Change Password</h1>"),
        ("socialaccount_login_cancelled", "<h1>Login Cancelled</h1>"),
    ],
)
def test_anonymous_account_page_renders_in_site_layout(client, url_name, heading):
    response = client.get(reverse(url_name))

    page = _page(response)
    assert response.status_code == 200
    assert heading in re.sub(r"\s+", " ", page).replace("<h1> ", "<h1>").replace(" </h1>", "</h1>")


def test_account_page_renders_in_arabic_right_to_left(client):
    with translation.override("ar"):
        url = reverse("account_login")

    page = _page(client.get(url))

    assert '<html lang="ar" dir="rtl">' in page


def test_signup_form_renders_codex_fields(client):
    page = _page(client.get(reverse("account_signup")))

    assert page.count('class="cdx-text-input__input"') == 3
    assert page.count('class="cdx-field"') == 3
    assert 'class="cdx-button cdx-button--action-progressive cdx-button--weight-primary"' in page


def test_logout_page_asks_then_logs_out(client, plain_user):
    client.force_login(plain_user)

    page = _page(client.get(reverse("account_logout")))
    response = client.post(reverse("account_logout"))

    assert "Are you sure you want to sign out?" in page
    assert (response.status_code, response.url, "_auth_user_id" in client.session) == (
        302,
        reverse("home"),
        False,
    )


def test_password_reset_flow_sets_new_password(client, plain_user):
    requested = client.post(reverse("account_reset_password"), {"email": plain_user.email})
    link = re.search(r"http://testserver(/en/accounts/password/reset/key/\S+/)", Email.objects.get().message)

    form_url = client.get(link.group(1)).url
    form_page = _page(client.get(form_url))
    changed = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    plain_user.refresh_from_db()
    assert (requested.status_code, requested.url) == (302, reverse("account_reset_password_done"))
    assert 'class="cdx-text-input__input"' in form_page
    assert (changed.status_code, changed.url) == (302, reverse("account_reset_password_from_key_done"))
    assert plain_user.check_password(NEW_PASSWORD) is True


def test_password_reset_with_bad_key_shows_bad_token(client):
    response = client.get(reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "nope"}))

    assert (response.status_code, "Bad Token" in _page(response)) == (200, True)


def test_password_reset_bad_email_rerenders_with_data_and_translated_error(client):
    with translation.override("pt-br"):
        url = reverse("account_reset_password")

    response = client.post(url, {"email": "not an address"})

    page = _page(response)
    assert response.status_code == 200
    assert 'value="not an address"' in page
    assert "Insira um endereço de email válido." in page


def test_confirm_email_with_bad_key_says_expired(client):
    response = client.get(reverse("account_confirm_email", kwargs={"key": "not-a-key"}))

    assert (
        response.status_code,
        "This email confirmation link expired or is invalid." in _page(response),
    ) == (
        200,
        True,
    )


def test_email_page_lists_addresses_and_adds_one(client, plain_user):
    client.force_login(plain_user)

    page = _page(client.get(reverse("account_email")))
    added = client.post(reverse("account_email"), {"action_add": "", "email": "second@example.org"})

    assert plain_user.email in page
    assert 'class="cdx-radio__input"' in page
    assert 'aria-current="page">Email addresses</a>' in page
    assert added.status_code == 302
    assert list(
        EmailAddress.objects.filter(user=plain_user).order_by("email").values_list("email", "verified")
    ) == [
        ("plain@example.org", True),
        ("second@example.org", False),
    ]
    assert [email.to for email in Email.objects.all()] == [["second@example.org"]]


def test_email_page_bad_address_rerenders_with_data_and_translated_error(client, plain_user):
    client.force_login(plain_user)
    with translation.override("es"):
        url = reverse("account_email")

    response = client.post(url, {"action_add": "", "email": "second-at-example"})

    page = _page(response)
    assert response.status_code == 200
    assert 'value="second-at-example"' in page
    assert "Introduzca una dirección de correo electrónico válida." in page


def test_change_password_page_renders_codex_form(client, plain_user):
    client.force_login(plain_user)

    response = client.get(reverse("account_change_password"))

    assert (response.status_code, _page(response).count('class="cdx-text-input__input"')) == (200, 3)


def test_connections_page_offers_to_connect_wikimedia(client, plain_user, wikimedia_app):
    client.force_login(plain_user)

    response = client.get(reverse("socialaccount_connections"))

    assert (response.status_code, "Connect your Wikimedia account" in _page(response)) == (200, True)


def test_provider_login_page_asks_before_leaving_for_meta(client, wikimedia_app):
    response = client.get(reverse("mediawiki_login"))

    page = _page(response)
    assert response.status_code == 200
    assert "<h1>Log in with your Wikimedia account</h1>" in page
    assert 'method="post"' in page
    assert User.objects.count() == 0


def test_inactive_account_login_shows_inactive_page(client, password):
    UserFactory(username="gone", email="gone@example.org", is_active=False)

    response = client.post(reverse("account_login"), {"login": "gone@example.org", "password": password})
    page = client.get(response.url)

    assert (response.status_code, response.url, "_auth_user_id" in client.session) == (
        302,
        reverse("account_inactive"),
        False,
    )
    assert "This account is inactive." in _page(page)
