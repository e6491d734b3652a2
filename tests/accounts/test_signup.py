"""Email sign-up, confirmation and login: every account gets its Person, and claims an unclaimed one."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from post_office.models import Email

from roles.models import Person
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "a-long-and-unusual-passphrase-77"


def _sign_up(client, email="grace@example.org", language="en", **overrides):
    data = {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, **overrides}
    with translation.override(language):
        url = reverse("account_signup")
    return client.post(url, data)


def _confirmation_path(email_row: Email) -> str:
    match = re.search(r"http://testserver(/\w+(?:-\w+)?/accounts/confirm-email/[^/\s]+/)", email_row.message)
    assert match, email_row.message
    return match.group(1)


def test_signup_creates_account_person_and_unverified_email(client):
    response = _sign_up(client)

    user = User.objects.get()
    assert (response.status_code, response.url) == (302, reverse("account_email_verification_sent"))
    assert (user.person.display_name, user.person.email, user.person.wikimedia_username) == (
        "grace",
        "grace@example.org",
        "",
    )
    assert list(EmailAddress.objects.values_list("email", "verified")) == [("grace@example.org", False)]
    assert "_auth_user_id" not in client.session


def test_signup_confirm_email_logs_in_and_keeps_the_person(client):
    _sign_up(client)
    person = Person.objects.get()

    path = _confirmation_path(Email.objects.get())
    page = client.get(path)
    confirmed = client.post(path)

    assert page.status_code == 200
    assert (confirmed.status_code, confirmed.url) == (302, reverse("roles:me"))
    assert list(EmailAddress.objects.values_list("verified", flat=True)) == [True]
    assert (Person.objects.get(), int(client.session["_auth_user_id"])) == (person, User.objects.get().pk)


def test_signup_claims_unclaimed_person_on_email_confirmation(client):
    holder = PersonFactory(display_name="Grace Hopper", email="grace@example.org")

    _sign_up(client, email="Grace@example.org")
    unconfirmed_people = list(Person.objects.values_list("display_name", "user"))
    client.post(_confirmation_path(Email.objects.get()))

    holder.refresh_from_db()
    user = User.objects.get()
    assert unconfirmed_people == [("Grace Hopper", None)]
    assert (Person.objects.count(), holder.user, holder.display_name) == (1, user, "Grace Hopper")


def test_signup_does_not_claim_a_person_before_the_email_is_confirmed(client):
    holder = PersonFactory(display_name="Grace Hopper", email="grace@example.org")

    _sign_up(client)
    login = client.post(reverse("account_login"), {"login": "grace@example.org", "password": NEW_PASSWORD})

    holder.refresh_from_db()
    assert (login.status_code, login.url) == (302, reverse("account_email_verification_sent"))
    assert (holder.user, Person.objects.count(), "_auth_user_id" in client.session) == (None, 1, False)


def test_signup_with_existing_email_sends_no_second_account(client):
    UserFactory(username="grace", email="grace@example.org")

    response = _sign_up(client)

    assert (response.status_code, User.objects.count()) == (302, 1)
    assert [email.subject for email in Email.objects.all()] == ["Account Already Exists"]


def test_signup_mismatched_passwords_rerenders_with_data_and_translated_error(client):
    response = _sign_up(client, language="fr", password2="another-passphrase-entirely-88")

    page = response.content.decode()
    assert (response.status_code, User.objects.count()) == (200, 0)
    assert 'value="grace@example.org"' in page
    assert "Vous devez saisir deux fois le même mot de passe." in page
    assert 'class="cdx-text-input__input"' in page


def test_signup_bad_email_rerenders_with_data_and_translated_error(client):
    response = _sign_up(client, language="es", email="grace-at-example")

    page = response.content.decode()
    assert (response.status_code, User.objects.count()) == (200, 0)
    assert 'value="grace-at-example"' in page
    assert "cdx-field--status-error" in page
    assert 'lang="es"' in page


def test_login_with_verified_email_signs_in_and_redirects_to_me(client):
    user = UserFactory(username="grace", email="grace@example.org")

    response = client.post(reverse("account_login"), {"login": "Grace@Example.org", "password": NEW_PASSWORD})
    assert (response.status_code, "_auth_user_id" in client.session) == (200, False)

    response = client.post(
        reverse("account_login"),
        {"login": "grace@example.org", "password": "correct-horse-battery-staple-42"},
    )
    assert (response.status_code, response.url, int(client.session["_auth_user_id"])) == (
        302,
        reverse("roles:me"),
        user.pk,
    )


def test_login_wrong_password_rerenders_with_data_and_translated_error(client):
    UserFactory(username="grace", email="grace@example.org")

    with translation.override("fr"):
        url = reverse("account_login")
    response = client.post(url, {"login": "grace@example.org", "password": "wrong-password"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="grace@example.org"' in page
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in page


def test_login_of_account_without_person_gets_one(client, password):
    user = User.objects.create_user(username="shell-made", email="shell@example.org", password=password)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    client.post(reverse("account_login"), {"login": "shell@example.org", "password": password})

    assert list(Person.objects.values_list("user", "display_name")) == [(user.pk, "shell")]
