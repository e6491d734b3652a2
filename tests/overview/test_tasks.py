"""The overview's periodic tasks: registered under their beat names, idempotent."""

import datetime

import pytest
from django.conf import settings
from post_office.models import Email

from leadership.celery import app
from leadership.overview.models import CompetencyGap, DigestLog, ScopeSummary
from leadership.overview.tasks import refresh, send_weekly_digests
from roles.enums import Capacity
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, region
from tests.factories.registry import RoleFactory, RoleRequirementFactory

pytestmark = pytest.mark.django_db


def test_beat_entries_name_registered_tasks():
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {"overview.refresh", "overview.send_weekly_digests"} <= names
    assert (refresh.name, send_weekly_digests.name) == ("overview.refresh", "overview.send_weekly_digests")
    assert {"overview.refresh", "overview.send_weekly_digests"} <= set(app.tasks)


def test_refresh_materialises_every_scope_and_is_idempotent():
    alpha = OrganizationFactory(region=region("NWE"))
    OrganizationFactory(region=region("SSA"))
    RoleRequirementFactory(role=RoleFactory(organization=alpha, seats=2))

    assert refresh() == 5  # the movement, two regions, two organisations
    keys = sorted(ScopeSummary.objects.values_list("key", flat=True))
    gaps = CompetencyGap.objects.count()

    assert refresh() == 5
    assert sorted(ScopeSummary.objects.values_list("key", flat=True)) == keys
    assert CompetencyGap.objects.count() == gaps == 3  # movement, NWE, alpha


def test_send_weekly_digests_sends_once_for_the_given_hour():
    organization = OrganizationFactory()
    RoleFactory(organization=organization, seats=1)  # one vacant seat: something to report
    person = PersonFactory(email="ana@example.org")
    MembershipFactory(person=person, organization=organization, capacity=Capacity.ORGANIZER)

    assert send_weekly_digests(now="2026-11-30T07:00:00+00:00") == 1
    assert send_weekly_digests(now="2026-11-30T08:00:00") == 0  # no offset: read as UTC
    assert send_weekly_digests(now="2026-12-01T07:00:00+00:00") == 0  # Tuesday

    assert [email.to for email in Email.objects.all()] == [["ana@example.org"]]
    assert list(DigestLog.objects.values_list("week", flat=True)) == [datetime.date(2026, 11, 30)]


def test_send_weekly_digests_now_runs_quietly():
    assert send_weekly_digests() == 0
