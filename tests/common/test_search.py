"""Word search over translated content (leadership/common/search.py), and the roles' backfill of it."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from leadership.common import search
from roles.models import Role
from roles.selectors import role_search_q
from tests.factories import OrganizationFactory
from tests.factories.registry import RoleFactory


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Trésorière", "tresoriere"),
        ("ÉCOLE Œuvre Ærø", "ecole oeuvre aero"),
        ("Straße", "strasse"),
        ("Coordenação São Paulo", "coordenacao sao paulo"),
        ("المتطوعين", "المتطوعين"),  # another script is kept as written
        ("सदस्य", "सदस्य"),
    ],
)
def test_fold_takes_off_latin_accents_and_case_only(text, folded):
    assert search.fold(text) == folded


def test_words_are_folded_distinct_and_bounded():
    assert search.words("  Trésorier, trésorier! d'Arte  ") == ["tresorier", "d", "arte"]
    assert len(search.words(" ".join(f"w{n}" for n in range(20)))) == search.MAX_WORDS
    assert search.words(" ,;- ") == []


def test_an_empty_query_matches_everything():
    assert search.search_q("  ", document="search_document", text="search_text") == search.Q()


def test_search_text_keeps_each_folded_text_once():
    assert search.search_text({"en": "Treasurer", "fr": "Trésorier", "es": "TRESORIER", "ar": ""}) == (
        "treasurer\ntresorier"
    )


@pytest.mark.django_db
def test_documents_are_written_on_postgresql_only(org_a):
    role = RoleFactory(organization=org_a, title="Treasurer")

    written = search.write_documents(Role, "search_document", [(role.pk, {"en": "Archivist"})])

    document = Role.objects.values_list("search_document", flat=True).get(pk=role.pk)
    if connection.vendor == "postgresql":
        assert written == 1
        assert "'archivist'" in document
    else:
        assert (written, document) == (0, None)


@pytest.mark.django_db
def test_the_migration_backfills_search_text_and_documents():
    organization = OrganizationFactory()
    roles = [RoleFactory(organization=organization, title=f"Trésorier {n}") for n in range(3)]
    Role.objects.update(search_text="", search_document=None)
    backfill = import_module("roles.migrations.0009_role_search_backfill").backfill

    backfill(apps, None)

    assert set(Role.objects.values_list("search_text", flat=True)) == {
        f"tresorier {n} a fictional role for tests." for n in range(3)
    }
    found = Role.objects.filter(role_search_q("tresoriers")).values_list("pk", flat=True)
    assert sorted(found) == [role.pk for role in roles]
