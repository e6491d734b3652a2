"""The periodic task that expires unanswered nominations and erases those past their retention period."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from post_office.models import Email

from nominations.enums import NominationState
from nominations.models import Nomination
from nominations.tasks import expire_and_erase
from tests.factories.nominations import NominationAnswerFactory, NominationCallFactory, NominationFactory

pytestmark = pytest.mark.django_db

S = NominationState


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_beat_runs_the_task():
    assert settings.CELERY_BEAT_SCHEDULE["nominations-expire-and-erase"] == {
        "task": "nominations.expire_and_erase",
        "schedule": 3600.0,
    }


def test_expire_and_erase_follows_each_calls_retention(org_a, plain_user):
    short = NominationCallFactory(organization=org_a, retention_days=10)
    long = NominationCallFactory(organization=org_a, retention_days=100)
    unanswered = NominationFactory(
        call=short, state=S.INVITED, state_changed_at=days_ago(11), nominator=plain_user
    )
    NominationAnswerFactory(nomination=unanswered)
    unverified = NominationFactory(
        call=short, state=S.SUBMITTED, state_changed_at=days_ago(11), nominator=None
    )
    still_waiting = NominationFactory(call=long, state=S.INVITED, state_changed_at=days_ago(11))
    not_selected = NominationFactory(call=short, state=S.NOT_SELECTED, state_changed_at=days_ago(12))
    recently_not_selected = NominationFactory(call=short, state=S.NOT_SELECTED, state_changed_at=days_ago(2))
    in_review = NominationFactory(call=short, state=S.IN_REVIEW, state_changed_at=days_ago(50))

    assert expire_and_erase.delay().get() == 3

    states = dict(Nomination.objects.values_list("pk", "state"))
    erased = set(Nomination.objects.filter(erased_at__isnull=False).values_list("pk", flat=True))
    assert states[unanswered.pk] == S.EXPIRED
    assert states[unverified.pk] == S.EXPIRED
    assert states[still_waiting.pk] == S.INVITED
    assert states[not_selected.pk] == S.NOT_SELECTED
    assert states[in_review.pk] == S.IN_REVIEW
    assert erased == {unanswered.pk, unverified.pk, not_selected.pk}
    assert Nomination.objects.get(pk=unanswered.pk).answers.count() == 0
    assert recently_not_selected.pk not in erased
    # The nominator of the expired nomination hears it, without details.
    [told] = Email.objects.filter(to__icontains=plain_user.email)
    assert "expired without an answer" in told.message


def test_expire_and_erase_is_idempotent(org_a):
    call = NominationCallFactory(organization=org_a, retention_days=10)
    NominationFactory(call=call, state=S.INVITED, state_changed_at=days_ago(11))

    assert expire_and_erase() == 1
    assert expire_and_erase() == 0
    assert Nomination.objects.filter(state=S.EXPIRED, erased_at__isnull=False).count() == 1
