"""The public nomination form under arbitrary input: it never fails, saves what is valid, shows all escaped."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from nominations import tokens
from nominations.enums import NominationKind, NominationState
from nominations.forms.nominate import NominateForm
from nominations.models import Nomination, NominationCall
from tests.factories.nominations import CallQuestionFactory, NominationCallFactory
from tests.factories.roles import UserFactory

from .strategies import assert_shown_escaped, clean_text, example_rolled_back, fuzz_settings, hostile_text

pytestmark = pytest.mark.django_db

EMAILS = ["nominee@example.org", "Nominee@Bücher.example", "n@İstanbul.example", "ada@例え.jp"]
TEXT_FIELDS = ("nominee_name", "nominee_organization", "external_movement", "external_contact", "statement")


@pytest.fixture
def call(org_a) -> NominationCall:
    call = NominationCallFactory(organization=org_a, title="Board 2027", title_en="Board 2027")
    CallQuestionFactory(call=call, text="Which projects?", text_en="Which projects?")
    return call


def _question_field(call: NominationCall) -> str:
    return f"question_{call.questions.get().pk}"


def _form(call: NominationCall, data: dict[str, str], signed_in: bool) -> NominateForm:
    return NominateForm(data, call=call, questions=list(call.questions.all()), roles=[], signed_in=signed_in)


def _post(client: Client, call: NominationCall, data: dict[str, str]):
    return client.post(reverse("nominations:nominate", args=[call.pk]), data)


plausible = {
    "kind": st.sampled_from([NominationKind.OTHER, NominationKind.EXTERNAL]),
    "nominee_name": clean_text(),
    "nominee_email": st.sampled_from(EMAILS),
    "nominee_username": st.sampled_from(["", "Ada Lovelace", "مريم", "李白_2"]),
    "nominee_organization": clean_text(),
    "nominee_region": st.sampled_from(["", "MENA", "ESEAP"]),
    "external_movement": clean_text(),
    "external_contact": clean_text(),
    "statement": clean_text(8, multiline=True),
    "language": st.sampled_from(["en", "ar", "hi"]),
    "nominator_email": st.just("nominator@example.org"),
    "nominator_name": clean_text(),
    "answer": clean_text(multiline=True),
    "nominee_languages": st.just([]),
}
hostile = {
    **{name: hostile_text(8) for name in plausible},
    "kind": st.sampled_from([NominationKind.SELF, "<b>nope</b>", "other\x00"]),
    "nominee_email": st.one_of(st.emails(), hostile_text(3)),
    "nominee_region": st.sampled_from(["<x>", "MENA\x00"]),
    "language": st.sampled_from(["xx", "en\x00", "<b>"]),
    "nominee_languages": st.lists(
        st.sampled_from(["1\x00", "\x00", "<b>", "99999999999999999999", "-1"]), max_size=2
    ),
    "competencies": st.lists(st.sampled_from(["1\x00", "<b>", "1e3", "99999999999999999999"]), max_size=2),
    "competency_level": st.sampled_from(["9", "1\x00", "<b>"]),
}


@st.composite
def anonymous_data(draw: st.DrawFn) -> dict[str, Any]:
    """What a person types, with up to three fields of anything at all."""
    data: dict[str, Any] = {name: draw(strategy) for name, strategy in plausible.items()}
    for name in draw(st.sets(st.sampled_from(sorted(hostile)), max_size=3)):
        data[name] = draw(hostile[name])
    return data


TYPED = {
    "kind": NominationKind.OTHER,
    "nominee_name": "Ana Quispe",
    "nominee_email": "ana@example.org",
    "nominee_username": "",
    "nominee_organization": "",
    "nominee_region": "",
    "external_movement": "",
    "external_contact": "",
    "statement": "She ran the Quechua edit-a-thons.",
    "language": "es",
    "nominator_email": "nominator@example.org",
    "nominator_name": "",
    "answer": "",
}


@fuzz_settings(20)
@given(data=anonymous_data())
@example(data={**TYPED, "statement": "She ran\x01 the edit-a-thons."})  # the form said valid, the service not
@example(data={**TYPED, "answer": "Wiki Loves\x00 Folklore"})
def test_nominate_form_with_any_input_never_fails_and_shows_it_back_escaped(call, data):
    answer_field = _question_field(call)
    data = {**{name: value for name, value in data.items() if name != "answer"}, answer_field: data["answer"]}
    with example_rolled_back():
        form = _form(call, data, signed_in=False)
        valid = form.is_valid()  # never raises

        response = _post(Client(), call, data)

        event(f"form valid: {valid}, status {response.status_code}")
        if valid and response.status_code == 200:
            # The one rule only the service knows: nominating oneself takes one's own address.
            assert data["kind"] == NominationKind.SELF
            assert response.context["form"].errors == {
                "nominee_email": ["To nominate yourself, give your own email address."]
            }
        if valid and response.status_code == 302:
            nomination = Nomination.objects.get()
            assert _saved(nomination) == _expected(form, answer_field)
        else:
            # Refused: the same page, with the errors and everything that was typed.
            assert response.status_code == 200
            assert response.context["form"].errors
            assert Nomination.objects.count() == 0
            content = response.content.decode()
            for name in (*TEXT_FIELDS, answer_field):
                assert_shown_escaped(content, data[name])


def _saved(nomination: Nomination) -> dict[str, Any]:
    return {
        **{name: getattr(nomination, name) for name in TEXT_FIELDS},
        "answers": list(nomination.answers.values_list("value", flat=True)),
    }


def _expected(form: NominateForm, answer_field: str) -> dict[str, Any]:
    """What the form cleaned, as the service keeps it: stripped, the movement's fields for outsiders only."""
    cleaned = form.cleaned_data
    external = cleaned["kind"] == NominationKind.EXTERNAL
    answer = cleaned[answer_field].strip()
    return {
        "nominee_name": cleaned["nominee_name"].strip(),
        "nominee_organization": cleaned["nominee_organization"].strip(),
        "external_movement": cleaned["external_movement"].strip() if external else "",
        "external_contact": cleaned["external_contact"].strip() if external else "",
        "statement": cleaned["statement"].strip(),
        "answers": [answer] if answer else [],
    }


signed_in_data = st.fixed_dictionaries(
    {
        "nominee_name": clean_text(),
        "nominee_organization": clean_text(),
        "statement": clean_text(8, multiline=True),
        "answer": clean_text(multiline=True),
        "external_movement": clean_text(),
        "external_contact": clean_text(),
        "kind": st.sampled_from([NominationKind.OTHER, NominationKind.EXTERNAL]),
    }
)


@fuzz_settings(12)
@given(data=signed_in_data)
def test_nominate_form_with_valid_text_in_any_script_saves_it_and_the_nominee_reads_it_escaped(call, data):
    user = UserFactory(username="fuzz-nominator")
    answer_field = _question_field(call)
    data = {
        **{name: value for name, value in data.items() if name != "answer"},
        answer_field: data["answer"],
        "nominee_email": "nominee@example.org",
        "language": "ar",
    }
    with example_rolled_back():
        client = Client()
        client.force_login(user)
        form = _form(call, data, signed_in=True)
        assert form.is_valid(), form.errors

        response = _post(client, call, data)

        assert response.status_code == 302, response.context["form"].errors
        nomination = Nomination.objects.get()
        assert _saved(nomination) == _expected(form, answer_field)
        assert nomination.state == NominationState.INVITED

        page = Client().get(reverse("nominations:consent", args=[tokens.consent_token(nomination.pk)]))

        assert page.status_code == 200
        content = page.content.decode()
        assert_shown_escaped(content, nomination.nominee_name)
        assert_shown_escaped(content, nomination.statement)
