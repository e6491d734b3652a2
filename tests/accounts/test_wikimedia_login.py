"""The Wikimedia login, driven through allauth's real OAuth 2 flow with Meta-Wiki's HTTP calls replaced."""

from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse

from roles.models import Person
from tests.factories import PersonFactory, UserFactory

from .conftest import WIKIMEDIA_CLIENT_ID

pytestmark = pytest.mark.django_db

User = get_user_model()
WIKI_USERNAME = "Ada Wikimedian"


def _profile(**overrides):
    profile = {
        "sub": "48151623",
        "username": WIKI_USERNAME,
        "editcount": 4821,
        "confirmed_email": True,
        "email": "ada@example.org",
        "blocked": False,
        "registered": "20120304050607",
        "groups": ["*", "user", "autoconfirmed"],
        "rights": ["read", "edit"],
        "realname": "",
    }
    profile.update(overrides)
    return profile


def _wikimedia_login(client, settings, profile):
    """Log in through the provider: our redirect to Meta-Wiki, then Meta-Wiki's callback with a code.

    Returns the callback's response and the intercepted HTTP calls.
    """
    start = client.post(reverse("mediawiki_login") + "?process=login")
    authorize = urlsplit(start.url)
    query = parse_qs(authorize.query)
    assert (start.status_code, f"{authorize.scheme}://{authorize.netloc}{authorize.path}") == (
        302,
        settings.WIKIMEDIA_OAUTH_REST_API + "/oauth2/authorize",
    )
    assert (query["client_id"], query["response_type"], query["redirect_uri"]) == (
        [WIKIMEDIA_CLIENT_ID],
        ["code"],
        ["http://testserver" + reverse("mediawiki_callback")],
    )
    with responses.RequestsMock() as meta:
        meta.post(
            settings.WIKIMEDIA_OAUTH_REST_API + "/oauth2/access_token",
            json={"access_token": "wiki-access-token", "token_type": "Bearer", "expires_in": 14400},
        )
        meta.get(settings.WIKIMEDIA_OAUTH_REST_API + "/oauth2/resource/profile", json=profile)
        response = client.get(
            reverse("mediawiki_callback"), {"code": "wiki-authorization-code", "state": query["state"][0]}
        )
        calls = list(meta.calls)
    return response, calls


def test_wikimedia_login_creates_account_person_and_verified_email(client, settings, wikimedia_app):
    response, calls = _wikimedia_login(client, settings, _profile())

    user = User.objects.get()
    person = Person.objects.get()
    assert (response.status_code, response.url) == (302, reverse("roles:me"))
    assert [(call.request.method, call.request.url.split("?")[0]) for call in calls] == [
        ("POST", settings.WIKIMEDIA_OAUTH_REST_API + "/oauth2/access_token"),
        ("GET", settings.WIKIMEDIA_OAUTH_REST_API + "/oauth2/resource/profile"),
    ]
    assert calls[1].request.headers["User-Agent"] == settings.WIKIMEDIA_USER_AGENT
    assert calls[1].request.headers["Authorization"] == "Bearer wiki-access-token"
    assert list(SocialAccount.objects.values_list("provider", "uid", "user")) == [
        ("mediawiki", "48151623", user.pk)
    ]
    assert (person.user, person.display_name, person.wikimedia_username, person.email) == (
        user,
        WIKI_USERNAME,
        WIKI_USERNAME,
        "ada@example.org",
    )
    assert list(EmailAddress.objects.values_list("user", "email", "verified", "primary")) == [
        (user.pk, "ada@example.org", True, True)
    ]
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wikimedia_login_claims_unclaimed_person_with_that_username(client, settings, wikimedia_app):
    holder = PersonFactory(display_name="A. Wikimedian", wikimedia_username=WIKI_USERNAME, email="")

    _wikimedia_login(client, settings, _profile())

    holder.refresh_from_db()
    user = User.objects.get()
    assert Person.objects.count() == 1
    assert (holder.user, holder.display_name, holder.wikimedia_username, holder.email) == (
        user,
        "A. Wikimedian",
        WIKI_USERNAME,
        "ada@example.org",
    )


def test_wikimedia_login_claims_unclaimed_person_with_confirmed_email(client, settings, wikimedia_app):
    nominee = PersonFactory(display_name="Ada", wikimedia_username="", email="ada@example.org")

    _wikimedia_login(client, settings, _profile())

    nominee.refresh_from_db()
    assert (Person.objects.count(), nominee.user, nominee.wikimedia_username) == (
        1,
        User.objects.get(),
        WIKI_USERNAME,
    )


def test_wikimedia_login_twice_signs_in_the_same_account(client, settings, wikimedia_app):
    _wikimedia_login(client, settings, _profile())
    client.logout()

    response, _calls = _wikimedia_login(client, settings, _profile())

    assert (
        response.status_code,
        User.objects.count(),
        Person.objects.count(),
        SocialAccount.objects.count(),
    ) == (
        302,
        1,
        1,
        1,
    )


def test_wikimedia_login_with_confirmed_email_of_existing_account_connects_it(
    client, settings, wikimedia_app
):
    existing = UserFactory(username="ada", email="ada@example.org")

    response, _calls = _wikimedia_login(client, settings, _profile())

    existing.person.refresh_from_db()
    assert (response.status_code, User.objects.count(), Person.objects.count()) == (302, 1, 1)
    assert list(SocialAccount.objects.values_list("user", "uid")) == [(existing.pk, "48151623")]
    assert int(client.session["_auth_user_id"]) == existing.pk
    assert (existing.person.display_name, existing.person.wikimedia_username) == ("ada", WIKI_USERNAME)


def test_wikimedia_login_username_held_by_another_account_still_signs_in(client, settings, wikimedia_app):
    squatter = UserFactory(username="squatter")
    squatter.person.wikimedia_username = WIKI_USERNAME
    squatter.person.save()

    response, _calls = _wikimedia_login(client, settings, _profile())

    user = User.objects.exclude(pk=squatter.pk).get()
    assert (response.status_code, int(client.session["_auth_user_id"])) == (302, user.pk)
    assert (user.person.display_name, user.person.wikimedia_username) == (WIKI_USERNAME, "")


def test_wikimedia_login_without_confirmed_email_asks_for_an_address(client, settings, wikimedia_app):
    response, _calls = _wikimedia_login(client, settings, _profile(confirmed_email=False, email=None))

    assert (response.status_code, response.url) == (302, reverse("socialaccount_signup"))
    page = client.get(reverse("socialaccount_signup"))
    assert page.status_code == 200
    assert 'class="cdx-text-input__input"' in page.content.decode()
    assert User.objects.count() == 0

    done = client.post(reverse("socialaccount_signup"), {"email": "ada.lovelace@example.org"})

    user = User.objects.get()
    assert (done.status_code, user.email, user.person.display_name, user.person.wikimedia_username) == (
        302,
        "ada.lovelace@example.org",
        WIKI_USERNAME,
        WIKI_USERNAME,
    )


def test_wikimedia_login_social_signup_bad_email_rerenders_with_error(client, settings, wikimedia_app):
    _wikimedia_login(client, settings, _profile(confirmed_email=False, email=None))

    response = client.post(reverse("socialaccount_signup"), {"email": "not-an-address"})

    page = response.content.decode()
    assert (response.status_code, User.objects.count()) == (200, 0)
    assert 'value="not-an-address"' in page
    assert "cdx-message--error" in page


def test_login_page_offers_wikimedia_login_when_configured(client, wikimedia_app):
    response = client.get(reverse("account_login"))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("mediawiki_login")}?process=login"' in page
    assert "Log in with your Wikimedia account" in page


def test_login_page_hides_wikimedia_login_when_not_configured(client, no_wikimedia_app):
    response = client.get(reverse("account_login"))

    page = response.content.decode()
    assert response.status_code == 200
    assert (reverse("mediawiki_login") in page, "Log in with your Wikimedia account" in page) == (
        False,
        False,
    )
