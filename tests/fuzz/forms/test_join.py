"""The request to join an organisation under arbitrary input: saved when valid, shown escaped to organizers."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from roles.forms.organizations import JoinForm
from roles.models import MembershipRequest
from tests.factories.roles import UserFactory

from .strategies import (
    any_character,
    assert_shown_escaped,
    clean_text,
    example_rolled_back,
    fuzz_settings,
    hostile_text,
)

pytestmark = pytest.mark.django_db

messages = st.one_of(
    st.just(""),
    clean_text(8, multiline=True),
    hostile_text(8),
    st.text(any_character, min_size=1990, max_size=2010),  # around the 2000 characters allowed
)


@fuzz_settings(15)
@given(message=messages)
def test_join_request_with_any_message_never_fails_and_organizers_read_it_escaped(
    org_a, organizer_a, message
):
    requester = UserFactory(username="fuzz-joiner")
    organizer = Client()
    organizer.force_login(organizer_a)
    with example_rolled_back():
        client = Client()
        client.force_login(requester)
        form = JoinForm({"message": message})
        valid = form.is_valid()  # never raises

        response = client.post(reverse("roles:organization_join", args=[org_a.slug]), {"message": message})

        event(f"form valid: {valid}, status {response.status_code}")
        if valid:
            assert response.status_code == 302, response.context["form"].errors
            request = MembershipRequest.objects.get(person=requester.person)
            assert request.message == form.cleaned_data["message"].strip()
            page = organizer.get(reverse("roles:organization_members", args=[org_a.slug]))
            assert page.status_code == 200
            assert_shown_escaped(page.content.decode(), request.message)
        else:
            assert response.status_code == 200
            assert list(response.context["form"].errors) == ["message"]
            assert MembershipRequest.objects.filter(person=requester.person).count() == 0
            assert_shown_escaped(response.content.decode(), message)
