"""The sign-up form (allauth, roles.adapters.SignupForm) under arbitrary input.

It never fails; a valid sign-up makes the account, its Person and the unverified address; a refused one
shows the typed address back escaped and never the passwords.
"""

from __future__ import annotations

import html

import pytest
from allauth.account.models import EmailAddress
from allauth.core import context
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from roles.adapters import SignupForm
from roles.models import Person

from .strategies import assert_shown_escaped, clean_text, example_rolled_back, fuzz_settings, hostile_text

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD_TAIL = "-Zq9#kX"  # no page shows this by chance: a password on the page is a leak

local_parts = st.from_regex(r"\A[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]\Z")
domains = st.sampled_from(["example.org", "Bücher.example", "例え.jp", "xn--mgbh0fb.example", "EXAMPLE.ORG"])
typed_email = st.builds(lambda local, domain: f"{local}@{domain}", local_parts, domains)
emails = st.one_of(
    typed_email,
    typed_email,
    st.emails(),
    hostile_text(3),
    st.builds(lambda text: f"{text}@example.org", hostile_text(2)),
)
passwords = st.one_of(clean_text(3), hostile_text(3)).map(lambda text: text + PASSWORD_TAIL)


@fuzz_settings(20)
@given(email=emails, password=passwords, confirmation_differs=st.sampled_from([False, False, False, True]))
def test_signup_with_any_input_never_fails_makes_the_account_or_shows_the_address_escaped(
    email, password, confirmation_differs
):
    data = {
        "email": email,
        "password1": password,
        "password2": password + ("x" if confirmation_differs else ""),
    }
    url = reverse("account_signup")
    with example_rolled_back():
        with context.request_context(RequestFactory().post(url)):
            form = SignupForm(data)
            valid = form.is_valid()  # never raises

        response = Client().post(url, data)

        event(f"form valid: {valid}, status {response.status_code}")
        if valid:
            assert (response.status_code, response["Location"]) == (
                302,
                reverse("account_email_verification_sent"),
            )
            user = User.objects.get()
            address = form.cleaned_data["email"]
            assert user.email == address
            assert list(EmailAddress.objects.values_list("email", "verified")) == [(address, False)]
            assert Person.objects.get(user=user).display_name == address.split("@")[0]
        else:
            assert response.status_code == 200
            assert response.context["form"].errors
            assert User.objects.count() == 0
            content = response.content.decode()
            assert_shown_escaped(content, email)
            assert html.escape(password) not in content
