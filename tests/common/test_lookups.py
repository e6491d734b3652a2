"""Type-ahead lookups: the registry of sources, the endpoint, the form field and its widget."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse

from leadership.common import lookups
from leadership.common.forms import CodexFormMixin
from leadership.common.lookups import LookupField, LookupItem, LookupSource
from roles.lookups import CompetencySource
from tests.factories.registry import CompetencyCategoryFactory, CompetencyFactory

pytestmark = pytest.mark.django_db

WORDS = ["apple", "apricot", "banana", "blueberry", "cherry", "Apple pie"]


class FruitSource(LookupSource):
    """A source over a list, closed to those who may not add competencies (staff only)."""

    name = "test-fruits"
    permission = "roles.add_competency"

    def search(self, query, *, user, limit):
        lowered = query.lower()
        exact = [w for w in WORDS if self.item(w).value == query or w.lower() == lowered]
        rest = sorted((w for w in WORDS if lowered in w.lower() and w not in exact), key=str.lower)
        return (exact + rest)[:limit]

    def item(self, obj):
        return LookupItem(value=obj.lower().replace(" ", "-"), label=obj, description="fruit")


class ManySource(LookupSource):
    name = "test-many"

    def search(self, query, *, user, limit):
        return [f"{query} {n}" for n in range(limit + 5)]  # more than asked: the registry still cuts at 20

    def item(self, obj):
        return LookupItem(value=obj, label=obj)


@pytest.fixture
def fruits():
    source = lookups.register(FruitSource())
    yield source
    lookups.unregister(source.name)


@pytest.fixture
def many():
    source = lookups.register(ManySource())
    yield source
    lookups.unregister(source.name)


# --- The registry ----------------------------------------------------------------------------------------


def test_registry_holds_the_apps_sources_registered_in_ready():
    assert "competencies" in lookups.source_names()
    assert isinstance(lookups.get_source("competencies"), CompetencySource)


def test_registry_unknown_name_is_a_lookup_error():
    with pytest.raises(LookupError, match="nope"):
        lookups.get_source("nope")


def test_registry_refuses_a_second_source_under_a_taken_name(fruits):
    class Other(ManySource):
        name = "test-fruits"

    with pytest.raises(ImproperlyConfigured, match="already registered"):
        lookups.register(Other())
    assert lookups.get_source("test-fruits") is fruits


def test_registry_refuses_a_source_without_a_name():
    with pytest.raises(ImproperlyConfigured, match="no name"):
        lookups.register(LookupSource())


def test_source_resolves_a_key_a_label_whatever_the_case_or_the_only_label_that_contains_the_text(
    fruits, staff_user
):
    assert fruits.resolve("apple-pie", user=staff_user) == "Apple pie"
    assert fruits.resolve("APPLE", user=staff_user) == "apple"
    assert fruits.resolve("cher", user=staff_user) == "cherry"


def test_source_nothing_or_several_matching_is_a_clear_error(fruits, staff_user):
    with pytest.raises(ValidationError) as unknown:
        fruits.resolve("kiwi", user=staff_user)
    with pytest.raises(ValidationError) as several:
        fruits.resolve("b", user=staff_user)

    assert unknown.value.code == "unknown"
    assert unknown.value.messages == [
        "Nothing matches “kiwi”. Type part of its name and choose from the list."
    ]
    assert several.value.code == "ambiguous"
    assert several.value.messages == ["Several choices match “b”: banana, blueberry. Type more of the name."]


class KeyedSource(FruitSource):
    """Fruits whose exact key is found without a search (a search would fail the test)."""

    name = "test-keyed"

    def by_key(self, key, *, user):
        return {self.item(w).value: w for w in WORDS}.get(key)

    def search(self, query, *, user, limit):
        if query in {self.item(w).value for w in WORDS}:
            raise AssertionError("a key is resolved without a search")
        return super().search(query, user=user, limit=limit)


def test_source_with_by_key_resolves_a_key_without_searching(staff_user):
    keyed = KeyedSource()

    assert keyed.resolve("apple-pie", user=staff_user) == "Apple pie"
    assert keyed.resolve("cher", user=staff_user) == "cherry"  # not a key: searched


def test_source_by_key_is_not_asked_when_the_source_is_closed_to_the_user(plain_user):
    with pytest.raises(ValidationError) as unknown:
        KeyedSource().resolve("apple", user=plain_user)

    assert unknown.value.code == "unknown"


def test_competency_source_resolves_a_slug_in_one_query(django_assert_num_queries):
    category = CompetencyCategoryFactory(name="Governance", name_en="Governance")
    board = CompetencyFactory(
        name="Board governance", name_en="Board governance", slug="board", category=category
    )
    CompetencyFactory(name="Old", name_en="Old", slug="old", category=category, active=False)
    source = lookups.get_source("competencies")

    with django_assert_num_queries(1):
        assert source.resolve("board", user=None) == board
    with pytest.raises(ValidationError) as inactive:
        source.resolve("old", user=None)

    assert inactive.value.code == "unknown"


# --- The endpoint ----------------------------------------------------------------------------------------


def _lookup(client, source, **params):
    return client.get(reverse("common:lookup", kwargs={"source": source}), params)


def test_endpoint_returns_codex_menu_items_of_the_matches(client):
    category = CompetencyCategoryFactory(name="Governance", name_en="Governance")
    CompetencyFactory(name="Finance", name_en="Finance", slug="finance", category=category)
    CompetencyFactory(name="Board finance", name_en="Board finance", slug="board-finance", category=category)
    CompetencyFactory(name="Facilitation", name_en="Facilitation", slug="facilitation", category=category)

    response = _lookup(client, "competencies", q="finan")

    content = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    # names that start with the text first, then those that contain it
    assert [item.value for item in response.context["items"]] == ["finance", "board-finance"]
    assert content.count('role="option"') == 2
    assert (
        '<li class="cdx-menu-item cdx-menu-item--enabled" role="option" aria-selected="false" '
        'data-value="finance" data-label="Finance">'
    ) in content
    assert '<span class="cdx-menu-item__text__description"><bdi>Governance</bdi></span>' in content


def test_endpoint_returns_at_most_20_matches(client, many):
    response = _lookup(client, "test-many", q="x")

    assert response.status_code == 200
    assert len(response.context["items"]) == 20
    assert response.content.decode().count('role="option"') == 20


def test_endpoint_competencies_at_most_20_of_more(client):
    category = CompetencyCategoryFactory()
    for n in range(25):
        CompetencyFactory(name=f"Skill {n:02d}", name_en=f"Skill {n:02d}", category=category)

    response = _lookup(client, "competencies", q="skill")

    assert [item.label for item in response.context["items"]] == [f"Skill {n:02d}" for n in range(20)]


def test_endpoint_says_when_nothing_matches(client):
    response = _lookup(client, "competencies", q="astrology")

    assert response.status_code == 200
    assert response.content.decode().strip() == (
        '<li class="cdx-menu__no-results cdx-menu-item" role="option" aria-disabled="true" '
        "data-lookup-message>Nothing matches “astrology”.</li>"
    )


def test_endpoint_blank_query_returns_no_item(client):
    response = _lookup(client, "competencies", q="  ")

    assert response.status_code == 200
    assert response.content.decode().strip() == ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 101, "Type at most 100 characters."),
        ("a\x00b", "Remove the invisible control characters from this text."),
    ],
)
def test_endpoint_bad_query_is_a_400_that_says_why(client, query, message):
    response = _lookup(client, "competencies", q=query)

    assert response.status_code == 400
    assert response.content.decode().strip() == (
        '<li class="cdx-menu__no-results cdx-menu-item" role="option" aria-disabled="true" '
        f"data-lookup-message>{message}</li>"
    )


def test_endpoint_unknown_source_is_not_found(client):
    assert _lookup(client, "nope", q="a").status_code == 404


@pytest.mark.parametrize(("actor", "status"), [(None, 403), ("plain_user", 403), ("staff_user", 200)])
def test_endpoint_source_with_a_permission_is_refused_to_those_without_it(
    request, client, fruits, actor, status
):
    if actor:
        client.force_login(request.getfixturevalue(actor))

    response = _lookup(client, "test-fruits", q="ap")

    assert response.status_code == status
    if status == 200:
        assert [item.label for item in response.context["items"]] == ["apple", "Apple pie", "apricot"]


def test_endpoint_answers_in_the_request_language(client):
    category = CompetencyCategoryFactory(name="Governance", name_en="Governance", name_fr="Gouvernance")
    CompetencyFactory(
        name="Finance", name_en="Finance", name_fr="Finances", slug="finance", category=category
    )

    response = client.get("/fr/lookups/competencies/", {"q": "finan"})

    assert [(i.value, i.label, i.description) for i in response.context["items"]] == [
        ("finance", "Finances", "Gouvernance")
    ]


# --- The field and its widget ----------------------------------------------------------------------------


class FruitForm(CodexFormMixin, forms.Form):
    fruit = LookupField(label="Fruit", source="test-fruits", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fruit"].user = user


def test_field_cleans_to_the_chosen_object_and_shows_its_label_with_its_key(fruits, staff_user):
    form = FruitForm({"fruit": "apple-pie"}, user=staff_user)

    assert form.is_valid()
    assert form.cleaned_data["fruit"] == "Apple pie"
    html = str(form["fruit"])
    assert 'value="Apple pie"' in html
    assert '<input type="hidden" value="apple-pie" data-lookup-value disabled>' in html
    assert 'data-lookup="/en/lookups/test-fruits/"' in html
    assert 'class="cdx-text-input__input"' in html
    assert 'maxlength="100"' in html


def test_field_unknown_text_re_renders_what_was_typed_with_the_error(fruits, staff_user):
    form = FruitForm({"fruit": "kiwi"}, user=staff_user)

    assert form.errors == {
        "fruit": ["Nothing matches “kiwi”. Type part of its name and choose from the list."]
    }
    html = str(form["fruit"])
    assert 'value="kiwi"' in html
    assert "cdx-text-input--status-error" in html
    assert 'aria-invalid="true"' in html


def test_field_source_closed_to_the_user_resolves_nothing(fruits, plain_user):
    form = FruitForm({"fruit": "apple"}, user=plain_user)

    assert form.errors == {
        "fruit": ["Nothing matches “apple”. Type part of its name and choose from the list."]
    }


def test_field_own_error_messages_replace_the_sources(fruits, staff_user):
    class Form(forms.Form):
        fruit = LookupField(source="test-fruits", error_messages={"unknown": "No such fruit: %(value)s."})

    form = Form({"fruit": "kiwi"})
    form.fields["fruit"].user = staff_user

    assert form.errors == {"fruit": ["No such fruit: kiwi."]}


def test_field_required_too_long_and_empty(fruits, staff_user):
    class Form(forms.Form):
        fruit = LookupField(source="test-fruits", max_length=10)

    assert Form({"fruit": " "}).errors == {"fruit": ["This field is required."]}
    assert Form({"fruit": "x" * 11}).errors == {"fruit": ["Type at most 10 characters."]}
    empty = FruitForm({"fruit": ""})
    assert empty.is_valid()
    assert empty.cleaned_data == {"fruit": None}


def test_field_initial_object_shows_its_label_and_key():
    competency = CompetencyFactory(name="Finance", name_en="Finance", slug="finance")

    class Form(forms.Form):
        competency = LookupField(source="competencies")

    html = str(Form(initial={"competency": competency})["competency"])
    assert 'value="Finance"' in html
    assert '<input type="hidden" value="finance" data-lookup-value disabled>' in html
