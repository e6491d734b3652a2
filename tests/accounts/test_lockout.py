"""django-axes locks out one username and IP after repeated failed logins: allauth's form and the admin's."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOCKOUT_TITLE = "Too many failed attempts"


def _fail(client, url, field, login, times, **extra):
    statuses = []
    for _attempt in range(times):
        response = client.post(url, {field: login, "password": "not-the-password"}, **extra)
        statuses.append(response.status_code)
    return statuses


def test_allauth_login_locked_out_after_failure_limit_even_with_right_password(client, settings, password):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="grace", email="grace@example.org")
    url = reverse("account_login")

    statuses = _fail(client, url, "login", "Grace@example.org", 3)
    response = client.post(url, {"login": "grace@example.org", "password": password})

    assert statuses == [200, 200, 403]
    assert response.status_code == 403
    assert LOCKOUT_TITLE in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert list(AccessAttempt.objects.values_list("username", "ip_address", "failures_since_start")) == [
        ("grace@example.org", "127.0.0.1", 4)  # the refused attempt counts too
    ]


def test_allauth_login_lockout_is_per_ip_address(client, settings, password):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(username="grace", email="grace@example.org")
    url = reverse("account_login")
    _fail(client, url, "login", "grace@example.org", 3)

    response = client.post(url, {"login": "grace@example.org", "password": password}, REMOTE_ADDR="192.0.2.7")

    assert (response.status_code, int(client.session["_auth_user_id"])) == (302, user.pk)


def test_allauth_login_failures_below_limit_then_success_resets_count(client, settings, password):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="grace", email="grace@example.org")
    url = reverse("account_login")

    statuses = _fail(client, url, "login", "grace@example.org", 2)
    response = client.post(url, {"login": "grace@example.org", "password": password})

    assert (statuses, response.status_code, AccessAttempt.objects.count()) == ([200, 200], 302, 0)


def test_allauth_login_locked_out_at_default_limit(client, settings, password):
    UserFactory(username="grace", email="grace@example.org")
    url = reverse("account_login")

    statuses = _fail(client, url, "login", "grace@example.org", settings.AXES_FAILURE_LIMIT)
    response = client.post(url, {"login": "grace@example.org", "password": password})

    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [403]
    assert (response.status_code, LOCKOUT_TITLE in response.content.decode()) == (403, True)


def test_admin_login_locked_out_after_failure_limit_even_with_right_password(
    client, settings, staff_user, password
):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("admin:login")

    statuses = _fail(client, url, "username", "staff", 3)
    response = client.post(url, {"username": "staff", "password": password})

    assert url == "/en/admin/login/"
    assert statuses == [200, 200, 403]
    assert (response.status_code, LOCKOUT_TITLE in response.content.decode()) == (403, True)
    assert "_auth_user_id" not in client.session
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("staff", "127.0.0.1")]


def test_admin_login_right_password_below_limit_signs_in(client, settings, staff_user, password):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("admin:login")

    _fail(client, url, "username", "staff", 2)
    response = client.post(url, {"username": "staff", "password": password, "next": "/en/admin/"})

    assert (response.status_code, response.url, int(client.session["_auth_user_id"])) == (
        302,
        "/en/admin/",
        staff_user.pk,
    )
