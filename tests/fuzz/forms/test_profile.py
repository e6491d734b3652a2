"""The profile form of /me/ under arbitrary input: it never fails, saves what is valid, shows all escaped."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from roles.forms.organizations import PersonForm
from roles.models import Person, Region
from tests.factories.roles import UserFactory, region

from .strategies import assert_shown_escaped, clean_text, example_rolled_back, fuzz_settings, hostile_text

pytestmark = pytest.mark.django_db

usernames = st.one_of(
    st.just(""),
    st.sampled_from(["Ada Lovelace", "User:مريم", "李白", "Ñandú_2", "  user:Zoë  "]),
    clean_text(2),
    hostile_text(3),
)
profile_data = st.fixed_dictionaries(
    {
        "display_name": st.one_of(clean_text(), hostile_text()),
        "wikimedia_username": usernames,
        "time_zone": st.sampled_from(
            ["UTC", "Asia/Kolkata", "America/La_Paz", "Pacific/Chatham", "Mars/<b>"]
        ),
        "is_public": st.sampled_from(["on", ""]),
    }
)


@pytest.fixture
def user():
    region("MENA")
    return UserFactory(username="fuzz-profile")


@fuzz_settings(8)
@given(data=profile_data, region_code=st.sampled_from(["", "MENA", "MENA", "<x>"]))
# Both were valid to the form and refused by the service's full_clean.
@example(
    data={"display_name": "Ada\x1b", "wikimedia_username": "", "time_zone": "UTC", "is_public": ""},
    region_code="",
)
@example(
    data={"display_name": "Ada", "wikimedia_username": "A|b", "time_zone": "UTC", "is_public": ""},
    region_code="",
)
def test_profile_form_with_any_input_never_fails_saves_what_is_valid_and_shows_it_escaped(
    user, data, region_code
):
    person = user.person
    region_value = str(Region.objects.get(code="MENA").pk) if region_code == "MENA" else region_code
    data = {**data, "region": region_value}
    with example_rolled_back():
        client = Client()
        client.force_login(user)
        form = PersonForm(data, instance=Person.objects.get(pk=person.pk))
        valid = form.is_valid()  # never raises

        response = client.post(reverse("roles:me"), data)

        event(f"form valid: {valid}, status {response.status_code}")
        if valid:
            # A valid form always saves: the service takes whatever the form let through.
            assert response.status_code == 302, response.context["form"].errors
            saved = Person.objects.get(pk=person.pk)
            assert (saved.display_name, saved.wikimedia_username, str(saved.time_zone)) == (
                form.cleaned_data["display_name"],
                form.cleaned_data["wikimedia_username"],
                str(form.cleaned_data["time_zone"]),
            )
            shown = [saved.display_name]
            page = client.get(reverse("roles:me"))
            if saved.is_public:
                page = client.get(reverse("roles:person_detail", args=[saved.pk]))
                shown.append(saved.wikimedia_username)
            assert page.status_code == 200
        else:
            assert response.status_code == 200
            assert response.context["form"].errors
            saved = Person.objects.get(pk=person.pk)
            assert (saved.display_name, saved.wikimedia_username) == ("fuzz-profile", "")
            page, shown = response, [data["display_name"], data["wikimedia_username"]]
        content = page.content.decode()
        for text in shown:
            assert_shown_escaped(content, text)
