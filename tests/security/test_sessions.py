"""Sessions: a new key at every sign-in; sign-out, deactivation, deletion and a new password end sessions on
the server, so that replaying an old session cookie finds nobody signed in."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from leadership.celery import app
from roles import services
from roles.models import AccountSession
from roles.tasks import clear_expired_sessions
from tests.accounts.conftest import _clean_rate_limits, wikimedia_app  # noqa: F401 - fixtures used here
from tests.accounts.test_wikimedia_login import _profile, _wikimedia_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "a-new-password-for-the-registry-7"


def _anonymous_session(client: Client) -> str:
    """Give the client a session before it signs in, as a visitor who filled a form would have."""
    session = client.session
    session["visited"] = True
    session.save()
    return session.session_key


def _sign_in(client: Client, user, password: str) -> str:
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert (response.status_code, response.url) == (302, reverse("roles:me"))
    return client.cookies["sessionid"].value


def _signed_in_as(session_key: str) -> int | None:
    """Who a replayed session cookie signs in, as the site sees it (None: nobody)."""
    replay = Client()
    replay.cookies["sessionid"] = session_key
    response = replay.get(reverse("roles:me"))
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_login"))
        return None
    assert response.status_code == 200
    return response.wsgi_request.user.pk


def _tracked(user) -> list[str]:
    return sorted(AccountSession.objects.filter(user=user).values_list("session_key", flat=True))


def _live(*keys: str) -> list[bool]:
    return [Session.objects.filter(session_key=key).exists() for key in keys]


def test_email_sign_in_changes_the_session_key_and_remembers_the_new_one(client, password):
    user = UserFactory(username="grace")
    before = _anonymous_session(client)

    after = _sign_in(client, user, password)

    assert after != before
    assert _live(before, after) == [False, True]
    assert _tracked(user) == [after]
    assert client.session["visited"] is True  # the data of the anonymous session moved to the new key
    assert _signed_in_as(after) == user.pk


def test_wikimedia_sign_in_changes_the_session_key_and_remembers_the_new_one(client, settings, wikimedia_app):  # noqa: F811 - the fixture
    before = _anonymous_session(client)

    response, _calls = _wikimedia_login(client, settings, _profile())

    user = User.objects.get()
    after = client.cookies["sessionid"].value
    assert (response.status_code, response.url) == (302, reverse("roles:me"))
    assert after != before
    assert _live(before, after) == [False, True]
    assert _tracked(user) == [after]


def test_admin_sign_in_changes_the_session_key_and_remembers_the_new_one(client, staff_user, password):
    before = _anonymous_session(client)

    response = client.post(
        reverse("admin:login"),
        {"username": staff_user.username, "password": password, "next": reverse("admin:index")},
    )

    after = client.cookies["sessionid"].value
    assert (response.status_code, response.url) == (302, reverse("admin:index"))
    assert (after != before, _live(before, after), _tracked(staff_user)) == (True, [False, True], [after])


def test_log_out_deletes_the_session_on_the_server(client, password):
    user = UserFactory(username="grace")
    key = _sign_in(client, user, password)

    response = client.post(reverse("account_logout"))

    assert (response.status_code, response.url) == (302, reverse("home"))
    assert (_live(key), _tracked(user)) == ([False], [])
    assert _signed_in_as(key) is None


def test_sign_in_forgets_sessions_of_the_account_that_ended_meanwhile(password):
    user = UserFactory(username="grace")
    expired = _sign_in(Client(), user, password)
    Session.objects.filter(session_key=expired).delete()  # as `clearsessions` removes an expired session

    current = _sign_in(Client(), user, password)

    assert _tracked(user) == [current]


def test_admin_deactivating_an_account_ends_all_its_sessions(client, staff_user, password):
    user = UserFactory(username="grace")
    other = UserFactory(username="ada")
    laptop, phone = _sign_in(Client(), user, password), _sign_in(Client(), user, password)
    others = _sign_in(Client(), other, password)
    client.force_login(staff_user)
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        # is_active unticked
    }

    response = client.post(reverse("admin:auth_user_change", args=[user.pk]), data)

    user.refresh_from_db()
    assert (response.status_code, response.url, user.is_active) == (
        302,
        reverse("admin:auth_user_changelist"),
        False,
    )
    assert _live(laptop, phone, others) == [False, False, True]
    assert (_tracked(user), _tracked(other)) == ([], [others])
    assert (_signed_in_as(laptop), _signed_in_as(others)) == (None, other.pk)


def test_admin_saving_an_account_that_stays_active_keeps_its_sessions(client, staff_user, password):
    user = UserFactory(username="grace")
    key = _sign_in(Client(), user, password)
    client.force_login(staff_user)
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "Grace",
        "last_name": "",
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }

    response = client.post(reverse("admin:auth_user_change", args=[user.pk]), data)

    assert response.status_code == 302
    assert (_live(key), _signed_in_as(key)) == ([True], user.pk)


def test_admin_deactivate_action_ends_the_sessions_of_the_selected_accounts(client, staff_user, password):
    grace, ada = UserFactory(username="grace"), UserFactory(username="ada")
    keys = [_sign_in(Client(), grace, password), _sign_in(Client(), ada, password)]
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [grace.pk, ada.pk]},
    )

    assert response.status_code == 302
    assert list(User.objects.filter(pk__in=[grace.pk, ada.pk]).values_list("is_active", flat=True)) == [
        False,
        False,
    ]
    assert _live(*keys) == [False, False]
    assert [_signed_in_as(key) for key in keys] == [None, None]


def test_admin_deleting_an_account_ends_its_sessions(client, staff_user, password):
    user = UserFactory(username="grace")
    key = _sign_in(Client(), user, password)
    client.force_login(staff_user)

    response = client.post(reverse("admin:auth_user_delete", args=[user.pk]), {"post": "yes"})

    assert (response.status_code, User.objects.filter(pk=user.pk).exists()) == (302, False)
    assert _live(key) == [False]


def test_deleting_ones_account_ends_its_sessions_on_every_device(client, password):
    user = UserFactory(username="grace")
    phone = _sign_in(Client(), user, password)
    laptop = _sign_in(client, user, password)

    response = client.post(reverse("roles:me_delete"), {"email": user.email})

    assert (response.status_code, response.url) == (302, reverse("home"))
    assert _live(phone, laptop) == [False, False]
    assert AccountSession.objects.count() == 0
    assert _signed_in_as(phone) is None


def test_password_change_keeps_this_session_and_ends_the_others(client, password):
    user = UserFactory(username="grace")
    phone = _sign_in(Client(), user, password)
    laptop = _sign_in(client, user, password)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    current = client.cookies["sessionid"].value
    assert (response.status_code, response.url) == (302, reverse("account_change_password"))
    assert current != laptop  # Django gives the kept session a new key
    assert _live(phone, laptop, current) == [False, False, True]
    assert _tracked(user) == [current]
    assert (_signed_in_as(current), _signed_in_as(phone)) == (user.pk, None)


def test_account_sessions_end_keeps_the_session_asked_for(password):
    user = UserFactory(username="grace")
    first, second = _sign_in(Client(), user, password), _sign_in(Client(), user, password)

    ended = services.account_sessions_end(user=user, keep=second)

    assert (ended, _live(first, second), _tracked(user)) == (1, [False, True], [second])


def test_clear_expired_sessions_deletes_expired_sessions_and_their_rows(password):
    user = UserFactory(username="grace")
    expired, live = _sign_in(Client(), user, password), _sign_in(Client(), user, password)
    Session.objects.filter(session_key=expired).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    anonymous = _anonymous_session(Client())
    Session.objects.filter(session_key=anonymous).update(
        expire_date=timezone.now() - datetime.timedelta(days=1)
    )

    forgotten = clear_expired_sessions.delay().get()
    again = clear_expired_sessions.delay().get()

    assert (forgotten, again) == (1, 0)
    assert _live(expired, live, anonymous) == [False, True, False]
    assert _tracked(user) == [live]


def test_clear_expired_sessions_runs_daily():
    assert settings.CELERY_BEAT_SCHEDULE["roles-clear-expired-sessions"] == {
        "task": "roles.clear_expired_sessions",
        "schedule": 24 * 3600.0,
    }
    assert clear_expired_sessions.name in app.tasks
