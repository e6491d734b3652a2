"""The erasure journal: written when an erasure commits, with no personal data, and replayed idempotently."""

import datetime
import json

import pytest
from django.db import transaction

from leadership.common import privacy
from nominations import services
from nominations.models import Nomination
from roles.services import account_delete
from tests.factories import UserFactory
from tests.factories.nominations import NominationFactory

pytestmark = pytest.mark.django_db


def journal(settings):
    path = settings.ERASURE_LOG
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def write_journal(settings, *entries):
    settings.ERASURE_LOG.parent.mkdir(parents=True, exist_ok=True)
    with settings.ERASURE_LOG.open("a") as log:
        for at, kind, pk in entries:
            log.write(json.dumps({"at": at, "kind": kind, "id": pk}) + "\n")


def test_record_erasure_writes_on_commit_only(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        nomination = NominationFactory(nominee_email="quill@example.net", nominee_name="Quill Ammar")
        services.nomination_consent(nomination=nomination, accept=False, never_again=True)

    entries = journal(settings)
    assert [(entry["kind"], entry["id"]) for entry in entries] == [
        ("nomination_never_again", nomination.pk),
        ("nomination", nomination.pk),
    ]
    assert sorted(entries[0]) == ["at", "id", "kind"]  # what and when: no name, no address
    assert "quill" not in settings.ERASURE_LOG.read_text().lower()


def test_record_erasure_rolled_back_writes_nothing(settings, django_capture_on_commit_callbacks):
    nomination = NominationFactory()
    with (  # noqa: PT012 - the erasure and the failure that rolls it back
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.nomination_erase(nomination=nomination)
        raise RuntimeError

    assert journal(settings) == []


def test_account_delete_is_journaled(settings, django_capture_on_commit_callbacks):
    user = UserFactory(username="leaving")
    user_pk = user.pk

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=user)

    assert [(entry["kind"], entry["id"]) for entry in journal(settings)] == [("account", user_pk)]


def test_replay_erases_again_once_and_writes_no_entry(settings):
    nomination = NominationFactory(nominee_email="rue@example.net")
    user = UserFactory(username="gone")
    write_journal(
        settings,
        ("2026-01-01T10:00:00+00:00", "nomination", nomination.pk),
        ("2026-01-01T10:00:01+00:00", "account", user.pk),
        ("2026-01-01T10:00:02+00:00", "account", 999999),
        ("2026-01-01T10:00:03+00:00", "unknown-kind", 1),
    )
    with settings.ERASURE_LOG.open("a") as log:
        log.write('{"at": "2026-01-01T10:00:04+00:00", "kind": "nomin')  # a line cut short by a crash
    before = settings.ERASURE_LOG.read_text()
    since = datetime.datetime.fromisoformat("2026-01-01T10:00:00+00:00")

    first = privacy.replay_erasures(since=since)
    second = privacy.replay_erasures(since=since)

    nomination.refresh_from_db()
    assert nomination.nominee_email == ""
    assert nomination.erased_at is not None
    assert not type(user).objects.filter(pk=user.pk).exists()
    assert (first.replayed, dict(first.erased), dict(first.already), dict(first.unknown)) == (
        3,
        {"nomination": 1, "account": 1},
        {"account": 1},
        {"unknown-kind": 1},
    )
    assert (second.replayed, dict(second.erased), dict(second.already)) == (
        3,
        {},
        {"nomination": 1, "account": 2},
    )
    assert settings.ERASURE_LOG.read_text() == before  # replaying journals nothing new


def test_replay_skips_entries_before_since(settings):
    nomination = NominationFactory(nominee_email="early@example.net")
    write_journal(settings, ("2026-01-01T09:59:59+00:00", "nomination", nomination.pk))
    result = privacy.replay_erasures(since=datetime.datetime.fromisoformat("2026-01-01T10:00:00+00:00"))

    assert result.replayed == 0
    assert Nomination.objects.get(pk=nomination.pk).nominee_email == "early@example.net"
